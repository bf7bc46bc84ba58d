//! The group file: one human-readable TOML file per group holding every
//! answer with who gave it and when. This module is the file's model and
//! the operations on it; reading and writing safely live in `store`.

mod answer;
mod diff;
mod edit;
mod grant;
mod merge;
mod migrate;
mod rounds;
mod scrub;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use answer::{Answer, Author, PastAnswer};
pub use diff::{DiffPart, is_unchanged, marked, word_diff};
pub use edit::{Edit, Slot};
pub use grant::{
    ConsentState, Correction, CorrectionKind, Count, Grant, LogItem, LogNote, NoteKind, Promise,
    ReportDue, ReportKind, Session, Spend, Story, StoryUse,
};
pub use merge::{Conflict, Keep, MergeReport, ResolveError};
pub use migrate::{CURRENT_FORMAT, FormatProblem, migrate};
pub use rounds::{
    Application, MIN_ROUND_DAYS, NextYear, RoundRecord, RoundUndo, SHARE_BAR_KEY, Step, Steps,
    SubmitError, TooSoon, UndoRoundError, goes_out_of_date, share_bar,
};

use crate::bank::{AnswerValue, Bank, Question};
use crate::dates::Moment;
use crate::vocab::Vocabularies;

/// An answer to a funder's ask, as matching reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AskAnswer {
    pub yes: bool,
    /// Carried from last year and not yet confirmed.
    pub check: bool,
    pub by: Author,
    pub at: Moment,
}

/// A group and everything it has told alongside.
///
/// Field order here is the order in the file; answers are kept sorted by
/// question id so that a change makes a small, readable diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The file format version; see `migrate`.
    pub format: u32,
    pub name: String,
    /// The group's short name, used for its file name.
    pub slug: String,
    pub created: Moment,
    pub updated: Moment,
    /// The yearly round the group is in (1 in its first year).
    #[serde(default = "first_round")]
    pub round: u32,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The group's wording for each funder's own questions, by funder id then
    /// the funder's question id. Kept apart from the bank answers, which
    /// stay as the group first wrote them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wording: BTreeMap<String, BTreeMap<String, Answer>>,
    /// Answers to funders' yes/no asks (`[[eligibility.ask]]` in a
    /// profile), by funder id then ask id, each with who answered and when.
    /// A new yearly round marks them all "check this".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub asks: BTreeMap<String, BTreeMap<String, Answer>>,
    /// Coaching notes from the supporter, by question id. Shown to the group
    /// beside the question; never put into a draft.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, Answer>,
    /// Grants awarded, oldest first (`alongside award`).
    #[serde(default, rename = "grant", skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// Applications as they were sent, oldest first (`alongside submit`).
    /// Read-only: see `applications()`.
    #[serde(default, rename = "application", skip_serializing_if = "Vec::is_empty")]
    applications: Vec<Application>,
    /// One record per yearly round: dates, who wrote the words, who did
    /// each step (`alongside next-year`, `alongside progress`).
    #[serde(default, rename = "year", skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<RoundRecord>,
    /// Answers two copies changed differently, by question id, until a
    /// person chooses (`alongside import --merge`, `alongside resolve`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conflicts: BTreeMap<String, Conflict>,
}

fn first_round() -> u32 {
    1
}

/// How far a group has got with the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub answered: usize,
    /// Questions that apply to this group (a question whose `only_if` does
    /// not hold is not counted).
    pub total: usize,
}

impl Group {
    pub fn new(name: &str, slug: &str, now: Moment) -> Group {
        Group {
            format: CURRENT_FORMAT,
            name: name.trim().to_string(),
            slug: slug.to_string(),
            created: now,
            updated: now,
            round: 1,
            answers: BTreeMap::new(),
            wording: BTreeMap::new(),
            asks: BTreeMap::new(),
            notes: BTreeMap::new(),
            grants: Vec::new(),
            applications: Vec::new(),
            rounds: Vec::new(),
            conflicts: BTreeMap::new(),
        }
    }

    pub fn value(&self, question_id: &str) -> Option<&AnswerValue> {
        self.answers.get(question_id).map(|a| &a.value)
    }

    /// Sets an answer, keeping any earlier value in its history. Returns
    /// whether anything changed. The group's `name` follows the
    /// `group_name` answer so the two never disagree.
    pub fn set_answer(
        &mut self,
        question_id: &str,
        value: AnswerValue,
        by: Author,
        now: Moment,
    ) -> bool {
        let changed = match self.answers.get_mut(question_id) {
            Some(existing) => existing.replace(value, by, now, self.round),
            None => {
                self.answers.insert(
                    question_id.to_string(),
                    Answer::new(value, by, now, self.round),
                );
                true
            }
        };
        if changed {
            self.updated = now;
            if question_id == "group_name"
                && let Some(AnswerValue::Text(name)) = self.value("group_name")
            {
                self.name = name.clone();
            }
        }
        changed
    }

