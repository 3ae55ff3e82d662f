//! The app's managed state: the store (when the database opened) and a
//! one-time notice for the user about the database.

use std::sync::{Mutex, OnceLock};

use companion_core::wire::Settings;

use crate::error::{Error, Result};
use crate::store::Store;

/// Registered with `app.manage` during setup; commands read it through
/// `State<'_, AppState>`.
#[derive(Debug, Default)]
pub struct AppState {
    store: OnceLock<std::result::Result<Store, String>>,
    notice: Mutex<Option<String>>,
    recitation: OnceLock<crate::recitation::Recitation>,
    clock: crate::clock::Clock,
    account: crate::account::Account,
    live: crate::live::Live,
    exports: OnceLock<std::path::PathBuf>,
}

impl AppState {
    /// Records the outcome of opening the database (once).
    pub fn set_store(&self, store: std::result::Result<Store, String>) {
        let _ = self.store.set(store);
    }

    /// The store, or a clear error when the database could not be opened.
    pub fn store(&self) -> Result<&Store> {
        match self.store.get() {
            Some(Ok(store)) => Ok(store),
            Some(Err(reason)) => Err(Error::StoreUnavailable(reason.clone())),
            None => Err(Error::StoreUnavailable("still opening".into())),
        }
    }

    /// The saved settings, or the defaults when nothing can be read: the
    /// reader must open whatever state the database is in.
    pub async fn settings(&self) -> Settings {
        match self.store() {
            Ok(store) => match store.settings().await {
                Ok(settings) => settings,
                Err(error) => {
                    tracing::warn!(%error, "settings unavailable; using defaults");
                    Settings::default()
                }
            },
            Err(_) => Settings::default(),
        }
    }

    /// Leaves a message for the home screen (after any already left).
    pub fn set_notice(&self, notice: String) {
        if let Ok(mut slot) = self.notice.lock() {
            *slot = Some(match slot.take() {
                Some(earlier) => format!("{earlier}\n{notice}"),
                None => notice,
            });
        }
    }

    /// Records the recitation engine (once, at start).
    pub fn set_recitation(&self, recitation: crate::recitation::Recitation) {
        let _ = self.recitation.set(recitation);
    }

    /// The recitation engine, if it started.
    pub fn recitation(&self) -> Option<&crate::recitation::Recitation> {
        self.recitation.get()
    }

    /// "Now" and the local day, for every rule that needs them.
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.clock
    }

    /// The live connection to the sync server.
    pub fn live(&self) -> &crate::live::Live {
        &self.live
    }

    /// The account on the sync server.
    pub fn account(&self) -> &crate::account::Account {
        &self.account
    }

    /// Records where exports of the reader's data are saved (once, at
    /// start: the downloads folder).
    pub fn set_exports_dir(&self, dir: std::path::PathBuf) {
        let _ = self.exports.set(dir);
    }

    /// Where exports are saved: the downloads folder, or the working
    /// directory if the system has none.
    pub fn exports_dir(&self) -> std::path::PathBuf {
        self.exports
            .get()
            .cloned()
            .unwrap_or_else(|| std::path::PathBuf::from("."))
    }

    /// The message for the home screen, shown once.
    pub fn take_notice(&self) -> Option<String> {
        self.notice.lock().ok().and_then(|mut slot| slot.take())
    }
}
