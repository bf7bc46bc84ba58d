//! Checks a funder profile beyond its shape: ranges that make sense, ids
//! that exist in the shared vocabularies and the question bank, dates that
//! a status needs. Every problem is reported with its line and field.

use crate::bank::Bank;
use crate::text::closest;
use crate::toml_errors::{Located, PathPart, at_path, describe};
use crate::vocab::{Vocabularies, names};

use super::profile::{Profile, State};

/// Parses and checks one profile. All problems are returned, not just the
/// first, so a person can fix a file in one go.
pub fn check_source(file: &str, source: &str) -> Result<Profile, Vec<Located>> {
    let profile: Profile = toml::from_str(source).map_err(|e| vec![describe(file, source, &e)])?;
    let mut problems = Vec::new();
    let mut report = |path: &[PathPart<'_>], problem: String| {
        problems.push(at_path(file, source, path, problem))
    };
    let vocab = Vocabularies::builtin();
    use PathPart::{Index, Key};

    if !crate::text::is_valid_slug(&profile.id) {
        report(
            &[Key("id")],
            format!(
                "`{}` is not a valid id: use lower-case letters, digits and hyphens, such as `awards-for-all-england`",
                profile.id
            ),
        );
    }
    for (key, text) in [
        ("name", &profile.name),
        ("funder", &profile.funder),
        ("summary", &profile.summary),
    ] {
        if text.trim().is_empty() {
            report(
                &[Key(key)],
                format!("`{key}` is empty: write it in plain words"),
            );
        }
    }
    if let Some(org_id) = &profile.org_id
        && !valid_org_id(org_id)
    {
        report(
            &[Key("org_id")],
            format!(
                "`{org_id}` is not an org-id such as GB-CHC-327114 (country, register, number)"
            ),
        );
    }
    if profile.sources.is_empty() && profile.added_from_form.is_none() {
        report(
            &[Key("sources")],
            "give at least one source web address for the facts in this profile".into(),
        );
    }
    for (i, url) in profile.sources.iter().enumerate() {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            report(
                &[Key("sources"), Index(i)],
                format!("`{url}` is not a web address starting with https://"),
            );
        }
    }

    let web = &profile.website;
    if !(web.is_empty() || web.starts_with("https://") || web.starts_with("http://")) {
        report(
            &[Key("website")],
            format!(
                "`{}` is not a web address starting with https://",
                profile.website
            ),
        );
    }

    match profile.status.state {
        State::Opens if profile.status.opens.is_none() => report(
            &[Key("status"), Key("state")],
            "status \"opens\" needs an `opens` date, such as opens = 2027-06-01".into(),
        ),
        State::Deadlines if profile.status.deadlines.is_empty() => report(
            &[Key("status"), Key("state")],
            "status \"deadlines\" needs a list of `deadlines`, such as deadlines = [2027-07-04]"
                .into(),
        ),
        _ => {}
    }

    let g = &profile.grant;
    if let (Some(min), Some(max)) = (g.min_pounds, g.max_pounds)
        && min > max
    {
        report(
            &[Key("grant"), Key("min_pounds")],
            format!("the minimum grant (£{min}) is above the maximum (£{max})"),
        );
    }
    if g.currency != "GBP" {
        report(
            &[Key("grant"), Key("currency")],
            format!("`{}` is not supported; only GBP for now", g.currency),
        );
    }
    let e = &profile.eligibility;
    if let (Some(min), Some(max)) = (e.min_income_pounds, e.max_income_pounds)
        && min > max
    {
        report(
            &[Key("eligibility"), Key("min_income_pounds")],
            format!("the minimum income (£{min}) is above the maximum (£{max})"),
        );
    }
    if let (Some(all), Some(unrelated)) = (e.min_committee, e.min_unrelated_committee)
        && unrelated > all
    {
        report(
            &[Key("eligibility"), Key("min_unrelated_committee")],
            format!("{unrelated} unrelated members cannot be more than the committee size {all}"),
        );
    }
    if let Some(share) = &e.max_ask_share_of_income
        && parse_share(share).is_none()
    {
        report(
            &[Key("eligibility"), Key("max_ask_share_of_income")],
            format!(
                "`{share}` is not a share: write a fraction such as \"1/3\" or a percentage such as \"50%\""
            ),
        );
    }

    let mut vocab_list = |path: &[PathPart<'_>], list: &str, ids: &[String]| {
        for (i, id) in ids.iter().enumerate() {
            if !vocab.contains(list, id) {
                let known: Vec<&str> = vocab.list(list).iter().map(|e| e.id.as_str()).collect();
                let mut full = path.to_vec();
                full.push(Index(i));
                problems.push(at_path(file, source, &full, unknown_id(id, list, &known)));
            }
        }
    };
    vocab_list(
        &[Key("area"), Key("countries")],
        names::COUNTRY,
        &profile.area.countries,
    );
    vocab_list(
        &[Key("area"), Key("regions")],
        names::REGION,
        &profile.area.regions,
    );
    vocab_list(
        &[Key("eligibility"), Key("organisation_types")],
        names::ORGANISATION_TYPE,
        &e.organisation_types,
    );
    vocab_list(
        &[Key("eligibility"), Key("policies")],
        names::POLICY,
        &e.policies,
    );
    vocab_list(
        &[Key("eligibility"), Key("beneficiaries")],
        names::BENEFICIARY_GROUP,
        &e.beneficiaries,
    );
    vocab_list(
        &[Key("costs"), Key("funds")],
        names::COST_CATEGORY,
        &profile.costs.funds,
    );
    vocab_list(
        &[Key("costs"), Key("does_not_fund")],
        names::COST_CATEGORY,
        &profile.costs.does_not_fund,
    );
    vocab_list(
        &[Key("priorities"), Key("themes")],
        names::THEME,
        &profile.priorities.themes,
    );
    vocab_list(
        &[Key("priorities"), Key("prefers_communities")],
        names::BENEFICIARY_GROUP,
        &profile.priorities.prefers_communities,
    );
    vocab_list(
        &[Key("application"), Key("documents")],
        names::DOCUMENT,
        &profile.application.documents,
    );
    if let Some(accounts) = &e.accounts {
        vocab_list(
            &[Key("eligibility"), Key("accounts")],
            names::ACCOUNTS,
            std::slice::from_ref(accounts),
        );
    }
    for both in profile
        .costs
        .funds
        .iter()
        .filter(|c| profile.costs.does_not_fund.contains(c))
    {
        problems.push(at_path(
            file,
            source,
            &[Key("costs"), Key("does_not_fund")],
            format!("`{both}` is listed both as funded and as not funded"),
        ));
    }

    let bank = Bank::builtin().ok();
    let mut seen = std::collections::HashSet::new();
    for (i, q) in profile.questions.iter().enumerate() {
        let at = |key: &'static str| [Key("question"), Index(i), Key(key)];
        if !seen.insert(q.id.as_str()) {
            problems.push(at_path(
                file,
                source,
                &at("id"),
                format!("question id `{}` is used twice in this profile", q.id),
            ));
        }
        if let (Some(min), Some(max)) = (q.min_words, q.max_words)
            && min > max
        {
            problems.push(at_path(
                file,
                source,
                &at("min_words"),
                format!("the minimum ({min} words) is above the maximum ({max} words)"),
            ));
        }
        if q.max_chars == Some(0) || q.max_words == Some(0) {
            problems.push(at_path(
                file,
                source,
                &at("id"),
                "a limit of 0 leaves no room for an answer".to_string(),
            ));
        }
        if let Some(bank) = bank {
            for (j, id) in q.draws_on.iter().enumerate() {
                if bank.question(id).is_none() {
                    let known: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
                    problems.push(at_path(
                        file,
                        source,
                        &[Key("question"), Index(i), Key("draws_on"), Index(j)],
                        unknown_id(id, "question bank", &known),
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

fn unknown_id(id: &str, list: &str, known: &[&str]) -> String {
    let mut msg = format!("`{id}` is not in the {list} list.");
    if let Some(best) = closest(id, known.iter().copied()).first() {
        msg.push_str(&format!(" Did you mean `{best}`?"));
    }
    msg.push_str(&format!(" Known ids: {}", known.join(", ")));
    msg
}

/// An org-id such as GB-CHC-327114: a country code, a register, an id.
fn valid_org_id(id: &str) -> bool {
    let mut parts = id.splitn(3, '-');
    let (Some(country), Some(register), Some(number)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && !register.is_empty()
        && register.bytes().all(|b| b.is_ascii_uppercase())
        && !number.is_empty()
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Reads a share of income written as "1/3" or "50%" as a fraction
/// (numerator, denominator), kept exact so no rounding moves a limit.
pub fn parse_share(text: &str) -> Option<(u64, u64)> {
    let text = text.trim();
    if let Some(percent) = text.strip_suffix('%') {
        let n: u64 = percent.trim().parse().ok()?;
        return (n > 0 && n <= 100).then_some((n, 100));
    }
    let (n, d) = text.split_once('/')?;
    let (n, d): (u64, u64) = (n.trim().parse().ok()?, d.trim().parse().ok()?);
    (n > 0 && d > 0 && n <= d).then_some((n, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "test-fund"
name = "Test Fund"
funder = "Test Trust"
org_id = "GB-CHC-1234567"
kind = "trust"
website = "https://example.org"
sources = ["https://example.org/grants"]
checked = 2026-11-01
summary = "Small grants for groups."

[status]
state = "rolling"

[grant]
min_pounds = 300
max_pounds = 5000

[eligibility]
organisation_types = ["constituted_group"]
max_ask_share_of_income = "1/3"

[[question]]
id = "what"
prompt = "What will you do?"
max_words = 300
draws_on = ["project_what"]
"#;

    fn problems(source: &str) -> Vec<String> {
        check_source("test.toml", source)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn a_good_profile_passes() {
        let p = check_source("test.toml", GOOD).expect("valid");
        assert_eq!(p.grant.max_pounds, Some(5000));
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let got = problems(&GOOD.replace("max_pounds = 5000", "max_pound = 5000"));
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("test.toml:17:1: field `grant.max_pound`: unknown key `max_pound`. Did you mean `max_pounds`?"), "{}", got[0]);
    }

    #[test]
    fn wrong_type_names_line_and_field() {
        let got = problems(&GOOD.replace("max_pounds = 5000", "max_pounds = \"lots\""));
        assert!(got[0].starts_with("test.toml:17:14: field `grant.max_pounds`: found string \"lots\", but expected a whole number"), "{}", got[0]);
    }

    #[test]
    fn minimum_above_maximum() {
        let got = problems(&GOOD.replace("min_pounds = 300", "min_pounds = 9000"));
        assert!(got[0].starts_with("test.toml:16:1: field `grant.min_pounds`: the minimum grant (£9000) is above the maximum (£5000)"), "{}", got[0]);
    }

    #[test]
    fn bad_date() {
        let got = problems(&GOOD.replace("checked = 2026-11-01", "checked = \"2026-13-01\""));
        assert!(
            got[0].contains(":9:")
                && got[0].contains("field `checked`")
                && got[0].contains("2026-03-01"),
            "{}",
            got[0]
        );
        let got = problems(&GOOD.replace("checked = 2026-11-01", "checked = 2026-02-30"));
        assert!(got[0].contains(":9:"), "{}", got[0]);
    }

    #[test]
    fn missing_required_field() {
        let got = problems(&GOOD.replace("funder = \"Test Trust\"\n", ""));
        assert!(
            got[0].contains("the required key `funder` is missing"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn unknown_vocabulary_and_bank_ids() {
        let got = problems(
            &GOOD
                .replace("[\"constituted_group\"]", "[\"constituted_grup\"]")
                .replace("[\"project_what\"]", "[\"project_wat\"]"),
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("field `eligibility.organisation_types[1]`")
                && got[0].contains("Did you mean `constituted_group`?"),
            "{}",
            got[0]
        );
        assert!(
            got[1].contains("field `question[1].draws_on[1]`")
                && got[1].contains("Did you mean `project_what`?"),
            "{}",
            got[1]
        );
    }

    #[test]
    fn unknown_enum_value() {
        let got = problems(&GOOD.replace("state = \"rolling\"", "state = \"rollin\""));
        assert!(
            got[0].contains("field `status.state`") && got[0].contains("Did you mean `rolling`?"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn status_needs_its_dates() {
        let got = problems(&GOOD.replace("state = \"rolling\"", "state = \"opens\""));
        assert!(got[0].contains("needs an `opens` date"), "{}", got[0]);
    }

    #[test]
    fn shares() {
        assert_eq!(parse_share("1/3"), Some((1, 3)));
        assert_eq!(parse_share("50%"), Some((50, 100)));
        assert_eq!(parse_share("4/3"), None);
        assert_eq!(parse_share("a third"), None);
        assert!(valid_org_id("GB-CHC-327114"));
        assert!(valid_org_id("GB-GOR-PB188"));
        assert!(!valid_org_id("327114"));
    }
}
