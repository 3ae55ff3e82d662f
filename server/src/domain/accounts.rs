//! Accounts: the signed-in user's own row, registration and profile
//! changes, what a taken email or username means to the caller, and the
//! life of refresh tokens (each works once; one used twice was copied,
//! and ends every session of its sign-in). Passwords, access tokens and
//! the lockout are `crate::auth`'s.

use super::{Error, Result};
use crate::kinds::{NotificationKind, PostReaction, PostVisibility};
use crate::store::{
    self, EventRow, Follows, GroupRow, HeldPortion, InvitationRow, NotificationRow, PostRow,
    ProfileChange, RefreshRow, SessionRow, Store, UserRow,
};

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
    /// Their feed posts, oldest first.
    pub posts: Vec<PostRow>,
    /// Their reactions to posts: (post id, reaction, when).
    pub reactions: Vec<(i64, PostReaction, i64)>,
    /// Their inbox, newest first.
    pub notifications: Vec<NotificationRow>,
    /// Every kind of notification and whether they have it on.
    pub notification_settings: Vec<(NotificationKind, bool)>,
    /// Who sees the milestone posts the server makes for them.
    pub feed_milestones: PostVisibility,
    /// The khatmah portions they hold, done or not.
    pub portions: Vec<HeldPortion>,
    /// The invitations to groups they received, answered ones too.
    pub invitations: Vec<InvitationRow>,
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
        posts: store.posts_of(id).await?,
        reactions: store.reactions_by(id).await?,
        notifications: store.notifications(id, None, i64::MAX).await?,
        notification_settings: super::notifications::settings(store, id).await?,
        feed_milestones: super::feed::milestone_visibility(store, id).await?,
        portions: store.portions_held(id).await?,
        invitations: store.invitations_of(id, false).await?,
    })
}

/// What a refresh token traded in is worth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trade {
    /// New tokens for this user, in the same sign-in.
    Renew { user_id: String, family_id: String },
    /// Nothing: unknown, revoked or expired.
    Refuse,
    /// Nothing, and the sign-in ends: the token was used before, so it was
    /// copied.
    Reused { user_id: String, family_id: String },
}

/// Judges a stored refresh token at `now`; `won` says whether this trade
/// was the one that marked it used.
pub fn judge_refresh(row: &RefreshRow, won: bool, now: i64) -> Trade {
    if row.revoked || row.expires_at <= now {
        Trade::Refuse
    } else if row.replaced || !won {
        Trade::Reused {
            user_id: row.user_id.clone(),
            family_id: row.family_id.clone(),
        }
    } else {
        Trade::Renew {
            user_id: row.user_id.clone(),
            family_id: row.family_id.clone(),
        }
    }
}

/// Trades the refresh token with this hash at `now`: the user and sign-in
/// to issue new tokens for, or `None`. A reused token ends its sign-in.
pub async fn trade_refresh(
    store: &Store,
    hash: &str,
    now: i64,
) -> Result<Option<(String, String)>> {
    let Some((row, won)) = store.take_refresh(hash).await? else {
        return Ok(None);
    };
    match judge_refresh(&row, won, now) {
        Trade::Renew { user_id, family_id } => Ok(Some((user_id, family_id))),
        Trade::Refuse => Ok(None),
        Trade::Reused { user_id, family_id } => {
            tracing::warn!(user = %user_id, "refresh token reused; revoking its family");
            store.revoke_family(&family_id).await?;
            // Whoever copied the token may hold an access token from it.
            store.bump_token_version(&user_id).await?;
            Ok(None)
        }
    }
}

/// Stores a new refresh token (by hash) of a sign-in.
pub async fn keep_refresh(
    store: &Store,
    hash: &str,
    (user_id, family_id): (&str, &str),
    expires_at: i64,
) -> Result<()> {
    Ok(store
        .insert_refresh(hash, user_id, family_id, expires_at)
        .await?)
}

/// Ends the sign-in of the refresh token with this hash, and every access
/// token of its user; an unknown token is not an error.
pub async fn sign_out(store: &Store, hash: &str) -> Result<()> {
    if let Some((family, user)) = store.family_of(hash).await? {
        store.revoke_family(&family).await?;
        // Access tokens are not tied to a sign-in: all of the user's end,
        // and the other devices refresh theirs.
        store.bump_token_version(&user).await?;
    }
    Ok(())
}

/// The version the user's new access tokens carry; gone if the account
/// was deleted.
pub async fn token_version(store: &Store, id: &str) -> Result<i64> {
    store.token_version(id).await?.ok_or(Error::AccountGone)
}

/// The account with this email (already trimmed and lower-cased), if any.
pub async fn by_email(store: &Store, email: &str) -> Result<Option<UserRow>> {
    Ok(store.user_by_email(email).await?)
}

/// Records a successful sign-in.
pub async fn signed_in(store: &Store, id: &str) -> Result<()> {
    Ok(store.touch_login(id).await?)
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
    fn a_refresh_token_works_once_and_a_second_use_ends_the_sign_in() {
        let row = RefreshRow {
            user_id: "u".into(),
            family_id: "f".into(),
            expires_at: 100,
            replaced: false,
            revoked: false,
        };
        let renew = Trade::Renew {
            user_id: "u".into(),
            family_id: "f".into(),
        };
        let reused = Trade::Reused {
            user_id: "u".into(),
            family_id: "f".into(),
        };
        assert_eq!(judge_refresh(&row, true, 99), renew);
        assert_eq!(
            judge_refresh(&row, true, 100),
            Trade::Refuse,
            "expired at its end"
        );
        assert_eq!(
            judge_refresh(&row, false, 99),
            reused,
            "a racing trade lost"
        );
        let used = RefreshRow {
            replaced: true,
            ..row.clone()
        };
        assert_eq!(judge_refresh(&used, false, 99), reused);
        let revoked = RefreshRow {
            revoked: true,
            ..row
        };
        assert_eq!(judge_refresh(&revoked, false, 99), Trade::Refuse);
    }
}
