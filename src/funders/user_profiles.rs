//! Writing the user's own funder profiles: a funder added by hand, and
//! questions brought in from a funder's form (`<data-dir>/funders/ID.toml`).
//!
//! Profiles are built as `Profile` values and written by the TOML
//! serializer, then read back through `check_source`, so a written file
//! always passes the same schema and checks as a built-in one and any field
//! the schema gains is written without changes here.
//!
//! Only what a person said goes in: the name, the organisation and web
//! address they gave, the questions in the funder's words. Everything else
//! is left out (which the schema reads as "not known"), and the status is
//! `unknown` until someone checks.

use std::path::{Path, PathBuf};

use super::form::{FormQuestion, next_free_id, question_ids};
use super::profile::{
    Application, Area, Costs, Eligibility, FunderKind, FunderQuestion, Grant, Monitoring,
    Priorities, Profile, Source, Status,
};
use super::{Catalogue, Origin, check_source};
use crate::dates::Day;

/// What a person gives to add a funder. Kept as a struct so another way of
/// filling it (from open grants data, say) only adds a constructor.
#[derive(Debug, Clone, Default)]
pub struct NewFunder {
    pub id: String,
    pub name: String,
    /// The organisation that gives the money, when it is not the name.
    pub organisation: Option<String>,
    pub website: Option<String>,
}

/// A profile that could not be made or saved, in words for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ProfileError(pub String);

/// Checks the id a person chose before anything else is done with it.
pub fn check_new_id(catalogue: &Catalogue, id: &str) -> Result<(), ProfileError> {
    if !crate::text::is_valid_slug(id) {
        let hint = crate::text::slugify(id).map_or(String::new(), |s| format!(", such as `{s}`"));
        return Err(ProfileError(format!(
            "`{id}` cannot be a funder id: use lower-case letters, digits and hyphens{hint}"
        )));
    }
    if let Some(existing) = catalogue.get(id) {
        return Err(ProfileError(format!(
            "there is already a funder `{id}` ({}, {}). To add its questions: alongside funders questions {id} --questions-from FILE",
            existing.profile.name,
            existing.origin.describe()
        )));
    }
    Ok(())
}

