//! Consent for members' stories: each story's entry id, the uses agreed,
//! and withdrawal. A withdrawn story keeps only its id, date and the day
//! consent was withdrawn; expired consent (past `until`) keeps the story in
//! the file but out of every output, like withdrawal.

use serde::Serialize;

use crate::dates::Day;
use crate::group::{ConsentState, Group, StoryUse};

fn highest(group: &Group) -> u64 {
    group
        .grants
        .iter()
        .flat_map(|g| &g.stories)
        .filter_map(|s| s.id.strip_prefix("story-")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
}

/// The id the next story logged gets: `story-N`, one past the highest.
pub fn next_id(group: &Group) -> String {
    format!("story-{}", highest(group) + 1)
}

/// Gives every story without an id (from an older file) the next
/// `story-N`. Returns whether any changed, so the caller knows to save.
pub fn ensure_ids(group: &mut Group) -> bool {
    let mut next = highest(group);
    let mut changed = false;
    for story in group.grants.iter_mut().flat_map(|g| g.stories.iter_mut()) {
        if story.id.is_empty() {
            next += 1;
            story.id = format!("story-{next}");
            changed = true;
        }
    }
    changed
}

/// One story as `alongside consent` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentRow {
    pub entry: String,
    pub grant: String,
    pub date: Day,
    pub state: ConsentState,
    pub uses: Vec<StoryUse>,
    pub anonymised: bool,
    pub until: Option<Day>,
    pub withdrawn: Option<Day>,
    /// The first words, to recognise it (empty once withdrawn).
    pub begins: String,
}

pub fn list(group: &Group, today: Day) -> Vec<ConsentRow> {
    group
        .grants
        .iter()
        .flat_map(|g| g.stories.iter().map(move |s| (g, s)))
        .map(|(g, s)| ConsentRow {
            entry: s.id.clone(),
            grant: g.id.clone(),
            date: s.date,
            state: s.state(today),
            uses: s.uses_agreed(),
            anonymised: s.anonymised,
            until: s.until,
            withdrawn: s.withdrawn,
            begins: s
                .text
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConsentError(pub String);

/// Withdraws consent for one story: its words and uses are removed for
/// good, and the day of withdrawal is kept.
pub fn withdraw(group: &mut Group, entry: &str, today: Day) -> Result<String, ConsentError> {
    let known: Vec<String> = group
        .grants
        .iter()
        .flat_map(|g| g.stories.iter().map(|s| s.id.clone()))
        .collect();
    let Some(story) = group
        .grants
        .iter_mut()
        .flat_map(|g| g.stories.iter_mut())
        .find(|s| s.id == entry)
    else {
        return Err(ConsentError(if known.is_empty() {
            "this group has no stories logged".to_string()
        } else {
            format!(
                "there is no story `{entry}`; the stories are: {}",
                known.join(", ")
            )
        }));
    };
    if let Some(day) = story.withdrawn {
        return Err(ConsentError(format!(
            "consent for {entry} was already withdrawn on {}",
            day.for_people()
        )));
    }
    story.withdrawn = Some(today);
    story.consent = false;
    story.text.clear();
    story.uses.clear();
    story.checked_by = None;
    story.until = None;
    Ok(format!(
        "Consent for {entry} withdrawn on {}: its words are gone from the group file and it will not appear in anything written from now on.",
        today.for_people()
    ))
}

/// Reads `--uses report,other-funders,publicity`.
pub fn parse_uses(typed: &str) -> Result<Vec<StoryUse>, String> {
    typed
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| {
            StoryUse::ALL
                .into_iter()
                .find(|k| k.id() == u)
                .ok_or_else(|| {
                    format!("`{u}` is not a use; the uses are: report, other-funders, publicity")
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::Story;
    use crate::monitoring::fixtures::{day, grant_with_hall};

    fn group() -> Group {
        let mut g = crate::demo::demo_group().unwrap();
        let mut grant = grant_with_hall("Hall");
        grant.id = "x".into();
        grant.stories = vec![
            Story {
                uses: vec![StoryUse::Report, StoryUse::Publicity],
                until: Some(day(2026, 12, 31)),
                ..Story::new(day(2026, 5, 1), "Kept and agreed".into(), true)
            },
            Story::new(day(2026, 5, 2), "Old file consent".into(), true),
        ];
        g.grants = vec![grant];
        g
    }

    #[test]
    fn uses_expiry_and_withdrawal_decide_every_output() {
        let mut g = group();
        assert!(ensure_ids(&mut g));
        assert!(!ensure_ids(&mut g), "ids are given once");
        let s = &g.grants[0].stories;
        assert_eq!((s[0].id.as_str(), s[1].id.as_str()), ("story-1", "story-2"));
        let today = day(2026, 6, 1);
        assert!(s[0].may_use(StoryUse::Report, today) && s[0].may_use(StoryUse::Publicity, today));
        assert!(
            !s[0].may_use(StoryUse::OtherFunders, today),
            "not agreed for other funders"
        );
        assert!(
            s[1].may_use(StoryUse::Report, today) && !s[1].may_use(StoryUse::Publicity, today),
            "an older file's consent means this funder's report only"
        );
        assert_eq!(s[0].state(day(2027, 1, 1)), ConsentState::Expired);
        assert!(!s[0].may_use(StoryUse::Report, day(2027, 1, 1)));
        let said = withdraw(&mut g, "story-1", today).unwrap();
        assert!(said.contains("withdrawn on 1 June 2026"), "{said}");
        let s = &g.grants[0].stories[0];
        assert_eq!(
            (s.text.as_str(), s.withdrawn, s.uses.is_empty()),
            ("", Some(today), true)
        );
        assert_eq!(s.state(today), ConsentState::Withdrawn);
        assert!(
            withdraw(&mut g, "story-1", today)
                .unwrap_err()
                .0
                .contains("already withdrawn")
        );
        assert!(
            withdraw(&mut g, "story-9", today)
                .unwrap_err()
                .0
                .contains("story-1, story-2")
        );
        assert_eq!(list(&g, today)[0].begins, "");
        assert_eq!(list(&g, today)[1].begins, "Old file consent");
    }

    #[test]
    fn uses_are_read_by_their_names() {
        assert_eq!(
            parse_uses("report, publicity").unwrap(),
            vec![StoryUse::Report, StoryUse::Publicity]
        );
        assert!(
            parse_uses("report,radio")
                .unwrap_err()
                .contains("`radio` is not a use")
        );
    }
}
