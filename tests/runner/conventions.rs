//! The conventions a command-line program keeps: shell completions and a
//! manual page, both built from the real command definitions.

use crate::common::{self, assert_contains, assert_lacks, bare, stdout_of};

/// Subcommands every completion script and the man page must name.
const SOME_COMMANDS: [&str; 4] = ["answer", "draft", "next-year", "completions"];

fn assert_names_commands(what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{what} is empty");
    for name in SOME_COMMANDS {
        assert!(
            text.contains(name),
            "{what} does not name `{name}`:\n{text}"
        );
    }
}

#[test]
fn completions_for_each_shell_name_the_real_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(bare().args(["completions", shell]));
        assert_names_commands(&format!("the {shell} script"), &script);
        assert!(
            script.contains("alongside"),
            "the {shell} script does not name the program"
        );
    }
}

#[test]
fn completions_refuse_an_unknown_shell_listing_the_known_ones() {
    let out = bare().args(["completions", "tcsh"]).assert().code(2);
    let err = crate::common::text(&out.get_output().stderr);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(err.contains(shell), "{err}");
    }
}

#[test]
fn man_prints_a_manual_page_naming_the_real_subcommands() {
    let page = stdout_of(bare().arg("man"));
    assert_contains(&page, ".TH alongside 1");
    // roff writes a hyphen as `\-`.
    assert_names_commands("the man page", &page.replace("\\-", "-"));
}

#[test]
fn man_prints_the_page_of_one_command_and_of_a_command_below_it() {
    let page = stdout_of(bare().args(["man", "answer"]));
    assert_contains(&page, ".TH alongside-answer 1");
    assert!(page.contains("\\-\\-by"), "the page lists --by:\n{page}");
    let page = stdout_of(bare().args(["man", "share", "init"]));
    assert_contains(&page, ".TH alongside-share-init 1");
}

#[test]
fn man_refuses_a_command_that_does_not_exist_listing_the_pages() {
    let out = bare().args(["man", "frobnicate"]).assert().code(1);
    let err = crate::common::text(&out.get_output().stderr);
    assert_contains(&err, "`frobnicate` is not one of alongside's commands");
    assert_contains(&err, "next-year");
    assert!(
        !err.contains("merge-driver"),
        "hidden commands stay hidden: {err}"
    );
}

#[test]
fn a_welsh_name_makes_a_readable_short_name() {
    let data = crate::common::Data::new();
    let out = stdout_of(data.cmd().args(["new", "Grŵp Cefnogi Strôc Tŷ Ddewi"]));
    assert_eq!(out.trim(), "grwp-cefnogi-stroc-ty-ddewi");
    assert!(data.group_file("grwp-cefnogi-stroc-ty-ddewi").exists());
}

#[test]
fn funders_show_amounts_with_thousands_separators() {
    let out = stdout_of(bare().arg("funders"));
    assert_contains(&out, "up to £50,000");
    assert_contains(&out, "£1,000–£15,000");
    assert!(!out.contains("£50000") && !out.contains("£15000"), "{out}");
}

#[test]
fn an_html_draft_is_an_html_draft() {
    let data = crate::common::Data::with_demo();
    let file = data.tmp.path().join("bid.html");
    let out = stdout_of(data.cmd().args([
        "draft",
        crate::common::DEMO,
        "--funder",
        "awards-for-all-england",
        "-o",
        crate::common::path_str(&file),
    ]));
    assert_contains(&out, "Wrote an HTML draft for");
}

#[test]
fn counts_are_never_written_with_s_in_brackets() {
    let data = crate::common::Data::with_demo();
    let out = stdout_of(
        data.cmd()
            .args(["match", crate::common::DEMO, "--today", "2026-05-01"]),
    );
    assert!(
        out.contains("Checked against ") && out.contains(" funders on "),
        "{out}"
    );
    let out = stdout_of(data.cmd().args(["caseload", "--today", "2026-05-01"]));
    assert_contains(&out, ": 1 group, ");
    let out = stdout_of(data.cmd().args(["next-year", crate::common::DEMO]));
    assert_lacks(&out, "(s)");
    assert_contains(&out, " answers are marked \"check this\"");
}

