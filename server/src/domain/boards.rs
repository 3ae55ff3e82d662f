//! Leaderboards: global, friends, group and competition boards for today,
//! the last seven local days, all time or a competition's window. Ranks
//! are standard competition ranks (equal scores share one). Who a board
//! ranks and how it scores is one store query per board; the sorted boards
//! are kept in `board_cache` (per-scope generations, patched by pushes,
//! never older than [`BOARD_TTL`]).

use std::future::Future;
use std::time::Duration;

use jiff::tz::TimeZone;

use super::{days, Error, Result};
use crate::kinds::Metric;
use crate::store::{Scope, Standing, Store};

pub use super::board_cache::BoardCache;

/// How long a cached board may be served when nothing changed on this node.
pub const BOARD_TTL: Duration = Duration::from_secs(5);

/// The span a board counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Since local midnight.
    Today,
    /// The last seven local days, today included.
    Week,
    AllTime,
    /// A competition's own `[start, end)`.
    Competition(i64, i64),
}

impl Period {
    /// From the `period` of a board query; all time when absent.
    pub fn parse(name: Option<&str>) -> Result<Period> {
        match name.unwrap_or("all_time") {
            "all_time" => Ok(Period::AllTime),
            "today" => Ok(Period::Today),
            "week" => Ok(Period::Week),
            _ => Err(Error::invalid(
                "invalid_period",
                "`period` is today, week or all_time.",
            )),
        }
    }

    /// Its API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Week => "week",
            Period::AllTime => "all_time",
            Period::Competition(..) => "competition",
        }
    }

    /// The counted span for a viewer in `zone` at `now`: today and the week
    /// begin at local midnight and stay open; none for all time.
    pub fn window(self, now: i64, zone: &TimeZone) -> Option<(i64, i64)> {
        match self {
            Period::AllTime => None,
            Period::Today => Some((days::local_day_start(now, zone, 0), i64::MAX)),
            Period::Week => Some((days::local_day_start(now, zone, 6), i64::MAX)),
            Period::Competition(start, end) => Some((start, end)),
        }
    }

    /// Whether the span depends on the viewer's time zone.
    fn is_local(self) -> bool {
        matches!(self, Period::Today | Period::Week)
    }
}

/// A metric from its API name; hasanat when absent.
pub fn metric(name: Option<&str>) -> Result<Metric> {
    name.map_or(Ok(Metric::Hasanat), |name| {
        name.parse().map_err(|_| {
            Error::invalid(
                "invalid_metric",
                "`metric` is hasanat, ayahs, pages or minutes.",
            )
        })
    })
}

/// Standard competition ranks ("1224"): equal scores share a rank, and the
/// next rank skips as many places as shared it.
pub fn ranks(scores: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(scores.len());
    for (index, score) in scores.iter().enumerate() {
        let rank = match (index, out.last()) {
            (i, Some(&last)) if scores.get(i - 1) == Some(score) => last,
            _ => index as i64 + 1,
        };
        out.push(rank);
    }
    out
}

/// A place on a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub rank: i64,
    /// The score is in the metric's stored unit.
    pub standing: Standing,
}

/// One board as a viewer sees it.
#[derive(Debug, Clone)]
pub struct Board {
    pub period: Period,
    pub metric: Metric,
    /// The counted span; none for all time, `i64::MAX` for an open end.
    pub window: Option<(i64, i64)>,
    /// The top places.
    pub entries: Vec<Ranked>,
    /// The viewer's own place, if they appear on this board.
    pub me: Option<Ranked>,
}

/// What a board query asks for, unchecked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ask<'a> {
    pub period: Option<&'a str>,
    pub metric: Option<&'a str>,
    pub limit: Option<i64>,
}

/// The board of `scope` a query asks for. `zone` (the viewer's time zone)
/// is awaited only for a period that needs it.
pub async fn asked(
    store: &Store,
    cache: &BoardCache,
    viewer: &str,
    scope: Scope<'_>,
    ask: Ask<'_>,
    (now, zone): (i64, impl Future<Output = Result<TimeZone>>),
) -> Result<Board> {
    let metric = metric(ask.metric)?;
    let period = Period::parse(ask.period)?;
    let zone = if period.is_local() {
        zone.await?
    } else {
        TimeZone::UTC
    };
    let window = period.window(now, &zone);
    board(
        store,
        cache,
        viewer,
        scope,
        (metric, period, window),
        ask.limit,
    )
    .await
}

/// One board: the top `limit` places (50 by default) and the viewer's own.
pub async fn board(
    store: &Store,
    cache: &BoardCache,
    viewer: &str,
    scope: Scope<'_>,
    (metric, period, window): (Metric, Period, Option<(i64, i64)>),
    limit: Option<i64>,
) -> Result<Board> {
    let limit = usize::try_from(super::limit(limit, 50)?).unwrap_or(50);
    let standings = cache.standings(store, scope, metric, window).await?;
    let scores: Vec<i64> = standings.iter().map(|s| s.score).collect();
    let ranked = ranks(&scores);
    let place = |index: usize| {
        standings.get(index).map(|s| Ranked {
            rank: ranked.get(index).copied().unwrap_or(0),
            standing: s.clone(),
        })
    };
    Ok(Board {
        period,
        metric,
        window,
        entries: (0..standings.len().min(limit)).filter_map(place).collect(),
        me: standings
            .iter()
            .position(|s| s.person.id == viewer)
            .and_then(place),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_scores_share_a_rank_and_the_next_rank_skips() {
        assert_eq!(
            ranks(&[50, 40, 40, 10, 10, 10, 0]),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
        assert_eq!(ranks(&[]), Vec::<i64>::new());
        assert_eq!(ranks(&[5, 5]), vec![1, 1]);
    }

    #[test]
    fn periods_start_at_local_midnight_and_all_time_has_no_window() {
        let zone = TimeZone::get("Asia/Riyadh").unwrap_or(TimeZone::UTC);
        let noon = 1_795_251_600; // 2026-11-21 12:00 in Riyadh (09:00 UTC)
        let today = Period::parse(Some("today"))
            .ok()
            .and_then(|p| p.window(noon, &zone));
        assert_eq!(
            today,
            Some((noon - 12 * 3600, i64::MAX)),
            "midnight in Riyadh"
        );
        let week = Period::parse(Some("week"))
            .ok()
            .and_then(|p| p.window(noon, &zone));
        assert_eq!(week, Some((noon - 12 * 3600 - 6 * 86_400, i64::MAX)));
        assert_eq!(
            Period::parse(None).ok().map(|p| p.window(noon, &zone)),
            Some(None)
        );
        assert_eq!(
            Period::parse(Some("month")).err().and_then(|e| e.code()),
            Some("invalid_period")
        );
    }

    #[test]
    fn metrics_default_to_hasanat_and_unknown_ones_are_refused() {
        assert_eq!(metric(None).ok(), Some(Metric::Hasanat));
        assert_eq!(metric(Some("pages")).ok(), Some(Metric::Pages));
        assert_eq!(
            metric(Some("Pages")).err().and_then(|e| e.code()),
            Some("invalid_metric")
        );
    }
}
