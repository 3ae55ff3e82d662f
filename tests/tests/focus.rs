//! End-to-end Focus Mode: a session hides everything but the reader and
//! its countdown, pauses and resumes, survives the app being killed
//! (kill -9: it comes back by itself with the right time left), ends
//! early as incomplete after asking once, one on a passage that ran out
//! while the app was dead is settled as complete, and a one-minute
//! session runs to its end into the history.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

/// The app's clock starts at `time` on 2026-06-10 (UTC) at its next launch.
fn clock_at(profile: &mut Profile, time: &str) {
    profile
        .env
        .retain(|(key, _)| key != "COMPANION_CLOCK_START");
    profile.env.push((
        "COMPANION_CLOCK_START".into(),
        format!("2026-06-10T{time}Z"),
    ));
}

async fn seconds_left(app: &App) -> i64 {
    let el = app.wait_for("#focus-remaining").await;
    el.attr("data-seconds")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_focus_session_pauses_survives_a_restart_ends_early_and_settles_while_closed() {
    let soon = Duration::from_secs(10);
    let mut profile = Profile::new().with_env("COMPANION_TIME_ZONE", "UTC");
    clock_at(&mut profile, "12:00:00");
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day").await;
        app.click("#nav-focus").await;
        app.click("#focus-10").await;
        app.click("#target-surah").await;
        app.script(
            "const s = document.getElementById('focus-surah');
             s.value = '112'; s.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
        )
        .await;
        app.click("#focus-start").await;
        app.wait_for("#focus-running #reader .ayah[data-ref='112:4']")
            .await;
        assert!(
            app.all(".topbar").await.is_empty(),
            "no navigation in focus"
        );
        let left = seconds_left(&app).await;
        assert!((580..=600).contains(&left), "{left} s left of 10 minutes");
        app.click("#focus-pause").await;
        app.wait_for("#focus-running[data-paused='true']").await;
        app.click("#focus-resume").await;
        app.wait_for("#focus-running[data-paused='false']").await;
        // The app is killed mid-session (kill -9).
        app.kill().await;
    }
    // Five minutes later by the clock: the app opens on the session.
    clock_at(&mut profile, "12:05:00");
    {
        let app = App::launch(&profile).await;
        app.wait_for("#focus-running").await;
        let left = seconds_left(&app).await;
        assert!(
            (250..=400).contains(&left),
            "about five minutes left: {left}"
        );
        app.click("#focus-end").await;
        app.click("#focus-end-confirm").await;
        app.wait_for_attribute("#focus-summary", "data-completed", "false", soon)
            .await;
        app.wait_for_attribute("#focus-history", "data-sessions", "1", soon)
            .await;
        app.wait_for(".topbar").await;
        // A second session on a passage, left running when the app
        // closes. An ayah that does not exist is refused, plainly.
        app.click("#focus-10").await;
        app.type_into("#focus-range", "2:300").await;
        app.click("#focus-start").await;
        app.wait_for_text("#focus-range-error", "286").await;
        app.script(
            "const r = document.getElementById('focus-range');
             r.value = ''; r.dispatchEvent(new Event('input', { bubbles: true }));
             return true;",
        )
        .await;
        app.type_into("#focus-range", "36:1-12").await;
        app.click("#focus-start").await;
        app.wait_for("#focus-running #reader .ayah[data-ref='36:12']")
            .await;
        app.kill().await;
    }
    // Half an hour later: it ran out while the app was closed, and the app
    // opens on its summary.
    clock_at(&mut profile, "12:40:00");
    let app = App::launch(&profile).await;
    app.wait_for_attribute("#focus-summary", "data-completed", "true", soon)
        .await;
    app.wait_for_attribute("#focus-history", "data-sessions", "2", soon)
        .await;
    // A one-minute session, left to run to its end with the app open.
    app.script(
        "const m = document.getElementById('focus-custom');
         m.value = '1'; m.dispatchEvent(new Event('change', { bubbles: true }));
         return true;",
    )
    .await;
    app.click("#focus-start").await;
    app.wait_for("#focus-running").await;
    assert!(seconds_left(&app).await <= 60);
    app.wait_for_attribute(
        "#focus-summary",
        "data-completed",
        "true",
        Duration::from_secs(90),
    )
    .await;
    app.wait_for_attribute("#focus-history", "data-sessions", "3", soon)
        .await;
    app.quit().await;
}
