//! The Focus Mode part of the wire: starting, pausing and ending a
//! session, and its history.

use serde::{Deserialize, Serialize};

use crate::daily::focus::{FocusOutcome, FocusState, FocusStats};
use crate::habit::Day;
use crate::reference::AyahRef;

/// What a focus session reads, if the reader chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FocusTarget {
    /// Today's portion of the khatm plan (as it stood at the start).
    Portion {
        start: AyahRef,
        end: AyahRef,
    },
    Surah {
        number: u16,
    },
    /// A passage the reader chose, such as `2:255-286` or `18:1-3:10`.
    Range {
        start: AyahRef,
        end: AyahRef,
    },
}

/// A new session: its length and what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusStartRequest {
    pub minutes: u32,
    pub target: Option<FocusTarget>,
}

/// The running (or paused) session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusView {
    pub id: String,
    pub state: FocusState,
    pub planned_seconds: i64,
    pub target: Option<FocusTarget>,
    /// Hasanat of the ayahs counted since it started.
    pub hasanat: u64,
}

/// A finished session with what was read in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusSummary {
    pub id: String,
    /// The reader's local day it started on.
    pub day: Day,
    pub outcome: FocusOutcome,
    pub target: Option<FocusTarget>,
    pub ayahs: u32,
    pub hasanat: u64,
}

/// Where Focus Mode stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "now", rename_all = "snake_case")]
pub enum FocusNow {
    /// No session.
    Idle,
    Running(FocusView),
    /// A session that just completed (also while the app was closed):
    /// shown once.
    Ended(FocusSummary),
}

/// Recent sessions, newest first, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusHistory {
    pub recent: Vec<FocusSummary>,
    pub stats: FocusStats,
}