#[test]
fn dates_are_typed_day_first_and_shown_in_words() {
    let data = crate::common::Data::with_demo();
    for typed in ["1/4/2027", "01/04/2027", "1 April 2027", "2027-04-01"] {
        let out =
            stdout_of(
                data.cmd()
                    .args(["answer", crate::common::DEMO, "project_start", typed]),
            );
        assert!(out.contains("1 April 2027"), "{typed}: {out}");
        // The file keeps the ISO form.
        let file = std::fs::read_to_string(data.group_file(crate::common::DEMO)).unwrap();
        assert!(file.contains("2027-04-01"), "{typed}");
    }
    let err = data.fails(
        &["answer", crate::common::DEMO, "project_start", "4/13/2027"],
        1,
    );
    assert_contains(&err, "the day comes first, as in 13/4/2027");
    let err = data.fails(
        &["answer", crate::common::DEMO, "project_start", "31/2/2027"],
        1,
    );
    assert_contains(&err, "there is no 31 February 2027");
}

#[test]
fn date_flags_take_the_same_forms() {
    let data = crate::common::Data::with_demo();
    let out = stdout_of(data.cmd().args(["due", "--today", "1/4/2027"]));
    let iso = stdout_of(data.cmd().args(["due", "--today", "2027-04-01"]));
    assert_eq!(out, iso);
    let out = data
        .cmd()
        .args(["due", "--today", "1/4/27"])
        .assert()
        .code(2);
    let err = crate::common::text(&out.get_output().stderr);
    assert_contains(&err, "write the year in full, such as 2027");
}

// ---------------------------------------------------------------------------
// The plain interview (for screen readers): one Enter, whole words, counts

/// Runs `interview GROUP --plain` with `input` piped in and `env` set.
fn plain(data: &common::Data, env: &[(&str, &str)], args: &[&str], input: &str) -> String {
    let mut cmd = data.cmd();
    cmd.args(["interview", "typed", "--plain", "--by", "group"])
        .args(args)
        .write_stdin(input);
    for (k, v) in env {
        cmd.env(k, v);
    }
    stdout_of(&mut cmd)
}

#[test]
fn plain_answers_piped_one_a_line_are_each_finished_by_one_enter() {
    let data = common::Data::with_new_group();
    // Country, region (left), council, postcode, year, month, regulars,
    // people in touch: one line each, no blank lines between them.
    let input = "1\n\nSouthampton\nSO15\n2017\n5\n14\n40\nstop\n";
    let out = plain(&data, &[], &[], input);
    let stored = |id: &str| data.stored_answer("typed", id);
    assert_eq!(stored("country")["choice"].as_str(), Some("england"));
    assert_eq!(
        stored("local_authority")["text"].as_str(),
        Some("Southampton")
    );
    assert_eq!(stored("postcode_district")["text"].as_str(), Some("SO15"));
    assert_eq!(stored("year_started")["number"].as_integer(), Some(2017));
    assert_eq!(stored("month_started")["number"].as_integer(), Some(5));
    assert_eq!(stored("regular_members")["number"].as_integer(), Some(14));
    assert_eq!(stored("people_in_touch")["number"].as_integer(), Some(40));
    assert_contains(&out, "Stopped. 7 answers saved this time.");
    // No second prompt waits for an empty line after a one-line answer.
    assert_lacks(&out, "> > ");
}

#[test]
fn plain_long_answers_take_several_lines_and_say_their_word_count() {
    let data = common::Data::with_new_group();
    let input = "People living with arthritis.\nTheir partners come too.\n\nstop\n";
    let out = plain(&data, &[], &["--section", "about", "--all"], &{
        // Skip to "Who is your group for?" (the tenth question of the section).
        let mut skip = "\n".repeat(9);
        skip.push_str(input);
        skip
    });
    assert_eq!(
        data.stored_answer("typed", "who_for")["text"].as_str(),
        Some("People living with arthritis.\nTheir partners come too.")
    );
    assert!(
        out.contains(
            "Saved. 8 words; funders usually want 30 to 150, so you may want to add to it."
        ),
        "{out}"
    );
}

#[test]
fn plain_lines_break_between_words_to_fit_the_terminal() {
    let data = common::Data::with_new_group();
    let out = plain(&data, &[("COLUMNS", "40")], &[], "stop\n");
    for line in out.lines() {
        assert!(
            line.chars().count() <= 40,
            "longer than 40 columns: {line:?}"
        );
    }
    // Every word of a long sentence arrives whole, in order.
    let bank = alongside::bank::Bank::builtin().unwrap();
    let why = &bank.question("country").unwrap().why;
    let printed: Vec<&str> = out.split_whitespace().collect();
    let sentence = format!("Why funders ask: {why}");
    let wanted: Vec<&str> = sentence.split_whitespace().collect();
    assert!(
        printed
            .windows(wanted.len())
            .any(|w| w == wanted.as_slice()),
        "the why-text is not there word for word:\n{out}"
    );
}

// ---------------------------------------------------------------------------
// Words for people: no question id or choice id in what a person reads

