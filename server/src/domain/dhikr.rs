//! Dhikr on the server: the recommended adhkar (core's catalogue, after
//! prayer, morning and evening, each with its hadith), and each user's
//! rounds of dhikr.
//!
//! Rounds are `dhikr_session` sync events, as the app's outbox sends them
//! (`kind`, `count`, `completed`, `start_time`, `end_time`); recording one
//! over REST stores the same event, so the user's devices pull it.
//! Never here: SQL, statuses.

use companion_core::daily::dhikr::{adhkar, Dhikr, Occasion};
use companion_core::wire::DhikrKind;
use serde_json::{json, Value};

use super::{days, sync, Error, Result};
use crate::kinds::EventType;
use crate::store::{EventRow, Store};

/// The most counts one round may hold.
pub const MAX_COUNT: i64 = 100_000;

/// A round of dhikr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Its sync event's id.
    pub id: String,
    pub kind: DhikrKind,
    pub count: i64,
    pub completed: bool,
    pub start: i64,
    pub end: i64,
}

/// A round to record, as asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewRound<'a> {
    pub kind: &'a str,
    pub count: i64,
    pub completed: bool,
    pub start_time: &'a str,
    pub end_time: &'a str,
}

/// The name of an occasion (as the API writes it).
pub fn occasion_name(occasion: Occasion) -> &'static str {
    match occasion {
        Occasion::AfterPrayer => "after_prayer",
        Occasion::Morning => "morning",
        Occasion::Evening => "evening",
    }
}

/// The recommended adhkar of `occasion` (every occasion when `None`).
pub fn recommended(occasion: Option<&str>) -> Result<Vec<(Occasion, &'static [Dhikr])>> {
    let chosen: Vec<Occasion> = match occasion {
        None => Occasion::ALL.to_vec(),
        Some(name) => vec![Occasion::ALL
            .into_iter()
            .find(|o| occasion_name(*o) == name)
            .ok_or_else(|| {
                Error::invalid(
                    "invalid_occasion",
                    "`occasion` is after_prayer, morning or evening.",
                )
            })?],
    };
    Ok(chosen.into_iter().map(|o| (o, adhkar(o))).collect())
}

/// One `dhikr_session` event read as a round; `None` if it does not parse.
pub fn round_of(event: &EventRow) -> Option<Round> {
    let data: Value = serde_json::from_str(&event.data).ok()?;
    let time = |field: &str| days::parse_rfc3339(data.get(field)?.as_str()?);
    Some(Round {
        id: event.id.clone(),
        kind: DhikrKind::parse(data.get("kind")?.as_str()?)?,
        count: data.get("count")?.as_i64()?,
        completed: data.get("completed")?.as_bool()?,
        start: time("start_time")?,
        end: time("end_time")?,
    })
}

/// Records a round of `user` as a `dhikr_session` sync event.
pub async fn record(store: &Store, user: &str, new: NewRound<'_>, now: i64) -> Result<Round> {
    let kind = DhikrKind::parse(new.kind).ok_or_else(|| {
        Error::invalid(
            "invalid_kind",
            "`kind` is after_prayer, morning, evening or free.",
        )
    })?;
    if !(1..=MAX_COUNT).contains(&new.count) {
        return Err(Error::invalid(
            "invalid_count",
            format!("`count` is 1 to {MAX_COUNT}."),
        ));
    }
    let (start, end) = days::check_span(new.start_time, new.end_time, now)?;
    let data = json!({
        "kind": kind.as_str(),
        "count": new.count,
        "completed": new.completed,
        "start_time": days::rfc3339(start),
        "end_time": days::rfc3339(end),
    });
    let id = sync::record(store, user, EventType::DhikrSession, &data, now).await?;
    Ok(Round {
        id,
        kind,
        count: new.count,
        completed: new.completed,
        start,
        end,
    })
}

/// `user`'s rounds, newest first.
pub async fn rounds(store: &Store, user: &str) -> Result<Vec<Round>> {
    let events = store.events_of(user, &[EventType::DhikrSession]).await?;
    let mut rounds: Vec<Round> = events.iter().filter_map(round_of).collect();
    rounds.sort_by(|a, b| b.end.cmp(&a.end).then_with(|| a.id.cmp(&b.id)));
    Ok(rounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recommended_lists_are_the_core_catalogue() {
        let all = recommended(None).ok().unwrap_or_default();
        assert_eq!(all.len(), 3);
        let morning = recommended(Some("morning")).ok().unwrap_or_default();
        assert_eq!(morning.len(), 1);
        assert_eq!(morning[0].1, adhkar(Occasion::Morning));
        assert_eq!(
            recommended(Some("noon")).err().and_then(|e| e.code()),
            Some("invalid_occasion")
        );
    }
}
