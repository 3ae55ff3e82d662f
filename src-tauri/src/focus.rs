//! Focus Mode in the app: one session at a time, stored as it stands so a
//! restart resumes it (or settles it, if it ran out meanwhile); what was
//! read during it; history and totals. The arithmetic is
//! `companion_core::daily::focus`; "now" comes from the app's clock.

use companion_core::daily::focus::{stats, FocusSession};
use companion_core::habit::hasanat;
use companion_core::reference::Reference;
use companion_core::wire::{
    FocusHistory, FocusNow, FocusStartRequest, FocusSummary, FocusTarget, FocusView,
};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::store::{FocusDone, FocusRow, Store};

/// How many finished sessions the history lists.
const RECENT: u32 = 20;

/// Focus Mode at `now`: a session that ran out is settled (and told once).
pub async fn status(store: &Store, now: Timestamp, zone: &TimeZone) -> Result<FocusNow> {
    let Some(row) = store.focus_open().await? else {
        return Ok(FocusNow::Idle);
    };
    if let Some(outcome) = row.session.settle(now) {
        store.focus_finish(&row.id, &outcome).await?;
        let done = FocusDone {
            id: row.id,
            outcome,
            target: row.target,
        };
        return Ok(FocusNow::Ended(summary(store, done, zone).await?));
    }
    Ok(FocusNow::Running(view(store, &row, now).await?))
}

