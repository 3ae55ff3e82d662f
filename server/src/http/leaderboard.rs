//! `/leaderboard`: global, friends and group boards for today, the last
//! seven days or all time, in the viewer's time zone (rules and cache in
//! `domain::boards`); people who chose `hidden` never appear, and the
//! global board shows only those who chose `everyone`.

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
use crate::domain::boards::{self, Ranked};
use crate::domain::{days, groups};
use crate::error::Result;
use crate::kinds::Metric;
use crate::store::Scope;
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

/// A stored score in the metric's unit.
fn display(metric: Metric, score: i64) -> f64 {
    match metric {
        Metric::Pages => (score as f64 / 10.0).round() / 100.0,
        Metric::Minutes => (score / 60) as f64,
        Metric::Hasanat | Metric::Ayahs => score as f64,
    }
}

/// A window's bound as RFC 3339; none for the open end.
fn bound(second: i64) -> Option<String> {
    (second != i64::MAX).then(|| days::rfc3339(second))
}

/// A board as the API shows it.
pub fn board_out(board: boards::Board) -> Board {
    let metric = board.metric;
    let entry = |place: Ranked| Entry {
        rank: place.rank,
        user: place.standing.person.into(),
        score: display(metric, place.standing.score),
    };
    Board {
        period: board.period.as_str().to_owned(),
        metric: metric.as_str(),
        from: board.window.and_then(|(start, _)| bound(start)),
        to: board.window.and_then(|(_, end)| bound(end)),
        entries: board.entries.into_iter().map(entry).collect(),
        me: board.me.map(entry),
    }
}

/// A board for a scope from the usual query; the viewer's time zone is
/// read only for a period that needs it.
pub async fn board_from_query(
    state: &AppState,
    viewer: &AuthUser,
    scope: Scope<'_>,
    query: BoardQuery,
) -> Result<Board> {
    let ask = boards::Ask {
        period: query.period.as_deref(),
        metric: query.metric.as_deref(),
        limit: query.limit,
    };
    let now = state.clock.now();
    let zone = viewer.time_zone_or_utc(&state.store);
    let board = boards::asked(
        &state.store,
        &state.boards,
        &viewer.id,
        scope,
        ask,
        (now, zone),
    )
    .await?;
    Ok(board_out(board))
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
        board_from_query(&state, &user, Scope::Global, query).await?,
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
        board_from_query(&state, &user, Scope::Friends(&user.id), query).await?,
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
    let scope = groups::board_scope(&state.store, &group_id, &user.id).await?;
    Ok(Json(board_from_query(&state, &user, scope, query).await?))
}
