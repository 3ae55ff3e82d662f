//! Streaks: consecutive local days on which the reader met their daily
//! minimum.
//!
//! Walking from the first day read to today:
//! - a day whose minimum was met adds one to the streak;
//! - an excused day (illness, travel, menstruation: marked by the reader,
//!   private) pauses it: it neither adds nor breaks;
//! - missed days use freezes, automatically, when the streak has something
//!   to keep and the freezes left cover every missed day of the gap (the
//!   allowance is per calendar month; each freeze is reported with its
//!   date); a gap too long to cover ends the streak and spends no freeze,
//!   so none is spent in vain;
//! - today is still open: not yet meeting the minimum breaks nothing.
//!
//! The days are local days ([`Day`]) decided where the reading happened,
//! so midnight, DST changes and travel need no rule here.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::day::Day;

/// Freezes each calendar month allows unless the reader chose otherwise.
pub const DEFAULT_FREEZES_PER_MONTH: u32 = 2;

/// The reader's days, as the streak rule sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Days {
    /// Days whose minimum was met.
    pub met: BTreeSet<Day>,
    /// Days the reader excused.
    pub excused: BTreeSet<Day>,
}

/// The streak as of one day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    /// Days met in the streak that is still alive (0 when there is none).
    pub current: u32,
    /// The most days met in any one streak.
    pub longest: u32,
    /// Whether today's minimum is met.
    pub today_done: bool,
    /// Every day a freeze kept the streak alive, oldest first.
    pub freezes_used: Vec<Day>,
    /// Freezes left in today's month.
    pub freezes_left: u32,
}

