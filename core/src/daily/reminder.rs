//! What reminder is due when: the daily reading reminder at the reader's
//! time, the streak-at-risk reminder in the evening, alerts at each prayer
//! time and some minutes before, and the end of a focus session; quiet
//! hours hold all but the focus end.
//!
//! The app checks on a short tick (a long sleep stops while the machine
//! sleeps) and asks [`due`] what fell between the last check and now,
//! both wall-clock instants. After a sleep it gets at most the latest
//! reminder of each kind, and only while it still means something (a
//! reading reminder only on its own day, a prayer alert only for a while
//! after the prayer). Every occurrence has a key (kind and local day, or
//! instant): the app stores the keys it fired and passes the recent ones
//! back, so a restart, a clock set back or a change of time zone never
//! fires one twice. Local times are read in the zone passed in now, so
//! after travel the reminder follows the reader's clock.
//!
//! Never reads the clock or the system zone.

use std::collections::BTreeSet;

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::prayer::{prayer_times, Prayer, PrayerSettings};
use super::{day_of, local_instant, Place};
use crate::habit::Day;
use crate::{Error, Result};

/// A prayer alert is dropped if it could not be shown within this long.
pub const PRAYER_ALERT_STALE_SECONDS: i64 = 30 * 60;

/// The longest "minutes before a prayer" alert.
pub const MAX_MINUTES_BEFORE: u32 = 120;

/// The reader's reminder settings. Times are wall-clock times in the
/// reader's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// When to remind of the day's reading, if at all.
    pub daily_reading: Option<Time>,
    /// When (in the evening) to warn that today's minimum is not met yet.
    pub streak_at_risk: Option<Time>,
    /// Alert at each of the five prayer times.
    pub at_prayer: bool,
    /// Alert this many minutes before each prayer.
    pub minutes_before_prayer: Option<u32>,
    pub quiet_hours: Option<QuietHours>,
    /// Notify when a goal is met or an achievement unlocked (on by
    /// default; settings saved before it existed read as on).
    #[serde(default = "on")]
    pub celebrations: bool,
}

fn on() -> bool {
    true
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            daily_reading: None,
            streak_at_risk: None,
            at_prayer: false,
            minutes_before_prayer: None,
            quiet_hours: None,
            celebrations: true,
        }
    }
}

