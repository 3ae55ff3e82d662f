//! The local SQLite store: settings, the last reading position, bookmarks,
//! reading sessions with the sync outbox (`reading.rs`), goals, the khatm
//! plan, excused days and achievements (`habit.rs`), Focus Mode sessions
//! (`focus.rs`), rounds of dhikr (`dhikr.rs`) and reminders shown
//! (`reminders.rs`). The database file is
//! opened and migrated by tauri-plugin-sql; this module uses the plugin's
//! pool from Rust, so the webview needs (and has) no SQL permission at all.
//!
//! Before the plugin opens the file, [`recover_if_damaged`] checks it and
//! moves a damaged file aside, so a corrupt database never costs the user
//! the Qur'an reader.

mod account;
mod chat;
mod dhikr;
mod focus;
mod goals;
mod habit;
mod khatm;
mod reading;
mod recovery;
mod reminders;
mod remote;

use companion_core::wire::{Position, Settings, MAX_NOTE_CHARS};
use companion_core::AyahRef;
use sqlx::sqlite::SqlitePool;
use sqlx::Row;

pub use self::account::*;
pub use self::chat::WaitingMessage;
pub use self::focus::*;
pub use self::goals::*;
pub use self::khatm::*;
pub use self::reading::*;
pub use self::recovery::{move_aside, recover_if_damaged};
use crate::error::{Error, Result};

/// The database URL as tauri-plugin-sql names it (relative to the app's
/// config directory).
pub const DB_URL: &str = "sqlite:companion.db";
/// The file name inside the app's config directory.
pub const DB_FILE: &str = "companion.db";

/// Schema migrations, in order. Shared by the plugin and the tests.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "settings, reading position and bookmarks",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        2,
        "reading sessions, the ayahs they counted, and the sync outbox",
        include_str!("../../migrations/0002_reading.sql"),
    ),
    (
        3,
        "reading goals and the periods they were met in",
        include_str!("../../migrations/0003_goals.sql"),
    ),
    (
        4,
        "the khatm plan",
        include_str!("../../migrations/0004_khatm.sql"),
    ),
    (
        5,
        "reading counts by day and by ayah, excused days and achievements",
        include_str!("../../migrations/0005_habit.sql"),
    ),
    (
        6,
        "focus mode sessions",
        include_str!("../../migrations/0006_focus.sql"),
    ),
    (
        7,
        "rounds of dhikr",
        include_str!("../../migrations/0007_dhikr.sql"),
    ),
    (
        8,
        "reminders shown and the scheduler's last look",
        include_str!("../../migrations/0008_reminders.sql"),
    ),
    (
        9,
        "chat messages waiting to be sent",
        include_str!("../../migrations/0009_chat.sql"),
    ),
];

const SETTINGS_KEY: &str = "reader_settings";
const POSITION_KEY: &str = "last_position";

/// A bookmark row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    /// Row id.
    pub id: i64,
    /// The ayah.
    pub reference: AyahRef,
    /// The note, if any.
    pub note: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// Access to the local database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

fn now() -> String {
    reading::rfc3339(time::OffsetDateTime::now_utc().unix_timestamp())
}

impl Store {
    /// Wraps an open, migrated pool.
    /// Opens (creating if missing) the database file at `path` outside the
    /// app, migrated like the app's: for tests, benchmarks and seeding
    /// screenshots. Every migration can run again without harm, so a file
    /// opened here opens in the app too.
    pub async fn open_file(path: &std::path::Path) -> Result<Store> {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(options)
            .await?;
        for (_, _, sql) in MIGRATIONS {
            sqlx::raw_sql(sql).execute(&pool).await?;
        }
        let store = Store::new(pool);
        store.use_write_ahead_log().await?;
        Ok(store)
    }

