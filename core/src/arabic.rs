//! Rules about Arabic text: which characters count as letters for the
//! Hasanat reward, and how text is normalized so a search ignores
//! diacritics, Qur'anic marks and letter-form variants.
//!
//! These functions never change the Qur'an text itself; they compute counts
//! and search keys from it. They must stay pure (no I/O, no tables loaded at
//! run time) because the UI runs them in WebAssembly.

/// Whether `c` is a written Arabic letter for the Hasanat count.
///
/// The rule (SPEC, "Reward"): letters are the base letters U+0621 to U+063A
/// (hamza, alef forms, ba to ghain), U+0641 to U+064A (fa to ya, including
/// alef maksura) and alef wasla U+0671. Standalone and seated hamza count.
/// Nothing else counts: not diacritics (U+064B to U+065F), superscript alef
/// (U+0670), tatweel (U+0640), small waw and small ya or any other Qur'anic
/// mark (U+06D6 to U+06ED), nor spaces. With this rule Al-Fatihah has 139
/// letters.
pub fn is_counted_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}')
}

/// The number of counted letters in `text` (see [`is_counted_letter`]).
/// Hasanat for reading the text are ten times this.
pub fn letter_count(text: &str) -> u32 {
    let count = text.chars().filter(|&c| is_counted_letter(c)).count();
    // A text with four billion letters does not exist; saturate rather than
    // wrap if one ever did.
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Whether `c` is in one of the Unicode blocks used to write Arabic
/// (Arabic, Arabic Supplement, Arabic Extended-A, presentation forms).
/// Search uses it to decide that a query is Arabic.
pub fn is_arabic_script(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
    )
}

/// What normalization does with one character.
enum Fold {
    /// Not part of the search key (a diacritic or mark).
    Drop,
    /// A word separator; runs of them become one ASCII space.
    Space,
    /// Kept, possibly replaced by its base form.
    Keep(char),
}

fn fold_arabic(c: char) -> Fold {
    match c {
        // Harakat, tanwin, shadda, sukun, maddah, hamza above/below and the
        // other combining marks of the Arabic block.
        '\u{064B}'..='\u{065F}'
        // Superscript (dagger) alef.
        | '\u{0670}'
        // Tatweel.
        | '\u{0640}'
        // Qur'anic annotation marks: pause signs, small high letters, small
        // waw and ya, rub el hizb (U+06DE), sajdah sign (U+06E9), ...
        | '\u{06D6}'..='\u{06ED}'
        // Invisible formatting: zero-width space/joiners, direction marks,
        // Arabic letter mark, byte-order mark.
        | '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{FEFF}' => Fold::Drop,
        // Alef with hamza above/below, with madda, alef wasla, wavy hamza.
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
            Fold::Keep('\u{0627}')
        }
        // Hamza on waw seat.
        '\u{0624}' => Fold::Keep('\u{0648}'),
        // Hamza on ya seat, alef maksura, Farsi yeh (typed on Persian and
        // Urdu keyboards).
        '\u{0626}' | '\u{0649}' | '\u{06CC}' => Fold::Keep('\u{064A}'),
        // Ta marbuta.
        '\u{0629}' => Fold::Keep('\u{0647}'),
        // Keheh (Persian and Urdu keyboards' kaf).
        '\u{06A9}' => Fold::Keep('\u{0643}'),
        c if c.is_whitespace() || c.is_control() => Fold::Space,
        c => Fold::Keep(c),
    }
}

/// The search key of Arabic `text`: diacritics, superscript alef, tatweel,
/// Qur'anic marks and invisible formatting characters removed; alef forms
/// (أ إ آ ٱ and U+0672/U+0673) become ا, ؤ becomes و, ئ and ى (and Farsi ی)
/// become ي, ة becomes ه (and Persian ک becomes ك); every run of whitespace
/// or control characters becomes one ASCII space, trimmed at both ends.
///
/// ```
/// use companion_core::arabic::normalize;
/// assert_eq!(normalize("ٱلرَّحۡمَٰنِ"), "الرحمن");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = OffsetMapped::new(text.len(), false);
    for (at, c) in text.char_indices() {
        match fold_arabic(c) {
            Fold::Drop => out.drop_char(at + c.len_utf8()),
            Fold::Space => out.space(at),
            Fold::Keep(k) => out.push(k, at, at + c.len_utf8()),
        }
    }
    out.finish().0
}

