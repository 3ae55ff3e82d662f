//! The search index of one text: every ayah's key in one string, scanned
//! with SIMD substring search, scored, and mapped back to the original
//! text for the hits that are returned. The Arabic index has a second key
//! per ayah, the standard spelling ([`StandardText`]), searched alongside.

use std::fmt;
use std::sync::OnceLock;

use companion_core::reference::TOTAL_AYAHS;
use companion_core::AyahRef;
use memchr::memmem::{Finder, FinderBuilder};

use super::keys::{is_word_char, Keys};
use super::query::{Keying, Prepared, Spelling, Term};
use super::standard::StandardText;
use super::{SearchField, SearchHit, EXACT_SPELLING, MATCH, PHRASE_PART, PHRASE_WHOLE, WHOLE_WORD};
use crate::quran::quran;
use crate::translation::{self, Direction};

/// How a term was found in one ayah: its best occurrence, a whole word
/// before a part of one, then the query's own spelling before another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    /// As a whole word (or whole phrase).
    whole: bool,
    /// In the query's own spelling.
    exact: bool,
}

impl Found {
    /// Nothing can improve on this.
    const BEST: Found = Found {
        whole: true,
        exact: true,
    };

    fn merge(self, other: Found) -> Found {
        self.max(other)
    }
}

/// The substring searchers of one term's spellings.
struct TermFinders<'a> {
    spellings: Vec<(&'a Spelling, Finder<'a>)>,
}

impl TermFinders<'_> {
    /// How the term occurs in ayah `ayah` of `index`, if it does.
    fn find(&self, index: &SearchIndex, ayah: usize) -> Option<Found> {
        let mut found: Option<Found> = None;
        for (spelling, finder) in &self.spellings {
            for keys in index.texts(spelling.standard) {
                if let Some(whole) = best_occurrence(keys.key(ayah), finder, spelling) {
                    let this = Found {
                        whole,
                        exact: spelling.exact,
                    };
                    found = Some(found.map_or(this, |f| f.merge(this)));
                }
                if found == Some(Found::BEST) {
                    return found;
                }
            }
        }
        found
    }
}

