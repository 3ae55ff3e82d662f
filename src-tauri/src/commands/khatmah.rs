//! Handlers for a group's khatmah.

use companion_core::command::{CancelKhatmah, GroupKhatmah, KhatmahPortion, StartKhatmah};
use companion_core::wire::{
    GroupKhatmahs, GroupRef, KhatmahRef, PortionRequest, StartKhatmahRequest,
};

use super::Handle;
use crate::error::Result;
use crate::group_khatmah;
use crate::state::AppState;

fn when(state: &AppState) -> (i64, &jiff::tz::TimeZone) {
    let clock = state.clock();
    (clock.now().as_second(), clock.zone())
}

impl Handle for GroupKhatmah {
    async fn handle(state: &AppState, request: GroupRef) -> Result<GroupKhatmahs> {
        let store = state.store()?;
        group_khatmah::khatmahs(state.account(), store, &request.id, when(state)).await
    }
}

impl Handle for StartKhatmah {
    async fn handle(state: &AppState, request: StartKhatmahRequest) -> Result<GroupKhatmahs> {
        group_khatmah::start(state.account(), state.store()?, &request, when(state)).await
    }
}

impl Handle for KhatmahPortion {
    async fn handle(state: &AppState, request: PortionRequest) -> Result<GroupKhatmahs> {
        group_khatmah::portion(state.account(), state.store()?, &request, when(state)).await
    }
}

impl Handle for CancelKhatmah {
    async fn handle(state: &AppState, request: KhatmahRef) -> Result<GroupKhatmahs> {
        let ids = (request.group.as_str(), request.khatmah.as_str());
        group_khatmah::cancel(state.account(), state.store()?, ids, when(state)).await
    }
}
