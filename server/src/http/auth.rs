//! `/auth`: register (which mails an email verification token), login,
//! refresh-token (rotating, with reuse detection), logout, verify-email.

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
use crate::domain::{accounts, profile, verification};
use crate::error::{Error, ErrorBody, Result};
use crate::kinds::Visibility;
use crate::lockout;
use crate::store::UserRow;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(verify_email))
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
    /// Whether the email address was verified (`POST /auth/verify-email`
    /// with the token mailed at registration).
    pub email_verified: bool,
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
            email_verified: u.email_verified,
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
        email_verified: false,
    };
    accounts::register(&state.store, &user).await?;
    tracing::info!(user = %user.id, "account created");
    let to = (user.id.as_str(), user.email.as_str());
    // The account exists now: a failure here costs only the mail, which
    // `POST /users/me/verify-email` sends again.
    if let Err(error) =
        verification::issue(&state.store, state.mailer.as_ref(), to, state.clock.now()).await
    {
        tracing::error!(%error, user = %user.id, "issuing the verification token failed");
    }
    Ok((StatusCode::CREATED, Json(user.into())))
}

#[derive(Debug, Deserialize, ToSchema)]
struct LoginRequest {
    email: String,
    password: String,
    /// The `device_token` of this device's last successful login to this
    /// account, if any: its wrong passwords are then counted on their own,
    /// so a stranger's guesses cannot lock this device out.
    device_token: Option<String>,
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
    /// From a login only: keep it and send it with this account's next
    /// login from this device (see `LoginRequest`). Valid for a year.
    #[serde(skip_serializing_if = "Option::is_none")]
    device_token: Option<String>,
}

async fn issue(state: &AppState, user_id: &str, family_id: &str) -> Result<TokenResponse> {
    let refresh_token = random_token();
    let expires_at = state.clock.now() + state.tokens.refresh_seconds;
    let hash = token_hash(&refresh_token);
    accounts::keep_refresh(&state.store, &hash, (user_id, family_id), expires_at).await?;
    let version = accounts::token_version(&state.store, user_id).await?;
    Ok(TokenResponse {
        access_token: state
            .tokens
            .access_token(user_id, version, state.clock.now())?,
        refresh_token,
        token_type: "bearer",
        expires_in: state.tokens.access_seconds,
        device_token: None,
    })
}

/// Signs in: an access token, a refresh token and a device token.
///
/// At most 5 wrong passwords per account in a 15-minute window, however
/// many are sent at once; the window starts at its first attempt and the
/// account then answers 429 (even to the right password) until it ends.
/// A device that sends the `device_token` of its last successful login to
/// the account has a window of its own, which only its own wrong
/// passwords fill, so a stranger cannot lock it out. An email longer than
/// 254 bytes is refused before anything else.
#[utoipa::path(
    post,
    path = "/auth/login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in.", body = TokenResponse),
        (status = 401, description = "`unauthorized`: the email or password is not right.", body = ErrorBody),
        (
            status = 429,
            description = "`too_many_attempts`: the account (or this device's window on it) is locked \
                after wrong passwords, or this address sent too many requests; wait the \
                `Retry-After` seconds.",
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
    if email.len() > profile::MAX_EMAIL_BYTES {
        return Err(Error::invalid(
            "invalid_email",
            "An email has at most 254 characters.",
        ));
    }
    let now = state.clock.now();
    let device = request
        .device_token
        .as_deref()
        .and_then(|token| state.tokens.device(token, &email, now));
    // The attempt's place in the window is taken before the password is
    // checked, so parallel guesses cannot all pass the count.
    let attempt = state
        .logins
        .attempt(lockout::key(&email, device.as_deref()), now)
        .await
        .map_err(|retry_after| Error::TooManyRequests { retry_after })?;
    let Some(user) = accounts::by_email(&state.store, &email).await? else {
        attempt.failed();
        return Err(wrong());
    };
    if !verify_password(request.password, user.password_hash.clone()).await? {
        attempt.failed();
        return Err(wrong());
    }
    attempt.succeeded();
    accounts::signed_in(&state.store, &user.id).await?;
    let mut tokens = issue(&state, &user.id, &random_token()).await?;
    tokens.device_token = Some(state.tokens.device_token(&email, now)?);
    Ok(Json(tokens))
}

#[derive(Debug, Deserialize, ToSchema)]
struct RefreshRequest {
    refresh_token: String,
}

/// Trades a refresh token for new tokens.
///
/// A refresh token works once. Using one twice ends every session of that
/// sign-in (and every access token of the user), since it must have been
/// copied: of two refreshes with one token at once, one gets new tokens
/// and the other a 401, and the new refresh token then fails too. But a
/// retry with the same token within 10 seconds of its answer (a client
/// that lost the answer) gets the same new tokens again, on whichever
/// node it reaches.
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
    let now = state.clock.now();
    let hash = token_hash(&request.refresh_token);
    let retried = state.refreshes.get(&request.refresh_token, now).await;
    if let Some((access_token, refresh_token)) = retried {
        return Ok(Json(TokenResponse {
            access_token,
            refresh_token,
            token_type: "bearer",
            expires_in: state.tokens.access_seconds,
            device_token: None,
        }));
    }
    let (user_id, family_id) = accounts::trade_refresh(&state.store, &hash, now)
        .await?
        .ok_or_else(invalid)?;
    let tokens = issue(&state, &user_id, &family_id).await?;
    let pair = (tokens.access_token.as_str(), tokens.refresh_token.as_str());
    state
        .refreshes
        .keep(&request.refresh_token, pair, now)
        .await;
    Ok(Json(tokens))
}

/// Signs out: ends the refresh token's session, and every access token of
/// the user (the user's other devices refresh theirs).
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct VerifyEmailRequest {
    /// The token mailed at registration (or by `POST /users/me/verify-email`).
    token: String,
}

/// Verifies the email address a token was mailed to; tokens last 48 hours.
/// Verifying again is no change.
#[utoipa::path(
    post,
    path = "/auth/verify-email",
    request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "Verified."),
        (status = 422, description = "`invalid_token` (not one the server issued) or `token_expired`.", body = ErrorBody),
        TooLarge,
    ),
)]
async fn verify_email(
    State(state): State<AppState>,
    ValidJson(request): ValidJson<VerifyEmailRequest>,
) -> Result<StatusCode> {
    verification::verify(&state.store, request.token.trim(), state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
