//! Handlers for reading progress: ayahs that counted, leaving the reader,
//! and home's summary.

use companion_core::command::{
    Achievements, CheckAchievements, EndKhatm, EndReading, Progress, RecordReading, RemoveGoal,
    SetExcused, SetGoal, SetKhatm, Stats,
};
use companion_core::habit::goal::Goal;
use companion_core::habit::khatm::Plan;
use companion_core::wire::{
    AchievementView, GoalId, GoalView, ProgressSummary, ReadingTally, RecordReadingRequest,
    SetExcusedRequest, SetGoalRequest, SetKhatmRequest, StatsView,
};

use super::Handle;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::stats::History;
use crate::{achievements, progress, stats};

impl Handle for RecordReading {
    async fn handle(state: &AppState, request: RecordReadingRequest) -> Result<ReadingTally> {
        let (at, day) = state.clock().now_and_today();
        progress::record(state.store()?, quran_data::quran(), &request, at, day).await
    }
}

impl Handle for EndReading {
    async fn handle(state: &AppState, (): ()) -> Result<()> {
        match state.store()?.end_sessions().await {
            Ok(_) => Ok(()),
            Err(error) => {
                // The window does not wait for this; say it here.
                tracing::warn!(%error, "reading sessions could not be ended");
                Err(error)
            }
        }
    }
}

impl Handle for SetGoal {
    async fn handle(state: &AppState, request: SetGoalRequest) -> Result<GoalView> {
        let goal = Goal::new(request.period, request.measure, request.target)?;
        let (at, today) = state.clock().now_and_today();
        let store = state.store()?;
        let id = store.add_goal(goal, at).await?;
        let week_start = state.settings().await.habit.week_start;
        progress::goal_view(
            store,
            &crate::store::GoalRow { id, goal },
            today,
            week_start,
        )
        .await
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
        let habit = state.settings().await.habit;
        progress::summary(state.store()?, &habit, today).await
    }
}

/// How far back a day may be excused: today and the six days before.
const EXCUSE_DAYS_BACK: i32 = 6;

impl Handle for SetExcused {
    async fn handle(state: &AppState, request: SetExcusedRequest) -> Result<()> {
        let (at, today) = state.clock().now_and_today();
        if request.day > today || request.day < today.plus(-EXCUSE_DAYS_BACK) {
            return Err(Error::Invalid(format!(
                "A day can be excused up to {EXCUSE_DAYS_BACK} days back, not {}.",
                request.day
            )));
        }
        state
            .store()?
            .set_excused(request.day, request.excused, at)
            .await
    }
}

impl Handle for Stats {
    async fn handle(state: &AppState, (): ()) -> Result<StatsView> {
        let (_, today) = state.clock().now_and_today();
        let habit = state.settings().await.habit;
        let quran = quran_data::quran();
        let history = History::load(state.store()?, today).await?;
        Ok(stats::stats(&history, quran, &habit, today))
    }
}

impl Handle for Achievements {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<AchievementView>> {
        let (_, today) = state.clock().now_and_today();
        let habit = state.settings().await.habit;
        achievements::all(state.store()?, quran_data::quran(), &habit, today).await
    }
}

impl Handle for CheckAchievements {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<AchievementView>> {
        let (at, today) = state.clock().now_and_today();
        let habit = state.settings().await.habit;
        achievements::check(state.store()?, quran_data::quran(), &habit, at, today).await
    }
}
