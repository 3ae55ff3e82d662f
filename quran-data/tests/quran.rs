//! The structure of the embedded Qur'an: counts, divisions, lookups.

#![allow(clippy::unwrap_used)]

use companion_core::reference::{AYAH_COUNTS, TOTAL_AYAHS};
use companion_core::{AyahRef, Reference};
use quran_data::{hafs_boundary_lists, hafs_surah_facts, quran, Part, Revelation};

fn r(surah: u16, ayah: u16) -> AyahRef {
    AyahRef::new(surah, ayah).unwrap()
}

#[test]
fn there_are_114_surahs_and_6236_ayahs_in_mushaf_order() {
    let q = quran();
    assert_eq!(q.surahs().len(), 114);
    assert_eq!(q.ayahs().len(), usize::from(TOTAL_AYAHS));
    for (i, ayah) in q.ayahs().iter().enumerate() {
        assert_eq!(
            usize::from(ayah.reference.index()),
            i,
            "ayahs()[r.index()] is r"
        );
        assert_eq!(q.ayah(ayah.reference), ayah, "ayah(r) agrees with ayahs()");
    }
    for (i, surah) in q.surahs().iter().enumerate() {
        assert_eq!(usize::from(surah.number), i + 1, "surahs are in order");
    }
}

#[test]
fn ayah_counts_equal_the_core_table_and_quran_meta() {
    let q = quran();
    let counts: Vec<u16> = q.surahs().iter().map(|s| s.ayah_count).collect();
    assert_eq!(
        counts, AYAH_COUNTS,
        "core's AYAH_COUNTS must equal the text"
    );
    let meta: Vec<u16> = hafs_surah_facts().iter().map(|f| f.0).collect();
    assert_eq!(
        meta, AYAH_COUNTS,
        "quran-meta's SurahList must equal the text"
    );
    for surah in q.surahs() {
        let ayahs = q.surah_ayahs(surah.number).unwrap();
        assert_eq!(
            ayahs.len(),
            usize::from(surah.ayah_count),
            "surah {}",
            surah.number
        );
    }
}

#[test]
fn surah_facts_agree_between_quran_json_and_quran_meta() {
    for (surah, (_, order, meccan)) in quran().surahs().iter().zip(hafs_surah_facts()) {
        assert_eq!(surah.revelation_order, order, "surah {}", surah.number);
        let expected = if meccan {
            Revelation::Meccan
        } else {
            Revelation::Medinan
        };
        assert_eq!(surah.revelation, expected, "surah {}", surah.number);
    }
}

#[test]
fn the_surah_index_has_names_meanings_and_pages() {
    let fatihah = quran().surah(1).unwrap();
    assert_eq!(fatihah.name_arabic, "الفاتحة");
    assert_eq!(fatihah.transliteration, "Al-Fatihah");
    assert_eq!(fatihah.meaning, "The Opener");
    assert_eq!(fatihah.revelation, Revelation::Meccan);
    assert_eq!((fatihah.revelation_order, fatihah.first_page), (5, 1));
    let baqarah = quran().surah(2).unwrap();
    assert_eq!(
        (baqarah.revelation, baqarah.first_page),
        (Revelation::Medinan, 2)
    );
    assert_eq!(quran().surah(114).unwrap().first_page, 604);
    assert!(quran().surah(0).is_none() && quran().surah(115).is_none());
}

