//! Nothing outside the group's file is written over, nothing special is
//! read, and every message says what happened: items 5 to 15 of "nothing
//! typed is ever lost" (docs/reliability.md lists each with its test).
//! The ways out of the full-screen program are in `e2e_ways_out.rs`.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crate::common::*;
use alongside::bank::AnswerValue;
use alongside::dates::Moment;
use alongside::group::Author;
use alongside::paths::DataDir;
use alongside::store::{Access, OpenGroup, StoreError};

fn no_controls(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t')
                || alongside::text::is_bidi_control(c)),
        "control characters in {text:?}"
    );
}

// 5 -------------------------------------------------------------------------

#[test]
fn a_change_that_would_make_the_file_too_big_to_read_is_refused() {
    let data = Data::with_demo();
    let dir = DataDir::at(&data.root);
    let before = fs::read(data.group_file(DEMO)).unwrap();
    let mut open = OpenGroup::open(&dir, DEMO, Access::Write).unwrap();
    open.group.set_answer(
        "who_for",
        AnswerValue::Text("a".repeat(65 * 1024 * 1024)),
        Author::Group,
        Moment::now(),
    );
    let err = open.save().unwrap_err();
    assert!(matches!(err, StoreError::TooBig { .. }), "{err}");
    let message = err.to_string();
    assert_contains(&message, "the answer to \"Who is your group for?");
    assert_contains(&message, "at most 64 MB");
    drop(open);
    assert_eq!(fs::read(data.group_file(DEMO)).unwrap(), before);
    // Every command still reads the group.
    data.ok(&["show", DEMO]);
}

// 6 -------------------------------------------------------------------------

#[test]
fn output_files_never_land_on_alongsides_own_files() {
    let data = Data::with_demo();
    data.ok(&["new", "Other Group"]);
    let other = data.group_file("other-group");
    let before = fs::read(&other).unwrap();
    let root = data.root.display().to_string();
    let sneaky = data.scratch("sneaky.md");
    std::os::unix::fs::symlink(&other, &sneaky).unwrap();
    let targets = [
        other.display().to_string(),
        format!("{root}/groups/other-group.lock"),
        format!("{root}/funders/../groups/other-group.toml"),
        format!("{root}/backups/other-group/20260101T000000Z-000.toml"),
        sneaky.display().to_string(),
    ];
    for target in &targets {
        for args in [
            vec![
                "draft",
                DEMO,
                "--funder",
                "awards-for-all-england",
                "--format",
                "md",
                "-o",
                target,
            ],
            vec!["export", DEMO, "-o", target],
            vec!["report", DEMO, "--format", "md", "-o", target],
        ] {
            let err = data.fails(&args, 1);
            assert_contains(&err, "where alongside keeps group files");
        }
    }
    assert_eq!(fs::read(&other).unwrap(), before, "group B was not touched");
    assert!(data.backups("other-group").is_empty());
    // A folder that does not exist is named as such (15).
    let missing = data.scratch("no-such-folder/draft.md");
    let err = data.fails(
        &[
            "draft",
            DEMO,
            "--funder",
            "awards-for-all-england",
            "-o",
            path_str(&missing),
        ],
        1,
    );
    assert_contains(&err, "no-such-folder does not exist");
    assert_lacks(&err, ".alongside-");
}

// 7 -------------------------------------------------------------------------

#[test]
fn special_files_are_skipped_never_read() {
    let data = Data::with_demo();
    let fifo = data.groups_dir().join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    let limit = Duration::from_secs(20);
    for args in [vec!["groups"], vec!["due"]] {
        let out = data
            .cmd()
            .args(&args)
            .timeout(limit)
            .assert()
            .success()
            .get_output()
            .clone();
        let err = text(&out.stderr);
        assert_contains(&err, "pipe.toml");
        assert_contains(&err, "a named pipe");
    }
    for (file, kind) in [(path_str(&fifo), "a named pipe"), ("/dev/zero", "a device")] {
        let out = data
            .cmd()
            .args(["import", file])
            .timeout(limit)
            .assert()
            .code(1)
            .get_output()
            .clone();
        assert_contains(&text(&out.stderr), kind);
        let out = data
            .cmd()
            .args(["funders", "check", file])
            .timeout(limit)
            .assert()
            .code(1)
            .get_output()
            .clone();
        assert_contains(&text(&out.stdout), kind);
    }
}

