//! `alongside backups GROUP` and `alongside restore GROUP BACKUP`.

use std::io::Write;

use super::{json, line};
use crate::error::Result;
use crate::paths::DataDir;
use crate::store::backups;
use crate::text::one_line;

pub fn list(data: &DataDir, target: &str, as_json: bool, out: &mut dyn Write) -> Result {
    let (path, found) = backups::list(data, target)?;
    if as_json {
        return json(out, &found);
    }
    if found.is_empty() {
        return line(
            out,
            format!(
                "{} has no backups yet. One is taken before a save at most every five minutes, and before `import --replace`, `import --merge` and `restore`.",
                path.display()
            ),
        )
        .and_then(|()| shared_note(data, target, out));
    }
    line(out, format!("Backups of {}, newest first:", path.display()))?;
    for b in &found {
        let taken = b
            .taken
            .map_or("time unknown".to_string(), |t| t.for_people());
        line(out, format!("{:3}  {}  {}", b.number, b.name, taken))?;
        if !b.changed.is_empty() {
            line(out, format!("     after it: {}", b.changed))?;
        }
    }
    line(
        out,
        format!(
            "To put one back: alongside restore {target} NUMBER (the file as it is now is kept as a backup first)."
        ),
    )?;
    shared_note(data, target, out)
}

/// Backups are this computer's own; in a shared data folder git keeps every
/// shared version too, so they are listed here as well (newest first), and
/// `share log` gives the same list with the whole commit ids.
fn shared_note(data: &DataDir, target: &str, out: &mut dyn Write) -> Result {
    if !crate::share::is_shared(data) {
        return Ok(());
    }
    let slug = std::path::Path::new(target)
        .file_stem()
        .map_or_else(|| target.to_string(), |s| s.to_string_lossy().into_owned());
    match crate::share::history(data, &slug) {
        Ok(versions) if versions.is_empty() => line(
            out,
            "This data folder is shared, but this group has no shared versions yet: `alongside share sync` sends it.",
        ),
        Ok(versions) => {
            line(out, "Shared versions (kept by git), newest first:")?;
            for v in &versions {
                let short: String = v.commit.chars().take(10).collect();
                line(
                    out,
                    format!(
                        "     {short}  {}  {} ({})",
                        v.at.for_people(),
                        one_line(&v.message),
                        one_line(&v.author)
                    ),
                )?;
            }
            line(
                out,
                format!("`alongside share log {target}` lists them with their whole ids."),
            )
        }
        Err(e) => line(
            out,
            format!(
                "This data folder is shared, but its shared versions could not be read ({e}); `alongside share log {target}` tries again."
            ),
        ),
    }
}

pub fn restore(data: &DataDir, target: &str, backup: &str, out: &mut dyn Write) -> Result {
    let done = backups::restore(data, target, backup)?;
    line(
        out,
        format!(
            "Restored {} from {}. The version it replaced is kept as {}: `alongside backups {target}` lists it, and `alongside restore {target} 1` puts it back.",
            done.group_file.display(),
            done.from.display(),
            done.kept.display()
        ),
    )
}
