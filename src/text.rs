//! Small text helpers shared by every front end: making untrusted text safe
//! to draw, counting words the way funders count them, and making slugs.

use unicode_segmentation::UnicodeSegmentation;

/// Removes control characters (ESC above all) so text from a funder profile,
/// an imported group file or a pasted answer cannot rewrite the terminal.
/// Newlines and tabs survive when `keep_newlines` is true; tabs become spaces.
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {}
            '\n' | '\r' => out.push(' '),
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            // Bidirectional override and isolate marks can make text read
            // differently from how it is stored; drop them on screen.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Bidirectional override and isolate controls: they make text read
/// differently from how it is stored (a file name that looks like
/// `report.pdf` but is `fdp.troper`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Sanitizes a single line for display (newlines become spaces).
pub fn one_line(text: &str) -> String {
    sanitize(text, false)
}

/// Counts words as a funder's form would: runs of letters or digits,
/// using Unicode word boundaries so CJK, accented and right-to-left text
/// count sensibly. Punctuation on its own is not a word.
///
/// Words joined by a hyphen with no space ("signing-in", "self-help",
/// "mother-in-law", "2026-27") count as one word, as web forms and word
/// processors count them: they split words at spaces, and a hyphen is not
/// a space. A dash between spaces ("tea - and cake") is not a word at all.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut last_end = None;
    for (start, word) in text.unicode_word_indices() {
        let joined = last_end.is_some_and(|end: usize| {
            let between = &text[end..start];
            !between.is_empty() && between.chars().all(is_hyphen)
        });
        if !joined {
            count += 1;
        }
        last_end = Some(start + word.len());
    }
    count
}

/// The hyphens that join words: the keyboard's hyphen-minus, and the
/// Unicode hyphen and non-breaking hyphen word processors put in.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Counts characters (Unicode scalar values), with or without spaces, as
/// funders that set character limits say they count.
pub fn char_count(text: &str, include_spaces: bool) -> usize {
    if include_spaces {
        text.chars().filter(|c| *c != '\r').count()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// Makes a file-safe slug from a group name: lower-case ASCII letters and
/// digits separated by single hyphens. Letters outside ASCII are written in
/// Latin letters first (deunicode), so "Grŵp Cefnogi Strôc Tŷ Ddewi" stays
/// readable as `grwp-cefnogi-stroc-ty-ddewi`. Returns `None` when nothing
/// usable is left (a name made only of symbols).
pub fn slugify(name: &str) -> Option<String> {
    let latin = deunicode::deunicode(name);
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for ch in latin.chars() {
        // "St Mary's" is one word, not "st-mary-s".
        if ch == '\'' {
            continue;
        }
        if ch.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(ch.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
        if slug.len() >= 60 {
            break;
        }
    }
    // A hyphen and a letter can take it from 59 to 61 characters.
    slug.truncate(60);
    let slug = slug.trim_end_matches('-').to_string();
    (!slug.is_empty()).then_some(slug)
}

/// True when `slug` is something `slugify` could have produced: safe to use
/// as a file name inside the data directory (no dots, slashes or `..`).
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 60
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// Whole pounds (as funder profiles give them) in pence, stopping at the
/// largest amount rather than overflowing on an absurd figure in a file.
pub fn pounds_to_pence(pounds: u64) -> i64 {
    i64::try_from(pounds)
        .unwrap_or(i64::MAX)
        .saturating_mul(100)
}

/// Whole pounds for people, with thousands separators: `£50,000`.
pub fn format_pounds(pounds: u64) -> String {
    format_pence(pounds_to_pence(pounds))
}

/// A count with its noun, singular or plural: "1 session", "2 sessions".
/// For nouns that add an `s` (all alongside needs so far).
pub fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    if n == N::from(1) {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "is" or "are" to follow a count of `n`.
pub fn is_are<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "is" } else { "are" }
}

/// Formats integer pence as pounds for people: `£1,234.50`, or `£1,234`
/// when there are no pence.
pub fn format_pence(pence: i64) -> String {
    let negative = pence < 0;
    let abs = pence.unsigned_abs();
    let pounds = abs / 100;
    let rest = abs % 100;
    let digits = pounds.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    if rest == 0 {
        format!("{sign}£{grouped}")
    } else {
        format!("{sign}£{grouped}.{rest:02}")
    }
}

/// "a, b or c": alternatives in a sentence (a list of choices).
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Suggests the closest known names to `wanted`, nearest first, for "did you
/// mean" hints on unknown question ids, keys and vocabulary entries. The
/// name typed itself is never suggested.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| {
            let mut score = strsim::jaro_winkler(&wanted, &k.to_lowercase());
            if k.contains(&wanted) || wanted.contains(k) {
                score += 0.2;
            }
            (score, k)
        })
        // Never "did you mean X" for the X that was typed (in another case,
        // or a name that is known but not in this place).
        .filter(|(score, k)| *score > 0.7 && k.to_lowercase() != wanted)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// The one name to offer as "did you mean" for `typed`: the closest of