// 8 -------------------------------------------------------------------------

#[test]
fn the_exit_message_is_cleaned_like_the_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = alongside::workspace::Workspace::new(DataDir::at(tmp.path().join("data"))).unwrap();
    let mut app = alongside::tui::App::new(ws, alongside::tui::theme::Theme::from_env(None, None));
    let hostile = "groups/\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31mx\u{202e}.toml";
    app.open_group(hostile);
    app.farewell.push(format!("Saved to {hostile}"));
    let lines = alongside::tui::exit_messages(&app);
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in &lines {
        no_controls(line);
    }
}

// 9 -------------------------------------------------------------------------

#[test]
fn names_are_cleaned_and_json_escapes_bidi_controls() {
    let data = Data::new();
    let slug = data.ok(&["new", "Riverside\u{9b}31m Carers \u{202e}gnp.exe"]);
    let slug = slug.trim();
    let stored = fs::read_to_string(data.group_file(slug)).unwrap();
    assert_lacks(&stored, "\u{9b}");
    assert_lacks(&stored, "\u{202e}");
    no_controls(&data.ok(&["export", slug]));
    // A funder profile of the user's own with U+202E in its name.
    let funders = data.root.join("funders");
    fs::create_dir_all(&funders).unwrap();
    let profile = fs::read_to_string("funders/awards-for-all-england.toml")
        .unwrap()
        .replacen(
            "name = \"National Lottery Awards for All England\"",
            "name = \"Awards \u{202e}lla rof\"",
            1,
        );
    fs::write(funders.join("awards-for-all-england.toml"), profile).unwrap();
    for args in [
        vec!["funders", "--json"],
        vec![
            "match",
            slug,
            "--json",
            "--funder",
            "awards-for-all-england",
        ],
    ] {
        let out = data.cmd().args(&args).output().unwrap();
        let out = text(&out.stdout);
        assert_lacks(&out, "\u{202e}");
        assert_contains(&out, "\\u202e");
    }
}

// 10 ------------------------------------------------------------------------

#[test]
fn a_template_that_never_ends_is_stopped_and_named() {
    let data = Data::with_demo();
    let templates = data.root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("application.md.tera"),
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}x{% endfor %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let out = data
        .cmd()
        .args(["draft", DEMO, "--funder", "awards-for-all-england"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = text(&out.stderr);
    assert_contains(&err, "application.md.tera");
    assert!(
        err.contains("took over 10 seconds") || err.contains("over 128 MB"),
        "{err}"
    );
}

// 11 ------------------------------------------------------------------------

#[test]
fn after_an_outside_change_every_save_goes_to_one_kept_copy() {
    let data = Data::with_demo();
    let dir = DataDir::at(&data.root);
    let mut open = OpenGroup::open(&dir, DEMO, Access::Write).unwrap();
    let edited = fs::read_to_string(&open.path)
        .unwrap()
        .replace("Riverside", "Hillside");
    fs::write(&open.path, &edited).unwrap();
    for n in 1..=3 {
        open.group.set_answer(
            "regular_members",
            AnswerValue::Number(n),
            Author::Group,
            Moment::now(),
        );
        let _ = open.save();
        std::thread::sleep(Duration::from_millis(1100));
    }
    let kept: Vec<_> = fs::read_dir(data.groups_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".unsaved-"))
        .collect();
    assert_eq!(kept.len(), 1, "one copy, not one per save");
    let copy = fs::read_to_string(kept[0].path()).unwrap();
    assert_contains(&copy, "number = 3");
    assert_eq!(fs::read_to_string(&open.path).unwrap(), edited);
}

#[test]
fn a_long_status_is_shown_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = alongside::workspace::Workspace::new(DataDir::at(tmp.path().join("data"))).unwrap();
    let mut app = alongside::tui::App::new(ws, alongside::tui::theme::Theme::from_env(None, None));
    let message = "/home/sam/.local/share/alongside/groups/riverside-aphasia-cafe.toml was changed by something else since alongside opened it, so it was not overwritten. Your version was saved beside it. Compare the two and keep what you need";
    app.status = Some(alongside::tui::app::Status {
        text: message.to_string(),
        kind: alongside::tui::app::StatusKind::Warning,
    });
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| alongside::tui::view::draw(f, &app))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .chunks(80)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    let words: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_contains(&words, "Compare the two and keep what you need");
}

