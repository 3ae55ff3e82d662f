//! The reading-progress part of the wire: recording what was read, and
//! what the reader has read so far.

use serde::{Deserialize, Serialize};

use crate::habit::goal::{Amount, Goal, Measure, Period};
use crate::habit::streak::Streak;
use crate::habit::Day;
use crate::reference::AyahRef;

/// How an ayah came to count as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadHow {
    /// On screen long enough to be read (`habit::dwell`).
    Dwell,
    /// Recited to the end.
    Recited,
    /// Marked read by the reader.
    Marked,
}

/// Ayahs that just counted as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReadingRequest {
    pub ayahs: Vec<AyahRef>,
    pub how: ReadHow,
}

/// What the reader's counter shows after recording.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingTally {
    /// The ayahs that counted now (not already counted this session).
    pub newly: Vec<AyahRef>,
    /// Hasanat of the session so far.
    pub session_hasanat: u64,
    /// Hasanat of today so far.
    pub today_hasanat: u64,
}

/// What home shows of the reader's progress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressSummary {
    pub today: Amount,
    /// This week, from its first day (Monday) to today.
    pub week: Amount,
    pub all_time: Amount,
    pub streak: Streak,
    /// The standing goals with how far along each is.
    pub goals: Vec<GoalView>,
    /// The khatm plan, if one stands.
    pub khatm: Option<KhatmView>,
}

/// The khatm plan, where it stands and today's portion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KhatmView {
    pub first: AyahRef,
    pub last: AyahRef,
    /// The plan's last day.
    pub end: Day,
    /// Today's portion, from where the plan stood this morning; `None`
    /// once the plan is complete.
    pub today: Option<Portion>,
    /// Ayahs of the plan read in order so far, and in all.
    pub done: u32,
    pub total: u32,
}

/// A stretch of ayahs to read, with the pages it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portion {
    pub start: AyahRef,
    pub end: AyahRef,
    pub first_page: u16,
    pub last_page: u16,
}

/// A new khatm plan: a range by a day, or the Ramadan preset (the whole
/// Qur'an in 30 days from its first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SetKhatmRequest {
    Range {
        first: AyahRef,
        last: AyahRef,
        end: Day,
    },
    Ramadan {
        first_day: Day,
    },
}

/// A goal with its progress in the current period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalView {
    pub id: String,
    pub goal: Goal,
    /// What the current period holds, in the goal's measure.
    pub done: f64,
    /// 0.0 to 1.0.
    pub progress: f64,
    /// The day the goal was met in this period, if it was.
    pub met_on: Option<Day>,
}

/// A new goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetGoalRequest {
    pub period: Period,
    pub measure: Measure,
    pub target: u32,
}

/// Names a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalId {
    pub id: String,
}
