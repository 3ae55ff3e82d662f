//! The notification inbox: what each user is told about (group joins,
//! chat mentions, reactions to their posts, competitions starting and
//! ending), read marks, and the kinds each user turned off.
//!
//! A notification is stored with its live event (`notification`) in one
//! transaction and only for recipients who have its kind on; the caller
//! publishes the returned events after the commit, as chat does. A kind
//! turned off is neither stored nor delivered. Never here: who may see a
//! group or a post (the caller decides the recipients).

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Error, Result};
use crate::kinds::NotificationKind;
use crate::live::payload;
use crate::store::{NotificationRow, Store, UserEvent};

/// The longest excerpt of a message a mention carries, in characters.
const EXCERPT_CHARS: usize = 100;
/// The most people one message can notify by mention.
const MAX_MENTIONS: usize = 20;

/// A page of the inbox.
#[derive(Debug)]
pub struct Inbox {
    /// Newest first.
    pub notifications: Vec<NotificationRow>,
    /// How many of all the user's notifications are unread.
    pub unread: i64,
}

/// Stores a notification of `kind` for each of `recipients` (those who
/// turned `kind` off are skipped) with its event: the events to publish.
pub async fn notify<T: Serialize>(
    store: &Store,
    recipients: &[String],
    kind: NotificationKind,
    data: &T,
) -> Result<Vec<UserEvent>> {
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let data = payload::to_data(data);
    let event = |row: &NotificationRow| payload::to_data(&payload::Notification::from(row));
    let events = store.notify(recipients, kind, &data, event).await?;
    tracing::debug!(kind = kind.as_str(), told = events.len(), "notified");
    Ok(events)
}

/// A page of `user`'s notifications, newest first, with ids below
/// `before`, and the unread count.
pub async fn inbox(
    store: &Store,
    user: &str,
    before: Option<i64>,
    limit: Option<i64>,
) -> Result<Inbox> {
    let limit = super::limit(limit, 50)?;
    Ok(Inbox {
        notifications: store.notifications(user, before, limit).await?,
        unread: store.unread_notifications(user).await?,
    })
}

/// Marks one of `user`'s notifications read.
pub async fn read(store: &Store, user: &str, id: i64) -> Result<()> {
    match store.read_notification(user, id).await? {
        true => Ok(()),
        false => Err(Error::not_found(
            "notification_not_found",
            "No notification of yours has this id.",
        )),
    }
}

/// Marks all of `user`'s notifications read.
pub async fn read_all(store: &Store, user: &str) -> Result<()> {
    Ok(store.read_all_notifications(user).await?)
}

/// Every kind of notification and whether `user` has it on.
pub async fn settings(store: &Store, user: &str) -> Result<Vec<(NotificationKind, bool)>> {
    let off = store.notifications_off(user).await?;
    Ok(NotificationKind::ALL
        .iter()
        .map(|kind| (*kind, !off.contains(kind)))
        .collect())
}

/// Turns kinds on or off; the others stay as they are. The settings after.
pub async fn set_settings(
    store: &Store,
    user: &str,
    changes: &[(NotificationKind, bool)],
) -> Result<Vec<(NotificationKind, bool)>> {
    store.set_notifications(user, changes).await?;
    settings(store, user).await
}

/// The usernames a message names (`@name`, lowercased, each once, at most
/// [`MAX_MENTIONS`]): a name is 3 to 30 of a–z, 0–9 and `_`, after an `@`
/// that starts the text or follows something other than a letter or
/// digit (so an email address is not a mention).
pub fn mentioned_usernames(body: &str) -> Vec<String> {
    let mut names = BTreeSet::new();
    let chars: Vec<char> = body.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' || (i > 0 && chars[i - 1].is_alphanumeric()) {
            continue;
        }
        let name: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
            .collect::<String>()
            .to_lowercase();
        if (3..=30).contains(&name.len()) {
            names.insert(name);
        }
    }
    names.into_iter().take(MAX_MENTIONS).collect()
}

/// The first [`EXCERPT_CHARS`] characters of a message.
pub fn excerpt(body: &str) -> String {
    body.chars().take(EXCERPT_CHARS).collect()
}

/// Tells the people a message names (`@username`) among `audience` (the
/// members it reached), never its sender: `chat_mention`.
pub async fn mentions(
    store: &Store,
    audience: &[String],
    sender: &payload::Who,
    message: &payload::Message,
) -> Result<Vec<UserEvent>> {
    let mut told = Vec::new();
    for name in mentioned_usernames(&message.body) {
        if let Some(user) = store.user_by_username(&name).await? {
            if user.id != sender.id && audience.contains(&user.id) {
                told.push(user.id);
            }
        }
    }
    let data = payload::Mentioned {
        conversation_id: message.conversation_id.clone(),
        message_id: message.id.clone(),
        by: sender.clone(),
        excerpt: excerpt(&message.body),
    };
    notify(store, &told, NotificationKind::ChatMention, &data).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_at_names_not_email_addresses() {
        assert_eq!(
            mentioned_usernames("@Amina and @bilal_2, see a@example.com @ab @amina"),
            vec!["amina".to_owned(), "bilal_2".to_owned()],
            "each name once, lowercased; too short and email addresses are not mentions"
        );
        assert!(mentioned_usernames("no names here @").is_empty());
        assert_eq!(mentioned_usernames("(@carim)"), vec!["carim".to_owned()]);
    }

    #[test]
    fn a_message_notifies_twenty_people_at_most() {
        let body: Vec<String> = (0..30).map(|n| format!("@user{n:02}")).collect();
        assert_eq!(mentioned_usernames(&body.join(" ")).len(), MAX_MENTIONS);
    }

    #[test]
    fn an_excerpt_is_cut_at_a_character_not_a_byte() {
        let long = "س".repeat(150);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS);
    }
}
