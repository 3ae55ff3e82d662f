//! The calculation settings: the published methods of the authorities,
//! the Asr madhab, the high-latitude rule and the reader's own minute
//! adjustments.

use serde::{Deserialize, Serialize};

/// A calculation method: the twilight angles (or intervals) an authority
/// publishes, with the minute offsets it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Muslim World League: Fajr 18°, Isha 17°.
    MuslimWorldLeague,
    /// Islamic Society of North America: Fajr and Isha 15°.
    Isna,
    /// Egyptian General Authority of Survey: Fajr 19.5°, Isha 17.5°.
    Egypt,
    /// Umm al-Qura University, Makkah: Fajr 18.5°, Isha 90 minutes after
    /// Maghrib (120 in Ramadan: add 30 to Isha's adjustment then).
    UmmAlQura,
    /// University of Islamic Sciences, Karachi: Fajr and Isha 18°.
    Karachi,
    /// The UAE's General Authority of Islamic Affairs: 18.2°, with offsets.
    Dubai,
    /// Kuwait: Fajr 18°, Isha 17.5°.
    Kuwait,
    /// Qatar: Fajr 18°, Isha 90 minutes after Maghrib.
    Qatar,
    /// Majlis Ugama Islam Singapura (also Malaysia, Indonesia, Brunei):
    /// Fajr 20°, Isha 18°, times rounded up.
    Singapore,
    /// Diyanet, Turkey: Fajr 18°, Isha 17°, with offsets.
    Turkey,
    /// Institute of Geophysics, University of Tehran: Fajr 17.7°, Isha 14°,
    /// Maghrib 4.5°.
    Tehran,
    /// Moonsighting Committee Worldwide (Khalid Shaukat): 18° bounded by
    /// seasonal limits, one seventh of the night above 55°.
    MoonsightingCommittee,
}

/// Which shadow length marks the start of Asr.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Madhab {
    /// Shafi'i, Maliki and Hanbali: an object's shadow equals its length
    /// (plus the noon shadow).
    #[default]
    Shafii,
    /// Hanafi: twice its length.
    Hanafi,
}

/// How Fajr and Isha are bounded where twilight lasts all night (high
/// latitudes in summer): never earlier (Fajr) or later (Isha) than this
/// share of the night from sunrise or sunset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HighLatitudeRule {
    /// Half of the night.
    #[default]
    MiddleOfTheNight,
    /// One seventh of the night.
    SeventhOfTheNight,
    /// The twilight angle over 60 of the night (18° → 18/60).
    TwilightAngle,
}

/// Minutes added to each time (negative for earlier), as a mosque's
/// timetable may differ from the calculation. Each is clamped to
/// ±[`Adjustments::MAX_MINUTES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Adjustments {
    pub fajr: i32,
    pub sunrise: i32,
    pub dhuhr: i32,
    pub asr: i32,
    pub maghrib: i32,
    pub isha: i32,
}

impl Adjustments {
    /// The largest adjustment taken, in minutes either way.
    pub const MAX_MINUTES: i32 = 120;

    const fn new(fajr: i32, sunrise: i32, dhuhr: i32, asr: i32, maghrib: i32, isha: i32) -> Self {
        Adjustments {
            fajr,
            sunrise,
            dhuhr,
            asr,
            maghrib,
            isha,
        }
    }
}

/// The rounding of the final times to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rounding {
    Nearest,
    Up,
}

/// How Isha is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Isha {
    Angle(f64),
    /// Minutes after Maghrib.
    Interval(i64),
}

/// A method's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Params {
    pub(super) fajr_angle: f64,
    pub(super) isha: Isha,
    pub(super) maghrib_angle: Option<f64>,
    pub(super) offsets: Adjustments,
    pub(super) rounding: Rounding,
}

