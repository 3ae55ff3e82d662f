//! The plan of a recitation: every ayah to hear, with its repetitions and
//! the rounds of the range, in order; and the moves on it (the next ayah,
//! the previous one, the pause before an ayah, what to fetch ahead). Pure:
//! no audio, no threads, no files.

use companion_core::wire::Gap;
use companion_core::AyahRef;

/// One step of the plan: an ayah, its repetition and the round of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub ayah: AyahRef,
    /// 1-based.
    pub repetition: u32,
    /// 1-based.
    pub round: u32,
}

impl Item {
    /// Items of one ayah in one round share this key.
    fn key(self) -> (AyahRef, u32) {
        (self.ayah, self.round)
    }
}

/// Every item to hear, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    items: Vec<Item>,
}

impl Plan {
    /// `start..=end`, each ayah `repeat_each` times, the whole range
    /// `repeat_range` times.
    pub fn new(start: AyahRef, end: AyahRef, repeat_each: u32, repeat_range: u32) -> Plan {
        let ayahs: Vec<AyahRef> = quran_data::quran()
            .range(start, end)
            .iter()
            .map(|a| a.reference)
            .collect();
        let mut items = Vec::with_capacity(ayahs.len() * (repeat_each * repeat_range) as usize);
        for round in 1..=repeat_range {
            for &ayah in &ayahs {
                for repetition in 1..=repeat_each {
                    items.push(Item {
                        ayah,
                        repetition,
                        round,
                    });
                }
            }
        }
        Plan { items }
    }

