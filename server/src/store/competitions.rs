//! Competitions and their participants.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::people::person_from;
use super::{Person, Result, Store};
use crate::kinds::{CompetitionType, Metric, Status};

/// A competition as stored.
#[derive(Debug, Clone)]
pub struct CompetitionRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub creator_id: Option<String>,
    pub competition_type: CompetitionType,
    pub group_id: Option<String>,
    pub metric_type: Metric,
    pub start_time: i64,
    pub end_time: i64,
    pub invite_code: Option<String>,
    pub participant_count: i64,
    pub created_at: i64,
}

const COMPETITION_COLUMNS: &str = "id, name, description, creator_id, competition_type, group_id, metric_type, start_time, end_time, invite_code, participant_count, created_at";

fn competition_from(row: &AnyRow) -> Result<CompetitionRow> {
    Ok(CompetitionRow {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        creator_id: row.try_get("creator_id")?,
        competition_type: row.try_get::<String, _>("competition_type")?.parse()?,
        group_id: row.try_get("group_id")?,
        metric_type: row.try_get::<String, _>("metric_type")?.parse()?,
        start_time: row.try_get("start_time")?,
        end_time: row.try_get("end_time")?,
        invite_code: row.try_get("invite_code")?,
        participant_count: row.try_get("participant_count")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Creates a competition with its creator as the first participant.
    pub async fn create_competition(&self, c: &CompetitionRow) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!(
            "INSERT INTO competitions ({COMPETITION_COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)"
        ))
        .bind(&c.id)
        .bind(&c.name)
        .bind(&c.description)
        .bind(&c.creator_id)
        .bind(c.competition_type.as_str())
        .bind(&c.group_id)
        .bind(c.metric_type.as_str())
        .bind(c.start_time)
        .bind(c.end_time)
        .bind(&c.invite_code)
        .bind(c.created_at)
        .execute(&mut *tx)
        .await?;
        if let Some(creator) = &c.creator_id {
            sqlx::query(
                "INSERT INTO competition_participants (competition_id, user_id, joined_at) VALUES ($1, $2, $3)",
            )
            .bind(&c.id)
            .bind(creator)
            .bind(c.created_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(())
    }

    /// A competition by id.
    pub async fn competition(&self, id: &str) -> Result<Option<CompetitionRow>> {
        let sql = format!("SELECT {COMPETITION_COLUMNS} FROM competitions WHERE id = $1");
        self.optional(&sql, id, competition_from).await
    }

    /// A competition by its invite code.
    pub async fn competition_by_code(&self, code: &str) -> Result<Option<CompetitionRow>> {
        let sql = format!("SELECT {COMPETITION_COLUMNS} FROM competitions WHERE invite_code = $1");
        self.optional(&sql, code, competition_from).await
    }

    /// A page of the competitions `user` can see (public ones, the ones
    /// they joined and those of their groups), of one status at `now` if
    /// `status` names one, newest start first (then by id), after the
    /// place `after` (a start and an id) when given; each with whether the
    /// user takes part. The filter is SQL, so a page is never cut short by
    /// rows of other statuses.
    pub async fn competitions_for(
        &self,
        user: &str,
        (status, now): (Option<Status>, i64),
        after: Option<(i64, &str)>,
        limit: i64,
    ) -> Result<Vec<(CompetitionRow, bool)>> {
        // $1 user, $2 now, $3 limit, $4/$5 the cursor: fixed fragments only.
        let status = match status {
            None => "",
            Some(Status::Upcoming) => "AND c.start_time > $2",
            Some(Status::Active) => "AND c.start_time <= $2 AND c.end_time > $2",
            Some(Status::Completed) => "AND c.end_time <= $2",
        };
        let cursor = match after {
            None => "",
            Some(_) => "AND (c.start_time < $4 OR (c.start_time = $4 AND c.id > $5))",
        };
        let sql = format!(
            "SELECT {COMPETITION_COLUMNS},
                    CASE WHEN EXISTS (SELECT 1 FROM competition_participants p
                                      WHERE p.competition_id = c.id AND p.user_id = $1)
                         THEN 1 ELSE 0 END AS joined
             FROM competitions c
             WHERE (c.competition_type = 'public'
                OR EXISTS (SELECT 1 FROM competition_participants p WHERE p.competition_id = c.id AND p.user_id = $1)
                OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = c.group_id AND m.user_id = $1))
               {status} {cursor}
             ORDER BY c.start_time DESC, c.id LIMIT $3"
        );
        let mut query = sqlx::query(&sql).bind(user).bind(now).bind(limit);
        if let Some((start, id)) = after {
            query = query.bind(start).bind(id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    competition_from(row)?,
                    row.try_get::<i64, _>("joined")? != 0,
                ))
            })
            .collect()
    }

    /// How many competitions `user` created at `since` or later.
    pub async fn competitions_created_since(&self, user: &str, since: i64) -> Result<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM competitions WHERE creator_id = $1 AND created_at >= $2",
        )
        .bind(user)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Deletes a competition and its participations.
    pub async fn delete_competition(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM competitions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.boards_changed();
        Ok(())
    }

    /// Whether `user` takes part.
    pub async fn is_participant(&self, competition: &str, user: &str) -> Result<bool> {
        Ok(sqlx::query(
            "SELECT 1 FROM competition_participants WHERE competition_id = $1 AND user_id = $2",
        )
        .bind(competition)
        .bind(user)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    /// Adds a participant; joining twice is one participation.
    pub async fn join_competition(&self, competition: &str, user: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO competition_participants (competition_id, user_id, joined_at) VALUES ($1, $2, $3)
             ON CONFLICT (competition_id, user_id) DO NOTHING",
        )
        .bind(competition)
        .bind(user)
        .bind(self.clock.now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            sqlx::query(
                "UPDATE competitions SET participant_count = participant_count + 1 WHERE id = $1",
            )
            .bind(competition)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(inserted == 1)
    }

    /// Removes a participant; returns whether they took part.
    pub async fn leave_competition(&self, competition: &str, user: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let gone = sqlx::query(
            "DELETE FROM competition_participants WHERE competition_id = $1 AND user_id = $2",
        )
        .bind(competition)
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if gone == 1 {
            sqlx::query(
                "UPDATE competitions SET participant_count = participant_count - 1 WHERE id = $1",
            )
            .bind(competition)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.boards_changed();
        Ok(gone == 1)
    }

    /// Participants as `viewer` may see them, by joining order: never the
    /// hidden ones (but the viewer themselves), and only those seen by
    /// everyone when `strangers`.
    pub async fn participants(
        &self,
        competition: &str,
        (viewer, strangers): (&str, bool),
        limit: i64,
        offset: i64,
    ) -> Result<Vec<(Person, i64)>> {
        let sql = format!(
            "SELECT u.id, u.username, u.display_name, p.joined_at
             FROM competition_participants p JOIN users u ON u.id = p.user_id
             WHERE p.competition_id = $1 AND (u.id = $4 OR {})
             ORDER BY p.joined_at, u.username LIMIT $2 OFFSET $3",
            super::people::shown_to(strangers)
        );
        let rows = sqlx::query(&sql)
            .bind(competition)
            .bind(limit)
            .bind(offset)
            .bind(viewer)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((person_from(row)?, row.try_get("joined_at")?)))
            .collect()
    }
}

impl Store {
    /// Competitions whose `start` (`start`: started by `at`, not yet
    /// over) or `end` (over by `at`) has not been announced, oldest first,
    /// `limit` at most.
    pub async fn competitions_to_announce(
        &self,
        start: bool,
        at: i64,
        limit: i64,
    ) -> Result<Vec<CompetitionRow>> {
        let (when, phase) = match start {
            true => ("c.start_time <= $1 AND c.end_time > $1", "start"),
            false => ("c.end_time <= $1", "end"),
        };
        let sql = format!(
            "SELECT {COMPETITION_COLUMNS} FROM competitions c WHERE {when}
               AND NOT EXISTS (SELECT 1 FROM competition_announcements a
                               WHERE a.competition_id = c.id AND a.phase = '{phase}')
             ORDER BY c.start_time, c.id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(at)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(competition_from).collect()
    }

    /// Claims the announcement of a competition's phase: `true` for the
    /// one caller that gets to tell it.
    pub async fn claim_announcement(&self, competition: &str, phase: &str) -> Result<bool> {
        let claimed = sqlx::query(
            "INSERT INTO competition_announcements (competition_id, phase, announced_at)
             VALUES ($1, $2, $3) ON CONFLICT (competition_id, phase) DO NOTHING",
        )
        .bind(competition)
        .bind(phase)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(claimed == 1)
    }

    /// The competitions `user` takes part in that run at `now` (started,
    /// not ended), the soonest to end first, `limit` at most.
    pub async fn running_competitions_of(
        &self,
        user: &str,
        now: i64,
        limit: i64,
    ) -> Result<Vec<CompetitionRow>> {
        let sql = format!(
            "SELECT {COMPETITION_COLUMNS} FROM competitions
             WHERE start_time <= $2 AND end_time > $2 AND id IN
               (SELECT competition_id FROM competition_participants WHERE user_id = $1)
             ORDER BY end_time, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(user)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(competition_from).collect()
    }

    /// The ids of a competition's participants.
    pub async fn participant_ids(&self, competition: &str) -> Result<Vec<String>> {
        let rows =
            sqlx::query("SELECT user_id FROM competition_participants WHERE competition_id = $1")
                .bind(competition)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }
}
