//! Group khatmah over the REST routes with live delivery on `/api/v1/ws`,
//! on both backends: starting one, claiming and assigning portions,
//! finishing them by hand and from synced reading, who is told, the
//! deadline reminder, completion in the group's feed, and the history.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{
    call, event, expect, get, nothing_before_now, persons, private_group, push, reading_sessions,
    socket, status, Person,
};
use common::{rfc3339 as at, spawn_app, spawn_app_at, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A plain Wednesday noon in UTC (10 June 2026).
const NOON: i64 = 1_781_092_800;

/// Starts a khatmah of `group` as `admin`: the khatmah.
async fn start(app: &TestApp, admin: &Person, group: &Value, body: Value) -> Value {
    let path = format!("/groups/{}/khatmahs", group["id"].as_str().unwrap());
    expect(app, (Method::POST, &path), admin, body, StatusCode::CREATED).await
}

/// `POST /khatmahs/{id}/portions/{number}/{action}` as `who`: status and body.
async fn portion(
    app: &TestApp,
    who: &Person,
    (khatmah, number): (&Value, i64),
    action: &str,
    body: Value,
) -> (StatusCode, Value) {
    let id = khatmah["id"].as_str().unwrap();
    let path = format!("/khatmahs/{id}/portions/{number}/{action}");
    call(app, Method::POST, &path, who, body).await
}

fn reader_of(khatmah: &Value, number: i64) -> Value {
    khatmah["portions"][(number - 1) as usize]["assignee"]["username"].clone()
}

async fn an_admin_starts_a_khatmah_and_members_claim_free_portions_never_a_taken_one(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let [admin, a, b] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a, &b]).await;
    let path = format!("/groups/{}/khatmahs", group["id"].as_str().unwrap());
    let refused = expect(
        &app,
        (Method::POST, &path),
        &a,
        json!({ "division": "juz" }),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused["code"], "not_admin", "only admins start one");
    let bad = expect(
        &app,
        (Method::POST, &path),
        &admin,
        json!({ "division": "page" }),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad["code"], "invalid_division");

    let khatmah = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    assert_eq!(khatmah["total"], 30);
    assert_eq!(khatmah["status"], "running");
    assert_eq!(khatmah["portions"][0]["first"], "1:1");
    assert_eq!(khatmah["portions"][29]["last"], "114:6");
    assert!(khatmah["portions"][0]["assignee"].is_null(), "all free");
    let again = expect(
        &app,
        (Method::POST, &path),
        &admin,
        json!({ "division": "hizb" }),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(again["code"], "khatmah_running", "one running at a time");

    let (got, mine) = portion(&app, &a, (&khatmah, 3), "claim", Value::Null).await;
    assert_eq!(got, StatusCode::OK, "{mine}");
    assert_eq!(reader_of(&mine, 3), "bilal");
    let (got, taken) = portion(&app, &b, (&khatmah, 3), "claim", Value::Null).await;
    assert_eq!(got, StatusCode::CONFLICT, "{taken}");
    assert_eq!(
        taken["code"], "portion_taken",
        "a taken portion stays its reader's"
    );
    let (got, out) = portion(&app, &b, (&khatmah, 31), "claim", Value::Null).await;
    assert_eq!(
        (got, out["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid_portion"))
    );
    let (got, _) = portion(&app, &b, (&khatmah, 4), "claim", Value::Null).await;
    assert_eq!(got, StatusCode::OK);

    let id = khatmah["id"].as_str().unwrap();
    let path = format!("/khatmahs/{id}/portions/4/claim");
    let (got, freed) = call(&app, Method::DELETE, &path, &b, Value::Null).await;
    assert_eq!(got, StatusCode::OK, "{freed}");
    assert!(freed["portions"][3]["assignee"].is_null(), "given back");
    let (got, _) = call(
        &app,
        Method::DELETE,
        "/khatmahs/x/portions/3/claim",
        &b,
        Value::Null,
    )
    .await;
    assert_eq!(got, StatusCode::NOT_FOUND);
    let path = format!("/khatmahs/{id}/portions/3/claim");
    let (got, not_yours) = call(&app, Method::DELETE, &path, &b, Value::Null).await;
    assert_eq!(
        (got, not_yours["code"].clone()),
        (StatusCode::CONFLICT, json!("not_your_portion"))
    );
}

