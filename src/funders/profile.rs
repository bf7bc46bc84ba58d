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
    /// The old form of provenance: a bare list of web addresses, read so
    /// profiles written before `[[source]]` existed keep loading. `funders
    /// check` warns on it; a profile uses this or `[[source]]`, not both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Where the facts came from, each with an id that sections, rules,
    /// asks and questions name in their own `source` key.
    #[serde(default, rename = "source", skip_serializing_if = "Vec::is_empty")]
    pub source_list: Vec<Source>,
    /// The day the profile was last compared with its sources.
    pub checked: Day,
    /// Whether the `[[question]]` list is the funder's real form (`true`)
    /// or the funder's questions are not known (`false`). Left out, it is
    /// taken from whether the profile lists any questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions_known: Option<bool>,
    /// The day a person last added this profile, or its questions, from the
    /// funder's own form or guidance (`alongside funders new` and
    /// `alongside funders questions`). The questions are then in the
    /// funder's words as pasted, and the person is their source; such a
    /// profile needs no web source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_from_form: Option<Day>,
    /// One or two sentences in plain English about what the funder is for.
    pub summary: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
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

/// One source the profile's facts rest on (`[[source]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A short key that `source = "..."` elsewhere in the profile names.
    pub id: String,
    pub url: String,
    /// The page's or document's own title.
    pub title: String,
    /// The date the source itself carries (updated, published, valid from).
    /// Left out when the source carries none; `funders check` warns then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Day>,
    /// The day someone read it for this profile.
    pub seen: Day,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The source ids a section, rule, ask or question rests on: written
/// `source = "guide"` or `source = ["guide", "faq"]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceIds(pub Vec<String>);

impl SourceIds {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for SourceIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            all => all.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for SourceIds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SourceIds, D::Error> {
        struct Ids;
        impl<'de> serde::de::Visitor<'de> for Ids {
            type Value = SourceIds;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a source id such as \"guide\", or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SourceIds, E> {
                Ok(SourceIds(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SourceIds, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(SourceIds(ids))
            }
        }
        d.deserialize_any(Ids)
    }
}

/// A month of the year, for windows that recur without exact dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Month {
    January,
    February,
    March,
    April,
    May,
    June,
    July,
    August,
    September,
    October,
    November,
    December,
}

impl Month {
    pub const ALL: [Month; 12] = [
        Month::January,
        Month::February,
        Month::March,
        Month::April,
        Month::May,
        Month::June,
        Month::July,
        Month::August,
        Month::September,
        Month::October,
        Month::November,
        Month::December,
    ];

    /// 1 for January to 12 for December.
    pub fn number(self) -> i8 {
        Month::ALL.iter().position(|m| *m == self).unwrap_or(0) as i8 + 1
    }

    pub fn label(self) -> &'static str {
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][usize::from(self.number().unsigned_abs()) - 1]
    }
}