/// Every question id and every id of a choice a question offers.
fn internal_ids() -> Vec<String> {
    let bank = alongside::bank::Bank::builtin().unwrap();
    let vocab = alongside::vocab::Vocabularies::builtin();
    let mut ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
    for q in &bank.questions {
        if let Some(list) = &q.choices {
            ids.extend(vocab.list(list).iter().map(|e| e.id.clone()));
        }
    }
    ids.extend(
        vocab
            .list(alongside::vocab::names::COST_CATEGORY)
            .iter()
            .map(|e| e.id.clone()),
    );
    ids.sort();
    ids.dedup();
    ids
}

/// The ids a line of output shows to people. Hints on how to answer may
/// name ids: a `[id]` tag and an `alongside ...` command to type are
/// left out. An id in backticks counts, and so does an id with an
/// underscore anywhere (no English word has one).
fn ids_shown(line: &str, ids: &[String]) -> Vec<String> {
    let mut prose = String::new();
    let mut depth = 0;
    for c in line.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => prose.push(c),
            _ => {}
        }
    }
    let prose = match prose.find("alongside ") {
        Some(at) => &prose[..at],
        None => &prose,
    };
    let is_id_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    ids.iter()
        .filter(|id| {
            // An id shown beside its words is a hint: `year_started`
            // ("What year did the group start?").
            let bare = prose.replace(&format!("`{id}` (\""), "");
            bare.contains(&format!("`{id}`"))
                || (id.contains('_')
                    && bare.match_indices(id.as_str()).any(|(at, _)| {
                        let before = bare[..at].chars().next_back();
                        let after = bare[at + id.len()..].chars().next();
                        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
                    }))
        })
        .cloned()
        .collect()
}

#[test]
fn the_id_scan_itself_catches_ids_and_leaves_hints_alone() {
    let ids = internal_ids();
    assert_eq!(
        ids_shown("Your answers to `who_for` are there", &ids),
        ["who_for"]
    );
    assert_eq!(
        ids_shown("Expected one of: england, northern_ireland", &ids),
        ["northern_ireland"]
    );
    assert!(ids_shown("Which country? [country]", &ids).is_empty());
    assert!(ids_shown("Answer it: alongside answer g project_total 300", &ids).is_empty());
    assert!(ids_shown("We meet in England.", &ids).is_empty());
    assert!(ids_shown("Did you mean `year_started` (\"What year?\")?", &ids).is_empty());
}

