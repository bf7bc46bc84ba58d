//! Adding to the evidence log. Each function checks everything first and
//! changes nothing when something is wrong, so a bad date, an unknown
//! budget line or a negative amount records nothing. On success it says, in
//! a sentence, what it recorded, plus any warnings worth knowing.

use crate::dates::Day;
use crate::group::{Author, Count, Grant, LogNote, NoteKind, Session, Spend, Story};
use crate::text::{format_pence, one_line};

/// What was recorded, and anything to watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub said: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}. Nothing was recorded")]
pub struct LogError(pub String);

fn check_date(grant: &Grant, date: Day, today: Day) -> Result<(), LogError> {
    if date > today {
        return Err(LogError(format!(
            "{} is in the future; log things once they have happened",
            date.for_people()
        )));
    }
    if date < grant.start || date > grant.end {
        return Err(LogError(format!(
            "{} is outside the grant, which runs from {} to {}",
            date.for_people(),
            grant.start.for_people(),
            grant.end.for_people()
        )));
    }
    Ok(())
}

pub fn session(
    grant: &mut Grant,
    date: Day,
    came: u32,
    new: u32,
    today: Day,
) -> Result<Logged, LogError> {
    check_date(grant, date, today)?;
    if new > came {
        return Err(LogError(format!(
            "{new} new people is more than the {came} who came"
        )));
    }
    grant.sessions.push(Session { date, came, new });
    grant.sessions.sort_by_key(|s| s.date);
    Ok(Logged {
        said: format!(
            "Recorded a session on {}: {came} came, {new} new.",
            date.for_people()
        ),
        warnings: Vec::new(),
    })
}

/// The special measures worked out from sessions rather than counted.
pub const SESSION_MEASURES: [&str; 3] = ["sessions", "attendance", "new_people"];

pub fn count(
    grant: &mut Grant,
    date: Day,
    measure: &str,
    number: i64,
    today: Day,
) -> Result<Logged, LogError> {
    check_date(grant, date, today)?;
    if number < 0 {
        return Err(LogError(format!("{number} is below zero")));
    }
    let known: Vec<&str> = grant
        .measures()
        .into_iter()
        .filter(|m| !SESSION_MEASURES.contains(m))
        .collect();
    let Some(found) = known
        .iter()
        .find(|m| m.eq_ignore_ascii_case(measure.trim()))
        .map(|m| m.to_string())
    else {
        let list = if known.is_empty() {
            "this grant has no measures of its own yet; add one with a promise (alongside promise ... --measure NAME)".to_string()
        } else {
            format!("the measures for this grant are: {}", known.join(", "))
        };
        return Err(LogError(format!(
            "`{}` is not one of the measures; {list}",
            one_line(measure)
        )));
    };
    grant.counts.push(Count {
        date,
        measure: found.clone(),
        number,
    });
    grant.counts.sort_by_key(|c| c.date);
    Ok(Logged {
        said: format!(
            "Recorded {number} for \"{found}\" on {}.",
            date.for_people()
        ),
        warnings: Vec::new(),
    })
}

/// Words that might be names: capitalised words that do not start a
/// sentence. A person checks; this only points.
pub fn possible_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut sentence_start = true;
    for word in text.split_whitespace() {
        let clean: String = word
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '\'' || *c == '-')
            .collect();
        let capital = clean.chars().next().is_some_and(char::is_uppercase);
        if capital && !sentence_start && clean != "I" && !out.contains(&clean) {
            out.push(clean);
        }
        sentence_start = word.ends_with(['.', '!', '?', ':']) || word.ends_with(".\"");
    }
    out
}

pub struct NewStory<'a> {
    /// The entry's id (`consent::next_id`).
    pub id: String,
    pub date: Day,
    pub text: &'a str,
    pub consent: bool,
    /// The uses agreed; with consent and none given, this funder's report.
    pub uses: Vec<crate::group::StoryUse>,
    /// The last day the consent lasts.
    pub until: Option<Day>,
    /// Who is recording the consent.
    pub by: Author,
    pub anonymised: bool,
    /// Who checked the names are gone (needed when anonymised).
    pub checked_by: Option<Author>,
}

