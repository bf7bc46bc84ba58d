//! The command line. Each file here holds a few related subcommands: for
//! each, its `#[derive(clap::Args)]` struct (the doc comments are its
//! help) and its `cmd_*` function, which takes the [`Workspace`], the
//! parsed arguments and an [`Output`]. This file holds the top of the
//! command line (`Cli`), the `Command` enum that dispatches in one line per
//! command, and the small helpers every command prints through.

mod answers;
mod backups;
mod caseload;
mod drafting;
pub(crate) mod funders;
mod grants_data;
mod groups;
mod json_out;
mod matching;
mod monitoring;
mod rounds;
mod share;
mod shell;

use std::fmt::Display;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};
use crate::paths::DataDir;
use crate::workspace::Workspace;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  a problem you can fix (a group that does not exist, a value of the wrong type,
     a funder profile with mistakes); the message says what to do
  2  the command was not written correctly (see --help)

Data is kept in your computer's data folder, or in --data-dir DIR
(or the ALONGSIDE_DATA_DIR environment variable).";

/// alongside helps small self help and mutual aid groups write funding bids
/// and monitoring returns in their own words.
///
/// Run it with no command to open the full-screen program. The commands
/// below do the same jobs one at a time, for scripts and for checking.
#[derive(Debug, Parser)]
#[command(name = "alongside", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// Keep groups and your own funder profiles in this folder instead of
    /// the usual data folder.
    #[arg(long, global = true, env = "ALONGSIDE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Let the mouse click and scroll in the full-screen program (off by
    /// default, so the terminal's own select-and-copy keeps working).
    #[arg(long, global = true)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Who gave an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    Group,
    Supporter,
    Together,
}

impl From<ByArg> for crate::group::Author {
    fn from(by: ByArg) -> Self {
        match by {
            ByArg::Group => crate::group::Author::Group,
            ByArg::Supporter => crate::group::Author::Supporter,
            ByArg::Together => crate::group::Author::Together,
        }
    }
}

/// The subcommands. Each one's flags, help and work are in its own file
/// (see docs/architecture.md, "How to add a command").
#[derive(Debug, Subcommand)]
pub enum Command {
    Demo(groups::DemoArgs),
    New(groups::NewArgs),
    Groups(groups::GroupsArgs),
    Show(groups::ShowArgs),
    Answer(answers::AnswerArgs),
    Questions(answers::QuestionsArgs),
    Export(groups::ExportArgs),
    Import(groups::ImportArgs),
    Match(matching::MatchArgs),
    Award(monitoring::AwardArgs),
    Promise(monitoring::PromiseArgs),
    Log(monitoring::LogArgs),
    Wording(drafting::WordingArgs),
    Report(monitoring::ReportArgs),
    Due(monitoring::DueArgs),
    Sent(monitoring::SentArgs),
    Draft(drafting::DraftArgs),
    Check(drafting::CheckArgs),
    Interview(answers::InterviewArgs),
    NextYear(rounds::NextYearArgs),
    Submit(rounds::SubmitArgs),
    Compare(rounds::CompareArgs),
    Progress(rounds::ProgressArgs),
    Resolve(rounds::ResolveArgs),
    Glossary(answers::GlossaryArgs),
    Funders(funders::FundersArgs),
    Grant(monitoring::GrantArgs),
    Consent(monitoring::ConsentArgs),
    Share(share::ShareArgs),
    Caseload(caseload::CaseloadArgs),
    #[command(hide = true)]
    MergeDriver(share::MergeDriverArgs),
    Backups(backups::BackupsArgs),
    Restore(backups::RestoreArgs),
    Confirm(matching::ConfirmArgs),
    GrantsData(grants_data::GrantsDataArgs),
    Nearby(grants_data::NearbyArgs),
    Completions(shell::CompletionsArgs),
    Man(shell::ManArgs),
}

/// What a member agreed their story may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UseArg {
    Report,
    OtherFunders,
    Publicity,
}

impl From<UseArg> for crate::group::StoryUse {
    fn from(u: UseArg) -> Self {
        match u {
            UseArg::Report => crate::group::StoryUse::Report,
            UseArg::OtherFunders => crate::group::StoryUse::OtherFunders,
            UseArg::Publicity => crate::group::StoryUse::Publicity,
        }
    }
}

/// A yes or no given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum YesNoArg {
    Yes,
    No,
}

/// Reads a date given on the command line.
fn parse_day(text: &str) -> Result<crate::dates::Day, String> {
    text.parse()
        .map_err(|e: crate::dates::BadDate| e.to_string())
}

impl Cli {
    /// Does what the command line asks. With no command, or `interview`
    /// without --plain, that is the full-screen program (the one place
    /// this is decided); anything else is one command, printing to
    /// standard output and its warnings to standard error.
    pub fn run(self) -> Result {
        let data = DataDir::resolve(self.data_dir.as_deref())?;
        let full_screen = |open| {
            crate::tui::run(
                &data,
                crate::tui::Options {
                    mouse: self.mouse,
                    open,
                },
            )
        };
        match self.command {
            None => full_screen(None),
            Some(Command::Interview(args)) if !args.plain => full_screen(Some(args.group)),
            Some(command) => {
                let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
                let output = Output {
                    out: &mut stdout.lock(),
                    warn: &mut stderr.lock(),
                };
                command.run(Workspace::new(data.clone())?, output)
            }
        }
    }
}

