//! The rules of the reward and the habit: when an ayah counts as read
//! ([`dwell`]), local days ([`day`]), streaks with freezes and excused
//! days ([`streak`]), goals and their periods ([`goal`]), goals kept ([`kept`]), the khatm
//! planner ([`khatm`]), the reader's own rules ([`settings`]) and
//! achievements ([`achievement`]). Pure functions over numbers and days,
//! tested with properties; the app stores, the UI draws.
//!
//! Hasanat are 10 for every letter read ([`hasanat`]), letters counted by
//! [`crate::arabic::letter_count`].

pub mod achievement;
pub mod day;
pub mod dwell;
pub mod goal;
pub mod kept;
pub mod khatm;
pub mod settings;
pub mod streak;

pub use day::{Day, Weekday};

/// A reading session ends after this long without an ayah counting.
pub const SESSION_IDLE_SECONDS: i64 = 5 * 60;

/// Hasanat per letter read (SPEC.md: "10 for every letter").
pub const HASANAT_PER_LETTER: u64 = 10;

/// The Hasanat of reading `letters` letters.
pub fn hasanat(letters: u32) -> u64 {
    u64::from(letters) * HASANAT_PER_LETTER
}

#[cfg(test)]
mod tests {
    #[test]
    fn al_fatihah_is_worth_1390_hasanat() {
        let letters: u32 = [19, 17, 12, 11, 19, 18, 43].iter().sum();
        assert_eq!(super::hasanat(letters), 1_390);
    }
}
