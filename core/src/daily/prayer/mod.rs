//! Prayer times computed on the device for a place and a day: the
//! published calculation methods, the Asr madhab, the high-latitude rules
//! and per-prayer minute adjustments; the next prayer and its countdown
//! from a "now" the caller passes in.
//!
//! The astronomy ([`sun`]) follows Meeus; the rules that turn it into
//! prayer times follow what the authorities publish, as the Adhan project
//! documents them, and are checked against official timetables in
//! `core/tests/prayer_oracles.rs`. Never reads the clock.

mod method;
mod season;
mod sun;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use self::method::{Adjustments, HighLatitudeRule, Madhab, Method};
use self::method::{Isha, Rounding};
use self::sun::SolarDay;
use super::{day_of, Place};
use crate::habit::Day;
use crate::{Error, Result};

/// The five prayers and sunrise (the end of Fajr's time), in the day's
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prayer {
    Fajr,
    Sunrise,
    Dhuhr,
    Asr,
    Maghrib,
    Isha,
}

impl Prayer {
    pub const ALL: [Prayer; 6] = [
        Prayer::Fajr,
        Prayer::Sunrise,
        Prayer::Dhuhr,
        Prayer::Asr,
        Prayer::Maghrib,
        Prayer::Isha,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Prayer::Fajr => "fajr",
            Prayer::Sunrise => "sunrise",
            Prayer::Dhuhr => "dhuhr",
            Prayer::Asr => "asr",
            Prayer::Maghrib => "maghrib",
            Prayer::Isha => "isha",
        }
    }

    /// Whether this is one of the five prayers (sunrise is not).
    pub fn is_prayer(self) -> bool {
        self != Prayer::Sunrise
    }
}

/// How the reader wants the times computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrayerSettings {
    pub method: Method,
    #[serde(default)]
    pub madhab: Madhab,
    #[serde(default)]
    pub high_latitude_rule: HighLatitudeRule,
    #[serde(default)]
    pub adjustments: Adjustments,
}

impl PrayerSettings {
    /// A method with the Shafi'i Asr, the middle-of-the-night rule and no
    /// adjustments.
    pub fn new(method: Method) -> Self {
        PrayerSettings {
            method,
            madhab: Madhab::default(),
            high_latitude_rule: HighLatitudeRule::default(),
            adjustments: Adjustments::default(),
        }
    }
}

/// One time of the day, as an instant and as the place's wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrayerTime {
    pub prayer: Prayer,
    pub at: Timestamp,
    /// The civil time at the place (its zone's offset at that instant).
    pub local: DateTime,
}

/// The six times of one day at one place, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrayerTimes {
    pub day: Day,
    pub times: [PrayerTime; 6],
}

impl PrayerTimes {
    /// The instant of `prayer`.
    pub fn at(&self, prayer: Prayer) -> Timestamp {
        self.times[prayer as usize].at
    }

    /// The first of the five prayers (not sunrise) strictly after `now`.
    pub fn next_after(&self, now: Timestamp) -> Option<PrayerTime> {
        self.times
            .iter()
            .copied()
            .find(|t| t.prayer.is_prayer() && t.at > now)
    }
}

/// The next prayer and how long until it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextPrayer {
    pub time: PrayerTime,
    /// The local day whose timetable it belongs to.
    pub day: Day,
    /// Whole seconds from "now" until it (always positive).
    pub seconds_left: i64,
}

/// Years whose times are computed: the solar formulas are good for
/// centuries around 2000, and the zone database for far less.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2300;

/// The prayer times of `day` at `place`.
///
/// Fails with [`Error::NoPrayerTimes`] when the sun does not rise or set
/// there that day (beyond the polar circles) or the day is outside
/// 1800–2300.
pub fn prayer_times(place: &Place, day: Day, settings: &PrayerSettings) -> Result<PrayerTimes> {
    let zone = place.zone()?;
    let instants = compute(place.latitude(), place.longitude(), day, settings)
        .ok_or(Error::NoPrayerTimes { day })?;
    let mut times = [PrayerTime {
        prayer: Prayer::Fajr,
        at: Timestamp::UNIX_EPOCH,
        local: DateTime::default(),
    }; 6];
    for (slot, (prayer, seconds)) in times.iter_mut().zip(Prayer::ALL.into_iter().zip(instants)) {
        let at = Timestamp::from_second(seconds).map_err(|_| Error::NoPrayerTimes { day })?;
        *slot = PrayerTime {
            prayer,
            at,
            local: zone.to_datetime(at),
        };
    }
    Ok(PrayerTimes { day, times })
}

/// The next of the five prayers after `now` at `place`, looking at the
/// local day of `now` and the days either side (Isha can fall after
/// midnight at high latitudes). Days without times (polar) are skipped.
pub fn next_prayer(place: &Place, settings: &PrayerSettings, now: Timestamp) -> Result<NextPrayer> {
    let zone: TimeZone = place.zone()?;
    let today = day_of(now, &zone);
    let mut last_error = Error::NoPrayerTimes { day: today };
    for day in [today.plus(-1), today, today.plus(1), today.plus(2)] {
        match prayer_times(place, day, settings) {
            Ok(times) => {
                if let Some(time) = times.next_after(now) {
                    return Ok(NextPrayer {
                        time,
                        day,
                        seconds_left: time.at.as_second() - now.as_second(),
                    });
                }
            }
            Err(error) => last_error = error,
        }
    }
    Err(last_error)
}

