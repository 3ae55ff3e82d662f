//! Invitations to groups: one user invited by an admin, pending until
//! accepted, declined or revoked. At most one pending invitation per
//! group and invitee (a partial unique index), so two racing invitations
//! are one. Answered invitations stay as history.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::error::is_unique_violation;
use super::people::person_from;
use super::{Person, Result, Store};
use crate::kinds::InvitationStatus;

/// An invitation as stored, with its group's name and who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub invitee_id: String,
    /// Who invited (`None` once their account is gone).
    pub inviter: Option<Person>,
    pub status: InvitationStatus,
    pub created_at: i64,
    pub answered_at: Option<i64>,
}

/// A new invitation.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub group_id: &'a str,
    pub invitee_id: &'a str,
    pub inviter_id: &'a str,
}

const SELECT: &str = "SELECT i.id AS invitation_id, i.group_id, g.name AS group_name,
        i.invitee_id, i.status, i.created_at, i.answered_at,
        u.id, u.username, u.display_name
    FROM group_invitations i
    JOIN user_groups g ON g.id = i.group_id
    LEFT JOIN users u ON u.id = i.inviter_id";

fn invitation_from(row: &AnyRow) -> Result<InvitationRow> {
    let inviter = match row.try_get::<Option<String>, _>("id")? {
        Some(_) => Some(person_from(row)?),
        None => None,
    };
    Ok(InvitationRow {
        id: row.try_get("invitation_id")?,
        group_id: row.try_get("group_id")?,
        group_name: row.try_get("group_name")?,
        invitee_id: row.try_get("invitee_id")?,
        inviter,
        status: row.try_get::<String, _>("status")?.parse()?,
        created_at: row.try_get("created_at")?,
        answered_at: row.try_get("answered_at")?,
    })
}

impl Store {
    /// Stores a pending invitation; `Ok(false)` if one of the same group
    /// and invitee is pending already (nothing changes).
    pub async fn create_invitation(&self, new: &NewInvitation<'_>) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO group_invitations
                (id, group_id, invitee_id, inviter_id, status, created_at)
             VALUES ($1, $2, $3, $4, 'pending', $5)",
        )
        .bind(new.id)
        .bind(new.group_id)
        .bind(new.invitee_id)
        .bind(new.inviter_id)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await;
        match inserted {
            Ok(_) => Ok(true),
            Err(error) if is_unique_violation(&error) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// An invitation by id.
    pub async fn invitation(&self, id: &str) -> Result<Option<InvitationRow>> {
        let sql = format!("{SELECT} WHERE i.id = $1");
        self.optional(&sql, id, invitation_from).await
    }

    /// The pending invitation of `invitee` to `group`, if any.
    pub async fn pending_invitation(
        &self,
        group: &str,
        invitee: &str,
    ) -> Result<Option<InvitationRow>> {
        let row = sqlx::query(&format!(
            "{SELECT} WHERE i.group_id = $1 AND i.invitee_id = $2 AND i.status = 'pending'"
        ))
        .bind(group)
        .bind(invitee)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(invitation_from).transpose()
    }

    /// The invitations `invitee` received, newest first: the pending ones
    /// only, or all of them with `pending_only` false.
    pub async fn invitations_of(
        &self,
        invitee: &str,
        pending_only: bool,
    ) -> Result<Vec<InvitationRow>> {
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE i.invitee_id = $1 AND ($2 = 0 OR i.status = 'pending')
             ORDER BY i.created_at DESC, i.id"
        ))
        .bind(invitee)
        .bind(i64::from(pending_only))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(invitation_from).collect()
    }

    /// Answers a pending invitation with `status`; `Ok(false)` if it is
    /// not pending (any more).
    pub async fn answer_invitation(&self, id: &str, status: InvitationStatus) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE group_invitations SET status = $1, answered_at = $2
             WHERE id = $3 AND status = 'pending'",
        )
        .bind(status.as_str())
        .bind(self.clock.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
