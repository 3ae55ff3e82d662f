//! Chat messages written on this device and not yet taken by the sync
//! server: kept until it answers, sent in the order written.

use sqlx::Row;

use super::Store;
use crate::error::Result;

/// A message waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingMessage {
    pub client_id: String,
    pub conversation_id: String,
    pub body: String,
    /// Unix seconds.
    pub created_at: i64,
}

fn waiting_from(row: &sqlx::sqlite::SqliteRow) -> Result<WaitingMessage> {
    Ok(WaitingMessage {
        client_id: row.try_get("client_id")?,
        conversation_id: row.try_get("conversation_id")?,
        body: row.try_get("body")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Keeps a message `user` wrote, until the server takes it.
    pub async fn keep_message(&self, user: &str, message: &WaitingMessage) -> Result<()> {
        sqlx::query(
            "INSERT INTO chat_outbox (client_id, user_id, conversation_id, body, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&message.client_id)
        .bind(user)
        .bind(&message.conversation_id)
        .bind(&message.body)
        .bind(message.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// `user`'s messages waiting to be sent, the first written first; in
    /// one conversation, or in all (`None`).
    pub async fn waiting_messages(
        &self,
        user: &str,
        conversation: Option<&str>,
    ) -> Result<Vec<WaitingMessage>> {
        let rows = sqlx::query(
            "SELECT client_id, conversation_id, body, created_at FROM chat_outbox
             WHERE user_id = ?1 AND (?2 IS NULL OR conversation_id = ?2)
             ORDER BY rowid",
        )
        .bind(user)
        .bind(conversation)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(waiting_from).collect()
    }

    /// Forgets a waiting message: sent, or refused by the server.
    pub async fn forget_message(&self, client_id: &str) -> Result<()> {
        sqlx::query("DELETE FROM chat_outbox WHERE client_id = ?")
            .bind(client_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn message(id: &str, conversation: &str) -> WaitingMessage {
        WaitingMessage {
            client_id: id.to_owned(),
            conversation_id: conversation.to_owned(),
            body: format!("text of {id}"),
            created_at: 1_700_000_000,
        }
    }

    #[tokio::test]
    async fn waiting_messages_keep_their_order_their_owner_and_their_conversation() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_file(&dir.path().join("t.sqlite"))
            .await
            .unwrap();
        for (id, conversation) in [("z", "c1"), ("a", "c2"), ("m", "c1")] {
            store
                .keep_message("u1", &message(id, conversation))
                .await
                .unwrap();
        }
        store
            .keep_message("u2", &message("other", "c1"))
            .await
            .unwrap();
        let ids =
            |list: Vec<WaitingMessage>| list.into_iter().map(|m| m.client_id).collect::<Vec<_>>();
        assert_eq!(
            ids(store.waiting_messages("u1", None).await.unwrap()),
            ["z", "a", "m"],
            "in the order written, not by id"
        );
        assert_eq!(
            ids(store.waiting_messages("u1", Some("c1")).await.unwrap()),
            ["z", "m"]
        );
        store.forget_message("z").await.unwrap();
        assert_eq!(
            ids(store.waiting_messages("u1", Some("c1")).await.unwrap()),
            ["m"]
        );
        assert_eq!(
            ids(store.waiting_messages("u2", None).await.unwrap()),
            ["other"],
            "another account's messages are its own"
        );
    }
}
