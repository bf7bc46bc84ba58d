//! Crash safety: the real `alongside` binary is killed with SIGKILL at
//! random moments while it saves, and after every kill:
//!
//! - the group file still reads (`alongside::group::parse`);
//! - every answer whose save had finished before the kill is in it (as the
//!   answer or in its history);
//! - every backup in `<data>/backups/<slug>/` reads;
//! - the lock is recovered: the next `alongside answer` succeeds (it may
//!   print a `note:` saying it cleared a stale lock, nothing else).
//!
//! Saves come from two places: `alongside answer` run in a loop, and the
//! full-screen program driven in tmux (autosave after typing stops, and the
//! save on Ctrl+C).
//!
//! The short runs below are part of `cargo test`. The long runs (500
//! cycles of each by default) are run by hand:
//!
//! ```sh
//! cargo test --release --test runner crash:: -- --ignored --nocapture
//! ```
//!
//! `ALONGSIDE_CRASH_CYCLES=N` changes the number of cycles of each long run
//! and `ALONGSIDE_CRASH_SEED=N` the seed for the kill times. The results of
//! the last long run are in docs/reliability.md.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use alongside::bank::AnswerValue;

use crate::common::{DEMO, process as alongside};

const BIN: &str = env!("CARGO_BIN_EXE_alongside");
/// Long-text questions the command-line loop writes to, in turn.
const CLI_QUESTIONS: [&str; 4] = ["who_for", "what_in_common", "how_run", "typical_meeting"];
/// The question the full-screen runs type into (the ninth in "About the group").
const TUI_QUESTION: &str = "who_for";
const DEFAULT_SEED: u64 = 0x5eed_a10f;

// ---------------------------------------------------------------------------
// The tests

#[test]
fn answer_killed_at_random_moments_short() {
    let report = cli_cycles(25, seed());
    report.print("command line, short");
    report.assert_clean();
}

#[test]
fn tui_killed_at_random_moments_short() {
    let Some(report) = tui_cycles(4, seed()) else {
        return;
    };
    report.print("full-screen program, short");
    report.assert_clean();
}

#[test]
#[ignore = "long: run by hand with `cargo test --release --test runner crash:: -- --ignored --nocapture`"]
fn answer_killed_at_random_moments_long() {
    let report = cli_cycles(long_cycles(), seed());
    report.print("command line, long");
    report.assert_clean();
}

#[test]
#[ignore = "long: run by hand with `cargo test --release --test runner crash:: -- --ignored --nocapture`"]
fn tui_killed_at_random_moments_long() {
    let Some(report) = tui_cycles(long_cycles(), seed()) else {
        panic!("the long run needs tmux");
    };
    report.print("full-screen program, long");
    report.assert_clean();
}

/// A save killed between writing its temporary file and renaming it into
/// place leaves `.alongside-XXXXXX.tmp` behind: a whole copy of the group
/// (health information included) that nothing ever removes. The long run
/// leaves dozens. One left long ago should be cleared by the next save.
#[test]
fn temporary_files_left_by_a_killed_save_are_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    setup_demo(&data);
    let leftover = data.join("groups").join(".alongside-AbC123.tmp");
    fs::copy(group_file(&data), &leftover).unwrap();
    let file = fs::File::options().write(true).open(&leftover).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(24 * 3600))
        .unwrap();
    drop(file);
    let out = run(&data, &["answer", DEMO, "regular_members", "9"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        !leftover.exists(),
        "the day-old temporary file is still there"
    );
}

