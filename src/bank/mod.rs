//! The question bank: plain-English questions about a group, grouped in
//! sections, each with why funders ask it and an example from a fictional
//! group. The bank is data (`questions.toml`, compiled in); this module
//! loads it, checks it, and parses answers by each question's type.

pub mod find;
pub mod glossary;
mod value;

use serde::Deserialize;

pub use value::{
    AnswerValue, BadValue, BudgetLine, budget_total, parse_budget, parse_money, parse_whole_number,
    sum_pence,
};

use crate::vocab::Vocabularies;

/// The question bank compiled into the binary.
pub const BUILTIN_QUESTIONS: &str = include_str!("questions.toml");

/// The same bank as JSON, made by build.rs (quicker to read).
const BUILTIN_QUESTIONS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/questions.json"));

/// The kinds of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    ShortText,
    LongText,
    Number,
    Money,
    YesNo,
    Choice,
    Choices,
    Date,
    Budget,
}

impl QuestionType {
    /// The type's name as written in the bank and shown in `questions`.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::ShortText => "short_text",
            QuestionType::LongText => "long_text",
            QuestionType::Number => "number",
            QuestionType::Money => "money",
            QuestionType::YesNo => "yes_no",
            QuestionType::Choice => "choice",
            QuestionType::Choices => "choices",
            QuestionType::Date => "date",
            QuestionType::Budget => "budget",
        }
    }

    /// What a person should type, in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            QuestionType::ShortText => "a short answer on one line",
            QuestionType::LongText => "some sentences in your own words",
            QuestionType::Number => "a whole number, such as 12",
            QuestionType::Money => "an amount in pounds, such as 1200 or £1,200.50",
            QuestionType::YesNo => "yes or no",
            QuestionType::Choice => "one of the choices",
            QuestionType::Choices => "any of the choices, separated by commas (or none)",
            QuestionType::Date => {
                "a date, such as 1 April 2027, 1/4/2027 or 2027-04-01 (day before month)"
            }
            QuestionType::Budget => "budget lines, each as: what it is for | kind of cost | amount",
        }
    }
}

/// A section of the bank (About the group, Ethos, ...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// Opens the section from the second yearly round on: "what changed
    /// this year?", in words for this section.
    #[serde(default)]
    pub changes_prompt: Option<String>,
}

/// A suggested length for a long answer, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordGuide {
    pub min: usize,
    pub max: usize,
}

/// Ask a question only when an earlier answer makes it relevant
/// (signatories only if the group has a bank account).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The earlier question's id.
    pub question: String,
    /// Ask when that answer is this (yes/no, a choice, or one of several choices).
    #[serde(default)]
    pub is: Option<toml::Value>,
    /// Ask when that answer is given and is not this.
    #[serde(default)]
    pub is_not: Option<toml::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub section: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub prompt: String,
    pub why: String,
    pub example: String,
    #[serde(default)]
    pub word_guide: Option<WordGuide>,
    /// The shared vocabulary a choice question draws on.
    #[serde(default)]
    pub choices: Option<String>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub only_if: Option<Condition>,
    /// The answer tends to change every year (how many members, the
    /// committee), so a new round marks it "check this" whatever its type.
    /// Numbers, amounts, dates and budgets are marked anyway.
    #[serde(default)]
    pub changes_yearly: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BankFile {
    section: Vec<Section>,
    question: Vec<Question>,
}

/// The whole bank, in order.
#[derive(Debug, Clone)]
pub struct Bank {
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
}

/// The bank file itself is wrong (only reachable through a broken build or a
/// future user override): names the problem precisely.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the question bank is not valid: {0}")]
pub struct BankError(pub String);

impl Bank {
    pub fn parse(source: &str, vocab: &Vocabularies) -> Result<Bank, BankError> {
        let file: BankFile = toml::from_str(source).map_err(|e| BankError(e.to_string()))?;
        Bank::checked(file, vocab)
    }

    /// The bank from the JSON build.rs makes of `questions.toml`.
    fn parse_json(source: &str, vocab: &Vocabularies) -> Result<Bank, BankError> {
        let file: BankFile = serde_json::from_str(source).map_err(|e| BankError(e.to_string()))?;
        Bank::checked(file, vocab)
    }

    fn checked(file: BankFile, vocab: &Vocabularies) -> Result<Bank, BankError> {
        let bank = Bank {
            sections: file.section,
            questions: file.question,
        };
        let problems = bank.problems(vocab);
        if problems.is_empty() {
            Ok(bank)
        } else {
            Err(BankError(problems.join("; ")))
        }
    }

