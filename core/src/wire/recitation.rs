//! The recitation part of the wire: playback settings, the engine's events
//! and state, the reciter catalogue and downloads.

use serde::{Deserialize, Serialize};

use crate::reference::AyahRef;

/// Silence between ayahs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    #[default]
    None,
    /// A fixed pause, in seconds.
    Seconds { seconds: f32 },
    /// A pause as long as the ayah just heard times `factor` (time to
    /// repeat it, for memorisation).
    Multiple { factor: f32 },
}

/// How recitation plays; part of the settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaybackSettings {
    /// Reciter id from the catalogue.
    pub reciter: String,
    /// Where per-ayah files are fetched from (`{base}/{dir}/{SSSAAA}.mp3`).
    pub base_url: String,
    /// A second base URL tried when the first fails; empty for none.
    pub mirror_url: String,
    /// Times each ayah is heard (1 to 20).
    pub repeat_each: u32,
    /// Times the whole range is heard (1 to 20).
    pub repeat_range: u32,
    pub gap: Gap,
    /// 0.5 to 2.
    pub speed: f32,
    /// Go on into the next surah at the end of one.
    pub continue_next_surah: bool,
}

/// The public host of the per-ayah layout.
pub const DEFAULT_AUDIO_BASE_URL: &str = "https://everyayah.com/data";

impl Default for PlaybackSettings {
    fn default() -> Self {
        PlaybackSettings {
            reciter: "alafasy".into(),
            base_url: DEFAULT_AUDIO_BASE_URL.into(),
            mirror_url: String::new(),
            repeat_each: 1,
            repeat_range: 1,
            gap: Gap::None,
            speed: 1.0,
            continue_next_surah: false,
        }
    }
}

/// Plays the ayahs from `start` to `end` with the saved playback settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayAudioRequest {
    pub start: AyahRef,
    pub end: AyahRef,
}

/// What the recitation engine tells the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AudioEvent {
    /// This ayah's recitation has started (its first sample is playing).
    Playing {
        ayah: AyahRef,
        /// 1-based repetition of the ayah, and round of the range.
        repetition: u32,
        round: u32,
    },
    /// Waiting for this ayah's file.
    Buffering {
        ayah: AyahRef,
    },
    /// This ayah was heard to its end (it counts as read).
    Recited {
        ayah: AyahRef,
    },
    Paused,
    Resumed,
    Stopped,
    /// Everything asked for has been heard.
    Finished,
    Error {
        code: String,
        message: String,
    },
}

/// What the recitation engine is doing. On the wire: `idle`, `buffering`,
/// `playing` or `paused`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaybackState {
    /// Nothing to play.
    #[default]
    Idle,
    /// Waiting for the file of the ayah to hear.
    Buffering,
    Playing,
    Paused,
}

impl PlaybackState {
    /// Whether there is a recitation to show controls for.
    pub fn is_active(self) -> bool {
        self != PlaybackState::Idle
    }

    /// The wire form.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaybackState::Idle => "idle",
            PlaybackState::Buffering => "buffering",
            PlaybackState::Playing => "playing",
            PlaybackState::Paused => "paused",
        }
    }
}

/// The engine's state, for a UI that (re)opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AudioStatus {
    pub state: PlaybackState,
    pub ayah: Option<AyahRef>,
    /// The reciter being heard.
    pub reciter: Option<String>,
}

/// A reciter of the catalogue, with the space their files take here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReciterInfo {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    pub style: String,
    pub bitrate_kbps: u16,
    /// Ayah files stored on this device, and their size in bytes.
    pub files: u64,
    pub bytes: u64,
}

/// What to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DownloadScope {
    Surah { surah: u16 },
    All,
}

/// Where a download stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadState {
    Running,
    Paused,
    Done,
    Failed,
    Cancelled,
}

/// A download's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadProgress {
    pub id: String,
    pub reciter: String,
    pub scope: DownloadScope,
    pub state: DownloadState,
    pub files_done: u64,
    pub files_total: u64,
    /// Bytes fetched by this run of the download.
    pub bytes: u64,
    /// Why it failed, when it did.
    pub message: Option<String>,
}

/// Starts a download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadRequest {
    pub reciter: String,
    pub scope: DownloadScope,
}

/// Names a download (pause, resume, cancel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadId {
    pub id: String,
}

/// Names a reciter (delete their files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReciterId {
    pub reciter: String,
}
