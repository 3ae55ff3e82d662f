//! Tests of reading progress against a real SQLite file.

use super::*;
use companion_core::wire::ReadHow;

fn fatihah() -> Vec<AyahRef> {
    (1..=7).map(|a| AyahRef::new(1, a).unwrap()).collect()
}

fn day(n: i32) -> Day {
    Day::from_civil(2026, 6, 10).unwrap().plus(n)
}

/// Noon UTC of `day(n)`.
fn noon(n: i32) -> i64 {
    i64::from(day(n).0) * 86_400 + 12 * 3600
}

#[tokio::test]
async fn al_fatihah_read_is_1390_hasanat_today_and_a_one_day_streak() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    let request = RecordReadingRequest {
        ayahs: fatihah(),
        how: ReadHow::Dwell,
    };
    let tally = record(&store, quran, &request, noon(0), day(0))
        .await
        .unwrap();
    assert_eq!(tally.newly.len(), 7);
    assert_eq!((tally.session_hasanat, tally.today_hasanat), (1390, 1390));
    // The same ayahs again in the same session count nothing more.
    let again = record(&store, quran, &request, noon(0) + 60, day(0))
        .await
        .unwrap();
    assert!(again.newly.is_empty());
    assert_eq!(again.today_hasanat, 1390);
    let summary = summary(&store, &HabitSettings::default(), day(0))
        .await
        .unwrap();
    assert_eq!(summary.today.hasanat, 1390);
    assert_eq!(summary.today.ayahs, 7);
    assert!(
        (summary.today.pages - 1.0).abs() < 1e-9,
        "Al-Fatihah is page 1, whole"
    );
    assert_eq!(summary.streak.current, 1);
    assert!(summary.streak.today_done);
}

#[tokio::test]
async fn a_pause_longer_than_the_idle_time_starts_a_new_session_and_sends_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    let one = |ayahs: Vec<AyahRef>| RecordReadingRequest {
        ayahs,
        how: ReadHow::Dwell,
    };
    record(&store, quran, &one(fatihah()), noon(0), day(0))
        .await
        .unwrap();
    assert!(store.outbox(10).await.unwrap().is_empty(), "still open");
    let later = noon(0) + companion_core::habit::SESSION_IDLE_SECONDS + 1;
    let tally = record(&store, quran, &one(fatihah()), later, day(0))
        .await
        .unwrap();
    assert_eq!(tally.newly.len(), 7, "a new session counts them again");
    assert_eq!(tally.session_hasanat, 1390);
    assert_eq!(tally.today_hasanat, 2780);
    let events = store.outbox(10).await.unwrap();
    assert_eq!(events.len(), 1);
    let data = &events[0].data;
    assert_eq!(events[0].event_type, "reading_session");
    assert_eq!(
        (
            data["surah_number"].as_i64(),
            data["start_ayah"].as_i64(),
            data["end_ayah"].as_i64()
        ),
        (Some(1), Some(1), Some(7))
    );
    let duration = data["duration_seconds"].as_i64().unwrap();
    assert!(
        duration * 25 >= 139,
        "plausible to the server: {duration} s"
    );
}

#[tokio::test]
async fn a_crash_loses_nothing_and_the_session_ends_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = crate::store::tests::open(dir.path()).await;
        let request = RecordReadingRequest {
            ayahs: vec![AyahRef::new(2, 255).unwrap(), AyahRef::new(2, 257).unwrap()],
            how: ReadHow::Marked,
        };
        record(&store, quran_data::quran(), &request, noon(0), day(0))
            .await
            .unwrap();
        // Dropped without ending the session, as a crash would.
    }
    let store = crate::store::tests::open(dir.path()).await;
    assert_eq!(store.end_sessions().await.unwrap(), 1);
    assert_eq!(store.all_time().await.unwrap().ayahs, 2);
    let events = store.outbox(10).await.unwrap();
    assert_eq!(events.len(), 2, "2:255 and 2:257 are two runs");
    assert_eq!(events[1].data["start_ayah"], 257);
}

#[tokio::test]
async fn reading_counts_on_the_day_it_happened_and_streaks_follow() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    for n in [-3, -2, -1] {
        let request = RecordReadingRequest {
            ayahs: vec![AyahRef::new(112, 1).unwrap()],
            how: ReadHow::Recited,
        };
        record(&store, quran, &request, noon(n), day(n))
            .await
            .unwrap();
    }
    let summary = summary(&store, &HabitSettings::default(), day(0))
        .await
        .unwrap();
    assert_eq!(summary.today.ayahs, 0);
    assert_eq!(summary.streak.current, 3, "today is still open");
    assert!(!summary.streak.today_done);
    // 2026-06-10 is a Wednesday: Monday and Tuesday are this week.
    assert_eq!(summary.week.ayahs, 2);
    assert_eq!(summary.all_time.ayahs, 3);
}

