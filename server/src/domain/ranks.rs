//! Rank changes in running competitions, told after a push that stored
//! reading sessions (`competition_rank`): the reader who moved up past
//! others ("you moved up to #N") and each of those they passed ("X passed
//! you; you are now #M").
//!
//! Cheap by design: only the competitions the reader takes part in that
//! run now (at most [`MAX_COMPETITIONS`]) and that the push's sessions
//! count in (started inside the window, received before the results are
//! frozen) are looked at, each with one board query after the push; the
//! board before is the same board with the reader's score less what the
//! push added (a push changes no one else's score). A participant hidden
//! from the board is neither ranked nor told. Someone is passed when
//! they were strictly ahead before and are strictly behind now (drawing
//! level passes nobody); at most [`MAX_PASSED`] of them, the nearest, are
//! told per competition and push. Settings are honoured by
//! `notifications::notify`. Never here: SQL, statuses.

use super::{boards, competitions, notifications, Result};
use crate::kinds::NotificationKind;
use crate::live::payload::{CompetitionRank, Who};
use crate::store::{CompetitionRow, SessionScore, Store, UserEvent};

/// The most running competitions one push looks at.
pub const MAX_COMPETITIONS: i64 = 20;
/// The most participants one push tells they were passed, per competition.
pub const MAX_PASSED: usize = 10;

/// Where a reader stands after moving up: their new rank and the
/// (index on the board, new rank) of each participant they passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedUp {
    pub rank: i64,
    pub passed: Vec<(usize, i64)>,
}

/// On a board sorted highest first (`scores`), whether the reader at
/// index `me`, whose score grew by `added`, passed anyone: who, nearest
/// first, [`MAX_PASSED`] at most.
pub fn moved_up(scores: &[i64], me: usize, added: i64) -> Option<MovedUp> {
    let now = *scores.get(me)?;
    let before = now.saturating_sub(added);
    let ranks = boards::ranks(scores);
    let passed: Vec<(usize, i64)> = scores
        .iter()
        .enumerate()
        .filter(|(i, score)| *i != me && **score > before && **score < now)
        .filter_map(|(i, _)| Some((i, *ranks.get(i)?)))
        .take(MAX_PASSED)
        .collect();
    if passed.is_empty() {
        return None;
    }
    Some(MovedUp {
        rank: *ranks.get(me)?,
        passed,
    })
}

/// Tells the rank changes `user`'s push made in the competitions they
/// run in: `sessions` are what the push stored, received at `now`. The
/// events to publish.
pub async fn after_push(
    store: &Store,
    user: &str,
    sessions: &[SessionScore],
    now: i64,
) -> Result<Vec<UserEvent>> {
    let mut events = Vec::new();
    if sessions.is_empty() {
        return Ok(events);
    }
    for c in store
        .running_competitions_of(user, now, MAX_COMPETITIONS)
        .await?
    {
        let added: i64 = sessions
            .iter()
            .filter(|s| s.start_time >= c.start_time && s.start_time < c.end_time)
            .map(|s| s.by(c.metric_type))
            .sum();
        if added > 0 {
            events.extend(in_competition(store, user, &c, added).await?);
        }
    }
    Ok(events)
}

/// Tells the rank change of `user`, whose score in `c` grew by `added`.
async fn in_competition(
    store: &Store,
    user: &str,
    c: &CompetitionRow,
    added: i64,
) -> Result<Vec<UserEvent>> {
    let standings = competitions::standings(store, c).await?;
    let Some(me) = standings.iter().position(|s| s.person.id == user) else {
        return Ok(Vec::new());
    };
    let scores: Vec<i64> = standings.iter().map(|s| s.score).collect();
    let Some(moved) = moved_up(&scores, me, added) else {
        return Ok(Vec::new());
    };
    let who = |index: usize| standings.get(index).map(|s| Who::from(&s.person));
    let data = |rank: i64, passed: Vec<Who>, by: Option<Who>| CompetitionRank {
        competition_id: c.id.clone(),
        name: c.name.clone(),
        rank,
        passed,
        by,
    };
    let passed: Vec<Who> = moved.passed.iter().filter_map(|(i, _)| who(*i)).collect();
    let mover = [user.to_owned()];
    let mut events = notifications::notify(
        store,
        &mover,
        NotificationKind::CompetitionRank,
        &data(moved.rank, passed, None),
    )
    .await?;
    for (index, rank) in &moved.passed {
        let Some(passed) = standings.get(*index) else {
            continue;
        };
        let to = [passed.person.id.clone()];
        let told = data(*rank, Vec::new(), who(me));
        events.extend(
            notifications::notify(store, &to, NotificationKind::CompetitionRank, &told).await?,
        );
    }
    tracing::debug!(competition = %c.id, rank = moved.rank, passed = moved.passed.len(), "moved up");
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_is_from_strictly_ahead_to_strictly_behind() {
        // The reader (index 1, 50 now) added 30: they were at 20.
        let moved = moved_up(&[60, 50, 40, 30, 20, 10], 1, 30);
        assert_eq!(
            moved,
            Some(MovedUp {
                rank: 2,
                passed: vec![(2, 3), (3, 4)]
            }),
            "level before (20) is not passed, still ahead (60) neither"
        );
        assert_eq!(
            moved_up(&[50, 50, 10], 1, 40),
            None,
            "drawing level passes nobody"
        );
        assert_eq!(moved_up(&[50, 10], 0, 0), None, "nothing added");
        assert_eq!(moved_up(&[50], 3, 10), None, "not on the board");
    }

    #[test]
    fn at_most_ten_are_told_the_nearest_first() {
        let mut scores = vec![100];
        scores.extend((1..=20).rev());
        let moved = moved_up(&scores, 0, 100);
        let passed: Vec<usize> = moved
            .map(|m| m.passed.iter().map(|(i, _)| *i).collect())
            .unwrap_or_default();
        assert_eq!(passed, (1..=MAX_PASSED).collect::<Vec<_>>());
    }
}
