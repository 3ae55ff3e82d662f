//! Handlers for reading together: leaderboards and groups.

use companion_core::command::{
    AnswerInvitation, Competitions, CreateCompetition, CreateGroup, Invitations, InviteToGroup,
    JoinCompetition, JoinGroup, Leaderboard, LeaveGroup, MyGroups,
};
use companion_core::wire::{
    AnswerInvitationRequest, BoardRequest, BoardView, CompetitionView, GroupRef, GroupView,
    InvitationView, InviteRequest, JoinCompetitionRequest, JoinGroupRequest, NewCompetitionRequest,
    NewGroupRequest,
};

use super::Handle;
use crate::error::Result;
use crate::state::AppState;
use crate::together;

fn now(state: &AppState) -> i64 {
    state.clock().now().as_second()
}

impl Handle for Leaderboard {
    async fn handle(state: &AppState, request: BoardRequest) -> Result<BoardView> {
        together::board(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for MyGroups {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<GroupView>> {
        together::groups(state.account(), state.store()?, now(state)).await
    }
}

impl Handle for CreateGroup {
    async fn handle(state: &AppState, request: NewGroupRequest) -> Result<GroupView> {
        together::create(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for JoinGroup {
    async fn handle(state: &AppState, request: JoinGroupRequest) -> Result<GroupView> {
        together::join(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for LeaveGroup {
    async fn handle(state: &AppState, request: GroupRef) -> Result<Vec<GroupView>> {
        together::leave(state.account(), state.store()?, &request.id, now(state)).await
    }
}

impl Handle for Competitions {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<CompetitionView>> {
        together::competitions(state.account(), state.store()?, now(state)).await
    }
}

impl Handle for CreateCompetition {
    async fn handle(state: &AppState, request: NewCompetitionRequest) -> Result<CompetitionView> {
        together::create_competition(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for JoinCompetition {
    async fn handle(state: &AppState, request: JoinCompetitionRequest) -> Result<CompetitionView> {
        together::join_competition(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for Invitations {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<InvitationView>> {
        together::invitations(state.account(), state.store()?, now(state)).await
    }
}

impl Handle for AnswerInvitation {
    async fn handle(
        state: &AppState,
        request: AnswerInvitationRequest,
    ) -> Result<Vec<InvitationView>> {
        together::answer(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for InviteToGroup {
    async fn handle(state: &AppState, request: InviteRequest) -> Result<()> {
        together::invite(state.account(), state.store()?, &request, now(state)).await
    }
}