/// `known`, but never `typed` itself (a name can be known in one list and
/// still be missing from the one that was searched).
pub fn did_you_mean<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest(typed, known.into_iter().filter(|k| *k != typed))
        .first()
        .copied()
}

/// Wraps text into lines at most `width` columns wide, breaking between
/// words (a word longer than a line is split). Widths are measured in
/// terminal columns, so wide characters such as CJK count as two.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed = if line.is_empty() {
                word.width()
            } else {
                line.width() + 1 + word.width()
            };
            if needed > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word.width() > width {
                // Split a long word between whole characters as people see
                // them (graphemes), so a flag or an accented letter is never
                // cut in two.
                for grapheme in word.graphemes(true) {
                    if line.width() + grapheme.width() > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push_str(grapheme);
                }
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Finds the 1-based line and column of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_never_suggests_what_was_typed() {
        let known = ["awards-for-all-england", "awards-for-all-wales"];
        assert_eq!(
            closest("awards-for-all-england", known),
            ["awards-for-all-wales"]
        );
        assert_eq!(
            closest("AWARDS-FOR-ALL-WALES", known),
            ["awards-for-all-england"]
        );
    }

    #[test]
    fn sanitize_removes_escape_sequences_but_keeps_text() {
        let hostile = "Hello\u{1b}[2J\u{1b}]0;owned\u{7}world\r\n\u{202E}x";
        assert_eq!(sanitize(hostile, true), "Hello[2J]0;ownedworld\nx");
        assert_eq!(one_line("a\nb\tc"), "a b    c");
    }

    #[test]
    fn word_count_handles_many_scripts() {
        assert_eq!(word_count("We meet every Tuesday."), 4);
        assert_eq!(word_count("  --  "), 0);
        assert_eq!(word_count("نلتقي كل أسبوع"), 3);
        assert_eq!(word_count("我们 每周 见面"), 6); // each CJK ideograph is a word boundary
        assert_eq!(word_count("tea ☕ and cake"), 3);
    }

    /// Real phrases from group answers and forms, counted as Microsoft
    /// Word, LibreOffice Writer and a web form's word counter count them
    /// (they split at spaces only).
    #[test]
    fn hyphenated_words_count_as_one() {
        assert_eq!(word_count("the signing-in sheet"), 3);
        assert_eq!(word_count("a self-help group"), 3);
        assert_eq!(word_count("my mother-in-law comes too"), 4);
        assert_eq!(word_count("our 2026-27 accounts"), 3);
        assert_eq!(word_count("well\u{2011}being and co\u{2010}ordinator"), 3);
        assert_eq!(word_count("e-mail us"), 2);
        // A dash with spaces round it joins nothing and is not a word.
        assert_eq!(word_count("tea - and cake"), 3);
        assert_eq!(word_count("tea -- and cake"), 3);
        // A trailing or leading hyphen does not join across a space.
        assert_eq!(word_count("pre- and post-stroke"), 3);
    }

    #[test]
    fn char_count_with_and_without_spaces() {
        assert_eq!(char_count("a b c", true), 5);
        assert_eq!(char_count("a b c", false), 3);
        assert_eq!(char_count("café", true), 4);
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(0, "session"), "0 sessions");
        assert_eq!(count(1, "session"), "1 session");
        assert_eq!(count(2, "word"), "2 words");
        assert_eq!(
            format!("{} {}", count(1, "answer"), is_are(1)),
            "1 answer is"
        );
        assert_eq!(
            format!("{} {}", count(4, "answer"), is_are(4)),
            "4 answers are"
        );
    }

    #[test]
    fn whole_pounds_have_thousands_separators() {
        assert_eq!(format_pounds(50000), "£50,000");
        assert_eq!(format_pounds(1000), "£1,000");
        assert_eq!(format_pounds(999), "£999");
        assert_eq!(format_pounds(1_250_000), "£1,250,000");
    }

    #[test]
    fn slugs_keep_welsh_and_other_accented_names_readable() {
        assert_eq!(
            slugify("Grŵp Cefnogi Strôc Tŷ Ddewi").as_deref(),
            Some("grwp-cefnogi-stroc-ty-ddewi")
        );
        assert_eq!(
            slugify("Straße Æble Łódź").as_deref(),
            Some("strasse-aeble-lodz")
        );
        // Other scripts are written in Latin letters rather than refused.
        let greek = slugify("Ομάδα").expect("a slug from Greek letters");
        assert!(is_valid_slug(&greek), "{greek}");
    }

    #[test]
    fn slugs_never_have_spaces_or_brackets() {
        for name in ["riverside (copy)", "  [Tŷ] {Hapus}  ", "a\tb\nc", "Ŵ  —  ŷ"] {
            let slug = slugify(name).unwrap();
            assert!(is_valid_slug(&slug), "{name:?} gave {slug:?}");
        }
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(
            slugify("Hillside Aphasia Group").as_deref(),
            Some("hillside-aphasia-group")
        );
        assert_eq!(slugify("  Café & Chat!! ").as_deref(), Some("cafe-chat"));
        assert_eq!(slugify("../../x").as_deref(), Some("x"));
        assert_eq!(
            slugify("St. Mary\u{2019}s Caf\u{e9}").as_deref(),
            Some("st-marys-cafe")
        );
        assert_eq!(slugify("!!!"), None);
        // Never longer than 60, even when a hyphen comes at the 59th.
        let long = format!("{} bc", "a".repeat(59));
        let slug = slugify(&long).unwrap();
        assert!(slug.len() <= 60 && is_valid_slug(&slug), "{slug}");
        assert_eq!(
            slugify("Café & Chat (copy)").as_deref(),
            Some("cafe-chat-copy")
        );
        assert!(is_valid_slug("a-b-1"));
        assert!(!is_valid_slug("../x"));
        assert!(!is_valid_slug("-a"));
        assert!(!is_valid_slug("A"));
    }

    #[test]
    fn pence_format() {
        assert_eq!(format_pence(0), "£0");
        assert_eq!(format_pence(123456), "£1,234.56");
        assert_eq!(format_pence(100_000_000), "£1,000,000");
        assert_eq!(format_pence(-250), "-£2.50");
    }

    #[test]
    fn closest_names() {
        let known = ["group_name", "group_started", "meeting_place"];
        assert_eq!(closest("group_nme", known)[0], "group_name");
        assert!(closest("zzzzzz", known).is_empty());
    }

    #[test]
    fn did_you_mean_never_offers_what_was_typed() {
        let known = ["tudor-trust", "tudor-trusts"];
        assert_eq!(did_you_mean("tudor-trst", known), Some("tudor-trust"));
        assert_eq!(did_you_mean("tudor-trust", known), Some("tudor-trusts"));
        assert_eq!(did_you_mean("tudor-trust", ["tudor-trust"]), None);
    }

    #[test]
    fn wrapping_by_columns() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("我们每周见面", 6), vec!["我们每", "周见面"]);
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
