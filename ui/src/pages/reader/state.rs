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
mod tests;
