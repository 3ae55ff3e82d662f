//! A query turned into search keys: the words and the phrase to look
//! for, each in the query's own spelling and, for Arabic, without medial
//! alefs.

use companion_core::arabic;
use companion_core::latin;

/// How a text is turned into its search key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keying {
    /// [`arabic::normalize`], for Arabic-script text.
    Arabic,
    /// [`latin::fold`], for every other script.
    Folded,
}

impl Keying {
    pub(super) fn key(self, text: &str) -> String {
        match self {
            Keying::Arabic => arabic::normalize(text),
            Keying::Folded => latin::fold(text),
        }
    }

    pub(super) fn key_with_offsets(self, text: &str) -> (String, Vec<usize>) {
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
pub(super) struct Term {
    pub spellings: Vec<String>,
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
pub(super) struct Prepared {
    /// Distinct words, longest first (the longest is usually the rarest, so
    /// it is the one scanned across the whole text).
    pub words: Vec<Term>,
    /// The whole query, when it has more than one word.
    pub phrase: Option<Term>,
}

impl Prepared {
    pub(super) fn new(keying: Keying, query: &str) -> Option<Prepared> {
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
    pub(super) fn needles(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .chain(&self.phrase)
            .flat_map(|t| t.spellings.iter().map(String::as_str))
    }
}
