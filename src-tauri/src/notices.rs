//! What the scheduler announces, and how: reminders (from `reminders`),
//! and the celebrations of a goal met or an achievement unlocked. Each has
//! its words (the window's own Fluent messages, see `words`) and the
//! screen a click on its notification opens.
//!
//! Celebrations follow the reminders' rules: each is recorded before it is
//! shown (never twice, even across a restart), and a focus session or
//! quiet hours hold them (unrecorded, so they come after).

use companion_core::daily::reminder::{Due, Kind};
use companion_core::habit::goal::Goal;
use companion_core::wire::{Destination, GoalMet, Settings, UiLanguage};
use fluent_bundle::FluentValue;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::clock::local_day;
use crate::error::Result;
use crate::store::Store;
use crate::{progress, words};

/// How far back an unlocked achievement is still announced.
const CELEBRATE_SECONDS: i64 = 3 * 86_400;

/// Something the scheduler announces.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A reminder (the window shows it too).
    Reminder(Due),
    /// A goal met in its current period (the window shows it too).
    GoalMet(GoalMet),
    /// An achievement unlocked, by id (the window announced it when it
    /// unlocked it).
    Achievement(String),
}

impl Notice {
    /// The screen a click on its notification opens.
    pub fn destination(&self) -> Destination {
        match self {
            Notice::Reminder(due) => match due.kind {
                Kind::DailyReading | Kind::StreakAtRisk => Destination::TodaysReading,
                Kind::Prayer | Kind::PrayerSoon => Destination::Home,
                Kind::FocusEnd => Destination::FocusSummary,
            },
            Notice::GoalMet(_) => Destination::Home,
            Notice::Achievement(_) => Destination::Achievements,
        }
    }

