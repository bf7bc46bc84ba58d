//! One answer in a group file: its typed value, who gave it, when, in which
//! yearly round, and the earlier versions it replaced.
//!
//! In the file each answer is a small table whose value key names its type
//! (`text`, `number`, `pence`, `yes`, `choice`, `choices`, `date`, `budget`),
//! so the file reads on its own without the question bank:
//!
//! ```toml
//! [answers.income_last_year]
//! pence = 231500
//! by = "together"
//! at = 2026-10-14T15:40:00Z
//! round = 1
//! ```

use serde::{Deserialize, Serialize};

use crate::bank::{AnswerValue, BudgetLine};
use crate::dates::{Day, Moment};

/// Who was at the keyboard when an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Author {
    Group,
    Supporter,
    Together,
}

impl Author {
    pub const ALL: [Author; 3] = [Author::Group, Author::Supporter, Author::Together];

    pub fn id(self) -> &'static str {
        match self {
            Author::Group => "group",
            Author::Supporter => "supporter",
            Author::Together => "together",
        }
    }

    /// For sentences: "answered by the group".
    pub fn label(self) -> &'static str {
        match self {
            Author::Group => "the group",
            Author::Supporter => "the supporter",
            Author::Together => "the group and supporter together",
        }
    }

    pub fn parse(text: &str) -> Option<Author> {
        match text.trim().to_lowercase().as_str() {
            "group" | "g" => Some(Author::Group),
            "supporter" | "s" | "support worker" => Some(Author::Supporter),
            "together" | "t" | "both" => Some(Author::Together),
            _ => None,
        }
    }

    /// The next author in the cycle group → supporter → together.
    pub fn next(self) -> Author {
        match self {
            Author::Group => Author::Supporter,
            Author::Supporter => Author::Together,
            Author::Together => Author::Group,
        }
    }
}

/// An earlier version of an answer, kept so nothing typed is lost and so
/// later rounds can show how the group's words changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastAnswer {
    pub value: AnswerValue,
    pub by: Author,
    pub at: Moment,
    pub round: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAnswer", into = "RawAnswer")]
pub struct Answer {
    pub value: AnswerValue,
    pub by: Author,
    pub at: Moment,
    pub round: u32,
    /// Older versions, oldest first.
    pub history: Vec<PastAnswer>,
    /// "Check this": the answer may have gone out of date since a new
    /// yearly round began (a number, an amount, a date, a membership count,
    /// or anything not changed for a year). Cleared by changing the answer
    /// or by confirming it (`Group::confirm`).
    pub check: bool,
}

impl Answer {
    pub fn new(value: AnswerValue, by: Author, at: Moment, round: u32) -> Answer {
        Answer {
            value,
            by,
            at,
            round,
            history: Vec::new(),
            check: false,
        }
    }

    /// This answer as an entry for a history list.
    pub fn as_past(&self) -> PastAnswer {
        PastAnswer {
            value: self.value.clone(),
            by: self.by,
            at: self.at,
            round: self.round,
        }
    }

    /// Replaces the value, keeping the old one in the history. Returns false
    /// (and changes nothing) when the value and author are the same.
    ///
    /// When the supporter changes words someone else wrote, the answer
    /// becomes "together": the words are no longer only the supporter's,
    /// and the earlier text stays in the history for both to see.
    ///
    /// Any change clears "check this". Giving the same answer again by the
    /// same person keeps the history as it is but counts as confirming it:
    /// a marked answer is cleared (and true is returned).
    pub fn replace(&mut self, value: AnswerValue, by: Author, at: Moment, round: u32) -> bool {
        if self.value == value && self.by == by {
            return std::mem::take(&mut self.check);
        }
        let rewording = matches!(
            (&self.value, &value),
            (AnswerValue::Text(_), AnswerValue::Text(_))
        ) && self.value != value;
        let by = if by == Author::Supporter && self.by != Author::Supporter && rewording {
            Author::Together
        } else {
            by
        };
        if self.value == value && self.by == by {
            return std::mem::take(&mut self.check);
        }
        let old = PastAnswer {
            value: std::mem::replace(&mut self.value, value),
            by: self.by,
            at: self.at,
            round: self.round,
        };
        self.history.push(old);
        self.by = by;
        self.at = at;
        self.round = round;
        self.check = false;
        true
    }
}

