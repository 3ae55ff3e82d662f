//! The settings for how the text looks: theme, app language, Arabic text
//! size, translation and transliteration.

use companion_core::wire::{Settings, Theme, UiLanguage};
use yew::prelude::*;

use super::on_off;
use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::use_i18n;
use crate::state::use_app;

#[component]
pub fn TextSettings() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let s = &app.settings;
    let theme_button = |theme: Theme, label: &str| {
        html! {
            <button aria-pressed={(s.theme == theme).to_string()} id={format!("theme-{}", label)}
                onclick={edit.on(move |s, _: MouseEvent| s.theme = theme)}>{ i18n.t(label) }</button>
        }
    };
    // Each language is named in itself, so anyone can find their own.
    let language_button = |language: UiLanguage, name: String| {
        html! {
            <button aria-pressed={(s.ui_language == language).to_string()} id={format!("language-{}", language.tag())}
                lang={language.tag()} onclick={edit.on(move |s, _: MouseEvent| s.ui_language = language)}>{ name }</button>
        }
    };
    html! {
        <div class="settings-grid">
            <span id="theme-label">{ i18n.t("settings-theme") }</span>
            <div class="segmented" role="group" aria-labelledby="theme-label">
                { theme_button(Theme::Light, "theme-light") }
                { theme_button(Theme::Sepia, "theme-sepia") }
                { theme_button(Theme::Dark, "theme-dark") }
            </div>

            <span id="language-label">{ i18n.t("settings-language") }</span>
            <div class="segmented" role="group" aria-labelledby="language-label">
                { language_button(UiLanguage::En, i18n.t("language-en")) }
                { language_button(UiLanguage::Ar, i18n.t("language-ar")) }
            </div>

            <label for="font-size">{ i18n.t("settings-font-size") }</label>
            <div class="field">
                <input id="font-size" type="range" min={Settings::MIN_FONT_SIZE.to_string()} max={Settings::MAX_FONT_SIZE.to_string()} step="2"
                    value={s.arabic_font_size.to_string()}
                    oninput={edit.on(|s, e: InputEvent| {
                        if let Ok(size) = control_value(&e).parse::<u16>() {
                            s.arabic_font_size = size;
                        }
                    })} />
                <span class="muted">{ i18n.t_args("settings-font-size-value", &[("size", s.arabic_font_size.into())]) }</span>
            </div>

            <span id="translation-label">{ i18n.t("settings-translation") }</span>
            <button class="chip" id="toggle-translation" aria-labelledby="translation-label" aria-pressed={s.show_translation.to_string()}
                onclick={edit.on(|s, _: MouseEvent| s.show_translation = !s.show_translation)}>{ on_off(&i18n, s.show_translation) }</button>

            <label for="translation-language">{ i18n.t("settings-translation-language") }</label>
            <select id="translation-language" class="input"
                onchange={edit.on(|s, e: Event| s.translation = control_value(&e))}>
                { for app.translations.iter().map(|t| html! {
                    <option value={t.code.clone()} selected={t.code == s.translation}>
                        { format!("{} — {}", t.native_name, t.language) }
                    </option>
                }) }
            </select>

            <span id="transliteration-label">{ i18n.t("settings-transliteration") }</span>
            <button class="chip" id="toggle-transliteration" aria-labelledby="transliteration-label" aria-pressed={s.show_transliteration.to_string()}
                onclick={edit.on(|s, _: MouseEvent| s.show_transliteration = !s.show_transliteration)}>{ on_off(&i18n, s.show_transliteration) }</button>
        </div>
    }
}