async fn an_admin_assigns_a_portion_and_its_reader_is_notified(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, a, stranger] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a]).await;
    let khatmah = start(&app, &admin, &group, json!({ "division": "hizb" })).await;
    assert_eq!(khatmah["total"], 60);
    let mut ws = socket(&app, &a).await;

    let body = json!({ "user_id": a.id });
    let (got, refused) = portion(&app, &a, (&khatmah, 7), "assign", body.clone()).await;
    assert_eq!(
        (got, refused["code"].clone()),
        (StatusCode::FORBIDDEN, json!("not_admin"))
    );
    let outsider = json!({ "user_id": stranger.id });
    let (got, refused) = portion(&app, &admin, (&khatmah, 7), "assign", outsider).await;
    assert_eq!(
        (got, refused["code"].clone()),
        (StatusCode::NOT_FOUND, json!("member_not_found")),
        "only members read portions"
    );
    let (got, assigned) = portion(&app, &admin, (&khatmah, 7), "assign", body).await;
    assert_eq!(got, StatusCode::OK, "{assigned}");
    assert_eq!(reader_of(&assigned, 7), "bilal");

    let live = event(&mut ws, "khatmah").await;
    assert_eq!(live["data"]["change"], "assigned");
    assert_eq!(live["data"]["portion"]["number"], 7);
    let note = event(&mut ws, "notification").await;
    assert_eq!(note["data"]["kind"], "khatmah_portion");
    assert_eq!(note["data"]["data"]["reason"], "assigned");
    assert_eq!(note["data"]["data"]["portions"], json!([7]));
    assert_eq!(note["data"]["data"]["group_name"], "Fajr Circle");
}

async fn every_change_reaches_each_member_live_and_never_a_non_member(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, a, stranger] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a]).await;
    let mut admin_ws = socket(&app, &admin).await;
    let mut stranger_ws = socket(&app, &stranger).await;

    let khatmah = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    let started = event(&mut admin_ws, "khatmah").await;
    assert_eq!(started["data"]["change"], "started");
    assert_eq!(started["data"]["khatmah_id"], khatmah["id"]);
    let (got, _) = portion(&app, &a, (&khatmah, 1), "claim", Value::Null).await;
    assert_eq!(got, StatusCode::OK);
    let claimed = event(&mut admin_ws, "khatmah").await;
    assert_eq!(claimed["data"]["change"], "claimed");
    assert_eq!(claimed["data"]["portion"]["assignee"]["username"], "bilal");

    let id = khatmah["id"].as_str().unwrap();
    let path = format!("/khatmahs/{id}");
    assert_eq!(
        status(&app, Method::GET, &path, &stranger).await,
        StatusCode::NOT_FOUND,
        "a non-member does not learn it exists"
    );
    let (got, _) = portion(&app, &stranger, (&khatmah, 2), "claim", Value::Null).await;
    assert_eq!(got, StatusCode::NOT_FOUND);
    let list = format!("/groups/{}/khatmahs", group["id"].as_str().unwrap());
    assert_eq!(
        status(&app, Method::GET, &list, &stranger).await,
        StatusCode::NOT_FOUND
    );
    nothing_before_now(
        &app,
        &mut stranger_ws,
        &admin,
        &stranger,
        "a non-member is never told of a group's khatmah",
    )
    .await;
}

async fn a_portion_is_done_by_its_reader_or_an_admin_and_by_no_one_else(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, a, b] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a, &b]).await;
    let khatmah = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    portion(&app, &a, (&khatmah, 2), "claim", Value::Null).await;

    let (got, refused) = portion(&app, &b, (&khatmah, 2), "done", Value::Null).await;
    assert_eq!(
        (got, refused["code"].clone()),
        (StatusCode::FORBIDDEN, json!("not_your_portion"))
    );
    let (got, done) = portion(&app, &a, (&khatmah, 2), "done", Value::Null).await;
    assert_eq!(got, StatusCode::OK, "{done}");
    assert_eq!(done["portions"][1]["done"], true);
    assert_eq!(done["portions"][1]["done_how"], "marked");
    assert_eq!(done["done"], 1);
    let (got, again) = portion(&app, &a, (&khatmah, 2), "done", Value::Null).await;
    assert_eq!(
        (got, again["done"].clone()),
        (StatusCode::OK, json!(1)),
        "done once"
    );
    let (got, by_admin) = portion(&app, &admin, (&khatmah, 9), "done", Value::Null).await;
    assert_eq!(
        got,
        StatusCode::OK,
        "an admin marks any portion: {by_admin}"
    );
    assert_eq!(by_admin["done"], 2);
    let (got, taken) = portion(&app, &b, (&khatmah, 9), "claim", Value::Null).await;
    assert_eq!(
        (got, taken["code"].clone()),
        (StatusCode::CONFLICT, json!("portion_taken"))
    );
}

