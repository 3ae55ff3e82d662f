//! `/leaderboard`: global, friends and group boards for today, the last
//! seven days or all time, in the viewer's time zone. Ranks are standard
//! competition ranks (equal scores share one); people who chose `hidden`
//! never appear, and the global board shows only those who chose
//! `everyone`.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::groups::{GroupId, GroupNotFound};
use super::openapi::Invalid;
use super::social::PersonOut;
use super::ValidQuery;
use crate::auth::AuthUser;
use crate::error::{Error, Result};
use crate::progress;
use crate::store::{ranks, Metric, Scope};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(global))
        .routes(routes!(friends))
        .routes(routes!(group))
}

/// `?period=today|week|all_time&metric=hasanat|ayahs|pages|minutes&limit=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    /// `today`, `week` (the last seven local days) or `all_time` (the
    /// default); ignored on a competition's board.
    pub period: Option<String>,
    /// `hasanat` (the default), `ayahs`, `pages` or `minutes`; a
    /// competition's board always counts its own metric.
    pub metric: Option<String>,
    /// 1 to 100; 50 by default.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub rank: i64,
    #[serde(flatten)]
    pub user: PersonOut,
    /// In the metric's unit: Hasanat, ayahs, pages (two decimals) or whole
    /// minutes.
    pub score: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Board {
    pub period: String,
    pub metric: &'static str,
    /// Start and end (RFC 3339) of the counted span; none for all time.
    pub from: Option<String>,
    pub to: Option<String>,
    pub entries: Vec<Entry>,
    /// The viewer's own place, if they appear on this board.
    pub me: Option<Entry>,
}

pub fn parse_metric(name: Option<&str>, default: Metric) -> Result<Metric> {
    match name {
        None => Ok(default),
        Some(name) => Metric::parse(name).ok_or_else(|| {
            Error::invalid(
                "invalid_metric",
                "`metric` is hasanat, ayahs, pages or minutes.",
            )
        }),
    }
}

/// A stored score in the metric's unit.
fn display(metric: Metric, score: i64) -> f64 {
    match metric {
        Metric::Pages => (score as f64 / 10.0).round() / 100.0,
        Metric::Minutes => (score / 60) as f64,
        Metric::Hasanat | Metric::Ayahs => score as f64,
    }
}

/// The span `period` names for a viewer: today and the last seven days
/// begin at local midnight in their time zone.
async fn window_for(
    state: &AppState,
    viewer: &str,
    period: Option<&str>,
) -> Result<(String, Option<(i64, i64)>)> {
    let period = period.unwrap_or("all_time");
    let days_back = match period {
        "all_time" => return Ok(("all_time".into(), None)),
        "today" => 0,
        "week" => 6,
        _ => {
            return Err(Error::invalid(
                "invalid_period",
                "`period` is today, week or all_time.",
            ))
        }
    };
    let zone = match state.store.user_by_id(viewer).await? {
        Some(user) => progress::zone_or_utc(&user.time_zone),
        None => jiff::tz::TimeZone::UTC,
    };
    let now = state.clock.now();
    Ok((
        period.into(),
        Some((progress::local_day_start(now, &zone, days_back), i64::MAX)),
    ))
}

/// A window's bound as RFC 3339; none for the open end.
fn bound(second: i64) -> Option<String> {
    (second != i64::MAX).then(|| progress::rfc3339(second))
}

/// One board: the top entries and the viewer's own place.
pub async fn board(
    state: &AppState,
    viewer: &str,
    scope: Scope<'_>,
    metric: Metric,
    (period, window): (String, Option<(i64, i64)>),
    limit: Option<i64>,
) -> Result<Board> {
    let limit = usize::try_from(super::limit(limit, 50)?).unwrap_or(50);
    let standings = state.store.board(scope, metric, window).await?;
    let scores: Vec<i64> = standings.iter().map(|s| s.score).collect();
    let ranked = ranks(&scores);
    let entry = |index: usize| {
        standings.get(index).map(|s| Entry {
            rank: ranked.get(index).copied().unwrap_or(0),
            user: s.person.clone().into(),
            score: display(metric, s.score),
        })
    };
    let entries: Vec<Entry> = (0..standings.len().min(limit)).filter_map(entry).collect();
    let me = standings
        .iter()
        .position(|s| s.person.id == viewer)
        .and_then(entry);
    Ok(Board {
        period,
        metric: metric.name(),
        from: window.and_then(|(start, _)| bound(start)),
        to: window.and_then(|(_, end)| bound(end)),
        entries,
        me,
    })
}

/// A board for a scope from the usual query.
pub async fn board_from_query(
    state: &AppState,
    viewer: &str,
    scope: Scope<'_>,
    query: BoardQuery,
) -> Result<Board> {
    let metric = parse_metric(query.metric.as_deref(), Metric::Hasanat)?;
    let window = window_for(state, viewer, query.period.as_deref()).await?;
    board(state, viewer, scope, metric, window, query.limit).await
}

/// The global board: people who chose to be seen by everyone.
#[utoipa::path(
    get,
    path = "/leaderboard/global",
    params(BoardQuery),
    responses((status = 200, description = "The board.", body = Board), Invalid),
)]
async fn global(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    Ok(Json(
        board_from_query(&state, &user.id, Scope::Global, query).await?,
    ))
}

/// The board of the signed-in user and their friends.
#[utoipa::path(
    get,
    path = "/leaderboard/friends",
    operation_id = "friends_leaderboard",
    params(BoardQuery),
    responses((status = 200, description = "The board.", body = Board), Invalid),
)]
async fn friends(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    Ok(Json(
        board_from_query(&state, &user.id, Scope::Friends(&user.id), query).await?,
    ))
}

/// A group's board (the same as `/groups/{group_id}/leaderboard`).
#[utoipa::path(
    get,
    path = "/leaderboard/group/{group_id}",
    params(GroupId, BoardQuery),
    responses((status = 200, description = "The board.", body = Board), GroupNotFound, Invalid),
)]
async fn group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(GroupId { group_id }): Path<GroupId>,
    ValidQuery(query): ValidQuery<BoardQuery>,
) -> Result<Json<Board>> {
    super::groups::readable(&state, &group_id, &user.id).await?;
    Ok(Json(
        board_from_query(&state, &user.id, Scope::Group(&group_id), query).await?,
    ))
}
