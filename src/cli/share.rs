//! `alongside share init|sync|status|clone|log` and the hidden
//! `merge-driver` git runs: sharing the data folder through git. The work
//! is done by `crate::share`; this file only prints.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Output, json, line};
use crate::error::{Error, Result};
use crate::paths::DataDir;
use crate::share::{self, CommitLine, ShareError};
use crate::workspace::Workspace;

#[derive(Debug, Subcommand)]
pub enum ShareAction {
    /// Make this data folder shared: a git repository with every group's
    /// history, alongside's own answer-by-answer merge for group files,
    /// and (if given) the shared copy's address. Running it again repairs
    /// the settings.
    Init {
        /// The shared copy: a folder (a bare git repository on a shared
        /// drive or USB stick), or an ssh or https address of a private
        /// repository.
        remote: Option<String>,
    },
    /// Save what changed here in the history (one entry per group, naming
    /// who was at the keyboard), join the changes from the shared copy
    /// answer by answer, and send the result.
    Sync,
    /// What is changed here, what is waiting to be sent or joined, and
    /// when the last sync was. Works offline.
    Status {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Set up this computer from a shared copy (use --data-dir DIR for a
    /// folder other than the usual one; it must be new or empty).
    Clone {
        /// The shared copy's folder or address.
        remote: String,
    },
    /// Every shared version of one group, newest first.
    Log {
        /// A group's short name.
        group: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}

/// The program git should run as the merge driver: this one.
fn this_program() -> Result<PathBuf> {
    std::env::current_exe().map_err(|e| {
        Error::fixable(format!(
            "could not find where the alongside program is ({e}), which git needs to merge group files"
        ))
    })
}

fn failure(e: ShareError) -> Error {
    Error::from(e)
}

/// Share this data folder through git: one group on two computers, or
/// a support organisation's groups kept by several workers.
#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    #[command(subcommand)]
    pub action: ShareAction,
}

pub fn cmd_share(ws: Workspace, args: ShareArgs, Output { out, .. }: Output) -> Result {
    let (action, data) = (args.action, &ws.data);
    match action {
        ShareAction::Init { remote } => init(data, remote.as_deref(), out),
        ShareAction::Sync => sync(data, out),
        ShareAction::Status { json } => status(data, json, out),
        ShareAction::Clone { remote } => clone(data, &remote, out),
        ShareAction::Log { group, json } => log(data, &group, json, out),
    }
}

fn init(data: &DataDir, remote: Option<&str>, out: &mut dyn Write) -> Result {
    let report = share::init(data, remote, &this_program()?).map_err(failure)?;
    let root = data.root().display().to_string();
    if report.already_shared {
        line(
            out,
            format!(
                "{root} was already shared; its settings are checked and the merge points at this program."
            ),
        )?;
    } else {
        line(
            out,
            format!(
                "{root} is now shared: every group's history is kept, and group files are merged answer by answer."
            ),
        )?;
    }
    if !report.committed.is_empty() {
        line(
            out,
            format!(
                "Saved {} in the history.",
                crate::text::count(report.committed.len(), "file")
            ),
        )?;
    }
    if let Some(was) = &report.remote_was {
        line(
            out,
            format!("The shared copy was {}.", share::shown_address(was)),
        )?;
    }
    match &report.remote {
        Some(remote) => line(
            out,
            format!(
                "Shared copy: {}. Run `alongside share sync` to send and receive changes.",
                share::shown_address(remote)
            ),
        ),
        None => line(
            out,
            "There is no shared copy yet. To add one, run `alongside share init ADDRESS` (a bare git repository's folder, or an ssh or https address).",
        ),
    }
}

fn sync(data: &DataDir, out: &mut dyn Write) -> Result {
    let report = share::sync(data, &this_program()?).map_err(failure)?;
    for text in report.lines() {
        line(out, text)?;
    }
    Ok(())
}

fn commit_line(c: &CommitLine) -> String {
    format!(
        "  {}  {}  {} (by {})",
        &c.commit[..c.commit.len().min(8)],
        c.at.for_people(),
        c.message,
        c.author
    )
}

fn status(data: &DataDir, as_json: bool, out: &mut dyn Write) -> Result {
    let s = share::status(data).map_err(failure)?;
    if as_json {
        return json(out, &super::json_out::Versioned::new(&s));
    }
    match &s.remote {
        Some(remote) => line(out, format!("Shared copy: {remote} (branch {})", s.branch))?,
        None => line(
            out,
            "Shared copy: none yet (the history is kept only here). Add one with `alongside share init ADDRESS`.",
        )?,
    }
    match &s.last_sync {
        Some(last) if last.finished => line(
            out,
            format!("Last sync: {}, finished.", last.at.for_people()),
        )?,
        Some(last) => line(
            out,
            format!(
                "Last sync: {}, did not finish: {}",
                last.at.for_people(),
                last.outcome
            ),
        )?,
        None => line(out, "Last sync: never from this computer.")?,
    }
    if s.changed_here.is_empty() {
        line(out, "Changed here since the last sync: nothing.")?;
    } else {
        line(
            out,
            "Changed here since the last sync (the next sync saves and sends them):",
        )?;
        for path in &s.changed_here {
            line(out, format!("  {path}"))?;
        }
    }
    if s.to_send.is_empty() {
        line(out, "Waiting to be sent: nothing.")?;
    } else {
        line(out, "Waiting to be sent:")?;
        for c in &s.to_send {
            line(out, commit_line(c))?;
        }
    }
    if !s.to_receive.is_empty() {
        line(out, "Waiting to be joined here (seen at the last sync):")?;
        for c in &s.to_receive {
            line(out, commit_line(c))?;
        }
    }
    if s.driver_missing {
        line(
            out,
            format!(
                "Note: git's merge for group files points at a program that is not there any more ({}). The next `alongside share sync` points it at this one.",
                s.driver.as_deref().unwrap_or("")
            ),
        )?;
    }
    Ok(())
}

fn clone(data: &DataDir, remote: &str, out: &mut dyn Write) -> Result {
    let report = share::clone(remote, data, &this_program()?).map_err(failure)?;
    line(
        out,
        format!(
            "Set up {} from {}.",
            data.root().display(),
            share::shown_address(&report.remote)
        ),
    )?;
    if report.groups.is_empty() {
        line(out, "The shared copy has no groups yet.")?;
    } else {
        line(out, format!("Groups: {}", report.groups.join(", ")))?;
    }
    for p in &report.problems {
        line(out, format!("Could not read (left as it is): {p}"))?;
    }
    line(
        out,
        "Run `alongside share sync` to send and receive changes from now on.",
    )
}

fn log(data: &DataDir, group: &str, as_json: bool, out: &mut dyn Write) -> Result {
    let history = share::history(data, group).map_err(failure)?;
    if as_json {
        return json(out, &history);
    }
    if history.is_empty() {
        return line(
            out,
            format!("{group} has no shared versions yet (run `alongside share sync`)."),
        );
    }
    line(out, format!("Shared versions of {group}, newest first:"))?;
    for c in &history {
        line(out, commit_line(c))?;
    }
    Ok(())
}

/// Run by git to merge two versions of a group file (set up by
/// `alongside share init`); not for people.
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (%O; not needed: answers carry their history).
    pub base: PathBuf,
    /// This computer's version (%A); the result is written here.
    pub ours: PathBuf,
    /// The other version (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P), for messages.
    pub path: String,
}

/// `alongside merge-driver BASE OURS THEIRS PATH`, run by git (see
/// `share::driver`). Exit code 0: merged (conflicts, if any, are kept in
/// the file); 1: a version could not be read, and git stops the merge.
pub fn cmd_merge_driver(_: Workspace, args: MergeDriverArgs, _: Output) -> Result {
    let (ours, theirs, shown) = (&args.ours, &args.theirs, &args.path);
    share::merge_files(ours, theirs, shown).map_err(Error::from)?;
    Ok(())
}
