//! End-to-end reminders: a daily reading reminder set in Settings shows in
//! the window at its time (by the app's clock) and as a desktop
//! notification on the session bus, and only once, even after a restart.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

#[tokio::test]
async fn the_daily_reminder_shows_at_its_time_once() {
    let mut profile = Profile::new()
        .with_env("COMPANION_TIME_ZONE", "UTC")
        .with_env("COMPANION_CLOCK_START", "2026-06-10T19:59:35Z")
        .with_env("COMPANION_NOTIFY", "always")
        .watching_notifications();
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home").await;
        app.click("#nav-settings").await;
        app.script(
            "const t = document.getElementById('remind-daily');
             t.value = '20:00'; t.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
        )
        .await;
        // The scheduler looks every 15 seconds; 20:00 comes 25 seconds in.
        app.wait_for_text(".toast", "Time for your daily reading")
            .await;
        app.quit().await;
    }
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
