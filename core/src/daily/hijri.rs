//! The Hijri calendar as Saudi Arabia's Umm al-Qura calendar has it, with
//! the reader's offset of up to two days either way for a local sighting;
//! the countdowns to Ramadan and the two Eids; a month of days pairing the
//! Gregorian and Hijri dates.
//!
//! The calendar is a table of month starts (`umm_al_qura.txt`, 1343–1500
//! AH, 1924–2077), checked against three published sources in
//! `core/tests/hijri_oracles.rs`. (ICU4X's `icu_calendar` 2.4, whose table
//! comes from ICU4C, disagrees with those sources by a day in 737 of their
//! 1,892 dates: before 1420 AH and from 1451 AH on.) Historic months were
//! declared, not computed, so a few lasted 28 or 31 days; the table keeps
//! them as they were.
//!
//! Days are [`Day`]s, so a date here is the same local day the habit rules
//! count. Outside the table's years nothing is guessed: the functions
//! answer `None`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::habit::{Day, Weekday};
use crate::{Error, Result};

/// Hijri years the table covers.
pub const YEARS: std::ops::RangeInclusive<i32> = FIRST_YEAR..=1500;

const FIRST_YEAR: i32 = 1343;
const TABLE: &str = include_str!("umm_al_qura.txt");

/// The first day of every month of the table in order, and the day after
/// the last month; empty if the table does not parse (a test proves it
/// does).
fn month_starts() -> &'static [Day] {
    static STARTS: OnceLock<Vec<Day>> = OnceLock::new();
    STARTS.get_or_init(|| parse_table(TABLE).unwrap_or_default())
}

/// Reads the table, checking that the years follow each other and each
/// year starts where the one before ended.
fn parse_table(text: &str) -> Option<Vec<Day>> {
    let mut starts: Vec<Day> = Vec::new();
    let lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    for (n, line) in lines.enumerate() {
        let mut fields = line.split_whitespace();
        let year: i32 = fields.next()?.parse().ok()?;
        let first = Day::parse(fields.next()?)?;
        let lengths: Vec<i32> = fields.map(|f| f.parse().ok()).collect::<Option<_>>()?;
        let expected_year = FIRST_YEAR + i32::try_from(n).ok()?;
        let follows = starts.last().is_none_or(|&end| end == first);
        if year != expected_year || !follows || lengths.len() != 12 {
            return None;
        }
        starts.pop();
        let mut day = first;
        starts.push(day);
        for length in lengths {
            if !(28..=31).contains(&length) {
                return None;
            }
            day = day.plus(length);
            starts.push(day);
        }
    }
    Some(starts)
}

/// Ramadan is the ninth month.
pub const RAMADAN: u8 = 9;
/// Shawwal, whose first day is Eid al-Fitr.
pub const SHAWWAL: u8 = 10;
/// Dhu al-Hijjah, whose tenth day is Eid al-Adha.
pub const DHU_AL_HIJJAH: u8 = 12;

/// A Hijri date: year AH, month 1–12, day 1–30 (31 in a few historic
/// months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HijriDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Days to move the table's dates, −2..=2: −1 when the month began a day
/// later where the reader lives than in the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub struct HijriOffset(i8);

impl HijriOffset {
    pub const MAX: i8 = 2;

    pub fn new(days: i8) -> Result<HijriOffset> {
        if (-Self::MAX..=Self::MAX).contains(&days) {
            Ok(HijriOffset(days))
        } else {
            Err(Error::InvalidSetting {
                reason: format!("The Hijri date can be moved by -2 to 2 days, not {days}."),
            })
        }
    }

    pub fn days(self) -> i8 {
        self.0
    }
}

impl TryFrom<i8> for HijriOffset {
    type Error = Error;

    fn try_from(days: i8) -> Result<HijriOffset> {
        HijriOffset::new(days)
    }
}

impl From<HijriOffset> for i8 {
    fn from(offset: HijriOffset) -> i8 {
        offset.0
    }
}

/// The Hijri date of `day`, as the table gives it moved by `offset`.
pub fn hijri_of(day: Day, offset: HijriOffset) -> Option<HijriDate> {
    let day = day.plus(i32::from(offset.0));
    let starts = month_starts();
    // The month whose start is the last one on or before `day`; the final
    // entry is the end of the table, not a month.
    let index = starts
        .partition_point(|&start| start <= day)
        .checked_sub(1)?;
    if index + 1 >= starts.len() {
        return None;
    }
    let months = i32::try_from(index).ok()?;
    Some(HijriDate {
        year: FIRST_YEAR + months / 12,
        month: u8::try_from(months % 12 + 1).ok()?,
        day: u8::try_from(starts[index].until(day) + 1).ok()?,
    })
}

/// The day of a Hijri date (the inverse of [`hijri_of`]); `None` for a
/// date that does not exist (the 30th of a 29-day month) or outside the
/// table.
pub fn day_of_hijri(date: HijriDate, offset: HijriOffset) -> Option<Day> {
    if !YEARS.contains(&date.year) || !(1..=12).contains(&date.month) || date.day == 0 {
        return None;
    }
    let index = usize::try_from((date.year - FIRST_YEAR) * 12 + i32::from(date.month) - 1).ok()?;
    let starts = month_starts();
    let (start, next) = (*starts.get(index)?, *starts.get(index + 1)?);
    let day = start.plus(i32::from(date.day) - 1);
    (day < next).then(|| day.plus(-i32::from(offset.0)))
}

