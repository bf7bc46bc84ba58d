//! Sharing a data folder through git (`alongside share ...`) and the
//! caseload: two or three data folders and a bare repository in a
//! temporary directory, driven through the real binary.
//!
//! These need the system `git`; `.ci/run` installs it. Every git run here
//! ignores the user's own settings (GIT_CONFIG_NOSYSTEM, an empty global
//! config), so the tests behave the same on every machine.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use common::{DEMO, assert_contains, assert_lacks, text};
use proptest::prelude::*;
use tempfile::TempDir;

/// Keeps this computer's own git settings out of every git this test
/// binary runs, including the one the full-screen program's sync key starts
/// from inside the test process. Every test calls this first, and `Once`
/// holds the others back until it is done, so no thread is starting a
/// process while the environment changes.
fn isolate() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: no other thread of this process runs a process or reads
        // the environment until `call_once` returns (see above).
        unsafe {
            std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
            // git reads /dev/null as an empty file on every system.
            std::env::set_var("GIT_CONFIG_GLOBAL", "/dev/null");
        }
    });
}

/// Whether git can be run; outside CI a missing git skips the test.
fn have_git() -> bool {
    isolate();
    if Process::new("git").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "git must be installed in CI (see .ci/run)"
    );
    eprintln!("skipping: git is not installed");
    false
}

/// A temporary place with a bare shared repository and data folders.
struct Site {
    tmp: TempDir,
}

/// Runs `cmd`, which must fail with exit 1; returns what it said.
fn refused(cmd: &mut Command) -> String {
    text(&cmd.assert().code(1).get_output().stderr)
}

impl Site {
    fn new() -> Option<Site> {
        if !have_git() {
            return None;
        }
        let site = Site {
            tmp: tempfile::tempdir().unwrap(),
        };
        fs::write(site.tmp.path().join("gitconfig"), "").unwrap();
        // A bare repository as anyone would make one, whatever its default
        // branch is called.
        site.git(
            site.tmp.path(),
            &["init", "--quiet", "--bare", "shared.git"],
        );
        Some(site)
    }

    fn shared(&self) -> PathBuf {
        self.tmp.path().join("shared.git")
    }

    fn shared_str(&self) -> String {
        self.shared().display().to_string()
    }

