//! One writer at a time. A copy of alongside that wants to change a group
//! holds an operating-system lock on `<slug>.lock` for as long as it has the
//! group open, and writes who it is into the file so a second copy can say
//! who holds it. The operating system releases the lock when a process
//! dies, so a lock left by a crash is noticed (the file still names the dead
//! process) and cleared.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dates::Moment;

/// Who holds (or held) a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: Moment,
}

impl Holder {
    /// Whether this lock was taken on this computer.
    pub fn is_this_computer(&self) -> bool {
        self.host == Holder::me().host
    }

    /// What to tell the person when this holder's lock was found but not
    /// held by anyone, and so was cleared.
    pub fn cleared_notice(&self) -> String {
        if self.is_this_computer() {
            format!(
                "A lock left by a copy of alongside that stopped unexpectedly ({}) was cleared.",
                self.describe()
            )
        } else {
            format!(
                "A lock written by alongside on another computer ({}) was not held, so it was cleared. Two computers may be sharing this folder (a network drive or a synced folder): the lock cannot keep them apart, so change a group on one computer at a time.",
                self.describe()
            )
        }
    }

    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            since: Moment::now(),
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "process {} on {}, since {}",
            self.pid,
            crate::text::one_line(&self.host),
            self.since.for_people()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another copy of alongside is changing this group ({}). Close it first, then try again", holder.as_ref().map_or("details not written yet".to_string(), Holder::describe))]
    Held { holder: Option<Holder> },
    #[error(
        "could not use the lock file {path}: {source}. Check the disk has space and the folder can be written to"
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the lock file {path} is a link to somewhere else, so alongside will not write to it. Delete the link (it holds nothing of yours) and try again"
    )]
    Link { path: PathBuf },
}

/// A held lock; released (and its file emptied) when dropped.
#[derive(Debug)]
pub struct GroupLock {
    file: File,
    path: PathBuf,
    /// A lock left behind by a process that ended without releasing it.
    pub cleared_stale: Option<Holder>,
}

impl GroupLock {
    pub fn acquire(path: &Path) -> Result<GroupLock, LockError> {
        let io = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        // A lock file that is a link could point anywhere: writing through it
        // would empty someone else's file. Refuse it and say what to do.
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(LockError::Link {
                path: path.to_path_buf(),
            });
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        // Another copy may hold the lock only for a moment (a quick
        // `alongside answer`), or may have taken it an instant ago and not
        // written its details yet. Keep trying for a short while: either the
        // lock comes free, or the refusal can name who holds it.
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let holder = read_holder(&mut file);
                    tries += 1;
                    if tries >= 25 || (holder.is_some() && tries >= 5) {
                        return Err(LockError::Held { holder });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        // We hold the lock. Anything still written in the file was left by a
        // process that died holding it.
        let cleared_stale = read_holder(&mut file);
        // The details only explain who holds the lock; the operating system's
        // lock is what keeps others out. On a full disk they may not fit, and
        // that must not stop the save from saying so clearly itself. They are
        // not flushed to the disk: other processes read them from the same
        // page cache, and after a crash of the whole computer the lock is
        // free whatever the file says. Waiting for the disk here cost more
        // than everything else a short command does.
        let me = toml::to_string(&Holder::me()).unwrap_or_default();
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
            .and_then(|()| file.write_all(me.as_bytes()));
        let _ = super::atomic::set_private(path);
        Ok(GroupLock {
            file,
            path: path.to_path_buf(),
            cleared_stale,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    toml::from_str(&text).ok()
}

impl Drop for GroupLock {
    fn drop(&mut self) {
        // Empty the file before letting go, so the next holder does not take
        // a clean exit for a crash. Errors here cannot be reported and do no
        // harm: the operating system releases the lock either way. Not
        // flushed to the disk, for the reason given in `acquire`.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_is_refused_with_the_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.lock");
        let first = GroupLock::acquire(&path).unwrap();
        assert!(first.cleared_stale.is_none());
        match GroupLock::acquire(&path) {
            Err(LockError::Held { holder: Some(h) }) => {
                assert_eq!(h.pid, std::process::id());
                let msg = LockError::Held { holder: Some(h) }.to_string();
                assert!(
                    msg.contains("another copy of alongside") && msg.contains("process"),
                    "{msg}"
                );
            }
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        let again = GroupLock::acquire(&path).unwrap();
        assert!(
            again.cleared_stale.is_none(),
            "a clean release leaves nothing to clear"
        );
    }

    #[test]
    fn stale_lock_from_a_dead_process_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.lock");
        // What a crashed process leaves: its details, and no OS lock.
        std::fs::write(
            &path,
            "pid = 999999\nhost = \"old-laptop\"\nsince = 2026-01-01T10:00:00Z\n",
        )
        .unwrap();
        let lock = GroupLock::acquire(&path).unwrap();
        let stale = lock.cleared_stale.clone().expect("stale lock noticed");
        assert_eq!(stale.pid, 999_999);
        assert_eq!(stale.host, "old-laptop");
    }
}
