//! A damaged database never costs the user the reader: before the SQL
//! plugin opens the file, it is checked, and a damaged one is moved aside
//! (with its journal files) so a fresh one can be made.

use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// Checks the database file before it is opened for real. A file SQLite
/// reports as not a database or corrupt is moved aside (see [`move_aside`])
/// and a message for the user is returned; the plugin then creates a fresh
/// database. A file that merely cannot be opened right now (busy, no
/// permission) is left alone: moving it would cost the user their data.
pub async fn recover_if_damaged(path: &Path) -> Option<String> {
    if !path.exists() {
        return None;
    }
    match check(path).await {
        Health::Good => None,
        Health::Unusable(problem) => {
            tracing::warn!(path = %path.display(), %problem, "local database cannot be opened; leaving it in place");
            None
        }
        Health::Damaged(problem) => {
            tracing::error!(path = %path.display(), %problem, "local database is damaged; moving it aside");
            Some(move_aside(path, &problem))
        }
    }
}

/// Renames the database (and its journal files) to
/// `companion.db.damaged-<unix time>` and says so in a sentence for the user.
pub fn move_aside(path: &Path, problem: &str) -> String {
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let aside = aside_path(path, stamp);
    let moved = std::fs::rename(path, &aside);
    // The journal files belong to the damaged database; keep them with it.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut extra = path.as_os_str().to_owned();
        extra.push(suffix);
        let extra = PathBuf::from(extra);
        if extra.exists() {
            let mut target = aside.as_os_str().to_owned();
            target.push(suffix);
            let _ = std::fs::rename(&extra, PathBuf::from(target));
        }
    }
    match moved {
        Ok(()) => format!(
            "Your saved data could not be read ({problem}), so a fresh start was made. The damaged file was kept at {}.",
            aside.display()
        ),
        Err(error) => format!(
            "Your saved data could not be read ({problem}) and could not be moved aside ({error}). Bookmarks and settings will not be saved until {} is removed.",
            path.display()
        ),
    }
}

fn aside_path(path: &Path, stamp: i64) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".damaged-{stamp}"));
    PathBuf::from(name)
}

/// What the pre-flight check found.
#[derive(Debug)]
enum Health {
    Good,
    /// SQLite says the file is not a database or is corrupt.
    Damaged(String),
    /// It could not be checked (busy, permissions): not evidence of damage.
    Unusable(String),
}

/// SQLite's result codes for a file that is not a database (26) or is
/// corrupt (11).
fn is_damage(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            let code = db.code();
            let primary = code
                .as_deref()
                .and_then(|c| c.parse::<i64>().ok())
                .map(|c| c & 0xff);
            matches!(primary, Some(11 | 26))
        }
        _ => false,
    }
}

async fn check(path: &Path) -> Health {
    // Read-write (never create), so a journal left by a crash is rolled back
    // as SQLite intends instead of looking like damage.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false);
    let mut conn = match options.connect().await {
        Ok(conn) => conn,
        Err(error) if is_damage(&error) => return Health::Damaged(error.to_string()),
        Err(error) => return Health::Unusable(error.to_string()),
    };
    let verdict = sqlx::query_scalar::<_, String>("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await;
    let _ = conn.close().await;
    match verdict {
        Ok(verdict) if verdict == "ok" => Health::Good,
        Ok(verdict) => Health::Damaged(verdict),
        Err(error) if is_damage(&error) => Health::Damaged(error.to_string()),
        Err(error) => Health::Unusable(error.to_string()),
    }
}
