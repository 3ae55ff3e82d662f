//! `/users`: the signed-in user's own account.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use super::auth::UserResponse;
use crate::auth::AuthUser;
use crate::error::{Error, Result};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/users/me", get(me))
}

async fn me(State(state): State<AppState>, user: AuthUser) -> Result<Json<UserResponse>> {
    let found = state
        .store
        .user_by_id(&user.id)
        .await?
        .ok_or_else(|| Error::Unauthorized("This account no longer exists.".into()))?;
    Ok(Json(found.into()))
}