    /// The group's answer to one of a funder's asks, if it has given one.
    pub fn ask_answer(&self, funder: &str, ask: &str) -> Option<AskAnswer> {
        let answer = self.asks.get(funder)?.get(ask)?;
        match answer.value {
            AnswerValue::YesNo(yes) => Some(AskAnswer {
                yes,
                check: answer.check,
                by: answer.by,
                at: answer.at,
            }),
            _ => None,
        }
    }

    /// Records a yes/no answer to a funder's ask, keeping any earlier one in
    /// its history; answering clears "check this". Returns whether anything
    /// changed (the same answer again only clears the mark).
    pub fn set_ask(&mut self, funder: &str, ask: &str, yes: bool, by: Author, now: Moment) -> bool {
        let value = AnswerValue::YesNo(yes);
        let round = self.round;
        let for_funder = self.asks.entry(funder.to_string()).or_default();
        let changed = match for_funder.get_mut(ask) {
            Some(existing) if existing.value == value && existing.check => {
                existing.check = false;
                true
            }
            Some(existing) => existing.replace(value, by, now, round),
            None => {
                for_funder.insert(ask.to_string(), Answer::new(value, by, now, round));
                true
            }
        };
        if changed {
            self.updated = now;
        }
        changed
    }

    /// Sets the group's wording for one of a funder's questions, keeping any
    /// earlier wording in its history. Returns whether anything changed.
    pub fn set_wording(
        &mut self,
        funder: &str,
        question: &str,
        text: String,
        by: Author,
        now: Moment,
    ) -> bool {
        let value = AnswerValue::Text(text);
        let round = self.round;
        let for_funder = self.wording.entry(funder.to_string()).or_default();
        let changed = match for_funder.get_mut(question) {
            Some(existing) => existing.replace(value, by, now, round),
            None => {
                for_funder.insert(question.to_string(), Answer::new(value, by, now, round));
                true
            }
        };
        if changed {
            self.updated = now;
            // Writing words for a funder is drafting the bid.
            self.record_step(Step::Drafted, by);
        }
        changed
    }

    /// Whether a question applies, given the answers so far.
    pub fn applies(&self, question: &Question) -> bool {
        match &question.only_if {
            None => true,
            Some(cond) => cond.holds(self.value(&cond.question)),
        }
    }

