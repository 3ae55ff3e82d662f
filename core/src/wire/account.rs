//! The reader's account on the sync server, as the window shows it and
//! asks for it. Nothing leaves the device until the reader signs in.

use serde::{Deserialize, Serialize};

/// The account screen: the server's address and, once signed in, who and
/// how the sync stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// The server signed in to, or the one a sign-in would use.
    pub server: String,
    pub signed_in: Option<SignedIn>,
}

/// Who is signed in, and how their sync stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub username: String,
    pub display_name: String,
    /// A few words about the reader, shown with their name.
    pub bio: String,
    pub email: String,
    /// Changes made on this device that the server does not have yet.
    pub waiting: u32,
    /// When the last sync finished (Unix seconds), if one has.
    pub synced_at: Option<i64>,
    /// How long ago that was, by the app's clock, in whole minutes.
    pub synced_minutes_ago: Option<u64>,
    /// Why the last sync did not finish, in plain words; `None` once one
    /// works again.
    pub problem: Option<String>,
    /// Whether the sign-in is kept in the system's keyring (so it survives
    /// a restart); without a keyring it lasts until the app closes.
    pub remembered: bool,
    /// The sign-in was not kept (no keyring) or the server ended it: the
    /// password is needed again before anything is sent.
    pub needs_password: bool,
    /// Who sees the reader's reading on leaderboards.
    pub visibility: Visibility,
}

/// Who sees the reader's reading on leaderboards (and, shared, their
/// achievements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Everyone, on the global board too.
    Everyone,
    /// Friends and the reader's groups (the server's default).
    #[default]
    Circles,
    /// No one: the reader is on no board.
    Hidden,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Everyone,
        Visibility::Circles,
        Visibility::Hidden,
    ];

    /// The server's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Everyone => "everyone",
            Visibility::Circles => "circles",
            Visibility::Hidden => "hidden",
        }
    }

    pub fn parse(name: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == name)
    }
}

/// Delete the account on the server, confirmed with its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteAccountRequest {
    pub password: String,
}

/// Where the export of everything the server holds was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDone {
    pub path: String,
    pub bytes: u64,
}

/// Sign in with an account that exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub server: String,
    pub email: String,
    pub password: String,
}

/// Create an account, then sign in with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRequest {
    pub server: String,
    pub email: String,
    pub username: String,
    pub password: String,
    /// Empty: the server uses the username.
    pub display_name: String,
}

/// The profile as the reader edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRequest {
    pub display_name: String,
    pub username: String,
    pub bio: String,
}
