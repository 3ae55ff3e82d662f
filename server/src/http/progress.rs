//! `/sync`, `/progress` and `/hasanat`: devices push batches of events with
//! their own ids and pull what other devices pushed; the server records
//! reading sessions with Hasanat, ayahs and pages it computes itself.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::openapi::{Invalid, TooLarge};
use super::{ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::error::{Error, ErrorBody, Result};
use crate::progress::{self, Session, SessionData};
use crate::store::{NewEvent, Outcome, SessionRow, Totals};
use crate::AppState;

/// Most events in one push.
pub const MAX_EVENTS_PER_PUSH: usize = 500;
/// Largest push body: 500 events of up to about 2 KiB.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;
/// Largest `data` of one event, as JSON text.
const MAX_EVENT_DATA_BYTES: usize = 8 * 1024;

/// Kinds of event a device can push.
pub const EVENT_TYPES: [&str; 9] = [
    "reading_session",
    "bookmark_added",
    "bookmark_removed",
    "goal_set",
    "goal_removed",
    "focus_session",
    "dhikr_session",
    "settings",
    "position",
];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(push).layer(axum::extract::DefaultBodyLimit::max(MAX_PUSH_BYTES)))
        .routes(routes!(pull))
        .routes(routes!(list_sessions, add_session))
        .routes(routes!(one_session))
        .routes(routes!(stats))
        .routes(routes!(streak))
        .routes(routes!(hasanat))
        .routes(routes!(history))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PushRequest {
    /// At most 500.
    events: Vec<EventIn>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EventIn {
    /// The device's own id for the event: 8 to 64 of `A-Z a-z 0-9 - _`
    /// (a UUID fits). Pushing it again is a duplicate, not an error.
    id: String,
    /// `reading_session`, `bookmark_added`, `bookmark_removed`, `goal_set`,
    /// `goal_removed`, `focus_session`, `dhikr_session`, `settings` or
    /// `position`.
    #[serde(rename = "type")]
    kind: String,
    /// A JSON object of at most 8 KiB; for `reading_session` the fields of
    /// `SessionData`, for bookmarks `surah_number` and `ayah_number`.
    #[schema(value_type = Object)]
    data: Value,
}

/// An event the server refused, and why.
#[derive(Debug, Serialize, ToSchema)]
struct Rejection {
    id: String,
    /// Stable, like an error's: `invalid_event`, `invalid_event_type`, ...
    code: &'static str,
    message: String,
}

#[derive(Debug, Serialize, ToSchema)]
struct PushResponse {
    accepted: Vec<String>,
    duplicates: Vec<String>,
    rejected: Vec<Rejection>,
    /// The user's cursor after this push.
    cursor: i64,
}

/// A client id: 8 to 64 characters of `A-Z a-z 0-9 - _` (a UUID fits).
fn check_event_id(id: &str) -> Result<()> {
    let ok = (8..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "invalid_event_id",
            "An event id is 8 to 64 letters, digits, '-' or '_' (a UUID fits).",
        ))
    }
}

fn check_ayah_field(data: &Value, surah: &str, ayah: &str) -> Result<()> {
    let number = |field: &str| data.get(field).and_then(Value::as_i64);
    match (number(surah), number(ayah)) {
        (Some(s), Some(a)) => progress::count_range(s, a, a).map(|_| ()),
        _ => Err(Error::invalid(
            "invalid_event",
            format!("A bookmark names `{surah}` and `{ayah}`."),
        )),
    }
}

