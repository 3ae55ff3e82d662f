//! The reader's other devices' changes: pulled from the server after each
//! push, a page at a time from where this device stands in the user's
//! stream, and applied to the local store (reading, goals, the habit's
//! rules, bookmarks). This device's own events come back too and are
//! skipped; an event this build cannot read is skipped and logged, never
//! a reason to stop. Focus and dhikr sessions and the reading position
//! from other devices are not applied yet.

use companion_core::habit::goal::{Goal, Measure, Period};
use companion_core::habit::settings::HabitSettings;
use companion_core::AyahRef;
use jiff::tz::TimeZone;
use serde_json::Value;

use super::client::{Client, PulledEvent};
use crate::clock::local_day;
use crate::error::Result;
use crate::progress::worth;
use crate::store::{AccountRecord, ReadAyah, Store};

/// Pulls and applies everything after `account.pull_cursor`, saving the
/// cursor after each page; how many events were applied.
pub async fn pull(
    store: &Store,
    client: &Client,
    token: &str,
    account: &mut AccountRecord,
    zone: &TimeZone,
) -> Result<u32> {
    let mut applied = 0;
    loop {
        let page = client.pull(token, account.pull_cursor).await?;
        let ids: Vec<&str> = page.events.iter().map(|e| e.id.as_str()).collect();
        let own = store.own_events(&ids).await?;
        for event in page.events.iter().filter(|e| !own.contains(&e.id)) {
            match apply(store, event, zone).await {
                Ok(true) => applied += 1,
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(id = %event.id, kind = %event.kind, %error, "a pulled event was not applied")
                }
            }
        }
        account.pull_cursor = account.pull_cursor.max(page.cursor);
        store.set_account(account).await?;
        if !page.more || page.events.is_empty() {
            return Ok(applied);
        }
    }
}

fn text<'a>(data: &'a Value, field: &str) -> Option<&'a str> {
    data.get(field).and_then(Value::as_str)
}

fn number<T: TryFrom<u64>>(data: &Value, field: &str) -> Option<T> {
    T::try_from(data.get(field)?.as_u64()?).ok()
}

fn ayah_of(data: &Value) -> Option<AyahRef> {
    AyahRef::new(number(data, "surah_number")?, number(data, "ayah_number")?).ok()
}

/// Applies one event of another device: whether it was understood.
async fn apply(store: &Store, event: &PulledEvent, zone: &TimeZone) -> Result<bool> {
    let data = &event.data;
    match event.kind.as_str() {
        "reading_session" => {
            let Some((span, day, ayahs)) = session_of(data, zone) else {
                return Ok(false);
            };
            store.record_remote(&event.id, span, day, &ayahs).await
        }
        "goal_set" | "goal_removed" => {
            let Some(id) = text(data, "goal_id") else {
                return Ok(false);
            };
            let goal = if event.kind == "goal_set" {
                match goal_of(data) {
                    Some(goal) => Some(goal),
                    None => return Ok(false),
                }
            } else {
                None
            };
            store.apply_remote_goal(id, goal, event.received_at).await?;
            Ok(true)
        }
        "settings" => {
            let habit = data
                .get("habit")
                .and_then(|h| serde_json::from_value::<HabitSettings>(h.clone()).ok());
            let Some(habit) = habit else {
                return Ok(false);
            };
            store.apply_remote_habit(habit).await?;
            Ok(true)
        }
        "bookmark_added" | "bookmark_removed" => {
            let Some(ayah) = ayah_of(data) else {
                return Ok(false);
            };
            let added = (event.kind == "bookmark_added").then(|| text(data, "note"));
            store
                .apply_remote_bookmark(ayah, added, event.received_at)
                .await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn goal_of(data: &Value) -> Option<Goal> {
    let period = Period::parse(text(data, "period")?)?;
    let measure = Measure::parse(text(data, "measure")?)?;
    Goal::new(period, measure, number(data, "target")?).ok()
}

/// A reading session's span (Unix seconds), local day and ayahs.
type Session = ((i64, i64), companion_core::habit::Day, Vec<ReadAyah>);

fn session_of(data: &Value, zone: &TimeZone) -> Option<Session> {
    let surah: u16 = number(data, "surah_number")?;
    let first = AyahRef::new(surah, number(data, "start_ayah")?).ok()?;
    let last = AyahRef::new(surah, number(data, "end_ayah")?).ok()?;
    let started: jiff::Timestamp = text(data, "start_time")?.parse().ok()?;
    let ended: jiff::Timestamp = text(data, "end_time")?.parse().ok()?;
    let quran = quran_data::quran();
    let ayahs: Vec<ReadAyah> = quran
        .range(first, last)
        .iter()
        .map(|a| worth(quran, a.reference))
        .collect();
    if ayahs.is_empty() {
        return None;
    }
    let span = (started.as_second(), ended.as_second());
    Some((span, local_day(started, zone), ayahs))
}
