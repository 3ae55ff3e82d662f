//! Storage on SQLite (an embedded file, created and migrated on start) or
//! PostgreSQL, chosen by the URL scheme. One set of queries serves both
//! through sqlx's `Any` driver: placeholders are `$N` (both accept them),
//! times are Unix seconds and flags 0/1 integers; each backend has its own
//! migrations. Queries bind every value; SQL is never glued from strings.

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;

use crate::clock::Clock;

mod boards;
mod competitions;
mod error;
mod groups;
mod people;
mod sync;
mod users;

pub use boards::*;
pub use competitions::*;
pub use error::{Error, Result};
pub use groups::*;
pub use people::*;
pub use sync::*;
pub use users::*;

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    /// SQLite has one writer: pushes queue here rather than in its busy
    /// loop. PostgreSQL serializes only pushes of the same user (row lock).
    pub(crate) sqlite: bool,
    pub(crate) writes: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Bumped by every change a leaderboard shows.
    pub(crate) changes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// "Now" for the times the store writes (created, joined, received).
    pub(crate) clock: Clock,
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database
    /// at `url`: `sqlite://PATH` or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let (url, migrator) = if sqlite {
            // `mode=rwc` creates the file; sqlx turns foreign keys on for
            // every SQLite connection (the account deletion cascades).
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            (url, sqlx::migrate!("./migrations/sqlite"))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (url.to_owned(), sqlx::migrate!("./migrations/postgres"))
        } else {
            return Err(format!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://...",
                url.split('@').next_back().unwrap_or_default()
            ));
        };
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .connect(&url)
            .await
            .map_err(|e| e.to_string())?;
        migrator.run(&pool).await.map_err(|e| e.to_string())?;
        if sqlite {
            // Readers no longer block the writer (a long leaderboard read
            // could otherwise hold a push past the busy timeout). The mode
            // is kept in the file.
            sqlx::query("PRAGMA journal_mode=WAL")
                .fetch_optional(&pool)
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(Store {
            pool,
            sqlite,
            writes: Default::default(),
            changes: Default::default(),
            clock: Clock::system(),
        })
    }

    /// The same store, reading "now" from `clock`.
    pub fn with_clock(self, clock: Clock) -> Store {
        Store { clock, ..self }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// The generation of what leaderboards show: bumped by every change to
    /// progress, membership or visibility made through this store.
    pub fn generation(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Records that something a leaderboard shows has changed.
    pub(crate) fn boards_changed(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}
