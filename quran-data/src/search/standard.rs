//! The Qur'an in standard (imlaei) spelling, a second search key of the
//! Arabic index, so that what people type (`الصلاة`, `القرآن`, `يا بني`)
//! finds the ayahs the mushaf spells `ٱلصَّلَوٰةَ`, `ٱلۡقُرۡءَانَ`, `يَٰبَنِيٓ`.
//!
//! The text is Tanzil's Simple Clean (`data/tanzil/`, see `ATTRIBUTION.md`),
//! read as published. Each ayah's words are lined up with the Uthmani
//! text's (see [`super::align`]) so a match in the standard spelling
//! highlights the Uthmani letters it corresponds to. This text is never
//! shown, and nothing here changes either text.

use std::fmt;

use companion_core::arabic;
use companion_core::reference::TOTAL_AYAHS;
use companion_core::AyahRef;

use super::align::{after_aligned, align_words, letter_map, Group};
use super::keys::Keys;

/// Tanzil's Quran text, Simple Clean (no diacritics), one `surah|ayah|text`
/// line per ayah followed by Tanzil's copyright notice.
const TANZIL_SIMPLE_CLEAN: &str = include_str!("../../data/tanzil/quran-simple-clean.txt");

/// Tanzil's text file writes the basmala before the first ayah of every
/// surah; in the mushaf it is not part of that ayah (but for Al-Fatihah,
/// where it is ayah 1, and At-Tawbah, which has none).
const BASMALA: &str = "بسم الله الرحمن الرحيم ";

/// The text of every ayah in standard spelling, in mushaf order, with the
/// basmala Tanzil's file writes before a surah's first ayah left out; `None`
/// if the file does not hold exactly every ayah in order (it does: the
/// file is pinned by checksum and tested).
pub(super) fn ayah_texts() -> Option<Vec<&'static str>> {
    let mut texts = Vec::with_capacity(usize::from(TOTAL_AYAHS));
    let lines = TANZIL_SIMPLE_CLEAN
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (index, line) in (0u16..).zip(lines) {
        let mut fields = line.splitn(3, '|');
        let (Some(surah), Some(ayah), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            return None;
        };
        let reference = AyahRef::new(surah.parse().ok()?, ayah.parse().ok()?).ok()?;
        if reference.index() != index {
            return None;
        }
        let text = match (reference.surah(), reference.ayah()) {
            (2.., 1) => text.strip_prefix(BASMALA).unwrap_or(text),
            _ => text,
        };
        texts.push(text);
    }
    (texts.len() == usize::from(TOTAL_AYAHS)).then_some(texts)
}

/// The standard-spelling keys of every ayah and how their words line up
/// with the Uthmani keys.
pub(super) struct StandardText {
    pub(super) keys: Keys,
    /// The word groups of the ayahs whose words do not line up one for one
    /// (by ayah index, sorted); every other ayah is one for one.
    groups: Vec<(u16, Box<[Group]>)>,
}

impl fmt::Debug for StandardText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandardText")
            .field("bytes", &self.keys.text().len())
            .field("regrouped_ayahs", &self.regrouped_ayahs())
            .finish_non_exhaustive()
    }
}

impl StandardText {
    /// The standard text's keys, lined up with `uthmani` (the Uthmani keys
    /// of every ayah); `None` if the standard text cannot be read.
    pub(super) fn build(uthmani: &Keys) -> Option<StandardText> {
        let texts = ayah_texts()?;
        if texts.len() != uthmani.len() {
            return None;
        }
        let keys = Keys::new(texts.iter().map(|t| arabic::normalize(t)));
        let mut groups = Vec::new();
        let spaces = |key: &str| key.bytes().filter(|&b| b == b' ').count();
        for (index, ayah) in (0u16..).zip(0..keys.len()) {
            let (standard, uthmani) = (keys.key(ayah), uthmani.key(ayah));
            // Same number of words: one for one (checked over the whole
            // text by a test).
            if spaces(standard) != spaces(uthmani) {
                let standard: Vec<&str> = standard.split(' ').collect();
                let uthmani: Vec<&str> = uthmani.split(' ').collect();
                groups.push((index, align_words(&standard, &uthmani).into()));
            }
        }
        groups.shrink_to_fit();
        Some(StandardText { keys, groups })
    }

    /// The word groups of ayah `ayah`, which has `words` standard words.
    pub(super) fn groups(&self, ayah: usize, words: usize) -> Vec<Group> {
        let index = u16::try_from(ayah).unwrap_or(u16::MAX);
        match self.groups.binary_search_by_key(&index, |(i, _)| *i) {
            Ok(found) => self
                .groups
                .get(found)
                .map_or_else(Vec::new, |(_, g)| g.to_vec()),
            Err(_) => vec![(1, 1); words],
        }
    }

