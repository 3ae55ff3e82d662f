//! Chat with the sync server, in the window's types (`core::wire::chat`):
//! the reader's conversations, a conversation's pages with reactions,
//! sending, reacting, deleting, reporting, read markers and blocking.
//!
//! A message is kept on this device before it is sent, with its own
//! client id: when the server cannot be reached it waits (shown as
//! waiting) and goes at the next sync or live connection, in the order
//! written; a resend of a message the server already took is not a
//! duplicate there. Only a refusal (muted, blocked, too long) drops it,
//! with the server's reason. Needs an account (`account::Account::call`).

use companion_core::wire::{
    ChatMessage, ChatPage, ConversationView, HistoryRequest, MessageReactRequest, ReactionCount,
    SendMessageRequest, MAX_MESSAGE_CHARS,
};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use jiff::tz::TimeZone;

use crate::account::Account;
use crate::error::{Error, Result};
use crate::store::{Store, WaitingMessage};

/// Messages a page holds.
const PAGE: usize = 50;

#[derive(Debug, Deserialize)]
struct Who {
    id: String,
    display_name: String,
}

#[derive(Debug, Deserialize)]
struct Reaction {
    user_id: String,
    emoji: String,
}

#[derive(Debug, Deserialize)]
struct Message {
    id: String,
    seq: i64,
    sender: Option<Who>,
    client_id: String,
    body: String,
    created_at: i64,
    edited_at: Option<i64>,
    deleted: bool,
    #[serde(default)]
    reactions: Vec<Reaction>,
}

#[derive(Debug, Deserialize)]
struct Conversation {
    id: String,
    kind: String,
    title: String,
    unread: i64,
    last_message: Option<Message>,
}

#[derive(Debug, Deserialize)]
struct Person {
    id: String,
}

/// Counts of each reaction, in the server's order of reactions.
fn counts(reactions: &[Reaction], me: &str) -> Vec<ReactionCount> {
    companion_core::wire::MESSAGE_REACTIONS
        .iter()
        .filter_map(|&emoji| {
            let of_it = reactions.iter().filter(|r| r.emoji == emoji);
            let count = u32::try_from(of_it.clone().count()).unwrap_or(u32::MAX);
            (count > 0).then(|| ReactionCount {
                emoji: emoji.to_owned(),
                count,
                mine: of_it.clone().any(|r| r.user_id == me),
            })
        })
        .collect()
}

/// Who reads, and where: to mark their own messages and reactions and
/// tell times in their zone.
struct Reader<'a> {
    id: String,
    name: String,
    zone: &'a TimeZone,
}

impl Reader<'_> {
    fn message(&self, m: Message) -> ChatMessage {
        let (time, day) = local(m.created_at, self.zone);
        ChatMessage {
            reactions: counts(&m.reactions, &self.id),
            id: Some(m.id),
            client_id: m.client_id,
            seq: Some(m.seq),
            mine: m.sender.as_ref().is_some_and(|s| s.id == self.id),
            sender_id: m.sender.as_ref().map(|s| s.id.clone()),
            sender_name: m.sender.map(|s| s.display_name),
            body: m.body,
            created_at: m.created_at,
            time,
            day,
            edited: m.edited_at.is_some(),
            deleted: m.deleted,
            pending: false,
        }
    }

    fn waiting(&self, m: WaitingMessage) -> ChatMessage {
        let (time, day) = local(m.created_at, self.zone);
        ChatMessage {
            id: None,
            client_id: m.client_id,
            seq: None,
            sender_name: Some(self.name.clone()),
            sender_id: Some(self.id.clone()),
            mine: true,
            body: m.body,
            created_at: m.created_at,
            time,
            day,
            edited: false,
            deleted: false,
            pending: true,
            reactions: Vec::new(),
        }
    }

    fn conversation(&self, c: Conversation) -> ConversationView {
        ConversationView {
            id: c.id,
            group: c.kind == "group",
            title: c.title,
            unread: u32::try_from(c.unread.max(0)).unwrap_or(u32::MAX),
            last: c.last_message.map(|m| self.message(m)),
        }
    }
}

/// A time's local clock time and day in `zone`.
fn local(second: i64, zone: &TimeZone) -> (String, String) {
    match jiff::Timestamp::from_second(second) {
        Ok(t) => {
            let zoned = t.to_zoned(zone.clone());
            (
                zoned.strftime("%H:%M").to_string(),
                zoned.strftime("%Y-%m-%d").to_string(),
            )
        }
        Err(_) => (String::new(), String::new()),
    }
}

/// Who is signed in (empty when no one is).
async fn reader<'a>(store: &Store, zone: &'a TimeZone) -> Result<Reader<'a>> {
    let (id, name) = store
        .account()
        .await?
        .map(|a| (a.user_id, a.display_name))
        .unwrap_or_default();
    Ok(Reader { id, name, zone })
}

