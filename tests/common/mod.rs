//! Helpers shared by the test files that run the real `alongside` binary
//! against a temporary data folder. Each test file uses only some of them.
#![allow(dead_code)]

pub mod harness;
pub mod tmux;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

/// The demo group's short name.
pub const DEMO: &str = "riverside-aphasia-cafe";

/// `alongside award` for a grant to the demo group from Awards for All
/// England: £4,752 from 5 January to 20 November 2026, the interim return
/// due on 30 June.
pub const AWARD_2026: [&str; 12] = [
    "award",
    DEMO,
    "--funder",
    "awards-for-all-england",
    "--amount",
    "4752",
    "--start",
    "2026-01-05",
    "--end",
    "2026-11-20",
    "--interim",
    "2026-06-30",
];

// ---------------------------------------------------------------------------
// Running the binary

/// The binary with a clean environment and no data folder chosen.
pub fn bare() -> Command {
    let mut cmd = cargo_bin_cmd!("alongside");
    cmd.env_remove("NO_COLOR")
        .env_remove("ALONGSIDE_DATA_DIR")
        // The plain interview fits its lines to COLUMNS when it is set.
        .env_remove("COLUMNS")
        .env("TZ", "UTC");
    cmd
}

/// The binary as a plain process using `data` as its data folder, for
/// tests that start it, wait for it or kill it themselves. Standard input
/// is empty.
pub fn process(data: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_alongside"));
    cmd.env_remove("NO_COLOR")
        .env_remove("ALONGSIDE_DATA_DIR")
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(data)
        .stdin(std::process::Stdio::null());
    cmd
}

/// The day the fixtures take as today.
pub fn today() -> alongside::dates::Day {
    alongside::dates::Day::new(2026, 11, 26).unwrap()
}

/// A moment written as in a group file: `2026-11-20T10:00:00Z`.
pub fn at(text: &str) -> alongside::dates::Moment {
    text.parse().unwrap()
}

/// The binary using `data` as its data folder.
pub fn alongside(data: &Path) -> Command {
    let mut cmd = bare();
    cmd.arg("--data-dir").arg(data);
    cmd
}

/// Runs `cmd`, which must succeed, and returns what it printed.
pub fn stdout_of(cmd: &mut Command) -> String {
    text(&cmd.assert().success().get_output().stdout)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A data folder in a temporary directory. The folder itself does not
/// exist until alongside creates it.
pub struct Data {
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl Data {
    /// The demo group with its file replaced by `group`.
    pub fn with(group: &alongside::group::Group) -> Data {
        let data = Data::with_demo();
        fs::write(
            data.group_file(DEMO),
            alongside::group::to_text(group).unwrap(),
        )
        .unwrap();
        data
    }

    /// The binary using this data folder.
    pub fn cmd(&self) -> Command {
        alongside(&self.root)
    }

    /// The data folder as the library opens it.
    pub fn dir(&self) -> alongside::paths::DataDir {
        alongside::paths::DataDir::at(&self.root)
    }

    /// The binary as a plain process with its output captured, to start
    /// several at once.
    pub fn spawnable(&self) -> std::process::Command {
        let mut cmd = process(&self.root);
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd
    }

    /// Runs a command whatever its outcome, checking only that it did not
    /// crash, and returns everything it printed.
    pub fn checked(&self, args: &[&str]) -> std::process::Output {
        let out = self.cmd().args(args).output().unwrap();
        assert_no_panic(&out);
        out
    }

    /// Runs a command that must fail with exit code 1 (and not crash);
    /// returns its stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.checked(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// Runs a command, for the caller to check how it went.
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    /// A group as it is on disk now.
    pub fn group(&self, slug: &str) -> alongside::group::Group {
        alongside::group::parse(
            "g.toml",
            &fs::read_to_string(self.group_file(slug)).unwrap(),
        )
        .unwrap()
    }

    pub fn new() -> Data {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        Data { tmp, root }
    }

    pub fn with_demo() -> Data {
        let data = Data::new();
        data.ok(&["demo"]);
        data
    }

    /// A fresh data folder holding one new group called "Typed" (`typed`).
    pub fn with_new_group() -> Data {
        let data = Data::new();
        data.ok(&["new", "Typed"]);
        data
    }

    /// Writes `text` as the group file `name` beside the data folder and
    /// imports it, which must succeed.
    pub fn import_text(&self, name: &str, text: impl AsRef<[u8]>) {
        let file = self.scratch(name);
        fs::write(&file, text).unwrap();
        self.ok(&["import", path_str(&file)]);
    }

    /// A scratch path beside (not inside) the data folder.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Runs a command that must succeed; returns what it printed.
    pub fn ok(&self, args: &[&str]) -> String {
        stdout_of(alongside(&self.root).args(args))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let assert = alongside(&self.root).args(args).assert().code(code);
        text(&assert.get_output().stderr)
    }

    /// Runs a command that must succeed; returns (stdout, stderr).
    pub fn ok_with_warnings(&self, args: &[&str]) -> (String, String) {
        let assert = alongside(&self.root).args(args).assert().success();
        let out = assert.get_output();
        (text(&out.stdout), text(&out.stderr))
    }

    pub fn groups_dir(&self) -> PathBuf {
        self.root.join("groups")
    }

    pub fn group_file(&self, slug: &str) -> PathBuf {
        self.groups_dir().join(format!("{slug}.toml"))
    }

    pub fn backups(&self, slug: &str) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.root.join("backups").join(slug)) else {
            return Vec::new();
        };
        let mut all: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        all.sort();
        all
    }

    /// The stored answer table `[answers.<question>]` of a group file.
    pub fn stored_answer(&self, slug: &str, question: &str) -> toml::Table {
        let file: toml::Table =
            toml::from_str(&fs::read_to_string(self.group_file(slug)).unwrap()).unwrap();
        file["answers"][question]
            .as_table()
            .unwrap_or_else(|| panic!("no [answers.{question}] in {file:#?}"))
            .clone()
    }

    /// Runs a command that must fail with exit 1 without changing `slug`'s
    /// file or taking a backup; returns its stderr.
    pub fn refused_unchanged(&self, slug: &str, args: &[&str]) -> String {
        let before = fs::read(self.group_file(slug)).unwrap();
        let backups_before = self.backups(slug);
        let stderr = self.fails(args, 1);
        assert_eq!(
            fs::read(self.group_file(slug)).unwrap(),
            before,
            "the group file changed"
        );
        assert_eq!(self.backups(slug), backups_before, "a backup was taken");
        stderr
    }
}

/// Prints the Word file `docx` to PDF beside it with LibreOffice
/// (`office` is its program's name), which must succeed, and returns the
/// PDF's path. LibreOffice gets a profile of its own in the same folder,
/// so tests running side by side do not share one.
pub fn print_to_pdf(office: &str, docx: &Path) -> PathBuf {
    let dir = docx.parent().expect("the Word file is in a folder");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    let status = std::process::Command::new(office)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    docx.with_extension("pdf")
}

#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected to find\n  {needle}\nin\n{haystack}"
    );
}

#[track_caller]
pub fn assert_lacks(haystack: &str, needle: &str) {
    assert!(
        !haystack.contains(needle),
        "did not expect\n  {needle}\nin\n{haystack}"
    );
}

/// Fails when the program crashed: a panic message or exit code 101, or
/// no exit code at all (killed by a signal).
#[track_caller]
pub fn assert_no_panic(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && out.status.code().is_some(),
        "alongside crashed ({}): {stderr}",
        out.status
    );
    assert_ne!(out.status.code(), Some(101), "a panic: {stderr}");
}
