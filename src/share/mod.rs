//! Sharing a data folder through git: one group worked on from two
//! computers, or a support organisation's caseload kept by several workers.
//!
//! The data folder becomes a git repository. Group files, the user's own
//! funder profiles and templates are tracked; locks, backups, temporary
//! and diverted files and the open-grants index stay on each computer
//! (`IGNORE`). When both computers changed one group file, git runs
//! alongside itself as a merge driver (`driver.rs`), which joins the two
//! copies answer by answer exactly as `import --merge` does.
//!
//! - `init` and `clone` set a folder up (the repository, the ignore list,
//!   the merge driver), `sync` (in `sync.rs`) commits, fetches, merges and
//!   pushes, `status` says what is waiting, `history` lists the shared
//!   versions of one group.
//! - The merge driver is registered with the absolute path of the program
//!   that set it up. If the program moves, the stored path goes stale;
//!   every `sync` therefore passes the current program's path to git for
//!   its own merge and rewrites the stored one, and `status` warns when the
//!   stored one no longer exists (see docs/formats.md).
//!
//! The system `git` does all the work (`git.rs`); nothing here knows about
//! the terminal.

pub mod caseload;
mod driver;
mod git;
mod sync;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use driver::{DriverError, merge_files};
pub use git::{Git, GitError, INSTALL_GIT, RemoteProblem};
pub use sync::{Received, SyncReport, sync};

use crate::dates::Moment;
use crate::group::{self, Author, Group};
use crate::paths::DataDir;
use crate::store::{self, GroupLock, LockError};

/// The merge driver's name in `.gitattributes` and the repository config.
pub const DRIVER: &str = "alongside";

/// What stays on each computer (the data folder's `.gitignore`).
pub const IGNORE: &str = "\
# Kept on this computer only (written by `alongside share init`).
# Locks say which copy of alongside has a group open, right now, here.
*.lock
# Backups are this computer's own; the shared history keeps every version.
backups/
# Files a save is writing, and copies kept when a file changed underneath.
*.tmp
*.unsaved-*
# The open grants index is rebuilt from downloaded data on each computer.
grants-data.sqlite*
# Drafts exported as files can be made again from the group file.
drafts/
# Forms left half-filled here come back on this computer only.
unfinished/
# Funder profiles already checked, kept to save parsing them again.
cache/
";

