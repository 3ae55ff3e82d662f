//! What a user's reading adds up to: totals for today and the last seven
//! local days, distinct ayahs and the share of the Qur'an read, streaks of
//! consecutive reading days, and a day-by-day history. The rules are pure
//! functions of the per-day totals (`user_days`, kept with the sessions)
//! and "today"; `summary` and friends only load them (and the distinct
//! ayah ranges, for the share of the Qur'an read).

use std::future::Future;

use jiff::tz::TimeZone;

use super::{days, Result};
use crate::store::{Store, Totals};

/// Everything the stats endpoints report for one user.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub all_time: Totals,
    pub today: Totals,
    /// The last seven local days, today included.
    pub week: Totals,
    /// Distinct ayahs ever read.
    pub distinct_ayahs: i64,
    /// Their share of the Qur'an, in percent to two decimals.
    pub completion_percent: f64,
    pub current_streak: i64,
    pub longest_streak: i64,
}

/// A user's streak as of today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streak {
    pub current: i64,
    pub longest: i64,
    /// The last local day with reading.
    pub last_day: Option<i64>,
    /// Whether today already counts.
    pub today_done: bool,
}

/// Reading on one local day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Day {
    /// Days since 1970-01-01.
    pub day: i64,
    pub hasanat: i64,
    pub ayahs: i64,
    pub seconds: i64,
}

/// What one user read on each local day with reading: (day, totals).
pub type Days = [(i64, Totals)];

/// An ayah range read: (surah, first, last).
pub type Range = (i64, i64, i64);

/// The summary of `user`'s reading at `now`, days counted in `zone`.
pub async fn summary(store: &Store, user: &str, zone: &TimeZone, now: i64) -> Result<Summary> {
    let days = store.daily_totals(user, None).await?;
    let ranges = store.read_ranges(user).await?;
    let totals = store.totals(user).await?;
    Ok(summarize((&days, &ranges), totals, days::today(now, zone)))
}

/// `user`'s streak at `now`, days counted in `zone`.
pub async fn streak(store: &Store, user: &str, zone: &TimeZone, now: i64) -> Result<Streak> {
    let days = store.daily_totals(user, None).await?;
    Ok(streak_of(&days, days::today(now, zone)))
}

/// `user`'s reading per day over the last `count` local days (1 to 366),
/// oldest first, days without reading included; `zone` is awaited once
/// `count` passed.
pub async fn history(
    store: &Store,
    user: &str,
    (now, zone): (i64, impl Future<Output = Result<TimeZone>>),
    count: i64,
) -> Result<Vec<Day>> {
    if !(1..=366).contains(&count) {
        return Err(super::Error::invalid(
            "invalid_days",
            "`days` is from 1 to 366.",
        ));
    }
    let today = days::today(now, &zone.await?);
    let days = store.daily_totals(user, Some(today - count + 1)).await?;
    Ok(per_day(&days, today, count))
}

/// The summary of the per-day totals and the ayah ranges read
/// (surah, first, last), with the stored running `totals` as all time.
pub fn summarize((days, ranges): (&Days, &[Range]), totals: Totals, today: i64) -> Summary {
    let distinct = distinct_ayahs(ranges);
    let all = quran_data::quran().ayahs().len().max(1);
    let (current, longest) = streaks(&reading_days(days), today);
    Summary {
        all_time: totals,
        today: sum_since(days, today),
        week: sum_since(days, today - 6),
        distinct_ayahs: distinct,
        completion_percent: (distinct as f64 * 10_000.0 / all as f64).round() / 100.0,
        current_streak: current,
        longest_streak: longest,
    }
}

/// The streak of the per-day totals as of `today`.
pub fn streak_of(days: &Days, today: i64) -> Streak {
    let days = reading_days(days);
    let (current, longest) = streaks(&days, today);
    let last_day = days.iter().copied().max();
    Streak {
        current,
        longest,
        last_day,
        today_done: last_day == Some(today),
    }
}

/// Reading per local day, for the `count` days up to `today`.
pub fn per_day(days: &Days, today: i64, count: i64) -> Vec<Day> {
    let first = today - count + 1;
    let mut out: Vec<Day> = (0..count)
        .map(|i| Day {
            day: first + i,
            ..Day::default()
        })
        .collect();
    for (day, totals) in days {
        if let Some(slot) = usize::try_from(day - first)
            .ok()
            .and_then(|i| out.get_mut(i))
        {
            slot.hasanat += totals.hasanat;
            slot.ayahs += totals.ayahs;
            slot.seconds += totals.seconds;
        }
    }
    out
}

/// How many distinct ayahs the ranges (surah, first, last) cover.
pub fn distinct_ayahs(ranges: &[Range]) -> i64 {
    let mut read = vec![false; quran_data::quran().ayahs().len()];
    for &(surah, first, last) in ranges {
        if let (Ok(surah), Ok(first), Ok(last)) = (
            u16::try_from(surah),
            u16::try_from(first),
            u16::try_from(last),
        ) {
            for ayah in first..=last {
                if let Ok(r) = companion_core::AyahRef::new(surah, ayah) {
                    if let Some(slot) = read.get_mut(usize::from(r.index())) {
                        *slot = true;
                    }
                }
            }
        }
    }
    read.iter().filter(|r| **r).count() as i64
}

