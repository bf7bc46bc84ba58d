//! Next year's bid: carrying answers forward and marking what may be out of
//! date, the review list, applications kept exactly as sent, the word diff,
//! the group's share of the work year by year, and merging two copies of a
//! group changed on two computers. Library calls first, then the binary.
//!
//! Times are printed in the computer's time zone, so every run of the binary
//! sets TZ=UTC.

use std::fs;

use alongside::bank::{AnswerValue, Bank};
use alongside::dates::Day;
use alongside::group::{self, Author, DiffPart, Group, Keep, PastAnswer, Step, word_diff};

use crate::common::*;

const FUNDER: &str = "awards-for-all-england";

fn bank() -> &'static Bank {
    Bank::builtin().unwrap()
}

fn day(text: &str) -> Day {
    text.parse().unwrap()
}

fn words(t: &str) -> AnswerValue {
    AnswerValue::Text(t.to_string())
}

fn demo() -> Group {
    alongside::demo::demo_group().unwrap()
}

// ---------------------------------------------------------------------------
// Carrying forward and "check this"

/// A group in its first year: a few answers of each kind, one given long
/// before the others.
fn first_year() -> Group {
    let mut g = Group::new(
        "Hillside Carers",
        "hillside-carers",
        at("2025-01-10T10:00:00Z"),
    );
    let answers = [
        (
            "group_name",
            words("Hillside Carers"),
            "2025-01-10T10:00:00Z",
        ),
        (
            "what_in_common",
            words("We all care for someone."),
            "2025-01-10T10:05:00Z",
        ),
        (
            "country",
            AnswerValue::Choice("england".into()),
            "2025-06-01T10:00:00Z",
        ),
        (
            "who_for",
            words("Carers in Hillside."),
            "2025-06-01T10:01:00Z",
        ),
        (
            "regular_members",
            AnswerValue::Number(12),
            "2025-06-01T10:02:00Z",
        ),
        (
            "income_last_year",
            AnswerValue::Money(150_000),
            "2025-06-01T10:03:00Z",
        ),
        (
            "project_start",
            AnswerValue::Date(day("2026-04-01")),
            "2025-06-01T10:04:00Z",
        ),
        (
            "committee_size",
            AnswerValue::Number(4),
            "2025-06-01T10:05:00Z",
        ),
        (
            "has_bank_account",
            AnswerValue::YesNo(false),
            "2025-06-01T10:06:00Z",
        ),
    ];
    for (id, value, when) in answers {
        g.set_answer(id, value, Author::Group, at(when));
    }
    g
}

#[test]
fn next_year_carries_answers_forward_and_marks_what_may_be_out_of_date() {
    let mut g = first_year();
    let before = g.answers.clone();
    let started = g.next_year(bank(), at("2026-03-01T09:00:00Z"));
    assert_eq!(started.round, 2);
    assert_eq!(g.round, 2);
    // Figures, amounts, dates and membership, and anything not changed in
    // the 12 months before (group_name and what_in_common, given in
    // January 2025), in bank order. Text and choices given within the year are not marked.
    assert_eq!(
        started.marked,
        [
            "group_name",
            "regular_members",
            "what_in_common",
            "committee_size",
            "income_last_year",
            "project_start"
        ]
    );
    for (id, answer) in &g.answers {
        assert_eq!(answer.check, started.marked.contains(id), "{id}");
        // Carried forward as they were: value, author, time, round, history.
        let old = &before[id];
        assert_eq!(
            (
                &answer.value,
                answer.by,
                answer.at,
                answer.round,
                &answer.history
            ),
            (&old.value, old.by, old.at, old.round, &old.history),
            "{id}"
        );
    }
    // Year 1 is closed with its words counted; year 2 is open.
    assert_eq!(g.rounds.len(), 2);
    assert_eq!(g.rounds[0].round, 1);
    assert_eq!(g.rounds[0].started, day("2025-01-10"));
    assert_eq!(g.rounds[0].closed, Some(day("2026-03-01")));
    assert_eq!(g.rounds[0].words, g.word_share(&bank().questions));
    assert_eq!(g.rounds[1].round, 2);
    assert_eq!(g.rounds[1].started, day("2026-03-01"));
    assert_eq!(g.rounds[1].closed, None);
    // It reads back the same from the file, `check` and all.
    let saved = group::to_text(&g).unwrap();
    assert_contains(&saved, "round = 1\ncheck = true\n");
    assert!(saved.contains("[[year]]\nround = 1\nstarted = 2025-01-10\nclosed = 2026-03-01\n"));
    assert_eq!(group::parse("g.toml", &saved).unwrap(), g);
}

