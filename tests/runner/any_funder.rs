//! Any funder, any form: `alongside funders new` and `funders questions`
//! run for real against a temporary data folder, then wording, `check` and
//! `draft` in all four formats against the funder added, as for a built-in
//! one; and the commands that meet a funder with no known questions.

use std::fs;

use crate::common::*;

const FORM: &str = "\
Riverside Trust – Small Grants application

1. Tell us about your group and what it does. (max 300 words)
2. What will you do with the grant?
Maximum 1,500 characters
3. How will your project make a difference? Please answer in no more than 250 words.
4. Who will benefit? (up to 2000 characters including spaces)
5. Is there anything else you would like to tell us? Optional
";

fn with_riverside() -> Data {
    let data = Data::with_demo();
    let form = data.scratch("form.txt");
    fs::write(&form, FORM).unwrap();
    let out = data.ok(&[
        "funders",
        "new",
        "riverside-trust",
        "--name",
        "Riverside Trust Small Grants",
        "--organisation",
        "Riverside Trust",
        "--website",
        "https://riverside-trust.example.org",
        "--questions-from",
        path_str(&form),
    ]);
    assert_contains(&out, "Read 5 questions from ");
    assert_contains(
        &out,
        "  q2  What will you do with the grant?\n      up to 1500 characters (the form does not say if spaces count)\n",
    );
    assert_contains(
        &out,
        "  q5  Is there anything else you would like to tell us?\n      no limit stated; optional\n",
    );
    assert_contains(&out, "(line 1 is not a question: \"Riverside Trust");
    assert_contains(
        &out,
        "Saved Riverside Trust Small Grants [riverside-trust] to ",
    );
    data
}

#[test]
fn funders_new_writes_a_profile_the_schema_accepts() {
    let data = with_riverside();
    let file = data.root.join("funders").join("riverside-trust.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert_contains(&text, "state = \"unknown\"");
    assert_contains(&text, "url = \"https://riverside-trust.example.org\"");
    assert_contains(&text, "max_words = 250");
    // The web address carries no date, which the check points out.
    assert_contains(
        &data.ok(&["funders", "check", path_str(&file)]),
        "1 funder profile checked: no problems.",
    );
    let list = data.ok(&["funders"]);
    assert_contains(
        &list,
        "Riverside Trust Small Grants  (amount not stated; not known)",
    );
    // The same id again is refused, with the way to add questions instead.
    let err = data.fails(&["funders", "new", "riverside-trust", "--name", "Again"], 1);
    assert_contains(&err, "there is already a funder `riverside-trust`");
    assert_contains(&err, "alongside funders questions riverside-trust");
}

#[test]
fn wording_check_and_draft_work_as_for_a_built_in_funder() {
    let data = with_riverside();
    let out = data.ok(&[
        "wording",
        DEMO,
        "--funder",
        "riverside-trust",
        "q1",
        "We are a café for people with aphasia after a stroke, and their partners. We meet every two weeks.",
    ]);
    assert_contains(&out, "Saved q1: 19 words: fine");
    // Unwritten questions are what check finds; the optional one is a warning.
    let check = data
        .cmd()
        .args(["check", DEMO, "--funder", "riverside-trust"])
        .assert()
        .code(1);
    let out = text(&check.get_output().stdout);
    assert_contains(&out, "Must fix before sending (3):");
    assert_contains(
        &out,
        "Question 5 \"Is there anything else you would like to tell us?\"\n    Not written yet (the funder says you do not have to answer this).",
    );
    for (q, words) in [
        (
            "q2",
            "A year of cafés, two trips and a talk from a therapist.",
        ),
        ("q3", "People talk again and feel less alone."),
        (
            "q4",
            "People with aphasia and their partners in Southampton.",
        ),
    ] {
        data.ok(&["wording", DEMO, "--funder", "riverside-trust", q, words]);
    }
    let out = data.ok(&["check", DEMO, "--funder", "riverside-trust"]);
    assert_lacks(&out, "Must fix");
    for (format, name) in [
        ("md", "bid.md"),
        ("txt", "bid.txt"),
        ("html", "bid.html"),
        ("docx", "bid.docx"),
    ] {
        let path = data.scratch(name);
        let out = data.ok(&[
            "draft",
            DEMO,
            "--funder",
            "riverside-trust",
            "--format",
            format,
            "-o",
            path_str(&path),
        ]);
        assert_contains(&out, "4 of 5 questions written.");
        let bytes = fs::read(&path).unwrap();
        if format != "docx" {
            let text = String::from_utf8(bytes).unwrap();
            assert_contains(&text, "What will you do with the grant?");
            assert_contains(
                &text,
                "A year of cafés, two trips and a talk from a therapist.",
            );
        } else {
            assert!(bytes.starts_with(b"PK"), "a Word file is a zip");
        }
    }
}

