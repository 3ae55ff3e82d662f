//! The harness of the API suites: the real server on a random loopback
//! port with a fresh database per test (a SQLite file, or a new database
//! on the PostgreSQL that `cargo xtask test` starts), used over HTTP.

#![allow(clippy::unwrap_used, dead_code)]

pub mod people;

use clap::Parser;
use companion_server::clock::{Clock, ManualClock};
use companion_server::config::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    /// The server's state, for tests that look behind the API (the board
    /// cache's generation, the lockout map).
    pub state: companion_server::AppState,
    /// The database the server uses, for tests that hold its locks.
    pub database_url: String,
    /// The mail the server sent (instead of sending it).
    pub mails: std::sync::Arc<MailBox>,
    /// The server's clock, and its handle when the test pinned it.
    clock: Clock,
    hand: Option<ManualClock>,
    /// The SQLite file's directory, removed with the first node.
    dir: Option<tempfile::TempDir>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// Keeps the mail the server sends: mail cannot leave this machine, so
/// tests read it here.
#[derive(Debug, Default)]
pub struct MailBox(std::sync::Mutex<Vec<companion_server::mail::Mail>>);

impl companion_server::mail::Mailer for MailBox {
    fn send(
        &self,
        mail: &companion_server::mail::Mail,
    ) -> Result<(), companion_server::mail::MailError> {
        self.0.lock().unwrap().push(mail.clone());
        Ok(())
    }
}

impl MailBox {
    /// The token of the last mail to `to`.
    pub fn last_token(&self, to: &str) -> Option<String> {
        let mails = self.0.lock().unwrap();
        mails
            .iter()
            .rev()
            .find(|m| m.to == to)
            .map(|m| m.token.clone())
    }
}

/// A Unix second as RFC 3339.
pub fn rfc3339(second: i64) -> String {
    jiff::Timestamp::from_second(second).unwrap().to_string()
}

/// Which database the server under test uses.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test.
pub async fn database_url(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.join("server.db").display()),
        Backend::Postgres => {
            use sqlx::Connection;
            let admin = std::env::var("COMPANION_TEST_POSTGRES").expect(
                "COMPANION_TEST_POSTGRES is not set: `cargo xtask test` starts PostgreSQL and sets it",
            );
            let name = format!(
                "t_{}",
                companion_server::auth::random_token()
                    .to_lowercase()
                    .replace(['-', '_'], "")
            );
            let name = &name[..name.len().min(40)];
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .await
                .unwrap();
            let base = admin.rsplit_once('/').map(|(base, _)| base).unwrap();
            format!("{base}/{name}")
        }
    }
}

/// The URL of the Redis the two-node suite shares (`cargo xtask test`
/// starts one and sets `COMPANION_TEST_REDIS`).
pub fn redis_url() -> String {
    std::env::var("COMPANION_TEST_REDIS")
        .expect("COMPANION_TEST_REDIS is not set: `cargo xtask test` starts Redis and sets it")
}

/// The server on the system clock.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, &[]).await
}

/// The server with its clock pinned at `second` (Unix time), moved only by
/// [`TestApp::set_time`] and [`TestApp::advance`]: for every test whose
/// rules depend on the time of day, so it passes at any hour.
pub async fn spawn_app_at(backend: Backend, second: i64) -> TestApp {
    spawn_app_at_with(backend, second, &[]).await
}

/// [`spawn_app_at`] with extra command-line settings.
pub async fn spawn_app_at_with(backend: Backend, second: i64, settings: &[&str]) -> TestApp {
    let (clock, hand) = Clock::manual(second);
    spawn(backend, settings, clock, Some(hand)).await
}

/// The server with extra command-line settings, on the system clock.
pub async fn spawn_app_with(backend: Backend, settings: &[&str]) -> TestApp {
    spawn(backend, settings, Clock::system(), None).await
}

async fn spawn(
    backend: Backend,
    settings: &[&str],
    clock: Clock,
    hand: Option<ManualClock>,
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let mut app = serve_on(&url, settings, clock, hand).await;
    app.dir = Some(dir);
    app
}

/// A server on the database at `url`, which it does not own.
async fn serve_on(
    url: &str,
    settings: &[&str],
    clock: Clock,
    hand: Option<ManualClock>,
) -> TestApp {
    let mut args = vec!["companion-server", "--database-url", url];
    args.extend_from_slice(settings);
    let config = Config::parse_from(args);
    let mut state = companion_server::state_with_clock(&config, clock.clone())
        .await
        .unwrap();
    let mails = std::sync::Arc::new(MailBox::default());
    state.mailer = mails.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(companion_server::serve(listener, state.clone(), async {
        let _ = rx.await;
    }));
    TestApp {
        base,
        http: reqwest::Client::new(),
        state,
        mails,
        database_url: url.to_owned(),
        clock,
        hand,
        dir: None,
        _shutdown: tx,
    }
}

