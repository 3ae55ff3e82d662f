//! Restarts and several nodes: a zero-configuration server keeps its
//! signing secret across a restart, and nodes sharing one PostgreSQL
//! database and one Redis share live delivery, rate limits, the lockout
//! leaderboards, the refresh grace and the typing notes' turns; a node
//! killed mid-conversation loses no acknowledged message, and its clients
//! resume on the other node.
//!
//! The two-node tests need `COMPANION_TEST_POSTGRES` and
//! `COMPANION_TEST_REDIS` (`cargo xtask test` sets both); each test uses a
//! Redis namespace of its own, so parallel tests do not share limits.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{call, expect, friends, get, person, private_group, socket_at, Person};
use common::{next_json, redis_url, spawn_app, spawn_app_with, Backend, TestApp, Ws};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[path = "nodes/killed.rs"]
mod killed;

async fn a_token_signed_before_a_restart_is_accepted_after_it(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register("amina@example.org", "amina").await;
    let token = app.access_token("amina@example.org").await;
    let (status, _) = app.get("/api/v1/users/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    if let Backend::Sqlite = backend {
        let file = app.database_url.trim_start_matches("sqlite://").to_owned() + ".jwt-secret";
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&file)
                .expect("the secret is kept beside the database")
                .permissions(),
        );
        assert_eq!(mode & 0o777, 0o600, "only the owner may read the secret");
    }
    let app = app.restart(&[]).await;
    let (status, body) = app.get("/api/v1/users/me", Some(&token)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a restart without a configured secret must not sign everyone out: {body}"
    );
}

on_both_backends!(a_token_signed_before_a_restart_is_accepted_after_it);

/// Two nodes on one PostgreSQL database and one Redis (a namespace of
/// this test's own), with `settings` on both, both listening to Redis.
async fn two_nodes(settings: &[&str]) -> (TestApp, TestApp) {
    let (url, namespace) = (redis_url(), format!("t{}", rand_name()));
    let mut all = vec!["--redis-url", &url, "--redis-namespace", &namespace];
    all.extend_from_slice(settings);
    let a = spawn_app_with(Backend::Postgres, &all).await;
    let b = a.another_node(&all).await;
    a.shared().await;
    b.shared().await;
    (a, b)
}

fn rand_name() -> String {
    companion_server::auth::random_token().replace(['-', '_'], "")
}

/// The same person as seen through another node (tokens work on every
/// node: the signing secret is the database's).
fn on(who: &Person) -> Person {
    Person {
        id: who.id.clone(),
        token: who.token.clone(),
        name: who.name.clone(),
    }
}

#[tokio::test]
async fn a_message_sent_through_one_node_reaches_a_socket_on_the_other() {
    let (a, b) = two_nodes(&[]).await;
    let (amina, bilal) = (person(&a, "amina").await, person(&a, "bilal").await);
    friends(&a, &amina, &bilal).await;
    let (mut bilal_ws, _) = socket_at(&b, &on(&bilal), "").await;
    say(&a, (&amina, &bilal), "as-salamu alaykum").await;
    let frame = next_message(&mut bilal_ws).await;
    assert_eq!(
        frame["data"]["body"], "as-salamu alaykum",
        "a message sent through node A reaches bilal's socket on node B: {frame}"
    );
}

/// `from` starts a conversation with `to` through `node` and sends `text`.
async fn say(node: &TestApp, (from, to): (&Person, &Person), text: &str) {
    let id = conversation(node, from, to).await;
    let path = format!("/chat/conversations/{id}/messages");
    let body = json!({ "client_id": "m1", "body": text });
    expect(node, (Method::POST, &path), from, body, StatusCode::CREATED).await;
}

/// The direct conversation `from` starts with `to` through `node`: its id.
async fn conversation(node: &TestApp, from: &Person, to: &Person) -> String {
    let body = json!({ "user_id": to.id });
    let path = (Method::POST, "/chat/conversations");
    let conversation = expect(node, path, from, body, StatusCode::OK).await;
    conversation["id"].as_str().unwrap().to_owned()
}

/// The next `message_created` event on `ws` (skipping the others).
async fn next_message(ws: &mut Ws) -> Value {
    loop {
        let frame = next_json(ws).await;
        if frame["kind"] == "message_created" {
            return frame;
        }
    }
}

#[tokio::test]
async fn the_lockout_and_rate_limits_hit_on_one_node_hold_on_the_other() {
    let (a, b) = two_nodes(&["--user-rate-limit-per-minute", "5"]).await;
    a.register("amina@example.org", "amina").await;
    for _ in 0..5 {
        let wrong = json!({ "email": "amina@example.org", "password": "Wrong123!" });
        let (status, _) = a.post("/api/v1/auth/login", wrong).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let right = json!({ "email": "amina@example.org", "password": "Test123!" });
    let (status, body) = b.post("/api/v1/auth/login", right).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "five wrong passwords through node A lock the account on node B: {body}"
    );

    let bilal = person(&a, "bilal").await;
    for _ in 0..5 {
        let (status, _) = call(&a, Method::GET, "/users/me", &bilal, Value::Null).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = call(&b, Method::GET, "/users/me", &on(&bilal), Value::Null).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "five requests a minute through node A spend bilal's quota on node B too: {body}"
    );
}

