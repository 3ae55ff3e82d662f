//! The secrets a zero-configuration server makes once and keeps: the JWT
//! signing secret, so a restart (or another node) accepts the tokens it
//! signed before.
//!
//! On SQLite the secret is a file beside the database
//! (`<database>.jwt-secret`), created with mode 0600 so only the owner
//! reads it; a file rather than a row, because the database file itself is
//! often readable by others (backups, 0644 defaults). On PostgreSQL it is
//! a row of `server_secrets`: every node on that database must sign with
//! the same secret, and the database's roles are its owners; the first
//! node to start inserts it, the others read that one (`ON CONFLICT DO
//! NOTHING`, then read). Never here: deciding whether a configured secret
//! wins (the caller asks only when none is configured).

use std::io::Write;
use std::path::{Path, PathBuf};

use sqlx::Row;

use super::{Error, Result, Store};

/// The name of the signing secret in `server_secrets`.
const SIGNING: &str = "jwt_signing";

impl Store {
    /// The signing secret kept for this database, made from `fresh` the
    /// first time. `None` when there is nowhere to keep it (an in-memory
    /// SQLite database).
    pub async fn signing_secret(&self, fresh: impl FnOnce() -> String) -> Result<Option<String>> {
        if !self.sqlite {
            sqlx::query(
                "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(SIGNING)
            .bind(fresh())
            .bind(self.clock.now())
            .execute(&self.pool)
            .await?;
            let row = sqlx::query("SELECT value FROM server_secrets WHERE name = $1")
                .bind(SIGNING)
                .fetch_one(&self.pool)
                .await?;
            return Ok(Some(row.try_get("value")?));
        }
        let Some(path) = self.file.as_deref().map(secret_path) else {
            return Ok(None);
        };
        let file_error = |source| Error::SecretFile {
            path: path.clone(),
            source,
        };
        keep_in_file(&path, fresh).map(Some).map_err(file_error)
    }
}

/// Where the secret of the SQLite file `database` is kept.
fn secret_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".jwt-secret");
    PathBuf::from(name)
}

/// Reads the secret at `path`, or writes `fresh()` there first. The file
/// is written whole under a temporary name and then linked into place, so
/// two servers starting at once on one file agree on one secret and no one
/// reads half of it.
fn keep_in_file(path: &Path, fresh: impl FnOnce() -> String) -> std::io::Result<String> {
    if !path.exists() {
        let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options
            .open(&temporary)
            .and_then(|mut file| file.write_all(fresh().as_bytes()).and(file.sync_all()));
        let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
        let _ = std::fs::remove_file(&temporary);
        match linked {
            Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => return Err(error),
            _ => {}
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(path = %path.display(), "the signing secret was readable by others: made 0600");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    let secret = std::fs::read_to_string(path)?.trim().to_owned();
    if secret.len() < 32 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the kept secret is shorter than 32 characters",
        ));
    }
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_made_once_kept_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = secret_path(&dir.path().join("server.db"));
        let first = keep_in_file(&path, || "a".repeat(43)).unwrap();
        let again = keep_in_file(&path, || "b".repeat(43)).unwrap();
        assert_eq!(first, again, "the second start reads the first secret");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only the owner reads the secret");
        }
        std::fs::write(&path, "short").unwrap();
        assert!(
            keep_in_file(&path, || "c".repeat(43)).is_err(),
            "a damaged secret is an error, not a silent new secret"
        );
    }
}
