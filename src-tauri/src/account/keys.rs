//! The sign-in's refresh token in the system's keyring (Secret Service on
//! Linux, the Keychain on macOS, the Credential Manager on Windows), one
//! entry per server and user. Where there is no keyring (a desktop without
//! a Secret Service, a phone), nothing is written anywhere: the sign-in
//! lasts until the app closes, and the account screen says so.
//!
//! Keyring calls block (D-Bus, system APIs): call these from a blocking
//! thread.

/// The keyring's service name for our entries.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
const SERVICE: &str = "org.qurancompanion.sync";

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
fn entry(server: &str, user_id: &str) -> Option<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("{user_id}@{server}"))
        .map_err(|error| tracing::warn!(%error, "no keyring entry"))
        .ok()
}

/// Keeps `token` for `user_id` on `server`: whether the keyring took it.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn keep(server: &str, user_id: &str, token: &str) -> bool {
    let Some(entry) = entry(server, user_id) else {
        return false;
    };
    match entry.set_password(token) {
        Ok(()) => true,
        Err(error) => {
            tracing::info!(%error, "the keyring is unavailable; the sign-in lasts until the app closes");
            false
        }
    }
}

/// The token kept for `user_id` on `server`, if the keyring has one.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn kept(server: &str, user_id: &str) -> Option<String> {
    let entry = entry(server, user_id)?;
    match entry.get_password() {
        Ok(token) => Some(token),
        Err(keyring::Error::NoEntry) => None,
        Err(error) => {
            tracing::info!(%error, "the keyring could not be read");
            None
        }
    }
}

/// Forgets the token kept for `user_id` on `server`.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn forget(server: &str, user_id: &str) {
    if let Some(entry) = entry(server, user_id) {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => {}
            Err(error) => tracing::info!(%error, "the keyring entry could not be removed"),
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn keep(_: &str, _: &str, _: &str) -> bool {
    false
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn kept(_: &str, _: &str) -> Option<String> {
    None
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn forget(_: &str, _: &str) {}
