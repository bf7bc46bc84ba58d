//! Matching, rule by rule, on the demo group and small made-up profiles.

use super::*;
use crate::bank::{AnswerValue, BudgetLine};
use crate::dates::{Day, Moment};
use crate::group::{Author, Grant};

fn today() -> Day {
    Day::new(2026, 11, 26).unwrap()
}

fn demo() -> Group {
    crate::demo::demo_group().unwrap()
}

/// A profile from the shared header (one `[[source]]`, id `s`) plus the
/// tables given. Parsed without `funders check`, which would ask every
/// made-up rule here for its source: matching is what these tests test.
fn profile(tables: &str) -> Profile {
    let source = format!(
        "id = \"test-fund\"\nname = \"Test Fund\"\nfunder = \"Test Trust\"\nkind = \"trust\"\nwebsite = \"https://example.org\"\nchecked = 2026-11-01\nsummary = \"Test.\"\n[[source]]\nid = \"s\"\nurl = \"https://example.org/guidance\"\ntitle = \"Guidance\"\nas_of = 2026-10-01\nseen = 2026-11-01\n{tables}"
    );
    toml::from_str(&source).unwrap_or_else(|e| panic!("{e}"))
}

/// A status matching can rely on: rolling, from a dated source.
const OPEN: &str = "[status]\nstate = \"rolling\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n";

fn set(g: &mut Group, id: &str, v: AnswerValue) {
    g.set_answer(id, v, Author::Group, Moment::now());
}

fn run(g: &Group, p: &Profile) -> FunderMatch {
    match_one(g, p, today(), Vocabularies::builtin())
}

/// How `g` meets an open profile (`OPEN`) with these tables after it.
fn run_open(g: &Group, tables: &str) -> FunderMatch {
    run(g, &profile(&format!("{OPEN}{tables}")))
}

/// The rule `key` as `g` meets it in an open profile with these tables.
fn open_rule(g: &Group, tables: &str, key: &str) -> Criterion {
    criterion(&run_open(g, tables), key).clone()
}

fn criterion<'a>(m: &'a FunderMatch, key: &str) -> &'a Criterion {
    m.criteria
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no criterion {key} in {:?}", m.criteria))
}

#[test]
fn a_profile_with_no_rules_is_eligible() {
    let m = run(&demo(), &profile(OPEN));
    assert_eq!(m.verdict, Verdict::Eligible);
}

#[test]
fn one_signatory_fails_with_both_sides_and_a_fix() {
    let mut g = demo();
    set(&mut g, "unrelated_signatories", AnswerValue::Number(1));
    let m = run_open(
        &g,
        "[eligibility]\nbank_account = true\nmin_unrelated_signatories = 2\n",
    );
    assert_eq!(m.verdict, Verdict::NotEligible);
    let c = criterion(&m, "signatories");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(
        c.sentence.contains("1 unrelated person") && c.sentence.contains("needs 2"),
        "{}",
        c.sentence
    );
    assert!(
        c.fix.as_deref().unwrap().contains("2 people"),
        "{:?}",
        c.fix
    );
}

#[test]
fn no_bank_account_fails_both_rules() {
    let mut g = demo();
    set(&mut g, "has_bank_account", AnswerValue::YesNo(false));
    let m = run_open(
        &g,
        "[eligibility]\nbank_account = true\nmin_unrelated_signatories = 2\n",
    );
    assert!(
        criterion(&m, "bank_account")
            .fix
            .as_deref()
            .unwrap()
            .contains("Open a bank account")
    );
    assert_eq!(criterion(&m, "signatories").outcome, Outcome::Fail);
}

#[test]
fn an_informal_group_is_told_to_adopt_a_constitution() {
    let mut g = demo();
    set(
        &mut g,
        "organisation_type",
        AnswerValue::Choice("informal".into()),
    );
    let m = run_open(
        &g,
        "[eligibility]\norganisation_types = [\"constituted_group\", \"registered_charity\"]\n",
    );
    let c = criterion(&m, "organisation_type");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.fix.as_deref().unwrap().contains("constitution"));
}

