//! The Daily Deen feed over the REST routes with live delivery on
//! `/api/v1/ws`, on both backends: who sees a post, reactions,
//! reflections on an ayah, and the milestone posts the server makes from
//! synced reading (streaks, a khatm, achievements).

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{
    block, call, event, expect, friends, get, nothing_before_now, persons, private_group, push,
    socket, status, Person,
};
use common::{spawn_app, spawn_app_at, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A plain Wednesday noon in UTC (10 June 2026): rules read the server's
/// clock, never the machine's.
const NOON: i64 = 1_781_092_800;

async fn post(app: &TestApp, who: &Person, body: &str, visibility: &str) -> Value {
    let request = json!({ "body": body, "visibility": visibility });
    expect(
        app,
        (Method::POST, "/feed/posts"),
        who,
        request,
        StatusCode::CREATED,
    )
    .await
}

/// The ids of the posts `who`'s feed shows, newest first.
async fn feed_ids(app: &TestApp, who: &Person) -> Vec<i64> {
    let feed = get(app, who, "/feed").await;
    feed["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

async fn a_post_reaches_those_it_is_for_and_never_strangers_the_blocked_or_non_members(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let [a, friend, stranger, blocker, mate, zaid] =
        persons(&app, ["amina", "bilal", "carim", "dawud", "ehsan", "zaid"]).await;
    friends(&app, &a, &friend).await;
    friends(&app, &a, &blocker).await;
    block(&app, &blocker, &a).await;
    private_group(&app, &a, &[&mate]).await;
    let mut sockets = Vec::new();
    for who in [&a, &friend, &stranger, &blocker, &mate] {
        sockets.push(socket(&app, who).await);
    }

    let for_friends = post(&app, &a, "Ya Allah, make it easy.", "friends").await;
    let id = for_friends["id"].as_i64().unwrap();
    for n in [0, 1] {
        let live = event(&mut sockets[n], "feed_post").await;
        assert_eq!(live["data"]["id"], id, "the author and the friend: {live}");
        assert_eq!(live["data"]["author"]["username"], "amina");
    }
    let for_groups = post(&app, &a, "Read al-Kahf today.", "groups").await;
    let group_id = for_groups["id"].as_i64().unwrap();
    assert_eq!(
        event(&mut sockets[0], "feed_post").await["data"]["id"],
        group_id
    );
    assert_eq!(
        event(&mut sockets[4], "feed_post").await["data"]["id"],
        group_id,
        "a member of the author's private group"
    );
    let private = post(&app, &a, "Only for me.", "private").await;
    let private_id = private["id"].as_i64().unwrap();
    assert_eq!(
        event(&mut sockets[0], "feed_post").await["data"]["id"],
        private_id
    );

    for (n, who) in [(1, &friend), (2, &stranger), (3, &blocker), (4, &mate)] {
        let why = "no post it may not see reached this socket";
        nothing_before_now(&app, &mut sockets[n], &zaid, who, why).await;
    }
    assert_eq!(feed_ids(&app, &a).await, vec![private_id, group_id, id]);
    assert_eq!(feed_ids(&app, &friend).await, vec![id], "friends only");
    assert_eq!(
        feed_ids(&app, &mate).await,
        vec![group_id],
        "the group only"
    );
    assert!(
        feed_ids(&app, &stranger).await.is_empty(),
        "a stranger sees nothing"
    );
    assert!(
        feed_ids(&app, &blocker).await.is_empty(),
        "a friend who blocks the author sees nothing"
    );
    for who in [&stranger, &blocker, &mate] {
        let path = format!("/feed/posts/{id}");
        let body = expect(
            &app,
            (Method::GET, &path),
            who,
            Value::Null,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(body["code"], "post_not_found");
    }
    block(&app, &a, &friend).await;
    assert!(
        feed_ids(&app, &friend).await.is_empty(),
        "a block by the author hides their posts from the one blocked"
    );
}

async fn react(app: &TestApp, path: &str, who: &Person, reaction: &str) -> (StatusCode, Value) {
    call(app, Method::PUT, path, who, json!({ "reaction": reaction })).await
}

async fn reactions_are_one_per_person_changeable_counted_and_tell_the_author(backend: Backend) {
    let app = spawn_app(backend).await;
    let [a, b, c, stranger] = persons(&app, ["amina", "bilal", "carim", "dawud"]).await;
    friends(&app, &a, &b).await;
    friends(&app, &a, &c).await;
    let id = post(&app, &a, "Alhamdulillah for this morning.", "friends").await["id"].clone();
    let path = format!("/feed/posts/{id}/react");
    let mut a_ws = socket(&app, &a).await;

    let (status, first) = react(&app, &path, &b, "subhanallah").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(
        first["reactions"],
        json!({ "subhanallah": 1, "ameen": 0, "mashaallah": 0 })
    );
    assert_eq!(first["my_reaction"], "subhanallah");
    let told = event(&mut a_ws, "notification").await;
    assert_eq!(told["data"]["kind"], "post_reaction");
    assert_eq!(told["data"]["data"]["by"]["username"], "bilal");
    assert_eq!(told["data"]["data"]["reaction"], "subhanallah");

    let (_, changed) = react(&app, &path, &b, "ameen").await;
    assert_eq!(
        changed["reactions"],
        json!({ "subhanallah": 0, "ameen": 1, "mashaallah": 0 }),
        "one reaction per person: the new one replaces the old"
    );
    assert_eq!(
        event(&mut a_ws, "notification").await["data"]["data"]["reaction"],
        "ameen"
    );
    let (_, same) = react(&app, &path, &b, "ameen").await;
    assert_eq!(
        same["reactions"]["ameen"], 1,
        "the same reaction again is one"
    );
    let (_, other) = react(&app, &path, &c, "mashaallah").await;
    assert_eq!(
        other["reactions"],
        json!({ "subhanallah": 0, "ameen": 1, "mashaallah": 1 })
    );
    assert_eq!(
        other["my_reaction"], "mashaallah",
        "each reader sees their own"
    );
    let (_, own) = react(&app, &path, &a, "ameen").await;
    assert_eq!(own["reactions"]["ameen"], 2);

    let removed = expect(
        &app,
        (Method::DELETE, &path),
        &b,
        Value::Null,
        StatusCode::OK,
    )
    .await;
    assert_eq!(removed["reactions"]["ameen"], 1);
    assert_eq!(removed["my_reaction"], Value::Null);
    let (status, body) = react(&app, &path, &b, "wow").await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_reaction"))
    );
    let (status, body) = react(&app, &path, &stranger, "ameen").await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::NOT_FOUND, json!("post_not_found")),
        "no reaction to a post one may not see"
    );

    let told = event(&mut a_ws, "notification").await;
    assert_eq!(
        told["data"]["data"]["by"]["username"], "carim",
        "the same reaction again, the author's own and a removal told nobody: {told}"
    );
    let inbox = get(&app, &a, "/notifications").await;
    assert_eq!(inbox["unread"], 3, "{inbox}");
}

async fn a_reflection_carries_the_servers_ayah_text_and_is_checked_paged_and_deleted(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let [a, b] = persons(&app, ["amina", "bilal"]).await;
    friends(&app, &a, &b).await;
    let body = json!({
        "body": "The Throne verse, every night.",
        "visibility": "friends",
        "ayah": { "surah": 2, "ayah": 255 },
    });
    let kursi = expect(
        &app,
        (Method::POST, "/feed/posts"),
        &a,
        body,
        StatusCode::CREATED,
    )
    .await;
    let reference = companion_core::AyahRef::new(2, 255).unwrap();
    let text = &quran_data::quran().ayah(reference).text;
    assert_eq!(
        (
            kursi["ayah"]["surah"].clone(),
            kursi["ayah"]["ayah"].clone()
        ),
        (json!(2), json!(255))
    );
    assert_eq!(
        kursi["ayah"]["text"],
        json!(text),
        "the ayah's text is the server's"
    );
    let refusals = [
        (
            json!({ "body": "x", "visibility": "friends", "ayah": { "surah": 1, "ayah": 8 } }),
            "unknown_ayah",
        ),
        (
            json!({ "body": "x", "visibility": "friends", "ayah": { "surah": 1, "ayah": 1, "text": "mine" } }),
            "invalid_body",
        ),
        (
            json!({ "body": "x".repeat(2_001), "visibility": "friends" }),
            "invalid_post",
        ),
        (
            json!({ "body": "  ", "visibility": "friends" }),
            "invalid_post",
        ),
        (
            json!({ "body": "x", "visibility": "everyone" }),
            "invalid_visibility",
        ),
    ];
    for (request, code) in refusals {
        let (status, body) = call(&app, Method::POST, "/feed/posts", &a, request).await;
        assert_eq!(
            (status, body["code"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!(code)),
            "{body}"
        );
    }
    assert_eq!(
        post(&app, &a, &"ق".repeat(2_000), "friends").await["body"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        2_000,
        "2,000 characters (not bytes) fit"
    );
    let third = post(&app, &a, "Third.", "friends").await["id"]
        .as_i64()
        .unwrap();

    let page = get(&app, &b, "/feed?limit=2").await;
    assert_eq!(page["posts"].as_array().unwrap().len(), 2);
    assert_eq!(page["posts"][0]["id"], third, "newest first");
    let before = page["next_before"].as_i64().unwrap();
    let rest = get(&app, &b, &format!("/feed?limit=2&before={before}")).await;
    assert_eq!(rest["posts"].as_array().unwrap().len(), 1, "{rest}");
    assert_eq!(rest["posts"][0]["id"], kursi["id"]);
    assert_eq!(rest["next_before"], Value::Null, "the last page");

    let path = format!("/feed/posts/{third}");
    let body = expect(
        &app,
        (Method::DELETE, &path),
        &b,
        Value::Null,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(body["code"], "not_your_post");
    assert_eq!(
        status(&app, Method::DELETE, &path, &a).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        status(&app, Method::GET, &path, &b).await,
        StatusCode::NOT_FOUND
    );
    let left = get(&app, &b, "/feed").await;
    assert_eq!(
        left["posts"].as_array().unwrap().len(),
        2,
        "the deleted post is gone"
    );
}

/// A reading session of all of surah `surah` that began at `began`,
/// slow enough for the server to believe it: its id and how long it took.
fn whole_surah(surah: u16, began: i64) -> (Value, i64) {
    let ayahs = quran_data::quran().surah_ayahs(surah).unwrap();
    let letters: i64 = ayahs.iter().map(|a| i64::from(a.letters)).sum();
    let seconds = letters / 20 + 1;
    (
        session(
            &format!("surah-{surah:03}"),
            (surah, 1, ayahs.len()),
            began,
            seconds,
        ),
        seconds,
    )
}

/// A reading-session event of `surah:first-last`.
fn session(id: &str, (surah, first, last): (u16, usize, usize), began: i64, seconds: i64) -> Value {
    let at = |s: i64| jiff::Timestamp::from_second(s).unwrap().to_string();
    json!({
        "id": id,
        "type": "reading_session",
        "data": {
            "surah_number": surah,
            "start_ayah": first,
            "end_ayah": last,
            "start_time": at(began),
            "end_time": at(began + seconds),
            "duration_seconds": seconds,
        }
    })
}

/// `who` shows their milestone posts to their friends.
async fn milestones_to_friends(app: &TestApp, who: &Person) {
    let body = json!({ "milestones": "friends" });
    let path = "/feed/settings";
    expect(app, (Method::PUT, path), who, body, StatusCode::OK).await;
}

/// The posts `who`'s feed shows, newest first, without achievements'.
async fn but_achievements(app: &TestApp, who: &Person) -> Vec<Value> {
    let feed = get(app, who, "/feed").await;
    feed["posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["milestone"]["name"] != "achievement")
        .cloned()
        .collect()
}

/// Al-Fatihah read once a day at 08:00 UTC on each of the `days` days
/// up to today.
async fn read_daily(app: &TestApp, who: &Person, days: i64) {
    let events = (0..days)
        .map(|n| {
            let ago = days - 1 - n;
            let began = NOON - 4 * 3_600 - ago * 86_400;
            session(&format!("fatihah-{ago:03}"), (1, 1, 7), began, 120)
        })
        .collect();
    push(app, who, events).await;
}

async fn a_seven_day_streak_is_posted_once_privately_unless_its_author_opted_in(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a, b, c] = persons(&app, ["amina", "bilal", "carim"]).await;
    friends(&app, &a, &c).await;
    friends(&app, &b, &c).await;
    let settings = get(&app, &a, "/feed/settings").await;
    assert_eq!(
        settings["milestones"], "private",
        "milestone posts are private by default"
    );
    milestones_to_friends(&app, &b).await;
    let mut c_ws = socket(&app, &c).await;

    read_daily(&app, &a, 6).await;
    assert!(
        but_achievements(&app, &a).await.is_empty(),
        "six days are no milestone"
    );
    read_daily(&app, &a, 7).await;
    let own = but_achievements(&app, &a).await;
    assert_eq!(own.len(), 1, "{own:?}");
    assert_eq!(own[0]["kind"], "milestone");
    assert_eq!(own[0]["milestone"], json!({ "name": "streak", "value": 7 }));
    assert_eq!(own[0]["visibility"], "private");
    let more = session("fatihah-again", (1, 1, 7), NOON - 600, 120);
    push(&app, &a, vec![more]).await;
    assert_eq!(
        but_achievements(&app, &a).await.len(),
        1,
        "a milestone is posted once"
    );

    read_daily(&app, &b, 7).await;
    let live = event(&mut c_ws, "feed_post").await;
    assert_eq!(
        (
            live["data"]["author"]["username"].clone(),
            live["data"]["milestone"]["value"].clone()
        ),
        (json!("bilal"), json!(7)),
        "bilal opted in: his friend is told live, and amina's private post never came: {live}"
    );
    let seen = but_achievements(&app, &c).await;
    let authors: Vec<&Value> = seen.iter().map(|p| &p["author"]["username"]).collect();
    assert_eq!(authors, vec![&json!("bilal")], "{seen:?}");
}

async fn a_khatm_is_posted_when_every_ayah_has_been_read(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a] = persons(&app, ["amina"]).await;
    let mut began = NOON - 10 * 3_600;
    let mut events = Vec::new();
    for surah in 1..=114 {
        let (event, seconds) = whole_surah(surah, began);
        events.push(event);
        began += seconds + 1;
    }
    assert!(began < NOON, "all of it fits before now");
    let last = events.pop().unwrap();
    push(&app, &a, events).await;
    assert!(
        but_achievements(&app, &a).await.is_empty(),
        "113 surahs are not a khatm"
    );
    let mut ws = socket(&app, &a).await;
    push(&app, &a, vec![last]).await;
    let live = event(&mut ws, "feed_post").await;
    assert_eq!(
        live["data"]["milestone"],
        json!({ "name": "khatm", "value": 1 }),
        "{live}"
    );
}

/// The achievements of the milestone posts `who`'s feed shows, newest
/// first, with their visibility.
async fn achievement_posts(app: &TestApp, who: &Person) -> Vec<(Value, Value)> {
    let feed = get(app, who, "/feed").await;
    feed["posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["milestone"]["name"] == "achievement")
        .map(|p| {
            (
                p["milestone"]["achievement"].clone(),
                p["visibility"].clone(),
            )
        })
        .collect()
}

async fn achievements_a_push_meets_are_posted_once_each(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a, b, c] = persons(&app, ["amina", "bilal", "carim"]).await;
    friends(&app, &a, &b).await;
    let mut b_ws = socket(&app, &b).await;
    let fatihah = session("fatihah-first", (1, 1, 7), NOON - 600, 120);
    push(&app, &a, vec![fatihah.clone()]).await;
    let private = json!("private");
    assert_eq!(
        achievement_posts(&app, &a).await,
        [
            (json!("first_surah"), private.clone()),
            (json!("first_session"), private.clone())
        ],
        "a first session that reads al-Fatihah whole, private by default"
    );
    let own = get(&app, &a, "/feed").await;
    assert_eq!(
        own["posts"][1]["milestone"],
        json!({ "name": "achievement", "value": 1, "achievement": "first_session" })
    );
    push(&app, &a, vec![fatihah]).await;
    let again = session("fatihah-again", (1, 1, 7), NOON - 300, 120);
    push(&app, &a, vec![again]).await;
    assert_eq!(
        achievement_posts(&app, &a).await.len(),
        2,
        "the same push again, or another meeting nothing new, posts nothing"
    );
    nothing_before_now(&app, &mut b_ws, &c, &b, "amina's posts are private").await;

    milestones_to_friends(&app, &b).await;
    let mut a_ws = socket(&app, &a).await;
    push(
        &app,
        &b,
        vec![session("b-fatihah", (1, 1, 7), NOON - 600, 120)],
    )
    .await;
    let live = event(&mut a_ws, "feed_post").await;
    assert_eq!(
        (
            live["data"]["author"]["username"].clone(),
            live["data"]["milestone"]["achievement"].clone()
        ),
        (json!("bilal"), json!("first_session")),
        "bilal opted in: his friend is told live: {live}"
    );
}

on_both_backends!(
    achievements_a_push_meets_are_posted_once_each,
    a_post_reaches_those_it_is_for_and_never_strangers_the_blocked_or_non_members,
    reactions_are_one_per_person_changeable_counted_and_tell_the_author,
    a_reflection_carries_the_servers_ayah_text_and_is_checked_paged_and_deleted,
    a_seven_day_streak_is_posted_once_privately_unless_its_author_opted_in,
    a_khatm_is_posted_when_every_ayah_has_been_read,
);