/// An id checked to be plain (letters, digits, `-`, `_`) before it goes
/// into a path.
pub(crate) fn segment(id: &str) -> Result<&str> {
    let safe = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match safe {
        true => Ok(id),
        false => Err(Error::Invalid(format!("“{id}” is not an id."))),
    }
}

/// The reader's conversations, the latest message first.
pub async fn conversations(
    account: &Account,
    store: &Store,
    (now, zone): (i64, &TimeZone),
) -> Result<Vec<ConversationView>> {
    let list: Vec<Conversation> = account.call_kept(store, "/chat/conversations", now).await?;
    let reader = reader(store, zone).await?;
    Ok(list.into_iter().map(|c| reader.conversation(c)).collect())
}

/// Opens (or finds) the direct conversation with someone, by username.
pub async fn start(
    account: &Account,
    store: &Store,
    username: &str,
    (now, zone): (i64, &TimeZone),
) -> Result<ConversationView> {
    let username = username.trim().trim_start_matches('@');
    if username.is_empty() {
        return Err(Error::Invalid(
            "Type the username of someone to write to.".into(),
        ));
    }
    let person: Person = account
        .call(store, (Method::GET, &user_query(username)), None, now)
        .await?;
    let body = json!({ "user_id": person.id });
    let made: Conversation = account
        .call(
            store,
            (Method::POST, "/chat/conversations"),
            Some(body),
            now,
        )
        .await?;
    Ok(reader(store, zone).await?.conversation(made))
}

/// The path that finds someone by username.
pub(crate) fn user_query(username: &str) -> String {
    format!("/users?username={}", urlencoding(username))
}

/// Percent-encodes a query value.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A page of a conversation, the oldest first: the latest (with the
/// messages still waiting to be sent at its end), or the one before
/// `before`. Offline, the page last seen in this run of the app.
pub async fn history(
    account: &Account,
    store: &Store,
    request: &HistoryRequest,
    (now, zone): (i64, &TimeZone),
) -> Result<ChatPage> {
    let id = segment(&request.conversation)?;
    let path = match request.before {
        Some(before) => format!("/chat/conversations/{id}/messages?limit={PAGE}&before={before}"),
        None => format!("/chat/conversations/{id}/messages?limit={PAGE}"),
    };
    let newest_first: Vec<Message> = account.call_kept(store, &path, now).await?;
    let reader = reader(store, zone).await?;
    let full = newest_first.len() == PAGE;
    let mut messages: Vec<ChatMessage> = newest_first
        .into_iter()
        .rev()
        .map(|m| reader.message(m))
        .collect();
    let more_before = messages.first().and_then(|m| m.seq).filter(|_| full);
    if request.before.is_none() {
        let sent: std::collections::HashSet<String> =
            messages.iter().map(|m| m.client_id.clone()).collect();
        for kept in store.waiting_messages(&reader.id, Some(id)).await? {
            if !sent.contains(&kept.client_id) {
                messages.push(reader.waiting(kept));
            }
        }
    }
    Ok(ChatPage {
        conversation: id.to_owned(),
        messages,
        more_before,
    })
}

/// Whether a failure means "try again later" (the message waits) rather
/// than "the server refused it".
fn try_later(error: &Error) -> bool {
    matches!(
        error,
        Error::Server {
            code: "server_unreachable" | "signed_out" | "not_signed_in" | "too_many_messages",
            ..
        }
    )
}

/// Sends a message: kept here first, then sent. Offline it waits and comes
/// back `pending`; refused, it is dropped and the refusal returned.
pub async fn send(
    account: &Account,
    store: &Store,
    request: &SendMessageRequest,
    (now, zone): (i64, &TimeZone),
) -> Result<ChatMessage> {
    let id = segment(&request.conversation)?;
    let body = request.body.trim();
    if body.is_empty() {
        return Err(Error::Invalid("A message needs some text.".into()));
    }
    if body.chars().count() > MAX_MESSAGE_CHARS {
        return Err(Error::Server {
            code: "invalid_message",
            message: format!("A message holds at most {MAX_MESSAGE_CHARS} characters."),
        });
    }
    let reader = reader(store, zone).await?;
    if reader.id.is_empty() {
        return Err(Error::Server {
            code: "not_signed_in",
            message: "Sign in on the Account screen to write messages.".into(),
        });
    }
    let kept = WaitingMessage {
        client_id: uuid::Uuid::new_v4().simple().to_string(),
        conversation_id: id.to_owned(),
        body: body.to_owned(),
        created_at: now,
    };
    store.keep_message(&reader.id, &kept).await?;
    match post(account, store, &kept, now).await {
        Ok(sent) => Ok(reader.message(sent)),
        Err(error) if try_later(&error) => {
            tracing::info!(%error, "message kept to send later");
            Ok(reader.waiting(kept))
        }
        Err(error) => Err(error),
    }
}