#[test]
fn unknown_names_the_question_to_answer() {
    let mut g = demo();
    g.answers.remove("committee_unrelated");
    let m = run_open(&g, "[eligibility]\nmin_unrelated_committee = 2\n");
    assert_eq!(m.verdict, Verdict::Check);
    assert_eq!(
        criterion(&m, "committee_unrelated").question.as_deref(),
        Some("committee_unrelated")
    );
}

#[test]
fn status_and_dates() {
    let g = demo();
    assert_eq!(
        run(
            &g,
            &profile("[status]\nstate = \"closed\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n")
        )
        .verdict,
        Verdict::Closed
    );
    assert_eq!(
        run(
            &g,
            &profile("[status]\nstate = \"opens\"\nopens = 2027-06-01\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n")
        )
        .verdict,
        Verdict::Closed
    );
    assert_eq!(
        run(
            &g,
            &profile("[status]\nstate = \"opens\"\nopens = 2026-06-01\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n")
        )
        .verdict,
        Verdict::Eligible
    );
    let passed = run(
        &g,
        &profile(
            "[status]\nstate = \"deadlines\"\ndeadlines = [2026-01-10]\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n",
        ),
    );
    assert_eq!(passed.verdict, Verdict::Closed);
    let soon = run(
        &g,
        &profile(
            "[status]\nstate = \"deadlines\"\ndeadlines = [2026-01-10, 2026-12-06]\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n",
        ),
    );
    assert_eq!(soon.verdict, Verdict::Eligible);
    assert!(
        criterion(&soon, "status")
            .sentence
            .contains("(10 days from today)")
    );
}

#[test]
fn area_by_country_region_and_council() {
    let g = demo();
    let wales = run_open(&g, "[area]\ncountries = [\"wales\"]\n");
    assert_eq!(criterion(&wales, "area.country").outcome, Outcome::Fail);
    assert!(
        criterion(&wales, "area.country")
            .sentence
            .contains("meets in England")
    );
    assert_eq!(
        open_rule(
            &g,
            "[area]\nlocal_authorities = [\"Southampton City Council\"]\n",
            "area.local_authority"
        )
        .outcome,
        Outcome::Pass
    );
    assert_eq!(
        open_rule(
            &g,
            "[area]\nlocal_authorities = [\"Leeds\", \"Bradford\"]\n",
            "area.local_authority"
        )
        .outcome,
        Outcome::Fail
    );
}

#[test]
fn ask_range_share_of_income_and_charity_registration() {
    let mut g = demo();
    set(&mut g, "project_total", AnswerValue::Money(300_000));
    set(&mut g, "income_last_year", AnswerValue::Money(600_000));
    let too_big = run_open(&g, "max_pounds = 2500\n");
    let c = criterion(&too_big, "ask.range");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(
        c.fix.as_deref().unwrap().contains("£2,500 or less"),
        "{:?}",
        c.fix
    );
    let third = run_open(&g, "[eligibility]\nmax_ask_share_of_income = \"1/3\"\n");
    let c = criterion(&third, "ask.share_of_income");
    assert_eq!(
        c.outcome,
        Outcome::Fail,
        "£3,000 is more than a third of £6,000"
    );
    assert!(c.fix.as_deref().unwrap().contains("£2,000 or less"));
    assert_eq!(
        open_rule(
            &g,
            "[eligibility]\ncharity_registration_above_pounds = 2000\n",
            "charity_registration"
        )
        .outcome,
        Outcome::Fail
    );
    set(&mut g, "project_total", AnswerValue::Money(150_000));
    assert_eq!(
        open_rule(
            &g,
            "[eligibility]\ncharity_registration_above_pounds = 2000\n",
            "charity_registration"
        )
        .outcome,
        Outcome::Pass
    );
}

