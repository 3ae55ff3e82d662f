//! Handlers for recitation: the reciter catalogue, playback and downloads.

use companion_core::command::{
    AudioNext, AudioPause, AudioPlay, AudioPrevious, AudioResume, AudioStop, DeleteReciterAudio,
    DownloadCancel, DownloadPause, DownloadResume, DownloadStart, Downloads, GetAudioStatus,
    Reciters,
};
use companion_core::wire::{
    AudioStatus, DownloadId, DownloadProgress, DownloadRequest, PlayAudioRequest, ReciterId,
    ReciterInfo,
};

use super::Handle;
use crate::error::{Error, Result};
use crate::recitation::{audio_error, Recitation};
use crate::state::AppState;

fn recitation(state: &AppState) -> Result<&Recitation> {
    state
        .recitation()
        .ok_or_else(|| Error::Audio("recitation is not available".into()))
}

impl Handle for Reciters {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<ReciterInfo>> {
        let recitation = recitation(state)?;
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
}

impl Handle for AudioPlay {
    async fn handle(state: &AppState, request: PlayAudioRequest) -> Result<()> {
        let recitation = recitation(state)?;
        let play = recitation.play_request(request.start, request.end);
        recitation.engine.play(play).map_err(audio_error)
    }
}

/// Handlers that pass one word to the engine.
macro_rules! engine_controls {
    ($($command:ident => $method:ident),* $(,)?) => {
        $(
            impl Handle for $command {
                async fn handle(state: &AppState, (): ()) -> Result<()> {
                    recitation(state)?.engine.$method();
                    Ok(())
                }
            }
        )*
    };
}

engine_controls! {
    AudioPause => pause,
    AudioResume => resume,
    AudioStop => stop,
    AudioNext => next,
    AudioPrevious => previous,
}

impl Handle for GetAudioStatus {
    async fn handle(state: &AppState, (): ()) -> Result<AudioStatus> {
        let status = recitation(state)?.engine.status();
        Ok(AudioStatus {
            state: status.state,
            ayah: status.ayah,
            reciter: status.request.map(|r| r.reciter),
        })
    }
}

impl Handle for Downloads {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<DownloadProgress>> {
        Ok(recitation(state)?.downloads.list())
    }
}

impl Handle for DownloadStart {
    async fn handle(state: &AppState, request: DownloadRequest) -> Result<DownloadProgress> {
        recitation(state)?
            .downloads
            .start(&request.reciter, request.scope)
            .map_err(audio_error)
    }
}

impl Handle for DownloadPause {
    async fn handle(state: &AppState, request: DownloadId) -> Result<()> {
        recitation(state)?
            .downloads
            .pause(&request.id)
            .map_err(audio_error)
    }
}

impl Handle for DownloadResume {
    async fn handle(state: &AppState, request: DownloadId) -> Result<()> {
        recitation(state)?
            .downloads
            .resume(&request.id)
            .map(|_| ())
            .map_err(audio_error)
    }
}

impl Handle for DownloadCancel {
    async fn handle(state: &AppState, request: DownloadId) -> Result<()> {
        recitation(state)?
            .downloads
            .cancel(&request.id)
            .map_err(audio_error)
    }
}

impl Handle for DeleteReciterAudio {
    async fn handle(state: &AppState, request: ReciterId) -> Result<()> {
        let recitation = recitation(state)?;
        let reciter = companion_audio::reciter(&request.reciter).map_err(audio_error)?;
        recitation
            .fetcher
            .cache()
            .delete(reciter)
            .map_err(audio_error)
    }
}
