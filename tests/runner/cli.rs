//! The `alongside` binary run for real against a temporary data folder:
//! what each subcommand prints, its exit code, and what it leaves on disk.
//!
//! Times are printed in the computer's time zone, so every run sets TZ=UTC
//! (the demo group's times are written in UTC).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
/// The first line `show` prints for the demo group.
const DEMO_TITLE: &str = "Riverside Aphasia Café (riverside-aphasia-cafe)";

/// A funder profile with both a minimum and a maximum grant, to break.
const PROFILE: &str = include_str!("../../funders/awards-for-all-england.toml");

/// How many questions the bank has (it grows; the tests should not care).
fn bank_size() -> usize {
    alongside::bank::Bank::builtin().unwrap().questions.len()
}

fn funders_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("funders")
}

// ---------------------------------------------------------------------------
// Checking output

/// Asserts that `block` appears in `output` as consecutive whole lines.
#[track_caller]
fn assert_lines(output: &str, block: &[&str]) {
    let lines: Vec<&str> = output.lines().collect();
    assert!(
        lines.windows(block.len()).any(|w| w == block),
        "expected the lines\n{}\nin\n{output}",
        block.join("\n")
    );
}

fn json(output: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(output).unwrap_or_else(|e| panic!("not a JSON array ({e}):\n{output}"))
}

fn string_field<'a>(row: &'a serde_json::Value, key: &str) -> &'a str {
    row[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {row}"))
}

// ---------------------------------------------------------------------------
// demo

#[test]
fn demo_prints_its_short_name() {
    let data = Data::new();
    assert_eq!(data.ok(&["demo"]), format!("{DEMO}\n"));
    assert!(data.group_file(DEMO).is_file());
}

#[test]
fn second_demo_is_refused_naming_the_group() {
    let data = Data::with_demo();
    let before = fs::read(data.group_file(DEMO)).unwrap();
    let stderr = data.fails(&["demo"], 1);
    assert_contains(&stderr, &format!("`{DEMO}`"));
    assert_contains(&stderr, &format!("alongside show {DEMO}"));
    assert_eq!(fs::read(data.group_file(DEMO)).unwrap(), before);
}

// ---------------------------------------------------------------------------
// new

#[test]
fn new_prints_a_short_name_made_from_the_name() {
    let data = Data::new();
    assert_eq!(data.ok(&["new", "Riverside Carers"]), "riverside-carers\n");
    assert_eq!(data.ok(&["new", "  Café Ünity  "]), "cafe-unity\n");
    let name = data.stored_answer("riverside-carers", "group_name");
    assert_eq!(name["text"].as_str(), Some("Riverside Carers"));
}

#[test]
fn new_refuses_a_name_already_used() {
    let data = Data::new();
    data.ok(&["new", "Riverside Carers"]);
    for clash in ["Riverside Carers", "riverside   CARERS!"] {
        let stderr = data.refused_unchanged("riverside-carers", &["new", clash]);
        assert_eq!(
            stderr,
            "error: a group called `riverside-carers` already exists. Choose another name, or use that group\n"
        );
    }
}

#[test]
fn new_refuses_a_name_without_letters_or_digits() {
    let data = Data::new();
    let stderr = data.fails(&["new", "!!!"], 1);
    assert_contains(&stderr, "`!!!` has no letters or digits");
    assert!(
        !data.groups_dir().exists() || fs::read_dir(data.groups_dir()).unwrap().next().is_none()
    );
}

#[test]
fn new_refuses_an_empty_name() {
    let data = Data::new();
    assert_contains(&data.fails(&["new", "   "], 1), "the group needs a name");
}

// ---------------------------------------------------------------------------
// groups

#[test]
fn groups_in_an_empty_data_dir_says_how_to_start() {
    let data = Data::new();
    assert_eq!(
        data.ok(&["groups"]),
        "No groups yet. Start one with `alongside new \"Group name\"`, or try `alongside demo`.\n"
    );
    assert_eq!(
        json(&data.ok(&["groups", "--json"])),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn groups_lists_each_group_in_a_table() {
    let data = Data::with_demo();
    assert_eq!(
        data.ok(&["groups"]),
        "SHORT NAME              NAME                    LAST CHANGED       ANSWERED\n\
         riverside-aphasia-cafe  Riverside Aphasia Café  14 Oct 2026 15:40  66/66\n"
    );
}

#[test]
fn groups_json_has_group_and_group_name() {
    let data = Data::with_demo();
    data.ok(&["new", "Riverside Carers"]);
    let rows = json(&data.ok(&["groups", "--json"]));
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (string_field(r, "group"), string_field(r, "group_name")))
        .collect();
    assert_eq!(
        pairs,
        [
            (DEMO, "Riverside Aphasia Café"),
            ("riverside-carers", "Riverside Carers")
        ]
    );
}

// ---------------------------------------------------------------------------
// show

#[test]
fn show_prints_each_answer_with_who_gave_it_and_when() {
    let data = Data::with_demo();
    let out = data.ok(&["show", DEMO]);
    assert_lines(
        &out,
        &[
            DEMO_TITLE,
            "Year 2 of using alongside. 66 of 66 questions answered. Last changed 14 Oct 2026 15:40.",
            "",
            "== About the group ==",
            "What changed for the group this year? Think about who comes now, how many, and where and how often you meet.",
            "",
            "What is your group called?  [group_name]",
            "  Riverside Aphasia Café",
            "  -- the group, 2 Sep 2025 10:20",
        ],
    );
    assert_lines(
        &out,
        &[
            "Which part of the UK are you in?  [region]",
            "  South East England",
            "  -- the group and supporter together, 2 Sep 2025 10:22",
        ],
    );
    assert_lines(
        &out,
        &[
            "  14",
            "  -- the group and supporter together, 10 Feb 2026 14:05 (changed once before)",
        ],
    );
    assert_contains(&out, "\n  -- the supporter, 14 Oct 2026 15:31\n");
}

#[test]
fn show_says_which_questions_are_not_answered() {
    let data = Data::with_new_group();
    assert_lines(
        &data.ok(&["show", "typed"]),
        &[
            "Which country do you meet in?  [country]",
            "  (not answered yet)",
        ],
    );
}

#[test]
fn show_accepts_the_path_to_a_group_file() {
    let data = Data::with_demo();
    let copy = data.scratch("copy.toml");
    fs::copy(data.group_file(DEMO), &copy).unwrap();
    let out = data.ok(&["show", path_str(&copy)]);
    assert_eq!(out.lines().next(), Some(DEMO_TITLE));
}

#[test]
fn show_unknown_group_says_how_to_list_groups() {
    let data = Data::with_demo();
    let stderr = data.fails(&["show", "nowhere"], 1);
    assert_contains(&stderr, "there is no group `nowhere`");
    assert_contains(&stderr, "`alongside groups`");
}

// ---------------------------------------------------------------------------
// answer: one test per question type

/// Answers `question` for a fresh group; returns what was printed and the
/// stored answer table.
fn answer_fresh(question: &str, value: &str) -> (String, toml::Table) {
    let data = Data::with_new_group();
    let out = data.ok(&["answer", "typed", question, value]);
    (out, data.stored_answer("typed", question))
}

#[test]
fn answer_short_text() {
    let (out, stored) = answer_fresh("group_name", "Tuesday Talkers");
    assert_eq!(
        out,
        "Saved \"Tuesday Talkers\" as the answer to \"What is your group called?\" (by the group).\n"
    );
    assert_eq!(stored["text"].as_str(), Some("Tuesday Talkers"));
    assert_eq!(stored["by"].as_str(), Some("group"));
}

#[test]
fn answer_long_text() {
    let (out, stored) = answer_fresh("who_for", "People who care for someone.");
    assert_eq!(
        out,
        "Saved \"People who care for someone.\" as the answer to \"Who is your group for? What have members been through, or what do they share?\" (by the group).\n"
    );
    assert_eq!(
        stored["text"].as_str(),
        Some("People who care for someone.")
    );
}

#[test]
fn answer_number() {
    let (out, stored) = answer_fresh("year_started", "2017");
    assert_eq!(
        out,
        "Saved \"2017\" as the answer to \"What year did the group start?\" (by the group).\n"
    );
    assert_eq!(stored["number"].as_integer(), Some(2017));
}

#[test]
fn answer_money_is_stored_in_pence() {
    let (out, stored) = answer_fresh("income_last_year", "£1,234.50");
    assert_eq!(
        out,
        "Saved \"£1,234.50\" as the answer to \"How much money came in last year, from everywhere?\" (by the group).\n"
    );
    assert_eq!(stored["pence"].as_integer(), Some(123450));
}

#[test]
fn answer_yes_no() {
    let (out, stored) = answer_fresh("has_bank_account", "yes");
    assert_eq!(
        out,
        "Saved \"Yes\" as the answer to \"Does the group have a bank account in the group's own name?\" (by the group).\n"
    );
    assert_eq!(stored["yes"].as_bool(), Some(true));
}

#[test]
fn answer_choice_by_label_is_stored_by_id() {
    let (out, stored) = answer_fresh("country", "Wales");
    assert_eq!(
        out,
        "Saved \"Wales\" as the answer to \"Which country do you meet in?\" (by the group).\n"
    );
    assert_eq!(stored["choice"].as_str(), Some("wales"));
}

#[test]
fn answer_choices() {
    let (out, stored) = answer_fresh("values", "staying_small, member_led_decisions");
    assert_eq!(
        out,
        "Saved \"Staying small, Members make the decisions\" as the answer to \"What matters most about how you run your group? Pick only the ones that really matter to you.\" (by the group).\n"
    );
    let choices: toml::Value = vec!["staying_small", "member_led_decisions"].into();
    assert_eq!(stored["choices"], choices);
}

#[test]
fn answer_date() {
    let (out, stored) = answer_fresh("project_start", "2027-04-01");
    assert_eq!(
        out,
        "Saved \"1 April 2027\" as the answer to \"When would the project start? For example 1 April 2027.\" (by the group).\n"
    );
    let date = stored["date"]
        .as_datetime()
        .expect("a TOML date, not a string");
    assert_eq!(date.to_string(), "2027-04-01");
}

#[test]
fn answer_budget() {
    let (out, stored) = answer_fresh(
        "project_budget",
        "Room hire | venue_hire | £1,200; Tea | refreshments | 150",
    );
    assert_contains(&out, "as the answer to \"What will the project cost?");
    let expected: toml::Table = toml::from_str(
        r#"budget = [
            { item = "Room hire", category = "venue_hire", pence = 120000 },
            { item = "Tea", category = "refreshments", pence = 15000 },
        ]"#,
    )
    .unwrap();
    assert_eq!(stored["budget"], expected["budget"]);
}

