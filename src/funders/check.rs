//! Checks a funder profile beyond its shape: ranges that make sense, ids
//! that exist in the shared vocabularies and the question bank, dates that
//! a status needs, and provenance: in a profile with `[[source]]` tables,
//! every rule, range, ask, question and status must name a source that
//! exists. Every problem is reported with its line and field.
//!
//! `check_source` gives errors (the profile is refused); `warnings` gives
//! what `funders check` reports without refusing: stale or undated
//! sources, leftover `eligibility.other` sentences, the old `sources` form.

use crate::bank::Bank;
use crate::dates::Day;
use crate::text::closest;
use crate::toml_errors::{Located, PathPart, at_nearest, at_path, describe};
use crate::vocab::{Vocabularies, names};

use super::profile::{Profile, RuleKeys, SourceIds, State, When};

use PathPart::{Index, Key};

/// Parses and checks one profile. All problems are returned, not just the
/// first, so a person can fix a file in one go.
pub fn check_source(file: &str, source: &str) -> Result<Profile, Vec<Located>> {
    let profile: Profile = toml::from_str(source).map_err(|e| vec![describe(file, source, &e)])?;
    let mut c = Checker {
        file,
        source,
        profile: &profile,
        vocab: Vocabularies::builtin(),
        problems: Vec::new(),
    };
    c.top_level();
    c.provenance();
    c.status();
    c.grant();
    c.eligibility();
    c.vocabulary_lists();
    c.questions();
    let problems = c.problems;
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

struct Checker<'a> {
    file: &'a str,
    source: &'a str,
    profile: &'a Profile,
    vocab: &'static Vocabularies,
    problems: Vec<Located>,
}

