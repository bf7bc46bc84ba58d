//! Forms left half-filled. A log form, a new group's name or an import path
//! cannot become real data until it is finished (a story needs its consent
//! answered, a name makes a group), so when the full-screen program is left
//! with one open (Esc, Ctrl+C, the window closed) what was typed is kept
//! here and comes back the next time. One file per place:
//! `<data-dir>/unfinished/home.toml` for the first screen,
//! `<data-dir>/unfinished/add-funder.toml` for a funder being added, and
//! `<data-dir>/unfinished/<slug>.toml` for a group. See docs/formats.md.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::dates::Moment;
use crate::paths::DataDir;

/// What was being filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unfinished {
    /// Which form: `new-group`, `import`, `log-session`, `log-count`,
    /// `log-story`, `log-spend`, `log-note`, `answer`, `add-funder` or
    /// `add-questions`.
    pub form: String,
    /// For a log form, the grant's id (for `answer` the question's, for
    /// `add-questions` the funder's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grant: String,
    /// Each box's text (a choice is kept as the option chosen), in order.
    pub fields: Vec<String>,
    /// When it was kept.
    pub kept: Moment,
}

/// The file a place's unfinished form is kept in. `place` is `home` or a
/// group's short name.
pub fn path(data: &DataDir, place: &str) -> PathBuf {
    data.root().join("unfinished").join(format!(
        "{}.toml",
        crate::text::slugify(place).unwrap_or_default()
    ))
}

/// Keeps a form (replacing the one kept before for that place).
pub fn keep(data: &DataDir, place: &str, form: &Unfinished) -> std::io::Result<PathBuf> {
    let file = path(data, place);
    if let Some(dir) = file.parent() {
        crate::paths::create_private_dir(dir)?;
    }
    let text = format!(
        "# A form left half-filled in alongside; it comes back the next time.\n{}",
        toml::to_string(form).map_err(std::io::Error::other)?
    );
    super::write_atomic(&file, text.as_bytes())?;
    Ok(file)
}

/// The form kept for a place, if there is one that reads.
pub fn find(data: &DataDir, place: &str) -> Option<Unfinished> {
    let file = path(data, place);
    let meta = std::fs::symlink_metadata(&file).ok()?;
    if !meta.is_file() || meta.len() > super::MAX_GROUP_BYTES {
        return None;
    }
    toml::from_str(&std::fs::read_to_string(file).ok()?).ok()
}

/// Forgets the form kept for a place (it was finished or emptied).
pub fn discard(data: &DataDir, place: &str) {
    let _ = std::fs::remove_file(path(data, place));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_found_and_discarded() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path());
        assert_eq!(find(&data, "home"), None);
        let form = Unfinished {
            form: "log-story".into(),
            grant: "g1".into(),
            fields: vec![
                "She said \"it changed my life\"\nand more".into(),
                "yes".into(),
            ],
            kept: Moment::from_unix_seconds(1_800_000_000).unwrap(),
        };
        let file = keep(&data, "riverside", &form).unwrap();
        assert!(file.ends_with("unfinished/riverside.toml"));
        assert_eq!(find(&data, "riverside"), Some(form));
        discard(&data, "riverside");
        assert_eq!(find(&data, "riverside"), None);
    }
}