    fn folder(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn env(&self, cmd: &mut Process) {
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("HOME", self.tmp.path())
            .env_remove("ALONGSIDE_GIT")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
    }

    /// Runs git itself (to look, or to do what another tool would).
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Process::new("git");
        cmd.arg("-C").arg(dir).args(args);
        self.env(&mut cmd);
        cmd.env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org");
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// alongside with `folder` as its data folder.
    fn alongside(&self, folder: &str) -> Command {
        let mut cmd = common::alongside(&self.folder(folder));
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("HOME", self.tmp.path())
            .env_remove("ALONGSIDE_GIT")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        cmd
    }

    fn ok(&self, folder: &str, args: &[&str]) -> String {
        let out = self.alongside(folder).args(args).assert().success();
        text(&out.get_output().stdout)
    }

    fn fails(&self, folder: &str, args: &[&str]) -> String {
        refused(self.alongside(folder).args(args))
    }

    fn group_file(&self, folder: &str, slug: &str) -> PathBuf {
        self.folder(folder)
            .join("groups")
            .join(format!("{slug}.toml"))
    }

    fn group(&self, folder: &str, slug: &str) -> alongside::group::Group {
        alongside::group::parse(
            "g.toml",
            &fs::read_to_string(self.group_file(folder, slug)).unwrap(),
        )
        .unwrap()
    }

    /// The shared repository's branches and where they point.
    fn shared_refs(&self) -> String {
        self.git(&self.shared(), &["for-each-ref"])
    }

    fn head(&self, folder: &str) -> String {
        self.git(&self.folder(folder), &["rev-parse", "HEAD"])
    }

    /// Folder `a` with the demo group, shared and sent; folder `b` cloned.
    fn two_computers() -> Option<Site> {
        let site = Site::new()?;
        site.ok("a", &["demo"]);
        site.ok("a", &["share", "init", &site.shared_str()]);
        site.ok("a", &["share", "sync"]);
        let b = site.folder("b").display().to_string();
        site.ok(
            "a",
            &["share", "clone", &site.shared_str(), "--data-dir", &b],
        );
        Some(site)
    }
}

/// Every file in a folder (recursively), by its path inside it, without
/// git's own folder.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            if rel == ".git" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn different_answers_changed_on_each_computer_merge_cleanly() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    site.ok(
        "a",
        &["answer", DEMO, "regular_members", "31", "--by", "supporter"],
    );
    site.ok("b", &["answer", DEMO, "year_started", "2011"]);
    let a = site.ok("a", &["share", "sync"]);
    assert_contains(
        &a,
        "Riverside Aphasia Café: changed 1 answer (by the supporter on",
    );
    assert_contains(&a, "Sent to the shared copy.");
    let b = site.ok("b", &["share", "sync"]);
    assert_contains(&b, "changed 1 answer (by the group on");
    assert_contains(&b, "answers changed: regular_members");
    assert_lacks(&b, "both computers changed");
    site.ok("a", &["share", "sync"]);
    let (ga, gb) = (site.group("a", DEMO), site.group("b", DEMO));
    for g in [&ga, &gb] {
        assert_eq!(
            g.value("regular_members"),
            Some(&alongside::bank::AnswerValue::Number(31))
        );
        assert_eq!(
            g.value("year_started"),
            Some(&alongside::bank::AnswerValue::Number(2011))
        );
        assert!(g.conflicts.is_empty());
    }
    assert_eq!(
        fs::read(site.group_file("a", DEMO)).unwrap(),
        fs::read(site.group_file("b", DEMO)).unwrap()
    );
    // The third sync only caught up: no empty merges sent back and forth.
    let again = site.ok("b", &["share", "sync"]);
    assert_contains(&again, "Nothing new from the shared copy");
    assert_contains(&again, "Nothing to send");
    // The caseload names the newest shared change and where it was made.
    let caseload: serde_json::Value =
        serde_json::from_str(&site.ok("b", &["caseload", "--json"])).unwrap();
    // (Both commits can fall in the same second, so either may be newest.)
    let last = &caseload["groups"][0]["last_shared"];
    let author = last["author"].as_str().unwrap();
    assert!(
        author.starts_with("the group on ") || author.starts_with("the supporter on "),
        "{last}"
    );
    assert_contains(&site.ok("b", &["caseload"]), "last shared: ");
    // Who was at the keyboard is the commit's author.
    let log = site.ok("b", &["share", "log", DEMO]);
    assert_contains(&log, "(by the supporter on");
    assert_contains(&log, "(by the group on");
    // `backups` shows the shared versions beside this computer's own.
    let backups = site.ok("b", &["backups", DEMO]);
    assert_contains(&backups, "Shared versions (kept by git), newest first:");
    assert_contains(&backups, "(the supporter on");
}

#[test]
fn the_same_answer_changed_on_both_becomes_one_conflict_resolved_with_resolve() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    site.ok("a", &["answer", DEMO, "year_started", "2001"]);
    site.ok(
        "b",
        &["answer", DEMO, "year_started", "2002", "--by", "supporter"],
    );
    site.ok("a", &["share", "sync"]);
    let b = site.ok("b", &["share", "sync"]);
    assert_contains(&b, "both computers changed year_started");
    let saved = fs::read_to_string(site.group_file("b", DEMO)).unwrap();
    assert_lacks(&saved, "<<<<<<<");
    assert_lacks(&saved, ">>>>>>>");
    let g = site.group("b", DEMO);
    assert_eq!(g.conflicts.keys().collect::<Vec<_>>(), ["year_started"]);
    // The conflict travels to the other computer too, inside the file.
    site.ok("a", &["share", "sync"]);
    assert_eq!(site.group("a", DEMO).conflicts.len(), 1);
    // Chosen once, on one computer: "theirs" on b is a's answer.
    let resolved = site.ok("b", &["resolve", DEMO, "year_started", "--keep", "theirs"]);
    assert_contains(&resolved, "Kept the answer from the other copy");
    site.ok("b", &["share", "sync"]);
    site.ok("a", &["share", "sync"]);
    for folder in ["a", "b"] {
        let g = site.group(folder, DEMO);
        assert!(g.conflicts.is_empty(), "{folder}");
        assert_eq!(
            g.value("year_started"),
            Some(&alongside::bank::AnswerValue::Number(2001))
        );
        assert!(
            g.answers["year_started"]
                .history
                .iter()
                .any(|p| p.value == alongside::bank::AnswerValue::Number(2002)),
            "the answer not chosen is kept in the history"
        );
    }
    assert_eq!(
        fs::read(site.group_file("a", DEMO)).unwrap(),
        fs::read(site.group_file("b", DEMO)).unwrap()
    );
}

