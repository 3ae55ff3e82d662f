//! The `goal_week` achievement judged on the server, on both backends: a
//! daily goal kept seven days in a row unlocks it (and posts its
//! milestone), reading before the goal or after its removal does not count.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{
    expect, get, persons, push, reading_sessions, signed_in_again, status, unlocked, Person,
};
use common::{spawn_app_at, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// A plain Wednesday noon in UTC (10 June 2026).
const NOON: i64 = 1_781_092_800;

/// Whether `who`'s own feed shows the milestone post of achievement `id`.
async fn posted(app: &TestApp, who: &Person, id: &str) -> bool {
    let feed = get(app, who, "/feed").await;
    feed["posts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["milestone"]["achievement"] == id)
}

/// Sets a daily goal of 7 ayahs for `who` at NOON: its id.
async fn daily_goal(app: &TestApp, who: &Person) -> String {
    let goal = json!({ "period": "daily", "measure": "ayahs", "target": 7 });
    let created = expect(
        app,
        (Method::POST, "/goals"),
        who,
        goal,
        StatusCode::CREATED,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

/// Moves to day `n` after NOON (two hours on for day 0) and reads
/// Al-Fatihah there, signed in again (a day outlives an access token).
async fn fatihah_on_day(app: &TestApp, who: Person, n: i64) -> Person {
    app.advance(if n == 0 { 7_200 } else { 86_400 });
    let who = signed_in_again(app, who).await;
    let began = NOON + n * 86_400 + 3_600;
    let tag = format!("goal-day-{n}");
    push(app, &who, reading_sessions(&tag, ("1:1", "1:7"), began)).await;
    who
}

async fn has_goal_week(app: &TestApp, who: &Person) -> bool {
    unlocked(&get(app, who, "/achievements").await)
        .iter()
        .any(|id| id == "goal_week")
}

async fn a_daily_goal_kept_seven_days_in_a_row_unlocks_goal_week(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [mut a] = persons(&app, ["amina"]).await;
    // Read the day before the goal is set: that day does not count.
    push(
        &app,
        &a,
        reading_sessions("goal-eve", ("1:1", "1:7"), NOON - 86_400),
    )
    .await;
    daily_goal(&app, &a).await;
    for n in 0..7 {
        assert!(
            !has_goal_week(&app, &a).await,
            "after {n} days of the goal kept"
        );
        a = fatihah_on_day(&app, a, n).await;
    }
    assert!(has_goal_week(&app, &a).await, "seven days kept");
    assert!(
        posted(&app, &a, "goal_week").await,
        "the push that kept it posts the milestone (private to the author)"
    );
}

async fn a_goal_removed_before_its_week_was_kept_unlocks_nothing(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let [mut a] = persons(&app, ["amina"]).await;
    let path = format!("/goals/{}", daily_goal(&app, &a).await);
    for n in 0..8 {
        if n == 4 {
            let removed = status(&app, Method::DELETE, &path, &a).await;
            assert_eq!(removed, StatusCode::NO_CONTENT);
        }
        a = fatihah_on_day(&app, a, n).await;
    }
    assert!(
        !has_goal_week(&app, &a).await,
        "eight days read, but the goal stood for four of them"
    );
}

on_both_backends!(
    a_daily_goal_kept_seven_days_in_a_row_unlocks_goal_week,
    a_goal_removed_before_its_week_was_kept_unlocks_nothing,
);