pub fn story(grant: &mut Grant, new: NewStory<'_>, today: Day) -> Result<Logged, LogError> {
    check_date(grant, new.date, today)?;
    let text = crate::text::sanitize(new.text, true);
    let text = text.trim();
    if text.is_empty() {
        return Err(LogError("the story is empty".to_string()));
    }
    if new.anonymised && new.checked_by.is_none() {
        return Err(LogError(
            "an anonymised story needs a person to check that no names are left: say who checked it (--checked-by group, supporter or together)".to_string(),
        ));
    }
    let mut warnings = Vec::new();
    if new.anonymised {
        let names = possible_names(text);
        if !names.is_empty() {
            warnings.push(format!("Check these are not names: {}.", names.join(", ")));
        }
    }
    if !new.consent && !new.uses.is_empty() {
        return Err(LogError(
            "uses were given without consent: with --uses, say --consent yes".to_string(),
        ));
    }
    if new.until.is_some_and(|u| u < new.date) {
        return Err(LogError(
            "the consent ends (--until) before the story was told".to_string(),
        ));
    }
    if !new.consent {
        warnings.push(
            "Without consent this story stays in the group's file and is never put in a return."
                .to_string(),
        );
    }
    let mut uses = new.uses.clone();
    if new.consent && uses.is_empty() {
        uses.push(crate::group::StoryUse::Report);
    }
    uses.sort();
    uses.dedup();
    let id = new.id.clone();
    let agreed: Vec<&str> = uses.iter().map(|u| u.id()).collect();
    grant.stories.push(Story {
        id: new.id,
        date: new.date,
        text: text.to_string(),
        consent: new.consent,
        uses,
        anonymised: new.anonymised,
        checked_by: new.checked_by,
        until: new.until,
        consent_by: new.consent.then_some(new.by),
        consent_on: new.consent.then_some(today),
        withdrawn: None,
    });
    grant.stories.sort_by_key(|s| s.date);
    let kind = match (new.consent, new.anonymised) {
        (true, true) => format!(
            "an anonymised story, with consent for {}",
            agreed.join(", ")
        ),
        (true, false) => format!("a story, with consent for {}", agreed.join(", ")),
        (false, _) => "a story, without consent".to_string(),
    };
    Ok(Logged {
        said: format!("Recorded {kind}, on {} ({id}).", new.date.for_people()),
        warnings,
    })
}

/// The budget line a person meant: its item name (any case) or its number.
fn find_line<'a>(grant: &'a Grant, typed: &str) -> Option<&'a str> {
    let typed = typed.trim();
    if let Ok(n) = typed.parse::<usize>() {
        return n
            .checked_sub(1)
            .and_then(|i| grant.budget.get(i))
            .map(|l| l.item.as_str());
    }
    grant
        .budget
        .iter()
        .find(|l| l.item.eq_ignore_ascii_case(typed))
        .map(|l| l.item.as_str())
}

/// Pence spent so far on one budget line.
pub fn spent_on(grant: &Grant, line: &str) -> i64 {
    grant
        .spending
        .iter()
        .filter(|s| s.line == line)
        .map(|s| s.pence)
        .fold(0, i64::saturating_add)
}

pub fn spend(
    grant: &mut Grant,
    date: Day,
    pence: i64,
    line: &str,
    receipt: Option<&str>,
    today: Day,
) -> Result<Logged, LogError> {
    check_date(grant, date, today)?;
    if pence < 0 {
        return Err(LogError(format!("{} is below zero", format_pence(pence))));
    }
    if grant.budget.is_empty() {
        return Err(LogError("this grant has no budget lines to spend against; they come from the application's budget when the grant is recorded".to_string()));
    }
    let Some(item) = find_line(grant, line).map(str::to_string) else {
        let lines: Vec<String> = grant
            .budget
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}. {}", i + 1, l.item))
            .collect();
        return Err(LogError(format!(
            "there is no budget line `{}`; the lines are: {}",
            one_line(line),
            lines.join("; ")
        )));
    };
    let budget = grant
        .budget
        .iter()
        .filter(|l| l.item == item)
        .map(|l| l.pence)
        .fold(0, i64::saturating_add);
    let receipt = receipt
        .map(crate::text::one_line)
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    grant.spending.push(Spend {
        date,
        pence,
        line: item.clone(),
        receipt,
    });
    grant.spending.sort_by_key(|s| s.date);
    let spent = spent_on(grant, &item);
    let mut warnings = Vec::new();
    if spent > budget {
        warnings.push(format!(
            "\"{item}\" is now over its budget: {} spent of {} ({} over). Funders usually want to hear before money is moved between lines.",
            format_pence(spent),
            format_pence(budget),
            format_pence(spent.saturating_sub(budget))
        ));
    }
    Ok(Logged {
        said: format!(
            "Recorded {} spent on \"{item}\" on {} ({} of {} used).",
            format_pence(pence),
            date.for_people(),
            format_pence(spent),
            format_pence(budget)
        ),
        warnings,
    })
}