    /// The built-in bank, parsed once.
    pub fn builtin() -> Result<&'static Bank, BankError> {
        static BUILTIN: std::sync::OnceLock<Result<Bank, BankError>> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| Bank::parse_json(BUILTIN_QUESTIONS_JSON, Vocabularies::builtin()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Every inconsistency in the bank, not just the first.
    pub fn problems(&self, vocab: &Vocabularies) -> Vec<String> {
        let mut problems = Vec::new();
        for section in &self.sections {
            if section
                .changes_prompt
                .as_deref()
                .is_some_and(|p| p.trim().is_empty())
            {
                problems.push(format!(
                    "section `{}` has an empty `changes_prompt`",
                    section.id
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for q in &self.questions {
            if !seen.insert(q.id.as_str()) {
                problems.push(format!("question id `{}` is used twice", q.id));
            }
            if !self.sections.iter().any(|s| s.id == q.section) {
                problems.push(format!(
                    "question `{}` names an unknown section `{}`",
                    q.id, q.section
                ));
            }
            let wants_choices = matches!(q.kind, QuestionType::Choice | QuestionType::Choices);
            match (&q.choices, wants_choices) {
                (Some(list), true) if !vocab.has_list(list) => problems.push(format!(
                    "question `{}` uses an unknown vocabulary `{list}`",
                    q.id
                )),
                (None, true) => problems.push(format!("question `{}` needs `choices`", q.id)),
                (Some(_), false) => problems.push(format!(
                    "question `{}` has choices but is not a choice question",
                    q.id
                )),
                _ => {}
            }
            if let Some(g) = q.word_guide
                && g.min > g.max
            {
                problems.push(format!(
                    "question `{}` has a word guide minimum above its maximum",
                    q.id
                ));
            }
            if let Some(cond) = &q.only_if {
                match self.questions.iter().position(|p| p.id == cond.question) {
                    None => problems.push(format!(
                        "question `{}` depends on unknown question `{}`",
                        q.id, cond.question
                    )),
                    Some(pos)
                        if pos
                            >= self
                                .questions
                                .iter()
                                .position(|p| p.id == q.id)
                                .unwrap_or(0) =>
                    {
                        problems.push(format!(
                            "question `{}` depends on a later question `{}`",
                            q.id, cond.question
                        ))
                    }
                    _ => {}
                }
                if cond.is.is_none() == cond.is_not.is_none() {
                    problems.push(format!(
                        "question `{}`: only_if needs exactly one of `is` or `is_not`",
                        q.id
                    ));
                }
            }
            for (field, text) in [
                ("prompt", &q.prompt),
                ("why", &q.why),
                ("example", &q.example),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("question `{}` has an empty `{field}`", q.id));
                }
            }
        }
        problems
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn in_section<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.section == section)
    }

    /// Finds a question by id, or explains the miss with the closest ids.
    /// The id may be typed in any case, with hyphens or spaces for the
    /// underscores (`Year-Started` is `year_started`).
    pub fn find(&self, id: &str) -> Result<&Question, UnknownQuestion> {
        let typed = id.trim().to_lowercase().replace(['-', ' '], "_");
        self.question(id)
            .or_else(|| self.question(&typed))
            .ok_or_else(|| UnknownQuestion {
                id: crate::text::one_line(id),
                closest: crate::text::closest(id, self.questions.iter().map(|q| q.id.as_str()))
                    .into_iter()
                    .filter_map(|near| self.question(near))
                    .map(|q| format!("`{}` (\"{}\")", q.id, q.prompt))
                    .collect(),
            })
    }

    /// A question named for someone who will type its id: "`who_for`
    /// ("Who is your group for?")".
    pub fn id_with_words(&self, id: &str) -> String {
        match self.question(id) {
            Some(q) => format!("`{id}` (\"{}\")", q.prompt),
            None => format!("`{id}`"),
        }
    }

    /// A question named for people: its prompt in quotes, or (for an id
    /// this bank does not know, from a newer file) the id itself.
    pub fn name_of(&self, id: &str) -> String {
        match self.question(id) {
            Some(q) => format!("\"{}\"", q.prompt),
            None => format!("\"{id}\""),
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("there is no question `{id}`.{}", suggest(.closest))]
pub struct UnknownQuestion {
    pub id: String,
    /// The nearest questions, each as its id and its words.
    pub closest: Vec<String>,
}

fn suggest(closest: &[String]) -> String {
    if closest.is_empty() {
        " Run `alongside questions` to see every question id.".to_string()
    } else {
        format!(
            " Did you mean {}? Run `alongside questions` to see them all.",
            closest.join(" or ")
        )
    }
}

impl Condition {
    /// Whether the condition holds for the earlier answer (None = unanswered,
    /// in which case the dependent question is not asked yet).
    pub fn holds(&self, earlier: Option<&AnswerValue>) -> bool {
        let Some(value) = earlier else { return false };
        let matches = |wanted: &toml::Value| match (value, wanted) {
            (AnswerValue::YesNo(b), toml::Value::Boolean(w)) => b == w,
            (AnswerValue::Choice(c), toml::Value::String(w)) => c == w,
            (AnswerValue::Choices(cs), toml::Value::String(w)) => cs.iter().any(|c| c == w),
            (AnswerValue::Number(n), toml::Value::Integer(w)) => n == w,
            (AnswerValue::Text(t), toml::Value::String(w)) => t == w,
            _ => false,
        };
        match (&self.is, &self.is_not) {
            (Some(w), _) => matches(w),
            (None, Some(w)) => !matches(w),
            (None, None) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> &'static Vocabularies {
        Vocabularies::builtin()
    }

    #[test]
    fn the_json_made_at_build_time_holds_the_same_bank() {
        let from_toml = Bank::parse(BUILTIN_QUESTIONS, vocab()).unwrap();
        assert_eq!(
            format!("{:?}", Bank::builtin().unwrap()),
            format!("{from_toml:?}")
        );
    }

    #[test]
    fn builtin_bank_is_valid() {
        let bank = Bank::parse(BUILTIN_QUESTIONS, vocab()).expect("built-in bank is valid");
        assert!(bank.questions.len() >= 50, "the bank covers the brief");
        for section in [
            "about",
            "ethos",
            "activities",
            "outcomes",
            "structure",
            "money",
            "project",
            "monitoring",
        ] {
            assert!(
                bank.in_section(section).count() > 0,
                "section {section} has questions"
            );
        }
    }

    #[test]
    fn membership_changes_yearly_and_every_section_asks_what_changed() {
        let bank = Bank::builtin().unwrap();
        let yearly: Vec<&str> = bank
            .questions
            .iter()
            .filter(|q| q.changes_yearly)
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            yearly,
            [
                "regular_members",
                "people_in_touch",
                "committee_size",
                "committee_unrelated",
                "unrelated_signatories"
            ]
        );
        for section in &bank.sections {
            assert!(
                section.changes_prompt.is_some(),
                "section {} has no changes_prompt",
                section.id
            );
        }
        let mut empty = bank.clone();
        empty.sections[0].changes_prompt = Some(" ".into());
        assert!(
            empty.problems(vocab())[0].contains("empty `changes_prompt`"),
            "{:?}",
            empty.problems(vocab())
        );
    }

    #[test]
    fn every_type_is_used_in_the_bank() {
        let bank = Bank::builtin().unwrap();
        for kind in [
            QuestionType::ShortText,
            QuestionType::LongText,
            QuestionType::Number,
            QuestionType::Money,
            QuestionType::YesNo,
            QuestionType::Choice,
            QuestionType::Choices,
            QuestionType::Date,
            QuestionType::Budget,
        ] {
            assert!(
                bank.questions.iter().any(|q| q.kind == kind),
                "{kind:?} unused"
            );
        }
    }

    fn q(kind: QuestionType, choices: Option<&str>) -> Question {
        Question {
            id: "q".into(),
            section: "s".into(),
            kind,
            prompt: "p".into(),
            why: "w".into(),
            example: "e".into(),
            word_guide: None,
            choices: choices.map(String::from),
            min: None,
            max: None,
            only_if: None,
            changes_yearly: false,
        }
    }

    #[test]
    fn parses_every_type() {
        let v = vocab();
        let cases: Vec<(QuestionType, Option<&str>, &str, AnswerValue)> = vec![
            (
                QuestionType::ShortText,
                None,
                "  Hillside \r\n group ",
                AnswerValue::Text("Hillside group".into()),
            ),
            (
                QuestionType::LongText,
                None,
                "One.\r\nTwo.",
                AnswerValue::Text("One.\nTwo.".into()),
            ),
            (
                QuestionType::Number,
                None,
                "1,200",
                AnswerValue::Number(1200),
            ),
            (
                QuestionType::Money,
                None,
                "£2,500",
                AnswerValue::Money(250_000),
            ),
            (QuestionType::YesNo, None, "yes", AnswerValue::YesNo(true)),
            (
                QuestionType::Choice,
                Some("country"),
                "Wales",
                AnswerValue::Choice("wales".into()),
            ),
            (
                QuestionType::Choices,
                Some("policy"),
                "safeguarding, 2, safeguarding",
                AnswerValue::Choices(vec!["safeguarding".into(), "equal_opportunities".into()]),
            ),
            (
                QuestionType::Choices,
                Some("policy"),
                "none",
                AnswerValue::Choices(vec![]),
            ),
            (
                QuestionType::Date,
                None,
                "2026-03-01",
                AnswerValue::Date(crate::dates::Day::new(2026, 3, 1).unwrap()),
            ),
            (
                QuestionType::Budget,
                None,
                "Room hire | venue_hire | £1,200\nTea and biscuits | Refreshments | 150.50",
                AnswerValue::Budget(vec![
                    BudgetLine {
                        item: "Room hire".into(),
                        category: "venue_hire".into(),
                        pence: 120_000,
                    },
                    BudgetLine {
                        item: "Tea and biscuits".into(),
                        category: "refreshments".into(),
                        pence: 15_050,
                    },
                ]),
            ),
        ];
        for (kind, choices, typed, want) in cases {
            assert_eq!(
                q(kind, choices).parse_value(typed, v),
                Ok(want),
                "{kind:?} {typed:?}"
            );
        }
    }

    #[test]
    fn bad_values_name_what_was_expected() {
        let v = vocab();
        let err = q(QuestionType::Number, None)
            .parse_value("twelve", v)
            .unwrap_err();
        assert!(err.to_string().contains("whole number"), "{err}");
        let err = q(QuestionType::Choice, Some("country"))
            .parse_value("Atlantis", v)
            .unwrap_err();
        // The choices by the labels people read, never their ids.
        assert!(
            err.to_string().ends_with(
                "Expected one of: England, Scotland, Wales, Northern Ireland or Isle of Man"
            ),
            "{err}"
        );
        assert!(err.to_string().starts_with("\"Atlantis\" is not"), "{err}");
        let err = q(QuestionType::ShortText, None)
            .parse_value("   ", v)
            .unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        let err = q(QuestionType::Budget, None)
            .parse_value("Room | nowhere | 5", v)
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown kind of cost \"nowhere\"")
                && err.to_string().contains("Room or venue hire, Transport"),
            "{err}"
        );
        let err = q(QuestionType::Budget, None)
            .parse_value("Room hire 5", v)
            .unwrap_err();
        assert!(err.to_string().contains("three parts"), "{err}");
        assert_eq!(
            q(QuestionType::Date, None)
                .parse_value("1/3/2026", v)
                .unwrap(),
            AnswerValue::Date(crate::dates::Day::new(2026, 3, 1).unwrap())
        );
        let err = q(QuestionType::Date, None)
            .parse_value("3/13/2026", v)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("the day comes first, as in 13/3/2026"),
            "{err}"
        );
        let mut year = q(QuestionType::Number, None);
        year.min = Some(1900);
        assert_eq!(
            year.parse_value("1850", v).unwrap_err().to_string(),
            "1850 is too low. Expected a whole number of 1900 or more"
        );
        let mut pounds = q(QuestionType::Money, None);
        pounds.max = Some(100_000);
        assert_eq!(
            pounds.parse_value("£2,000", v).unwrap_err().to_string(),
            "£2,000 is too high. Expected an amount from £0 to £1,000"
        );
        assert!(
            q(QuestionType::Budget, None)
                .parse_value("", v)
                .unwrap_err()
                .to_string()
                .contains("no lines")
        );
    }

    #[test]
    fn unknown_question_suggests_closest() {
        let bank = Bank::builtin().unwrap();
        let err = bank.find("group_nme").unwrap_err();
        assert!(
            err.to_string()
                .contains("Did you mean `group_name` (\"What is your group called?\")"),
            "{err}"
        );
    }

    #[test]
    fn conditions() {
        let yes = Condition {
            question: "x".into(),
            is: Some(toml::Value::Boolean(true)),
            is_not: None,
        };
        assert!(yes.holds(Some(&AnswerValue::YesNo(true))));
        assert!(!yes.holds(Some(&AnswerValue::YesNo(false))));
        assert!(!yes.holds(None));
        let not_informal = Condition {
            question: "x".into(),
            is: None,
            is_not: Some(toml::Value::String("informal".into())),
        };
        assert!(not_informal.holds(Some(&AnswerValue::Choice("registered_charity".into()))));
        assert!(!not_informal.holds(Some(&AnswerValue::Choice("informal".into()))));
    }
}
