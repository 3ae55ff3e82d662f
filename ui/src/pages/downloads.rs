//! Downloads for offline listening: per reciter, the space used and a
//! surah or the whole Qur'an to fetch; every download with its progress in
//! files and bytes, and pause, resume and cancel.

use companion_core::wire::{DownloadProgress, DownloadScope, DownloadState, ReciterInfo};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge::{self, DownloadControl};
use crate::state::{use_app, Action};

/// Ayahs in the Qur'an: a complete download has this many files.
const ALL_AYAHS: u64 = 6236;

/// Bytes as megabytes, one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

#[component]
pub fn DownloadsPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let reciters = use_state(|| Load::<Vec<ReciterInfo>>::Loading);
    let surahs = use_load(bridge::surahs);
    let chosen = use_state(|| app.settings.playback.reciter.clone());
    let surah = use_state(|| 1u16);
    let confirm_delete = use_state(|| false);

    // The space used, read again whenever a download finishes.
    let finished = app
        .downloads
        .values()
        .filter(|p| p.state != DownloadState::Running)
        .count();
    {
        let reciters = reciters.clone();
        use_effect_with(finished, move |_| {
            yew::platform::spawn_local(async move {
                reciters.set(match bridge::reciters().await {
                    Ok(list) => Load::Ready(list),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }

    let toast = |app: &crate::state::AppContext,
                 result: Result<(), companion_core::wire::CommandError>| {
        if let Err(error) = result {
            app.dispatch(Action::Toast(error.message));
        }
    };
    let start = |scope_of: fn(u16) -> DownloadScope| {
        let (app, chosen, surah) = (app.clone(), chosen.clone(), surah.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, reciter, scope) = (app.clone(), (*chosen).clone(), scope_of(*surah));
            yew::platform::spawn_local(async move {
                match bridge::download_start(reciter, scope).await {
                    Ok(progress) => app.dispatch(Action::Download(progress)),
                    Err(error) => app.dispatch(Action::Toast(error.message)),
                }
            });
        })
    };
    let delete = {
        let (app, chosen, confirm, reciters) = (
            app.clone(),
            chosen.clone(),
            confirm_delete.clone(),
            reciters.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if !*confirm {
                confirm.set(true);
                return;
            }
            confirm.set(false);
            let (app, reciter, reciters) = (app.clone(), (*chosen).clone(), reciters.clone());
            yew::platform::spawn_local(async move {
                toast(&app, bridge::delete_reciter_audio(reciter).await);
                if let Ok(list) = bridge::reciters().await {
                    reciters.set(Load::Ready(list));
                }
            });
        })
    };
    let pick_reciter = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let pick_surah = {
        let surah = surah.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            surah.set(value.parse().unwrap_or(1));
        })
    };

    let Load::Ready(list) = &*reciters else {
        return html! { <main class="main" id="downloads">{ load_status(&*reciters, &i18n) }</main> };
    };
    let current = list.iter().find(|r| r.id == *chosen).or(list.first());
    let name_of = |id: &str| {
        list.iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name_en.clone())
    };
    let surah_name = |n: u16| match &*surahs {
        Load::Ready(all) => all
            .iter()
            .find(|s| s.number == n)
            .map_or_else(|| n.to_string(), |s| format!("{n}. {}", s.transliteration)),
        _ => n.to_string(),
    };

    html! {
        <main class="main" id="downloads">
            <div class="page">
                <h1>{ i18n.t("downloads-title") }</h1>
                <p class="muted">{ i18n.t("downloads-intro") }</p>
                <div class="settings-grid">
                    <label for="download-reciter">{ i18n.t("settings-reciter") }</label>
                    <select id="download-reciter" class="input" onchange={pick_reciter}>
                        { for list.iter().map(|r| html! {
                            <option value={r.id.clone()} selected={r.id == *chosen}>{ format!("{} — {}", r.name_en, r.name_ar) }</option>
                        }) }
                    </select>
                    <span>{ i18n.t("downloads-stored") }</span>
                    <span id="storage-used">
                        if let Some(r) = current {
                            { i18n.t_args("downloads-usage", &[
                                ("files", r.files.into()),
                                ("total", ALL_AYAHS.into()),
                                ("megabytes", megabytes(r.bytes).into()),
                            ]) }
                        }
                    </span>
                    <label for="download-surah">{ i18n.t("downloads-surah") }</label>
                    <div class="field">
                        <select id="download-surah" class="input" onchange={pick_surah}>
                            { for (1..=114u16).map(|n| html! {
                                <option value={n.to_string()} selected={n == *surah}>{ surah_name(n) }</option>
                            }) }
                        </select>
                        <button class="button primary" id="download-surah-start" onclick={start(|surah| DownloadScope::Surah { surah })}>
                            { i18n.t("downloads-start-surah") }
                        </button>
                    </div>
                </div>
                <p class="actions">
                    <button class="button" id="download-all" onclick={start(|_| DownloadScope::All)}>{ i18n.t("downloads-start-all") }</button>
                    <button class="button danger" id="delete-audio" onclick={delete}>
                        { i18n.t(if *confirm_delete { "downloads-delete-confirm" } else { "downloads-delete" }) }
                    </button>
                </p>

                <h2>{ i18n.t("downloads-jobs") }</h2>
                if app.downloads.is_empty() {
                    <p class="muted" id="no-downloads">{ i18n.t("downloads-none") }</p>
                }
                <ul class="download-list">
                    { for app.downloads.values().map(|p| job(&app, &i18n, p, &name_of(&p.reciter), &match p.scope {
                        DownloadScope::All => i18n.t("downloads-whole"),
                        DownloadScope::Surah { surah } => surah_name(surah),
                    })) }
                </ul>
            </div>
        </main>
    }
}

