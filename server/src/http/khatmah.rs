//! Group khatmah (rules in `domain::khatmah`): `/groups/{group_id}/khatmahs`
//! (start one; the group's khatmahs, newest first) and
//! `/khatmahs/{khatmah_id}` (one with its portions; claim, give back,
//! assign, mark done; cancel). Only the group's members see them. Every
//! change also arrives live to each member as a `khatmah` event on
//! `/api/v1/ws`; an assignment and a near deadline are `khatmah_portion`
//! notifications.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::groups::{GroupId, GroupNotFound};
use super::openapi::{error_response, Invalid};
use super::ValidJson;
use crate::auth::AuthUser;
use crate::domain::{days, khatmah};
use crate::error::{ErrorBody, Result};
use crate::live::payload::KhatmahPortion;
use crate::store::KhatmahRow;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, start))
        .routes(routes!(one))
        .routes(routes!(claim, release))
        .routes(routes!(assign))
        .routes(routes!(done))
        .routes(routes!(cancel))
}

error_response!(
    /// 404 for a khatmah of a group the caller is not in.
    KhatmahNotFound: 404,
    "`khatmah_not_found`: no khatmah of a group you are in has this id."
);

error_response!(
    /// 409 for a change to a khatmah that is over.
    KhatmahOver: 409,
    "`khatmah_over`: the khatmah was completed or cancelled."
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct KhatmahId {
    /// The khatmah's id.
    khatmah_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct PortionPath {
    /// The khatmah's id.
    khatmah_id: String,
    /// The portion's number: 1 to 30 (juz) or 60 (hizb).
    number: i64,
}

/// A khatmah without its portions.
#[derive(Debug, Serialize, ToSchema)]
struct KhatmahSummary {
    id: String,
    group_id: String,
    /// The group's first, second, ... khatmah.
    number: i64,
    /// The admin who started it (`null` once their account is gone).
    started_by: Option<String>,
    /// `juz` (30 portions) or `hizb` (60).
    #[schema(value_type = String)]
    division: crate::kinds::Division,
    /// `running`, `completed` or `cancelled`.
    #[schema(value_type = String)]
    status: crate::kinds::KhatmahStatus,
    /// RFC 3339.
    started_at: String,
    /// RFC 3339, if it has one.
    deadline: Option<String>,
    /// RFC 3339, once completed or cancelled.
    ended_at: Option<String>,
    /// Portions done.
    done: i64,
    /// Portions in all.
    total: i64,
}

impl From<&KhatmahRow> for KhatmahSummary {
    fn from(k: &KhatmahRow) -> KhatmahSummary {
        KhatmahSummary {
            id: k.id.clone(),
            group_id: k.group_id.clone(),
            number: k.number,
            started_by: k.started_by.clone(),
            division: k.division,
            status: k.status,
            started_at: days::rfc3339(k.started_at),
            deadline: k.deadline.map(days::rfc3339),
            ended_at: k.ended_at.map(days::rfc3339),
            done: k.done,
            total: k.total,
        }
    }
}

/// A khatmah with its portions.
#[derive(Debug, Serialize, ToSchema)]
struct KhatmahOut {
    #[serde(flatten)]
    khatmah: KhatmahSummary,
    group_name: String,
    /// In order.
    portions: Vec<KhatmahPortion>,
}

impl From<&khatmah::View> for KhatmahOut {
    fn from(view: &khatmah::View) -> KhatmahOut {
        KhatmahOut {
            khatmah: KhatmahSummary::from(&view.khatmah),
            group_name: view.group_name.clone(),
            portions: view
                .portions
                .iter()
                .map(|p| khatmah::portion_view(view.khatmah.division, p))
                .collect(),
        }
    }
}

/// A group's khatmahs.
#[derive(Debug, Serialize, ToSchema)]
struct KhatmahList {
    /// Newest first: the running one (if any), then the history.
    khatmahs: Vec<KhatmahSummary>,
}

/// The group's khatmahs, newest first (100 at most): members only.
#[utoipa::path(
    get,
    path = "/groups/{group_id}/khatmahs",
    operation_id = "group_khatmahs",
    params(GroupId),
    responses((status = 200, description = "The khatmahs.", body = KhatmahList), GroupNotFound),
)]
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<GroupId>,
) -> Result<Json<KhatmahList>> {
    let rows = khatmah::history(&state.store, &path.group_id, &user.id).await?;
    Ok(Json(KhatmahList {
        khatmahs: rows.iter().map(KhatmahSummary::from).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StartIn {
    /// `juz` (30 portions) or `hizb` (60).
    division: String,
    /// RFC 3339: after now, within 366 days. Members with an unfinished
    /// portion are reminded 24 hours before.
    deadline: Option<String>,
}

/// Starts a khatmah of the group: admins only, one running at a time.
#[utoipa::path(
    post,
    path = "/groups/{group_id}/khatmahs",
    operation_id = "start_khatmah",
    params(GroupId),
    request_body = StartIn,
    responses(
        (status = 201, description = "Started; every portion free.", body = KhatmahOut),
        (status = 403, description = "`not_admin`.", body = ErrorBody),
        (status = 409, description = "`khatmah_running`: complete or cancel it first.", body = ErrorBody),
        (status = 422, description = "`invalid_division` or `invalid_deadline`.", body = ErrorBody),
        GroupNotFound,
    ),
)]
async fn start(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<GroupId>,
    ValidJson(request): ValidJson<StartIn>,
) -> Result<(StatusCode, Json<KhatmahOut>)> {
    let (view, events) = khatmah::start(
        &state.store,
        (&path.group_id, &user.id),
        &request.division,
        request.deadline.as_deref(),
        state.clock.now(),
    )
    .await?;
    state.live.publish(&events);
    Ok((StatusCode::CREATED, Json(KhatmahOut::from(&view))))
}

/// One khatmah with its portions: members only.
#[utoipa::path(
    get,
    path = "/khatmahs/{khatmah_id}",
    operation_id = "get_khatmah",
    params(KhatmahId),
    responses((status = 200, description = "The khatmah.", body = KhatmahOut), KhatmahNotFound),
)]
async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<KhatmahId>,
) -> Result<Json<KhatmahOut>> {
    let view = khatmah::view(&state.store, &path.khatmah_id, &user.id).await?;
    Ok(Json(KhatmahOut::from(&view)))
}

