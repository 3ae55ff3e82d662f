//! Handlers for the dhikr counter's rounds.

use companion_core::command::{DhikrHistoryOf, DhikrKeep};
use companion_core::wire::{DhikrHistory, DhikrRound};

use super::Handle;
use crate::error::Result;
use crate::state::AppState;

/// How many rounds the history lists.
const RECENT: u32 = 10;

impl Handle for DhikrKeep {
    async fn handle(state: &AppState, round: DhikrRound) -> Result<DhikrHistory> {
        let (at, today) = state.clock().now_and_today();
        state.store()?.dhikr_keep(&round, at, today).await?;
        DhikrHistoryOf::handle(state, ()).await
    }
}

impl Handle for DhikrHistoryOf {
    async fn handle(state: &AppState, (): ()) -> Result<DhikrHistory> {
        let (_, today) = state.clock().now_and_today();
        let store = state.store()?;
        Ok(DhikrHistory {
            today: store.dhikr_on(today).await?,
            recent: store.dhikr_recent(RECENT).await?,
        })
    }
}