#[test]
fn an_invalid_group_file_stops_sync_and_nothing_is_damaged() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    let file = site.group_file("a", DEMO);
    let mangled =
        fs::read_to_string(&file)
            .unwrap()
            .replacen("name = \"", "name = \"unclosed\n", 1);
    fs::write(&file, &mangled).unwrap();
    let head = site.head("a");
    let refs = site.shared_refs();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(&err, "groups/riverside-aphasia-cafe.toml");
    assert_contains(&err, "nothing was synced");
    assert_eq!(fs::read_to_string(&file).unwrap(), mangled);
    assert_eq!(site.head("a"), head, "nothing committed");
    assert_eq!(site.shared_refs(), refs, "nothing sent");
    let status = site.ok("a", &["share", "status"]);
    assert_contains(&status, "did not finish");
}

#[test]
fn an_invalid_file_from_the_shared_copy_is_never_merged_over() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    // Someone edits b's file by hand into something unreadable and sends
    // it with git itself (alongside would have refused).
    let b = site.folder("b");
    let file = site.group_file("b", DEMO);
    fs::write(&file, "name = \"half a file\n").unwrap();
    site.git(&b, &["commit", "--quiet", "-am", "hand edit"]);
    site.git(&b, &["push", "--quiet", "origin", "HEAD:refs/heads/main"]);
    // Computer a has not changed the group: git would simply take the file.
    let before = fs::read(site.group_file("a", DEMO)).unwrap();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(
        &err,
        "groups/riverside-aphasia-cafe.toml from the shared copy",
    );
    assert_eq!(fs::read(site.group_file("a", DEMO)).unwrap(), before);
    // Computer a has changed it too: the merge driver refuses it.
    site.ok("a", &["answer", DEMO, "year_started", "1999"]);
    let before = fs::read(site.group_file("a", DEMO)).unwrap();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(&err, "groups/riverside-aphasia-cafe.toml");
    assert_contains(&err, "nothing was changed here");
    assert_eq!(fs::read(site.group_file("a", DEMO)).unwrap(), before);
    // a's own change is saved in its history; no merge was made.
    let parents = site.git(&site.folder("a"), &["log", "-1", "--format=%P"]);
    assert_eq!(
        parents.split_whitespace().count(),
        1,
        "the merge was undone"
    );
    assert!(!site.folder("a").join(".git/MERGE_HEAD").exists());
}

#[test]
fn a_push_the_shared_copy_rejects_leaves_both_sides_intact() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    // b sends a change first, so a has something to merge before sending.
    site.ok("b", &["answer", DEMO, "regular_members", "12"]);
    site.ok("b", &["share", "sync"]);
    let hook = site.shared().join("hooks").join("pre-receive");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'not accepting changes today' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    site.ok("a", &["answer", DEMO, "year_started", "1998"]);
    let before = fs::read(site.group_file("a", DEMO)).unwrap();
    let refs = site.shared_refs();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(&err, "could not send the changes to the shared copy");
    assert_contains(&err, "refused");
    assert_contains(&err, "Nothing here was lost or changed");
    assert_contains(&err, "not accepting changes today");
    assert_eq!(site.shared_refs(), refs, "the shared copy is as it was");
    assert_eq!(
        fs::read(site.group_file("a", DEMO)).unwrap(),
        before,
        "the files here are as they were before the sync"
    );
    let status = site.ok("a", &["share", "status"]);
    assert_contains(&status, "Waiting to be sent:");
    assert_contains(&status, "changed 1 answer");
    // Once the shared copy accepts changes again, nothing was lost.
    fs::remove_file(&hook).unwrap();
    site.ok("a", &["share", "sync"]);
    let g = site.group("a", DEMO);
    assert_eq!(
        g.value("year_started"),
        Some(&alongside::bank::AnswerValue::Number(1998))
    );
    assert_eq!(
        g.value("regular_members"),
        Some(&alongside::bank::AnswerValue::Number(12))
    );
}

