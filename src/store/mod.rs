//! Keeping group files safe on disk: opening with a one-writer lock, atomic
//! saves, backups of earlier versions, and refusing to write over a file
//! that could not be read or that changed underneath us.

mod atomic;
pub mod backups;
pub mod editing;
pub mod incoming;
mod lock;
mod output;
pub mod unfinished;

use std::path::{Path, PathBuf};

pub use atomic::{create_atomic, write_atomic, write_document};
pub use lock::{GroupLock, Holder, LockError};
pub use output::{check_output, refuse_data_files, write_output, write_output_document};

use crate::dates::Moment;
use crate::group::{self, Group, GroupFileError};
use crate::paths::DataDir;

/// How many earlier versions of each group file are kept.
pub const BACKUPS_KEPT: usize = 20;
/// A new backup is taken at most this often for each group, however many
/// saves there are (autosave, or a script running many `answer` commands).
/// Each answer also keeps its own earlier values in the file itself.
pub const BACKUP_EVERY_SECONDS: u64 = 300;
/// Largest group file read (far above any real group).
pub const MAX_GROUP_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "there is no group `{target}`. Run `alongside groups` to see the groups, or give the path to a group file"
    )]
    NotFound { target: String },
    #[error("a group called `{slug}` already exists. Choose another name, or use that group")]
    Exists { slug: String },
    #[error(
        "`{name}` has no letters or digits to make a short name from. Add some letters (A to Z) to the name"
    )]
    NoSlug { name: String },
    #[error(transparent)]
    File(#[from] GroupFileError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: String },
    #[error(
        "could not save {path}: {source}. This change was not saved, and the file on disk was not changed: check the disk has space and the folder can be written to, then do it again"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} was changed by something else since alongside opened it, so it was not overwritten. Your version was saved beside it as {kept}. Compare the two and keep what you need"
    )]
    ChangedOnDisk { path: PathBuf, kept: PathBuf },
    #[error(
        "{file} holds a different group with the same short name `{slug}` (that one was started {theirs}; the one here {ours}), so it was not merged: copies of one group keep the moment the group was started, so these are two groups. To keep both, change the `slug` line in {file} and import it again"
    )]
    DifferentGroup {
        file: PathBuf,
        slug: String,
        ours: String,
        theirs: String,
    },
    #[error(
        "not saved: this change would make the group file {size_mb} MB, and a group file can be at most {limit_mb} MB (a bigger one could not be read back). The biggest part is {biggest}. Make it shorter, or keep long documents in their own files; the file on disk is as it was before this change"
    )]
    TooBig {
        size_mb: u64,
        limit_mb: u64,
        biggest: String,
    },
    #[error("this group is open read-only ({reason}); changes cannot be saved")]
    ReadOnly { reason: String },
    #[error(transparent)]
    DataDir(#[from] crate::paths::DataDirError),
}

/// How to open a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Take the lock; fail if another copy holds it.
    Write,
    /// Take the lock if free; otherwise open read-only and say why.
    WriteOrReadOnly,
    /// Read only, without the lock.
    Read,
}

/// A group open for reading or changing.
#[derive(Debug)]
pub struct OpenGroup {
    pub group: Group,
    pub path: PathBuf,
    backups: PathBuf,
    lock: Option<GroupLock>,
    /// The file's bytes as we last read or wrote them.
    on_disk: Vec<u8>,
    /// Take a backup on the next save whatever the time since the last one.
    force_backup: bool,
    /// Where saves go after the file changed on disk underneath us: our own
    /// copy beside it, so nothing typed afterwards is lost either.
    diverted: Option<PathBuf>,
    /// Why changes cannot be saved, when they cannot.
    pub read_only: Option<String>,
    /// Things worth telling the person (a stale lock was cleared).
    pub notices: Vec<String>,
}

