//! Reading sessions as the server counts them: a session names an ayah
//! range and a time span; Hasanat, ayahs and pages are computed here from
//! the bundled text (clients never claim totals), and impossible sessions
//! are refused with a stable code.

use std::sync::OnceLock;

use companion_core::AyahRef;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::days;
use super::{Error, Result};
use crate::kinds::SessionType;
use crate::store::Session;

/// The most reading one user can record on one day: the day itself.
pub const MAX_SECONDS_PER_DAY: i64 = 86_400;

/// How far a client clock may run ahead of the server's.
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// The fastest reading accepted, in Arabic letters per second (al-Fatihah
/// in no less than 6 seconds, al-Baqarah in no less than 17 minutes):
/// faster is a range the reader did not read.
pub const MAX_LETTERS_PER_SECOND: i64 = 25;

/// How old a session may be when it arrives (30 days), except in a
/// device's upload of its history (`domain::sync`).
pub const MAX_AGE_SECONDS: i64 = 30 * 86_400;

/// The earliest start accepted (2000-01-01): older dates are typos.
const EARLIEST: i64 = 946_684_800;

/// A reading session as a client sends it (the planning document's
/// `reading_sessions` columns).
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionData {
    pub surah_number: i64,
    pub start_ayah: i64,
    pub end_ayah: i64,
    /// RFC 3339, e.g. `2026-11-21T06:10:00+03:00`.
    pub start_time: String,
    /// RFC 3339.
    pub end_time: String,
    pub duration_seconds: i64,
    /// `reading` by default.
    #[serde(default = "reading")]
    pub session_type: String,
}

fn reading() -> String {
    SessionType::Reading.as_str().into()
}

/// Letters on each Madani page (index 0 is page 1).
fn page_letters() -> &'static [u32] {
    static LETTERS: OnceLock<Vec<u32>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        let quran = quran_data::quran();
        let mut letters = vec![0u32; quran.pages().len()];
        for ayah in quran.ayahs() {
            if let Some(total) = letters.get_mut(usize::from(ayah.page).saturating_sub(1)) {
                *total += ayah.letters;
            }
        }
        letters
    })
}

/// Ayahs, letters and pages (in thousandths) of `start..=end` in one
/// surah. A page counts in proportion to the letters read on it, so a whole
/// page is exactly 1,000 and one short ayah is a small share.
pub fn count_range(surah: i64, start: i64, end: i64) -> Result<(i64, i64, i64)> {
    let unknown = || {
        Error::invalid(
            "unknown_ayah",
            format!("Surah {surah} has no ayahs {start} to {end}."),
        )
    };
    if start > end {
        return Err(Error::invalid(
            "invalid_range",
            "The start ayah comes after the end ayah.",
        ));
    }
    let as_u16 = |n: i64| u16::try_from(n).map_err(|_| unknown());
    let first = AyahRef::new(as_u16(surah)?, as_u16(start)?).map_err(|_| unknown())?;
    let last = AyahRef::new(as_u16(surah)?, as_u16(end)?).map_err(|_| unknown())?;
    let ayahs = quran_data::quran().range(first, last);
    let mut letters = 0i64;
    // (page, letters read on it), in order; a range touches few pages.
    let mut per_page: Vec<(u16, u32)> = Vec::new();
    for ayah in ayahs {
        letters += i64::from(ayah.letters);
        match per_page.last_mut() {
            Some((page, read)) if *page == ayah.page => *read += ayah.letters,
            _ => per_page.push((ayah.page, ayah.letters)),
        }
    }
    let totals = page_letters();
    let page_thousandths = per_page
        .iter()
        .map(|&(page, read)| {
            let total = totals
                .get(usize::from(page).saturating_sub(1))
                .copied()
                .unwrap_or(0);
            if total == 0 {
                0
            } else {
                (i64::from(read) * 1000 + i64::from(total) / 2) / i64::from(total)
            }
        })
        .sum();
    Ok((ayahs.len() as i64, letters, page_thousandths))
}

/// A time the client sent, and the local day it names.
fn local_time(field: &str, value: &str, zone: &TimeZone) -> Result<(Timestamp, i64)> {
    days::local_time(value, zone).ok_or_else(|| {
        Error::invalid(
            "invalid_time",
            format!("`{field}` must be an RFC 3339 time such as 2026-11-21T06:10:00+03:00."),
        )
    })
}

