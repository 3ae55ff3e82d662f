//! Achievements: a fixed catalogue, each with one clear criterion over
//! facts about the reader's history. An achievement unlocks once, the
//! first time its criterion holds; the app records the day. For a locked
//! one, [`progress`] says how far along the reader is.
//!
//! The names and descriptions are the UI's (`achievement-{id}` and
//! `achievement-{id}-about` in every locale); the ids are stable: they
//! are stored and synced.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// What the criteria look at: the reader's history, summed up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Reading sessions ever started.
    pub sessions: u32,
    /// The longest streak, in days.
    pub longest_streak: u32,
    pub hasanat: u64,
    /// Days with any reading.
    pub reading_days: u32,
    /// The most reading time of any one day, in seconds.
    pub best_day_seconds: u32,
    /// Different ayahs read at least once.
    pub distinct_ayahs: u32,
    /// Surahs whose every ayah was read at least once.
    pub surahs_complete: BTreeSet<u16>,
    /// Juz whose every ayah was read at least once.
    pub juz_complete: BTreeSet<u8>,
    /// Khatm plans completed (the whole Qur'an read at least once also
    /// counts as one).
    pub khatms: u32,
    /// Focus sessions completed.
    pub focus_sessions: u32,
    /// The longest focus session completed, in minutes.
    pub longest_focus_minutes: u32,
    /// Weeks in which a goal was kept: a weekly goal met, or a daily goal
    /// met on each of seven days in a row.
    pub goal_weeks: u32,
}

/// One achievement's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    Sessions(u32),
    Streak(u32),
    Hasanat(u64),
    ReadingDays(u32),
    /// This many minutes of reading in one day.
    MinutesInADay(u32),
    DistinctAyahs(u32),
    /// This surah read whole.
    Surah(u16),
    /// Any this many surahs read whole.
    Surahs(u32),
    /// This juz read whole.
    Juz(u8),
    /// Any this many juz read whole.
    Juzs(u32),
    Khatms(u32),
    FocusSessions(u32),
    /// A focus session of this many minutes, completed.
    FocusMinutes(u32),
    GoalWeeks(u32),
}

/// An entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Achievement {
    /// Stable id, stored and synced.
    pub id: &'static str,
    pub criterion: Criterion,
}

const fn a(id: &'static str, criterion: Criterion) -> Achievement {
    Achievement { id, criterion }
}

/// Every achievement, in the order the screen shows them.
pub const CATALOGUE: &[Achievement] = &[
    a("first_session", Criterion::Sessions(1)),
    a("streak_3", Criterion::Streak(3)),
    a("streak_7", Criterion::Streak(7)),
    a("streak_30", Criterion::Streak(30)),
    a("streak_100", Criterion::Streak(100)),
    a("streak_365", Criterion::Streak(365)),
    a("first_surah", Criterion::Surahs(1)),
    a("al_kahf", Criterion::Surah(18)),
    a("al_baqarah", Criterion::Surah(2)),
    a("first_juz", Criterion::Juzs(1)),
    a("juz_amma", Criterion::Juz(30)),
    a("ten_juz", Criterion::Juzs(10)),
    a("first_khatm", Criterion::Khatms(1)),
    a("ayahs_1000", Criterion::DistinctAyahs(1_000)),
    a("hasanat_10k", Criterion::Hasanat(10_000)),
    a("hasanat_100k", Criterion::Hasanat(100_000)),
    a("hasanat_1m", Criterion::Hasanat(1_000_000)),
    a("reading_days_30", Criterion::ReadingDays(30)),
    a("hour_in_a_day", Criterion::MinutesInADay(60)),
    a("sessions_100", Criterion::Sessions(100)),
    a("goal_week", Criterion::GoalWeeks(1)),
    a("focus_10", Criterion::FocusSessions(10)),
    a("focus_60", Criterion::FocusMinutes(60)),
];

