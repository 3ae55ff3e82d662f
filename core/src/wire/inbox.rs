//! The notification inbox, as the window shows it: what happened (a join,
//! a reaction, a mention, a competition, a khatmah portion), by whom, in
//! what; the window words each kind in its language. From the sync server.

use serde::{Deserialize, Serialize};

use super::Reaction;

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    /// `group_join`, `group_invite`, `chat_mention`, `post_reaction`,
    /// `competition_start`, `competition_end`, `competition_rank` or
    /// `khatmah_portion` (others may come from a newer server).
    pub kind: String,
    pub read: bool,
    /// Unix seconds.
    pub created_at: i64,
    /// Who did it (a display name).
    pub who: Option<String>,
    /// What it is about: a group's or a competition's name, a message's
    /// opening words.
    pub subject: Option<String>,
    /// A rank, or a khatmah portion.
    pub number: Option<i64>,
    pub reaction: Option<Reaction>,
    /// A khatmah notice's reason: `assigned` or `deadline`.
    pub detail: Option<String>,
}

/// The newest notifications, and how many of all are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub items: Vec<InboxItem>,
    pub unread: u32,
}

/// Mark one notification read, or all (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkReadRequest {
    pub id: Option<i64>,
}

/// The kinds of notification, in the order the window lists them.
pub const NOTIFICATION_KINDS: [&str; 8] = [
    "group_invite",
    "group_join",
    "chat_mention",
    "post_reaction",
    "competition_start",
    "competition_end",
    "competition_rank",
    "khatmah_portion",
];

/// Whether one kind of notification is kept and delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSetting {
    pub kind: String,
    pub on: bool,
}
