//! Leaderboard queries: one query scores a whole scope, and the sorted
//! boards are cached until something they show changes.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::{Any, Row};

use super::people::person_from;
use super::{Person, Store};
use crate::error::Result;

/// Who a leaderboard ranks.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Everyone who chose to be seen by everyone.
    Global,
    /// The viewer and their friends.
    Friends(&'a str),
    /// A group's members.
    Group(&'a str),
    /// A competition's participants.
    Competition(&'a str),
}

/// What a leaderboard counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Hasanat,
    Ayahs,
    /// In thousandths of a page.
    Pages,
    /// In seconds.
    Minutes,
}

impl Metric {
    /// From its API name.
    pub fn parse(name: &str) -> Option<Metric> {
        match name {
            "hasanat" => Some(Metric::Hasanat),
            "ayahs" => Some(Metric::Ayahs),
            "pages" => Some(Metric::Pages),
            "minutes" => Some(Metric::Minutes),
            _ => None,
        }
    }

    /// Its API name.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Hasanat => "hasanat",
            Metric::Ayahs => "ayahs",
            Metric::Pages => "pages",
            Metric::Minutes => "minutes",
        }
    }

    /// The column of `user_totals` and of `reading_sessions` it sums.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Metric::Hasanat => ("hasanat", "hasanat"),
            Metric::Ayahs => ("ayahs", "ayahs_read"),
            Metric::Pages => ("page_thousandths", "page_thousandths"),
            Metric::Minutes => ("seconds", "duration_seconds"),
        }
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
        Scope::Group(id) => {
            binds.push(Bind::Text(id.to_owned()));
            (
                "FROM group_members m JOIN users u ON u.id = m.user_id",
                "m.group_id = $1 AND u.leaderboard_visibility <> 'hidden'",
            )
        }
        Scope::Competition(id) => {
            binds.push(Bind::Text(id.to_owned()));
            (
                "FROM competition_participants m JOIN users u ON u.id = m.user_id",
                "m.competition_id = $1 AND u.leaderboard_visibility <> 'hidden'",
            )
        }
    };
    let (total_column, session_column) = metric.columns();
    let join = match window {
        None => format!(
            "LEFT JOIN (SELECT user_id, {total_column} AS total FROM user_totals) x ON x.user_id = u.id"
        ),
        Some((start, end)) => {
            binds.push(Bind::Int(start));
            binds.push(Bind::Int(end));
            let (a, b) = (binds.len() - 1, binds.len());
            format!(
                "LEFT JOIN (SELECT r.user_id, CAST(SUM(r.{session_column}) AS BIGINT) AS total
                   FROM reading_sessions r WHERE r.start_time >= ${a} AND r.start_time < ${b}
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

/// Standard competition ranks ("1224"): equal scores share a rank, and the
/// next rank skips as many places as shared it.
pub fn ranks(scores: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(scores.len());
    for (index, score) in scores.iter().enumerate() {
        let rank = match (index, out.last()) {
            (i, Some(&last)) if scores.get(i - 1) == Some(score) => last,
            _ => index as i64 + 1,
        };
        out.push(rank);
    }
    out
}

impl Store {
    /// Everyone a scope ranks, by `metric`, all time (`window` None) or
    /// for sessions that started in `[start, end)`: highest first, equal
    /// scores by username. Served from a cache that any change to progress,
    /// membership or visibility on this node empties, and that is never
    /// older than [`BOARD_TTL`] (other nodes' changes).
    pub async fn board(
        &self,
        scope: Scope<'_>,
        metric: Metric,
        window: Option<(i64, i64)>,
    ) -> Result<Arc<Vec<Standing>>> {
        let key = format!("{scope:?}|{metric:?}|{window:?}");
        // Every change up to `arrived` must show; later ones may.
        let arrived = self.changes.load(Ordering::SeqCst);
        if let Some(hit) = self.boards.get(&key, arrived) {
            return Ok(hit);
        }
        // One computation per board at a time: the others wait for it and
        // take its result, which was read after they arrived.
        let flight = self.boards.flight(&key);
        let _turn = flight.lock().await;
        if let Some(hit) = self.boards.get(&key, arrived) {
            return Ok(hit);
        }
        let generation = self.changes.load(Ordering::SeqCst);
        let (cte, binds) = scored(scope, metric, window);
        let sql = format!(
            "{cte} SELECT id, username, display_name, score FROM scored ORDER BY score DESC, username"
        );
        let rows = bind_all(sqlx::query(&sql), &binds)
            .fetch_all(&self.pool)
            .await?;
        let board: Vec<Standing> = rows
            .iter()
            .map(|row| {
                Ok(Standing {
                    person: person_from(row)?,
                    score: row.try_get("score")?,
                })
            })
            .collect::<Result<_>>()?;
        let board = Arc::new(board);
        self.boards.put(key, generation, board.clone());
        Ok(board)
    }

    /// Records that something a leaderboard shows has changed.
    pub fn boards_changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }
}

/// How long a cached board may be served when nothing changed on this node.
pub const BOARD_TTL: Duration = Duration::from_secs(5);
/// Boards kept at most (distinct scope, metric and window).
const BOARD_CACHE_SIZE: usize = 512;

/// A board, the change generation it was read at, and when.
type Cached = (u64, Instant, Arc<Vec<Standing>>);

/// Computed boards by query, with the change generation they were read at.
#[derive(Debug, Default)]
pub struct BoardCache {
    boards: Mutex<HashMap<String, Cached>>,
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl BoardCache {
    /// The lock that computing one board takes.
    fn flight(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut flights = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        if flights.len() >= BOARD_CACHE_SIZE {
            flights.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        flights.entry(key.to_owned()).or_default().clone()
    }

    /// A board read at change `at_least` or later, and not too old.
    fn get(&self, key: &str, at_least: u64) -> Option<Arc<Vec<Standing>>> {
        let boards = self.boards.lock().ok()?;
        let (at, read, board) = boards.get(key)?;
        (*at >= at_least && read.elapsed() < BOARD_TTL).then(|| board.clone())
    }

    fn put(&self, key: String, generation: u64, board: Arc<Vec<Standing>>) {
        if let Ok(mut boards) = self.boards.lock() {
            if boards.len() >= BOARD_CACHE_SIZE {
                boards.clear();
            }
            boards.insert(key, (generation, Instant::now(), board));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_scores_share_a_rank_and_the_next_rank_skips() {
        assert_eq!(
            super::ranks(&[50, 40, 40, 10, 10, 10, 0]),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
        assert_eq!(super::ranks(&[]), Vec::<i64>::new());
        assert_eq!(super::ranks(&[5, 5]), vec![1, 1]);
    }
}
