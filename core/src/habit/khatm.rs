//! The khatm planner: finish a stretch of the Qur'an (all of it, or a range
//! of juz) by a chosen day, one portion a day.
//!
//! Each day's portion is recomputed from what is left: the letters still
//! to read divided by the days left, rounded up to whole ayahs. A missed day
//! makes the next portions a little longer, a generous day makes them
//! shorter, and following the portions always ends on the last day at the
//! latest. Portions are consecutive ayahs in mushaf order with no gaps.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::day::Day;
use crate::{AyahRef, Error, Result};

/// Days in the Ramadan preset.
pub const RAMADAN_DAYS: i32 = 30;

/// A plan: read `first..=last` by the end of `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub first: AyahRef,
    pub last: AyahRef,
    /// The last day of the plan (its portion is the last one).
    pub end: Day,
}

impl Plan {
    /// A plan made on `today`, refused with a clear message when its range
    /// is reversed or its end is not after today.
    pub fn new(first: AyahRef, last: AyahRef, end: Day, today: Day) -> Result<Plan> {
        if last < first {
            return Err(Error::InvalidPlan {
                reason: format!("The plan's range ends at {last}, before it starts at {first}."),
            });
        }
        if end <= today {
            return Err(Error::InvalidPlan {
                reason: format!(
                    "Choose an end date after today ({today}): {end} leaves no days to read."
                ),
            });
        }
        Ok(Plan { first, last, end })
    }

    /// The whole Qur'an in the 30 days starting on `first_day` (Ramadan),
    /// which may have begun already.
    pub fn ramadan(first_day: Day, today: Day) -> Result<Plan> {
        Plan::new(
            AyahRef::FIRST,
            AyahRef::LAST,
            first_day.plus(RAMADAN_DAYS - 1),
            today,
        )
    }

    /// Ayahs in the plan (never 0: a plan has at least one).
    pub fn ayah_count(&self) -> usize {
        usize::from(self.last.index() - self.first.index()) + 1
    }

    /// The plan's ayahs as mushaf indices.
    pub fn indices(&self) -> Range<u16> {
        self.first.index()..self.last.index() + 1
    }
}

/// Where a plan stands: the first of its ayahs not yet read in order, or
/// `None` when it is complete. `read` says whether an ayah has been read
/// since the plan began; reading moves the plan forward only from where it
/// stands, so skipping around does not jump it ahead.
pub fn next_to_read(plan: &Plan, from: AyahRef, read: impl Fn(AyahRef) -> bool) -> Option<AyahRef> {
    let mut at = from.max(plan.first);
    while at <= plan.last {
        if !read(at) {
            return Some(at);
        }
        at = at.next()?;
    }
    None
}

/// How many of the `remaining` ayahs (their letter counts, in order) make
/// today's portion when `days_left` days are left, today included: the
/// fewest ayahs whose letters reach an even share of what is left (at
/// least one ayah while any is left; everything on the last day or after).
pub fn portion_len(remaining: &[u32], days_left: i32) -> usize {
    if remaining.is_empty() {
        return 0;
    }
    if days_left <= 1 {
        return remaining.len();
    }
    let total: u64 = remaining.iter().map(|&l| u64::from(l)).sum();
    let share = total.div_ceil(days_left as u64);
    let mut sum = 0u64;
    for (i, &letters) in remaining.iter().enumerate() {
        sum += u64::from(letters);
        if sum >= share {
            return i + 1;
        }
    }
    remaining.len()
}

