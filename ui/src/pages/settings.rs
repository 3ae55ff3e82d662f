//! Settings: theme, Arabic text size, translation and transliteration,
//! with a live preview; and where the text comes from.

use companion_core::wire::{Gap, Settings, Theme, UiLanguage, ViewTarget};
use yew::prelude::*;

use super::{use_load, Load};
use crate::i18n::use_i18n;
use crate::services::bridge;
use crate::state::{save_settings, use_app, Action, Route};
use crate::text::arabic_digits;

/// A change to the settings from a control's value.
type Apply = Box<dyn Fn(&mut Settings, String)>;

#[component]
pub fn SettingsPage() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let s = app.settings.clone();
    // The preview shows real text from the app, never a copy typed here.
    let preview =
        use_load(|| bridge::open_view(ViewTarget::Surah(1), Settings::default().text_options()));
    let attribution = use_load(bridge::attribution);
    let reciters = use_load(bridge::reciters);
    let change = |apply: Apply| {
        let (app, i18n) = (app.clone(), i18n.clone());
        Callback::from(move |value: String| {
            let mut next = app.settings.clone();
            apply(&mut next, value);
            save_settings(&app, &i18n, next);
        })
    };
    let theme_button = |theme: Theme, label: &str| {
        let pick = change(Box::new(move |s, _| s.theme = theme));
        html! {
            <button aria-pressed={(s.theme == theme).to_string()} id={format!("theme-{}", label)}
                onclick={pick.reform(|_| String::new())}>{ i18n.t(label) }</button>
        }
    };
    // Each language is named in itself, so anyone can find their own.
    let language_button = |language: UiLanguage, name: String| {
        let pick = change(Box::new(move |s, _| s.ui_language = language));
        html! {
            <button aria-pressed={(s.ui_language == language).to_string()} id={format!("language-{}", language.tag())}
                lang={language.tag()} onclick={pick.reform(|_| String::new())}>{ name }</button>
        }
    };
    let font = change(Box::new(|s, v| {
        if let Ok(size) = v.parse::<u16>() {
            s.arabic_font_size = size;
        }
    }));
    let translation_on = change(Box::new(|s, _| s.show_translation = !s.show_translation));
    let transliteration_on = change(Box::new(|s, _| {
        s.show_transliteration = !s.show_transliteration
    }));
    let language = change(Box::new(|s, v| s.translation = v));
    let on_off = |on: bool| i18n.t(if on { "on" } else { "off" });
    let select_value = |e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    let input_value = |e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    let p = s.playback.clone();
    let reciter = change(Box::new(|s, v| s.playback.reciter = v));
    let repeat_each = change(Box::new(|s, v| {
        s.playback.repeat_each = v.parse().unwrap_or(1);
    }));
    let repeat_range = change(Box::new(|s, v| {
        s.playback.repeat_range = v.parse().unwrap_or(1);
    }));
    let speed = change(Box::new(|s, v| s.playback.speed = v.parse().unwrap_or(1.0)));
    let gap = change(Box::new(|s, v| s.playback.gap = gap_from(&v)));
    let continue_on = change(Box::new(|s, _| {
        s.playback.continue_next_surah = !s.playback.continue_next_surah
    }));
    let base_url = change(Box::new(|s, v| s.playback.base_url = v.trim().to_owned()));
    let mirror_url = change(Box::new(|s, v| s.playback.mirror_url = v.trim().to_owned()));
    let open_downloads = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(Route::Downloads)))
    };
    let counts = |selected: u32| {
        (1..=10u32)
            .map(|n| html! { <option value={n.to_string()} selected={n == selected}>{ format!("×{n}") }</option> })
            .collect::<Html>()
    };

    html! {
        <main class="main" id="settings">
            <div class="page">
                <h1>{ i18n.t("settings-title") }</h1>
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
                            oninput={font.reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} />
                        <span class="muted">{ i18n.t_args("settings-font-size-value", &[("size", s.arabic_font_size.into())]) }</span>
                    </div>

                    <span id="translation-label">{ i18n.t("settings-translation") }</span>
                    <button class="chip" id="toggle-translation" aria-labelledby="translation-label" aria-pressed={s.show_translation.to_string()}
                        onclick={translation_on.reform(|_| String::new())}>{ on_off(s.show_translation) }</button>

                    <label for="translation-language">{ i18n.t("settings-translation-language") }</label>
                    <select id="translation-language" class="input"
                        onchange={language.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())}>
                        { for app.translations.iter().map(|t| html! {
                            <option value={t.code.clone()} selected={t.code == s.translation}>
                                { format!("{} — {}", t.native_name, t.language) }
                            </option>
                        }) }
                    </select>

                    <span id="transliteration-label">{ i18n.t("settings-transliteration") }</span>
                    <button class="chip" id="toggle-transliteration" aria-labelledby="transliteration-label" aria-pressed={s.show_transliteration.to_string()}
                        onclick={transliteration_on.reform(|_| String::new())}>{ on_off(s.show_transliteration) }</button>
                </div>

                <h2 id="recitation">{ i18n.t("settings-recitation") }</h2>
                <div class="settings-grid">
                    <label for="reciter">{ i18n.t("settings-reciter") }</label>
                    <select id="reciter" class="input" onchange={reciter.reform(select_value)}>
                        if let Load::Ready(list) = &*reciters {
                            { for list.iter().map(|r| html! {
                                <option value={r.id.clone()} selected={r.id == p.reciter}>
                                    { format!("{} — {} ({}, {} kbit/s)", r.name_en, r.name_ar, i18n.t(&format!("style-{}", r.style)), r.bitrate_kbps) }
                                </option>
                            }) }
                        }
                    </select>

                    <label for="repeat-each">{ i18n.t("settings-repeat-each") }</label>
                    <select id="repeat-each" class="input compact" onchange={repeat_each.reform(select_value)}>
                        { counts(p.repeat_each) }
                    </select>

                    <label for="repeat-range">{ i18n.t("settings-repeat-range") }</label>
                    <select id="repeat-range" class="input compact" onchange={repeat_range.reform(select_value)}>
                        { counts(p.repeat_range) }
                    </select>

                    <label for="gap">{ i18n.t("settings-gap") }</label>
                    <select id="gap" class="input" onchange={gap.reform(select_value)}>
                        { for GAPS.iter().map(|(value, label)| html! {
                            <option value={*value} selected={gap_from(value) == p.gap}>{ i18n.t(label) }</option>
                        }) }
                    </select>

                    <label for="speed">{ i18n.t("settings-speed") }</label>
                    <select id="speed" class="input compact" onchange={speed.reform(select_value)}>
                        { for ["0.5", "0.75", "1", "1.25", "1.5", "2"].iter().map(|v| html! {
                            <option value={*v} selected={v.parse::<f32>().ok() == Some(p.speed)}>{ format!("{v}×") }</option>
                        }) }
                    </select>

                    <span id="continue-label">{ i18n.t("settings-continue") }</span>
                    <button class="chip" id="toggle-continue" aria-labelledby="continue-label" aria-pressed={p.continue_next_surah.to_string()}
                        onclick={continue_on.reform(|_| String::new())}>{ on_off(p.continue_next_surah) }</button>

                    <label for="audio-base">{ i18n.t("settings-audio-base") }</label>
                    <input id="audio-base" class="input" type="url" value={p.base_url.clone()} onchange={base_url.reform(input_value)} />

                    <label for="audio-mirror">{ i18n.t("settings-audio-mirror") }</label>
                    <input id="audio-mirror" class="input" type="url" value={p.mirror_url.clone()}
                        placeholder={i18n.t("settings-audio-mirror-none")} onchange={mirror_url.reform(input_value)} />
                </div>
                <p><button class="button" id="open-downloads" onclick={open_downloads}>{ i18n.t("settings-downloads") }</button></p>

                <section class="card preview">
                    <h2>{ i18n.t("settings-preview") }</h2>
                    if let Load::Ready(view) = &*preview {
                        { for view.ayahs.first().map(|a| html! {
                            <p class="arabic" lang="ar" dir="rtl">
                                { &a.text }{ " " }
                                <span class="ayah-number" aria-hidden="true">{ arabic_digits(a.reference.ayah()) }</span>
                            </p>
                        }) }
                    }
                </section>

                <h2>{ i18n.t("settings-about") }</h2>
                <p class="muted small">{ i18n.t("settings-attribution") }</p>
                if let Load::Ready(text) = &*attribution {
                    <details class="attribution">
                        <summary>{ i18n.t("settings-attribution-full") }</summary>
                        <pre>{ text }</pre>
                    </details>
                }
            </div>
        </main>
    }
}

/// The pauses between ayahs offered, as (value, message id).
const GAPS: [(&str, &str); 6] = [
    ("none", "gap-none"),
    ("s1", "gap-1s"),
    ("s3", "gap-3s"),
    ("s5", "gap-5s"),
    ("x1", "gap-1x"),
    ("x2", "gap-2x"),
];

/// The pause a `GAPS` value stands for.
fn gap_from(value: &str) -> Gap {
    match value {
        "s1" => Gap::Seconds { seconds: 1.0 },
        "s3" => Gap::Seconds { seconds: 3.0 },
        "s5" => Gap::Seconds { seconds: 5.0 },
        "x1" => Gap::Multiple { factor: 1.0 },
        "x2" => Gap::Multiple { factor: 2.0 },
        _ => Gap::None,
    }
}
