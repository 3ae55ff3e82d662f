//! End-to-end reminders: a daily reading reminder set in Settings shows in
//! the window at its time (by the app's clock) and as a desktop
//! notification on the session bus, and only once, even after a restart.
//! Without a notification service, Settings says so plainly; with one (a
//! real server, dunst), a click on the notification opens today's reading.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

/// Sets the daily reading reminder to `time` in Settings.
async fn remind_daily_at(app: &App, time: &str) {
    app.click("#nav-settings").await;
    app.script(&format!(
        "const t = document.getElementById('remind-daily');
         t.value = '{time}'; t.dispatchEvent(new Event('change', {{ bubbles: true }}));
         return true;"
    ))
    .await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn the_daily_reminder_shows_at_its_time_once() {
    let mut profile = Profile::new()
        .with_env("COMPANION_TIME_ZONE", "UTC")
        .with_env("COMPANION_CLOCK_START", "2026-06-10T19:59:35Z")
        .with_env("COMPANION_NOTIFY", "always")
        .watching_notifications();
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home").await;
        remind_daily_at(&app, "20:00").await;
        // No notification service on this bus: Settings says so.
        app.wait_for_attribute(
            "#notification-status",
            "data-state",
            "none",
            Duration::from_secs(10),
        )
        .await;
        app.wait_for_text("#notification-status", "No notification service")
            .await;
        // The scheduler looks every 15 seconds; 20:00 comes 25 seconds in.
        app.wait_for_text(".toast", "Time for your daily reading")
            .await;
        app.quit().await;
    }
    // The app asked the desktop too: the call is on the session bus.
    let calls = std::fs::read_to_string(profile.notifications_log()).unwrap();
    assert!(
        calls.contains("member=Notify") && calls.contains("Time for your daily reading"),
        "no Notify call with the reminder on the bus:\n{calls}"
    );
    profile
        .env
        .retain(|(key, _)| key != "COMPANION_CLOCK_START");
    profile.env.push((
        "COMPANION_CLOCK_START".into(),
        "2026-06-10T20:01:00Z".into(),
    ));
    let app = App::launch(&profile).await;
    app.wait_for("#home").await;
    // Two looks of the scheduler: nothing shown again.
    tokio::time::sleep(Duration::from_secs(20)).await;
    let toasts = app.all(".toast").await;
    for toast in toasts {
        let text = toast.text().await.unwrap_or_default();
        assert!(!text.contains("daily reading"), "shown twice: {text}");
    }
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_click_on_the_notification_opens_todays_reading() {
    let profile = Profile::new()
        .with_env("COMPANION_TIME_ZONE", "UTC")
        .with_env("COMPANION_CLOCK_START", "2026-06-10T19:59:40Z")
        .with_env("COMPANION_NOTIFY", "always")
        .with_notification_service()
        .watching_notifications();
    let app = App::launch(&profile).await;
    app.wait_for("#home").await;
    // A khatm plan ending in 30 days: today's portion starts at 1:1.
    app.start_khatm("2026-07-09", "1:1").await;
    remind_daily_at(&app, "20:00").await;
    app.wait_for_attribute(
        "#notification-status",
        "data-state",
        "on",
        Duration::from_secs(10),
    )
    .await;
    app.wait_for_text("#notification-status", "dunst").await;
    app.wait_for_text(".toast", "Time for your daily reading")
        .await;
    // The notification is on dunst's screen; a click is its default action.
    let shown = wait_for_notification(&profile).await;
    assert!(shown.contains("Time to read"), "{shown}");
    let clicked = profile
        .on_session_bus("dunstctl")
        .args(["action", "0"])
        .output()
        .unwrap();
    assert!(clicked.status.success(), "{clicked:?}");
    // Settings gives way to the reader at today's portion, marked.
    app.wait_for("#reader .ayah.in-range[data-ref='1:1']").await;
    app.wait_for("#reader .ayah.in-range[data-ref='1:7']").await;
    app.quit().await;
}

/// Waits until dunst shows a notification; the calls on the bus so far.
async fn wait_for_notification(profile: &Profile) -> String {
    let started = std::time::Instant::now();
    loop {
        let listed = profile
            .on_session_bus("dunstctl")
            .args(["count", "displayed"])
            .output()
            .unwrap();
        let count = String::from_utf8_lossy(&listed.stdout).trim().to_owned();
        if count.parse::<u32>().is_ok_and(|n| n > 0) {
            return std::fs::read_to_string(profile.notifications_log()).unwrap_or_default();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "dunst shows nothing (count {count:?})"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
