//! Several nodes: with `--redis-url` (`REDIS_URL`), the `companion-server`
//! processes behind one load balancer share what one process otherwise
//! keeps in memory, through Redis: live deliveries (`fanout`, pub/sub on
//! one channel), rate limits and the login lockout (`counters`, counters
//! with expiry), the generations the leaderboard caches are read at
//! (`generations`, per scope), and the answers to recent refreshes and the
//! typing notes' turns (`recent`). Without Redis nothing here runs, and one node
//! needs nothing else.
//!
//! Redis is shared memory, never the record: every event is stored in the
//! database before it is published, so a delivery lost on the way is read
//! back by number (`?after=`, or the socket's own gap filling). A Redis
//! outage therefore never takes a node down: the connection is made (and
//! remade) in the background, each call has a short timeout, after a
//! failure calls rest for [`BACK_OFF`], and a failed call falls back to
//! this node's own behaviour (local deliveries only; this node's own rate
//! limits, lockout, refresh answers and typing turns; boards from this
//! node's changes, never older than their time to live), logged at most every
//! [`LOG_EVERY_SECONDS`]. Every key and channel starts with the
//! deployment's namespace (`--redis-namespace`, `companion`), so several
//! deployments (or test runs) can share one Redis; keys that name
//! an account or address are hashed, so Redis holds no email addresses.
//! Never here: SQL, HTTP, or a rule of who may do what.

pub mod counters;
pub mod fanout;
pub mod generations;
pub mod recent;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

/// A failing Redis is logged at most this often.
pub const LOG_EVERY_SECONDS: i64 = 10;
/// How long one Redis call may take before the node goes on without it.
pub const CALL_TIMEOUT: Duration = Duration::from_millis(500);
/// After a failed call, how long calls go straight to the local fallback
/// (so an unreachable Redis costs requests no time meanwhile).
pub const BACK_OFF: Duration = Duration::from_secs(1);

/// What talking to Redis fails with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--redis-url` is not a Redis URL.
    #[error("invalid Redis URL: {0}")]
    Url(redis::RedisError),
    /// The first connection is not made yet (Redis was down at start).
    #[error("not connected to Redis yet")]
    Disconnected,
    /// A call failed or timed out.
    #[error("Redis failed: {0}")]
    Redis(#[from] redis::RedisError),
    /// A call took longer than [`CALL_TIMEOUT`].
    #[error("Redis did not answer in time")]
    Timeout,
    /// A call failed less than [`BACK_OFF`] ago: not tried.
    #[error("Redis failed a moment ago; not tried")]
    Resting,
}

/// Result of a Redis call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// This node's handle on the shared Redis: cheap to clone.
#[derive(Clone)]
pub struct Redis {
    inner: Arc<Inner>,
}

struct Inner {
    client: redis::Client,
    /// Made in the background; reconnects by itself once made.
    connection: RwLock<Option<ConnectionManager>>,
    /// This node's random name, so it skips its own publications.
    node: String,
    /// The start of every key: `{namespace}:`.
    prefix: String,
    /// When a failure was last logged (Unix seconds).
    logged: AtomicI64,
    /// Until when calls are not tried (milliseconds since `started`).
    resting_until: AtomicI64,
    started: std::time::Instant,
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never printed.
        f.debug_struct("Redis")
            .field("node", &self.inner.node)
            .finish_non_exhaustive()
    }
}

impl Redis {
    /// A handle on the Redis at `url`; the connection is made in the
    /// background (a node starts even while Redis is down).
    pub fn open(url: &str, namespace: &str) -> Result<Redis> {
        let client = redis::Client::open(url).map_err(Error::Url)?;
        let redis = Redis {
            inner: Arc::new(Inner {
                client,
                connection: RwLock::new(None),
                node: crate::auth::random_token(),
                prefix: format!("{namespace}:"),
                logged: AtomicI64::new(0),
                resting_until: AtomicI64::new(0),
                started: std::time::Instant::now(),
            }),
        };
        tokio::spawn(redis.clone().connect());
        Ok(redis)
    }

    /// Makes the connection, retrying until Redis answers.
    async fn connect(self) {
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(2))
            .set_response_timeout(CALL_TIMEOUT)
            .set_number_of_retries(2);
        let mut wait = Duration::from_millis(200);
        loop {
            match ConnectionManager::new_with_config(self.inner.client.clone(), config.clone())
                .await
            {
                Ok(connection) => {
                    tracing::info!(
                        "connected to Redis: live delivery, limits and boards are shared"
                    );
                    *self
                        .inner
                        .connection
                        .write()
                        .unwrap_or_else(|e| e.into_inner()) = Some(connection);
                    return;
                }
                Err(error) => self.failed("connecting", &Error::Redis(error)),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(5));
        }
    }

    /// This node's name.
    pub fn node(&self) -> &str {
        &self.inner.node
    }

    /// The client, for connections of their own (pub/sub).
    pub(crate) fn client(&self) -> &redis::Client {
        &self.inner.client
    }

    /// The shared connection, once made.
    pub(crate) fn connection(&self) -> Result<ConnectionManager> {
        self.inner
            .connection
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or(Error::Disconnected)
    }

    /// Runs `call` on the shared connection within [`CALL_TIMEOUT`].
    pub(crate) async fn call<T, F>(&self, call: impl FnOnce(ConnectionManager) -> F) -> Result<T>
    where
        F: std::future::Future<Output = redis::RedisResult<T>>,
    {
        let now = self.millis();
        if now < self.inner.resting_until.load(Ordering::Relaxed) {
            return Err(Error::Resting);
        }
        let connection = self.connection()?;
        let answer = match tokio::time::timeout(CALL_TIMEOUT, call(connection)).await {
            Ok(answer) => answer.map_err(Error::from),
            Err(_) => Err(Error::Timeout),
        };
        if answer.is_err() {
            let rest = i64::try_from(BACK_OFF.as_millis()).unwrap_or(1000);
            self.inner
                .resting_until
                .store(self.millis() + rest, Ordering::Relaxed);
        }
        answer
    }

    /// Milliseconds since this handle was made.
    fn millis(&self) -> i64 {
        i64::try_from(self.inner.started.elapsed().as_millis()).unwrap_or(i64::MAX)
    }

    /// Logs that `what` failed, at most every [`LOG_EVERY_SECONDS`]; the
    /// caller goes on with its local behaviour.
    pub(crate) fn failed(&self, what: &str, error: &Error) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let last = self.inner.logged.load(Ordering::Relaxed);
        if now - last >= LOG_EVERY_SECONDS
            && self
                .inner
                .logged
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::error!(%error, what, "Redis is failing: this node goes on alone meanwhile");
        }
    }
}

impl Redis {
    /// A key of this deployment: `{namespace}:{area}:{name}`.
    pub fn key(&self, area: &str, name: &str) -> String {
        format!("{}{area}:{name}", self.inner.prefix)
    }

    /// Whether the shared connection is made.
    pub fn connected(&self) -> bool {
        self.connection().is_ok()
    }
}