impl Method {
    pub const ALL: [Method; 12] = [
        Method::MuslimWorldLeague,
        Method::Isna,
        Method::Egypt,
        Method::UmmAlQura,
        Method::Karachi,
        Method::Dubai,
        Method::Kuwait,
        Method::Qatar,
        Method::Singapore,
        Method::Turkey,
        Method::Tehran,
        Method::MoonsightingCommittee,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::MuslimWorldLeague => "muslim_world_league",
            Method::Isna => "isna",
            Method::Egypt => "egypt",
            Method::UmmAlQura => "umm_al_qura",
            Method::Karachi => "karachi",
            Method::Dubai => "dubai",
            Method::Kuwait => "kuwait",
            Method::Qatar => "qatar",
            Method::Singapore => "singapore",
            Method::Turkey => "turkey",
            Method::Tehran => "tehran",
            Method::MoonsightingCommittee => "moonsighting_committee",
        }
    }

    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// The angles and offsets each authority publishes (the same numbers
    /// the Adhan project uses, so its reference timetables apply).
    pub(super) fn params(self) -> Params {
        let angles = |fajr: f64, isha: f64, offsets: Adjustments| Params {
            fajr_angle: fajr,
            isha: Isha::Angle(isha),
            maghrib_angle: None,
            offsets,
            rounding: Rounding::Nearest,
        };
        let dhuhr_plus_one = Adjustments::new(0, 0, 1, 0, 0, 0);
        let none = Adjustments::default();
        match self {
            Method::MuslimWorldLeague => angles(18.0, 17.0, dhuhr_plus_one),
            Method::Isna => angles(15.0, 15.0, dhuhr_plus_one),
            Method::Egypt => angles(19.5, 17.5, dhuhr_plus_one),
            Method::Karachi => angles(18.0, 18.0, dhuhr_plus_one),
            Method::UmmAlQura => Params {
                isha: Isha::Interval(90),
                ..angles(18.5, 0.0, none)
            },
            Method::Dubai => angles(18.2, 18.2, Adjustments::new(0, -3, 3, 3, 3, 0)),
            Method::Kuwait => angles(18.0, 17.5, none),
            Method::Qatar => Params {
                isha: Isha::Interval(90),
                ..angles(18.0, 0.0, none)
            },
            Method::Singapore => Params {
                rounding: Rounding::Up,
                ..angles(20.0, 18.0, dhuhr_plus_one)
            },
            Method::Turkey => angles(18.0, 17.0, Adjustments::new(0, -7, 5, 4, 7, 0)),
            Method::Tehran => Params {
                maghrib_angle: Some(4.5),
                ..angles(17.7, 14.0, none)
            },
            Method::MoonsightingCommittee => angles(18.0, 18.0, Adjustments::new(0, 0, 5, 0, 3, 0)),
        }
    }
}

impl Madhab {
    /// The shadow length, in object lengths, that starts Asr.
    pub(super) fn shadow(self) -> f64 {
        match self {
            Madhab::Shafii => 1.0,
            Madhab::Hanafi => 2.0,
        }
    }
}

impl HighLatitudeRule {
    /// The shares of the night that bound Fajr and Isha.
    pub(super) fn night_portions(self, params: &Params) -> (f64, f64) {
        match self {
            HighLatitudeRule::MiddleOfTheNight => (0.5, 0.5),
            HighLatitudeRule::SeventhOfTheNight => (1.0 / 7.0, 1.0 / 7.0),
            HighLatitudeRule::TwilightAngle => {
                let isha = match params.isha {
                    Isha::Angle(angle) => angle,
                    Isha::Interval(_) => 0.0,
                };
                (params.fajr_angle / 60.0, isha / 60.0)
            }
        }
    }

    /// The rule for a latitude when the reader has not chosen one: the
    /// seventh of the night beyond 48°, where twilight can last all night.
    pub fn recommended(latitude: f64) -> HighLatitudeRule {
        if latitude.abs() > 48.0 {
            HighLatitudeRule::SeventhOfTheNight
        } else {
            HighLatitudeRule::MiddleOfTheNight
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_round_trips_through_its_name() {
        for method in Method::ALL {
            assert_eq!(Method::parse(method.as_str()), Some(method));
            let json = serde_json::to_string(&method).unwrap();
            assert_eq!(
                json,
                format!("\"{}\"", method.as_str()),
                "serde uses the same name"
            );
        }
        assert_eq!(Method::parse("mwl"), None);
    }
}
