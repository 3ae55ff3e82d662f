//! The note editor under an ayah: add a bookmark with an optional note,
//! change the note, or remove the bookmark.

use companion_core::wire::{Bookmark, CommandError};
use companion_core::AyahRef;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::services::bridge;

/// What happened to a bookmark in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum BookmarkChange {
    Saved(Bookmark),
    Removed(AyahRef),
    /// Shown to the user in the interface language.
    Failed(CommandError),
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
        let (note, r, done) = (note.clone(), props.reference, props.on_done.clone());
        Callback::from(move |_| {
            let (text, done) = ((*note).clone(), done.clone());
            yew::platform::spawn_local(async move {
                let text = (!text.trim().is_empty()).then_some(text);
                done.emit(match bridge::add_bookmark(r, text).await {
                    Ok(saved) => BookmarkChange::Saved(saved),
                    Err(e) => BookmarkChange::Failed(e),
                });
            });
        })
    };
    let remove = props.bookmark.as_ref().map(|b| {
        let (id, r, done) = (b.id, props.reference, props.on_done.clone());
        Callback::from(move |_| {
            let done = done.clone();
            yew::platform::spawn_local(async move {
                done.emit(match bridge::delete_bookmark(id).await {
                    Ok(()) => BookmarkChange::Removed(r),
                    Err(e) => BookmarkChange::Failed(e),
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
