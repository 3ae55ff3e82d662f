//! The bundled cities: a place for prayer times without a location
//! service. Each has English and Arabic names, coordinates, an IANA time
//! zone and the calculation method usual there; searchable by name in
//! either language, ignoring case, accents and Arabic diacritics.
//!
//! The list is `cities.tsv`, compiled in (see its header and
//! ATTRIBUTION.md for the sources). It is parsed once, on first use.

use std::sync::OnceLock;

use serde::Serialize;

use super::prayer::{Method, PrayerSettings};
use super::Place;
use crate::{arabic, latin, Result};

const DATA: &str = include_str!("cities.tsv");

/// One city of the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct City {
    /// The GeoNames id: stable, for storing the reader's choice.
    pub id: u32,
    pub name: &'static str,
    pub name_ar: &'static str,
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: &'static str,
    /// The method the authorities there publish times by (a suggestion).
    pub method: Method,
    /// Other English names (`Mecca` for `Makkah`).
    pub also: Vec<&'static str>,
}

impl City {
    /// The city as a place for prayer times.
    pub fn place(&self) -> Result<Place> {
        Place::new(self.latitude, self.longitude, self.time_zone)
    }

    /// The suggested settings: the city's method with the defaults.
    pub fn settings(&self) -> PrayerSettings {
        PrayerSettings::new(self.method)
    }
}

/// Every city, in the list's order (by country, largest first).
pub fn all() -> &'static [City] {
    static CITIES: OnceLock<Vec<City>> = OnceLock::new();
    CITIES.get_or_init(|| parse(DATA).unwrap_or_default())
}

/// The city with this GeoNames id.
pub fn by_id(id: u32) -> Option<&'static City> {
    all().iter().find(|city| city.id == id)
}

/// Cities whose name (English, another English name, or Arabic) matches
/// `query`, best first: whole name, then start of the name, then start of
/// a word, then anywhere; at most `limit`.
pub fn search(query: &str, limit: usize) -> Vec<&'static City> {
    let arabic_query = query.chars().any(arabic::is_arabic_script);
    let key = if arabic_query {
        arabic::normalize(query)
    } else {
        latin::fold(query)
    };
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, usize, &'static City)> = all()
        .iter()
        .enumerate()
        .filter_map(|(order, city)| {
            let rank = if arabic_query {
                rank(&arabic::normalize(city.name_ar), &key)
            } else {
                std::iter::once(city.name)
                    .chain(city.also.iter().copied())
                    .filter_map(|name| rank(&latin::fold(name), &key))
                    .min()
            }?;
            Some((rank, order, city))
        })
        .collect();
    found.sort_by_key(|&(rank, order, _)| (rank, order));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, city)| city)
        .collect()
}

/// 0 for the whole name, 1 for its start, 2 for a word's start, 3 for
/// anywhere; `None` for no match.
fn rank(name: &str, key: &str) -> Option<u8> {
    if name == key {
        Some(0)
    } else if name.starts_with(key) {
        Some(1)
    } else if name
        .match_indices(key)
        .any(|(at, _)| name[..at].ends_with([' ', '-', '\'']))
    {
        Some(2)
    } else if name.contains(key) {
        Some(3)
    } else {
        None
    }
}

/// Reads the list; `None` if any line is malformed (a test proves none
/// is).
fn parse(text: &'static str) -> Option<Vec<City>> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [id, name, name_ar, country, latitude, longitude, time_zone, method, also] =
                fields[..]
            else {
                return None;
            };
            Some(City {
                id: id.parse().ok()?,
                name,
                name_ar,
                country,
                latitude: latitude.parse().ok()?,
                longitude: longitude.parse().ok()?,
                time_zone,
                method: Method::parse(method)?,
                also: also.split(';').filter(|a| !a.is_empty()).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_line_parses_into_a_valid_place_and_none_repeats() {
        let lines = DATA.lines().filter(|l| !l.starts_with('#')).count();
        let cities = parse(DATA).expect("every line of cities.tsv parses");
        assert_eq!(cities.len(), lines);
        assert!(
            cities.len() >= 200,
            "at least 200 cities, found {}",
            cities.len()
        );
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for city in &cities {
            city.place()
                .unwrap_or_else(|e| panic!("{}: {e}", city.name));
            assert!(ids.insert(city.id), "{} twice", city.id);
            assert!(
                names.insert((city.name, city.country)),
                "{} twice in {}",
                city.name,
                city.country
            );
            assert!(
                city.name_ar
                    .chars()
                    .all(|c| c == ' ' || arabic::is_arabic_script(c)),
                "{}: {:?} is not in Arabic script",
                city.name,
                city.name_ar
            );
            assert_eq!(city.country.len(), 2);
        }
    }

    #[test]
    fn every_country_with_a_large_muslim_population_has_a_city() {
        let countries: BTreeSet<&str> = all().iter().map(|c| c.country).collect();
        for country in [
            "ID", "PK", "IN", "BD", "NG", "EG", "IR", "TR", "DZ", "SD", "IQ", "MA", "ET", "AF",
            "SA", "UZ", "YE", "NE", "SY", "MY", "ML", "SN", "TZ", "TN", "SO", "BF", "GN", "KZ",
            "AZ", "JO", "TD", "CN", "RU", "LY", "TJ", "KG", "TM", "CI", "CM", "AE", "KW", "QA",
            "BH", "OM", "LB", "PS", "BA", "AL", "XK", "MV", "BN", "DJ", "KM", "MR", "GM", "SL",
            "GB", "FR", "DE", "US", "CA",
        ] {
            assert!(countries.contains(country), "no city in {country}");
        }
    }

    #[test]
    fn search_ignores_case_accents_and_diacritics_in_both_languages() {
        let first = |query: &str| search(query, 5).first().map(|c| c.name);
        assert_eq!(
            first("mecca"),
            Some("Makkah"),
            "an older English name finds it"
        );
        assert_eq!(first("MAKKAH"), Some("Makkah"));
        assert_eq!(first("urumqi"), Some("Ürümqi"), "accents are ignored");
        assert_eq!(first("مكة"), Some("Makkah"));
        assert_eq!(first("الْقَاهِرَة"), Some("Cairo"), "diacritics are ignored");
        assert_eq!(
            first("القاهره"),
            Some("Cairo"),
            "ة and ه are one letter for search"
        );
        assert_eq!(
            first("york"),
            Some("New York City"),
            "a word inside the name"
        );
        assert!(search("   ", 5).is_empty());
        assert!(search("zzzz", 5).is_empty());
        assert_eq!(search("a", 3).len(), 3, "the limit holds");
    }

    #[test]
    fn tripoli_is_found_in_both_countries_and_by_id() {
        let tripolis: Vec<&str> = search("Tripoli", 10).iter().map(|c| c.country).collect();
        assert!(
            tripolis.contains(&"LY") && tripolis.contains(&"LB"),
            "{tripolis:?}"
        );
        let makkah = search("Makkah", 1)[0];
        assert_eq!(by_id(makkah.id), Some(makkah));
        assert_eq!(makkah.method, Method::UmmAlQura);
    }
}
