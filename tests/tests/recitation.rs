//! End-to-end recitation: the real app plays a surah streamed from a local
//! audio host on loopback, into the null output (no sound card here), and
//! the highlight moves from ayah to ayah.

#![allow(clippy::unwrap_used)]

use companion_e2e::{audio_host, App, Profile};

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn playing_a_surah_moves_the_highlight_from_ayah_to_ayah() {
    let base = audio_host().await;
    let profile = Profile::new().with_local_audio(&base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.type_into("#goto-input", "112\n").await;
    app.wait_for("#reader .ayah[data-ref='112:4']").await;
    // Record every ayah that becomes the one being recited.
    app.script(
        "window.__heard = [];
         new MutationObserver(() => {
             const now = document.querySelector('#reader .ayah.playing');
             const last = window.__heard[window.__heard.length - 1];
             if (now && now.dataset.ref !== last) window.__heard.push(now.dataset.ref);
         }).observe(document.getElementById('reader'), { subtree: true, attributes: true, attributeFilter: ['class'] });
         return true;",
    )
    .await;
    app.click("#play-surah-112").await;
    app.wait_for("#mini-player").await;
    // The mini player goes away when the surah has been heard.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let heard = app.script("return window.__heard;").await;
        if heard.as_array().is_some_and(|h| h.len() == 4)
            && app.all("#mini-player").await.is_empty()
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "heard so far: {heard}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let heard = app.script("return window.__heard;").await;
    assert_eq!(
        heard,
        serde_json::json!(["112:1", "112:2", "112:3", "112:4"])
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_range_gone_to_can_be_played_and_stopped() {
    let base = audio_host().await;
    let profile = Profile::new().with_local_audio(&base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.type_into("#goto-input", "114:2-4\n").await;
    app.click("#reader .ayah[data-ref='114:2'] #play-range")
        .await;
    app.wait_for("#reader .ayah.playing[data-ref='114:2']")
        .await;
    app.wait_for_text("#now-playing", "114:").await;
    app.click("#audio-stop").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.all("#mini-player").await.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "stop hides the player"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(app.all("#reader .ayah.playing").await.is_empty());
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_saved_repeat_applies_to_the_next_recitation_without_a_restart() {
    let base = audio_host().await;
    let profile = Profile::new().with_local_audio(&base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.click("#nav-settings").await;
    app.wait_for("#settings #repeat-each").await;
    // Choose "each ayah twice" as a person would: the select changes.
    app.script(
        "const s = document.getElementById('repeat-each');
         s.value = '2';
         s.dispatchEvent(new Event('change', { bubbles: true }));
         return true;",
    )
    .await;
    // Wait until the app has stored it (the save is asynchronous).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let saved = app
            .script(
                "window.__TAURI__.core.invoke('get_settings', { request: null })
                   .then(s => { window.__saved_repeat = s.playback.repeat_each; });
                 return window.__saved_repeat ?? null;",
            )
            .await;
        if saved == serde_json::json!(2) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the setting was not saved: {saved}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.type_into("#goto-input", "112:1\n").await;
    app.wait_for("#reader .ayah.focused[data-ref='112:1']")
        .await;
    // Record every line the mini player shows while the ayah is recited.
    app.script(
        "window.__shown = [];
         new MutationObserver(() => {
             const now = document.getElementById('now-playing');
             const text = now ? now.textContent : '';
             if (text && window.__shown[window.__shown.length - 1] !== text) window.__shown.push(text);
         }).observe(document.body, { subtree: true, childList: true, characterData: true });
         return true;",
    )
    .await;
    app.click("#reader .ayah[data-ref='112:1'] .play-one").await;
    app.wait_for("#mini-player").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !app.all("#mini-player").await.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the ayah was not recited to the end"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let shown = app.script("return window.__shown;").await;
    let lines: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("112:1") && l.contains("repetition 2")),
        "the engine heard the new setting without a restart: {lines:?}"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn without_an_audio_device_the_app_says_so_and_keeps_working() {
    // An ALSA configuration with no devices at all.
    let profile = Profile::new();
    let empty = profile.path().join("asound.conf");
    std::fs::write(&empty, "# no devices\n").unwrap();
    let profile = profile.with_env("ALSA_CONFIG_PATH", empty.to_str().unwrap());
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.type_into("#goto-input", "1\n").await;
    app.wait_for("#reader .ayah[data-ref='1:7']").await;
    app.click("#reader .ayah[data-ref='1:1'] .play-from").await;
    let toast = app.wait_for(".toast").await.text().await.unwrap();
    assert!(toast.contains("No audio output device"), "{toast}");
    assert!(app.all("#mini-player").await.is_empty());
    // The reader still works.
    app.type_into("#goto-input", "2:255\n").await;
    app.wait_for("#reader .ayah[data-ref='2:255']").await;
    app.quit().await;
}
