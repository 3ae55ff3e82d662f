//! Reading sessions: which ayahs are on screen, for how long, and the
//! live Hasanat counter.
//!
//! Once a second, while the window is in front, the ayahs on screen are
//! given the time that passed; `companion_core::habit::dwell` decides
//! which of them now count as read (in mushaf order, each after a time
//! scaled to its letters). Those are sent to the app, which stores them in
//! the open session and answers the session's and today's Hasanat (the
//! counter shows today's, starting from what today already holds).
//! Ayahs marked read ("mark read", "read up to here") go the same way.
//! Whenever ayahs count, the app is asked whether an achievement is now
//! unlocked. Leaving the reader ends the session.

use std::cell::RefCell;
use std::rc::Rc;

use companion_core::arabic::letter_count;
use companion_core::habit::dwell::Dwell;
use companion_core::wire::{ReadHow, ReadingTally, ReadingView};
use companion_core::AyahRef;
use gloo_timers::callback::Interval;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::hooks::use_achievement_check::use_achievement_check;
use crate::i18n::use_i18n;
use crate::pages::reader::dom;
use crate::services::bridge;
use crate::state::{show_error, use_app, Action};

/// How often the ayahs on screen are looked at.
const TICK_MS: u32 = 1000;

/// What one tick needs to know about the reader, refreshed every render.
#[derive(Default)]
struct Watch {
    /// Every ayah of the view with its letters, by view index.
    ayahs: Vec<(AyahRef, u32)>,
    /// The rendered window.
    window: (usize, usize),
    dwell: Dwell,
    /// When the last tick ran (ms since the epoch), if the window was
    /// visible then.
    last: Option<f64>,
}

impl Watch {
    fn visible(&self, container: &HtmlElement) -> Vec<(AyahRef, u32)> {
        let (lo, hi) = self.window;
        (lo..hi)
            .filter(|&i| dom::is_visible(i, container))
            .filter_map(|i| self.ayahs.get(i).copied())
            .collect()
    }
}

/// The most ayahs one call records (the app's limit is 300).
const MARK_CHUNK: usize = 250;

/// The session's tally, and a way to mark ayahs read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingSession {
    pub tally: ReadingTally,
    /// Marks ayahs read (in order; any number).
    pub mark: Callback<Vec<AyahRef>>,
}

/// Follows the reader's window and keeps the session's tally.
#[hook]
pub fn use_reading_session(
    view: Option<&ReadingView>,
    window: (usize, usize),
    container: NodeRef,
) -> ReadingSession {
    let tally = use_state(ReadingTally::default);
    let watch = use_mut_ref(Watch::default);
    // The latest achievement check, for the tick set up once.
    let check = use_achievement_check();
    let check_now = use_mut_ref(|| check.clone());
    *check_now.borrow_mut() = check.clone();
    let (app, i18n) = (use_app(), use_i18n());
    let target = view.map(|v| v.target.clone());
    {
        // Letters are counted once per view.
        let watch = watch.clone();
        let ayahs: Vec<(AyahRef, u32)> = view
            .map(|v| {
                v.ayahs
                    .iter()
                    .map(|a| (a.reference, letter_count(&a.text)))
                    .collect()
            })
            .unwrap_or_default();
        use_effect_with(target, move |_| {
            watch.borrow_mut().ayahs = ayahs;
        });
    }
    watch.borrow_mut().window = window;
    let mark = {
        let (tally, check) = (tally.clone(), check.clone());
        Callback::from(move |ayahs: Vec<AyahRef>| {
            let (tally, check, app, i18n) =
                (tally.clone(), check.clone(), app.clone(), i18n.clone());
            yew::platform::spawn_local(async move {
                let mut marked = 0usize;
                for chunk in ayahs.chunks(MARK_CHUNK) {
                    match bridge::record_reading(chunk.to_vec(), ReadHow::Marked).await {
                        Ok(answer) => {
                            marked += answer.newly.len();
                            tally.set(answer);
                        }
                        Err(error) => return show_error(&app, &i18n, &error),
                    }
                }
                app.dispatch(Action::Toast(
                    i18n.t_args("reader-marked", &[("count", marked.into())]),
                ));
                if marked > 0 {
                    check.emit(());
                }
            });
        })
    };
    {
        let (watch, tally) = (watch.clone(), tally.clone());
        use_effect_with((), move |_| {
            // The counter starts from what today already holds.
            let start = tally.clone();
            yew::platform::spawn_local(async move {
                if let Ok(summary) = bridge::progress().await {
                    start.set(ReadingTally {
                        today_hasanat: summary.today.hasanat,
                        ..ReadingTally::default()
                    });
                }
            });
            let interval = Interval::new(TICK_MS, move || {
                tick(&watch, &container, &tally, &check_now.borrow())
            });
            move || {
                drop(interval);
                yew::platform::spawn_local(async {
                    let _ = bridge::end_reading().await;
                });
            }
        });
    }
    ReadingSession {
        tally: (*tally).clone(),
        mark,
    }
}

fn tick(
    watch: &Rc<RefCell<Watch>>,
    container: &NodeRef,
    tally: &UseStateHandle<ReadingTally>,
    check: &Callback<()>,
) {
    let now = js_sys::Date::now();
    // A minimized window or a hidden tab reads nothing.
    let in_front = web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden());
    let Some(container) = container.cast::<HtmlElement>() else {
        return;
    };
    let newly = {
        let mut watch = watch.borrow_mut();
        let last = watch.last.replace(now);
        if !in_front {
            watch.last = None;
            return;
        }
        let Some(last) = last else {
            return;
        };
        let visible = watch.visible(&container);
        watch.dwell.tick(&visible, (now - last) / 1000.0)
    };
    if newly.is_empty() {
        return;
    }
    let (tally, check) = (tally.clone(), check.clone());
    yew::platform::spawn_local(async move {
        if let Ok(answer) = bridge::record_reading(newly, ReadHow::Dwell).await {
            let counted = !answer.newly.is_empty();
            tally.set(answer);
            if counted {
                check.emit(());
            }
        }
    });
}
