//! Accounts, tokens, profiles and the Qur'an endpoints, on both backends.

#![allow(clippy::unwrap_used)]

mod common;

use common::{spawn_app, spawn_app_at, spawn_app_at_with, spawn_app_with, Backend};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn health_reports_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.get("/health", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["database"], "ok");
}

async fn registering_answers_201_with_an_id_and_login_gives_an_access_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.register("test@example.com", "testuser").await;
    assert!(
        user["id"].as_str().is_some_and(|id| !id.is_empty()),
        "{user}"
    );
    assert!(
        user.get("password_hash").is_none(),
        "the hash never leaves the server"
    );
    let tokens = app.login("TEST@example.com ").await;
    let access = tokens["access_token"].as_str().unwrap();
    let (status, me) = app.get("/api/v1/users/me", Some(access)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["id"], user["id"]);
    assert_eq!(me["username"], "testuser");
}

async fn a_taken_email_or_username_is_a_conflict_with_a_stable_code(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            json!({ "email": "a@example.com", "password": "Test123!", "username": "other" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "email_taken");
    let (status, body) = app
        .post(
            "/api/v1/auth/register",
            json!({ "email": "b@example.com", "password": "Test123!", "username": "alpha" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "username_taken");
}

async fn bad_registrations_get_clear_json_errors_never_500(backend: Backend) {
    let app = spawn_app(backend).await;
    let cases = [
        (
            json!({ "email": "nope", "password": "Test123!", "username": "abc" }),
            "invalid_email",
        ),
        (
            json!({ "email": "a@example.com", "password": "short", "username": "abc" }),
            "invalid_password",
        ),
        (
            json!({ "email": "a@example.com", "password": "Test123!", "username": "a b" }),
            "invalid_username",
        ),
        (json!({ "email": "a@example.com" }), "invalid_body"),
        (json!("just a string"), "invalid_body"),
    ];
    for (body, code) in cases {
        let (status, answer) = app.post("/api/v1/auth/register", body.clone()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body} → {answer}"
        );
        assert_eq!(answer["code"], code, "{body}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let huge = "x".repeat(100 * 1024);
    let (status, _) = app
        .post(
            "/api/v1/auth/register",
            json!({ "email": huge, "password": "p", "username": "u" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "bodies are size-limited"
    );
}

async fn wrong_passwords_and_bad_tokens_are_401(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            json!({ "email": "a@example.com", "password": "Wrong123!" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
    let (status, _) = app.get("/api/v1/users/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.get("/api/v1/users/me", Some("not.a.jwt")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_family(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    app.register("a@example.com", "alpha").await;
    let first = app.login("a@example.com").await;
    let old = first["refresh_token"].as_str().unwrap().to_owned();

    let (status, second) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": old }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let new = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new, old, "every refresh gives a new refresh token");

    // The old token again, past the 10 seconds a lost answer may be
    // asked for again: someone copied it. Both it and the new one die.
    app.advance(11);
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": old }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": new }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the whole family is revoked"
    );

    // A separate login is a separate family and still works.
    let other = app.login("a@example.com").await;
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": other["refresh_token"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

async fn tokens_expire_by_the_servers_clock(backend: Backend) {
    // Sunday 29 March 2026, 00:59:30 UTC: London's clocks jump an hour in
    // thirty seconds; expiry is counted in seconds, not wall-clock hours.
    let app = spawn_app_at(backend, 1_774_745_970).await;
    app.register("a@example.com", "alpha").await;
    let tokens = app.login("a@example.com").await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let me = |token: String| {
        let app = &app;
        async move { app.get("/api/v1/users/me", Some(&token)).await.0 }
    };

    // Fifteen minutes by default: valid to the last second, not after.
    app.advance(15 * 60 - 1);
    assert_eq!(me(access.clone()).await, StatusCode::OK);
    app.advance(1);
    assert_eq!(me(access.clone()).await, StatusCode::UNAUTHORIZED);

    // The refresh token lives on (30 days) and gives a fresh access token.
    let (status, renewed) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    let fresh = renewed["access_token"].as_str().unwrap().to_owned();
    assert_eq!(me(fresh).await, StatusCode::OK);

    // Thirty days later the refresh token has ended too.
    app.advance(30 * 86_400);
    let (status, body) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": renewed["refresh_token"] }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

async fn logout_ends_the_refresh_token(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let tokens = app.login("a@example.com").await;
    let refresh = tokens["refresh_token"].clone();
    let response = app
        .http
        .post(format!("{}/api/v1/auth/logout", app.base))
        .json(&json!({ "refresh_token": refresh }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": refresh }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_quran_is_served_read_only_from_the_bundled_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, surahs) = app.get("/api/v1/quran/surahs", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(surahs.as_array().unwrap().len(), 114);
    let (status, fatihah) = app.get("/api/v1/quran/surahs/1?translation=en", None).await;
    assert_eq!(status, StatusCode::OK);
    let ayahs = fatihah["ayahs"].as_array().unwrap();
    assert_eq!(ayahs.len(), 7);
    let letters: u64 = ayahs.iter().map(|a| a["letters"].as_u64().unwrap()).sum();
    assert_eq!(
        letters, 139,
        "the server counts letters by the same rule as the app"
    );
    assert!(ayahs[0]["translation"]
        .as_str()
        .unwrap()
        .contains("Merciful"));
    let (status, kursi) = app.get("/api/v1/quran/ayahs/2/255", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kursi["juz"], 3);
    let (status, juz) = app.get("/api/v1/quran/juz/30", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(juz["ayahs"].as_array().unwrap().len(), 564);
}

async fn places_that_do_not_exist_are_clear_4xx_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, wanted, code) in [
        (
            "/api/v1/quran/surahs/115",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        ("/api/v1/quran/juz/31", StatusCode::NOT_FOUND, "not_found"),
        (
            "/api/v1/quran/ayahs/2/300",
            StatusCode::NOT_FOUND,
            "ayah_out_of_range",
        ),
        (
            "/api/v1/quran/surahs/1?translation=xx",
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_translation",
        ),
    ] {
        let (status, body) = app.get(path, None).await;
        assert_eq!(status, wanted, "{path}: {body}");
        assert_eq!(body["code"], code, "{path}");
    }
    let (status, _) = app.get("/api/v1/quran/surahs/abc", None).await;
    assert!(status.is_client_error(), "a non-number is a 4xx, not a 500");
}

async fn a_profile_is_private_by_default_and_can_be_updated(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    app.register("b@example.com", "bravo").await;
    let token = app.access_token("a@example.com").await;
    let (_, me) = app.get("/api/v1/users/me", Some(&token)).await;
    assert_eq!(
        me["leaderboard_visibility"], "circles",
        "private by default: not on the global board"
    );

    let (status, me) = app
        .send(
            reqwest::Method::PATCH,
            "/api/v1/users/me",
            &token,
            json!({ "display_name": " Aisha ", "bio": "Reading daily", "time_zone": "Europe/London", "leaderboard_visibility": "everyone" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["display_name"], "Aisha");
    assert_eq!(me["time_zone"], "Europe/London");
    assert_eq!(me["leaderboard_visibility"], "everyone");
    assert_eq!(me["username"], "alpha", "untouched fields stay");

    let (status, body) = app
        .send(
            reqwest::Method::PATCH,
            "/api/v1/users/me",
            &token,
            json!({ "username": "bravo" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "username_taken");
    for (body, code) in [
        (json!({ "time_zone": "not a zone!" }), "invalid_time_zone"),
        (
            json!({ "time_zone": "Mars/Olympus_Mons" }),
            "invalid_time_zone",
        ),
        (
            json!({ "leaderboard_visibility": "friends-ish" }),
            "invalid_visibility",
        ),
        (json!({ "bio": "x".repeat(501) }), "invalid_bio"),
        (json!({ "display_name": "\u{7}" }), "forbidden_characters"),
        (json!({ "is_admin": true }), "invalid_body"),
    ] {
        let (status, answer) = app
            .send(
                reqwest::Method::PATCH,
                "/api/v1/users/me",
                &token,
                body.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(answer["code"], code, "{body}");
    }
}

async fn changing_the_password_ends_other_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let tokens = app.login("a@example.com").await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let (status, _) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/users/me/password",
            &access,
            json!({ "current_password": "nope-nope", "new_password": "Better456!" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the current password is checked"
    );
    let (status, _) = app
        .send(
            reqwest::Method::POST,
            "/api/v1/users/me/password",
            &access,
            json!({ "current_password": "Test123!", "new_password": "Better456!" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "old sessions end");
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            json!({ "email": "a@example.com", "password": "Better456!" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

async fn deleting_an_account_needs_the_password_and_removes_it(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let access = app.access_token("a@example.com").await;
    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/users/me",
            &access,
            json!({ "password": "wrong-one" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/users/me",
            &access,
            json!({ "password": "Test123!" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.get("/api/v1/users/me", Some(&access)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the account is gone");
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            json!({ "email": "a@example.com", "password": "Test123!" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The email is free again.
    app.register("a@example.com", "alpha").await;
}

async fn repeated_wrong_passwords_lock_the_account_with_retry_after(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    for attempt in 1..=5 {
        let (status, _) = app
            .post(
                "/api/v1/auth/login",
                json!({ "email": "a@example.com", "password": "Wrong123!" }),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let response = app
        .http
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({ "email": "a@example.com", "password": "Test123!" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits out the lock"
    );
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "Retry-After is {retry}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "too_many_attempts");
    // Another account is not affected.
    app.register("b@example.com", "bravo").await;
    app.login("b@example.com").await;
}

async fn metrics_count_requests_by_route_template_and_status(backend: Backend) {
    let app = spawn_app(backend).await;
    app.get("/health", None).await;
    app.get("/api/v1/quran/surahs/2", None).await;
    app.get("/api/v1/quran/surahs/115", None).await;
    let text = metrics_text(&app).await;
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/health",status="200"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"route="/api/v1/quran/surahs/{number}",status="404"} 1"#),
        "routes are templates, not raw paths: {text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
}

async fn a_user_can_export_their_data_and_only_theirs(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("a@example.com", "alpha").await;
    let access = app.access_token("a@example.com").await;
    let (status, export) = app.get("/api/v1/users/me/export", Some(&access)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(export["account"]["email"], "a@example.com");
    assert!(
        !export.to_string().contains("argon2"),
        "no password hash in an export"
    );
    let (status, _) = app.get("/api/v1/users/me/export", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn auth_routes_are_rate_limited_per_address(backend: Backend) {
    let app = spawn_app_with(backend, &["--auth-rate-limit-per-minute", "3"]).await;
    app.register("limit@example.com", "limited").await;
    app.login("limit@example.com").await;
    app.login("limit@example.com").await;
    let response = app
        .http
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({ "email": "limit@example.com", "password": "Test123!" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "too_many_attempts");
    // Other routes are not limited.
    for _ in 0..5 {
        let (status, _) = app.get("/api/v1/quran/surahs/1", None).await;
        assert_eq!(status, StatusCode::OK);
    }
}

/// The operations clients rely on most, and whether each needs a token.
const KEY_OPERATIONS: [(&str, &str, bool); 8] = [
    ("post", "/api/v1/auth/register", false),
    ("post", "/api/v1/sync/push", true),
    ("get", "/api/v1/groups/{group_id}/leaderboard", true),
    (
        "get",
        "/api/v1/competitions/{competition_id}/leaderboard",
        true,
    ),
    ("get", "/api/v1/leaderboard/global", true),
    ("get", "/api/v1/users/me", true),
    ("patch", "/api/v1/users/me", true),
    ("delete", "/api/v1/users/me", true),
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn openapi_document(app: &common::TestApp) -> Value {
    let (status, document) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK, "the document needs no sign-in");
    document
}

/// Every (method, path, operation) of the document.
fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((method.to_owned(), path.clone(), operation.clone()));
            }
        }
    }
    found
}

fn needs_bearer(operation: &Value) -> bool {
    operation["security"] == json!([{ "bearer": [] }])
}

async fn the_openapi_document_describes_the_key_routes_their_security_and_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let document = openapi_document(&app).await;
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3."),
        "an OpenAPI 3 document: {}",
        document["openapi"]
    );
    assert_eq!(document["info"]["title"], "Qur'an Companion sync API");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
        "authenticated operations name a bearer scheme that exists"
    );
    for (method, path, authenticated) in KEY_OPERATIONS {
        let operation = &document["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert_eq!(
            needs_bearer(operation),
            authenticated,
            "{method} {path}: bearer security exactly where a token is needed"
        );
        if authenticated {
            assert_eq!(
                operation["responses"]["401"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorBody",
                "{method} {path} documents its 401"
            );
        }
    }
    let invalid = &document["paths"]["/api/v1/auth/register"]["post"]["responses"]["422"];
    assert_eq!(
        invalid["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorBody",
        "a 422 names the error body: {invalid}"
    );
    let error = &document["components"]["schemas"]["ErrorBody"];
    assert_eq!(
        error["required"],
        json!(["code", "message"]),
        "the error schema is the JSON every error answer has: {error}"
    );
    assert!(
        document["paths"]["/api/v1/sync/push"]["post"]["responses"]["413"].is_object(),
        "the push documents its size limit"
    );
    assert!(
        document["paths"]["/api/v1/auth/login"]["post"]["responses"]["429"].is_object(),
        "the auth routes document their rate limit"
    );
    let tags: Vec<&Value> = document["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["name"])
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for (method, path, operation) in operations(&document) {
        assert!(
            ids.insert(operation["operationId"].to_string()),
            "{method} {path}: operation ids are unique"
        );
        assert!(
            operation["tags"]
                .as_array()
                .is_some_and(|own| own.len() == 1 && tags.contains(&&own[0])),
            "{method} {path} has one declared tag: {}",
            operation["tags"]
        );
        for name in path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        {
            let declared = operation["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
            assert!(declared, "{method} {path} documents its `{name}`");
        }
    }
}

/// A request without a token to `path`, its `{placeholders}` filled in.
async fn call_without_token(
    app: &common::TestApp,
    method: &str,
    path: &str,
) -> (StatusCode, String) {
    let path: String = path
        .split('/')
        .map(|s| if s.starts_with('{') { "1" } else { s })
        .collect::<Vec<_>>()
        .join("/");
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let mut request = app
        .http
        .request(method.clone(), format!("{}{path}", app.base));
    if method != reqwest::Method::GET {
        request = request.json(&json!({}));
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn every_documented_operation_is_served_and_needs_a_token_exactly_when_documented(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let document = openapi_document(&app).await;
    let operations = operations(&document);
    assert!(
        operations.len() >= 60,
        "every route is documented, not only a few: {}",
        operations.len()
    );
    for (method, path, operation) in &operations {
        let (status, body) = call_without_token(&app, method, path).await;
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED
                && !(status == StatusCode::NOT_FOUND && body.is_empty()),
            "{method} {path} is documented but not served: {status}"
        );
        if needs_bearer(operation) {
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} is documented as needing a token: {body}"
            );
        } else {
            assert_ne!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} is documented as open to anyone: {body}"
            );
        }
    }
    // The other direction: a documented path answers no undocumented
    // method. (clippy.toml forbids registering a route without `routes!`,
    // so no path can be served without being documented.)
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS.iter().filter(|m| item.get(**m).is_none()) {
            let (status, _) = call_without_token(&app, method, path).await;
            assert_eq!(
                status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is served but not documented"
            );
        }
    }
}

/// The Prometheus text at `/metrics`.
async fn metrics_text(app: &common::TestApp) -> String {
    let response = app.http.get(format!("{}/metrics", app.base)).send();
    response.await.unwrap().text().await.unwrap()
}

/// The series of `http_requests_total`, one line each.
async fn request_series(app: &common::TestApp) -> Vec<String> {
    let text = metrics_text(app).await;
    text.lines()
        .filter(|line| line.starts_with("http_requests_total{"))
        .map(|line| {
            line.rsplit_once(' ')
                .map_or(line, |(series, _)| series)
                .to_owned()
        })
        .collect()
}

/// Made-up methods and paths are a client's to choose: each would add a
/// series to `/metrics` forever if it were a label. They share one.
async fn made_up_methods_and_paths_share_one_metrics_label(backend: Backend) {
    let app = spawn_app(backend).await;
    for n in 0..20 {
        let method = reqwest::Method::from_bytes(format!("MADEUP{n}").as_bytes()).unwrap();
        for path in ["/health".to_owned(), format!("/nowhere/{n}")] {
            let response = app
                .http
                .request(method.clone(), format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            assert!(response.status().is_client_error(), "{method} {path}");
        }
        app.get(&format!("/nowhere/{n}"), None).await;
    }
    let series = request_series(&app).await;
    assert!(
        series
            .iter()
            .all(|s| !s.contains("MADEUP") && !s.contains("/nowhere")),
        "no label holds a client's made-up method or path: {series:#?}"
    );
    assert!(
        series.contains(
            &r#"http_requests_total{method="OTHER",route="unmatched",status="404"}"#.to_owned()
        ) && series.contains(
            &r#"http_requests_total{method="GET",route="unmatched",status="404"}"#.to_owned()
        ),
        "unknown methods and unmatched paths are still counted: {series:#?}"
    );
    assert!(
        series.len() <= 4,
        "60 made-up requests add a handful of series, not one each: {series:#?}"
    );
}

/// A Wednesday noon in UTC (10 June 2026), for tests that move the clock.
const NOON: i64 = 1_781_092_800;

async fn login_status(app: &common::TestApp, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/auth/login", body).await
}

/// Failed logins are remembered per email, but the email is bounded
/// before anything else, windows that ended are forgotten and the map
/// holds a configured number of keys at most.
async fn failed_logins_are_remembered_for_a_window_in_a_bounded_map(backend: Backend) {
    let app = spawn_app_at_with(
        backend,
        NOON,
        &[
            "--lockout-max-keys",
            "10",
            "--auth-rate-limit-per-minute",
            "0",
        ],
    )
    .await;
    let long = format!("{}@example.com", "a".repeat(10_000));
    let (status, body) =
        login_status(&app, json!({ "email": long, "password": "Wrong123!" })).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_email")),
        "{body}"
    );
    assert_eq!(app.state.logins.tracked(), 0, "a refused email is not kept");
    for n in 0..30 {
        let email = format!("nobody{n}@example.com");
        let (status, _) =
            login_status(&app, json!({ "email": email, "password": "Wrong123!" })).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        app.state.logins.tracked(),
        10,
        "the map holds 10 keys at most"
    );
    app.advance(15 * 60);
    let (status, _) = login_status(
        &app,
        json!({ "email": "late@example.com", "password": "Wrong123!" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        app.state.logins.tracked() <= 1,
        "windows that ended are forgotten when room is needed (or sooner)"
    );
}

/// The count of failures is taken before the password is checked: 25
/// wrong guesses at once get five 401s, and the right password then waits
/// out the lock too.
async fn parallel_wrong_guesses_fail_five_times_and_then_even_the_right_password_waits(
    backend: Backend,
) {
    let app = spawn_app_at_with(backend, NOON, &["--auth-rate-limit-per-minute", "0"]).await;
    app.register("a@example.com", "alpha").await;
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..25 {
        let request = app
            .http
            .post(format!("{}/api/v1/auth/login", app.base))
            .json(&json!({ "email": "a@example.com", "password": "Wrong123!" }));
        guesses.spawn(async move { request.send().await.unwrap().status() });
    }
    let mut answers = Vec::new();
    while let Some(status) = guesses.join_next().await {
        answers.push(status.unwrap());
    }
    let wrong = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let locked = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((wrong, locked), (5, 20), "{answers:?}");
    let right = json!({ "email": "a@example.com", "password": "Test123!" });
    let (status, _) = login_status(&app, right.clone()).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password waits too"
    );
    app.advance(15 * 60 - 1);
    let (status, _) = login_status(&app, right.clone()).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "refused attempts do not extend the lock, nor end it early"
    );
    app.advance(1);
    let (status, body) = login_status(&app, right).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the lock ends with its window: {body}"
    );
}

/// A stranger's guesses lock the account for new devices, but a device
/// that signed in before (it sends its device token) has a window of its
/// own.
async fn a_strangers_guesses_do_not_lock_out_a_device_that_signed_in_before(backend: Backend) {
    let app = spawn_app_at_with(backend, NOON, &["--auth-rate-limit-per-minute", "0"]).await;
    app.register("a@example.com", "alpha").await;
    app.register("b@example.com", "bravo").await;
    let device = app.login("a@example.com").await["device_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bobs = app.login("b@example.com").await["device_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = json!({ "email": "a@example.com", "password": "Wrong123!" });
    for _ in 0..5 {
        assert_eq!(
            login_status(&app, wrong.clone()).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let right = |device: &str| json!({ "email": "a@example.com", "password": "Test123!", "device_token": device });
    assert_eq!(
        login_status(&app, right("")).await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "a new device waits"
    );
    assert_eq!(
        login_status(&app, right(&bobs)).await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "another account's device token is not this account's"
    );
    let (status, body) = login_status(&app, right(&device)).await;
    assert_eq!(status, StatusCode::OK, "the known device signs in: {body}");
    let device = body["device_token"].as_str().unwrap();
    let wrong_here =
        json!({ "email": "a@example.com", "password": "Wrong123!", "device_token": device });
    for _ in 0..5 {
        assert_eq!(
            login_status(&app, wrong_here.clone()).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_status(&app, right(device)).await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "the device's own wrong passwords still lock it"
    );
    let (status, _) = app.get("/api/v1/users/me", Some(device)).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a device token is no access token"
    );
}

/// `POST /users/me/password` from `current` to a new password.
async fn change_password(app: &common::TestApp, token: &str, current: &str) -> (StatusCode, Value) {
    let body = json!({ "current_password": current, "new_password": "Other123!" });
    app.send(
        reqwest::Method::POST,
        "/api/v1/users/me/password",
        token,
        body,
    )
    .await
}

/// A stolen access token is no way around the lockout: wrong passwords
/// on the signed-in routes that check one fill the account's window, which
/// logins share, and take turns of the address's limit.
async fn password_checks_on_signed_in_routes_count_toward_the_lockout_and_limit(backend: Backend) {
    let app = spawn_app_at_with(backend, NOON, &["--auth-rate-limit-per-minute", "0"]).await;
    app.register("a@example.com", "alpha").await;
    let token = app.access_token("a@example.com").await;
    for _ in 0..5 {
        let (status, _) = change_password(&app, &token, "Wrong123!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/users/me",
            &token,
            json!({ "password": "Test123!" }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts")),
        "even the right password waits: {body}"
    );
    let (status, _) = login_status(
        &app,
        json!({ "email": "a@example.com", "password": "Test123!" }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "logins share the window"
    );

    // The address's limit: register and login take two of three turns.
    let app = spawn_app_at_with(backend, NOON, &["--auth-rate-limit-per-minute", "3"]).await;
    app.register("b@example.com", "bravo").await;
    let token = app.access_token("b@example.com").await;
    let (status, _) = change_password(&app, &token, "Wrong123!").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = change_password(&app, &token, "Test123!").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the address used its turns"
    );
}

/// Revocation reaches access tokens: logging out ends every access token
/// of the user (other devices refresh theirs), and so do changing the
/// password and deleting the account; a token this server did not issue
/// for the API (no `iss`/`aud`) is refused.
async fn access_tokens_end_with_logout_password_change_and_deletion(backend: Backend) {
    const SECRET: &str = "a-test-secret-of-at-least-32-characters";
    let app = spawn_app_at_with(
        backend,
        NOON,
        &["--auth-rate-limit-per-minute", "0", "--jwt-secret", SECRET],
    )
    .await;
    let user = app.register("a@example.com", "alpha").await;
    let me = |token: &str| {
        let request = app
            .http
            .get(format!("{}/api/v1/users/me", app.base))
            .bearer_auth(token);
        async move { request.send().await.unwrap().status() }
    };
    let phone = app.login("a@example.com").await;
    let laptop = app.login("a@example.com").await;
    let access = |tokens: &Value| tokens["access_token"].as_str().unwrap().to_owned();
    assert_eq!(me(&access(&phone)).await, StatusCode::OK);
    let (status, _) = app
        .post(
            "/api/v1/auth/logout",
            json!({ "refresh_token": phone["refresh_token"] }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        me(&access(&phone)).await,
        StatusCode::UNAUTHORIZED,
        "logged out"
    );
    assert_eq!(
        me(&access(&laptop)).await,
        StatusCode::UNAUTHORIZED,
        "every access token ends"
    );
    let (status, laptop) = app
        .post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": laptop["refresh_token"] }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the other device refreshes: {laptop}"
    );
    let laptop = access(&laptop);
    assert_eq!(me(&laptop).await, StatusCode::OK);

    let (status, _) = change_password(&app, &laptop, "Test123!").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        me(&laptop).await,
        StatusCode::UNAUTHORIZED,
        "the password changed"
    );

    let tablet = access(
        &login_status(
            &app,
            json!({ "email": "a@example.com", "password": "Other123!" }),
        )
        .await
        .1,
    );
    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/users/me",
            &tablet,
            json!({ "password": "Other123!" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.get("/api/v1/progress/stats", Some(&tablet)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the account is gone");

    // Signed with the right key, but not for this API.
    #[derive(serde::Serialize)]
    struct Bare<'a> {
        sub: &'a str,
        iat: i64,
        exp: i64,
    }
    let bare = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &Bare {
            sub: user["id"].as_str().unwrap(),
            iat: NOON,
            exp: NOON + 600,
        },
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        me(&bare).await,
        StatusCode::UNAUTHORIZED,
        "iss and aud are checked"
    );
}

/// Two refreshes with one token at once, while pushes write: exactly one
/// 200 and one 401, never a 500, and the sign-in ends (the winner's new
/// refresh token fails too). Without the retry grace, so that the second
/// is reuse even when it happens to arrive after the first was answered
/// (with the grace it would then be a retry and get the same pair).
async fn concurrent_refreshes_with_one_token_give_one_200_and_end_the_sign_in(backend: Backend) {
    let settings = [
        "--auth-rate-limit-per-minute",
        "0",
        "--refresh-grace-seconds",
        "0",
    ];
    let app = spawn_app_at_with(backend, NOON, &settings).await;
    app.register("a@example.com", "alpha").await;
    for round in 0..8 {
        let tokens = app.login("a@example.com").await;
        let access = tokens["access_token"].as_str().unwrap().to_owned();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..2 {
            let request = app
                .http
                .post(format!("{}/api/v1/auth/refresh-token", app.base))
                .json(&json!({ "refresh_token": tokens["refresh_token"] }));
            calls.spawn(async move {
                let response = request.send().await.unwrap();
                (response.status(), response.json::<Value>().await.unwrap())
            });
        }
        // Writers at the same time (on SQLite, the one writer).
        for n in 0..4 {
            let event = json!({ "id": format!("pos-{round}-{n}-0000"), "type": "position",
                                "data": { "surah_number": 1, "ayah_number": 1 } });
            let request = app
                .http
                .post(format!("{}/api/v1/sync/push", app.base))
                .bearer_auth(&access)
                .json(&json!({ "events": [event] }));
            calls.spawn(async move { (request.send().await.unwrap().status(), Value::Null) });
        }
        let mut refreshes = Vec::new();
        while let Some(answer) = calls.join_next().await {
            let (status, body) = answer.unwrap();
            assert!(!status.is_server_error(), "round {round}: {status} {body}");
            if body != Value::Null {
                refreshes.push((status, body));
            }
        }
        refreshes.sort_by_key(|(status, _)| *status);
        let statuses: Vec<StatusCode> = refreshes.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::UNAUTHORIZED],
            "round {round}"
        );
        let (status, _) = app
            .post(
                "/api/v1/auth/refresh-token",
                json!({ "refresh_token": refreshes[0].1["refresh_token"] }),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "round {round}: the sign-in ended"
        );
    }
}

/// A client that lost the answer to a refresh and sends the same token
/// again within 10 seconds gets the same new pair and stays signed in;
/// after that, the same token is reuse.
async fn a_refresh_retried_within_ten_seconds_gets_the_same_pair(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    app.register("a@example.com", "alpha").await;
    let old = app.login("a@example.com").await["refresh_token"].clone();
    let refresh = |token: &Value| {
        app.post(
            "/api/v1/auth/refresh-token",
            json!({ "refresh_token": token }),
        )
    };
    let (status, lost) = refresh(&old).await;
    assert_eq!(status, StatusCode::OK);
    app.advance(9);
    let (status, again) = refresh(&old).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        (&again["access_token"], &again["refresh_token"]),
        (&lost["access_token"], &lost["refresh_token"]),
        "the same pair, not a second one"
    );
    let (status, _) = app
        .get("/api/v1/users/me", again["access_token"].as_str())
        .await;
    assert_eq!(status, StatusCode::OK, "still signed in");
    app.advance(2);
    let (status, _) = refresh(&old).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "past the grace it is reuse"
    );
    let (status, _) = refresh(&again["refresh_token"]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "and the sign-in ends");
    let (status, _) = app
        .get("/api/v1/users/me", again["access_token"].as_str())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "with its access token");
}

/// What a raw connection reads until the server closes it (or 30 s pass,
/// which only a server that never hangs up reaches).
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    match tokio::time::timeout(std::time::Duration::from_secs(30), read).await {
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

/// Slowloris: a client that never finishes its headers is disconnected,
/// and one that never finishes its body is answered 408, so slow
/// connections cannot pile up.
async fn slow_clients_are_cut_off_by_header_and_request_timeouts(backend: Backend) {
    use tokio::io::AsyncWriteExt;
    let app = spawn_app_with(
        backend,
        &[
            "--header-read-timeout-ms",
            "300",
            "--request-timeout-ms",
            "300",
        ],
    )
    .await;
    let address = app.base.trim_start_matches("http://").to_owned();
    let mut slow_headers = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow_headers
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut slow_headers).await;
    assert!(
        answer.as_deref().is_some_and(|a| !a.contains("200 OK")),
        "the connection is closed unanswered (or with 408): {answer:?}"
    );

    let mut slow_body = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow_body
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\"",
        )
        .await
        .unwrap();
    let answer = read_until_closed(&mut slow_body).await;
    assert!(
        answer
            .as_deref()
            .is_some_and(|a| a.starts_with("HTTP/1.1 408")),
        "a body that never ends is a 408: {answer:?}"
    );
    let (status, _) = app.get("/health", None).await;
    assert_eq!(status, StatusCode::OK, "other clients are served");
}

/// Each signed-in user has a rate limit of their own (generous by
/// default, configurable): past it, 429 with Retry-After, and other users
/// are not affected.
async fn signed_in_users_are_rate_limited_each_on_their_own(backend: Backend) {
    let app = spawn_app_with(
        backend,
        &[
            "--user-rate-limit-per-minute",
            "3",
            "--auth-rate-limit-per-minute",
            "0",
        ],
    )
    .await;
    app.register("a@example.com", "alpha").await;
    app.register("b@example.com", "bravo").await;
    let alpha = app.access_token("a@example.com").await;
    let bravo = app.access_token("b@example.com").await;
    for _ in 0..3 {
        let (status, _) = app.get("/api/v1/users/me", Some(&alpha)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let response = app
        .http
        .get(format!("{}/api/v1/progress/stats", app.base))
        .bearer_auth(&alpha)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the fourth in a minute"
    );
    assert!(response.headers().contains_key("retry-after"));
    let (status, _) = app.get("/api/v1/users/me", Some(&bravo)).await;
    assert_eq!(status, StatusCode::OK, "limits are per user");
}

on_both_backends!(
    health_reports_the_database,
    registering_answers_201_with_an_id_and_login_gives_an_access_token,
    a_taken_email_or_username_is_a_conflict_with_a_stable_code,
    bad_registrations_get_clear_json_errors_never_500,
    wrong_passwords_and_bad_tokens_are_401,
    refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_family,
    tokens_expire_by_the_servers_clock,
    logout_ends_the_refresh_token,
    the_quran_is_served_read_only_from_the_bundled_data,
    places_that_do_not_exist_are_clear_4xx_errors,
    a_profile_is_private_by_default_and_can_be_updated,
    changing_the_password_ends_other_sessions,
    deleting_an_account_needs_the_password_and_removes_it,
    repeated_wrong_passwords_lock_the_account_with_retry_after,
    failed_logins_are_remembered_for_a_window_in_a_bounded_map,
    parallel_wrong_guesses_fail_five_times_and_then_even_the_right_password_waits,
    a_strangers_guesses_do_not_lock_out_a_device_that_signed_in_before,
    password_checks_on_signed_in_routes_count_toward_the_lockout_and_limit,
    access_tokens_end_with_logout_password_change_and_deletion,
    concurrent_refreshes_with_one_token_give_one_200_and_end_the_sign_in,
    a_refresh_retried_within_ten_seconds_gets_the_same_pair,
    slow_clients_are_cut_off_by_header_and_request_timeouts,
    signed_in_users_are_rate_limited_each_on_their_own,
    metrics_count_requests_by_route_template_and_status,
    made_up_methods_and_paths_share_one_metrics_label,
    a_user_can_export_their_data_and_only_theirs,
    auth_routes_are_rate_limited_per_address,
    the_openapi_document_describes_the_key_routes_their_security_and_errors,
    every_documented_operation_is_served_and_needs_a_token_exactly_when_documented,
);
