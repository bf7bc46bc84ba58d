//! Yearly rounds: starting next year's bid from this year's answers,
//! marking what may have gone out of date, keeping an exact copy of each
//! application sent, and recording year by year how much of the work the
//! group did itself.
//!
//! In the group file:
//!
//! ```toml
//! [[application]]
//! funder = "awards-for-all-england"
//! round = 1
//! submitted = 2025-11-20
//! by = "together"
//! ask_pence = 390000
//!
//! [application.answers]
//! your-idea = "We want to keep our café going..."
//!
//! [[year]]
//! round = 1
//! started = 2025-09-02
//! closed = 2026-09-01
//!
//! [year.words]
//! group = 610
//! supporter = 470
//! together = 270
//!
//! [year.steps]
//! drafted = "supporter"
//! submitted = "together"
//! ```

use std::collections::BTreeMap;

use jiff::ToSpan;
use serde::{Deserialize, Serialize};

use super::{Author, Group, WordShare};
use crate::bank::{AnswerValue, Bank, Question, QuestionType};
use crate::dates::{Day, Moment};

/// An application as it was sent: read-only once recorded. Nothing in
/// alongside changes one after `Group::submit` has added it; later changes
/// to the group's wording leave it exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The funder profile's id.
    pub funder: String,
    /// The yearly round it was sent in.
    pub round: u32,
    /// The day it was sent.
    pub submitted: Day,
    /// Who sent it.
    pub by: Author,
    /// The amount asked for (`project_total` at the time), in pence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_pence: Option<i64>,
    /// The text sent for each of the funder's questions, by the funder's
    /// question id.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// One yearly round: when it started and ended, who wrote the words, and
/// which steps of the work were done by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundRecord {
    pub round: u32,
    pub started: Day,
    /// When the next round began; none while this is the current round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Day>,
    /// Who wrote the words of the answers, counted when the round closed
    /// (all zero while it is open: see `Group::round_history`).
    #[serde(default, skip_serializing_if = "WordShare::is_empty")]
    pub words: WordShare,
    #[serde(default, skip_serializing_if = "Steps::is_empty")]
    pub steps: Steps,
}

/// Who did each step of the year's work (none: not done, or not recorded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafted: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logged_evidence: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrote_return: Option<Author>,
}

/// A step of the year's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Drafted,
    Checked,
    Submitted,
    LoggedEvidence,
    WroteReturn,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Drafted,
        Step::Checked,
        Step::Submitted,
        Step::LoggedEvidence,
        Step::WroteReturn,
    ];

    /// The key in the group file and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Step::Drafted => "drafted",
            Step::Checked => "checked",
            Step::Submitted => "submitted",
            Step::LoggedEvidence => "logged_evidence",
            Step::WroteReturn => "wrote_return",
        }
    }

    /// For people: "drafted the bid".
    pub fn label(self) -> &'static str {
        match self {
            Step::Drafted => "drafted the bid",
            Step::Checked => "checked the bid",
            Step::Submitted => "sent it",
            Step::LoggedEvidence => "kept the log",
            Step::WroteReturn => "wrote the report",
        }
    }
}

/// How much of a step the group did itself, for choosing between two
/// records of the same step: the group alone, then together, then the
/// supporter alone.
fn independence(by: Author) -> u8 {
    match by {
        Author::Group => 2,
        Author::Together => 1,
        Author::Supporter => 0,
    }
}

impl Steps {
    pub fn get(&self, step: Step) -> Option<Author> {
        match step {
            Step::Drafted => self.drafted,
            Step::Checked => self.checked,
            Step::Submitted => self.submitted,
            Step::LoggedEvidence => self.logged_evidence,
            Step::WroteReturn => self.wrote_return,
        }
    }

