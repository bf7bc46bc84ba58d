//! Group file formats and the path from old to new.
//!
//! Every file carries `format = N`. Reading a file:
//! - `N == CURRENT_FORMAT`: read as it is;
//! - `N < CURRENT_FORMAT`: each step `N → N+1` below rewrites the table in
//!   memory; the file on disk is only rewritten when the group is next saved
//!   (and the old file is kept as a backup first);
//! - `N > CURRENT_FORMAT`: refused, so an older copy of alongside never
//!   drops sections it does not understand.

pub const CURRENT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatProblem {
    #[error(
        "this file has no `format` number (or it is not a whole number); add `format = 1` at the top if it is an alongside group file"
    )]
    Missing,
    #[error(
        "this file was written by a newer alongside (format {found}; this one reads up to {CURRENT_FORMAT}). Update alongside to open it; the file has not been changed"
    )]
    Newer { found: u32 },
    #[error("{0}")]
    Other(String),
}

/// Brings a parsed group table up to the current format. Returns `None`
/// when the table is already current (the common case, so the caller can
/// parse the original text and keep exact line numbers in errors).
pub fn migrate(table: toml::Table) -> Result<Option<toml::Table>, FormatProblem> {
    let found = table
        .get("format")
        .and_then(toml::Value::as_integer)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n >= 1)
        .ok_or(FormatProblem::Missing)?;
    match found.cmp(&CURRENT_FORMAT) {
        std::cmp::Ordering::Equal => Ok(None),
        std::cmp::Ordering::Greater => Err(FormatProblem::Newer { found }),
        // No older formats exist yet. When format 2 arrives, add
        // `fn v1_to_v2(table) -> Result<Table, FormatProblem>` here and
        // apply the steps in order, setting `format` as each one finishes.
        std::cmp::Ordering::Less => {
            Err(FormatProblem::Other(format!("format {found} is not known")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_needs_no_change() {
        let t: toml::Table = toml::from_str("format = 1").unwrap();
        assert_eq!(migrate(t), Ok(None));
    }

    #[test]
    fn newer_and_missing_are_refused_clearly() {
        let t: toml::Table = toml::from_str("format = 7").unwrap();
        let err = migrate(t).unwrap_err();
        assert_eq!(err, FormatProblem::Newer { found: 7 });
        assert!(err.to_string().contains("newer alongside"));
        let t: toml::Table = toml::from_str("name = \"x\"").unwrap();
        assert_eq!(migrate(t), Err(FormatProblem::Missing));
    }
}
