//! Each problem listed at the top of the honest-matching issue, as a small
//! group and a small profile written here, with what matching must say.
//! On the code before this work every row fails: either the profile could
//! not say the rule (an unknown key, so it does not parse), or the verdict
//! claimed more than the data knew (the "old" note on each row says what
//! it used to give).

use alongside::bank::AnswerValue;
use alongside::dates::{Day, Moment};
use alongside::funders::{Profile, check_source};
use alongside::group::{Author, Grant, Group};
use alongside::matching::{FunderMatch, Outcome, Verdict, match_one};
use alongside::vocab::Vocabularies;

/// The start of every fixture profile: one dated source, a rolling
/// status resting on it.
const HEAD: &str = r#"id = "fixture-fund"
name = "Fixture Fund"
funder = "Fixture Trust"
kind = "trust"
website = "https://example.org"
checked = 2026-11-01
questions_known = false
summary = "A profile written for one test."

[[source]]
id = "s"
url = "https://example.org/guidance"
title = "Guidance"
as_of = 2026-10-01
seen = 2026-11-01
"#;

const ROLLING: &str = "[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n";

/// A fixture profile: the head, then the tables given. It must pass
/// `funders check` (so every rule names its source), or the row is wrong.
fn profile(tables: &str) -> Profile {
    let source = format!("{HEAD}{tables}");
    check_source("fixture.toml", &source).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// A new group that has answered only the given questions.
fn group(answers: &[(&str, AnswerValue)]) -> Group {
    let mut g = Group::new("Repro", "repro", Moment::now());
    for (id, value) in answers {
        g.set_answer(id, value.clone(), Author::Group, Moment::now());
    }
    g
}

fn n(v: i64) -> AnswerValue {
    AnswerValue::Number(v)
}

fn money(pounds: i64) -> AnswerValue {
    AnswerValue::Money(pounds * 100)
}

fn choice(id: &str) -> AnswerValue {
    AnswerValue::Choice(id.into())
}

fn day(y: i16, m: i8, d: i8) -> Day {
    Day::new(y, m, d).unwrap()
}

fn run(g: &Group, p: &Profile, today: Day) -> FunderMatch {
    match_one(g, p, today, Vocabularies::builtin())
}

struct Row {
    problem: &'static str,
    group: Group,
    profile: Profile,
    today: Day,
    /// The criterion that must be there, and its outcome.
    criterion: &'static str,
    outcome: Outcome,
    /// Words its sentence must contain.
    says: &'static str,
    verdict: Verdict,
}

fn rows() -> Vec<Row> {
    let nov = day(2026, 11, 26);
    let mut cin_before = group(&[("project_total", money(5000))]);
    cin_before.grants.push(Grant::new(
        "cin-2024".into(),
        "fixture-fund".into(),
        300_000,
        day(2024, 4, 1),
        day(2025, 3, 31),
    ));
    let mut awarded = group(&[("project_total", money(10_000))]);
    awarded.grants.push(Grant::new(
        "earlier".into(),
        "fixture-fund".into(),
        1_500_000,
        day(2026, 6, 1),
        day(2027, 5, 31),
    ));
    vec![
        Row {
            // Old: "taking applications" -> eligible.
            problem: "a profile says open with nothing in its sources to say so",
            group: group(&[]),
            profile: check_source(
                "old.toml",
                "id = \"old\"\nname = \"Old Fund\"\nfunder = \"Old Trust\"\nkind = \"trust\"\nwebsite = \"https://example.org\"\nsources = [\"https://example.org\"]\nchecked = 2026-11-01\nsummary = \"Old form.\"\n[status]\nstate = \"open\"\n[grant]\n",
            )
            .unwrap(),
            today: nov,
            criterion: "status",
            outcome: Outcome::Unknown,
            says: "no dated source backs that. Check on the funder's website",
            verdict: Verdict::Check,
        },
        Row {
            // Old: a yearly window could not be written; "open" said
            // "taking applications" on 1 December.
            problem: "a June-to-early-July window said taking applications on 1 December",
            group: group(&[]),
            profile: profile(
                "[status]\nstate = \"yearly\"\nusually_opens = \"june\"\nusually_closes = \"july\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n",
            ),
            today: day(2026, 12, 1),
            criterion: "status",
            outcome: Outcome::Unknown,
            says: "usually opens in June",
            verdict: Verdict::Check,
        },
        Row {
            // Old: the reason sat in `eligibility.other`, never shown.
            problem: "Aviva's real reason (not incorporated) is never shown",
            group: group(&[]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\n[[eligibility.ask]]\nid = \"incorporated\"\nquestion = \"Is the group incorporated, as a charity or company?\"\npasses = \"yes\"\nfix = \"This fund is only for incorporated organisations.\"\n"
            )),
            today: nov,
            criterion: "ask.incorporated",
            outcome: Outcome::Unknown,
            says: "Is the group incorporated, as a charity or company?",
            verdict: Verdict::Check,
        },
        Row {
            // Old: "never funded before" was a sentence nobody read.
            problem: "Children in Need's never funded before is never asked",
            group: cin_before,
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\nfirst_grant_only = true\n"
            )),
            today: nov,
            criterion: "first_grant",
            outcome: Outcome::Fail,
            says: "recorded a grant from this funder that started on 1 April 2024",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: "You can apply" with only a name and a country.
            problem: "a Welsh group with only its name and country answered is told it can apply",
            group: group(&[("country", choice("wales"))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[area]\ncountries = [\"wales\"]\nsource = \"s\"\n[eligibility]\nsource = \"s\"\n[[eligibility.ask]]\nid = \"not-for-profit\"\nquestion = \"Is the group run not for profit?\"\npasses = \"yes\"\nfix = \"This fund is for not-for-profit groups.\"\n"
            )),
            today: nov,
            criterion: "ask.not-for-profit",
            outcome: Outcome::Unknown,
            says: "Not answered yet",
            verdict: Verdict::Check,
        },
        Row {
            // Old: `longest_months` was only printed; a 60-month ask passed.
            problem: "a 60-month ask passes a 36-month limit",
            group: group(&[("project_months", n(60))]),
            profile: profile("[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\nlongest_months = 36\nsource = \"s\"\n"),
            today: nov,
            criterion: "grant.length",
            outcome: Outcome::Fail,
            says: "The project would last 60 months; this funder's grants last at most 36 months.",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: the age was only printed; 14-17-year-olds passed.
            problem: "14 to 17 year olds pass 13 or under",
            group: group(&[("youngest_age", n(14)), ("oldest_age", n(17))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\nmax_beneficiary_age = 13\n"
            )),
            today: nov,
            criterion: "ages",
            outcome: Outcome::Fail,
            says: "people aged 14 to 17; this funder funds work with people aged 13 or under",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: counted by calendar year, so 2026 - 2025 = 1 passed.
            problem: "year_started 2025 passes 12 months on 2 January 2026",
            group: group(&[("year_started", n(2025))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\nmin_months_operating = 12\n"
            )),
            today: day(2026, 1, 2),
            criterion: "years_operating",
            outcome: Outcome::Unknown,
            says: "depends on the month it started",
            verdict: Verdict::Check,
        },
        Row {
            // Old: "under £250,000" could only be written "at most".
            problem: "income under £250,000 was encoded as at most £250,000",
            group: group(&[("income_last_year", money(250_000))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\nincome_under_pounds = 250000\n"
            )),
            today: nov,
            criterion: "income",
            outcome: Outcome::Fail,
            says: "yearly income of under £250,000",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: the £20,000 in 12 months ignored recorded grants.
            problem: "£20,000 in 12 months ignores the group's recorded grants",
            group: awarded,
            profile: profile(
                "[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\nmax_pounds = 20000\ncap_pounds = 20000\ncap_months = 12\nsource = \"s\"\n",
            ),
            today: nov,
            criterion: "grant.cap",
            outcome: Outcome::Fail,
            says: "£25,000 in all",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: with months unanswered a per-year limit compared the
            // whole ask and said no.
            problem: "a missing answer gives fail instead of unknown",
            group: group(&[("project_total", money(25_000))]),
            profile: profile(
                "[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\nmax_pounds = 10000\nper_year = true\nsource = \"s\"\n",
            ),
            today: nov,
            criterion: "ask.range",
            outcome: Outcome::Unknown,
            says: "depends on how many months the project lasts",
            verdict: Verdict::Check,
        },
        Row {
            // Old: "Southampton City" did not equal "Southampton": NO.
            problem: "a council area typed Southampton City is a hard no against Southampton",
            group: group(&[("local_authority", AnswerValue::Text("Southampton City".into()))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[area]\nlocal_authorities = [\"Southampton\"]\nsource = \"s\"\n"
            )),
            today: nov,
            criterion: "area.local_authority",
            outcome: Outcome::Pass,
            says: "The group meets in Southampton (written \"Southampton City\")",
            verdict: Verdict::Eligible,
        },
        Row {
            // Old: an unknown council name was a hard no.
            problem: "an unrecognised council name is a hard no",
            group: group(&[("local_authority", AnswerValue::Text("Southamptn".into()))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[area]\nlocal_authorities = [\"Southampton\"]\nsource = \"s\"\n"
            )),
            today: nov,
            criterion: "area.local_authority",
            outcome: Outcome::Unknown,
            says: "the closest are Southampton",
            verdict: Verdict::Check,
        },
        Row {
            // Old: only `accounts` could be written, so a new group failed.
            problem: "accounts or under 15 months old cannot be expressed",
            group: group(&[
                ("accounts", choice("none_yet")),
                ("year_started", n(2026)),
                ("month_started", n(6)),
            ]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\n[[eligibility.any_of]]\nid = \"accounts-or-new\"\noption = [{{ accounts = \"signed_by_committee\" }}, {{ under_months_operating = 15 }}]\n"
            )),
            today: nov,
            criterion: "any_of.accounts-or-new",
            outcome: Outcome::Pass,
            says: "one is enough",
            verdict: Verdict::Eligible,
        },
        Row {
            // Old: one range for everyone; a constituted group's £20,000
            // passed a charity-only limit.
            problem: "different limits by organisation type cannot be expressed",
            group: group(&[
                ("organisation_type", choice("constituted_group")),
                ("project_total", money(20_000)),
            ]),
            profile: profile(
                "[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\nmin_pounds = 500\nmax_pounds = 25000\nsource = \"s\"\n[[grant.range]]\nwhen.organisation_type = [\"constituted_group\"]\nmin_pounds = 500\nmax_pounds = 2500\n",
            ),
            today: nov,
            criterion: "ask.range",
            outcome: Outcome::Fail,
            says: "from £500 to £2,500",
            verdict: Verdict::NotEligible,
        },
        Row {
            // Old: "most of the committee unrelated" was a sentence.
            problem: "most of the committee unrelated cannot be expressed",
            group: group(&[("committee_size", n(4)), ("committee_unrelated", n(2))]),
            profile: profile(&format!(
                "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\nunrelated_committee_share = \"more than 1/2\"\n"
            )),
            today: nov,
            criterion: "committee_share",
            outcome: Outcome::Fail,
            says: "2 of the group's 4 committee members are unrelated",
            verdict: Verdict::NotEligible,
        },
    ]
}

