//! Search over the Arabic text and the translations.

#![allow(clippy::unwrap_used)]

#[path = "search/spelling.rs"]
mod spelling;

use companion_core::{AyahRef, Error};
use quran_data::{search, SearchField, SearchOptions, SearchResults, MAX_QUERY_CHARS};

fn all(query: &str) -> SearchResults {
    search(
        query,
        &SearchOptions {
            translation: None,
            limit: usize::MAX,
        },
    )
    .unwrap()
}

fn in_language(query: &str, code: &str) -> SearchResults {
    let options = SearchOptions {
        translation: Some(code.to_owned()),
        limit: usize::MAX,
    };
    search(query, &options).unwrap()
}

fn refs(results: &SearchResults) -> Vec<AyahRef> {
    let mut refs: Vec<AyahRef> = results.hits.iter().map(|h| h.reference).collect();
    refs.sort();
    refs
}

fn r(surah: u16, ayah: u16) -> AyahRef {
    AyahRef::new(surah, ayah).unwrap()
}

#[test]
fn arabic_with_and_without_diacritics_finds_the_same_ayahs() {
    let plain = all("الرحمن");
    let vowelled = all("ٱلرَّحۡمَٰنِ");
    // 48 ayahs contain الرحمن, and 8 more its form after the preposition,
    // للرحمن (19:26, 19:44, 19:91, 19:92, 20:108, 25:26, 43:17, 43:81),
    // counted independently of this code with grep over the normalized text.
    assert_eq!(plain.total, 56, "ayahs containing الرحمن or للرحمن");
    assert_eq!(refs(&plain), refs(&vowelled), "diacritics must not matter");
    assert!(plain.hits.iter().all(|h| h.field == SearchField::Arabic));
    assert!(refs(&plain).contains(&r(1, 1)));
}

#[test]
fn arabic_phrase_finds_the_basmala_first() {
    let results = all("بسم الله");
    assert_eq!(
        results.hits[0].reference,
        r(1, 1),
        "the basmala opens the mushaf"
    );
    assert!(
        refs(&results).contains(&r(27, 30)),
        "the basmala inside An-Naml"
    );
}

#[test]
fn alef_and_hamza_variants_find_the_same_ayahs() {
    assert_eq!(
        refs(&all("اله")),
        refs(&all("إله")),
        "alef with hamza below"
    );
    assert_eq!(refs(&all("ايمان")), refs(&all("إيمان")));
    assert_eq!(refs(&all("مومن")), refs(&all("مؤمن")), "hamza on waw");
    assert!(all("إله").total > 0);
}

#[test]
fn ayat_al_kursi_is_found_from_its_opening_words() {
    let results = all("الله لا إله إلا هو الحي القيوم");
    let top: Vec<AyahRef> = results.hits.iter().take(2).map(|h| h.reference).collect();
    assert!(
        top.contains(&r(2, 255)),
        "2:255 ranks at the top, got {top:?}"
    );
}

#[test]
fn every_word_must_appear_and_phrases_rank_above_scattered_words() {
    let results = all("merciful especially");
    assert!(results.total > 0);
    for hit in &results.hits {
        let text = hit.text.to_lowercase();
        assert!(
            text.contains("merciful") && text.contains("especially"),
            "{}",
            hit.reference
        );
    }
    let phrase = all("especially merciful");
    assert_eq!(
        phrase.hits[0].reference,
        r(1, 1),
        "the contiguous phrase ranks first"
    );

    // 69 ayahs have all three words, 64 of them as this contiguous phrase.
    let results = all("forgiving and merciful");
    assert_eq!(results.total, 69);
    let is_phrase = |text: &str| text.to_lowercase().contains("forgiving and merciful");
    assert!(
        results.hits[..64].iter().all(|h| is_phrase(&h.text)),
        "phrases first"
    );
    assert!(
        results.hits[64..].iter().all(|h| !is_phrase(&h.text)),
        "scattered last"
    );
    assert!(results.hits[63].score > results.hits[64].score);
}

#[test]
fn whole_word_matches_rank_above_matches_inside_words() {
    let results = all("lord");
    let first_partial = results.hits.iter().position(|h| {
        !h.text
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "lord")
    });
    if let Some(p) = first_partial {
        assert!(
            results.hits[p..]
                .iter()
                .all(|h| h.score <= results.hits[p].score),
            "after the first substring-only match no whole-word match follows"
        );
        assert!(p > 0, "whole-word matches come first");
    }
}

#[test]
fn ties_keep_mushaf_order() {
    let results = all("Allah");
    for pair in results.hits.windows(2) {
        if pair[0].score == pair[1].score {
            assert!(
                pair[0].reference < pair[1].reference,
                "{} before {}",
                pair[0].reference,
                pair[1].reference
            );
        }
    }
}

#[test]
fn translation_search_ignores_case() {
    let lower = all("merciful");
    assert!(lower.total > 100);
    assert_eq!(refs(&lower), refs(&all("MERCIFUL")));
    assert_eq!(refs(&lower), refs(&all("Merciful")));
    assert!(lower
        .hits
        .iter()
        .all(|h| h.field == SearchField::Translation));
}

#[test]
fn french_search_ignores_accents() {
    let accented = in_language("Miséricordieux", "fr");
    let plain = in_language("misericordieux", "fr");
    assert!(accented.total > 100, "found {}", accented.total);
    assert_eq!(refs(&accented), refs(&plain));
    let hit = &plain.hits[0];
    let (start, end) = hit.highlights[0];
    assert_eq!(
        hit.text[start..end].to_lowercase(),
        "miséricordieux",
        "highlight in the accented original"
    );
}

