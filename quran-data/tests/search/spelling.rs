//! Search finds what people type: the standard (imlaei) spelling of words
//! the mushaf spells its own way, joined particles and prefixes, and still
//! everything a query in the mushaf's own spelling found.
//!
//! Expected counts were made independently of this code: Tanzil's Simple
//! Clean text and the Uthmani text (`data/quran.json`) were each normalized
//! by the rules `companion_core::arabic::normalize` documents (diacritics
//! and Qur'anic marks dropped; أ إ آ ٱ to ا, ؤ to و, ئ ى to ي, ة to ه;
//! Tanzil's basmala before first ayahs removed) with a short Python script,
//! written one line per ayah as `ref|standard|uthmani`, and counted with
//! grep:
//! - `total`: lines matching every word of the query (`grep -E W1 | grep -E
//!   W2 ...`), where a word starting with `ال` also matches its form after
//!   the preposition `ل` at a word start, `(^|[| ])[وف]?للصلاه`;
//! - `top`: for one word, lines with it as a whole word,
//!   `grep -cE '(^|[| ])W( |\||$)'`; for several, lines with the whole
//!   phrase, `grep -c 'W1 W2'`.

use companion_core::arabic::normalize;
use companion_core::AyahRef;
use quran_data::{quran, SearchHit, SearchResults};

use super::{all, r, refs};

fn highlighted(hit: &SearchHit) -> Vec<&str> {
    hit.highlights
        .iter()
        .map(|&(s, e)| &hit.text[s..e])
        .collect()
}

/// `(query in standard spelling, total, top)`, counted as the module doc
/// says. Each word is spelled otherwise in the Uthmani text: waw or ya for
/// alef (`صلوة`, `ربوا`), hamza on the line (`قرءان`), superscript or
/// omitted alef and ya (`إبرٰهم`, `سمٰوٰت`, `كٰفرين`), the vocative joined
/// to its noun (`يٰبني`, `يٰأيها`, `يٰقوم`, `هٰأنتم`), or a prefix joined to
/// them (`كمشكوٰة`, `بالغدوٰة`, `ومنوٰة`).
const STANDARD_SPELLINGS: [(&str, usize, usize); 57] = [
    ("الصلاة", 62, 55),
    ("القرآن", 50, 43),
    ("الزكاة", 29, 26),
    ("الحياة", 64, 62),
    ("يا بني إسرائيل", 18, 6),
    ("الربا", 7, 5),
    ("إبراهيم", 63, 56),
    ("ذلك", 461, 270),
    ("هؤلاء", 44, 40),
    ("لكن", 171, 6),
    ("يا أيها", 146, 142),
    ("جنات تجري من تحتها الأنهار", 31, 27),
    ("السماوات", 183, 180),
    ("الكافرين", 82, 51),
    ("الظالمين", 81, 64),
    ("الصالحات", 61, 60),
    ("آيات", 280, 51),
    ("الشيطان", 57, 56),
    ("سليمان", 16, 9),
    ("الإنسان", 62, 56),
    ("القيامة", 70, 70),
    ("الكتاب", 162, 151),
    ("العالمين", 74, 61),
    ("مشكاة", 1, 0),
    ("الغداة", 2, 0),
    ("ومناة", 1, 1),
    ("يا قوم", 166, 49),
    ("يا موسى", 51, 24),
    ("يا أهل الكتاب", 21, 12),
    ("يا آدم", 16, 5),
    ("يا أيها الذين آمنوا", 90, 89),
    ("هارون", 20, 12),
    ("إسرائيل", 41, 40),
    ("ثلاثة", 13, 11),
    ("الأبصار", 16, 8),
    ("الأنهار", 43, 43),
    ("الملائكة", 62, 38),
    ("شيئا", 76, 76),
    ("السلام", 7, 5),
    ("الإسلام", 6, 4),
    ("لقمان", 2, 2),
    ("عمران", 3, 3),
    ("إسماعيل", 12, 3),
    ("إسحاق", 16, 6),
    ("الحياة الدنيا", 61, 61),
    ("أقيموا الصلاة", 12, 12),
    ("وآتوا الزكاة", 12, 12),
    ("الظلمات", 13, 13),
    ("الصابرين", 15, 10),
    ("أصحاب الجنة", 13, 13),
    ("يوم القيامة", 70, 70),
    ("رب العالمين", 43, 42),
    ("سبحان", 41, 13),
    ("ها أنتم", 31, 7),
    ("الصلوات", 1, 1),
    ("النجاة", 1, 1),
    ("الرحمن", 56, 45),
];

#[test]
fn standard_spelling_finds_the_ayahs_that_spell_it_the_mushafs_way() {
    for (query, total, _) in STANDARD_SPELLINGS {
        let results = all(query);
        assert_eq!(results.total, total, "ayahs found by {query}");
        for hit in &results.hits {
            assert!(
                !hit.highlights.is_empty(),
                "{query}: {} has a highlight in the Uthmani text",
                hit.reference
            );
        }
    }
}