/// Resolves GROUP: a slug in the data directory, or a path to a group file.
pub fn locate(data: &DataDir, target: &str) -> Result<PathBuf, StoreError> {
    if crate::text::is_valid_slug(target) {
        let path = data.group_file(target);
        if path.exists() {
            return Ok(path);
        }
    }
    // A file in groups/ whose name is not a short name (a copy made in a
    // file manager: `riverside (copy).toml`): `groups` lists it by that
    // name, so it opens by that name too. Never a path: no separators, no
    // leading dot.
    if !target.is_empty()
        && !target.starts_with('.')
        && !target.contains(['/', '\\'])
        && !target.contains(char::is_control)
    {
        let path = data.group_file(target);
        if path.is_file() {
            return Ok(path);
        }
    }
    let as_path = Path::new(target);
    if as_path.is_file() {
        return Ok(as_path.to_path_buf());
    }
    Err(StoreError::NotFound {
        target: target.to_string(),
    })
}

/// Reads a group file's text, refusing huge or non-text files.
pub fn read_group_text(path: &Path) -> Result<(Vec<u8>, String), StoreError> {
    let unreadable = |problem: String| StoreError::Unreadable {
        path: path.to_path_buf(),
        problem,
    };
    use crate::paths::ReadProblem;
    let bytes = crate::paths::read_regular_file(path, MAX_GROUP_BYTES).map_err(|e| match e {
        ReadProblem::TooBig(size) => unreadable(format!(
            "the file is {} MB, too large to be a group file (the most is {} MB). Is this the right file?",
            size / (1024 * 1024),
            MAX_GROUP_BYTES / (1024 * 1024)
        )),
        other => unreadable(other.to_string()),
    })?;
    let text = String::from_utf8(bytes.clone()).map_err(|e| {
        unreadable(format!(
            "this is not a text file (bad byte at position {}). The file has not been changed",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((bytes, text))
}

impl OpenGroup {
    pub fn open(data: &DataDir, target: &str, access: Access) -> Result<OpenGroup, StoreError> {
        let path = locate(data, target)?;
        // Lock before reading, so what we read is what we will change.
        let (lock, read_only, mut notices) = match access {
            Access::Read => (
                None,
                Some("opened for reading only".to_string()),
                Vec::new(),
            ),
            Access::Write | Access::WriteOrReadOnly => {
                match GroupLock::acquire(&lock_path(&path)) {
                    Ok(lock) => {
                        let notices = lock
                            .cleared_stale
                            .as_ref()
                            .map(Holder::cleared_notice)
                            .into_iter()
                            .collect();
                        (Some(lock), None, notices)
                    }
                    Err(LockError::Held { holder }) if access == Access::WriteOrReadOnly => {
                        let who = holder
                            .as_ref()
                            .map_or("details not written yet".to_string(), Holder::describe);
                        (
                            None,
                            Some(format!("another copy of alongside is changing it: {who}")),
                            Vec::new(),
                        )
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        };
        let (lock, read_only) = match (lock, read_only) {
            (Some(lock), None) => match marked_read_only(&path) {
                // Someone protected this file: it is read, never replaced.
                Some(reason) => (None, Some(reason)),
                None => (Some(lock), None),
            },
            other => other,
        };
        if access != Access::Read
            && let Some(notice) = link_notice(&path)
        {
            notices.push(notice);
        }
        let (bytes, text) = read_group_text(&path)?;
        let mut group = group::parse(&path.display().to_string(), &text)?;
        // In the data directory the file name is the group's short name.
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            && path.parent() == Some(data.groups().as_path())
            && group.slug != stem
            && crate::text::is_valid_slug(stem)
        {
            notices.push(format!(
                "The file says its short name is `{}` but it is saved as `{stem}`; using `{stem}`.",
                group.slug
            ));
            group.slug = stem.to_string();
        }
        let backups = backups::dir_for(data, &path);
        Ok(OpenGroup {
            group,
            path,
            backups,
            lock,
            on_disk: bytes,
            force_backup: false,
            diverted: None,
            read_only,
            notices,
        })
    }

    /// Creates a new group in the data directory and opens it for writing.
    pub fn create(data: &DataDir, name: &str, now: Moment) -> Result<OpenGroup, StoreError> {
        // A name is shown everywhere: no control characters (C1 included)
        // and no bidirectional overrides, as with everything typed.
        let name = &crate::text::one_line(name);
        let slug = crate::text::slugify(name).ok_or_else(|| StoreError::NoSlug {
            name: name.to_string(),
        })?;
        let mut group = Group::new(name, &slug, now);
        group.set_answer(
            "group_name",
            crate::bank::AnswerValue::Text(name.trim().to_string()),
            crate::group::Author::Group,
            now,
        );
        Self::create_from(data, group)
    }

    /// Writes a new group file (refusing to replace an existing group) and
    /// opens it for writing.
    pub fn create_from(data: &DataDir, group: Group) -> Result<OpenGroup, StoreError> {
        data.ensure()?;
        let path = data.group_file(&group.slug);
        let lock = GroupLock::acquire(&lock_path(&path))?;
        if path.exists() {
            return Err(StoreError::Exists {
                slug: group.slug.clone(),
            });
        }
        let text = group::to_text(&group).map_err(|e| StoreError::Unreadable {
            path: path.clone(),
            problem: e.to_string(),
        })?;
        create_atomic(&path, text.as_bytes()).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::Exists {
                    slug: group.slug.clone(),
                }
            } else {
                StoreError::Write {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        let backups = data.backups(&group.slug);
        Ok(OpenGroup {
            group,
            path,
            backups,
            lock: Some(lock),
            on_disk: text.into_bytes(),
            force_backup: false,
            diverted: None,
            read_only: None,
            notices: Vec::new(),
        })
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Whether the group differs from what is on disk.
    pub fn is_dirty(&self) -> bool {
        group::to_text(&self.group)
            .map(|t| t.as_bytes() != self.on_disk.as_slice())
            .unwrap_or(true)
    }

    /// Saves the group safely. Does nothing when nothing changed.
    ///
    /// Refuses to write over the file if it changed on disk since we read it
    /// (someone edited it by hand, or restored a backup); our version is
    /// then kept beside it so neither is lost.
    pub fn save(&mut self) -> Result<bool, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let text = group::to_text(&self.group).map_err(|e| StoreError::Unreadable {
            path: self.path.clone(),
            problem: e.to_string(),
        })?;
        // A file over the reading limit would be saved and then refused by
        // every command, restore included: refuse the change instead.
        if text.len() as u64 > MAX_GROUP_BYTES {
            return Err(StoreError::TooBig {
                size_mb: (text.len() as u64).div_ceil(1024 * 1024),
                limit_mb: MAX_GROUP_BYTES / (1024 * 1024),
                biggest: biggest_part(&self.group),
            });
        }
        if let Some(kept) = &self.diverted {
            write_atomic(kept, text.as_bytes()).map_err(|source| StoreError::Write {
                path: kept.clone(),
                source,
            })?;
            return Ok(true);
        }
        if text.as_bytes() == self.on_disk.as_slice() {
            return Ok(false);
        }
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Write { path, source }
        };
        let current = match std::fs::read(&self.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(write_err(&self.path)(e)),
        };
        if let Some(current) = &current
            && *current != self.on_disk
        {
            let kept = self.path.with_file_name(format!(
                "{}.unsaved-{}.toml",
                self.group.slug,
                Moment::now().compact()
            ));
            write_atomic(&kept, text.as_bytes()).map_err(write_err(&kept))?;
            // Every later save goes to this one copy, not a new one each time.
            self.diverted = Some(kept.clone());
            return Err(StoreError::ChangedOnDisk {
                path: self.path.clone(),
                kept,
            });
        }
        if let Some(current) = &current {
            self.backup(current)?;
        }
        write_atomic(&self.path, text.as_bytes()).map_err(write_err(&self.path))?;
        self.on_disk = text.into_bytes();
        if let Some(dir) = self.path.parent() {
            clear_leftover_temporary_files(dir);
        }
        Ok(true)
    }

    fn backup(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        let recent = newest_backup_age(&self.backups)
            .is_some_and(|age| age.as_secs() < BACKUP_EVERY_SECONDS);
        if recent && !self.force_backup {
            return Ok(());
        }
        backup_bytes(&self.backups, bytes, Moment::now())?;
        self.force_backup = false;
        Ok(())
    }

    /// After the file changed on disk, the copy that saves now go to.
    pub fn diverted(&self) -> Option<&Path> {
        self.diverted.as_deref()
    }

    /// Replaces the whole group (import --replace), keeping a backup of the
    /// one replaced whatever the time since the last backup.
    pub fn replace_with(&mut self, group: Group) -> Result<(), StoreError> {
        self.force_backup = true;
        self.group = group;
        self.save().map(|_| ())
    }

    pub fn backups_dir(&self) -> &Path {
        &self.backups
    }

    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }
}

/// Why a group file marked read-only (no write permission) is not changed.
/// A save would replace it with a new, writable file, undoing what someone
/// chose; the person is told instead.
fn marked_read_only(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    meta.permissions().readonly().then(|| {
        format!(
            "{} is marked read-only, so alongside does not change it. To change it, make it writable first (for example `chmod u+w {}`)",
            path.display(),
            path.display()
        )
    })
}

/// What to say when the group file is a symbolic link: a save replaces the
/// link with an ordinary file and never writes through it (see
/// docs/reliability.md), so the person is told where the link pointed.
fn link_notice(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let target = std::fs::read_link(path).ok()?;
    Some(format!(
        "{} is a link to {}. Saving puts an ordinary file here in place of the link; {} itself is not changed.",
        path.display(),
        target.display(),
        target.display()
    ))
}

/// The largest answer, wording or note, named for a person, with its size.
fn biggest_part(group: &Group) -> String {
    let size = |a: &group::Answer| {
        a.value.as_typed().len()
            + a.history
                .iter()
                .map(|h| h.value.as_typed().len())
                .sum::<usize>()
    };
    let answers = group
        .answers
        .iter()
        .map(|(id, a)| (format!("the answer to {}", question_named(id)), size(a)));
    let wording = group.wording.iter().flat_map(|(funder, w)| {
        w.iter().map(move |(q, a)| {
            (
                format!("the wording for {funder}'s question `{q}`"),
                size(a),
            )
        })
    });
    let notes = group
        .notes
        .iter()
        .map(|(id, a)| (format!("the note on {}", question_named(id)), size(a)));
    answers
        .chain(wording)
        .chain(notes)
        .max_by_key(|(_, n)| *n)
        .map_or(
            "not one answer: the file holds many".to_string(),
            |(what, n)| {
                format!(
                    "{what} ({} MB with its earlier versions)",
                    n.div_ceil(1024 * 1024)
                )
            },
        )
}

/// The lock file beside a group file (`<slug>.lock`).
pub fn lock_path(group_file: &Path) -> PathBuf {
    group_file.with_extension("lock")
}

/// How old a temporary file must be before it is taken for one left by a
/// save that was killed part way (a live save takes well under a second).
const LEFTOVER_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temporary files (`.alongside-*.tmp`) that a save killed part way
/// left behind. The group file itself is never one of them: it is only ever
/// replaced whole, by renaming a finished temporary file over it.
fn clear_leftover_temporary_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".alongside-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AFTER);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes one backup and removes the oldest beyond `BACKUPS_KEPT`.
pub fn backup_bytes(dir: &Path, bytes: &[u8], now: Moment) -> Result<PathBuf, StoreError> {
    crate::paths::create_private_dir(dir).map_err(|source| StoreError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let stamp = now.compact();
    let mut n = 0;
    let path = loop {
        let candidate = dir.join(format!("{stamp}-{n:03}.toml"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    write_atomic(&path, bytes).map_err(|source| StoreError::Write {
        path: path.clone(),
        source,
    })?;
    clear_leftover_temporary_files(dir);
    let mut all = list_backups(dir);
    while all.len() > BACKUPS_KEPT {
        let oldest = all.remove(0);
        let _ = std::fs::remove_file(oldest);
    }
    Ok(path)
}

/// How long ago the newest backup in `dir` was written.
fn newest_backup_age(dir: &Path) -> Option<std::time::Duration> {
    let newest = list_backups(dir).pop()?;
    let modified = std::fs::metadata(newest).and_then(|m| m.modified()).ok()?;
    // A clock set backwards gives an error here: treat that as "just now".
    Some(modified.elapsed().unwrap_or_default())
}

/// A group's backups, oldest first.
pub fn list_backups(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    all
}

/// One line about a group for lists.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    pub slug: String,
    pub name: String,
    pub updated: Moment,
    pub path: PathBuf,
    pub group: Group,
}

/// Every group in the data directory, and a problem line for each file that
/// could not be read (it is listed, never touched).
pub fn list_groups(data: &DataDir) -> (Vec<GroupSummary>, Vec<String>) {
    let mut groups = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(data.groups()) else {
        return (groups, problems);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".toml") && !name.starts_with('.') && !name.contains(".unsaved-")
        })
        .collect();
    paths.sort();
    for path in paths {
        let result = read_group_text(&path).and_then(|(_, text)| {
            group::parse(&path.display().to_string(), &text).map_err(StoreError::from)
        });
        match result {
            Ok(mut group) => {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    group.slug = stem.to_string();
                }
                groups.push(GroupSummary {
                    slug: group.slug.clone(),
                    name: group.name.clone(),
                    updated: group.updated,
                    path,
                    group,
                });
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    (groups, problems)
}

/// Adds a group file from elsewhere. Refuses to replace an existing group
/// unless `replace` is set; then the replaced version is kept as a backup.
/// Returns the slug.
pub fn import(data: &DataDir, file: &Path, replace: bool) -> Result<String, StoreError> {
    let (_, text) = read_group_text(file)?;
    let mut group = group::parse(&file.display().to_string(), &text)?;
    // A file from elsewhere may hold control characters meant for a
    // terminal: they are taken out as it comes in.
    group.scrub();
    let slug = group.slug.clone();
    let existing = data.group_file(&slug);
    if !existing.exists() {
        OpenGroup::create_from(data, group)?;
        return Ok(slug);
    }
    if !replace {
        return Err(StoreError::Exists { slug });
    }
    match OpenGroup::open(data, &slug, Access::Write) {
        Ok(mut open) => open.replace_with(group)?,
        Err(StoreError::File(_)) => {
            // The existing file cannot be read. It is kept byte for byte as
            // a backup before the imported one takes its place.
            let _lock = GroupLock::acquire(&lock_path(&existing))?;
            let bytes = std::fs::read(&existing).map_err(|source| StoreError::Write {
                path: existing.clone(),
                source,
            })?;
            backup_bytes(&data.backups(&slug), &bytes, Moment::now())?;
            let text = group::to_text(&group).map_err(|e| StoreError::Unreadable {
                path: existing.clone(),
                problem: e.to_string(),
            })?;
            write_atomic(&existing, text.as_bytes()).map_err(|source| StoreError::Write {
                path: existing.clone(),
                source,
            })?;
        }
        Err(e) => return Err(e),
    }
    Ok(slug)
}

/// Merges a group file from elsewhere into the group with the same short
/// name (`import --merge`; see `Group::merge` for the rules). When there is
/// no such group here yet, the file is simply added and there is no report.
/// The version replaced is kept as a backup. Returns the slug and what the
/// merge did.
pub fn import_merge(
    data: &DataDir,
    file: &Path,
) -> Result<(String, Option<group::MergeReport>), StoreError> {
    let (_, text) = read_group_text(file)?;
    let mut theirs = group::parse(&file.display().to_string(), &text)?;
    theirs.scrub();
    let slug = theirs.slug.clone();
    if !data.group_file(&slug).exists() {
        OpenGroup::create_from(data, theirs)?;
        return Ok((slug, None));
    }
    let mut open = OpenGroup::open(data, &slug, Access::Write)?;
    let report = merge_copy(&mut open.group, &theirs, file)?;
    open.force_backup = true;
    open.save()?;
    Ok((slug, Some(report)))
}

/// Merges `theirs` (read from `file`, already scrubbed) into `ours`: the
/// one merge both `import --merge` and the git merge driver use, so a
/// group merged through git is exactly the group `import --merge` makes.
pub fn merge_copy(
    ours: &mut Group,
    theirs: &Group,
    file: &Path,
) -> Result<group::MergeReport, StoreError> {
    // Copies of one group keep the moment it was started; a group started
    // separately that happens to share the short name is not merged into it.
    if ours.created != theirs.created {
        return Err(StoreError::DifferentGroup {
            file: file.to_path_buf(),
            slug: ours.slug.clone(),
            ours: ours.created.for_people(),
            theirs: theirs.created.for_people(),
        });
    }
    Ok(ours.merge(theirs))
}

/// A question by its words, for messages ("the answer to "Who is your
/// group for?"").
fn question_named(id: &str) -> String {
    match crate::bank::Bank::builtin() {
        Ok(bank) => bank.name_of(id),
        Err(_) => format!("`{id}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::AnswerValue;
    use crate::group::Author;

    fn data() -> (tempfile::TempDir, DataDir) {
        let tmp = tempfile::tempdir().unwrap();
        let d = DataDir::at(tmp.path().join("data"));
        (tmp, d)
    }

    /// A new group `name` saved with the year it started (1999), and in
    /// `copy.toml` beside the data folder a copy of it that `change` made
    /// on another computer; the copy's path and the copy.
    fn saved_and_a_changed_copy(
        t: &tempfile::TempDir,
        d: &DataDir,
        name: &str,
        change: impl FnOnce(&mut Group),
    ) -> (PathBuf, Group) {
        let mut g = OpenGroup::create(d, name, Moment::now()).unwrap();
        g.group.set_answer(
            "year_started",
            AnswerValue::Number(1999),
            Author::Group,
            Moment::now(),
        );
        g.save().unwrap();
        let mut other = g.group.clone();
        drop(g);
        change(&mut other);
        let file = t.path().join("copy.toml");
        std::fs::write(&file, group::to_text(&other).unwrap()).unwrap();
        (file, other)
    }

    #[test]
    fn create_save_reopen() {
        let (_t, d) = data();
        let mut g = OpenGroup::create(&d, "Riverside Café", Moment::now()).unwrap();
        assert_eq!(g.group.slug, "riverside-cafe");
        g.group.set_answer(
            "year_started",
            AnswerValue::Number(2017),
            Author::Group,
            Moment::now(),
        );
        assert!(g.save().unwrap());
        assert!(!g.save().unwrap(), "nothing changed, nothing written");
        drop(g);
        let g = OpenGroup::open(&d, "riverside-cafe", Access::Write).unwrap();
        assert_eq!(
            g.group.value("year_started"),
            Some(&AnswerValue::Number(2017))
        );
        assert_eq!(list_backups(g.backups_dir()).len(), 1);
    }

    #[test]
    fn clash_is_refused() {
        let (_t, d) = data();
        drop(OpenGroup::create(&d, "Same", Moment::now()).unwrap());
        assert!(matches!(
            OpenGroup::create(&d, "same", Moment::now()),
            Err(StoreError::Exists { .. })
        ));
    }

    #[test]
    fn corrupt_file_is_reported_and_left_untouched() {
        let (_t, d) = data();
        drop(OpenGroup::create(&d, "Broken", Moment::now()).unwrap());
        let path = d.group_file("broken");
        let mangled = b"format = 1\nname = \"Broken\nslug = \"broken\"\n".to_vec();
        std::fs::write(&path, &mangled).unwrap();
        let err = OpenGroup::open(&d, "broken", Access::Write)
            .unwrap_err()
            .to_string();
        assert!(err.contains(":2:"), "line reported: {err}");
        assert!(err.contains("has not been changed"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), mangled);
        let (groups, problems) = list_groups(&d);
        assert!(groups.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), mangled);
    }

    #[test]
    fn second_writer_refused_or_read_only() {
        let (_t, d) = data();
        let _first = OpenGroup::create(&d, "Busy", Moment::now()).unwrap();
        let err = OpenGroup::open(&d, "busy", Access::Write).unwrap_err();
        assert!(
            matches!(err, StoreError::Lock(LockError::Held { .. })),
            "{err}"
        );
        let mut ro = OpenGroup::open(&d, "busy", Access::WriteOrReadOnly).unwrap();
        assert!(ro.read_only.as_deref().unwrap().contains("another copy"));
        ro.group.set_answer(
            "year_started",
            AnswerValue::Number(1),
            Author::Group,
            Moment::now(),
        );
        assert!(matches!(ro.save(), Err(StoreError::ReadOnly { .. })));
    }

    #[test]
    fn outside_change_is_not_overwritten() {
        let (_t, d) = data();
        let mut g = OpenGroup::create(&d, "Edited", Moment::now()).unwrap();
        let hand_edited = std::fs::read_to_string(&g.path)
            .unwrap()
            .replace("Edited", "Edited by hand");
        std::fs::write(&g.path, &hand_edited).unwrap();
        g.group.set_answer(
            "year_started",
            AnswerValue::Number(2001),
            Author::Group,
            Moment::now(),
        );
        let err = g.save().unwrap_err();
        let StoreError::ChangedOnDisk { kept, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(std::fs::read_to_string(&g.path).unwrap(), hand_edited);
        assert!(std::fs::read_to_string(kept).unwrap().contains("2001"));
    }

    #[test]
    fn many_saves_in_a_row_take_one_backup() {
        let (_t, d) = data();
        drop(OpenGroup::create(&d, "Scripted", Moment::now()).unwrap());
        for year in 2000..2010 {
            let mut g = OpenGroup::open(&d, "scripted", Access::Write).unwrap();
            g.group.set_answer(
                "year_started",
                AnswerValue::Number(year),
                Author::Group,
                Moment::now(),
            );
            g.save().unwrap();
        }
        assert_eq!(list_backups(&d.backups("scripted")).len(), 1);
    }

    #[test]
    fn backups_are_capped() {
        let (_t, d) = data();
        let dir = d.backups("x");
        for i in 0..(BACKUPS_KEPT + 5) {
            backup_bytes(
                &dir,
                format!("v{i}").as_bytes(),
                Moment::from_unix_seconds(1_800_000_000 + i as i64).unwrap(),
            )
            .unwrap();
        }
        let all = list_backups(&dir);
        assert_eq!(all.len(), BACKUPS_KEPT);
        assert_eq!(std::fs::read_to_string(&all[0]).unwrap(), "v5");
    }

    #[test]
    fn import_merge_joins_the_copies_and_keeps_a_backup() {
        let (t, d) = data();
        let (file, other) = saved_and_a_changed_copy(&t, &d, "Two Laptops", |other| {
            other.set_answer(
                "regular_members",
                AnswerValue::Number(9),
                Author::Group,
                Moment::now(),
            );
        });
        let before = list_backups(&d.backups("two-laptops")).len();
        let (slug, report) = import_merge(&d, &file).unwrap();
        assert_eq!(slug, "two-laptops");
        assert_eq!(report.unwrap().answers_added, ["regular_members"]);
        let g = OpenGroup::open(&d, "two-laptops", Access::Read).unwrap();
        assert_eq!(
            g.group.value("year_started"),
            Some(&AnswerValue::Number(1999))
        );
        assert_eq!(
            g.group.value("regular_members"),
            Some(&AnswerValue::Number(9))
        );
        assert_eq!(list_backups(&d.backups("two-laptops")).len(), before + 1);
        // A group not here yet is simply added.
        let mut new = other.clone();
        new.slug = "somewhere-else".into();
        std::fs::write(&file, group::to_text(&new).unwrap()).unwrap();
        assert_eq!(
            import_merge(&d, &file).unwrap(),
            ("somewhere-else".into(), None)
        );
        // A different group with the same short name is not merged.
        let mut stranger = Group::new(
            "Two Laptops",
            "two-laptops",
            Moment::from_unix_seconds(1).unwrap(),
        );
        stranger.set_answer(
            "year_started",
            AnswerValue::Number(2020),
            Author::Group,
            Moment::now(),
        );
        std::fs::write(&file, group::to_text(&stranger).unwrap()).unwrap();
        let before = std::fs::read(d.group_file("two-laptops")).unwrap();
        let err = import_merge(&d, &file).unwrap_err().to_string();
        assert!(
            err.contains("a different group with the same short name"),
            "{err}"
        );
        assert_eq!(std::fs::read(d.group_file("two-laptops")).unwrap(), before);
    }

    #[test]
    fn import_refuses_then_replaces_with_backup() {
        let (t, d) = data();
        let (file, _) = saved_and_a_changed_copy(&t, &d, "Moving", |other| {
            other.set_answer(
                "year_started",
                AnswerValue::Number(2005),
                Author::Together,
                Moment::now(),
            );
        });
        assert!(matches!(
            import(&d, &file, false),
            Err(StoreError::Exists { .. })
        ));
        let before = list_backups(&d.backups("moving")).len();
        assert_eq!(import(&d, &file, true).unwrap(), "moving");
        let g = OpenGroup::open(&d, "moving", Access::Read).unwrap();
        assert_eq!(
            g.group.value("year_started"),
            Some(&AnswerValue::Number(2005))
        );
        let backups = list_backups(&d.backups("moving"));
        assert_eq!(backups.len(), before + 1);
        assert!(
            std::fs::read_to_string(backups.last().unwrap())
                .unwrap()
                .contains("1999")
        );
    }
}
