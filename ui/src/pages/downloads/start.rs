//! Choosing what to download: a reciter (with the space their audio
//! uses), a surah or the whole Qur'an; and deleting a reciter's audio.

use std::rc::Rc;

use companion_core::wire::{DownloadScope, ReciterInfo};
use yew::prelude::*;

use super::{megabytes, ALL_AYAHS};
use crate::hooks::use_settings_editor::control_value;
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{show_error, use_app, Action};

#[derive(Properties, PartialEq)]
pub struct DownloadStartProps {
    pub reciters: Rc<Vec<ReciterInfo>>,
    /// The 114 surahs' names, in order.
    pub surah_names: Rc<Vec<String>>,
    /// A reciter's audio was deleted (the space used changed).
    pub on_deleted: Callback<()>,
}

#[component]
pub fn DownloadStart(props: &DownloadStartProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let chosen = use_state(|| app.settings.playback.reciter.clone());
    let surah = use_state(|| 1u16);
    let confirm_delete = use_state(|| false);

    let start = |scope_of: fn(u16) -> DownloadScope| {
        let (app, i18n, chosen, surah) = (app.clone(), i18n.clone(), chosen.clone(), surah.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, reciter, scope) = (
                app.clone(),
                i18n.clone(),
                (*chosen).clone(),
                scope_of(*surah),
            );
            yew::platform::spawn_local(async move {
                match bridge::download_start(reciter, scope).await {
                    Ok(progress) => app.dispatch(Action::Download(progress)),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let delete = {
        let (app, i18n, chosen, confirm, deleted) = (
            app.clone(),
            i18n.clone(),
            chosen.clone(),
            confirm_delete.clone(),
            props.on_deleted.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // The first press asks; the second deletes.
            if !*confirm {
                confirm.set(true);
                return;
            }
            confirm.set(false);
            let (app, i18n, reciter, deleted) = (
                app.clone(),
                i18n.clone(),
                (*chosen).clone(),
                deleted.clone(),
            );
            yew::platform::spawn_local(async move {
                if let Err(error) = bridge::delete_reciter_audio(reciter).await {
                    show_error(&app, &i18n, &error);
                }
                deleted.emit(());
            });
        })
    };
    let pick_reciter = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(control_value(&e)))
    };
    let pick_surah = {
        let surah = surah.clone();
        Callback::from(move |e: Event| surah.set(control_value(&e).parse().unwrap_or(1)))
    };
    let list = &props.reciters;
    let current = list.iter().find(|r| r.id == *chosen).or(list.first());

    html! {
        <>
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
                        { for (1..=114u16).zip(props.surah_names.iter()).map(|(n, name)| html! {
                            <option value={n.to_string()} selected={n == *surah}>{ name }</option>
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
        </>
    }
}
