//! The settings for recitation: reciter, repetitions, the pause between
//! ayahs, speed, continuing into the next surah and where audio comes
//! from.

use companion_core::wire::Gap;
use yew::prelude::*;

use super::on_off;
use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::use_i18n;
use crate::pages::{use_load, Load};
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

#[component]
pub fn RecitationSettings() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let reciters = use_load(bridge::reciters);
    let p = &app.settings.playback;
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
        <>
            <div class="settings-grid">
                <label for="reciter">{ i18n.t("settings-reciter") }</label>
                <select id="reciter" class="input" onchange={edit.on(|s, e: Event| s.playback.reciter = control_value(&e))}>
                    if let Load::Ready(list) = &*reciters {
                        { for list.iter().map(|r| html! {
                            <option value={r.id.clone()} selected={r.id == p.reciter}>
                                { format!("{} — {} ({}, {} kbit/s)", r.name_en, r.name_ar, i18n.t(&format!("style-{}", r.style)), r.bitrate_kbps) }
                            </option>
                        }) }
                    }
                </select>

                <label for="repeat-each">{ i18n.t("settings-repeat-each") }</label>
                <select id="repeat-each" class="input compact"
                    onchange={edit.on(|s, e: Event| s.playback.repeat_each = control_value(&e).parse().unwrap_or(1))}>
                    { counts(p.repeat_each) }
                </select>

                <label for="repeat-range">{ i18n.t("settings-repeat-range") }</label>
                <select id="repeat-range" class="input compact"
                    onchange={edit.on(|s, e: Event| s.playback.repeat_range = control_value(&e).parse().unwrap_or(1))}>
                    { counts(p.repeat_range) }
                </select>

                <label for="gap">{ i18n.t("settings-gap") }</label>
                <select id="gap" class="input" onchange={edit.on(|s, e: Event| s.playback.gap = gap_from(&control_value(&e)))}>
                    { for GAPS.iter().map(|(value, label)| html! {
                        <option value={*value} selected={gap_from(value) == p.gap}>{ i18n.t(label) }</option>
                    }) }
                </select>

                <label for="speed">{ i18n.t("settings-speed") }</label>
                <select id="speed" class="input compact"
                    onchange={edit.on(|s, e: Event| s.playback.speed = control_value(&e).parse().unwrap_or(1.0))}>
                    { for ["0.5", "0.75", "1", "1.25", "1.5", "2"].iter().map(|v| html! {
                        <option value={*v} selected={v.parse::<f32>().ok() == Some(p.speed)}>{ format!("{v}×") }</option>
                    }) }
                </select>

                <span id="continue-label">{ i18n.t("settings-continue") }</span>
                <button class="chip" id="toggle-continue" aria-labelledby="continue-label" aria-pressed={p.continue_next_surah.to_string()}
                    onclick={edit.on(|s, _: MouseEvent| s.playback.continue_next_surah = !s.playback.continue_next_surah)}>
                    { on_off(&i18n, p.continue_next_surah) }
                </button>

                <label for="audio-base">{ i18n.t("settings-audio-base") }</label>
                <input id="audio-base" class="input" type="url" value={p.base_url.clone()}
                    onchange={edit.on(|s, e: Event| s.playback.base_url = control_value(&e).trim().to_owned())} />

                <label for="audio-mirror">{ i18n.t("settings-audio-mirror") }</label>
                <input id="audio-mirror" class="input" type="url" value={p.mirror_url.clone()}
                    placeholder={i18n.t("settings-audio-mirror-none")}
                    onchange={edit.on(|s, e: Event| s.playback.mirror_url = control_value(&e).trim().to_owned())} />
            </div>
            <p><button class="button" id="open-downloads" onclick={open_downloads}>{ i18n.t("settings-downloads") }</button></p>
        </>
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
