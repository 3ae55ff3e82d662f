//! Reading goals, per user: a target for a day, a week or a month in
//! pages, ayahs, minutes or Hasanat (core's `habit::goal` rules).
//!
//! Goals travel as sync events (`goal_set`, `goal_removed`, keyed by
//! `goal_id`), as the app's outbox sends them: the REST calls record the
//! same events (so the user's devices pull them), and a user's goals are
//! their events folded in order, never a second copy. Another user's
//! goal is not found. Never here: SQL, statuses.

use companion_core::habit::goal::{Goal, Measure, Period};
use companion_core::habit::kept::GoalSpan;
use companion_core::habit::Day;
use jiff::tz::TimeZone;
use serde_json::{json, Value};

use super::{days, sync, Error, Result};
use crate::kinds::EventType;
use crate::store::{EventRow, Store};

/// A standing goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalRow {
    pub id: String,
    pub goal: Goal,
    /// When it was last set (Unix seconds, the server's receipt).
    pub set_at: i64,
}

fn not_found() -> Error {
    Error::not_found("goal_not_found", "You have no goal with this id.")
}

/// Each change in `events` (`goal_set` / `goal_removed`, in order): the
/// event, its goal's id, and the goal it set (`None` for a removal, or a
/// setting that does not parse). Events without a goal id are skipped.
fn changes(events: &[EventRow]) -> impl Iterator<Item = (&EventRow, String, Option<Goal>)> {
    events.iter().filter_map(|event| {
        let data = serde_json::from_str::<Value>(&event.data).ok()?;
        let id = data.get("goal_id")?.as_str()?.to_owned();
        let goal = (event.kind == EventType::GoalSet)
            .then(|| goal_of(&data))
            .flatten();
        Some((event, id, goal))
    })
}

/// The goals standing after `events` (`goal_set` / `goal_removed`, in
/// order): the latest setting of each, without the removed ones. Events
/// that do not parse are skipped (a device's old shape).
pub fn fold(events: &[EventRow]) -> Vec<GoalRow> {
    let mut goals: Vec<GoalRow> = Vec::new();
    for (event, id, goal) in changes(events) {
        goals.retain(|g| g.id != id);
        if let Some(goal) = goal {
            goals.push(GoalRow {
                id,
                goal,
                set_at: event.received_at,
            });
        }
    }
    goals
}

/// How each goal stood over time after `events` (`goal_set` /
/// `goal_removed`, in order): a span from the local day (in `zone`) the
/// server received each setting until the day it was changed or removed.
/// Events that do not parse are skipped, as in [`fold`].
pub fn spans(events: &[EventRow], zone: &TimeZone) -> Vec<GoalSpan> {
    let mut spans: Vec<GoalSpan> = Vec::new();
    for (event, id, goal) in changes(events) {
        let day = Day(i32::try_from(days::today(event.received_at, zone)).unwrap_or(0));
        for span in spans.iter_mut().filter(|s| s.id == id && s.until.is_none()) {
            span.until = Some(day);
        }
        if let Some(goal) = goal {
            spans.push(GoalSpan {
                id,
                goal,
                from: day,
                until: None,
            });
        }
    }
    spans
}

fn goal_of(data: &Value) -> Option<Goal> {
    let text = |field: &str| data.get(field).and_then(Value::as_str);
    let period = Period::parse(text("period")?)?;
    let measure = Measure::parse(text("measure")?)?;
    let target = u32::try_from(data.get("target")?.as_u64()?).ok()?;
    Goal::new(period, measure, target).ok()
}

/// A goal as asked for, checked with core's rules.
pub fn check(period: &str, measure: &str, target: i64) -> Result<Goal> {
    let period = Period::parse(period)
        .ok_or_else(|| Error::invalid("invalid_period", "`period` is daily, weekly or monthly."))?;
    let measure = Measure::parse(measure).ok_or_else(|| {
        Error::invalid(
            "invalid_measure",
            "`measure` is pages, ayahs, minutes or hasanat.",
        )
    })?;
    let bad_target = || {
        Error::invalid(
            "invalid_target",
            format!(
                "A goal's target is 1 to {}.",
                companion_core::habit::goal::MAX_TARGET
            ),
        )
    };
    let target = u32::try_from(target).map_err(|_| bad_target())?;
    Goal::new(period, measure, target).map_err(|_| bad_target())
}

