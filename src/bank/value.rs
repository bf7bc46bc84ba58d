//! Typed answer values: how each question type is parsed from what a person
//! typed, checked, and shown back to them.

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::text::{format_pence, word_count};
use crate::vocab::Vocabularies;

use super::{Question, QuestionType};

/// One line of a budget: what it is, its cost category (from the shared
/// vocabulary) and its cost in whole pence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub item: String,
    pub category: String,
    pub pence: i64,
}

/// A typed answer. Short and long text are both `Text`; money is integer
/// pence so sums are exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerValue {
    Text(String),
    Number(i64),
    Money(i64),
    YesNo(bool),
    Choice(String),
    Choices(Vec<String>),
    Date(Day),
    Budget(Vec<BudgetLine>),
}

/// Why a typed value was not accepted: always says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}. {expected}")]
pub struct BadValue {
    pub problem: String,
    pub expected: String,
}

impl BadValue {
    /// The message with the question named by its own words, for places
    /// that show it away from the question (the command line, a list).
    pub fn about(&self, question: &Question) -> String {
        format!(
            "Answering \"{}\": {}. {}",
            question.prompt, self.problem, self.expected
        )
    }
}

fn bad(problem: impl Into<String>, expected: impl Into<String>) -> BadValue {
    BadValue {
        problem: problem.into(),
        expected: expected.into(),
    }
}

impl AnswerValue {
    /// The key this value is stored under in a group file (`text`, `pence`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            AnswerValue::Text(_) => "text",
            AnswerValue::Number(_) => "number",
            AnswerValue::Money(_) => "pence",
            AnswerValue::YesNo(_) => "yes",
            AnswerValue::Choice(_) => "choice",
            AnswerValue::Choices(_) => "choices",
            AnswerValue::Date(_) => "date",
            AnswerValue::Budget(_) => "budget",
        }
    }

    /// What kind of value this is, in words ("a number", "some words").
    pub fn kind_for_people(&self) -> &'static str {
        match self {
            AnswerValue::Text(_) => "some words",
            AnswerValue::Number(_) => "a number",
            AnswerValue::Money(_) => "an amount of money",
            AnswerValue::YesNo(_) => "a yes or no",
            AnswerValue::Choice(_) => "one choice",
            AnswerValue::Choices(_) => "a list of choices",
            AnswerValue::Date(_) => "a date",
            AnswerValue::Budget(_) => "a budget",
        }
    }

    /// Does this value have the shape the question type expects?
    pub fn fits(&self, kind: QuestionType) -> bool {
        matches!(
            (self, kind),
            (
                AnswerValue::Text(_),
                QuestionType::ShortText | QuestionType::LongText
            ) | (AnswerValue::Number(_), QuestionType::Number)
                | (AnswerValue::Money(_), QuestionType::Money)
                | (AnswerValue::YesNo(_), QuestionType::YesNo)
                | (AnswerValue::Choice(_), QuestionType::Choice)
                | (AnswerValue::Choices(_), QuestionType::Choices)
                | (AnswerValue::Date(_), QuestionType::Date)
                | (AnswerValue::Budget(_), QuestionType::Budget)
        )
    }

    /// The value for people, with vocabulary labels and pounds.
    pub fn display(&self, question: Option<&Question>, vocab: &Vocabularies) -> String {
        let list = question.and_then(|q| q.choices.as_deref()).unwrap_or("");
        match self {
            AnswerValue::Text(t) => t.clone(),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Money(p) => format_pence(*p),
            AnswerValue::YesNo(b) => if *b { "Yes" } else { "No" }.to_string(),
            AnswerValue::Choice(c) => vocab.label(list, c).to_string(),
            AnswerValue::Choices(cs) if cs.is_empty() => "None of these".to_string(),
            AnswerValue::Choices(cs) => cs
                .iter()
                .map(|c| vocab.label(list, c))
                .collect::<Vec<_>>()
                .join(", "),
            AnswerValue::Date(d) => d.for_people(),
            AnswerValue::Budget(lines) => {
                let mut out = String::new();
                for line in lines {
                    out.push_str(&format!(
                        "{} ({}): {}\n",
                        line.item,
                        vocab.label(crate::vocab::names::COST_CATEGORY, &line.category),
                        format_pence(line.pence)
                    ));
                }
                out.push_str(&format!("Total: {}", format_pence(budget_total(lines))));
                out
            }
        }
    }

    /// The value as a person would type it back in (for editing and for the
    /// plain interview): ids for choices, plain numbers for money.
    pub fn as_typed(&self) -> String {
        match self {
            AnswerValue::Text(t) => t.clone(),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Money(p) => pence_as_typed(*p),
            AnswerValue::YesNo(b) => if *b { "yes" } else { "no" }.to_string(),
            AnswerValue::Choice(c) => c.clone(),
            AnswerValue::Choices(cs) => cs.join(", "),
            AnswerValue::Date(d) => d.to_string(),
            AnswerValue::Budget(lines) => lines
                .iter()
                .map(|l| format!("{} | {} | {}", l.item, l.category, pence_as_typed(l.pence)))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// How many words of prose this answer holds (for "your words" counts).
    pub fn words(&self) -> usize {
        match self {
            AnswerValue::Text(t) => word_count(t),
            AnswerValue::Budget(lines) => lines.iter().map(|l| word_count(&l.item)).sum(),
            _ => 0,
        }
    }
}

pub fn budget_total(lines: &[BudgetLine]) -> i64 {
    sum_pence(lines.iter().map(|l| l.pence))
}

/// Adds amounts of money. Amounts can come from a file anyone may edit, so
/// the sum stops at the largest amount rather than overflowing into a
/// wrong (even negative) total or a panic.
pub fn sum_pence(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0, i64::saturating_add)
}

