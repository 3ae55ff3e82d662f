//! Places in the Qur'an: a single ayah ([`AyahRef`]) and what a user can type
//! to jump somewhere ([`Reference`]: a surah, an ayah or a range).
//!
//! An [`AyahRef`] is always valid: its surah is 1 to 114 and its ayah exists
//! in that surah, checked against [`AYAH_COUNTS`] (the Hafs count, 6,236
//! ayahs). Code holding one never has to check it again. This module only
//! knows the shape of the mushaf, never its text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Number of surahs.
pub const SURAH_COUNT: u16 = 114;

/// Number of ayahs in the whole Qur'an (Hafs count).
pub const TOTAL_AYAHS: u16 = 6236;

/// Longest text, in characters, that [`Reference::parse`] accepts. A real
/// reference such as `2:255-3:200` is far shorter; the limit keeps pasted
/// junk from being copied into error messages.
pub const MAX_REFERENCE_LEN: usize = 64;

/// The number of ayahs of each surah: `AYAH_COUNTS[0]` is Al-Fatihah (7),
/// `AYAH_COUNTS[113]` is An-Nas (6). The `quran-data` tests prove this table
/// equals the bundled text and the quran-meta Hafs list.
pub const AYAH_COUNTS: [u16; 114] = [
    7, 286, 200, 176, 120, 165, 206, 75, 129, 109, 123, 111, //
    43, 52, 99, 128, 111, 110, 98, 135, 112, 78, 118, 64, //
    77, 227, 93, 88, 69, 60, 34, 30, 73, 54, 45, 83, //
    182, 88, 75, 85, 54, 53, 89, 59, 37, 35, 38, 29, //
    18, 45, 60, 49, 62, 55, 78, 96, 29, 22, 24, 13, //
    14, 11, 11, 18, 12, 12, 30, 52, 52, 44, 28, 28, //
    20, 56, 40, 31, 50, 40, 46, 42, 29, 19, 36, 25, //
    22, 17, 19, 26, 30, 20, 15, 21, 11, 8, 8, 19, //
    5, 8, 8, 11, 11, 8, 3, 9, 5, 4, 7, 3, //
    6, 3, 5, 4, 5, 6,
];

/// `FIRST_INDEX[s - 1]` is the 0-based mushaf index of ayah `s:1`;
/// `FIRST_INDEX[114]` is [`TOTAL_AYAHS`].
const FIRST_INDEX: [u16; 115] = {
    let mut table = [0u16; 115];
    let mut i = 0;
    while i < 114 {
        table[i + 1] = table[i] + AYAH_COUNTS[i];
        i += 1;
    }
    table
};

// The table above must add up to the Hafs total; checked at compile time.
const _: () = assert!(FIRST_INDEX[114] == TOTAL_AYAHS);

/// The number of ayahs of surah `surah`, or `None` if there is no such surah.
pub fn ayah_count(surah: u16) -> Option<u16> {
    let i = usize::from(surah).checked_sub(1)?;
    AYAH_COUNTS.get(i).copied()
}

/// One ayah of the Qur'an, such as `2:255`; always one that exists.
///
/// Ordered in mushaf order. Displays as `2:255`; serializes as
/// `{"surah":2,"ayah":255}` and is validated when deserialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawAyahRef")]
pub struct AyahRef {
    surah: u16,
    ayah: u16,
}

/// The unchecked wire form of an [`AyahRef`]; wide integers so that an
/// absurd number gets our message rather than an integer overflow error.
#[derive(Deserialize)]
struct RawAyahRef {
    surah: u32,
    ayah: u32,
}

impl TryFrom<RawAyahRef> for AyahRef {
    type Error = Error;

    fn try_from(raw: RawAyahRef) -> Result<Self> {
        AyahRef::checked(raw.surah, raw.ayah)
    }
}

impl AyahRef {
    /// `1:1`, the first ayah of the Qur'an.
    pub const FIRST: AyahRef = AyahRef { surah: 1, ayah: 1 };
    /// `114:6`, the last.
    pub const LAST: AyahRef = AyahRef {
        surah: 114,
        ayah: 6,
    };

