//! Pre-submission checks: everything that would make a funder put a bid to
//! one side, found before the group sends it. Each problem says where it
//! is, what is wrong and what to do, and is either `Blocking` (the bid
//! should not go yet) or a `Warning` (worth a look).
//!
//! The checks read the group's wording for this funder, never the bank
//! answers: the funder sees only what the group wrote for it.

use serde::Serialize;

use super::carried;
use super::count::{Status, limit_status, plural};
use super::lint::{LintKind, lint};
use super::wording::{wording, wording_text};
use crate::bank::{AnswerValue, Bank, budget_total};
use crate::dates::Day;
use crate::funders::Profile;
use crate::funders::profile::FunderQuestion;
use crate::group::Group;
use crate::matching::{self, join_words};
use crate::text::format_pence;
use crate::vocab::{Vocabularies, names};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The bid should not be sent until this is fixed.
    Blocking,
    /// Worth checking; the bid could still go.
    Warning,
}

impl Severity {
    /// The one heading for problems of this severity, in every front end.
    pub fn heading(self) -> &'static str {
        match self {
            Severity::Blocking => "Must fix before sending",
            Severity::Warning => "Worth checking",
        }
    }
}

/// The check's results as lines to show, in the words every front end
/// uses: for each severity that has problems, its heading and count, then
/// each problem's place, what is wrong and what to do; then the summary.
pub fn report_lines(problems: &[Problem]) -> Vec<String> {
    use crate::text::one_line;
    let mut lines = Vec::new();
    for severity in [Severity::Blocking, Severity::Warning] {
        let these: Vec<&Problem> = problems.iter().filter(|p| p.severity == severity).collect();
        if these.is_empty() {
            continue;
        }
        lines.push(String::new());
        lines.push(format!("{} ({}):", severity.heading(), these.len()));
        for p in these {
            lines.push(String::new());
            lines.push(format!("  {}", one_line(&p.place)));
            lines.push(format!("    {}", one_line(&p.problem)));
            lines.push(format!("    What to do: {}", one_line(&p.fix)));
        }
    }
    lines.push(String::new());
    lines.push(summary(problems));
    lines
}

/// What kind of problem, as a stable name for scripts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    NotWritten,
    UnderMinimum,
    OverLimit,
    CostNotFunded,
    CostNotListed,
    NoBudget,
    BudgetTotal,
    NoAsk,
    AskOutsideRange,
    DocumentNotReady,
    Formatting,
    Placeholder,
    /// Wording with no words in it ("-").
    NoWords,
    /// The profile lists none of the funder's questions.
    NoQuestions,
    /// An amount of money that was the ask before, or a total that is not
    /// the ask.
    AmountDiffers,
    /// Another funder's or organisation's name.
    OtherFunder,
    /// A year already past in a sentence about what the group will do.
    PastYear,
    /// "This year" or "next year" in words written in an earlier round.
    CarriedYearWords,
    /// A number of people far from the group's own answers.
    PeopleCount,
    /// A member's story quoted without their consent for bids to other
    /// funders (or with consent withdrawn or ended).
    StoryWithoutConsent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub kind: Kind,
    /// Where it is, in words: "Question 2 \"How does ...\"", "Budget line 3".
    #[serde(rename = "where")]
    pub place: String,
    /// The funder question's id, when the problem is in one.
    pub question: Option<String>,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl Problem {
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Blocking
    }
}

/// Every problem with the group's bid to this funder, in the order a person
/// would meet them going through the form: questions, then the budget and
/// the ask, then the papers to send.
///
/// `other_funders` are the names of every other funder the program knows
/// (`carried::funder_names`), so words written for one are caught in a bid
/// to another.
pub fn check(
    group: &Group,
    profile: &Profile,
    other_funders: &[String],
    bank: &Bank,
    vocab: &Vocabularies,
    today: Day,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if profile.questions.is_empty() {
        out.push(Problem {
            severity: Severity::Blocking,
            kind: Kind::NoQuestions,
            place: "The funder's questions".to_string(),
            question: None,
            problem: format!(
                "The profile for {} does not list the funder's questions, so there is nothing to check the group's words against.",
                profile.name
            ),
            fix: no_questions_fix(&profile.id),
        });
    }
    let facts = facts(group, other_funders, today);
    for (i, q) in profile.questions.iter().enumerate() {
        question(group, profile, bank, q, i + 1, &facts, &mut out);
        quoted_stories(group, profile, q, i + 1, today, &mut out);
    }
    budget(group, profile, bank, vocab, &mut out);
    ask(group, profile, bank, vocab, today, &mut out);
    documents(group, profile, bank, vocab, &mut out);
    out
}

