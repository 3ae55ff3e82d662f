//! The one HTTP error type: every failure becomes a JSON body
//! `{"code": ..., "message": ...}` with the right status. Domain refusals
//! map here to statuses by kind, keeping their codes and messages; store
//! and internal errors are logged with their detail and answered as a
//! plain 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::domain;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed or a field is invalid (422).
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// The thing asked for does not exist (404).
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    /// The credentials or token are wrong (401).
    #[error("{0}")]
    Unauthorized(String),
    /// Signed in, but not allowed to do this (403).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Something with that name already exists (409).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Too many attempts; try again after this many seconds (429).
    #[error("Too many attempts. Try again in {retry_after} seconds.")]
    TooManyRequests { retry_after: u64 },
    /// Too many of one thing (messages, typing notes) with its own code
    /// and sentence (429).
    #[error("{message}")]
    TooMany {
        code: &'static str,
        message: String,
        retry_after: u64,
    },
    /// The body is larger than the server accepts (413).
    #[error("The request is too large: at most {max} bytes.")]
    TooLarge { max: usize },
    /// The store failed.
    #[error("store error: {0}")]
    Store(#[from] crate::store::Error),
    /// Anything else that is our fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// A validation error.
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            code,
            message: message.into(),
        }
    }
}

/// The JSON body of every error answer.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case identifier to switch on, e.g. `group_not_found`.
    pub code: &'static str,
    /// A sentence for people; its wording may change.
    pub message: String,
}

impl ErrorBody {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        ErrorBody {
            code,
            message: message.into(),
        }
    }
}

impl From<domain::Error> for Error {
    /// Each kind of refusal has its status; its code and message pass on
    /// as they are.
    fn from(error: domain::Error) -> Self {
        match error {
            domain::Error::Invalid { code, message } => Error::Invalid { code, message },
            domain::Error::NotFound { code, message } => Error::NotFound { code, message },
            domain::Error::Forbidden { code, message } => Error::Forbidden { code, message },
            domain::Error::Conflict { code, message } => Error::Conflict { code, message },
            domain::Error::TooMany {
                code,
                message,
                retry_after,
            } => Error::TooMany {
                code,
                message,
                retry_after,
            },
            domain::Error::AccountGone => Error::Unauthorized(error.to_string()),
            domain::Error::Store(error) => Error::Store(error),
        }
    }
}

/// Result of every handler.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            Error::Invalid { code, message } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::new(code, message.clone()),
            ),
            Error::NotFound { code, message } => {
                (StatusCode::NOT_FOUND, ErrorBody::new(code, message.clone()))
            }
            Error::Unauthorized(message) => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new("unauthorized", message.clone()),
            ),
            Error::Forbidden { code, message } => {
                (StatusCode::FORBIDDEN, ErrorBody::new(code, message.clone()))
            }
            Error::Conflict { code, message } => {
                (StatusCode::CONFLICT, ErrorBody::new(code, message.clone()))
            }
            Error::TooManyRequests { retry_after } => {
                let body = ErrorBody::new("too_many_attempts", self.to_string());
                return too_many(body, *retry_after);
            }
            Error::TooMany {
                code,
                message,
                retry_after,
            } => return too_many(ErrorBody::new(code, message.clone()), *retry_after),
            Error::TooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::new("too_large", self.to_string()),
            ),
            Error::Store(crate::store::Error::Unstorable(detail)) => {
                tracing::info!(error = %detail, "unstorable input refused");
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorBody::new(
                        "forbidden_characters",
                        "A value holds a character that cannot be stored (such as NUL).",
                    ),
                )
            }
            Error::Store(_) | Error::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new("internal", "Something went wrong on the server."),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// A 429 with `body` and when to try again.
fn too_many(body: ErrorBody, retry_after: u64) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}
