//! People as others see them: finding someone, follows (friends are mutual
//! follows), and who may see whose reading. What others see of someone's
//! reading follows their leaderboard visibility: `everyone`, `circles`
//! (friends and people in a shared group) or `hidden`.

use super::{Error, Result};
use crate::kinds::Visibility;
use crate::live::payload;
use crate::store::{Follows, Person, Store, UserEvent, UserRow};

/// How a viewer and someone else follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub you_follow: bool,
    pub follows_you: bool,
}

impl Relation {
    /// Friends follow each other.
    pub fn friends(self) -> bool {
        self.you_follow && self.follows_you
    }
}

/// Whether someone whose visibility is `visibility` shows their reading
/// to a viewer: always to themselves; to their circles (`in_circles`:
/// friends or a shared group) unless hidden; to everyone if they chose so.
pub fn may_see_stats(visibility: Visibility, is_self: bool, in_circles: bool) -> bool {
    is_self
        || match visibility {
            Visibility::Everyone => true,
            Visibility::Circles => in_circles,
            Visibility::Hidden => false,
        }
}

/// The user with this id.
pub async fn user(store: &Store, id: &str) -> Result<UserRow> {
    store
        .user_by_id(id)
        .await?
        .ok_or_else(|| Error::not_found("user_not_found", "No user has this id."))
}

/// The user with this username (any case).
pub async fn by_username(store: &Store, username: &str) -> Result<UserRow> {
    store
        .user_by_username(&username.trim().to_lowercase())
        .await?
        .ok_or_else(|| Error::not_found("user_not_found", "No user has this username."))
}

/// Whether `viewer` may see `target`'s reading.
pub async fn stats_visible(store: &Store, viewer: &str, target: &UserRow) -> Result<bool> {
    let is_self = viewer == target.id;
    // Circles are asked about only when they decide.
    let in_circles = !is_self
        && target.leaderboard_visibility == Visibility::Circles
        && (store.are_friends(viewer, &target.id).await?
            || store.share_a_group(viewer, &target.id).await?);
    Ok(may_see_stats(
        target.leaderboard_visibility,
        is_self,
        in_circles,
    ))
}

/// `target`, if `viewer` may see their reading.
pub async fn with_visible_stats(store: &Store, viewer: &str, target: &str) -> Result<UserRow> {
    let target = user(store, target).await?;
    if stats_visible(store, viewer, &target).await? {
        Ok(target)
    } else {
        Err(Error::forbidden(
            "stats_private",
            "This user keeps their reading private.",
        ))
    }
}

/// How `viewer` and `other` follow each other.
pub async fn relation(store: &Store, viewer: &str, other: &str) -> Result<Relation> {
    let following = store.follow_list(viewer, Follows::Following).await?;
    let followers = store.follow_list(viewer, Follows::Followers).await?;
    Ok(Relation {
        you_follow: following.iter().any(|p| p.id == other),
        follows_you: followers.iter().any(|p| p.id == other),
    })
}

/// Starts following someone who exists; following twice is one follow.
/// A new follow tells the followee (`followed`): the events to publish.
pub async fn follow(store: &Store, follower: &str, followee: &str) -> Result<Vec<UserEvent>> {
    if follower == followee {
        return Err(Error::invalid(
            "cannot_follow_self",
            "You cannot follow yourself.",
        ));
    }
    user(store, followee).await?;
    let by = user(store, follower).await?;
    let data = payload::to_data(&payload::Followed {
        by: payload::Who {
            id: by.id,
            username: by.username,
            display_name: by.display_name,
        },
    });
    Ok(store.follow(follower, followee, &data).await?)
}

/// Stops following; not following is not an error.
pub async fn unfollow(store: &Store, follower: &str, followee: &str) -> Result<()> {
    Ok(store.unfollow(follower, followee).await?)
}

/// One of `user`'s follow lists, by username.
pub async fn list(store: &Store, user: &str, which: Follows) -> Result<Vec<Person>> {
    Ok(store.follow_list(user, which).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visibility_decides_who_sees_reading() {
        assert!(
            may_see_stats(Visibility::Hidden, true, false),
            "one always sees oneself"
        );
        assert!(may_see_stats(Visibility::Everyone, false, false));
        assert!(
            may_see_stats(Visibility::Circles, false, true),
            "friends and group mates"
        );
        assert!(
            !may_see_stats(Visibility::Circles, false, false),
            "not strangers"
        );
        assert!(
            !may_see_stats(Visibility::Hidden, false, true),
            "hidden from circles too"
        );
    }

    #[test]
    fn friends_follow_each_other() {
        let one_way = Relation {
            you_follow: true,
            follows_you: false,
        };
        assert!(!one_way.friends());
        assert!(Relation {
            you_follow: true,
            follows_you: true
        }
        .friends());
    }
}