/// Checks a session and computes what it earned. `now` is the server's
/// clock; `zone` the user's profile time zone; `history` whether it comes
/// in a device's upload of its history, which may be older than
/// [`MAX_AGE_SECONDS`].
pub fn check_session(
    data: &SessionData,
    now: i64,
    zone: &TimeZone,
    history: bool,
) -> Result<Session> {
    let session_type: SessionType =
        data.session_type
            .trim()
            .to_lowercase()
            .parse()
            .map_err(|_| {
                Error::invalid(
                    "invalid_session_type",
                    "`session_type` is reading, listening or memorizing.",
                )
            })?;
    let (ayahs_read, letters, page_thousandths) =
        count_range(data.surah_number, data.start_ayah, data.end_ayah)?;
    let (start, local_day) = local_time("start_time", &data.start_time, zone)?;
    let (end, _) = local_time("end_time", &data.end_time, zone)?;
    let (start, end) = (start.as_second(), end.as_second());
    if end < start {
        return Err(Error::invalid(
            "invalid_time",
            "`end_time` comes before `start_time`.",
        ));
    }
    if end > now + CLOCK_SKEW_SECONDS {
        return Err(Error::invalid(
            "future_time",
            "The session ends in the future: check the device clock.",
        ));
    }
    if start < EARLIEST {
        return Err(Error::invalid(
            "invalid_time",
            "The session starts before the year 2000.",
        ));
    }
    if !history && start < now - MAX_AGE_SECONDS {
        return Err(Error::invalid(
            "too_old",
            "The session is more than 30 days old; only a device's first upload of its history may hold older ones.",
        ));
    }
    if data.duration_seconds <= 0
        || data.duration_seconds > end - start + 60
        || data.duration_seconds > MAX_SECONDS_PER_DAY
    {
        return Err(Error::invalid(
            "invalid_duration",
            "`duration_seconds` is positive and no longer than the time from start to end.",
        ));
    }
    if letters > MAX_LETTERS_PER_SECOND * data.duration_seconds {
        return Err(Error::invalid(
            "too_fast",
            format!(
                "{letters} letters in {} seconds is faster than anyone reads ({MAX_LETTERS_PER_SECOND} a second at most).",
                data.duration_seconds
            ),
        ));
    }
    Ok(Session {
        surah_number: data.surah_number,
        start_ayah: data.start_ayah,
        end_ayah: data.end_ayah,
        start_time: start,
        end_time: end,
        local_day,
        duration_seconds: data.duration_seconds,
        session_type,
        ayahs_read,
        letters,
        hasanat: letters * 10,
        page_thousandths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::days::day_string;

    fn session(
        surah: i64,
        start: i64,
        end: i64,
        from: &str,
        to: &str,
        seconds: i64,
    ) -> SessionData {
        SessionData {
            surah_number: surah,
            start_ayah: start,
            end_ayah: end,
            start_time: from.into(),
            end_time: to.into(),
            duration_seconds: seconds,
            session_type: "reading".into(),
        }
    }

    const NOW: i64 = 1_795_200_000; // 2026-11-20 18:40 UTC

    #[test]
    fn al_fatihah_earns_1390_hasanat_and_is_one_whole_page() {
        let s = check_session(
            &session(1, 1, 7, "2026-11-18T06:00:00Z", "2026-11-18T06:05:00Z", 300),
            NOW,
            &TimeZone::UTC,
            false,
        )
        .unwrap();
        assert_eq!((s.ayahs_read, s.letters, s.hasanat), (7, 139, 1390));
        assert_eq!(s.page_thousandths, 1000);
    }

    #[test]
    fn a_part_of_a_page_counts_as_its_share_of_the_letters() {
        let (ayahs, _, thousandths) = count_range(2, 6, 6).unwrap();
        assert_eq!(ayahs, 1);
        assert!((1..1000).contains(&thousandths), "{thousandths}");
        // The whole of al-Baqarah spans pages 2 to 49: 48 pages.
        let (_, _, whole) = count_range(2, 1, 286).unwrap();
        assert_eq!(whole, 48_000);
    }

    #[test]
    fn impossible_sessions_are_refused_with_a_code() {
        let code = |data: SessionData| match check_session(&data, NOW, &TimeZone::UTC, false) {
            Err(Error::Invalid { code, .. }) => code,
            other => panic!("accepted: {other:?}"),
        };
        let t = ("2026-11-18T06:00:00Z", "2026-11-18T06:05:00Z");
        assert_eq!(code(session(115, 1, 1, t.0, t.1, 60)), "unknown_ayah");
        assert_eq!(code(session(1, 1, 8, t.0, t.1, 60)), "unknown_ayah");
        assert_eq!(code(session(1, 0, 3, t.0, t.1, 60)), "unknown_ayah");
        assert_eq!(code(session(2, 5, 3, t.0, t.1, 60)), "invalid_range");
        assert_eq!(code(session(1, 1, 7, t.1, t.0, 60)), "invalid_time");
        assert_eq!(code(session(1, 1, 7, "yesterday", t.1, 60)), "invalid_time");
        assert_eq!(
            code(session(
                1,
                1,
                7,
                "2027-01-01T00:00:00Z",
                "2027-01-01T00:05:00Z",
                60
            )),
            "future_time"
        );
        assert_eq!(
            code(session(1, 1, 7, t.0, t.1, 301 + 60)),
            "invalid_duration"
        );
        assert_eq!(code(session(1, 1, 7, t.0, t.1, 0)), "invalid_duration");
        let mut listening = session(1, 1, 7, t.0, t.1, 60);
        listening.session_type = "skimming".into();
        assert_eq!(code(listening), "invalid_session_type");
    }

    #[test]
    fn the_local_day_is_where_the_reader_was() {
        let zone = TimeZone::get("America/New_York").unwrap();
        // 23:30 in Makkah on the 18th is 20:30 UTC: the 18th.
        let s = check_session(
            &session(
                1,
                1,
                7,
                "2026-11-18T23:30:00+03:00",
                "2026-11-18T23:35:00+03:00",
                60,
            ),
            NOW,
            &zone,
            false,
        )
        .unwrap();
        assert_eq!(day_string(s.local_day), "2026-11-18");
        // A `Z` time falls back to the profile zone: 02:00 UTC on the 18th
        // is still the 17th in New York.
        let s = check_session(
            &session(1, 1, 7, "2026-11-18T02:00:00Z", "2026-11-18T02:05:00Z", 60),
            NOW,
            &zone,
            false,
        )
        .unwrap();
        assert_eq!(day_string(s.local_day), "2026-11-17");
    }
}
