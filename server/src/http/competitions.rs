//! `/competitions`: public, private (joined with a code) or inside a group.
//! A competition counts one metric over `[start_date, end_date)`; its status
//! follows from the clock, and its board ranks participants by the reading
//! they recorded inside that window only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::leaderboard::{board, parse_metric, Board, BoardQuery};
use super::openapi::{error_response, Invalid, TooLarge};
use super::social::PersonOut;
use super::{check_text, JoinRequest, Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::error::{Error, ErrorBody, Result};
use crate::store::{invite_code, CompetitionRow, Metric, Scope};
use crate::AppState;

/// The longest competition: a year and a day.
const MAX_SECONDS: i64 = 366 * 86_400;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(join_by_code))
        .routes(routes!(one))
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

/// `upcoming`, `active` or `completed` at `now`.
pub fn status(c: &CompetitionRow, now: i64) -> &'static str {
    if now < c.start_time {
        "upcoming"
    } else if now < c.end_time {
        "active"
    } else {
        "completed"
    }
}

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

fn competition_out(c: CompetitionRow, viewer: &str, joined: bool, now: i64) -> CompetitionOut {
    let creator = c.creator_id.as_deref() == Some(viewer);
    CompetitionOut {
        status: status(&c, now),
        start_date: crate::progress::rfc3339(c.start_time),
        end_date: crate::progress::rfc3339(c.end_time),
        invite_code: if creator { c.invite_code } else { None },
        id: c.id,
        name: c.name,
        description: c.description,
        competition_type: c.competition_type,
        group_id: c.group_id,
        metric_type: c.metric_type,
        participant_count: c.participant_count,
        joined,
    }
}

fn not_found() -> Error {
    Error::NotFound {
        code: "competition_not_found",
        message: "No competition has this id, or it is private.".into(),
    }
}

/// Whether `user` may take part without a code: anyone in a public one,
/// members in a group's.
async fn open_to(state: &AppState, c: &CompetitionRow, user: &str) -> Result<bool> {
    Ok(match (c.competition_type.as_str(), &c.group_id) {
        ("public", _) => true,
        ("group", Some(group)) => state.store.role_in(group, user).await?.is_some(),
        _ => false,
    })
}

