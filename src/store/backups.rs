//! A group's backups: where they are kept, listing them with what changed,
//! and putting one back (`alongside backups GROUP`, `alongside restore
//! GROUP BACKUP`). Taking a backup before a save is in `mod.rs`.
//!
//! A group file in the data folder's `groups/` keeps its backups in
//! `backups/<file name without .toml>/`. A group opened by a path outside
//! the data folder keeps them in `backups/_elsewhere/<name>-<8 hex digits>/`,
//! the digits from its full path, so two files with the same short name
//! (a copy on a USB stick and the group itself) never push out each
//! other's backups. `_` cannot begin a short name, so it cannot clash.

use std::path::{Path, PathBuf};

use super::{
    GroupLock, StoreError, backup_bytes, list_backups, locate, lock_path, read_group_text,
};
use crate::dates::Moment;
use crate::group::{self, Group};
use crate::paths::DataDir;

/// The folder of backups for the group file at `path`.
pub fn dir_for(data: &DataDir, path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_groups = match (path.parent(), data.groups()) {
        (Some(parent), groups) => same_folder(parent, &groups),
        _ => false,
    };
    if in_groups {
        return data.backups(&stem);
    }
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    data.root().join("backups").join("_elsewhere").join(format!(
        "{stem}-{:08x}",
        fnv1a(full.as_os_str().as_encoded_bytes())
    ))
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A small, stable hash (FNV-1a, 32 bits): the folder name must be the
/// same in every version of alongside, which the standard hasher does not
/// promise.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// One backup, for listing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Backup {
    /// Its number in the list: 1 is the newest.
    pub number: usize,
    /// The file name, which `restore` also takes.
    pub name: String,
    pub path: PathBuf,
    /// When it was taken (the file's time on disk).
    pub taken: Option<Moment>,
    /// What the version after it changed, in a few words.
    pub changed: String,
}

/// A group's backups, newest first, each with what changed after it.
pub fn list(data: &DataDir, target: &str) -> Result<(PathBuf, Vec<Backup>), StoreError> {
    let path = locate(data, target)?;
    let dir = dir_for(data, &path);
    let files = list_backups(&dir);
    let read = |p: &Path| -> Option<Group> {
        let (_, text) = read_group_text(p).ok()?;
        group::parse(&p.display().to_string(), &text).ok()
    };
    let current = read(&path);
    let mut newer = current;
    let mut newer_readable = newer.is_some();
    let mut out = Vec::new();
    for (i, file) in files.iter().rev().enumerate() {
        let this = read(file);
        let changed = match (&this, &newer) {
            (None, _) => "this backup could not be read".to_string(),
            (Some(_), None) if !newer_readable => {
                "the version after it could not be read".to_string()
            }
            (Some(old), Some(new)) => describe_changes(old, new),
            (Some(_), None) => String::new(),
        };
        let taken = std::fs::metadata(file)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| Moment::from_unix_seconds(d.as_secs() as i64));
        out.push(Backup {
            number: i + 1,
            name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: file.clone(),
            taken,
            changed,
        });
        newer_readable = this.is_some();
        newer = this;
    }
    Ok((path, out))
}

