//! Spotting text that would look wrong in a funder's web form: Markdown or
//! HTML that a plain-text box shows literally (`**bold**` arrives as two
//! stars), and notes or placeholders left in by mistake (`TODO`,
//! `[insert date]`). Pure functions over one answer's text.
//!
//! Each finding names the line (counted from 1 within the answer) and the
//! exact text found, so a person can find it without hunting.

/// What kind of thing was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintKind {
    /// Markdown or HTML a plain-text form would show as it is.
    Formatting,
    /// A note or placeholder left in the text.
    Placeholder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: LintKind,
    /// Line within the answer, from 1.
    pub line: usize,
    /// The text found, as it appears.
    pub found: String,
    /// What it is, in plain words: "bold marks (**)".
    pub what: &'static str,
}

/// HTML tag names people paste from web pages and word processors. Anything
/// else in angle brackets is more likely a placeholder such as `<date>`.
const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "s",
    "em",
    "strong",
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "span",
    "div",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "img",
    "font",
    "sup",
    "sub",
    "blockquote",
    "code",
    "pre",
    "small",
    "big",
    "center",
    "mark",
];

/// Every formatting mark and placeholder in `text`, in the order they appear.
pub fn lint(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let mut push = |kind, found: &str, what| {
            out.push(Finding {
                kind,
                line: n,
                found: found.to_string(),
                what,
            })
        };
        formatting(line, &mut |found, what| {
            push(LintKind::Formatting, found, what)
        });
        placeholders(line, &mut |found, what| {
            push(LintKind::Placeholder, found, what)
        });
    }
    out
}

fn formatting(line: &str, found: &mut dyn FnMut(&str, &'static str)) {
    let trimmed = line.trim_start();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    // "# Heading", but not "#1 priority" or a hashtag.
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        found(first_words(trimmed), "a heading mark (#)");
    }
    if trimmed.starts_with("* ") || trimmed.starts_with("+ ") {
        found(first_words(trimmed), "a list mark (* or +)");
    }
    if let Some(bold) = between(line, "**", "**").or_else(|| between(line, "__", "__")) {
        found(bold, "bold marks (** or __)");
    }
    if let Some(link) = markdown_link(line) {
        found(link, "a link written as [words](address)");
    }
    if let Some(code) = between(line, "`", "`").or_else(|| line.contains('`').then_some("`")) {
        found(code, "backticks (`)");
    }
    let t = line.trim();
    if (t.len() > 1 && t.starts_with('|') && t.ends_with('|'))
        || t.contains("|---")
        || t.contains("---|")
    {
        found(t, "a table made with |");
    }
    for tag in angle_brackets(line).filter(|a| a.is_html) {
        found(tag.text, "an HTML tag");
    }
}

fn placeholders(line: &str, found: &mut dyn FnMut(&str, &'static str)) {
    for word in words(line) {
        if word == "TODO" {
            found(word, "a note to yourself (TODO)");
        } else if word.eq_ignore_ascii_case("TBC") || word.eq_ignore_ascii_case("TBA") {
            found(word, "a placeholder (TBC: to be confirmed)");
        } else if word.len() >= 2 && word.chars().all(|c| c == 'x' || c == 'X') {
            // "XX", "XXX", and the "£xxx" people write for an amount not
            // known yet.
            found(
                word,
                if word.len() == 2 {
                    "a placeholder (XX)"
                } else {
                    "a placeholder (XXX)"
                },
            );
        }
    }
    if let Some(at) = find_ignoring_case(line, "[insert") {
        let end = line[at..].find(']').map_or(line.len(), |e| at + e + 1);
        found(&line[at..end], "a placeholder ([insert ...])");
    }
    if line.contains("???") {
        found("???", "question marks left as a placeholder (???)");
    }
    for bracket in angle_brackets(line).filter(|a| !a.is_html) {
        found(bracket.text, "a placeholder in angle brackets (<...>)");
    }
    if let Some(at) = find_ignoring_case(line, "lorem ipsum") {
        found(
            &line[at..at + "lorem ipsum".len()],
            "filler text (Lorem ipsum)",
        );
    }
}

/// Where an ASCII `needle` first occurs in `line`, ignoring ASCII case.
/// Byte positions stay those of `line` itself (lower-casing the whole line
/// could change its length and shift them).
fn find_ignoring_case(line: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (line.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?)
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The first few words of a line, to show which line is meant.
fn first_words(line: &str) -> &str {
    let end = line.char_indices().nth(40).map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// The first `open ... close` span with something in between, including the
/// marks themselves.
fn between<'a>(line: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = line.find(open)?;
    let after = start + open.len();
    let end = line[after..].find(close)?;
    (end > 0).then(|| &line[start..after + end + close.len()])
}

/// `[words](address)`.
fn markdown_link(line: &str) -> Option<&str> {
    let mid = line.find("](")?;
    let start = line[..mid].rfind('[')?;
    let end = line[mid..].find(')')? + mid + 1;
    Some(&line[start..end])
}

struct Bracketed<'a> {
    text: &'a str,
    is_html: bool,
}

/// Every `<...>` on the line that is not just a "less than" sign: the text
/// starts right after `<` (so "a < b > c" is left alone) and closes on the
/// same line.
fn angle_brackets(line: &str) -> impl Iterator<Item = Bracketed<'_>> {
    line.match_indices('<').filter_map(move |(start, _)| {
        let rest = &line[start + 1..];
        let first = rest.chars().next()?;
        if first.is_whitespace() || first == '<' || first == '=' {
            return None;
        }
        let end = rest.find('>')?;
        let inside = &rest[..end];
        if inside.is_empty() || inside.contains('<') {
            return None;
        }
        let name: String = inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let after_name = inside
            .trim_start_matches('/')
            .get(name.len()..)
            .unwrap_or("");
        let is_html = HTML_TAGS.contains(&name.as_str())
            && (after_name.is_empty()
                || after_name.starts_with(' ')
                || after_name.starts_with('/'));
        Some(Bracketed {
            text: &line[start..start + 1 + end + 1],
            is_html,
        })
    })
}

