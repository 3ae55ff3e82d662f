//! Follows and other people's profiles (rules in `domain::people`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{error_response, Invalid};
use super::progress::{stats_of, Stats};
use super::ValidQuery;
use crate::auth::AuthUser;
use crate::domain::people;
use crate::error::{ErrorBody, Result};
use crate::store::{Follows, Person};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(find))
        .routes(routes!(followers))
        .routes(routes!(following))
        .routes(routes!(friends))
        .routes(routes!(profile))
        .routes(routes!(stats))
        .routes(routes!(follow, unfollow))
}

/// The user named in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct UserId {
    /// The user's id.
    user_id: String,
}

error_response!(
    /// 404 for a user id that no one has.
    UserNotFound: 404,
    "`user_not_found`: no user has this id."
);

/// Someone as others see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonOut {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        PersonOut {
            id: p.id,
            username: p.username,
            display_name: p.display_name,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FindQuery {
    /// The exact username (any case).
    username: String,
}

/// Finds someone to follow by their exact username.
#[utoipa::path(
    get,
    path = "/users",
    params(FindQuery),
    responses(
        (status = 200, description = "The user.", body = PersonOut),
        (status = 404, description = "`user_not_found`: no user has this username.", body = ErrorBody),
        Invalid,
    ),
)]
async fn find(
    State(state): State<AppState>,
    _user: AuthUser,
    ValidQuery(query): ValidQuery<FindQuery>,
) -> Result<Json<PersonOut>> {
    let found = people::by_username(&state.store, &query.username).await?;
    Ok(Json(PersonOut {
        id: found.id,
        username: found.username,
        display_name: found.display_name,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
struct Profile {
    id: String,
    username: String,
    display_name: String,
    bio: String,
    you_follow: bool,
    follows_you: bool,
    friends: bool,
    /// Whether their stats are visible to you.
    stats_visible: bool,
}

/// Someone's profile, and how they and the viewer follow each other.
#[utoipa::path(
    get,
    path = "/users/{user_id}",
    params(UserId),
    responses((status = 200, description = "The profile.", body = Profile), UserNotFound),
)]
async fn profile(
    State(state): State<AppState>,
    user: AuthUser,
    Path(UserId { user_id: id }): Path<UserId>,
) -> Result<Json<Profile>> {
    let target = people::user(&state.store, &id).await?;
    let relation = people::relation(&state.store, &user.id, &target.id).await?;
    Ok(Json(Profile {
        stats_visible: people::stats_visible(&state.store, &user.id, &target).await?,
        id: target.id,
        username: target.username,
        display_name: target.display_name,
        bio: target.bio,
        you_follow: relation.you_follow,
        follows_you: relation.follows_you,
        friends: relation.friends(),
    }))
}

/// Someone's reading stats, if their leaderboard visibility lets the
/// viewer see them.
#[utoipa::path(
    get,
    path = "/users/{user_id}/stats",
    operation_id = "user_stats",
    params(UserId),
    responses(
        (status = 200, description = "Their stats.", body = Stats),
        (status = 403, description = "`stats_private`: they keep their reading private.", body = ErrorBody),
        UserNotFound,
    ),
)]
async fn stats(
    State(state): State<AppState>,
    user: AuthUser,
    Path(UserId { user_id: id }): Path<UserId>,
) -> Result<Json<Stats>> {
    let target = people::with_visible_stats(&state.store, &user.id, &id).await?;
    Ok(Json(stats_of(&state, target).await?))
}

/// Follows someone; following them again changes nothing.
#[utoipa::path(
    post,
    path = "/users/{user_id}/follow",
    params(UserId),
    responses(
        (status = 204, description = "Following."),
        (status = 422, description = "`cannot_follow_self`.", body = ErrorBody),
        UserNotFound,
    ),
)]
async fn follow(
    State(state): State<AppState>,
    user: AuthUser,
    Path(UserId { user_id: id }): Path<UserId>,
) -> Result<StatusCode> {
    let events = people::follow(&state.store, &user.id, &id).await?;
    state.live.publish(&events);
    Ok(StatusCode::NO_CONTENT)
}

/// Stops following someone; not following them is not an error.
#[utoipa::path(
    delete,
    path = "/users/{user_id}/follow",
    params(UserId),
    responses((status = 204, description = "Not following.")),
)]
async fn unfollow(
    State(state): State<AppState>,
    user: AuthUser,
    Path(UserId { user_id: id }): Path<UserId>,
) -> Result<StatusCode> {
    people::unfollow(&state.store, &user.id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list(state: &AppState, user: &AuthUser, which: Follows) -> Result<Json<Vec<PersonOut>>> {
    let people = people::list(&state.store, &user.id, which).await?;
    Ok(Json(people.into_iter().map(PersonOut::from).collect()))
}

/// The people who follow the signed-in user.
#[utoipa::path(
    get,
    path = "/users/me/followers",
    responses((status = 200, description = "Followers.", body = [PersonOut])),
)]
async fn followers(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, Follows::Followers).await
}

/// The people the signed-in user follows.
#[utoipa::path(
    get,
    path = "/users/me/following",
    responses((status = 200, description = "Followed people.", body = [PersonOut])),
)]
async fn following(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, Follows::Following).await
}

/// The signed-in user's friends: people who follow each other.
#[utoipa::path(
    get,
    path = "/users/me/friends",
    responses((status = 200, description = "Friends.", body = [PersonOut])),
)]
async fn friends(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, Follows::Friends).await
}