/// Which files alongside merges itself (the data folder's `.gitattributes`).
/// `-text` keeps git from changing line endings, so a file arrives exactly.
pub const ATTRIBUTES: &str = "\
# Group files are merged answer by answer by alongside (`alongside share`).
groups/*.toml -text merge=alongside
";

/// Where the record of the last sync is kept (inside `.git`, never shared).
const LAST_SYNC: &str = "alongside-last-sync.toml";

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(
        "the data folder {root} is not shared yet. Run `alongside share init` to start (with the address of a shared copy to send to), or `alongside share clone ADDRESS` on a new computer"
    )]
    NotShared { root: PathBuf },
    #[error(
        "{slug} is open in another copy of alongside ({holder}), so nothing was synced. Close it there, then sync again"
    )]
    Locked { slug: String, holder: String },
    #[error(
        "{file} cannot be read, so nothing was synced and nothing was changed: {problem}\nFix the file (or put back a version from backups/), then sync again"
    )]
    Invalid { file: String, problem: String },
    #[error(
        "{file} from the shared copy cannot be read, so it was not taken and everything here is as it was: {problem}\nAsk whoever changed it last to fix it there and sync again"
    )]
    InvalidFromShared { file: String, problem: String },
    #[error(
        "could not {action} the shared copy: {}. {}\n(git said: {})",
        problem.explain(),
        if *kept_here { "Nothing here was lost or changed: your changes are saved in this folder's history and will be sent next time" } else { "Nothing was changed" },
        detail.trim()
    )]
    Remote {
        action: &'static str,
        problem: RemoteProblem,
        detail: String,
        kept_here: bool,
    },
    #[error(
        "the changes from the shared copy could not be joined with these, so nothing was changed here: {}.\n{}",
        files.join(", "),
        detail.trim()
    )]
    MergeStopped { files: Vec<String>, detail: String },
    #[error(
        "{dir} already has files in it, so the shared copy was not put there. Choose an empty or new folder with --data-dir DIR, or in this folder run `alongside share init ADDRESS` then `alongside share sync` to join its groups with the shared ones"
    )]
    NotEmpty { dir: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    DataDir(#[from] crate::paths::DataDirError),
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// The program git runs as the merge driver, as git's config holds it.
pub fn driver_command(exe: &Path) -> String {
    format!(
        "{} merge-driver %O %A %B %P",
        git::shell_quote(&exe.display().to_string())
    )
}

/// The name and address commits are made under: who was at the keyboard,
/// on which computer. Group files record who gave each answer (the group,
/// the supporter, both together), not people's names, so neither do commits.
pub fn committer(who: &[Author]) -> (String, String) {
    let host = host_name();
    let who = if who.is_empty() {
        "alongside".to_string()
    } else {
        who.iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let address: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    (format!("{who} on {host}"), format!("alongside@{address}"))
}

fn host_name() -> String {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let host = crate::text::one_line(&host);
    if host.trim().is_empty() {
        "this computer".to_string()
    } else {
        host
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ShareError + '_ {
    move |source| ShareError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether the data folder is shared (a git repository made by `init` or
/// `clone`): callers such as a list of backups show `history` only then.
pub fn is_shared(data: &DataDir) -> bool {
    data.root().join(".git").exists()
}

fn repository(data: &DataDir) -> Result<Git, ShareError> {
    if !is_shared(data) {
        return Err(ShareError::NotShared {
            root: data.root().to_path_buf(),
        });
    }
    Ok(Git::new(data.root()))
}

/// The group files in the data folder, by slug, sorted.
fn group_files(data: &DataDir) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(data.groups()) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let slug = name.strip_suffix(".toml")?;
            (!name.starts_with('.') && !name.contains(".unsaved-"))
                .then(|| (slug.to_string(), p.clone()))
        })
        .collect();
    files.sort();
    files
}

/// The path of a group file inside the repository, as git names it.
fn repo_path(slug: &str) -> String {
    format!("groups/{slug}.toml")
}

/// Takes every group's lock, so no copy of alongside changes a group while
/// it is being synced. Refuses (taking none) when any is held elsewhere.
fn lock_all(data: &DataDir) -> Result<Vec<GroupLock>, ShareError> {
    let mut locks = Vec::new();
    for (slug, path) in group_files(data) {
        match GroupLock::acquire(&store::lock_path(&path)) {
            Ok(lock) => locks.push(lock),
            Err(LockError::Held { holder }) => {
                return Err(ShareError::Locked {
                    slug,
                    holder: holder
                        .as_ref()
                        .map_or("details not written yet".to_string(), |h| h.describe()),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(locks)
}

/// Reads every group file; the first that cannot be read is an error
/// naming it.
fn check_all(data: &DataDir) -> Result<(), (String, String)> {
    for (slug, path) in group_files(data) {
        let shown = repo_path(&slug);
        store::read_group_text(&path)
            .and_then(|(_, text)| group::parse(&shown, &text).map_err(Into::into))
            .map_err(|e| (shown, e.to_string()))?;
    }
    Ok(())
}

/// Writes the ignore list and the attributes when they are missing, or
/// adds the lines they lack (someone else's own lines are kept).
fn write_settings(root: &Path) -> Result<(), ShareError> {
    for (name, wanted) in [(".gitignore", IGNORE), (".gitattributes", ATTRIBUTES)] {
        let path = root.join(name);
        let existing = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io_err(&path)(e)),
        };
        let have: Vec<&str> = existing.lines().map(str::trim).collect();
        let missing: Vec<&str> = wanted
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !have.contains(&l.trim()))
            .collect();
        if existing.is_empty() {
            std::fs::write(&path, wanted).map_err(io_err(&path))?;
        } else if !missing.is_empty() {
            let mut text = existing.clone();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            for line in missing {
                text.push_str(line);
                text.push('\n');
            }
            std::fs::write(&path, text).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

/// Registers the merge driver in the repository's own config, with the
/// path of the program running now.
fn register_driver(git: &Git, exe: &Path) -> Result<(), ShareError> {
    git.run([
        "config",
        &format!("merge.{DRIVER}.name"),
        "alongside: join group files answer by answer",
    ])?;
    git.run([
        "config",
        &format!("merge.{DRIVER}.driver"),
        &driver_command(exe),
    ])?;
    Ok(())
}

/// Files changed, added or removed since the last commit (ignored files
/// left out), as paths inside the data folder.
fn changed_paths(git: &Git) -> Result<Vec<String>, ShareError> {
    let porcelain = git.run(["status", "--porcelain", "-z", "--untracked-files=all"])?;
    Ok(porcelain
        .split('\0')
        .filter(|e| e.len() > 3)
        .map(|e| e[3..].to_string())
        .collect())
}

/// Whether the repository has any commit yet.
fn has_commits(git: &Git) -> Result<bool, ShareError> {
    Ok(git.succeeds(["rev-parse", "--verify", "--quiet", "HEAD"])?)
}

fn current_branch(git: &Git) -> Result<String, ShareError> {
    Ok(git
        .run(["symbolic-ref", "--short", "HEAD"])
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "main".to_string()))
}

fn remote_url(git: &Git) -> Option<String> {
    git.run(["remote", "get-url", "origin"])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// An address as given: a folder (existing or not yet made) is made
/// absolute, so it means the same wherever alongside is run from later;
/// an ssh or https address (`host:path`, `scheme://...`) is kept as typed.
fn normalise_remote(remote: &str) -> String {
    let before_slash = remote.split(['/', '\\']).next().unwrap_or("");
    let windows_drive = before_slash.len() == 2 && before_slash.ends_with(':');
    let scp_like = before_slash.contains(':') && !windows_drive;
    if remote.contains("://") || scp_like {
        return remote.to_string();
    }
    let path = Path::new(remote);
    if let Ok(full) = std::fs::canonicalize(path) {
        return full.display().to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path).display().to_string(),
        _ => remote.to_string(),
    }
}

/// A remote address safe to show: a password in an https address is hidden.
pub fn shown_address(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.split_once('@')
        && let Some((user, _password)) = userinfo.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

/// What `share init` did.
#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    /// The folder was a repository already (settings were checked and the
    /// merge driver pointed at this program again).
    pub already_shared: bool,
    /// Files in the first commit (empty when there was nothing new).
    pub committed: Vec<String>,
    /// The shared copy's address, when there is one.
    pub remote: Option<String>,
    /// The address it replaced, when it changed.
    pub remote_was: Option<String>,
}

/// `alongside share init [REMOTE]`: makes the data folder a git repository
/// with the ignore list, the attributes and the merge driver, commits what
/// is there, and records the shared copy's address if given. Running it
/// again repairs the settings. Refuses, changing nothing, when a group file
/// cannot be read.
pub fn init(data: &DataDir, remote: Option<&str>, exe: &Path) -> Result<InitReport, ShareError> {
    data.ensure()?;
    if let Err((file, problem)) = check_all(data) {
        return Err(ShareError::Invalid { file, problem });
    }
    let root = data.root();
    let git = Git::new(root);
    let already_shared = is_shared(data);
    if !already_shared {
        git.run(["init", "--quiet"])?;
        git.run(["symbolic-ref", "HEAD", "refs/heads/main"])?;
    }
    write_settings(root)?;
    register_driver(&git, exe)?;
    let _locks = lock_all(data)?;
    let committed = commit_everything(&git, "Started sharing this data folder")?;
    let mut remote_was = None;
    if let Some(remote) = remote {
        let remote = normalise_remote(remote);
        match remote_url(&git) {
            Some(old) if old == remote => {}
            Some(old) => {
                git.run(["remote", "set-url", "origin", &remote])?;
                remote_was = Some(old);
            }
            None => {
                git.run(["remote", "add", "origin", &remote])?;
            }
        }
    }
    Ok(InitReport {
        already_shared,
        committed,
        remote: remote_url(&git),
        remote_was,
    })
}

/// Commits every change (used when setting up, where there is no one
/// group to name). Returns the files committed.
fn commit_everything(git: &Git, message: &str) -> Result<Vec<String>, ShareError> {
    git.run(["add", "--all"])?;
    let staged = git.run(["diff", "--cached", "--name-only", "-z"])?;
    let files: Vec<String> = staged
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if files.is_empty() && has_commits(git)? {
        return Ok(files);
    }
    let (name, email) = committer(&[]);
    git.as_author(&name, &email).run([
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        &format!("{message} ({})", host_name()),
    ])?;
    Ok(files)
}

/// What `share clone` did.
#[derive(Debug, Clone, Serialize)]
pub struct CloneReport {
    pub remote: String,
    /// The groups that arrived, by slug.
    pub groups: Vec<String>,
    /// Group files that arrived but cannot be read (listed, left as they are).
    pub problems: Vec<String>,
}

/// `alongside share clone REMOTE`: sets up this computer's data folder
/// from the shared copy, merge driver included. The folder must be new or
/// empty.
pub fn clone(remote: &str, data: &DataDir, exe: &Path) -> Result<CloneReport, ShareError> {
    let root = data.root();
    if root
        .read_dir()
        .is_ok_and(|mut entries| entries.next().is_some())
    {
        return Err(ShareError::NotEmpty {
            dir: root.to_path_buf(),
        });
    }
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::paths::create_private_dir(parent).map_err(io_err(parent))?;
    // Made first, private to this user (group files hold health
    // information); git clones into an empty folder that exists.
    crate::paths::create_private_dir(root).map_err(io_err(root))?;
    let remote = normalise_remote(remote);
    let out = Git::new(parent).output([
        std::ffi::OsStr::new("clone"),
        std::ffi::OsStr::new("--quiet"),
        std::ffi::OsStr::new("--origin"),
        std::ffi::OsStr::new("origin"),
        std::ffi::OsStr::new(&remote),
        root.as_os_str(),
    ])?;
    if !out.status.success() {
        let detail = String::from_utf8_lossy(&out.stderr).into_owned();
        return Err(ShareError::Remote {
            action: "copy",
            problem: RemoteProblem::from_stderr(&detail),
            detail,
            kept_here: false,
        });
    }
    let git = Git::new(root);
    if !has_commits(&git)? {
        // The shared copy's own HEAD may name a branch that does not exist
        // (a bare repository made with another default branch name): take
        // its `main`, or else its only branch. With none, this computer is
        // the first and starts `main`.
        let branches = git.run([
            "for-each-ref",
            "--format=%(refname:strip=3)",
            "refs/remotes/origin/",
        ])?;
        let branches: Vec<&str> = branches
            .lines()
            .map(str::trim)
            .filter(|b| !b.is_empty() && *b != "HEAD")
            .collect();
        let pick = if branches.contains(&"main") {
            Some("main")
        } else {
            branches.first().copied()
        };
        match pick {
            Some(branch) => {
                git.run([
                    "checkout",
                    "--quiet",
                    "-B",
                    branch,
                    "--track",
                    &format!("origin/{branch}"),
                ])?;
            }
            None => {
                git.run(["symbolic-ref", "HEAD", "refs/heads/main"])?;
            }
        }
    }
    write_settings(root)?;
    register_driver(&git, exe)?;
    data.ensure()?;
    commit_everything(&git, "Joined the shared data folder")?;
    let (groups, problems) = store::list_groups(data);
    Ok(CloneReport {
        remote,
        groups: groups.into_iter().map(|g| g.slug).collect(),
        problems,
    })
}

/// One commit as people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitLine {
    pub commit: String,
    pub at: Moment,
    /// Who was at the keyboard, on which computer (the commit's author).
    pub author: String,
    pub message: String,
}

/// Commits as `git log` gives them with `LOG_FORMAT`.
const LOG_FORMAT: &str = "--format=%H%x1f%at%x1f%an%x1f%s%x1e";

fn parse_log(text: &str) -> Vec<CommitLine> {
    text.split('\u{1e}')
        .filter_map(|record| {
            let mut parts = record.trim_start_matches('\n').split('\u{1f}');
            let commit = parts.next()?.trim().to_string();
            let at = Moment::from_unix_seconds(parts.next()?.trim().parse().ok()?)?;
            let author = parts.next()?.to_string();
            let message = parts.next()?.trim_end().to_string();
            (!commit.is_empty()).then_some(CommitLine {
                commit,
                at,
                author,
                message,
            })
        })
        .collect()
}

fn log(git: &Git, args: &[&str]) -> Result<Vec<CommitLine>, ShareError> {
    let mut all = vec!["log", LOG_FORMAT];
    all.extend_from_slice(args);
    Ok(parse_log(&git.run(all)?))
}

/// Every shared version of one group file, newest first: the git side of
/// `alongside backups`. `shared_version` gives the bytes of one of them.
pub fn history(data: &DataDir, slug: &str) -> Result<Vec<CommitLine>, ShareError> {
    let git = repository(data)?;
    if !has_commits(&git)? {
        return Ok(Vec::new());
    }
    log(&git, &["--", &repo_path(slug)])
}

/// For each group, the newest commit that changed its file (merges left
/// out: they only join what others did), from one `git log`. Empty when the
/// folder is not shared or git cannot be run: the caseload works without.
pub fn last_changes(data: &DataDir) -> std::collections::HashMap<String, CommitLine> {
    let mut found = std::collections::HashMap::new();
    if !is_shared(data) {
        return found;
    }
    let Ok(text) = Git::new(data.root()).run([
        "log",
        "--no-merges",
        "--name-only",
        "--format=%x1e%H%x1f%at%x1f%an%x1f%s",
        "--",
        "groups/",
    ]) else {
        return found;
    };
    for record in text.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let Some(commit) = lines
            .next()
            .and_then(|header| parse_log(&format!("{header}\u{1e}")).pop())
        else {
            continue;
        };
        for file in lines {
            if let Some(slug) = file
                .strip_prefix("groups/")
                .and_then(|f| f.strip_suffix(".toml"))
            {
                found
                    .entry(slug.to_string())
                    .or_insert_with(|| commit.clone());
            }
        }
    }
    found
}

/// The group file exactly as it was in one shared version (a commit from
/// `history`), for comparing or putting back.
pub fn shared_version(data: &DataDir, slug: &str, commit: &str) -> Result<Vec<u8>, ShareError> {
    let git = repository(data)?;
    Ok(git.bytes(["show", &format!("{commit}:{}", repo_path(slug))])?)
}

/// The record of the last sync on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LastSync {
    pub at: Moment,
    /// Whether it finished (sent and received everything).
    pub finished: bool,
    /// One line saying how it went.
    pub outcome: String,
}

fn last_sync_path(data: &DataDir) -> PathBuf {
    data.root().join(".git").join(LAST_SYNC)
}

fn write_last_sync(data: &DataDir, record: &LastSync) {
    // Only for `status`; failing to write it must not fail the sync.
    if let Ok(text) = toml::to_string(record) {
        let _ = store::write_atomic(&last_sync_path(data), text.as_bytes());
    }
}

fn read_last_sync(data: &DataDir) -> Option<LastSync> {
    toml::from_str(&std::fs::read_to_string(last_sync_path(data)).ok()?).ok()
}

/// What `share status` shows.
#[derive(Debug, Clone, Serialize)]
pub struct ShareStatus {
    pub remote: Option<String>,
    pub branch: String,
    /// Files changed here and not yet in the history (sync commits them).
    pub changed_here: Vec<String>,
    /// Commits here that the shared copy does not have yet.
    pub to_send: Vec<CommitLine>,
    /// Commits in the shared copy not joined here yet, as of the last
    /// time this computer looked (the last sync).
    pub to_receive: Vec<CommitLine>,
    pub last_sync: Option<LastSync>,
    /// The program git runs to merge group files, as stored.
    pub driver: Option<String>,
    /// The stored driver's program no longer exists (alongside moved):
    /// the next sync puts the right one in.
    pub driver_missing: bool,
}

/// `alongside share status`: reads only what is on this computer (no
/// network), so it works offline and answers at once.
pub fn status(data: &DataDir) -> Result<ShareStatus, ShareError> {
    let git = repository(data)?;
    let branch = current_branch(&git)?;
    let changed_here = changed_paths(&git)?;
    let upstream = format!("refs/remotes/origin/{branch}");
    let has_upstream = git.succeeds(["rev-parse", "--verify", "--quiet", &upstream])?;
    let has_head = has_commits(&git)?;
    let remote = remote_url(&git);
    let to_send = match (has_head, has_upstream, &remote) {
        (true, true, _) => log(&git, &[&format!("{upstream}..HEAD")])?,
        (true, false, Some(_)) => log(&git, &["HEAD"])?,
        _ => Vec::new(),
    };
    let to_receive = if has_head && has_upstream {
        log(&git, &[&format!("HEAD..{upstream}")])?
    } else {
        Vec::new()
    };
    let driver = git
        .run(["config", "--get", &format!("merge.{DRIVER}.driver")])
        .ok()
        .map(|s| s.trim().to_string());
    let driver_missing = driver
        .as_deref()
        .and_then(driver_program)
        .is_some_and(|p| !p.exists());
    Ok(ShareStatus {
        remote: remote.as_deref().map(shown_address),
        branch,
        changed_here,
        to_send,
        to_receive,
        last_sync: read_last_sync(data),
        driver,
        driver_missing,
    })
}

/// The program in a stored driver command written by `driver_command`.
fn driver_program(command: &str) -> Option<PathBuf> {
    let rest = command.strip_prefix('\'')?;
    let end = rest.find("' merge-driver")?;
    Some(PathBuf::from(rest[..end].replace("'\\''", "'")))
}

/// Who changed a group between two versions of its file, and a short
/// description: `("2 answers, 1 note", [Supporter])`.
fn describe_change(before: Option<&Group>, after: Option<&Group>) -> (String, Vec<Author>) {
    let (Some(before), Some(after)) = (before, after) else {
        return match after {
            Some(g) => {
                let mut who: Vec<Author> = g.answers.values().map(|a| a.by).collect();
                who.sort_by_key(|a| a.id());
                who.dedup();
                ("started".to_string(), who)
            }
            None => ("removed".to_string(), Vec::new()),
        };
    };
    let mut who: Vec<Author> = Vec::new();
    let mut changed = |a: Option<&group::Answer>, b: Option<&group::Answer>| -> bool {
        if a == b {
            return false;
        }
        if let Some(b) = b {
            who.push(b.by);
        }
        true
    };
    let answers = after
        .answers
        .keys()
        .chain(before.answers.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|id| changed(before.answers.get(*id), after.answers.get(*id)))
        .count();
    let mut wording = 0;
    for (funder, questions) in &after.wording {
        for (q, a) in questions {
            if changed(before.wording.get(funder).and_then(|m| m.get(q)), Some(a)) {
                wording += 1;
            }
        }
    }
    let notes = after
        .notes
        .iter()
        .filter(|(q, a)| changed(before.notes.get(*q), Some(a)))
        .count();
    who.sort_by_key(|a| a.id());
    who.dedup();
    let chosen = before
        .conflicts
        .keys()
        .filter(|k| !after.conflicts.contains_key(*k))
        .count();
    let mut parts: Vec<String> = [
        (answers, "answer", "answers"),
        (wording, "funder wording", "funder wordings"),
        (notes, "coaching note", "coaching notes"),
        (
            chosen,
            "answer chosen after a merge",
            "answers chosen after a merge",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    })
    .collect();
    if before.grants != after.grants {
        parts.push("grants and their log".to_string());
    }
    if before.round != after.round {
        parts.push(format!("year {} started", after.round));
    }
    if parts.is_empty() {
        return ("changed".to_string(), who);
    }
    (format!("changed {}", parts.join(", ")), who)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_driver_command_gives_back_its_program() {
        let exe = Path::new("/opt/it's here/alongside");
        assert_eq!(driver_program(&driver_command(exe)).as_deref(), Some(exe));
    }

    #[test]
    fn folders_become_absolute_and_addresses_stay_as_typed() {
        for kept in [
            "git@example.org:caseload.git",
            "https://example.org/caseload.git",
            "ssh://git@example.org/caseload.git",
        ] {
            assert_eq!(normalise_remote(kept), kept);
        }
        let made = normalise_remote("not-made-yet/shared.git");
        assert!(Path::new(&made).is_absolute(), "{made}");
        assert!(made.ends_with("shared.git"), "{made}");
    }

    #[test]
    fn passwords_in_addresses_are_not_shown() {
        assert_eq!(
            shown_address("https://sam:secret@example.org/x.git"),
            "https://sam:***@example.org/x.git"
        );
        assert_eq!(
            shown_address("git@example.org:x.git"),
            "git@example.org:x.git"
        );
    }

    #[test]
    fn log_lines_are_read_back() {
        let text = "abc\u{1f}1800000000\u{1f}the group on pc\u{1f}Riverside: 1 answer\u{1e}\ndef\u{1f}1800000001\u{1f}x\u{1f}y\u{1e}\n";
        let lines = parse_log(text);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].author, "the group on pc");
        assert_eq!(lines[1].commit, "def");
    }

    #[test]
    fn a_change_names_who_made_it() {
        use crate::bank::AnswerValue;
        let t = Moment::from_unix_seconds(1_800_000_000).unwrap();
        let before = Group::new("G", "g", t);
        let mut after = before.clone();
        after.set_answer("year_started", AnswerValue::Number(1), Author::Supporter, t);
        after.set_answer("regular_members", AnswerValue::Number(1), Author::Group, t);
        let (what, who) = describe_change(Some(&before), Some(&after));
        assert_eq!(what, "changed 2 answers");
        assert_eq!(who, [Author::Group, Author::Supporter]);
        assert_eq!(
            committer(&who).0,
            format!("the group and the supporter on {}", host_name())
        );
    }
}