#[test]
fn changing_or_confirming_an_answer_clears_check_this() {
    let mut g = first_year();
    g.next_year(bank(), at("2026-03-01T09:00:00Z"));
    // Changed: the old value goes into the history, the mark is cleared,
    // and the answer belongs to the new round.
    assert!(g.set_answer(
        "regular_members",
        AnswerValue::Number(15),
        Author::Group,
        at("2026-03-02T10:00:00Z")
    ));
    let a = &g.answers["regular_members"];
    assert!(!a.check);
    assert_eq!(a.round, 2);
    assert_eq!(a.history.len(), 1);
    assert_eq!(a.history[0].value, AnswerValue::Number(12));
    assert_eq!(a.history[0].round, 1);
    // Confirmed: the value, who gave it, when and the history stay.
    let before = g.answers["income_last_year"].clone();
    assert!(g.confirm(
        "income_last_year",
        Author::Supporter,
        at("2026-03-02T10:05:00Z")
    ));
    let a = &g.answers["income_last_year"];
    assert!(!a.check);
    assert_eq!(
        (&a.value, a.by, a.at, a.round),
        (&before.value, before.by, before.at, before.round)
    );
    assert!(
        a.history.is_empty(),
        "confirming adds nothing to the history"
    );
    assert_eq!(g.updated, at("2026-03-02T10:05:00Z"));
    assert!(!g.confirm(
        "income_last_year",
        Author::Group,
        at("2026-03-02T10:06:00Z")
    ));
    assert!(!g.confirm(
        "no_such_question",
        Author::Group,
        at("2026-03-02T10:06:00Z")
    ));
    // Giving the same answer again by the same person confirms it too.
    assert!(g.set_answer(
        "committee_size",
        AnswerValue::Number(4),
        Author::Group,
        at("2026-03-02T10:07:00Z")
    ));
    assert!(!g.answers["committee_size"].check);
    assert!(g.answers["committee_size"].history.is_empty());
}

#[test]
fn the_review_list_is_exactly_the_stale_and_unanswered_questions() {
    let mut g = first_year();
    g.next_year(bank(), at("2026-03-01T09:00:00Z"));
    g.confirm("committee_size", Author::Group, at("2026-03-01T10:00:00Z"));
    let listed: Vec<&str> = g
        .review_list(bank())
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    let expected: Vec<&str> = bank()
        .questions
        .iter()
        .filter(|q| g.applies(q))
        .filter(|q| g.answers.get(&q.id).is_none_or(|a| a.check))
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(listed, expected);
    for id in [
        "regular_members",
        "what_in_common",
        "income_last_year",
        "project_start",
    ] {
        assert!(listed.contains(&id), "{id} is stale");
    }
    for id in ["committee_size", "who_for", "country", "has_bank_account"] {
        assert!(!listed.contains(&id), "{id} is answered and not stale");
    }
    // `unrelated_signatories` is only asked with a bank account.
    assert!(!listed.contains(&"unrelated_signatories"));
    assert!(listed.contains(&"region"), "unanswered");
}

#[test]
fn the_demo_is_in_its_second_year_with_a_bid_from_the_first() {
    let g = demo();
    assert_eq!(g.round, 2);
    let history = g.round_history(bank());
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].closed, Some(day("2026-09-01")));
    assert_eq!(history[1].closed, None);
    assert!(
        history[1].words.percent(Author::Group) > history[0].words.percent(Author::Group),
        "the group's share grows: {history:?}"
    );
    let sent = g.last_submitted(FUNDER, 2).expect("year 1's bid");
    assert_eq!((sent.round, sent.submitted), (1, day("2025-11-20")));
    assert!(sent.answers["your-idea"].contains("Riverside Aphasia Café"));
    // The supporter's year-1 words, rewritten by the group in year 2.
    let rewritten: Vec<&String> = g
        .answers
        .iter()
        .filter(|(_, a)| {
            a.by == Author::Group
                && a.round == 2
                && a.history
                    .iter()
                    .any(|p| p.round == 1 && p.by == Author::Supporter)
        })
        .map(|(id, _)| id)
        .collect();
    assert!(rewritten.len() >= 3, "{rewritten:?}");
    assert!(
        !g.review_list(bank()).is_empty(),
        "some figures are still to check"
    );
}