    fn slot(&mut self, step: Step) -> &mut Option<Author> {
        match step {
            Step::Drafted => &mut self.drafted,
            Step::Checked => &mut self.checked,
            Step::Submitted => &mut self.submitted,
            Step::LoggedEvidence => &mut self.logged_evidence,
            Step::WroteReturn => &mut self.wrote_return,
        }
    }

    /// Records that `by` did `step`. A step done more than once in a round
    /// keeps the most independent record: once the group has done it alone
    /// that round, it counts as the group's. Returns whether it changed.
    pub fn record(&mut self, step: Step, by: Author) -> bool {
        let slot = self.slot(step);
        match *slot {
            Some(old) if independence(old) >= independence(by) => false,
            _ => {
                *slot = Some(by);
                true
            }
        }
    }

    /// The steps the group did itself (done "together" or by the supporter
    /// is not by the group), in order.
    pub fn by_group(&self) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| self.get(*s) == Some(Author::Group))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        Step::ALL.into_iter().all(|s| self.get(s).is_none())
    }

    /// Joins two records of the same round, step by step (for merging).
    pub fn join(&mut self, other: &Steps) {
        for step in Step::ALL {
            if let Some(by) = other.get(step) {
                self.record(step, by);
            }
        }
    }
}

impl WordShare {
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }
}

/// What each pattern in a `share_bar` stands for, for the line beside it.
pub const SHARE_BAR_KEY: &str = "# the group   = the supporter   - together";

/// A bar of `width` cells: group, supporter and together in turn, each in
/// its own pattern so the bar reads without colour (`#` the group, `=` the
/// supporter, `-` together). Blank when there are no words.
pub fn share_bar(share: &WordShare, width: usize) -> String {
    if share.total() == 0 {
        return " ".repeat(width);
    }
    let cells = |n: usize| (n * width + share.total() / 2) / share.total();
    let group = cells(share.group);
    let supporter = cells(share.supporter).min(width - group);
    let together = width - group - supporter;
    format!(
        "{}{}{}",
        "#".repeat(group),
        "=".repeat(supporter),
        "-".repeat(together)
    )
}

/// What starting a new round did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextYear {
    /// The round now begun.
    pub round: u32,
    /// Answers marked "check this", in bank order (then any the bank does
    /// not know).
    pub marked: Vec<String>,
    /// What is needed to take the new round back (`Group::undo_next_year`).
    pub undo: RoundUndo,
}

/// How the group was before a round began: the year records and which
/// "check this" marks (on answers and on funders' asks) the new round
/// added. Answers themselves are not copied: words typed after the round
/// began stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundUndo {
    round: u32,
    rounds_before: Vec<RoundRecord>,
    marked: Vec<String>,
    asks_marked: Vec<(String, String)>,
}

/// A round begun too recently to end: starting another is almost always a
/// mistake (a second press, a command run twice).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("year {round} began {}, so year {} was not started", when_begun(*started, *days), round + 1)]
pub struct TooSoon {
    pub round: u32,
    pub started: Day,
    pub days: i32,
}

/// "today (1 April 2027)" or "on 1 April 2027, only 3 days ago".
fn when_begun(started: Day, days: i32) -> String {
    match days {
        0 => format!("today ({})", started.for_people()),
        _ => format!(
            "on {}, only {} ago",
            started.for_people(),
            crate::text::count(days, "day")
        ),
    }
}

/// Why a new round could not be taken back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UndoRoundError {
    #[error(
        "year {started} is no longer the current year (it is now year {now}), so it cannot be taken back"
    )]
    NotCurrent { started: u32, now: u32 },
    #[error("a bid was recorded as sent in year {0}, so that year cannot be taken back")]
    BidSent(u32),
}

/// A round begun fewer days ago than this is not ended without being
/// forced: running next year twice by mistake would start a year that has
/// not happened.
pub const MIN_ROUND_DAYS: i32 = 30;