    /// The ayah `ayah` of surah `surah`, if it exists.
    ///
    /// # Errors
    /// [`Error::SurahOutOfRange`] unless `surah` is 1 to 114;
    /// [`Error::AyahOutOfRange`] unless `ayah` is 1 to the surah's count.
    pub fn new(surah: u16, ayah: u16) -> Result<AyahRef> {
        AyahRef::checked(surah.into(), ayah.into())
    }

    fn checked(surah: u32, ayah: u32) -> Result<AyahRef> {
        let surah = u16::try_from(surah)
            .ok()
            .filter(|s| ayah_count(*s).is_some())
            .ok_or(Error::SurahOutOfRange(surah))?;
        let count = ayah_count(surah).ok_or(Error::SurahOutOfRange(surah.into()))?;
        match u16::try_from(ayah) {
            Ok(a) if (1..=count).contains(&a) => Ok(AyahRef { surah, ayah: a }),
            _ => Err(Error::AyahOutOfRange { surah, ayah, count }),
        }
    }

    /// Parses a single ayah such as `2:255` (same syntax as
    /// [`Reference::parse`]).
    ///
    /// # Errors
    /// Whatever [`Reference::parse`] rejects, and a surah or a range, which
    /// are not a single ayah.
    pub fn parse(input: &str) -> Result<AyahRef> {
        match Reference::parse(input)? {
            Reference::Ayah(ayah) => Ok(ayah),
            Reference::Surah(_) | Reference::Range { .. } => Err(Error::InvalidReference {
                input: input.trim().to_owned(),
                reason: "it is not a single ayah such as 2:255".to_owned(),
            }),
        }
    }

    /// The surah number, 1 to 114.
    pub fn surah(self) -> u16 {
        self.surah
    }

    /// The ayah number within the surah, from 1.
    pub fn ayah(self) -> u16 {
        self.ayah
    }

    /// The 0-based position in mushaf order: `1:1` is 0, `114:6` is 6235.
    pub fn index(self) -> u16 {
        FIRST_INDEX[usize::from(self.surah - 1)] + self.ayah - 1
    }

    /// The ayah at 0-based mushaf position `index`, or `None` past the end.
    pub fn from_index(index: u16) -> Option<AyahRef> {
        if index >= TOTAL_AYAHS {
            return None;
        }
        // FIRST_INDEX[0] is 0, so at least one entry is <= index and the
        // count of such entries is the surah number.
        let surah = FIRST_INDEX.partition_point(|&first| first <= index);
        let surah = u16::try_from(surah).ok()?;
        let ayah = index - FIRST_INDEX[usize::from(surah - 1)] + 1;
        Some(AyahRef { surah, ayah })
    }

    /// The first ayah of surah `surah`, if it exists.
    pub fn first_of(surah: u16) -> Option<AyahRef> {
        ayah_count(surah).map(|_| AyahRef { surah, ayah: 1 })
    }

    /// The last ayah of surah `surah`, if it exists.
    pub fn last_of(surah: u16) -> Option<AyahRef> {
        ayah_count(surah).map(|ayah| AyahRef { surah, ayah })
    }

    /// The ayah after this one in mushaf order (crossing into the next
    /// surah), or `None` after `114:6`.
    pub fn next(self) -> Option<AyahRef> {
        AyahRef::from_index(self.index() + 1)
    }

    /// The ayah before this one in mushaf order, or `None` before `1:1`.
    pub fn prev(self) -> Option<AyahRef> {
        AyahRef::from_index(self.index().checked_sub(1)?)
    }
}

impl fmt::Display for AyahRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.surah, self.ayah)
    }
}

impl FromStr for AyahRef {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        AyahRef::parse(s)
    }
}

