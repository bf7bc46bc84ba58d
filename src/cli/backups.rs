//! `alongside backups GROUP` and `alongside restore GROUP BACKUP`.

use std::io::Write;

use super::{Outcome, json, line};
use crate::paths::DataDir;
use crate::store::backups;

pub fn list(data: &DataDir, target: &str, as_json: bool, out: &mut dyn Write) -> Outcome {
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

/// Backups are this computer's own; in a shared data folder every shared
/// version is also kept by git, listed elsewhere.
fn shared_note(data: &DataDir, target: &str, out: &mut dyn Write) -> Outcome {
    if crate::share::is_shared(data) {
        line(
            out,
            format!(
                "This data folder is shared: `alongside share log {target}` lists every shared version too."
            ),
        )?;
    }
    Ok(())
}

pub fn restore(data: &DataDir, target: &str, backup: &str, out: &mut dyn Write) -> Outcome {
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
