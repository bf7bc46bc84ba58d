//! The facts of a return, worked out from the evidence log: what was
//! promised against what happened, attendance over time, spend against each
//! budget line, the stories members agreed to share, and the group's notes.
//! Templates turn this into the document; every sum is in whole pence.

use serde::Serialize;

use super::log::spent_on;
use crate::dates::Day;
use crate::group::{Grant, NoteKind, ReportKind};
use crate::text::format_pence;
use crate::vocab::{Vocabularies, names};

#[derive(Debug, Clone, Serialize)]
pub struct PromiseRow {
    pub what: String,
    /// The words paragraph by paragraph, for formats that lay them out.
    pub paragraphs: Vec<String>,
    pub measure: Option<String>,
    pub target: Option<i64>,
    pub achieved: Option<i64>,
    /// "met", "not yet", or "" when nothing is counted.
    pub status: String,
    /// The result in words: "12 of 26 so far", "3, we hoped for 2: reached",
    /// or "No measure was chosen for this promise".
    pub result: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionRow {
    pub date: String,
    pub came: u32,
    pub new: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    /// "April 2026"
    pub month: String,
    pub sessions: usize,
    pub came: u32,
    pub new: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attendance {
    pub sessions: Vec<SessionRow>,
    pub months: Vec<MonthRow>,
    pub total_sessions: usize,
    pub total_came: u32,
    pub total_new: u32,
    /// Average attendance, rounded to a whole number.
    pub average: u32,
    /// Different people who came, at least: everyone at the first session
    /// plus the new people at each one after it.
    pub people_reached: u32,
    /// Stretches of more than six weeks with no session logged, in words:
    /// "Nothing was logged after 9 September 2026."
    pub gaps: Vec<String>,
}

/// One payment against a budget line, with its receipt when there is one.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptRow {
    pub date: String,
    pub amount: String,
    pub receipt: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineRow {
    pub item: String,
    pub category: String,
    pub budget: String,
    pub spent: String,
    /// Spent minus budget with a sign: positive is over budget.
    pub variance: String,
    pub left: String,
    /// The difference in words: "£490 under", "£45.50 over", "on budget".
    pub difference: String,
    pub over: bool,
    pub budget_pence: i64,
    pub spent_pence: i64,
    pub variance_pence: i64,
    pub left_pence: i64,
    /// The payments logged against this line, in date order.
    pub payments: Vec<ReceiptRow>,
    /// Their receipts' references, in date order ("Hall 1", "Hall 2").
    pub receipts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub date: String,
    pub text: String,
    /// The text line by line, for formats that lay lines out themselves.
    pub lines: Vec<String>,
    pub anonymised: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteGroup {
    pub heading: String,
    pub kind: String,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReturnData {
    /// `interim` or `final`, for templates.
    pub kind: String,
    /// The same, for code.
    #[serde(skip)]
    pub report_kind: ReportKind,
    pub title: String,
    pub group: String,
    pub funder_id: String,
    pub funder: String,
    pub grant_id: String,
    /// The funder's reference for the grant, when the group has given it.
    pub reference: Option<String>,
    pub amount: String,
    pub grant_start: String,
    pub grant_end: String,
    pub period_from: String,
    pub period_to: String,
    /// The day the return is written.
    pub report_date: String,
    /// The same day as `YYYY-MM-DD`, for the Word file's properties.
    #[serde(skip)]
    pub report_iso: String,
    /// Why a final report is sent before the grant ends, in the group's
    /// words (only for an early final report).
    pub early_reason: Option<String>,
    pub promises: Vec<PromiseRow>,
    /// How many people the group said would take part.
    pub people_promised: Option<i64>,
    pub attendance: Attendance,
    pub spend: Vec<LineRow>,
    pub spend_total: String,
    pub budget_total: String,
    pub left_total: String,
    /// The whole budget's difference in words ("£490 under").
    pub difference_total: String,
    pub stories: Vec<StoryRow>,
    /// Only the kinds of note the group has written.
    pub notes: Vec<NoteGroup>,
    pub thanks: Option<String>,
    /// Who wrote it and their role, for the sign-off.
    pub contact: Option<String>,
    pub contact_role: Option<String>,
    /// What is missing or worth fixing before sending (never shown in the
    /// document itself), as sentences.
    pub warnings: Vec<String>,
    /// The same, as data a front end can list and act on.
    #[serde(skip)]
    pub missing: Vec<Missing>,
}

/// Six weeks without a session is a gap worth naming: a fortnightly group
/// has then missed at least two.
pub const GAP_DAYS: i64 = 42;

/// The last day a return covers: today, or the end of the grant if that
/// came first. A final report written early (see `final_too_early`) covers
/// only what has happened so far.
pub fn period_end(grant: &Grant, _kind: ReportKind, today: Day) -> Day {
    today.min(grant.end)
}

/// Why a final report cannot be written yet: the grant has not ended. The
/// group can still send one early, saying why.
pub fn final_too_early(grant: &Grant, today: Day) -> Option<String> {
    (today < grant.end).then(|| {
        format!(
            "the grant runs until {}, so the final report is not due yet. Write an interim return (--interim), or if the funder asked for the final report early, add --early --reason \"why\"",
            grant.end.for_people()
        )
    })
}

/// Money against a budget in words: "£490 under", "£45.50 over".
pub fn difference_words(spent_minus_budget: i64) -> String {
    match spent_minus_budget {
        0 => "on budget".to_string(),
        d if d > 0 => format!("{} over", format_pence(d)),
        d => format!("{} under", format_pence(d.saturating_neg())),
    }
}

/// What a measure has reached by `to`.
pub fn achieved(grant: &Grant, measure: &str, to: Day) -> i64 {
    let sessions = grant.sessions.iter().filter(|s| s.date <= to);
    match measure {
        "sessions" => sessions.count() as i64,
        "attendance" => sessions.map(|s| s.came as i64).fold(0, i64::saturating_add),
        "new_people" => sessions.map(|s| s.new as i64).fold(0, i64::saturating_add),
        other => grant
            .counts
            .iter()
            .filter(|c| c.date <= to && c.measure == other)
            .map(|c| c.number)
            .fold(0, i64::saturating_add),
    }
}

fn promise_row(
    grant: &Grant,
    p: &crate::group::Promise,
    to: Day,
    final_report: bool,
) -> PromiseRow {
    let achieved = p.measure.as_deref().map(|m| achieved(grant, m, to));
    let status = match (p.target, achieved) {
        (Some(t), Some(a)) if a >= t => "met",
        (Some(_), Some(_)) => "not yet",
        _ => "",
    };
    let so_far = if final_report { "" } else { " so far" };
    let result = match (&p.measure, p.target, achieved) {
        (None, _, _) => "No measure was chosen for this promise.".to_string(),
        (Some(m), Some(t), Some(a)) if a >= t => format!("{m}: {a}, we hoped for {t}: reached."),
        (Some(m), Some(t), Some(a)) => format!("{m}: {a} of {t}{so_far}."),
        (Some(m), _, a) => format!("{m}: {}{so_far} (no target was set).", a.unwrap_or(0)),
    };
    PromiseRow {
        what: p.what.clone(),
        paragraphs: paragraphs(&p.what),
        measure: p.measure.clone(),
        target: p.target,
        achieved,
        status: status.to_string(),
        result,
    }
}

/// Text split into paragraphs at blank lines, each joined onto one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Stretches with no session in `from..=to`, longer than `GAP_DAYS`.
fn gaps(dates: &[Day], from: Day, to: Day) -> Vec<String> {
    let days = |a: Day, b: Day| (b.0 - a.0).get_days() as i64;
    let Some((first, last)) = dates.first().zip(dates.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if days(from, *first) > GAP_DAYS {
        out.push(format!("Nothing was logged before {}.", first.for_people()));
    }
    for pair in dates.windows(2) {
        if days(pair[0], pair[1]) > GAP_DAYS {
            out.push(format!(
                "Nothing was logged between {} and {}.",
                pair[0].for_people(),
                pair[1].for_people()
            ));
        }
    }
    if days(*last, to) > GAP_DAYS {
        out.push(format!("Nothing was logged after {}.", last.for_people()));
    }
    out
}

fn attendance(grant: &Grant, to: Day) -> Attendance {
    let sessions: Vec<_> = grant.sessions.iter().filter(|s| s.date <= to).collect();
    let mut months: Vec<MonthRow> = Vec::new();
    for s in &sessions {
        let month = s.date.0.strftime("%B %Y").to_string();
        match months.last_mut() {
            Some(m) if m.month == month => {
                m.sessions += 1;
                m.came += s.came;
                m.new += s.new;
            }
            _ => months.push(MonthRow {
                month,
                sessions: 1,
                came: s.came,
                new: s.new,
            }),
        }
    }
    let total_came: u32 = sessions.iter().map(|s| s.came).fold(0, u32::saturating_add);
    let people_reached = sessions.first().map_or(0, |first| {
        sessions[1..]
            .iter()
            .map(|s| s.new)
            .fold(first.came, u32::saturating_add)
    });
    let dates: Vec<Day> = sessions.iter().map(|s| s.date).collect();
    Attendance {
        sessions: sessions
            .iter()
            .map(|s| SessionRow {
                date: s.date.for_people(),
                came: s.came,
                new: s.new,
            })
            .collect(),
        months,
        total_sessions: sessions.len(),
        total_came,
        total_new: sessions.iter().map(|s| s.new).fold(0, u32::saturating_add),
        average: if sessions.is_empty() {
            0
        } else {
            total_came.saturating_add(sessions.len() as u32 / 2) / sessions.len() as u32
        },
        people_reached,
        gaps: gaps(&dates, grant.start, to),
    }
}

fn spend_rows(grant: &Grant, to: Day, vocab: &Vocabularies) -> Vec<LineRow> {
    let within = Grant {
        spending: grant
            .spending
            .iter()
            .filter(|s| s.date <= to)
            .cloned()
            .collect(),
        ..grant.clone()
    };
    grant
        .budget
        .iter()
        .map(|line| {
            let spent = spent_on(&within, &line.item);
            let variance = spent.saturating_sub(line.pence);
            let payments: Vec<ReceiptRow> = within
                .spending
                .iter()
                .filter(|s| s.line == line.item)
                .map(|s| ReceiptRow {
                    date: s.date.for_people(),
                    amount: format_pence(s.pence),
                    receipt: s.receipt.clone(),
                })
                .collect();
            LineRow {
                item: line.item.clone(),
                category: vocab
                    .label(names::COST_CATEGORY, &line.category)
                    .to_string(),
                budget: format_pence(line.pence),
                spent: format_pence(spent),
                variance: format_pence(variance),
                left: format_pence(line.pence.saturating_sub(spent)),
                difference: difference_words(variance),
                over: variance > 0,
                budget_pence: line.pence,
                spent_pence: spent,
                variance_pence: variance,
                left_pence: line.pence.saturating_sub(spent),
                receipts: payments.iter().filter_map(|p| p.receipt.clone()).collect(),
                payments,
            }
        })
        .collect()
}

/// Each promise with its result up to the period's end.
pub fn promise_rows(grant: &Grant, kind: ReportKind, today: Day) -> Vec<PromiseRow> {
    let to = period_end(grant, kind, today);
    grant
        .promises
        .iter()
        .map(|p| {
            promise_row(
                grant,
                p,
                to,
                kind == ReportKind::Final && today >= grant.end,
            )
        })
        .collect()
}

pub fn build(
    group_name: &str,
    grant: &Grant,
    funder_name: &str,
    kind: ReportKind,
    today: Day,
    vocab: &Vocabularies,
) -> ReturnData {
    let to = period_end(grant, kind, today);
    let promises = promise_rows(grant, kind, today);
    let attendance = attendance(grant, to);
    let spend = spend_rows(grant, to, vocab);
    let budget_total: i64 = crate::bank::sum_pence(spend.iter().map(|l| l.budget_pence));
    let spent_total: i64 = crate::bank::sum_pence(spend.iter().map(|l| l.spent_pence));

    // Only stories the members agreed to share. This is the one place
    // stories leave the group file, and it is tested for every format.
    let stories: Vec<StoryRow> = grant
        .stories
        .iter()
        .filter(|s| {
            s.date <= to
                && super::consent::Audience::Return { grant: &grant.id }.allows(grant, s, today)
        })
        .map(|s| StoryRow {
            date: s.date.for_people(),
            text: s.text.clone(),
            lines: s
                .text
                .lines()
                .map(str::to_string)
                .filter(|l| !l.trim().is_empty())
                .collect(),
            anonymised: s.anonymised,
        })
        .collect();

    let notes: Vec<NoteGroup> = NoteKind::ALL
        .iter()
        .map(|kind| NoteGroup {
            heading: kind.heading().to_string(),
            kind: kind.id().to_string(),
            notes: grant
                .notes
                .iter()
                .filter(|n| n.kind == *kind && n.date <= to)
                .map(|n| n.text.clone())
                .collect(),
        })
        .filter(|g| !g.notes.is_empty())
        .collect();

    let mut data = ReturnData {
        report_kind: kind,
        kind: match kind {
            ReportKind::Interim => "interim".to_string(),
            ReportKind::Final => "final".to_string(),
        },
        title: match kind {
            ReportKind::Interim => format!("Interim return to {funder_name}"),
            ReportKind::Final => format!("End of grant report to {funder_name}"),
        },
        group: group_name.to_string(),
        funder_id: grant.funder.clone(),
        funder: funder_name.to_string(),
        grant_id: grant.id.clone(),
        reference: grant.reference.clone(),
        amount: format_pence(grant.pence),
        grant_start: grant.start.for_people(),
        grant_end: grant.end.for_people(),
        period_from: grant.start.for_people(),
        period_to: to.for_people(),
        report_date: today.for_people(),
        report_iso: today.to_string(),
        early_reason: None,
        promises,
        people_promised: grant.people_promised,
        attendance,
        spend,
        spend_total: format_pence(spent_total),
        budget_total: format_pence(budget_total),
        left_total: format_pence(budget_total.saturating_sub(spent_total)),
        difference_total: difference_words(spent_total.saturating_sub(budget_total)),
        stories,
        notes,
        thanks: grant.thanks.clone(),
        contact: grant.contact.clone(),
        contact_role: grant.contact_role.clone(),
        warnings: Vec::new(),
        missing: Vec::new(),
    };
    data.missing = missing(grant, &data, to);
    data.warnings = data.missing.iter().map(|m| m.message.clone()).collect();
    data
}

/// What a missing piece is about, so a front end can open the place that
/// fills it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingKind {
    /// The funder's grant reference.
    Reference,
    /// Who writes and signs the return.
    Contact,
    /// Their role in the group.
    Role,
    /// A thank-you line in the group's words.
    Thanks,
    /// No promises at all.
    Promises,
    /// One promise (`promise`) has no measure.
    PromiseMeasure,
    /// The number of people the group said would take part.
    PeoplePromised,
    /// No sessions in the period.
    Sessions,
    /// A stretch with nothing logged.
    Gap,
    /// No members' stories logged.
    Stories,
    /// Stories logged, but none with consent for this return.
    StoryConsent,
    /// A budget line (`line`) is over budget.
    OverBudget,
    /// Payments on a budget line (`line`) have no receipt.
    Receipts,
}

/// One thing a grants officer would find missing or want explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub kind: MissingKind,
    /// The promise it is about (from 1), for `PromiseMeasure`.
    pub promise: Option<usize>,
    /// The budget line it is about, for `OverBudget` and `Receipts`.
    pub line: Option<String>,
    /// What to tell the person, naming the command that fills it in.
    pub message: String,
    /// The same without the command ("There is no grant reference"), for
    /// a front end that fills it in another way (the full-screen
    /// program names its own key). Equal to `message` when no command
    /// fills it in.
    #[serde(skip)]
    pub problem: String,
}

impl Missing {
    fn new(kind: MissingKind, message: String) -> Missing {
        Missing {
            kind,
            promise: None,
            line: None,
            problem: message.clone(),
            message,
        }
    }

    /// A piece the command line fills in: `problem`, then how (`fix`).
    fn fixed_by(kind: MissingKind, problem: String, fix: &str) -> Missing {
        Missing {
            problem: problem.clone(),
            message: format!("{problem}: {fix}."),
            ..Missing::new(kind, String::new())
        }
    }
}

/// The return a grant would get next: the one still to send that is due
/// first, or an interim return when none is waiting.
pub fn next_kind(grant: &Grant) -> ReportKind {
    grant
        .reports
        .iter()
        .filter(|r| r.sent.is_none())
        .min_by_key(|r| r.due)
        .map_or(ReportKind::Interim, |r| r.kind)
}

/// Why a return could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReturnError(pub String);

/// The facts of a return, after the checks a return needs first: a final
/// report before the grant ends needs the group's reason (`early`), which
/// is then printed in it. `kind` None is `next_kind`.
pub fn prepare(
    group_name: &str,
    grant: &Grant,
    funder_name: &str,
    kind: Option<ReportKind>,
    early: Option<&str>,
    today: Day,
) -> Result<ReturnData, ReturnError> {
    let kind = kind.unwrap_or_else(|| next_kind(grant));
    let early = early.map(|r| crate::text::sanitize(r, true).trim().to_string());
    if kind == ReportKind::Final
        && let Some(why) = final_too_early(grant, today)
    {
        match &early {
            None => return Err(ReturnError(why)),
            Some(r) if r.is_empty() => {
                return Err(ReturnError(
                    "--early needs --reason \"why\": the funder will want to know why the final report comes before the grant ends".to_string(),
                ));
            }
            Some(_) => {}
        }
    }
    let mut facts = build(
        group_name,
        grant,
        funder_name,
        kind,
        today,
        Vocabularies::builtin(),
    );
    if kind == ReportKind::Final && today < grant.end {
        facts.early_reason = early;
    }
    Ok(facts)
}

/// What is missing from the return of this kind written today, as data:
/// the list a front end shows before the return is written or sent.
pub fn what_is_missing(
    group_name: &str,
    grant: &Grant,
    funder_name: &str,
    kind: ReportKind,
    today: Day,
) -> Vec<Missing> {
    build(
        group_name,
        grant,
        funder_name,
        kind,
        today,
        Vocabularies::builtin(),
    )
    .missing
}

/// What a grants officer would find missing, to show before the return is
/// sent. Each message names the command that fills it in.
fn missing(grant: &Grant, r: &ReturnData, to: Day) -> Vec<Missing> {
    use MissingKind as K;
    let mut out = Vec::new();
    let say = |out: &mut Vec<Missing>, kind, message: &str| {
        out.push(Missing::new(kind, message.to_string()))
    };
    let fix = |out: &mut Vec<Missing>, kind, problem: &str, how: &str| {
        out.push(Missing::fixed_by(kind, problem.to_string(), how))
    };
    if r.reference.is_none() {
        fix(
            &mut out,
            K::Reference,
            "There is no grant reference",
            "add the one on the funder's offer letter with `alongside grant GROUP --reference REF`",
        );
    }
    if r.contact.is_none() {
        fix(
            &mut out,
            K::Contact,
            "Nobody signs this return",
            "say who writes it with `alongside grant GROUP --contact NAME --role ROLE`",
        );
    } else if r.contact_role.is_none() {
        fix(
            &mut out,
            K::Role,
            "The sign-off has no role",
            "add one with `alongside grant GROUP --role ROLE` (such as coordinator or treasurer)",
        );
    }
    if r.thanks.is_none() {
        fix(
            &mut out,
            K::Thanks,
            "There is no thank-you line",
            "write one in your own words with `alongside grant GROUP --thanks \"...\"`",
        );
    }
    if r.promises.is_empty() {
        fix(
            &mut out,
            K::Promises,
            "No promises are recorded for this grant",
            "add the outcomes it pays for with `alongside promise GROUP \"...\" --measure ...`",
        );
    }
    for (i, p) in r.promises.iter().enumerate() {
        if p.measure.is_none() {
            out.push(Missing {
                promise: Some(i + 1),
                ..Missing::fixed_by(
                    K::PromiseMeasure,
                    format!("Promise {} has no measure, and the return says so", i + 1),
                    &format!(
                        "add one with `alongside promise GROUP --edit {} --measure ...`",
                        i + 1
                    ),
                )
            });
        }
    }
    if r.people_promised.is_none() {
        fix(
            &mut out,
            K::PeoplePromised,
            "The number of people promised is not known",
            "add it with `alongside grant GROUP --people N`",
        );
    }
    if r.attendance.total_sessions == 0 {
        fix(
            &mut out,
            K::Sessions,
            "No sessions are logged in this period",
            "log them with `alongside log GROUP session --came N`",
        );
    }
    for gap in &r.attendance.gaps {
        say(
            &mut out,
            K::Gap,
            &format!("{gap} If sessions happened, log them; if not, say why in a note."),
        );
    }
    if r.stories.is_empty() {
        if grant
            .stories
            .iter()
            .any(|s| s.date <= to && s.withdrawn.is_none())
        {
            say(
                &mut out,
                K::StoryConsent,
                "No story in this period has the member's consent, so none can go in the return. Ask before you send it.",
            );
        } else {
            say(
                &mut out,
                K::Stories,
                "There are no members' stories logged yet; funders value one or two, with consent.",
            );
        }
    }
    for line in r.spend.iter().filter(|l| l.over) {
        out.push(Missing {
            line: Some(line.item.clone()),
            ..Missing::new(
                K::OverBudget,
                format!(
                    "\"{}\" is {} over its budget; explain why in the return.",
                    line.item,
                    format_pence(line.variance_pence)
                ),
            )
        });
    }
    for line in &r.spend {
        let without = line.payments.iter().filter(|p| p.receipt.is_none()).count();
        if without > 0 {
            out.push(Missing {
                line: Some(line.item.clone()),
                ..Missing::new(
                    K::Receipts,
                    format!(
                        "{} on \"{}\" {} no receipt logged; funders may ask for them.",
                        crate::text::count(without, "payment"),
                        line.item,
                        if without == 1 { "has" } else { "have" }
                    ),
                )
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{Count, LogNote, Promise, Session, Spend, Story};
    use crate::monitoring::fixtures::{day, facts_of, grant_with_hall};

    fn grant() -> Grant {
        let mut g = grant_with_hall("Hall");
        g.promises = vec![
            Promise {
                what: "Meet every fortnight".into(),
                from: Some("project_what".into()),
                measure: Some("sessions".into()),
                target: Some(3),
            },
            Promise {
                what: "Two members volunteer".into(),
                from: Some("monitoring_counts".into()),
                measure: Some("volunteered".into()),
                target: Some(2),
            },
            Promise {
                what: "Members feel less alone".into(),
                from: Some("changes_for_members".into()),
                measure: None,
                target: None,
            },
        ];
        g.sessions = vec![
            Session {
                date: day(2026, 4, 8),
                came: 12,
                new: 2,
            },
            Session {
                date: day(2026, 4, 22),
                came: 13,
                new: 1,
            },
            Session {
                date: day(2026, 5, 6),
                came: 10,
                new: 0,
            },
            Session {
                date: day(2026, 11, 4),
                came: 9,
                new: 0,
            },
        ];
        g.counts = vec![Count {
            date: day(2026, 6, 1),
            measure: "volunteered".into(),
            number: 1,
        }];
        g.spending = vec![
            Spend {
                date: day(2026, 4, 8),
                pence: 3_333,
                line: "Hall".into(),
                receipt: None,
            },
            Spend {
                date: day(2026, 4, 22),
                pence: 3_334,
                line: "Hall".into(),
                receipt: Some("R2".into()),
            },
            Spend {
                date: day(2026, 5, 6),
                pence: 9_001,
                line: "Tea".into(),
                receipt: None,
            },
            Spend {
                date: day(2026, 11, 4),
                pence: 5_000,
                line: "Hall".into(),
                receipt: None,
            },
        ];
        g.stories = vec![
            Story {
                anonymised: true,
                checked_by: Some(crate::group::Author::Group),
                ..Story::new(day(2026, 5, 6), "Shared with consent".into(), true)
            },
            Story::new(day(2026, 5, 7), "PRIVATE do not share".into(), false),
        ];
        g.notes = vec![LogNote {
            date: day(2026, 5, 1),
            text: "The lift broke".into(),
            kind: NoteKind::Difficulty,
        }];
        g
    }

    #[test]
    fn an_interim_return_covers_up_to_today_to_the_penny() {
        let r = facts_of("G", &grant(), ReportKind::Interim, day(2026, 10, 1));
        assert_eq!(r.period_to, "1 October 2026");
        assert_eq!(
            r.attendance.total_sessions, 3,
            "the November session is after the period"
        );
        assert_eq!(
            (
                r.attendance.total_came,
                r.attendance.total_new,
                r.attendance.average
            ),
            (35, 3, 12)
        );
        assert_eq!(
            r.attendance
                .months
                .iter()
                .map(|m| (m.month.as_str(), m.sessions))
                .collect::<Vec<_>>(),
            vec![("April 2026", 2), ("May 2026", 1)]
        );
        let hall = &r.spend[0];
        assert_eq!(
            (hall.spent_pence, hall.variance_pence, hall.left_pence),
            (6_667, -84_333, 84_333)
        );
        assert_eq!(
            (
                hall.spent.as_str(),
                hall.left.as_str(),
                hall.variance.as_str()
            ),
            ("£66.67", "£843.33", "-£843.33")
        );
        let tea = &r.spend[1];
        assert_eq!((tea.variance_pence, tea.left_pence), (1, -1));
        assert_eq!(
            (r.spend_total.as_str(), r.left_total.as_str()),
            ("£156.68", "£843.32")
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("\"Tea\" is £0.01 over")),
            "{:?}",
            r.warnings
        );
        assert_eq!(r.promises[0].achieved, Some(3));
        assert_eq!(r.promises[0].status, "met");
        assert_eq!(
            (r.promises[1].achieved, r.promises[1].status.as_str()),
            (Some(1), "not yet")
        );
        assert_eq!(r.promises[2].status, "");
        assert_eq!(r.stories.len(), 1);
        assert_eq!(
            r.notes
                .iter()
                .find(|n| n.kind == "difficulty")
                .unwrap()
                .notes,
            vec!["The lift broke"]
        );
    }

    #[test]
    fn a_final_report_covers_the_whole_grant() {
        let r = facts_of("G", &grant(), ReportKind::Final, day(2027, 4, 1));
        assert_eq!(r.attendance.total_sessions, 4);
        assert_eq!(r.spend[0].spent_pence, 11_667);
        assert_eq!(r.title, "End of grant report to Fund");
    }

    #[test]
    fn stories_without_consent_are_left_out_and_warned_about() {
        let mut g = grant();
        g.stories.retain(|s| !s.consent);
        let r = facts_of("G", &g, ReportKind::Final, day(2027, 4, 1));
        assert!(r.stories.is_empty());
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("No story in this period has the member's consent"))
        );
    }

    #[test]
    fn money_reads_with_a_word_not_a_minus_sign() {
        assert_eq!(difference_words(-49_000), "£490 under");
        assert_eq!(difference_words(4_550), "£45.50 over");
        assert_eq!(difference_words(0), "on budget");
        let r = facts_of("G", &grant(), ReportKind::Interim, day(2026, 10, 1));
        assert_eq!(r.spend[0].difference, "£843.33 under");
        assert_eq!(
            (r.spend[1].difference.as_str(), r.spend[1].over),
            ("£0.01 over", true)
        );
        assert_eq!(r.difference_total, "£843.32 under");
    }

    #[test]
    fn receipts_are_listed_against_their_line() {
        let r = facts_of("G", &grant(), ReportKind::Final, day(2027, 4, 1));
        assert_eq!(r.spend[0].receipts, vec!["R2"]);
        assert_eq!(r.spend[0].payments.len(), 3);
        assert!(r.spend[1].receipts.is_empty());
        assert!(
            r.warnings
                .iter()
                .any(|w| w
                    == "2 payments on \"Hall\" have no receipt logged; funders may ask for them."),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn gaps_of_more_than_six_weeks_are_named() {
        let g = grant();
        let r = facts_of("G", &g, ReportKind::Interim, day(2026, 10, 1));
        assert_eq!(
            r.attendance.gaps,
            vec!["Nothing was logged after 6 May 2026."]
        );
        let r = facts_of("G", &g, ReportKind::Final, day(2027, 4, 1));
        assert_eq!(
            r.attendance.gaps,
            vec![
                "Nothing was logged between 6 May 2026 and 4 November 2026.",
                "Nothing was logged after 4 November 2026."
            ]
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("Nothing was logged after 4 November 2026."))
        );
        // Six weeks exactly is not a gap.
        let r = facts_of("G", &g, ReportKind::Interim, day(2026, 6, 17));
        assert!(r.attendance.gaps.is_empty(), "{:?}", r.attendance.gaps);
    }

    #[test]
    fn people_reached_counts_the_first_session_and_the_new_after_it() {
        let r = facts_of("G", &grant(), ReportKind::Final, day(2027, 4, 1));
        assert_eq!(r.attendance.people_reached, 12 + 1);
    }

    #[test]
    fn the_period_ends_today_until_the_grant_ends_and_an_early_final_is_refused() {
        let g = grant();
        let r = facts_of("G", &g, ReportKind::Final, day(2026, 12, 1));
        assert_eq!(r.period_to, "1 December 2026");
        assert!(
            final_too_early(&g, day(2026, 12, 1))
                .unwrap()
                .contains("--early --reason")
        );
        assert!(final_too_early(&g, day(2027, 3, 31)).is_none());
        assert_eq!(
            facts_of("G", &g, ReportKind::Final, day(2027, 5, 1)).period_to,
            "31 March 2027"
        );
    }

    #[test]
    fn each_missing_piece_warns_and_clears_when_filled_in() {
        let mut g = grant();
        let warned = |g: &Grant, what: &str| {
            facts_of("G", g, ReportKind::Interim, day(2026, 10, 1))
                .warnings
                .iter()
                .any(|w| w.contains(what))
        };
        let pieces = [
            "grant reference",
            "Nobody signs",
            "thank-you line",
            "Promise 3 has no measure",
            "people promised",
        ];
        for what in pieces {
            assert!(warned(&g, what), "{what} should warn");
        }
        let kinds: Vec<(MissingKind, Option<usize>)> =
            what_is_missing("G", &g, "Fund", ReportKind::Interim, day(2026, 10, 1))
                .into_iter()
                .map(|m| (m.kind, m.promise))
                .collect();
        for m in what_is_missing("G", &g, "Fund", ReportKind::Interim, day(2026, 10, 1)) {
            // The problem alone, for a front end with its own way to fix it.
            assert!(m.message.starts_with(&m.problem), "{m:?}");
            assert!(!m.problem.contains('`'), "{m:?}");
        }
        for want in [
            (MissingKind::Reference, None),
            (MissingKind::Contact, None),
            (MissingKind::Thanks, None),
            (MissingKind::PromiseMeasure, Some(3)),
            (MissingKind::PeoplePromised, None),
            (MissingKind::Gap, None),
        ] {
            assert!(kinds.contains(&want), "{want:?} in {kinds:?}");
        }
        g.reference = Some("R-1".into());
        g.contact = Some("Sam".into());
        assert!(warned(&g, "sign-off has no role"));
        g.contact_role = Some("Treasurer".into());
        g.thanks = Some("Thank you.".into());
        g.promises[2].measure = Some("said so".into());
        g.people_promised = Some(20);
        for what in pieces.iter().chain(&["sign-off has no role"]) {
            assert!(!warned(&g, what), "{what} should clear");
        }
        g.promises.clear();
        assert!(warned(&g, "No promises are recorded"));
        g.sessions.clear();
        assert!(warned(&g, "No sessions are logged"));
    }

    #[test]
    fn prepare_refuses_an_early_final_without_a_reason_and_picks_the_next_return() {
        let mut g = grant();
        let today = day(2026, 12, 1);
        let final_ = Some(ReportKind::Final);
        assert!(
            prepare("G", &g, "F", final_, None, today)
                .unwrap_err()
                .0
                .contains("--early")
        );
        assert!(
            prepare("G", &g, "F", final_, Some("  "), today)
                .unwrap_err()
                .0
                .contains("--reason")
        );
        let early = prepare("G", &g, "F", final_, Some("Asked early."), today).unwrap();
        assert_eq!(
            (
                early.report_kind,
                early.early_reason.as_deref(),
                early.period_to.as_str()
            ),
            (ReportKind::Final, Some("Asked early."), "1 December 2026")
        );
        // After the end, no reason is needed and none is printed.
        let after = prepare("G", &g, "F", final_, Some("x"), day(2027, 4, 2)).unwrap();
        assert_eq!(after.early_reason, None);
        assert_eq!(
            next_kind(&g),
            ReportKind::Interim,
            "nothing is due: interim"
        );
        g.reports = vec![
            crate::group::ReportDue {
                kind: ReportKind::Interim,
                due: day(2026, 10, 1),
                sent: Some(day(2026, 10, 1)),
            },
            crate::group::ReportDue {
                kind: ReportKind::Final,
                due: day(2027, 5, 1),
                sent: None,
            },
        ];
        assert_eq!(next_kind(&g), ReportKind::Final);
        assert_eq!(
            prepare("G", &g, "F", None, None, day(2027, 4, 2))
                .unwrap()
                .report_kind,
            ReportKind::Final
        );
    }
}
