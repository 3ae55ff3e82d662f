//! Sync: devices push batches of events with their own ids and pull what
//! other devices pushed. Each event is checked on its own (a bad one is
//! rejected with its own code and never blocks the rest of a queue); a
//! reading session is counted by the server (`sessions`), and no user
//! records more than 24 hours of reading on one local day. A push that
//! stores reading posts the milestones it reached (`milestones`) and
//! counts the group khatmah portions it finished (`khatmah`).

use std::collections::HashSet;
use std::future::Future;

use jiff::tz::TimeZone;
use serde_json::Value;

use super::sessions::{self, SessionData, MAX_SECONDS_PER_DAY};
use super::{Error, Result};
use crate::kinds::EventType;
use crate::store::{self, EventRow, Existing, NewEvent, SessionRow, Store, UserEvent, Verdict};

/// Most events in one push.
pub const MAX_EVENTS_PER_PUSH: usize = 500;
/// Largest `data` of one event, as JSON text.
pub const MAX_EVENT_DATA_BYTES: usize = 8 * 1024;

/// An event as a device sends it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// The device's own id for it.
    pub id: &'a str,
    /// Its type's name, unchecked.
    pub kind: &'a str,
    pub data: &'a Value,
}

/// An event the server refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub id: String,
    pub code: &'static str,
    pub message: String,
}

/// What became of a push.
#[derive(Debug, Default)]
pub struct Pushed {
    pub accepted: Vec<String>,
    pub duplicates: Vec<String>,
    pub rejected: Vec<Rejected>,
    /// The user's cursor after the push.
    pub cursor: i64,
    /// Live events of what the push achieved (milestone posts), to
    /// publish.
    pub events: Vec<UserEvent>,
}

/// A page of pulled events.
#[derive(Debug)]
pub struct Pulled {
    pub events: Vec<EventRow>,
    /// The cursor to pull from next time.
    pub cursor: i64,
    /// Whether more events wait after this page.
    pub more: bool,
}

/// A client id: 8 to 64 characters of `A-Z a-z 0-9 - _` (a UUID fits).
fn is_client_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_event_id(id: &str) -> Result<()> {
    if is_client_id(id) {
        Ok(())
    } else {
        Err(Error::invalid(
            "invalid_event_id",
            "An event id is 8 to 64 letters, digits, '-' or '_' (a UUID fits).",
        ))
    }
}

/// How long a device's history upload stays open from its first push.
pub const HISTORY_WINDOW_SECONDS: i64 = 86_400;
/// How many devices of one account may open a history upload in 30 days.
pub const MAX_HISTORIES_PER_30_DAYS: i64 = 3;

/// Whether `device`'s pushes for `user` may hold sessions older than
/// [`sessions::MAX_AGE_SECONDS`]: the history it kept before signing in,
/// uploaded within [`HISTORY_WINDOW_SECONDS`] of its first push naming
/// it, on at most [`MAX_HISTORIES_PER_30_DAYS`] devices of the account.
/// Otherwise its pushes are like any other (old sessions are refused
/// one by one, `too_old`).
async fn history_open(store: &Store, user: &str, device: &str, now: i64) -> Result<bool> {
    if !is_client_id(device) {
        return Err(Error::invalid(
            "invalid_device_id",
            "`history_device` is 8 to 64 letters, digits, '-' or '_' (a UUID fits).",
        ));
    }
    if let Some(opened) = store.history_opened(user, device).await? {
        return Ok(now < opened + HISTORY_WINDOW_SECONDS);
    }
    let recent = store.histories_since(user, now - 30 * 86_400).await?;
    if recent >= MAX_HISTORIES_PER_30_DAYS {
        return Ok(false);
    }
    store.open_history(user, device, now).await?;
    Ok(true)
}

fn check_ayah_field(data: &Value, surah: &str, ayah: &str) -> Result<()> {
    let number = |field: &str| data.get(field).and_then(Value::as_i64);
    match (number(surah), number(ayah)) {
        (Some(s), Some(a)) => sessions::count_range(s, a, a).map(|_| ()),
        _ => Err(Error::invalid(
            "invalid_event",
            format!("A bookmark names `{surah}` and `{ayah}`."),
        )),
    }
}

