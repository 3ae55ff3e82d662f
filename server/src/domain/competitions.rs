//! Competitions: public, private (joined with a code) or inside a group.
//! A competition counts one metric over `[start, end)`; its status follows
//! from the clock, and once it has ended nobody joins or leaves. Who may see
//! one: its participants, anyone for a public one, the group's members for
//! a group's; to anyone else it does not exist.

use super::membership::{self, Place};
use super::{check_text, days, Error, Result};
use crate::kinds::{CompetitionType, Metric, Status};
use crate::store::{CompetitionRow, Person, Scope, Standing, Store};

/// The longest competition: a year and a day.
pub const MAX_SECONDS: i64 = 366 * 86_400;

/// How far ahead a new competition may start: 90 days.
pub const MAX_LEAD_SECONDS: i64 = 90 * 86_400;

/// How many competitions one user may create in 24 hours.
pub const MAX_CREATED_PER_DAY: i64 = 5;

/// A competition as one viewer sees it.
#[derive(Debug, Clone)]
pub struct Viewed {
    pub competition: CompetitionRow,
    /// Whether the viewer takes part.
    pub joined: bool,
    /// Whether the viewer created it (and may see its invite code).
    pub created: bool,
    pub status: Status,
}

impl Viewed {
    fn new(competition: CompetitionRow, viewer: &str, joined: bool, now: i64) -> Viewed {
        Viewed {
            created: competition.creator_id.as_deref() == Some(viewer),
            status: status(competition.start_time, competition.end_time, now),
            competition,
            joined,
        }
    }

    /// A private competition's code, for its creator only.
    pub fn invite_code(&self) -> Option<&str> {
        self.created
            .then_some(self.competition.invite_code.as_deref())
            .flatten()
    }
}

/// A new competition as asked for, unchecked.
#[derive(Debug, Clone, Default)]
pub struct NewCompetition<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub competition_type: &'a str,
    pub group_id: Option<&'a str>,
    pub metric: &'a str,
    /// RFC 3339.
    pub start: &'a str,
    /// RFC 3339.
    pub end: &'a str,
}

/// Where a competition over `[start, end)` stands at `now`.
pub fn status(start: i64, end: i64, now: i64) -> Status {
    if now < start {
        Status::Upcoming
    } else if now < end {
        Status::Active
    } else {
        Status::Completed
    }
}

/// Whether `[start, end)` is a window a new competition may have at `now`.
pub fn check_window(start: i64, end: i64, now: i64) -> Result<()> {
    if end <= start || end - start > MAX_SECONDS {
        return Err(Error::invalid(
            "invalid_dates",
            "`end_date` comes after `start_date`, at most 366 days later.",
        ));
    }
    if end <= now {
        return Err(Error::invalid(
            "invalid_dates",
            "A competition cannot end in the past.",
        ));
    }
    if start > now + MAX_LEAD_SECONDS {
        return Err(Error::invalid(
            "invalid_dates",
            "A competition starts at most 90 days from now.",
        ));
    }
    Ok(())
}

/// Whether someone may take part without a code: anyone in a public one,
/// members (`in_group`) in a group's.
pub fn open(kind: CompetitionType, has_group: bool, in_group: bool) -> bool {
    match kind {
        CompetitionType::Public => true,
        CompetitionType::Group => has_group && in_group,
        CompetitionType::Private => false,
    }
}

fn not_found() -> Error {
    Error::not_found(
        "competition_not_found",
        "No competition has this id, or it is private.",
    )
}

fn over() -> Error {
    Error::conflict(
        "competition_over",
        "This competition has ended; its results stay as they are.",
    )
}

fn parse_time(field: &str, value: &str) -> Result<i64> {
    days::parse_rfc3339(value.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_time",
            format!("`{field}` is an RFC 3339 time such as 2026-12-01T00:00:00Z."),
        )
    })
}

impl Place for CompetitionRow {
    const NOUN: &'static str = "competition";

    async fn find(store: &Store, id: &str) -> Result<Option<Self>> {
        Ok(store.competition(id).await?)
    }

    async fn find_by_code(store: &Store, code: &str) -> Result<Option<Self>> {
        Ok(store.competition_by_code(code).await?)
    }

    fn code(&self) -> Option<&str> {
        self.invite_code.as_deref()
    }

    async fn open_to(&self, store: &Store, user: &str) -> Result<bool> {
        let in_group = match (self.competition_type, &self.group_id) {
            (CompetitionType::Group, Some(group)) => store.role_in(group, user).await?.is_some(),
            _ => false,
        };
        Ok(open(
            self.competition_type,
            self.group_id.is_some(),
            in_group,
        ))
    }

    async fn has_member(&self, store: &Store, user: &str) -> Result<bool> {
        Ok(store.is_participant(&self.id, user).await?)
    }

    fn not_found() -> Error {
        not_found()
    }
}