// ---------------------------------------------------------------------------
// Applications as sent

fn with_wording() -> Group {
    let mut g = demo();
    g.set_wording(
        FUNDER,
        "your-idea",
        "We want to keep the café going.".into(),
        Author::Group,
        at("2026-11-01T10:00:00Z"),
    );
    g.set_wording(
        FUNDER,
        "budget",
        "Hall £910.".into(),
        Author::Together,
        at("2026-11-01T10:05:00Z"),
    );
    g.set_wording(
        FUNDER,
        "community",
        "   ".into(),
        Author::Group,
        at("2026-11-01T10:06:00Z"),
    );
    g
}

#[test]
fn a_submitted_application_is_an_exact_copy_that_never_changes() {
    let mut g = with_wording();
    let sent = g
        .submit(
            FUNDER,
            day("2026-11-20"),
            Author::Group,
            at("2026-11-20T15:00:00Z"),
        )
        .unwrap()
        .clone();
    assert_eq!(sent.funder, FUNDER);
    assert_eq!(sent.round, 2);
    assert_eq!(sent.by, Author::Group);
    assert_eq!(sent.ask_pence, Some(475_200));
    assert_eq!(
        sent.answers.keys().collect::<Vec<_>>(),
        ["budget", "your-idea"],
        "blank wording is not sent"
    );
    assert_eq!(
        g.rounds
            .iter()
            .find(|r| r.round == 2)
            .unwrap()
            .steps
            .submitted,
        Some(Author::Group)
    );

    // Later changes to the wording and the ask leave the copy as it was.
    g.set_wording(
        FUNDER,
        "your-idea",
        "Something else entirely.".into(),
        Author::Supporter,
        at("2026-11-21T10:00:00Z"),
    );
    g.set_answer(
        "project_total",
        AnswerValue::Money(1),
        Author::Group,
        at("2026-11-21T10:01:00Z"),
    );
    assert_eq!(g.applications().last(), Some(&sent));
    assert_eq!(g.last_submitted(FUNDER, 3), Some(&sent));
    assert_eq!(
        g.last_submitted(FUNDER, 2).unwrap().round,
        1,
        "year 1's bid"
    );

    // Loading the file and saving it again keeps it byte for byte.
    let saved = group::to_text(&g).unwrap();
    let back = group::parse("g.toml", &saved).unwrap();
    assert_eq!(back, g);
    assert_eq!(group::to_text(&back).unwrap(), saved);

    // Sending the same thing twice on the same day is refused; with no
    // wording there is nothing to send.
    let mut again = with_wording();
    again
        .submit(
            FUNDER,
            day("2026-11-20"),
            Author::Group,
            at("2026-11-20T15:00:00Z"),
        )
        .unwrap();
    let err = again
        .submit(
            FUNDER,
            day("2026-11-20"),
            Author::Group,
            at("2026-11-20T15:01:00Z"),
        )
        .unwrap_err();
    assert!(err.to_string().contains("already recorded"), "{err}");
    let err = again
        .submit(
            "comic-relief-community-fund",
            day("2026-11-20"),
            Author::Group,
            at("2026-11-20T15:01:00Z"),
        )
        .unwrap_err();
    assert!(err.to_string().contains("no wording"), "{err}");
}

#[test]
fn the_store_leaves_a_file_with_applications_untouched() {
    let data = Data::with(&{
        let mut g = with_wording();
        g.submit(
            FUNDER,
            day("2026-11-20"),
            Author::Group,
            at("2026-11-20T15:00:00Z"),
        )
        .unwrap();
        g
    });
    let path = data.group_file(DEMO);
    let before = fs::read(&path).unwrap();
    let d = alongside::paths::DataDir::at(data.root.clone());
    let mut open =
        alongside::store::OpenGroup::open(&d, DEMO, alongside::store::Access::Write).unwrap();
    assert!(!open.save().unwrap(), "nothing changed, nothing written");
    drop(open);
    assert_eq!(fs::read(&path).unwrap(), before);
}

// ---------------------------------------------------------------------------
// The word diff

