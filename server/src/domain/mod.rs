//! The rules of the server, between `http` (which extracts requests,
//! authorizes and maps errors to statuses) and `store` (which only runs
//! SQL). One module per area; each takes the store and "now" as arguments
//! (never reading a clock), keeps its pure rules in plain functions tested
//! without HTTP or a database, and answers with [`Error`], whose stable
//! codes clients switch on.
//!
//! - `accounts`: the signed-in account, registration and profile changes,
//!   refresh-token rotation.
//! - `profile`: what an account's fields may hold.
//! - `people`: finding people, follows, who may see whose reading.
//! - `sessions`: counting and checking one reading session.
//! - `days`: local days, today, and how times are written.
//! - `sync`: checking pushed events, the 24-hours-a-day rule, pulling.
//! - `stats`: totals, streaks and history.
//! - `membership`: invite codes and joining, for groups and competitions.
//! - `groups`, `competitions`: who may read, join and administer;
//!   `invitations`: an admin invites one user to a group.
//! - `boards`: periods, ranks and the leaderboard cache.
//! - `chat`: conversations, messages, reactions, blocks and mutes;
//!   `typing`: who is told that someone is typing.
//! - `notifications`: the inbox, per-kind settings, mentions;
//!   `announcements`: competitions starting and ending, told by a timer;
//!   `ranks`: rank changes in running competitions, told after a push.
//! - `feed`: the Daily Deen feed, who sees which post, reactions;
//!   `milestones`: the posts the server makes from synced reading
//!   (khatm, streaks, achievements, competition results).
//! - `khatmah`: group khatmahs, their portions, deadline reminders.
//! - `goals`, `focus`, `dhikr`: the planning API over the synced
//!   `goal_set`/`goal_removed`, `focus_session` and `dhikr_session`
//!   events; `achievements`: core's catalogue over the synced reading;
//!   `calendar`: prayer times and Hijri dates by core's rules;
//!   `verification`: email verification tokens.
//!
//! A new area is a new module here with its store queries in `store/` and
//! its routes in `http/`.
//!
//! Never here: axum, status codes, response shapes, SQL. The one request
//! shape here is `sessions::SessionData`, the data of a reading-session
//! event, because checking events means parsing it.

pub mod accounts;
pub mod achievements;
pub mod announcements;
pub mod board_cache;
pub mod boards;
pub mod calendar;
pub mod chat;
pub mod competitions;
pub mod days;
pub mod dhikr;
mod error;
pub mod feed;
pub mod focus;
pub mod goals;
pub mod groups;
pub mod invitations;
pub mod khatmah;
pub mod membership;
pub mod milestones;
pub mod notifications;
pub mod people;
pub mod profile;
pub mod ranks;
pub mod sessions;
pub mod stats;
pub mod sync;
pub mod typing;
pub mod verification;

pub use error::{Error, Result};

/// Whether `c` may not appear in text other people read: control
/// characters (NUL, ESC, DEL, C1; line breaks and tabs only where text has
/// lines) and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which reorder what a reader sees. The
/// ordinary marks U+200E and U+200F stay allowed: right-to-left text needs
/// them.
pub fn is_forbidden_char(c: char, multiline: bool) -> bool {
    let control = c.is_control() && !(multiline && matches!(c, '\n' | '\t'));
    control || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuses text holding a character of [`is_forbidden_char`], with the
/// code `forbidden_characters`.
pub fn check_characters(value: &str, what: &str, multiline: bool) -> Result<()> {
    if value.chars().any(|c| is_forbidden_char(c, multiline)) {
        Err(Error::invalid(
            "forbidden_characters",
            format!("{what} may not hold control characters or bidirectional overrides."),
        ))
    } else {
        Ok(())
    }
}

/// Checks a free-text field: trimmed, `min` to `max` characters, no
/// forbidden character ([`check_characters`]; line breaks allowed when
/// `multiline`).
pub fn check_text(
    value: &str,
    code: &'static str,
    what: &str,
    (min, max): (usize, usize),
    multiline: bool,
) -> Result<String> {
    check_characters(value, what, multiline)?;
    let value = value.trim();
    let count = value.chars().count();
    if (min..=max).contains(&count) {
        Ok(value.to_owned())
    } else {
        Err(Error::invalid(
            code,
            format!("{what} has {min} to {max} characters."),
        ))
    }
}

/// A page size: `default` when absent, otherwise 1 to 100 (or up to
/// `default` when that is larger).
pub fn limit(asked: Option<i64>, default: i64) -> Result<i64> {
    let most = default.max(100);
    match asked {
        None => Ok(default),
        Some(n) if (1..=most).contains(&n) => Ok(n),
        Some(_) => Err(Error::invalid(
            "invalid_limit",
            format!("`limit` is from 1 to {most}."),
        )),
    }
}

/// A page offset: 0 or more.
pub fn offset(asked: Option<i64>) -> Result<i64> {
    match asked {
        None => Ok(0),
        Some(n) if n >= 0 => Ok(n),
        Some(_) => Err(Error::invalid("invalid_offset", "`offset` is 0 or more.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded_and_free_of_control_characters() {
        let check =
            |value, multiline| check_text(value, "invalid_name", "A name", (3, 10), multiline);
        assert_eq!(check("  Fajr  ", false).ok().as_deref(), Some("Fajr"));
        assert!(check("ab", false).is_err(), "too short once trimmed");
        assert!(check("abcdefghijk", false).is_err(), "too long");
        assert!(check("a\nb c", false).is_err(), "no line break in one line");
        assert_eq!(check("a\nb c", true).ok().as_deref(), Some("a\nb c"));
        let code = |value, multiline| check(value, multiline).err().and_then(|e| e.code());
        for bad in [
            "a\u{7}bc",
            "a\u{0}bc",
            "a\u{1b}bc",
            "a\u{9b}bc",
            "a\u{202E}cba",
            "a\u{2066}bc",
        ] {
            assert_eq!(code(bad, true), Some("forbidden_characters"), "{bad:?}");
        }
        assert_eq!(
            code("\u{0}", true),
            Some("forbidden_characters"),
            "the characters are checked before the length"
        );
        assert_eq!(
            check("سلام\u{200F}", false).ok().as_deref(),
            Some("سلام\u{200F}")
        );
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(limit(None, 50).ok(), Some(50));
        assert_eq!(limit(Some(100), 50).ok(), Some(100));
        assert_eq!(
            limit(Some(500), 500).ok(),
            Some(500),
            "a larger default is the most"
        );
        assert_eq!(
            limit(Some(0), 50).err().and_then(|e| e.code()),
            Some("invalid_limit")
        );
        assert_eq!(
            offset(Some(-1)).err().and_then(|e| e.code()),
            Some("invalid_offset")
        );
    }
}
