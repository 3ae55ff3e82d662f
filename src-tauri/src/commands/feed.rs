//! Handlers for the Daily Deen feed.

use companion_core::command::{Feed, React, Reflect};
use companion_core::wire::{FeedPage, FeedPost, FeedRequest, ReactRequest, ReflectRequest};

use super::Handle;
use crate::error::Result;
use crate::feed;
use crate::state::AppState;

impl Handle for Feed {
    async fn handle(state: &AppState, request: FeedRequest) -> Result<FeedPage> {
        let now = state.clock().now().as_second();
        feed::page(state.account(), state.store()?, &request, now).await
    }
}

impl Handle for Reflect {
    async fn handle(state: &AppState, request: ReflectRequest) -> Result<FeedPost> {
        let now = state.clock().now().as_second();
        feed::reflect(state.account(), state.store()?, &request, now).await
    }
}

impl Handle for React {
    async fn handle(state: &AppState, request: ReactRequest) -> Result<FeedPost> {
        let now = state.clock().now().as_second();
        feed::react(state.account(), state.store()?, &request, now).await
    }
}
