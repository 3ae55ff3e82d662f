//! The reader's state and its transitions: which view is open, which of its
//! ayahs are rendered (the window), which one has focus, where the reader is
//! and what scrolling the next render must carry out.
//!
//! Every transition is a pure function of the state and an [`Action`]; the
//! DOM is measured by the caller and handed in ([`Scroll`]), and the scroll
//! work is handed back ([`Pending`]), so all of it is tested without a
//! browser. Never here: `web_sys`, timers, commands.

use std::rc::Rc;

use companion_core::wire::{CommandError, Position, ReadingView, ViewTarget};
use companion_core::AyahRef;
use yew::Reducible;

use crate::pages::Load;

/// Ayahs added to the window at a time.
pub const CHUNK: usize = 30;
/// Most ayahs in the DOM at once.
pub const MAX_WINDOW: usize = 90;
/// Pixels from an edge at which the window grows.
pub const EDGE: i32 = 1200;

/// Where focus goes after the reader scrolls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FocusTo {
    /// The ayah scrolled to.
    Ayah,
    /// The reader itself, so the keyboard works at once.
    Reader,
    /// Wherever it is (the user just pressed a control).
    Keep,
}

/// Scroll work for the render that shows its ayah.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pending {
    None,
    /// Bring this ayah to the top and move focus as asked. Kept until a
    /// render shows the ayah.
    ScrollTo(usize, FocusTo),
    /// Scroll this ayah just into view and focus it (a key moved to it).
    Reveal(usize),
    /// Keep this ayah where it was on screen (its old viewport top).
    Anchor(usize, f64),
}

/// What the reader measured when it scrolled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scroll {
    /// The first rendered ayah not scrolled past the reader bar.
    pub top: usize,
    /// That ayah's viewport top, to anchor it if the window changes.
    pub top_at: Option<f64>,
    pub scroll_top: i32,
    pub client_height: i32,
    pub scroll_height: i32,
}

/// Everything the reader changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A view was asked for: a new target, focus or visit, or new text
    /// options (which keep the place). `ticket` names the request.
    Open {
        ticket: u32,
        target: ViewTarget,
        focus: Option<AyahRef>,
        visit: u32,
    },
    /// The reply to request `ticket`.
    Loaded { ticket: u32, view: Rc<ReadingView> },
    /// Request `ticket` failed.
    Failed { ticket: u32, error: CommandError },
    /// The reader scrolled.
    Scrolled(Scroll),
    /// A key moved focus `by` ayahs; `focused_on_screen` says whether the
    /// focused ayah is still visible (if not, the move starts at the top).
    Step { by: isize, focused_on_screen: bool },
    /// Bring an ayah outside the window into it, keeping focus (the
    /// recitation moved there).
    Show(usize),
    /// The render carried out this scroll work.
    Done(Pending),
}

/// The request whose reply may change the screen.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Request {
    ticket: u32,
    focus: Option<AyahRef>,
    /// Whether the reply moves the reader (new target or focus) or keeps
    /// the place (new text options).
    moved: bool,
    /// The place to keep.
    keep: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ReaderState {
    pub view: Load<Rc<ReadingView>>,
    /// The rendered ayahs, `lo..hi` (page mode renders them all).
    pub window: (usize, usize),
    pub focused: Option<usize>,
    /// The ayah at the top of the screen: the reading position.
    pub current: Option<usize>,
    pub pending: Pending,
    request: Request,
    last_focus: Option<AyahRef>,
    last_visit: Option<u32>,
}

impl Default for ReaderState {
    fn default() -> Self {
        Self {
            view: Load::Loading,
            window: (0, 0),
            focused: None,
            current: None,
            pending: Pending::None,
            request: Request::default(),
            last_focus: None,
            last_visit: None,
        }
    }
}

impl ReaderState {
    /// The view, once loaded.
    pub fn loaded(&self) -> Option<&Rc<ReadingView>> {
        match &self.view {
            Load::Ready(view) => Some(view),
            _ => None,
        }
    }

    /// Page mode shows a whole page as flowing text.
    pub fn page_mode(&self) -> bool {
        self.loaded()
            .is_some_and(|v| matches!(v.target, ViewTarget::Page(_)))
    }