#[tokio::test]
async fn a_goal_shows_its_progress_is_met_with_its_date_and_can_be_removed() {
    use companion_core::habit::goal::{Goal, Measure, Period};
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    let ayahs = Goal::new(Period::Weekly, Measure::Ayahs, 10).unwrap();
    let id = store.add_goal(ayahs, noon(-2)).await.unwrap();
    let fatihah = RecordReadingRequest {
        ayahs: fatihah(),
        how: ReadHow::Dwell,
    };
    // Monday: 7 of 10 ayahs this week.
    record(&store, quran, &fatihah, noon(-2), day(-2))
        .await
        .unwrap();
    let monday = summary(&store, &HabitSettings::default(), day(-2))
        .await
        .unwrap();
    assert_eq!(monday.goals.len(), 1);
    assert_eq!(monday.goals[0].done, 7.0);
    assert!((monday.goals[0].progress - 0.7).abs() < 1e-9);
    assert_eq!(monday.goals[0].met_on, None);
    // Wednesday: Al-Ikhlas makes 11, and the goal is met that day.
    let ikhlas = RecordReadingRequest {
        ayahs: (1..=4).map(|a| AyahRef::new(112, a).unwrap()).collect(),
        how: ReadHow::Dwell,
    };
    record(&store, quran, &ikhlas, noon(0), day(0))
        .await
        .unwrap();
    let wednesday = summary(&store, &HabitSettings::default(), day(0))
        .await
        .unwrap();
    assert_eq!(wednesday.goals[0].progress, 1.0);
    assert_eq!(wednesday.goals[0].met_on, Some(day(0)));
    // Still recorded as met on Wednesday when looked at on Thursday.
    let thursday = summary(&store, &HabitSettings::default(), day(1))
        .await
        .unwrap();
    assert_eq!(thursday.goals[0].met_on, Some(day(0)));
    // Next week starts over.
    let next_week = summary(&store, &HabitSettings::default(), day(5))
        .await
        .unwrap();
    assert_eq!(next_week.goals[0].done, 0.0);

    store.remove_goal(&id, noon(1)).await.unwrap();
    assert!(summary(&store, &HabitSettings::default(), day(1))
        .await
        .unwrap()
        .goals
        .is_empty());
    let error = store.remove_goal(&id, noon(1)).await.unwrap_err();
    assert_eq!(error.code(), "not_found");
    let kinds: Vec<String> = store
        .outbox(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert!(kinds.contains(&"goal_set".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"goal_removed".to_owned()), "{kinds:?}");
}

#[tokio::test]
async fn a_khatm_plan_gives_todays_portion_from_where_it_stood_this_morning() {
    use companion_core::habit::khatm::Plan;
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    let (first, last) = (AyahRef::new(1, 1).unwrap(), AyahRef::new(114, 6).unwrap());
    let plan = Plan::new(first, last, day(29), day(0)).unwrap();
    store.set_plan(plan, noon(0) - 3600).await.unwrap();
    let view = summary(&store, &HabitSettings::default(), day(0))
        .await
        .unwrap()
        .khatm
        .unwrap();
    let portion = view.today.unwrap();
    assert_eq!(
        (portion.start, portion.first_page),
        (first, 1),
        "today starts at 1:1"
    );
    assert!(
        portion.last_page > 15 && portion.last_page < 25,
        "about 20 pages a day: {portion:?}"
    );
    assert_eq!((view.done, view.total), (0, 6236));

    // Reading Al-Fatihah today moves the plan, not today's portion.
    let request = RecordReadingRequest {
        ayahs: fatihah(),
        how: ReadHow::Dwell,
    };
    record(&store, quran, &request, noon(0), day(0))
        .await
        .unwrap();
    let view = summary(&store, &HabitSettings::default(), day(0))
        .await
        .unwrap()
        .khatm
        .unwrap();
    assert_eq!(view.done, 7);
    assert_eq!(view.today.unwrap().start, first);
    // Tomorrow's portion starts where today's reading ended.
    let tomorrow = summary(&store, &HabitSettings::default(), day(1))
        .await
        .unwrap()
        .khatm
        .unwrap();
    assert_eq!(tomorrow.today.unwrap().start, AyahRef::new(2, 1).unwrap());

    store.end_plan(noon(1)).await.unwrap();
    assert_eq!(
        summary(&store, &HabitSettings::default(), day(1))
            .await
            .unwrap()
            .khatm,
        None
    );
}

#[tokio::test]
async fn too_many_ayahs_at_once_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let request = RecordReadingRequest {
        ayahs: vec![AyahRef::new(1, 1).unwrap(); MAX_AYAHS_PER_CALL + 1],
        how: ReadHow::Marked,
    };
    let error = record(&store, quran_data::quran(), &request, noon(0), day(0))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "invalid_request");
}