/// Today's portion of `plan` as ayahs `start..=end`, when the plan stands
/// at `next` on `today`; `letters` gives each ayah's letter count.
pub fn portion(
    plan: &Plan,
    next: AyahRef,
    today: Day,
    letters: impl Fn(AyahRef) -> u32,
) -> Option<(AyahRef, AyahRef)> {
    let start = next.max(plan.first);
    if start > plan.last {
        return None;
    }
    let remaining: Vec<u32> = (start.index()..=plan.last.index())
        .filter_map(AyahRef::from_index)
        .map(letters)
        .collect();
    let days_left = today.until(plan.end) + 1;
    let len = portion_len(&remaining, days_left);
    let end = AyahRef::from_index(start.index() + u16::try_from(len).ok()? - 1)?;
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(surah: u16, ayah: u16) -> AyahRef {
        AyahRef::new(surah, ayah).unwrap()
    }

    fn today() -> Day {
        Day::from_civil(2026, 6, 10).unwrap()
    }

    #[test]
    fn a_plan_ending_today_or_earlier_or_backwards_is_refused_clearly() {
        for end in [today(), today().plus(-3)] {
            let error = Plan::new(r(1, 1), r(114, 6), end, today()).unwrap_err();
            assert_eq!(error.code(), "invalid_plan");
            assert!(error.to_string().contains("after today"), "{error}");
        }
        let error = Plan::new(r(2, 5), r(2, 1), today().plus(3), today()).unwrap_err();
        assert!(error.to_string().contains("before it starts"), "{error}");
    }

    #[test]
    fn a_thirty_day_plan_starts_today_at_the_first_ayah() {
        let plan = Plan::new(r(1, 1), r(114, 6), today().plus(29), today()).unwrap();
        let (start, end) = portion(&plan, plan.first, today(), |_| 10).unwrap();
        assert_eq!(start, r(1, 1));
        // 6,236 equal ayahs over 30 days: 208 a day (rounded up).
        assert_eq!(end.index(), 207);
        let ramadan = Plan::ramadan(today().plus(5), today()).unwrap();
        assert_eq!(ramadan.end, today().plus(34));
        assert_eq!(ramadan.ayah_count(), 6236);
        let begun = Plan::ramadan(today().plus(-3), today()).unwrap();
        assert_eq!(begun.end, today().plus(26));
        assert!(
            Plan::ramadan(today().plus(-40), today()).is_err(),
            "long over"
        );
    }

    #[test]
    fn the_plan_moves_on_only_from_where_it_stands() {
        let plan = Plan::new(r(112, 1), r(114, 6), today().plus(2), today()).unwrap();
        let read = [r(112, 1), r(112, 2), r(113, 3)];
        let next = next_to_read(&plan, plan.first, |a| read.contains(&a));
        assert_eq!(
            next,
            Some(r(112, 3)),
            "113:3 read out of order does not count yet"
        );
        assert_eq!(next_to_read(&plan, plan.first, |_| true), None);
    }

    #[test]
    fn the_last_day_takes_what_is_left_and_a_finished_plan_has_no_portion() {
        assert_eq!(portion_len(&[5, 5, 5], 1), 3);
        assert_eq!(portion_len(&[5, 5, 5], -4), 3, "overdue: everything left");
        assert_eq!(portion_len(&[], 10), 0);
        assert_eq!(
            portion_len(&[100, 1, 1], 3),
            1,
            "a long ayah is a day's share"
        );
        let plan = Plan::new(r(114, 1), r(114, 6), today().plus(1), today()).unwrap();
        assert_eq!(
            portion(&plan, r(114, 6).next().unwrap_or(r(114, 6)), today(), |_| 1).map(|p| p.0),
            Some(r(114, 6))
        );
    }

    proptest! {
        #[test]
        fn following_the_portions_covers_what_is_left_in_order_by_the_last_day(
            letters in prop::collection::vec(1u32..600, 1..400),
            days in 1i32..60,
        ) {
            let mut at = 0usize;
            let mut day = 0;
            while at < letters.len() {
                let left = days - day;
                let n = portion_len(&letters[at..], left);
                prop_assert!(n >= 1, "every day with reading left has a portion");
                at += n;
                day += 1;
            }
            prop_assert_eq!(at, letters.len(), "no gap and no overlap");
            prop_assert!(day <= days.max(1), "finished by the last day ({day} > {days})");
        }

        #[test]
        fn a_missed_day_spreads_over_the_days_left(
            letters in prop::collection::vec(1u32..600, 10..400),
            days in 3i32..60,
        ) {
            // Reading nothing on day one still finishes on time.
            let mut at = 0usize;
            let mut day = 1;
            while at < letters.len() {
                at += portion_len(&letters[at..], days - day);
                day += 1;
            }
            prop_assert!(day <= days);
        }
    }
}
