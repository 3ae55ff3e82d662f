//! The stats screen's figures, and the facts the achievements are decided
//! on, computed from the store's counts by day and by ayah (a few thousand
//! rows for years of reading).

use std::collections::BTreeSet;

use companion_core::daily::focus::FocusOutcome;
use companion_core::habit::achievement::Facts;
use companion_core::habit::goal::Amount;
use companion_core::habit::kept::{goal_weeks, Met};
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::Day;
use companion_core::wire::{DayStat, Share, StatsView};
use companion_core::AyahRef;
use quran_data::Quran;

use crate::error::Result;
use crate::progress::streak_of;
use crate::store::Store;

/// Ayahs in the whole Qur'an.
const ALL_AYAHS: u32 = 6_236;

/// Everything the store holds that the stats and achievements read.
#[derive(Debug)]
pub struct History {
    /// Every day with reading, in order.
    pub days: Vec<(Day, Amount)>,
    pub excused: BTreeSet<Day>,
    /// Every ayah read at least once.
    pub ayahs: Vec<AyahRef>,
    pub sessions: u32,
}

impl History {
    /// Reads the history up to `today`.
    pub async fn load(store: &Store, today: Day) -> Result<History> {
        Ok(History {
            days: store.day_amounts(Day(i32::MIN), today).await?,
            excused: store.excused(Day(i32::MIN), today).await?,
            ayahs: store.ayahs_read().await?,
            sessions: store.session_count().await?,
        })
    }

    /// How much of each surah (114) and juz (30) was read at least once.
    pub fn shares(&self, quran: &Quran) -> (Vec<Share>, Vec<Share>) {
        let mut surahs: Vec<Share> = quran
            .surahs()
            .iter()
            .map(|s| Share {
                read: 0,
                total: s.ayah_count,
            })
            .collect();
        let mut juz: Vec<Share> = quran
            .juzs()
            .iter()
            .map(|j| Share {
                read: 0,
                total: quran.range(j.first, j.last).len() as u16,
            })
            .collect();
        for &ayah in &self.ayahs {
            if let Some(s) = surahs.get_mut(usize::from(ayah.surah()) - 1) {
                s.read += 1;
            }
            let j = usize::from(quran.ayah(ayah).juz);
            if let Some(j) = juz.get_mut(j.saturating_sub(1)) {
                j.read += 1;
            }
        }
        (surahs, juz)
    }
}

/// The stats screen on `today`.
pub fn stats(history: &History, quran: &Quran, habit: &HabitSettings, today: Day) -> StatsView {
    let year_start = today.week_start(habit.week_start).plus(-52 * 7);
    let first_30 = today.plus(-29);
    let mut last_30: Vec<DayStat> = (0..30)
        .map(|n| DayStat {
            day: first_30.plus(n),
            ..DayStat::default()
        })
        .collect();
    let span = usize::try_from(year_start.until(today) + 1).unwrap_or(0);
    let mut year_ayahs = vec![0u32; span];
    let mut year_met = Vec::new();
    let mut totals = Amount::default();
    for &(day, amount) in &history.days {
        totals = totals.plus(amount);
        if day >= first_30 {
            if let Some(stat) = last_30.get_mut(first_30.until(day) as usize) {
                stat.hasanat = amount.hasanat;
                stat.ayahs = amount.ayahs;
                stat.seconds = amount.seconds;
            }
        }
        if day >= year_start {
            if let Some(n) = year_ayahs.get_mut(year_start.until(day) as usize) {
                *n = amount.ayahs;
            }
            if habit.daily_minimum.is_met(&amount) {
                year_met.push(day);
            }
        }
    }
    let (surahs, juz) = history.shares(quran);
    StatsView {
        today,
        last_30,
        year_start,
        year_ayahs,
        year_met,
        year_excused: history.excused.range(year_start..).copied().collect(),
        totals,
        sessions: history.sessions,
        reading_days: history.days.len() as u32,
        distinct_ayahs: history.ayahs.len() as u32,
        surahs,
        juz,
        streak: streak_of(&history.days, history.excused.clone(), habit, today),
    }
}

/// What else the achievements look at, beside the reading history.
#[derive(Debug, Default)]
pub struct Kept {
    /// Khatm plans completed.
    pub khatms: u32,
    /// The days each goal was met, by goal, with its period.
    pub goal_days: Vec<Met>,
    /// Finished focus sessions.
    pub focus: Vec<FocusOutcome>,
}

