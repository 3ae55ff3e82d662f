//! Handlers for the account on the sync server: its state, sign in,
//! create an account, sign out, sync now.

use companion_core::command::{
    Account, DeleteAccount, ExportData, Register, SetVisibility, SignIn, SignOut, SyncNow,
    UpdateProfile,
};
use companion_core::wire::{
    AccountView, DeleteAccountRequest, ExportDone, ProfileRequest, RegisterRequest, SignInRequest,
    Visibility,
};

use super::Handle;
use crate::error::Result;
use crate::state::AppState;

impl Handle for Account {
    async fn handle(state: &AppState, (): ()) -> Result<AccountView> {
        let now = state.clock().now().as_second();
        state.account().view(state.store()?, now).await
    }
}

impl Handle for SignIn {
    async fn handle(state: &AppState, request: SignInRequest) -> Result<AccountView> {
        let clock = state.clock();
        let when = (clock.now().as_second(), clock.zone());
        let view = state.account().sign_in(state.store()?, request, when).await;
        state.live().wake();
        view
    }
}

impl Handle for Register {
    async fn handle(state: &AppState, request: RegisterRequest) -> Result<AccountView> {
        let clock = state.clock();
        let when = (clock.now().as_second(), clock.zone());
        let view = state
            .account()
            .register(state.store()?, request, when)
            .await;
        state.live().wake();
        view
    }
}

impl Handle for SignOut {
    async fn handle(state: &AppState, (): ()) -> Result<AccountView> {
        let now = state.clock().now().as_second();
        state.account().sign_out(state.store()?, now).await
    }
}

impl Handle for SyncNow {
    async fn handle(state: &AppState, (): ()) -> Result<AccountView> {
        let clock = state.clock();
        let when = (clock.now().as_second(), clock.zone());
        state.account().sync(state.store()?, when).await
    }
}

impl Handle for SetVisibility {
    async fn handle(state: &AppState, visibility: Visibility) -> Result<AccountView> {
        let now = state.clock().now().as_second();
        state
            .account()
            .set_visibility(state.store()?, visibility, now)
            .await
    }
}

impl Handle for ExportData {
    async fn handle(state: &AppState, (): ()) -> Result<ExportDone> {
        let now = state.clock().now().as_second();
        let dir = state.exports_dir();
        state.account().export(state.store()?, &dir, now).await
    }
}

impl Handle for DeleteAccount {
    async fn handle(state: &AppState, request: DeleteAccountRequest) -> Result<AccountView> {
        let now = state.clock().now().as_second();
        state
            .account()
            .delete(state.store()?, &request.password, now)
            .await
    }
}

impl Handle for UpdateProfile {
    async fn handle(state: &AppState, request: ProfileRequest) -> Result<AccountView> {
        let now = state.clock().now().as_second();
        state
            .account()
            .update_profile(state.store()?, &request, now)
            .await
    }
}
