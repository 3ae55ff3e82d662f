//! The notification inbox and the filtered and typing parts of the live
//! socket, on both backends: group joins and chat mentions notified live
//! and in the inbox, read marks, per-kind settings, typing notes, and
//! `/ws/chat/{id}` and `/ws/notifications`.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{
    block, call, event, expect, friends, get, nothing_before_now, persons, private_group, race,
    signed_in_again, socket, socket_at, status, Person,
};
use common::{
    close_code, next_json, send_json, spawn_app, spawn_app_at, spawn_app_at_with, Backend, TestApp,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A plain Wednesday noon in UTC (10 June 2026): rules read the server's
/// clock, never the machine's.
const NOON: i64 = 1_781_092_800;

async fn inbox(app: &TestApp, who: &Person, query: &str) -> Value {
    let path = format!("/notifications{query}");
    get(app, who, &path).await
}

/// Joins the group with `code` as `who`.
async fn join(app: &TestApp, who: &Person, code: &Value) {
    let body = json!({ "invite_code": code });
    expect(
        app,
        (Method::POST, "/groups/join"),
        who,
        body,
        StatusCode::OK,
    )
    .await;
}

/// A private group of `admin`: its invite code.
async fn group_code(app: &TestApp, admin: &Person) -> Value {
    private_group(app, admin, &[]).await["invite_code"].clone()
}

/// The conversation of `who`'s first listed conversation.
async fn first_conversation(app: &TestApp, who: &Person) -> String {
    let list = get(app, who, "/chat/conversations").await;
    list[0]["id"].as_str().unwrap().to_owned()
}

async fn say(
    app: &TestApp,
    who: &Person,
    conversation: &str,
    client_id: &str,
    body: &str,
) -> Value {
    let path = format!("/chat/conversations/{conversation}/messages");
    let request = json!({ "client_id": client_id, "body": body });
    expect(
        app,
        (Method::POST, &path),
        who,
        request,
        StatusCode::CREATED,
    )
    .await
}

async fn a_join_notifies_the_admins_live_and_the_inbox_counts_pages_and_reads(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, b, c, d, other] =
        persons(&app, ["amina", "bilal", "carim", "dawud", "ehsan"]).await;
    let code = group_code(&app, &admin).await;
    let mut ws = socket(&app, &admin).await;
    join(&app, &b, &code).await;
    let live = event(&mut ws, "notification").await;
    assert_eq!(live["data"]["kind"], "group_join");
    assert_eq!(live["data"]["data"]["by"]["username"], "bilal");
    assert_eq!(live["data"]["data"]["group_name"], "Fajr Circle");
    assert_eq!(live["data"]["read"], false);
    join(&app, &b, &code).await;
    join(&app, &c, &code).await;
    join(&app, &d, &code).await;
    for name in ["carim", "dawud"] {
        let live = event(&mut ws, "notification").await;
        assert_eq!(
            live["data"]["data"]["by"]["username"], name,
            "joining again told nobody: {live}"
        );
    }

    let first = inbox(&app, &admin, "?limit=2").await;
    assert_eq!(first["unread"], 3, "{first}");
    let names: Vec<&Value> = first["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["data"]["by"]["username"])
        .collect();
    assert_eq!(
        names,
        vec![&json!("dawud"), &json!("carim")],
        "newest first"
    );
    let before = first["next_before"].as_i64().unwrap();
    let rest = inbox(&app, &admin, &format!("?limit=2&before={before}")).await;
    assert_eq!(rest["notifications"][0]["data"]["by"]["username"], "bilal");
    assert_eq!(rest["next_before"], Value::Null, "the last page");
    assert!(
        inbox(&app, &b, "").await["notifications"]
            .as_array()
            .unwrap()
            .is_empty(),
        "members are not told"
    );

    let id = first["notifications"][0]["id"].as_i64().unwrap();
    let path = format!("/notifications/{id}/read");
    let body = expect(
        &app,
        (Method::POST, &path),
        &other,
        Value::Null,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(body["code"], "notification_not_found", "not someone else's");
    assert_eq!(
        status(&app, Method::POST, &path, &admin).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        status(&app, Method::POST, &path, &admin).await,
        StatusCode::NO_CONTENT
    );
    let after = inbox(&app, &admin, "").await;
    assert_eq!(after["unread"], 2, "one read, once: {after}");
    assert_eq!(after["notifications"][0]["read"], true);
    assert_eq!(
        status(&app, Method::POST, "/notifications/read-all", &admin).await,
        StatusCode::NO_CONTENT
    );
    let all = inbox(&app, &admin, "").await;
    assert_eq!(all["unread"], 0);
    assert!(all["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["read"] == true));
}

async fn a_kind_turned_off_is_neither_stored_nor_delivered(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, b, c, zaid] = persons(&app, ["amina", "bilal", "carim", "zaid"]).await;
    let settings = get(&app, &admin, "/notifications/settings").await;
    assert!(
        settings.as_object().unwrap().values().all(|on| on == true),
        "all on at first: {settings}"
    );
    assert_eq!(settings.as_object().unwrap().len(), 8, "{settings}");
    let body = json!({ "group_join": false });
    let changed = expect(
        &app,
        (Method::PUT, "/notifications/settings"),
        &admin,
        body,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            changed["group_join"].clone(),
            changed["chat_mention"].clone()
        ),
        (json!(false), json!(true)),
        "only what was sent changed"
    );
    let (status, body) = call(
        &app,
        Method::PUT,
        "/notifications/settings",
        &admin,
        json!({ "daily": false }),
    )
    .await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_body"))
    );

    let code = group_code(&app, &admin).await;
    let mut ws = socket(&app, &admin).await;
    join(&app, &b, &code).await;
    nothing_before_now(
        &app,
        &mut ws,
        &zaid,
        &admin,
        "a kind turned off is not delivered",
    )
    .await;
    assert!(
        inbox(&app, &admin, "").await["notifications"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nor stored"
    );

    let body = json!({ "group_join": true });
    expect(
        &app,
        (Method::PUT, "/notifications/settings"),
        &admin,
        body,
        StatusCode::OK,
    )
    .await;
    join(&app, &c, &code).await;
    assert_eq!(
        event(&mut ws, "notification").await["data"]["data"]["by"]["username"],
        "carim",
        "on again"
    );
}

async fn a_mention_notifies_the_named_members_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let [a, b, c, d] = persons(&app, ["amina", "bilal", "carim", "dawud"]).await;
    private_group(&app, &a, &[&b, &c]).await;
    block(&app, &c, &a).await;
    let conversation = first_conversation(&app, &a).await;
    let mut b_ws = socket(&app, &b).await;
    let message = say(
        &app,
        &a,
        &conversation,
        "m-1",
        "@Bilal @carim @dawud @amina read al-Mulk tonight",
    )
    .await;
    event(&mut b_ws, "message_created").await;
    let told = event(&mut b_ws, "notification").await;
    assert_eq!(told["data"]["kind"], "chat_mention");
    assert_eq!(told["data"]["data"]["message_id"], message["id"]);
    assert_eq!(told["data"]["data"]["conversation_id"], json!(conversation));
    assert_eq!(told["data"]["data"]["by"]["username"], "amina");
    for (who, why) in [
        (&a, "not the sender"),
        (&c, "not one who blocks the sender"),
        (&d, "not a non-member"),
    ] {
        let got = inbox(&app, who, "").await;
        let mentions = got["notifications"].as_array().unwrap().iter();
        assert!(
            mentions.filter(|n| n["kind"] == "chat_mention").count() == 0,
            "{why}: {got}"
        );
    }
}

async fn typing_reaches_the_other_members_only_and_is_rate_limited(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a, b, c, d, zaid] = persons(&app, ["amina", "bilal", "carim", "dawud", "zaid"]).await;
    private_group(&app, &a, &[&b, &c]).await;
    block(&app, &c, &a).await;
    let conversation = first_conversation(&app, &a).await;
    let [mut a_ws, mut b_ws, mut c_ws, mut d_ws] = [
        socket(&app, &a).await,
        socket(&app, &b).await,
        socket(&app, &c).await,
        socket(&app, &d).await,
    ];
    send_json(
        &mut a_ws,
        json!({ "type": "typing", "conversation_id": conversation }),
    )
    .await;
    let note = next_json(&mut b_ws).await;
    assert_eq!(note["type"], "typing", "{note}");
    assert_eq!(note["conversation_id"], json!(conversation));
    assert_eq!(note["user"]["username"], "amina");
    assert!(
        note.get("seq").is_none(),
        "typing notes are not numbered (not stored)"
    );

    let path = format!("/chat/conversations/{conversation}/typing");
    assert_eq!(
        status(&app, Method::POST, &path, &a).await,
        StatusCode::TOO_MANY_REQUESTS,
        "one note every 3 seconds"
    );
    app.advance(3);
    assert_eq!(
        status(&app, Method::POST, &path, &a).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        next_json(&mut b_ws).await["type"],
        "typing",
        "three seconds on, told again"
    );
    let body = expect(
        &app,
        (Method::POST, &path),
        &d,
        Value::Null,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(
        body["code"], "conversation_not_found",
        "a non-member cannot type there"
    );

    let why = "no typing note reached the typist, one who blocks them, or a non-member";
    nothing_before_now(&app, &mut a_ws, &zaid, &a, why).await;
    nothing_before_now(&app, &mut c_ws, &zaid, &c, why).await;
    nothing_before_now(&app, &mut d_ws, &zaid, &d, why).await;
}

async fn a_chat_socket_carries_its_conversation_only_resumes_and_refuses_strangers(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let [a, b, c, stranger] = persons(&app, ["amina", "bilal", "carim", "dawud"]).await;
    friends(&app, &a, &b).await;
    friends(&app, &a, &c).await;
    let start = |with: &Person| json!({ "user_id": with.id });
    let with_b = expect(
        &app,
        (Method::POST, "/chat/conversations"),
        &a,
        start(&b),
        StatusCode::OK,
    )
    .await;
    let with_c = expect(
        &app,
        (Method::POST, "/chat/conversations"),
        &a,
        start(&c),
        StatusCode::OK,
    )
    .await;
    let (with_b, with_c) = (
        with_b["id"].as_str().unwrap(),
        with_c["id"].as_str().unwrap(),
    );
    let chat = format!("/chat/{with_b}");
    let (mut ws, ready) = socket_at(&app, &a, &chat).await;

    say(&app, &b, with_b, "b-1", "one").await;
    say(&app, &c, with_c, "c-1", "elsewhere").await;
    say(&app, &b, with_b, "b-2", "two").await;
    let first = event(&mut ws, "message_created").await;
    let second = event(&mut ws, "message_created").await;
    assert_eq!(
        (
            first["data"]["body"].clone(),
            second["data"]["body"].clone()
        ),
        (json!("one"), json!("two")),
        "the other conversation's message never came"
    );
    let (one, two) = (
        first["seq"].as_i64().unwrap(),
        second["seq"].as_i64().unwrap(),
    );
    assert_eq!(
        (one, two),
        (ready + 1, ready + 3),
        "numbers are the user's own: they skip what the socket leaves out"
    );
    drop(ws);

    say(&app, &c, with_c, "c-2", "elsewhere again").await;
    say(&app, &b, with_b, "b-3", "three").await;
    let (mut ws, resumed) = {
        let mut ws = app.ws(Some(&a.token), &format!("{chat}?after={one}")).await;
        let missed = event(&mut ws, "message_created").await;
        assert_eq!(
            missed["data"]["body"], "two",
            "resumed after the last seen, in order"
        );
        let three = event(&mut ws, "message_created").await;
        assert_eq!(
            three["data"]["body"], "three",
            "the other conversation's is skipped"
        );
        let ready = next_json(&mut ws).await;
        (ws, ready)
    };
    assert_eq!(resumed["type"], "ready");
    assert_eq!(
        resumed["seq"].as_i64().unwrap(),
        two + 2,
        "ready is at the user's last number"
    );
    say(&app, &b, with_b, "b-4", "four").await;
    assert_eq!(
        event(&mut ws, "message_created").await["data"]["body"],
        "four",
        "then live"
    );

    let refused = app.try_ws(Some(&stranger.token), &chat).await.err();
    assert_eq!(
        refused,
        Some(StatusCode::NOT_FOUND),
        "a non-member is refused before the upgrade"
    );
    let mut by_message = app.ws(None, &chat).await;
    send_json(
        &mut by_message,
        json!({ "type": "auth", "token": stranger.token }),
    )
    .await;
    assert_eq!(
        close_code(&mut by_message).await,
        Some(4003),
        "or closed with 4003 after an auth message"
    );
    let missing = app
        .try_ws(Some(&a.token), "/chat/no-such-conversation")
        .await
        .err();
    assert_eq!(missing, Some(StatusCode::NOT_FOUND));
}

async fn the_notifications_socket_carries_notifications_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, b, c] = persons(&app, ["amina", "bilal", "carim"]).await;
    let code = group_code(&app, &admin).await;
    let (mut ws, ready) = socket_at(&app, &admin, "/notifications").await;
    friends(&app, &admin, &b).await;
    join(&app, &c, &code).await;
    let told = event(&mut ws, "notification").await;
    assert_eq!(
        told["data"]["data"]["by"]["username"], "carim",
        "the follow before it was left out: {told}"
    );
    assert_eq!(
        told["seq"].as_i64().unwrap(),
        ready + 2,
        "its number is the user's own, past the skipped follow"
    );
}