#[test]
fn every_problem_in_the_issue_is_answered_honestly() {
    let mut wrong = Vec::new();
    for row in rows() {
        let m = run(&row.group, &row.profile, row.today);
        let found = m.criteria.iter().find(|c| c.key == row.criterion);
        let ok = found.is_some_and(|c| c.outcome == row.outcome && c.sentence.contains(row.says))
            && m.verdict == row.verdict;
        if !ok {
            wrong.push(format!(
                "{}: wanted {} {:?} saying {:?} and verdict {:?}; got verdict {:?} and {:#?}",
                row.problem,
                row.criterion,
                row.outcome,
                row.says,
                row.verdict,
                m.verdict,
                m.criteria
            ));
        }
        for c in &m.criteria {
            assert!(
                !c.sentence.contains('`'),
                "{}: no ids in backticks for people: {}",
                row.problem,
                c.sentence
            );
            if c.outcome == Outcome::Fail {
                assert!(
                    c.fix.is_some() || c.key == "new_group",
                    "{}: a no says what would change it: {c:?}",
                    row.problem
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The unknowns above all turn to passes once the group answers them: an
/// honest "check" is one the group can settle.
#[test]
fn answering_every_ask_and_question_passes() {
    let p = profile(&format!(
        "{ROLLING}[grant]\nmax_pounds = 10000\nper_year = true\nlongest_months = 36\nsource = \"s\"\n[area]\nlocal_authorities = [\"Hampshire\"]\nsource = \"s\"\n[eligibility]\nsource = \"s\"\nmin_months_operating = 12\nmax_beneficiary_age = 25\nfirst_grant_only = true\n[[eligibility.ask]]\nid = \"not-for-profit\"\nquestion = \"Is the group run not for profit?\"\npasses = \"yes\"\nfix = \"This fund is for not-for-profit groups.\"\n"
    ));
    let mut g = group(&[
        ("project_total", money(25_000)),
        ("year_started", n(2025)),
        (
            "local_authority",
            AnswerValue::Text("Winchester City Council".into()),
        ),
        ("youngest_age", n(11)),
        ("oldest_age", n(19)),
    ]);
    let today = day(2026, 2, 10);
    let before = run(&g, &p, today);
    assert_eq!(before.verdict, Verdict::Check);
    let asked: Vec<&str> = before
        .unknown()
        .filter_map(|c| c.question.as_deref())
        .collect();
    assert_eq!(
        asked,
        [
            "month_started",
            "had_grants_before",
            "ask.not-for-profit",
            "project_months",
            "project_months"
        ],
        "{:#?}",
        before.criteria
    );
    g.set_answer("month_started", n(1), Author::Group, Moment::now());
    g.set_answer("project_months", n(30), Author::Group, Moment::now());
    g.set_answer(
        "had_grants_before",
        AnswerValue::YesNo(false),
        Author::Group,
        Moment::now(),
    );
    g.set_ask(
        "fixture-fund",
        "not-for-profit",
        true,
        Author::Together,
        Moment::now(),
    );
    let after = run(&g, &p, today);
    assert_eq!(after.verdict, Verdict::Eligible, "{:#?}", after.criteria);
    // £25,000 over 30 months is £10,000 a year: exactly the limit, with no
    // rounding of months up to whole years.
    let range = after
        .criteria
        .iter()
        .find(|c| c.key == "ask.range")
        .unwrap();
    assert!(
        range
            .sentence
            .contains("£25,000 over 30 months (£10,000 a year)"),
        "{}",
        range.sentence
    );
}

/// An answer to an ask carried into next year is a "check" until someone
/// confirms it.
#[test]
fn an_ask_carried_into_next_year_is_checked_again() {
    let p = profile(&format!(
        "{ROLLING}[grant]\n[eligibility]\nsource = \"s\"\n[[eligibility.ask]]\nid = \"not-for-profit\"\nquestion = \"Is the group run not for profit?\"\npasses = \"yes\"\nfix = \"This fund is for not-for-profit groups.\"\n"
    ));
    let mut g = group(&[]);
    g.set_ask(
        "fixture-fund",
        "not-for-profit",
        true,
        Author::Group,
        Moment::now(),
    );
    assert_eq!(run(&g, &p, day(2026, 11, 26)).verdict, Verdict::Eligible);
    g.next_year(alongside::bank::Bank::builtin().unwrap(), Moment::now());
    let m = run(&g, &p, day(2026, 11, 26));
    let c = m
        .criteria
        .iter()
        .find(|c| c.key == "ask.not-for-profit")
        .unwrap();
    assert_eq!(c.outcome, Outcome::Unknown);
    assert!(c.sentence.contains("Last year the answer to \"Is the group run not for profit?\" was yes; check it is still right."), "{}", c.sentence);
    g.set_ask(
        "fixture-fund",
        "not-for-profit",
        true,
        Author::Group,
        Moment::now(),
    );
    assert_eq!(run(&g, &p, day(2026, 11, 26)).verdict, Verdict::Eligible);
}

/// Facts more than a year old make the verdict a "check", and every
/// verdict says how old they are.
#[test]
fn old_facts_are_a_check_and_their_age_is_shown() {
    let p = profile(&format!("{ROLLING}[grant]\n"));
    let g = group(&[]);
    let fresh = run(&g, &p, day(2026, 11, 26));
    assert_eq!(fresh.verdict, Verdict::Eligible);
    assert_eq!(fresh.facts_age, "facts checked this month");
    let later = run(&g, &p, day(2028, 1, 10));
    assert_eq!(later.facts_age, "facts checked 14 months ago");
    assert_eq!(later.verdict, Verdict::Check);
    assert!(
        later
            .criteria
            .iter()
            .any(|c| c.key == "facts.age" && c.outcome == Outcome::Unknown)
    );
}