/// The day 1 `month` of `year` falls on.
fn month_start(year: i32, month: u8, offset: HijriOffset) -> Option<Day> {
    day_of_hijri(
        HijriDate {
            year,
            month,
            day: 1,
        },
        offset,
    )
}

/// The days in a Hijri month (29 or 30; a few historic months 28 or 31).
pub fn month_length(year: i32, month: u8, offset: HijriOffset) -> Option<u8> {
    let first = month_start(year, month, offset)?;
    let next = if month == 12 {
        HijriDate {
            year: year + 1,
            month: 1,
            day: 1,
        }
    } else {
        HijriDate {
            year,
            month: month + 1,
            day: 1,
        }
    };
    let next = day_of_hijri(next, offset)?;
    u8::try_from(first.until(next)).ok()
}

/// The days of the year the countdowns lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// 1 Ramadan, underway until the month ends.
    Ramadan,
    /// 1 Shawwal.
    EidAlFitr,
    /// 10 Dhu al-Hijjah.
    EidAlAdha,
}

impl Occasion {
    pub const ALL: [Occasion; 3] = [Occasion::Ramadan, Occasion::EidAlFitr, Occasion::EidAlAdha];

    fn start(self, year: i32) -> HijriDate {
        match self {
            Occasion::Ramadan => HijriDate {
                year,
                month: RAMADAN,
                day: 1,
            },
            Occasion::EidAlFitr => HijriDate {
                year,
                month: SHAWWAL,
                day: 1,
            },
            Occasion::EidAlAdha => HijriDate {
                year,
                month: DHU_AL_HIJJAH,
                day: 10,
            },
        }
    }
}

/// How far an occasion is from a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countdown {
    pub occasion: Occasion,
    /// Its (first) day: the next one, or the current one while underway.
    pub starts: Day,
    /// Days from the given day to `starts`: 0 on the day and while
    /// underway.
    pub days_left: i32,
    /// Whether the given day is within it (Ramadan's month, an Eid's day).
    pub underway: bool,
}

/// The countdown to `occasion` from `today`; `None` outside the table.
pub fn countdown(occasion: Occasion, today: Day, offset: HijriOffset) -> Option<Countdown> {
    let now = hijri_of(today, offset)?;
    if occasion == Occasion::Ramadan && now.month == RAMADAN {
        let starts = day_of_hijri(occasion.start(now.year), offset)?;
        return Some(Countdown {
            occasion,
            starts,
            days_left: 0,
            underway: true,
        });
    }
    let this_year = day_of_hijri(occasion.start(now.year), offset)?;
    let starts = if this_year >= today {
        this_year
    } else {
        day_of_hijri(occasion.start(now.year + 1), offset)?
    };
    let days_left = today.until(starts);
    Some(Countdown {
        occasion,
        starts,
        days_left,
        underway: days_left == 0,
    })
}

/// One day in both calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPair {
    pub day: Day,
    pub weekday: Weekday,
    pub hijri: HijriDate,
}

/// A month to draw as a grid: its days in order and how many blank cells
/// come before the first in a week starting on `week_start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGrid {
    pub leading_blanks: u8,
    pub days: Vec<DayPair>,
}

/// The Gregorian month `year`-`month` with each day's Hijri date.
pub fn gregorian_month(
    year: i32,
    month: u32,
    offset: HijriOffset,
    week_start: Weekday,
) -> Option<MonthGrid> {
    let first = Day::from_civil(year, month, 1)?;
    grid(first, first.next_month_start(), offset, week_start)
}

/// The Hijri month `year`-`month` with each day's Gregorian date.
pub fn hijri_month(
    year: i32,
    month: u8,
    offset: HijriOffset,
    week_start: Weekday,
) -> Option<MonthGrid> {
    let first = month_start(year, month, offset)?;
    let length = month_length(year, month, offset)?;
    grid(first, first.plus(i32::from(length)), offset, week_start)
}

