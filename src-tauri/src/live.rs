//! The live connection to the sync server: one WebSocket
//! (`/api/v1/ws`) while someone is signed in, whose events the window
//! hears as [`LiveEvent`]s (a message came, someone is typing, a new
//! notification), so chat and the inbox change as they happen.
//!
//! The token goes in the handshake's header and again, refreshed, every
//! minute on the socket. Events are numbered per user: after a drop the
//! connection resumes with the last number seen, so nothing is missed.
//! When the server cannot be reached it tries again, waiting longer each
//! time (up to a minute); at each connection the chat messages waiting on
//! this device are sent.

use std::time::Duration;

use companion_core::wire::{LiveEvent, LiveState};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::{watch, Notify};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

use crate::account::Account;
use crate::error::Error;
use crate::store::Store;

/// How often the token is sent again on an open socket (the server closes
/// a silent client after 90 s; the token is refreshed before it expires).
const REAUTH_EVERY: Duration = Duration::from_secs(60);
/// The longest wait before trying again.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// How long to wait for someone to sign in before looking again.
const IDLE_LOOK: Duration = Duration::from_secs(30);

/// The connection's state and its wake-up bell: shared by the loop, the
/// commands and sign-in.
#[derive(Debug)]
pub struct Live {
    state: watch::Sender<LiveState>,
    wake: Notify,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            state: watch::Sender::new(LiveState::Off),
            wake: Notify::new(),
        }
    }
}

impl Live {
    /// Whether the connection is up now.
    pub fn state(&self) -> LiveState {
        *self.state.borrow()
    }

    /// Connects now (after a sign-in) instead of at the next look.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn set(&self, state: LiveState) {
        self.state.send_replace(state);
    }
}

/// A frame from the server.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Frame {
    Event {
        seq: i64,
        kind: String,
        data: Value,
    },
    Typing {
        conversation_id: String,
        user: Who,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct Who {
    display_name: String,
}

/// The window's event for a server event (`kind` and its `data`).
pub fn event_of(kind: &str, data: &Value) -> LiveEvent {
    let conversation = data
        .get("conversation_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    match (kind, conversation) {
        (
            "message_created" | "message_edited" | "message_deleted" | "reaction_changed"
            | "conversation_read",
            Some(conversation),
        ) => LiveEvent::Chat { conversation },
        ("notification", _) => LiveEvent::Notification,
        (kind, _) => LiveEvent::Other {
            kind: kind.to_owned(),
        },
    }
}

/// The socket's address for a server's (`http://h:p` → `ws://h:p/api/v1/ws`).
fn socket_url(server: &str, after: Option<i64>) -> String {
    let base = match server.strip_prefix("https://") {
        Some(rest) => format!("wss://{rest}"),
        None => format!("ws://{}", server.trim_start_matches("http://")),
    };
    match after {
        Some(after) => format!("{base}/api/v1/ws?after={after}"),
        None => format!("{base}/api/v1/ws"),
    }
}

fn unreachable(server: &str, error: impl std::fmt::Display) -> Error {
    Error::Server {
        code: "server_unreachable",
        message: format!("The live connection to {server} was lost: {error}"),
    }
}

/// Why one connection ended.
#[derive(Debug)]
pub enum Ended {
    /// The server closed it with this code (4001: the token was refused).
    Closed(u16),
    /// The connection dropped, or could not be made.
    Lost(Error),
}

/// One connection, until it ends: each event goes to `on_event`, and
/// `after` follows the last event number seen (pass it back to resume).
/// `on_open` runs once the socket is open.
pub async fn connect_once(
    account: &Account,
    store: &Store,
    now: &(dyn Fn() -> i64 + Sync),
    after: &mut Option<i64>,
    (on_open, on_event): (
        &mut (dyn FnMut() + Send),
        &mut (dyn FnMut(LiveEvent) + Send),
    ),
) -> Ended {
    let (server, token) = match account.access_token(store, now()).await {
        Ok(pair) => pair,
        Err(error) => return Ended::Lost(error),
    };
    let request = match socket_url(&server, *after).into_client_request() {
        Ok(mut request) => match HeaderValue::from_str(&format!("Bearer {token}")) {
            Ok(value) => {
                request.headers_mut().insert("authorization", value);
                request
            }
            Err(error) => return Ended::Lost(unreachable(&server, error)),
        },
        Err(error) => return Ended::Lost(unreachable(&server, error)),
    };
    let (socket, _) = match tokio_tungstenite::connect_async(request).await {
        Ok(open) => open,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) if response.status() == 401 => {
            return Ended::Closed(4001)
        }
        Err(error) => return Ended::Lost(unreachable(&server, error)),
    };
    on_open();
    match crate::chat::send_waiting(account, store, now()).await {
        Ok(0) => {}
        Ok(sent) => tracing::info!(sent, "chat messages kept on this device were sent"),
        Err(error) => tracing::warn!(%error, "kept chat messages could not be sent"),
    }
    let (mut write, mut read) = socket.split();
    let mut reauth = tokio::time::interval(REAUTH_EVERY);
    reauth.tick().await;
    loop {
        tokio::select! {
            frame = read.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    match serde_json::from_str::<Frame>(text.as_str()) {
                        Ok(Frame::Event { seq, kind, data }) => {
                            *after = Some(after.map_or(seq, |a| a.max(seq)));
                            on_event(event_of(&kind, &data));
                        }
                        Ok(Frame::Typing { conversation_id, user }) => on_event(LiveEvent::Typing {
                            conversation: conversation_id,
                            name: user.display_name,
                        }),
                        Ok(Frame::Other) => {}
                        Err(error) => tracing::debug!(%error, "a live frame this build does not read"),
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    return Ended::Closed(frame.map_or(1005, |f| u16::from(f.code)))
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => return Ended::Lost(unreachable(&server, error)),
                None => return Ended::Lost(unreachable(&server, "closed")),
            },
            _ = reauth.tick() => {
                let token = match account.access_token(store, now()).await {
                    Ok((_, token)) => token,
                    Err(error) => return Ended::Lost(error),
                };
                let frame = json!({ "type": "auth", "token": token }).to_string();
                if let Err(error) = write.send(Message::text(frame)).await {
                    return Ended::Lost(unreachable(&server, error));
                }
            }
        }
    }
}

