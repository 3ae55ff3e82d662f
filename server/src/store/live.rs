//! Live events: what a user's devices are told, numbered per user.
//!
//! A user's next number comes from `users.event_seq`, bumped by an
//! `UPDATE ... RETURNING` in the transaction that stores the event: the
//! row lock makes a second transaction for the same user wait for the
//! first to commit, so a user's numbers rise strictly, without gaps, and
//! commit in order (a reader that has seen number n has seen every number
//! below it). Recipients are locked in sorted order so two transactions
//! with the same people cannot deadlock.

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{Result, Store};
use crate::kinds::LiveKind;

/// One stored event of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEvent {
    pub user_id: String,
    /// The user's own number of this event: 1, 2, 3, ...
    pub seq: i64,
    pub kind: LiveKind,
    /// The event's JSON.
    pub data: String,
    pub created_at: i64,
}

fn event_from(row: &AnyRow) -> Result<UserEvent> {
    Ok(UserEvent {
        user_id: row.try_get("user_id")?,
        seq: row.try_get("seq")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        data: row.try_get("data")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Stores one event for each of `recipients` (a user who no longer
    /// exists is skipped) in its own transaction.
    pub async fn record_events(
        &self,
        recipients: &[String],
        kind: LiveKind,
        data: &str,
    ) -> Result<Vec<UserEvent>> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let events = append_events(&mut tx, recipients, kind, data, self.clock.now()).await?;
        tx.commit().await?;
        Ok(events)
    }

    /// The user's events numbered above `after`, in order, `limit` at most.
    pub async fn events_after(
        &self,
        user_id: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<UserEvent>> {
        let rows = sqlx::query(
            "SELECT user_id, seq, kind, data, created_at FROM user_events
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(user_id)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from).collect()
    }

    /// The number of the user's last event (0 before the first).
    pub async fn last_event_seq(&self, user_id: &str) -> Result<i64> {
        let row = sqlx::query("SELECT event_seq FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    /// On SQLite (one writer), a turn of the server's write queue, so
    /// writers wait here rather than fail in SQLite's busy loop; nothing
    /// on PostgreSQL.
    pub(crate) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.sqlite {
            true => Some(self.writes.lock().await),
            false => None,
        }
    }
}

/// Stores one event for each of `recipients` inside `tx`, numbering each
/// from its user's row (see the module's documentation).
pub(crate) async fn append_events(
    tx: &mut Transaction<'static, Any>,
    recipients: &[String],
    kind: LiveKind,
    data: &str,
    now: i64,
) -> Result<Vec<UserEvent>> {
    let mut users: Vec<&String> = recipients.iter().collect();
    users.sort();
    users.dedup();
    let mut events = Vec::with_capacity(users.len());
    // PostgreSQL: lock the rows in id order first, so two transactions
    // never wait on each other's rows (SQLite has one writer).
    let postgres = (**tx).backend_name() == "PostgreSQL";
    // A hundred recipients a statement: three statements for a group's
    // message rather than two per member.
    for chunk in users.chunks(100) {
        let ids = super::sync::list(chunk.len(), 1);
        if postgres {
            let sql = format!("SELECT id FROM users WHERE id IN ({ids}) ORDER BY id FOR UPDATE");
            let mut lock = sqlx::query::<Any>(&sql);
            for user in chunk {
                lock = lock.bind(user.as_str());
            }
            lock.fetch_all(&mut **tx).await?;
        }
        let sql = format!(
            "UPDATE users SET event_seq = event_seq + 1 WHERE id IN ({ids}) RETURNING id, event_seq"
        );
        let mut bump = sqlx::query::<Any>(&sql);
        for user in chunk {
            bump = bump.bind(user.as_str());
        }
        let mut numbered = bump
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|row| Ok((row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?)))
            .collect::<Result<Vec<_>>>()?;
        if numbered.is_empty() {
            continue;
        }
        numbered.sort();
        let sql = format!(
            "INSERT INTO user_events (user_id, seq, kind, data, created_at) VALUES {}",
            super::sync::placeholders(numbered.len(), 5, 1)
        );
        let mut insert = sqlx::query::<Any>(&sql);
        for (user, seq) in &numbered {
            insert = insert
                .bind(user.as_str())
                .bind(*seq)
                .bind(kind.as_str())
                .bind(data)
                .bind(now);
        }
        insert.execute(&mut **tx).await?;
        events.extend(numbered.into_iter().map(|(user_id, seq)| UserEvent {
            user_id,
            seq,
            kind,
            data: data.to_owned(),
            created_at: now,
        }));
    }
    Ok(events)
}
