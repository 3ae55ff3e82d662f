//! Settings: theme, language, Arabic text size, translation and
//! transliteration, with a live preview; recitation; the streak's daily
//! minimum, the week's first day and freezes; prayer times and the Hijri
//! date; reminders; how reading is counted; and
//! where the text comes from.

mod daily;
mod habit;
mod recitation;
mod reminders;
mod text;

use companion_core::wire::{Settings, ViewTarget};
use yew::prelude::*;

use self::daily::DailySettingsForm;
use self::habit::HabitSettingsForm;
use self::recitation::RecitationSettings;
use self::reminders::ReminderSettingsForm;
use self::text::TextSettings;
use super::{use_load, Load};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::text::arabic_digits;

#[component]
pub fn SettingsPage() -> Html {
    let i18n = use_i18n();
    html! {
        <main class="main" id="settings">
            <div class="page">
                <h1>{ i18n.t("settings-title") }</h1>
                <TextSettings />
                <h2 id="recitation">{ i18n.t("settings-recitation") }</h2>
                <RecitationSettings />
                <TextPreview />
                <HabitSettingsForm />
                <DailySettingsForm />
                <ReminderSettingsForm />
                <ReadingRule />
                <h2>{ i18n.t("settings-about") }</h2>
                <Attribution />
            </div>
        </main>
    }
}

/// The first ayah as the reader would show it now.
#[component]
fn TextPreview() -> Html {
    let i18n = use_i18n();
    // The preview shows real text from the app, never a copy typed here.
    let preview =
        use_load(|| bridge::open_view(ViewTarget::Surah(1), Settings::default().text_options()));
    html! {
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
    }
}

/// "How reading is counted": the rule of `habit::dwell`, with its numbers
/// taken from the code, so the page and the counting cannot disagree.
#[component]
fn ReadingRule() -> Html {
    use companion_core::habit::dwell::{LETTERS_PER_SECOND, MIN_SECONDS};
    use companion_core::habit::{HASANAT_PER_LETTER, SESSION_IDLE_SECONDS};
    let i18n = use_i18n();
    // Al-Fatihah: 7 ayahs, 139 letters (SPEC.md).
    let fatihah = (7.0 * MIN_SECONDS + 139.0 / LETTERS_PER_SECOND).ceil() as u32;
    html! {
        <section class="card" id="reading-rule">
            <h2>{ i18n.t("settings-reading-rule") }</h2>
            <p>{ i18n.t_args("settings-reading-rule-dwell", &[
                ("min", MIN_SECONDS.into()),
                ("pace", LETTERS_PER_SECOND.into()),
                ("fatihah", fatihah.into()),
            ]) }</p>
            <p>{ i18n.t("settings-reading-rule-other") }</p>
            <p>{ i18n.t_args("settings-reading-rule-session", &[("minutes", (SESSION_IDLE_SECONDS / 60).into())]) }</p>
            <p>{ i18n.t_args("settings-reading-rule-hasanat", &[("per_letter", HASANAT_PER_LETTER.into())]) }</p>
        </section>
    }
}

/// Where the text comes from, with the licences in full.
#[component]
fn Attribution() -> Html {
    let i18n = use_i18n();
    let attribution = use_load(bridge::attribution);
    html! {
        <>
            <p class="muted small">{ i18n.t("settings-attribution") }</p>
            if let Load::Ready(text) = &*attribution {
                <details class="attribution">
                    <summary>{ i18n.t("settings-attribution-full") }</summary>
                    <pre>{ text }</pre>
                </details>
            }
        </>
    }
}

/// "On" or "Off", for a toggle's label.
fn on_off(i18n: &I18n, on: bool) -> String {
    i18n.t(if on { "on" } else { "off" })
}