/// One download with its progress and controls.
fn job(
    app: &crate::state::AppContext,
    i18n: &I18n,
    p: &DownloadProgress,
    reciter: &str,
    what: &str,
) -> Html {
    let control = |command: DownloadControl| {
        let (app, id) = (app.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, id) = (app.clone(), id.clone());
            yew::platform::spawn_local(async move {
                if let Err(error) = bridge::download_control(command, id).await {
                    app.dispatch(Action::Toast(error.message));
                }
            });
        })
    };
    let state = match p.state {
        DownloadState::Running => "download-running",
        DownloadState::Paused => "download-paused",
        DownloadState::Done => "download-done",
        DownloadState::Failed => "download-failed",
        DownloadState::Cancelled => "download-cancelled",
    };
    html! {
        <li class="card download" data-id={p.id.clone()} data-state={i18n.t(state)}>
            <div class="download-head">
                <strong><bdi>{ format!("{reciter} — {what}") }</bdi></strong>
                <span class="muted small">{ i18n.t(state) }</span>
            </div>
            <progress max={p.files_total.to_string()} value={p.files_done.to_string()}
                aria-label={format!("{reciter} — {what}")}></progress>
            <div class="muted small">
                { i18n.t_args("downloads-progress", &[
                    ("done", p.files_done.into()),
                    ("total", p.files_total.into()),
                    ("megabytes", megabytes(p.bytes).into()),
                ]) }
            </div>
            if let Some(message) = &p.message {
                <p class="small error">{ message }</p>
            }
            <div class="actions">
                if p.state == DownloadState::Running {
                    <button class="button" onclick={control(DownloadControl::Pause)}>{ i18n.t("downloads-pause") }</button>
                }
                if matches!(p.state, DownloadState::Paused | DownloadState::Failed) {
                    <button class="button" onclick={control(DownloadControl::Resume)}>{ i18n.t("downloads-resume") }</button>
                }
                if matches!(p.state, DownloadState::Running | DownloadState::Paused | DownloadState::Failed) {
                    <button class="button" onclick={control(DownloadControl::Cancel)}>{ i18n.t("downloads-cancel") }</button>
                }
            </div>
        </li>
    }
}
