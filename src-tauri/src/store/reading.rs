//! Reading sessions in the local store. Ayahs are stored the moment they
//! count, in the session open at the time (a session ends after
//! [`SESSION_IDLE_SECONDS`] without reading, on leaving the reader, or at
//! the next start after a crash), so a crash loses nothing counted. A
//! closed session becomes `reading_session` events in the outbox, in the
//! format of the server's `/api/v1/sync/push`.

use companion_core::habit::goal::Amount;
use companion_core::habit::{hasanat, Day, SESSION_IDLE_SECONDS};
use companion_core::wire::ReadHow;
use companion_core::AyahRef;
use sqlx::Row;

use super::Store;
use crate::error::Result;

/// An ayah that counted, with what it is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadAyah {
    pub ayah: AyahRef,
    pub letters: u32,
    /// Its share of its page (a whole page sums to 1).
    pub pages: f64,
    /// The reading time it needs.
    pub seconds: f64,
}

/// What recording some reading did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The session they counted in.
    pub session: String,
    /// The ayahs that counted now (not already counted in this session).
    pub newly: Vec<AyahRef>,
}

/// A sync event waiting for the server.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    pub id: String,
    pub event_type: String,
    pub data: serde_json::Value,
}

impl Store {
    /// Records `ayahs` as read at Unix second `at` on local day `day`, in
    /// the open session (a new one when none is open or the open one has
    /// been idle too long, or the clock moved back beyond it).
    pub async fn record_read(
        &self,
        at: i64,
        day: Day,
        ayahs: &[ReadAyah],
        how: ReadHow,
    ) -> Result<Recorded> {
        let mut tx = self.write().await?;
        let open = sqlx::query(
            "SELECT id, last_read_at FROM reading_sessions WHERE ended_at IS NULL
             ORDER BY started_at DESC LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?;
        let mut session = None;
        if let Some(row) = open {
            let (id, last): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
            if (at - last).abs() <= SESSION_IDLE_SECONDS {
                session = Some(id);
            } else {
                close(&mut tx, &id, last).await?;
            }
        }
        let session = match session {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::new_v4().simple().to_string();
                sqlx::query(
                    "INSERT INTO reading_sessions (id, started_at, last_read_at) VALUES (?, ?, ?)",
                )
                .bind(&id)
                .bind(at)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                id
            }
        };
        let newly = insert_ayahs(&mut tx, &session, (at, day), ayahs, how).await?;
        if !newly.is_empty() {
            add_to_day(&mut tx, day, &newly).await?;
        }
        sqlx::query("UPDATE reading_sessions SET last_read_at = MAX(last_read_at, ?) WHERE id = ?")
            .bind(at)
            .bind(&session)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Recorded {
            session,
            newly: newly.iter().map(|read| read.ayah).collect(),
        })
    }

    /// Records a session read on another device (a pulled
    /// `reading_session` event, `id`): from `started` to `ended`, on local
    /// `day`. It is stored ended, so it sends nothing back; a session
    /// applied before is not applied again. Whether it was new.
    pub async fn record_remote(
        &self,
        id: &str,
        (started, ended): (i64, i64),
        day: Day,
        ayahs: &[ReadAyah],
    ) -> Result<bool> {
        let session = format!("remote-{id}");
        let mut tx = self.write().await?;
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO reading_sessions (id, started_at, last_read_at, ended_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(&session)
        .bind(started)
        .bind(ended)
        .bind(ended)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(false);
        }
        let newly = insert_ayahs(&mut tx, &session, (started, day), ayahs, ReadHow::Dwell).await?;
        if !newly.is_empty() {
            add_to_day(&mut tx, day, &newly).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Ends every open session (leaving the reader, or the next start after
    /// a crash), writing their sync events; how many ended.
    pub async fn end_sessions(&self) -> Result<usize> {
        let mut tx = self.write().await?;
        let open =
            sqlx::query("SELECT id, last_read_at FROM reading_sessions WHERE ended_at IS NULL")
                .fetch_all(&mut *tx)
                .await?;
        for row in &open {
            close(&mut tx, &row.try_get::<String, _>(0)?, row.try_get(1)?).await?;
        }
        tx.commit().await?;
        Ok(open.len())
    }

    /// What was read on each local day from `first` to `last` (inclusive),
    /// for the days with any reading, in order.
    pub async fn day_amounts(&self, first: Day, last: Day) -> Result<Vec<(Day, Amount)>> {
        let rows = sqlx::query(
            "SELECT local_day, ayahs, letters, pages, seconds FROM reading_days
             WHERE local_day BETWEEN ? AND ? AND ayahs > 0 ORDER BY local_day",
        )
        .bind(first.0)
        .bind(last.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((Day(row.try_get(0)?), amount(row, 1)?)))
            .collect()
    }

    /// Everything ever read.
    pub async fn all_time(&self) -> Result<Amount> {
        let row = sqlx::query(
            "SELECT COALESCE(SUM(ayahs), 0), COALESCE(SUM(letters), 0),
                    COALESCE(SUM(pages), 0.0), COALESCE(SUM(seconds), 0.0) FROM reading_days",
        )
        .fetch_one(&self.pool)
        .await?;
        amount(&row, 0)
    }

    /// The Hasanat of one session.
    pub async fn session_hasanat(&self, session: &str) -> Result<u64> {
        let letters: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(letters), 0) FROM read_ayahs WHERE session_id = ?",
        )
        .bind(session)
        .fetch_one(&self.pool)
        .await?;
        Ok(hasanat(u32::try_from(letters).unwrap_or(u32::MAX)))
    }

    /// Events not yet sent, oldest first.
    pub async fn outbox(&self, limit: u32) -> Result<Vec<OutboxEvent>> {
        let rows = sqlx::query(
            "SELECT id, event_type, data FROM outbox WHERE sent_at IS NULL
             ORDER BY created_at, id LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let data: String = row.try_get(2)?;
                Ok(OutboxEvent {
                    id: row.try_get(0)?,
                    event_type: row.try_get(1)?,
                    data: serde_json::from_str(&data)?,
                })
            })
            .collect()
    }
}

