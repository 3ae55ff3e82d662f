//! `/achievements` (rules in `domain::achievements`): the signed-in
//! user's achievements computed from their synced data with the app's
//! catalogue, someone else's if they share them, and the sharing setting.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ValidJson;
use crate::auth::AuthUser;
use crate::domain::achievements;
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(theirs))
        .routes(routes!(settings, set_settings))
}

/// One achievement of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
struct AchievementOut {
    /// Stable id (the app names it `achievement-{id}` in every language).
    id: &'static str,
    unlocked: bool,
    /// Where the user is toward `target`, capped at it.
    progress: u64,
    target: u64,
}

#[derive(Debug, Serialize, ToSchema)]
struct Achievements {
    /// In the catalogue's order.
    achievements: Vec<AchievementOut>,
}

fn out(standings: Vec<achievements::Standing>) -> Json<Achievements> {
    Json(Achievements {
        achievements: standings
            .into_iter()
            .map(|s| AchievementOut {
                id: s.id,
                unlocked: s.unlocked,
                progress: s.progress,
                target: s.target,
            })
            .collect(),
    })
}

/// The signed-in user's achievements, from their synced reading and focus
/// sessions.
#[utoipa::path(
    get,
    path = "/achievements",
    operation_id = "achievements",
    responses((status = 200, description = "Every achievement.", body = Achievements)),
)]
async fn mine(State(state): State<AppState>, user: AuthUser) -> Result<Json<Achievements>> {
    Ok(out(achievements::of(&state.store, &user.id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct UserId {
    /// The user's id.
    user_id: String,
}

/// Someone's achievements: only if they share them and you may see their
/// reading (their leaderboard visibility).
#[utoipa::path(
    get,
    path = "/achievements/user/{user_id}",
    operation_id = "user_achievements",
    params(UserId),
    responses(
        (status = 200, description = "Every achievement.", body = Achievements),
        (status = 403, description = "`achievements_private`.", body = ErrorBody),
        (status = 404, description = "`user_not_found`.", body = ErrorBody),
    ),
)]
async fn theirs(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<UserId>,
) -> Result<Json<Achievements>> {
    Ok(out(achievements::of_user(
        &state.store,
        &user.id,
        &path.user_id,
    )
    .await?))
}

/// Whether others may see your achievements.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Sharing {
    /// `false` by default; `true` shows them to whoever may see your
    /// reading.
    shared: bool,
}

/// The signed-in user's sharing of achievements.
#[utoipa::path(
    get,
    path = "/achievements/settings",
    operation_id = "achievement_settings",
    responses((status = 200, description = "The setting.", body = Sharing)),
)]
async fn settings(State(state): State<AppState>, user: AuthUser) -> Result<Json<Sharing>> {
    let shared = achievements::shared(&state.store, &user.id).await?;
    Ok(Json(Sharing { shared }))
}

/// Shares one's achievements, or stops.
#[utoipa::path(
    put,
    path = "/achievements/settings",
    operation_id = "set_achievement_settings",
    request_body = Sharing,
    responses(
        (status = 200, description = "The setting now.", body = Sharing),
        (status = 422, description = "`invalid_body`.", body = ErrorBody),
    ),
)]
async fn set_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<Sharing>,
) -> Result<Json<Sharing>> {
    let shared = achievements::set_shared(&state.store, &user.id, request.shared).await?;
    Ok(Json(Sharing { shared }))
}
