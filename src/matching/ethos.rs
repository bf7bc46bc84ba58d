//! Warnings that sit beside eligibility: a funder's demands that clash with
//! how the group said it wants to run, grants that are large for the group,
//! and heavy reporting for a small sum. Always shown, whatever the verdict.

use crate::bank::AnswerValue;
use crate::funders::Profile;
use crate::funders::profile::{MonitoringStyle, ReportWhen};
use crate::text::format_pence;

use super::criteria::{Facts, join_words};
use super::{EthosFlag, FlagKind};

/// A grant at or under this is "small" for the heavy-reporting warning.
const SMALL_GRANT_PENCE: i64 = 5_000 * 100;

pub fn flags(p: &Profile, f: &Facts<'_>) -> Vec<EthosFlag> {
    let mut out = Vec::new();
    let values: &[String] = match f.group.value("values") {
        Some(AnswerValue::Choices(v)) => v,
        _ => &[],
    };
    let holds = |id: &str| values.iter().any(|v| v == id);
    let style = p.monitoring.style;

    if holds("no_targets_or_statistics") && style == Some(MonitoringStyle::StatisticalTargets) {
        out.push(EthosFlag {
            kind: FlagKind::ValuesClash,
            sentence: format!(
                "You said you want no targets or statistics. {} asks for targets set in advance and reports in figures against them.",
                p.name
            ),
        });
    }

    if holds("staying_informal") {
        let e = &p.eligibility;
        let mut demands = Vec::new();
        if !e.organisation_types.is_empty() && !e.organisation_types.iter().any(|t| t == "informal")
        {
            demands.push("a formal structure".to_string());
        }
        if e.governing_document {
            demands.push("a written constitution".to_string());
        }
        if let Some(n) = e.min_unrelated_committee.or(e.min_committee) {
            demands.push(format!("a committee of at least {n}"));
        }
        if e.bank_account {
            demands.push("a bank account in the group's name".to_string());
        }
        if e.accounts.as_deref().is_some_and(|a| a != "none_yet") {
            demands.push("yearly accounts".to_string());
        }
        if !demands.is_empty() {
            out.push(EthosFlag {
                kind: FlagKind::ValuesClash,
                sentence: format!(
                    "You said you want to stay informal. This funder needs {}.",
                    join_words(&demands)
                ),
            });
        }
    }

    if holds("purely_mutual_support") && p.priorities.expects_services {
        out.push(EthosFlag {
            kind: FlagKind::ValuesClash,
            sentence: format!(
                "You said the group is purely for mutual support. {} expects its grants to pay for services for other people; check that would not turn the group into a service.",
                p.name
            ),
        });
    }

    if let (Some(ask), Some(AnswerValue::Money(income))) =
        (f.ask, f.group.value("income_last_year"))
        && ask > *income
    {
        out.push(EthosFlag {
            kind: FlagKind::LargeGrant,
            sentence: format!(
                "The ask ({}) is more than the group's whole income last year ({}). A grant that size usually brings more bookkeeping, reports on time, and rules on how the money is spent and kept.",
                format_pence(ask),
                format_pence(*income)
            ),
        });
    }

    let small = f.ask.is_some_and(|a| a <= SMALL_GRANT_PENCE);
    let reports = p.monitoring.reports.len()
        + p.monitoring
            .reports
            .iter()
            .filter(|r| r.when == ReportWhen::Yearly)
            .count();
    if small && (style == Some(MonitoringStyle::StatisticalTargets) || reports >= 3) {
        out.push(EthosFlag {
            kind: FlagKind::HeavyReporting,
            sentence: format!(
                "For a grant of {} this funder asks a lot in reports{}. Make sure someone has the time to keep the records.",
                format_pence(f.ask.unwrap_or(0)),
                if style == Some(MonitoringStyle::StatisticalTargets) { " (targets and figures)" } else { "" }
            ),
        });
    }
    out
}
