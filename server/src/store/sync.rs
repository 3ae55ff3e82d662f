//! Sync events and reading sessions. A push runs in one transaction that
//! first bumps the user's cursor (taking the user's row lock, so pushes of
//! one user are serialized and cursors are handed out in commit order),
//! then reads what is stored already ([`Existing`]) and lets the caller
//! decide which events to store ([`Verdict`]) before writing them: the
//! rules that decide live in the domain, the transaction here.

use std::collections::{HashMap, HashSet};

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{Error, Result, Store};
use crate::kinds::{EventType, SessionType};

/// What the server records for a reading session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub surah_number: i64,
    pub start_ayah: i64,
    pub end_ayah: i64,
    pub start_time: i64,
    pub end_time: i64,
    /// The local civil day of the start, as days since 1970-01-01.
    pub local_day: i64,
    pub duration_seconds: i64,
    pub session_type: SessionType,
    pub ayahs_read: i64,
    pub letters: i64,
    pub hasanat: i64,
    pub page_thousandths: i64,
}

/// An event checked and ready to store.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The client's own id.
    pub id: String,
    pub kind: EventType,
    /// The event's data, as JSON text.
    pub data: String,
    /// For a reading session, what the server computed.
    pub session: Option<Session>,
}

/// What a user has stored already that a push's events touch.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Which of the events' ids are stored.
    pub ids: HashSet<String>,
    /// Seconds of reading stored on the local days the events' sessions
    /// fall on.
    pub seconds_per_day: HashMap<i64, i64>,
}

/// What to do with one pushed event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Store it.
    Accept,
    /// Stored before (a retry or the same batch from another device).
    Duplicate,
    /// Do not store it; the caller knows why.
    Refuse,
}

/// A stored event, as pulled by another device.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub id: String,
    pub seq: i64,
    pub kind: EventType,
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
    /// Adds the totals of `other` (another day, say).
    pub fn merge(&mut self, other: &Totals) {
        self.sessions += other.sessions;
        self.seconds += other.seconds;
        self.ayahs += other.ayahs;
        self.letters += other.letters;
        self.hasanat += other.hasanat;
        self.page_thousandths += other.page_thousandths;
    }

    /// Counts one more session.
    pub fn add(&mut self, s: &Session) {
        self.merge(&Totals {
            sessions: 1,
            seconds: s.duration_seconds,
            ayahs: s.ayahs_read,
            letters: s.letters,
            hasanat: s.hasanat,
            page_thousandths: s.page_thousandths,
        });
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

/// `$first,$first+1,...`: `count` placeholders for an `IN (...)` list.
pub(crate) fn list(count: usize, first: usize) -> String {
    (0..count)
        .map(|i| format!("${}", i + first))
        .collect::<Vec<_>>()
        .join(",")
}

const SESSION_COLUMNS: &str = "id, surah_number, start_ayah, end_ayah, start_time, end_time, local_day, duration_seconds, session_type, ayahs_read, letters, hasanat, page_thousandths, created_at";

fn totals_from(row: &AnyRow) -> Result<Totals> {
    Ok(Totals {
        sessions: row.try_get("sessions")?,
        seconds: row.try_get("seconds")?,
        ayahs: row.try_get("ayahs")?,
        letters: row.try_get("letters")?,
        hasanat: row.try_get("hasanat")?,
        page_thousandths: row.try_get("page_thousandths")?,
    })
}

/// A stored sync event from a row of `id, seq, kind, data, received_at`.
pub(super) fn event_row_from(row: &AnyRow) -> Result<EventRow> {
    Ok(EventRow {
        id: row.try_get("id")?,
        seq: row.try_get("seq")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        data: row.try_get("data")?,
        received_at: row.try_get("received_at")?,
    })
}

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
            session_type: row.try_get::<String, _>("session_type")?.parse()?,
            ayahs_read: row.try_get("ayahs_read")?,
            letters: row.try_get("letters")?,
            hasanat: row.try_get("hasanat")?,
            page_thousandths: row.try_get("page_thousandths")?,
        },
    })
}