impl TestApp {
    /// Stops this server and starts a fresh one (new state, new port) on
    /// the same database with the same `settings`: a restart.
    pub async fn restart(mut self, settings: &[&str]) -> TestApp {
        let dir = self.dir.take();
        let (url, clock, hand) = (
            self.database_url.clone(),
            self.clock.clone(),
            self.hand.take(),
        );
        drop(self);
        let mut app = serve_on(&url, settings, clock, hand).await;
        app.dir = dir;
        app
    }

    /// A second server (another node: its own state and port) on this
    /// one's database, with `settings`.
    pub async fn another_node(&self, settings: &[&str]) -> TestApp {
        serve_on(&self.database_url, settings, Clock::system(), None).await
    }

    /// Waits until this node's live delivery reaches the other nodes
    /// (connected to Redis and listening), for at most 10 s.
    pub async fn shared(&self) {
        let started = std::time::Instant::now();
        while !self.state.live.fanout.ready() {
            assert!(
                started.elapsed() < WAIT,
                "the node connects to Redis and listens within 10 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// The server's "now", in Unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Moves a pinned clock to `second`.
    pub fn set_time(&self, second: i64) {
        self.pinned().set(second);
    }

    /// Moves a pinned clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.pinned().advance(seconds);
    }

    fn pinned(&self) -> &ManualClock {
        self.hand
            .as_ref()
            .expect("only a server started with spawn_app_at has a clock to move")
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn register(&self, email: &str, username: &str) -> Value {
        let (status, body) = self
            .post(
                "/api/v1/auth/register",
                json!({ "email": email, "password": "Test123!", "username": username }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    pub async fn access_token(&self, email: &str) -> String {
        let tokens = self.login(email).await;
        tokens["access_token"].as_str().unwrap().to_owned()
    }

    pub async fn login(&self, email: &str) -> Value {
        let (status, body) = self
            .post(
                "/api/v1/auth/login",
                json!({ "email": email, "password": "Test123!" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

impl TestApp {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// Every API test runs once on SQLite and once on PostgreSQL: the same
/// behaviour on both backends.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Postgres).await
                }
            )*
        }
    };
}

/// A live socket of the test client.
pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// How long a test waits for a frame before it fails (never a timing
/// assertion: only so a broken server fails the test instead of hanging).
const WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl TestApp {
    /// Opens `/api/v1/ws` (with `query`, e.g. `?after=3`), sending `token`
    /// as a bearer header if given.
    pub async fn ws(&self, token: Option<&str>, query: &str) -> Ws {
        self.try_ws(token, query)
            .await
            .expect("the handshake succeeds")
    }

    /// [`TestApp::ws`], or the handshake's HTTP status when refused.
    pub async fn try_ws(&self, token: Option<&str>, query: &str) -> Result<Ws, StatusCode> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let url = format!("{}/api/v1/ws{query}", self.base.replacen("http", "ws", 1));
        let mut request = url.into_client_request().unwrap();
        if let Some(token) = token {
            request
                .headers_mut()
                .insert("authorization", format!("Bearer {token}").parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((ws, _)) => Ok(ws),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(StatusCode::from_u16(response.status().as_u16()).unwrap())
            }
            Err(error) => panic!("the handshake failed: {error}"),
        }
    }
}

/// What the server sent next on a socket: a JSON text frame, or its close.
#[derive(Debug)]
pub enum Frame {
    Json(Value),
    Closed(Option<u16>),
}

/// The next text frame or close of `ws` (pings are answered and skipped).
pub async fn next_frame(ws: &mut Ws) -> Frame {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        let message = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("the server sends something in time");
        match message {
            Some(Ok(Message::Text(text))) => {
                return Frame::Json(serde_json::from_str(text.as_str()).unwrap())
            }
            Some(Ok(Message::Close(frame))) => {
                return Frame::Closed(frame.map(|f| u16::from(f.code)))
            }
            Some(Ok(_)) => continue,
            Some(Err(_)) | None => return Frame::Closed(None),
        }
    }
}

/// The next JSON frame of `ws`; fails on a close.
pub async fn next_json(ws: &mut Ws) -> Value {
    match next_frame(ws).await {
        Frame::Json(value) => value,
        Frame::Closed(code) => panic!("expected a frame, the socket closed with {code:?}"),
    }
}

/// The close code `ws` ends with; fails on a text frame.
pub async fn close_code(ws: &mut Ws) -> Option<u16> {
    match next_frame(ws).await {
        Frame::Closed(code) => code,
        Frame::Json(value) => panic!("expected the socket to close, got {value}"),
    }
}

/// Sends a text frame.
pub async fn send_json(ws: &mut Ws, value: Value) {
    use futures_util::SinkExt;
    ws.send(tokio_tungstenite::tungstenite::Message::Text(
        value.to_string().into(),
    ))
    .await
    .unwrap();
}
