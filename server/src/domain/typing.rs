//! Typing notes: who is told that someone is typing in a conversation.
//!
//! The conversation's other members, except anyone who blocks the typist
//! or whom the typist blocks; nobody in a direct conversation across a
//! block, and nothing from a member muted in a group's conversation (they
//! cannot send either). Notes are ephemeral (never stored) and the caller
//! rate-limits them. Never here: the socket or the rate limit's memory.

use super::{chat, Result};
use crate::store::{Person, Store};

/// At most one typing note per user and conversation this often, in
/// seconds.
pub const TYPING_EVERY_SECONDS: i64 = 3;

/// Who is told that `user` types in `conversation`, and who `user` is;
/// refused as chat refuses a message (not a member: not found; blocked;
/// muted).
pub async fn audience(
    store: &Store,
    user: &str,
    conversation: &str,
) -> Result<(Person, Vec<String>)> {
    let c = chat::of_member(store, conversation, user).await?;
    chat::may_send(store, &c, user).await?;
    let blockers = store.blockers_of(user).await?;
    let blocked = store.blocked_by(user).await?;
    let members = store.conversation_members(&c).await?;
    let told = members
        .into_iter()
        .filter(|m| m != user && !blockers.contains(m) && !blocked.contains(m))
        .collect();
    let me = super::people::user(store, user).await?;
    let person = Person {
        id: me.id,
        username: me.username,
        display_name: me.display_name,
    };
    Ok((person, told))
}
