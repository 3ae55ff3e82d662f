//! A node killed with SIGKILL mid-conversation: two real
//! `companion-server` processes (the binary Cargo built for this test) on
//! one PostgreSQL database and one Redis. Every message the sender saw
//! acknowledged reaches the reader, once and in order: what the killed
//! node's socket delivered, then the rest when the reader resumes on the
//! other node with `?after=`.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use super::common::{database_url, redis_url, Backend, Ws};

/// A `companion-server` child process, killed on drop.
struct Node {
    child: Child,
    base: String,
}

impl Node {
    async fn start(database: &str, namespace: &str) -> Node {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_companion-server"))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database, "--redis-url", &redis_url()])
            .args(["--redis-namespace", namespace, "--log-format", "text"])
            .env("COMPANION_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let node = Node {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            let health = reqwest::get(format!("{}/health", node.base)).await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return node;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the node answers /health within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no shutdown, no goodbye to its sockets.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    async fn call(
        &self,
        token: Option<&str>,
        path: &str,
        body: Value,
    ) -> reqwest::Result<(StatusCode, Value)> {
        let mut request = reqwest::Client::new().post(format!("{}/api/v1{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if !body.is_null() {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let status = response.status();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }

    /// Registers `name` and signs them in: (id, access token).
    async fn person(&self, name: &str) -> (String, String) {
        let email = format!("{name}@example.org");
        let body = json!({ "email": email, "password": "Test123!", "username": name });
        let (status, user) = self.call(None, "/auth/register", body).await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{user}");
        let body = json!({ "email": email, "password": "Test123!" });
        let (_, tokens) = self.call(None, "/auth/login", body).await.unwrap();
        let token = tokens["access_token"].as_str().unwrap().to_owned();
        (user["id"].as_str().unwrap().to_owned(), token)
    }

    async fn socket(&self, token: &str, after: Option<i64>) -> Ws {
        let query = after.map_or(String::new(), |seq| format!("?after={seq}"));
        let url = format!("{}/api/v1/ws{query}", self.base.replacen("http", "ws", 1));
        let mut request = url.into_client_request().unwrap();
        let bearer = format!("Bearer {token}").parse().unwrap();
        request.headers_mut().insert("authorization", bearer);
        tokio_tungstenite::connect_async(request).await.unwrap().0
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The messages a reader has seen: (seq, body), and the highest seq.
#[derive(Default)]
struct Seen {
    messages: Vec<(i64, String)>,
    last: i64,
}

impl Seen {
    /// Reads `ws` until `until` says stop or the socket ends; `false` if
    /// it ended.
    async fn read(&mut self, ws: &mut Ws, until: impl Fn(&Seen, &Value) -> bool) -> bool {
        loop {
            let next = tokio::time::timeout(Duration::from_secs(10), ws.next()).await;
            let text = match next.expect("the node sends something in time") {
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(Message::Close(_)) | Err(_)) | None => return false,
                Some(Ok(_)) => continue,
            };
            let frame: Value = serde_json::from_str(text.as_str()).unwrap();
            if let Some(seq) = frame["seq"].as_i64() {
                if frame["type"] == "event" {
                    assert!(seq > self.last, "numbers only grow, no duplicate: {frame}");
                    self.last = seq;
                }
            }
            if frame["kind"] == "message_created" {
                let body = frame["data"]["body"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                self.messages.push((self.last, body));
            }
            if until(self, &frame) {
                return true;
            }
        }
    }
}

#[tokio::test]
async fn a_node_killed_mid_conversation_loses_no_acknowledged_message() {
    let dir = tempfile::tempdir().unwrap();
    let database = database_url(Backend::Postgres, dir.path()).await;
    let namespace = format!("k{}", std::process::id());
    let mut a = Node::start(&database, &namespace).await;
    let b = Node::start(&database, &namespace).await;
    let (amina, amina_token) = a.person("amina").await;
    let (bilal, bilal_token) = a.person("bilal").await;
    for (token, whom) in [(&amina_token, &bilal), (&bilal_token, &amina)] {
        let (status, _) = a
            .call(Some(token), &format!("/users/{whom}/follow"), Value::Null)
            .await
            .unwrap();
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (_, conversation) = a
        .call(
            Some(&amina_token),
            "/chat/conversations",
            json!({ "user_id": bilal }),
        )
        .await
        .unwrap();
    let path = format!(
        "/chat/conversations/{}/messages",
        conversation["id"].as_str().unwrap()
    );

    let mut on_a = a.socket(&bilal_token, None).await;
    let mut seen = Seen::default();
    seen.read(&mut on_a, |_, frame| frame["type"] == "ready")
        .await;
    let mut acknowledged = Vec::new();
    for n in 1..=5 {
        let body = json!({ "client_id": format!("m{n}"), "body": format!("message {n}") });
        let (status, _) = a.call(Some(&amina_token), &path, body).await.unwrap();
        assert_eq!(status, StatusCode::CREATED);
        acknowledged.push(format!("message {n}"));
    }
    // Bilal has read some of the conversation live when node A dies.
    seen.read(&mut on_a, |seen, _| seen.messages.len() >= 3)
        .await;
    a.kill();
    assert!(
        !seen.read(&mut on_a, |_, _| false).await,
        "the killed node's socket ends"
    );
    for n in 6..=10 {
        let body = json!({ "client_id": format!("m{n}"), "body": format!("message {n}") });
        // The client tries its node first, then the other: a resend with
        // the same client id is never a second message.
        let sent = match a.call(Some(&amina_token), &path, body.clone()).await {
            Ok(answer) => answer,
            Err(_) => b.call(Some(&amina_token), &path, body).await.unwrap(),
        };
        assert!(sent.0.is_success(), "{sent:?}");
        acknowledged.push(format!("message {n}"));
    }

    let mut on_b = b.socket(&bilal_token, Some(seen.last)).await;
    seen.read(&mut on_b, |_, frame| frame["type"] == "ready")
        .await;
    let body = json!({ "client_id": "m11", "body": "message 11" });
    let (status, _) = b.call(Some(&amina_token), &path, body).await.unwrap();
    assert_eq!(status, StatusCode::CREATED);
    acknowledged.push("message 11".to_owned());
    seen.read(&mut on_b, |seen, _| {
        seen.messages.len() >= acknowledged.len()
    })
    .await;
    let bodies: Vec<&String> = seen.messages.iter().map(|(_, body)| body).collect();
    assert_eq!(
        bodies,
        acknowledged.iter().collect::<Vec<_>>(),
        "every acknowledged message arrives once, in order, across the kill"
    );
}
