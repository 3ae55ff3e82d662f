//! Prayer times and the calendar: the place (a city of the bundled list,
//! searched in English or Arabic, or a place typed in; never a location
//! service), the calculation method, Asr, the high-latitude rule, minute
//! adjustments, and the Hijri date's offset.

use companion_core::daily::cities;
use companion_core::daily::hijri::HijriOffset;
use companion_core::daily::prayer::{HighLatitudeRule, Madhab, Method};
use companion_core::wire::{PlaceSetting, UiLanguage};
use yew::prelude::*;

use crate::hooks::use_settings_editor::{control_value, use_settings_editor};
use crate::i18n::use_i18n;
use crate::state::use_app;

/// How many cities a search shows.
const RESULTS: usize = 8;

#[component]
pub fn DailySettingsForm() -> Html {
    let app = use_app();
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let d = &app.settings.daily;
    let query = use_state(String::new);
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(input_value(&e)))
    };
    let found = cities::search(&query, RESULTS);
    let arabic = i18n.language() == UiLanguage::Ar;
    let choose = |city: &'static cities::City| {
        let query = query.clone();
        let pick = edit.on(move |s, _: MouseEvent| {
            s.daily.place = Some(PlaceSetting {
                city: Some(city.id),
                name: city.name.to_owned(),
                latitude: city.latitude,
                longitude: city.longitude,
                time_zone: city.time_zone.to_owned(),
            });
            s.daily.prayer.method = city.method;
        });
        Callback::from(move |e: MouseEvent| {
            pick.emit(e);
            query.set(String::new());
        })
    };
    let place_line = match &d.place {
        Some(p) => {
            let name = p
                .city
                .and_then(cities::by_id)
                .map(|c| if arabic { c.name_ar } else { c.name })
                .unwrap_or(&p.name)
                .to_owned();
            i18n.t_args(
                "settings-place-chosen",
                &[("place", name.into()), ("zone", p.time_zone.clone().into())],
            )
        }
        None => i18n.t("settings-place-none"),
    };
    let option = |value: &str, label: String, selected: bool| {
        html! { <option value={value.to_owned()} {selected}>{ label }</option> }
    };
    html! {
        <section class="card" id="daily-settings">
            <h2>{ i18n.t("settings-daily") }</h2>
            <p id="place-chosen">{ place_line }</p>
            <div class="settings-grid">
                <label for="city-search">{ i18n.t("settings-city") }</label>
                <div class="field column">
                    <input id="city-search" class="input" type="search" value={(*query).clone()}
                        placeholder={i18n.t("settings-city-search")} oninput={on_query} />
                    if !query.trim().is_empty() {
                        if found.is_empty() {
                            <p class="muted small">{ i18n.t("settings-city-none") }</p>
                        }
                        <ul class="city-results">
                            { for found.into_iter().map(|city| html! {
                                <li><button class="link city-result" data-id={city.id.to_string()} onclick={choose(city)}>
                                    { if arabic { city.name_ar } else { city.name } }
                                    <span class="muted small">{ format!(" · {} · {}", city.country, city.time_zone) }</span>
                                </button></li>
                            }) }
                        </ul>
                    }
                </div>

                <label for="method">{ i18n.t("settings-method") }</label>
                <select id="method" class="input" onchange={edit.on(|s, e: Event| {
                    if let Some(m) = Method::parse(&control_value(&e)) {
                        s.daily.prayer.method = m;
                    }
                })}>
                    { for Method::ALL.iter().map(|m| option(m.as_str(), i18n.t(&format!("method-{}", m.as_str())), d.prayer.method == *m)) }
                </select>

                <label for="madhab">{ i18n.t("settings-madhab") }</label>
                <select id="madhab" class="input" onchange={edit.on(|s, e: Event| {
                    s.daily.prayer.madhab = if control_value(&e) == "hanafi" { Madhab::Hanafi } else { Madhab::Shafii };
                })}>
                    { option("shafii", i18n.t("madhab-shafii"), d.prayer.madhab == Madhab::Shafii) }
                    { option("hanafi", i18n.t("madhab-hanafi"), d.prayer.madhab == Madhab::Hanafi) }
                </select>

                <label for="high-latitude">{ i18n.t("settings-high-latitude") }</label>
                <select id="high-latitude" class="input" onchange={edit.on(|s, e: Event| {
                    s.daily.prayer.high_latitude_rule = match control_value(&e).as_str() {
                        "seventh_of_the_night" => HighLatitudeRule::SeventhOfTheNight,
                        "twilight_angle" => HighLatitudeRule::TwilightAngle,
                        _ => HighLatitudeRule::MiddleOfTheNight,
                    };
                })}>
                    { for [
                        (HighLatitudeRule::MiddleOfTheNight, "middle_of_the_night"),
                        (HighLatitudeRule::SeventhOfTheNight, "seventh_of_the_night"),
                        (HighLatitudeRule::TwilightAngle, "twilight_angle"),
                    ].into_iter().map(|(rule, id)| option(id, i18n.t(&format!("high-latitude-{id}")), d.prayer.high_latitude_rule == rule)) }
                </select>

                <span>{ i18n.t("settings-adjustments") }</span>
                <div class="adjustments">
                    { for ["fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha"].into_iter().map(|prayer| {
                        let a = d.prayer.adjustments;
                        let value = match prayer {
                            "fajr" => a.fajr, "sunrise" => a.sunrise, "dhuhr" => a.dhuhr,
                            "asr" => a.asr, "maghrib" => a.maghrib, _ => a.isha,
                        };
                        html! {
                            <label class="adjustment">
                                <span class="small">{ i18n.t(&format!("prayer-{prayer}")) }</span>
                                <input class="input compact" type="number" min="-120" max="120" id={format!("adjust-{prayer}")}
                                    value={value.to_string()}
                                    onchange={edit.on(move |s, e: Event| {
                                        let Ok(n) = control_value(&e).parse::<i32>() else { return };
                                        let a = &mut s.daily.prayer.adjustments;
                                        match prayer {
                                            "fajr" => a.fajr = n, "sunrise" => a.sunrise = n, "dhuhr" => a.dhuhr = n,
                                            "asr" => a.asr = n, "maghrib" => a.maghrib = n, _ => a.isha = n,
                                        }
                                    })} />
                            </label>
                        }
                    }) }
                </div>

                <label for="hijri-offset">{ i18n.t("settings-hijri-offset") }</label>
                <select id="hijri-offset" class="input" onchange={edit.on(|s, e: Event| {
                    if let Some(offset) = control_value(&e).parse::<i8>().ok().and_then(|n| HijriOffset::new(n).ok()) {
                        s.daily.hijri_offset = offset;
                    }
                })}>
                    { for (-HijriOffset::MAX..=HijriOffset::MAX).map(|n| option(&n.to_string(),
                        if n > 0 { format!("+{n}") } else { n.to_string() }, d.hijri_offset.days() == n)) }
                </select>
            </div>
            <ManualPlace />
        </section>
    }
}

