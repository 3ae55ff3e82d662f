//! The search keys of one text, every ayah's key in one string, so that a
//! needle is found across the whole text with one substring scan.

/// Every ayah's key followed by `'\n'`, in mushaf order, and where each
/// starts.
#[derive(Debug)]
pub(super) struct Keys {
    text: String,
    /// `starts[i]` is where ayah `i`'s key starts in `text`; the last entry
    /// is `text.len()`.
    starts: Vec<usize>,
}

impl Keys {
    /// Keys from every ayah's key, in mushaf order. A key must not contain
    /// a newline (normalized keys never do), so no match crosses two ayahs.
    pub(super) fn new(keys: impl ExactSizeIterator<Item = String>) -> Keys {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(keys.len() + 1);
        for key in keys {
            starts.push(text.len());
            text.push_str(&key);
            text.push('\n');
        }
        starts.push(text.len());
        text.shrink_to_fit();
        Keys { text, starts }
    }

    /// All keys, one per line.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// How many ayahs have a key.
    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The key of ayah `i`, without its newline; empty past the end.
    pub(super) fn key(&self, i: usize) -> &str {
        let (Some(&start), Some(&next)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        self.text.get(start..next.saturating_sub(1)).unwrap_or("")
    }

    /// The ayah whose key holds byte `at` of [`Keys::text`], looking no
    /// earlier than ayah `from` (matches come in order, so a scan passes
    /// the ayah it last found).
    pub(super) fn ayah_at(&self, from: usize, at: usize) -> usize {
        // The starts of the ayahs after `from`; the answer is `from` plus
        // how many of them are at or before `at`. A common word's next
        // match is usually a few ayahs on, so look there before a binary
        // search (which, for every match of `الله`, cost more than the scan).
        const NEAR: usize = 8;
        let after = self.starts.get(from + 1..).unwrap_or_default();
        let near = after.iter().take(NEAR).take_while(|&&s| s <= at).count();
        if near < NEAR {
            return from + near;
        }
        from + after.partition_point(|&s| s <= at)
    }

    /// The bytes this holds on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * std::mem::size_of::<usize>()
    }
}

/// Whether `c` belongs to a word (a letter or digit), as
/// [`char::is_alphanumeric`] says, answered without Unicode's tables for
/// ASCII and the Arabic letters: checked for every match found, where the
/// tables' lookup for an Arabic letter took a fifth of a search for `الله`.
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ayah_has_its_key_and_every_byte_its_ayah() {
        let keys = Keys::new(["ab", "", "cde"].into_iter().map(String::from));
        assert_eq!(keys.len(), 3);
        assert_eq!(
            [keys.key(0), keys.key(1), keys.key(2), keys.key(3)],
            ["ab", "", "cde", ""]
        );
        assert_eq!(keys.text(), "ab\n\ncde\n");
        let at = |byte| keys.ayah_at(0, byte);
        assert_eq!([at(0), at(1), at(3), at(4), at(6)], [0, 0, 1, 2, 2]);
        assert_eq!(keys.ayah_at(2, 6), 2, "a later start finds the same ayah");

        let many = Keys::new((0..100).map(|i| format!("{i:02}")));
        for (ayah, from) in [(0, 0), (5, 0), (8, 0), (9, 0), (99, 0), (99, 50), (50, 50)] {
            assert_eq!(many.ayah_at(from, ayah * 3 + 1), ayah, "near and far");
        }
    }

    #[test]
    fn word_characters_are_the_alphanumeric_ones() {
        let samples = ('\0'..='\u{7F}')
            .chain('\u{0600}'..='\u{06FF}')
            .chain("éßж安 \u{A0}".chars());
        for c in samples {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
