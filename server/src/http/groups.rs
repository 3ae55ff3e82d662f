//! `/groups`: halaqah groups. Public groups can be found and joined by
//! anyone; private ones only with their invite code, and to anyone outside
//! a private group it does not exist (404). Admins edit, delete, promote,
//! remove and renew the invite code; the last admin to leave hands the role
//! to the longest-standing member.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::leaderboard::{board_from_query, Board, BoardQuery};
use super::social::PersonOut;
use super::{check_text, JoinRequest, Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::error::{Error, Result};
use crate::store::{invite_code, now, GroupChange, GroupRow, Scope};
use crate::AppState;

/// Members a group may have at most, and by default.
pub const MAX_MEMBER_LIMIT: i64 = 100_000;
const DEFAULT_MEMBER_LIMIT: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/groups", get(search).post(create))
        .route("/groups/join", post(join_by_code))
        .route("/users/me/groups", get(mine))
        .route(
            "/groups/{group_id}",
            get(one).put(update).patch(update).delete(remove_group),
        )
        .route("/groups/{group_id}/join", post(join))
        .route("/groups/{group_id}/leave", post(leave))
        .route("/groups/{group_id}/members", get(members))
        .route(
            "/groups/{group_id}/members/{user_id}",
            delete(remove_member),
        )
        .route(
            "/groups/{group_id}/members/{user_id}/promote",
            post(promote),
        )
        .route("/groups/{group_id}/invite-code", post(new_code))
        .route("/groups/{group_id}/activity", get(activity))
        .route("/groups/{group_id}/leaderboard", get(leaderboard))
}

#[derive(Debug, Serialize)]
struct GroupOut {
    id: String,
    name: String,
    description: String,
    privacy: String,
    member_limit: i64,
    member_count: i64,
    created_at: i64,
    /// The viewer's role, if they are a member.
    my_role: Option<String>,
    /// Shown to admins only.
    invite_code: Option<String>,
}

fn group_out(group: GroupRow, role: Option<String>) -> GroupOut {
    let admin = role.as_deref() == Some("admin");
    GroupOut {
        id: group.id,
        name: group.name,
        description: group.description,
        privacy: group.privacy,
        member_limit: group.member_limit,
        member_count: group.member_count,
        created_at: group.created_at,
        my_role: role,
        invite_code: admin.then_some(group.invite_code),
    }
}

fn not_found() -> Error {
    Error::NotFound {
        code: "group_not_found",
        message: "No group has this id, or it is private.".into(),
    }
}

/// The group and the viewer's role in it, if the viewer may see it: public
/// groups to everyone, private ones to members only.
pub async fn readable(
    state: &AppState,
    group_id: &str,
    user: &str,
) -> Result<(GroupRow, Option<String>)> {
    let group = state.store.group(group_id).await?.ok_or_else(not_found)?;
    let role = state.store.role_in(group_id, user).await?;
    if group.privacy == "private" && role.is_none() {
        return Err(not_found());
    }
    Ok((group, role))
}

/// The group, if the viewer is one of its admins.
async fn administered(state: &AppState, group_id: &str, user: &str) -> Result<GroupRow> {
    let (group, role) = readable(state, group_id, user).await?;
    if role.as_deref() == Some("admin") {
        Ok(group)
    } else {
        Err(Error::Forbidden {
            code: "not_admin",
            message: "Only the group's admins can do this.".into(),
        })
    }
}

fn check_privacy(privacy: &str) -> Result<String> {
    match privacy.trim() {
        p @ ("public" | "private") => Ok(p.to_owned()),
        _ => Err(Error::invalid(
            "invalid_privacy",
            "`privacy` is public or private.",
        )),
    }
}

fn check_member_limit(limit: i64) -> Result<i64> {
    if (2..=MAX_MEMBER_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::invalid(
            "invalid_member_limit",
            format!("`member_limit` is from 2 to {MAX_MEMBER_LIMIT}."),
        ))
    }
}

fn check_name(name: &str) -> Result<String> {
    check_text(name, "invalid_name", "A name", (3, 100), false)
}

fn check_description(description: &str) -> Result<String> {
    check_text(
        description,
        "invalid_description",
        "A description",
        (0, 1000),
        true,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewGroup {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "public")]
    privacy: String,
    member_limit: Option<i64>,
}

fn public() -> String {
    "public".into()
}

async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(new): ValidJson<NewGroup>,
) -> Result<(StatusCode, Json<GroupOut>)> {
    let created_at = now();
    let group = GroupRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: check_name(&new.name)?,
        description: check_description(&new.description)?,
        creator_id: Some(user.id.clone()),
        privacy: check_privacy(&new.privacy)?,
        member_limit: check_member_limit(new.member_limit.unwrap_or(DEFAULT_MEMBER_LIMIT))?,
        member_count: 1,
        invite_code: invite_code(),
        created_at,
        updated_at: created_at,
    };
    state.store.create_group(&group, &user.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(group_out(group, Some("admin".into()))),
    ))
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Public groups, optionally those whose name contains `q`.
async fn search(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<SearchQuery>,
) -> Result<Json<Vec<GroupOut>>> {
    if query.q.chars().count() > 100 {
        return Err(Error::invalid(
            "invalid_query",
            "A search has at most 100 characters.",
        ));
    }
    let groups = state
        .store
        .public_groups(
            query.q.trim(),
            super::limit(query.limit, 50)?,
            super::offset(query.offset)?,
        )
        .await?;
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let role = state.store.role_in(&group.id, &user.id).await?;
        out.push(group_out(group, role));
    }
    Ok(Json(out))
}

async fn mine(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<GroupOut>>> {
    let groups = state.store.groups_of(&user.id).await?;
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let role = state.store.role_in(&group.id, &user.id).await?;
        out.push(group_out(group, role));
    }
    Ok(Json(out))
}