/// The streak on `today`, with `freezes_per_month` freezes allowed.
pub fn streak(days: &Days, today: Day, freezes_per_month: u32) -> Streak {
    let mut current = 0u32;
    let mut longest = 0u32;
    let mut used_in: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    let mut freezes_used = Vec::new();
    let first = days.met.iter().next().copied().filter(|&d| d <= today);
    if let Some(first) = first {
        let mut day = first;
        while day <= today {
            if days.met.contains(&day) {
                current += 1;
                longest = longest.max(current);
                day = day.plus(1);
            } else if days.excused.contains(&day) || day == today {
                // Paused, or still open.
                day = day.plus(1);
            } else {
                // A gap: the missed days up to the next day read, excused
                // or today.
                let mut gap = Vec::new();
                while day < today && !days.met.contains(&day) && !days.excused.contains(&day) {
                    gap.push(day);
                    day = day.plus(1);
                }
                let mut needed: BTreeMap<(i32, u32), u32> = BTreeMap::new();
                for missed in &gap {
                    *needed.entry(missed.month()).or_insert(0) += 1;
                }
                let covered = needed.iter().all(|(month, &n)| {
                    used_in.get(month).copied().unwrap_or(0) + n <= freezes_per_month
                });
                if current > 0 && covered {
                    for (month, n) in needed {
                        *used_in.entry(month).or_insert(0) += n;
                    }
                    freezes_used.extend(gap);
                } else {
                    current = 0;
                }
            }
        }
    }
    let used_now = used_in.get(&today.month()).copied().unwrap_or(0);
    Streak {
        current,
        longest,
        today_done: days.met.contains(&today),
        freezes_used,
        freezes_left: freezes_per_month.saturating_sub(used_now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(n: i32) -> Day {
        Day::from_civil(2026, 3, 1).unwrap().plus(n)
    }

    fn days(met: &[i32], excused: &[i32]) -> Days {
        Days {
            met: met.iter().map(|&n| d(n)).collect(),
            excused: excused.iter().map(|&n| d(n)).collect(),
        }
    }

    #[test]
    fn consecutive_days_make_a_streak_and_today_is_still_open() {
        let s = streak(&days(&[0, 1, 2], &[]), d(3), 0);
        assert_eq!((s.current, s.longest, s.today_done), (3, 3, false));
        let s = streak(&days(&[0, 1, 2, 3], &[]), d(3), 0);
        assert_eq!((s.current, s.today_done), (4, true));
        let s = streak(&days(&[0, 1, 2], &[]), d(4), 0);
        assert_eq!((s.current, s.longest), (0, 3), "yesterday was missed");
    }

    #[test]
    fn a_missed_day_uses_a_freeze_and_says_when() {
        let s = streak(&days(&[0, 1, 3, 4], &[]), d(4), 2);
        assert_eq!(s.current, 4, "day 2 was frozen, not counted");
        assert_eq!(s.freezes_used, [d(2)]);
        assert_eq!(s.freezes_left, 1);
        assert_eq!(d(2).to_string(), "2026-03-03");
    }

    #[test]
    fn a_gap_longer_than_the_freezes_left_breaks_the_streak_and_spends_none() {
        // Missed days 2, 3 and 4 with two freezes: the streak breaks.
        let s = streak(&days(&[0, 1, 5], &[]), d(5), 2);
        assert_eq!((s.current, s.longest), (1, 2));
        assert!(s.freezes_used.is_empty(), "no freeze is spent in vain");
        assert_eq!(s.freezes_left, 2);
        // Two missed days, two freezes: kept.
        let s = streak(&days(&[0, 1, 4], &[]), d(4), 2);
        assert_eq!(s.current, 3);
        assert_eq!(s.freezes_used, [d(2), d(3)]);
    }

    #[test]
    fn freezes_run_out_within_a_month_and_come_back_the_next() {
        let s = streak(&days(&[0, 2, 4], &[]), d(4), 1);
        assert_eq!(s.freezes_used, [d(1)], "March's one freeze");
        assert_eq!(s.current, 1, "the second gap could not be covered");
        // A new month brings new freezes (March has 31 days).
        let s = streak(&days(&[28, 29, 31, 32], &[]), d(32), 1);
        assert_eq!(s.freezes_used, [d(30)]);
        assert_eq!(s.current, 4);
        assert_eq!(s.freezes_left, 1, "April's freeze is untouched");
    }

    #[test]
    fn excused_days_pause_the_streak_without_freezes() {
        let s = streak(&days(&[0, 1, 5], &[2, 3, 4]), d(5), 0);
        assert_eq!(s.current, 3);
        assert!(s.freezes_used.is_empty());
    }

    #[test]
    fn nothing_read_is_no_streak_and_no_freeze() {
        let s = streak(&Days::default(), d(10), 2);
        assert_eq!(
            s,
            Streak {
                freezes_left: 2,
                ..Streak::default()
            }
        );
        let s = streak(&days(&[20], &[]), d(10), 2);
        assert_eq!(s.current, 0, "a day after today does not count yet");
    }

    proptest! {
        #[test]
        fn excused_days_change_nothing_but_the_calendar(
            met in prop::collection::btree_set(0i32..60, 0..40),
            excused in prop::collection::btree_set(0i32..60, 0..10),
        ) {
            // Without freezes, a streak with excused days is the streak of
            // the same days with the excused ones taken out of the calendar.
            let excused: BTreeSet<i32> = excused.difference(&met).copied().collect();
            let today = 60;
            let with = streak(&Days {
                met: met.iter().map(|&n| d(n)).collect(),
                excused: excused.iter().map(|&n| d(n)).collect(),
            }, d(today), 0);
            let squeeze = |n: i32| n - excused.iter().filter(|&&e| e < n).count() as i32;
            let without = streak(&Days {
                met: met.iter().map(|&n| d(squeeze(n))).collect(),
                excused: BTreeSet::new(),
            }, d(squeeze(today)), 0);
            prop_assert_eq!((with.current, with.longest), (without.current, without.longest));
        }

        #[test]
        fn more_reading_never_shortens_a_streak_without_freezes(
            met in prop::collection::btree_set(0i32..90, 0..60),
            extra in 0i32..90,
        ) {
            let base = days(&met.iter().copied().collect::<Vec<_>>(), &[]);
            let mut more = base.clone();
            more.met.insert(d(extra));
            let (before, after) = (streak(&base, d(90), 0), streak(&more, d(90), 0));
            prop_assert!(after.longest >= before.longest);
            prop_assert!(after.current >= before.current);
        }

        #[test]
        fn freezes_only_ever_lengthen_a_streak_and_cover_missed_days(
            met in prop::collection::btree_set(0i32..90, 0..60),
            excused in prop::collection::btree_set(0i32..90, 0..10),
            freezes in 1u32..4,
        ) {
            let days = Days {
                met: met.iter().map(|&n| d(n)).collect(),
                excused: excused.iter().map(|&n| d(n)).collect(),
            };
            let (plain, frozen) = (streak(&days, d(90), 0), streak(&days, d(90), freezes));
            prop_assert!(frozen.current >= plain.current);
            prop_assert!(frozen.longest >= plain.longest);
            prop_assert!(frozen.current <= frozen.longest);
            for day in &frozen.freezes_used {
                prop_assert!(!days.met.contains(day) && !days.excused.contains(day));
            }
            let mut per_month: BTreeMap<(i32, u32), u32> = BTreeMap::new();
            for day in &frozen.freezes_used {
                *per_month.entry(day.month()).or_insert(0) += 1;
            }
            prop_assert!(per_month.values().all(|&n| n <= freezes));
        }
    }
}
