//! `cargo xtask screenshots`: PNGs of the main screens of the real app, to
//! look at after every visual change.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use companion_e2e::{App, Profile};

#[tokio::main]
async fn main() {
    let out = std::env::var_os("SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("screenshots"));
    std::fs::create_dir_all(&out).unwrap();
    let audio = companion_e2e::audio_host().await;
    let server = companion_e2e::server::SyncServer::start().await;
    // A fixed noon, so the progress shown is the same at any hour.
    let profile = Profile::new()
        .with_local_audio(&audio)
        .with_env("COMPANION_CLOCK_START", "2026-06-10T12:00:00Z")
        .with_env("COMPANION_TIME_ZONE", "UTC")
        .with_env("COMPANION_SERVER_URL", &server.base);
    seed_history(&profile.database()).await;
    let app = App::launch(&profile).await;
    let shots = Shots { out };
    reading_and_recitation(&app, &shots).await;
    habit_and_daily(&app, &shots).await;
    account(&app, &shots).await;
    together(&app, &shots, &server).await;
    arabic_and_dark(&app, &shots).await;
    app.quit().await;
}

/// Where the PNGs go; each is taken once the screen has settled.
struct Shots {
    out: PathBuf,
}

impl Shots {
    async fn take(&self, app: &App, name: &str) {
        tokio::time::sleep(Duration::from_millis(600)).await;
        let png = app.screenshot().await;
        let path = self.out.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("wrote {}", path.display());
    }
}

/// Home with prayer times, the indexes, the reader in three themes,
/// search, page mode, settings, recitation and downloads.
async fn reading_and_recitation(app: &App, shots: &Shots) {
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    // Prayer times for Makkah, chosen by name.
    app.click("#choose-place").await;
    app.type_into("#city-search", "Makkah").await;
    app.click(".city-result").await;
    app.wait_for_text("#place-chosen", "Makkah").await;
    app.script("document.getElementById('daily-settings').scrollIntoView(); return true;")
        .await;
    shots.take(app, "27-settings-prayer-times").await;
    app.script("document.getElementById('reminder-settings').scrollIntoView(); return true;")
        .await;
    shots.take(app, "33-settings-reminders").await;
    app.click("#nav-home").await;
    app.wait_for("#next-prayer").await;
    shots.take(app, "01-home").await;
    app.click("#nav-calendar").await;
    app.wait_for("#prayer-table").await;
    shots.take(app, "28-calendar").await;

    app.click("#nav-surahs").await;
    app.wait_for("#surah-list").await;
    shots.take(app, "02-surah-index").await;

    app.click("#surah-1").await;
    app.wait_for("#reader .ayah[data-ref='1:7']").await;
    shots.take(app, "03-reader-light").await;

    app.type_into("#goto-input", "2:255\n").await;
    app.wait_for("#reader .ayah[data-ref='2:255']").await;
    app.click("#theme-toggle").await; // light → sepia
    shots.take(app, "04-reader-sepia").await;
    app.click("#theme-toggle").await; // sepia → dark
    shots.take(app, "05-reader-dark").await;
    app.click("#theme-toggle").await; // back to light

    app.click("#nav-search").await;
    app.type_into("#search-input", "الرحمن\n").await;
    app.wait_for("#search-results li").await;
    shots.take(app, "06-search-results").await;

    app.type_into("#goto-input", "1:1\n").await;
    app.wait_for("#reader .ayah[data-ref='1:1']").await;
    app.click("#nav-home").await;
    dismiss_toasts(app).await;
    app.click("#tile-pages").await;
    app.type_into("#page-number", "604\n").await;
    app.wait_for("#reader .flow-ayah").await;
    shots.take(app, "07-page-mode").await;

    app.click("#nav-home").await;
    dismiss_toasts(app).await;
    app.click("#tile-juz").await;
    app.wait_for("#juz-list").await;
    shots.take(app, "08-juz-index").await;

    app.click("#nav-settings").await;
    app.wait_for("#settings").await;
    shots.take(app, "09-settings").await;

    // Recitation: surah 112 playing, paused on its first ayah.
    app.type_into("#goto-input", "112\n").await;
    app.wait_for("#reader .ayah[data-ref='112:4']").await;
    app.click("#play-surah-112").await;
    app.wait_for("#reader .ayah.playing").await;
    app.click("#audio-toggle").await;
    app.wait_for("#mini-player[data-state='paused']").await;
    shots.take(app, "12-reader-recitation").await;
    app.click("#audio-stop").await;

    app.click("#nav-settings").await;
    app.wait_for("#recitation").await;
    app.script("document.getElementById('recitation').scrollIntoView(); return true;")
        .await;
    shots.take(app, "13-settings-recitation").await;

    app.click("#open-downloads").await;
    app.wait_for("#download-surah-start").await;
    app.click("#download-surah-start").await;
    app.wait_for_text(".download", "Done").await;
    shots.take(app, "14-downloads").await;
}

/// Progress, khatm and goals, the reader's counter, stats, achievements,
/// Focus Mode and dhikr.
async fn habit_and_daily(app: &App, shots: &Shots) {
    // Progress: Al-Fatihah and Ayat al-Kursi read today.
    app.script(
        "window.__TAURI__.core.invoke('record_reading', { request: { how: 'marked', ayahs: [
            {surah: 1, ayah: 1}, {surah: 1, ayah: 2}, {surah: 1, ayah: 3}, {surah: 1, ayah: 4},
            {surah: 1, ayah: 5}, {surah: 1, ayah: 6}, {surah: 1, ayah: 7}, {surah: 2, ayah: 255}] } });
         return true;",
    )
    .await;
    app.click("#nav-home").await;
    app.wait_for("#progress-today").await;
    shots.take(app, "15-home-progress").await;
    // A khatm plan and a goal, below the figures.
    app.script(
        "window.__TAURI__.core.invoke('set_khatm', { request: { kind: 'ramadan', first_day: 20614 } });
         window.__TAURI__.core.invoke('set_goal', { request: { period: 'daily', measure: 'pages', target: 2 } });
         return true;",
    )
    .await;
    app.click("#nav-surahs").await;
    app.click("#nav-home").await;
    app.wait_for("#khatm-open").await;
    app.script("document.getElementById('khatm').scrollIntoView(); return true;")
        .await;
    shots.take(app, "18-home-khatm-goals").await;
    app.type_into("#goto-input", "1\n").await;
    app.wait_for("#reader .ayah[data-ref='1:7']").await;
    app.wait_for("#hasanat-counter:not([data-hasanat='0'])")
        .await;
    shots.take(app, "16-reader-counter").await;
    app.click("#nav-settings").await;
    app.wait_for("#reading-rule").await;
    app.script("document.getElementById('reading-rule').scrollIntoView(); return true;")
        .await;
    shots.take(app, "17-settings-reading-rule").await;

    // Stats and achievements over the seeded months, light then dark.
    app.click("#nav-stats").await;
    app.wait_for("#stats-bars").await;
    app.click("#stats-30").await;
    shots.take(app, "19-stats").await;
    app.script("document.getElementById('stats-map-card').scrollIntoView(); return true;")
        .await;
    shots.take(app, "20-stats-map").await;
    app.click("#open-achievements").await;
    app.wait_for("#achievements-count").await;
    shots.take(app, "21-achievements").await;
    app.click("#nav-settings").await;
    app.click("#theme-theme-dark").await;
    app.click("#nav-stats").await;
    app.wait_for("#stats-bars").await;
    shots.take(app, "19-stats-dark").await;
    app.click("#nav-settings").await;
    app.click("#theme-theme-light").await;

    // Focus Mode on Al-Kahf, then ended early with its summary.
    app.click("#nav-focus").await;
    app.click("#focus-30").await;
    app.type_into("#focus-range", "36:1-12").await;
    shots.take(app, "34-focus-new").await;
    app.click("#target-surah").await;
    app.click("#focus-start").await;
    app.wait_for("#focus-running #reader .ayah[data-ref='18:1']")
        .await;
    shots.take(app, "25-focus-running").await;
    app.click("#focus-end").await;
    app.click("#focus-end-confirm").await;
    app.wait_for("#focus-summary").await;
    shots.take(app, "26-focus-summary").await;

    // Dhikr after prayer, part way through.
    app.click("#nav-dhikr").await;
    for _ in 0..12 {
        app.click("#dhikr-tap").await;
    }
    shots.take(app, "30-dhikr").await;
}

