//! `GET /api/v1/ws`: the live WebSocket of a signed-in device.
//!
//! The handshake is here (the token from the `Authorization` header, or
//! else from the first message); the socket's life is in `socket`. Frames
//! are JSON text. The client may send `{"type": "auth", "token": ...,
//! "after": n}` (first, when it cannot set headers; later, to hand over a
//! refreshed token without reconnecting). The server sends `{"type":
//! "event", "seq", "kind", "at", "data"}` for each stored event, in
//! order, first those numbered above `after` (from the database), then
//! `{"type": "ready", "seq"}`, then live ones; without `after`, only
//! events from now on. Close codes are [`Close`].
//!
//! `/ws/chat/{conversation_id}` and `/ws/notifications` (the planning
//! document's sockets) are the same socket with a [`Filter`]: one
//! conversation's events and typing notes, or notifications only. Their
//! event numbers are the user's own and skip what the filter leaves out;
//! the client remembers the highest `seq` it received (from an event or
//! `ready`) and resumes with it.

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::Invalid;
use super::ValidQuery;
use crate::auth::Access;
use crate::domain::chat;
use crate::error::{Error, ErrorBody, Result};
use crate::live::Filter;
use crate::AppState;

/// Bytes buffered per socket for reading and writing: a few KiB, not
/// tungstenite's 128 KiB, so idle sockets stay cheap.
const BUFFER_BYTES: usize = 4 * 1024;
/// The largest message a client may send (an auth message or a typing
/// note, `{"type": "typing", "conversation_id": ...}`; chat goes through
/// the REST routes).
const MAX_MESSAGE_BYTES: usize = 16 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(connect))
        .routes(routes!(connect_chat))
        .routes(routes!(connect_notifications))
}

/// Why the server closed a live socket: the close frame's code, which
/// clients switch on (the reason text is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    /// 1001: the server is shutting down; reconnect later.
    GoingAway = 1001,
    /// 1011: the server failed; reconnect later.
    ServerError = 1011,
    /// 4000: the first message was not `{"type": "auth", ...}` (or did not
    /// come in time).
    AuthExpected = 4000,
    /// 4001: the token is invalid, expired or revoked, or the account is
    /// gone: refresh the token (or sign in) and reconnect.
    Unauthorized = 4001,
    /// 4002: the client was silent (no pong) for too long.
    Idle = 4002,
    /// 4003: this socket's conversation is not one of the user's
    /// (`/ws/chat/{id}`, token sent as the first message).
    Forbidden = 4003,
    /// 4008: the client read too slowly and fell behind; reconnect with
    /// `after`.
    TooSlow = 4008,
    /// 4029: this user made too many requests; wait and reconnect.
    TooManyRequests = 4029,
}