#[test]
fn a_missing_shared_copy_is_explained_and_changes_nothing() {
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["demo"]);
    let gone = site.folder("usb-stick/shared.git").display().to_string();
    site.ok("a", &["share", "init", &gone]);
    site.ok("a", &["answer", DEMO, "year_started", "1990"]);
    let before = fs::read(site.group_file("a", DEMO)).unwrap();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(&err, "could not fetch the changes from the shared copy");
    assert_contains(&err, "is not where this folder says it is");
    assert_eq!(fs::read(site.group_file("a", DEMO)).unwrap(), before);
}

#[test]
fn two_groups_started_apart_with_one_name_are_never_merged() {
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["new", "Tuesday Group"]);
    site.ok("a", &["share", "init", &site.shared_str()]);
    site.ok("a", &["share", "sync"]);
    // A second computer started its own "Tuesday Group" before joining.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.ok("b", &["new", "Tuesday Group"]);
    site.ok("b", &["share", "init", &site.shared_str()]);
    let before = fs::read(site.group_file("b", "tuesday-group")).unwrap();
    let err = site.fails("b", &["share", "sync"]);
    assert_contains(&err, "groups/tuesday-group.toml");
    assert_contains(
        &err,
        "two different groups that were given the same short name",
    );
    assert_lacks(&err, "funder profiles");
    assert_eq!(
        fs::read(site.group_file("b", "tuesday-group")).unwrap(),
        before
    );
    // Renamed as the message says, both groups are kept.
    let text = String::from_utf8(before)
        .unwrap()
        .replace("slug = \"tuesday-group\"", "slug = \"tuesday-group-2\"");
    fs::write(site.group_file("b", "tuesday-group-2"), text).unwrap();
    fs::remove_file(site.group_file("b", "tuesday-group")).unwrap();
    site.ok("b", &["share", "sync"]);
    assert!(site.group_file("b", "tuesday-group").exists());
    assert!(site.group_file("b", "tuesday-group-2").exists());
}

#[test]
fn a_sync_stopped_part_way_is_undone_then_done_again() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    site.ok("b", &["answer", DEMO, "regular_members", "14"]);
    site.ok("b", &["share", "sync"]);
    site.ok("a", &["answer", DEMO, "year_started", "1993"]);
    site.ok("a", &["share", "sync"]);
    // The computer went off in the middle of a merge.
    site.ok("b", &["answer", DEMO, "people_in_touch", "70"]);
    let b = site.folder("b");
    site.git(&b, &["commit", "--quiet", "-am", "by hand"]);
    site.git(&b, &["fetch", "--quiet", "origin"]);
    site.git(&b, &["merge", "--no-commit", "--no-ff", "origin/main"]);
    assert!(b.join(".git/MERGE_HEAD").exists());
    let out = site.ok("b", &["share", "sync"]);
    assert_contains(&out, "Note: a sync that stopped part way was undone first");
    let g = site.group("b", DEMO);
    for (q, v) in [
        ("regular_members", 14),
        ("year_started", 1993),
        ("people_in_touch", 70),
    ] {
        assert_eq!(
            g.value(q),
            Some(&alongside::bank::AnswerValue::Number(v)),
            "{q}"
        );
    }
}

#[test]
fn no_network_is_said_in_plain_words() {
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["demo"]);
    // Nothing listens on port 1 of this computer: the connection is refused
    // at once, as when there is no network.
    site.ok("a", &["share", "init", "http://127.0.0.1:1/caseload.git"]);
    site.ok("a", &["answer", DEMO, "year_started", "1991"]);
    let before = fs::read(site.group_file("a", DEMO)).unwrap();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(
        &err,
        "the shared copy could not be reached: there may be no network",
    );
    assert_contains(&err, "your changes are saved in this folder's history");
    assert_eq!(fs::read(site.group_file("a", DEMO)).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_refused_login_is_said_in_plain_words() {
    use std::os::unix::fs::PermissionsExt;
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["demo"]);
    site.ok(
        "a",
        &["share", "init", "ssh://git@example.org/caseload.git"],
    );
    // Stands in for ssh when the server refuses this computer's key.
    let ssh = site.folder("fake-ssh");
    fs::write(
        &ssh,
        "#!/bin/sh\necho 'git@example.org: Permission denied (publickey).' >&2\nexit 255\n",
    )
    .unwrap();
    fs::set_permissions(&ssh, fs::Permissions::from_mode(0o755)).unwrap();
    let err = refused(
        site.alongside("a")
            .env("GIT_SSH_COMMAND", &ssh)
            .args(["share", "sync"]),
    );
    assert_contains(&err, "would not let this computer in");
    assert_contains(&err, "Permission denied (publickey)");
}

