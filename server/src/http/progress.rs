//! `/progress` and `/hasanat`: the server records reading sessions with
//! Hasanat, ayahs and pages it computes itself (`domain::sessions`), and
//! reports stats, streaks and history (`domain::stats`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{Invalid, TooLarge};
use super::{ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::sessions::SessionData;
use crate::domain::{days, people, stats, sync};
use crate::error::{ErrorBody, Result};
use crate::store::{SessionRow, Totals};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions, add_session))
        .routes(routes!(one_session))
        .routes(routes!(stats))
        .routes(routes!(streak))
        .routes(routes!(hasanat))
        .routes(routes!(history))
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
        let s = row.session;
        SessionOut {
            id: row.id,
            surah_number: s.surah_number,
            start_ayah: s.start_ayah,
            end_ayah: s.end_ayah,
            start_time: days::rfc3339(s.start_time),
            end_time: days::rfc3339(s.end_time),
            local_date: days::day_string(s.local_day),
            duration_seconds: s.duration_seconds,
            session_type: s.session_type.as_str().to_owned(),
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
    let (now, zone) = (state.clock.now(), user.time_zone(&state.store));
    let (stored, new, events) =
        sync::record_session(&state.store, &user.id, &input.id, &input.data, now, zone).await?;
    state.live.publish(&events);
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
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
    Ok(Json(
        sync::session(&state.store, &user.id, &id).await?.into(),
    ))
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
    let rows = sync::sessions(&state.store, &user.id, query.before.as_deref(), query.limit).await?;
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

/// Everything the stats endpoints report for `target`, days counted in
/// their own time zone.
pub async fn stats_of(state: &AppState, target: crate::store::UserRow) -> Result<Stats> {
    let zone = days::zone_or_utc(&target.time_zone);
    let summary = stats::summary(&state.store, &target.id, &zone, state.clock.now()).await?;
    Ok(Stats {
        all_time: summary.all_time.into(),
        today: summary.today.into(),
        week: summary.week.into(),
        distinct_ayahs: summary.distinct_ayahs,
        quran_completion_percent: summary.completion_percent,
        current_streak: summary.current_streak,
        longest_streak: summary.longest_streak,
        time_zone: target.time_zone,
    })
}

/// The signed-in user's reading stats.
#[utoipa::path(
    get,
    path = "/progress/stats",
    responses((status = 200, description = "Their stats.", body = Stats)),
)]
async fn stats(State(state): State<AppState>, user: AuthUser) -> Result<Json<Stats>> {
    let me = people::user(&state.store, &user.id).await?;
    Ok(Json(stats_of(&state, me).await?))
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
    let zone = user.time_zone(&state.store).await?;
    let streak = stats::streak(&state.store, &user.id, &zone, state.clock.now()).await?;
    Ok(Json(Streak {
        current_streak: streak.current,
        longest_streak: streak.longest,
        last_read_date: streak.last_day.map(days::day_string),
        today_done: streak.today_done,
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
    let me = people::user(&state.store, &user.id).await?;
    let stats = stats_of(&state, me).await?;
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
    let (now, zone) = (state.clock.now(), user.time_zone(&state.store));
    let count = query.days.unwrap_or(30);
    let history = stats::history(&state.store, &user.id, (now, zone), count).await?;
    Ok(Json(
        history
            .into_iter()
            .map(|d| Day {
                date: days::day_string(d.day),
                hasanat: d.hasanat,
                ayahs: d.ayahs,
                minutes: d.seconds / 60,
            })
            .collect(),
    ))
}