    /// The title and body of its system notification, in `language`.
    pub fn text(&self, language: UiLanguage) -> (String, String) {
        let t = |id: &str, args: &[(&str, FluentValue<'_>)]| words::t(language, id, args);
        match self {
            Notice::Reminder(due) => {
                let prayer = due
                    .prayer
                    .map(|p| t(&format!("prayer-{}", p.as_str()), &[]))
                    .unwrap_or_default();
                let kind = due.kind.as_str();
                (
                    t(&format!("notice-{kind}"), &[]),
                    t(&format!("reminder-{kind}"), &[("prayer", prayer.into())]),
                )
            }
            Notice::GoalMet(met) => (t("notice-goal", &[]), describe(language, &met.goal)),
            Notice::Achievement(id) => (
                t("notice-achievement", &[]),
                t(&format!("achievement-{id}"), &[]),
            ),
        }
    }
}

/// "10 pages a week", as the goals card says it.
fn describe(language: UiLanguage, goal: &Goal) -> String {
    let t = |id: &str| words::t(language, id, &[]);
    words::t(
        language,
        "goals-describe",
        &[
            ("target", language.count(u64::from(goal.target)).into()),
            (
                "measure",
                t(&format!("goals-{}", goal.measure.as_str())).into(),
            ),
            (
                "period",
                t(&format!("goals-{}", goal.period.as_str())).into(),
            ),
        ],
    )
}

/// The goals met today and the achievements unlocked lately that were not
/// announced yet; each is recorded as announced. Nothing while a focus
/// session runs or in quiet hours, nor when the reader turned them off.
pub async fn celebrations(
    store: &Store,
    settings: &Settings,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Vec<Notice>> {
    let reminders = &settings.reminders;
    let quiet = reminders
        .quiet_hours
        .is_some_and(|quiet| quiet.release(now, zone) > now);
    let focusing = store
        .focus_open()
        .await?
        .is_some_and(|row| row.session.ends_at().is_none_or(|end| end > now));
    if !reminders.celebrations || quiet || focusing {
        return Ok(Vec::new());
    }
    let at = now.as_second();
    let today = local_day(now, zone);
    let week_start = settings.habit.week_start;
    let mut notices = Vec::new();
    for row in store.goals().await? {
        let view = progress::goal_view(store, &row, today, week_start).await?;
        let (period_start, _) = row.goal.period_of(today, week_start);
        let key = format!("goal:{}:{period_start}", row.id);
        if view.met_on == Some(today) && store.reminder_fire(&key, at).await? {
            notices.push(Notice::GoalMet(GoalMet { goal: row.goal }));
        }
    }
    for id in store.unlocked_since(at - CELEBRATE_SECONDS).await? {
        if store
            .reminder_fire(&format!("achievement:{id}"), at)
            .await?
        {
            notices.push(Notice::Achievement(id));
        }
    }
    Ok(notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::daily::focus::FocusSession;
    use companion_core::daily::prayer::Prayer;
    use companion_core::daily::reminder::QuietHours;
    use companion_core::habit::goal::{Measure, Period};
    use companion_core::habit::Day;
    use companion_core::wire::{ReadHow, RecordReadingRequest};
    use companion_core::AyahRef;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// Reads Al-Ikhlas (4 ayahs) at `when`.
    async fn read_ikhlas(store: &Store, when: Timestamp) {
        let request = RecordReadingRequest {
            ayahs: (1..=4).map(|a| AyahRef::new(112, a).unwrap()).collect(),
            how: ReadHow::Dwell,
        };
        let day = local_day(when, &TimeZone::UTC);
        progress::record(store, quran_data::quran(), &request, when.as_second(), day)
            .await
            .unwrap();
    }

    #[test]
    fn notifications_speak_the_readers_language_with_the_windows_words() {
        let due = Due {
            key: "prayer:asr:2026-06-10".into(),
            kind: Kind::Prayer,
            prayer: Some(Prayer::Asr),
            due: at("2026-06-10T12:39:00Z"),
            shown_from: at("2026-06-10T12:39:00Z"),
        };
        let notice = Notice::Reminder(due);
        assert_eq!(
            notice.text(UiLanguage::En),
            ("Prayer time".to_owned(), "It is time for Asr.".to_owned())
        );
        assert_eq!(notice.text(UiLanguage::Ar).1, "حان وقت صلاة العصر.");
        assert_eq!(notice.destination(), Destination::Home);
        let goal = Goal::new(Period::Weekly, Measure::Pages, 1200).unwrap();
        let met = Notice::GoalMet(GoalMet { goal });
        assert_eq!(met.text(UiLanguage::En).1, "1,200 pages a week");
        assert_eq!(met.text(UiLanguage::Ar).1.chars().next(), Some('١'));
        let unlocked = Notice::Achievement("streak_7".into());
        assert_eq!(unlocked.destination(), Destination::Achievements);
        assert_ne!(unlocked.text(UiLanguage::En).1, "achievement-streak_7");
    }

    #[test]
    fn every_notice_has_words_in_both_languages() {
        for language in [UiLanguage::En, UiLanguage::Ar] {
            let ids = Kind::ALL
                .iter()
                .map(|k| format!("notice-{}", k.as_str()))
                .chain(["notice-goal".into(), "notice-achievement".into()]);
            for id in ids {
                assert!(words::has(language, &id), "{language:?} lacks {id}");
            }
            for achievement in companion_core::habit::achievement::CATALOGUE {
                let id = format!("achievement-{}", achievement.id);
                assert!(words::has(language, &id), "{language:?} lacks {id}");
            }
        }
    }

    #[tokio::test]
    async fn a_goal_met_today_is_announced_once_even_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::default();
        let zone = TimeZone::UTC;
        let goal = Goal::new(Period::Daily, Measure::Ayahs, 4).unwrap();
        {
            let store = crate::store::tests::open(dir.path()).await;
            store.add_goal(goal, 0).await.unwrap();
            let morning = at("2026-06-10T08:00:00Z");
            assert!(celebrations(&store, &settings, morning, &zone)
                .await
                .unwrap()
                .is_empty());
            read_ikhlas(&store, at("2026-06-10T09:00:00Z")).await;
            let now = celebrations(&store, &settings, at("2026-06-10T09:00:15Z"), &zone)
                .await
                .unwrap();
            assert_eq!(now, vec![Notice::GoalMet(GoalMet { goal })]);
        }
        let store = crate::store::tests::open(dir.path()).await;
        assert!(
            celebrations(&store, &settings, at("2026-06-10T09:00:30Z"), &zone)
                .await
                .unwrap()
                .iter()
                .all(|n| !matches!(n, Notice::GoalMet(_))),
            "announced twice"
        );
    }

    #[tokio::test]
    async fn achievements_wait_for_focus_and_quiet_hours_and_can_be_turned_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let zone = TimeZone::UTC;
        let mut settings = Settings::default();
        settings.reminders.quiet_hours = Some(QuietHours {
            start: jiff::civil::time(22, 0, 0, 0),
            end: jiff::civil::time(7, 0, 0, 0),
        });
        let unlocked = at("2026-06-10T21:30:00Z");
        store
            .unlock("first_session", Day(20_614), unlocked.as_second())
            .await
            .unwrap();
        // A focus session from 21:30 to 21:50 holds it.
        let session = FocusSession::start(unlocked, 20).unwrap();
        let id = store.focus_start(&session, None).await.unwrap();
        let during = at("2026-06-10T21:40:00Z");
        assert!(celebrations(&store, &settings, during, &zone)
            .await
            .unwrap()
            .is_empty());
        store
            .focus_finish(&id, &session.end(at("2026-06-10T21:50:00Z")))
            .await
            .unwrap();
        // Quiet hours from 22:00 hold it until 07:00.
        assert!(
            celebrations(&store, &settings, at("2026-06-10T23:00:00Z"), &zone)
                .await
                .unwrap()
                .is_empty()
        );
        let morning = at("2026-06-11T07:00:10Z");
        let mut off = settings.clone();
        off.reminders.celebrations = false;
        assert!(celebrations(&store, &off, morning, &zone)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            celebrations(&store, &settings, morning, &zone)
                .await
                .unwrap(),
            vec![Notice::Achievement("first_session".into())]
        );
        assert!(celebrations(&store, &settings, morning, &zone)
            .await
            .unwrap()
            .is_empty());
        // Unlocked more than three days before: old news, not announced.
        store
            .unlock(
                "streak_3",
                Day(20_600),
                at("2026-06-01T10:00:00Z").as_second(),
            )
            .await
            .unwrap();
        assert!(celebrations(&store, &settings, morning, &zone)
            .await
            .unwrap()
            .is_empty());
    }
}
