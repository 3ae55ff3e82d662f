//! Focus sessions ("Deep Deen"): a planned length from an absolute start,
//! with pauses; what is left at an instant; whether it completed (ran its
//! whole length) or was ended early (incomplete); and the stats.
//!
//! A session is a value the app persists as it is (start, plan, pauses),
//! so it survives a restart or crash: on reopening, [`FocusSession::settle`]
//! says whether it ended meanwhile, and when. Instants come from the
//! caller; a clock that went backwards counts as no time passing.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The longest session planned, in minutes.
pub const MAX_MINUTES: u32 = 12 * 60;

/// Preset lengths offered, in minutes.
pub const PRESETS: [u32; 4] = [10, 20, 30, 45];

/// A focus session in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusSession {
    pub started: Timestamp,
    pub planned_seconds: i64,
    /// Seconds spent in pauses that have ended.
    pub paused_seconds: i64,
    /// When the current pause began, if paused.
    pub paused_at: Option<Timestamp>,
}

/// How a session stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum FocusState {
    Running {
        remaining_seconds: i64,
        ends_at: Timestamp,
    },
    Paused {
        remaining_seconds: i64,
    },
    /// It ran its whole length, ending at `ended`.
    Complete {
        ended: Timestamp,
    },
}

/// A session that is over, for history and stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusOutcome {
    pub started: Timestamp,
    pub ended: Timestamp,
    pub planned_seconds: i64,
    /// Seconds focused (pauses excluded).
    pub focused_seconds: i64,
    /// Whether it ran its whole length; ended early, it is incomplete.
    pub completed: bool,
}

impl FocusSession {
    /// A session of `minutes` (1..=[`MAX_MINUTES`]) starting at `at`.
    pub fn start(at: Timestamp, minutes: u32) -> Result<FocusSession> {
        if !(1..=MAX_MINUTES).contains(&minutes) {
            return Err(Error::InvalidSetting {
                reason: format!("A focus session lasts 1 to {MAX_MINUTES} minutes, not {minutes}."),
            });
        }
        Ok(FocusSession {
            started: at,
            planned_seconds: i64::from(minutes) * 60,
            paused_seconds: 0,
            paused_at: None,
        })
    }

    /// Seconds focused by `now`, at most the planned length.
    pub fn focused_seconds(&self, now: Timestamp) -> i64 {
        let until = self.paused_at.unwrap_or(now);
        let wall = until.as_second() - self.started.as_second();
        (wall - self.paused_seconds).clamp(0, self.planned_seconds)
    }

    /// Seconds left at `now` (0 once complete).
    pub fn remaining_seconds(&self, now: Timestamp) -> i64 {
        self.planned_seconds - self.focused_seconds(now)
    }

    /// The instant it completes if it is not paused again: the absolute
    /// end the app persists and schedules the "focus ended" alert for.
    /// `None` while paused.
    pub fn ends_at(&self) -> Option<Timestamp> {
        if self.paused_at.is_some() {
            return None;
        }
        let end = self.started.as_second() + self.planned_seconds + self.paused_seconds;
        Timestamp::from_second(end).ok()
    }

    pub fn state(&self, now: Timestamp) -> FocusState {
        if let Some(ended) = self.settle(now) {
            return FocusState::Complete { ended: ended.ended };
        }
        let remaining_seconds = self.remaining_seconds(now);
        match self.ends_at() {
            Some(ends_at) => FocusState::Running {
                remaining_seconds,
                ends_at,
            },
            None => FocusState::Paused { remaining_seconds },
        }
    }

    /// Pauses at `now`; nothing changes if already paused or complete.
    pub fn pause(&mut self, now: Timestamp) {
        if self.paused_at.is_none() && self.settle(now).is_none() {
            // Never before the start or the last resume: a clock that went
            // back must not make the pause negative.
            let resumed = self.started.as_second() + self.paused_seconds;
            let at = now.as_second().max(resumed);
            self.paused_at = Timestamp::from_second(at).ok().or(Some(now));
        }
    }

    /// Resumes at `now`; nothing changes if not paused.
    pub fn resume(&mut self, now: Timestamp) {
        if let Some(paused_at) = self.paused_at.take() {
            self.paused_seconds += (now.as_second() - paused_at.as_second()).max(0);
        }
    }

    /// The completed outcome if the session ran its whole length by `now`
    /// (also while the app was closed), ending at its planned end.
    pub fn settle(&self, now: Timestamp) -> Option<FocusOutcome> {
        let ends_at = self.ends_at()?;
        (now >= ends_at).then_some(FocusOutcome {
            started: self.started,
            ended: ends_at,
            planned_seconds: self.planned_seconds,
            focused_seconds: self.planned_seconds,
            completed: true,
        })
    }

    /// Ends the session at `now`: complete if its time had run, otherwise
    /// incomplete with what was focused.
    pub fn end(&self, now: Timestamp) -> FocusOutcome {
        self.settle(now).unwrap_or(FocusOutcome {
            started: self.started,
            ended: now.max(self.started),
            planned_seconds: self.planned_seconds,
            focused_seconds: self.focused_seconds(now),
            completed: false,
        })
    }
}

