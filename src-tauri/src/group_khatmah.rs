//! A group's khatmah on the sync server, in the window's types
//! (`core::wire::group_khatmah`): the running one with its portions and
//! the earlier ones; starting one (with a deadline at the end of a local
//! day), claiming, giving back and finishing a portion, cancelling. Needs
//! an account (`account::Account::call`).

use companion_core::wire::{
    Division, GroupKhatmahView, GroupKhatmahs, PastKhatmah, PortionAction, PortionRequest,
    PortionView, StartKhatmahRequest,
};
use jiff::tz::TimeZone;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::account::Account;
use crate::chat::segment;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Deserialize)]
struct Who {
    id: String,
    display_name: String,
}

#[derive(Debug, Deserialize)]
struct Portion {
    number: u16,
    first: String,
    last: String,
    assignee: Option<Who>,
    done: bool,
}

#[derive(Debug, Deserialize)]
struct Summary {
    id: String,
    number: u32,
    division: String,
    status: String,
    deadline: Option<String>,
    ended_at: Option<String>,
    done: u32,
    total: u32,
}

#[derive(Debug, Deserialize)]
struct Khatmah {
    #[serde(flatten)]
    summary: Summary,
    portions: Vec<Portion>,
}

#[derive(Debug, Deserialize)]
struct List {
    khatmahs: Vec<Summary>,
}

/// The local day of an RFC 3339 instant.
fn local_day(instant: &str, zone: &TimeZone) -> Option<String> {
    let at: jiff::Timestamp = instant.parse().ok()?;
    Some(at.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string())
}

fn division(name: &str) -> Division {
    match name {
        "hizb" => Division::Hizb,
        _ => Division::Juz,
    }
}

fn view(k: Khatmah, me: &str, zone: &TimeZone) -> GroupKhatmahView {
    let s = k.summary;
    GroupKhatmahView {
        id: s.id,
        number: s.number,
        division: division(&s.division),
        deadline: s.deadline.as_deref().and_then(|d| local_day(d, zone)),
        status: s.status,
        done: s.done,
        total: s.total,
        portions: k
            .portions
            .into_iter()
            .map(|p| PortionView {
                number: p.number,
                first: p.first,
                last: p.last,
                mine: p.assignee.as_ref().is_some_and(|a| a.id == me),
                reader: p.assignee.map(|a| a.display_name),
                done: p.done,
            })
            .collect(),
    }
}

/// A group's khatmahs: the running one with its portions, then the rest.
pub async fn khatmahs(
    account: &Account,
    store: &Store,
    group: &str,
    (now, zone): (i64, &TimeZone),
) -> Result<GroupKhatmahs> {
    let path = format!("/groups/{}/khatmahs", segment(group)?);
    let list: List = account.call(store, (Method::GET, &path), None, now).await?;
    let me = account.user_id(store).await?.unwrap_or_default();
    let mut current = None;
    let mut past = Vec::new();
    for k in list.khatmahs {
        if k.status == "running" && current.is_none() {
            let path = format!("/khatmahs/{}", segment(&k.id)?);
            let full: Khatmah = account.call(store, (Method::GET, &path), None, now).await?;
            current = Some(view(full, &me, zone));
        } else {
            past.push(PastKhatmah {
                number: k.number,
                done: k.done,
                total: k.total,
                ended: k.ended_at.as_deref().and_then(|d| local_day(d, zone)),
                status: k.status,
            });
        }
    }
    Ok(GroupKhatmahs { current, past })
}

/// The end of local day `day` (`YYYY-MM-DD`) in `zone`, as RFC 3339.
fn end_of(day: &str, zone: &TimeZone) -> Result<String> {
    let invalid = || Error::Invalid(format!("“{day}” is not a day like 2026-12-24."));
    let date: jiff::civil::Date = day.trim().parse().map_err(|_| invalid())?;
    let end = date
        .at(23, 59, 0, 0)
        .to_zoned(zone.clone())
        .map_err(|_| invalid())?;
    Ok(end.timestamp().to_string())
}

/// Starts a khatmah in a group the reader administers.
pub async fn start(
    account: &Account,
    store: &Store,
    request: &StartKhatmahRequest,
    (now, zone): (i64, &TimeZone),
) -> Result<GroupKhatmahs> {
    let deadline = match request.deadline.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(day) => Some(end_of(day, zone)?),
        None => None,
    };
    let path = format!("/groups/{}/khatmahs", segment(&request.group)?);
    let body = json!({ "division": request.division.as_str(), "deadline": deadline });
    account
        .act(store, (Method::POST, &path), Some(body), now)
        .await?;
    khatmahs(account, store, &request.group, (now, zone)).await
}

/// Claims, gives back or marks done a portion.
pub async fn portion(
    account: &Account,
    store: &Store,
    request: &PortionRequest,
    (now, zone): (i64, &TimeZone),
) -> Result<GroupKhatmahs> {
    let base = format!(
        "/khatmahs/{}/portions/{}",
        segment(&request.khatmah)?,
        request.number
    );
    let (method, path) = match request.action {
        PortionAction::Claim => (Method::POST, format!("{base}/claim")),
        PortionAction::Release => (Method::DELETE, format!("{base}/claim")),
        PortionAction::Done => (Method::POST, format!("{base}/done")),
    };
    account.act(store, (method, &path), None, now).await?;
    khatmahs(account, store, &request.group, (now, zone)).await
}

/// Cancels a group's running khatmah (it stays in the history).
pub async fn cancel(
    account: &Account,
    store: &Store,
    (group, khatmah): (&str, &str),
    (now, zone): (i64, &TimeZone),
) -> Result<GroupKhatmahs> {
    let path = format!("/khatmahs/{}/cancel", segment(khatmah)?);
    account.act(store, (Method::POST, &path), None, now).await?;
    khatmahs(account, store, group, (now, zone)).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_deadline_day_ends_in_the_readers_zone_and_comes_back_as_that_day() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let end = end_of("2026-12-24", &tokyo).unwrap();
        assert_eq!(end, "2026-12-24T14:59:00Z");
        assert_eq!(local_day(&end, &tokyo).as_deref(), Some("2026-12-24"));
        assert_eq!(
            local_day(&end, &TimeZone::UTC).as_deref(),
            Some("2026-12-24")
        );
        assert!(end_of("24/12/2026", &tokyo).is_err());
    }
}
