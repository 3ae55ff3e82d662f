//! `/groups`: halaqah groups (rules in `domain::groups`): public ones are
//! found and joined by anyone, private ones with their invite code, and to
//! anyone outside a private group it does not exist (404).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::leaderboard::{board_from_query, Board, BoardQuery};
use super::openapi::{error_response, Invalid, TooLarge};
use super::social::PersonOut;
use super::{JoinRequest, Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::groups::{self, Viewed};
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create))
        .routes(routes!(join_by_code))
        .routes(routes!(mine))
        .routes(routes!(one, update, remove_group))
        .routes(routes!(join))
        .routes(routes!(leave))
        .routes(routes!(members))
        .routes(routes!(remove_member))
        .routes(routes!(promote))
        .routes(routes!(new_code))
        .routes(routes!(activity))
        .routes(routes!(leaderboard))
}

/// The group named in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct GroupId {
    /// The group's id.
    pub group_id: String,
}

/// A member of the group named in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct MemberId {
    /// The group's id.
    group_id: String,
    /// The member's user id.
    user_id: String,
}

error_response!(
    /// 404 for a group the viewer may not see.
    pub GroupNotFound: 404,
    "`group_not_found`: no group has this id, or it is private and you are not a member."
);

error_response!(
    /// 403 for a member who is not an admin.
    pub NotAdmin: 403,
    "`not_admin`: only the group's admins can do this."
);

error_response!(
    /// 404 for a member of a group the viewer may see.
    MemberNotFound: 404,
    "`group_not_found`, or `member_not_found`: they are not a member."
);

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    id: String,
    name: String,
    description: String,
    privacy: String,
    member_limit: i64,
    member_count: i64,
    /// Unix seconds.
    created_at: i64,
    /// The viewer's role (`admin` or `member`), if they are a member.
    my_role: Option<String>,
    /// Shown to admins only.
    invite_code: Option<String>,
}

impl From<Viewed> for GroupOut {
    fn from(viewed: Viewed) -> Self {
        let invite_code = viewed.invite_code().map(str::to_owned);
        let group = viewed.group;
        GroupOut {
            id: group.id,
            name: group.name,
            description: group.description,
            privacy: group.privacy.as_str().to_owned(),
            member_limit: group.member_limit,
            member_count: group.member_count,
            created_at: group.created_at,
            my_role: viewed.role.map(|r| r.as_str().to_owned()),
            invite_code,
        }
    }
}

fn all_out(groups: Vec<Viewed>) -> Json<Vec<GroupOut>> {
    Json(groups.into_iter().map(GroupOut::from).collect())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewGroup {
    /// 3 to 100 characters.
    name: String,
    /// At most 1000 characters; line breaks allowed.
    #[serde(default)]
    description: String,
    /// `public` (the default) or `private`.
    #[serde(default = "public")]
    privacy: String,
    /// 2 to 100000; 50 by default.
    member_limit: Option<i64>,
}

fn public() -> String {
    crate::kinds::Privacy::Public.as_str().into()
}

/// Creates a group; its creator is its first admin.
#[utoipa::path(
    post,
    path = "/groups",
    operation_id = "create_group",
    request_body = NewGroup,
    responses(
        (status = 201, description = "The new group, with its invite code.", body = GroupOut),
        Invalid,
        TooLarge,
    ),
)]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(new): ValidJson<NewGroup>,
) -> Result<(StatusCode, Json<GroupOut>)> {
    let new = groups::NewGroup {
        name: &new.name,
        description: &new.description,
        privacy: &new.privacy,
        member_limit: new.member_limit,
    };
    let created = groups::create(&state.store, &user.id, &new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// Text the name contains; at most 100 characters.
    #[serde(default)]
    q: String,
    /// 1 to 100; 50 by default.
    limit: Option<i64>,
    /// 0 or more.
    offset: Option<i64>,
}

/// Public groups, optionally those whose name contains `q`.
#[utoipa::path(
    get,
    path = "/groups",
    operation_id = "search_groups",
    params(SearchQuery),
    responses((status = 200, description = "A page of public groups.", body = [GroupOut]), Invalid),
)]
async fn search(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<SearchQuery>,
) -> Result<Json<Vec<GroupOut>>> {
    let page = (query.limit, query.offset);
    let found = groups::search(&state.store, &user.id, &query.q, page).await?;
    Ok(all_out(found))
}

