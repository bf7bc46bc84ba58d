//! Reading a funder's questions from text pasted from its form or guidance.
//!
//! Each question is kept in the funder's own words. A limit is read only
//! where the text states one ("(max 300 words)", "Maximum 1,500
//! characters", "in no more than 250 words", "up to 2000 characters
//! including spaces", "500 characters (excluding spaces)") and a question
//! is optional only where the text says "Optional": nothing is guessed.
//! A sentence or bracket that only states the limit is taken out of the
//! question's words (the limit is kept as a limit instead); anything else
//! the funder wrote stays.
//!
//! How the text is split into questions:
//! - numbered text ("1.", "2)", "Q3", "Question 4:"): each number starts a
//!   question; lines under it that are not a limit are its guidance (kept
//!   as the question's `tips`), except a line that carries on a sentence
//!   the question line left unfinished;
//! - text without numbers: each line is a question, except a line that only
//!   states a limit or "Optional" (it belongs to the question above) and a
//!   line that carries on an unfinished sentence;
//! - headings ("Section 2: Your project", "Part B") and, in numbered text,
//!   anything before the first number are not questions; they are listed
//!   in `skipped` so a person can see nothing was silently dropped.
//!
//! Pure functions over text; no files, no terminal.

use std::sync::LazyLock;

use regex::Regex;

use super::profile::FunderQuestion;

/// One question as understood from the pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormQuestion {
    /// The number the form gave it ("3", "4b"), if it had one.
    pub number: Option<String>,
    /// The question in the funder's words, without the limit sentence.
    pub prompt: String,
    /// Guidance printed under the question, in the funder's words.
    pub guidance: Option<String>,
    /// The line of the pasted text the question starts on, from 1.
    pub line: usize,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub max_chars: Option<u32>,
    /// Whether spaces count towards `max_chars`, when the text says;
    /// `None` when it gives a character limit without saying.
    pub chars_include_spaces: Option<bool>,
    pub optional: bool,
}

/// Everything read from one paste.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedForm {
    pub questions: Vec<FormQuestion>,
    /// Lines that were not taken as questions (headings, introductions),
    /// with their line numbers, so a person can see what was left out.
    pub skipped: Vec<(usize, String)>,
}

/// A number as forms write it: 300, 1,500, 2000.
const N: &str = r"(\d{1,3}(?:,\d{3})+|\d+)";
const WORDS: &str = r"words?";
const CHARS: &str = r"(?:characters?|chars?)";
/// Phrases that put a ceiling on what follows them.
const MAX_BEFORE: &str = r"(?:max(?:imum)?\.?(?:\s+of)?|up\s+to|no\s+more\s+than|not\s+more\s+than|no\s+longer\s+than|not\s+(?:to\s+)?exceed(?:ing)?|(?:in\s+)?fewer\s+than|(?:in\s+)?less\s+than|in\s+under|under|within|limit(?:ed)?\s+(?:of|to)|a\s+limit\s+of)";
const MAX_AFTER: &str = r"(?:max(?:imum)?|limit|or\s+(?:less|fewer))";
const MIN_BEFORE: &str = r"(?:at\s+least|min(?:imum)?\.?(?:\s+of)?|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than)";

/// The patterns for one unit (words or characters), most specific first.
struct UnitPatterns {
    range: Regex,
    min: Regex,
    max: Vec<Regex>,
}

fn unit_patterns(unit: &str, name: &str, other_unit: &str) -> UnitPatterns {
    let re = |p: String| Regex::new(&format!("(?i){p}")).expect("limit patterns are valid");
    let n = format!("(?P<n>{N})");
    UnitPatterns {
        range: re(format!(
            r"(?:between\s+)?\b{N}\s*(?:-|–|to|and)\s*{N}\s*{unit}\b"
        )),
        min: re(format!(r"\b{MIN_BEFORE}\s*:?\s*{n}\s*{unit}\b")),
        max: vec![
            re(format!(r"\b{MAX_BEFORE}\s*:?\s*{n}\s*{unit}\b")),
            // "max 300 words or 1,800 characters": the second limit.
            re(format!(
                r"\b{MAX_BEFORE}\s*:?\s*{N}\s*{other_unit}\s*(?:or|and|/|,)\s*{n}\s*{unit}\b"
            )),
            re(format!(
                r"\b{name}\s+(?:limit|count|maximum)\s*(?:of|is|:|-)?\s*{n}\b"
            )),
            re(format!(r"\b{n}\s*{unit}\s*\)?\s*{MAX_AFTER}\b")),
            re(format!(r"\b{n}[\s-]{name}\s+(?:limit|maximum|max)\b")),
            // "(300 words)", and a sentence that is only "500 characters".
            re(format!(r"^\W*{n}\s*{unit}\b")),
        ],
    }
}

