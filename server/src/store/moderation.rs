//! Blocks between people, mutes in group conversations, and reports of
//! messages.

use sqlx::Row;

use super::{Result, Store};

impl Store {
    /// `blocker` blocks `blocked`; blocking twice is one block.
    pub async fn block(&self, blocker: &str, blocked: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (blocker_id, blocked_id) DO NOTHING",
        )
        .bind(blocker)
        .bind(blocked)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Ends a block; none is not an error.
    pub async fn unblock(&self, blocker: &str, blocked: &str) -> Result<()> {
        sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(blocker)
            .bind(blocked)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether either of the two blocks the other.
    pub async fn blocked_either_way(&self, a: &str, b: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2)
                OR (blocker_id = $2 AND blocked_id = $1)",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    /// Who among everyone blocks `user`.
    pub async fn blockers_of(&self, user: &str) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT blocker_id FROM blocks WHERE blocked_id = $1")
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Whom `user` blocks.
    pub async fn blocked_by(&self, user: &str) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT blocked_id FROM blocks WHERE blocker_id = $1")
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Mutes (`true`) or unmutes a member in a conversation.
    pub async fn set_muted(
        &self,
        conversation: &str,
        user: &str,
        by: &str,
        muted: bool,
    ) -> Result<()> {
        let query = match muted {
            true => sqlx::query(
                "INSERT INTO chat_mutes (conversation_id, user_id, muted_by, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (conversation_id, user_id) DO NOTHING",
            )
            .bind(conversation)
            .bind(user)
            .bind(by)
            .bind(self.clock.now()),
            false => {
                sqlx::query("DELETE FROM chat_mutes WHERE conversation_id = $1 AND user_id = $2")
                    .bind(conversation)
                    .bind(user)
            }
        };
        query.execute(&self.pool).await?;
        Ok(())
    }

    /// Whether `user` is muted in the conversation.
    pub async fn is_muted(&self, conversation: &str, user: &str) -> Result<bool> {
        let row =
            sqlx::query("SELECT 1 FROM chat_mutes WHERE conversation_id = $1 AND user_id = $2")
                .bind(conversation)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Stores `reporter`'s report of a message; reporting twice keeps the
    /// first.
    pub async fn report_message(&self, message: &str, reporter: &str, reason: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO chat_reports (message_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (message_id, reporter_id) DO NOTHING",
        )
        .bind(message)
        .bind(reporter)
        .bind(reason)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many reports a message has (for moderators and tests).
    pub async fn reports_of(&self, message: &str) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) FROM chat_reports WHERE message_id = $1")
            .bind(message)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}