/// Writes a table of a profile whose every key may be left out: each
/// field is its default when the key is missing and is left out when
/// written back while empty (`IsEmpty`), so that is said once, here, and
/// not on every field of every table.
///
/// A table with keys that must be written (or have defaults of their
/// own) lists them first, then `and may leave out` and the rest.
macro_rules! section {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$km:meta])* pub $k:ident : $kt:ty,)*
    } and may leave out {
        $($(#[$fm:meta])* pub $f:ident : $t:ty,)*
    }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$km])* pub $k: $kt,)*
            $($(#[$fm])*
            #[serde(default, skip_serializing_if = "IsEmpty::is_empty")]
            pub $f: $t,)*
        }
    };
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$fm:meta])* pub $f:ident : $t:ty,)*
    }) => {
        section! {
            $(#[$meta])*
            pub struct $name {} and may leave out { $($(#[$fm])* pub $f: $t,)* }
        }
    };
}

section! {
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Status {
        #[serde(default)]
        pub state: State,
    } and may leave out {
        /// When a closed programme opens again (state = "opens").
        pub opens: Option<Day>,
        /// Closing dates for rounds (state = "deadline").
        pub deadlines: Vec<Day>,
        /// For a window that recurs each year without exact dates
        /// (state = "yearly"): the month it usually opens ...
        pub usually_opens: Option<Month>,
        /// ... and the month it usually closes.
        pub usually_closes: Option<Month>,
        /// Which source says so. Needed for any state but `unknown`, and for
        /// the timing rules below.
        pub source: SourceIds,
        /// The date the status was true in its source (the page's date, or the
        /// day it was read if the page has none). Needed for any state but
        /// `unknown`.
        pub as_of: Option<Day>,
        /// The funder's rule: apply at least this many weeks before the project
        /// (or trip) starts.
        pub apply_weeks_before_start: Option<u32>,
        /// The longest the funder says it takes to decide, in weeks. A project
        /// starting sooner than this would start before the money could come.
        pub decides_within_weeks: Option<u32>,
        pub note: Option<String>,
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Nobody has checked, or the sources do not say: the default.
    #[default]
    Unknown,
    /// Taking applications now, with no fixed closing date given.
    Open,
    /// Taking applications all year round.
    Rolling,
    /// Not taking applications.
    Closed,
    /// Closed now; opens on `opens`.
    Opens,
    /// Takes applications up to the dates in `deadlines`.
    #[serde(rename = "deadline", alias = "deadlines")]
    Deadlines,
    /// Opens for a window each year, usually from `usually_opens` to
    /// `usually_closes`, with no exact dates known.
    Yearly,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Unknown => "not known",
            State::Open => "open",
            State::Rolling => "open all year",
            State::Closed => "closed",
            State::Opens => "opens later",
            State::Deadlines => "has closing dates",
            State::Yearly => "opens once a year",
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
    /// An exclusive upper bound: "grants under £10,000".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_pounds: Option<u64>,
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
    /// The most in total over a rolling period (`cap_months`), counting
    /// the grants the group has recorded from `cap_funders` and the ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_pounds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_months: Option<u32>,
    /// Profile ids whose grants count towards the cap; empty means only
    /// this profile's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cap_funders: Vec<String>,
    /// Different amounts for some organisation types.
    #[serde(default, rename = "range", skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<GrantRange>,
    #[serde(default, skip_serializing_if = "SourceIds::is_empty")]
    pub source: SourceIds,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

section! {
    /// Amounts for some organisation types only (`[[grant.range]]`). For a
    /// group of one of these types they replace the grant's own minimum and
    /// maximum (and its longest length, when given).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GrantRange {
        pub when: When,
    } and may leave out {
        pub min_pounds: Option<u64>,
        pub max_pounds: Option<u64>,
        pub under_pounds: Option<u64>,
        pub longest_months: Option<u32>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

/// The condition on a rule, range or ask: it applies only to these
/// organisation types (ids from `organisation_type`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub organisation_type: Vec<String>,
}

impl When {
    /// Whether a rule with this condition applies to a group of type `t`.
    pub fn applies_to(&self, t: &str) -> bool {
        self.organisation_type.iter().any(|x| x == t)
    }
}

impl Default for Grant {
    fn default() -> Grant {
        Grant {
            min_pounds: None,
            max_pounds: None,
            under_pounds: None,
            currency: default_currency(),
            longest_months: None,
            one_at_a_time: false,
            per_year: false,
            cap_pounds: None,
            cap_months: None,
            cap_funders: Vec::new(),
            ranges: Vec::new(),
            source: SourceIds::default(),
            note: None,
        }
    }
}

fn default_currency() -> String {
    "GBP".to_string()
}

section! {
    /// Where the funder gives money. Empty lists mean the whole UK.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Area {
        pub countries: Vec<String>,
        pub regions: Vec<String>,
        pub local_authorities: Vec<String>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

/// Writes a struct holding the shared eligibility rule keys plus its own
/// extra fields, and a `keys()` copying the rule keys out. `[eligibility]`,
/// `[[eligibility.rule]]` and the options of `[[eligibility.any_of]]` all
/// take the same rule keys; serde's `flatten` cannot be combined with
/// `deny_unknown_fields` (which gives "did you mean" on typing mistakes),
/// so the list is written once here and pasted into each struct.
macro_rules! with_rule_keys {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$em:meta])* pub $ef:ident : $et:ty,)* }) => {
        with_rule_keys! { @build $(#[$meta])* $name { $($(#[$em])* $ef : $et,)* }
            /// Organisation types that may apply (ids from `organisation_type`).
            /// Empty means the profile does not say.
            organisation_types: Vec<String>,
            /// A constitution or other written rules are needed.
            governing_document: bool,
            /// A bank account in the group's own name.
            bank_account: bool,
            min_unrelated_signatories: Option<u32>,
            min_committee: Option<u32>,
            min_unrelated_committee: Option<u32>,
            /// The share of the committee that must be unrelated, written
            /// "more than 1/2" or "at least 2/3".
            unrelated_committee_share: Option<String>,
            /// A charity number is needed to ask for more than this.
            charity_registration_above_pounds: Option<u64>,
            min_years_operating: Option<u32>,
            min_months_operating: Option<u32>,
            /// Only groups that have run for less than this many months.
            under_months_operating: Option<u32>,
            /// The least the group's accounts must be (id from `accounts`).
            accounts: Option<String>,
            /// Policies the group must hold (ids from `policy`).
            policies: Vec<String>,
            min_income_pounds: Option<u64>,
            max_income_pounds: Option<u64>,
            /// An exclusive bound: "income under £250,000".
            income_under_pounds: Option<u64>,
            /// An exclusive bound: "income over £10,000".
            income_over_pounds: Option<u64>,
            /// The most the group may ask for, as a share of its yearly
            /// income: "1/3" or "50%".
            max_ask_share_of_income: Option<String>,
            /// Only work for these beneficiary groups (ids from `beneficiary_group`).
            beneficiaries: Vec<String>,
            min_beneficiary_age: Option<u32>,
            max_beneficiary_age: Option<u32>,
            /// Only groups never funded before by `first_grant_funders`.
            first_grant_only: bool,
            /// Profile ids that count for `first_grant_only`; empty means
            /// only this profile.
            first_grant_funders: Vec<String>,
        }
    };
    (@build $(#[$meta:meta])* $name:ident { $($(#[$em:meta])* $ef:ident : $et:ty,)* }
        $($(#[doc = $doc:literal])* $f:ident : $t:ty,)*) => {
        section! {
            $(#[$meta])*
            pub struct $name {
                $($(#[$em])* pub $ef: $et,)*
                $($(#[doc = $doc])* pub $f: $t,)*
            }
        }
        impl $name {
            /// The rule keys alone, to check them the same way wherever
            /// they are written.
            pub fn keys(&self) -> RuleKeys {
                RuleKeys { $($f: self.$f.clone(),)* }
            }
        }
    };
}

/// "Nothing written" for each type a rule key can have, so a key left out
/// is also left out when a profile is written back.
trait IsEmpty {
    fn is_empty(&self) -> bool;
}

impl<T> IsEmpty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl<T> IsEmpty for Option<T> {
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl IsEmpty for SourceIds {
    fn is_empty(&self) -> bool {
        SourceIds::is_empty(self)
    }
}

impl IsEmpty for bool {
    fn is_empty(&self) -> bool {
        !*self
    }
}

with_rule_keys! {
    /// The eligibility rule keys on their own.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct RuleKeys {}
}

with_rule_keys! {
    /// Who can apply (`[eligibility]`): rules for every applicant, plus
    /// conditional rules, either/or groups and questions for the person.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Eligibility {
        /// Yes/no questions for the person about what the tool cannot know.
        #[serde(rename = "ask")]
        pub asks: Vec<Ask>,
        /// Rules that apply only to some organisation types.
        #[serde(rename = "rule")]
        pub rules: Vec<Rule>,
        /// Groups of rules of which one is enough.
        pub any_of: Vec<AnyOf>,
        /// Old form: rules in sentences, which no check can read. `funders
        /// check` warns on each; write them as asks or rules.
        pub other: Vec<String>,
        pub note: Option<String>,
        /// The source for the rule keys written directly in `[eligibility]`
        /// and the default for its rules, groups and asks.
        pub source: SourceIds,
    }
}

with_rule_keys! {
    /// A rule (`[[eligibility.rule]]`) or one option of an either/or group:
    /// any rule keys, optionally only for some organisation types, or
    /// `ask` naming an ask whose passing answer meets it.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Rule {
        pub when: Option<When>,
        /// The id of an `[[eligibility.ask]]`: met when its answer passes.
        pub ask: Option<String>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

impl RuleKeys {
    /// Whether no rule key is written.
    pub fn is_empty(&self) -> bool {
        *self == RuleKeys::default()
    }
}

section! {
    /// Either/or rules (`[[eligibility.any_of]]`): met when one option is met.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AnyOf {
        /// Unique among the groups; the criterion id is `any_of.<id>`.
        pub id: String,
        #[serde(rename = "option")]
        pub options: Vec<Rule>,
    } and may leave out {
        pub when: Option<When>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

/// Which answer to a yes/no ask meets the funder's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    Yes,
    No,
}

impl YesNo {
    pub fn as_bool(self) -> bool {
        self == YesNo::Yes
    }
}

section! {
    /// A yes/no question for the person about a rule the tool cannot check
    /// (`[[eligibility.ask]]`). Unanswered it is `unknown`; criterion id
    /// `ask.<id>`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Ask {
        /// Unique among the asks, lower-case with hyphens.
        pub id: String,
        /// A plain-English yes/no question, such as "Has the group had a grant
        /// from Children in Need before?"
        pub question: String,
        /// The answer that meets the funder's rule.
        pub passes: YesNo,
        /// What to do when the answer does not pass.
        pub fix: String,
    } and may leave out {
        pub when: Option<When>,
        pub source: SourceIds,
    }
}

section! {
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Costs {
        /// Cost categories the funder pays for (ids from `cost_category`).
        pub funds: Vec<String>,
        pub does_not_fund: Vec<String>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

section! {
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Priorities {
        /// Themes the funder cares about (ids from `theme`).
        pub themes: Vec<String>,
        /// The priorities in plain words.
        pub described: Vec<String>,
        /// The application must meet at least one priority.
        pub must_meet_one: bool,
        /// Priority to groups with a yearly income at or under this.
        pub prefers_income_under_pounds: Option<u64>,
        /// Priority to groups led by or for these communities.
        pub prefers_communities: Vec<String>,
        /// The funder expects its grants to pay for services delivered to other
        /// people (not only members helping each other).
        pub expects_services: bool,
        pub source: SourceIds,
        pub note: Option<String>,
    }
}

section! {
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Application {
        /// Papers to send (ids from `document`).
        pub documents: Vec<String>,
        /// How to apply and what happens next, in plain words.
        pub how: Option<String>,
        /// The funder refuses bids written by paid bid writers.
        pub own_words_required: bool,
        pub source: SourceIds,
    }
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
    /// Where the question's words and limits come from.
    #[serde(default, skip_serializing_if = "SourceIds::is_empty")]
    pub source: SourceIds,
}

fn yes() -> bool {
    true
}

section! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Term {
        pub term: String,
        pub meaning: String,
    } and may leave out {
        pub source: SourceIds,
    }
}

section! {
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Monitoring {
        pub style: Option<MonitoringStyle>,
        #[serde(rename = "report")]
        pub reports: Vec<Report>,
        /// What the funder asks to be told or shown.
        pub asks: Vec<String>,
        pub keep_records_years: Option<u32>,
        pub source: SourceIds,
        pub note: Option<String>,
    }
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

section! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Report {
        pub name: String,
        pub when: ReportWhen,
    } and may leave out {
        /// Months after the grant starts (interim) or ends (final). Left out
        /// when the funder does not say: the group then enters the due date.
        pub months: Option<u32>,
        pub note: Option<String>,
    }
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

    /// Whether the profile records its sources as `[[source]]` tables (the
    /// form whose rules must each name a source).
    pub fn uses_source_tables(&self) -> bool {
        !self.source_list.is_empty()
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_list.iter().find(|s| s.id == id)
    }

    /// The web address behind the status, when it names a known source.
    pub fn status_source_url(&self) -> Option<&str> {
        let id = self.status.source.0.first()?;
        self.source(id).map(|s| s.url.as_str())
    }

    /// Whether the status rests on a source with a date, so a verdict may
    /// rely on it. An undated or unsourced state is treated as unknown.
    pub fn status_is_sourced(&self) -> bool {
        self.status.state != State::Unknown
            && self.status.as_of.is_some()
            && self.status_source_url().is_some()
    }

    /// Whether the funder's application questions are known (see
    /// `questions_known`).
    pub fn questions_known(&self) -> bool {
        self.questions_known.unwrap_or(!self.questions.is_empty())
    }

    /// Every source as (web address, its own date), in either form.
    pub fn source_urls(&self) -> Vec<(&str, Option<Day>)> {
        if self.uses_source_tables() {
            self.source_list
                .iter()
                .map(|s| (s.url.as_str(), s.as_of))
                .collect()
        } else {
            self.sources.iter().map(|u| (u.as_str(), None)).collect()
        }
    }
}
