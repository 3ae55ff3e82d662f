//! `/sync`: devices push batches of events with their own ids and pull
//! what other devices pushed (rules in `domain::sync`).

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::openapi::{Invalid, TooLarge};
use super::{ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::{self, sync};
use crate::error::{ErrorBody, Result};
use crate::AppState;

/// Largest push body: 500 events of up to about 2 KiB.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(push).layer(axum::extract::DefaultBodyLimit::max(MAX_PUSH_BYTES)))
        .routes(routes!(pull))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PushRequest {
    /// At most 500.
    events: Vec<EventIn>,
    /// Only in a device's first upload of the history it kept before
    /// signing in: the device's own id (8 to 64 of `A-Z a-z 0-9 - _`).
    /// Reading sessions older than 30 days are then accepted, for 24 hours
    /// from the first push naming the device and on at most 3 devices of
    /// an account in 30 days; after that (or without it) they are
    /// rejected with `too_old`.
    history_device: Option<String>,
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

impl From<sync::Rejected> for Rejection {
    fn from(r: sync::Rejected) -> Self {
        Rejection {
            id: r.id,
            code: r.code,
            message: r.message,
        }
    }
}

impl From<sync::Pushed> for PushResponse {
    fn from(p: sync::Pushed) -> Self {
        PushResponse {
            accepted: p.accepted,
            duplicates: p.duplicates,
            rejected: p.rejected.into_iter().map(Rejection::from).collect(),
            cursor: p.cursor,
        }
    }
}

/// Pushes a batch of events from a device.
///
/// Each event is accepted, a duplicate (its id was pushed before) or
/// rejected with its own code, so one bad event never blocks a queue.
///
/// A reading session is rejected as `too_fast` above 25 Arabic letters a
/// second (al-Baqarah takes at least 17 minutes), and as `too_old` when it
/// started more than 30 days ago, unless the push carries
/// `history_device` (see the request). No local day holds more than 24
/// hours of reading (`too_much_reading`).
#[utoipa::path(
    post,
    path = "/sync/push",
    request_body = PushRequest,
    responses(
        (status = 200, description = "What became of each event.", body = PushResponse),
        (status = 422, description = "`too_many_events`, `invalid_device_id`, or the body does not parse (`invalid_body`).", body = ErrorBody),
        TooLarge,
    ),
)]
async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<PushRequest>,
) -> Result<Json<PushResponse>> {
    let events: Vec<sync::Incoming<'_>> = request
        .events
        .iter()
        .map(|e| sync::Incoming {
            id: &e.id,
            kind: &e.kind,
            data: &e.data,
        })
        .collect();
    let zone = user.time_zone(&state.store);
    let batch = (events.as_slice(), request.history_device.as_deref());
    let pushed = sync::push(&state.store, &user.id, batch, state.clock.now(), zone).await?;
    state.live.publish(&pushed.events);
    Ok(Json(pushed.into()))
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
    let limit = domain::limit(query.limit, 500)?;
    let pulled = sync::pull(&state.store, &user.id, query.cursor, limit).await?;
    let events = pulled
        .events
        .into_iter()
        .map(|r| EventOut {
            data: serde_json::from_str(&r.data).unwrap_or(Value::Null),
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            cursor: r.seq,
            received_at: r.received_at,
        })
        .collect();
    Ok(Json(PullResponse {
        events,
        cursor: pulled.cursor,
        more: pulled.more,
    }))
}