/// Somewhere to go in the Qur'an: a whole surah, one ayah or a range of
/// ayahs (which may cross surahs).
///
/// Values from [`Reference::parse`], the checked constructors and
/// deserialization are always valid. Because enum fields are public, a
/// hand-built `Surah(0)` or reversed range is possible; [`Reference::first`]
/// and [`Reference::last`] then clamp the surah to 1..=114 and take the range
/// ends as given.
///
/// Displays and serializes as the text a user would type (`18`, `2:255`,
/// `2:255-257`, `2:286-3:5`), and deserializes through [`Reference::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Reference {
    /// A whole surah, by number.
    Surah(u16),
    /// A single ayah.
    Ayah(AyahRef),
    /// The ayahs from `start` to `end`, both included, in mushaf order.
    Range {
        /// The first ayah of the range.
        start: AyahRef,
        /// The last ayah of the range; never before `start`.
        end: AyahRef,
    },
}

impl Reference {
    /// Parses what a user types to go somewhere.
    ///
    /// Accepted, with any whitespace around the whole text and around the
    /// separators:
    /// - a surah: `18`;
    /// - an ayah: `2:255` (also `2.255`, a common way of writing verses);
    /// - a range in one surah: `2:255-257`;
    /// - a range across surahs: `2:286-3:5`.
    ///
    /// Digits may be ASCII, Arabic-Indic (`٢:٢٥٥`) or Eastern Arabic-Indic
    /// (`۲:۲۵۵`); the dash may be `-`, `–` or `—`.
    ///
    /// # Errors
    /// [`Error::ReferenceTooLong`] over [`MAX_REFERENCE_LEN`] characters;
    /// [`Error::InvalidReference`] for empty text, control characters or any
    /// other shape; [`Error::SurahOutOfRange`] / [`Error::AyahOutOfRange`] for
    /// places that do not exist; [`Error::RangeReversed`] when the end comes
    /// before the start.
    pub fn parse(input: &str) -> Result<Reference> {
        let text = input.trim();
        // Checked before anything is copied, so huge input costs nothing.
        if text.chars().nth(MAX_REFERENCE_LEN).is_some() {
            return Err(Error::ReferenceTooLong {
                max: MAX_REFERENCE_LEN,
            });
        }
        let invalid = |reason: &str| Error::InvalidReference {
            input: text.to_owned(),
            reason: reason.to_owned(),
        };
        if text.is_empty() {
            return Err(invalid("it is empty"));
        }
        if text.chars().any(char::is_control) {
            return Err(invalid("it contains a control character"));
        }
        let tokens = tokenize(text).map_err(|reason| invalid(&reason))?;
        use Token::{Colon, Dash, Number as N};
        match tokens.as_slice() {
            [N(surah)] => Reference::surah_checked(*surah),
            [N(surah), Colon, N(ayah)] => AyahRef::checked(*surah, *ayah).map(Reference::Ayah),
            [N(surah), Colon, N(first), Dash, N(last)] => Reference::range(
                AyahRef::checked(*surah, *first)?,
                AyahRef::checked(*surah, *last)?,
            ),
            [N(s1), Colon, N(a1), Dash, N(s2), Colon, N(a2)] => {
                Reference::range(AyahRef::checked(*s1, *a1)?, AyahRef::checked(*s2, *a2)?)
            }
            [N(_), Dash, ..] => Err(invalid(
                "a range needs ayah numbers, such as 2:255-257, not only surahs",
            )),
            [] | [Colon | Dash, ..] => Err(invalid("it does not start with a surah number")),
            _ => Err(invalid("it is not in the form 18, 2:255 or 2:255-257")),
        }
    }

    /// The whole surah `surah`, if it exists.
    ///
    /// # Errors
    /// [`Error::SurahOutOfRange`] unless `surah` is 1 to 114.
    pub fn surah(surah: u16) -> Result<Reference> {
        Reference::surah_checked(surah.into())
    }

    fn surah_checked(surah: u32) -> Result<Reference> {
        u16::try_from(surah)
            .ok()
            .filter(|s| ayah_count(*s).is_some())
            .map(Reference::Surah)
            .ok_or(Error::SurahOutOfRange(surah))
    }

