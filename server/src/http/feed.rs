//! `/feed` (rules in `domain::feed` and `domain::milestones`): the Daily
//! Deen feed of what the reader may see, reflections, reactions, and who
//! sees the milestone posts the server makes. New posts also arrive live
//! as `feed_post` events on `/api/v1/ws`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{error_response, Invalid};
use super::{Before, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::feed;
use crate::error::{ErrorBody, Result};
use crate::live::payload::Post;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .routes(routes!(one, delete))
        .routes(routes!(react, unreact))
        .routes(routes!(settings, set_settings))
}

error_response!(
    /// 404 for a post the caller may not see.
    PostNotFound: 404,
    "`post_not_found`: no post you can see has this id."
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
struct PostId {
    /// The post's id.
    post_id: i64,
}

/// A page of the feed.
#[derive(Debug, Serialize, ToSchema)]
struct FeedOut {
    /// Newest first.
    posts: Vec<Post>,
    /// Pass as `before` for the next (older) page; `null` on the last.
    next_before: Option<i64>,
}

/// The posts the signed-in user may see, newest first: their own, their
/// friends' shared with friends, and their private groups' members'
/// shared with groups; never anyone's either of you blocks.
#[utoipa::path(
    get,
    path = "/feed",
    operation_id = "feed",
    params(Before),
    responses((status = 200, description = "A page of the feed.", body = FeedOut), Invalid),
)]
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(page): ValidQuery<Before>,
) -> Result<Json<FeedOut>> {
    let posts = feed::feed(&state.store, &user.id, page.before, page.limit).await?;
    let next_before = page.next(20, posts.iter().map(|p| p.id));
    Ok(Json(FeedOut {
        posts: posts.iter().map(Post::from).collect(),
        next_before,
    }))
}

/// An ayah, by its surah and number.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AyahIn {
    surah: i64,
    ayah: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReflectionIn {
    /// 1 to 2,000 characters.
    body: String,
    /// `friends`, `groups` or `private`.
    visibility: String,
    /// The ayah it reflects on; the server adds its text.
    ayah: Option<AyahIn>,
}

/// Posts a reflection (tadabbur), maybe on an ayah, for friends, groups or
/// only oneself; delivered live to those who may see it (`feed_post`).
#[utoipa::path(
    post,
    path = "/feed/posts",
    operation_id = "create_post",
    request_body = ReflectionIn,
    responses(
        (status = 201, description = "Posted.", body = Post),
        (status = 422, description = "`invalid_post`, `invalid_visibility` or `unknown_ayah`.", body = ErrorBody),
    ),
)]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<ReflectionIn>,
) -> Result<(StatusCode, Json<Post>)> {
    let reflection = feed::Reflection {
        body: &request.body,
        visibility: &request.visibility,
        ayah: request.ayah.as_ref().map(|a| (a.surah, a.ayah)),
    };
    let (post, events) = feed::reflect(&state.store, &user.id, reflection).await?;
    state.live.publish(&events);
    Ok((StatusCode::CREATED, Json(Post::from(&post))))
}

/// One post the signed-in user may see.
#[utoipa::path(
    get,
    path = "/feed/posts/{post_id}",
    operation_id = "get_post",
    params(PostId),
    responses((status = 200, description = "The post.", body = Post), PostNotFound, Invalid),
)]
async fn one(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PostId>,
) -> Result<Json<Post>> {
    let post = feed::post(&state.store, &user.id, path.post_id).await?;
    Ok(Json(Post::from(&post)))
}

/// Deletes one of one's own posts, with its reactions.
#[utoipa::path(
    delete,
    path = "/feed/posts/{post_id}",
    operation_id = "delete_post",
    params(PostId),
    responses(
        (status = 204, description = "Deleted."),
        (status = 403, description = "`not_your_post`.", body = ErrorBody),
        PostNotFound,
        Invalid,
    ),
)]
async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PostId>,
) -> Result<StatusCode> {
    feed::delete(&state.store, &user.id, path.post_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReactIn {
    /// `subhanallah`, `ameen` or `mashaallah`; it replaces your earlier
    /// reaction.
    reaction: String,
}

/// Reacts to a post one may see; one reaction per person, changeable. The
/// author is notified (`post_reaction`), unless it is their own post.
#[utoipa::path(
    put,
    path = "/feed/posts/{post_id}/react",
    operation_id = "react_to_post",
    params(PostId),
    request_body = ReactIn,
    responses(
        (status = 200, description = "The post, with its counts and your reaction.", body = Post),
        PostNotFound,
        Invalid,
    ),
)]
async fn react(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PostId>,
    ValidJson(request): ValidJson<ReactIn>,
) -> Result<Json<Post>> {
    let reaction = Some(request.reaction.as_str());
    let (post, events) = feed::react(&state.store, &user.id, path.post_id, reaction).await?;
    state.live.publish(&events);
    Ok(Json(Post::from(&post)))
}

/// Removes one's reaction to a post.
#[utoipa::path(
    delete,
    path = "/feed/posts/{post_id}/react",
    operation_id = "unreact_to_post",
    params(PostId),
    responses(
        (status = 200, description = "The post, without your reaction.", body = Post),
        PostNotFound,
        Invalid,
    ),
)]
async fn unreact(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path): Path<PostId>,
) -> Result<Json<Post>> {
    let (post, _) = feed::react(&state.store, &user.id, path.post_id, None).await?;
    Ok(Json(Post::from(&post)))
}

/// Who sees the milestone posts the server makes from your synced reading
/// (khatm, streaks, competition results).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct FeedSettings {
    /// `friends`, `groups` or `private` (the default: only you).
    milestones: String,
}

/// The signed-in user's feed settings.
#[utoipa::path(
    get,
    path = "/feed/settings",
    operation_id = "feed_settings",
    responses((status = 200, description = "The settings.", body = FeedSettings)),
)]
async fn settings(State(state): State<AppState>, user: AuthUser) -> Result<Json<FeedSettings>> {
    let milestones = feed::milestone_visibility(&state.store, &user.id).await?;
    Ok(Json(FeedSettings {
        milestones: milestones.as_str().to_owned(),
    }))
}

/// Chooses who sees the milestone posts the server makes from now on.
#[utoipa::path(
    put,
    path = "/feed/settings",
    operation_id = "set_feed_settings",
    request_body = FeedSettings,
    responses(
        (status = 200, description = "The settings now.", body = FeedSettings),
        (status = 422, description = "`invalid_visibility`.", body = ErrorBody),
    ),
)]
async fn set_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<FeedSettings>,
) -> Result<Json<FeedSettings>> {
    let milestones =
        feed::set_milestone_visibility(&state.store, &user.id, &request.milestones).await?;
    Ok(Json(FeedSettings {
        milestones: milestones.as_str().to_owned(),
    }))
}
