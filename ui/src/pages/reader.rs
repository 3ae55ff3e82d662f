//! The reader: a surah, juz, hizb quarter or page, ayah by ayah (or as
//! flowing text in page mode), with markers, translation, bookmarks and
//! keyboard movement.
//!
//! Long views keep the DOM small: only a window of at most `MAX_WINDOW`
//! ayahs is rendered, and it slides as the user scrolls. When ayahs are
//! added or removed above the viewport, the scroll position is corrected
//! against an anchor ayah so the text does not jump (WebKit has no native
//! scroll anchoring).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use companion_core::wire::{AyahView, Bookmark, Position, ReadingView, SurahHeading, ViewTarget};
use companion_core::AyahRef;
use gloo_timers::callback::Timeout;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::surahs::revelation_label;
use super::{load_status, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{save_settings, use_app, Action, Route};
use crate::text::arabic_digits;

/// Ayahs added to the window at a time.
const CHUNK: usize = 30;
/// Most ayahs in the DOM at once.
const MAX_WINDOW: usize = 90;
/// Pixels from an edge at which the window grows.
const EDGE: i32 = 1200;
/// Height covered by the sticky reader bar.
const BAR: i32 = 64;

#[derive(Properties, PartialEq)]
pub struct ReaderPageProps {
    pub target: ViewTarget,
    pub focus: Option<AyahRef>,
    /// Changes on every navigation, so going to the same ayah again moves
    /// the reader back to it.
    pub visit: u32,
}

/// Where focus goes after the reader scrolls.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FocusTo {
    /// The ayah scrolled to.
    Ayah,
    /// The reader itself, so the keyboard works at once.
    Reader,
    /// Wherever it is (the user just pressed a control).
    Keep,
}

/// Saves the reading position once scrolling settles, and at once when the
/// reader closes, so a quick exit does not lose it.
#[derive(Default)]
struct PositionSaver {
    pending: RefCell<Option<Position>>,
    timer: RefCell<Option<Timeout>>,
}

impl PositionSaver {
    fn schedule(self: &Rc<Self>, position: Position) {
        self.pending.replace(Some(position));
        let this = self.clone();
        self.timer
            .replace(Some(Timeout::new(700, move || this.flush())));
    }

    fn flush(&self) {
        if let Some(position) = self.pending.take() {
            yew::platform::spawn_local(async move {
                let _ = bridge::save_position(position).await;
            });
        }
    }
}

/// Focuses the ayah with this reference once the current render is done.
fn focus_ayah_soon(reference: AyahRef) {
    yew::platform::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let selector = format!("[data-ref='{reference}']");
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(el) = found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// Whether the ayah at `index` is on screen in the reader.
fn is_visible(index: usize, container: &HtmlElement) -> bool {
    let Some(el) = element(index) else {
        return false;
    };
    let (ayah, area) = (
        el.get_bounding_client_rect(),
        container.get_bounding_client_rect(),
    );
    ayah.bottom() > area.top() + f64::from(BAR) && ayah.top() < area.bottom()
}

/// Scroll work to do after the next render.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    None,
    /// Bring this ayah to the top and focus it (or the reader, if `false`).
    ScrollTo(usize, FocusTo),
    /// Keep this ayah where it was on screen (its old viewport top).
    Anchor(usize, f64),
}

fn element(index: usize) -> Option<HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id(&format!("ayah-{index}"))?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// The first rendered ayah not yet scrolled past the bar.
fn top_ayah(container: &HtmlElement, lo: usize, hi: usize) -> usize {
    let line = container.scroll_top() + BAR;
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let mid = (a + b) / 2;
        match element(mid) {
            Some(el) if el.offset_top() + el.offset_height() <= line => a = mid + 1,
            _ => b = mid,
        }
    }
    a.min(hi.saturating_sub(1)).max(lo)
}

fn viewport_top(index: usize) -> Option<f64> {
    element(index).map(|el| el.get_bounding_client_rect().top())
}

fn window_around(index: usize, len: usize) -> (usize, usize) {
    let lo = index.saturating_sub(2);
    (lo, (lo + CHUNK).max(index + 1).min(len))
}

fn title(i18n: &I18n, view: &ReadingView) -> String {
    match view.target {
        ViewTarget::Surah(n) => {
            let name = view
                .ayahs
                .first()
                .and_then(|a| a.heading.as_ref())
                .map(|h| h.surah.transliteration.clone())
                .unwrap_or_default();
            i18n.t_args(
                "reader-title-surah",
                &[("number", n.into()), ("name", name.into())],
            )
        }
        ViewTarget::Juz(n) => i18n.t_args("reader-title-juz", &[("number", n.into())]),
        ViewTarget::HizbQuarter(n) => i18n.t_args("reader-title-quarter", &[("number", n.into())]),
        ViewTarget::Page(n) => i18n.t_args("reader-title-page", &[("number", n.into())]),
    }
}

