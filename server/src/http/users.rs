//! `/users`: the signed-in user's own account: read and update the
//! profile, change the password, delete the account.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::auth::{check_display_name, check_password, check_username, UserResponse};
use super::ValidJson;
use crate::auth::{hash_password, verify_password, AuthUser};
use crate::error::{Error, Result};
use crate::store::{ProfileChange, UserRow};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users/me", get(me).patch(update_me).delete(delete_me))
        .route("/users/me/password", post(change_password))
        .route("/users/me/export", get(export))
}

async fn load(state: &AppState, user: &AuthUser) -> Result<UserRow> {
    state
        .store
        .user_by_id(&user.id)
        .await?
        .ok_or_else(|| Error::Unauthorized("This account no longer exists.".into()))
}

/// Sensitive changes need the password again, not only a token.
async fn confirm_password(
    state: &AppState,
    user: &AuthUser,
    password: String,
    refusal: &str,
) -> Result<()> {
    let found = load(state, user).await?;
    if verify_password(password, found.password_hash).await? {
        Ok(())
    } else {
        Err(Error::Unauthorized(refusal.to_owned()))
    }
}

async fn me(State(state): State<AppState>, user: AuthUser) -> Result<Json<UserResponse>> {
    Ok(Json(load(&state, &user).await?.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileUpdate {
    display_name: Option<String>,
    username: Option<String>,
    bio: Option<String>,
    time_zone: Option<String>,
    leaderboard_visible: Option<bool>,
}

/// Longest bio, in characters.
const MAX_BIO_CHARS: usize = 500;

/// An IANA-looking zone name (`Europe/London`, `UTC`); the app sends the
/// device's own.
fn check_time_zone(zone: &str) -> Result<String> {
    let zone = zone.trim();
    let ok = (1..=64).contains(&zone.len())
        && zone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
    if ok {
        Ok(zone.to_owned())
    } else {
        Err(Error::invalid(
            "invalid_time_zone",
            "A time zone is an IANA name such as Europe/London.",
        ))
    }
}

async fn update_me(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(update): ValidJson<ProfileUpdate>,
) -> Result<Json<UserResponse>> {
    let bio = match update.bio {
        Some(bio) if bio.chars().count() > MAX_BIO_CHARS => {
            return Err(Error::invalid(
                "invalid_bio",
                format!("A bio has at most {MAX_BIO_CHARS} characters."),
            ))
        }
        other => other.map(|b| b.trim().to_owned()),
    };
    let change = ProfileChange {
        display_name: update
            .display_name
            .as_deref()
            .map(check_display_name)
            .transpose()?,
        username: update.username.as_deref().map(check_username).transpose()?,
        bio,
        time_zone: update
            .time_zone
            .as_deref()
            .map(check_time_zone)
            .transpose()?,
        leaderboard_visible: update.leaderboard_visible,
    };
    state.store.update_profile(&user.id, &change).await?;
    Ok(Json(load(&state, &user).await?.into()))
}

#[derive(Debug, Deserialize)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(change): ValidJson<PasswordChange>,
) -> Result<StatusCode> {
    confirm_password(
        &state,
        &user,
        change.current_password,
        "The current password is not right.",
    )
    .await?;
    check_password(&change.new_password)?;
    let hash = hash_password(change.new_password).await?;
    // Every other session ends: whoever knew the old password is out.
    state.store.set_password(&user.id, &hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
struct DeleteAccount {
    password: String,
}

async fn delete_me(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(confirm): ValidJson<DeleteAccount>,
) -> Result<StatusCode> {
    confirm_password(
        &state,
        &user,
        confirm.password,
        "Confirm with your password to delete the account.",
    )
    .await?;
    state.store.delete_user(&user.id).await?;
    tracing::info!(user = %user.id, "account deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// Everything the server holds about the user, as one JSON document. It
/// grows with each kind of data the server learns to keep.
async fn export(State(state): State<AppState>, user: AuthUser) -> Result<Json<serde_json::Value>> {
    let account: UserResponse = load(&state, &user).await?.into();
    Ok(Json(serde_json::json!({
        "format": "qurancompanion-export",
        "version": 1,
        "exported_at": crate::store::now(),
        "account": account,
    })))
}
