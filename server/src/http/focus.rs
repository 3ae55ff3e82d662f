//! `/focus` (rules in `domain::focus`): Focus Mode preferences, finished
//! sessions (recorded as `focus_session` sync events, as the app sends
//! them) and their stats, and a session kept on the server's clock
//! (`/focus/session/start`, `/focus/session/complete`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::Invalid;
use super::{Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::{days, focus};
use crate::error::{ErrorBody, Result};
use crate::store::FocusPreferences;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(preferences, set_preferences))
        .routes(routes!(sessions, record))
        .routes(routes!(stats))
        .routes(routes!(start))
        .routes(routes!(complete))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StartIn {
    /// 1 to 720; the preferred length (`default_minutes`) when absent.
    minutes: Option<i64>,
}

/// The session running on the server's clock.
#[derive(Debug, Serialize, ToSchema)]
struct Running {
    /// RFC 3339.
    started_at: String,
    planned_minutes: i64,
    /// RFC 3339: when it completes if not ended early.
    ends_at: String,
}

/// Starts a focus session kept on the server's clock (for clients that do
/// not keep their own): one at a time. Pauses are the app's.
#[utoipa::path(
    post,
    path = "/focus/session/start",
    operation_id = "start_focus_session",
    request_body = StartIn,
    responses(
        (status = 201, description = "Started.", body = Running),
        (status = 409, description = "`focus_running`: complete it first.", body = ErrorBody),
        (status = 422, description = "`invalid_minutes`.", body = ErrorBody),
    ),
)]
async fn start(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<StartIn>,
) -> Result<(StatusCode, Json<Running>)> {
    let now = state.clock.now();
    let (started, minutes) = focus::start(&state.store, &user.id, request.minutes, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(Running {
            started_at: days::rfc3339(started),
            planned_minutes: minutes,
            ends_at: days::rfc3339(started + minutes * 60),
        }),
    ))
}

/// Completes the session started with `/focus/session/start`: complete if
/// its time ran, otherwise ended early; recorded as a finished session.
#[utoipa::path(
    put,
    path = "/focus/session/complete",
    operation_id = "complete_focus_session",
    responses(
        (status = 200, description = "The finished session.", body = SessionOut),
        (status = 404, description = "`no_focus_session`.", body = ErrorBody),
    ),
)]
async fn complete(State(state): State<AppState>, user: AuthUser) -> Result<Json<SessionOut>> {
    let record = focus::complete(&state.store, &user.id, state.clock.now()).await?;
    Ok(Json(SessionOut::from(&record)))
}

/// Focus Mode preferences.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Preferences {
    /// The length a new session gets: 1 to 720 minutes (20 by default).
    default_minutes: i64,
    /// Hold notifications while a session runs (on by default).
    quiet: bool,
}

impl From<FocusPreferences> for Preferences {
    fn from(p: FocusPreferences) -> Preferences {
        Preferences {
            default_minutes: p.default_minutes,
            quiet: p.quiet,
        }
    }
}

/// The signed-in user's Focus Mode preferences.
#[utoipa::path(
    get,
    path = "/focus/preferences",
    operation_id = "focus_preferences",
    responses((status = 200, description = "The preferences.", body = Preferences)),
)]
async fn preferences(State(state): State<AppState>, user: AuthUser) -> Result<Json<Preferences>> {
    Ok(Json(
        focus::preferences(&state.store, &user.id).await?.into(),
    ))
}

/// Sets the Focus Mode preferences.
#[utoipa::path(
    put,
    path = "/focus/preferences",
    operation_id = "set_focus_preferences",
    request_body = Preferences,
    responses(
        (status = 200, description = "The preferences now.", body = Preferences),
        (status = 422, description = "`invalid_minutes`.", body = ErrorBody),
    ),
)]
async fn set_preferences(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<Preferences>,
) -> Result<Json<Preferences>> {
    let prefs = FocusPreferences {
        default_minutes: request.default_minutes,
        quiet: request.quiet,
    };
    Ok(Json(
        focus::set_preferences(&state.store, &user.id, prefs)
            .await?
            .into(),
    ))
}