/// Checks one event and computes what a reading session earned.
fn check_event(event: &EventIn, now: i64, zone: &jiff::tz::TimeZone) -> Result<NewEvent> {
    check_event_id(&event.id)?;
    if !EVENT_TYPES.contains(&event.kind.as_str()) {
        return Err(Error::invalid(
            "invalid_event_type",
            format!("Unknown event type. Known: {}.", EVENT_TYPES.join(", ")),
        ));
    }
    if !event.data.is_object() {
        return Err(Error::invalid(
            "invalid_event",
            "An event's `data` is a JSON object.",
        ));
    }
    let data = serde_json::to_string(&event.data).map_err(|e| Error::Internal(e.to_string()))?;
    if data.len() > MAX_EVENT_DATA_BYTES {
        return Err(Error::invalid(
            "event_too_large",
            format!("An event's data is at most {MAX_EVENT_DATA_BYTES} bytes."),
        ));
    }
    let session = match event.kind.as_str() {
        "reading_session" => {
            let input: SessionData = serde_json::from_value(event.data.clone())
                .map_err(|e| Error::invalid("invalid_event", e.to_string()))?;
            Some(progress::check_session(&input, now, zone)?)
        }
        "bookmark_added" | "bookmark_removed" => {
            check_ayah_field(&event.data, "surah_number", "ayah_number")?;
            None
        }
        _ => None,
    };
    Ok(NewEvent {
        id: event.id.clone(),
        kind: event.kind.clone(),
        data,
        session,
    })
}

async fn zone_of(state: &AppState, user: &AuthUser) -> Result<jiff::tz::TimeZone> {
    let found = state
        .store
        .user_by_id(&user.id)
        .await?
        .ok_or_else(|| Error::Unauthorized("This account no longer exists.".into()))?;
    Ok(progress::zone_or_utc(&found.time_zone))
}

/// Checks and stores a batch; each event is accepted, a duplicate or
/// rejected with its own code, so one bad event never blocks a queue.
async fn store_events(
    state: &AppState,
    user: &AuthUser,
    events: &[EventIn],
) -> Result<PushResponse> {
    let zone = zone_of(state, user).await?;
    let now = state.clock.now();
    let mut checked = Vec::new();
    let mut rejected = Vec::new();
    // Index into `events` of each checked event.
    let mut positions = Vec::new();
    for (index, event) in events.iter().enumerate() {
        match check_event(event, now, &zone) {
            Ok(new) => {
                checked.push(new);
                positions.push(index);
            }
            Err(error) => rejected.push(rejection(&event.id, error)),
        }
    }
    let (outcomes, cursor) = state.store.push_events(&user.id, &checked).await?;
    let mut response = PushResponse {
        accepted: Vec::new(),
        duplicates: Vec::new(),
        rejected,
        cursor,
    };
    for (outcome, index) in outcomes.into_iter().zip(positions) {
        let id = events.get(index).map(|e| e.id.clone()).unwrap_or_default();
        match outcome {
            Outcome::Accepted => response.accepted.push(id),
            Outcome::Duplicate => response.duplicates.push(id),
            Outcome::Rejected(error) => response.rejected.push(rejection(&id, error)),
        }
    }
    Ok(response)
}

fn rejection(id: &str, error: Error) -> Rejection {
    let (code, message) = match error {
        Error::Invalid { code, message } => (code, message),
        other => ("invalid_event", other.to_string()),
    };
    Rejection {
        id: id.to_owned(),
        code,
        message,
    }
}

