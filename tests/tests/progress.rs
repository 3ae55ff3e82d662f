//! End-to-end reading progress: an ayah on screen long enough counts as
//! read, the reader's counter shows the Hasanat, home shows today's and
//! the streak, a goal shows how far along it is, a khatm plan gives
//! today's portion, and all of it is still there after a restart; the
//! first session unlocks an achievement, ayahs marked read count, a day
//! can be excused, and the stats screen draws it all.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

/// Al-Fatihah: 139 letters, 10 Hasanat each.
const FATIHAH_HASANAT: &str = "1390";

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn reading_al_fatihah_on_screen_counts_1390_hasanat_and_a_streak_that_survive_a_restart() {
    // A fixed noon, so "today" is the same day from start to end.
    let profile = Profile::new()
        .with_env("COMPANION_CLOCK_START", "2026-06-10T12:00:00Z")
        .with_env("COMPANION_TIME_ZONE", "UTC");
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day .arabic").await;
        app.type_into("#goto-input", "1\n").await;
        app.wait_for("#reader .ayah[data-ref='1:7']").await;
        // Page 1 as one page of flowing text: all seven ayahs on screen. At
        // the documented pace they need about 28 seconds of reading.
        app.click("#reader-page-mode").await;
        app.wait_for("#reader .page-mode [data-ref='1:7']").await;
        // The first ayah that counts is the first session: announced.
        app.wait_for_text(".toast", "Achievement unlocked").await;
        app.wait_for_attribute(
            "#hasanat-counter",
            "data-hasanat",
            FATIHAH_HASANAT,
            Duration::from_secs(90),
        )
        .await;
        app.click("#nav-home").await;
        home_shows_one_fatihah_and_a_one_day_streak(&app).await;
        // A goal of 10 ayahs a day stands at 7 of 10.
        app.script(
            "const t = document.getElementById('goal-target');
             t.value = '10'; t.dispatchEvent(new Event('input', { bubbles: true }));
             const m = document.getElementById('goal-measure');
             m.value = 'ayahs'; m.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
        )
        .await;
        app.click("#goal-add").await;
        goal_stands_at_seven_of_ten(&app).await;
        // A khatm plan ending in 30 days (the clock says 2026-06-10) starts
        // today's portion at 1:1.
        app.start_khatm("2026-07-09", "1:1").await;
        app.quit().await;
    }
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    home_shows_one_fatihah_and_a_one_day_streak(&app).await;
    goal_stands_at_seven_of_ten(&app).await;

    // The achievements: the first session and a whole surah, on the day.
    app.click("#home-achievements").await;
    for id in ["first_session", "first_surah"] {
        app.wait_for_attribute(
            &format!("#achievement-{id}"),
            "data-unlocked",
            "2026-06-10",
            Duration::from_secs(10),
        )
        .await;
    }
    app.wait_for_attribute(
        "#achievement-al_baqarah",
        "data-unlocked",
        "",
        Duration::from_secs(5),
    )
    .await;

    // "Read up to here" on the last ayah of Al-Ikhlas marks all four.
    app.type_into("#goto-input", "112\n").await;
    app.click("#reader .ayah[data-ref='112:4'] .read-to-here")
        .await;
    let ikhlas: u32 = quran_data::quran()
        .surah_ayahs(112)
        .unwrap()
        .iter()
        .map(|a| a.hasanat())
        .sum();
    let today = (1390 + ikhlas).to_string();
    app.wait_for_attribute(
        "#hasanat-counter",
        "data-hasanat",
        &today,
        Duration::from_secs(10),
    )
    .await;
    app.wait_for_text(".toast", "4 ayahs marked read").await;

    // Stats: the totals and the share of the Qur'an read (7 + 4 ayahs).
    app.click("#nav-stats").await;
    app.wait_for_attribute(
        "#total-hasanat",
        "data-value",
        &today,
        Duration::from_secs(10),
    )
    .await;
    app.wait_for_attribute(
        "#stats-map-card",
        "data-distinct",
        "11",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(app.all("#stats-bars .bar").await.len(), 7);
    app.click("#stats-30").await;
    app.wait_for_attribute(
        "#stats-bars .bar.today",
        "data-value",
        &today,
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(app.all("#stats-bars .bar").await.len(), 30);

    // Excusing yesterday is a private toggle on home.
    app.click("#nav-home").await;
    app.click("#excuse-yesterday").await;
    app.wait_for_attribute(
        "#excuse-yesterday",
        "aria-pressed",
        "true",
        Duration::from_secs(10),
    )
    .await;
    app.quit().await;
}

async fn home_shows_one_fatihah_and_a_one_day_streak(app: &App) {
    let soon = Duration::from_secs(10);
    for figure in ["#progress-today", "#progress-week", "#progress-all-time"] {
        app.wait_for_attribute(figure, "data-hasanat", FATIHAH_HASANAT, soon)
            .await;
    }
    app.wait_for_attribute("#streak", "data-days", "1", soon)
        .await;
}

async fn goal_stands_at_seven_of_ten(app: &App) {
    let soon = Duration::from_secs(10);
    app.wait_for_attribute("#goals .goal", "data-progress", "0.70", soon)
        .await;
}
