//! A query turned into search keys: the words and the phrase to look
//! for, each in the query's own spelling and, for Arabic, in the other
//! spellings that find the same word (see [`Term`]).

use companion_core::arabic;
use companion_core::latin;

use super::keys::is_word_char;

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

/// One spelling of a term and where it is looked for.
#[derive(Debug, Clone)]
pub(super) struct Spelling {
    /// The search key to find.
    pub key: String,
    /// The query's own spelling (matches in it rank higher).
    pub exact: bool,
    /// Also looked for in the standard-spelling text of the Qur'an (the
    /// spelling without medial alefs exists only for the Uthmani text).
    pub standard: bool,
    /// Counts only at the start of a word, or after a joined `و` or `ف`:
    /// the `لل` form of a word with `ال`, which elsewhere is another word
    /// (`لله` is in `يضلله`).
    pub word_start: bool,
}

impl Spelling {
    fn new(key: String, exact: bool, standard: bool) -> Spelling {
        Spelling {
            key,
            exact,
            standard,
            word_start: false,
        }
    }

    /// Whether an occurrence of this spelling at byte `at` of `text` counts.
    pub(super) fn accepts(&self, text: &str, at: usize) -> bool {
        !self.word_start || starts_word(text, at)
    }
}

/// Whether byte `at` of `text` starts a word, or follows a joined `و` or
/// `ف` that does.
fn starts_word(text: &str, at: usize) -> bool {
    let is_edge = |c: Option<char>| !c.is_some_and(is_word_char);
    let mut before = text.get(..at).unwrap_or_default().chars().rev();
    match before.next() {
        Some('\u{0648}' | '\u{0641}') => is_edge(before.next()),
        c => is_edge(c),
    }
}

/// One thing to look for (a word or the whole phrase), in the query's own
/// spelling and, for an Arabic word starting with `ال`, its form after the
/// preposition `ل` (`للصلاة`, `لله`), where the alef is not written.
///
/// A query that finds nothing is tried again [`Prepared::relaxed`]: each
/// Arabic term also without its medial alefs, in the Uthmani text. The
/// mushaf writes many long "a" sounds with a superscript alef, which
/// normalization drops (`سُبۡحَٰنَ`, key `سبحن`); the standard-spelling text
/// finds such words in the spelling people type, so this is only for a
/// query that spells a word with an alef even the standard spelling omits
/// (`الرحمان`). Tried first it would match other words (`القرآن` would find
/// `ٱلۡقَرۡنَيۡنِ` through `القرن`).
#[derive(Debug, Clone)]
pub(super) struct Term {
    pub spellings: Vec<Spelling>,
}

impl Term {
    fn new(exact: String, keying: Keying, is_word: bool) -> Term {
        let after_lam = match keying {
            Keying::Arabic if is_word => after_lam(&exact),
            _ => None,
        };
        let mut spellings = vec![Spelling::new(exact, true, true)];
        spellings.extend(after_lam.map(|key| Spelling {
            word_start: true,
            ..Spelling::new(key, false, true)
        }));
        Term { spellings }
    }

    /// The scans that find every spelling of this term: spellings looked
    /// for in the same texts share one scan for the longest ending they
    /// have in common (`لصلاه` for `الصلاه` and `للصلاه`, `لله` for `الله`
    /// and `لله`), so a word with `ال` costs one scan per text, not two.
    pub(super) fn scans(&self) -> Vec<Scan<'_>> {
        let mut scans: Vec<Scan<'_>> = Vec::new();
        for spelling in &self.spellings {
            let shared = scans.iter_mut().find(|scan| {
                scan.standard == spelling.standard
                    && common_ending(scan.needle, &spelling.key).chars().count() >= 3
            });
            match shared {
                Some(scan) => {
                    scan.needle = common_ending(scan.needle, &spelling.key);
                    scan.spellings.push(spelling);
                }
                None => scans.push(Scan {
                    needle: &spelling.key,
                    standard: spelling.standard,
                    spellings: vec![spelling],
                }),
            }
        }
        scans
    }

    /// This term with its spelling without medial alefs added, searched in
    /// the Uthmani text only; `None` if it has none.
    fn relaxed(&self) -> Option<Term> {
        let own = self.spellings.first()?;
        let key = without_medial_alefs(&own.key)?;
        let mut relaxed = self.clone();
        relaxed.spellings.push(Spelling::new(key, false, false));
        Some(relaxed)
    }
}

/// One scan of a text for several spellings of a term, all ending with
/// `needle`.
#[derive(Debug)]
pub(super) struct Scan<'a> {
    pub needle: &'a str,
    /// Whether the standard-spelling text is scanned too.
    pub standard: bool,
    pub spellings: Vec<&'a Spelling>,
}

/// The longest ending `a` and `b` have in common, as a slice of `a`.
fn common_ending<'a>(a: &'a str, b: &str) -> &'a str {
    let len: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    a.get(a.len() - len..).unwrap_or_default()
}

