//! Chat: conversations, messages, read markers, reactions, blocks, mutes
//! and reports.
//!
//! A conversation's messages are numbered by `conversations.last_seq`,
//! bumped under the conversation's row lock in the message's transaction,
//! so numbers rise in commit order; cursors and read markers are numbers.
//! Every change stores its live events (`store::live`) in the same
//! transaction, for the recipients the domain chose.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::error::is_unique_violation;
use super::live::append_events;
use super::{Error, Person, Result, Store, UserEvent};
use crate::kinds::{ConversationKind, LiveKind};

/// A conversation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationRow {
    pub id: String,
    pub kind: ConversationKind,
    pub group_id: Option<String>,
    /// A direct conversation's two people.
    pub users: Option<(String, String)>,
    pub last_seq: i64,
    pub last_message_at: Option<i64>,
}

/// A conversation as one member lists it.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: ConversationRow,
    pub title: String,
    pub last_message: Option<MessageRow>,
    pub unread: i64,
}

/// A message as stored, with its sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub id: String,
    pub conversation_id: String,
    pub seq: i64,
    pub sender: Option<Person>,
    pub client_id: String,
    /// Empty once deleted.
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

/// A new message.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub conversation_id: &'a str,
    pub sender_id: &'a str,
    pub client_id: &'a str,
    pub body: &'a str,
}

/// Who is told about a change, and what.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    pub recipients: &'a [String],
    pub kind: LiveKind,
}

const CONVERSATION_COLUMNS: &str =
    "c.id, c.kind, c.group_id, c.user_a, c.user_b, c.last_seq, c.last_message_at";

const MESSAGE_COLUMNS: &str = "m.id AS m_id, m.conversation_id, m.seq, m.client_id, m.body, \
     m.created_at AS m_created_at, m.edited_at, m.deleted_at, \
     u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name";

fn conversation_from(row: &AnyRow) -> Result<ConversationRow> {
    let a: Option<String> = row.try_get("user_a")?;
    let b: Option<String> = row.try_get("user_b")?;
    Ok(ConversationRow {
        id: row.try_get("id")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        group_id: row.try_get("group_id")?,
        users: a.zip(b),
        last_seq: row.try_get("last_seq")?,
        last_message_at: row.try_get("last_message_at")?,
    })
}

fn message_from(row: &AnyRow) -> Result<MessageRow> {
    let sender = match row.try_get::<Option<String>, _>("u_id")? {
        Some(id) => Some(Person {
            id,
            username: row.try_get("u_username")?,
            display_name: row.try_get("u_display_name")?,
        }),
        None => None,
    };
    Ok(MessageRow {
        id: row.try_get("m_id")?,
        conversation_id: row.try_get("conversation_id")?,
        seq: row.try_get("seq")?,
        sender,
        client_id: row.try_get("client_id")?,
        body: row.try_get("body")?,
        created_at: row.try_get("m_created_at")?,
        edited_at: row.try_get("edited_at")?,
        deleted_at: row.try_get("deleted_at")?,
    })
}

