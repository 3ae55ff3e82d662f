//! Dhikr: the recommended adhkar (after prayer 33/33/34, the morning and
//! the evening lists), each with its Arabic, transliteration, meaning and
//! source, counted one tap (click, space bar or Enter) at a time; a free
//! counter toward a chosen target; a gentle signal at each target; rounds
//! kept with today's total and the recent ones. One hand or the keyboard
//! is enough.

use companion_core::daily::dhikr::{adhkar, Counter, Occasion, Source, Tap};
use companion_core::wire::{DhikrHistory, DhikrKind, DhikrRound};
use yew::prelude::*;

use crate::components::goals::ring;
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{show_error, use_app};

/// Targets offered for the free counter.
const FREE_TARGETS: [u32; 3] = [33, 99, 100];

/// The counter's state: which list, where in it, and when it began.
#[derive(Debug, Clone, PartialEq)]
struct Round {
    kind: DhikrKind,
    counter: Counter,
    /// Said so far in this round (all of the list's adhkar).
    total: u32,
    free_target: u32,
    /// When the first count was made (ms since the epoch).
    began: Option<f64>,
    /// Bumped at each target reached, to replay the signal.
    signal: u32,
}

impl Round {
    fn new(kind: DhikrKind, free_target: u32) -> Round {
        Round {
            kind,
            counter: Counter::new(occasion(kind).unwrap_or(Occasion::AfterPrayer)),
            total: 0,
            free_target,
            began: None,
            signal: 0,
        }
    }

    /// One tap; whether the round is now finished.
    fn tap(&mut self, now: f64) -> bool {
        self.began.get_or_insert(now);
        match self.kind {
            DhikrKind::Free => {
                self.total += 1;
                if self.total.is_multiple_of(self.free_target) {
                    self.signal += 1;
                    return true;
                }
                false
            }
            _ => match self.counter.tap() {
                Tap::Counted => {
                    self.total += 1;
                    false
                }
                Tap::TargetReached => {
                    self.total += 1;
                    self.signal += 1;
                    false
                }
                Tap::Finished => {
                    self.total += 1;
                    self.signal += 1;
                    true
                }
                Tap::AlreadyDone => false,
            },
        }
    }

    fn kept(&self, completed: bool, now: f64) -> DhikrRound {
        DhikrRound {
            kind: self.kind,
            count: self.total,
            completed,
            seconds: self
                .began
                .map_or(0, |b| ((now - b) / 1000.0).max(0.0) as u32),
        }
    }
}

fn occasion(kind: DhikrKind) -> Option<Occasion> {
    match kind {
        DhikrKind::AfterPrayer => Some(Occasion::AfterPrayer),
        DhikrKind::Morning => Some(Occasion::Morning),
        DhikrKind::Evening => Some(Occasion::Evening),
        DhikrKind::Free => None,
    }
}

