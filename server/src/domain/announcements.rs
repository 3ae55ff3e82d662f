//! Competitions starting and ending, told to their participants: there is
//! no request to hang this on (a competition starts and ends by the
//! clock), so a timer (`announce_competitions`, every
//! `--announce-seconds`) calls [`due`].
//!
//! `competition_start` goes to the participants once the start has passed
//! (not for a competition already over). `competition_end` goes once the
//! results are final, [`competitions::RESULTS_GRACE_SECONDS`] after the
//! end (sessions synced late count until then), with each participant's
//! final rank, and each ranked participant gets a milestone post of their
//! result (`milestones::competition_result`). Each phase is claimed in
//! the store before it is told, so it is told once even with several
//! servers. Never here: SQL, the timer.

use super::{boards, competitions, milestones, notifications, Result};
use crate::kinds::NotificationKind;
use crate::live::payload::CompetitionPhase;
use crate::store::{CompetitionRow, Store, UserEvent};

/// How many competitions one call announces per phase at most.
const BATCH: i64 = 50;

/// Announces the phases that are due at `now`: the events to publish.
pub async fn due(store: &Store, now: i64) -> Result<Vec<UserEvent>> {
    let mut events = Vec::new();
    for c in store.competitions_to_announce(true, now, BATCH).await? {
        if store.claim_announcement(&c.id, "start").await? {
            events.extend(started(store, &c).await?);
        }
    }
    let final_by = now.saturating_sub(competitions::RESULTS_GRACE_SECONDS);
    for c in store
        .competitions_to_announce(false, final_by, BATCH)
        .await?
    {
        if store.claim_announcement(&c.id, "end").await? {
            events.extend(ended(store, &c).await?);
        }
    }
    Ok(events)
}

async fn started(store: &Store, c: &CompetitionRow) -> Result<Vec<UserEvent>> {
    let told = store.participant_ids(&c.id).await?;
    let data = CompetitionPhase {
        competition_id: c.id.clone(),
        name: c.name.clone(),
        rank: None,
    };
    tracing::info!(competition = %c.id, told = told.len(), "competition started");
    notifications::notify(store, &told, NotificationKind::CompetitionStart, &data).await
}

/// Tells each participant their final rank (none for one hidden from the
/// board) and posts each ranked one's result.
async fn ended(store: &Store, c: &CompetitionRow) -> Result<Vec<UserEvent>> {
    let standings = competitions::standings(store, c).await?;
    let scores: Vec<i64> = standings.iter().map(|s| s.score).collect();
    let ranked: Vec<(String, i64)> = standings
        .iter()
        .zip(boards::ranks(&scores))
        .map(|(s, rank)| (s.person.id.clone(), rank))
        .collect();
    let mut events = Vec::new();
    for user in store.participant_ids(&c.id).await? {
        let rank = ranked.iter().find(|(id, _)| *id == user).map(|(_, r)| *r);
        let data = CompetitionPhase {
            competition_id: c.id.clone(),
            name: c.name.clone(),
            rank,
        };
        let to = [user.clone()];
        events.extend(
            notifications::notify(store, &to, NotificationKind::CompetitionEnd, &data).await?,
        );
        if let Some(rank) = rank {
            let about = (c.id.as_str(), c.name.as_str());
            events.extend(milestones::competition_result(store, &user, about, rank).await?);
        }
    }
    tracing::info!(competition = %c.id, "competition results told");
    Ok(events)
}
