//! Reading progress as the server counts it: a session names an ayah range
//! and a time span; Hasanat, ayahs and pages are computed here from the
//! bundled text (clients never claim totals), and impossible sessions are
//! refused with a stable code.
//!
//! Time zones: a session's local day is the civil date of its start in the
//! offset the client sent (`2026-11-21T23:30:00+03:00` is the 21st, wherever
//! the user is now), so streaks survive travel; a UTC time written with `Z`
//! ("offset unknown", RFC 9557) falls back to the user's profile time zone.

use std::sync::OnceLock;

use companion_core::AyahRef;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The most reading one user can record on one day: the day itself.
pub const MAX_SECONDS_PER_DAY: i64 = 86_400;

/// How far a client clock may run ahead of the server's.
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// The earliest start accepted (2000-01-01): older dates are typos.
const EARLIEST: i64 = 946_684_800;

/// Kinds of reading session.
pub const SESSION_TYPES: [&str; 3] = ["reading", "listening", "memorizing"];

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
    "reading".into()
}

/// What the server records for a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub surah_number: i64,
    pub start_ayah: i64,
    pub end_ayah: i64,
    pub start_time: i64,
    pub end_time: i64,
    /// The local civil day of the start, as days since 1970-01-01.
    pub local_day: i64,
    pub duration_seconds: i64,
    pub session_type: String,
    pub ayahs_read: i64,
    pub letters: i64,
    pub hasanat: i64,
    pub page_thousandths: i64,
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
fn parse_time(field: &str, value: &str, zone: &TimeZone) -> Result<(Timestamp, i64)> {
    let bad = || {
        Error::invalid(
            "invalid_time",
            format!("`{field}` must be an RFC 3339 time such as 2026-11-21T06:10:00+03:00."),
        )
    };
    let at: Timestamp = value.trim().parse().map_err(|_| bad())?;
    let local = match Pieces::parse(value.trim()).ok().and_then(|p| p.offset()) {
        Some(PiecesOffset::Numeric(offset)) => at.to_zoned(TimeZone::fixed(offset.offset())),
        _ => at.to_zoned(zone.clone()),
    };
    Ok((at, day_number(local.date())))
}

/// Days since 1970-01-01 of a civil date.
pub fn day_number(date: jiff::civil::Date) -> i64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    i64::from(date.since(epoch).map(|span| span.get_days()).unwrap_or(0))
}

/// Checks a session and computes what it earned. `now` is the server's
/// clock; `zone` the user's profile time zone.
pub fn check_session(data: &SessionData, now: i64, zone: &TimeZone) -> Result<Session> {
    let session_type = data.session_type.trim().to_lowercase();
    if !SESSION_TYPES.contains(&session_type.as_str()) {
        return Err(Error::invalid(
            "invalid_session_type",
            "`session_type` is reading, listening or memorizing.",
        ));
    }
    let (ayahs_read, letters, page_thousandths) =
        count_range(data.surah_number, data.start_ayah, data.end_ayah)?;
    let (start, local_day) = parse_time("start_time", &data.start_time, zone)?;
    let (end, _) = parse_time("end_time", &data.end_time, zone)?;
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
    if data.duration_seconds <= 0
        || data.duration_seconds > end - start + 60
        || data.duration_seconds > MAX_SECONDS_PER_DAY
    {
        return Err(Error::invalid(
            "invalid_duration",
            "`duration_seconds` is positive and no longer than the time from start to end.",
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

/// The user's profile time zone, or UTC if it is not a known zone.
pub fn zone_or_utc(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// Unix second at which the local day `days_back` days before today (in
/// `zone`) began; 0 is the start of today.
pub fn local_day_start(now: i64, zone: &TimeZone, days_back: i64) -> i64 {
    let today = Timestamp::from_second(now)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(zone.clone())
        .date();
    let day = today
        .checked_sub(jiff::Span::new().days(days_back))
        .unwrap_or(today);
    day.to_zoned(zone.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(now)
}

/// Today's day number in `zone`.
pub fn today(now: i64, zone: &TimeZone) -> i64 {
    day_number(
        Timestamp::from_second(now)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned(zone.clone())
            .date(),
    )
}

/// A Unix second as an RFC 3339 time in UTC (`2026-11-21T06:10:00Z`).
pub fn rfc3339(second: i64) -> String {
    Timestamp::from_second(second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The civil date of a day number, as `YYYY-MM-DD`.
pub fn day_string(day: i64) -> String {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Current and longest runs of consecutive days in `days` (any order,
/// duplicates allowed). The current run is alive if it reaches today or
/// yesterday: today is not over yet.
pub fn streaks(days: &[i64], today: i64) -> (i64, i64) {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous = None;
    for &day in &days {
        run = if previous == Some(day - 1) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let current = match days.last() {
        Some(&last) if last >= today - 1 => run,
        _ => 0,
    };
    (current, longest)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let code = |data: SessionData| match check_session(&data, NOW, &TimeZone::UTC) {
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
        )
        .unwrap();
        assert_eq!(day_string(s.local_day), "2026-11-18");
        // A `Z` time falls back to the profile zone: 02:00 UTC on the 18th
        // is still the 17th in New York.
        let s = check_session(
            &session(1, 1, 7, "2026-11-18T02:00:00Z", "2026-11-18T02:05:00Z", 60),
            NOW,
            &zone,
        )
        .unwrap();
        assert_eq!(day_string(s.local_day), "2026-11-17");
    }

    #[test]
    fn streaks_count_consecutive_days_and_forgive_an_unfinished_today() {
        assert_eq!(streaks(&[], 100), (0, 0));
        assert_eq!(streaks(&[98, 99, 99, 97], 100), (3, 3));
        assert_eq!(streaks(&[100, 99, 90, 91, 92, 93], 100), (2, 4));
        assert_eq!(streaks(&[97, 98], 100), (0, 2));
    }

    #[test]
    fn local_days_start_at_local_midnight_across_dst() {
        let zone = TimeZone::get("Europe/London").unwrap();
        // 2026-03-29 is the spring change in London; at noon that day the
        // day began at 00:00 GMT = 00:00 UTC.
        let noon = "2026-03-29T11:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
            .as_second();
        let start = local_day_start(noon, &zone, 0);
        assert_eq!(
            Timestamp::from_second(start).unwrap().to_string(),
            "2026-03-29T00:00:00Z"
        );
        // The day before also began at midnight GMT, 24 hours earlier.
        assert_eq!(local_day_start(noon, &zone, 1), start - 86_400);
        // The day after the change began at 00:00 BST = 23:00 UTC.
        let next_noon = noon + 86_400;
        assert_eq!(local_day_start(next_noon, &zone, 0), start + 23 * 3600);
    }
}
