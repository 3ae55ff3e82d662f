//! The bar at the top of the reader: the title, and chips for the text
//! options, page mode, text size and theme.

use companion_core::wire::{Settings, Theme};
use yew::prelude::*;

use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::use_i18n;
use crate::state::use_app;

#[derive(Properties, PartialEq)]
pub struct ReaderBarProps {
    pub title: AttrValue,
    pub page_mode: bool,
    /// Switches between page mode and verse by verse at the current ayah.
    pub on_page_mode: Callback<MouseEvent>,
    /// Today's Hasanat so far.
    #[prop_or_default]
    pub hasanat: u64,
}

#[component]
pub fn ReaderBar(props: &ReaderBarProps) -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let settings = &app.settings;
    let set = |change: fn(&mut Settings)| edit.on(move |s, _: MouseEvent| change(s));
    // The message id doubles as the element id (`reader-translation`).
    let chip = |pressed: bool, label: &str, onclick: Callback<MouseEvent>| {
        html! {
            <button class="chip" id={label.to_owned()} aria-pressed={pressed.to_string()} {onclick}>{ i18n.t(label) }</button>
        }
    };
    html! {
        <div class="reader-bar">
            <span class="title" id="reader-title"><bdi>{ props.title.clone() }</bdi></span>
            // Keyed by the count, so each new value plays the calm glow once.
            <span class="hasanat-counter" id="hasanat-counter" key={props.hasanat.to_string()}
                data-hasanat={props.hasanat.to_string()} aria-live="polite"
                title={i18n.t("reader-hasanat-hint")}>
                { i18n.t_args("reader-hasanat", &[("count", i18n.count(props.hasanat).into())]) }
            </span>
            // Page mode shows the Arabic alone, so its text toggles are hidden.
            if !props.page_mode {
                { chip(settings.show_translation, "reader-translation", set(|s| s.show_translation = !s.show_translation)) }
                if settings.show_translation {
                    <label class="visually-hidden" for="reader-language">{ i18n.t("settings-translation-language") }</label>
                    <select id="reader-language" class="input compact" onchange={edit.on(|s, e: Event| s.translation = control_value(&e))}>
                        { for app.translations.iter().map(|t| html! {
                            <option value={t.code.clone()} selected={t.code == settings.translation}>{ t.native_name.clone() }</option>
                        }) }
                    </select>
                }
                { chip(settings.show_transliteration, "reader-transliteration", set(|s| s.show_transliteration = !s.show_transliteration)) }
            }
            { chip(props.page_mode, "reader-page-mode", props.on_page_mode.clone()) }
            <button class="icon-button" aria-label={i18n.t("reader-font-smaller")} title={i18n.t("reader-font-smaller")}
                onclick={set(|s| s.arabic_font_size = s.arabic_font_size.saturating_sub(2))}>{ "A−" }</button>
            <button class="icon-button" aria-label={i18n.t("reader-font-larger")} title={i18n.t("reader-font-larger")}
                onclick={set(|s| s.arabic_font_size = s.arabic_font_size.saturating_add(2))}>{ "A+" }</button>
            <button class="icon-button" id="theme-toggle" aria-label={i18n.t("reader-theme")} title={i18n.t("reader-theme")}
                onclick={set(|s| s.theme = match s.theme {
                    Theme::Light => Theme::Sepia,
                    Theme::Sepia => Theme::Dark,
                    Theme::Dark => Theme::Light,
                })}>{ "◐" }</button>
        </div>
    }
}
