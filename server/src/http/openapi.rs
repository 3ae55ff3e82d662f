//! The OpenAPI 3 document of the whole server, served at
//! `GET /api/v1/openapi.json`.
//!
//! It is generated from the code: every router is a `utoipa_axum`
//! `OpenApiRouter` fed by `routes!(handler, ...)`, so registering a route
//! *is* documenting it, and a path string lives only in its handler's
//! `#[utoipa::path]` annotation. (clippy.toml forbids the undocumented
//! `Router::route`.) What a whole module shares, its tag and whether it
//! needs a bearer token, is applied here by [`section`], next to the
//! module's `merge` in `http::router`. Nothing here may list a route by
//! hand.

use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{IntoResponses, Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ErrorBody;
use crate::AppState;

/// The name of the bearer-JWT security scheme.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Qur'an Companion sync API",
        version = env!("CARGO_PKG_VERSION"),
        description = "Accounts, sync of reading between devices, server-computed Hasanat, \
            follows, halaqah groups, competitions and leaderboards.\n\n\
            Sign in with `POST /api/v1/auth/login` and send the access token as \
            `Authorization: Bearer <token>`; refresh it with `POST /api/v1/auth/refresh-token`.\n\n\
            Every error is JSON `{\"code\", \"message\"}`: switch on `code`, which is stable; \
            `message` is for people. Any operation may also answer 500 with code `internal`. \
            Bodies are limited to 64 KiB (1 MiB for `/api/v1/sync/push`).",
        license(name = "MIT", identifier = "MIT"),
    ),
    tags(
        (name = "auth", description = "Register, sign in, rotate refresh tokens, sign out. Rate-limited per client address."),
        (name = "users", description = "The signed-in user's own account: profile, password, deletion, export."),
        (name = "quran", description = "The bundled Qur'an text and its divisions, read-only, no sign-in."),
        (name = "progress", description = "Sync of events between devices, reading sessions, stats, streaks and Hasanat."),
        (name = "social", description = "Finding people, follows, friends, profiles and their stats."),
        (name = "groups", description = "Halaqah groups: public or private (by invite code or invitation), members, admins, activity."),
        (name = "competitions", description = "Competitions over one metric in a time window, public, private or in a group."),
        (name = "leaderboard", description = "Global, friends and group boards for today, the week or all time."),
        (name = "chat", description = "Direct and group conversations: messages, read markers, reactions, moderation."),
        (name = "khatmah", description = "Group khatmah: a group reads the whole Qur'an together, portion by portion."),
        (name = "goals", description = "Reading goals per day, week or month; synced as events with the app's."),
        (name = "focus", description = "Focus Mode preferences, finished sessions and their statistics."),
        (name = "dhikr", description = "The recommended adhkar with their hadith, and rounds of dhikr."),
        (name = "achievements", description = "Achievements computed from synced reading with the app's catalogue; private unless shared."),
        (name = "calendar", description = "Prayer times and Hijri dates, computed as the app computes them; no sign-in."),
        (name = "feed", description = "The Daily Deen feed: reflections on ayahs, milestone posts, reactions."),
        (name = "notifications", description = "The notification inbox, read marks and per-kind settings."),
        (name = "live", description = "The live WebSocket: each user's events, numbered, missed ones first."),
        (name = "operations", description = "Health, metrics and this document."),
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerScheme),
)]
struct ApiDoc;

/// Adds the bearer-JWT security scheme that authenticated operations name.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some(
                "The `access_token` of `POST /api/v1/auth/login` or `/auth/refresh-token`.",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(BEARER, SecurityScheme::Http(scheme));
    }
}

/// An empty router whose document carries the info, the tags and the
/// shared components; the modules merge into it.
pub fn root() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
}

/// `/openapi.json`, nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// The OpenAPI 3 document of this server.
///
/// Generated from the handlers themselves, so it lists every route.
#[utoipa::path(
    get,
    path = "/openapi.json",
    responses((status = 200, description = "This document.", body = Object)),
)]
async fn document(Extension(document): Extension<Arc<Document>>) -> Response {
    Json(document.as_ref()).into_response()
}

/// Who may call the operations of a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without a token.
    Public,
    /// Only with a valid bearer access token: the handlers take `AuthUser`.
    Bearer,
}

