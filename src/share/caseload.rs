//! The caseload: every group in the (shared) data folder with what needs a
//! support worker's attention, and whether the group is taking over its own
//! writing. `alongside caseload` prints it; the full-screen program's
//! caseload screen draws it. Built only from the group files and the
//! funder profiles; nothing here touches git, so it works whether or not
//! the folder is shared.

use serde::Serialize;

use crate::bank::Bank;
use crate::dates::{Day, Moment};
use crate::funders::Catalogue;
use crate::funders::profile::State;
use crate::group::{Author, Group};
use crate::monitoring::DueReturn;
use crate::paths::DataDir;

/// A bid being drafted (wording written this year, not yet sent) and its
/// funder's next closing date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftDeadline {
    pub funder: String,
    /// The funder's name, or its id when there is no profile for it here.
    pub funder_name: String,
    /// The funder's state as its profile says ("open", "has closing
    /// dates", ...), or "unknown" without a profile.
    pub status: String,
    /// The next closing date on or after today, when the profile gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
}

/// The newest change in a group file and who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastChange {
    pub at: Moment,
    pub by: Author,
    /// What changed: a question id, `funder/question` for wording, or
    /// `note on QUESTION`.
    pub what: String,
    /// The same in words a person knows: the question's own words, "the
    /// wording for FUNDER". Ids stay in `what`, for `--json`.
    #[serde(skip)]
    pub said: String,
}

/// One group on the caseload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseloadGroup {
    pub slug: String,
    pub name: String,
    /// The yearly round the group is in.
    pub round: u32,
    /// Returns overdue or due in the next 30 days (as `alongside due`).
    pub returns: Vec<DueReturn>,
    pub drafting: Vec<DraftDeadline>,
    /// Answers marked "check this".
    pub check_this: Vec<String>,
    /// Answers two copies changed differently, waiting for a person.
    pub conflicts: Vec<String>,
    pub last_change: Option<LastChange>,
    /// The group's own share of the words of its answers this year, in
    /// percent (as `alongside progress`); none when there are no words.
    pub group_share_this_year: Option<usize>,
    /// The same for last year's round; none in the first year.
    pub group_share_last_year: Option<usize>,
    /// In a shared data folder: the newest commit that changed this group,
    /// naming who was at the keyboard and on which computer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_shared: Option<super::CommitLine>,
}

impl CaseloadGroup {
    /// Whether anything here needs someone to act.
    pub fn needs_attention(&self) -> bool {
        !self.returns.is_empty()
            || self.drafting.iter().any(|d| d.days_left.is_some())
            || !self.check_this.is_empty()
            || !self.conflicts.is_empty()
    }

    /// The fewest days left before something is due (negative: overdue).
    pub fn soonest(&self) -> Option<i64> {
        self.returns
            .iter()
            .map(|r| r.days_left)
            .chain(self.drafting.iter().filter_map(|d| d.days_left))
            .min()
    }