/// Why an application could not be recorded as sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    #[error(
        "there is no wording for `{funder}` yet, so there is nothing to record as sent. Write the group's answers to that funder's questions first"
    )]
    NoWording { funder: String },
    #[error(
        "this application to `{funder}` was already recorded as sent on {day}, word for word the same"
    )]
    AlreadyRecorded { funder: String, day: String },
}

/// Whether an answer of this kind is likely to be out of date a year on,
/// whatever its age: figures, amounts, dates and budgets, and any question
/// the bank marks `changes_yearly` (membership and the committee).
pub fn goes_out_of_date(question: &Question) -> bool {
    question.changes_yearly
        || matches!(
            question.kind,
            QuestionType::Number | QuestionType::Money | QuestionType::Date | QuestionType::Budget
        )
}

impl Group {
    /// Every round's record, including (unsaved) one for the current round
    /// when the file has none yet.
    fn record_for_current(&self) -> RoundRecord {
        let started = if self.round <= 1 {
            self.created.local_day()
        } else {
            self.answers
                .values()
                .filter(|a| a.round == self.round)
                .map(|a| a.at)
                .min()
                .unwrap_or(self.updated)
                .local_day()
        };
        RoundRecord {
            round: self.round,
            started,
            closed: None,
            words: WordShare::default(),
            steps: Steps::default(),
        }
    }

    /// The current round's record, added when missing (older files, and a
    /// group's first round until something is recorded).
    fn current_record_mut(&mut self) -> &mut RoundRecord {
        let round = self.round;
        match self.rounds.iter().position(|r| r.round == round) {
            Some(i) => &mut self.rounds[i],
            None => {
                let record = self.record_for_current();
                self.rounds.push(record);
                self.rounds.sort_by_key(|r| r.round);
                let i = self
                    .rounds
                    .iter()
                    .position(|r| r.round == round)
                    .expect("just added");
                &mut self.rounds[i]
            }
        }
    }

    /// Starts the next yearly round from this year's answers, which carry
    /// forward as they are (each keeps its round, who gave it and when, and
    /// its history). Closes this round's record, counting who wrote the
    /// words as the answers stand, and opens the next.
    ///
    /// Marks "check this" on answers that may be out of date: those
    /// `goes_out_of_date` picks out, and any answer not changed in the 12
    /// months before `now`.
    /// The one guard both front ends use before starting next year: the
    /// current round must be at least `MIN_ROUND_DAYS` old.
    pub fn too_soon_for_next_year(&self, today: Day) -> Option<TooSoon> {
        let current = self.rounds.iter().find(|r| r.round == self.round)?;
        let days = current
            .started
            .0
            .until(today.0)
            .map_or(0, |span| span.get_days());
        (days < MIN_ROUND_DAYS).then_some(TooSoon {
            round: self.round,
            started: current.started,
            days,
        })
    }

    /// Starts next year unless the current one began too recently (see
    /// `too_soon_for_next_year`); `force` starts it anyway.
    pub fn start_next_year(
        &mut self,
        bank: &Bank,
        now: Moment,
        force: bool,
    ) -> Result<NextYear, TooSoon> {
        match self.too_soon_for_next_year(now.local_day()) {
            Some(too_soon) if !force => Err(too_soon),
            _ => Ok(self.next_year(bank, now)),
        }
    }

    /// Takes back a round started by `next_year`: the year records as they
    /// were and the "check this" marks it added (on answers nobody has
    /// changed since). Answers, wording and notes given since keep their
    /// words and are counted in the year before.
    pub fn undo_next_year(&mut self, undo: &RoundUndo, now: Moment) -> Result<(), UndoRoundError> {
        if self.round != undo.round {
            return Err(UndoRoundError::NotCurrent {
                started: undo.round,
                now: self.round,
            });
        }
        if self.applications.iter().any(|a| a.round == undo.round) {
            return Err(UndoRoundError::BidSent(undo.round));
        }
        let before = undo.round - 1;
        self.round = before;
        self.rounds = undo.rounds_before.clone();
        for id in &undo.marked {
            if let Some(answer) = self.answers.get_mut(id)
                && answer.round < undo.round
            {
                answer.check = false;
            }
        }
        for (funder, ask) in &undo.asks_marked {
            if let Some(answer) = self.asks.get_mut(funder).and_then(|a| a.get_mut(ask))
                && answer.round < undo.round
            {
                answer.check = false;
            }
        }
        let given_since = self
            .answers
            .values_mut()
            .chain(self.notes.values_mut())
            .chain(self.wording.values_mut().flat_map(|w| w.values_mut()))
            .chain(self.asks.values_mut().flat_map(|a| a.values_mut()));
        for answer in given_since.filter(|a| a.round >= undo.round) {
            answer.round = before;
        }
        self.updated = now;
        Ok(())
    }