#[test]
fn per_year_limits_spread_the_ask_over_the_years() {
    let mut g = demo();
    set(&mut g, "project_total", AnswerValue::Money(3_000_000));
    set(&mut g, "project_months", AnswerValue::Number(36));
    let m = run_open(
        &g,
        "min_pounds = 1000\nmax_pounds = 15000\nper_year = true\n",
    );
    let c = criterion(&m, "ask.range");
    assert_eq!(c.outcome, Outcome::Pass, "{}", c.sentence);
    assert!(c.sentence.contains("£10,000 a year"), "{}", c.sentence);
}

#[test]
fn income_policies_accounts_and_years() {
    let mut g = demo();
    set(
        &mut g,
        "policies",
        AnswerValue::Choices(vec!["equal_opportunities".into()]),
    );
    set(&mut g, "accounts", AnswerValue::Choice("none_yet".into()));
    set(&mut g, "year_started", AnswerValue::Number(2026));
    let m = run_open(
        &g,
        "[eligibility]\npolicies = [\"safeguarding\"]\naccounts = \"signed_by_committee\"\nmin_years_operating = 1\nmax_income_pounds = 1000\n",
    );
    for key in ["policies", "accounts", "years_operating", "income"] {
        assert_eq!(criterion(&m, key).outcome, Outcome::Fail, "{key}");
    }
    assert!(
        criterion(&m, "policies")
            .fix
            .as_deref()
            .unwrap()
            .contains("safeguarding policy")
    );
    assert!(
        criterion(&m, "years_operating")
            .fix
            .as_deref()
            .unwrap()
            .contains("2027")
    );
}

#[test]
fn beneficiaries_budget_lines_and_priorities() {
    let mut g = demo();
    let m = run_open(
        &g,
        "[eligibility]\nbeneficiaries = [\"children\"]\nmax_beneficiary_age = 18\n",
    );
    assert_eq!(criterion(&m, "beneficiaries").outcome, Outcome::Fail);
    // The age limit is its own rule, checked against the ages the group
    // works with (the demo's are 30 to 84).
    let ages = criterion(&m, "ages");
    assert_eq!(ages.outcome, Outcome::Fail);
    // One fix per step: "look for another funder" is said once.
    assert!(criterion(&m, "beneficiaries").fix.is_some());
    assert_eq!(ages.fix, None);
    assert_eq!(
        ages.sentence,
        "The group works with people aged 30 to 84; this funder funds work with people aged 18 or under."
    );

    set(
        &mut g,
        "project_budget",
        AnswerValue::Budget(vec![
            BudgetLine {
                item: "Hall".into(),
                category: "venue_hire".into(),
                pence: 100,
            },
            BudgetLine {
                item: "Raffle prizes".into(),
                category: "gifts".into(),
                pence: 100,
            },
        ]),
    );
    let m = run_open(
        &g,
        "[costs]\nfunds = [\"equipment\"]\ndoes_not_fund = [\"gifts\"]\n",
    );
    let refused = criterion(&m, "budget.not_funded");
    assert_eq!(refused.outcome, Outcome::Fail);
    assert!(
        refused
            .sentence
            .contains("Raffle prizes (gifts to individuals)"),
        "{}",
        refused.sentence
    );
    let unlisted = criterion(&m, "budget.funded");
    assert_eq!(
        unlisted.outcome,
        Outcome::Unknown,
        "venue hire is not listed either way"
    );
    assert!(unlisted.sentence.contains("does not list room or venue hire among the costs it pays for (1 of your 2 budget lines)"), "{}", unlisted.sentence);

    let m = run_open(
        &g,
        "[priorities]\nthemes = [\"environment\"]\nmust_meet_one = true\n",
    );
    assert_eq!(criterion(&m, "priorities").outcome, Outcome::Fail);
}

