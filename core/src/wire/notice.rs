//! System notifications as the UI sees them: whether they can be shown,
//! and which screen a click on one opens.

use serde::{Deserialize, Serialize};

use crate::habit::goal::Goal;

/// Whether the app can show system notifications here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum NotificationStatus {
    /// A notification service answers (its name, when it tells one).
    On { service: String },
    /// No notification service runs on this desktop (or no session bus).
    NoService,
}

impl NotificationStatus {
    /// Whether reminders reach the desktop, not only the open window.
    pub fn is_on(&self) -> bool {
        matches!(self, NotificationStatus::On { .. })
    }
}

/// The screen a click on a notification opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// The reader at today's khatm portion, or where reading stopped.
    TodaysReading,
    /// Home: today's prayer times, the goals.
    Home,
    /// Focus Mode, with the summary of the session that ended.
    FocusSummary,
    Achievements,
}

/// A goal met in its current period, as the window announces it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GoalMet {
    pub goal: Goal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_names_are_stable() {
        let on = NotificationStatus::On {
            service: "dunst".into(),
        };
        assert_eq!(
            serde_json::to_string(&on).ok().as_deref(),
            Some(r#"{"state":"on","service":"dunst"}"#)
        );
        assert_eq!(
            serde_json::to_string(&NotificationStatus::NoService)
                .ok()
                .as_deref(),
            Some(r#"{"state":"no_service"}"#)
        );
        assert_eq!(
            serde_json::to_string(&Destination::TodaysReading)
                .ok()
                .as_deref(),
            Some(r#""todays_reading""#)
        );
        assert!(on.is_on() && !NotificationStatus::NoService.is_on());
    }
}
