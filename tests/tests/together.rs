//! End-to-end reading together with a real sync server on loopback: the
//! Together screen asks for an account first; signed in, a private group
//! made in the window shows its invite code, another reader joins with it
//! and reads, and the group's board ranks them by the server's count.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::server::SyncServer;
use companion_e2e::{App, Profile};

const PASSWORD: &str = "patience and prayer";

#[tokio::test]
async fn a_group_made_in_the_window_is_joined_by_its_code_and_its_board_ranks_the_readers() {
    let server = SyncServer::start().await;
    let profile = Profile::new().with_env("COMPANION_SERVER_URL", &server.base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;

    app.click("#nav-together").await;
    app.wait_for_text("#together-sign-in", "Sign in").await;
    app.click("#together-to-account").await;
    app.click("#account-mode-register").await;
    app.type_into("#account-email", "amina@example.org").await;
    app.type_into("#account-username", "amina").await;
    app.type_into("#account-name", "Amina").await;
    app.type_into("#account-password", PASSWORD).await;
    app.click("#account-submit").await;
    app.wait_for("#account-signed-in").await;

    app.click("#nav-together").await;
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
    assert_eq!(first.attr("data-hasanat").await.unwrap().unwrap(), "1390");
    assert!(first.text().await.unwrap().contains("Bilal"));
    app.quit().await;
}