// 12 ------------------------------------------------------------------------

#[test]
fn a_file_opened_from_outside_keeps_its_backups_apart() {
    let data = Data::with_demo();
    let outside = data.scratch("usb-stick.toml");
    fs::copy(data.group_file(DEMO), &outside).unwrap();
    data.ok(&["answer", path_str(&outside), "regular_members", "9"]);
    assert!(
        data.backups(DEMO).is_empty(),
        "the group's own backups were not touched"
    );
    let apart = data.root.join("backups").join("_elsewhere");
    let folders: Vec<_> = fs::read_dir(&apart).unwrap().collect();
    assert_eq!(folders.len(), 1);
    let listed = data.ok(&["backups", path_str(&outside)]);
    assert_contains(&listed, "  1  ");
}

// 13 ------------------------------------------------------------------------

#[test]
fn a_read_only_group_file_is_not_saved_over() {
    let data = Data::with_demo();
    let file = data.group_file(DEMO);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&file).unwrap();
    let err = data.fails(&["answer", DEMO, "regular_members", "9"], 1);
    assert_contains(&err, "marked read-only");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_group_file_that_is_a_link_is_named_before_it_is_replaced() {
    let data = Data::with_demo();
    let outside = data.scratch("elsewhere.toml");
    fs::rename(data.group_file(DEMO), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, data.group_file(DEMO)).unwrap();
    let before = fs::read(&outside).unwrap();
    let (_, err) = data.ok_with_warnings(&["answer", DEMO, "regular_members", "9"]);
    assert_contains(&err, "is a link to");
    assert_contains(&err, "elsewhere.toml");
    assert_eq!(fs::read(&outside).unwrap(), before);
}

// 14 ------------------------------------------------------------------------

#[test]
fn a_lock_from_another_computer_is_not_held_and_warns() {
    let data = Data::with_demo();
    fs::write(
        data.groups_dir().join(format!("{DEMO}.lock")),
        "pid = 4242\nhost = \"church-hall-laptop-elsewhere\"\nsince = 2026-11-20T10:15:00Z\n",
    )
    .unwrap();
    let (_, err) = data.ok_with_warnings(&["answer", DEMO, "regular_members", "9"]);
    assert_contains(&err, "was not held");
    assert_contains(&err, "another computer");
    assert_contains(&err, "sharing this folder");
    assert_lacks(&err, "stopped unexpectedly");
}

// 15 ------------------------------------------------------------------------

#[test]
fn a_failed_command_line_save_says_it_was_not_saved() {
    let data = Data::with_demo();
    // The backup cannot be written: its folder's name is taken by a file.
    fs::create_dir_all(data.root.join("backups")).unwrap();
    fs::write(data.root.join("backups").join(DEMO), "in the way").unwrap();
    let err = data.fails(&["answer", DEMO, "regular_members", "9"], 1);
    assert_contains(&err, "This change was not saved");
    assert_contains(&err, "do it again");
    assert_lacks(&err, "still open");
}