/// Pushes a batch of events from a device.
///
/// Each event is accepted, a duplicate (its id was pushed before) or
/// rejected with its own code, so one bad event never blocks a queue.
#[utoipa::path(
    post,
    path = "/sync/push",
    request_body = PushRequest,
    responses(
        (status = 200, description = "What became of each event.", body = PushResponse),
        (status = 422, description = "`too_many_events`, or the body does not parse (`invalid_body`).", body = ErrorBody),
        TooLarge,
    ),
)]
async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<PushRequest>,
) -> Result<Json<PushResponse>> {
    if request.events.len() > MAX_EVENTS_PER_PUSH {
        return Err(Error::invalid(
            "too_many_events",
            format!("Send at most {MAX_EVENTS_PER_PUSH} events at a time."),
        ));
    }
    Ok(Json(store_events(&state, &user, &request.events).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PullQuery {
    /// The `cursor` of the last pull; 0 (the default) for everything.
    #[serde(default)]
    cursor: i64,
    /// 1 to 500; 500 by default.
    limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
struct EventOut {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[schema(value_type = Object)]
    data: Value,
    /// The event's place in the user's stream.
    cursor: i64,
    /// Unix seconds.
    received_at: i64,
}

#[derive(Debug, Serialize, ToSchema)]
struct PullResponse {
    events: Vec<EventOut>,
    /// Pass this as `cursor` next time.
    cursor: i64,
    /// Whether more events wait after this page.
    more: bool,
}

/// Pulls the events pushed after `cursor`, by any of the user's devices.
#[utoipa::path(
    get,
    path = "/sync/pull",
    params(PullQuery),
    responses((status = 200, description = "A page of events.", body = PullResponse), Invalid),
)]
async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<PullQuery>,
) -> Result<Json<PullResponse>> {
    let limit = super::limit(query.limit, 500)?;
    let mut rows = state
        .store
        .pull_events(&user.id, query.cursor, limit + 1)
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let cursor = rows.last().map_or(query.cursor, |r| r.seq);
    let events = rows
        .into_iter()
        .map(|r| EventOut {
            data: serde_json::from_str(&r.data).unwrap_or(Value::Null),
            id: r.id,
            kind: r.kind,
            cursor: r.seq,
            received_at: r.received_at,
        })
        .collect();
    Ok(Json(PullResponse {
        events,
        cursor,
        more,
    }))
}

/// A session as the API shows it, with what the server computed.
#[derive(Debug, Serialize, ToSchema)]
struct SessionOut {
    id: String,
    surah_number: i64,
    start_ayah: i64,
    end_ayah: i64,
    start_time: String,
    end_time: String,
    local_date: String,
    duration_seconds: i64,
    session_type: String,
    ayahs_read: i64,
    letters: i64,
    hasanat: i64,
    pages_read: f64,
}

/// Thousandths of a page as pages, to two decimals.
fn pages(thousandths: i64) -> f64 {
    (thousandths as f64 / 10.0).round() / 100.0
}

impl From<SessionRow> for SessionOut {
    fn from(row: SessionRow) -> Self {
        let s: Session = row.session;
        SessionOut {
            id: row.id,
            surah_number: s.surah_number,
            start_ayah: s.start_ayah,
            end_ayah: s.end_ayah,
            start_time: progress::rfc3339(s.start_time),
            end_time: progress::rfc3339(s.end_time),
            local_date: progress::day_string(s.local_day),
            duration_seconds: s.duration_seconds,
            session_type: s.session_type,
            ayahs_read: s.ayahs_read,
            letters: s.letters,
            hasanat: s.hasanat,
            pages_read: pages(s.page_thousandths),
        }
    }
}

/// A reading session: its id and the fields of `SessionData`.
#[derive(Debug, Deserialize, ToSchema)]
struct SessionIn {
    /// The device's id for it, as for events.
    id: String,
    #[serde(flatten)]
    #[schema(value_type = SessionData)]
    data: Value,
}

/// Records one reading session.
///
/// 201 when new, 200 with the stored session when its id was seen before.
#[utoipa::path(
    post,
    path = "/progress/sessions",
    request_body = SessionIn,
    responses(
        (status = 201, description = "Recorded.", body = SessionOut),
        (status = 200, description = "Already recorded under this id.", body = SessionOut),
        (status = 409, description = "`id_in_use`: the id names another kind of event.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn add_session(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(input): ValidJson<SessionIn>,
) -> Result<(StatusCode, Json<SessionOut>)> {
    let event = EventIn {
        id: input.id,
        kind: "reading_session".into(),
        data: input.data,
    };
    let mut response = store_events(&state, &user, std::slice::from_ref(&event)).await?;
    if let Some(rejected) = response.rejected.pop() {
        return Err(Error::Invalid {
            code: rejected.code,
            message: rejected.message,
        });
    }
    let status = if response.accepted.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let stored = state
        .store
        .session(&user.id, &event.id)
        .await?
        .ok_or_else(|| Error::Conflict {
            code: "id_in_use",
            message: "This id was already used for another kind of event.".into(),
        })?;
    Ok((status, Json(stored.into())))
}

/// One of the user's reading sessions.
#[utoipa::path(
    get,
    path = "/progress/sessions/{id}",
    params(("id" = String, Path, description = "The session's id.")),
    responses(
        (status = 200, description = "The session.", body = SessionOut),
        (status = 404, description = "`session_not_found`.", body = ErrorBody),
    ),
)]
async fn one_session(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<SessionOut>> {
    let found = state
        .store
        .session(&user.id, &id)
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "session_not_found",
            message: "No reading session has this id.".into(),
        })?;
    Ok(Json(found.into()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SessionsQuery {
    /// Only sessions that started before this time (RFC 3339), for paging.
    before: Option<String>,
    /// 1 to 100; 100 by default.
    limit: Option<i64>,
}

/// The user's reading sessions, newest first.
#[utoipa::path(
    get,
    path = "/progress/sessions",
    params(SessionsQuery),
    responses((status = 200, description = "A page of sessions.", body = [SessionOut]), Invalid),
)]
async fn list_sessions(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<SessionsQuery>,
) -> Result<Json<Vec<SessionOut>>> {
    let limit = super::limit(query.limit, 100)?;
    let before = match query.before {
        None => i64::MAX,
        Some(text) => text
            .parse::<jiff::Timestamp>()
            .map_err(|_| Error::invalid("invalid_time", "`before` is an RFC 3339 time."))?
            .as_second(),
    };
    let rows = state.store.sessions(&user.id, before, limit).await?;
    Ok(Json(rows.into_iter().map(SessionOut::from).collect()))
}