/// [`normalize`], also returning where each byte of the result came from.
///
/// The offset vector has one entry per byte of the normalized string plus
/// one: `offsets[i]` is the byte offset in `text` of the character that
/// produced normalized byte `i` (for a collapsed space, the start of the
/// whitespace run), and the last entry is the end of the last kept
/// character together with the marks written right after it.
///
/// So a match at normalized bytes `start..end` (on char boundaries)
/// highlights `text[offsets[start]..offsets[end]]`: it starts at the first
/// matched letter and ends just before the next kept character, covering the
/// diacritics and marks that follow the last matched letter.
///
/// ```
/// use companion_core::arabic::normalize_with_offsets;
/// let text = "بِسۡمِ ٱللَّهِ";
/// let (key, offsets) = normalize_with_offsets(text);
/// let start = key.find("الله").unwrap();
/// let end = start + "الله".len();
/// assert_eq!(&text[offsets[start]..offsets[end]], "ٱللَّهِ");
/// ```
pub fn normalize_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = OffsetMapped::new(text.len(), true);
    for (at, c) in text.char_indices() {
        match fold_arabic(c) {
            Fold::Drop => out.drop_char(at + c.len_utf8()),
            Fold::Space => out.space(at),
            Fold::Keep(k) => out.push(k, at, at + c.len_utf8()),
        }
    }
    out.finish()
}

/// Builds a folded string and, optionally, the map from its bytes back to
/// the original (see [`normalize_with_offsets`] for the map's meaning).
/// Shared with [`crate::latin`].
#[derive(Debug)]
pub(crate) struct OffsetMapped {
    text: String,
    offsets: Option<Vec<usize>>,
    /// Start of the whitespace seen since the last kept character, if any.
    pending_space: Option<usize>,
    /// End of the last kept character and of the marks attached to it.
    end: usize,
}

impl OffsetMapped {
    pub(crate) fn new(capacity: usize, with_offsets: bool) -> Self {
        OffsetMapped {
            text: String::with_capacity(capacity),
            offsets: with_offsets.then(|| Vec::with_capacity(capacity + 1)),
            pending_space: None,
            end: 0,
        }
    }

    /// Appends `c`, produced by the original character at `start..end`.
    pub(crate) fn push(&mut self, c: char, start: usize, end: usize) {
        if let Some(space_at) = self.pending_space.take() {
            // Leading whitespace is dropped: only a space between two kept
            // characters survives.
            if !self.text.is_empty() {
                self.push_bytes(' ', space_at);
            }
        }
        self.push_bytes(c, start);
        self.end = end;
    }

    /// Appends `c`, produced by the same original character as the previous
    /// `push` (for one character that folds to several).
    pub(crate) fn push_more(&mut self, c: char, start: usize) {
        self.push_bytes(c, start);
    }

    fn push_bytes(&mut self, c: char, origin: usize) {
        self.text.push(c);
        if let Some(offsets) = &mut self.offsets {
            offsets.extend(std::iter::repeat_n(origin, c.len_utf8()));
        }
    }

    /// Skips an original character ending at `end`. When it is written right
    /// after a kept character (no whitespace between), it belongs to it.
    pub(crate) fn drop_char(&mut self, end: usize) {
        if self.pending_space.is_none() && !self.text.is_empty() {
            self.end = end;
        }
    }

    /// Notes whitespace starting at `start`.
    pub(crate) fn space(&mut self, start: usize) {
        self.pending_space.get_or_insert(start);
    }

