//! The real binary in a real terminal (tmux): it starts, opens the demo,
//! takes typing, autosaves, quits on Ctrl+C and gives the terminal back.
//! These need tmux (and git for the sync key); `.ci/run` installs both.
//! Each test waits for text to appear on the screen rather than sleeping a
//! fixed time.

use std::process::Command;

use crate::common::assert_contains;
use crate::common::tmux::{
    Home, Tmux, add_funder_named, open_demo_from_the_start, open_demo_question, start_fresh,
};

#[test]
fn starts_answers_autosaves_and_quits_cleanly() {
    let Some((_tmp, data, t)) = start_fresh("main", &[]) else {
        return;
    };
    // The sixth question is "What year did the group start?".
    open_demo_question(&t, 5, true);
    t.wait_for_answer("year_started");
    t.send(&["BSpace", "BSpace", "BSpace", "BSpace"]);
    t.type_literally("2015");
    // Autosave after a pause: the status line says so, and the file has it.
    t.wait_for("Saved.");
    let file = data.join("groups/riverside-aphasia-cafe.toml");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_contains(
        &saved,
        "[answers.year_started]\nnumber = 2015\nby = \"group\"",
    );
    t.send(&["C-c"]);
    let last = t.wait_for("EXITED");
    assert_contains(&last, "EXITED 0");
    // The terminal is back to normal: the shell's own line is visible and
    // the full-screen program's frame is gone.
    assert!(
        !last.contains("alongside   Riverside"),
        "alternate screen left:\n{last}"
    );
    let lock = std::fs::read_to_string(data.join("groups/riverside-aphasia-cafe.lock")).unwrap();
    assert!(lock.is_empty(), "the lock is released on quit: {lock:?}");
}

#[test]
fn no_color_keeps_the_selection_in_reverse_video() {
    let Some((_tmp, _data, t)) = start_fresh("nocolor", &[("NO_COLOR", "1")]) else {
        return;
    };
    t.wait_for("Try the demo group");
    let with_escapes = t.screen(true);
    let selected = with_escapes
        .lines()
        .find(|l| l.contains("Try the demo group"))
        .unwrap();
    assert!(
        selected.contains("\u{1b}[7m") || selected.contains(";7m"),
        "selection in reverse video: {selected:?}"
    );
    let colours = colour_codes(&with_escapes);
    assert!(
        colours.is_empty(),
        "colour codes {colours:?} with NO_COLOR:\n{with_escapes:?}"
    );
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_second_copy_opens_the_group_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let Some(first) = Tmux::start("first", &data, &[]) else {
        return;
    };
    first.wait_for("Try the demo group");
    first.send(&["Enter"]);
    first.wait_for("Who is typing?");
    let Some(second) = Tmux::start("second", &data, &[]) else {
        return;
    };
    second.wait_for("Your groups");
    second.send(&["Enter"]);
    second.wait_for("Who is typing?");
    second.send(&["Enter"]);
    let screen = second.wait_for("READ-ONLY");
    assert_contains(&screen, "READ-ONLY");
    second.quit();
    first.quit();
}

/// The SGR parameters in `text` that set a colour (30-37, 38, 40-47, 48,
/// 90-97, 100-107). 39 and 49 only reset to the default, so they are fine.
fn colour_codes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for chunk in text.split("\u{1b}[").skip(1) {
        let Some(end) = chunk.find('m') else { continue };
        let params = &chunk[..end];
        if !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        for p in params.split(';').filter_map(|p| p.parse::<u32>().ok()) {
            if matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107) {
                found.push(params.to_string());
            }
        }
    }
    found
}

#[test]
fn an_answer_is_there_after_quitting_and_starting_again() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        let Some(t) = Tmux::start("restart-1", &data, &[]) else {
            return;
        };
        open_demo_question(&t, 16, true);
        t.wait_for_answer("languages");
        t.type_literally(" and Makaton signs");
        t.send(&["Escape"]);
        t.wait_for("Saved.");
        t.quit();
    }
    let Some(t) = Tmux::start("restart-2", &data, &[]) else {
        return;
    };
    open_demo_question(&t, 16, false);
    let screen = t.wait_for_answer("languages");
    assert_contains(&screen, "and Makaton signs");
    t.quit();
}

#[test]
fn ctrl_c_while_typing_loses_nothing() {
    let Some((_tmp, data, t)) = start_fresh("ctrl-c", &[]) else {
        return;
    };
    open_demo_question(&t, 16, true);
    t.wait_for_answer("languages");
    // No pause for the autosave: Ctrl+C straight after the last key.
    t.type_literally(" and British Sign Language");
    t.quit();
    let saved = std::fs::read_to_string(data.join("groups/riverside-aphasia-cafe.toml")).unwrap();
    assert_contains(&saved, "and British Sign Language");
}

#[test]
fn a_small_window_asks_to_be_larger_and_recovers() {
    let Some((_tmp, _data, t)) = start_fresh("resize", &[]) else {
        return;
    };
    t.wait_for("Try the demo group");
    t.resize(60, 20);
    t.wait_for("Please make the window larger");
    t.resize(80, 24);
    t.wait_for("Try the demo group");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}

