//! Typed configuration: every setting is a flag and an environment
//! variable. Secrets never appear in `Debug` output.

use std::net::SocketAddr;

use clap::Parser;

/// A secret that prints as `[redacted]`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret's value.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() < 32 {
            return Err("the JWT secret must be at least 32 characters".into());
        }
        Ok(Secret(s.to_owned()))
    }
}

/// A URL that may hold a password: printed without it.
#[derive(Clone)]
pub struct Url(String);

impl Url {
    /// The URL's value.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::redact(&self.0))
    }
}

impl std::str::FromStr for Url {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Url(s.to_owned()))
    }
}

/// The server's settings.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "companion-server",
    version,
    about = "Qur'an Companion sync server"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "COMPANION_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://PATH` (created if missing) or
    /// `postgres://USER@HOST:PORT/DB`; migrated on start.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://companion-server.db"
    )]
    pub database_url: String,

    /// Secret for signing access tokens (at least 32 characters). Without
    /// one, a random secret is made on the first start and kept beside the
    /// database (a 0600 file next to a SQLite file, a row of
    /// `server_secrets` on PostgreSQL), so tokens outlive a restart.
    #[arg(long, env = "COMPANION_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<Secret>,

    /// Lifetime of an access token, in minutes.
    #[arg(long, env = "COMPANION_ACCESS_TOKEN_MINUTES", default_value_t = 15)]
    pub access_token_minutes: u32,

    /// Lifetime of a refresh token, in days.
    #[arg(long, env = "COMPANION_REFRESH_TOKEN_DAYS", default_value_t = 30)]
    pub refresh_token_days: u32,

    /// Requests per minute one client address may make to the `/auth`
    /// routes (register, login, refresh, logout); 0 turns the limit off.
    #[arg(
        long,
        env = "COMPANION_AUTH_RATE_LIMIT_PER_MINUTE",
        default_value_t = 30
    )]
    pub auth_rate_limit_per_minute: u32,

    /// For how many seconds a retry of a refresh (the same refresh token,
    /// after its answer was lost) gets the same new tokens instead of
    /// counting as reuse; 0 turns the grace off.
    #[arg(long, env = "COMPANION_REFRESH_GRACE_SECONDS", default_value_t = 10)]
    pub refresh_grace_seconds: u32,

    /// How many accounts (and known devices) the failed-login lockout
    /// remembers at most; windows that ended are swept first, and locked
    /// ones are kept longest.
    #[arg(long, env = "COMPANION_LOCKOUT_MAX_KEYS", default_value_t = 100_000)]
    pub lockout_max_keys: usize,

    /// Requests per minute one signed-in user may make (every route with
    /// a token), generous for apps, tight for scripts; 0 turns it off.
    #[arg(
        long,
        env = "COMPANION_USER_RATE_LIMIT_PER_MINUTE",
        default_value_t = 600
    )]
    pub user_rate_limit_per_minute: u32,

    /// Take the client address from the last `X-Forwarded-For` entry (set
    /// this only behind a reverse proxy or load balancer that adds it).
    #[arg(long, env = "COMPANION_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// How long a client may take to send a request's headers, in
    /// milliseconds; a connection that takes longer is closed (slowloris).
    #[arg(
        long,
        env = "COMPANION_HEADER_READ_TIMEOUT_MS",
        default_value_t = 10_000
    )]
    pub header_read_timeout_ms: u64,

    /// How long one request may take, reading its body included, in
    /// milliseconds; then it is answered 408.
    #[arg(long, env = "COMPANION_REQUEST_TIMEOUT_MS", default_value_t = 30_000)]
    pub request_timeout_ms: u64,

    /// How often a live socket (`/api/v1/ws`) is pinged, in seconds.
    #[arg(long, env = "COMPANION_WS_PING_SECONDS", default_value_t = 30)]
    pub ws_ping_seconds: u64,

    /// How long a live socket may stay silent (not even answering pings)
    /// before it is closed, in seconds.
    #[arg(long, env = "COMPANION_WS_IDLE_SECONDS", default_value_t = 90)]
    pub ws_idle_seconds: u64,

    /// How many deliveries a live socket may fall behind before it is
    /// dropped as too slow (it reconnects and reads what it missed).
    #[arg(long, env = "COMPANION_WS_QUEUE", default_value_t = 64)]
    pub ws_queue: usize,

    /// Chat messages one user may send a minute; 0 turns the limit off.
    #[arg(long, env = "COMPANION_CHAT_MESSAGES_PER_MINUTE", default_value_t = 30)]
    pub chat_messages_per_minute: u32,

    /// How often the server looks for competitions that started or whose
    /// results became final, and tells their participants, and for group
    /// khatmahs whose deadline is near, and reminds their readers; 0 turns
    /// it off.
    #[arg(long, env = "COMPANION_ANNOUNCE_SECONDS", default_value_t = 60)]
    pub announce_seconds: u64,

    /// Redis shared by several nodes (`redis://HOST:PORT`): live delivery,
    /// rate limits, the login lockout and leaderboard changes then reach
    /// every node. Without it this node keeps them to itself.
    #[arg(long, env = "REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<Url>,

    /// The start of every Redis key and channel of this deployment, so
    /// several can share one Redis.
    #[arg(long, env = "COMPANION_REDIS_NAMESPACE", default_value = "companion")]
    pub redis_namespace: String,

    /// Log format: `json` (structured) or `text`.
    #[arg(long, env = "COMPANION_LOG_FORMAT", default_value = "json")]
    pub log_format: String,
}
