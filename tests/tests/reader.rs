//! End-to-end: the real app in a real window (Xvfb + tauri-driver +
//! WebKitWebDriver). Run through `cargo xtask test`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::{App, Profile};

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn al_fatihah_opens_with_its_seven_ayahs() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.click("#tile-surahs").await;
    app.click("#surah-1").await;
    app.wait_for("#reader .ayah[data-ref='1:7']").await;
    let ayahs = app.all("#reader .ayah").await;
    assert_eq!(ayahs.len(), 7, "Al-Fatihah has 7 ayahs");
    let title = app.wait_for("#reader-title").await.text().await.unwrap();
    assert!(title.contains("Al-Fatihah"), "title: {title}");
    let heading_basmala = app.all("#reader .basmala").await;
    assert!(
        heading_basmala.is_empty(),
        "in Al-Fatihah the basmala is ayah 1, not a heading"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn going_to_2_255_shows_that_ayah_and_bad_references_are_explained() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.type_into("#goto-input", "2:255\n").await;
    app.wait_for("#reader .ayah[data-ref='2:255']").await;
    // The scroll happens after the render; give it a frame or two.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.is_near_top("#reader .ayah[data-ref='2:255']").await,
        "Ayat al-Kursi is on screen, not somewhere below"
    );
    let window = app
        .script("return document.querySelectorAll('#reader .ayah').length")
        .await;
    assert!(
        window.as_u64().unwrap() < 100,
        "Al-Baqarah keeps a small DOM ({window} ayahs rendered of 286)"
    );

    // Another ayah of the surah already open moves the reader there.
    app.type_into("#goto-input", "2:10\n").await;
    app.wait_for("#reader .ayah.focused[data-ref='2:10']").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.is_near_top("#reader .ayah[data-ref='2:10']").await,
        "2:10 is on screen"
    );

    // A range marks every ayah in it.
    app.type_into("#goto-input", "2:255-257\n").await;
    wait_until(|| async { app.all("#reader .ayah.in-range").await.len() == 3 }).await;
    let marked = app.all("#reader .ayah.in-range").await;
    assert_eq!(
        marked[2].attr("data-ref").await.unwrap().as_deref(),
        Some("2:257")
    );

    // Scrolled away, the same reference brings the reader back to it.
    app.script("document.getElementById('reader').scrollTop = 0; return true")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !app.is_near_top("#reader .ayah[data-ref='2:10']").await,
        "scrolled away"
    );
    app.type_into("#goto-input", "2:10\n").await;
    wait_until(|| async { app.is_near_top("#reader .ayah[data-ref='2:10']").await }).await;

    app.type_into("#goto-input", "115:1\n").await;
    let error = app.wait_for_text("#goto-error", "114").await;
    assert!(
        error.text().await.unwrap().contains("115"),
        "the message names the bad surah"
    );
    app.type_into("#goto-input", "2:300\n").await;
    app.wait_for_text("#goto-error", "286").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn searching_arabic_without_diacritics_or_in_standard_spelling_finds_and_opens_ayahs() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.click("#nav-search").await;
    app.type_into("#search-input", "الرحمن\n").await;
    app.wait_for("#search-results li").await;
    let count = app.wait_for("#search-count").await.text().await.unwrap();
    assert!(
        count.contains("found"),
        "the number of results is said: {count}"
    );
    let marks = app.all("#search-results mark").await;
    assert!(!marks.is_empty(), "matches are highlighted");
    app.wait_for("#search-results li button").await;
    // The first result inside a surah (a surah's first ayah sits under its
    // heading, so it cannot be scrolled to the top).
    let mut chosen = None;
    for button in app.all("#search-results li button").await {
        let reference = button.attr("data-ref").await.unwrap().unwrap();
        if !reference.ends_with(":1") {
            chosen = Some((button, reference));
            break;
        }
    }
    let (first, reference) = chosen.expect("a result past a surah's first ayah");
    first.click().await.unwrap();
    let selector = format!("#reader .ayah.focused[data-ref='{reference}']");
    app.wait_for(&selector).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.is_near_top(&selector).await,
        "the reader scrolled to {reference}"
    );

    app.click("#back").await;
    app.wait_for("#search-results li").await;
    // Standard spelling finds the mushaf's ٱلصَّلَوٰةَ: 62 ayahs
    // (quran-data's search tests count them), 2:3 first.
    app.type_into("#search-input", "الصلاة\n").await;
    app.wait_for_text("#search-count", "62 ayahs found").await;
    let first = app.wait_for("#search-results li button").await;
    assert_eq!(
        first.attr("data-ref").await.unwrap().as_deref(),
        Some("2:3")
    );
    let mark = app
        .wait_for("#search-results mark")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(mark, "ٱلصَّلَوٰةَ", "the Uthmani word is highlighted");
    first.click().await.unwrap();
    app.wait_for("#reader .ayah.focused[data-ref='2:3']").await;

    app.click("#back").await;
    app.wait_for("#search-results li").await;
    app.type_into("#search-input", "qwxzv\n").await;
    app.wait_for_text("#search-none", "Nothing found").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_bookmark_and_the_reading_position_survive_a_restart() {
    let profile = Profile::new();
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day .arabic").await;
        app.type_into("#goto-input", "2:255\n").await;
        let ayah = "#reader .ayah[data-ref='2:255']";
        app.wait_for(ayah).await;
        app.click(&format!("{ayah} .bookmark-toggle")).await;
        app.type_into(&format!("{ayah} textarea"), "Ayat al-Kursi, before sleep")
            .await;
        app.click(&format!("{ayah} #bookmark-save")).await;
        app.wait_for(&format!("{ayah} .bookmark-toggle[data-bookmarked='true']"))
            .await;
        // The position is saved 0.7 s after the reader settles.
        tokio::time::sleep(Duration::from_millis(1000)).await;
        app.quit().await;
    }
    let app = App::launch(&profile).await;
    app.wait_for_text("#continue", "2:255").await;
    app.click("#nav-bookmarks").await;
    let row = app.wait_for_text("#bookmarks-list", "2:255").await;
    let text = row.text().await.unwrap();
    assert!(
        text.contains("Ayat al-Kursi, before sleep"),
        "the note survived: {text}"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_damaged_database_is_reported_and_the_reader_still_works() {
    let profile = Profile::new();
    let db = profile.database();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, b"not a database at all").unwrap();
    let app = App::launch(&profile).await;
    app.wait_for_text("#db-notice", "fresh start").await;
    app.type_into("#goto-input", "1:1\n").await;
    app.wait_for("#reader .ayah[data-ref='1:1']").await;
    let kept = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("damaged"));
    assert!(kept, "the damaged file is kept aside for the user");
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn the_keyboard_moves_between_ayahs_and_bookmarks_one() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.type_into("#goto-input", "36:1\n").await;
    app.wait_for("#reader .ayah.focused[data-ref='36:1']").await;
    // Focus follows the render by a frame: wait for it rather than race it.
    wait_until(|| async { active_ref(&app).await == "36:1" }).await;
    let focused = app.wait_for("#reader .ayah.focused").await;
    focused.send_keys("\u{E015}").await.unwrap(); // ArrowDown
    app.wait_for("#reader .ayah.focused[data-ref='36:2']").await;
    // ↓ moves focus to the next ayah.
    wait_until(|| async { active_ref(&app).await == "36:2" }).await;
    let focused = app.wait_for("#reader .ayah.focused").await;
    focused.send_keys("j").await.unwrap();
    app.wait_for("#reader .ayah.focused[data-ref='36:3']").await;
    let focused = app.wait_for("#reader .ayah.focused").await;
    focused.send_keys("k").await.unwrap();
    app.wait_for("#reader .ayah.focused[data-ref='36:2']").await;
    let focused = app.wait_for("#reader .ayah.focused").await;
    focused.send_keys("b").await.unwrap();
    app.wait_for("#reader .ayah[data-ref='36:2'] textarea")
        .await;
    app.quit().await;
}

/// The reference of the ayah that has keyboard focus.
async fn active_ref(app: &App) -> serde_json::Value {
    app.script("return document.activeElement && document.activeElement.dataset.ref")
        .await
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn the_arabic_interface_runs_right_to_left_and_is_remembered() {
    let profile = Profile::new();
    {
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day .arabic").await;
        app.click("#nav-settings").await;
        app.click("#language-ar").await;
        app.wait_for("html[dir='rtl'][lang='ar']").await;
        app.wait_for_text("#nav-surahs", "السور").await;
        // Give the save a moment to reach the database.
        tokio::time::sleep(Duration::from_millis(500)).await;
        app.quit().await;
    }
    let app = App::launch(&profile).await;
    app.wait_for_text("#nav-surahs", "السور").await;
    app.wait_for("html[dir='rtl']").await;
    app.click("#nav-surahs").await;
    app.wait_for_text("#surah-list", "مكية").await;
    app.quit().await;
}

/// Polls a condition for up to the harness's patience.
async fn wait_until<F, Fut>(condition: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while started.elapsed() < companion_e2e::PATIENCE {
        if condition().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("condition not met within {:?}", companion_e2e::PATIENCE);
}
