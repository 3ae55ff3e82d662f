//! Home: continue where you left off, the ayah of the day, and the ways
//! into the Qur'an.

use companion_core::wire::{HomeView, ViewTarget};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::components::go_to_box::GoToBox;
use crate::components::progress_card::ProgressCard;
use crate::components::today_card::TodayCard;
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{use_app, Action, Route};
use crate::text::arabic_digits;

#[component]
pub fn HomePage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let home = use_load(bridge::home);
    let go = |route: Route| {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Navigate(route.clone())))
    };
    let tile = |id: &str, route: Route, title: &str, hint: &str| {
        html! {
            <button class="tile" id={id.to_owned()} onclick={go(route)}>
                <strong>{ i18n.t(title) }</strong>
                <span>{ i18n.t(hint) }</span>
            </button>
        }
    };
    let body = match &*home {
        Load::Ready(view) => ready(view, &app, &i18n),
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="home">
            <div class="page">
                <TodayCard />
                <ProgressCard />
                { body }
                <section class="card">
                    <h2>{ i18n.t("goto-label") }</h2>
                    <GoToBox id="home-goto" />
                </section>
                <h2>{ i18n.t("home-explore") }</h2>
                <div class="tiles">
                    { tile("tile-surahs", Route::Surahs, "tile-surahs", "tile-surahs-hint") }
                    { tile("tile-juz", Route::Juz { quarters: false }, "tile-juz", "tile-juz-hint") }
                    { tile("tile-pages", Route::Pages, "tile-pages", "tile-pages-hint") }
                    { tile("tile-search", Route::Search { query: String::new() }, "tile-search", "tile-search-hint") }
                    { tile("tile-bookmarks", Route::Bookmarks, "tile-bookmarks", "tile-bookmarks-hint") }
                </div>
            </div>
        </main>
    }
}

fn ready(view: &HomeView, app: &crate::state::AppContext, i18n: &crate::i18n::I18n) -> Html {
    let notice = view.notice.as_ref().map(|text| {
        html! {
            <div class="notice" role="alert" id="db-notice">{ text }</div>
        }
    });
    let continue_card = match (&view.last_position, &view.last_surah_name) {
        (Some(position), Some(name)) => {
            let app = app.clone();
            let route = Route::Reader {
                target: position.target.clone(),
                focus: Some(position.ayah),
            };
            let onclick = Callback::from(move |_| app.dispatch(Action::Navigate(route.clone())));
            html! {
                <section class="card">
                    <h2>{ i18n.t("home-continue") }</h2>
                    <button class="button primary" id="continue" {onclick}>
                        { i18n.t_args("home-continue-at", &[("surah", name.clone().into()), ("reference", position.ayah.to_string().into())]) }
                    </button>
                </section>
            }
        }
        _ => {
            let app = app.clone();
            let onclick = Callback::from(move |_| {
                app.dispatch(Action::Navigate(Route::Reader {
                    target: ViewTarget::Surah(1),
                    focus: None,
                }))
            });
            html! {
                <section class="card">
                    <h2>{ i18n.t("home-start") }</h2>
                    <p class="muted">{ i18n.t("home-start-hint") }</p>
                    <button class="button primary" id="start" {onclick}>{ i18n.t("home-start-button") }</button>
                </section>
            }
        }
    };
    let ayah = &view.ayah_of_the_day;
    let open_ayah = {
        let app = app.clone();
        let route = Route::Reader {
            target: ViewTarget::Surah(ayah.reference.surah()),
            focus: Some(ayah.reference),
        };
        Callback::from(move |_| app.dispatch(Action::Navigate(route.clone())))
    };
    html! {
        <>
            { for notice }
            { continue_card }
            <section class="card" id="ayah-of-the-day">
                <h2>{ i18n.t("home-ayah-of-day") }</h2>
                <p class="arabic" lang="ar" dir="rtl">
                    { &ayah.text }
                    <span class="ayah-number">{ arabic_digits(ayah.reference.ayah()) }</span>
                </p>
                if let Some(translation) = &ayah.translation {
                    <p class="translation" dir="auto">{ translation }</p>
                }
                <button class="button" onclick={open_ayah}>
                    { i18n.t_args("search-open", &[("reference", ayah.reference.to_string().into())]) }
                </button>
            </section>
        </>
    }
}
