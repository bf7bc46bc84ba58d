//! `alongside share sync`: commit what changed here (one commit per group,
//! named for the group and who was at the keyboard), fetch the shared copy,
//! join its changes (group files answer by answer, through the merge
//! driver), and send the result. Never force-pushes.
//!
//! Safety, in order:
//! 1. Every group's lock is taken first; if another copy of alongside has a
//!    group open, nothing happens.
//! 2. Every group file must read cleanly; a file edited by hand into
//!    something unreadable stops the sync before anything changes.
//! 3. A fetch that fails changes no file. A merge that cannot finish is
//!    undone (`git merge --abort`), and a merged file from the other side
//!    that cannot be read is undone too (`git reset --hard` back to the
//!    commit before the merge: the tree was clean, and we hold every lock).
//! 4. A push that is refused undoes the merge the same way, so a failed
//!    sync leaves the files exactly as they were. The local commits stay:
//!    they are the person's own changes, sent next time.

use std::path::Path;

use serde::Serialize;

use super::{
    CommitLine, DRIVER, Git, LastSync, RemoteProblem, ShareError, changed_paths, check_all,
    committer, current_branch, describe_change, driver_command, group_files, has_commits, lock_all,
    log, register_driver, remote_url, repository, write_last_sync, write_settings,
};
use crate::dates::Moment;
use crate::group;
use crate::paths::DataDir;

/// What the changes from the shared copy did to one group here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub slug: String,
    /// Answers whose value changed.
    pub answers_changed: Vec<String>,
    /// Answers both computers changed differently, waiting for a person to
    /// choose (`alongside resolve`, or `x` in the full-screen program).
    pub to_choose: Vec<String>,
    /// The group arrived from the shared copy (it was not here before).
    pub new_group: bool,
}

/// What a sync did, in full.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Commits made here for changes not yet in the history.
    pub committed: Vec<CommitLine>,
    /// Commits that came from the shared copy.
    pub received_commits: Vec<CommitLine>,
    /// What those did to each group.
    pub received: Vec<Received>,
    /// Whether anything was sent to the shared copy.
    pub sent: bool,
    /// The shared copy's address (hidden password); none when the folder
    /// keeps its history only here.
    pub remote: Option<String>,
    /// Things worth knowing (an unfinished merge from before was undone).
    pub notes: Vec<String>,
}

impl SyncReport {
    /// Every line of what happened, for people (the CLI prints these; the
    /// full-screen program shows them all).
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.notes.iter().map(|n| format!("Note: {n}")).collect();
        if self.committed.is_empty() {
            out.push("Nothing had changed here since the last sync.".to_string());
        } else {
            out.push("Saved in the shared history from this computer:".to_string());
            for c in &self.committed {
                out.push(format!("  {} (by {})", c.message, c.author));
            }
        }
        match &self.remote {
            None => out.push(
                "There is no shared copy to send to yet: add one with `alongside share init ADDRESS`."
                    .to_string(),
            ),
            Some(remote) => {
                if self.received_commits.is_empty() {
                    out.push(format!("Nothing new from the shared copy ({remote})."));
                } else {
                    out.push(format!("From the shared copy ({remote}):"));
                    for c in &self.received_commits {
                        out.push(format!(
                            "  {} (by {}, {})",
                            c.message,
                            c.author,
                            c.at.for_people()
                        ));
                    }
                }
                for r in &self.received {
                    let mut what = Vec::new();
                    if r.new_group {
                        what.push("new on this computer".to_string());
                    }
                    if !r.answers_changed.is_empty() {
                        what.push(format!("answers changed: {}", r.answers_changed.join(", ")));
                    }
                    if what.is_empty() {
                        what.push("history joined".to_string());
                    }
                    out.push(format!("  {}: {}", r.slug, what.join("; ")));
                    if !r.to_choose.is_empty() {
                        out.push(format!(
                            "  {}: both computers changed {}. Both answers are kept: choose one with `alongside resolve {} QUESTION --keep ours|theirs`, or press x on the group's sections.",
                            r.slug,
                            r.to_choose.join(", "),
                            r.slug
                        ));
                    }
                }
                out.push(if self.sent {
                    "Sent to the shared copy.".to_string()
                } else {
                    "Nothing to send: the shared copy already has everything from here."
                        .to_string()
                });
            }
        }
        out
    }
}

