//! The reader's keyboard: ↑/↓ or k/j move between ayahs, b bookmarks the
//! current one.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::use_bookmarks::Bookmarks;
use crate::pages::reader::dom;
use crate::pages::reader::state::{Action, ReaderState};

/// The reader's `onkeydown`.
#[hook]
pub fn use_reader_keys(
    reader: UseReducerHandle<ReaderState>,
    container: NodeRef,
    bookmarks: Bookmarks,
) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let Some(view) = reader.loaded().cloned() else {
            return;
        };
        let focused_on_screen = reader.focused.is_some_and(|i| {
            container
                .cast::<HtmlElement>()
                .is_some_and(|c| dom::is_visible(i, &c))
        });
        let by = match e.key().as_str() {
            "ArrowDown" | "j" => 1,
            "ArrowUp" | "k" => -1,
            "b" => {
                let Some(ayah) = view.ayahs.get(reader.base(focused_on_screen)) else {
                    return;
                };
                e.prevent_default();
                if reader.page_mode() {
                    // Flowing text has no room for the note editor:
                    // bookmark at once; notes can be added verse by verse.
                    bookmarks.on_quick_add.emit(ayah.reference);
                } else {
                    bookmarks.on_edit.emit(Some(ayah.reference));
                }
                return;
            }
            _ => return,
        };
        e.prevent_default();
        reader.dispatch(Action::Step {
            by,
            focused_on_screen,
        });
    })
}