/// Starts a session at `now`; refused while one runs.
pub async fn start(
    store: &Store,
    request: FocusStartRequest,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<FocusView> {
    if let FocusNow::Running(_) = status(store, now, zone).await? {
        return Err(Error::Invalid(
            "A focus session is already running: end it first.".into(),
        ));
    }
    if let Some(FocusTarget::Range { start, end }) = request.target {
        Reference::range(start, end)?;
    }
    let session = FocusSession::start(now, request.minutes)?;
    let id = store.focus_start(&session, request.target).await?;
    let row = FocusRow {
        id,
        session,
        target: request.target,
    };
    view(store, &row, now).await
}

/// Pauses (`pause`) or resumes the running session at `now`.
pub async fn pause_or_resume(
    store: &Store,
    pause: bool,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<FocusView> {
    let mut row = running(store, now, zone).await?;
    if pause {
        row.session.pause(now);
    } else {
        row.session.resume(now);
    }
    store.focus_update(&row.id, &row.session).await?;
    view(store, &row, now).await
}

/// Ends the running session at `now`: complete if its time had run,
/// otherwise incomplete with the time focused.
pub async fn end(store: &Store, now: Timestamp, zone: &TimeZone) -> Result<FocusSummary> {
    let Some(row) = store.focus_open().await? else {
        return Err(Error::NotFound("No focus session is running.".into()));
    };
    let outcome = row.session.end(now);
    store.focus_finish(&row.id, &outcome).await?;
    summary(
        store,
        FocusDone {
            id: row.id,
            outcome,
            target: row.target,
        },
        zone,
    )
    .await
}

/// Recent sessions and the totals of all.
pub async fn history(store: &Store, now: Timestamp, zone: &TimeZone) -> Result<FocusHistory> {
    // A session that ran out while nobody looked is history too.
    status(store, now, zone).await?;
    let all = store.focus_done(None).await?;
    let outcomes: Vec<_> = all.iter().map(|d| d.outcome).collect();
    let mut recent = Vec::new();
    for done in all.into_iter().take(RECENT as usize) {
        recent.push(summary(store, done, zone).await?);
    }
    Ok(FocusHistory {
        recent,
        stats: stats(&outcomes),
    })
}

/// The running session, settling one that ran out.
async fn running(store: &Store, now: Timestamp, zone: &TimeZone) -> Result<FocusRow> {
    match status(store, now, zone).await? {
        FocusNow::Running(_) => store
            .focus_open()
            .await?
            .ok_or_else(|| Error::NotFound("No focus session is running.".into())),
        _ => Err(Error::NotFound("No focus session is running.".into())),
    }
}

async fn view(store: &Store, row: &FocusRow, now: Timestamp) -> Result<FocusView> {
    let (_, letters) = store
        .read_between(row.session.started.as_second(), now.as_second())
        .await?;
    Ok(FocusView {
        id: row.id.clone(),
        state: row.session.state(now),
        planned_seconds: row.session.planned_seconds,
        target: row.target,
        hasanat: hasanat(u32::try_from(letters).unwrap_or(u32::MAX)),
    })
}

async fn summary(store: &Store, done: FocusDone, zone: &TimeZone) -> Result<FocusSummary> {
    let (ayahs, letters) = store
        .read_between(
            done.outcome.started.as_second(),
            done.outcome.ended.as_second(),
        )
        .await?;
    Ok(FocusSummary {
        id: done.id,
        day: crate::clock::local_day(done.outcome.started, zone),
        outcome: done.outcome,
        target: done.target,
        ayahs,
        hasanat: hasanat(u32::try_from(letters).unwrap_or(u32::MAX)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::daily::focus::FocusState;
    use companion_core::wire::{FocusTarget, ReadHow, RecordReadingRequest};
    use companion_core::AyahRef;

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_781_092_800 + minutes * 60).unwrap()
    }

    #[tokio::test]
    async fn a_passage_is_kept_with_its_session_and_a_reversed_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let (from, to) = (AyahRef::new(2, 255).unwrap(), AyahRef::new(3, 5).unwrap());
        let reversed = FocusStartRequest {
            minutes: 10,
            target: Some(FocusTarget::Range {
                start: to,
                end: from,
            }),
        };
        let refused = start(&store, reversed, at(0), &TimeZone::UTC)
            .await
            .unwrap_err();
        assert_eq!(refused.code(), "range_reversed");
        let passage = Some(FocusTarget::Range {
            start: from,
            end: to,
        });
        let request = FocusStartRequest {
            minutes: 10,
            target: passage,
        };
        start(&store, request, at(0), &TimeZone::UTC).await.unwrap();
        match status(&store, at(1), &TimeZone::UTC).await.unwrap() {
            FocusNow::Running(view) => assert_eq!(view.target, passage),
            other => panic!("not running: {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_session_survives_a_restart_and_settles_when_it_ran_out() {
        let dir = tempfile::tempdir().unwrap();
        let request = FocusStartRequest {
            minutes: 20,
            target: Some(FocusTarget::Surah { number: 18 }),
        };
        {
            let store = crate::store::tests::open(dir.path()).await;
            let view = start(&store, request, at(0), &TimeZone::UTC).await.unwrap();
            assert_eq!(view.planned_seconds, 1200);
            let again = start(&store, request, at(1), &TimeZone::UTC)
                .await
                .unwrap_err();
            assert_eq!(again.code(), "invalid_request", "one at a time");
            // Paused 5 minutes in, for 10 minutes.
            pause_or_resume(&store, true, at(5), &TimeZone::UTC)
                .await
                .unwrap();
            let resumed = pause_or_resume(&store, false, at(15), &TimeZone::UTC)
                .await
                .unwrap();
            assert!(matches!(
                resumed.state,
                FocusState::Running {
                    remaining_seconds: 900,
                    ..
                }
            ));
            // The app is killed here.
        }
        let store = crate::store::tests::open(dir.path()).await;
        match status(&store, at(20), &TimeZone::UTC).await.unwrap() {
            FocusNow::Running(v) => assert!(matches!(
                v.state,
                FocusState::Running {
                    remaining_seconds: 600,
                    ..
                }
            )),
            other => panic!("still running after a restart: {other:?}"),
        }
        // It ran out at minute 30 while the app was closed.
        match status(&store, at(45), &TimeZone::UTC).await.unwrap() {
            FocusNow::Ended(s) => {
                assert!(s.outcome.completed);
                assert_eq!(s.outcome.ended, at(30));
                assert_eq!(s.outcome.focused_seconds, 1200);
                assert_eq!(s.target, Some(FocusTarget::Surah { number: 18 }));
            }
            other => panic!("settled: {other:?}"),
        }
        assert_eq!(
            status(&store, at(46), &TimeZone::UTC).await.unwrap(),
            FocusNow::Idle,
            "told once"
        );
        let events = store.outbox(10).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type, "focus_session");
        assert_eq!(events[0].data["completed"], true);
    }

    #[tokio::test]
    async fn ending_early_is_incomplete_and_counts_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let request = FocusStartRequest {
            minutes: 30,
            target: None,
        };
        start(&store, request, at(0), &TimeZone::UTC).await.unwrap();
        let fatihah = RecordReadingRequest {
            ayahs: (1..=7).map(|a| AyahRef::new(1, a).unwrap()).collect(),
            how: ReadHow::Dwell,
        };
        let day = companion_core::habit::Day(at(0).as_second().div_euclid(86_400) as i32);
        crate::progress::record(
            &store,
            quran_data::quran(),
            &fatihah,
            at(3).as_second(),
            day,
        )
        .await
        .unwrap();
        let summary = end(&store, at(10), &TimeZone::UTC).await.unwrap();
        assert!(!summary.outcome.completed);
        assert_eq!(summary.outcome.focused_seconds, 600);
        assert_eq!((summary.ayahs, summary.hasanat), (7, 1390));
        assert_eq!(
            end(&store, at(11), &TimeZone::UTC)
                .await
                .unwrap_err()
                .code(),
            "not_found"
        );
        let history = history(&store, at(12), &TimeZone::UTC).await.unwrap();
        assert_eq!(history.recent.len(), 1);
        assert_eq!(
            (
                history.stats.sessions,
                history.stats.completed,
                history.stats.minutes
            ),
            (1, 0, 10)
        );
    }
}
