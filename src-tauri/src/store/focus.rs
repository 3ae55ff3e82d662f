//! Focus Mode sessions in the local store: the running one as it stands,
//! and finished ones with their outcome (each also a `focus_session` sync
//! event in the outbox).

use companion_core::daily::focus::{FocusOutcome, FocusSession};
use companion_core::wire::FocusTarget;
use sqlx::Row;

use super::reading::rfc3339;
use super::Store;
use crate::error::Result;

/// A stored session.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusRow {
    pub id: String,
    pub session: FocusSession,
    pub target: Option<FocusTarget>,
}

/// A finished session as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusDone {
    pub id: String,
    pub outcome: FocusOutcome,
    pub target: Option<FocusTarget>,
}

impl Store {
    /// Stores a new running session; its id.
    pub async fn focus_start(
        &self,
        session: &FocusSession,
        target: Option<FocusTarget>,
    ) -> Result<String> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        sqlx::query(
            "INSERT INTO focus_sessions (id, session, target, started_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(serde_json::to_string(session)?)
        .bind(target.map(|t| serde_json::to_string(&t)).transpose()?)
        .bind(session.started.as_second())
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// The session running or paused, if any.
    pub async fn focus_open(&self) -> Result<Option<FocusRow>> {
        let row = sqlx::query(
            "SELECT id, session, target FROM focus_sessions WHERE ended_at IS NULL
             ORDER BY started_at DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let session: String = row.try_get(1)?;
        let target: Option<String> = row.try_get(2)?;
        Ok(Some(FocusRow {
            id: row.try_get(0)?,
            session: serde_json::from_str(&session)?,
            target: target.map(|t| serde_json::from_str(&t)).transpose()?,
        }))
    }

    /// Saves a paused or resumed session.
    pub async fn focus_update(&self, id: &str, session: &FocusSession) -> Result<()> {
        sqlx::query("UPDATE focus_sessions SET session = ? WHERE id = ? AND ended_at IS NULL")
            .bind(serde_json::to_string(session)?)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records how session `id` ended, and its sync event.
    pub async fn focus_finish(&self, id: &str, outcome: &FocusOutcome) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "UPDATE focus_sessions SET ended_at = ?, focused_seconds = ?, completed = ?
             WHERE id = ? AND ended_at IS NULL",
        )
        .bind(outcome.ended.as_second())
        .bind(outcome.focused_seconds)
        .bind(i64::from(outcome.completed))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            let data = serde_json::json!({
                "start_time": rfc3339(outcome.started.as_second()),
                "end_time": rfc3339(outcome.ended.as_second()),
                "planned_minutes": outcome.planned_seconds / 60,
                "duration_seconds": outcome.focused_seconds,
                "completed": outcome.completed,
            });
            sqlx::query(
                "INSERT OR IGNORE INTO outbox (id, event_type, data, created_at)
                 VALUES (?, 'focus_session', ?, ?)",
            )
            .bind(format!("focus-{id}"))
            .bind(data.to_string())
            .bind(outcome.ended.as_second())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Finished sessions, newest first (`limit` of them, or all).
    pub async fn focus_done(&self, limit: Option<u32>) -> Result<Vec<FocusDone>> {
        let rows = sqlx::query(
            "SELECT id, session, target, ended_at, focused_seconds, completed FROM focus_sessions
             WHERE ended_at IS NOT NULL ORDER BY started_at DESC LIMIT ?",
        )
        .bind(limit.map_or(-1, i64::from))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let session: FocusSession = serde_json::from_str(&row.try_get::<String, _>(1)?)?;
                let target: Option<String> = row.try_get(2)?;
                let ended: i64 = row.try_get(3)?;
                Ok(FocusDone {
                    id: row.try_get(0)?,
                    outcome: FocusOutcome {
                        started: session.started,
                        ended: jiff::Timestamp::from_second(ended).unwrap_or(session.started),
                        planned_seconds: session.planned_seconds,
                        focused_seconds: row.try_get(4)?,
                        completed: row.try_get::<i64, _>(5)? == 1,
                    },
                    target: target.map(|t| serde_json::from_str(&t)).transpose()?,
                })
            })
            .collect()
    }

    /// Ayahs counted and their letters from Unix second `from` to `to`.
    pub async fn read_between(&self, from: i64, to: i64) -> Result<(u32, u64)> {
        let row = sqlx::query(
            "SELECT COUNT(*), COALESCE(SUM(letters), 0) FROM read_ayahs
             WHERE read_at BETWEEN ? AND ?",
        )
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await?;
        let (ayahs, letters): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        Ok((
            u32::try_from(ayahs).unwrap_or(u32::MAX),
            u64::try_from(letters).unwrap_or(0),
        ))
    }
}
