//! Passwords (argon2id), access tokens (short-lived JWTs) and refresh tokens
//! (random, stored only as SHA-256 hashes), device tokens (for the
//! failed-login lockout in `lockout`), and the `AuthUser` extractor, which
//! carries the user's time zone once read. Every token carries `iss` and
//! an `aud` naming what it is for, and both are checked.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use std::sync::Arc;

use jiff::tz::TimeZone;
use tokio::sync::Semaphore;

use crate::config::Config;
use crate::domain::{self, days};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::AppState;

/// Signing keys and lifetimes.
pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// Access token lifetime in seconds.
    pub access_seconds: i64,
    /// Refresh token lifetime in seconds.
    pub refresh_seconds: i64,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("keys", &"[redacted]")
            .field("access_seconds", &self.access_seconds)
            .field("refresh_seconds", &self.refresh_seconds)
            .finish()
    }
}

/// Who issues every token this server signs (`iss`).
pub const ISSUER: &str = "companion-server";
/// The audience of access tokens: the API.
const ACCESS_AUDIENCE: &str = "companion-api";
/// The audience of device tokens: the lockout (never the API).
const DEVICE_AUDIENCE: &str = "companion-device";
/// How long a device token marks a device as known, in seconds (a year).
const DEVICE_SECONDS: i64 = 365 * 86_400;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
    /// The device token's own id; absent in access tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
    /// An access token's version of its user's tokens (`users.token_version`).
    #[serde(default)]
    ver: i64,
}

/// A random URL-safe token of 32 bytes.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The SHA-256 of a token, hex: what the database keeps.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Tokens {
    /// Keys from `secret` (the configured one, or the one kept beside the
    /// database, `Store::signing_secret`) with the configured lifetimes.
    pub fn new(config: &Config, secret: &str) -> Tokens {
        Tokens {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            access_seconds: i64::from(config.access_token_minutes) * 60,
            refresh_seconds: i64::from(config.refresh_token_days) * 86_400,
        }
    }

    fn sign(
        &self,
        sub: &str,
        audience: &str,
        (iat, lifetime): (i64, i64),
        jti: Option<String>,
        ver: i64,
    ) -> Result<String> {
        let claims = Claims {
            sub: sub.to_owned(),
            iat,
            exp: iat + lifetime,
            iss: ISSUER.to_owned(),
            aud: audience.to_owned(),
            jti,
            ver,
        };
        jsonwebtoken::encode(&Header::default(), &claims, &self.encoding)
            .map_err(|e| Error::Internal(format!("signing a token: {e}")))
    }

    /// The claims of a token this server signed for `audience`, unexpired
    /// at `now`.
    fn claims(&self, token: &str, audience: &str, now: i64) -> Option<Claims> {
        let mut validation = Validation::default();
        // Expiry is checked against the server's clock below, not the
        // library's reading of the system clock.
        validation.validate_exp = false;
        validation.leeway = 0;
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[audience]);
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
            .filter(|claims| now < claims.exp)
    }

    /// A signed access token for a user whose tokens are at `version`,
    /// issued at `now`.
    pub fn access_token(&self, user_id: &str, version: i64, now: i64) -> Result<String> {
        let lifetime = (now, self.access_seconds);
        self.sign(user_id, ACCESS_AUDIENCE, lifetime, None, version)
    }

    /// The user id and token version in a valid access token unexpired at
    /// `now` (whether the version is still the user's is the caller's to
    /// check).
    pub fn verify(&self, token: &str, now: i64) -> Result<(String, i64)> {
        self.access(token, now)
            .map(|access| (access.user_id, access.version))
    }

    /// What a valid access token unexpired at `now` says (whether its
    /// version is still the user's is [`Access::check`]'s to say).
    pub fn access(&self, token: &str, now: i64) -> Result<Access> {
        self.claims(token, ACCESS_AUDIENCE, now)
            .map(|claims| Access {
                user_id: claims.sub,
                version: claims.ver,
                expires_at: claims.exp,
            })
            .ok_or_else(|| {
                Error::Unauthorized("The access token is invalid or has expired.".into())
            })
    }

    /// A device token, given with a successful login: it marks the device
    /// as one that signed in to `email` before, so the failed-login
    /// lockout counts its attempts on their own (`lockout`). It grants
    /// nothing else.
    pub fn device_token(&self, email: &str, now: i64) -> Result<String> {
        let id = random_token();
        self.sign(email, DEVICE_AUDIENCE, (now, DEVICE_SECONDS), Some(id), 0)
    }

    /// The device's id, when `token` is a valid device token for `email`.
    pub fn device(&self, token: &str, email: &str, now: i64) -> Option<String> {
        self.claims(token, DEVICE_AUDIENCE, now)
            .filter(|claims| claims.sub == email)
            .and_then(|claims| claims.jti)
    }
}