/// The competition, if the viewer may see it.
pub async fn readable(store: &Store, id: &str, user: &str, now: i64) -> Result<Viewed> {
    let c = store.competition(id).await?.ok_or_else(not_found)?;
    let joined = c.has_member(store, user).await?;
    if joined || c.open_to(store, user).await? {
        Ok(Viewed::new(c, user, joined, now))
    } else {
        Err(not_found())
    }
}

/// Creates a competition at `now`; its creator takes part.
pub async fn create(
    store: &Store,
    creator: &str,
    new: &NewCompetition<'_>,
    now: i64,
) -> Result<Viewed> {
    let name = check_text(new.name, "invalid_name", "A name", (3, 100), false)?;
    let description = check_text(
        new.description,
        "invalid_description",
        "A description",
        (0, 1000),
        true,
    )?;
    let metric = super::boards::metric(Some(new.metric.trim()))?;
    let start = parse_time("start_date", new.start)?;
    let end = parse_time("end_date", new.end)?;
    check_window(start, end, now)?;
    if store
        .competitions_created_since(creator, now - 86_400)
        .await?
        >= MAX_CREATED_PER_DAY
    {
        return Err(Error::conflict(
            "too_many_competitions",
            format!("You can create {MAX_CREATED_PER_DAY} competitions a day; try again tomorrow."),
        ));
    }
    let kind: CompetitionType = new.competition_type.trim().parse().map_err(|_| {
        Error::invalid(
            "invalid_competition_type",
            "`competition_type` is public, private or group.",
        )
    })?;
    let (group_id, code) = match kind {
        CompetitionType::Public => (None, None),
        CompetitionType::Private => (None, Some(membership::invite_code())),
        CompetitionType::Group => {
            let group = new.group_id.ok_or_else(|| {
                Error::invalid("invalid_group", "A group competition names its `group_id`.")
            })?;
            if store.role_in(group, creator).await?.is_none() {
                return Err(Error::not_found(
                    "group_not_found",
                    "No group has this id, or you are not a member.",
                ));
            }
            (Some(group.to_owned()), None)
        }
    };
    let row = CompetitionRow {
        id: uuid::Uuid::new_v4().to_string(),
        name,
        description,
        creator_id: Some(creator.to_owned()),
        competition_type: kind,
        group_id,
        metric_type: metric,
        start_time: start,
        end_time: end,
        invite_code: code,
        participant_count: 1,
        created_at: now,
    };
    store.create_competition(&row).await?;
    Ok(Viewed::new(row, creator, true, now))
}

/// A page of the competitions the viewer can see, of one status if
/// `wanted` names one, latest start first; at most `limit`, after the
/// competition with the id `after` (the last of the previous page).
pub async fn list(
    store: &Store,
    user: &str,
    wanted: Option<&str>,
    (limit, after): (Option<i64>, Option<&str>),
    now: i64,
) -> Result<Vec<Viewed>> {
    let wanted: Option<Status> = wanted.map(str::parse).transpose().map_err(|_| {
        Error::invalid(
            "invalid_status",
            "`status` is upcoming, active or completed.",
        )
    })?;
    let limit = super::limit(limit, 50)?;
    let after = match after {
        None => None,
        Some(id) => {
            let last = store.competition(id).await?.ok_or_else(|| {
                Error::invalid(
                    "invalid_cursor",
                    "`after` is the id of the last competition of the previous page.",
                )
            })?;
            Some((last.start_time, last.id))
        }
    };
    let after = after.as_ref().map(|(start, id)| (*start, id.as_str()));
    let rows = store
        .competitions_for(user, (wanted, now), after, limit)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(c, joined)| Viewed::new(c, user, joined, now))
        .collect())
}

/// Deletes a competition that has not started, for its creator.
pub async fn delete(store: &Store, id: &str, user: &str, now: i64) -> Result<()> {
    let viewed = readable(store, id, user, now).await?;
    if !viewed.created {
        return Err(Error::forbidden(
            "not_creator",
            "Only the competition's creator can delete it.",
        ));
    }
    if viewed.status != Status::Upcoming {
        return Err(Error::conflict(
            "competition_started",
            "A competition that has started cannot be deleted.",
        ));
    }
    Ok(store.delete_competition(id).await?)
}

/// Takes part in a competition that has not ended; joining twice is one
/// participation.
async fn enter(store: &Store, c: CompetitionRow, user: &str, now: i64) -> Result<Viewed> {
    if status(c.start_time, c.end_time, now) == Status::Completed {
        return Err(over());
    }
    store.join_competition(&c.id, user).await?;
    readable(store, &c.id, user, now).await
}

/// Joins a public competition, one of the viewer's group, or a private one
/// with its invite code (`code`, empty for none).
pub async fn join(store: &Store, id: &str, code: &str, user: &str, now: i64) -> Result<Viewed> {
    let c = membership::admitting::<CompetitionRow>(store, id, code, user).await?;
    enter(store, c, user, now).await
}

