//! Chat over the REST routes with live delivery on `/api/v1/ws`, on both
//! backends: a real client on loopback against the real server.

#![allow(clippy::unwrap_used)]

mod common;

use common::{next_json, spawn_app, spawn_app_at, spawn_app_with, Backend, TestApp, Ws};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A fixed instant (2024-03-10 06:59:40 UTC, 20 s before the spring-forward
/// jump in New York): rules read the server's clock, never the machine's.
const T0: i64 = 1_710_053_980;

struct Person {
    id: String,
    token: String,
}

async fn person(app: &TestApp, name: &str) -> Person {
    let user = app.register(&format!("{name}@example.com"), name).await;
    Person {
        id: user["id"].as_str().unwrap().to_owned(),
        token: app.access_token(&format!("{name}@example.com")).await,
    }
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    body: Value,
) -> (StatusCode, Value) {
    app.send(method, &format!("/api/v1{path}"), &who.token, body)
        .await
}

async fn friends(app: &TestApp, a: &Person, b: &Person) {
    for (x, y) in [(a, b), (b, a)] {
        let (status, _) = call(
            app,
            Method::POST,
            &format!("/users/{}/follow", y.id),
            x,
            Value::Null,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
}

/// A socket of `who` that has read its catch-up (nothing missed).
async fn socket(app: &TestApp, who: &Person) -> Ws {
    let mut ws = app.ws(Some(&who.token), "").await;
    assert_eq!(next_json(&mut ws).await["type"], "ready");
    ws
}

/// The next event on `ws`, which must be of `kind`: its data.
async fn event(ws: &mut Ws, kind: &str) -> Value {
    let frame = next_json(ws).await;
    assert_eq!(frame["kind"], kind, "expected {kind}: {frame}");
    frame["data"].clone()
}

async fn start(app: &TestApp, from: &Person, to: &Person) -> String {
    let body = json!({ "user_id": to.id });
    let (status, c) = call(app, Method::POST, "/chat/conversations", from, body).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    c["id"].as_str().unwrap().to_owned()
}

async fn say(
    app: &TestApp,
    who: &Person,
    conversation: &str,
    client_id: &str,
    body: &str,
) -> (StatusCode, Value) {
    let path = format!("/chat/conversations/{conversation}/messages");
    call(
        app,
        Method::POST,
        &path,
        who,
        json!({ "client_id": client_id, "body": body }),
    )
    .await
}

async fn friends_chat_live_and_a_resend_is_one_message(backend: Backend) {
    let app = spawn_app(backend).await;
    let (a, b) = (person(&app, "amina").await, person(&app, "bilal").await);
    friends(&app, &a, &b).await;
    let mut a_ws = socket(&app, &a).await;
    let mut b_ws = socket(&app, &b).await;
    let c = start(&app, &a, &b).await;
    assert_eq!(
        start(&app, &b, &a).await,
        c,
        "two people have one direct conversation"
    );

    let (status, first) = say(&app, &a, &c, "m-1", "As-salamu alaykum").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let live = event(&mut b_ws, "message_created").await;
    assert_eq!(
        (
            live["id"].clone(),
            live["body"].clone(),
            live["seq"].clone()
        ),
        (first["id"].clone(), json!("As-salamu alaykum"), json!(1))
    );
    assert_eq!(
        event(&mut a_ws, "message_created").await["id"],
        first["id"],
        "the sender's other devices are told too"
    );

    let (status, again) = say(&app, &a, &c, "m-1", "As-salamu alaykum").await;
    assert_eq!(
        (status, again["id"].clone()),
        (StatusCode::OK, first["id"].clone()),
        "a resend gives the stored message back"
    );
    let (_, second) = say(&app, &a, &c, "m-2", "Kayf halak?").await;
    let live = event(&mut b_ws, "message_created").await;
    assert_eq!(
        live["id"], second["id"],
        "the resend made no event: the next one is the second message"
    );
    let (_, history) = app
        .get(
            &format!("/api/v1/chat/conversations/{c}/messages"),
            Some(&b.token),
        )
        .await;
    let bodies: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        ["Kayf halak?", "As-salamu alaykum"],
        "newest first, no duplicate"
    );
    let (_, page) = app
        .get(
            &format!("/api/v1/chat/conversations/{c}/messages?before=2&limit=1"),
            Some(&b.token),
        )
        .await;
    assert_eq!(page[0]["seq"], 1, "`before` pages back by number: {page}");

    let (_, list) = app.get("/api/v1/chat/conversations", Some(&b.token)).await;
    assert_eq!(
        (
            list[0]["unread"].clone(),
            list[0]["last_message"]["body"].clone()
        ),
        (json!(2), json!("Kayf halak?")),
        "{list}"
    );
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/chat/conversations/{c}/read"),
        &b,
        json!({ "message_id": second["id"] }),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let read = event(&mut a_ws, "message_created").await;
    assert_eq!(read["id"], second["id"]);
    assert_eq!(
        event(&mut a_ws, "conversation_read").await["user_id"],
        json!(b.id),
        "the sender sees the read marker"
    );
    let (_, list) = app.get("/api/v1/chat/conversations", Some(&b.token)).await;
    assert_eq!(list[0]["unread"], 0, "read up to the last message");
}

async fn strangers_cannot_start_read_or_overhear_a_conversation(backend: Backend) {
    let app = spawn_app(backend).await;
    let (a, b, c) = (
        person(&app, "amina").await,
        person(&app, "bilal").await,
        person(&app, "carim").await,
    );
    friends(&app, &a, &b).await;
    let mut c_ws = socket(&app, &c).await;
    let body = json!({ "user_id": a.id });
    let (status, refused) = call(&app, Method::POST, "/chat/conversations", &c, body).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_connected"))
    );
    let conversation = start(&app, &a, &b).await;
    let (_, message) = say(&app, &a, &conversation, "m-1", "private").await;
    let (status, body) = app
        .get(
            &format!("/api/v1/chat/conversations/{conversation}/messages"),
            Some(&c.token),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("conversation_not_found"))
    );
    let (status, _) = say(&app, &c, &conversation, "m-2", "let me in").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a stranger cannot post");
    let path = format!("/chat/messages/{}/react", message["id"].as_str().unwrap());
    let (status, _) = call(&app, Method::PUT, &path, &c, json!({ "emoji": "👍" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nor react");
    friends(&app, &a, &c).await;
    let first = next_json(&mut c_ws).await;
    assert_eq!(
        first["kind"], "followed",
        "carim's first event is their own, never the conversation's: {first}"
    );
}

async fn a_block_stops_messages_both_ways_until_lifted(backend: Backend) {
    let app = spawn_app(backend).await;
    let (a, b) = (person(&app, "amina").await, person(&app, "bilal").await);
    friends(&app, &a, &b).await;
    let c = start(&app, &a, &b).await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/users/{}/block", b.id),
        &a,
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for (who, n) in [(&b, "1"), (&a, "2")] {
        let (status, body) = say(&app, who, &c, n, "hello").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("blocked")),
            "no messages either way"
        );
    }
    let (status, _) = call(
        &app,
        Method::POST,
        "/chat/conversations",
        &b,
        json!({ "user_id": a.id }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the blocked cannot start a conversation"
    );
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/users/{}/block", b.id),
        &a,
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        say(&app, &b, &c, "3", "hello again").await.0,
        StatusCode::CREATED,
        "unblocked"
    );
}

async fn a_message_can_be_edited_for_fifteen_minutes_and_deleted_by_its_sender(backend: Backend) {
    let app = spawn_app_at(backend, T0).await;
    let (a, b) = (person(&app, "amina").await, person(&app, "bilal").await);
    friends(&app, &a, &b).await;
    let c = start(&app, &a, &b).await;
    let (_, message) = say(&app, &a, &c, "m-1", "typo").await;
    let path = format!("/chat/messages/{}", message["id"].as_str().unwrap());
    app.advance(14 * 60);
    let mut b_ws = socket(
        &app,
        &Person {
            id: b.id.clone(),
            token: app.access_token("bilal@example.com").await,
        },
    )
    .await;
    let a = Person {
        id: a.id.clone(),
        token: app.access_token("amina@example.com").await,
    };
    let b = Person {
        id: b.id.clone(),
        token: app.access_token("bilal@example.com").await,
    };
    let (status, edited) = call(&app, Method::PATCH, &path, &a, json!({ "body": "fixed" })).await;
    assert_eq!(
        (status, edited["body"].clone()),
        (StatusCode::OK, json!("fixed")),
        "{edited}"
    );
    assert_eq!(event(&mut b_ws, "message_edited").await["body"], "fixed");
    let (status, _) = call(
        &app,
        Method::PATCH,
        &path,
        &b,
        json!({ "body": "not mine" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the sender edits");
    app.advance(60);
    let (status, late) = call(
        &app,
        Method::PATCH,
        &path,
        &a,
        json!({ "body": "too late" }),
    )
    .await;
    assert_eq!(
        (status, late["code"].as_str()),
        (StatusCode::CONFLICT, Some("edit_window_over")),
        "15 minutes after sending"
    );
    let (status, _) = call(&app, Method::DELETE, &path, &b, Value::Null).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only the sender deletes in a direct conversation"
    );
    let (status, _) = call(&app, Method::DELETE, &path, &a, Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let gone = event(&mut b_ws, "message_deleted").await;
    assert_eq!(
        (gone["deleted"].clone(), gone["body"].clone()),
        (json!(true), json!(""))
    );
    let (_, history) = app
        .get(
            &format!("/api/v1/chat/conversations/{c}/messages"),
            Some(&b.token),
        )
        .await;
    assert_eq!(
        (history[0]["deleted"].clone(), history[0]["body"].clone()),
        (json!(true), json!("")),
        "its place stays, its text is gone"
    );
}

async fn reactions_reports_and_limits(backend: Backend) {
    let app = spawn_app_with(backend, &["--chat-messages-per-minute", "3"]).await;
    let (a, b) = (person(&app, "amina").await, person(&app, "bilal").await);
    friends(&app, &a, &b).await;
    let c = start(&app, &a, &b).await;
    let (status, long) = say(&app, &a, &c, "m-0", &"x".repeat(4_001)).await;
    assert_eq!(
        (status, long["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_message")),
        "4,000 characters at most"
    );
    assert_eq!(
        say(&app, &a, &c, "m-4000", &"x".repeat(4_000)).await.0,
        StatusCode::CREATED
    );
    let (_, message) = say(&app, &a, &c, "m-1", "Alhamdulillah").await;
    let id = message["id"].as_str().unwrap();
    let mut a_ws = socket(&app, &a).await;
    let react = format!("/chat/messages/{id}/react");
    for emoji in ["👍", "🤲"] {
        assert_eq!(
            call(&app, Method::PUT, &react, &b, json!({ "emoji": emoji }))
                .await
                .0,
            StatusCode::NO_CONTENT
        );
        assert_eq!(event(&mut a_ws, "reaction_changed").await["emoji"], emoji);
    }
    let path = format!("/chat/conversations/{c}/messages");
    let (_, history) = call(&app, Method::GET, &path, &a, Value::Null).await;
    let reactions = |seq: usize| history[seq]["reactions"].clone();
    assert_eq!(
        (reactions(0), reactions(1)),
        (json!([{ "user_id": b.id, "emoji": "🤲" }]), json!([])),
        "the history carries the one reaction each member has now"
    );
    let (status, bad) = call(&app, Method::PUT, &react, &b, json!({ "emoji": "💩" })).await;
    assert_eq!(
        (status, bad["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_reaction"))
    );
    assert_eq!(
        call(&app, Method::DELETE, &react, &b, Value::Null).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        event(&mut a_ws, "reaction_changed").await["emoji"],
        Value::Null,
        "removed"
    );
    let report = format!("/chat/messages/{id}/report");
    assert_eq!(
        call(&app, Method::POST, &report, &b, json!({ "reason": "spam" }))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.state.store.reports_of(id).await.unwrap(),
        1,
        "stored for moderators"
    );
    assert_eq!(
        say(&app, &a, &c, "m-2", "third").await.0,
        StatusCode::CREATED
    );
    let (status, limited) = say(&app, &a, &c, "m-3", "one too many").await;
    assert_eq!(
        (status, limited["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too_many_messages")),
        "3 a minute"
    );
}

async fn a_group_conversation_is_its_members_and_its_admins_moderate(backend: Backend) {
    let app = spawn_app(backend).await;
    let (a, b, c) = (
        person(&app, "amina").await,
        person(&app, "bilal").await,
        person(&app, "carim").await,
    );
    let body = json!({ "name": "Fajr Circle", "privacy": "private" });
    let (status, group) = call(&app, Method::POST, "/groups", &a, body).await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let code = group["invite_code"].clone();
    assert_eq!(
        call(
            &app,
            Method::POST,
            "/groups/join",
            &b,
            json!({ "invite_code": code })
        )
        .await
        .0,
        StatusCode::OK
    );
    let (_, list) = app.get("/api/v1/chat/conversations", Some(&b.token)).await;
    assert_eq!(
        (list[0]["kind"].clone(), list[0]["title"].clone()),
        (json!("group"), json!("Fajr Circle")),
        "{list}"
    );
    let conversation = list[0]["id"].as_str().unwrap().to_owned();
    let (_, none) = app.get("/api/v1/chat/conversations", Some(&c.token)).await;
    assert_eq!(none, json!([]), "not a member, no conversation");
    let mut a_ws = socket(&app, &a).await;
    let mut c_ws = socket(&app, &c).await;

    let mute = format!("/chat/conversations/{conversation}/mutes/{}", b.id);
    assert_eq!(
        call(&app, Method::POST, &mute, &b, Value::Null).await.0,
        StatusCode::FORBIDDEN,
        "members cannot mute"
    );
    assert_eq!(
        call(&app, Method::POST, &mute, &a, Value::Null).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, muted) = say(&app, &b, &conversation, "g-1", "hello").await;
    assert_eq!(
        (status, muted["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("muted"))
    );
    assert_eq!(
        call(&app, Method::DELETE, &mute, &a, Value::Null).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, message) = say(&app, &b, &conversation, "g-2", "hello").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(event(&mut a_ws, "message_created").await["body"], "hello");
    let path = format!("/chat/messages/{}", message["id"].as_str().unwrap());
    assert_eq!(
        call(&app, Method::DELETE, &path, &a, Value::Null).await.0,
        StatusCode::NO_CONTENT,
        "an admin deletes any message"
    );
    assert_eq!(
        event(&mut a_ws, "message_deleted").await["id"],
        message["id"]
    );

    assert_eq!(
        call(
            &app,
            Method::POST,
            &format!("/users/{}/block", b.id),
            &a,
            Value::Null
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        say(&app, &b, &conversation, "g-3", "hidden from amina")
            .await
            .0,
        StatusCode::CREATED
    );
    let (_, history) = app
        .get(
            &format!("/api/v1/chat/conversations/{conversation}/messages"),
            Some(&a.token),
        )
        .await;
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["body"] != "hidden from amina"),
        "the blocker does not see it: {history}"
    );
    assert_eq!(
        say(&app, &a, &conversation, "g-4", "from the admin")
            .await
            .0,
        StatusCode::CREATED
    );
    assert_eq!(
        event(&mut a_ws, "message_created").await["body"],
        "from the admin",
        "the blocked member's message never reached amina"
    );
    friends(&app, &a, &c).await;
    let first = next_json(&mut c_ws).await;
    assert_eq!(
        first["kind"], "followed",
        "a non-member never gets the group's events: {first}"
    );
}

on_both_backends!(
    friends_chat_live_and_a_resend_is_one_message,
    strangers_cannot_start_read_or_overhear_a_conversation,
    a_block_stops_messages_both_ways_until_lifted,
    a_message_can_be_edited_for_fifteen_minutes_and_deleted_by_its_sender,
    reactions_reports_and_limits,
    a_group_conversation_is_its_members_and_its_admins_moderate,
);
