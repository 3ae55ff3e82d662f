//! Search: Arabic (ignoring diacritics and letter forms) and the chosen
//! translation; ranked results with the match highlighted; opening one
//! scrolls the reader to that ayah.

use companion_core::wire::{SearchField, SearchResponse, ViewTarget};
use yew::prelude::*;

use super::{load_status, Load};
use crate::components::highlighted::Highlighted;
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

#[derive(Properties, PartialEq)]
pub struct SearchPageProps {
    /// The query in the route, so Back returns to these results.
    pub query: String,
}

#[component]
pub fn SearchPage(props: &SearchPageProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let input = use_state(|| props.query.clone());
    let results = use_state(|| None::<Load<SearchResponse>>);
    let translation = app.settings.translation.clone();

    {
        let results = results.clone();
        use_effect_with(
            (props.query.clone(), translation.clone()),
            move |(query, translation)| {
                if query.is_empty() {
                    results.set(None);
                } else {
                    results.set(Some(Load::Loading));
                    let (query, translation) = (query.clone(), translation.clone());
                    yew::platform::spawn_local(async move {
                        results.set(Some(match bridge::search(query, Some(translation)).await {
                            Ok(found) => Load::Ready(found),
                            Err(error) => Load::Failed(error),
                        }));
                    });
                }
            },
        );
    }

    let onsubmit = {
        let (app, input) = (app.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            app.dispatch(Action::Replace(Route::Search {
                query: (*input).clone(),
            }));
        })
    };
    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            input.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let language = app
        .translations
        .iter()
        .find(|t| t.code == translation)
        .map(|t| t.language.clone())
        .unwrap_or_else(|| translation.clone());

    let body = match &*results {
        None => html! { <p class="muted">{ i18n.t("search-hint") }</p> },
        Some(Load::Ready(found)) if found.total == 0 => html! {
            <p class="muted" id="search-none" role="status">{ i18n.t_args("search-none", &[("query", found.query.clone().into())]) }</p>
        },
        Some(Load::Ready(found)) => {
            let open = |hit: &companion_core::wire::SearchHitView| {
                let app = app.clone();
                let r = hit.reference;
                Callback::from(move |_| {
                    app.dispatch(Action::Navigate(Route::Reader {
                        target: ViewTarget::Surah(r.surah()),
                        focus: Some(r),
                    }))
                })
            };
            html! {
                <>
                    <p class="muted" id="search-count" role="status">
                        { i18n.t_args("search-results", &[("total", found.total.into())]) }
                        if found.total > found.hits.len() {
                            { " · " }{ i18n.t_args("search-showing", &[("shown", found.hits.len().into())]) }
                        }
                    </p>
                    <ol class="results" id="search-results">
                        { for found.hits.iter().map(|hit| {
                            let arabic = hit.field == SearchField::Arabic;
                            html! {
                                <li class="result">
                                    <button onclick={open(hit)} data-ref={hit.reference.to_string()}>
                                        <span class="ref">{ format!("{} · {}", hit.reference, hit.surah_name) }</span>
                                        if arabic {
                                            <p class="arabic" lang="ar" dir="rtl"><Highlighted text={hit.text.clone()} ranges={hit.highlights.clone()} /></p>
                                        } else {
                                            <p class="translation" dir="auto"><Highlighted text={hit.text.clone()} ranges={hit.highlights.clone()} /></p>
                                        }
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                </>
            }
        }
        Some(other) => load_status(other, &i18n),
    };

    html! {
        <main class="main" id="search">
            <div class="page">
                <h1>{ i18n.t("search-title") }</h1>
                <form {onsubmit} role="search" aria-label={i18n.t("search-label")}>
                    <div class="field">
                        <label class="visually-hidden" for="search-input">{ i18n.t("search-label") }</label>
                        <input class="input" id="search-input" type="search" value={(*input).clone()} {oninput}
                            placeholder={i18n.t("search-placeholder")} autocomplete="off" spellcheck="false" maxlength="500" />
                        <button class="button primary" type="submit" id="search-button">{ i18n.t("search-button") }</button>
                    </div>
                </form>
                <p class="muted small">{ i18n.t_args("search-in", &[("language", language.into())]) }</p>
                { body }
            </div>
        </main>
    }
}
