//! The app's error type. Commands return it; it serializes to the UI as
//! `{code, message}` so the UI switches on `code`, never on message text.

use companion_core::wire::CommandError;
use serde::Serialize;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user (a reference, a query, a note).
    #[error(transparent)]
    Domain(#[from] companion_core::Error),
    /// A request named something that does not exist (surah 115, page 605).
    #[error("{0}")]
    NotFound(String),
    /// A request was malformed in a way the UI should not allow.
    #[error("{0}")]
    Invalid(String),
    /// The local database could not be used.
    #[error("Your saved data could not be read or written: {0}")]
    Database(#[from] sqlx::Error),
    /// The local database is not open (it failed at start).
    #[error("Your saved data is unavailable right now ({0}). The Qur'an reader still works.")]
    StoreUnavailable(String),
    /// A stored JSON document could not be read.
    #[error("A saved setting could not be read: {0}")]
    Json(#[from] serde_json::Error),
    /// Recitation could not start.
    #[error("Recitation is unavailable: {0}")]
    Audio(String),
    /// Playback or a download failed (the audio crate's code and sentence).
    #[error("{message}")]
    Recitation { code: &'static str, message: String },
    /// The sync server could not be reached, or refused (`code`: see
    /// `account::client`), with a sentence for the reader.
    #[error("{message}")]
    Server { code: &'static str, message: String },
}

impl Error {
    /// Stable code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Domain(e) => e.code(),
            Error::NotFound(_) => "not_found",
            Error::Invalid(_) => "invalid_request",
            Error::Database(_) => "database_error",
            Error::StoreUnavailable(_) => "store_unavailable",
            Error::Json(_) => "corrupt_setting",
            Error::Audio(_) => "audio_unavailable",
            Error::Recitation { code, .. } => code,
            Error::Server { code, .. } => code,
        }
    }
}

impl From<&Error> for CommandError {
    fn from(error: &Error) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CommandError::from(self).serialize(serializer)
    }
}

/// Result of every fallible function in the app.
pub type Result<T, E = Error> = std::result::Result<T, E>;
