//! Rounds of dhikr in the local store, each also a `dhikr_session` sync
//! event in the outbox.

use companion_core::habit::Day;
use companion_core::wire::{DhikrKind, DhikrRound, DhikrRoundView};
use sqlx::Row;

use super::reading::rfc3339;
use super::Store;
use crate::error::{Error, Result};

/// The most counts one round may keep (a typo or a stuck key is not a
/// million tasbih).
pub const MAX_COUNT: u32 = 100_000;

impl Store {
    /// Keeps `round`, said up to Unix second `at` on local day `day`.
    pub async fn dhikr_keep(&self, round: &DhikrRound, at: i64, day: Day) -> Result<()> {
        if round.count == 0 || round.count > MAX_COUNT {
            return Err(Error::Invalid(format!(
                "A round of dhikr counts 1 to {MAX_COUNT}, not {}.",
                round.count
            )));
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO dhikr_rounds (id, kind, count, completed, seconds, kept_at, local_day)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(round.kind.as_str())
        .bind(i64::from(round.count))
        .bind(i64::from(round.completed))
        .bind(i64::from(round.seconds))
        .bind(at)
        .bind(day.0)
        .execute(&mut *tx)
        .await?;
        let data = serde_json::json!({
            "kind": round.kind.as_str(),
            "count": round.count,
            "completed": round.completed,
            "start_time": rfc3339(at - i64::from(round.seconds)),
            "end_time": rfc3339(at),
        });
        sqlx::query(
            "INSERT INTO outbox (id, event_type, data, created_at) VALUES (?, 'dhikr_session', ?, ?)",
        )
        .bind(format!("dhikr-{id}"))
        .bind(data.to_string())
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Counts said on `day`.
    pub async fn dhikr_on(&self, day: Day) -> Result<u32> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(count), 0) FROM dhikr_rounds WHERE local_day = ?",
        )
        .bind(day.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The last `limit` rounds, newest first.
    pub async fn dhikr_recent(&self, limit: u32) -> Result<Vec<DhikrRoundView>> {
        let rows = sqlx::query(
            "SELECT kind, count, completed, seconds, local_day FROM dhikr_rounds
             ORDER BY kept_at DESC, rowid DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get(0)?;
                Ok(DhikrRoundView {
                    day: Day(row.try_get(4)?),
                    round: DhikrRound {
                        kind: DhikrKind::parse(&kind).unwrap_or(DhikrKind::Free),
                        count: u32::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0),
                        completed: row.try_get::<i64, _>(2)? == 1,
                        seconds: u32::try_from(row.try_get::<i64, _>(3)?).unwrap_or(0),
                    },
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn rounds_are_kept_totalled_by_day_and_sent() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let tasbih = DhikrRound {
            kind: DhikrKind::AfterPrayer,
            count: 100,
            completed: true,
            seconds: 95,
        };
        store.dhikr_keep(&tasbih, 1_000, Day(10)).await.unwrap();
        let free = DhikrRound {
            kind: DhikrKind::Free,
            count: 7,
            completed: false,
            seconds: 9,
        };
        store.dhikr_keep(&free, 2_000, Day(10)).await.unwrap();
        store.dhikr_keep(&free, 90_000, Day(11)).await.unwrap();
        assert_eq!(store.dhikr_on(Day(10)).await.unwrap(), 107);
        let recent = store.dhikr_recent(10).await.unwrap();
        assert_eq!(recent.len(), 3);
        assert_eq!(recent[0].day, Day(11));
        assert_eq!(recent[2].round, tasbih);
        let zero = DhikrRound { count: 0, ..free };
        assert_eq!(
            store
                .dhikr_keep(&zero, 3_000, Day(10))
                .await
                .unwrap_err()
                .code(),
            "invalid_request"
        );
        let kinds: Vec<String> = store
            .outbox(10)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event_type)
            .collect();
        assert_eq!(kinds, ["dhikr_session"; 3]);
    }
}