/// Checks one event and computes what a reading session earned. `now` is
/// the server's clock; `zone` the user's profile time zone; `history`
/// whether it comes in a device's upload of its history.
pub fn check_event(
    event: Incoming<'_>,
    now: i64,
    zone: &TimeZone,
    history: bool,
) -> Result<NewEvent> {
    check_event_id(event.id)?;
    let kind: EventType = event.kind.parse().map_err(|_| {
        let known: Vec<&str> = EventType::ALL.iter().map(|k| k.as_str()).collect();
        Error::invalid(
            "invalid_event_type",
            format!("Unknown event type. Known: {}.", known.join(", ")),
        )
    })?;
    if !event.data.is_object() {
        return Err(Error::invalid(
            "invalid_event",
            "An event's `data` is a JSON object.",
        ));
    }
    let data = event.data.to_string();
    if data.len() > MAX_EVENT_DATA_BYTES {
        return Err(Error::invalid(
            "event_too_large",
            format!("An event's data is at most {MAX_EVENT_DATA_BYTES} bytes."),
        ));
    }
    let session = match kind {
        EventType::ReadingSession => {
            let input: SessionData = serde_json::from_value(event.data.clone())
                .map_err(|e| Error::invalid("invalid_event", e.to_string()))?;
            Some(sessions::check_session(&input, now, zone, history)?)
        }
        EventType::BookmarkAdded | EventType::BookmarkRemoved => {
            check_ayah_field(event.data, "surah_number", "ayah_number")?;
            None
        }
        _ => None,
    };
    Ok(NewEvent {
        id: event.id.to_owned(),
        kind,
        data,
        session,
    })
}

/// Which of `events` to store, given what is stored already: an id seen
/// before (stored, or earlier in the batch) is a duplicate, and a session
/// that would take its local day past 24 hours of reading is refused (not
/// stored, so the same id can be sent again once corrected).
pub fn admit(events: &[NewEvent], existing: &Existing) -> Vec<Verdict> {
    let mut seen: HashSet<&str> = existing.ids.iter().map(String::as_str).collect();
    let mut per_day = existing.seconds_per_day.clone();
    events
        .iter()
        .map(|event| {
            if !seen.insert(&event.id) {
                return Verdict::Duplicate;
            }
            if let Some(session) = &event.session {
                let day = per_day.entry(session.local_day).or_default();
                if *day + session.duration_seconds > MAX_SECONDS_PER_DAY {
                    seen.remove(event.id.as_str());
                    return Verdict::Refuse;
                }
                *day += session.duration_seconds;
            }
            Verdict::Accept
        })
        .collect()
}

fn too_much_reading() -> Error {
    Error::invalid(
        "too_much_reading",
        "This would make more than 24 hours of reading in one day.",
    )
}

fn rejected(id: &str, error: Error) -> Rejected {
    let (code, message) = match error {
        Error::Invalid { code, message } => (code, message),
        other => ("invalid_event", other.to_string()),
    };
    Rejected {
        id: id.to_owned(),
        code,
        message,
    }
}

