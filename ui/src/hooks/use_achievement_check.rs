//! Announcing achievements: after reading counts (or home loads), the app
//! is asked to unlock what the history now meets, and each one newly
//! unlocked is told in a toast, once.

use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{use_app, Action};

/// A callback that checks for newly unlocked achievements and announces
/// them.
#[hook]
pub fn use_achievement_check() -> Callback<()> {
    let app = use_app();
    let i18n = use_i18n();
    Callback::from(move |()| {
        let (app, i18n) = (app.clone(), i18n.clone());
        yew::platform::spawn_local(async move {
            let Ok(newly) = bridge::check_achievements().await else {
                return;
            };
            if newly.is_empty() {
                return;
            }
            // A few are named; many at once (a history from before they
            // existed) are counted, and listed on their screen.
            let text = if newly.len() <= 2 {
                let names: Vec<String> = newly
                    .iter()
                    .map(|a| i18n.t(&format!("achievement-{}", a.id)))
                    .collect();
                i18n.t_args(
                    "achievement-unlocked",
                    &[("name", names.join(" · ").into())],
                )
            } else {
                i18n.t_args(
                    "achievement-unlocked-many",
                    &[("count", newly.len().into())],
                )
            };
            app.dispatch(Action::Toast(text));
        });
    })
}
