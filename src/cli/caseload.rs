//! `alongside caseload`: every group with what needs attention, for a
//! support worker (built by `crate::share::caseload`).

use super::matching::load_catalogue;
use super::{Output, json, line, warn_line};
use crate::error::Result;
use crate::share::caseload;
use crate::workspace::Workspace;

/// Every group with what needs attention (returns due, bids closing,
/// answers to check or to choose between, the last change and who made
/// it) and the group's own share of its words this year and last.
#[derive(Debug, clap::Args)]
pub struct CaseloadArgs {
    /// Work out what is due as if today were this date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_caseload(ws: Workspace, args: CaseloadArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_today(args.today);
    let (data, today, as_json) = (&ws.data, ws.today, args.json);
    let catalogue = load_catalogue(&ws, warn)?;
    let list = caseload::caseload(data, ws.bank, catalogue, today);
    for p in &list.problems {
        warn_line(
            warn,
            format!("warning: skipped a group file that could not be read: {p}"),
        )?;
    }
    if as_json {
        return json(out, &super::json_out::Versioned::new(&list));
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
