//! Nothing typed is lost, whichever way the full-screen program ends: the
//! real binary in tmux, typed into as a person would, then ended by
//! Ctrl+C, by SIGHUP or SIGTERM, by closing the terminal (with SIGHUP
//! ignored, or with the program in a session of its own so its input just
//! ends), and with the group file impossible to save. After each, the test
//! reads the group file (or the copy) itself. These need tmux (`.ci/run`
//! installs it) and, for one, `setsid` (util-linux).
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::tmux::{
    Home, Launch, Tmux, add_funder_named, open_demo_from_the_start, open_demo_question,
    shows_answer, start_fresh,
};

use crate::common::{DEMO, assert_contains};

fn group_text(data: &Path) -> String {
    fs::read_to_string(data.join("groups").join(format!("{DEMO}.toml"))).unwrap()
}

/// The demo group as stored, parsed.
fn group(data: &Path) -> alongside::group::Group {
    alongside::group::parse("g.toml", &group_text(data)).unwrap()
}

fn languages(data: &Path) -> String {
    group(data)
        .value("languages")
        .map(alongside::bank::AnswerValue::as_typed)
        .unwrap_or_default()
}

/// The lock file is emptied when the program lets go of the group; the
/// operating system releases the lock itself a moment after it ends.
#[track_caller]
fn assert_lock_released(data: &Path) {
    let lock = data.join("groups").join(format!("{DEMO}.lock"));
    let start = Instant::now();
    loop {
        let held = fs::read_to_string(&lock).unwrap_or_default();
        if held.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the lock is still held: {held:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens the demo's "languages" answer, wherever it is in the questions:
/// the first question, then PgDn (next question) until it shows.
fn open_languages(t: &Tmux, first_time: bool) {
    open_demo_question(t, 0, first_time);
    t.wait_for_answer("group_name");
    for _ in 0..80 {
        if shows_answer(&t.screen(false), "languages") {
            return;
        }
        t.send(&["PageDown"]);
        std::thread::sleep(Duration::from_millis(80));
    }
    t.wait_for_answer("languages");
}

/// Opens the demo's "languages" answer and types `words` at its end.
fn type_into_languages(t: &Tmux, words: &str, first_time: bool) {
    open_languages(t, first_time);
    t.type_literally(words);
    // The last key is on screen: the program has read it.
    t.wait_for(words.trim());
}

/// From the first run, opens the demo's bid to Awards for All England,
/// wherever that funder is in the list.
fn open_awards_for_all_draft(t: &Tmux) {
    open_demo_from_the_start(t);
    t.send(&["f"]);
    t.wait_for("Funders, best fit first");
    // Move down to Awards for All England, wherever it is in the list.
    for _ in 0..30 {
        if t.screen(false)
            .lines()
            .any(|l| l.contains("> ") && l.contains("Awards for All England"))
        {
            break;
        }
        t.send(&["Down"]);
        std::thread::sleep(Duration::from_millis(60));
    }
    t.send(&["d"]);
    t.wait_for("A bid to National Lottery Awards for All England");
}

// ---------------------------------------------------------------------------
// 1. Ctrl+C keeps every text box

#[test]
fn ctrl_c_keeps_a_coaching_note() {
    let Some((_tmp, data, t)) = start_fresh("note", &[]) else {
        return;
    };
    open_languages(&t, true);
    t.send(&["F6"]);
    t.wait_for("A coaching note on");
    t.type_literally("Ask Priya about the Gujarati leaflet");
    t.wait_for("Gujarati leaflet");
    t.quit();
    assert_eq!(
        group(&data).note("languages"),
        Some("Ask Priya about the Gujarati leaflet")
    );
}

#[test]
fn ctrl_c_keeps_the_wording_for_a_funder() {
    let Some((_tmp, data, t)) = start_fresh("wording", &[]) else {
        return;
    };
    open_awards_for_all_draft(&t);
    t.send(&["Enter"]);
    t.wait_for("Your words for this funder");
    t.type_literally("We will run twenty cafe sessions");
    t.wait_for("twenty cafe sessions");
    // No pause for the autosave: Ctrl+C straight after the last key.
    t.quit();
    let g = group(&data);
    let words = g
        .wording
        .get("awards-for-all-england")
        .and_then(|w| w.values().next())
        .map(|a| a.value.as_typed())
        .unwrap_or_default();
    assert_eq!(words, "We will run twenty cafe sessions");
}

#[test]
fn a_half_filled_story_comes_back_after_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        let Some(t) = Tmux::start("story-1", &data, &[]) else {
            return;
        };
        open_demo_from_the_start(&t);
        t.send(&["m"]);
        t.send(&["Enter"]);
        t.send(&["t"]);
        t.wait_for("Log a member's story or quote");
        t.type_literally("Coming here gave me my words back");
        t.wait_for("my words back");
        t.quit();
    }
    assert!(
        !group_text(&data).contains("my words back"),
        "a story without its consent answered is not logged as evidence"
    );
    let Some(t) = Tmux::start("story-2", &data, &[]) else {
        return;
    };
    t.wait_for("Your groups");
    t.send(&["Enter"]);
    t.wait_for("half-filled");
    t.send(&["Enter"]);
    t.wait_for("questions answered");
    t.send(&["m"]);
    t.send(&["Enter"]);
    t.send(&["t"]);
    let screen = t.wait_for("Log a member's story or quote");
    assert_contains(&screen, "Coming here gave me my words back");
    // Finishing it logs it, and it is no longer kept as unfinished.
    t.send(&["Tab", "Down", "C-s"]);
    t.wait_for("Recorded a story");
    t.quit();
    assert!(group_text(&data).contains("Coming here gave me my words back"));
    assert!(
        !data
            .join("unfinished")
            .join(format!("{DEMO}.toml"))
            .exists()
    );
}

#[test]
fn a_new_group_name_and_an_import_path_come_back_after_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        let Some(t) = Tmux::start("home-1", &data, &[]) else {
            return;
        };
        t.wait_for("Try the demo group");
        t.send(&["n"]);
        t.wait_for("Start a new group");
        t.type_literally("Tuesday Knitters of Eastleigh");
        t.wait_for("Eastleigh");
        t.quit();
    }
    {
        // A home with no group files in it: the import list offers only
        // typing a path.
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let home = home.display().to_string();
        let Some(t) = Tmux::start("home-2", &data, &[("HOME", &home)]) else {
            return;
        };
        let screen = t.wait_for("Start a new group");
        assert_contains(&screen, "Tuesday Knitters of Eastleigh");
        assert_contains(&screen, "is back");
        // Esc keeps it too; the import path is typed next.
        t.send(&["Escape"]);
        t.wait_for("Try the demo group");
        t.send(&["i"]);
        t.wait_for("Type the path of another file");
        t.send(&["Enter"]);
        t.wait_for("Type the path of the group file");
        t.type_literally("/media/usb/riverside.toml");
        t.wait_for("usb/riverside");
        t.quit();
    }
    let Some(t) = Tmux::start("home-3", &data, &[]) else {
        return;
    };
    let screen = t.wait_for("Import a group file");
    assert_contains(&screen, "/media/usb/riverside.toml");
    t.quit();
}

