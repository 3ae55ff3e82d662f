//! The calendar routes' rules: prayer times of a day at a place and the
//! Hijri date of a day, computed with core's own code (`daily::prayer`,
//! `daily::hijri`), so the server and the app agree to the second.
//! Never here: SQL, statuses.

use companion_core::daily::hijri::{self, HijriDate, HijriOffset};
use companion_core::daily::prayer::{self, Method, PrayerSettings, PrayerTimes};
use companion_core::daily::{day_of, Place};
use companion_core::habit::Day;
use jiff::tz::TimeZone;

use super::{Error, Result};

/// Where and how to compute prayer times, as asked for.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub latitude: f64,
    pub longitude: f64,
    /// An IANA zone name (`Asia/Riyadh`).
    pub time_zone: &'a str,
    /// A method's name (`umm_al_qura`); Muslim World League by default.
    pub method: Option<&'a str>,
    /// `YYYY-MM-DD`; today at the place by default.
    pub date: Option<&'a str>,
}

fn core_error(error: companion_core::Error) -> Error {
    let code = match error.code() {
        "invalid_place" => "invalid_place",
        "no_prayer_times" => "no_prayer_times",
        _ => "invalid_calendar",
    };
    Error::invalid(code, error.to_string())
}

/// A day written `YYYY-MM-DD`, or today in `zone`.
fn day(date: Option<&str>, zone: &TimeZone, now: i64) -> Result<Day> {
    match date {
        Some(text) => Day::parse(text)
            .ok_or_else(|| Error::invalid("invalid_date", "`date` is a date, YYYY-MM-DD.")),
        None => {
            let now = jiff::Timestamp::from_second(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            Ok(day_of(now, zone))
        }
    }
}

/// The prayer times of the day asked for.
pub fn prayer_times(asked: Asked<'_>, now: i64) -> Result<(PrayerTimes, Method)> {
    let place = Place::new(asked.latitude, asked.longitude, asked.time_zone).map_err(core_error)?;
    let method = match asked.method {
        None => Method::MuslimWorldLeague,
        Some(name) => Method::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
            Error::invalid(
                "invalid_method",
                format!("`method` is one of: {}.", known.join(", ")),
            )
        })?,
    };
    let zone = place.zone().map_err(core_error)?;
    let day = day(asked.date, &zone, now)?;
    let times =
        prayer::prayer_times(&place, day, &PrayerSettings::new(method)).map_err(core_error)?;
    Ok((times, method))
}

/// The Hijri date (Umm al-Qura table, moved by `offset` days, −2 to 2) of
/// `date` (`YYYY-MM-DD`; today in `time_zone`, UTC by default).
pub fn hijri(
    date: Option<&str>,
    time_zone: Option<&str>,
    offset: Option<i64>,
    now: i64,
) -> Result<(Day, HijriDate)> {
    let zone = match time_zone {
        None => TimeZone::UTC,
        Some(name) => TimeZone::get(name).map_err(|_| {
            Error::invalid(
                "invalid_time_zone",
                format!("There is no time zone called {name:?}."),
            )
        })?,
    };
    let offset = i8::try_from(offset.unwrap_or(0))
        .ok()
        .and_then(|days| HijriOffset::new(days).ok())
        .ok_or_else(|| Error::invalid("invalid_offset", "`offset` is -2 to 2 days."))?;
    let day = day(date, &zone, now)?;
    let date = hijri::hijri_of(day, offset).ok_or_else(|| {
        Error::invalid(
            "date_out_of_range",
            "The Hijri table covers the years 1343 to 1500 AH only.",
        )
    })?;
    Ok((day, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_places_methods_and_dates_are_clear_refusals() {
        let asked = Asked {
            latitude: 21.4225,
            longitude: 39.8262,
            time_zone: "Asia/Riyadh",
            method: Some("umm_al_qura"),
            date: Some("2026-06-10"),
        };
        assert!(prayer_times(asked, 0).is_ok());
        let code = |asked| prayer_times(asked, 0).err().and_then(|e| e.code());
        assert_eq!(
            code(Asked {
                latitude: 91.0,
                ..asked
            }),
            Some("invalid_place")
        );
        assert_eq!(
            code(Asked {
                time_zone: "Mars/Olympus",
                ..asked
            }),
            Some("invalid_place")
        );
        assert_eq!(
            code(Asked {
                method: Some("guess"),
                ..asked
            }),
            Some("invalid_method")
        );
        assert_eq!(
            code(Asked {
                date: Some("2026-02-30"),
                ..asked
            }),
            Some("invalid_date")
        );
        assert_eq!(
            hijri(Some("1900-01-01"), None, None, 0)
                .err()
                .and_then(|e| e.code()),
            Some("date_out_of_range")
        );
    }
}