#[component]
pub fn DhikrPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let round = use_state(|| Round::new(DhikrKind::AfterPrayer, 33));
    let history = use_state(|| None::<DhikrHistory>);
    let finished = use_state(|| false);
    let main = use_node_ref();
    {
        let (history, main) = (history.clone(), main.clone());
        use_effect_with((), move |_| {
            // Keys work at once: the page takes the focus.
            if let Some(el) = main.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            yew::platform::spawn_local(async move {
                if let Ok(h) = bridge::dhikr_history().await {
                    history.set(Some(h));
                }
            });
        });
    }
    let keep = {
        let (app, i18n, history) = (app.clone(), i18n.clone(), history.clone());
        Callback::from(move |kept: DhikrRound| {
            let (app, i18n, history) = (app.clone(), i18n.clone(), history.clone());
            yew::platform::spawn_local(async move {
                match bridge::dhikr_keep(kept).await {
                    Ok(h) => history.set(Some(h)),
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    let tap = {
        let (round, finished, keep) = (round.clone(), finished.clone(), keep.clone());
        Callback::from(move |()| {
            let now = js_sys::Date::now();
            let mut next = (*round).clone();
            if *finished && next.kind != DhikrKind::Free {
                return;
            }
            if next.tap(now) {
                keep.emit(next.kept(true, now));
                if next.kind == DhikrKind::Free {
                    // The free counter goes on toward the next target.
                    next.total = 0;
                    next.began = None;
                } else {
                    finished.set(true);
                }
            }
            round.set(next);
        })
    };
    let onkeydown = {
        let tap = tap.clone();
        Callback::from(move |e: KeyboardEvent| {
            let on_control = e
                .target_dyn_into::<web_sys::HtmlElement>()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "BUTTON" | "INPUT" | "SELECT"));
            if (e.key() == " " || e.key() == "Enter") && !on_control {
                e.prevent_default();
                tap.emit(());
            }
        })
    };
    let choose = |kind: DhikrKind| {
        let (round, finished, main) = (round.clone(), finished.clone(), main.clone());
        Callback::from(move |_: MouseEvent| {
            round.set(Round::new(kind, round.free_target));
            finished.set(false);
            if let Some(el) = main.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let keep_partial = {
        let (round, finished, keep) = (round.clone(), finished.clone(), keep.clone());
        Callback::from(move |_: MouseEvent| {
            if round.total > 0 {
                keep.emit(round.kept(false, js_sys::Date::now()));
                round.set(Round::new(round.kind, round.free_target));
                finished.set(false);
            }
        })
    };
    let set_target = |target: u32| {
        let round = round.clone();
        Callback::from(move |_: MouseEvent| round.set(Round::new(DhikrKind::Free, target)))
    };
    let tab = |kind: DhikrKind| {
        html! {
            <button class="chip" id={format!("dhikr-{}", kind.as_str())} aria-pressed={(round.kind == kind).to_string()}
                onclick={choose(kind)}>{ i18n.t(&format!("dhikr-kind-{}", kind.as_str())) }</button>
        }
    };
    let r = &*round;
    let onclick = tap.reform(|_: MouseEvent| ());
    html! {
        <main class="main" id="dhikr" ref={main.clone()} tabindex="0" {onkeydown}>
            <div class="page">
                <h1>{ i18n.t("dhikr-title") }</h1>
                <div class="chips wrap" role="group">
                    { for DhikrKind::ALL.into_iter().map(tab) }
                </div>
                <section class="card dhikr-card" id="dhikr-counter" data-total={r.total.to_string()}
                    data-finished={finished.to_string()}>
                    { current(r, *finished, &i18n) }
                    <button class={classes!("dhikr-tap", (r.signal % 2 == 1).then_some("pulse-a"), (r.signal % 2 == 0 && r.signal > 0).then_some("pulse-b"))}
                        id="dhikr-tap" {onclick} aria-label={i18n.t("dhikr-tap")}>
                        { counter_ring(r, *finished) }
                        <span class="dhikr-count">{ count_text(r, *finished, &i18n) }</span>
                    </button>
                    <p class="muted small">{ i18n.t("dhikr-keys") }</p>
                    if r.kind == DhikrKind::Free {
                        <div class="chips" role="group">
                            { for FREE_TARGETS.into_iter().map(|t| html! {
                                <button class="chip" id={format!("dhikr-target-{t}")} aria-pressed={(r.free_target == t).to_string()}
                                    onclick={set_target(t)}>{ i18n.digits(u64::from(t)) }</button>
                            }) }
                        </div>
                    }
                    if r.total > 0 && !*finished {
                        <button class="link" id="dhikr-keep" onclick={keep_partial}>{ i18n.t("dhikr-keep") }</button>
                    }
                </section>
                if let Some(occasion) = occasion(r.kind) {
                    { list(occasion, r, *finished, &i18n) }
                }
                if let Some(h) = &*history {
                    { history_card(h, &i18n) }
                }
            </div>
        </main>
    }
}

/// The dhikr being said, with its meaning and source.
fn current(r: &Round, finished: bool, i18n: &I18n) -> Html {
    if finished {
        return html! { <p class="dhikr-done" id="dhikr-done">{ i18n.t("dhikr-done") }</p> };
    }
    let Some(d) = (r.kind != DhikrKind::Free)
        .then(|| r.counter.current())
        .flatten()
    else {
        return html! { <p class="muted">{ i18n.t("dhikr-free-hint") }</p> };
    };
    html! {
        <div class="dhikr-text" data-id={d.id}>
            <p class="dhikr-arabic" lang="ar" dir="rtl">{ d.arabic }</p>
            // The transliteration and the English meaning help those who
            // do not read Arabic; in the Arabic interface the Arabic is
            // the text itself.
            if !i18n.language().is_rtl() {
                <p class="transliteration" lang="en" dir="ltr">{ d.transliteration }</p>
                <p class="translation" lang="en" dir="ltr">{ d.meaning }</p>
            }
            <p class="muted small dhikr-source">{ source(i18n, d.source) }</p>
        </div>
    }
}

/// "Sahih Muslim 596", "صحيح مسلم ٥٩٦".
fn source(i18n: &I18n, source: Source) -> String {
    let collection = source.collection.as_str();
    i18n.t_args(
        "dhikr-source",
        &[
            ("collection", i18n.t(&format!("hadith-{collection}")).into()),
            ("number", i18n.digits(u64::from(source.number)).into()),
        ],
    )
}

fn counter_ring(r: &Round, finished: bool) -> Html {
    let progress = if finished {
        1.0
    } else {
        match (r.kind, r.counter.current()) {
            (DhikrKind::Free, _) => f64::from(r.total % r.free_target) / f64::from(r.free_target),
            (_, Some(d)) => f64::from(r.counter.count) / f64::from(d.count),
            _ => 1.0,
        }
    };
    ring(progress)
}

fn count_text(r: &Round, finished: bool, i18n: &I18n) -> String {
    match (r.kind, r.counter.current()) {
        (DhikrKind::Free, _) => format!(
            "{} / {}",
            i18n.digits(u64::from(r.total)),
            i18n.digits(u64::from(r.free_target))
        ),
        (_, Some(d)) if !finished => format!(
            "{} / {}",
            i18n.digits(u64::from(r.counter.count)),
            i18n.digits(u64::from(d.count))
        ),
        _ => i18n.digits(u64::from(r.total)),
    }
}

/// The list of an occasion, the current one marked and those done ticked.
fn list(occasion: Occasion, r: &Round, finished: bool, i18n: &I18n) -> Html {
    html! {
        <section class="card">
            <ol class="dhikr-list">
                { for adhkar(occasion).iter().enumerate().map(|(i, d)| {
                    let done = finished || i < r.counter.index;
                    let now = !finished && i == r.counter.index;
                    html! {
                        <li class={classes!("dhikr-item", done.then_some("done"), now.then_some("now"))}>
                            <span class="dhikr-item-arabic" lang="ar" dir="rtl">{ d.arabic }</span>
                            <span class="muted small">{ format!("× {} · {}", i18n.digits(u64::from(d.count)), source(i18n, d.source)) }</span>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

fn history_card(h: &DhikrHistory, i18n: &I18n) -> Html {
    html! {
        <section class="card" id="dhikr-history" data-today={h.today.to_string()}>
            <h2>{ i18n.t_args("dhikr-today", &[("count", i18n.count(u64::from(h.today)).into())]) }</h2>
            <ul class="focus-list">
                { for h.recent.iter().map(|v| html! {
                    <li class="focus-item">
                        <span>{ i18n.date(v.day) }</span>
                        <span>{ i18n.t(&format!("dhikr-kind-{}", v.round.kind.as_str())) }</span>
                        <span>{ i18n.count(u64::from(v.round.count)) }</span>
                        <span class="muted">{ i18n.t(if v.round.completed { "dhikr-round-complete" } else { "dhikr-round-partial" }) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::daily::dhikr::Collection;

    #[test]
    fn a_round_after_prayer_finishes_at_a_hundred_with_a_signal_at_each_target() {
        let mut r = Round::new(DhikrKind::AfterPrayer, 33);
        let mut finished_at = None;
        for n in 1..=100 {
            if r.tap(f64::from(n) * 1000.0) {
                finished_at = Some(n);
            }
        }
        assert_eq!(finished_at, Some(100));
        assert_eq!((r.total, r.signal), (100, 3));
        let kept = r.kept(true, 101_000.0);
        assert_eq!((kept.count, kept.seconds), (100, 100));
    }

    #[test]
    fn the_free_counter_signals_at_its_target() {
        let mut r = Round::new(DhikrKind::Free, 33);
        let done: Vec<bool> = (0..34).map(|n| r.tap(f64::from(n))).collect();
        assert_eq!(done.iter().filter(|d| **d).count(), 1);
        assert!(done[32], "the 33rd tap reaches the target");
    }

    #[test]
    fn sources_are_named_in_the_interfaces_language() {
        let muslim = Source {
            collection: Collection::SahihMuslim,
            number: 596,
        };
        assert_eq!(source(&I18n::english(), muslim), "Sahih Muslim 596");
        assert_eq!(
            source(&I18n::new(companion_core::wire::UiLanguage::Ar), muslim),
            "صحيح مسلم ٥٩٦"
        );
        for language in [
            companion_core::wire::UiLanguage::En,
            companion_core::wire::UiLanguage::Ar,
        ] {
            let i18n = I18n::new(language);
            for collection in Collection::ALL {
                let id = format!("hadith-{}", collection.as_str());
                assert!(i18n.has(&id), "{language:?} lacks {id}");
            }
        }
    }
}
