//! Accounts and their refresh tokens.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::error::{is_unique_violation, names_column};
use super::groups::leave_group_in;
use super::{Error, Result, Store};
use crate::kinds::{ActivityType, Visibility};

/// How long a token version read from the database is trusted, in
/// seconds: the longest another node may accept an access token its user
/// revoked.
pub const VERSION_TTL_SECONDS: i64 = 5;

/// The most token versions kept in memory (the map is emptied when full).
const MAX_CACHED_VERSIONS: usize = 100_000;

/// A user as stored.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub time_zone: String,
    pub leaderboard_visibility: Visibility,
    pub password_hash: String,
    pub created_at: i64,
    /// Whether the email address was verified (`email_verifications`).
    pub email_verified: bool,
}

/// The columns of a user, with whether their email is verified.
const USER_COLUMNS: &str =
    "id, email, username, display_name, bio, time_zone, leaderboard_visibility,
    password_hash, created_at,
    (SELECT COUNT(*) FROM email_verifications v
     WHERE v.user_id = users.id AND v.verified_at IS NOT NULL) AS email_verified";

/// Changes to a profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    pub display_name: Option<String>,
    pub username: Option<String>,
    pub bio: Option<String>,
    pub time_zone: Option<String>,
    pub leaderboard_visibility: Option<Visibility>,
}

/// A refresh token as stored.
#[derive(Debug, Clone)]
pub struct RefreshRow {
    pub user_id: String,
    pub family_id: String,
    pub expires_at: i64,
    pub replaced: bool,
    pub revoked: bool,
}