/// Reading summed over some sessions.
#[derive(Debug, Serialize, Default, Clone, Copy, ToSchema)]
pub struct Amounts {
    pub sessions: i64,
    pub minutes: i64,
    pub ayahs: i64,
    pub pages: f64,
    pub hasanat: i64,
}

impl From<Totals> for Amounts {
    fn from(t: Totals) -> Self {
        Amounts {
            sessions: t.sessions,
            minutes: t.seconds / 60,
            ayahs: t.ayahs,
            pages: pages(t.page_thousandths),
            hasanat: t.hasanat,
        }
    }
}

/// The local days on which ayahs were read (streaks count these).
fn reading_days(rows: &[SessionRow]) -> Vec<i64> {
    rows.iter()
        .filter(|r| r.session.ayahs_read > 0)
        .map(|r| r.session.local_day)
        .collect()
}

fn sum_since(rows: &[SessionRow], since_day: i64) -> Amounts {
    let mut totals = Totals::default();
    for row in rows.iter().filter(|r| r.session.local_day >= since_day) {
        totals.add(&row.session);
    }
    totals.into()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    pub all_time: Amounts,
    pub today: Amounts,
    /// The last seven local days, today included.
    pub week: Amounts,
    /// Distinct ayahs ever read, and their share of the Qur'an in percent.
    pub distinct_ayahs: i64,
    pub quran_completion_percent: f64,
    pub current_streak: i64,
    pub longest_streak: i64,
    pub time_zone: String,
}

/// Everything the stats endpoints report for one user.
pub async fn stats_of(state: &AppState, user_id: &str) -> Result<Stats> {
    let found = state
        .store
        .user_by_id(user_id)
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "user_not_found",
            message: "No user has this id.".into(),
        })?;
    let zone = progress::zone_or_utc(&found.time_zone);
    let rows = state.store.all_sessions(user_id).await?;
    let totals = state.store.totals(user_id).await?;
    let today = progress::today(state.clock.now(), &zone);
    let mut read = vec![false; quran_data::quran().ayahs().len()];
    for row in &rows {
        let s = &row.session;
        if let (Ok(surah), Ok(first), Ok(last)) = (
            u16::try_from(s.surah_number),
            u16::try_from(s.start_ayah),
            u16::try_from(s.end_ayah),
        ) {
            for ayah in first..=last {
                if let Ok(r) = companion_core::AyahRef::new(surah, ayah) {
                    if let Some(slot) = read.get_mut(usize::from(r.index())) {
                        *slot = true;
                    }
                }
            }
        }
    }
    let distinct = read.iter().filter(|r| **r).count() as i64;
    let days = reading_days(&rows);
    let (current, longest) = progress::streaks(&days, today);
    Ok(Stats {
        all_time: totals.into(),
        today: sum_since(&rows, today),
        week: sum_since(&rows, today - 6),
        distinct_ayahs: distinct,
        quran_completion_percent: (distinct as f64 * 10_000.0 / read.len().max(1) as f64).round()
            / 100.0,
        current_streak: current,
        longest_streak: longest,
        time_zone: found.time_zone,
    })
}