/// The most refresh answers kept at once.
const MAX_RECENT_REFRESHES: usize = 10_000;

/// The answers to the refreshes of the last few seconds (the grace, 10 by
/// default), by the hash of the token traded: a client that lost the
/// answer and sends the same token again gets the same new pair instead of
/// being taken for a thief. Two refreshes with one token *at once* are
/// still reuse (the second finds no answer yet); a second one that
/// arrives after the first was answered is taken for such a retry. Kept
/// in memory, and with several nodes ([`RecentRefreshes::share`]) in
/// Redis too, sealed with the traded token (`nodes::recent`), so a retry
/// that reaches another node is a retry there as well (while Redis fails,
/// only on the node that answered). Never in `Debug`.
#[derive(Default)]
pub struct RecentRefreshes {
    grace: i64,
    answers: std::sync::Mutex<std::collections::HashMap<String, (i64, String, String)>>,
    shared: Option<crate::nodes::Redis>,
}

impl std::fmt::Debug for RecentRefreshes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.answers.lock().map_or(0, |a| a.len());
        f.debug_struct("RecentRefreshes")
            .field("kept", &kept)
            .field("shared", &self.shared.is_some())
            .finish()
    }
}

/// A refresh answer as the nodes share it: until when it holds, and the
/// pair.
#[derive(Serialize, Deserialize)]
struct SharedAnswer {
    until: i64,
    access: String,
    refresh: String,
}

impl RecentRefreshes {
    /// Answers kept for `grace` seconds (0: none).
    pub fn new(grace: i64) -> RecentRefreshes {
        RecentRefreshes {
            grace,
            answers: Default::default(),
            shared: None,
        }
    }

    /// The same, kept in `redis` too for every node.
    pub fn share(self, redis: Option<crate::nodes::Redis>) -> RecentRefreshes {
        RecentRefreshes {
            shared: redis,
            ..self
        }
    }

    /// The (access, refresh) pair given for `token`, if it was given less
    /// than the grace before `now` (by this node, or by any when shared).
    pub async fn get(&self, token: &str, now: i64) -> Option<(String, String)> {
        if let Some(pair) = self.get_here(&token_hash(token), now) {
            return Some(pair);
        }
        let redis = self.shared.as_ref().filter(|_| self.grace > 0)?;
        match redis.answer(token).await {
            Ok(answer) => answer
                .and_then(|answer| serde_json::from_str::<SharedAnswer>(&answer).ok())
                .filter(|answer| now < answer.until)
                .map(|answer| (answer.access, answer.refresh)),
            Err(error) => {
                redis.failed("reading a refresh answer", &error);
                None
            }
        }
    }

    /// The pair this node gave for the token with this hash, if it was
    /// given less than the grace before `now`.
    fn get_here(&self, hash: &str, now: i64) -> Option<(String, String)> {
        let answers = self.answers.lock().ok()?;
        let (until, access, refresh) = answers.get(hash)?;
        (now < *until).then(|| (access.clone(), refresh.clone()))
    }

    /// Keeps the pair given at `now` for `token` (in Redis too when
    /// shared, before the answer goes out).
    pub async fn keep(&self, token: &str, (access, refresh): (&str, &str), now: i64) {
        self.keep_here(token_hash(token), (access, refresh), now);
        let Some(redis) = self.shared.as_ref().filter(|_| self.grace > 0) else {
            return;
        };
        let answer = SharedAnswer {
            until: now + self.grace,
            access: access.to_owned(),
            refresh: refresh.to_owned(),
        };
        let Ok(answer) = serde_json::to_string(&answer) else {
            return;
        };
        let seconds = self.grace.unsigned_abs();
        if let Err(error) = redis.keep_answer(token, &answer, seconds).await {
            redis.failed("keeping a refresh answer", &error);
        }
    }

    /// Keeps the pair in this node's memory.
    fn keep_here(&self, hash: String, (access, refresh): (&str, &str), now: i64) {
        let Ok(mut answers) = self.answers.lock() else {
            return;
        };
        if answers.len() >= MAX_RECENT_REFRESHES {
            answers.retain(|_, (until, _, _)| now < *until);
        }
        if self.grace > 0 && answers.len() < MAX_RECENT_REFRESHES {
            let until = now + self.grace;
            answers.insert(hash, (until, access.to_owned(), refresh.to_owned()));
        }
    }
}

/// One argon2 computation per core at a time. Each takes about 19 MiB and
/// a core for tens of milliseconds: a burst of logins waits its turn
/// instead of spawning a thread (and its memory) per request.
fn hashing_permits() -> Arc<Semaphore> {
    static HASHING: std::sync::OnceLock<Arc<Semaphore>> = std::sync::OnceLock::new();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    HASHING
        .get_or_init(|| Arc::new(Semaphore::new(cores)))
        .clone()
}

