//! Typing notes (rules in `domain::typing`): sent on the live socket as
//! `{"type": "typing", "conversation_id": ...}` or by
//! `POST /api/v1/chat/conversations/{conversation_id}/typing`, and
//! delivered to the other members' sockets as an ephemeral frame (not
//! stored, not numbered): `{"type": "typing", "conversation_id", "user":
//! {id, username, display_name}, "at"}`. At most one every 3 seconds per
//! user and conversation (`AppState::typing`, across the nodes when they
//! share a Redis); the route answers a note too soon with 429, the socket
//! drops it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::domain::{self, typing};
use crate::error::{ErrorBody, Result};
use crate::live::payload::Who;
use crate::live::{Delivery, Topic};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(typing_note))
}

/// Tells the other members of a conversation that `user` is typing, if
/// their turn has come.
pub(super) async fn announce(
    state: &AppState,
    user: &str,
    conversation: &str,
) -> domain::Result<()> {
    let now = state.clock.now();
    let (who, told) = typing::audience(&state.store, user, conversation).await?;
    if let Some(retry_after) = state.typing.turn((user, conversation), now).await {
        return Err(domain::Error::TooMany {
            code: "too_many_typing_notes",
            message: "At most one typing note every 3 seconds.".to_owned(),
            retry_after,
        });
    }
    let frame = serde_json::json!({
        "type": "typing",
        "conversation_id": conversation,
        "user": Who::from(&who),
        "at": now,
    });
    let frame: Arc<str> = frame.to_string().into();
    let topic = Topic {
        kind: "typing",
        conversation_id: Some(conversation.into()),
    };
    let deliveries = told
        .iter()
        .map(|member| Delivery::ephemeral(member, frame.clone(), topic.clone()))
        .collect();
    state.live.publish_ephemeral(deliveries);
    Ok(())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct ConversationId {
    /// The conversation's id.
    conversation_id: String,
}

/// Tells the conversation's other members that you are typing (an
/// ephemeral `typing` frame on their sockets; not stored). Sockets can
/// send `{"type": "typing", "conversation_id": ...}` instead.
#[utoipa::path(
    post,
    path = "/chat/conversations/{conversation_id}/typing",
    params(ConversationId),
    responses(
        (status = 204, description = "Told."),
        (status = 403, description = "`blocked` or `muted`.", body = ErrorBody),
        (status = 404, description = "`conversation_not_found`.", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: one note every 3 seconds per conversation.", body = ErrorBody),
    ),
)]
async fn typing_note(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<ConversationId>,
) -> Result<StatusCode> {
    announce(&state, &user.id, &path.conversation_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