/// Any funder, any form: from the funders list, add a funder, type its
/// questions as they are on its form, check what was understood, save,
/// write the group's words for one and check the bid, in the real program.
#[test]
fn a_funder_is_added_from_its_form_then_worded_and_checked() {
    let Some((_tmp, data, t)) = start_fresh("any-funder", &[]) else {
        return;
    };
    open_demo_from_the_start(&t);
    add_funder_named(&t, "Riverside Trust");
    // Typed as the form shows them; Enter starts a new line here.
    t.type_literally("1. What will you do with the grant? (max 50 words)");
    t.send(&["Enter"]);
    t.type_literally("2. Who will benefit? Optional");
    t.send(&["C-s"]);
    t.wait_for("What was understood");
    let screen = t.wait_for("up to 50 words");
    assert_contains(&screen, "no limit stated; optional");
    t.send(&["Enter"]);
    t.wait_for("A bid to Riverside Trust");
    t.send(&["Enter"]);
    t.wait_for("What will you do with the grant?");
    t.type_literally("Keep the cafe going every two weeks for a year.");
    t.send(&["Escape"]);
    // Only the bid's own screen says this (the editor shows the count too),
    // so "c" is not sent while Esc is still arriving (it would read Alt+C).
    t.wait_for("1 of 2 answers written in your words");
    t.send(&["c"]);
    t.wait_for("Before sending");
    t.quit();
    let profile = std::fs::read_to_string(data.join("funders/riverside-trust.toml")).unwrap();
    assert_contains(&profile, "max_words = 50");
    let group = std::fs::read_to_string(data.join("groups/riverside-aphasia-cafe.toml")).unwrap();
    assert_contains(&group, "Keep the cafe going every two weeks for a year.");
}

#[test]
fn the_sync_key_keeps_git_off_the_screen() {
    if Command::new("git").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "git must be installed in CI (see .ci/run)"
        );
        eprintln!("skipping: git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let shared = tmp.path().join("shared.git");
    let quiet_git = [
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ];
    let run = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_alongside"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .envs(quiet_git)
            .output()
            .unwrap();
        assert!(status.status.success(), "{args:?}: {status:?}");
    };
    let status = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&shared)
        .envs(quiet_git)
        .status()
        .unwrap();
    assert!(status.success());
    run(&["demo"]);
    run(&["share", "init", shared.to_str().unwrap()]);
    run(&["answer", "riverside-aphasia-cafe", "year_started", "1994"]);
    let Some(t) = Tmux::start("sync", &data, &quiet_git) else {
        return;
    };
    t.wait_for("Your groups");
    t.send(&["s"]);
    let screen = t.wait_for("Sent to the shared copy.");
    assert_contains(&screen, "Sync: what happened");
    assert_contains(&screen, "changed 1 answer (by the group on");
    // git's own chatter never reaches the terminal.
    for noise in ["remote:", "To /", "Writing objects", "Enumerating"] {
        assert!(
            !screen.contains(noise),
            "{noise:?} on the screen:\n{screen}"
        );
    }
    t.send(&["Escape"]);
    t.wait_for("Your groups");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}

/// Issue 17's walk, as a new group would take it: a new group, a date typed
/// the British way, the funders, a rule the tool cannot check yet, its
/// question, Esc back to the funder, and a draft saved where the screen
/// says, found there.
#[test]
fn a_new_group_walks_from_a_date_to_a_funder_and_finds_its_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let home = Home::with_documents(tmp.path());
    let Some(t) = Tmux::start("walk", &data, &home.env()) else {
        return;
    };
    t.wait_for("Start a new group");
    t.send(&["Down", "Enter"]);
    t.wait_for("What is the group called?");
    t.type_literally("Tuesday Stroke Club");
    t.send(&["Enter"]);
    t.wait_for("Who is at the keyboard?");
    t.send(&["Enter"]);
    t.wait_for("questions answered");

    // A date typed as people write them, found by its words.
    t.send(&["/"]);
    t.type_literally("project start");
    t.wait_for("When would the project start?");
    t.send(&["Enter"]);
    t.wait_for_answer("project_start");
    t.type_literally("1/4/2027");
    t.send(&["Escape"]);
    let file = data.join("groups/tuesday-stroke-club.toml");
    let wanted = "[answers.project_start]\ndate = 2027-04-01";
    let start = std::time::Instant::now();
    let mut saved = String::new();
    while !saved.contains(wanted) && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        saved = std::fs::read_to_string(&file).unwrap();
    }
    assert!(saved.contains(wanted), "{saved}");
    while !t.screen(false).contains("questions answered") {
        t.send(&["Escape"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // The funders, one funder, a rule not known yet and its question.
    t.send(&["f"]);
    t.wait_for("can apply");
    t.send(&["Enter"]);
    let funder = t.wait_for("Enter answers this question");
    let name = funder.lines().nth(1).unwrap_or_default().to_string();
    // The first rule with a question of ours (a governing document).
    t.send(&["Down", "Enter"]);
    t.wait_for("Your answer");
    t.send(&["Escape"]);
    let back = t.wait_for("Rule by rule");
    assert_eq!(
        back.lines().nth(1).unwrap_or_default(),
        name,
        "Esc goes back to the funder:\n{back}"
    );

    // Its draft, saved where the screen says.
    t.send(&["d"]);
    t.wait_for("A bid to");
    t.send(&["e"]);
    t.wait_for("Which folder");
    t.send(&["Enter"]);
    let shown = t.wait_for("Saved in");
    let joined: String = shown
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join(" ");
    let folder = home.saves();
    let at = joined.find("Saved in ").unwrap() + "Saved in ".len();
    let said = &joined[at..];
    let path = said.split(':').next().unwrap();
    assert_eq!(path, folder.display().to_string(), "{joined}");
    let docx = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".docx"))
        .expect("the Word draft is in the folder shown");
    assert!(
        said.contains(&*docx.file_name().to_string_lossy()),
        "the file is named on the screen: {said}"
    );
    t.quit();
}