#[test]
fn funders_questions_adds_to_a_funder_and_copies_a_built_in_one() {
    let data = with_riverside();
    let more = data.scratch("more.txt");
    fs::write(
        &more,
        "1. Tell us about your group and what it does. (max 200 words)\n6. How will you tell people about it?\n",
    )
    .unwrap();
    let out = data.ok(&[
        "funders",
        "questions",
        "riverside-trust",
        "--questions-from",
        path_str(&more),
    ]);
    assert_contains(
        &out,
        "Already in the profile, limits updated from the form: q1",
    );
    let text = fs::read_to_string(data.root.join("funders/riverside-trust.toml")).unwrap();
    assert_contains(&text, "max_words = 200");
    assert_contains(&text, "id = \"q6\"");
    assert_eq!(text.matches("[[question]]").count(), 6);

    // A built-in profile without questions: a copy in the data folder.
    let builtin = "tudor-trust";
    let assert = data
        .cmd()
        .args(["funders", "questions", builtin, "--questions-from", "-"])
        .write_stdin("What is your idea? (max 100 words)\n")
        .assert()
        .success();
    let out = text_of(&assert);
    assert_contains(
        &out,
        "This is a built-in funder: your copy with its questions",
    );
    let copy = fs::read_to_string(data.root.join(format!("funders/{builtin}.toml"))).unwrap();
    let original = fs::read_to_string(format!("funders/{builtin}.toml")).unwrap();
    let parsed = |t: &str| alongside::funders::check_source("p", t).unwrap();
    let (copy_text, copy, original) = (copy.clone(), parsed(&copy), parsed(&original));
    assert!(!(original.sources.is_empty() && original.source_list.is_empty()));
    assert_eq!(copy.source_list, original.source_list);
    assert_eq!(copy.sources, original.sources);
    assert_contains(&copy_text, "prompt = \"What is your idea?\"");
    let list = data.ok(&["funders", "--json"]);
    assert_contains(&list, &format!("funders/{builtin}.toml"));
}

fn text_of(assert: &assert_cmd::assert::Assert) -> String {
    text(&assert.get_output().stdout)
}

#[test]
fn dry_run_shows_and_saves_nothing() {
    let data = Data::with_demo();
    let assert = data
        .cmd()
        .args([
            "funders",
            "new",
            "hall-fund",
            "--name",
            "Hall Fund",
            "--questions-from",
            "-",
            "--dry-run",
        ])
        .write_stdin("Why do you need a hall? (max 50 words)\n")
        .assert()
        .success();
    let out = text_of(&assert);
    assert_contains(
        &out,
        "  q1  Why do you need a hall?\n      up to 50 words\n",
    );
    assert_contains(&out, "Nothing saved (--dry-run).");
    assert!(!data.root.join("funders/hall-fund.toml").exists());
}

#[test]
fn bad_input_is_refused_with_what_to_do() {
    let data = Data::with_demo();
    let err = data.fails(&["funders", "new", "Hall Fund", "--name", "Hall Fund"], 1);
    assert_contains(&err, "`Hall Fund` cannot be a funder id");
    assert_contains(&err, "such as `hall-fund`");
    let err = data.fails(&["funders", "new", "hall-fund", "--name", " "], 1);
    assert_contains(&err, "the name is empty");
    let err = data.fails(
        &[
            "funders",
            "new",
            "hall-fund",
            "--name",
            "Hall",
            "--website",
            "hall.example.org",
        ],
        1,
    );
    assert_contains(&err, "is not a web address starting with https://");
    let empty = data.scratch("empty.txt");
    fs::write(&empty, "\n\nSection 1: About you\n").unwrap();
    let err = data.fails(
        &[
            "funders",
            "new",
            "hall-fund",
            "--name",
            "Hall",
            "--questions-from",
            path_str(&empty),
        ],
        1,
    );
    assert_contains(&err, "found no questions in");
    let err = data.fails(
        &[
            "funders",
            "new",
            "hall-fund",
            "--name",
            "Hall",
            "--questions-from",
            path_str(&data.scratch("missing.txt")),
        ],
        1,
    );
    assert_contains(&err, "cannot read");
    assert!(!data.root.join("funders/hall-fund.toml").exists());
    let err = data.fails(
        &[
            "funders",
            "questions",
            "no-such-fund",
            "--questions-from",
            "-",
        ],
        1,
    );
    assert_contains(&err, "alongside funders new no-such-fund");
}

#[test]
fn a_funder_with_no_known_questions_is_no_dead_end() {
    let data = Data::with_demo();
    data.ok(&["funders", "new", "hall-fund", "--name", "Hall Fund"]);
    let check = data
        .cmd()
        .args(["check", DEMO, "--funder", "hall-fund"])
        .assert()
        .code(1);
    let out = text_of(&check);
    assert_contains(&out, "does not list the funder's questions");
    assert_contains(
        &out,
        "alongside funders questions hall-fund --questions-from FILE",
    );
    let err = data.fails(&["draft", DEMO, "--funder", "hall-fund"], 1);
    assert_contains(&err, "there is nothing to draft for Hall Fund yet");
    assert_contains(&err, "alongside funders questions hall-fund");
    let err = data.fails(
        &["wording", DEMO, "--funder", "hall-fund", "q1", "words"],
        1,
    );
    assert_contains(&err, "lists no questions yet");
}

#[test]
fn match_says_what_to_find_out_about_a_funder_added_by_hand() {
    let data = Data::with_demo();
    data.ok(&["funders", "new", "hall-fund", "--name", "Hall Fund"]);
    let out = data.ok(&["match", DEMO, "--funder", "hall-fund"]);
    assert_contains(
        &out,
        "  ?    This profile does not say whether Hall Fund is taking applications. Ask the funder, or check its form or guidance, before you apply.",
    );
    assert_lacks(&out, "Why it fits:\nWorth");
}