fn grid(first: Day, end: Day, offset: HijriOffset, week_start: Weekday) -> Option<MonthGrid> {
    let days = (0..first.until(end))
        .map(|n| {
            let day = first.plus(n);
            Some(DayPair {
                day,
                weekday: day.weekday(),
                hijri: hijri_of(day, offset)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let leading_blanks = u8::try_from(first.week_start(week_start).until(first)).ok()?;
    Some(MonthGrid {
        leading_blanks,
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, dd: u32) -> Day {
        Day::from_civil(y, m, dd).unwrap()
    }

    fn h(year: i32, month: u8, day: u8) -> HijriDate {
        HijriDate { year, month, day }
    }

    const NONE: HijriOffset = HijriOffset(0);

    #[test]
    fn ramadan_1447_began_on_18_february_2026() {
        assert_eq!(hijri_of(d(2026, 2, 18), NONE), Some(h(1447, 9, 1)));
        assert_eq!(day_of_hijri(h(1447, 9, 1), NONE), Some(d(2026, 2, 18)));
    }

    #[test]
    fn an_offset_moves_the_hijri_date_by_its_days() {
        let day = d(2026, 2, 18);
        let later = HijriOffset::new(-1).unwrap();
        assert_eq!(
            hijri_of(day, later),
            Some(h(1447, 8, 29)),
            "a day later locally"
        );
        assert_eq!(day_of_hijri(h(1447, 9, 1), later), Some(day.plus(1)));
        assert!(HijriOffset::new(3).is_err());
        assert!(
            serde_json::from_str::<HijriOffset>("-3").is_err(),
            "loading checks too"
        );
        assert_eq!(serde_json::to_string(&later).unwrap(), "-1");
    }

    #[test]
    fn a_day_that_does_not_exist_or_is_outside_the_table_has_no_date() {
        let length = month_length(1447, 9, NONE).unwrap();
        assert!(length == 29 || length == 30);
        assert_eq!(day_of_hijri(h(1447, 9, 31), NONE), None);
        assert_eq!(day_of_hijri(h(1447, 13, 1), NONE), None);
        assert_eq!(day_of_hijri(h(1200, 1, 1), NONE), None);
        assert_eq!(hijri_of(d(1800, 1, 1), NONE), None);
        assert_eq!(hijri_of(d(2100, 1, 1), NONE), None);
    }

    #[test]
    fn the_table_parses_and_covers_1343_to_1500() {
        let starts = parse_table(TABLE).expect("the bundled table parses");
        assert_eq!(
            starts.len(),
            158 * 12 + 1,
            "158 years of 12 months and the end"
        );
        assert_eq!(hijri_of(d(1924, 8, 1), NONE), Some(h(1343, 1, 1)));
        assert_eq!(hijri_of(d(2077, 11, 16), NONE), Some(h(1500, 12, 30)));
        assert_eq!(
            hijri_of(d(2077, 11, 17), NONE),
            None,
            "the day after the table"
        );
        let broken = TABLE.replacen("1344 1925-07-23", "1344 1925-07-24", 1);
        assert_eq!(
            parse_table(&broken),
            None,
            "a year must start where the last ended"
        );
    }

    #[test]
    fn countdowns_lead_to_the_next_occasion_and_ramadan_is_underway_all_month() {
        let before = d(2026, 2, 1);
        let ramadan = countdown(Occasion::Ramadan, before, NONE).unwrap();
        assert_eq!(
            (ramadan.starts, ramadan.days_left, ramadan.underway),
            (d(2026, 2, 18), 17, false)
        );
        let during = countdown(Occasion::Ramadan, d(2026, 3, 1), NONE).unwrap();
        assert_eq!(
            (during.starts, during.days_left, during.underway),
            (d(2026, 2, 18), 0, true)
        );
        let fitr = countdown(Occasion::EidAlFitr, d(2026, 3, 1), NONE).unwrap();
        assert_eq!(hijri_of(fitr.starts, NONE), Some(h(1447, 10, 1)));
        let adha = countdown(Occasion::EidAlAdha, fitr.starts.plus(1), NONE).unwrap();
        assert_eq!(hijri_of(adha.starts, NONE), Some(h(1447, 12, 10)));
        let after = countdown(Occasion::EidAlAdha, adha.starts.plus(1), NONE).unwrap();
        assert_eq!(
            hijri_of(after.starts, NONE),
            Some(h(1448, 12, 10)),
            "past this year's: next year's"
        );
        let on_the_day = countdown(Occasion::EidAlFitr, fitr.starts, NONE).unwrap();
        assert_eq!((on_the_day.days_left, on_the_day.underway), (0, true));
    }

    #[test]
    fn a_month_grid_pairs_every_day_and_starts_on_the_right_weekday() {
        let march = gregorian_month(2026, 3, NONE, Weekday::Monday).unwrap();
        assert_eq!(march.days.len(), 31);
        assert_eq!(march.leading_blanks, 6, "1 March 2026 is a Sunday");
        assert_eq!(march.days[0].hijri, h(1447, 9, 12));
        let ramadan = hijri_month(1447, 9, NONE, Weekday::Saturday).unwrap();
        assert_eq!(ramadan.days[0].day, d(2026, 2, 18));
        assert_eq!(
            ramadan.leading_blanks, 4,
            "a Wednesday, four days after Saturday"
        );
        for (n, pair) in ramadan.days.iter().enumerate() {
            assert_eq!(pair.hijri, h(1447, 9, n as u8 + 1));
        }
    }

    proptest! {
        #[test]
        fn hijri_dates_round_trip(n in -17_000i32..40_000, offset in -2i8..=2) {
            let day = Day(n);
            let offset = HijriOffset::new(offset).unwrap();
            if let Some(date) = hijri_of(day, offset) {
                prop_assert_eq!(day_of_hijri(date, offset), Some(day));
                prop_assert!((1..=12).contains(&date.month) && (1..=31).contains(&date.day));
            }
        }
    }
}