// ---------------------------------------------------------------------------
// answer: who, and mistakes

#[test]
fn answer_by_supporter_is_recorded() {
    let data = Data::with_new_group();
    let out = data.ok(&[
        "answer",
        "typed",
        "year_started",
        "2017",
        "--by",
        "supporter",
    ]);
    assert_eq!(
        out,
        "Saved \"2017\" as the answer to \"What year did the group start?\" (by the supporter).\n"
    );
    assert_eq!(
        data.stored_answer("typed", "year_started")["by"].as_str(),
        Some("supporter")
    );
    data.ok(&[
        "answer",
        "typed",
        "year_started",
        "2018",
        "--by",
        "together",
    ]);
    assert_eq!(
        data.stored_answer("typed", "year_started")["by"].as_str(),
        Some("together")
    );
}

#[test]
fn answer_unknown_question_suggests_the_closest_ids() {
    let data = Data::with_new_group();
    let stderr = data.refused_unchanged("typed", &["answer", "typed", "year_start", "2017"]);
    assert_contains(
        &stderr,
        "there is no question `year_start`. Did you mean `year_started`",
    );
    assert_contains(&stderr, "`alongside questions`");
}

#[test]
fn answer_wrong_number_says_what_was_expected() {
    let data = Data::with_new_group();
    let stderr = data.refused_unchanged("typed", &["answer", "typed", "year_started", "twelve"]);
    assert_contains(
        &stderr,
        "Answering \"What year did the group start?\": \"twelve\" is not a whole number. Expected a whole number",
    );
}

#[test]
fn answer_number_out_of_range_says_what_was_expected() {
    let data = Data::with_new_group();
    let stderr = data.refused_unchanged("typed", &["answer", "typed", "year_started", "1800"]);
    assert_contains(
        &stderr,
        "Answering \"What year did the group start?\": 1800 is too low. Expected a whole number",
    );
    assert_contains(&stderr, "1900");
}

#[test]
fn answer_wrong_date_says_what_was_expected() {
    let data = Data::with_new_group();
    let stderr =
        data.refused_unchanged("typed", &["answer", "typed", "project_start", "30/2/2026"]);
    assert_contains(
        &stderr,
        "\"30/2/2026\" is not a date (there is no 30 February 2026)",
    );
    assert_contains(&stderr, "1 April 2027, 1/4/2027 or 2027-04-01");
}

#[test]
fn answer_wrong_choice_lists_the_choices() {
    let data = Data::with_new_group();
    let stderr = data.refused_unchanged("typed", &["answer", "typed", "country", "Atlantis"]);
    assert_contains(
        &stderr,
        "Answering \"Which country do you meet in?\": \"Atlantis\" is not one of the choices. Expected one of:",
    );
    assert_contains(&stderr, "Wales");
}

#[test]
fn answer_wrong_money_yes_no_and_budget_are_refused() {
    let data = Data::with_new_group();
    for (question, value, expected) in [
        ("income_last_year", "lots", "Expected an amount in pounds"),
        ("has_bank_account", "maybe", "Expected yes or no"),
        (
            "project_budget",
            "Room hire | £1,200",
            "what it is for | kind of cost | amount",
        ),
    ] {
        assert_contains(
            &data.refused_unchanged("typed", &["answer", "typed", question, value]),
            expected,
        );
    }
}

#[test]
fn answer_unknown_group_is_refused() {
    let data = Data::with_new_group();
    assert_contains(
        &data.fails(&["answer", "nowhere", "year_started", "2017"], 1),
        "there is no group `nowhere`",
    );
}

#[test]
fn answer_written_wrongly_is_a_usage_error() {
    let data = Data::with_new_group();
    let before = fs::read(data.group_file("typed")).unwrap();
    assert_contains(
        &data.fails(&["answer", "typed"], 2),
        "required arguments were not provided",
    );
    assert_contains(
        &data.fails(
            &["answer", "typed", "year_started", "2017", "--by", "nobody"],
            2,
        ),
        "possible values: group, supporter, together",
    );
    assert_eq!(fs::read(data.group_file("typed")).unwrap(), before);
}

#[test]
fn answer_strips_control_characters_from_what_is_shown() {
    let data = Data::with_new_group();
    let saved = data.ok(&["answer", "typed", "who_for", "Hello\x1b[2Jworld"]);
    assert!(!saved.contains('\x1b'), "ESC printed: {saved:?}");
    let shown = data.ok(&["show", "typed"]);
    assert!(!shown.contains('\x1b'), "ESC printed by show");
    assert_contains(&shown, "Hello");
    assert_contains(&shown, "world");
}

#[test]
fn group_names_with_control_characters_are_cleaned_in_lists() {
    let data = Data::new();
    let slug = data.ok(&["new", "Evil\x1b]0;pwned\x07 Group"]);
    for args in [&["groups"][..], &["show", slug.trim()]] {
        let out = data.ok(args);
        assert!(
            !out.contains(['\x1b', '\x07']),
            "control character printed by {args:?}: {out:?}"
        );
    }
}