/// Claims a free portion for oneself (a member may hold several).
#[utoipa::path(
    post,
    path = "/khatmahs/{khatmah_id}/portions/{number}/claim",
    operation_id = "claim_khatmah_portion",
    params(PortionPath),
    responses(
        (status = 200, description = "Yours now.", body = KhatmahOut),
        (status = 409, description = "`portion_taken` (someone's already, or done) or `khatmah_over`.", body = ErrorBody),
        (status = 422, description = "`invalid_portion`.", body = ErrorBody),
        KhatmahNotFound,
    ),
)]
async fn claim(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PortionPath>,
) -> Result<Json<KhatmahOut>> {
    let (view, events) =
        khatmah::claim(&state.store, &path.khatmah_id, path.number, &user.id).await?;
    state.live.publish(&events);
    Ok(Json(KhatmahOut::from(&view)))
}

/// Gives back one's own portion that is not done; it is free again.
#[utoipa::path(
    delete,
    path = "/khatmahs/{khatmah_id}/portions/{number}/claim",
    operation_id = "release_khatmah_portion",
    params(PortionPath),
    responses(
        (status = 200, description = "Free again.", body = KhatmahOut),
        (status = 409, description = "`not_your_portion` or `khatmah_over`.", body = ErrorBody),
        (status = 422, description = "`invalid_portion`.", body = ErrorBody),
        KhatmahNotFound,
    ),
)]
async fn release(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PortionPath>,
) -> Result<Json<KhatmahOut>> {
    let (view, events) =
        khatmah::release(&state.store, &path.khatmah_id, path.number, &user.id).await?;
    state.live.publish(&events);
    Ok(Json(KhatmahOut::from(&view)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AssignIn {
    /// The member who reads it.
    user_id: String,
}

/// Gives a portion that is not done to a member (replacing its reader, if
/// any): admins only. The member is notified (`khatmah_portion`).
#[utoipa::path(
    post,
    path = "/khatmahs/{khatmah_id}/portions/{number}/assign",
    operation_id = "assign_khatmah_portion",
    params(PortionPath),
    request_body = AssignIn,
    responses(
        (status = 200, description = "Assigned.", body = KhatmahOut),
        (status = 403, description = "`not_admin`.", body = ErrorBody),
        (status = 404, description = "`khatmah_not_found` or `member_not_found`.", body = ErrorBody),
        (status = 409, description = "`portion_done` or `khatmah_over`.", body = ErrorBody),
        (status = 422, description = "`invalid_portion`.", body = ErrorBody),
    ),
)]
async fn assign(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PortionPath>,
    ValidJson(request): ValidJson<AssignIn>,
) -> Result<Json<KhatmahOut>> {
    let portion = (path.khatmah_id.as_str(), path.number);
    let (view, events) = khatmah::assign(&state.store, portion, &user.id, &request.user_id).await?;
    state.live.publish(&events);
    Ok(Json(KhatmahOut::from(&view)))
}

/// Marks a portion done: its reader or an admin; done already is no
/// change. The last portion completes the khatmah, posted to the group's
/// feed. (A portion is also done on its own once its reader's synced
/// reading covers every ayah of it after the khatmah started.)
#[utoipa::path(
    post,
    path = "/khatmahs/{khatmah_id}/portions/{number}/done",
    operation_id = "finish_khatmah_portion",
    params(PortionPath),
    responses(
        (status = 200, description = "Done.", body = KhatmahOut),
        (status = 403, description = "`not_your_portion`.", body = ErrorBody),
        (status = 422, description = "`invalid_portion`.", body = ErrorBody),
        KhatmahOver,
        KhatmahNotFound,
    ),
)]
async fn done(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PortionPath>,
) -> Result<Json<KhatmahOut>> {
    let (view, events) =
        khatmah::done(&state.store, &path.khatmah_id, path.number, &user.id).await?;
    state.live.publish(&events);
    Ok(Json(KhatmahOut::from(&view)))
}

/// Cancels the running khatmah (it stays in the history): admins only.
#[utoipa::path(
    post,
    path = "/khatmahs/{khatmah_id}/cancel",
    operation_id = "cancel_khatmah",
    params(KhatmahId),
    responses(
        (status = 200, description = "Cancelled.", body = KhatmahOut),
        (status = 403, description = "`not_admin`.", body = ErrorBody),
        KhatmahOver,
        KhatmahNotFound,
        Invalid,
    ),
)]
async fn cancel(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<KhatmahId>,
) -> Result<Json<KhatmahOut>> {
    let (view, events) = khatmah::cancel(&state.store, &path.khatmah_id, &user.id).await?;
    state.live.publish(&events);
    Ok(Json(KhatmahOut::from(&view)))
}
