//! Changing a setting from a control: the new settings apply at once and
//! are saved (see `state::save_settings`).

use companion_core::wire::Settings;
use yew::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::{save_settings, use_app, AppContext};

/// Makes callbacks that change the settings.
#[derive(Clone, PartialEq)]
pub struct SettingsEditor {
    app: AppContext,
    i18n: I18n,
}

impl SettingsEditor {
    /// A callback that applies `change` (with the event or value it gets)
    /// to the current settings and saves them.
    pub fn on<T: 'static>(&self, change: impl Fn(&mut Settings, T) + 'static) -> Callback<T> {
        let (app, i18n) = (self.app.clone(), self.i18n.clone());
        Callback::from(move |value: T| {
            let mut next = app.settings.clone();
            change(&mut next, value);
            save_settings(&app, &i18n, next);
        })
    }
}

#[hook]
pub fn use_settings_editor() -> SettingsEditor {
    SettingsEditor {
        app: use_app(),
        i18n: use_i18n(),
    }
}

/// The value of the `<select>` or `<input>` an event came from.
pub fn control_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let target = e.target();
    if let Some(select) = target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        return select.value();
    }
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}
