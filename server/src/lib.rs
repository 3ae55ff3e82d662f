//! companion-server: the sync API of Qur'an Companion: accounts, sync of
//! reading and events between devices, stats, follows, groups, competitions
//! and leaderboards.
//!
//! Three layers: `http` (routes, extraction, authorization, errors to
//! statuses) calls `domain` (the rules), which calls `store` (SQL only).
//! `kinds` holds the text-stored enums all three share.
//!
//! `serve(listener, state, shutdown)` is the seam tests use: they bind port
//! 0 on loopback and talk HTTP to the real server.

pub mod auth;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod http;
pub mod kinds;
pub mod lockout;
pub mod store;

use std::future::Future;
use std::sync::Arc;

use config::Config;
use store::Store;

/// Shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Token signing and lifetimes.
    pub tokens: Arc<auth::Tokens>,
    /// The answers to recent refreshes, for retries.
    pub refreshes: Arc<auth::RecentRefreshes>,
    /// Failed-login counting and lockout.
    pub logins: Arc<lockout::LoginGuard>,
    /// Request counters and latency histograms for `/metrics`.
    pub metrics: Arc<http::metrics::Metrics>,
    /// Per-address rate limit of the `/auth` routes.
    pub auth_limit: Arc<http::limit::AddressLimit>,
    /// "Now" for every rule that needs it (tests pin it).
    pub clock: clock::Clock,
    /// Computed leaderboards.
    pub boards: Arc<domain::boards::BoardCache>,
}

/// Sets up structured (JSON) or plain logs.
pub fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COMPANION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if config.log_format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Opens the database and builds the state from the configuration, on
/// the system clock.
pub async fn state(config: &Config) -> Result<AppState, String> {
    state_with_clock(config, clock::Clock::system()).await
}

/// [`state`] with "now" read from `clock`.
pub async fn state_with_clock(config: &Config, clock: clock::Clock) -> Result<AppState, String> {
    let store = Store::connect(&config.database_url)
        .await
        .map_err(|e| {
            format!(
                "cannot open the database {}: {e}",
                redact(&config.database_url)
            )
        })?
        .with_clock(clock.clone());
    let tokens = auth::Tokens::new(config);
    Ok(AppState {
        store,
        tokens: Arc::new(tokens),
        refreshes: Arc::default(),
        logins: Arc::new(lockout::LoginGuard::new(config.lockout_max_keys)),
        metrics: Arc::default(),
        auth_limit: Arc::new(http::limit::AddressLimit::new(
            config.auth_rate_limit_per_minute,
            config.trust_forwarded_for,
        )),
        clock,
        boards: Arc::default(),
    })
}

/// A database URL without its user and password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_owned(),
    }
}

/// Serves the API on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = http::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs the server from its configuration until Ctrl-C.
pub async fn run(config: Config) -> Result<(), String> {
    let state = state(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    tracing::info!(listen = %config.listen, "companion-server ready");
    serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_passwords_never_reach_messages() {
        let shown = super::redact("postgres://app:s3cret@db.example:5432/companion");
        assert!(
            !shown.contains("s3cret") && !shown.contains("app:"),
            "{shown}"
        );
        assert!(shown.contains("db.example:5432/companion"));
        assert_eq!(
            super::redact("sqlite://companion-server.db"),
            "sqlite://companion-server.db"
        );
    }
}
