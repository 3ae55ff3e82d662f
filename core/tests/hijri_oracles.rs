//! Umm al-Qura dates against three published sources
//! (tests/oracles/hijri, see the README there): every pair that is not a
//! known exception must convert both ways, Gregorian to Hijri and back.

use companion_core::daily::hijri::{day_of_hijri, hijri_of, HijriDate, HijriOffset};
use companion_core::habit::Day;
use serde_json::Value;

const FILES: [(&str, &str); 3] = [
    (
        "kfupm_comparison_calendar",
        include_str!("oracles/hijri/kfupm_comparison_calendar.json"),
    ),
    (
        "ummalqura_calendar_website",
        include_str!("oracles/hijri/ummalqura_calendar_website.json"),
    ),
    (
        "ummalqura_newspaper_issues",
        include_str!("oracles/hijri/ummalqura_newspaper_issues.json"),
    ),
];

fn triple(value: &Value) -> (i64, i64, i64) {
    let part = |i: usize| value[i].as_i64().expect("a number");
    (part(0), part(1), part(2))
}

#[test]
fn umm_al_qura_dates_match_every_published_pair_both_ways() {
    let none = HijriOffset::default();
    for (name, json) in FILES {
        let entries: Vec<Value> = serde_json::from_str(json).expect("oracle JSON");
        let mut checked = 0;
        for entry in &entries {
            let fields = entry.as_array().expect("an entry is a list");
            if fields.iter().any(|f| f == &Value::Bool(false)) {
                continue; // a known exception of the source
            }
            let pair = &fields[0];
            let (hy, hm, hd) = triple(&pair[0]);
            let (gy, gm, gd) = triple(&pair[1]);
            let hijri = HijriDate {
                year: i32::try_from(hy).expect("year"),
                month: u8::try_from(hm).expect("month"),
                day: u8::try_from(hd).expect("day"),
            };
            let day = Day::from_civil(
                i32::try_from(gy).expect("year"),
                u32::try_from(gm).expect("month"),
                u32::try_from(gd).expect("day"),
            )
            .expect("a valid Gregorian date");
            assert_eq!(hijri_of(day, none), Some(hijri), "{name}: {day} → Hijri");
            assert_eq!(
                day_of_hijri(hijri, none),
                Some(day),
                "{name}: {hijri:?} → Gregorian"
            );
            checked += 1;
        }
        assert!(checked > 300, "{name}: only {checked} pairs checked");
        eprintln!("{name}: {checked} pairs match both ways");
    }
}
