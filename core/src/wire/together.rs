//! Reading together, as the window shows it: leaderboards (everyone,
//! friends, a group; today, this week, all time) and the reader's groups.
//! All of it comes from the sync server and needs an account.

use serde::{Deserialize, Serialize};

/// Whose board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum BoardScope {
    /// Everyone who shows on boards.
    Everyone,
    /// The reader's friends (mutual follows) and the reader.
    Friends,
    /// One of the reader's groups, by id.
    Group(String),
}

/// Which span a board counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardPeriod {
    Today,
    Week,
    AllTime,
}

impl BoardPeriod {
    pub const ALL: [BoardPeriod; 3] = [BoardPeriod::Today, BoardPeriod::Week, BoardPeriod::AllTime];

    /// The server's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardPeriod::Today => "today",
            BoardPeriod::Week => "week",
            BoardPeriod::AllTime => "all_time",
        }
    }
}

/// A board to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRequest {
    pub scope: BoardScope,
    pub period: BoardPeriod,
}

/// One place on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub rank: u32,
    pub username: String,
    pub display_name: String,
    pub hasanat: u64,
    /// The reader's own place.
    pub me: bool,
}

/// A board: its top places, and the reader's own if it is further down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub rows: Vec<BoardRow>,
    /// The reader's place when it is not among `rows` (`None` when it is,
    /// or when the reader does not show on boards).
    pub me_below: Option<BoardRow>,
}

/// One of the reader's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub private: bool,
    pub members: u32,
    pub member_limit: u32,
    pub admin: bool,
    /// Shown to the group's admins, to share.
    pub invite_code: Option<String>,
}

/// A new group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroupRequest {
    pub name: String,
    pub description: String,
    pub private: bool,
}

/// Join a group by the code its admin shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinGroupRequest {
    pub code: String,
}

/// A group, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    pub id: String,
}
