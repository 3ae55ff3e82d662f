//! The reader's transitions, without a DOM.

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