    /// How many ayahs do not line up one word for one word.
    pub(super) fn regrouped_ayahs(&self) -> usize {
        self.groups.len()
    }

    /// The bytes this holds on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes()
            + self.groups.capacity() * std::mem::size_of::<(u16, Box<[Group]>)>()
            + self
                .groups
                .iter()
                .map(|(_, g)| std::mem::size_of_val::<[Group]>(g))
                .sum::<usize>()
    }

    /// How ayah `ayah`'s standard key lines up with `uthmani`, its Uthmani
    /// key, group by group.
    pub(super) fn align<'a>(&'a self, ayah: usize, uthmani: &'a str) -> AyahAlignment<'a> {
        let standard = self.keys.key(ayah);
        let standard_words = word_spans(standard);
        let uthmani_words = word_spans(uthmani);
        let (mut i, mut j) = (0, 0);
        let mut groups = Vec::with_capacity(standard_words.len());
        for (a, b) in self.groups(ayah, standard_words.len()) {
            let (a, b) = (usize::from(a), usize::from(b));
            groups.push((
                group_span(&standard_words, i, a, standard.len()),
                group_span(&uthmani_words, j, b, uthmani.len()),
            ));
            i += a;
            j += b;
        }
        AyahAlignment {
            standard,
            uthmani,
            groups,
        }
    }
}

/// How one ayah's standard key lines up with its Uthmani key.
#[derive(Debug)]
pub(super) struct AyahAlignment<'a> {
    standard: &'a str,
    uthmani: &'a str,
    /// The byte ranges of each word group: `(standard, Uthmani)`, in order.
    groups: Vec<((usize, usize), (usize, usize))>,
}

impl AyahAlignment<'_> {
    /// The ayah's standard key.
    pub(super) fn standard(&self) -> &str {
        self.standard
    }

    /// Where the match at bytes `start..end` of the standard key falls in
    /// the Uthmani key, as a byte range of it; `None` if it covers no
    /// Uthmani letter.
    pub(super) fn to_uthmani(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        // The group holding the match's first byte, and its last.
        let first = self.groups.partition_point(|(s, _)| s.1 <= start);
        let last = self.groups.partition_point(|(s, _)| s.1 < end);
        let &(s, u) = self.groups.get(first)?;
        let from = self.map_position(s, u, start);
        let &(s, u) = self.groups.get(last)?;
        let to = if end == s.1 {
            u.1
        } else {
            self.map_position(s, u, end)
        };
        (from < to).then_some((from, to))
    }

    /// Where byte `at` of the standard group `s` falls in the Uthmani group
    /// `u`, letter by letter.
    fn map_position(&self, s: (usize, usize), u: (usize, usize), at: usize) -> usize {
        if at <= s.0 {
            return u.0;
        }
        let (Some(group), Some(target)) = (self.standard.get(s.0..s.1), self.uthmani.get(u.0..u.1))
        else {
            return u.0;
        };
        if group == target {
            return u.0 + (at - s.0);
        }
        let before = self.standard.get(s.0..at).map_or(0, |b| b.chars().count());
        let standard_chars: Vec<char> = group.chars().collect();
        let uthmani_chars: Vec<char> = target.chars().collect();
        let map = letter_map(&standard_chars, &uthmani_chars);
        let letter = after_aligned(&map, before);
        u.0 + target
            .char_indices()
            .nth(letter)
            .map_or(target.len(), |(byte, _)| byte)
    }
}

/// The byte range of every word of `key` (words are separated by one
/// space).
fn word_spans(key: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for word in key.split(' ') {
        spans.push((start, start + word.len()));
        start += word.len() + 1;
    }
    spans
}

