//! What the planning API reads and keeps beside sync: a user's synced
//! events of some kinds (goals, focus and dhikr sessions arrive as sync
//! events and are read from there, never stored twice), Focus Mode
//! preferences, whether a user shares their achievements, and email
//! verification tokens (hashed).

use sqlx::Row;

use super::sync::event_row_from;
use super::{EventRow, Result, Store};
use crate::kinds::EventType;

/// Focus Mode preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FocusPreferences {
    /// The length a new session gets, in minutes.
    pub default_minutes: i64,
    /// Whether notifications are held while a session runs.
    pub quiet: bool,
}

impl Store {
    /// The user's synced events of `kinds`, oldest first.
    pub async fn events_of(&self, user: &str, kinds: &[EventType]) -> Result<Vec<EventRow>> {
        let list: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, seq, kind, data, received_at FROM sync_events
             WHERE user_id = $1 AND kind IN ({}) ORDER BY seq",
            list.join(",")
        );
        let mut query = sqlx::query(&sql).bind(user);
        for kind in kinds {
            query = query.bind(kind.as_str());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(event_row_from).collect()
    }

    /// The user's Focus Mode preferences, if they set any.
    pub async fn focus_preferences(&self, user: &str) -> Result<Option<FocusPreferences>> {
        let sql = "SELECT default_minutes, quiet FROM focus_preferences WHERE user_id = $1";
        self.optional(sql, user, |row| {
            Ok(FocusPreferences {
                default_minutes: row.try_get(0)?,
                quiet: row.try_get::<i64, _>(1)? != 0,
            })
        })
        .await
    }

    /// Sets the user's Focus Mode preferences.
    pub async fn set_focus_preferences(&self, user: &str, prefs: FocusPreferences) -> Result<()> {
        sqlx::query(
            "INSERT INTO focus_preferences (user_id, default_minutes, quiet) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET default_minutes = $2, quiet = $3",
        )
        .bind(user)
        .bind(prefs.default_minutes)
        .bind(i64::from(prefs.quiet))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Starts `user`'s focus session through the API: `false` if one
    /// runs already.
    pub async fn start_focus(&self, user: &str, started_at: i64, minutes: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO focus_running (user_id, started_at, planned_minutes) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user)
        .bind(started_at)
        .bind(minutes)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// Ends `user`'s running focus session: (started at, planned
    /// minutes), once.
    pub async fn take_focus(&self, user: &str) -> Result<Option<(i64, i64)>> {
        let sql =
            "DELETE FROM focus_running WHERE user_id = $1 RETURNING started_at, planned_minutes";
        self.optional(sql, user, |row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .await
    }

    /// Whether the user shares their achievements (`false` until set).
    pub async fn achievements_shared(&self, user: &str) -> Result<bool> {
        let sql = "SELECT shared FROM achievement_settings WHERE user_id = $1";
        let shared = self
            .optional(sql, user, |row| Ok(row.try_get::<i64, _>(0)? != 0))
            .await?;
        Ok(shared.unwrap_or(false))
    }

    /// Shares the user's achievements, or stops.
    pub async fn set_achievements_shared(&self, user: &str, shared: bool) -> Result<()> {
        sqlx::query(
            "INSERT INTO achievement_settings (user_id, shared) VALUES ($1, $2)
             ON CONFLICT (user_id) DO UPDATE SET shared = $2",
        )
        .bind(user)
        .bind(i64::from(shared))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Keeps the (hashed) email verification token of `user`, replacing
    /// an earlier one, unless they are verified already.
    pub async fn set_verification(
        &self,
        user: &str,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO email_verifications (user_id, token_hash, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET token_hash = $2, expires_at = $3
             WHERE email_verifications.verified_at IS NULL",
        )
        .bind(user)
        .bind(token_hash)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user and expiry of a verification token by its hash, and
    /// whether it was used.
    pub async fn verification(&self, token_hash: &str) -> Result<Option<(String, i64, bool)>> {
        let sql = "SELECT user_id, expires_at, verified_at FROM email_verifications
                   WHERE token_hash = $1";
        self.optional(sql, token_hash, |row| {
            let verified: Option<i64> = row.try_get(2)?;
            Ok((row.try_get(0)?, row.try_get(1)?, verified.is_some()))
        })
        .await
    }

    /// Marks `user`'s email verified (kept if it was).
    pub async fn mark_verified(&self, user: &str) -> Result<()> {
        sqlx::query(
            "UPDATE email_verifications SET verified_at = COALESCE(verified_at, $2) WHERE user_id = $1",
        )
        .bind(user)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether `user`'s email is verified.
    pub async fn email_verified(&self, user: &str) -> Result<bool> {
        let sql = "SELECT verified_at FROM email_verifications WHERE user_id = $1";
        let verified = self
            .optional(sql, user, |row| {
                Ok(row.try_get::<Option<i64>, _>(0)?.is_some())
            })
            .await?;
        Ok(verified.unwrap_or(false))
    }
}
