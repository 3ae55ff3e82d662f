//! Accounts: the signed-in user's own row, registration and profile
//! changes, and what a taken email or username means to the caller.

use super::{Error, Result};
use crate::kinds::Visibility;
use crate::store::{self, EventRow, Follows, GroupRow, ProfileChange, SessionRow, Store, UserRow};

/// Everything the server holds about one user.
#[derive(Debug)]
pub struct Export {
    pub account: UserRow,
    pub sessions: Vec<SessionRow>,
    pub events: Vec<EventRow>,
    /// Usernames.
    pub following: Vec<String>,
    /// Usernames.
    pub followers: Vec<String>,
    pub groups: Vec<GroupRow>,
}

/// What a taken unique column of `users` means.
fn taken(column: &str) -> Error {
    match column {
        "email" => Error::conflict("email_taken", "An account with this email already exists."),
        _ => Error::conflict("username_taken", "This username is taken."),
    }
}

fn map_taken(error: store::Error) -> Error {
    match error {
        store::Error::Taken { column } => taken(column),
        other => other.into(),
    }
}

/// The signed-in user's account; gone if it was deleted meanwhile.
pub async fn account(store: &Store, id: &str) -> Result<UserRow> {
    store.user_by_id(id).await?.ok_or(Error::AccountGone)
}

/// Stores a new account; a taken email or username is a conflict.
pub async fn register(store: &Store, user: &UserRow) -> Result<()> {
    store.create_user(user).await.map_err(map_taken)
}

/// Applies a profile change; a taken username is a conflict.
pub async fn update_profile(store: &Store, id: &str, change: &ProfileChange) -> Result<()> {
    store.update_profile(id, change).await.map_err(map_taken)
}

/// Replaces the password hash; every session of the account ends, so
/// whoever knew the old password is out.
pub async fn set_password(store: &Store, id: &str, password_hash: &str) -> Result<()> {
    Ok(store.set_password(id, password_hash).await?)
}

/// Deletes the account and everything that belongs to it.
pub async fn delete(store: &Store, id: &str) -> Result<()> {
    Ok(store.delete_user(id).await?)
}

/// Everything the server holds about the signed-in user.
pub async fn export(store: &Store, id: &str) -> Result<Export> {
    let names = |people: Vec<store::Person>| people.into_iter().map(|p| p.username).collect();
    Ok(Export {
        account: account(store, id).await?,
        sessions: store.all_sessions(id).await?,
        events: store.all_events(id).await?,
        following: names(store.follow_list(id, Follows::Following).await?),
        followers: names(store.follow_list(id, Follows::Followers).await?),
        groups: store.groups_of(id).await?,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_email_and_a_taken_username_have_their_own_codes() {
        assert_eq!(taken("email").code(), Some("email_taken"));
        assert_eq!(taken("username").code(), Some("username_taken"));
        let other = map_taken(store::Error::NotFound);
        assert_eq!(other.code(), None, "other store failures stay failures");
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
}