/// Joins any competition by its invite code.
pub async fn join_by_code(store: &Store, code: &str, user: &str, now: i64) -> Result<Viewed> {
    let c = membership::by_code::<CompetitionRow>(store, code).await?;
    enter(store, c, user, now).await
}

/// Leaves a competition that has not ended.
pub async fn leave(store: &Store, id: &str, user: &str, now: i64) -> Result<()> {
    let viewed = readable(store, id, user, now).await?;
    if !viewed.joined {
        return Err(Error::not_found(
            "not_a_participant",
            "You are not taking part in this competition.",
        ));
    }
    if viewed.status == Status::Completed {
        return Err(over());
    }
    store.leave_competition(id, user).await?;
    Ok(())
}

/// A page of the participants of a competition the viewer may see, with
/// when they joined.
pub async fn participants(
    store: &Store,
    id: &str,
    user: &str,
    (limit, offset): (Option<i64>, Option<i64>),
    now: i64,
) -> Result<Vec<(Person, i64)>> {
    let strangers = !readable(store, id, user, now).await?.joined;
    let (limit, offset) = (super::limit(limit, 100)?, super::offset(offset)?);
    Ok(store
        .participants(id, (user, strangers), limit, offset)
        .await?)
}

/// How long after a competition ends sessions that started inside it may
/// still arrive and count (a device that was offline): 24 hours. Its
/// results are frozen when the grace ends.
pub const RESULTS_GRACE_SECONDS: i64 = 86_400;

/// The metric and window of a competition's board, if the viewer may see
/// it, and who it ranks: sessions received before
/// [`RESULTS_GRACE_SECONDS`] after the end; participants who are not
/// hidden for a participant, only those seen by everyone for others.
pub async fn board_window<'a>(
    store: &Store,
    id: &'a str,
    user: &str,
    now: i64,
) -> Result<(Metric, (i64, i64), Scope<'a>)> {
    let viewed = readable(store, id, user, now).await?;
    let c = viewed.competition;
    let scope = Scope::Competition {
        id,
        received_before: c.end_time.saturating_add(RESULTS_GRACE_SECONDS),
        strangers: !viewed.joined,
    };
    Ok((c.metric_type, (c.start_time, c.end_time), scope))
}

/// Everyone `c`'s board ranks as its participants see it (the sessions
/// received before its results froze), highest first.
pub async fn standings(store: &Store, c: &CompetitionRow) -> Result<Vec<Standing>> {
    let scope = Scope::Competition {
        id: &c.id,
        received_before: c.end_time.saturating_add(RESULTS_GRACE_SECONDS),
        strangers: false,
    };
    let window = Some((c.start_time, c.end_time));
    Ok(store.standings(scope, c.metric_type, window).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_follows_the_clock_over_a_half_open_window() {
        assert_eq!(status(100, 200, 99), Status::Upcoming);
        assert_eq!(status(100, 200, 100), Status::Active, "the start counts");
        assert_eq!(status(100, 200, 199), Status::Active);
        assert_eq!(status(100, 200, 200), Status::Completed, "the end does not");
    }

    #[test]
    fn a_window_is_forward_at_most_366_days_and_not_over() {
        let code = |start, end, now| check_window(start, end, now).err().and_then(|e| e.code());
        assert_eq!(code(100, 100, 0), Some("invalid_dates"), "empty");
        assert_eq!(
            code(0, MAX_SECONDS + 1, 0),
            Some("invalid_dates"),
            "too long"
        );
        assert_eq!(code(0, 100, 100), Some("invalid_dates"), "already over");
        assert_eq!(code(0, MAX_SECONDS, 50), None);
        assert_eq!(
            code(MAX_LEAD_SECONDS + 1, MAX_LEAD_SECONDS + 100, 0),
            Some("invalid_dates"),
            "starts too far ahead"
        );
        assert_eq!(code(MAX_LEAD_SECONDS, MAX_LEAD_SECONDS + 100, 0), None);
    }

    #[test]
    fn who_may_join_without_a_code() {
        assert!(
            open(CompetitionType::Public, false, false),
            "anyone joins a public one"
        );
        assert!(
            !open(CompetitionType::Private, false, false),
            "a private one needs its code"
        );
        assert!(
            open(CompetitionType::Group, true, true),
            "group members join the group's"
        );
        assert!(!open(CompetitionType::Group, true, false), "others do not");
    }

    #[test]
    fn the_code_shows_to_the_creator_only() {
        let row = CompetitionRow {
            id: "c".into(),
            name: "Ramadan".into(),
            description: String::new(),
            creator_id: Some("maker".into()),
            competition_type: CompetitionType::Private,
            group_id: None,
            metric_type: Metric::Hasanat,
            start_time: 0,
            end_time: 100,
            invite_code: Some("abcdefghijkl".into()),
            participant_count: 1,
            created_at: 0,
        };
        assert_eq!(
            Viewed::new(row.clone(), "maker", true, 50).invite_code(),
            Some("abcdefghijkl")
        );
        assert_eq!(Viewed::new(row, "someone", true, 50).invite_code(), None);
    }
}
