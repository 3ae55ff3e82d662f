//! The Daily Deen feed: posts (numbered by an id that only rises, newest
//! first), their reactions, each author's choice for the posts the server
//! makes, and who may see a post.
//!
//! Who may see a post is one SQL condition ([`VISIBLE`]), used by every
//! read, so the feed, one post and a reaction agree: the author always;
//! with `friends`, people the author and they follow both ways; with
//! `groups`, members of a private group the author is in; with `group`
//! (the server's posts for one group), that group's members; never anyone
//! either of whom blocks the other. The live audience of a new post is
//! the same rule read the other way ([`Store::post_audience`]). A post is
//! stored with its `feed_post` events in one transaction.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::live::append_events;
use super::{Person, Result, Store, UserEvent};
use crate::kinds::{LiveKind, PostKind, PostReaction, PostVisibility};

/// How the key of an achievement's milestone post starts (then its id).
pub const ACHIEVEMENT_KEY: &str = "achievement:";

/// A post as one reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRow {
    pub id: i64,
    pub author: Person,
    pub kind: PostKind,
    pub visibility: PostVisibility,
    pub body: String,
    /// A reflection's ayah: (surah, ayah, text).
    pub ayah: Option<(i64, i64, String)>,
    /// A milestone's name and what it counts.
    pub milestone: Option<(String, i64)>,
    /// An `achievement` milestone's catalogue id (from its key).
    pub achievement: Option<String>,
    pub created_at: i64,
    /// How many reacted with each of [`PostReaction::ALL`], in order.
    pub counts: Vec<i64>,
    /// The reader's own reaction.
    pub mine: Option<PostReaction>,
}

/// A new post.
#[derive(Debug, Clone)]
pub struct NewPost<'a> {
    pub author: &'a str,
    pub kind: PostKind,
    pub visibility: PostVisibility,
    pub body: &'a str,
    pub ayah: Option<(i64, i64, &'a str)>,
    /// (name, value, key): a milestone is posted once per key and author.
    pub milestone: Option<(&'a str, i64, &'a str)>,
    /// The group whose members see a post of visibility `group`.
    pub group: Option<&'a str>,
}

/// Whether the reader (`$1`) may see the post `p`; a fixed fragment.
const VISIBLE: &str = "(p.author_id = $1
    OR (p.visibility = 'friends'
        AND EXISTS (SELECT 1 FROM follows f1 WHERE f1.follower_id = $1 AND f1.followee_id = p.author_id)
        AND EXISTS (SELECT 1 FROM follows f2 WHERE f2.follower_id = p.author_id AND f2.followee_id = $1))
    OR (p.visibility = 'groups'
        AND EXISTS (SELECT 1 FROM group_members x JOIN group_members y ON y.group_id = x.group_id
                    JOIN user_groups g ON g.id = x.group_id
                    WHERE x.user_id = $1 AND y.user_id = p.author_id AND g.privacy = 'private'))
    OR (p.visibility = 'group'
        AND EXISTS (SELECT 1 FROM feed_post_groups pg JOIN group_members m ON m.group_id = pg.group_id
                    WHERE pg.post_id = p.id AND m.user_id = $1)))
    AND NOT EXISTS (SELECT 1 FROM blocks b
                    WHERE (b.blocker_id = $1 AND b.blocked_id = p.author_id)
                       OR (b.blocker_id = p.author_id AND b.blocked_id = $1))";

/// The columns of a post read for the reader `$1`.
const POST_COLUMNS: &str = "p.id, p.kind, p.visibility, p.body, p.surah, p.ayah, p.ayah_text,
    p.milestone, p.milestone_value, p.milestone_key, p.created_at,
    u.id AS u_id, u.username, u.display_name,
    (SELECT COUNT(*) FROM feed_reactions r WHERE r.post_id = p.id AND r.reaction = 'subhanallah') AS n0,
    (SELECT COUNT(*) FROM feed_reactions r WHERE r.post_id = p.id AND r.reaction = 'ameen') AS n1,
    (SELECT COUNT(*) FROM feed_reactions r WHERE r.post_id = p.id AND r.reaction = 'mashaallah') AS n2,
    (SELECT r.reaction FROM feed_reactions r WHERE r.post_id = p.id AND r.user_id = $1) AS mine";