/// Runs a sync of the data folder. `exe` is this program, which git runs
/// as the merge driver.
pub fn sync(data: &DataDir, exe: &Path) -> Result<SyncReport, ShareError> {
    let git = repository(data)?;
    let mut report = SyncReport::default();
    // Point the stored driver at this program (it may have moved since),
    // and put back the ignore list and attributes if someone removed them.
    register_driver(&git, exe)?;
    write_settings(data.root())?;
    let result = lock_all(data).and_then(|_locks| {
        // A sync killed part way through a merge (the computer was switched
        // off) left git mid-merge: undo it, under the locks, before anything.
        if data.root().join(".git").join("MERGE_HEAD").exists() {
            git.run(["merge", "--abort"])?;
            report.notes.push(
                "a sync that stopped part way was undone first; nothing in it was lost".to_string(),
            );
        }
        if let Err((file, problem)) = check_all(data) {
            return Err(ShareError::Invalid { file, problem });
        }
        report.committed = commit_changes(&git)?;
        exchange(&git, data, exe, &mut report)
    });
    let finished = result.is_ok();
    let outcome = match &result {
        Ok(()) => "finished".to_string(),
        Err(e) => {
            let text = e.to_string();
            text.lines().next().unwrap_or_default().to_string()
        }
    };
    write_last_sync(
        data,
        &LastSync {
            at: Moment::now(),
            finished,
            outcome,
        },
    );
    result.map(|()| report)
}

