//! End-to-end chat with a real sync server on loopback: a group made in
//! the window has its conversation in the Chat tab; a message written
//! here reaches the other member, and what he writes, types and reacts
//! shows in the window as it happens, over the app's live connection,
//! with no click to reload. Then friends: someone following the reader
//! shows at once, and following back makes them friends; a mention counts
//! on the Inbox tab as it comes, and mentions can be turned off there;
//! with the server gone, Chat says so and a message written waits.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use companion_e2e::server::SyncServer;
use companion_e2e::{App, Profile};
use reqwest::Method;
use serde_json::json;

const PASSWORD: &str = "patience and prayer";

#[tokio::test]
#[ignore = "drives the app in a real window: `cargo xtask test` runs it"]
async fn a_groups_conversation_shows_live_and_a_follower_followed_back_is_a_friend() {
    let server = SyncServer::start().await;
    let profile = Profile::new().with_env("COMPANION_SERVER_URL", &server.base);
    let app = App::launch(&profile).await;
    app.wait_for("#home #ayah-of-the-day .arabic").await;
    app.register("amina@example.org", "amina", "Amina", PASSWORD)
        .await;
    app.click("#nav-together").await;
    let (code, _) = app.create_group("Family circle").await;
    let bilal = server
        .reader("bilal@example.org", "bilal", "Bilal", PASSWORD)
        .await;
    server.join_group(&bilal, &code).await;

    // A message before the conversation is opened: counted on the tab.
    let early = json!({ "client_id": "bilal-0", "body": "Salam!" });
    let groups = server
        .send(&bilal, (Method::GET, "/chat/conversations"), json!(null))
        .await;
    let first = format!(
        "/chat/conversations/{}/messages",
        groups[0]["id"].as_str().unwrap()
    );
    server.send(&bilal, (Method::POST, &first), early).await;
    app.wait_for_text("#together-tab-chat", "Chat (1)").await;
    app.click("#together-tab-chat").await;
    app.wait_for_text("#chat .conversation", "Family circle")
        .await;
    app.click("#chat .conversation").await;
    app.wait_for_text("#chat-messages", "Salam!").await;
    let thread = app.wait_for("#chat-thread").await;
    let conversation = thread.attr("data-conversation").await.unwrap().unwrap();

    // Written here: shown as mine, and on Bilal's side.
    app.type_into("#chat-text", "Assalamu alaykum, shall we read Al-Kahf?")
        .await;
    app.click("#chat-send").await;
    app.wait_for_text("#chat-messages .chat-message.mine", "shall we read Al-Kahf")
        .await;
    let path = format!("/chat/conversations/{conversation}/messages");
    let his_view = server.send(&bilal, (Method::GET, &path), json!(null)).await;
    assert_eq!(
        his_view[0]["body"], "Assalamu alaykum, shall we read Al-Kahf?",
        "{his_view}"
    );
    let mine = his_view[0]["id"].as_str().unwrap().to_owned();

    // Bilal types, then answers: both show without a click.
    let typing = format!("/chat/conversations/{conversation}/typing");
    server
        .send(&bilal, (Method::POST, &typing), json!(null))
        .await;
    app.wait_for_text("#chat-thread .chat-typing", "Bilal is typing")
        .await;
    let answer = json!({ "client_id": "bilal-1", "body": "Wa alaykum assalam. After Jumu'ah." });
    server.send(&bilal, (Method::POST, &path), answer).await;
    let his = "#chat-messages .chat-message:not(.mine):last-child";
    app.wait_for_text(his, "After Jumu'ah").await;
    app.wait_for_text(his, "Bilal").await;

    // He reacts to mine; it shows live. Mine to his, from here.
    let react = format!("/chat/messages/{mine}/react");
    server
        .send(&bilal, (Method::PUT, &react), json!({ "emoji": "🤲" }))
        .await;
    app.wait_for_text("#chat-messages .chat-message.mine .chat-reactions", "🤲 1")
        .await;
    app.script(
        "document.querySelector('#chat-messages .chat-message:not(.mine):last-child .react[data-emoji=\"🌙\"]').click();
         return true;",
    )
    .await;
    app.wait_for(&format!(
        "{his} .chat-reactions .chip.mine[data-emoji='🌙']"
    ))
    .await;
    let his_view = server.send(&bilal, (Method::GET, &path), json!(null)).await;
    assert_eq!(
        his_view[0]["reactions"],
        json!([{ "user_id": amina_id(&server).await, "emoji": "🌙" }])
    );

    // Read here: the list no longer counts it unread.
    app.wait_for_attribute(
        "#chat .conversation",
        "aria-pressed",
        "true",
        Duration::from_secs(5),
    )
    .await;
    assert!(app.all("#chat .conversation .badge").await.is_empty());

    // Friends: Bilal follows Amina; it shows live, and she follows back.
    app.click("#together-tab-friends").await;
    app.wait_for_text("#friends-friends", "No friends yet")
        .await;
    let amina = amina_id(&server).await;
    let follow = format!("/users/{amina}/follow");
    server
        .send(&bilal, (Method::POST, &follow), json!(null))
        .await;
    app.wait_for_text("#friends-followers .person", "Bilal")
        .await;
    app.click("#friends-followers .person .button").await;
    app.wait_for_text("#friends-friends .person", "Bilal").await;
    let his_friends = server
        .send(&bilal, (Method::GET, "/users/me/friends"), json!(null))
        .await;
    assert_eq!(his_friends[0]["username"], "amina", "{his_friends}");

    // A mention is counted on the Inbox tab as it comes; then Amina turns
    // mentions off from the inbox, and the server keeps that.
    let mention = json!({ "client_id": "bilal-2", "body": "@amina juz 5 tonight?" });
    server.send(&bilal, (Method::POST, &path), mention).await;
    // Unread: Bilal joining the group, and now the mention.
    app.wait_for_text("#together-tab-inbox", "(2)").await;
    app.click("#together-tab-inbox").await;
    app.wait_for_text("#inbox .inbox-item", "juz 5 tonight")
        .await;
    app.click("#inbox-settings summary").await;
    app.click("#inbox-settings input[data-kind='chat_mention']")
        .await;
    let token = server.sign_in("amina@example.org", PASSWORD).await;
    let mut kept = json!(null);
    for _ in 0..50 {
        kept = server
            .send(
                &token,
                (Method::GET, "/notifications/settings"),
                json!(null),
            )
            .await;
        if kept["chat_mention"] == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(kept["chat_mention"], false, "{kept}");

    // The server goes away: Chat says so, and a message written now waits.
    drop(server);
    app.click("#together-tab-chat").await;
    app.wait_for_text("#chat-offline", "cannot be reached")
        .await;
    app.click("#chat .conversation").await;
    app.type_into("#chat-text", "Sent from the train").await;
    app.click("#chat-send").await;
    app.wait_for_text(
        "#chat-messages .chat-message[data-pending='true']",
        "waiting to be sent",
    )
    .await;
    app.quit().await;
}

async fn amina_id(server: &SyncServer) -> String {
    let token = server.sign_in("amina@example.org", PASSWORD).await;
    let me = server
        .send(&token, (Method::GET, "/users/me"), json!(null))
        .await;
    me["id"].as_str().unwrap().to_owned()
}
