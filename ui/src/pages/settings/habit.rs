//! The habit's own rules: what a day needs for the streak (one ayah, or
//! N ayahs, pages or minutes), the first day of the week, and the streak
//! freezes a month allows.

use companion_core::habit::goal::Measure;
use companion_core::habit::settings::{DailyMinimum, HabitSettings};
use companion_core::habit::Weekday;
use yew::prelude::*;

use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::use_i18n;
use crate::state::use_app;

#[component]
pub fn HabitSettingsForm() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let h = app.settings.habit;
    let measure = |m: Measure, label: &str| {
        html! { <option value={m.as_str()} selected={h.daily_minimum.measure == m}>{ i18n.t(label) }</option> }
    };
    let weekday = |d: Weekday, value: &str, label: &str| {
        html! { <option value={value.to_owned()} selected={h.week_start == d}>{ i18n.t(label) }</option> }
    };
    html! {
        <section class="card" id="habit-settings">
            <h2>{ i18n.t("settings-habit") }</h2>
            <div class="settings-grid">
                <label for="minimum-amount">{ i18n.t("settings-minimum") }</label>
                <div class="field">
                    <input id="minimum-amount" class="input" type="number" min="1" max={DailyMinimum::MAX.to_string()}
                        aria-label={i18n.t("settings-minimum-amount")} value={h.daily_minimum.amount.to_string()}
                        onchange={edit.on(|s, e: Event| {
                            if let Ok(amount) = control_value(&e).parse::<u32>() {
                                s.habit.daily_minimum.amount = amount;
                            }
                        })} />
                    <select id="minimum-measure" class="input" aria-label={i18n.t("settings-minimum")}
                        onchange={edit.on(|s, e: Event| {
                            if let Some(m) = Measure::parse(&control_value(&e)) {
                                s.habit.daily_minimum.measure = m;
                            }
                        })}>
                        { measure(Measure::Ayahs, "goals-ayahs") }
                        { measure(Measure::Pages, "goals-pages") }
                        { measure(Measure::Minutes, "goals-minutes") }
                    </select>
                </div>

                <label for="week-start">{ i18n.t("settings-week-start") }</label>
                <select id="week-start" class="input"
                    onchange={edit.on(|s, e: Event| s.habit.week_start = match control_value(&e).as_str() {
                        "saturday" => Weekday::Saturday,
                        "sunday" => Weekday::Sunday,
                        _ => Weekday::Monday,
                    })}>
                    { weekday(Weekday::Monday, "monday", "weekday-monday") }
                    { weekday(Weekday::Saturday, "saturday", "weekday-saturday") }
                    { weekday(Weekday::Sunday, "sunday", "weekday-sunday") }
                </select>

                <label for="freezes">{ i18n.t("settings-freezes") }</label>
                <div class="field">
                    <select id="freezes" class="input"
                        onchange={edit.on(|s, e: Event| {
                            if let Ok(n) = control_value(&e).parse::<u32>() {
                                s.habit.freezes_per_month = n;
                            }
                        })}>
                        { for (0..=HabitSettings::MAX_FREEZES).map(|n| html! {
                            <option value={n.to_string()} selected={h.freezes_per_month == n}>{ i18n.digits(u64::from(n)) }</option>
                        }) }
                    </select>
                    <span class="muted small">{ i18n.t("settings-freezes-hint") }</span>
                </div>
            </div>
        </section>
    }
}