/// Runs of letters and digits: enough to spot whole-word markers.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(LintKind, usize, String)> {
        lint(text)
            .into_iter()
            .map(|f| (f.kind, f.line, f.found))
            .collect()
    }

    use LintKind::{Formatting as F, Placeholder as P};

    #[test]
    fn plain_prose_is_left_alone() {
        let text = "We meet every Tuesday - tea, cake and a chat.\n#1 reason people come: friends.\nNumbers: 3 < 5 and 7 > 2. Email us at cafe@example.org!\n- a dash list is fine in a form";
        assert_eq!(found(text), vec![]);
    }

    #[test]
    fn markdown_is_found_with_its_line() {
        assert_eq!(found("# Our idea"), vec![(F, 1, "# Our idea".to_string())]);
        assert_eq!(
            found("intro\n* tea\n+ cake"),
            vec![(F, 2, "* tea".to_string()), (F, 3, "+ cake".to_string())]
        );
        assert_eq!(
            found("We are **really** keen"),
            vec![(F, 1, "**really**".to_string())]
        );
        assert_eq!(
            found("See [our page](https://example.org) for more"),
            vec![(F, 1, "[our page](https://example.org)".to_string())]
        );
        assert_eq!(found("Use the `app`"), vec![(F, 1, "`app`".to_string())]);
        assert_eq!(
            found("| Item | Cost |\n|---|---|"),
            vec![
                (F, 1, "| Item | Cost |".to_string()),
                (F, 2, "|---|---|".to_string())
            ]
        );
        assert_eq!(
            found("We <b>love</b> it<br/>"),
            vec![
                (F, 1, "<b>".to_string()),
                (F, 1, "</b>".to_string()),
                (F, 1, "<br/>".to_string())
            ]
        );
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(found("TODO ask Sue"), vec![(P, 1, "TODO".to_string())]);
        assert_eq!(
            found("It costs £xxx a year"),
            vec![(P, 1, "xxx".to_string())]
        );
        assert_eq!(
            found("We started in [insert year]."),
            vec![(P, 1, "[insert year]".to_string())]
        );
        assert_eq!(found("We meet at ???"), vec![(P, 1, "???".to_string())]);
        assert_eq!(
            found("At <name of venue> on Fridays"),
            vec![(P, 1, "<name of venue>".to_string())]
        );
        assert_eq!(
            found("Lorem ipsum dolor"),
            vec![(P, 1, "Lorem ipsum".to_string())]
        );
        assert_eq!(
            found("Room hire £XX a week"),
            vec![(P, 1, "XX".to_string())]
        );
        assert_eq!(
            found("Start date TBC, venue tbc"),
            vec![(P, 1, "TBC".to_string()), (P, 1, "tbc".to_string())]
        );
        assert_eq!(found("a to-do list, todo, Xmas, XL, x, TBCs, tuba"), vec![]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "<",
            "<>",
            "**",
            "[",
            "](",
            "`",
            "ǅ[INSERT",
            "İ[insert x] lorem ipsum",
            "|",
            "#",
            "<ß",
            "<<<>>>",
        ] {
            let _ = lint(text);
        }
    }
}
