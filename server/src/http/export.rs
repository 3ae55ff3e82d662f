//! `GET /users/me/export`: everything the server holds about the
//! signed-in user, as one JSON document (gathered by
//! `domain::accounts::export`). Each kind of data is shaped by its own
//! function here, under its own key.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::UserResponse;
use super::invitations::InvitationOut;
use crate::auth::AuthUser;
use crate::domain::accounts::{self, Export};
use crate::error::Result;
use crate::live::payload;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
}

/// Everything the server holds about the user, as one JSON document.
///
/// It grows with each kind of data the server learns to keep: `format`,
/// `version`, `exported_at`, `account`, `reading_sessions`, `sync_events`,
/// `following`, `followers`, `groups`, `feed_posts`, `feed_reactions`,
/// `notifications`, `notification_settings`, `feed_settings`,
/// `khatmah_portions` and `group_invitations`.
#[utoipa::path(
    get,
    path = "/users/me/export",
    responses((status = 200, description = "The export document.", body = Object)),
)]
async fn export(State(state): State<AppState>, user: AuthUser) -> Result<Json<Value>> {
    let export = accounts::export(&state.store, &user.id).await?;
    let account: UserResponse = export.account.clone().into();
    Ok(Json(json!({
        "format": "qurancompanion-export",
        "version": 1,
        "exported_at": state.clock.now(),
        "account": account,
        "reading_sessions": sessions(&export),
        "sync_events": events(&export),
        "following": export.following,
        "followers": export.followers,
        "groups": groups(&export),
        "feed_posts": posts(&export),
        "feed_reactions": reactions(&export),
        "notifications": notifications(&export),
        "notification_settings": notification_settings(&export),
        "feed_settings": { "milestones": export.feed_milestones.as_str() },
        "khatmah_portions": portions(&export),
        "group_invitations": invitations(&export),
    })))
}

fn sessions(export: &Export) -> Vec<Value> {
    export
        .sessions
        .iter()
        .map(|row| {
            let s = &row.session;
            json!({
                "id": row.id,
                "surah_number": s.surah_number,
                "start_ayah": s.start_ayah,
                "end_ayah": s.end_ayah,
                "start_time": s.start_time,
                "end_time": s.end_time,
                "duration_seconds": s.duration_seconds,
                "session_type": s.session_type.as_str(),
                "hasanat": s.hasanat,
            })
        })
        .collect()
}

fn events(export: &Export) -> Vec<Value> {
    export
        .events
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "type": e.kind.as_str(),
                "data": serde_json::from_str::<Value>(&e.data).unwrap_or_default(),
                "received_at": e.received_at,
            })
        })
        .collect()
}

fn groups(export: &Export) -> Vec<Value> {
    export
        .groups
        .iter()
        .map(|g| json!({ "id": g.id, "name": g.name }))
        .collect()
}

/// Their posts, as the feed shows them (with reaction counts).
fn posts(export: &Export) -> Vec<Value> {
    export
        .posts
        .iter()
        .map(|post| json!(payload::Post::from(post)))
        .collect()
}

fn reactions(export: &Export) -> Vec<Value> {
    export
        .reactions
        .iter()
        .map(|(post_id, reaction, at)| {
            json!({ "post_id": post_id, "reaction": reaction.as_str(), "created_at": at })
        })
        .collect()
}

/// Their inbox, as it lists them.
fn notifications(export: &Export) -> Vec<Value> {
    export
        .notifications
        .iter()
        .map(|n| json!(payload::Notification::from(n)))
        .collect()
}

/// `{kind: on}` for every kind.
fn notification_settings(export: &Export) -> Value {
    let settings: serde_json::Map<String, Value> = export
        .notification_settings
        .iter()
        .map(|(kind, on)| (kind.as_str().to_owned(), Value::Bool(*on)))
        .collect();
    Value::Object(settings)
}

fn portions(export: &Export) -> Vec<Value> {
    export
        .portions
        .iter()
        .map(|p| {
            json!({
                "khatmah_id": p.khatmah_id,
                "group_id": p.group_id,
                "division": p.division.as_str(),
                "number": p.number,
                "assigned_at": p.assigned_at,
                "done_at": p.done_at,
                "done_how": p.done_how.map(|h| h.as_str()),
            })
        })
        .collect()
}

/// The invitations they received, as `/users/me/invitations` shows them.
fn invitations(export: &Export) -> Vec<Value> {
    export
        .invitations
        .iter()
        .map(|i| json!(InvitationOut::from(i.clone())))
        .collect()
}
