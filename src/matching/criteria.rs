//! Eligibility, criterion by criterion. Each rule a funder profile can state
//! becomes one `Criterion` with a plain sentence naming both the group's
//! answer and the funder's rule, what would change a "no", and which
//! question to answer for an "unknown".

use crate::bank::AnswerValue;
use crate::dates::Day;
use crate::funders::profile::{Ask, Profile, Rule, RuleKeys, State, When};
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

    /// Labels to go inside a sentence, joined: "carers and older people".
    fn labels(&self, list: &str, ids: &[String]) -> String {
        join_words(
            &ids.iter()
                .map(|id| {
                    let label = self.label(list, id);
                    // Places are names: "Wales", "South East England".
                    if list == names::COUNTRY || list == names::REGION {
                        label
                    } else {
                        lower_first(&label)
                    }
                })
                .collect::<Vec<_>>(),
        )
    }

    /// Whether the group has said anything about its past grants: it has
    /// recorded one, or answered whether it has had any.
    fn grants_said(&self) -> bool {
        !self.group.grants.is_empty() || self.yes("had_grants_before").is_some()
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

/// A label inside a sentence: the first letter in lower case, unless the
/// word is an abbreviation ("CIC"); the rest as written, so "(CIO)" stays.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            // The rest copied whole, not a character at a time (this ran
            // for every label of every funder matched).
            let mut out = String::with_capacity(label.len() + 1);
            out.extend(first.to_lowercase());
            out.push_str(&label[first.len_utf8()..]);
            out
        }
        _ => label.to_string(),
    }
}

/// How a status reads after "is": "taking applications", "closed".
fn state_phrase(state: State) -> &'static str {
    match state {
        State::Unknown => "of unknown status",
        State::Open => "taking applications",
        State::Rolling => "open all year",
        State::Closed => "closed",
        State::Opens => "opening again later",
        State::Deadlines => "taking applications up to its closing dates",
        State::Yearly => "open for a few weeks each year",
    }
}

/// "a, b or c"
fn or_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn pounds(p: u64) -> String {
    crate::text::format_pounds(p)
}

fn pence(p: u64) -> i64 {
    crate::text::pounds_to_pence(p)
}

fn pass(key: impl Into<String>, sentence: String) -> Criterion {
    Criterion {
        key: key.into(),
        outcome: Outcome::Pass,
        sentence,
        fix: None,
        question: None,
    }
}

fn fail(key: impl Into<String>, sentence: String, fix: impl Into<Option<String>>) -> Criterion {
    Criterion {
        key: key.into(),
        outcome: Outcome::Fail,
        sentence,
        fix: fix.into(),
        question: None,
    }
}

/// Not known until the group answers `question` (a question-bank id, or
/// `ask.<id>` for one of the funder's asks).
fn unknown(key: impl Into<String>, sentence: String, question: &str) -> Criterion {
    Criterion {
        key: key.into(),
        outcome: Outcome::Unknown,
        sentence,
        fix: None,
        question: Some(question.to_string()),
    }
}

/// Not known, and no answer of the group's would settle it: the sentence
/// says to check with the funder.
fn check_with_funder(key: impl Into<String>, sentence: String) -> Criterion {
    Criterion {
        key: key.into(),
        outcome: Outcome::Unknown,
        sentence,
        fix: None,
        question: None,
    }
}

/// Every criterion the profile states, in the order a person would check them.
pub fn check_all(profile: &Profile, f: &Facts<'_>) -> Vec<Criterion> {
    let mut out = Vec::new();
    status(profile, f, &mut out);
    facts_age_rule(profile, f, &mut out);
    start_date(profile, f, &mut out);
    area(profile, f, &mut out);
    let e = &profile.eligibility;
    rule_keys(&e.keys(), profile, f, &mut out);
    conditional_rules(profile, f, &mut out);
    either_or(profile, f, &mut out);
    asks(profile, f, &mut out);
    ask(profile, f, &mut out);
    priorities(profile, f, &mut out);
    budget(profile, f, &mut out);
    one_fix_per_step(&mut out);
    out
}

/// The same step is not given twice: when a group must become a
/// constituted group, adopting a constitution is that step, so the missing
/// governing document does not repeat it.
fn one_fix_per_step(out: &mut [Criterion]) {
    let constitution_fix = out.iter().any(|c| {
        c.key == "organisation_type"
            && c.outcome == Outcome::Fail
            && c.fix.as_deref().is_some_and(|f| f.contains("constitution"))
    });
    if constitution_fix {
        for c in out
            .iter_mut()
            .filter(|c| c.key == "governing_document" && c.outcome == Outcome::Fail)
        {
            c.fix = None;
        }
    }
    // "This funder is not for you; look for another" is one step, however
    // many rules say so (who the work is for, and their ages).
    let mut told = false;
    for c in out.iter_mut().filter(|c| c.outcome == Outcome::Fail) {
        if c.fix.as_deref().is_some_and(|f| f.contains("look for one")) {
            if told {
                c.fix = None;
            }
            told = true;
        }
    }
}