#[test]
fn one_grant_at_a_time() {
    let mut g = demo();
    g.grants.push(Grant::new(
        "test-fund-2026".into(),
        "test-fund".into(),
        100_000,
        Day::new(2026, 4, 1).unwrap(),
        Day::new(2027, 3, 31).unwrap(),
    ));
    let m = run_open(&g, "one_at_a_time = true\n");
    let c = criterion(&m, "one_at_a_time");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.fix.as_deref().unwrap().contains("31 March 2027"));
    g.grants.last_mut().unwrap().funder = "someone-else".into();
    assert_eq!(
        criterion(&run_open(&g, "one_at_a_time = true\n"), "one_at_a_time").outcome,
        Outcome::Pass
    );
}

#[test]
fn fit_ranks_shared_priorities_and_gives_reasons() {
    let g = demo();
    let close = profile(&format!(
        "{OPEN}max_pounds = 10000\n[priorities]\nthemes = [\"physical_health\", \"isolation_and_loneliness\"]\nprefers_income_under_pounds = 250000\n"
    ));
    let mut far = profile(&format!("{OPEN}[priorities]\nthemes = [\"environment\"]\n"));
    far.id = "far".into();
    far.name = "Far Fund".into();
    let all = match_all(&g, [&far, &close], today(), Vocabularies::builtin());
    assert_eq!(all[0].id, "test-fund");
    let fit = all[0].fit.as_ref().unwrap();
    assert!(fit.score > all[1].fit.as_ref().unwrap().score);
    assert!(
        fit.reasons[0].contains("priorities include"),
        "{:?}",
        fit.reasons
    );
    assert!(
        fit.reasons
            .iter()
            .any(|r| r.contains("income under £250,000")),
        "{:?}",
        fit.reasons
    );
}

#[test]
fn ethos_flags_are_raised_whatever_the_verdict() {
    let mut g = demo();
    set(
        &mut g,
        "values",
        AnswerValue::Choices(vec![
            "staying_informal".into(),
            "no_targets_or_statistics".into(),
            "purely_mutual_support".into(),
        ]),
    );
    set(&mut g, "income_last_year", AnswerValue::Money(100_000));
    let p = profile(
        "[status]\nstate = \"closed\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n[eligibility]\ngoverning_document = true\nbank_account = true\nmin_committee = 3\n[priorities]\nexpects_services = true\n[monitoring]\nstyle = \"statistical_targets\"\n",
    );
    let m = run(&g, &p);
    assert_eq!(m.verdict, Verdict::Closed);
    let kinds: Vec<FlagKind> = m.flags.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        vec![
            FlagKind::ValuesClash,
            FlagKind::ValuesClash,
            FlagKind::ValuesClash,
            FlagKind::LargeGrant,
            FlagKind::HeavyReporting
        ],
        "{:?}",
        m.flags
    );
    assert!(
        m.flags[1]
            .sentence
            .contains("a written constitution, a committee of at least 3 and a bank account"),
        "{}",
        m.flags[1].sentence
    );
    assert!(
        m.flags[3].sentence.contains("£4,752") && m.flags[3].sentence.contains("£1,000"),
        "{}",
        m.flags[3].sentence
    );
}

#[test]
fn the_demo_against_the_built_in_funders() {
    let catalogue = crate::funders::Catalogue::load(&crate::funders::Sources::Only(
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/funders")),
    ));
    let all = match_all(
        &demo(),
        catalogue.profiles.iter().map(|l| &l.profile),
        today(),
        Vocabularies::builtin(),
    );
    let verdict = |id: &str| all.iter().find(|m| m.id == id).unwrap().verdict;
    // Tudor's own page (read on the day the profile was checked) says it
    // takes no applications: closed.
    assert_eq!(verdict("tudor-trust"), Verdict::Closed);
    assert_eq!(
        verdict("awards-for-all-wales"),
        Verdict::NotEligible,
        "the demo group is in England"
    );
    assert_eq!(
        verdict("bbc-children-in-need-small-grants"),
        Verdict::NotEligible,
        "children only"
    );
    assert_ne!(
        verdict("awards-for-all-england"),
        Verdict::NotEligible,
        "{:#?}",
        all.iter().find(|m| m.id == "awards-for-all-england")
    );
    // Ordered: every eligible before every check, and so on.
    assert!(all.windows(2).all(|w| w[0].verdict <= w[1].verdict));
}