#[test]
fn word_diff_marks_words_taken_out_and_put_in() {
    let parts = word_diff(
        "We meet every two weeks in the church hall.",
        "We meet every week in the church hall, with tea.",
    );
    assert_eq!(
        parts,
        [
            DiffPart::Same("We meet every".into()),
            DiffPart::Removed("two weeks".into()),
            DiffPart::Added("week".into()),
            DiffPart::Same("in the church".into()),
            DiffPart::Removed("hall.".into()),
            DiffPart::Added("hall, with tea.".into()),
        ]
    );
    assert_eq!(
        group::marked(&parts),
        "We meet every [-two weeks-] {+week+} in the church [-hall.-] {+hall, with tea.+}"
    );
    assert!(group::is_unchanged(&word_diff(
        "Same  words",
        "Same\nwords"
    )));
}

// ---------------------------------------------------------------------------
// Independence year by year

#[test]
fn the_groups_share_of_words_and_steps_over_three_years() {
    let mut g = Group::new("Three Years", "three-years", at("2024-09-01T10:00:00Z"));
    // Year 1: the supporter writes most of it and drafts the bid.
    g.set_answer(
        "who_for",
        words("one two"),
        Author::Group,
        at("2024-09-01T10:00:00Z"),
    );
    g.set_answer(
        "how_run",
        words("s s s s s s s s"),
        Author::Supporter,
        at("2024-09-01T10:01:00Z"),
    );
    g.record_step(Step::Drafted, Author::Supporter);
    g.record_step(Step::Submitted, Author::Together);
    g.next_year(bank(), at("2025-09-01T10:00:00Z"));

    // Year 2: the group rewrites the supporter's answer; a new one is
    // written together; the group drafts after a first go together.
    g.set_answer(
        "how_run",
        words("g g g g"),
        Author::Group,
        at("2025-09-02T10:00:00Z"),
    );
    g.set_answer(
        "mutual_support",
        words("t t t t"),
        Author::Together,
        at("2025-09-02T10:01:00Z"),
    );
    g.record_step(Step::Drafted, Author::Together);
    g.record_step(Step::Drafted, Author::Group);
    g.record_step(Step::Drafted, Author::Supporter);
    g.record_step(Step::Submitted, Author::Group);
    g.next_year(bank(), at("2026-09-01T10:00:00Z"));

    // Year 3: the group does it all; the supporter only logs evidence with
    // them.
    g.set_answer(
        "mutual_support",
        words("m m m m m m"),
        Author::Group,
        at("2026-09-02T10:00:00Z"),
    );
    for step in [
        Step::Drafted,
        Step::Checked,
        Step::Submitted,
        Step::WroteReturn,
    ] {
        g.record_step(step, Author::Group);
    }
    g.record_step(Step::LoggedEvidence, Author::Together);

    let years = g.round_history(bank());
    let shares: Vec<(u32, usize, usize, usize, usize)> = years
        .iter()
        .map(|r| {
            (
                r.round,
                r.words.total(),
                r.words.percent(Author::Group),
                r.words.percent(Author::Supporter),
                r.words.percent(Author::Together),
            )
        })
        .collect();
    assert_eq!(
        shares,
        [(1, 10, 20, 80, 0), (2, 10, 60, 0, 40), (3, 12, 100, 0, 0)]
    );
    assert_eq!(years[0].steps.by_group(), []);
    assert_eq!(years[1].steps.by_group(), [Step::Drafted, Step::Submitted]);
    assert_eq!(
        years[2].steps.by_group(),
        [
            Step::Drafted,
            Step::Checked,
            Step::Submitted,
            Step::WroteReturn
        ]
    );
    assert_eq!(
        years[2].steps.logged_evidence,
        Some(Author::Together),
        "together is not by the group"
    );
    let dates: Vec<(Day, Option<Day>)> = years.iter().map(|r| (r.started, r.closed)).collect();
    assert_eq!(
        dates,
        [
            (day("2024-09-01"), Some(day("2025-09-01"))),
            (day("2025-09-01"), Some(day("2026-09-01"))),
            (day("2026-09-01"), None)
        ]
    );
    // Year 3 is counted as it stands, not stored until it closes.
    assert!(g.rounds[2].words.is_empty());
}

// ---------------------------------------------------------------------------
// Merging two copies

