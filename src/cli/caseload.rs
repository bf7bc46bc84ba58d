//! `alongside caseload`: every group with what needs attention, for a
//! support worker (built by `crate::share::caseload`).

use std::io::Write;

use super::matching::load_catalogue;
use super::{json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Day;
use crate::error::Result;
use crate::paths::DataDir;
use crate::share::caseload;

pub fn caseload(
    data: &DataDir,
    today: Option<Day>,
    as_json: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result {
    let today = today.unwrap_or_else(Day::today);
    let catalogue = load_catalogue(data, None, warn)?;
    let list = caseload::caseload(data, Bank::builtin()?, &catalogue, today);
    for p in &list.problems {
        warn_line(
            warn,
            format!("warning: skipped a group file that could not be read: {p}"),
        )?;
    }
    if as_json {
        return json(out, &list);
    }
    let needing = list.groups.iter().filter(|g| g.needs_attention()).count();
    line(
        out,
        format!(
            "Caseload on {}: {}, {needing} needing attention.",
            today.for_people(),
            crate::text::count(list.groups.len(), "group")
        ),
    )?;
    for g in &list.groups {
        line(out, "")?;
        for text in g.lines() {
            line(out, text)?;
        }
    }
    Ok(())
}