#[component]
pub fn ReaderPage(props: &ReaderPageProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let settings = app.settings.clone();
    let view = use_state(|| Load::<Rc<ReadingView>>::Loading);
    let window = use_state(|| (0usize, 0usize));
    let focused = use_state(|| None::<usize>);
    let current = use_mut_ref(|| None::<usize>);
    let pending = use_mut_ref(|| Pending::None);
    let last_focus = use_mut_ref(|| None::<AyahRef>);
    let saver: Rc<PositionSaver> = (*use_memo((), |_| Rc::new(PositionSaver::default()))).clone();
    let request = use_mut_ref(|| 0u32);
    let last_visit = use_mut_ref(|| None::<u32>);
    let container = use_node_ref();
    let bookmarks = use_state(HashMap::<AyahRef, Bookmark>::new);
    let editing = use_state(|| None::<AyahRef>);

    // Open the view; reopen (keeping the place) when the text options change.
    {
        let (view, window, focused, current, pending) = (
            view.clone(),
            window.clone(),
            focused.clone(),
            current.clone(),
            pending.clone(),
        );
        let (request, saver, last_visit) = (request.clone(), saver.clone(), last_visit.clone());
        let deps = (
            props.target.clone(),
            props.focus,
            props.visit,
            settings.text_options(),
        );
        use_effect_with(deps, move |(target, focus, visit, options)| {
            let (target, focus, options) = (target.clone(), *focus, options.clone());
            let keep = *current.borrow();
            let same_target = matches!(&*view, Load::Ready(v) if v.target == target);
            let revisited = last_visit
                .replace(Some(*visit))
                .is_some_and(|v| v != *visit);
            let focus_changed = last_focus.replace(focus) != focus || revisited;
            if !same_target {
                view.set(Load::Loading);
                current.replace(None);
            }
            // Only the reply to the latest request may change the screen.
            let ticket = {
                let mut latest = request.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            yew::platform::spawn_local(async move {
                let reply = bridge::open_view(target.clone(), options).await;
                if *request.borrow() != ticket {
                    return;
                }
                match reply {
                    Ok(loaded) => {
                        let len = loaded.ayahs.len();
                        let wanted =
                            focus.and_then(|f| loaded.ayahs.iter().position(|a| a.reference == f));
                        // A new target or a new focus (go to 2:10 while reading
                        // 2:255) moves the reader; a change of text options
                        // keeps the place.
                        let moved = !same_target || focus_changed;
                        let (index, focus_to) = match (wanted, keep) {
                            (Some(found), _) if moved => (found, FocusTo::Ayah),
                            (_, Some(kept)) if !moved => {
                                (kept.min(len.saturating_sub(1)), FocusTo::Keep)
                            }
                            (Some(found), _) => (found, FocusTo::Ayah),
                            _ => (0, FocusTo::Reader),
                        };
                        // Set before any state: whichever render first shows
                        // the ayah carries the scroll out.
                        pending.replace(Pending::ScrollTo(index, focus_to));
                        if focus_to != FocusTo::Keep {
                            focused.set((focus_to == FocusTo::Ayah).then_some(index));
                        }
                        current.replace(Some(index));
                        if let Some(ayah) = loaded.ayahs.get(index) {
                            saver.schedule(Position {
                                target,
                                ayah: ayah.reference,
                            });
                        }
                        window.set(window_around(index, len));
                        view.set(Load::Ready(Rc::new(loaded)));
                    }
                    Err(error) => view.set(Load::Failed(error)),
                }
            });
        });
    }

    // Closing the reader saves the position at once.
    {
        let saver = saver.clone();
        use_effect_with((), move |_| move || saver.flush());
    }

    // Bookmarks, to show which ayahs are saved.
    {
        let bookmarks = bookmarks.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(list) = bridge::bookmarks().await {
                    bookmarks.set(list.into_iter().map(|b| (b.reference, b)).collect());
                }
            });
        });
    }

    // Keep the ayah being recited in view (moving the window if needed).
    {
        let (view, window, pending, container) = (
            view.clone(),
            window.clone(),
            pending.clone(),
            container.clone(),
        );
        use_effect_with(app.audio.ayah, move |playing| {
            let (Some(playing), Load::Ready(loaded)) = (*playing, &*view) else {
                return;
            };
            let Some(index) = loaded.ayahs.iter().position(|a| a.reference == playing) else {
                return;
            };
            let len = loaded.ayahs.len();
            let (lo, hi) = *window;
            let page_mode = matches!(loaded.target, ViewTarget::Page(_));
            let shown = page_mode || (lo..hi).contains(&index);
            match (shown, container.cast::<HtmlElement>(), element(index)) {
                (true, Some(el), Some(ayah)) if !is_visible(index, &el) => {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    options.set_behavior(web_sys::ScrollBehavior::Smooth);
                    ayah.scroll_into_view_with_scroll_into_view_options(&options);
                }
                (true, ..) => {}
                (false, ..) => {
                    window.set(window_around(index, len));
                    pending.replace(Pending::ScrollTo(index, FocusTo::Keep));
                }
            }
        });
    }

    // After each render: carry out the scroll work the last change asked for.
    {
        let (pending, container) = (pending.clone(), container.clone());
        use_effect(move || {
            let work = pending.replace(Pending::None);
            if let Some(el) = container.cast::<HtmlElement>() {
                match work {
                    // Not rendered yet: keep the work for the render that
                    // shows it.
                    Pending::ScrollTo(index, focus_to) if element(index).is_none() => {
                        pending.replace(Pending::ScrollTo(index, focus_to));
                    }
                    Pending::ScrollTo(index, focus_to) => {
                        if let Some(ayah) = element(index) {
                            el.set_scroll_top(if index == 0 {
                                0
                            } else {
                                ayah.offset_top() - BAR
                            });
                            match focus_to {
                                FocusTo::Ayah => {
                                    let _ = ayah.focus();
                                }
                                FocusTo::Reader => {
                                    let _ = el.focus();
                                }
                                FocusTo::Keep => {}
                            }
                        }
                    }
                    Pending::Anchor(index, old_top) => {
                        if let Some(new_top) = viewport_top(index) {
                            // Truncation is fine: sub-pixel drift is invisible.
                            el.set_scroll_top(el.scroll_top() + (new_top - old_top) as i32);
                        }
                    }
                    Pending::None => {}
                }
            }
        });
    }

    let Load::Ready(loaded) = &*view else {
        return html! {
            <main class="main" id="reader">{ load_status(&view, &i18n) }</main>
        };
    };
    let loaded = loaded.clone();
    let len = loaded.ayahs.len();
    let page_mode = matches!(loaded.target, ViewTarget::Page(_));
    let (lo, hi) = if page_mode { (0, len) } else { *window };

    let onscroll = {
        let (container, window, current, pending, saver) = (
            container.clone(),
            window.clone(),
            current.clone(),
            pending.clone(),
            saver.clone(),
        );
        let loaded = loaded.clone();
        Callback::from(move |_: Event| {
            let Some(el) = container.cast::<HtmlElement>() else {
                return;
            };
            let index = top_ayah(&el, lo, hi);
            let moved = current.replace(Some(index)) != Some(index);
            if moved {
                if let Some(ayah) = loaded.ayahs.get(index) {
                    let position = Position {
                        target: loaded.target.clone(),
                        ayah: ayah.reference,
                    };
                    // Saved once scrolling settles, not on every frame.
                    saver.schedule(position);
                }
            }
            // A jump is under way: the window it asked for comes first.
            if page_mode || matches!(*pending.borrow(), Pending::ScrollTo(..)) {
                return;
            }
            let (top, seen) = (el.scroll_top(), el.client_height());
            let below = el.scroll_height() - (top + seen);
            let grow = if below < EDGE && hi < len {
                let new_hi = (hi + CHUNK).min(len);
                Some((new_hi.saturating_sub(MAX_WINDOW).max(lo), new_hi))
            } else if top < EDGE / 2 && lo > 0 {
                let new_lo = lo.saturating_sub(CHUNK);
                Some((new_lo, hi.min(new_lo + MAX_WINDOW)))
            } else {
                None
            };
            if let Some(next) = grow {
                if let Some(old_top) = viewport_top(index) {
                    pending.replace(Pending::Anchor(index, old_top));
                }
                window.set(next);
            }
        })
    };

    // Keyboard: ↑/↓ or k/j move between ayahs, b bookmarks the current one.
    let onkeydown = {
        let (window, focused, current, pending, editing) = (
            window.clone(),
            focused.clone(),
            current.clone(),
            pending.clone(),
            editing.clone(),
        );
        let (container, saver, app, i18n, bookmarks) = (
            container.clone(),
            saver.clone(),
            app.clone(),
            i18n.clone(),
            bookmarks.clone(),
        );
        let loaded = loaded.clone();
        Callback::from(move |e: KeyboardEvent| {
            use wasm_bindgen::JsCast;
            let typing = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            // Start from the focused ayah while it is on screen; after the
            // user scrolled it away, from the ayah at the top.
            let on_screen = |i: &usize| {
                container
                    .cast::<HtmlElement>()
                    .is_some_and(|c| is_visible(*i, &c))
            };
            let base = (*focused)
                .filter(on_screen)
                .or(*current.borrow())
                .unwrap_or(lo);
            let step: isize = match e.key().as_str() {
                "ArrowDown" | "j" => 1,
                "ArrowUp" | "k" => -1,
                "b" => {
                    let Some(ayah) = loaded.ayahs.get(base) else {
                        return;
                    };
                    e.prevent_default();
                    if page_mode {
                        // Flowing text has no room for the note editor:
                        // bookmark at once; notes can be added verse by verse.
                        let (r, app, i18n, bookmarks) =
                            (ayah.reference, app.clone(), i18n.clone(), bookmarks.clone());
                        yew::platform::spawn_local(async move {
                            match bridge::add_bookmark(r, None).await {
                                Ok(saved) => {
                                    let mut next = (*bookmarks).clone();
                                    next.insert(r, saved);
                                    bookmarks.set(next);
                                    app.dispatch(Action::Toast(i18n.t("bookmark-saved")));
                                }
                                Err(error) => app.dispatch(Action::Toast(i18n.error(&error))),
                            }
                        });
                    } else {
                        editing.set(Some(ayah.reference));
                    }
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            let next = base.saturating_add_signed(step).min(len.saturating_sub(1));
            focused.set(Some(next));
            current.replace(Some(next));
            if let Some(ayah) = loaded.ayahs.get(next) {
                saver.schedule(Position {
                    target: loaded.target.clone(),
                    ayah: ayah.reference,
                });
            }
            if next >= lo && next < hi {
                if let Some(el) = element(next) {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                    let _ = el.focus();
                }
            } else {
                window.set(window_around(next, len));
                pending.replace(Pending::ScrollTo(next, FocusTo::Ayah));
            }
        })
    };

    let set = |change: fn(&mut companion_core::wire::Settings)| {
        let app = app.clone();
        Callback::from(move |_| {
            let mut next = app.settings.clone();
            change(&mut next);
            save_settings(&app, next);
        })
    };
    let pick_language = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let code = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let mut next = app.settings.clone();
            next.translation = code;
            save_settings(&app, next);
        })
    };
    let open = |target: Option<ViewTarget>| {
        let app = app.clone();
        target.map(|target| {
            Callback::from(move |_| {
                app.dispatch(Action::Replace(Route::Reader {
                    target: target.clone(),
                    focus: None,
                }))
            })
        })
    };
    let toggle_page_mode = {
        let app = app.clone();
        let loaded = loaded.clone();
        let current = current.clone();
        Callback::from(move |_| {
            let index = (*current.borrow()).unwrap_or(0);
            let Some(ayah) = loaded.ayahs.get(index) else {
                return;
            };
            let target = if page_mode {
                ViewTarget::Surah(ayah.reference.surah())
            } else {
                ViewTarget::Page(ayah.page)
            };
            app.dispatch(Action::Replace(Route::Reader {
                target,
                focus: Some(ayah.reference),
            }));
        })
    };
    // The message id doubles as the element id (`reader-translation`).
    let chip = |pressed: bool, label: &str, onclick: Callback<MouseEvent>| {
        html! {
            <button class="chip" id={label.to_owned()} aria-pressed={pressed.to_string()} {onclick}>{ i18n.t(label) }</button>
        }
    };

    let play = |app: &crate::state::AppContext, start: AyahRef, end: AyahRef| {
        let app = app.clone();
        yew::platform::spawn_local(async move {
            if let Err(error) = bridge::audio_play(start, end).await {
                app.dispatch(Action::Toast(error.message));
            }
        });
    };
    let play_from = {
        let (app, last) = (app.clone(), loaded.ayahs.last().map(|a| a.reference));
        Callback::from(move |start: AyahRef| {
            if let Some(end) = last {
                play(&app, start, end);
            }
        })
    };
    let play_one = {
        let app = app.clone();
        Callback::from(move |ayah: AyahRef| play(&app, ayah, ayah))
    };
    let play_surah = {
        let app = app.clone();
        Callback::from(move |surah: u16| {
            if let (Some(start), Some(end)) = (AyahRef::first_of(surah), AyahRef::last_of(surah)) {
                play(&app, start, end);
            }
        })
    };
    let play_range = app.highlight.map(|(start, end)| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| play(&app, start, end))
    });
    let range_start = app.highlight.map(|(start, _)| start);
    let ayah_props = |index: usize, ayah: &AyahView| AyahBlockProps {
        index,
        ayah: ayah.clone(),
        focused: *focused == Some(index),
        in_range: app
            .highlight
            .is_some_and(|(first, last)| first <= ayah.reference && ayah.reference <= last),
        bookmark: bookmarks.get(&ayah.reference).cloned(),
        editing: *editing == Some(ayah.reference),
        playing: app.audio.ayah == Some(ayah.reference),
        on_play: play_from.clone(),
        on_play_one: play_one.clone(),
        // The first ayah of a range the user went to offers to play it all.
        on_play_range: play_range
            .clone()
            .filter(|_| range_start == Some(ayah.reference)),
        translation_direction: AttrValue::from(loaded.translation_direction.clone()),
        on_edit: {
            let editing = editing.clone();
            Callback::from(move |r: Option<AyahRef>| {
                // Closing the editor gives focus back to its ayah, so the
                // keyboard keeps working.
                if let (None, Some(open)) = (r, *editing) {
                    focus_ayah_soon(open);
                }
                editing.set(r)
            })
        },
        on_saved: {
            let (bookmarks, editing, app, i18n) = (
                bookmarks.clone(),
                editing.clone(),
                app.clone(),
                i18n.clone(),
            );
            Callback::from(move |change: BookmarkChange| {
                let mut next = (*bookmarks).clone();
                match change {
                    BookmarkChange::Saved(b) => {
                        next.insert(b.reference, b);
                        app.dispatch(Action::Toast(i18n.t("bookmark-saved")));
                    }
                    BookmarkChange::Removed(r) => {
                        next.remove(&r);
                        app.dispatch(Action::Toast(i18n.t("bookmark-removed")));
                    }
                    BookmarkChange::Failed(message) => app.dispatch(Action::Toast(message)),
                }
                bookmarks.set(next);
                if let Some(open) = *editing {
                    focus_ayah_soon(open);
                }
                editing.set(None);
            })
        },
    };

    let body = if page_mode {
        page_flow(
            &loaded,
            (lo, hi),
            &focused,
            app.audio.ayah,
            &i18n,
            &play_surah,
        )
    } else {
        loaded
            .ayahs
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(offset, ayah)| {
                let index = lo + offset;
                html! {
                    <>
                        if let Some(heading) = &ayah.heading {
                            <SurahHeadingView heading={heading.clone()} on_play={play_surah.clone()} />
                        }
                        <AyahBlock key={index} ..ayah_props(index, ayah) />
                    </>
                }
            })
            .collect::<Html>()
    };

    let nav_buttons = html! {
        <>
            if let Some(onclick) = open(loaded.previous.clone()) {
                <button class="button" id="previous" {onclick}>{ i18n.t("reader-previous") }</button>
            }
            if let Some(onclick) = open(loaded.next.clone()) {
                <button class="button" id="next" {onclick}>{ i18n.t("reader-next") }</button>
            }
        </>
    };

    html! {
        <main class="main reader-scroll" id="reader" ref={container} tabindex="-1" {onscroll} {onkeydown}
            data-window={format!("{lo}-{hi}")} style="position: relative">
            <div class="reader-bar">
                <span class="title" id="reader-title"><bdi>{ title(&i18n, &loaded) }</bdi></span>
                // Page mode shows the Arabic alone, so its text toggles are hidden.
                if !page_mode {
                    { chip(settings.show_translation, "reader-translation", set(|s| s.show_translation = !s.show_translation)) }
                    if settings.show_translation {
                        <label class="visually-hidden" for="reader-language">{ i18n.t("settings-translation-language") }</label>
                        <select id="reader-language" class="input compact" onchange={pick_language}>
                            { for app.translations.iter().map(|t| html! {
                                <option value={t.code.clone()} selected={t.code == settings.translation}>{ t.native_name.clone() }</option>
                            }) }
                        </select>
                    }
                    { chip(settings.show_transliteration, "reader-transliteration", set(|s| s.show_transliteration = !s.show_transliteration)) }
                }
                { chip(page_mode, "reader-page-mode", toggle_page_mode) }
                <button class="icon-button" aria-label={i18n.t("reader-font-smaller")} title={i18n.t("reader-font-smaller")}
                    onclick={set(|s| s.arabic_font_size = s.arabic_font_size.saturating_sub(2))}>{ "A−" }</button>
                <button class="icon-button" aria-label={i18n.t("reader-font-larger")} title={i18n.t("reader-font-larger")}
                    onclick={set(|s| s.arabic_font_size = s.arabic_font_size.saturating_add(2))}>{ "A+" }</button>
                <button class="icon-button" id="theme-toggle" aria-label={i18n.t("reader-theme")} title={i18n.t("reader-theme")}
                    onclick={set(|s| s.theme = match s.theme {
                        companion_core::wire::Theme::Light => companion_core::wire::Theme::Sepia,
                        companion_core::wire::Theme::Sepia => companion_core::wire::Theme::Dark,
                        companion_core::wire::Theme::Dark => companion_core::wire::Theme::Light,
                    })}>{ "◐" }</button>
            </div>
            <div class={classes!("reader", page_mode.then_some("page-mode"))} role="region" aria-label={i18n.t("reader-region")}>
                { body }
                // Previous/next only below the last ayah, not below the window.
                if hi >= len {
                    <div class="page-footer">{ nav_buttons }</div>
                }
                <p class="muted small">{ i18n.t("reader-keyboard-hint") }</p>
            </div>
        </main>
    }
}