/// Inserts `ayahs` read at `at` on `day` into `session`: those not
/// counted in it before (also recorded as read at least once).
async fn insert_ayahs(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    session: &str,
    (at, day): (i64, Day),
    ayahs: &[ReadAyah],
    how: ReadHow,
) -> Result<Vec<ReadAyah>> {
    let mut newly = Vec::new();
    for read in ayahs {
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO read_ayahs
             (session_id, surah, ayah, read_at, local_day, letters, pages, seconds, how)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(session)
        .bind(i64::from(read.ayah.surah()))
        .bind(i64::from(read.ayah.ayah()))
        .bind(at)
        .bind(day.0)
        .bind(i64::from(read.letters))
        .bind(read.pages)
        .bind(read.seconds)
        .bind(how_text(how))
        .execute(&mut **tx)
        .await?;
        if inserted.rows_affected() == 1 {
            newly.push(*read);
            sqlx::query(
                "INSERT OR IGNORE INTO ayahs_read (surah, ayah, first_day) VALUES (?, ?, ?)",
            )
            .bind(i64::from(read.ayah.surah()))
            .bind(i64::from(read.ayah.ayah()))
            .bind(day.0)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(newly)
}

/// Adds newly counted ayahs to their day's counts.
async fn add_to_day(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    day: Day,
    newly: &[ReadAyah],
) -> Result<()> {
    let letters: i64 = newly.iter().map(|r| i64::from(r.letters)).sum();
    let pages: f64 = newly.iter().map(|r| r.pages).sum();
    let seconds: f64 = newly.iter().map(|r| r.seconds).sum();
    sqlx::query(
        "INSERT INTO reading_days (local_day, ayahs, letters, pages, seconds)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (local_day) DO UPDATE SET ayahs = ayahs + excluded.ayahs,
             letters = letters + excluded.letters, pages = pages + excluded.pages,
             seconds = seconds + excluded.seconds",
    )
    .bind(day.0)
    .bind(newly.len() as i64)
    .bind(letters)
    .bind(pages)
    .bind(seconds)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn how_text(how: ReadHow) -> &'static str {
    match how {
        ReadHow::Dwell => "dwell",
        ReadHow::Recited => "recited",
        ReadHow::Marked => "marked",
    }
}

fn amount(row: &sqlx::sqlite::SqliteRow, from: usize) -> Result<Amount> {
    let ayahs: i64 = row.try_get(from)?;
    let letters: i64 = row.try_get(from + 1)?;
    let pages: f64 = row.try_get(from + 2)?;
    let seconds: f64 = row.try_get(from + 3)?;
    Ok(Amount {
        pages,
        ayahs: u32::try_from(ayahs).unwrap_or(u32::MAX),
        seconds: seconds.round() as u32,
        hasanat: hasanat(u32::try_from(letters).unwrap_or(u32::MAX)),
    })
}

/// One run of consecutive ayahs of one surah read in a session.
#[derive(Debug)]
struct Run {
    surah: i64,
    start: i64,
    end: i64,
    first_at: i64,
    last_at: i64,
    seconds: f64,
}

/// Ends a session at `ended_at` and puts one `reading_session` event per
/// run of consecutive ayahs in the outbox.
async fn close(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    session: &str,
    ended_at: i64,
) -> Result<()> {
    let rows = sqlx::query(
        "SELECT surah, ayah, read_at, seconds FROM read_ayahs WHERE session_id = ?
         ORDER BY surah, ayah",
    )
    .bind(session)
    .fetch_all(&mut **tx)
    .await?;
    let mut runs: Vec<Run> = Vec::new();
    for row in &rows {
        let (surah, ayah, at, seconds): (i64, i64, i64, f64) = (
            row.try_get(0)?,
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
        );
        match runs.last_mut() {
            Some(run) if run.surah == surah && run.end + 1 == ayah => {
                run.end = ayah;
                run.first_at = run.first_at.min(at);
                run.last_at = run.last_at.max(at);
                run.seconds += seconds;
            }
            _ => runs.push(Run {
                surah,
                start: ayah,
                end: ayah,
                first_at: at,
                last_at: at,
                seconds,
            }),
        }
    }
    for (n, run) in runs.iter().enumerate() {
        // The reading took at least the time its ayahs need, so the event
        // is plausible to the server even for ayahs marked read at once.
        let duration = (run.last_at - run.first_at)
            .max(run.seconds.ceil() as i64)
            .max(1);
        let data = serde_json::json!({
            "surah_number": run.surah,
            "start_ayah": run.start,
            "end_ayah": run.end,
            "start_time": rfc3339(run.last_at - duration),
            "end_time": rfc3339(run.last_at),
            "duration_seconds": duration,
            "session_type": "reading",
        });
        sqlx::query(
            "INSERT OR IGNORE INTO outbox (id, event_type, data, created_at) VALUES (?, 'reading_session', ?, ?)",
        )
        .bind(format!("{session}-{n}"))
        .bind(data.to_string())
        .bind(ended_at)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE reading_sessions SET ended_at = ? WHERE id = ?")
        .bind(ended_at)
        .bind(session)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// RFC 3339 in UTC for a Unix second (empty when out of range).
pub(super) fn rfc3339(second: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(second)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