/// The account screen: creating an account, then signed in and synced
/// (the seeded months of reading sent as this device's history).
async fn account(app: &App, shots: &Shots) {
    app.click("#nav-account").await;
    app.click("#account-mode-register").await;
    app.type_into("#account-email", "amina@example.org").await;
    app.type_into("#account-username", "amina").await;
    app.type_into("#account-name", "Amina").await;
    app.type_into("#account-password", "patience and prayer")
        .await;
    shots.take(app, "36-account-create").await;
    app.click("#account-submit").await;
    app.wait_for("#account-sync-state[data-state='synced']")
        .await;
    shots.take(app, "37-account-signed-in").await;
    app.script("document.getElementById('account-profile').scrollIntoView(); return true;")
        .await;
    shots.take(app, "46-account-profile").await;
    app.script("document.getElementById('account-privacy').scrollIntoView(); return true;")
        .await;
    shots.take(app, "42-account-privacy").await;
}

/// Together: a family group, two more readers in it, and its board of
/// all time.
async fn together(app: &App, shots: &Shots, server: &companion_e2e::server::SyncServer) {
    app.click("#nav-together").await;
    let (code, group) = app.create_group("Family circle").await;
    let mut readers = Vec::new();
    for (n, (email, user, name)) in [
        ("bilal@example.org", "bilal", "Bilal"),
        ("maryam@example.org", "maryam", "Maryam"),
    ]
    .into_iter()
    .enumerate()
    {
        let token = server
            .reader(email, user, name, "patience and prayer")
            .await;
        server.join_group(&token, &code).await;
        for k in 0..=n {
            let id = format!("{user}-fatihah-{k}");
            server.push_fatihah(&token, &id, 60 + 10 * k as i64).await;
        }
        readers.push(token);
    }
    app.click("#nav-home").await;
    app.click("#nav-together").await;
    app.show_group_board(&group).await;
    app.wait_for("#board-rows .board-row[data-rank='3']").await;
    shots.take(app, "39-together").await;

    // The feed: a reflection of Amina's on Ayat al-Kursi, one of Bilal's,
    // and their reactions.
    use reqwest::Method;
    use serde_json::json;
    app.click("#together-tab-feed").await;
    app.type_into(
        "#reflect-body",
        "Nothing tires Him in keeping them: read it each night, and sleep in His keeping.",
    )
    .await;
    app.type_into("#reflect-ayah", "2:255").await;
    app.script("document.getElementById('reflect-audience').value = 'groups'; return true;")
        .await;
    app.click("#reflect-post").await;
    app.wait_for_text("#feed .post:first-child .post-body", "Nothing tires Him")
        .await;
    let post = app.wait_for("#feed .post:first-child").await;
    let id = post.attr("data-post").await.unwrap().unwrap();
    let path = format!("/feed/posts/{id}/react");
    for (token, reaction) in readers.iter().zip(["ameen", "subhanallah"]) {
        let body = json!({ "reaction": reaction });
        server.send(token, (Method::PUT, &path), body).await;
    }
    let his = json!({ "body": "We finished our juz early this week, alhamdulillah. Who takes the next?",
        "visibility": "groups", "ayah": { "surah": 94, "ayah": 6 } });
    server
        .send(&readers[0], (Method::POST, "/feed/posts"), his)
        .await;
    app.click("#together-tab-boards").await;
    app.click("#together-tab-feed").await;
    app.wait_for("#feed .post:nth-child(2)").await;
    app.click("#feed .post:first-child .reaction[data-reaction='mashaallah']")
        .await;
    shots.take(app, "41-feed").await;
    app.click("#together-tab-inbox").await;
    app.wait_for("#inbox .inbox-item").await;
    shots.take(app, "43-inbox").await;

    // A month of Hasanat Bilal began just now (the server's clock: the
    // window's is pinned to June); both read, and Amina joins from here.
    let start = jiff::Timestamp::now();
    let end = start + jiff::SignedDuration::from_hours(30 * 24);
    let race = json!({ "name": "Before Ramadan", "metric_type": "hasanat",
        "start_date": start.to_string(), "end_date": end.to_string() });
    let made = server
        .send(&readers[0], (Method::POST, "/competitions"), race)
        .await;
    let id = made["id"].as_str().unwrap().to_owned();
    for (n, token) in readers.iter().enumerate() {
        let path = format!("/competitions/{id}/join");
        server.send(token, (Method::POST, &path), json!(null)).await;
        for k in 0..=n {
            let event = format!("race-{n}-{k}");
            server.push_fatihah(token, &event, -3 - k as i64).await;
        }
    }
    app.click("#together-tab-competitions").await;
    app.click(&format!("[data-competition='{id}'] .button.primary"))
        .await;
    app.wait_for(&format!("[data-competition='{id}'] .chip"))
        .await;
    app.click("#competitions .competition-board").await;
    app.wait_for("#competitions .board-row[data-rank='2']")
        .await;
    shots.take(app, "44-competitions").await;

    // Maryam invites Amina to her halaqah: the Groups tab.
    let halaqah = json!({ "name": "Maryam's halaqah", "privacy": "private" });
    let made = server
        .send(&readers[1], (Method::POST, "/groups"), halaqah)
        .await;
    let path = format!("/groups/{}/invitations", made["id"].as_str().unwrap());
    server
        .send(
            &readers[1],
            (Method::POST, &path),
            json!({ "username": "amina" }),
        )
        .await;
    app.click("#together-tab-feed").await;
    app.click("#together-tab-groups").await;
    app.wait_for("#invitations .invitation").await;
    shots.take(app, "45-groups").await;

    // The family's khatmah: by juz, a few portions taken and read.
    app.click(&format!(
        "#groups .group[data-group='{group}'] .group-khatmah-open"
    ))
    .await;
    app.click("#khatmah-start-submit").await;
    app.wait_for("#khatmah-portions .portion[data-number='30']")
        .await;
    for n in ["1", "2", "3"] {
        let portion = format!("#khatmah-portions .portion[data-number='{n}']");
        app.click(&format!("{portion} .claim")).await;
        app.wait_for(&format!("{portion}.mine")).await;
    }
    app.click("#khatmah-portions .portion[data-number='1'] .done")
        .await;
    app.wait_for("#khatmah-portions .portion[data-number='1'].done")
        .await;
    let listed = server
        .send(
            &readers[0],
            (Method::GET, &format!("/groups/{group}/khatmahs")),
            json!(null),
        )
        .await;
    let khatmah = listed["khatmahs"][0]["id"].as_str().unwrap().to_owned();
    for (token, portions) in readers.iter().zip([["4", "5"], ["6", "7"]]) {
        for n in portions {
            let base = format!("/khatmahs/{khatmah}/portions/{n}");
            server
                .send(token, (Method::POST, &format!("{base}/claim")), json!(null))
                .await;
            if n == "4" || n == "6" {
                server
                    .send(token, (Method::POST, &format!("{base}/done")), json!(null))
                    .await;
            }
        }
    }
    app.wait_for_text("#khatmah-portions .portion[data-number='7']", "Maryam")
        .await;
    app.script("document.getElementById('group-khatmah').scrollIntoView(); return true;")
        .await;
    shots.take(app, "50-group-khatmah").await;
    chat(app, shots, server, &readers).await;
}

