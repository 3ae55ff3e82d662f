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
use std::time::Duration;

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
    /// Per-user rate limit of every signed-in route.
    pub user_limit: Arc<http::limit::Keyed<String>>,
    /// "Now" for every rule that needs it (tests pin it).
    pub clock: clock::Clock,
    /// Computed leaderboards.
    pub boards: Arc<domain::boards::BoardCache>,
    /// How long a client may take to send its headers, and a request.
    pub timeouts: Timeouts,
}

/// The listener's limits on slow clients.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Sending a request's headers; then the connection is closed.
    pub header_read: Duration,
    /// One whole request, its body included; then it is answered 408.
    pub request: Duration,
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
        refreshes: Arc::new(auth::RecentRefreshes::new(i64::from(
            config.refresh_grace_seconds,
        ))),
        logins: Arc::new(lockout::LoginGuard::new(config.lockout_max_keys)),
        metrics: Arc::default(),
        auth_limit: Arc::new(http::limit::AddressLimit::new(
            config.auth_rate_limit_per_minute,
            config.trust_forwarded_for,
        )),
        user_limit: Arc::new(http::limit::Keyed::new(config.user_rate_limit_per_minute)),
        clock,
        boards: Arc::default(),
        timeouts: Timeouts {
            header_read: Duration::from_millis(config.header_read_timeout_ms.max(1)),
            request: Duration::from_millis(config.request_timeout_ms.max(1)),
        },
    })
}

/// A database URL without its user and password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_owned(),
    }
}

/// Serves the API on `listener` until `shutdown` completes, then waits
/// for the requests under way. A client that takes longer than
/// `state.timeouts.header_read` to send its headers is disconnected, so
/// slow connections cannot pile up (axum's own `serve` sets no timer, so
/// hyper's header timeout would never fire); a request that takes longer
/// than `state.timeouts.request` is answered 408 (`http::router`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let header_read = state.timeouts.header_read;
    let app = http::router(state);
    // HTTP/1 only, as axum's `serve` did with the features this crate uses.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            tower::ServiceExt::oneshot(app.clone(), request)
        });
        // No upgrades: no route is a WebSocket yet (the chat will need
        // `with_upgrades` and its own graceful watch).
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    graceful.shutdown().await;
    Ok(())
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
