//! The reader's account on the sync server: create one, sign in, sign out,
//! and send what this device kept (the outbox) so the server's streaks,
//! leaderboards and achievements see it. Nothing leaves the device before
//! the reader signs in.
//!
//! The access token lives in memory only; the refresh token in memory and
//! in the system's keyring ([`keys`]) so a restart stays signed in. One
//! lock serializes sign-in, refresh and push, so a refresh token (spent on
//! use) is never sent twice.

pub mod client;
mod kept;
pub mod keys;
pub mod pull;

use companion_core::wire::{
    AccountView, ExportDone, ProfileRequest, RegisterRequest, SignInRequest, SignedIn, Visibility,
};
use jiff::tz::TimeZone;
use tokio::sync::Mutex;

use self::client::{Client, EventOut, Tokens};
use crate::error::{Error, Result};
use crate::store::{AccountRecord, Store};

/// The server a sign-in uses unless the reader types another: the local
/// one `cargo xtask run` starts, or `COMPANION_SERVER_URL`.
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8787";

/// How often the app syncs (push, then pull) while someone is signed in.
pub const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(120);

/// Events per push (the server's limit).
const BATCH: u32 = 500;

/// Refresh the access token this long before it expires.
const MARGIN_SECONDS: i64 = 30;

/// The tokens of the current sign-in.
#[derive(Debug)]
struct Session {
    access: String,
    /// Unix second after which `access` is refreshed first.
    access_until: i64,
    refresh: String,
    remembered: bool,
}

/// The account's state in the app: registered with the app's state.
#[derive(Debug)]
pub struct Account {
    session: Mutex<Option<Session>>,
    default_server: String,
    /// The last answer to each GET made through [`Account::call_kept`],
    /// by user and path: shown again while the server cannot be reached.
    kept: std::sync::Mutex<std::collections::HashMap<String, serde_json::Value>>,
}

impl Default for Account {
    fn default() -> Self {
        let default_server = std::env::var("COMPANION_SERVER_URL")
            .ok()
            .and_then(|typed| client::server_address(&typed).ok())
            .unwrap_or_else(|| DEFAULT_SERVER.to_owned());
        Account {
            session: Mutex::new(None),
            default_server,
            kept: std::sync::Mutex::default(),
        }
    }
}

/// Runs a keyring call on a blocking thread.
async fn blocking<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(call).await.ok()
}

/// After a restart, the sign-in comes back from the keyring (if it was
/// kept there).
async fn restore(session: &mut Option<Session>, account: &AccountRecord) {
    if session.is_some() {
        return;
    }
    let (server, user) = (account.server.clone(), account.user_id.clone());
    if let Some(Some(refresh)) = blocking(move || keys::kept(&server, &user)).await {
        *session = Some(Session {
            access: String::new(),
            access_until: i64::MIN,
            refresh,
            remembered: true,
        });
    }
}

/// Forgets the sign-in the keyring keeps for `account`, if any.
async fn forget_kept(account: &AccountRecord) {
    let (server, user) = (account.server.clone(), account.user_id.clone());
    blocking(move || keys::forget(&server, &user)).await;
}

/// The error for what needs an account when there is none.
fn not_signed_in() -> Error {
    Error::Server {
        code: "not_signed_in",
        message: "Sign in on the Account screen to see this.".into(),
    }
}

impl Account {
    /// The account screen's state. After a restart, the sign-in comes back
    /// from the keyring here.
    pub async fn view(&self, store: &Store, now: i64) -> Result<AccountView> {
        let Some(account) = store.account().await? else {
            return Ok(AccountView {
                server: self.default_server.clone(),
                signed_in: None,
            });
        };
        let mut session = self.session.lock().await;
        restore(&mut session, &account).await;
        Ok(AccountView {
            server: account.server.clone(),
            signed_in: Some(SignedIn {
                username: account.username,
                display_name: account.display_name,
                bio: account.bio,
                email: account.email,
                waiting: store.waiting().await?,
                synced_at: account.synced_at,
                synced_minutes_ago: account
                    .synced_at
                    .map(|at| (now - at).max(0).unsigned_abs() / 60),
                problem: account.problem,
                remembered: session.as_ref().is_some_and(|s| s.remembered),
                needs_password: session.is_none(),
                visibility: Visibility::parse(&account.visibility).unwrap_or_default(),
            }),
        })
    }

    /// Signs in, keeps the sign-in, and sends what this device kept.
    pub async fn sign_in(
        &self,
        store: &Store,
        request: SignInRequest,
        (now, zone): (i64, &TimeZone),
    ) -> Result<AccountView> {
        let client = Client::new(&request.server)?;
        let tokens = client.login(&request.email, &request.password).await?;
        self.start(store, &client, tokens, (now, zone)).await
    }

