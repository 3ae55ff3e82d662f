//! The 604 Madani pages: a number box and a grid.

use companion_core::wire::ViewTarget;
use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{use_app, Action, Route};

/// Number of pages in the Madani mushaf.
const PAGES: u16 = 604;

#[component]
pub fn PagesPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let number = use_state(String::new);
    let error = use_state(|| false);
    let open = |page: u16| {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: ViewTarget::Page(page),
                focus: None,
            }))
        })
    };
    let onsubmit = {
        let (app, number, error) = (app.clone(), number.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match number.trim().parse::<u16>() {
                Ok(page) if (1..=PAGES).contains(&page) => {
                    error.set(false);
                    app.dispatch(Action::Navigate(Route::Reader {
                        target: ViewTarget::Page(page),
                        focus: None,
                    }));
                }
                _ => error.set(true),
            }
        })
    };
    let oninput = {
        let number = number.clone();
        Callback::from(move |e: InputEvent| {
            number.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    html! {
        <main class="main" id="pages">
            <div class="page">
                <h1>{ i18n.t("pages-title") }</h1>
                <form {onsubmit} class="field">
                    <label class="visually-hidden" for="page-number">{ i18n.t("pages-label") }</label>
                    <input class="input" id="page-number" type="number" min="1" max="604" inputmode="numeric"
                        value={(*number).clone()} {oninput} placeholder={i18n.t("pages-label")} />
                    <button class="button" type="submit">{ i18n.t("pages-open") }</button>
                </form>
                if *error {
                    <p class="message error" role="alert">{ i18n.t("page-invalid") }</p>
                }
                <h2 class="visually-hidden">{ i18n.t("pages-title") }</h2>
                <div class="grid-numbers">
                    { for (1..=PAGES).map(|p| html! {
                        <button key={p} onclick={open(p)} aria-label={i18n.t_args("page-button", &[("number", p.into())])}>{ p }</button>
                    }) }
                </div>
            </div>
        </main>
    }
}
