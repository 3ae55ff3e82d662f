//! `/competitions`: public, private (joined with a code) or inside a group
//! (rules in `domain::competitions`). Its board ranks participants by the
//! reading they recorded inside its window only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::leaderboard::{board_out, Board, BoardQuery};
use super::openapi::{error_response, Invalid, TooLarge};
use super::social::PersonOut;
use super::{JoinRequest, Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::boards::{self, Period};
use crate::domain::competitions::{self, Viewed};
use crate::domain::days;
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(join_by_code))
        .routes(routes!(one, remove))
        .routes(routes!(join))
        .routes(routes!(leave))
        .routes(routes!(leaderboard))
        .routes(routes!(participants))
}

/// The competition named in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct CompetitionId {
    /// The competition's id.
    competition_id: String,
}

error_response!(
    /// 404 for a competition the viewer may not see.
    CompetitionNotFound: 404,
    "`competition_not_found`: no competition has this id, or you may not see it \
        (private, or in a group you are not in)."
);

error_response!(
    /// 409 for joining or leaving a competition that has ended.
    CompetitionOver: 409,
    "`competition_over`: it has ended; its results stay as they are."
);

#[derive(Debug, Serialize, ToSchema)]
struct CompetitionOut {
    id: String,
    name: String,
    description: String,
    /// `public`, `private` or `group`.
    competition_type: String,
    /// The group of a `group` competition.
    group_id: Option<String>,
    /// `hasanat`, `ayahs`, `pages` or `minutes`.
    metric_type: String,
    /// RFC 3339; the window is `[start_date, end_date)`.
    start_date: String,
    end_date: String,
    /// `upcoming`, `active` or `completed`, from the clock.
    status: &'static str,
    participant_count: i64,
    joined: bool,
    /// A private competition's code, shown to its creator.
    invite_code: Option<String>,
}

impl From<Viewed> for CompetitionOut {
    fn from(viewed: Viewed) -> Self {
        let invite_code = viewed.invite_code().map(str::to_owned);
        let c = viewed.competition;
        CompetitionOut {
            status: viewed.status.as_str(),
            start_date: days::rfc3339(c.start_time),
            end_date: days::rfc3339(c.end_time),
            invite_code,
            id: c.id,
            name: c.name,
            description: c.description,
            competition_type: c.competition_type.as_str().to_owned(),
            group_id: c.group_id,
            metric_type: c.metric_type.as_str().to_owned(),
            participant_count: c.participant_count,
            joined: viewed.joined,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewCompetition {
    /// 3 to 100 characters.
    name: String,
    /// At most 1000 characters; line breaks allowed.
    #[serde(default)]
    description: String,
    /// `public` (the default), `private` (joined with a code) or `group`.
    #[serde(default = "public")]
    competition_type: String,
    /// For a `group` competition: a group the creator is in.
    group_id: Option<String>,
    /// `hasanat` (the default), `ayahs`, `pages` or `minutes`.
    #[serde(default = "hasanat")]
    metric_type: String,
    /// RFC 3339, e.g. `2026-12-01T00:00:00Z`.
    start_date: String,
    /// RFC 3339; after `start_date`, at most 366 days later, not past.
    end_date: String,
}

fn public() -> String {
    crate::kinds::CompetitionType::Public.as_str().into()
}

fn hasanat() -> String {
    crate::kinds::Metric::Hasanat.as_str().into()
}

/// Creates a competition; its creator takes part.
///
/// A user creates at most 5 competitions in 24 hours, and a competition
/// starts at most 90 days ahead (`invalid_dates`).
#[utoipa::path(
    post,
    path = "/competitions",
    operation_id = "create_competition",
    request_body = NewCompetition,
    responses(
        (status = 201, description = "The new competition (a private one with its invite code).", body = CompetitionOut),
        (status = 404, description = "`group_not_found`: no such group, or you are not a member.", body = ErrorBody),
        (status = 409, description = "`too_many_competitions`: 5 created in the last 24 hours.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(new): ValidJson<NewCompetition>,
) -> Result<(StatusCode, Json<CompetitionOut>)> {
    let new = competitions::NewCompetition {
        name: &new.name,
        description: &new.description,
        competition_type: &new.competition_type,
        group_id: new.group_id.as_deref(),
        metric: &new.metric_type,
        start: &new.start_date,
        end: &new.end_date,
    };
    let created = competitions::create(&state.store, &user.id, &new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// `upcoming`, `active` or `completed`; all when absent.
    status: Option<String>,
    /// 1 to 100; 50 by default.
    limit: Option<i64>,
    /// The next page: the `id` of the last competition of this one.
    after: Option<String>,
}

/// Competitions the viewer can see, optionally of one status.
///
/// Pages of `limit` (50 by default, 100 at most), latest start first; ask
/// for the next page with `after`, the id of the last competition of this
/// one. The status filter applies before paging.
#[utoipa::path(
    get,
    path = "/competitions",
    operation_id = "list_competitions",
    params(ListQuery),
    responses((status = 200, description = "Competitions, latest start first.", body = [CompetitionOut]), Invalid),
)]
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<ListQuery>,
) -> Result<Json<Vec<CompetitionOut>>> {
    let (wanted, now) = (query.status.as_deref(), state.clock.now());
    let page = (query.limit, query.after.as_deref());
    let found = competitions::list(&state.store, &user.id, wanted, page, now).await?;
    Ok(Json(found.into_iter().map(CompetitionOut::from).collect()))
}

/// Deletes a competition that has not started; only its creator may.
#[utoipa::path(
    delete,
    path = "/competitions/{competition_id}",
    operation_id = "delete_competition",
    params(CompetitionId),
    responses(
        (status = 204, description = "Deleted."),
        (status = 403, description = "`not_creator`: only its creator can delete it.", body = ErrorBody),
        (status = 409, description = "`competition_started`: it has started.", body = ErrorBody),
        CompetitionNotFound,
    ),
)]
async fn remove(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
) -> Result<StatusCode> {
    competitions::delete(&state.store, &id, &user.id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One competition.
#[utoipa::path(
    get,
    path = "/competitions/{competition_id}",
    operation_id = "get_competition",
    params(CompetitionId),
    responses((status = 200, description = "The competition.", body = CompetitionOut), CompetitionNotFound),
)]
async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
) -> Result<Json<CompetitionOut>> {
    let now = state.clock.now();
    let viewed = competitions::readable(&state.store, &id, &user.id, now).await?;
    Ok(Json(viewed.into()))
}

