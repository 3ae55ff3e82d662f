//! `/calendar` (rules in `domain::calendar`, computed by core's own
//! code, as the app): the prayer times of a day at a place, and the Hijri
//! date. No sign-in: they concern no one's data.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ValidQuery;
use crate::domain::calendar;
use crate::error::{ErrorBody, Result};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(prayer_times))
        .routes(routes!(hijri))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PlaceQuery {
    /// Latitude, -90 to 90 (north positive).
    lat: f64,
    /// Longitude, -180 to 180 (east positive).
    lon: f64,
    /// The place's IANA time zone (`Asia/Riyadh`).
    tz: String,
    /// `muslim_world_league` (the default), `isna`, `egypt`,
    /// `umm_al_qura`, `karachi`, `dubai`, `kuwait`, `qatar`, `singapore`,
    /// `turkey`, `tehran` or `moonsighting_committee`.
    method: Option<String>,
    /// `YYYY-MM-DD`; today at the place by default.
    date: Option<String>,
}

/// One of the day's times.
#[derive(Debug, Serialize, ToSchema)]
struct TimeOut {
    /// `fajr`, `sunrise`, `dhuhr`, `asr`, `maghrib` or `isha`.
    prayer: &'static str,
    /// RFC 3339, UTC.
    at: String,
    /// The wall-clock time at the place, `YYYY-MM-DDTHH:MM:SS`.
    local: String,
}

#[derive(Debug, Serialize, ToSchema)]
struct PrayerTimesOut {
    /// `YYYY-MM-DD`.
    date: String,
    method: &'static str,
    time_zone: String,
    /// In the day's order.
    times: Vec<TimeOut>,
}

/// The prayer times of a day at a place (Shafi'i Asr, the middle of the
/// night at high latitudes), as the app computes them.
#[utoipa::path(
    get,
    path = "/calendar/prayer-times",
    operation_id = "prayer_times",
    params(PlaceQuery),
    responses(
        (status = 200, description = "The day's times.", body = PrayerTimesOut),
        (status = 422, description = "`invalid_query`, `invalid_place`, `invalid_method`, `invalid_date`, or `no_prayer_times` (the sun does not rise or set there that day).", body = ErrorBody),
    ),
)]
async fn prayer_times(
    State(state): State<AppState>,
    ValidQuery(query): ValidQuery<PlaceQuery>,
) -> Result<Json<PrayerTimesOut>> {
    let asked = calendar::Asked {
        latitude: query.lat,
        longitude: query.lon,
        time_zone: &query.tz,
        method: query.method.as_deref(),
        date: query.date.as_deref(),
    };
    let (times, method) = calendar::prayer_times(asked, state.clock.now())?;
    Ok(Json(PrayerTimesOut {
        date: times.day.to_string(),
        method: method.as_str(),
        time_zone: query.tz.trim().to_owned(),
        times: times
            .times
            .iter()
            .map(|t| TimeOut {
                prayer: t.prayer.as_str(),
                at: t.at.to_string(),
                local: t.local.to_string(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct HijriQuery {
    /// `YYYY-MM-DD`; today in `tz` by default.
    date: Option<String>,
    /// An IANA time zone for "today"; UTC by default.
    tz: Option<String>,
    /// Days to move the Umm al-Qura table's dates, -2 to 2 (0 by default),
    /// where the month is seen to begin on another day.
    offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
struct HijriOut {
    /// The Gregorian date, `YYYY-MM-DD`.
    date: String,
    /// Year AH.
    year: i32,
    /// 1 (Muharram) to 12 (Dhu al-Hijjah).
    month: u8,
    day: u8,
}

/// The Hijri date of a day (the Umm al-Qura table, as the app).
#[utoipa::path(
    get,
    path = "/calendar/hijri",
    operation_id = "hijri_date",
    params(HijriQuery),
    responses(
        (status = 200, description = "The Hijri date.", body = HijriOut),
        (status = 422, description = "`invalid_query`, `invalid_date`, `invalid_time_zone`, `invalid_offset` or `date_out_of_range`.", body = ErrorBody),
    ),
)]
async fn hijri(
    State(state): State<AppState>,
    ValidQuery(query): ValidQuery<HijriQuery>,
) -> Result<Json<HijriOut>> {
    let (day, date) = calendar::hijri(
        query.date.as_deref(),
        query.tz.as_deref(),
        query.offset,
        state.clock.now(),
    )?;
    Ok(Json(HijriOut {
        date: day.to_string(),
        year: date.year,
        month: date.month,
        day: date.day,
    }))
}
