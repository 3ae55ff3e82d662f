//! The live WebSocket (`/api/v1/ws`) and chat, on both backends: a real
//! client on loopback against the real server.

#![allow(clippy::unwrap_used)]

mod common;

use common::{
    close_code, next_frame, next_json, send_json, spawn_app, spawn_app_at, Backend, Frame,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A fixed instant (2024-03-10 06:59:40 UTC, 20 s before the spring-forward
/// jump in New York): rules read the server's clock, never the machine's.
const T0: i64 = 1_710_053_980;

/// Registers users `names` (email `name@example.com`) and signs each in:
/// their ids and access tokens.
async fn people(app: &common::TestApp, names: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in names {
        let user = app.register(&format!("{name}@example.com"), name).await;
        let token = app.access_token(&format!("{name}@example.com")).await;
        out.push((user["id"].as_str().unwrap().to_owned(), token));
    }
    out
}

async fn follow(app: &common::TestApp, token: &str, user: &str) {
    let path = format!("/api/v1/users/{user}/follow");
    let (status, body) = app.send(Method::POST, &path, token, Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
}

/// Reads the `ready` frame that ends the catch-up, and its number.
async fn ready(ws: &mut common::Ws) -> i64 {
    let frame = next_json(ws).await;
    assert_eq!(
        frame["type"], "ready",
        "the catch-up ends with ready: {frame}"
    );
    frame["seq"].as_i64().unwrap()
}

async fn a_follow_reaches_the_followed_users_devices_live_and_no_one_else(backend: Backend) {
    let app = spawn_app(backend).await;
    let users = people(&app, &["amina", "bilal", "carim"]).await;
    let [(_, a), (b_id, b), (c_id, c)] = users.as_slice() else {
        unreachable!()
    };
    let mut phone = app.ws(Some(b), "").await;
    let mut laptop = app.ws(Some(b), "").await;
    let mut stranger = app.ws(Some(c), "").await;
    for ws in [&mut phone, &mut laptop, &mut stranger] {
        assert_eq!(ready(ws).await, 0, "nothing happened yet");
    }
    follow(&app, a, b_id).await;
    for ws in [&mut phone, &mut laptop] {
        let event = next_json(ws).await;
        assert_eq!(event["type"], "event");
        assert_eq!(event["kind"], "followed");
        assert_eq!(event["seq"], 1, "the user's first event is number 1");
        assert_eq!(event["data"]["by"]["username"], "amina");
    }
    follow(&app, a, c_id).await;
    let first = next_json(&mut stranger).await;
    assert_eq!(
        (
            first["seq"].as_i64(),
            first["data"]["by"]["username"].as_str()
        ),
        (Some(1), Some("amina")),
        "carim's first frame is carim's own event, never bilal's: {first}"
    );
    follow(&app, a, b_id).await;
    follow(&app, c, b_id).await;
    let next = next_json(&mut phone).await;
    assert_eq!(
        (
            next["seq"].as_i64(),
            next["data"]["by"]["username"].as_str()
        ),
        (Some(2), Some("carim")),
        "following again is no new event; the next one is number 2: {next}"
    );
}

async fn a_device_back_from_away_gets_exactly_what_it_missed_in_order_then_live(backend: Backend) {
    let app = spawn_app(backend).await;
    let users = people(&app, &["amina", "bilal", "carim", "dawud", "ehsan"]).await;
    let b_id = users[1].0.clone();
    let b = users[1].1.clone();
    let mut ws = app.ws(Some(&b), "").await;
    ready(&mut ws).await;
    follow(&app, &users[0].1, &b_id).await;
    assert_eq!(next_json(&mut ws).await["seq"], 1);
    drop(ws);
    for (_, token) in &users[2..4] {
        follow(&app, token, &b_id).await;
    }
    let mut ws = app.ws(Some(&b), "?after=1").await;
    let mut seen = Vec::new();
    for _ in 0..2 {
        let event = next_json(&mut ws).await;
        seen.push((
            event["seq"].as_i64().unwrap(),
            event["data"]["by"]["username"].clone(),
        ));
    }
    assert_eq!(
        seen,
        vec![(2, json!("carim")), (3, json!("dawud"))],
        "the missed events, in order, from the database"
    );
    assert_eq!(ready(&mut ws).await, 3, "then ready, at the last number");
    follow(&app, &users[4].1, &b_id).await;
    let live = next_json(&mut ws).await;
    assert_eq!(live["seq"], 4, "then live events, each once: {live}");
    let mut from_start = app.ws(Some(&b), "?after=0").await;
    for seq in 1..=4 {
        assert_eq!(
            next_json(&mut from_start).await["seq"],
            seq,
            "after=0 replays all"
        );
    }
    assert_eq!(ready(&mut from_start).await, 4, "no duplicate before ready");
}

async fn the_token_may_come_as_the_first_message_and_nothing_else_may_come_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let users = people(&app, &["amina", "bilal"]).await;
    let (b_id, b) = &users[1];
    follow(&app, &users[0].1, b_id).await;
    let mut ws = app.ws(None, "").await;
    send_json(&mut ws, json!({ "type": "auth", "token": b, "after": 0 })).await;
    assert_eq!(
        next_json(&mut ws).await["seq"],
        1,
        "`after` in the auth message"
    );
    assert_eq!(ready(&mut ws).await, 1);

    let mut ws = app.ws(None, "").await;
    send_json(&mut ws, json!({ "type": "hello" })).await;
    assert_eq!(
        close_code(&mut ws).await,
        Some(4000),
        "auth must come first"
    );

    let mut ws = app.ws(None, "").await;
    send_json(&mut ws, json!({ "type": "auth", "token": "forged" })).await;
    assert_eq!(
        close_code(&mut ws).await,
        Some(4001),
        "a bad token closes with 4001"
    );

    assert_eq!(
        app.try_ws(Some("forged"), "").await.err(),
        Some(StatusCode::UNAUTHORIZED),
        "a bad bearer header is refused before the upgrade"
    );
    let (status, body) = app.get("/api/v1/ws", None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UPGRADE_REQUIRED, Some("upgrade_required")),
        "a plain GET is told to upgrade"
    );
}

async fn an_expired_or_revoked_token_closes_the_socket_with_4001(backend: Backend) {
    let app = spawn_app_at(backend, T0).await;
    let users = people(&app, &["amina", "bilal"]).await;
    let (b_id, b) = &users[1];
    let mut ws = app.ws(Some(b), "").await;
    ready(&mut ws).await;
    app.advance(15 * 60);
    send_json(&mut ws, json!({ "type": "noop" })).await;
    assert_eq!(
        close_code(&mut ws).await,
        Some(4001),
        "15 minutes on, the access token has expired"
    );

    let b = app.access_token("bilal@example.com").await;
    let mut ws = app.ws(Some(&b), "").await;
    ready(&mut ws).await;
    let refresh = app.login("bilal@example.com").await["refresh_token"].clone();
    let (status, _) = app
        .post("/api/v1/auth/logout", json!({ "refresh_token": refresh }))
        .await;
    assert!(status.is_success(), "{status}");
    let a = app.access_token("amina@example.com").await;
    follow(&app, &a, b_id).await;
    assert_eq!(
        close_code(&mut ws).await,
        Some(4001),
        "after signing out, the next delivery closes the socket instead"
    );
}

async fn a_refreshed_token_sent_on_the_socket_keeps_it_open(backend: Backend) {
    let app = spawn_app_at(backend, T0).await;
    let users = people(&app, &["amina", "bilal"]).await;
    let (b_id, b) = &users[1];
    let mut ws = app.ws(Some(b), "").await;
    ready(&mut ws).await;
    app.advance(10 * 60);
    let fresh = app.access_token("bilal@example.com").await;
    send_json(&mut ws, json!({ "type": "auth", "token": fresh })).await;
    app.advance(10 * 60);
    let a = app.access_token("amina@example.com").await;
    follow(&app, &a, b_id).await;
    assert_eq!(
        next_json(&mut ws).await["kind"],
        "followed",
        "the first token expired, but the socket now holds the fresh one"
    );
    send_json(&mut ws, json!({ "type": "auth", "token": a })).await;
    assert_eq!(
        close_code(&mut ws).await,
        Some(4001),
        "a socket cannot change user"
    );
}

async fn a_silent_client_is_pinged_then_closed_as_idle(backend: Backend) {
    let app = common::spawn_app_with(
        backend,
        &["--ws-ping-seconds", "1", "--ws-idle-seconds", "2"],
    )
    .await;
    let users = people(&app, &["amina"]).await;
    let mut ws = app.ws(Some(&users[0].1), "").await;
    // Not reading means not answering pings: the server hears nothing.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let mut pings = 0;
    let code = loop {
        use futures_util::StreamExt;
        match ws.next().await {
            Some(Ok(tokio_tungstenite::tungstenite::Message::Ping(_))) => pings += 1,
            Some(Ok(tokio_tungstenite::tungstenite::Message::Close(frame))) => {
                break frame.map(|f| u16::from(f.code))
            }
            Some(Ok(_)) => {}
            other => panic!("expected pings then a close: {other:?}"),
        }
    };
    assert!(pings >= 1, "the server pinged before giving up");
    assert_eq!(code, Some(4002), "a silent client is closed as idle");
    assert!(matches!(next_frame(&mut ws).await, Frame::Closed(_)));
}

on_both_backends!(
    a_follow_reaches_the_followed_users_devices_live_and_no_one_else,
    a_device_back_from_away_gets_exactly_what_it_missed_in_order_then_live,
    the_token_may_come_as_the_first_message_and_nothing_else_may_come_first,
    an_expired_or_revoked_token_closes_the_socket_with_4001,
    a_refreshed_token_sent_on_the_socket_keeps_it_open,
    a_silent_client_is_pinged_then_closed_as_idle,
);
