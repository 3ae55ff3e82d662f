//! Storage on SQLite (an embedded file, created and migrated on start) or
//! PostgreSQL, chosen by the URL scheme. One set of queries serves both
//! through sqlx's `Any` driver: placeholders are `$N` (both accept them),
//! times are Unix seconds and flags 0/1 integers; each backend has its own
//! migrations. Queries bind every value; SQL is never glued from strings.
//!
//! One file per area: `users` (accounts, refresh tokens), `sync` (events,
//! reading sessions, totals), `people` (follows), `groups`,
//! `competitions`, `boards` (the leaderboard query), `live` (the events
//! each user's devices are told, numbered per user), `chat`
//! (conversations, messages, reads, reactions), `moderation` (blocks,
//! mutes, reports), `notifications` (inboxes and the kinds turned off),
//! `feed` (posts, reactions, who sees what), `invitations` (invitations
//! to groups), `khatmah` (group khatmahs
//! and their portions), `habits` (synced events of some kinds, Focus
//! Mode preferences, achievement sharing, email verification tokens). The store only reads
//! and writes: it answers with its own [`Error`] (not found, a taken
//! column, a refused change, the database failing) and never decides what
//! a request may do or what an error means to a client (`domain` does).
//! It bumps a change generation on every write a leaderboard shows, which
//! the board cache reads.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::AnyPool;
use std::collections::HashMap;

use crate::clock::Clock;

mod boards;
mod chat;
mod competitions;
mod error;
mod feed;
mod groups;
mod habits;
mod invitations;
mod khatmah;
mod live;
mod moderation;
mod notifications;
mod people;
mod secrets;
mod sync;
mod users;

pub use boards::*;
pub use chat::*;
pub use competitions::*;
pub use error::{Error, Result};
pub use feed::*;
pub use groups::*;
pub use habits::*;
pub use invitations::*;
pub use khatmah::*;
pub use live::*;
pub use notifications::*;
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
    /// The SQLite database's file (none on PostgreSQL or in memory).
    pub(crate) file: Option<std::path::PathBuf>,
    pub(crate) writes: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Bumped by every change a leaderboard shows, per scope.
    pub(crate) generations: std::sync::Arc<crate::nodes::generations::Generations>,
    /// Told each push's change to a reader's scores (the board cache).
    pub(crate) listener: std::sync::Arc<std::sync::OnceLock<std::sync::Arc<dyn ScoreListener>>>,
    /// "Now" for the times the store writes (created, joined, received).
    pub(crate) clock: Clock,
    /// Token versions read lately: user → (version, read at).
    pub(crate) versions: std::sync::Arc<std::sync::Mutex<HashMap<String, (i64, i64)>>>,
}

/// The file of a `sqlite:` URL, if it names one (not `:memory:`).
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| std::path::PathBuf::from(path))
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
            file: sqlite.then(|| sqlite_file(&url)).flatten(),
            writes: Default::default(),
            generations: Default::default(),
            listener: Default::default(),
            clock: Clock::system(),
            versions: Default::default(),
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

    /// The one row `sql` selects with `value` bound to `$1`, if any, read
    /// by `from`.
    async fn optional<T>(
        &self,
        sql: &str,
        value: &str,
        from: fn(&AnyRow) -> Result<T>,
    ) -> Result<Option<T>> {
        let row = sqlx::query(sql)
            .bind(value)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from).transpose()
    }

    /// How many changes to what leaderboards show this store has made:
    /// progress, membership or visibility.
    pub fn generation(&self) -> u64 {
        self.generations.total()
    }

    /// The per-scope change counters boards are cached by (shared through
    /// Redis by `nodes::generations` when several nodes run).
    pub fn generations(&self) -> &crate::nodes::generations::Generations {
        &self.generations
    }

    /// Records that who boards rank (or what they show of them) changed:
    /// every board is stale.
    pub(crate) fn boards_changed(&self) {
        self.generations.bump_all();
    }

    /// Tells `listener` every push's change to a reader's scores.
    pub fn listen(&self, listener: std::sync::Arc<dyn ScoreListener>) {
        let _ = self.listener.set(listener);
    }

    /// Records a push's change to a reader's scores. Alone, the boards
    /// that may rank them (global and friends, their groups and
    /// competitions) move to a new generation, and the listener brings the
    /// cached ones up to date (a push of other events only moves the
    /// reader's cursor). Shared, the change counters are bumped in Redis
    /// and every node's boards are read afresh.
    pub(crate) async fn scores_changed(&self, change: ScoreChange) {
        if change.sessions.is_empty() && change.before == change.after {
            return;
        }
        let scopes = match self.scopes_of(&change.user_id).await {
            Ok(scopes) => scopes,
            Err(error) => {
                tracing::warn!(%error, "reading a reader's boards failed: every board is stale");
                self.generations.bump_all();
                return;
            }
        };
        if self.generations.is_shared() {
            if !change.sessions.is_empty() {
                self.generations.bump(&scopes).await;
            }
            return;
        }
        let bumped = self
            .generations
            .bump_here(&scopes, !change.sessions.is_empty());
        if let Some(listener) = self.listener.get() {
            listener.scores_changed(&change, &bumped);
        }
    }
}
