//! A cache of checked funder profiles, so that `match` over a folder of
//! thousands of profiles does not parse every file's TOML on every run
//! (parsing is most of its time; see docs/performance.md section 2).
//!
//! One file per folder of profiles, in the data folder's `cache/`: a first
//! line naming the program that wrote it and the folder, then one line per
//! profile that loaded, in file-name order: the file's name (as JSON
//! text), what `stat` said of it (size, inode, modification and change
//! times, to the nanosecond), and the checked profile as JSON: the part of
//! it that matching reads ([`for_matching`]).
//!
//! A line is used only when the file's `stat` is exactly what it was, and
//! only by the same build of the program (its version and its own file's
//! size and time), so a changed file, a file put in its place, or a newer
//! alongside always parses the file again. A file changed within two
//! seconds of being read is not cached at all: a later change could
//! otherwise carry the same times. Files that did not load are never
//! cached, so their problems are found, and said, exactly as without a
//! cache. Anything wrong with the cache (missing, unreadable, from
//! another build, cut short) only means the files are parsed.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use super::Profile;

/// How long ago a file must have last changed to be cached: two seconds,
/// far more than any file system's clock step. The unit tests, which write
/// files and read them back at once, use none (`settled_at` is tested on
/// its own).
const SETTLE_NS: i128 = if cfg!(test) { 0 } else { 2_000_000_000 };

/// What `stat` says of a file, compared whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    inode: u64,
    modified_ns: i128,
    changed_ns: i128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Some(Stamp {
                size: meta.size(),
                inode: meta.ino(),
                modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
                changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let modified = meta.modified().ok()?;
            let ns = modified
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos() as i128;
            Some(Stamp {
                size: meta.len(),
                inode: 0,
                modified_ns: ns,
                changed_ns: ns,
            })
        }
    }

    /// Whether the file last changed long enough ago that a change after
    /// it was read would carry a later time.
    pub fn settled(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        self.settled_at(now, SETTLE_NS)
    }

    fn settled_at(&self, now_ns: i128, settle_ns: i128) -> bool {
        now_ns - self.modified_ns.max(self.changed_ns) >= settle_ns
    }

    fn text(&self) -> String {
        format!(
            "{} {} {} {}",
            self.size, self.inode, self.modified_ns, self.changed_ns
        )
    }

    fn parse(text: &str) -> Option<Stamp> {
        let mut parts = text.split(' ');
        let stamp = Stamp {
            size: parts.next()?.parse().ok()?,
            inode: parts.next()?.parse().ok()?,
            modified_ns: parts.next()?.parse().ok()?,
            changed_ns: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(stamp)
    }
}

/// The first line of a cache file: this build of the program and the
/// folder. `None` when the program cannot see its own file (then nothing
/// is cached).
fn header(dir: &Path) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let built = Stamp::of(&exe)?;
    let folder = serde_json::to_string(&dir.to_string_lossy()).ok()?;
    Some(format!(
        "alongside {} {} {} {folder}\n",
        env!("CARGO_PKG_VERSION"),
        built.size,
        built.modified_ns
    ))
}

/// The cache file for one folder of profiles: named from the folder's
/// absolute path (FNV-1a), which its first line also holds.
fn cache_file(cache_dir: &Path, dir: &Path) -> PathBuf {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in dir.to_string_lossy().bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    cache_dir.join(format!("funders-{hash:016x}.cache"))
}

/// The part of a profile the cache keeps, and [`super::scan_with_cache`]
/// hands on: all that matching reads, without the long text only people
/// read (the application questions, the glossary of terms, the summary,
/// how to apply, the priorities in words, and the titles and notes of the
/// sources). Half of the largest profile is that text, and reading a
/// cached profile was most of a `match` over an unchanged folder; a test
/// matches every built-in profile whole and as this part, and both give
/// the same.
pub fn for_matching(mut profile: Profile) -> Profile {
    profile.questions = Vec::new();
    profile.terms = Vec::new();
    profile.summary = String::new();
    profile.application.how = None;
    profile.priorities.described = Vec::new();
    for source in &mut profile.source_list {
        source.title = String::new();
        source.note = None;
    }
    profile
}