#[test]
fn clone_and_sync_round_trip_every_group_byte_for_byte() {
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["demo"]);
    site.ok("a", &["new", "Hill Street Carers"]);
    site.ok(
        "a",
        &[
            "answer",
            "hill-street-carers",
            "year_started",
            "2019",
            "--by",
            "together",
        ],
    );
    let funders = site.folder("a").join("funders");
    fs::create_dir_all(&funders).unwrap();
    fs::write(funders.join("note.txt"), "our own funder notes\n").unwrap();
    site.ok("a", &["share", "init", &site.shared_str()]);
    site.ok("a", &["share", "sync"]);
    let c = site.folder("c").display().to_string();
    let cloned = site.ok(
        "a",
        &["share", "clone", &site.shared_str(), "--data-dir", &c],
    );
    assert_contains(
        &cloned,
        "Groups: hill-street-carers, riverside-aphasia-cafe",
    );
    site.ok("c", &["share", "sync"]);
    let shared = |root: &Path| -> Vec<(String, Vec<u8>)> {
        tree(root)
            .into_iter()
            .filter(|(p, _)| p.starts_with("groups/") || p.starts_with("funders/"))
            .filter(|(p, _)| !p.ends_with(".lock"))
            .collect()
    };
    let (from, to) = (shared(&site.folder("a")), shared(&site.folder("c")));
    assert_eq!(
        from.len(),
        3,
        "{:?}",
        from.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(from, to);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(site.folder("c")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the new data folder is private");
    }
    // Backups and locks stay on their computer.
    assert!(site.folder("a").join("backups").exists());
    let tracked = site.git(&site.folder("c"), &["ls-files"]);
    assert_lacks(&tracked, "backups/");
    assert_lacks(&tracked, ".lock");
    // The merge driver came with the clone.
    let driver = site.git(&site.folder("c"), &["config", "merge.alongside.driver"]);
    assert_contains(&driver, "merge-driver %O %A %B %P");
    let attributes = fs::read_to_string(site.folder("c").join(".gitattributes")).unwrap();
    assert_contains(&attributes, "groups/*.toml -text merge=alongside");
    // A clone is never put over a folder with things in it.
    let err = site.fails("a", &["share", "clone", &site.shared_str()]);
    assert_contains(&err, "already has files in it");
}

#[test]
fn sync_never_runs_while_another_copy_has_a_group_open() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    site.ok("a", &["answer", DEMO, "year_started", "1997"]);
    let head = site.head("a");
    let data = alongside::paths::DataDir::at(site.folder("a"));
    let open =
        alongside::store::OpenGroup::open(&data, DEMO, alongside::store::Access::Write).unwrap();
    let err = site.fails("a", &["share", "sync"]);
    assert_contains(
        &err,
        "riverside-aphasia-cafe is open in another copy of alongside",
    );
    assert_eq!(site.head("a"), head);
    drop(open);
    site.ok("a", &["share", "sync"]);
}

#[test]
fn a_moved_program_is_noticed_and_sync_still_merges_with_this_one() {
    let Some(site) = Site::two_computers() else {
        return;
    };
    site.git(
        &site.folder("a"),
        &[
            "config",
            "merge.alongside.driver",
            "'/nowhere/old/alongside' merge-driver %O %A %B %P",
        ],
    );
    let status = site.ok("a", &["share", "status"]);
    assert_contains(&status, "points at a program that is not there any more");
    // Someone also removed the attributes file: sync puts it back.
    fs::remove_file(site.folder("a").join(".gitattributes")).unwrap();
    site.ok("a", &["answer", DEMO, "year_started", "2003"]);
    site.ok("b", &["answer", DEMO, "regular_members", "40"]);
    site.ok("b", &["share", "sync"]);
    site.ok("a", &["share", "sync"]);
    let g = site.group("a", DEMO);
    assert_eq!(
        g.value("regular_members"),
        Some(&alongside::bank::AnswerValue::Number(40))
    );
    let driver = site.git(&site.folder("a"), &["config", "merge.alongside.driver"]);
    assert_lacks(&driver, "/nowhere/old/");
    let attributes = fs::read_to_string(site.folder("a").join(".gitattributes")).unwrap();
    assert_contains(&attributes, "merge=alongside");
    assert_eq!(
        site.git(&site.folder("a"), &["status", "--porcelain"]),
        "",
        "and it is in the history again"
    );
}