/// What differs from `old` to `new`, for people: the answers, wording and
/// notes that changed, named, and other parts counted.
pub fn describe_changes(old: &Group, new: &Group) -> String {
    let mut answers: Vec<&str> = Vec::new();
    for (id, answer) in &new.answers {
        if old.answers.get(id).map(|a| &a.value) != Some(&answer.value) {
            answers.push(id);
        }
    }
    for id in old.answers.keys() {
        if !new.answers.contains_key(id) {
            answers.push(id);
        }
    }
    let mut parts = Vec::new();
    if !answers.is_empty() {
        let shown: Vec<String> = answers.iter().take(4).map(|a| format!("`{a}`")).collect();
        let more = answers.len().saturating_sub(4);
        parts.push(format!(
            "{} answer{} changed: {}{}",
            answers.len(),
            if answers.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let wording = |g: &Group| {
        g.wording
            .iter()
            .flat_map(|(f, w)| {
                w.iter()
                    .map(move |(q, a)| (f.clone(), q.clone(), a.value.clone()))
            })
            .collect::<Vec<_>>()
    };
    let (old_w, new_w) = (wording(old), wording(new));
    let wording_changed = new_w.iter().filter(|w| !old_w.contains(w)).count()
        + old_w
            .iter()
            .filter(|(f, q, _)| !new_w.iter().any(|(f2, q2, _)| f == f2 && q == q2))
            .count();
    if wording_changed > 0 {
        parts.push(format!("{wording_changed} funder wording(s) changed"));
    }
    let notes_changed = new
        .notes
        .iter()
        .filter(|(id, n)| old.notes.get(*id).map(|o| &o.value) != Some(&n.value))
        .count()
        + old
            .notes
            .keys()
            .filter(|id| !new.notes.contains_key(*id))
            .count();
    if notes_changed > 0 {
        parts.push(format!("{notes_changed} coaching note(s) changed"));
    }
    if old.grants != new.grants {
        parts.push("grants or their log changed".to_string());
    }
    if old.name != new.name {
        parts.push("the group's name changed".to_string());
    }
    if parts.is_empty() {
        "no answers changed (other details only)".to_string()
    } else {
        parts.join("; ")
    }
}

/// What `restore` did.
#[derive(Debug)]
pub struct Restored {
    pub group_file: PathBuf,
    pub from: PathBuf,
    /// The backup of the version that was replaced.
    pub kept: PathBuf,
}

/// Puts a backup back in place of the group file. `backup` is a number
/// from `list` (1 is the newest), a backup's file name (with or without
/// `.toml`), or a path to it. The current file is kept as a backup first,
/// byte for byte, even if it cannot be read, so a restore can be undone
/// the same way. The backup must read as a group file.
pub fn restore(data: &DataDir, target: &str, backup: &str) -> Result<Restored, StoreError> {
    let (path, backups) = list(data, target)?;
    let chosen = find(&backups, backup).ok_or_else(|| StoreError::Unreadable {
        path: dir_for(data, &path),
        problem: format!(
            "there is no backup `{backup}` of this group. Run `alongside backups {target}` to see them, then give a number or a name from that list"
        ),
    })?;
    let (bytes, text) = read_group_text(&chosen)?;
    group::parse(&chosen.display().to_string(), &text)?;
    let _lock = GroupLock::acquire(&lock_path(&path))?;
    let current = std::fs::read(&path).map_err(|source| StoreError::Write {
        path: path.clone(),
        source,
    })?;
    let kept = backup_bytes(&dir_for(data, &path), &current, Moment::now())?;
    super::write_atomic(&path, &bytes).map_err(|source| StoreError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(Restored {
        group_file: path,
        from: chosen,
        kept,
    })
}

fn find(backups: &[Backup], wanted: &str) -> Option<PathBuf> {
    let wanted = wanted.trim();
    if let Ok(n) = wanted.parse::<usize>() {
        return backups
            .iter()
            .find(|b| b.number == n)
            .map(|b| b.path.clone());
    }
    let name = Path::new(wanted)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = if name.ends_with(".toml") {
        name
    } else {
        format!("{name}.toml")
    };
    backups
        .iter()
        .find(|b| b.name == name)
        .map(|b| b.path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::AnswerValue;
    use crate::group::Author;
    use crate::store::{Access, OpenGroup};

    #[test]
    fn listed_newest_first_and_restored_keeping_the_current_one() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path().join("data"));
        let mut g = OpenGroup::create(&data, "Backed Up", Moment::now()).unwrap();
        for year in [2001, 2002, 2003] {
            g.group.set_answer(
                "year_started",
                AnswerValue::Number(year),
                Author::Group,
                Moment::now(),
            );
            g.force_backup = true;
            g.save().unwrap();
        }
        drop(g);
        let (_, list) = list(&data, "backed-up").unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].number, 1);
        assert!(list[0].name < list[0].name.clone() + "z");
        assert!(list[0].changed.contains("`year_started`"), "{list:?}");
        assert!(list[2].changed.contains("`year_started`"), "{list:?}");
        // Number 1 is the newest backup: the file before 2003 was saved.
        let restored = restore(&data, "backed-up", "1").unwrap();
        let g = OpenGroup::open(&data, "backed-up", Access::Read).unwrap();
        assert_eq!(
            g.group.value("year_started"),
            Some(&AnswerValue::Number(2002))
        );
        let kept = std::fs::read_to_string(&restored.kept).unwrap();
        assert!(kept.contains("number = 2003"), "{kept}");
        assert!(restore(&data, "backed-up", "no-such").is_err());
    }

    #[test]
    fn a_file_outside_keeps_its_backups_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path().join("data"));
        data.ensure().unwrap();
        let inside = data.group_file("riverside");
        let outside = tmp.path().join("usb").join("riverside.toml");
        assert_eq!(dir_for(&data, &inside), data.backups("riverside"));
        let apart = dir_for(&data, &outside);
        assert_ne!(apart, data.backups("riverside"));
        assert!(apart.starts_with(data.root().join("backups").join("_elsewhere")));
        let other = dir_for(&data, &tmp.path().join("desk").join("riverside.toml"));
        assert_ne!(apart, other, "two outside files with one name stay apart");
    }
}
