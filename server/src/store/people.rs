//! People as others see them, and follows (friends are mutual follows).

use sqlx::any::AnyRow;
use sqlx::Row;

use super::live::append_events;
use super::{Result, Store, UserEvent};
use crate::kinds::LiveKind;

/// Someone as others see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

pub(super) fn person_from(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
    })
}

/// One of a user's follow lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follows {
    /// Who follows them.
    Followers,
    /// Whom they follow.
    Following,
    /// Both ways.
    Friends,
}

impl Store {
    /// Starts following `followee`; following twice is one follow. A new
    /// follow stores the `followed` event `data` for the followee in the
    /// same transaction, and returns it.
    pub async fn follow(
        &self,
        follower: &str,
        followee: &str,
        data: &str,
    ) -> Result<Vec<UserEvent>> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let added = sqlx::query(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (follower_id, followee_id) DO NOTHING",
        )
        .bind(follower)
        .bind(followee)
        .bind(self.clock.now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let events = match added {
            0 => Vec::new(),
            _ => {
                let to = [followee.to_owned()];
                append_events(&mut tx, &to, LiveKind::Followed, data, self.clock.now()).await?
            }
        };
        tx.commit().await?;
        self.boards_changed();
        Ok(events)
    }

    /// Stops following; not following is not an error.
    pub async fn unfollow(&self, follower: &str, followee: &str) -> Result<()> {
        sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2")
            .bind(follower)
            .bind(followee)
            .execute(&self.pool)
            .await?;
        self.boards_changed();
        Ok(())
    }

    /// The people of one of `user`'s follow lists, by username.
    pub async fn follow_list(&self, user: &str, which: Follows) -> Result<Vec<Person>> {
        let sql = match which {
            Follows::Followers => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.follower_id
                 WHERE f.followee_id = $1 ORDER BY u.username"
            }
            Follows::Following => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.followee_id
                 WHERE f.follower_id = $1 ORDER BY u.username"
            }
            Follows::Friends => {
                "SELECT u.id, u.username, u.display_name FROM follows f JOIN users u ON u.id = f.followee_id
                 WHERE f.follower_id = $1
                   AND EXISTS (SELECT 1 FROM follows b WHERE b.follower_id = f.followee_id AND b.followee_id = $1)
                 ORDER BY u.username"
            }
        };
        let rows = sqlx::query(sql).bind(user).fetch_all(&self.pool).await?;
        rows.iter().map(person_from).collect()
    }

    /// Whether `a` and `b` follow each other.
    pub async fn are_friends(&self, a: &str, b: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM follows WHERE (follower_id = $1 AND followee_id = $2)
                OR (follower_id = $2 AND followee_id = $1)",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? == 2)
    }

    /// Whether `a` and `b` are members of one private group (anyone can
    /// join a public one, so it makes nobody a circle).
    pub async fn share_a_group(&self, a: &str, b: &str) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM group_members x JOIN group_members y ON x.group_id = y.group_id
             JOIN user_groups g ON g.id = x.group_id
             WHERE x.user_id = $1 AND y.user_id = $2 AND g.privacy = 'private'",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }
}

/// The SQL condition on `u` (a user) for appearing in a list of members:
/// never hidden; only `everyone` for `strangers` (viewers outside the
/// group or competition). A fixed fragment, nothing bound.
pub(crate) fn shown_to(strangers: bool) -> &'static str {
    match strangers {
        false => "u.leaderboard_visibility <> 'hidden'",
        true => "u.leaderboard_visibility = 'everyone'",
    }
}