async fn a_portion_is_done_once_its_reader_synced_reading_of_each_ayah_after_the_start(
    backend: Backend,
) {
    let app = spawn_app_at(backend, NOON).await;
    let [admin, a] = persons(&app, ["amina", "bilal"]).await;
    let group = private_group(&app, &admin, &[&a]).await;
    let khatmah = start(&app, &admin, &group, json!({ "division": "hizb" })).await;
    portion(&app, &a, (&khatmah, 60), "claim", Value::Null).await;
    let hizb = &khatmah["portions"][59];
    let range = (
        hizb["first"].as_str().unwrap(),
        hizb["last"].as_str().unwrap(),
    );
    app.advance(6 * 3_600);
    let [admin, a] = [
        common::people::signed_in_again(&app, admin).await,
        common::people::signed_in_again(&app, a).await,
    ];
    let mut admin_ws = socket(&app, &admin).await;

    // Read before the khatmah started: it does not count.
    push(
        &app,
        &a,
        reading_sessions("before", range, NOON - 3 * 3_600),
    )
    .await;
    let id = khatmah["id"].as_str().unwrap();
    let view = get(&app, &a, &format!("/khatmahs/{id}")).await;
    assert_eq!(
        view["done"], 0,
        "reading before the start is not this khatmah's"
    );
    let mut after = reading_sessions("after", range, NOON + 600);
    let last = after.pop().unwrap();
    push(&app, &a, after).await;
    let view = get(&app, &a, &format!("/khatmahs/{id}")).await;
    assert_eq!(view["done"], 0, "one surah of the portion is still unread");
    push(&app, &a, vec![last]).await;
    let view = get(&app, &a, &format!("/khatmahs/{id}")).await;
    assert_eq!(view["portions"][59]["done"], true, "{view}");
    assert_eq!(view["portions"][59]["done_how"], "reading");
    let live = event(&mut admin_ws, "khatmah").await;
    assert_eq!(
        (
            live["data"]["change"].clone(),
            live["data"]["portion"]["number"].clone()
        ),
        (json!("done"), json!(60)),
        "the members see it done live"
    );
}

async fn inbox(app: &TestApp, who: &Person) -> Value {
    get(app, who, "/notifications").await
}

async fn the_deadline_reminder_goes_once_to_readers_of_unfinished_portions(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [admin, a, b] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a, &b]).await;
    let path = format!("/groups/{}/khatmahs", group["id"].as_str().unwrap());
    let past = json!({ "division": "juz", "deadline": at(NOON - 60) });
    let refused = expect(
        &app,
        (Method::POST, &path),
        &admin,
        past,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused["code"], "invalid_deadline");
    let deadline = NOON + 3 * 86_400;
    let khatmah = start(
        &app,
        &admin,
        &group,
        json!({ "division": "juz", "deadline": at(deadline) }),
    )
    .await;
    assert_eq!(khatmah["deadline"], at(deadline));
    portion(&app, &a, (&khatmah, 1), "claim", Value::Null).await;
    portion(&app, &a, (&khatmah, 1), "done", Value::Null).await;
    portion(&app, &b, (&khatmah, 2), "claim", Value::Null).await;
    portion(&app, &b, (&khatmah, 3), "claim", Value::Null).await;

    companion_server::remind_khatmahs(&app.state).await;
    assert!(
        inbox(&app, &b).await["notifications"]
            .as_array()
            .unwrap()
            .is_empty(),
        "three days before is not near"
    );
    app.set_time(deadline - 23 * 3_600);
    let b = common::people::signed_in_again(&app, b).await;
    let a = common::people::signed_in_again(&app, a).await;
    companion_server::remind_khatmahs(&app.state).await;
    companion_server::remind_khatmahs(&app.state).await;
    let told = inbox(&app, &b).await;
    let notes = told["notifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "reminded once: {told}");
    assert_eq!(notes[0]["kind"], "khatmah_portion");
    assert_eq!(notes[0]["data"]["reason"], "deadline");
    assert_eq!(notes[0]["data"]["portions"], json!([2, 3]));
    assert!(
        inbox(&app, &a).await["notifications"]
            .as_array()
            .unwrap()
            .is_empty(),
        "a reader whose portion is done is not reminded"
    );
}