    /// "taking over", "leaning on the supporter more" or "about the same",
    /// comparing the group's share of the words with last year's.
    pub fn trend(&self) -> Option<&'static str> {
        let (now, before) = (self.group_share_this_year?, self.group_share_last_year?);
        Some(match now.cmp(&before) {
            std::cmp::Ordering::Greater => "taking over",
            std::cmp::Ordering::Less => "leaning on the supporter more",
            std::cmp::Ordering::Equal => "about the same",
        })
    }

    /// The group's lines for people: name, what needs attention, the last
    /// change, the group's share of its words (the CLI prints them; the
    /// full-screen caseload draws them).
    pub fn lines(&self) -> Vec<String> {
        let g = self;
        let mut out = vec![format!(
            "{}  {} (year {})",
            g.slug,
            crate::text::one_line(&g.name),
            g.round
        )];
        let attention = g.attention();
        if attention.is_empty() {
            out.push("  needs: nothing just now".to_string());
        } else {
            out.push(format!("  needs: {}", attention.join("; ")));
        }
        match &g.last_change {
            Some(c) => out.push(format!(
                "  last change: {} by {} ({})",
                c.at.for_people(),
                c.by.label(),
                c.said
            )),
            None => out.push("  last change: no answers yet".to_string()),
        }
        if let Some(c) = &g.last_shared {
            out.push(format!(
                "  last shared: {} by {}",
                c.at.for_people(),
                crate::text::one_line(&c.author)
            ));
        }
        let pct = |p: Option<usize>| p.map_or("no words yet".to_string(), |p| format!("{p}%"));
        let mut words = format!(
            "  the group's own words: {} this year",
            pct(g.group_share_this_year)
        );
        if g.round > 1 {
            words.push_str(&format!(", {} last year", pct(g.group_share_last_year)));
        }
        if let Some(trend) = g.trend() {
            words.push_str(&format!(" ({trend})"));
        }
        out.push(words);
        out
    }

    /// Everything that needs attention, one short phrase each.
    pub fn attention(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.returns {
            out.push(format!(
                "{} for {} {}",
                r.kind.label(),
                r.funder,
                crate::monitoring::when_words(r.days_left)
            ));
        }
        for d in &self.drafting {
            match (d.deadline, d.days_left) {
                (Some(day), Some(left)) => out.push(format!(
                    "bid to {} closes {} ({})",
                    d.funder_name,
                    day.for_people(),
                    closing_words(left)
                )),
                _ => out.push(format!(
                    "bid to {} being drafted ({})",
                    d.funder_name, d.status
                )),
            }
        }
        if !self.check_this.is_empty() {
            out.push(format!(
                "{} to check",
                crate::text::count(self.check_this.len(), "answer")
            ));
        }
        if !self.conflicts.is_empty() {
            out.push(format!(
                "{} to choose between two copies",
                crate::text::count(self.conflicts.len(), "answer")
            ));
        }
        out
    }
}

fn closing_words(days_left: i64) -> String {
    match days_left {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n => format!("in {n} days"),
    }
}

/// The whole caseload, most urgent first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caseload {
    pub today: Day,
    pub groups: Vec<CaseloadGroup>,
    /// Group files that could not be read (listed, never touched).
    pub problems: Vec<String>,
}

/// Builds the caseload for every group in the data folder.
pub fn caseload(data: &DataDir, bank: &Bank, catalogue: &Catalogue, today: Day) -> Caseload {
    let (summaries, problems) = crate::store::list_groups(data);
    let mut shared = super::last_changes(data);
    let mut groups: Vec<CaseloadGroup> = summaries
        .iter()
        .map(|s| {
            let mut line = for_group(&s.group, bank, catalogue, today);
            line.last_shared = shared.remove(&s.slug);
            line
        })
        .collect();
    groups.sort_by(|a, b| {
        let key = |g: &CaseloadGroup| (!g.needs_attention(), g.soonest().unwrap_or(i64::MAX));
        key(a).cmp(&key(b)).then_with(|| a.slug.cmp(&b.slug))
    });
    Caseload {
        today,
        groups,
        problems,
    }
}

/// One group's line of the caseload.
pub fn for_group(g: &Group, bank: &Bank, catalogue: &Catalogue, today: Day) -> CaseloadGroup {
    let returns = crate::monitoring::due_returns(
        g.grants
            .iter()
            .map(|grant| (g.slug.as_str(), g.name.as_str(), grant)),
        today,
    );
    let drafting = g
        .wording
        .iter()
        .filter(|(funder, questions)| {
            questions.values().any(|a| a.round == g.round)
                && !g
                    .applications()
                    .iter()
                    .any(|app| app.funder == **funder && app.round == g.round)
        })
        .map(|(funder, _)| deadline(funder, catalogue, today))
        .collect();
    let check_this = g
        .answers
        .iter()
        .filter(|(_, a)| a.check)
        .map(|(id, _)| id.clone())
        .collect();
    let rounds = g.round_history(bank);
    let share = |round: u32| {
        rounds
            .iter()
            .find(|r| r.round == round)
            .filter(|r| r.words.total() > 0)
            .map(|r| r.words.percent(Author::Group))
    };
    CaseloadGroup {
        slug: g.slug.clone(),
        name: g.name.clone(),
        round: g.round,
        returns,
        drafting,
        check_this,
        conflicts: g.conflicts.keys().cloned().collect(),
        last_change: last_change(g, bank),
        group_share_this_year: share(g.round),
        group_share_last_year: g.round.checked_sub(1).and_then(share),
        last_shared: None,
    }
}

