//! Funder profiles: the schema (`profile`), the built-in profiles compiled
//! from `funders/` in the repository, the user's own profiles in the data
//! directory, and the checks that turn a broken file into a precise message.

mod builtin;
pub mod cache;
mod check;
pub mod form;
mod lookup;
pub mod profile;
pub mod user_profiles;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use check::{check_source, parse_bound_share, parse_share, warnings};
pub use lookup::NoSuchFunder;
pub use profile::Profile;

use crate::toml_errors::Located;

/// Where a profile came from, so messages and `funders` can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("built-in funders/{name}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadedProfile {
    pub profile: Profile,
    pub origin: Origin,
}

/// All profiles that loaded, and a one-line problem for each that did not.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub profiles: Vec<LoadedProfile>,
    pub problems: Vec<Located>,
}

/// Which profiles to load.
#[derive(Debug, Clone)]
pub enum Sources {
    /// Built-ins, then `<data-dir>/funders/*.toml` added over them (a user
    /// profile with a built-in's id replaces it).
    Standard { user_dir: PathBuf },
    /// Only the profiles in this directory (`--funders DIR`).
    Only(PathBuf),
}

impl Catalogue {
    /// Every profile, sorted by name (then id), held in memory: for the
    /// full-screen program and commands that need one profile or a few.
    /// Work over thousands of profiles that keeps only a little of each
    /// should use [`scan`] instead.
    pub fn load(sources: &Sources) -> Catalogue {
        let mut profiles = Vec::new();
        let problems = scan(sources, |loaded| profiles.push(loaded));
        profiles.sort_by_cached_key(|l: &LoadedProfile| {
            (l.profile.name.to_lowercase(), l.profile.id.clone())
        });
        Catalogue { profiles, problems }
    }

    pub fn get(&self, id: &str) -> Option<&LoadedProfile> {
        self.profiles.iter().find(|p| p.profile.id == id)
    }
}

/// Hands every profile the sources give to `visit`, one at a time, and
/// returns a one-line problem for each file that did not load. Nothing is
/// kept once `visit` returns, so memory stays small however many profiles
/// there are. Files are read and parsed in parallel, a batch at a time, and
/// visited in a fixed order: with `Sources::Standard`, the user's profiles
/// (in file-name order) and then the built-ins they do not replace.
///
/// A profile with the same id as an earlier one in the same place is a
/// problem (the first is kept); a user's profile with a built-in's id
/// replaces the built-in, which is how a user corrects one.
pub fn scan(sources: &Sources, mut visit: impl FnMut(LoadedProfile) + Send) -> Vec<Located> {
    scan_with(sources, |_, _| (), |loaded, ()| visit(loaded))
}

/// [`scan`], with `work` done on each profile (given with the text of its
/// file) in parallel as soon as it is parsed (matching it, say), and its
/// result handed to `visit` beside the profile. `work` may also run on a profile that is then not visited (a
/// second file with the same id); its result is dropped.
pub fn scan_with<T: Send>(
    sources: &Sources,
    work: impl Fn(&LoadedProfile, &str) -> T + Sync,
    visit: impl FnMut(LoadedProfile, T) + Send,
) -> Vec<Located> {
    scan_with_cache(sources, None, work, visit)
}

/// [`scan_with`] for matching, keeping the checked profiles of each folder
/// in `cache_dir` (see [`cache`]) so that a file unchanged since the last
/// run is not parsed again. Every profile from a folder, cached or parsed,
/// is only the part matching reads ([`cache::for_matching`]); what is
/// visited, and every problem, is the same as without the cache. `work` is
/// given an empty text for a profile that came from the cache.
pub fn scan_with_cache<T: Send>(
    sources: &Sources,
    cache_dir: Option<&Path>,
    work: impl Fn(&LoadedProfile, &str) -> T + Sync,
    mut visit: impl FnMut(LoadedProfile, T) + Send,
) -> Vec<Located> {
    let mut problems = Vec::new();
    match sources {
        Sources::Standard { user_dir } => {
            let mut user = SeenIds::default();
            let found = &mut problems;
            scan_dir(
                user_dir, false, cache_dir, &mut user, found, &work, &mut visit,
            );
            let mut builtins = SeenIds::default();
            parse_in_batches(builtin::FILES, parse_builtin, &work, |parsed| {
                if let Some((loaded, done)) = builtins.accept(parsed, &mut problems)
                    && !user.contains(&loaded.profile.id)
                {
                    visit(loaded, done);
                }
            });
        }
        Sources::Only(dir) => {
            let mut seen = SeenIds::default();
            let found = &mut problems;
            scan_dir(dir, true, cache_dir, &mut seen, found, &work, &mut visit);
        }
    }
    problems
}

