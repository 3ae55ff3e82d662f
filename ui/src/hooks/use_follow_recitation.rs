//! Keeps the ayah being recited in view, moving the reader's window to it
//! when it is outside.

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::pages::reader::dom;
use crate::pages::reader::state::{Action, ReaderState};
use crate::state::use_app;

#[hook]
pub fn use_follow_recitation(reader: UseReducerHandle<ReaderState>, container: NodeRef) {
    let app = use_app();
    use_effect_with(app.audio.ayah, move |playing| {
        let (Some(playing), Some(view)) = (*playing, reader.loaded()) else {
            return;
        };
        let Some(index) = view.ayahs.iter().position(|a| a.reference == playing) else {
            return;
        };
        let (lo, hi) = reader.rendered();
        if !(lo..hi).contains(&index) {
            reader.dispatch(Action::Show(index));
        } else if let Some(el) = container.cast::<HtmlElement>() {
            dom::center_if_hidden(index, &el);
        }
    });
}
