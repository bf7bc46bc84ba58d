//! The built-in funder profiles are facts people act on, so every one must
//! say where its facts come from and how old they are. This walks all of
//! them (the files in `funders/`) and fails on an unsourced rule, a status
//! other than "unknown" without a dated source, an undated source with no
//! note, a leftover sentence no check reads, or a profile that
//! neither lists the funder's questions nor says they are not known.

use alongside::dates::Day;
use alongside::funders::profile::State;
use alongside::funders::{Catalogue, Profile, Sources, check_builtin, check_source};

/// The day the built-in facts were last compared with their sources.
fn checked_day() -> Day {
    Day::new(2026, 12, 1).unwrap()
}

fn builtin() -> Vec<Profile> {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::load(&Sources::Standard {
        user_dir: dir.path().join("no-user-profiles"),
    });
    assert!(catalogue.problems.is_empty(), "{:#?}", catalogue.problems);
    catalogue.profiles.into_iter().map(|p| p.profile).collect()
}

#[test]
fn funders_check_finds_no_problem_in_the_builtin_profiles() {
    let report = check_builtin(checked_day());
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        report.ok >= 30,
        "at least 30 built-in profiles, found {}",
        report.ok
    );
    // The only warnings allowed are about the age of a source: a page that
    // carries no date, or one dated more than a year back. Anything else
    // (the old `sources` list, a sentence in `eligibility.other`, a profile
    // silent about its questions, a stale `checked`) is a fault in the data.
    let other: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| {
            !(w.problem.contains("has no `as_of` date")
                || w.problem
                    .contains("more than 12 months ago: look for a newer version")
                || w.problem
                    .contains("more than 12 months ago; matching asks people to check it"))
        })
        .map(|w| w.to_string())
        .collect();
    assert!(other.is_empty(), "{}", other.join("\n"));
}

#[test]
fn every_builtin_profile_says_where_its_facts_come_from_and_how_old_they_are() {
    let profiles = builtin();
    assert!(profiles.len() >= 30, "found {} profiles", profiles.len());
    for p in &profiles {
        let who = &p.id;
        assert!(p.sources.is_empty(), "{who}: uses the old `sources` list");
        assert!(!p.source_list.is_empty(), "{who}: has no [[source]] tables");
        assert!(
            p.checked <= Day::today(),
            "{who}: `checked` is in the future"
        );
        for s in &p.source_list {
            assert!(
                s.seen <= Day::today(),
                "{who}: source {} seen in the future",
                s.id
            );
            if s.as_of.is_none() {
                // An undated source says what it is and how it was read, so
                // a support worker can judge how far to trust it.
                assert!(
                    s.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                    "{who}: source {} has no `as_of` and no note saying why",
                    s.id
                );
            }
        }
        if p.status.state != State::Unknown {
            assert!(
                p.status.as_of.is_some(),
                "{who}: status {:?} without `as_of`",
                p.status.state
            );
            // Dated: a named source carries a date, or (docs/formats.md 3.5)
            // an undated page gave the status on the day it was read.
            let dated = p
                .status
                .source
                .0
                .iter()
                .filter_map(|id| p.source(id))
                .any(|s| s.as_of.is_some() || Some(s.seen) == p.status.as_of);
            assert!(
                dated,
                "{who}: status {:?} rests on no dated source",
                p.status.state
            );
        }
        assert!(
            p.eligibility.other.is_empty(),
            "{who}: eligibility.other sentences nobody reads"
        );
        match (p.questions.is_empty(), p.questions_known) {
            (false, Some(false)) => panic!("{who}: lists questions but says they are not known"),
            (true, known) if known != Some(false) => {
                panic!("{who}: lists no questions and does not say questions_known = false")
            }
            _ => {}
        }
        for q in &p.questions {
            assert!(
                !q.source.is_empty(),
                "{who}: question {} has no source",
                q.id
            );
        }
    }
    // The issue asks for at least 12. The sources we could read give the
    // real questions of these twelve (the four Awards for All programmes,
    // Reaching Communities, Sport England's Movement Fund, Southampton,
    // Alwington, Hampshire and Isle of Wight, the Heritage Fund's two
    // smaller programmes and Garfield Weston's Plan B questions); this
    // floor keeps them from being lost.
    let with_questions = profiles.iter().filter(|p| !p.questions.is_empty()).count();
    assert!(
        with_questions >= 12,
        "at least 12 profiles with the funder's questions, found {with_questions}"
    );
}

/// The checks above must be able to fail: a built-in profile with one
/// source taken away, or an unsourced "open", is refused.
#[test]
fn an_unsourced_rule_or_status_in_a_builtin_profile_is_refused() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/funders/awards-for-all-england.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(check_source("a.toml", &text).is_ok());

    let grant = text.find("[grant]").unwrap();
    let line = grant + text[grant..].find("\nsource = ").unwrap();
    let end = line + 1 + text[line + 1..].find('\n').unwrap();
    let unsourced = format!("{}{}", &text[..line], &text[end..]);
    let problems = check_source("a.toml", &unsourced).unwrap_err();
    assert!(
        problems.iter().any(|p| p.field.starts_with("grant")),
        "{problems:#?}"
    );

    let open = text.replacen("state = \"unknown\"", "state = \"open\"", 1);
    let problems = check_source("a.toml", &open).unwrap_err();
    assert!(
        problems.iter().any(|p| p.field.starts_with("status")),
        "{problems:#?}"
    );
}