/// The six times as Unix seconds, or `None` where the sun does not rise
/// or set.
fn compute(latitude: f64, longitude: f64, day: Day, settings: &PrayerSettings) -> Option<[i64; 6]> {
    if !YEARS.contains(&day.civil().0) {
        return None;
    }
    let params = settings.method.params();
    let sun = SolarDay::new(day, latitude, longitude);
    let tomorrow = SolarDay::new(day.plus(1), latitude, longitude);
    let midnight = i64::from(day.0) * 86_400;
    let tomorrow_midnight = midnight + 86_400;
    // Whole seconds, truncated, as the reference implementation does.
    let instant = |base: i64, hours: f64| base + (hours * 3600.0).floor() as i64;

    let sunrise = instant(midnight, sun.sunrise?);
    let sunset = instant(midnight, sun.sunset?);
    let night = instant(tomorrow_midnight, tomorrow.sunrise?) - sunset;
    let transit = instant(midnight, sun.transit);
    let asr = {
        let shadow = settings.madhab.shadow();
        let noon_shadow = (latitude - sun.declination()).abs().to_radians().tan();
        let altitude = (1.0 / (shadow + noon_shadow)).atan().to_degrees();
        instant(midnight, sun.hour_angle(altitude, true)?)
    };

    let moonsighting = settings.method == Method::MoonsightingCommittee;
    let (fajr_portion, isha_portion) = settings.high_latitude_rule.night_portions(&params);
    let portion = |share: f64| (share * night as f64) as i64;

    let mut fajr = sun
        .hour_angle(-params.fajr_angle, false)
        .map(|hours| instant(midnight, hours));
    if moonsighting && latitude >= 55.0 {
        fajr = Some(sunrise - night / 7);
    }
    let safe_fajr = if moonsighting {
        sunrise - season::morning_seconds(latitude, day)
    } else {
        sunrise - portion(fajr_portion)
    };
    let fajr = fajr.filter(|&f| f >= safe_fajr).unwrap_or(safe_fajr);

    let isha = match params.isha {
        Isha::Interval(minutes) => sunset + minutes * 60,
        Isha::Angle(angle) => {
            let mut isha = sun
                .hour_angle(-angle, true)
                .map(|hours| instant(midnight, hours));
            if moonsighting && latitude >= 55.0 {
                isha = Some(sunset + night / 7);
            }
            let safe_isha = if moonsighting {
                sunset + season::evening_seconds(latitude, day)
            } else {
                sunset + portion(isha_portion)
            };
            isha.filter(|&i| i <= safe_isha).unwrap_or(safe_isha)
        }
    };

    let mut maghrib = sunset;
    if let Some(angle) = params.maghrib_angle {
        if let Some(hours) = sun.hour_angle(-angle, true) {
            let by_angle = instant(midnight, hours);
            if sunset < by_angle && isha > by_angle {
                maghrib = by_angle;
            }
        }
    }

    let user = settings.adjustments;
    let offsets = params.offsets;
    let finish = |seconds: i64, method_minutes: i32, user_minutes: i32| {
        let user_minutes = user_minutes.clamp(-Adjustments::MAX_MINUTES, Adjustments::MAX_MINUTES);
        let adjusted = seconds + i64::from(method_minutes + user_minutes) * 60;
        round_to_minute(adjusted, params.rounding)
    };
    Some([
        finish(fajr, offsets.fajr, user.fajr),
        finish(sunrise, offsets.sunrise, user.sunrise),
        finish(transit, offsets.dhuhr, user.dhuhr),
        finish(asr, offsets.asr, user.asr),
        finish(maghrib, offsets.maghrib, user.maghrib),
        finish(isha, offsets.isha, user.isha),
    ])
}