fn post_from(row: &AnyRow) -> Result<PostRow> {
    let surah: Option<i64> = row.try_get("surah")?;
    let ayah: Option<i64> = row.try_get("ayah")?;
    let text: Option<String> = row.try_get("ayah_text")?;
    let milestone: Option<String> = row.try_get("milestone")?;
    let value: Option<i64> = row.try_get("milestone_value")?;
    let key: Option<String> = row.try_get("milestone_key")?;
    let mine: Option<String> = row.try_get("mine")?;
    Ok(PostRow {
        id: row.try_get("id")?,
        author: Person {
            id: row.try_get("u_id")?,
            username: row.try_get("username")?,
            display_name: row.try_get("display_name")?,
        },
        kind: row.try_get::<String, _>("kind")?.parse()?,
        visibility: row.try_get::<String, _>("visibility")?.parse()?,
        body: row.try_get("body")?,
        ayah: surah.zip(ayah).zip(text).map(|((s, a), t)| (s, a, t)),
        milestone: milestone.map(|m| (m, value.unwrap_or(0))),
        achievement: key
            .as_deref()
            .and_then(|k| k.strip_prefix(ACHIEVEMENT_KEY))
            .map(str::to_owned),
        created_at: row.try_get("created_at")?,
        counts: vec![row.try_get("n0")?, row.try_get("n1")?, row.try_get("n2")?],
        mine: mine.map(|m| m.parse()).transpose()?,
    })
}

impl Store {
    /// Stores a post and its `feed_post` event for each of `audience`
    /// (`data` builds the event's JSON from the stored post), in one
    /// transaction. `None` if the author has this milestone posted already.
    pub async fn create_post(
        &self,
        new: &NewPost<'_>,
        audience: &[String],
        data: impl FnOnce(&PostRow) -> String,
    ) -> Result<Option<(PostRow, Vec<UserEvent>)>> {
        let now = self.clock.now();
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO feed_posts (author_id, kind, visibility, body, surah, ayah, ayah_text,
                                     milestone, milestone_value, milestone_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (author_id, milestone_key) DO NOTHING RETURNING id",
        )
        .bind(new.author)
        .bind(new.kind.as_str())
        .bind(new.visibility.as_str())
        .bind(new.body)
        .bind(new.ayah.map(|a| a.0))
        .bind(new.ayah.map(|a| a.1))
        .bind(new.ayah.map(|a| a.2))
        .bind(new.milestone.map(|m| m.0))
        .bind(new.milestone.map(|m| m.1))
        .bind(new.milestone.map(|m| m.2))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(inserted) = inserted else {
            return Ok(None);
        };
        let id: i64 = inserted.try_get(0)?;
        if let Some(group) = new.group {
            sqlx::query("INSERT INTO feed_post_groups (post_id, group_id) VALUES ($1, $2)")
                .bind(id)
                .bind(group)
                .execute(&mut *tx)
                .await?;
        }
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM feed_posts p JOIN users u ON u.id = p.author_id
             WHERE p.id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(new.author)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let post = post_from(&row)?;
        let events =
            append_events(&mut tx, audience, LiveKind::FeedPost, &data(&post), now).await?;
        tx.commit().await?;
        Ok(Some((post, events)))
    }