    pub(crate) fn finish(self) -> (String, Vec<usize>) {
        let offsets = match self.offsets {
            Some(mut offsets) => {
                offsets.push(self.end);
                offsets
            }
            None => Vec::new(),
        };
        (self.text, offsets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FATIHAH: [&str; 7] = [
        "بِسۡمِ ٱللَّهِ ٱلرَّحۡمَٰنِ ٱلرَّحِيمِ",
        "ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ",
        "ٱلرَّحۡمَٰنِ ٱلرَّحِيمِ",
        "مَٰلِكِ يَوۡمِ ٱلدِّينِ",
        "إِيَّاكَ نَعۡبُدُ وَإِيَّاكَ نَسۡتَعِينُ",
        "ٱهۡدِنَا ٱلصِّرَٰطَ ٱلۡمُسۡتَقِيمَ",
        "صِرَٰطَ ٱلَّذِينَ أَنۡعَمۡتَ عَلَيۡهِمۡ غَيۡرِ ٱلۡمَغۡضُوبِ عَلَيۡهِمۡ وَلَا ٱلضَّآلِّينَ",
    ];

    #[test]
    fn al_fatihah_has_139_letters() {
        let total: u32 = FATIHAH.iter().map(|a| letter_count(a)).sum();
        assert_eq!(total, 139, "the SPEC's reference count for Al-Fatihah");
    }

    #[test]
    fn letters_count_alef_wasla_and_hamza_but_not_marks() {
        assert!(is_counted_letter('ٱ'), "alef wasla counts");
        assert!(is_counted_letter('ء'), "standalone hamza counts");
        assert!(is_counted_letter('ى'), "alef maksura counts");
        for mark in [
            '\u{064E}', '\u{0670}', '\u{0640}', '\u{06E5}', '\u{06E6}', '\u{06DE}', ' ',
        ] {
            assert!(
                !is_counted_letter(mark),
                "{:04X} must not count",
                u32::from(mark)
            );
        }
        assert_eq!(letter_count("بِسۡمِ"), 3, "ba, sin, mim");
        assert_eq!(letter_count(""), 0);
    }

    #[test]
    fn normalize_ignores_diacritics_and_alef_wasla() {
        assert_eq!(normalize("ٱلرَّحۡمَٰنِ"), "الرحمن");
        assert_eq!(normalize("الرحمن"), "الرحمن");
        assert_eq!(normalize(FATIHAH[0]), "بسم الله الرحمن الرحيم");
    }

    #[test]
    fn normalize_unifies_letter_form_variants() {
        assert_eq!(normalize("إله"), normalize("اله"), "alef with hamza below");
        assert_eq!(normalize("أ آ ٱ ٲ ٳ"), "ا ا ا ا ا", "all alef forms");
        assert_eq!(normalize("مؤمن"), "مومن", "hamza on waw");
        assert_eq!(normalize("شيئ"), "شيي", "hamza on ya");
        assert_eq!(normalize("هدى"), "هدي", "alef maksura");
        assert_eq!(normalize("رحمة"), "رحمه", "ta marbuta");
        assert_eq!(normalize("كـتـاب"), "كتاب", "tatweel");
        assert_eq!(normalize("کتاب"), "كتاب", "Persian keheh");
    }

    #[test]
    fn normalize_drops_quranic_marks_and_collapses_whitespace() {
        assert_eq!(
            normalize("۞ ٱلۡحَمۡدُ"),
            "الحمد",
            "rub el hizb and its space vanish"
        );
        assert_eq!(normalize("رَيۡبَۛ فِيهِۛ"), "ريب فيه", "pause marks");
        assert_eq!(normalize("سجد ۩"), "سجد", "sajdah sign");
        assert_eq!(
            normalize(" a\u{2009}\u{2009} b\n"),
            "a b",
            "thin space and newline"
        );
        assert_eq!(normalize("a ۞ b"), "a b", "a dropped mark between spaces");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn offsets_have_one_entry_per_normalized_byte_plus_one() {
        for text in FATIHAH.iter().copied().chain(["", " ۞ ", "x"]) {
            let (key, offsets) = normalize_with_offsets(text);
            assert_eq!(key, normalize(text), "both functions agree on {text:?}");
            assert_eq!(offsets.len(), key.len() + 1, "map length for {text:?}");
            assert!(
                offsets.windows(2).all(|w| w[0] <= w[1]),
                "offsets never go back"
            );
            assert!(
                offsets.iter().all(|&o| text.is_char_boundary(o)),
                "char boundaries"
            );
        }
    }

    #[test]
    fn highlight_covers_the_diacritics_after_the_last_matched_letter() {
        let text = FATIHAH[0];
        let (key, offsets) = normalize_with_offsets(text);
        let highlight = |needle: &str| {
            let start = key.find(needle).expect("needle in key");
            &text[offsets[start]..offsets[start + needle.len()]]
        };
        assert_eq!(highlight("الرحمن"), "ٱلرَّحۡمَٰنِ");
        assert_eq!(highlight("بسم"), "بِسۡمِ");
        assert_eq!(highlight("الرحيم"), "ٱلرَّحِيمِ", "the end of the text");
        assert_eq!(highlight("سم ال"), "سۡمِ ٱل", "across a space");
        assert_eq!(
            highlight("الر"),
            "ٱلرَّ",
            "inside a word, up to the next letter"
        );
    }

    #[test]
    fn highlight_after_a_leading_mark_starts_at_the_first_letter() {
        let text = "۞ ٱلۡحَمۡدُ لِلَّهِ";
        let (key, offsets) = normalize_with_offsets(text);
        assert_eq!(
            &text[offsets[0]..offsets[key.find(' ').expect("space")]],
            "ٱلۡحَمۡدُ"
        );
    }
}