/// An id for a funder named `name` that no profile has yet: its name as a
/// slug, with `-2`, `-3` ... added if that is taken (for the full-screen
/// program, which does not ask for one).
pub fn free_id(catalogue: &Catalogue, name: &str) -> String {
    let base = crate::text::slugify(name).unwrap_or_else(|| "funder".to_string());
    let mut id = base.clone();
    let mut n = 2;
    while catalogue.get(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A new profile holding only what the person gave, dated `today`.
pub fn new_profile(new: &NewFunder, today: Day) -> Profile {
    let name = new.name.trim().to_string();
    let funder = new
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map_or_else(|| name.clone(), str::to_string);
    let website = new
        .website
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    Profile {
        id: new.id.clone(),
        name,
        funder,
        org_id: None,
        kind: FunderKind::Unknown,
        // The web address, when given, is where the name came from.
        sources: Vec::new(),
        source_list: if website.is_empty() {
            Vec::new()
        } else {
            vec![Source {
                id: "website".to_string(),
                url: website.clone(),
                title: format!(
                    "{}: the funder's website, as given when it was added",
                    new.name.trim()
                ),
                as_of: None,
                seen: today,
                note: None,
            }]
        },
        website,
        checked: today,
        questions_known: None,
        added_from_form: Some(today),
        summary: format!(
            "Added by hand on {}. Only its name and the questions from its form are recorded: check the funder's own guidance for who it funds, how much and when.",
            today.for_people()
        ),
        // Nobody has checked whether it is open (`unknown`, the default),
        // and nothing is known about amounts.
        status: Status::default(),
        grant: Grant::default(),
        area: Area::default(),
        eligibility: Eligibility::default(),
        costs: Costs::default(),
        priorities: Priorities::default(),
        application: Application::default(),
        questions: Vec::new(),
        terms: Vec::new(),
        monitoring: Monitoring::default(),
    }
}

/// What a new profile started from the open grants data holds, and what
/// the person should know about it.
#[derive(Debug, Clone)]
pub struct FromData {
    pub profile: Profile,
    /// What the data gave that could not go in (a web address without
    /// `https://`, an identifier that is not an org-id).
    pub notes: Vec<String>,
}

/// A new profile started from what the published grants data says about a
/// funder: its name and web address (unless the person gives their own in
/// `given`, whose empty fields are filled from the data) and its org-id. What it gave is said in the summary as what it gave, with the
/// data as the source; nothing is written as its rules (no amounts,
/// areas or eligibility), its status is `unknown` and its kind unknown.
pub fn from_grants_data(
    given: &NewFunder,
    data: &crate::grants_data::FunderSummary,
    today: Day,
) -> FromData {
    let mut notes = Vec::new();
    let filled = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let data_website = filled(data.website.as_deref()).filter(|w| {
        let ok = super::check::is_web_address(w);
        if !ok {
            notes.push(format!(
                "The data gives its website as `{w}`, which is not a web address starting with https://, so it was left out: add it with --website https://..."
            ));
        }
        ok
    });
    let new = NewFunder {
        id: given.id.clone(),
        name: filled(Some(&given.name)).unwrap_or_else(|| data.name.trim().to_string()),
        organisation: filled(given.organisation.as_deref()),
        website: filled(given.website.as_deref()).or(data_website),
    };
    let mut profile = new_profile(&new, today);
    if super::check::valid_org_id(&data.org_id) {
        profile.org_id = Some(data.org_id.clone());
    } else {
        notes.push(format!(
            "The data names the funder `{}`, which is not an org-id such as GB-CHC-327114, so the profile has no org_id: `nearby` will not link the two",
            data.org_id
        ));
    }
    let latest = data
        .latest
        .as_deref()
        .and_then(|d| d.parse::<Day>().ok())
        .map_or(String::new(), |d| {
            format!(", the latest on {}", d.for_people())
        });
    profile.summary = format!(
        "Started on {} from published grants data (360Giving): in that data it {} ({} grants, {} to small or unregistered groups{latest}). That is what it gave, not its rules: check the funder's own guidance for who it funds, how much and when.",
        today.for_people(),
        data.gave,
        data.grants,
        data.small_groups,
    );
    FromData { profile, notes }
}

/// What adding questions did, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// New questions.
    pub added: Vec<String>,
    /// Questions already in the profile with the same words, whose limits
    /// were set to the form's (their id, and the group's wording for them,
    /// stay as they were).
    pub updated: Vec<String>,
}

/// Adds questions read from a form. A question whose words match one the
/// profile already has (ignoring case and spacing) keeps its id and
/// `draws_on` and takes the form's limits, so pasting the same form twice
/// does not make two of each.
pub fn add_questions(profile: &mut Profile, questions: &[FunderQuestion], today: Day) -> Added {
    let mut added = Added::default();
    for q in questions {
        let same = |p: &FunderQuestion| normalise(&p.prompt) == normalise(&q.prompt);
        if let Some(existing) = profile.questions.iter_mut().find(|p| same(p)) {
            existing.min_words = q.min_words;
            existing.max_words = q.max_words;
            existing.max_chars = q.max_chars;
            existing.chars_include_spaces = q.chars_include_spaces;
            existing.optional = q.optional;
            if q.tips.is_some() {
                existing.tips = q.tips.clone();
            }
            added.updated.push(existing.id.clone());
        } else {
            let mut q = q.clone();
            let taken: Vec<String> = profile.questions.iter().map(|p| p.id.clone()).collect();
            if taken.contains(&q.id) {
                q.id = next_free_id(&taken);
            }
            added.added.push(q.id.clone());
            profile.questions.push(q);
        }
    }
    profile.added_from_form = Some(today);
    // The list now holds the funder's own questions, from its form.
    if !profile.questions.is_empty() {
        profile.questions_known = Some(true);
    }
    added
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The questions read from a form, with ids that follow its numbering
/// (`add_questions` gives another id to one that clashes).
pub fn form_questions(form: &[FormQuestion]) -> Vec<FunderQuestion> {
    question_ids(form, &[])
        .into_iter()
        .zip(form)
        .map(|(id, q)| q.to_funder_question(id))
        .collect()
}

/// The profile as TOML, checked by the same schema and checks as every
/// profile before it is returned.
pub fn to_toml(profile: &Profile) -> Result<String, ProfileError> {
    let text = toml::to_string(profile)
        .map_err(|e| ProfileError(format!("could not write the profile: {e}")))?;
    let header = "# A funder profile added in alongside. Questions are in the funder's own words.\n# It can be edited by hand: `alongside funders check` finds mistakes.\n\n";
    let text = format!("{header}{text}");
    check_source(&format!("funders/{}.toml", profile.id), &text).map_err(|problems| {
        ProfileError(
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(text)
}

/// Where a profile is saved: back to the user's own file it came from, or
/// `<funders_dir>/ID.toml` for a new one or a copy of a built-in one (which
/// then replaces the built-in, keeping its sources).
pub fn save_path(funders_dir: &Path, profile: &Profile, origin: Option<&Origin>) -> PathBuf {
    match origin {
        Some(Origin::File(path)) => path.clone(),
        _ => funders_dir.join(format!("{}.toml", profile.id)),
    }
}

/// Writes the profile atomically, creating the folder if needed.
pub fn save(path: &Path, profile: &Profile) -> Result<(), ProfileError> {
    let text = to_toml(profile)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| ProfileError(format!("could not make {}: {e}", dir.display())))?;
    }
    crate::store::write_atomic(path, text.as_bytes())
        .map_err(|e| ProfileError(format!("could not write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funders::form::parse;
    use crate::funders::{Catalogue, Sources};

    fn today() -> Day {
        Day::new(2026, 12, 1).unwrap()
    }

    fn local() -> NewFunder {
        NewFunder {
            id: "riverside-trust".into(),
            name: "Riverside Trust Small Grants".into(),
            organisation: Some("Riverside Trust".into()),
            website: None,
        }
    }

    #[test]
    fn a_new_profile_says_only_what_was_given_and_passes_the_schema() {
        let mut p = new_profile(&local(), today());
        let form = parse("1. What will you do? (max 300 words)\n2. Who will benefit?");
        let added = add_questions(&mut p, &form_questions(&form.questions), today());
        assert_eq!(added.added, vec!["q1", "q2"]);
        let text = to_toml(&p).unwrap();
        let back = check_source("x.toml", &text).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.status.state, super::super::profile::State::Unknown);
        assert_eq!(back.kind, FunderKind::Unknown);
        assert!(back.sources.is_empty() && back.source_list.is_empty());
        assert!(back.grant.max_pounds.is_none());
        assert!(!text.contains("website"), "{text}");
        assert_eq!(back.questions[0].max_words, Some(300));
        assert_eq!(back.questions[1].max_words, None);
    }

    #[test]
    fn a_website_becomes_the_source_and_must_be_an_address() {
        let mut new = local();
        new.website = Some("https://riverside.example.org".into());
        let p = new_profile(&new, today());
        assert_eq!(p.source_list[0].url, "https://riverside.example.org");
        assert!(to_toml(&p).is_ok());
        new.website = Some("riverside.example.org".into());
        let err = to_toml(&new_profile(&new, today())).unwrap_err();
        assert!(err.0.contains("website"), "{err}");
    }

    fn data_summary() -> crate::grants_data::FunderSummary {
        let mut s = crate::grants_data::FunderSummary {
            org_id: "GB-CHC-1000001".into(),
            name: "Solent Stroke Trust".into(),
            website: Some("https://solent-stroke.example".into()),
            grants: 7,
            min_pence: Some(30_000),
            max_pence: Some(500_000),
            median_pence: Some(80_000),
            small_groups: 5,
            earliest: Some("2024-05-01".into()),
            latest: Some("2025-03-12".into()),
            gave: String::new(),
        };
        s.gave = crate::grants_data::summary::gave(&s);
        s
    }

    #[test]
    fn a_profile_from_grants_data_shows_what_it_gave_and_sets_no_rules() {
        let given = NewFunder {
            id: "solent-stroke".into(),
            ..NewFunder::default()
        };
        let made = from_grants_data(&given, &data_summary(), today());
        assert!(made.notes.is_empty(), "{:?}", made.notes);
        let p = made.profile;
        let back = check_source("x.toml", &to_toml(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        assert_eq!(p.name, "Solent Stroke Trust");
        assert_eq!(p.funder, "Solent Stroke Trust");
        assert_eq!(p.org_id.as_deref(), Some("GB-CHC-1000001"));
        assert_eq!(p.website, "https://solent-stroke.example");
        assert_eq!(p.status.state, super::super::profile::State::Unknown);
        assert_eq!(p.kind, FunderKind::Unknown);
        assert_eq!(p.grant, Grant::default());
        assert_eq!(p.area, Area::default());
        assert!(
            p.summary.contains(
                "it gave £300–£5,000, median £800, in 2024–25 (7 grants, 5 to small or unregistered groups, the latest on 12 March 2025). That is what it gave, not its rules"
            ),
            "{}",
            p.summary
        );
    }

    #[test]
    fn what_the_person_gives_wins_and_what_the_schema_refuses_is_left_out() {
        let mut data = data_summary();
        data.website = Some("www.solent-stroke.example".into());
        data.org_id = "360G-solent".into();
        let given = NewFunder {
            id: "solent".into(),
            name: "Solent Small Grants".into(),
            ..NewFunder::default()
        };
        let made = from_grants_data(&given, &data, today());
        assert_eq!(made.profile.name, "Solent Small Grants");
        assert_eq!(made.profile.website, "");
        assert_eq!(made.profile.org_id, None);
        assert_eq!(made.notes.len(), 2, "{:?}", made.notes);
        assert!(made.notes[0].contains("www.solent-stroke.example"));
        assert!(made.notes[1].contains("360G-solent"));
        assert!(to_toml(&made.profile).is_ok());
        let given = NewFunder {
            id: "solent".into(),
            website: Some("https://solent.example.org".into()),
            ..NewFunder::default()
        };
        let made = from_grants_data(&given, &data, today());
        assert_eq!(made.profile.website, "https://solent.example.org");
        assert_eq!(made.profile.name, "Solent Stroke Trust");
    }

    #[test]
    fn a_hand_made_profile_without_the_form_marker_still_needs_a_source() {
        let mut p = new_profile(&local(), today());
        p.added_from_form = None;
        assert!(to_toml(&p).unwrap_err().0.contains("source"));
    }

    #[test]
    fn ids_are_checked_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = Catalogue::load(&Sources::Standard {
            user_dir: dir.path().to_path_buf(),
        });
        assert!(check_new_id(&catalogue, "riverside-trust").is_ok());
        let err = check_new_id(&catalogue, "Riverside Trust").unwrap_err();
        assert!(err.0.contains("`riverside-trust`"), "{err}");
        let taken = &catalogue.profiles[0].profile.id;
        let err = check_new_id(&catalogue, taken).unwrap_err();
        assert!(err.0.contains("funders questions"), "{err}");
    }

    #[test]
    fn the_same_form_twice_updates_instead_of_doubling() {
        let mut p = new_profile(&local(), today());
        let first = parse("1. What will you do?\n2. Who will benefit?");
        add_questions(&mut p, &form_questions(&first.questions), today());
        let again = parse("1. What will  you do? (max 250 words)\n3. How will you know?");
        let added = add_questions(&mut p, &form_questions(&again.questions), today());
        assert_eq!(added.updated, vec!["q1"]);
        assert_eq!(added.added, vec!["q3"]);
        assert_eq!(p.questions.len(), 3);
        assert_eq!(p.questions[0].max_words, Some(250));
    }

    #[test]
    fn a_built_in_copy_keeps_its_sources_and_overrides_it() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = Catalogue::load(&Sources::Standard {
            user_dir: dir.path().to_path_buf(),
        });
        let loaded = catalogue
            .profiles
            .iter()
            .find(|l| l.profile.questions.is_empty())
            .expect("a built-in profile without questions");
        let mut copy = loaded.profile.clone();
        let form = parse("What difference will it make? (max 200 words)");
        add_questions(&mut copy, &form_questions(&form.questions), today());
        let path = save_path(dir.path(), &copy, Some(&loaded.origin));
        assert_eq!(path, dir.path().join(format!("{}.toml", copy.id)));
        save(&path, &copy).unwrap();
        let again = Catalogue::load(&Sources::Standard {
            user_dir: dir.path().to_path_buf(),
        });
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        let now = again.get(&copy.id).unwrap();
        assert_eq!(now.origin, Origin::File(path));
        assert_eq!(now.profile.sources, loaded.profile.sources);
        assert_eq!(now.profile.source_list, loaded.profile.source_list);
        assert_eq!(now.profile.status, loaded.profile.status);
        assert_eq!(now.profile.questions.len(), 1);
    }
}
