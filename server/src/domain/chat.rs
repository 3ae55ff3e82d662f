//! Chat rules: who may talk to whom, what a message may hold, for how long
//! it can be edited, who may delete it, which reactions exist, and who is
//! told about each change.
//!
//! Direct conversations are between friends (mutual follows) or members of
//! a shared private group, never when either blocks the other. A group's
//! conversation belongs to its members; its admins may delete any message
//! and mute members. Someone's messages never reach people who block them:
//! not live, not in history, not in unread counts (in a group conversation
//! everyone else still sees them). Every change is stored with its events
//! in one transaction; the caller publishes the returned events.

use super::{check_text, groups, notifications, people, Error, Result};
use crate::kinds::{ConversationKind, LiveKind, Role};
use crate::live::payload;
use crate::store::{
    ConversationRow, ConversationView, MessageRow, NewMessage, Notice, Store, UserEvent,
};

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4_000;
/// How long after sending its sender may edit a message, in seconds.
pub const EDIT_WINDOW_SECONDS: i64 = 15 * 60;
/// The reactions there are.
pub const REACTIONS: &[&str] = &["👍", "❤️", "🤲", "😊", "😢", "🌙"];
/// The longest client id of a message.
const MAX_CLIENT_ID_CHARS: usize = 64;

/// What sending a message did.
#[derive(Debug)]
pub struct Sent {
    pub message: MessageRow,
    /// `false` when it was a resend of a stored message.
    pub created: bool,
    pub events: Vec<UserEvent>,
}

/// Whether a message sent at `sent` may still be edited at `now`.
pub fn may_edit(sent: i64, now: i64) -> bool {
    now - sent < EDIT_WINDOW_SECONDS
}

/// Whether `emoji` is one of the [`REACTIONS`].
pub fn is_reaction(emoji: &str) -> bool {
    REACTIONS.contains(&emoji)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn not_found() -> Error {
    Error::not_found(
        "conversation_not_found",
        "No conversation of yours has this id.",
    )
}

fn message_not_found() -> Error {
    Error::not_found("message_not_found", "No message you can see has this id.")
}

/// Opens (or finds) the direct conversation of `me` and `other`.
pub async fn start_direct(store: &Store, me: &str, other: &str) -> Result<ConversationRow> {
    if me == other {
        return Err(Error::invalid(
            "cannot_message_self",
            "You cannot start a conversation with yourself.",
        ));
    }
    people::user(store, other).await?;
    if store.blocked_either_way(me, other).await? {
        return Err(blocked());
    }
    let connected = store.are_friends(me, other).await? || store.share_a_group(me, other).await?;
    if !connected {
        return Err(Error::forbidden(
            "not_connected",
            "You can message friends (people who follow each other) and members of your private groups.",
        ));
    }
    Ok(store.direct_conversation(&new_id(), me, other).await?)
}

fn blocked() -> Error {
    Error::forbidden(
        "blocked",
        "One of you has blocked the other: no messages either way.",
    )
}

/// `user`'s conversations (their groups' made first if missing).
pub async fn list(store: &Store, user: &str) -> Result<Vec<ConversationView>> {
    store.open_group_conversations(user, new_id).await?;
    Ok(store.conversations_of(user).await?)
}

/// The conversation, if `user` is one of its members (else not found).
pub async fn of_member(store: &Store, id: &str, user: &str) -> Result<ConversationRow> {
    let conversation = store.conversation(id).await?.ok_or_else(not_found)?;
    let member = match (&conversation.users, &conversation.group_id) {
        (Some((a, b)), _) => a == user || b == user,
        (None, Some(group)) => store.role_in(group, user).await?.is_some(),
        (None, None) => false,
    };
    member.then_some(conversation).ok_or_else(not_found)
}

/// The message and its conversation, if `user` may see them.
async fn visible_message(
    store: &Store,
    id: &str,
    user: &str,
) -> Result<(MessageRow, ConversationRow)> {
    let message = store.message(id).await?.ok_or_else(message_not_found)?;
    let conversation = of_member(store, &message.conversation_id, user)
        .await
        .map_err(|_| message_not_found())?;
    Ok((message, conversation))
}

/// Who is told about a change by `author`: the members who do not block
/// them.
async fn audience(store: &Store, c: &ConversationRow, author: &str) -> Result<Vec<String>> {
    let blockers = store.blockers_of(author).await?;
    let members = store.conversation_members(c).await?;
    Ok(members
        .into_iter()
        .filter(|m| !blockers.contains(m))
        .collect())
}

/// A page of a conversation's messages, newest first, numbered below
/// `before`.
pub async fn messages(
    store: &Store,
    id: &str,
    user: &str,
    before: Option<i64>,
    limit: Option<i64>,
) -> Result<Vec<(MessageRow, Vec<(String, String)>)>> {
    let limit = super::limit(limit, 50)?;
    of_member(store, id, user).await?;
    let rows = store.messages(id, user, before, limit).await?;
    let (Some(newest), Some(oldest)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let mut reactions = std::collections::HashMap::<String, Vec<(String, String)>>::new();
    for (message, who, emoji) in store
        .reactions_between(id, user, (oldest.seq, newest.seq))
        .await?
    {
        reactions.entry(message).or_default().push((who, emoji));
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let of_it = reactions.remove(&m.id).unwrap_or_default();
            (m, of_it)
        })
        .collect())
}