/// `user`'s standing goals, oldest first.
pub async fn list(store: &Store, user: &str) -> Result<Vec<GoalRow>> {
    let kinds = [EventType::GoalSet, EventType::GoalRemoved];
    Ok(fold(&store.events_of(user, &kinds).await?))
}

async fn find(store: &Store, user: &str, id: &str) -> Result<GoalRow> {
    list(store, user)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(not_found)
}

/// Sets goal `id` (a new one when `None`) to `goal`: the goal.
pub async fn set(
    store: &Store,
    user: &str,
    id: Option<&str>,
    goal: Goal,
    now: i64,
) -> Result<GoalRow> {
    let id = match id {
        Some(id) => find(store, user, id).await?.id,
        None => uuid::Uuid::new_v4().to_string(),
    };
    let data = json!({
        "goal_id": id,
        "period": goal.period.as_str(),
        "measure": goal.measure.as_str(),
        "target": goal.target,
    });
    sync::record(store, user, EventType::GoalSet, &data, now).await?;
    find(store, user, &id).await
}

/// Removes goal `id`.
pub async fn remove(store: &Store, user: &str, id: &str, now: i64) -> Result<()> {
    let goal = find(store, user, id).await?;
    let data = json!({ "goal_id": goal.id });
    sync::record(store, user, EventType::GoalRemoved, &data, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, kind: EventType, data: Value) -> EventRow {
        EventRow {
            id: format!("e{seq}"),
            seq,
            kind,
            data: data.to_string(),
            received_at: seq,
        }
    }

    #[test]
    fn goals_are_the_latest_setting_of_each_without_the_removed_ones() {
        let set = |seq, id: &str, target: u32| {
            let data =
                json!({ "goal_id": id, "period": "daily", "measure": "pages", "target": target });
            event(seq, EventType::GoalSet, data)
        };
        let events = [
            set(1, "a", 5),
            set(2, "b", 10),
            set(3, "a", 7),
            event(4, EventType::GoalRemoved, json!({ "goal_id": "b" })),
            event(
                5,
                EventType::GoalSet,
                json!({ "goal_id": "c", "period": "yearly" }),
            ),
        ];
        let goals = fold(&events);
        assert_eq!(goals.len(), 1, "b removed, c unreadable: {goals:?}");
        assert_eq!((goals[0].id.as_str(), goals[0].goal.target), ("a", 7));
    }

    #[test]
    fn spans_run_from_each_setting_to_the_next_change_in_local_days() {
        let day = 86_400;
        let set = |seq: i64, id: &str, at: i64| EventRow {
            received_at: at,
            ..event(
                seq,
                EventType::GoalSet,
                json!({ "goal_id": id, "period": "daily", "measure": "ayahs", "target": 5 }),
            )
        };
        let events = [
            set(1, "a", 100 * day + 3_600),
            set(2, "b", 101 * day),
            set(3, "a", 104 * day + 23 * 3_600),
            EventRow {
                received_at: 110 * day,
                ..event(4, EventType::GoalRemoved, json!({ "goal_id": "a" }))
            },
        ];
        let utc = spans(&events, &TimeZone::UTC);
        let shown: Vec<(&str, i32, Option<i32>)> = utc
            .iter()
            .map(|s| (s.id.as_str(), s.from.0, s.until.map(|d| d.0)))
            .collect();
        assert_eq!(
            shown,
            [
                ("a", 100, Some(104)),
                ("b", 101, None),
                ("a", 104, Some(110))
            ]
        );
        let tokyo = spans(&events, &TimeZone::get("Asia/Tokyo").unwrap());
        assert_eq!(
            tokyo[2].from,
            Day(105),
            "23:00 UTC is the next day in Tokyo"
        );
    }

    #[test]
    fn a_goal_needs_a_known_period_and_measure_and_a_sane_target() {
        assert!(check("weekly", "hasanat", 1_000).is_ok());
        let code = |p, m, t| check(p, m, t).err().and_then(|e| e.code());
        assert_eq!(code("yearly", "pages", 1), Some("invalid_period"));
        assert_eq!(code("daily", "letters", 1), Some("invalid_measure"));
        assert_eq!(code("daily", "pages", 0), Some("invalid_target"));
        assert_eq!(code("daily", "pages", -5), Some("invalid_target"));
        assert_eq!(code("daily", "pages", 20_000_000), Some("invalid_target"));
    }
}
