//! Chat, as the window shows it: the reader's conversations (direct and
//! their groups') with unread counts, a conversation's messages with
//! their reactions, messages written offline and waiting to be sent, and
//! what comes live from the sync server.

use serde::{Deserialize, Serialize};

/// The reactions a message may have (the server's list).
pub const MESSAGE_REACTIONS: [&str; 6] = ["👍", "❤️", "🤲", "😊", "😢", "🌙"];

/// The longest message, in characters (the server's limit).
pub const MAX_MESSAGE_CHARS: usize = 4_000;

/// One conversation in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub id: String,
    /// A group's conversation (else a direct one).
    pub group: bool,
    /// The group's name, or the other person's name.
    pub title: String,
    /// Messages from others after the reader's read marker.
    pub unread: u32,
    pub last: Option<ChatMessage>,
}

/// How many reacted with one reaction, and whether the reader did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionCount {
    pub emoji: String,
    pub count: u32,
    pub mine: bool,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// The server's id; a message still waiting to be sent has none.
    pub id: Option<String>,
    /// This device's (or the sender's device's) own id of the message.
    pub client_id: String,
    /// Its number in the conversation; none while waiting to be sent.
    pub seq: Option<i64>,
    /// The sender's display name (none once their account is gone).
    pub sender_name: Option<String>,
    pub sender_id: Option<String>,
    /// Sent by the reader.
    pub mine: bool,
    /// Empty once deleted.
    pub body: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Its local time (`14:05`) and day (`2026-11-30`), in the device's
    /// time zone.
    pub time: String,
    pub day: String,
    pub edited: bool,
    pub deleted: bool,
    /// Written on this device and not yet taken by the server.
    pub pending: bool,
    pub reactions: Vec<ReactionCount>,
}

/// A conversation's messages, the oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatPage {
    pub conversation: String,
    pub messages: Vec<ChatMessage>,
    /// Pass as `before` for the page before this one; `None`: there is
    /// nothing older.
    pub more_before: Option<i64>,
}

/// A page of a conversation: the latest, or the one before `before`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRequest {
    pub conversation: String,
    pub before: Option<i64>,
}

/// One conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRef {
    pub conversation: String,
}

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendMessageRequest {
    pub conversation: String,
    pub body: String,
}

/// A reaction to a message set, or taken back (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageReactRequest {
    pub conversation: String,
    pub message: String,
    pub emoji: Option<String>,
}

/// One message of a conversation: to delete or report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRequest {
    pub conversation: String,
    pub message: String,
}

/// A direct conversation with someone, by their username.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartChatRequest {
    pub username: String,
}

/// Someone to block (their user id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRequest {
    pub user: String,
}

/// What the sync server told live, as the window hears it (the `live`
/// event): enough to know what to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveEvent {
    /// A message came, was edited or deleted, a reaction or a read
    /// marker changed in a conversation.
    Chat { conversation: String },
    /// A member is typing in a conversation.
    Typing { conversation: String, name: String },
    /// A new notification in the inbox.
    Notification,
    /// Something else changed (the feed, a khatmah, a follower).
    Other { kind: String },
}

/// Whether the live connection is up: the window says when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveState {
    /// Not signed in: nothing to connect.
    Off,
    Connecting,
    Connected,
    /// The server cannot be reached: trying again.
    Offline,
}
