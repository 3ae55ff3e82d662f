//! Group khatmahs: each khatmah of a group (`khatmahs`), its portions
//! (`khatmah_portions`: who reads each and when it was done), and the
//! claim of a khatmah's deadline reminder.
//!
//! At most one khatmah of a group runs at a time: a partial unique index
//! on `group_id` where `status = 'running'`, so two admins starting at
//! once cannot both succeed (the second is [`Error::Taken`]). Every
//! change is one conditional `UPDATE` (a portion is claimed only while it
//! is free, done only once, a khatmah completed only once all portions
//! are done), so racing requests cannot both win; the caller learns from
//! the answer whether its change happened.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::error::{is_unique_violation, names_column};
use super::people::person_from;
use super::{Error, Person, Result, Store};
use crate::kinds::{Division, DoneHow, KhatmahStatus};

/// A khatmah as stored, with how many of its portions are done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KhatmahRow {
    pub id: String,
    pub group_id: String,
    /// The group's first, second, ... khatmah (set by the store).
    pub number: i64,
    pub started_by: Option<String>,
    pub division: Division,
    pub status: KhatmahStatus,
    pub deadline: Option<i64>,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// Portions done.
    pub done: i64,
    /// Portions in all.
    pub total: i64,
}

/// One portion of a khatmah.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortionRow {
    /// 1 to 30 (juz) or 60 (hizb).
    pub number: i64,
    /// Who reads it (`None`: free, or their account is gone).
    pub assignee: Option<Person>,
    pub assigned_at: Option<i64>,
    pub done_at: Option<i64>,
    pub done_how: Option<DoneHow>,
}

/// A portion someone holds (or held) in any khatmah, for their export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldPortion {
    pub khatmah_id: String,
    pub group_id: String,
    pub division: Division,
    pub number: i64,
    pub assigned_at: Option<i64>,
    pub done_at: Option<i64>,
    pub done_how: Option<DoneHow>,
}

/// A portion someone has still to read in a running khatmah.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPortion {
    pub khatmah_id: String,
    pub division: Division,
    pub started_at: i64,
    pub number: i64,
}

const KHATMAH_COLUMNS: &str = "k.id, k.group_id, k.number, k.started_by, k.division, k.status, k.deadline,
    k.started_at, k.ended_at,
    (SELECT COUNT(*) FROM khatmah_portions d WHERE d.khatmah_id = k.id AND d.done_at IS NOT NULL) AS done,
    (SELECT COUNT(*) FROM khatmah_portions t WHERE t.khatmah_id = k.id) AS total";

fn khatmah_from(row: &AnyRow) -> Result<KhatmahRow> {
    Ok(KhatmahRow {
        id: row.try_get("id")?,
        group_id: row.try_get("group_id")?,
        number: row.try_get("number")?,
        started_by: row.try_get("started_by")?,
        division: row.try_get::<String, _>("division")?.parse()?,
        status: row.try_get::<String, _>("status")?.parse()?,
        deadline: row.try_get("deadline")?,
        started_at: row.try_get("started_at")?,
        ended_at: row.try_get("ended_at")?,
        done: row.try_get("done")?,
        total: row.try_get("total")?,
    })
}

fn portion_from(row: &AnyRow) -> Result<PortionRow> {
    let assignee: Option<String> = row.try_get("id")?;
    let how: Option<String> = row.try_get("done_how")?;
    Ok(PortionRow {
        number: row.try_get("number")?,
        assignee: assignee.map(|_| person_from(row)).transpose()?,
        assigned_at: row.try_get("assigned_at")?,
        done_at: row.try_get("done_at")?,
        done_how: how.map(|h| h.parse()).transpose()?,
    })
}