fn pence_as_typed(pence: i64) -> String {
    if pence % 100 == 0 {
        (pence / 100).to_string()
    } else {
        format!("{}.{:02}", pence / 100, (pence % 100).abs())
    }
}

/// Parses an amount of money as people write it: `£1,234.50`, `1234`,
/// `1234.5`, `£300`. Negative amounts and more than two decimal places are
/// refused rather than rounded, so nobody's figure changes silently.
pub fn parse_money(typed: &str) -> Result<i64, BadValue> {
    const EXPECTED: &str = "Expected an amount in pounds, such as 1200 or £1,200.50";
    let cleaned: String = typed
        .trim()
        .trim_start_matches('£')
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if cleaned.starts_with('-') {
        return Err(bad(format!("{} is below zero", quoted(typed)), EXPECTED));
    }
    let (pounds, pence) = match cleaned.split_once('.') {
        Some((p, d)) => (p, d),
        None => (cleaned.as_str(), ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (pounds.is_empty() && pence.is_empty()) || !all_digits(pounds) || !all_digits(pence) {
        return Err(bad(
            format!("{} is not an amount of money", quoted(typed)),
            EXPECTED,
        ));
    }
    if pence.len() > 2 {
        return Err(bad(
            format!("{} has more than two places after the point", quoted(typed)),
            EXPECTED,
        ));
    }
    let pounds: i64 = if pounds.is_empty() {
        0
    } else {
        pounds
            .parse()
            .map_err(|_| bad(format!("{} is too large", quoted(typed)), EXPECTED))?
    };
    let pence_part: i64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<i64>().unwrap_or(0) * 10,
        _ => pence.parse().unwrap_or(0),
    };
    pounds
        .checked_mul(100)
        .and_then(|p| p.checked_add(pence_part))
        .ok_or_else(|| bad(format!("{} is too large", quoted(typed)), EXPECTED))
}

/// Parses a whole number, allowing thousands separators (`1,200`).
pub fn parse_whole_number(typed: &str) -> Result<i64, BadValue> {
    let cleaned: String = typed.trim().chars().filter(|c| *c != ',').collect();
    cleaned.parse::<i64>().map_err(|_| {
        bad(
            format!("{} is not a whole number", quoted(typed)),
            "Expected a whole number, such as 12",
        )
    })
}

pub fn parse_yes_no(typed: &str) -> Result<bool, BadValue> {
    match typed.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" => Ok(true),
        "n" | "no" | "false" | "0" => Ok(false),
        _ => Err(bad(
            format!("{} is not yes or no", quoted(typed)),
            "Expected yes or no",
        )),
    }
}