/// Page mode: the ayahs as one flowing text, broken only by surah headings.
fn page_flow(
    view: &ReadingView,
    (lo, hi): (usize, usize),
    focused: &Option<usize>,
    playing: Option<AyahRef>,
    i18n: &I18n,
    on_play_surah: &Callback<u16>,
) -> Html {
    let mut out = Vec::new();
    let mut run: Vec<Html> = Vec::new();
    let flush = |run: &mut Vec<Html>, out: &mut Vec<Html>| {
        if !run.is_empty() {
            let spans = std::mem::take(run);
            out.push(html! { <p class="arabic" lang="ar" dir="rtl">{ for spans }</p> });
        }
    };
    for index in lo..hi {
        let Some(ayah) = view.ayahs.get(index) else {
            break;
        };
        if let Some(heading) = &ayah.heading {
            flush(&mut run, &mut out);
            out.push(html! { <SurahHeadingView heading={heading.clone()} on_play={on_play_surah.clone()} /> });
        }
        let label = i18n.t_args(
            "reader-ayah-label",
            &[("reference", ayah.reference.to_string().into())],
        );
        run.push(html! {
            <span class={classes!("flow-ayah", (*focused == Some(index)).then_some("focused"), (playing == Some(ayah.reference)).then_some("playing"))}
                id={format!("ayah-{index}")} data-ref={ayah.reference.to_string()} tabindex="0" aria-label={label}>
                { &ayah.text }{ " " }
                <span class="ayah-number" aria-hidden="true">{ arabic_digits(ayah.reference.ayah()) }</span>
                if let Some(juz) = ayah.juz_start {
                    <span class="marker">{ i18n.t_args("reader-juz-marker", &[("number", juz.into())]) }</span>
                }
                if let Some(quarter) = ayah.quarter_start {
                    <span class="marker">{ i18n.t_args("reader-quarter-marker", &[("hizb", (quarter.saturating_sub(1) / 4 + 1).into()), ("quarter", (quarter.saturating_sub(1) % 4 + 1).into())]) }</span>
                }
                if ayah.sajdah { <span class="marker">{ "۩ " }{ i18n.t("reader-sajdah") }</span> }
                { " " }
            </span>
        });
    }
    flush(&mut run, &mut out);
    out.into_iter().collect()
}

