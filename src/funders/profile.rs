//! The funder profile schema: what one funder's TOML file may say.
//! Every table denies unknown keys, so a typo is an error that names the
//! nearest known key instead of a rule silently ignored.
//! Amounts in profiles are whole pounds (as funders write them); the rest of
//! the program works in pence.

use serde::{Deserialize, Serialize};

use crate::dates::Day;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable id, lower-case with hyphens: `awards-for-all-england`.
    pub id: String,
    /// The programme's name as people know it.
    pub name: String,
    /// The organisation that gives the money.
    pub funder: String,
    /// An org-id.guide identifier such as GB-CHC-327114, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    pub kind: FunderKind,
    /// The funder's web address; empty when nobody has given it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    /// Where each fact came from. At least one, unless the profile was
    /// added by hand from the funder's form (`added_from_form`).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The day the facts were last checked against the sources.
    pub checked: Day,
    /// The day a person last added this profile, or its questions, from the
    /// funder's own form or guidance (`alongside funders new` and
    /// `alongside funders questions`). The questions are then in the
    /// funder's words as pasted, and the person is their source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_from_form: Option<Day>,
    /// One or two sentences in plain English about what the funder is for.
    pub summary: String,
    pub status: Status,
    pub grant: Grant,
    #[serde(default)]
    pub area: Area,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default)]
    pub costs: Costs,
    #[serde(default)]
    pub priorities: Priorities,
    #[serde(default)]
    pub application: Application,
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<FunderQuestion>,
    /// The funder's own words, explained.
    #[serde(default, rename = "term", skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub monitoring: Monitoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunderKind {
    Lottery,
    Trust,
    CommunityFoundation,
    Corporate,
    Council,
    Parish,
    NationalCharity,
    /// Nobody has said what kind of funder it is (a profile added by hand).
    Unknown,
}

impl FunderKind {
    pub fn label(self) -> &'static str {
        match self {
            FunderKind::Lottery => "lottery",
            FunderKind::Trust => "trust or foundation",
            FunderKind::CommunityFoundation => "community foundation",
            FunderKind::Corporate => "company",
            FunderKind::Council => "council",
            FunderKind::Parish => "parish or town council",
            FunderKind::NationalCharity => "national charity",
            FunderKind::Unknown => "kind not known",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub state: State,
    /// When a closed programme opens again (state = "opens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<Day>,
    /// Closing dates for rounds (state = "deadlines").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Day>,
    /// The funder's rule: apply at least this many weeks before the project
    /// (or trip) starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_weeks_before_start: Option<u32>,
    /// The longest the funder says it takes to decide, in weeks. A project
    /// starting sooner than this would start before the money could come.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decides_within_weeks: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Taking applications now, with no fixed closing date given.
    Open,
    /// Taking applications all year round.
    Rolling,
    /// Not taking applications.
    Closed,
    /// Closed now; opens on `opens`.
    Opens,
    /// Takes applications up to the dates in `deadlines`.
    Deadlines,
    /// Nobody has checked whether it is taking applications (a profile
    /// added by hand).
    Unknown,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Rolling => "open all year",
            State::Closed => "closed",
            State::Opens => "opens later",
            State::Deadlines => "has closing dates",
            State::Unknown => "not known whether open",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_pounds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pounds: Option<u64>,
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The longest the grant may last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_months: Option<u32>,
    /// Only one grant from this programme at a time.
    #[serde(default)]
    pub one_at_a_time: bool,
    /// The minimum and maximum are for each year of the grant, not in total.
    #[serde(default)]
    pub per_year: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_currency() -> String {
    "GBP".to_string()
}

/// Where the funder gives money. Empty lists mean the whole UK.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_authorities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Organisation types that may apply (ids from `organisation_type`).
    /// Empty means the profile does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisation_types: Vec<String>,
    #[serde(default)]
    pub governing_document: bool,
    /// A bank account in the group's own name.
    #[serde(default)]
    pub bank_account: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_unrelated_signatories: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_committee: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_unrelated_committee: Option<u32>,
    /// A charity number is needed to ask for more than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charity_registration_above_pounds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years_operating: Option<u32>,
    /// The least the group's accounts must be (id from `accounts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<String>,
    /// Policies the group must hold (ids from `policy`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_income_pounds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_income_pounds: Option<u64>,
    /// The most the group may ask for, as a share of its yearly income:
    /// "1/3" or "50%".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_ask_share_of_income: Option<String>,
    /// Only work for these beneficiary groups (ids from `beneficiary_group`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiaries: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_beneficiary_age: Option<u32>,
    /// Rules a person must check themselves (the program cannot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Cost categories the funder pays for (ids from `cost_category`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub does_not_fund: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priorities {
    /// Themes the funder cares about (ids from `theme`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// The priorities in plain words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub described: Vec<String>,
    /// The application must meet at least one priority.
    #[serde(default)]
    pub must_meet_one: bool,
    /// Priority to groups with a yearly income at or under this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefers_income_under_pounds: Option<u64>,
    /// Priority to groups led by or for these communities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefers_communities: Vec<String>,
    /// The funder expects its grants to pay for services delivered to other
    /// people (not only members helping each other).
    #[serde(default)]
    pub expects_services: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Papers to send (ids from `document`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// How to apply and what happens next, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    /// The funder refuses bids written by paid bid writers.
    #[serde(default)]
    pub own_words_required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunderQuestion {
    pub id: String,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_words: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_words: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// Whether the funder's character count includes spaces.
    #[serde(default = "yes")]
    pub chars_include_spaces: bool,
    /// Question-bank ids whose answers this question draws on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub draws_on: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tips: Option<String>,
    /// The funder says this question need not be answered.
    #[serde(default)]
    pub optional: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<MonitoringStyle>,
    #[serde(default, rename = "report", skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<Report>,
    /// What the funder asks to be told or shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asks: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_records_years: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonitoringStyle {
    /// Tell us in your own words.
    Narrative,
    /// A few numbers and a short story.
    LightNumbers,
    /// Targets set in advance and reported against in figures.
    StatisticalTargets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub name: String,
    pub when: ReportWhen,
    /// Months after the grant starts (interim) or ends (final). Left out
    /// when the funder does not say: the group then enters the due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportWhen {
    /// During the grant, `months` after it starts.
    Interim,
    /// After the grant, `months` after it ends.
    Final,
    /// Every year of the grant.
    Yearly,
}

impl Profile {
    pub fn is_closed(&self) -> bool {
        self.status.state == State::Closed
    }
}