#[test]
fn the_text_is_exactly_as_the_source_ships_it() {
    // Escaped, because editors and terminals may reorder combining marks.
    let basmala = "\u{0628}\u{0650}\u{0633}\u{06e1}\u{0645}\u{0650} \u{0671}\u{0644}\u{0644}\u{0651}\u{064e}\u{0647}\u{0650} \u{0671}\u{0644}\u{0631}\u{0651}\u{064e}\u{062d}\u{06e1}\u{0645}\u{064e}\u{0670}\u{0646}\u{0650} \u{0671}\u{0644}\u{0631}\u{0651}\u{064e}\u{062d}\u{0650}\u{064a}\u{0645}\u{0650}";
    assert_eq!(quran().ayah(r(1, 1)).text, basmala);

    let file: serde_json::Value = serde_json::from_str(include_str!("../data/quran.json")).unwrap();
    let from_file: Vec<&str> = file
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|surah| surah["verses"].as_array().unwrap())
        .map(|verse| verse["text"].as_str().unwrap())
        .collect();
    let loaded: Vec<&str> = quran().ayahs().iter().map(|a| a.text.as_str()).collect();
    assert!(
        loaded == from_file,
        "every ayah's text is the file's, unchanged"
    );
}

#[test]
fn al_fatihah_has_139_letters() {
    let letters: u32 = quran()
        .surah_ayahs(1)
        .unwrap()
        .iter()
        .map(|a| a.letters)
        .sum();
    assert_eq!(
        letters, 139,
        "SPEC: Al-Fatihah has 139 letters (1,390 Hasanat)"
    );
    let hasanat: u32 = quran()
        .surah_ayahs(1)
        .unwrap()
        .iter()
        .map(|a| a.hasanat())
        .sum();
    assert_eq!(hasanat, 1390);
}

#[test]
fn every_boundary_list_has_its_count_and_covers_the_quran_without_gaps() {
    let expected = [
        ("JuzList", 30),
        ("HizbQuarterList", 240),
        ("PageList", 604),
        ("RukuList", 556),
        ("ManzilList", 7),
    ];
    for ((name, list), (expected_name, count)) in hafs_boundary_lists().into_iter().zip(expected) {
        assert_eq!(name, expected_name);
        assert_eq!(
            list.len(),
            count + 2,
            "{name}: {count} starts and two sentinels"
        );
        assert_eq!(
            (list[0], list[1]),
            (0, 1),
            "{name} starts with sentinel 0 then ayah 1"
        );
        assert_eq!(
            *list.last().unwrap(),
            TOTAL_AYAHS + 1,
            "{name} ends with sentinel 6237"
        );
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "{name} strictly increases"
        );
    }
}

fn assert_tiles_the_quran(name: &str, parts: &[Part], count: usize) {
    assert_eq!(parts.len(), count, "{name} count");
    assert_eq!(parts[0].first, r(1, 1), "{name} starts at 1:1");
    assert_eq!(parts[count - 1].last, r(114, 6), "{name} ends at 114:6");
    for (i, pair) in parts.windows(2).enumerate() {
        assert_eq!(usize::from(pair[0].number), i + 1, "{name} numbered from 1");
        assert!(
            pair[0].first <= pair[0].last,
            "{name} {} is not empty",
            pair[0].number
        );
        assert_eq!(
            pair[0].last.next(),
            Some(pair[1].first),
            "{name} {} has no gap",
            pair[0].number
        );
    }
}

#[test]
fn divisions_tile_the_whole_quran() {
    let q = quran();
    assert_tiles_the_quran("juz", q.juzs(), 30);
    assert_tiles_the_quran("hizb quarters", q.hizb_quarters(), 240);
    assert_tiles_the_quran("pages", q.pages(), 604);
    assert_tiles_the_quran("ruku", q.rukus(), 556);
    assert_tiles_the_quran("manzil", q.manzils(), 7);
}

