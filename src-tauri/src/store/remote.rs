//! Changes made on the reader's other devices (pulled from the sync
//! server), applied here without going to the outbox, so nothing echoes
//! back. Reading sessions are applied by `reading.rs`
//! (`record_remote`).

use std::collections::HashSet;

use companion_core::habit::goal::Goal;
use companion_core::habit::settings::HabitSettings;
use companion_core::AyahRef;

use super::{Store, SETTINGS_KEY};
use crate::error::Result;

impl Store {
    /// Which of `ids` are events this device made (they are in the
    /// outbox): one query for a page of pulled events.
    pub async fn own_events(&self, ids: &[&str]) -> Result<HashSet<String>> {
        let mut own = HashSet::new();
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!("SELECT id FROM outbox WHERE id IN ({marks})");
            let mut query = sqlx::query_scalar::<_, String>(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            own.extend(query.fetch_all(&self.pool).await?);
        }
        Ok(own)
    }

    /// A goal set (`Some`) or removed (`None`) on another device at `at`.
    pub async fn apply_remote_goal(&self, id: &str, goal: Option<Goal>, at: i64) -> Result<()> {
        match goal {
            Some(goal) => {
                sqlx::query(
                    "INSERT INTO goals (id, period, measure, target, created_at) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (id) DO UPDATE SET period = excluded.period,
                         measure = excluded.measure, target = excluded.target, removed_at = NULL",
                )
                .bind(id)
                .bind(goal.period.as_str())
                .bind(goal.measure.as_str())
                .bind(i64::from(goal.target))
                .bind(at)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("UPDATE goals SET removed_at = ? WHERE id = ? AND removed_at IS NULL")
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// The habit's rules as set on another device.
    pub async fn apply_remote_habit(&self, habit: HabitSettings) -> Result<()> {
        let mut settings = self.settings().await?;
        settings.habit = habit.sanitized();
        self.put_json(SETTINGS_KEY, &settings).await
    }

    /// A bookmark added (with its note) or removed on another device.
    pub async fn apply_remote_bookmark(
        &self,
        ayah: AyahRef,
        added: Option<Option<&str>>,
        at: i64,
    ) -> Result<()> {
        let (surah, number) = (i64::from(ayah.surah()), i64::from(ayah.ayah()));
        match added {
            Some(note) => {
                sqlx::query(
                    "INSERT INTO bookmarks (surah, ayah, note, created_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (surah, ayah) DO UPDATE SET note = excluded.note",
                )
                .bind(surah)
                .bind(number)
                .bind(note)
                .bind(at)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM bookmarks WHERE surah = ? AND ayah = ?")
                    .bind(surah)
                    .bind(number)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }
}