fn long_cycles() -> u64 {
    std::env::var("ALONGSIDE_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

fn seed() -> u64 {
    std::env::var("ALONGSIDE_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

// ---------------------------------------------------------------------------
// What a run found

#[derive(Debug, Default)]
struct Report {
    seed: u64,
    cycles: u64,
    /// Runs that finished their save before the kill.
    completed: u64,
    /// Runs killed before they had said the save was done.
    killed: u64,
    /// Killed runs whose answer reached the file anyway (the rename had
    /// happened; only the "Saved" had not been seen yet).
    killed_but_saved: u64,
    /// Cycles where the next command cleared a stale lock.
    stale_locks_cleared: u64,
    /// Cycles in which a backup was due (the newest backup was made to look
    /// old, so the save copied the file to backups/ first).
    backups_due: u64,
    /// Temporary files (`.alongside-*.tmp`) left behind by killed saves.
    leftover_temp_files: usize,
    backups_at_end: usize,
    failures: Vec<String>,
    elapsed: Duration,
}

impl Report {
    fn print(&self, what: &str) {
        eprintln!(
            "crash run ({what}): seed {}, {} cycles in {:.1} s: {} saves finished before the kill, {} killed first ({} of those had already reached the file), {} stale locks cleared, {} cycles with a backup due, {} backups at the end, {} temporary files left behind, {} failures",
            self.seed,
            self.cycles,
            self.elapsed.as_secs_f64(),
            self.completed,
            self.killed,
            self.killed_but_saved,
            self.stale_locks_cleared,
            self.backups_due,
            self.backups_at_end,
            self.leftover_temp_files,
            self.failures.len()
        );
        for f in &self.failures {
            eprintln!("  FAILURE: {f}");
        }
    }

    fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "{} failure(s) in {} cycles (seed {}):\n{}",
            self.failures.len(),
            self.cycles,
            self.seed,
            self.failures.join("\n")
        );
        assert!(self.completed > 0, "no save finished in any cycle");
    }
}

// ---------------------------------------------------------------------------
// Small helpers

/// splitmix64: a fixed seed gives the same kill times on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn run(data: &Path, args: &[&str]) -> Output {
    alongside(data).args(args).output().expect("run alongside")
}

fn setup_demo(data: &Path) {
    let out = run(data, &["demo"]);
    assert!(out.status.success(), "{out:?}");
}

fn group_file(data: &Path) -> PathBuf {
    data.join("groups").join(format!("{DEMO}.toml"))
}

fn backups_dir(data: &Path) -> PathBuf {
    data.join("backups").join(DEMO)
}

/// Makes the newest backup look six minutes old, so the next save takes a
/// backup (at most one every five minutes is taken otherwise).
fn age_backups(data: &Path) {
    let Ok(entries) = fs::read_dir(backups_dir(data)) else {
        return;
    };
    let old = SystemTime::now() - Duration::from_secs(360);
    for entry in entries.filter_map(Result::ok) {
        if let Ok(file) = fs::File::options().write(true).open(entry.path()) {
            let _ = file.set_modified(old);
        }
    }
}

/// Every text an answer has had: its value and its history.
fn texts_of(group: &alongside::group::Group, question: &str) -> Vec<String> {
    let Some(answer) = group.answers.get(question) else {
        return Vec::new();
    };
    std::iter::once(&answer.value)
        .chain(answer.history.iter().map(|h| &h.value))
        .filter_map(|v| match v {
            AnswerValue::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Reads the group file; a problem is a failure message.
fn read_group(data: &Path) -> Result<alongside::group::Group, String> {
    let path = group_file(data);
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read the group file: {e}"))?;
    alongside::group::parse(&path.display().to_string(), &text)
        .map_err(|e| format!("the group file does not parse: {e}"))
}

/// Checks every backup reads; returns how many there are.
fn check_backups(data: &Path, failures: &mut Vec<String>, cycle: u64) -> usize {
    let Ok(entries) = fs::read_dir(backups_dir(data)) else {
        return 0;
    };
    let mut count = 0;
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        count += 1;
        let ok = fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                alongside::group::parse(&path.display().to_string(), &t)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = ok {
            failures.push(format!(
                "cycle {cycle}: backup {} does not read: {e}",
                path.display()
            ));
        }
    }
    count
}

fn temp_files(data: &Path) -> usize {
    [data.join("groups"), backups_dir(data)]
        .iter()
        .filter_map(|d| fs::read_dir(d).ok())
        .flat_map(|rd| rd.filter_map(Result::ok))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".alongside-") && name.ends_with(".tmp")
        })
        .count()
}

