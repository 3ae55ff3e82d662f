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
    /// A competition, by id (its own span and metric; the period is
    /// ignored).
    Competition(String),
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

/// What a board or a competition counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    #[default]
    Hasanat,
    Ayahs,
    Pages,
    Minutes,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::Hasanat,
        Metric::Ayahs,
        Metric::Pages,
        Metric::Minutes,
    ];

    /// The server's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Hasanat => "hasanat",
            Metric::Ayahs => "ayahs",
            Metric::Pages => "pages",
            Metric::Minutes => "minutes",
        }
    }

    pub fn parse(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// One place on a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardRow {
    pub rank: u32,
    pub username: String,
    pub display_name: String,
    /// In the board's metric (pages to two decimals).
    pub score: f64,
    /// The reader's own place.
    pub me: bool,
}

/// A board: its top places, and the reader's own if it is further down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    pub metric: Metric,
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

/// Where a competition stands, by the server's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetitionStatus {
    Upcoming,
    Active,
    Completed,
}

/// A competition the reader can see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitionView {
    pub id: String,
    pub name: String,
    /// `public`, `private` or `group`.
    pub kind: String,
    pub metric: Metric,
    /// RFC 3339; the span is `[start, end)`.
    pub start: String,
    pub end: String,
    pub status: CompetitionStatus,
    pub participants: u32,
    pub joined: bool,
    /// A private competition's code, for its creator to share.
    pub invite_code: Option<String>,
}

/// A new competition from now, for `days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCompetitionRequest {
    pub name: String,
    pub metric: Metric,
    pub days: u32,
    /// Only with the invite code.
    pub private: bool,
}

/// Join a competition: by id (a public one), or by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinCompetitionRequest {
    Id(String),
    Code(String),
}

/// An invitation to a group, waiting for the reader's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: String,
    pub group_name: String,
    /// Who invited (a display name).
    pub by: Option<String>,
}

/// Accept or decline an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInvitationRequest {
    pub id: String,
    pub accept: bool,
}

/// Invite someone to a group the reader administers, by username.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRequest {
    pub group: String,
    pub username: String,
}
