//! Case- and accent-insensitive search keys for translation text (Latin,
//! Cyrillic, Greek and any other script with case or combining accents).
//!
//! Like [`crate::arabic`], this only computes keys from text and never
//! changes the text shown to the reader; it must stay pure for wasm32.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::arabic::OffsetMapped;

/// Whitespace and control characters separate words.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Invisible formatting characters that must not split or block a match.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Typographic apostrophes fold to the ASCII one, so `Allah’s` and
/// `Allah's` are the same key.
fn fold_apostrophe(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    }
}

/// Folds every character of `text` into `out`, which keeps the offsets.
fn fold_into(text: &str, out: &mut OffsetMapped) {
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        // Most translation text is ASCII: skip the decomposition tables.
        if c.is_ascii_graphic() {
            out.push(c.to_ascii_lowercase(), at, end);
            continue;
        }
        if is_space(c) {
            out.space(at);
            continue;
        }
        if is_invisible(c) {
            out.drop_char(end);
            continue;
        }
        let mut first = true;
        // Canonical decomposition then dropping every combining mark is NFD
        // without the mark reordering, which cannot matter once all marks
        // are gone.
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for lower in d.to_lowercase() {
                // Lowercasing can itself produce a mark (İ -> i + U+0307).
                if is_combining_mark(lower) {
                    continue;
                }
                let lower = fold_apostrophe(lower);
                if first {
                    out.push(lower, at, end);
                    first = false;
                } else {
                    out.push_more(lower, at);
                }
            }
        });
        if first {
            // The character was only marks (a lone combining accent).
            out.drop_char(end);
        }
    }
}

/// The search key of translation `text`: canonical decomposition (NFD),
/// combining marks removed, lowercase, typographic apostrophes made ASCII,
/// invisible formatting characters removed, every run of whitespace or
/// control characters replaced by one ASCII space, trimmed.
///
/// ```
/// use companion_core::latin::fold;
/// assert_eq!(fold("  Miséricordieux\u{2009}ÉTERNEL "), "misericordieux eternel");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = OffsetMapped::new(text.len(), false);
    fold_into(text, &mut out);
    out.finish().0
}

/// [`fold`], also returning where each byte of the result came from, with the
/// same convention as [`crate::arabic::normalize_with_offsets`]: one offset
/// per folded byte plus one, so a match at folded bytes `start..end`
/// highlights `text[offsets[start]..offsets[end]]`, including the accents of
/// the last matched letter.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = OffsetMapped::new(text.len(), true);
    fold_into(text, &mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case() {
        assert_eq!(fold("MERCIFUL"), fold("merciful"));
        assert_eq!(fold("Merciful"), "merciful");
    }

    #[test]
    fn fold_ignores_accents_in_precomposed_and_decomposed_form() {
        assert_eq!(fold("Miséricordieux"), "misericordieux");
        assert_eq!(
            fold("Mise\u{0301}ricordieux"),
            "misericordieux",
            "NFD input"
        );
        assert_eq!(fold("Öppningen"), "oppningen");
        assert_eq!(fold("Fâtiha"), "fatiha");
        assert_eq!(
            fold("İstanbul"),
            "istanbul",
            "lowercasing makes no stray mark"
        );
    }

    #[test]
    fn fold_collapses_whitespace_and_unifies_apostrophes() {
        assert_eq!(
            fold("  In the\u{2009}\u{2009}name \n of "),
            "in the name of"
        );
        assert_eq!(fold("Allah’s"), fold("Allah's"));
        assert_eq!(fold("a\u{0}b"), "a b", "control characters separate words");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_keeps_scripts_without_case_as_they_are() {
        assert_eq!(fold("奉至仁至慈的安拉之名"), "奉至仁至慈的安拉之名");
        assert_eq!(fold("Во имя Аллаха"), "во имя аллаха");
    }

    #[test]
    fn offsets_map_a_folded_match_back_to_the_accented_original() {
        let text = "Le Très Miséricordieux";
        let (key, offsets) = fold_with_offsets(text);
        assert_eq!(offsets.len(), key.len() + 1, "one offset per byte plus one");
        let start = key.find("tres").expect("found");
        let end = start + "tres".len();
        assert_eq!(&text[offsets[start]..offsets[end]], "Très");
        let start = key.find("misericordieux").expect("found");
        let end = start + "misericordieux".len();
        assert_eq!(&text[offsets[start]..offsets[end]], "Miséricordieux");
    }

    #[test]
    fn offsets_include_a_trailing_combining_accent() {
        let text = "cafe\u{0301} noir";
        let (key, offsets) = fold_with_offsets(text);
        assert_eq!(key, "cafe noir");
        assert_eq!(
            &text[offsets[0]..offsets[4]],
            "cafe\u{0301}",
            "the accent belongs to the e"
        );
    }
}