/// RFC 3339 for a Unix second.
fn at(second: i64) -> String {
    jiff::Timestamp::from_second(second).unwrap().to_string()
}

async fn a_competition_tells_its_start_and_final_ranks_and_posts_each_result(backend: Backend) {
    // The timer is off: the test calls the announcement itself.
    let app = spawn_app_at_with(backend, NOON, &["--announce-seconds", "0"]).await;
    let [a, b, c] = persons(&app, ["amina", "bilal", "carim"]).await;
    race(&app, &a, &[&a, &b], (NOON + 60, NOON + 7_200)).await;
    let [mut a_ws, mut b_ws, mut c_ws] = [
        socket(&app, &a).await,
        socket(&app, &b).await,
        socket(&app, &c).await,
    ];
    companion_server::announce_competitions(&app.state).await;
    app.advance(120);
    companion_server::announce_competitions(&app.state).await;
    companion_server::announce_competitions(&app.state).await;
    for ws in [&mut a_ws, &mut b_ws] {
        let told = event(ws, "notification").await;
        assert_eq!(told["data"]["kind"], "competition_start", "{told}");
        assert_eq!(told["data"]["data"]["name"], "Ramadan race");
    }
    let read = json!({ "id": "race-fatihah", "type": "reading_session", "data": {
        "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
        "start_time": at(NOON + 130), "end_time": at(NOON + 190), "duration_seconds": 60 } });
    expect(
        &app,
        (Method::POST, "/sync/push"),
        &a,
        json!({ "events": [read] }),
        StatusCode::OK,
    )
    .await;
    for _ in ["first_session", "first_surah"] {
        event(&mut a_ws, "feed_post").await; // amina's own achievement posts
    }
    let why = "told once, and never to a non-participant";
    nothing_before_now(&app, &mut a_ws, &c, &a, why).await;
    nothing_before_now(&app, &mut b_ws, &c, &b, why).await;
    nothing_before_now(&app, &mut c_ws, &a, &c, why).await;

    app.advance(7_200 + 86_400);
    companion_server::announce_competitions(&app.state).await;
    // A day on, the first tokens have expired.
    let (a, b) = (
        signed_in_again(&app, a).await,
        signed_in_again(&app, b).await,
    );
    let ended = get(&app, &a, "/notifications").await;
    assert_eq!(
        ended["notifications"][0]["kind"], "competition_end",
        "{ended}"
    );
    assert_eq!(
        ended["notifications"][0]["data"]["rank"], 1,
        "amina read the most"
    );
    let other = get(&app, &b, "/notifications").await;
    assert_eq!(
        other["notifications"][0]["kind"], "competition_end",
        "{other}"
    );
    assert_ne!(other["notifications"][0]["data"]["rank"], 1);
    let posts = get(&app, &a, "/feed").await;
    assert_eq!(
        posts["posts"][0]["milestone"],
        json!({ "name": "competition", "value": 1 }),
        "{posts}"
    );
    assert_eq!(
        posts["posts"][0]["visibility"], "private",
        "milestones are private by default"
    );
    companion_server::announce_competitions(&app.state).await;
    assert_eq!(
        get(&app, &a, "/notifications").await["notifications"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "each phase is told once"
    );
}

on_both_backends!(
    a_competition_tells_its_start_and_final_ranks_and_posts_each_result,
    a_join_notifies_the_admins_live_and_the_inbox_counts_pages_and_reads,
    a_kind_turned_off_is_neither_stored_nor_delivered,
    a_mention_notifies_the_named_members_only,
    typing_reaches_the_other_members_only_and_is_rate_limited,
    a_chat_socket_carries_its_conversation_only_resumes_and_refuses_strangers,
    the_notifications_socket_carries_notifications_only,
);
