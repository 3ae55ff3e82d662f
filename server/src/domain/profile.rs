//! What an account's fields may hold: email, password, username, display
//! name, bio, time zone and leaderboard visibility, each checked (and
//! normalized) with its own stable code.

use super::{Error, Result};
use crate::kinds::Visibility;
use crate::store::ProfileChange;

/// Longest email, in bytes once trimmed and lower-cased (RFC 5321's path
/// limit).
pub const MAX_EMAIL_BYTES: usize = 254;

/// Longest bio, in characters.
pub const MAX_BIO_CHARS: usize = 500;

/// A registration as asked for, unchecked.
#[derive(Debug, Clone, Copy)]
pub struct Registration<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub username: &'a str,
    pub display_name: Option<&'a str>,
}

/// A registration's fields, checked and normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub email: String,
    pub username: String,
    pub display_name: String,
}

/// Checks a registration: the email (trimmed, lower-cased), the password,
/// the username and the display name (the username when absent or blank).
pub fn check_registration(request: Registration<'_>) -> Result<Registered> {
    let email = request.email.trim().to_lowercase();
    let (local, domain) = email.split_once('@').unwrap_or(("", ""));
    if email.len() > MAX_EMAIL_BYTES
        || local.is_empty()
        || !domain.contains('.')
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(
            "invalid_email",
            "Enter a valid email address.",
        ));
    }
    check_password(request.password)?;
    let username = check_username(request.username)?;
    let display_name = match request.display_name {
        Some(name) if !name.trim().is_empty() => check_display_name(name)?,
        _ => username.clone(),
    };
    Ok(Registered {
        email,
        username,
        display_name,
    })
}

/// 8 to 128 characters.
pub fn check_password(password: &str) -> Result<()> {
    if (8..=128).contains(&password.chars().count()) {
        Ok(())
    } else {
        Err(Error::invalid(
            "invalid_password",
            "A password needs 8 to 128 characters.",
        ))
    }
}

/// 3 to 30 of a–z, 0–9 and `_`, lowercased.
pub fn check_username(username: &str) -> Result<String> {
    let username = username.trim().to_lowercase();
    let ok = (3..=30).contains(&username.chars().count())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(username)
    } else {
        Err(Error::invalid(
            "invalid_username",
            "A username has 3 to 30 characters: letters a–z, digits and _.",
        ))
    }
}

/// 1 to 100 characters, no forbidden character, trimmed.
pub fn check_display_name(name: &str) -> Result<String> {
    super::check_text(
        name,
        "invalid_display_name",
        "A display name",
        (1, 100),
        false,
    )
}

/// At most [`MAX_BIO_CHARS`] characters (counted before trimming), lines
/// allowed, no other forbidden character.
pub fn check_bio(bio: &str) -> Result<String> {
    if bio.chars().count() > MAX_BIO_CHARS {
        return Err(Error::invalid(
            "invalid_bio",
            format!("A bio has at most {MAX_BIO_CHARS} characters."),
        ));
    }
    super::check_characters(bio, "A bio", true)?;
    Ok(bio.trim().to_owned())
}

/// Who sees the user on leaderboards.
pub fn check_visibility(visibility: &str) -> Result<Visibility> {
    visibility.trim().parse().map_err(|_| {
        Error::invalid(
            "invalid_visibility",
            "Leaderboard visibility is everyone, circles (friends, groups and competitions) or hidden.",
        )
    })
}

/// A known IANA zone name (`Europe/London`, `UTC`); the app sends the
/// device's own. Days, streaks and leaderboard periods follow it.
pub fn check_time_zone(zone: &str) -> Result<String> {
    let zone = zone.trim();
    if zone.len() <= 64 && jiff::tz::TimeZone::get(zone).is_ok() {
        Ok(zone.to_owned())
    } else {
        Err(Error::invalid(
            "invalid_time_zone",
            "A time zone is an IANA name such as Europe/London.",
        ))
    }
}

/// Profile changes as asked for, unchecked; `None` leaves a field as it
/// is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Update<'a> {
    pub display_name: Option<&'a str>,
    pub username: Option<&'a str>,
    pub bio: Option<&'a str>,
    pub time_zone: Option<&'a str>,
    pub leaderboard_visibility: Option<&'a str>,
}

/// Checks every field of a profile update.
pub fn check_update(update: Update<'_>) -> Result<ProfileChange> {
    let bio = update.bio.map(check_bio).transpose()?;
    Ok(ProfileChange {
        display_name: update.display_name.map(check_display_name).transpose()?,
        username: update.username.map(check_username).transpose()?,
        bio,
        time_zone: update.time_zone.map(check_time_zone).transpose()?,
        leaderboard_visibility: update
            .leaderboard_visibility
            .map(check_visibility)
            .transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T: std::fmt::Debug>(result: Result<T>) -> Option<&'static str> {
        result.err().and_then(|e| e.code())
    }

    #[test]
    fn profile_fields_are_checked() {
        assert_eq!(check_visibility(" hidden ").ok(), Some(Visibility::Hidden));
        assert_eq!(
            check_visibility("friends").err().and_then(|e| e.code()),
            Some("invalid_visibility")
        );
        assert_eq!(
            check_time_zone(" Europe/London ").ok().as_deref(),
            Some("Europe/London")
        );
        assert_eq!(
            check_time_zone("Mars/Olympus").err().and_then(|e| e.code()),
            Some("invalid_time_zone")
        );
    }

    #[test]
    fn a_registration_is_normalized_and_checked_in_order() {
        let ok = Registration {
            email: " Ann@Example.ORG ",
            password: "correct horse",
            username: " Ann_1 ",
            display_name: Some("  "),
        };
        assert_eq!(
            check_registration(ok).ok(),
            Some(Registered {
                email: "ann@example.org".into(),
                username: "ann_1".into(),
                display_name: "ann_1".into(),
            }),
            "a blank display name falls back to the username"
        );
        let bad_email = Registration {
            email: "ann@localhost",
            ..ok
        };
        assert_eq!(code(check_registration(bad_email)), Some("invalid_email"));
        let short = Registration {
            password: "short",
            ..ok
        };
        assert_eq!(code(check_registration(short)), Some("invalid_password"));
        let odd = Registration {
            username: "ann-1",
            ..ok
        };
        assert_eq!(code(check_registration(odd)), Some("invalid_username"));
    }

    #[test]
    fn an_update_checks_the_bio_first_and_trims_it() {
        let long = "x".repeat(MAX_BIO_CHARS + 1);
        let update = Update {
            bio: Some(&long),
            username: Some("!"),
            ..Update::default()
        };
        assert_eq!(code(check_update(update)), Some("invalid_bio"));
        let update = Update {
            bio: Some("  salaam  "),
            ..Update::default()
        };
        assert_eq!(
            check_update(update).ok().and_then(|c| c.bio).as_deref(),
            Some("salaam")
        );
    }
}