/// The competition and whether the viewer takes part, if they may see it.
async fn readable(state: &AppState, id: &str, user: &str) -> Result<(CompetitionRow, bool)> {
    let c = state.store.competition(id).await?.ok_or_else(not_found)?;
    let joined = state.store.is_participant(id, user).await?;
    if joined || open_to(state, &c, user).await? {
        Ok((c, joined))
    } else {
        Err(not_found())
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
    "public".into()
}

fn hasanat() -> String {
    "hasanat".into()
}

fn parse_time(field: &str, value: &str) -> Result<i64> {
    value
        .trim()
        .parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .map_err(|_| {
            Error::invalid(
                "invalid_time",
                format!("`{field}` is an RFC 3339 time such as 2026-12-01T00:00:00Z."),
            )
        })
}

/// Creates a competition; its creator takes part.
#[utoipa::path(
    post,
    path = "/competitions",
    operation_id = "create_competition",
    request_body = NewCompetition,
    responses(
        (status = 201, description = "The new competition (a private one with its invite code).", body = CompetitionOut),
        (status = 404, description = "`group_not_found`: no such group, or you are not a member.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(new): ValidJson<NewCompetition>,
) -> Result<(StatusCode, Json<CompetitionOut>)> {
    let name = check_text(&new.name, "invalid_name", "A name", (3, 100), false)?;
    let description = check_text(
        &new.description,
        "invalid_description",
        "A description",
        (0, 1000),
        true,
    )?;
    let metric = parse_metric(Some(new.metric_type.trim()), Metric::Hasanat)?;
    let start = parse_time("start_date", &new.start_date)?;
    let end = parse_time("end_date", &new.end_date)?;
    let now = state.clock.now();
    if end <= start || end - start > MAX_SECONDS {
        return Err(Error::invalid(
            "invalid_dates",
            "`end_date` comes after `start_date`, at most 366 days later.",
        ));
    }
    if end <= now {
        return Err(Error::invalid(
            "invalid_dates",
            "A competition cannot end in the past.",
        ));
    }
    let (group_id, code) = match new.competition_type.trim() {
        "public" => (None, None),
        "private" => (None, Some(invite_code())),
        "group" => {
            let group = new.group_id.ok_or_else(|| {
                Error::invalid("invalid_group", "A group competition names its `group_id`.")
            })?;
            if state.store.role_in(&group, &user.id).await?.is_none() {
                return Err(Error::NotFound {
                    code: "group_not_found",
                    message: "No group has this id, or you are not a member.".into(),
                });
            }
            (Some(group), None)
        }
        _ => {
            return Err(Error::invalid(
                "invalid_competition_type",
                "`competition_type` is public, private or group.",
            ))
        }
    };
    let row = CompetitionRow {
        id: uuid::Uuid::new_v4().to_string(),
        name,
        description,
        creator_id: Some(user.id.clone()),
        competition_type: new.competition_type.trim().to_owned(),
        group_id,
        metric_type: metric.name().to_owned(),
        start_time: start,
        end_time: end,
        invite_code: code,
        participant_count: 1,
        created_at: now,
    };
    state.store.create_competition(&row).await?;
    Ok((
        StatusCode::CREATED,
        Json(competition_out(row, &user.id, true, now)),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// `upcoming`, `active` or `completed`; all when absent.
    status: Option<String>,
    /// 1 to 100; 50 by default.
    limit: Option<i64>,
}

/// Competitions the viewer can see, optionally of one status.
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
    if let Some(wanted) = query.status.as_deref() {
        if !matches!(wanted, "upcoming" | "active" | "completed") {
            return Err(Error::invalid(
                "invalid_status",
                "`status` is upcoming, active or completed.",
            ));
        }
    }
    let limit = super::limit(query.limit, 50)?;
    let now = state.clock.now();
    let rows = state.store.competitions_for(&user.id, 1000).await?;
    let mut out = Vec::new();
    for c in rows {
        if query
            .status
            .as_deref()
            .is_some_and(|s| s != status(&c, now))
        {
            continue;
        }
        let joined = state.store.is_participant(&c.id, &user.id).await?;
        out.push(competition_out(c, &user.id, joined, now));
        if out.len() as i64 >= limit {
            break;
        }
    }
    Ok(Json(out))
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
    let (c, joined) = readable(&state, &id, &user.id).await?;
    Ok(Json(competition_out(
        c,
        &user.id,
        joined,
        state.clock.now(),
    )))
}

fn over() -> Error {
    Error::Conflict {
        code: "competition_over",
        message: "This competition has ended; its results stay as they are.".into(),
    }
}

async fn enter(
    state: &AppState,
    user: &AuthUser,
    c: CompetitionRow,
) -> Result<Json<CompetitionOut>> {
    if status(&c, state.clock.now()) == "completed" {
        return Err(over());
    }
    state.store.join_competition(&c.id, &user.id).await?;
    let (c, joined) = readable(state, &c.id, &user.id).await?;
    Ok(Json(competition_out(
        c,
        &user.id,
        joined,
        state.clock.now(),
    )))
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
    let c = state.store.competition(&id).await?.ok_or_else(not_found)?;
    let code_matches = c.invite_code.as_deref() == Some(request.code());
    if !code_matches
        && !open_to(&state, &c, &user.id).await?
        && !state.store.is_participant(&id, &user.id).await?
    {
        return Err(not_found());
    }
    enter(&state, &user, c).await
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
    let found = state
        .store
        .competition_by_code(request.code())
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "invalid_invite_code",
            message: "No competition has this invite code.".into(),
        })?;
    enter(&state, &user, found).await
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
    let (c, joined) = readable(&state, &id, &user.id).await?;
    if !joined {
        return Err(Error::NotFound {
            code: "not_a_participant",
            message: "You are not taking part in this competition.".into(),
        });
    }
    if status(&c, state.clock.now()) == "completed" {
        return Err(over());
    }
    state.store.leave_competition(&id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A competition's board: reading inside its window, in its metric.
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
    let (c, _) = readable(&state, &id, &user.id).await?;
    let metric = parse_metric(Some(&c.metric_type), Metric::Hasanat)?;
    Ok(Json(
        board(
            &state,
            &user.id,
            Scope::Competition(&id),
            metric,
            ("competition".into(), Some((c.start_time, c.end_time))),
            query.limit,
        )
        .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
struct ParticipantOut {
    #[serde(flatten)]
    user: PersonOut,
    /// Unix seconds.
    joined_at: i64,
}

/// A competition's participants, by when they joined.
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
    readable(&state, &id, &user.id).await?;
    let rows = state
        .store
        .participants(
            &id,
            super::limit(paging.limit, 100)?,
            super::offset(paging.offset)?,
        )
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(p, joined_at)| ParticipantOut {
                user: p.into(),
                joined_at,
            })
            .collect(),
    ))
}