impl Close {
    /// The close frame's code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The close frame's reason.
    pub fn reason(self) -> &'static str {
        match self {
            Close::GoingAway => "going_away",
            Close::ServerError => "server_error",
            Close::AuthExpected => "auth_expected",
            Close::Unauthorized => "unauthorized",
            Close::Idle => "idle",
            Close::Forbidden => "forbidden",
            Close::TooSlow => "too_slow",
            Close::TooManyRequests => "too_many_requests",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct After {
    /// The number of the last event this device has: the events after it
    /// come first. Without it, only events from now on.
    after: Option<i64>,
}

/// Opens the live WebSocket of a signed-in device.
///
/// Send the access token as `Authorization: Bearer <token>`, or, when the
/// client cannot set headers, as the first message `{"type": "auth",
/// "token": "...", "after": n}` within 10 seconds. Events come as
/// `{"type": "event", "seq", "kind", "at", "data"}`, numbered per user;
/// after those numbered above `after` comes `{"type": "ready", "seq"}`.
/// The server pings every 30 s and closes a client silent for 90 s. Send
/// `{"type": "auth", "token": ...}` again with a refreshed token before
/// the old one expires. Close codes: 1001 shutting down, 1011 server
/// error, 4000 auth message expected, 4001 token invalid, expired or
/// revoked, 4002 idle, 4008 too slow (reconnect with `after`), 4029 too
/// many requests.
#[utoipa::path(
    get,
    path = "/ws",
    params(After),
    security(("bearer" = []), ()),
    responses(
        (status = 101, description = "Switching to the WebSocket protocol."),
        (status = 401, description = "`unauthorized`: the bearer token sent is invalid, expired or revoked.", body = ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket handshake.", body = ErrorBody),
        Invalid,
    ),
)]
async fn connect(
    State(state): State<AppState>,
    headers: HeaderMap,
    ValidQuery(query): ValidQuery<After>,
    upgrade: std::result::Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response> {
    open(state, &headers, (query.after, upgrade), Filter::All).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct ConversationId {
    /// The conversation's id.
    conversation_id: String,
}

/// Opens a live WebSocket that carries one conversation only: its
/// messages, edits, deletions, reactions, read markers and typing notes.
///
/// Everything else about it is `GET /api/v1/ws`'s: the token, `after`,
/// `ready`, pings and close codes. Event numbers are the user's own, the
/// same on every socket, so they skip the events of other conversations:
/// remember the highest `seq` received (from an event or from `ready`) and
/// reconnect with it as `after`. Someone not in the conversation is
/// refused: 404 `conversation_not_found` before the upgrade with a bearer
/// header, or a close with 4003 after a first `auth` message.
#[utoipa::path(
    get,
    path = "/ws/chat/{conversation_id}",
    params(ConversationId, After),
    security(("bearer" = []), ()),
    responses(
        (status = 101, description = "Switching to the WebSocket protocol."),
        (status = 401, description = "`unauthorized`: the bearer token sent is invalid, expired or revoked.", body = ErrorBody),
        (status = 404, description = "`conversation_not_found`: no conversation of yours has this id.", body = ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket handshake.", body = ErrorBody),
        Invalid,
    ),
)]
async fn connect_chat(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(path): Path<ConversationId>,
    ValidQuery(query): ValidQuery<After>,
    upgrade: std::result::Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response> {
    let filter = Filter::Conversation(path.conversation_id);
    open(state, &headers, (query.after, upgrade), filter).await
}

/// Opens a live WebSocket that carries notifications only (`notification`
/// events).
///
/// Everything else about it is `GET /api/v1/ws`'s. Event numbers are the
/// user's own and skip the other events: remember the highest `seq`
/// received (from an event or from `ready`) and reconnect with it as
/// `after`.
#[utoipa::path(
    get,
    path = "/ws/notifications",
    params(After),
    security(("bearer" = []), ()),
    responses(
        (status = 101, description = "Switching to the WebSocket protocol."),
        (status = 401, description = "`unauthorized`: the bearer token sent is invalid, expired or revoked.", body = ErrorBody),
        (status = 426, description = "`upgrade_required`: not a WebSocket handshake.", body = ErrorBody),
        Invalid,
    ),
)]
async fn connect_notifications(
    State(state): State<AppState>,
    headers: HeaderMap,
    ValidQuery(query): ValidQuery<After>,
    upgrade: std::result::Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response> {
    open(
        state,
        &headers,
        (query.after, upgrade),
        Filter::Notifications,
    )
    .await
}

/// The handshake of every live socket: the bearer token if sent (and, for
/// a conversation's socket, membership), then the upgrade.
async fn open(
    state: AppState,
    headers: &HeaderMap,
    (after, upgrade): (
        Option<i64>,
        std::result::Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    ),
    filter: Filter,
) -> Result<Response> {
    let access = match bearer(headers) {
        Some(token) => {
            let access = authenticate(&state, token).await?;
            if let Some(retry_after) = state.user_limit.check(&access.user_id).await {
                return Err(Error::TooManyRequests { retry_after });
            }
            if let Filter::Conversation(id) = &filter {
                chat::of_member(&state.store, id, &access.user_id).await?;
            }
            Some(access)
        }
        None => None,
    };
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => {
            let body = ErrorBody {
                code: "upgrade_required",
                message: format!("Open a WebSocket here: {}", rejection.body_text()),
            };
            return Ok((StatusCode::UPGRADE_REQUIRED, Json(body)).into_response());
        }
    };
    Ok(upgrade
        .read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_write_buffer_size(BUFFER_BYTES + MAX_MESSAGE_BYTES * 8)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| super::socket::run(socket, state, (access, after), filter)))
}

/// The token of an `Authorization: Bearer` header, if one was sent.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.strip_prefix("Bearer ").unwrap_or(v).trim())
}

/// The access a token grants now, or why not.
pub(super) async fn authenticate(state: &AppState, token: &str) -> Result<Access> {
    let now = state.clock.now();
    let access = state.tokens.access(token, now)?;
    access.check(&state.store, now).await?;
    Ok(access)
}
