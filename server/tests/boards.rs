//! Leaderboards kept up to date by pushes, on both backends: a board read
//! before a push and patched by it shows what a board computed afresh
//! (after a restart, with an empty cache) shows.

#![allow(clippy::unwrap_used)]

mod common;

use common::people::{expect, get, person, private_group};
use common::{spawn_app_at, Backend};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Wednesday 10 June 2026, 12:00 UTC.
const NOON: i64 = 1_781_092_800;

fn session(id: &str, began: i64) -> Value {
    let at = |second: i64| jiff::Timestamp::from_second(second).unwrap().to_string();
    json!({
        "id": id,
        "type": "reading_session",
        "data": {
            "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
            "start_time": at(began), "end_time": at(began + 600),
            "duration_seconds": 600, "session_type": "reading",
        }
    })
}

/// Each board's (username, score) places.
fn places(board: &Value) -> Vec<(String, f64)> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["username"].as_str().unwrap().to_owned(),
                e["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

async fn a_board_patched_by_pushes_matches_one_computed_afresh(backend: Backend) {
    let app = spawn_app_at(backend, NOON).await;
    let (amina, bilal) = (person(&app, "amina").await, person(&app, "bilal").await);
    let group = private_group(&app, &amina, &[&bilal]).await;
    let id = group["id"].as_str().unwrap();
    let paths: Vec<String> = ["today", "week", "all_time"]
        .iter()
        .map(|period| format!("/groups/{id}/leaderboard?period={period}"))
        .collect();
    for path in &paths {
        get(&app, &amina, path).await; // Cached, all zero.
    }
    let pushes = [
        (
            &amina,
            vec![
                session("a-today", NOON - 3600),
                session("a-old", NOON - 10 * 86_400),
            ],
        ),
        (&bilal, vec![session("b-week", NOON - 3 * 86_400 - 7200)]),
        (&bilal, vec![session("b-yesterday", NOON - 86_400)]),
    ];
    for (who, events) in pushes {
        let body = json!({ "events": events, "history_device": "phone-0001" });
        expect(
            &app,
            (Method::POST, "/sync/push"),
            who,
            body,
            StatusCode::OK,
        )
        .await;
    }
    let mut patched = Vec::new();
    for path in &paths {
        patched.push(places(&get(&app, &amina, path).await));
    }
    assert_eq!(patched[0].len(), 2);
    assert_eq!(
        patched[0][0].0, "amina",
        "only amina read today: {:?}",
        patched[0]
    );
    assert_eq!(
        patched[1][0].0, "bilal",
        "bilal read twice this week: {:?}",
        patched[1]
    );
    let app = app.restart(&[]).await;
    for (path, patched) in paths.iter().zip(&patched) {
        assert_eq!(
            &places(&get(&app, &amina, path).await),
            patched,
            "{path}: the patched board is the board computed afresh"
        );
    }
}

on_both_backends!(a_board_patched_by_pushes_matches_one_computed_afresh);
