//! The reader: a surah, juz, hizb quarter or page, ayah by ayah (or as
//! flowing text in page mode), with markers, translation, bookmarks,
//! recitation and keyboard movement.
//!
//! Long views keep the DOM small: only a window of at most
//! `state::MAX_WINDOW` ayahs is rendered, and it slides as the user
//! scrolls. When ayahs are added or removed above the viewport, the scroll
//! position is corrected against an anchor ayah so the text does not jump
//! (WebKit has no native scroll anchoring).
//!
//! This file composes: `state` holds the transitions, `dom` the DOM
//! reads and writes, `crate::hooks` the effects (loading, bookmarks,
//! saving the position, following the recitation, keys) and
//! `crate::components::reader` what is drawn.

pub mod dom;
pub mod state;

use companion_core::wire::{AyahView, ReadingView, ViewTarget};
use companion_core::AyahRef;
use web_sys::HtmlElement;
use yew::prelude::*;

use self::state::Action as ReaderAction;
use super::load_status;
use crate::components::reader::ayah_block::AyahBlock;
use crate::components::reader::page_flow::PageFlow;
use crate::components::reader::reader_bar::ReaderBar;
use crate::components::reader::reader_nav::ReaderNav;
use crate::components::reader::surah_heading::SurahHeadingView;
use crate::hooks::use_bookmarks::use_bookmarks;
use crate::hooks::use_follow_recitation::use_follow_recitation;
use crate::hooks::use_play::use_play;
use crate::hooks::use_position_saver::use_position_saver;
use crate::hooks::use_reader_keys::use_reader_keys;
use crate::hooks::use_reading_session::use_reading_session;
use crate::hooks::use_reading_view::use_reading_view;
use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct ReaderPageProps {
    pub target: ViewTarget,
    pub focus: Option<AyahRef>,
    /// Changes on every navigation, so going to the same ayah again moves
    /// the reader back to it.
    pub visit: u32,
    /// Inside a focus session: the text alone, without the reader's bar.
    #[prop_or_default]
    pub focus_mode: bool,
}

#[component]
pub fn ReaderPage(props: &ReaderPageProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let container = use_node_ref();
    let reader = use_reading_view(
        props.target.clone(),
        props.focus,
        props.visit,
        app.settings.text_options(),
        container.clone(),
    );
    let bookmarks = use_bookmarks();
    use_position_saver(reader.position());
    use_follow_recitation(reader.clone(), container.clone());
    let play = use_play(
        reader
            .loaded()
            .and_then(|v| v.ayahs.last())
            .map(|a| a.reference),
    );
    let onkeydown = use_reader_keys(reader.clone(), container.clone(), bookmarks.clone());
    // Which ayahs are on screen, for how long: they count as read, and the
    // session's Hasanat show in the bar.
    let session = use_reading_session(
        reader.loaded().map(|v| &**v),
        reader.rendered(),
        container.clone(),
    );

    let Some(view) = reader.loaded().cloned() else {
        return html! {
            <main class="main" id="reader">{ load_status(&reader.view, &i18n) }</main>
        };
    };
    let len = view.ayahs.len();
    let page_mode = reader.page_mode();
    let (lo, hi) = reader.rendered();

    let onscroll = {
        let (reader, container) = (reader.clone(), container.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = container.cast::<HtmlElement>() {
                reader.dispatch(ReaderAction::Scrolled(dom::measure(&el, (lo, hi))));
            }
        })
    };
    // Page mode and verse by verse swap at the ayah being read.
    let on_page_mode = {
        let (app, view, reader) = (app.clone(), view.clone(), reader.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(ayah) = view.ayahs.get(reader.current.unwrap_or(0)) else {
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

    let body = if page_mode {
        html! {
            <PageFlow view={view.clone()} focused={reader.focused} playing={app.audio.ayah}
                on_play_surah={play.surah.clone()} />
        }
    } else {
        let translation_direction = AttrValue::from(view.translation_direction.clone());
        // "Read up to here": every ayah of the view from its start.
        let read_to_here = {
            let (mark, view) = (session.mark.clone(), view.clone());
            Callback::from(move |index: usize| {
                mark.emit(
                    view.ayahs
                        .iter()
                        .take(index + 1)
                        .map(|a| a.reference)
                        .collect(),
                )
            })
        };
        let block = |index: usize, ayah: &AyahView| {
            let r = ayah.reference;
            html! {
                <AyahBlock key={index} {index} ayah={ayah.clone()} focused={reader.focused == Some(index)}
                    in_range={app.highlight.is_some_and(|(first, last)| first <= r && r <= last)}
                    bookmark={bookmarks.get(r)} editing={bookmarks.editing(r)}
                    playing={app.audio.ayah == Some(r)}
                    on_play={play.from.clone()} on_play_one={play.one.clone()}
                    // The first ayah of a range the user went to offers to play it all.
                    on_play_range={play.range_at(r)}
                    translation_direction={translation_direction.clone()}
                    on_edit={bookmarks.on_edit.clone()} on_saved={bookmarks.on_saved.clone()}
                    on_mark={session.mark.reform(|r| vec![r])} on_read_to_here={read_to_here.clone()} />
            }
        };
        (lo..hi)
            .filter_map(|index| Some((index, view.ayahs.get(index)?)))
            .map(|(index, ayah)| {
                html! {
                    <>
                        if let Some(heading) = &ayah.heading {
                            <SurahHeadingView heading={heading.clone()} on_play={play.surah.clone()} />
                        }
                        { block(index, ayah) }
                    </>
                }
            })
            .collect::<Html>()
    };

    html! {
        <main class="main reader-scroll" id="reader" ref={container} tabindex="-1" {onscroll} {onkeydown}
            data-window={format!("{lo}-{hi}")} style="position: relative">
            if !props.focus_mode {
                <ReaderBar title={title(&i18n, &view)} {page_mode} {on_page_mode}
                    hasanat={session.tally.today_hasanat} />
            }
            <div class={classes!("reader", page_mode.then_some("page-mode"))} role="region" aria-label={i18n.t("reader-region")}>
                { body }
                // Previous/next only below the last ayah, not below the window.
                if hi >= len {
                    <ReaderNav previous={view.previous.clone()} next={view.next.clone()} />
                }
                <p class="muted small">{ i18n.t("reader-keyboard-hint") }</p>
            </div>
        </main>
    }
}

fn title(i18n: &I18n, view: &ReadingView) -> AttrValue {
    let title = match view.target {
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
    };
    title.into()
}
