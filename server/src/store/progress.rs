//! Sync events and reading sessions. A push runs in one transaction that
//! first bumps the user's cursor (taking the user's row lock, so pushes of
//! one user are serialized and cursors are handed out in commit order);
//! events already stored under their client id are reported as duplicates
//! and change nothing.

use std::collections::{HashMap, HashSet};

use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use super::Store;
use crate::error::{Error, Result};
use crate::progress::{Session, MAX_SECONDS_PER_DAY};

/// An event checked and ready to store.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The client's own id.
    pub id: String,
    pub kind: String,
    /// The event's data, as JSON text.
    pub data: String,
    /// For a reading session, what the server computed.
    pub session: Option<Session>,
}

/// What became of one pushed event.
#[derive(Debug)]
pub enum Outcome {
    Accepted,
    /// Stored before (a retry or the same batch from another device).
    Duplicate,
    Rejected(Error),
}

/// A stored event, as pulled by another device.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub id: String,
    pub seq: i64,
    pub kind: String,
    pub data: String,
    pub received_at: i64,
}

/// A stored reading session.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: String,
    pub session: Session,
    pub created_at: i64,
}

/// A user's running totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub sessions: i64,
    pub seconds: i64,
    pub ayahs: i64,
    pub letters: i64,
    pub hasanat: i64,
    pub page_thousandths: i64,
}

impl Totals {
    /// Counts one more session.
    pub fn add(&mut self, s: &Session) {
        self.sessions += 1;
        self.seconds += s.duration_seconds;
        self.ayahs += s.ayahs_read;
        self.letters += s.letters;
        self.hasanat += s.hasanat;
        self.page_thousandths += s.page_thousandths;
    }
}

/// `($k,$k+1,...),(...)`: placeholders for `rows` rows of `columns` values,
/// numbered from `first`.
pub(crate) fn placeholders(rows: usize, columns: usize, first: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (0..columns)
                .map(|c| format!("${}", first + r * columns + c))
                .collect();
            format!("({})", row.join(","))
        })
        .collect::<Vec<_>>()
        .join(",")
}

const SESSION_COLUMNS: &str = "id, surah_number, start_ayah, end_ayah, start_time, end_time, local_day, duration_seconds, session_type, ayahs_read, letters, hasanat, page_thousandths, created_at";

fn session_from(row: &AnyRow) -> Result<SessionRow> {
    Ok(SessionRow {
        id: row.try_get("id")?,
        created_at: row.try_get("created_at")?,
        session: Session {
            surah_number: row.try_get("surah_number")?,
            start_ayah: row.try_get("start_ayah")?,
            end_ayah: row.try_get("end_ayah")?,
            start_time: row.try_get("start_time")?,
            end_time: row.try_get("end_time")?,
            local_day: row.try_get("local_day")?,
            duration_seconds: row.try_get("duration_seconds")?,
            session_type: row.try_get("session_type")?,
            ayahs_read: row.try_get("ayahs_read")?,
            letters: row.try_get("letters")?,
            hasanat: row.try_get("hasanat")?,
            page_thousandths: row.try_get("page_thousandths")?,
        },
    })
}

impl Store {
    /// Stores a batch of events for a user, each at most once. Returns the
    /// outcome of each event, in order, and the cursor after the batch.
    pub async fn push_events(
        &self,
        user_id: &str,
        events: &[NewEvent],
    ) -> Result<(Vec<Outcome>, i64)> {
        let _turn = match self.sqlite {
            true => Some(self.writes.lock().await),
            false => None,
        };
        let mut tx = self.pool.begin().await?;
        let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
        let cursor: i64 = sqlx::query(
            "UPDATE users SET sync_seq = sync_seq + $1 WHERE id = $2 RETURNING sync_seq",
        )
        .bind(count)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| Error::Unauthorized("This account no longer exists.".into()))?
        .try_get(0)?;
        if events.is_empty() {
            tx.commit().await?;
            self.boards_changed();
            return Ok((Vec::new(), cursor));
        }

