//! The calendar: a Gregorian month with each day's Hijri date, the days
//! read marked, and the month's prayer times when a place is set.

use companion_core::daily::prayer::Prayer;
use companion_core::habit::Weekday;
use companion_core::wire::CalendarMonthView;
use yew::prelude::*;

use super::{load_status, Load};
use crate::components::today_card::{clock, hijri};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;

#[component]
pub fn CalendarPage() -> Html {
    let i18n = use_i18n();
    // The month shown: starts at the app's today (its clock may differ
    // from the window's).
    let month = use_state(|| None::<(i32, u32)>);
    let view = use_state(|| Load::<CalendarMonthView>::Loading);
    {
        let month = month.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(today) = bridge::daily().await {
                    let (y, m, _) = today.day.civil();
                    month.set(Some((y, m)));
                }
            });
        });
    }
    {
        let view = view.clone();
        use_effect_with(*month, move |month| {
            if let Some((year, month)) = *month {
                yew::platform::spawn_local(async move {
                    view.set(match bridge::calendar_month(year, month).await {
                        Ok(v) => Load::Ready(v),
                        Err(e) => Load::Failed(e),
                    });
                });
            }
        });
    }
    let step = |by: i32| {
        let month = month.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((y, m)) = *month {
                let index = y * 12 + m as i32 - 1 + by;
                month.set(Some((
                    index.div_euclid(12),
                    (index.rem_euclid(12) + 1) as u32,
                )));
            }
        })
    };
    let body = match &*view {
        Load::Ready(v) => month_view(v, &i18n),
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="calendar">
            <div class="page">
                <div class="card-head">
                    <h1>{ i18n.t("calendar-title") }</h1>
                    <button class="icon-button" id="calendar-previous" aria-label={i18n.t("calendar-previous")}
                        title={i18n.t("calendar-previous")} onclick={step(-1)}><span class="flip-rtl">{ "‹" }</span></button>
                    <button class="icon-button" id="calendar-next" aria-label={i18n.t("calendar-next")}
                        title={i18n.t("calendar-next")} onclick={step(1)}><span class="flip-rtl">{ "›" }</span></button>
                </div>
                { body }
            </div>
        </main>
    }
}

fn month_view(v: &CalendarMonthView, i18n: &I18n) -> Html {
    let first = v.grid.days.first();
    let last = v.grid.days.last();
    let hijri_span = match (first, last) {
        (Some(f), Some(l)) if f.hijri.month != l.hijri.month => format!(
            "{} – {}",
            hijri_month(i18n, f.hijri.month, f.hijri.year),
            hijri_month(i18n, l.hijri.month, l.hijri.year)
        ),
        (Some(f), _) => hijri_month(i18n, f.hijri.month, f.hijri.year),
        _ => String::new(),
    };
    let start = first.map_or(v.today, |d| d.day.plus(-i32::from(v.grid.leading_blanks)));
    let weekdays: Vec<Weekday> = (0..7).map(|i| start.plus(i).weekday()).collect();
    html! {
        <>
            <section class="card">
                <h2 id="calendar-month" data-month={format!("{}-{:02}", v.year, v.month)}>
                    { format!("{} {}", i18n.t(&format!("month-{}", v.month)), i18n.digits(v.year.unsigned_abs().into())) }
                    <span class="muted hijri-span">{ format!(" · {hijri_span}") }</span>
                </h2>
                <div class="month-grid" role="grid">
                    { for weekdays.iter().map(|w| html! { <div class="weekday muted small" role="columnheader">{ i18n.t(&format!("weekday-short-{}", w.index())) }</div> }) }
                    { for (0..v.grid.leading_blanks).map(|_| html! { <div class="blank"></div> }) }
                    { for v.grid.days.iter().map(|d| {
                        let read = v.read.contains(&d.day);
                        let (_, _, date) = d.day.civil();
                        html! {
                            <div class={classes!("date", read.then_some("read"), (d.day == v.today).then_some("today"))}
                                data-day={d.day.to_string()} role="gridcell"
                                title={format!("{} · {}", i18n.date(d.day), hijri(i18n, d.hijri))}>
                                <span class="greg">{ i18n.digits(u64::from(date)) }</span>
                                <span class="hij">{ if d.hijri.day == 1 { hijri_month(i18n, d.hijri.month, d.hijri.year) } else { i18n.digits(u64::from(d.hijri.day)) } }</span>
                            </div>
                        }
                    }) }
                </div>
                <p class="muted small legend-line"><span class="dot read"></span>{ i18n.t("calendar-read") }</p>
            </section>
            if !v.prayers.is_empty() {
                <section class="card">
                    <h2>{ i18n.t("calendar-prayers") }</h2>
                    <div class="table-scroll">
                        <table class="prayer-table" id="prayer-table">
                            <thead><tr>
                                <th>{ i18n.t("calendar-day") }</th>
                                { for Prayer::ALL.iter().map(|p| html! { <th>{ i18n.t(&format!("prayer-{}", p.as_str())) }</th> }) }
                            </tr></thead>
                            <tbody>
                                { for v.prayers.iter().map(|row| html! {
                                    <tr class={classes!((row.day == v.today).then_some("today"))}>
                                        <th>{ i18n.digits(u64::from(row.day.civil().2)) }</th>
                                        { for row.times.iter().map(|t| html! { <td>{ clock(i18n, t.local.hour(), t.local.minute()) }</td> }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        </>
    }
}

fn hijri_month(i18n: &I18n, month: u8, year: i32) -> String {
    format!(
        "{} {}",
        i18n.t(&format!("hijri-month-{month}")),
        i18n.digits(year.unsigned_abs().into())
    )
}