pub fn note(
    grant: &mut Grant,
    date: Day,
    text: &str,
    kind: NoteKind,
    today: Day,
) -> Result<Logged, LogError> {
    check_date(grant, date, today)?;
    let text = crate::text::sanitize(text, true);
    let text = text.trim();
    if text.is_empty() {
        return Err(LogError("the note is empty".to_string()));
    }
    grant.notes.push(LogNote {
        date,
        text: text.to_string(),
        kind,
    });
    grant.notes.sort_by_key(|n| n.date);
    Ok(Logged {
        said: format!(
            "Recorded a note under \"{}\", on {}.",
            kind.heading(),
            date.for_people()
        ),
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::Promise;
    use crate::monitoring::fixtures::{day, grant_with_hall};

    fn grant() -> Grant {
        let mut g = grant_with_hall("Hall hire");
        g.promises = vec![Promise {
            what: "Members go on to volunteer".into(),
            from: Some("monitoring_counts".into()),
            measure: Some("went on to volunteer".into()),
            target: Some(3),
        }];
        g
    }

    const TODAY: fn() -> Day = || day(2026, 10, 1);

    #[test]
    fn sessions_and_their_checks() {
        let mut g = grant();
        let ok = session(&mut g, day(2026, 4, 8), 12, 2, TODAY()).unwrap();
        assert_eq!(
            ok.said,
            "Recorded a session on 8 April 2026: 12 came, 2 new."
        );
        let before = g.clone();
        assert!(
            session(&mut g, day(2026, 3, 31), 5, 0, TODAY())
                .unwrap_err()
                .to_string()
                .contains("outside the grant")
        );
        assert!(
            session(&mut g, day(2026, 10, 2), 5, 0, TODAY())
                .unwrap_err()
                .to_string()
                .contains("in the future")
        );
        assert!(
            session(&mut g, day(2026, 5, 1), 5, 6, TODAY())
                .unwrap_err()
                .to_string()
                .ends_with("Nothing was recorded")
        );
        assert_eq!(g, before, "bad entries record nothing");
    }

    #[test]
    fn counts_use_the_groups_own_measures() {
        let mut g = grant();
        count(&mut g, day(2026, 6, 1), "Went on to volunteer", 1, TODAY()).unwrap();
        assert_eq!(g.counts[0].measure, "went on to volunteer");
        let err = count(&mut g, day(2026, 6, 1), "went to the moon", 1, TODAY())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the measures for this grant are: went on to volunteer"),
            "{err}"
        );
        assert!(count(&mut g, day(2026, 6, 1), "went on to volunteer", -1, TODAY()).is_err());
    }

    #[test]
    fn stories_need_a_checker_when_anonymised_and_point_at_names() {
        let mut g = grant();
        let new = |anonymised, checked_by| NewStory {
            id: "story-1".into(),
            date: day(2026, 7, 1),
            text: "Coming here helped me. Then Maria said I should try the choir.",
            consent: true,
            uses: Vec::new(),
            until: None,
            by: Author::Group,
            anonymised,
            checked_by,
        };
        assert!(
            story(&mut g, new(true, None), TODAY())
                .unwrap_err()
                .to_string()
                .contains("--checked-by")
        );
        let ok = story(&mut g, new(true, Some(Author::Supporter)), TODAY()).unwrap();
        assert_eq!(ok.warnings, vec!["Check these are not names: Maria."]);
        let quiet = story(
            &mut g,
            NewStory {
                consent: false,
                ..new(false, None)
            },
            TODAY(),
        )
        .unwrap();
        assert!(quiet.warnings[0].contains("never put in a return"));
    }

    #[test]
    fn spending_to_the_penny_with_a_warning_over_budget() {
        let mut g = grant();
        let ok = spend(
            &mut g,
            day(2026, 5, 1),
            45_550,
            "hall hire",
            Some("R1"),
            TODAY(),
        )
        .unwrap();
        assert_eq!(
            ok.said,
            "Recorded £455.50 spent on \"Hall hire\" on 1 May 2026 (£455.50 of £910 used)."
        );
        assert!(ok.warnings.is_empty());
        let over = spend(&mut g, day(2026, 6, 1), 45_451, "1", None, TODAY()).unwrap();
        assert_eq!(spent_on(&g, "Hall hire"), 91_001);
        assert!(
            over.warnings[0].contains("£910.01 spent of £910 (£0.01 over)"),
            "{:?}",
            over.warnings
        );
        let err = spend(&mut g, day(2026, 6, 1), 100, "Biscuits", None, TODAY())
            .unwrap_err()
            .to_string();
        assert!(err.contains("1. Hall hire; 2. Tea"), "{err}");
        assert!(spend(&mut g, day(2026, 6, 1), -1, "Tea", None, TODAY()).is_err());
    }

    #[test]
    fn notes_by_kind() {
        let mut g = grant();
        note(
            &mut g,
            day(2026, 8, 1),
            "The hall flooded in August.",
            NoteKind::Difficulty,
            TODAY(),
        )
        .unwrap();
        assert!(note(&mut g, day(2026, 8, 1), "  ", NoteKind::Learned, TODAY()).is_err());
        assert_eq!(g.notes.len(), 1);
    }

    #[test]
    fn names_are_pointed_at_not_removed() {
        assert_eq!(
            possible_names("We went to Brighton. It was lovely and Sam came."),
            vec!["Brighton", "Sam"]
        );
        assert!(possible_names("I love it. Really.").is_empty());
    }
}
