//! The dhikr part of the wire: a finished round of the counter, and the
//! history of rounds.

use serde::{Deserialize, Serialize};

use crate::habit::Day;

/// Which list a round counted, or the free counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DhikrKind {
    AfterPrayer,
    Morning,
    Evening,
    /// The free counter (tasbih) toward a target the reader chose.
    Free,
}

impl DhikrKind {
    pub const ALL: [DhikrKind; 4] = [
        DhikrKind::AfterPrayer,
        DhikrKind::Morning,
        DhikrKind::Evening,
        DhikrKind::Free,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DhikrKind::AfterPrayer => "after_prayer",
            DhikrKind::Morning => "morning",
            DhikrKind::Evening => "evening",
            DhikrKind::Free => "free",
        }
    }

    pub fn parse(text: &str) -> Option<DhikrKind> {
        DhikrKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A round of dhikr to keep: how many were said and whether the list (or
/// the free counter's target) was finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DhikrRound {
    pub kind: DhikrKind,
    pub count: u32,
    pub completed: bool,
    /// Seconds from the first count to the last.
    pub seconds: u32,
}

/// A kept round, with its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DhikrRoundView {
    pub day: Day,
    pub round: DhikrRound,
}

/// Today's total and recent rounds, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DhikrHistory {
    pub today: u32,
    pub recent: Vec<DhikrRoundView>,
}
