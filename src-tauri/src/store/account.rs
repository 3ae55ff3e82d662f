//! The sync account in the local store: who is signed in, on which
//! server, and how the last sync went. Never a token: those live in the
//! system's keyring (`crate::account::keys`) or in memory.

use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::Result;

const ACCOUNT_KEY: &str = "account";

/// Who is signed in, where.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccountRecord {
    /// The server's address, as the reader typed it (trimmed, no `/` at
    /// the end).
    pub server: String,
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub bio: String,
    pub email: String,
    /// When the last sync finished (Unix seconds).
    pub synced_at: Option<i64>,
    /// Why the last sync did not finish.
    pub problem: Option<String>,
    /// This device's id for the server's first upload of its history
    /// (reading older than 30 days is accepted once per device).
    pub device: String,
    /// Whether that first upload is done.
    pub history_sent: bool,
    /// Where this device stands in the user's stream of events: the
    /// cursor of the last one pulled.
    #[serde(default)]
    pub pull_cursor: i64,
    /// Who sees the reader on leaderboards (the server's name).
    #[serde(default)]
    pub visibility: String,
}

impl Store {
    /// The account signed in, if any.
    pub async fn account(&self) -> Result<Option<AccountRecord>> {
        self.get_json(ACCOUNT_KEY).await
    }

    /// Records the account signed in.
    pub async fn set_account(&self, account: &AccountRecord) -> Result<()> {
        self.put_json(ACCOUNT_KEY, account).await
    }

    /// Forgets the account (signing out). The outbox stays: what was read
    /// while signed out is sent at the next sign-in.
    pub async fn forget_account(&self) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(ACCOUNT_KEY)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many changes the server does not have yet.
    pub async fn waiting(&self) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Marks outbox events as sent at `at` (the server has them, or will
    /// never take them).
    pub async fn mark_sent(&self, ids: &[String], at: i64) -> Result<()> {
        let mut tx = self.write().await?;
        for id in ids {
            sqlx::query("UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL")
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_account_is_kept_and_forgotten_and_sent_events_leave_the_count() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_file(&dir.path().join("app.db")).await.unwrap();
        assert_eq!(store.account().await.unwrap(), None);
        let account = AccountRecord {
            server: "http://127.0.0.1:8787".into(),
            username: "amina".into(),
            ..AccountRecord::default()
        };
        store.set_account(&account).await.unwrap();
        assert_eq!(store.account().await.unwrap(), Some(account));
        store.forget_account().await.unwrap();
        assert_eq!(store.account().await.unwrap(), None);

        let habit = companion_core::habit::settings::HabitSettings {
            freezes_per_month: 1,
            ..Default::default()
        };
        let mut settings = store.settings().await.unwrap();
        settings.habit = habit;
        store.save_settings(&settings).await.unwrap();
        assert_eq!(store.waiting().await.unwrap(), 1);
        let ids: Vec<String> = store
            .outbox(10)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        store.mark_sent(&ids, 100).await.unwrap();
        assert_eq!(store.waiting().await.unwrap(), 0);
        assert!(store.outbox(10).await.unwrap().is_empty());
    }
}
