//! Focus Mode on the server: each user's preferences, and their finished
//! focus sessions with stats (core's `daily::focus::stats`).
//!
//! Finished sessions are `focus_session` sync events, as the app's outbox
//! sends them (`start_time`, `end_time`, `planned_minutes`,
//! `duration_seconds`, `completed`); recording one over REST stores the
//! same event, so the user's devices pull it, and the list and stats read
//! those events: no second copy. A client may also let the server keep
//! time: `start` keeps one running session per user (`focus_running`),
//! `complete` ends it by core's `FocusSession` rules and records it.
//! Never here: SQL, statuses.

use companion_core::daily::focus::{self as core_focus, FocusOutcome, FocusStats, MAX_MINUTES};
use serde_json::{json, Value};

use super::{days, sync, Error, Result};
use crate::kinds::EventType;
use crate::store::{EventRow, FocusPreferences, Store};

/// The preferences of a user who set none.
pub const DEFAULT_PREFERENCES: FocusPreferences = FocusPreferences {
    default_minutes: 20,
    quiet: true,
};

/// A finished focus session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRecord {
    /// Its sync event's id.
    pub id: String,
    pub start: i64,
    pub end: i64,
    pub planned_minutes: i64,
    /// Seconds focused, pauses excluded.
    pub focused_seconds: i64,
    pub completed: bool,
}

/// A session to record, as asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewSession<'a> {
    pub start_time: &'a str,
    pub end_time: &'a str,
    pub planned_minutes: i64,
    pub focused_seconds: i64,
    pub completed: bool,
}

fn check_minutes(minutes: i64) -> Result<i64> {
    match (1..=i64::from(MAX_MINUTES)).contains(&minutes) {
        true => Ok(minutes),
        false => Err(Error::invalid(
            "invalid_minutes",
            format!("A focus session is 1 to {MAX_MINUTES} minutes."),
        )),
    }
}

/// `user`'s preferences (the defaults until they set them).
pub async fn preferences(store: &Store, user: &str) -> Result<FocusPreferences> {
    Ok(store
        .focus_preferences(user)
        .await?
        .unwrap_or(DEFAULT_PREFERENCES))
}

/// Sets `user`'s preferences: a default length of 1 to 720 minutes.
pub async fn set_preferences(
    store: &Store,
    user: &str,
    prefs: FocusPreferences,
) -> Result<FocusPreferences> {
    check_minutes(prefs.default_minutes)?;
    store.set_focus_preferences(user, prefs).await?;
    Ok(prefs)
}

/// One `focus_session` event read as a record; `None` if it does not
/// parse.
pub fn record_of(event: &EventRow) -> Option<FocusRecord> {
    let data: Value = serde_json::from_str(&event.data).ok()?;
    let time = |field: &str| days::parse_rfc3339(data.get(field)?.as_str()?);
    Some(FocusRecord {
        id: event.id.clone(),
        start: time("start_time")?,
        end: time("end_time")?,
        planned_minutes: data.get("planned_minutes")?.as_i64()?,
        focused_seconds: data.get("duration_seconds")?.as_i64()?,
        completed: data.get("completed")?.as_bool()?,
    })
}

/// Records a finished session of `user` as a `focus_session` sync event.
pub async fn record(
    store: &Store,
    user: &str,
    new: NewSession<'_>,
    now: i64,
) -> Result<FocusRecord> {
    let (start, end) = days::check_span(new.start_time, new.end_time, now)?;
    let planned = check_minutes(new.planned_minutes)?;
    if !(0..=end - start).contains(&new.focused_seconds) {
        return Err(Error::invalid(
            "invalid_duration",
            "`duration_seconds` is 0 to the session's length.",
        ));
    }
    let record = FocusRecord {
        id: String::new(),
        start,
        end,
        planned_minutes: planned,
        focused_seconds: new.focused_seconds,
        completed: new.completed,
    };
    keep(store, user, record, now).await
}

/// Stores a checked session as a `focus_session` sync event: it, with
/// the event's id.
async fn keep(store: &Store, user: &str, record: FocusRecord, now: i64) -> Result<FocusRecord> {
    let data = json!({
        "start_time": days::rfc3339(record.start),
        "end_time": days::rfc3339(record.end),
        "planned_minutes": record.planned_minutes,
        "duration_seconds": record.focused_seconds,
        "completed": record.completed,
    });
    let id = sync::record(store, user, EventType::FocusSession, &data, now).await?;
    Ok(FocusRecord { id, ..record })
}

/// Starts a focus session of `minutes` (the preferred length by default)
/// for `user` at `now`, for a client that lets the server keep time:
/// (started at, planned minutes). One at a time.
pub async fn start(
    store: &Store,
    user: &str,
    minutes: Option<i64>,
    now: i64,
) -> Result<(i64, i64)> {
    let minutes = match minutes {
        Some(minutes) => check_minutes(minutes)?,
        None => preferences(store, user).await?.default_minutes,
    };
    if !store.start_focus(user, now, minutes).await? {
        return Err(Error::conflict(
            "focus_running",
            "A focus session is running; complete it first.",
        ));
    }
    Ok((now, minutes))
}

/// Completes `user`'s running session at `now` by core's rules (complete
/// once its time ran, otherwise ended early with what was focused) and
/// records it.
pub async fn complete(store: &Store, user: &str, now: i64) -> Result<FocusRecord> {
    let (started, minutes) = store.take_focus(user).await?.ok_or_else(|| {
        Error::not_found("no_focus_session", "No focus session of yours is running.")
    })?;
    let at =
        |second: i64| jiff::Timestamp::from_second(second).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let minutes32 = u32::try_from(minutes).unwrap_or(MAX_MINUTES);
    let session = core_focus::FocusSession::start(at(started), minutes32)
        .map_err(|e| Error::invalid("invalid_minutes", e.to_string()))?;
    let outcome = session.end(at(now));
    let record = FocusRecord {
        id: String::new(),
        start: outcome.started.as_second(),
        end: outcome.ended.as_second(),
        planned_minutes: minutes,
        focused_seconds: outcome.focused_seconds,
        completed: outcome.completed,
    };
    keep(store, user, record, now).await
}

/// `user`'s finished sessions, newest first.
pub async fn sessions(store: &Store, user: &str) -> Result<Vec<FocusRecord>> {
    let events = store.events_of(user, &[EventType::FocusSession]).await?;
    let mut records: Vec<FocusRecord> = events.iter().filter_map(record_of).collect();
    records.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.id.cmp(&b.id)));
    Ok(records)
}

/// The stats of `records`, by core's rules.
pub fn stats_of(records: &[FocusRecord]) -> FocusStats {
    let outcomes: Vec<FocusOutcome> = records
        .iter()
        .filter_map(|r| {
            Some(FocusOutcome {
                started: jiff::Timestamp::from_second(r.start).ok()?,
                ended: jiff::Timestamp::from_second(r.end).ok()?,
                planned_seconds: r.planned_minutes.saturating_mul(60),
                focused_seconds: r.focused_seconds,
                completed: r.completed,
            })
        })
        .collect();
    core_focus::stats(&outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_count_sessions_completions_and_whole_minutes() {
        let record = |focused, completed| FocusRecord {
            id: String::new(),
            start: 0,
            end: 1_800,
            planned_minutes: 30,
            focused_seconds: focused,
            completed,
        };
        let stats = stats_of(&[record(1_800, true), record(630, false)]);
        assert_eq!((stats.sessions, stats.completed, stats.minutes), (2, 1, 40));
        assert!((stats.completion_rate - 0.5).abs() < 1e-9);
    }
}