impl Question {
    /// Parses what a person typed into this question's type, with checks
    /// (ranges, known choices, non-empty text). The error says what the
    /// question expected.
    pub fn parse_value(&self, typed: &str, vocab: &Vocabularies) -> Result<AnswerValue, BadValue> {
        let value = match self.kind {
            QuestionType::ShortText | QuestionType::LongText => {
                let text = normalise_text(typed, self.kind == QuestionType::LongText);
                AnswerValue::Text(text)
            }
            QuestionType::Number => AnswerValue::Number(parse_whole_number(typed)?),
            QuestionType::Money => AnswerValue::Money(parse_money(typed)?),
            QuestionType::YesNo => AnswerValue::YesNo(parse_yes_no(typed)?),
            QuestionType::Date => {
                AnswerValue::Date(typed.parse().map_err(|e: crate::dates::BadDate| {
                    bad(
                        e.to_string(),
                        "Expected a date such as 1 April 2027 or 1/4/2027",
                    )
                })?)
            }
            QuestionType::Choice => {
                let list = self.choices.as_deref().unwrap_or("");
                let entry = vocab.lookup(list, typed).ok_or_else(|| {
                    bad(
                        format!("{} is not one of the choices", quoted(typed)),
                        self.choices_hint(vocab),
                    )
                })?;
                AnswerValue::Choice(entry.id.clone())
            }
            QuestionType::Choices => {
                let list = self.choices.as_deref().unwrap_or("");
                let trimmed = typed.trim();
                let mut ids = Vec::new();
                if !(trimmed.eq_ignore_ascii_case("none") || trimmed.is_empty()) {
                    for part in trimmed
                        .split([',', ';', '\n'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                    {
                        let entry = vocab.lookup(list, part).ok_or_else(|| {
                            bad(
                                format!("{} is not one of the choices", quoted(part)),
                                self.choices_hint(vocab),
                            )
                        })?;
                        if !ids.contains(&entry.id) {
                            ids.push(entry.id.clone());
                        }
                    }
                }
                // Stored in the list's own order, whatever order they were
                // typed in, so the same choices always read (and diff) alike.
                let position = |id: &String| vocab.list(list).iter().position(|e| &e.id == id);
                ids.sort_by_key(position);
                AnswerValue::Choices(ids)
            }
            QuestionType::Budget => AnswerValue::Budget(parse_budget(typed, vocab)?),
        };
        self.check(&value, vocab)?;
        Ok(value)
    }

    /// Checks a value already in the right shape (from a file or the TUI's
    /// own inputs) against this question's rules.
    pub fn check(&self, value: &AnswerValue, vocab: &Vocabularies) -> Result<(), BadValue> {
        if !value.fits(self.kind) {
            return Err(bad(
                format!("the answer kept is {}", value.kind_for_people()),
                format!("\"{}\" expects {}", self.prompt, self.kind.describe()),
            ));
        }
        match value {
            AnswerValue::Text(t) if t.trim().is_empty() => {
                Err(bad("the answer is empty", "Expected some words"))
            }
            AnswerValue::Text(t) if self.kind == QuestionType::ShortText && t.contains('\n') => {
                Err(bad(
                    "the answer has more than one line",
                    "Expected a short answer on one line",
                ))
            }
            AnswerValue::Number(n) | AnswerValue::Money(n) => {
                let too_low = self.min.is_some_and(|min| n < &min) || *n < 0;
                let too_high = self.max.is_some_and(|max| n > &max);
                if too_low || too_high {
                    let shown = self.show_amount(*n);
                    let problem = if too_low {
                        format!("{shown} is too low")
                    } else {
                        format!("{shown} is too high")
                    };
                    return Err(bad(problem, self.range_hint()));
                }
                Ok(())
            }
            AnswerValue::Choice(c) if !vocab.contains(self.choices.as_deref().unwrap_or(""), c) => {
                Err(bad(
                    format!("{} is not one of the choices", quoted(c)),
                    self.choices_hint(vocab),
                ))
            }
            AnswerValue::Choices(cs) => match cs
                .iter()
                .find(|c| !vocab.contains(self.choices.as_deref().unwrap_or(""), c))
            {
                Some(c) => Err(bad(
                    format!("{} is not one of the choices", quoted(c)),
                    self.choices_hint(vocab),
                )),
                None => Ok(()),
            },
            AnswerValue::Budget(lines) if lines.is_empty() => {
                Err(bad("the budget has no lines", BUDGET_EXPECTED))
            }
            AnswerValue::Budget(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    if line.item.trim().is_empty() {
                        return Err(bad(
                            format!("budget line {} has no item", i + 1),
                            BUDGET_EXPECTED,
                        ));
                    }
                    if !vocab.contains(crate::vocab::names::COST_CATEGORY, &line.category) {
                        return Err(bad(
                            format!(
                                "budget line {} has an unknown kind of cost {}",
                                i + 1,
                                quoted(&line.category)
                            ),
                            category_hint(vocab),
                        ));
                    }
                    if line.pence < 0 {
                        return Err(bad(
                            format!("budget line {} is below zero", i + 1),
                            BUDGET_EXPECTED,
                        ));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A number or amount as people write it: pounds for money.
    fn show_amount(&self, n: i64) -> String {
        if self.kind == QuestionType::Money {
            format_pence(n)
        } else {
            n.to_string()
        }
    }

    /// "Expected a whole number from 1900 to 2100", with whichever ends apply.
    fn range_hint(&self) -> String {
        let what = if self.kind == QuestionType::Money {
            "an amount"
        } else {
            "a whole number"
        };
        let min = self.min.unwrap_or(0).max(0);
        match self.max {
            Some(max) => format!(
                "Expected {what} from {} to {}",
                self.show_amount(min),
                self.show_amount(max)
            ),
            None => format!("Expected {what} of {} or more", self.show_amount(min)),
        }
    }

    /// The choices by their labels, as people read them; a label (or its
    /// number in the list) is accepted wherever the id is.
    fn choices_hint(&self, vocab: &Vocabularies) -> String {
        let list = self.choices.as_deref().unwrap_or("");
        let several = if self.kind == QuestionType::Choices {
            " (several, separated by commas, or none)"
        } else {
            ""
        };
        format!("Expected one of{several}: {}", labels(vocab, list))
    }
}

/// "England, Scotland or Wales": a list's labels, for messages.
fn labels(vocab: &Vocabularies, list: &str) -> String {
    let labels: Vec<String> = vocab.list(list).iter().map(|e| e.label.clone()).collect();
    crate::text::join_or(&labels)
}

/// What a person typed, quoted for a message: plain double quotes, not
/// the backticks of code.
fn quoted(typed: &str) -> String {
    format!("\"{}\"", crate::text::one_line(typed.trim()))
}

const BUDGET_EXPECTED: &str = "Expected one budget line per line (or separated by ;), each as: what it is for | kind of cost | amount";

fn category_hint(vocab: &Vocabularies) -> String {
    format!(
        "The kinds of cost are: {}",
        labels(vocab, crate::vocab::names::COST_CATEGORY)
    )
}

/// Parses budget lines typed as `item | category | amount`, one per line or
/// separated by `;`.
pub fn parse_budget(typed: &str, vocab: &Vocabularies) -> Result<Vec<BudgetLine>, BadValue> {
    let mut lines = Vec::new();
    for (i, raw) in typed
        .split(['\n', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = raw.split('|').map(str::trim).collect();
        let [item, category, amount] = parts.as_slice() else {
            return Err(bad(
                format!(
                    "budget line {} ({}) does not have three parts",
                    i + 1,
                    quoted(raw)
                ),
                BUDGET_EXPECTED,
            ));
        };
        let category = vocab
            .lookup(crate::vocab::names::COST_CATEGORY, category)
            .ok_or_else(|| {
                bad(
                    format!(
                        "budget line {} has an unknown kind of cost {}",
                        i + 1,
                        quoted(category)
                    ),
                    category_hint(vocab),
                )
            })?;
        let pence = parse_money(amount)
            .map_err(|e| bad(format!("budget line {}: {}", i + 1, e.problem), e.expected))?;
        lines.push(BudgetLine {
            item: item.to_string(),
            category: category.id.clone(),
            pence,
        });
    }
    Ok(lines)
}

/// Tidies typed text: trims the ends, turns Windows line endings into plain
/// ones, and for short answers joins lines into one.
fn normalise_text(typed: &str, multi_line: bool) -> String {
    // Control characters are never part of what a person means to write.
    let typed = &crate::text::sanitize(typed, true);
    let unix = typed.replace("\r\n", "\n").replace('\r', "\n");
    let text = if multi_line {
        unix
    } else {
        unix.split('\n')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    };
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_forms() {
        assert_eq!(parse_money("£1,234.50"), Ok(123_450));
        assert_eq!(parse_money("1234"), Ok(123_400));
        assert_eq!(parse_money("12.5"), Ok(1_250));
        assert_eq!(parse_money(".75"), Ok(75));
        assert_eq!(parse_money(" £ 300 "), Ok(30_000));
        assert!(
            parse_money("-5")
                .unwrap_err()
                .problem
                .contains("below zero")
        );
        assert!(parse_money("1.234").is_err());
        assert!(parse_money("lots").is_err());
        assert!(parse_money("").is_err());
        assert!(parse_money("99999999999999999999").is_err());
    }

    #[test]
    fn yes_no_and_numbers() {
        assert_eq!(parse_yes_no("Yes"), Ok(true));
        assert_eq!(parse_yes_no("n"), Ok(false));
        assert!(parse_yes_no("maybe").is_err());
        assert_eq!(parse_whole_number("1,200"), Ok(1200));
        assert!(parse_whole_number("12.5").is_err());
    }

    #[test]
    fn typed_form_round_trips_money() {
        assert_eq!(parse_money(&pence_as_typed(123_405)), Ok(123_405));
        assert_eq!(parse_money(&pence_as_typed(500)), Ok(500));
    }
}