/// Every rule key, wherever it is written.
fn rule_keys(k: &RuleKeys, p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    organisation(k, f, out);
    structure(k, f, out);
    history_and_money(k, f, out);
    share_of_income(k, f, out);
    beneficiaries(k, f, out);
    ages(k, f, out);
    first_grant(k, p, f, out);
}

/// Whether a rule with `when` applies to the group: `Some(true)` or
/// `Some(false)`, or `None` while the group has not said its type.
fn applies(when: Option<&When>, f: &Facts<'_>) -> Option<bool> {
    match when {
        None => Some(true),
        Some(w) => f.choice("organisation_type").map(|t| w.applies_to(t)),
    }
}

/// One "not known" for all the rules that wait on the group's type.
fn waits_on_type(out: &mut Vec<Criterion>) {
    if out.iter().any(|c| c.key == "when.organisation_type") {
        return;
    }
    out.push(unknown(
        "when.organisation_type",
        "Some of this funder's rules depend on what kind of organisation the group is, and the group has not said.".into(),
        "organisation_type",
    ));
}

fn conditional_rules(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    for r in &p.eligibility.rules {
        match applies(r.when.as_ref(), f) {
            Some(true) => {
                rule_keys(&r.keys(), p, f, out);
                if let Some(id) = &r.ask
                    && let Some(a) = p.eligibility.asks.iter().find(|a| &a.id == id)
                {
                    out.push(ask_criterion(a, p, f));
                }
            }
            Some(false) => {}
            None => waits_on_type(out),
        }
    }
}

/// The criteria of one option of an either/or group.
fn option_criteria(o: &Rule, p: &Profile, f: &Facts<'_>) -> Vec<Criterion> {
    let mut out = Vec::new();
    match applies(o.when.as_ref(), f) {
        Some(false) => {
            out.push(fail(
                "option",
                "This option is for other kinds of organisation.".into(),
                None,
            ));
            return out;
        }
        None => {
            out.push(unknown(
                "option",
                "This option depends on what kind of organisation the group is.".into(),
                "organisation_type",
            ));
            return out;
        }
        Some(true) => {}
    }
    rule_keys(&o.keys(), p, f, &mut out);
    if let Some(id) = &o.ask
        && let Some(a) = p.eligibility.asks.iter().find(|a| &a.id == id)
    {
        out.push(ask_criterion(a, p, f));
    }
    out
}

/// The worst outcome of a list: a fail, else an unknown, else a pass.
fn worst(criteria: &[Criterion]) -> Outcome {
    if criteria.iter().any(|c| c.outcome == Outcome::Fail) {
        Outcome::Fail
    } else if criteria.iter().any(|c| c.outcome == Outcome::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    }
}