        // Which ids are stored already.
        let sql = format!(
            "SELECT id FROM sync_events WHERE user_id = $1 AND id IN ({})",
            (0..events.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(",")
        );
        let mut query = sqlx::query(&sql).bind(user_id);
        for event in events {
            query = query.bind(&event.id);
        }
        let mut seen: HashSet<String> = query
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|row| row.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?;

        // Reading already recorded on the days these sessions fall on.
        let days: Vec<i64> = events
            .iter()
            .filter_map(|e| e.session.as_ref().map(|s| s.local_day))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut per_day: HashMap<i64, i64> = HashMap::new();
        if !days.is_empty() {
            let sql = format!(
                "SELECT local_day, CAST(SUM(duration_seconds) AS BIGINT) FROM reading_sessions
                 WHERE user_id = $1 AND local_day IN ({}) GROUP BY local_day",
                (0..days.len())
                    .map(|i| format!("${}", i + 2))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let mut query = sqlx::query(&sql).bind(user_id);
            for day in &days {
                query = query.bind(day);
            }
            for row in query.fetch_all(&mut *tx).await? {
                per_day.insert(row.try_get(0)?, row.try_get(1)?);
            }
        }

        let received_at = self.clock.now();
        let first_seq = cursor - count + 1;
        let mut outcomes = Vec::with_capacity(events.len());
        let mut stored: Vec<(&NewEvent, i64)> = Vec::new();
        let mut totals = Totals::default();
        for (index, event) in events.iter().enumerate() {
            if !seen.insert(event.id.clone()) {
                outcomes.push(Outcome::Duplicate);
                continue;
            }
            if let Some(session) = &event.session {
                let day = per_day.entry(session.local_day).or_default();
                if *day + session.duration_seconds > MAX_SECONDS_PER_DAY {
                    // Not stored: the same event can be sent again once corrected.
                    seen.remove(&event.id);
                    outcomes.push(Outcome::Rejected(Error::invalid(
                        "too_much_reading",
                        "This would make more than 24 hours of reading in one day.",
                    )));
                    continue;
                }
                *day += session.duration_seconds;
                totals.add(session);
            }
            stored.push((event, first_seq + index as i64));
            outcomes.push(Outcome::Accepted);
        }

        // At most a few hundred rows: well inside both backends' limits on
        // bound values.
        for chunk in stored.chunks(200) {
            let sql = format!(
                "INSERT INTO sync_events (user_id, id, seq, kind, data, received_at) VALUES {}",
                placeholders(chunk.len(), 6, 1)
            );
            let mut query = sqlx::query::<Any>(&sql);
            for (event, seq) in chunk {
                query = query
                    .bind(user_id)
                    .bind(&event.id)
                    .bind(*seq)
                    .bind(&event.kind)
                    .bind(&event.data)
                    .bind(received_at);
            }
            query.execute(&mut *tx).await?;
        }
        let sessions: Vec<(&str, &Session)> = stored
            .iter()
            .filter_map(|(e, _)| e.session.as_ref().map(|s| (e.id.as_str(), s)))
            .collect();
        for chunk in sessions.chunks(100) {
            let sql = format!(
                "INSERT INTO reading_sessions (user_id, {SESSION_COLUMNS}) VALUES {}",
                placeholders(chunk.len(), 15, 1)
            );
            let mut query = sqlx::query::<Any>(&sql);
            for (id, s) in chunk {
                query = query
                    .bind(user_id)
                    .bind(*id)
                    .bind(s.surah_number)
                    .bind(s.start_ayah)
                    .bind(s.end_ayah)
                    .bind(s.start_time)
                    .bind(s.end_time)
                    .bind(s.local_day)
                    .bind(s.duration_seconds)
                    .bind(&s.session_type)
                    .bind(s.ayahs_read)
                    .bind(s.letters)
                    .bind(s.hasanat)
                    .bind(s.page_thousandths)
                    .bind(received_at);
            }
            query.execute(&mut *tx).await?;
        }
        if totals.sessions > 0 {
            sqlx::query(
                "INSERT INTO user_totals (user_id, sessions, seconds, ayahs, letters, hasanat, page_thousandths)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (user_id) DO UPDATE SET
                    sessions = user_totals.sessions + excluded.sessions,
                    seconds = user_totals.seconds + excluded.seconds,
                    ayahs = user_totals.ayahs + excluded.ayahs,
                    letters = user_totals.letters + excluded.letters,
                    hasanat = user_totals.hasanat + excluded.hasanat,
                    page_thousandths = user_totals.page_thousandths + excluded.page_thousandths",
            )
            .bind(user_id)
            .bind(totals.sessions)
            .bind(totals.seconds)
            .bind(totals.ayahs)
            .bind(totals.letters)
            .bind(totals.hasanat)
            .bind(totals.page_thousandths)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok((outcomes, cursor))
    }

    /// Events after `cursor`, oldest first; at most `limit`.
    pub async fn pull_events(
        &self,
        user_id: &str,
        cursor: i64,
        limit: i64,
    ) -> Result<Vec<EventRow>> {
        let rows = sqlx::query(
            "SELECT id, seq, kind, data, received_at FROM sync_events
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(user_id)
        .bind(cursor)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(EventRow {
                    id: row.try_get("id")?,
                    seq: row.try_get("seq")?,
                    kind: row.try_get("kind")?,
                    data: row.try_get("data")?,
                    received_at: row.try_get("received_at")?,
                })
            })
            .collect()
    }

    /// One of the user's sessions by its client id.
    pub async fn session(&self, user_id: &str, id: &str) -> Result<Option<SessionRow>> {
        let row = sqlx::query(&format!(
            "SELECT {SESSION_COLUMNS} FROM reading_sessions WHERE user_id = $1 AND id = $2"
        ))
        .bind(user_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(session_from).transpose()
    }

    /// The user's sessions that started before `before`, newest first.
    pub async fn sessions(
        &self,
        user_id: &str,
        before: i64,
        limit: i64,
    ) -> Result<Vec<SessionRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {SESSION_COLUMNS} FROM reading_sessions
             WHERE user_id = $1 AND start_time < $2 ORDER BY start_time DESC, id LIMIT $3"
        ))
        .bind(user_id)
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(session_from).collect()
    }

    /// Every session of the user (for stats, streaks and exports).
    pub async fn all_sessions(&self, user_id: &str) -> Result<Vec<SessionRow>> {
        self.sessions(user_id, i64::MAX, i64::MAX).await
    }

    /// The user's running totals.
    pub async fn totals(&self, user_id: &str) -> Result<Totals> {
        let row = sqlx::query(
            "SELECT sessions, seconds, ayahs, letters, hasanat, page_thousandths FROM user_totals WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(Totals::default());
        };
        Ok(Totals {
            sessions: row.try_get(0)?,
            seconds: row.try_get(1)?,
            ayahs: row.try_get(2)?,
            letters: row.try_get(3)?,
            hasanat: row.try_get(4)?,
            page_thousandths: row.try_get(5)?,
        })
    }

    /// Every event the user pushed (for the export).
    pub async fn all_events(&self, user_id: &str) -> Result<Vec<EventRow>> {
        self.pull_events(user_id, i64::MIN, i64::MAX).await
    }
}
