//! Shared by the merge and draft targets: groups built from arbitrary
//! edits, as a person (or a hand-edited file) could make them.

use alongside::bank::{AnswerValue, BudgetLine};
use alongside::dates::{Day, Moment};
use alongside::group::{Author, Group};
use arbitrary::Arbitrary;

#[derive(Debug, Arbitrary)]
pub enum Value {
    Text(String),
    Number(i64),
    Money(i64),
    YesNo(bool),
    Choice(String),
    Choices(Vec<String>),
    Date(u16, u8, u8),
    Budget(Vec<(String, String, i64)>),
}

#[derive(Debug, Arbitrary)]
pub enum Edit {
    Answer {
        question: u8,
        value: Value,
        by: u8,
        at: u32,
    },
    Wording {
        funder: u8,
        question: u8,
        text: String,
        by: u8,
        at: u32,
    },
    Note {
        question: u8,
        text: String,
        by: u8,
        at: u32,
    },
}

const QUESTIONS: [&str; 8] = [
    "who_for",
    "group_name",
    "regular_members",
    "income_last_year",
    "project_budget",
    "values",
    "project_start",
    "unknown_question",
];

fn author(n: u8) -> Author {
    Author::ALL[n as usize % 3]
}

fn moment(at: u32) -> Moment {
    Moment::from_unix_seconds(1_700_000_000 + i64::from(at)).unwrap()
}

fn value(v: Value) -> AnswerValue {
    match v {
        Value::Text(t) => AnswerValue::Text(t),
        Value::Number(n) => AnswerValue::Number(n),
        Value::Money(n) => AnswerValue::Money(n),
        Value::YesNo(b) => AnswerValue::YesNo(b),
        Value::Choice(c) => AnswerValue::Choice(c),
        Value::Choices(c) => AnswerValue::Choices(c),
        Value::Date(y, m, d) => {
            let day = Day::new(
                (y % 9000 + 1000) as i16,
                (m % 12 + 1) as i8,
                (d % 28 + 1) as i8,
            )
            .unwrap();
            AnswerValue::Date(day)
        }
        Value::Budget(lines) => AnswerValue::Budget(
            lines
                .into_iter()
                .map(|(item, category, pence)| BudgetLine {
                    item,
                    category,
                    pence,
                })
                .collect(),
        ),
    }
}

/// Applies the edits to the group.
pub fn apply(group: &mut Group, edits: Vec<Edit>, funders: &[&str]) {
    for e in edits {
        match e {
            Edit::Answer {
                question,
                value: v,
                by,
                at,
            } => {
                let q = QUESTIONS[question as usize % QUESTIONS.len()];
                group.set_answer(q, value(v), author(by), moment(at));
            }
            Edit::Wording {
                funder,
                question,
                text,
                by,
                at,
            } => {
                let f = funders
                    .get(funder as usize % funders.len().max(1))
                    .copied()
                    .unwrap_or("some-funder");
                let q = format!("q{}", question % 8);
                group.set_wording(f, &q, text, author(by), moment(at));
            }
            Edit::Note {
                question,
                text,
                by,
                at,
            } => {
                let q = QUESTIONS[question as usize % QUESTIONS.len()];
                group.set_note(q, &text, author(by), moment(at));
            }
        }
    }
}
