//! The life of one live socket, after the handshake (`live`): its token
//! (from the first message if the header had none), what it missed (from
//! the database), then live deliveries from the hub, pings, and checks.
//!
//! Each user's events are numbered without gaps, and the socket remembers
//! the last number it sent: a delivery numbered at or below it is a
//! duplicate and skipped; one above the next number means deliveries were
//! published out of commit order or lost, and the gap is read from the
//! database. So a client sees each event once, in order.
//!
//! A socket of `/ws/chat/{id}` or `/ws/notifications` carries only the
//! deliveries its [`Filter`] admits, but passes over the others by number
//! like the rest: its `sent` counts them, so a gap is still a gap and a
//! client that resumes with the last number it saw skips nothing it would
//! have shown.
//!
//! The token is checked again at every delivery, every frame the client
//! sends and every ping: an expired or revoked token closes the socket
//! (4001). Generic over the socket (`Sink` + `Stream`) so the loop can be
//! tested without a network.

use axum::extract::ws::{CloseFrame, Message};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use serde::Deserialize;
use tokio::time::{timeout, Instant};

use super::live::{authenticate, Close};
use crate::auth::Access;
use crate::domain::{chat, Error as DomainError};
use crate::error::Error;
use crate::live::{Delivery, Filter, Next, Subscription};
use crate::AppState;

/// How many stored events one catch-up read takes at a time.
const PAGE: i64 = 200;

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    /// Its access token (first, or again when refreshed), and the last
    /// event number it has.
    Auth { token: String, after: Option<i64> },
    /// The user is typing in a conversation: its other members are told
    /// (ephemeral, rate-limited; a note too soon or about a conversation
    /// not theirs is dropped without an answer).
    Typing { conversation_id: String },
    /// Anything else is for a later version of the protocol: ignored.
    #[serde(other)]
    Other,
}

/// Why the loop ends.
#[derive(Debug)]
enum End {
    /// Close with this code.
    Close(Close),
    /// The client left, or cannot be written to: nothing more to send.
    Gone,
}

impl From<Error> for End {
    fn from(error: Error) -> End {
        match error {
            Error::Unauthorized(_) => End::Close(Close::Unauthorized),
            Error::TooManyRequests { .. } | Error::TooMany { .. } => {
                End::Close(Close::TooManyRequests)
            }
            error => {
                tracing::error!(%error, "a live socket failed");
                End::Close(Close::ServerError)
            }
        }
    }
}

impl From<crate::store::Error> for End {
    fn from(error: crate::store::Error) -> End {
        End::from(Error::from(error))
    }
}

/// A socket, whose token was checked, and the last event number it
/// passed (sent, or skipped by its filter).
struct Session<S> {
    socket: S,
    state: AppState,
    access: Access,
    filter: Filter,
    sent: i64,
    heard: Instant,
}

/// Runs a socket until it closes. `access` is the header's token, if one
/// was sent; `after` the query's last event number; `filter` which of the
/// user's deliveries it carries.
pub(super) async fn run<S>(
    mut socket: S,
    state: AppState,
    (access, after): (Option<Access>, Option<i64>),
    filter: Filter,
) where
    S: Sink<Message, Error = axum::Error> + Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    let first = match access {
        Some(access) => Ok((access, after)),
        None => first_message(&mut socket, &state).await,
    };
    let first = match first {
        Ok((access, after)) => may_follow(&state, &access, &filter)
            .await
            .map(|()| (access, after)),
        Err(end) => Err(end),
    };
    let (access, after) = match first {
        Ok(first) => first,
        Err(end) => return close(&mut socket, &state, end).await,
    };
    let mut subscription = state.live.hub.subscribe(&access.user_id);
    let mut session = Session {
        socket,
        state,
        access,
        filter,
        sent: 0,
        heard: Instant::now(),
    };
    let end = match session.start(after).await {
        Ok(()) => session.serve(&mut subscription).await,
        Err(end) => end,
    };
    drop(subscription);
    close(&mut session.socket, &session.state, end).await;
}

/// The token (and last event number) of the first message, which must
/// come within the heartbeat's `auth` time.
async fn first_message<S>(socket: &mut S, state: &AppState) -> Result<(Access, Option<i64>), End>
where
    S: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    let deadline = Instant::now() + state.live.heartbeat.auth;
    loop {
        let message = match timeout_at(deadline, socket.next()).await {
            Some(Some(Ok(message))) => message,
            Some(Some(Err(_)) | None) => return Err(End::Gone),
            None => return Err(End::Close(Close::AuthExpected)),
        };
        let text = match message {
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Close(_) => return Err(End::Gone),
            Message::Text(text) => text,
            Message::Binary(_) => return Err(End::Close(Close::AuthExpected)),
        };
        let Ok(ClientMessage::Auth { token, after }) = serde_json::from_str(text.as_str()) else {
            return Err(End::Close(Close::AuthExpected));
        };
        let access = authenticate(state, &token).await?;
        if let Some(retry_after) = state.user_limit.check(&access.user_id).await {
            return Err(End::from(Error::TooManyRequests { retry_after }));
        }
        return Ok((access, after));
    }
}

/// Refuses (4003) a conversation's socket to someone not in it.
async fn may_follow(state: &AppState, access: &Access, filter: &Filter) -> Result<(), End> {
    let Filter::Conversation(id) = filter else {
        return Ok(());
    };
    match chat::of_member(&state.store, id, &access.user_id).await {
        Ok(_) => Ok(()),
        Err(DomainError::NotFound { .. }) => Err(End::Close(Close::Forbidden)),
        Err(error) => Err(End::from(Error::from(error))),
    }
}