/// Totals over sessions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct FocusStats {
    pub sessions: u32,
    pub completed: u32,
    /// Whole minutes focused, pauses excluded.
    pub minutes: u64,
    /// Completed over all sessions, 0 to 1 (0 with no sessions).
    pub completion_rate: f64,
}

/// The stats of some finished sessions.
pub fn stats(outcomes: &[FocusOutcome]) -> FocusStats {
    let sessions = u32::try_from(outcomes.len()).unwrap_or(u32::MAX);
    let completed =
        u32::try_from(outcomes.iter().filter(|o| o.completed).count()).unwrap_or(u32::MAX);
    let seconds: i64 = outcomes.iter().map(|o| o.focused_seconds.max(0)).sum();
    FocusStats {
        sessions,
        completed,
        minutes: u64::try_from(seconds / 60).unwrap_or(0),
        completion_rate: if sessions == 0 {
            0.0
        } else {
            f64::from(completed) / f64::from(sessions)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + seconds).unwrap()
    }

    #[test]
    fn a_session_counts_down_and_completes_at_its_end() {
        let session = FocusSession::start(at(0), 20).unwrap();
        assert_eq!(session.remaining_seconds(at(60)), 19 * 60);
        assert_eq!(session.ends_at(), Some(at(1200)));
        assert_eq!(
            session.state(at(1199)),
            FocusState::Running {
                remaining_seconds: 1,
                ends_at: at(1200)
            }
        );
        assert_eq!(
            session.state(at(1200)),
            FocusState::Complete { ended: at(1200) }
        );
        assert!(FocusSession::start(at(0), 0).is_err());
        assert!(FocusSession::start(at(0), MAX_MINUTES + 1).is_err());
    }

    #[test]
    fn a_pause_stops_the_countdown_and_moves_the_end() {
        let mut session = FocusSession::start(at(0), 10).unwrap();
        session.pause(at(120));
        assert_eq!(
            session.state(at(5000)),
            FocusState::Paused {
                remaining_seconds: 480
            },
            "paused for long: never completes"
        );
        session.resume(at(420));
        assert_eq!(
            session.ends_at(),
            Some(at(900)),
            "five minutes paused move the end five minutes"
        );
        assert_eq!(session.remaining_seconds(at(420)), 480);
    }

    #[test]
    fn a_session_that_ran_out_while_the_app_was_closed_settles_as_complete_at_its_end() {
        let session = FocusSession::start(at(0), 30).unwrap();
        let outcome = session.settle(at(86_400)).expect("ended meanwhile");
        assert!(outcome.completed);
        assert_eq!(
            outcome.ended,
            at(1800),
            "it ended at its planned end, not when the app came back"
        );
        assert_eq!(session.settle(at(1000)), None);
    }

    #[test]
    fn ending_early_is_incomplete_with_the_time_focused() {
        let mut session = FocusSession::start(at(0), 30).unwrap();
        session.pause(at(300));
        session.resume(at(600));
        let outcome = session.end(at(900));
        assert!(!outcome.completed);
        assert_eq!(outcome.focused_seconds, 600);
        let done = session.end(at(5000));
        assert!(
            done.completed,
            "ending after the time ran out is completion"
        );
    }

    #[test]
    fn stats_add_minutes_and_the_completion_rate() {
        let full = FocusSession::start(at(0), 20).unwrap().end(at(1200));
        let early = FocusSession::start(at(2000), 20)
            .unwrap()
            .end(at(2000 + 330));
        let totals = stats(&[full, early]);
        assert_eq!(
            (totals.sessions, totals.completed, totals.minutes),
            (2, 1, 25)
        );
        assert!((totals.completion_rate - 0.5).abs() < 1e-9);
        assert_eq!(stats(&[]).completion_rate, 0.0);
    }

    proptest! {
        #[test]
        fn focused_plus_remaining_is_the_plan_whatever_the_pauses(
            minutes in 1u32..=MAX_MINUTES,
            steps in proptest::collection::vec((0i64..4000, any::<bool>()), 0..12),
            probe in -1000i64..100_000,
        ) {
            let mut session = FocusSession::start(at(0), minutes).unwrap();
            let mut t = 0;
            for (gap, pause) in steps {
                t += gap;
                if pause { session.pause(at(t)) } else { session.resume(at(t)) }
            }
            let now = at(probe);
            let focused = session.focused_seconds(now);
            prop_assert!((0..=session.planned_seconds).contains(&focused));
            prop_assert_eq!(focused + session.remaining_seconds(now), session.planned_seconds);
            prop_assert!(session.paused_seconds >= 0);
            let outcome = session.end(now);
            prop_assert_eq!(outcome.completed, outcome.focused_seconds == session.planned_seconds && session.settle(now).is_some());
        }
    }
}
