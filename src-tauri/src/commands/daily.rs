//! Handlers for the daily practice: today's Hijri date and prayer times,
//! and a month of both calendars.

use companion_core::command::{CalendarMonth, Daily};
use companion_core::wire::{CalendarMonthView, DailyView, MonthRequest};

use super::Handle;
use crate::daily;
use crate::error::Result;
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