#[test]
fn errors_do_not_echo_control_characters() {
    let data = Data::with_new_group();
    for args in [
        ["answer", "typed", "year_started", "1\x1b[2J"],
        ["answer", "typed", "q\x1b[2J", "1"],
        ["answer", "no\x1b[2J", "year_started", "1"],
    ] {
        let stderr = data.fails(&args, 1);
        assert!(
            !stderr.contains('\x1b'),
            "ESC echoed for {args:?}: {stderr:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// questions

#[test]
fn questions_lists_every_question_by_section() {
    let out = Data::new().ok(&["questions"]);
    assert_eq!(out.lines().next(), Some("== About the group (about) =="));
    let rows: Vec<String> = out
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("== "))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(rows.len(), bank_size());
    assert!(
        rows.contains(&"group_name short_text What is your group called?".to_string()),
        "{out}"
    );
}

#[test]
fn questions_json_has_id_section_type_and_prompt() {
    let data = Data::new();
    let rows = json(&data.ok(&["questions", "--json"]));
    assert_eq!(rows.len(), bank_size());
    let kinds: HashSet<&str> = [
        "short_text",
        "long_text",
        "number",
        "money",
        "yes_no",
        "choice",
        "choices",
        "date",
        "budget",
    ]
    .into();
    let mut ids = HashSet::new();
    for row in &rows {
        assert!(ids.insert(string_field(row, "id")), "id used twice: {row}");
        assert!(!string_field(row, "section").is_empty());
        assert!(!string_field(row, "prompt").is_empty());
        assert!(
            kinds.contains(string_field(row, "type")),
            "unknown type in {row}"
        );
    }
    let group_name = &rows[0];
    assert_eq!(
        (
            string_field(group_name, "id"),
            string_field(group_name, "section"),
            string_field(group_name, "type")
        ),
        ("group_name", "about", "short_text")
    );
    assert_eq!(
        string_field(group_name, "prompt"),
        "What is your group called?"
    );
    // The questions in the issue exist with the types it names.
    for (id, kind) in [
        ("who_for", "long_text"),
        ("income_last_year", "money"),
        ("project_budget", "budget"),
        ("values", "choices"),
    ] {
        let row = rows
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no question {id}"));
        assert_eq!(string_field(row, "type"), kind);
    }
}

// ---------------------------------------------------------------------------
// export and import

#[test]
fn export_prints_the_group_file() {
    let data = Data::with_demo();
    let on_disk = fs::read_to_string(data.group_file(DEMO)).unwrap();
    assert_eq!(data.ok(&["export", DEMO]), on_disk);
}

#[test]
fn export_to_a_file() {
    let data = Data::with_demo();
    let file = data.scratch("out.toml");
    let out = data.ok(&["export", DEMO, "-o", path_str(&file)]);
    assert_eq!(out, format!("Wrote {DEMO} to {}\n", file.display()));
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(data.group_file(DEMO)).unwrap()
    );
}

#[test]
fn import_into_a_fresh_data_dir() {
    let from = Data::with_demo();
    let file = from.scratch("shared.toml");
    from.ok(&["export", DEMO, "-o", path_str(&file)]);
    let to = Data::new();
    assert_eq!(to.ok(&["import", path_str(&file)]), format!("{DEMO}\n"));
    assert_eq!(
        fs::read(to.group_file(DEMO)).unwrap(),
        fs::read(&file).unwrap()
    );
}

#[test]
fn import_after_deleting_the_group() {
    let data = Data::with_demo();
    let file = data.scratch("kept.toml");
    data.ok(&["export", DEMO, "-o", path_str(&file)]);
    fs::remove_file(data.group_file(DEMO)).unwrap();
    assert_contains(&data.ok(&["groups"]), "No groups yet");
    assert_eq!(data.ok(&["import", path_str(&file)]), format!("{DEMO}\n"));
    assert_eq!(data.ok(&["show", DEMO]).lines().next(), Some(DEMO_TITLE));
}

#[test]
fn import_again_is_refused_and_mentions_replace() {
    let data = Data::with_demo();
    let file = data.scratch("again.toml");
    data.ok(&["export", DEMO, "-o", path_str(&file)]);
    let stderr = data.refused_unchanged(DEMO, &["import", path_str(&file)]);
    assert_contains(&stderr, &format!("a group `{DEMO}` is already here"));
    assert_contains(
        &stderr,
        &format!("alongside import {} --replace", file.display()),
    );
}

#[test]
fn import_replace_keeps_a_backup_of_the_replaced_group() {
    let data = Data::with_new_group();
    let older = data.scratch("older.toml");
    data.ok(&["export", "typed", "-o", path_str(&older)]);
    data.ok(&["answer", "typed", "year_started", "1999"]);
    let replaced = fs::read(data.group_file("typed")).unwrap();
    let backups_before = data.backups("typed").len();

    assert_eq!(
        data.ok(&["import", path_str(&older), "--replace"]),
        "typed\n"
    );

    assert_eq!(
        fs::read(data.group_file("typed")).unwrap(),
        fs::read(&older).unwrap()
    );
    let backups = data.backups("typed");
    assert_eq!(backups.len(), backups_before + 1);
    assert_eq!(fs::read(backups.last().unwrap()).unwrap(), replaced);
}

// ---------------------------------------------------------------------------
// funders

#[test]
fn funders_lists_the_built_in_profiles() {
    let data = Data::new();
    let out = data.ok(&["funders"]);
    assert!(out.lines().count() >= 14, "{out}");
    assert_contains(&out, "\ntudor-trust ");
    let rows = json(&data.ok(&["funders", "--json"]));
    assert_eq!(rows.len(), out.lines().count());
    let ids: HashSet<&str> = rows.iter().map(|r| string_field(r, "funder")).collect();
    assert_eq!(ids.len(), rows.len(), "ids are unique");
    assert!(ids.contains("awards-for-all-england"));
    assert!(rows.iter().all(|r| !string_field(r, "name").is_empty()));
    let mut keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "checked",
            "countries",
            "funder",
            "kind",
            "max_pence",
            "min_pence",
            "name",
            "organisation",
            "origin",
            "questions",
            "questions_known",
            "sources",
            "state",
            "status_as_of",
            "status_source",
            "website"
        ]
    );
    let row = |id: &str| rows.iter().find(|r| r["funder"] == id).unwrap();
    let tudor = row("tudor-trust");
    assert_eq!(tudor["state"], "closed");
    assert!(
        tudor["status_source"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let a4a = row("awards-for-all-england");
    assert_eq!(a4a["organisation"], "The National Lottery Community Fund");
    assert_eq!(a4a["countries"], serde_json::json!(["england"]));
    assert_eq!(a4a["state"], "unknown");
    assert_eq!(a4a["status_source"], serde_json::Value::Null);
    assert_eq!(a4a["max_pence"], 2_000_000);
    assert_eq!(a4a["questions"], 6);
    assert_eq!(a4a["questions_known"], true);
    assert!(
        a4a["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["as_of"] == "2020-12-01")
    );
    let cin = row("bbc-children-in-need-small-grants");
    assert_eq!(cin["questions"], 0);
    assert_eq!(cin["questions_known"], false);
}

#[test]
fn funders_from_one_folder_only() {
    let data = Data::new();
    let only = data.scratch("only");
    fs::create_dir(&only).unwrap();
    fs::copy(
        funders_dir().join("tudor-trust.toml"),
        only.join("tudor-trust.toml"),
    )
    .unwrap();
    let (out, warnings) = data.ok_with_warnings(&["funders", "--funders", path_str(&only)]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("tudor-trust  Tudor Trust  ("), "{out}");
    assert_eq!(warnings, "");
    let ids: Vec<String> = json(&data.ok(&["funders", "--funders", path_str(&only), "--json"]))
        .iter()
        .map(|r| string_field(r, "funder").to_string())
        .collect();
    assert_eq!(ids, ["tudor-trust"]);
}

#[test]
fn funders_from_a_missing_folder_is_refused() {
    let data = Data::new();
    let missing = data.scratch("no-such-folder");
    let stderr = data.fails(&["funders", "--funders", path_str(&missing)], 1);
    assert_contains(&stderr, path_str(&missing));
    assert_lacks(&stderr, ":0:0:");
}

#[test]
fn broken_profile_in_data_dir_is_skipped_with_one_warning() {
    let data = Data::new();
    let own = data.root.join("funders");
    fs::create_dir_all(&own).unwrap();
    fs::write(
        own.join("mine.toml"),
        PROFILE.replace("id = \"awards-for-all-england\"", "id = \"my-own-fund\""),
    )
    .unwrap();
    fs::write(
        own.join("broken.toml"),
        replace_line(PROFILE, "min_pounds = ", "max_pound = 300"),
    )
    .unwrap();
    let built_in = Data::new().ok(&["funders"]).lines().count();

    let (out, warnings) = data.ok_with_warnings(&["funders"]);

    assert_eq!(out.lines().count(), built_in + 1, "{out}");
    assert_contains(&out, "\nmy-own-fund ");
    assert_eq!(warnings.lines().count(), 1, "{warnings}");
    assert!(
        warnings.starts_with("warning: skipped a funder profile: "),
        "{warnings}"
    );
    assert_contains(&warnings, "broken.toml:");
    assert_contains(&warnings, "field `grant.max_pound`");
}

// ---------------------------------------------------------------------------
// funders check

/// The line number (from 1) of the first line starting with `prefix`.
fn line_of(source: &str, prefix: &str) -> usize {
    source
        .lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
        + 1
}

/// `source` with its first line starting with `prefix` replaced by `with`
/// (removed when `with` is empty).
fn replace_line(source: &str, prefix: &str, with: &str) -> String {
    let at = line_of(source, prefix) - 1;
    let mut lines: Vec<&str> = source.lines().collect();
    if with.is_empty() {
        lines.remove(at);
    } else {
        lines[at] = with;
    }
    lines.join("\n") + "\n"
}

/// Checks a broken profile: exit 1, and the report names the file followed
/// by `expected` (`:LINE:COL: field ...`).
#[track_caller]
fn assert_check_reports(broken: &str, expected: &str) {
    let data = Data::new();
    let file = data.scratch("broken.toml");
    fs::write(&file, broken).unwrap();
    let assert = alongside(&data.root)
        .args(["funders", "check", path_str(&file)])
        .assert()
        .code(1);
    let out = text(&assert.get_output().stdout);
    assert_contains(&out, &format!("{}{expected}", file.display()));
    assert_contains(&text(&assert.get_output().stderr), "1 problem in 1 file");
}

#[test]
fn funders_check_passes_the_shipped_profiles() {
    let data = Data::new();
    let out = data.ok(&["funders", "check", path_str(&funders_dir())]);
    // Warnings (old-form sources, sentences no check reads) come first;
    // they do not fail the check.
    let last = out.lines().last().unwrap();
    let (count, rest) = last.split_once(' ').unwrap();
    assert!(count.parse::<usize>().unwrap() >= 14, "{out}");
    assert!(
        rest.starts_with("funder profiles checked: no problems."),
        "{out}"
    );
}

#[test]
fn funders_check_reports_an_unknown_key() {
    let line = line_of(PROFILE, "min_pounds = ");
    assert_check_reports(
        &replace_line(PROFILE, "min_pounds = ", "max_pound = 300"),
        &format!(
            ":{line}:1: field `grant.max_pound`: unknown key `max_pound`. Did you mean `max_pounds`?"
        ),
    );
}

#[test]
fn funders_check_reports_a_wrong_type() {
    let line = line_of(PROFILE, "max_pounds = ");
    assert_check_reports(
        &replace_line(PROFILE, "max_pounds = ", "max_pounds = \"lots\""),
        &format!(
            ":{line}:14: field `grant.max_pounds`: found string \"lots\", but expected a whole number"
        ),
    );
}

#[test]
fn funders_check_reports_minimum_above_maximum() {
    let line = line_of(PROFILE, "min_pounds = ");
    let broken = replace_line(
        &replace_line(PROFILE, "min_pounds = ", "min_pounds = 5000"),
        "max_pounds = ",
        "max_pounds = 1000",
    );
    assert_check_reports(
        &broken,
        &format!(
            ":{line}:1: field `grant.min_pounds`: the minimum grant (£5,000) is above the maximum (£1,000)"
        ),
    );
}

#[test]
fn funders_check_reports_a_bad_date() {
    let line = line_of(PROFILE, "checked = ");
    assert_check_reports(
        &replace_line(PROFILE, "checked = ", "checked = \"2026-13-01\""),
        &format!(":{line}:11: field `checked`: `2026-13-01` is not a date"),
    );
}

#[test]
fn funders_check_reports_a_missing_name() {
    assert_check_reports(
        &replace_line(PROFILE, "name = ", ""),
        ":1:1: field `name`: the required key `name` is missing",
    );
}

// ---------------------------------------------------------------------------
// A group file that cannot be read

const CORRUPT: &[u8] = b"format = 1\nname = \"Broken\nslug = \"x\"\n";

fn with_corrupt_group() -> Data {
    let data = Data::with_demo();
    fs::write(data.group_file("x"), CORRUPT).unwrap();
    data
}

#[test]
fn corrupt_group_file_is_reported_with_its_line_and_left_alone() {
    let data = with_corrupt_group();
    for args in [&["show", "x"][..], &["answer", "x", "year_started", "2017"]] {
        let stderr = data.fails(args, 1);
        assert_contains(&stderr, "x.toml:2:");
        assert_contains(&stderr, "The file has not been changed");
        assert_eq!(
            fs::read(data.group_file("x")).unwrap(),
            CORRUPT,
            "{args:?} changed the file"
        );
    }
    assert!(data.backups("x").is_empty());
}

#[test]
fn groups_lists_the_others_and_warns_about_a_corrupt_file() {
    let data = with_corrupt_group();
    for args in [&["groups"][..], &["groups", "--json"]] {
        let (out, warnings) = data.ok_with_warnings(args);
        assert_contains(&out, DEMO);
        assert!(
            warnings.starts_with("warning: skipped a group file that could not be read: "),
            "{warnings}"
        );
        assert_contains(&warnings, "x.toml:2:");
    }
    assert_eq!(json(&data.ok(&["groups", "--json"])).len(), 1);
    assert_eq!(fs::read(data.group_file("x")).unwrap(), CORRUPT);
}

// ---------------------------------------------------------------------------
// Files on disk

#[cfg(unix)]
#[test]
fn data_folders_and_group_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;

    let data = Data::with_new_group();
    data.ok(&["answer", "typed", "year_started", "2017"]);

    assert_eq!(mode(&data.root), 0o700, "data folder");
    assert_eq!(mode(&data.groups_dir()), 0o700, "groups folder");
    assert_eq!(mode(&data.group_file("typed")), 0o600, "group file");
    assert_eq!(
        mode(&data.root.join("backups").join("typed")),
        0o700,
        "backups folder"
    );
    for backup in data.backups("typed") {
        assert_eq!(mode(&backup), 0o600, "{}", backup.display());
    }
}

// ---------------------------------------------------------------------------
// Help and environment

#[test]
fn help_explains_the_exit_codes() {
    let out = stdout_of(bare().arg("--help"));
    assert_contains(&out, "Exit codes:\n  0  done\n  1  a problem you can fix");
    assert_contains(&out, "\n  2  the command was not written correctly");
    assert_contains(&out, "ALONGSIDE_DATA_DIR");
}

#[test]
fn unknown_command_is_a_usage_error() {
    bare().arg("frobnicate").assert().code(2);
}

#[test]
fn data_dir_can_come_from_the_environment() {
    let data = Data::new();
    let with_env = || {
        let mut cmd = bare();
        cmd.env("ALONGSIDE_DATA_DIR", &data.root);
        cmd
    };
    assert_eq!(stdout_of(with_env().arg("demo")), format!("{DEMO}\n"));
    assert!(data.group_file(DEMO).is_file());
    let listed = json(&stdout_of(with_env().args(["groups", "--json"])));
    assert_eq!(string_field(&listed[0], "group"), DEMO);
}

// ---------------------------------------------------------------------------
// match and award

const TODAY: &str = "2026-11-26";

/// How many profiles are built in: every `*.toml` in `funders/`.
fn builtin_count() -> usize {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/funders"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count()
}

#[test]
fn match_groups_funders_by_verdict_with_reasons() {
    let data = Data::with_demo();
    let out = data.ok(&["match", DEMO, "--today", TODAY]);
    assert!(
        out.starts_with(&format!(
            "Riverside Aphasia Café would ask for £4,752. Checked against {} funders on 26 November 2026.",
            builtin_count()
        )),
        "{out}"
    );
    // No built-in profile has a recent dated status the demo passes, so none
    // is "you can apply"; Tudor Trust's own page says it is closed.
    assert_lacks(&out, "== You can apply (");
    assert_contains(&out, "== Not taking applications now (1) ==");
    assert_contains(
        &out,
        "Tudor Trust  [tudor-trust]  (facts checked this month)\n  Tudor Trust is closed to new applications (as of 1 December 2026).",
    );
    assert_contains(
        &out,
        "NO   The group meets in England; this funder only gives in Wales.",
    );
    assert_contains(&out, "What would change it: Ask for £500 or less");
    assert!(
        out.contains(
            "! The ask (£4,752) is more than the group's whole income last year (£2,315)."
        ),
        "{out}"
    );
}

#[test]
fn match_one_funder_in_full_and_as_json() {
    let data = Data::with_demo();
    let out = data.ok(&[
        "match",
        DEMO,
        "--today",
        TODAY,
        "--funder",
        "awards-for-all-england",
    ]);
    assert_contains(
        &out,
        "National Lottery Awards for All England  [awards-for-all-england]: check (facts checked this month)",
    );
    assert_contains(
        &out,
        "yes  The group has a bank account in its own name, which this funder needs.",
    );
    assert_contains(
        &out,
        "Why it fits:\n  + Their priorities include bringing people together",
    );

    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["match", DEMO, "--today", TODAY, "--json"])).unwrap();
    let all = json["funders"].as_array().unwrap();
    assert_eq!(all.len(), builtin_count());
    let wales = all
        .iter()
        .find(|m| m["funder"] == "awards-for-all-wales")
        .unwrap();
    assert_eq!(wales["verdict"], "not-eligible");
    let country = wales["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "area.country")
        .unwrap();
    assert_eq!(country["status"], "fail");
    assert!(country["fix"].is_string());
}

