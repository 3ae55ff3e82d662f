//! The daily practice beside the reading: prayer times ([`prayer`]), the
//! Hijri calendar ([`hijri`]), the bundled cities ([`cities`]), what
//! reminder is due when ([`reminder`]), focus sessions ([`focus`]) and the
//! adhkar ([`dhikr`]).
//!
//! Pure rules over instants (`jiff::Timestamp`), local days
//! ([`crate::habit::Day`]) and IANA time zones. Nothing here reads the
//! clock or the system's zone: "now" and the place are always passed in,
//! so the same rules run in the app, the UI (wasm32) and the tests at any
//! hour in any zone.

pub mod cities;
pub mod dhikr;
pub mod focus;
pub mod hijri;
pub mod prayer;
pub mod reminder;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::habit::Day;
use crate::{Error, Result};

/// A place on Earth with its IANA time zone: where prayer times are
/// computed and reminders are due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PlaceFields", into = "PlaceFields")]
pub struct Place {
    latitude: f64,
    longitude: f64,
    time_zone: String,
}

#[derive(Serialize, Deserialize)]
struct PlaceFields {
    latitude: f64,
    longitude: f64,
    time_zone: String,
}

impl Place {
    /// A place at a latitude (−90..90, north positive) and longitude
    /// (−180..180, east positive) in a zone the time-zone database knows
    /// (`Asia/Riyadh`).
    pub fn new(latitude: f64, longitude: f64, time_zone: &str) -> Result<Place> {
        let invalid = |reason: String| Error::InvalidPlace { reason };
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(invalid(format!(
                "A latitude is between -90 and 90 degrees, not {latitude}."
            )));
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(invalid(format!(
                "A longitude is between -180 and 180 degrees, not {longitude}."
            )));
        }
        let name: String = time_zone.trim().chars().take(64).collect();
        if TimeZone::get(&name).is_err() {
            return Err(invalid(format!("There is no time zone called {name:?}.")));
        }
        Ok(Place {
            latitude,
            longitude,
            time_zone: name,
        })
    }

    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    pub fn longitude(&self) -> f64 {
        self.longitude
    }

    /// The IANA name of the zone.
    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    /// The zone itself.
    pub fn zone(&self) -> Result<TimeZone> {
        TimeZone::get(&self.time_zone).map_err(|_| Error::InvalidPlace {
            reason: format!("There is no time zone called {:?}.", self.time_zone),
        })
    }
}

impl TryFrom<PlaceFields> for Place {
    type Error = Error;

    fn try_from(fields: PlaceFields) -> Result<Place> {
        Place::new(fields.latitude, fields.longitude, &fields.time_zone)
    }
}

impl From<Place> for PlaceFields {
    fn from(place: Place) -> PlaceFields {
        PlaceFields {
            latitude: place.latitude,
            longitude: place.longitude,
            time_zone: place.time_zone,
        }
    }
}

/// The local day an instant falls on in `zone`.
pub fn day_of(at: Timestamp, zone: &TimeZone) -> Day {
    let date = zone.to_datetime(at).date();
    day_of_date(date)
}

/// The [`Day`] of a civil date.
pub fn day_of_date(date: Date) -> Day {
    // jiff's dates are always valid Gregorian dates in −9999..9999, which
    // `Day` covers, so this never falls back.
    Day::from_civil(
        i32::from(date.year()),
        u32::from(date.month().unsigned_abs()),
        u32::from(date.day().unsigned_abs()),
    )
    .unwrap_or(Day(0))
}

/// The civil date of a [`Day`], `None` outside jiff's years (−9999..9999).
pub fn date_of(day: Day) -> Option<Date> {
    let (year, month, dom) = day.civil();
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(dom).ok()?,
    )
    .ok()
}

/// The instant the wall clock in `zone` shows `time` on `day`. A time
/// skipped by a jump forward (02:30 on a spring-forward night) is taken
/// as the same distance past the jump (03:30); a time shown twice (a fall
/// back) as its first showing.
pub fn local_instant(day: Day, time: Time, zone: &TimeZone) -> Option<Timestamp> {
    let datetime = DateTime::from_parts(date_of(day)?, time);
    zone.to_ambiguous_timestamp(datetime).compatible().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_refuses_impossible_coordinates_and_unknown_zones() {
        assert!(Place::new(21.4, 39.8, "Asia/Riyadh").is_ok());
        for (lat, lon, zone) in [
            (91.0, 0.0, "UTC"),
            (0.0, 181.0, "UTC"),
            (f64::NAN, 0.0, "UTC"),
            (0.0, 0.0, "Mars/Olympus_Mons"),
        ] {
            let error = Place::new(lat, lon, zone).unwrap_err();
            assert_eq!(error.code(), "invalid_place", "{lat} {lon} {zone}");
        }
        let json = r#"{"latitude":21.4,"longitude":39.8,"time_zone":"Nowhere/Else"}"#;
        assert!(
            serde_json::from_str::<Place>(json).is_err(),
            "a stored place with an unknown zone must not load as valid"
        );
    }

    #[test]
    fn a_local_time_skipped_by_spring_forward_is_taken_after_the_jump() {
        let new_york = TimeZone::get("America/New_York").unwrap();
        let day = Day::from_civil(2026, 3, 8).unwrap();
        let at = local_instant(day, Time::constant(2, 30, 0, 0), &new_york).unwrap();
        assert_eq!(
            at.to_string(),
            "2026-03-08T07:30:00Z",
            "02:30 EST would be 07:30Z"
        );
        assert_eq!(new_york.to_datetime(at).time(), Time::constant(3, 30, 0, 0));
        let fall = Day::from_civil(2026, 11, 1).unwrap();
        let twice = local_instant(fall, Time::constant(1, 30, 0, 0), &new_york).unwrap();
        assert_eq!(
            twice.to_string(),
            "2026-11-01T05:30:00Z",
            "the first 01:30 (EDT)"
        );
    }

    #[test]
    fn days_and_dates_agree() {
        let day = Day::from_civil(2026, 2, 28).unwrap();
        assert_eq!(date_of(day), Some(jiff::civil::date(2026, 2, 28)));
        assert_eq!(day_of_date(jiff::civil::date(2026, 2, 28)), day);
        let zone = TimeZone::get("Asia/Karachi").unwrap();
        let at: Timestamp = "2026-02-28T19:30:00Z".parse().unwrap();
        assert_eq!(
            day_of(at, &zone),
            day.plus(1),
            "00:30 on 1 March in Karachi"
        );
    }
}