/// The family's conversation: Bilal and Maryam write, Amina answers from
/// here, Bilal reacts and is typing.
async fn chat(
    app: &App,
    shots: &Shots,
    server: &companion_e2e::server::SyncServer,
    readers: &[String],
) {
    use reqwest::Method;
    use serde_json::json;
    app.click("#together-tab-chat").await;
    app.click("#chat .conversation").await;
    let thread = app.wait_for("#chat-thread").await;
    let id = thread.attr("data-conversation").await.unwrap().unwrap();
    let path = format!("/chat/conversations/{id}/messages");
    let said = [
        (0, "Assalamu alaykum! Who is reading Al-Kahf tonight?"),
        (1, "Wa alaykum assalam. I will, after isha, in shaa Allah."),
    ];
    for (n, (who, body)) in said.into_iter().enumerate() {
        let message = json!({ "client_id": format!("shot-{n}"), "body": body });
        server
            .send(&readers[who], (Method::POST, &path), message)
            .await;
    }
    app.wait_for_text("#chat-messages", "after isha").await;
    app.type_into(
        "#chat-text",
        "Me too. Let us finish it before Maghrib tomorrow.",
    )
    .await;
    app.click("#chat-send").await;
    app.wait_for(".chat-message.mine").await;
    let first = server
        .send(&readers[0], (Method::GET, &path), json!(null))
        .await;
    let last = first[0]["id"].as_str().unwrap().to_owned();
    let react = format!("/chat/messages/{last}/react");
    server
        .send(&readers[0], (Method::PUT, &react), json!({ "emoji": "🤲" }))
        .await;
    app.wait_for(".chat-message.mine .chat-reactions").await;
    let typing = format!("/chat/conversations/{id}/typing");
    server
        .send(&readers[1], (Method::POST, &typing), json!(null))
        .await;
    app.wait_for_text(".chat-typing", "Maryam").await;
    app.script(
        "document.getElementById('chat-composer').scrollIntoView({ block: 'end' }); return true;",
    )
    .await;
    shots.take(app, "47-chat").await;

    // Friends: Bilal and Amina follow each other; Maryam follows Amina.
    app.click("#together-tab-friends").await;
    app.type_into("#friends-username", "bilal").await;
    app.click("#friends-follow-submit").await;
    app.wait_for_text("#friends-following .person", "Bilal")
        .await;
    let me = server
        .send(
            &readers[0],
            (Method::GET, "/users?username=amina"),
            json!(null),
        )
        .await;
    let follow = format!("/users/{}/follow", me["id"].as_str().unwrap());
    for token in readers {
        server
            .send(token, (Method::POST, &follow), json!(null))
            .await;
    }
    app.wait_for_text("#friends-followers .person", "Maryam")
        .await;
    app.wait_for_text("#friends-friends .person", "Bilal").await;
    shots.take(app, "49-friends").await;
}