static WORD_LIMITS: LazyLock<UnitPatterns> = LazyLock::new(|| unit_patterns(WORDS, "word", CHARS));
static CHAR_LIMITS: LazyLock<UnitPatterns> =
    LazyLock::new(|| unit_patterns(CHARS, "character", WORDS));
static INCLUDING_SPACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:including|includes|incl\.?|with|counting)\s+spaces\b").unwrap()
});
static EXCLUDING_SPACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:excluding|excludes|excl\.?|not\s+including|without|no|not\s+counting)\s+spaces\b|\bspaces\s+(?:do\s+not|don't)\s+count\b").unwrap()
});
static OPTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:this\s+(?:question|section)\s+is\s+)?(?:optional|not\s+compulsory|not\s+required)(?:\s+question)?\W*$").unwrap()
});
/// "Optional: anything else?"
static OPTIONAL_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*optional\s*(?:[:\-–]|\)|\])\s*").unwrap());
static REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:this\s+(?:question|section)\s+is\s+)?(?:required|compulsory|mandatory)(?:\s+question)?\W*$").unwrap()
});
/// "1.", "2)", "3:", "4 -", "Q5", "Question 6:", "7a."
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:q|question)\s*\.?\s*(\d{1,2}[a-z]?)\s*[.):\-–]?|(\d{1,2}[a-z]?)\s*(?:[.):]|\s[-–]))\s+(\S.*)$").unwrap()
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:section|part|step|stage|page)\s+(?:\d+|[a-z]|one|two|three|four|five|six)\b[^?]*$").unwrap()
});

/// The words left when a limit sentence's limit is taken out, that show it
/// said nothing else ("Please answer in no more than 250 words.").
const FILLER: &[&str] = &[
    "please",
    "answer",
    "answers",
    "in",
    "write",
    "use",
    "keep",
    "your",
    "you",
    "response",
    "to",
    "this",
    "question",
    "is",
    "the",
    "a",
    "of",
    "limit",
    "word",
    "words",
    "character",
    "characters",
    "max",
    "maximum",
    "total",
    "section",
    "box",
    "field",
    "reply",
    "can",
    "may",
    "must",
    "be",
    "should",
    "it",
    "have",
    "up",
    "and",
    "or",
    "spaces",
    "including",
    "excluding",
    "with",
    "without",
    "count",
    "counts",
    "there",
    "limited",
    "allowed",
    "only",
    "we",
    "will",
    "accept",
    "not",
    "no",
    "more",
    "than",
    "under",
    "within",
    "at",
    "least",
    "minimum",
    "optional",
    "required",
    "compulsory",
    "mandatory",
];

/// Reads questions from pasted text. Never fails: text with no questions
/// gives an empty list, which the caller reports.
pub fn parse(text: &str) -> ParsedForm {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .collect();
    let numbered = lines
        .iter()
        .any(|(_, l)| numbered_line(l).is_some() && !HEADING.is_match(l));
    let mut form = ParsedForm::default();
    let mut current: Option<Draft> = None;
    let mut blank_since = false;
    for (n, line) in lines {
        let line = strip_required_mark(line);
        if line.is_empty() {
            blank_since = true;
            continue;
        }
        if HEADING.is_match(line) && numbered_line(line).is_none() {
            form.skipped.push((n, line.to_string()));
            blank_since = false;
            continue;
        }
        let starts = if numbered {
            numbered_line(line)
        } else if states_only_a_limit(line) || OPTIONAL.is_match(line) {
            None
        } else if let Some(q) = &current
            && !blank_since
            && q.unfinished()
        {
            None
        } else {
            Some((None, line))
        };
        match (starts, &mut current) {
            (Some((number, words)), _) => {
                if let Some(done) = current.take() {
                    form.questions.push(done.finish());
                }
                current = Some(Draft {
                    number,
                    line: n,
                    prompt: vec![words.to_string()],
                    guidance: Vec::new(),
                });
            }
            (None, Some(q)) => {
                // A limit line belongs with the question's words (it is
                // taken out of them again), as does a line carrying on an
                // unfinished sentence; anything else is guidance.
                let limit_line =
                    states_only_a_limit(line) || OPTIONAL.is_match(line) || REQUIRED.is_match(line);
                if limit_line || (q.guidance.is_empty() && !blank_since && q.unfinished()) {
                    q.prompt.push(line.to_string());
                } else {
                    q.guidance.push(line.to_string());
                }
            }
            (None, None) => form.skipped.push((n, line.to_string())),
        }
        blank_since = false;
    }
    if let Some(done) = current.take() {
        form.questions.push(done.finish());
    }
    form
}

