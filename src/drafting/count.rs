//! Counting an answer the way its funder counts it, against that funder's
//! limits: words, or characters with or without spaces as the profile says.
//! The full-screen editor calls `limit_status` on every keystroke, so it is
//! a pure function over the text.

use serde::Serialize;

use crate::funders::profile::FunderQuestion;
use crate::text::{char_count, word_count};

/// Where an answer stands against its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing written (or only spaces). Kept apart from `Under` because a
    /// question with no minimum would otherwise call an empty answer fine.
    Empty,
    /// Fewer words than the funder's minimum.
    Under,
    /// Within every limit the funder sets (or it sets none).
    Fine,
    /// More words or characters than the funder allows.
    Over,
}

impl Status {
    /// Plain words for people, also used by templates.
    pub fn label(self) -> &'static str {
        match self {
            Status::Empty => "not written yet",
            Status::Under => "under the minimum",
            Status::Fine => "fine",
            Status::Over => "over the limit",
        }
    }
}

/// An answer counted against one funder question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub words: usize,
    /// Characters as this funder counts them (see `chars_include_spaces`).
    pub chars: usize,
    pub chars_include_spaces: bool,
    pub status: Status,
    /// The count and its status in one sentence, such as
    /// "320 words: 20 over the limit of 300".
    pub description: String,
    /// How many words or characters to add or cut, in words a person can act
    /// on ("Cut 20 words."); empty when the answer is fine.
    pub advice: String,
}

/// The funder's limits in plain words ("50 to 300 words"), or `None` when
/// the funder sets none.
pub fn limit_description(q: &FunderQuestion) -> Option<String> {
    let words = match (q.min_words, q.max_words) {
        (Some(min), Some(max)) => Some(format!(
            "{} to {} words",
            thousands(min as usize),
            thousands(max as usize)
        )),
        (Some(min), None) => Some(format!("at least {}", plural(min as usize, "word"))),
        (None, Some(max)) => Some(format!("up to {}", plural(max as usize, "word"))),
        (None, None) => None,
    };
    let chars = q.max_chars.map(|max| {
        format!(
            "up to {} ({})",
            plural(max as usize, "character"),
            spaces_rule(q.chars_include_spaces)
        )
    });
    match (words, chars) {
        (Some(w), Some(c)) => Some(format!("{w} and {c}")),
        (Some(w), None) => Some(w),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    }
}

/// Counts `text` as the funder counts it and says whether it is within the
/// funder's limits.
pub fn limit_status(q: &FunderQuestion, text: &str) -> Count {
    let words = word_count(text);
    let chars = char_count(text, q.chars_include_spaces);
    let counted = counted(q, words, chars);
    let mut over = Vec::new();
    let mut advice = Vec::new();
    if let Some(max) = q.max_words.map(|m| m as usize)
        && words > max
    {
        over.push(format!(
            "{} over the limit of {}",
            thousands(words - max),
            plural(max, "word")
        ));
        advice.push(format!("Cut {}.", plural(words - max, "word")));
    }
    if let Some(max) = q.max_chars.map(|m| m as usize)
        && chars > max
    {
        over.push(format!(
            "{} over the limit of {}",
            thousands(chars - max),
            plural(max, "character")
        ));
        advice.push(format!(
            "Cut {} ({}).",
            plural(chars - max, "character"),
            spaces_rule(q.chars_include_spaces)
        ));
    }
    let (status, description) = if text.trim().is_empty() {
        (Status::Empty, "Not written yet".to_string())
    } else if !over.is_empty() {
        (Status::Over, format!("{counted}: {}", over.join("; ")))
    } else if let Some(min) = q.min_words.map(|m| m as usize)
        && words < min
    {
        let short = min - words;
        let noun = if short == 1 { "word" } else { "words" };
        advice.push(format!("Add at least {} more {noun}.", thousands(short)));
        (
            Status::Under,
            format!(
                "{counted}: {} short of the minimum of {}",
                thousands(min - words),
                thousands(min)
            ),
        )
    } else if q.min_words.is_none() && q.max_words.is_none() && q.max_chars.is_none() {
        // With no limit there is nothing to be fine against: just count.
        (Status::Fine, counted)
    } else {
        (Status::Fine, format!("{counted}: fine"))
    };
    let advice = if status == Status::Empty {
        String::new()
    } else {
        advice.join(" ")
    };
    Count {
        words,
        chars,
        chars_include_spaces: q.chars_include_spaces,
        status,
        description,
        advice,
    }
}

