//! Handlers for Focus Mode.

use companion_core::command::{
    FocusEnd, FocusHistoryOf, FocusPause, FocusResume, FocusStart, FocusStatus,
};
use companion_core::wire::{FocusHistory, FocusNow, FocusStartRequest, FocusSummary, FocusView};

use super::Handle;
use crate::error::Result;
use crate::focus;
use crate::state::AppState;

impl Handle for FocusStatus {
    async fn handle(state: &AppState, (): ()) -> Result<FocusNow> {
        let clock = state.clock();
        focus::status(state.store()?, clock.now(), clock.zone()).await
    }
}

impl Handle for FocusStart {
    async fn handle(state: &AppState, request: FocusStartRequest) -> Result<FocusView> {
        let clock = state.clock();
        focus::start(state.store()?, request, clock.now(), clock.zone()).await
    }
}

impl Handle for FocusPause {
    async fn handle(state: &AppState, (): ()) -> Result<FocusView> {
        let clock = state.clock();
        focus::pause_or_resume(state.store()?, true, clock.now(), clock.zone()).await
    }
}

impl Handle for FocusResume {
    async fn handle(state: &AppState, (): ()) -> Result<FocusView> {
        let clock = state.clock();
        focus::pause_or_resume(state.store()?, false, clock.now(), clock.zone()).await
    }
}

impl Handle for FocusEnd {
    async fn handle(state: &AppState, (): ()) -> Result<FocusSummary> {
        let clock = state.clock();
        focus::end(state.store()?, clock.now(), clock.zone()).await
    }
}

impl Handle for FocusHistoryOf {
    async fn handle(state: &AppState, (): ()) -> Result<FocusHistory> {
        let clock = state.clock();
        focus::history(state.store()?, clock.now(), clock.zone()).await
    }
}