#[test]
fn match_names_the_question_behind_an_unknown() {
    let data = Data::new();
    data.ok(&["new", "Fresh Start"]);
    let out = data.ok(&[
        "match",
        "fresh-start",
        "--today",
        TODAY,
        "--funder",
        "awards-for-all-england",
    ]);
    // The question's own words for people; its id only in the command.
    assert!(
        out.contains(
            "Answer \"Does the group have a bank account in the group's own name?\": alongside answer fresh-start has_bank_account ..."
        ),
        "{out}"
    );
    assert_contains(&out, "would ask for an amount not given yet.");
}

#[test]
fn match_refuses_an_unknown_funder_with_a_suggestion() {
    let data = Data::with_demo();
    let err = data.fails(&["match", DEMO, "--funder", "tudor-trst"], 1);
    assert_contains(
        &err,
        "there is no funder `tudor-trst`. Did you mean `tudor-trust` (Tudor Trust)?",
    );
    let err = data.fails(&["match", DEMO, "--today", "11/26/2026"], 2);
    assert_contains(&err, "the day comes first, as in 26/11/2026");
}

#[test]
fn an_award_is_recorded_and_one_at_a_time_funders_see_it() {
    let data = Data::with_demo();
    let out = data.ok(&[
        "award",
        DEMO,
        "--funder",
        "awards-for-all-england",
        "--amount",
        "£4,752",
        "--start",
        "2026-04-01",
        "--end",
        "2027-03-31",
    ]);
    assert_eq!(
        out,
        format!(
            "Recorded grant awards-for-all-england-2026: £4,752 from National Lottery Awards for All England, 1 April 2026 to 31 March 2027.\n\
         Budget: 8 lines from the application, £4,752 in all.\n\
         No reporting dates in the funder's profile: add them with `alongside grant {DEMO} --grant awards-for-all-england-2026 --interim DATE --final DATE`.\n"
        )
    );
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(data.group_file(DEMO)).unwrap()).unwrap();
    let grant = file["grant"].as_array().unwrap().last().unwrap();
    assert_eq!(grant["pence"].as_integer(), Some(475_200));
    assert!(data.ok(&["show", DEMO]).contains("\nawards-for-all-england-2026: £4,752 from awards-for-all-england, 1 April 2026 to 31 March 2027"));
    let out = data.ok(&[
        "match",
        DEMO,
        "--today",
        TODAY,
        "--funder",
        "awards-for-all-england",
    ]);
    assert_contains(
        &out,
        "NO   The group already has a grant from National Lottery Awards for All England until 31 March 2027",
    );
    assert_contains(
        &out,
        "What would change it: Apply again after 31 March 2027.",
    );
}

#[test]
fn a_bad_award_changes_nothing() {
    let data = Data::with_demo();
    let base = [
        "award",
        DEMO,
        "--funder",
        "awards-for-all-england",
        "--amount",
        "100",
        "--start",
        "2026-04-01",
        "--end",
        "2027-03-31",
    ];
    let with = |i: usize, v: &'static str| {
        let mut args = base.to_vec();
        args[i] = v;
        args
    };
    let err = data.refused_unchanged(DEMO, &with(5, "-100"));
    assert_contains(&err, "below zero");
    let err = data.refused_unchanged(DEMO, &with(9, "2025-01-01"));
    assert_contains(
        &err,
        "ends (1 January 2025) before it starts (1 April 2026)",
    );
    let err = data.refused_unchanged(DEMO, &with(3, "awards-for-all"));
    assert_contains(&err, "there is no funder `awards-for-all`");
}

// ---------------------------------------------------------------------------
// The plain interview and the glossary

/// Runs `interview GROUP --plain` with `input` typed at it.
fn interview(data: &Data, slug: &str, extra: &[&str], input: &str) -> String {
    let assert = alongside(&data.root)
        .args(["interview", slug, "--plain"])
        .args(extra)
        .write_stdin(input)
        .assert()
        .success();
    text(&assert.get_output().stdout)
}

#[test]
fn plain_interview_asks_in_lines_and_saves_each_answer() {
    let data = Data::with_new_group();
    // Who: 2 (the supporter). Country: 1 (England). Region: skipped.
    // Council: two words. Then stop. One Enter finishes each.
    let out = interview(&data, "typed", &[], "2\n1\n\nSouthampton City\nstop\n");
    assert_contains(&out, "Who is at the keyboard?\n  1. The group");
    assert_contains(&out, "Which country do you meet in?\nWhy funders ask: ");
    assert_contains(&out, "Choices:\n  1. England\n  2. Scotland");
    assert_contains(&out, "Left as it was.");
    assert_contains(&out, "Stopped. 2 answers saved this time.");
    assert!(
        !out.contains('\u{1b}') && !out.contains('┌'),
        "plain text only"
    );
    assert_eq!(
        data.stored_answer("typed", "country")["choice"].as_str(),
        Some("england")
    );
    let council = data.stored_answer("typed", "local_authority");
    assert_eq!(council["text"].as_str(), Some("Southampton City"));
    assert_eq!(council["by"].as_str(), Some("supporter"));
}

#[test]
fn plain_interview_explains_a_bad_answer_and_asks_again() {
    let data = Data::with_new_group();
    let out = interview(
        &data,
        "typed",
        &["--by", "group", "--all"],
        "\n\n\n\n\nnineteen\n2017\nstop\n",
    );
    assert_contains(&out, "Not saved: \"nineteen\" is not a whole number.");
    assert_contains(&out, "Please try again, or press Enter to leave it.");
    assert_eq!(
        data.stored_answer("typed", "year_started")["number"].as_integer(),
        Some(2017)
    );
}

