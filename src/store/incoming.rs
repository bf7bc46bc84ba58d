//! Group files a person may have brought to this computer: the `.toml`
//! files at the top of their Downloads, Documents and home folders, newest
//! first, for the full-screen program's import list.

use std::path::{Path, PathBuf};

/// The folders people put files they were sent: Downloads, Documents and
/// the home folder, those that exist.
pub fn usual_folders() -> Vec<PathBuf> {
    let Some(dirs) = directories::UserDirs::new() else {
        return Vec::new();
    };
    let home = dirs.home_dir().to_path_buf();
    let mut folders = vec![
        dirs.download_dir()
            .map_or_else(|| home.join("Downloads"), Path::to_path_buf),
        dirs.document_dir()
            .map_or_else(|| home.join("Documents"), Path::to_path_buf),
        home,
    ];
    folders.dedup();
    folders.retain(|f| f.is_dir());
    folders
}

/// The `.toml` files directly in these folders (not in folders inside
/// them), newest first. Folders that cannot be read are passed over.
pub fn group_files_in(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = folders
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        })
        .map(|p| {
            let changed = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (changed, p)
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.dedup_by(|a, b| a.1 == b.1);
    found.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_toml_files_at_the_top_newest_first() {
        let tmp = tempfile::tempdir().unwrap();
        let downloads = tmp.path().join("Downloads");
        std::fs::create_dir_all(downloads.join("inside")).unwrap();
        std::fs::write(downloads.join("old.toml"), "").unwrap();
        std::fs::write(downloads.join("notes.txt"), "").unwrap();
        std::fs::write(downloads.join("inside").join("deep.toml"), "").unwrap();
        let old = std::fs::File::options()
            .write(true)
            .open(downloads.join("old.toml"))
            .unwrap();
        old.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000))
            .unwrap();
        std::fs::write(tmp.path().join("NEW.TOML"), "").unwrap();
        let found = group_files_in(&[
            downloads.clone(),
            tmp.path().to_path_buf(),
            tmp.path().join("gone"),
        ]);
        assert_eq!(
            found,
            vec![tmp.path().join("NEW.TOML"), downloads.join("old.toml")]
        );
    }
}
