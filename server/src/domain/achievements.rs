//! Achievements computed on the server from a user's synced data, with
//! the app's own catalogue and criteria (core's `habit::achievement`):
//! the facts come from the stored reading (totals, days, ayah ranges) and
//! the synced focus sessions.
//!
//! A user's achievements are private until they share them; shared, they
//! are shown to whoever may see their reading (their leaderboard
//! visibility: `people::stats_visible`), the same rule as their stats.
//! Weeks of goals kept (`goal_week`) are judged as the app judges them
//! (core's `habit::kept`): each goal's history from the synced
//! `goal_set` / `goal_removed` events, in the user's local days, against
//! their reading, weeks starting as their synced habit settings say.
//! Never here: SQL, statuses.

use std::collections::BTreeSet;

use companion_core::habit::achievement::{progress, Facts, CATALOGUE};
use companion_core::habit::goal::Amount;
use companion_core::habit::kept::{self, met_while_standing};
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::{Day, Weekday};
use jiff::tz::TimeZone;
use serde_json::Value;

use super::{days as local, focus, goals, people, stats, Error, Result};
use crate::kinds::EventType;
use crate::store::{EventRow, Store, Totals};

/// One achievement of the catalogue for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub id: &'static str,
    pub unlocked: bool,
    /// Where the user is toward `target` (capped at it).
    pub progress: u64,
    pub target: u64,
}

/// Which ayahs the ranges (surah, first, last) cover, by mushaf index.
fn read_ayahs(ranges: &[stats::Range]) -> Vec<bool> {
    let quran = quran_data::quran();
    let mut read = vec![false; quran.ayahs().len()];
    for &(surah, first, last) in ranges {
        let (Ok(surah), Ok(first), Ok(last)) = (
            u16::try_from(surah),
            u16::try_from(first),
            u16::try_from(last),
        ) else {
            continue;
        };
        for ayah in first..=last {
            if let Ok(r) = companion_core::AyahRef::new(surah, ayah) {
                if let Some(slot) = read.get_mut(usize::from(r.index())) {
                    *slot = true;
                }
            }
        }
    }
    read
}

/// The facts of a user's history: reading per day, the ayah ranges read,
/// the totals, and (planned minutes, completed) of each focus session.
pub fn facts(
    days: &stats::Days,
    ranges: &[stats::Range],
    totals: Totals,
    focus_sessions: &[(i64, bool)],
) -> Facts {
    let quran = quran_data::quran();
    let read = read_ayahs(ranges);
    let whole = |first: companion_core::AyahRef, last: companion_core::AyahRef| {
        read.get(usize::from(first.index())..=usize::from(last.index()))
            .is_some_and(|part| part.iter().all(|r| *r))
    };
    let reading: Vec<i64> = days
        .iter()
        .filter(|(_, t)| t.ayahs > 0)
        .map(|(d, _)| *d)
        .collect();
    let surahs_complete: BTreeSet<u16> = (1..=114u16)
        .filter(|s| {
            match (
                companion_core::AyahRef::first_of(*s),
                companion_core::AyahRef::last_of(*s),
            ) {
                (Some(first), Some(last)) => whole(first, last),
                _ => false,
            }
        })
        .collect();
    let juz_complete: BTreeSet<u8> = quran
        .juzs()
        .iter()
        .filter(|j| whole(j.first, j.last))
        .filter_map(|j| u8::try_from(j.number).ok())
        .collect();
    let distinct = read.iter().filter(|r| **r).count();
    let completed_focus: Vec<i64> = focus_sessions
        .iter()
        .filter(|(_, done)| *done)
        .map(|(minutes, _)| *minutes)
        .collect();
    let small = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    Facts {
        sessions: small(totals.sessions),
        longest_streak: small(stats::streaks(&reading, 0).1),
        hasanat: u64::try_from(totals.hasanat.max(0)).unwrap_or(0),
        reading_days: small(reading.len() as i64),
        best_day_seconds: small(days.iter().map(|(_, t)| t.seconds).max().unwrap_or(0)),
        distinct_ayahs: small(distinct as i64),
        surahs_complete,
        juz_complete,
        khatms: u32::from(distinct == read.len()),
        focus_sessions: small(completed_focus.len() as i64),
        longest_focus_minutes: small(completed_focus.iter().copied().max().unwrap_or(0)),
        goal_weeks: 0,
    }
}

/// Every achievement of the catalogue, in its order, for `facts`.
pub fn standings(facts: &Facts) -> Vec<Standing> {
    CATALOGUE
        .iter()
        .map(|a| {
            let (now, target) = progress(a.criterion, facts);
            Standing {
                id: a.id,
                unlocked: now >= target,
                progress: now,
                target,
            }
        })
        .collect()
}