/// The signed-in user's reading stats.
#[utoipa::path(
    get,
    path = "/progress/stats",
    responses((status = 200, description = "Their stats.", body = Stats)),
)]
async fn stats(State(state): State<AppState>, user: AuthUser) -> Result<Json<Stats>> {
    Ok(Json(stats_of(&state, &user.id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
struct Streak {
    current_streak: i64,
    longest_streak: i64,
    /// The last local day with reading, `YYYY-MM-DD`.
    last_read_date: Option<String>,
    /// Whether today already counts.
    today_done: bool,
    time_zone: String,
}

/// The signed-in user's reading streak, in their time zone.
#[utoipa::path(
    get,
    path = "/progress/streak",
    responses((status = 200, description = "The streak.", body = Streak)),
)]
async fn streak(State(state): State<AppState>, user: AuthUser) -> Result<Json<Streak>> {
    let zone = zone_of(&state, &user).await?;
    let rows = state.store.all_sessions(&user.id).await?;
    let days = reading_days(&rows);
    let today = progress::today(state.clock.now(), &zone);
    let (current, longest) = progress::streaks(&days, today);
    let last = days.iter().copied().max();
    Ok(Json(Streak {
        current_streak: current,
        longest_streak: longest,
        last_read_date: last.map(progress::day_string),
        today_done: last == Some(today),
        time_zone: zone.iana_name().unwrap_or("UTC").to_owned(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
struct HasanatTotals {
    total: i64,
    today: i64,
    week: i64,
}

/// The signed-in user's Hasanat: all time, today and the last seven days.
#[utoipa::path(
    get,
    path = "/hasanat",
    responses((status = 200, description = "The totals.", body = HasanatTotals)),
)]
async fn hasanat(State(state): State<AppState>, user: AuthUser) -> Result<Json<HasanatTotals>> {
    let stats = stats_of(&state, &user.id).await?;
    Ok(Json(HasanatTotals {
        total: stats.all_time.hasanat,
        today: stats.today.hasanat,
        week: stats.week.hasanat,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct HistoryQuery {
    /// How many days back, 1 to 366; 30 by default.
    days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
struct Day {
    date: String,
    hasanat: i64,
    ayahs: i64,
    minutes: i64,
}

/// Hasanat, ayahs and minutes per local day.
///
/// One entry per day, oldest first, for the last `days` days (1 to 366; 30
/// by default), days without reading included.
#[utoipa::path(
    get,
    path = "/hasanat/history",
    params(HistoryQuery),
    responses(
        (status = 200, description = "One entry per day.", body = [Day]),
        (status = 422, description = "`invalid_days`, or the query does not parse (`invalid_query`).", body = ErrorBody),
    ),
)]
async fn history(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<HistoryQuery>,
) -> Result<Json<Vec<Day>>> {
    let days = query.days.unwrap_or(30);
    if !(1..=366).contains(&days) {
        return Err(Error::invalid("invalid_days", "`days` is from 1 to 366."));
    }
    let zone = zone_of(&state, &user).await?;
    let today = progress::today(state.clock.now(), &zone);
    let first = today - days + 1;
    let rows = state.store.all_sessions(&user.id).await?;
    let mut out: Vec<(i64, i64, i64)> = vec![(0, 0, 0); usize::try_from(days).unwrap_or(0)];
    for row in &rows {
        let s = &row.session;
        if let Some(slot) = usize::try_from(s.local_day - first)
            .ok()
            .and_then(|i| out.get_mut(i))
        {
            slot.0 += s.hasanat;
            slot.1 += s.ayahs_read;
            slot.2 += s.duration_seconds;
        }
    }
    Ok(Json(
        out.into_iter()
            .enumerate()
            .map(|(i, (hasanat, ayahs, seconds))| Day {
                date: progress::day_string(first + i as i64),
                hasanat,
                ayahs,
                minutes: seconds / 60,
            })
            .collect(),
    ))
}