/// Joins a public competition, one of the viewer's group, or a private
/// one with its invite code.
#[utoipa::path(
    post,
    path = "/competitions/{competition_id}/join",
    operation_id = "join_competition",
    params(CompetitionId),
    request_body(
        content = Option<JoinRequest>,
        description = "Only for a private competition: its `invite_code`. May be empty."
    ),
    responses(
        (status = 200, description = "The competition, joined.", body = CompetitionOut),
        (status = 413, description = "The body is over 64 KiB (plain text)."),
        (status = 422, description = "`invalid_body`: the body is not an invite code.", body = ErrorBody),
        CompetitionNotFound,
        CompetitionOver,
    ),
)]
async fn join(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
    body: axum::body::Bytes,
) -> Result<Json<CompetitionOut>> {
    let request = JoinRequest::from_optional_body(&body)?;
    let now = state.clock.now();
    let joined = competitions::join(&state.store, &id, request.code(), &user.id, now).await?;
    Ok(Json(joined.into()))
}

/// Joins any competition by its invite code.
#[utoipa::path(
    post,
    path = "/competitions/join",
    operation_id = "join_competition_by_code",
    request_body = JoinRequest,
    responses(
        (status = 200, description = "The competition, joined.", body = CompetitionOut),
        (status = 404, description = "`invalid_invite_code`: no competition has this code.", body = ErrorBody),
        CompetitionOver,
        Invalid,
        TooLarge,
    ),
)]
async fn join_by_code(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<JoinRequest>,
) -> Result<Json<CompetitionOut>> {
    let now = state.clock.now();
    let joined = competitions::join_by_code(&state.store, request.code(), &user.id, now).await?;
    Ok(Json(joined.into()))
}

/// Leaves a competition that has not ended.
#[utoipa::path(
    post,
    path = "/competitions/{competition_id}/leave",
    operation_id = "leave_competition",
    params(CompetitionId),
    responses(
        (status = 204, description = "Left."),
        (
            status = 404,
            description = "`competition_not_found`, or `not_a_participant`.",
            body = ErrorBody,
        ),
        CompetitionOver,
    ),
)]
async fn leave(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
) -> Result<StatusCode> {
    competitions::leave(&state.store, &id, &user.id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A competition's board: reading inside its window, in its metric.
///
/// A session counts when it started inside the window and reached the
/// server no later than 24 hours after the competition ended (a device
/// that was offline catches up); results are frozen when those 24 hours
/// end, so reading sent later (backdated or not) never changes them.
///
/// Only `limit` of the board query applies.
#[utoipa::path(
    get,
    path = "/competitions/{competition_id}/leaderboard",
    operation_id = "competition_leaderboard",
    params(CompetitionId, BoardQuery),
    responses((status = 200, description = "The board; `period` is `competition`.", body = Board), CompetitionNotFound, Invalid),
)]
async fn leaderboard(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    let (metric, (start, end), scope) =
        competitions::board_window(&state.store, &id, &user.id, state.clock.now()).await?;
    let board = boards::board(
        &state.store,
        &state.boards,
        &user.id,
        scope,
        (metric, Period::Competition(start, end), Some((start, end))),
        query.limit,
    )
    .await?;
    Ok(Json(board_out(board)))
}

#[derive(Debug, Serialize, ToSchema)]
struct ParticipantOut {
    #[serde(flatten)]
    user: PersonOut,
    /// Unix seconds.
    joined_at: i64,
}

/// A competition's participants, by when they joined.
///
/// Hidden people are never listed (they count in the total); a viewer
/// who is not a participant sees only those who chose to be seen by everyone.
#[utoipa::path(
    get,
    path = "/competitions/{competition_id}/participants",
    params(CompetitionId, Paging),
    responses((status = 200, description = "A page of participants.", body = [ParticipantOut]), CompetitionNotFound, Invalid),
)]
async fn participants(
    State(state): State<AppState>,
    user: AuthUser,
    Path(CompetitionId { competition_id: id }): Path<CompetitionId>,
    ValidQuery(paging): ValidQuery<Paging>,
) -> Result<Json<Vec<ParticipantOut>>> {
    let (page, now) = ((paging.limit, paging.offset), state.clock.now());
    let rows = competitions::participants(&state.store, &id, &user.id, page, now).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(p, joined_at)| ParticipantOut {
                user: p.into(),
                joined_at,
            })
            .collect(),
    ))
}