    pub fn next_year(&mut self, bank: &Bank, now: Moment) -> NextYear {
        let rounds_before = {
            // The records as they are, with the current one in them.
            self.current_record_mut();
            self.rounds.clone()
        };
        let today = now.local_day();
        let words = self.word_share(&bank.questions);
        let record = self.current_record_mut();
        record.closed = Some(today);
        record.words = words;
        self.round += 1;
        let round = self.round;
        self.rounds.push(RoundRecord {
            round,
            started: today,
            closed: None,
            words: WordShare::default(),
            steps: Steps::default(),
        });
        let a_year_ago = today.0.checked_sub(1.year()).unwrap_or(today.0);
        let mut marked = Vec::new();
        let mut newly_marked = Vec::new();
        for (id, answer) in &mut self.answers {
            let kind_dates = bank.question(id).is_some_and(goes_out_of_date);
            let old = answer.at.local_day().0 < a_year_ago;
            if kind_dates || old {
                if !answer.check {
                    newly_marked.push(id.clone());
                }
                answer.check = true;
                marked.push(id.clone());
            }
        }
        // Answers to funders' asks may have changed too ("Has the group had
        // a grant from us before?"): all are checked again each year.
        let mut asks_marked = Vec::new();
        for (funder, asks) in &mut self.asks {
            for (ask, answer) in asks {
                if !answer.check {
                    asks_marked.push((funder.clone(), ask.clone()));
                }
                answer.check = true;
            }
        }
        let position = |id: &String| {
            bank.questions
                .iter()
                .position(|q| &q.id == id)
                .unwrap_or(usize::MAX)
        };
        marked.sort_by_key(position);
        self.updated = now;
        NextYear {
            round,
            marked,
            undo: RoundUndo {
                round,
                rounds_before,
                marked: newly_marked,
                asks_marked,
            },
        }
    }

    /// Says an answer marked "check this" is still right: clears the mark
    /// without changing the value, who wrote it or when, and adds nothing to
    /// its history. `_by` is who confirmed it; the words stay theirs who
    /// wrote them, so it is not stored. Returns whether anything changed.
    pub fn confirm(&mut self, question_id: &str, _by: Author, now: Moment) -> bool {
        match self.answers.get_mut(question_id) {
            Some(answer) if answer.check => {
                answer.check = false;
                self.updated = now;
                true
            }
            _ => false,
        }
    }

