//! Achievements in the app: decided by `companion_core::habit::achievement`
//! on the facts of [`crate::stats`], unlocked once each with the local day.

use companion_core::habit::achievement::{newly_unlocked, progress, Facts, CATALOGUE};
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::Day;
use companion_core::wire::AchievementView;
use quran_data::Quran;

use crate::error::Result;
use crate::stats::{facts, History, Kept};
use crate::store::Store;

/// The facts of the reader's history on `today`.
async fn current_facts(
    store: &Store,
    quran: &Quran,
    habit: &HabitSettings,
    today: Day,
) -> Result<Facts> {
    let history = History::load(store, today).await?;
    let kept = Kept {
        khatms: store.khatms_completed().await?,
        goal_days: store.goal_completions().await?,
        focus: store
            .focus_done(None)
            .await?
            .into_iter()
            .map(|d| d.outcome)
            .collect(),
    };
    Ok(facts(&history, quran, habit, today, &kept))
}

/// Unlocks what the reader's history now meets, at Unix second `at` on
/// `today`; the views of those newly unlocked, in catalogue order.
pub async fn check(
    store: &Store,
    quran: &Quran,
    habit: &HabitSettings,
    at: i64,
    today: Day,
) -> Result<Vec<AchievementView>> {
    let unlocked = store.unlocked().await?;
    if unlocked.len() == CATALOGUE.len() {
        return Ok(Vec::new());
    }
    let facts = current_facts(store, quran, habit, today).await?;
    let mut newly = Vec::new();
    for id in newly_unlocked(&facts, |id| unlocked.contains_key(id)) {
        // Two checks at once may both see it locked; only one unlocks it.
        if store.unlock(id, today, at).await? {
            let target = CATALOGUE
                .iter()
                .find(|a| a.id == id)
                .map_or(1, |a| progress(a.criterion, &facts).1);
            newly.push(AchievementView {
                id: id.to_owned(),
                unlocked_on: Some(today),
                current: target,
                target,
            });
        }
    }
    Ok(newly)
}

/// The whole catalogue on `today`: unlocked ones with their day, the rest
/// with how far along the reader is.
pub async fn all(
    store: &Store,
    quran: &Quran,
    habit: &HabitSettings,
    today: Day,
) -> Result<Vec<AchievementView>> {
    let unlocked = store.unlocked().await?;
    let facts = current_facts(store, quran, habit, today).await?;
    Ok(CATALOGUE
        .iter()
        .map(|a| {
            let (current, target) = progress(a.criterion, &facts);
            let unlocked_on = unlocked.get(a.id).copied();
            AchievementView {
                id: a.id.to_owned(),
                unlocked_on,
                current: if unlocked_on.is_some() {
                    target
                } else {
                    current
                },
                target,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::{ReadHow, RecordReadingRequest};
    use companion_core::AyahRef;

    fn day(n: i32) -> Day {
        Day::from_civil(2026, 6, 10).unwrap().plus(n)
    }

    #[tokio::test]
    async fn a_first_session_unlocks_once_with_its_day_and_the_rest_show_progress() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let (quran, habit) = (quran_data::quran(), HabitSettings::default());
        let at = i64::from(day(0).0) * 86_400 + 9 * 3600;
        assert!(check(&store, quran, &habit, at, day(0))
            .await
            .unwrap()
            .is_empty());
        let fatihah = RecordReadingRequest {
            ayahs: (1..=7).map(|a| AyahRef::new(1, a).unwrap()).collect(),
            how: ReadHow::Dwell,
        };
        crate::progress::record(&store, quran, &fatihah, at, day(0))
            .await
            .unwrap();
        let newly = check(&store, quran, &habit, at, day(0)).await.unwrap();
        let ids: Vec<&str> = newly.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["first_session", "first_surah"]);
        assert!(newly.iter().all(|a| a.unlocked_on == Some(day(0))));
        assert!(
            check(&store, quran, &habit, at + 60, day(1))
                .await
                .unwrap()
                .is_empty(),
            "each unlocks once"
        );
        let all = all(&store, quran, &habit, day(1)).await.unwrap();
        assert_eq!(all.len(), CATALOGUE.len());
        let find = |id: &str| all.iter().find(|a| a.id == id).unwrap().clone();
        assert_eq!(
            find("first_session").unlocked_on,
            Some(day(0)),
            "its own day"
        );
        let hasanat = find("hasanat_10k");
        assert_eq!(
            (hasanat.unlocked_on, hasanat.current, hasanat.target),
            (None, 1_390, 10_000)
        );
        assert_eq!(
            (find("al_baqarah").current, find("al_baqarah").target),
            (0, 1)
        );
    }
}