    /// Creates an account, then signs in with it.
    pub async fn register(
        &self,
        store: &Store,
        request: RegisterRequest,
        (now, zone): (i64, &TimeZone),
    ) -> Result<AccountView> {
        let client = Client::new(&request.server)?;
        let me = client
            .register(
                &request.email,
                &request.username,
                &request.password,
                &request.display_name,
            )
            .await?;
        let tokens = client.login(&me.email, &request.password).await?;
        self.start(store, &client, tokens, (now, zone)).await
    }

    /// Records a new sign-in and syncs.
    async fn start(
        &self,
        store: &Store,
        client: &Client,
        tokens: Tokens,
        (now, zone): (i64, &TimeZone),
    ) -> Result<AccountView> {
        let mut me = client.me(&tokens.access_token).await?;
        // The server counts days in the profile's zone: make it this
        // device's, so a streak ends at the same midnight here and there.
        if let Some(name) = zone.iana_name().filter(|name| *name != me.time_zone) {
            let body = serde_json::json!({ "time_zone": name });
            let patch = (reqwest::Method::PATCH, "/users/me");
            match client
                .call(patch.0, patch.1, Some(&tokens.access_token), Some(body))
                .await
            {
                Ok(updated) => me = updated,
                Err(error) => tracing::info!(%error, "the profile's time zone was not updated"),
            }
        }
        let earlier = store.account().await?;
        let same_device = earlier
            .as_ref()
            .filter(|a| a.server == client.address() && a.user_id == me.id);
        let account = AccountRecord {
            server: client.address().to_owned(),
            user_id: me.id.clone(),
            username: me.username,
            display_name: me.display_name,
            bio: me.bio,
            email: me.email,
            synced_at: same_device.and_then(|a| a.synced_at),
            problem: None,
            device: same_device
                .map(|a| a.device.clone())
                .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()),
            history_sent: same_device.is_some_and(|a| a.history_sent),
            pull_cursor: same_device.map_or(0, |a| a.pull_cursor),
            visibility: me.leaderboard_visibility.clone(),
        };
        if let Some(other) =
            earlier.filter(|a| a.server != account.server || a.user_id != account.user_id)
        {
            forget_kept(&other).await;
        }
        store.set_account(&account).await?;
        let (server, user, refresh) = (account.server.clone(), me.id, tokens.refresh_token.clone());
        let remembered = blocking(move || keys::keep(&server, &user, &refresh))
            .await
            .unwrap_or(false);
        *self.session.lock().await = Some(Session {
            access: tokens.access_token,
            access_until: now + tokens.expires_in - MARGIN_SECONDS,
            refresh: tokens.refresh_token,
            remembered,
        });
        self.sync(store, (now, zone)).await
    }

    /// Signs out: the server ends this sign-in (if it can be reached), the
    /// keyring forgets it. The reading stays; what was not sent waits for
    /// the next sign-in.
    pub async fn sign_out(&self, store: &Store, now: i64) -> Result<AccountView> {
        let mut session = self.session.lock().await;
        if let Some(account) = store.account().await? {
            if let (Some(ended), Ok(client)) = (session.take(), Client::new(&account.server)) {
                if let Err(error) = client.logout(&ended.refresh).await {
                    tracing::info!(%error, "the server was not told of the sign-out");
                }
            }
            forget_kept(&account).await;
            store.forget_account().await?;
        }
        drop(session);
        self.view(store, now).await
    }

    /// Sends the outbox, then takes the other devices' changes. A failure
    /// is recorded on the account (and shown) rather than returned:
    /// offline is a state, not an error.
    pub async fn sync(&self, store: &Store, (now, zone): (i64, &TimeZone)) -> Result<AccountView> {
        let Some(mut account) = store.account().await? else {
            return Err(Error::Invalid("Sign in to sync.".into()));
        };
        {
            let mut session = self.session.lock().await;
            restore(&mut session, &account).await;
            let outcome = exchange(store, &mut session, &mut account, (now, zone)).await;
            match outcome {
                Ok(()) => {
                    account.synced_at = Some(now);
                    account.problem = None;
                }
                Err(error) => {
                    if matches!(
                        error,
                        Error::Server {
                            code: "signed_out",
                            ..
                        }
                    ) {
                        *session = None;
                        forget_kept(&account).await;
                    }
                    tracing::info!(%error, "sync did not finish");
                    account.problem = Some(error.to_string());
                }
            }
            store.set_account(&account).await?;
        }
        self.view(store, now).await
    }

    /// Calls the server as the signed-in reader (`path` under `/api/v1`),
    /// the access token refreshed when due. Without an account:
    /// `not_signed_in`; a sign-in the server ended is forgotten here.
    pub async fn call<T: serde::de::DeserializeOwned>(
        &self,
        store: &Store,
        (method, path): (reqwest::Method, &str),
        body: Option<serde_json::Value>,
        now: i64,
    ) -> Result<T> {
        self.send(store, (method, path), (body, None), now).await
    }

    /// [`Account::call`] for a change whose answer the app does not need.
    pub async fn act(
        &self,
        store: &Store,
        call: (reqwest::Method, &str),
        body: Option<serde_json::Value>,
        now: i64,
    ) -> Result<()> {
        let _: serde_json::Value = self.call(store, call, body, now).await?;
        Ok(())
    }

    /// [`Account::call`] for what the server confirms with the password
    /// (`password` goes in the body): a wrong one is `unauthorized`, and
    /// the sign-in stays.
    async fn call_with_password<T: serde::de::DeserializeOwned>(
        &self,
        store: &Store,
        (method, path): (reqwest::Method, &str),
        password: &str,
        now: i64,
    ) -> Result<T> {
        self.send(store, (method, path), (None, Some(password)), now)
            .await
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        store: &Store,
        (method, path): (reqwest::Method, &str),
        (body, password): (Option<serde_json::Value>, Option<&str>),
        now: i64,
    ) -> Result<T> {
        let account = store.account().await?.ok_or_else(not_signed_in)?;
        let client = Client::new(&account.server)?;
        let mut session = self.session.lock().await;
        restore(&mut session, &account).await;
        let result = match (access(&mut session, &client, &account, now).await, password) {
            (Ok(token), None) => client.call(method, path, Some(&token), body).await,
            (Ok(token), Some(password)) => {
                let body = serde_json::json!({ "password": password });
                client
                    .call_with_password((method, path), &token, body)
                    .await
            }
            (Err(error), _) => Err(error),
        };
        forget_if_ended(&result, &mut session, &account).await;
        result
    }

    /// Changes the reader's name, username and bio on the server.
    pub async fn update_profile(
        &self,
        store: &Store,
        request: &ProfileRequest,
        now: i64,
    ) -> Result<AccountView> {
        let body = serde_json::json!({
            "display_name": request.display_name.trim(),
            "username": request.username.trim().trim_start_matches('@'),
            "bio": request.bio.trim(),
        });
        self.patch_profile(store, body, now).await
    }

    /// Sets who sees the reader on leaderboards.
    pub async fn set_visibility(
        &self,
        store: &Store,
        visibility: Visibility,
        now: i64,
    ) -> Result<AccountView> {
        let body = serde_json::json!({ "leaderboard_visibility": visibility.as_str() });
        self.patch_profile(store, body, now).await
    }

    /// Changes the server profile (`PATCH /users/me`) and keeps what it
    /// answers on the account.
    async fn patch_profile(
        &self,
        store: &Store,
        body: serde_json::Value,
        now: i64,
    ) -> Result<AccountView> {
        let patch = (reqwest::Method::PATCH, "/users/me");
        let me: client::Me = self.call(store, patch, Some(body), now).await?;
        if let Some(mut account) = store.account().await? {
            account.username = me.username;
            account.display_name = me.display_name;
            account.bio = me.bio;
            account.visibility = me.leaderboard_visibility;
            store.set_account(&account).await?;
        }
        self.view(store, now).await
    }

    /// Saves everything the server holds about the reader, as the server
    /// gives it, into `dir`: the file and its size.
    pub async fn export(
        &self,
        store: &Store,
        dir: &std::path::Path,
        now: i64,
    ) -> Result<ExportDone> {
        let data: serde_json::Value = self
            .call(store, (reqwest::Method::GET, "/users/me/export"), None, now)
            .await?;
        let username = store
            .account()
            .await?
            .map(|a| a.username)
            .unwrap_or_default();
        let day = jiff::Timestamp::from_second(now)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let path = dir.join(format!("quran-companion-{username}-{day}.json"));
        let text = serde_json::to_vec_pretty(&data)?;
        let written = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, &text));
        if let Err(error) = written {
            return Err(Error::Invalid(format!(
                "The export could not be saved in {}: {error}",
                dir.display()
            )));
        }
        Ok(ExportDone {
            path: path.display().to_string(),
            bytes: text.len() as u64,
        })
    }

    /// Deletes the account and everything the server holds about it,
    /// confirmed with its password; then this device is signed out. The
    /// reading stays on this device.
    pub async fn delete(&self, store: &Store, password: &str, now: i64) -> Result<AccountView> {
        let _: serde_json::Value = self
            .call_with_password(store, (reqwest::Method::DELETE, "/users/me"), password, now)
            .await?;
        *self.session.lock().await = None;
        if let Some(account) = store.account().await? {
            forget_kept(&account).await;
            store.forget_account().await?;
        }
        self.view(store, now).await
    }

    /// The signed-in user's id on the server, if someone is signed in.
    pub async fn user_id(&self, store: &Store) -> Result<Option<String>> {
        Ok(store.account().await?.map(|a| a.user_id))
    }

    /// The server's address and a valid access token of the sign-in, for
    /// the live connection (refreshed when due, as for [`Account::call`]).
    pub async fn access_token(&self, store: &Store, now: i64) -> Result<(String, String)> {
        let account = store.account().await?.ok_or_else(not_signed_in)?;
        let client = Client::new(&account.server)?;
        let mut session = self.session.lock().await;
        restore(&mut session, &account).await;
        let result = access(&mut session, &client, &account, now).await;
        forget_if_ended(&result, &mut session, &account).await;
        Ok((client.address().to_owned(), result?))
    }

    /// Whether someone is signed in (then a sync sends what waits and
    /// takes what the other devices sent).
    pub async fn signed_in(&self, store: &Store) -> Result<bool> {
        Ok(store.account().await?.is_some())
    }
}