#[derive(Properties, PartialEq)]
pub struct SurahHeadingProps {
    pub heading: SurahHeading,
    /// Plays the surah (its number).
    pub on_play: Callback<u16>,
}

/// The name of a surah where it begins, with the basmala when it has one.
#[component]
pub fn SurahHeadingView(props: &SurahHeadingProps) -> Html {
    let i18n = use_i18n();
    let s = &props.heading.surah;
    html! {
        <header class="surah-heading">
            <div class="name" lang="ar" dir="rtl">{ &s.name_arabic }</div>
            <div class="meta">
                <strong><bdi>{ format!("{}. {}", s.number, s.transliteration) }</bdi></strong>{ " · " }
                { i18n.t_args("reader-meta", &[
                    ("meaning", s.meaning.clone().into()),
                    ("revelation", revelation_label(&i18n, s.revelation).into()),
                    ("ayahs", s.ayah_count.into()),
                ]) }
            </div>
            <button class="button play-surah" id={format!("play-surah-{}", s.number)}
                onclick={props.on_play.reform({ let n = s.number; move |_: MouseEvent| n })}>
                { "▶ " }{ i18n.t("audio-play-surah") }
            </button>
            if let Some(basmala) = &props.heading.basmala {
                <p class="arabic basmala" lang="ar" dir="rtl">{ basmala }</p>
            }
        </header>
    }
}

