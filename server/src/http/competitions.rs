//! `/competitions`: public, private (joined with a code) or inside a group.
//! A competition counts one metric over `[start_date, end_date)`; its status
//! follows from the clock, and its board ranks participants by the reading
//! they recorded inside that window only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::leaderboard::{board, parse_metric, Board, BoardQuery};
use super::social::PersonOut;
use super::{check_text, JoinRequest, Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::error::{Error, Result};
use crate::store::{invite_code, now, CompetitionRow, Metric, Scope};
use crate::AppState;

/// The longest competition: a year and a day.
const MAX_SECONDS: i64 = 366 * 86_400;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/competitions", get(list).post(create))
        .route("/competitions/join", post(join_by_code))
        .route("/competitions/{competition_id}", get(one))
        .route("/competitions/{competition_id}/join", post(join))
        .route("/competitions/{competition_id}/leave", post(leave))
        .route(
            "/competitions/{competition_id}/leaderboard",
            get(leaderboard),
        )
        .route(
            "/competitions/{competition_id}/participants",
            get(participants),
        )
}

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

#[derive(Debug, Serialize)]
struct CompetitionOut {
    id: String,
    name: String,
    description: String,
    competition_type: String,
    group_id: Option<String>,
    metric_type: String,
    start_date: String,
    end_date: String,
    status: &'static str,
    participant_count: i64,
    joined: bool,
    /// A private competition's code, shown to its creator.
    invite_code: Option<String>,
}

fn rfc3339(second: i64) -> String {
    jiff::Timestamp::from_second(second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn competition_out(c: CompetitionRow, viewer: &str, joined: bool) -> CompetitionOut {
    let creator = c.creator_id.as_deref() == Some(viewer);
    CompetitionOut {
        status: status(&c, now()),
        start_date: rfc3339(c.start_time),
        end_date: rfc3339(c.end_time),
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewCompetition {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "public")]
    competition_type: String,
    group_id: Option<String>,
    #[serde(default = "hasanat")]
    metric_type: String,
    start_date: String,
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
    let now = now();
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
        Json(competition_out(row, &user.id, true)),
    ))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    status: Option<String>,
    limit: Option<i64>,
}

/// Competitions the viewer can see, optionally of one status.
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
    let now = now();
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
        out.push(competition_out(c, &user.id, joined));
        if out.len() as i64 >= limit {
            break;
        }
    }
    Ok(Json(out))
}

async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<CompetitionOut>> {
    let (c, joined) = readable(&state, &id, &user.id).await?;
    Ok(Json(competition_out(c, &user.id, joined)))
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
    if status(&c, now()) == "completed" {
        return Err(over());
    }
    state.store.join_competition(&c.id, &user.id).await?;
    let (c, joined) = readable(state, &c.id, &user.id).await?;
    Ok(Json(competition_out(c, &user.id, joined)))
}

async fn join(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
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

async fn leave(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let (c, joined) = readable(&state, &id, &user.id).await?;
    if !joined {
        return Err(Error::NotFound {
            code: "not_a_participant",
            message: "You are not taking part in this competition.".into(),
        });
    }
    if status(&c, now()) == "completed" {
        return Err(over());
    }
    state.store.leave_competition(&id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn leaderboard(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
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

#[derive(Debug, Serialize)]
struct ParticipantOut {
    #[serde(flatten)]
    user: PersonOut,
    joined_at: i64,
}

async fn participants(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
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