#[test]
fn file_errors_say_the_right_thing() {
    let data = Data::with_demo();
    let text = fs::read_to_string(data.group_file(DEMO)).unwrap();
    let unknown = data.scratch("unknown.toml");
    fs::write(
        &unknown,
        text.replacen("round = ", "colour = \"blue\"\nround = ", 1),
    )
    .unwrap();
    let err = data.fails(&["show", path_str(&unknown)], 1);
    assert_contains(&err, "unknown key `colour`");
    assert_lacks(&err, "Write dates as");
    // The commands name this very file, as GROUP may be a path.
    assert_contains(
        &err,
        &format!("`alongside backups {}` lists them", path_str(&unknown)),
    );
    let huge = data.scratch("huge.toml");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for line in &mut lines {
        if line.starts_with("round = ") {
            *line = "round = 99999999999".to_string();
        }
    }
    fs::write(&huge, lines.join("\n")).unwrap();
    let err = data.fails(&["show", path_str(&huge)], 1);
    assert_contains(&err, "out of range");
    assert_contains(&err, "4294967295");
}

#[test]
fn merging_an_unrelated_group_says_they_are_two_groups() {
    let data = Data::with_demo();
    let other = data.scratch("other.toml");
    let text = fs::read_to_string(data.group_file(DEMO)).unwrap();
    let created = text
        .lines()
        .find(|l| l.starts_with("created = "))
        .unwrap()
        .to_string();
    fs::write(
        &other,
        text.replacen(&created, "created = 2001-01-01T00:00:00Z", 1),
    )
    .unwrap();
    let err = data.fails(&["import", path_str(&other), "--merge"], 1);
    assert_contains(&err, "these are two groups");
    assert_lacks(&err, "same moment");
}

#[test]
fn a_copied_file_is_opened_by_the_name_groups_lists() {
    let data = Data::with_demo();
    fs::copy(
        data.group_file(DEMO),
        data.groups_dir().join("riverside (copy).toml"),
    )
    .unwrap();
    let listed = data.ok(&["groups"]);
    assert_contains(&listed, "riverside (copy)");
    assert_contains(&data.ok(&["show", "riverside (copy)"]), "Riverside Aphasia");
    data.ok(&["answer", "riverside (copy)", "regular_members", "9"]);
    assert!(
        data.backups(DEMO).is_empty(),
        "the original's backups are its own"
    );
}

#[test]
fn groups_says_when_the_only_group_cannot_be_read() {
    let data = Data::with_demo();
    fs::write(data.group_file(DEMO), "format = 1\nname = \"Broken\n").unwrap();
    let (out, err) = data.ok_with_warnings(&["groups"]);
    assert_lacks(&out, "No groups yet");
    assert_contains(&out, "No group could be read");
    assert_contains(&err, DEMO);
}

#[test]
fn backups_are_listed_newest_first_and_one_is_restored() {
    let data = Data::with_demo();
    data.ok(&["answer", DEMO, "regular_members", "9"]);
    let listed = data.ok(&["backups", DEMO]);
    assert_contains(&listed, "Backups of");
    assert_contains(&listed, "  1  ");
    assert_contains(&listed, "`regular_members`");
    let restored = data.ok(&["restore", DEMO, "1"]);
    assert_contains(&restored, "Restored");
    assert_ne!(
        data.group(DEMO).value("regular_members"),
        Some(&AnswerValue::Number(9))
    );
    // The version replaced is now backup 1: restoring it undoes the restore.
    data.ok(&["restore", DEMO, "1"]);
    assert_eq!(
        data.group(DEMO).value("regular_members"),
        Some(&AnswerValue::Number(9))
    );
    let err = data.fails(&["restore", DEMO, "99"], 1);
    assert_contains(&err, "alongside backups");
    // A group file that does not read can still be restored.
    fs::write(data.group_file(DEMO), "not toml [").unwrap();
    data.ok(&["restore", DEMO, "2"]);
    data.ok(&["show", DEMO]);
    // In a shared folder, the list points to the shared versions too.
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok()
    {
        data.cmd()
            .args(["share", "init"])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .assert()
            .success();
        assert_contains(
            &data.ok(&["backups", DEMO]),
            &format!("alongside share log {DEMO}"),
        );
    }
}
