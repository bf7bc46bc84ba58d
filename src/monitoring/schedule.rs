//! When returns are due: worked out from the funder profile's reporting
//! rules and the grant's dates, then kept in the group file where the group
//! can change them (funders often agree other dates).

use jiff::ToSpan;

use crate::dates::Day;
use crate::funders::Profile;
use crate::funders::profile::ReportWhen;
use crate::group::{Grant, ReportDue, ReportKind};

/// `months` after `day`; a day that does not exist in the target month
/// (31 January + 1 month) becomes that month's last day.
pub fn add_months(day: Day, months: i64) -> Option<Day> {
    day.0.checked_add(months.months()).ok().map(Day)
}

/// The returns a funder's profile asks for, for a grant running from
/// `start` to `end`. Rules without a timing give nothing: the group adds
/// those dates itself rather than alongside guessing them.
pub fn from_profile(profile: &Profile, start: Day, end: Day) -> Vec<ReportDue> {
    let mut out = Vec::new();
    for report in &profile.monitoring.reports {
        match (report.when, report.months) {
            (ReportWhen::Interim, Some(m)) => {
                if let Some(due) = add_months(start, m as i64).filter(|d| *d < end) {
                    out.push(ReportDue {
                        kind: ReportKind::Interim,
                        due,
                        sent: None,
                    });
                }
            }
            (ReportWhen::Final, Some(m)) => {
                if let Some(due) = add_months(end, m as i64) {
                    out.push(ReportDue {
                        kind: ReportKind::Final,
                        due,
                        sent: None,
                    });
                }
            }
            (ReportWhen::Yearly, _) => {
                // A progress report on each anniversary that falls inside
                // the grant; the end of the grant is covered by its final.
                let mut year = 1;
                while let Some(due) = add_months(start, 12 * year).filter(|d| *d < end) {
                    out.push(ReportDue {
                        kind: ReportKind::Interim,
                        due,
                        sent: None,
                    });
                    year += 1;
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.due);
    out
}

/// A return that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DueReturn {
    pub group: String,
    pub group_name: String,
    pub grant: String,
    pub funder: String,
    pub kind: ReportKind,
    pub due: Day,
    /// Negative when overdue.
    pub days_left: i64,
}

/// How far ahead returns are shown.
pub const DUE_WITHIN_DAYS: i64 = 30;

/// Returns not yet sent that are overdue or due within 30 days.
pub fn due_returns<'a>(
    grants: impl IntoIterator<Item = (&'a str, &'a str, &'a Grant)>,
    today: Day,
) -> Vec<DueReturn> {
    let mut out = Vec::new();
    for (slug, name, grant) in grants {
        for r in grant.reports.iter().filter(|r| r.sent.is_none()) {
            let days_left = (r.due.0 - today.0).get_days() as i64;
            if days_left <= DUE_WITHIN_DAYS {
                out.push(DueReturn {
                    group: slug.to_string(),
                    group_name: name.to_string(),
                    grant: grant.id.clone(),
                    funder: grant.funder.clone(),
                    kind: r.kind,
                    due: r.due,
                    days_left,
                });
            }
        }
    }
    out.sort_by_key(|d| (d.due, d.group.clone()));
    out
}

/// "overdue by 3 days", "due today", "due in 12 days".
pub fn when_words(days_left: i64) -> String {
    match days_left {
        0 => "due today".to_string(),
        1 => "due tomorrow".to_string(),
        n if n > 1 => format!("due in {n} days"),
        -1 => "overdue by 1 day".to_string(),
        n => format!("overdue by {} days", -n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funders::check_source;

    fn day(y: i16, m: i8, d: i8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    #[test]
    fn months_across_month_ends_and_leap_years() {
        assert_eq!(add_months(day(2027, 1, 31), 1), Some(day(2027, 2, 28)));
        assert_eq!(
            add_months(day(2028, 1, 31), 1),
            Some(day(2028, 2, 29)),
            "2028 is a leap year"
        );
        assert_eq!(add_months(day(2028, 2, 29), 12), Some(day(2029, 2, 28)));
        assert_eq!(add_months(day(2026, 8, 31), 6), Some(day(2027, 2, 28)));
        assert_eq!(add_months(day(2026, 12, 15), 3), Some(day(2027, 3, 15)));
    }

    fn profile(reports: &str) -> Profile {
        let source = format!(
            "id = \"t\"\nname = \"T\"\nfunder = \"T\"\nkind = \"trust\"\nwebsite = \"https://example.org\"\nsources = [\"https://example.org\"]\nchecked = 2026-11-01\nsummary = \"T.\"\n[status]\nstate = \"rolling\"\n[grant]\n{reports}"
        );
        check_source("t.toml", &source).unwrap()
    }

    #[test]
    fn schedule_from_a_profile() {
        let p = profile(
            "[[monitoring.report]]\nname = \"Half way\"\nwhen = \"interim\"\nmonths = 6\n[[monitoring.report]]\nname = \"End\"\nwhen = \"final\"\nmonths = 3\n",
        );
        let due = from_profile(&p, day(2026, 8, 31), day(2027, 8, 30));
        assert_eq!(
            due,
            vec![
                ReportDue {
                    kind: ReportKind::Interim,
                    due: day(2027, 2, 28),
                    sent: None
                },
                ReportDue {
                    kind: ReportKind::Final,
                    due: day(2027, 11, 30),
                    sent: None
                },
            ]
        );
    }

    #[test]
    fn yearly_reports_fall_inside_the_grant() {
        let p = profile("[[monitoring.report]]\nname = \"Each year\"\nwhen = \"yearly\"\n");
        let due = from_profile(&p, day(2028, 2, 29), day(2031, 2, 27));
        let days: Vec<Day> = due.iter().map(|r| r.due).collect();
        assert_eq!(days, vec![day(2029, 2, 28), day(2030, 2, 28)]);
    }

    #[test]
    fn a_rule_without_timing_gives_no_date() {
        let p = profile("[[monitoring.report]]\nname = \"End\"\nwhen = \"final\"\n");
        assert!(from_profile(&p, day(2026, 1, 1), day(2026, 12, 31)).is_empty());
    }

    #[test]
    fn due_and_overdue() {
        let mut g = Grant::new(
            "g".into(),
            "f".into(),
            1,
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        g.reports = vec![
            ReportDue {
                kind: ReportKind::Interim,
                due: day(2026, 2, 28),
                sent: None,
            },
            ReportDue {
                kind: ReportKind::Interim,
                due: day(2026, 3, 1),
                sent: Some(day(2026, 2, 20)),
            },
            ReportDue {
                kind: ReportKind::Final,
                due: day(2026, 3, 31),
                sent: None,
            },
            ReportDue {
                kind: ReportKind::Final,
                due: day(2026, 4, 1),
                sent: None,
            },
        ];
        let due = due_returns([("s", "S", &g)], day(2026, 3, 1));
        let days: Vec<i64> = due.iter().map(|d| d.days_left).collect();
        assert_eq!(
            days,
            vec![-1, 30],
            "one overdue, one within 30 days, sent ones and later ones left out"
        );
        assert_eq!(when_words(-1), "overdue by 1 day");
        assert_eq!(when_words(30), "due in 30 days");
        // Across a leap day: 2028-02-28 to 2028-03-01 is two days.
        let mut leap = g.clone();
        leap.reports = vec![ReportDue {
            kind: ReportKind::Final,
            due: day(2028, 3, 1),
            sent: None,
        }];
        assert_eq!(
            due_returns([("s", "S", &leap)], day(2028, 2, 28))[0].days_left,
            2
        );
    }
}
