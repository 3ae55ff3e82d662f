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