/// A finished focus session, as the app's sync event has it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SessionIn {
    /// RFC 3339.
    start_time: String,
    /// RFC 3339; at most 12 hours after the start, not in the future.
    end_time: String,
    /// The length chosen: 1 to 720 minutes.
    planned_minutes: i64,
    /// Seconds focused, pauses excluded: 0 to the session's length.
    duration_seconds: i64,
    /// Whether it ran its whole length.
    completed: bool,
}

/// A finished focus session.
#[derive(Debug, Serialize, ToSchema)]
struct SessionOut {
    /// Its sync event's id.
    id: String,
    start_time: String,
    end_time: String,
    planned_minutes: i64,
    duration_seconds: i64,
    completed: bool,
}

impl From<&focus::FocusRecord> for SessionOut {
    fn from(r: &focus::FocusRecord) -> SessionOut {
        SessionOut {
            id: r.id.clone(),
            start_time: days::rfc3339(r.start),
            end_time: days::rfc3339(r.end),
            planned_minutes: r.planned_minutes,
            duration_seconds: r.focused_seconds,
            completed: r.completed,
        }
    }
}

/// Records a finished focus session (a `focus_session` sync event, which
/// the user's devices pull).
#[utoipa::path(
    post,
    path = "/focus/sessions",
    operation_id = "record_focus_session",
    request_body = SessionIn,
    responses(
        (status = 201, description = "Recorded.", body = SessionOut),
        (status = 422, description = "`invalid_time`, `future_time`, `invalid_minutes` or `invalid_duration`.", body = ErrorBody),
    ),
)]
async fn record(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<SessionIn>,
) -> Result<(StatusCode, Json<SessionOut>)> {
    let new = focus::NewSession {
        start_time: &request.start_time,
        end_time: &request.end_time,
        planned_minutes: request.planned_minutes,
        focused_seconds: request.duration_seconds,
        completed: request.completed,
    };
    let record = focus::record(&state.store, &user.id, new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(SessionOut::from(&record))))
}

#[derive(Debug, Serialize, ToSchema)]
struct SessionList {
    /// Newest first.
    sessions: Vec<SessionOut>,
}

/// The signed-in user's finished focus sessions, from every device,
/// newest first.
#[utoipa::path(
    get,
    path = "/focus/sessions",
    operation_id = "focus_sessions",
    params(Paging),
    responses((status = 200, description = "A page of sessions.", body = SessionList), Invalid),
)]
async fn sessions(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(page): ValidQuery<Paging>,
) -> Result<Json<SessionList>> {
    let all = focus::sessions(&state.store, &user.id).await?;
    Ok(Json(SessionList {
        sessions: page.slice(&all)?.iter().map(SessionOut::from).collect(),
    }))
}

/// Focus statistics over every finished session.
#[derive(Debug, Serialize, ToSchema)]
struct Stats {
    sessions: u32,
    completed: u32,
    /// Whole minutes focused, pauses excluded.
    minutes: u64,
    /// Completed over all sessions, 0 to 1.
    completion_rate: f64,
}

/// The signed-in user's focus statistics (core's rules, as the app).
#[utoipa::path(
    get,
    path = "/focus/stats",
    operation_id = "focus_stats",
    responses((status = 200, description = "The statistics.", body = Stats)),
)]
async fn stats(State(state): State<AppState>, user: AuthUser) -> Result<Json<Stats>> {
    let all = focus::sessions(&state.store, &user.id).await?;
    let s = focus::stats_of(&all);
    Ok(Json(Stats {
        sessions: s.sessions,
        completed: s.completed,
        minutes: s.minutes,
        completion_rate: s.completion_rate,
    }))
}