/// Every version of every answer a group holds, in answers and conflicts.
fn versions(g: &Group) -> Vec<(String, PastAnswer)> {
    let mut out = Vec::new();
    let mut add = |id: &String, a: &group::Answer| {
        out.push((id.clone(), a.as_past()));
        out.extend(a.history.iter().map(|p| (id.clone(), p.clone())));
    };
    for (id, a) in &g.answers {
        add(id, a);
    }
    for (id, c) in &g.conflicts {
        add(id, &c.ours);
        add(id, &c.theirs);
    }
    out
}

/// The demo taken to two computers: the laptop (ours) and the group's own
/// (theirs), each changing some answers; both change `how_run`.
fn diverged() -> (Group, Group) {
    let mut laptop = demo();
    let mut hall = demo();
    laptop.set_answer(
        "regular_members",
        AnswerValue::Number(16),
        Author::Group,
        at("2026-11-02T10:00:00Z"),
    );
    laptop.set_answer(
        "how_run",
        words("We decide together at the café, with pictures."),
        Author::Group,
        at("2026-11-02T10:05:00Z"),
    );
    laptop.confirm(
        "income_last_year",
        Author::Group,
        at("2026-11-02T10:06:00Z"),
    );
    hall.set_answer(
        "people_in_touch",
        AnswerValue::Number(44),
        Author::Group,
        at("2026-11-03T14:00:00Z"),
    );
    hall.set_answer(
        "how_run",
        words("Dave chairs. We vote with thumbs."),
        Author::Together,
        at("2026-11-03T14:10:00Z"),
    );
    hall.set_answer(
        "who_for",
        words("People with aphasia and their partners."),
        Author::Group,
        at("2026-11-03T14:20:00Z"),
    );
    hall.set_note(
        "who_for",
        "Lovely, keep it short.",
        Author::Supporter,
        at("2026-11-03T14:30:00Z"),
    );
    (laptop, hall)
}

#[test]
fn merging_two_diverged_copies_keeps_every_answer_and_history_entry() {
    let (laptop, hall) = diverged();
    let mut merged = laptop.clone();
    let report = merged.merge(&hall);
    assert_eq!(report.answers_taken, ["people_in_touch", "who_for"]);
    assert_eq!(report.conflicts, ["how_run"]);
    assert_eq!(report.notes_taken, ["who_for"]);
    let kept = versions(&merged);
    for side in [&laptop, &hall] {
        for v in versions(side) {
            assert!(kept.contains(&v), "lost {v:?}");
        }
    }
    assert_eq!(
        merged.value("regular_members"),
        Some(&AnswerValue::Number(16))
    );
    assert_eq!(
        merged.value("people_in_touch"),
        Some(&AnswerValue::Number(44))
    );
    assert!(
        !merged.answers["people_in_touch"].check,
        "changed on the hall computer"
    );
    assert!(
        !merged.answers["income_last_year"].check,
        "confirmed on the laptop"
    );
    assert!(merged.answers["money_held"].check, "still to check on both");
    // The conflict: ours stays until someone chooses; both are kept.
    assert_eq!(
        merged.value("how_run"),
        Some(&words("We decide together at the café, with pictures."))
    );
    assert_eq!(
        merged.conflicts["how_run"].theirs.value,
        words("Dave chairs. We vote with thumbs.")
    );
    // Saved and read back, and merged again: nothing more changes.
    let saved = group::to_text(&merged).unwrap();
    assert_contains(&saved, "[conflicts.how_run.ours]");
    assert_eq!(group::parse("g.toml", &saved).unwrap(), merged);
    let mut again = merged.clone();
    assert!(again.merge(&hall).is_empty());
    assert_eq!(again, merged);

    // Choosing theirs keeps ours in the history.
    merged
        .resolve("how_run", Keep::Theirs, at("2026-11-04T10:00:00Z"))
        .unwrap();
    assert!(merged.conflicts.is_empty());
    let a = &merged.answers["how_run"];
    assert_eq!(a.value, words("Dave chairs. We vote with thumbs."));
    assert!(
        a.history
            .iter()
            .any(|p| p.value == words("We decide together at the café, with pictures."))
    );
    assert!(
        a.history.windows(2).all(|w| w[0].at <= w[1].at),
        "oldest first"
    );
    for v in versions(&laptop).into_iter().chain(versions(&hall)) {
        assert!(versions(&merged).contains(&v), "lost {v:?}");
    }
}

