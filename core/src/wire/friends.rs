//! Friends, as the window shows them: people who follow each other are
//! friends (they see each other on the friends board and may write to
//! each other); the rest are those the reader follows and those who follow
//! the reader, each not (yet) both ways. From the sync server.

use serde::{Deserialize, Serialize};

/// Someone on the sync server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

/// The reader's people, each list by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PeopleView {
    /// Following each other.
    pub friends: Vec<PersonView>,
    /// Followed by the reader, not following back.
    pub following: Vec<PersonView>,
    /// Following the reader, not followed back.
    pub followers: Vec<PersonView>,
}

/// Follow someone, by username.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowRequest {
    pub username: String,
}

/// Someone, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub user: String,
}