    /// The keys of `author`'s milestone posts that start with `prefix` (a
    /// LIKE pattern: no `%` or `_` in it).
    pub async fn milestone_keys(&self, author: &str, prefix: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT milestone_key FROM feed_posts WHERE author_id = $1 AND milestone_key LIKE $2",
        )
        .bind(author)
        .bind(format!("{prefix}%"))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// The post, if `reader` may see it.
    pub async fn visible_post(&self, reader: &str, id: i64) -> Result<Option<PostRow>> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM feed_posts p JOIN users u ON u.id = p.author_id
             WHERE p.id = $2 AND {VISIBLE}"
        );
        let row = sqlx::query(&sql)
            .bind(reader)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(post_from).transpose()
    }

    /// A page of the posts `reader` may see, newest first, with ids below
    /// `before`.
    pub async fn feed(
        &self,
        reader: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<PostRow>> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM feed_posts p JOIN users u ON u.id = p.author_id
             WHERE p.id < $2 AND {VISIBLE} ORDER BY p.id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(reader)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(post_from).collect()
    }

    /// Deletes `author`'s post; `false` if they have none with this id.
    pub async fn delete_post(&self, author: &str, id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM feed_posts WHERE id = $1 AND author_id = $2")
            .bind(id)
            .bind(author)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(done > 0)
    }

    /// Sets (`Some`) or removes `user`'s reaction to a post: the reaction
    /// it replaced.
    pub async fn react_to_post(
        &self,
        post: i64,
        user: &str,
        reaction: Option<PostReaction>,
    ) -> Result<Option<PostReaction>> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let before: Option<String> = sqlx::query(
            "DELETE FROM feed_reactions WHERE post_id = $1 AND user_id = $2 RETURNING reaction",
        )
        .bind(post)
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?;
        if let Some(reaction) = reaction {
            sqlx::query(
                "INSERT INTO feed_reactions (post_id, user_id, reaction, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(post)
            .bind(user)
            .bind(reaction.as_str())
            .bind(self.clock.now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(before.map(|b| b.parse()).transpose()?)
    }

    /// Who besides the author may see a post of theirs with `visibility`
    /// (the rule of [`VISIBLE`], read the other way), by id, `limit` at
    /// most.
    pub async fn post_audience(
        &self,
        author: &str,
        visibility: PostVisibility,
        limit: i64,
    ) -> Result<Vec<String>> {
        let sql = match visibility {
            // A group's post reaches its members: `group_audience`.
            PostVisibility::Private | PostVisibility::Group => return Ok(Vec::new()),
            PostVisibility::Friends => {
                "SELECT f.follower_id AS id FROM follows f
                 WHERE f.followee_id = $1
                   AND EXISTS (SELECT 1 FROM follows b WHERE b.follower_id = $1 AND b.followee_id = f.follower_id)"
            }
            PostVisibility::Groups => {
                "SELECT DISTINCT y.user_id AS id FROM group_members x
                 JOIN group_members y ON y.group_id = x.group_id
                 JOIN user_groups g ON g.id = x.group_id
                 WHERE x.user_id = $1 AND y.user_id <> $1 AND g.privacy = 'private'"
            }
        };
        self.audience_of(author, sql, None, limit).await
    }

    /// Who besides the author sees their post for `group` (visibility
    /// `group`): its members, never across a block, `limit` at most.
    pub async fn group_audience(
        &self,
        author: &str,
        group: &str,
        limit: i64,
    ) -> Result<Vec<String>> {
        let sql =
            "SELECT m.user_id AS id FROM group_members m WHERE m.group_id = $3 AND m.user_id <> $1";
        self.audience_of(author, sql, Some(group), limit).await
    }

    /// The ids `sql` selects (with the author as `$1` and `group` as
    /// `$3`), without anyone either of whom blocks the other.
    async fn audience_of(
        &self,
        author: &str,
        sql: &str,
        group: Option<&str>,
        limit: i64,
    ) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT a.id FROM ({sql}) a
             WHERE NOT EXISTS (SELECT 1 FROM blocks b
                               WHERE (b.blocker_id = $1 AND b.blocked_id = a.id)
                                  OR (b.blocker_id = a.id AND b.blocked_id = $1))
             ORDER BY a.id LIMIT $2"
        );
        let mut query = sqlx::query(&sql).bind(author).bind(limit);
        if let Some(group) = group {
            query = query.bind(group);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Every post of `author`, oldest first, as they see it.
    pub async fn posts_of(&self, author: &str) -> Result<Vec<PostRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {POST_COLUMNS} FROM feed_posts p JOIN users u ON u.id = p.author_id
             WHERE p.author_id = $1 ORDER BY p.id"
        ))
        .bind(author)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(post_from).collect()
    }

    /// Every reaction of `user`: (post id, reaction, when), oldest first.
    pub async fn reactions_by(&self, user: &str) -> Result<Vec<(i64, PostReaction, i64)>> {
        let rows = sqlx::query(
            "SELECT post_id, reaction, created_at FROM feed_reactions
             WHERE user_id = $1 ORDER BY created_at, post_id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("post_id")?,
                    row.try_get::<String, _>("reaction")?.parse()?,
                    row.try_get("created_at")?,
                ))
            })
            .collect()
    }

    /// Who sees the milestone posts the server makes for `user`; `None`
    /// until they choose.
    pub async fn milestone_visibility(&self, user: &str) -> Result<Option<PostVisibility>> {
        let row = sqlx::query("SELECT milestones FROM feed_settings WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>(0))
            .transpose()?
            .map(|v| v.parse())
            .transpose()?)
    }

    /// Sets who sees the milestone posts the server makes for `user`.
    pub async fn set_milestone_visibility(
        &self,
        user: &str,
        visibility: PostVisibility,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO feed_settings (user_id, milestones) VALUES ($1, $2)
             ON CONFLICT (user_id) DO UPDATE SET milestones = $2",
        )
        .bind(user)
        .bind(visibility.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
