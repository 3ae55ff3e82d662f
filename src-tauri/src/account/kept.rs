//! Answers kept for the life of the app: what the reader has seen stays
//! shown while the server cannot be reached.

use super::Account;
use crate::error::{Error, Result};
use crate::store::Store;

impl Account {
    /// A GET of `path` as [`Account::call`], whose answer is kept for the
    /// life of the app: while the server cannot be reached, the last
    /// answer comes back instead of the error (what was seen stays seen).
    pub async fn call_kept<T: serde::de::DeserializeOwned>(
        &self,
        store: &Store,
        path: &str,
        now: i64,
    ) -> Result<T> {
        let user = self.user_id(store).await?.unwrap_or_default();
        let key = format!("{user} {path}");
        let answer: Result<serde_json::Value> = self
            .call(store, (reqwest::Method::GET, path), None, now)
            .await;
        let value = match answer {
            Ok(value) => {
                if let Ok(mut kept) = self.kept.lock() {
                    kept.insert(key, value.clone());
                }
                value
            }
            Err(
                error @ Error::Server {
                    code: "server_unreachable",
                    ..
                },
            ) => {
                let last = self
                    .kept
                    .lock()
                    .ok()
                    .and_then(|kept| kept.get(&key).cloned());
                last.ok_or(error)?
            }
            Err(error) => return Err(error),
        };
        Ok(serde_json::from_value(value)?)
    }
}
