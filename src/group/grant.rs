//! Grants the group has been awarded, and the light evidence log kept
//! during each one: sessions, counts, stories, spending and notes. Matching
//! uses grants for funders that give one at a time; `monitoring` turns the
//! log into returns.

use serde::{Deserialize, Serialize};

use crate::bank::BudgetLine;
use crate::dates::Day;
use crate::group::Author;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// Stable id within the group, such as `awards-for-all-england-2027`.
    pub id: String,
    /// The funder profile's id.
    pub funder: String,
    /// The amount awarded, in pence.
    pub pence: i64,
    pub start: Day,
    pub end: Day,
    /// The funder's own reference for the grant, as on its offer letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// How many people the group said would take part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_promised: Option<i64>,
    /// Who writes and signs the returns, and their role in the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_role: Option<String>,
    /// A thank-you line for the funder, in the group's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanks: Option<String>,
    /// The approved budget, line by line (taken from the application).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget: Vec<BudgetLine>,
    /// What the group said it would do or count.
    #[serde(default, rename = "promise", skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<Promise>,
    /// When returns are due, and whether they have been sent.
    #[serde(default, rename = "report", skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<ReportDue>,
    #[serde(default, rename = "session", skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    #[serde(default, rename = "count", skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<Count>,
    #[serde(default, rename = "story", skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<Story>,
    #[serde(default, rename = "spend", skip_serializing_if = "Vec::is_empty")]
    pub spending: Vec<Spend>,
    #[serde(default, rename = "note", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<LogNote>,
    /// Log entries as they were before someone corrected or removed them
    /// (`monitoring::evidence`), oldest first. Never shown in a return.
    #[serde(default, rename = "correction", skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One log entry of any kind, as kept in a correction's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogItem {
    Session(Session),
    Count(Count),
    Story(Story),
    Spend(Spend),
    Note(LogNote),
}

/// What was done to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionKind {
    Edited,
    Removed,
}

/// An entry as it was before it was edited or removed, with who did it and
/// when: nothing logged is lost by correcting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The entry's id when it was changed (`session-3`, `story-2`).
    pub entry: String,
    pub change: CorrectionKind,
    pub at: crate::dates::Moment,
    pub by: Author,
    /// The entry before the change.
    pub was: LogItem,
}

/// One outcome this grant pays for, as a short line in the group's own
/// words, with what will be counted to show it and the number hoped for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// The line: written by the group, or sentences picked from one of its
    /// answers (copied, never retyped).
    pub what: String,
    /// The answer the sentences were picked from, when they were: a bank
    /// question id, or `funder-id/question-id` for per-funder wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// What is counted to show it: `sessions`, `attendance`, `new_people`,
    /// or the name of one of the group's own measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    Interim,
    Final,
}

impl ReportKind {
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Interim => "interim return",
            ReportKind::Final => "final report",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportDue {
    pub kind: ReportKind,
    pub due: Day,
    /// The day it was sent, once it has been.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<Day>,
}

/// One meeting or activity: how many came and how many were new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub date: Day,
    pub came: u32,
    #[serde(default)]
    pub new: u32,
}

/// A number for one of the group's own measures ("went on to volunteer").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub date: Day,
    pub measure: String,
    pub number: i64,
}

/// What a member agreed their story may be used for. Consent to keep a
/// story and consent to use it are separate: a story with no use agreed
/// stays in the group file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum StoryUse {
    /// This grant's own returns to its funder.
    Report,
    /// Bids and reports to other funders.
    OtherFunders,
    /// Leaflets, websites, social media.
    Publicity,
}

impl StoryUse {
    pub const ALL: [StoryUse; 3] = [
        StoryUse::Report,
        StoryUse::OtherFunders,
        StoryUse::Publicity,
    ];

    pub fn id(self) -> &'static str {
        match self {
            StoryUse::Report => "report",
            StoryUse::OtherFunders => "other-funders",
            StoryUse::Publicity => "publicity",
        }
    }
}

/// A member's story or quote, with what the member agreed it may be used
/// for. Only a use agreed, not withdrawn and not past its end date lets a
/// story leave the group file; an anonymised one has had names taken out,
/// which a person has checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The entry's id within the group, such as `story-3`, for
    /// `alongside consent`. Older files have none until next saved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub date: Day,
    /// The story; emptied when consent is withdrawn.
    #[serde(default)]
    pub text: String,
    pub consent: bool,
    /// The uses agreed. A file written before uses were recorded has none:
    /// there, `consent = true` meant this funder's report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<StoryUse>,
    #[serde(default)]
    pub anonymised: bool,
    /// Who checked that no names are left in an anonymised story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_by: Option<Author>,
    /// The last day the consent lasts, when the member gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Day>,
    /// Who recorded the consent, and on which day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_by: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_on: Option<Day>,
    /// The day consent was withdrawn: the text is gone, only this remains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Day>,
}

