//! What the store fails with. It names what happened to the data (a row
//! missing, a unique value taken, the database failing) and never what an
//! API answers: the domain decides what each case means.

/// Every failure of a store call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A row the call needs does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value is taken; `column` names which.
    #[error("`{column}` is taken")]
    Taken { column: &'static str },
    /// A change would break a rule the database enforces (e.g. a member
    /// limit below the member count).
    #[error("refused by a constraint on `{column}`")]
    Refused { column: &'static str },
    /// A stored value is not one of its kind's names.
    #[error("unreadable stored value: {0}")]
    Corrupt(#[from] crate::kinds::UnknownName),
    /// A value cannot be stored as text: PostgreSQL refuses NUL in text
    /// (SQLite keeps it), so this is the input's fault, not the database's.
    #[error("a value holds a character the database cannot store: {0}")]
    Unstorable(sqlx::Error),
    /// The signing secret's file beside a SQLite database cannot be made
    /// or read.
    #[error("cannot keep the signing secret in {}: {source}", path.display())]
    SecretFile {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for Error {
    /// PostgreSQL's 22021 (character_not_in_repertoire: a NUL in text) and
    /// 22P05 (untranslatable_character) come from the input; everything
    /// else is the database failing.
    fn from(error: sqlx::Error) -> Self {
        let code = match &error {
            sqlx::Error::Database(db) => db.code(),
            _ => None,
        };
        if matches!(code.as_deref(), Some("22021" | "22P05")) {
            Error::Unstorable(error)
        } else {
            Error::Database(error)
        }
    }
}

/// Result of every store call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whether `error` is a unique violation (SQLite 2067
/// SQLITE_CONSTRAINT_UNIQUE, 1555 primary key; PostgreSQL 23505).
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || matches!(db.code().as_deref(), Some("2067" | "1555" | "23505"))
        }
        _ => false,
    }
}

/// Whether a constraint error is about `table.column` (SQLite names
/// `users.email` in the message, PostgreSQL names `users_email_key` as the
/// constraint).
pub(crate) fn names_column(error: &sqlx::Error, table: &str, column: &str) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.message().contains(&format!("{table}.{column}"))
                || db.constraint().is_some_and(|c| c.contains(column))
        }
        _ => false,
    }
}
