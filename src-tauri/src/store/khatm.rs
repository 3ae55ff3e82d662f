//! The khatm plan in the local store: one standing plan, and the ayahs of
//! its range read since it began (where it stands follows from them).

use companion_core::habit::khatm::Plan;
use companion_core::habit::Day;
use companion_core::AyahRef;
use sqlx::Row;

use super::Store;
use crate::error::{Error, Result};

/// The standing plan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub id: String,
    pub plan: Plan,
    pub created_at: i64,
}

impl Store {
    /// Makes `plan` the standing plan from Unix second `at` (ending any
    /// other); its id.
    pub async fn set_plan(&self, plan: Plan, at: i64) -> Result<String> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let mut tx = self.write().await?;
        sqlx::query("UPDATE khatm_plans SET ended_at = ? WHERE ended_at IS NULL")
            .bind(at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO khatm_plans (id, first_index, last_index, end_day, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(i64::from(plan.first.index()))
        .bind(i64::from(plan.last.index()))
        .bind(plan.end.0)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Ends the standing plan, if any.
    pub async fn end_plan(&self, at: i64) -> Result<()> {
        sqlx::query("UPDATE khatm_plans SET ended_at = ? WHERE ended_at IS NULL")
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records that plan `id` was completed on `day` (the first time only).
    pub async fn plan_completed(&self, id: &str, day: Day) -> Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO khatm_completions (plan_id, completed_on) VALUES (?, ?)",
        )
        .bind(id)
        .bind(day.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The standing plan, if any.
    pub async fn plan(&self) -> Result<Option<PlanRow>> {
        let row = sqlx::query(
            "SELECT id, first_index, last_index, end_day, created_at FROM khatm_plans
             WHERE ended_at IS NULL ORDER BY created_at DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let ayah = |column: usize| -> Result<AyahRef> {
            let index: i64 = row.try_get(column)?;
            u16::try_from(index)
                .ok()
                .and_then(AyahRef::from_index)
                .ok_or_else(|| Error::Invalid(format!("a stored plan names ayah {index}")))
        };
        Ok(Some(PlanRow {
            id: row.try_get(0)?,
            plan: Plan {
                first: ayah(1)?,
                last: ayah(2)?,
                end: Day(row.try_get(3)?),
            },
            created_at: row.try_get(4)?,
        }))
    }

    /// The ayahs of `first..=last` read at or after Unix second `since`,
    /// each with the first local day it was read on.
    pub async fn read_since(
        &self,
        since: i64,
        first: AyahRef,
        last: AyahRef,
    ) -> Result<Vec<(AyahRef, Day)>> {
        let rows = sqlx::query(
            "SELECT surah, ayah, MIN(local_day) FROM read_ayahs WHERE read_at >= ?
             AND (surah > ? OR (surah = ? AND ayah >= ?))
             AND (surah < ? OR (surah = ? AND ayah <= ?))
             GROUP BY surah, ayah",
        )
        .bind(since)
        .bind(i64::from(first.surah()))
        .bind(i64::from(first.surah()))
        .bind(i64::from(first.ayah()))
        .bind(i64::from(last.surah()))
        .bind(i64::from(last.surah()))
        .bind(i64::from(last.ayah()))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let (surah, ayah, day): (i64, i64, i32) = (
                    row.try_get(0).ok()?,
                    row.try_get(1).ok()?,
                    row.try_get(2).ok()?,
                );
                let ayah =
                    AyahRef::new(u16::try_from(surah).ok()?, u16::try_from(ayah).ok()?).ok()?;
                Some((ayah, Day(day)))
            })
            .collect())
    }
}
