//! The juz index and the hizb quarters.

use companion_core::wire::{PartSummary, ViewTarget};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct JuzPageProps {
    /// Show the 240 hizb quarters instead of the 30 juz.
    pub quarters: bool,
}

#[component]
pub fn JuzPage(props: &JuzPageProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let juzs = use_load(bridge::juzs);
    let quarters = use_load(bridge::hizb_quarters);
    let open = |target: ViewTarget, focus| {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: target.clone(),
                focus,
            }))
        })
    };
    let tab = |quarters: bool, label: &str| {
        let app = app.clone();
        let pressed = props.quarters == quarters;
        let onclick =
            Callback::from(move |_| app.dispatch(Action::Replace(Route::Juz { quarters })));
        html! { <button class="chip" aria-pressed={pressed.to_string()} {onclick}>{ i18n.t(label) }</button> }
    };
    let starts = |part: &PartSummary| {
        i18n.t_args(
            "juz-starts",
            &[
                ("surah", part.first_surah.clone().into()),
                ("reference", part.first.to_string().into()),
            ],
        )
    };
    let body = if props.quarters {
        match &*quarters {
            Load::Ready(list) => html! {
                <ul class="list" id="quarter-list">
                    { for list.iter().map(|q| {
                        let hizb = (q.number - 1) / 4 + 1;
                        let quarter = (q.number - 1) % 4 + 1;
                        html! {
                            <li key={q.number}>
                                <button class="row" onclick={open(ViewTarget::HizbQuarter(q.number), None)}>
                                    <span class="num">{ q.number }</span>
                                    <span class="title">{ i18n.t_args("quarter-row", &[("hizb", hizb.into()), ("quarter", quarter.into())]) }</span>
                                    <span class="meta">{ starts(q) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            },
            other => load_status(other, &i18n),
        }
    } else {
        match &*juzs {
            Load::Ready(list) => html! {
                <ul class="list" id="juz-list">
                    { for list.iter().map(|j| html! {
                        <li key={j.number}>
                            <button class="row" id={format!("juz-{}", j.number)} onclick={open(ViewTarget::Juz(j.number), None)}>
                                <span class="num">{ j.number }</span>
                                <span class="title">{ i18n.t_args("juz-row", &[("number", j.number.into())]) }</span>
                                <span class="meta">{ starts(j) }</span>
                            </button>
                        </li>
                    }) }
                </ul>
            },
            other => load_status(other, &i18n),
        }
    };
    html! {
        <main class="main" id="juz">
            <div class="page">
                <h1>{ i18n.t("juz-title") }</h1>
                <div class="tabs" role="group" aria-label={i18n.t("juz-title")}>
                    { tab(false, "juz-tab-juz") }
                    { tab(true, "juz-tab-quarters") }
                </div>
                { body }
            </div>
        </main>
    }
}