/// What happened to a bookmark in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum BookmarkChange {
    Saved(Bookmark),
    Removed(AyahRef),
    Failed(String),
}

#[derive(Properties, PartialEq, Clone)]
pub struct AyahBlockProps {
    pub index: usize,
    pub ayah: AyahView,
    pub focused: bool,
    /// Inside the range the user went to (`2:255-257`).
    pub in_range: bool,
    pub bookmark: Option<Bookmark>,
    pub editing: bool,
    /// Being recited now.
    pub playing: bool,
    /// Plays from this ayah to the end of the view.
    pub on_play: Callback<AyahRef>,
    /// Plays this ayah alone.
    pub on_play_one: Callback<AyahRef>,
    /// On the first ayah of a marked range: plays the range.
    #[prop_or_default]
    pub on_play_range: Option<Callback<MouseEvent>>,
    pub translation_direction: AttrValue,
    pub on_edit: Callback<Option<AyahRef>>,
    pub on_saved: Callback<BookmarkChange>,
}

/// One ayah in verse-by-verse mode.
#[component]
pub fn AyahBlock(props: &AyahBlockProps) -> Html {
    let i18n = use_i18n();
    let a = &props.ayah;
    let r = a.reference;
    let reference = r.to_string();
    let label = i18n.t_args(
        "reader-ayah-label",
        &[("reference", reference.clone().into())],
    );
    let bookmark_label = if props.bookmark.is_some() {
        i18n.t_args("bookmark-edit", &[("reference", reference.clone().into())])
    } else {
        i18n.t_args("bookmark-add", &[("reference", reference.clone().into())])
    };
    let play_label = i18n.t_args(
        "audio-play-from",
        &[("reference", reference.clone().into())],
    );
    let play_one_label = i18n.t_args("audio-play-one", &[("reference", reference.clone().into())]);
    let toggle = {
        let (on_edit, editing) = (props.on_edit.clone(), props.editing);
        Callback::from(move |_| on_edit.emit((!editing).then_some(r)))
    };
    html! {
           <article class={classes!("ayah", props.focused.then_some("focused"), props.in_range.then_some("in-range"), props.playing.then_some("playing"))} id={format!("ayah-{}", props.index)}
               data-ref={reference.clone()} tabindex="0" aria-label={label}>
               <div class="ayah-tools">
                   <span class="ref">{ &reference }</span>
                   if let Some(juz) = a.juz_start {
                       <span class="marker">{ i18n.t_args("reader-juz-marker", &[("number", juz.into())]) }</span>
                   }
                   if let Some(quarter) = a.quarter_start {
                       <span class="marker">{ i18n.t_args("reader-quarter-marker", &[("hizb", (quarter.saturating_sub(1) / 4 + 1).into()), ("quarter", (quarter.saturating_sub(1) % 4 + 1).into())]) }</span>
                   }
                   if a.sajdah {
                       <span class="marker">{ "۩ " }{ i18n.t("reader-sajdah") }</span>
                   }
    if let Some(onclick) = props.on_play_range.clone() {
                       <button class="chip" id="play-range" {onclick}>{ "▶ " }{ i18n.t("audio-play-range") }</button>
                   }
                   <button class="icon-button play-one" aria-label={play_one_label.clone()} title={play_one_label}
                       onclick={props.on_play_one.reform(move |_: MouseEvent| r)}>{ "▷" }</button>
                   <button class="icon-button play-from" aria-label={play_label.clone()} title={play_label}
                       onclick={props.on_play.reform(move |_: MouseEvent| r)}>{ "▶" }</button>
                   <button class="icon-button bookmark-toggle" aria-expanded={props.editing.to_string()}
                       data-bookmarked={props.bookmark.is_some().to_string()}
                       aria-label={bookmark_label.clone()} title={bookmark_label} onclick={toggle}>
                       { if props.bookmark.is_some() { "★" } else { "☆" } }
                   </button>
               </div>
               <p class="arabic" lang="ar" dir="rtl">
                   { &a.text }{ " " }
                   <span class="ayah-number" aria-hidden="true">{ arabic_digits(r.ayah()) }</span>
               </p>
               if let Some(t) = &a.transliteration {
                   <p class="transliteration">{ t }</p>
               }
               if let Some(t) = &a.translation {
                   <p class="translation" dir={props.translation_direction.clone()}>{ t }</p>
               }
               if props.editing {
                   <NoteEditor reference={r} bookmark={props.bookmark.clone()} on_done={props.on_saved.clone()}
                       on_cancel={props.on_edit.reform(|_| None)} />
               }
           </article>
       }
}

