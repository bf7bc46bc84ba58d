//! Where alongside keeps things. Everything lives under one data directory:
//!
//! ```text
//! <data-dir>/groups/<slug>.toml      one file per group
//! <data-dir>/groups/<slug>.lock      held while a copy of alongside changes it
//! <data-dir>/backups/<slug>/*.toml   the last versions of each group file
//! <data-dir>/funders/*.toml          the user's own funder profiles
//! <data-dir>/grants-data.sqlite      the open grants data index (rebuilt
//!                                    from downloaded files; never shared)
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

    /// The open grants data index (see `grants_data::index`).
    pub fn grants_index(&self) -> PathBuf {
        self.root.join(crate::grants_data::FILE_NAME)
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

/// Where drafts are saved unless the person says otherwise: `alongside` in
/// their Documents folder, or their home folder itself when there is no
/// Documents folder. Never the data folder: people look for documents where
/// documents go, and the data folder is hidden on most systems.
pub fn documents_folder() -> PathBuf {
    let dirs = directories::UserDirs::new();
    let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
    let documents = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf));
    documents_folder_in(home.as_deref(), documents.as_deref())
}

/// `documents_folder` for a given home and Documents folder (either may be
/// unknown); the current folder when neither is known.
pub fn documents_folder_in(home: Option<&Path>, documents: Option<&Path>) -> PathBuf {
    let documents = documents
        .map(Path::to_path_buf)
        .or_else(|| home.map(|h| h.join("Documents")))
        .filter(|d| d.is_dir());
    match (documents, home) {
        (Some(documents), _) => documents.join("alongside"),
        (None, Some(home)) => home.to_path_buf(),
        (None, None) => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

/// A file or folder as typed: `~` at the start is the home folder, and a relative
/// path is taken from the current folder, so the path shown is the whole
/// path where the files are.
pub fn typed_path(typed: &str) -> PathBuf {
    let typed = typed.trim();
    let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    let path = match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    };
    std::path::absolute(&path).unwrap_or(path)
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadProblem {
    /// Not a regular file: a named pipe, a device, a socket or a folder.
    /// Reading one can block for ever (a pipe) or never end (`/dev/zero`).
    NotRegular(&'static str),
    /// Bigger than the caller's limit, in bytes.
    TooBig(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::NotRegular(kind) => write!(
                f,
                "this is {kind}, not an ordinary file, so it was not read. Give the path of the file itself"
            ),
            ReadProblem::TooBig(size) => write!(f, "the file is {size} bytes"),
            ReadProblem::Io(e) => {
                // What to do next depends on why; the system's words last.
                let next = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        "there is no file here. Check the name and the folder (ls or dir lists a folder)"
                    }
                    std::io::ErrorKind::PermissionDenied => {
                        "this account is not allowed to read it. Check who owns the file, or copy it somewhere you can read"
                    }
                    _ => "check the file and try again",
                };
                write!(f, "cannot read this file: {next} ({e})")
            }
        }
    }
}

/// What kind of thing is at `path` when it is not a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Reads a file that must be a regular file of at most `max` bytes. Links
/// are followed. The size is checked before reading and the read itself
/// stops past `max`, in case the file grows meanwhile.
pub fn read_regular_file(path: &Path, max: u64) -> Result<Vec<u8>, ReadProblem> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadProblem::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadProblem::NotRegular(kind));
    }
    if meta.len() > max {
        return Err(ReadProblem::TooBig(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadProblem::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether `path` is a regular file (links followed): what listings take.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_file())
}

#[cfg(test)]
mod tests {

    #[test]
    fn drafts_go_to_documents_or_the_home_folder_never_the_data_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path();
        assert_eq!(
            documents_folder_in(Some(home), None),
            home,
            "no Documents folder"
        );
        std::fs::create_dir(home.join("Documents")).unwrap();
        assert_eq!(
            documents_folder_in(Some(home), None),
            home.join("Documents").join("alongside")
        );
        let elsewhere = home.join("Dokumente");
        std::fs::create_dir(&elsewhere).unwrap();
        assert_eq!(
            documents_folder_in(Some(home), Some(&elsewhere)),
            elsewhere.join("alongside"),
            "the system's own name for it"
        );
    }

    #[test]
    fn a_typed_path_is_made_whole() {
        assert!(typed_path("drafts").is_absolute());
        assert_eq!(typed_path(" /srv/x "), PathBuf::from("/srv/x"));
    }

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
