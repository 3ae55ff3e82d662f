//! A box that takes a reference such as `2:255`, `2:255-257` or `18` and
//! opens the reader there; a bad reference gets a clear message.

use companion_core::wire::CommandError;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct GoToBoxProps {
    /// Prefix for element ids (there can be two boxes on a screen).
    pub id: AttrValue,
}

#[component]
pub fn GoToBox(props: &GoToBoxProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let input = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (app, input, error, i18n) = (app.clone(), input.clone(), error.clone(), i18n.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (app, error, text, i18n) =
                (app.clone(), error.clone(), (*input).clone(), i18n.clone());
            // Parsed here: a reference needs no round trip to the app.
            match companion_core::navigation::go_to(&text) {
                Ok(to) => {
                    error.set(None);
                    let route = Route::Reader {
                        target: to.target,
                        focus: Some(to.focus),
                    };
                    app.dispatch(if to.last == to.focus {
                        Action::Navigate(route)
                    } else {
                        Action::NavigateRange(route, (to.focus, to.last))
                    });
                }
                Err(e) => error.set(Some(i18n.error(&CommandError::from(&e)))),
            }
        })
    };
    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            input.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let input_id = format!("{}-input", props.id);
    let error_id = format!("{}-error", props.id);
    html! {
        <form class="goto" {onsubmit} role="search" aria-label={i18n.t("goto-label")}>
            <div class="field">
                <label class="visually-hidden" for={input_id.clone()}>{ i18n.t("goto-label") }</label>
                <input class="input" id={input_id} type="text" value={(*input).clone()} {oninput}
                    placeholder={i18n.t("goto-placeholder")} autocomplete="off" spellcheck="false"
                    aria-describedby={error_id.clone()} aria-invalid={error.is_some().then_some("true")} />
                <button class="button" type="submit">{ i18n.t("goto-button") }</button>
            </div>
            if let Some(message) = &*error {
                <p class="message error" id={error_id} role="alert">{ message }</p>
            }
        </form>
    }
}