impl Store {
    /// Starts a khatmah of `portions` free portions, numbered after the
    /// group's last one. [`Error::Taken`] (`group_id`) when one of the
    /// group runs already (or another start took its number).
    pub async fn start_khatmah(&self, khatmah: &KhatmahRow, portions: i64) -> Result<()> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO khatmahs (id, group_id, number, started_by, division, status, deadline, started_at)
             SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $6, $7
             FROM khatmahs WHERE group_id = $2",
        )
        .bind(&khatmah.id)
        .bind(&khatmah.group_id)
        .bind(&khatmah.started_by)
        .bind(khatmah.division.as_str())
        .bind(KhatmahStatus::Running.as_str())
        .bind(khatmah.deadline)
        .bind(khatmah.started_at)
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(e) if is_unique_violation(&e) && !names_column(&e, "khatmahs", "id") => {
                return Err(Error::Taken { column: "group_id" })
            }
            other => other?,
        };
        for number in 1..=portions {
            sqlx::query("INSERT INTO khatmah_portions (khatmah_id, number) VALUES ($1, $2)")
                .bind(&khatmah.id)
                .bind(number)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One khatmah.
    pub async fn khatmah(&self, id: &str) -> Result<Option<KhatmahRow>> {
        let sql = format!("SELECT {KHATMAH_COLUMNS} FROM khatmahs k WHERE k.id = $1");
        self.optional(&sql, id, khatmah_from).await
    }

    /// A group's khatmahs, newest first, `limit` at most.
    pub async fn khatmahs_of_group(&self, group: &str, limit: i64) -> Result<Vec<KhatmahRow>> {
        let sql = format!(
            "SELECT {KHATMAH_COLUMNS} FROM khatmahs k WHERE k.group_id = $1
             ORDER BY k.number DESC LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(group)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(khatmah_from).collect()
    }

    /// A khatmah's portions, in order.
    pub async fn khatmah_portions(&self, khatmah: &str) -> Result<Vec<PortionRow>> {
        let rows = sqlx::query(
            "SELECT p.number, p.assigned_at, p.done_at, p.done_how, u.id, u.username, u.display_name
             FROM khatmah_portions p LEFT JOIN users u ON u.id = p.assignee_id
             WHERE p.khatmah_id = $1 ORDER BY p.number",
        )
        .bind(khatmah)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(portion_from).collect()
    }

    /// Gives portion `number` of a running khatmah to `user`: only while
    /// it is free (`free_only`) or, for an admin's assignment, while it is
    /// not done. Whether it was given.
    pub async fn give_portion(
        &self,
        (khatmah, number): (&str, i64),
        user: &str,
        free_only: bool,
    ) -> Result<bool> {
        let sql = match free_only {
            true => "UPDATE khatmah_portions SET assignee_id = $3, assigned_at = $4
                     WHERE khatmah_id = $1 AND number = $2 AND done_at IS NULL AND assignee_id IS NULL
                       AND EXISTS (SELECT 1 FROM khatmahs k WHERE k.id = $1 AND k.status = 'running')",
            false => "UPDATE khatmah_portions SET assignee_id = $3, assigned_at = $4
                      WHERE khatmah_id = $1 AND number = $2 AND done_at IS NULL
                        AND EXISTS (SELECT 1 FROM khatmahs k WHERE k.id = $1 AND k.status = 'running')",
        };
        let done = sqlx::query(sql)
            .bind(khatmah)
            .bind(number)
            .bind(user)
            .bind(self.clock.now())
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(done > 0)
    }

    /// Frees portion `number` of a running khatmah if `user` holds it and
    /// it is not done. Whether it was freed.
    pub async fn release_portion(
        &self,
        (khatmah, number): (&str, i64),
        user: &str,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE khatmah_portions SET assignee_id = NULL, assigned_at = NULL
             WHERE khatmah_id = $1 AND number = $2 AND assignee_id = $3 AND done_at IS NULL
               AND EXISTS (SELECT 1 FROM khatmahs k WHERE k.id = $1 AND k.status = 'running')",
        )
        .bind(khatmah)
        .bind(number)
        .bind(user)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// Marks portion `number` of a running khatmah done, once. Whether
    /// this call did.
    pub async fn finish_portion(
        &self,
        (khatmah, number): (&str, i64),
        how: DoneHow,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE khatmah_portions SET done_at = $3, done_how = $4
             WHERE khatmah_id = $1 AND number = $2 AND done_at IS NULL
               AND EXISTS (SELECT 1 FROM khatmahs k WHERE k.id = $1 AND k.status = 'running')",
        )
        .bind(khatmah)
        .bind(number)
        .bind(self.clock.now())
        .bind(how.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// Ends a running khatmah as `status`: `Completed` only once every
    /// portion is done. Whether this call ended it (so it is told once).
    pub async fn end_khatmah(&self, khatmah: &str, status: KhatmahStatus) -> Result<bool> {
        let sql = match status {
            KhatmahStatus::Completed => {
                "UPDATE khatmahs SET status = $2, ended_at = $3 WHERE id = $1 AND status = 'running'
                   AND NOT EXISTS (SELECT 1 FROM khatmah_portions p
                                   WHERE p.khatmah_id = $1 AND p.done_at IS NULL)"
            }
            _ => "UPDATE khatmahs SET status = $2, ended_at = $3 WHERE id = $1 AND status = 'running'",
        };
        let done = sqlx::query(sql)
            .bind(khatmah)
            .bind(status.as_str())
            .bind(self.clock.now())
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(done > 0)
    }

    /// The portions `user` holds and has not finished in running
    /// khatmahs (one indexed read: what a push checks).
    pub async fn open_portions(&self, user: &str) -> Result<Vec<OpenPortion>> {
        let rows = sqlx::query(
            "SELECT p.khatmah_id, k.division, k.started_at, p.number
             FROM khatmah_portions p JOIN khatmahs k ON k.id = p.khatmah_id
             WHERE p.assignee_id = $1 AND p.done_at IS NULL AND k.status = 'running'
             ORDER BY p.khatmah_id, p.number",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OpenPortion {
                    khatmah_id: row.try_get("khatmah_id")?,
                    division: row.try_get::<String, _>("division")?.parse()?,
                    started_at: row.try_get("started_at")?,
                    number: row.try_get("number")?,
                })
            })
            .collect()
    }

    /// Every portion `user` holds, done or not, in any khatmah (running
    /// or history), oldest khatmah first.
    pub async fn portions_held(&self, user: &str) -> Result<Vec<HeldPortion>> {
        let rows = sqlx::query(
            "SELECT p.khatmah_id, k.group_id, k.division, p.number, p.assigned_at,
                    p.done_at, p.done_how
             FROM khatmah_portions p JOIN khatmahs k ON k.id = p.khatmah_id
             WHERE p.assignee_id = $1 ORDER BY k.started_at, p.khatmah_id, p.number",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let done_how: Option<String> = row.try_get("done_how")?;
                Ok(HeldPortion {
                    khatmah_id: row.try_get("khatmah_id")?,
                    group_id: row.try_get("group_id")?,
                    division: row.try_get::<String, _>("division")?.parse()?,
                    number: row.try_get("number")?,
                    assigned_at: row.try_get("assigned_at")?,
                    done_at: row.try_get("done_at")?,
                    done_how: done_how.map(|h| h.parse()).transpose()?,
                })
            })
            .collect()
    }

    /// The distinct ayah ranges (surah, first, last) of `user`'s sessions
    /// that started at or after `since`, in surahs `first` to `last`.
    pub async fn read_ranges_since(
        &self,
        user: &str,
        since: i64,
        (first, last): (i64, i64),
    ) -> Result<Vec<(i64, i64, i64)>> {
        let rows = sqlx::query(
            "SELECT DISTINCT surah_number, start_ayah, end_ayah FROM reading_sessions
             WHERE user_id = $1 AND start_time >= $2 AND surah_number BETWEEN $3 AND $4",
        )
        .bind(user)
        .bind(since)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect()
    }

    /// Running khatmahs whose deadline falls in `(now, now + within]`
    /// and whose members have not been reminded, `limit` at most.
    pub async fn khatmahs_to_remind(
        &self,
        now: i64,
        within: i64,
        limit: i64,
    ) -> Result<Vec<KhatmahRow>> {
        let sql = format!(
            "SELECT {KHATMAH_COLUMNS} FROM khatmahs k
             WHERE k.status = 'running' AND k.reminded_at IS NULL
               AND k.deadline > $1 AND k.deadline <= $2
             ORDER BY k.deadline, k.id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(now.saturating_add(within))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(khatmah_from).collect()
    }

    /// Claims a khatmah's deadline reminder: true for exactly one caller,
    /// however many servers ask.
    pub async fn claim_khatmah_reminder(&self, khatmah: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE khatmahs SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL",
        )
        .bind(khatmah)
        .bind(self.clock.now())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// The ids of a group's members, in order.
    pub async fn group_member_ids(&self, group: &str) -> Result<Vec<String>> {
        let rows =
            sqlx::query("SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id")
                .bind(group)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }
}
