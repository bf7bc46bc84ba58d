//! The git merge driver for group files. git runs
//! `alongside merge-driver %O %A %B %P` when both computers changed the same
//! group file; this joins the two copies answer by answer with the same
//! merge as `import --merge` (`store::merge_copy`) and leaves the result in
//! the file git calls `%A`. Answers both sides changed differently stay as
//! conflicts inside the group file, for `alongside resolve` or the
//! full-screen program's `x`: git never writes `<<<<<<<` markers into a
//! group file.
//!
//! The common ancestor (`%O`) is not needed: every answer carries its own
//! history, which is what the merge reads to tell who changed what.

use std::path::Path;

use crate::group::{self, MergeReport};
use crate::store::{self, StoreError};

/// Why two versions of a group file could not be merged. git then stops
/// the merge, and `share sync` puts everything back as it was.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("{shown} ({side}) cannot be read, so it was not merged: {problem}")]
    Unreadable {
        shown: String,
        side: &'static str,
        problem: String,
    },
    #[error(
        "{shown} on this computer and in the shared copy are two different groups that were given the same short name (one started {ours}, the other {theirs}), so they were not merged. To keep both, rename this computer's file to a new short name (such as {shown_new}, changing its `slug` line to match), then sync again"
    )]
    DifferentGroup {
        shown: String,
        shown_new: String,
        ours: String,
        theirs: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const OURS: &str = "the version on this computer";
const THEIRS: &str = "the version from the shared copy";

fn read(path: &Path, shown: &str, side: &'static str) -> Result<group::Group, DriverError> {
    let unreadable = |problem: String| DriverError::Unreadable {
        shown: shown.to_string(),
        side,
        problem,
    };
    let (_, text) = store::read_group_text(path).map_err(|e| unreadable(e.to_string()))?;
    group::parse(shown, &text).map_err(|e| unreadable(e.to_string()))
}

/// Merges the group file `theirs` into `ours` and writes the result over
/// `ours` (git's `%A`). `shown` is the file's path in the repository, for
/// messages. Nothing is written unless both versions read cleanly.
pub fn merge_files(ours: &Path, theirs: &Path, shown: &str) -> Result<MergeReport, DriverError> {
    let mut merged = read(ours, shown, OURS)?;
    let mut other = read(theirs, shown, THEIRS)?;
    other.scrub();
    let report = match store::merge_copy(&mut merged, &other, Path::new(shown)) {
        Ok(report) => report,
        Err(StoreError::DifferentGroup {
            slug, ours, theirs, ..
        }) => {
            return Err(DriverError::DifferentGroup {
                shown: shown.to_string(),
                shown_new: shown.replace(&format!("{slug}.toml"), &format!("{slug}-2.toml")),
                ours,
                theirs,
            });
        }
        Err(e) => return Err(e.into()),
    };
    let text = group::to_text(&merged).map_err(|e| DriverError::Unreadable {
        shown: shown.to_string(),
        side: OURS,
        problem: e.to_string(),
    })?;
    store::write_atomic(ours, text.as_bytes()).map_err(|source| StoreError::Write {
        path: ours.to_path_buf(),
        source,
    })?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::AnswerValue;
    use crate::dates::Moment;
    use crate::group::{Author, Group};

    fn at(secs: i64) -> Moment {
        Moment::from_unix_seconds(1_800_000_000 + secs).unwrap()
    }

    #[test]
    fn joins_two_copies_and_keeps_a_clash_inside_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let mut base = Group::new("Two Homes", "two-homes", at(0));
        base.set_answer(
            "year_started",
            AnswerValue::Number(2000),
            Author::Group,
            at(1),
        );
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.set_answer(
            "regular_members",
            AnswerValue::Number(8),
            Author::Group,
            at(2),
        );
        ours.set_answer(
            "year_started",
            AnswerValue::Number(2001),
            Author::Group,
            at(3),
        );
        theirs.set_answer(
            "year_started",
            AnswerValue::Number(2002),
            Author::Supporter,
            at(4),
        );
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::write(&a, group::to_text(&ours).unwrap()).unwrap();
        std::fs::write(&b, group::to_text(&theirs).unwrap()).unwrap();
        let report = merge_files(&a, &b, "groups/two-homes.toml").unwrap();
        assert_eq!(report.conflicts, ["year_started"]);
        let text = std::fs::read_to_string(&a).unwrap();
        assert!(!text.contains("<<<<<<<"));
        let merged = group::parse("a", &text).unwrap();
        assert_eq!(
            merged.value("regular_members"),
            Some(&AnswerValue::Number(8))
        );
        assert!(merged.conflicts.contains_key("year_started"));
        let mut expected = ours.clone();
        expected.merge(&theirs);
        assert_eq!(merged, expected);
    }

    #[test]
    fn an_unreadable_side_is_named_and_nothing_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let g = Group::new("Broken", "broken", at(0));
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        let good = group::to_text(&g).unwrap();
        std::fs::write(&a, &good).unwrap();
        std::fs::write(&b, "name = \"Broken\n").unwrap();
        let err = merge_files(&a, &b, "groups/broken.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("groups/broken.toml"), "{err}");
        assert!(err.contains("from the shared copy"), "{err}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), good);
    }

    #[test]
    fn a_different_group_with_the_same_name_is_not_merged() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        let ours = group::to_text(&Group::new("Same", "same", at(0))).unwrap();
        std::fs::write(&a, &ours).unwrap();
        std::fs::write(
            &b,
            group::to_text(&Group::new("Same", "same", at(9))).unwrap(),
        )
        .unwrap();
        let err = merge_files(&a, &b, "groups/same.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("two different groups"), "{err}");
        assert!(err.contains("groups/same-2.toml"), "{err}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), ours);
    }
}
