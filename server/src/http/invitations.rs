//! Invitations to groups (rules in `domain::invitations`): an admin
//! invites one user by id or username, the invitee lists, accepts or
//! declines, an admin revokes.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::groups::{GroupId, GroupOut, NotAdmin};
use super::openapi::{error_response, TooLarge};
use super::social::PersonOut;
use super::ValidJson;
use crate::auth::AuthUser;
use crate::domain::invitations::{self, Invitee};
use crate::error::{Error, ErrorBody, Result};
use crate::store::InvitationRow;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invite))
        .routes(routes!(mine))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(revoke))
}

/// The invitation named in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct InvitationId {
    /// The invitation's id.
    invitation_id: String,
}

error_response!(
    /// 404 for an invitation the caller may not see.
    InvitationNotFound: 404,
    "`invitation_not_found`: no invitation of yours (or of your group) has this id."
);

error_response!(
    /// 409 for an invitation answered already.
    Answered: 409,
    "`invitation_answered`: it was accepted, declined or revoked already."
);

/// Whom to invite: exactly one of `user_id` and `username`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct InviteRequest {
    user_id: Option<String>,
    /// Any case.
    username: Option<String>,
}

/// An invitation to a group.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationOut {
    id: String,
    group_id: String,
    group_name: String,
    invitee_id: String,
    /// Who invited; null once their account is gone.
    invited_by: Option<PersonOut>,
    /// `pending`, `accepted`, `declined` or `revoked`.
    status: String,
    /// Unix seconds.
    created_at: i64,
    /// Unix seconds; null while pending.
    answered_at: Option<i64>,
}

impl From<InvitationRow> for InvitationOut {
    fn from(row: InvitationRow) -> Self {
        InvitationOut {
            id: row.id,
            group_id: row.group_id,
            group_name: row.group_name,
            invitee_id: row.invitee_id,
            invited_by: row.inviter.map(PersonOut::from),
            status: row.status.as_str().to_owned(),
            created_at: row.created_at,
            answered_at: row.answered_at,
        }
    }
}

/// Invites a user to a group (admins only); they get a `group_invite`
/// notification if they have it on.
///
/// A user who blocks you, or whom you block, is not found. An invitation
/// already pending is answered as it is (200), and not told again.
#[utoipa::path(
    post,
    path = "/groups/{group_id}/invitations",
    operation_id = "invite_to_group",
    params(GroupId),
    request_body = InviteRequest,
    responses(
        (status = 201, description = "The new invitation.", body = InvitationOut),
        (status = 200, description = "The invitation already pending.", body = InvitationOut),
        (status = 404, description = "`group_not_found`, or `user_not_found`: no such user (or a blocked one).", body = ErrorBody),
        (status = 409, description = "`already_member`.", body = ErrorBody),
        (status = 422, description = "`invalid_invitee`: not exactly one of `user_id` and `username`.", body = ErrorBody),
        NotAdmin,
        TooLarge,
    ),
)]
async fn invite(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidJson(request): ValidJson<InviteRequest>,
) -> Result<(StatusCode, Json<InvitationOut>)> {
    let who = match (&request.user_id, &request.username) {
        (Some(id), None) => Invitee::Id(id),
        (None, Some(name)) => Invitee::Username(name),
        _ => {
            return Err(Error::invalid(
                "invalid_invitee",
                "Send exactly one of `user_id` and `username`.",
            ))
        }
    };
    let invited = invitations::invite(&state.store, &group_id, &user.id, who).await?;
    state.live.publish(&invited.events);
    let status = match invited.created {
        true => StatusCode::CREATED,
        false => StatusCode::OK,
    };
    Ok((status, Json(invited.invitation.into())))
}

/// The signed-in user's pending invitations, newest first.
#[utoipa::path(
    get,
    path = "/users/me/invitations",
    operation_id = "my_invitations",
    responses((status = 200, description = "Their pending invitations.", body = [InvitationOut])),
)]
async fn mine(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<InvitationOut>>> {
    let pending = invitations::pending(&state.store, &user.id).await?;
    Ok(Json(pending.into_iter().map(InvitationOut::from).collect()))
}

/// Accepts an invitation: joins its group (even a private one); its
/// admins get a `group_join` notification.
#[utoipa::path(
    post,
    path = "/invitations/{invitation_id}/accept",
    operation_id = "accept_invitation",
    params(InvitationId),
    responses(
        (status = 200, description = "The group, with the viewer a member.", body = GroupOut),
        (status = 409, description = "`invitation_answered`, or `group_full` (it stays pending).", body = ErrorBody),
        InvitationNotFound,
    ),
)]
async fn accept(
    State(state): State<AppState>,
    user: AuthUser,
    Path(InvitationId { invitation_id }): Path<InvitationId>,
) -> Result<Json<GroupOut>> {
    let (joined, events) = invitations::accept(&state.store, &invitation_id, &user.id).await?;
    state.live.publish(&events);
    Ok(Json(joined.into()))
}

/// Declines an invitation.
#[utoipa::path(
    post,
    path = "/invitations/{invitation_id}/decline",
    operation_id = "decline_invitation",
    params(InvitationId),
    responses((status = 204, description = "Declined."), Answered, InvitationNotFound),
)]
async fn decline(
    State(state): State<AppState>,
    user: AuthUser,
    Path(InvitationId { invitation_id }): Path<InvitationId>,
) -> Result<StatusCode> {
    invitations::decline(&state.store, &invitation_id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a pending invitation (admins of its group only).
#[utoipa::path(
    delete,
    path = "/invitations/{invitation_id}",
    operation_id = "revoke_invitation",
    params(InvitationId),
    responses(
        (status = 204, description = "Revoked."),
        Answered,
        NotAdmin,
        InvitationNotFound,
    ),
)]
async fn revoke(
    State(state): State<AppState>,
    user: AuthUser,
    Path(InvitationId { invitation_id }): Path<InvitationId>,
) -> Result<StatusCode> {
    invitations::revoke(&state.store, &invitation_id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
