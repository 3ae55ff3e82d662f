//! Stats: totals, the last 7 or 30 days as bars (Hasanat, ayahs or
//! minutes), the last year as a heat map of reading days, and how much of
//! the Qur'an has been read at least once, as a map of the surahs or juz.

use companion_core::wire::{Share, StatsView};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::components::charts::{bars, heat_map, share_map, Bar, Cell};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

/// What the bars show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Hasanat,
    Ayahs,
    Minutes,
}

/// What the map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapOf {
    Surahs,
    Juz,
}

#[component]
pub fn StatsPage() -> Html {
    let i18n = use_i18n();
    let stats = use_load(bridge::stats);
    let body = match &*stats {
        Load::Ready(view) => html! { <StatsBody view={view.clone()} /> },
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="stats">
            <div class="page">
                <h1>{ i18n.t("stats-title") }</h1>
                { body }
            </div>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatsBodyProps {
    pub view: StatsView,
}

/// The screen for loaded stats (also rendered by the tests).
#[component]
pub fn StatsBody(props: &StatsBodyProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let days = use_state(|| 7usize);
    let metric = use_state(|| Metric::Hasanat);
    let map = use_state(|| MapOf::Surahs);
    let rtl = i18n.language().is_rtl();
    let v = &props.view;
    let choice = |id: &str, label: &str, on: bool, onclick: Callback<MouseEvent>| {
        html! {
            <button class={classes!("chip", on.then_some("on"))} id={id.to_owned()} aria-pressed={on.to_string()} {onclick}>
                { i18n.t(label) }
            </button>
        }
    };
    let set_days = |n: usize| {
        let days = days.clone();
        Callback::from(move |_| days.set(n))
    };
    let set_metric = |m: Metric| {
        let metric = metric.clone();
        Callback::from(move |_| metric.set(m))
    };
    let set_map = |m: MapOf| {
        let map = map.clone();
        Callback::from(move |_| map.set(m))
    };
    let achievements = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Navigate(Route::Achievements)))
    };
    let percent = f64::from(v.distinct_ayahs) * 100.0 / 6236.0;
    html! {
        <>
            <section class="card">
                <h2>{ i18n.t("stats-totals") }</h2>
                { totals(v, &i18n) }
                <button class="button" id="open-achievements" onclick={achievements}>{ i18n.t("home-see-achievements") }</button>
            </section>
            <section class="card">
                <div class="card-head">
                    <h2>{ i18n.t("stats-daily") }</h2>
                    <div class="chips" role="group">
                        { choice("stats-7", "stats-last-7", *days == 7, set_days(7)) }
                        { choice("stats-30", "stats-last-30", *days == 30, set_days(30)) }
                    </div>
                    <div class="chips" role="group">
                        { choice("metric-hasanat", "stats-metric-hasanat", *metric == Metric::Hasanat, set_metric(Metric::Hasanat)) }
                        { choice("metric-ayahs", "stats-metric-ayahs", *metric == Metric::Ayahs, set_metric(Metric::Ayahs)) }
                        { choice("metric-minutes", "stats-metric-minutes", *metric == Metric::Minutes, set_metric(Metric::Minutes)) }
                    </div>
                </div>
                { bars("stats-bars", &daily_bars(v, *days, *metric, &i18n), rtl) }
                <div class="chart-axis muted small">
                    <span>{ v.last_30.iter().rev().nth(*days - 1).map(|d| i18n.date(d.day)).unwrap_or_default() }</span>
                    <span>{ i18n.date(v.today) }</span>
                </div>
            </section>
            <section class="card">
                <h2>{ i18n.t("stats-year") }</h2>
                { heat_map("stats-year", &year_cells(v, &i18n), rtl) }
                <div class="legend muted small" aria-hidden="true">
                    <span>{ i18n.t("stats-less") }</span>
                    { for (0..=4).map(|l| html! { <span class={classes!("swatch", format!("level-{l}"))}></span> }) }
                    <span>{ i18n.t("stats-more") }</span>
                </div>
            </section>
            <section class="card" id="stats-map-card" data-distinct={v.distinct_ayahs.to_string()}>
                <div class="card-head">
                    <h2>{ i18n.t("stats-map") }</h2>
                    <div class="chips" role="group">
                        { choice("map-surahs", "stats-map-surahs", *map == MapOf::Surahs, set_map(MapOf::Surahs)) }
                        { choice("map-juz", "stats-map-juz", *map == MapOf::Juz, set_map(MapOf::Juz)) }
                    </div>
                </div>
                <p class="muted">{ i18n.t_args("stats-map-share", &[
                    ("percent", format_percent(percent, &i18n).into()),
                    ("read", i18n.count(u64::from(v.distinct_ayahs)).into()),
                ]) }</p>
                { match *map {
                    MapOf::Surahs => share_map("stats-map", &v.surahs, 19, false,
                        |i, s| cell_label(&i18n, "stats-map-cell-surah", i, s), rtl),
                    MapOf::Juz => share_map("stats-map", &v.juz, 10, true,
                        |i, s| cell_label(&i18n, "stats-map-cell-juz", i, s), rtl),
                } }
            </section>
        </>
    }
}