    pub fn progress<'a>(&self, questions: impl IntoIterator<Item = &'a Question>) -> Progress {
        let mut p = Progress::default();
        for q in questions.into_iter().filter(|q| self.applies(q)) {
            p.total += 1;
            if self.answers.contains_key(&q.id) {
                p.answered += 1;
            }
        }
        p
    }

    /// The first question that applies and has no answer, in bank order.
    pub fn next_unanswered<'a>(&self, bank: &'a Bank) -> Option<&'a Question> {
        bank.questions
            .iter()
            .find(|q| self.applies(q) && !self.answers.contains_key(&q.id))
    }

    /// Answers that do not fit the current bank: a question id it does not
    /// know (kept, never dropped) or a value of the wrong type (perhaps
    /// from a hand edit). Reported, never "fixed" silently.
    pub fn mismatches(&self, bank: &Bank, vocab: &Vocabularies) -> Vec<String> {
        let mut out = Vec::new();
        for (id, answer) in &self.answers {
            match bank.question(id) {
                None => out.push(format!("an answer to a question this version of alongside does not know (`{id}`, perhaps from a newer version) is kept as it is")),
                Some(q) => {
                    if let Err(e) = q.check(&answer.value, vocab) {
                        out.push(e.about(q));
                    }
                }
            }
        }
        out
    }

    /// Who wrote the words of the answers to these questions.
    pub fn word_share<'a>(&self, questions: impl IntoIterator<Item = &'a Question>) -> WordShare {
        let mut share = WordShare::default();
        for q in questions {
            if let Some(a) = self.answers.get(&q.id) {
                share.add(a.by, a.value.words());
            }
        }
        share
    }

    /// Sets or (with empty text) removes the coaching note on a question.
    /// Returns whether anything changed.
    pub fn set_note(&mut self, question_id: &str, text: &str, by: Author, now: Moment) -> bool {
        let text = text.trim();
        let changed = if text.is_empty() {
            self.notes.remove(question_id).is_some()
        } else {
            let value = AnswerValue::Text(text.to_string());
            match self.notes.get_mut(question_id) {
                Some(note) => note.replace(value, by, now, self.round),
                None => {
                    self.notes.insert(
                        question_id.to_string(),
                        Answer::new(value, by, now, self.round),
                    );
                    true
                }
            }
        };
        if changed {
            self.updated = now;
        }
        changed
    }

    pub fn note(&self, question_id: &str) -> Option<&str> {
        match self.notes.get(question_id).map(|n| &n.value) {
            Some(AnswerValue::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// How many words each person wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WordShare {
    pub group: usize,
    pub supporter: usize,
    pub together: usize,
}

impl WordShare {
    pub fn add(&mut self, by: Author, words: usize) {
        match by {
            Author::Group => self.group += words,
            Author::Supporter => self.supporter += words,
            Author::Together => self.together += words,
        }
    }

    pub fn total(&self) -> usize {
        self.group + self.supporter + self.together
    }

    pub fn of(&self, by: Author) -> usize {
        match by {
            Author::Group => self.group,
            Author::Supporter => self.supporter,
            Author::Together => self.together,
        }
    }

    /// Whole-number percentage of all words (0 when there are none).
    pub fn percent(&self, by: Author) -> usize {
        match self.total() {
            0 => 0,
            total => (self.of(by) * 100 + total / 2) / total,
        }
    }
}

/// Reads a group file's text: migrates older formats, refuses newer ones,
/// and reports a parse problem with its line, column and field.
pub fn parse(file: &str, source: &str) -> Result<Group, GroupFileError> {
    let table: toml::Table = toml::from_str(source)
        .map_err(|e| GroupFileError::Parse(crate::toml_errors::describe(file, source, &e)))?;
    let migrated = migrate(table).map_err(|problem| GroupFileError::Format {
        file: file.to_string(),
        problem,
    })?;
    let group: Group = match migrated {
        // Unchanged: deserialise from the text itself so errors carry spans.
        None => toml::from_str(source)
            .map_err(|e| GroupFileError::Parse(crate::toml_errors::describe(file, source, &e)))?,
        Some(table) => {
            let text = toml::to_string(&table).map_err(|e| GroupFileError::Format {
                file: file.to_string(),
                problem: FormatProblem::Other(e.to_string()),
            })?;
            toml::from_str(&text)
                .map_err(|e| GroupFileError::Parse(crate::toml_errors::describe(file, &text, &e)))?
        }
    };
    if !crate::text::is_valid_slug(&group.slug) {
        return Err(GroupFileError::Parse(crate::toml_errors::at_path(
            file,
            source,
            &[crate::toml_errors::PathPart::Key("slug")],
            format!(
                "`{}` is not a usable short name: use lower-case letters, digits and hyphens",
                group.slug
            ),
        )));
    }
    // An answer to a funder's ask is yes or no; anything else would be
    // silently ignored by matching, so say so now.
    for (funder, asks) in &group.asks {
        for (ask, answer) in asks {
            if !matches!(answer.value, AnswerValue::YesNo(_)) {
                use crate::toml_errors::PathPart::Key;
                return Err(GroupFileError::Parse(crate::toml_errors::at_path(
                    file,
                    source,
                    &[Key("asks"), Key(funder), Key(ask)],
                    "an answer to a funder's question is yes or no: write yes = true or yes = false".to_string(),
                )));
            }
        }
    }
    Ok(group)
}

/// What to type for GROUP to name this file: its short name (the name
/// without `.toml`) in the data folder's `groups/`, else its path.
fn short_name_of(file: &str) -> String {
    let path = std::path::Path::new(file);
    let in_groups = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|name| name == "groups");
    match path.file_stem() {
        Some(stem) if in_groups => stem.to_string_lossy().into_owned(),
        _ if file.contains(' ') => format!("\"{file}\""),
        _ => file.to_string(),
    }
}

/// Writes a group as TOML text.
pub fn to_text(group: &Group) -> Result<String, toml::ser::Error> {
    let body = toml::to_string(group)?;
    Ok(format!(
        "# alongside group file. People can read and edit this file; keep it safe:\n# it may hold personal and health information.\n{body}"
    ))
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum GroupFileError {
    #[error(
        "{0}\nThe file has not been changed. Fix the line above in a text editor, or restore a backup: `alongside backups {group}` lists them, and `alongside restore {group} BACKUP` puts one back.",
        group = short_name_of(&.0.file)
    )]
    Parse(crate::toml_errors::Located),
    #[error("{file}: {problem}")]
    Format {
        file: String,
        problem: FormatProblem,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::BudgetLine;
    use crate::dates::Day;
    use proptest::prelude::*;

    fn at(secs: i64) -> Moment {
        Moment::from_unix_seconds(1_790_000_000 + secs).unwrap()
    }

    #[test]
    fn asks_are_kept_with_who_and_when_and_survive_a_save() {
        let mut g = Group::new("Asks", "asks", at(0));
        assert!(g.set_ask("fund", "funded-before", false, Author::Together, at(1)));
        assert!(!g.set_ask("fund", "funded-before", false, Author::Together, at(2)));
        assert!(g.set_ask("fund", "funded-before", true, Author::Group, at(3)));
        let text = to_text(&g).unwrap();
        let back = parse("asks.toml", &text).unwrap();
        let a = back.ask_answer("fund", "funded-before").unwrap();
        assert!(a.yes && !a.check);
        assert_eq!((a.by, a.at), (Author::Group, at(3)));
        assert_eq!(back.asks["fund"]["funded-before"].history.len(), 1);
        let bad = text.replace("yes = true", "text = \"maybe\"");
        let err = parse("asks.toml", &bad).unwrap_err().to_string();
        assert!(
            err.contains("field `asks.fund.funded-before`") && err.contains("yes or no"),
            "{err}"
        );
    }

    #[test]
    fn set_answer_keeps_history_and_name() {
        let mut g = Group::new("Old", "old", at(0));
        assert!(g.set_answer(
            "group_name",
            AnswerValue::Text("New name".into()),
            Author::Group,
            at(1)
        ));
        assert!(!g.set_answer(
            "group_name",
            AnswerValue::Text("New name".into()),
            Author::Group,
            at(2)
        ));
        assert!(g.set_answer(
            "group_name",
            AnswerValue::Text("Newer".into()),
            Author::Supporter,
            at(3)
        ));
        let a = &g.answers["group_name"];
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].value, AnswerValue::Text("New name".into()));
        assert_eq!(
            a.by,
            Author::Together,
            "the supporter changed the group's words"
        );
        assert_eq!(g.name, "Newer");
        assert_eq!(g.updated, at(3));
    }

    #[test]
    fn a_supporter_changing_the_groups_words_makes_them_together() {
        let mut g = Group::new("G", "g", at(0));
        g.set_answer(
            "who_for",
            AnswerValue::Text("Our words".into()),
            Author::Group,
            at(1),
        );
        g.set_answer(
            "who_for",
            AnswerValue::Text("Our words, tidied".into()),
            Author::Supporter,
            at(2),
        );
        let a = &g.answers["who_for"];
        assert_eq!(a.by, Author::Together);
        assert_eq!(a.history[0].value, AnswerValue::Text("Our words".into()));
        assert_eq!(a.history[0].by, Author::Group);
        // The supporter's own answers stay the supporter's.
        g.set_answer(
            "how_run",
            AnswerValue::Text("Draft".into()),
            Author::Supporter,
            at(3),
        );
        g.set_answer(
            "how_run",
            AnswerValue::Text("Draft two".into()),
            Author::Supporter,
            at(4),
        );
        assert_eq!(g.answers["how_run"].by, Author::Supporter);
        // Numbers are facts, not words: the person who typed them is recorded.
        g.set_answer(
            "year_started",
            AnswerValue::Number(2017),
            Author::Group,
            at(5),
        );
        g.set_answer(
            "year_started",
            AnswerValue::Number(2016),
            Author::Supporter,
            at(6),
        );
        assert_eq!(g.answers["year_started"].by, Author::Supporter);
    }

    #[test]
    fn word_share_by_author() {
        let bank = crate::bank::Bank::builtin().unwrap();
        let mut g = Group::new("G", "g", at(0));
        g.set_answer(
            "who_for",
            AnswerValue::Text("one two three".into()),
            Author::Group,
            at(1),
        );
        g.set_answer(
            "how_run",
            AnswerValue::Text("four".into()),
            Author::Supporter,
            at(1),
        );
        let share = g.word_share(&bank.questions);
        assert_eq!(
            (share.group, share.supporter, share.together, share.total()),
            (3, 1, 0, 4)
        );
        assert_eq!(share.percent(Author::Group), 75);
        let about = g.word_share(bank.in_section("about"));
        assert_eq!(about.total(), 3);
    }

    #[test]
    fn coaching_notes_are_set_changed_and_removed() {
        let mut g = Group::new("G", "g", at(0));
        assert!(g.set_note(
            "who_for",
            "Say who comes, in your words.",
            Author::Supporter,
            at(1)
        ));
        assert_eq!(g.note("who_for"), Some("Say who comes, in your words."));
        assert!(!g.set_note(
            "who_for",
            " Say who comes, in your words. ",
            Author::Supporter,
            at(2)
        ));
        let text = to_text(&g).unwrap();
        assert!(text.contains("[notes.who_for]"), "{text}");
        assert_eq!(parse("g.toml", &text).unwrap(), g);
        assert!(g.set_note("who_for", "  ", Author::Supporter, at(3)));
        assert_eq!(g.note("who_for"), None);
    }

    #[test]
    fn wording_is_kept_per_funder_with_history() {
        let mut g = Group::new("G", "g", at(0));
        assert!(g.set_wording("fund-a", "idea", "First go".into(), Author::Group, at(1)));
        assert!(g.set_wording(
            "fund-a",
            "idea",
            "Second go".into(),
            Author::Together,
            at(2)
        ));
        assert!(g.set_wording("fund-b", "idea", "Other".into(), Author::Group, at(3)));
        let a = &g.wording["fund-a"]["idea"];
        assert_eq!(a.value, AnswerValue::Text("Second go".into()));
        assert_eq!(a.history.len(), 1);
        assert!(g.answers.is_empty(), "bank answers are untouched");
        let text = to_text(&g).unwrap();
        assert!(text.contains("[wording.fund-a.idea]"), "{text}");
        assert_eq!(parse("g.toml", &text).unwrap(), g);
    }

    #[test]
    fn file_reads_as_documented() {
        let mut g = Group::new("Riverside", "riverside", at(0));
        g.set_answer(
            "income_last_year",
            AnswerValue::Money(231_500),
            Author::Together,
            at(5),
        );
        let text = to_text(&g).unwrap();
        assert!(
            text.contains(
                "[answers.income_last_year]\npence = 231500\nby = \"together\"\nat = 2026-"
            ),
            "{text}"
        );
        assert!(text.starts_with("# alongside group file"));
        assert_eq!(parse("g.toml", &text).unwrap(), g);
    }

    #[test]
    fn answer_with_two_values_is_an_error_with_a_line() {
        let src = "format = 1\nname = \"x\"\nslug = \"x\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n[answers.a]\ntext = \"hi\"\nnumber = 3\nby = \"group\"\nat = 2026-01-01T00:00:00Z\n";
        let err = parse("g.toml", src).unwrap_err().to_string();
        assert!(
            err.contains("g.toml:7:") || err.contains("g.toml:8:"),
            "{err}"
        );
        assert!(err.contains("2 values"), "{err}");
    }

    #[test]
    fn bad_slug_in_file_is_refused() {
        let src = "format = 1\nname = \"x\"\nslug = \"../../etc\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n";
        let err = parse("g.toml", src).unwrap_err().to_string();
        assert!(err.contains("g.toml:3:1: field `slug`"), "{err}");
    }

    fn value_strategy() -> impl Strategy<Value = AnswerValue> {
        let text = "\\PC{0,40}";
        prop_oneof![
            text.prop_map(AnswerValue::Text),
            any::<i64>().prop_map(AnswerValue::Number),
            (0i64..i64::MAX).prop_map(AnswerValue::Money),
            any::<bool>().prop_map(AnswerValue::YesNo),
            "[a-z_]{1,20}".prop_map(AnswerValue::Choice),
            prop::collection::vec("[a-z_]{1,20}", 0..5).prop_map(AnswerValue::Choices),
            (1900i16..2200, 1i8..=12, 1i8..=28)
                .prop_map(|(y, m, d)| AnswerValue::Date(Day::new(y, m, d).unwrap())),
            prop::collection::vec((text, "[a-z_]{1,12}", 0i64..10_000_000), 0..4).prop_map(
                |lines| AnswerValue::Budget(
                    lines
                        .into_iter()
                        .map(|(item, category, pence)| BudgetLine {
                            item,
                            category,
                            pence
                        })
                        .collect()
                )
            ),
        ]
    }

    fn author_strategy() -> impl Strategy<Value = Author> {
        prop_oneof![
            Just(Author::Group),
            Just(Author::Supporter),
            Just(Author::Together)
        ]
    }

    proptest! {
        #[test]
        fn any_answers_survive_save_then_load(
            name in "\\PC{1,30}",
            edits in prop::collection::vec(("[a-z_]{1,12}", value_strategy(), author_strategy(), 0i64..1_000_000), 0..12),
        ) {
            let mut g = Group::new(&name, "a-group", at(0));
            for (id, value, by, t) in edits {
                g.set_answer(&id, value, by, at(t));
            }
            let text = to_text(&g).unwrap();
            let back = parse("g.toml", &text).unwrap();
            prop_assert_eq!(back, g);
        }
    }
}