#[test]
fn a_funder_half_added_is_kept_when_the_system_stops_the_program() {
    let Some((_tmp, data, t)) = start_fresh("add-funder-term", &[]) else {
        return;
    };
    open_demo_from_the_start(&t);
    add_funder_named(&t, "Eastleigh Town Trust");
    t.type_literally("1. Who will take part? (max 200 words)");
    t.wait_for("max 200 words");
    t.signal("TERM");
    assert!(
        t.ended_within(Duration::from_secs(10)),
        "still running 10 s after SIGTERM"
    );
    let kept = fs::read_to_string(data.join("unfinished").join("add-funder.toml")).unwrap();
    assert_contains(&kept, "Eastleigh Town Trust");
    assert_contains(&kept, "1. Who will take part? (max 200 words)");
    assert_lock_released(&data);
}

// ---------------------------------------------------------------------------
// 2. Signals and closing the window

/// Types, waits well under the autosave's 1.5 s, sends `signal`, and checks
/// the words are in the file and the lock is free.
fn signal_soon_after_typing_saves(name: &str, signal: &str) {
    let Some((_tmp, data, t)) = start_fresh(name, &[]) else {
        return;
    };
    type_into_languages(&t, " and Makaton signs", true);
    std::thread::sleep(Duration::from_millis(300));
    t.signal(signal);
    assert!(
        t.ended_within(Duration::from_secs(10)),
        "still running 10 s after SIG{signal}"
    );
    assert!(languages(&data).ends_with(" and Makaton signs"));
    assert_lock_released(&data);
}

#[test]
fn sighup_soon_after_typing_saves() {
    signal_soon_after_typing_saves("hup", "HUP");
}