/// The on-disk shape: optional value keys, exactly one of which must be set.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pence: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    yes: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<Day>,
    by: Author,
    at: Moment,
    #[serde(default = "first_round")]
    round: u32,
    #[serde(default, skip_serializing_if = "is_false")]
    check: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    budget: Option<Vec<BudgetLine>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    history: Vec<RawAnswer>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn first_round() -> u32 {
    1
}

const VALUE_KEYS: &str = "text, number, pence, yes, choice, choices, date or budget";

impl RawAnswer {
    fn take_value(&mut self) -> Result<AnswerValue, String> {
        let mut found = Vec::new();
        if let Some(v) = self.text.take() {
            found.push(AnswerValue::Text(v));
        }
        if let Some(v) = self.number.take() {
            found.push(AnswerValue::Number(v));
        }
        if let Some(v) = self.pence.take() {
            found.push(AnswerValue::Money(v));
        }
        if let Some(v) = self.yes.take() {
            found.push(AnswerValue::YesNo(v));
        }
        if let Some(v) = self.choice.take() {
            found.push(AnswerValue::Choice(v));
        }
        if let Some(v) = self.choices.take() {
            found.push(AnswerValue::Choices(v));
        }
        if let Some(v) = self.date.take() {
            found.push(AnswerValue::Date(v));
        }
        if let Some(v) = self.budget.take() {
            found.push(AnswerValue::Budget(v));
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err(format!(
                "this answer has no value: give exactly one of {VALUE_KEYS}"
            )),
            _ => Err(format!(
                "this answer has {} values ({}); keep exactly one of {VALUE_KEYS}",
                found.len(),
                found
                    .iter()
                    .map(AnswerValue::kind_name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn from_value(value: AnswerValue, by: Author, at: Moment, round: u32) -> RawAnswer {
        let mut raw = RawAnswer::empty(by, at, round);
        match value {
            AnswerValue::Text(v) => raw.text = Some(v),
            AnswerValue::Number(v) => raw.number = Some(v),
            AnswerValue::Money(v) => raw.pence = Some(v),
            AnswerValue::YesNo(v) => raw.yes = Some(v),
            AnswerValue::Choice(v) => raw.choice = Some(v),
            AnswerValue::Choices(v) => raw.choices = Some(v),
            AnswerValue::Date(v) => raw.date = Some(v),
            AnswerValue::Budget(v) => raw.budget = Some(v),
        }
        raw
    }

    fn empty(by: Author, at: Moment, round: u32) -> RawAnswer {
        RawAnswer {
            text: None,
            number: None,
            pence: None,
            yes: None,
            choice: None,
            choices: None,
            date: None,
            by,
            at,
            round,
            check: false,
            budget: None,
            history: Vec::new(),
        }
    }
}

impl TryFrom<RawAnswer> for Answer {
    type Error = String;
    fn try_from(mut raw: RawAnswer) -> Result<Answer, String> {
        let value = raw.take_value()?;
        let mut history = Vec::with_capacity(raw.history.len());
        for (i, mut past) in std::mem::take(&mut raw.history).into_iter().enumerate() {
            if !past.history.is_empty() {
                return Err(format!(
                    "history entry {} has a history of its own; only answers have histories",
                    i + 1
                ));
            }
            if past.check {
                return Err(format!(
                    "history entry {} is marked `check`; only the current answer can be",
                    i + 1
                ));
            }
            let value = past
                .take_value()
                .map_err(|e| format!("history entry {}: {e}", i + 1))?;
            history.push(PastAnswer {
                value,
                by: past.by,
                at: past.at,
                round: past.round,
            });
        }
        Ok(Answer {
            value,
            by: raw.by,
            at: raw.at,
            round: raw.round,
            history,
            check: raw.check,
        })
    }
}

impl From<Answer> for RawAnswer {
    fn from(answer: Answer) -> RawAnswer {
        let mut raw = RawAnswer::from_value(answer.value, answer.by, answer.at, answer.round);
        raw.check = answer.check;
        raw.history = answer
            .history
            .into_iter()
            .map(|p| RawAnswer::from_value(p.value, p.by, p.at, p.round))
            .collect();
        raw
    }
}