/// The byte range of `count` words from word `first`; an empty range
/// where the next word starts (or at `len`) when `count` is 0.
fn group_span(words: &[(usize, usize)], first: usize, count: usize, len: usize) -> (usize, usize) {
    let start = words.get(first).map_or(len, |w| w.0);
    match count
        .checked_sub(1)
        .and_then(|last| words.get(first + last))
    {
        Some(last) => (start, last.1),
        None => (start, start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quran::quran;
    use crate::search::align::distance;

    fn uthmani_keys() -> Keys {
        Keys::new(quran().ayahs().iter().map(|a| arabic::normalize(&a.text)))
    }

    fn index(surah: u16, ayah: u16) -> usize {
        usize::from(AyahRef::new(surah, ayah).unwrap().index())
    }

    #[test]
    fn every_ayah_is_read_and_the_basmala_before_first_ayahs_is_left_out() {
        let texts = ayah_texts().expect("the vendored file holds every ayah in order");
        assert_eq!(
            texts[index(1, 1)],
            "بسم الله الرحمن الرحيم",
            "1:1 is the basmala"
        );
        assert_eq!(texts[index(2, 1)], "الم", "2:1 without the basmala");
        assert!(
            texts[index(9, 1)].starts_with("براءة"),
            "At-Tawbah has none"
        );
        assert!(
            texts[index(27, 30)].ends_with("بسم الله الرحمن الرحيم"),
            "the basmala inside 27:30 stays"
        );
        let with_basmala = texts.iter().filter(|t| t.starts_with(BASMALA)).count();
        assert_eq!(with_basmala, 0, "no ayah but 1:1 starts with the basmala");
    }

    #[test]
    fn words_line_up_one_for_one_except_where_the_uthmani_joins_them() {
        let uthmani = uthmani_keys();
        let standard = StandardText::build(&uthmani).unwrap();
        // Counted independently with a script over both texts (normalized
        // as `arabic::normalize` does, Tanzil's basmala before first ayahs
        // removed): 369 ayahs have different word counts, 364 with one more
        // standard word (a joined vocative يا or ها, `مالي`, `لوما`, ...),
        // 4 with two more and 1 (2:72, فاداراتم) with one fewer.
        assert_eq!(standard.regrouped_ayahs(), 369);
        assert_eq!(standard.groups(index(2, 40), 13)[0], (2, 1), "يا بني");
        assert_eq!(standard.groups(index(20, 94), 0)[1], (3, 1), "يا ابن ام");
        assert_eq!(standard.groups(index(2, 72), 0)[3], (1, 2), "فاداراتم");
        assert_eq!(standard.groups(index(1, 1), 4), [(1, 1); 4]);
    }

    #[test]
    fn every_word_group_is_spelled_alike_in_both_texts() {
        let uthmani = uthmani_keys();
        let standard = StandardText::build(&uthmani).unwrap();
        for ayah in 0..uthmani.len() {
            let s_words: Vec<&str> = standard.keys.key(ayah).split(' ').collect();
            let u_words: Vec<&str> = uthmani.key(ayah).split(' ').collect();
            let (mut i, mut j) = (0, 0);
            for (a, b) in standard.groups(ayah, s_words.len()) {
                let (a, b) = (usize::from(a), usize::from(b));
                let s = s_words[i..i + a].concat();
                let u = u_words[j..j + b].concat();
                let letters = s.chars().count().max(u.chars().count());
                let differ = usize::try_from(distance(&s, &u)).unwrap();
                // At most about half the letters differ: 3 of 6 in `اللايي`,
                // `الي` (33:4, 58:2, 65:4), 2 of 3 in `راي`, `رءا` (9 times),
                // 3 of 5 in `اتاني`, `ءاتين` (27:36) and `براء`, `برءوا`
                // (60:4).
                assert!(
                    a > 0 && b > 0 && differ * 2 <= letters + 1,
                    "ayah index {ayah}: {s} and {u} are not the same word"
                );
                i += a;
                j += b;
            }
            assert_eq!((i, j), (s_words.len(), u_words.len()), "every word");
        }
    }

    #[test]
    fn a_standard_match_maps_to_the_uthmani_letters() {
        let uthmani = uthmani_keys();
        let standard = StandardText::build(&uthmani).unwrap();
        let mapped = |ayah: usize, needle: &str| {
            let key = standard.keys.key(ayah);
            let start = key.find(needle).unwrap();
            let u = uthmani.key(ayah);
            let (from, to) = standard
                .align(ayah, u)
                .to_uthmani(start, start + needle.len())
                .unwrap();
            u[from..to].to_owned()
        };
        assert_eq!(mapped(index(2, 3), "الصلاه"), "الصلوه");
        assert_eq!(mapped(index(2, 43), "الصلاه"), "الصلوه", "after و");
        assert_eq!(mapped(index(2, 40), "يا بني اسراييل"), "يبني اسرءيل");
        assert_eq!(mapped(index(2, 40), "بني"), "بني", "inside يبني");
        assert_eq!(mapped(index(2, 40), "يا"), "ي", "the ي of يبني");
        assert_eq!(mapped(index(2, 124), "ابراهيم"), "ابرهم");
        assert_eq!(mapped(index(2, 185), "القران"), "القرءان");
        assert_eq!(mapped(index(2, 72), "فاداراتم"), "فادر تم");
    }
}
