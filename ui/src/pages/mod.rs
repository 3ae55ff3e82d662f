//! One component per screen.

pub mod account;
pub mod achievements;
pub mod bookmarks;
pub mod calendar;
pub mod chat;
pub mod competitions;
pub mod dhikr;
pub mod downloads;
pub mod feed;
pub mod focus;
pub mod friends;
pub mod group_khatmah;
pub mod home;
pub mod inbox;
pub mod juz;
pub mod pages_index;
pub mod reader;
pub mod search;
pub mod settings;
pub mod stats;
pub mod surahs;
pub mod together;

use companion_core::wire::CommandError;
use yew::prelude::*;

use crate::i18n::I18n;

/// A screen's data while it loads.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(CommandError),
}

/// The loading line or the error, for screens that have no data yet.
pub fn load_status<T>(load: &Load<T>, i18n: &I18n) -> Html {
    match load {
        Load::Loading => html! {
            <div class="loading" role="status">
                <div class="progress" aria-hidden="true"></div>
                <p>{ i18n.t("reader-loading") }</p>
            </div>
        },
        Load::Failed(error) => {
            html! { <p class="message error" role="alert">{ i18n.error(error) }</p> }
        }
        Load::Ready(_) => html! {},
    }
}

/// Loads data once when the component mounts.
#[hook]
pub fn use_load<T, F, Fut>(fetch: F) -> UseStateHandle<Load<T>>
where
    T: 'static,
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, CommandError>> + 'static,
{
    let state = use_state(|| Load::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                state.set(match fetch().await {
                    Ok(value) => Load::Ready(value),
                    Err(error) => Load::Failed(error),
                });
            });
        });
    }
    state
}
