//! The Daily Deen feed, as the window shows it: reflections on ayahs
//! (tadabbur) and milestones, from the reader and the people they read
//! with, and the three reactions. It comes from the sync server.

use serde::{Deserialize, Serialize};

use crate::AyahRef;

/// The reactions a post can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reaction {
    SubhanAllah,
    Ameen,
    MashaAllah,
}

impl Reaction {
    pub const ALL: [Reaction; 3] = [Reaction::SubhanAllah, Reaction::Ameen, Reaction::MashaAllah];

    /// The server's name (and the message id's tail).
    pub fn as_str(self) -> &'static str {
        match self {
            Reaction::SubhanAllah => "subhanallah",
            Reaction::Ameen => "ameen",
            Reaction::MashaAllah => "mashaallah",
        }
    }
}

/// Who may see a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Friends (mutual follows).
    Friends,
    /// The members of the reader's private groups.
    Groups,
    /// Only the reader.
    Private,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Friends, Audience::Groups, Audience::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Friends => "friends",
            Audience::Groups => "groups",
            Audience::Private => "private",
        }
    }
}

/// What a milestone post celebrates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    /// `khatm`, `streak`, `competition`, `khatmah` or `achievement`.
    pub name: String,
    /// Days in a row, a rank, a khatmah's number, an achievement's target.
    pub value: i64,
    /// An achievement's id in the catalogue.
    pub achievement: Option<String>,
}

/// One post of the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPost {
    pub id: i64,
    pub author_name: String,
    pub author_username: String,
    /// The reader's own post.
    pub mine: bool,
    pub audience: Audience,
    /// A reflection's words (a milestone's are the window's own).
    pub body: String,
    /// The ayah a reflection is on, with its Uthmani text.
    pub ayah: Option<(AyahRef, String)>,
    pub milestone: Option<MilestoneView>,
    /// Unix seconds.
    pub created_at: i64,
    /// How many reacted with each of [`Reaction::ALL`], in its order.
    pub counts: [u32; 3],
    pub my_reaction: Option<Reaction>,
}

/// A page of the feed, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPage {
    pub posts: Vec<FeedPost>,
    /// Where the next (older) page starts, if there is one.
    pub next_before: Option<i64>,
}

/// The feed from its newest post, or the page before `before`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedRequest {
    pub before: Option<i64>,
}

/// A reflection to post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectRequest {
    /// 1 to 2,000 characters.
    pub body: String,
    pub audience: Audience,
    pub ayah: Option<AyahRef>,
}

/// React to a post (`None` takes the reaction back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactRequest {
    pub post: i64,
    pub reaction: Option<Reaction>,
}