/// Keeps the connection up for the life of the app while someone is
/// signed in, telling `on_event` what comes and `live` how it stands.
pub async fn run(
    live: &Live,
    (account, store): (&Account, &Store),
    now: &(dyn Fn() -> i64 + Sync),
    on_event: &mut (dyn FnMut(LiveEvent) + Send),
) {
    let mut after = None;
    let mut backoff = Duration::from_secs(1);
    loop {
        if !matches!(account.signed_in(store).await, Ok(true)) {
            live.set(LiveState::Off);
            after = None;
            let _ = tokio::time::timeout(IDLE_LOOK, live.wake.notified()).await;
            continue;
        }
        live.set(LiveState::Connecting);
        let mut opened = false;
        let mut on_open = || {
            opened = true;
            live.set(LiveState::Connected);
        };
        let ended = connect_once(account, store, now, &mut after, (&mut on_open, on_event)).await;
        if opened {
            backoff = Duration::from_secs(1);
        }
        match ended {
            Ended::Closed(code) => tracing::info!(code, "the live connection was closed"),
            Ended::Lost(error) => tracing::info!(%error, "the live connection is down"),
        }
        live.set(LiveState::Offline);
        let _ = tokio::time::timeout(backoff, live.wake.notified()).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_events_become_the_windows_events() {
        let in_c = json!({ "conversation_id": "c1", "id": "m1" });
        for kind in [
            "message_created",
            "message_deleted",
            "reaction_changed",
            "conversation_read",
        ] {
            assert_eq!(
                event_of(kind, &in_c),
                LiveEvent::Chat {
                    conversation: "c1".into()
                }
            );
        }
        assert_eq!(
            event_of("notification", &json!({})),
            LiveEvent::Notification
        );
        assert_eq!(
            event_of("khatmah", &json!({})),
            LiveEvent::Other {
                kind: "khatmah".into()
            }
        );
    }

    #[test]
    fn the_sockets_address_follows_the_servers_scheme_and_resumes_after_a_number() {
        assert_eq!(
            socket_url("http://127.0.0.1:8787", None),
            "ws://127.0.0.1:8787/api/v1/ws"
        );
        assert_eq!(
            socket_url("https://sync.example.org", Some(42)),
            "wss://sync.example.org/api/v1/ws?after=42"
        );
    }
}