#[test]
fn merging_copies_that_changed_different_things_has_no_conflict() {
    let mut laptop = demo();
    let mut hall = demo();
    laptop.set_answer(
        "regular_members",
        AnswerValue::Number(16),
        Author::Group,
        at("2026-11-02T10:00:00Z"),
    );
    hall.set_answer(
        "who_for",
        words("People with aphasia."),
        Author::Group,
        at("2026-11-03T14:20:00Z"),
    );
    hall.set_wording(
        FUNDER,
        "your-idea",
        "Keep the café going.".into(),
        Author::Group,
        at("2026-11-03T14:30:00Z"),
    );
    let mut merged = laptop.clone();
    let report = merged.merge(&hall);
    assert!(report.conflicts.is_empty());
    assert_eq!(report.answers_taken, ["who_for"]);
    assert_eq!(report.wording_taken, [format!("{FUNDER}/your-idea")]);
    // Either way round gives the same group.
    let mut other_way = hall.clone();
    other_way.merge(&laptop);
    assert_eq!(other_way.answers, merged.answers);
    assert_eq!(other_way.wording, merged.wording);
    // A copy merged with itself changes nothing.
    let mut same = merged.clone();
    assert!(same.merge(&merged).is_empty());
    assert_eq!(same, merged);
}

// ---------------------------------------------------------------------------
// The binary

#[test]
fn next_year_command_starts_the_round_and_lists_what_to_check() {
    let tmp = tempfile::tempdir().unwrap();
    let data = Data {
        root: tmp.path().join("data"),
        tmp,
    };
    data.ok(&["new", "Hillside Carers"]);
    data.ok(&["answer", "hillside-carers", "regular_members", "12"]);
    data.ok(&[
        "answer",
        "hillside-carers",
        "who_for",
        "Carers in Hillside.",
    ]);
    let out = data.ok(&["next-year", "hillside-carers"]);
    assert_contains(&out, "Started year 2 for Hillside Carers.");
    assert_contains(&out, "Year 1 closed. Of its 5 words the group wrote 100%");
    assert_contains(&out, "1 answer is marked \"check this\"");
    assert_contains(
        &out,
        "  [regular_members]  About how many people come regularly?",
    );
    assert_contains(&out, "alongside interview hillside-carers --plain --review");
    // Straight away again is refused unless forced.
    let err = data.fails(&["next-year", "hillside-carers"], 1);
    assert_contains(&err, "year 2 began today (");
    assert_contains(&err, "--force");
    assert_contains(
        &data.ok(&["next-year", "hillside-carers", "--force"]),
        "Started year 3",
    );
    // `show` opens each section with "what changed this year?" and marks
    // the answers to check.
    let show = data.ok(&["show", "hillside-carers"]);
    assert_contains(&show, "Year 3 of using alongside.");
    assert_contains(
        &show,
        "== Money ==\nWhat changed with money this year? The figures below are from last year",
    );
    assert_contains(&show, "  12\n  -- the group, ");
    assert_contains(
        &show,
        "  ! Check this: it may be out of date since the new year began\n",
    );
}

#[test]
fn interview_review_visits_only_what_to_check_and_asks_if_it_is_still_right() {
    let data = Data::with_demo();
    let assert = data
        .cmd()
        .args(["interview", DEMO, "--plain", "--review", "--by", "group"])
        // Wide enough that no question's line is broken.
        .env("COLUMNS", "1000")
        .write_stdin("\nyes\n2400\n\nno\nstop\n")
        .assert()
        .success();
    let out = text(&assert.get_output().stdout);
    let visited: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Question "))
        .map(|l| l.split_once("): ").unwrap().1)
        .collect();
    let bank = alongside::bank::Bank::builtin().unwrap();
    let prompts: Vec<&str> = [
        "people_in_touch",
        "income_last_year",
        "spending_last_year",
        "money_held",
    ]
    .iter()
    .map(|id| bank.question(id).unwrap().prompt.as_str())
    .collect();
    assert_eq!(visited, prompts, "{out}");
    assert_contains(
        &out,
        "Check this: it may be out of date since the new year began.",
    );
    // Each section visited opens with "what changed this year?".
    assert_contains(
        &out,
        "\nAbout the group. What changed for the group this year?",
    );
    assert_contains(&out, "\nMoney. What changed with money this year?");
    assert_contains(
        &out,
        "Is this still right? (yes/no): Thank you. Kept as it is.",
    );
    assert_contains(
        &out,
        "Stopped. 1 answer saved this time. 1 confirmed as still right.",
    );
    let g = data.group(DEMO);
    let people = &g.answers["people_in_touch"];
    assert!(!people.check);
    assert_eq!(people.value, AnswerValue::Number(40));
    assert!(people.history.is_empty());
    assert_eq!(
        g.value("income_last_year"),
        Some(&AnswerValue::Money(240_000))
    );
    assert!(!g.answers["income_last_year"].check);
    assert!(
        g.answers["spending_last_year"].check,
        "said no: still to check"
    );
    assert!(g.answers["money_held"].check);
    // --review needs --plain, and does not go with --all.
    data.cmd()
        .args(["interview", DEMO, "--review"])
        .assert()
        .code(2);
}