/// A rolling profile with the given lines in its `[status]` table.
fn timed(status_lines: &str) -> Profile {
    profile(&format!(
        "[status]\nstate = \"rolling\"\n{status_lines}\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n"
    ))
}

fn starting(day: Day) -> Group {
    let mut g = demo();
    set(&mut g, "project_start", AnswerValue::Date(day));
    g
}

#[test]
fn a_start_after_the_decision_time_passes() {
    // 26 November 2026 + 16 weeks = 18 March 2027.
    let m = run(
        &starting(Day::new(2027, 3, 18).unwrap()),
        &timed("decides_within_weeks = 16"),
    );
    let c = criterion(&m, "timing.start");
    assert_eq!(c.outcome, Outcome::Pass);
    assert_eq!(
        c.sentence,
        "The project would start on 18 March 2027; this funder takes up to about 16 weeks to decide, so the earliest start is 18 March 2027."
    );
}

#[test]
fn a_start_too_soon_fails_with_the_earliest_date_as_the_fix() {
    let m = run(
        &starting(Day::new(2026, 12, 10).unwrap()),
        &timed("apply_weeks_before_start = 5"),
    );
    assert_eq!(m.verdict, Verdict::NotEligible);
    let c = criterion(&m, "timing.start");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(
        c.sentence
            .contains("asks you to apply at least 5 weeks before it starts"),
        "{}",
        c.sentence
    );
    assert_eq!(
        c.fix.as_deref(),
        Some("Move the start date to 31 December 2026 or later.")
    );
}

#[test]
fn the_stricter_of_the_two_timing_rules_decides() {
    let g = starting(Day::new(2027, 1, 15).unwrap());
    // Five weeks ahead is met; sixteen weeks to decide is not.
    let m = run(
        &g,
        &timed("apply_weeks_before_start = 5\ndecides_within_weeks = 16"),
    );
    let c = criterion(&m, "timing.start");
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.sentence.contains("16 weeks to decide"), "{}", c.sentence);
    // With the decision quicker than the rule, the rule is what is named.
    let m = run(
        &g,
        &timed("apply_weeks_before_start = 5\ndecides_within_weeks = 2"),
    );
    let c = criterion(&m, "timing.start");
    assert_eq!(c.outcome, Outcome::Pass);
    assert!(c.sentence.contains("at least 5 weeks"), "{}", c.sentence);
}

#[test]
fn no_start_date_asks_for_one() {
    let mut g = demo();
    g.answers.remove("project_start");
    let m = run(&g, &timed("decides_within_weeks = 16"));
    let c = criterion(&m, "timing.start");
    assert_eq!(c.outcome, Outcome::Unknown);
    assert_eq!(c.question.as_deref(), Some("project_start"));
}

#[test]
fn a_profile_without_timing_rules_has_no_start_date_criterion() {
    let m = run(&demo(), &profile(OPEN));
    assert!(m.criteria.iter().all(|c| c.key != "timing.start"));
}

#[test]
fn a_yearly_window_is_a_check_inside_and_outside_it() {
    let p = profile(
        "[status]\nstate = \"yearly\"\nusually_opens = \"june\"\nusually_closes = \"july\"\nsource = \"s\"\nas_of = 2026-10-01\n[grant]\n",
    );
    let june = match_one(
        &demo(),
        &p,
        Day::new(2027, 6, 20).unwrap(),
        Vocabularies::builtin(),
    );
    let c = criterion(&june, "status");
    assert_eq!(c.outcome, Outcome::Unknown);
    assert!(
        c.sentence
            .contains("usually takes applications from June to July, so it may be open now"),
        "{}",
        c.sentence
    );
    assert!(
        c.sentence.contains("https://example.org/guidance"),
        "the source's link: {}",
        c.sentence
    );
    assert_eq!(june.verdict, Verdict::Check);
}