/// The Arabic interface, then dark.
async fn arabic_and_dark(app: &App, shots: &Shots) {
    app.click("#nav-settings").await;
    app.wait_for("#settings").await;
    app.click("#language-ar").await;
    app.wait_for("html[dir='rtl']").await;
    app.click("#nav-home").await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    shots.take(app, "10-home-arabic").await;

    app.type_into("#goto-input", "2:255\n").await;
    app.wait_for("#reader .ayah[data-ref='2:255']").await;
    shots.take(app, "11-reader-arabic-ui").await;

    app.click("#nav-stats").await;
    app.wait_for("#stats-bars").await;
    shots.take(app, "22-stats-arabic").await;
    app.click("#nav-settings").await;
    app.click("#theme-theme-dark").await;
    app.click("#nav-stats").await;
    app.click("#open-achievements").await;
    app.wait_for("#achievements-count").await;
    shots.take(app, "23-achievements-arabic-dark").await;
    app.click("#nav-home").await;
    app.wait_for("#progress-today").await;
    shots.take(app, "24-home-arabic-dark").await;
    app.click("#nav-calendar").await;
    app.wait_for("#prayer-table").await;
    shots.take(app, "29-calendar-arabic-dark").await;
    app.click("#nav-dhikr").await;
    app.click("#dhikr-morning").await;
    shots.take(app, "31-dhikr-arabic-dark").await;
    app.click("#nav-focus").await;
    app.click("#focus-10").await;
    app.click("#focus-start").await;
    app.wait_for("#focus-running #reader .ayah").await;
    shots.take(app, "32-focus-arabic-dark").await;
    app.click("#focus-end").await;
    app.click("#focus-end-confirm").await;
    app.wait_for("#focus-summary").await;
    shots.take(app, "35-focus-summary-arabic-dark").await;
    app.click("#nav-account").await;
    app.wait_for("#account-signed-in").await;
    shots.take(app, "38-account-arabic-dark").await;
    app.click("#nav-together").await;
    app.wait_for("#feed .post .post-ayah").await;
    shots.take(app, "40-feed-arabic-dark").await;
    app.click("#together-tab-chat").await;
    app.click("#chat .conversation").await;
    app.wait_for("#chat-messages .chat-message.mine").await;
    shots.take(app, "48-chat-arabic-dark").await;
}

