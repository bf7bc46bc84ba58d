//! Eligibility, criterion by criterion. Each rule a funder profile can state
//! becomes one `Criterion` with a plain sentence naming both the group's
//! answer and the funder's rule, what would change a "no", and which
//! question to answer for an "unknown".

use crate::bank::AnswerValue;
use crate::dates::Day;
use crate::funders::profile::{Profile, State};
use crate::group::Group;
use crate::text::format_pence;
use crate::vocab::{Vocabularies, names};

use super::{Criterion, Outcome};

/// What the checks need from the group, read once.
pub struct Facts<'a> {
    pub group: &'a Group,
    pub vocab: &'a Vocabularies,
    pub today: Day,
    /// The amount the group would ask for, in pence (`project_total`).
    pub ask: Option<i64>,
}

impl Facts<'_> {
    fn value(&self, id: &str) -> Option<&AnswerValue> {
        self.group.value(id)
    }

    fn choice(&self, id: &str) -> Option<&str> {
        match self.value(id) {
            Some(AnswerValue::Choice(c)) => Some(c),
            _ => None,
        }
    }

    fn choices(&self, id: &str) -> Option<&[String]> {
        match self.value(id) {
            Some(AnswerValue::Choices(c)) => Some(c),
            _ => None,
        }
    }

    fn yes(&self, id: &str) -> Option<bool> {
        match self.value(id) {
            Some(AnswerValue::YesNo(b)) => Some(*b),
            _ => None,
        }
    }

    fn number(&self, id: &str) -> Option<i64> {
        match self.value(id) {
            Some(AnswerValue::Number(n)) | Some(AnswerValue::Money(n)) => Some(*n),
            _ => None,
        }
    }

    fn text(&self, id: &str) -> Option<&str> {
        match self.value(id) {
            Some(AnswerValue::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn label(&self, list: &str, id: &str) -> String {
        self.vocab.label(list, id).to_string()
    }

    fn labels(&self, list: &str, ids: &[String]) -> String {
        join_words(
            &ids.iter()
                .map(|id| self.label(list, id))
                .collect::<Vec<_>>(),
        )
    }
}

/// "a, b and c"
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn pounds(p: u64) -> String {
    format_pence(crate::text::pounds_to_pence(p))
}

fn pass(key: &'static str, sentence: String) -> Criterion {
    Criterion {
        key,
        outcome: Outcome::Pass,
        sentence,
        fix: None,
        question: None,
    }
}

fn fail(key: &'static str, sentence: String, fix: impl Into<Option<String>>) -> Criterion {
    Criterion {
        key,
        outcome: Outcome::Fail,
        sentence,
        fix: fix.into(),
        question: None,
    }
}

fn unknown(key: &'static str, sentence: String, question: &str) -> Criterion {
    Criterion {
        key,
        outcome: Outcome::Unknown,
        sentence,
        fix: None,
        question: Some(question.to_string()),
    }
}

/// Every criterion the profile states, in the order a person would check them.
pub fn check_all(profile: &Profile, f: &Facts<'_>) -> Vec<Criterion> {
    let mut out = Vec::new();
    status(profile, f, &mut out);
    start_date(profile, f, &mut out);
    area(profile, f, &mut out);
    organisation(profile, f, &mut out);
    structure(profile, f, &mut out);
    history_and_money(profile, f, &mut out);
    ask(profile, f, &mut out);
    beneficiaries(profile, f, &mut out);
    priorities(profile, f, &mut out);
    budget(profile, f, &mut out);
    out
}

fn status(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let s = &p.status;
    let c = match s.state {
        State::Open => pass("status", format!("{} is taking applications.", p.name)),
        State::Rolling => pass(
            "status",
            format!("{} takes applications all year round.", p.name),
        ),
        State::Closed => fail(
            "status",
            format!("{} is closed to new applications.", p.name),
            "Look for another funder, or watch their website in case it opens again.".to_string(),
        ),
        // Nobody has checked: a question for the person, not a bank
        // question the group could answer.
        State::Unknown => Criterion {
            key: "status",
            outcome: Outcome::Unknown,
            sentence: format!(
                "Nobody has recorded whether {} is taking applications now.",
                p.name
            ),
            fix: Some(
                "Check on the funder's website or form, or ask the funder, before you spend time on a bid."
                    .to_string(),
            ),
            question: None,
        },
        State::Opens => match s.opens {
            Some(opens) if opens > f.today => fail(
                "status",
                format!(
                    "{} is closed now and opens on {}.",
                    p.name,
                    opens.for_people()
                ),
                format!(
                    "Get your answers ready and apply from {}.",
                    opens.for_people()
                ),
            ),
            Some(opens) => pass(
                "status",
                format!("{} opened on {}.", p.name, opens.for_people()),
            ),
            None => pass("status", format!("{} says it will open again.", p.name)),
        },
        State::Deadlines => match s.deadlines.iter().filter(|d| **d >= f.today).min() {
            Some(next) => {
                let days = (next.0 - f.today.0).get_days();
                pass(
                    "status",
                    format!(
                        "The next closing date is {} ({} days from today).",
                        next.for_people(),
                        days
                    ),
                )
            }
            None => fail(
                "status",
                format!(
                    "Every closing date in this profile has passed (the last was {}).",
                    s.deadlines
                        .iter()
                        .max()
                        .map_or("not given".to_string(), |d| d.for_people())
                ),
                "Check the funder's website for the next round.".to_string(),
            ),
        },
    };
    out.push(c);
}

/// Whether the project starts late enough: after the funder's "apply N
/// weeks before" rule and after the longest it says it takes to decide.
fn start_date(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let s = &p.status;
    let ahead = |a: u32| {
        let rule = format!("this funder asks you to apply at least {a} weeks before it starts");
        (a, rule)
    };
    let decide = |d: u32| {
        (
            d,
            format!("this funder takes up to about {d} weeks to decide"),
        )
    };
    // The stricter of the two decides the earliest start.
    let (weeks, rule) = match (s.apply_weeks_before_start, s.decides_within_weeks) {
        (Some(a), Some(d)) if d > a => decide(d),
        (Some(a), _) => ahead(a),
        (None, Some(d)) => decide(d),
        (None, None) => return,
    };
    let Ok(earliest) = f
        .today
        .0
        .checked_add(jiff::Span::new().weeks(i64::from(weeks)))
    else {
        return;
    };
    let earliest = Day(earliest);
    out.push(match f.group.value("project_start") {
        Some(AnswerValue::Date(start)) => {
            let sentence = format!(
                "The project would start on {}; {rule}, so the earliest start is {}.",
                start.for_people(),
                earliest.for_people()
            );
            if *start >= earliest {
                pass("timing.start", sentence)
            } else {
                fail(
                    "timing.start",
                    sentence,
                    format!(
                        "Move the start date to {} or later (answer `project_start` again).",
                        earliest.for_people()
                    ),
                )
            }
        }
        _ => unknown(
            "timing.start",
            format!("The group has not said when the project would start; {rule}."),
            "project_start",
        ),
    });
}

/// Council names are written many ways ("Southampton", "Southampton City
/// Council"); compare the part that matters.
fn place_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut key = lower.replace('&', "and");
    for noise in [
        "city of",
        "royal borough of",
        "london borough of",
        "borough of",
        "county of",
        "metropolitan borough council",
        "city council",
        "county council",
        "borough council",
        "district council",
        "council",
    ] {
        key = key.replace(noise, " ");
    }
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn area(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let a = &p.area;
    if !a.countries.is_empty() {
        let rule = f.labels(names::COUNTRY, &a.countries);
        out.push(match f.choice("country") {
            None => unknown("area.country", format!("This funder only gives in {rule}; the group has not said which country it meets in."), "country"),
            Some(c) if a.countries.iter().any(|x| x == c) => pass("area.country", format!("The group meets in {}; this funder gives in {rule}.", f.label(names::COUNTRY, c))),
            Some(c) => fail(
                "area.country",
                format!("The group meets in {}; this funder only gives in {rule}.", f.label(names::COUNTRY, c)),
                "This funder does not cover your area; look for one that does.".to_string(),
            ),
        });
    }
    if !a.regions.is_empty() {
        let rule = f.labels(names::REGION, &a.regions);
        out.push(match f.choice("region") {
            None => unknown("area.region", format!("This funder only gives in {rule}; the group has not said which part of the UK it is in."), "region"),
            Some(r) if a.regions.iter().any(|x| x == r) => pass("area.region", format!("The group is in {}; this funder gives in {rule}.", f.label(names::REGION, r))),
            Some(r) => fail(
                "area.region",
                format!("The group is in {}; this funder only gives in {rule}.", f.label(names::REGION, r)),
                "This funder does not cover your area; look for one that does.".to_string(),
            ),
        });
    }
    if !a.local_authorities.is_empty() {
        let rule = join_words(&a.local_authorities);
        out.push(match f.text("local_authority") {
            None => unknown("area.local_authority", format!("This funder only gives in {rule}; the group has not said which council area it meets in."), "local_authority"),
            Some(la) if a.local_authorities.iter().any(|x| place_key(x) == place_key(la)) => {
                pass("area.local_authority", format!("The group meets in {la}; this funder gives in {rule}."))
            }
            Some(la) => fail(
                "area.local_authority",
                format!("The group meets in {la}; this funder only gives in {rule}."),
                "This funder is for another area. If the group also meets there, check with the funder.".to_string(),
            ),
        });
    }
}

fn organisation(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let e = &p.eligibility;
    if e.organisation_types.is_empty() {
        return;
    }
    let accepted = f.labels(names::ORGANISATION_TYPE, &e.organisation_types);
    out.push(match f.choice("organisation_type") {
        None => unknown("organisation_type", format!("This funder accepts: {accepted}. The group has not said what kind of organisation it is."), "organisation_type"),
        Some(t) if e.organisation_types.iter().any(|x| x == t) => pass(
            "organisation_type",
            format!("The group is a {}; this funder accepts that.", f.label(names::ORGANISATION_TYPE, t).to_lowercase()),
        ),
        Some(t) => {
            let fix = if e.organisation_types.iter().any(|x| x == "constituted_group") {
                "Adopt a simple written constitution to become a constituted group (your support worker or local council for voluntary service can share a model one).".to_string()
            } else {
                format!("This funder only accepts: {accepted}. Becoming one is a big step; talk it through with your support worker before changing how the group is set up.")
            };
            fail(
                "organisation_type",
                format!("The group is a {}; this funder only accepts: {accepted}.", f.label(names::ORGANISATION_TYPE, t).to_lowercase()),
                fix,
            )
        }
    });
}

fn structure(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let e = &p.eligibility;
    if e.governing_document {
        out.push(match f.yes("has_governing_document") {
            None => unknown("governing_document", "This funder needs a governing document (a constitution or set of rules); the group has not said if it has one.".into(), "has_governing_document"),
            Some(true) => pass("governing_document", "The group has a governing document, which this funder needs.".into()),
            Some(false) => fail(
                "governing_document",
                "The group said it has no governing document; this funder needs one.".into(),
                "Adopt a simple constitution: one page agreed at a members' meeting can be enough.".to_string(),
            ),
        });
    }
    let has_account = f.yes("has_bank_account");
    if e.bank_account {
        out.push(match has_account {
            None => unknown("bank_account", "This funder needs a bank account in the group's own name; the group has not said if it has one.".into(), "has_bank_account"),
            Some(true) => pass("bank_account", "The group has a bank account in its own name, which this funder needs.".into()),
            Some(false) => fail(
                "bank_account",
                "The group said it has no bank account in its own name; this funder needs one.".into(),
                "Open a bank account in the group's name (community accounts are often free).".to_string(),
            ),
        });
    }
    if let Some(need) = e.min_unrelated_signatories {
        let rule = format!(
            "this funder needs {need} people who are not related to each other to be able to sign or approve payments"
        );
        out.push(match (has_account, f.number("unrelated_signatories")) {
            (Some(false), _) => fail("signatories", format!("The group has no bank account yet, so no signatories; {rule}."), format!("When you open the account, name {need} signatories who are not related to each other.")),
            (_, None) => unknown("signatories", format!("The group has not said how many unrelated people can sign for its account; {rule}."), if has_account.is_none() { "has_bank_account" } else { "unrelated_signatories" }),
            (_, Some(n)) if n >= need as i64 => pass("signatories", format!("The group said {n} unrelated people can sign for its account; {rule}.")),
            (_, Some(n)) => fail(
                "signatories",
                format!("The group said {n} unrelated {} can sign for its account; {rule}.", if n == 1 { "person" } else { "people" }),
                format!("Add signatories to the account until {need} people who are not related can sign."),
            ),
        });
    }
    if let Some(need) = e.min_committee {
        out.push(match f.number("committee_size") {
            None => unknown("committee", format!("This funder needs a committee of at least {need}; the group has not said how big its committee is."), "committee_size"),
            Some(n) if n >= need as i64 => pass("committee", format!("The group has a committee of {n}; this funder needs at least {need}.")),
            Some(n) => fail("committee", format!("The group has a committee of {n}; this funder needs at least {need}."), format!("Ask members to join the committee until it has {need} people.")),
        });
    }
    if let Some(need) = e.min_unrelated_committee {
        out.push(match f.number("committee_unrelated") {
            None => unknown("committee_unrelated", format!("This funder needs at least {need} committee members who are not related to each other; the group has not said how many it has."), "committee_unrelated"),
            Some(n) if n >= need as i64 => pass("committee_unrelated", format!("The group has {n} unrelated committee members; this funder needs at least {need}.")),
            Some(n) => fail(
                "committee_unrelated",
                format!("The group has {n} unrelated committee members; this funder needs at least {need}."),
                format!("Ask members who are not related (not family, partners or living together) to join the committee until there are {need}."),
            ),
        });
    }
    if let Some(threshold) = e.charity_registration_above_pounds {
        let registered = matches!(
            f.choice("organisation_type"),
            Some("registered_charity" | "cio")
        );
        out.push(match (f.ask, f.choice("organisation_type")) {
            (_, Some(_)) if registered => pass("charity_registration", format!("The group is a registered charity; this funder needs one for grants over {}.", pounds(threshold))),
            (None, _) => unknown("charity_registration", format!("This funder needs a charity number for grants over {}; the group has not said how much it will ask for.", pounds(threshold)), "project_total"),
            (Some(ask), _) if ask <= crate::text::pounds_to_pence(threshold) => pass(
                "charity_registration",
                format!("The group asks for {}; a charity number is only needed above {}.", format_pence(ask), pounds(threshold)),
            ),
            (Some(ask), None) => unknown(
                "charity_registration",
                format!("The group asks for {}; this funder needs a charity number above {}, and the group has not said what kind of organisation it is.", format_pence(ask), pounds(threshold)),
                "organisation_type",
            ),
            (Some(ask), Some(_)) => fail(
                "charity_registration",
                format!("The group asks for {} and is not a registered charity; this funder needs a charity number for grants over {}.", format_pence(ask), pounds(threshold)),
                format!("Ask for {} or less.", pounds(threshold)),
            ),
        });
    }
}

const ACCOUNT_LEVELS: [&str; 4] = [
    "none_yet",
    "signed_by_committee",
    "independently_examined",
    "audited",
];

fn history_and_money(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let e = &p.eligibility;
    if let Some(years) = e.min_years_operating {
        out.push(match f.number("year_started") {
            None => unknown("years_operating", format!("This funder needs groups that have run for at least {years} year(s); the group has not said when it started."), "year_started"),
            Some(start) => {
                let running = f.today.year() as i64 - start;
                if running >= years as i64 {
                    pass("years_operating", format!("The group started in {start}; this funder needs at least {years} year(s) of running."))
                } else {
                    fail(
                        "years_operating",
                        format!("The group started in {start}; this funder needs at least {years} year(s) of running."),
                        format!("Apply from {} onwards.", start + years as i64),
                    )
                }
            }
        });
    }
    if let Some(need) = &e.accounts {
        let rank = |id: &str| ACCOUNT_LEVELS.iter().position(|l| *l == id);
        let rule = f.label(names::ACCOUNTS, need).to_lowercase();
        out.push(match f.choice("accounts") {
            None => unknown("accounts", format!("This funder needs accounts ({rule}); the group has not said what accounts it has."), "accounts"),
            Some(have) if rank(have) >= rank(need) => pass("accounts", format!("The group's accounts are {}; this funder needs: {rule}.", f.label(names::ACCOUNTS, have).to_lowercase())),
            Some(have) => fail(
                "accounts",
                format!("The group's accounts are {}; this funder needs: {rule}.", f.label(names::ACCOUNTS, have).to_lowercase()),
                "Write up a simple year's accounts (money in, money out, what is left) and have the committee sign them.".to_string(),
            ),
        });
    }
    if !e.policies.is_empty() {
        let rule = f.labels(names::POLICY, &e.policies).to_lowercase();
        out.push(match f.choices("policies") {
            None => unknown(
                "policies",
                format!("This funder needs: {rule}; the group has not said which policies it has."),
                "policies",
            ),
            Some(have) => {
                let missing: Vec<String> = e
                    .policies
                    .iter()
                    .filter(|p| !have.contains(p))
                    .cloned()
                    .collect();
                if missing.is_empty() {
                    pass(
                        "policies",
                        format!("The group has the policies this funder needs: {rule}."),
                    )
                } else {
                    let missing_words = f.labels(names::POLICY, &missing).to_lowercase();
                    fail(
                        "policies",
                        format!(
                            "The group does not have a {missing_words}; this funder needs: {rule}."
                        ),
                        format!("Write a short {missing_words} and have the committee agree it."),
                    )
                }
            }
        });
    }
    if e.min_income_pounds.is_some() || e.max_income_pounds.is_some() {
        let rule = match (e.min_income_pounds, e.max_income_pounds) {
            (Some(min), Some(max)) => format!(
                "this funder is for groups with a yearly income from {} to {}",
                pounds(min),
                pounds(max)
            ),
            (Some(min), None) => format!(
                "this funder is for groups with a yearly income of at least {}",
                pounds(min)
            ),
            (None, Some(max)) => format!(
                "this funder is for groups with a yearly income of up to {}",
                pounds(max)
            ),
            (None, None) => String::new(),
        };
        out.push(match f.number("income_last_year") {
            None => unknown(
                "income",
                format!("The group has not said its income last year; {rule}."),
                "income_last_year",
            ),
            Some(income) => {
                let low = e
                    .min_income_pounds
                    .is_some_and(|m| income < crate::text::pounds_to_pence(m));
                let high = e
                    .max_income_pounds
                    .is_some_and(|m| income > crate::text::pounds_to_pence(m));
                let sentence = format!(
                    "The group's income last year was {}; {rule}.",
                    format_pence(income)
                );
                if low {
                    fail(
                        "income",
                        sentence,
                        "This funder is for bigger groups; look for one for groups your size."
                            .to_string(),
                    )
                } else if high {
                    fail(
                        "income",
                        sentence,
                        "This funder is for smaller groups; look for one for groups your size."
                            .to_string(),
                    )
                } else {
                    pass("income", sentence)
                }
            }
        });
    }
}

fn ask(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let g = &p.grant;
    if g.min_pounds.is_some() || g.max_pounds.is_some() {
        let per = if g.per_year { " a year" } else { "" };
        let range = match (g.min_pounds, g.max_pounds) {
            (Some(min), Some(max)) => format!("from {} to {}{per}", pounds(min), pounds(max)),
            (Some(min), None) => format!("of at least {}{per}", pounds(min)),
            (None, Some(max)) => format!("of up to {}{per}", pounds(max)),
            (None, None) => String::new(),
        };
        out.push(match f.ask {
            None => unknown("ask.range", format!("This funder gives grants {range}; the group has not said how much it will ask for."), "project_total"),
            Some(total) => {
                // A per-year limit is compared with the ask spread over the
                // project's length (rounded up to whole years).
                let (ask, shown) = match (g.per_year, f.number("project_months")) {
                    (true, Some(months)) if months > 12 => {
                        let years = months.saturating_add(11) / 12;
                        (total / years, format!("{} over {years} years ({} a year)", format_pence(total), format_pence(total / years)))
                    }
                    _ => (total, format_pence(total)),
                };
                let sentence = format!("The group would ask for {shown}; this funder gives grants {range}.");
                if let Some(min) = g.min_pounds.filter(|m| ask < crate::text::pounds_to_pence(*m)) {
                    fail("ask.range", sentence, format!("Ask for at least {}{per}, or look for a funder of smaller grants.", pounds(min)))
                } else if let Some(max) = g.max_pounds.filter(|m| ask > crate::text::pounds_to_pence(*m)) {
                    fail("ask.range", sentence, format!("Ask for {}{per} or less, perhaps by doing part of the project, or find a second funder for the rest.", pounds(max)))
                } else {
                    pass("ask.range", sentence)
                }
            }
        });
    }
    if let Some(share) = &p.eligibility.max_ask_share_of_income
        && let Some((num, den)) = crate::funders::parse_share(share)
    {
        out.push(match (f.ask, f.number("income_last_year")) {
            (None, _) => unknown("ask.share_of_income", format!("This funder gives no more than {share} of a group's yearly income; the group has not said how much it will ask for."), "project_total"),
            (_, None) => unknown("ask.share_of_income", format!("This funder gives no more than {share} of a group's yearly income; the group has not said its income last year."), "income_last_year"),
            (Some(ask), Some(income)) => {
                let limit = (i128::from(income) * i128::from(num) / i128::from(den)) as i64;
                let sentence = format!(
                    "The group would ask for {}; its income last year was {}, and this funder gives no more than {share} of that ({}).",
                    format_pence(ask),
                    format_pence(income),
                    format_pence(limit)
                );
                if ask <= limit { pass("ask.share_of_income", sentence) } else { fail("ask.share_of_income", sentence, format!("Ask for {} or less.", format_pence(limit))) }
            }
        });
    }
    if p.grant.one_at_a_time {
        let held = f
            .group
            .grants
            .iter()
            .find(|g| g.funder == p.id && g.is_active(f.today));
        out.push(match held {
            Some(grant) => fail(
                "one_at_a_time",
                format!(
                    "The group already has a grant from {} until {}; it gives one grant at a time.",
                    p.name,
                    grant.end.for_people()
                ),
                format!("Apply again after {}.", grant.end.for_people()),
            ),
            None => pass(
                "one_at_a_time",
                format!(
                    "The group has no grant from {} running now; it gives one at a time.",
                    p.name
                ),
            ),
        });
    }
}

fn beneficiaries(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let e = &p.eligibility;
    if e.beneficiaries.is_empty() {
        return;
    }
    let mut rule = f
        .labels(names::BENEFICIARY_GROUP, &e.beneficiaries)
        .to_lowercase();
    if let Some(age) = e.max_beneficiary_age {
        // The profile's own age limit replaces any age in the labels.
        rule = rule.replace(" (18 or under)", "");
        rule.push_str(&format!(" aged {age} or under"));
    }
    out.push(match f.choices("beneficiary_groups") {
        None => unknown(
            "beneficiaries",
            format!(
                "This funder only funds work with {rule}; the group has not said who it is for."
            ),
            "beneficiary_groups",
        ),
        Some(have) if have.iter().any(|b| e.beneficiaries.contains(b)) => pass(
            "beneficiaries",
            format!(
                "The group works with {}; this funder funds work with {rule}.",
                f.labels(names::BENEFICIARY_GROUP, have).to_lowercase()
            ),
        ),
        Some(have) => fail(
            "beneficiaries",
            format!(
                "The group works with {}; this funder only funds work with {rule}.",
                if have.is_empty() {
                    "people it has not described".to_string()
                } else {
                    f.labels(names::BENEFICIARY_GROUP, have).to_lowercase()
                }
            ),
            "This funder is for other people; look for one that funds work like yours.".to_string(),
        ),
    });
}

fn priorities(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let pr = &p.priorities;
    if !pr.must_meet_one || pr.themes.is_empty() {
        return;
    }
    let rule = f.labels(names::THEME, &pr.themes).to_lowercase();
    out.push(match f.choices("themes") {
        None => unknown("priorities", format!("The project must meet at least one of this funder's aims ({rule}); the group has not said what its work touches on."), "themes"),
        Some(have) => {
            let shared: Vec<String> = have.iter().filter(|t| pr.themes.contains(t)).cloned().collect();
            if shared.is_empty() {
                fail(
                    "priorities",
                    format!("The group's work touches on {}; the project must meet at least one of this funder's aims: {rule}.", f.labels(names::THEME, have).to_lowercase()),
                    "If the project does meet one of these aims, say so in your themes; if not, this funder is not the right one.".to_string(),
                )
            } else {
                pass("priorities", format!("The project meets this funder's aim of {}.", f.labels(names::THEME, &shared).to_lowercase()))
            }
        }
    });
}

fn budget(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let c = &p.costs;
    if c.does_not_fund.is_empty() && c.funds.is_empty() {
        return;
    }
    let Some(AnswerValue::Budget(lines)) = f.value("project_budget") else {
        out.push(unknown("budget", "The group has not written its budget yet, so its costs cannot be checked against what this funder pays for.".into(), "project_budget"));
        return;
    };
    let refused: Vec<String> = lines
        .iter()
        .filter(|l| c.does_not_fund.contains(&l.category))
        .map(|l| {
            format!(
                "{} ({})",
                l.item,
                f.label(names::COST_CATEGORY, &l.category).to_lowercase()
            )
        })
        .collect();
    if !refused.is_empty() {
        out.push(fail(
            "budget.not_funded",
            format!(
                "The budget has {} that this funder does not pay for: {}.",
                if refused.len() == 1 {
                    "a line"
                } else {
                    "lines"
                },
                join_words(&refused)
            ),
            "Take those lines out of this bid and pay for them another way.".to_string(),
        ));
    } else if !c.does_not_fund.is_empty() {
        out.push(pass(
            "budget.not_funded",
            "No budget line is in a kind of cost this funder refuses.".into(),
        ));
    }
    if !c.funds.is_empty() {
        // Name kinds of cost, not every line: a long budget would otherwise
        // make an unreadable sentence.
        let mut kinds: Vec<String> = Vec::new();
        let mut count = 0;
        for l in lines
            .iter()
            .filter(|l| !c.funds.contains(&l.category) && !c.does_not_fund.contains(&l.category))
        {
            count += 1;
            let kind = f.label(names::COST_CATEGORY, &l.category).to_lowercase();
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            out.push(pass(
                "budget.funded",
                "Every budget line is a kind of cost this funder says it pays for.".into(),
            ));
        } else {
            out.push(unknown(
                "budget.funded",
                format!(
                    "This funder does not list {} among the costs it pays for ({count} of your {} budget lines); check with them before you apply.",
                    join_words(&kinds),
                    lines.len()
                ),
                "project_budget",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn council_names_compare_loosely() {
        assert_eq!(
            place_key("Southampton City Council"),
            place_key("southampton")
        );
        assert_eq!(
            place_key("Royal Borough of Kingston upon Thames"),
            place_key("Kingston upon Thames")
        );
        assert_ne!(place_key("Leeds"), place_key("Bradford"));
    }

    #[test]
    fn words_join_naturally() {
        assert_eq!(join_words(&["a".into()]), "a");
        assert_eq!(
            join_words(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
