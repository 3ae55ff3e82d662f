//! The HTTP API: `/health`, `/metrics` and `/api/v1/...`, one module per
//! resource, each with its own `router()`; handlers sit next to their
//! routes, and each route is registered from its handler's
//! `#[utoipa::path]` annotation, so the OpenAPI document at
//! `/api/v1/openapi.json` lists every route (see `openapi`).
//!
//! Handlers are thin: they extract the request, call `domain`, and shape
//! the answer; errors become statuses in `crate::error`. Never here: rules
//! about who may do what, or SQL.

mod achievements;
mod auth;
mod calendar;
mod chat;
mod competitions;
mod dhikr;
mod export;
mod feed;
mod focus;
mod goals;
mod groups;
mod health;
mod invitations;
mod khatmah;
mod leaderboard;
pub mod limit;
mod live;
pub mod metrics;
mod notifications;
mod openapi;
pub mod progress;
mod quran;
mod social;
mod socket;
mod sync;
mod typing;
mod users;

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::{Extension, Router};
use utoipa_axum::router::OpenApiRouter;

use crate::error::Error;
use crate::AppState;
use openapi::{section, Access};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole API, with its OpenAPI document served at
/// `/api/v1/openapi.json`.
pub fn router(state: AppState) -> Router {
    let (router, document) = documented_routes(&state).split_for_parts();
    router
        // `layer`, not `route_layer`: requests no route matches are
        // counted too (under one label).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::middleware::from_fn(refuse_nul))
        .layer(Extension(Arc::new(document)))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // A request (its body read included) that takes too long is a 408:
        // a slow body cannot hold a connection forever.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            state.timeouts.request,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Every route, each with its documentation.
fn documented_routes(state: &AppState) -> OpenApiRouter<AppState> {
    // The rate limit covers every auth route, and so does its 429.
    let auth =
        openapi::answering::<openapi::RateLimited>(section("auth", Access::Public, auth::router()))
            .route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                limit::auth_routes,
            ));
    let api = OpenApiRouter::new()
        .merge(auth)
        .merge(section("users", Access::Bearer, users::router()))
        .merge(section("users", Access::Bearer, export::router()))
        .merge(section("quran", Access::Public, quran::router()))
        .merge(section("progress", Access::Bearer, sync::router()))
        .merge(section("progress", Access::Bearer, progress::router()))
        .merge(section("social", Access::Bearer, social::router()))
        .merge(section("social", Access::Bearer, chat::block_router()))
        .merge(section("chat", Access::Bearer, chat::router()))
        .merge(section("chat", Access::Bearer, typing::router()))
        .merge(section("feed", Access::Bearer, feed::router()))
        .merge(section(
            "notifications",
            Access::Bearer,
            notifications::router(),
        ))
        .merge(section("groups", Access::Bearer, groups::router()))
        .merge(section("groups", Access::Bearer, invitations::router()))
        .merge(section("khatmah", Access::Bearer, khatmah::router()))
        .merge(section("goals", Access::Bearer, goals::router()))
        .merge(section("focus", Access::Bearer, focus::router()))
        .merge(section("dhikr", Access::Bearer, dhikr::router()))
        .merge(section(
            "achievements",
            Access::Bearer,
            achievements::router(),
        ))
        .merge(section("calendar", Access::Public, calendar::router()))
        .merge(section(
            "competitions",
            Access::Bearer,
            competitions::router(),
        ))
        .merge(section(
            "leaderboard",
            Access::Bearer,
            leaderboard::router(),
        ))
        // The token may come in the socket's first message: the route
        // documents both ways itself.
        .merge(section("live", Access::Public, live::router()))
        .merge(section("operations", Access::Public, openapi::router()));
    openapi::root()
        .merge(section("operations", Access::Public, health::router()))
        .merge(section("operations", Access::Public, metrics::router()))
        .nest("/api/v1", api)
}

/// Refuses a request whose path or query holds an encoded NUL (`%00`)
/// with 422 `forbidden_characters`, before any route sees it: no id,
/// username or search term holds one, and PostgreSQL cannot compare text
/// with one.
async fn refuse_nul(request: Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    let uri = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or_default();
    let nul = uri
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0');
    if nul {
        return Error::invalid(
            "forbidden_characters",
            "A path or query may not hold a NUL character (%00).",
        )
        .into_response();
    }
    next.run(request).await
}

/// `Json<T>` whose rejections are JSON errors with a stable code.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T, S> FromRequest<S> for ValidJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ValidJson(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(Error::TooLarge {
                    max: MAX_BODY_BYTES,
                })
            }
            Err(rejection) => Err(Error::invalid("invalid_body", rejection.body_text())),
        }
    }
}

/// `Query<T>` whose rejections are JSON errors with a stable code.
#[derive(Debug)]
pub struct ValidQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ValidQuery<T>
where
    axum::extract::Query<T>: FromRequestParts<S, Rejection = QueryRejection>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ValidQuery(value)),
            Err(rejection) => Err(Error::invalid("invalid_query", rejection.body_text())),
        }
    }
}

/// Paging for lists.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// How many at most: 1 to 100; 100 by default.
    pub limit: Option<i64>,
    /// How many to skip: 0 or more; 0 by default.
    pub offset: Option<i64>,
}

impl Paging {
    /// The page of `items` asked for (at most 100, and 100 by default).
    pub fn slice<'a, T>(&self, items: &'a [T]) -> crate::error::Result<&'a [T]> {
        let limit = crate::domain::limit(self.limit, 100)?;
        let offset = crate::domain::offset(self.offset)?;
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(items.len());
        let end = start
            .saturating_add(usize::try_from(limit).unwrap_or(0))
            .min(items.len());
        Ok(&items[start..end])
    }
}

/// Paging for lists newest first by a rising id (the feed, the inbox).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Before {
    /// Only items with ids below this (`next_before` of the page before).
    pub before: Option<i64>,
    /// How many at most: 1 to 100 (by default 20 in the feed, 50 in the
    /// inbox).
    pub limit: Option<i64>,
}

impl Before {
    /// The `before` of the next page after one whose ids are `ids`
    /// (`limit` by default): `None` when the page was not full, so the
    /// last one.
    pub fn next(&self, default: i64, ids: impl ExactSizeIterator<Item = i64>) -> Option<i64> {
        let full = ids.len() as i64 == self.limit.unwrap_or(default);
        ids.last().filter(|_| full)
    }
}

/// The body of a join request: `{"invite_code": ...}`, or nothing at all
/// for a place that needs no code.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    /// The invite code; needed for a private group or competition.
    pub invite_code: Option<String>,
}

impl JoinRequest {
    /// From a body that may be empty or `null`.
    pub fn from_optional_body(body: &[u8]) -> crate::error::Result<JoinRequest> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(JoinRequest::default());
        }
        serde_json::from_slice::<Option<JoinRequest>>(body)
            .map(Option::unwrap_or_default)
            .map_err(|e| Error::invalid("invalid_body", e.to_string()))
    }

    /// The code sent, trimmed (empty if none).
    pub fn code(&self) -> &str {
        self.invite_code
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
    }
}
