//! Bookmarks: every saved ayah with its note; open or delete.

use companion_core::wire::{Bookmark, ViewTarget};
use yew::prelude::*;

use super::{load_status, use_load, Load};
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

#[component]
pub fn BookmarksPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let list = use_load(bridge::bookmarks);

    let open = |b: &Bookmark| {
        let app = app.clone();
        let r = b.reference;
        Callback::from(move |_| {
            app.dispatch(Action::Navigate(Route::Reader {
                target: ViewTarget::Surah(r.surah()),
                focus: Some(r),
            }))
        })
    };
    let delete = |b: &Bookmark| {
        let (app, list, id, i18n) = (app.clone(), list.clone(), b.id, i18n.clone());
        Callback::from(move |_| {
            let (app, list, i18n) = (app.clone(), list.clone(), i18n.clone());
            yew::platform::spawn_local(async move {
                match bridge::delete_bookmark(id).await {
                    Ok(()) => {
                        if let Load::Ready(items) = &*list {
                            list.set(Load::Ready(
                                items.iter().filter(|b| b.id != id).cloned().collect(),
                            ));
                        }
                        app.dispatch(Action::Toast(i18n.t("bookmark-removed")));
                    }
                    Err(e) => app.dispatch(Action::Toast(i18n.error(&e))),
                }
            });
        })
    };

    let body = match &*list {
        Load::Ready(items) if items.is_empty() => {
            html! { <p class="muted" id="bookmarks-empty">{ i18n.t("bookmarks-empty") }</p> }
        }
        Load::Ready(items) => html! {
            <ul class="list" id="bookmarks-list">
                { for items.iter().map(|b| {
                    let reference = b.reference.to_string();
                    let date = b.created_at.get(..10).unwrap_or(&b.created_at).to_owned();
                    html! {
                        <li key={b.id} class="row bookmark" data-ref={reference.clone()}>
                            <span class="num">{ "★" }</span>
                            <span>
                                <button class="nav-link" onclick={open(b)}
                                    aria-label={i18n.t_args("bookmarks-open", &[("reference", reference.clone().into())])}>
                                    <span class="title">{ format!("{} {}", b.surah_name, reference) }</span>
                                </button>
                                if let Some(note) = &b.note {
                                    <p class="note">{ note }</p>
                                }
                                <span class="meta">{ i18n.t_args("bookmarks-added", &[("date", date.into())]) }</span>
                            </span>
                            <button class="button danger" onclick={delete(b)}
                                aria-label={i18n.t_args("bookmarks-delete", &[("reference", reference.into())])}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        },
        other => load_status(other, &i18n),
    };
    html! {
        <main class="main" id="bookmarks">
            <div class="page">
                <h1>{ i18n.t("bookmarks-title") }</h1>
                { body }
            </div>
        </main>
    }
}