/// The groups the signed-in user is a member of.
#[utoipa::path(
    get,
    path = "/users/me/groups",
    operation_id = "my_groups",
    responses((status = 200, description = "Their groups.", body = [GroupOut])),
)]
async fn mine(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<GroupOut>>> {
    Ok(all_out(groups::of_member(&state.store, &user.id).await?))
}

/// One group.
#[utoipa::path(
    get,
    path = "/groups/{group_id}",
    operation_id = "get_group",
    params(GroupId),
    responses((status = 200, description = "The group.", body = GroupOut), GroupNotFound),
)]
async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
) -> Result<Json<GroupOut>> {
    Ok(Json(
        groups::readable(&state.store, &group_id, &user.id)
            .await?
            .into(),
    ))
}

/// The fields to change, checked as for a new group; absent ones stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct GroupUpdate {
    name: Option<String>,
    description: Option<String>,
    privacy: Option<String>,
    member_limit: Option<i64>,
}

/// Changes a group (admins only). PUT and PATCH do the same.
#[utoipa::path(
    method(put, patch),
    path = "/groups/{group_id}",
    operation_id = "update_group",
    params(GroupId),
    request_body = GroupUpdate,
    responses(
        (status = 200, description = "The group as it is now.", body = GroupOut),
        (status = 409, description = "`limit_below_members`: the member limit is below the member count.", body = ErrorBody),
        NotAdmin,
        GroupNotFound,
        Invalid,
        TooLarge,
    ),
)]
async fn update(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidJson(update): ValidJson<GroupUpdate>,
) -> Result<Json<GroupOut>> {
    let update = groups::Update {
        name: update.name.as_deref(),
        description: update.description.as_deref(),
        privacy: update.privacy.as_deref(),
        member_limit: update.member_limit,
    };
    let updated = groups::update(&state.store, &group_id, &user.id, &update).await?;
    Ok(Json(updated.into()))
}

/// Deletes a group with its members, activity and competitions (admins
/// only).
#[utoipa::path(
    delete,
    path = "/groups/{group_id}",
    operation_id = "delete_group",
    params(GroupId),
    responses((status = 204, description = "Deleted."), NotAdmin, GroupNotFound),
)]
async fn remove_group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
) -> Result<StatusCode> {
    groups::delete(&state.store, &group_id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Joins a public group, or a private one with its invite code.
///
/// A member joining again changes nothing.
#[utoipa::path(
    post,
    path = "/groups/{group_id}/join",
    operation_id = "join_group",
    params(GroupId),
    request_body(
        content = Option<JoinRequest>,
        description = "Only for a private group: its `invite_code`. May be empty."
    ),
    responses(
        (status = 200, description = "The group, with the viewer a member.", body = GroupOut),
        (status = 409, description = "`group_full`.", body = ErrorBody),
        (status = 413, description = "The body is over 64 KiB (plain text)."),
        (status = 422, description = "`invalid_body`: the body is not an invite code.", body = ErrorBody),
        GroupNotFound,
    ),
)]
async fn join(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    body: axum::body::Bytes,
) -> Result<Json<GroupOut>> {
    let request = JoinRequest::from_optional_body(&body)?;
    let (joined, events) = groups::join(&state.store, &group_id, request.code(), &user.id).await?;
    state.live.publish(&events);
    Ok(Json(joined.into()))
}

