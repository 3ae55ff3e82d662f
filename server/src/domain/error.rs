//! What a domain rule refuses, and why. Each refusal carries a stable
//! snake_case code (the API's `code`, which clients switch on) and a
//! sentence for people; its kind says what sort of refusal it is, and
//! `http` turns the kind into a status. Store failures pass through
//! unchanged and are never shown to clients.

use crate::store;

/// Everything a domain call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule: a field out of range, a session that
    /// cannot have happened.
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// The thing does not exist, or the caller may not know it exists.
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    /// The caller may see it but not do this.
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// The state of things does not allow it (taken, full, over).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Too many of something in a short time; wait `retry_after` seconds.
    #[error("{message}")]
    TooMany {
        code: &'static str,
        message: String,
        retry_after: u64,
    },
    /// The signed-in account no longer exists.
    #[error("This account no longer exists.")]
    AccountGone,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// Result of every domain call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An input that breaks a rule.
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            code,
            message: message.into(),
        }
    }

    /// Something that does not exist (for the caller).
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Error::NotFound {
            code,
            message: message.into(),
        }
    }

    /// Something the caller may not do.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Error::Forbidden {
            code,
            message: message.into(),
        }
    }

    /// Something the state of things does not allow.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Error::Conflict {
            code,
            message: message.into(),
        }
    }

    /// The stable code of a refusal; `None` for a failure of the server.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { code, .. }
            | Error::NotFound { code, .. }
            | Error::Forbidden { code, .. }
            | Error::Conflict { code, .. }
            | Error::TooMany { code, .. } => Some(code),
            Error::AccountGone => Some("unauthorized"),
            Error::Store(_) => None,
        }
    }
}