/// Forgets the sign-in (here and in the keyring) when the server said it
/// ended (`signed_out`).
async fn forget_if_ended<T>(
    result: &Result<T>,
    session: &mut Option<Session>,
    account: &AccountRecord,
) {
    let ended = matches!(
        result,
        Err(Error::Server {
            code: "signed_out",
            ..
        })
    );
    if ended && session.take().is_some() {
        forget_kept(account).await;
    }
}

/// A valid access token, refreshed when it is about to expire.
async fn access(
    session: &mut Option<Session>,
    client: &Client,
    account: &AccountRecord,
    now: i64,
) -> Result<String> {
    let Some(current) = session.as_mut() else {
        return Err(Error::Server {
            code: "signed_out",
            message: "Sign in again to sync: this sign-in was not kept.".into(),
        });
    };
    if now >= current.access_until {
        let tokens = client.refresh(&current.refresh).await?;
        current.access = tokens.access_token;
        current.access_until = now + tokens.expires_in - MARGIN_SECONDS;
        current.refresh = tokens.refresh_token.clone();
        if current.remembered {
            let (server, user) = (account.server.clone(), account.user_id.clone());
            let token = tokens.refresh_token;
            current.remembered = blocking(move || keys::keep(&server, &user, &token))
                .await
                .unwrap_or(false);
        }
    }
    Ok(current.access.clone())
}