    /// The ayahs in the DOM, `lo..hi`.
    pub fn rendered(&self) -> (usize, usize) {
        match self.loaded() {
            Some(view) if self.page_mode() => (0, view.ayahs.len()),
            _ => self.window,
        }
    }

    /// The ayah a key acts on: the focused one while it is on screen;
    /// after the user scrolled it away, the one at the top.
    pub fn base(&self, focused_on_screen: bool) -> usize {
        self.focused
            .filter(|_| focused_on_screen)
            .or(self.current)
            .unwrap_or(self.rendered().0)
    }

    /// The reading position: the view and the ayah at the top of the
    /// screen.
    pub fn position(&self) -> Option<Position> {
        let view = self.loaded()?;
        Some(Position {
            target: view.target.clone(),
            ayah: view.ayahs.get(self.current?)?.reference,
        })
    }

    fn open(&self, ticket: u32, target: &ViewTarget, focus: Option<AyahRef>, visit: u32) -> Self {
        let same_target = self.loaded().is_some_and(|v| v.target == *target);
        let revisited = self.last_visit.is_some_and(|v| v != visit);
        let focus_changed = self.last_focus != focus || revisited;
        let mut next = self.clone();
        next.last_visit = Some(visit);
        next.last_focus = focus;
        next.request = Request {
            ticket,
            focus,
            // A new target or a new focus (go to 2:10 while reading 2:255)
            // moves the reader; a change of text options keeps the place.
            moved: !same_target || focus_changed,
            keep: self.current,
        };
        if !same_target {
            next.view = Load::Loading;
            next.current = None;
        }
        next
    }

    fn land(&self, view: Rc<ReadingView>) -> Self {
        let Request {
            focus, moved, keep, ..
        } = self.request;
        let len = view.ayahs.len();
        let wanted = focus.and_then(|f| view.ayahs.iter().position(|a| a.reference == f));
        let (index, focus_to) = match (wanted, keep) {
            (Some(found), _) if moved => (found, FocusTo::Ayah),
            (_, Some(kept)) if !moved => (kept.min(len.saturating_sub(1)), FocusTo::Keep),
            (Some(found), _) => (found, FocusTo::Ayah),
            _ => (0, FocusTo::Reader),
        };
        let mut next = self.clone();
        // The scroll is part of the same change as the window and the view:
        // whichever render first shows the ayah carries it out.
        next.pending = Pending::ScrollTo(index, focus_to);
        if focus_to != FocusTo::Keep {
            next.focused = (focus_to == FocusTo::Ayah).then_some(index);
        }
        next.current = Some(index);
        next.window = window_around(index, len);
        next.view = Load::Ready(view);
        next
    }

    fn scrolled(&self, scroll: &Scroll) -> Self {
        let mut next = self.clone();
        next.current = Some(scroll.top);
        let len = self.loaded().map_or(0, |v| v.ayahs.len());
        // A jump is under way: the window it asked for comes first.
        let jumping = matches!(self.pending, Pending::ScrollTo(..));
        if self.page_mode() || jumping {
            return next;
        }
        if let Some(window) = grown(self.window, len, scroll) {
            if let Some(old_top) = scroll.top_at {
                next.pending = Pending::Anchor(scroll.top, old_top);
            }
            next.window = window;
        }
        next
    }

    fn step(&self, by: isize, focused_on_screen: bool) -> Self {
        let len = self.loaded().map_or(0, |v| v.ayahs.len());
        let next_index = self
            .base(focused_on_screen)
            .saturating_add_signed(by)
            .min(len.saturating_sub(1));
        let (lo, hi) = self.rendered();
        let mut next = self.clone();
        next.focused = Some(next_index);
        next.current = Some(next_index);
        if (lo..hi).contains(&next_index) {
            next.pending = Pending::Reveal(next_index);
        } else {
            next.window = window_around(next_index, len);
            next.pending = Pending::ScrollTo(next_index, FocusTo::Ayah);
        }
        next
    }