#[test]
fn plain_interview_takes_several_lines_and_budget_lines() {
    let data = Data::with_new_group();
    data.ok(&["answer", "typed", "year_started", "2017"]);
    let mut all_but_two = String::new();
    // Skip to the long answer about who the group is for: it is the fifth
    // unanswered question (country, region, council, postcode, members,
    // people in touch, who_for...). Answer the budget too.
    for _ in 0..7 {
        all_but_two.push('\n');
    }
    all_but_two.push_str("People living with arthritis.\nTheir partners come too.\n\n");
    let out = interview(
        &data,
        "typed",
        &["--by", "together"],
        &format!("{all_but_two}stop\n"),
    );
    assert_contains(&out, "(funders usually want");
    assert_eq!(
        data.stored_answer("typed", "who_for")["text"].as_str(),
        Some("People living with arthritis.\nTheir partners come too.")
    );
    let budget = interview(
        &data,
        "typed",
        &["--by", "together", "--all"],
        &format!(
            "{}Hall hire, 26 weeks, 1, 910\nTea, 4, 120\n\nstop\n",
            "\n".repeat(57)
        ),
    );
    // Lines are broken between words at 80 columns.
    assert_contains(&budget, "for): What will the project\ncost? Write one line");
    let stored = data.stored_answer("typed", "project_budget");
    let lines = stored["budget"].as_array().unwrap();
    assert_eq!(lines[0]["item"].as_str(), Some("Hall hire, 26 weeks"));
    assert_eq!(lines[0]["category"].as_str(), Some("venue_hire"));
    assert_eq!(lines[1]["pence"].as_integer(), Some(12_000));
}

#[test]
fn plain_interview_with_nothing_left_to_answer_says_so() {
    let data = Data::with_demo();
    let out = interview(&data, DEMO, &["--by", "group"], "");
    // The demo is in its second year with four figures still to check.
    assert_eq!(
        out,
        "Every question that applies has an answer. To go through them again, add --all.\n\
         4 answers are marked \"check this\": to go through only those, add --review.\n"
    );
}

#[test]
fn glossary_explains_funders_words() {
    let data = Data::new();
    let out = data.ok(&["glossary", "match", "funding"]);
    assert!(
        out.starts_with("Match funding\n  Money or help from somewhere else"),
        "{out}"
    );
    assert_contains(&out, "  Where you see it: ");
    assert!(data.ok(&["glossary"]).contains("Unrestricted funding"));
    let err = data.fails(&["glossary", "zebra"], 1);
    assert_contains(&err, "no word in the glossary matches");
}

// ---------------------------------------------------------------------------
// Grants and the evidence log

/// The demo group with a grant from Awards for All running through 2026.
/// The grant `with_grant` records (the demo group has one of its own too).
const GRANT: &str = "awards-for-all-england-2026";

fn with_grant() -> Data {
    let data = Data::with_demo();
    data.ok(&[&AWARD_2026[..], &["--final", "2027-02-20"]].concat());
    data.ok(&[
        "promise",
        DEMO,
        "--grant",
        GRANT,
        "--from",
        "monitoring_counts",
        "--sentence",
        "4",
        "--measure",
        "went on to volunteer",
        "--target",
        "2",
    ]);
    data
}

fn stored_grant(data: &Data) -> toml::Table {
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(data.group_file(DEMO)).unwrap()).unwrap();
    file["grant"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn an_award_takes_the_budget_from_the_application_and_the_dates_given() {
    let data = Data::with_demo();
    let out = data.ok(&AWARD_2026);
    assert_contains(&out, "Budget: 8 lines from the application, £4,752 in all.");
    assert_contains(&out, "Interim return due 30 June 2026.");
    let grant = stored_grant(&data);
    assert_eq!(grant["budget"].as_array().unwrap().len(), 8);
}

#[test]
fn every_log_kind_says_what_it_recorded() {
    let data = with_grant();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "session",
                "--came",
                "12",
                "--new",
                "2",
                "--date",
                "2026-02-04",
            ],
            "Recorded a session on 4 February 2026: 12 came, 2 new.\n",
        ),
        (
            &["count", "went on to volunteer", "1", "--date", "2026-03-01"],
            "Recorded 1 for \"went on to volunteer\" on 1 March 2026.\n",
        ),
        (
            &[
                "story",
                "I talk more at home now.",
                "--consent",
                "yes",
                "--date",
                "2026-03-04",
            ],
            "Recorded a story, with consent for report, on 4 March 2026 (story-4).\n",
        ),
        (
            &[
                "spend",
                "£35.50",
                "--line",
                "1",
                "--receipt",
                "R12",
                "--date",
                "2026-02-04",
            ],
            "Recorded £35.50 spent on \"Church hall hire, 26 sessions at £35\" on 4 February 2026 (£35.50 of £910 used).\n",
        ),
        (
            &[
                "note",
                "The hall was closed for a week.",
                "--date",
                "2026-03-10",
            ],
            "Recorded a note under \"What did not go to plan\", on 10 March 2026.\n",
        ),
    ];
    for (args, said) in cases {
        let mut full = vec!["log", DEMO, "--grant", GRANT];
        full.extend_from_slice(args);
        assert_eq!(data.ok(&full), said);
    }
    let grant = stored_grant(&data);
    assert_eq!(grant["session"][0]["came"].as_integer(), Some(12));
    assert_eq!(grant["spend"][0]["pence"].as_integer(), Some(3_550));
    assert_eq!(grant["spend"][0]["receipt"].as_str(), Some("R12"));
    assert_eq!(grant["story"][0]["consent"].as_bool(), Some(true));
    assert_eq!(
        grant["count"][0]["measure"].as_str(),
        Some("went on to volunteer")
    );
}

