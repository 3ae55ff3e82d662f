//! Where the sun is: the low-precision solar coordinates and the rising,
//! transit and setting algorithm of Jean Meeus, *Astronomical Algorithms*
//! (2nd ed., chapters 12, 13, 15, 22, 25). Times are hours after 0h UT of
//! the day asked for, possibly negative or over 24; the caller turns them
//! into instants.
//!
//! Pure floating-point arithmetic: no clock, no time zone.

use crate::habit::Day;

/// The sun's altitude at sunrise and sunset: its upper limb on the
/// horizon with standard refraction (−50′).
const HORIZON: f64 = -50.0 / 60.0;

/// The sun at one place on one day, with what the hour-angle search needs.
#[derive(Debug, Clone, Copy)]
pub(super) struct SolarDay {
    latitude: f64,
    longitude: f64,
    /// Approximate transit as a fraction of the day (Meeus's m0).
    approx_transit: f64,
    sidereal: f64,
    today: Equatorial,
    yesterday: Equatorial,
    tomorrow: Equatorial,
    /// Hours after 0h UT.
    pub(super) transit: f64,
    /// Hours after 0h UT, `None` when the sun does not rise (polar night
    /// or midnight sun).
    pub(super) sunrise: Option<f64>,
    pub(super) sunset: Option<f64>,
}

/// The sun's apparent equatorial coordinates at 0h UT, in degrees, and
/// the apparent sidereal time at Greenwich then.
#[derive(Debug, Clone, Copy)]
struct Equatorial {
    declination: f64,
    right_ascension: f64,
    sidereal: f64,
}

impl SolarDay {
    pub(super) fn new(day: Day, latitude: f64, longitude: f64) -> SolarDay {
        let jd = julian_day(day);
        let today = Equatorial::at(jd);
        let yesterday = Equatorial::at(jd - 1.0);
        let tomorrow = Equatorial::at(jd + 1.0);
        // Meeus (15.2) with the longitude measured positive eastwards.
        let approx_transit =
            ((today.right_ascension - longitude - today.sidereal) / 360.0).rem_euclid(1.0);
        let mut sun = SolarDay {
            latitude,
            longitude,
            approx_transit,
            sidereal: today.sidereal,
            today,
            yesterday,
            tomorrow,
            transit: 0.0,
            sunrise: None,
            sunset: None,
        };
        sun.transit = sun.corrected_transit();
        sun.sunrise = sun.hour_angle(HORIZON, false);
        sun.sunset = sun.hour_angle(HORIZON, true);
        sun
    }

    /// The sun's declination on this day at 0h UT, in degrees.
    pub(super) fn declination(&self) -> f64 {
        self.today.declination
    }

    fn corrected_transit(&self) -> f64 {
        let m0 = self.approx_transit;
        let theta = self.sidereal + 360.985_647 * m0;
        let alpha = interpolate_angles(
            self.today.right_ascension,
            self.yesterday.right_ascension,
            self.tomorrow.right_ascension,
            m0,
        );
        let hour_angle = signed_angle(theta + self.longitude - alpha);
        (m0 - hour_angle / 360.0) * 24.0
    }

    /// When the sun's centre is at `altitude` degrees, before or after
    /// transit; `None` when it never gets there that day.
    pub(super) fn hour_angle(&self, altitude: f64, after_transit: bool) -> Option<f64> {
        let phi = self.latitude.to_radians();
        let delta = self.today.declination.to_radians();
        let cos_h0 =
            (altitude.to_radians().sin() - phi.sin() * delta.sin()) / (phi.cos() * delta.cos());
        if !cos_h0.is_finite() || !(-1.0..=1.0).contains(&cos_h0) {
            return None;
        }
        let h0 = cos_h0.acos().to_degrees();
        let m = if after_transit {
            self.approx_transit + h0 / 360.0
        } else {
            self.approx_transit - h0 / 360.0
        };
        let theta = self.sidereal + 360.985_647 * m;
        let alpha = interpolate_angles(
            self.today.right_ascension,
            self.yesterday.right_ascension,
            self.tomorrow.right_ascension,
            m,
        );
        let delta = interpolate(
            self.today.declination,
            self.yesterday.declination,
            self.tomorrow.declination,
            m,
        )
        .to_radians();
        let h = (theta + self.longitude - alpha).to_radians();
        let altitude_now = (phi.sin() * delta.sin() + phi.cos() * delta.cos() * h.cos())
            .asin()
            .to_degrees();
        let correction = (altitude_now - altitude) / (360.0 * delta.cos() * phi.cos() * h.sin());
        let hours = (m + correction) * 24.0;
        hours.is_finite().then_some(hours)
    }
}