    /// Puts the file in write-ahead-log mode (it stays so): a commit is
    /// one append and one sync of the log instead of a journal written,
    /// synced and deleted, and readers do not wait for a writer. A crash
    /// or kill loses nothing committed.
    pub async fn use_write_ahead_log(&self) -> Result<()> {
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// A transaction that writes: it takes the write lock at its start
    /// (`BEGIN IMMEDIATE`), waiting its turn behind another writer. A
    /// deferred one that reads first and then writes fails at once with
    /// "database is locked" when another connection wrote in between
    /// (SQLite cannot wait there without risking a deadlock).
    pub(crate) async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => {
                let text: String = row.try_get("value")?;
                Ok(Some(serde_json::from_str(&text)?))
            }
            None => Ok(None),
        }
    }

    async fn put_json<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)?;
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(text)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The reader settings; defaults when none are saved, and defaults
    /// (not an error) when the saved document cannot be read.
    pub async fn settings(&self) -> Result<Settings> {
        match self.get_json::<Settings>(SETTINGS_KEY).await {
            Ok(found) => Ok(found.unwrap_or_default().sanitized()),
            Err(Error::Json(error)) => {
                tracing::warn!(%error, "saved settings unreadable; using defaults");
                Ok(Settings::default())
            }
            Err(other) => Err(other),
        }
    }

    /// Saves the reader settings. A change to the habit's rules (which the
    /// server's streak needs too) also goes to the outbox as a `settings`
    /// event.
    pub async fn save_settings(&self, settings: &Settings) -> Result<Settings> {
        let settings = settings.clone().sanitized();
        if quran_data::translation(&settings.translation).is_none() {
            return Err(Error::Invalid(format!(
                "There is no bundled translation with the code `{}`.",
                settings.translation
            )));
        }
        let before = self.settings().await?;
        self.put_json(SETTINGS_KEY, &settings).await?;
        if before.habit != settings.habit {
            let data = serde_json::json!({ "habit": settings.habit });
            sqlx::query(
                "INSERT INTO outbox (id, event_type, data, created_at)
                 VALUES (?, 'settings', ?, strftime('%s', 'now'))",
            )
            .bind(uuid::Uuid::new_v4().simple().to_string())
            .bind(data.to_string())
            .execute(&self.pool)
            .await?;
        }
        Ok(settings)
    }

    /// The last reading position, if any. An unreadable one is forgotten.
    pub async fn position(&self) -> Result<Option<Position>> {
        match self.get_json::<Position>(POSITION_KEY).await {
            Err(Error::Json(error)) => {
                tracing::warn!(%error, "saved position unreadable; ignoring it");
                Ok(None)
            }
            other => other,
        }
    }

    /// Remembers the reading position.
    pub async fn save_position(&self, position: &Position) -> Result<()> {
        self.put_json(POSITION_KEY, position).await
    }

    /// All bookmarks, in mushaf order.
    pub async fn bookmarks(&self) -> Result<Vec<BookmarkRow>> {
        let rows = sqlx::query(
            "SELECT id, surah, ayah, note, created_at FROM bookmarks ORDER BY surah, ayah",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut bookmarks = Vec::with_capacity(rows.len());
        for row in rows {
            let surah: i64 = row.try_get("surah")?;
            let ayah: i64 = row.try_get("ayah")?;
            // A row that names no real ayah (edited by hand) is skipped, not fatal.
            let Some(reference) = u16::try_from(surah)
                .ok()
                .zip(u16::try_from(ayah).ok())
                .and_then(|(s, a)| AyahRef::new(s, a).ok())
            else {
                tracing::warn!(
                    surah,
                    ayah,
                    "skipping a bookmark on an ayah that does not exist"
                );
                continue;
            };
            bookmarks.push(BookmarkRow {
                id: row.try_get("id")?,
                reference,
                note: row.try_get("note")?,
                created_at: row.try_get("created_at")?,
            });
        }
        Ok(bookmarks)
    }

    /// Adds a bookmark, or replaces the note of the one already on that ayah.
    pub async fn add_bookmark(
        &self,
        reference: AyahRef,
        note: Option<&str>,
    ) -> Result<BookmarkRow> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(note) = note {
            let chars = note.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Err(Error::Invalid(format!(
                    "A note can hold at most {MAX_NOTE_CHARS} characters; this one has {chars}."
                )));
            }
        }
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "INSERT INTO bookmarks (surah, ayah, note, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(surah, ayah) DO UPDATE SET note = excluded.note
             RETURNING id, note, created_at",
        )
        .bind(i64::from(reference.surah()))
        .bind(i64::from(reference.ayah()))
        .bind(note)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let data = serde_json::json!({
            "surah_number": reference.surah(),
            "ayah_number": reference.ayah(),
            "note": note,
        });
        bookmark_event(&mut tx, "bookmark_added", &data).await?;
        tx.commit().await?;
        Ok(BookmarkRow {
            id: row.try_get("id")?,
            reference,
            note: row.try_get("note")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Deletes a bookmark by id; `false` if there was none.
    pub async fn delete_bookmark(&self, id: i64) -> Result<bool> {
        let mut tx = self.write().await?;
        let gone = sqlx::query("DELETE FROM bookmarks WHERE id = ? RETURNING surah, ayah")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(gone) = gone else {
            return Ok(false);
        };
        let (surah, ayah): (i64, i64) = (gone.try_get(0)?, gone.try_get(1)?);
        let data = serde_json::json!({ "surah_number": surah, "ayah_number": ayah });
        bookmark_event(&mut tx, "bookmark_removed", &data).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Puts a bookmark change in the outbox, for the reader's other devices.
async fn bookmark_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    kind: &str,
    data: &serde_json::Value,
) -> Result<()> {
    sqlx::query("INSERT INTO outbox (id, event_type, data, created_at) VALUES (?, ?, ?, ?)")
        .bind(format!("bookmark-{}", uuid::Uuid::new_v4().simple()))
        .bind(kind)
        .bind(data.to_string())
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// A real SQLite file in a temp dir, migrated like the app's.
    pub(crate) async fn open(dir: &Path) -> Store {
        Store::open_file(&dir.join(DB_FILE)).await.unwrap()
    }

    fn r(s: u16, a: u16) -> AyahRef {
        AyahRef::new(s, a).unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writers_at_the_same_moment_wait_their_turn_instead_of_failing() {
        // Ending sessions reads, then writes: begun deferred, it failed
        // with "database is locked" whenever another writer committed in
        // between (leaving the reader while a tick recorded an ayah).
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path()).await;
        let quran = quran_data::quran();
        let ayahs: Vec<ReadAyah> = (1..=7)
            .map(|a| crate::progress::worth(quran, r(1, a)))
            .collect();
        let none = ["none".to_owned()];
        for round in 0..40 {
            let at = 1_000_000 + round * 1_000;
            let day = companion_core::habit::Day(20_000);
            let (read, ended, synced) = tokio::join!(
                store.record_read(at, day, &ayahs, companion_core::wire::ReadHow::Dwell),
                store.end_sessions(),
                store.mark_sent(&none, at),
            );
            read.unwrap();
            ended.unwrap();
            synced.unwrap();
        }
    }

    #[tokio::test]
    async fn a_change_to_the_habit_rules_goes_to_the_outbox_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path()).await;
        let mut settings = Settings {
            arabic_font_size: 40,
            ..Settings::default()
        };
        store.save_settings(&settings).await.unwrap();
        assert!(
            store.outbox(10).await.unwrap().is_empty(),
            "a font size stays here"
        );
        settings.habit.freezes_per_month = 1;
        store.save_settings(&settings).await.unwrap();
        let events = store.outbox(10).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type, "settings");
        assert_eq!(events[0].data["habit"]["freezes_per_month"], 1);
        assert_eq!(events[0].data["habit"]["week_start"], "monday");
    }

    #[tokio::test]
    async fn bookmarks_are_added_listed_updated_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path()).await;
        let kursi = store
            .add_bookmark(r(2, 255), Some("  Ayat al-Kursi "))
            .await
            .unwrap();
        store.add_bookmark(r(1, 1), None).await.unwrap();
        let list = store.bookmarks().await.unwrap();
        assert_eq!(
            list.iter().map(|b| b.reference).collect::<Vec<_>>(),
            [r(1, 1), r(2, 255)],
            "listed in mushaf order"
        );
        assert_eq!(
            list[1].note.as_deref(),
            Some("Ayat al-Kursi"),
            "notes are trimmed"
        );

        let again = store
            .add_bookmark(r(2, 255), Some("changed"))
            .await
            .unwrap();
        assert_eq!(
            again.id, kursi.id,
            "one bookmark per ayah; adding again updates the note"
        );
        assert_eq!(store.bookmarks().await.unwrap().len(), 2);

        assert!(store.delete_bookmark(kursi.id).await.unwrap());
        assert!(
            !store.delete_bookmark(kursi.id).await.unwrap(),
            "deleting twice is harmless"
        );
        assert_eq!(store.bookmarks().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn an_overlong_note_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path()).await;
        let note = "x".repeat(MAX_NOTE_CHARS + 1);
        let error = store
            .add_bookmark(r(2, 255), Some(&note))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "invalid_request");
        assert!(error.to_string().contains("2000"));
        assert!(
            store.bookmarks().await.unwrap().is_empty(),
            "nothing half-saved"
        );
    }

    #[tokio::test]
    async fn settings_and_position_survive_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = open(dir.path()).await;
            assert_eq!(store.settings().await.unwrap(), Settings::default());
            let settings = Settings {
                arabic_font_size: 500,
                translation: "fr".into(),
                ..Settings::default()
            };
            let saved = store.save_settings(&settings).await.unwrap();
            assert_eq!(
                saved.arabic_font_size,
                Settings::MAX_FONT_SIZE,
                "sizes are clamped"
            );
            let position = Position {
                target: companion_core::wire::ViewTarget::Surah(2),
                ayah: r(2, 255),
            };
            store.save_position(&position).await.unwrap();
        }
        let store = open(dir.path()).await;
        assert_eq!(store.settings().await.unwrap().translation, "fr");
        assert_eq!(
            store.position().await.unwrap().map(|p| p.ayah),
            Some(r(2, 255))
        );
    }

    #[tokio::test]
    async fn an_unknown_translation_code_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path()).await;
        let settings = Settings {
            translation: "xx".into(),
            ..Settings::default()
        };
        assert_eq!(
            store.save_settings(&settings).await.unwrap_err().code(),
            "invalid_request"
        );
    }

    #[tokio::test]
    async fn a_damaged_database_file_is_moved_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        std::fs::write(&path, b"this is not a database, it is a shopping list").unwrap();
        let notice = recover_if_damaged(&path).await.expect("damage is reported");
        assert!(notice.contains("fresh start"), "{notice}");
        assert!(!path.exists(), "the damaged file no longer blocks the app");
        let kept = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("companion.db.damaged-")
            });
        assert!(kept, "the damaged file is kept beside, not deleted");
        // And a fresh store works at the same path.
        let store = open(dir.path()).await;
        store.add_bookmark(r(1, 1), None).await.unwrap();
    }

    #[tokio::test]
    async fn a_crash_journal_is_rolled_back_not_mistaken_for_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let store = open(dir.path()).await;
        store
            .add_bookmark(r(2, 255), Some("keep me"))
            .await
            .unwrap();
        drop(store);
        // A hot journal with nothing valid in it, as a crash can leave.
        let mut journal = path.as_os_str().to_owned();
        journal.push("-journal");
        std::fs::write(PathBuf::from(journal), b"").unwrap();
        assert_eq!(
            recover_if_damaged(&path).await,
            None,
            "a healthy file stays where it is"
        );
        let store = open(dir.path()).await;
        assert_eq!(
            store.bookmarks().await.unwrap().len(),
            1,
            "the bookmark is still there"
        );
    }

    #[test]
    fn moving_aside_keeps_the_file_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        std::fs::write(&path, b"old schema").unwrap();
        let notice = move_aside(&path, "migration 1 was modified");
        assert!(!path.exists());
        assert!(
            notice.contains("migration 1 was modified") && notice.contains("damaged-"),
            "{notice}"
        );
    }

    #[tokio::test]
    async fn a_healthy_or_missing_database_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        assert_eq!(
            recover_if_damaged(&path).await,
            None,
            "a first start is not damage"
        );
        let store = open(dir.path()).await;
        store.add_bookmark(r(1, 1), None).await.unwrap();
        drop(store);
        assert_eq!(recover_if_damaged(&path).await, None);
        assert!(path.exists());
    }
}