/// The facts the achievements are decided on.
pub fn facts(
    history: &History,
    quran: &Quran,
    habit: &HabitSettings,
    today: Day,
    kept: &Kept,
) -> Facts {
    let (surahs, juz) = history.shares(quran);
    let complete = |shares: &[Share]| -> Vec<usize> {
        (0..shares.len())
            .filter(|&i| shares[i].read >= shares[i].total)
            .collect()
    };
    let distinct = history.ayahs.len() as u32;
    Facts {
        sessions: history.sessions,
        longest_streak: streak_of(&history.days, history.excused.clone(), habit, today).longest,
        hasanat: history.days.iter().map(|(_, a)| a.hasanat).sum(),
        reading_days: history.days.len() as u32,
        best_day_seconds: history
            .days
            .iter()
            .map(|(_, a)| a.seconds)
            .max()
            .unwrap_or(0),
        distinct_ayahs: distinct,
        surahs_complete: complete(&surahs)
            .into_iter()
            .map(|i| i as u16 + 1)
            .collect(),
        juz_complete: complete(&juz).into_iter().map(|i| i as u8 + 1).collect(),
        khatms: kept.khatms.max(u32::from(distinct >= ALL_AYAHS)),
        focus_sessions: kept.focus.iter().filter(|f| f.completed).count() as u32,
        longest_focus_minutes: kept
            .focus
            .iter()
            .filter(|f| f.completed)
            .map(|f| (f.focused_seconds / 60) as u32)
            .max()
            .unwrap_or(0),
        goal_weeks: goal_weeks(&kept.goal_days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Day {
        Day::from_civil(2026, 6, 10).unwrap().plus(n)
    }

    fn read(ayahs: u32) -> Amount {
        Amount {
            pages: f64::from(ayahs) / 15.0,
            ayahs,
            seconds: ayahs * 10,
            hasanat: u64::from(ayahs) * 400,
        }
    }

    fn history(days: &[(i32, u32)], ayahs: Vec<AyahRef>) -> History {
        History {
            days: days.iter().map(|&(n, a)| (day(n), read(a))).collect(),
            excused: BTreeSet::new(),
            ayahs,
            sessions: days.len() as u32,
        }
    }

    fn surah(n: u16) -> Vec<AyahRef> {
        let quran = quran_data::quran();
        let s = quran.surah(n).unwrap();
        quran
            .range(s.first(), s.last())
            .iter()
            .map(|a| a.reference)
            .collect()
    }

    #[test]
    fn the_stats_fill_every_day_of_the_last_30_and_the_year() {
        let h = history(&[(-40, 3), (-29, 5), (-1, 7), (0, 2)], surah(1));
        let habit = HabitSettings::default();
        let s = stats(&h, quran_data::quran(), &habit, day(0));
        assert_eq!(s.last_30.len(), 30);
        assert_eq!(s.last_30[0].day, day(-29));
        assert_eq!(s.last_30[0].ayahs, 5);
        assert_eq!(s.last_30[28].ayahs, 7);
        assert_eq!(
            s.last_30[29],
            DayStat {
                day: day(0),
                hasanat: 800,
                ayahs: 2,
                seconds: 20
            }
        );
        assert_eq!(s.year_start.weekday(), habit.week_start);
        assert_eq!(s.year_ayahs.len() as i32, s.year_start.until(day(0)) + 1);
        assert_eq!(s.year_ayahs.iter().sum::<u32>(), 17);
        assert_eq!(s.year_met.len(), 4);
        assert_eq!(s.totals.ayahs, 17);
        assert_eq!((s.reading_days, s.sessions, s.distinct_ayahs), (4, 4, 7));
        assert_eq!(s.surahs.len(), 114);
        assert_eq!(s.surahs[0], Share { read: 7, total: 7 });
        assert_eq!(
            s.surahs[1],
            Share {
                read: 0,
                total: 286
            }
        );
        assert_eq!(s.juz.len(), 30);
        assert_eq!(s.juz[0].read, 7);
        assert_eq!(
            s.juz.iter().map(|j| u32::from(j.total)).sum::<u32>(),
            ALL_AYAHS
        );
        assert_eq!((s.streak.current, s.streak.longest), (2, 2));
    }

    #[test]
    fn facts_know_whole_surahs_and_juz() {
        let mut ayahs = surah(1);
        ayahs.extend(surah(2));
        ayahs.extend((78..=114).flat_map(surah));
        let h = history(&[(0, 10)], ayahs);
        let f = facts(
            &h,
            quran_data::quran(),
            &HabitSettings::default(),
            day(0),
            &Kept::default(),
        );
        assert!(f.surahs_complete.contains(&2) && f.surahs_complete.contains(&114));
        assert_eq!(f.surahs_complete.len(), 39);
        assert!(f.juz_complete.contains(&30), "An-Naba to An-Nas is juz 30");
        assert!(f.juz_complete.contains(&1), "1:1 to 2:141");
        assert!(f.juz_complete.contains(&2), "2:142 to 2:252");
        assert!(!f.juz_complete.contains(&3), "juz 3 goes on into Al Imran");
        assert_eq!(f.khatms, 0);
        let all = history(
            &[(0, 10)],
            quran_data::quran()
                .ayahs()
                .iter()
                .map(|a| a.reference)
                .collect(),
        );
        let f = facts(
            &all,
            quran_data::quran(),
            &HabitSettings::default(),
            day(0),
            &Kept::default(),
        );
        assert_eq!(
            (f.khatms, f.juz_complete.len()),
            (1, 30),
            "the whole Qur'an read is a khatm"
        );
    }
}
