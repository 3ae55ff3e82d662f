//! Recitation in the app: the engine, the downloads and their commands.
//! Events reach the webview as `audio` and `download` events; the UI only
//! sends commands and renders what it hears.
//!
//! Output: the default audio device. `COMPANION_AUDIO_OUTPUT=null` plays
//! into a real-time clock instead (machines with no sound card, and the
//! end-to-end tests); `COMPANION_AUDIO_BASE_URL` overrides the saved base
//! URL (tests point it at a local server).

use companion_audio::cache::Cache;
use companion_audio::downloads::Downloads;
use companion_audio::fetch::{FetchConfig, Fetcher};
use companion_audio::player::{Engine, Output, PlayRequest};
use companion_core::wire::{
    AudioStatus, DownloadId, DownloadProgress, DownloadRequest, PlayAudioRequest, PlaybackSettings,
    ReciterId, ReciterInfo,
};
use tauri::{Emitter, Manager, Runtime, State};

use crate::error::{Error, Result};
use crate::state::AppState;

/// Registered with `app.manage` in setup.
#[derive(Debug)]
pub struct Recitation {
    pub engine: Engine,
    pub downloads: Downloads,
    pub fetcher: Fetcher,
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
    })
}

fn recitation<'a>(state: &'a State<'_, AppState>) -> Result<&'a Recitation> {
    state
        .recitation()
        .ok_or_else(|| Error::Audio("recitation is not available".into()))
}

fn audio_error(error: companion_audio::Error) -> Error {
    Error::Recitation {
        code: error.code(),
        message: error.to_string(),
    }
}

#[tauri::command]
pub async fn reciters(state: State<'_, AppState>) -> Result<Vec<ReciterInfo>> {
    let recitation = recitation(&state)?;
    Ok(quran_data::reciters()
        .iter()
        .map(|r| {
            let usage = recitation.fetcher.cache().usage(r);
            ReciterInfo {
                id: r.id.into(),
                name_en: r.name_en.into(),
                name_ar: r.name_ar.into(),
                style: r.style.into(),
                bitrate_kbps: r.bitrate_kbps,
                files: usage.files,
                bytes: usage.bytes,
            }
        })
        .collect())
}

#[tauri::command]
pub async fn audio_play(state: State<'_, AppState>, request: PlayAudioRequest) -> Result<()> {
    let playback = state.settings().await.playback;
    let recitation = recitation(&state)?;
    recitation.fetcher.set_bases(bases(&playback));
    recitation
        .engine
        .play(PlayRequest {
            reciter: playback.reciter,
            start: request.start,
            end: request.end,
            repeat_each: playback.repeat_each,
            repeat_range: playback.repeat_range,
            gap: playback.gap,
            speed: playback.speed,
            continue_next_surah: playback.continue_next_surah,
        })
        .map_err(audio_error)
}

#[tauri::command]
pub async fn audio_pause(state: State<'_, AppState>) -> Result<()> {
    recitation(&state)?.engine.pause();
    Ok(())
}

#[tauri::command]
pub async fn audio_resume(state: State<'_, AppState>) -> Result<()> {
    recitation(&state)?.engine.resume();
    Ok(())
}

#[tauri::command]
pub async fn audio_stop(state: State<'_, AppState>) -> Result<()> {
    recitation(&state)?.engine.stop();
    Ok(())
}

#[tauri::command]
pub async fn audio_next(state: State<'_, AppState>) -> Result<()> {
    recitation(&state)?.engine.next();
    Ok(())
}

#[tauri::command]
pub async fn audio_previous(state: State<'_, AppState>) -> Result<()> {
    recitation(&state)?.engine.previous();
    Ok(())
}

#[tauri::command]
pub async fn audio_status(state: State<'_, AppState>) -> Result<AudioStatus> {
    let status = recitation(&state)?.engine.status();
    Ok(AudioStatus {
        state: status.state,
        ayah: status.ayah,
        reciter: status.request.map(|r| r.reciter),
    })
}

#[tauri::command]
pub async fn downloads(state: State<'_, AppState>) -> Result<Vec<DownloadProgress>> {
    Ok(recitation(&state)?.downloads.list())
}

#[tauri::command]
pub async fn download_start(
    state: State<'_, AppState>,
    request: DownloadRequest,
) -> Result<DownloadProgress> {
    let playback = state.settings().await.playback;
    let recitation = recitation(&state)?;
    recitation.fetcher.set_bases(bases(&playback));
    recitation
        .downloads
        .start(&request.reciter, request.scope)
        .map_err(audio_error)
}

#[tauri::command]
pub async fn download_pause(state: State<'_, AppState>, request: DownloadId) -> Result<()> {
    recitation(&state)?
        .downloads
        .pause(&request.id)
        .map_err(audio_error)
}

#[tauri::command]
pub async fn download_resume(state: State<'_, AppState>, request: DownloadId) -> Result<()> {
    recitation(&state)?
        .downloads
        .resume(&request.id)
        .map(|_| ())
        .map_err(audio_error)
}

#[tauri::command]
pub async fn download_cancel(state: State<'_, AppState>, request: DownloadId) -> Result<()> {
    recitation(&state)?
        .downloads
        .cancel(&request.id)
        .map_err(audio_error)
}

#[tauri::command]
pub async fn delete_reciter_audio(state: State<'_, AppState>, request: ReciterId) -> Result<()> {
    let recitation = recitation(&state)?;
    let reciter = companion_audio::reciter(&request.reciter).map_err(audio_error)?;
    recitation
        .fetcher
        .cache()
        .delete(reciter)
        .map_err(audio_error)
}
