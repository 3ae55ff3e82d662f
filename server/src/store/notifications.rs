//! Notifications: each user's inbox (numbered by an id that only rises,
//! newest first), read marks, and the kinds each user turned off.
//!
//! A notification is stored with its live event (`notification`) in one
//! transaction, and only for recipients who have its kind on: the check
//! and the insert are one statement each inside that transaction, so a
//! kind turned off at the same moment is either honoured or not, never
//! half (stored but not delivered).

use sqlx::any::AnyRow;
use sqlx::Row;

use super::live::append_events;
use super::{Result, Store, UserEvent};
use crate::kinds::{LiveKind, NotificationKind};

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: String,
    pub kind: NotificationKind,
    /// Its JSON (what happened, who did it).
    pub data: String,
    pub read_at: Option<i64>,
    pub created_at: i64,
}

fn notification_from(row: &AnyRow) -> Result<NotificationRow> {
    Ok(NotificationRow {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        data: row.try_get("data")?,
        read_at: row.try_get("read_at")?,
        created_at: row.try_get("created_at")?,
    })
}

const COLUMNS: &str = "id, user_id, kind, data, read_at, created_at";

impl Store {
    /// Stores a notification of `kind` for each of `recipients` who has
    /// it on, and its `notification` event (`event` builds the event's
    /// JSON from the stored row), in one transaction.
    pub async fn notify(
        &self,
        recipients: &[String],
        kind: NotificationKind,
        data: &str,
        event: impl Fn(&NotificationRow) -> String,
    ) -> Result<Vec<UserEvent>> {
        let now = self.clock.now();
        let mut users: Vec<&String> = recipients.iter().collect();
        users.sort();
        users.dedup();
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let mut events = Vec::new();
        for user in users {
            let row = sqlx::query(&format!(
                "INSERT INTO notifications (user_id, kind, data, created_at)
                 SELECT id, $2, $3, $4 FROM users WHERE id = $1
                   AND NOT EXISTS (SELECT 1 FROM notifications_off o
                                   WHERE o.user_id = $1 AND o.kind = $2)
                 RETURNING {COLUMNS}"
            ))
            .bind(user)
            .bind(kind.as_str())
            .bind(data)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else { continue };
            let stored = notification_from(&row)?;
            let to = [stored.user_id.clone()];
            let data = event(&stored);
            events.extend(append_events(&mut tx, &to, LiveKind::Notification, &data, now).await?);
        }
        tx.commit().await?;
        Ok(events)
    }

    /// A page of `user`'s notifications, newest first, with ids below
    /// `before`.
    pub async fn notifications(
        &self,
        user: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<NotificationRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM notifications WHERE user_id = $1 AND id < $2
             ORDER BY id DESC LIMIT $3"
        ))
        .bind(user)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(notification_from).collect()
    }

    /// How many of `user`'s notifications are unread.
    pub async fn unread_notifications(&self, user: &str) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Marks one of `user`'s notifications read (kept read if it was);
    /// `false` if they have none with this id.
    pub async fn read_notification(&self, user: &str, id: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE user_id = $1 AND id = $2",
        )
        .bind(user)
        .bind(id)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// Marks all of `user`'s notifications read.
    pub async fn read_all_notifications(&self, user: &str) -> Result<()> {
        sqlx::query("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
            .bind(user)
            .bind(self.clock.now())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The kinds `user` turned off.
    pub async fn notifications_off(&self, user: &str) -> Result<Vec<NotificationKind>> {
        let rows = sqlx::query("SELECT kind FROM notifications_off WHERE user_id = $1")
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<String, _>(0)?.parse()?))
            .collect()
    }

    /// Turns each `(kind, on)` of `changes` on or off for `user`.
    pub async fn set_notifications(
        &self,
        user: &str,
        changes: &[(NotificationKind, bool)],
    ) -> Result<()> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        for (kind, on) in changes {
            let sql = match on {
                true => "DELETE FROM notifications_off WHERE user_id = $1 AND kind = $2",
                false => {
                    "INSERT INTO notifications_off (user_id, kind) VALUES ($1, $2)
                     ON CONFLICT (user_id, kind) DO NOTHING"
                }
            };
            sqlx::query(sql)
                .bind(user)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
