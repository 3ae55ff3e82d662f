//! The reader's own rules for the habit: what a day needs to count toward
//! the streak, the first day of the week, and how many freezes a month
//! allows.

use serde::{Deserialize, Serialize};

use super::day::Weekday;
use super::goal::{Amount, Measure};
use super::streak::DEFAULT_FREEZES_PER_MONTH;

/// What a day needs for the streak: one ayah unless the reader chose
/// more (N ayahs, pages or minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyMinimum {
    /// Ayahs, pages or minutes (Hasanat is not offered: a day's Hasanat
    /// depend on which ayahs, not on how much effort).
    pub measure: Measure,
    pub amount: u32,
}

impl DailyMinimum {
    /// The largest minimum offered, in any measure.
    pub const MAX: u32 = 1_000;

    /// Whether a day that read `read` meets the minimum.
    pub fn is_met(&self, read: &Amount) -> bool {
        read.ayahs > 0 && read.in_measure(self.measure) + 1e-9 >= f64::from(self.amount)
    }

    fn sanitized(self) -> Self {
        let measure = match self.measure {
            Measure::Hasanat => Measure::Ayahs,
            other => other,
        };
        Self {
            measure,
            amount: self.amount.clamp(1, Self::MAX),
        }
    }
}

impl Default for DailyMinimum {
    fn default() -> Self {
        Self {
            measure: Measure::Ayahs,
            amount: 1,
        }
    }
}

/// The habit settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HabitSettings {
    pub daily_minimum: DailyMinimum,
    /// The first day of the week, for "this week" and weekly goals.
    pub week_start: Weekday,
    /// Streak freezes each calendar month allows (0 to 4).
    pub freezes_per_month: u32,
}

impl HabitSettings {
    /// The most freezes a month may allow.
    pub const MAX_FREEZES: u32 = 4;

    /// Every field in its allowed range.
    pub fn sanitized(self) -> Self {
        Self {
            daily_minimum: self.daily_minimum.sanitized(),
            week_start: self.week_start,
            freezes_per_month: self.freezes_per_month.min(Self::MAX_FREEZES),
        }
    }
}

impl Default for HabitSettings {
    fn default() -> Self {
        Self {
            daily_minimum: DailyMinimum::default(),
            week_start: Weekday::Monday,
            freezes_per_month: DEFAULT_FREEZES_PER_MONTH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(ayahs: u32, pages: f64, seconds: u32) -> Amount {
        Amount {
            ayahs,
            pages,
            seconds,
            hasanat: u64::from(ayahs) * 300,
        }
    }

    #[test]
    fn one_ayah_is_enough_by_default() {
        let minimum = DailyMinimum::default();
        assert!(!minimum.is_met(&Amount::default()));
        assert!(minimum.is_met(&read(1, 0.05, 4)));
    }

    #[test]
    fn a_minimum_in_pages_or_minutes_needs_that_much() {
        let pages = DailyMinimum {
            measure: Measure::Pages,
            amount: 2,
        };
        assert!(!pages.is_met(&read(20, 1.99, 600)));
        assert!(pages.is_met(&read(25, 2.0, 700)));
        let minutes = DailyMinimum {
            measure: Measure::Minutes,
            amount: 10,
        };
        assert!(!minutes.is_met(&read(40, 3.0, 599)));
        assert!(minutes.is_met(&read(40, 3.0, 600)));
    }

    #[test]
    fn settings_out_of_range_are_brought_back() {
        let wild = HabitSettings {
            daily_minimum: DailyMinimum {
                measure: Measure::Hasanat,
                amount: 0,
            },
            week_start: Weekday::Saturday,
            freezes_per_month: 31,
        }
        .sanitized();
        assert_eq!(wild.daily_minimum, DailyMinimum::default());
        assert_eq!(wild.freezes_per_month, HabitSettings::MAX_FREEZES);
        assert_eq!(wild.week_start, Weekday::Saturday);
        let old: HabitSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(old, HabitSettings::default(), "old settings rows upgrade");
    }
}
