//! The milestone posts the server makes from synced reading: a khatm (every
//! ayah of the Qur'an read at least once), a streak of 7, 30, 100 or 365
//! days in a row, each achievement of the app's catalogue the reading
//! meets, and a competition's final rank.
//!
//! Each milestone is posted once (a key per author: `khatm:1`, a streak's
//! `streak_30:<its first day>`, so a new streak reaching 30 days later is
//! a new post) with the visibility the author chose for milestone posts,
//! `private` until they opt in (`feed::milestone_visibility`). A streak
//! that jumps past several milestones at once (a device uploading its
//! history) is posted at the highest one only. An achievement is posted
//! once (`achievement:<id>`), checked after each push of reading from the
//! facts the streak and khatm already load plus the totals (one row); the
//! focus achievements are not checked there (a push of reading does not
//! change them); `goal_week` is, from the goals' history (one more
//! query). The keys posted already are read in one query, so a
//! push that meets nothing new posts nothing. Never here: SQL, statuses.

use companion_core::habit::achievement::{Criterion, Facts, CATALOGUE};
use jiff::tz::TimeZone;

use super::{achievements, days, feed, stats, Result};
use crate::kinds::PostKind;
use crate::store::{NewPost, Store, UserEvent, ACHIEVEMENT_KEY};

/// The streaks (days in a row) worth a post.
pub const STREAK_MILESTONES: [i64; 4] = [7, 30, 100, 365];

/// The highest streak milestone `current` days in a row have reached.
pub fn streak_milestone(current: i64) -> Option<i64> {
    STREAK_MILESTONES
        .iter()
        .rev()
        .copied()
        .find(|m| current >= *m)
}

/// Whether an achievement's criterion has a milestone post of its own (a
/// khatm, a streak milestone), so it is not posted as an achievement too.
pub fn posted_otherwise(criterion: Criterion) -> bool {
    match criterion {
        Criterion::Khatms(_) => true,
        Criterion::Streak(days) => STREAK_MILESTONES.contains(&i64::from(days)),
        _ => false,
    }
}

/// The achievements `facts` meet that are posted as achievements.
pub fn achievements_met(facts: &Facts) -> Vec<achievements::Standing> {
    CATALOGUE
        .iter()
        .zip(achievements::standings(facts))
        .filter(|(a, standing)| standing.unlocked && !posted_otherwise(a.criterion))
        .map(|(_, standing)| standing)
        .collect()
}

/// Posts what `user`'s reading has reached and not posted yet (after a
/// push stored reading sessions): the events to publish.
pub async fn after_reading(
    store: &Store,
    user: &str,
    zone: &TimeZone,
    now: i64,
) -> Result<Vec<UserEvent>> {
    let mut events = Vec::new();
    let days = store.daily_totals(user, None).await?;
    let streak = stats::streak_of(&days, days::today(now, zone));
    if let (Some(milestone), Some(last)) = (streak_milestone(streak.current), streak.last_day) {
        let first = last - streak.current + 1;
        let key = format!("streak_{milestone}:{first}");
        let body = format!("Read the Qur'an {milestone} days in a row.");
        events.extend(post(store, user, ("streak", milestone, &key), &body).await?);
    }
    let ranges = store.read_ranges(user).await?;
    let facts = Facts {
        goal_weeks: achievements::goal_weeks(store, user, &days, zone).await?,
        ..achievements::facts(&days, &ranges, store.totals(user).await?, &[])
    };
    if facts.khatms > 0 {
        let body = "Completed a khatm: every ayah of the Qur'an read.";
        events.extend(post(store, user, ("khatm", 1, "khatm:1"), body).await?);
    }
    let met = achievements_met(&facts);
    if !met.is_empty() {
        let posted = store.milestone_keys(user, ACHIEVEMENT_KEY).await?;
        for achievement in met {
            let key = format!("{ACHIEVEMENT_KEY}{}", achievement.id);
            if posted.contains(&key) {
                continue;
            }
            let target = i64::try_from(achievement.target).unwrap_or(i64::MAX);
            let body = format!("Unlocked an achievement: {}.", achievement.id);
            let milestone = ("achievement", target, key.as_str());
            events.extend(post(store, user, milestone, &body).await?);
        }
    }
    Ok(events)
}

/// Posts `user`'s final `rank` in a competition that ended.
pub async fn competition_result(
    store: &Store,
    user: &str,
    (competition_id, name): (&str, &str),
    rank: i64,
) -> Result<Vec<UserEvent>> {
    let key = format!("competition:{competition_id}");
    let body = format!("Finished {name} at rank {rank}.");
    post(store, user, ("competition", rank, &key), &body).await
}

/// Posts one milestone `(name, value, key)` unless posted before.
async fn post(
    store: &Store,
    user: &str,
    milestone: (&str, i64, &str),
    body: &str,
) -> Result<Vec<UserEvent>> {
    let new = NewPost {
        author: user,
        kind: PostKind::Milestone,
        visibility: feed::milestone_visibility(store, user).await?,
        body,
        ayah: None,
        milestone: Some(milestone),
        group: None,
    };
    Ok(feed::publish(store, &new)
        .await?
        .map(|(_, events)| events)
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streak_is_posted_at_the_highest_milestone_it_reached() {
        assert_eq!(streak_milestone(6), None);
        assert_eq!(streak_milestone(7), Some(7));
        assert_eq!(streak_milestone(29), Some(7));
        assert_eq!(streak_milestone(30), Some(30));
        assert_eq!(streak_milestone(364), Some(100));
        assert_eq!(streak_milestone(1_000), Some(365));
    }

    #[test]
    fn achievements_with_posts_of_their_own_are_not_posted_twice() {
        let facts = Facts {
            sessions: 1,
            longest_streak: 7,
            khatms: 1,
            ..Facts::default()
        };
        let met: Vec<&str> = achievements_met(&facts).iter().map(|a| a.id).collect();
        assert_eq!(
            met,
            ["first_session", "streak_3"],
            "streak_7 and first_khatm have their own posts"
        );
    }
}