/// A question being gathered line by line.
struct Draft {
    number: Option<String>,
    line: usize,
    prompt: Vec<String>,
    guidance: Vec<String>,
}

impl Draft {
    /// Whether the question's last line stops mid-sentence, so the next
    /// line carries it on.
    fn unfinished(&self) -> bool {
        self.prompt.last().is_some_and(|l| {
            !l.ends_with(['.', '?', '!', ':', ')', ']'])
                && !states_only_a_limit(l)
                && !OPTIONAL.is_match(l)
        })
    }

    fn finish(self) -> FormQuestion {
        let mut limits = Limits::default();
        let prompt = take_limits(&self.prompt.join(" "), &mut limits);
        let guidance = take_limits(&self.guidance.join("\n"), &mut limits);
        FormQuestion {
            number: self.number,
            prompt,
            guidance: (!guidance.is_empty()).then_some(guidance),
            line: self.line,
            min_words: limits.min_words,
            max_words: limits.max_words,
            max_chars: limits.max_chars,
            chars_include_spaces: limits.chars_include_spaces,
            optional: limits.optional,
        }
    }
}

fn numbered_line(line: &str) -> Option<(Option<String>, &str)> {
    let caps = NUMBERED.captures(line)?;
    let number = caps.get(1).or_else(|| caps.get(2))?.as_str().to_lowercase();
    let rest = caps.get(3)?.as_str();
    // "2000 characters" is a limit, not question 2000 (the pattern allows
    // only two digits, but "10 words" would still look numbered).
    if states_only_a_limit(line) {
        return None;
    }
    Some((Some(number), rest))
}

/// A trailing or leading "*" marks a required field on web forms; it is
/// not the funder's words.
fn strip_required_mark(line: &str) -> &str {
    line.trim_end_matches(['*', ' '])
        .trim_start_matches(['*', ' '])
}

#[derive(Debug, Default)]
struct Limits {
    min_words: Option<u32>,
    max_words: Option<u32>,
    max_chars: Option<u32>,
    chars_include_spaces: Option<bool>,
    optional: bool,
}

/// What one piece of text says about limits, and how much of it that was.
#[derive(Debug, Default)]
struct Found {
    min_words: Option<u32>,
    max_words: Option<u32>,
    max_chars: Option<u32>,
    spaces: Option<bool>,
    optional: bool,
    required: bool,
    /// The text with the limit phrases taken out.
    rest: String,
}

impl Found {
    fn any(&self) -> bool {
        self.min_words.is_some()
            || self.max_words.is_some()
            || self.max_chars.is_some()
            || self.optional
            || self.required
    }

    /// Nothing but the limit (and words such as "please answer in").
    fn only_limit(&self) -> bool {
        self.any()
            && self
                .rest
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| FILLER.contains(&w.to_lowercase().as_str()))
    }
}

fn number(text: &str) -> Option<u32> {
    text.replace(',', "").parse().ok().filter(|n| *n > 0)
}