impl Store {
    /// The conversation with this id.
    pub async fn conversation(&self, id: &str) -> Result<Option<ConversationRow>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1");
        self.optional(&sql, id, conversation_from).await
    }

    /// The direct conversation of two people, made if they have none.
    pub async fn direct_conversation(&self, id: &str, a: &str, b: &str) -> Result<ConversationRow> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        sqlx::query(
            "INSERT INTO conversations (id, kind, user_a, user_b, created_at)
             VALUES ($1, 'direct', $2, $3, $4) ON CONFLICT (user_a, user_b) DO NOTHING",
        )
        .bind(id)
        .bind(a)
        .bind(b)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations c WHERE c.user_a = $1 AND c.user_b = $2"
        ))
        .bind(a)
        .bind(b)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref()
            .map(conversation_from)
            .transpose()?
            .ok_or(Error::NotFound)
    }

    /// Makes the conversations of `user`'s groups that have none yet.
    pub async fn open_group_conversations(&self, user: &str, new_id: fn() -> String) -> Result<()> {
        let rows = sqlx::query(
            "SELECT gm.group_id FROM group_members gm
             LEFT JOIN conversations c ON c.group_id = gm.group_id
             WHERE gm.user_id = $1 AND c.id IS NULL",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let group: String = row.try_get(0)?;
            sqlx::query(
                "INSERT INTO conversations (id, kind, group_id, created_at)
                 VALUES ($1, 'group', $2, $3) ON CONFLICT (group_id) DO NOTHING",
            )
            .bind(new_id())
            .bind(group)
            .bind(self.clock.now())
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// The ids of a conversation's members.
    pub async fn conversation_members(&self, c: &ConversationRow) -> Result<Vec<String>> {
        match (&c.users, &c.group_id) {
            (Some((a, b)), _) => Ok(vec![a.clone(), b.clone()]),
            (None, Some(group)) => {
                let rows = sqlx::query("SELECT user_id FROM group_members WHERE group_id = $1")
                    .bind(group)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
            }
            (None, None) => Ok(Vec::new()),
        }
    }

    /// `user`'s conversations, the latest message first, with their last
    /// message and how many messages from others (not blocked by `user`)
    /// came after `user`'s read marker.
    pub async fn conversations_of(&self, user: &str) -> Result<Vec<ConversationView>> {
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS},
                COALESCE(g.name, o.display_name, '') AS title,
                (SELECT COUNT(*) FROM chat_messages m WHERE m.conversation_id = c.id
                   AND m.seq > COALESCE(r.last_read_seq, 0) AND m.deleted_at IS NULL
                   AND (m.sender_id IS NULL OR m.sender_id <> $1)
                   AND NOT EXISTS (SELECT 1 FROM blocks b
                                   WHERE b.blocker_id = $1 AND b.blocked_id = m.sender_id)
                ) AS unread
             FROM conversations c
             LEFT JOIN chat_reads r ON r.conversation_id = c.id AND r.user_id = $1
             LEFT JOIN user_groups g ON g.id = c.group_id
             LEFT JOIN users o ON o.id = (CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END)
             WHERE c.user_a = $1 OR c.user_b = $1
                OR c.group_id IN (SELECT group_id FROM group_members WHERE user_id = $1)
             ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id"
        );
        let rows = sqlx::query(&sql).bind(user).fetch_all(&self.pool).await?;
        let mut views = Vec::with_capacity(rows.len());
        for row in &rows {
            let conversation = conversation_from(row)?;
            let last_message = match conversation.last_seq {
                0 => None,
                _ => self.messages(&conversation.id, user, None, 1).await?.pop(),
            };
            views.push(ConversationView {
                conversation,
                title: row.try_get("title")?,
                last_message,
                unread: row.try_get("unread")?,
            });
        }
        Ok(views)
    }

    /// A conversation's messages as `viewer` sees them (not those of
    /// people they block), newest first, numbered below `before`.
    pub async fn messages(
        &self,
        conversation: &str,
        viewer: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<MessageRow>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM chat_messages m LEFT JOIN users u ON u.id = m.sender_id
             WHERE m.conversation_id = $1 AND m.seq < $2
               AND NOT EXISTS (SELECT 1 FROM blocks b
                               WHERE b.blocker_id = $3 AND b.blocked_id = m.sender_id)
             ORDER BY m.seq DESC LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(conversation)
            .bind(before.unwrap_or(i64::MAX))
            .bind(viewer)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(message_from).collect()
    }

    /// The message with this id.
    pub async fn message(&self, id: &str) -> Result<Option<MessageRow>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM chat_messages m LEFT JOIN users u ON u.id = m.sender_id
             WHERE m.id = $1"
        );
        self.optional(&sql, id, message_from).await
    }

    /// The message `sender` sent with this client id, if any.
    pub async fn message_by_client_id(
        &self,
        sender: &str,
        client_id: &str,
    ) -> Result<Option<MessageRow>> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM chat_messages m LEFT JOIN users u ON u.id = m.sender_id
             WHERE m.sender_id = $1 AND m.client_id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(sender)
            .bind(client_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(message_from).transpose()
    }

    /// How many messages `sender` sent since `since`.
    pub async fn messages_sent_since(&self, sender: &str, since: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM chat_messages WHERE sender_id = $1 AND created_at > $2",
        )
        .bind(sender)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Stores a message, numbered next in its conversation, and its event
    /// (`data` built from the stored row). A message with the same sender
    /// and client id already stored is returned instead, with no event:
    /// `(message, false, [])`.
    pub async fn send_message(
        &self,
        new: &NewMessage<'_>,
        notice: &Notice<'_>,
        data: impl FnOnce(&MessageRow) -> String,
    ) -> Result<(MessageRow, bool, Vec<UserEvent>)> {
        if let Some(old) = self
            .message_by_client_id(new.sender_id, new.client_id)
            .await?
        {
            return Ok((old, false, Vec::new()));
        }
        let now = self.clock.now();
        let turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let seq: i64 = sqlx::query(
            "UPDATE conversations SET last_seq = last_seq + 1, last_message_at = $2
             WHERE id = $1 RETURNING last_seq",
        )
        .bind(new.conversation_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?
        .try_get(0)?;
        let inserted = sqlx::query(
            "INSERT INTO chat_messages (id, conversation_id, seq, sender_id, client_id, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.id)
        .bind(new.conversation_id)
        .bind(seq)
        .bind(new.sender_id)
        .bind(new.client_id)
        .bind(new.body)
        .bind(now)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            // A resend raced the first send and lost: the first is the one.
            Err(error) if is_unique_violation(&error) => {
                drop(tx);
                drop(turn);
                let old = self
                    .message_by_client_id(new.sender_id, new.client_id)
                    .await?;
                return Ok((old.ok_or(Error::NotFound)?, false, Vec::new()));
            }
            Err(error) => return Err(error.into()),
        }
        let message = fetch_message(&mut tx, new.id).await?;
        let events = append_events(
            &mut tx,
            notice.recipients,
            notice.kind,
            &data(&message),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((message, true, events))
    }

    /// Changes a message (`body`, and `edited_at` or `deleted_at` per
    /// `notice.kind`) and stores its event, all in one transaction.
    pub async fn change_message(
        &self,
        id: &str,
        body: &str,
        notice: &Notice<'_>,
        data: impl FnOnce(&MessageRow) -> String,
    ) -> Result<(MessageRow, Vec<UserEvent>)> {
        let now = self.clock.now();
        let sql = match notice.kind {
            LiveKind::MessageDeleted => {
                "UPDATE chat_messages SET body = $2, deleted_at = $3 WHERE id = $1 AND deleted_at IS NULL"
            }
            _ => "UPDATE chat_messages SET body = $2, edited_at = $3 WHERE id = $1 AND deleted_at IS NULL",
        };
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(sql)
            .bind(id)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(Error::NotFound);
        }
        let message = fetch_message(&mut tx, id).await?;
        let events = append_events(
            &mut tx,
            notice.recipients,
            notice.kind,
            &data(&message),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((message, events))
    }

    /// Sets (`Some`) or removes (`None`) `user`'s reaction to a message
    /// and stores its event.
    pub async fn react(
        &self,
        message: &str,
        user: &str,
        emoji: Option<&str>,
        (notice, data): (&Notice<'_>, &str),
    ) -> Result<Vec<UserEvent>> {
        let now = self.clock.now();
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM chat_reactions WHERE message_id = $1 AND user_id = $2")
            .bind(message)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        if let Some(emoji) = emoji {
            sqlx::query(
                "INSERT INTO chat_reactions (message_id, user_id, emoji, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(message)
            .bind(user)
            .bind(emoji)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let events = append_events(&mut tx, notice.recipients, notice.kind, data, now).await?;
        tx.commit().await?;
        Ok(events)
    }

    /// The reactions to a message: (user id, emoji).
    pub async fn reactions(&self, message: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT user_id, emoji FROM chat_reactions WHERE message_id = $1 ORDER BY created_at, user_id",
        )
        .bind(message)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// The reactions to a conversation's messages numbered `from..=to`,
    /// as `viewer` sees them (none from people they block), in the order
    /// given: (message id, user id, emoji).
    pub async fn reactions_between(
        &self,
        conversation: &str,
        viewer: &str,
        (from, to): (i64, i64),
    ) -> Result<Vec<(String, String, String)>> {
        let rows = sqlx::query(
            "SELECT r.message_id, r.user_id, r.emoji FROM chat_reactions r
             JOIN chat_messages m ON m.id = r.message_id
             WHERE m.conversation_id = $1 AND m.seq BETWEEN $2 AND $3
               AND NOT EXISTS (SELECT 1 FROM blocks b
                               WHERE b.blocker_id = $4 AND b.blocked_id = r.user_id)
             ORDER BY r.created_at, r.user_id",
        )
        .bind(conversation)
        .bind(from)
        .bind(to)
        .bind(viewer)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    /// Moves `user`'s read marker forward to `seq` (never back) and stores
    /// its event; `false` and no event if it was there already.
    pub async fn mark_read(
        &self,
        conversation: &str,
        user: &str,
        seq: i64,
        (notice, data): (&Notice<'_>, &str),
    ) -> Result<Vec<UserEvent>> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let moved = sqlx::query(
            "INSERT INTO chat_reads (conversation_id, user_id, last_read_seq) VALUES ($1, $2, $3)
             ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_seq = $3
             WHERE chat_reads.last_read_seq < $3",
        )
        .bind(conversation)
        .bind(user)
        .bind(seq)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let events = match moved {
            0 => Vec::new(),
            _ => {
                append_events(
                    &mut tx,
                    notice.recipients,
                    notice.kind,
                    data,
                    self.clock.now(),
                )
                .await?
            }
        };
        tx.commit().await?;
        Ok(events)
    }
}

async fn fetch_message(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &str,
) -> Result<MessageRow> {
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM chat_messages m LEFT JOIN users u ON u.id = m.sender_id
         WHERE m.id = $1"
    );
    let row = sqlx::query(&sql).bind(id).fetch_one(&mut **tx).await?;
    message_from(&row)
}