/// Joins any group by its invite code.
#[utoipa::path(
    post,
    path = "/groups/join",
    operation_id = "join_group_by_code",
    request_body = JoinRequest,
    responses(
        (status = 200, description = "The group, with the viewer a member.", body = GroupOut),
        (status = 404, description = "`invalid_invite_code`: no group has this code.", body = ErrorBody),
        (status = 409, description = "`group_full`.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn join_by_code(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<JoinRequest>,
) -> Result<Json<GroupOut>> {
    let (joined, events) = groups::join_by_code(&state.store, request.code(), &user.id).await?;
    state.live.publish(&events);
    Ok(Json(joined.into()))
}

/// Leaves a group; the last admin to leave hands the role on.
#[utoipa::path(
    post,
    path = "/groups/{group_id}/leave",
    operation_id = "leave_group",
    params(GroupId),
    responses(
        (status = 204, description = "Left."),
        (
            status = 404,
            description = "`group_not_found` (no such group, or a private one), or `not_a_member`.",
            body = ErrorBody,
        ),
    ),
)]
async fn leave(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
) -> Result<StatusCode> {
    groups::leave(&state.store, &group_id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
struct MemberOut {
    #[serde(flatten)]
    user: PersonOut,
    /// `admin` or `member`.
    role: String,
    /// Unix seconds.
    joined_at: i64,
}

/// A group's members: admins first, then by when they joined.
///
/// Hidden people are never listed (they count in the total); a viewer
/// who is not a member sees only those who chose to be seen by everyone.
#[utoipa::path(
    get,
    path = "/groups/{group_id}/members",
    params(GroupId, Paging),
    responses((status = 200, description = "A page of members.", body = [MemberOut]), GroupNotFound, Invalid),
)]
async fn members(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidQuery(paging): ValidQuery<Paging>,
) -> Result<Json<Vec<MemberOut>>> {
    let page = (paging.limit, paging.offset);
    let members = groups::members(&state.store, &group_id, &user.id, page).await?;
    Ok(Json(
        members
            .into_iter()
            .map(|m| MemberOut {
                user: m.person.into(),
                role: m.role.as_str().to_owned(),
                joined_at: m.joined_at,
            })
            .collect(),
    ))
}

/// Makes a member an admin (admins only).
#[utoipa::path(
    post,
    path = "/groups/{group_id}/members/{user_id}/promote",
    params(MemberId),
    responses(
        (status = 204, description = "They are an admin."),
        MemberNotFound,
        NotAdmin,
    ),
)]
async fn promote(
    State(state): State<AppState>,
    user: AuthUser,
    Path(MemberId {
        group_id,
        user_id: member,
    }): Path<MemberId>,
) -> Result<StatusCode> {
    groups::promote(&state.store, &group_id, &user.id, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a member from a group (admins only).
#[utoipa::path(
    delete,
    path = "/groups/{group_id}/members/{user_id}",
    params(MemberId),
    responses(
        (status = 204, description = "Removed."),
        MemberNotFound,
        NotAdmin,
    ),
)]
async fn remove_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path(MemberId {
        group_id,
        user_id: member,
    }): Path<MemberId>,
) -> Result<StatusCode> {
    groups::remove_member(&state.store, &group_id, &user.id, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
struct InviteCode {
    invite_code: String,
}

/// Gives a group a new invite code; the old one stops working (admins
/// only).
#[utoipa::path(
    post,
    path = "/groups/{group_id}/invite-code",
    params(GroupId),
    responses((status = 200, description = "The new code.", body = InviteCode), NotAdmin, GroupNotFound),
)]
async fn new_code(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
) -> Result<Json<InviteCode>> {
    Ok(Json(InviteCode {
        invite_code: groups::renew_code(&state.store, &group_id, &user.id).await?,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ActivityQuery {
    /// Only activity older than this id, for paging.
    before: Option<i64>,
    /// 1 to 100; 50 by default.
    limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
struct ActivityOut {
    id: i64,
    user: Option<PersonOut>,
    activity_type: String,
    content: String,
    created_at: i64,
}

/// A group's activity (`member_joined`, `member_left`, `member_removed`, ...), newest first.
///
/// `user` is null ("a member") for someone the viewer may not see listed:
/// a hidden person, or, to a viewer outside the group, anyone not seen by
/// everyone.
#[utoipa::path(
    get,
    path = "/groups/{group_id}/activity",
    params(GroupId, ActivityQuery),
    responses((status = 200, description = "A page of activity.", body = [ActivityOut]), GroupNotFound, Invalid),
)]
async fn activity(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidQuery(query): ValidQuery<ActivityQuery>,
) -> Result<Json<Vec<ActivityOut>>> {
    let rows =
        groups::activity(&state.store, &group_id, &user.id, query.before, query.limit).await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| ActivityOut {
                id: a.id,
                user: a.user.map(PersonOut::from),
                activity_type: a.activity_type.as_str().to_owned(),
                content: a.content,
                created_at: a.created_at,
            })
            .collect(),
    ))
}

/// A group's board.
#[utoipa::path(
    get,
    path = "/groups/{group_id}/leaderboard",
    operation_id = "group_leaderboard",
    params(GroupId, BoardQuery),
    responses((status = 200, description = "The board.", body = Board), GroupNotFound, Invalid),
)]
async fn leaderboard(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    let scope = groups::board_scope(&state.store, &group_id, &user.id).await?;
    Ok(Json(board_from_query(&state, &user, scope, query).await?))
}
