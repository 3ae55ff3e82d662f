//! Reminders: the daily reading reminder and the evening streak reminder
//! at the reader's times, alerts at prayer times (and some minutes
//! before), notices of goals met and achievements unlocked, and quiet
//! hours. Shown as system notifications when the window is not in front,
//! and in the window always; the form says plainly when this desktop has
//! no notification service.

use companion_core::daily::reminder::QuietHours;
use companion_core::wire::NotificationStatus;
use yew::prelude::*;

use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::use_app;

/// "20:00" as the wire's time ("20:00:00").
fn parse_time<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let full = if value.len() == 5 {
        format!("{value}:00")
    } else {
        value.to_owned()
    };
    serde_json::from_value(serde_json::Value::String(full)).ok()
}

/// A time for an `<input type="time">` ("20:00").
fn show_time<T: serde::Serialize>(time: &Option<T>) -> String {
    time.as_ref()
        .and_then(|t| serde_json::to_value(t).ok())
        .and_then(|v| v.as_str().map(|s| s.chars().take(5).collect()))
        .unwrap_or_default()
}

#[component]
pub fn ReminderSettingsForm() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let r = app.settings.reminders;
    let quiet_start = show_time(&r.quiet_hours.map(|q| q.start));
    let quiet_end = show_time(&r.quiet_hours.map(|q| q.end));
    let status = use_state(|| None::<NotificationStatus>);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(found) = bridge::notification_status().await {
                    status.set(Some(found));
                }
            });
        });
    }
    html! {
        <section class="card" id="reminder-settings">
            <h2>{ i18n.t("settings-reminders") }</h2>
            <p class="muted small">{ i18n.t("settings-reminders-hint") }</p>
            if let Some(found) = &*status {
                { status_line(&i18n, found) }
            }
            <div class="settings-grid">
                <label for="remind-daily">{ i18n.t("settings-remind-daily") }</label>
                <input id="remind-daily" class="input compact" type="time" value={show_time(&r.daily_reading)}
                    onchange={edit.on(|s, e: Event| s.reminders.daily_reading = parse_time(&control_value(&e)))} />

                <label for="remind-streak">{ i18n.t("settings-remind-streak") }</label>
                <input id="remind-streak" class="input compact" type="time" value={show_time(&r.streak_at_risk)}
                    onchange={edit.on(|s, e: Event| s.reminders.streak_at_risk = parse_time(&control_value(&e)))} />

                <span id="remind-prayer-label">{ i18n.t("settings-remind-prayer") }</span>
                <button class="chip" id="remind-prayer" aria-labelledby="remind-prayer-label" aria-pressed={r.at_prayer.to_string()}
                    onclick={edit.on(|s, _: MouseEvent| s.reminders.at_prayer = !s.reminders.at_prayer)}>
                    { i18n.t(if r.at_prayer { "on" } else { "off" }) }
                </button>

                <label for="remind-before">{ i18n.t("settings-remind-before") }</label>
                <input id="remind-before" class="input compact" type="number" min="0" max="120"
                    value={r.minutes_before_prayer.unwrap_or(0).to_string()}
                    onchange={edit.on(|s, e: Event| {
                        s.reminders.minutes_before_prayer =
                            control_value(&e).parse::<u32>().ok().filter(|&m| m > 0);
                    })} />

                <span>{ i18n.t("settings-quiet-hours") }</span>
                <div class="field">
                    <input id="quiet-start" class="input compact" type="time" value={quiet_start.clone()}
                        aria-label={i18n.t("settings-quiet-start")}
                        onchange={edit.on(|s, e: Event| set_quiet(s, Some(control_value(&e)), None))} />
                    <span>{ "–" }</span>
                    <input id="quiet-end" class="input compact" type="time" value={quiet_end.clone()}
                        aria-label={i18n.t("settings-quiet-end")}
                        onchange={edit.on(|s, e: Event| set_quiet(s, None, Some(control_value(&e))))} />
                </div>

                <span id="remind-celebrations-label">{ i18n.t("settings-remind-celebrations") }</span>
                <button class="chip" id="remind-celebrations" aria-labelledby="remind-celebrations-label" aria-pressed={r.celebrations.to_string()}
                    onclick={edit.on(|s, _: MouseEvent| s.reminders.celebrations = !s.reminders.celebrations)}>
                    { i18n.t(if r.celebrations { "on" } else { "off" }) }
                </button>
            </div>
        </section>
    }
}

/// Whether reminders reach the desktop, said plainly.
fn status_line(i18n: &I18n, status: &NotificationStatus) -> Html {
    let (state, text) = match status {
        NotificationStatus::On { service } if !service.is_empty() => (
            "on",
            i18n.t_args(
                "settings-notifications-on",
                &[("service", service.clone().into())],
            ),
        ),
        NotificationStatus::On { .. } => ("on", i18n.t("settings-notifications-on-plain")),
        NotificationStatus::NoService => ("none", i18n.t("settings-notifications-none")),
    };
    html! {
        <p class={classes!("message", (state == "none").then_some("warning"))} id="notification-status" data-state={state}>{ text }</p>
    }
}

/// Sets one end of the quiet hours; both ends are needed, and clearing one
/// clears them.
fn set_quiet(s: &mut companion_core::wire::Settings, start: Option<String>, end: Option<String>) {
    let current = s.reminders.quiet_hours;
    let start = match start {
        Some(v) => parse_time(&v),
        None => current.map(|q| q.start),
    };
    let end = match end {
        Some(v) => parse_time(&v),
        None => current.map(|q| q.end),
    };
    s.reminders.quiet_hours = match (start, end) {
        (Some(start), Some(end)) => Some(QuietHours { start, end }),
        // Half set: keep the half until the other comes.
        (Some(start), None) => Some(QuietHours { start, end: start }),
        (None, Some(end)) => Some(QuietHours { start: end, end }),
        (None, None) => None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::I18n;
    use companion_core::daily::reminder::Kind;
    use companion_core::wire::UiLanguage;

    #[test]
    fn every_reminder_has_words_in_both_languages() {
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let i18n = I18n::new(language);
            for kind in Kind::ALL {
                let id = format!("reminder-{}", kind.as_str());
                assert!(i18n.has(&id), "{language:?} lacks {id}");
            }
        }
    }

    #[test]
    fn times_go_to_the_wire_and_back() {
        let quiet = QuietHours {
            start: parse_time("22:00").unwrap(),
            end: parse_time("07:30").unwrap(),
        };
        assert_eq!(show_time(&Some(quiet.start)), "22:00");
        assert_eq!(show_time(&Some(quiet.end)), "07:30");
        let mut settings = companion_core::wire::Settings::default();
        set_quiet(&mut settings, Some("25:99".into()), None);
        assert_eq!(
            settings.reminders.quiet_hours, None,
            "an impossible time is no time"
        );
        set_quiet(&mut settings, Some("22:00".into()), Some("07:30".into()));
        assert_eq!(settings.reminders.quiet_hours, Some(quiet));
    }
}