impl Checker<'_> {
    fn report(&mut self, path: &[PathPart<'_>], problem: String) {
        self.problems
            .push(at_nearest(self.file, self.source, path, problem));
    }

    fn top_level(&mut self) {
        let profile = self.profile;
        if !crate::text::is_valid_slug(&profile.id) {
            self.report(
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
                self.report(
                    &[Key(key)],
                    format!("`{key}` is empty: write it in plain words"),
                );
            }
        }
        if let Some(org_id) = &profile.org_id
            && !valid_org_id(org_id)
        {
            self.report(
                &[Key("org_id")],
                format!(
                    "`{org_id}` is not an org-id such as GB-CHC-327114 (country, register, number)"
                ),
            );
        }
        if profile.questions_known == Some(false) && !profile.questions.is_empty() {
            self.report(
                &[Key("questions_known")],
                "`questions_known = false` says the funder's questions are not known, but the profile lists some: remove the line (or set it to true) if the list is the funder's form".into(),
            );
        }
    }

    /// The sources themselves, and every `source = ...` naming one.
    fn provenance(&mut self) {
        let profile = self.profile;
        match (profile.sources.is_empty(), profile.source_list.is_empty()) {
            // Added by hand from the funder's form: the person is the source.
            (true, true) if profile.added_from_form.is_some() => {}
            (true, true) => self.report(
                &[Key("source")],
                "give at least one [[source]] table (id, url, title, seen, and as_of when the source has a date) for the facts in this profile".into(),
            ),
            (false, false) => self.report(
                &[Key("sources")],
                "this profile has both the old `sources` list and [[source]] tables: keep only the [[source]] tables".into(),
            ),
            _ => {}
        }
        if !profile.website.is_empty() && !is_web_address(&profile.website) {
            self.report(
                &[Key("website")],
                format!(
                    "`{}` is not a web address starting with https://",
                    profile.website
                ),
            );
        }
        for (i, url) in profile.sources.iter().enumerate() {
            if !is_web_address(url) {
                self.report(
                    &[Key("sources"), Index(i)],
                    format!("`{url}` is not a web address starting with https://"),
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in profile.source_list.iter().enumerate() {
            if !crate::text::is_valid_slug(&s.id) {
                self.report(
                    &[Key("source"), Index(i), Key("id")],
                    format!(
                        "`{}` is not a valid source id: use lower-case letters, digits and hyphens, such as `guidance-2026`",
                        s.id
                    ),
                );
            }
            if !seen.insert(s.id.as_str()) {
                self.report(
                    &[Key("source"), Index(i), Key("id")],
                    format!(
                        "the source id `{}` is used twice; give each source its own id",
                        s.id
                    ),
                );
            }
            if !is_web_address(&s.url) {
                self.report(
                    &[Key("source"), Index(i), Key("url")],
                    format!("`{}` is not a web address starting with https://", s.url),
                );
            }
            if s.title.trim().is_empty() {
                self.report(
                    &[Key("source"), Index(i), Key("title")],
                    "`title` is empty: write the page's or document's own title".into(),
                );
            }
        }
        for (path, ids) in every_source_key(profile) {
            self.known_sources(&path, ids);
        }
        if profile.uses_source_tables() {
            self.everything_sourced();
        }
    }
}

/// Every `source` key in the profile with its path.
fn every_source_key(p: &Profile) -> Vec<(Vec<PathPart<'static>>, &SourceIds)> {
    {
        let mut all: Vec<(Vec<PathPart<'static>>, &SourceIds)> = vec![
            (vec![Key("status"), Key("source")], &p.status.source),
            (vec![Key("grant"), Key("source")], &p.grant.source),
            (vec![Key("area"), Key("source")], &p.area.source),
            (
                vec![Key("eligibility"), Key("source")],
                &p.eligibility.source,
            ),
            (vec![Key("costs"), Key("source")], &p.costs.source),
            (vec![Key("priorities"), Key("source")], &p.priorities.source),
            (
                vec![Key("application"), Key("source")],
                &p.application.source,
            ),
            (vec![Key("monitoring"), Key("source")], &p.monitoring.source),
        ];
        for (i, r) in p.grant.ranges.iter().enumerate() {
            all.push((
                vec![Key("grant"), Key("range"), Index(i), Key("source")],
                &r.source,
            ));
        }
        for (i, r) in p.eligibility.rules.iter().enumerate() {
            all.push((
                vec![Key("eligibility"), Key("rule"), Index(i), Key("source")],
                &r.source,
            ));
        }
        for (i, g) in p.eligibility.any_of.iter().enumerate() {
            all.push((
                vec![Key("eligibility"), Key("any_of"), Index(i), Key("source")],
                &g.source,
            ));
            for (j, o) in g.options.iter().enumerate() {
                all.push((
                    vec![
                        Key("eligibility"),
                        Key("any_of"),
                        Index(i),
                        Key("option"),
                        Index(j),
                        Key("source"),
                    ],
                    &o.source,
                ));
            }
        }
        for (i, a) in p.eligibility.asks.iter().enumerate() {
            all.push((
                vec![Key("eligibility"), Key("ask"), Index(i), Key("source")],
                &a.source,
            ));
        }
        for (i, q) in p.questions.iter().enumerate() {
            all.push((vec![Key("question"), Index(i), Key("source")], &q.source));
        }
        for (i, t) in p.terms.iter().enumerate() {
            all.push((vec![Key("term"), Index(i), Key("source")], &t.source));
        }
        all
    }
}

impl Checker<'_> {
    /// Each id in a `source` key names a `[[source]]` table.
    fn known_sources(&mut self, path: &[PathPart<'_>], ids: &SourceIds) {
        let known: Vec<&str> = self
            .profile
            .source_list
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        for (i, id) in ids.0.iter().enumerate() {
            if known.contains(&id.as_str()) {
                continue;
            }
            let mut full = path.to_vec();
            if ids.0.len() > 1 {
                full.push(Index(i));
            }
            let msg = if known.is_empty() {
                format!(
                    "`{id}` names a source, but this profile has no [[source]] tables: add one with id = \"{id}\""
                )
            } else {
                unknown_id(id, "[[source]]", &known)
            };
            self.report(&full, msg);
        }
    }

    /// With `[[source]]` tables, every stated fact must rest on one: its
    /// own `source`, or its section's.
    fn everything_sourced(&mut self) {
        let p = self.profile;
        let s = &p.status;
        if s.state != State::Unknown {
            if s.source.is_empty() {
                self.needs_source(
                    &[Key("status"), Key("source")],
                    &format!("status \"{}\"", state_word(s.state)),
                    None,
                );
            }
            if s.as_of.is_none() {
                self.report(
                    &[Key("status"), Key("as_of")],
                    format!(
                        "status \"{}\" needs `as_of`: the date its source gave that status (or the day you read it, if the page has no date). If no source says, write state = \"unknown\"",
                        state_word(s.state)
                    ),
                );
            }
        } else if (s.apply_weeks_before_start.is_some() || s.decides_within_weeks.is_some())
            && s.source.is_empty()
        {
            self.needs_source(&[Key("status"), Key("source")], "the timing rules", None);
        }
        let g = &p.grant;
        let grant_says = g.min_pounds.is_some()
            || g.max_pounds.is_some()
            || g.under_pounds.is_some()
            || g.longest_months.is_some()
            || g.one_at_a_time
            || g.per_year
            || g.cap_pounds.is_some();
        if grant_says && g.source.is_empty() {
            self.needs_source(
                &[Key("grant"), Key("source")],
                "the grant amounts and length",
                None,
            );
        }
        for (i, r) in g.ranges.iter().enumerate() {
            if r.source.is_empty() && g.source.is_empty() {
                self.needs_source(
                    &[Key("grant"), Key("range"), Index(i), Key("source")],
                    "this range",
                    Some("[grant]"),
                );
            }
        }
        let a = &p.area;
        if (!a.countries.is_empty() || !a.regions.is_empty() || !a.local_authorities.is_empty())
            && a.source.is_empty()
        {
            self.needs_source(&[Key("area"), Key("source")], "the area rules", None);
        }
        let e = &p.eligibility;
        if !e.keys().is_empty() && e.source.is_empty() {
            self.needs_source(
                &[Key("eligibility"), Key("source")],
                "the rules in [eligibility]",
                None,
            );
        }
        let section = !e.source.is_empty();
        for (i, r) in e.rules.iter().enumerate() {
            if r.source.is_empty() && !section {
                self.needs_source(
                    &[Key("eligibility"), Key("rule"), Index(i), Key("source")],
                    "this rule",
                    Some("[eligibility]"),
                );
            }
        }
        for (i, g) in e.any_of.iter().enumerate() {
            if g.source.is_empty() && !section && g.options.iter().any(|o| o.source.is_empty()) {
                self.needs_source(
                    &[Key("eligibility"), Key("any_of"), Index(i), Key("source")],
                    "this either/or rule",
                    Some("[eligibility]"),
                );
            }
        }
        for (i, ask) in e.asks.iter().enumerate() {
            if ask.source.is_empty() && !section {
                self.needs_source(
                    &[Key("eligibility"), Key("ask"), Index(i), Key("source")],
                    "this ask",
                    Some("[eligibility]"),
                );
            }
        }
        let c = &p.costs;
        if (!c.funds.is_empty() || !c.does_not_fund.is_empty()) && c.source.is_empty() {
            self.needs_source(&[Key("costs"), Key("source")], "what it pays for", None);
        }
        let pr = &p.priorities;
        if (!pr.themes.is_empty()
            || !pr.described.is_empty()
            || pr.must_meet_one
            || pr.prefers_income_under_pounds.is_some()
            || !pr.prefers_communities.is_empty()
            || pr.expects_services)
            && pr.source.is_empty()
        {
            self.needs_source(&[Key("priorities"), Key("source")], "the priorities", None);
        }
        let ap = &p.application;
        if (!ap.documents.is_empty() || ap.own_words_required) && ap.source.is_empty() {
            self.needs_source(
                &[Key("application"), Key("source")],
                "the papers and rules for applying",
                None,
            );
        }
        let m = &p.monitoring;
        if (m.style.is_some()
            || !m.reports.is_empty()
            || !m.asks.is_empty()
            || m.keep_records_years.is_some())
            && m.source.is_empty()
        {
            self.needs_source(
                &[Key("monitoring"), Key("source")],
                "the reporting rules",
                None,
            );
        }
        for (i, q) in p.questions.iter().enumerate() {
            // Questions a person brought in from the funder's form
            // (`added_from_form`) rest on that person, not a web page.
            if q.source.is_empty() && p.added_from_form.is_none() {
                self.needs_source(
                    &[Key("question"), Index(i), Key("source")],
                    "this question",
                    None,
                );
            }
        }
    }

    fn needs_source(&mut self, path: &[PathPart<'_>], what: &str, section: Option<&str>) {
        let ids: Vec<&str> = self
            .profile
            .source_list
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let first = ids.first().copied().unwrap_or("guidance");
        let place = section.map_or(String::new(), |s| format!(" here or in {s}"));
        self.report(
            path,
            format!(
                "{what} rests on no source: add source = \"{first}\"{place}, naming one of the [[source]] ids ({}). A fact with no source is not written",
                ids.join(", ")
            ),
        );
    }

    fn status(&mut self) {
        let s = &self.profile.status;
        match s.state {
            State::Opens if s.opens.is_none() => self.report(
                &[Key("status"), Key("state")],
                "status \"opens\" needs an `opens` date, such as opens = 2027-06-01".into(),
            ),
            State::Deadlines if s.deadlines.is_empty() => self.report(
                &[Key("status"), Key("state")],
                "status \"deadline\" needs a list of `deadlines`, such as deadlines = [2027-07-04]"
                    .into(),
            ),
            State::Yearly if s.usually_opens.is_none() => self.report(
                &[Key("status"), Key("state")],
                "status \"yearly\" needs `usually_opens`, the month the window usually opens, such as usually_opens = \"june\"".into(),
            ),
            _ => {}
        }
        if s.state != State::Yearly && (s.usually_opens.is_some() || s.usually_closes.is_some()) {
            self.report(
                &[Key("status"), Key("usually_opens")],
                "`usually_opens` and `usually_closes` are for state = \"yearly\" (a window each year without exact dates)".into(),
            );
        }
    }

    fn grant(&mut self) {
        let g = &self.profile.grant;
        self.amounts(&[Key("grant")], g.min_pounds, g.max_pounds, g.under_pounds);
        if g.currency != "GBP" {
            self.report(
                &[Key("grant"), Key("currency")],
                format!("`{}` is not supported; only GBP for now", g.currency),
            );
        }
        if g.cap_pounds.is_some() != g.cap_months.is_some() {
            self.report(
                &[Key("grant"), Key(if g.cap_pounds.is_some() { "cap_pounds" } else { "cap_months" })],
                "a cap needs both `cap_pounds` (the most in total) and `cap_months` (over how many months), such as cap_pounds = 20000 and cap_months = 12".into(),
            );
        }
        if g.cap_months == Some(0) || g.longest_months == Some(0) {
            self.report(
                &[Key("grant")],
                "a length of 0 months leaves no time for a grant".into(),
            );
        }
        self.profile_ids(&[Key("grant"), Key("cap_funders")], &g.cap_funders);
        let mut claimed: Vec<(&str, usize)> = Vec::new();
        for (i, r) in g.ranges.iter().enumerate() {
            let at = [Key("grant"), Key("range"), Index(i)];
            self.amounts(&at, r.min_pounds, r.max_pounds, r.under_pounds);
            if r.min_pounds.is_none()
                && r.max_pounds.is_none()
                && r.under_pounds.is_none()
                && r.longest_months.is_none()
            {
                self.report(&at, "this range sets no amount: give min_pounds, max_pounds, under_pounds or longest_months".into());
            }
            self.when(
                &[Key("grant"), Key("range"), Index(i), Key("when")],
                Some(&r.when),
            );
            for t in &r.when.organisation_type {
                if let Some((_, first)) = claimed.iter().find(|(c, _)| c == t) {
                    self.report(
                        &[Key("grant"), Key("range"), Index(i), Key("when")],
                        format!(
                            "`{t}` is already given a range by range {}; a type can have only one",
                            first + 1
                        ),
                    );
                } else {
                    claimed.push((t, i));
                }
            }
        }
    }

    fn amounts(
        &mut self,
        at: &[PathPart<'_>],
        min: Option<u64>,
        max: Option<u64>,
        under: Option<u64>,
    ) {
        let key = |k: &'static str| {
            let mut p = at.to_vec();
            p.push(Key(k));
            p
        };
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            self.report(
                &key("min_pounds"),
                format!(
                    "the minimum grant ({}) is above the maximum ({})",
                    crate::text::format_pounds(min),
                    crate::text::format_pounds(max)
                ),
            );
        }
        if let (Some(min), Some(under)) = (min, under)
            && min >= under
        {
            self.report(
                &key("min_pounds"),
                format!(
                    "the minimum grant ({}) is not under the limit of under {}",
                    crate::text::format_pounds(min),
                    crate::text::format_pounds(under)
                ),
            );
        }
        if max.is_some() && under.is_some() {
            self.report(
                &key("under_pounds"),
                "give `max_pounds` (at most) or `under_pounds` (less than), not both".into(),
            );
        }
    }

    fn eligibility(&mut self) {
        let e = &self.profile.eligibility;
        self.rule_keys(&[Key("eligibility")], &e.keys());
        let ask_ids: Vec<&str> = e.asks.iter().map(|a| a.id.as_str()).collect();
        for (i, r) in e.rules.iter().enumerate() {
            let at = [Key("eligibility"), Key("rule"), Index(i)];
            self.rule(&at, r, &ask_ids);
            if r.when.is_none() {
                self.report(&at, "a [[eligibility.rule]] without `when` applies to everyone: write its keys in [eligibility] instead, or add when.organisation_type = [...]".into());
            }
        }
        let mut group_ids = std::collections::HashSet::new();
        for (i, g) in e.any_of.iter().enumerate() {
            let at = [Key("eligibility"), Key("any_of"), Index(i)];
            self.slug(
                &[Key("eligibility"), Key("any_of"), Index(i), Key("id")],
                &g.id,
                "either/or",
                &mut group_ids,
            );
            if g.options.len() < 2 {
                self.report(&at, "an either/or rule needs at least two [[eligibility.any_of.option]] tables; with one, write it as a plain rule".into());
            }
            self.when(
                &[Key("eligibility"), Key("any_of"), Index(i), Key("when")],
                g.when.as_ref(),
            );
            for (j, o) in g.options.iter().enumerate() {
                let at = [
                    Key("eligibility"),
                    Key("any_of"),
                    Index(i),
                    Key("option"),
                    Index(j),
                ];
                self.rule(&at, o, &ask_ids);
            }
        }
        let mut asked = std::collections::HashSet::new();
        for (i, a) in e.asks.iter().enumerate() {
            let at = |k: &'static str| [Key("eligibility"), Key("ask"), Index(i), Key(k)];
            self.slug(&at("id"), &a.id, "ask", &mut asked);
            if !a.question.trim_end().ends_with('?') {
                self.report(
                    &at("question"),
                    format!(
                        "\"{}\" is not a question: write it as a yes/no question ending in ?",
                        a.question.trim()
                    ),
                );
            }
            if a.fix.trim().is_empty() {
                self.report(
                    &at("fix"),
                    "`fix` is empty: say what the group can do when the answer does not pass"
                        .into(),
                );
            }
            self.when(&at("when"), a.when.as_ref());
        }
    }

    fn rule(&mut self, at: &[PathPart<'_>], r: &super::profile::Rule, ask_ids: &[&str]) {
        let keys = r.keys();
        self.rule_keys(at, &keys);
        let mut when_at = at.to_vec();
        when_at.push(Key("when"));
        self.when(&when_at, r.when.as_ref());
        if keys.is_empty() && r.ask.is_none() {
            self.report(at, "this rule says nothing: give at least one rule key (such as accounts = \"signed_by_committee\") or `ask` naming an [[eligibility.ask]]".into());
        }
        if let Some(ask) = &r.ask
            && !ask_ids.contains(&ask.as_str())
        {
            let mut p = at.to_vec();
            p.push(Key("ask"));
            self.report(&p, unknown_id(ask, "[[eligibility.ask]]", ask_ids));
        }
    }

    /// The rule keys, wherever they are written.
    fn rule_keys(&mut self, at: &[PathPart<'_>], k: &RuleKeys) {
        let key = |name: &'static str| {
            let mut p = at.to_vec();
            p.push(Key(name));
            p
        };
        if let (Some(min), Some(max)) = (k.min_income_pounds, k.max_income_pounds)
            && min > max
        {
            self.report(
                &key("min_income_pounds"),
                format!(
                    "the minimum income ({}) is above the maximum ({})",
                    crate::text::format_pounds(min),
                    crate::text::format_pounds(max)
                ),
            );
        }
        if k.max_income_pounds.is_some() && k.income_under_pounds.is_some() {
            self.report(
                &key("income_under_pounds"),
                "give `max_income_pounds` (at most) or `income_under_pounds` (less than), not both"
                    .into(),
            );
        }
        if k.min_income_pounds.is_some() && k.income_over_pounds.is_some() {
            self.report(
                &key("income_over_pounds"),
                "give `min_income_pounds` (at least) or `income_over_pounds` (more than), not both"
                    .into(),
            );
        }
        if let (Some(low), Some(high)) = (
            k.min_income_pounds.or(k.income_over_pounds),
            k.max_income_pounds.or(k.income_under_pounds),
        ) && low > high
        {
            self.report(
                &key("income_under_pounds"),
                format!(
                    "no income fits: the lower limit ({}) is above the upper one ({})",
                    crate::text::format_pounds(low),
                    crate::text::format_pounds(high)
                ),
            );
        }
        if let (Some(all), Some(unrelated)) = (k.min_committee, k.min_unrelated_committee)
            && unrelated > all
        {
            self.report(
                &key("min_unrelated_committee"),
                format!(
                    "{unrelated} unrelated members cannot be more than the committee size {all}"
                ),
            );
        }
        if let Some(share) = &k.max_ask_share_of_income
            && parse_share(share).is_none()
        {
            self.report(&key("max_ask_share_of_income"), format!("`{share}` is not a share: write a fraction such as \"1/3\" or a percentage such as \"50%\""));
        }
        if let Some(share) = &k.unrelated_committee_share
            && parse_bound_share(share).is_none()
        {
            self.report(&key("unrelated_committee_share"), format!("`{share}` is not a share of the committee: write \"more than 1/2\", \"at least 2/3\" or \"more than 50%\""));
        }
        if let (Some(min), Some(max)) = (k.min_beneficiary_age, k.max_beneficiary_age)
            && min > max
        {
            self.report(
                &key("min_beneficiary_age"),
                format!("the youngest age ({min}) is above the oldest ({max})"),
            );
        }
        if let (Some(min), Some(under)) = (
            k.min_months_operating
                .or(k.min_years_operating.map(|y| y * 12)),
            k.under_months_operating,
        ) && min >= under
        {
            self.report(
                &key("under_months_operating"),
                format!("no group fits: at least {min} months of running and under {under} months"),
            );
        }
        if k.min_years_operating.is_some() && k.min_months_operating.is_some() {
            self.report(
                &key("min_months_operating"),
                "give `min_years_operating` or `min_months_operating`, not both".into(),
            );
        }
        if !k.first_grant_funders.is_empty() && !k.first_grant_only {
            self.report(
                &key("first_grant_funders"),
                "`first_grant_funders` only counts with first_grant_only = true".into(),
            );
        }
        self.profile_ids(&key("first_grant_funders"), &k.first_grant_funders);
        self.vocab_ids(
            &key("organisation_types"),
            names::ORGANISATION_TYPE,
            &k.organisation_types,
        );
        self.vocab_ids(&key("policies"), names::POLICY, &k.policies);
        self.vocab_ids(
            &key("beneficiaries"),
            names::BENEFICIARY_GROUP,
            &k.beneficiaries,
        );
        if let Some(accounts) = &k.accounts {
            let vocab = self.vocab;
            if !vocab.contains(names::ACCOUNTS, accounts) {
                let known: Vec<&str> = vocab
                    .list(names::ACCOUNTS)
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect();
                self.report(
                    &key("accounts"),
                    unknown_id(accounts, names::ACCOUNTS, &known),
                );
            }
        }
    }

    fn when(&mut self, at: &[PathPart<'_>], when: Option<&When>) {
        let Some(when) = when else { return };
        let mut p = at.to_vec();
        p.push(Key("organisation_type"));
        if when.organisation_type.is_empty() {
            self.report(
                &p,
                "`when.organisation_type` is empty: list the organisation types the rule is for"
                    .into(),
            );
        }
        self.vocab_ids(&p, names::ORGANISATION_TYPE, &when.organisation_type);
    }

    fn slug<'p>(
        &mut self,
        at: &[PathPart<'_>],
        id: &'p str,
        what: &str,
        seen: &mut std::collections::HashSet<&'p str>,
    ) {
        if !crate::text::is_valid_slug(id) {
            self.report(
                at,
                format!(
                    "`{id}` is not a valid {what} id: use lower-case letters, digits and hyphens"
                ),
            );
        }
        if !seen.insert(id) {
            self.report(
                at,
                format!("the {what} id `{id}` is used twice in this profile"),
            );
        }
    }

    fn profile_ids(&mut self, at: &[PathPart<'_>], ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if !crate::text::is_valid_slug(id) {
                let mut p = at.to_vec();
                p.push(Index(i));
                self.report(
                    &p,
                    format!("`{id}` is not a funder profile id such as `awards-for-all-england`"),
                );
            }
        }
    }

    fn vocab_ids(&mut self, at: &[PathPart<'_>], list: &str, ids: &[String]) {
        let vocab = self.vocab;
        for (i, id) in ids.iter().enumerate() {
            if !vocab.contains(list, id) {
                let known: Vec<&str> = vocab.list(list).iter().map(|e| e.id.as_str()).collect();
                let mut full = at.to_vec();
                full.push(Index(i));
                self.problems.push(at_path(
                    self.file,
                    self.source,
                    &full,
                    unknown_id(id, list, &known),
                ));
            }
        }
    }

    fn vocabulary_lists(&mut self) {
        let p = self.profile;
        self.vocab_ids(
            &[Key("area"), Key("countries")],
            names::COUNTRY,
            &p.area.countries,
        );
        self.vocab_ids(
            &[Key("area"), Key("regions")],
            names::REGION,
            &p.area.regions,
        );
        self.vocab_ids(
            &[Key("costs"), Key("funds")],
            names::COST_CATEGORY,
            &p.costs.funds,
        );
        self.vocab_ids(
            &[Key("costs"), Key("does_not_fund")],
            names::COST_CATEGORY,
            &p.costs.does_not_fund,
        );
        self.vocab_ids(
            &[Key("priorities"), Key("themes")],
            names::THEME,
            &p.priorities.themes,
        );
        self.vocab_ids(
            &[Key("priorities"), Key("prefers_communities")],
            names::BENEFICIARY_GROUP,
            &p.priorities.prefers_communities,
        );
        self.vocab_ids(
            &[Key("application"), Key("documents")],
            names::DOCUMENT,
            &p.application.documents,
        );
        for both in p
            .costs
            .funds
            .iter()
            .filter(|c| p.costs.does_not_fund.contains(c))
        {
            self.report(
                &[Key("costs"), Key("does_not_fund")],
                format!("`{both}` is listed both as funded and as not funded"),
            );
        }
    }

    fn questions(&mut self) {
        let profile = self.profile;
        let bank = Bank::builtin().ok();
        let mut seen = std::collections::HashSet::new();
        for (i, q) in profile.questions.iter().enumerate() {
            let at = |key: &'static str| [Key("question"), Index(i), Key(key)];
            if !seen.insert(q.id.as_str()) {
                self.report(
                    &at("id"),
                    format!("question id `{}` is used twice in this profile", q.id),
                );
            }
            if let (Some(min), Some(max)) = (q.min_words, q.max_words)
                && min > max
            {
                self.report(
                    &at("min_words"),
                    format!("the minimum ({min} words) is above the maximum ({max} words)"),
                );
            }
            if q.max_chars == Some(0) || q.max_words == Some(0) {
                self.report(
                    &at("id"),
                    "a limit of 0 leaves no room for an answer".to_string(),
                );
            }
            if let Some(bank) = bank {
                for (j, id) in q.draws_on.iter().enumerate() {
                    if bank.question(id).is_none() {
                        let known: Vec<&str> =
                            bank.questions.iter().map(|q| q.id.as_str()).collect();
                        self.report(
                            &[Key("question"), Index(i), Key("draws_on"), Index(j)],
                            unknown_id(id, "question bank", &known),
                        );
                    }
                }
            }
        }
    }
}

/// What `funders check` reports about a profile that loads but needs
/// attention: sources older than 12 months on `today` or with no date,
/// `eligibility.other` sentences nobody can check, a status nobody dated,
/// the old `sources` list, and unknown application questions not said so.
pub fn warnings(profile: &Profile, file: &str, source: &str, today: Day) -> Vec<Located> {
    let mut out = Vec::new();
    let mut warn = |path: &[PathPart<'_>], problem: String| {
        out.push(at_nearest(file, source, path, problem));
    };
    if !profile.sources.is_empty() {
        warn(
            &[Key("sources")],
            "the old `sources` list cannot say which fact rests on which page or how old it is: write each as a [[source]] table (id, url, title, as_of, seen) and name them with source = \"...\"".into(),
        );
    }
    for (i, s) in profile.source_list.iter().enumerate() {
        match s.as_of {
            None => warn(
                &[Key("source"), Index(i), Key("as_of")],
                format!(
                    "source `{}` has no `as_of` date: if the page carries a date (updated, published), write it; otherwise check it is still current",
                    s.id
                ),
            ),
            Some(d) if d.over_a_year_before(today) => warn(
                &[Key("source"), Index(i), Key("as_of")],
                format!(
                    "source `{}` is dated {d}, more than 12 months ago: look for a newer version and check the facts that rest on it",
                    s.id
                ),
            ),
            _ => {}
        }
    }
    if profile.checked.over_a_year_before(today) {
        warn(
            &[Key("checked")],
            format!(
                "the profile was last compared with its sources on {}, more than 12 months ago: check it again and update `checked`",
                profile.checked
            ),
        );
    }
    let s = &profile.status;
    if s.state != State::Unknown && !profile.uses_source_tables() && s.as_of.is_none() {
        warn(
            &[Key("status"), Key("state")],
            format!(
                "status \"{}\" has no dated source, so matching treats it as not known: add [[source]] tables with status.source and status.as_of, or write state = \"unknown\"",
                state_word(s.state)
            ),
        );
    } else if let Some(d) = s.as_of.filter(|d| d.over_a_year_before(today)) {
        warn(
            &[Key("status"), Key("as_of")],
            format!(
                "the status is dated {d}, more than 12 months ago; matching asks people to check it"
            ),
        );
    }
    for (i, sentence) in profile.eligibility.other.iter().enumerate() {
        warn(
            &[Key("eligibility"), Key("other"), Index(i)],
            format!(
                "\"{}\" is a sentence no check reads: write it as an [[eligibility.ask]] (a yes/no question) or a rule key",
                crate::text::one_line(sentence)
            ),
        );
    }
    for (i, name) in profile.area.local_authorities.iter().enumerate() {
        if crate::places::resolve(name).is_none() {
            let near = crate::places::closest(name);
            let hint = near
                .first()
                .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
            warn(
                &[Key("area"), Key("local_authorities"), Index(i)],
                format!(
                    "`{name}` is not in the list of UK council areas.{hint} Matching can only compare it word for word"
                ),
            );
        }
    }
    if profile.questions.is_empty() && profile.questions_known.is_none() {
        warn(
            &[Key("questions_known")],
            "the profile lists no application questions: add the funder's [[question]]s, or write questions_known = false so drafting says they are not known".into(),
        );
    }
    out
}

pub(crate) fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// A state as written in a profile.
fn state_word(state: State) -> &'static str {
    match state {
        State::Unknown => "unknown",
        State::Open => "open",
        State::Rolling => "rolling",
        State::Closed => "closed",
        State::Opens => "opens",
        State::Deadlines => "deadline",
        State::Yearly => "yearly",
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
pub(crate) fn valid_org_id(id: &str) -> bool {
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

/// A share with a bound, for the committee: "more than 1/2" (exclusive)
/// or "at least 2/3" (inclusive); "half" may stand for 1/2. Returns
/// (exclusive, numerator, denominator).
pub fn parse_bound_share(text: &str) -> Option<(bool, u64, u64)> {
    let text = text.trim().to_lowercase();
    let (exclusive, rest) = if let Some(rest) = text.strip_prefix("more than ") {
        (true, rest)
    } else {
        (false, text.strip_prefix("at least ")?)
    };
    let rest = rest.trim();
    let (n, d) = if rest == "half" {
        (1, 2)
    } else {
        parse_share(rest)?
    };
    Some((exclusive, n, d))
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
        assert!(got[0].starts_with("test.toml:16:1: field `grant.min_pounds`: the minimum grant (£9,000) is above the maximum (£5,000)"), "{}", got[0]);
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

    /// A profile written in the sourced form, using every key the schema
    /// has for rules, status windows, ranges, either/or groups and asks.
    const SOURCED: &str = include_str!("testdata/sourced-fund.toml");

    fn sourced_problems(from: &str, to: &str) -> Vec<String> {
        let changed = SOURCED.replacen(from, to, 1);
        assert_ne!(changed, SOURCED, "the fixture has no {from:?}");
        problems(&changed)
    }

    #[test]
    fn the_sourced_form_parses_every_new_key() {
        let p = check_source("s.toml", SOURCED).expect("valid");
        assert!(p.uses_source_tables());
        assert_eq!(p.status.state, State::Yearly);
        assert_eq!(p.status.usually_opens.map(|m| m.label()), Some("June"));
        assert_eq!(p.status_source_url(), Some("https://example.org/guidance"));
        assert!(p.status_is_sourced());
        assert_eq!(p.grant.under_pounds, Some(10000));
        assert_eq!(
            p.grant.ranges[0].when.organisation_type,
            ["constituted_group"]
        );
        let e = &p.eligibility;
        assert_eq!(e.income_under_pounds, Some(250000));
        assert_eq!(e.any_of[0].options.len(), 3);
        assert_eq!(e.any_of[0].options[2].ask.as_deref(), Some("forecast"));
        assert_eq!(e.asks[1].source.0, ["guidance", "faq"]);
        assert_eq!(e.rules[0].keys().min_committee, Some(3));
        assert!(p.questions_known());
        let today = Day::new(2026, 12, 1).unwrap();
        let w = warnings(&p, "s.toml", SOURCED, today);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].to_string()
                .contains("source `faq` has no `as_of` date"),
            "{}",
            w[0]
        );
        // Written back and read again, nothing is lost.
        let again = check_source("s.toml", &toml::to_string(&p).unwrap()).expect("round trip");
        assert_eq!(again, p);
    }

    #[test]
    fn a_rule_without_a_source_is_refused() {
        let got = sourced_problems("[eligibility]\nsource = \"guidance\"\n", "[eligibility]\n");
        // The flat rules, and the either/or group and the ask that leaned
        // on the section's source.
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].contains(
                "field `eligibility.source`: the rules in [eligibility] rests on no source"
            ),
            "{}",
            got[0]
        );
        assert!(
            got[1].contains("field `eligibility.any_of[1].source`"),
            "{}",
            got[1]
        );
        assert!(
            got[2].contains("field `eligibility.ask[1].source`"),
            "{}",
            got[2]
        );
        let got = sourced_problems(
            "draws_on = [\"project_what\"]\nsource = \"guidance\"",
            "draws_on = [\"project_what\"]",
        );
        assert!(
            got[0].contains("field `question[1].source`: this question rests on no source"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn an_unknown_source_id_names_the_nearest() {
        let got = sourced_problems("source = \"faq\"", "source = \"fac\"");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].contains("field `grant.range[1].source`: `fac` is not in the [[source]] list. Did you mean `faq`?"), "{}", got[0]);
        let got = sourced_problems(
            "source = [\"guidance\", \"faq\"]",
            "source = [\"guidance\", \"faqs\"]",
        );
        assert!(
            got[0].contains("field `eligibility.ask[2].source[2]`"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn a_status_needs_a_dated_source() {
        let got = sourced_problems("as_of = 2026-04-01\n\n[grant]", "\n[grant]");
        assert!(
            got[0].contains("field `status.as_of`: status \"yearly\" needs `as_of`"),
            "{}",
            got[0]
        );
        let unknown = SOURCED.replacen("state = \"yearly\"\nusually_opens = \"june\"\nusually_closes = \"july\"\nsource = \"guidance\"\nas_of = 2026-04-01\n", "", 1);
        let p = check_source("s.toml", &unknown).expect("no status is fine");
        assert_eq!(p.status.state, State::Unknown);
        let got = sourced_problems(
            "state = \"yearly\"\nusually_opens = \"june\"",
            "state = \"yearly\"",
        );
        assert!(got[0].contains("needs `usually_opens`"), "{}", got[0]);
    }

    #[test]
    fn either_or_and_asks_are_checked() {
        let got = sourced_problems(
            "  { under_months_operating = 15 },\n  { ask = \"forecast\" },\n",
            "",
        );
        assert!(got[0].contains("needs at least two"), "{got:#?}");
        let got = sourced_problems("{ ask = \"forecast\" }", "{ ask = \"forcast\" }");
        assert!(
            got[0].contains("field `eligibility.any_of[1].option[3].ask`")
                && got[0].contains("Did you mean `forecast`?"),
            "{}",
            got[0]
        );
        let got = sourced_problems("next 12 months?\"", "next 12 months.\"");
        assert!(got[0].contains("is not a question"), "{}", got[0]);
        let got = sourced_problems("passes = \"no\"", "passes = \"maybe\"");
        assert!(
            got[0].contains("field `eligibility.ask[2].passes`"),
            "{}",
            got[0]
        );
        let got = sourced_problems(
            "income_under_pounds = 250000",
            "income_under_pounds = 250000\nmax_income_pounds = 200000",
        );
        assert!(got[0].contains("not both"), "{}", got[0]);
        let got = sourced_problems("\"more than 1/2\"", "\"most of them\"");
        assert!(
            got[0].contains("not a share of the committee"),
            "{}",
            got[0]
        );
        let got = sourced_problems(
            "when.organisation_type = [\"registered_charity\"]",
            "when.organisation_type = [\"charity\"]",
        );
        assert!(
            got[0].contains("field `eligibility.rule[1].when.organisation_type[1]`"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn old_and_new_source_forms_do_not_mix() {
        let got = sourced_problems(
            "checked = 2026-11-01",
            "checked = 2026-11-01\nsources = [\"https://example.org\"]",
        );
        assert!(
            got[0].contains("both the old `sources` list and [[source]] tables"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn warnings_for_old_stale_and_unread_facts() {
        let old = GOOD.replace(
            "[eligibility]",
            "[eligibility]\nother = [\"Members must live nearby.\"]",
        );
        let p = check_source("t.toml", &old).unwrap();
        let today = Day::new(2027, 12, 1).unwrap();
        let w: Vec<String> = warnings(&p, "t.toml", &old, today)
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(w.len(), 4, "{w:#?}");
        assert!(
            w[0].contains("field `sources`: the old `sources` list"),
            "{}",
            w[0]
        );
        assert!(
            w[1].contains("field `checked`") && w[1].contains("more than 12 months ago"),
            "{}",
            w[1]
        );
        assert!(
            w[2].contains("status \"rolling\" has no dated source"),
            "{}",
            w[2]
        );
        assert!(
            w[3].contains("\"Members must live nearby.\" is a sentence no check reads"),
            "{}",
            w[3]
        );
        let none = GOOD.replace(
            "[[question]]",
            "[[term]]\nterm = \"x\"\nmeaning = \"y\"\n[[unused]]",
        );
        let none = none.split("[[unused]]").next().unwrap().to_string();
        let p = check_source("t.toml", &none).unwrap();
        assert!(
            warnings(&p, "t.toml", &none, today)
                .iter()
                .any(|w| w.problem.contains("write questions_known = false"))
        );
        let stale = SOURCED.replacen("as_of = 2026-04-01", "as_of = 2025-04-01", 1);
        let p = check_source("s.toml", &stale).unwrap();
        let w = warnings(&p, "s.toml", &stale, Day::new(2026, 12, 1).unwrap());
        assert!(
            w.iter().any(|w| w
                .problem
                .contains("source `guidance` is dated 2025-04-01, more than 12 months ago")),
            "{w:#?}"
        );
        // Exactly a year is not yet stale.
        assert!(
            !Day::new(2025, 12, 1)
                .unwrap()
                .over_a_year_before(Day::new(2026, 12, 1).unwrap())
        );
        assert!(
            Day::new(2025, 11, 30)
                .unwrap()
                .over_a_year_before(Day::new(2026, 12, 1).unwrap())
        );
    }

    #[test]
    fn shares() {
        assert_eq!(parse_share("1/3"), Some((1, 3)));
        assert_eq!(parse_share("50%"), Some((50, 100)));
        assert_eq!(parse_share("4/3"), None);
        assert_eq!(parse_share("a third"), None);
        assert_eq!(parse_bound_share("more than 1/2"), Some((true, 1, 2)));
        assert_eq!(parse_bound_share("More than half"), Some((true, 1, 2)));
        assert_eq!(parse_bound_share("at least 2/3"), Some((false, 2, 3)));
        assert_eq!(parse_bound_share("1/2"), None);
        assert!(valid_org_id("GB-CHC-327114"));
        assert!(valid_org_id("GB-GOR-PB188"));
        assert!(!valid_org_id("327114"));
    }
}