#[test]
fn submit_then_compare_next_year() {
    let data = Data::with(&with_wording());
    let out = data.ok(&[
        "submit",
        DEMO,
        "--funder",
        FUNDER,
        "--date",
        "2026-11-20",
        "--by",
        "together",
    ]);
    assert_eq!(
        out,
        "Recorded the application to awards-for-all-england as sent on 20 November 2026 by the group and supporter together: 2 answers, asking for £4,752. This copy is kept as it is and never changes.\n"
    );
    let g = data.group(DEMO);
    let sent = g.applications().last().unwrap();
    assert_eq!((sent.round, sent.by), (2, Author::Together));
    let show = data.ok(&["show", DEMO]);
    assert_contains(
        &show,
        "== Applications sent ==\nawards-for-all-england: sent 20 November 2025 (year 1) by the group and supporter together, asking for £2,900; 7 answers kept as sent\nawards-for-all-england: sent 20 November 2026 (year 2)",
    );

    // No wording for a funder: refused, exit 1, nothing changed.
    let before = fs::read(data.group_file(DEMO)).unwrap();
    let err = data.fails(&["submit", DEMO, "--funder", "awards-for-all-englnd"], 1);
    assert_contains(&err, "there is no wording for `awards-for-all-englnd` yet");
    assert_contains(&err, "The group has wording for `awards-for-all-england`");
    assert_eq!(fs::read(data.group_file(DEMO)).unwrap(), before);

    // Compare this year's wording with year 1's bid.
    let out = data.ok(&["compare", DEMO, "--funder", FUNDER]);
    assert_contains(
        &out,
        "National Lottery Awards for All England [awards-for-all-england]: what Riverside Aphasia Café sent on 20 November 2025 (year 1) beside this year's wording (year 2).",
    );
    assert_contains(&out, "Asked for: £2,900 last time; £4,752 now.");
    assert_contains(
        &out,
        "== 1. What would you like to do? [your-idea] ==\nSent last time:\n  Riverside Aphasia Café is a peer support group",
    );
    assert_contains(
        &out,
        "This year:\n  We want to keep the café going.\nChanges (",
    );
    assert_contains(&out, "[-Riverside Aphasia Café is a peer support group");
    assert_contains(&out, "-] We [-are seeking funding-] {+want+} to [-sustain");
    assert_contains(
        &out,
        "Changes (26 words taken out, 2 put in):\n  [-Venue hire £728",
    );
    assert_contains(&out, "This year: (not written yet)");
    // Nothing sent before to this funder: said plainly.
    let err = data.fails(
        &["compare", DEMO, "--funder", "comic-relief-community-fund"],
        1,
    );
    assert_contains(
        &err,
        "no application to `comic-relief-community-fund` from an earlier year",
    );
}

/// A bid sent this year is not one to compare with, and the id typed is
/// never offered back as "did you mean" (it used to be, because this
/// year's application is in the list the suggestion came from).
#[test]
fn compare_with_only_this_years_bid_does_not_suggest_the_same_funder() {
    let data = Data::new();
    data.ok(&["new", "Fresh Start"]);
    data.ok(&[
        "wording",
        "fresh-start",
        "--funder",
        FUNDER,
        "your-idea",
        "We meet to talk.",
    ]);
    data.ok(&["submit", "fresh-start", "--funder", FUNDER]);
    let err = data.fails(&["compare", "fresh-start", "--funder", FUNDER], 1);
    assert_contains(
        &err,
        &format!("no application to `{FUNDER}` from an earlier year"),
    );
    assert_lacks(&err, "Did you mean");
}

