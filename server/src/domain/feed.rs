//! The Daily Deen feed: reflections (tadabbur) on an ayah or on nothing in
//! particular, the milestone posts the server makes (`milestones`), who
//! sees which post, and reactions (SubhanAllah, Ameen, MashaAllah; one per
//! person per post, changeable).
//!
//! The author chooses who sees a post: `friends` (mutual follows),
//! `groups` (members of their private groups: anyone can join a public
//! group, so it makes nobody a circle, as for stats and direct messages)
//! or `private`; never anyone either of whom blocks the other
//! (`store::feed` holds the rule as one SQL condition). A new post reaches
//! the sockets of those who may see it as a stored `feed_post` event, for
//! at most [`FANOUT_LIMIT`] of them (the rest read it in the feed). A
//! reaction tells the author (`post_reaction`), never for their own post.
//! Never here: SQL, statuses.

use super::{check_text, notifications, Error, Result};
use crate::kinds::{NotificationKind, PostKind, PostReaction, PostVisibility};
use crate::live::payload;
use crate::store::{NewPost, PostRow, Store, UserEvent};

/// The longest reflection, in characters.
pub const MAX_POST_CHARS: usize = 2_000;
/// The most people a new post is delivered to live (beyond the author);
/// the others see it when they read their feed.
pub const FANOUT_LIMIT: i64 = 500;

/// A reflection as asked for, unchecked.
#[derive(Debug, Clone, Copy)]
pub struct Reflection<'a> {
    pub body: &'a str,
    pub visibility: &'a str,
    /// (surah, ayah).
    pub ayah: Option<(i64, i64)>,
}

fn not_found() -> Error {
    Error::not_found("post_not_found", "No post you can see has this id.")
}

/// A post visibility a person may choose, by name (`group` is only for
/// the server's posts for one group).
pub fn check_visibility(name: &str) -> Result<PostVisibility> {
    match name.parse() {
        Ok(PostVisibility::Group) | Err(_) => Err(Error::invalid(
            "invalid_visibility",
            "`visibility` is friends, groups or private.",
        )),
        Ok(visibility) => Ok(visibility),
    }
}

/// A reaction by name.
pub fn check_reaction(name: &str) -> Result<PostReaction> {
    name.parse().map_err(|_| {
        Error::invalid(
            "invalid_reaction",
            "A reaction is subhanallah, ameen or mashaallah.",
        )
    })
}

/// The text of ayah `surah:ayah` from the bundled Qur'an, if it exists.
pub fn ayah_text(surah: i64, ayah: i64) -> Result<String> {
    let unknown = || Error::invalid("unknown_ayah", format!("There is no ayah {surah}:{ayah}."));
    let surah16 = u16::try_from(surah).map_err(|_| unknown())?;
    let ayah16 = u16::try_from(ayah).map_err(|_| unknown())?;
    let reference = companion_core::AyahRef::new(surah16, ayah16).map_err(|_| unknown())?;
    Ok(quran_data::quran().ayah(reference).text.clone())
}

/// Stores a post and delivers it to its author's and its audience's
/// sockets (`feed_post`). `None` when it is a milestone posted before.
pub(crate) async fn publish(
    store: &Store,
    new: &NewPost<'_>,
) -> Result<Option<(PostRow, Vec<UserEvent>)>> {
    let mut audience = match new.group {
        Some(group) => {
            store
                .group_audience(new.author, group, FANOUT_LIMIT)
                .await?
        }
        None => {
            store
                .post_audience(new.author, new.visibility, FANOUT_LIMIT)
                .await?
        }
    };
    audience.push(new.author.to_owned());
    let data = |post: &PostRow| payload::to_data(&payload::Post::from(post));
    let posted = store.create_post(new, &audience, data).await?;
    if let Some((post, events)) = &posted {
        tracing::info!(
            post = post.id,
            kind = post.kind.as_str(),
            told = events.len(),
            "posted"
        );
    }
    Ok(posted)
}