/// A cached profile, before its JSON is read.
pub struct Cached {
    pub stamp: Stamp,
    /// The whole line, to copy into the next cache as it is.
    pub line: Vec<u8>,
    /// Where the profile's JSON starts in `line`.
    json_from: usize,
}

impl Cached {
    pub fn profile(&self) -> Option<Profile> {
        let json = self.line.get(self.json_from..)?;
        serde_json::from_slice(json.strip_suffix(b"\n")?).ok()
    }
}

/// A cache line for a profile just parsed.
pub fn line_for(name: &str, stamp: &Stamp, profile: &Profile) -> Option<Vec<u8>> {
    let mut line = serde_json::to_vec(name).ok()?;
    line.push(b'\t');
    line.extend_from_slice(stamp.text().as_bytes());
    line.push(b'\t');
    serde_json::to_writer(&mut line, profile).ok()?;
    line.push(b'\n');
    Some(line)
}

/// Reads the old cache of one folder alongside the files being scanned
/// (both in file-name order) and writes the new one only when something
/// changed: until then, the new cache would be the old one's first lines,
/// so they are copied from it only then.
pub struct FolderCache {
    path: PathBuf,
    header: String,
    old: Option<BufReader<File>>,
    /// The next line of the old cache, read ahead.
    ahead: Option<(String, Cached)>,
    /// The old cache has no more lines that can be read.
    old_done: bool,
    /// Bytes of the old cache that the new one would repeat so far.
    same_upto: u64,
    /// The new cache, once it differs from the old.
    new: Option<tempfile::NamedTempFile>,
    failed: bool,
}

impl FolderCache {
    pub fn open(cache_dir: &Path, dir: &Path) -> Option<FolderCache> {
        let dir = std::path::absolute(dir).ok()?;
        let header = header(&dir)?;
        let path = cache_file(cache_dir, &dir);
        let mut cache = FolderCache {
            path,
            header,
            old: None,
            ahead: None,
            old_done: false,
            same_upto: 0,
            new: None,
            failed: false,
        };
        if let Ok(file) = File::open(&cache.path) {
            let mut reader = BufReader::new(file);
            let mut first = String::new();
            if reader.read_line(&mut first).is_ok() && first == cache.header {
                cache.same_upto = first.len() as u64;
                cache.old = Some(reader);
                cache.read_ahead();
            }
        }
        Some(cache)
    }

    fn read_ahead(&mut self) {
        self.ahead = None;
        if self.old_done {
            return;
        }
        let Some(reader) = &mut self.old else { return };
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(n) if n > 0 && line.ends_with(b"\n") => {}
            _ => {
                // The end, or a line cut short: the file stays open, to
                // copy the lines before it.
                self.old_done = true;
                return;
            }
        }
        let parsed = split_line(&line);
        match parsed {
            Some((name, stamp, json_from)) => {
                self.ahead = Some((
                    name,
                    Cached {
                        stamp,
                        line,
                        json_from,
                    },
                ))
            }
            None => self.old_done = true,
        }
    }

    /// The cached line for the file `name` (the files are asked for in
    /// name order), if its stamp is still `stamp`.
    pub fn take(&mut self, name: &str, stamp: &Stamp) -> Option<Cached> {
        while let Some((ahead, _)) = &self.ahead {
            if ahead.as_str() >= name {
                break;
            }
            // A file that has gone: the new cache differs.
            self.differs();
            self.read_ahead();
        }
        match self.ahead.take() {
            Some((ahead, cached)) if ahead == name && cached.stamp == *stamp => {
                self.read_ahead();
                Some(cached)
            }
            Some((ahead, _)) if ahead == name => {
                // The file changed: its old line is dropped.
                self.differs();
                self.read_ahead();
                None
            }
            other => {
                self.ahead = other;
                None
            }
        }
    }

    /// Records the line the new cache has for the next file that loaded:
    /// the old line when it was used as it was (`reused`), or a new one.
    pub fn keep(&mut self, line: &[u8], reused: bool) {
        if reused && self.new.is_none() {
            self.same_upto += line.len() as u64;
            return;
        }
        self.differs();
        if let Some(new) = &mut self.new
            && new.write_all(line).is_err()
        {
            self.failed = true;
        }
    }

    /// A file was parsed again, or did not load: the new cache differs.
    pub fn differs(&mut self) {
        if self.new.is_some() || self.failed {
            return;
        }
        let made = (|| -> std::io::Result<tempfile::NamedTempFile> {
            let dir = self.path.parent().unwrap_or(Path::new("."));
            crate::paths::create_private_dir(dir)?;
            let mut new = tempfile::NamedTempFile::new_in(dir)?;
            match &self.old {
                // The lines the new cache shares with the old, header
                // included, copied as they are (read at their place, so the
                // reader's own position is left alone).
                Some(old) => copy_start(old.get_ref(), self.same_upto, &mut new)?,
                None => new.write_all(self.header.as_bytes())?,
            }
            Ok(new)
        })();
        match made {
            Ok(new) => self.new = Some(new),
            Err(_) => self.failed = true,
        }
    }

    /// Puts the new cache in place, if it differs from the old one. A cache
    /// that cannot be written is no loss: the files are parsed next time.
    pub fn finish(mut self) {
        if self.ahead.is_some() {
            // Files at the end of the old cache have gone.
            self.differs();
        }
        if self.failed {
            return;
        }
        if let Some(new) = self.new.take() {
            let _ = new.persist(&self.path);
        }
    }
}

