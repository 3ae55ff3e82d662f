//! Recitation in the app: the engine and the downloads, started once with
//! the saved playback settings and told of new ones when they are saved.
//! Events reach the webview as `audio` and `download` events; the UI only
//! sends commands (`commands/recitation.rs`) and renders what it hears.
//!
//! Output: the default audio device. `COMPANION_AUDIO_OUTPUT=null` plays
//! into a real-time clock instead (machines with no sound card, and the
//! end-to-end tests); `COMPANION_AUDIO_BASE_URL` overrides the saved base
//! URL (tests point it at a local server).

use std::sync::Mutex;

use companion_audio::cache::Cache;
use companion_audio::downloads::Downloads;
use companion_audio::fetch::{FetchConfig, Fetcher};
use companion_audio::player::{Engine, Event, Output, PlayRequest};
use companion_core::wire::{PlaybackSettings, ReadHow, RecordReadingRequest};
use companion_core::AyahRef;
use tauri::{Emitter, Manager, Runtime};

use crate::error::{Error, Result};
use crate::state::AppState;

/// Kept in the app state once started.
#[derive(Debug)]
pub struct Recitation {
    pub engine: Engine,
    pub downloads: Downloads,
    pub fetcher: Fetcher,
    /// The saved playback settings, given at start and on every save.
    playback: Mutex<PlaybackSettings>,
}

impl Recitation {
    /// The playback settings as last saved.
    pub fn playback(&self) -> PlaybackSettings {
        self.playback.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// New playback settings were saved: the next play and download use
    /// them (and their base URLs).
    pub fn set_playback(&self, playback: PlaybackSettings) {
        self.fetcher.set_bases(bases(&playback));
        if let Ok(mut slot) = self.playback.lock() {
            *slot = playback;
        }
    }

    /// What to play for `start..=end` with the saved settings.
    pub fn play_request(&self, start: AyahRef, end: AyahRef) -> PlayRequest {
        let playback = self.playback();
        PlayRequest {
            reciter: playback.reciter,
            start,
            end,
            repeat_each: playback.repeat_each,
            repeat_range: playback.repeat_range,
            gap: playback.gap,
            speed: playback.speed,
            continue_next_surah: playback.continue_next_surah,
        }
    }
}

/// An ayah heard to its end counts as read, in the open reading session.
fn record_recited<R: Runtime>(app: &tauri::AppHandle<R>, ayah: AyahRef) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let Ok(store) = state.store() else {
            return;
        };
        let (at, day) = state.clock().now_and_today();
        let request = RecordReadingRequest {
            ayahs: vec![ayah],
            how: ReadHow::Recited,
        };
        let recorded = crate::progress::record(store, quran_data::quran(), &request, at, day).await;
        if let Err(error) = recorded {
            tracing::warn!(%error, %ayah, "a recited ayah could not be recorded");
        }
    });
}

/// The audio crate's error, with its code, for the UI.
pub fn audio_error(error: companion_audio::Error) -> Error {
    Error::Recitation {
        code: error.code(),
        message: error.to_string(),
    }
}

/// The base URLs to try, in order.
pub fn bases(playback: &PlaybackSettings) -> Vec<String> {
    let first = std::env::var("COMPANION_AUDIO_BASE_URL")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| playback.base_url.clone());
    let mut bases = vec![first];
    if !playback.mirror_url.trim().is_empty() {
        bases.push(playback.mirror_url.trim().to_owned());
    }
    bases
}

/// Starts the engine and picks up unfinished downloads.
pub fn start<R: Runtime>(
    app: &tauri::AppHandle<R>,
    playback: &PlaybackSettings,
) -> Result<Recitation> {
    let root = app
        .path()
        .app_local_data_dir()
        .map_err(|e| Error::Audio(format!("no folder for audio: {e}")))?
        .join("audio");
    let fetcher = Fetcher::new(Cache::new(root), FetchConfig::new(bases(playback)));
    let runtime = tauri::async_runtime::handle().inner().clone();
    let output = match std::env::var("COMPANION_AUDIO_OUTPUT").as_deref() {
        Ok("null") => Output::Null {
            speedup: 1.0,
            capture: None,
        },
        _ => Output::Device,
    };
    let events = app.clone();
    let engine = Engine::start(
        output,
        fetcher.clone(),
        runtime.clone(),
        Box::new(move |event| {
            if let Event::Recited { ayah } = event {
                record_recited(&events, ayah);
            }
            let _ = events.emit("audio", event);
        }),
    );
    let progress = app.clone();
    let downloads = Downloads::new(
        fetcher.clone(),
        runtime,
        Box::new(move |p| {
            let _ = progress.emit("download", p);
        }),
    );
    downloads.restore();
    Ok(Recitation {
        engine,
        downloads,
        fetcher,
        playback: Mutex::new(playback.clone()),
    })
}
