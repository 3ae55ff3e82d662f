//! Excused days, unlocked achievements and the counts the stats screen
//! and the achievements read.

use std::collections::{BTreeMap, BTreeSet};

use companion_core::habit::goal::Period;
use companion_core::habit::kept::Met;
use companion_core::habit::Day;
use companion_core::AyahRef;
use sqlx::Row;

use super::Store;
use crate::error::Result;

impl Store {
    /// Marks `day` excused, or not.
    pub async fn set_excused(&self, day: Day, excused: bool, at: i64) -> Result<()> {
        let query = if excused {
            sqlx::query("INSERT OR IGNORE INTO excused_days (local_day, created_at) VALUES (?, ?)")
                .bind(day.0)
                .bind(at)
        } else {
            sqlx::query("DELETE FROM excused_days WHERE local_day = ?").bind(day.0)
        };
        query.execute(&self.pool).await?;
        Ok(())
    }

    /// The excused days from `first` to `last`.
    pub async fn excused(&self, first: Day, last: Day) -> Result<BTreeSet<Day>> {
        let rows = sqlx::query(
            "SELECT local_day FROM excused_days WHERE local_day BETWEEN ? AND ? ORDER BY local_day",
        )
        .bind(first.0)
        .bind(last.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| Ok(Day(row.try_get(0)?))).collect()
    }

    /// Unlocked achievements by id, with their day.
    pub async fn unlocked(&self) -> Result<BTreeMap<String, Day>> {
        let rows = sqlx::query("SELECT id, unlocked_on FROM achievements")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, Day(row.try_get(1)?))))
            .collect()
    }

    /// The achievements unlocked at or after `since` (Unix seconds).
    pub async fn unlocked_since(&self, since: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM achievements WHERE unlocked_at >= ? ORDER BY unlocked_at, id",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records `id` unlocked on `day`; false when it already was.
    pub async fn unlock(&self, id: &str, day: Day, at: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT OR IGNORE INTO achievements (id, unlocked_on, unlocked_at) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(day.0)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Reading sessions ever started.
    pub async fn session_count(&self) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reading_sessions")
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Every ayah read at least once. Read as one text of `surah*1000+ayah`
    /// numbers: one row instead of thousands (a row costs more than its
    /// parsing).
    pub async fn ayahs_read(&self) -> Result<Vec<AyahRef>> {
        let list: Option<String> =
            sqlx::query_scalar("SELECT group_concat(surah * 1000 + ayah) FROM ayahs_read")
                .fetch_one(&self.pool)
                .await?;
        Ok(list
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|n| {
                let n: u32 = n.parse().ok()?;
                AyahRef::new(u16::try_from(n / 1000).ok()?, u16::try_from(n % 1000).ok()?).ok()
            })
            .collect())
    }

    /// Khatm plans completed.
    pub async fn khatms_completed(&self) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM khatm_completions")
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The days each goal was met, by goal, with its period (a period this
    /// build does not know is skipped).
    pub async fn goal_completions(&self) -> Result<Vec<Met>> {
        let rows = sqlx::query(
            "SELECT c.goal_id, g.period, c.completed_on FROM goal_completions c
             JOIN goals g ON g.id = c.goal_id ORDER BY c.goal_id, c.completed_on",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut met = Vec::with_capacity(rows.len());
        for row in &rows {
            let period: String = row.try_get(1)?;
            if let Some(period) = Period::parse(&period) {
                met.push(Met {
                    goal_id: row.try_get(0)?,
                    period,
                    day: Day(row.try_get(2)?),
                });
            }
        }
        Ok(met)
    }
}

#[cfg(test)]
mod tests {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

    use super::*;
    use crate::store::{DB_FILE, MIGRATIONS};

    #[tokio::test]
    async fn a_version_4_database_upgrades_with_its_reading_counted() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join(DB_FILE))
            .create_if_missing(true);
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .unwrap();
        for (version, _, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v <= 4) {
            assert!(*version <= 4);
            sqlx::raw_sql(sql).execute(&pool).await.unwrap();
        }
        // Two sessions of version 4: 1:1-2 on day 100, then 1:2-3 on day 101.
        sqlx::raw_sql(
            "INSERT INTO reading_sessions (id, started_at, last_read_at, ended_at)
                 VALUES ('a', 0, 0, 0), ('b', 1, 1, 1);
             INSERT INTO read_ayahs VALUES
                 ('a', 1, 1, 0, 100, 19, 0.1, 4.0, 'dwell'),
                 ('a', 1, 2, 0, 100, 17, 0.1, 3.5, 'dwell'),
                 ('b', 1, 2, 1, 101, 17, 0.1, 3.5, 'marked'),
                 ('b', 1, 3, 1, 101, 12, 0.1, 3.0, 'marked');",
        )
        .execute(&pool)
        .await
        .unwrap();
        for (_, _, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > 4) {
            sqlx::raw_sql(sql).execute(&pool).await.unwrap();
        }
        let store = Store::new(pool);
        let days = store.day_amounts(Day(0), Day(200)).await.unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(
            (days[0].0, days[0].1.ayahs, days[0].1.hasanat),
            (Day(100), 2, 360)
        );
        assert_eq!((days[1].1.ayahs, days[1].1.seconds), (2, 7));
        assert_eq!(store.all_time().await.unwrap().hasanat, 650);
        let mut read = store.ayahs_read().await.unwrap();
        read.sort();
        assert_eq!(read.len(), 3, "1:2 read twice is one ayah read");
        assert_eq!(store.session_count().await.unwrap(), 2);
    }

    #[tokio::test]
    async fn excused_days_are_set_listed_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        store.set_excused(Day(10), true, 0).await.unwrap();
        store.set_excused(Day(10), true, 5).await.unwrap();
        store.set_excused(Day(12), true, 0).await.unwrap();
        let all: Vec<Day> = store
            .excused(Day(0), Day(20))
            .await
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(all, [Day(10), Day(12)]);
        assert_eq!(store.excused(Day(11), Day(20)).await.unwrap().len(), 1);
        store.set_excused(Day(10), false, 9).await.unwrap();
        assert_eq!(store.excused(Day(0), Day(20)).await.unwrap().len(), 1);
    }
}
