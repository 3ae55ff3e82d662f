//! `/goals` (rules in `domain::goals`): the signed-in user's reading
//! goals. Each change is also a `goal_set` / `goal_removed` sync event,
//! so the user's devices pull it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::error_response;
use super::ValidJson;
use crate::auth::AuthUser;
use crate::domain::{days, goals};
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update, remove))
}

error_response!(
    /// 404 for a goal that is not the caller's.
    GoalNotFound: 404,
    "`goal_not_found`: you have no goal with this id."
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct GoalId {
    /// The goal's id.
    goal_id: String,
}

/// A goal, to set.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct GoalIn {
    /// `daily`, `weekly` or `monthly`.
    period: String,
    /// `pages`, `ayahs`, `minutes` or `hasanat`.
    measure: String,
    /// 1 to 10,000,000.
    target: i64,
}

/// A standing goal.
#[derive(Debug, Serialize, ToSchema)]
struct GoalOut {
    id: String,
    period: &'static str,
    measure: &'static str,
    target: u32,
    /// RFC 3339: when it was last set.
    set_at: String,
}

impl From<&goals::GoalRow> for GoalOut {
    fn from(g: &goals::GoalRow) -> GoalOut {
        GoalOut {
            id: g.id.clone(),
            period: g.goal.period.as_str(),
            measure: g.goal.measure.as_str(),
            target: g.goal.target,
            set_at: days::rfc3339(g.set_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
struct GoalList {
    /// Oldest first.
    goals: Vec<GoalOut>,
}

/// The signed-in user's standing goals (set here or on any device).
#[utoipa::path(
    get,
    path = "/goals",
    operation_id = "goals",
    responses((status = 200, description = "The goals.", body = GoalList)),
)]
async fn list(State(state): State<AppState>, user: AuthUser) -> Result<Json<GoalList>> {
    let goals = goals::list(&state.store, &user.id).await?;
    Ok(Json(GoalList {
        goals: goals.iter().map(GoalOut::from).collect(),
    }))
}

const INVALID_GOAL: &str = "`invalid_period`, `invalid_measure` or `invalid_target`.";

/// Sets a new goal.
#[utoipa::path(
    post,
    path = "/goals",
    operation_id = "create_goal",
    request_body = GoalIn,
    responses(
        (status = 201, description = "Set.", body = GoalOut),
        (status = 422, description = INVALID_GOAL, body = ErrorBody),
    ),
)]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<GoalIn>,
) -> Result<(StatusCode, Json<GoalOut>)> {
    let goal = goals::check(&request.period, &request.measure, request.target)?;
    let row = goals::set(&state.store, &user.id, None, goal, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(GoalOut::from(&row))))
}

/// Changes one of one's goals.
#[utoipa::path(
    put,
    path = "/goals/{goal_id}",
    operation_id = "update_goal",
    params(GoalId),
    request_body = GoalIn,
    responses(
        (status = 200, description = "Changed.", body = GoalOut),
        (status = 422, description = INVALID_GOAL, body = ErrorBody),
        GoalNotFound,
    ),
)]
async fn update(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<GoalId>,
    ValidJson(request): ValidJson<GoalIn>,
) -> Result<Json<GoalOut>> {
    let goal = goals::check(&request.period, &request.measure, request.target)?;
    let id = Some(path.goal_id.as_str());
    let row = goals::set(&state.store, &user.id, id, goal, state.clock.now()).await?;
    Ok(Json(GoalOut::from(&row)))
}

/// Removes one of one's goals.
#[utoipa::path(
    delete,
    path = "/goals/{goal_id}",
    operation_id = "delete_goal",
    params(GoalId),
    responses((status = 204, description = "Removed."), GoalNotFound),
)]
async fn remove(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<GoalId>,
) -> Result<StatusCode> {
    goals::remove(&state.store, &user.id, &path.goal_id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
