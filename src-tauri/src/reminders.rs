//! The one scheduler of reminders. Every [`TICK`] it asks
//! `companion_core::daily::reminder::due` what fell due between its last
//! look and now, by the wall clock (a long sleep of the computer is one
//! tick with a long gap: at most the latest of each kind, if still
//! relevant), records each as shown before showing it (so a restart
//! never shows it twice), and hands it to the app: a system notification
//! when the window is not in front, and always an event the open window
//! shows in itself (so reminders work without a notification service).
//! During a focus session only its end is shown; the others wait for it.

use std::collections::BTreeSet;

use companion_core::daily::reminder::{due, DayStatus, Due, Inputs, Kind};
use companion_core::habit::Day;
use companion_core::wire::Settings;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::clock::local_day;
use crate::error::Result;
use crate::store::Store;

/// How often the scheduler looks.
pub const TICK: std::time::Duration = std::time::Duration::from_secs(15);

/// How far back shown keys are kept in mind (a reminder is never due
/// from further back than yesterday).
const REMEMBER_SECONDS: i64 = 3 * 86_400;

/// What fell due at `now` and was not shown yet; each is recorded as shown.
pub async fn check(
    store: &Store,
    settings: &Settings,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Vec<Due>> {
    let at = now.as_second();
    // The first look ever starts now: nothing from before it is due.
    let last = store.reminders_checked().await?.unwrap_or(at);
    let last = Timestamp::from_second(last).unwrap_or(now);
    let today = local_day(now, zone);
    let status = day_status(store, settings, today).await?;
    let fired = store.reminders_fired(at - REMEMBER_SECONDS).await?;
    let place = settings.daily.place.as_ref().and_then(|p| p.place());
    // The running session's end; or, when the window settled one first,
    // the end of the last one completed.
    let running_end = store
        .focus_open()
        .await?
        .and_then(|row| row.session.ends_at());
    let last_done = store
        .focus_done(Some(1))
        .await?
        .into_iter()
        .find(|done| done.outcome.completed)
        .map(|done| done.outcome.ended);
    let focus_end = running_end.or(last_done);
    let inputs = Inputs {
        zone,
        today: status,
        prayers: place.as_ref().map(|p| (p, &settings.daily.prayer)),
        focus_end,
        fired: &fired,
    };
    // During a focus session only its end is shown; the rest wait (the
    // last look stays put, so they come when the session is over, the
    // latest of each kind if still relevant).
    let focusing = running_end.is_some();
    let mut shown = Vec::new();
    for reminder in due(&settings.reminders, &inputs, last, now) {
        if focusing && reminder.kind != Kind::FocusEnd {
            continue;
        }
        if store.reminder_fire(&reminder.key, at).await? {
            shown.push(reminder);
        }
    }
    if !focusing {
        store.set_reminders_checked(at).await?;
    }
    Ok(shown)
}

async fn day_status(store: &Store, settings: &Settings, today: Day) -> Result<DayStatus> {
    let met = store
        .day_amounts(today, today)
        .await?
        .first()
        .is_some_and(|(_, amount)| settings.habit.daily_minimum.is_met(amount));
    let excused = !store.excused(today, today).await?.is_empty();
    Ok(DayStatus { met, excused })
}

/// The keys of `reminders`, for tests and logs.
pub fn keys(reminders: &[Due]) -> BTreeSet<String> {
    reminders.iter().map(|r| r.key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::{ReadHow, RecordReadingRequest};
    use companion_core::AyahRef;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn settings() -> Settings {
        let mut s = Settings::default();
        s.reminders.daily_reading = Some(jiff::civil::time(20, 0, 0, 0));
        s.reminders.streak_at_risk = Some(jiff::civil::time(21, 0, 0, 0));
        s
    }

    #[tokio::test]
    async fn a_reminder_fires_once_even_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let zone = TimeZone::get("Europe/London").unwrap();
        let s = settings();
        {
            let store = crate::store::tests::open(dir.path()).await;
            // The first look starts the clock: nothing is due from before.
            assert!(check(&store, &s, at("2026-06-10T18:58:00Z"), &zone)
                .await
                .unwrap()
                .is_empty());
            // 20:00 in London (BST) is 19:00 UTC.
            let shown = check(&store, &s, at("2026-06-10T19:00:10Z"), &zone)
                .await
                .unwrap();
            assert_eq!(
                keys(&shown),
                BTreeSet::from(["daily_reading:2026-06-10".to_owned()])
            );
        }
        let store = crate::store::tests::open(dir.path()).await;
        assert!(
            check(&store, &s, at("2026-06-10T19:00:25Z"), &zone)
                .await
                .unwrap()
                .is_empty(),
            "not again after a restart"
        );
    }

    #[tokio::test]
    async fn the_streak_reminder_waits_for_an_unmet_day_and_a_long_sleep_shows_the_latest_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let zone = TimeZone::UTC;
        let s = settings();
        check(&store, &s, at("2026-06-10T08:00:00Z"), &zone)
            .await
            .unwrap();
        // Asleep from 08:00 to 22:00: the daily reminder (20:00) and the
        // streak one (21:00) fell due; each kind shows once, now.
        let shown = check(&store, &s, at("2026-06-10T22:00:00Z"), &zone)
            .await
            .unwrap();
        let kinds: BTreeSet<&str> = shown.iter().map(|r| r.kind.as_str()).collect();
        assert!(kinds.contains("streak_at_risk"), "{kinds:?}");
        assert!(shown.len() <= 2);
        // The next day, reading before 21:00 means no streak reminder.
        let request = RecordReadingRequest {
            ayahs: vec![AyahRef::new(112, 1).unwrap()],
            how: ReadHow::Dwell,
        };
        let noon = at("2026-06-11T12:00:00Z");
        let day = local_day(noon, &zone);
        crate::progress::record(&store, quran_data::quran(), &request, noon.as_second(), day)
            .await
            .unwrap();
        check(&store, &s, at("2026-06-11T20:59:00Z"), &zone)
            .await
            .unwrap();
        let evening = check(&store, &s, at("2026-06-11T21:00:30Z"), &zone)
            .await
            .unwrap();
        assert!(
            evening.iter().all(|r| r.kind != Kind::StreakAtRisk),
            "{evening:?}"
        );
    }

    #[tokio::test]
    async fn during_focus_only_its_end_is_shown_and_the_rest_wait_for_it() {
        use companion_core::daily::focus::FocusSession;
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let zone = TimeZone::UTC;
        let s = settings();
        check(&store, &s, at("2026-06-10T19:50:00Z"), &zone)
            .await
            .unwrap();
        // A 20-minute session from 19:55 to 20:15, across the 20:00 reminder.
        let session = FocusSession::start(at("2026-06-10T19:55:00Z"), 20).unwrap();
        let id = store.focus_start(&session, None).await.unwrap();
        let during = check(&store, &s, at("2026-06-10T20:00:10Z"), &zone)
            .await
            .unwrap();
        assert!(during.is_empty(), "held: {during:?}");
        // The window settles the session at its end, before the next look.
        let outcome = session.end(at("2026-06-10T20:15:00Z"));
        store.focus_finish(&id, &outcome).await.unwrap();
        let after = check(&store, &s, at("2026-06-10T20:15:10Z"), &zone)
            .await
            .unwrap();
        let kinds: BTreeSet<&str> = after.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, BTreeSet::from(["daily_reading", "focus_end"]));
        assert!(check(&store, &s, at("2026-06-10T20:15:25Z"), &zone)
            .await
            .unwrap()
            .is_empty());
    }
}
