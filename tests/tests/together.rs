//! End-to-end reading together with a real sync server on loopback: the
//! Together screen asks for an account first; signed in, a private group
//! made in the window shows its invite code, another reader joins with it
//! and reads, and the group's board ranks them by the server's count; a
//! reflection on an ayah reaches him, reactions go both ways, and the inbox
//! tells who joined and who reacted; a private competition of ayahs
//! started here is joined by its code and ranks by its metric; an
//! invitation by username is accepted from the Groups tab; and the
//! group reads a khatmah together, a juz each, changes showing live.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::server::SyncServer;
use companion_e2e::{App, Profile};
use reqwest::Method;

const PASSWORD: &str = "patience and prayer";

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_group_made_in_the_window_is_joined_by_its_code_and_its_board_ranks_the_readers() {
    let server = SyncServer::start().await;
    let profile = Profile::new().with_env("COMPANION_SERVER_URL", &server.base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;

    app.click("#nav-together").await;
    app.wait_for_text("#together-sign-in", "Sign in").await;
    app.click("#together-to-account").await;
    app.register("amina@example.org", "amina", "Amina", PASSWORD)
        .await;

    app.click("#nav-together").await;
    app.click("#together-tab-groups").await;
    app.wait_for_text("#groups-none", "no group yet").await;
    let (code, group) = app.create_group("Family circle").await;
    app.wait_for_text("#groups .group", "1 member").await;

    // Bilal, on his own device: joins with the code and reads.
    let bilal = server
        .reader("bilal@example.org", "bilal", "Bilal", PASSWORD)
        .await;
    server.join_group(&bilal, &code).await;
    server.push_fatihah(&bilal, "bilal-fatihah-1", 30).await;

    // The board of the group, all time: Bilal first with 1,390.
    app.show_group_board(&group).await;
    app.wait_for_attribute(
        "#board-rows .board-row[data-rank='1']",
        "data-username",
        "bilal",
        Duration::from_secs(10),
    )
    .await;
    let first = app.wait_for("#board-rows .board-row[data-rank='1']").await;
    assert_eq!(first.attr("data-score").await.unwrap().unwrap(), "1390");
    assert!(first.text().await.unwrap().contains("Bilal"));

    // The feed: a reflection on Ayat al-Kursi for the group, with its text.
    app.click("#together-tab-feed").await;
    app.wait_for_text("#feed-empty", "Nothing here yet").await;
    app.type_into("#reflect-body", "Nothing tires Him in keeping them.")
        .await;
    app.type_into("#reflect-ayah", "2:255").await;
    app.script(
        "const a = document.getElementById('reflect-audience');
         a.value = 'groups'; return true;",
    )
    .await;
    app.click("#reflect-post").await;
    app.wait_for_text("#feed .post:first-child .post-body", "Nothing tires Him")
        .await;
    let post = app.wait_for("#feed .post:first-child").await;
    let kursi = quran_data::quran().ayah(companion_core::AyahRef::new(2, 255).unwrap());
    let opening: String = kursi.text.chars().take(20).collect();
    app.wait_for_text("#feed .post .post-ayah .arabic", &opening)
        .await;
    let id = post.attr("data-post").await.unwrap().unwrap();

    // Bilal says Ameen to it, and posts his own; both show here.
    let path = format!("/feed/posts/{id}/react");
    let ameen = serde_json::json!({ "reaction": "ameen" });
    server.send(&bilal, (Method::PUT, &path), ameen).await;
    let his =
        serde_json::json!({ "body": "Read it before sleep tonight.", "visibility": "groups" });
    server
        .send(&bilal, (Method::POST, "/feed/posts"), his)
        .await;
    app.click("#together-tab-boards").await;
    app.click("#together-tab-feed").await;
    app.wait_for_text("#feed .post", "Read it before sleep tonight.")
        .await;
    let mine = format!("#feed .post[data-post='{id}'] .reaction[data-reaction='ameen']");
    app.wait_for_text(&mine, "1").await;
    // MashaAllah on his, from here.
    let his_reaction = "#feed .post:first-child .reaction[data-reaction='mashaallah']";
    app.click(his_reaction).await;
    app.wait_for_attribute(
        his_reaction,
        "aria-pressed",
        "true",
        Duration::from_secs(10),
    )
    .await;

    // A khatmah of the group: started here by juz, juz 1 taken and read
    // here, juz 2 taken by Bilal on his device and shown live.
    app.click("#together-tab-groups").await;
    app.click(&format!(
        "#groups .group[data-group='{group}'] .group-khatmah-open"
    ))
    .await;
    app.click("#khatmah-start-submit").await;
    app.wait_for("#khatmah-portions .portion[data-number='30']")
        .await;
    app.click("#khatmah-portions .portion[data-number='1'] .claim")
        .await;
    app.click("#khatmah-portions .portion[data-number='1'] .done")
        .await;
    app.wait_for_attribute(
        "#khatmah-portions .portion[data-number='1']",
        "data-state",
        "done",
        Duration::from_secs(10),
    )
    .await;
    app.wait_for_text("#group-khatmah .khatmah-summary", "1 of 30")
        .await;
    let khatmahs = server
        .send(
            &bilal,
            (Method::GET, &format!("/groups/{group}/khatmahs")),
            serde_json::json!(null),
        )
        .await;
    let khatmah = khatmahs["khatmahs"][0]["id"].as_str().unwrap().to_owned();
    let claim = format!("/khatmahs/{khatmah}/portions/2/claim");
    server
        .send(&bilal, (Method::POST, &claim), serde_json::json!(null))
        .await;
    app.wait_for_text("#khatmah-portions .portion[data-number='2']", "Bilal")
        .await;
    app.quit().await;
}