/// Sends one kept message; taken or refused, it is no longer kept.
async fn post(
    account: &Account,
    store: &Store,
    kept: &WaitingMessage,
    now: i64,
) -> Result<Message> {
    let path = format!("/chat/conversations/{}/messages", kept.conversation_id);
    let body = json!({ "client_id": kept.client_id, "body": kept.body });
    let result: Result<Message> = account
        .call(store, (Method::POST, &path), Some(body), now)
        .await;
    match &result {
        Err(error) if try_later(error) => {}
        Err(error) => {
            tracing::warn!(%error, client_id = %kept.client_id, "the server refused a kept message");
            store.forget_message(&kept.client_id).await?;
        }
        Ok(_) => store.forget_message(&kept.client_id).await?,
    }
    result
}

/// Sends the messages waiting, the first written first; stops at the
/// first that must wait again. How many the server took.
pub async fn send_waiting(account: &Account, store: &Store, now: i64) -> Result<usize> {
    let Some(me) = store.account().await?.map(|a| a.user_id) else {
        return Ok(0);
    };
    let mut sent = 0;
    for kept in store.waiting_messages(&me, None).await? {
        match post(account, store, &kept, now).await {
            Ok(_) => sent += 1,
            Err(error) if try_later(&error) => return Ok(sent),
            Err(_) => {}
        }
    }
    Ok(sent)
}

/// Sets or takes back the reader's reaction to a message.
pub async fn react(
    account: &Account,
    store: &Store,
    request: &MessageReactRequest,
    now: i64,
) -> Result<()> {
    let path = format!("/chat/messages/{}/react", segment(&request.message)?);
    let call = match &request.emoji {
        Some(emoji) => (Method::PUT, Some(json!({ "emoji": emoji }))),
        None => (Method::DELETE, None),
    };
    account.act(store, (call.0, &path), call.1, now).await?;
    Ok(())
}

/// Deletes one of the reader's messages.
pub async fn delete(account: &Account, store: &Store, message: &str, now: i64) -> Result<()> {
    let path = format!("/chat/messages/{}", segment(message)?);
    account
        .act(store, (Method::DELETE, &path), None, now)
        .await?;
    Ok(())
}

/// Reports a message to the server's moderators.
pub async fn report(account: &Account, store: &Store, message: &str, now: i64) -> Result<()> {
    let path = format!("/chat/messages/{}/report", segment(message)?);
    let body = json!({ "reason": "Reported from the app" });
    account
        .act(store, (Method::POST, &path), Some(body), now)
        .await?;
    Ok(())
}

/// Marks a conversation read up to its latest message from the server.
pub async fn read(account: &Account, store: &Store, conversation: &str, now: i64) -> Result<()> {
    let id = segment(conversation)?;
    let path = format!("/chat/conversations/{id}/messages?limit=1");
    let latest: Vec<Message> = account.call(store, (Method::GET, &path), None, now).await?;
    let Some(latest) = latest.into_iter().next() else {
        return Ok(());
    };
    let path = format!("/chat/conversations/{id}/read");
    let body = json!({ "message_id": latest.id });
    account
        .act(store, (Method::POST, &path), Some(body), now)
        .await?;
    Ok(())
}

/// Blocks someone: no messages either way.
pub async fn block(account: &Account, store: &Store, user: &str, now: i64) -> Result<()> {
    let path = format!("/users/{}/block", segment(user)?);
    account.act(store, (Method::POST, &path), None, now).await?;
    Ok(())
}

/// Tells the conversation's other members the reader is typing.
pub async fn typing(account: &Account, store: &Store, conversation: &str, now: i64) -> Result<()> {
    let path = format!("/chat/conversations/{}/typing", segment(conversation)?);
    account.act(store, (Method::POST, &path), None, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reactions_are_counted_in_the_servers_order_with_the_readers_own_marked() {
        let r = |user: &str, emoji: &str| Reaction {
            user_id: user.to_owned(),
            emoji: emoji.to_owned(),
        };
        let list = [r("b", "🌙"), r("me", "👍"), r("c", "🌙"), r("d", "👍")];
        let counted = counts(&list, "me");
        let seen: Vec<_> = counted
            .iter()
            .map(|c| (c.emoji.as_str(), c.count, c.mine))
            .collect();
        assert_eq!(seen, [("👍", 2, true), ("🌙", 2, false)]);
    }

    #[test]
    fn ids_in_paths_are_plain_and_query_values_are_encoded() {
        assert!(segment("6f1c-aa_9").is_ok());
        assert!(segment("../users/me").is_err());
        assert!(segment("").is_err());
        assert_eq!(urlencoding("amina.k"), "amina.k");
        assert_eq!(urlencoding("a b&c"), "a%20b%26c");
        assert_eq!(urlencoding("عمر"), "%D8%B9%D9%85%D8%B1");
    }
}
