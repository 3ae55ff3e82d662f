//! Search over the Arabic text and the translations.
//!
//! Each searchable text (the Arabic, and each translation when first
//! searched) gets a [`SearchIndex`]: the search key of every ayah
//! ([`companion_core::arabic::normalize`] or [`companion_core::latin::fold`])
//! joined into one string, one ayah per line, so a query word is found
//! across the whole Qur'an with a single SIMD substring scan. Only the hits
//! that are returned are mapped back to the original text for highlighting.
//!
//! Ranking: every word of the query must appear in the ayah (AND); the whole
//! query found as a contiguous phrase ranks above scattered words; whole-word
//! matches rank above matches inside longer words; the query's own spelling
//! ranks above the same word without medial alefs (see `Term`, for the
//! Uthmani superscript alef); mushaf order breaks ties.
//! This module never changes the text it searches.

use std::cmp::Reverse;
use std::fmt;
use std::sync::OnceLock;

use companion_core::arabic::{self, is_arabic_script};
use companion_core::latin;
use companion_core::reference::TOTAL_AYAHS;
use companion_core::{AyahRef, Error, Result};
use memchr::memmem::{Finder, FinderBuilder};
use serde::Serialize;

use crate::quran::quran;
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

    let prepared: Vec<(&SearchIndex, Prepared)> = indexes
        .into_iter()
        .filter_map(|index| Some((index, Prepared::new(index.keying, &query)?)))
        .collect();
    if prepared.is_empty() {
        return Err(Error::EmptyQuery);
    }

    let mut matches: Vec<(Match, usize)> = Vec::new();
    for (slot, (index, words)) in prepared.iter().enumerate() {
        matches.extend(index.matches(words).into_iter().map(|m| (m, slot)));
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

/// How a text is turned into its search key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keying {
    /// [`arabic::normalize`], for Arabic-script text.
    Arabic,
    /// [`latin::fold`], for every other script.
    Folded,
}

impl Keying {
    fn key(self, text: &str) -> String {
        match self {
            Keying::Arabic => arabic::normalize(text),
            Keying::Folded => latin::fold(text),
        }
    }

    fn key_with_offsets(self, text: &str) -> (String, Vec<usize>) {
        match self {
            Keying::Arabic => arabic::normalize_with_offsets(text),
            Keying::Folded => latin::fold_with_offsets(text),
        }
    }
}

/// One thing to look for (a word or the whole phrase), in one or two
/// spellings: the query's own, and for Arabic the same without medial alefs.
///
/// The Uthmani text writes many long "a" sounds with a superscript alef,
/// which normalization drops, while people type a full alef: `سبحان` is
/// `سُبۡحَٰنَ` in the mushaf, whose key is `سبحن`. The second spelling bridges
/// that; matches in the query's own spelling rank higher.
#[derive(Debug)]
struct Term {
    spellings: Vec<String>,
}

impl Term {
    fn new(exact: String, keying: Keying) -> Term {
        let mut spellings = Vec::with_capacity(2);
        let variant = match keying {
            Keying::Arabic => without_medial_alefs(&exact),
            Keying::Folded => None,
        };
        spellings.push(exact);
        spellings.extend(variant);
        Term { spellings }
    }
}

/// `text` with every alef removed that is neither the first nor the last
/// letter of its word; `None` if that changes nothing or leaves a word of
/// fewer than three letters (which would match far too much, like `قل` for
/// `قال`).
fn without_medial_alefs(text: &str) -> Option<String> {
    const ALEF: char = '\u{0627}';
    let mut changed = false;
    let mut words = Vec::new();
    for word in text.split(' ') {
        let chars: Vec<char> = word.chars().collect();
        let last = chars.len().saturating_sub(1);
        let kept: String = chars
            .iter()
            .enumerate()
            .filter(|&(i, &c)| c != ALEF || i == 0 || i == last)
            .map(|(_, &c)| c)
            .collect();
        if kept.len() != word.len() {
            if kept.chars().count() < 3 {
                words.push(word.to_owned());
                continue;
            }
            changed = true;
        }
        words.push(kept);
    }
    changed.then(|| words.join(" "))
}

/// A query turned into the search key of one index.
#[derive(Debug)]
struct Prepared {
    /// Distinct words, longest first (the longest is usually the rarest, so
    /// it is the one scanned across the whole text).
    words: Vec<Term>,
    /// The whole query, when it has more than one word.
    phrase: Option<Term>,
}

impl Prepared {
    fn new(keying: Keying, query: &str) -> Option<Prepared> {
        let key = keying.key(query);
        let is_edge = |c: char| !c.is_alphanumeric();
        let mut words: Vec<&str> = key
            .split(' ')
            .map(|w| w.trim_matches(is_edge))
            .filter(|w| !w.is_empty())
            .collect();
        let phrase =
            (words.len() > 1).then(|| Term::new(key.trim_matches(is_edge).to_owned(), keying));
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        let words: Vec<Term> = words
            .into_iter()
            .map(|w| Term::new(w.to_owned(), keying))
            .collect();
        (!words.is_empty()).then_some(Prepared { words, phrase })
    }

