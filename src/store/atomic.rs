//! Writing a file so that a crash at any moment leaves either the old
//! version or the new one, never a half-written file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder
/// is written, flushed to disk, given private permissions, renamed over the
/// old file, and then the folder itself is flushed so the rename survives a
/// power cut. `tempfile`'s `persist` does not sync, so we do it here.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    temporary_beside(dir, bytes, true)?
        .persist(path)
        .map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Writes a document made from a group file (a draft bid, a monitoring
/// return) atomically, so nobody ever opens half of one, but without
/// waiting for the disk: it holds nothing the group file does not, and can
/// be made again in a moment. (Waiting for the disk twice was most of the
/// time `alongside draft -o FILE` took, far more than making the draft.)
/// The group file itself always goes through `write_atomic`.
pub fn write_document(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    temporary_beside(folder_of(path), bytes, false)?
        .persist(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// Like `write_atomic`, but fails if `path` already exists (used when
/// creating a group so two programs cannot create the same one).
pub fn create_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    temporary_beside(dir, bytes, true)?
        .persist_noclobber(path)
        .map_err(|e| e.error)?;
    sync_dir(dir)
}

/// The folder a file is in: "." for a bare file name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `bytes` in a private temporary file in `dir`, flushed, and on the disk
/// too when `durable`: ready to be renamed over the file it replaces. The
/// three ways of writing a file differ only in that and in how they
/// rename, so this part is written once.
fn temporary_beside(
    dir: &Path,
    bytes: &[u8],
    durable: bool,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".alongside-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    set_private(tmp.path())?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    Ok(tmp)
}

#[cfg(unix)]
pub fn set_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
pub fn set_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows cannot open a directory as a file to sync it; the rename is
    // already durable there once MoveFileEx returns.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bid.md");
        write_document(&p, b"first").unwrap();
        write_document(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn replaces_and_creates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.toml");
        create_atomic(&p, b"one").unwrap();
        assert!(
            create_atomic(&p, b"two").is_err(),
            "create must not clobber"
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"three").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