async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
) -> Result<Json<GroupOut>> {
    let (group, role) = readable(&state, &group_id, &user.id).await?;
    Ok(Json(group_out(group, role)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupUpdate {
    name: Option<String>,
    description: Option<String>,
    privacy: Option<String>,
    member_limit: Option<i64>,
}

async fn update(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
    ValidJson(update): ValidJson<GroupUpdate>,
) -> Result<Json<GroupOut>> {
    administered(&state, &group_id, &user.id).await?;
    let change = GroupChange {
        name: update.name.as_deref().map(check_name).transpose()?,
        description: update
            .description
            .as_deref()
            .map(check_description)
            .transpose()?,
        privacy: update.privacy.as_deref().map(check_privacy).transpose()?,
        member_limit: update.member_limit.map(check_member_limit).transpose()?,
    };
    state.store.update_group(&group_id, &change).await?;
    let (group, role) = readable(&state, &group_id, &user.id).await?;
    Ok(Json(group_out(group, role)))
}

async fn remove_group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
) -> Result<StatusCode> {
    administered(&state, &group_id, &user.id).await?;
    state.store.delete_group(&group_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Joins; a member joining again changes nothing.
async fn join_group(state: &AppState, user: &AuthUser, group: GroupRow) -> Result<Json<GroupOut>> {
    state.store.join_group(&group.id, &user.id).await?;
    let (group, role) = readable(state, &group.id, &user.id).await?;
    Ok(Json(group_out(group, role)))
}

/// `POST /groups/{id}/join`: a public group, or a private one with its code.
async fn join(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<GroupOut>> {
    let request = JoinRequest::from_optional_body(&body)?;
    let group = state.store.group(&group_id).await?.ok_or_else(not_found)?;
    let member = state.store.role_in(&group_id, &user.id).await?.is_some();
    let code_matches = request.code() == group.invite_code;
    if group.privacy == "private" && !member && !code_matches {
        return Err(not_found());
    }
    join_group(&state, &user, group).await
}

/// `POST /groups/join {"invite_code"}`: any group, by its invite code.
async fn join_by_code(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<JoinRequest>,
) -> Result<Json<GroupOut>> {
    let group = state
        .store
        .group_by_code(request.code())
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "invalid_invite_code",
            message: "No group has this invite code.".into(),
        })?;
    join_group(&state, &user, group).await
}

async fn leave(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
) -> Result<StatusCode> {
    readable(&state, &group_id, &user.id).await?;
    if !state
        .store
        .leave_group(&group_id, &user.id, "member_left")
        .await?
    {
        return Err(Error::NotFound {
            code: "not_a_member",
            message: "You are not a member of this group.".into(),
        });
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize)]
struct MemberOut {
    #[serde(flatten)]
    user: PersonOut,
    role: String,
    joined_at: i64,
}

async fn members(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
    ValidQuery(paging): ValidQuery<Paging>,
) -> Result<Json<Vec<MemberOut>>> {
    readable(&state, &group_id, &user.id).await?;
    let members = state
        .store
        .members(
            &group_id,
            super::limit(paging.limit, 100)?,
            super::offset(paging.offset)?,
        )
        .await?;
    Ok(Json(
        members
            .into_iter()
            .map(|m| MemberOut {
                user: m.person.into(),
                role: m.role,
                joined_at: m.joined_at,
            })
            .collect(),
    ))
}

fn no_such_member() -> Error {
    Error::NotFound {
        code: "member_not_found",
        message: "This user is not a member of the group.".into(),
    }
}

async fn promote(
    State(state): State<AppState>,
    user: AuthUser,
    Path((group_id, member)): Path<(String, String)>,
) -> Result<StatusCode> {
    administered(&state, &group_id, &user.id).await?;
    if !state.store.set_role(&group_id, &member, "admin").await? {
        return Err(no_such_member());
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn remove_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path((group_id, member)): Path<(String, String)>,
) -> Result<StatusCode> {
    administered(&state, &group_id, &user.id).await?;
    if !state
        .store
        .leave_group(&group_id, &member, "member_removed")
        .await?
    {
        return Err(no_such_member());
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize)]
struct InviteCode {
    invite_code: String,
}

async fn new_code(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
) -> Result<Json<InviteCode>> {
    administered(&state, &group_id, &user.id).await?;
    Ok(Json(InviteCode {
        invite_code: state.store.new_invite_code(&group_id).await?,
    }))
}

#[derive(Debug, Deserialize)]
struct ActivityQuery {
    /// Only activity older than this id, for paging.
    before: Option<i64>,
    limit: Option<i64>,
}

#[derive(Debug, Serialize)]
struct ActivityOut {
    id: i64,
    user: Option<PersonOut>,
    activity_type: String,
    content: String,
    created_at: i64,
}

async fn activity(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
    ValidQuery(query): ValidQuery<ActivityQuery>,
) -> Result<Json<Vec<ActivityOut>>> {
    readable(&state, &group_id, &user.id).await?;
    let rows = state
        .store
        .activity(
            &group_id,
            query.before.unwrap_or(i64::MAX),
            super::limit(query.limit, 50)?,
        )
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| ActivityOut {
                id: a.id,
                user: a.user.map(PersonOut::from),
                activity_type: a.activity_type,
                content: a.content,
                created_at: a.created_at,
            })
            .collect(),
    ))
}

async fn leaderboard(
    State(state): State<AppState>,
    user: AuthUser,
    Path(group_id): Path<String>,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    readable(&state, &group_id, &user.id).await?;
    Ok(Json(
        board_from_query(&state, &user.id, Scope::Group(&group_id), query).await?,
    ))
}