    /// Every spelling of every term, for highlighting.
    fn needles(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .chain(&self.phrase)
            .flat_map(|t| t.spellings.iter().map(String::as_str))
    }
}

/// How a term was found in one ayah.
#[derive(Debug, Clone, Copy, Default)]
struct Found {
    /// At least once as a whole word (or whole phrase).
    whole: bool,
    /// At least once in the query's own spelling.
    exact: bool,
}

impl Found {
    fn merge(self, other: Found) -> Found {
        Found {
            whole: self.whole || other.whole,
            exact: self.exact || other.exact,
        }
    }
}

/// The substring searchers of one term's spellings.
struct TermFinders<'a> {
    spellings: Vec<(usize, Finder<'a>)>,
}

impl TermFinders<'_> {
    /// How the term occurs in `haystack`, if it does.
    fn find(&self, haystack: &str) -> Option<Found> {
        let mut found: Option<Found> = None;
        for (i, (len, finder)) in self.spellings.iter().enumerate() {
            if let Some(whole) = best_occurrence(haystack, finder, *len) {
                let this = Found {
                    whole,
                    exact: i == 0,
                };
                found = Some(found.map_or(this, |f| f.merge(this)));
            }
        }
        found
    }
}

/// A matching ayah of one index.
#[derive(Debug, Clone, Copy)]
struct Match {
    ayah: u16,
    score: u32,
}

/// Byte frequencies of an index's text, so the substring search looks for
/// the needle's rarest bytes in this text (the default ranking is tuned for
/// English and would treat every Arabic lead byte as rare).
#[derive(Debug, Clone, Copy)]
struct ByteRank([u8; 256]);

impl ByteRank {
    fn of(text: &str) -> ByteRank {
        let mut counts = [0usize; 256];
        for &b in text.as_bytes() {
            counts[usize::from(b)] += 1;
        }
        let mut bytes: Vec<u8> = (0..=255).collect();
        bytes.sort_by_key(|&b| counts[usize::from(b)]);
        let mut rank = [0u8; 256];
        for (r, b) in (0..=255).zip(bytes) {
            rank[usize::from(b)] = r;
        }
        ByteRank(rank)
    }
}

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for ByteRank {
    fn rank(&self, byte: u8) -> u8 {
        self.0[usize::from(byte)]
    }
}

/// The search keys of every ayah of one text (the Arabic, or one
/// translation), ready for substring search. Built once per text.
pub struct SearchIndex {
    field: SearchField,
    language: &'static str,
    keying: Keying,
    /// Every ayah's key followed by `'\n'`, in mushaf order.
    text: String,
    /// `starts[i]` is where ayah `i`'s key starts in `text`; the last entry
    /// is `text.len()`.
    starts: Vec<usize>,
    /// The original text of every ayah, for hits.
    originals: Vec<&'static str>,
    rank: ByteRank,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("field", &self.field)
            .field("language", &self.language)
            .field("bytes", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The index of the Arabic text, built on first use.
    pub fn arabic() -> &'static SearchIndex {
        static INDEX: OnceLock<SearchIndex> = OnceLock::new();
        INDEX.get_or_init(|| {
            let originals = quran().ayahs().iter().map(|a| a.text.as_str()).collect();
            SearchIndex::build(SearchField::Arabic, "ar", Keying::Arabic, originals)
        })
    }

