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
    // Words spelled alike at either end line up one for one; only the
    // middle, between the first and last difference, needs the search.
    let alike = |(s, u): &(&&str, &&str)| s == u;
    let head = standard.iter().zip(uthmani).take_while(alike).count();
    let (standard_rest, uthmani_rest) = (
        standard.get(head..).unwrap_or_default(),
        uthmani.get(head..).unwrap_or_default(),
    );
    let tail = standard_rest
        .iter()
        .rev()
        .zip(uthmani_rest.iter().rev())
        .take_while(alike)
        .count();
    let middle = align_middle(
        standard_rest
            .get(..standard_rest.len() - tail)
            .unwrap_or_default(),
        uthmani_rest
            .get(..uthmani_rest.len() - tail)
            .unwrap_or_default(),
    );
    let mut groups = vec![(1, 1); head];
    groups.extend(middle);
    groups.extend(std::iter::repeat_n((1, 1), tail));
    groups
}

/// [`align_words`] for words with no alike words at either end: the
/// cheapest path through the grid of word positions, near its diagonal
/// (the two spellings differ by a few joins).
fn align_middle(standard: &[&str], uthmani: &[&str]) -> Vec<Group> {
    let (n, m) = (standard.len(), uthmani.len());
    let standard: Vec<Vec<char>> = standard.iter().map(|w| w.chars().collect()).collect();
    let uthmani: Vec<Vec<char>> = uthmani.iter().map(|w| w.chars().collect()).collect();
    // How far `j - i` may stray: from the side with fewer words' surplus
    // and one more either way, for a join and a split near each other.
    let (low, high) = (n.saturating_sub(m) + 1, m.saturating_sub(n) + 1);
    let width = m + 1;
    let mut cost = vec![u32::MAX; (n + 1) * width];
    let mut step: Vec<Group> = vec![(0, 0); (n + 1) * width];
    let mut scratch = Scratch::default();
    cost[0] = 0;
    for i in 0..=n {
        for j in i.saturating_sub(low)..=(i + high).min(m) {
            let here = cost[i * width + j];
            if here == u32::MAX {
                continue;
            }
            for shape in SHAPES {
                let (a, b) = (usize::from(shape.0), usize::from(shape.1));
                let (Some(s), Some(u)) = (standard.get(i..i + a), uthmani.get(j..j + b)) else {
                    continue;
                };
                let total = here + scratch.distance(s, u) + shape_cost(shape);
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

/// Buffers reused by every edit distance of one alignment.
#[derive(Debug, Default)]
struct Scratch {
    b: Vec<char>,
    row: Vec<u32>,
}

impl Scratch {
    /// The edit distance between the words of `a` joined and those of `b`
    /// joined, in characters.
    fn distance(&mut self, a: &[Vec<char>], b: &[Vec<char>]) -> u32 {
        self.b.clear();
        self.b.extend(b.iter().flatten());
        self.row.clear();
        self.row.extend((0..).take(self.b.len() + 1));
        for (i, &ca) in a.iter().flatten().enumerate() {
            let mut diagonal = self.row[0];
            self.row[0] = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (j, &cb) in self.b.iter().enumerate() {
                let substitute = diagonal + u32::from(ca != cb);
                diagonal = self.row[j + 1];
                self.row[j + 1] = substitute.min(self.row[j] + 1).min(diagonal + 1);
            }
        }
        self.row.last().copied().unwrap_or(0)
    }
}

/// The edit distance between `a` and `b`, in characters.
#[cfg(test)]
pub(super) fn distance(a: &str, b: &str) -> u32 {
    let chars = |s: &str| vec![s.chars().collect::<Vec<char>>()];
    Scratch::default().distance(&chars(a), &chars(b))
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