    pub fn get(&self, index: usize) -> Option<Item> {
        self.items.get(index).copied()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Adds the surah after the last one planned, each ayah `repeat_each`
    /// times; false after the last surah.
    pub fn extend_into_next_surah(&mut self, repeat_each: u32) -> bool {
        let Some(last) = self.items.last() else {
            return false;
        };
        let next = last.ayah.surah() + 1;
        let (Some(first), Some(end)) = (AyahRef::first_of(next), AyahRef::last_of(next)) else {
            return false;
        };
        self.items
            .extend(Plan::new(first, end, repeat_each, 1).items);
        true
    }

    /// The first repetition of the ayah after the one at `at`, or `None`
    /// when `at` is in the last ayah planned.
    pub fn next_ayah(&self, at: usize) -> Option<usize> {
        let here = self.get(at).map(Item::key);
        (at + 1..self.len()).find(|&i| self.get(i).map(Item::key) != here)
    }

    /// The first repetition of the ayah before the one at `at`; the start
    /// of the plan when `at` is in its first ayah.
    pub fn previous_ayah(&self, at: usize) -> usize {
        let start = self.first_repetition(at);
        if start == 0 {
            0
        } else {
            self.first_repetition(start - 1)
        }
    }

    fn first_repetition(&self, mut at: usize) -> usize {
        let key = self.get(at).map(Item::key);
        while at > 0 && self.get(at - 1).map(Item::key) == key {
            at -= 1;
        }
        at
    }

    /// Up to `most` distinct ayahs from `from` on for which `missing` is
    /// true, in the order they will be heard: what to fetch ahead.
    pub fn upcoming(
        &self,
        from: usize,
        most: usize,
        missing: impl Fn(AyahRef) -> bool,
    ) -> Vec<AyahRef> {
        let mut ayahs: Vec<AyahRef> = Vec::new();
        for item in self.items.iter().skip(from) {
            if ayahs.len() >= most {
                break;
            }
            if !ayahs.contains(&item.ayah) && missing(item.ayah) {
                ayahs.push(item.ayah);
            }
        }
        ayahs
    }
}

/// Silent frames before an ayah: `gap` at `sample_rate`, where a multiple
/// is of the ayah heard before it (`last_frames` long).
pub fn gap_frames(gap: Gap, sample_rate: u32, last_frames: u64) -> usize {
    let frames = match gap {
        Gap::None => 0.0,
        Gap::Seconds { seconds } => f64::from(seconds) * f64::from(sample_rate),
        Gap::Multiple { factor } => f64::from(factor) * last_frames as f64,
    };
    frames.round() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(surah: u16, ayah: u16) -> AyahRef {
        AyahRef::new(surah, ayah).expect("a real ayah")
    }

    fn shape(plan: &Plan) -> Vec<(String, u32, u32)> {
        (0..plan.len())
            .filter_map(|i| plan.get(i))
            .map(|i| (i.ayah.to_string(), i.repetition, i.round))
            .collect()
    }

    #[test]
    fn a_plan_repeats_each_ayah_inside_each_round_of_the_range() {
        let plan = Plan::new(r(112, 1), r(112, 2), 2, 2);
        let want = [
            ("112:1", 1, 1),
            ("112:1", 2, 1),
            ("112:2", 1, 1),
            ("112:2", 2, 1),
            ("112:1", 1, 2),
            ("112:1", 2, 2),
            ("112:2", 1, 2),
            ("112:2", 2, 2),
        ];
        let want: Vec<(String, u32, u32)> =
            want.iter().map(|&(a, p, r)| (a.to_owned(), p, r)).collect();
        assert_eq!(shape(&plan), want);
    }

    #[test]
    fn next_skips_the_remaining_repetitions_and_ends_after_the_last_ayah() {
        let plan = Plan::new(r(112, 1), r(112, 2), 3, 1);
        assert_eq!(plan.next_ayah(0), Some(3));
        assert_eq!(plan.next_ayah(1), Some(3), "from any repetition");
        assert_eq!(plan.next_ayah(3), None, "112:2 is the last ayah");
        let rounds = Plan::new(r(112, 1), r(112, 1), 1, 2);
        assert_eq!(
            rounds.next_ayah(0),
            Some(1),
            "the same ayah in the next round is the next step"
        );
    }

    #[test]
    fn previous_goes_to_the_first_repetition_of_the_ayah_before() {
        let plan = Plan::new(r(112, 1), r(112, 3), 2, 1);
        // Items: 112:1 ×2 (0, 1), 112:2 ×2 (2, 3), 112:3 ×2 (4, 5).
        assert_eq!(plan.previous_ayah(5), 2);
        assert_eq!(plan.previous_ayah(2), 0);
        assert_eq!(plan.previous_ayah(1), 0, "the first ayah starts again");
    }

    #[test]
    fn continuing_adds_the_next_surah_once_per_ayah_and_stops_after_an_nas() {
        let mut plan = Plan::new(r(112, 4), r(112, 4), 2, 3);
        let before = plan.len();
        assert!(plan.extend_into_next_surah(2));
        assert_eq!(plan.len(), before + 5 * 2, "Al-Falaq's 5 ayahs, twice each");
        assert_eq!(plan.get(before).map(|i| i.ayah), Some(r(113, 1)));
        let mut last = Plan::new(r(114, 6), r(114, 6), 1, 1);
        assert!(!last.extend_into_next_surah(1));
        assert!(!Plan::default().extend_into_next_surah(1));
    }

    #[test]
    fn fetching_ahead_names_each_missing_ayah_once_in_order() {
        let plan = Plan::new(r(112, 1), r(112, 4), 2, 1);
        let missing = |a: AyahRef| a != r(112, 2);
        assert_eq!(plan.upcoming(0, 2, missing), [r(112, 1), r(112, 3)]);
        assert_eq!(plan.upcoming(6, 3, missing), [r(112, 4)]);
    }

    #[test]
    fn a_pause_is_seconds_of_samples_or_a_multiple_of_the_ayah_before() {
        assert_eq!(gap_frames(Gap::None, 44_100, 1_000), 0);
        assert_eq!(gap_frames(Gap::Seconds { seconds: 1.5 }, 44_100, 0), 66_150);
        assert_eq!(
            gap_frames(Gap::Multiple { factor: 0.5 }, 44_100, 1_001),
            501
        );
    }
}
