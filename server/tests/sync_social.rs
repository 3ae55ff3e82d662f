//! Sync, progress, follows, groups, competitions and leaderboards over
//! HTTP, on both backends. Authorization rules are proved with a second
//! (and third) user.

#![allow(clippy::unwrap_used)]

mod common;

use common::{spawn_app_at, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Hasanat for reading Al-Fatihah: 139 letters (SPEC.md).
const FATIHAH_HASANAT: i64 = 1390;

/// A signed-in test user.
struct User {
    id: String,
    token: String,
}

async fn user(app: &TestApp, name: &str) -> User {
    let email = format!("{name}@example.com");
    let created = app.register(&email, name).await;
    User {
        id: created["id"].as_str().unwrap().to_owned(),
        token: app.access_token(&email).await,
    }
}

/// The same user with a new access token.
async fn signed_in_again(app: &TestApp, name: &str, who: User) -> User {
    User {
        token: app.access_token(&format!("{name}@example.com")).await,
        ..who
    }
}

/// RFC 3339 for a Unix second, in UTC (`Z`).
fn at(second: i64) -> String {
    jiff::Timestamp::from_second(second).unwrap().to_string()
}

/// The instant the server's clock is pinned at in these tests: a plain
/// Wednesday noon in UTC (10 June 2026), so that no test depends on the
/// hour it runs at. Tests about day boundaries pin instants of their own.
fn now() -> i64 {
    local("UTC", "2026-06-10T12:00:00")
}

/// Unix seconds of a civil date and time in an IANA zone.
fn local(zone: &str, civil: &str) -> i64 {
    let time: jiff::civil::DateTime = civil.parse().unwrap();
    let zone = jiff::tz::TimeZone::get(zone).unwrap();
    time.to_zoned(zone).unwrap().timestamp().as_second()
}

/// A reading-session event for `surah:start-end` that began `ago` seconds
/// before [`now`] and lasted `seconds`.
fn session(id: &str, surah: i64, start: i64, end: i64, ago: i64, seconds: i64) -> Value {
    session_from(id, surah, start, end, now() - ago, seconds)
}

/// A reading-session event that began at Unix second `began`.
fn session_from(id: &str, surah: i64, start: i64, end: i64, began: i64, seconds: i64) -> Value {
    json!({
        "id": id,
        "type": "reading_session",
        "data": {
            "surah_number": surah,
            "start_ayah": start,
            "end_ayah": end,
            "start_time": at(began),
            "end_time": at(began + seconds),
            "duration_seconds": seconds,
            "session_type": "reading",
        }
    })
}

impl TestApp {
    async fn call(
        &self,
        method: Method,
        path: &str,
        who: &User,
        body: Value,
    ) -> (StatusCode, Value) {
        self.send(method, &format!("/api/v1{path}"), &who.token, body)
            .await
    }

    async fn read(&self, path: &str, who: &User) -> (StatusCode, Value) {
        self.get(&format!("/api/v1{path}"), Some(&who.token)).await
    }

    async fn push(&self, who: &User, events: Vec<Value>) -> Value {
        let (status, body) = self
            .call(Method::POST, "/sync/push", who, json!({ "events": events }))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn set(&self, who: &User, profile: Value) {
        let (status, body) = self.call(Method::PATCH, "/users/me", who, profile).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    async fn hasanat(&self, who: &User) -> i64 {
        let (status, body) = self.read("/hasanat", who).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["total"].as_i64().unwrap()
    }
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

fn scores(board: &Value) -> Vec<f64> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["score"].as_f64().unwrap())
        .collect()
}

fn usernames(board: &Value) -> Vec<&str> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["username"].as_str().unwrap())
        .collect()
}