#[test]
fn a_query_that_matches_nothing_returns_total_zero() {
    let results = all("xylophonequark");
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
    assert_eq!(all("ظظظظظ").total, 0);
}

#[test]
fn empty_and_blank_queries_are_rejected() {
    for query in ["", "   ", "\t\n", "\u{0}\u{7}", "۞", "..."] {
        let err = search(query, &SearchOptions::default()).unwrap_err();
        assert_eq!(err, Error::EmptyQuery, "query {query:?}");
    }
}

#[test]
fn a_ten_kilobyte_query_is_too_long() {
    let query = "a".repeat(10_000);
    let err = search(&query, &SearchOptions::default()).unwrap_err();
    assert_eq!(
        err,
        Error::QueryTooLong {
            max: MAX_QUERY_CHARS
        }
    );
    let just_fits = "ab ".repeat(66) + "ab";
    assert!(
        search(&just_fits, &SearchOptions::default()).is_ok(),
        "200 characters are fine"
    );
    let padded = format!("   {}   ", "a".repeat(MAX_QUERY_CHARS));
    assert!(
        search(&padded, &SearchOptions::default()).is_ok(),
        "the limit applies after trimming"
    );
}

#[test]
fn control_characters_do_not_crash_and_separate_words() {
    let results = search(
        "merciful\u{0}\u{1b}[31mlord\u{7f}",
        &SearchOptions::default(),
    )
    .unwrap();
    assert!(
        !results.query.chars().any(char::is_control),
        "query as searched is clean"
    );
    let _ = search("\u{202e}الله\u{200d}", &SearchOptions::default()).unwrap();
}

#[test]
fn an_unknown_translation_is_an_error() {
    let options = SearchOptions {
        translation: Some("xx".into()),
        limit: 10,
    };
    let err = search("mercy", &options).unwrap_err();
    assert_eq!(err.code(), "unknown_translation");
}

#[test]
fn the_limit_caps_hits_but_not_total() {
    let options = SearchOptions {
        translation: None,
        limit: 5,
    };
    let results = search("الله", &options).unwrap();
    assert_eq!(results.hits.len(), 5);
    assert!(
        results.total > 1000,
        "Allah is named in over a thousand ayahs"
    );
    let everything = all("الله");
    assert_eq!(everything.total, results.total);
    assert_eq!(
        &everything.hits[..5],
        &results.hits[..],
        "the same best five"
    );
}

#[test]
fn arabic_highlights_cover_the_original_word_with_its_diacritics() {
    let results = all("الرحمن");
    let hit = results
        .hits
        .iter()
        .find(|h| h.reference == r(1, 1))
        .unwrap();
    let highlighted: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(s, e)| &hit.text[s..e])
        .collect();
    let third_word = hit.text.split(' ').nth(2).unwrap();
    assert_eq!(
        highlighted,
        [third_word],
        "the whole word ٱلرَّحۡمَٰنِ of 1:1, marks included"
    );
}

#[test]
fn highlights_slice_the_original_text_on_char_boundaries() {
    for (query, code) in [
        ("الله", "en"),
        ("بسم الله الرحمن", "en"),
        ("ربك", "en"),
        ("mercy lord", "en"),
        ("dieu", "fr"),
        ("аллах", "ru"),
        ("安拉", "zh"),
        ("اللہ", "ur"),
        ("allah", "tr"),
    ] {
        let results = in_language(query, code);
        assert!(results.total > 0, "{query:?} in {code} finds something");
        for hit in &results.hits {
            assert!(
                !hit.highlights.is_empty(),
                "{query:?} {} has a highlight",
                hit.reference
            );
            let mut previous_end = 0;
            for &(start, end) in &hit.highlights {
                assert!(
                    start < end && start >= previous_end,
                    "sorted, disjoint, nonempty"
                );
                assert!(
                    hit.text.is_char_boundary(start) && hit.text.is_char_boundary(end),
                    "{query:?} {}: {start}..{end} on char boundaries",
                    hit.reference
                );
                previous_end = end;
            }
        }
    }
}

#[test]
fn arabic_queries_also_search_an_urdu_translation() {
    let results = in_language("اللہ", "ur");
    assert!(results
        .hits
        .iter()
        .any(|h| h.field == SearchField::Translation));
}

#[test]
fn modern_spelling_finds_words_the_mushaf_writes_with_a_superscript_alef() {
    assert!(refs(&all("سبحان")).contains(&r(17, 1)), "سُبۡحَٰنَ in 17:1");
    assert_eq!(all("ذلك الكتاب لا ريب فيه").hits[0].reference, r(2, 2));
    assert!(refs(&all("القيامة")).contains(&r(75, 1)), "ٱلۡقِيَٰمَةِ in 75:1");
    assert!(
        refs(&all("الظالمين")).contains(&r(2, 35)),
        "ٱلظَّٰلِمِينَ in 2:35"
    );
}

#[test]
fn a_query_with_an_alef_neither_text_writes_falls_back_to_the_superscript_alef() {
    // No text has الرحمان; without its medial alef it is the Uthmani
    // key of ٱلرَّحۡمَٰنِ, in 48 ayahs (the count above).
    let results = all("الرحمان");
    assert_eq!(results.total, 48);
    assert!(refs(&results).contains(&r(1, 1)));
    // القرآن is in the standard text, so no fallback: before the standard
    // text, القرآن found only ذي ٱلۡقَرۡنَيۡنِ (18:83, 18:86, 18:94)
    // through القرن.
    let quran = refs(&all("القرآن"));
    assert!(!quran.contains(&r(18, 83)), "ذي القرنين is another word");
    assert!(quran.contains(&r(2, 185)));
}