#[test]
fn bad_log_entries_record_nothing() {
    let data = with_grant();
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "session",
                "--came",
                "5",
                "--date",
                "2025-12-31",
            ],
            "outside the grant",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "session",
                "--came",
                "5",
                "--new",
                "6",
                "--date",
                "2026-02-01",
            ],
            "more than the 5 who came",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "spend",
                "-5",
                "--line",
                "1",
                "--date",
                "2026-02-01",
            ],
            "below zero",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "spend",
                "5",
                "--line",
                "Biscuits",
                "--date",
                "2026-02-01",
            ],
            "there is no budget line `Biscuits`",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "count",
                "went to the moon",
                "1",
                "--date",
                "2026-02-01",
            ],
            "the measures for this grant are: went on to volunteer",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "count",
                "went on to volunteer",
                "-1",
                "--date",
                "2026-02-01",
            ],
            "below zero",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "story",
                "Names here.",
                "--consent",
                "yes",
                "--anonymised",
                "yes",
                "--date",
                "2026-02-01",
            ],
            "--checked-by",
        ),
        (
            &[
                "log",
                DEMO,
                "--grant",
                GRANT,
                "note",
                "  ",
                "--date",
                "2026-02-01",
            ],
            "the note is empty",
        ),
    ];
    for (args, expected) in cases {
        let err = data.refused_unchanged(DEMO, args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let err = data.fails(
        &[
            "log", DEMO, "--grant", GRANT, "session", "--came", "5", "--date", "01/02/26",
        ],
        2,
    );
    assert_contains(&err, "write the year in full");
}

#[test]
fn spending_over_a_line_warns() {
    let data = with_grant();
    let (out, warnings) = data.ok_with_warnings(&[
        "log",
        DEMO,
        "--grant",
        GRANT,
        "spend",
        "911",
        "--line",
        "1",
        "--date",
        "2026-02-01",
    ]);
    assert_contains(&out, "(£911 of £910 used)");
    assert_contains(&warnings, "over its budget: £911 spent of £910 (£1 over)");
}

#[test]
fn a_final_report_before_the_grant_ends_is_refused_unless_early_with_a_reason() {
    let data = with_grant();
    let args = [
        "report",
        DEMO,
        "--grant",
        GRANT,
        "--final",
        "--today",
        "2026-09-01",
    ];
    let err = data.fails(&args, 1);
    assert!(
        err.contains("the grant runs until 20 November 2026") && err.contains("--early --reason"),
        "{err}"
    );
    let err = data.fails(&[&args[..], &["--early"]].concat(), 2);
    assert_contains(&err, "--reason");
    let (out, warnings) = data.ok_with_warnings(
        &[
            &args[..],
            &["--early", "--reason", "The funder is closing its scheme."],
        ]
        .concat(),
    );
    assert_contains(
        &out,
        "This report covers 5 January 2026 to 1 September 2026",
    );
    assert!(
        out.contains(
            "This report comes before the grant ends because: The funder is closing its scheme."
        ),
        "{out}"
    );
    assert_contains(&warnings, "warning: There is no grant reference");
    // After the end, no reason is needed and none is shown.
    let out = data.ok(&[
        "report",
        DEMO,
        "--grant",
        GRANT,
        "--final",
        "--today",
        "2026-12-01",
    ]);
    assert_contains(&out, "covers 5 January 2026 to 20 November 2026");
    assert_lacks(&out, "before the grant ends");
}

#[test]
fn promises_are_short_lines_written_or_picked_and_can_be_edited() {
    let data = with_grant();
    let (out, warnings) = data.ok_with_warnings(&[
        "promise",
        DEMO,
        "--grant",
        GRANT,
        "Meet every fortnight for a year",
    ]);
    assert_eq!(out, "Promise 2 added, in the group's words.\n");
    assert_contains(&warnings, "no measure yet");
    let err = data.fails(
        &[
            "promise",
            DEMO,
            "--grant",
            GRANT,
            "--from",
            "changes_for_members",
        ],
        1,
    );
    assert!(err.contains("--sentence") && err.contains("  1. "), "{err}");
    let out = data.ok(&[
        "promise",
        DEMO,
        "--grant",
        GRANT,
        "--edit",
        "2",
        "--measure",
        "sessions",
        "--target",
        "26",
    ]);
    assert_eq!(
        out,
        "Promise 2 changed, counted by \"sessions\", hoping for 26.\n"
    );
    let grant = stored_grant(&data);
    let p = &grant["promise"][1];
    assert_eq!(p["what"].as_str(), Some("Meet every fortnight for a year"));
    assert_eq!(p["target"].as_integer(), Some(26));
    assert!(p.get("from").is_none(), "the group wrote it: {p:?}");
    assert!(
        grant["promise"][0]["what"]
            .as_str()
            .unwrap()
            .starts_with("We will write down anyone"),
        "picked, not the whole answer"
    );
    let err = data.fails(&["promise", DEMO, "--grant", GRANT, "--edit", "9", "x"], 1);
    assert_contains(&err, "there is no promise 9");
    let out = data.ok(&["report", DEMO, "--grant", GRANT, "--today", "2026-06-01"]);
    assert_contains(
        &out,
        "2. Meet every fortnight for a year\n\n   sessions: 0 of 26 so far.",
    );
}

#[test]
fn report_warns_about_each_missing_piece_until_the_grant_details_are_given() {
    let data = with_grant();
    data.ok(&[
        "log",
        DEMO,
        "--grant",
        GRANT,
        "session",
        "--came",
        "9",
        "--date",
        "2026-02-04",
    ]);
    let report = ["report", DEMO, "--grant", GRANT, "--today", "2026-06-01"];
    let (out, warnings) = data.ok_with_warnings(&report);
    for missing in [
        "grant reference",
        "Nobody signs",
        "thank-you line",
        "Nothing was logged after 4 February 2026.",
    ] {
        assert!(warnings.contains(missing), "{missing}: {warnings}");
    }
    assert!(
        out.contains("Nothing was logged after 4 February 2026."),
        "the gap is named in the return too"
    );
    assert!(
        !out.contains("Thank you"),
        "an empty section is left out: {out}"
    );
    let out = data.ok(&[
        "grant",
        DEMO,
        "--grant",
        GRANT,
        "--reference",
        "AFA-99",
        "--contact",
        "Jan Morris",
        "--role",
        "Coordinator",
        "--thanks",
        "Thank you for believing in us.",
        "--people",
        "30",
    ]);
    assert!(out.starts_with("Grant awards-for-all-england-2026: reference: AFA-99; contact: Jan Morris; role: Coordinator;"), "{out}");
    let (out, warnings) = data.ok_with_warnings(&report);
    for gone in [
        "grant reference",
        "Nobody signs",
        "thank-you line",
        "people promised",
    ] {
        assert!(!warnings.contains(gone), "{gone}: {warnings}");
    }
    for shown in [
        "- Grant reference: AFA-99",
        "## Thank you\n\nThank you for believing in us.",
        "Written by Jan Morris, Coordinator, on 1 June 2026.",
        "we said 30 would take part",
    ] {
        assert!(out.contains(shown), "{shown}: {out}");
    }
    assert!(
        data.fails(&["grant", DEMO, "--grant", GRANT], 1)
            .contains("nothing to change")
    );
}

#[test]
fn money_in_the_return_says_over_or_under_and_lists_receipts() {
    let data = with_grant();
    for (amount, receipt) in [("500", "Hall 1"), ("455.50", "Hall 2")] {
        data.ok(&[
            "log",
            DEMO,
            "--grant",
            GRANT,
            "spend",
            amount,
            "--line",
            "1",
            "--receipt",
            receipt,
            "--date",
            "2026-02-04",
        ]);
    }
    let out = data.ok(&[
        "report",
        DEMO,
        "--grant",
        GRANT,
        "--today",
        "2026-06-01",
        "--format",
        "txt",
    ]);
    assert_contains(&out, "Budget £910, spent £955.50: £45.50 OVER");
    assert_contains(&out, "Receipts: Hall 1, Hall 2");
    assert!(
        out.contains("£490 under") || out.contains(" under"),
        "{out}"
    );
}

#[test]
fn consent_names_its_uses_and_withdrawal_removes_the_story_everywhere() {
    let data = with_grant();
    let story = |text: &str, extra: &[&str]| {
        let mut args = vec![
            "log",
            DEMO,
            "--grant",
            GRANT,
            "story",
            text,
            "--date",
            "2026-03-04",
        ];
        args.extend_from_slice(extra);
        data.ok(&args)
    };
    assert_eq!(
        story("For the funder only.", &["--consent", "yes"]),
        "Recorded a story, with consent for report, on 4 March 2026 (story-4).\n"
    );
    assert_eq!(
        story(
            "Publicity please.",
            &["--consent", "yes", "--uses", "publicity,other-funders"]
        ),
        "Recorded a story, with consent for other-funders, publicity, on 4 March 2026 (story-5).\n"
    );
    story(
        "Short consent.",
        &[
            "--consent",
            "yes",
            "--uses",
            "report",
            "--until",
            "2026-04-30",
        ],
    );
    let err = data.fails(
        &[
            "log",
            DEMO,
            "--grant",
            GRANT,
            "story",
            "x",
            "--consent",
            "no",
            "--uses",
            "report",
            "--date",
            "2026-03-04",
        ],
        1,
    );
    assert_contains(&err, "without consent");
    let err = data.fails(
        &[
            "log",
            DEMO,
            "--grant",
            GRANT,
            "story",
            "x",
            "--consent",
            "yes",
            "--uses",
            "radio",
            "--date",
            "2026-03-04",
        ],
        1,
    );
    assert_contains(&err, "`radio` is not a use");

    let list = data.ok(&["consent", DEMO]);
    assert_contains(
        &list,
        "story-4 (awards-for-all-england-2026, 4 March 2026) \"For the funder only.…\": agreed for report.",
    );
    assert_contains(
        &list,
        "story-5 (awards-for-all-england-2026, 4 March 2026) \"Publicity please.…\": agreed for other-funders, publicity.",
    );
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["consent", DEMO, "--json"])).unwrap();
    let ours: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["grant"] == GRANT)
        .collect();
    assert_eq!(
        ours[1]["uses"],
        serde_json::json!(["other-funders", "publicity"])
    );
    assert_eq!(ours[0]["state"], "agreed");
    let mut keys: Vec<&String> = ours[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "anonymised",
            "begins",
            "date",
            "entry",
            "grant",
            "state",
            "until",
            "uses",
            "withdrawn"
        ]
    );

    let report = |today: &str, format: &str| {
        data.ok(&[
            "report", DEMO, "--grant", GRANT, "--today", today, "--format", format,
        ])
    };
    for format in ["md", "txt", "html"] {
        let out = report("2026-04-01", format);
        assert!(out.contains("For the funder only."), "{format}: {out}");
        assert!(
            out.contains("Short consent."),
            "{format}: in force until 30 April"
        );
        assert!(
            !out.contains("Publicity please."),
            "{format}: not agreed for this report"
        );
        let later = report("2026-05-01", format);
        assert!(
            !later.contains("Short consent."),
            "{format}: consent has ended"
        );
    }
    assert_eq!(
        data.ok(&["consent", DEMO, "story-4", "--withdraw"])
            .split(':')
            .next()
            .unwrap(),
        format!(
            "Consent for story-4 withdrawn on {}",
            alongside::dates::Day::today().for_people()
        )
    );
    let file = fs::read_to_string(data.group_file(DEMO)).unwrap();
    assert!(
        !file.contains("For the funder only."),
        "the words are gone from the file"
    );
    for format in ["md", "txt", "html"] {
        assert!(
            !report("2026-04-01", format).contains("For the funder only."),
            "{format}"
        );
    }
    let docx = data.scratch("r.docx");
    data.ok(&[
        "report",
        DEMO,
        "--grant",
        GRANT,
        "--today",
        "2026-04-01",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(fs::metadata(&docx).unwrap().len() > 0);
    assert!(
        data.ok(&["consent", DEMO, "story-4"])
            .contains("consent withdrawn on")
    );
    let err = data.fails(&["consent", DEMO, "story-4", "--withdraw"], 1);
    assert_contains(&err, "already withdrawn");
    assert!(
        data.fails(&["consent", DEMO, "story-99", "--withdraw"], 1)
            .contains("there is no story `story-99`")
    );
}

#[test]
fn due_lists_overdue_and_soon_then_sent_clears_them() {
    let data = with_grant();
    let out = data.ok(&["due", "--today", "2026-07-02"]);
    assert_contains(
        &out,
        "interim return for grant awards-for-all-england-2026 from awards-for-all-england, OVERDUE BY 2 DAYS (30 June 2026).",
    );
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["due", "--today", "2026-07-02", "--json"])).unwrap();
    assert_eq!(json[0]["days_left"], -2);
    assert_eq!(
        data.ok(&["sent", DEMO, "--grant", GRANT, "--date", "2026-07-03"]),
        "Marked the interim return due 30 June 2026 as sent on 3 July 2026.\n"
    );
    assert!(
        data.ok(&["due", "--today", "2026-07-02"])
            .starts_with("No returns are due")
    );
    assert!(
        data.ok(&["due", "--today", "2027-02-01"])
            .contains("final report")
    );
}

