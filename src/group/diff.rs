//! A word-by-word comparison of two texts: last year's wording beside this
//! year's, so a group can see what it changed.
//!
//! Words are compared exactly (case and punctuation count); the spaces and
//! line breaks between them are not compared. The method is the longest
//! common subsequence of words: the words kept in order are `Same`, the rest
//! are `Removed` (only in the old text) or `Added` (only in the new).
//! Written here rather than taken from a crate because it is small and the
//! output has to suit people, not patches.

use serde::Serialize;

/// One run of words in a comparison. Each holds one or more words joined
/// by single spaces; runs of the same kind never follow each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum DiffPart {
    Same(String),
    Removed(String),
    Added(String),
}

impl DiffPart {
    pub fn text(&self) -> &str {
        match self {
            DiffPart::Same(t) | DiffPart::Removed(t) | DiffPart::Added(t) => t,
        }
    }
}

/// Above this many cells (words left in the old text times words left in
/// the new, after the shared start and end are taken off) the texts are
/// treated as entirely rewritten rather than compared word by word, to keep
/// memory small. About 2,000 words against 2,000: far beyond any funder's
/// limit.
const MAX_CELLS: usize = 4_000_000;

/// Compares `old` with `new` word by word.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut ops: Vec<(Kind, &str)> = Vec::with_capacity(a.len() + b.len());
    ops.extend(a[..prefix].iter().map(|w| (Kind::Same, *w)));
    if mid_a.len().saturating_mul(mid_b.len()) > MAX_CELLS {
        ops.extend(mid_a.iter().map(|w| (Kind::Removed, *w)));
        ops.extend(mid_b.iter().map(|w| (Kind::Added, *w)));
    } else {
        lcs_ops(mid_a, mid_b, &mut ops);
    }
    ops.extend(a[a.len() - suffix..].iter().map(|w| (Kind::Same, *w)));
    join(ops)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Same,
    Removed,
    Added,
}