/// How far along `facts` are toward `criterion`: (where they are, the
/// target), where-they-are capped at the target.
pub fn progress(criterion: Criterion, facts: &Facts) -> (u64, u64) {
    let (now, target) = match criterion {
        Criterion::Sessions(n) => (u64::from(facts.sessions), u64::from(n)),
        Criterion::Streak(n) => (u64::from(facts.longest_streak), u64::from(n)),
        Criterion::Hasanat(n) => (facts.hasanat, n),
        Criterion::ReadingDays(n) => (u64::from(facts.reading_days), u64::from(n)),
        Criterion::MinutesInADay(n) => (u64::from(facts.best_day_seconds / 60), u64::from(n)),
        Criterion::DistinctAyahs(n) => (u64::from(facts.distinct_ayahs), u64::from(n)),
        Criterion::Surah(s) => (u64::from(facts.surahs_complete.contains(&s)), 1),
        Criterion::Surahs(n) => (facts.surahs_complete.len() as u64, u64::from(n)),
        Criterion::Juz(j) => (u64::from(facts.juz_complete.contains(&j)), 1),
        Criterion::Juzs(n) => (facts.juz_complete.len() as u64, u64::from(n)),
        Criterion::Khatms(n) => (u64::from(facts.khatms), u64::from(n)),
        Criterion::FocusSessions(n) => (u64::from(facts.focus_sessions), u64::from(n)),
        Criterion::FocusMinutes(n) => (u64::from(facts.longest_focus_minutes), u64::from(n)),
        Criterion::GoalWeeks(n) => (u64::from(facts.goal_weeks), u64::from(n)),
    };
    (now.min(target), target)
}

/// Whether `facts` meet `criterion`.
pub fn is_met(criterion: Criterion, facts: &Facts) -> bool {
    let (now, target) = progress(criterion, facts);
    now >= target
}

/// The ids of the catalogue's achievements that `facts` meet and that are
/// not in `unlocked` yet, in catalogue order.
pub fn newly_unlocked<'a>(
    facts: &Facts,
    unlocked: impl Fn(&str) -> bool + 'a,
) -> Vec<&'static str> {
    CATALOGUE
        .iter()
        .filter(|a| !unlocked(a.id) && is_met(a.criterion, facts))
        .map(|a| a.id)
        .collect()
}

