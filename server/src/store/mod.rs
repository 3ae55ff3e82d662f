//! Storage on SQLite (an embedded file, created and migrated on start) or
//! PostgreSQL, chosen by the URL scheme. One set of queries serves both
//! through sqlx's `Any` driver: placeholders are `$N` (both accept them),
//! times are Unix seconds and flags 0/1 integers; each backend has its own
//! migrations. Queries bind every value; SQL is never glued from strings.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::AnyPool;
use sqlx::Row;

use crate::clock::Clock;
use crate::error::{Error, Result};

mod boards;
mod competitions;
mod groups;
mod membership;
mod people;
mod progress;

pub use boards::*;
pub use competitions::*;
pub use groups::*;
pub use membership::*;
pub use people::*;
pub use progress::*;

/// A user as stored.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub time_zone: String,
    /// `everyone`, `circles` or `hidden`.
    pub leaderboard_visibility: String,
    pub password_hash: String,
    pub created_at: i64,
}

/// Changes to a profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    pub display_name: Option<String>,
    pub username: Option<String>,
    pub bio: Option<String>,
    pub time_zone: Option<String>,
    pub leaderboard_visibility: Option<String>,
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

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    /// SQLite has one writer: pushes queue here rather than in its busy
    /// loop. PostgreSQL serializes only pushes of the same user (row lock).
    pub(crate) sqlite: bool,
    pub(crate) writes: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Bumped by every change a leaderboard shows.
    pub(crate) changes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    pub(crate) boards: std::sync::Arc<boards::BoardCache>,
    /// "Now" for the times the store writes (created, joined, received).
    pub(crate) clock: Clock,
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                // Codes: SQLite 2067 (SQLITE_CONSTRAINT_UNIQUE), 1555 (primary
                // key); PostgreSQL 23505.
                || matches!(db.code().as_deref(), Some("2067" | "1555" | "23505"))
        }
        _ => false,
    }
}

/// Whether a constraint error is about `column` (SQLite names `users.email`
/// in the message, PostgreSQL names `users_email_key` as the constraint).
fn names_column(error: &sqlx::Error, column: &str) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.message().contains(&format!("users.{column}"))
                || db.constraint().is_some_and(|c| c.contains(column))
        }
        _ => false,
    }
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database
    /// at `url`: `sqlite://PATH` or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let (url, migrator) = if sqlite {
            // `mode=rwc` creates the file; sqlx turns foreign keys on for
            // every SQLite connection (the account deletion cascades).
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            (url, sqlx::migrate!("./migrations/sqlite"))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (url.to_owned(), sqlx::migrate!("./migrations/postgres"))
        } else {
            return Err(format!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://...",
                url.split('@').next_back().unwrap_or_default()
            ));
        };
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .connect(&url)
            .await
            .map_err(|e| e.to_string())?;
        migrator.run(&pool).await.map_err(|e| e.to_string())?;
        if sqlite {
            // Readers no longer block the writer (a long leaderboard read
            // could otherwise hold a push past the busy timeout). The mode
            // is kept in the file.
            sqlx::query("PRAGMA journal_mode=WAL")
                .fetch_optional(&pool)
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(Store {
            pool,
            sqlite,
            writes: Default::default(),
            changes: Default::default(),
            boards: Default::default(),
            clock: Clock::system(),
        })
    }

    /// The same store, reading "now" from `clock`.
    pub fn with_clock(self, clock: Clock) -> Store {
        Store { clock, ..self }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

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
            Err(error) if is_unique_violation(&error) => {
                let taken = if names_column(&error, "email") {
                    ("email_taken", "An account with this email already exists.")
                } else {
                    ("username_taken", "This username is taken.")
                };
                Err(Error::Conflict {
                    code: taken.0,
                    message: taken.1.into(),
                })
            }
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
            leaderboard_visibility: row.try_get("leaderboard_visibility")?,
            password_hash: row.try_get("password_hash")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// The user with this email, if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query("SELECT id, email, username, display_name, bio, time_zone, leaderboard_visibility, password_hash, created_at FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::user_from).transpose()
    }

    /// The user with this username, if any.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query("SELECT id, email, username, display_name, bio, time_zone, leaderboard_visibility, password_hash, created_at FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::user_from).transpose()
    }

    /// The user with this id, if any.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query("SELECT id, email, username, display_name, bio, time_zone, leaderboard_visibility, password_hash, created_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::user_from).transpose()
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
        .bind(&change.leaderboard_visibility)
        .bind(self.clock.now())
        .bind(id)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => {
                self.boards_changed();
                Ok(())
            }
            Err(error) if is_unique_violation(&error) => Err(Error::Conflict {
                code: "username_taken",
                message: "This username is taken.".into(),
            }),
            Err(error) => Err(error.into()),
        }
    }

    /// Replaces the password hash and ends every session of the user.
    pub async fn set_password(&self, id: &str, password_hash: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
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
        Ok(())
    }

    /// Deletes a user and everything that belongs to them. They leave their
    /// groups first, so counts stay right and every group keeps an admin.
    pub async fn delete_user(&self, id: &str) -> Result<()> {
        for group in self.groups_of(id).await? {
            self.leave_group(&group.id, id, "member_left").await?;
        }
        sqlx::query(
            "UPDATE competitions SET participant_count = participant_count - 1
             WHERE id IN (SELECT competition_id FROM competition_participants WHERE user_id = $1)",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
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

    /// Marks a refresh token as used, atomically: only one caller can
    /// replace a token, so two racing refreshes cannot both succeed.
    /// Returns the row as it was before, or `None` for an unknown token.
    pub async fn take_refresh(&self, token_hash: &str) -> Result<Option<(RefreshRow, bool)>> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "SELECT user_id, family_id, expires_at, replaced, revoked FROM refresh_tokens WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *tx)
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
        let won = sqlx::query(
            "UPDATE refresh_tokens SET replaced = 1 WHERE token_hash = $1 AND replaced = 0 AND revoked = 0",
        )
        .bind(token_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        tx.commit().await?;
        Ok(Some((found, won)))
    }

    /// Revokes every token of a login family.
    pub async fn revoke_family(&self, family_id: &str) -> Result<()> {
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE family_id = $1")
            .bind(family_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The family of a refresh token, if the token is known.
    pub async fn family_of(&self, token_hash: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT family_id FROM refresh_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("family_id")).transpose()?)
    }
}