#[test]
fn sigterm_soon_after_typing_saves() {
    signal_soon_after_typing_saves("term", "TERM");
}

#[test]
fn sigint_sent_with_kill_saves() {
    signal_soon_after_typing_saves("int", "INT");
}

#[test]
fn closing_the_window_saves() {
    let Some((_tmp, data, t)) = start_fresh("close", &[]) else {
        return;
    };
    type_into_languages(&t, " and Polish", true);
    t.close_and_wait_for_the_end("the window closed");
    assert!(languages(&data).ends_with(" and Polish"));
    assert_lock_released(&data);
}

/// Typing without a pause never let the autosave (1.5 s after the last
/// key) run. Now a save comes at least every 5 s: after 6.5 s of steady
/// typing the words of the first second are on disk, even when the program
/// is then killed with no chance to save.
#[test]
fn steady_typing_is_saved_at_least_every_five_seconds() {
    let Some((_tmp, data, t)) = start_fresh("steady", &[]) else {
        return;
    };
    open_languages(&t, true);
    let start = Instant::now();
    let mut n = 0;
    let mut typed_in_first_second = Vec::new();
    while start.elapsed() < Duration::from_millis(6500) {
        let word = format!(" w{n:03}");
        t.type_literally(&word);
        if start.elapsed() < Duration::from_secs(1) {
            typed_in_first_second.push(word);
        }
        n += 1;
        std::thread::sleep(Duration::from_millis(200));
    }
    t.signal("KILL");
    assert!(t.ended_within(Duration::from_secs(5)));
    let saved = languages(&data);
    for word in &typed_in_first_second {
        assert!(
            saved.contains(word.as_str()),
            "{word} typed in the first second is not in the file: {saved:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// 3. The terminal gone without a SIGHUP

#[test]
fn terminal_closed_with_sighup_ignored_saves_and_exits() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let Some(t) = Tmux::launch(
        "nohup",
        &data,
        Launch {
            before: "trap '' HUP;",
            ..Launch::default()
        },
    ) else {
        return;
    };
    type_into_languages(&t, " and Cantonese", true);
    t.close_and_wait_for_the_end("the terminal closed");
    assert!(languages(&data).ends_with(" and Cantonese"));
    assert_lock_released(&data);
}

#[test]
fn terminal_input_ending_saves_and_exits() {
    if std::process::Command::new("setsid")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(std::env::var_os("CI").is_none(), "setsid is in util-linux");
        eprintln!("skipping: setsid is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let Some(t) = Tmux::launch(
        "eof",
        &data,
        Launch {
            own_session: true,
            ..Launch::default()
        },
    ) else {
        return;
    };
    type_into_languages(&t, " and Urdu", true);
    // The program is in a session of its own: closing the terminal sends it
    // no SIGHUP, its input just ends.
    t.close_and_wait_for_the_end("its terminal went away");
    assert!(languages(&data).ends_with(" and Urdu"));
    assert_lock_released(&data);
}

// ---------------------------------------------------------------------------
// 4. A save that fails does not quit

#[test]
fn a_failed_save_on_quit_stays_open_and_offers_a_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let home = tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    let home_str = home.display().to_string();
    let Some(t) = Tmux::start("failed-save", &data, &[("HOME", &home_str)]) else {
        return;
    };
    type_into_languages(&t, " and Tamil", true);
    // The group's folder becomes impossible to write to (as a full disk or
    // a removed USB stick would): `groups` is now a plain file.
    let groups = data.join("groups");
    let moved = data.join("groups-away");
    fs::rename(&groups, &moved).unwrap();
    fs::write(&groups, "not a folder").unwrap();
    t.send(&["C-c"]);
    let screen = t.wait_for("The group file could not be saved");
    assert_contains(&screen, "Nothing is lost yet");
    std::thread::sleep(Duration::from_millis(300));
    assert!(t.running(), "it quit although nothing was saved");
    // The suggested place is in the home folder: Enter saves the copy.
    let copy = home.join(format!("{DEMO}-copy.toml"));
    // Waited for, not read from the screen above: that capture can catch
    // the frame half drawn, before the box under the long message.
    t.wait_for(&format!("{DEMO}-copy.toml"));
    t.send(&["Enter"]);
    let last = t.wait_for("EXITED 0");
    assert_contains(&last, "import");
    let kept = alongside::group::parse("copy", &fs::read_to_string(&copy).unwrap()).unwrap();
    assert!(
        kept.value("languages")
            .unwrap()
            .as_typed()
            .ends_with(" and Tamil")
    );
    // Once the folder is back, importing the copy brings the words back.
    fs::remove_file(&groups).unwrap();
    fs::rename(&moved, &groups).unwrap();
    assert!(!languages(&data).ends_with(" and Tamil"));
    let out = crate::common::alongside(&data)
        .args(["import", copy.to_str().unwrap(), "--merge"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(languages(&data).ends_with(" and Tamil"));
}

// ---------------------------------------------------------------------------
// 8. What is printed after the screen is put back is cleaned too

#[test]
fn the_exit_message_cannot_retitle_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // A group "name" that, printed raw, sets the window title and clears
    // the screen.
    let hostile = "riverside\u{1b}]2;PWNED\u{7}\u{1b}[2J";
    let Some(t) = Tmux::launch(
        "retitle",
        &data,
        Launch {
            args: &["interview", hostile],
            ..Launch::default()
        },
    ) else {
        return;
    };
    t.wait_for("there is no group");
    t.send(&["C-c"]);
    let last = t.wait_for("EXITED 0");
    assert_contains(&last, "alongside: there is no group");
    assert!(
        !t.title().contains("PWNED"),
        "the title became {:?}",
        t.title()
    );
}

// ---------------------------------------------------------------------------
// 13. Drafts are saved in a private folder whatever the umask

#[test]
fn the_drafts_folder_is_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let home = Home::with_documents(tmp.path());
    let Some(t) = Tmux::launch(
        "umask",
        &data,
        Launch {
            env: &home.env(),
            before: "umask 000;",
            ..Launch::default()
        },
    ) else {
        return;
    };
    open_awards_for_all_draft(&t);
    t.send(&["e"]);
    t.wait_for("Which folder");
    t.send(&["Enter"]);
    t.wait_for("Saved in");
    t.quit();
    let folder = home.saves();
    let mode = fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{}", folder.display());
    assert!(fs::read_dir(&folder).unwrap().count() >= 3);
}

// ---------------------------------------------------------------------------
// The figures in docs/reliability.md, run by hand:
//
//   cargo test --test runner e2e_ways_out::measure -- --ignored --nocapture
//
// ALONGSIDE_SIGNAL_CYCLES sets the cycles of each way out (default 50).

/// Each way out, many times: type a word unique to the cycle, wait a
/// moment well under the autosave's 1.5 s (0.2 to 1.0 s, varied by the
/// cycle), end the program that way, and check the word is in the file and
/// the lock is free.
#[test]
#[ignore = "long: run by hand, see docs/reliability.md"]
fn measure_every_way_out() {
    let cycles: u64 = std::env::var("ALONGSIDE_SIGNAL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let ways = [
        "SIGHUP",
        "SIGTERM",
        "window closed",
        "window closed, SIGHUP ignored",
        "terminal gone (own session)",
    ];
    let mut lines = Vec::new();
    for way in ways {
        let mut saved = 0;
        let mut lock_free = 0;
        let started = Instant::now();
        for cycle in 0..cycles {
            let tmp = tempfile::tempdir().unwrap();
            let data = tmp.path().join("data");
            let how = Launch {
                before: if way.contains("ignored") {
                    "trap '' HUP;"
                } else {
                    ""
                },
                own_session: way.contains("own session"),
                ..Launch::default()
            };
            let Some(t) = Tmux::launch(&format!("measure-{cycle}"), &data, how) else {
                return;
            };
            let word = format!(" m{cycle:04}x");
            type_into_languages(&t, &word, true);
            std::thread::sleep(Duration::from_millis(200 + (cycle * 160) % 800));
            let pid = t.pid();
            match way {
                "SIGHUP" => t.signal("HUP"),
                "SIGTERM" => t.signal("TERM"),
                _ => t.close(),
            }
            let start = Instant::now();
            while crate::common::tmux::running(pid) && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(20));
            }
            if languages(&data).ends_with(&word) {
                saved += 1;
            }
            let lock = fs::read_to_string(data.join("groups").join(format!("{DEMO}.lock")))
                .unwrap_or_default();
            if lock.is_empty() && !crate::common::tmux::running(pid) {
                lock_free += 1;
            }
        }
        let line = format!(
            "{way}, 0.2 to 1.0 s after typing: {saved} of {cycles} saved, lock free after {lock_free} of {cycles} ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
        eprintln!("{line}");
        lines.push(line);
    }
    for line in &lines {
        println!("{line}");
    }
}