/// Issue 16: a grant's return dates could only be given when the award
/// was recorded; `grant --interim/--final` sets, changes and takes them
/// away, and a return already sent keeps its date.
#[test]
fn grant_sets_changes_and_takes_away_due_dates() {
    let data = with_grant();
    let dues = || {
        let file: toml::Table =
            toml::from_str(&fs::read_to_string(data.group_file(DEMO)).unwrap()).unwrap();
        let grants = file["grant"].as_array().unwrap();
        let grant = grants
            .iter()
            .find(|g| g["id"].as_str() == Some(GRANT))
            .unwrap();
        grant
            .get("report")
            .and_then(|r| r.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    r["kind"].as_str().unwrap(),
                    r["due"],
                    r.get("sent").map(|s| s.to_string()).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        data.ok(&[
            "grant",
            DEMO,
            "--grant",
            GRANT,
            "--interim",
            "31/7/2026",
            "--final",
            "20 March 2027"
        ]),
        "Grant awards-for-all-england-2026: interim return due 31 July 2026; final report due 20 March 2027.\n"
    );
    assert_eq!(
        dues(),
        ["interim 2026-07-31 ", "final 2027-03-20 "],
        "each date replaces the one given at the award"
    );
    let due = data.ok(&["due", "--today", "2026-07-30"]);
    assert!(
        due.contains("interim return for grant awards-for-all-england-2026")
            && due.contains("(31 July 2026)"),
        "`due` reads the new date: {due}"
    );
    data.ok(&["sent", DEMO, "--grant", GRANT, "--date", "2026-08-01"]);
    let out = data.ok(&[
        "grant",
        DEMO,
        "--grant",
        GRANT,
        "--interim",
        "2026-10-30",
        "--final",
        "",
    ]);
    assert_eq!(
        out,
        "Grant awards-for-all-england-2026: interim return due 30 October 2026 (the one due 31 July 2026 and sent 1 August 2026 stays as sent); final report date taken away.\n"
    );
    assert_eq!(
        dues(),
        ["interim 2026-07-31 2026-08-01", "interim 2026-10-30 "]
    );
    let err = data.fails(
        &["grant", DEMO, "--grant", GRANT, "--final", "31/2/2027"],
        2,
    );
    assert_contains(&err, "--final");
    assert_eq!(
        dues(),
        ["interim 2026-07-31 2026-08-01", "interim 2026-10-30 "],
        "a refused date changes nothing"
    );
    let help = data.ok(&["grant", "--help"]);
    assert!(
        help.contains("--interim <DATE>") && help.contains("--final <DATE>"),
        "{help}"
    );
}

#[test]
fn wording_for_a_funder_is_saved_counted_and_linted() {
    let data = Data::with_demo();
    let (out, warnings) = data.ok_with_warnings(&[
        "wording",
        DEMO,
        "--funder",
        "awards-for-all-england",
        "your-idea",
        "We will run **26** cafés.",
        "--by",
        "together",
    ]);
    assert_eq!(
        out,
        "Saved your-idea: 5 words: 45 short of the minimum of 50\nAdd at least 45 more words.\n"
    );
    assert_contains(&warnings, "line 1 has bold marks");
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(data.group_file(DEMO)).unwrap()).unwrap();
    let stored = &file["wording"]["awards-for-all-england"]["your-idea"];
    assert_eq!(stored["by"].as_str(), Some("together"));
    let err = data.refused_unchanged(
        DEMO,
        &[
            "wording",
            DEMO,
            "--funder",
            "awards-for-all-england",
            "your-ide",
            "x",
        ],
    );
    assert_contains(&err, "Did you mean `your-idea`?");
    let err = data.refused_unchanged(
        DEMO,
        &[
            "wording",
            DEMO,
            "--funder",
            "awards-for-all-england",
            "your-idea",
            "  ",
        ],
    );
    assert_contains(&err, "the wording is empty");
}

#[test]
fn the_steps_of_this_years_work_are_recorded_with_who_did_them() {
    let data = with_grant();
    data.ok(&[
        "wording",
        DEMO,
        "--funder",
        "awards-for-all-england",
        "your-idea",
        "We will run the café.",
    ]);
    let _ = alongside(&data.root)
        .args([
            "check",
            DEMO,
            "--funder",
            "awards-for-all-england",
            "--by",
            "supporter",
        ])
        .assert();
    data.ok(&[
        "log",
        DEMO,
        "--grant",
        GRANT,
        "session",
        "--came",
        "9",
        "--date",
        "2026-02-04",
    ]);
    data.ok(&[
        "report",
        DEMO,
        "--grant",
        GRANT,
        "--today",
        "2026-06-01",
        "--by",
        "together",
    ]);
    let out = data.ok(&["progress", DEMO]);
    let this_year = out.lines().find(|l| l.starts_with("2*")).unwrap();
    assert!(
        this_year.ends_with("drafted the bid, kept the log"),
        "only what the group did itself: {this_year}"
    );
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(data.group_file(DEMO)).unwrap()).unwrap();
    let record = file["year"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["round"].as_integer() == Some(2))
        .unwrap();
    assert_eq!(record["steps"]["checked"].as_str(), Some("supporter"));
    assert_eq!(record["steps"]["wrote_return"].as_str(), Some("together"));
}

#[test]
fn match_json_has_the_documented_shape() {
    let data = Data::with_demo();
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["match", DEMO, "--today", "2026-11-26", "--json"]))
            .unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut top = keys(&json);
    top.sort();
    assert_eq!(
        top,
        [
            "ask_pence",
            "format",
            "funders",
            "group",
            "group_name",
            "today"
        ]
    );
    assert_eq!(json["format"], 1);
    assert_eq!(json["group"], DEMO);
    assert_eq!(json["group_name"], "Riverside Aphasia Café");
    assert_eq!(json["today"], "2026-11-26");
    assert_eq!(json["ask_pence"], 475200);
    let funders = json["funders"].as_array().unwrap();
    assert_eq!(funders.len(), builtin_count());
    for m in funders {
        let verdict = m["verdict"].as_str().unwrap();
        assert!(
            ["eligible", "check", "not-eligible", "closed"].contains(&verdict),
            "{verdict}"
        );
        let mut expected = vec![
            "checked", "criteria", "flags", "funder", "name", "status", "verdict",
        ];
        if m.get("fit").is_some() {
            assert!(
                ["eligible", "check"].contains(&verdict),
                "fit only for funders the group can apply to"
            );
            let fit = &m["fit"];
            assert!(fit["score"].as_u64().unwrap() <= 100);
            assert!(fit["reasons"].as_array().unwrap().len() <= 3);
            expected.push("fit");
        }
        let mut got = keys(m);
        got.sort();
        expected.sort();
        assert_eq!(got, expected);
        assert_eq!(m["checked"].as_str().unwrap().len(), 10, "an ISO date");
        assert!(
            [
                "unknown", "open", "rolling", "deadline", "opens", "closed", "yearly"
            ]
            .contains(&m["status"].as_str().unwrap())
        );
        for c in m["criteria"].as_array().unwrap() {
            let status = c["status"].as_str().unwrap();
            let mut want = vec!["id", "status", "message"];
            match status {
                "fail" if c.get("fix").is_some() => want.push("fix"),
                "fail" => {}
                // An unknown names the question that would settle it, or
                // (when only the funder can) says so in its message.
                "unknown" if c.get("question").is_some() => want.push("question"),
                "unknown" => assert!(c["message"].as_str().unwrap().contains("heck"), "{c}"),
                "pass" => {}
                other => panic!("status {other}"),
            }
            let mut got = keys(c);
            got.sort();
            want.sort();
            assert_eq!(got, want, "{c}");
            assert!(
                !c["message"].as_str().unwrap().contains('`'),
                "no backticks in sentences for people: {c}"
            );
        }
        for f in m["flags"].as_array().unwrap() {
            assert!(
                ["values-clash", "large-grant", "heavy-reporting"]
                    .contains(&f["id"].as_str().unwrap())
            );
            assert!(f["message"].is_string());
        }
    }
}

#[test]
fn plain_interview_drives_a_whole_section_through_a_pipe() {
    let data = Data::with_new_group();
    let input = "We all have arthritis.\n\n\
                 We vote at the AGM.\nThe committee meets monthly.\n\n\
                 We ring each other on bad days.\n\n\
                 Nobody here is paid to care.\n\n\
                 6, 4\n";
    let out = interview(
        &data,
        "typed",
        &["--by", "together", "--section", "ethos"],
        input,
    );
    assert_contains(
        &out,
        "That was the last question. 5 answers saved this time.",
    );
    assert!(
        !out.contains("[country]"),
        "only the ethos section is asked:\n{out}"
    );
    let stored = |id: &str| data.stored_answer("typed", id);
    assert_eq!(
        stored("what_in_common")["text"].as_str(),
        Some("We all have arthritis.")
    );
    assert_eq!(
        stored("how_run")["text"].as_str(),
        Some("We vote at the AGM.\nThe committee meets monthly.")
    );
    assert_eq!(
        stored("mutual_support")["text"].as_str(),
        Some("We ring each other on bad days.")
    );
    assert_eq!(
        stored("different_from_services")["text"].as_str(),
        Some("Nobody here is paid to care.")
    );
    let values_answer = stored("values");
    let values: Vec<&str> = values_answer["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(values, ["welcoming_families", "member_led_decisions"]);
    assert!(
        ["what_in_common", "values"]
            .iter()
            .all(|id| stored(id)["by"].as_str() == Some("together"))
    );
    let err = data.fails(
        &[
            "interview",
            "typed",
            "--plain",
            "--section",
            "ethics",
            "--by",
            "group",
        ],
        1,
    );
    assert_contains(&err, "there is no section `ethics`");
}

/// The sourced form of a profile (docs/formats.md 3.3 and 3.15).
const SOURCED: &str = include_str!("../../src/funders/testdata/sourced-fund.toml");

#[test]
fn funders_check_refuses_a_rule_without_a_source() {
    let broken = SOURCED.replacen(
        "max_words = 300\ndraws_on = [\"project_what\"]\nsource = \"guidance\"",
        "max_words = 300\ndraws_on = [\"project_what\"]",
        1,
    );
    assert_check_reports(
        &broken,
        ":84:1: field `question[1].source`: this question rests on no source: add source = \"guidance\"",
    );
}

#[test]
fn funders_check_warns_about_old_sources_but_passes() {
    let data = Data::new();
    let file = data.scratch("sourced.toml");
    let stale = SOURCED.replacen("as_of = 2026-04-01", "as_of = 2025-04-01", 1);
    fs::write(&file, stale).unwrap();
    let out = data.ok(&["funders", "check", "--today", "2026-12-01", path_str(&file)]);
    assert_contains(
        &out,
        "field `source[1].as_of`: source `guidance` is dated 2025-04-01, more than 12 months ago",
    );
    assert_contains(
        &out,
        "1 funder profile checked: no problems. 2 warnings above.",
    );
    // A council name not in the UK list is a warning with the nearest.
    fs::write(
        &file,
        SOURCED.replacen("[\"Southampton\"]", "[\"Southamptn\"]", 1),
    )
    .unwrap();
    let out = data.ok(&["funders", "check", "--today", "2026-12-01", path_str(&file)]);
    assert_contains(
        &out,
        "field `area.local_authorities[1]`: `Southamptn` is not in the list of UK council areas. Did you mean `Southampton`?",
    );
}

#[test]
fn confirm_answers_a_funders_ask_and_match_uses_it() {
    let data = Data::with_demo();
    let dir = data.scratch("profiles");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("sourced-fund.toml"), SOURCED).unwrap();
    let only = ["--funders", path_str(&dir)];
    let matched = |data: &Data| {
        let mut args = vec![
            "match",
            DEMO,
            "--today",
            "2026-11-26",
            "--funder",
            "sourced-fund",
        ];
        args.extend(only);
        data.ok(&args)
    };
    let before = matched(&data);
    assert_contains(
        &before,
        "?    Not answered yet: Has the group had a grant from this fund before?\n       To answer: alongside confirm riverside-aphasia-cafe --funder sourced-fund funded-before yes|no",
    );
    let mut args = vec![
        "confirm",
        DEMO,
        "--funder",
        "sourced-fund",
        "funded-before",
        "no",
        "--by",
        "together",
    ];
    args.extend(only);
    let out = data.ok(&args);
    assert_eq!(
        out,
        "Recorded no to \"Has the group had a grant from this fund before?\" for Sourced Fund, answered by the group and supporter together. That meets this funder's rule.\n"
    );
    let after = matched(&data);
    assert_contains(
        &after,
        "yes  You answered no to \"Has the group had a grant from this fund before?\", which this funder needs.",
    );
    let file = fs::read_to_string(data.group_file(DEMO)).unwrap();
    assert_contains(
        &file,
        "[asks.sourced-fund.funded-before]\nyes = false\nby = \"together\"",
    );
    // Mistakes name the nearest id.
    let mut args = vec![
        "confirm",
        DEMO,
        "--funder",
        "sourced-fund",
        "funded-befor",
        "no",
    ];
    args.extend(only);
    let err = data.fails(&args, 1);
    assert_contains(
        &err,
        "Sourced Fund has no question `funded-befor`. Did you mean `funded-before`?",
    );
    let mut args = vec![
        "confirm",
        DEMO,
        "--funder",
        "sourced-fun",
        "funded-before",
        "no",
    ];
    args.extend(only);
    let err = data.fails(&args, 1);
    assert_contains(
        &err,
        "there is no funder `sourced-fun`. Did you mean `sourced-fund` (",
    );
}