/// A place typed in: name, latitude, longitude and IANA zone.
#[component]
fn ManualPlace() -> Html {
    let i18n = use_i18n();
    let edit = use_settings_editor();
    let fields = use_state(|| (String::new(), String::new(), String::new(), String::new()));
    let set = |i: usize| {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*fields).clone();
            let value = input_value(&e);
            match i {
                0 => next.0 = value,
                1 => next.1 = value,
                2 => next.2 = value,
                _ => next.3 = value,
            }
            fields.set(next);
        })
    };
    let (name, lat, lon, zone) = (*fields).clone();
    let place = match (lat.trim().parse::<f64>(), lon.trim().parse::<f64>()) {
        (Ok(latitude), Ok(longitude)) => Some(PlaceSetting {
            city: None,
            name: if name.trim().is_empty() {
                format!("{latitude}, {longitude}")
            } else {
                name.trim().to_owned()
            },
            latitude,
            longitude,
            time_zone: zone.trim().to_owned(),
        }),
        _ => None,
    };
    // The app refuses a place it cannot use, with a clear message.
    let valid = place.as_ref().is_some_and(|p| p.place().is_some());
    let use_it = edit.on(move |s, _: MouseEvent| {
        if let Some(p) = place.clone().filter(|p| p.place().is_some()) {
            s.daily.place = Some(p);
        }
    });
    html! {
        <details class="manual-place">
            <summary>{ i18n.t("settings-manual") }</summary>
            <div class="settings-grid">
                <label for="place-name">{ i18n.t("settings-manual-name") }</label>
                <input id="place-name" class="input" value={name} oninput={set(0)} />
                <label for="place-latitude">{ i18n.t("settings-latitude") }</label>
                <input id="place-latitude" class="input" inputmode="decimal" value={lat} oninput={set(1)} />
                <label for="place-longitude">{ i18n.t("settings-longitude") }</label>
                <input id="place-longitude" class="input" inputmode="decimal" value={lon} oninput={set(2)} />
                <label for="place-zone">{ i18n.t("settings-zone") }</label>
                <input id="place-zone" class="input" value={zone} oninput={set(3)} />
                <span></span>
                <button class="button" id="place-use" disabled={!valid} onclick={use_it}>{ i18n.t("settings-manual-use") }</button>
            </div>
        </details>
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}
