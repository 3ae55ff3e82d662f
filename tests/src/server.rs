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
}