/// A matching ayah of one index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub ayah: u16,
    pub score: u32,
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
    pub(super) keying: Keying,
    /// Every ayah's key.
    keys: Keys,
    /// For the Qur'an text, every ayah's key in standard spelling.
    standard: Option<StandardText>,
    /// The original text of every ayah, for hits.
    originals: Vec<&'static str>,
    rank: ByteRank,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("field", &self.field)
            .field("language", &self.language)
            .field("bytes", &self.keys.text().len())
            .field("standard", &self.standard)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The index of the Arabic text, built on first use.
    pub fn arabic() -> &'static SearchIndex {
        static INDEX: OnceLock<SearchIndex> = OnceLock::new();
        INDEX.get_or_init(SearchIndex::arabic_uncached)
    }

    /// Builds the index of the Arabic text afresh (for the benchmark; use
    /// [`SearchIndex::arabic`]).
    #[doc(hidden)]
    pub fn arabic_uncached() -> SearchIndex {
        let originals = quran().ayahs().iter().map(|a| a.text.as_str()).collect();
        let mut index = SearchIndex::build(SearchField::Arabic, "ar", Keying::Arabic, originals);
        index.standard = StandardText::build(&index.keys);
        debug_assert!(index.standard.is_some(), "the standard text is read");
        index
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
        let keys = Keys::new(originals.iter().map(|t| keying.key(t)));
        debug_assert_eq!(originals.len(), usize::from(TOTAL_AYAHS));
        let rank = ByteRank::of(keys.text());
        SearchIndex {
            field,
            language,
            keying,
            keys,
            standard: None,
            originals,
            rank,
        }
    }

    /// About how many bytes the index holds on the heap (its keys, the
    /// standard text and its word groups, the list of original texts; not
    /// the texts themselves, which are the Qur'an's or a translation's).
    pub fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes()
            + self.standard.as_ref().map_or(0, StandardText::heap_bytes)
            + self.originals.capacity() * std::mem::size_of::<&str>()
    }

    /// The key texts to look in: this index's, and its standard-spelling
    /// text if it has one and `standard` is asked for.
    fn texts(&self, standard: bool) -> impl Iterator<Item = &Keys> {
        let standard = self.standard.as_ref().filter(|_| standard);
        std::iter::once(&self.keys).chain(standard.map(|s| &s.keys))
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
                .map(|s| (s, self.finder(&s.key)))
                .collect(),
        }
    }

    /// Every ayah where `term` occurs, in order, with how: one scan of each
    /// text per group of its spellings (see `Term::scans`).
    fn candidates(&self, term: &Term) -> Vec<(usize, Found)> {
        let mut candidates: Vec<(usize, Found)> = Vec::new();
        let mut scans = 0;
        for scan in term.scans() {
            let finder = self.finder(scan.needle);
            for keys in self.texts(scan.standard) {
                scans += 1;
                let text = keys.text();
                let mut ayah = 0;
                for at in finder.find_iter(text.as_bytes()) {
                    // A spelling ends with the needle, within the same ayah.
                    ayah = keys.ayah_at(ayah, at);
                    for spelling in &scan.spellings {
                        let Some(start) = at.checked_sub(spelling.key.len() - scan.needle.len())
                        else {
                            continue;
                        };
                        let here = text.get(start..).unwrap_or_default();
                        if !here.starts_with(&spelling.key) || !spelling.accepts(text, start) {
                            continue;
                        }
                        let found = Found {
                            whole: is_whole_word(text, start, spelling.key.len()),
                            exact: spelling.exact,
                        };
                        match candidates.last_mut() {
                            Some((last, so_far)) if *last == ayah => {
                                *so_far = so_far.merge(found);
                            }
                            _ => candidates.push((ayah, found)),
                        }
                    }
                }
            }
        }
        if scans > 1 {
            // Several ordered runs: order by ayah and merge duplicates.
            candidates.sort_by_key(|&(ayah, _)| ayah);
            candidates.dedup_by(|(ayah, found), (kept_ayah, kept)| {
                let same = ayah == kept_ayah;
                if same {
                    *kept = kept.merge(*found);
                }
                same
            });
        }
        candidates
    }

    /// Every ayah containing all words, scored.
    pub(super) fn matches(&self, query: &Prepared) -> Vec<Match> {
        let Some((first, rest)) = query.words.split_first() else {
            return Vec::new();
        };
        // Candidates from the first word (the longest, usually the rarest),
        // with the score of the words found so far.
        let candidates = self.candidates(first);
        let mut scored: Vec<(usize, u32)> = candidates
            .into_iter()
            .map(|(ayah, found)| (ayah, word_score(found)))
            .collect();
        // The other words only within the candidates.
        for word in rest {
            let finders = self.finders(word);
            scored.retain_mut(|(ayah, score)| match finders.find(self, *ayah) {
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
                let phrase_score = match phrase.as_ref().and_then(|p| p.find(self, ayah)) {
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
    pub(super) fn hit(&self, m: &Match, query: &Prepared) -> Option<SearchHit> {
        let ayah = usize::from(m.ayah);
        let original = *self.originals.get(ayah)?;
        let (key, offsets) = self.keying.key_with_offsets(original);
        // Byte ranges of `key` that matched, then of `original`.
        let mut matched: Vec<(usize, usize)> = Vec::new();
        let alignment = self.standard.as_ref().map(|s| s.align(ayah, &key));
        for needle in query.needles() {
            matched.extend(occurrences(&key, needle));
            if let Some(alignment) = alignment.as_ref().filter(|_| needle.standard) {
                matched.extend(
                    occurrences(alignment.standard(), needle)
                        .filter_map(|(start, end)| alignment.to_uthmani(start, end)),
                );
            }
        }
        let mut ranges: Vec<(usize, usize)> = matched
            .into_iter()
            .filter_map(|(start, end)| Some((*offsets.get(start)?, *offsets.get(end)?)))
            .collect();
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

/// Whether `spelling` occurs in `haystack` (`None` if not), and if so
/// whether one occurrence is a whole word.
fn best_occurrence(haystack: &str, finder: &Finder<'_>, spelling: &Spelling) -> Option<bool> {
    let mut found = None;
    for at in finder.find_iter(haystack.as_bytes()) {
        if !spelling.accepts(haystack, at) {
            continue;
        }
        if is_whole_word(haystack, at, spelling.key.len()) {
            return Some(true);
        }
        found = Some(false);
    }
    found
}

/// The byte ranges of `key` where `spelling` occurs (and counts).
fn occurrences<'a>(
    key: &'a str,
    spelling: &'a Spelling,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    key.match_indices(spelling.key.as_str())
        .filter(|(at, _)| spelling.accepts(key, *at))
        .map(|(at, matched)| (at, at + matched.len()))
}

/// Whether the match at `at..at + len` of `text` is a whole word: neither
/// neighbour is a letter or digit.
fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at + len..).and_then(|s| s.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}