#[test]
fn without_git_the_message_says_how_to_install_it() {
    let Some(site) = Site::new() else {
        return;
    };
    let err = refused(
        site.alongside("a")
            .env("ALONGSIDE_GIT", site.folder("no-such-git"))
            .args(["share", "init"]),
    );
    assert_contains(&err, "git, which is not installed");
    assert_contains(&err, "sudo apt install git");
}

#[test]
fn status_and_log_before_and_after_sharing() {
    let Some(site) = Site::new() else {
        return;
    };
    site.ok("a", &["demo"]);
    let err = site.fails("a", &["share", "status"]);
    assert_contains(&err, "is not shared yet");
    let init = site.ok("a", &["share", "init"]);
    assert_contains(&init, "There is no shared copy yet");
    site.ok("a", &["answer", DEMO, "year_started", "1996"]);
    let status = site.ok("a", &["share", "status"]);
    assert_contains(&status, "Shared copy: none yet");
    assert_contains(&status, "groups/riverside-aphasia-cafe.toml");
    let synced = site.ok("a", &["share", "sync"]);
    assert_contains(&synced, "There is no shared copy to send to yet");
    let json: serde_json::Value =
        serde_json::from_str(&site.ok("a", &["share", "log", DEMO, "--json"])).unwrap();
    let versions = json.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert!(
        versions[0]["message"]
            .as_str()
            .unwrap()
            .contains("changed 1 answer")
    );
    // The library gives the bytes of each shared version back.
    let data = alongside::paths::DataDir::at(site.folder("a"));
    let history = alongside::share::history(&data, DEMO).unwrap();
    let newest = alongside::share::shared_version(&data, DEMO, &history[0].commit).unwrap();
    assert_eq!(newest, fs::read(site.group_file("a", DEMO)).unwrap());
    // Adding the shared copy later.
    let init = site.ok("a", &["share", "init", &site.shared_str()]);
    assert_contains(&init, "was already shared");
    site.ok("a", &["share", "sync"]);
    let status = site.ok("a", &["share", "status"]);
    assert_contains(&status, "Waiting to be sent: nothing.");
    assert_contains(&status, "finished");
}

// ---------------------------------------------------------------------------
// The caseload

#[test]
fn the_caseload_lists_what_needs_attention() {
    isolate();
    let data = common::Data::with_demo();
    data.ok(&["new", "Quiet Group"]);
    data.ok(&[
        "answer",
        "quiet-group",
        "year_started",
        "2020",
        "--by",
        "supporter",
    ]);
    let text = data.ok(&["caseload", "--today", "2026-12-01"]);
    assert_contains(&text, "Caseload on");
    assert_contains(&text, "quiet-group  Quiet Group (year 1)");
    assert_contains(&text, "last change:");
    assert_contains(
        &text,
        "by the supporter (\"What year did the group start?\")",
    );
    assert_contains(&text, "the group's own words:");
    let json: serde_json::Value =
        serde_json::from_str(&data.ok(&["caseload", "--json", "--today", "2026-12-01"])).unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    for g in groups {
        for field in [
            "group",
            "group_name",
            "round",
            "returns",
            "drafting",
            "check_this",
            "conflicts",
            "last_change",
            "group_share_this_year",
            "group_share_last_year",
        ] {
            assert!(g.get(field).is_some(), "{field} missing in {g}");
        }
    }
    let quiet = groups.iter().find(|g| g["group"] == "quiet-group").unwrap();
    assert_eq!(quiet["last_change"]["by"], "supporter");
    // The group typed its own name; the supporter's number has no words.
    assert_eq!(quiet["group_share_this_year"], 100);
}

// ---------------------------------------------------------------------------
// Merging through git is `import --merge`

/// Questions the property test changes (numbers, so any value is valid).
const NUMBERS: [&str; 3] = ["year_started", "regular_members", "people_in_touch"];

/// One change on one computer: which kind (an answer, a coaching note, a
/// funder's wording), which question, a value, and who typed it.
type Edit = (u8, usize, i64, bool);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (0u8..3, 0..NUMBERS.len(), 1000i64..1006, any::<bool>()),
        1..5,
    )
}

