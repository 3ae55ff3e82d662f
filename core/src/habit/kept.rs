//! Goals kept: the periods a goal was met while it stood, and the weeks
//! of goals kept that the `goal_week` achievement counts.
//!
//! The app records a goal met as it sees it happen; the server, which
//! only has the reading and the goals' history, reconstructs the same
//! record with [`met_while_standing`]. Both count with [`goal_weeks`].

use std::collections::{BTreeMap, BTreeSet};

use super::achievement::longest_run;
use super::day::{Day, Weekday};
use super::goal::{Amount, Goal, Period};

/// A goal as it stood from day `from` until day `until` (the day it was
/// changed or removed; `None` while it stands).
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSpan {
    pub id: String,
    pub goal: Goal,
    pub from: Day,
    pub until: Option<Day>,
}

/// A goal met: once per goal and period, on `day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Met {
    pub goal_id: String,
    pub period: Period,
    pub day: Day,
}

/// Every period a goal was met in while it stood, as the app would have
/// recorded it: a period's reading counts from its first day (reading
/// before the goal was set, in the same period, counts as it does on the
/// app's screen), up to the day the goal stopped standing; it is met on
/// the day its total first reached the target, or on the day the goal was
/// set if it was reached before. `days` is the reading per local day, in
/// any order; weeks start on `week_starts`.
pub fn met_while_standing(
    spans: &[GoalSpan],
    days: &[(Day, Amount)],
    week_starts: Weekday,
) -> Vec<Met> {
    let mut days = days.to_vec();
    days.sort_by_key(|(day, _)| *day);
    let mut seen = BTreeSet::new();
    let mut met = Vec::new();
    for span in spans {
        let (first, _) = span.goal.period_of(span.from, week_starts);
        let mut periods: BTreeMap<Day, Amount> = BTreeMap::new();
        let standing = days
            .iter()
            .filter(|(day, _)| *day >= first && span.until.is_none_or(|until| *day <= until));
        for &(day, amount) in standing {
            let (start, _) = span.goal.period_of(day, week_starts);
            let total = periods.entry(start).or_default();
            let before = span.goal.is_met(*total);
            *total = total.plus(amount);
            if before || !span.goal.is_met(*total) || !seen.insert((span.id.clone(), start)) {
                continue;
            }
            met.push(Met {
                goal_id: span.id.clone(),
                period: span.goal.period,
                day: day.max(span.from),
            });
        }
    }
    met
}

/// Weeks in which a goal was kept: each weekly goal met, and each seven
/// days in a row one daily goal was met (the best such run). Two daily
/// goals met on alternate days do not make a kept week.
pub fn goal_weeks(met: &[Met]) -> u32 {
    let weekly = met.iter().filter(|m| m.period == Period::Weekly).count() as u32;
    let mut daily: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    for m in met.iter().filter(|m| m.period == Period::Daily) {
        daily.entry(&m.goal_id).or_default().push(m.day.0);
    }
    let best = daily
        .into_values()
        .map(|days| longest_run(days) / 7)
        .max()
        .unwrap_or(0);
    weekly + best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::habit::goal::Measure;

    /// A Wednesday.
    fn day(n: i32) -> Day {
        Day::from_civil(2026, 6, 10).unwrap().plus(n)
    }

    fn pages(n: u32) -> Amount {
        Amount {
            pages: f64::from(n),
            ayahs: n * 15,
            seconds: n * 120,
            hasanat: u64::from(n) * 6_000,
        }
    }

    fn span(id: &str, period: Period, target: u32, from: i32, until: Option<i32>) -> GoalSpan {
        GoalSpan {
            id: id.into(),
            goal: Goal::new(period, Measure::Pages, target).unwrap(),
            from: day(from),
            until: until.map(day),
        }
    }

    fn met(id: &str, period: Period, n: i32) -> Met {
        Met {
            goal_id: id.into(),
            period,
            day: day(n),
        }
    }

    #[test]
    fn a_daily_goal_is_met_on_each_day_it_stood_and_was_reached() {
        let reading: Vec<(Day, Amount)> = (-3..10).map(|n| (day(n), pages(2))).collect();
        let spans = [span("a", Period::Daily, 2, 0, Some(6))];
        let days: Vec<i32> = met_while_standing(&spans, &reading, Weekday::Monday)
            .iter()
            .map(|m| m.day.0 - day(0).0)
            .collect();
        assert_eq!(
            days,
            [0, 1, 2, 3, 4, 5, 6],
            "not before it was set, nor after"
        );
        let short = [(day(0), pages(1)), (day(1), pages(3))];
        let met = met_while_standing(&spans, &short, Weekday::Monday);
        assert_eq!(met, [self::met("a", Period::Daily, 1)]);
    }

    #[test]
    fn a_weekly_goal_counts_its_whole_week_and_is_met_once() {
        // Wednesday's week (Monday start) is day(-2)..=day(4).
        let reading = [(day(-2), pages(3)), (day(1), pages(3)), (day(2), pages(9))];
        let spans = [span("w", Period::Weekly, 5, 0, None)];
        let met = met_while_standing(&spans, &reading, Weekday::Monday);
        assert_eq!(
            met,
            [self::met("w", Period::Weekly, 1)],
            "Monday's pages count"
        );
        let reached_before = [(day(-2), pages(6))];
        let met = met_while_standing(&spans, &reached_before, Weekday::Monday);
        assert_eq!(
            met,
            [self::met("w", Period::Weekly, 0)],
            "met the day it was set"
        );
        // With weeks from Tuesday, Monday's reading is last week's.
        let met = met_while_standing(&spans, &reached_before, Weekday::Tuesday);
        assert!(met.is_empty(), "{met:?}");
    }

    #[test]
    fn a_goal_set_again_keeps_its_periods_once() {
        let reading: Vec<(Day, Amount)> = (0..3).map(|n| (day(n), pages(2))).collect();
        let spans = [
            span("a", Period::Daily, 2, 0, Some(1)),
            span("a", Period::Daily, 1, 1, None),
        ];
        let met = met_while_standing(&spans, &reading, Weekday::Monday);
        assert_eq!(met.len(), 3, "day 1 once: {met:?}");
    }

    #[test]
    fn a_kept_week_is_a_weekly_goal_met_or_seven_daily_ones_in_a_row() {
        let daily = |id: &str, range: std::ops::Range<i32>| -> Vec<Met> {
            range.map(|n| met(id, Period::Daily, n)).collect()
        };
        assert_eq!(goal_weeks(&daily("a", 0..6)), 0);
        assert_eq!(goal_weeks(&daily("a", 0..7)), 1);
        assert_eq!(goal_weeks(&daily("a", 0..14)), 2);
        let mut split = daily("a", 0..4);
        split.extend(daily("b", 4..7));
        assert_eq!(goal_weeks(&split), 0, "two goals do not make one kept");
        let mut weekly = vec![met("w", Period::Weekly, 3), met("m", Period::Monthly, 3)];
        assert_eq!(goal_weeks(&weekly), 1, "a month is not a week");
        weekly.extend(daily("a", 0..7));
        assert_eq!(goal_weeks(&weekly), 2);
    }
}
