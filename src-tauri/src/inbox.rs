//! The notification inbox from the sync server, in the window's types
//! (`core::wire::inbox`): each notification's who, what and number picked
//! out of its kind's data, for the window to word. Needs an account.

use companion_core::wire::{InboxItem, InboxView, KindSetting, Reaction, NOTIFICATION_KINDS};
use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use crate::account::Account;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Deserialize)]
struct Notification {
    id: i64,
    kind: String,
    data: Value,
    read: bool,
    created_at: i64,
}

#[derive(Debug, Deserialize)]
struct Inbox {
    notifications: Vec<Notification>,
    unread: i64,
}

/// One notification's parts.
fn item(n: Notification) -> InboxItem {
    let data = &n.data;
    let text = |field: &str| data.get(field).and_then(Value::as_str).map(str::to_owned);
    let who = data
        .get("by")
        .and_then(|by| by.get("display_name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let subject = text("group_name")
        .or_else(|| text("name"))
        .or_else(|| text("excerpt"));
    let number = data.get("rank").and_then(Value::as_i64).or_else(|| {
        data.get("portions")
            .and_then(Value::as_array)
            .and_then(|p| p.first())
            .and_then(Value::as_i64)
    });
    let reaction =
        text("reaction").and_then(|name| Reaction::ALL.into_iter().find(|r| r.as_str() == name));
    InboxItem {
        id: n.id,
        detail: text("reason"),
        kind: n.kind,
        read: n.read,
        created_at: n.created_at,
        who,
        subject,
        number,
        reaction,
    }
}

/// The newest 50 notifications, and the unread count.
pub async fn inbox(account: &Account, store: &Store, now: i64) -> Result<InboxView> {
    let inbox: Inbox = account
        .call(store, (Method::GET, "/notifications?limit=50"), None, now)
        .await?;
    Ok(InboxView {
        items: inbox.notifications.into_iter().map(item).collect(),
        unread: u32::try_from(inbox.unread.max(0)).unwrap_or(u32::MAX),
    })
}

/// Marks notification `id` read, or all of them: the inbox after.
pub async fn mark_read(
    account: &Account,
    store: &Store,
    id: Option<i64>,
    now: i64,
) -> Result<InboxView> {
    let path = match id {
        Some(id) => format!("/notifications/{id}/read"),
        None => "/notifications/read-all".to_owned(),
    };
    let _: Value = account
        .call(store, (Method::POST, &path), None, now)
        .await?;
    inbox(account, store, now).await
}

/// The server's settings (`{kind: on}`) as a list in the window's order;
/// a kind the server does not name is on.
fn settings(answer: &Value) -> Vec<KindSetting> {
    NOTIFICATION_KINDS
        .iter()
        .map(|&kind| KindSetting {
            kind: kind.to_owned(),
            on: answer.get(kind).and_then(Value::as_bool).unwrap_or(true),
        })
        .collect()
}

/// Which kinds of notification the reader gets.
pub async fn notification_settings(
    account: &Account,
    store: &Store,
    now: i64,
) -> Result<Vec<KindSetting>> {
    let answer: Value = account
        .call(store, (Method::GET, "/notifications/settings"), None, now)
        .await?;
    Ok(settings(&answer))
}

/// Turns one kind on or off: the settings after.
pub async fn set_notification(
    account: &Account,
    store: &Store,
    setting: &KindSetting,
    now: i64,
) -> Result<Vec<KindSetting>> {
    if !NOTIFICATION_KINDS.contains(&setting.kind.as_str()) {
        return Err(crate::error::Error::Invalid(format!(
            "“{}” is not a kind of notification.",
            setting.kind
        )));
    }
    let body = serde_json::json!({ setting.kind.as_str(): setting.on });
    let answer: Value = account
        .call(
            store,
            (Method::PUT, "/notifications/settings"),
            Some(body),
            now,
        )
        .await?;
    Ok(settings(&answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_list_every_kind_in_order_and_an_unnamed_one_is_on() {
        let listed = settings(&json!({ "group_join": false, "chat_mention": true }));
        assert_eq!(listed.len(), NOTIFICATION_KINDS.len());
        let off: Vec<&str> = listed
            .iter()
            .filter(|s| !s.on)
            .map(|s| s.kind.as_str())
            .collect();
        assert_eq!(off, ["group_join"]);
        assert_eq!(listed[0].kind, "group_invite");
    }

    #[test]
    fn each_kind_gives_its_who_what_and_number() {
        let note = |kind: &str, data: Value| {
            item(Notification {
                id: 1,
                kind: kind.into(),
                data,
                read: false,
                created_at: 0,
            })
        };
        let by = json!({ "id": "u2", "username": "bilal", "display_name": "Bilal" });
        let joined = note(
            "group_join",
            json!({ "group_id": "g", "group_name": "Family", "by": by }),
        );
        assert_eq!(
            (joined.who.as_deref(), joined.subject.as_deref()),
            (Some("Bilal"), Some("Family"))
        );
        let reacted = note(
            "post_reaction",
            json!({ "post_id": 3, "by": by, "reaction": "ameen" }),
        );
        assert_eq!(reacted.reaction, Some(Reaction::Ameen));
        let ranked = note(
            "competition_rank",
            json!({ "competition_id": "c", "name": "Ramadan", "rank": 2, "passed": [] }),
        );
        assert_eq!(
            (ranked.subject.as_deref(), ranked.number),
            (Some("Ramadan"), Some(2))
        );
        let portion = note(
            "khatmah_portion",
            json!({ "group_name": "Family", "reason": "deadline", "portions": [7, 8] }),
        );
        assert_eq!(
            (portion.number, portion.detail.as_deref()),
            (Some(7), Some("deadline"))
        );
    }
}