fn sentences(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| c.sentence.trim_end_matches('.').to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `[[eligibility.any_of]]`: met when one option is met, not met when all
/// fail, otherwise not known.
fn either_or(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    for g in &p.eligibility.any_of {
        match applies(g.when.as_ref(), f) {
            Some(false) => continue,
            None => {
                waits_on_type(out);
                continue;
            }
            Some(true) => {}
        }
        let key = format!("any_of.{}", g.id);
        let options: Vec<Vec<Criterion>> =
            g.options.iter().map(|o| option_criteria(o, p, f)).collect();
        let outcomes: Vec<Outcome> = options.iter().map(|c| worst(c)).collect();
        let intro = "This funder needs one of these, and one is enough";
        if let Some(i) = outcomes.iter().position(|o| *o == Outcome::Pass) {
            out.push(pass(key, format!("{intro}: {}.", sentences(&options[i]))));
        } else if outcomes.iter().all(|o| *o == Outcome::Fail) {
            let fixes: Vec<String> = options
                .iter()
                .filter_map(|c| c.iter().find_map(|c| c.fix.clone()))
                .collect();
            out.push(fail(
                key,
                format!(
                    "{intro}, and none is met: {}.",
                    options
                        .iter()
                        .map(|c| sentences(c))
                        .collect::<Vec<_>>()
                        .join("; or ")
                ),
                (!fixes.is_empty()).then(|| fixes.join(" Or: ")),
            ));
        } else {
            let open: Vec<&Criterion> = options
                .iter()
                .zip(&outcomes)
                .filter(|(_, o)| **o == Outcome::Unknown)
                .flat_map(|(c, _)| c.iter().filter(|c| c.outcome == Outcome::Unknown))
                .collect();
            let mut c = Criterion {
                key,
                outcome: Outcome::Unknown,
                sentence: format!(
                    "{intro}; none is met yet, and these are not known: {}.",
                    open.iter()
                        .map(|c| c.sentence.trim_end_matches('.').to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                fix: None,
                question: None,
            };
            c.question = open.iter().find_map(|c| c.question.clone());
            out.push(c);
        }
    }
}

/// The asks that stand alone (those an either/or option names are asked
/// as part of it, and those a conditional rule names with it).
fn asks(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let e = &p.eligibility;
    let named = |id: &str| {
        e.any_of
            .iter()
            .flat_map(|g| &g.options)
            .chain(&e.rules)
            .any(|o| o.ask.as_deref() == Some(id))
    };
    for a in e.asks.iter().filter(|a| !named(&a.id)) {
        match applies(a.when.as_ref(), f) {
            Some(true) => out.push(ask_criterion(a, p, f)),
            Some(false) => {}
            None => waits_on_type(out),
        }
    }
}

/// One ask, answered or not. An answer carried from last year and marked
/// "check this" counts as not known until someone confirms it.
fn ask_criterion(a: &Ask, p: &Profile, f: &Facts<'_>) -> Criterion {
    let key = format!("ask.{}", a.id);
    let question = a.question.trim();
    match f.group.ask_answer(&p.id, &a.id) {
        None => unknown(key.clone(), format!("Not answered yet: {question}"), &key),
        Some(answer) => {
            let said = if answer.yes { "yes" } else { "no" };
            if answer.check {
                return unknown(
                    key.clone(),
                    format!(
                        "Last year the answer to \"{question}\" was {said}; check it is still right."
                    ),
                    &key,
                );
            }
            let sentence = format!("You answered {said} to \"{question}\"");
            if answer.yes == a.passes.as_bool() {
                pass(key, format!("{sentence}, which this funder needs."))
            } else {
                fail(
                    key,
                    format!(
                        "{sentence}; this funder needs the answer {}.",
                        if a.passes.as_bool() { "yes" } else { "no" }
                    ),
                    a.fix.trim().to_string(),
                )
            }
        }
    }
}

/// Whether the status can be relied on, and what it says.
fn status(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let s = &p.status;
    let site = p.status_source_url().unwrap_or(&p.website);
    let check = |sentence: String| {
        check_with_funder(
            "status",
            if site.is_empty() {
                // A funder added by hand without its web address.
                format!(
                    "{sentence} Ask the funder, or check its form or guidance, before you apply."
                )
            } else {
                format!("{sentence} Check on the funder's website before you apply: {site}")
            },
        )
    };
    if s.state == State::Unknown {
        out.push(check(format!(
            "This profile does not say whether {} is taking applications.",
            p.name
        )));
        return;
    }
    let Some(as_of) = s.as_of.filter(|_| p.status_is_sourced()) else {
        out.push(check(format!(
            "This profile says {} is {}, but no dated source backs that.",
            p.name,
            state_phrase(s.state)
        )));
        return;
    };
    if as_of.over_a_year_before(f.today) {
        out.push(check(format!(
            "On {} {} was {}; that was more than a year ago.",
            as_of.for_people(),
            p.name,
            state_phrase(s.state)
        )));
        return;
    }
    let c = match s.state {
        State::Unknown => return,
        State::Yearly => {
            let opens = s.usually_opens.map_or(1, |m| m.number());
            let closes = s.usually_closes.map_or(opens, |m| m.number());
            let now = f.today.0.month();
            let inside = if opens <= closes {
                (opens..=closes).contains(&now)
            } else {
                now >= opens || now <= closes
            };
            let window = match (s.usually_opens, s.usually_closes) {
                (Some(o), Some(c)) if o != c => format!("from {} to {}", o.label(), c.label()),
                (Some(o), _) => format!("in {}", o.label()),
                _ => "once a year".into(),
            };
            if inside {
                check(format!(
                    "{} usually takes applications {window}, so it may be open now; the exact dates are not known.",
                    p.name
                ))
            } else {
                check(format!(
                    "{} usually opens {}; the exact dates are not known.",
                    p.name,
                    s.usually_opens
                        .map_or("once a year".to_string(), |m| format!("in {}", m.label()))
                ))
            }
        }
        State::Open => pass(
            "status",
            format!(
                "{} is taking applications (as of {}).",
                p.name,
                as_of.for_people()
            ),
        ),
        State::Rolling => pass(
            "status",
            format!(
                "{} takes applications all year round (as of {}).",
                p.name,
                as_of.for_people()
            ),
        ),
        State::Closed => fail(
            "status",
            format!(
                "{} is closed to new applications (as of {}).",
                p.name,
                as_of.for_people()
            ),
            "Look for another funder, or watch their website in case it opens again.".to_string(),
        ),
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
            None => check(format!("{} says it will open again, but not when.", p.name)),
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

/// How long ago a profile's facts were checked, for people: "facts
/// checked 14 months ago", "facts checked this month".
pub fn facts_age(checked: Day, today: Day) -> String {
    let months = checked.whole_months_until(today);
    match months {
        i64::MIN..=0 => "facts checked this month".to_string(),
        1 => "facts checked 1 month ago".to_string(),
        n => format!("facts checked {n} months ago"),
    }
}

/// Facts more than a year old are a "check", never a pass.
fn facts_age_rule(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if p.checked.over_a_year_before(f.today) {
        out.push(check_with_funder(
            "facts.age",
            format!(
                "This profile's facts were checked {} ({}), so they may have changed. Check them on the funder's website: {}",
                facts_age(p.checked, f.today).trim_start_matches("facts checked "),
                p.checked.for_people(),
                p.website
            ),
        ));
    }
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
                    format!("Move the start date to {} or later.", earliest.for_people()),
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
        out.push(local_authority(&a.local_authorities, f));
    }
}

/// The group's council area against the funder's, through the compiled-in
/// list of UK councils: "Southampton City" is Southampton, a district is
/// inside its county, and a name the list does not know is "not known"
/// with the closest real names, never a "no".
fn local_authority(areas: &[String], f: &Facts<'_>) -> Criterion {
    let key = "area.local_authority";
    let rule = or_words(areas);
    let Some(written) = f.text("local_authority").map(str::trim) else {
        return unknown(
            key,
            format!(
                "This funder only gives in {rule}; the group has not said which council area it meets in."
            ),
            "local_authority",
        );
    };
    let Some(place) = crate::places::resolve(written) else {
        if areas
            .iter()
            .any(|x| crate::places::key(x) == crate::places::key(written))
        {
            return pass(
                key,
                format!("The group meets in {written}; this funder gives in {rule}."),
            );
        }
        let near = crate::places::closest(written);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(
                " (the closest are {})",
                or_words(&near.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            )
        };
        return unknown(
            key,
            format!(
                "\"{written}\" is not a UK council area alongside knows{hint}; this funder only gives in {rule}."
            ),
            "local_authority",
        );
    };
    let shown = if crate::places::key(&place.name) == crate::places::key(written)
        && place.name.eq_ignore_ascii_case(written)
    {
        place.name.clone()
    } else {
        format!("{} (written \"{written}\")", place.name)
    };
    if areas.iter().any(|x| crate::places::covers(x, place)) {
        pass(
            key,
            format!("The group meets in {shown}; this funder gives in {rule}."),
        )
    } else {
        fail(
            key,
            format!("The group meets in {shown}; this funder only gives in {rule}."),
            "This funder is for another area. If the group also meets there, check with the funder.".to_string(),
        )
    }
}

fn organisation(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if e.organisation_types.is_empty() {
        return;
    }
    let accepted = or_words(
        &e.organisation_types
            .iter()
            .map(|t| lower_first(&f.label(names::ORGANISATION_TYPE, t)))
            .collect::<Vec<_>>(),
    );
    out.push(match f.choice("organisation_type") {
        None => unknown("organisation_type", format!("This funder accepts: {accepted}. The group has not said what kind of organisation it is."), "organisation_type"),
        Some(t) if e.organisation_types.iter().any(|x| x == t) => pass(
            "organisation_type",
            format!("The group said it is: {}. This funder accepts that.", lower_first(&f.label(names::ORGANISATION_TYPE, t))),
        ),
        Some(t) => {
            let fix = if e.organisation_types.iter().any(|x| x == "constituted_group") {
                "Adopt a simple written constitution to become a constituted group (your support worker or local council for voluntary service can share a model one).".to_string()
            } else {
                "Becoming one of these is a big step; talk it through with your support worker before changing how the group is set up.".to_string()
            };
            fail(
                "organisation_type",
                format!("The group said it is: {}. This funder only accepts: {accepted}.", lower_first(&f.label(names::ORGANISATION_TYPE, t))),
                fix,
            )
        }
    });
}

fn structure(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
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
    if let Some(share) = &e.unrelated_committee_share
        && let Some((exclusive, num, den)) = crate::funders::parse_bound_share(share)
    {
        let rule =
            format!("this funder needs {share} of the committee to be unrelated to each other");
        out.push(
            match (f.number("committee_size"), f.number("committee_unrelated")) {
                (None, _) => unknown(
                    "committee_share",
                    format!("The group has not said how big its committee is; {rule}."),
                    "committee_size",
                ),
                (_, None) => unknown(
                    "committee_share",
                    format!(
                        "The group has not said how many committee members are unrelated; {rule}."
                    ),
                    "committee_unrelated",
                ),
                (Some(size), Some(unrelated)) => {
                    // Compared as whole numbers: unrelated/size against num/den.
                    let (lhs, rhs) = (
                        i128::from(unrelated) * i128::from(den),
                        i128::from(num) * i128::from(size),
                    );
                    let met = size > 0 && if exclusive { lhs > rhs } else { lhs >= rhs };
                    let sentence = format!(
                        "{unrelated} of the group's {size} committee members are unrelated; {rule}."
                    );
                    if met {
                        pass("committee_share", sentence)
                    } else {
                        fail(
                            "committee_share",
                            sentence,
                            "Ask members who are not related to the others to join the committee."
                                .to_string(),
                        )
                    }
                }
            },
        );
    }
    if let Some(threshold) = e.charity_registration_above_pounds {
        let registered = matches!(
            f.choice("organisation_type"),
            Some("registered_charity" | "cio")
        );
        out.push(match (f.ask, f.choice("organisation_type")) {
            (_, Some(_)) if registered => pass("charity_registration", format!("The group is a registered charity; this funder needs one for grants over {}.", pounds(threshold))),
            (None, _) => unknown("charity_registration", format!("This funder needs a charity number for grants over {}; the group has not said how much it will ask for.", pounds(threshold)), "project_total"),
            (Some(ask), _) if ask <= pence(threshold) => pass(
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

/// The least and most whole months the group can have been running, from
/// the year and (if given) the month it started: with only a year it may
/// have started in January or December. None when it has not said.
fn months_running(f: &Facts<'_>) -> Option<(i64, i64, Day)> {
    let year = i16::try_from(f.number("year_started")?).ok()?;
    let month = f
        .number("month_started")
        .and_then(|m| i8::try_from(m).ok())
        .filter(|m| (1..=12).contains(m));
    let (first, last) = match month {
        Some(m) => (Day::new(year, m, 1)?, Day::new(year, m, 1)?),
        None => (Day::new(year, 1, 1)?, Day::new(year, 12, 1)?),
    };
    // Started some time in the `last` month: count from the start of the
    // month after it for the least, from the start of `first` for the most.
    let after_last = Day(last.0.checked_add(jiff::Span::new().months(1)).ok()?);
    Some((
        after_last.whole_months_until(f.today).max(0),
        first.whole_months_until(f.today).max(0),
        after_last,
    ))
}

fn started_words(f: &Facts<'_>) -> String {
    let year = f.number("year_started").unwrap_or_default();
    match f
        .number("month_started")
        .and_then(|m| i8::try_from(m).ok())
        .filter(|m| (1..=12).contains(m))
    {
        Some(m) => format!(
            "The group started in {} {year}",
            crate::funders::profile::Month::ALL[usize::from(m.unsigned_abs()) - 1].label()
        ),
        None => format!("The group started in {year}"),
    }
}

/// A length of running that the year (and month) started cannot settle:
/// the month would, if not given; with the month given, only the day.
fn borderline(key: &'static str, said: String, f: &Facts<'_>) -> Criterion {
    if f.number("month_started").is_some() {
        check_with_funder(
            key,
            format!(
                "{said}, and whether it has depends on the day it started: check the date before you apply."
            ),
        )
    } else {
        unknown(
            key,
            format!("{said}, and whether it has depends on the month it started."),
            "month_started",
        )
    }
}

fn running(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let least = e
        .min_months_operating
        .or(e.min_years_operating.map(|y| y.saturating_mul(12)));
    if let Some(need) = least {
        let need_words = if need % 12 == 0 {
            crate::text::count(need / 12, "year")
        } else {
            crate::text::count(need, "month")
        };
        let rule = format!("this funder needs groups that have run for at least {need_words}");
        out.push(match months_running(f) {
            None => unknown(
                "years_operating",
                format!("The group has not said when it started; {rule}."),
                "year_started",
            ),
            Some((low, _, _)) if low >= i64::from(need) => {
                pass("years_operating", format!("{}; {rule}.", started_words(f)))
            }
            Some((_, high, from)) if high < i64::from(need) => {
                let when = from
                    .0
                    .checked_add(jiff::Span::new().months(i64::from(need)))
                    .map(Day)
                    .map_or(String::new(), |d| format!(" from {}", d.for_people()));
                fail(
                    "years_operating",
                    format!("{}; {rule}.", started_words(f)),
                    format!("Apply once the group has run for {need_words}{when}."),
                )
            }
            Some(_) => borderline(
                "years_operating",
                format!("{}; {rule}", started_words(f)),
                f,
            ),
        });
    }
    if let Some(under) = e.under_months_operating {
        let rule = format!("this rule is for groups that have run for less than {under} months");
        out.push(match months_running(f) {
            None => unknown(
                "new_group",
                format!("The group has not said when it started; {rule}."),
                "year_started",
            ),
            Some((_, high, _)) if high < i64::from(under) => {
                pass("new_group", format!("{}; {rule}.", started_words(f)))
            }
            Some((low, _, _)) if low >= i64::from(under) => {
                fail("new_group", format!("{}; {rule}.", started_words(f)), None)
            }
            Some(_) => borderline("new_group", format!("{}; {rule}", started_words(f)), f),
        });
    }
}

fn history_and_money(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    running(e, f, out);
    if let Some(need) = &e.accounts {
        let rank = |id: &str| ACCOUNT_LEVELS.iter().position(|l| *l == id);
        let rule = lower_first(&f.label(names::ACCOUNTS, need));
        out.push(match f.choice("accounts") {
            None => unknown("accounts", format!("This funder needs accounts ({rule}); the group has not said what accounts it has."), "accounts"),
            Some(have) if rank(have) >= rank(need) => pass("accounts", format!("The group's accounts: {}. This funder needs: {rule}.", lower_first(&f.label(names::ACCOUNTS, have)))),
            Some(have) => fail(
                "accounts",
                format!("The group's accounts: {}. This funder needs: {rule}.", lower_first(&f.label(names::ACCOUNTS, have))),
                "Write up a simple year's accounts (money in, money out, what is left) and have the committee sign them.".to_string(),
            ),
        });
    }
    if !e.policies.is_empty() {
        let rule = lower_first(&f.labels(names::POLICY, &e.policies));
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
                    let missing_words = lower_first(&f.labels(names::POLICY, &missing));
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
    income(e, f, out);
}

/// Yearly income against inclusive ("at most") and exclusive ("under")
/// limits on either side.
fn income(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let mut parts = Vec::new();
    if let Some(m) = e.min_income_pounds {
        parts.push(format!("at least {}", pounds(m)));
    }
    if let Some(m) = e.income_over_pounds {
        parts.push(format!("over {}", pounds(m)));
    }
    if let Some(m) = e.max_income_pounds {
        parts.push(format!("up to {}", pounds(m)));
    }
    if let Some(m) = e.income_under_pounds {
        parts.push(format!("under {}", pounds(m)));
    }
    if parts.is_empty() {
        return;
    }
    let rule = format!(
        "this funder is for groups with a yearly income of {}",
        parts.join(" and ")
    );
    out.push(match f.number("income_last_year") {
        None => unknown(
            "income",
            format!("The group has not said its income last year; {rule}."),
            "income_last_year",
        ),
        Some(income) => {
            let low = e.min_income_pounds.is_some_and(|m| income < pence(m))
                || e.income_over_pounds.is_some_and(|m| income <= pence(m));
            let high = e.max_income_pounds.is_some_and(|m| income > pence(m))
                || e.income_under_pounds.is_some_and(|m| income >= pence(m));
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

fn share_of_income(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if let Some(share) = &e.max_ask_share_of_income
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
}

/// The amounts that apply to the group: a `[[grant.range]]` for its type,
/// or the grant's own. None while a range depends on an unsaid type.
struct Amounts {
    min: Option<u64>,
    max: Option<u64>,
    under: Option<u64>,
    longest_months: Option<u32>,
}

fn amounts(p: &Profile, f: &Facts<'_>) -> Option<Amounts> {
    let g = &p.grant;
    let own = Amounts {
        min: g.min_pounds,
        max: g.max_pounds,
        under: g.under_pounds,
        longest_months: g.longest_months,
    };
    if g.ranges.is_empty() {
        return Some(own);
    }
    let t = f.choice("organisation_type")?;
    Some(match g.ranges.iter().find(|r| r.when.applies_to(t)) {
        Some(r) => Amounts {
            min: r.min_pounds,
            max: r.max_pounds,
            under: r.under_pounds,
            longest_months: r.longest_months.or(g.longest_months),
        },
        None => own,
    })
}

fn ask(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let g = &p.grant;
    let Some(a) = amounts(p, f) else {
        out.push(unknown(
            "ask.range",
            "This funder gives different amounts to different kinds of organisation; the group has not said what kind it is.".into(),
            "organisation_type",
        ));
        return;
    };
    let months = f.number("project_months");
    if a.min.is_some() || a.max.is_some() || a.under.is_some() {
        let per = if g.per_year { " a year" } else { "" };
        let mut parts = Vec::new();
        if let Some(min) = a.min {
            parts.push(format!("of at least {}", pounds(min)));
        }
        if let Some(max) = a.max {
            parts.push(format!("of up to {}", pounds(max)));
        }
        if let Some(under) = a.under {
            parts.push(format!("under {}", pounds(under)));
        }
        let range = match (a.min, a.max) {
            (Some(min), Some(max)) => format!("from {} to {}{per}", pounds(min), pounds(max)),
            _ => format!("{}{per}", parts.join(" and ")),
        };
        out.push(match f.ask {
            None => unknown("ask.range", format!("This funder gives grants {range}; the group has not said how much it will ask for."), "project_total"),
            Some(total) => {
                // A per-year limit is compared with the ask over the
                // project's length in exact months: £30,000 over 18 months
                // is £20,000 a year. Compared as whole numbers, so nothing
                // is rounded.
                let years = match (g.per_year, months) {
                    (true, Some(m)) if m > 12 => Some(m),
                    _ => None,
                };
                let (shown, yearly_times_12) = match years {
                    Some(m) => (
                        format!("{} over {m} months ({} a year)", format_pence(total), format_pence(total.saturating_mul(12) / m)),
                        i128::from(total) * 12,
                    ),
                    None => (format_pence(total), i128::from(total) * 12),
                };
                let spread = i128::from(years.unwrap_or(12));
                // ask a year compared with a limit L: total*12/months vs L,
                // that is total*12 vs L*months.
                let below = |limit: u64| yearly_times_12 < i128::from(pence(limit)) * spread;
                let above = |limit: u64| yearly_times_12 > i128::from(pence(limit)) * spread;
                let sentence = format!("The group would ask for {shown}; this funder gives grants {range}.");
                let too_small = a.min.filter(|m| below(*m));
                let too_big = a.max.filter(|m| above(*m)).or(a.under.filter(|u| !below(*u)));
                if let Some(min) = too_small {
                    fail("ask.range", sentence, format!("Ask for at least {}{per}, or look for a funder of smaller grants.", pounds(min)))
                } else if let Some(limit) = too_big {
                    if g.per_year && months.is_none() {
                        unknown("ask.range", format!("The group would ask for {}; this funder gives grants {range}, and whether that fits depends on how many months the project lasts.", format_pence(total)), "project_months")
                    } else {
                        let most = if a.under.is_some() { format!("less than {}", pounds(limit)) } else { format!("{} or less", pounds(limit)) };
                        fail("ask.range", sentence, format!("Ask for {most}{per}, perhaps by doing part of the project, or find a second funder for the rest."))
                    }
                } else {
                    pass("ask.range", sentence)
                }
            }
        });
    }
    if let Some(longest) = a.longest_months {
        out.push(match months {
            None => unknown("grant.length", format!("This funder's grants last at most {longest} months; the group has not said how long the project will last."), "project_months"),
            Some(m) if m <= i64::from(longest) => pass("grant.length", format!("The project would last {m} months; this funder's grants last at most {longest} months.")),
            Some(m) => fail("grant.length", format!("The project would last {m} months; this funder's grants last at most {longest} months."), format!("Plan the project to last {longest} months or less, or ask this funder for the first part only.")),
        });
    }
    cap(p, f, out);
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

/// The profiles a rule about past grants counts: those listed, or this one.
fn counted<'a>(ids: &'a [String], p: &'a Profile) -> Vec<&'a str> {
    if ids.is_empty() {
        vec![p.id.as_str()]
    } else {
        ids.iter().map(String::as_str).collect()
    }
}

/// "Up to £20,000 in any 12 months": the ask plus the grants the group has
/// recorded from the counted funders that started in the period.
fn cap(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let g = &p.grant;
    let (Some(cap), Some(months)) = (g.cap_pounds, g.cap_months) else {
        return;
    };
    let rule = format!(
        "this funder gives at most {} in total in any {months} months",
        pounds(cap)
    );
    let Some(ask) = f.ask else {
        out.push(unknown(
            "grant.cap",
            format!("The group has not said how much it will ask for; {rule}."),
            "project_total",
        ));
        return;
    };
    let funders = counted(&g.cap_funders, p);
    let since = f
        .today
        .0
        .checked_sub(jiff::Span::new().months(i64::from(months)))
        .map(Day)
        .unwrap_or(f.today);
    let recent: i64 = f
        .group
        .grants
        .iter()
        .filter(|gr| funders.contains(&gr.funder.as_str()) && gr.start > since)
        .map(|gr| gr.pence)
        .sum();
    let total = recent.saturating_add(ask);
    let sentence = if recent > 0 {
        format!(
            "The group has had {} from this funder since {}, and would ask for {} more, {} in all; {rule}.",
            format_pence(recent),
            since.for_people(),
            format_pence(ask),
            format_pence(total)
        )
    } else {
        format!(
            "The group would ask for {} and has recorded no grant from this funder since {}; {rule}.",
            format_pence(ask),
            since.for_people()
        )
    };
    out.push(if total > pence(cap) {
        let room = pence(cap).saturating_sub(recent).max(0);
        fail("grant.cap", sentence, format!("Ask for {} or less, or wait until the earlier grant is more than {months} months old.", format_pence(room)))
    } else if f.grants_said() {
        pass("grant.cap", sentence)
    } else {
        unknown("grant.cap", format!("The group would ask for {}; {rule}, and the group has not said whether it has had grants before.", format_pence(ask)), "had_grants_before")
    });
}

/// "Only groups we have not funded before", from the grants recorded.
fn first_grant(e: &RuleKeys, p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if !e.first_grant_only {
        return;
    }
    let funders = counted(&e.first_grant_funders, p);
    let rule = "this funder only funds groups it has not funded before";
    out.push(
        match f
            .group
            .grants
            .iter()
            .find(|g| funders.contains(&g.funder.as_str()))
        {
            Some(g) => fail(
                "first_grant",
                format!(
                    "The group has recorded a grant from this funder that started on {}; {rule}.",
                    g.start.for_people()
                ),
                "Look for another funder.".to_string(),
            ),
            None if f.grants_said() => pass(
                "first_grant",
                format!("The group has recorded no grant from this funder; {rule}."),
            ),
            None => unknown(
                "first_grant",
                format!("The group has not said whether it has had grants before; {rule}."),
                "had_grants_before",
            ),
        },
    );
}

fn beneficiaries(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if e.beneficiaries.is_empty() {
        return;
    }
    let rule = f.labels(names::BENEFICIARY_GROUP, &e.beneficiaries);
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
                lower_first(&f.labels(names::BENEFICIARY_GROUP, have))
            ),
        ),
        Some(have) => fail(
            "beneficiaries",
            format!(
                "The group works with {}; this funder only funds work with {rule}.",
                if have.is_empty() {
                    "people it has not described".to_string()
                } else {
                    lower_first(&f.labels(names::BENEFICIARY_GROUP, have))
                }
            ),
            "This funder is for other people; look for one that funds work like yours.".to_string(),
        ),
    });
}

/// The ages the group works with against the funder's youngest and oldest.
fn ages(e: &RuleKeys, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    if e.min_beneficiary_age.is_none() && e.max_beneficiary_age.is_none() {
        return;
    }
    let rule = match (e.min_beneficiary_age, e.max_beneficiary_age) {
        (Some(a), Some(b)) => format!("this funder funds work with people aged {a} to {b}"),
        (Some(a), None) => format!("this funder funds work with people aged {a} or over"),
        (None, Some(b)) => format!("this funder funds work with people aged {b} or under"),
        (None, None) => return,
    };
    let young = f.number("youngest_age");
    let old = f.number("oldest_age");
    let (need_young, need_old) = (
        e.min_beneficiary_age.is_some(),
        e.max_beneficiary_age.is_some(),
    );
    if need_old && old.is_none() {
        out.push(unknown(
            "ages",
            format!("The group has not said the age of the oldest people it works with; {rule}."),
            "oldest_age",
        ));
        return;
    }
    if need_young && young.is_none() {
        out.push(unknown(
            "ages",
            format!("The group has not said the age of the youngest people it works with; {rule}."),
            "youngest_age",
        ));
        return;
    }
    let lo = e.min_beneficiary_age.map_or(i64::MIN, i64::from);
    let hi = e.max_beneficiary_age.map_or(i64::MAX, i64::from);
    let (y, o) = (young.unwrap_or(lo.max(0)), old.unwrap_or(hi));
    let theirs = match (young, old) {
        (Some(y), Some(o)) => format!("people aged {y} to {o}"),
        (None, Some(o)) => format!("people up to {o}"),
        (Some(y), None) => format!("people from {y}"),
        (None, None) => "people".into(),
    };
    let sentence = format!("The group works with {theirs}; {rule}.");
    out.push(if y >= lo && o <= hi {
        pass("ages", sentence)
    } else if y > hi || o < lo {
        fail("ages", sentence, "This funder is for people of other ages; look for one that funds work with yours.".to_string())
    } else {
        check_with_funder("ages", format!("{} Only part of the group is in that age range: check with the funder whether work with them counts.", sentence))
    });
}

fn priorities(p: &Profile, f: &Facts<'_>, out: &mut Vec<Criterion>) {
    let pr = &p.priorities;
    if !pr.must_meet_one || pr.themes.is_empty() {
        return;
    }
    let rule = lower_first(&f.labels(names::THEME, &pr.themes));
    out.push(match f.choices("themes") {
        None => unknown("priorities", format!("The project must meet at least one of this funder's aims ({rule}); the group has not said what its work touches on."), "themes"),
        Some(have) => {
            let shared: Vec<String> = have.iter().filter(|t| pr.themes.contains(t)).cloned().collect();
            if shared.is_empty() {
                fail(
                    "priorities",
                    format!("The group's work touches on {}; the project must meet at least one of this funder's aims: {rule}.", lower_first(&f.labels(names::THEME, have))),
                    "If the project does meet one of these aims, say so in your themes; if not, this funder is not the right one.".to_string(),
                )
            } else {
                pass("priorities", format!("The project meets this funder's aim of {}.", lower_first(&f.labels(names::THEME, &shared))))
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
                lower_first(&f.label(names::COST_CATEGORY, &l.category))
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
            let kind = lower_first(&f.label(names::COST_CATEGORY, &l.category));
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
            // The funder's data is what is missing here, not an answer of
            // the group's: say to check with the funder.
            out.push(check_with_funder(
                "budget.funded",
                format!(
                    "This funder does not list {} among the costs it pays for ({count} of your {} budget lines); check with the funder before you apply.",
                    join_words(&kinds),
                    lines.len()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_naturally() {
        assert_eq!(join_words(&["a".into()]), "a");
        assert_eq!(
            join_words(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
