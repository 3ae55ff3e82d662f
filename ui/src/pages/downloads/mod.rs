//! Downloads for offline listening: per reciter, the space used and a
//! surah or the whole Qur'an to fetch; every download with its progress in
//! files and bytes, and pause, resume and cancel.

mod job;
mod start;

use std::rc::Rc;

use companion_core::wire::{DownloadScope, DownloadState, ReciterInfo, SurahSummary};
use yew::prelude::*;

use self::job::DownloadJob;
use self::start::DownloadStart;
use super::{load_status, use_load, Load};
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::use_app;

/// Ayahs in the Qur'an: a complete download has this many files.
const ALL_AYAHS: u64 = 6236;

/// Bytes as megabytes, one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

/// A surah as a download names it: `2. Al-Baqarah`, or its number until
/// the names arrive.
fn surah_name(surahs: &Load<Rc<Vec<SurahSummary>>>, n: u16) -> String {
    match surahs {
        Load::Ready(all) => all
            .iter()
            .find(|s| s.number == n)
            .map_or_else(|| n.to_string(), |s| format!("{n}. {}", s.transliteration)),
        _ => n.to_string(),
    }
}

/// The reciters with the space each uses, read again whenever a download
/// finishes (`finished` changes) or `reload` is called.
#[hook]
fn use_reciters(finished: usize) -> (Load<Rc<Vec<ReciterInfo>>>, Callback<()>) {
    let reciters = use_state(|| Load::Loading);
    {
        let reciters = reciters.clone();
        use_effect_with(finished, move |_| {
            yew::platform::spawn_local(async move {
                reciters.set(match bridge::reciters().await {
                    Ok(list) => Load::Ready(Rc::new(list)),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let reload = {
        let reciters = reciters.clone();
        Callback::from(move |()| {
            let reciters = reciters.clone();
            yew::platform::spawn_local(async move {
                if let Ok(list) = bridge::reciters().await {
                    reciters.set(Load::Ready(Rc::new(list)));
                }
            });
        })
    };
    ((*reciters).clone(), reload)
}

#[component]
pub fn DownloadsPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let surahs = use_load(|| async { bridge::surahs().await.map(Rc::new) });
    let finished = app
        .downloads
        .values()
        .filter(|p| p.state != DownloadState::Running)
        .count();
    let (reciters, reload) = use_reciters(finished);

    let Load::Ready(list) = &reciters else {
        return html! { <main class="main" id="downloads">{ load_status(&reciters, &i18n) }</main> };
    };
    let name_of = |id: &str| {
        list.iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name_en.clone())
    };
    let names: Rc<Vec<String>> = Rc::new((1..=114u16).map(|n| surah_name(&surahs, n)).collect());

    html! {
        <main class="main" id="downloads">
            <div class="page">
                <h1>{ i18n.t("downloads-title") }</h1>
                <p class="muted">{ i18n.t("downloads-intro") }</p>
                <DownloadStart reciters={list.clone()} surah_names={names} on_deleted={reload} />

                <h2>{ i18n.t("downloads-jobs") }</h2>
                if app.downloads.is_empty() {
                    <p class="muted" id="no-downloads">{ i18n.t("downloads-none") }</p>
                }
                <ul class="download-list">
                    { for app.downloads.values().map(|p| html! {
                        <DownloadJob progress={p.clone()} reciter={name_of(&p.reciter)} what={match p.scope {
                            DownloadScope::All => i18n.t("downloads-whole"),
                            DownloadScope::Surah { surah } => surah_name(&surahs, surah),
                        }} />
                    }) }
                </ul>
            </div>
        </main>
    }
}
