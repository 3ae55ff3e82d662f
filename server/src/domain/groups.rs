//! Halaqah groups. Public groups can be found and joined by anyone;
//! private ones only with their invite code, and to anyone outside a
//! private group it does not exist. Admins edit, delete, promote, remove,
//! renew the invite code and invite people (`invitations`); the last admin
//! to leave hands the role to the longest-standing member (the store does
//! that in the same transaction).

use super::membership::{self, Place};
use super::{check_text, notifications, Error, Result};
use crate::kinds::{ActivityType, NotificationKind, Privacy, Role};
use crate::live::payload;
use crate::store::{self, Activity, GroupChange, GroupRow, Member, Scope, Store, UserEvent};

/// Members a group may have at most.
pub const MAX_MEMBER_LIMIT: i64 = 100_000;
/// Members a group may have when its creator does not say.
pub const DEFAULT_MEMBER_LIMIT: i64 = 50;

/// A group as one viewer sees it: with their role, if they are a member.
#[derive(Debug, Clone)]
pub struct Viewed {
    pub group: GroupRow,
    pub role: Option<Role>,
}

impl Viewed {
    /// The invite code, for admins only.
    pub fn invite_code(&self) -> Option<&str> {
        may_administer(self.role).then_some(self.group.invite_code.as_str())
    }
}

/// A new group as asked for, unchecked.
#[derive(Debug, Clone, Default)]
pub struct NewGroup<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub privacy: &'a str,
    pub member_limit: Option<i64>,
}

/// Changes as asked for, unchecked; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct Update<'a> {
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub privacy: Option<&'a str>,
    pub member_limit: Option<i64>,
}

/// Whether someone with `role` may see a group of `privacy`: public groups
/// everyone, private ones members only.
pub fn may_read(privacy: Privacy, role: Option<Role>) -> bool {
    privacy == Privacy::Public || role.is_some()
}

/// Whether someone with `role` may change the group and its members.
pub fn may_administer(role: Option<Role>) -> bool {
    role == Some(Role::Admin)
}

fn not_found() -> Error {
    Error::not_found("group_not_found", "No group has this id, or it is private.")
}

fn not_admin() -> Error {
    Error::forbidden("not_admin", "Only the group's admins can do this.")
}

fn no_such_member() -> Error {
    Error::not_found(
        "member_not_found",
        "This user is not a member of the group.",
    )
}

fn check_privacy(privacy: &str) -> Result<Privacy> {
    privacy
        .trim()
        .parse()
        .map_err(|_| Error::invalid("invalid_privacy", "`privacy` is public or private."))
}

fn check_member_limit(limit: i64) -> Result<i64> {
    if (2..=MAX_MEMBER_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::invalid(
            "invalid_member_limit",
            format!("`member_limit` is from 2 to {MAX_MEMBER_LIMIT}."),
        ))
    }
}

fn check_name(name: &str) -> Result<String> {
    check_text(name, "invalid_name", "A name", (3, 100), false)
}

fn check_description(description: &str) -> Result<String> {
    check_text(
        description,
        "invalid_description",
        "A description",
        (0, 1000),
        true,
    )
}

/// The group and the viewer's role in it, if the viewer may see it.
pub async fn readable(store: &Store, id: &str, user: &str) -> Result<Viewed> {
    let group = store.group(id).await?.ok_or_else(not_found)?;
    let role = store.role_in(id, user).await?;
    if may_read(group.privacy, role) {
        Ok(Viewed { group, role })
    } else {
        Err(not_found())
    }
}

/// The group, if the viewer is one of its admins.
pub(crate) async fn administered(store: &Store, id: &str, user: &str) -> Result<Viewed> {
    let viewed = readable(store, id, user).await?;
    if may_administer(viewed.role) {
        Ok(viewed)
    } else {
        Err(not_admin())
    }
}

/// Creates a group at `now`; its creator is its first admin.
pub async fn create(store: &Store, creator: &str, new: &NewGroup<'_>, now: i64) -> Result<Viewed> {
    let group = GroupRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: check_name(new.name)?,
        description: check_description(new.description)?,
        creator_id: Some(creator.to_owned()),
        privacy: check_privacy(new.privacy)?,
        member_limit: check_member_limit(new.member_limit.unwrap_or(DEFAULT_MEMBER_LIMIT))?,
        member_count: 1,
        invite_code: membership::invite_code(),
        created_at: now,
        updated_at: now,
    };
    store.create_group(&group, creator).await?;
    Ok(Viewed {
        group,
        role: Some(Role::Admin),
    })
}