/// The classic table: `len[i][j]` is the longest common subsequence of
/// `a[i..]` and `b[j..]`; walking it from the start gives the edits in
/// reading order, removals before additions where both are possible.
fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str], ops: &mut Vec<(Kind, &'a str)>) {
    let width = b.len() + 1;
    let mut len = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            len[i * width + j] = if a[i] == b[j] {
                len[(i + 1) * width + j + 1] + 1
            } else {
                len[(i + 1) * width + j].max(len[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            ops.push((Kind::Same, a[i]));
            i += 1;
            j += 1;
        } else if len[(i + 1) * width + j] >= len[i * width + j + 1] {
            ops.push((Kind::Removed, a[i]));
            i += 1;
        } else {
            ops.push((Kind::Added, b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|w| (Kind::Removed, *w)));
    ops.extend(b[j..].iter().map(|w| (Kind::Added, *w)));
}

/// Joins neighbouring words of the same kind into runs. Within a change,
/// removals are put before additions so `[-old-] {+new+}` reads in order.
fn join(ops: Vec<(Kind, &str)>) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    let mut same: Vec<&str> = Vec::new();
    let flush_change =
        |parts: &mut Vec<DiffPart>, removed: &mut Vec<&str>, added: &mut Vec<&str>| {
            if !removed.is_empty() {
                parts.push(DiffPart::Removed(removed.join(" ")));
                removed.clear();
            }
            if !added.is_empty() {
                parts.push(DiffPart::Added(added.join(" ")));
                added.clear();
            }
        };
    for (kind, word) in ops {
        match kind {
            Kind::Same => {
                flush_change(&mut parts, &mut removed, &mut added);
                same.push(word);
            }
            Kind::Removed | Kind::Added => {
                if !same.is_empty() {
                    parts.push(DiffPart::Same(same.join(" ")));
                    same.clear();
                }
                if kind == Kind::Removed {
                    removed.push(word);
                } else {
                    added.push(word);
                }
            }
        }
    }
    flush_change(&mut parts, &mut removed, &mut added);
    if !same.is_empty() {
        parts.push(DiffPart::Same(same.join(" ")));
    }
    parts
}

/// The comparison as one line of text: removed words in `[-...-]`, added
/// words in `{+...+}`, the rest as they are. Reads without colour and
/// aloud by a screen reader.
pub fn marked(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            DiffPart::Same(t) => t.clone(),
            DiffPart::Removed(t) => format!("[-{t}-]"),
            DiffPart::Added(t) => format!("{{+{t}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the comparison found any change.
pub fn is_unchanged(parts: &[DiffPart]) -> bool {
    parts.iter().all(|p| matches!(p, DiffPart::Same(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(t: &str) -> DiffPart {
        DiffPart::Same(t.into())
    }
    fn removed(t: &str) -> DiffPart {
        DiffPart::Removed(t.into())
    }
    fn added(t: &str) -> DiffPart {
        DiffPart::Added(t.into())
    }

    #[test]
    fn a_changed_word_in_the_middle() {
        let parts = word_diff(
            "We meet every two weeks in the church hall.",
            "We meet every week in the church hall.",
        );
        assert_eq!(
            parts,
            [
                same("We meet every"),
                removed("two weeks"),
                added("week"),
                same("in the church hall.")
            ]
        );
        assert_eq!(
            marked(&parts),
            "We meet every [-two weeks-] {+week+} in the church hall."
        );
    }

    #[test]
    fn additions_and_removals_at_the_ends() {
        assert_eq!(
            word_diff("About 12 come.", "Now about 15 come, most weeks."),
            [
                removed("About 12 come."),
                added("Now about 15 come, most weeks.")
            ]
        );
        assert_eq!(
            word_diff("Tea and cake.", "Tea and cake. And trips."),
            [same("Tea and cake."), added("And trips.")]
        );
        assert_eq!(
            word_diff("First. Tea and cake.", "Tea and cake."),
            [removed("First."), same("Tea and cake.")]
        );
    }

    #[test]
    fn empty_and_identical_texts() {
        assert_eq!(word_diff("", ""), []);
        assert_eq!(word_diff("", "New words"), [added("New words")]);
        assert_eq!(word_diff("Old words", "  "), [removed("Old words")]);
        let parts = word_diff("Same\nwords  here", "Same words\n\nhere");
        assert_eq!(parts, [same("Same words here")]);
        assert!(is_unchanged(&parts));
        assert!(!is_unchanged(&word_diff("a", "b")));
    }

    #[test]
    fn words_moved_keep_the_longest_run() {
        // "b c d" stays; the "a" that moved from the start to the end is
        // a removal and an addition.
        assert_eq!(
            word_diff("a b c d", "b c d a"),
            [removed("a"), same("b c d"), added("a")]
        );
    }

    #[test]
    fn very_long_rewrites_fall_back_to_all_removed_then_all_added() {
        let old: String = (0..2100).map(|i| format!("o{i} ")).collect();
        let new: String = (0..2100).map(|i| format!("n{i} ")).collect();
        let parts = word_diff(&format!("start {old} end"), &format!("start {new} end"));
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0], same("start"));
        assert!(matches!(&parts[1], DiffPart::Removed(t) if t.starts_with("o0 o1")));
        assert!(matches!(&parts[2], DiffPart::Added(t) if t.ends_with("n2099")));
        assert_eq!(parts[3], same("end"));
    }

    fn words(parts: &[DiffPart], keep: fn(&DiffPart) -> bool) -> Vec<String> {
        parts
            .iter()
            .filter(|p| keep(p))
            .flat_map(|p| p.text().split(' ').map(String::from).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The old words, as `Same` plus `Removed`, and the new, as `Same`
    /// plus `Added`, in order; `Same` is as long as any common
    /// subsequence can be (checked against a small brute force).
    fn lcs_len(a: &[&str], b: &[&str]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                t[i + 1][j + 1] = if a[i] == b[j] {
                    t[i][j] + 1
                } else {
                    t[i][j + 1].max(t[i + 1][j])
                };
            }
        }
        t[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn both_texts_come_back_and_the_shared_words_are_as_many_as_can_be(
            old in prop::collection::vec("[abc]{1,2}", 0..14),
            new in prop::collection::vec("[abc]{1,2}", 0..14),
        ) {
            let parts = word_diff(&old.join(" "), &new.join(" "));
            prop_assert_eq!(words(&parts, |p| !matches!(p, DiffPart::Added(_))), old.clone());
            prop_assert_eq!(words(&parts, |p| !matches!(p, DiffPart::Removed(_))), new.clone());
            let a: Vec<&str> = old.iter().map(String::as_str).collect();
            let b: Vec<&str> = new.iter().map(String::as_str).collect();
            prop_assert_eq!(words(&parts, |p| matches!(p, DiffPart::Same(_))).len(), lcs_len(&a, &b));
            for pair in parts.windows(2) {
                prop_assert!(std::mem::discriminant(&pair[0]) != std::mem::discriminant(&pair[1]));
            }
        }
    }
}
