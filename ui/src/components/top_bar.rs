//! The bar at the top of every screen: back, the app name, the main
//! sections and the go-to box.

use yew::prelude::*;

use crate::components::go_to_box::GoToBox;
use crate::i18n::use_i18n;
use crate::state::{use_app, Action, Route};

#[component]
pub fn TopBar() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let link = |route: Route, id: &str, label: String| {
        let current = std::mem::discriminant(&app.route) == std::mem::discriminant(&route);
        let app = app.clone();
        let onclick = Callback::from(move |_| app.dispatch(Action::Navigate(route.clone())));
        html! {
            <button class="nav-link" id={id.to_owned()} {onclick}
                aria-current={current.then_some("page")}>{ label }</button>
        }
    };
    let back = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Back))
    };
    let home = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Navigate(Route::Home)))
    };
    // Settings as an icon at the end, so the sections fit on one line.
    let settings = {
        let current = app.route == Route::Settings;
        let app = app.clone();
        let onclick = Callback::from(move |_| app.dispatch(Action::Navigate(Route::Settings)));
        html! {
            <button class="icon-button nav-settings" id="nav-settings" {onclick}
                aria-label={i18n.t("nav-settings")} title={i18n.t("nav-settings")}
                aria-current={current.then_some("page")}>{ "⚙" }</button>
        }
    };
    // The account as an icon beside settings: a head and shoulders.
    let account = {
        let current = app.route == Route::Account;
        let app = app.clone();
        let onclick = Callback::from(move |_| app.dispatch(Action::Navigate(Route::Account)));
        html! {
            <button class="icon-button nav-account" id="nav-account" {onclick}
                aria-label={i18n.t("nav-account")} title={i18n.t("nav-account")}
                aria-current={current.then_some("page")}>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none"
                    stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
                    <circle cx="12" cy="8" r="4" />
                    <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" />
                </svg>
            </button>
        }
    };
    html! {
        <header class="topbar">
            if !app.history.is_empty() {
                <button class="icon-button" id="back" onclick={back}
                    aria-label={i18n.t("nav-back")} title={i18n.t("nav-back")}><span class="flip-rtl">{ "←" }</span></button>
            }
            <button class="brand" id="nav-home" onclick={home}>{ i18n.t("app-name") }</button>
            <nav aria-label={i18n.t("nav-main")}>
                { link(Route::Surahs, "nav-surahs", i18n.t("nav-surahs")) }
                { link(Route::Search { query: String::new() }, "nav-search", i18n.t("nav-search")) }
                { link(Route::Bookmarks, "nav-bookmarks", i18n.t("nav-bookmarks")) }
                { link(Route::Stats, "nav-stats", i18n.t("nav-stats")) }
                { link(Route::Calendar, "nav-calendar", i18n.t("nav-calendar")) }
                { link(Route::Dhikr, "nav-dhikr", i18n.t("nav-dhikr")) }
                { link(Route::Focus, "nav-focus", i18n.t("nav-focus")) }
                { link(Route::Together, "nav-together", i18n.t("nav-together")) }
            </nav>
            <span class="spacer"></span>
            <GoToBox id="goto" />
            { account }
            { settings }
        </header>
    }
}
