//! Follows and other people's profiles. Friends are mutual follows. What
//! others see of someone's reading follows their leaderboard visibility:
//! `everyone`, `circles` (friends and people in a shared group) or `hidden`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::progress::{stats_of, Stats};
use super::ValidQuery;
use crate::auth::AuthUser;
use crate::error::{Error, Result};
use crate::store::{Person, UserRow};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(find))
        .route("/users/me/followers", get(followers))
        .route("/users/me/following", get(following))
        .route("/users/me/friends", get(friends))
        .route("/users/{user_id}", get(profile))
        .route("/users/{user_id}/stats", get(stats))
        .route("/users/{user_id}/follow", post(follow).delete(unfollow))
}

/// Someone as others see them.
#[derive(Debug, Serialize)]
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

pub(crate) async fn user_or_404(state: &AppState, id: &str) -> Result<UserRow> {
    state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "user_not_found",
            message: "No user has this id.".into(),
        })
}

#[derive(Debug, Deserialize)]
struct FindQuery {
    username: String,
}

/// `GET /users?username=`: find someone to follow by their exact username.
async fn find(
    State(state): State<AppState>,
    _user: AuthUser,
    ValidQuery(query): ValidQuery<FindQuery>,
) -> Result<Json<PersonOut>> {
    let found = state
        .store
        .user_by_username(&query.username.trim().to_lowercase())
        .await?
        .ok_or_else(|| Error::NotFound {
            code: "user_not_found",
            message: "No user has this username.".into(),
        })?;
    Ok(Json(PersonOut {
        id: found.id,
        username: found.username,
        display_name: found.display_name,
    }))
}

#[derive(Debug, Serialize)]
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

/// Whether `viewer` may see `target`'s reading.
async fn may_see_stats(state: &AppState, viewer: &str, target: &UserRow) -> Result<bool> {
    if viewer == target.id {
        return Ok(true);
    }
    Ok(match target.leaderboard_visibility.as_str() {
        "everyone" => true,
        "circles" => {
            state.store.are_friends(viewer, &target.id).await?
                || state.store.share_a_group(viewer, &target.id).await?
        }
        _ => false,
    })
}

async fn profile(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<Profile>> {
    let target = user_or_404(&state, &id).await?;
    let following = state.store.follow_list(&user.id, "following").await?;
    let followers = state.store.follow_list(&user.id, "followers").await?;
    let you_follow = following.iter().any(|p| p.id == target.id);
    let follows_you = followers.iter().any(|p| p.id == target.id);
    Ok(Json(Profile {
        stats_visible: may_see_stats(&state, &user.id, &target).await?,
        id: target.id,
        username: target.username,
        display_name: target.display_name,
        bio: target.bio,
        you_follow,
        follows_you,
        friends: you_follow && follows_you,
    }))
}

async fn stats(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<Stats>> {
    let target = user_or_404(&state, &id).await?;
    if !may_see_stats(&state, &user.id, &target).await? {
        return Err(Error::Forbidden {
            code: "stats_private",
            message: "This user keeps their reading private.".into(),
        });
    }
    Ok(Json(stats_of(&state, &target.id).await?))
}

async fn follow(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    if id == user.id {
        return Err(Error::invalid(
            "cannot_follow_self",
            "You cannot follow yourself.",
        ));
    }
    user_or_404(&state, &id).await?;
    state.store.follow(&user.id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn unfollow(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    state.store.unfollow(&user.id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list(state: &AppState, user: &AuthUser, which: &str) -> Result<Json<Vec<PersonOut>>> {
    let people = state.store.follow_list(&user.id, which).await?;
    Ok(Json(people.into_iter().map(PersonOut::from).collect()))
}

async fn followers(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, "followers").await
}

async fn following(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, "following").await
}

async fn friends(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<PersonOut>>> {
    list(&state, &user, "friends").await
}
