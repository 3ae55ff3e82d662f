//! Reading together, from the sync server: leaderboards and the reader's
//! groups, turned into the window's types. Everything here needs an
//! account (`account::Account::call`); offline, the error says so.

use companion_core::wire::{
    AnswerInvitationRequest, BoardRequest, BoardRow, BoardScope, BoardView, CompetitionStatus,
    CompetitionView, GroupView, InvitationView, InviteRequest, JoinCompetitionRequest,
    JoinGroupRequest, Metric, NewCompetitionRequest, NewGroupRequest,
};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::account::Account;
use crate::error::Result;
use crate::store::Store;

/// A place on the server's board.
#[derive(Debug, Deserialize)]
struct Entry {
    rank: i64,
    id: String,
    username: String,
    display_name: String,
    score: f64,
}

#[derive(Debug, Deserialize)]
struct Board {
    #[serde(default)]
    metric: String,
    entries: Vec<Entry>,
    me: Option<Entry>,
}

/// A competition as the server shows it.
#[derive(Debug, Deserialize)]
struct Competition {
    id: String,
    name: String,
    competition_type: String,
    metric_type: String,
    start_date: String,
    end_date: String,
    status: String,
    participant_count: i64,
    joined: bool,
    invite_code: Option<String>,
}

impl From<Competition> for CompetitionView {
    fn from(c: Competition) -> Self {
        CompetitionView {
            id: c.id,
            name: c.name,
            kind: c.competition_type,
            metric: Metric::parse(&c.metric_type).unwrap_or_default(),
            start: c.start_date,
            end: c.end_date,
            status: match c.status.as_str() {
                "upcoming" => CompetitionStatus::Upcoming,
                "active" => CompetitionStatus::Active,
                _ => CompetitionStatus::Completed,
            },
            participants: small(c.participant_count),
            joined: c.joined,
            invite_code: c.invite_code,
        }
    }
}

/// A group as the server shows it.
#[derive(Debug, Deserialize)]
struct Group {
    id: String,
    name: String,
    description: String,
    privacy: String,
    member_limit: i64,
    member_count: i64,
    my_role: Option<String>,
    invite_code: Option<String>,
}

