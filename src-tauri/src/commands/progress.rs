//! Handlers for reading progress: ayahs that counted, leaving the reader,
//! and home's summary.

use companion_core::command::{EndReading, Progress, RecordReading};
use companion_core::wire::{ProgressSummary, ReadingTally, RecordReadingRequest};

use super::Handle;
use crate::error::Result;
use crate::progress;
use crate::state::AppState;

/// The instant and local day of "now", in the system's zone.
fn now() -> (i64, companion_core::habit::Day) {
    let at = jiff::Timestamp::now();
    (
        at.as_second(),
        progress::day_of(at, &jiff::tz::TimeZone::system()),
    )
}

impl Handle for RecordReading {
    async fn handle(state: &AppState, request: RecordReadingRequest) -> Result<ReadingTally> {
        let (at, day) = now();
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
        let (_, today) = now();
        progress::summary(state.store()?, today).await
    }
}
