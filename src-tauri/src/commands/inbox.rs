//! Handlers for the notification inbox.

use companion_core::command::{Inbox, MarkRead};
use companion_core::wire::{InboxView, MarkReadRequest};

use super::Handle;
use crate::error::Result;
use crate::inbox;
use crate::state::AppState;

impl Handle for Inbox {
    async fn handle(state: &AppState, (): ()) -> Result<InboxView> {
        let now = state.clock().now().as_second();
        inbox::inbox(state.account(), state.store()?, now).await
    }
}

impl Handle for MarkRead {
    async fn handle(state: &AppState, request: MarkReadRequest) -> Result<InboxView> {
        let now = state.clock().now().as_second();
        inbox::mark_read(state.account(), state.store()?, request.id, now).await
    }
}
