//! Reading together, from the sync server: leaderboards and the reader's
//! groups, turned into the window's types. Everything here needs an
//! account (`account::Account::call`); offline, the error says so.

use companion_core::wire::{
    BoardRequest, BoardRow, BoardScope, BoardView, GroupView, JoinGroupRequest, NewGroupRequest,
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
    entries: Vec<Entry>,
    me: Option<Entry>,
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
        hasanat: entry.score.max(0.0).round() as u64,
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
    Ok(BoardView { rows, me_below })
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