fn find(piece: &str) -> Found {
    let mut found = Found {
        rest: piece.to_string(),
        ..Found::default()
    };
    let cut = |found: &mut Found, m: regex::Match<'_>| {
        found.rest = found.rest.replacen(m.as_str(), " ", 1);
    };
    for (patterns, is_words) in [(&*WORD_LIMITS, true), (&*CHAR_LIMITS, false)] {
        if let Some(c) = patterns.range.captures(piece) {
            let (lo, hi) = (number(&c[1]), number(&c[2]));
            if is_words {
                found.min_words = lo;
                found.max_words = hi;
            } else {
                found.max_chars = hi;
            }
            cut(&mut found, c.get(0).unwrap());
        }
        if is_words
            && found.min_words.is_none()
            && let Some(c) = patterns.min.captures(piece)
        {
            found.min_words = number(&c["n"]);
            cut(&mut found, c.get(0).unwrap());
        }
        let already = if is_words {
            found.max_words
        } else {
            found.max_chars
        };
        if already.is_none()
            && let Some(c) = patterns.max.iter().find_map(|p| p.captures(piece))
        {
            let n = number(&c["n"]);
            if is_words {
                found.max_words = n;
            } else {
                found.max_chars = n;
            }
            cut(&mut found, c.get(0).unwrap());
        }
    }
    if found.max_chars.is_some() {
        if let Some(m) = EXCLUDING_SPACES.find(piece) {
            found.spaces = Some(false);
            cut(&mut found, m);
        } else if let Some(m) = INCLUDING_SPACES.find(piece) {
            found.spaces = Some(true);
            cut(&mut found, m);
        }
    }
    found.optional = OPTIONAL.is_match(piece);
    found.required = REQUIRED.is_match(piece);
    found
}

fn states_only_a_limit(line: &str) -> bool {
    find(line).only_limit()
        || sentences(line)
            .iter()
            .all(|s| is_bracketed(s) || find(s).only_limit())
            && sentences(line).iter().any(|s| find(s).only_limit())
}

fn is_bracketed(s: &str) -> bool {
    s.starts_with('(') && s.ends_with(')')
}

/// Takes the limits out of `text` into `limits`, returning the text with
/// every piece that only stated a limit removed.
fn take_limits(text: &str, limits: &mut Limits) -> String {
    let mut kept_lines = Vec::new();
    for line in text.lines() {
        let line = match OPTIONAL_PREFIX.find(line) {
            Some(m) => {
                limits.optional = true;
                &line[m.end()..]
            }
            None => line,
        };
        let mut kept = Vec::new();
        for piece in sentences(line) {
            // A bracket inside a sentence: "Tell us (max 300 words) about".
            let mut piece = piece.to_string();
            for bracket in brackets(&piece.clone()) {
                let f = find(bracket);
                if f.any() {
                    apply(&f, limits);
                    if f.only_limit() {
                        piece = piece.replacen(bracket, "", 1);
                    }
                }
            }
            let f = find(&piece);
            apply(&f, limits);
            if !f.only_limit() {
                let piece = tidy(&piece);
                if !piece.is_empty() {
                    kept.push(piece);
                }
            }
        }
        let line = kept.join(" ");
        if !line.is_empty() {
            kept_lines.push(line);
        }
    }
    kept_lines.join("\n")
}

fn apply(found: &Found, limits: &mut Limits) {
    // Where a question states a limit twice, the stricter one counts.
    let lower = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    limits.max_words = lower(limits.max_words, found.max_words);
    limits.max_chars = lower(limits.max_chars, found.max_chars);
    limits.min_words = match (limits.min_words, found.min_words) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if found.spaces.is_some() {
        limits.chars_include_spaces = found.spaces;
    }
    limits.optional |= found.optional;
}

/// Spaces tidied after pieces were cut out: "Tell us  about you ." reads
/// "Tell us about you."
fn tidy(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = joined
        .replace(" .", ".")
        .replace(" ?", "?")
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace("()", "");
    for dash in [" -", " –", " —"] {
        if let Some(stripped) = out.strip_suffix(dash) {
            out = stripped.to_string();
        }
    }
    out.trim().to_string()
}

