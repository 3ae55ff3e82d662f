//! The khatm plan on home: today's portion (one click opens it), the
//! plan's progress, and a way to start one (the whole Qur'an or a range
//! of juz by a date, or the Ramadan preset) or end it.

use companion_core::habit::Day;
use companion_core::wire::{KhatmView, SetKhatmRequest, ViewTarget};
use companion_core::AyahRef;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{show_error, use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct KhatmProps {
    pub khatm: Option<KhatmView>,
    /// Called after the plan changed, to load progress again.
    pub on_change: Callback<()>,
}

#[component]
pub fn Khatm(props: &KhatmProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let send = {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), props.on_change.clone());
        move |request: Option<SetKhatmRequest>| {
            let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                let sent = match request {
                    Some(request) => bridge::set_khatm(request).await,
                    None => bridge::end_khatm().await,
                };
                match sent {
                    Ok(()) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        }
    };
    let Some(view) = &props.khatm else {
        let send = send.clone();
        return html! { <NewPlan on_send={Callback::from(move |r| send(Some(r)))} /> };
    };
    let end_plan = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(None))
    };
    let today = view.today.map(|portion| {
        let open = {
            let app = app.clone();
            let route = Route::Reader {
                target: ViewTarget::Surah(portion.start.surah()),
                focus: Some(portion.start),
            };
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Action::NavigateRange(route.clone(), (portion.start, portion.end)))
            })
        };
        html! {
            <p class="khatm-today">
                <span>{ i18n.t_args("khatm-today", &[
                    ("start", portion.start.to_string().into()),
                    ("end", portion.end.to_string().into()),
                    ("first_page", i18n.count(u64::from(portion.first_page)).into()),
                    ("last_page", i18n.count(u64::from(portion.last_page)).into()),
                ]) }</span>
                <button class="button primary" id="khatm-open" onclick={open}>{ i18n.t("khatm-open") }</button>
            </p>
        }
    });
    html! {
        <div class="khatm" id="khatm" data-done={view.done.to_string()}
            data-start={view.today.map(|p| p.start.to_string()).unwrap_or_default()}>
            <h3>{ i18n.t("khatm-title") }</h3>
            if view.today.is_none() {
                <p class="khatm-complete" id="khatm-complete">{ i18n.t("khatm-complete") }</p>
            }
            { for today }
            <progress max={view.total.to_string()} value={view.done.to_string()} aria-label={i18n.t("khatm-title")}></progress>
            <p class="muted small">
                { i18n.t_args("khatm-progress", &[
                    ("done", i18n.count(u64::from(view.done)).into()),
                    ("total", i18n.count(u64::from(view.total)).into()),
                    ("end", i18n.date(view.end).into()),
                ]) }
                { " · " }
                <button class="link small" id="khatm-end" onclick={end_plan}>{ i18n.t("khatm-end") }</button>
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NewPlanProps {
    on_send: Callback<SetKhatmRequest>,
}

/// "Finish the whole Qur'an by …", or Ramadan from its first day.
#[component]
fn NewPlan(props: &NewPlanProps) -> Html {
    let i18n = use_i18n();
    let date = use_state(String::new);
    let on_date = {
        let date = date.clone();
        Callback::from(move |e: Event| {
            date.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    // The whole Qur'an by default, or a range of juz.
    let juzs = crate::pages::use_load(bridge::juzs);
    let from = use_state(|| 1u16);
    let to = use_state(|| 30u16);
    let pick = |state: &UseStateHandle<u16>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(n) = value.parse() {
                state.set(n);
            }
        })
    };
    let (first, last) = match &*juzs {
        crate::pages::Load::Ready(list) => (
            list.iter()
                .find(|j| j.number == *from)
                .map_or(AyahRef::FIRST, |j| j.first),
            list.iter()
                .find(|j| j.number == *to)
                .map_or(AyahRef::LAST, |j| j.last),
        ),
        _ => (AyahRef::FIRST, AyahRef::LAST),
    };
    let juz_options = |selected: u16| {
        (1..=30u16)
            .map(|n| html! { <option value={n.to_string()} selected={n == selected}>{ i18n.digits(u64::from(n)) }</option> })
            .collect::<Html>()
    };
    // A missing or unreadable date goes as day 0, which the app refuses
    // with a clear message.
    let day = Day::parse(&date).unwrap_or(Day(0));
    let by_date = {
        let on_send = props.on_send.clone();
        Callback::from(move |_: MouseEvent| {
            on_send.emit(SetKhatmRequest::Range {
                first,
                last,
                end: day,
            })
        })
    };
    let ramadan = {
        let on_send = props.on_send.clone();
        Callback::from(move |_: MouseEvent| {
            on_send.emit(SetKhatmRequest::Ramadan { first_day: day })
        })
    };
    html! {
        <div class="khatm" id="khatm">
            <h3>{ i18n.t("khatm-title") }</h3>
            <p class="muted small">{ i18n.t("khatm-hint") }</p>
            <div class="goal-new">
                <label for="khatm-from">{ i18n.t("khatm-from") }</label>
                <select id="khatm-from" class="input compact" onchange={pick(&from)}>{ juz_options(*from) }</select>
                <label for="khatm-to">{ i18n.t("khatm-to") }</label>
                <select id="khatm-to" class="input compact" onchange={pick(&to)}>{ juz_options(*to) }</select>
            </div>
            <div class="goal-new">
                <label for="khatm-date">{ i18n.t("khatm-date") }</label>
                <input id="khatm-date" class="input compact" type="date" value={(*date).clone()} onchange={on_date} />
                <button class="button" id="khatm-start" onclick={by_date}>{ i18n.t("khatm-start") }</button>
                <button class="button" id="khatm-ramadan" onclick={ramadan}>{ i18n.t("khatm-ramadan") }</button>
            </div>
        </div>
    }
}