/// The local days on which ayahs were read (streaks count these).
fn reading_days(days: &Days) -> Vec<i64> {
    days.iter()
        .filter(|(_, totals)| totals.ayahs > 0)
        .map(|(day, _)| *day)
        .collect()
}

fn sum_since(days: &Days, since_day: i64) -> Totals {
    let mut sum = Totals::default();
    for (_, totals) in days.iter().filter(|(day, _)| *day >= since_day) {
        sum.merge(totals);
    }
    sum
}

/// Current and longest runs of consecutive days in `days` (any order,
/// duplicates allowed). The current run is alive if it reaches today or
/// yesterday: today is not over yet.
pub fn streaks(days: &[i64], today: i64) -> (i64, i64) {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous = None;
    for &day in &days {
        run = if previous == Some(day - 1) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let current = match days.last() {
        Some(&last) if last >= today - 1 => run,
        _ => 0,
    };
    (current, longest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::SessionType;
    use crate::store::{Session, SessionRow};

    /// The per-day totals and ranges the store would keep for `rows`.
    fn kept(rows: &[SessionRow]) -> (Vec<(i64, Totals)>, Vec<Range>) {
        let mut days: std::collections::BTreeMap<i64, Totals> = Default::default();
        for row in rows {
            days.entry(row.session.local_day)
                .or_default()
                .add(&row.session);
        }
        let ranges = rows
            .iter()
            .map(|r| {
                (
                    r.session.surah_number,
                    r.session.start_ayah,
                    r.session.end_ayah,
                )
            })
            .collect();
        (days.into_iter().collect(), ranges)
    }

    fn summarize_rows(rows: &[SessionRow], today: i64) -> Summary {
        let (days, ranges) = kept(rows);
        summarize((&days, &ranges), Totals::default(), today)
    }

    fn row(day: i64, ayahs: (i64, i64), seconds: i64) -> SessionRow {
        let read = ayahs.1 - ayahs.0 + 1;
        SessionRow {
            id: format!("s-{day}-{}", ayahs.0),
            created_at: 0,
            session: Session {
                surah_number: 2,
                start_ayah: ayahs.0,
                end_ayah: ayahs.1,
                start_time: day * 86_400,
                end_time: day * 86_400 + seconds,
                local_day: day,
                duration_seconds: seconds,
                session_type: SessionType::Reading,
                ayahs_read: read,
                letters: read * 100,
                hasanat: read * 1000,
                page_thousandths: 0,
            },
        }
    }

    #[test]
    fn streaks_count_consecutive_days_and_forgive_an_unfinished_today() {
        assert_eq!(streaks(&[], 100), (0, 0));
        assert_eq!(streaks(&[98, 99, 99, 97], 100), (3, 3));
        assert_eq!(streaks(&[100, 99, 90, 91, 92, 93], 100), (2, 4));
        assert_eq!(streaks(&[97, 98], 100), (0, 2));
    }

    #[test]
    fn today_and_the_week_count_only_their_local_days() {
        let rows = [
            row(100, (1, 5), 600),
            row(95, (6, 7), 60),
            row(90, (8, 8), 60),
        ];
        let s = summarize_rows(&rows, 100);
        assert_eq!(s.today.ayahs, 5, "only day 100 is today");
        assert_eq!(s.week.ayahs, 7, "days 94 to 100 are the week");
        assert_eq!(s.distinct_ayahs, 8, "ayahs 1 to 8 of al-Baqarah");
        assert_eq!((s.current_streak, s.longest_streak), (1, 1));
    }

    #[test]
    fn the_same_ayah_read_twice_counts_once() {
        let rows = [row(100, (1, 5), 60), row(99, (3, 7), 60)];
        assert_eq!(summarize_rows(&rows, 100).distinct_ayahs, 7);
    }

    #[test]
    fn the_streak_knows_whether_today_counts() {
        let yesterday = streak_of(&kept(&[row(99, (1, 1), 60)]).0, 100);
        assert_eq!((yesterday.current, yesterday.today_done), (1, false));
        let today = streak_of(&kept(&[row(99, (1, 1), 60), row(100, (2, 2), 60)]).0, 100);
        assert_eq!((today.current, today.today_done), (2, true));
        assert_eq!(today.last_day, Some(100));
    }

    #[test]
    fn history_has_one_entry_per_day_oldest_first() {
        let days = per_day(
            &kept(&[row(100, (1, 2), 120), row(98, (3, 3), 60)]).0,
            100,
            3,
        );
        let ayahs: Vec<(i64, i64)> = days.iter().map(|d| (d.day, d.ayahs)).collect();
        assert_eq!(ayahs, vec![(98, 1), (99, 0), (100, 2)], "gaps included");
        assert_eq!(days.last().map(|d| d.seconds), Some(120));
        assert!(per_day(&kept(&[row(50, (1, 1), 60)]).0, 100, 3)
            .iter()
            .all(|d| d.ayahs == 0));
    }
}