/// Closes any message at the foot of the window (it could cover a tile).
async fn dismiss_toasts(app: &App) {
    app.script("document.querySelectorAll('.toast button').forEach(b => b.click()); return true;")
        .await;
}

/// About four months of reading before the pinned day (2026-06-10), on
/// through the mushaf from its start: most days, a few missed, one
/// excused; written into the app's own store before it starts.
async fn seed_history(database: &std::path::Path) {
    use companion_core::habit::Day;
    use companion_core::wire::{ReadHow, RecordReadingRequest};

    std::fs::create_dir_all(database.parent().unwrap()).unwrap();
    let store = companion_app::store::Store::open_file(database)
        .await
        .unwrap();
    let quran = quran_data::quran();
    let today = Day::from_civil(2026, 6, 10).unwrap();
    let mut next = 0usize;
    for n in 1..=130 {
        let day = today.plus(-131 + n);
        if n % 23 == 7 {
            continue; // missed
        }
        if n == 120 {
            store.set_excused(day, true, 0).await.unwrap();
            continue;
        }
        let count = 6 + (n as usize * 37) % 45;
        let ayahs = quran.ayahs()[next..next + count]
            .iter()
            .map(|a| a.reference)
            .collect();
        next += count;
        let at = i64::from(day.0) * 86_400 + 7 * 3600;
        let request = RecordReadingRequest {
            ayahs,
            how: ReadHow::Dwell,
        };
        companion_app::progress::record(&store, quran, &request, at, day)
            .await
            .unwrap();
    }
    store.end_sessions().await.unwrap();
}
