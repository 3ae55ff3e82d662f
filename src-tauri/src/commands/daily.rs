//! Handlers for the daily practice: today's Hijri date and prayer times,
//! a month of both calendars, and whether reminders can reach the desktop.

use companion_core::command::{CalendarMonth, Daily, NotificationState};
use companion_core::wire::{CalendarMonthView, DailyView, MonthRequest, NotificationStatus};

use super::Handle;
use crate::daily;
use crate::error::{Error, Result};
use crate::state::AppState;

impl Handle for Daily {
    async fn handle(state: &AppState, (): ()) -> Result<DailyView> {
        let (_, today) = state.clock().now_and_today();
        let settings = state.settings().await;
        Ok(daily::today(&settings.daily, state.clock().now(), today))
    }
}

impl Handle for CalendarMonth {
    async fn handle(state: &AppState, request: MonthRequest) -> Result<CalendarMonthView> {
        let (_, today) = state.clock().now_and_today();
        let settings = state.settings().await;
        daily::month(
            state.store()?,
            &settings.daily,
            &settings.habit,
            request,
            today,
        )
        .await
    }
}

impl Handle for NotificationState {
    async fn handle(_: &AppState, (): ()) -> Result<NotificationStatus> {
        // Asking the session bus blocks for a moment.
        tauri::async_runtime::spawn_blocking(crate::notify::status)
            .await
            .map_err(|error| Error::Invalid(format!("The notification check failed: {error}")))
    }
}