#[test]
fn messages_for_people_name_questions_and_choices_in_words() {
    let data = common::Data::with_demo();
    data.ok(&["new", "Typed"]);
    let funders: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&data.ok(&["funders", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["funder"].as_str().unwrap().to_string())
            .collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for group in [common::DEMO, "typed"] {
        for command in ["show", "match", "progress"] {
            runs.push(args(&[command, group]));
        }
        for funder in &funders {
            runs.push(args(&["match", group, "--funder", funder]));
            runs.push(args(&["check", group, "--funder", funder]));
        }
        runs.push(args(&["promise", group, "--from", "who_for"]));
    }
    runs.push(args(&[
        "resolve",
        common::DEMO,
        "who_for",
        "--keep",
        "ours",
    ]));
    runs.push(args(&[
        "interview",
        "typed",
        "--plain",
        "--section",
        "ethics",
    ]));
    runs.push(args(&["caseload"]));
    runs.push(args(&["due"]));
    // Mistakes, each answered with a message.
    for (question, typed) in [
        ("year_started", "about 2019"),
        ("country", "Narnia"),
        ("values", "being_nice"),
        ("project_budget", "Tea | nibbles | 20"),
        ("project_budget", "Tea 20"),
        ("income_last_year", "lots"),
        ("has_bank_account", "perhaps"),
        ("project_start", "31/2/2027"),
        ("year_strated", "2019"),
    ] {
        runs.push(args(&["answer", "typed", question, typed]));
    }
    let ids = internal_ids();
    let mut found = Vec::new();
    for run in &runs {
        let output = data.cmd().args(run).output().unwrap();
        for stream in [&output.stdout, &output.stderr] {
            for line in common::text(stream).lines() {
                let shown = ids_shown(line, &ids);
                if !shown.is_empty() {
                    found.push(format!(
                        "alongside {}: {shown:?} in {line:?}",
                        run.join(" ")
                    ));
                }
            }
        }
    }
    // The plain interview, with a mistake for each kind of question.
    let out = data
        .cmd()
        .args(["interview", "typed", "--plain", "--by", "group", "--all"])
        .write_stdin("\nNarnia\n\n\n\n\nabout 2019\n\nstop\n")
        .output()
        .unwrap();
    for line in common::text(&out.stdout).lines() {
        let shown = ids_shown(line, &ids);
        if !shown.is_empty() {
            found.push(format!("interview --plain: {shown:?} in {line:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "ids shown to people:\n{}",
        found.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Standard input and output, and the person's own editor

const FUNDER: &str = "awards-for-all-england";

#[test]
fn dash_o_writes_to_standard_output_and_makes_no_file_called_dash() {
    let data = common::Data::with_demo();
    let run = |args: &[&str]| {
        let assert = data
            .cmd()
            .current_dir(data.tmp.path())
            .args(args)
            .assert()
            .success();
        assert.get_output().stdout.clone()
    };
    let export = common::text(&run(&["export", common::DEMO, "-o", "-"]));
    assert_contains(&export, "slug = \"riverside-aphasia-cafe\"");
    let draft = common::text(&run(&[
        "draft",
        common::DEMO,
        "--funder",
        FUNDER,
        "-o",
        "-",
    ]));
    assert!(draft.starts_with("# "), "a Markdown draft: {draft}");
    // A Word document goes down the pipe whole (a zip file starts "PK").
    let docx = run(&[
        "draft",
        common::DEMO,
        "--funder",
        FUNDER,
        "--format",
        "docx",
        "-o",
        "-",
    ]);
    assert!(docx.starts_with(b"PK"), "not a Word document");
    let report = common::text(&run(&["report", common::DEMO, "-o", "-"]));
    assert!(report.starts_with("# Interim return"), "{report}");
    assert!(
        !data.tmp.path().join("-").exists(),
        "-o - wrote a file called -"
    );
}

#[test]
fn dash_reads_an_answer_or_wording_from_standard_input() {
    let data = common::Data::with_demo();
    let out = stdout_of(
        data.cmd()
            .args(["answer", common::DEMO, "who_for", "-"])
            .write_stdin("People who have had a stroke.\nTheir partners too.\n"),
    );
    assert!(
        out.starts_with("Saved \"People who have had a stroke."),
        "{out}"
    );
    assert_eq!(
        data.stored_answer(common::DEMO, "who_for")["text"].as_str(),
        Some("People who have had a stroke.\nTheir partners too.")
    );
    let out = stdout_of(
        data.cmd()
            .args([
                "wording",
                common::DEMO,
                "--funder",
                FUNDER,
                "your-idea",
                "-",
            ])
            .write_stdin("We will run a cafe every week."),
    );
    assert!(out.starts_with("Saved your-idea"), "{out}");
    let group = data.group(common::DEMO);
    let words = &group.wording[FUNDER]["your-idea"];
    assert_eq!(
        words.value,
        alongside::bank::AnswerValue::Text("We will run a cafe every week.".into())
    );
}

/// A stand-in for a text editor: a shell script run with the file to
/// edit, doing `body` to it ($1 is the file).
fn fake_editor(data: &common::Data, name: &str, body: &str) -> String {
    let script = data.tmp.path().join(name);
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    format!("sh {}", common::path_str(&script))
}

fn edit(data: &common::Data, editor: &str) -> assert_cmd::assert::Assert {
    data.cmd()
        .args([
            "wording",
            common::DEMO,
            "--funder",
            FUNDER,
            "your-idea",
            "--edit",
        ])
        .env_remove("VISUAL")
        .env("EDITOR", editor)
        .assert()
}

fn kept_files(data: &common::Data) -> Vec<String> {
    std::fs::read_dir(data.root.join("unfinished"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn edit_opens_the_current_words_in_the_editor_and_saves_what_comes_back() {
    let data = common::Data::with_demo();
    data.ok(&[
        "wording",
        common::DEMO,
        "--funder",
        FUNDER,
        "your-idea",
        "Old words.",
    ]);
    // The editor sees the current words, and adds a sentence.
    let editor = fake_editor(
        &data,
        "add.sh",
        "grep -q 'Old words.' \"$1\" || exit 3\nprintf 'Old words. New ones.\\n' > \"$1\"",
    );
    let out = common::text(&edit(&data, &editor).success().get_output().stdout);
    assert!(out.starts_with("Saved your-idea"), "{out}");
    let group = data.group(common::DEMO);
    assert_eq!(
        group.wording[FUNDER]["your-idea"].value,
        alongside::bank::AnswerValue::Text("Old words. New ones.".into())
    );
    assert!(kept_files(&data).is_empty(), "{:?}", kept_files(&data));
}

#[cfg(unix)]
#[test]
fn edit_left_unchanged_records_nothing() {
    let data = common::Data::with_demo();
    data.ok(&[
        "wording",
        common::DEMO,
        "--funder",
        FUNDER,
        "your-idea",
        "Old words.",
    ]);
    let before = std::fs::read_to_string(data.group_file(common::DEMO)).unwrap();
    let out = common::text(&edit(&data, "true").success().get_output().stdout);
    assert!(
        out.starts_with("No change: the words were left as they were"),
        "{out}"
    );
    let after = std::fs::read_to_string(data.group_file(common::DEMO)).unwrap();
    assert_eq!(before, after);
    assert!(kept_files(&data).is_empty());
}

#[cfg(unix)]
#[test]
fn edit_keeps_the_words_when_the_editor_fails_and_opens_them_next_time() {
    let data = common::Data::with_demo();
    let crash = fake_editor(
        &data,
        "crash.sh",
        "printf 'Typed before the crash.\\n' > \"$1\"\nexit 9",
    );
    let err = common::text(&edit(&data, &crash).code(1).get_output().stderr);
    assert_contains(&err, "stopped with a problem");
    assert_contains(&err, "Your words are kept in");
    assert_eq!(kept_files(&data).len(), 1, "{:?}", kept_files(&data));
    // The next edit starts from them; leaving them as they are saves them.
    let out = edit(&data, "true").success();
    let stderr = common::text(&out.get_output().stderr);
    assert_contains(&stderr, "words from an earlier edit");
    let group = data.group(common::DEMO);
    assert_eq!(
        group.wording[FUNDER]["your-idea"].value,
        alongside::bank::AnswerValue::Text("Typed before the crash.".into())
    );
    assert!(kept_files(&data).is_empty());
}

#[test]
fn edit_without_an_editor_says_how_to_set_one() {
    let data = common::Data::with_demo();
    let out = data
        .cmd()
        .args([
            "wording",
            common::DEMO,
            "--funder",
            FUNDER,
            "your-idea",
            "--edit",
        ])
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .assert()
        .code(1);
    let err = common::text(&out.get_output().stderr);
    assert_contains(&err, "no text editor is set. Set VISUAL or EDITOR");
}

// ---------------------------------------------------------------------------
// Errors: named in a person's words, with what to do next

#[test]
fn ids_are_read_as_people_type_them_and_never_suggested_back() {
    let data = common::Data::with_new_group();
    // The right question or funder, typed in capitals or with hyphens.
    let out = data.ok(&["answer", "typed", "Year-Started", "2017"]);
    assert_contains(&out, "\"What year did the group start?\"");
    let out = stdout_of(
        data.cmd()
            .args(["draft", "typed", "--funder", "Awards-For-All-England"]),
    );
    assert!(out.starts_with("# Application to National Lottery Awards for All England"));
    // A near miss names the nearest by its id and its words.
    let err = data.fails(&["answer", "typed", "year_strated", "2017"], 1);
    assert_contains(
        &err,
        "Did you mean `year_started` (\"What year did the group start?\")",
    );
    assert_contains(&err, "Run `alongside questions`");
    let err = data.fails(&["draft", "typed", "--funder", "awards-for-al"], 1);
    assert_contains(
        &err,
        "`awards-for-all-england` (National Lottery Awards for All England)",
    );
    assert_contains(&err, "Run `alongside funders`");
    assert_lacks(&err, "Did you mean `awards-for-al`");
}

#[test]
fn a_value_of_the_wrong_kind_names_the_question_and_what_to_type() {
    let data = common::Data::with_new_group();
    let err = data.fails(&["answer", "typed", "region", "the moon"], 1);
    assert_contains(
        &err,
        "Answering \"Which part of the UK are you in?\": \"the moon\" is not one of the choices. Expected one of: ",
    );
    // The choices by the labels people read.
    assert_contains(&err, "North West");
    assert_lacks(&err, "north_west");
}

#[test]
fn a_file_that_cannot_be_read_says_what_to_do() {
    let data = common::Data::with_demo();
    let missing = data.scratch("not-there.toml");
    let err = data.fails(&["import", common::path_str(&missing)], 1);
    assert_contains(&err, "there is no file here. Check the name and the folder");
    // A broken group file: file, line, and the commands for this group.
    std::fs::write(data.group_file("broken"), "name = \"x\"\nbroken =\n").unwrap();
    let err = data.fails(&["show", "broken"], 1);
    assert_contains(&err, "broken.toml:2:");
    assert!(
        err.contains(
            "`alongside backups broken` lists them, and `alongside restore broken BACKUP`"
        ),
        "{err}"
    );
}