impl Store {
    /// Stores a batch of events for a user. `decide` sees what is stored
    /// already and returns one verdict per event, in order; only accepted
    /// events are written, all in one transaction with the decision.
    /// Returns the verdicts and the cursor after the batch; a user who does
    /// not exist is [`Error::NotFound`].
    pub async fn push_events(
        &self,
        user_id: &str,
        events: &[NewEvent],
        decide: impl FnOnce(&[NewEvent], &Existing) -> Vec<Verdict>,
    ) -> Result<(Vec<Verdict>, i64)> {
        let turn = match self.sqlite {
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
        .ok_or(Error::NotFound)?
        .try_get(0)?;
        if events.is_empty() {
            tx.commit().await?;
            return Ok((Vec::new(), cursor));
        }
        let existing = Existing {
            ids: stored_ids(&mut tx, user_id, events).await?,
            seconds_per_day: seconds_per_day(&mut tx, user_id, events).await?,
        };
        let verdicts = decide(events, &existing);
        let first_seq = cursor - count + 1;
        let stored: Vec<(&NewEvent, i64)> = events
            .iter()
            .zip(&verdicts)
            .enumerate()
            .filter(|(_, (_, verdict))| **verdict == Verdict::Accept)
            .map(|(index, (event, _))| (event, first_seq + index as i64))
            .collect();
        let received_at = self.clock.now();
        insert_events(&mut tx, user_id, &stored, received_at).await?;
        insert_sessions(&mut tx, user_id, &stored, received_at).await?;
        tx.commit().await?;
        // The next push may write while the boards are brought up to date.
        drop(turn);
        let change = super::ScoreChange {
            user_id: user_id.to_owned(),
            before: cursor - count,
            after: cursor,
            received_at,
            sessions: stored
                .iter()
                .filter_map(|(event, _)| event.session.as_ref().map(super::SessionScore::from))
                .collect(),
        };
        self.scores_changed(change).await;
        Ok((verdicts, cursor))
    }

    /// When `device` opened its history upload for the user, if it did.
    pub async fn history_opened(&self, user_id: &str, device: &str) -> Result<Option<i64>> {
        let row = sqlx::query(
            "SELECT opened_at FROM history_uploads WHERE user_id = $1 AND device_id = $2",
        )
        .bind(user_id)
        .bind(device)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    /// How many history uploads the user opened at `since` or later.
    pub async fn histories_since(&self, user_id: &str, since: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM history_uploads WHERE user_id = $1 AND opened_at >= $2",
        )
        .bind(user_id)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Records that `device` opened its history upload at `now` (kept as
    /// it was if it had).
    pub async fn open_history(&self, user_id: &str, device: &str, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO history_uploads (user_id, device_id, opened_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, device_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(device)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user's reading per local day (only days with reading), from
    /// `since` on (all when `None`), oldest first: one row per day, kept
    /// with the sessions.
    pub async fn daily_totals(
        &self,
        user_id: &str,
        since: Option<i64>,
    ) -> Result<Vec<(i64, Totals)>> {
        let rows = sqlx::query(
            "SELECT local_day, sessions, seconds, ayahs, letters, hasanat, page_thousandths
             FROM user_days WHERE user_id = $1 AND local_day >= $2 ORDER BY local_day",
        )
        .bind(user_id)
        .bind(since.unwrap_or(i64::MIN))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("local_day")?, totals_from(row)?)))
            .collect()
    }

    /// The distinct ayah ranges the user read: (surah, first, last).
    pub async fn read_ranges(&self, user_id: &str) -> Result<Vec<(i64, i64, i64)>> {
        let rows = sqlx::query(
            "SELECT DISTINCT surah_number, start_ayah, end_ayah FROM reading_sessions WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect()
    }

    /// The user's sync cursor as it stands, read without a lock; a user
    /// who does not exist is [`Error::NotFound`].
    pub async fn sync_cursor(&self, user_id: &str) -> Result<i64> {
        self.optional("SELECT sync_seq FROM users WHERE id = $1", user_id, |row| {
            Ok(row.try_get(0)?)
        })
        .await?
        .ok_or(Error::NotFound)
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
        rows.iter().map(event_row_from).collect()
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
        row.as_ref().map_or(Ok(Totals::default()), totals_from)
    }

    /// Every event the user pushed (for the export).
    pub async fn all_events(&self, user_id: &str) -> Result<Vec<EventRow>> {
        self.pull_events(user_id, i64::MIN, i64::MAX).await
    }
}

/// Which of `events`' ids the user has stored already.
async fn stored_ids(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    events: &[NewEvent],
) -> Result<HashSet<String>> {
    let sql = format!(
        "SELECT id FROM sync_events WHERE user_id = $1 AND id IN ({})",
        list(events.len(), 2)
    );
    let mut query = sqlx::query(&sql).bind(user_id);
    for event in events {
        query = query.bind(&event.id);
    }
    let rows = query.fetch_all(&mut **tx).await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get::<String, _>(0))
        .collect::<Result<_, _>>()?)
}

/// Reading already recorded on the days `events`' sessions fall on.
async fn seconds_per_day(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    events: &[NewEvent],
) -> Result<HashMap<i64, i64>> {
    let days: Vec<i64> = events
        .iter()
        .filter_map(|e| e.session.as_ref().map(|s| s.local_day))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut per_day = HashMap::new();
    if days.is_empty() {
        return Ok(per_day);
    }
    let sql = format!(
        "SELECT local_day, seconds FROM user_days WHERE user_id = $1 AND local_day IN ({})",
        list(days.len(), 2)
    );
    let mut query = sqlx::query(&sql).bind(user_id);
    for day in &days {
        query = query.bind(day);
    }
    for row in query.fetch_all(&mut **tx).await? {
        per_day.insert(row.try_get(0)?, row.try_get(1)?);
    }
    Ok(per_day)
}

/// Writes events with their sequence numbers.
async fn insert_events(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    stored: &[(&NewEvent, i64)],
    received_at: i64,
) -> Result<()> {
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
                .bind(event.kind.as_str())
                .bind(&event.data)
                .bind(received_at);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Writes the sessions among `stored` and adds them to the user's totals.
async fn insert_sessions(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    stored: &[(&NewEvent, i64)],
    received_at: i64,
) -> Result<()> {
    let sessions: Vec<(&str, &Session)> = stored
        .iter()
        .filter_map(|(e, _)| e.session.as_ref().map(|s| (e.id.as_str(), s)))
        .collect();
    let mut totals = Totals::default();
    for chunk in sessions.chunks(100) {
        let sql = format!(
            "INSERT INTO reading_sessions (user_id, {SESSION_COLUMNS}) VALUES {}",
            placeholders(chunk.len(), 15, 1)
        );
        let mut query = sqlx::query::<Any>(&sql);
        for (id, s) in chunk {
            totals.add(s);
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
                .bind(s.session_type.as_str())
                .bind(s.ayahs_read)
                .bind(s.letters)
                .bind(s.hasanat)
                .bind(s.page_thousandths)
                .bind(received_at);
        }
        query.execute(&mut **tx).await?;
    }
    if totals.sessions == 0 {
        return Ok(());
    }
    add_totals(tx, user_id, &[(None, totals)]).await?;
    let scored: Vec<&Session> = sessions.iter().map(|(_, s)| *s).collect();
    super::boards::add_board_days(tx, user_id, &scored).await?;
    let mut per_day: HashMap<i64, Totals> = HashMap::new();
    for (_, session) in &sessions {
        per_day.entry(session.local_day).or_default().add(session);
    }
    let days: Vec<(Option<i64>, Totals)> = per_day
        .into_iter()
        .map(|(day, totals)| (Some(day), totals))
        .collect();
    add_totals(tx, user_id, &days).await
}

/// Adds totals to the user's all-time row (`user_totals`, day `None`) or
/// to their rows of local days (`user_days`, every day `Some`), a hundred
/// rows per statement; each day appears once.
async fn add_totals(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    rows: &[(Option<i64>, Totals)],
) -> Result<()> {
    const SUMS: &str = "sessions = t.sessions + excluded.sessions,
            seconds = t.seconds + excluded.seconds,
            ayahs = t.ayahs + excluded.ayahs,
            letters = t.letters + excluded.letters,
            hasanat = t.hasanat + excluded.hasanat,
            page_thousandths = t.page_thousandths + excluded.page_thousandths";
    let by_day = rows.first().is_some_and(|(day, _)| day.is_some());
    for chunk in rows.chunks(100) {
        let sql = match by_day {
            false => format!(
                "INSERT INTO user_totals AS t (user_id, sessions, seconds, ayahs, letters, hasanat, page_thousandths)
                 VALUES {} ON CONFLICT (user_id) DO UPDATE SET {SUMS}",
                placeholders(chunk.len(), 7, 1)
            ),
            true => format!(
                "INSERT INTO user_days AS t (user_id, sessions, seconds, ayahs, letters, hasanat, page_thousandths, local_day)
                 VALUES {} ON CONFLICT (user_id, local_day) DO UPDATE SET {SUMS}",
                placeholders(chunk.len(), 8, 1)
            ),
        };
        let mut query = sqlx::query::<Any>(&sql);
        for (day, totals) in chunk {
            query = query
                .bind(user_id)
                .bind(totals.sessions)
                .bind(totals.seconds)
                .bind(totals.ayahs)
                .bind(totals.letters)
                .bind(totals.hasanat)
                .bind(totals.page_thousandths);
            if let Some(day) = day {
                query = query.bind(*day);
            }
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