    /// The index of translation `code`, built on first use; `None` if the
    /// translation is not bundled.
    pub fn translation(code: &str) -> Option<&'static SearchIndex> {
        static INDEXES: [OnceLock<SearchIndex>; 10] = [const { OnceLock::new() }; 10];
        let i = translation::position(code)?;
        let slot = INDEXES.get(i)?;
        let translation = translation::translation(code)?;
        Some(slot.get_or_init(|| {
            let info = translation.info();
            let keying = match info.direction {
                Direction::Rtl => Keying::Arabic,
                Direction::Ltr => Keying::Folded,
            };
            let originals = translation.texts().iter().map(String::as_str).collect();
            SearchIndex::build(SearchField::Translation, info.code, keying, originals)
        }))
    }

    fn build(
        field: SearchField,
        language: &'static str,
        keying: Keying,
        originals: Vec<&'static str>,
    ) -> SearchIndex {
        let capacity = originals.iter().map(|t| t.len() + 1).sum();
        let mut text = String::with_capacity(capacity);
        let mut starts = Vec::with_capacity(originals.len() + 1);
        for original in &originals {
            starts.push(text.len());
            text.push_str(&keying.key(original));
            // Keys never contain a newline, so no match crosses two ayahs.
            text.push('\n');
        }
        starts.push(text.len());
        debug_assert_eq!(originals.len(), usize::from(TOTAL_AYAHS));
        let rank = ByteRank::of(&text);
        SearchIndex {
            field,
            language,
            keying,
            text,
            starts,
            originals,
            rank,
        }
    }

    /// Which field this index searches.
    pub fn field(&self) -> SearchField {
        self.field
    }

    /// The language of the indexed text (`ar` for the Qur'an text, else the
    /// translation code).
    pub fn language(&self) -> &'static str {
        self.language
    }

    fn finder<'n>(&self, needle: &'n str) -> Finder<'n> {
        FinderBuilder::new().build_forward_with_ranker(self.rank, needle)
    }

    fn finders<'t>(&self, term: &'t Term) -> TermFinders<'t> {
        TermFinders {
            spellings: term
                .spellings
                .iter()
                .map(|s| (s.len(), self.finder(s)))
                .collect(),
        }
    }

    /// The key of ayah `i`, without its newline.
    fn key(&self, i: usize) -> &str {
        let (Some(&start), Some(&next)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        self.text.get(start..next.saturating_sub(1)).unwrap_or("")
    }

    /// Every ayah containing all words, scored.
    fn matches(&self, query: &Prepared) -> Vec<Match> {
        let Some((first, rest)) = query.words.split_first() else {
            return Vec::new();
        };
        // Candidates from one scan of the whole text per spelling of the
        // first word, with the score of the words found so far.
        let mut candidates: Vec<(usize, Found)> = Vec::new();
        for (i, spelling) in first.spellings.iter().enumerate() {
            let mut ayah = 0;
            for at in self.finder(spelling).find_iter(self.text.as_bytes()) {
                // Matches come in order, so the ayah only moves forward.
                let ahead = self.starts.get(ayah..).unwrap_or_default();
                ayah += ahead.partition_point(|&s| s <= at).saturating_sub(1);
                let found = Found {
                    whole: is_whole_word(&self.text, at, spelling.len()),
                    exact: i == 0,
                };
                match candidates.last_mut() {
                    Some((last, so_far)) if *last == ayah => *so_far = so_far.merge(found),
                    _ => candidates.push((ayah, found)),
                }
            }
        }
        if first.spellings.len() > 1 {
            // Two ordered runs: order by ayah and merge duplicates.
            candidates.sort_by_key(|&(ayah, _)| ayah);
            candidates.dedup_by(|(ayah, found), (kept_ayah, kept)| {
                let same = ayah == kept_ayah;
                if same {
                    *kept = kept.merge(*found);
                }
                same
            });
        }
        let mut scored: Vec<(usize, u32)> = candidates
            .into_iter()
            .map(|(ayah, found)| (ayah, word_score(found)))
            .collect();
        // The other words only within the candidates.
        for word in rest {
            let finders = self.finders(word);
            scored.retain_mut(|(ayah, score)| match finders.find(self.key(*ayah)) {
                Some(found) => {
                    *score += word_score(found);
                    true
                }
                None => false,
            });
        }
        let phrase = query.phrase.as_ref().map(|p| self.finders(p));
        scored
            .into_iter()
            .map(|(ayah, score)| {
                let phrase_score = match phrase.as_ref().and_then(|p| p.find(self.key(ayah))) {
                    Some(Found { whole: true, .. }) => PHRASE_WHOLE,
                    Some(Found { whole: false, .. }) => PHRASE_PART,
                    None => 0,
                };
                Match {
                    ayah: u16::try_from(ayah).unwrap_or(u16::MAX),
                    score: MATCH + phrase_score + score,
                }
            })
            .collect()
    }

    /// The hit for `m`, with its highlights mapped to the original text.
    fn hit(&self, m: &Match, query: &Prepared) -> Option<SearchHit> {
        let original = *self.originals.get(usize::from(m.ayah))?;
        let (key, offsets) = self.keying.key_with_offsets(original);
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for needle in query.needles() {
            for (start, matched) in key.match_indices(needle) {
                let end = start + matched.len();
                if let (Some(&from), Some(&to)) = (offsets.get(start), offsets.get(end)) {
                    ranges.push((from, to));
                }
            }
        }
        ranges.sort_unstable();
        let mut highlights: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match highlights.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => highlights.push((start, end)),
            }
        }
        Some(SearchHit {
            reference: AyahRef::from_index(m.ayah)?,
            field: self.field,
            text: original.to_owned(),
            highlights,
            score: m.score,
        })
    }
}

/// The score of one query word found in an ayah.
fn word_score(found: Found) -> u32 {
    u32::from(found.whole) * WHOLE_WORD + u32::from(found.exact) * EXACT_SPELLING
}

/// Whether `needle` occurs in `haystack` (`None` if not), and if so whether
/// one occurrence is a whole word.
fn best_occurrence(haystack: &str, finder: &Finder<'_>, len: usize) -> Option<bool> {
    let mut found = None;
    for at in finder.find_iter(haystack.as_bytes()) {
        if is_whole_word(haystack, at, len) {
            return Some(true);
        }
        found = Some(false);
    }
    found
}

/// Whether the match at `at..at + len` of `text` is a whole word: neither
/// neighbour is a letter or digit.
fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at + len..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
