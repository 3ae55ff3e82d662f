//! One ayah in verse-by-verse mode: its reference and markers, the play
//! and bookmark controls, the Arabic text, translation and transliteration,
//! and the note editor when it is open.

use companion_core::wire::{AyahView, Bookmark};
use companion_core::AyahRef;
use yew::prelude::*;

use super::markers::markers;
use super::note_editor::{BookmarkChange, NoteEditor};
use crate::i18n::use_i18n;
use crate::text::arabic_digits;

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
    /// Marks this ayah read.
    pub on_mark: Callback<AyahRef>,
    /// Marks the view read from its start to this ayah (by index).
    pub on_read_to_here: Callback<usize>,
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
    let mark_label = i18n.t_args(
        "reader-mark-read",
        &[("reference", reference.clone().into())],
    );
    let to_here_label = i18n.t_args(
        "reader-read-to-here",
        &[("reference", reference.clone().into())],
    );
    let index = props.index;
    let toggle = {
        let (on_edit, editing) = (props.on_edit.clone(), props.editing);
        Callback::from(move |_| on_edit.emit((!editing).then_some(r)))
    };
    html! {
           <article class={classes!("ayah", props.focused.then_some("focused"), props.in_range.then_some("in-range"), props.playing.then_some("playing"))} id={format!("ayah-{}", props.index)}
               data-ref={reference.clone()} tabindex="0" aria-label={label}>
               <div class="ayah-tools">
                   <span class="ref">{ &reference }</span>
                   { markers(&i18n, a) }
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
                   <button class="icon-button mark-read" aria-label={mark_label.clone()} title={mark_label}
                       onclick={props.on_mark.reform(move |_: MouseEvent| r)}>{ "✓" }</button>
                   <button class="icon-button read-to-here" aria-label={to_here_label.clone()} title={to_here_label}
                       onclick={props.on_read_to_here.reform(move |_: MouseEvent| index)}>{ "⤒" }</button>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ayah;

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
            on_mark: Callback::noop(),
            on_read_to_here: Callback::noop(),
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
}
