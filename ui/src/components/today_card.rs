//! Home's "Today": the Hijri date beside the Gregorian, the countdowns to
//! Ramadan and the Eids, and the day's prayer times with the next one
//! counting down (ticked here each second from what the app computed, and
//! asked again when it is reached).

use companion_core::daily::hijri::{Countdown, HijriDate};
use companion_core::daily::prayer::Prayer;
use companion_core::wire::DailyView;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::services::bridge;
use crate::state::{use_app, Action, Route};

#[component]
pub fn TodayCard() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let view = use_state(|| None::<(DailyView, f64)>);
    let version = use_state(|| 0u32);
    let now = use_state(js_sys::Date::now);
    {
        let view = view.clone();
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(loaded) = bridge::daily().await {
                    view.set(Some((loaded, js_sys::Date::now())));
                }
            });
        });
    }
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(1_000, move || now.set(js_sys::Date::now()));
            move || drop(interval)
        });
    }
    let Some((view, fetched)) = &*view else {
        return html! {};
    };
    let elapsed = ((*now - fetched) / 1000.0).max(0.0) as i64;
    let left = view.next.map(|n| n.seconds_left - elapsed);
    if left.is_some_and(|l| l <= 0) {
        // The next prayer came: ask for the one after.
        version.set(version.wrapping_add(1));
    }
    let choose = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(Route::Settings)))
    };
    let next = view.next.map(|n| n.time.prayer);
    html! {
        <section class="card today-card" id="today">
            <div class="today-head">
                <div>
                    if let Some(h) = view.hijri {
                        <p class="hijri" id="hijri-date" data-hijri={format!("{}-{}-{}", h.year, h.month, h.day)}>{ hijri(&i18n, h) }</p>
                    }
                    <p class="muted small">{ i18n.date(view.day) }</p>
                </div>
                if let (Some(n), Some(left)) = (view.next, left) {
                    <p class="next-prayer" id="next-prayer" data-prayer={n.time.prayer.as_str()}>
                        { i18n.t_args("today-next", &[
                            ("prayer", i18n.t(&format!("prayer-{}", n.time.prayer.as_str())).into()),
                            ("time", duration(&i18n, left.max(0)).into()),
                        ]) }
                    </p>
                }
            </div>
            if let Some(times) = &view.prayers {
                <ol class="prayer-times" aria-label={i18n.t_args("today-prayers-at", &[("place", view.place.clone().unwrap_or_default().into())])}>
                    { for times.times.iter().map(|t| html! {
                        <li class={classes!("prayer", (Some(t.prayer) == next).then_some("next"), (t.prayer == Prayer::Sunrise).then_some("sunrise"))}
                            data-prayer={t.prayer.as_str()}>
                            <span>{ i18n.t(&format!("prayer-{}", t.prayer.as_str())) }</span>
                            <strong>{ clock(&i18n, t.local.hour(), t.local.minute()) }</strong>
                        </li>
                    }) }
                </ol>
                <p class="muted small">{ view.place.clone().unwrap_or_default() }</p>
            } else if view.no_times {
                <p class="muted">{ i18n.t_args("today-no-times", &[("place", view.place.clone().unwrap_or_default().into())]) }</p>
            } else {
                <button class="button" id="choose-place" onclick={choose}>{ i18n.t("today-choose-place") }</button>
            }
            <p class="countdowns" id="countdowns">{ countdowns(&i18n, &view.countdowns) }</p>
        </section>
    }
}

/// "24 Dhu al-Hijjah 1447 AH".
pub fn hijri(i18n: &I18n, h: HijriDate) -> String {
    i18n.t_args(
        "today-hijri",
        &[
            ("day", i18n.digits(u64::from(h.day)).into()),
            ("month", i18n.t(&format!("hijri-month-{}", h.month)).into()),
            ("year", i18n.digits(h.year.unsigned_abs().into()).into()),
        ],
    )
}

/// "05:07", in the language's digits.
pub fn clock(i18n: &I18n, hour: i8, minute: i8) -> String {
    format!(
        "{}:{}",
        i18n.two_digits(hour.unsigned_abs().into()),
        i18n.two_digits(minute.unsigned_abs().into())
    )
}

/// "1:05:09" or "5:09".
pub fn duration(i18n: &I18n, seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let two = |n: i64| i18n.two_digits(n.unsigned_abs());
    if h > 0 {
        format!("{}:{}:{}", i18n.digits(h.unsigned_abs()), two(m), two(s))
    } else {
        format!("{}:{}", i18n.digits(m.unsigned_abs()), two(s))
    }
}

fn countdowns(i18n: &I18n, list: &[Countdown]) -> String {
    let mut sorted: Vec<&Countdown> = list.iter().collect();
    sorted.sort_by_key(|c| c.days_left);
    sorted
        .iter()
        .map(|c| {
            let id = serde_json::to_value(c.occasion)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            if c.underway {
                i18n.t(&format!("countdown-{id}-underway"))
            } else {
                i18n.t_args(
                    &format!("countdown-{id}"),
                    &[("days", i64::from(c.days_left).into())],
                )
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::UiLanguage;

    #[test]
    fn times_and_durations_are_written_in_the_language_digits() {
        let en = I18n::english();
        let ar = I18n::new(UiLanguage::Ar);
        assert_eq!(clock(&en, 5, 7), "05:07");
        assert_eq!(clock(&ar, 17, 30), "١٧:٣٠");
        assert_eq!(duration(&en, 3_909), "1:05:09");
        assert_eq!(duration(&en, 309), "5:09");
        assert_eq!(duration(&ar, 65), "١:٠٥");
    }

    #[test]
    fn the_hijri_date_names_its_month() {
        let h = HijriDate {
            year: 1447,
            month: 9,
            day: 1,
        };
        assert_eq!(hijri(&I18n::english(), h), "1 Ramadan 1447 AH");
        assert_eq!(hijri(&I18n::new(UiLanguage::Ar), h), "١ رمضان ١٤٤٧ هـ");
    }
}
