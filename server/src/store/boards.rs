//! Leaderboard queries: one query scores every candidate of a scope. The
//! domain caches the sorted boards (`domain::boards`).

use sqlx::{Any, Row};

use super::people::person_from;
use super::{Person, Result, Store};
use crate::kinds::Metric;

/// Who a leaderboard ranks.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Everyone who chose to be seen by everyone.
    Global,
    /// The viewer and their friends.
    Friends(&'a str),
    /// A group's members; only those seen by everyone when `strangers`
    /// (the viewer is not a member).
    Group { id: &'a str, strangers: bool },
    /// A competition's participants, counting only sessions received
    /// before `received_before` (its results are then frozen); only those
    /// seen by everyone when `strangers`.
    Competition {
        id: &'a str,
        received_before: i64,
        strangers: bool,
    },
}

impl Scope<'_> {
    /// The change counter of this scope's boards (`nodes::generations`):
    /// `people` for the global and friends boards, `g:{id}` for a group's,
    /// `c:{id}` for a competition's.
    pub fn changes(&self) -> String {
        match self {
            Scope::Global | Scope::Friends(_) => "people".to_owned(),
            Scope::Group { id, .. } => format!("g:{id}"),
            Scope::Competition { id, .. } => format!("c:{id}"),
        }
    }
}

/// The column of `user_totals` and of `reading_sessions` a metric sums.
fn columns(metric: Metric) -> (&'static str, &'static str) {
    match metric {
        Metric::Hasanat => ("hasanat", "hasanat"),
        Metric::Ayahs => ("ayahs", "ayahs_read"),
        Metric::Pages => ("page_thousandths", "page_thousandths"),
        Metric::Minutes => ("seconds", "duration_seconds"),
    }
}

/// A place on a leaderboard; `score` is in the metric's stored unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub person: Person,
    pub score: i64,
}

/// A leaderboard query: every candidate of a scope with their score, as a
/// CTE `scored`, and the values to bind, in order. Scores come from one
/// join (the totals table for all time, or the window's sessions summed
/// once through the `start_time` index), not a subquery per member. The
/// SQL is assembled only from the fixed fragments below; every value is
/// bound.
fn scored(scope: Scope<'_>, metric: Metric, window: Option<(i64, i64)>) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    let (from, filter) = match scope {
        Scope::Global => ("FROM users u", "u.leaderboard_visibility = 'everyone'"),
        Scope::Friends(me) => {
            binds.push(Bind::Text(me.to_owned()));
            (
                "FROM users u",
                "u.leaderboard_visibility <> 'hidden' AND (u.id = $1 OR (
                    EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = u.id)
                    AND EXISTS (SELECT 1 FROM follows g WHERE g.follower_id = u.id AND g.followee_id = $1)))",
            )
        }
        Scope::Group { id, strangers } => {
            binds.push(Bind::Text(id.to_owned()));
            (
                "FROM group_members m JOIN users u ON u.id = m.user_id",
                match strangers {
                    false => "m.group_id = $1 AND u.leaderboard_visibility <> 'hidden'",
                    true => "m.group_id = $1 AND u.leaderboard_visibility = 'everyone'",
                },
            )
        }
        Scope::Competition { id, strangers, .. } => {
            binds.push(Bind::Text(id.to_owned()));
            (
                "FROM competition_participants m JOIN users u ON u.id = m.user_id",
                match strangers {
                    false => "m.competition_id = $1 AND u.leaderboard_visibility <> 'hidden'",
                    true => "m.competition_id = $1 AND u.leaderboard_visibility = 'everyone'",
                },
            )
        }
    };
    let (total_column, session_column) = columns(metric);
    let join = match window {
        None => format!(
            "LEFT JOIN (SELECT user_id, {total_column} AS total FROM user_totals) x ON x.user_id = u.id"
        ),
        Some((start, end)) => {
            binds.push(Bind::Int(start));
            binds.push(Bind::Int(end));
            let (a, b) = (binds.len() - 1, binds.len());
            let received = match scope {
                Scope::Competition {
                    received_before, ..
                } => {
                    binds.push(Bind::Int(received_before));
                    format!("AND r.created_at < ${}", binds.len())
                }
                _ => String::new(),
            };
            format!(
                "LEFT JOIN (SELECT r.user_id, CAST(SUM(r.{session_column}) AS BIGINT) AS total
                   FROM reading_sessions r WHERE r.start_time >= ${a} AND r.start_time < ${b} {received}
                   GROUP BY r.user_id) x ON x.user_id = u.id"
            )
        }
    };
    (
        format!(
            "WITH scored AS (SELECT u.id, u.username, u.display_name, COALESCE(x.total, 0) AS score
               {from} {join} WHERE {filter})"
        ),
        binds,
    )
}

#[derive(Debug, Clone)]
enum Bind {
    Text(String),
    Int(i64),
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    for bind in binds {
        query = match bind {
            Bind::Text(text) => query.bind(text.as_str()),
            Bind::Int(n) => query.bind(*n),
        };
    }
    query
}

impl Store {
    /// The change counters of every board that may rank `user`: the
    /// global and friends boards, and their groups' and competitions'.
    pub async fn scopes_of(&self, user: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT 'g:' || group_id AS scope FROM group_members WHERE user_id = $1
             UNION ALL SELECT 'c:' || competition_id FROM competition_participants WHERE user_id = $1",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let mut scopes = vec!["people".to_owned()];
        for row in &rows {
            scopes.push(row.try_get("scope")?);
        }
        Ok(scopes)
    }

    /// Everyone a scope ranks, by `metric`, all time (`window` None) or
    /// for sessions that started in `[start, end)`: highest first, equal
    /// scores by username.
    pub async fn standings(
        &self,
        scope: Scope<'_>,
        metric: Metric,
        window: Option<(i64, i64)>,
    ) -> Result<Vec<Standing>> {
        let (cte, binds) = scored(scope, metric, window);
        let sql = format!(
            "{cte} SELECT id, username, display_name, score FROM scored ORDER BY score DESC, username"
        );
        let rows = bind_all(sqlx::query(&sql), &binds)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Standing {
                    person: person_from(row)?,
                    score: row.try_get("score")?,
                })
            })
            .collect()
    }
}
