//! A group khatmah, as the window shows it: the group reads the whole
//! Qur'an together, one portion (a juz, or a hizb) per reader at a time;
//! who holds which, what is done, the deadline, and the group's earlier
//! khatmahs. From the sync server.

use serde::{Deserialize, Serialize};

/// How a khatmah is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Division {
    /// 30 portions.
    Juz,
    /// 60 portions.
    Hizb,
}

impl Division {
    pub const ALL: [Division; 2] = [Division::Juz, Division::Hizb];

    /// The server's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::Juz => "juz",
            Division::Hizb => "hizb",
        }
    }
}

/// One portion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortionView {
    /// 1 to 30 (juz) or 60 (hizb).
    pub number: u16,
    /// Its first and last ayahs, `surah:ayah`.
    pub first: String,
    pub last: String,
    /// Who reads it (a display name); none while it is free.
    pub reader: Option<String>,
    /// The reader's.
    pub mine: bool,
    pub done: bool,
}

/// A khatmah with its portions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupKhatmahView {
    pub id: String,
    /// The group's first, second, ... khatmah.
    pub number: u32,
    pub division: Division,
    /// `running`, `completed` or `cancelled`.
    pub status: String,
    /// The day it should be done by (`2026-12-24`), if it has one.
    pub deadline: Option<String>,
    pub done: u32,
    pub total: u32,
    pub portions: Vec<PortionView>,
}

/// An earlier khatmah of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastKhatmah {
    pub number: u32,
    pub status: String,
    pub done: u32,
    pub total: u32,
    /// The day it ended.
    pub ended: Option<String>,
}

/// A group's khatmahs: the one running, if any, and the earlier ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupKhatmahs {
    pub current: Option<GroupKhatmahView>,
    pub past: Vec<PastKhatmah>,
}

/// Start a khatmah in a group (its admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartKhatmahRequest {
    pub group: String,
    pub division: Division,
    /// The last day (`YYYY-MM-DD`, the reader's own), if any.
    pub deadline: Option<String>,
}

/// What to do with a portion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortionAction {
    /// Take a free portion.
    Claim,
    /// Give one's portion back.
    Release,
    /// Mark one's portion read.
    Done,
}

/// A portion of a group's khatmah, and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortionRequest {
    pub group: String,
    pub khatmah: String,
    pub number: u16,
    pub action: PortionAction,
}

/// A group's running khatmah, to cancel (its admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KhatmahRef {
    pub group: String,
    pub khatmah: String,
}