/// Checks and stores a batch of at most [`MAX_EVENTS_PER_PUSH`] events:
/// each is accepted, a duplicate or rejected with its own code. `zone`
/// (the user's profile time zone) is awaited once the batch's size passed.
/// `history_device` names the device when the batch is part of its upload
/// of the history it kept before signing in ([`history_open`]).
pub async fn push(
    store: &Store,
    user: &str,
    (events, history_device): (&[Incoming<'_>], Option<&str>),
    now: i64,
    zone: impl Future<Output = Result<TimeZone>>,
) -> Result<Pushed> {
    if events.len() > MAX_EVENTS_PER_PUSH {
        return Err(Error::invalid(
            "too_many_events",
            format!("Send at most {MAX_EVENTS_PER_PUSH} events at a time."),
        ));
    }
    let zone = &zone.await?;
    let history = match history_device {
        Some(device) if !events.is_empty() => history_open(store, user, device, now).await?,
        _ => false,
    };
    let mut checked = Vec::new();
    let mut pushed = Pushed::default();
    for event in events {
        match check_event(*event, now, zone, history) {
            Ok(new) => checked.push(new),
            Err(error) => pushed.rejected.push(rejected(event.id, error)),
        }
    }
    // Nothing to store: no transaction, no lock, no change a board shows;
    // the answer is the cursor as it stands.
    let stored = match checked.is_empty() {
        true => store
            .sync_cursor(user)
            .await
            .map(|cursor| (Vec::new(), cursor)),
        false => store.push_events(user, &checked, admit).await,
    };
    let (verdicts, cursor) = match stored {
        Err(store::Error::NotFound) => return Err(Error::AccountGone),
        other => other?,
    };
    pushed.cursor = cursor;
    let mut read = Vec::new();
    for (verdict, event) in verdicts.into_iter().zip(checked) {
        match verdict {
            Verdict::Accept => {
                read.extend(event.session.as_ref().map(store::SessionScore::from));
                pushed.accepted.push(event.id)
            }
            Verdict::Duplicate => pushed.duplicates.push(event.id),
            Verdict::Refuse => pushed
                .rejected
                .push(rejected(&event.id, too_much_reading())),
        }
    }
    if !read.is_empty() {
        pushed.events = super::milestones::after_reading(store, user, zone, now).await?;
        pushed
            .events
            .extend(super::khatmah::after_reading(store, user).await?);
        pushed
            .events
            .extend(super::ranks::after_push(store, user, &read, now).await?);
    }
    Ok(pushed)
}

/// Records one reading session pushed on its own: the stored session,
/// whether it is new (false when its id was recorded before), and the
/// live events to publish.
pub async fn record_session(
    store: &Store,
    user: &str,
    id: &str,
    data: &Value,
    now: i64,
    zone: impl Future<Output = Result<TimeZone>>,
) -> Result<(SessionRow, bool, Vec<UserEvent>)> {
    let event = Incoming {
        id,
        kind: EventType::ReadingSession.as_str(),
        data,
    };
    let mut pushed = push(store, user, (&[event], None), now, zone).await?;
    if let Some(refused) = pushed.rejected.pop() {
        return Err(Error::Invalid {
            code: refused.code,
            message: refused.message,
        });
    }
    let stored = store.session(user, id).await?.ok_or_else(|| {
        Error::conflict(
            "id_in_use",
            "This id was already used for another kind of event.",
        )
    })?;
    Ok((stored, !pushed.accepted.is_empty(), pushed.events))
}

/// Records an event of `kind` the server makes for `user` from a REST
/// call (a goal, a focus or dhikr session), checked and stored like a
/// pushed one, so the user's devices pull it: its new id.
pub async fn record(
    store: &Store,
    user: &str,
    kind: EventType,
    data: &Value,
    now: i64,
) -> Result<String> {
    let id = format!("srv-{}", uuid::Uuid::new_v4().simple());
    let event = Incoming {
        id: &id,
        kind: kind.as_str(),
        data,
    };
    let zone = async { Ok(TimeZone::UTC) };
    let mut pushed = push(store, user, (&[event], None), now, zone).await?;
    match pushed.rejected.pop() {
        Some(refused) => Err(Error::Invalid {
            code: refused.code,
            message: refused.message,
        }),
        None => Ok(id),
    }
}

/// One of the user's sessions by its id.
pub async fn session(store: &Store, user: &str, id: &str) -> Result<SessionRow> {
    store
        .session(user, id)
        .await?
        .ok_or_else(|| Error::not_found("session_not_found", "No reading session has this id."))
}

/// A page of the user's sessions that started before `before` (RFC 3339;
/// all when absent), newest first; 100 at most and by default.
pub async fn sessions(
    store: &Store,
    user: &str,
    before: Option<&str>,
    limit: Option<i64>,
) -> Result<Vec<SessionRow>> {
    let limit = super::limit(limit, 100)?;
    let before = match before {
        None => i64::MAX,
        Some(text) => super::days::parse_rfc3339(text)
            .ok_or_else(|| Error::invalid("invalid_time", "`before` is an RFC 3339 time."))?,
    };
    Ok(store.sessions(user, before, limit).await?)
}

/// The events pushed after `cursor`, at most `limit`, oldest first.
pub async fn pull(store: &Store, user: &str, cursor: i64, limit: i64) -> Result<Pulled> {
    let mut events = store.pull_events(user, cursor, limit + 1).await?;
    let more = events.len() as i64 > limit;
    events.truncate(usize::try_from(limit).unwrap_or(0));
    let cursor = events.last().map_or(cursor, |e| e.seq);
    Ok(Pulled {
        events,
        cursor,
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::SessionType;
    use crate::store::Session;

    const NOW: i64 = 1_795_200_000; // 2026-11-20 18:40 UTC

    fn event(id: &str, day: i64, seconds: i64) -> NewEvent {
        NewEvent {
            id: id.into(),
            kind: EventType::ReadingSession,
            data: "{}".into(),
            session: Some(Session {
                surah_number: 1,
                start_ayah: 1,
                end_ayah: 7,
                start_time: day * 86_400,
                end_time: day * 86_400 + seconds,
                local_day: day,
                duration_seconds: seconds,
                session_type: SessionType::Reading,
                ayahs_read: 7,
                letters: 139,
                hasanat: 1390,
                page_thousandths: 1000,
            }),
        }
    }

    #[test]
    fn no_day_holds_more_than_24_hours_of_reading() {
        let existing = Existing {
            ids: Default::default(),
            seconds_per_day: [(10, 80_000)].into_iter().collect(),
        };
        let verdicts = admit(
            &[
                event("a-000001", 10, 6_400),
                event("b-000001", 10, 1),
                event("c-000001", 11, 86_400),
            ],
            &existing,
        );
        assert_eq!(
            verdicts,
            vec![Verdict::Accept, Verdict::Refuse, Verdict::Accept],
            "day 10 is full at exactly 86,400 seconds; day 11 is another day"
        );
    }

    #[test]
    fn an_id_seen_before_is_a_duplicate_and_a_refused_one_may_come_again() {
        let existing = Existing {
            ids: ["old-0001".to_owned()].into_iter().collect(),
            seconds_per_day: [(10, 86_000)].into_iter().collect(),
        };
        let verdicts = admit(
            &[
                event("old-0001", 12, 60),
                event("new-0001", 12, 60),
                event("new-0001", 12, 60),
                event("big-0001", 10, 600),
                event("big-0001", 10, 300),
            ],
            &existing,
        );
        assert_eq!(
            verdicts,
            vec![
                Verdict::Duplicate,
                Verdict::Accept,
                Verdict::Duplicate,
                Verdict::Refuse,
                Verdict::Accept,
            ],
            "a refused event is not stored, so its id is free again"
        );
    }

    #[test]
    fn events_are_checked_by_type_and_data() {
        let code = |id: &str, kind: &str, data: Value| {
            check_event(
                Incoming {
                    id,
                    kind,
                    data: &data,
                },
                NOW,
                &TimeZone::UTC,
                false,
            )
            .err()
            .and_then(|e| e.code())
        };
        let ok = serde_json::json!({ "surah_number": 2, "ayah_number": 255 });
        assert_eq!(
            code("short", "bookmark_added", ok.clone()),
            Some("invalid_event_id")
        );
        assert_eq!(
            code("event-0001", "dancing", ok.clone()),
            Some("invalid_event_type")
        );
        assert_eq!(
            code("event-0001", "settings", Value::Null),
            Some("invalid_event")
        );
        let wrong = serde_json::json!({ "surah_number": 2, "ayah_number": 287 });
        assert_eq!(
            code("event-0001", "bookmark_added", wrong),
            Some("unknown_ayah")
        );
        let huge = serde_json::json!({ "text": "x".repeat(MAX_EVENT_DATA_BYTES) });
        assert_eq!(
            code("event-0001", "settings", huge),
            Some("event_too_large")
        );
        assert_eq!(code("event-0001", "bookmark_added", ok), None);
    }

    #[test]
    fn a_reading_session_event_carries_what_the_server_counted() {
        let data = serde_json::json!({
            "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
            "start_time": "2026-11-18T06:00:00Z", "end_time": "2026-11-18T06:05:00Z",
            "duration_seconds": 300,
        });
        let event = check_event(
            Incoming {
                id: "event-0001",
                kind: "reading_session",
                data: &data,
            },
            NOW,
            &TimeZone::UTC,
            false,
        );
        let hasanat = event.ok().and_then(|e| e.session).map(|s| s.hasanat);
        assert_eq!(
            hasanat,
            Some(1390),
            "the server counts al-Fatihah's letters"
        );
    }
}