fn deadline(funder: &str, catalogue: &Catalogue, today: Day) -> DraftDeadline {
    let Some(loaded) = catalogue.get(funder) else {
        return DraftDeadline {
            funder: funder.to_string(),
            funder_name: funder.to_string(),
            status: "unknown".to_string(),
            deadline: None,
            days_left: None,
        };
    };
    let status = &loaded.profile.status;
    let next = match status.state {
        State::Deadlines => status
            .deadlines
            .iter()
            .filter(|d| **d >= today)
            .min()
            .copied(),
        _ => None,
    };
    DraftDeadline {
        funder: funder.to_string(),
        funder_name: loaded.profile.name.clone(),
        status: status.state.label().to_string(),
        deadline: next,
        days_left: next.map(|d| (d.0 - today.0).get_days() as i64),
    }
}

fn last_change(g: &Group, bank: &Bank) -> Option<LastChange> {
    let answers = g
        .answers
        .iter()
        .map(|(id, a)| (a.at, a.by, id.clone(), bank.name_of(id)));
    let wording = g.wording.iter().flat_map(|(funder, qs)| {
        qs.iter().map(move |(q, a)| {
            (
                a.at,
                a.by,
                format!("{funder}/{q}"),
                format!("the wording for {funder}"),
            )
        })
    });
    let notes = g.notes.iter().map(|(q, a)| {
        (
            a.at,
            a.by,
            format!("note on {q}"),
            format!("a note on {}", bank.name_of(q)),
        )
    });
    answers
        .chain(wording)
        .chain(notes)
        .max_by_key(|(at, _, _, _)| *at)
        .map(|(at, by, what, said)| LastChange { at, by, what, said })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::AnswerValue;

    fn at(secs: i64) -> Moment {
        Moment::from_unix_seconds(1_800_000_000 + secs).unwrap()
    }

    #[test]
    fn a_group_shows_what_needs_attention_and_who_changed_it_last() {
        let bank = Bank::builtin().unwrap();
        let mut g = Group::new("Caseload Test", "caseload-test", at(0));
        g.set_answer(
            "group_name",
            AnswerValue::Text("Caseload Test".into()),
            Author::Group,
            at(1),
        );
        g.set_answer(
            "year_started",
            AnswerValue::Number(2001),
            Author::Group,
            at(1),
        );
        g.set_answer(
            "regular_members",
            AnswerValue::Number(9),
            Author::Supporter,
            at(5),
        );
        g.answers.get_mut("year_started").unwrap().check = true;
        g.set_wording(
            "nobody-has-this-id",
            "q1",
            "Our words".into(),
            Author::Group,
            at(3),
        );
        let line = for_group(&g, bank, &Catalogue::default(), at(9).local_day());
        assert_eq!(line.check_this, ["year_started"]);
        assert_eq!(line.drafting.len(), 1);
        assert_eq!(line.drafting[0].status, "unknown");
        let last = line.last_change.clone().unwrap();
        assert_eq!(
            (last.by, last.what.as_str()),
            (Author::Supporter, "regular_members")
        );
        assert!(line.needs_attention());
        assert_eq!(line.group_share_last_year, None);
        assert_eq!(line.group_share_this_year, Some(100));
        assert!(
            line.attention()
                .iter()
                .any(|a| a.contains("1 answer to check"))
        );
    }
}
