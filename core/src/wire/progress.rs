//! The reading-progress part of the wire: recording what was read, and
//! what the reader has read so far.

use serde::{Deserialize, Serialize};

use crate::habit::goal::{Amount, Goal, Measure, Period};
use crate::habit::settings::DailyMinimum;
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
    /// The local day it was made for.
    pub day: Day,
    pub today: Amount,
    /// This week, from its first day to today.
    pub week: Amount,
    pub all_time: Amount,
    pub streak: Streak,
    /// The standing goals with how far along each is.
    pub goals: Vec<GoalView>,
    /// The khatm plan, if one stands.
    pub khatm: Option<KhatmView>,
    /// Days of the last week the reader excused.
    pub excused: Vec<Day>,
    /// What a day needs for the streak.
    pub minimum: DailyMinimum,
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

/// Marks a day excused (illness, travel, menstruation), or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetExcusedRequest {
    pub day: Day,
    pub excused: bool,
}

/// What was read on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayStat {
    pub day: Day,
    pub hasanat: u64,
    pub ayahs: u32,
    pub seconds: u32,
}

/// How much of one surah or juz has been read at least once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Different ayahs read.
    pub read: u16,
    /// Ayahs in all.
    pub total: u16,
}

/// Everything the stats screen draws.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatsView {
    pub today: Day,
    /// The last 30 days, oldest first, today last (days without reading
    /// are there, with zeros).
    pub last_30: Vec<DayStat>,
    /// The first day of the heat map: the week start 52 weeks before
    /// this week's.
    pub year_start: Day,
    /// Ayahs read each day from `year_start` to today.
    pub year_ayahs: Vec<u32>,
    /// Days the streak counted (its minimum met) in the heat map's span.
    pub year_met: Vec<Day>,
    /// Excused days in the heat map's span.
    pub year_excused: Vec<Day>,
    pub totals: Amount,
    pub sessions: u32,
    pub reading_days: u32,
    /// Different ayahs read at least once, and the share of each surah
    /// (114, in order) and juz (30).
    pub distinct_ayahs: u32,
    pub surahs: Vec<Share>,
    pub juz: Vec<Share>,
    pub streak: Streak,
}

/// An achievement: unlocked with its day, or how far along the reader is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementView {
    pub id: String,
    pub unlocked_on: Option<Day>,
    /// Where the reader is, and the target (equal once unlocked).
    pub current: u64,
    pub target: u64,
}
