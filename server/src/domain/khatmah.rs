//! Group khatmah: a group reads the whole Qur'an together. An admin
//! starts one, split by juz (30 portions) or by hizb (60), maybe with a
//! deadline; members claim free portions or an admin assigns them; the
//! reader (or an admin) marks a portion done, or it is counted done when
//! its reader's synced reading covers each of its ayahs after the
//! khatmah started ([`after_reading`]). When the last portion is done
//! the khatmah is completed and celebrated with a post for the group.
//! One khatmah of a group runs at a time; the ended ones stay as its
//! history.
//!
//! Only members see a group's khatmahs (anyone else is told it does not
//! exist). Every change is stored, then told to each member as a
//! `khatmah` event; an assignment notifies the reader
//! (`khatmah_portion`), and so does the deadline: [`remind`], called by
//! the server's timer, tells the readers of unfinished portions once,
//! [`REMIND_BEFORE_SECONDS`] before it (claimed in the store, so several
//! servers tell it once). A member who leaves the group frees their
//! unfinished portions. Never here: SQL, statuses.

use companion_core::AyahRef;

use super::{days, feed, notifications, stats, Error, Result};
use crate::kinds::{Division, DoneHow, KhatmahStatus, LiveKind, NotificationKind, PostKind};
use crate::kinds::{PostVisibility, Role};
use crate::live::payload::{self, KhatmahChanged, KhatmahNotice, KhatmahPortion};
use crate::store::{self as store_mod, KhatmahRow, NewPost, PortionRow, Store, UserEvent};

/// How long before its deadline the readers of unfinished portions are
/// reminded.
pub const REMIND_BEFORE_SECONDS: i64 = 24 * 3600;
/// The furthest deadline, from the start.
pub const MAX_DEADLINE_SECONDS: i64 = 366 * 86_400;
/// How many khatmahs one reminder round looks at.
const BATCH: i64 = 50;

/// A khatmah with its group's name and its portions.
#[derive(Debug, Clone)]
pub struct View {
    pub khatmah: KhatmahRow,
    pub group_name: String,
    pub portions: Vec<PortionRow>,
}

/// How many portions a division has.
pub fn portion_count(division: Division) -> i64 {
    match division {
        Division::Juz => 30,
        Division::Hizb => 60,
    }
}

/// The first and last ayah of portion `number` of `division`.
pub fn portion_range(division: Division, number: i64) -> Option<(AyahRef, AyahRef)> {
    let quran = quran_data::quran();
    let number = u16::try_from(number).ok()?;
    match division {
        Division::Juz => quran.juz(number).map(|part| (part.first, part.last)),
        // A hizb is four quarters: 1-4, 5-8, ...
        Division::Hizb => {
            let first = quran.hizb_quarter(number.checked_mul(4)?.checked_sub(3)?)?;
            let last = quran.hizb_quarter(number.checked_mul(4)?)?;
            Some((first.first, last.last))
        }
    }
}

/// Whether the ranges (surah, first, last) cover every ayah from `first`
/// to `last`.
pub fn covered((first, last): (AyahRef, AyahRef), ranges: &[stats::Range]) -> bool {
    let (start, end) = (usize::from(first.index()), usize::from(last.index()));
    let mut read = vec![false; end.saturating_sub(start) + 1];
    for &(surah, from, to) in ranges {
        for ayah in from..=to {
            let reference = u16::try_from(surah)
                .ok()
                .zip(u16::try_from(ayah).ok())
                .and_then(|(s, a)| AyahRef::new(s, a).ok());
            if let Some(index) = reference.map(|r| usize::from(r.index())) {
                if let Some(slot) = index.checked_sub(start).and_then(|i| read.get_mut(i)) {
                    *slot = true;
                }
            }
        }
    }
    read.iter().all(|r| *r)
}