async fn timeout_at<F: std::future::Future>(deadline: Instant, future: F) -> Option<F::Output> {
    tokio::time::timeout_at(deadline, future).await.ok()
}

impl<S> Session<S>
where
    S: Sink<Message, Error = axum::Error> + Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    /// Sends what the client missed (after `after`; nothing without it),
    /// then `ready`. The socket subscribed before this, so nothing stored
    /// meanwhile is lost.
    async fn start(&mut self, after: Option<i64>) -> Result<(), End> {
        match after {
            Some(after) => {
                self.sent = after.max(0);
                self.catch_up().await?;
            }
            None => {
                self.sent = self
                    .state
                    .store
                    .last_event_seq(&self.access.user_id)
                    .await?
            }
        }
        let ready = serde_json::json!({ "type": "ready", "seq": self.sent });
        self.send(Message::Text(ready.to_string().into())).await
    }

    /// Serves deliveries, the client's frames and the heartbeat until the
    /// socket must end.
    async fn serve(&mut self, subscription: &mut Subscription) -> End {
        let heartbeat = self.state.live.heartbeat;
        let mut ticks = tokio::time::interval_at(Instant::now() + heartbeat.ping, heartbeat.ping);
        loop {
            let step = tokio::select! {
                next = subscription.next() => self.deliver(next).await,
                inbound = self.socket.next() => self.hear(inbound).await,
                _ = ticks.tick() => self.beat().await,
            };
            if let Err(end) = step {
                return end;
            }
        }
    }

    /// Sends a delivery, unless it was sent already; fills a gap first.
    async fn deliver(&mut self, next: Next) -> Result<(), End> {
        let delivery = match next {
            Next::Delivery(delivery) => delivery,
            Next::Lagged => return Err(End::Close(Close::TooSlow)),
            Next::Closing => return Err(End::Close(Close::GoingAway)),
        };
        match delivery.seq {
            Some(seq) if seq <= self.sent => Ok(()),
            Some(seq) if seq == self.sent + 1 => {
                self.check().await?;
                self.send_delivery(&delivery).await?;
                self.sent = seq;
                Ok(())
            }
            Some(_) => {
                self.check().await?;
                self.catch_up().await
            }
            None if self.filter.admits(&delivery.topic) => {
                self.check().await?;
                self.send_delivery(&delivery).await
            }
            None => Ok(()),
        }
    }

    /// Handles a frame from the client: any frame shows it is there.
    async fn hear(&mut self, inbound: Option<Result<Message, axum::Error>>) -> Result<(), End> {
        let message = match inbound {
            Some(Ok(Message::Close(_)) | Err(_)) | None => return Err(End::Gone),
            Some(Ok(message)) => message,
        };
        self.heard = Instant::now();
        let parsed = match &message {
            Message::Text(text) => serde_json::from_str(text.as_str()).ok(),
            _ => None,
        };
        match parsed {
            Some(ClientMessage::Auth { token, .. }) => {
                let access = authenticate(&self.state, &token).await?;
                if access.user_id != self.access.user_id {
                    return Err(End::Close(Close::Unauthorized));
                }
                self.access = access;
                self.check().await
            }
            Some(ClientMessage::Typing { conversation_id }) => {
                self.check().await?;
                let user = &self.access.user_id;
                let typed = super::typing::announce(&self.state, user, &conversation_id).await;
                // Too soon, or not a conversation of theirs: dropped.
                match typed {
                    Err(DomainError::Store(error)) => Err(End::from(error)),
                    Ok(()) | Err(_) => Ok(()),
                }
            }
            Some(ClientMessage::Other) | None => self.check().await,
        }
    }

    /// The heartbeat: closes a silent client, checks the token, pings.
    async fn beat(&mut self) -> Result<(), End> {
        if self.heard.elapsed() >= self.state.live.heartbeat.idle {
            return Err(End::Close(Close::Idle));
        }
        self.check().await?;
        self.send(Message::Ping(Default::default())).await
    }

    /// Whether the token still holds now. (Borrowing fields, not the
    /// session: the socket need not be `Sync`.)
    async fn check(&mut self) -> Result<(), End> {
        let (state, access) = (&self.state, &self.access);
        Ok(access.check(&state.store, state.clock.now()).await?)
    }

    /// Sends every stored event after the last one sent, in order.
    async fn catch_up(&mut self) -> Result<(), End> {
        loop {
            let store = &self.state.store;
            let events = store
                .events_after(&self.access.user_id, self.sent, PAGE)
                .await?;
            let full = events.len() as i64 == PAGE;
            for event in &events {
                self.send_delivery(&Delivery::stored(event)).await?;
                self.sent = event.seq;
            }
            if !full {
                return Ok(());
            }
        }
    }

    /// Sends a delivery if this socket's filter admits it.
    async fn send_delivery(&mut self, delivery: &Delivery) -> Result<(), End> {
        if !self.filter.admits(&delivery.topic) {
            return Ok(());
        }
        let text: &str = &delivery.frame;
        self.send(Message::Text(text.into())).await
    }

    /// Sends a frame; a client that does not take it in time is dropped.
    async fn send(&mut self, message: Message) -> Result<(), End> {
        match timeout(self.state.live.heartbeat.write, self.socket.send(message)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) | Err(_) => Err(End::Gone),
        }
    }
}

/// Closes the socket with the end's code (best effort, bounded in time).
async fn close<S>(socket: &mut S, state: &AppState, end: End)
where
    S: Sink<Message, Error = axum::Error> + Unpin,
{
    let End::Close(close) = end else {
        return;
    };
    let frame = CloseFrame {
        code: close.code(),
        reason: close.reason().into(),
    };
    let write = state.live.heartbeat.write;
    let _ = timeout(write, socket.send(Message::Close(Some(frame)))).await;
}
