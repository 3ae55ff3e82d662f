//! A group's khatmah, under its card on the Together screen: the whole
//! Qur'an read together, a juz (or a hizb) each. Every portion shows who
//! holds it and whether it is read; a free one can be taken, one's own
//! opened in the reader, marked read or given back. An admin starts one
//! (with a deadline, if wanted) or cancels it. Changes by others show at
//! once (live); earlier khatmahs are listed below.

use companion_core::command as cmd;
use companion_core::wire::{
    CommandError, Division, GroupKhatmahView, GroupKhatmahs, GroupRef, GroupView, KhatmahRef,
    PortionAction, PortionRequest, PortionView, StartKhatmahRequest, ViewTarget,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge::invoke;
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct GroupKhatmahProps {
    pub group: GroupView,
}

/// What a call answered: the khatmahs after, or why not.
type Answer = Result<GroupKhatmahs, CommandError>;

#[component]
pub fn GroupKhatmah(props: &GroupKhatmahProps) -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let khatmahs = use_state(|| Load::<GroupKhatmahs>::Loading);
    let failed = use_state(|| None::<CommandError>);
    let group = props.group.id.clone();
    {
        let (khatmahs, group) = (khatmahs.clone(), group.clone());
        use_effect_with((group.clone(), app.live.khatmah), move |_| {
            yew::platform::spawn_local(async move {
                let request = GroupRef { id: group };
                khatmahs.set(match invoke::<cmd::GroupKhatmah>(&request).await {
                    Ok(all) => Load::Ready(all),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    let answered = {
        let (khatmahs, failed) = (khatmahs.clone(), failed.clone());
        Callback::from(move |answer: Answer| match answer {
            Ok(all) => {
                failed.set(None);
                khatmahs.set(Load::Ready(all));
            }
            Err(error) => failed.set(Some(error)),
        })
    };
    let body = match &*khatmahs {
        Load::Ready(all) => html! {
            <>
                { match &all.current {
                    Some(k) => html! { <Running group={props.group.clone()} khatmah={k.clone()} on_answer={answered.clone()} /> },
                    None if props.group.admin => html! { <StartForm group={group.clone()} on_answer={answered.clone()} /> },
                    None => html! { <p class="muted" id="khatmah-none">{ i18n.t("khatmah-none") }</p> },
                } }
                if !all.past.is_empty() {
                    <ul class="khatmah-past muted small">
                        { for all.past.iter().map(|p| html! {
                            <li>{ i18n.t_args(&format!("khatmah-past-{}", p.status), &[
                                ("number", p.number.into()),
                                ("done", p.done.into()),
                                ("total", p.total.into()),
                                ("day", i18n.language().localize_digits(p.ended.as_deref().unwrap_or("")).into()),
                            ]) }</li>
                        }) }
                    </ul>
                }
            </>
        },
        other => load_status(other, &i18n),
    };
    html! {
        <section class="card group-khatmah" id="group-khatmah" data-group={group}>
            <h2>{ i18n.t_args("khatmah-title", &[("group", props.group.name.clone().into())]) }</h2>
            { body }
            if let Some(error) = &*failed {
                <p class="message error" role="alert">{ i18n.error(error) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StartProps {
    group: String,
    on_answer: Callback<Answer>,
}

/// An admin's form: by juz or by hizb, and a last day if wanted.
#[component]
fn StartForm(props: &StartProps) -> Html {
    let i18n = use_i18n();
    let (division, deadline) = (use_node_ref(), use_node_ref());
    let onsubmit = {
        let (division, deadline) = (division.clone(), deadline.clone());
        let (group, on_answer) = (props.group.clone(), props.on_answer.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let hizb = division
                .cast::<HtmlSelectElement>()
                .is_some_and(|s| s.value() == "hizb");
            let day = deadline.cast::<HtmlInputElement>().map(|i| i.value());
            let request = StartKhatmahRequest {
                group: group.clone(),
                division: if hizb { Division::Hizb } else { Division::Juz },
                deadline: day.filter(|d| !d.is_empty()),
            };
            let on_answer = on_answer.clone();
            yew::platform::spawn_local(async move {
                on_answer.emit(invoke::<cmd::StartKhatmah>(&request).await);
            });
        })
    };
    html! {
        <form class="group-form" id="khatmah-start" {onsubmit}>
            <label for="khatmah-division">{ i18n.t("khatmah-start-label") }</label>
            <select id="khatmah-division" ref={division} class="input compact">
                { for Division::ALL.iter().map(|d| html! {
                    <option value={d.as_str()}>{ i18n.t(&format!("khatmah-by-{}", d.as_str())) }</option>
                }) }
            </select>
            <label class="small" for="khatmah-deadline">{ i18n.t("khatmah-deadline") }</label>
            <input id="khatmah-deadline" ref={deadline} class="input compact" type="date" />
            <button class="button primary" id="khatmah-start-submit" type="submit">{ i18n.t("khatmah-start") }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct RunningProps {
    group: GroupView,
    khatmah: GroupKhatmahView,
    on_answer: Callback<Answer>,
}

/// The name of a portion: "Juz 5", "Hizb 12".
fn portion_name(i18n: &I18n, division: Division, number: u16) -> String {
    i18n.t_args(
        &format!("khatmah-portion-{}", division.as_str()),
        &[("number", number.into())],
    )
}

/// The running khatmah: progress, the portions, and an admin's Cancel.
#[component]
fn Running(props: &RunningProps) -> Html {
    let (app, i18n) = (use_app(), use_i18n());
    let k = &props.khatmah;
    let confirming = use_state(|| false);
    let act = |number: u16, action: PortionAction| {
        let request = PortionRequest {
            group: props.group.id.clone(),
            khatmah: k.id.clone(),
            number,
            action,
        };
        let on_answer = props.on_answer.clone();
        Callback::from(move |_: MouseEvent| {
            let (request, on_answer) = (request.clone(), on_answer.clone());
            yew::platform::spawn_local(async move {
                on_answer.emit(invoke::<cmd::KhatmahPortion>(&request).await);
            });
        })
    };
    let read = |number: u16| {
        let app = app.clone();
        let target = match k.division {
            Division::Juz => ViewTarget::Juz(number),
            Division::Hizb => ViewTarget::HizbQuarter(number.saturating_mul(4).saturating_sub(3)),
        };
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: target.clone(),
                focus: None,
            }))
        })
    };
    let cancel = {
        let request = KhatmahRef {
            group: props.group.id.clone(),
            khatmah: k.id.clone(),
        };
        let on_answer = props.on_answer.clone();
        Callback::from(move |_: MouseEvent| {
            let (request, on_answer) = (request.clone(), on_answer.clone());
            yew::platform::spawn_local(async move {
                on_answer.emit(invoke::<cmd::CancelKhatmah>(&request).await);
            });
        })
    };
    let toggle = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let percent = (k.done * 100).checked_div(k.total).unwrap_or(0);
    let portion = |p: &PortionView| {
        let state = match (p.done, p.mine, p.reader.is_some()) {
            (true, _, _) => "done",
            (false, true, _) => "mine",
            (false, false, true) => "taken",
            _ => "free",
        };
        html! {
            <li class={classes!("portion", state)} data-number={p.number.to_string()} data-state={state}
                title={format!("{} – {}", p.first, p.last)}>
                <span class="portion-name">{ portion_name(&i18n, k.division, p.number) }</span>
                <span class="portion-reader small">{ match (&p.reader, p.done) {
                    (Some(name), true) => html! { <>{ "✓ " }<bdi>{ name }</bdi></> },
                    (Some(name), false) => html! { <bdi>{ name }</bdi> },
                    (None, _) => html! {},
                } }</span>
                if state == "free" {
                    <button type="button" class="chip claim" onclick={act(p.number, PortionAction::Claim)}>{ i18n.t("khatmah-claim") }</button>
                }
                if state == "mine" {
                    <span class="portion-actions">
                        <button type="button" class="chip read" onclick={read(p.number)}>{ i18n.t("khatmah-read") }</button>
                        <button type="button" class="chip done" onclick={act(p.number, PortionAction::Done)}>{ i18n.t("khatmah-mark-done") }</button>
                        <button type="button" class="chip release" onclick={act(p.number, PortionAction::Release)}>{ i18n.t("khatmah-release") }</button>
                    </span>
                }
            </li>
        }
    };
    html! {
        <>
            <p class="khatmah-summary">
                { i18n.t_args("khatmah-progress", &[
                    ("number", k.number.into()),
                    ("done", k.done.into()),
                    ("total", k.total.into()),
                ]) }
                if let Some(day) = &k.deadline {
                    { " · " }{ i18n.t_args("khatmah-by", &[("day", i18n.language().localize_digits(day).into())]) }
                }
            </p>
            <div class="khatmah-bar" role="progressbar" aria-valuemin="0" aria-valuemax={k.total.to_string()}
                aria-valuenow={k.done.to_string()}>
                <div style={format!("inline-size: {percent}%")}></div>
            </div>
            <ol class={classes!("portions", (k.division == Division::Hizb).then_some("hizb"))} id="khatmah-portions">
                { for k.portions.iter().map(portion) }
            </ol>
            if props.group.admin {
                <div class="actions">
                    if *confirming {
                        <span>{ i18n.t("khatmah-cancel-confirm") }</span>
                        <button type="button" class="button danger" id="khatmah-cancel-confirm" onclick={cancel}>{ i18n.t("khatmah-cancel") }</button>
                        <button type="button" class="button" onclick={toggle}>{ i18n.t("chat-cancel") }</button>
                    } else {
                        <button type="button" class="button" id="khatmah-cancel" onclick={toggle}>{ i18n.t("khatmah-cancel") }</button>
                    }
                </div>
            }
        </>
    }
}