    /// Whether a transition changed anything a render or a later
    /// transition reads (the view is compared by identity).
    fn same_as(&self, other: &Self) -> bool {
        let same_view = match (&self.view, &other.view) {
            (Load::Ready(a), Load::Ready(b)) => Rc::ptr_eq(a, b),
            (Load::Loading, Load::Loading) => true,
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        };
        same_view
            && self.window == other.window
            && self.focused == other.focused
            && self.current == other.current
            && self.pending == other.pending
            && self.request == other.request
            && self.last_focus == other.last_focus
            && self.last_visit == other.last_visit
    }
}

impl Reducible for ReaderState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Open {
                ticket,
                target,
                focus,
                visit,
            } => self.open(ticket, &target, focus, visit),
            // Only the reply to the latest request may change the screen.
            Action::Loaded { ticket, .. } | Action::Failed { ticket, .. }
                if ticket != self.request.ticket =>
            {
                return self
            }
            Action::Loaded { view, .. } => self.land(view),
            Action::Failed { error, .. } => ReaderState {
                view: Load::Failed(error),
                ..(*self).clone()
            },
            Action::Scrolled(_) | Action::Step { .. } | Action::Show(_)
                if self.loaded().is_none() =>
            {
                return self
            }
            Action::Scrolled(scroll) => self.scrolled(&scroll),
            Action::Step {
                by,
                focused_on_screen,
            } => self.step(by, focused_on_screen),
            Action::Show(index) => {
                let len = self.loaded().map_or(0, |v| v.ayahs.len());
                ReaderState {
                    window: window_around(index, len),
                    pending: Pending::ScrollTo(index, FocusTo::Keep),
                    ..(*self).clone()
                }
            }
            // Work asked for since is kept.
            Action::Done(work) if work == self.pending => ReaderState {
                pending: Pending::None,
                ..(*self).clone()
            },
            Action::Done(_) => return self,
        };
        // Returning the same state spares a render (scrolling within one
        // ayah changes nothing).
        if next.same_as(&self) {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The window a jump to `index` renders: from just above it, `CHUNK` long.
pub fn window_around(index: usize, len: usize) -> (usize, usize) {
    let lo = index.saturating_sub(2);
    (lo, (lo + CHUNK).max(index + 1).min(len))
}

/// The window after scrolling near one of its edges, if it grows: by
/// `CHUNK` towards that edge, dropping ayahs at the other end beyond
/// `MAX_WINDOW`.
fn grown((lo, hi): (usize, usize), len: usize, scroll: &Scroll) -> Option<(usize, usize)> {
    let below = scroll.scroll_height - (scroll.scroll_top + scroll.client_height);
    if below < EDGE && hi < len {
        let new_hi = (hi + CHUNK).min(len);
        Some((new_hi.saturating_sub(MAX_WINDOW).max(lo), new_hi))
    } else if scroll.scroll_top < EDGE / 2 && lo > 0 {
        let new_lo = lo.saturating_sub(CHUNK);
        Some((new_lo, hi.min(new_lo + MAX_WINDOW)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ayah;

    fn surah(number: u16, ayahs: u16) -> Rc<ReadingView> {
        Rc::new(ReadingView {
            target: ViewTarget::Surah(number),
            ayahs: (1..=ayahs).map(|n| ayah(number, n)).collect(),
            translation_direction: "ltr".into(),
            previous: None,
            next: None,
        })
    }

    fn reduce(state: Rc<ReaderState>, action: Action) -> Rc<ReaderState> {
        state.reduce(action)
    }

    fn open(ticket: u32, surah: u16, focus: Option<(u16, u16)>, visit: u32) -> Action {
        Action::Open {
            ticket,
            target: ViewTarget::Surah(surah),
            focus: focus.map(|(s, a)| AyahRef::new(s, a).expect("the ayah exists")),
            visit,
        }
    }

    /// Al-Baqarah opened at 2:255 (index 254).
    fn reading_ayat_al_kursi() -> Rc<ReaderState> {
        let s = reduce(Rc::default(), open(1, 2, Some((2, 255)), 1));
        reduce(
            s,
            Action::Loaded {
                ticket: 1,
                view: surah(2, 286),
            },
        )
    }

    fn scroll(top: usize, scroll_top: i32, scroll_height: i32) -> Scroll {
        Scroll {
            top,
            top_at: Some(80.0),
            scroll_top,
            client_height: 800,
            scroll_height,
        }
    }

    #[test]
    fn the_window_starts_just_above_the_focused_ayah() {
        assert_eq!(window_around(0, 286), (0, CHUNK));
        assert_eq!(window_around(254, 286), (252, 282));
        assert_eq!(window_around(285, 286), (283, 286));
        assert_eq!(window_around(3, 7), (1, 7));
    }

    #[test]
    fn loading_a_view_renders_a_window_around_the_ayah_gone_to_and_scrolls_to_it() {
        let s = reading_ayat_al_kursi();
        assert!(s.loaded().is_some());
        assert_eq!(s.window, (252, 282));
        assert_eq!(s.focused, Some(254), "the ayah gone to has focus");
        assert_eq!(s.current, Some(254));
        assert_eq!(
            s.pending,
            Pending::ScrollTo(254, FocusTo::Ayah),
            "the scroll is queued in the same change as the window"
        );
    }

    #[test]
    fn a_view_without_focus_opens_at_its_start_with_the_keyboard_ready() {
        let s = reduce(Rc::default(), open(1, 1, None, 1));
        let s = reduce(
            s,
            Action::Loaded {
                ticket: 1,
                view: surah(1, 7),
            },
        );
        assert_eq!(s.window, (0, 7));
        assert_eq!(s.focused, None);
        assert_eq!(s.pending, Pending::ScrollTo(0, FocusTo::Reader));
    }

    #[test]
    fn only_the_reply_to_the_latest_request_changes_the_screen() {
        let s = reduce(Rc::default(), open(1, 2, None, 1));
        let s = reduce(s, open(2, 3, None, 2));
        let late = reduce(
            s.clone(),
            Action::Loaded {
                ticket: 1,
                view: surah(2, 286),
            },
        );
        assert!(
            Rc::ptr_eq(&late, &s),
            "a late reply to an earlier request is ignored"
        );
        let failed = reduce(
            s.clone(),
            Action::Failed {
                ticket: 1,
                error: CommandError::new("not_found", "gone"),
            },
        );
        assert!(Rc::ptr_eq(&failed, &s), "so is a late failure");
        let s = reduce(
            s,
            Action::Loaded {
                ticket: 2,
                view: surah(3, 200),
            },
        );
        assert_eq!(
            s.loaded().map(|v| v.target.clone()),
            Some(ViewTarget::Surah(3))
        );
    }

    #[test]
    fn new_text_options_keep_the_place_and_the_focus() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(s, Action::Scrolled(scroll(260, 5000, 10_000)));
        assert_eq!(s.current, Some(260));
        // Same target, focus and visit: only the options changed.
        let s = reduce(s, open(2, 2, Some((2, 255)), 1));
        assert!(
            s.loaded().is_some(),
            "the text stays while the new one loads"
        );
        let s = reduce(
            s,
            Action::Loaded {
                ticket: 2,
                view: surah(2, 286),
            },
        );
        assert_eq!(s.current, Some(260), "the reader stays where it was");
        assert_eq!(s.pending, Pending::ScrollTo(260, FocusTo::Keep));
        assert_eq!(s.focused, Some(254), "focus is left alone");
    }

    #[test]
    fn going_to_the_same_ayah_again_moves_the_reader_back_to_it() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(s, Action::Scrolled(scroll(270, 5000, 10_000)));
        let s = reduce(s, open(2, 2, Some((2, 255)), 2));
        let s = reduce(
            s,
            Action::Loaded {
                ticket: 2,
                view: surah(2, 286),
            },
        );
        assert_eq!(s.pending, Pending::ScrollTo(254, FocusTo::Ayah));
    }

    #[test]
    fn a_jump_survives_until_a_render_shows_its_ayah_and_holds_back_growth() {
        let s = reading_ayat_al_kursi();
        // The scroll event of a render that does not show 2:255 yet, near
        // the bottom of the window.
        let s = reduce(s, Action::Scrolled(scroll(252, 100, 1000)));
        assert_eq!(s.window, (252, 282), "the window the jump asked for stays");
        assert_eq!(s.pending, Pending::ScrollTo(254, FocusTo::Ayah));
        let s = reduce(s, Action::Done(Pending::Anchor(252, 0.0)));
        assert_eq!(
            s.pending,
            Pending::ScrollTo(254, FocusTo::Ayah),
            "other work being done does not drop the jump"
        );
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        assert_eq!(s.pending, Pending::None);
    }

    #[test]
    fn scrolling_near_an_edge_grows_the_window_and_anchors_the_top_ayah() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(s, Action::Scrolled(scroll(256, 3000, 4500)));
        assert_eq!(s.window, (252, 286), "grows down to the end of the surah");
        assert_eq!(s.pending, Pending::Anchor(256, 80.0));
        let s = reduce(s, Action::Done(Pending::Anchor(256, 80.0)));
        let s = reduce(s, Action::Scrolled(scroll(252, 100, 9000)));
        assert_eq!(s.window, (222, 286), "grows up near the top");
    }

    #[test]
    fn the_window_never_holds_more_than_its_maximum() {
        let s = reduce(Rc::default(), open(1, 2, None, 1));
        let mut s = reduce(
            s,
            Action::Loaded {
                ticket: 1,
                view: surah(2, 286),
            },
        );
        s = reduce(s, Action::Done(Pending::ScrollTo(0, FocusTo::Reader)));
        for _ in 0..5 {
            let top = s.window.1.saturating_sub(5);
            s = reduce(s, Action::Scrolled(scroll(top, 9000, 9500)));
            let work = s.pending;
            s = reduce(s, Action::Done(work));
        }
        assert_eq!(s.window.1 - s.window.0, MAX_WINDOW, "{:?}", s.window);
    }

    #[test]
    fn scrolling_within_an_ayah_changes_nothing() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let again = reduce(s.clone(), Action::Scrolled(scroll(254, 5000, 10_000)));
        assert!(
            Rc::ptr_eq(&again, &s),
            "no render for a scroll within one ayah"
        );
    }

    #[test]
    fn keys_move_from_the_focused_ayah_or_from_the_top_once_it_is_scrolled_away() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(
            s,
            Action::Step {
                by: 1,
                focused_on_screen: true,
            },
        );
        assert_eq!(s.focused, Some(255));
        assert_eq!(
            s.pending,
            Pending::Reveal(255),
            "inside the window: just reveal it"
        );
        let s = reduce(s, Action::Scrolled(scroll(265, 5000, 10_000)));
        let s = reduce(
            s,
            Action::Step {
                by: -1,
                focused_on_screen: false,
            },
        );
        assert_eq!(s.focused, Some(264), "starts from the ayah at the top");
        let s = reduce(s, Action::Done(Pending::Reveal(264)));
        let s = reduce(
            s,
            Action::Step {
                by: 40,
                focused_on_screen: true,
            },
        );
        assert_eq!(s.focused, Some(285), "stops at the last ayah");
    }

    #[test]
    fn a_key_beyond_the_window_moves_the_window_and_jumps() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(s, Action::Scrolled(scroll(252, 5000, 10_000)));
        let s = reduce(
            s,
            Action::Step {
                by: -1,
                focused_on_screen: false,
            },
        );
        assert_eq!(s.focused, Some(251));
        assert_eq!(s.window, window_around(251, 286));
        assert_eq!(s.pending, Pending::ScrollTo(251, FocusTo::Ayah));
    }

    #[test]
    fn the_recited_ayah_is_brought_into_the_window_without_taking_focus() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, Action::Done(Pending::ScrollTo(254, FocusTo::Ayah)));
        let s = reduce(s, Action::Show(10));
        assert_eq!(s.window, (8, 38));
        assert_eq!(s.pending, Pending::ScrollTo(10, FocusTo::Keep));
        assert_eq!(s.focused, Some(254));
    }

    #[test]
    fn a_new_target_shows_loading_until_it_arrives() {
        let s = reading_ayat_al_kursi();
        let s = reduce(s, open(2, 3, None, 2));
        assert!(matches!(s.view, Load::Loading));
        assert_eq!(
            s.current, None,
            "the old place does not belong to the new view"
        );
    }
}
