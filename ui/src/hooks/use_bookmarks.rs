//! The reader's bookmarks: which ayahs are saved, which one's note editor
//! is open, and what happens when a bookmark is saved or removed.

use std::collections::HashMap;

use companion_core::wire::Bookmark;
use companion_core::AyahRef;
use yew::prelude::*;

use crate::components::reader::note_editor::BookmarkChange;
use crate::i18n::use_i18n;
use crate::pages::reader::dom::focus_ayah_soon;
use crate::services::bridge;
use crate::state::{show_error, use_app, Action};

#[derive(Clone, PartialEq)]
pub struct Bookmarks {
    saved: UseStateHandle<HashMap<AyahRef, Bookmark>>,
    editing: UseStateHandle<Option<AyahRef>>,
    /// Opens the note editor on an ayah, or closes it (`None`).
    pub on_edit: Callback<Option<AyahRef>>,
    /// The note editor saved, removed or failed.
    pub on_saved: Callback<BookmarkChange>,
    /// Bookmarks an ayah at once, without a note (page mode has no room
    /// for the editor).
    pub on_quick_add: Callback<AyahRef>,
}

impl Bookmarks {
    /// The bookmark on this ayah, if any.
    pub fn get(&self, reference: AyahRef) -> Option<Bookmark> {
        self.saved.get(&reference).cloned()
    }

    /// Whether this ayah's note editor is open.
    pub fn editing(&self, reference: AyahRef) -> bool {
        *self.editing == Some(reference)
    }
}

#[hook]
pub fn use_bookmarks() -> Bookmarks {
    let app = use_app();
    let i18n = use_i18n();
    let saved = use_state(HashMap::<AyahRef, Bookmark>::new);
    let editing = use_state(|| None::<AyahRef>);

    {
        let saved = saved.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(list) = bridge::bookmarks().await {
                    saved.set(list.into_iter().map(|b| (b.reference, b)).collect());
                }
            });
        });
    }

    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |r: Option<AyahRef>| {
            // Closing the editor gives focus back to its ayah, so the
            // keyboard keeps working.
            if let (None, Some(open)) = (r, *editing) {
                focus_ayah_soon(open);
            }
            editing.set(r)
        })
    };
    let on_saved = {
        let (saved, editing, app, i18n) =
            (saved.clone(), editing.clone(), app.clone(), i18n.clone());
        Callback::from(move |change: BookmarkChange| {
            let mut next = (*saved).clone();
            match change {
                BookmarkChange::Saved(b) => {
                    next.insert(b.reference, b);
                    app.dispatch(Action::Toast(i18n.t("bookmark-saved")));
                }
                BookmarkChange::Removed(r) => {
                    next.remove(&r);
                    app.dispatch(Action::Toast(i18n.t("bookmark-removed")));
                }
                BookmarkChange::Failed(error) => show_error(&app, &i18n, &error),
            }
            saved.set(next);
            if let Some(open) = *editing {
                focus_ayah_soon(open);
            }
            editing.set(None);
        })
    };
    let on_quick_add = {
        let saved = saved.clone();
        Callback::from(move |r: AyahRef| {
            let (saved, app, i18n) = (saved.clone(), app.clone(), i18n.clone());
            yew::platform::spawn_local(async move {
                match bridge::add_bookmark(r, None).await {
                    Ok(bookmark) => {
                        let mut next = (*saved).clone();
                        next.insert(r, bookmark);
                        saved.set(next);
                        app.dispatch(Action::Toast(i18n.t("bookmark-saved")));
                    }
                    Err(error) => show_error(&app, &i18n, &error),
                }
            });
        })
    };
    Bookmarks {
        saved,
        editing,
        on_edit,
        on_saved,
        on_quick_add,
    }
}
