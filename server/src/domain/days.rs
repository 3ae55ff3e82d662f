//! Days as readers live them: a session's local day, today and the start
//! of a local day in a time zone, across DST changes; and how days and
//! times are written (RFC 3339, `YYYY-MM-DD`).
//!
//! A session's local day is the civil date of its start in the offset the
//! client sent (`2026-11-21T23:30:00+03:00` is the 21st, wherever the user
//! is now), so streaks survive travel; a UTC time written with `Z`
//! ("offset unknown", RFC 9557) falls back to the user's profile time zone.

use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Days since 1970-01-01 of a civil date.
pub fn day_number(date: jiff::civil::Date) -> i64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    i64::from(date.since(epoch).map(|span| span.get_days()).unwrap_or(0))
}

/// A time the client sent, and the local day it names.
pub fn local_time(value: &str, zone: &TimeZone) -> Option<(Timestamp, i64)> {
    let at: Timestamp = value.trim().parse().ok()?;
    let local = match Pieces::parse(value.trim()).ok().and_then(|p| p.offset()) {
        Some(PiecesOffset::Numeric(offset)) => at.to_zoned(TimeZone::fixed(offset.offset())),
        _ => at.to_zoned(zone.clone()),
    };
    Some((at, day_number(local.date())))
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

/// An RFC 3339 time as a Unix second.
pub fn parse_rfc3339(value: &str) -> Option<i64> {
    value.parse::<Timestamp>().ok().map(|t| t.as_second())
}

/// The longest span a focus or dhikr session may cover: 12 hours.
pub const MAX_SPAN_SECONDS: i64 = 12 * 3600;

/// A finished span of time from `start` to `end` (RFC 3339): in order, at
/// most [`MAX_SPAN_SECONDS`] long, not ending after `now` (a minute of
/// clock skew allowed): (start, end) in Unix seconds.
pub fn check_span(start: &str, end: &str, now: i64) -> super::Result<(i64, i64)> {
    let invalid = |message: &str| super::Error::invalid("invalid_time", message.to_owned());
    let start = parse_rfc3339(start).ok_or_else(|| invalid("`start_time` is an RFC 3339 time."))?;
    let end = parse_rfc3339(end).ok_or_else(|| invalid("`end_time` is an RFC 3339 time."))?;
    if end < start || end - start > MAX_SPAN_SECONDS {
        return Err(invalid(
            "`end_time` is after `start_time`, at most 12 hours later.",
        ));
    }
    if end > now + 60 {
        return Err(super::Error::invalid(
            "future_time",
            "The session ends in the future: check the device clock.",
        ));
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

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
