//! The errors of the domain rules: what can be wrong with a reference a user
//! typed or with a search query.
//!
//! Every variant has a stable snake_case [`Error::code`] that the UI switches
//! on, and a message written for the reader of the app, not for a developer.
//! Nothing here may carry infrastructure errors (I/O, database, network): this
//! crate does no I/O.

use serde::ser::SerializeStruct;

use crate::reference::AyahRef;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can be wrong with a value a user gave the domain rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not shaped like a reference at all (`abc`, `2:`, `2:3:4`).
    #[error("{input:?} is not a reference: {reason}. Write a surah such as 18, an ayah such as 2:255 or a range such as 2:255-257.")]
    InvalidReference {
        /// The text as given (at most 64 characters, longer input is
        /// [`Error::ReferenceTooLong`]).
        input: String,
        /// What is wrong with it, as a sentence fragment.
        reason: String,
    },

    /// The reference is longer than any reference can be.
    #[error(
        "That reference is too long: a reference has at most {max} characters, such as 2:255-257."
    )]
    ReferenceTooLong {
        /// The longest accepted input, in characters.
        max: usize,
    },

    /// The surah number is outside 1..=114.
    #[error("Surah {0} does not exist: surahs are numbered 1 to 114.")]
    SurahOutOfRange(u32),

    /// The ayah number is 0 or larger than the surah's ayah count.
    #[error("Surah {surah} has {count} ayahs, so there is no ayah {ayah}: ayahs are numbered 1 to {count}.")]
    AyahOutOfRange {
        /// The (valid) surah number.
        surah: u16,
        /// The ayah number asked for.
        ayah: u32,
        /// How many ayahs the surah has.
        count: u16,
    },

    /// A range whose end comes before its start (`2:257-255`).
    #[error("The range ends at {end}, before it starts at {start}: put the earlier ayah first.")]
    RangeReversed {
        /// The first ayah as written.
        start: AyahRef,
        /// The last ayah as written, which comes before `start`.
        end: AyahRef,
    },

    /// A search query with nothing to search for.
    #[error("Type a word to search for.")]
    EmptyQuery,

    /// A search query longer than the search accepts.
    #[error("That search is too long: a search has at most {max} characters.")]
    QueryTooLong {
        /// The longest accepted query, in characters.
        max: usize,
    },

    /// A translation language code that is not bundled.
    #[error("There is no translation with the code {code:?}.")]
    UnknownTranslation {
        /// The code asked for (at most 16 characters of it).
        code: String,
    },

    /// A reading goal that cannot be kept (a target of 0, or a huge one).
    #[error("{reason}")]
    InvalidGoal {
        /// What is wrong, in a sentence.
        reason: String,
    },

    /// A khatm plan that cannot be followed (an end date already past, an
    /// empty range).
    #[error("{reason}")]
    InvalidPlan {
        /// What is wrong, in a sentence.
        reason: String,
    },

    /// A place for prayer times with impossible coordinates or an unknown
    /// time zone.
    #[error("{reason}")]
    InvalidPlace {
        /// What is wrong, in a sentence.
        reason: String,
    },

    /// A day on which the sun does not rise or set at the place (beyond
    /// the polar circles), so it has no prayer times to compute.
    #[error(
        "The sun does not rise or set there on {day}, so its prayer times cannot be computed."
    )]
    NoPrayerTimes {
        /// The day asked for.
        day: crate::habit::Day,
    },

    /// A setting of the daily practice out of its range (a Hijri offset
    /// beyond two days, a reminder time that is no time, a focus session
    /// of no length).
    #[error("{reason}")]
    InvalidSetting {
        /// What is wrong, in a sentence.
        reason: String,
    },
}

impl Error {
    /// A stable snake_case identifier of the kind of error, for programs to
    /// switch on (the message may change; the code never does).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidReference { .. } => "invalid_reference",
            Error::ReferenceTooLong { .. } => "reference_too_long",
            Error::SurahOutOfRange(_) => "surah_out_of_range",
            Error::AyahOutOfRange { .. } => "ayah_out_of_range",
            Error::RangeReversed { .. } => "range_reversed",
            Error::EmptyQuery => "empty_query",
            Error::QueryTooLong { .. } => "query_too_long",
            Error::UnknownTranslation { .. } => "unknown_translation",
            Error::InvalidGoal { .. } => "invalid_goal",
            Error::InvalidPlan { .. } => "invalid_plan",
            Error::InvalidPlace { .. } => "invalid_place",
            Error::NoPrayerTimes { .. } => "no_prayer_times",
            Error::InvalidSetting { .. } => "invalid_setting",
        }
    }
}

impl From<&Error> for crate::wire::CommandError {
    fn from(error: &Error) -> Self {
        crate::wire::CommandError::new(error.code(), error.to_string())
    }
}

/// Serializes as `{"code": "...", "message": "..."}`, the shape every error
/// takes on the wire.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_distinct_snake_case_code() {
        let start = AyahRef::new(2, 257).expect("2:257 exists");
        let end = AyahRef::new(2, 255).expect("2:255 exists");
        let all = [
            Error::InvalidReference {
                input: "abc".into(),
                reason: "it has no number".into(),
            },
            Error::ReferenceTooLong { max: 64 },
            Error::SurahOutOfRange(115),
            Error::AyahOutOfRange {
                surah: 2,
                ayah: 300,
                count: 286,
            },
            Error::RangeReversed { start, end },
            Error::EmptyQuery,
            Error::QueryTooLong { max: 200 },
            Error::UnknownTranslation { code: "xx".into() },
            Error::InvalidGoal {
                reason: "A goal's target is 1 to 10.".into(),
            },
            Error::InvalidPlan {
                reason: "The end date has passed.".into(),
            },
            Error::InvalidPlace {
                reason: "A latitude is between -90 and 90 degrees.".into(),
            },
            Error::NoPrayerTimes {
                day: crate::habit::Day(0),
            },
            Error::InvalidSetting {
                reason: "A Hijri offset is -2 to 2 days.".into(),
            },
        ];
        let mut codes: Vec<&str> = all.iter().map(Error::code).collect();
        for code in &codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "code {code:?} must be snake_case so the UI can match on it"
            );
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "codes must be distinct");
    }

    #[test]
    fn surah_out_of_range_message_names_the_valid_range() {
        assert_eq!(
            Error::SurahOutOfRange(115).to_string(),
            "Surah 115 does not exist: surahs are numbered 1 to 114."
        );
    }

    #[test]
    fn error_serializes_as_code_and_message() {
        let json = serde_json::to_value(Error::EmptyQuery).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"code": "empty_query", "message": "Type a word to search for."}),
            "the wire shape of an error is {{code, message}}"
        );
    }
}