/// A portion as members see it.
pub fn portion_view(division: Division, portion: &PortionRow) -> KhatmahPortion {
    let (first, last) = portion_range(division, portion.number)
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .unwrap_or_default();
    KhatmahPortion {
        number: portion.number,
        first,
        last,
        assignee: portion.assignee.as_ref().map(payload::Who::from),
        done: portion.done_at.is_some(),
        done_how: portion.done_how,
        done_at: portion.done_at.map(days::rfc3339),
    }
}

fn not_found() -> Error {
    Error::not_found(
        "khatmah_not_found",
        "No khatmah of a group you are in has this id.",
    )
}

fn not_admin() -> Error {
    Error::forbidden("not_admin", "Only the group's admins can do this.")
}

/// `user`'s role in `group`; a non-member learns nothing (`not_found`).
async fn role_in(store: &Store, group: &str, user: &str, missing: fn() -> Error) -> Result<Role> {
    store.role_in(group, user).await?.ok_or_else(missing)
}

/// The khatmah and `user`'s role in its group.
async fn member_view(store: &Store, id: &str, user: &str) -> Result<(KhatmahRow, Role)> {
    let khatmah = store.khatmah(id).await?.ok_or_else(not_found)?;
    let role = role_in(store, &khatmah.group_id, user, not_found).await?;
    Ok((khatmah, role))
}

/// A portion number of `khatmah`, checked.
fn check_number(khatmah: &KhatmahRow, number: i64) -> Result<()> {
    if (1..=khatmah.total).contains(&number) {
        Ok(())
    } else {
        Err(Error::invalid(
            "invalid_portion",
            format!("A portion of this khatmah is 1 to {}.", khatmah.total),
        ))
    }
}

fn check_running(khatmah: &KhatmahRow) -> Result<()> {
    match khatmah.status {
        KhatmahStatus::Running => Ok(()),
        _ => Err(Error::conflict(
            "khatmah_over",
            "This khatmah is over: it was completed or cancelled.",
        )),
    }
}

/// Reads the khatmah again and tells each member of its group that
/// `change` happened (to `portion`, if one).
async fn tell(
    store: &Store,
    id: &str,
    change: &'static str,
    portion: Option<i64>,
) -> Result<(View, Vec<UserEvent>)> {
    let view = load(store, id).await?;
    let k = &view.khatmah;
    let data = KhatmahChanged {
        khatmah_id: k.id.clone(),
        group_id: k.group_id.clone(),
        change,
        portion: portion
            .and_then(|n| view.portions.iter().find(|p| p.number == n))
            .map(|p| portion_view(k.division, p)),
        done: k.done,
        total: k.total,
        status: k.status,
    };
    let members = store.group_member_ids(&k.group_id).await?;
    let events = store
        .record_events(&members, LiveKind::Khatmah, &payload::to_data(&data))
        .await?;
    tracing::info!(khatmah = %k.id, change, portion, told = events.len(), "khatmah changed");
    Ok((view, events))
}

async fn load(store: &Store, id: &str) -> Result<View> {
    let khatmah = store.khatmah(id).await?.ok_or_else(not_found)?;
    let group_name = store
        .group(&khatmah.group_id)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    let portions = store.khatmah_portions(id).await?;
    Ok(View {
        khatmah,
        group_name,
        portions,
    })
}