/// Sends a message: stored (and its event) before it is answered; a
/// resend with the same `client_id` gives the stored one back. Members it
/// names (`@username`) are notified (`chat_mention`).
/// `per_minute` bounds how many a user sends a minute (0: no bound).
pub async fn send(
    store: &Store,
    (user, id): (&str, &str),
    (client_id, body): (&str, &str),
    (now, per_minute): (i64, u32),
) -> Result<Sent> {
    let conversation = of_member(store, id, user).await?;
    let client_id = check_text(
        client_id,
        "invalid_client_id",
        "A client id",
        (1, MAX_CLIENT_ID_CHARS),
        false,
    )?;
    let body = check_text(
        body,
        "invalid_message",
        "A message",
        (1, MAX_MESSAGE_CHARS),
        true,
    )?;
    if let Some(old) = store.message_by_client_id(user, &client_id).await? {
        return Ok(Sent {
            message: old,
            created: false,
            events: Vec::new(),
        });
    }
    may_send(store, &conversation, user).await?;
    if per_minute > 0 && store.messages_sent_since(user, now - 60).await? >= i64::from(per_minute) {
        return Err(Error::TooMany {
            code: "too_many_messages",
            message: format!("At most {per_minute} messages a minute."),
            retry_after: 60,
        });
    }
    let recipients = audience(store, &conversation, user).await?;
    let new = NewMessage {
        id: &new_id(),
        conversation_id: id,
        sender_id: user,
        client_id: &client_id,
        body: &body,
    };
    let notice = Notice {
        recipients: &recipients,
        kind: LiveKind::MessageCreated,
    };
    let (message, created, mut events) = store
        .send_message(&new, &notice, |m| {
            payload::to_data(&payload::Message::from(m))
        })
        .await?;
    if let (true, Some(sender)) = (created, message.sender.as_ref()) {
        let (who, view) = (payload::Who::from(sender), payload::Message::from(&message));
        events.extend(notifications::mentions(store, &recipients, &who, &view).await?);
    }
    Ok(Sent {
        message,
        created,
        events,
    })
}

/// Refuses a sender who is blocked by (or blocks) the other person of a
/// direct conversation, or muted in a group's.
pub(crate) async fn may_send(store: &Store, c: &ConversationRow, user: &str) -> Result<()> {
    match (&c.users, c.kind) {
        (Some((a, b)), ConversationKind::Direct) => {
            let other = if a == user { b } else { a };
            if store.blocked_either_way(user, other).await? {
                return Err(blocked());
            }
        }
        _ => {
            if store.is_muted(&c.id, user).await? {
                return Err(Error::forbidden(
                    "muted",
                    "A group admin muted you in this conversation.",
                ));
            }
        }
    }
    Ok(())
}

/// Edits one's own message within [`EDIT_WINDOW_SECONDS`] of sending it.
pub async fn edit(
    store: &Store,
    user: &str,
    id: &str,
    body: &str,
    now: i64,
) -> Result<(MessageRow, Vec<UserEvent>)> {
    let (message, conversation) = visible_message(store, id, user).await?;
    if message.sender.as_ref().map(|s| s.id.as_str()) != Some(user) {
        return Err(Error::forbidden(
            "not_your_message",
            "You can edit only your own messages.",
        ));
    }
    if message.deleted_at.is_some() {
        return Err(message_not_found());
    }
    if !may_edit(message.created_at, now) {
        return Err(Error::conflict(
            "edit_window_over",
            "A message can be edited for 15 minutes after it was sent.",
        ));
    }
    let body = check_text(
        body,
        "invalid_message",
        "A message",
        (1, MAX_MESSAGE_CHARS),
        true,
    )?;
    change(
        store,
        &conversation,
        user,
        (id, &body),
        LiveKind::MessageEdited,
    )
    .await
}

/// Deletes a message: its sender's own, or any in a group's conversation
/// for the group's admins. Its text is gone; its place stays.
pub async fn delete(store: &Store, user: &str, id: &str) -> Result<(MessageRow, Vec<UserEvent>)> {
    let (message, conversation) = visible_message(store, id, user).await?;
    let own = message.sender.as_ref().map(|s| s.id.as_str()) == Some(user);
    if !own && !is_admin(store, &conversation, user).await? {
        return Err(Error::forbidden(
            "not_your_message",
            "You can delete only your own messages (group admins: any in their group).",
        ));
    }
    if message.deleted_at.is_some() {
        return Err(message_not_found());
    }
    change(
        store,
        &conversation,
        user,
        (id, ""),
        LiveKind::MessageDeleted,
    )
    .await
}