fn totals(v: &StatsView, i18n: &I18n) -> Html {
    let figure = |id: &str, label: &str, value: u64| {
        html! {
            <div class="figure" id={id.to_owned()} data-value={value.to_string()}>
                <span class="figure-value">{ i18n.count(value) }</span>
                <span class="figure-label">{ i18n.t(label) }</span>
            </div>
        }
    };
    html! {
        <div class="figures">
            { figure("total-hasanat", "stats-hasanat", v.totals.hasanat) }
            { figure("total-minutes", "stats-minutes", u64::from(v.totals.seconds / 60)) }
            { figure("total-pages", "stats-pages", v.totals.pages.floor() as u64) }
            { figure("total-days", "stats-days", u64::from(v.reading_days)) }
            { figure("total-sessions", "stats-sessions", u64::from(v.sessions)) }
            { figure("total-longest", "stats-streak-longest", u64::from(v.streak.longest)) }
        </div>
    }
}

/// The last `days` days as bars of `metric`.
pub fn daily_bars(v: &StatsView, days: usize, metric: Metric, i18n: &I18n) -> Vec<Bar> {
    let skip = v.last_30.len().saturating_sub(days);
    v.last_30
        .iter()
        .skip(skip)
        .map(|d| {
            let value = match metric {
                Metric::Hasanat => d.hasanat as f64,
                Metric::Ayahs => f64::from(d.ayahs),
                Metric::Minutes => (f64::from(d.seconds) / 60.0 * 10.0).round() / 10.0,
            };
            let shown = match metric {
                Metric::Minutes => format!("{value}"),
                _ => i18n.count(value as u64),
            };
            Bar {
                day: d.day,
                value,
                label: i18n.t_args(
                    "stats-bar",
                    &[("date", i18n.date(d.day).into()), ("value", shown.into())],
                ),
            }
        })
        .collect()
}

/// The heat map's days, from the year's first week start to today.
pub fn year_cells(v: &StatsView, i18n: &I18n) -> Vec<Cell> {
    v.year_ayahs
        .iter()
        .enumerate()
        .map(|(i, &ayahs)| {
            let day = v.year_start.plus(i as i32);
            let excused = v.year_excused.contains(&day);
            let label = if excused && ayahs == 0 {
                i18n.t_args("stats-year-excused", &[("date", i18n.date(day).into())])
            } else {
                i18n.t_args(
                    "stats-year-day",
                    &[
                        ("date", i18n.date(day).into()),
                        ("ayahs", i18n.count(u64::from(ayahs)).into()),
                    ],
                )
            };
            Cell {
                ayahs,
                met: v.year_met.contains(&day),
                excused,
                label,
            }
        })
        .collect()
}

fn cell_label(i18n: &I18n, id: &str, index: usize, share: &Share) -> String {
    i18n.t_args(
        id,
        &[
            ("number", i18n.digits(index as u64 + 1).into()),
            ("read", i18n.count(u64::from(share.read)).into()),
            ("total", i18n.count(u64::from(share.total)).into()),
        ],
    )
}

/// A share as a percentage with one decimal below 10 %.
fn format_percent(percent: f64, i18n: &I18n) -> String {
    let text = if percent > 0.0 && percent < 10.0 {
        format!("{percent:.1}")
    } else {
        format!("{percent:.0}")
    };
    match i18n.language() {
        companion_core::wire::UiLanguage::En => text,
        companion_core::wire::UiLanguage::Ar => text
            .chars()
            .map(|c| match c {
                '.' => '\u{066B}',
                d => d
                    .to_digit(10)
                    .and_then(|v| char::from_u32(0x0660 + v))
                    .unwrap_or(d),
            })
            .collect(),
    }
}