    /// The questions a review visits, in bank order: those that apply and
    /// have no answer, or whose answer is marked "check this".
    pub fn review_list<'a>(&self, bank: &'a Bank) -> Vec<&'a Question> {
        bank.questions
            .iter()
            .filter(|q| {
                self.applies(q) && self.answers.get(&q.id).is_none_or(|answer| answer.check)
            })
            .collect()
    }

    /// Records that `by` did a step of this round's work. Recording a step
    /// again keeps the most independent record (see `Steps::record`).
    /// Returns whether anything changed.
    pub fn record_step(&mut self, step: Step, by: Author) -> bool {
        self.current_record_mut().steps.record(step, by)
    }

    /// The rounds so far, oldest first, for "your words year by year": the
    /// records in the file, with the current round's words counted from
    /// the answers as they stand now (and a record made up for it when the
    /// file has none yet).
    pub fn round_history(&self, bank: &Bank) -> Vec<RoundRecord> {
        let mut records = self.rounds.clone();
        if !records.iter().any(|r| r.round == self.round) {
            records.push(self.record_for_current());
        }
        records.sort_by_key(|r| r.round);
        for record in &mut records {
            if record.round == self.round && record.closed.is_none() {
                record.words = self.word_share(&bank.questions);
            }
        }
        records
    }

    /// Applications recorded as sent, oldest first. Read-only: there is no
    /// way to change one once recorded.
    pub fn applications(&self) -> &[Application] {
        &self.applications
    }

    /// Records the application to `funder` as sent on `day`: an exact copy
    /// of the group's wording for that funder (text answers only, as they
    /// are now) and the amount asked for, in this round. Also records the
    /// "submitted" step.
    pub fn submit(
        &mut self,
        funder: &str,
        day: Day,
        by: Author,
        now: Moment,
    ) -> Result<&Application, SubmitError> {
        let answers: BTreeMap<String, String> = self
            .wording
            .get(funder)
            .into_iter()
            .flatten()
            .filter_map(|(question, answer)| match &answer.value {
                AnswerValue::Text(text) if !text.trim().is_empty() => {
                    Some((question.clone(), text.clone()))
                }
                _ => None,
            })
            .collect();
        if answers.is_empty() {
            return Err(SubmitError::NoWording {
                funder: funder.to_string(),
            });
        }
        let ask_pence = match self.value("project_total") {
            Some(AnswerValue::Money(pence)) => Some(*pence),
            _ => None,
        };
        let application = Application {
            funder: funder.to_string(),
            round: self.round,
            submitted: day,
            by,
            ask_pence,
            answers,
        };
        if self.applications.contains(&application) {
            return Err(SubmitError::AlreadyRecorded {
                funder: funder.to_string(),
                day: day.for_people(),
            });
        }
        self.applications.push(application);
        self.record_step(Step::Submitted, by);
        self.updated = now;
        Ok(self.applications.last().expect("just added"))
    }

    /// The latest application to `funder` sent in a round before
    /// `before_round`: what to show beside this year's wording.
    pub fn last_submitted(&self, funder: &str, before_round: u32) -> Option<&Application> {
        self.applications
            .iter()
            .filter(|a| a.funder == funder && a.round < before_round)
            .max_by_key(|a| (a.round, a.submitted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        text.parse().unwrap()
    }

    fn bank() -> &'static Bank {
        Bank::builtin().unwrap()
    }

    #[test]
    fn a_second_round_the_same_day_is_refused_unless_forced() {
        let mut g = crate::demo::demo_group().unwrap();
        let round = g.round;
        g.next_year(bank(), at("2027-04-01T10:00:00Z"));
        let err = g
            .start_next_year(bank(), at("2027-04-01T11:00:00Z"), false)
            .unwrap_err();
        assert_eq!(g.round, round + 1, "nothing started");
        assert_eq!(
            err.to_string(),
            format!(
                "year {} began today (1 April 2027), so year {} was not started",
                round + 1,
                round + 2
            )
        );
        let later = g.start_next_year(bank(), at("2027-05-01T10:00:00Z"), false);
        assert!(later.is_ok(), "30 days on it starts");
        assert!(
            g.start_next_year(bank(), at("2027-05-01T10:00:00Z"), true)
                .is_ok()
        );
        assert_eq!(g.round, round + 3);
    }

    #[test]
    fn starting_a_round_can_be_taken_back_keeping_what_was_typed_since() {
        let mut g = crate::demo::demo_group().unwrap();
        let before = g.clone();
        let started = g.next_year(bank(), at("2027-04-01T10:00:00Z"));
        assert!(!started.marked.is_empty());
        // Words typed after the new round began stay when it is undone.
        g.set_answer(
            "languages",
            AnswerValue::Text("English and Punjabi".into()),
            Author::Group,
            at("2027-04-01T10:05:00Z"),
        );
        g.undo_next_year(&started.undo, at("2027-04-01T10:06:00Z"))
            .unwrap();
        assert_eq!(g.round, before.round);
        assert_eq!(g.rounds.len(), before.rounds.len().max(1));
        for (id, answer) in &g.answers {
            if id != "languages" {
                assert_eq!(answer.check, before.answers[id].check, "{id}");
            }
        }
        let languages = &g.answers["languages"];
        assert_eq!(languages.round, before.round);
        assert_eq!(
            languages.value,
            AnswerValue::Text("English and Punjabi".into())
        );
        // Once undone (or once another round began), it cannot be again.
        assert!(matches!(
            g.undo_next_year(&started.undo, at("2027-04-01T10:07:00Z")),
            Err(UndoRoundError::NotCurrent { .. })
        ));
    }

    #[test]
    fn steps_keep_the_most_independent_record() {
        let mut steps = Steps::default();
        assert!(steps.record(Step::Drafted, Author::Supporter));
        assert!(steps.record(Step::Drafted, Author::Together));
        assert!(steps.record(Step::Drafted, Author::Group));
        assert!(!steps.record(Step::Drafted, Author::Supporter));
        assert_eq!(steps.drafted, Some(Author::Group));
        steps.record(Step::Submitted, Author::Together);
        steps.record(Step::WroteReturn, Author::Group);
        assert_eq!(steps.by_group(), [Step::Drafted, Step::WroteReturn]);
    }

    #[test]
    fn share_bar_fills_its_width_in_three_patterns() {
        let share = WordShare {
            group: 50,
            supporter: 25,
            together: 25,
        };
        assert_eq!(share_bar(&share, 8), "####==--");
        assert_eq!(share_bar(&WordShare::default(), 4), "    ");
        let all_group = WordShare {
            group: 3,
            ..WordShare::default()
        };
        assert_eq!(share_bar(&all_group, 5), "#####");
    }

    #[test]
    fn an_open_round_counts_words_as_they_stand() {
        let mut g = Group::new("G", "g", at("2026-01-05T10:00:00Z"));
        g.set_answer(
            "who_for",
            AnswerValue::Text("one two".into()),
            Author::Group,
            at("2026-01-05T10:00:00Z"),
        );
        let history = g.round_history(bank());
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].round, 1);
        assert_eq!(history[0].started, Day::new(2026, 1, 5).unwrap());
        assert_eq!(history[0].words.group, 2);
        assert!(
            g.rounds.is_empty(),
            "nothing is added to the file to show it"
        );
    }

    #[test]
    fn last_submitted_is_the_latest_before_the_round() {
        let mut g = Group::new("G", "g", at("2026-01-05T10:00:00Z"));
        assert!(matches!(
            g.submit(
                "f",
                Day::new(2026, 2, 1).unwrap(),
                Author::Group,
                at("2026-02-01T10:00:00Z")
            ),
            Err(SubmitError::NoWording { .. })
        ));
        g.set_wording(
            "f",
            "q",
            "First".into(),
            Author::Group,
            at("2026-01-06T10:00:00Z"),
        );
        g.submit(
            "f",
            Day::new(2026, 2, 1).unwrap(),
            Author::Group,
            at("2026-02-01T10:00:00Z"),
        )
        .unwrap();
        g.set_wording(
            "f",
            "q",
            "Second".into(),
            Author::Group,
            at("2026-01-07T10:00:00Z"),
        );
        g.submit(
            "f",
            Day::new(2026, 3, 1).unwrap(),
            Author::Group,
            at("2026-03-01T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(g.last_submitted("f", 1), None);
        assert_eq!(g.last_submitted("f", 2).unwrap().answers["q"], "Second");
        assert_eq!(g.last_submitted("other", 2), None);
    }
}
