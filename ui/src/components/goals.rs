//! Goals on home: each standing goal as a progress ring with how far along
//! it is, a way to remove it, and a small form to set a new one.

use companion_core::habit::goal::{Goal, Measure, Period};
use companion_core::wire::{GoalView, SetGoalRequest};
use yew::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app};

#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    pub goals: Vec<GoalView>,
    /// Called after a goal was set or removed, to load progress again.
    pub on_change: Callback<()>,
}

#[component]
pub fn Goals(props: &GoalsProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let remove = |id: String| {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, on_change, id) =
                (app.clone(), i18n.clone(), on_change.clone(), id.clone());
            yew::platform::spawn_local(async move {
                match bridge::remove_goal(id).await {
                    Ok(()) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    html! {
        <div class="goals" id="goals">
            <h3>{ i18n.t("goals-title") }</h3>
            if props.goals.is_empty() {
                <p class="muted small">{ i18n.t("goals-none") }</p>
            }
            <ul class="goal-list">
                { for props.goals.iter().map(|g| html! {
                    <li class="goal" data-id={g.id.clone()} data-progress={format!("{:.2}", g.progress)}>
                        { ring(g.progress) }
                        <div class="goal-text">
                            <strong>{ describe(&i18n, g) }</strong>
                            <span class="muted small">{ status(&i18n, g) }</span>
                        </div>
                        <button class="link small goal-remove" aria-label={i18n.t("goals-remove")}
                            onclick={remove(g.id.clone())}>{ i18n.t("goals-remove") }</button>
                    </li>
                }) }
            </ul>
            <NewGoal on_change={props.on_change.clone()} />
        </div>
    }
}

/// A ring filled to `progress` (0 to 1), drawn in the theme's accent.
pub fn ring(progress: f64) -> Html {
    const R: f64 = 15.9155; // circumference 100
    let filled = (progress.clamp(0.0, 1.0) * 100.0).round();
    html! {
        <svg class="ring" viewBox="0 0 36 36" aria-hidden="true" focusable="false">
            <circle class="ring-track" cx="18" cy="18" r={R.to_string()} />
            <circle class="ring-fill" cx="18" cy="18" r={R.to_string()}
                stroke-dasharray={format!("{filled} {}", 100.0 - filled)} stroke-dashoffset="25" />
        </svg>
    }
}

fn measure_id(measure: Measure) -> &'static str {
    match measure {
        Measure::Pages => "goals-pages",
        Measure::Ayahs => "goals-ayahs",
        Measure::Minutes => "goals-minutes",
        Measure::Hasanat => "goals-hasanat",
    }
}

fn period_id(period: Period) -> &'static str {
    match period {
        Period::Daily => "goals-daily",
        Period::Weekly => "goals-weekly",
        Period::Monthly => "goals-monthly",
    }
}

/// "10 pages a day".
fn describe(i18n: &I18n, g: &GoalView) -> String {
    describe_goal(i18n, &g.goal)
}

/// "10 pages a day", for a goal.
pub fn describe_goal(i18n: &I18n, goal: &Goal) -> String {
    i18n.t_args(
        "goals-describe",
        &[
            ("target", i18n.count(u64::from(goal.target)).into()),
            ("measure", i18n.t(measure_id(goal.measure)).into()),
            ("period", i18n.t(period_id(goal.period)).into()),
        ],
    )
}

/// "3 of 10" or "Met on 2026-06-10".
fn status(i18n: &I18n, g: &GoalView) -> String {
    match g.met_on {
        Some(day) => i18n.t_args("goals-met", &[("date", i18n.date(day).into())]),
        None => i18n.t_args(
            "goals-progress",
            &[
                ("done", i18n.count(g.done.floor() as u64).into()),
                ("target", i18n.count(u64::from(g.goal.target)).into()),
            ],
        ),
    }
}

#[derive(Properties, PartialEq)]
struct NewGoalProps {
    on_change: Callback<()>,
}

/// Period, measure and target, and a button.
#[component]
fn NewGoal(props: &NewGoalProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let period = use_state(|| Period::Daily);
    let measure = use_state(|| Measure::Pages);
    let target = use_state(|| String::from("2"));
    let onsubmit = {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), props.on_change.clone());
        let (period, measure, target) = (period.clone(), measure.clone(), target.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SetGoalRequest {
                period: *period,
                measure: *measure,
                // Not a number is 0, which the app refuses with a clear message.
                target: target.trim().parse().unwrap_or(0),
            };
            let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::set_goal(request).await {
                    Ok(_) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let select = |id: &str, options: Html, onchange: Callback<Event>| {
        html! { <select id={id.to_owned()} class="input compact" {onchange}>{ options }</select> }
    };
    let value = |e: &Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            if let Some(p) = Period::parse(&value(&e)) {
                period.set(p);
            }
        })
    };
    let on_measure = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            if let Some(m) = Measure::parse(&value(&e)) {
                measure.set(m);
            }
        })
    };
    let on_target = {
        let target = target.clone();
        Callback::from(move |e: InputEvent| {
            target.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let measures: Html = Measure::ALL
        .into_iter()
        .map(|m| html! { <option value={m.as_str()} selected={m == *measure}>{ i18n.t(measure_id(m)) }</option> })
        .collect();
    let periods: Html = Period::ALL
        .into_iter()
        .map(|p| html! { <option value={p.as_str()} selected={p == *period}>{ i18n.t(period_id(p)) }</option> })
        .collect();
    html! {
        <form class="goal-new" id="goal-new" {onsubmit} aria-label={i18n.t("goals-new")}>
            <input id="goal-target" class="input compact" type="number" min="1" value={(*target).clone()}
                aria-label={i18n.t("goals-target")} oninput={on_target} />
            { select("goal-measure", measures, on_measure) }
            { select("goal-period", periods, on_period) }
            <button class="button" id="goal-add" type="submit">{ i18n.t("goals-add") }</button>
        </form>
    }
}