#[derive(Properties, PartialEq)]
pub struct NoteEditorProps {
    pub reference: AyahRef,
    pub bookmark: Option<Bookmark>,
    pub on_done: Callback<BookmarkChange>,
    pub on_cancel: Callback<()>,
}

/// Add a bookmark with an optional note, change the note, or remove it.
#[component]
pub fn NoteEditor(props: &NoteEditorProps) -> Html {
    let i18n = use_i18n();
    let note = use_state(|| {
        props
            .bookmark
            .as_ref()
            .and_then(|b| b.note.clone())
            .unwrap_or_default()
    });
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(el) = area.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let save = {
        let (note, r, done, i18n) = (
            note.clone(),
            props.reference,
            props.on_done.clone(),
            i18n.clone(),
        );
        Callback::from(move |_| {
            let (text, done, i18n) = ((*note).clone(), done.clone(), i18n.clone());
            yew::platform::spawn_local(async move {
                let text = (!text.trim().is_empty()).then_some(text);
                done.emit(match bridge::add_bookmark(r, text).await {
                    Ok(saved) => BookmarkChange::Saved(saved),
                    Err(e) => BookmarkChange::Failed(i18n.error(&e)),
                });
            });
        })
    };
    let remove = props.bookmark.as_ref().map(|b| {
        let (id, r, done, i18n) = (b.id, props.reference, props.on_done.clone(), i18n.clone());
        Callback::from(move |_| {
            let (done, i18n) = (done.clone(), i18n.clone());
            yew::platform::spawn_local(async move {
                done.emit(match bridge::delete_bookmark(id).await {
                    Ok(()) => BookmarkChange::Removed(r),
                    Err(e) => BookmarkChange::Failed(i18n.error(&e)),
                });
            });
        })
    });
    let oninput = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            note.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let onkeydown = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Escape" {
                cancel.emit(());
            }
        })
    };
    let id = format!(
        "note-{}-{}",
        props.reference.surah(),
        props.reference.ayah()
    );
    html! {
        <div class="note-editor" {onkeydown}>
            <label for={id.clone()}>{ i18n.t("bookmark-note") }</label>
            <textarea id={id} ref={area} maxlength="2000" value={(*note).clone()} {oninput} />
            <div class="field">
                <button class="button primary" id="bookmark-save" onclick={save}>{ i18n.t("bookmark-save") }</button>
                <button class="button" onclick={props.on_cancel.reform(|_| ())}>{ i18n.t("bookmark-cancel") }</button>
                if let Some(onclick) = remove {
                    <button class="button danger" {onclick}>{ i18n.t("bookmark-remove") }</button>
                }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::{Revelation, SurahSummary};

    fn ayah(surah: u16, n: u16) -> AyahView {
        AyahView {
            reference: AyahRef::new(surah, n).unwrap(),
            text: "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ".into(),
            translation: Some("[All] praise is [due] to Allah, Lord of the worlds".into()),
            transliteration: None,
            juz: 1,
            page: 1,
            juz_start: None,
            quarter_start: None,
            sajdah: false,
            heading: None,
        }
    }

    fn props(ayah: AyahView) -> AyahBlockProps {
        AyahBlockProps {
            index: 1,
            ayah,
            focused: false,
            in_range: false,
            bookmark: None,
            editing: false,
            playing: false,
            on_play: Callback::noop(),
            on_play_one: Callback::noop(),
            on_play_range: None,
            translation_direction: "ltr".into(),
            on_edit: Callback::noop(),
            on_saved: Callback::noop(),
        }
    }

    async fn render(p: AyahBlockProps) -> String {
        yew::LocalServerRenderer::<AyahBlock>::with_props(p)
            .render()
            .await
    }

    #[tokio::test]
    async fn an_ayah_shows_its_text_unchanged_right_to_left_with_its_number() {
        let a = ayah(1, 2);
        let html = render(props(a.clone())).await;
        assert!(
            html.contains(&a.text),
            "the Uthmani text is shown exactly as given"
        );
        assert!(
            html.contains(r#"lang="ar" dir="rtl""#),
            "Arabic is marked right to left: {html}"
        );
        assert!(
            html.contains("٢"),
            "the ayah number marker uses Arabic-Indic digits"
        );
        assert!(
            html.contains(r#"aria-label="Ayah 1:2""#),
            "screen readers hear the reference"
        );
        assert!(
            html.contains("Bookmark 1:2"),
            "the bookmark control has a name"
        );
        assert!(html.contains("Lord of the worlds"));
    }

    #[tokio::test]
    async fn each_ayah_can_be_played_and_the_one_recited_is_marked() {
        let a = ayah(1, 2);
        let quiet = render(props(a.clone())).await;
        assert!(
            quiet.contains("Play from 1:2"),
            "the play control has a name: {quiet}"
        );
        assert!(!quiet.contains("playing"));
        let mut p = props(a);
        p.playing = true;
        let heard = render(p).await;
        assert!(heard.contains(r#"class="ayah playing""#), "{heard}");
    }

    #[tokio::test]
    async fn markers_show_juz_hizb_and_sajdah() {
        let mut a = ayah(96, 19);
        a.juz_start = Some(30);
        a.quarter_start = Some(239);
        a.sajdah = true;
        let html = render(props(a)).await;
        assert!(html.contains("Juz 30"), "{html}");
        assert!(
            html.contains("Hizb 60 ½"),
            "quarter 239 is the half of hizb 60: {html}"
        );
        assert!(html.contains("Sajdah"));
    }

    #[tokio::test]
    async fn a_surah_heading_shows_the_basmala_only_when_given() {
        let surah = SurahSummary {
            number: 9,
            name_arabic: "التوبة".into(),
            transliteration: "At-Tawbah".into(),
            meaning: "The Repentance".into(),
            revelation: Revelation::Medinan,
            ayah_count: 129,
            first_page: 187,
        };
        let heading = SurahHeading {
            surah: surah.clone(),
            basmala: None,
        };
        let html = yew::ServerRenderer::<SurahHeadingView>::with_props(move || SurahHeadingProps {
            heading,
            on_play: Callback::noop(),
        })
        .render()
        .await;
        assert!(html.contains("At-Tawbah") && html.contains("129 ayahs"));
        assert!(
            !html.contains("basmala"),
            "no basmala before surah 9: {html}"
        );
        let heading = SurahHeading {
            surah,
            basmala: Some("بِسۡمِ ٱللَّهِ".into()),
        };
        let html = yew::ServerRenderer::<SurahHeadingView>::with_props(move || SurahHeadingProps {
            heading,
            on_play: Callback::noop(),
        })
        .render()
        .await;
        assert!(html.contains("basmala") && html.contains("بِسۡمِ ٱللَّهِ"));
    }

    #[test]
    fn the_window_starts_just_above_the_focused_ayah() {
        assert_eq!(window_around(0, 286), (0, CHUNK));
        assert_eq!(window_around(254, 286), (252, 282));
        assert_eq!(window_around(285, 286), (283, 286));
        assert_eq!(window_around(3, 7), (1, 7));
    }
}
