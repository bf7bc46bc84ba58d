//! `alongside backups GROUP` and `alongside restore GROUP BACKUP`.

use std::io::Write;

use super::{Output, json, line};
use crate::error::Result;
use crate::paths::DataDir;
use crate::store::backups;
use crate::text::one_line;
use crate::workspace::Workspace;

/// List a group's backups, newest first: when each was taken and what
/// the version after it changed. `alongside restore` puts one back.
#[derive(Debug, clap::Args)]
pub struct BackupsArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_backups(ws: Workspace, args: BackupsArgs, Output { out, .. }: Output) -> Result {
    let (data, target, as_json) = (&ws.data, &args.group, args.json);
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

/// Put a backup back in place of the group file. The current file is
/// kept as a backup first, so a restore can be undone the same way.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// A number from `alongside backups GROUP` (1 is the newest), or a
    /// backup's file name.
    pub backup: String,
}

pub fn cmd_restore(ws: Workspace, args: RestoreArgs, Output { out, .. }: Output) -> Result {
    let (data, target, backup) = (&ws.data, &args.group, &args.backup);
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