/// Where the group can start from for an unwritten funder question: only
/// the bank answers it has actually given, so the advice is never untrue.
fn starting_points(group: &Group, bank: &Bank, draws_on: &[String]) -> String {
    // Each question by its own words, as the group saw it.
    let quote = |ids: Vec<&String>| -> String {
        let names: Vec<String> = ids.iter().map(|id| bank.name_of(id)).collect();
        join_words(&names)
    };
    let (given, missing): (Vec<&String>, Vec<&String>) =
        draws_on.iter().partition(|id| group.value(id).is_some());
    match (given.len(), missing.len()) {
        (0, 0) => String::new(),
        (0, _) => format!(
            " Answering {} first will give you something to start from.",
            quote(missing)
        ),
        (1, _) => format!(" Your answer to {} is there to start from.", quote(given)),
        _ => format!(" Your answers to {} are there to start from.", quote(given)),
    }
}

/// How to add a funder's questions, for every place that finds none.
pub fn no_questions_fix(funder: &str) -> String {
    format!(
        "Copy the questions from the funder's form or guidance into a text file, then run `alongside funders questions {funder} --questions-from FILE` (or `--questions-from -` and paste them). In the full-screen program: open Funders, choose this funder and press `q`."
    )
}

/// What the group's words must agree with, from its own answers.
fn facts(group: &Group, other_funders: &[String], today: Day) -> carried::Facts {
    let number = |id: &str| match group.value(id) {
        Some(AnswerValue::Number(n)) => Some(*n),
        _ => None,
    };
    let earlier_asks = group
        .answers
        .get("project_total")
        .map(|a| {
            a.history
                .iter()
                .rev()
                .filter_map(|h| match h.value {
                    AnswerValue::Money(p) => Some(p),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let start = match group.value("project_start") {
        Some(AnswerValue::Date(day)) => Some(day.year()),
        _ => None,
    };
    let people = [
        ("regular members", "regular_members"),
        ("people in touch", "people_in_touch"),
        ("people who will benefit", "project_how_many"),
    ]
    .into_iter()
    .filter_map(|(what, id)| number(id).map(|n| (what, id, n)))
    .collect();
    carried::Facts {
        ask: matching::the_ask(group),
        earlier_asks,
        budget_total: match group.value("project_budget") {
            Some(AnswerValue::Budget(lines)) => Some(budget_total(lines)),
            _ => None,
        },
        start_year: start.unwrap_or(today.year()),
        start_known: start.is_some(),
        round: group.round,
        people,
        other_funders: other_funders.to_vec(),
    }
}

fn question(
    group: &Group,
    profile: &Profile,
    bank: &Bank,
    q: &FunderQuestion,
    number: usize,
    facts: &carried::Facts,
    out: &mut Vec<Problem>,
) {
    let place = format!("Question {number} \"{}\"", q.prompt);
    let problem = |severity, kind, problem: String, fix: String| Problem {
        severity,
        kind,
        place: place.clone(),
        question: Some(q.id.clone()),
        problem,
        fix,
    };
    let Some(answer) = wording(group, &profile.id, &q.id) else {
        let start = starting_points(group, bank, &q.draws_on);
        // The funder says it need not be answered: worth a look, not a stop.
        let (severity, what) = if q.optional {
            (
                Severity::Warning,
                "Not written yet (the funder says you do not have to answer this).",
            )
        } else {
            (Severity::Blocking, "Not written yet.")
        };
        out.push(problem(
            severity,
            Kind::NotWritten,
            what.to_string(),
            format!("Write the group's answer for this funder, in your own words.{start}"),
        ));
        return;
    };
    let text = wording_text(answer);
    if !text.chars().any(char::is_alphanumeric) {
        // "-" or "." saved as the answer: a form takes it, a funder reads
        // nothing. Where the funder says the question may be left out,
        // leaving it out is the honest way.
        out.push(problem(
            if q.optional {
                Severity::Warning
            } else {
                Severity::Blocking
            },
            Kind::NoWords,
            format!(
                "The wording is just `{}`: there are no words in it.",
                crate::text::one_line(text.trim())
            ),
            if q.optional {
                "Write the group's answer, or clear the wording to leave this optional question out."
                    .to_string()
            } else {
                "Write the group's answer for this funder, in your own words.".to_string()
            },
        ));
        return;
    }
    let count = limit_status(q, &text);
    match count.status {
        Status::Under => out.push(problem(
            Severity::Blocking,
            Kind::UnderMinimum,
            count.description,
            count.advice,
        )),
        Status::Over => out.push(problem(
            Severity::Blocking,
            Kind::OverLimit,
            count.description,
            format!(
                "{} The form will not take more than the limit.",
                count.advice
            ),
        )),
        Status::Empty | Status::Fine => {}
    }
    for finding in lint(&text) {
        let found = crate::text::one_line(&finding.found);
        out.push(match finding.kind {
            LintKind::Formatting => problem(
                Severity::Warning,
                Kind::Formatting,
                format!(
                    "Line {}: `{found}` is {}. A plain-text web form shows it just as it is.",
                    finding.line, finding.what
                ),
                "Take it out, unless you know this form shows formatting.".to_string(),
            ),
            LintKind::Placeholder => problem(
                Severity::Blocking,
                Kind::Placeholder,
                format!(
                    "Line {}: `{found}` looks like {} left in.",
                    finding.line, finding.what
                ),
                "Finish the sentence, or take it out.".to_string(),
            ),
        });
    }
    for found in carried::carried(&text, answer.round, facts) {
        out.push(problem(
            found.severity,
            found.kind,
            found.problem,
            found.fix,
        ));
    }
}

/// Members' stories quoted in the wording that may not go to this funder:
/// the member agreed to this use or not, and only the member can change it.
fn quoted_stories(
    group: &Group,
    profile: &Profile,
    q: &FunderQuestion,
    number: usize,
    today: Day,
    out: &mut Vec<Problem>,
) {
    use crate::group::ConsentState;
    use crate::monitoring::consent::{Audience, quoted_without_consent};
    let Some(answer) = wording(group, &profile.id, &q.id) else {
        return;
    };
    let text = wording_text(answer);
    let audience = Audience::Bid {
        funder: &profile.id,
    };
    for found in quoted_without_consent(group, &text, audience, today) {
        let why = match found.state {
            ConsentState::Agreed => {
                "the member agreed to it being used only for other things, not for bids to other funders"
            }
            ConsentState::NoConsent => "the member did not agree to it being shared",
            ConsentState::Expired => "the member's consent has ended",
            ConsentState::Withdrawn => "the member withdrew their consent",
        };
        out.push(Problem {
            severity: Severity::Blocking,
            kind: Kind::StoryWithoutConsent,
            place: format!("Question {number} \"{}\"", q.prompt),
            question: Some(q.id.clone()),
            problem: format!(
                "This answer quotes a member's story ({}, \"{}\"), but {why}.",
                found.entry,
                crate::text::one_line(&found.words)
            ),
            fix: format!(
                "Take the member's words out of this answer. If the member agrees to their story going to other funders, record what they agreed with `alongside log {} --grant {} edit {} --set uses=report,other-funders`.",
                group.slug, found.grant, found.entry
            ),
        });
    }
}

fn budget(
    group: &Group,
    profile: &Profile,
    bank: &Bank,
    vocab: &Vocabularies,
    out: &mut Vec<Problem>,
) {
    let Some(AnswerValue::Budget(lines)) = group.value("project_budget") else {
        // A funder that asks about the budget needs one; for the rest it is
        // worth having, not a reason to hold the bid.
        let asked = profile
            .questions
            .iter()
            .any(|q| q.draws_on.iter().any(|id| id == "project_budget"));
        out.push(Problem {
            severity: if asked {
                Severity::Blocking
            } else {
                Severity::Warning
            },
            kind: Kind::NoBudget,
            place: "Budget".to_string(),
            question: None,
            problem: "The group has not written its budget yet.".to_string(),
            fix: format!(
                "Answer {}: one line for each cost, with its kind of cost and amount.",
                bank.name_of("project_budget")
            ),
        });
        return;
    };
    let costs = &profile.costs;
    for (i, line) in lines.iter().enumerate() {
        let kind_of_cost = vocab
            .label(names::COST_CATEGORY, &line.category)
            .to_lowercase();
        let place = format!("Budget line {} \"{}\"", i + 1, line.item);
        if costs.does_not_fund.contains(&line.category) {
            out.push(Problem {
                severity: Severity::Blocking,
                kind: Kind::CostNotFunded,
                place,
                question: None,
                problem: format!("This funder does not pay for {kind_of_cost} ({}).", format_pence(line.pence)),
                fix: "Take this line out of the bid and pay for it another way, or ask the funder whether it could count as something else.".to_string(),
            });
        } else if !costs.funds.is_empty() && !costs.funds.contains(&line.category) {
            out.push(Problem {
                severity: Severity::Warning,
                kind: Kind::CostNotListed,
                place,
                question: None,
                problem: format!(
                    "This funder does not list {kind_of_cost} among the costs it pays for."
                ),
                fix: "Check with the funder before you apply, or pay for this line another way."
                    .to_string(),
            });
        }
    }
    if let Some(ask) = matching::the_ask(group) {
        let total = budget_total(lines);
        if total != ask {
            out.push(Problem {
                severity: Severity::Blocking,
                kind: Kind::BudgetTotal,
                place: "Budget total".to_string(),
                question: None,
                problem: format!(
                    "The budget lines add up to {}, but the amount you ask for (`project_total`) is {}.",
                    format_pence(total),
                    format_pence(ask)
                ),
                fix: "Change a budget line or the amount you ask for so the two match.".to_string(),
            });
        }
    }
}

fn ask(
    group: &Group,
    profile: &Profile,
    bank: &Bank,
    vocab: &Vocabularies,
    today: Day,
    out: &mut Vec<Problem>,
) {
    if matching::the_ask(group).is_none() {
        out.push(Problem {
            severity: Severity::Blocking,
            kind: Kind::NoAsk,
            place: "The amount you ask for".to_string(),
            question: None,
            problem: "The group has not said how much it will ask for.".to_string(),
            fix: format!("Answer {}.", bank.name_of("project_total")),
        });
        return;
    }
    // The same rule `match` uses, so the two never disagree (a funder's
    // per-year limit is compared with the ask spread over the years).
    let verdict = matching::match_one(group, profile, today, vocab);
    for rule in verdict.failing().filter(|c| c.key == "ask.range") {
        out.push(Problem {
            severity: Severity::Blocking,
            kind: Kind::AskOutsideRange,
            place: "The amount you ask for".to_string(),
            question: None,
            problem: rule.sentence.clone(),
            fix: rule
                .fix
                .clone()
                .unwrap_or_else(|| "Change the amount you ask for.".to_string()),
        });
    }
}

fn documents(
    group: &Group,
    profile: &Profile,
    bank: &Bank,
    vocab: &Vocabularies,
    out: &mut Vec<Problem>,
) {
    let ready: &[String] = match group.value("documents_ready") {
        Some(AnswerValue::Choices(ids)) => ids,
        _ => &[],
    };
    let answered = group.value("documents_ready").is_some();
    let prompt = bank
        .question("documents_ready")
        .map_or("Which papers do you have ready to send?", |q| {
            q.prompt.as_str()
        });
    for id in profile
        .application
        .documents
        .iter()
        .filter(|id| !ready.contains(id))
    {
        let label = vocab.label(names::DOCUMENT, id);
        out.push(Problem {
            severity: Severity::Blocking,
            kind: Kind::DocumentNotReady,
            place: format!("Papers to send: {label}"),
            question: None,
            problem: if answered {
                "This funder asks for it, and the group has not marked it as ready.".to_string()
            } else {
                "This funder asks for it, and the group has not said which papers it has ready."
                    .to_string()
            },
            fix: format!("Get it ready, then tick it in your answer to \"{prompt}\"."),
        });
    }
}

/// "3 to fix and 2 to check", for summaries.
pub fn summary(problems: &[Problem]) -> String {
    let blocking = problems.iter().filter(|p| p.is_blocking()).count();
    let warnings = problems.len() - blocking;
    match (blocking, warnings) {
        (0, 0) => "No problems found.".to_string(),
        (b, 0) => format!("{} to fix.", plural(b, "problem")),
        (0, w) => format!("Nothing to fix; {} to check.", plural(w, "thing")),
        (b, w) => format!(
            "{} to fix and {} to check.",
            plural(b, "problem"),
            plural(w, "thing")
        ),
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn problem(severity: Severity, place: &str) -> Problem {
        Problem {
            severity,
            kind: Kind::NotWritten,
            place: place.to_string(),
            question: None,
            problem: "Not written yet".to_string(),
            fix: "Write it".to_string(),
        }
    }

    #[test]
    fn report_lines_use_the_one_wording_for_each_severity() {
        let lines = report_lines(&[
            problem(Severity::Warning, "Question 2"),
            problem(Severity::Blocking, "Question 1"),
        ]);
        assert_eq!(
            lines,
            [
                "",
                "Must fix before sending (1):",
                "",
                "  Question 1",
                "    Not written yet",
                "    What to do: Write it",
                "",
                "Worth checking (1):",
                "",
                "  Question 2",
                "    Not written yet",
                "    What to do: Write it",
                "",
                "1 problem to fix and 1 thing to check.",
            ]
        );
        assert_eq!(report_lines(&[]), ["", "No problems found."]);
    }
}
