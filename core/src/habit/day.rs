//! A local calendar day as a number: days since 1970-01-01 in the reader's
//! own time zone. Which day an instant falls on is decided at the edge
//! (the app knows the zone); the rules here only count days, so they are
//! the same in every zone and across DST changes.

use serde::{Deserialize, Serialize};

/// A local calendar day: days since 1970-01-01.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Day(pub i32);

/// Monday is 0, Sunday is 6 (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> i32 {
        self as i32
    }
}

impl Day {
    /// The day of a proleptic Gregorian date, or `None` for a month or day
    /// out of range (years from -9999 to 9999).
    pub fn from_civil(year: i32, month: u32, day: u32) -> Option<Day> {
        let valid = (-9999..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        if !valid {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// A day written `YYYY-MM-DD` (as a date input gives it).
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Day::from_civil(year, month, day)
    }

    /// Year, month (1–12) and day of the month.
    pub fn civil(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.0 + 3).rem_euclid(7) as usize]
    }

    /// The day `n` days later (earlier for a negative `n`).
    pub fn plus(self, n: i32) -> Day {
        Day(self.0.saturating_add(n))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn until(self, later: Day) -> i32 {
        later.0 - self.0
    }

    /// The first day of the week holding this day, for weeks that start on
    /// `first`.
    pub fn week_start(self, first: Weekday) -> Day {
        let back = (self.weekday().index() - first.index()).rem_euclid(7);
        self.plus(-back)
    }

    /// The first day of this day's month.
    pub fn month_start(self) -> Day {
        let (_, _, day) = self.civil();
        self.plus(1 - day as i32)
    }

    /// The first day of the next month.
    pub fn next_month_start(self) -> Day {
        let (year, month, _) = self.civil();
        self.month_start().plus(days_in_month(year, month) as i32)
    }

    /// `(year, month)`, for grouping by calendar month.
    pub fn month(self) -> (i32, u32) {
        let (year, month, _) = self.civil();
        (year, month)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (year, month, day) = self.civil();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days_have_their_numbers_and_weekdays() {
        assert_eq!(Day::from_civil(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day(0).weekday(), Weekday::Thursday);
        assert_eq!(Day::from_civil(2026, 6, 10), Some(Day(20_614)));
        assert_eq!(Day(20_614).weekday(), Weekday::Wednesday);
        assert_eq!(
            Day::from_civil(2000, 2, 29).map(Day::civil),
            Some((2000, 2, 29))
        );
        assert_eq!(
            Day::from_civil(1900, 2, 29),
            None,
            "1900 was not a leap year"
        );
        assert_eq!(Day::from_civil(2026, 13, 1), None);
        assert_eq!(Day(-1).to_string(), "1969-12-31");
        assert_eq!(Day::parse("2026-06-10"), Some(Day(20_614)));
        for bad in ["", "2026-02-30", "10/06/2026", "2026-06"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_and_months_start_where_the_calendar_says() {
        let wednesday = Day::from_civil(2026, 6, 10).unwrap();
        assert_eq!(wednesday.week_start(Weekday::Monday).civil(), (2026, 6, 8));
        assert_eq!(
            wednesday.week_start(Weekday::Saturday).civil(),
            (2026, 6, 6)
        );
        assert_eq!(wednesday.week_start(Weekday::Wednesday), wednesday);
        assert_eq!(wednesday.month_start().civil(), (2026, 6, 1));
        assert_eq!(wednesday.next_month_start().civil(), (2026, 7, 1));
        let leap = Day::from_civil(2028, 2, 10).unwrap();
        assert_eq!(leap.next_month_start().civil(), (2028, 3, 1));
    }

    proptest! {
        #[test]
        fn civil_dates_round_trip(n in -2_900_000i32..2_900_000) {
            let (y, m, d) = Day(n).civil();
            prop_assert_eq!(Day::from_civil(y, m, d), Some(Day(n)));
        }

        #[test]
        fn a_week_start_is_the_right_weekday_within_six_days(n in -100_000i32..100_000, first in 0usize..7) {
            let first = Weekday::ALL[first];
            let start = Day(n).week_start(first);
            prop_assert_eq!(start.weekday(), first);
            prop_assert!((0..7).contains(&start.until(Day(n))));
        }
    }
}