impl Store {
    /// Creates a user; a taken email or username is a conflict.
    pub async fn create_user(&self, user: &UserRow) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO users (id, email, username, display_name, password_hash, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&user.id)
        .bind(&user.email)
        .bind(&user.username)
        .bind(&user.display_name)
        .bind(&user.password_hash)
        .bind(user.created_at)
        .bind(user.created_at)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => Ok(()),
            Err(error) if is_unique_violation(&error) => Err(Error::Taken {
                column: if names_column(&error, "users", "email") {
                    "email"
                } else {
                    "username"
                },
            }),
            Err(error) => Err(error.into()),
        }
    }

    fn user_from(row: &AnyRow) -> Result<UserRow> {
        Ok(UserRow {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            username: row.try_get("username")?,
            display_name: row.try_get("display_name")?,
            bio: row.try_get("bio")?,
            time_zone: row.try_get("time_zone")?,
            leaderboard_visibility: row
                .try_get::<String, _>("leaderboard_visibility")?
                .parse()?,
            password_hash: row.try_get("password_hash")?,
            created_at: row.try_get("created_at")?,
            email_verified: row.try_get::<i64, _>("email_verified")? > 0,
        })
    }

    /// The user with this email, if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>> {
        self.optional(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"),
            email,
            Self::user_from,
        )
        .await
    }

    /// The user with this username, if any.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRow>> {
        self.optional(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"),
            username,
            Self::user_from,
        )
        .await
    }

    /// The time zone in the profile of the user with this id, if any.
    pub async fn time_zone(&self, id: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT time_zone FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("time_zone")).transpose()?)
    }

    /// The user with this id, if any.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>> {
        self.optional(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
            id,
            Self::user_from,
        )
        .await
    }

    /// Applies a profile change; a taken username is a conflict.
    pub async fn update_profile(&self, id: &str, change: &ProfileChange) -> Result<()> {
        let done = sqlx::query(
            "UPDATE users SET
                display_name = COALESCE($1, display_name),
                username = COALESCE($2, username),
                bio = COALESCE($3, bio),
                time_zone = COALESCE($4, time_zone),
                leaderboard_visibility = COALESCE($5, leaderboard_visibility),
                updated_at = $6
             WHERE id = $7",
        )
        .bind(&change.display_name)
        .bind(&change.username)
        .bind(&change.bio)
        .bind(&change.time_zone)
        .bind(change.leaderboard_visibility.map(Visibility::as_str))
        .bind(self.clock.now())
        .bind(id)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => {
                self.boards_changed();
                Ok(())
            }
            Err(error) if is_unique_violation(&error) => Err(Error::Taken { column: "username" }),
            Err(error) => Err(error.into()),
        }
    }

    /// Replaces the password hash and ends every session of the user.
    pub async fn set_password(&self, id: &str, password_hash: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE users SET password_hash = $1, updated_at = $2, token_version = token_version + 1
             WHERE id = $3",
        )
            .bind(password_hash)
            .bind(self.clock.now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.forget_version(id);
        Ok(())
    }

    /// Deletes a user and everything that belongs to them, in one
    /// transaction: all of it or, if anything fails, nothing. They leave
    /// their groups first, so counts stay right and every group keeps an
    /// admin.
    pub async fn delete_user(&self, id: &str) -> Result<()> {
        // SQLite has one writer: wait here, like pushes, not in its busy
        // loop.
        let _turn = match self.sqlite {
            true => Some(self.writes.lock().await),
            false => None,
        };
        let mut tx = self.pool.begin().await?;
        // Write first: the user's row lock (no push of theirs runs
        // meanwhile), and on SQLite the write lock before any read.
        sqlx::query("UPDATE users SET sync_seq = sync_seq WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let groups = sqlx::query("SELECT group_id FROM group_members WHERE user_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        let now = self.clock.now();
        for group in groups {
            let group: String = group.try_get(0)?;
            leave_group_in(&mut tx, &group, id, (ActivityType::MemberLeft, now)).await?;
        }
        sqlx::query(
            "UPDATE competitions SET participant_count = participant_count - 1
             WHERE id IN (SELECT competition_id FROM competition_participants WHERE user_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.forget_version(id);
        self.boards_changed();
        Ok(())
    }

    /// Records a successful login.
    pub async fn touch_login(&self, id: &str) -> Result<()> {
        sqlx::query("UPDATE users SET last_login = $1 WHERE id = $2")
            .bind(self.clock.now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a new refresh token (by hash).
    pub async fn insert_refresh(
        &self,
        token_hash: &str,
        user_id: &str,
        family_id: &str,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(family_id)
        .bind(expires_at)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a refresh token as used, atomically: one statement, so only
    /// one caller can replace a token and two racing refreshes cannot both
    /// succeed, and no transaction reads before it writes (on SQLite that
    /// upgrade fails with SQLITE_BUSY when a push wrote meanwhile). A
    /// token of a family that has a revoked token is never replaced.
    /// Returns the row as it was before and whether this call replaced
    /// it, or `None` for an unknown token.
    pub async fn take_refresh(&self, token_hash: &str) -> Result<Option<(RefreshRow, bool)>> {
        let won = sqlx::query(
            "UPDATE refresh_tokens SET replaced = 1
             WHERE token_hash = $1 AND replaced = 0 AND revoked = 0
               AND NOT EXISTS (SELECT 1 FROM refresh_tokens f
                               WHERE f.family_id = refresh_tokens.family_id AND f.revoked = 1)
             RETURNING user_id, family_id, expires_at",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = won {
            let found = RefreshRow {
                user_id: row.try_get("user_id")?,
                family_id: row.try_get("family_id")?,
                expires_at: row.try_get("expires_at")?,
                replaced: false,
                revoked: false,
            };
            return Ok(Some((found, true)));
        }
        // Lost: say why (unknown, replaced before, or its family revoked).
        let row = sqlx::query(
            "SELECT r.user_id, r.family_id, r.expires_at, r.replaced,
                    (SELECT MAX(f.revoked) FROM refresh_tokens f WHERE f.family_id = r.family_id) AS revoked
             FROM refresh_tokens r WHERE r.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let found = RefreshRow {
            user_id: row.try_get("user_id")?,
            family_id: row.try_get("family_id")?,
            expires_at: row.try_get("expires_at")?,
            replaced: row.try_get::<i64, _>("replaced")? != 0,
            revoked: row.try_get::<i64, _>("revoked")? != 0,
        };
        Ok(Some((found, false)))
    }

    /// Revokes every token of a login family.
    pub async fn revoke_family(&self, family_id: &str) -> Result<()> {
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE family_id = $1")
            .bind(family_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The family of a refresh token and its user, if the token is known.
    pub async fn family_of(&self, token_hash: &str) -> Result<Option<(String, String)>> {
        let row =
            sqlx::query("SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| Ok((r.try_get("family_id")?, r.try_get("user_id")?)))
            .transpose()
    }

    /// The version of the user's tokens (`None`: no such user), read from
    /// the database at most once per [`VERSION_TTL_SECONDS`] per user on
    /// this node; changes made through this store show at once.
    pub async fn token_version(&self, id: &str) -> Result<Option<i64>> {
        let now = self.clock.now();
        if let Ok(versions) = self.versions.lock() {
            if let Some(&(version, read)) = versions.get(id) {
                if (read..read + VERSION_TTL_SECONDS).contains(&now) {
                    return Ok(Some(version));
                }
            }
        }
        let row = sqlx::query("SELECT token_version FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let version: Option<i64> = row.map(|r| r.try_get(0)).transpose()?;
        if let (Some(version), Ok(mut versions)) = (version, self.versions.lock()) {
            if versions.len() >= MAX_CACHED_VERSIONS {
                versions.clear();
            }
            versions.insert(id.to_owned(), (version, now));
        }
        Ok(version)
    }

    /// Ends every access token of the user issued before now.
    pub async fn bump_token_version(&self, id: &str) -> Result<()> {
        sqlx::query("UPDATE users SET token_version = token_version + 1 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.forget_version(id);
        Ok(())
    }

    fn forget_version(&self, id: &str) {
        if let Ok(mut versions) = self.versions.lock() {
            versions.remove(id);
        }
    }
}
