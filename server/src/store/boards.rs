//! Leaderboard queries: one query scores every candidate of a scope. The
//! domain caches the sorted boards (`domain::boards`) and keeps them up
//! to date through a [`ScoreListener`], told each push's [`ScoreChange`].
//!
//! A window's scores come from `board_days` (each reader's totals per UTC
//! day, kept with the sessions) for the whole days inside it, and from the
//! sessions only for the partial days at its edges, so a week board reads
//! about one row per reader and day. Each standing carries its reader's
//! sync cursor read in the same statement: the cache knows which pushes a
//! score holds.

use sqlx::{Any, Row, Transaction};

use super::people::person_from;
use super::{Person, Result, Session, Store};
use crate::kinds::Metric;

/// Seconds in a UTC day (a `board_days` row).
const DAY: i64 = 86_400;

/// What one stored session adds to its reader's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionScore {
    pub start_time: i64,
    pub hasanat: i64,
    pub ayahs: i64,
    pub page_thousandths: i64,
    pub seconds: i64,
}

impl SessionScore {
    /// The session's score by `metric`, in its stored unit.
    pub fn by(&self, metric: Metric) -> i64 {
        match metric {
            Metric::Hasanat => self.hasanat,
            Metric::Ayahs => self.ayahs,
            Metric::Pages => self.page_thousandths,
            Metric::Minutes => self.seconds,
        }
    }
}

impl From<&Session> for SessionScore {
    fn from(s: &Session) -> SessionScore {
        SessionScore {
            start_time: s.start_time,
            hasanat: s.hasanat,
            ayahs: s.ayahs_read,
            page_thousandths: s.page_thousandths,
            seconds: s.duration_seconds,
        }
    }
}

/// A push's change to one reader's scores: their sync cursor moved from
/// `before` to `after` and these sessions were stored, received at
/// `received_at` (a competition counts them only if received in time).
#[derive(Debug, Clone)]
pub struct ScoreChange {
    pub user_id: String,
    pub before: i64,
    pub after: i64,
    pub received_at: i64,
    pub sessions: Vec<SessionScore>,
}

/// Told every push's change after its commit, with the change counters
/// of the scopes it bumped (`scope`, before, after), so cached boards can
/// be brought up to date instead of computed again.
pub trait ScoreListener: Send + Sync + std::fmt::Debug {
    fn scores_changed(
        &self,
        change: &ScoreChange,
        bumped: &[(
            String,
            crate::nodes::generations::Generation,
            crate::nodes::generations::Generation,
        )],
    );
}

/// Adds `sessions` to their reader's `board_days` rows (in the push's
/// transaction).
pub(crate) async fn add_board_days(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    sessions: &[&Session],
) -> Result<()> {
    let mut days: std::collections::BTreeMap<i64, SessionScore> = Default::default();
    for session in sessions {
        let day = days
            .entry(session.start_time / DAY)
            .or_insert(SessionScore {
                start_time: 0,
                hasanat: 0,
                ayahs: 0,
                page_thousandths: 0,
                seconds: 0,
            });
        let add = SessionScore::from(*session);
        day.hasanat += add.hasanat;
        day.ayahs += add.ayahs;
        day.page_thousandths += add.page_thousandths;
        day.seconds += add.seconds;
    }
    let days: Vec<(i64, SessionScore)> = days.into_iter().collect();
    for chunk in days.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 6;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO board_days AS t (day, user_id, seconds, ayahs, hasanat, page_thousandths)
             VALUES {} ON CONFLICT (day, user_id) DO UPDATE SET
               seconds = t.seconds + excluded.seconds, ayahs = t.ayahs + excluded.ayahs,
               hasanat = t.hasanat + excluded.hasanat,
               page_thousandths = t.page_thousandths + excluded.page_thousandths",
            rows.join(", ")
        );
        let mut query = sqlx::query::<Any>(&sql);
        for (day, score) in chunk {
            query = query
                .bind(*day)
                .bind(user_id)
                .bind(score.seconds)
                .bind(score.ayahs)
                .bind(score.hasanat)
                .bind(score.page_thousandths);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

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

/// A place on a leaderboard; `score` is in the metric's stored unit and
/// holds the reader's pushes up to their sync cursor `cursor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub person: Person,
    pub score: i64,
    pub cursor: i64,
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
        Some((start, end)) => match scope {
            Scope::Competition {
                received_before, ..
            } => {
                binds.extend([Bind::Int(start), Bind::Int(end), Bind::Int(received_before)]);
                let n = binds.len();
                format!(
                    "LEFT JOIN (SELECT r.user_id, CAST(SUM(r.{session_column}) AS BIGINT) AS total
                       FROM reading_sessions r WHERE r.start_time >= ${} AND r.start_time < ${}
                       AND r.created_at < ${n} GROUP BY r.user_id) x ON x.user_id = u.id",
                    n - 2,
                    n - 1
                )
            }
            _ => by_days(&mut binds, (start, end), (total_column, session_column)),
        },
    };
    (
        format!(
            "WITH scored AS (SELECT u.id, u.username, u.display_name, u.sync_seq AS cursor,
               COALESCE(x.total, 0) AS score
               {from} {join} WHERE {filter})"
        ),
        binds,
    )
}

/// The join scoring a window `[start, end)`: the whole UTC days inside it
/// from `board_days`, the partial days at its edges from the sessions
/// (through their `start_time` index); a window within one day only from
/// the sessions.
fn by_days(
    binds: &mut Vec<Bind>,
    (start, end): (i64, i64),
    (day_column, session_column): (&str, &str),
) -> String {
    // The first and the end of the whole days inside the window.
    let first = start.div_euclid(DAY) + i64::from(start.rem_euclid(DAY) != 0);
    let last = end.div_euclid(DAY);
    let sessions = |binds: &mut Vec<Bind>, from: i64, to: i64| {
        binds.extend([Bind::Int(from), Bind::Int(to)]);
        let n = binds.len();
        format!(
            "SELECT user_id, {session_column} AS part FROM reading_sessions
             WHERE start_time >= ${} AND start_time < ${n}",
            n - 1
        )
    };
    let parts = if first >= last {
        sessions(binds, start, end)
    } else {
        let head = sessions(binds, start, first * DAY);
        let tail = sessions(binds, last.saturating_mul(DAY), end);
        binds.extend([Bind::Int(first), Bind::Int(last)]);
        let n = binds.len();
        format!(
            "{head} UNION ALL {tail} UNION ALL
             SELECT user_id, {day_column} AS part FROM board_days WHERE day >= ${} AND day < ${n}",
            n - 1
        )
    };
    format!(
        "LEFT JOIN (SELECT user_id, CAST(SUM(part) AS BIGINT) AS total FROM ({parts}) p
           GROUP BY user_id) x ON x.user_id = u.id"
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
            "{cte} SELECT id, username, display_name, score, cursor FROM scored ORDER BY score DESC, username"
        );
        let rows = bind_all(sqlx::query(&sql), &binds)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Standing {
                    person: person_from(row)?,
                    score: row.try_get("score")?,
                    cursor: row.try_get("cursor")?,
                })
            })
            .collect()
    }
}
