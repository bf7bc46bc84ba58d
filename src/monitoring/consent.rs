//! Consent for members' stories: each story's entry id, the uses agreed,
//! and withdrawal. A withdrawn story keeps only its id, date and the day
//! consent was withdrawn; expired consent (past `until`) keeps the story in
//! the file but out of every output, like withdrawal.

use serde::Serialize;

use crate::dates::Day;
use crate::group::{ConsentState, Grant, Group, LogItem, Story, StoryUse};

fn highest(group: &Group) -> u64 {
    // Stories removed from the log keep their ids in the history, so a
    // new story never takes one of theirs.
    let removed = group
        .grants
        .iter()
        .flat_map(|g| &g.corrections)
        .filter_map(|c| match &c.was {
            LogItem::Story(s) => Some(s),
            _ => None,
        });
    group
        .grants
        .iter()
        .flat_map(|g| &g.stories)
        .chain(removed)
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
    // Earlier versions of the story (edited or removed) go for good too.
    let mut in_history = false;
    for g in &mut group.grants {
        let before = g.corrections.len();
        g.corrections
            .retain(|c| !matches!(&c.was, LogItem::Story(s) if s.id == entry));
        in_history |= g.corrections.len() != before;
    }
    let known: Vec<String> = group
        .grants
        .iter()
        .flat_map(|g| g.stories.iter().map(|s| s.id.clone()))
        .collect();
    if in_history && !known.iter().any(|k| k == entry) {
        return Ok(format!(
            "Consent for {entry} withdrawn on {}: the story had been removed from the log, and its earlier versions are now gone from the group file too.",
            today.for_people()
        ));
    }
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

/// Where a story would go. Each output that uses stories names its
/// audience, and `stories_for` gives it only the stories agreed for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience<'a> {
    /// A return for this grant, to the grant's own funder: the grant's own
    /// stories agreed for `report`.
    Return { grant: &'a str },
    /// A bid (its draft, paste sheet or working copy) to this funder:
    /// stories agreed for `other-funders`, from grants by other funders.
    /// A story from this funder's own grant agreed only for its reports
    /// does not go into a new bid to it either: a bid is not a report.
    Bid { funder: &'a str },
    /// Leaflets, websites, social media: stories agreed for `publicity`.
    Publicity,
}

impl Audience<'_> {
    /// The use a story needs for this audience.
    pub fn needs(self) -> StoryUse {
        match self {
            Audience::Return { .. } => StoryUse::Report,
            Audience::Bid { .. } => StoryUse::OtherFunders,
            Audience::Publicity => StoryUse::Publicity,
        }
    }

    /// Whether a story logged on `grant` may go to this audience today.
    pub fn allows(self, grant: &Grant, story: &Story, today: Day) -> bool {
        let from_here = match self {
            Audience::Return { grant: id } => grant.id == id,
            Audience::Bid { funder } => grant.funder != funder,
            Audience::Publicity => true,
        };
        from_here && story.may_use(self.needs(), today)
    }
}

/// A story an output may use, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsableStory {
    pub entry: String,
    pub grant: String,
    pub funder: String,
    pub date: Day,
    pub text: String,
    pub anonymised: bool,
    pub until: Option<Day>,
}

/// The stories agreed for `audience` and in force on `today`, oldest first.
pub fn stories_for(group: &Group, audience: Audience<'_>, today: Day) -> Vec<UsableStory> {
    usable(group, |g, s| audience.allows(g, s, today))
}

/// Every story agreed for one use and in force on `today`, from any grant
/// (`alongside consent GROUP --use USE`), oldest first.
pub fn stories_agreed(group: &Group, use_: StoryUse, today: Day) -> Vec<UsableStory> {
    usable(group, |_, s| s.may_use(use_, today))
}

fn usable(group: &Group, keep: impl Fn(&Grant, &Story) -> bool) -> Vec<UsableStory> {
    let mut out: Vec<UsableStory> = group
        .grants
        .iter()
        .flat_map(|g| g.stories.iter().map(move |s| (g, s)))
        .filter(|(g, s)| keep(g, s))
        .map(|(g, s)| UsableStory {
            entry: s.id.clone(),
            grant: g.id.clone(),
            funder: g.funder.clone(),
            date: s.date,
            text: s.text.clone(),
            anonymised: s.anonymised,
            until: s.until,
        })
        .collect();
    out.sort_by_key(|s| s.date);
    out
}

