//! Handlers for reading progress: ayahs that counted, leaving the reader,
//! and home's summary.

use companion_core::command::{
    EndKhatm, EndReading, Progress, RecordReading, RemoveGoal, SetGoal, SetKhatm,
};
use companion_core::habit::goal::Goal;
use companion_core::habit::khatm::Plan;
use companion_core::wire::{
    GoalId, GoalView, ProgressSummary, ReadingTally, RecordReadingRequest, SetGoalRequest,
    SetKhatmRequest,
};

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

impl Handle for SetGoal {
    async fn handle(state: &AppState, request: SetGoalRequest) -> Result<GoalView> {
        let goal = Goal::new(request.period, request.measure, request.target)?;
        let (at, today) = state.clock().now_and_today();
        let store = state.store()?;
        let id = store.add_goal(goal, at).await?;
        progress::goal_view(store, &crate::store::GoalRow { id, goal }, today).await
    }
}

impl Handle for RemoveGoal {
    async fn handle(state: &AppState, request: GoalId) -> Result<()> {
        let (at, _) = state.clock().now_and_today();
        state.store()?.remove_goal(&request.id, at).await
    }
}

impl Handle for SetKhatm {
    async fn handle(state: &AppState, request: SetKhatmRequest) -> Result<()> {
        let (at, today) = state.clock().now_and_today();
        let plan = match request {
            SetKhatmRequest::Range { first, last, end } => Plan::new(first, last, end, today)?,
            SetKhatmRequest::Ramadan { first_day } => Plan::ramadan(first_day, today)?,
        };
        state.store()?.set_plan(plan, at).await.map(|_| ())
    }
}

impl Handle for EndKhatm {
    async fn handle(state: &AppState, (): ()) -> Result<()> {
        let (at, _) = state.clock().now_and_today();
        state.store()?.end_plan(at).await
    }
}

impl Handle for Progress {
    async fn handle(state: &AppState, (): ()) -> Result<ProgressSummary> {
        let (_, today) = state.clock().now_and_today();
        progress::summary(state.store()?, today).await
    }
}