async fn change(
    store: &Store,
    c: &ConversationRow,
    author: &str,
    (id, body): (&str, &str),
    kind: LiveKind,
) -> Result<(MessageRow, Vec<UserEvent>)> {
    let recipients = audience(store, c, author).await?;
    let notice = Notice {
        recipients: &recipients,
        kind,
    };
    let data = |m: &MessageRow| payload::to_data(&payload::Message::from(m));
    store
        .change_message(id, body, &notice, data)
        .await
        .map_err(|e| match e {
            crate::store::Error::NotFound => message_not_found(),
            e => e.into(),
        })
}

async fn is_admin(store: &Store, c: &ConversationRow, user: &str) -> Result<bool> {
    Ok(match &c.group_id {
        Some(group) => groups::may_administer(store.role_in(group, user).await?),
        None => false,
    })
}

/// Sets (`Some`) or removes `user`'s reaction to a message.
pub async fn react(
    store: &Store,
    user: &str,
    id: &str,
    emoji: Option<&str>,
) -> Result<Vec<UserEvent>> {
    let (message, conversation) = visible_message(store, id, user).await?;
    if emoji.is_some_and(|e| !is_reaction(e)) {
        return Err(Error::invalid(
            "invalid_reaction",
            format!("A reaction is one of {}.", REACTIONS.join(" ")),
        ));
    }
    if message.deleted_at.is_some() {
        return Err(message_not_found());
    }
    let recipients = audience(store, &conversation, user).await?;
    let notice = Notice {
        recipients: &recipients,
        kind: LiveKind::ReactionChanged,
    };
    let data = payload::to_data(&payload::Reaction {
        conversation_id: conversation.id.clone(),
        message_id: id.to_owned(),
        user_id: user.to_owned(),
        emoji: emoji.map(str::to_owned),
    });
    Ok(store.react(id, user, emoji, (&notice, &data)).await?)
}

/// The reactions to a message `user` can see: (user id, emoji).
pub async fn reactions(store: &Store, user: &str, id: &str) -> Result<Vec<(String, String)>> {
    visible_message(store, id, user).await?;
    Ok(store.reactions(id).await?)
}

/// Moves `user`'s read marker in a conversation up to a message of it.
pub async fn read(
    store: &Store,
    user: &str,
    conversation: &str,
    message: &str,
) -> Result<Vec<UserEvent>> {
    let c = of_member(store, conversation, user).await?;
    let (m, _) = visible_message(store, message, user).await?;
    if m.conversation_id != c.id {
        return Err(message_not_found());
    }
    let recipients = audience(store, &c, user).await?;
    let notice = Notice {
        recipients: &recipients,
        kind: LiveKind::ConversationRead,
    };
    let data = payload::to_data(&payload::Read {
        conversation_id: c.id.clone(),
        user_id: user.to_owned(),
        message_id: m.id.clone(),
        seq: m.seq,
    });
    Ok(store
        .mark_read(&c.id, user, m.seq, (&notice, &data))
        .await?)
}

/// `user` blocks (`true`) or unblocks someone who exists.
pub async fn block(store: &Store, user: &str, other: &str, blocking: bool) -> Result<()> {
    if user == other {
        return Err(Error::invalid(
            "cannot_block_self",
            "You cannot block yourself.",
        ));
    }
    people::user(store, other).await?;
    match blocking {
        true => store.block(user, other).await?,
        false => store.unblock(user, other).await?,
    }
    Ok(())
}

/// A group admin mutes (`true`) or unmutes a member in the group's
/// conversation.
pub async fn mute(
    store: &Store,
    admin: &str,
    (conversation, member): (&str, &str),
    muted: bool,
) -> Result<()> {
    let c = of_member(store, conversation, admin).await?;
    if !is_admin(store, &c, admin).await? {
        return Err(Error::forbidden(
            "not_group_admin",
            "Only a group's admins can mute its members.",
        ));
    }
    let role = match &c.group_id {
        Some(group) => store.role_in(group, member).await?,
        None => None,
    };
    match role {
        None => Err(Error::not_found(
            "member_not_found",
            "This person is not a member of the group.",
        )),
        Some(Role::Admin) => Err(Error::forbidden(
            "cannot_mute_admin",
            "Admins cannot be muted.",
        )),
        Some(Role::Member) => Ok(store.set_muted(&c.id, member, admin, muted).await?),
    }
}

/// Reports a message `user` can see, with a reason, for moderators.
pub async fn report(store: &Store, user: &str, id: &str, reason: &str) -> Result<()> {
    visible_message(store, id, user).await?;
    let reason = check_text(reason, "invalid_reason", "A reason", (1, 500), true)?;
    Ok(store.report_message(id, user, &reason).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_can_be_edited_for_fifteen_minutes_only() {
        assert!(may_edit(1_000, 1_000));
        assert!(may_edit(1_000, 1_000 + 15 * 60 - 1));
        assert!(
            !may_edit(1_000, 1_000 + 15 * 60),
            "15 minutes on, it is over"
        );
    }

    #[test]
    fn reactions_are_a_small_closed_set() {
        assert!(is_reaction("👍") && is_reaction("🤲"));
        assert!(!is_reaction("💩") && !is_reaction("") && !is_reaction("👍👍"));
    }
}
