//! Reminders already shown, and when the scheduler last looked.

use std::collections::BTreeSet;

use sqlx::Row;

use super::Store;
use crate::error::Result;

const CHECKED_KEY: &str = "reminders_checked";

impl Store {
    /// Keys of the reminders shown since Unix second `since`.
    pub async fn reminders_fired(&self, since: i64) -> Result<BTreeSet<String>> {
        let rows = sqlx::query("SELECT key FROM reminders_fired WHERE fired_at >= ?")
            .bind(since)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    /// Records `key` as shown at `at`; false when it already was.
    pub async fn reminder_fire(&self, key: &str, at: i64) -> Result<bool> {
        let done =
            sqlx::query("INSERT OR IGNORE INTO reminders_fired (key, fired_at) VALUES (?, ?)")
                .bind(key)
                .bind(at)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// When the scheduler last looked (Unix seconds), if ever.
    pub async fn reminders_checked(&self) -> Result<Option<i64>> {
        Ok(self.get_json::<i64>(CHECKED_KEY).await.unwrap_or(None))
    }

    /// Records that the scheduler looked at `at`.
    pub async fn set_reminders_checked(&self, at: i64) -> Result<()> {
        self.put_json(CHECKED_KEY, &at).await
    }
}
