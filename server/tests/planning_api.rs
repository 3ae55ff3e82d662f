//! The rest of the planning document's API, on both backends: goals,
//! Focus Mode, dhikr, achievements, the calendar, reciters and email
//! verification.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{
    call, expect, friends, get, persons, push, reading_sessions, status, unlocked, Person,
};
use common::{rfc3339 as at, spawn_app, spawn_app_at, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A plain Wednesday noon in UTC (10 June 2026).
const NOON: i64 = 1_781_092_800;

fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

/// The events of `kind` another device of `who` pulls.
async fn pulled(app: &TestApp, who: &Person, kind: &str) -> Vec<Value> {
    let body = get(app, who, "/sync/pull?cursor=0").await;
    body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == kind)
        .cloned()
        .collect()
}

async fn goals_are_set_changed_and_removed_by_their_owner_only_and_synced(backend: Backend) {
    let app = spawn_app(backend).await;
    let [a, b] = persons(&app, ["amina", "bilal"]).await;
    let body = json!({ "period": "daily", "measure": "pages", "target": 5 });
    let goal = expect(
        &app,
        (Method::POST, "/goals"),
        &a,
        body,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (goal["period"].clone(), goal["target"].clone()),
        (json!("daily"), json!(5))
    );
    let id = goal["id"].as_str().unwrap();
    let bad = json!({ "period": "yearly", "measure": "pages", "target": 5 });
    let refused = expect(
        &app,
        (Method::POST, "/goals"),
        &a,
        bad,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "invalid_period");
    let zero = json!({ "period": "daily", "measure": "pages", "target": 0 });
    let refused = expect(
        &app,
        (Method::POST, "/goals"),
        &a,
        zero,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "invalid_target");

    let path = format!("/goals/{id}");
    let change = json!({ "period": "weekly", "measure": "hasanat", "target": 10000 });
    let (got, theirs) = call(&app, Method::PUT, &path, &b, change.clone()).await;
    assert_eq!(
        (got, code(&theirs)),
        (StatusCode::NOT_FOUND, "goal_not_found"),
        "not B's goal"
    );
    assert_eq!(
        status(&app, Method::DELETE, &path, &b).await,
        StatusCode::NOT_FOUND
    );
    let changed = expect(&app, (Method::PUT, &path), &a, change, StatusCode::OK).await;
    assert_eq!(
        (changed["id"].as_str(), changed["measure"].clone()),
        (Some(id), json!("hasanat"))
    );
    let list = get(&app, &a, "/goals").await;
    assert_eq!(list["goals"].as_array().unwrap().len(), 1, "{list}");
    assert!(get(&app, &b, "/goals").await["goals"]
        .as_array()
        .unwrap()
        .is_empty());
    let synced = pulled(&app, &a, "goal_set").await;
    assert_eq!(
        synced.len(),
        2,
        "each setting is a sync event the devices pull"
    );
    assert_eq!(synced[1]["data"]["goal_id"], id);

    assert_eq!(
        status(&app, Method::DELETE, &path, &a).await,
        StatusCode::NO_CONTENT
    );
    assert!(get(&app, &a, "/goals").await["goals"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(pulled(&app, &a, "goal_removed").await.len(), 1);
    assert_eq!(
        status(&app, Method::DELETE, &path, &a).await,
        StatusCode::NOT_FOUND
    );
}

async fn focus_sessions_from_the_api_and_from_devices_are_listed_and_counted(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a] = persons(&app, ["amina"]).await;
    let prefs = get(&app, &a, "/focus/preferences").await;
    assert_eq!(
        prefs,
        json!({ "default_minutes": 20, "quiet": true }),
        "the defaults"
    );
    let set = json!({ "default_minutes": 45, "quiet": false });
    expect(
        &app,
        (Method::PUT, "/focus/preferences"),
        &a,
        set.clone(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(get(&app, &a, "/focus/preferences").await, set);
    let silly = json!({ "default_minutes": 0, "quiet": false });
    let refused = expect(
        &app,
        (Method::PUT, "/focus/preferences"),
        &a,
        silly,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "invalid_minutes");

    let session = |start: i64, planned: i64, focused: i64, completed: bool| {
        json!({
            "start_time": at(start), "end_time": at(start + focused),
            "planned_minutes": planned, "duration_seconds": focused, "completed": completed,
        })
    };
    let path = (Method::POST, "/focus/sessions");
    expect(
        &app,
        path.clone(),
        &a,
        session(NOON - 7_200, 30, 1_800, true),
        StatusCode::CREATED,
    )
    .await;
    let future = session(NOON + 600, 10, 600, true);
    let refused = expect(
        &app,
        path.clone(),
        &a,
        future,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "future_time");
    // Focused longer than the session lasted.
    let mut over = session(NOON - 7_200, 10, 1_800, false);
    over["duration_seconds"] = json!(4_000);
    let refused = expect(
        &app,
        path.clone(),
        &a,
        over,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "invalid_duration");
    // A device's own `focus_session` event, as the app's outbox sends it.
    let device = json!({ "id": "focus-device-1", "type": "focus_session", "data": session(NOON - 3_600, 20, 630, false) });
    push(&app, &a, vec![device]).await;

    let list = get(&app, &a, "/focus/sessions").await;
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{list}");
    assert_eq!(
        sessions[0]["id"], "focus-device-1",
        "newest first, from any device"
    );
    let stats = get(&app, &a, "/focus/stats").await;
    assert_eq!(
        (
            stats["sessions"].clone(),
            stats["completed"].clone(),
            stats["minutes"].clone()
        ),
        (json!(2), json!(1), json!(40)),
        "core's rules: whole minutes focused, 30 + 10.5: {stats}"
    );
    assert_eq!(pulled(&app, &a, "focus_session").await.len(), 2);
}

async fn a_focus_session_kept_on_the_servers_clock_ends_early_or_complete(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a] = persons(&app, ["amina"]).await;
    let start = (Method::POST, "/focus/session/start");
    let running = expect(&app, start.clone(), &a, json!({}), StatusCode::CREATED).await;
    assert_eq!(
        running["planned_minutes"], 20,
        "the preferred length by default"
    );
    assert_eq!(running["ends_at"], at(NOON + 20 * 60));
    let twice = expect(
        &app,
        start.clone(),
        &a,
        json!({ "minutes": 5 }),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(code(&twice), "focus_running", "one at a time");
    app.advance(240);
    let complete = (Method::PUT, "/focus/session/complete");
    let early = expect(&app, complete.clone(), &a, Value::Null, StatusCode::OK).await;
    assert_eq!(
        (
            early["completed"].clone(),
            early["duration_seconds"].clone()
        ),
        (json!(false), json!(240)),
        "ended early, with what was focused: {early}"
    );
    let none = expect(
        &app,
        complete.clone(),
        &a,
        Value::Null,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(code(&none), "no_focus_session");
    expect(
        &app,
        start,
        &a,
        json!({ "minutes": 1 }),
        StatusCode::CREATED,
    )
    .await;
    app.advance(120);
    let done = expect(&app, complete, &a, Value::Null, StatusCode::OK).await;
    assert_eq!(
        (done["completed"].clone(), done["duration_seconds"].clone()),
        (json!(true), json!(60))
    );
    assert_eq!(
        done["end_time"],
        at(NOON + 240 + 60),
        "complete when its time ran"
    );
    let stats = get(&app, &a, "/focus/stats").await;
    assert_eq!(
        (stats["sessions"].clone(), stats["completed"].clone()),
        (json!(2), json!(1))
    );
}

async fn dhikr_lists_come_from_the_apps_catalogue_and_rounds_are_kept(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a] = persons(&app, ["amina"]).await;
    let all = get(&app, &a, "/dhikr/recommended").await;
    assert_eq!(all["lists"].as_array().unwrap().len(), 3);
    let morning = get(&app, &a, "/dhikr/recommended?occasion=morning").await;
    let catalogue =
        companion_core::daily::dhikr::adhkar(companion_core::daily::dhikr::Occasion::Morning);
    let ids: Vec<&str> = morning["lists"][0]["adhkar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = catalogue.iter().map(|d| d.id).collect();
    assert_eq!(
        ids, expected,
        "the same list, in the same order, as the app"
    );
    assert!(morning["lists"][0]["adhkar"][0]["source"].is_string());
    let (got, bad) = call(
        &app,
        Method::GET,
        "/dhikr/recommended?occasion=noon",
        &a,
        Value::Null,
    )
    .await;
    assert_eq!(
        (got, code(&bad)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_occasion")
    );

    let round = json!({ "kind": "free", "count": 33, "completed": true, "start_time": at(NOON - 120), "end_time": at(NOON - 60) });
    let kept = expect(
        &app,
        (Method::POST, "/dhikr/session"),
        &a,
        round,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(kept["count"], 33);
    let bad = json!({ "kind": "loud", "count": 33, "completed": true, "start_time": at(NOON - 120), "end_time": at(NOON - 60) });
    let refused = expect(
        &app,
        (Method::POST, "/dhikr/session"),
        &a,
        bad,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code(&refused), "invalid_kind");
    let device = json!({ "id": "dhikr-device-1", "type": "dhikr_session",
        "data": { "kind": "morning", "count": 12, "completed": false, "start_time": at(NOON - 30), "end_time": at(NOON - 10) } });
    push(&app, &a, vec![device]).await;
    let rounds = get(&app, &a, "/dhikr/sessions").await;
    assert_eq!(rounds["sessions"].as_array().unwrap().len(), 2, "{rounds}");
    assert_eq!(rounds["total_count"], 45);
    assert_eq!(rounds["sessions"][0]["kind"], "morning", "newest first");
}

async fn achievements_come_from_synced_reading_and_are_private_unless_shared(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a, friend, stranger] = persons(&app, ["amina", "bilal", "carim"]).await;
    friends(&app, &a, &friend).await;
    assert!(
        unlocked(&get(&app, &a, "/achievements").await).is_empty(),
        "nothing read yet"
    );
    push(
        &app,
        &a,
        reading_sessions("kahf", ("18:1", "18:110"), NOON - 4 * 3_600),
    )
    .await;
    let mine = get(&app, &a, "/achievements").await;
    let ids = unlocked(&mine);
    for id in ["first_session", "first_surah", "al_kahf"] {
        assert!(
            ids.iter().any(|u| u == id),
            "{id} from the synced reading: {ids:?}"
        );
    }
    let catalogue = companion_core::habit::achievement::CATALOGUE;
    assert_eq!(
        mine["achievements"].as_array().unwrap().len(),
        catalogue.len()
    );

    let path = format!("/achievements/user/{}", a.id);
    let (got, private) = call(&app, Method::GET, &path, &friend, Value::Null).await;
    assert_eq!(
        (got, code(&private)),
        (StatusCode::FORBIDDEN, "achievements_private"),
        "private by default"
    );
    assert_eq!(
        get(&app, &a, "/achievements/settings").await,
        json!({ "shared": false })
    );
    let share = json!({ "shared": true });
    expect(
        &app,
        (Method::PUT, "/achievements/settings"),
        &a,
        share,
        StatusCode::OK,
    )
    .await;
    let theirs = get(&app, &friend, &path).await;
    assert_eq!(unlocked(&theirs), ids, "a friend sees them once shared");
    let (got, _) = call(&app, Method::GET, &path, &stranger, Value::Null).await;
    assert_eq!(
        got,
        StatusCode::FORBIDDEN,
        "shared, they follow the reading's visibility (circles): a stranger does not see them"
    );
    let (got, gone) = call(
        &app,
        Method::GET,
        "/achievements/user/nobody",
        &friend,
        Value::Null,
    )
    .await;
    assert_eq!(
        (got, code(&gone)),
        (StatusCode::NOT_FOUND, "user_not_found")
    );
}

async fn prayer_times_for_makkah_are_what_core_computes_and_bad_input_is_a_clear_422(
    backend: Backend,
) {
    use companion_core::daily::prayer::{prayer_times, Method as PrayerMethod, PrayerSettings};
    let app = spawn_app(backend).await;
    let query = "/api/v1/calendar/prayer-times?lat=21.4225&lon=39.8262&tz=Asia/Riyadh&method=umm_al_qura&date=2026-06-10";
    let (got, body) = app.get(query, None).await;
    assert_eq!(got, StatusCode::OK, "no sign-in needed: {body}");
    let place = companion_core::daily::Place::new(21.4225, 39.8262, "Asia/Riyadh").unwrap();
    let day = companion_core::habit::Day::parse("2026-06-10").unwrap();
    let core = prayer_times(&place, day, &PrayerSettings::new(PrayerMethod::UmmAlQura)).unwrap();
    let times = body["times"].as_array().unwrap();
    assert_eq!(times.len(), 6);
    for (served, computed) in times.iter().zip(core.times.iter()) {
        assert_eq!(served["prayer"], computed.prayer.as_str());
        assert_eq!(
            served["at"],
            computed.at.to_string(),
            "the same second as the app"
        );
    }
    assert_eq!(body["date"], "2026-06-10");

    for (bad, expected) in [
        ("lat=95&lon=39.8&tz=Asia/Riyadh", "invalid_place"),
        ("lat=21.4&lon=39.8&tz=Mars/Olympus", "invalid_place"),
        (
            "lat=21.4&lon=39.8&tz=Asia/Riyadh&method=guess",
            "invalid_method",
        ),
        (
            "lat=21.4&lon=39.8&tz=Asia/Riyadh&date=2026-13-01",
            "invalid_date",
        ),
        ("lon=39.8&tz=Asia/Riyadh", "invalid_query"),
        ("lat=north&lon=39.8&tz=Asia/Riyadh", "invalid_query"),
    ] {
        let (got, body) = app
            .get(&format!("/api/v1/calendar/prayer-times?{bad}"), None)
            .await;
        assert_eq!(
            (got, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{bad}: {body}"
        );
    }
}

async fn the_hijri_date_is_the_apps_and_reciters_are_the_apps_catalogue(backend: Backend) {
    use companion_core::daily::hijri::{hijri_of, HijriOffset};
    let app = spawn_app(backend).await;
    let (got, body) = app
        .get("/api/v1/calendar/hijri?date=2026-06-10", None)
        .await;
    assert_eq!(got, StatusCode::OK, "{body}");
    let day = companion_core::habit::Day::parse("2026-06-10").unwrap();
    let core = hijri_of(day, HijriOffset::default()).unwrap();
    assert_eq!(
        (
            body["year"].clone(),
            body["month"].clone(),
            body["day"].clone()
        ),
        (json!(core.year), json!(core.month), json!(core.day))
    );
    assert_eq!(body["year"], 1447);
    let (_, moved) = app
        .get("/api/v1/calendar/hijri?date=2026-06-10&offset=1", None)
        .await;
    assert_ne!(moved["day"], body["day"], "an offset moves the date");
    let (got, bad) = app
        .get("/api/v1/calendar/hijri?date=1800-01-01", None)
        .await;
    assert_eq!(
        (got, code(&bad)),
        (StatusCode::UNPROCESSABLE_ENTITY, "date_out_of_range")
    );
    let (got, bad) = app.get("/api/v1/calendar/hijri?offset=5", None).await;
    assert_eq!(
        (got, code(&bad)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_offset")
    );

    let (got, reciters) = app.get("/api/v1/quran/reciters", None).await;
    assert_eq!(got, StatusCode::OK);
    let ids: Vec<&str> = reciters["reciters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let known: Vec<&str> = quran_data::reciters().iter().map(|r| r.id).collect();
    assert_eq!(ids, known, "the reciters the app knows");
    assert_eq!(
        reciters["default_base_url"],
        quran_data::DEFAULT_AUDIO_BASE_URL
    );
}

async fn an_email_is_verified_with_the_token_mailed_at_registration(backend: Backend) {
    let app = spawn_app(backend).await;
    let [a] = persons(&app, ["amina"]).await;
    let me = get(&app, &a, "/users/me").await;
    assert_eq!(me["email_verified"], false, "not yet");
    let token = app
        .mails
        .last_token("amina@example.com")
        .expect("a token was mailed");
    let (got, bad) = app
        .post(
            "/api/v1/auth/verify-email",
            json!({ "token": "not-a-token" }),
        )
        .await;
    assert_eq!(
        (got, code(&bad)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_token")
    );
    let (got, _) = app
        .post("/api/v1/auth/verify-email", json!({ "token": token }))
        .await;
    assert_eq!(got, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &a, "/users/me").await["email_verified"], true);
    let (got, _) = app
        .post("/api/v1/auth/verify-email", json!({ "token": token }))
        .await;
    assert_eq!(got, StatusCode::NO_CONTENT, "verifying again is no change");
}

async fn an_expired_verification_token_is_refused_and_a_new_one_can_be_asked_for(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [a] = persons(&app, ["amina"]).await;
    let old = app.mails.last_token("amina@example.com").unwrap();
    app.advance(49 * 3_600);
    let (got, expired) = app
        .post("/api/v1/auth/verify-email", json!({ "token": old }))
        .await;
    assert_eq!(
        (got, code(&expired)),
        (StatusCode::UNPROCESSABLE_ENTITY, "token_expired")
    );
    let a = common::people::signed_in_again(&app, a).await;
    assert_eq!(
        status(&app, Method::POST, "/users/me/verify-email", &a).await,
        StatusCode::NO_CONTENT
    );
    let new = app.mails.last_token("amina@example.com").unwrap();
    assert_ne!(new, old, "a new token");
    let (got, _) = app
        .post("/api/v1/auth/verify-email", json!({ "token": old }))
        .await;
    assert_eq!(
        got,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the old one stops working"
    );
    let (got, _) = app
        .post("/api/v1/auth/verify-email", json!({ "token": new }))
        .await;
    assert_eq!(got, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &a, "/users/me").await["email_verified"], true);
}

on_both_backends!(
    goals_are_set_changed_and_removed_by_their_owner_only_and_synced,
    focus_sessions_from_the_api_and_from_devices_are_listed_and_counted,
    a_focus_session_kept_on_the_servers_clock_ends_early_or_complete,
    dhikr_lists_come_from_the_apps_catalogue_and_rounds_are_kept,
    achievements_come_from_synced_reading_and_are_private_unless_shared,
    prayer_times_for_makkah_are_what_core_computes_and_bad_input_is_a_clear_422,
    the_hijri_date_is_the_apps_and_reciters_are_the_apps_catalogue,
    an_email_is_verified_with_the_token_mailed_at_registration,
    an_expired_verification_token_is_refused_and_a_new_one_can_be_asked_for,
);
