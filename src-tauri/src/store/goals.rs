//! Reading goals in the local store: set, removed (kept, marked with when),
//! and the periods each was met in. Setting and removing a goal also put a
//! `goal_set` / `goal_removed` event in the outbox.

use companion_core::habit::goal::{Goal, Measure, Period};
use companion_core::habit::Day;
use sqlx::Row;

use super::Store;
use crate::error::{Error, Result};

/// A goal as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalRow {
    pub id: String,
    pub goal: Goal,
}

impl Store {
    /// Stores a new goal set at Unix second `at`; its id.
    pub async fn add_goal(&self, goal: Goal, at: i64) -> Result<String> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO goals (id, period, measure, target, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(goal.period.as_str())
        .bind(goal.measure.as_str())
        .bind(i64::from(goal.target))
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let data = serde_json::json!({
            "goal_id": id,
            "period": goal.period,
            "measure": goal.measure,
            "target": goal.target,
        });
        sqlx::query(
            "INSERT INTO outbox (id, event_type, data, created_at) VALUES (?, 'goal_set', ?, ?)",
        )
        .bind(format!("goal-{id}"))
        .bind(data.to_string())
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a standing goal at `at` (its history stays).
    pub async fn remove_goal(&self, id: &str, at: i64) -> Result<()> {
        let mut tx = self.write().await?;
        let removed =
            sqlx::query("UPDATE goals SET removed_at = ? WHERE id = ? AND removed_at IS NULL")
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        if removed.rows_affected() == 0 {
            return Err(Error::NotFound("That goal no longer exists.".into()));
        }
        sqlx::query(
            "INSERT OR IGNORE INTO outbox (id, event_type, data, created_at)
             VALUES (?, 'goal_removed', ?, ?)",
        )
        .bind(format!("goal-removed-{id}"))
        .bind(serde_json::json!({ "goal_id": id }).to_string())
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The standing goals, oldest first.
    pub async fn goals(&self) -> Result<Vec<GoalRow>> {
        let rows = sqlx::query(
            "SELECT id, period, measure, target FROM goals WHERE removed_at IS NULL
             ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let (period, measure): (String, String) = (row.try_get(1)?, row.try_get(2)?);
                let target: i64 = row.try_get(3)?;
                let goal = Goal {
                    period: Period::parse(&period).ok_or_else(|| {
                        Error::Invalid(format!("a stored goal has period {period:?}"))
                    })?,
                    measure: Measure::parse(&measure).ok_or_else(|| {
                        Error::Invalid(format!("a stored goal measures {measure:?}"))
                    })?,
                    target: u32::try_from(target).unwrap_or(u32::MAX),
                };
                Ok(GoalRow {
                    id: row.try_get(0)?,
                    goal,
                })
            })
            .collect()
    }

    /// Records that a goal was met in the period starting `period_start`,
    /// on `day` (the first time only); the day it was first met.
    pub async fn goal_met(&self, id: &str, period_start: Day, day: Day) -> Result<Day> {
        sqlx::query(
            "INSERT OR IGNORE INTO goal_completions (goal_id, period_start, completed_on)
             VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(period_start.0)
        .bind(day.0)
        .execute(&self.pool)
        .await?;
        let on: i32 = sqlx::query_scalar(
            "SELECT completed_on FROM goal_completions WHERE goal_id = ? AND period_start = ?",
        )
        .bind(id)
        .bind(period_start.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(Day(on))
    }
}
