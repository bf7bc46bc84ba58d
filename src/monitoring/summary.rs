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
    pub measure: Option<String>,
    pub target: Option<i64>,
    pub achieved: Option<i64>,
    /// "met", "not yet", or "" when nothing is counted.
    pub status: String,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct LineRow {
    pub item: String,
    pub category: String,
    pub budget: String,
    pub spent: String,
    /// Spent minus budget: positive is over budget.
    pub variance: String,
    pub left: String,
    pub budget_pence: i64,
    pub spent_pence: i64,
    pub variance_pence: i64,
    pub left_pence: i64,
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
    pub kind: String,
    pub title: String,
    pub group: String,
    pub funder_id: String,
    pub funder: String,
    pub grant_id: String,
    pub amount: String,
    pub grant_start: String,
    pub grant_end: String,
    pub period_from: String,
    pub period_to: String,
    pub promises: Vec<PromiseRow>,
    pub attendance: Attendance,
    pub spend: Vec<LineRow>,
    pub spend_total: String,
    pub budget_total: String,
    pub left_total: String,
    pub stories: Vec<StoryRow>,
    pub notes: Vec<NoteGroup>,
    /// Things to fix before sending (not shown in the document itself).
    pub warnings: Vec<String>,
}

/// The last day a return covers: for an interim return, today (or the end
/// of the grant if that came first); for a final report, the end.
pub fn period_end(grant: &Grant, kind: ReportKind, today: Day) -> Day {
    match kind {
        ReportKind::Interim => today.min(grant.end),
        ReportKind::Final => grant.end,
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

pub fn build(
    group_name: &str,
    grant: &Grant,
    funder_name: &str,
    kind: ReportKind,
    today: Day,
    vocab: &Vocabularies,
) -> ReturnData {
    let to = period_end(grant, kind, today);
    let promises = grant
        .promises
        .iter()
        .map(|p| {
            let achieved = p.measure.as_deref().map(|m| achieved(grant, m, to));
            let status = match (p.target, achieved) {
                (Some(t), Some(a)) if a >= t => "met",
                (Some(_), Some(_)) => "not yet",
                _ => "",
            };
            PromiseRow {
                what: p.what.clone(),
                measure: p.measure.clone(),
                target: p.target,
                achieved,
                status: status.to_string(),
            }
        })
        .collect();

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
    let attendance = Attendance {
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
    };

    // Spend up to the end of the period, line by line.
    let within = Grant {
        spending: grant
            .spending
            .iter()
            .filter(|s| s.date <= to)
            .cloned()
            .collect(),
        ..grant.clone()
    };
    let spend: Vec<LineRow> = grant
        .budget
        .iter()
        .map(|line| {
            let spent = spent_on(&within, &line.item);
            LineRow {
                item: line.item.clone(),
                category: vocab
                    .label(names::COST_CATEGORY, &line.category)
                    .to_string(),
                budget: format_pence(line.pence),
                spent: format_pence(spent),
                variance: format_pence(spent.saturating_sub(line.pence)),
                left: format_pence(line.pence.saturating_sub(spent)),
                budget_pence: line.pence,
                spent_pence: spent,
                variance_pence: spent.saturating_sub(line.pence),
                left_pence: line.pence.saturating_sub(spent),
            }
        })
        .collect();
    let budget_total: i64 = crate::bank::sum_pence(spend.iter().map(|l| l.budget_pence));
    let spent_total: i64 = crate::bank::sum_pence(spend.iter().map(|l| l.spent_pence));

    // Only stories the members agreed to share. This is the one place
    // stories leave the group file, and it is tested for every format.
    let stories: Vec<StoryRow> = grant
        .stories
        .iter()
        .filter(|s| s.consent && s.date <= to)
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

    let notes = NoteKind::ALL
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
        .collect();

    let mut warnings = Vec::new();
    if stories.is_empty() {
        if grant.stories.iter().any(|s| s.date <= to) {
            warnings.push("No story in this period has the member's consent, so none can go in the return. Ask before you send it.".to_string());
        } else {
            warnings.push(
                "There are no members' stories logged yet; funders value one or two, with consent."
                    .to_string(),
            );
        }
    }
    for line in spend.iter().filter(|l| l.variance_pence > 0) {
        warnings.push(format!(
            "\"{}\" is {} over its budget; explain why in the return.",
            line.item,
            format_pence(line.variance_pence)
        ));
    }

    ReturnData {
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
        amount: format_pence(grant.pence),
        grant_start: grant.start.for_people(),
        grant_end: grant.end.for_people(),
        period_from: grant.start.for_people(),
        period_to: to.for_people(),
        promises,
        attendance,
        spend,
        spend_total: format_pence(spent_total),
        budget_total: format_pence(budget_total),
        left_total: format_pence(budget_total.saturating_sub(spent_total)),
        stories,
        notes,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{Count, LogNote, Promise, Session, Spend, Story};
    use crate::monitoring::fixtures::{day, grant_with_hall};

    fn grant() -> Grant {
        let mut g = grant_with_hall("Hall");
        g.promises = vec![
            Promise {
                what: "Meet every fortnight".into(),
                from: "project_what".into(),
                measure: Some("sessions".into()),
                target: Some(3),
            },
            Promise {
                what: "Two members volunteer".into(),
                from: "monitoring_counts".into(),
                measure: Some("volunteered".into()),
                target: Some(2),
            },
            Promise {
                what: "Members feel less alone".into(),
                from: "changes_for_members".into(),
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
                date: day(2026, 5, 6),
                text: "Shared with consent".into(),
                consent: true,
                anonymised: true,
                checked_by: Some(crate::group::Author::Group),
            },
            Story {
                date: day(2026, 5, 7),
                text: "PRIVATE do not share".into(),
                consent: false,
                anonymised: false,
                checked_by: None,
            },
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
        let r = build(
            "G",
            &grant(),
            "Fund",
            ReportKind::Interim,
            day(2026, 10, 1),
            Vocabularies::builtin(),
        );
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
        let r = build(
            "G",
            &grant(),
            "Fund",
            ReportKind::Final,
            day(2027, 4, 1),
            Vocabularies::builtin(),
        );
        assert_eq!(r.attendance.total_sessions, 4);
        assert_eq!(r.spend[0].spent_pence, 11_667);
        assert_eq!(r.title, "End of grant report to Fund");
    }

    #[test]
    fn stories_without_consent_are_left_out_and_warned_about() {
        let mut g = grant();
        g.stories.retain(|s| !s.consent);
        let r = build(
            "G",
            &g,
            "Fund",
            ReportKind::Final,
            day(2027, 4, 1),
            Vocabularies::builtin(),
        );
        assert!(r.stories.is_empty());
        assert!(r.warnings[0].contains("No story in this period has the member's consent"));
    }
}
