//! How the standard spelling of an ayah lines up with its Uthmani spelling:
//! which words correspond, and inside corresponding words which letters.
//!
//! Both sides are search keys (normalized, words separated by one space).
//! Almost every ayah has the same words in both spellings, one for one; in
//! 369 ayahs the Uthmani writes two words as one (the vocative `يا` joined to
//! its noun, `يٰبني` for `يا بني`; `هٰأنتم`, `مالي`, `لوما`) or, once,
//! splits one. [`align_words`] finds those groups; [`after_aligned`] maps a
//! letter position inside a group. Pure functions of their input.

/// A run of words that correspond: `(standard words, Uthmani words)`.
pub(super) type Group = (u8, u8);

/// The group shapes the word alignment may use: one to one, one Uthmani
/// word for two or three standard ones and the reverse, and (at a cost) a
/// word with no counterpart, so that an alignment always exists.
const SHAPES: [Group; 7] = [(1, 1), (2, 1), (1, 2), (3, 1), (1, 3), (1, 0), (0, 1)];

/// Extra cost of a group that is not one word for one word, so that a join
/// is chosen only when it makes the spellings more alike.
fn shape_cost((a, b): Group) -> u32 {
    match (a, b) {
        (0, _) | (_, 0) => 3,
        _ => u32::from(a.max(b) - 1),
    }
}

/// The groups that line up `standard` with `uthmani` (both lists of words),
/// in order, covering every word of both: the alignment whose groups'
/// spellings (joined without spaces) differ by the fewest letters.
pub(super) fn align_words(standard: &[&str], uthmani: &[&str]) -> Vec<Group> {
    let (n, m) = (standard.len(), uthmani.len());
    let width = m + 1;
    // Only cells near the diagonal: the two spellings differ by a few joins.
    let band = n.abs_diff(m) + 3;
    let mut cost = vec![u32::MAX; (n + 1) * width];
    let mut step: Vec<Group> = vec![(0, 0); (n + 1) * width];
    cost[0] = 0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if here == u32::MAX || i.abs_diff(j) > band {
                continue;
            }
            for shape in SHAPES {
                let (a, b) = (usize::from(shape.0), usize::from(shape.1));
                let (Some(s), Some(u)) = (standard.get(i..i + a), uthmani.get(j..j + b)) else {
                    continue;
                };
                let total = here + distance(&s.concat(), &u.concat()) + shape_cost(shape);
                let next = (i + a) * width + j + b;
                if total < cost[next] {
                    cost[next] = total;
                    step[next] = shape;
                }
            }
        }
    }
    let mut groups = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let shape = step[i * width + j];
        if shape == (0, 0) {
            // Unreachable (the (1, 0) and (0, 1) shapes reach every cell in
            // the band, and the corner is in it); stop rather than loop.
            break;
        }
        groups.push(shape);
        i -= usize::from(shape.0);
        j -= usize::from(shape.1);
    }
    groups.reverse();
    groups
}

/// The edit distance between `a` and `b`, in characters.
pub(super) fn distance(a: &str, b: &str) -> u32 {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<u32> = (0..).take(b.len() + 1).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + u32::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row.last().copied().unwrap_or(0)
}

/// For each character of `standard`, the character of `uthmani` it lines up
/// with (`None` where the Uthmani has no counterpart), by edit distance.
pub(super) fn letter_map(standard: &[char], uthmani: &[char]) -> Vec<Option<usize>> {
    let (n, m) = (standard.len(), uthmani.len());
    let width = m + 1;
    let mut cost = vec![0u32; (n + 1) * width];
    for i in 0..=n {
        for j in 0..=m {
            cost[i * width + j] = match (i, j) {
                (0, _) | (_, 0) => u32::try_from(i + j).unwrap_or(u32::MAX),
                _ => {
                    let substitute = u32::from(standard[i - 1] != uthmani[j - 1]);
                    (cost[(i - 1) * width + j - 1] + substitute)
                        .min(cost[(i - 1) * width + j] + 1)
                        .min(cost[i * width + j - 1] + 1)
                }
            };
        }
    }
    let mut map = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = cost[i * width + j];
        let substitute = u32::from(standard[i - 1] != uthmani[j - 1]);
        if here == cost[(i - 1) * width + j - 1] + substitute {
            map[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if here == cost[(i - 1) * width + j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    map
}

/// Where a position in a standard group falls in its Uthmani group: just
/// after the Uthmani letter that the last lined-up standard letter before
/// `at` (a character index) corresponds to, or at the start. So a match
/// starting inside a word begins at its first Uthmani letter, including a
/// hamza seat the Uthmani writes before it (`ءامنوا` for `امنوا`).
pub(super) fn after_aligned(map: &[Option<usize>], at: usize) -> usize {
    map.get(..at)
        .unwrap_or(map)
        .iter()
        .rev()
        .find_map(|u| u.map(|u| u + 1))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn the_same_words_line_up_one_for_one() {
        let standard = words("الحمد لله رب العالمين");
        let uthmani = words("الحمد لله رب العلمين");
        assert_eq!(align_words(&standard, &uthmani), [(1, 1); 4]);
    }

    #[test]
    fn a_joined_vocative_is_one_group_of_two_words() {
        let standard = words("يا بني اسراييل اذكروا نعمتي");
        let uthmani = words("يبني اسرءيل اذكروا نعمتي");
        assert_eq!(
            align_words(&standard, &uthmani),
            [(2, 1), (1, 1), (1, 1), (1, 1)],
            "يا بني is يبني"
        );
        let standard = words("قال يا ابن ام لا تاخذ");
        let uthmani = words("قال يبنوم لا تاخذ");
        assert_eq!(
            align_words(&standard, &uthmani),
            [(1, 1), (3, 1), (1, 1), (1, 1)],
            "يا ابن ام is يبنوم (20:94)"
        );
    }

    #[test]
    fn a_word_the_uthmani_text_splits_is_one_group_of_two_words() {
        let standard = words("نفسا فاداراتم فيها");
        let uthmani = words("نفسا فادر تم فيها");
        assert_eq!(align_words(&standard, &uthmani), [(1, 1), (1, 2), (1, 1)]);
    }

    #[test]
    fn an_empty_side_still_covers_every_word() {
        assert_eq!(align_words(&[], &["a", "b"]), [(0, 1), (0, 1)]);
        assert_eq!(align_words(&["a"], &[]), [(1, 0)]);
        assert!(align_words(&[], &[]).is_empty());
    }

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(distance("الصلاه", "الصلوه"), 1);
        assert_eq!(distance("ابراهيم", "ابرهم"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
    }

    #[test]
    fn letters_line_up_across_the_uthmani_spelling() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let map = letter_map(&chars("والصلاه"), &chars("والصلوه"));
        assert_eq!(map, (0..7).map(Some).collect::<Vec<_>>(), "ا for و");
        let map = letter_map(&chars("يا بني"), &chars("يبني"));
        assert_eq!(map, [Some(0), None, None, Some(1), Some(2), Some(3)]);
        assert_eq!(after_aligned(&map, 3), 1, "بني starts at the Uthmani ب");
        assert_eq!(after_aligned(&map, 2), 1, "يا ends after the ي");
        let map = letter_map(&chars("وامنوا"), &chars("وءامنوا"));
        assert_eq!(after_aligned(&map, 1), 1, "امنوا starts at the hamza seat");
        assert_eq!(after_aligned(&map, 0), 0);
    }
}
