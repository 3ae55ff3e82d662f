//! A real sync server (companion-server, the workspace's own) on a port
//! of loopback with a SQLite file of its own, for tests of the app's
//! account and sync; and the server's view of a user, asked over HTTP as
//! another device would.

use clap::Parser;
use serde_json::{json, Value};
use tokio::sync::oneshot;

/// A running sync server; stops when dropped.
#[derive(Debug)]
pub struct SyncServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    _dir: tempfile::TempDir,
    _stop: oneshot::Sender<()>,
}

impl SyncServer {
    pub async fn start() -> SyncServer {
        let dir = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", dir.path().join("server.db").display());
        let args = ["companion-server", "--database-url", &database];
        let config = companion_server::config::Config::parse_from(args);
        let clock = companion_server::clock::Clock::system();
        let state = companion_server::state_with_clock(&config, clock)
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(companion_server::serve(listener, state, async {
            let _ = stopped.await;
        }));
        SyncServer {
            base,
            _dir: dir,
            _stop: stop,
        }
    }

    /// Signs in as another device would: an access token.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let tokens: Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tokens["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no sign-in for {email}: {tokens}"))
            .to_owned()
    }

    /// The all-time Hasanat the server counts for the holder of `token`.
    pub async fn hasanat(&self, token: &str) -> i64 {
        let totals: Value = reqwest::Client::new()
            .get(format!("{}/api/v1/hasanat", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        totals["total"].as_i64().unwrap()
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Another reader, on another device: their account, signed in.
    pub async fn reader(&self, email: &str, username: &str, name: &str, password: &str) -> String {
        let http = reqwest::Client::new();
        let body = json!({ "email": email, "username": username, "display_name": name, "password": password });
        let made = http
            .post(self.url("/auth/register"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            made.status().is_success(),
            "registering {email}: {}",
            made.status()
        );
        self.sign_in(email, password).await
    }

    /// Sends `body` to `path` as the holder of `token`: the answer, after
    /// checking it is a success.
    pub async fn send(
        &self,
        token: &str,
        (method, path): (reqwest::Method, &str),
        body: Value,
    ) -> Value {
        let answer = reqwest::Client::new()
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let text = answer.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// The holder of `token` joins a group by its invite code.
    pub async fn join_group(&self, token: &str, code: &str) {
        let body = json!({ "invite_code": code });
        self.send(token, (reqwest::Method::POST, "/groups/join"), body)
            .await;
    }

    /// The holder of `token` sends Al-Fatihah (7 ayahs) read in the two
    /// minutes up to `minutes_ago` minutes ago (negative: a little ahead,
    /// within the server's allowance for clocks), as event `id`: 1,390
    /// Hasanat on the server.
    pub async fn push_fatihah(&self, token: &str, id: &str, minutes_ago: i64) {
        let end = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(minutes_ago);
        let start = end - jiff::SignedDuration::from_mins(2);
        let event = json!({ "id": id, "type": "reading_session", "data": {
            "surah_number": 1, "start_ayah": 1, "end_ayah": 7,
            "start_time": start.to_string(), "end_time": end.to_string(),
            "duration_seconds": 120,
        }});
        let body = json!({ "events": [event] });
        let pushed = self
            .send(token, (reqwest::Method::POST, "/sync/push"), body)
            .await;
        assert_eq!(
            pushed["accepted"].as_array().map(Vec::len),
            Some(1),
            "{pushed}"
        );
    }
}