    /// The range `start..=end`.
    ///
    /// # Errors
    /// [`Error::RangeReversed`] if `end` comes before `start`.
    pub fn range(start: AyahRef, end: AyahRef) -> Result<Reference> {
        if end < start {
            return Err(Error::RangeReversed { start, end });
        }
        Ok(Reference::Range { start, end })
    }

    /// The first ayah this reference covers.
    pub fn first(&self) -> AyahRef {
        match *self {
            Reference::Surah(surah) => AyahRef {
                surah: surah.clamp(1, SURAH_COUNT),
                ayah: 1,
            },
            Reference::Ayah(ayah) => ayah,
            Reference::Range { start, .. } => start,
        }
    }

    /// The last ayah this reference covers.
    pub fn last(&self) -> AyahRef {
        match *self {
            Reference::Surah(surah) => {
                let surah = surah.clamp(1, SURAH_COUNT);
                AyahRef {
                    surah,
                    ayah: AYAH_COUNTS[usize::from(surah - 1)],
                }
            }
            Reference::Ayah(ayah) => ayah,
            Reference::Range { end, .. } => end,
        }
    }

    /// Whether `ayah` lies within this reference.
    pub fn contains(&self, ayah: AyahRef) -> bool {
        (self.first()..=self.last()).contains(&ayah)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reference::Surah(surah) => write!(f, "{surah}"),
            Reference::Ayah(ayah) => write!(f, "{ayah}"),
            Reference::Range { start, end } if start.surah == end.surah => {
                write!(f, "{start}-{}", end.ayah)
            }
            Reference::Range { start, end } => write!(f, "{start}-{end}"),
        }
    }
}

impl FromStr for Reference {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Reference::parse(s)
    }
}

impl From<Reference> for String {
    fn from(reference: Reference) -> String {
        reference.to_string()
    }
}

impl TryFrom<String> for Reference {
    type Error = Error;

    fn try_from(text: String) -> Result<Self> {
        Reference::parse(&text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Number(u32),
    Colon,
    Dash,
}

/// The value of a decimal digit in any of the three digit sets we accept.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        _ => None,
    }
}

