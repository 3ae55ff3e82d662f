//! Handlers for the notification inbox.

use companion_core::command::{Inbox, MarkRead, NotificationSettings, SetNotification};
use companion_core::wire::{InboxView, KindSetting, MarkReadRequest};

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

impl Handle for NotificationSettings {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<KindSetting>> {
        let now = state.clock().now().as_second();
        inbox::notification_settings(state.account(), state.store()?, now).await
    }
}

impl Handle for SetNotification {
    async fn handle(state: &AppState, setting: KindSetting) -> Result<Vec<KindSetting>> {
        let now = state.clock().now().as_second();
        inbox::set_notification(state.account(), state.store()?, &setting, now).await
    }
}