async fn the_last_portion_completes_the_khatmah_with_a_group_post_and_history_is_kept(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let [admin, a, stranger] = persons(&app, ["amina", "bilal", "carim"]).await;
    let group = private_group(&app, &admin, &[&a]).await;
    common::people::friends(&app, &admin, &stranger).await;
    let first = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    let id = first["id"].as_str().unwrap();
    let (got, refused) = call(
        &app,
        Method::POST,
        &format!("/khatmahs/{id}/cancel"),
        &a,
        Value::Null,
    )
    .await;
    assert_eq!(
        (got, refused["code"].clone()),
        (StatusCode::FORBIDDEN, json!("not_admin"))
    );
    let (got, cancelled) = call(
        &app,
        Method::POST,
        &format!("/khatmahs/{id}/cancel"),
        &admin,
        Value::Null,
    )
    .await;
    assert_eq!(
        (got, cancelled["status"].clone()),
        (StatusCode::OK, json!("cancelled"))
    );
    let (got, over) = portion(&app, &a, (&first, 1), "claim", Value::Null).await;
    assert_eq!(
        (got, over["code"].clone()),
        (StatusCode::CONFLICT, json!("khatmah_over"))
    );

    let second = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    let mut a_ws = socket(&app, &a).await;
    for n in 1..=29 {
        portion(&app, &admin, (&second, n), "done", Value::Null).await;
    }
    for _ in 1..=29 {
        event(&mut a_ws, "khatmah").await;
    }
    portion(&app, &a, (&second, 30), "claim", Value::Null).await;
    event(&mut a_ws, "khatmah").await;
    let (got, complete) = portion(&app, &a, (&second, 30), "done", Value::Null).await;
    assert_eq!(got, StatusCode::OK);
    assert_eq!(complete["status"], "completed");
    assert!(complete["ended_at"].is_string());
    assert_eq!(event(&mut a_ws, "khatmah").await["data"]["change"], "done");
    assert_eq!(
        event(&mut a_ws, "khatmah").await["data"]["change"],
        "completed"
    );
    let post = event(&mut a_ws, "feed_post").await;
    assert_eq!(post["data"]["visibility"], "group");
    assert_eq!(
        post["data"]["milestone"],
        json!({ "name": "khatmah", "value": 2 }),
        "the group's second khatmah"
    );
    assert_eq!(
        post["data"]["author"]["username"], "amina",
        "posted as its starter"
    );

    let feed = get(&app, &a, "/feed").await;
    assert_eq!(
        feed["posts"][0]["id"], post["data"]["id"],
        "in the members' feed"
    );
    let theirs = get(&app, &stranger, "/feed").await;
    assert!(
        theirs["posts"].as_array().unwrap().is_empty(),
        "the starter's friend outside the group does not see it: {theirs}"
    );
    let list = format!("/groups/{}/khatmahs", group["id"].as_str().unwrap());
    let history = get(&app, &a, &list).await;
    let states: Vec<&Value> = history["khatmahs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| &k["status"])
        .collect();
    assert_eq!(
        states,
        [&json!("completed"), &json!("cancelled")],
        "newest first, all kept"
    );
    assert_eq!(history["khatmahs"][0]["number"], 2);
    start(&app, &admin, &group, json!({ "division": "hizb" })).await;
}

async fn a_member_who_leaves_frees_their_unfinished_portions(backend: Backend) {
    let app = spawn_app(backend).await;
    let [admin, a] = persons(&app, ["amina", "bilal"]).await;
    let group = private_group(&app, &admin, &[&a]).await;
    let khatmah = start(&app, &admin, &group, json!({ "division": "juz" })).await;
    portion(&app, &a, (&khatmah, 1), "claim", Value::Null).await;
    portion(&app, &a, (&khatmah, 2), "claim", Value::Null).await;
    portion(&app, &a, (&khatmah, 2), "done", Value::Null).await;
    let leave = format!("/groups/{}/leave", group["id"].as_str().unwrap());
    assert_eq!(
        status(&app, Method::POST, &leave, &a).await,
        StatusCode::NO_CONTENT
    );
    let id = khatmah["id"].as_str().unwrap();
    let view = get(&app, &admin, &format!("/khatmahs/{id}")).await;
    assert!(
        view["portions"][0]["assignee"].is_null(),
        "free again: {view}"
    );
    assert_eq!(
        view["portions"][1]["done"], true,
        "what they read stays read"
    );
}

on_both_backends!(
    an_admin_starts_a_khatmah_and_members_claim_free_portions_never_a_taken_one,
    an_admin_assigns_a_portion_and_its_reader_is_notified,
    every_change_reaches_each_member_live_and_never_a_non_member,
    a_portion_is_done_by_its_reader_or_an_admin_and_by_no_one_else,
    a_portion_is_done_once_its_reader_synced_reading_of_each_ayah_after_the_start,
    the_deadline_reminder_goes_once_to_readers_of_unfinished_portions,
    the_last_portion_completes_the_khatmah_with_a_group_post_and_history_is_kept,
    a_member_who_leaves_frees_their_unfinished_portions,
);