/// Splits a line after each ".", "?" or "!" that ends a sentence, and
/// around a bracket that stands after a sentence ("Why? (max 50 words)").
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut depth = 0usize;
    for (i, ch) in line.char_indices() {
        match ch {
            '(' | '[' => {
                if depth == 0 && i > start && line[start..i].trim_end().ends_with(['?', '.', '!']) {
                    out.push(line[start..i].trim());
                    start = i;
                }
                depth += 1;
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && line[start..].trim_start().starts_with(['(', '[']) {
                    out.push(line[start..=i].trim());
                    start = i + 1;
                }
            }
            '.' | '?' | '!' if depth == 0 => {
                let next = bytes.get(i + 1).copied();
                if next.is_none_or(|b| b == b' ') {
                    out.push(line[start..=i].trim());
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < line.len() {
        out.push(line[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Each "(...)" or "[...]" in a piece of text.
fn brackets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '(' | '[' if open.is_none() => open = Some(i),
            ')' | ']' => {
                if let Some(start) = open.take() {
                    out.push(&text[start..=i]);
                }
            }
            _ => {}
        }
    }
    out
}

impl FormQuestion {
    /// The question as a profile holds it, under `id`. A character limit
    /// whose form does not say whether spaces count is counted with spaces,
    /// as a web form's text box counts.
    pub fn to_funder_question(&self, id: String) -> FunderQuestion {
        FunderQuestion {
            id,
            prompt: self.prompt.clone(),
            min_words: self.min_words,
            max_words: self.max_words,
            max_chars: self.max_chars,
            chars_include_spaces: self.chars_include_spaces.unwrap_or(true),
            draws_on: Vec::new(),
            tips: self.guidance.clone(),
            optional: self.optional,
            // The form itself, pasted by a person (`added_from_form`).
            source: Default::default(),
        }
    }

    /// What was understood, for people: "up to 300 words; optional", or
    /// "no limit stated".
    pub fn understood(&self) -> String {
        let mut parts = Vec::new();
        match (self.min_words, self.max_words) {
            (Some(min), Some(max)) => parts.push(format!("{min} to {max} words")),
            (Some(min), None) => parts.push(format!("at least {min} words")),
            (None, Some(max)) => parts.push(format!("up to {max} words")),
            (None, None) => {}
        }
        if let Some(max) = self.max_chars {
            parts.push(format!(
                "up to {max} characters ({})",
                match self.chars_include_spaces {
                    Some(true) => "including spaces",
                    Some(false) => "not counting spaces",
                    None => "the form does not say if spaces count",
                }
            ));
        }
        if parts.is_empty() {
            parts.push("no limit stated".to_string());
        }
        if self.optional {
            parts.push("optional".to_string());
        }
        parts.join("; ")
    }
}

/// Ids for new questions: `q` and the form's own number where it has one
/// ("q3", "q4b"), else the next free `qN`; never one already in `taken`.
pub fn question_ids(questions: &[FormQuestion], taken: &[String]) -> Vec<String> {
    let mut used: Vec<String> = taken.to_vec();
    let mut out = Vec::new();
    for q in questions {
        let wanted = q.number.as_ref().map(|n| format!("q{n}"));
        let id = match wanted {
            Some(id) if !used.contains(&id) => id,
            _ => next_free_id(&used),
        };
        used.push(id.clone());
        out.push(id);
    }
    out
}

/// The first of `q1`, `q2`, ... not in `taken`.
pub fn next_free_id(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("q{n}"))
        .find(|id| !taken.contains(id))
        .expect("an unused id exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (prompt, min words, max words, max chars, spaces count, optional)
    type Seen = (
        String,
        Option<u32>,
        Option<u32>,
        Option<u32>,
        Option<bool>,
        bool,
    );

    fn seen(text: &str) -> Vec<Seen> {
        parse(text)
            .questions
            .into_iter()
            .map(|q| {
                (
                    q.prompt,
                    q.min_words,
                    q.max_words,
                    q.max_chars,
                    q.chars_include_spaces,
                    q.optional,
                )
            })
            .collect()
    }

    fn q(prompt: &str) -> Seen {
        (prompt.to_string(), None, None, None, None, false)
    }

    /// A realistic paste from a small trust's online form: numbered, with
    /// every way of stating a limit the forms we have seen use, a heading,
    /// an introduction, guidance under a question, a required-field star,
    /// and questions with no limit at all.
    const FORM: &str = "\
Application form – Community Grants 2027
Please read the guidance notes before you start.

Section 1: About your group
1. Tell us about your group and what it does. (max 300 words)
2. What will you do with the grant?
Maximum 1,500 characters
3. How will your project make a difference? Please answer in no more than 250 words.

Section 2: Your project
Q4 Who will benefit from the project? (up to 2000 characters including spaces)
5) How have the people who will benefit helped to plan it? 500 characters (excluding spaces)
6. What is the name of your group? *
7. Is there anything else you would like to tell us? Optional
8. How will you know the project has worked?
Tell us what you will count, and what people will tell you.
9. Give a breakdown of your costs. Word limit: 150
10. Describe your group's history in 50-200 words.
";

    #[test]
    fn a_realistic_form_gives_exactly_its_questions_and_limits() {
        let got = seen(FORM);
        let want: Vec<Seen> = vec![
            (
                "Tell us about your group and what it does.".into(),
                None,
                Some(300),
                None,
                None,
                false,
            ),
            (
                "What will you do with the grant?".into(),
                None,
                None,
                Some(1500),
                None,
                false,
            ),
            (
                "How will your project make a difference?".into(),
                None,
                Some(250),
                None,
                None,
                false,
            ),
            (
                "Who will benefit from the project?".into(),
                None,
                None,
                Some(2000),
                Some(true),
                false,
            ),
            (
                "How have the people who will benefit helped to plan it?".into(),
                None,
                None,
                Some(500),
                Some(false),
                false,
            ),
            q("What is the name of your group?"),
            (
                "Is there anything else you would like to tell us?".into(),
                None,
                None,
                None,
                None,
                true,
            ),
            q("How will you know the project has worked?"),
            (
                "Give a breakdown of your costs.".into(),
                None,
                Some(150),
                None,
                None,
                false,
            ),
            // A limit inside a longer sentence stays in the funder's words.
            (
                "Describe your group's history in 50-200 words.".into(),
                Some(50),
                Some(200),
                None,
                None,
                false,
            ),
        ];
        assert_eq!(got, want);
        let form = parse(FORM);
        assert_eq!(
            form.questions[7].guidance.as_deref(),
            Some("Tell us what you will count, and what people will tell you.")
        );
        let numbers: Vec<_> = form.questions.iter().map(|q| q.number.clone()).collect();
        assert_eq!(numbers[3].as_deref(), Some("4"));
        assert_eq!(form.questions[0].line, 5);
        let skipped: Vec<usize> = form.skipped.iter().map(|(n, _)| *n).collect();
        assert_eq!(skipped, vec![1, 2, 4, 10]);
    }

    #[test]
    fn unnumbered_text_is_one_question_a_line() {
        let text = "Tell us about your group (max 300 words)\nWhat will you spend the money on?\nMaximum 1,500 characters\nWho will benefit and how\nwill they take part?\n\n(Optional) Anything else?";
        assert_eq!(
            seen(text),
            vec![
                (
                    "Tell us about your group".into(),
                    None,
                    Some(300),
                    None,
                    None,
                    false
                ),
                (
                    "What will you spend the money on?".into(),
                    None,
                    None,
                    Some(1500),
                    None,
                    false
                ),
                q("Who will benefit and how will they take part?"),
                ("Anything else?".into(), None, None, None, None, true),
            ]
        );
    }

    #[test]
    fn nothing_is_invented_where_no_limit_is_stated() {
        for text in [
            "What will you do with the money?",
            "1. How many people come to your group?",
            "2. Tell us about the 300 people you work with.",
            "3. In 2025 we had 40 members. What changed?",
            "4. What would you do with up to 500 pounds?",
            "5. Is the venue accessible for people using wheelchairs?",
        ] {
            let got = parse(text);
            assert_eq!(got.questions.len(), 1, "{text}");
            let q = &got.questions[0];
            assert_eq!(
                (q.min_words, q.max_words, q.max_chars, q.optional),
                (None, None, None, false),
                "{text}"
            );
        }
    }

    #[test]
    fn each_phrasing_of_a_limit() {
        let one = |text: &str| parse(text).questions.remove(0);
        assert_eq!(one("Why? (max 300 words)").max_words, Some(300));
        assert_eq!(one("Why? (maximum of 300 words)").max_words, Some(300));
        assert_eq!(one("Why? 300 words maximum").max_words, Some(300));
        assert_eq!(one("Why? 300 word limit").max_words, Some(300));
        assert_eq!(one("Why? (300-word limit)").max_words, Some(300));
        assert_eq!(one("Why? (300 words)").max_words, Some(300));
        assert_eq!(one("Why? Up to 300 words.").max_words, Some(300));
        assert_eq!(one("Why? Do not exceed 300 words.").max_words, Some(300));
        assert_eq!(one("Why? In under 300 words").max_words, Some(300));
        assert_eq!(one("Why? (at least 50 words)").min_words, Some(50));
        assert_eq!(one("Why? Maximum 1,500 characters").max_chars, Some(1500));
        assert_eq!(one("Why? Character limit: 800").max_chars, Some(800));
        let chars = one("Why? up to 2000 characters including spaces");
        assert_eq!(
            (chars.max_chars, chars.chars_include_spaces),
            (Some(2000), Some(true))
        );
        let chars = one("Why? 500 characters (excluding spaces)");
        assert_eq!(
            (chars.max_chars, chars.chars_include_spaces),
            (Some(500), Some(false))
        );
        let chars = one("Why? (max 400 characters, not including spaces)");
        assert_eq!(
            (chars.max_chars, chars.chars_include_spaces),
            (Some(400), Some(false))
        );
        assert_eq!(
            one("Why? Maximum 1,500 characters").chars_include_spaces,
            None
        );
        assert!(one("Why? (optional)").optional);
        assert!(one("Optional: anything else?").optional);
        assert!(one("Why? This question is optional.").optional);
        assert!(!one("Why? (required)").optional);
        assert_eq!(one("Why? (required)").prompt, "Why?");
        // Both kinds of limit on one question.
        let both = one("Why? (max 300 words or 1,800 characters)");
        assert_eq!((both.max_words, both.max_chars), (Some(300), Some(1800)));
    }

    #[test]
    fn limit_only_lines_are_taken_out_of_the_words() {
        let q = parse("1. What will you do?\nPlease answer in no more than 250 words.\n")
            .questions
            .remove(0);
        assert_eq!(
            (q.prompt.as_str(), q.max_words),
            ("What will you do?", Some(250))
        );
        assert_eq!(q.guidance, None);
        let q = parse("Tell us (max 100 words) about your members.")
            .questions
            .remove(0);
        assert_eq!(q.prompt, "Tell us about your members.");
        assert_eq!(q.max_words, Some(100));
    }

    #[test]
    fn numbered_lines_inside_limits_are_not_questions() {
        let text = "1. What do you do?\n10 words maximum\n2. Who comes?";
        let got = parse(text);
        assert_eq!(got.questions.len(), 2);
        assert_eq!(got.questions[0].max_words, Some(10));
    }

    #[test]
    fn empty_and_odd_text() {
        assert_eq!(parse(""), ParsedForm::default());
        assert!(parse("\n\n  \n").questions.is_empty());
        for text in [
            "(",
            ")",
            "1.",
            "Q",
            "((max 3 words",
            "1) (",
            "*",
            "[]",
            "?.!",
        ] {
            let _ = parse(text);
        }
        let headings = parse("Section 1: About you\nPart B");
        assert!(headings.questions.is_empty());
        assert_eq!(headings.skipped.len(), 2);
    }

    #[test]
    fn understood_says_what_was_read() {
        let got = parse(FORM);
        let said: Vec<String> = got.questions.iter().map(|q| q.understood()).collect();
        assert_eq!(said[0], "up to 300 words");
        assert_eq!(
            said[1],
            "up to 1500 characters (the form does not say if spaces count)"
        );
        assert_eq!(said[4], "up to 500 characters (not counting spaces)");
        assert_eq!(said[5], "no limit stated");
        assert_eq!(said[6], "no limit stated; optional");
        assert_eq!(said[9], "50 to 200 words");
    }

    #[test]
    fn ids_follow_the_form_and_never_clash() {
        let got = parse(FORM);
        let ids = question_ids(&got.questions, &["q2".to_string()]);
        assert_eq!(ids[0], "q1");
        assert_ne!(ids[1], "q2");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        let plain = parse("What?\nWhy?");
        assert_eq!(question_ids(&plain.questions, &[]), vec!["q1", "q2"]);
    }

    #[test]
    fn to_funder_question_keeps_the_funders_words() {
        let got = parse(FORM);
        let fq = got.questions[1].to_funder_question("q2".into());
        assert_eq!(fq.max_chars, Some(1500));
        assert!(fq.chars_include_spaces);
        let fq = got.questions[7].to_funder_question("q8".into());
        assert_eq!(
            fq.tips.as_deref(),
            Some("Tell us what you will count, and what people will tell you.")
        );
    }
}