async fn a_replayed_batch_changes_nothing_and_another_device_pulls_it(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let batch = vec![
        session("phone-0001", 1, 1, 7, 3600, 300),
        session("phone-0002", 112, 1, 4, 1800, 60),
        json!({ "id": "phone-0003", "type": "bookmark_added", "data": { "surah_number": 2, "ayah_number": 255, "note": "Ayat al-Kursi" } }),
    ];
    let first = app.push(&alice, batch.clone()).await;
    assert_eq!(
        ids(&first["accepted"]),
        ["phone-0001", "phone-0002", "phone-0003"]
    );
    let after_first = app.hasanat(&alice).await;
    assert!(after_first > FATIHAH_HASANAT, "{after_first}");

    // The same batch again (a retry after a lost response): nothing changes.
    let again = app.push(&alice, batch.clone()).await;
    assert_eq!(ids(&again["accepted"]), Vec::<&str>::new());
    assert_eq!(ids(&again["duplicates"]).len(), 3);
    assert_eq!(app.hasanat(&alice).await, after_first);

    // A new batch sent at once from two devices counts once.
    let both = vec![session("tablet-001", 1, 1, 7, 600, 120)];
    let (a, b) = tokio::join!(app.push(&alice, both.clone()), app.push(&alice, both));
    let accepted = ids(&a["accepted"]).len() + ids(&b["accepted"]).len();
    let duplicates = ids(&a["duplicates"]).len() + ids(&b["duplicates"]).len();
    assert_eq!((accepted, duplicates), (1, 1), "{a} {b}");
    assert_eq!(app.hasanat(&alice).await, after_first + FATIHAH_HASANAT);

    // Another device pulls everything in order, in pages.
    let (status, page) = app.read("/sync/pull?cursor=0&limit=2", &alice).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let got: Vec<&str> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["phone-0001", "phone-0002"]);
    assert_eq!(page["more"], true);
    assert_eq!(page["events"][0]["data"]["surah_number"], 1);
    let cursor = page["cursor"].as_i64().unwrap();
    let (_, rest) = app
        .read(&format!("/sync/pull?cursor={cursor}&limit=50"), &alice)
        .await;
    let got: Vec<&str> = rest["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["phone-0003", "tablet-001"]);
    assert_eq!(rest["more"], false);
    assert_eq!(rest["events"][0]["data"]["note"], "Ayat al-Kursi");
    let end = rest["cursor"].as_i64().unwrap();
    let (_, empty) = app.read(&format!("/sync/pull?cursor={end}"), &alice).await;
    assert_eq!(empty["events"].as_array().unwrap().len(), 0);
    assert_eq!(empty["cursor"], end);

    // Someone else's events are theirs alone.
    let bob = user(&app, "bob").await;
    let (_, theirs) = app.read("/sync/pull?cursor=0", &bob).await;
    assert_eq!(theirs["events"].as_array().unwrap().len(), 0);
    assert_eq!(app.hasanat(&bob).await, 0);
    let (status, _) = app.read("/progress/sessions/phone-0001", &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn impossible_sessions_are_rejected_with_stable_codes(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let mut future = session("future-01", 1, 1, 7, 0, 60);
    future["data"]["start_time"] = json!(at(now() + 86_400));
    future["data"]["end_time"] = json!(at(now() + 86_500));
    let mut long = session("too-long-1", 1, 1, 7, 3600, 60);
    long["data"]["duration_seconds"] = json!(7200);
    let pushed = app
        .push(
            &alice,
            vec![
                session("unknown-1", 115, 1, 1, 3600, 60),
                session("unknown-2", 1, 1, 8, 3600, 60),
                session("backwards", 2, 10, 5, 3600, 60),
                future,
                long,
                json!({ "id": "x", "type": "reading_session", "data": {} }),
                json!({ "id": "weird-type", "type": "hasanat_claim", "data": { "hasanat": 1000000 } }),
                json!({ "id": "claiming", "type": "reading_session", "data": {
                    "surah_number": 1, "start_ayah": 1, "end_ayah": 7, "start_time": at(now() - 100),
                    "end_time": at(now() - 50), "duration_seconds": 50, "hasanat": 999999 } }),
                session("fine-0001", 1, 1, 7, 3600, 60),
            ],
        )
        .await;
    let codes: Vec<(&str, &str)> = pushed["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("unknown-1", "unknown_ayah"),
            ("unknown-2", "unknown_ayah"),
            ("backwards", "invalid_range"),
            ("future-01", "future_time"),
            ("too-long-1", "invalid_duration"),
            ("x", "invalid_event_id"),
            ("weird-type", "invalid_event_type"),
            ("claiming", "invalid_event"),
        ]
    );
    assert_eq!(ids(&pushed["accepted"]), ["fine-0001"]);
    assert_eq!(
        app.hasanat(&alice).await,
        FATIHAH_HASANAT,
        "clients never claim totals"
    );

    // More than a day of reading on one local day (alice's zone is UTC):
    // the session that would pass 24 hours is refused. Both start on the
    // day before yesterday; the second ends the next day.
    let morning = local("UTC", "2026-06-08T00:30:00");
    let day = vec![
        session_from("long-0001", 2, 1, 5, morning, 50_000),
        session_from("long-0002", 2, 6, 7, morning + 50_000, 40_000),
    ];
    let pushed = app.push(&alice, day).await;
    assert_eq!(ids(&pushed["accepted"]), ["long-0001"], "{pushed}");
    assert_eq!(pushed["rejected"][0]["code"], "too_much_reading");

    // Limits on the batch itself.
    let many: Vec<Value> = (0..501)
        .map(|i| session(&format!("many-{i:05}"), 1, 1, 1, 3600, 1))
        .collect();
    let (status, body) = app
        .call(
            Method::POST,
            "/sync/push",
            &alice,
            json!({ "events": many }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "too_many_events");
    let huge = json!({ "events": [{ "id": "huge-0001", "type": "settings", "data": { "x": "y".repeat(2_000_000) } }] });
    let (status, body) = app.call(Method::POST, "/sync/push", &alice, huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let (status, body) = app
        .call(
            Method::POST,
            "/sync/push",
            &alice,
            json!({ "events": "nope" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_body");
    let (status, _) = app.post("/api/v1/sync/push", json!({ "events": [] })).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app.read("/sync/pull?cursor=abc", &alice).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_query");

    // One session at a time: 201, then 200 with the same session on retry.
    let one = session("single-001", 1, 1, 7, 7200, 60);
    let mut body = one["data"].clone();
    body["id"] = one["id"].clone();
    let (status, created) = app
        .call(Method::POST, "/progress/sessions", &alice, body.clone())
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["hasanat"], FATIHAH_HASANAT);
    assert_eq!(created["ayahs_read"], 7);
    assert_eq!(created["pages_read"], 1.0);
    let (status, again) = app
        .call(Method::POST, "/progress/sessions", &alice, body.clone())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, created);
    body["id"] = json!("single-002");
    body["end_ayah"] = json!(99);
    let (status, refused) = app
        .call(Method::POST, "/progress/sessions", &alice, body)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["code"], "unknown_ayah");
    let (status, list) = app.read("/progress/sessions?limit=2", &alice).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let newest: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(newest, ["fine-0001", "single-001"], "newest first");
}

async fn stats_streaks_and_history_follow_the_local_day(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    // A zone and the local time of "now" there: an ordinary evening; five
    // minutes into a day, a week and a month; minutes after clocks spring
    // forward; the last minutes of the 25-hour day when they fall back.
    let cases = [
        ("Asia/Karachi", "2026-06-10T17:00:00"),
        ("Asia/Karachi", "2026-06-01T00:05:00"),
        ("America/New_York", "2026-03-08T03:05:00"),
        ("Europe/London", "2026-10-25T23:58:00"),
    ];
    for (n, (zone, civil)) in cases.into_iter().enumerate() {
        app.set_time(local(zone, civil));
        streak_stats_and_history(&app, &format!("reader{n}"), zone).await;
    }
}

/// Reads Al-Fatihah today and 1, 2 and 5 days ago (local noon, or just
/// after midnight when today's noon is still to come) and checks the
/// streak, stats and history that follow.
async fn streak_stats_and_history(app: &TestApp, name: &str, zone_name: &str) {
    let alice = user(app, name).await;
    app.set(&alice, json!({ "time_zone": zone_name })).await;
    let zone = jiff::tz::TimeZone::get(zone_name).unwrap();
    let now = app.now();
    let today = jiff::Timestamp::from_second(now)
        .unwrap()
        .to_zoned(zone.clone())
        .date();
    let local = |days_back: i64| {
        let day = today
            .checked_sub(jiff::Span::new().days(days_back))
            .unwrap();
        let noon = day.at(12, 0, 0, 0).to_zoned(zone.clone()).unwrap();
        let second = noon.timestamp().as_second().min(now - 120);
        let offset_form = jiff::Timestamp::from_second(second)
            .unwrap()
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        (second, offset_form)
    };
    let mut events = Vec::new();
    for (n, back) in [2, 1, 0, 5].into_iter().enumerate() {
        let (second, text) = local(back);
        events.push(json!({
            "id": format!("streak-{n:04}"),
            "type": "reading_session",
            "data": {
                "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
                "start_time": text, "end_time": at(second + 60), "duration_seconds": 60,
            }
        }));
    }
    let pushed = app.push(&alice, events).await;
    assert_eq!(ids(&pushed["accepted"]).len(), 4, "{zone_name}: {pushed}");

    let (status, streak) = app.read("/progress/streak", &alice).await;
    assert_eq!(status, StatusCode::OK, "{streak}");
    assert_eq!(streak["current_streak"], 3, "{zone_name}: {streak}");
    assert_eq!(streak["longest_streak"], 3);
    assert_eq!(streak["today_done"], true);
    assert_eq!(streak["last_read_date"], today.to_string());
    assert_eq!(streak["time_zone"], zone_name);

    let (_, stats) = app.read("/progress/stats", &alice).await;
    assert_eq!(stats["all_time"]["hasanat"], 4 * FATIHAH_HASANAT);
    assert_eq!(stats["today"]["hasanat"], FATIHAH_HASANAT, "{zone_name}");
    assert_eq!(stats["week"]["hasanat"], 4 * FATIHAH_HASANAT, "{zone_name}");
    assert_eq!(stats["all_time"]["pages"], 4.0);
    assert_eq!(stats["distinct_ayahs"], 7);

    let (_, history) = app.read("/hasanat/history?days=7", &alice).await;
    let days = history.as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[6]["date"], today.to_string());
    let per_day: Vec<i64> = days
        .iter()
        .map(|d| d["hasanat"].as_i64().unwrap())
        .collect();
    let f = FATIHAH_HASANAT;
    assert_eq!(per_day, [0, f, 0, 0, f, f, f], "{zone_name}");
    let (status, body) = app.read("/hasanat/history?days=0", &alice).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_days");
}

async fn friends_are_mutual_follows_and_boards_respect_visibility(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let carol = user(&app, "carol").await;
    app.push(&alice, vec![session("a-000001", 1, 1, 7, 600, 60)])
        .await;
    app.push(&bob, vec![session("b-000001", 2, 1, 5, 600, 60)])
        .await;
    app.push(&carol, vec![session("c-000001", 2, 1, 5, 600, 60)])
        .await;

    let (status, _) = app
        .call(
            Method::POST,
            &format!("/users/{}/follow", bob.id),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, friends) = app.read("/users/me/friends", &alice).await;
    assert_eq!(
        friends.as_array().unwrap().len(),
        0,
        "one way is not friends"
    );
    let (_, followers) = app.read("/users/me/followers", &bob).await;
    assert_eq!(followers[0]["username"], "alice");
    app.call(
        Method::POST,
        &format!("/users/{}/follow", alice.id),
        &bob,
        json!({}),
    )
    .await;
    let (_, friends) = app.read("/users/me/friends", &alice).await;
    assert_eq!(friends[0]["username"], "bob");
    let (status, body) = app
        .call(
            Method::POST,
            &format!("/users/{}/follow", alice.id),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "cannot_follow_self");
    let (status, _) = app
        .call(
            Method::POST,
            "/users/nobody-at-all/follow",
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Friends board: alice and bob, not carol; bob read more.
    let (status, board) = app.read("/leaderboard/friends", &alice).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    assert_eq!(usernames(&board), ["bob", "alice"]);
    assert_eq!(board["entries"][0]["rank"], 1);
    assert_eq!(board["me"]["rank"], 2);
    assert_eq!(board["me"]["score"], FATIHAH_HASANAT as f64);
    // Boards are cached, but a new session shows at once.
    app.push(&alice, vec![session("a-000002", 1, 1, 7, 300, 60)])
        .await;
    let (_, board) = app.read("/leaderboard/friends", &alice).await;
    assert_eq!(board["me"]["score"], 2.0 * FATIHAH_HASANAT as f64);
    assert_eq!(usernames(&board), ["alice", "bob"], "alice now leads");

    // Global board: only those who chose `everyone` (nobody by default).
    let (_, global) = app.read("/leaderboard/global?period=week", &carol).await;
    assert_eq!(usernames(&global), Vec::<&str>::new());
    assert_eq!(global["me"], Value::Null);
    app.set(&carol, json!({ "leaderboard_visibility": "everyone" }))
        .await;
    app.set(&alice, json!({ "leaderboard_visibility": "everyone" }))
        .await;
    let (_, global) = app.read("/leaderboard/global?metric=ayahs", &bob).await;
    assert_eq!(usernames(&global), ["alice", "carol"]);
    assert_eq!(global["entries"][0]["score"], 14.0);
    assert_eq!(global["metric"], "ayahs");

    // Stats of others: friends see each other; a stranger does not.
    let (status, _) = app.read(&format!("/users/{}/stats", bob.id), &alice).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app.read(&format!("/users/{}/stats", bob.id), &carol).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "stats_private");
    let (_, profile) = app.read(&format!("/users/{}", bob.id), &alice).await;
    assert_eq!(profile["friends"], true);
    assert!(profile.get("email").is_none(), "emails stay private");

    // Hidden means hidden, even from friends.
    app.set(&bob, json!({ "leaderboard_visibility": "hidden" }))
        .await;
    let (_, board) = app.read("/leaderboard/friends", &alice).await;
    assert_eq!(usernames(&board), ["alice"]);
    let (status, _) = app.read(&format!("/users/{}/stats", bob.id), &alice).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Unfollowing ends the friendship.
    app.call(
        Method::DELETE,
        &format!("/users/{}/follow", bob.id),
        &alice,
        json!({}),
    )
    .await;
    let (_, friends) = app.read("/users/me/friends", &bob).await;
    assert_eq!(friends.as_array().unwrap().len(), 0);

    for bad in ["period=year", "metric=letters", "limit=0", "limit=1000"] {
        let (status, body) = app
            .read(&format!("/leaderboard/global?{bad}"), &alice)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
}

async fn private_groups_are_for_members_and_admins_administer(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let carol = user(&app, "carol").await;
    let (status, group) = app
        .call(
            Method::POST,
            "/groups",
            &alice,
            json!({ "name": "Fajr Circle", "description": "After fajr", "privacy": "private", "member_limit": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let id = group["id"].as_str().unwrap().to_owned();
    let code = group["invite_code"].as_str().unwrap().to_owned();
    assert_eq!(group["my_role"], "admin");

    // A stranger cannot see it, its members, activity or board, nor join.
    for path in ["", "/members", "/activity", "/leaderboard"] {
        let (status, body) = app.read(&format!("/groups/{id}{path}"), &bob).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["code"], "group_not_found");
    }
    let (status, _) = app.read(&format!("/leaderboard/group/{id}"), &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, found) = app.read("/groups?q=fajr", &bob).await;
    assert_eq!(
        found.as_array().unwrap().len(),
        0,
        "private groups are not listed"
    );
    let (status, _) = app
        .call(Method::POST, &format!("/groups/{id}/join"), &bob, json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/groups/{id}/join"),
            &bob,
            json!({ "invite_code": "guess" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // With the code, bob is in: a member, not an admin.
    let (status, joined) = app
        .call(
            Method::POST,
            "/groups/join",
            &bob,
            json!({ "invite_code": code }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["my_role"], "member");
    assert_eq!(joined["invite_code"], Value::Null, "codes are for admins");
    assert_eq!(joined["member_count"], 2);
    let (status, again) = app
        .call(Method::POST, &format!("/groups/{id}/join"), &bob, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["member_count"], 2, "joining twice is one membership");

    // The limit holds.
    let (status, body) = app
        .call(
            Method::POST,
            "/groups/join",
            &carol,
            json!({ "invite_code": code }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "group_full");

    // Members cannot administer.
    for (method, path, body) in [
        (
            Method::PUT,
            format!("/groups/{id}"),
            json!({ "name": "Mine now" }),
        ),
        (Method::DELETE, format!("/groups/{id}"), json!({})),
        (
            Method::DELETE,
            format!("/groups/{id}/members/{}", alice.id),
            json!({}),
        ),
        (
            Method::POST,
            format!("/groups/{id}/members/{}/promote", bob.id),
            json!({}),
        ),
        (Method::POST, format!("/groups/{id}/invite-code"), json!({})),
    ] {
        let (status, answer) = app.call(method.clone(), &path, &bob, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {answer}");
        assert_eq!(answer["code"], "not_admin");
    }

    // Both read the same: they share rank 1.
    app.push(&alice, vec![session("a-000001", 1, 1, 7, 600, 60)])
        .await;
    app.push(&bob, vec![session("b-000001", 1, 1, 7, 600, 60)])
        .await;
    let (status, board) = app
        .read(&format!("/groups/{id}/leaderboard?period=today"), &bob)
        .await;
    assert_eq!(status, StatusCode::OK, "{board}");
    let ranks: Vec<i64> = board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rank"].as_i64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 1]);

    // The admin edits, promotes and renews the code.
    let (status, edited) = app
        .call(
            Method::PATCH,
            &format!("/groups/{id}"),
            &alice,
            json!({ "member_limit": 3, "description": "Daily" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["member_limit"], 3);
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/groups/{id}"),
            &alice,
            json!({ "member_limit": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/groups/{id}/members/{}/promote", bob.id),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, renewed) = app
        .call(
            Method::POST,
            &format!("/groups/{id}/invite-code"),
            &bob,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(renewed["invite_code"], code);
    let (status, _) = app
        .call(
            Method::POST,
            "/groups/join",
            &carol,
            json!({ "invite_code": code }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old code is dead");
    let (status, _) = app
        .call(
            Method::POST,
            "/groups/join",
            &carol,
            json!({ "invite_code": renewed["invite_code"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // Members, activity; removing and leaving.
    let (_, members) = app.read(&format!("/groups/{id}/members"), &carol).await;
    let roles: Vec<(&str, &str)> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["username"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [("alice", "admin"), ("bob", "admin"), ("carol", "member")]
    );
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/groups/{id}/members/{}", carol.id),
            &bob,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.read(&format!("/groups/{id}"), &carol).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a removed member is out");
    let (_, activity) = app.read(&format!("/groups/{id}/activity"), &alice).await;
    let kinds: Vec<&str> = activity
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["activity_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "member_removed",
            "member_joined",
            "member_joined",
            "group_created"
        ]
    );
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/groups/{id}/leave"),
            &alice,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, left) = app.read(&format!("/groups/{id}"), &bob).await;
    assert_eq!(left["member_count"], 1);
    // The last member leaving ends the group.
    app.call(
        Method::POST,
        &format!("/groups/{id}/leave"),
        &bob,
        json!({}),
    )
    .await;
    let (status, _) = app.read(&format!("/groups/{id}"), &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn public_groups_are_found_joined_and_validated(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    for name in ["Juz a Day", "Tahajjud Friends", "juz amma kids"] {
        let (status, _) = app
            .call(Method::POST, "/groups", &alice, json!({ "name": name }))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (_, found) = app.read("/groups?q=JUZ", &bob).await;
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Juz a Day", "juz amma kids"]);
    let (_, percent) = app.read("/groups?q=%25", &bob).await;
    assert_eq!(
        percent.as_array().unwrap().len(),
        0,
        "% is a character, not a wildcard"
    );
    let id = found[0]["id"].as_str().unwrap();
    let (status, joined) = app
        .call(
            Method::POST,
            &format!("/groups/{id}/join"),
            &bob,
            Value::Null,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    let (_, mine) = app.read("/users/me/groups", &bob).await;
    assert_eq!(mine[0]["name"], "Juz a Day");

    for (body, code) in [
        (json!({ "name": "ab" }), "invalid_name"),
        (json!({ "name": "x".repeat(101) }), "invalid_name"),
        (
            json!({ "name": "Fine", "privacy": "secret" }),
            "invalid_privacy",
        ),
        (
            json!({ "name": "Fine", "member_limit": 1 }),
            "invalid_member_limit",
        ),
        (
            json!({ "name": "Fine", "member_limit": 1_000_000 }),
            "invalid_member_limit",
        ),
        (json!({ "name": "Fine", "owner": "me" }), "invalid_body"),
    ] {
        let (status, answer) = app
            .call(Method::POST, "/groups", &alice, body.clone())
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(answer["code"], code, "{body}");
    }
}

/// A public competition on ayahs over `[start, end)`, created by `creator`.
async fn public_race(app: &TestApp, creator: &User, name: &str, (start, end): (i64, i64)) -> Value {
    let body = json!({ "name": name, "metric_type": "ayahs", "competition_type": "public",
                       "start_date": at(start), "end_date": at(end) });
    let (status, race) = app.call(Method::POST, "/competitions", creator, body).await;
    assert_eq!(status, StatusCode::CREATED, "{race}");
    race
}

async fn join_race(app: &TestApp, who: &User, id: &str) {
    let path = format!("/competitions/{id}/join");
    let (status, body) = app.call(Method::POST, &path, who, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn competitions_rank_only_reading_inside_their_window(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let carol = user(&app, "carol").await;
    // Carol watches from outside: she sees those seen by everyone.
    for who in [&alice, &bob] {
        app.set(who, json!({ "leaderboard_visibility": "everyone" }))
            .await;
    }
    let start = now() - 3600;
    let race = public_race(&app, &alice, "Ramadan race", (start, now() + 86_400)).await;
    assert_eq!(race["status"], "active");
    let id = race["id"].as_str().unwrap().to_owned();
    join_race(&app, &bob, &id).await;

    // Reading before the start does not count; inside it does.
    app.push(
        &alice,
        vec![session("a-before-1", 2, 1, 100, 2 * 86_400, 600)],
    )
    .await;
    app.push(&alice, vec![session("a-inside-1", 1, 1, 7, 600, 60)])
        .await;
    app.push(&bob, vec![session("b-inside-1", 112, 1, 4, 600, 60)])
        .await;
    app.push(&bob, vec![session("b-inside-2", 113, 1, 3, 300, 60)])
        .await;
    let (status, board) = app
        .read(&format!("/competitions/{id}/leaderboard"), &carol)
        .await;
    assert_eq!(status, StatusCode::OK, "{board}");
    assert_eq!(usernames(&board), ["alice", "bob"]);
    assert_eq!(scores(&board), [7.0, 7.0]);
    assert_eq!(board["entries"][1]["rank"], 1, "a tie shares the rank");
    assert_eq!(board["me"], Value::Null, "carol is not in it");
    let (_, participants) = app
        .read(&format!("/competitions/{id}/participants"), &carol)
        .await;
    assert_eq!(participants.as_array().unwrap().len(), 2);

    // Private: invisible without the code; joined with it.
    let (_, private) = app
        .call(
            Method::POST,
            "/competitions",
            &alice,
            json!({ "name": "Family khatm", "competition_type": "private", "metric_type": "pages",
                    "start_date": at(now() + 86_400), "end_date": at(now() + 2 * 86_400) }),
        )
        .await;
    assert_eq!(private["status"], "upcoming");
    let private_id = private["id"].as_str().unwrap();
    let (status, _) = app
        .read(&format!("/competitions/{private_id}"), &carol)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/competitions/{private_id}/join"),
            &carol,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, joined) = app
        .call(
            Method::POST,
            "/competitions/join",
            &carol,
            json!({ "invite_code": private["invite_code"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["joined"], true);
    assert_eq!(
        joined["invite_code"],
        Value::Null,
        "the code is the creator's to share"
    );
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/competitions/{private_id}/leave"),
            &carol,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // A group's competition is for its members.
    let (_, group) = app
        .call(
            Method::POST,
            "/groups",
            &alice,
            json!({ "name": "Halaqah" , "privacy": "private" }),
        )
        .await;
    let (status, body) = app
        .call(
            Method::POST,
            "/competitions",
            &bob,
            json!({ "name": "Not mine", "competition_type": "group", "group_id": group["id"],
                    "start_date": at(now()), "end_date": at(now() + 86_400) }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, inner) = app
        .call(
            Method::POST,
            "/competitions",
            &alice,
            json!({ "name": "Halaqah week", "competition_type": "group", "group_id": group["id"],
                    "start_date": at(now()), "end_date": at(now() + 86_400) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{inner}");
    let inner_id = inner["id"].as_str().unwrap();
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/competitions/{inner_id}/join"),
            &bob,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Lists by status; validation.
    let (_, upcoming) = app.read("/competitions?status=upcoming", &alice).await;
    let names: Vec<&str> = upcoming
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Family khatm"]);
    for (body, code) in [
        (
            json!({ "name": "Backwards", "start_date": at(now() + 100), "end_date": at(now()) }),
            "invalid_dates",
        ),
        (
            json!({ "name": "Over", "start_date": at(now() - 200), "end_date": at(now() - 100) }),
            "invalid_dates",
        ),
        (
            json!({ "name": "Forever", "start_date": at(now()), "end_date": at(now() + 400 * 86_400) }),
            "invalid_dates",
        ),
        (
            json!({ "name": "Letters", "metric_type": "letters", "start_date": at(now()), "end_date": at(now() + 100) }),
            "invalid_metric",
        ),
        (
            json!({ "name": "When", "start_date": "soon", "end_date": at(now() + 100) }),
            "invalid_time",
        ),
    ] {
        let (status, answer) = app
            .call(Method::POST, "/competitions", &alice, body.clone())
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(answer["code"], code, "{body}");
    }

    // The window closes at its end: the results are final.
    // Nobody joins, and reading afterwards does not count. (A day on,
    // everyone's access token has expired: they sign in again.)
    app.set_time(now() + 86_400);
    let alice = signed_in_again(&app, "alice", alice).await;
    let bob = signed_in_again(&app, "bob", bob).await;
    let carol = signed_in_again(&app, "carol", carol).await;
    let (_, over) = app.read(&format!("/competitions/{id}"), &alice).await;
    assert_eq!(over["status"], "completed", "{over}");
    let (status, body) = app
        .call(
            Method::POST,
            &format!("/competitions/{id}/join"),
            &carol,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "competition_over");
    app.push(
        &bob,
        vec![session_from("b-after-01", 2, 1, 5, app.now(), 60)],
    )
    .await;
    let (_, board) = app
        .read(&format!("/competitions/{id}/leaderboard"), &alice)
        .await;
    assert_eq!(scores(&board), [7.0, 7.0], "{board}");
}

async fn an_export_holds_progress_and_deleting_the_account_removes_it(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    app.push(&alice, vec![session("a-000001", 1, 1, 7, 600, 60)])
        .await;
    app.call(
        Method::POST,
        &format!("/users/{}/follow", bob.id),
        &alice,
        json!({}),
    )
    .await;
    let (_, group) = app
        .call(
            Method::POST,
            "/groups",
            &alice,
            json!({ "name": "Quiet readers" }),
        )
        .await;
    let group_id = group["id"].as_str().unwrap();
    app.call(
        Method::POST,
        &format!("/groups/{group_id}/join"),
        &bob,
        json!({}),
    )
    .await;
    social_data_of_alice(&app, &alice, &bob, group_id).await;
    let (_, export) = app.read("/users/me/export", &alice).await;
    assert_eq!(export["reading_sessions"][0]["hasanat"], FATIHAH_HASANAT);
    assert_eq!(export["sync_events"][0]["id"], "a-000001");
    assert_eq!(export["following"][0], "bob");
    assert_eq!(export["groups"][0]["name"], "Quiet readers");
    let posts = export["feed_posts"].as_array().unwrap();
    assert!(
        posts.iter().any(|p| p["body"] == "Patience"),
        "her reflection, besides her milestone posts: {export}"
    );
    assert_eq!(export["feed_reactions"][0]["reaction"], "ameen");
    let told: Vec<&Value> = export["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["kind"])
        .collect();
    assert_eq!(told, [&json!("group_invite"), &json!("group_join")]);
    assert_eq!(export["notification_settings"]["chat_mention"], false);
    assert_eq!(export["feed_settings"]["milestones"], "friends");
    assert_eq!(export["khatmah_portions"][0]["number"], 3);
    assert_eq!(
        export["group_invitations"][0]["group_name"],
        "Night readers"
    );

    let (status, _) = app
        .call(
            Method::DELETE,
            "/users/me",
            &alice,
            json!({ "password": "Test123!" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, followers) = app.read("/users/me/followers", &bob).await;
    assert_eq!(followers.as_array().unwrap().len(), 0);
    let (_, members) = app.read(&format!("/groups/{group_id}/members"), &bob).await;
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(members[0]["role"], "admin", "the group keeps an admin");
}

/// Gives `alice` some of every kind of social data an export holds: a
/// post and her reaction to it, settings, a khatmah portion in `group`
/// and an invitation from `bob` (with her inbox: `bob` joined `group`).
async fn social_data_of_alice(app: &TestApp, alice: &User, bob: &User, group: &str) {
    let post = json!({ "body": "Patience", "visibility": "private" });
    let (_, post) = app.call(Method::POST, "/feed/posts", alice, post).await;
    let react = format!("/feed/posts/{}/react", post["id"]);
    let (status, _) = app
        .call(Method::PUT, &react, alice, json!({ "reaction": "ameen" }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let settings = [
        ("/notifications/settings", json!({ "chat_mention": false })),
        ("/feed/settings", json!({ "milestones": "friends" })),
    ];
    for (path, body) in settings {
        let (status, _) = app.call(Method::PUT, path, alice, body).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    let start = format!("/groups/{group}/khatmahs");
    let (_, khatmah) = app
        .call(Method::POST, &start, alice, json!({ "division": "juz" }))
        .await;
    let claim = format!(
        "/khatmahs/{}/portions/3/claim",
        khatmah["id"].as_str().unwrap()
    );
    let (status, _) = app.call(Method::POST, &claim, alice, json!({})).await;
    assert!(status.is_success(), "{status}");
    let (_, night) = app
        .call(
            Method::POST,
            "/groups",
            bob,
            json!({ "name": "Night readers" }),
        )
        .await;
    let invite = format!("/groups/{}/invitations", night["id"].as_str().unwrap());
    let (status, _) = app
        .call(Method::POST, &invite, bob, json!({ "username": "alice" }))
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

/// A public group "Fajr Circle" of up to 10, created by `admin`; its id.
async fn public_group(app: &TestApp, admin: &User) -> String {
    let body = json!({ "name": "Fajr Circle", "privacy": "public", "member_limit": 10 });
    let (status, group) = app.call(Method::POST, "/groups", admin, body).await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    group["id"].as_str().unwrap().to_owned()
}

/// Control characters (NUL, ESC, ...) and bidi overrides hide or reorder
/// what other people read in names, bios and descriptions.
async fn control_characters_and_bidi_overrides_are_refused_in_every_text_field(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let group = public_group(&app, &alice).await;
    let competition = |name: &str, description: &str| {
        json!({ "name": name, "description": description, "metric_type": "ayahs",
                "competition_type": "public", "start_date": at(now() + 60),
                "end_date": at(now() + 86_400) })
    };
    for bad in [
        "\u{0}",
        "\u{1b}[31m",
        "\u{7f}",
        "\u{85}",
        "\u{202a}",
        "\u{202b}",
        "\u{202c}",
        "\u{202d}",
        "\u{202e}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
    ] {
        let text = format!("Salaam {bad} friends");
        for (method, path, body) in [
            (
                Method::PATCH,
                "/users/me".to_owned(),
                json!({ "bio": text }),
            ),
            (
                Method::PATCH,
                "/users/me".to_owned(),
                json!({ "display_name": text }),
            ),
            (
                Method::POST,
                "/groups".to_owned(),
                json!({ "name": text, "privacy": "public", "member_limit": 10 }),
            ),
            (
                Method::PATCH,
                format!("/groups/{group}"),
                json!({ "name": text }),
            ),
            (
                Method::PATCH,
                format!("/groups/{group}"),
                json!({ "description": text }),
            ),
            (
                Method::POST,
                "/competitions".to_owned(),
                competition(&text, ""),
            ),
            (
                Method::POST,
                "/competitions".to_owned(),
                competition("Race", &text),
            ),
        ] {
            let (status, answer) = app.call(method.clone(), &path, &alice, body.clone()).await;
            assert_eq!(
                (status, answer["code"].as_str()),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some("forbidden_characters")
                ),
                "{method} {path} {body}: {answer}"
            );
        }
    }
    // Line breaks stay allowed where text has lines, and right-to-left text
    // with its ordinary marks (U+200F) is not an override.
    app.set(&alice, json!({ "bio": "Line one\nLine two\u{200f}" }))
        .await;
    let (status, answer) = app
        .call(
            Method::PATCH,
            &format!("/groups/{group}"),
            &alice,
            json!({ "name": "حلقة الفجر", "description": "After fajr\nDaily" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

/// PostgreSQL cannot store a NUL in text: a NUL anywhere a client can put
/// one must be refused as the client's error, not fail as the server's.
async fn a_nul_in_a_path_query_or_body_is_a_client_error_never_500(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let nul = "a\u{0}b";
    // A push answers each event on its own: one with a NUL in its id or
    // its session type is rejected; a NUL in a field the server does not
    // read is kept, escaped, in the stored JSON.
    let noted = json!({ "id": "nul-note-1", "type": "bookmark_added",
                        "data": { "surah_number": 2, "ayah_number": 255, "note": nul } });
    let mut bad_id = session("nul-id-01", 1, 1, 7, 7200, 600);
    bad_id["id"] = json!("nul\u{0}id-1");
    let mut odd_type = session("nul-type-1", 1, 1, 7, 10_800, 600);
    odd_type["data"]["session_type"] = json!(nul);
    let pushed = app.push(&alice, vec![noted, bad_id, odd_type]).await;
    assert_eq!(ids(&pushed["accepted"]), ["nul-note-1"], "{pushed}");
    assert_eq!(
        pushed["rejected"].as_array().map(Vec::len),
        Some(2),
        "{pushed}"
    );
    for (method, path, body) in [
        (Method::GET, "/users/%00".to_owned(), Value::Null),
        (Method::GET, "/users/%00/stats".to_owned(), Value::Null),
        (Method::POST, "/users/%00/follow".to_owned(), Value::Null),
        (Method::GET, "/groups/%00".to_owned(), Value::Null),
        (Method::GET, "/groups/a%00b/members".to_owned(), Value::Null),
        (Method::GET, "/competitions/%00".to_owned(), Value::Null),
        (
            Method::GET,
            "/progress/sessions/%00".to_owned(),
            Value::Null,
        ),
        (Method::GET, "/users?q=%00".to_owned(), Value::Null),
        (Method::GET, "/groups?q=a%00".to_owned(), Value::Null),
        (Method::GET, "/sync/pull?cursor=%00".to_owned(), Value::Null),
        (
            Method::POST,
            "/groups/join".to_owned(),
            json!({ "invite_code": nul }),
        ),
        (
            Method::POST,
            "/competitions/join".to_owned(),
            json!({ "invite_code": nul }),
        ),
        (
            Method::PATCH,
            "/users/me".to_owned(),
            json!({ "time_zone": nul }),
        ),
        (
            Method::PATCH,
            "/users/me".to_owned(),
            json!({ "username": nul }),
        ),
        (
            Method::POST,
            "/auth/login".to_owned(),
            json!({ "email": nul, "password": "Test123!" }),
        ),
        (
            Method::POST,
            "/auth/login".to_owned(),
            json!({ "email": "alice@example.com", "password": nul }),
        ),
        (
            Method::POST,
            "/auth/refresh-token".to_owned(),
            json!({ "refresh_token": nul }),
        ),
        (
            Method::POST,
            "/auth/register".to_owned(),
            json!({ "email": format!("{nul}@example.com"), "password": "Test123!", "username": "nul_user" }),
        ),
    ] {
        let (status, answer) = app.call(method.clone(), &path, &alice, body.clone()).await;
        assert!(
            status.is_client_error(),
            "{method} {path} {body}: {status} {answer}"
        );
    }
    let (status, _) = app.read("/users/me", &alice).await;
    assert_eq!(status, StatusCode::OK, "the server is still well");
}

/// Holds a write lock on `who`'s row from outside the server (SQLite: the
/// database's one writer; PostgreSQL: the row lock a push takes) until the
/// transaction is dropped.
async fn hold_user_row<'c>(
    conn: &'c mut sqlx::AnyConnection,
    who: &User,
) -> sqlx::Transaction<'c, sqlx::Any> {
    use sqlx::Connection;
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("UPDATE users SET sync_seq = sync_seq WHERE id = $1")
        .bind(&who.id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx
}

async fn raw_connection(app: &TestApp) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(&app.database_url)
        .await
        .unwrap()
}

/// A push with nothing to store (no events, or only rejected ones) answers
/// the cursor as it stands: it neither waits for the user's lock nor
/// empties the board cache.
async fn an_empty_push_changes_nothing_takes_no_lock_and_keeps_the_boards(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let first = app
        .push(&alice, vec![session("fatihah-1", 1, 1, 7, 3600, 600)])
        .await;
    let generation = app.state.store.generation();
    let mut conn = raw_connection(&app).await;
    let held = hold_user_row(&mut conn, &alice).await;
    let mut rejected_only = session("bad id!", 1, 1, 7, 7200, 600);
    rejected_only["id"] = json!("bad id!");
    for events in [json!([]), json!([rejected_only])] {
        let push = app.call(
            Method::POST,
            "/sync/push",
            &alice,
            json!({ "events": events }),
        );
        // Generous: a push that waits for the held lock never answers.
        let (status, body) = tokio::time::timeout(std::time::Duration::from_secs(30), push)
            .await
            .expect("an empty push must not wait for the user's write lock");
        assert_eq!(status, StatusCode::OK, "{events}: {body}");
        assert_eq!(body["cursor"], first["cursor"], "the cursor stays: {body}");
        assert_eq!(body["accepted"], json!([]), "{body}");
    }
    // Dropping a transaction only queues its rollback; the lock must end
    // now.
    held.rollback().await.unwrap();
    assert_eq!(
        app.state.store.generation(),
        generation,
        "nothing a board shows changed, so no cached board is thrown away"
    );
    let duplicate = app
        .push(&alice, vec![session("fatihah-1", 1, 1, 7, 3600, 600)])
        .await;
    assert_eq!(ids(&duplicate["duplicates"]), ["fatihah-1"]);
    assert_eq!(
        app.state.store.generation(),
        generation,
        "a replayed session changes no board either"
    );
}

/// The codes of a push's rejected events, in order.
fn rejected_codes(pushed: &Value) -> Vec<&str> {
    pushed["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

/// Pushes one al-Fatihah session that began `ago_days` ago as part of
/// `device`'s upload of its history.
async fn push_history(
    app: &TestApp,
    who: &User,
    (device, id, ago_days): (&str, &str, i64),
) -> (StatusCode, Value) {
    let body = json!({ "history_device": device,
                       "events": [session(id, 1, 1, 7, ago_days * 86_400, 300)] });
    app.call(Method::POST, "/sync/push", who, body).await
}

/// Hasanat cannot be inflated: a session faster than anyone reads is
/// refused, and so is one older than 30 days, except in a device's first
/// upload of its history (for 24 hours, on 3 devices per 30 days).
async fn sessions_too_fast_or_too_old_are_refused_unless_a_device_uploads_its_history(
    backend: Backend,
) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let pushed = app
        .push(
            &alice,
            vec![
                session("baqarah-1s", 2, 1, 286, 3600, 1),
                session("old-00001", 1, 1, 7, 40 * 86_400, 300),
            ],
        )
        .await;
    assert_eq!(rejected_codes(&pushed), ["too_fast", "too_old"], "{pushed}");
    assert_eq!(app.hasanat(&alice).await, 0);
    let pushed = app
        .push(&alice, vec![session("baqarah-1h", 2, 1, 286, 7200, 3600)])
        .await;
    assert_eq!(
        ids(&pushed["accepted"]),
        ["baqarah-1h"],
        "an hour is plausible"
    );

    let (status, pushed) = push_history(&app, &alice, ("phone-0001", "hist-0001", 400)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&pushed["accepted"]), ["hist-0001"], "{pushed}");
    app.advance(23 * 3600);
    let alice = signed_in_again(&app, "alice", alice).await;
    let (_, pushed) = push_history(&app, &alice, ("phone-0001", "hist-0002", 300)).await;
    assert_eq!(
        ids(&pushed["accepted"]),
        ["hist-0002"],
        "the window is open for 24 hours"
    );
    app.advance(3600);
    let alice = signed_in_again(&app, "alice", alice).await;
    let (_, pushed) = push_history(&app, &alice, ("phone-0001", "hist-0003", 300)).await;
    assert_eq!(
        rejected_codes(&pushed),
        ["too_old"],
        "and then closed: {pushed}"
    );
    for (device, accepted) in [
        ("tablet-001", true),
        ("laptop-001", true),
        ("spare-0001", false),
    ] {
        let (_, pushed) = push_history(&app, &alice, (device, &format!("h-{device}"), 100)).await;
        assert_eq!(
            pushed["accepted"].as_array().unwrap().len() == 1,
            accepted,
            "three devices open a history in 30 days, not a fourth: {device} {pushed}"
        );
    }
    let (status, body) = push_history(&app, &alice, ("no", "hist-0009", 100)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_device_id"))
    );
}

/// A competition's results do not move once it is over: reading that
/// started inside its window counts if it arrives within 24 hours of the
/// end (a device that was offline), and never after.
async fn a_competitions_results_are_frozen_24_hours_after_it_ends(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let (start, end) = (now() - 3600, now() + 3600);
    let race = public_race(&app, &alice, "Evening race", (start, end)).await;
    let id = race["id"].as_str().unwrap().to_owned();
    join_race(&app, &bob, &id).await;
    app.push(&alice, vec![session("a-inside-1", 1, 1, 7, 600, 60)])
        .await;
    let board = |who: &User| {
        let path = format!("/competitions/{id}/leaderboard");
        let token = who.token.clone();
        let app = &app;
        async move {
            let (status, board) = app.get(&format!("/api/v1{path}"), Some(&token)).await;
            assert_eq!(status, StatusCode::OK, "{board}");
            (
                usernames(&board)
                    .iter()
                    .map(|u| u.to_string())
                    .collect::<Vec<_>>(),
                scores(&board),
            )
        }
    };
    assert_eq!(
        board(&alice).await,
        (vec!["alice".into(), "bob".into()], vec![7.0, 0.0])
    );

    // Bob was offline: an hour after the end, his reading from inside the
    // window arrives and counts.
    app.set_time(end + 3600);
    let bob = signed_in_again(&app, "bob", bob).await;
    let pushed = app
        .push(
            &bob,
            vec![session_from("b-inside-1", 112, 1, 4, end - 600, 60)],
        )
        .await;
    assert_eq!(ids(&pushed["accepted"]), ["b-inside-1"]);
    let alice = signed_in_again(&app, "alice", alice).await;
    assert_eq!(board(&alice).await.1, vec![7.0, 4.0], "within the grace");

    // A day after the end the results are final: a backdated session is
    // kept (it is the user's reading) but changes nothing.
    app.set_time(end + 86_400);
    let bob = signed_in_again(&app, "bob", bob).await;
    let pushed = app
        .push(
            &bob,
            vec![session_from("b-backdate", 2, 1, 5, start + 60, 60)],
        )
        .await;
    assert_eq!(ids(&pushed["accepted"]), ["b-backdate"]);
    let alice = signed_in_again(&app, "alice", alice).await;
    assert_eq!(
        board(&alice).await,
        (vec!["alice".into(), "bob".into()], vec![7.0, 4.0]),
        "a completed competition's results are frozen"
    );
}

/// The names of a list of competitions.
fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect()
}

/// Competition spam: the status filter runs in SQL (1,100 upcoming
/// competitions do not hide the active and finished ones), lists page by
/// cursor, a user creates 5 a day starting at most 90 days ahead, and the
/// creator may delete one that has not started.
async fn competition_lists_filter_in_sql_page_by_cursor_and_creation_is_bounded(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    {
        use sqlx::Connection;
        let mut conn = raw_connection(&app).await;
        let mut tx = conn.begin().await.unwrap();
        let spam = (0..1_100).map(|n| {
            (
                format!("spam-{n:05}"),
                format!("Spam {n}"),
                now() + 60 * 86_400 + n,
            )
        });
        let finished = (
            "finished-1".to_owned(),
            "Finished race".to_owned(),
            now() - 7200,
        );
        for (id, name, start) in spam.chain([finished]) {
            sqlx::query(
                "INSERT INTO competitions (id, name, description, creator_id, competition_type,
                    metric_type, start_time, end_time, participant_count, created_at)
                 VALUES ($1, $2, '', NULL, 'public', 'ayahs', $3, $4, 0, $5)",
            )
            .bind(id)
            .bind(name)
            .bind(start)
            .bind(start + 3600)
            .bind(now() - 200_000)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let started = public_race(&app, &alice, "Active race", (now() - 60, now() + 3600)).await;
    let started = started["id"].as_str().unwrap().to_owned();
    let mut races = Vec::new();
    for n in 1..=4 {
        let day = now() + n * 86_400;
        let race = public_race(&app, &alice, &format!("Race {n}"), (day, day + 3600)).await;
        races.push(race["id"].as_str().unwrap().to_owned());
    }
    let race_1 = races[0].clone();
    let sixth =
        json!({ "name": "Race 6", "start_date": at(now() + 3600), "end_date": at(now() + 7200) });
    let (status, body) = app.call(Method::POST, "/competitions", &alice, sixth).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("too_many_competitions"))
    );
    let far = json!({ "name": "Far away", "start_date": at(now() + 91 * 86_400),
                      "end_date": at(now() + 92 * 86_400) });
    let (status, body) = app.call(Method::POST, "/competitions", &bob, far).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_dates")),
        "at most 90 days ahead"
    );

    let (_, active) = app.read("/competitions?status=active", &bob).await;
    assert_eq!(names(&active), ["Active race"], "{active}");
    let (_, done) = app.read("/competitions?status=completed", &bob).await;
    assert_eq!(names(&done), ["Finished race"], "{done}");
    let (_, first) = app
        .read("/competitions?status=upcoming&limit=2", &bob)
        .await;
    assert_eq!(names(&first), ["Spam 1099", "Spam 1098"], "{first}");
    let last = first[1]["id"].as_str().unwrap();
    let (_, second) = app
        .read(
            &format!("/competitions?status=upcoming&limit=2&after={last}"),
            &bob,
        )
        .await;
    assert_eq!(names(&second), ["Spam 1097", "Spam 1096"], "{second}");
    let (status, body) = app.read("/competitions?after=nope", &bob).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_cursor"))
    );

    let delete = |id: &str| format!("/competitions/{id}");
    let (status, body) = app
        .call(Method::DELETE, &delete(&race_1), &bob, json!({}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_creator"))
    );
    let (status, body) = app
        .call(Method::DELETE, &delete(&started), &alice, json!({}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("competition_started"))
    );
    let (status, _) = app
        .call(Method::DELETE, &delete(&race_1), &alice, json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.read(&delete(&race_1), &alice).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "it is gone");
    app.advance(86_400);
    let alice = signed_in_again(&app, "alice", alice).await;
    let later = now() + 5 * 86_400;
    public_race(&app, &alice, "A new day", (later, later + 60)).await;
}

/// Deleting an account is one transaction: when its last step fails, the
/// user is still in their groups and competitions, and the counts are
/// as they were.
async fn deleting_an_account_is_all_or_nothing(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let group = public_group(&app, &alice).await;
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/groups/{group}/join"),
            &bob,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let race = public_race(&app, &alice, "Race", (now() - 60, now() + 3600)).await;
    let race = race["id"].as_str().unwrap().to_owned();
    join_race(&app, &bob, &race).await;

    // The last step of a deletion fails.
    let (install, remove): (&[&str], &[&str]) = match backend {
        Backend::Sqlite => (
            &["CREATE TRIGGER keep_users BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'kept'); END"],
            &["DROP TRIGGER keep_users"],
        ),
        Backend::Postgres => (
            &[
                "CREATE FUNCTION keep_users() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'kept'; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER keep_users BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION keep_users()",
            ],
            &["DROP TRIGGER keep_users ON users"],
        ),
    };
    let mut conn = raw_connection(&app).await;
    for sql in install {
        sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    }
    let password = json!({ "password": "Test123!" });
    let (status, _) = app
        .call(Method::DELETE, "/users/me", &bob, password.clone())
        .await;
    assert_eq!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "the deletion failed"
    );
    let counts = || async {
        let (_, g) = app.read(&format!("/groups/{group}"), &alice).await;
        let (_, c) = app.read(&format!("/competitions/{race}"), &alice).await;
        (g["member_count"].as_i64(), c["participant_count"].as_i64())
    };
    assert_eq!(counts().await, (Some(2), Some(2)), "nothing of it happened");
    let (_, members) = app.read(&format!("/groups/{group}/members"), &alice).await;
    assert_eq!(members.as_array().map(Vec::len), Some(2), "{members}");

    for sql in remove {
        sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    }
    let (status, _) = app.call(Method::DELETE, "/users/me", &bob, password).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(counts().await, (Some(1), Some(1)), "all of it happened");
}

/// The usernames of a member or participant list.
fn listed(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap())
        .collect()
}

/// Privacy in public places: a viewer outside a public group or
/// competition sees on its board and member list only the people seen by
/// everyone; hidden people appear in no list (only in the count); and
/// joining a public group gives no right to read its members' stats.
async fn strangers_see_only_everyone_and_hidden_members_appear_in_no_list(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    let bob = user(&app, "bob").await;
    let carol = user(&app, "carol").await;
    let dave = user(&app, "dave").await;
    app.set(&alice, json!({ "leaderboard_visibility": "everyone" }))
        .await;
    app.set(&carol, json!({ "leaderboard_visibility": "hidden" }))
        .await;
    let group = public_group(&app, &alice).await;
    let race = public_race(&app, &alice, "Race", (now() - 3600, now() + 3600)).await;
    let race = race["id"].as_str().unwrap().to_owned();
    for who in [&bob, &carol] {
        let (status, _) = app
            .call(
                Method::POST,
                &format!("/groups/{group}/join"),
                who,
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        join_race(&app, who, &race).await;
        app.push(
            who,
            vec![session(&format!("{}-s1", &who.id[..6]), 1, 1, 7, 600, 60)],
        )
        .await;
    }
    let lists = |who: &User| {
        let token = who.token.clone();
        let (group, race, app) = (group.clone(), race.clone(), &app);
        async move {
            let mut out = Vec::new();
            for path in [
                format!("/groups/{group}/members"),
                format!("/competitions/{race}/participants"),
                format!("/groups/{group}/leaderboard"),
                format!("/leaderboard/group/{group}"),
                format!("/competitions/{race}/leaderboard"),
            ] {
                let (status, body) = app.get(&format!("/api/v1{path}"), Some(&token)).await;
                assert_eq!(status, StatusCode::OK, "{path}: {body}");
                let names: Vec<String> = match body.get("entries") {
                    Some(_) => usernames(&body).iter().map(|n| n.to_string()).collect(),
                    None => listed(&body).iter().map(|n| n.to_string()).collect(),
                };
                out.push(names);
            }
            out
        }
    };
    for list in lists(&dave).await {
        assert_eq!(
            list,
            ["alice"],
            "a stranger sees only who is seen by everyone"
        );
    }
    for list in lists(&bob).await {
        let mut list = list;
        list.sort();
        assert_eq!(
            list,
            ["alice", "bob"],
            "a member sees members, never the hidden one"
        );
    }
    let (_, about) = app.read(&format!("/groups/{group}"), &dave).await;
    assert_eq!(about["member_count"], 3, "the hidden member still counts");
    // The group's activity names nobody the viewer may not see listed.
    let named = |activity: &Value| -> Vec<String> {
        let entries = activity.as_array().unwrap().iter();
        entries
            .filter_map(|a| a["user"]["username"].as_str().map(str::to_owned))
            .collect()
    };
    let (status, activity) = app.read(&format!("/groups/{group}/activity"), &bob).await;
    assert_eq!(status, StatusCode::OK, "{activity}");
    assert!(activity.as_array().unwrap().len() >= 2, "{activity}");
    assert!(
        !named(&activity).contains(&"carol".to_owned()),
        "{activity}"
    );
    let (_, activity) = app.read(&format!("/groups/{group}/activity"), &dave).await;
    assert!(
        named(&activity).iter().all(|n| n == "alice"),
        "a stranger sees only those seen by everyone: {activity}"
    );

    let (status, _) = app.read(&format!("/users/{}/stats", bob.id), &dave).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/groups/{group}/join"),
            &dave,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app.read(&format!("/users/{}/stats", bob.id), &dave).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("stats_private")),
        "a public group anyone can join makes nobody a circle"
    );
}

/// Stats, streaks, Hasanat and history are read from the per-user per-day
/// totals the push keeps in its transaction (one row per reading day),
/// not from every session; the sessions of a day are indexed.
async fn stats_are_read_from_per_day_totals_kept_by_the_push(backend: Backend) {
    let app = spawn_app_at(backend, now()).await;
    let alice = user(&app, "alice").await;
    app.push(
        &alice,
        vec![
            session("today-001", 1, 1, 7, 600, 60),
            session("today-002", 1, 1, 7, 1200, 60),
            session("yester-01", 112, 1, 4, 86_400, 60),
        ],
    )
    .await;
    let mut conn = raw_connection(&app).await;
    let kept: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT local_day, sessions, hasanat FROM user_days WHERE user_id = $1 ORDER BY local_day",
    )
    .bind(&alice.id)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let today = now() / 86_400;
    assert_eq!(
        kept.iter()
            .map(|(day, n, _)| (*day, *n))
            .collect::<Vec<_>>(),
        [(today - 1, 1), (today, 2)],
        "one row per reading day, summed in the push"
    );
    assert_eq!(kept[1].2, 2 * FATIHAH_HASANAT);
    // Change the kept row behind the server's back: what the API reports
    // comes from it.
    sqlx::query(
        "UPDATE user_days SET hasanat = 777, ayahs = 1 WHERE user_id = $1 AND local_day = $2",
    )
    .bind(&alice.id)
    .bind(today)
    .execute(&mut conn)
    .await
    .unwrap();
    let (_, history) = app.read("/hasanat/history?days=2", &alice).await;
    assert_eq!(history[1]["hasanat"], 777, "{history}");
    let (_, hasanat) = app.read("/hasanat", &alice).await;
    assert_eq!(hasanat["today"], 777, "{hasanat}");
    let (_, streak) = app.read("/progress/streak", &alice).await;
    assert_eq!(
        streak["current_streak"]
            .as_i64()
            .or(streak["current"].as_i64()),
        Some(2),
        "{streak}"
    );
    let index = match backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index' AND name = $1",
        Backend::Postgres => "SELECT CAST(indexname AS TEXT) FROM pg_indexes WHERE indexname = $1",
    };
    let found: Option<(String,)> = sqlx::query_as(index)
        .bind("reading_sessions_user_day")
        .fetch_optional(&mut conn)
        .await
        .unwrap();
    assert!(
        found.is_some(),
        "reading_sessions has an index on (user_id, local_day)"
    );
}

on_both_backends!(
    a_replayed_batch_changes_nothing_and_another_device_pulls_it,
    impossible_sessions_are_rejected_with_stable_codes,
    stats_streaks_and_history_follow_the_local_day,
    friends_are_mutual_follows_and_boards_respect_visibility,
    private_groups_are_for_members_and_admins_administer,
    public_groups_are_found_joined_and_validated,
    competitions_rank_only_reading_inside_their_window,
    an_export_holds_progress_and_deleting_the_account_removes_it,
    control_characters_and_bidi_overrides_are_refused_in_every_text_field,
    a_nul_in_a_path_query_or_body_is_a_client_error_never_500,
    an_empty_push_changes_nothing_takes_no_lock_and_keeps_the_boards,
    sessions_too_fast_or_too_old_are_refused_unless_a_device_uploads_its_history,
    a_competitions_results_are_frozen_24_hours_after_it_ends,
    competition_lists_filter_in_sql_page_by_cursor_and_creation_is_bounded,
    deleting_an_account_is_all_or_nothing,
    strangers_see_only_everyone_and_hidden_members_appear_in_no_list,
    stats_are_read_from_per_day_totals_kept_by_the_push,
);