fn apply(group: &mut alongside::group::Group, edits: &[Edit], start: i64) {
    use alongside::group::Author;
    for (n, (kind, q, value, supporter)) in edits.iter().enumerate() {
        let by = if *supporter {
            Author::Supporter
        } else {
            Author::Group
        };
        let at = alongside::dates::Moment::from_unix_seconds(start + n as i64).unwrap();
        let question = NUMBERS[*q];
        match kind {
            0 => {
                group.set_answer(
                    question,
                    alongside::bank::AnswerValue::Number(*value),
                    by,
                    at,
                );
            }
            1 => {
                group.set_note(question, &format!("Note {value}"), by, at);
            }
            _ => {
                group.set_wording(
                    "awards-for-all-england",
                    question,
                    format!("Words {value}"),
                    by,
                    at,
                );
            }
        }
    }
}

proptest! {
    // Each case runs a dozen git commands: a few cases are enough to try
    // clean joins, clashes and repeated changes without slowing CI.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn merging_through_git_equals_import_merge(
        ours in edits(),
        theirs in edits(),
        ours_first in any::<bool>(),
    ) {
        let Some(site) = Site::new() else { return Ok(()); };
        site.ok("a", &["new", "Prop Group"]);
        site.ok("a", &["share", "init", &site.shared_str()]);
        site.ok("a", &["share", "sync"]);
        let b = site.folder("b").display().to_string();
        site.ok("a", &["share", "clone", &site.shared_str(), "--data-dir", &b]);
        let base = site.group("a", "prop-group");
        let (a_start, b_start) = if ours_first { (1_900_000_000, 1_900_000_100) } else { (1_900_000_100, 1_900_000_000) };
        let mut mine = base.clone();
        apply(&mut mine, &ours, a_start);
        let mut other = base.clone();
        apply(&mut other, &theirs, b_start);
        let mine_text = alongside::group::to_text(&mine).unwrap();
        let other_text = alongside::group::to_text(&other).unwrap();
        fs::write(site.group_file("a", "prop-group"), &mine_text).unwrap();
        fs::write(site.group_file("b", "prop-group"), &other_text).unwrap();
        site.ok("b", &["share", "sync"]);
        site.ok("a", &["share", "sync"]);
        let through_git = fs::read(site.group_file("a", "prop-group")).unwrap();

        // The same two copies, joined by `import --merge` in a third folder.
        fs::create_dir_all(site.folder("c").join("groups")).unwrap();
        fs::write(site.group_file("c", "prop-group"), &mine_text).unwrap();
        let copy = site.folder("theirs.toml");
        fs::write(&copy, &other_text).unwrap();
        site.ok("c", &["import", &copy.display().to_string(), "--merge"]);
        let imported = fs::read(site.group_file("c", "prop-group")).unwrap();
        prop_assert_eq!(text(&through_git), text(&imported));
    }
}

// ---------------------------------------------------------------------------
// The full-screen program: the caseload screen and the sync key

mod screens {
    use super::*;
    use alongside::bank::{AnswerValue, Bank};
    use alongside::dates::Moment;
    use alongside::group::{Author, Group};
    use alongside::paths::DataDir;
    use alongside::tui::App;
    use alongside::tui::screens::caseload::Caseload;
    use alongside::tui::screens::home::Home;
    use alongside::tui::screens::sync_result::SyncResult;
    use alongside::tui::theme::Theme;
    use alongside::tui::view;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn fixed_clock() -> Moment {
        "2026-11-20T10:00:00Z".parse().unwrap()
    }

    fn app(root: &Path) -> App {
        isolate();
        alongside::dates::show_times_in_utc();
        let mut app = App::with_clock(
            DataDir::at(root),
            Bank::builtin().unwrap(),
            Theme::normal(),
            fixed_clock,
        );
        app.program = PathBuf::from(env!("CARGO_BIN_EXE_alongside"));
        app
    }

    fn key(app: &mut App, c: char) {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }

    /// Presses the sync key and lets the event loop's ticks run it: the
    /// first tick (straight after the key) only lets "Syncing..." be drawn.
    fn sync_key(app: &mut App) {
        key(app, 's');
        app.tick(std::time::Instant::now());
        let text = screen(app, 80, 24).backend().to_string();
        assert_contains(&text, "Syncing with the shared copy...");
        app.tick(std::time::Instant::now());
    }

