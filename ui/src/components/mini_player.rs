//! The mini player: stays at the bottom of every screen while recitation
//! plays, with the ayah being heard and the controls. Clicking the ayah
//! opens it in the reader.

use companion_core::command::{self as cmd, Command};
use companion_core::wire::{PlaybackState, ViewTarget};
use yew::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app, Action, AppContext, Route};

/// Sends engine command `C` on a click; a failure is said in a toast.
fn control<C: Command<Request = (), Response = ()>>(
    app: &AppContext,
    i18n: &I18n,
) -> Callback<MouseEvent> {
    let (app, i18n) = (app.clone(), i18n.clone());
    Callback::from(move |_: MouseEvent| {
        let (app, i18n) = (app.clone(), i18n.clone());
        yew::platform::spawn_local(async move {
            if let Err(error) = bridge::audio_control::<C>().await {
                show_error(&app, &i18n, &error);
            }
        });
    })
}

#[component]
pub fn MiniPlayer() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let audio = app.audio.clone();
    if !audio.active() {
        return html! {};
    }
    let paused = audio.state == PlaybackState::Paused;
    let (toggle, toggle_label, toggle_icon) = if paused {
        (
            control::<cmd::AudioResume>(&app, &i18n),
            i18n.t("audio-resume"),
            PLAY,
        )
    } else {
        (
            control::<cmd::AudioPause>(&app, &i18n),
            i18n.t("audio-pause"),
            PAUSE,
        )
    };
    let where_label = match audio.ayah {
        Some(ayah) => i18n.t_args("audio-now", &[("reference", ayah.to_string().into())]),
        None => String::new(),
    };
    let state_label = match audio.state {
        PlaybackState::Buffering => i18n.t("audio-buffering"),
        PlaybackState::Paused => i18n.t("audio-paused"),
        PlaybackState::Idle | PlaybackState::Playing => String::new(),
    };
    let repeat_label = (audio.repetition > 1 || audio.round > 1).then(|| {
        i18n.t_args(
            "audio-repetition",
            &[
                ("repetition", audio.repetition.into()),
                ("round", audio.round.into()),
            ],
        )
    });
    let open = audio.ayah.map(|ayah| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: ViewTarget::Surah(ayah.surah()),
                focus: Some(ayah),
            }))
        })
    });
    html! {
        <div class="mini-player" id="mini-player" role="region" aria-label={i18n.t("audio-player")}
            data-state={audio.state.as_str()}>
            <button class="link now-playing" id="now-playing" onclick={open}>
                <span class="play-mark" aria-hidden="true">{ "♪" }</span>
                <bdi>{ where_label }</bdi>
                if let Some(repeat) = repeat_label {
                    <span class="muted small">{ " · " }{ repeat }</span>
                }
                if !state_label.is_empty() {
                    <span class="muted small">{ " · " }{ state_label }</span>
                }
            </button>
            <div class="controls">
                <button class="icon-button" id="audio-previous" aria-label={i18n.t("audio-previous")} title={i18n.t("audio-previous")}
                    onclick={control::<cmd::AudioPrevious>(&app, &i18n)}>{ icon(PREVIOUS) }</button>
                <button class="icon-button primary" id="audio-toggle" aria-label={toggle_label.clone()} title={toggle_label}
                    onclick={toggle}>{ icon(toggle_icon) }</button>
                <button class="icon-button" id="audio-next" aria-label={i18n.t("audio-next")} title={i18n.t("audio-next")}
                    onclick={control::<cmd::AudioNext>(&app, &i18n)}>{ icon(NEXT) }</button>
                <button class="icon-button" id="audio-stop" aria-label={i18n.t("audio-stop")} title={i18n.t("audio-stop")}
                    onclick={control::<cmd::AudioStop>(&app, &i18n)}>{ icon(STOP) }</button>
            </div>
        </div>
    }
}

// Icons as SVG paths (24×24): fonts do not all have the media symbols.
const PLAY: &str = "M8 5v14l11-7z";
const PAUSE: &str = "M6 5h4v14H6zm8 0h4v14h-4z";
const PREVIOUS: &str = "M6 6h2v12H6zm3.5 6 8.5 6V6z";
const NEXT: &str = "M16 6h2v12h-2zM6 18l8.5-6L6 6z";
const STOP: &str = "M6 6h12v12H6z";

fn icon(path: &'static str) -> Html {
    html! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={path} /></svg>
    }
}