/// A cache line's file name and stamp, and where its profile starts.
/// Only the two short fields before the profile are looked at here: the
/// profile (most of the line) is checked when it is read, and only if the
/// file is unchanged.
fn split_line(line: &[u8]) -> Option<(String, Stamp, usize)> {
    let mut tabs = memchr::memchr_iter(b'\t', line);
    let (first, second) = (tabs.next()?, tabs.next()?);
    let name: String = serde_json::from_slice(&line[..first]).ok()?;
    let stamp = Stamp::parse(std::str::from_utf8(&line[first + 1..second]).ok()?)?;
    Some((name, stamp, second + 1))
}

/// Copies the first `len` bytes of `file` to `to` without moving the
/// file's position (which a reader is using).
#[cfg(unix)]
fn copy_start(file: &File, len: u64, to: &mut impl Write) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    let mut buffer = vec![0; 64 * 1024];
    let mut at = 0;
    while at < len {
        let want = buffer.len().min((len - at) as usize);
        let got = file.read_at(&mut buffer[..want], at)?;
        if got == 0 {
            return Err(std::io::Error::other("the old cache was cut short"));
        }
        to.write_all(&buffer[..got])?;
        at += got as u64;
    }
    Ok(())
}

/// Elsewhere the old cache is not copied: a new one is written only when
/// there was none (a changed folder is then parsed on every run).
#[cfg(not(unix))]
fn copy_start(_: &File, _: u64, _: &mut impl Write) -> std::io::Result<()> {
    Err(std::io::Error::other("not copied on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache stores what the check gave, and gives back the same.
    #[test]
    fn every_builtin_profile_comes_back_from_its_line_unchanged() {
        for (name, source) in super::super::builtin::FILES {
            let profile = for_matching(super::super::check_source(name, source).unwrap());
            let stamp = Stamp {
                size: 1,
                inode: 2,
                modified_ns: -3,
                changed_ns: 4,
            };
            let line = line_for(name, &stamp, &profile).unwrap();
            let (read_name, read_stamp, json_from) = split_line(&line).unwrap();
            assert_eq!((read_name.as_str(), read_stamp), (*name, stamp));
            let cached = Cached {
                stamp,
                line,
                json_from,
            };
            assert_eq!(cached.profile().as_ref(), Some(&profile), "{name}");
            assert_eq!(Stamp::parse(&stamp.text()), Some(stamp));
        }
    }

    #[test]
    fn a_file_changed_in_the_last_two_seconds_is_not_settled() {
        let second = 1_000_000_000;
        let stamp = Stamp {
            size: 1,
            inode: 1,
            modified_ns: 100 * second,
            changed_ns: 101 * second,
        };
        let two = 2 * second;
        assert!(!stamp.settled_at(102 * second, two), "changed 1 s ago");
        assert!(stamp.settled_at(103 * second, two));
        let touched = Stamp {
            modified_ns: 102 * second,
            ..stamp
        };
        assert!(!touched.settled_at(103 * second, two), "modified 1 s ago");
    }
}