/// Scans every `*.toml` in a directory. A missing user directory is normal
/// (nobody has added a profile yet); a missing `--funders` directory is a
/// problem worth reporting.
fn scan_dir<T: Send>(
    dir: &Path,
    must_exist: bool,
    cache_dir: Option<&Path>,
    seen: &mut SeenIds,
    problems: &mut Vec<Located>,
    work: &(impl Fn(&LoadedProfile, &str) -> T + Sync),
    visit: &mut (impl FnMut(LoadedProfile, T) + Send),
) {
    match list_toml_files(dir) {
        Ok(files) => {
            let each = |parsed| {
                if let Some((loaded, done)) = seen.accept(parsed, problems) {
                    visit(loaded, done);
                }
            };
            match cache_dir.and_then(|c| cache::FolderCache::open(c, dir)) {
                Some(mut cache) => {
                    parse_cached(&files, &mut cache, work, each);
                    cache.finish();
                }
                None => parse_in_batches(&files, |p| parse_file(p), work, each),
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !must_exist => {}
        Err(err) => problems.push(whole_file(
            dir,
            format!("cannot read this folder of funder profiles: {err}"),
        )),
    }
}

/// A profile file's text, and the profile if it loaded.
type FileRead = (Cow<'static, str>, Result<LoadedProfile, Vec<Located>>);

/// One file read, parsed and worked on. The text is kept until the
/// profile's id has been compared with the others, so a clash can point at
/// its line.
struct Parsed<T> {
    source: Cow<'static, str>,
    result: Result<(LoadedProfile, T), Vec<Located>>,
}

fn parse_builtin(&(name, source): &(&'static str, &'static str)) -> FileRead {
    let origin = Origin::BuiltIn(name);
    let result = check_source(&origin.describe(), source);
    (
        Cow::Borrowed(source),
        result.map(|profile| LoadedProfile { profile, origin }),
    )
}

fn parse_file(path: &Path) -> FileRead {
    let origin = Origin::File(path.to_path_buf());
    match read_text(path) {
        Ok(source) => {
            let result = check_source(&origin.describe(), &source);
            (
                Cow::Owned(source),
                result.map(|profile| LoadedProfile { profile, origin }),
            )
        }
        Err(problem) => (Cow::Borrowed(""), Err(vec![problem])),
    }
}

/// How many files are read and parsed at once before they are handed on.
/// Enough to keep every core busy between hand-overs; few enough that only
/// a few megabytes of text and profiles are held at any moment.
const BATCH: usize = 64;

/// Batches smaller than this are parsed on this thread. Starting the
/// thread pool (and the memory each of its threads sets up) costs more
/// than parsing a handful of profiles, and most commands read one folder
/// of a few files.
const PARALLEL_FROM: usize = 8;

/// `items` mapped through `f`, in order: in parallel when there are enough
/// of them to be worth it.
fn map_batch<I: Send, T: Send>(items: Vec<I>, f: impl Fn(I) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    if items.len() < PARALLEL_FROM {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

/// Reads and parses `items` and does `work` on each, in parallel, a batch
/// at a time, then gives each result to `each` in the order of `items`, so
/// what happens next (which of two files with one id wins, the order of the
/// problems) is the same on every run and every machine.
fn parse_in_batches<I: Sync, T: Send>(
    items: &[I],
    parse: impl Fn(&I) -> FileRead + Sync,
    work: &(impl Fn(&LoadedProfile, &str) -> T + Sync),
    mut each: impl FnMut(Parsed<T>),
) {
    for batch in items.chunks(BATCH) {
        let parsed: Vec<Parsed<T>> = map_batch(batch.iter().collect(), |item| {
            let (source, result) = parse(item);
            let result = result.map(|loaded| {
                let done = work(&loaded, &source);
                (loaded, done)
            });
            Parsed { source, result }
        });
        parsed.into_iter().for_each(&mut each);
    }
}

/// A file's line for the new cache, and whether it is the old line as it
/// was.
type CacheLine = (Vec<u8>, bool);

/// A file to read, as looked up in the cache: its path, name and stamp,
/// and its old cache line if the stamp is unchanged.
type Job<'a> = (
    &'a PathBuf,
    String,
    Option<cache::Stamp>,
    Option<cache::Cached>,
);

/// How many files a reading thread is handed at once by [`parse_cached`],
/// and how many such pieces may be in hand at once: enough that the
/// threads reading never wait for the one handing results on, few enough
/// that only a few megabytes are held.
const PIECE: usize = 16;
const PIECES_IN_HAND: usize = 16;

/// [`parse_in_batches`] over files, taking each profile from the cache
/// when its file has not changed and adding the ones parsed to it. Files
/// are looked up in the cache, and the results handed on, in name order
/// on this thread; reading the cached profiles (or parsing the files) and
/// `work` are done on one thread per core, handed pieces of a few files
/// through a queue. Nothing waits for a whole batch: with a batch at a
/// time, every batch woke each thread and then waited for the slowest,
/// and on a loaded machine each wake-up waits its turn for a core, which
/// was most of the time of a cached `match` of 10,000 profiles.
fn parse_cached<T: Send>(
    files: &[PathBuf],
    cache: &mut cache::FolderCache,
    work: &(impl Fn(&LoadedProfile, &str) -> T + Sync),
    mut each: impl FnMut(Parsed<T>) + Send,
) {
    if files.len() < PARALLEL_FROM {
        let done = look_up(files, cache)
            .into_iter()
            .map(|job| read_cached(job, work))
            .collect();
        return hand_on(done, cache, &mut each);
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    type Read<T> = std::thread::Result<Vec<(Parsed<T>, Option<CacheLine>)>>;
    let (to_read, queue) = std::sync::mpsc::sync_channel::<(usize, Vec<Job<'_>>)>(PIECES_IN_HAND);
    let queue = std::sync::Mutex::new(queue);
    let (read_tx, read_rx) = std::sync::mpsc::channel::<(usize, Read<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (queue, read_tx) = (&queue, read_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = queue
                        .lock()
                        .map_err(|_| ())
                        .and_then(|q| q.recv().map_err(|_| ()));
                    let Ok((at, jobs)) = next else { break };
                    // A panic is handed on, to be raised on the thread that
                    // waits for this piece.
                    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        jobs.into_iter().map(|job| read_cached(job, work)).collect()
                    }));
                    if read_tx.send((at, read)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(read_tx);
        let mut to_read = Some(to_read);
        let mut pieces = files.chunks(PIECE).enumerate();
        let mut waiting = std::collections::BTreeMap::new();
        let (mut sent, mut next) = (0, 0);
        loop {
            while sent - next < PIECES_IN_HAND {
                match (pieces.next(), &to_read) {
                    (Some((at, piece)), Some(tx)) => {
                        // Only fails if every reading thread has stopped,
                        // which the wait below then finds.
                        let _ = tx.send((at, look_up(piece, cache)));
                        sent += 1;
                    }
                    _ => {
                        // All handed out: the threads stop when the queue
                        // is empty.
                        to_read = None;
                        break;
                    }
                }
            }
            if next == sent && to_read.is_none() {
                break;
            }
            let Ok((at, read)) = read_rx.recv() else {
                break;
            };
            waiting.insert(at, read);
            while let Some(read) = waiting.remove(&next) {
                match read {
                    Ok(done) => hand_on(done, cache, &mut each),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
                next += 1;
            }
        }
    });
}

/// Each file of a batch with its stamp and its old cache line, in order.
fn look_up<'a>(batch: &'a [PathBuf], cache: &mut cache::FolderCache) -> Vec<Job<'a>> {
    batch
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let stamp = cache::Stamp::of(path);
            let cached = stamp.as_ref().and_then(|s| cache.take(&name, s));
            (path, name, stamp, cached)
        })
        .collect()
}

/// One file's profile, from its cache line if that reads, otherwise
/// parsed (with a new line for the cache when the file has settled), and
/// `work` done on it.
fn read_cached<T>(
    (path, name, stamp, cached): Job<'_>,
    work: &impl Fn(&LoadedProfile, &str) -> T,
) -> (Parsed<T>, Option<CacheLine>) {
    let origin = Origin::File(path.clone());
    if let Some(cached) = cached
        && let Some(profile) = cached.profile()
    {
        let loaded = LoadedProfile { profile, origin };
        let done = work(&loaded, "");
        let parsed = Parsed {
            source: Cow::Borrowed(""),
            result: Ok((loaded, done)),
        };
        return (parsed, Some((cached.line, true)));
    }
    let (source, result) = parse_file(path);
    let result = result.map(|loaded| LoadedProfile {
        profile: cache::for_matching(loaded.profile),
        origin: loaded.origin,
    });
    let line = match (&result, stamp) {
        (Ok(loaded), Some(stamp)) if stamp.settled() => {
            cache::line_for(&name, &stamp, &loaded.profile).map(|l| (l, false))
        }
        _ => None,
    };
    let result = result.map(|loaded| {
        let done = work(&loaded, &source);
        (loaded, done)
    });
    (Parsed { source, result }, line)
}

/// The results of a batch, in order: their lines to the new cache, then
/// each to `each`.
fn hand_on<T>(
    done: Vec<(Parsed<T>, Option<CacheLine>)>,
    cache: &mut cache::FolderCache,
    each: &mut impl FnMut(Parsed<T>),
) {
    for (parsed, line) in done {
        if let Some((line, reused)) = line {
            cache.keep(&line, reused);
        }
        each(parsed);
    }
}

/// Remembers which file used each id, so two profiles with the same id in
/// one place are reported instead of one silently replacing the other.
#[derive(Default)]
struct SeenIds(HashMap<String, String>);

impl SeenIds {
    fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Records the profile's id; returns a problem if another file in the
    /// same place already used it.
    fn note(&mut self, profile: &Profile, file: &str, source: &str) -> Option<Located> {
        match self.0.get(&profile.id) {
            Some(first) => Some(crate::toml_errors::at_path(
                file,
                source,
                &[crate::toml_errors::PathPart::Key("id")],
                format!(
                    "the id `{}` is already used by {first}; give each profile its own id",
                    profile.id
                ),
            )),
            None => {
                self.0.insert(profile.id.clone(), file.to_string());
                None
            }
        }
    }

    /// The profile, if it parsed and its id is new here; otherwise its
    /// problems are added to `problems`.
    fn accept<T>(
        &mut self,
        parsed: Parsed<T>,
        problems: &mut Vec<Located>,
    ) -> Option<(LoadedProfile, T)> {
        match parsed.result {
            Ok((loaded, done)) => {
                let file = loaded.origin.describe();
                // A profile from the cache comes without its text: read it
                // only when a clash needs its line.
                let mut source = parsed.source;
                if source.is_empty()
                    && self.contains(&loaded.profile.id)
                    && let Origin::File(path) = &loaded.origin
                {
                    source = Cow::Owned(read_text(path).unwrap_or_default());
                }
                match self.note(&loaded.profile, &file, &source) {
                    Some(problem) => {
                        problems.push(problem);
                        None
                    }
                    None => Some((loaded, done)),
                }
            }
            Err(found) => {
                problems.extend(found);
                None
            }
        }
    }
}

/// The `*.toml` files in a directory, sorted by name. Symlinks are followed
/// only to regular files; subfolders are ignored. The type of each entry
/// comes with the directory listing on most systems, so only symlinks cost
/// a look at the file itself.
pub fn list_toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let is_file = match entry.file_type() {
            Ok(t) if t.is_symlink() => path.is_file(),
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if is_file {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Largest profile file read: far above any real profile, small enough that
/// a stray huge file cannot exhaust memory.
pub const MAX_PROFILE_BYTES: u64 = 4 * 1024 * 1024;

/// A problem with a file or folder as a whole (no line to point at).
fn whole_file(path: &Path, problem: String) -> Located {
    Located {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        field: String::new(),
        problem,
    }
}

/// Reads a profile file as UTF-8 text, refusing oversized and binary files
/// and anything that is not an ordinary file (a pipe could block for ever)
/// with a message that says what to do.
pub fn read_text(path: &Path) -> Result<String, Located> {
    let problem = |problem: String| whole_file(path, problem);
    use crate::paths::ReadProblem;
    let bytes = crate::paths::read_regular_file(path, MAX_PROFILE_BYTES).map_err(|e| match e {
        ReadProblem::TooBig(size) => problem(format!(
            "the file is {} MB; a funder profile is at most {} MB. Is this the right file?",
            size / (1024 * 1024),
            MAX_PROFILE_BYTES / (1024 * 1024)
        )),
        other => problem(other.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        problem(format!(
            "the file is not plain UTF-8 text (bad byte at position {}). Save it as UTF-8 text",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What `funders check` found: how many profiles were fine, the problems
/// that make a profile refused, and warnings that do not.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub ok: usize,
    pub problems: Vec<Located>,
    pub warnings: Vec<Located>,
}

impl CheckReport {
    /// Checks `items` in parallel (the warnings too), then counts and
    /// reports them in order.
    fn add_all<I: Sync>(
        &mut self,
        items: &[I],
        parse: impl Fn(&I) -> FileRead + Sync,
        seen: &mut SeenIds,
        today: crate::dates::Day,
    ) {
        let warn = |loaded: &LoadedProfile, source: &str| {
            warnings(&loaded.profile, &loaded.origin.describe(), source, today)
        };
        parse_in_batches(items, parse, &warn, |parsed| {
            if let Some((_, found)) = seen.accept(parsed, &mut self.problems) {
                self.ok += 1;
                self.warnings.extend(found);
            }
        });
    }
}

/// Checks files or folders given on the command line, returning every
/// problem found (not only the first) and how many profiles were fine.
/// `today` dates the warnings about sources older than 12 months.
pub fn check_paths(paths: &[PathBuf], today: crate::dates::Day) -> CheckReport {
    let mut report = CheckReport::default();
    let mut seen = SeenIds::default();
    for path in paths {
        let files = if path.is_dir() {
            match list_toml_files(path) {
                Ok(files) => files,
                Err(e) => {
                    report
                        .problems
                        .push(whole_file(path, format!("cannot read this folder: {e}")));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        report.add_all(&files, |p| parse_file(p), &mut seen, today);
    }
    report
}

/// Checks the built-in profiles (used by `funders check` with no paths).
pub fn check_builtin(today: crate::dates::Day) -> CheckReport {
    let mut report = CheckReport::default();
    report.add_all(
        builtin::FILES,
        parse_builtin,
        &mut SeenIds::default(),
        today,
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_profile_is_valid() {
        let CheckReport { ok, problems, .. } = check_builtin(crate::dates::Day::today());
        assert!(
            problems.is_empty(),
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(ok >= 14, "at least 14 built-in profiles, found {ok}");
    }

    #[test]
    fn user_profile_replaces_builtin_and_bad_one_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = Catalogue::load(&Sources::Standard {
            user_dir: dir.path().join("missing"),
        });
        assert!(builtin.problems.is_empty());
        let first = &builtin.profiles[0].profile;
        let mut replaced = first.clone();
        replaced.name = "My local copy".into();
        std::fs::write(
            dir.path().join("mine.toml"),
            toml::to_string(&replaced).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.path().join("broken.toml"), "id = \"x\"\nname = 5\n").unwrap();
        let both = Catalogue::load(&Sources::Standard {
            user_dir: dir.path().to_path_buf(),
        });
        assert_eq!(both.profiles.len(), builtin.profiles.len());
        assert_eq!(both.get(&first.id).unwrap().profile.name, "My local copy");
        assert_eq!(both.problems.len(), 1);
        assert!(both.problems[0].file.ends_with("broken.toml"));
    }

    #[test]
    fn two_profiles_with_one_id_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (_, source) = builtin::FILES[0];
        std::fs::write(dir.path().join("a.toml"), source).unwrap();
        std::fs::write(dir.path().join("b.toml"), source).unwrap();
        let CheckReport { ok, problems, .. } =
            check_paths(&[dir.path().to_path_buf()], crate::dates::Day::today());
        assert_eq!(ok, 1);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].file.ends_with("b.toml") && problems[0].problem.contains("a.toml"),
            "{}",
            problems[0]
        );
        let loaded = Catalogue::load(&Sources::Only(dir.path().to_path_buf()));
        assert_eq!((loaded.profiles.len(), loaded.problems.len()), (1, 1));
    }

    /// Many files, so they are parsed in several parallel batches: the
    /// result must be what reading them one by one in name order gives.
    #[test]
    fn many_files_load_as_if_read_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (_, source) = builtin::FILES[0];
        let first_id = toml::from_str::<Profile>(source).unwrap().id;
        let count = BATCH * 2 + 3;
        for i in 0..count {
            // File i uses id i, except the last file of the second batch,
            // which repeats the id of the very first file.
            let id = if i == BATCH * 2 - 1 { 0 } else { i };
            let text = source.replacen(
                &format!("id = \"{first_id}\""),
                &format!("id = \"fund-{id:04}\""),
                1,
            );
            std::fs::write(dir.path().join(format!("f{i:04}.toml")), text).unwrap();
        }
        std::fs::write(dir.path().join("f0005.txt"), "not a profile").unwrap();
        std::fs::create_dir(dir.path().join("folder.toml")).unwrap();

        let mut visited = Vec::new();
        let problems = scan(&Sources::Only(dir.path().to_path_buf()), |l| {
            visited.push(l.profile.id)
        });
        assert_eq!(visited.len(), count - 1);
        assert!(visited.windows(2).all(|w| w[0] < w[1]), "in file order");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let dup = format!("f{:04}.toml", BATCH * 2 - 1);
        assert!(
            problems[0].file.ends_with(&dup) && problems[0].problem.contains("f0000.toml"),
            "{}",
            problems[0]
        );
        let report = check_paths(&[dir.path().to_path_buf()], crate::dates::Day::today());
        assert_eq!((report.ok, report.problems), (count - 1, problems));
    }

    #[test]
    fn user_profiles_come_first_and_replace_builtins() {
        let dir = tempfile::tempdir().unwrap();
        let (_, source) = builtin::FILES[0];
        let id = toml::from_str::<Profile>(source).unwrap().id;
        std::fs::write(dir.path().join("mine.toml"), source).unwrap();
        let mut visited = Vec::new();
        let problems = scan(
            &Sources::Standard {
                user_dir: dir.path().to_path_buf(),
            },
            |l| visited.push((l.profile.id, l.origin)),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(visited.len(), builtin::FILES.len());
        assert_eq!(visited[0].0, id);
        assert!(matches!(visited[0].1, Origin::File(_)));
        assert_eq!(visited.iter().filter(|(v, _)| *v == id).count(), 1);
    }

    #[test]
    fn a_file_is_read_in_one_go_and_size_limited() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_PROFILE_BYTES + 1).unwrap();
        let problem = read_text(&big).unwrap_err();
        assert!(problem.problem.contains("at most 4 MB"), "{problem}");
        let exact = dir.path().join("exact.toml");
        std::fs::write(&exact, "x".repeat(MAX_PROFILE_BYTES as usize)).unwrap();
        assert_eq!(read_text(&exact).unwrap().len(), MAX_PROFILE_BYTES as usize);
        let missing = read_text(&dir.path().join("missing.toml")).unwrap_err();
        assert!(
            missing.problem.starts_with("cannot read this file"),
            "{missing}"
        );
    }

    /// What a scan gives: each profile visited (and whether it came from
    /// the cache, which gives no text), and the problems.
    fn scanned(dir: &Path, cache: Option<&Path>) -> (Vec<(Profile, bool)>, Vec<Located>) {
        let mut visited = Vec::new();
        let problems = scan_with_cache(
            &Sources::Only(dir.to_path_buf()),
            cache,
            |_, text| text.is_empty(),
            |l, from_cache| visited.push((l.profile, from_cache)),
        );
        (visited, problems)
    }

    /// A temporary folder with an empty `profiles` folder in it and the
    /// path of a `cache` folder not made yet (the scan makes it).
    fn cache_folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("profiles");
        std::fs::create_dir(&dir).unwrap();
        let cache = tmp.path().join("cache");
        (tmp, dir, cache)
    }

    /// The first built-in profile's text with its id changed to `id`.
    fn first_builtin_as(id: &str) -> String {
        let (_, source) = builtin::FILES[0];
        let first_id = toml::from_str::<Profile>(source).unwrap().id;
        source.replacen(
            &format!("id = \"{first_id}\""),
            &format!("id = \"{id}\""),
            1,
        )
    }

    /// With the cache, every scan gives what a scan without it gives, while
    /// files change, break, clash and go; only unchanged files that loaded
    /// come from it.
    #[test]
    fn the_cache_gives_what_parsing_gives_as_files_change() {
        let (_tmp, dir, cache) = cache_folders();
        let with_id = first_builtin_as;
        for name in ["a", "b", "c"] {
            std::fs::write(
                dir.join(format!("{name}.toml")),
                with_id(&format!("fund-{name}")),
            )
            .unwrap();
        }
        let check = |expect_cached: &[bool]| {
            let (without, problems) = scanned(&dir, None);
            let (with, cached_problems) = scanned(&dir, Some(&cache));
            let profiles = |v: &[(Profile, bool)]| {
                v.iter()
                    .map(|(p, _)| cache::for_matching(p.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(profiles(&with), profiles(&without));
            assert_eq!(cached_problems, problems);
            let from_cache: Vec<bool> = with.iter().map(|(_, c)| *c).collect();
            assert_eq!(from_cache, expect_cached, "{problems:?}");
            problems
        };
        check(&[false, false, false]);
        check(&[true, true, true]);
        // The same size, another name: parsed again, then cached again.
        let b = dir.join("b.toml");
        std::fs::write(&b, with_id("fund-x")).unwrap();
        check(&[true, false, true]);
        check(&[true, true, true]);
        // A broken file is never cached: its problem is the same each time.
        std::fs::write(&b, "id = \"fund-b\"\nname = 5\n").unwrap();
        let broken = check(&[true, true]);
        assert_eq!(broken.len(), 1);
        assert_eq!(check(&[true, true]), broken);
        // A clash with a cached profile points at the line, as without.
        std::fs::write(dir.join("d.toml"), with_id("fund-a")).unwrap();
        let clash = check(&[true, true]);
        assert!(
            clash
                .iter()
                .any(|p| p.file.ends_with("d.toml") && p.line > 0),
            "{clash:?}"
        );
        check(&[true, true]);
        // Files gone, first and last.
        std::fs::remove_file(dir.join("a.toml")).unwrap();
        std::fs::remove_file(dir.join("d.toml")).unwrap();
        check(&[true]);
        check(&[true]);
        // A cache cut short or spoilt is only a cache missed.
        let file = std::fs::read_dir(&cache)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::write(&file, "alongside spoilt\n").unwrap();
        check(&[false]);
        check(&[true]);
        let text = std::fs::read(&file).unwrap();
        std::fs::write(&file, &text[..text.len() - 10]).unwrap();
        check(&[false]);
        check(&[true]);
    }

    /// Over more files than are in hand at once (looked up, read and handed
    /// on at the same time, by several threads): the
    /// same profiles in the same order as without the cache, and the cache
    /// kept right as files change and go in different batches.
    #[test]
    fn the_cache_over_several_batches_gives_what_parsing_gives() {
        let (_tmp, dir, cache) = cache_folders();
        let write = |i: usize, id: &str| {
            let text = first_builtin_as(id);
            std::fs::write(dir.join(format!("f{i:04}.toml")), text).unwrap();
        };
        let count = PIECE * PIECES_IN_HAND * 2 + 5;
        for i in 0..count {
            write(i, &format!("fund-{i:04}"));
        }
        let compare = |parsed_again: &[usize]| {
            let (without, problems) = scanned(&dir, None);
            let (with, cached_problems) = scanned(&dir, Some(&cache));
            assert_eq!(cached_problems, problems);
            let ids =
                |v: &[(Profile, bool)]| v.iter().map(|(p, _)| p.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&with), ids(&without));
            let parsed: Vec<usize> = with
                .iter()
                .enumerate()
                .filter(|(_, (_, cached))| !cached)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(parsed, parsed_again);
            with.len()
        };
        let all: Vec<usize> = (0..count).collect();
        assert_eq!(compare(&all), count);
        assert_eq!(compare(&[]), count);
        // A change in the second batch and one in the last; a file gone
        // from the third.
        write(BATCH + 1, "fund-changed-a");
        write(count - 1, "fund-changed-b");
        std::fs::remove_file(dir.join(format!("f{:04}.toml", BATCH * 2 + 3))).unwrap();
        assert_eq!(compare(&[BATCH + 1, count - 2]), count - 1);
        assert_eq!(compare(&[]), count - 1);
    }

    #[test]
    fn only_dir_must_exist() {
        let c = Catalogue::load(&Sources::Only(PathBuf::from("/definitely/not/here")));
        assert!(c.profiles.is_empty());
        assert_eq!(c.problems.len(), 1);
    }
}