/// Fetch, merge and push. On failure, the files are as they were before.
fn exchange(
    git: &Git,
    data: &DataDir,
    exe: &Path,
    report: &mut SyncReport,
) -> Result<(), ShareError> {
    let Some(url) = remote_url(git) else {
        return Ok(());
    };
    report.remote = Some(super::shown_address(&url));
    let kept_here = !report.committed.is_empty();
    let remote_failed = |action: &'static str, detail: String| ShareError::Remote {
        action,
        problem: RemoteProblem::from_stderr(&detail),
        detail,
        kept_here,
    };
    let fetched = git.output(["fetch", "--quiet", "origin"])?;
    if !fetched.status.success() {
        return Err(remote_failed(
            "fetch the changes from",
            String::from_utf8_lossy(&fetched.stderr).into_owned(),
        ));
    }
    let branch = current_branch(git)?;
    let upstream = format!("refs/remotes/origin/{branch}");
    let has_upstream = git.succeeds(["rev-parse", "--verify", "--quiet", &upstream])?;
    let before = git.run(["rev-parse", "HEAD"])?.trim().to_string();
    if has_upstream {
        merge(git, data, exe, &before, &upstream, report)?;
    }
    let up_to_date = has_upstream
        && git.run(["rev-parse", &upstream])?.trim() == git.run(["rev-parse", "HEAD"])?.trim();
    if !up_to_date {
        let pushed = git.output([
            "push",
            "--quiet",
            "origin",
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        if !pushed.status.success() {
            // Put the files back as they were before the merge (see the
            // module notes); the shared copy has what was merged in.
            git.run(["reset", "--quiet", "--hard", &before])?;
            report.received.clear();
            report.received_commits.clear();
            return Err(remote_failed(
                "send the changes to",
                String::from_utf8_lossy(&pushed.stderr).into_owned(),
            ));
        }
        report.sent = true;
        let _ = git.run([
            "branch",
            "--quiet",
            "--set-upstream-to",
            &format!("origin/{branch}"),
        ]);
    }
    Ok(())
}

fn merge(
    git: &Git,
    data: &DataDir,
    exe: &Path,
    before: &str,
    upstream: &str,
    report: &mut SyncReport,
) -> Result<(), ShareError> {
    // Already has everything from the shared copy. (When only the shared
    // copy moved on, git fast-forwards: no merge commit, so two computers
    // never send each other empty merges back and forth.)
    if git.succeeds(["merge-base", "--is-ancestor", upstream, "HEAD"])? {
        return Ok(());
    }
    let groups_before: Vec<(String, Option<group::Group>)> = group_files(data)
        .into_iter()
        .map(|(slug, path)| {
            let g = read_group(&path);
            (slug, g)
        })
        .collect();
    let (name, email) = committer(&[]);
    // This program does the merge whatever the stored driver says.
    let merger = git
        .clone()
        .with_setting(format!("merge.{DRIVER}.driver={}", driver_command(exe)))
        .as_author(&name, &email);
    let out = merger.output([
        "merge",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        "Joined the changes from the shared copy",
        upstream,
    ])?;
    if !out.status.success() {
        let unmerged = git
            .run(["diff", "--name-only", "--diff-filter=U", "-z"])
            .unwrap_or_default();
        let files: Vec<String> = unmerged
            .split('\0')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let _ = git.run(["merge", "--abort"]);
        // A merge refused before it began (an untracked file in the way)
        // leaves no merge to abort; make sure the files are as they were.
        git.run(["reset", "--quiet", "--hard", before])?;
        let mut detail = String::from_utf8_lossy(&out.stderr).into_owned();
        detail.push_str(&String::from_utf8_lossy(&out.stdout));
        let detail: String = detail
            .lines()
            .filter(|l| !l.starts_with("Auto-merging") && !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let mut detail = detail;
        if files.iter().any(|f| !f.starts_with("groups/")) {
            detail.push_str("\nFiles that are not group files (funder profiles, templates) are joined line by line; when both computers changed the same lines, change the file on one computer only, sync there, then sync here.");
        }
        let files = if files.is_empty() {
            vec!["(see git's words below)".to_string()]
        } else {
            files
        };
        return Err(ShareError::MergeStopped { files, detail });
    }
    if let Err((file, problem)) = check_all(data) {
        git.run(["reset", "--quiet", "--hard", before])?;
        return Err(ShareError::InvalidFromShared { file, problem });
    }
    report.received_commits = log(git, &[&format!("{before}..{upstream}")])?;
    for (slug, path) in group_files(data) {
        let old = groups_before
            .iter()
            .find(|(s, _)| *s == slug)
            .and_then(|(_, g)| g.clone());
        let was_here = groups_before.iter().any(|(s, _)| *s == slug);
        let Some(new) = read_group(&path) else {
            continue;
        };
        if old.as_ref() == Some(&new) {
            continue;
        }
        let answers_changed = match &old {
            Some(old) => new
                .answers
                .iter()
                .filter(|(id, a)| old.answers.get(*id).map(|o| &o.value) != Some(&a.value))
                .map(|(id, _)| id.clone())
                .collect(),
            None => Vec::new(),
        };
        let to_choose = new
            .conflicts
            .keys()
            .filter(|id| old.as_ref().is_none_or(|o| !o.conflicts.contains_key(*id)))
            .cloned()
            .collect();
        report.received.push(Received {
            slug,
            answers_changed,
            to_choose,
            new_group: !was_here,
        });
    }
    Ok(())
}

fn read_group(path: &Path) -> Option<group::Group> {
    let (_, text) = crate::store::read_group_text(path).ok()?;
    group::parse(&path.display().to_string(), &text).ok()
}

/// Commits what changed here: one commit per group file, named for the
/// group and who was at the keyboard, then one for anything else.
fn commit_changes(git: &Git) -> Result<Vec<CommitLine>, ShareError> {
    let paths = changed_paths(git)?;
    let head = has_commits(git)?;
    let mut made = Vec::new();
    let mut others = Vec::new();
    for path in paths {
        let slug = path
            .strip_prefix("groups/")
            .and_then(|p| p.strip_suffix(".toml"))
            .filter(|s| !s.contains('/'))
            .map(str::to_string);
        let Some(slug) = slug else {
            others.push(path);
            continue;
        };
        let before = if head {
            git.bytes(["show", &format!("HEAD:{path}")])
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|t| group::parse(&path, &t).ok())
        } else {
            None
        };
        let after = read_group(&git.dir().join(&path));
        let (what, who) = describe_change(before.as_ref(), after.as_ref());
        let name = after
            .as_ref()
            .or(before.as_ref())
            .map_or(slug.clone(), |g| crate::text::one_line(&g.name));
        let message = format!("{name}: {what}");
        let (author, email) = committer(&who);
        git.run(["add", "--all", "--", &path])?;
        git.as_author(&author, &email)
            .run(["commit", "--quiet", "-m", &message, "--", &path])?;
        made.extend(log(git, &["-1"])?);
    }
    if !others.is_empty() {
        let (author, email) = committer(&[]);
        let message = format!("Other files: {}", others.join(", "));
        let mut add = vec!["add", "--all", "--"];
        add.extend(others.iter().map(String::as_str));
        git.run(add)?;
        let mut commit = vec!["commit", "--quiet", "-m", &message, "--"];
        commit.extend(others.iter().map(String::as_str));
        git.as_author(&author, &email).run(commit)?;
        made.extend(log(git, &["-1"])?);
    }
    Ok(made)
}