/// Where a story stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentState {
    Agreed,
    NoConsent,
    Expired,
    Withdrawn,
}

impl Story {
    /// A story with nothing agreed beyond `consent` (for this funder's
    /// report when true) and no id yet.
    pub fn new(date: Day, text: String, consent: bool) -> Story {
        Story {
            id: String::new(),
            date,
            text,
            consent,
            uses: Vec::new(),
            anonymised: false,
            checked_by: None,
            until: None,
            consent_by: None,
            consent_on: None,
            withdrawn: None,
        }
    }

    /// The uses in force, counting an older file's plain `consent = true`
    /// as this funder's report.
    pub fn uses_agreed(&self) -> Vec<StoryUse> {
        if !self.consent {
            Vec::new()
        } else if self.uses.is_empty() {
            vec![StoryUse::Report]
        } else {
            self.uses.clone()
        }
    }

    pub fn state(&self, today: Day) -> ConsentState {
        if self.withdrawn.is_some() {
            ConsentState::Withdrawn
        } else if !self.consent {
            ConsentState::NoConsent
        } else if self.until.is_some_and(|u| today > u) {
            ConsentState::Expired
        } else {
            ConsentState::Agreed
        }
    }

    /// Whether the story may go into an output for `use_` written on
    /// `today`. Every output asks this; nothing else lets a story out.
    pub fn may_use(&self, use_: StoryUse, today: Day) -> bool {
        self.state(today) == ConsentState::Agreed && self.uses_agreed().contains(&use_)
    }
}

/// Money spent from the grant against one budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spend {
    pub date: Day,
    pub pence: i64,
    /// The budget line's item, as in `Grant::budget`.
    pub line: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
}

/// What kind of note: by default, something that did not go to plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    #[default]
    Difficulty,
    WentWell,
    Learned,
    Next,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [
        NoteKind::WentWell,
        NoteKind::Difficulty,
        NoteKind::Learned,
        NoteKind::Next,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            NoteKind::WentWell => "What went well",
            NoteKind::Difficulty => "What did not go to plan",
            NoteKind::Learned => "What we learned",
            NoteKind::Next => "What comes next",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            NoteKind::Difficulty => "difficulty",
            NoteKind::WentWell => "went-well",
            NoteKind::Learned => "learned",
            NoteKind::Next => "next",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogNote {
    pub date: Day,
    pub text: String,
    #[serde(default, skip_serializing_if = "is_difficulty")]
    pub kind: NoteKind,
}

fn is_difficulty(kind: &NoteKind) -> bool {
    *kind == NoteKind::Difficulty
}

impl Grant {
    /// A grant with no log yet.
    pub fn new(id: String, funder: String, pence: i64, start: Day, end: Day) -> Grant {
        Grant {
            id,
            funder,
            pence,
            start,
            end,
            reference: None,
            people_promised: None,
            contact: None,
            contact_role: None,
            thanks: None,
            budget: Vec::new(),
            promises: Vec::new(),
            reports: Vec::new(),
            sessions: Vec::new(),
            counts: Vec::new(),
            stories: Vec::new(),
            spending: Vec::new(),
            notes: Vec::new(),
            corrections: Vec::new(),
        }
    }

    /// Whether the grant is running on `today`.
    pub fn is_active(&self, today: Day) -> bool {
        self.start <= today && today <= self.end
    }

    /// The measures the group chose to count: those named in its promises.
    pub fn measures(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.promises.iter().filter_map(|p| p.measure.as_deref()) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_between_start_and_end_inclusive() {
        let g = Grant::new(
            "x".into(),
            "f".into(),
            100,
            Day::new(2027, 4, 1).unwrap(),
            Day::new(2028, 3, 31).unwrap(),
        );
        assert!(!g.is_active(Day::new(2027, 3, 31).unwrap()));
        assert!(g.is_active(Day::new(2027, 4, 1).unwrap()));
        assert!(g.is_active(Day::new(2028, 3, 31).unwrap()));
        assert!(!g.is_active(Day::new(2028, 4, 1).unwrap()));
    }
}
