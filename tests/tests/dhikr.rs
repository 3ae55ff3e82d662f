//! End-to-end dhikr: the tasbih after prayer counted by clicks and by the
//! space bar moves from one dhikr to the next at 33 and 66 and finishes at
//! 100; a free count kept part way; today's total survives a restart.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

async fn taps(app: &App, n: usize) {
    for _ in 0..n {
        app.click("#dhikr-tap").await;
    }
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn the_tasbih_after_prayer_counts_to_a_hundred_by_click_and_keyboard() {
    let soon = Duration::from_secs(10);
    let profile = Profile::new()
        .with_env("COMPANION_CLOCK_START", "2026-06-10T12:00:00Z")
        .with_env("COMPANION_TIME_ZONE", "UTC");
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home").await;
        app.click("#nav-dhikr").await;
        app.wait_for(".dhikr-text[data-id='subhanallah']").await;
        taps(&app, 33).await;
        app.wait_for(".dhikr-text[data-id='alhamdulillah']").await;
        // The space bar counts too (the page has the keyboard).
        app.script(
            "const page = document.getElementById('dhikr');
             for (let i = 0; i < 33; i++) {
               page.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
             }
             return true;",
        )
        .await;
        app.wait_for_attribute("#dhikr-counter", "data-total", "66", soon)
            .await;
        app.wait_for(".dhikr-text[data-id='allahu_akbar']").await;
        taps(&app, 34).await;
        app.wait_for_attribute("#dhikr-counter", "data-finished", "true", soon)
            .await;
        app.wait_for_attribute("#dhikr-history", "data-today", "100", soon)
            .await;
        // A free count of five, kept part way.
        app.click("#dhikr-free").await;
        taps(&app, 5).await;
        app.click("#dhikr-keep").await;
        app.wait_for_attribute("#dhikr-history", "data-today", "105", soon)
            .await;
        app.quit().await;
    }
    let app = App::launch(&profile).await;
    app.wait_for("#home").await;
    app.click("#nav-dhikr").await;
    app.wait_for_attribute("#dhikr-history", "data-today", "105", soon)
        .await;
    app.quit().await;
}