/// Tags every operation of a module's `router` with `tag` and, for
/// [`Access::Bearer`], marks it as needing the bearer token and answering
/// 401 without one (unless the handler documents its own 401).
pub fn section(
    tag: &str,
    access: Access,
    mut router: OpenApiRouter<AppState>,
) -> OpenApiRouter<AppState> {
    for item in router.get_openapi_mut().paths.paths.values_mut() {
        unique_operation_ids(item);
    }
    for operation in operations(router.get_openapi_mut()) {
        operation.tags = Some(vec![tag.to_owned()]);
        if access == Access::Bearer {
            operation.security = Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
            add_responses::<Unauthenticated>(operation);
            add_responses::<UserLimited>(operation);
        }
    }
    router
}

/// Documents `R`'s answers on every operation of `router`: for what a
/// layer over the whole router can answer (the auth routes' rate limit).
pub fn answering<R: IntoResponses>(mut router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    for operation in operations(router.get_openapi_mut()) {
        add_responses::<R>(operation);
    }
    router
}

/// Adds `R`'s responses where the operation has none for that status.
fn add_responses<R: IntoResponses>(operation: &mut Operation) {
    for (status, response) in R::responses() {
        operation
            .responses
            .responses
            .entry(status)
            .or_insert(response);
    }
}

/// A handler that serves several methods (`method(put, patch)`) gives each
/// the handler's name as operation id; OpenAPI wants ids unique, so each
/// of those gets its method appended (`update_group_put`).
fn unique_operation_ids(item: &mut PathItem) {
    let operations: Vec<(&str, &mut Operation)> = methods(item).collect();
    let ids: Vec<Option<String>> = operations
        .iter()
        .map(|(_, operation)| operation.operation_id.clone())
        .collect();
    for (method, operation) in operations {
        let shared = operation
            .operation_id
            .as_ref()
            .filter(|id| ids.iter().flatten().filter(|other| other == id).count() > 1);
        if let Some(id) = shared {
            operation.operation_id = Some(format!("{id}_{method}"));
        }
    }
}

/// Every operation of a document.
fn operations(document: &mut Document) -> impl Iterator<Item = &mut Operation> {
    document
        .paths
        .paths
        .values_mut()
        .flat_map(|item| methods(item).map(|(_, operation)| operation))
}

/// The operations of one path, with their methods (those `routes!` can
/// register).
fn methods(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|o| (method, o)))
}

/// Declares an error answer documented once and named in the
/// `responses(...)` of the operations that can give it: a status with the
/// JSON error body and a description naming the codes.
macro_rules! error_response {
    ($(#[$doc:meta])* $vis:vis $name:ident: $status:literal, $description:literal) => {
        $(#[$doc])*
        #[derive(utoipa::IntoResponses)]
        #[response(status = $status, description = $description)]
        // Only named in `responses(...)`; never built.
        #[allow(dead_code)]
        $vis struct $name($crate::error::ErrorBody);
    };
}
pub(crate) use error_response;

error_response!(
    /// 401 for an operation that needs a token.
    pub Unauthenticated: 401,
    "`unauthorized`: no bearer token, or it is invalid or expired, or the account is gone."
);

/// 429 from the per-user rate limit of the signed-in routes.
#[derive(IntoResponses)]
#[response(
    status = 429,
    description = "`too_many_attempts`: this user sent more requests in a minute than the server \
        allows (`--user-rate-limit-per-minute`, 600 by default); wait the `Retry-After` seconds.",
    headers(("Retry-After" = u64, description = "Seconds to wait."))
)]
// Only named in `responses(...)`; never built.
#[allow(dead_code)]
pub struct UserLimited(ErrorBody);

error_response!(
    /// 422 for a body, query or field that is not right.
    pub Invalid: 422,
    "The body or query does not parse (`invalid_body`, `invalid_query`) or a field is \
        invalid; `code` says which (`invalid_email`, `invalid_limit`, ...)."
);

error_response!(
    /// 413 for a JSON body over the limit.
    pub TooLarge: 413,
    "`too_large`: the body is over 64 KiB (1 MiB for `/sync/push`)."
);

/// 429 from the per-address rate limit of the auth routes.
#[derive(IntoResponses)]
#[response(
    status = 429,
    description = "`too_many_attempts`: this address sent too many requests to the auth routes; \
        wait the `Retry-After` seconds.",
    headers(("Retry-After" = u64, description = "Seconds to wait."))
)]
// Only named in `responses(...)`; never built.
#[allow(dead_code)]
pub struct RateLimited(ErrorBody);
