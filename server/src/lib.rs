//! companion-server: the sync API of Qur'an Companion: accounts, sync of
//! reading and events between devices, stats, follows, groups, competitions
//! and leaderboards.
//!
//! Three layers: `http` (routes, extraction, authorization, errors to
//! statuses) calls `domain` (the rules), which calls `store` (SQL only).
//! `kinds` holds the text-stored enums all three share; `live` the hub
//! and fan-out that bring stored events to connected WebSockets.
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
pub mod live;
pub mod lockout;
pub mod mail;
pub mod nodes;
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
    /// Live sockets and the delivery of events to them.
    pub live: live::Live,
    /// Chat messages one user may send a minute (0: no limit).
    pub chat_per_minute: u32,
    /// One typing note per user and conversation every few seconds.
    pub typing: Arc<http::limit::Throttle>,
    /// Sends mail (email verification); logs it unless a real sender is
    /// configured.
    pub mailer: Arc<dyn mail::Mailer>,
    /// How often competitions' starts and results are announced and
    /// khatmah deadlines reminded (`None`: never).
    pub announce_every: Option<Duration>,
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
    let tokens = auth::Tokens::new(config, &signing_secret(config, &store).await?);
    let boards = Arc::new(domain::boards::BoardCache::default());
    store.listen(boards.clone());
    let redis = match &config.redis_url {
        Some(url) => Some(
            nodes::Redis::open(url.expose(), &config.redis_namespace).map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    if let Some(redis) = &redis {
        store.generations().share(redis.clone());
    }
    let heartbeat = live::Heartbeat {
        ping: Duration::from_secs(config.ws_ping_seconds.max(1)),
        idle: Duration::from_secs(config.ws_idle_seconds.max(1)),
        auth: Duration::from_secs(10),
        write: Duration::from_secs(10),
    };
    Ok(AppState {
        store,
        tokens: Arc::new(tokens),
        refreshes: Arc::new(
            auth::RecentRefreshes::new(i64::from(config.refresh_grace_seconds))
                .share(redis.clone()),
        ),
        logins: Arc::new(lockout::LoginGuard::new(
            config.lockout_max_keys,
            redis.clone(),
        )),
        metrics: Arc::default(),
        auth_limit: Arc::new(http::limit::AddressLimit::new(
            config.auth_rate_limit_per_minute,
            config.trust_forwarded_for,
            redis.clone(),
        )),
        user_limit: Arc::new(
            http::limit::Keyed::new(config.user_rate_limit_per_minute).share(redis.clone(), "user"),
        ),
        clock,
        boards,
        timeouts: Timeouts {
            header_read: Duration::from_millis(config.header_read_timeout_ms.max(1)),
            request: Duration::from_millis(config.request_timeout_ms.max(1)),
        },
        typing: Arc::new(
            http::limit::Throttle::new(domain::typing::TYPING_EVERY_SECONDS, 100_000)
                .share(redis.clone(), "typing"),
        ),
        live: match redis {
            Some(redis) => live::Live::shared(config.ws_queue, heartbeat, redis),
            None => live::Live::local(config.ws_queue, heartbeat),
        },
        chat_per_minute: config.chat_messages_per_minute,
        mailer: Arc::new(mail::LogMailer),
        announce_every: (config.announce_seconds > 0)
            .then(|| Duration::from_secs(config.announce_seconds)),
    })
}

/// The configured signing secret; without one, the secret kept for the
/// database (made on the first start), so a restart and the other nodes
/// accept the tokens signed before; with nowhere to keep one (SQLite in
/// memory), a random secret that ends with the process.
async fn signing_secret(config: &Config, store: &Store) -> Result<String, String> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.expose().to_owned());
    }
    match store.signing_secret(auth::random_token).await {
        Ok(Some(secret)) => Ok(secret),
        Ok(None) => {
            tracing::warn!("no JWT secret configured and nowhere to keep one: tokens end when the process does");
            Ok(auth::random_token())
        }
        Err(error) => Err(format!("cannot keep the JWT signing secret: {error}")),
    }
}

/// Tells competitions' participants the starts and final results that
/// are due now (`domain::announcements`) and publishes the events. A
/// failure is logged; the next call tries again.
pub async fn announce_competitions(state: &AppState) {
    match domain::announcements::due(&state.store, state.clock.now()).await {
        Ok(events) => state.live.publish(&events),
        Err(error) => tracing::error!(%error, "announcing competitions failed"),
    }
}

/// Reminds the readers of unfinished group khatmah portions whose
/// deadline is near (`domain::khatmah::remind`) and publishes the events.
/// A failure is logged; the next call tries again.
pub async fn remind_khatmahs(state: &AppState) {
    match domain::khatmah::remind(&state.store, state.clock.now()).await {
        Ok(events) => state.live.publish(&events),
        Err(error) => tracing::error!(%error, "reminding khatmah readers failed"),
    }
}

/// Calls [`announce_competitions`] and [`remind_khatmahs`] every
/// `every`, forever.
async fn announce_every(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        announce_competitions(&state).await;
        remind_khatmahs(&state).await;
    }
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
    let app = http::router(state.clone());
    // HTTP/1 only, as axum's `serve` did with the features this crate uses.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read);
    // hyper-util's `GracefulShutdown` cannot watch an HTTP/1 connection
    // with upgrades, so: every connection's task holds a clone of
    // `running` and is told to finish by `closing`; when the last clone
    // is dropped, `finished` wakes.
    let (closing, _) = tokio::sync::watch::channel(false);
    let (running, mut finished) = tokio::sync::mpsc::channel::<()>(1);
    let mut shutdown = std::pin::pin!(shutdown);
    let announcer = state
        .announce_every
        .map(|every| tokio::spawn(announce_every(state.clone(), every)));
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
        // Upgrades for the live WebSocket (`http::live`); an upgraded
        // connection leaves hyper, and its socket closes with the hub.
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        let mut closing = closing.subscribe();
        let running = running.clone();
        tokio::spawn(async move {
            let _running = running;
            let mut connection = std::pin::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                () = async { let _ = closing.wait_for(|closing| *closing).await; } => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = ended {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    closing.send_replace(true);
    if let Some(announcer) = announcer {
        announcer.abort();
    }
    state.live.hub.close_all();
    drop(running);
    let _ = finished.recv().await;
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