/// The most days in a row in `days` (sorted or not, duplicates allowed).
pub fn longest_run(days: impl IntoIterator<Item = i32>) -> u32 {
    let days: BTreeSet<i32> = days.into_iter().collect();
    let (mut best, mut run, mut last) = (0u32, 0u32, None::<i32>);
    for day in days {
        run = if last == Some(day - 1) { run + 1 } else { 1 };
        best = best.max(run);
        last = Some(day);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_catalogue_has_at_least_twenty_with_unique_snake_case_ids() {
        assert!(CATALOGUE.len() >= 20);
        let ids: BTreeSet<&str> = CATALOGUE.iter().map(|a| a.id).collect();
        assert_eq!(ids.len(), CATALOGUE.len(), "ids are unique");
        for id in ids {
            assert!(id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        }
    }

    #[test]
    fn a_first_session_unlocks_the_first_achievement_only() {
        let facts = Facts {
            sessions: 1,
            longest_streak: 1,
            hasanat: 1_390,
            reading_days: 1,
            best_day_seconds: 90,
            distinct_ayahs: 7,
            surahs_complete: [1].into(),
            ..Facts::default()
        };
        assert_eq!(
            newly_unlocked(&facts, |_| false),
            ["first_session", "first_surah"]
        );
        assert_eq!(
            newly_unlocked(&facts, |id| id == "first_session"),
            ["first_surah"],
            "an achievement unlocks once"
        );
    }

    #[test]
    fn progress_says_how_far_along_a_locked_one_is() {
        let facts = Facts {
            hasanat: 4_200,
            longest_streak: 5,
            surahs_complete: [1, 112, 113, 114].into(),
            ..Facts::default()
        };
        assert_eq!(
            progress(Criterion::Hasanat(10_000), &facts),
            (4_200, 10_000)
        );
        assert_eq!(progress(Criterion::Streak(3), &facts), (3, 3), "capped");
        assert_eq!(progress(Criterion::Surah(2), &facts), (0, 1));
        assert_eq!(progress(Criterion::Surah(112), &facts), (1, 1));
        assert_eq!(progress(Criterion::Surahs(1), &facts), (1, 1));
    }

    #[test]
    fn minutes_in_a_day_count_whole_minutes() {
        let mut facts = Facts {
            best_day_seconds: 3_599,
            ..Facts::default()
        };
        assert!(!is_met(Criterion::MinutesInADay(60), &facts));
        facts.best_day_seconds = 3_600;
        assert!(is_met(Criterion::MinutesInADay(60), &facts));
    }

    #[test]
    fn runs_of_days() {
        assert_eq!(longest_run([]), 0);
        assert_eq!(longest_run([5]), 1);
        assert_eq!(longest_run([1, 2, 3, 5, 6, 9]), 3);
        assert_eq!(longest_run([3, 1, 2, 2]), 3, "unsorted, duplicated");
    }

    fn facts() -> impl Strategy<Value = Facts> {
        (
            0u32..200,
            0u32..400,
            0u64..2_000_000,
            0u32..6_236,
            prop::collection::btree_set(1u16..=114, 0..20),
            prop::collection::btree_set(1u8..=30, 0..12),
        )
            .prop_map(|(sessions, streak, hasanat, ayahs, surahs, juz)| Facts {
                sessions,
                longest_streak: streak,
                hasanat,
                reading_days: streak,
                best_day_seconds: sessions * 40,
                distinct_ayahs: ayahs,
                surahs_complete: surahs,
                juz_complete: juz,
                khatms: u32::from(ayahs == 6_235),
                focus_sessions: sessions / 10,
                longest_focus_minutes: sessions / 2,
                goal_weeks: streak / 7,
            })
    }

    fn grow(f: &Facts, by: u32) -> Facts {
        let mut more = f.clone();
        more.sessions += by;
        more.longest_streak += by;
        more.hasanat += u64::from(by) * 10;
        more.reading_days += by;
        more.best_day_seconds += by * 60;
        more.distinct_ayahs += by;
        more.surahs_complete.insert(2);
        more.juz_complete.insert(30);
        more.khatms += by;
        more.focus_sessions += by;
        more.longest_focus_minutes += by;
        more.goal_weeks += by;
        more
    }

    proptest! {
        #[test]
        fn more_history_never_locks_an_achievement(f in facts(), by in 0u32..50) {
            let more = grow(&f, by);
            for a in CATALOGUE {
                if is_met(a.criterion, &f) {
                    prop_assert!(is_met(a.criterion, &more), "{} relocked", a.id);
                }
                let (before, _) = progress(a.criterion, &f);
                let (after, target) = progress(a.criterion, &more);
                prop_assert!(after >= before && after <= target);
            }
        }

        #[test]
        fn newly_unlocked_is_met_and_not_yet_unlocked(f in facts(), held in prop::collection::btree_set(0usize..23, 0..23)) {
            let held: BTreeSet<&str> = held.iter().filter_map(|&i| CATALOGUE.get(i)).map(|a| a.id).collect();
            let new = newly_unlocked(&f, |id| held.contains(id));
            for id in &new {
                prop_assert!(!held.contains(id));
            }
            let met: BTreeSet<&str> = CATALOGUE.iter().filter(|a| is_met(a.criterion, &f)).map(|a| a.id).collect();
            let expected: BTreeSet<&str> = met.difference(&held).copied().collect();
            prop_assert_eq!(new.into_iter().collect::<BTreeSet<_>>(), expected);
        }
    }
}
