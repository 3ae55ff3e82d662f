//! Search over the Arabic text and the translations.
//!
//! Each searchable text (the Arabic, and each translation when first
//! searched) gets a [`SearchIndex`]: the search key of every ayah
//! ([`companion_core::arabic::normalize`] or [`companion_core::latin::fold`])
//! joined into one string, one ayah per line, so a query word is found
//! across the whole Qur'an with a single SIMD substring scan. Only the hits
//! that are returned are mapped back to the original text for highlighting.
//!
//! The Arabic index also holds every ayah in standard (imlaei) spelling
//! (`standard.rs`, Tanzil's Simple Clean text), lined up word by word with
//! the Uthmani text: a query is looked for in both, so `الصلاة` finds
//! `ٱلصَّلَوٰةَ` and a query typed in the mushaf's spelling still finds it,
//! and a match in the standard spelling highlights the Uthmani letters it
//! lines up with. Only the Uthmani text is ever returned.
//!
//! Ranking: every word of the query must appear in the ayah (AND, in either
//! spelling); the whole query found as a contiguous phrase ranks above
//! scattered words; whole-word matches rank above matches inside longer
//! words; the query's own spelling ranks above the other spellings of a term
//! (the `لل` form of a word with `ال`, and for a query that found nothing
//! otherwise, the word without medial alefs; see `query::Term`); mushaf
//! order breaks ties. This module never changes the text it searches.

mod align;
mod index;
mod keys;
mod query;
mod standard;

use std::cmp::Reverse;

use companion_core::arabic::is_arabic_script;
use companion_core::{AyahRef, Error, Result};
use serde::Serialize;

use self::index::Match;
pub use self::index::SearchIndex;
use self::query::Prepared;
use crate::translation::{self, Direction, DEFAULT_TRANSLATION};

/// The longest query accepted, in characters after trimming.
pub const MAX_QUERY_CHARS: usize = 200;

/// How many hits [`SearchOptions::default`] asks for.
pub const DEFAULT_LIMIT: usize = 50;

/// Score of an ayah containing the whole multi-word query as a phrase made
/// of whole words.
const PHRASE_WHOLE: u32 = 4000;
/// Score of an ayah containing the whole query as a phrase, but starting or
/// ending inside a word.
const PHRASE_PART: u32 = 2000;
/// Score of each query word found as a whole word.
const WHOLE_WORD: u32 = 100;
/// Score of each query word found in the query's own spelling (rather than
/// only without its medial alefs, see `Term`).
const EXACT_SPELLING: u32 = 10;
/// Score of every match, so that any match scores above zero.
const MATCH: u32 = 1;

/// What to search and how many hits to return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// The translation searched by non-Arabic queries, by language code;
    /// `None` means [`DEFAULT_TRANSLATION`] (English). When the translation
    /// is written in Arabic script (Urdu), Arabic-script queries search it
    /// as well as the Qur'an text.
    pub translation: Option<String>,
    /// The most hits to return; [`SearchResults::total`] still counts all.
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            translation: None,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// Which text of an ayah a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchField {
    /// The Arabic (Uthmani) text.
    Arabic,
    /// The selected translation.
    Translation,
}

/// One ayah that matches a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// The ayah.
    pub reference: AyahRef,
    /// The text the query was found in.
    pub field: SearchField,
    /// That text, exactly as shown to the reader.
    pub text: String,
    /// Byte ranges `(start, end)` of `text` to highlight, sorted, not
    /// overlapping, on char boundaries. For Arabic they include the
    /// diacritics of the matched letters.
    pub highlights: Vec<(usize, usize)>,
    /// Relevance; higher is better. Only meaningful within one search.
    pub score: u32,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResults {
    /// The query as searched (trimmed, control characters made spaces).
    pub query: String,
    /// How many ayahs (per field) match, even beyond the limit.
    pub total: usize,
    /// The best matches, best first, at most [`SearchOptions::limit`].
    pub hits: Vec<SearchHit>,
}

/// Searches the Qur'an: Arabic-script queries search the Arabic text,
/// ignoring diacritics, Qur'anic marks and letter-form variants; other
/// queries search the chosen translation, ignoring case and accents.
///
/// The first search of each text builds its index (tens of milliseconds);
/// after that a query takes well under a millisecond.
///
/// # Errors
/// [`Error::EmptyQuery`] when the query has no word to search for;
/// [`Error::QueryTooLong`] over [`MAX_QUERY_CHARS`] characters;
/// [`Error::UnknownTranslation`] for a translation code that is not bundled.
pub fn search(query: &str, options: &SearchOptions) -> Result<SearchResults> {
    let query = clean_query(query)?;
    let code = options
        .translation
        .as_deref()
        .unwrap_or(DEFAULT_TRANSLATION);
    let info = translation::position(code)
        .and_then(|i| translation::translations().get(i))
        .ok_or_else(|| Error::UnknownTranslation {
            code: code.chars().take(16).collect(),
        })?;
    let translation_index = || SearchIndex::translation(info.code);

    let mut indexes: Vec<&'static SearchIndex> = Vec::with_capacity(2);
    if query.chars().any(is_arabic_script) {
        indexes.push(SearchIndex::arabic());
        if info.direction == Direction::Rtl {
            indexes.extend(translation_index());
        }
    } else {
        indexes.extend(translation_index());
    }

    let mut prepared: Vec<(&SearchIndex, Prepared)> = indexes
        .into_iter()
        .filter_map(|index| Some((index, Prepared::new(index.keying, &query)?)))
        .collect();
    if prepared.is_empty() {
        return Err(Error::EmptyQuery);
    }

    let mut matches = find(&prepared);
    if matches.is_empty() {
        // Nothing in the query's own spelling: try Arabic words without
        // their medial alefs too (see `query::Term`).
        let relaxed: Vec<(&SearchIndex, Prepared)> = prepared
            .iter()
            .filter_map(|(index, words)| Some((*index, words.relaxed()?)))
            .collect();
        if !relaxed.is_empty() {
            matches = find(&relaxed);
            prepared = relaxed;
        }
    }
    let total = matches.len();
    let order = |(m, slot): &(Match, usize)| (Reverse(m.score), m.ayah, *slot);
    if options.limit < matches.len() {
        // Only the best `limit` need sorting.
        matches.select_nth_unstable_by_key(options.limit, order);
        matches.truncate(options.limit);
    }
    matches.sort_unstable_by_key(order);

    let hits = matches
        .iter()
        .filter_map(|(m, slot)| {
            let (index, words) = prepared.get(*slot)?;
            index.hit(m, words)
        })
        .collect();
    Ok(SearchResults { query, total, hits })
}

/// Every matching ayah of every index, with the index's slot in
/// `prepared`.
fn find(prepared: &[(&SearchIndex, Prepared)]) -> Vec<(Match, usize)> {
    let mut matches = Vec::new();
    for (slot, (index, words)) in prepared.iter().enumerate() {
        matches.extend(index.matches(words).into_iter().map(|m| (m, slot)));
    }
    matches
}

/// Trims the query and checks its length before copying it, so that a huge
/// paste costs nothing; control characters become spaces.
fn clean_query(query: &str) -> Result<String> {
    let trimmed = query.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(Error::QueryTooLong {
            max: MAX_QUERY_CHARS,
        });
    }
    if trimmed.is_empty() {
        return Err(Error::EmptyQuery);
    }
    Ok(trimmed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect())
}
