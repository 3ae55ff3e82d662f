//! The app's "now" and its time zone. Every rule that needs the time of
//! day (the local day an ayah was read on, today's totals, the streak, the
//! ayah of the day) reads this clock, never the system directly.
//!
//! It is the system clock and zone, unless `COMPANION_CLOCK_START` (an RFC
//! 3339 instant) and optionally `COMPANION_TIME_ZONE` (an IANA name) are
//! set: then the clock starts at that instant when the app starts and runs
//! on in real time, so end-to-end tests and screenshots pass at any hour.

use std::time::Instant;

use companion_core::habit::Day;

/// Where "now" comes from.
#[derive(Debug, Clone)]
pub struct Clock {
    /// A pinned start and the moment it was read, or the system clock.
    pinned: Option<(jiff::Timestamp, Instant)>,
    zone: jiff::tz::TimeZone,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::from_env()
    }
}

impl Clock {
    /// The system clock and zone, or those the environment pins.
    pub fn from_env() -> Clock {
        let pinned = std::env::var("COMPANION_CLOCK_START")
            .ok()
            .and_then(|text| match text.parse::<jiff::Timestamp>() {
                Ok(start) => Some((start, Instant::now())),
                Err(error) => {
                    tracing::warn!(%error, %text, "COMPANION_CLOCK_START is not an RFC 3339 instant; using the system clock");
                    None
                }
            });
        let zone = std::env::var("COMPANION_TIME_ZONE")
            .ok()
            .and_then(|name| jiff::tz::TimeZone::get(&name).ok())
            .unwrap_or_else(jiff::tz::TimeZone::system);
        Clock { pinned, zone }
    }

    /// The instant now.
    pub fn now(&self) -> jiff::Timestamp {
        match self.pinned {
            Some((start, read_at)) => {
                let elapsed = jiff::SignedDuration::try_from(read_at.elapsed()).unwrap_or_default();
                start.checked_add(elapsed).unwrap_or(start)
            }
            None => jiff::Timestamp::now(),
        }
    }

    /// The reader's time zone.
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }

    /// Unix seconds now, and the local day they fall on.
    pub fn now_and_today(&self) -> (i64, Day) {
        let now = self.now();
        (now.as_second(), local_day(now, &self.zone))
    }
}

/// The calendar date `at` falls on in `zone`: the local day, which turns
/// over at local midnight whatever the offset (and across DST changes).
pub fn local_day(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Day {
    let date = at.to_zoned(zone.clone()).date();
    let (month, day) = (date.month().unsigned_abs(), date.day().unsigned_abs());
    // jiff's dates are always valid, so this never falls back.
    Day::from_civil(i32::from(date.year()), u32::from(month), u32::from(day)).unwrap_or(Day(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_in(zone: &str, instant: &str) -> i32 {
        let zone = jiff::tz::TimeZone::get(zone).expect("known zone");
        local_day(instant.parse().expect("an instant"), &zone).0
    }

    #[test]
    fn the_local_day_turns_over_at_local_midnight() {
        // 2026-06-10 is day 20,614 since 1970-01-01.
        assert_eq!(day_in("UTC", "2026-06-10T23:59:59Z"), 20_614);
        assert_eq!(day_in("UTC", "2026-06-11T00:00:00Z"), 20_615);
        // Karachi (UTC+5) is already on the 11th at 19:00 UTC; New York
        // (UTC-4) is still on the 10th at 03:00 UTC the next day.
        assert_eq!(day_in("Asia/Karachi", "2026-06-10T18:59:59Z"), 20_614);
        assert_eq!(day_in("Asia/Karachi", "2026-06-10T19:00:00Z"), 20_615);
        assert_eq!(day_in("America/New_York", "2026-06-11T03:00:00Z"), 20_614);
        // Across the spring-forward night (2026-03-08 in New York) the day
        // changes once, at midnight, not at the jump.
        assert_eq!(day_in("America/New_York", "2026-03-08T04:59:59Z"), 20_519);
        assert_eq!(day_in("America/New_York", "2026-03-08T05:00:00Z"), 20_520);
        assert_eq!(day_in("America/New_York", "2026-03-08T07:30:00Z"), 20_520);
        // Before 1970 the count is negative, not clamped.
        assert_eq!(day_in("UTC", "1969-12-31T12:00:00Z"), -1);
    }

    #[test]
    fn a_pinned_clock_starts_where_it_is_told_and_runs_on() {
        let start: jiff::Timestamp = "2026-06-10T23:59:50Z".parse().unwrap();
        let clock = Clock {
            pinned: Some((start, Instant::now())),
            zone: jiff::tz::TimeZone::get("Asia/Karachi").unwrap(),
        };
        let (second, today) = clock.now_and_today();
        assert!((start.as_second()..start.as_second() + 5).contains(&second));
        // 23:59:50 UTC is already 11 June in Karachi (UTC+5).
        assert_eq!(today, Day::from_civil(2026, 6, 11).unwrap());
    }
}