/// `word` (starting with the article `ال`) as written after the
/// preposition `ل`, which drops the alef: `للصلاه` for `الصلاه`, and where
/// the word itself starts with lam, one lam fewer: `لله` for `الله`,
/// `لليل` for `الليل`. `None` for any other word, or for a word of fewer
/// than four letters (`الم` would give `للم`, `الي` for `إلى` `للي`).
fn after_lam(word: &str) -> Option<String> {
    const LAM: char = '\u{0644}';
    let rest = word.strip_prefix("\u{0627}\u{0644}")?;
    if rest.chars().count() < 2 {
        return None;
    }
    Some(if rest.starts_with(LAM) {
        format!("{LAM}{rest}")
    } else {
        format!("{LAM}{LAM}{rest}")
    })
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
    keying: Keying,
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
        let phrase = (words.len() > 1)
            .then(|| Term::new(key.trim_matches(is_edge).to_owned(), keying, false));
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        let words: Vec<Term> = words
            .into_iter()
            .map(|w| Term::new(w.to_owned(), keying, true))
            .collect();
        (!words.is_empty()).then_some(Prepared {
            words,
            phrase,
            keying,
        })
    }

    /// This query with every Arabic term also without its medial alefs (see
    /// [`Term`]); `None` if that adds no spelling.
    pub(super) fn relaxed(&self) -> Option<Prepared> {
        if self.keying != Keying::Arabic {
            return None;
        }
        let relax = |t: &Term| t.relaxed();
        let changed = self
            .words
            .iter()
            .chain(&self.phrase)
            .any(|t| relax(t).is_some());
        changed.then(|| Prepared {
            words: self
                .words
                .iter()
                .map(|t| relax(t).unwrap_or_else(|| t.clone()))
                .collect(),
            phrase: self
                .phrase
                .as_ref()
                .map(|t| relax(t).unwrap_or_else(|| t.clone())),
            keying: self.keying,
        })
    }

    /// Every spelling of every term, for highlighting.
    pub(super) fn needles(&self) -> impl Iterator<Item = &Spelling> {
        self.words
            .iter()
            .chain(&self.phrase)
            .flat_map(|t| t.spellings.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(query: &str) -> Vec<(String, bool, bool, bool)> {
        let prepared = Prepared::new(Keying::Arabic, query).expect("a word");
        prepared
            .needles()
            .map(|s| (s.key.clone(), s.exact, s.standard, s.word_start))
            .collect()
    }

    #[test]
    fn a_word_with_the_article_is_also_looked_for_after_lam() {
        let own = |k: &str| (k.to_owned(), true, true, false);
        let after_lam = |k: &str| (k.to_owned(), false, true, true);
        assert_eq!(
            spellings("الصلاة"),
            [own("الصلاه"), after_lam("للصلاه")],
            "the query's own spelling, and after lam at a word's start"
        );
        assert_eq!(spellings("الله"), [own("الله"), after_lam("لله")]);
        assert_eq!(spellings("الليل"), [own("الليل"), after_lam("لليل")]);
        assert_eq!(
            spellings("الم"),
            [own("الم")],
            "too short: لم is another word"
        );
        assert_eq!(spellings("صلاة"), [own("صلاه")], "no article");
    }

    #[test]
    fn a_relaxed_query_also_looks_for_words_without_medial_alefs_in_the_uthmani_text() {
        let prepared = Prepared::new(Keying::Arabic, "الرحمان الرحيم").expect("words");
        let relaxed = prepared.relaxed().expect("الرحمان has a medial alef");
        let keys: Vec<(&str, bool)> = relaxed
            .needles()
            .map(|s| (s.key.as_str(), s.standard))
            .collect();
        assert!(keys.contains(&("الرحمن", false)), "{keys:?}");
        assert!(keys.contains(&("الرحمن الرحيم", false)), "the phrase too");
        assert!(Prepared::new(Keying::Arabic, "الله")
            .and_then(|p| p.relaxed())
            .is_none());
        assert!(Prepared::new(Keying::Folded, "salat")
            .and_then(|p| p.relaxed())
            .is_none());
    }

    #[test]
    fn a_word_and_its_after_lam_form_share_one_scan() {
        let prepared = Prepared::new(Keying::Arabic, "الصلاة الله").expect("words");
        let needles = |t: &Term| -> Vec<(String, usize)> {
            t.scans()
                .iter()
                .map(|s| (s.needle.to_owned(), s.spellings.len()))
                .collect()
        };
        assert_eq!(needles(&prepared.words[0]), [("لصلاه".to_owned(), 2)]);
        assert_eq!(needles(&prepared.words[1]), [("لله".to_owned(), 2)]);
        let relaxed = prepared.relaxed().expect("الصلاه has a medial alef");
        assert_eq!(
            needles(&relaxed.words[0]),
            [("لصلاه".to_owned(), 2), ("الصله".to_owned(), 1)],
            "the Uthmani-only spelling is scanned on its own"
        );
    }

    #[test]
    fn the_after_lam_form_counts_only_at_the_start_of_a_word() {
        let spelling = Spelling {
            word_start: true,
            ..Spelling::new("لله".to_owned(), false, true)
        };
        let at = |text: &str| text.find("لله").expect("in text");
        for text in ["الحمد لله", "لله", "ولله", "فلله"] {
            assert!(spelling.accepts(text, at(text)), "{text}");
        }
        assert!(!spelling.accepts("يضلله", at("يضلله")), "inside يضلله");
        assert!(
            !spelling.accepts("عولله", at("عولله")),
            "after و inside a word"
        );
    }
}
