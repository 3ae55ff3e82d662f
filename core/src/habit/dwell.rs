//! When an ayah on screen counts as read.
//!
//! Reading is sequential: while several ayahs are on screen, the reader is
//! reading one of them, the first one not yet counted. So time on screen is
//! credited to the visible ayahs in mushaf order: each needs
//! [`threshold_seconds`] of it (a minimum plus time for its letters at a
//! brisk but real pace), and time left over after one counts goes on to the
//! next. A page left open for a minute therefore counts what can be read
//! in a minute, not every ayah on it.
//!
//! The rule, and what the app tells the user in Settings → "How reading is
//! counted": an ayah counts after [`MIN_SECONDS`] seconds plus one second
//! for every [`LETTERS_PER_SECOND`] letters, of reading time spent on it
//! while it is on screen. At that pace Al-Fatihah (139 letters) takes about
//! 28 seconds; reading it with it on screen for 90 seconds counts all seven
//! ayahs.
//!
//! Time comes in ticks measured by the caller. A tick longer than
//! [`MAX_TICK_SECONDS`] (the computer slept, the clock jumped) counts as
//! that much, and a negative or non-finite one as nothing: counts are never
//! inflated by a clock that moves.

use std::collections::{BTreeMap, BTreeSet};

use crate::AyahRef;

/// Seconds every ayah needs, however short.
pub const MIN_SECONDS: f64 = 1.5;
/// Letters read per second (a brisk pace of reading aloud, *hadr*).
pub const LETTERS_PER_SECOND: f64 = 8.0;
/// The most one tick may count.
pub const MAX_TICK_SECONDS: f64 = 5.0;

/// Reading time an ayah of `letters` letters needs before it counts.
pub fn threshold_seconds(letters: u32) -> f64 {
    MIN_SECONDS + f64::from(letters) / LETTERS_PER_SECOND
}

/// Reading time credited to the ayahs of one session.
#[derive(Debug, Clone, Default)]
pub struct Dwell {
    /// Time credited to ayahs that have not counted yet.
    partial: BTreeMap<AyahRef, f64>,
    counted: BTreeSet<AyahRef>,
}

impl Dwell {
    pub fn new() -> Dwell {
        Dwell::default()
    }

    /// `seconds` passed with `visible` on screen (each ayah with its
    /// letters); returns the ayahs that counted in this tick, in order.
    pub fn tick(&mut self, visible: &[(AyahRef, u32)], seconds: f64) -> Vec<AyahRef> {
        let mut budget = if seconds.is_finite() {
            seconds.clamp(0.0, MAX_TICK_SECONDS)
        } else {
            0.0
        };
        let mut order: Vec<(AyahRef, u32)> = visible.to_vec();
        order.sort_by_key(|&(ayah, _)| ayah);
        order.dedup_by_key(|&mut (ayah, _)| ayah);
        let mut newly = Vec::new();
        for (ayah, letters) in order {
            if budget <= 0.0 {
                break;
            }
            if self.counted.contains(&ayah) {
                continue;
            }
            let need = threshold_seconds(letters);
            let have = self.partial.entry(ayah).or_insert(0.0);
            let spend = budget.min(need - *have);
            *have += spend;
            budget -= spend;
            if *have >= need - 1e-9 {
                self.partial.remove(&ayah);
                self.counted.insert(ayah);
                newly.push(ayah);
            }
        }
        newly
    }

    /// Counts an ayah at once (recited to the end, or marked read); false
    /// when it had already counted in this session.
    pub fn mark(&mut self, ayah: AyahRef) -> bool {
        self.partial.remove(&ayah);
        self.counted.insert(ayah)
    }

    /// Whether `ayah` has counted in this session.
    pub fn has_counted(&self, ayah: AyahRef) -> bool {
        self.counted.contains(&ayah)
    }

    /// Every ayah counted in this session, in mushaf order.
    pub fn counted(&self) -> impl Iterator<Item = AyahRef> + '_ {
        self.counted.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Al-Fatihah's ayahs with their letter counts (139 in all).
    fn fatihah() -> Vec<(AyahRef, u32)> {
        [19, 17, 12, 11, 19, 18, 43]
            .into_iter()
            .enumerate()
            .map(|(i, letters)| (AyahRef::new(1, i as u16 + 1).unwrap(), letters))
            .collect()
    }

    fn on_screen_for(dwell: &mut Dwell, visible: &[(AyahRef, u32)], seconds: u32) -> usize {
        (0..seconds).map(|_| dwell.tick(visible, 1.0).len()).sum()
    }

    #[test]
    fn al_fatihah_on_screen_for_ninety_seconds_counts_all_seven_ayahs() {
        let mut dwell = Dwell::new();
        assert_eq!(on_screen_for(&mut dwell, &fatihah(), 90), 7);
        let total: f64 = fatihah().iter().map(|&(_, l)| threshold_seconds(l)).sum();
        assert!(total < 30.0, "Al-Fatihah needs {total:.1} s");
    }

    #[test]
    fn a_glance_counts_nothing_and_ayahs_count_in_order() {
        let mut dwell = Dwell::new();
        assert_eq!(on_screen_for(&mut dwell, &fatihah(), 2), 0);
        let counted = dwell.tick(&fatihah(), 4.0);
        assert_eq!(counted, [AyahRef::new(1, 1).unwrap()], "first things first");
        assert!(!dwell.has_counted(AyahRef::new(1, 7).unwrap()));
    }

    #[test]
    fn a_slept_computer_or_a_clock_moved_back_counts_nothing_extra() {
        let mut dwell = Dwell::new();
        assert!(dwell.tick(&fatihah(), -3600.0).is_empty());
        assert!(dwell.tick(&fatihah(), f64::NAN).is_empty());
        let counted = dwell.tick(&fatihah(), 8.0 * 3600.0);
        let worth: usize = {
            let mut fresh = Dwell::new();
            fresh.tick(&fatihah(), MAX_TICK_SECONDS).len()
        };
        assert_eq!(counted.len(), worth, "a night asleep is one tick");
    }

    #[test]
    fn an_ayah_counts_once_per_session_however_it_is_read() {
        let mut dwell = Dwell::new();
        let first = AyahRef::new(1, 1).unwrap();
        assert!(dwell.mark(first), "recited to the end");
        assert!(!dwell.mark(first));
        on_screen_for(&mut dwell, &fatihah(), 90);
        assert_eq!(dwell.counted().count(), 7);
        assert_eq!(dwell.counted().filter(|&a| a == first).count(), 1);
    }

    proptest! {
        #[test]
        fn reading_time_is_never_created(ticks in prop::collection::vec(-10.0f64..20.0, 0..200)) {
            let visible = fatihah();
            let mut dwell = Dwell::new();
            let mut counted = Vec::new();
            for &t in &ticks {
                counted.extend(dwell.tick(&visible, t));
            }
            // What counted needed at least its thresholds of real time.
            let spent: f64 = ticks.iter().map(|t| t.clamp(0.0, MAX_TICK_SECONDS)).sum();
            let needed: f64 = visible
                .iter()
                .filter(|(a, _)| counted.contains(a))
                .map(|&(_, l)| threshold_seconds(l))
                .sum();
            prop_assert!(needed <= spent + 1e-6, "{needed} > {spent}");
            // In order, each once.
            let mut sorted = counted.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(sorted, counted);
        }
    }
}
