//! Matching a group against funder profiles. Pure functions: a group, a
//! profile and today's date in; verdicts, reasons and warnings out. The
//! command line and the full-screen program both show what these return.
//!
//! - `criteria`: eligibility, one sentence per rule, with what would change
//!   a "no" and which question answers an "unknown".
//! - `fit`: how well an eligible funder suits the group, with reasons.
//! - `ethos`: warnings about demands that clash with how the group wants to
//!   run, shown separately and never hidden.

mod criteria;
mod ethos;
mod fit;

use serde::Serialize;

use crate::bank::AnswerValue;
use crate::dates::Day;
use crate::funders::Profile;
use crate::group::Group;
use crate::vocab::Vocabularies;

pub use criteria::{facts_age, join_words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every rule this profile states is met.
    Eligible,
    /// Nothing fails, but some answers are missing or need checking.
    Check,
    /// At least one rule is not met.
    NotEligible,
    /// Not taking applications now.
    Closed,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "eligible",
            Verdict::Check => "check",
            Verdict::NotEligible => "not eligible",
            Verdict::Closed => "closed",
        }
    }

    /// A few words for people, to follow a funder's name.
    pub fn short(self) -> &'static str {
        match self {
            Verdict::Eligible => "you can apply",
            Verdict::Check => "you may be able to apply",
            Verdict::NotEligible => "you cannot apply yet",
            Verdict::Closed => "not taking applications",
        }
    }

    /// A heading for people.
    pub fn heading(self) -> &'static str {
        match self {
            Verdict::Eligible => "You can apply",
            Verdict::Check => "You may be able to apply: answer or check the points marked",
            Verdict::NotEligible => "You cannot apply yet: what would change it",
            Verdict::Closed => "Not taking applications now",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

impl Outcome {
    /// A short text mark that reads aloud well and needs no colour.
    pub fn mark(self) -> &'static str {
        match self {
            Outcome::Pass => "yes",
            Outcome::Fail => "NO ",
            Outcome::Unknown => "?  ",
        }
    }
}

/// One rule of a funder, checked against the group. In `match --json`
/// the fields are `id`, `status`, `message`, `fix` and `question`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// A stable name for the rule, such as `bank_account`, `ask.range`,
    /// `ask.<ask id>` or `any_of.<group id>`.
    #[serde(rename = "id")]
    pub key: String,
    #[serde(rename = "status")]
    pub outcome: Outcome,
    /// One sentence for people naming the group's answer and the funder's
    /// rule. No ids: those stay in `key` and `question`.
    #[serde(rename = "message")]
    pub sentence: String,
    /// For a fail: what would change it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// For an unknown an answer would settle: the question-bank id to
    /// answer, or `ask.<id>` for one of the funder's asks. None when only
    /// the funder can settle it (the sentence then says to check with them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// How well a funder suits the group, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    /// 0 to 100; only for ranking, never shown as a promise.
    pub score: u32,
    /// The strongest reasons first.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// A demand that clashes with a value the group chose.
    ValuesClash,
    /// A grant large against the group's income.
    LargeGrant,
    /// Heavy reporting for a small sum.
    HeavyReporting,
}

/// A warning beside the verdict; `id` and `message` in `match --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EthosFlag {
    #[serde(rename = "id")]
    pub kind: FlagKind,
    #[serde(rename = "message")]
    pub sentence: String,
}

/// The whole answer for one funder. Serialized as one entry of `match
/// --json` (docs/formats.md section 7).
#[derive(Debug, Clone, Serialize)]
pub struct FunderMatch {
    /// The funder profile's id.
    #[serde(rename = "funder")]
    pub id: String,
    pub name: String,
    pub verdict: Verdict,
    pub criteria: Vec<Criterion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit: Option<Fit>,
    pub flags: Vec<EthosFlag>,
    /// The day the profile was last compared with its sources.
    pub checked: Day,
    /// The profile's status as written (`unknown`, `rolling`, ...); the
    /// `status` criterion says whether it can be relied on.
    pub status: crate::funders::profile::State,
    /// "facts checked 14 months ago", for people.
    #[serde(skip)]
    pub facts_age: String,
}

impl FunderMatch {
    pub fn failing(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| c.outcome == Outcome::Fail)
    }

    pub fn unknown(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria
            .iter()
            .filter(|c| c.outcome == Outcome::Unknown)
    }
}

/// The amount the group would ask for: its project total.
pub fn the_ask(group: &Group) -> Option<i64> {
    match group.value("project_total") {
        Some(AnswerValue::Money(p)) => Some(*p),
        _ => None,
    }
}

/// Checks one funder against the group.
pub fn match_one(
    group: &Group,
    profile: &Profile,
    today: Day,
    vocab: &Vocabularies,
) -> FunderMatch {
    let facts = criteria::Facts {
        group,
        vocab,
        today,
        ask: the_ask(group),
    };
    let criteria = criteria::check_all(profile, &facts);
    // Closed only on a dated source that says so; a status nobody can
    // vouch for is "unknown", which makes the verdict "check".
    let status_failed = criteria
        .iter()
        .any(|c| c.key == "status" && c.outcome == Outcome::Fail);
    let verdict = if status_failed {
        Verdict::Closed
    } else if criteria.iter().any(|c| c.outcome == Outcome::Fail) {
        Verdict::NotEligible
    } else if criteria.iter().any(|c| c.outcome == Outcome::Unknown) {
        Verdict::Check
    } else {
        Verdict::Eligible
    };
    let fit =
        matches!(verdict, Verdict::Eligible | Verdict::Check).then(|| fit::fit(profile, &facts));
    FunderMatch {
        id: profile.id.clone(),
        name: profile.name.clone(),
        verdict,
        criteria,
        fit,
        flags: ethos::flags(profile, &facts),
        checked: profile.checked,
        status: profile.status.state,
        facts_age: criteria::facts_age(profile.checked, today),
    }
}

/// Checks every funder and orders them: eligible by fit, then those to
/// check by fit, then not eligible, then closed; names break ties.
pub fn match_all<'a>(
    group: &Group,
    profiles: impl IntoIterator<Item = &'a Profile>,
    today: Day,
    vocab: &Vocabularies,
) -> Vec<FunderMatch> {
    let mut all: Vec<FunderMatch> = profiles
        .into_iter()
        .map(|p| match_one(group, p, today, vocab))
        .collect();
    all.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then_with(|| {
                b.fit
                    .as_ref()
                    .map_or(0, |f| f.score)
                    .cmp(&a.fit.as_ref().map_or(0, |f| f.score))
            })
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    all
}

#[cfg(test)]
mod tests;
