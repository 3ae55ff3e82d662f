//! `/users/me`: the signed-in user's own account: read and update the
//! profile, change the password, delete the account (through
//! `domain::accounts`); the export of everything is `export`'s.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::UserResponse;
use super::limit::PasswordTurn;
use super::openapi::{error_response, Invalid, TooLarge};
use super::ValidJson;
use crate::auth::{hash_password, verify_password, AuthUser};
use crate::domain::{accounts, profile, verification};
use crate::error::{Error, ErrorBody, Result};
use crate::lockout;
use crate::store::UserRow;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me, update_me, delete_me))
        .routes(routes!(change_password))
        .routes(routes!(resend_verification))
}

/// Mails a new email verification token (the old one stops working);
/// nothing to do once verified.
#[utoipa::path(
    post,
    path = "/users/me/verify-email",
    operation_id = "resend_verification",
    responses((status = 204, description = "Mailed, or verified already.")),
)]
async fn resend_verification(State(state): State<AppState>, user: AuthUser) -> Result<StatusCode> {
    let account = load(&state, &user).await?;
    if !account.email_verified {
        let to = (account.id.as_str(), account.email.as_str());
        verification::issue(&state.store, state.mailer.as_ref(), to, state.clock.now()).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn load(state: &AppState, user: &AuthUser) -> Result<UserRow> {
    Ok(accounts::account(&state.store, &user.id).await?)
}

/// Sensitive changes need the password again, not only a token. The check
/// counts like a login's: a turn of the address's limit (`PasswordTurn`,
/// taken by the handler) and a place in the account's failed-login
/// window, which it shares with logins (`lockout`).
async fn confirm_password(
    state: &AppState,
    user: &AuthUser,
    password: String,
    refusal: &str,
) -> Result<()> {
    let found = load(state, user).await?;
    let attempt = state
        .logins
        .attempt(lockout::key(&found.email, None), state.clock.now())
        .await
        .map_err(|retry_after| Error::TooManyRequests { retry_after })?;
    if verify_password(password, found.password_hash).await? {
        attempt.succeeded();
        Ok(())
    } else {
        attempt.failed();
        Err(Error::Unauthorized(refusal.to_owned()))
    }
}

/// The signed-in user's account.
#[utoipa::path(
    get,
    path = "/users/me",
    responses((status = 200, description = "The account.", body = UserResponse)),
)]
async fn me(State(state): State<AppState>, user: AuthUser) -> Result<Json<UserResponse>> {
    Ok(Json(load(&state, &user).await?.into()))
}

/// The fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ProfileUpdate {
    /// 1 to 100 characters.
    display_name: Option<String>,
    /// 3 to 30 of a–z, 0–9 and `_`.
    username: Option<String>,
    /// At most 500 characters.
    bio: Option<String>,
    /// An IANA name such as `Europe/London`.
    time_zone: Option<String>,
    /// `everyone`, `circles` or `hidden`.
    leaderboard_visibility: Option<String>,
}

error_response!(
    /// 401 for an operation that needs the password again.
    WrongPassword: 401,
    "`unauthorized`: no valid token, or the password given is not right."
);

error_response!(
    /// 429 for an operation that checks the password.
    PasswordLimited: 429,
    "`too_many_attempts`: the password was wrong 5 times in 15 minutes (here or at login: \
        the account's window is shared), or this address checked passwords too often (the \
        `/auth` routes' limit); wait the `Retry-After` seconds."
);

/// Changes the signed-in user's profile.
#[utoipa::path(
    patch,
    path = "/users/me",
    request_body = ProfileUpdate,
    responses(
        (status = 200, description = "The account as it is now.", body = UserResponse),
        (status = 409, description = "`username_taken`.", body = ErrorBody),
        Invalid,
        TooLarge,
    ),
)]
async fn update_me(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(update): ValidJson<ProfileUpdate>,
) -> Result<Json<UserResponse>> {
    let change = profile::check_update(profile::Update {
        display_name: update.display_name.as_deref(),
        username: update.username.as_deref(),
        bio: update.bio.as_deref(),
        time_zone: update.time_zone.as_deref(),
        leaderboard_visibility: update.leaderboard_visibility.as_deref(),
    })?;
    accounts::update_profile(&state.store, &user.id, &change).await?;
    Ok(Json(load(&state, &user).await?.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// Changes the password; every refresh token of the account ends.
#[utoipa::path(
    post,
    path = "/users/me/password",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed."),
        WrongPassword,
        PasswordLimited,
        Invalid,
        TooLarge,
    ),
)]
async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    _turn: PasswordTurn,
    ValidJson(change): ValidJson<PasswordChange>,
) -> Result<StatusCode> {
    confirm_password(
        &state,
        &user,
        change.current_password,
        "The current password is not right.",
    )
    .await?;
    profile::check_password(&change.new_password)?;
    let hash = hash_password(change.new_password).await?;
    accounts::set_password(&state.store, &user.id, &hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
struct DeleteAccount {
    password: String,
}

/// Deletes the account and everything the server holds about it.
#[utoipa::path(
    delete,
    path = "/users/me",
    request_body = DeleteAccount,
    responses(
        (status = 204, description = "Deleted."),
        WrongPassword,
        PasswordLimited,
        Invalid,
        TooLarge,
    ),
)]
async fn delete_me(
    State(state): State<AppState>,
    user: AuthUser,
    _turn: PasswordTurn,
    ValidJson(confirm): ValidJson<DeleteAccount>,
) -> Result<StatusCode> {
    confirm_password(
        &state,
        &user,
        confirm.password,
        "Confirm with your password to delete the account.",
    )
    .await?;
    accounts::delete(&state.store, &user.id).await?;
    tracing::info!(user = %user.id, "account deleted");
    Ok(StatusCode::NO_CONTENT)
}
