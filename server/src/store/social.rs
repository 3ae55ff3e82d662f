//! Follows, groups, competitions and leaderboards.
//!
//! Counters that limit membership (`member_count`) change in the same
//! transaction as the membership, through a conditional UPDATE that takes
//! the group's row lock, so two racing joins cannot overfill a group.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use super::{is_unique_violation, Store};
use crate::auth::random_token;
use crate::error::{Error, Result};

/// Someone as others see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

fn person_from(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
    })
}

/// A group as stored.
#[derive(Debug, Clone)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub creator_id: Option<String>,
    /// `public` or `private`.
    pub privacy: String,
    pub member_limit: i64,
    pub member_count: i64,
    pub invite_code: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const GROUP_COLUMNS: &str = "id, name, description, creator_id, privacy, member_limit, member_count, invite_code, created_at, updated_at";

fn group_from(row: &AnyRow) -> Result<GroupRow> {
    Ok(GroupRow {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        creator_id: row.try_get("creator_id")?,
        privacy: row.try_get("privacy")?,
        member_limit: row.try_get("member_limit")?,
        member_count: row.try_get("member_count")?,
        invite_code: row.try_get("invite_code")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Changes to a group; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct GroupChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub privacy: Option<String>,
    pub member_limit: Option<i64>,
}

/// A member of a group.
#[derive(Debug, Clone)]
pub struct Member {
    pub person: Person,
    /// `admin` or `member`.
    pub role: String,
    pub joined_at: i64,
}

/// One line of a group's activity.
#[derive(Debug, Clone)]
pub struct Activity {
    pub id: i64,
    pub user: Option<Person>,
    pub activity_type: String,
    pub content: String,
    pub created_at: i64,
}

/// A competition as stored.
#[derive(Debug, Clone)]
pub struct CompetitionRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub creator_id: Option<String>,
    /// `public`, `private` or `group`.
    pub competition_type: String,
    pub group_id: Option<String>,
    /// `hasanat`, `ayahs`, `pages` or `minutes`.
    pub metric_type: String,
    pub start_time: i64,
    pub end_time: i64,
    pub invite_code: Option<String>,
    pub participant_count: i64,
    pub created_at: i64,
}

const COMPETITION_COLUMNS: &str = "id, name, description, creator_id, competition_type, group_id, metric_type, start_time, end_time, invite_code, participant_count, created_at";

fn competition_from(row: &AnyRow) -> Result<CompetitionRow> {
    Ok(CompetitionRow {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        creator_id: row.try_get("creator_id")?,
        competition_type: row.try_get("competition_type")?,
        group_id: row.try_get("group_id")?,
        metric_type: row.try_get("metric_type")?,
        start_time: row.try_get("start_time")?,
        end_time: row.try_get("end_time")?,
        invite_code: row.try_get("invite_code")?,
        participant_count: row.try_get("participant_count")?,
        created_at: row.try_get("created_at")?,
    })
}

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
    // ── people and follows ──────────────────────────────────────────────

    /// Starts following `followee`; following twice is one follow.
    pub async fn follow(&self, follower: &str, followee: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (follower_id, followee_id) DO NOTHING",
        )
        .bind(follower)
        .bind(followee)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        self.boards_changed();
        Ok(())
    }

    /// Stops following; not following is not an error.
    pub async fn unfollow(&self, follower: &str, followee: &str) -> Result<()> {
        sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2")
            .bind(follower)
            .bind(followee)
            .execute(&self.pool)
            .await?;
        self.boards_changed();
        Ok(())
    }

    /// Who follows `user` (`followers`), whom `user` follows (`following`)
    /// or both ways (`friends`), by username.
    pub async fn follow_list(&self, user: &str, which: &str) -> Result<Vec<Person>> {
        let sql = match which {
            "followers" => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.follower_id
                 WHERE f.followee_id = $1 ORDER BY u.username"
            }
            "following" => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.followee_id
                 WHERE f.follower_id = $1 ORDER BY u.username"
            }
            _ => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.followee_id
                 WHERE f.follower_id = $1
                   AND EXISTS (SELECT 1 FROM follows b WHERE b.follower_id = f.followee_id AND b.followee_id = $1)
                 ORDER BY u.username"
            }
        };
        let rows = sqlx::query(sql).bind(user).fetch_all(&self.pool).await?;
        rows.iter().map(person_from).collect()
    }

    /// Whether `a` and `b` follow each other.
    pub async fn are_friends(&self, a: &str, b: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM follows WHERE (follower_id = $1 AND followee_id = $2)
                OR (follower_id = $2 AND followee_id = $1)",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? == 2)
    }

    /// Whether `a` and `b` are members of one group.
    pub async fn share_a_group(&self, a: &str, b: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM group_members x JOIN group_members y ON x.group_id = y.group_id
             WHERE x.user_id = $1 AND y.user_id = $2",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    // ── groups ─────────────────────────────────────────────────────────

    /// Creates a group with its creator as the first admin.
    pub async fn create_group(&self, group: &GroupRow, creator: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!(
            "INSERT INTO user_groups ({GROUP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8)"
        ))
        .bind(&group.id)
        .bind(&group.name)
        .bind(&group.description)
        .bind(creator)
        .bind(&group.privacy)
        .bind(group.member_limit)
        .bind(&group.invite_code)
        .bind(group.created_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, 'admin', $3)",
        )
        .bind(&group.id)
        .bind(creator)
        .bind(group.created_at)
        .execute(&mut *tx)
        .await?;
        add_activity(
            &mut tx,
            &group.id,
            Some(creator),
            "group_created",
            &group.name,
            group.created_at,
        )
        .await?;
        tx.commit().await?;
        self.boards_changed();
        Ok(())
    }

    /// A group by id.
    pub async fn group(&self, id: &str) -> Result<Option<GroupRow>> {
        let row = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM user_groups WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(group_from).transpose()
    }

    /// A group by its invite code.
    pub async fn group_by_code(&self, code: &str) -> Result<Option<GroupRow>> {
        let row = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM user_groups WHERE invite_code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(group_from).transpose()
    }

    /// Public groups whose name contains `query` (any case), by name.
    pub async fn public_groups(
        &self,
        query: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<GroupRow>> {
        let pattern = format!(
            "%{}%",
            query
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let rows = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM user_groups
             WHERE privacy = 'public' AND LOWER(name) LIKE $1 ESCAPE '\\'
             ORDER BY member_count DESC, name LIMIT $2 OFFSET $3"
        ))
        .bind(pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(group_from).collect()
    }

    /// The groups `user` belongs to.
    pub async fn groups_of(&self, user: &str) -> Result<Vec<GroupRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM user_groups g JOIN group_members m ON m.group_id = g.id
             WHERE m.user_id = $1 ORDER BY g.name",
            GROUP_COLUMNS
                .split(", ")
                .map(|c| format!("g.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(group_from).collect()
    }

    /// The role of `user` in a group, if they are a member.
    pub async fn role_in(&self, group: &str, user: &str) -> Result<Option<String>> {
        let row =
            sqlx::query("SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(group)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.try_get("role")).transpose()?)
    }

    /// Applies a change; a limit below the current member count is refused
    /// in the same statement.
    pub async fn update_group(&self, id: &str, change: &GroupChange) -> Result<()> {
        let done = sqlx::query(
            "UPDATE user_groups SET
                name = COALESCE($1, name),
                description = COALESCE($2, description),
                privacy = COALESCE($3, privacy),
                member_limit = COALESCE($4, member_limit),
                updated_at = $5
             WHERE id = $6 AND COALESCE($4, member_limit) >= member_count",
        )
        .bind(&change.name)
        .bind(&change.description)
        .bind(&change.privacy)
        .bind(change.member_limit)
        .bind(self.clock.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict {
                code: "limit_below_members",
                message: "The member limit cannot be below the number of members.".into(),
            });
        }
        self.boards_changed();
        Ok(())
    }

    /// Deletes a group with its members, activity and competitions.
    pub async fn delete_group(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM user_groups WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.boards_changed();
        Ok(())
    }

    /// Adds `user` to a group unless it is full. Joining twice is one
    /// membership (`Ok(false)`).
    pub async fn join_group(&self, group: &str, user: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let room = sqlx::query(
            "UPDATE user_groups SET member_count = member_count + 1
             WHERE id = $1 AND member_count < member_limit",
        )
        .bind(group)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let already =
            sqlx::query("SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(group)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
        if already {
            // Nothing changes (the count bump rolls back).
            return Ok(false);
        }
        if room == 0 {
            return Err(Error::Conflict {
                code: "group_full",
                message: "This group has reached its member limit.".into(),
            });
        }
        let inserted = sqlx::query(
            "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, 'member', $3)",
        )
        .bind(group)
        .bind(user)
        .bind(self.clock.now())
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            // A racing join of the same user won: one membership.
            Err(error) if is_unique_violation(&error) => return Ok(false),
            Err(error) => return Err(error.into()),
        }
        add_activity(
            &mut tx,
            group,
            Some(user),
            "member_joined",
            "",
            self.clock.now(),
        )
        .await?;
        tx.commit().await?;
        self.boards_changed();
        Ok(true)
    }

    /// Takes `user` out of a group (`activity` says why: `member_left` or
    /// `member_removed`). The last admin's place goes to the longest-standing
    /// member; a group left empty is deleted. Returns whether they were in.
    pub async fn leave_group(&self, group: &str, user: &str, activity: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let gone = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
            .bind(group)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone == 0 {
            return Ok(false);
        }
        sqlx::query("UPDATE user_groups SET member_count = member_count - 1 WHERE id = $1")
            .bind(group)
            .execute(&mut *tx)
            .await?;
        let counts = sqlx::query(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN role = 'admin' THEN 1 ELSE 0 END), 0)
             FROM group_members WHERE group_id = $1",
        )
        .bind(group)
        .fetch_one(&mut *tx)
        .await?;
        let (members, admins): (i64, i64) = (counts.try_get(0)?, counts.try_get(1)?);
        if members == 0 {
            sqlx::query("DELETE FROM user_groups WHERE id = $1")
                .bind(group)
                .execute(&mut *tx)
                .await?;
        } else {
            if admins == 0 {
                sqlx::query(
                    "UPDATE group_members SET role = 'admin' WHERE group_id = $1 AND user_id =
                       (SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY joined_at, user_id LIMIT 1)",
                )
                .bind(group)
                .execute(&mut *tx)
                .await?;
            }
            add_activity(&mut tx, group, Some(user), activity, "", self.clock.now()).await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(true)
    }

    /// Sets a member's role; `Ok(false)` if they are not a member.
    pub async fn set_role(&self, group: &str, user: &str, role: &str) -> Result<bool> {
        let done =
            sqlx::query("UPDATE group_members SET role = $1 WHERE group_id = $2 AND user_id = $3")
                .bind(role)
                .bind(group)
                .bind(user)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A new invite code; the old one stops working.
    pub async fn new_invite_code(&self, group: &str) -> Result<String> {
        let code = invite_code();
        sqlx::query("UPDATE user_groups SET invite_code = $1, updated_at = $2 WHERE id = $3")
            .bind(&code)
            .bind(self.clock.now())
            .bind(group)
            .execute(&self.pool)
            .await?;
        Ok(code)
    }

    /// Members, admins first, then by joining order.
    pub async fn members(&self, group: &str, limit: i64, offset: i64) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT u.id, u.username, u.display_name, m.role, m.joined_at
             FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1
             ORDER BY CASE WHEN m.role = 'admin' THEN 0 ELSE 1 END, m.joined_at, u.username
             LIMIT $2 OFFSET $3",
        )
        .bind(group)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Member {
                    person: person_from(row)?,
                    role: row.try_get("role")?,
                    joined_at: row.try_get("joined_at")?,
                })
            })
            .collect()
    }

    /// The group's activity, newest first, older than `before` (an id).
    pub async fn activity(&self, group: &str, before: i64, limit: i64) -> Result<Vec<Activity>> {
        let rows = sqlx::query(
            "SELECT a.id AS activity_id, a.activity_type, a.content, a.created_at,
                    u.id, u.username, u.display_name
             FROM group_activity a LEFT JOIN users u ON u.id = a.user_id
             WHERE a.group_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
        )
        .bind(group)
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let user = match row.try_get::<Option<String>, _>("id")? {
                    Some(_) => Some(person_from(row)?),
                    None => None,
                };
                Ok(Activity {
                    id: row.try_get("activity_id")?,
                    user,
                    activity_type: row.try_get("activity_type")?,
                    content: row.try_get("content")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    // ── competitions ───────────────────────────────────────────────────

    /// Creates a competition with its creator as the first participant.
    pub async fn create_competition(&self, c: &CompetitionRow) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!(
            "INSERT INTO competitions ({COMPETITION_COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)"
        ))
        .bind(&c.id)
        .bind(&c.name)
        .bind(&c.description)
        .bind(&c.creator_id)
        .bind(&c.competition_type)
        .bind(&c.group_id)
        .bind(&c.metric_type)
        .bind(c.start_time)
        .bind(c.end_time)
        .bind(&c.invite_code)
        .bind(c.created_at)
        .execute(&mut *tx)
        .await?;
        if let Some(creator) = &c.creator_id {
            sqlx::query(
                "INSERT INTO competition_participants (competition_id, user_id, joined_at) VALUES ($1, $2, $3)",
            )
            .bind(&c.id)
            .bind(creator)
            .bind(c.created_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(())
    }

    /// A competition by id.
    pub async fn competition(&self, id: &str) -> Result<Option<CompetitionRow>> {
        let row = sqlx::query(&format!(
            "SELECT {COMPETITION_COLUMNS} FROM competitions WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(competition_from).transpose()
    }

    /// A competition by its invite code.
    pub async fn competition_by_code(&self, code: &str) -> Result<Option<CompetitionRow>> {
        let row = sqlx::query(&format!(
            "SELECT {COMPETITION_COLUMNS} FROM competitions WHERE invite_code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(competition_from).transpose()
    }

    /// Competitions `user` can see: public ones, the ones they joined and
    /// those of their groups; newest start first.
    pub async fn competitions_for(&self, user: &str, limit: i64) -> Result<Vec<CompetitionRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COMPETITION_COLUMNS} FROM competitions c
             WHERE c.competition_type = 'public'
                OR EXISTS (SELECT 1 FROM competition_participants p WHERE p.competition_id = c.id AND p.user_id = $1)
                OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = c.group_id AND m.user_id = $1)
             ORDER BY c.start_time DESC, c.id LIMIT $2"
        ))
        .bind(user)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(competition_from).collect()
    }

    /// Whether `user` takes part.
    pub async fn is_participant(&self, competition: &str, user: &str) -> Result<bool> {
        Ok(sqlx::query(
            "SELECT 1 FROM competition_participants WHERE competition_id = $1 AND user_id = $2",
        )
        .bind(competition)
        .bind(user)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    /// Adds a participant; joining twice is one participation.
    pub async fn join_competition(&self, competition: &str, user: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO competition_participants (competition_id, user_id, joined_at) VALUES ($1, $2, $3)
             ON CONFLICT (competition_id, user_id) DO NOTHING",
        )
        .bind(competition)
        .bind(user)
        .bind(self.clock.now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            sqlx::query(
                "UPDATE competitions SET participant_count = participant_count + 1 WHERE id = $1",
            )
            .bind(competition)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(inserted == 1)
    }

    /// Removes a participant; returns whether they took part.
    pub async fn leave_competition(&self, competition: &str, user: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let gone = sqlx::query(
            "DELETE FROM competition_participants WHERE competition_id = $1 AND user_id = $2",
        )
        .bind(competition)
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if gone == 1 {
            sqlx::query(
                "UPDATE competitions SET participant_count = participant_count - 1 WHERE id = $1",
            )
            .bind(competition)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(gone == 1)
    }

    /// Participants, by joining order.
    pub async fn participants(
        &self,
        competition: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<(Person, i64)>> {
        let rows = sqlx::query(
            "SELECT u.id, u.username, u.display_name, p.joined_at
             FROM competition_participants p JOIN users u ON u.id = p.user_id
             WHERE p.competition_id = $1 ORDER BY p.joined_at, u.username LIMIT $2 OFFSET $3",
        )
        .bind(competition)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((person_from(row)?, row.try_get("joined_at")?)))
            .collect()
    }

    // ── leaderboards ───────────────────────────────────────────────────

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

/// A short code that is hard to guess: 12 characters of a URL-safe token.
pub fn invite_code() -> String {
    random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect()
}

async fn add_activity(
    tx: &mut sqlx::Transaction<'_, Any>,
    group: &str,
    user: Option<&str>,
    activity_type: &str,
    content: &str,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO group_activity (group_id, user_id, activity_type, content, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(group)
    .bind(user)
    .bind(activity_type)
    .bind(content)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
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