/// Runs `work` on a blocking thread once `permits` gives it a turn. The
/// permit moves into the blocking task: a client that hangs up drops this
/// future, but the computation it started runs on, and holds its turn,
/// until it ends.
async fn off_thread<T: Send + 'static>(
    permits: Arc<Semaphore>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let turn = permits
        .acquire_owned()
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

/// Hashes a password with argon2id, off the async threads.
pub async fn hash_password(password: String) -> Result<String> {
    off_thread(hashing_permits(), move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("hashing a password: {e}")))
    })
    .await
}

/// Checks a password against a stored hash, off the async threads.
pub async fn verify_password(password: String, hash: String) -> Result<bool> {
    off_thread(hashing_permits(), move || {
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| Error::Internal(format!("stored hash unreadable: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// The signed-in user, from `Authorization: Bearer <access token>`.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// The user's id.
    pub id: String,
    /// Their profile time zone, read from the store at most once per
    /// request and only when asked for (`None` inside: the account is
    /// gone).
    zone: tokio::sync::OnceCell<Option<String>>,
}

impl AuthUser {
    /// The user with this id (their time zone not read yet).
    pub fn new(id: String) -> AuthUser {
        AuthUser {
            id,
            zone: tokio::sync::OnceCell::new(),
        }
    }

    /// Their profile time zone (UTC if it is not a known zone); an account
    /// deleted since the token was issued is gone.
    pub async fn time_zone(&self, store: &Store) -> domain::Result<TimeZone> {
        let name = self
            .zone
            .get_or_try_init(|| store.time_zone(&self.id))
            .await?;
        name.as_deref()
            .map(days::zone_or_utc)
            .ok_or(domain::Error::AccountGone)
    }

    /// [`AuthUser::time_zone`], with UTC for an account that is gone.
    pub async fn time_zone_or_utc(&self, store: &Store) -> domain::Result<TimeZone> {
        match self.time_zone(store).await {
            Err(domain::Error::AccountGone) => Ok(TimeZone::UTC),
            other => other,
        }
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                Error::Unauthorized("Sign in first: no access token was sent.".into())
            })?;
        let token = header
            .strip_prefix("Bearer ")
            .ok_or_else(|| Error::Unauthorized("Use `Authorization: Bearer <token>`.".into()))?;
        let now = state.clock.now();
        let access = state.tokens.access(token.trim(), now)?;
        access.check(&state.store, now).await?;
        match state.user_limit.check(&access.user_id).await {
            Some(retry_after) => Err(Error::TooManyRequests { retry_after }),
            None => Ok(AuthUser::new(access.user_id)),
        }
    }
}

/// A signature-checked access token: whose, at which version of their
/// tokens, and until when. A live socket keeps one and checks it again
/// over its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The user's id.
    pub user_id: String,
    /// The user's token version when it was issued.
    pub version: i64,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
}

impl Access {
    /// Whether the token still holds at `now`: unexpired, not revoked
    /// (logging out, changing the password and deleting the account bump
    /// the version, cached per user, so this rarely reads the database),
    /// its account still there.
    pub async fn check(&self, store: &Store, now: i64) -> Result<()> {
        if now >= self.expires_at {
            return Err(Error::Unauthorized(
                "The access token is invalid or has expired.".into(),
            ));
        }
        match store.token_version(&self.user_id).await? {
            Some(current) if current == self.version => Ok(()),
            Some(_) => Err(Error::Unauthorized(
                "This access token was revoked (signed out or password changed).".into(),
            )),
            None => Err(Error::Unauthorized(domain::Error::AccountGone.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "argon2id is used: {hash}");
        assert!(
            verify_password("correct horse battery".into(), hash.clone())
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong horse".into(), hash).await.unwrap());
    }

    #[tokio::test]
    async fn a_hash_keeps_its_turn_after_its_caller_is_gone() {
        let permits = Arc::new(Semaphore::new(1));
        let (started, has_started) = std::sync::mpsc::channel::<()>();
        let (finish, may_finish) = std::sync::mpsc::channel::<()>();
        let caller = tokio::spawn(off_thread(permits.clone(), move || {
            let _ = started.send(());
            let _ = may_finish.recv();
            Ok(())
        }));
        tokio::task::spawn_blocking(move || has_started.recv())
            .await
            .unwrap()
            .unwrap();
        caller.abort();
        assert!(caller.await.unwrap_err().is_cancelled());
        assert_eq!(
            permits.available_permits(),
            0,
            "the computation still runs, so its turn is still taken"
        );
        finish.send(()).unwrap();
        let turn = permits.acquire().await;
        assert!(
            turn.is_ok(),
            "the turn comes back when the computation ends"
        );
    }

    #[test]
    fn token_hashes_are_stable_and_do_not_reveal_the_token() {
        let token = random_token();
        assert_eq!(token_hash(&token), token_hash(&token));
        assert_ne!(token_hash(&token), token);
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(random_token(), token, "tokens are random");
    }
}
