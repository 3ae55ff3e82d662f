//! Focus Mode ("Deep Deen"): choose a length and what to read, then the
//! reader alone on screen (full screen, no navigation) with a calm
//! countdown ring and the session's Hasanat; pause and resume; ending
//! early asks once and is kept as incomplete. The session lives in the
//! app, so a restart comes back to it with the right time left. When it
//! ends, a summary; below, the history and totals.

use companion_core::daily::focus::{FocusState, PRESETS};
use companion_core::wire::{
    CommandError, FocusHistory, FocusNow, FocusStartRequest, FocusSummary, FocusTarget, FocusView,
    ViewTarget,
};
use companion_core::Reference;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::reader::ReaderPage;
use crate::components::goals::ring;
use crate::components::today_card::duration;
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app, Action};

#[component]
pub fn FocusPage() -> Html {
    let app = use_app();
    let now = use_state(|| None::<FocusNow>);
    let version = use_state(|| 0u32);
    // Whether the window is in focus mode now, so it changes only once.
    let was_running = use_mut_ref(|| false);
    {
        let (now, app) = (now.clone(), app.clone());
        let ended_at_start = app.focus_ended.clone();
        let was_running = was_running.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(mut loaded) = bridge::focus_status().await {
                    // One that ran out while the app was closed was told
                    // at start.
                    if let (FocusNow::Idle, Some(summary)) = (&loaded, ended_at_start.clone()) {
                        loaded = FocusNow::Ended(summary);
                        app.dispatch(Action::FocusEnded(None));
                    }
                    let running = matches!(loaded, FocusNow::Running(_));
                    if was_running.replace(running) != running {
                        app.dispatch(Action::Focusing(running));
                        bridge::set_fullscreen(running);
                    }
                    now.set(Some(loaded));
                }
            });
        });
    }
    {
        // Leaving the page (there is no way out but ending, or Back after
        // it) gives the window back.
        let app = app.clone();
        use_effect_with((), move |_| {
            move || {
                app.dispatch(Action::Focusing(false));
                bridge::set_fullscreen(false);
            }
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let ended = {
        let (now, app, was_running) = (now.clone(), app.clone(), was_running.clone());
        Callback::from(move |summary: FocusSummary| {
            *was_running.borrow_mut() = false;
            app.dispatch(Action::Focusing(false));
            bridge::set_fullscreen(false);
            now.set(Some(FocusNow::Ended(summary)));
        })
    };
    match &*now {
        None => html! { <main class="main" id="focus"></main> },
        Some(FocusNow::Running(view)) => html! {
            <FocusRunning view={view.clone()} on_change={reload} on_ended={ended} />
        },
        Some(FocusNow::Idle) => {
            html! { <FocusIdle summary={None::<FocusSummary>} on_change={reload} /> }
        }
        Some(FocusNow::Ended(summary)) => {
            html! { <FocusIdle summary={Some(summary.clone())} on_change={reload} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
struct RunningProps {
    view: FocusView,
    on_change: Callback<()>,
    on_ended: Callback<FocusSummary>,
}

/// The session running: its bar over the reader.
#[component]
fn FocusRunning(props: &RunningProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let started = use_state(js_sys::Date::now);
    let tick = use_state(js_sys::Date::now);
    let confirming = use_state(|| false);
    let asked = use_mut_ref(|| false);
    {
        let (tick, started, asked) = (tick.clone(), started.clone(), asked.clone());
        let on_change = props.on_change.clone();
        use_effect_with(props.view.clone(), move |_| {
            started.set(js_sys::Date::now());
            *asked.borrow_mut() = false;
            let interval = Interval::new(1_000, move || tick.set(js_sys::Date::now()));
            // The session's Hasanat grow as ayahs count: asked again now
            // and then.
            let refresh = Interval::new(10_000, move || on_change.emit(()));
            move || {
                drop(interval);
                drop(refresh);
            }
        });
    }
    let v = &props.view;
    let (remaining, paused) = match v.state {
        FocusState::Running {
            remaining_seconds, ..
        } => {
            let elapsed = ((*tick - *started) / 1000.0).max(0.0) as i64;
            (remaining_seconds - elapsed, false)
        }
        FocusState::Paused { remaining_seconds } => (remaining_seconds, true),
        FocusState::Complete { .. } => (0, false),
    };
    if remaining <= 0 && !paused && !asked.replace(true) {
        // Its time is up: the app settles it and says so (asked once per
        // view, not at every render).
        props.on_change.emit(());
    }
    let call = |pause: bool| {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
            yew::platform::spawn_local(async move {
                match bridge::focus_pause(pause).await {
                    Ok(_) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let end = {
        let (app, i18n, on_ended) = (app.clone(), i18n.clone(), props.on_ended.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, on_ended) = (app.clone(), i18n.clone(), on_ended.clone());
            yew::platform::spawn_local(async move {
                match bridge::focus_end().await {
                    Ok(summary) => on_ended.emit(summary),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let progress = 1.0 - remaining.max(0) as f64 / v.planned_seconds.max(1) as f64;
    let (target, focus) = match v.target {
        Some(FocusTarget::Portion { start, .. } | FocusTarget::Range { start, .. }) => {
            (ViewTarget::Surah(start.surah()), Some(start))
        }
        Some(FocusTarget::Surah { number }) => (ViewTarget::Surah(number), None),
        None => (ViewTarget::Surah(1), None),
    };
    html! {
        <div class="focus-running" id="focus-running" data-paused={paused.to_string()}>
            <div class="focus-bar">
                <div class="focus-clock" id="focus-remaining" data-seconds={remaining.max(0).to_string()}>
                    { ring(progress) }
                    <span>{ duration(&i18n, remaining.max(0)) }</span>
                </div>
                <span class="focus-hasanat" id="focus-hasanat">{ i18n.t_args("home-hasanat", &[("count", i18n.count(v.hasanat).into())]) }</span>
                <span class="spacer"></span>
                if paused {
                    <button class="button primary" id="focus-resume" onclick={call(false)}>{ i18n.t("focus-resume") }</button>
                } else {
                    <button class="button" id="focus-pause" onclick={call(true)}>{ i18n.t("focus-pause") }</button>
                }
                if *confirming {
                    <span class="muted small">{ i18n.t("focus-end-ask") }</span>
                    <button class="button danger" id="focus-end-confirm" onclick={end}>{ i18n.t("focus-end-confirm") }</button>
                    <button class="button" id="focus-end-cancel" onclick={ask}>{ i18n.t("focus-end-cancel") }</button>
                } else {
                    <button class="button" id="focus-end" onclick={ask}>{ i18n.t("focus-end") }</button>
                }
            </div>
            <ReaderPage {target} {focus} visit={0} focus_mode={true} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct IdleProps {
    summary: Option<FocusSummary>,
    on_change: Callback<()>,
}

/// No session: the summary of the last one, a new one, the history.
#[component]
fn FocusIdle(props: &IdleProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let minutes = use_state(|| 20u32);
    let target = use_state(|| "none".to_owned());
    let surah = use_state(|| 18u16);
    let passage = use_state(String::new);
    let passage_error = use_state(|| None::<String>);
    let portion = use_state(|| None::<FocusTarget>);
    let history = use_state(|| None::<FocusHistory>);
    {
        let (portion, history) = (portion.clone(), history.clone());
        use_effect_with(props.summary.clone(), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(progress) = bridge::progress().await {
                    portion.set(progress.khatm.and_then(|k| k.today).map(|p| {
                        FocusTarget::Portion {
                            start: p.start,
                            end: p.end,
                        }
                    }));
                }
                if let Ok(h) = bridge::focus_history().await {
                    history.set(Some(h));
                }
            });
        });
    }
    let start = {
        let (app, i18n, on_change) = (app.clone(), i18n.clone(), props.on_change.clone());
        let chosen = match target.as_str() {
            "portion" => Ok(*portion),
            "surah" => Ok(Some(FocusTarget::Surah { number: *surah })),
            "range" => passage_target(&passage).map(Some),
            _ => Ok(None),
        };
        let (minutes, passage_error) = (*minutes, passage_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, i18n, on_change) = (app.clone(), i18n.clone(), on_change.clone());
            let request = match &chosen {
                Ok(target) => {
                    passage_error.set(None);
                    FocusStartRequest {
                        minutes,
                        target: *target,
                    }
                }
                Err(error) => {
                    passage_error.set(Some(i18n.error(&CommandError::from(error))));
                    return;
                }
            };
            yew::platform::spawn_local(async move {
                match bridge::focus_start(request).await {
                    Ok(_) => on_change.emit(()),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let preset = |m: u32| {
        let minutes = minutes.clone();
        html! {
            <button class="chip" id={format!("focus-{m}")} aria-pressed={(*minutes == m).to_string()}
                onclick={Callback::from(move |_| minutes.set(m))}>{ i18n.t_args("focus-minutes", &[("minutes", m.into())]) }</button>
        }
    };
    let on_custom = {
        let minutes = minutes.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(m) = value.parse::<u32>() {
                minutes.set(m);
            }
        })
    };
    let pick = |value: &'static str| {
        let target = target.clone();
        Callback::from(move |_: Event| target.set(value.to_owned()))
    };
    let on_surah = {
        let surah = surah.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(n) = value.parse() {
                surah.set(n);
            }
        })
    };
    let on_passage = {
        let (passage, target) = (passage.clone(), target.clone());
        Callback::from(move |e: InputEvent| {
            passage.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
            target.set("range".to_owned());
        })
    };
    html! {
        <main class="main" id="focus">
            <div class="page">
                <h1>{ i18n.t("focus-title") }</h1>
                if let Some(s) = &props.summary {
                    { summary_card(s, &i18n) }
                }
                <section class="card" id="focus-new">
                    <p class="muted">{ i18n.t("focus-hint") }</p>
                    <div class="chips wrap" role="group">
                        { for PRESETS.iter().chain([60].iter()).map(|&m| preset(m)) }
                        <label class="custom-minutes">
                            <span class="small muted">{ i18n.t("focus-custom") }</span>
                            <input id="focus-custom" class="input compact" type="number" min="1" max="720"
                                value={minutes.to_string()} onchange={on_custom} />
                        </label>
                    </div>
                    <fieldset class="focus-target">
                        <legend>{ i18n.t("focus-target") }</legend>
                        <label><input type="radio" name="focus-target" id="target-none" checked={*target == "none"} onchange={pick("none")} />{ i18n.t("focus-target-none") }</label>
                        if portion.is_some() {
                            <label><input type="radio" name="focus-target" id="target-portion" checked={*target == "portion"} onchange={pick("portion")} />{ i18n.t("focus-target-portion") }</label>
                        }
                        <label><input type="radio" name="focus-target" id="target-surah" checked={*target == "surah"} onchange={pick("surah")} />{ i18n.t("focus-target-surah") }
                            <select id="focus-surah" class="input compact" onchange={on_surah}>
                                { for (1..=114u16).map(|n| html! { <option value={n.to_string()} selected={n == *surah}>{ i18n.digits(u64::from(n)) }</option> }) }
                            </select>
                        </label>
                        <label><input type="radio" name="focus-target" id="target-range" checked={*target == "range"} onchange={pick("range")} />{ i18n.t("focus-target-range") }
                            <input id="focus-range" class="input compact" type="text" dir="ltr" placeholder="2:255-286"
                                value={(*passage).clone()} oninput={on_passage}
                                aria-describedby="focus-range-error" aria-invalid={passage_error.is_some().then_some("true")} />
                        </label>
                        if let Some(message) = &*passage_error {
                            <p class="message error" id="focus-range-error" role="alert">{ message }</p>
                        }
                    </fieldset>
                    <button class="button primary" id="focus-start" onclick={start}>{ i18n.t("focus-start") }</button>
                </section>
                if let Some(h) = &*history {
                    { history_card(h, &i18n) }
                }
            </div>
        </main>
    }
}

/// What a typed passage reads: a surah, one ayah, or a range.
fn passage_target(text: &str) -> Result<FocusTarget, companion_core::Error> {
    Ok(match Reference::parse(text)? {
        Reference::Surah(number) => FocusTarget::Surah { number },
        Reference::Ayah(ayah) => FocusTarget::Range {
            start: ayah,
            end: ayah,
        },
        Reference::Range { start, end } => FocusTarget::Range { start, end },
    })
}

fn summary_card(s: &FocusSummary, i18n: &I18n) -> Html {
    let minutes = s.outcome.focused_seconds / 60;
    html! {
        <section class={classes!("card", "focus-summary", s.outcome.completed.then_some("complete"))} id="focus-summary"
            data-completed={s.outcome.completed.to_string()}>
            <h2>{ i18n.t(if s.outcome.completed { "focus-done" } else { "focus-done-early" }) }</h2>
            <p>{ i18n.t_args("focus-summary", &[
                ("minutes", minutes.into()),
                ("ayahs", i64::from(s.ayahs).into()),
                ("hasanat", i18n.count(s.hasanat).into()),
            ]) }</p>
        </section>
    }
}

fn history_card(h: &FocusHistory, i18n: &I18n) -> Html {
    let rate = (h.stats.completion_rate * 100.0).round() as u64;
    html! {
        <section class="card" id="focus-history" data-sessions={h.stats.sessions.to_string()}>
            <h2>{ i18n.t("focus-history") }</h2>
            <div class="figures">
                <div class="figure"><span class="figure-value">{ i18n.count(u64::from(h.stats.sessions)) }</span><span class="figure-label">{ i18n.t("focus-sessions") }</span></div>
                <div class="figure"><span class="figure-value">{ i18n.count(h.stats.minutes) }</span><span class="figure-label">{ i18n.t("stats-minutes") }</span></div>
                <div class="figure"><span class="figure-value">{ format!("{}%", i18n.digits(rate)) }</span><span class="figure-label">{ i18n.t("focus-completion") }</span></div>
            </div>
            <ul class="focus-list">
                { for h.recent.iter().map(|s| html! {
                    <li class={classes!("focus-item", s.outcome.completed.then_some("complete"))}>
                        <span>{ i18n.date(s.day) }</span>
                        <span>{ i18n.t_args("focus-minutes", &[("minutes", (s.outcome.focused_seconds / 60).into())]) }</span>
                        <span class="muted">{ i18n.t(if s.outcome.completed { "focus-complete" } else { "focus-incomplete" }) }</span>
                        <span>{ i18n.t_args("home-hasanat", &[("count", i18n.count(s.hasanat).into())]) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::AyahRef;

    #[test]
    fn a_typed_passage_becomes_what_the_session_reads() {
        let ayah = |s, a| AyahRef::new(s, a).unwrap();
        assert_eq!(
            passage_target("2:255-257").unwrap(),
            FocusTarget::Range {
                start: ayah(2, 255),
                end: ayah(2, 257)
            }
        );
        assert_eq!(
            passage_target(" ١٨ ").unwrap(),
            FocusTarget::Surah { number: 18 }
        );
        assert_eq!(
            passage_target("36:1").unwrap(),
            FocusTarget::Range {
                start: ayah(36, 1),
                end: ayah(36, 1)
            }
        );
        let error = passage_target("2:300").unwrap_err();
        assert_eq!(CommandError::from(&error).code, "ayah_out_of_range");
        assert!(passage_target("3:5-2:1").is_err(), "a reversed range");
    }
}
