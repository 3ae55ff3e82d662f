//! Chat (rules in `domain::chat`): conversations, messages, read markers,
//! reactions, blocks, mutes and reports. Every change is stored with its
//! live events before it is answered, and the events are then published
//! to the members' sockets (`/api/v1/ws`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{error_response, Invalid};
use super::{ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::chat;
use crate::error::{ErrorBody, Result};
use crate::live::payload::Message;
use crate::store::{ConversationRow, ConversationView, UserEvent};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, start))
        .routes(routes!(messages, send))
        .routes(routes!(read))
        .routes(routes!(edit, delete))
        .routes(routes!(react, unreact))
        .routes(routes!(report))
        .routes(routes!(mute, unmute))
}

/// Blocking people is a social route: `/users/{user_id}/block`.
pub fn block_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(block, unblock))
}

error_response!(
    /// 404 for a conversation the caller is not in.
    ConversationNotFound: 404,
    "`conversation_not_found`: no conversation of yours has this id."
);

error_response!(
    /// 404 for a message the caller cannot see.
    MessageNotFound: 404,
    "`message_not_found`: no message you can see has this id (or it was deleted)."
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct ConversationId {
    /// The conversation's id.
    conversation_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct MessageId {
    /// The message's id.
    message_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct MemberPath {
    /// The conversation's id.
    conversation_id: String,
    /// The member's user id.
    user_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct UserId {
    /// The user's id.
    user_id: String,
}

/// A conversation as its member lists it.
#[derive(Debug, Serialize, ToSchema)]
struct ConversationOut {
    id: String,
    /// `direct` or `group`.
    kind: String,
    /// A group conversation's group.
    group_id: Option<String>,
    /// The group's name, or the other person's display name.
    title: String,
    /// A direct conversation's two people's ids.
    members: Option<Vec<String>>,
    /// Messages from others after your read marker.
    unread: i64,
    last_message: Option<Message>,
}

fn conversation_out(
    c: ConversationRow,
    title: String,
    unread: i64,
    last: Option<Message>,
) -> ConversationOut {
    ConversationOut {
        id: c.id,
        kind: c.kind.as_str().to_owned(),
        group_id: c.group_id,
        title,
        members: c.users.map(|(a, b)| vec![a, b]),
        unread,
        last_message: last,
    }
}

impl From<ConversationView> for ConversationOut {
    fn from(v: ConversationView) -> Self {
        let last = v.last_message.as_ref().map(Message::from);
        conversation_out(v.conversation, v.title, v.unread, last)
    }
}

fn publish(state: &AppState, events: &[UserEvent]) {
    state.live.publish(events);
}

/// The signed-in user's conversations (direct and their groups'), the
/// latest message first, with unread counts.
#[utoipa::path(
    get,
    path = "/chat/conversations",
    responses((status = 200, description = "Conversations.", body = [ConversationOut])),
)]
async fn list(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<ConversationOut>>> {
    let views = chat::list(&state.store, &user.id).await?;
    Ok(Json(views.into_iter().map(ConversationOut::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StartRequest {
    /// The other person's id.
    user_id: String,
}

/// Opens the direct conversation with someone (the same one every time):
/// a friend (mutual follow) or a member of a shared private group, with no
/// block either way.
#[utoipa::path(
    post,
    path = "/chat/conversations",
    request_body = StartRequest,
    responses(
        (status = 200, description = "The conversation.", body = ConversationOut),
        (status = 403, description = "`not_connected` or `blocked`.", body = ErrorBody),
        (status = 404, description = "`user_not_found`.", body = ErrorBody),
        Invalid,
    ),
)]
async fn start(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<StartRequest>,
) -> Result<Json<ConversationOut>> {
    let c = chat::start_direct(&state.store, &user.id, &request.user_id).await?;
    let other = crate::domain::people::user(&state.store, &request.user_id).await?;
    Ok(Json(conversation_out(c, other.display_name, 0, None)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct Page {
    /// Only messages numbered below this (`seq` of the oldest you have).
    before: Option<i64>,
    /// How many at most: 1 to 100; 50 by default.
    limit: Option<i64>,
}

/// A reaction to a message.
#[derive(Debug, Serialize, ToSchema)]
struct MessageReaction {
    user_id: String,
    emoji: String,
}

/// A message in a conversation's history, with its reactions.
#[derive(Debug, Serialize, ToSchema)]
struct HistoryMessage {
    #[serde(flatten)]
    message: Message,
    /// Each member's reaction (one each), the earliest first; none from
    /// people you block.
    reactions: Vec<MessageReaction>,
}

/// A page of a conversation's messages, newest first, with their
/// reactions: pass the oldest `seq` you have as `before` for the page
/// before it. Messages of people you block are left out.
#[utoipa::path(
    get,
    path = "/chat/conversations/{conversation_id}/messages",
    params(ConversationId, Page),
    responses(
        (status = 200, description = "Messages, newest first.", body = [HistoryMessage]),
        ConversationNotFound,
        Invalid,
    ),
)]
async fn messages(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<ConversationId>,
    ValidQuery(page): ValidQuery<Page>,
) -> Result<Json<Vec<HistoryMessage>>> {
    let id = &path.conversation_id;
    let rows = chat::messages(&state.store, id, &user.id, page.before, page.limit).await?;
    let history = rows.into_iter().map(|(m, reactions)| HistoryMessage {
        message: Message::from(&m),
        reactions: reactions
            .into_iter()
            .map(|(user_id, emoji)| MessageReaction { user_id, emoji })
            .collect(),
    });
    Ok(Json(history.collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SendRequest {
    /// The device's own id of this message (1 to 64 characters): a resend
    /// with the same one gives back the stored message.
    client_id: String,
    /// 1 to 4,000 characters.
    body: String,
}

/// Sends a message: stored before it is answered, then delivered live to
/// the members (`message_created`).
#[utoipa::path(
    post,
    path = "/chat/conversations/{conversation_id}/messages",
    params(ConversationId),
    request_body = SendRequest,
    responses(
        (status = 201, description = "Sent.", body = Message),
        (status = 200, description = "A resend: the message stored before.", body = Message),
        (status = 403, description = "`blocked` or `muted`.", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: over the messages a minute (`--chat-messages-per-minute`, 30).", body = ErrorBody),
        ConversationNotFound,
        Invalid,
    ),
)]
async fn send(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<ConversationId>,
    ValidJson(request): ValidJson<SendRequest>,
) -> Result<(StatusCode, Json<Message>)> {
    let sent = chat::send(
        &state.store,
        (&user.id, &path.conversation_id),
        (&request.client_id, &request.body),
        (state.clock.now(), state.chat_per_minute),
    )
    .await?;
    publish(&state, &sent.events);
    let status = match sent.created {
        true => StatusCode::CREATED,
        false => StatusCode::OK,
    };
    Ok((status, Json(Message::from(&sent.message))))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReadRequest {
    /// The last message read.
    message_id: String,
}

/// Moves the read marker up to a message (never back); members are told
/// (`conversation_read`).
#[utoipa::path(
    post,
    path = "/chat/conversations/{conversation_id}/read",
    params(ConversationId),
    request_body = ReadRequest,
    responses(
        (status = 204, description = "Read up to there."),
        ConversationNotFound,
        Invalid,
    ),
)]
async fn read(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<ConversationId>,
    ValidJson(request): ValidJson<ReadRequest>,
) -> Result<StatusCode> {
    let events = chat::read(
        &state.store,
        &user.id,
        &path.conversation_id,
        &request.message_id,
    )
    .await?;
    publish(&state, &events);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EditRequest {
    /// The new text: 1 to 4,000 characters.
    body: String,
}

/// Edits one's own message, within 15 minutes of sending it
/// (`message_edited`).
#[utoipa::path(
    patch,
    path = "/chat/messages/{message_id}",
    params(MessageId),
    request_body = EditRequest,
    responses(
        (status = 200, description = "Edited.", body = Message),
        (status = 403, description = "`not_your_message`.", body = ErrorBody),
        (status = 409, description = "`edit_window_over`: sent more than 15 minutes ago.", body = ErrorBody),
        MessageNotFound,
        Invalid,
    ),
)]
async fn edit(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MessageId>,
    ValidJson(request): ValidJson<EditRequest>,
) -> Result<Json<Message>> {
    let now = state.clock.now();
    let (message, events) =
        chat::edit(&state.store, &user.id, &path.message_id, &request.body, now).await?;
    publish(&state, &events);
    Ok(Json(Message::from(&message)))
}

/// Deletes a message (one's own; group admins: any in their group). Its
/// text is gone; its place stays (`message_deleted`).
#[utoipa::path(
    delete,
    path = "/chat/messages/{message_id}",
    params(MessageId),
    responses(
        (status = 204, description = "Deleted."),
        (status = 403, description = "`not_your_message`.", body = ErrorBody),
        MessageNotFound,
    ),
)]
async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MessageId>,
) -> Result<StatusCode> {
    let (_, events) = chat::delete(&state.store, &user.id, &path.message_id).await?;
    publish(&state, &events);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReactRequest {
    /// One of 👍 ❤️ 🤲 😊 😢 🌙; it replaces your earlier reaction.
    emoji: String,
}

/// Reacts to a message; one reaction per person, changeable
/// (`reaction_changed`).
#[utoipa::path(
    put,
    path = "/chat/messages/{message_id}/react",
    params(MessageId),
    request_body = ReactRequest,
    responses(
        (status = 204, description = "Reacted."),
        MessageNotFound,
        Invalid,
    ),
)]
async fn react(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MessageId>,
    ValidJson(request): ValidJson<ReactRequest>,
) -> Result<StatusCode> {
    let events = chat::react(
        &state.store,
        &user.id,
        &path.message_id,
        Some(&request.emoji),
    )
    .await?;
    publish(&state, &events);
    Ok(StatusCode::NO_CONTENT)
}

/// Removes one's reaction to a message (`reaction_changed` with `null`).
#[utoipa::path(
    delete,
    path = "/chat/messages/{message_id}/react",
    params(MessageId),
    responses((status = 204, description = "No reaction now."), MessageNotFound),
)]
async fn unreact(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MessageId>,
) -> Result<StatusCode> {
    let events = chat::react(&state.store, &user.id, &path.message_id, None).await?;
    publish(&state, &events);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReportRequest {
    /// Why: 1 to 500 characters.
    reason: String,
}

/// Reports a message to the moderators; reporting it again keeps the
/// first report.
#[utoipa::path(
    post,
    path = "/chat/messages/{message_id}/report",
    params(MessageId),
    request_body = ReportRequest,
    responses((status = 204, description = "Reported."), MessageNotFound, Invalid),
)]
async fn report(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MessageId>,
    ValidJson(request): ValidJson<ReportRequest>,
) -> Result<StatusCode> {
    chat::report(&state.store, &user.id, &path.message_id, &request.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A group admin mutes a member in the group's conversation: they cannot
/// send until unmuted.
#[utoipa::path(
    post,
    path = "/chat/conversations/{conversation_id}/mutes/{user_id}",
    params(MemberPath),
    responses(
        (status = 204, description = "Muted."),
        (status = 403, description = "`not_group_admin` or `cannot_mute_admin`.", body = ErrorBody),
        (status = 404, description = "`conversation_not_found` or `member_not_found`.", body = ErrorBody),
    ),
)]
async fn mute(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MemberPath>,
) -> Result<StatusCode> {
    let target = (path.conversation_id.as_str(), path.user_id.as_str());
    chat::mute(&state.store, &user.id, target, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A group admin unmutes a member.
#[utoipa::path(
    delete,
    path = "/chat/conversations/{conversation_id}/mutes/{user_id}",
    params(MemberPath),
    responses(
        (status = 204, description = "Not muted."),
        (status = 403, description = "`not_group_admin`.", body = ErrorBody),
        (status = 404, description = "`conversation_not_found` or `member_not_found`.", body = ErrorBody),
    ),
)]
async fn unmute(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<MemberPath>,
) -> Result<StatusCode> {
    let target = (path.conversation_id.as_str(), path.user_id.as_str());
    chat::mute(&state.store, &user.id, target, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Blocks someone: no messages either way, no new conversation, and their
/// messages in group conversations are hidden from you.
#[utoipa::path(
    post,
    path = "/users/{user_id}/block",
    params(UserId),
    responses(
        (status = 204, description = "Blocked."),
        (status = 404, description = "`user_not_found`.", body = ErrorBody),
        (status = 422, description = "`cannot_block_self`.", body = ErrorBody),
    ),
)]
async fn block(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<UserId>,
) -> Result<StatusCode> {
    chat::block(&state.store, &user.id, &path.user_id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unblocks someone; not blocking them is not an error.
#[utoipa::path(
    delete,
    path = "/users/{user_id}/block",
    params(UserId),
    responses(
        (status = 204, description = "Not blocked."),
        (status = 404, description = "`user_not_found`.", body = ErrorBody),
        (status = 422, description = "`cannot_block_self`.", body = ErrorBody),
    ),
)]
async fn unblock(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<UserId>,
) -> Result<StatusCode> {
    chat::block(&state.store, &user.id, &path.user_id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
