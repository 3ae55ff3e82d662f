//! Small text helpers for display.

/// Writes a number with Arabic-Indic digits (255 → ٢٥٥) for ayah markers.
pub fn arabic_digits(n: u16) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Splits `text` into `(segment, highlighted)` runs from byte ranges.
/// Ranges that are out of order, overlapping or off a char boundary are
/// skipped rather than trusted.
pub fn highlight_segments(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at || end <= start {
            continue;
        }
        let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((before.to_owned(), false));
        }
        out.push((marked.to_owned(), true));
        at = end;
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            out.push((rest.to_owned(), false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ayah_numbers_use_arabic_indic_digits() {
        assert_eq!(arabic_digits(255), "٢٥٥");
        assert_eq!(arabic_digits(7), "٧");
    }

    #[test]
    fn highlights_split_the_text_without_losing_any_of_it() {
        let text = "In the name of Allah, the Merciful";
        let segments = highlight_segments(text, &[(3, 6), (26, 34)]);
        let joined: String = segments.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, text, "every character is still shown");
        assert_eq!(segments[1], ("the".to_owned(), true));
        assert_eq!(
            segments.last().cloned(),
            Some(("Merciful".to_owned(), true))
        );
    }

    #[test]
    fn bad_ranges_are_ignored_not_trusted() {
        let text = "ٱلرَّحۡمَٰنِ";
        // 1 is inside the first (two-byte) letter: not a char boundary.
        let segments = highlight_segments(text, &[(1, 4), (10, 5), (0, 999)]);
        let joined: String = segments.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, text);
        assert!(segments.iter().all(|(_, marked)| !marked));
    }
}
