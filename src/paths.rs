//! Where alongside keeps things. Everything lives under one data directory:
//!
//! ```text
//! <data-dir>/groups/<slug>.toml      one file per group
//! <data-dir>/groups/<slug>.lock      held while a copy of alongside changes it
//! <data-dir>/backups/<slug>/*.toml   the last versions of each group file
//! <data-dir>/funders/*.toml          the user's own funder profiles
//! <data-dir>/.git, .gitignore, ...   when the folder is shared (`share`)
//! ```
//!
//! The directory is the platform's data directory (from `directories`),
//! unless `--data-dir` or `ALONGSIDE_DATA_DIR` names another.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error(
        "could not find a home folder to keep alongside's data in. Use --data-dir DIR (or set ALONGSIDE_DATA_DIR) to choose a folder"
    )]
    NoHome,
    #[error(
        "could not create the data folder {path}: {source}. Check you can write there, or choose another with --data-dir DIR"
    )]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DataDir {
    /// The data directory: `explicit` (from --data-dir or the environment)
    /// or the platform's own.
    pub fn resolve(explicit: Option<&Path>) -> Result<DataDir, DataDirError> {
        match explicit {
            Some(path) => Ok(DataDir {
                root: path.to_path_buf(),
            }),
            None => directories::ProjectDirs::from("org", "alongside", "alongside")
                .map(|dirs| DataDir {
                    root: dirs.data_dir().to_path_buf(),
                })
                .ok_or(DataDirError::NoHome),
        }
    }

    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn groups(&self) -> PathBuf {
        self.root.join("groups")
    }

    pub fn group_file(&self, slug: &str) -> PathBuf {
        self.groups().join(format!("{slug}.toml"))
    }

    pub fn backups(&self, slug: &str) -> PathBuf {
        self.root.join("backups").join(slug)
    }

    pub fn funders(&self) -> PathBuf {
        self.root.join("funders")
    }

    /// Creates the folders alongside writes to, private to this user on
    /// Unix (group files hold health information).
    pub fn ensure(&self) -> Result<(), DataDirError> {
        for dir in [self.root.clone(), self.groups(), self.root.join("backups")] {
            create_private_dir(&dir).map_err(|source| DataDirError::Create {
                path: dir.clone(),
                source,
            })?;
        }
        Ok(())
    }
}

/// The folder for settings (such as `keymap.toml`): ALONGSIDE_CONFIG_DIR if
/// set, else the platform's config folder for alongside.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("ALONGSIDE_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("org", "alongside", "alongside")
            .map(|d| d.config_dir().to_path_buf()),
    }
}

/// Creates a directory and any missing parents, private to this user on
/// Unix (0700). Folders that already exist are left as they are: a shared
/// folder given with --data-dir must not have its permissions changed.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let d = DataDir::at("/tmp/x");
        assert_eq!(d.group_file("a-b"), PathBuf::from("/tmp/x/groups/a-b.toml"));
        assert_eq!(d.backups("a-b"), PathBuf::from("/tmp/x/backups/a-b"));
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_folder_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let shared = tmp.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
        let d = DataDir::at(&shared);
        d.ensure().unwrap();
        assert_eq!(
            std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
            0o755
        );
        assert_eq!(
            std::fs::metadata(d.groups()).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let nested = tmp.path().join("a/b/c");
        create_private_dir(&nested).unwrap();
        for dir in [tmp.path().join("a"), tmp.path().join("a/b"), nested] {
            assert_eq!(
                std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
                0o700,
                "{}",
                dir.display()
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn ensure_makes_private_folders() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let d = DataDir::at(tmp.path().join("data"));
        d.ensure().unwrap();
        for dir in [d.root().to_path_buf(), d.groups()] {
            assert_eq!(
                std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
                0o700
            );
        }
    }
}