#[test]
fn known_division_landmarks_are_where_the_mushaf_has_them() {
    let q = quran();
    assert_eq!(q.juz(1).unwrap().first, r(1, 1));
    assert_eq!(
        q.juz(30).unwrap().first,
        r(78, 1),
        "juz 'Amma starts at An-Naba"
    );
    assert!(
        q.page(604).unwrap().contains(r(114, 6)),
        "the last page holds An-Nas"
    );
    let kursi = q.ayah(r(2, 255));
    assert_eq!(
        (kursi.page, kursi.juz),
        (42, 3),
        "Ayat al-Kursi is on page 42, juz 3"
    );
    assert_eq!(q.hizb_quarter(2).unwrap().first, r(2, 26));
    assert_eq!(q.ayah(r(2, 26)).hizb(), 1);
    assert_eq!(q.ayah(r(114, 6)).hizb(), 60);
    assert_eq!(q.ayah(r(114, 6)).manzil, 7);
    assert!(q.juz(0).is_none() && q.juz(31).is_none() && q.page(605).is_none());
    assert!(q.hizb_quarter(241).is_none());
}

#[test]
fn each_ayah_knows_its_divisions() {
    let q = quran();
    for (parts, of) in [
        (
            q.juzs(),
            (|a: &quran_data::Ayah| a.juz) as fn(&quran_data::Ayah) -> u16,
        ),
        (q.hizb_quarters(), |a| a.hizb_quarter),
        (q.pages(), |a| a.page),
        (q.rukus(), |a| a.ruku),
        (q.manzils(), |a| a.manzil),
    ] {
        for part in parts {
            for ayah in q.range(part.first, part.last) {
                assert_eq!(
                    of(ayah),
                    part.number,
                    "{} in part {}",
                    ayah.reference,
                    part.number
                );
            }
        }
    }
}

#[test]
fn there_are_15_sajdahs_marked_on_their_ayahs() {
    let q = quran();
    assert_eq!(q.sajdahs().len(), 15);
    assert_eq!(
        q.sajdahs()[0],
        r(7, 206),
        "the first sajdah closes Al-A'raf"
    );
    assert_eq!(
        q.sajdahs()[14],
        r(96, 19),
        "the last sajdah closes Al-'Alaq"
    );
    let marked: Vec<AyahRef> = q
        .ayahs()
        .iter()
        .filter(|a| a.sajdah)
        .map(|a| a.reference)
        .collect();
    assert_eq!(marked, q.sajdahs(), "Ayah::sajdah agrees with sajdahs()");
}

#[test]
fn resolve_covers_each_kind_of_reference() {
    let q = quran();
    assert_eq!(q.resolve(&Reference::Surah(18)), (r(18, 1), r(18, 110)));
    assert_eq!(
        q.resolve(&Reference::Ayah(r(2, 255))),
        (r(2, 255), r(2, 255))
    );
    let range = Reference::parse("2:286-3:2").unwrap();
    assert_eq!(q.resolve(&range), (r(2, 286), r(3, 2)));
    let (first, last) = q.resolve(&range);
    let ayahs = q.range(first, last);
    assert_eq!(ayahs.len(), 3, "2:286, 3:1, 3:2");
    assert_eq!(ayahs[1].reference, r(3, 1), "ranges cross surahs");
    assert!(
        q.range(r(2, 257), r(2, 255)).is_empty(),
        "a reversed range is empty"
    );
    assert_eq!(q.range(r(1, 1), r(114, 6)).len(), 6236);
}

#[test]
fn ayah_of_the_day_changes_every_day_and_reaches_every_ayah() {
    let q = quran();
    let mut seen = vec![false; usize::from(TOTAL_AYAHS)];
    let mut previous = q.ayah_of_the_day(-1);
    for day in 0..i64::from(TOTAL_AYAHS) {
        let today = q.ayah_of_the_day(day);
        assert_ne!(today, previous, "day {day} repeats the day before");
        assert_eq!(today, q.ayah_of_the_day(day), "deterministic");
        seen[usize::from(today.index())] = true;
        previous = today;
    }
    assert!(
        seen.iter().all(|&s| s),
        "every ayah comes up within 6,236 days"
    );
    assert_ne!(
        q.ayah_of_the_day(i64::MIN),
        q.ayah_of_the_day(i64::MIN + 1),
        "extreme days"
    );
    let _ = q.ayah_of_the_day(i64::MAX);
}