/// "182 words", with the character count too when the funder limits
/// characters (the count people need to see is the one the funder uses).
fn counted(q: &FunderQuestion, words: usize, chars: usize) -> String {
    match q.max_chars {
        Some(_) => format!(
            "{}, {} ({})",
            plural(words, "word"),
            plural(chars, "character"),
            spaces_rule(q.chars_include_spaces)
        ),
        None => plural(words, "word"),
    }
}

fn spaces_rule(include_spaces: bool) -> &'static str {
    if include_spaces {
        "spaces count"
    } else {
        "spaces do not count"
    }
}

/// "1 word", "1,200 words".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

/// A whole number with thousands separators: 1,200.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(
        min_words: Option<u32>,
        max_words: Option<u32>,
        max_chars: Option<u32>,
        spaces: bool,
    ) -> FunderQuestion {
        FunderQuestion {
            id: "q".into(),
            prompt: "Tell us".into(),
            min_words,
            max_words,
            max_chars,
            chars_include_spaces: spaces,
            draws_on: Vec::new(),
            tips: None,
            optional: false,
            source: Default::default(),
        }
    }

    #[test]
    fn limits_in_plain_words() {
        assert_eq!(
            limit_description(&question(Some(50), Some(300), None, true)).as_deref(),
            Some("50 to 300 words")
        );
        assert_eq!(
            limit_description(&question(None, Some(1), None, true)).as_deref(),
            Some("up to 1 word")
        );
        assert_eq!(
            limit_description(&question(Some(20), None, None, true)).as_deref(),
            Some("at least 20 words")
        );
        assert_eq!(
            limit_description(&question(None, Some(300), Some(2000), false)).as_deref(),
            Some("up to 300 words and up to 2,000 characters (spaces do not count)")
        );
        assert_eq!(limit_description(&question(None, None, None, true)), None);
    }

    #[test]
    fn statuses() {
        let q = question(Some(3), Some(5), None, true);
        let empty = limit_status(&q, "  \n ");
        assert_eq!(
            (
                empty.status,
                empty.description.as_str(),
                empty.advice.as_str()
            ),
            (Status::Empty, "Not written yet", "")
        );
        let under = limit_status(&q, "We meet.");
        assert_eq!(under.status, Status::Under);
        assert_eq!(under.description, "2 words: 1 short of the minimum of 3");
        assert_eq!(under.advice, "Add at least 1 more word.");
        let fine = limit_status(&q, "We meet every Tuesday.");
        assert_eq!(
            (fine.status, fine.description.as_str(), fine.advice.as_str()),
            (Status::Fine, "4 words: fine", "")
        );
        let over = limit_status(&q, "We meet every Tuesday at two o'clock.");
        assert_eq!(over.status, Status::Over);
        assert_eq!(over.description, "7 words: 2 over the limit of 5 words");
        assert_eq!(over.advice, "Cut 2 words.");
    }

    #[test]
    fn characters_are_counted_as_the_funder_counts_them() {
        let with_spaces = question(None, None, Some(10), true);
        let c = limit_status(&with_spaces, "tea and cake");
        assert_eq!((c.chars, c.status), (12, Status::Over));
        assert_eq!(
            c.description,
            "3 words, 12 characters (spaces count): 2 over the limit of 10 characters"
        );
        assert_eq!(c.advice, "Cut 2 characters (spaces count).");
        let without = question(None, None, Some(10), false);
        let c = limit_status(&without, "tea and cake");
        assert_eq!((c.chars, c.status), (10, Status::Fine));
    }

    #[test]
    fn over_wins_over_under() {
        // Few words but too many characters: the form will refuse it, so
        // "over" is what the person needs to hear first.
        let q = question(Some(5), None, Some(10), true);
        assert_eq!(
            limit_status(&q, "Supercalifragilistic").status,
            Status::Over
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
