//! Files the person asks for by name (`-o FILE`, a copy saved elsewhere):
//! they must never land on alongside's own files. A document written over
//! `groups/B.toml` would replace group B with no lock and no backup, so
//! anything under `groups/`, `backups/` or `unfinished/` in the data folder
//! is refused, however the path is spelt (`..`, symlinks).

use std::path::{Path, PathBuf};

use crate::paths::DataDir;

/// The folders inside the data folder that only alongside writes.
fn protected(data: &DataDir) -> Vec<PathBuf> {
    [
        data.groups(),
        data.root().join("backups"),
        data.root().join("unfinished"),
    ]
    .into_iter()
    .map(|dir| dir.canonicalize().unwrap_or(dir))
    .collect()
}

/// Where `path` really points: the longest part of it that exists with
/// links and `..` resolved, then the rest (which does not exist yet).
fn resolved(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let parts: Vec<Component> = absolute.components().collect();
    (0..=parts.len()).rev().find_map(|split| {
        let head: PathBuf = parts[..split].iter().collect();
        let mut real = head.canonicalize().ok()?;
        for part in &parts[split..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        Some(real)
    })
}

/// Refuses a path inside the folders alongside keeps group files, their
/// backups, locks and unfinished forms in.
pub fn refuse_data_files(data: &DataDir, path: &Path) -> Result<(), String> {
    let Some(real) = resolved(path) else {
        return Ok(());
    };
    if let Some(dir) = protected(data).iter().find(|dir| real.starts_with(dir)) {
        return Err(format!(
            "{} is inside {}, where alongside keeps group files, their backups and locks; writing there could replace a group. Choose a file outside that folder",
            path.display(),
            dir.display()
        ));
    }
    Ok(())
}

/// Checks a file the person named can be written: not one of alongside's
/// own, not a folder, and in a folder that exists.
pub fn check_output(data: &DataDir, path: &Path) -> Result<(), String> {
    refuse_data_files(data, path)?;
    if path.is_dir() {
        return Err(format!(
            "{} is a folder. Give a file name, such as {}",
            path.display(),
            path.join("draft.md").display()
        ));
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(format!(
            "the folder {} does not exist. Create it first, or choose a file in a folder that exists",
            parent.display()
        ));
    }
    Ok(())
}

/// Writes a file the person named, safely (see `check_output`).
pub fn write_output(data: &DataDir, path: &Path, bytes: &[u8]) -> Result<(), String> {
    check_output(data, path)?;
    super::write_atomic(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}

/// As `write_output`, for a document made from a group file (a draft, a
/// return): written whole but without waiting for the disk, since it can
/// be made again (`write_document`).
pub fn write_output_document(data: &DataDir, path: &Path, bytes: &[u8]) -> Result<(), String> {
    check_output(data, path)?;
    super::write_document(path, bytes)
        .map_err(|e| format!("could not write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alongside_folders_are_refused_however_spelt() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path().join("data"));
        data.ensure().unwrap();
        let groups = data.groups();
        for path in [
            groups.join("b.toml"),
            groups.join("b.lock"),
            data.root().join("backups/b/1.toml"),
            data.root().join("funders/../groups/b.toml"),
        ] {
            let err = write_output(&data, &path, b"x").unwrap_err();
            assert!(err.contains("where alongside keeps group files"), "{err}");
        }
        assert!(!groups.join("b.toml").exists());
        let fine = tmp.path().join("draft.md");
        write_output(&data, &fine, b"x").unwrap();
        let missing = tmp.path().join("no-such-folder/draft.md");
        let err = write_output(&data, &missing, b"x").unwrap_err();
        assert!(err.contains("no-such-folder does not exist"), "{err}");
        #[cfg(unix)]
        {
            let link = tmp.path().join("sneaky.md");
            std::os::unix::fs::symlink(groups.join("c.toml"), &link).unwrap();
            std::fs::write(groups.join("c.toml"), "group").unwrap();
            assert!(write_output(&data, &link, b"x").is_err());
            assert_eq!(
                std::fs::read_to_string(groups.join("c.toml")).unwrap(),
                "group"
            );
        }
    }
}
