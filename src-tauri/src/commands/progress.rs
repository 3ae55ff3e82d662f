//! Handlers for reading progress: ayahs that counted, leaving the reader,
//! and home's summary.

use companion_core::command::{EndReading, Progress, RecordReading};
use companion_core::wire::{ProgressSummary, ReadingTally, RecordReadingRequest};

use super::Handle;
use crate::error::Result;
use crate::progress;
use crate::state::AppState;

impl Handle for RecordReading {
    async fn handle(state: &AppState, request: RecordReadingRequest) -> Result<ReadingTally> {
        let (at, day) = state.clock().now_and_today();
        progress::record(state.store()?, quran_data::quran(), &request, at, day).await
    }
}

impl Handle for EndReading {
    async fn handle(state: &AppState, (): ()) -> Result<()> {
        state.store()?.end_sessions().await.map(|_| ())
    }
}

impl Handle for Progress {
    async fn handle(state: &AppState, (): ()) -> Result<ProgressSummary> {
        let (_, today) = state.clock().now_and_today();
        progress::summary(state.store()?, today).await
    }
}
