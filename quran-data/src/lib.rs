//! The Qur'an text, translations, transliteration and mushaf metadata,
//! embedded in the binary, with search over them.
//!
//! Everything works offline: the vendored files under `data/` are compiled
//! in with `include_str!` and parsed lazily, the Arabic text and metadata on
//! the first call to [`quran`], each translation on the first call to
//! [`translation`] for it, each search index on the first search that needs
//! it. The Arabic text is exposed exactly as the source ships it; this crate
//! must never alter it (the tests pin every data file by SHA-256). This crate
//! does no I/O beyond reading its own embedded data.
//!
//! Sources and licences: see `ATTRIBUTION.md`.

mod error;
mod meta;
mod quran;
mod reciters;
mod search;
mod translation;

pub use error::{Error, Result};

/// Where every bundled text, list and font comes from, and under which
/// licence; shown in the app so attribution ships with it.
pub const ATTRIBUTION: &str = include_str!("../ATTRIBUTION.md");
#[doc(hidden)]
pub use meta::{hafs_boundary_lists, hafs_surah_facts};
pub use quran::{load_uncached, quran, Ayah, Part, Quran, Revelation, Surah};
pub use reciters::{ayah_file_name, reciter, reciters, Reciter, DEFAULT_AUDIO_BASE_URL};
pub use search::{
    search, SearchField, SearchHit, SearchIndex, SearchOptions, SearchResults, DEFAULT_LIMIT,
    MAX_QUERY_CHARS,
};
#[doc(hidden)]
pub use translation::load_translation_uncached;
pub use translation::{
    translation, translations, transliteration, Direction, Translation, TranslationInfo,
    Transliteration, DEFAULT_TRANSLATION,
};