fn round_to_minute(seconds: i64, rounding: Rounding) -> i64 {
    let within = seconds.rem_euclid(60);
    let down = seconds - within;
    match rounding {
        Rounding::Nearest if within >= 30 => down + 60,
        Rounding::Nearest => down,
        Rounding::Up if within > 0 => down + 60,
        Rounding::Up => down,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn makkah() -> Place {
        Place::new(21.427_009, 39.828_685, "Asia/Riyadh").unwrap()
    }

    #[test]
    fn the_times_of_a_day_come_in_order() {
        let day = Day::from_civil(2026, 3, 1).unwrap();
        for method in Method::ALL {
            let times = prayer_times(&makkah(), day, &PrayerSettings::new(method)).unwrap();
            for pair in times.times.windows(2) {
                assert!(pair[0].at < pair[1].at, "{method:?}: {pair:?} out of order");
            }
        }
    }

    #[test]
    fn hanafi_asr_is_later_than_shafii() {
        let day = Day::from_civil(2026, 3, 1).unwrap();
        let shafii = prayer_times(&makkah(), day, &PrayerSettings::new(Method::UmmAlQura)).unwrap();
        let hanafi = prayer_times(
            &makkah(),
            day,
            &PrayerSettings {
                madhab: Madhab::Hanafi,
                ..PrayerSettings::new(Method::UmmAlQura)
            },
        )
        .unwrap();
        assert!(hanafi.at(Prayer::Asr) > shafii.at(Prayer::Asr));
        assert_eq!(
            hanafi.at(Prayer::Dhuhr),
            shafii.at(Prayer::Dhuhr),
            "only Asr moves"
        );
    }

    #[test]
    fn an_adjustment_moves_only_its_prayer_by_its_minutes() {
        let day = Day::from_civil(2026, 3, 1).unwrap();
        let plain = prayer_times(&makkah(), day, &PrayerSettings::new(Method::UmmAlQura)).unwrap();
        let settings = PrayerSettings {
            adjustments: Adjustments {
                isha: 30,
                ..Adjustments::default()
            },
            ..PrayerSettings::new(Method::UmmAlQura)
        };
        let ramadan = prayer_times(&makkah(), day, &settings).unwrap();
        assert_eq!(
            ramadan.at(Prayer::Isha).as_second() - plain.at(Prayer::Isha).as_second(),
            30 * 60
        );
        assert_eq!(ramadan.at(Prayer::Fajr), plain.at(Prayer::Fajr));
    }

    #[test]
    fn beyond_the_polar_circle_in_winter_there_are_no_times() {
        let tromso = Place::new(69.65, 18.96, "Europe/Oslo").unwrap();
        let day = Day::from_civil(2026, 12, 21).unwrap();
        let error = prayer_times(
            &tromso,
            day,
            &PrayerSettings::new(Method::MuslimWorldLeague),
        )
        .unwrap_err();
        assert_eq!(error.code(), "no_prayer_times");
    }

    #[test]
    fn where_twilight_lasts_all_night_fajr_and_isha_follow_the_rule() {
        // London in late June: the sun never reaches 18° below the horizon.
        let london = Place::new(51.507, -0.117, "Europe/London").unwrap();
        let day = Day::from_civil(2026, 6, 21).unwrap();
        for rule in [
            HighLatitudeRule::MiddleOfTheNight,
            HighLatitudeRule::SeventhOfTheNight,
            HighLatitudeRule::TwilightAngle,
        ] {
            let settings = PrayerSettings {
                high_latitude_rule: rule,
                ..PrayerSettings::new(Method::MuslimWorldLeague)
            };
            let times = prayer_times(&london, day, &settings).unwrap();
            assert!(
                times.at(Prayer::Fajr) < times.at(Prayer::Sunrise),
                "{rule:?}"
            );
            assert!(
                times.at(Prayer::Isha) > times.at(Prayer::Maghrib),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn after_isha_the_next_prayer_is_tomorrows_fajr() {
        let day = Day::from_civil(2026, 3, 1).unwrap();
        let settings = PrayerSettings::new(Method::UmmAlQura);
        let today = prayer_times(&makkah(), day, &settings).unwrap();
        let tomorrow = prayer_times(&makkah(), day.plus(1), &settings).unwrap();
        let after_isha = Timestamp::from_second(today.at(Prayer::Isha).as_second() + 1).unwrap();
        let next = next_prayer(&makkah(), &settings, after_isha).unwrap();
        assert_eq!(next.time.prayer, Prayer::Fajr);
        assert_eq!(next.time.at, tomorrow.at(Prayer::Fajr));
        assert_eq!(next.day, day.plus(1));
        assert_eq!(
            next.seconds_left,
            tomorrow.at(Prayer::Fajr).as_second() - after_isha.as_second()
        );
    }

    #[test]
    fn rounding_goes_to_the_nearest_minute_or_up() {
        assert_eq!(round_to_minute(89, Rounding::Nearest), 60);
        assert_eq!(round_to_minute(90, Rounding::Nearest), 120);
        assert_eq!(round_to_minute(61, Rounding::Up), 120);
        assert_eq!(round_to_minute(120, Rounding::Up), 120);
        assert_eq!(round_to_minute(-29, Rounding::Nearest), 0);
    }

    proptest! {
        #[test]
        fn the_next_prayer_is_after_now_and_no_prayer_lies_between(
            seconds in 1_500_000_000i64..2_000_000_000,
            method in 0usize..12,
        ) {
            let settings = PrayerSettings::new(Method::ALL[method]);
            let now = Timestamp::from_second(seconds).unwrap();
            let next = next_prayer(&makkah(), &settings, now).unwrap();
            prop_assert!(next.time.at > now);
            prop_assert!(next.time.prayer.is_prayer());
            prop_assert!(next.seconds_left > 0 && next.seconds_left < 86_400);
            let today = prayer_times(&makkah(), next.day, &settings).unwrap();
            for time in today.times.iter().filter(|t| t.prayer.is_prayer()) {
                prop_assert!(!(time.at > now && time.at < next.time.at), "{:?} was skipped", time);
            }
        }
    }
}