/// Public groups whose name contains `query` (at most 100 characters),
/// each with the viewer's role.
pub async fn search(
    store: &Store,
    user: &str,
    query: &str,
    (limit, offset): (Option<i64>, Option<i64>),
) -> Result<Vec<Viewed>> {
    if query.chars().count() > 100 {
        return Err(Error::invalid(
            "invalid_query",
            "A search has at most 100 characters.",
        ));
    }
    let groups = store
        .public_groups(
            query.trim(),
            super::limit(limit, 50)?,
            super::offset(offset)?,
        )
        .await?;
    with_roles(store, user, groups).await
}

/// The groups `user` is a member of.
pub async fn of_member(store: &Store, user: &str) -> Result<Vec<Viewed>> {
    let groups = store.groups_of(user).await?;
    with_roles(store, user, groups).await
}

async fn with_roles(store: &Store, user: &str, groups: Vec<GroupRow>) -> Result<Vec<Viewed>> {
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let role = store.role_in(&group.id, user).await?;
        out.push(Viewed { group, role });
    }
    Ok(out)
}

/// Changes a group (admins only); fields are checked as for a new group.
pub async fn update(store: &Store, id: &str, user: &str, update: &Update<'_>) -> Result<Viewed> {
    administered(store, id, user).await?;
    let change = GroupChange {
        name: update.name.map(check_name).transpose()?,
        description: update.description.map(check_description).transpose()?,
        privacy: update.privacy.map(check_privacy).transpose()?,
        member_limit: update.member_limit.map(check_member_limit).transpose()?,
    };
    match store.update_group(id, &change).await {
        Err(store::Error::Refused { .. }) => Err(Error::conflict(
            "limit_below_members",
            "The member limit cannot be below the number of members.",
        )),
        other => Ok(other?),
    }?;
    readable(store, id, user).await
}

/// Deletes a group with its members, activity and competitions (admins
/// only).
pub async fn delete(store: &Store, id: &str, user: &str) -> Result<()> {
    administered(store, id, user).await?;
    Ok(store.delete_group(id).await?)
}

impl Place for GroupRow {
    const NOUN: &'static str = "group";

    async fn find(store: &Store, id: &str) -> Result<Option<Self>> {
        Ok(store.group(id).await?)
    }

    async fn find_by_code(store: &Store, code: &str) -> Result<Option<Self>> {
        Ok(store.group_by_code(code).await?)
    }

    fn code(&self) -> Option<&str> {
        Some(&self.invite_code)
    }

    async fn open_to(&self, _store: &Store, _user: &str) -> Result<bool> {
        Ok(self.privacy == Privacy::Public)
    }

    async fn has_member(&self, store: &Store, user: &str) -> Result<bool> {
        Ok(store.role_in(&self.id, user).await?.is_some())
    }

    fn not_found() -> Error {
        not_found()
    }
}

/// Joins a group unless it is full; a member joining again changes
/// nothing. A new member's arrival is told to the group's admins
/// (`group_join`): the events to publish.
pub(crate) async fn enter(
    store: &Store,
    group: GroupRow,
    user: &str,
) -> Result<(Viewed, Vec<UserEvent>)> {
    let joined = match store.join_group(&group.id, user).await {
        Err(store::Error::Refused { .. }) => {
            return Err(Error::conflict(
                "group_full",
                "This group has reached its member limit.",
            ))
        }
        other => other?,
    };
    let events = match joined {
        true => {
            let admins = store.group_admins(&group.id).await?;
            let by = super::people::user(store, user).await?;
            let data = payload::GroupJoined {
                group_id: group.id.clone(),
                group_name: group.name.clone(),
                by: payload::Who {
                    id: by.id,
                    username: by.username,
                    display_name: by.display_name,
                },
            };
            notifications::notify(store, &admins, NotificationKind::GroupJoin, &data).await?
        }
        false => Vec::new(),
    };
    Ok((readable(store, &group.id, user).await?, events))
}

/// Joins a public group, or a private one with its invite code (`code`,
/// empty for none); the events to publish.
pub async fn join(
    store: &Store,
    id: &str,
    code: &str,
    user: &str,
) -> Result<(Viewed, Vec<UserEvent>)> {
    let group = membership::admitting::<GroupRow>(store, id, code, user).await?;
    enter(store, group, user).await
}

/// Joins any group by its invite code; the events to publish.
pub async fn join_by_code(
    store: &Store,
    code: &str,
    user: &str,
) -> Result<(Viewed, Vec<UserEvent>)> {
    let group = membership::by_code::<GroupRow>(store, code).await?;
    enter(store, group, user).await
}

