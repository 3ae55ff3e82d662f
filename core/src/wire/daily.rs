//! The daily-practice part of the wire: where prayer times are computed,
//! today's times and Hijri date, and a month of both calendars.

use serde::{Deserialize, Serialize};

use crate::daily::hijri::{Countdown, HijriDate, HijriOffset, MonthGrid};
use crate::daily::prayer::{Adjustments, Method, NextPrayer, PrayerSettings, PrayerTimes};
use crate::daily::Place;
use crate::habit::Day;

/// Where prayer times are computed: a city of the bundled list, or a
/// place typed in (latitude, longitude, IANA zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceSetting {
    /// The city's GeoNames id, when it is one of the list.
    pub city: Option<u32>,
    /// What the reader calls it.
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: String,
}

impl PlaceSetting {
    /// The place, if its coordinates and zone are valid.
    pub fn place(&self) -> Option<Place> {
        Place::new(self.latitude, self.longitude, &self.time_zone).ok()
    }
}

/// Prayer times and the Hijri calendar, as the reader set them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DailySettings {
    /// No place: no prayer times (the app never guesses a location).
    pub place: Option<PlaceSetting>,
    pub prayer: PrayerSettings,
    pub hijri_offset: HijriOffset,
}

impl Default for DailySettings {
    fn default() -> Self {
        Self {
            place: None,
            prayer: PrayerSettings::new(Method::MuslimWorldLeague),
            hijri_offset: HijriOffset::default(),
        }
    }
}

impl DailySettings {
    /// Every field in range: a place that is not valid is forgotten, and
    /// each adjustment is at most two hours either way.
    pub fn sanitized(mut self) -> Self {
        if self.place.as_ref().is_some_and(|p| p.place().is_none()) {
            self.place = None;
        }
        let clamp = |m: i32| m.clamp(-Adjustments::MAX_MINUTES, Adjustments::MAX_MINUTES);
        let a = &mut self.prayer.adjustments;
        for m in [
            &mut a.fajr,
            &mut a.sunrise,
            &mut a.dhuhr,
            &mut a.asr,
            &mut a.maghrib,
            &mut a.isha,
        ] {
            *m = clamp(*m);
        }
        self
    }
}

/// Today, for home: the Hijri date with the countdowns, and the prayer
/// times with the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyView {
    /// The reader's local day.
    pub day: Day,
    /// `None` outside the Umm al-Qura table (1343–1500 AH).
    pub hijri: Option<HijriDate>,
    pub countdowns: Vec<Countdown>,
    /// The place's name, when one is set.
    pub place: Option<String>,
    /// Today's times at the place (its own local day).
    pub prayers: Option<PrayerTimes>,
    pub next: Option<NextPrayer>,
    /// A place is set but the sun gives no times there today (beyond the
    /// polar circles).
    pub no_times: bool,
}

/// A Gregorian month to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRequest {
    pub year: i32,
    pub month: u32,
}

/// A month in both calendars, the reading days in it, and its prayer
/// times when a place is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarMonthView {
    pub year: i32,
    pub month: u32,
    pub today: Day,
    pub grid: MonthGrid,
    /// Days of the month whose streak minimum was met.
    pub read: Vec<Day>,
    /// One row a day (days without times, polar, are left out).
    pub prayers: Vec<PrayerTimes>,
}
