//! Previous and next below the last ayah of a view.

use companion_core::wire::ViewTarget;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct ReaderNavProps {
    pub previous: Option<ViewTarget>,
    pub next: Option<ViewTarget>,
}

#[component]
pub fn ReaderNav(props: &ReaderNavProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let open = |target: Option<ViewTarget>| {
        let app = app.clone();
        target.map(|target| {
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Action::Replace(Route::Reader {
                    target: target.clone(),
                    focus: None,
                }))
            })
        })
    };
    html! {
        <div class="page-footer">
            if let Some(onclick) = open(props.previous.clone()) {
                <button class="button" id="previous" {onclick}>{ i18n.t("reader-previous") }</button>
            }
            if let Some(onclick) = open(props.next.clone()) {
                <button class="button" id="next" {onclick}>{ i18n.t("reader-next") }</button>
            }
        </div>
    }
}
