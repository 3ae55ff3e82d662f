//! A live client that stops reading, on both backends: the server drops
//! its socket (its ring overflows, or its writes time out) and never
//! waits for it: another user's reading socket gets every event promptly
//! meanwhile, and HTTP keeps answering.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::people::{expect, friends, person, socket, Person};
use common::{next_json, Backend, TestApp, Ws};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// How long an event may take to reach a reading socket (only so a
/// broken server fails instead of hanging; loopback takes milliseconds).
const PROMPTLY: Duration = Duration::from_secs(3);
/// How long the server may take to give up on the silent socket: its
/// write timeout (10 s) and room for a machine with large TCP buffers.
const DROPPED_WITHIN: Duration = Duration::from_secs(60);
/// How many messages of 16 KB to send the silent client: half again as
/// many bytes as this machine's largest TCP send buffer (the third field
/// of `tcp_wmem`, 4 MiB by default: 400 messages), so its writes must
/// block whatever the kernel's settings.
fn messages_to_fill_the_pipe() -> usize {
    let largest = std::fs::read_to_string("/proc/sys/net/ipv4/tcp_wmem")
        .ok()
        .and_then(|text| text.split_whitespace().nth(2)?.parse::<usize>().ok())
        .unwrap_or(4 << 20);
    (largest * 3 / 2 / 16_000).max(400)
}

/// A direct conversation of `from` with `to`: its id.
async fn conversation(app: &TestApp, from: &Person, to: &Person) -> String {
    let body = json!({ "user_id": to.id });
    let path = (Method::POST, "/chat/conversations");
    let conversation = expect(app, path, from, body, StatusCode::OK).await;
    conversation["id"].as_str().unwrap().to_owned()
}

/// `from` says `text` in `conversation` as message `client_id`.
async fn say(app: &TestApp, from: &Person, conversation: &str, client_id: &str, text: &str) {
    let path = format!("/chat/conversations/{conversation}/messages");
    let body = json!({ "client_id": client_id, "body": text });
    expect(app, (Method::POST, &path), from, body, StatusCode::CREATED).await;
}

/// A socket of `who` that never reads after the handshake, on a TCP
/// connection with a small receive buffer (so the server's writes stall
/// soon).
async fn silent_socket(app: &TestApp, who: &Person) -> Ws {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let url = format!("{}/api/v1/ws", app.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    let bearer = format!("Bearer {}", who.token);
    request
        .headers_mut()
        .insert("authorization", bearer.parse().unwrap());
    let address = app.base.trim_start_matches("http://").parse().unwrap();
    let tcp = tokio::net::TcpSocket::new_v4().unwrap();
    tcp.set_recv_buffer_size(4096).unwrap();
    let stream = tcp.connect(address).await.unwrap();
    let (ws, _) =
        tokio_tungstenite::client_async(request, tokio_tungstenite::MaybeTlsStream::Plain(stream))
            .await
            .unwrap();
    ws
}

/// The next `message_created` on `ws` within [`PROMPTLY`]: its body.
async fn next_body(ws: &mut Ws) -> String {
    let within = tokio::time::timeout(PROMPTLY, async {
        loop {
            let frame: Value = next_json(ws).await;
            if frame["kind"] == "message_created" {
                return frame["data"]["body"].as_str().unwrap().to_owned();
            }
        }
    });
    within
        .await
        .expect("the reading client gets its event promptly")
}

async fn a_client_that_stops_reading_is_dropped_and_holds_no_one_up(backend: Backend) {
    let settings = [
        "--chat-messages-per-minute",
        "0",
        "--user-rate-limit-per-minute",
        "0",
        "--ws-queue",
        "8",
    ];
    let app = common::spawn_app_with(backend, &settings).await;
    let amina = person(&app, "amina").await;
    let bilal = person(&app, "bilal").await;
    let carim = person(&app, "carim").await;
    friends(&app, &amina, &bilal).await;
    friends(&app, &amina, &carim).await;
    let to_bilal = conversation(&app, &amina, &bilal).await;
    let to_carim = conversation(&app, &amina, &carim).await;
    let _silent = silent_socket(&app, &bilal).await;
    let mut reader = socket(&app, &carim).await;
    assert_eq!(app.state.live.hub.sockets(), 2, "both sockets are open");

    let long = "📖".repeat(4000);
    let messages = messages_to_fill_the_pipe();
    let started = Instant::now();
    let mut sent = 0;
    // Keep writing to both until the server gives up on bilal's socket:
    // carim hears each message at once all the while.
    while app.state.live.hub.sockets() == 2 {
        assert!(
            started.elapsed() < DROPPED_WITHIN,
            "the silent socket is dropped within {DROPPED_WITHIN:?} ({sent} messages)"
        );
        if sent < messages {
            say(&app, &amina, &to_bilal, &format!("b{sent}"), &long).await;
        } else {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let text = format!("carim {sent}");
        say(&app, &amina, &to_carim, &format!("c{sent}"), &text).await;
        assert_eq!(next_body(&mut reader).await, text, "in order, none lost");
        let (status, _) = tokio::time::timeout(PROMPTLY, app.get("/health", None))
            .await
            .expect("HTTP answers promptly meanwhile");
        assert_eq!(status, StatusCode::OK);
        sent += 1;
    }
    assert_eq!(
        app.state.live.hub.sockets(),
        1,
        "only the silent socket is gone"
    );
    say(&app, &amina, &to_carim, "after", "still here").await;
    assert_eq!(next_body(&mut reader).await, "still here");
}

on_both_backends!(a_client_that_stops_reading_is_dropped_and_holds_no_one_up);