/// Leaves a group the viewer may see.
pub async fn leave(store: &Store, id: &str, user: &str) -> Result<()> {
    readable(store, id, user).await?;
    if store
        .leave_group(id, user, ActivityType::MemberLeft)
        .await?
    {
        Ok(())
    } else {
        Err(Error::not_found(
            "not_a_member",
            "You are not a member of this group.",
        ))
    }
}

/// A page of members of a group the viewer may see.
pub async fn members(
    store: &Store,
    id: &str,
    user: &str,
    (limit, offset): (Option<i64>, Option<i64>),
) -> Result<Vec<Member>> {
    let strangers = readable(store, id, user).await?.role.is_none();
    let (limit, offset) = (super::limit(limit, 100)?, super::offset(offset)?);
    Ok(store.members(id, (user, strangers), limit, offset).await?)
}

/// Who the group's board ranks for `user`, if they may see it: members
/// see the members who are not hidden; others only those seen by
/// everyone.
pub async fn board_scope<'a>(store: &Store, id: &'a str, user: &str) -> Result<Scope<'a>> {
    let strangers = readable(store, id, user).await?.role.is_none();
    Ok(Scope::Group { id, strangers })
}

/// Makes a member an admin (admins only).
pub async fn promote(store: &Store, id: &str, user: &str, member: &str) -> Result<()> {
    administered(store, id, user).await?;
    if store.set_role(id, member, Role::Admin).await? {
        Ok(())
    } else {
        Err(no_such_member())
    }
}

/// Removes a member (admins only).
pub async fn remove_member(store: &Store, id: &str, user: &str, member: &str) -> Result<()> {
    administered(store, id, user).await?;
    if store
        .leave_group(id, member, ActivityType::MemberRemoved)
        .await?
    {
        Ok(())
    } else {
        Err(no_such_member())
    }
}

/// A new invite code; the old one stops working (admins only).
pub async fn renew_code(store: &Store, id: &str, user: &str) -> Result<String> {
    administered(store, id, user).await?;
    let code = membership::invite_code();
    store.set_invite_code(id, &code).await?;
    Ok(code)
}

/// A page of the activity of a group the viewer may see, newest first,
/// older than `before` (an id; all when absent). Who did it is named by
/// the rule of member lists (never a hidden person, only people seen by
/// everyone for a viewer outside the group); otherwise it was "a member".
pub async fn activity(
    store: &Store,
    id: &str,
    user: &str,
    before: Option<i64>,
    limit: Option<i64>,
) -> Result<Vec<Activity>> {
    let strangers = readable(store, id, user).await?.role.is_none();
    let limit = super::limit(limit, 50)?;
    let before = before.unwrap_or(i64::MAX);
    Ok(store.activity(id, (user, strangers), before, limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_groups_exist_only_for_their_members() {
        assert!(
            may_read(Privacy::Public, None),
            "anyone sees a public group"
        );
        assert!(
            !may_read(Privacy::Private, None),
            "outsiders never see a private one"
        );
        assert!(may_read(Privacy::Private, Some(Role::Member)));
    }

    #[test]
    fn only_admins_administer() {
        assert!(may_administer(Some(Role::Admin)));
        assert!(!may_administer(Some(Role::Member)));
        assert!(!may_administer(None));
    }

    #[test]
    fn the_invite_code_shows_to_admins_only() {
        let group = GroupRow {
            id: "g".into(),
            name: "Fajr circle".into(),
            description: String::new(),
            creator_id: None,
            privacy: Privacy::Private,
            member_limit: 50,
            member_count: 2,
            invite_code: "abcdefghijkl".into(),
            created_at: 0,
            updated_at: 0,
        };
        let admin = Viewed {
            group: group.clone(),
            role: Some(Role::Admin),
        };
        let member = Viewed {
            group,
            role: Some(Role::Member),
        };
        assert_eq!(admin.invite_code(), Some("abcdefghijkl"));
        assert_eq!(member.invite_code(), None);
    }

    #[test]
    fn fields_are_checked_with_stable_codes() {
        assert_eq!(check_privacy(" private ").ok(), Some(Privacy::Private));
        assert_eq!(
            check_privacy("secret").err().and_then(|e| e.code()),
            Some("invalid_privacy")
        );
        assert_eq!(
            check_member_limit(1).err().and_then(|e| e.code()),
            Some("invalid_member_limit")
        );
        assert_eq!(
            check_member_limit(MAX_MEMBER_LIMIT).ok(),
            Some(MAX_MEMBER_LIMIT)
        );
        assert_eq!(
            check_name("ab").err().and_then(|e| e.code()),
            Some("invalid_name")
        );
    }
}
