//! What the sync client's tests share: a real companion-server on
//! loopback (SQLite), a device's store, and reading to send.

#![allow(clippy::unwrap_used, dead_code)]

use clap::Parser;
use companion_app::account::Account;
use companion_app::progress::record;
use companion_app::store::Store;
use companion_app::together;
use companion_core::habit::Day;
use companion_core::wire::{
    JoinGroupRequest, NewGroupRequest, ReadHow, RecordReadingRequest, RegisterRequest,
    SignInRequest,
};
use companion_core::AyahRef;
use jiff::tz::TimeZone;
use serde_json::{json, Value};
use tokio::sync::oneshot;

pub const UTC: TimeZone = TimeZone::UTC;

/// A sync server on a port of loopback, on a SQLite file it keeps.
pub struct Server {
    pub base: String,
    database: String,
    _dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl Server {
    pub async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", dir.path().join("server.db").display());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut server = Server {
            base,
            database,
            _dir: dir,
            stop: None,
        };
        server.serve(listener).await;
        server
    }

    async fn serve(&mut self, listener: tokio::net::TcpListener) {
        let args = ["companion-server", "--database-url", &self.database];
        let config = companion_server::config::Config::parse_from(args);
        let clock = companion_server::clock::Clock::system();
        let state = companion_server::state_with_clock(&config, clock)
            .await
            .unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(companion_server::serve(listener, state, async {
            let _ = rx.await;
        }));
        self.stop = Some(tx);
    }

    fn address(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }

    /// Stops answering: the port is closed.
    pub async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(self.address())
                .await
                .is_err()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server still answers at {}", self.base);
    }

    /// Answers again on the same port and database: a restart.
    pub async fn restart(&mut self) {
        let listener = tokio::net::TcpListener::bind(self.address()).await.unwrap();
        self.serve(listener).await;
    }

    /// What the server answers `GET /api/v1{path}` for `email`, signed in
    /// as another device would; `None` when that sign-in is refused.
    pub async fn get_as(&self, email: &str, path: &str) -> Option<Value> {
        let http = reqwest::Client::new();
        let tokens: Value = http
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = tokens["access_token"].as_str()?;
        let answer = http
            .get(format!("{}/api/v1{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        Some(answer.json().await.unwrap())
    }

    /// `email`'s Hasanat on the server, asked as another device would.
    pub async fn hasanat(&self, email: &str) -> i64 {
        let totals = self.get_as(email, "/hasanat").await.unwrap();
        totals["total"].as_i64().unwrap()
    }
}

pub const PASSWORD: &str = "patience and prayer";
pub const EMAIL: &str = "amina@example.org";

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Reads Al-Fatihah ten minutes before `at` and ends the session, so it
/// waits in the outbox: 1,390 Hasanat.
pub async fn read_fatihah(store: &Store, at: i64) {
    let request = RecordReadingRequest {
        ayahs: (1..=7).map(|a| AyahRef::new(1, a).unwrap()).collect(),
        how: ReadHow::Dwell,
    };
    let day = Day(i32::try_from((at - 600).div_euclid(86_400)).unwrap());
    record(store, quran_data::quran(), &request, at - 600, day)
        .await
        .unwrap();
    store.end_sessions().await.unwrap();
}

pub async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_file(&dir.path().join("app.db")).await.unwrap();
    (dir, store)
}

pub fn registration(server: &Server) -> RegisterRequest {
    RegisterRequest {
        server: format!("{}/", server.base),
        email: EMAIL.into(),
        username: "amina".into(),
        password: PASSWORD.into(),
        display_name: "Amina".into(),
    }
}

pub fn sign_in(server: &Server, password: &str) -> SignInRequest {
    SignInRequest {
        server: server.base.clone(),
        email: EMAIL.into(),
        password: password.into(),
    }
}

/// Bilal's account, created from his own device.
pub async fn register_bilal(server: &Server, account: &Account, store: &Store, now: i64) {
    let bilal = RegisterRequest {
        email: "bilal@example.org".into(),
        username: "bilal".into(),
        display_name: "Bilal".into(),
        ..registration(server)
    };
    account.register(store, bilal, (now, &UTC)).await.unwrap();
}

/// A reader: their account, their device's store and its folder.
pub type Reader = (Account, Store, tempfile::TempDir);

/// Amina and Bilal, in a private group Amina made.
pub struct Family {
    pub amina: Reader,
    pub bilal: Reader,
}

pub async fn family(server: &Server, now: i64) -> Family {
    let (a, amina_store) = store().await;
    let (b, bilal_store) = store().await;
    let (amina, bilal) = (Account::default(), Account::default());
    amina
        .register(&amina_store, registration(server), (now, &UTC))
        .await
        .unwrap();
    register_bilal(server, &bilal, &bilal_store, now).await;
    let family = NewGroupRequest {
        name: "Family circle".into(),
        description: String::new(),
        private: true,
    };
    let made = together::create(&amina, &amina_store, &family, now)
        .await
        .unwrap();
    let code = made.invite_code.unwrap();
    together::join(&bilal, &bilal_store, &JoinGroupRequest { code }, now)
        .await
        .unwrap();
    Family {
        amina: (amina, amina_store, a),
        bilal: (bilal, bilal_store, b),
    }
}