/// A day's totals as core's goals count them.
fn amount(totals: &Totals) -> Amount {
    let small = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    Amount {
        pages: totals.page_thousandths as f64 / 1_000.0,
        ayahs: small(totals.ayahs),
        seconds: small(totals.seconds),
        hasanat: u64::try_from(totals.hasanat.max(0)).unwrap_or(0),
    }
}

/// The first day of the week in the latest synced habit settings
/// (`settings` events carry `{"habit": …}`); Monday, the app's default,
/// without any.
fn week_starts(settings: &[EventRow]) -> Weekday {
    settings
        .iter()
        .rev()
        .filter_map(|e| serde_json::from_str::<Value>(&e.data).ok())
        .filter_map(|data| serde_json::from_value::<HabitSettings>(data.get("habit")?.clone()).ok())
        .map(|habit| habit.week_start)
        .next()
        .unwrap_or(HabitSettings::default().week_start)
}

/// The weeks `user` kept a goal (the `goal_week` facts), from their
/// goals' history and `days` of reading, local days in `zone`.
pub async fn goal_weeks(
    store: &Store,
    user: &str,
    days: &stats::Days,
    zone: &TimeZone,
) -> Result<u32> {
    let kinds = [
        EventType::GoalSet,
        EventType::GoalRemoved,
        EventType::Settings,
    ];
    let (goal_events, settings): (Vec<EventRow>, Vec<EventRow>) = store
        .events_of(user, &kinds)
        .await?
        .into_iter()
        .partition(|e| e.kind != EventType::Settings);
    if goal_events.is_empty() {
        return Ok(0);
    }
    let spans = goals::spans(&goal_events, zone);
    let reading: Vec<(Day, Amount)> = days
        .iter()
        .filter_map(|(day, totals)| Some((Day(i32::try_from(*day).ok()?), amount(totals))))
        .collect();
    let met = met_while_standing(&spans, &reading, week_starts(&settings));
    Ok(kept::goal_weeks(&met))
}

/// `user`'s achievements, from their synced data.
pub async fn of(store: &Store, user: &str) -> Result<Vec<Standing>> {
    let zone = store
        .time_zone(user)
        .await?
        .as_deref()
        .map_or(TimeZone::UTC, local::zone_or_utc);
    let days = store.daily_totals(user, None).await?;
    let ranges = store.read_ranges(user).await?;
    let totals = store.totals(user).await?;
    let focus: Vec<(i64, bool)> = store
        .events_of(user, &[EventType::FocusSession])
        .await?
        .iter()
        .filter_map(focus::record_of)
        .map(|r| (r.planned_minutes, r.completed))
        .collect();
    let facts = Facts {
        goal_weeks: goal_weeks(store, user, &days, &zone).await?,
        ..facts(&days, &ranges, totals, &focus)
    };
    Ok(standings(&facts))
}

/// `target`'s achievements as `viewer` may see them: their own always;
/// someone else's only if they share them and `viewer` may see their
/// reading.
pub async fn of_user(store: &Store, viewer: &str, target: &str) -> Result<Vec<Standing>> {
    let user = people::user(store, target).await?;
    let visible = viewer == user.id
        || (store.achievements_shared(&user.id).await?
            && people::stats_visible(store, viewer, &user).await?);
    if !visible {
        return Err(Error::forbidden(
            "achievements_private",
            "This user keeps their achievements private.",
        ));
    }
    of(store, &user.id).await
}

/// Whether `user` shares their achievements.
pub async fn shared(store: &Store, user: &str) -> Result<bool> {
    Ok(store.achievements_shared(user).await?)
}

/// Shares `user`'s achievements, or stops.
pub async fn set_shared(store: &Store, user: &str, shared: bool) -> Result<bool> {
    store.set_achievements_shared(user, shared).await?;
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unlocked(facts: &Facts) -> Vec<&'static str> {
        standings(facts)
            .into_iter()
            .filter(|s| s.unlocked)
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn reading_al_kahf_whole_unlocks_its_achievements_and_nothing_more() {
        let day = Totals {
            sessions: 1,
            seconds: 900,
            ayahs: 110,
            letters: 6_000,
            hasanat: 60_000,
            page_thousandths: 11_000,
        };
        let facts = facts(&[(20_000, day)], &[(18, 1, 110)], day, &[]);
        assert_eq!(facts.surahs_complete, BTreeSet::from([18]));
        assert_eq!(facts.distinct_ayahs, 110);
        assert_eq!(
            unlocked(&facts),
            ["first_session", "first_surah", "al_kahf", "hasanat_10k"]
        );
        let none = super::facts(&[], &[], Totals::default(), &[(60, false)]);
        assert!(
            unlocked(&none).is_empty(),
            "an unfinished focus session counts nothing"
        );
    }
}