fn small(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

impl From<Group> for GroupView {
    fn from(g: Group) -> Self {
        GroupView {
            id: g.id,
            name: g.name,
            description: g.description,
            private: g.privacy == "private",
            members: small(g.member_count),
            member_limit: small(g.member_limit),
            admin: g.my_role.as_deref() == Some("admin"),
            invite_code: g.invite_code,
        }
    }
}

/// The path of a board on the server.
fn board_path(request: &BoardRequest) -> String {
    let scope = match &request.scope {
        BoardScope::Everyone => "global".to_owned(),
        BoardScope::Friends => "friends".to_owned(),
        BoardScope::Group(id) => format!("group/{id}"),
        BoardScope::Competition(id) => return format!("/competitions/{id}/leaderboard?limit=50"),
    };
    format!(
        "/leaderboard/{scope}?period={}&metric=hasanat&limit=50",
        request.period.as_str()
    )
}

fn row(entry: Entry, me: &str) -> BoardRow {
    BoardRow {
        rank: small(entry.rank),
        me: entry.id == me,
        username: entry.username,
        display_name: entry.display_name,
        score: entry.score.max(0.0),
    }
}

/// A leaderboard of Hasanat.
pub async fn board(
    account: &Account,
    store: &Store,
    request: &BoardRequest,
    now: i64,
) -> Result<BoardView> {
    let path = board_path(request);
    let board: Board = account.call(store, (Method::GET, &path), None, now).await?;
    let me = account.user_id(store).await?.unwrap_or_default();
    let rows: Vec<BoardRow> = board.entries.into_iter().map(|e| row(e, &me)).collect();
    let me_below = board
        .me
        .map(|e| row(e, &me))
        .filter(|mine| !rows.iter().any(|r| r.me && r.rank == mine.rank));
    Ok(BoardView {
        metric: Metric::parse(&board.metric).unwrap_or_default(),
        rows,
        me_below,
    })
}

#[derive(Debug, Deserialize)]
struct Person {
    display_name: String,
}

#[derive(Debug, Deserialize)]
struct Invitation {
    id: String,
    group_name: String,
    invited_by: Option<Person>,
}

/// Invitations to groups waiting for the reader's answer.
pub async fn invitations(
    account: &Account,
    store: &Store,
    now: i64,
) -> Result<Vec<InvitationView>> {
    let list: Vec<Invitation> = account
        .call(store, (Method::GET, "/users/me/invitations"), None, now)
        .await?;
    Ok(list
        .into_iter()
        .map(|i| InvitationView {
            id: i.id,
            group_name: i.group_name,
            by: i.invited_by.map(|p| p.display_name),
        })
        .collect())
}

/// Accepts (joining the group) or declines an invitation: those left.
pub async fn answer(
    account: &Account,
    store: &Store,
    request: &AnswerInvitationRequest,
    now: i64,
) -> Result<Vec<InvitationView>> {
    let verb = if request.accept { "accept" } else { "decline" };
    let path = format!("/invitations/{}/{verb}", request.id);
    let _: serde_json::Value = account
        .call(store, (Method::POST, &path), None, now)
        .await?;
    invitations(account, store, now).await
}

/// Invites someone, by username, to a group the reader administers.
pub async fn invite(
    account: &Account,
    store: &Store,
    request: &InviteRequest,
    now: i64,
) -> Result<()> {
    let path = format!("/groups/{}/invitations", request.group);
    let body = json!({ "username": request.username.trim().trim_start_matches('@') });
    let _: serde_json::Value = account
        .call(store, (Method::POST, &path), Some(body), now)
        .await?;
    Ok(())
}

/// The competitions the reader can see: running ones first, then those to
/// come, then the 10 last ended.
pub async fn competitions(
    account: &Account,
    store: &Store,
    now: i64,
) -> Result<Vec<CompetitionView>> {
    let mut all = Vec::new();
    for status in ["active", "upcoming", "completed"] {
        let path = format!("/competitions?status={status}&limit=10");
        let some: Vec<Competition> = account.call(store, (Method::GET, &path), None, now).await?;
        all.extend(some.into_iter().map(CompetitionView::from));
    }
    Ok(all)
}

/// Starts a competition now, for `days` days, and joins it.
pub async fn create_competition(
    account: &Account,
    store: &Store,
    request: &NewCompetitionRequest,
    now: i64,
) -> Result<CompetitionView> {
    let when = |second: i64| {
        jiff::Timestamp::from_second(second)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    let days = i64::from(request.days.clamp(1, 366));
    let body = json!({
        "name": request.name.trim(),
        "competition_type": if request.private { "private" } else { "public" },
        "metric_type": request.metric.as_str(),
        "start_date": when(now),
        "end_date": when(now + days * 86_400),
    });
    let made: Competition = account
        .call(store, (Method::POST, "/competitions"), Some(body), now)
        .await?;
    let path = format!("/competitions/{}/join", made.id);
    let joined: Competition = account
        .call(store, (Method::POST, &path), None, now)
        .await?;
    Ok(CompetitionView {
        invite_code: made.invite_code,
        ..joined.into()
    })
}

/// Joins a competition, by id or by its code.
pub async fn join_competition(
    account: &Account,
    store: &Store,
    request: &JoinCompetitionRequest,
    now: i64,
) -> Result<CompetitionView> {
    let joined: Competition = match request {
        JoinCompetitionRequest::Id(id) => {
            let path = format!("/competitions/{id}/join");
            account
                .call(store, (Method::POST, &path), None, now)
                .await?
        }
        JoinCompetitionRequest::Code(code) => {
            let body = json!({ "invite_code": code.trim() });
            let path = (Method::POST, "/competitions/join");
            account.call(store, path, Some(body), now).await?
        }
    };
    Ok(joined.into())
}

/// The reader's groups.
pub async fn groups(account: &Account, store: &Store, now: i64) -> Result<Vec<GroupView>> {
    let groups: Vec<Group> = account
        .call(store, (Method::GET, "/users/me/groups"), None, now)
        .await?;
    Ok(groups.into_iter().map(GroupView::from).collect())
}

/// Creates a group with the reader as its admin.
pub async fn create(
    account: &Account,
    store: &Store,
    request: &NewGroupRequest,
    now: i64,
) -> Result<GroupView> {
    let body = json!({
        "name": request.name.trim(),
        "description": request.description.trim(),
        "privacy": if request.private { "private" } else { "public" },
    });
    let group: Group = account
        .call(store, (Method::POST, "/groups"), Some(body), now)
        .await?;
    Ok(group.into())
}

/// Joins a group by its invite code.
pub async fn join(
    account: &Account,
    store: &Store,
    request: &JoinGroupRequest,
    now: i64,
) -> Result<GroupView> {
    let body = json!({ "invite_code": request.code.trim() });
    let group: Group = account
        .call(store, (Method::POST, "/groups/join"), Some(body), now)
        .await?;
    Ok(group.into())
}

/// Leaves a group: the reader's groups after.
pub async fn leave(account: &Account, store: &Store, id: &str, now: i64) -> Result<Vec<GroupView>> {
    let path = format!("/groups/{id}/leave");
    let _: serde_json::Value = account
        .call(store, (Method::POST, &path), None, now)
        .await?;
    groups(account, store, now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::wire::BoardPeriod;

    #[test]
    fn boards_are_asked_for_by_scope_and_period() {
        let ask = |scope, period| board_path(&BoardRequest { scope, period });
        assert_eq!(
            ask(BoardScope::Everyone, BoardPeriod::Today),
            "/leaderboard/global?period=today&metric=hasanat&limit=50"
        );
        assert_eq!(
            ask(BoardScope::Group("g1".into()), BoardPeriod::AllTime),
            "/leaderboard/group/g1?period=all_time&metric=hasanat&limit=50"
        );
        assert!(ask(BoardScope::Friends, BoardPeriod::Week)
            .starts_with("/leaderboard/friends?period=week"));
    }
}