/// Sends the outbox in batches until it is empty, then pulls.
async fn exchange(
    store: &Store,
    session: &mut Option<Session>,
    account: &mut AccountRecord,
    (now, zone): (i64, &TimeZone),
) -> Result<()> {
    let client = Client::new(&account.server)?;
    loop {
        let batch = store.outbox(BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let token = access(session, &client, account, now).await?;
        let events: Vec<EventOut<'_>> = batch
            .iter()
            .map(|e| EventOut {
                id: &e.id,
                kind: &e.event_type,
                data: &e.data,
            })
            .collect();
        let history = (!account.history_sent).then_some(account.device.as_str());
        let pushed = client.push(&token, &events, history).await?;
        tracing::info!(
            sent = events.len(),
            accepted = pushed.accepted.len(),
            duplicates = pushed.duplicates.len(),
            refused = pushed.rejected.len(),
            "pushed"
        );
        for refused in &pushed.rejected {
            tracing::warn!(id = %refused.id, code = %refused.code, message = %refused.message, "the server refused an event; it stays on this device");
        }
        let done: Vec<String> = pushed
            .accepted
            .into_iter()
            .chain(pushed.duplicates)
            .chain(pushed.rejected.into_iter().map(|r| r.id))
            .collect();
        store.mark_sent(&done, now).await?;
        account.history_sent = true;
        if done.is_empty() || batch.len() < BATCH as usize {
            break;
        }
    }
    let token = access(session, &client, account, now).await?;
    let applied = pull::pull(store, &client, &token, account, zone).await?;
    if applied > 0 {
        tracing::info!(applied, "changes from other devices applied");
    }
    Ok(())
}
