//! Rank changes in a running competition, told after a push on both
//! backends: who moved up past whom (`competition_rank`), live and in the
//! inbox, and only to those who have the kind on.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{event, expect, get, persons, push, race, socket, Person};
use common::{rfc3339, spawn_app_at_with, Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A plain Wednesday noon in UTC (10 June 2026): rules read the server's
/// clock, never the machine's.
const NOON: i64 = 1_781_092_800;

/// A session reading al-Baqarah 1 to `ayahs`, begun at `began`.
fn baqarah(id: &str, ayahs: i64, began: i64) -> Value {
    json!({ "id": id, "type": "reading_session", "data": {
        "surah_number": 2, "start_ayah": 1, "end_ayah": ayahs,
        "start_time": rfc3339(began), "end_time": rfc3339(began + 120),
        "duration_seconds": 120 } })
}

/// The data of `who`'s `competition_rank` notifications, newest first.
async fn rank_changes(app: &TestApp, who: &Person) -> Vec<Value> {
    let inbox = get(app, who, "/notifications").await;
    inbox["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "competition_rank")
        .map(|n| n["data"].clone())
        .collect()
}

fn usernames(whos: &Value) -> Vec<&str> {
    whos.as_array()
        .unwrap()
        .iter()
        .map(|w| w["username"].as_str().unwrap())
        .collect()
}

async fn passing_someone_tells_both_unless_turned_off(backend: Backend) {
    let app = spawn_app_at_with(backend, NOON, &["--announce-seconds", "0"]).await;
    let [a, b, c] = persons(&app, ["amina", "bilal", "carim"]).await;
    let id = race(&app, &a, &[&b, &c], (NOON + 60, NOON + 86_400)).await;
    let id = id.as_str();
    app.advance(800);
    push(&app, &a, vec![baqarah("a-session-1", 20, NOON + 200)]).await;
    assert!(
        rank_changes(&app, &a).await.is_empty() && rank_changes(&app, &b).await.is_empty(),
        "leaving a draw at zero passes nobody"
    );

    let mut a_ws = socket(&app, &a).await;
    push(&app, &b, vec![baqarah("b-session-1", 30, NOON + 400)]).await;
    let told = event(&mut a_ws, "notification").await;
    assert_eq!(told["data"]["kind"], "competition_rank", "{told}");
    let passed = &told["data"]["data"];
    assert_eq!(
        (
            passed["competition_id"].as_str(),
            passed["name"].as_str(),
            passed["rank"].as_i64(),
            passed["by"]["username"].as_str()
        ),
        (Some(id), Some("Ramadan race"), Some(2), Some("bilal")),
        "bilal passed amina; she is #2: {passed}"
    );
    let moved = rank_changes(&app, &b).await;
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(
        (moved[0]["rank"].as_i64(), usernames(&moved[0]["passed"])),
        (Some(1), vec!["amina"]),
        "bilal moved up to #1 past amina: {moved:?}"
    );
    assert!(moved[0]["by"].is_null());

    let off = json!({ "competition_rank": false });
    let path = "/notifications/settings";
    expect(&app, (Method::PUT, path), &a, off, StatusCode::OK).await;
    push(&app, &c, vec![baqarah("c-session-1", 40, NOON + 600)]).await;
    let moved = rank_changes(&app, &c).await;
    assert_eq!(
        (moved[0]["rank"].as_i64(), usernames(&moved[0]["passed"])),
        (Some(1), vec!["bilal", "amina"]),
        "carim passed both, the nearest first: {moved:?}"
    );
    let bilal = rank_changes(&app, &b).await;
    assert_eq!(
        (bilal.len(), bilal[0]["rank"].as_i64()),
        (2, Some(2)),
        "{bilal:?}"
    );
    assert_eq!(bilal[0]["by"]["username"], "carim");
    assert_eq!(
        rank_changes(&app, &a).await.len(),
        1,
        "amina turned competition_rank off: nothing new stored"
    );

    push(&app, &b, vec![baqarah("b-session-1", 30, NOON + 400)]).await;
    assert_eq!(
        rank_changes(&app, &b).await.len(),
        2,
        "a duplicate push changes no rank"
    );
}

on_both_backends!(passing_someone_tells_both_unless_turned_off);