impl Equatorial {
    /// Meeus chapters 12, 22 and 25 (low precision, about 0.01°).
    fn at(jd: f64) -> Equatorial {
        let t = (jd - 2_451_545.0) / 36_525.0;
        let t2 = t * t;
        let t3 = t2 * t;
        let mean_longitude = degrees(280.466_456_7 + 36_000.769_83 * t + 0.000_303_2 * t2);
        let moon_longitude = degrees(218.316_5 + 481_267.881_3 * t);
        let node = degrees(125.044_52 - 1_934.136_261 * t + 0.002_070_8 * t2 + t3 / 450_000.0);
        let anomaly = degrees(357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t2);
        let centre = (1.914_602 - 0.004_817 * t - 0.000_014 * t2) * sin(anomaly)
            + (0.019_993 - 0.000_101 * t) * sin(2.0 * anomaly)
            + 0.000_289 * sin(3.0 * anomaly);
        let apparent_longitude = mean_longitude + centre - 0.005_69 - 0.004_78 * sin(node);
        let mean_obliquity =
            23.439_291_1 - 0.013_004_166_7 * t - 0.000_000_163_9 * t2 + 0.000_000_503_6 * t3;
        let apparent_obliquity = mean_obliquity + 0.002_56 * cos(node);
        let declination = (sin(apparent_obliquity) * sin(apparent_longitude))
            .asin()
            .to_degrees();
        let right_ascension = degrees(
            (cos(apparent_obliquity) * sin(apparent_longitude))
                .atan2(cos(apparent_longitude))
                .to_degrees(),
        );
        let mean_sidereal = degrees(
            280.460_618_37 + 360.985_647_366_29 * (jd - 2_451_545.0) + 0.000_387_933 * t2
                - t3 / 38_710_000.0,
        );
        // Nutation in longitude and obliquity (Meeus 22), arcseconds.
        let nutation_longitude = (-17.20 * sin(node)
            - 1.32 * sin(2.0 * mean_longitude)
            - 0.23 * sin(2.0 * moon_longitude)
            + 0.21 * sin(2.0 * node))
            / 3600.0;
        let nutation_obliquity = (9.20 * cos(node)
            + 0.57 * cos(2.0 * mean_longitude)
            + 0.10 * cos(2.0 * moon_longitude)
            - 0.09 * cos(2.0 * node))
            / 3600.0;
        let sidereal =
            mean_sidereal + nutation_longitude * cos(mean_obliquity + nutation_obliquity);
        Equatorial {
            declination,
            right_ascension,
            sidereal,
        }
    }
}

/// The Julian day at 0h UT of `day`.
fn julian_day(day: Day) -> f64 {
    f64::from(day.0) + 2_440_587.5
}

fn sin(degrees: f64) -> f64 {
    degrees.to_radians().sin()
}

fn cos(degrees: f64) -> f64 {
    degrees.to_radians().cos()
}

/// An angle in 0..360.
fn degrees(angle: f64) -> f64 {
    angle.rem_euclid(360.0)
}

/// An angle in −180..180.
fn signed_angle(angle: f64) -> f64 {
    let a = degrees(angle);
    if a > 180.0 {
        a - 360.0
    } else {
        a
    }
}

/// Meeus (3.3): the value at `n` days from `y2`, given the values a day
/// before (`y1`) and after (`y3`).
fn interpolate(y2: f64, y1: f64, y3: f64, n: f64) -> f64 {
    let a = y2 - y1;
    let b = y3 - y2;
    let c = b - a;
    y2 + n / 2.0 * (a + b + n * c)
}

/// [`interpolate`] for an angle that may wrap past 360° between the days.
fn interpolate_angles(y2: f64, y1: f64, y3: f64, n: f64) -> f64 {
    let a = degrees(y2 - y1);
    let b = degrees(y3 - y2);
    let c = b - a;
    y2 + n / 2.0 * (a + b + n * c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solar_coordinates_match_meeus_example_25a() {
        // Meeus example 25.a: 1992 October 13.0 TD, declination −7°47′06″,
        // right ascension 13h13m31.4s (198.38083°).
        let day = Day::from_civil(1992, 10, 13).unwrap();
        let sun = Equatorial::at(julian_day(day));
        assert!(
            (sun.declination - (-7.785_07)).abs() < 0.01,
            "{}",
            sun.declination
        );
        assert!(
            (sun.right_ascension - 198.380_83).abs() < 0.01,
            "{}",
            sun.right_ascension
        );
    }

    #[test]
    fn sidereal_time_matches_meeus_example_12a() {
        // Meeus example 12.a: 1987 April 10, 0h UT, apparent sidereal
        // time 13h10m46.1351s = 197.69223°.
        let day = Day::from_civil(1987, 4, 10).unwrap();
        let sun = Equatorial::at(julian_day(day));
        assert!(
            (sun.sidereal - 197.692_23).abs() < 0.001,
            "{}",
            sun.sidereal
        );
    }

    #[test]
    fn the_sun_does_not_rise_at_the_pole_in_winter_nor_set_in_summer() {
        let winter = SolarDay::new(Day::from_civil(2026, 12, 21).unwrap(), 89.0, 0.0);
        assert_eq!((winter.sunrise, winter.sunset), (None, None));
        let summer = SolarDay::new(Day::from_civil(2026, 6, 21).unwrap(), 89.0, 0.0);
        assert_eq!((summer.sunrise, summer.sunset), (None, None));
        assert!(summer.transit.is_finite(), "the sun always transits");
    }
}
