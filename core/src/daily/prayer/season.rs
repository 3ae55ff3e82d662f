//! The Moonsighting Committee's seasonal limits on Fajr and Isha (Khalid
//! Shaukat's published formula): minutes before sunrise or after sunset
//! that grow with latitude and follow the seasons, counted in days from
//! the winter solstice of the hemisphere.

use super::super::Day;

/// The earliest Fajr: this many seconds before sunrise.
pub(super) fn morning_seconds(latitude: f64, day: Day) -> i64 {
    let lat = latitude.abs();
    let a = 75.0 + 28.65 / 55.0 * lat;
    let b = 75.0 + 19.44 / 55.0 * lat;
    let c = 75.0 + 32.74 / 55.0 * lat;
    let d = 75.0 + 48.10 / 55.0 * lat;
    minutes_to_seconds(seasonal(a, b, c, d, days_since_solstice(latitude, day)))
}

/// The latest Isha (general shafaq): this many seconds after sunset.
pub(super) fn evening_seconds(latitude: f64, day: Day) -> i64 {
    let lat = latitude.abs();
    let a = 75.0 + 25.60 / 55.0 * lat;
    let b = 75.0 + 2.050 / 55.0 * lat;
    let c = 75.0 - 9.21 / 55.0 * lat;
    let d = 75.0 + 6.14 / 55.0 * lat;
    minutes_to_seconds(seasonal(a, b, c, d, days_since_solstice(latitude, day)))
}

fn minutes_to_seconds(minutes: f64) -> i64 {
    (minutes * 60.0).round() as i64
}

/// The piecewise-linear year through the four limits.
fn seasonal(a: f64, b: f64, c: f64, d: f64, days: i32) -> f64 {
    let t = f64::from(days);
    match days {
        ..91 => a + (b - a) / 91.0 * t,
        91..137 => b + (c - b) / 46.0 * (t - 91.0),
        137..183 => c + (d - c) / 46.0 * (t - 137.0),
        183..229 => d + (c - d) / 46.0 * (t - 183.0),
        229..275 => c + (b - c) / 46.0 * (t - 229.0),
        _ => b + (a - b) / 91.0 * (t - 275.0),
    }
}

/// Days since the winter solstice: about 21 December in the north, 21 June
/// in the south.
fn days_since_solstice(latitude: f64, day: Day) -> i32 {
    let (year, _, _) = day.civil();
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_year = if leap { 366 } else { 365 };
    let day_of_year = Day::from_civil(year, 1, 1).map_or(1, |first| first.until(day) + 1);
    if latitude >= 0.0 {
        let days = day_of_year + 10;
        if days >= days_in_year {
            days - days_in_year
        } else {
            days
        }
    } else {
        let days = day_of_year - if leap { 173 } else { 172 };
        if days < 0 {
            days + days_in_year
        } else {
            days
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_continuous_through_the_year() {
        for latitude in [0.0, 30.0, 51.5, -33.9] {
            let first = Day::from_civil(2025, 1, 1).unwrap();
            for n in 1..365 {
                let step = (morning_seconds(latitude, first.plus(n))
                    - morning_seconds(latitude, first.plus(n - 1)))
                .abs();
                // A year wraps at the solstice offset; elsewhere a day
                // moves the limit by seconds, not minutes.
                assert!(step < 60, "day {n} at {latitude}: {step} s");
            }
        }
    }
}