#[tokio::test]
async fn excused_days_pause_the_streak_and_the_minimum_decides_a_day() {
    use companion_core::habit::goal::Measure;
    use companion_core::habit::settings::DailyMinimum;
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::tests::open(dir.path()).await;
    let quran = quran_data::quran();
    let ikhlas = RecordReadingRequest {
        ayahs: (1..=4).map(|a| AyahRef::new(112, a).unwrap()).collect(),
        how: ReadHow::Dwell,
    };
    for n in [-4, -3, -1] {
        record(&store, quran, &ikhlas, noon(n), day(n))
            .await
            .unwrap();
    }
    let habit = HabitSettings {
        freezes_per_month: 0,
        ..HabitSettings::default()
    };
    let plain = summary(&store, &habit, day(0)).await.unwrap();
    assert_eq!(plain.streak.current, 1, "day -2 was missed");
    store.set_excused(day(-2), true, noon(0)).await.unwrap();
    let excused = summary(&store, &habit, day(0)).await.unwrap();
    assert_eq!(excused.streak.current, 3, "the excused day paused it");
    assert_eq!(excused.excused, [day(-2)]);
    store.set_excused(day(-2), false, noon(0)).await.unwrap();
    assert_eq!(
        summary(&store, &habit, day(0))
            .await
            .unwrap()
            .streak
            .current,
        1
    );

    // Al-Ikhlas is 4 ayahs, well under a page: a two-page minimum is
    // not met by it.
    let pages = HabitSettings {
        daily_minimum: DailyMinimum {
            measure: Measure::Pages,
            amount: 2,
        },
        ..habit
    };
    let strict = summary(&store, &pages, day(0)).await.unwrap();
    assert_eq!((strict.streak.current, strict.streak.longest), (0, 0));
    assert_eq!(strict.minimum, pages.daily_minimum);
}

mod across_zones {
    use super::*;
    use crate::clock::local_day;
    use proptest::prelude::*;

    /// Zones with DST both ways, a half-hour zone, the date line.
    const ZONES: [&str; 6] = [
        "America/New_York",
        "Europe/London",
        "Asia/Karachi",
        "Asia/Kolkata",
        "Australia/Sydney",
        "Pacific/Kiritimati",
    ];

    /// One reading a local day for `days` days from 2026-03-01 (over
    /// the March and April DST changes), each at local time
    /// `minutes[n]` in zone `zones[n]`: the reader travels, so the
    /// instants can even go back (New York at 23:59, then Kiritimati
    /// at 00:10 the next day is 19 hours earlier). `skip` leaves one
    /// day out. The streak on the last day.
    fn streak_after(days: usize, zones: &[usize], minutes: &[i64], skip: Option<usize>) -> Streak {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let store = crate::store::tests::open(dir.path()).await;
            let start = jiff::civil::date(2026, 3, 1);
            let mut last = Day(0);
            for n in 0..days {
                let zone = jiff::tz::TimeZone::get(ZONES[zones[n] % ZONES.len()]).unwrap();
                let date = start.checked_add(jiff::Span::new().days(n as i64)).unwrap();
                // A wall-clock time in a DST gap moves on by the gap;
                // one that comes twice is its first.
                let (hour, minute) = (minutes[n] / 60, minutes[n] % 60);
                let at = date
                    .at(hour as i8, minute as i8, 0, 0)
                    .to_zoned(zone.clone())
                    .unwrap()
                    .timestamp();
                let day = local_day(at, &zone);
                last = day;
                if Some(n) == skip {
                    continue;
                }
                // A new ayah each day: one ayah counts once a session,
                // and a session can span midnight (or a flight).
                let request = RecordReadingRequest {
                    ayahs: vec![AyahRef::from_index(n as u16).unwrap()],
                    how: ReadHow::Dwell,
                };
                record(&store, quran_data::quran(), &request, at.as_second(), day)
                    .await
                    .unwrap();
            }
            let habit = HabitSettings {
                freezes_per_month: 0,
                ..HabitSettings::default()
            };
            summary(&store, &habit, last).await.unwrap().streak
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn a_reading_every_local_day_keeps_the_streak_wherever_and_whenever(
            zones in prop::collection::vec(0usize..6, 70),
            minutes in prop::collection::vec(0i64..1440, 70),
            days in 30usize..70,
        ) {
            let s = streak_after(days, &zones, &minutes, None);
            prop_assert_eq!(s.current as usize, days);
            prop_assert!(s.today_done);
        }

        #[test]
        fn a_missed_local_day_breaks_it_without_freezes(
            zones in prop::collection::vec(0usize..6, 70),
            minutes in prop::collection::vec(0i64..1440, 70),
            days in 30usize..70,
            skip in 1usize..29,
        ) {
            let s = streak_after(days, &zones, &minutes, Some(skip));
            prop_assert_eq!(s.current as usize, days - skip - 1);
            prop_assert_eq!(s.longest as usize, (days - skip - 1).max(skip));
        }
    }
}
