//! End-to-end prayer times and the Hijri calendar: with no place there are
//! no times (and nothing asks for a location); choosing a city by name
//! shows its times on home with the next prayer counting down, the Hijri
//! date and the countdowns; the calendar pairs both calendars and lists
//! the month's times; the choice survives a restart.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn choosing_makkah_shows_its_prayer_times_the_hijri_date_and_the_month() {
    // 12:00 UTC is 15:00 in Makkah, between Dhuhr and Asr.
    let profile = Profile::new()
        .with_env("COMPANION_CLOCK_START", "2026-06-10T12:00:00Z")
        .with_env("COMPANION_TIME_ZONE", "Asia/Riyadh");
    let soon = Duration::from_secs(10);
    {
        let app = App::launch(&profile).await;
        // 2026-06-10 is 24 Dhu al-Hijjah 1447 in the Umm al-Qura calendar.
        app.wait_for_attribute("#hijri-date", "data-hijri", "1447-12-24", soon)
            .await;
        app.wait_for_text("#hijri-date", "Dhu al-Hijjah").await;
        app.wait_for("#choose-place").await;
        assert!(app.all(".prayer").await.is_empty(), "no place, no times");

        app.click("#choose-place").await;
        app.type_into("#city-search", "مكة").await;
        app.click(".city-result").await;
        app.wait_for_text("#place-chosen", "Makkah").await;
        // The city's own method comes with it.
        app.wait_for("#method option:checked[value='umm_al_qura']")
            .await;
        app.click("#nav-home").await;
        app.wait_for_attribute("#next-prayer", "data-prayer", "asr", soon)
            .await;
        assert_eq!(app.all("#today .prayer").await.len(), 6);
        app.wait_for_text("#countdowns", "Ramadan in").await;
        app.quit().await;
    }
    let app = App::launch(&profile).await;
    app.wait_for_attribute("#next-prayer", "data-prayer", "asr", soon)
        .await;
    app.click("#nav-calendar").await;
    app.wait_for_attribute("#calendar-month", "data-month", "2026-06", soon)
        .await;
    assert_eq!(app.all(".month-grid .date").await.len(), 30);
    app.wait_for(".month-grid .date.today[data-day='2026-06-10']")
        .await;
    assert_eq!(app.all("#prayer-table tbody tr").await.len(), 30);
    app.click("#calendar-next").await;
    app.wait_for_attribute("#calendar-month", "data-month", "2026-07", soon)
        .await;
    assert_eq!(app.all(".month-grid .date").await.len(), 31);
    app.quit().await;
}