    fn screen(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::draw(f, app)).unwrap();
        terminal
    }

    fn snap(app: &App, name: &str) {
        insta::assert_snapshot!(name.to_string(), screen(app, 80, 24).backend());
        insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40).backend());
    }

    /// The demo group and a second group whose times are fixed.
    fn caseload_folder() -> common::Data {
        isolate();
        let data = common::Data::with_demo();
        let at = |s: i64| Moment::from_unix_seconds(1_795_000_000 + s).unwrap();
        let mut g = Group::new("Hill Street Carers", "hill-street-carers", at(0));
        g.set_answer(
            "group_name",
            AnswerValue::Text("Hill Street Carers".into()),
            Author::Group,
            at(1),
        );
        g.set_answer(
            "year_started",
            AnswerValue::Number(2019),
            Author::Supporter,
            at(2),
        );
        g.answers.get_mut("year_started").unwrap().check = true;
        fs::write(
            data.group_file("hill-street-carers"),
            alongside::group::to_text(&g).unwrap(),
        )
        .unwrap();
        data
    }

    #[test]
    fn the_caseload_screen_lists_every_group_and_opens_one() {
        let data = caseload_folder();
        let mut app = app(&data.root);
        key(&mut app, 'c');
        let Some(caseload) = app.top_is::<Caseload>() else {
            panic!("not the caseload: {:?}", app.stack_names())
        };
        assert_eq!(caseload.list.groups.len(), 2);
        snap(&app, "caseload");
        let text = screen(&app, 80, 24).backend().to_string();
        assert_contains(&text, "Caseload: 2 groups");
        assert_contains(&text, "s sync with the shared copy");
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(app.top_is::<Home>().is_some());
        key(&mut app, 'c');
        app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert!(app.session.is_some(), "Enter opens the group");
    }

    #[test]
    fn the_sync_screen_shows_every_line_of_what_happened() {
        isolate();
        let data = common::Data::with_demo();
        let mut app = app(&data.root);
        let report = alongside::share::SyncReport {
            committed: vec![alongside::share::CommitLine {
                commit: "0123456789abcdef".into(),
                at: fixed_clock(),
                author: "the supporter on office-laptop".into(),
                message: "Riverside Aphasia Café: changed 2 answers".into(),
            }],
            received_commits: vec![alongside::share::CommitLine {
                commit: "fedcba9876543210".into(),
                at: fixed_clock(),
                author: "the group on library-pc".into(),
                message: "Riverside Aphasia Café: changed 1 answer".into(),
            }],
            received: vec![alongside::share::Received {
                slug: DEMO.into(),
                answers_changed: vec!["regular_members".into()],
                to_choose: vec!["year_started".into()],
                new_group: false,
            }],
            sent: true,
            remote: Some("ssh://git@example.org/caseload.git".into()),
            notes: Vec::new(),
        };
        app.push(Box::new(SyncResult::showing(false, report.lines())));
        snap(&app, "sync_result");
    }

    #[test]
    fn the_sync_key_syncs_and_says_why_when_it_cannot() {
        let Some(site) = Site::two_computers() else {
            return;
        };
        // Not shared: the reason, in full.
        let plain = common::Data::with_demo();
        let mut lonely = app(&plain.root);
        sync_key(&mut lonely);
        let Some(SyncResult { failed, lines, .. }) = lonely.top_is::<SyncResult>() else {
            panic!("{:?}", lonely.stack_names())
        };
        assert!(*failed);
        assert_contains(&lines.join("\n"), "is not shared yet");
        // Shared: b's change arrives on a through the key.
        site.ok("b", &["answer", DEMO, "regular_members", "27"]);
        site.ok("b", &["share", "sync"]);
        site.ok("a", &["answer", DEMO, "year_started", "1995"]);
        let mut a = app(&site.folder("a"));
        sync_key(&mut a);
        let Some(SyncResult { failed, lines, .. }) = a.top_is::<SyncResult>() else {
            panic!("{:?}", a.stack_names())
        };
        let all = lines.join("\n");
        assert!(!*failed, "{all}");
        assert_contains(&all, "changed 1 answer (by the group on");
        assert_contains(&all, "answers changed: regular_members");
        assert_contains(&all, "Sent to the shared copy.");
        assert_eq!(
            site.group("a", DEMO).value("regular_members"),
            Some(&AnswerValue::Number(27))
        );
        app_back_home(&mut a);
    }

    fn app_back_home(app: &mut App) {
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(app.top_is::<Home>().is_some());
    }
}
