//! The bundled translations and the transliteration.

#![allow(clippy::unwrap_used)]

use companion_core::reference::TOTAL_AYAHS;
use companion_core::AyahRef;
use quran_data::{translation, translations, transliteration, Direction, DEFAULT_TRANSLATION};

#[test]
fn ten_translations_are_bundled_with_english_first() {
    let infos = translations();
    let codes: Vec<&str> = infos.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        ["en", "bn", "zh", "fr", "id", "ru", "es", "sv", "tr", "ur"]
    );
    assert_eq!(DEFAULT_TRANSLATION, "en");
    for info in infos {
        let expected = if info.code == "ur" {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        assert_eq!(info.direction, expected, "{} direction", info.code);
        assert!(!info.native_name.is_empty() && !info.translator.is_empty());
    }
}

#[test]
fn every_translation_has_nonempty_text_for_every_ayah() {
    for info in translations() {
        let t = translation(info.code).unwrap();
        assert_eq!(t.info(), info);
        assert_eq!(t.texts().len(), usize::from(TOTAL_AYAHS), "{}", info.code);
        for i in 0..TOTAL_AYAHS {
            let r = AyahRef::from_index(i).unwrap();
            assert!(!t.text(r).trim().is_empty(), "{} {r} is empty", info.code);
        }
        for surah in 1..=114 {
            assert!(
                !t.surah_name(surah).is_empty(),
                "{} surah {surah} name",
                info.code
            );
        }
    }
}

#[test]
fn translations_are_found_by_code_and_unknown_codes_are_none() {
    let en = translation("en").unwrap();
    let r = AyahRef::new(1, 1).unwrap();
    assert_eq!(
        en.text(r),
        "In the name of Allah, the Entirely Merciful, the Especially Merciful"
    );
    assert_eq!(en.surah_name(1), "The Opener");
    assert_eq!(en.surah_name(0), "", "no surah 0");
    assert_eq!(translation("fr").unwrap().surah_name(1), "L'ouverture");
    assert!(translation("xx").is_none());
    assert!(translation("EN").is_none(), "codes are lowercase ISO 639-1");
}

#[test]
fn transliteration_covers_every_ayah() {
    let t = transliteration();
    assert_eq!(
        t.text(AyahRef::new(1, 1).unwrap()),
        "Bismi Allahi alrrahmani alrraheemi"
    );
    for i in 0..TOTAL_AYAHS {
        let r = AyahRef::from_index(i).unwrap();
        assert!(!t.text(r).is_empty(), "{r}");
    }
}
