//! The bundled translations and the English transliteration.
//!
//! Each is embedded in the binary and parsed only when first asked for (a
//! translation is 2 to 4 MB of JSON), then kept for the life of the process.

use std::sync::OnceLock;

use companion_core::reference::TOTAL_AYAHS;
use companion_core::AyahRef;
use serde::{Deserialize, Serialize};

/// The translation shown when the user has not chosen one (Saheeh
/// International, English).
pub const DEFAULT_TRANSLATION: &str = "en";

/// The writing direction of a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Urdu).
    Rtl,
}

/// What a bundled translation is, for the language picker.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TranslationInfo {
    /// ISO 639-1 code, such as `en`.
    pub code: &'static str,
    /// The language's name in English, such as `French`.
    pub language: &'static str,
    /// The language's name in itself, such as `Français`.
    pub native_name: &'static str,
    /// Who translated it (as credited by the quran-json source).
    pub translator: &'static str,
    /// Writing direction.
    pub direction: Direction,
}

const fn info(
    code: &'static str,
    language: &'static str,
    native_name: &'static str,
    translator: &'static str,
    direction: Direction,
) -> TranslationInfo {
    TranslationInfo {
        code,
        language,
        native_name,
        translator,
        direction,
    }
}

static INFOS: [TranslationInfo; 10] = [
    info(
        "en",
        "English",
        "English",
        "Saheeh International",
        Direction::Ltr,
    ),
    info("bn", "Bengali", "বাংলা", "Muhiuddin Khan", Direction::Ltr),
    info("zh", "Chinese", "中文", "Muhammad Makin", Direction::Ltr),
    info(
        "fr",
        "French",
        "Français",
        "Muhammad Hamidullah",
        Direction::Ltr,
    ),
    info(
        "id",
        "Indonesian",
        "Bahasa Indonesia",
        "Indonesian Islamic Affairs Ministry",
        Direction::Ltr,
    ),
    info("ru", "Russian", "Русский", "Elmir Kuliev", Direction::Ltr),
    info(
        "es",
        "Spanish",
        "Español",
        "Muhammad Isa García",
        Direction::Ltr,
    ),
    info("sv", "Swedish", "Svenska", "Knut Bernström", Direction::Ltr),
    info(
        "tr",
        "Turkish",
        "Türkçe",
        "Turkish Directorate of Religious Affairs",
        Direction::Ltr,
    ),
    info("ur", "Urdu", "اردو", "Abul A'la Maududi", Direction::Rtl),
];

/// The embedded files, in the order of [`INFOS`].
static SOURCES: [&str; 10] = [
    include_str!("../data/translations/en.json"),
    include_str!("../data/translations/bn.json"),
    include_str!("../data/translations/zh.json"),
    include_str!("../data/translations/fr.json"),
    include_str!("../data/translations/id.json"),
    include_str!("../data/translations/ru.json"),
    include_str!("../data/translations/es.json"),
    include_str!("../data/translations/sv.json"),
    include_str!("../data/translations/tr.json"),
    include_str!("../data/translations/ur.json"),
];

const TRANSLITERATION_JSON: &str = include_str!("../data/transliteration.json");

/// The bundled translations: English first, then by English language name.
pub fn translations() -> &'static [TranslationInfo] {
    &INFOS
}

/// The position of `code` in [`INFOS`].
pub(crate) fn position(code: &str) -> Option<usize> {
    INFOS.iter().position(|info| info.code == code)
}

/// The translation with language code `code` (such as `"en"`), parsed on
/// first use; `None` if it is not bundled.
pub fn translation(code: &str) -> Option<&'static Translation> {
    static LOADED: [OnceLock<Translation>; 10] = [const { OnceLock::new() }; 10];
    let i = position(code)?;
    Some(LOADED[i].get_or_init(|| Translation::load(i)))
}

/// Parses translation `code` anew, bypassing the cache of [`translation`].
/// For benchmarks of the load.
#[doc(hidden)]
pub fn load_translation_uncached(code: &str) -> Option<Translation> {
    position(code).map(Translation::load)
}

/// One translation of the whole Qur'an.
#[derive(Debug)]
pub struct Translation {
    info: &'static TranslationInfo,
    surah_names: Vec<String>,
    texts: Vec<String>,
}

#[derive(Deserialize)]
struct RawSurah {
    translation: String,
    verses: Vec<RawVerse>,
}

#[derive(Deserialize)]
struct RawVerse {
    translation: String,
}

#[derive(Deserialize)]
struct RawTransliterationSurah {
    verses: Vec<RawTransliteratedVerse>,
}

#[derive(Deserialize)]
struct RawTransliteratedVerse {
    transliteration: String,
}

impl Translation {
    // Embedded and proven by `tests/translations.rs` to parse with 6,236
    // ayahs, so failure is a build defect reported with `expect`.
    fn load(i: usize) -> Translation {
        let info = &INFOS[i];
        let raw: Vec<RawSurah> = serde_json::from_str(SOURCES[i]).unwrap_or_else(|e| {
            panic!(
                "data/translations/{}.json is valid (tested): {e}",
                info.code
            )
        });
        let mut surah_names = Vec::with_capacity(raw.len());
        let mut texts = Vec::with_capacity(usize::from(TOTAL_AYAHS));
        for surah in raw {
            surah_names.push(surah.translation);
            texts.extend(surah.verses.into_iter().map(|v| v.translation));
        }
        assert_eq!(
            texts.len(),
            usize::from(TOTAL_AYAHS),
            "data/translations/{}.json has every ayah",
            info.code
        );
        Translation {
            info,
            surah_names,
            texts,
        }
    }

    /// The translation of ayah `r`.
    pub fn text(&self, r: AyahRef) -> &str {
        &self.texts[usize::from(r.index())]
    }

    /// All 6,236 ayah translations in mushaf order.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The meaning of the name of surah `surah` in this language (`The
    /// Opener`), or `""` if there is no such surah.
    pub fn surah_name(&self, surah: u16) -> &str {
        usize::from(surah)
            .checked_sub(1)
            .and_then(|i| self.surah_names.get(i))
            .map_or("", String::as_str)
    }

    /// Which translation this is.
    pub fn info(&self) -> &TranslationInfo {
        self.info
    }
}

/// The English transliteration (Latin letters) of every ayah.
#[derive(Debug)]
pub struct Transliteration {
    texts: Vec<String>,
}

/// The transliteration, parsed on first use.
pub fn transliteration() -> &'static Transliteration {
    static LOADED: OnceLock<Transliteration> = OnceLock::new();
    LOADED.get_or_init(|| {
        // Embedded and tested, as for the translations.
        let raw: Vec<RawTransliterationSurah> = serde_json::from_str(TRANSLITERATION_JSON)
            .expect("data/transliteration.json is valid (tested)");
        let texts: Vec<String> = raw
            .into_iter()
            .flat_map(|s| s.verses)
            .map(|v| v.transliteration)
            .collect();
        assert_eq!(
            texts.len(),
            usize::from(TOTAL_AYAHS),
            "data/transliteration.json has every ayah"
        );
        Transliteration { texts }
    })
}

impl Transliteration {
    /// The transliteration of ayah `r`.
    pub fn text(&self, r: AyahRef) -> &str {
        &self.texts[usize::from(r.index())]
    }
}