#[tokio::test]
async fn a_leaderboard_change_through_one_node_is_fresh_on_the_other() {
    let (a, b) = two_nodes(&[]).await;
    let (amina, bilal) = (person(&a, "amina").await, person(&a, "bilal").await);
    let group = private_group(&a, &amina, &[&bilal]).await;
    let board = format!(
        "/groups/{}/leaderboard?period=all_time",
        group["id"].as_str().unwrap()
    );
    let bilal_on_b = on(&bilal);
    let read = || get(&b, &bilal_on_b, &board);
    let before = read().await;
    assert_eq!(
        before["entries"][0]["score"], 0.0,
        "no one read yet: {before}"
    );
    let began = jiff::Timestamp::now().as_second() - 3600;
    let at = |second: i64| jiff::Timestamp::from_second(second).unwrap().to_string();
    let session = json!({
        "id": "fatihah-1",
        "type": "reading_session",
        "data": {
            "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
            "start_time": at(began), "end_time": at(began + 600),
            "duration_seconds": 600, "session_type": "reading",
        }
    });
    let pushed = expect(
        &a,
        (Method::POST, "/sync/push"),
        &amina,
        json!({ "events": [session] }),
        StatusCode::OK,
    )
    .await;
    assert_eq!(pushed["accepted"], json!(["fatihah-1"]), "{pushed}");
    let after = read().await;
    assert_eq!(
        after["entries"][0]["id"],
        amina.id.as_str(),
        "node B's cached board is thrown away by a push through node A: {after}"
    );
    assert!(
        after["entries"][0]["score"].as_f64().unwrap_or(0.0) > 0.0,
        "{after}"
    );
}

/// Signs `email` in through `first`, refreshes through `first`, then
/// retries the same refresh through `then`: both answer the same pair,
/// which is returned.
async fn retried_refresh(first: &TestApp, then: &TestApp, email: &str) -> Value {
    let signed_in = first.login(email).await;
    let refresh = json!({ "refresh_token": signed_in["refresh_token"] });
    let path = "/api/v1/auth/refresh-token";
    let (status, answer) = first.post(path, refresh.clone()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, retried) = then.post(path, refresh).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a retry within the grace is not reuse: {retried}"
    );
    for field in ["access_token", "refresh_token"] {
        assert_eq!(retried[field], answer[field], "the same new {field}");
    }
    answer
}

#[tokio::test]
async fn a_refresh_retried_on_the_other_node_within_the_grace_is_the_same_refresh() {
    let (a, b) = two_nodes(&[]).await;
    a.register("amina@example.org", "amina").await;
    let first = retried_refresh(&a, &b, "amina@example.org").await;
    let token = first["access_token"].as_str().unwrap();
    let (status, body) = b.get("/api/v1/users/me", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "the session lives on: {body}");
    let next = json!({ "refresh_token": first["refresh_token"] });
    let (status, body) = b.post("/api/v1/auth/refresh-token", next).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the new refresh token works: {body}"
    );
}

/// `who` tells `conversation` through `node` that they are typing: the
/// status.
async fn typing(node: &TestApp, who: &Person, conversation: &str) -> StatusCode {
    let path = format!("/chat/conversations/{conversation}/typing");
    call(node, Method::POST, &path, who, Value::Null).await.0
}

#[tokio::test]
async fn a_typing_note_through_one_node_spends_the_turn_on_the_other() {
    let (a, b) = two_nodes(&[]).await;
    let (amina, bilal) = (person(&a, "amina").await, person(&a, "bilal").await);
    friends(&a, &amina, &bilal).await;
    let conversation = conversation(&a, &amina, &bilal).await;
    let id = conversation.as_str();
    assert_eq!(typing(&a, &amina, id).await, StatusCode::NO_CONTENT);
    assert_eq!(
        typing(&b, &on(&amina), id).await,
        StatusCode::TOO_MANY_REQUESTS,
        "one note every 3 seconds across the nodes"
    );
    assert_eq!(
        typing(&b, &on(&bilal), id).await,
        StatusCode::NO_CONTENT,
        "the turn is amina's alone"
    );
}

#[tokio::test]
async fn a_node_whose_redis_is_down_serves_on_its_own() {
    // Nothing listens on port 9 of loopback: Redis is down from the start.
    let app = spawn_app_with(Backend::Sqlite, &["--redis-url", "redis://127.0.0.1:9/"]).await;
    let (amina, bilal) = (person(&app, "amina").await, person(&app, "bilal").await);
    friends(&app, &amina, &bilal).await;
    let (mut bilal_ws, _) = socket_at(&app, &bilal, "").await;
    say(&app, (&amina, &bilal), "still here").await;
    assert_eq!(
        next_message(&mut bilal_ws).await["data"]["body"],
        "still here",
        "without Redis a node still delivers to its own sockets"
    );
    for _ in 0..5 {
        let wrong = json!({ "email": "amina@example.com", "password": "Wrong123!" });
        app.post("/api/v1/auth/login", wrong).await;
    }
    let right = json!({ "email": "amina@example.com", "password": "Test123!" });
    let (status, _) = app.post("/api/v1/auth/login", right).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "without Redis the lockout still holds on this node"
    );

    retried_refresh(&app, &app, "bilal@example.com").await;
    let conversation = conversation(&app, &amina, &bilal).await;
    let id = conversation.as_str();
    assert_eq!(typing(&app, &amina, id).await, StatusCode::NO_CONTENT);
    assert_eq!(
        typing(&app, &amina, id).await,
        StatusCode::TOO_MANY_REQUESTS,
        "without Redis this node's typing turns hold"
    );
}
