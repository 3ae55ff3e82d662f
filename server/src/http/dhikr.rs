//! `/dhikr` (rules in `domain::dhikr`): the recommended adhkar from the
//! app's catalogue, and rounds of dhikr (recorded as `dhikr_session` sync
//! events, as the app sends them).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use companion_core::daily::dhikr::Dhikr;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::Invalid;
use super::{Paging, ValidJson, ValidQuery};
use crate::auth::AuthUser;
use crate::domain::{days, dhikr};
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(recommended))
        .routes(routes!(record))
        .routes(routes!(sessions))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct OccasionQuery {
    /// `after_prayer`, `morning` or `evening`; every list when absent.
    occasion: Option<String>,
}

/// One dhikr of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
struct DhikrOut {
    /// Stable id.
    id: &'static str,
    arabic: &'static str,
    transliteration: &'static str,
    /// The meaning in English.
    meaning: &'static str,
    /// How many times the hadith recommends saying it.
    count: u32,
    /// The hadith that recommends it, e.g. `Sahih Muslim 596`.
    source: String,
}

impl From<&Dhikr> for DhikrOut {
    fn from(d: &Dhikr) -> DhikrOut {
        DhikrOut {
            id: d.id,
            arabic: d.arabic,
            transliteration: d.transliteration,
            meaning: d.meaning,
            count: d.count,
            source: d.source.to_string(),
        }
    }
}

/// The adhkar of one occasion, in the order they are said.
#[derive(Debug, Serialize, ToSchema)]
struct OccasionList {
    /// `after_prayer`, `morning` or `evening`.
    occasion: &'static str,
    adhkar: Vec<DhikrOut>,
}

#[derive(Debug, Serialize, ToSchema)]
struct Recommended {
    lists: Vec<OccasionList>,
}

/// The recommended adhkar (the app's own catalogue, each with its hadith).
#[utoipa::path(
    get,
    path = "/dhikr/recommended",
    operation_id = "recommended_dhikr",
    params(OccasionQuery),
    responses(
        (status = 200, description = "The lists.", body = Recommended),
        (status = 422, description = "`invalid_occasion`.", body = ErrorBody),
    ),
)]
async fn recommended(
    _user: AuthUser,
    ValidQuery(query): ValidQuery<OccasionQuery>,
) -> Result<Json<Recommended>> {
    let lists = dhikr::recommended(query.occasion.as_deref())?;
    Ok(Json(Recommended {
        lists: lists
            .into_iter()
            .map(|(occasion, adhkar)| OccasionList {
                occasion: dhikr::occasion_name(occasion),
                adhkar: adhkar.iter().map(DhikrOut::from).collect(),
            })
            .collect(),
    }))
}

/// A round of dhikr, as the app's sync event has it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RoundIn {
    /// `after_prayer`, `morning`, `evening` or `free` (the tasbih counter).
    kind: String,
    /// 1 to 100,000.
    count: i64,
    /// Whether the list (or the counter's target) was finished.
    completed: bool,
    /// RFC 3339.
    start_time: String,
    /// RFC 3339; at most 12 hours after the start, not in the future.
    end_time: String,
}

#[derive(Debug, Serialize, ToSchema)]
struct RoundOut {
    /// Its sync event's id.
    id: String,
    kind: &'static str,
    count: i64,
    completed: bool,
    start_time: String,
    end_time: String,
}

impl From<&dhikr::Round> for RoundOut {
    fn from(r: &dhikr::Round) -> RoundOut {
        RoundOut {
            id: r.id.clone(),
            kind: r.kind.as_str(),
            count: r.count,
            completed: r.completed,
            start_time: days::rfc3339(r.start),
            end_time: days::rfc3339(r.end),
        }
    }
}

/// Records a round of dhikr (a `dhikr_session` sync event, which the
/// user's devices pull).
#[utoipa::path(
    post,
    path = "/dhikr/session",
    operation_id = "record_dhikr_session",
    request_body = RoundIn,
    responses(
        (status = 201, description = "Recorded.", body = RoundOut),
        (status = 422, description = "`invalid_kind`, `invalid_count`, `invalid_time` or `future_time`.", body = ErrorBody),
    ),
)]
async fn record(
    State(state): State<AppState>,
    user: AuthUser,
    ValidJson(request): ValidJson<RoundIn>,
) -> Result<(StatusCode, Json<RoundOut>)> {
    let new = dhikr::NewRound {
        kind: &request.kind,
        count: request.count,
        completed: request.completed,
        start_time: &request.start_time,
        end_time: &request.end_time,
    };
    let round = dhikr::record(&state.store, &user.id, new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(RoundOut::from(&round))))
}

#[derive(Debug, Serialize, ToSchema)]
struct RoundList {
    /// Newest first.
    sessions: Vec<RoundOut>,
    /// Counts in all rounds ever.
    total_count: i64,
}

/// The signed-in user's rounds of dhikr from every device, newest first.
#[utoipa::path(
    get,
    path = "/dhikr/sessions",
    operation_id = "dhikr_sessions",
    params(Paging),
    responses((status = 200, description = "A page of rounds.", body = RoundList), Invalid),
)]
async fn sessions(
    State(state): State<AppState>,
    user: AuthUser,
    ValidQuery(page): ValidQuery<Paging>,
) -> Result<Json<RoundList>> {
    let all = dhikr::rounds(&state.store, &user.id).await?;
    Ok(Json(RoundList {
        total_count: all.iter().map(|r| r.count).sum(),
        sessions: page.slice(&all)?.iter().map(RoundOut::from).collect(),
    }))
}
