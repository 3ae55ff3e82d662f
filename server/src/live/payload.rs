//! The data of each kind of live event (`kinds::LiveKind`), as clients
//! read it in an event frame's `data`. The domain builds these when it
//! stores an event; nothing here reads the database or decides who is told.

use serde::Serialize;

use crate::store::Person;

/// Someone as an event names them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Who {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

impl From<&Person> for Who {
    fn from(person: &Person) -> Who {
        Who {
            id: person.id.clone(),
            username: person.username.clone(),
            display_name: person.display_name.clone(),
        }
    }
}

/// `followed`: someone started following the user.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Followed {
    /// Who follows them now.
    pub by: Who,
}

/// The JSON text of an event's data.
pub fn to_data<T: Serialize>(payload: &T) -> String {
    // Serializing these plain structs cannot fail; `null` if it ever did.
    serde_json::to_string(payload).unwrap_or_else(|_| "null".to_owned())
}

/// A chat message as members see it (`message_created`,
/// `message_edited`, `message_deleted`, and the chat routes' answers).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    /// Its number in the conversation: 1, 2, 3, ...
    pub seq: i64,
    /// Who sent it (`null` once their account is gone).
    pub sender: Option<Who>,
    /// The sending device's own id of the message.
    pub client_id: String,
    /// Its text; empty once deleted.
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub deleted: bool,
}

impl From<&crate::store::MessageRow> for Message {
    fn from(m: &crate::store::MessageRow) -> Message {
        Message {
            id: m.id.clone(),
            conversation_id: m.conversation_id.clone(),
            seq: m.seq,
            sender: m.sender.as_ref().map(Who::from),
            client_id: m.client_id.clone(),
            body: m.body.clone(),
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted: m.deleted_at.is_some(),
        }
    }
}

/// `reaction_changed`: someone's reaction to a message is now `emoji`
/// (`null`: removed).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reaction {
    pub conversation_id: String,
    pub message_id: String,
    pub user_id: String,
    pub emoji: Option<String>,
}

/// `conversation_read`: a member read the conversation up to a message.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Read {
    pub conversation_id: String,
    pub user_id: String,
    pub message_id: String,
    pub seq: i64,
}