/// Where a command prints: `out` for its results, `warn` for warnings and
/// notes that must not mix with them (a funder profile skipped).
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub warn: &'a mut dyn Write,
}

impl Command {
    /// Runs one command in `ws`. `interview` here is the plain one (see
    /// `Cli::run`).
    pub fn run(self, ws: Workspace, out: Output<'_>) -> Result {
        match self {
            Command::Demo(args) => groups::cmd_demo(ws, args, out),
            Command::New(args) => groups::cmd_new(ws, args, out),
            Command::Groups(args) => groups::cmd_groups(ws, args, out),
            Command::Show(args) => groups::cmd_show(ws, args, out),
            Command::Answer(args) => answers::cmd_answer(ws, args, out),
            Command::Questions(args) => answers::cmd_questions(ws, args, out),
            Command::Export(args) => groups::cmd_export(ws, args, out),
            Command::Import(args) => groups::cmd_import(ws, args, out),
            Command::Match(args) => matching::cmd_match(ws, args, out),
            Command::Award(args) => monitoring::cmd_award(ws, args, out),
            Command::Promise(args) => monitoring::cmd_promise(ws, args, out),
            Command::Log(args) => monitoring::cmd_log(ws, args, out),
            Command::Wording(args) => drafting::cmd_wording(ws, args, out),
            Command::Report(args) => monitoring::cmd_report(ws, args, out),
            Command::Due(args) => monitoring::cmd_due(ws, args, out),
            Command::Sent(args) => monitoring::cmd_sent(ws, args, out),
            Command::Draft(args) => drafting::cmd_draft(ws, args, out),
            Command::Check(args) => drafting::cmd_check(ws, args, out),
            Command::Interview(args) => answers::cmd_interview(ws, args, out),
            Command::NextYear(args) => rounds::cmd_next_year(ws, args, out),
            Command::Submit(args) => rounds::cmd_submit(ws, args, out),
            Command::Compare(args) => rounds::cmd_compare(ws, args, out),
            Command::Progress(args) => rounds::cmd_progress(ws, args, out),
            Command::Resolve(args) => rounds::cmd_resolve(ws, args, out),
            Command::Glossary(args) => answers::cmd_glossary(ws, args, out),
            Command::Funders(args) => funders::cmd_funders(ws, args, out),
            Command::Grant(args) => monitoring::cmd_grant(ws, args, out),
            Command::Consent(args) => monitoring::cmd_consent(ws, args, out),
            Command::Share(args) => share::cmd_share(ws, args, out),
            Command::Caseload(args) => caseload::cmd_caseload(ws, args, out),
            Command::MergeDriver(args) => share::cmd_merge_driver(ws, args, out),
            Command::Backups(args) => backups::cmd_backups(ws, args, out),
            Command::Restore(args) => backups::cmd_restore(ws, args, out),
            Command::Confirm(args) => matching::cmd_confirm(ws, args, out),
            Command::GrantsData(args) => grants_data::cmd_grants_data(ws, args, out),
            Command::Nearby(args) => grants_data::cmd_nearby(ws, args, out),
            Command::Completions(args) => shell::cmd_completions(ws, args, out),
            Command::Man(args) => shell::cmd_man(ws, args, out),
        }
    }
}

/// Writes a line. A closed pipe (`alongside show x | head`) is a quiet
/// stop, not an error.
///
/// Everything printed can quote a file someone else wrote (an imported
/// group, a funder profile), so control characters never get through.
fn line(out: &mut dyn Write, text: impl Display) -> Result {
    writeln!(out, "{}", crate::text::sanitize(&text.to_string(), true)).map_err(output_failure)
}

/// Writes a warning line. Warnings quote file names and file contents, so
/// control characters are removed first.
fn warn_line(warn: &mut dyn Write, text: impl Display) -> Result {
    line(warn, text)
}

fn output_failure(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::quiet()
    } else {
        Error::fixable("could not write the output").because(e)
    }
}

/// Records that someone did a step of this year's work (checked a bid,
/// wrote a return) after a command that only read the group; a note says
/// so when the group is open elsewhere and it could not be recorded.
fn record_step(
    ws: &Workspace,
    target: &str,
    step: crate::group::Step,
    by: crate::group::Author,
    warn: &mut dyn Write,
) -> Result {
    if ws.record_step(target, step, by)? {
        Ok(())
    } else {
        not_recorded(warn, step)
    }
}

/// The note for a step that could not be recorded: the command itself has
/// still done its job.
fn not_recorded(warn: &mut dyn Write, step: crate::group::Step) -> Result {
    warn_line(
        warn,
        format!(
            "note: the group is open in another copy of alongside, so \"{}\" was not recorded for this year",
            step.label()
        ),
    )
}

/// Prints JSON for scripts, exact but safe to show (see `json_out`).
fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result {
    json_out::write(out, value).map_err(output_failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
