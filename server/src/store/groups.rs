//! Groups, their members and activity.
//!
//! `member_count` changes in the same transaction as the membership,
//! through a conditional UPDATE that takes the group's row lock, so two
//! racing joins cannot overfill a group.

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::error::is_unique_violation;
use super::people::person_from;
use super::{Error, Person, Result, Store};
use crate::kinds::{ActivityType, Privacy, Role};

/// A group as stored.
#[derive(Debug, Clone)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub creator_id: Option<String>,
    pub privacy: Privacy,
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
        privacy: row.try_get::<String, _>("privacy")?.parse()?,
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
    pub privacy: Option<Privacy>,
    pub member_limit: Option<i64>,
}

/// A member of a group.
#[derive(Debug, Clone)]
pub struct Member {
    pub person: Person,
    pub role: Role,
    pub joined_at: i64,
}

/// One line of a group's activity.
#[derive(Debug, Clone)]
pub struct Activity {
    pub id: i64,
    pub user: Option<Person>,
    pub activity_type: ActivityType,
    pub content: String,
    pub created_at: i64,
}

impl Store {
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
        .bind(group.privacy.as_str())
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
            ActivityType::GroupCreated,
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
        let sql = format!("SELECT {GROUP_COLUMNS} FROM user_groups WHERE id = $1");
        self.optional(&sql, id, group_from).await
    }

    /// A group by its invite code.
    pub async fn group_by_code(&self, code: &str) -> Result<Option<GroupRow>> {
        let sql = format!("SELECT {GROUP_COLUMNS} FROM user_groups WHERE invite_code = $1");
        self.optional(&sql, code, group_from).await
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
    pub async fn role_in(&self, group: &str, user: &str) -> Result<Option<Role>> {
        let row =
            sqlx::query("SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(group)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) => Ok(Some(row.try_get::<String, _>("role")?.parse()?)),
            None => Ok(None),
        }
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
        .bind(change.privacy.map(Privacy::as_str))
        .bind(change.member_limit)
        .bind(self.clock.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::Refused {
                column: "member_limit",
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
            return Err(Error::Refused {
                column: "member_limit",
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
            ActivityType::MemberJoined,
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
    pub async fn leave_group(
        &self,
        group: &str,
        user: &str,
        activity: ActivityType,
    ) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let left = leave_group_in(&mut tx, group, user, (activity, self.clock.now())).await?;
        if left {
            tx.commit().await?;
            self.boards_changed();
        }
        Ok(left)
    }

    /// The ids of a group's admins.
    pub async fn group_admins(&self, group: &str) -> Result<Vec<String>> {
        let rows =
            sqlx::query("SELECT user_id FROM group_members WHERE group_id = $1 AND role = 'admin'")
                .bind(group)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Sets a member's role; `Ok(false)` if they are not a member.
    pub async fn set_role(&self, group: &str, user: &str, role: Role) -> Result<bool> {
        let done =
            sqlx::query("UPDATE group_members SET role = $1 WHERE group_id = $2 AND user_id = $3")
                .bind(role.as_str())
                .bind(group)
                .bind(user)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces the invite code; the old one stops working.
    pub async fn set_invite_code(&self, group: &str, code: &str) -> Result<()> {
        sqlx::query("UPDATE user_groups SET invite_code = $1, updated_at = $2 WHERE id = $3")
            .bind(code)
            .bind(self.clock.now())
            .bind(group)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Members as `viewer` may see them, admins first, then by joining
    /// order: never the hidden ones (but the viewer themselves), and only
    /// those seen by everyone when `strangers`.
    pub async fn members(
        &self,
        group: &str,
        (viewer, strangers): (&str, bool),
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT u.id, u.username, u.display_name, m.role, m.joined_at
             FROM group_members m JOIN users u ON u.id = m.user_id
             WHERE m.group_id = $1 AND (u.id = $4 OR {})
             ORDER BY CASE WHEN m.role = 'admin' THEN 0 ELSE 1 END, m.joined_at, u.username
             LIMIT $2 OFFSET $3",
            super::people::shown_to(strangers)
        );
        let rows = sqlx::query(&sql)
            .bind(group)
            .bind(limit)
            .bind(offset)
            .bind(viewer)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Member {
                    person: person_from(row)?,
                    role: row.try_get::<String, _>("role")?.parse()?,
                    joined_at: row.try_get("joined_at")?,
                })
            })
            .collect()
    }

    /// The group's activity, newest first, older than `before` (an id).
    pub async fn activity(
        &self,
        group: &str,
        (viewer, strangers): (&str, bool),
        before: i64,
        limit: i64,
    ) -> Result<Vec<Activity>> {
        // Whom `viewer` may not see listed stays "a member" (no user).
        let sql = format!(
            "SELECT a.id AS activity_id, a.activity_type, a.content, a.created_at,
                    u.id, u.username, u.display_name
             FROM group_activity a
             LEFT JOIN users u ON u.id = a.user_id AND (u.id = $4 OR {})
             WHERE a.group_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
            super::people::shown_to(strangers)
        );
        let rows = sqlx::query(&sql)
            .bind(group)
            .bind(before)
            .bind(limit)
            .bind(viewer)
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
                    activity_type: row.try_get::<String, _>("activity_type")?.parse()?,
                    content: row.try_get("content")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}

async fn add_activity(
    tx: &mut sqlx::Transaction<'_, Any>,
    group: &str,
    user: Option<&str>,
    activity_type: ActivityType,
    content: &str,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO group_activity (group_id, user_id, activity_type, content, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(group)
    .bind(user)
    .bind(activity_type.as_str())
    .bind(content)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// [`Store::leave_group`] inside the caller's transaction: the member
/// goes, the count follows, their unfinished khatmah portions are freed,
/// an empty group is deleted and a group left
/// without an admin gets its oldest member as one.
pub(crate) async fn leave_group_in(
    tx: &mut Transaction<'_, Any>,
    group: &str,
    user: &str,
    (activity, now): (ActivityType, i64),
) -> Result<bool> {
    let gone = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group)
        .bind(user)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE user_groups SET member_count = member_count - 1 WHERE id = $1")
        .bind(group)
        .execute(&mut **tx)
        .await?;
    // Their unfinished portions of the group's running khatmah are free
    // again for the members who stay.
    sqlx::query(
        "UPDATE khatmah_portions SET assignee_id = NULL, assigned_at = NULL
         WHERE assignee_id = $2 AND done_at IS NULL
           AND khatmah_id IN (SELECT id FROM khatmahs WHERE group_id = $1 AND status = 'running')",
    )
    .bind(group)
    .bind(user)
    .execute(&mut **tx)
    .await?;
    let counts = sqlx::query(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN role = 'admin' THEN 1 ELSE 0 END), 0)
         FROM group_members WHERE group_id = $1",
    )
    .bind(group)
    .fetch_one(&mut **tx)
    .await?;
    let (members, admins): (i64, i64) = (counts.try_get(0)?, counts.try_get(1)?);
    if members == 0 {
        sqlx::query("DELETE FROM user_groups WHERE id = $1")
            .bind(group)
            .execute(&mut **tx)
            .await?;
    } else {
        if admins == 0 {
            sqlx::query(
                "UPDATE group_members SET role = 'admin' WHERE group_id = $1 AND user_id =
                   (SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY joined_at, user_id LIMIT 1)",
            )
            .bind(group)
            .execute(&mut **tx)
            .await?;
        }
        add_activity(tx, group, Some(user), activity, "", now).await?;
    }
    Ok(true)
}