/// A failure to write says what failed and, on a line of its own, why
/// (the cause the operating system gave), and exits with 1.
#[test]
fn a_write_failure_prints_its_cause_as_a_because_line() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full");
        return;
    };
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("alongside"))
        .args(["questions"])
        .env("TZ", "UTC")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"error: could not write the output"),
        "{err}"
    );
    assert!(
        lines.get(1).is_some_and(|l| l.starts_with("because: ")),
        "{err}"
    );
}

/// A reader that goes away (`alongside questions | head -0`) ends the
/// program quietly: exit code 0 and nothing on the error stream.
#[test]
fn a_closed_pipe_is_a_quiet_stop() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("alongside"))
        .args(["questions"])
        .env("TZ", "UTC")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end straight away: the program is still starting,
    // so its first write finds nobody reading.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "");
}

// ---------------------------------------------------------------------------
// Correcting the evidence log

#[test]
fn log_list_edit_and_remove_correct_an_entry_and_keep_the_old_version() {
    let data = Data::with_demo();
    let demo = "southampton-community-chest-2026";
    let list = data.ok(&["log", DEMO, "--grant", demo, "list"]);
    assert!(
        list.lines()
            .next()
            .unwrap()
            .starts_with("session-1   8 April 2026: 11 came, 2 new"),
        "{list}"
    );
    assert_contains(&list, "story-2     29 July 2026: \"My husband laughs");
    // A bad change says what is wrong and changes nothing.
    let before = std::fs::read_to_string(data.group_file(DEMO)).unwrap();
    let err = data.fails(
        &[
            "log",
            DEMO,
            "--grant",
            demo,
            "edit",
            "session-1",
            "--set",
            "new=40",
        ],
        1,
    );
    assert!(
        err.contains("more than the 11 who came") && err.contains("Nothing was changed"),
        "{err}"
    );
    let err = data.fails(
        &[
            "log",
            DEMO,
            "--grant",
            demo,
            "edit",
            "session-1",
            "--set",
            "came",
        ],
        1,
    );
    assert_contains(&err, "is not FIELD=VALUE");
    let err = data.fails(&["log", DEMO, "--grant", demo, "remove", "session-99"], 1);
    assert_contains(&err, "there is no entry `session-99`");
    assert_eq!(
        std::fs::read_to_string(data.group_file(DEMO)).unwrap(),
        before
    );

    let said = data.ok(&[
        "log",
        DEMO,
        "--grant",
        demo,
        "--by",
        "supporter",
        "edit",
        "session-1",
        "--set",
        "came=12",
    ]);
    assert!(
        said.starts_with("Changed session-1; it now reads 8 April 2026: 12 came, 2 new."),
        "{said}"
    );
    let said = data.ok(&["log", DEMO, "--grant", demo, "remove", "spend-1"]);
    assert!(
        said.starts_with("Removed spend-1 (8 April 2026: £35 on"),
        "{said}"
    );
    let grant = data
        .group(DEMO)
        .grants
        .into_iter()
        .find(|g| g.id == demo)
        .unwrap();
    assert_eq!(grant.sessions[0].came, 12);
    assert_eq!(grant.corrections.len(), 2);
    assert_eq!(grant.corrections[0].by, alongside::group::Author::Supporter);

    // The list shows the history; the return counts the corrected log.
    let list = data.ok(&["log", DEMO, "--grant", demo, "list"]);
    assert_contains(&list, "Earlier versions, kept in the grant's history:");
    assert_contains(&list, "session-1 edited");
    assert_contains(&list, "by the supporter: was 8 April 2026: 11 came, 2 new");
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["log", DEMO, "--grant", demo, "list", "--json"])).unwrap();
    assert_eq!(json["entries"][0]["id"], "session-1");
    assert_eq!(json["history"][1]["change"], "removed");
    let report = data.ok(&[
        "report",
        DEMO,
        "--grant",
        demo,
        "--interim",
        "--today",
        "2026-11-26",
        "--format",
        "md",
    ]);
    assert_contains(&report, "149 visits in all");
    assert!(
        !report.contains("Hall 1,"),
        "the removed payment's receipt is gone: {report}"
    );

    // A story's consent can be widened by editing it, by the person who
    // records it, and the bid check then accepts the quote.
    let said = data.ok(&[
        "log",
        DEMO,
        "--grant",
        demo,
        "edit",
        "story-2",
        "--set",
        "uses=report,other-funders",
    ]);
    assert_contains(&said, "agreed for report, other-funders");
    let other = data.ok(&["consent", DEMO, "--use", "other-funders"]);
    assert!(
        other.contains("story-2") && other.contains("My husband laughs again here"),
        "{other}"
    );
}

#[test]
fn consent_use_prints_only_the_stories_agreed_for_that_use() {
    let data = Data::with_demo();
    let report = data.ok(&["consent", DEMO, "--use", "report"]);
    assert!(
        report.contains("story-1") && report.contains("story-2"),
        "{report}"
    );
    assert_lacks(&report, "lost his job");
    let other = data.ok(&["consent", DEMO, "--use", "other-funders"]);
    assert!(
        other.contains("story-1") && !other.contains("story-2"),
        "{other}"
    );
    assert_eq!(
        data.ok(&["consent", DEMO, "--use", "publicity"]),
        "No story is agreed for publicity and in force today.\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["consent", DEMO, "--use", "other-funders", "--json"]))
            .unwrap();
    assert_eq!(json[0]["entry"], "story-1");
    data.ok(&["consent", DEMO, "story-1", "--withdraw"]);
    assert!(
        data.ok(&["consent", DEMO, "--use", "other-funders"])
            .starts_with("No story"),
        "withdrawn, it goes from every use"
    );
}

#[test]
fn a_promise_from_a_number_answer_takes_its_target_and_promises_can_be_taken_away() {
    let data = with_grant();
    // Before the library's add_promise, a number answer picked with
    // --from was refused for having a target without a measure.
    let said = data.ok(&[
        "promise",
        DEMO,
        "--grant",
        GRANT,
        "--from",
        "project_how_many",
        "--measure",
        "attendance",
    ]);
    assert!(
        said.starts_with("Promise 2 added, counted by \"attendance\", hoping for"),
        "{said}"
    );
    let said = data.ok(&[
        "promise",
        DEMO,
        "--grant",
        GRANT,
        "--edit",
        "2",
        "--measure",
        "",
    ]);
    assert_eq!(said, "Promise 2 changed, in the group's words.\n");
    let said = data.ok(&["promise", DEMO, "--grant", GRANT, "--remove", "1"]);
    assert!(said.starts_with("Promise 1 taken away"), "{said}");
    let grant = data
        .group(DEMO)
        .grants
        .into_iter()
        .find(|g| g.id == GRANT)
        .unwrap();
    assert_eq!(grant.promises.len(), 1);
    assert!(
        grant.promises[0]
            .what
            .contains("how many people will benefit? 45"),
        "{:?}",
        grant.promises
    );
    let err = data.fails(&["promise", DEMO, "--grant", GRANT, "--remove", "5"], 1);
    assert_contains(&err, "there is no promise 5");
    let list = data.ok(&["promise", DEMO, "--grant", GRANT, "--list"]);
    assert_eq!(
        list,
        "1. About how many people will benefit? 45\n   No measure was chosen for this promise.\n"
    );
}

#[test]
fn report_names_the_file_it_wrote_by_its_whole_path() {
    let data = Data::with_demo();
    let here = data.scratch("out");
    std::fs::create_dir_all(&here).unwrap();
    let out = data
        .cmd()
        .current_dir(&here)
        .args([
            "report",
            DEMO,
            "--interim",
            "--today",
            "2026-11-26",
            "-o",
            "return.docx",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let whole = here.join("return.docx").canonicalize().unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("Wrote the interim return (Word) to {}.\n", whole.display())
    );
}