/// Starts a khatmah of `group` by `division` (`juz` or `hizb`), with an
/// optional deadline (RFC 3339, after now, within a year): admins only,
/// one running at a time.
pub async fn start(
    store: &Store,
    (group, user): (&str, &str),
    division: &str,
    deadline: Option<&str>,
    now: i64,
) -> Result<(View, Vec<UserEvent>)> {
    let missing = || Error::not_found("group_not_found", "No group has this id, or it is private.");
    if !super::groups::may_administer(Some(role_in(store, group, user, missing).await?)) {
        return Err(not_admin());
    }
    let division: Division = division.parse().map_err(|_| {
        Error::invalid(
            "invalid_division",
            "`division` is juz (30 portions) or hizb (60).",
        )
    })?;
    let deadline = deadline.map(|text| check_deadline(text, now)).transpose()?;
    let khatmah = KhatmahRow {
        id: uuid::Uuid::new_v4().to_string(),
        group_id: group.to_owned(),
        number: 0,
        started_by: Some(user.to_owned()),
        division,
        status: KhatmahStatus::Running,
        deadline,
        started_at: now,
        ended_at: None,
        done: 0,
        total: portion_count(division),
    };
    match store.start_khatmah(&khatmah, khatmah.total).await {
        Err(store_mod::Error::Taken { .. }) => Err(Error::conflict(
            "khatmah_running",
            "A khatmah of this group is running; complete or cancel it first.",
        )),
        other => Ok(other?),
    }?;
    tell(store, &khatmah.id, "started", None).await
}

fn check_deadline(text: &str, now: i64) -> Result<i64> {
    let invalid = || {
        Error::invalid(
            "invalid_deadline",
            "`deadline` is an RFC 3339 time after now and within 366 days.",
        )
    };
    let deadline = days::parse_rfc3339(text).ok_or_else(invalid)?;
    match deadline > now && deadline - now <= MAX_DEADLINE_SECONDS {
        true => Ok(deadline),
        false => Err(invalid()),
    }
}

/// A group's khatmahs, newest first (the running one, then its history):
/// members only.
pub async fn history(store: &Store, group: &str, user: &str) -> Result<Vec<KhatmahRow>> {
    let missing = || Error::not_found("group_not_found", "No group has this id, or it is private.");
    role_in(store, group, user, missing).await?;
    Ok(store.khatmahs_of_group(group, 100).await?)
}

/// One khatmah with its portions: members only.
pub async fn view(store: &Store, id: &str, user: &str) -> Result<View> {
    member_view(store, id, user).await?;
    load(store, id).await
}

/// The khatmah, if `user` is a member, `number` one of its portions and
/// it is running; and `user`'s role.
async fn changeable(
    store: &Store,
    (id, number): (&str, i64),
    user: &str,
) -> Result<(KhatmahRow, Role)> {
    let (khatmah, role) = member_view(store, id, user).await?;
    check_number(&khatmah, number)?;
    check_running(&khatmah)?;
    Ok((khatmah, role))
}

/// `user` claims free portion `number`.
pub async fn claim(
    store: &Store,
    id: &str,
    number: i64,
    user: &str,
) -> Result<(View, Vec<UserEvent>)> {
    changeable(store, (id, number), user).await?;
    if !store.give_portion((id, number), user, true).await? {
        return Err(Error::conflict(
            "portion_taken",
            "This portion is someone's already, or done.",
        ));
    }
    tell(store, id, "claimed", Some(number)).await
}

/// `user` gives back portion `number`, theirs and not done.
pub async fn release(
    store: &Store,
    id: &str,
    number: i64,
    user: &str,
) -> Result<(View, Vec<UserEvent>)> {
    changeable(store, (id, number), user).await?;
    if !store.release_portion((id, number), user).await? {
        return Err(Error::conflict(
            "not_your_portion",
            "This portion is not yours to give back, or it is done.",
        ));
    }
    tell(store, id, "released", Some(number)).await
}

/// An admin gives portion `number` (not done) to the member `assignee`,
/// who is notified (`khatmah_portion`) unless it is themselves.
pub async fn assign(
    store: &Store,
    (id, number): (&str, i64),
    admin: &str,
    assignee: &str,
) -> Result<(View, Vec<UserEvent>)> {
    let (khatmah, role) = changeable(store, (id, number), admin).await?;
    if !super::groups::may_administer(Some(role)) {
        return Err(not_admin());
    }
    let no_member = || Error::not_found("member_not_found", "No member of this group has this id.");
    role_in(store, &khatmah.group_id, assignee, no_member).await?;
    if !store.give_portion((id, number), assignee, false).await? {
        return Err(Error::conflict(
            "portion_done",
            "This portion is done already.",
        ));
    }
    let (view, mut events) = tell(store, id, "assigned", Some(number)).await?;
    if assignee != admin {
        let notice = notice(&view, "assigned", vec![number]);
        let to = [assignee.to_owned()];
        events.extend(
            notifications::notify(store, &to, NotificationKind::KhatmahPortion, &notice).await?,
        );
    }
    Ok((view, events))
}

