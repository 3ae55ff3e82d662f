//! Recitation for Qur'an Companion.
//!
//! - [`cache`]: where per-ayah files live on disk, written through a
//!   temporary file and renamed into place, so a crash never leaves half a
//!   file where a whole one is expected.
//! - [`check`]: a file is kept only when it decodes as audio to the end.
//! - [`fetch`]: one ayah over HTTP, resuming with Range requests, retrying
//!   with backoff and trying mirrors in turn.
//! - [`downloads`]: surah and whole-Qur'an downloads with progress, pause,
//!   resume and cancel, bounded concurrency, surviving a restart.
//! - [`player`]: gapless verse-by-verse playback on rodio: one engine
//!   thread keeps the next ayahs decoded and queued before the current one
//!   ends, following a pure plan of ayahs, repetitions and rounds; the MP3
//!   encoder delay and padding are trimmed by symphonia (LAME/Xing gapless
//!   info).
//!
//! Audio is never bundled: files come from a base URL the user chooses
//! (default [`quran_data::DEFAULT_AUDIO_BASE_URL`]).

pub mod cache;
pub mod check;
pub mod downloads;
pub mod fetch;
pub mod player;

use std::path::PathBuf;

/// Everything recitation can fail with; each has a stable code and a
/// sentence a reader can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("No reciter is called `{0}`.")]
    UnknownReciter(String),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("The file for {ayah} is not on this device and the network cannot be reached: download the surah for offline listening, or try again when online ({detail}).")]
    Offline { ayah: String, detail: String },
    #[error("The server has no file for {ayah} ({status}).")]
    NotFound { ayah: String, status: u16 },
    #[error("The server answered {status} for {ayah}.")]
    Server { ayah: String, status: u16 },
    #[error("What arrived for {ayah} is not audio: {reason}.")]
    NotAudio { ayah: String, reason: String },
    #[error("Cannot write {path}: {source}. Free some space or choose another folder.")]
    Disk {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("No audio output device is available ({0}). Everything else keeps working; connect a device and press play to try again.")]
    NoDevice(String),
    #[error("Cancelled.")]
    Cancelled,
}

impl Error {
    /// A stable code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownReciter(_) => "unknown_reciter",
            Error::InvalidRequest(_) => "invalid_request",
            Error::Offline { .. } => "offline",
            Error::NotFound { .. } => "not_found",
            Error::Server { .. } => "server_error",
            Error::NotAudio { .. } => "not_audio",
            Error::Disk { .. } => "disk",
            Error::NoDevice(_) => "no_audio_device",
            Error::Cancelled => "cancelled",
        }
    }

    /// Whether trying again (later, or another mirror) may help.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Offline { .. } | Error::Server { .. } | Error::NotAudio { .. }
        )
    }
}

/// Result of everything here.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The catalogue reciter with this id.
pub fn reciter(id: &str) -> Result<&'static quran_data::Reciter> {
    quran_data::reciter(id).ok_or_else(|| Error::UnknownReciter(id.to_owned()))
}