#[test]
fn progress_shows_the_rounds_side_by_side() {
    let data = Data::with_demo();
    let out = data.ok(&["progress", DEMO]);
    assert_eq!(
        out,
        "\
Riverside Aphasia Café: who did the work, year by year

YEAR  STARTED   GROUP  SUPPORTER  TOGETHER  WORDS  THE GROUP DID ITSELF
1     Sep 2025    45%        35%       20%   1350  kept the log
2*    Sep 2026    80%         4%       16%   1389  kept the log
* this year so far

Who wrote the words:  # the group   = the supporter   - together
Year 1   [##############==========------]  45% by the group
Year 2   [########################=-----]  80% by the group
"
    );
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["progress", DEMO, "--json"])).unwrap();
    assert_eq!(json["round"], 2);
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["words"]["supporter"], 470);
    assert_eq!(rounds[0]["percent"]["group"], 45);
    assert_eq!(rounds[0]["steps"]["drafted"], "supporter");
    assert_eq!(rounds[0]["closed"], "2026-09-01");
    assert_eq!(rounds[1]["closed"], serde_json::Value::Null);
    assert_eq!(rounds[1]["percent"]["group"], 80);
}

#[test]
fn import_merge_then_resolve() {
    let (laptop, hall) = diverged();
    let data = Data::with(&laptop);
    let copy = data.scratch("from-the-hall.toml");
    fs::write(&copy, group::to_text(&hall).unwrap()).unwrap();
    // --merge and --replace do not go together.
    data.cmd()
        .args(["import", path_str(&copy), "--merge", "--replace"])
        .assert()
        .code(2);
    let out = data.ok(&["import", path_str(&copy), "--merge"]);
    assert_contains(&out, &format!("Merged {} into {DEMO}.", copy.display()));
    assert_contains(
        &out,
        "Answers changed only on the other copy (taken): \"How many people are in touch with the group?",
    );
    assert_contains(
        &out,
        "Coaching notes taken from the other copy: \"Who is your group for?",
    );
    assert_contains(
        &out,
        "Both copies changed these answers differently. Nothing is lost",
    );
    assert_contains(
        &out,
        "  `how_run` (\"How do members run the group and make decisions?\")\n",
    );
    assert_contains(
        &out,
        &format!("alongside resolve {DEMO} QUESTION --keep ours"),
    );

    let show = data.ok(&["show", DEMO]);
    assert_contains(
        &show,
        "== Answers to choose between (two copies changed them differently) ==",
    );
    assert_contains(
        &show,
        "  ours (this computer), the group, 2 Nov 2026 10:05:\n    We decide together at the café, with pictures.\n",
    );
    assert_contains(
        &show,
        "  theirs (the other copy), the group and supporter together, 3 Nov 2026 14:10:\n    Dave chairs. We vote with thumbs.\n",
    );

    // Importing the same copy again: nothing new.
    assert_contains(
        &data.ok(&["import", path_str(&copy), "--merge"]),
        &format!(
            "Nothing new in {}: {DEMO} already has everything in it.",
            copy.display()
        ),
    );

    let err = data.fails(&["resolve", DEMO, "who_for", "--keep", "ours"], 1);
    assert_contains(
        &err,
        "`who_for` (\"Who is your group for? What have members been through, or what do they share?\") has no answers to choose between. Still to choose: `how_run` (\"How do members run the group and make decisions?\").",
    );
    let out = data.ok(&["resolve", DEMO, "how_run", "--keep", "theirs"]);
    assert_eq!(
        out,
        "Kept the answer from the other copy for \"How do members run the group and make decisions?\". The other is kept in its history.\n"
    );
    let g = data.group(DEMO);
    assert!(g.conflicts.is_empty());
    assert_eq!(
        g.value("how_run"),
        Some(&words("Dave chairs. We vote with thumbs."))
    );
    for v in versions(&laptop).into_iter().chain(versions(&hall)) {
        assert!(versions(&g).contains(&v), "lost {v:?}");
    }
    assert!(
        !data
            .ok(&["show", DEMO])
            .contains("Answers to choose between")
    );
}