/// Posts `author`'s reflection: 1 to [`MAX_POST_CHARS`] characters, maybe
/// on an ayah, whose text the server adds.
pub async fn reflect(
    store: &Store,
    author: &str,
    reflection: Reflection<'_>,
) -> Result<(PostRow, Vec<UserEvent>)> {
    let body = check_text(
        reflection.body,
        "invalid_post",
        "A reflection",
        (1, MAX_POST_CHARS),
        true,
    )?;
    let visibility = check_visibility(reflection.visibility)?;
    let ayah = match reflection.ayah {
        Some((surah, ayah)) => Some((surah, ayah, ayah_text(surah, ayah)?)),
        None => None,
    };
    let new = NewPost {
        author,
        kind: PostKind::Reflection,
        visibility,
        body: &body,
        ayah: ayah.as_ref().map(|(s, a, t)| (*s, *a, t.as_str())),
        milestone: None,
        group: None,
    };
    publish(store, &new)
        .await?
        .ok_or_else(|| Error::conflict("post_exists", "This post exists already."))
}

/// A page of the posts `reader` may see, newest first, with ids below
/// `before`.
pub async fn feed(
    store: &Store,
    reader: &str,
    before: Option<i64>,
    limit: Option<i64>,
) -> Result<Vec<PostRow>> {
    let limit = super::limit(limit, 20)?;
    Ok(store.feed(reader, before, limit).await?)
}

/// One post, if `reader` may see it.
pub async fn post(store: &Store, reader: &str, id: i64) -> Result<PostRow> {
    store.visible_post(reader, id).await?.ok_or_else(not_found)
}

/// Deletes one of `author`'s own posts.
pub async fn delete(store: &Store, author: &str, id: i64) -> Result<()> {
    let post = post(store, author, id).await?;
    if post.author.id != author {
        return Err(Error::forbidden(
            "not_your_post",
            "You can delete only your own posts.",
        ));
    }
    match store.delete_post(author, id).await? {
        true => Ok(()),
        false => Err(not_found()),
    }
}

/// Sets (`Some`) or removes `user`'s reaction to a post they may see: the
/// post after, and the events to publish (the author is told of a new or
/// changed reaction to their post, `post_reaction`).
pub async fn react(
    store: &Store,
    user: &str,
    id: i64,
    reaction: Option<&str>,
) -> Result<(PostRow, Vec<UserEvent>)> {
    let reaction = reaction.map(check_reaction).transpose()?;
    let post = post(store, user, id).await?;
    let before = store.react_to_post(id, user, reaction).await?;
    let events = match reaction {
        Some(reaction) if before != Some(reaction) && post.author.id != user => {
            let by = super::people::user(store, user).await?;
            let data = payload::PostReacted {
                post_id: id,
                by: payload::Who {
                    id: by.id,
                    username: by.username,
                    display_name: by.display_name,
                },
                reaction,
            };
            let author = [post.author.id.clone()];
            notifications::notify(store, &author, NotificationKind::PostReaction, &data).await?
        }
        _ => Vec::new(),
    };
    Ok((self::post(store, user, id).await?, events))
}

/// Who sees the milestone posts the server makes for `user`: `private`
/// until they choose otherwise.
pub async fn milestone_visibility(store: &Store, user: &str) -> Result<PostVisibility> {
    Ok(store
        .milestone_visibility(user)
        .await?
        .unwrap_or(PostVisibility::Private))
}

/// Sets who sees the milestone posts the server makes for `user`.
pub async fn set_milestone_visibility(
    store: &Store,
    user: &str,
    visibility: &str,
) -> Result<PostVisibility> {
    let visibility = check_visibility(visibility)?;
    store.set_milestone_visibility(user, visibility).await?;
    Ok(visibility)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ayah_text_comes_from_the_bundled_quran_and_unknown_ayahs_are_refused() {
        let kursi = companion_core::AyahRef::new(2, 255)
            .ok()
            .map(|r| &quran_data::quran().ayah(r).text);
        assert_eq!(ayah_text(2, 255).ok().as_ref(), kursi);
        assert!(kursi.is_some_and(|k| !k.is_empty()));
        for (surah, ayah) in [(0, 1), (1, 8), (115, 1), (-1, 1), (1, i64::MAX)] {
            assert_eq!(
                ayah_text(surah, ayah).err().and_then(|e| e.code()),
                Some("unknown_ayah"),
                "{surah}:{ayah}"
            );
        }
    }

    #[test]
    fn visibilities_and_reactions_are_closed_sets() {
        assert_eq!(
            check_visibility("groups").ok(),
            Some(PostVisibility::Groups)
        );
        assert!(check_visibility("everyone").is_err(), "no public posts");
        assert!(
            check_visibility("group").is_err(),
            "a group's posts are the server's"
        );
        assert_eq!(check_reaction("ameen").ok(), Some(PostReaction::Ameen));
        assert!(check_reaction("Ameen").is_err() && check_reaction("👍").is_err());
    }
}
