//! Goals: a target for a day, a week or a month, in pages, ayahs, minutes
//! or Hasanat, and how far along the reader is.

use serde::{Deserialize, Serialize};

use super::day::{Day, Weekday};
use crate::{Error, Result};

/// How long a goal's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Daily,
    Weekly,
    Monthly,
}

/// What a goal counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Pages,
    Ayahs,
    Minutes,
    Hasanat,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Daily, Period::Weekly, Period::Monthly];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Daily => "daily",
            Period::Weekly => "weekly",
            Period::Monthly => "monthly",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::Pages,
        Measure::Ayahs,
        Measure::Minutes,
        Measure::Hasanat,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Pages => "pages",
            Measure::Ayahs => "ayahs",
            Measure::Minutes => "minutes",
            Measure::Hasanat => "hasanat",
        }
    }

    pub fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// What some reading amounted to, in every measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub pages: f64,
    pub ayahs: u32,
    pub seconds: u32,
    pub hasanat: u64,
}

impl Amount {
    /// The sum of two amounts.
    pub fn plus(self, other: Amount) -> Amount {
        Amount {
            pages: self.pages + other.pages,
            ayahs: self.ayahs.saturating_add(other.ayahs),
            seconds: self.seconds.saturating_add(other.seconds),
            hasanat: self.hasanat.saturating_add(other.hasanat),
        }
    }

    /// This amount in `measure`.
    pub fn in_measure(&self, measure: Measure) -> f64 {
        match measure {
            Measure::Pages => self.pages,
            Measure::Ayahs => f64::from(self.ayahs),
            Measure::Minutes => f64::from(self.seconds) / 60.0,
            Measure::Hasanat => self.hasanat as f64,
        }
    }
}

/// A goal as the reader set it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub period: Period,
    pub measure: Measure,
    pub target: u32,
}

/// The largest target of any goal, so a typo cannot set an endless one.
pub const MAX_TARGET: u32 = 10_000_000;

impl Goal {
    /// A goal, refused with a clear message when its target is 0 or huge.
    pub fn new(period: Period, measure: Measure, target: u32) -> Result<Goal> {
        if target == 0 || target > MAX_TARGET {
            return Err(Error::InvalidGoal {
                reason: format!("A goal's target is 1 to {MAX_TARGET}."),
            });
        }
        Ok(Goal {
            period,
            measure,
            target,
        })
    }

    /// The days `[start, end)` of the period holding `day` (weeks start on
    /// `week_starts`).
    pub fn period_of(&self, day: Day, week_starts: Weekday) -> (Day, Day) {
        match self.period {
            Period::Daily => (day, day.plus(1)),
            Period::Weekly => {
                let start = day.week_start(week_starts);
                (start, start.plus(7))
            }
            Period::Monthly => (day.month_start(), day.next_month_start()),
        }
    }

    /// How far `done` is toward the target: 0.0 to 1.0 (capped).
    pub fn progress(&self, done: Amount) -> f64 {
        (done.in_measure(self.measure) / f64::from(self.target)).clamp(0.0, 1.0)
    }

    /// Whether `done` meets the target.
    pub fn is_met(&self, done: Amount) -> bool {
        done.in_measure(self.measure) + 1e-9 >= f64::from(self.target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wednesday() -> Day {
        Day::from_civil(2026, 6, 10).unwrap()
    }

    #[test]
    fn periods_are_the_day_the_week_and_the_month() {
        let goal = |period| Goal::new(period, Measure::Pages, 2).unwrap();
        let day = wednesday();
        assert_eq!(
            goal(Period::Daily).period_of(day, Weekday::Monday),
            (day, day.plus(1))
        );
        let (start, end) = goal(Period::Weekly).period_of(day, Weekday::Saturday);
        assert_eq!((start.civil(), end.civil()), ((2026, 6, 6), (2026, 6, 13)));
        let (start, end) = goal(Period::Monthly).period_of(day, Weekday::Monday);
        assert_eq!((start.civil(), end.civil()), ((2026, 6, 1), (2026, 7, 1)));
    }

    #[test]
    fn progress_is_measured_in_the_goals_unit_and_capped() {
        let goal = Goal::new(Period::Daily, Measure::Minutes, 10).unwrap();
        let done = Amount {
            seconds: 300,
            ..Amount::default()
        };
        assert!((goal.progress(done) - 0.5).abs() < 1e-9);
        assert!(!goal.is_met(done));
        let twice = done.plus(done).plus(done);
        assert_eq!(goal.progress(twice), 1.0);
        assert!(goal.is_met(twice));
        let hasanat = Goal::new(Period::Weekly, Measure::Hasanat, 1390).unwrap();
        assert!(hasanat.is_met(Amount {
            hasanat: 1390,
            ..Amount::default()
        }));
    }

    #[test]
    fn names_round_trip_and_match_the_wire() {
        for p in Period::ALL {
            assert_eq!(Period::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(m));
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.as_str())
            );
        }
        assert_eq!(Period::parse("yearly"), None);
    }

    #[test]
    fn a_goal_of_nothing_or_of_too_much_is_refused_clearly() {
        for target in [0, MAX_TARGET + 1] {
            let error = Goal::new(Period::Daily, Measure::Ayahs, target).unwrap_err();
            assert_eq!(error.code(), "invalid_goal");
            assert!(error.to_string().contains("1 to"), "{error}");
        }
    }
}