#[test]
fn whole_words_and_whole_phrases_rank_above_the_rest() {
    for (query, total, top) in STANDARD_SPELLINGS {
        let results = all(query);
        let scores: Vec<u32> = results.hits.iter().map(|h| h.score).collect();
        if top == 0 || top == total {
            continue;
        }
        if query.contains(' ') {
            // Whole phrases and phrases inside longer words score apart,
            // but every phrase scores above every ayah with scattered words.
            let lowest_phrase = scores[..top].iter().min().unwrap();
            let best_other = scores[top..].iter().max().unwrap();
            assert!(
                lowest_phrase > best_other,
                "{query}: the {top} ayahs with the phrase come first"
            );
        } else {
            assert!(
                scores[..top].iter().all(|&s| s == scores[0]) && scores[top] < scores[0],
                "{query}: the {top} ayahs with it as a whole word come first"
            );
        }
    }
}

/// The highlights of `reference`'s hit, each as its normalized key and
/// whether it is whole words of the Uthmani text (marks included).
fn marked(results: &SearchResults, reference: AyahRef) -> Vec<(String, bool)> {
    let hit = results
        .hits
        .iter()
        .find(|h| h.reference == reference)
        .unwrap();
    let words: Vec<&str> = hit.text.split(' ').collect();
    highlighted(hit)
        .into_iter()
        .map(|h| {
            let whole = words
                .windows(h.split(' ').count())
                .any(|w| w.join(" ") == h);
            (normalize(h), whole)
        })
        .collect()
}

#[test]
fn a_standard_match_highlights_the_uthmani_word() {
    let word = |key: &str| (key.to_owned(), true);
    let results = all("الصلاة");
    assert_eq!(marked(&results, r(2, 3)), [word("الصلوه")], "ٱلصَّلَوٰةَ");
    assert_eq!(
        marked(&results, r(62, 9)),
        [word("للصلوه")],
        "after lam: لِلصَّلَوٰةِ"
    );
    assert_eq!(
        marked(&results, r(2, 45)),
        [("الصلوه".to_owned(), false)],
        "in وَٱلصَّلَوٰةِۚ only ٱلصَّلَوٰةِۚ, not the joined وَ"
    );

    let results = all("يا بني إسرائيل");
    assert_eq!(
        marked(&results, r(2, 40))[0],
        word("يبني اسرءيل"),
        "the joined vocative and the next word, as one phrase"
    );
    let results = all("بني");
    assert!(
        marked(&results, r(2, 40)).contains(&("بني".to_owned(), false)),
        "inside يَٰبَنِيٓ, only its بني"
    );
    let results = all("إبراهيم");
    assert_eq!(
        marked(&results, r(2, 124)),
        [word("ابرهم")],
        "إِبۡرَٰهِـۧمَ: Al-Baqarah writes it without the ya"
    );
}

#[test]
fn the_vocative_finds_ayahs_where_the_mushaf_joins_it() {
    let results = all("يا بني إسرائيل");
    // 2:40, 2:47, 2:122, 5:72, 20:80, 61:6: the six ayahs whose standard
    // text has the phrase (grep as in the module doc).
    let phrase: Vec<AyahRef> = results.hits.iter().take(6).map(|h| h.reference).collect();
    assert_eq!(
        phrase,
        [r(2, 40), r(2, 47), r(2, 122), r(5, 72), r(20, 80), r(61, 6)]
    );
    assert_eq!(all("يا ابن أم").hits[0].reference, r(20, 94), "يَبۡنَؤُمَّ");
    assert!(refs(&all("ها أنتم")).contains(&r(3, 66)), "هَٰٓأَنتُمۡ");
}

#[test]
fn a_query_in_the_mushafs_spelling_finds_what_it_found_before() {
    for query in [
        "ٱلصَّلَوٰةَ",
        "الصلوة",
        "ٱلۡقُرۡءَانَ",
        "القرءان",
        "يَٰبَنِيٓ إِسۡرَٰٓءِيلَ",
        "إِبۡرَٰهِـۧمَ",
        "ٱلرِّبَوٰاْ",
        "ٱلسَّمَٰوَٰتِ",
        "ذَٰلِكَ ٱلۡكِتَٰبُ",
    ] {
        let found = refs(&all(query));
        // Before the standard text, a query found the ayahs whose Uthmani
        // key holds every word of it; they are all still found.
        let words: Vec<String> = normalize(query).split(' ').map(String::from).collect();
        let before: Vec<AyahRef> = quran()
            .ayahs()
            .iter()
            .filter(|a| {
                let key = normalize(&a.text);
                words.iter().all(|w| key.contains(w.as_str()))
            })
            .map(|a| a.reference)
            .collect();
        assert!(!before.is_empty(), "{query} is in the Uthmani text");
        assert!(
            before.iter().all(|a| found.binary_search(a).is_ok()),
            "{query} still finds every ayah it found"
        );
    }
    assert_eq!(refs(&all("ٱلصَّلَوٰةَ")), refs(&all("الصلوة")), "diacritics");
    assert_eq!(refs(&all("ٱلصَّلَوٰةَ")), refs(&all("الصلاة")), "either spelling");
    assert_eq!(refs(&all("القرءان")), refs(&all("القرآن")));
}