fn notice(view: &View, reason: &'static str, portions: Vec<i64>) -> KhatmahNotice {
    KhatmahNotice {
        khatmah_id: view.khatmah.id.clone(),
        group_id: view.khatmah.group_id.clone(),
        group_name: view.group_name.clone(),
        reason,
        portions,
        division: view.khatmah.division,
        deadline: view.khatmah.deadline.map(days::rfc3339),
    }
}

/// Marks portion `number` done by hand: its reader or an admin. Done
/// already is no change. The last portion completes the khatmah.
pub async fn done(
    store: &Store,
    id: &str,
    number: i64,
    user: &str,
) -> Result<(View, Vec<UserEvent>)> {
    let (khatmah, role) = member_view(store, id, user).await?;
    check_number(&khatmah, number)?;
    let portions = store.khatmah_portions(id).await?;
    let portion = portions.iter().find(|p| p.number == number);
    if portion.is_some_and(|p| p.done_at.is_some()) {
        return Ok((load(store, id).await?, Vec::new()));
    }
    check_running(&khatmah)?;
    let theirs = portion
        .and_then(|p| p.assignee.as_ref())
        .is_some_and(|a| a.id == user);
    if !theirs && !super::groups::may_administer(Some(role)) {
        return Err(Error::forbidden(
            "not_your_portion",
            "Only its reader or an admin can mark this portion done.",
        ));
    }
    finish(store, id, number, DoneHow::Marked, user).await
}

/// Marks a portion done (if no one did first), tells the members, and
/// completes the khatmah if it was the last one.
async fn finish(
    store: &Store,
    id: &str,
    number: i64,
    how: DoneHow,
    by: &str,
) -> Result<(View, Vec<UserEvent>)> {
    if !store.finish_portion((id, number), how).await? {
        return Ok((load(store, id).await?, Vec::new()));
    }
    let (view, mut events) = tell(store, id, "done", Some(number)).await?;
    if view.khatmah.done < view.khatmah.total
        || !store.end_khatmah(id, KhatmahStatus::Completed).await?
    {
        return Ok((view, events));
    }
    let (view, told) = tell(store, id, "completed", None).await?;
    events.extend(told);
    events.extend(celebrate(store, &view, by).await?);
    Ok((view, events))
}

/// Posts a completed khatmah to its group's members, as its starter (or,
/// if their account is gone, the reader of its last portion).
async fn celebrate(store: &Store, view: &View, last_reader: &str) -> Result<Vec<UserEvent>> {
    let k = &view.khatmah;
    let author = k.started_by.as_deref().unwrap_or(last_reader);
    let key = format!("khatmah:{}", k.id);
    let body = format!(
        "{} completed a khatmah together (their khatmah number {}): the whole Qur'an in {} portions.",
        view.group_name, k.number, k.total
    );
    let new = NewPost {
        author,
        kind: PostKind::Milestone,
        visibility: PostVisibility::Group,
        body: &body,
        ayah: None,
        milestone: Some(("khatmah", k.number, &key)),
        group: Some(&k.group_id),
    };
    Ok(feed::publish(store, &new)
        .await?
        .map(|(_, events)| events)
        .unwrap_or_default())
}

/// Cancels the running khatmah: admins only.
pub async fn cancel(store: &Store, id: &str, user: &str) -> Result<(View, Vec<UserEvent>)> {
    let (khatmah, role) = member_view(store, id, user).await?;
    if !super::groups::may_administer(Some(role)) {
        return Err(not_admin());
    }
    check_running(&khatmah)?;
    if !store.end_khatmah(id, KhatmahStatus::Cancelled).await? {
        return Err(Error::conflict(
            "khatmah_over",
            "This khatmah is over: it was completed or cancelled.",
        ));
    }
    tell(store, id, "cancelled", None).await
}

