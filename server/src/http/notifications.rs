//! `/notifications` (rules in `domain::notifications`): the inbox, newest
//! first with the unread count, read marks, and the per-kind settings. New
//! notifications also arrive live as `notification` events on
//! `/api/v1/ws` and `/api/v1/ws/notifications`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{error_response, Invalid};
use super::{Before, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::notifications;
use crate::error::Result;
use crate::kinds::NotificationKind;
use crate::live::payload::Notification;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(read))
        .routes(routes!(read_all))
        .routes(routes!(settings, set_settings))
}

error_response!(
    /// 404 for a notification that is not the caller's.
    NotificationNotFound: 404,
    "`notification_not_found`: no notification of yours has this id."
);

/// A page of the inbox.
#[derive(Debug, Serialize, ToSchema)]
struct InboxOut {
    /// Newest first.
    notifications: Vec<Notification>,
    /// How many of all your notifications are unread.
    unread: i64,
    /// Pass as `before` for the next (older) page; `null` on the last.
    next_before: Option<i64>,
}

/// The signed-in user's notifications, newest first, with the unread
/// count.
#[utoipa::path(
    get,
    path = "/notifications",
    operation_id = "notifications",
    params(Before),
    responses((status = 200, description = "A page of the inbox.", body = InboxOut), Invalid),
)]
async fn inbox(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(page): ValidQuery<Before>,
) -> Result<Json<InboxOut>> {
    let inbox = notifications::inbox(&state.store, &user.id, page.before, page.limit).await?;
    let next_before = page.next(50, inbox.notifications.iter().map(|n| n.id));
    Ok(Json(InboxOut {
        notifications: inbox.notifications.iter().map(Notification::from).collect(),
        unread: inbox.unread,
        next_before,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct NotificationId {
    /// The notification's id.
    notification_id: i64,
}

/// Marks one notification read.
#[utoipa::path(
    post,
    path = "/notifications/{notification_id}/read",
    operation_id = "read_notification",
    params(NotificationId),
    responses((status = 204, description = "Read."), NotificationNotFound, Invalid),
)]
async fn read(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<NotificationId>,
) -> Result<StatusCode> {
    notifications::read(&state.store, &user.id, path.notification_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks every notification read.
#[utoipa::path(
    post,
    path = "/notifications/read-all",
    operation_id = "read_all_notifications",
    responses((status = 204, description = "All read.")),
)]
async fn read_all(State(state): State<AppState>, user: AuthUser) -> Result<StatusCode> {
    notifications::read_all(&state.store, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which kinds of notification are on. A kind turned off is neither
/// stored nor delivered.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Settings {
    group_invite: Option<bool>,
    group_join: Option<bool>,
    competition_start: Option<bool>,
    competition_end: Option<bool>,
    competition_rank: Option<bool>,
    chat_mention: Option<bool>,
    post_reaction: Option<bool>,
    khatmah_portion: Option<bool>,
}

impl Settings {
    /// Each field's kind and place.
    fn fields(&mut self) -> [(NotificationKind, &mut Option<bool>); 8] {
        use NotificationKind as K;
        [
            (K::GroupInvite, &mut self.group_invite),
            (K::GroupJoin, &mut self.group_join),
            (K::CompetitionStart, &mut self.competition_start),
            (K::CompetitionEnd, &mut self.competition_end),
            (K::CompetitionRank, &mut self.competition_rank),
            (K::ChatMention, &mut self.chat_mention),
            (K::PostReaction, &mut self.post_reaction),
            (K::KhatmahPortion, &mut self.khatmah_portion),
        ]
    }

    fn from_pairs(pairs: &[(NotificationKind, bool)]) -> Settings {
        let mut settings = Settings::default();
        for (kind, field) in settings.fields() {
            *field = pairs.iter().find(|(k, _)| *k == kind).map(|(_, on)| *on);
        }
        settings
    }
}

/// Every kind of notification and whether it is on (all are, at first).
#[utoipa::path(
    get,
    path = "/notifications/settings",
    operation_id = "notification_settings",
    responses((status = 200, description = "Every kind, on or off.", body = Settings)),
)]
async fn settings(State(state): State<AppState>, user: AuthUser) -> Result<Json<Settings>> {
    let pairs = notifications::settings(&state.store, &user.id).await?;
    Ok(Json(Settings::from_pairs(&pairs)))
}

/// Turns kinds of notification on (`true`) or off (`false`); kinds left
/// out stay as they are.
#[utoipa::path(
    put,
    path = "/notifications/settings",
    operation_id = "set_notification_settings",
    request_body = Settings,
    responses((status = 200, description = "The settings now.", body = Settings), Invalid),
)]
async fn set_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(mut request): ValidJson<Settings>,
) -> Result<Json<Settings>> {
    let changes: Vec<(NotificationKind, bool)> = request
        .fields()
        .into_iter()
        .filter_map(|(kind, on)| on.map(|on| (kind, on)))
        .collect();
    let pairs = notifications::set_settings(&state.store, &user.id, &changes).await?;
    Ok(Json(Settings::from_pairs(&pairs)))
}
