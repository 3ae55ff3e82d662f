//! A short message at the bottom of the window that fades on its own.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{use_app, Action};

#[component]
pub fn Toast() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    {
        let app = app.clone();
        // During a focus session a message waits for its end.
        use_effect_with(
            (app.toast.clone(), app.focusing),
            move |(toast, focusing)| {
                let timeout = (toast.is_some() && !focusing)
                    .then(|| Timeout::new(4_000, move || app.dispatch(Action::DismissToast)));
                move || drop(timeout)
            },
        );
    }
    let Some(text) = app.toast.clone().filter(|_| !app.focusing) else {
        return html! {};
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissToast))
    };
    html! {
        <div class="toast" role="status" aria-live="polite">
            <span>{ text }</span>
            <button onclick={close} aria-label={i18n.t("close")}>{ "×" }</button>
        </div>
    }
}