/// Splits a reference into numbers and separators, skipping whitespace.
/// The input is at most [`MAX_REFERENCE_LEN`] characters, so the token list
/// is small.
fn tokenize(text: &str) -> std::result::Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(mut value) = digit_value(c) {
            while let Some(d) = chars.peek().copied().and_then(digit_value) {
                chars.next();
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(d))
                    .ok_or("one of its numbers is far too large")?;
            }
            tokens.push(Token::Number(value));
        } else if c == ':' || c == '.' {
            tokens.push(Token::Colon);
        } else if matches!(c, '-' | '\u{2013}' | '\u{2014}') {
            tokens.push(Token::Dash);
        } else if !c.is_whitespace() {
            return Err(format!(
                "it contains {c:?}, but a reference has only digits, ':' and '-'"
            ));
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ayah(surah: u16, ayah: u16) -> AyahRef {
        AyahRef::new(surah, ayah).expect("test ayah exists")
    }

    #[test]
    fn ayah_counts_add_up_to_the_hafs_total() {
        let total: u32 = AYAH_COUNTS.iter().map(|&c| u32::from(c)).sum();
        assert_eq!(total, u32::from(TOTAL_AYAHS));
        assert_eq!(ayah_count(2), Some(286), "Al-Baqarah has 286 ayahs");
        assert_eq!(ayah_count(0), None, "there is no surah 0");
        assert_eq!(ayah_count(115), None, "there is no surah 115");
    }

    #[test]
    fn new_accepts_the_last_ayah_and_rejects_one_past_it() {
        assert!(
            AyahRef::new(2, 286).is_ok(),
            "2:286 is the last ayah of Al-Baqarah"
        );
        assert_eq!(
            AyahRef::new(2, 287),
            Err(Error::AyahOutOfRange {
                surah: 2,
                ayah: 287,
                count: 286
            })
        );
        assert_eq!(AyahRef::new(115, 1), Err(Error::SurahOutOfRange(115)));
        assert_eq!(AyahRef::new(0, 1), Err(Error::SurahOutOfRange(0)));
        assert!(
            matches!(
                AyahRef::new(1, 0),
                Err(Error::AyahOutOfRange { ayah: 0, .. })
            ),
            "ayahs are numbered from 1"
        );
    }

    #[test]
    fn index_runs_from_zero_at_the_opening_to_6235_at_the_last_ayah() {
        assert_eq!(ayah(1, 1).index(), 0);
        assert_eq!(ayah(2, 1).index(), 7, "Al-Fatihah has 7 ayahs before 2:1");
        assert_eq!(ayah(114, 6).index(), 6235);
        assert_eq!(AyahRef::from_index(6235), Some(ayah(114, 6)));
        assert_eq!(AyahRef::from_index(6236), None, "there are 6236 ayahs");
    }

    #[test]
    fn index_and_from_index_agree_for_every_ayah_in_order() {
        let mut previous: Option<AyahRef> = None;
        for i in 0..TOTAL_AYAHS {
            let a = AyahRef::from_index(i).expect("every index below the total is an ayah");
            assert_eq!(a.index(), i, "{a} must map back to its index");
            if let Some(p) = previous {
                assert!(p < a, "mushaf order and Ord must agree at {p} / {a}");
                assert_eq!(p.next(), Some(a), "next of {p}");
                assert_eq!(a.prev(), Some(p), "prev of {a}");
            }
            previous = Some(a);
        }
    }

    #[test]
    fn next_and_prev_stop_at_the_ends_and_cross_surahs() {
        assert_eq!(ayah(114, 6).next(), None);
        assert_eq!(ayah(1, 1).prev(), None);
        assert_eq!(ayah(1, 7).next(), Some(ayah(2, 1)));
        assert_eq!(ayah(3, 1).prev(), Some(ayah(2, 286)));
    }

    #[test]
    fn ayah_ref_serializes_as_surah_and_ayah_and_validates_when_read() {
        let json = serde_json::to_string(&ayah(2, 255)).expect("serializes");
        assert_eq!(json, r#"{"surah":2,"ayah":255}"#);
        let back: AyahRef = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, ayah(2, 255));
        let bad = serde_json::from_str::<AyahRef>(r#"{"surah":2,"ayah":300}"#);
        assert!(bad.is_err(), "2:300 must not deserialize");
        let bad = serde_json::from_str::<AyahRef>(r#"{"surah":70000,"ayah":1}"#);
        assert!(bad.is_err(), "surah 70000 must not deserialize");
    }

    #[test]
    fn parse_accepts_surah_ayah_and_range() {
        assert_eq!(Reference::parse("18"), Ok(Reference::Surah(18)));
        assert_eq!(Reference::parse("2:255"), Ok(Reference::Ayah(ayah(2, 255))));
        assert_eq!(
            Reference::parse("2:255-257"),
            Ok(Reference::Range {
                start: ayah(2, 255),
                end: ayah(2, 257)
            })
        );
        assert_eq!(
            Reference::parse("2:286-3:5"),
            Ok(Reference::Range {
                start: ayah(2, 286),
                end: ayah(3, 5)
            }),
            "ranges may cross surahs"
        );
    }

    #[test]
    fn parse_tolerates_whitespace_dots_dashes_and_arabic_digits() {
        let expected = Ok(Reference::Ayah(ayah(2, 255)));
        for input in [
            " 2:255 ",
            "2 : 255",
            "\u{a0}2:255\t",
            "2.255",
            "٢:٢٥٥",
            "۲:۲۵۵",
            "002:255",
        ] {
            assert_eq!(Reference::parse(input), expected, "input {input:?}");
        }
        let range = Ok(Reference::Range {
            start: ayah(2, 255),
            end: ayah(2, 257),
        });
        for input in ["2:255 - 257", "2:255–257", "٢:٢٥٥-٢٥٧"] {
            assert_eq!(Reference::parse(input), range, "input {input:?}");
        }
    }

    #[test]
    fn parse_rejects_places_that_do_not_exist() {
        assert_eq!(Reference::parse("115:1"), Err(Error::SurahOutOfRange(115)));
        assert_eq!(Reference::parse("0"), Err(Error::SurahOutOfRange(0)));
        assert_eq!(
            Reference::parse("2:300"),
            Err(Error::AyahOutOfRange {
                surah: 2,
                ayah: 300,
                count: 286
            })
        );
        assert!(matches!(
            Reference::parse("2:0"),
            Err(Error::AyahOutOfRange { ayah: 0, .. })
        ));
        assert_eq!(
            Reference::parse("2:257-255"),
            Err(Error::RangeReversed {
                start: ayah(2, 257),
                end: ayah(2, 255)
            })
        );
    }

    #[test]
    fn parse_rejects_malformed_text_with_a_reason() {
        for input in [
            "",
            "   ",
            "abc",
            "2:",
            ":5",
            "2:3:4",
            "2 55",
            "1-3",
            "2:5\u{7}",
            "99999999999:1",
        ] {
            let err = Reference::parse(input).expect_err(input);
            assert_eq!(err.code(), "invalid_reference", "input {input:?}: {err}");
        }
        let message = Reference::parse("abc").expect_err("abc").to_string();
        assert!(
            message.contains("2:255"),
            "the message shows an example: {message}"
        );
    }

    #[test]
    fn parse_rejects_absurdly_long_input_without_copying_it() {
        let long = "1".repeat(10_000);
        assert_eq!(
            Reference::parse(&long),
            Err(Error::ReferenceTooLong {
                max: MAX_REFERENCE_LEN
            })
        );
    }

    #[test]
    fn first_and_last_cover_the_reference() {
        let kahf = Reference::Surah(18);
        assert_eq!(kahf.first(), ayah(18, 1));
        assert_eq!(kahf.last(), ayah(18, 110));
        let range = Reference::parse("2:255-257").expect("valid");
        assert_eq!((range.first(), range.last()), (ayah(2, 255), ayah(2, 257)));
        assert!(range.contains(ayah(2, 256)));
        assert!(!range.contains(ayah(2, 258)));
        assert_eq!(
            Reference::Surah(500).last(),
            ayah(114, 6),
            "out-of-range surahs clamp"
        );
    }

    #[test]
    fn reference_serializes_as_the_text_a_user_types() {
        let range = Reference::parse("2:255-257").expect("valid");
        assert_eq!(
            serde_json::to_string(&range).expect("ser"),
            r#""2:255-257""#
        );
        let back: Reference = serde_json::from_str(r#""18""#).expect("de");
        assert_eq!(back, Reference::Surah(18));
        assert!(
            serde_json::from_str::<Reference>(r#""115""#).is_err(),
            "validated"
        );
    }

    fn any_ayah() -> impl Strategy<Value = AyahRef> {
        (0..TOTAL_AYAHS).prop_map(|i| AyahRef::from_index(i).expect("index below total"))
    }

    proptest! {
        #[test]
        fn every_ayah_displays_and_parses_back_to_itself(a in any_ayah()) {
            prop_assert_eq!(AyahRef::parse(&a.to_string()), Ok(a));
        }

        #[test]
        fn every_range_displays_and_parses_back_to_itself(a in any_ayah(), b in any_ayah()) {
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            let range = Reference::Range { start, end };
            prop_assert_eq!(Reference::parse(&range.to_string()), Ok(range));
        }

        #[test]
        fn parse_never_panics_on_arbitrary_text(s in any::<String>()) {
            let _ = Reference::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_reference_like_text(s in "[0-9٠-٩۰-۹:. \\-–]{0,80}") {
            let _ = Reference::parse(&s);
        }
    }
}