impl ReminderSettings {
    /// Checks the settings' ranges.
    pub fn validate(&self) -> Result<()> {
        if let Some(minutes) = self.minutes_before_prayer {
            if !(1..=MAX_MINUTES_BEFORE).contains(&minutes) {
                return Err(Error::InvalidSetting {
                    reason: format!(
                        "An alert before a prayer comes 1 to {MAX_MINUTES_BEFORE} minutes before it, not {minutes}."
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Wall-clock hours in which reminders wait (e.g. 22:00 to 07:00). A
/// span that starts and ends at the same time is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub start: Time,
    pub end: Time,
}

impl QuietHours {
    /// When something due at `at` may be shown: `at` itself outside quiet
    /// hours, else the end of the quiet hours it falls in. For
    /// notifications the app sends on events (goal reached, achievement
    /// unlocked) as well.
    pub fn release(&self, at: Timestamp, zone: &TimeZone) -> Timestamp {
        let local = zone.to_datetime(at);
        let time = local.time();
        let today = day_of(at, zone);
        let end_day = if self.start < self.end {
            (self.start <= time && time < self.end).then_some(today)
        } else if self.start > self.end {
            if time >= self.start {
                Some(today.plus(1))
            } else if time < self.end {
                Some(today)
            } else {
                None
            }
        } else {
            None
        };
        end_day
            .and_then(|day| local_instant(day, self.end, zone))
            .filter(|&end| end > at)
            .unwrap_or(at)
    }
}

/// The kinds of scheduled reminder; after a sleep at most one of each is
/// shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    DailyReading,
    StreakAtRisk,
    /// At a prayer's time.
    Prayer,
    /// Some minutes before a prayer.
    PrayerSoon,
    FocusEnd,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::DailyReading,
        Kind::StreakAtRisk,
        Kind::Prayer,
        Kind::PrayerSoon,
        Kind::FocusEnd,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::DailyReading => "daily_reading",
            Kind::StreakAtRisk => "streak_at_risk",
            Kind::Prayer => "prayer",
            Kind::PrayerSoon => "prayer_soon",
            Kind::FocusEnd => "focus_end",
        }
    }
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// Unique per occurrence (`daily_reading:2026-03-08`,
    /// `prayer:asr:2026-03-08`, `focus_end:1780001200`): store it once
    /// shown and pass it back in [`Inputs::fired`].
    pub key: String,
    pub kind: Kind,
    /// The prayer, for the prayer alerts.
    pub prayer: Option<Prayer>,
    /// When it was due.
    pub due: Timestamp,
    /// When it could be shown (after quiet hours).
    pub shown_from: Timestamp,
}

/// Whether a day's minimum is met or the day excused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayStatus {
    pub met: bool,
    pub excused: bool,
}

/// What the rules need besides the settings.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The reader's zone now.
    pub zone: &'a TimeZone,
    /// Today's status (the local day of "now" in `zone`).
    pub today: DayStatus,
    /// Where and how prayer times are computed, for the prayer alerts.
    pub prayers: Option<(&'a Place, &'a PrayerSettings)>,
    /// The planned end of the running focus session, if any.
    pub focus_end: Option<Timestamp>,
    /// Keys already shown (the last few days' are enough).
    pub fired: &'a BTreeSet<String>,
}

/// One occurrence before filtering.
struct Candidate {
    key: String,
    kind: Kind,
    prayer: Option<Prayer>,
    due: Timestamp,
    /// It means nothing from this instant on.
    stale: Option<Timestamp>,
    quiet: bool,
}

/// The reminders to show at `now`, given the last check at
/// `last_checked`: the occurrences whose showing time fell in
/// `(last_checked, now]`, still relevant at `now` and not fired yet, the
/// latest of each kind, in order.
pub fn due(
    settings: &ReminderSettings,
    inputs: &Inputs<'_>,
    last_checked: Timestamp,
    now: Timestamp,
) -> Vec<Due> {
    if now <= last_checked {
        return Vec::new();
    }
    let zone = inputs.zone;
    let today = day_of(now, zone);
    // Nothing older than yesterday can still be relevant, however long the
    // machine slept.
    let first = day_of(last_checked, zone).max(today.plus(-1));
    let mut candidates = Vec::new();
    let mut day = first;
    while day <= today {
        daily(settings, inputs, day, today, &mut candidates);
        day = day.plus(1);
    }
    if let Some((place, prayer_settings)) = inputs.prayers {
        prayer_alerts(
            settings,
            place,
            prayer_settings,
            last_checked,
            now,
            &mut candidates,
        );
    }
    if let Some(end) = inputs.focus_end {
        candidates.push(Candidate {
            key: format!("{}:{}", Kind::FocusEnd.as_str(), end.as_second()),
            kind: Kind::FocusEnd,
            prayer: None,
            due: end,
            stale: None,
            quiet: false,
        });
    }

    let mut latest: std::collections::BTreeMap<Kind, Due> = std::collections::BTreeMap::new();
    for candidate in candidates {
        let shown_from = match settings.quiet_hours {
            Some(quiet) if candidate.quiet => quiet.release(candidate.due, zone),
            _ => candidate.due,
        };
        let in_window = last_checked < shown_from && shown_from <= now;
        let relevant = candidate.stale.is_none_or(|stale| now < stale);
        if !in_window || !relevant || inputs.fired.contains(&candidate.key) {
            continue;
        }
        let due = Due {
            key: candidate.key,
            kind: candidate.kind,
            prayer: candidate.prayer,
            due: candidate.due,
            shown_from,
        };
        match latest.get(&due.kind) {
            Some(kept) if kept.due >= due.due => {}
            _ => {
                latest.insert(due.kind, due);
            }
        }
    }
    let mut shown: Vec<Due> = latest.into_values().collect();
    shown.sort_by_key(|d| (d.shown_from, d.kind));
    shown
}

/// The reading and streak reminders of one local day.
fn daily(
    settings: &ReminderSettings,
    inputs: &Inputs<'_>,
    day: Day,
    today: Day,
    out: &mut Vec<Candidate>,
) {
    let end_of_day = local_instant(day.plus(1), Time::midnight(), inputs.zone);
    // Only today's status is known, and only today's warning can matter.
    let at_risk = day == today && !inputs.today.met && !inputs.today.excused;
    let kinds = [
        (Kind::DailyReading, settings.daily_reading),
        (
            Kind::StreakAtRisk,
            settings.streak_at_risk.filter(|_| at_risk),
        ),
    ];
    for (kind, time) in kinds {
        if let Some(due) = time.and_then(|time| local_instant(day, time, inputs.zone)) {
            out.push(Candidate {
                key: format!("{}:{day}", kind.as_str()),
                kind,
                prayer: None,
                due,
                stale: end_of_day,
                quiet: true,
            });
        }
    }
}

/// The prayer alerts whose time may fall in the window, by the place's
/// own days.
fn prayer_alerts(
    settings: &ReminderSettings,
    place: &Place,
    prayer_settings: &PrayerSettings,
    last_checked: Timestamp,
    now: Timestamp,
    out: &mut Vec<Candidate>,
) {
    if !settings.at_prayer && settings.minutes_before_prayer.is_none() {
        return;
    }
    let Ok(zone) = place.zone() else { return };
    let today = day_of(now, &zone);
    let first = day_of(last_checked, &zone).max(today.plus(-1));
    let mut day = first;
    while day <= today.plus(1) {
        if let Ok(times) = prayer_times(place, day, prayer_settings) {
            for time in times.times.iter().filter(|t| t.prayer.is_prayer()) {
                let name = time.prayer.as_str();
                if settings.at_prayer {
                    out.push(Candidate {
                        key: format!("{}:{name}:{day}", Kind::Prayer.as_str()),
                        kind: Kind::Prayer,
                        prayer: Some(time.prayer),
                        due: time.at,
                        stale: Timestamp::from_second(
                            time.at.as_second() + PRAYER_ALERT_STALE_SECONDS,
                        )
                        .ok(),
                        quiet: true,
                    });
                }
                if let Some(minutes) = settings.minutes_before_prayer {
                    let before = time.at.as_second() - i64::from(minutes) * 60;
                    if let Ok(due) = Timestamp::from_second(before) {
                        out.push(Candidate {
                            key: format!("{}:{name}:{day}", Kind::PrayerSoon.as_str()),
                            kind: Kind::PrayerSoon,
                            prayer: Some(time.prayer),
                            due,
                            stale: Some(time.at),
                            quiet: true,
                        });
                    }
                }
            }
        }
        day = day.plus(1);
    }
}

#[cfg(test)]
#[path = "reminder_tests.rs"]
mod tests;