#[test]
fn conditional_rules_wait_for_the_type_and_either_or_gives_every_fix() {
    let p = profile(&format!(
        "{OPEN}[eligibility]\n[[eligibility.rule]]\nwhen.organisation_type = [\"registered_charity\"]\nmin_committee = 3\n[[eligibility.any_of]]\nid = \"rules-or-account\"\noption = [{{ governing_document = true }}, {{ bank_account = true }}]\n"
    ));
    let mut g = demo();
    g.answers.remove("organisation_type");
    let m = run(&g, &p);
    assert_eq!(
        criterion(&m, "when.organisation_type").question.as_deref(),
        Some("organisation_type")
    );
    // A constituted group: the charities' rule does not apply to it.
    set(
        &mut g,
        "organisation_type",
        AnswerValue::Choice("constituted_group".into()),
    );
    set(&mut g, "committee_size", AnswerValue::Number(1));
    let m = run(&g, &p);
    assert!(
        m.criteria.iter().all(|c| c.key != "committee"),
        "{:#?}",
        m.criteria
    );
    assert_eq!(
        criterion(&m, "any_of.rules-or-account").outcome,
        Outcome::Pass
    );
    // Neither option met: a no with both fixes.
    set(&mut g, "has_governing_document", AnswerValue::YesNo(false));
    set(&mut g, "has_bank_account", AnswerValue::YesNo(false));
    let m = run(&g, &p);
    let c = criterion(&m, "any_of.rules-or-account");
    assert_eq!(c.outcome, Outcome::Fail);
    let fix = c.fix.as_deref().unwrap();
    assert!(
        fix.contains("Adopt a simple constitution") && fix.contains(" Or: Open a bank account"),
        "{fix}"
    );
    // One option not known and none met: not known, with its question.
    g.answers.remove("has_bank_account");
    let m = run(&g, &p);
    let c = criterion(&m, "any_of.rules-or-account");
    assert_eq!(c.outcome, Outcome::Unknown);
    assert_eq!(c.question.as_deref(), Some("has_bank_account"));
    // A registered charity with a committee of 1 fails the charities' rule.
    set(
        &mut g,
        "organisation_type",
        AnswerValue::Choice("registered_charity".into()),
    );
    let m = run(&g, &p);
    assert_eq!(criterion(&m, "committee").outcome, Outcome::Fail);
}

/// The cache of checked profiles keeps only the part of each profile that
/// matching reads (`funders::cache::for_matching`): every built-in profile
/// must match the same, rule for rule and word for word, whole and as that
/// part, for a group that has answered everything, one that has answered
/// nothing, and on a day when the facts are old.
#[test]
fn the_part_of_a_profile_the_cache_keeps_matches_as_the_whole_does() {
    let catalogue = crate::funders::Catalogue::load(&crate::funders::Sources::Only(
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/funders")),
    ));
    assert!(catalogue.problems.is_empty(), "{:?}", catalogue.problems);
    let groups = [demo(), Group::new("New Group", "new-group", Moment::now())];
    let days = [today(), Day::new(2029, 6, 1).unwrap()];
    for loaded in &catalogue.profiles {
        let whole = &loaded.profile;
        let part = crate::funders::cache::for_matching(whole.clone());
        assert!(part.questions.is_empty() && part.terms.is_empty());
        for group in &groups {
            for day in days {
                let m = |p: &Profile| match_one(group, p, day, Vocabularies::builtin());
                assert_eq!(
                    format!("{:?}", m(&part)),
                    format!("{:?}", m(whole)),
                    "{} for {} on {day}",
                    whole.id,
                    group.slug
                );
            }
        }
    }
}
