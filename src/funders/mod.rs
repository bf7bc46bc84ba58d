//! Funder profiles: the schema (`profile`), the built-in profiles compiled
//! from `funders/` in the repository, the user's own profiles in the data
//! directory, and the checks that turn a broken file into a precise message.

mod builtin;
mod check;
pub mod form;
pub mod profile;
pub mod user_profiles;

use std::path::{Path, PathBuf};

pub use check::{check_source, parse_bound_share, parse_share, warnings};
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
    pub fn load(sources: &Sources) -> Catalogue {
        let mut catalogue = Catalogue::default();
        match sources {
            Sources::Standard { user_dir } => {
                let mut seen = SeenIds::default();
                for (name, source) in builtin::FILES {
                    catalogue.add_source(Origin::BuiltIn(name), source, &mut seen);
                }
                catalogue.add_dir(user_dir, false);
            }
            Sources::Only(dir) => catalogue.add_dir(dir, true),
        }
        catalogue.profiles.sort_by(|a, b| {
            a.profile
                .name
                .to_lowercase()
                .cmp(&b.profile.name.to_lowercase())
        });
        catalogue
    }

    pub fn get(&self, id: &str) -> Option<&LoadedProfile> {
        self.profiles.iter().find(|p| p.profile.id == id)
    }

    /// Adds every `*.toml` in a directory. A missing user directory is
    /// normal (nobody has added a profile yet); a missing `--funders`
    /// directory is a problem worth reporting.
    fn add_dir(&mut self, dir: &Path, must_exist: bool) {
        match list_toml_files(dir) {
            Ok(files) => {
                let mut seen = SeenIds::default();
                for path in files {
                    match read_text(&path) {
                        Ok(source) => self.add_source(Origin::File(path), &source, &mut seen),
                        Err(problem) => self.problems.push(problem),
                    }
                }
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && !must_exist => {}
            Err(err) => self.problems.push(Located {
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                field: String::new(),
                problem: format!("cannot read this folder of funder profiles: {err}"),
            }),
        }
    }

    fn add_source(&mut self, origin: Origin, source: &str, seen: &mut SeenIds) {
        let file = origin.describe();
        match check_source(&file, source) {
            Ok(profile) => {
                if let Some(problem) = seen.note(&profile, &file, source) {
                    self.problems.push(problem);
                    return;
                }
                // A later profile with the same id replaces an earlier one:
                // that is how a user's file overrides a built-in.
                self.profiles.retain(|p| p.profile.id != profile.id);
                self.profiles.push(LoadedProfile { profile, origin });
            }
            Err(problems) => self.problems.extend(problems),
        }
    }
}

/// Remembers which file used each id, so two profiles with the same id in
/// one place are reported instead of one silently replacing the other.
#[derive(Default)]
struct SeenIds(std::collections::HashMap<String, String>);

impl SeenIds {
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
}

/// The `*.toml` files in a directory, sorted by name. Symlinks are followed
/// only to regular files; subfolders are ignored.
pub fn list_toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && crate::paths::is_regular_file(p))
        .collect();
    files.sort();
    Ok(files)
}

/// Largest profile file read: far above any real profile, small enough that
/// a stray huge file cannot exhaust memory.
pub const MAX_PROFILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a profile file as UTF-8 text, refusing oversized and binary files
/// with a message that says what to do.
pub fn read_text(path: &Path) -> Result<String, Located> {
    let problem = |problem: String| Located {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        field: String::new(),
        problem,
    };
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
    fn add(&mut self, file: &str, source: &str, seen: &mut SeenIds, today: crate::dates::Day) {
        match check_source(file, source) {
            Ok(profile) => match seen.note(&profile, file, source) {
                Some(problem) => self.problems.push(problem),
                None => {
                    self.ok += 1;
                    self.warnings
                        .extend(warnings(&profile, file, source, today));
                }
            },
            Err(found) => self.problems.extend(found),
        }
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
                    report.problems.push(Located {
                        file: path.display().to_string(),
                        line: 0,
                        column: 0,
                        field: String::new(),
                        problem: format!("cannot read this folder: {e}"),
                    });
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            match read_text(&file) {
                Ok(source) => report.add(&file.display().to_string(), &source, &mut seen, today),
                Err(p) => report.problems.push(p),
            }
        }
    }
    report
}

/// Checks the built-in profiles (used by `funders check` with no paths).
pub fn check_builtin(today: crate::dates::Day) -> CheckReport {
    let mut report = CheckReport::default();
    let mut seen = SeenIds::default();
    for (name, source) in builtin::FILES {
        report.add(
            &format!("built-in funders/{name}"),
            source,
            &mut seen,
            today,
        );
    }
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

    #[test]
    fn only_dir_must_exist() {
        let c = Catalogue::load(&Sources::Only(PathBuf::from("/definitely/not/here")));
        assert!(c.profiles.is_empty());
        assert_eq!(c.problems.len(), 1);
    }
}
