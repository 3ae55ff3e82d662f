//! Handlers for friends, chat and the live connection.

use companion_core::command::{
    BlockUser, ChatHistory, Conversations, DeleteMessage, Follow, LiveStatus, People,
    ReactToMessage, ReadConversation, ReportMessage, SendMessage, StartChat, Typing, Unfollow,
};
use companion_core::wire::{
    BlockRequest, ChatMessage, ChatPage, ConversationRef, ConversationView, FollowRequest,
    HistoryRequest, LiveState, MessageReactRequest, MessageRequest, PeopleView, PersonRef,
    SendMessageRequest, StartChatRequest,
};

use super::Handle;
use crate::error::Result;
use crate::state::AppState;
use crate::{chat, friends};

fn now(state: &AppState) -> i64 {
    state.clock().now().as_second()
}

fn when(state: &AppState) -> (i64, &jiff::tz::TimeZone) {
    (now(state), state.clock().zone())
}

impl Handle for Conversations {
    async fn handle(state: &AppState, (): ()) -> Result<Vec<ConversationView>> {
        chat::conversations(state.account(), state.store()?, when(state)).await
    }
}

impl Handle for StartChat {
    async fn handle(state: &AppState, request: StartChatRequest) -> Result<ConversationView> {
        let store = state.store()?;
        chat::start(state.account(), store, &request.username, when(state)).await
    }
}

impl Handle for ChatHistory {
    async fn handle(state: &AppState, request: HistoryRequest) -> Result<ChatPage> {
        chat::history(state.account(), state.store()?, &request, when(state)).await
    }
}

impl Handle for SendMessage {
    async fn handle(state: &AppState, request: SendMessageRequest) -> Result<ChatMessage> {
        chat::send(state.account(), state.store()?, &request, when(state)).await
    }
}

impl Handle for ReactToMessage {
    async fn handle(state: &AppState, request: MessageReactRequest) -> Result<()> {
        chat::react(state.account(), state.store()?, &request, now(state)).await
    }
}

impl Handle for DeleteMessage {
    async fn handle(state: &AppState, request: MessageRequest) -> Result<()> {
        chat::delete(
            state.account(),
            state.store()?,
            &request.message,
            now(state),
        )
        .await
    }
}

impl Handle for ReportMessage {
    async fn handle(state: &AppState, request: MessageRequest) -> Result<()> {
        chat::report(
            state.account(),
            state.store()?,
            &request.message,
            now(state),
        )
        .await
    }
}

impl Handle for ReadConversation {
    async fn handle(state: &AppState, request: ConversationRef) -> Result<()> {
        let store = state.store()?;
        chat::read(state.account(), store, &request.conversation, now(state)).await
    }
}

impl Handle for BlockUser {
    async fn handle(state: &AppState, request: BlockRequest) -> Result<()> {
        chat::block(state.account(), state.store()?, &request.user, now(state)).await
    }
}

impl Handle for Typing {
    async fn handle(state: &AppState, request: ConversationRef) -> Result<()> {
        let store = state.store()?;
        chat::typing(state.account(), store, &request.conversation, now(state)).await
    }
}

impl Handle for LiveStatus {
    async fn handle(state: &AppState, (): ()) -> Result<LiveState> {
        Ok(state.live().state())
    }
}

impl Handle for People {
    async fn handle(state: &AppState, (): ()) -> Result<PeopleView> {
        friends::people(state.account(), state.store()?, now(state)).await
    }
}

impl Handle for Follow {
    async fn handle(state: &AppState, request: FollowRequest) -> Result<PeopleView> {
        let store = state.store()?;
        friends::follow(state.account(), store, &request.username, now(state)).await
    }
}

impl Handle for Unfollow {
    async fn handle(state: &AppState, request: PersonRef) -> Result<PeopleView> {
        let store = state.store()?;
        friends::unfollow(state.account(), store, &request.user, now(state)).await
    }
}