/// Runs `alongside answer` without killing it: it must succeed, printing at
/// most a note about a stale lock. This is the "lock is recovered" check.
/// Returns whether a stale lock was cleared.
fn recovery_answer(data: &Path, cycle: u64, failures: &mut Vec<String>) -> bool {
    recovery_answer_timed(data, cycle, failures).0
}

/// `recovery_answer`, also returning how long the command took.
fn recovery_answer_timed(data: &Path, cycle: u64, failures: &mut Vec<String>) -> (bool, Duration) {
    let value = (1000 + cycle % 1000).to_string();
    let started = Instant::now();
    let out = run(data, &["answer", DEMO, "people_in_touch", &value]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !stdout.starts_with("Saved") && !stdout.starts_with("No change") {
        failures.push(format!(
            "cycle {cycle}: the next `answer` did not succeed ({}): {stdout}{stderr}",
            out.status
        ));
        return (false, took);
    }
    let mut cleared = false;
    for line in stderr.lines() {
        if line.starts_with("note: A lock left by a copy of alongside that stopped unexpectedly") {
            cleared = true;
        } else {
            failures.push(format!(
                "cycle {cycle}: unexpected message from the next `answer`: {line}"
            ));
        }
    }
    (cleared, took)
}

fn kill(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

// ---------------------------------------------------------------------------
// Saves from `alongside answer` in a loop

fn cli_value(question: &str, cycle: u64) -> String {
    format!("Answer number {cycle} to {question}: we meet on Tuesdays in the church hall.")
}

/// The cycle number inside a value written by `cli_value`.
fn cycle_of(text: &str) -> Option<u64> {
    text.strip_prefix("Answer number ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

fn cli_cycles(cycles: u64, seed: u64) -> Report {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    setup_demo(&data);
    let mut rng = Rng(seed);
    let mut report = Report {
        seed,
        cycles,
        ..Report::default()
    };

    // How long one `answer` takes here, so kills land before, during and
    // after the save in about equal measure.
    let mut times: Vec<Duration> = (0..5)
        .map(|i| {
            let t = Instant::now();
            let out = run(
                &data,
                &["answer", DEMO, "regular_members", &(20 + i).to_string()],
            );
            assert!(out.status.success(), "{out:?}");
            t.elapsed()
        })
        .collect();
    times.sort();
    // Kept up to date from the runs that are not killed: the file grows
    // with every answer's history, and other work on the machine comes and
    // goes.
    let mut typical = times[2].as_micros() as u64;

    // For each question, the cycles whose save finished.
    let mut done: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for cycle in 0..cycles {
        let question = CLI_QUESTIONS[(cycle % CLI_QUESTIONS.len() as u64) as usize];
        if rng.below(3) == 0 {
            age_backups(&data);
            report.backups_due += 1;
        }
        let value = cli_value(question, cycle);
        let delay = Duration::from_micros(rng.below(typical * 13 / 10));
        let mut child = alongside(&data)
            .args(["answer", DEMO, question, &value])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let spawned = Instant::now();
        let mut finished = None;
        while spawned.elapsed() < delay {
            if let Some(status) = child.try_wait().unwrap() {
                finished = Some(status);
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        if finished.is_none() {
            finished = child.try_wait().unwrap();
        }
        if finished.is_none() {
            let _ = child.kill(); // SIGKILL
        }
        let out = child.wait_with_output().unwrap();
        match finished {
            Some(status) => {
                let stdout = String::from_utf8_lossy(&out.stdout);
                if status.success() && stdout.starts_with("Saved") {
                    report.completed += 1;
                    done.entry(question).or_default().push(cycle);
                } else {
                    report.failures.push(format!(
                        "cycle {cycle}: `answer` failed without being killed ({status}): {stdout}{}",
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
            }
            None => report.killed += 1,
        }

        // After the kill: the file reads and holds every finished save.
        match read_group(&data) {
            Err(e) => report.failures.push(format!("cycle {cycle}: {e}")),
            Ok(group) => {
                let texts = texts_of(&group, question);
                if finished.is_none() && texts.contains(&value) {
                    report.killed_but_saved += 1;
                }
                for (q, cycles_done) in &done {
                    let texts = texts_of(&group, q);
                    for c in cycles_done {
                        if !texts.contains(&cli_value(q, *c)) {
                            report.failures.push(format!(
                                "cycle {cycle}: the finished save of cycle {c} ({q}) is missing"
                            ));
                        }
                    }
                    // The current answer is the last finished one or newer.
                    let current = group.answers.get(*q).and_then(|a| match &a.value {
                        AnswerValue::Text(t) => cycle_of(t),
                        _ => None,
                    });
                    let last = cycles_done.last().copied();
                    if current < last {
                        report.failures.push(format!(
                            "cycle {cycle}: {q} went back to cycle {current:?}, after cycle {last:?} was saved"
                        ));
                    }
                }
            }
        }
        report.backups_at_end = check_backups(&data, &mut report.failures, cycle);
        let (cleared, took) = recovery_answer_timed(&data, cycle, &mut report.failures);
        if cleared {
            report.stale_locks_cleared += 1;
        }
        typical = (typical * 3 + took.as_micros() as u64) / 4;
        if report.failures.len() > 20 {
            break;
        }
    }
    report.leftover_temp_files = temp_files(&data);
    report.elapsed = started.elapsed();
    report
}

// ---------------------------------------------------------------------------
// Saves from the full-screen program, driven in tmux

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of our own; `None` (and a printed reason) without tmux
    /// outside CI.
    fn new() -> Option<Tmux> {
        if !crate::common::tmux::installed() {
            return None;
        }
        let tmux = Tmux {
            socket: format!("alongside-crash-{}", std::process::id()),
        };
        // An idle session keeps the server up between runs: killing the
        // last session stops the server, and the next start can race it.
        let out = tmux.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "keep",
            "sleep 86400",
        ]);
        assert!(out.status.success(), "{out:?}");
        Some(tmux)
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    /// Starts alongside in a fresh session (80x24). When it ends, the shell
    /// around it writes its exit status to `status`.
    fn launch(&self, data: &Path, status: &Path) {
        let _ = self.tmux(&["kill-session", "-t", "crash"]);
        let _ = fs::remove_file(status);
        let command = format!(
            "env -u NO_COLOR TZ=UTC {BIN} --data-dir '{}'; echo $? > '{}'; sleep 60",
            data.display(),
            status.display()
        );
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            "crash",
            "-x",
            "80",
            "-y",
            "24",
            "-e",
            "TERM=xterm-256color",
            &command,
        ]);
        assert!(out.status.success(), "{out:?}");
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "crash"]).stdout)
            .into_owned()
    }

    fn wait_for(&self, text: &str) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return Ok(screen);
            }
            if start.elapsed() > Duration::from_secs(20) {
                return Err(format!("waited for {text:?}; the screen was:\n{screen}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "crash"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    fn type_literally(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "crash", "-l", text])
                .status
                .success()
        );
    }
}

/// The process holding the group's lock (the lock file names it).
fn lock_holder(data: &Path) -> Option<u32> {
    let text = fs::read_to_string(data.join("groups").join(format!("{DEMO}.lock"))).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("pid")?.as_integer()?.try_into().ok()
}

/// The exit status of the program, once it has ended.
fn exit_status(status: &Path) -> Option<i32> {
    fs::read_to_string(status).ok()?.trim().parse().ok()
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// A word typed in cycle `cycle`; no marker is part of another.
fn marker(cycle: u64) -> String {
    format!("zq{cycle}x")
}

fn tui_cycles(cycles: u64, seed: u64) -> Option<Report> {
    let tmux = Tmux::new()?;
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let status = tmp.path().join("status");
    setup_demo(&data);
    let mut rng = Rng(seed ^ 0x7u64);
    let mut report = Report {
        seed,
        cycles,
        ..Report::default()
    };
    let mut done: Vec<u64> = Vec::new();
    for cycle in 0..cycles {
        if rng.below(3) == 0 {
            age_backups(&data);
            report.backups_due += 1;
        }
        tmux.launch(&data, &status);
        let opened = (|| {
            tmux.wait_for("Your groups")?;
            tmux.send(&["Enter"]);
            tmux.wait_for("Who is typing?")?;
            tmux.send(&["Enter"]);
            tmux.wait_for("questions answered")
                .or_else(|_| tmux.wait_for("About the group"))?;
            tmux.send(&["Enter"]);
            tmux.wait_for("What is your group called?")?;
            // who_for is the tenth question of "About the group".
            tmux.send(&["Down"; 9]);
            tmux.send(&["Enter"]);
            tmux.wait_for("About the group - question 10 of")
        })();
        let screen = match opened {
            Ok(screen) => screen,
            Err(e) => {
                report
                    .failures
                    .push(format!("cycle {cycle}: could not reach the answer: {e}"));
                break;
            }
        };
        if screen.contains("READ-ONLY") || screen.contains("Read-only") {
            report.failures.push(format!(
                "cycle {cycle}: the group opened read-only after the last kill:\n{screen}"
            ));
        }
        let (Some(pid), None) = (lock_holder(&data), exit_status(&status)) else {
            report
                .failures
                .push(format!("cycle {cycle}: alongside is not running"));
            break;
        };
        tmux.type_literally(&marker(cycle));
        // Half the cycles wait for the autosave (1.5 s after typing stops)
        // and are killed around it; the other half press Ctrl+C (save and
        // quit) and are killed a moment later.
        let by_ctrl_c = rng.below(2) == 0;
        let saved = if by_ctrl_c {
            // Let the typing arrive first.
            std::thread::sleep(Duration::from_millis(100));
            tmux.send(&["C-c"]);
            let deadline = Instant::now() + Duration::from_micros(rng.below(60_000));
            let mut exited = exit_status(&status);
            while exited.is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
                exited = exit_status(&status);
            }
            match exited {
                Some(0) => true,
                Some(status) => {
                    report
                        .failures
                        .push(format!("cycle {cycle}: Ctrl+C ended with status {status}"));
                    false
                }
                None => false,
            }
        } else {
            let deadline = Instant::now() + Duration::from_millis(900 + rng.below(1400));
            let mut seen = false;
            while Instant::now() < deadline {
                if tmux.screen().lines().any(|l| l.trim() == "Saved.") {
                    seen = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(15));
            }
            seen
        };
        kill(pid);
        // Wait until the pane shows the program has gone.
        let gone = Instant::now();
        while exit_status(&status).is_none() && gone.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(5));
        }
        if saved {
            report.completed += 1;
            done.push(cycle);
        } else {
            report.killed += 1;
        }

        match read_group(&data) {
            Err(e) => report.failures.push(format!("cycle {cycle}: {e}")),
            Ok(group) => {
                let texts = texts_of(&group, TUI_QUESTION);
                if !saved && texts.iter().any(|t| t.contains(&marker(cycle))) {
                    report.killed_but_saved += 1;
                }
                for c in &done {
                    if !texts.iter().any(|t| t.contains(&marker(*c))) {
                        report.failures.push(format!(
                            "cycle {cycle}: the finished save of cycle {c} is missing"
                        ));
                    }
                }
            }
        }
        report.backups_at_end = check_backups(&data, &mut report.failures, cycle);
        if recovery_answer(&data, cycle, &mut report.failures) {
            report.stale_locks_cleared += 1;
        }
        if report.failures.len() > 20 {
            break;
        }
    }
    report.leftover_temp_files = temp_files(&data);
    report.elapsed = started.elapsed();
    Some(report)
}
