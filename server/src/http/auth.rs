//! `/auth`: register, login, refresh-token (rotating, with reuse
//! detection), logout.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::{Invalid, TooLarge};
use super::ValidJson;
use crate::auth::{hash_password, random_token, token_hash, verify_password};
use crate::domain::{accounts, profile};
use crate::error::{Error, ErrorBody, Result};
use crate::kinds::Visibility;
use crate::store::UserRow;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
}

#[derive(Debug, Deserialize, ToSchema)]
struct RegisterRequest {
    /// Lowercased and trimmed; at most 254 characters.
    email: String,
    /// 8 to 128 characters.
    password: String,
    /// 3 to 30 of a–z, 0–9 and `_`; lowercased.
    username: String,
    /// 1 to 100 characters; the username when absent.
    display_name: Option<String>,
}

/// A user as the API shows it to themselves.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: String,
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub bio: String,
    /// IANA time zone; days, streaks and boards follow it.
    pub time_zone: String,
    /// `everyone`, `circles` (friends, groups, competitions) or `hidden`.
    pub leaderboard_visibility: String,
    /// Unix seconds.
    pub created_at: i64,
}

impl From<UserRow> for UserResponse {
    fn from(u: UserRow) -> Self {
        UserResponse {
            id: u.id,
            email: u.email,
            username: u.username,
            display_name: u.display_name,
            bio: u.bio,
            time_zone: u.time_zone,
            leaderboard_visibility: u.leaderboard_visibility.as_str().to_owned(),
            created_at: u.created_at,
        }
    }
}

/// Creates an account.
#[utoipa::path(
    post,
    path = "/auth/register",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The new account.", body = UserResponse),
        (status = 409, description = "`email_taken` or `username_taken`.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn register(
    State(state): State<AppState>,
    ValidJson(request): ValidJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>)> {
    let checked = profile::check_registration(profile::Registration {
        email: &request.email,
        password: &request.password,
        username: &request.username,
        display_name: request.display_name.as_deref(),
    })?;
    let user = UserRow {
        id: random_token(),
        email: checked.email,
        username: checked.username,
        display_name: checked.display_name,
        bio: String::new(),
        time_zone: "UTC".into(),
        leaderboard_visibility: Visibility::Circles,
        password_hash: hash_password(request.password).await?,
        created_at: state.clock.now(),
    };
    accounts::register(&state.store, &user).await?;
    tracing::info!(user = %user.id, "account created");
    Ok((StatusCode::CREATED, Json(user.into())))
}

#[derive(Debug, Deserialize, ToSchema)]
struct LoginRequest {
    email: String,
    password: String,
}

#[derive(Debug, Serialize, ToSchema)]
struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer ...`.
    access_token: String,
    /// Use once with `/auth/refresh-token`; each use gives a new one.
    refresh_token: String,
    /// Always `bearer`.
    token_type: &'static str,
    /// Seconds until the access token expires.
    expires_in: i64,
}

async fn issue(state: &AppState, user_id: &str, family_id: &str) -> Result<TokenResponse> {
    let refresh_token = random_token();
    let expires_at = state.clock.now() + state.tokens.refresh_seconds;
    let hash = token_hash(&refresh_token);
    accounts::keep_refresh(&state.store, &hash, (user_id, family_id), expires_at).await?;
    Ok(TokenResponse {
        access_token: state.tokens.access_token(user_id, state.clock.now())?,
        refresh_token,
        token_type: "bearer",
        expires_in: state.tokens.access_seconds,
    })
}

/// Signs in: an access token and a refresh token.
///
/// After 5 wrong passwords an account is locked for 15 minutes.
#[utoipa::path(
    post,
    path = "/auth/login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in.", body = TokenResponse),
        (status = 401, description = "`unauthorized`: the email or password is not right.", body = ErrorBody),
        (
            status = 429,
            description = "`too_many_attempts`: the account is locked after wrong passwords, or this \
                address sent too many requests; wait the `Retry-After` seconds.",
            body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait.")),
        ),
        Invalid,
        TooLarge,
    ),
)]
async fn login(
    State(state): State<AppState>,
    ValidJson(request): ValidJson<LoginRequest>,
) -> Result<Json<TokenResponse>> {
    let wrong = || Error::Unauthorized("The email or password is not right.".into());
    let email = request.email.trim().to_lowercase();
    state.logins.check(&email)?;
    let Some(user) = accounts::by_email(&state.store, &email).await? else {
        state.logins.failed(&email);
        return Err(wrong());
    };
    if !verify_password(request.password, user.password_hash.clone()).await? {
        state.logins.failed(&email);
        return Err(wrong());
    }
    state.logins.succeeded(&email);
    accounts::signed_in(&state.store, &user.id).await?;
    Ok(Json(issue(&state, &user.id, &random_token()).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
struct RefreshRequest {
    refresh_token: String,
}

/// Trades a refresh token for new tokens.
///
/// A refresh token works once. Using one twice ends every session of that
/// sign-in, since it must have been copied.
#[utoipa::path(
    post,
    path = "/auth/refresh-token",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens.", body = TokenResponse),
        (status = 401, description = "`unauthorized`: the refresh token is unknown, expired, revoked or reused.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn refresh(
    State(state): State<AppState>,
    ValidJson(request): ValidJson<RefreshRequest>,
) -> Result<Json<TokenResponse>> {
    let invalid = || Error::Unauthorized("The refresh token is invalid; sign in again.".into());
    let hash = token_hash(&request.refresh_token);
    let (user_id, family_id) = accounts::trade_refresh(&state.store, &hash, state.clock.now())
        .await?
        .ok_or_else(invalid)?;
    Ok(Json(issue(&state, &user_id, &family_id).await?))
}

/// Signs out: ends the refresh token's session.
///
/// An unknown token is not an error.
#[utoipa::path(
    post,
    path = "/auth/logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out."),
        Invalid,
        TooLarge,
    ),
)]
async fn logout(
    State(state): State<AppState>,
    ValidJson(request): ValidJson<RefreshRequest>,
) -> Result<StatusCode> {
    accounts::sign_out(&state.store, &token_hash(&request.refresh_token)).await?;
    Ok(StatusCode::NO_CONTENT)
}