/// A story quoted in words going to `audience` that the member did not
/// agree to, or no longer agrees to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quoted {
    pub entry: String,
    pub grant: String,
    pub state: ConsentState,
    /// The words found, as the story has them.
    pub words: String,
}

/// Sentences shorter than this are too common to say a story was quoted.
const QUOTE_WORDS: usize = 5;

fn normalised(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stories whose words (any sentence of five words or more) appear in
/// `text` although the story may not go to `audience` today. The group
/// writes its own wording, so this is how a bid is kept from carrying a
/// member's words they agreed only for one funder's report, or withdrew.
pub fn quoted_without_consent(
    group: &Group,
    text: &str,
    audience: Audience<'_>,
    today: Day,
) -> Vec<Quoted> {
    let withheld: Vec<_> = group
        .grants
        .iter()
        .flat_map(|g| g.stories.iter().map(move |s| (g, s)))
        .filter(|(g, s)| !s.text.is_empty() && !audience.allows(g, s, today))
        .collect();
    if withheld.is_empty() {
        // Nothing to look for: most groups, and every bid before a first
        // grant. Normalising the whole text is most of this check's cost.
        return Vec::new();
    }
    let haystack = format!(" {} ", normalised(text));
    withheld
        .into_iter()
        .filter_map(|(g, s)| {
            let found = super::sentences(&s.text).into_iter().find(|sentence| {
                let n = normalised(sentence);
                n.split(' ').count() >= QUOTE_WORDS && haystack.contains(&format!(" {n} "))
            })?;
            Some(Quoted {
                entry: s.id.clone(),
                grant: g.id.clone(),
                state: s.state(today),
                words: found,
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

    #[test]
    fn each_output_gets_only_the_stories_agreed_for_it() {
        let mut g = group();
        ensure_ids(&mut g);
        let mut other = grant_with_hall("Room");
        other.id = "y".into();
        other.funder = "other".into();
        other.stories = vec![Story {
            id: "story-9".into(),
            uses: vec![StoryUse::OtherFunders],
            ..Story::new(
                day(2026, 5, 3),
                "I came back to the group after a long winter away.".into(),
                true,
            )
        }];
        g.grants.push(other);
        let today = day(2026, 6, 1);
        let ids = |a: Audience<'_>| -> Vec<String> {
            stories_for(&g, a, today)
                .into_iter()
                .map(|s| s.entry)
                .collect()
        };
        assert_eq!(ids(Audience::Return { grant: "x" }), ["story-1", "story-2"]);
        assert_eq!(ids(Audience::Return { grant: "y" }), Vec::<String>::new());
        assert_eq!(ids(Audience::Publicity), ["story-1"]);
        // A bid to the grant's own funder ("f") gets no story agreed only
        // for its reports; a bid to a third funder gets the one agreed for
        // other funders.
        assert_eq!(ids(Audience::Bid { funder: "f" }), ["story-9"]);
        assert_eq!(ids(Audience::Bid { funder: "other" }), Vec::<String>::new());
        assert_eq!(ids(Audience::Bid { funder: "third" }), ["story-9"]);
        // Past its end date, story-1 goes nowhere.
        assert!(stories_for(&g, Audience::Publicity, day(2027, 1, 1)).is_empty());
    }

    #[test]
    fn a_quoted_story_without_consent_for_the_use_is_found() {
        let mut g = group();
        ensure_ids(&mut g);
        g.grants[0].stories[1].text = "My husband laughs again here. It is so quiet.".into();
        let bid = Audience::Bid { funder: "third" };
        let today = day(2026, 6, 1);
        let found = quoted_without_consent(
            &g,
            "Members say: \"my husband  laughs again HERE\" and more.",
            bid,
            today,
        );
        assert_eq!(
            found,
            vec![Quoted {
                entry: "story-2".into(),
                grant: "x".into(),
                state: ConsentState::Agreed,
                words: "My husband laughs again here.".into()
            }]
        );
        // Short sentences are too common to count as a quote.
        assert!(quoted_without_consent(&g, "It is so quiet.", bid, today).is_empty());
        // The story's own report may quote it.
        assert!(
            quoted_without_consent(
                &g,
                "My husband laughs again here.",
                Audience::Return { grant: "x" },
                today
            )
            .is_empty()
        );
    }
}
