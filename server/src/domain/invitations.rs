//! Invitations to groups: an admin invites one user by id or username;
//! the invitee is told (`group_invite`, if they have it on), then accepts
//! (joining the group the way an invite code does, even a private one, so
//! its admins are told of the join) or declines; any admin of the group
//! may revoke it while it is pending.
//!
//! Someone who blocks the admin, or whom the admin blocks, cannot be
//! invited, and to the admin they do not exist (the same 404 as an
//! unknown user). An invitation of someone else's does not exist to the
//! caller either.

use super::groups::{self, Viewed};
use super::{notifications, Error, Result};
use crate::kinds::{InvitationStatus, NotificationKind};
use crate::live::payload;
use crate::store::{GroupRow, InvitationRow, NewInvitation, Store, UserEvent, UserRow};

/// Whom an admin invites.
#[derive(Debug, Clone, Copy)]
pub enum Invitee<'a> {
    /// By user id.
    Id(&'a str),
    /// By username (any case).
    Username(&'a str),
}

/// A new or the already pending invitation.
#[derive(Debug)]
pub struct Invited {
    pub invitation: InvitationRow,
    /// Whether it is new (an invitation already pending is not a second).
    pub created: bool,
    /// The events to publish.
    pub events: Vec<UserEvent>,
}

fn no_such_user() -> Error {
    Error::not_found("user_not_found", "No user has this id or username.")
}

fn no_such_invitation() -> Error {
    Error::not_found(
        "invitation_not_found",
        "No invitation of yours has this id.",
    )
}

fn answered() -> Error {
    Error::conflict(
        "invitation_answered",
        "This invitation was accepted, declined or revoked already.",
    )
}

/// Whether an invitation still waits for an answer; [`answered`] if not.
fn check_pending(invitation: &InvitationRow) -> Result<()> {
    match invitation.status {
        InvitationStatus::Pending => Ok(()),
        _ => Err(answered()),
    }
}

/// The user an admin names, unless either blocks the other.
async fn invitee(store: &Store, admin: &str, who: Invitee<'_>) -> Result<UserRow> {
    let user = match who {
        Invitee::Id(id) => store.user_by_id(id.trim()).await?,
        Invitee::Username(name) => store.user_by_username(&name.trim().to_lowercase()).await?,
    }
    .ok_or_else(no_such_user)?;
    if store.blocked_either_way(admin, &user.id).await? {
        return Err(no_such_user());
    }
    Ok(user)
}

/// Invites a user to a group (admins only); a member is a conflict, and
/// an invitation already pending is returned as it is, told once.
pub async fn invite(
    store: &Store,
    group_id: &str,
    admin: &str,
    who: Invitee<'_>,
) -> Result<Invited> {
    let group = groups::administered(store, group_id, admin).await?.group;
    let user = invitee(store, admin, who).await?;
    if store.role_in(group_id, &user.id).await?.is_some() {
        return Err(Error::conflict(
            "already_member",
            "This user is a member of the group already.",
        ));
    }
    let id = uuid::Uuid::new_v4().to_string();
    let new = NewInvitation {
        id: &id,
        group_id,
        invitee_id: &user.id,
        inviter_id: admin,
    };
    let created = store.create_invitation(&new).await?;
    let invitation = store
        .pending_invitation(group_id, &user.id)
        .await?
        .ok_or_else(answered)?;
    let events = match created {
        true => tell(store, &group, &invitation, admin).await?,
        false => Vec::new(),
    };
    Ok(Invited {
        invitation,
        created,
        events,
    })
}

/// Tells the invitee (`group_invite`): the events to publish.
async fn tell(
    store: &Store,
    group: &GroupRow,
    invitation: &InvitationRow,
    admin: &str,
) -> Result<Vec<UserEvent>> {
    let by = super::people::user(store, admin).await?;
    let data = payload::GroupInvited {
        invitation_id: invitation.id.clone(),
        group_id: group.id.clone(),
        group_name: group.name.clone(),
        by: payload::Who {
            id: by.id,
            username: by.username,
            display_name: by.display_name,
        },
    };
    let to = [invitation.invitee_id.clone()];
    notifications::notify(store, &to, NotificationKind::GroupInvite, &data).await
}

/// The pending invitations `user` received, newest first.
pub async fn pending(store: &Store, user: &str) -> Result<Vec<InvitationRow>> {
    Ok(store.invitations_of(user, true).await?)
}

/// The invitation `id`, if `user` received it.
async fn received(store: &Store, id: &str, user: &str) -> Result<InvitationRow> {
    match store.invitation(id).await? {
        Some(invitation) if invitation.invitee_id == user => Ok(invitation),
        _ => Err(no_such_invitation()),
    }
}

/// Accepts a pending invitation: `user` joins its group (unless it is
/// full) and its admins are told; the group and the events to publish.
pub async fn accept(store: &Store, id: &str, user: &str) -> Result<(Viewed, Vec<UserEvent>)> {
    let invitation = received(store, id, user).await?;
    check_pending(&invitation)?;
    let group = store
        .group(&invitation.group_id)
        .await?
        .ok_or_else(no_such_invitation)?;
    let joined = groups::enter(store, group, user).await?;
    // Answered after the join: a full group leaves it pending.
    store
        .answer_invitation(id, InvitationStatus::Accepted)
        .await?;
    Ok(joined)
}

/// Declines a pending invitation.
pub async fn decline(store: &Store, id: &str, user: &str) -> Result<()> {
    let invitation = received(store, id, user).await?;
    check_pending(&invitation)?;
    match store
        .answer_invitation(id, InvitationStatus::Declined)
        .await?
    {
        true => Ok(()),
        false => Err(answered()),
    }
}

/// Revokes a pending invitation (admins of its group only; to anyone who
/// may not see the group, it does not exist).
pub async fn revoke(store: &Store, id: &str, admin: &str) -> Result<()> {
    let invitation = store.invitation(id).await?.ok_or_else(no_such_invitation)?;
    match groups::administered(store, &invitation.group_id, admin).await {
        Err(error) if error.code() == Some("group_not_found") => return Err(no_such_invitation()),
        other => other?,
    };
    check_pending(&invitation)?;
    match store
        .answer_invitation(id, InvitationStatus::Revoked)
        .await?
    {
        true => Ok(()),
        false => Err(answered()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(status: InvitationStatus) -> InvitationRow {
        InvitationRow {
            id: "i".into(),
            group_id: "g".into(),
            group_name: "Fajr circle".into(),
            invitee_id: "u".into(),
            inviter: None,
            status,
            created_at: 0,
            answered_at: None,
        }
    }

    #[test]
    fn only_a_pending_invitation_can_be_answered() {
        assert!(check_pending(&invitation(InvitationStatus::Pending)).is_ok());
        for status in [
            InvitationStatus::Accepted,
            InvitationStatus::Declined,
            InvitationStatus::Revoked,
        ] {
            assert_eq!(
                check_pending(&invitation(status))
                    .err()
                    .and_then(|e| e.code()),
                Some("invitation_answered"),
                "{status}"
            );
        }
    }

    #[test]
    fn a_blocked_user_looks_like_an_unknown_one() {
        assert_eq!(no_such_user().code(), Some("user_not_found"));
    }
}