/// After a push stored `user`'s reading: each unfinished portion of
/// theirs whose every ayah they read since its khatmah started is done.
/// Cheap when they hold none (one indexed read).
pub async fn after_reading(store: &Store, user: &str) -> Result<Vec<UserEvent>> {
    let mut events = Vec::new();
    for open in store.open_portions(user).await? {
        let Some((first, last)) = portion_range(open.division, open.number) else {
            continue;
        };
        let surahs = (i64::from(first.surah()), i64::from(last.surah()));
        let ranges = store
            .read_ranges_since(user, open.started_at, surahs)
            .await?;
        if covered((first, last), &ranges) {
            let (_, told) =
                finish(store, &open.khatmah_id, open.number, DoneHow::Reading, user).await?;
            events.extend(told);
        }
    }
    Ok(events)
}

/// Reminds the readers of unfinished portions of each running khatmah
/// whose deadline is less than [`REMIND_BEFORE_SECONDS`] away, once: the
/// events to publish.
pub async fn remind(store: &Store, now: i64) -> Result<Vec<UserEvent>> {
    let mut events = Vec::new();
    for k in store
        .khatmahs_to_remind(now, REMIND_BEFORE_SECONDS, BATCH)
        .await?
    {
        if !store.claim_khatmah_reminder(&k.id).await? {
            continue;
        }
        let view = load(store, &k.id).await?;
        let mut readers: Vec<(&str, Vec<i64>)> = Vec::new();
        for p in view.portions.iter().filter(|p| p.done_at.is_none()) {
            let Some(reader) = p.assignee.as_ref() else {
                continue;
            };
            match readers.iter_mut().find(|(id, _)| *id == reader.id) {
                Some((_, numbers)) => numbers.push(p.number),
                None => readers.push((&reader.id, vec![p.number])),
            }
        }
        for (reader, numbers) in readers {
            let data = notice(&view, "deadline", numbers);
            let to = [reader.to_owned()];
            events.extend(
                notifications::notify(store, &to, NotificationKind::KhatmahPortion, &data).await?,
            );
        }
        tracing::info!(khatmah = %k.id, "khatmah deadline reminded");
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_division_splits_the_whole_quran_into_portions_without_gaps() {
        for division in [Division::Juz, Division::Hizb] {
            let count = portion_count(division);
            let mut next = 0u16;
            for n in 1..=count {
                let (first, last) = portion_range(division, n).unwrap_or_else(|| {
                    panic!("{division} {n} exists");
                });
                assert_eq!(
                    first.index(),
                    next,
                    "{division} {n} starts where the last ended"
                );
                next = last.index() + 1;
            }
            assert_eq!(usize::from(next), quran_data::quran().ayahs().len());
            assert!(portion_range(division, count + 1).is_none());
            assert!(portion_range(division, 0).is_none());
        }
    }

    #[test]
    fn a_portion_is_covered_only_when_each_of_its_ayahs_was_read() {
        let juz30 = portion_range(Division::Juz, 30).unwrap_or_else(|| panic!("juz 30"));
        let mut ranges: Vec<stats::Range> = (78..=114)
            .map(|s| {
                let count = quran_data::quran().surah_ayahs(s).map_or(0, |a| a.len());
                (i64::from(s), 1, count as i64)
            })
            .collect();
        assert!(covered(juz30, &ranges));
        ranges[0] = (78, 2, 40);
        assert!(!covered(juz30, &ranges), "78:1 is missing");
        ranges.push((78, 1, 1));
        ranges.push((2, 1, 286));
        assert!(
            covered(juz30, &ranges),
            "reading outside the portion does not hurt"
        );
    }
}
