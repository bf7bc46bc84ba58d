//! The command line: clap definitions and one function per subcommand.
//! Every subcommand writes to the `out` it is given (not straight to
//! stdout), so tests can run the real code and read what it printed.

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

use crate::paths::DataDir;

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add the built-in demo group (a fictional group with every question
    /// answered) and print its short name.
    Demo,
    /// Start a new group and print its short name.
    New {
        /// The group's name, in quotes if it has spaces: "Riverside Carers".
        name: String,
    },
    /// List the groups: short name, name, last changed, questions answered.
    Groups {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print a group's answers section by section, with who gave each and when.
    Show {
        /// A group's short name, or the path to a group file.
        group: String,
    },
    /// Set one answer. The value is read by the question's type.
    Answer {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The question's id (see `alongside questions`).
        question: String,
        /// The answer. Money: 1200 or £1,200.50. Yes/no: yes or no. Dates:
        /// 1 April 2027, 1/4/2027 or 2027-04-01. Choices: ids or labels, separated by commas. Budget:
        /// lines of `item | cost category | amount`, separated by `;`.
        /// - reads the answer from standard input.
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Who is giving this answer.
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
    },
    /// List the question bank: id, section, type and question.
    Questions {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Write a group's file, to share it or keep a copy.
    Export {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Write to this file instead of the screen (- for standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Add a group file from elsewhere (another computer, an email).
    Import {
        /// The group file to add.
        file: PathBuf,
        /// Replace a group with the same short name (its old version is kept
        /// as a backup).
        #[arg(long)]
        replace: bool,
        /// Merge it into the group with the same short name, answer by
        /// answer: a copy changed on another computer. Nothing is dropped;
        /// answers both copies changed are kept for you to choose between
        /// (see `resolve`).
        #[arg(long, conflicts_with = "replace")]
        merge: bool,
    },
    /// Check the group against every funder: which it can apply to, rule by
    /// rule, what would change a "no", how well each fits, and warnings
    /// about demands that clash with how the group wants to run.
    Match {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Show every rule of this one funder (its id from `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: Option<String>,
        /// Use only the profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Check deadlines as if today were this date (such as 1/4/2027).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Record a grant the group has been given.
    Award {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id (see `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: String,
        /// The amount awarded, such as 4752 or £4,752.
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        amount: String,
        /// The day the grant starts (such as 1/4/2027 or 1 April 2027).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        start: crate::dates::Day,
        /// The day the grant ends (such as 31/3/2028).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        end: crate::dates::Day,
        /// The approved budget, if it is not the application's: lines of
        /// `item | cost category | amount`, separated by `;`.
        #[arg(long, value_name = "LINES")]
        budget: Option<String>,
        /// When the interim return is due, if not as the funder's profile says.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        interim: Option<crate::dates::Day>,
        /// The funder's reference for the grant, from the offer letter.
        #[arg(long, value_name = "REF")]
        reference: Option<String>,
        /// When the final report is due, if not as the funder's profile says.
        #[arg(long = "final", value_name = "DATE", value_parser = parse_day)]
        final_report: Option<crate::dates::Day>,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
    },
    /// Add or change an outcome this grant pays for: one short line the
    /// group writes, or sentences picked from one of its answers (copied,
    /// never retyped), with what will be counted to show it.
    Promise {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The promise in the group's own words, such as "Meet every
        /// fortnight for a year" (or use --from).
        text: Option<String>,
        /// Pick the words from an answer instead: a question id, or
        /// funder-id/question-id for wording to a funder.
        #[arg(long, value_name = "QUESTION", conflicts_with = "text")]
        from: Option<String>,
        /// Which sentences of that answer to take, numbered from 1, such
        /// as 2 or 2,3 (without it, the sentences are listed).
        #[arg(long, value_name = "N", value_delimiter = ',', requires = "from")]
        sentence: Vec<usize>,
        /// What will be counted: sessions, attendance, new_people, or the
        /// group's own words such as "went on to volunteer".
        #[arg(long)]
        measure: Option<String>,
        /// The number hoped for (a number answer gives it already).
        #[arg(long)]
        target: Option<i64>,
        /// Change promise N (as numbered in the return) instead of adding
        /// one: new words, --measure or --target replace the old ones.
        #[arg(long, value_name = "N")]
        edit: Option<usize>,
        /// Which grant (needed when the group has more than one).
        #[arg(long, value_name = "ID")]
        grant: Option<String>,
        /// Take promise N away (the ones after it move up one).
        #[arg(long, value_name = "N", conflicts_with_all = ["text", "from", "edit", "measure", "target"])]
        remove: Option<usize>,
        /// List the grant's promises with their numbers, measures, targets
        /// and the result so far.
        #[arg(long, conflicts_with_all = ["text", "from", "edit", "measure", "target", "remove"])]
        list: bool,
    },
    /// Log what happens during a grant: a session, a count, a story, money
    /// spent, or a note. Each says what it recorded.
    Log {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Which grant (needed when the group has more than one running).
        #[arg(long, value_name = "ID", global = true)]
        grant: Option<String>,
        /// Who is logging it.
        #[arg(long, value_enum, default_value = "group", global = true)]
        by: ByArg,
        #[command(subcommand)]
        entry: monitoring::LogEntry,
    },
    /// Set the group's own words for one of a funder's questions (see the
    /// questions with `alongside match GROUP --funder ID` or the draft).
    Wording {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id.
        #[arg(long, value_name = "ID")]
        funder: String,
        /// The funder's question id (from its profile).
        question: String,
        /// The words, in quotes; - reads them from standard input.
        #[arg(required_unless_present = "edit", allow_hyphen_values = true)]
        text: Option<String>,
        /// Who is writing them.
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Open the current words in your text editor ($VISUAL or $EDITOR)
        /// instead of giving them on the command line.
        #[arg(long, conflicts_with = "text")]
        edit: bool,
    },
    /// Write a monitoring return from the evidence log: promises against
    /// what happened, attendance, spend against each budget line, the
    /// stories members agreed to share, and the group's notes.
    Report {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Which grant (needed when the group has more than one).
        #[arg(long, value_name = "ID")]
        grant: Option<String>,
        /// An interim return (up to today).
        #[arg(long, conflicts_with = "final_report")]
        interim: bool,
        /// The end-of-grant report (refused before the grant ends, unless
        /// --early).
        #[arg(long = "final")]
        final_report: bool,
        /// Write the final report before the grant's end (the funder asked
        /// for it early); needs --reason.
        #[arg(long, requires = "final_report", requires = "reason")]
        early: bool,
        /// Why the final report is early, in the group's words (it goes in
        /// the report).
        #[arg(long, value_name = "WORDS", requires = "early")]
        reason: Option<String>,
        /// md (to read), txt (to paste or read aloud), html (to print) or docx.
        #[arg(long, value_enum)]
        format: Option<drafting::FormatArg>,
        /// Write to this file instead of the screen (- for standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the return as if today were this date.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
        /// Who is writing it (recorded as a step of this year's work).
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
    },
    /// Returns overdue or due in the next 30 days, for every group.
    Due {
        /// Work out what is due as if today were this date.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Mark a return as sent to the funder.
    Sent {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Which grant (needed when the group has more than one).
        #[arg(long, value_name = "ID")]
        grant: Option<String>,
        /// The final report (otherwise the next interim return).
        #[arg(long = "final")]
        final_report: bool,
        /// The day it was sent; today if left out.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: Option<crate::dates::Day>,
    },
    /// Write a draft bid for one funder from the group's own wording:
    /// Markdown to read, plain text to paste into a web form, HTML to
    /// print, or a Word document. A question not written yet shows as a
    /// gap; nothing is ever made up.
    Draft {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id (see `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: String,
        /// md (to read), txt (to paste into a web form), html (to print) or
        /// docx (Word). Without it: from the ending of -o FILE, else md.
        #[arg(long, value_enum)]
        format: Option<drafting::FormatArg>,
        /// Write to this file instead of the screen (needed for docx; - for
        /// standard output, such as a pipe).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A working copy for the group and supporter: who wrote each answer
        /// and when, the funder's tips and words, and the answers each
        /// question draws on. Not for sending.
        #[arg(long)]
        with_notes: bool,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Date the draft as this day (such as 1/4/2027) instead of today.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
    },
    /// Check a bid before sending it: questions not written, answers under
    /// the minimum or over the limit, costs the funder does not pay for,
    /// totals that do not match, papers not ready, formatting a web form
    /// would show, notes left in. Exits with 1 if anything must be fixed.
    Check {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id (see `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: String,
        /// Who is checking (recorded as a step of this year's work).
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Go through the questions one at a time. With --plain, as ordinary
    /// lines of text for screen readers and basic terminals; without it, in
    /// the full-screen program.
    Interview {
        /// A group's short name, or the path to a group file.
        group: String,
        /// One question at a time as plain lines: no full screen, no boxes,
        /// numbered choices.
        #[arg(long)]
        plain: bool,
        /// Visit every question, not only those without an answer.
        #[arg(long)]
        all: bool,
        /// Next year's review: only questions without an answer and answers
        /// marked "check this".
        #[arg(long, requires = "plain", conflicts_with = "all")]
        review: bool,
        /// Only this section's questions (its id from `alongside questions`,
        /// such as ethos or money).
        #[arg(long, value_name = "ID", requires = "plain")]
        section: Option<String>,
        /// Who is at the keyboard (asked if not given).
        #[arg(long, value_enum)]
        by: Option<ByArg>,
    },
    /// Start next year's round: answers carry forward as they are, and
    /// figures, amounts, dates, membership and anything not changed for a
    /// year are marked "check this".
    NextYear {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Start it even though this year began less than 30 days ago.
        #[arg(long)]
        force: bool,
    },
    /// Record an application as sent: keeps an exact copy of the group's
    /// wording for that funder and the amount asked for. The copy never
    /// changes; next year's wording is compared with it.
    Submit {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id (see `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: String,
        /// The day it was sent (such as 1/4/2027); today if left out.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: Option<crate::dates::Day>,
        /// Who sent it.
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
    },
    /// Show what was sent to a funder in an earlier year beside this year's
    /// wording, question by question, with the words taken out and put in.
    Compare {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id (see `alongside funders`).
        #[arg(long, value_name = "ID")]
        funder: String,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
    },
    /// Year by year: who wrote the words (the group, the supporter,
    /// together) and which steps the group did itself.
    Progress {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Choose between two answers that two copies of the group changed
    /// differently (after `import --merge`). The other is kept in the
    /// answer's history.
    Resolve {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The question's id.
        question: String,
        /// ours: the answer on this computer; theirs: the one from the
        /// other copy.
        #[arg(long, value_enum)]
        keep: rounds::KeepArg,
    },
    /// Funders' words in plain English, or the ones matching WORDS.
    Glossary {
        /// Words to look for, such as "match funding".
        words: Vec<String>,
    },
    /// List funder profiles, or check profile files for mistakes.
    Funders {
        #[command(subcommand)]
        action: Option<FundersAction>,
        /// Use only the profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Set a grant's details for its returns: the funder's reference, who
    /// writes and signs them, the people promised, and a thank-you line.
    Grant {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Which grant (needed when the group has more than one).
        #[arg(long, value_name = "ID")]
        grant: Option<String>,
        /// The funder's reference for the grant, from the offer letter.
        #[arg(long, value_name = "REF")]
        reference: Option<String>,
        /// Who writes and signs the returns.
        #[arg(long, value_name = "NAME")]
        contact: Option<String>,
        /// Their role in the group, such as coordinator or treasurer.
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// How many people the group said would take part.
        #[arg(long, value_name = "N")]
        people: Option<i64>,
        /// A thank-you line to the funder, in the group's own words.
        #[arg(long, value_name = "WORDS")]
        thanks: Option<String>,
    },
    /// Members' stories with their entry ids, the uses agreed and whether
    /// consent stands; with ENTRY --withdraw, withdraw consent for one.
    Consent {
        /// A group's short name, or the path to a group file.
        group: String,
        /// A story's entry id, such as story-3 (from the list).
        entry: Option<String>,
        /// Withdraw consent for ENTRY: its words are removed for good and it
        /// leaves every output; only the fact of withdrawal is kept.
        #[arg(long, requires = "entry")]
        withdraw: bool,
        /// Print JSON for scripts.
        #[arg(long, conflicts_with = "withdraw")]
        json: bool,
        /// Print in full the stories agreed for one use and in force today,
        /// to copy from: report, other-funders or publicity.
        #[arg(long = "use", value_name = "USE", conflicts_with_all = ["withdraw", "entry"])]
        for_use: Option<UseArg>,
    },
    /// Share this data folder through git: one group on two computers, or
    /// a support organisation's groups kept by several workers.
    Share {
        #[command(subcommand)]
        action: share::ShareAction,
    },
    /// Every group with what needs attention (returns due, bids closing,
    /// answers to check or to choose between, the last change and who made
    /// it) and the group's own share of its words this year and last.
    Caseload {
        /// Work out what is due as if today were this date.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Run by git to merge two versions of a group file (set up by
    /// `alongside share init`); not for people.
    #[command(hide = true)]
    MergeDriver {
        /// The common ancestor (%O; not needed: answers carry their history).
        base: PathBuf,
        /// This computer's version (%A); the result is written here.
        ours: PathBuf,
        /// The other version (%B).
        theirs: PathBuf,
        /// The file's path in the repository (%P), for messages.
        path: String,
    },
    /// List a group's backups, newest first: when each was taken and what
    /// the version after it changed. `alongside restore` puts one back.
    Backups {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Put a backup back in place of the group file. The current file is
    /// kept as a backup first, so a restore can be undone the same way.
    Restore {
        /// A group's short name, or the path to a group file.
        group: String,
        /// A number from `alongside backups GROUP` (1 is the newest), or a
        /// backup's file name.
        backup: String,
    },
    /// Answer one of a funder's yes/no questions about the group (shown by
    /// `alongside match GROUP --funder ID`), such as "Has the group had a
    /// grant from this funder before?"
    Confirm {
        /// A group's short name, or the path to a group file.
        group: String,
        /// The funder's id, as `alongside funders` lists it.
        #[arg(long, value_name = "ID")]
        funder: String,
        /// The question's id, as `match --funder ID` shows it.
        ask: String,
        /// The answer.
        #[arg(value_enum)]
        answer: YesNoArg,
        /// Who answered (the group, unless given).
        #[arg(long, value_enum, default_value = "group")]
        by: ByArg,
        /// Use only the profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
    },
    /// Open grants data (360Giving): import files downloaded from GrantNav
    /// or a funder, see what is loaded, or what one funder gave.
    GrantsData {
        #[command(subcommand)]
        action: grants_data::GrantsDataAction,
    },
    /// Who funded groups like yours nearby, from the grants data: funders
    /// in tiers (your kind of work in your area; elsewhere; your area,
    /// other work; too few grants to say), each with the grants behind it.
    Nearby {
        /// A group's short name, or the path to a group file.
        group: String,
        /// Look in this local authority (name or ONS code) or region
        /// instead of the group's own council area and postcode.
        #[arg(long, value_name = "LOCAL_AUTHORITY|REGION")]
        within: Option<String>,
        /// At most this many funders in each tier.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Use only the funder profiles in this folder.
        #[arg(long, value_name = "DIR")]
        funders: Option<PathBuf>,
        /// Give profiles' verdicts as if today were this date.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        today: Option<crate::dates::Day>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print a script that lets your shell complete alongside's commands
    /// and flags with Tab. Bash: `alongside completions bash >
    /// ~/.local/share/bash-completion/completions/alongside`.
    Completions {
        /// bash, zsh, fish or powershell.
        #[arg(value_enum)]
        shell: shell::ShellArg,
    },
    /// Print alongside's manual page, for `man`: `alongside man >
    /// ~/.local/share/man/man1/alongside.1`, then `man alongside`.
    Man {
        /// A command whose own page to print instead, such as `answer` or
        /// `share init` (the main page lists them as alongside-answer(1)).
        command: Vec<String>,
    },
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

#[derive(Debug, Subcommand)]
pub enum FundersAction {
    /// Check funder profiles and report every mistake with its file, line,
    /// column and field. Exits with 1 if any profile has a mistake.
    Check {
        /// Files or folders to check. Without any, checks the built-in
        /// profiles and those in the data folder.
        paths: Vec<PathBuf>,
        /// Judge the age of sources as if today were this date.
        #[arg(long, value_parser = parse_day)]
        today: Option<crate::dates::Day>,
    },
    /// Add a funder that is not in the list (a local trust, the council's
    /// scheme), saved as <data-dir>/funders/ID.toml for every group in the
    /// data folder. Only what you give is recorded; whether it is open is
    /// "not known" until someone checks.
    New(funders::NewArgs),
    /// Add a funder's questions from text copied from its form or guidance.
    /// Each question keeps the funder's words; a word or character limit is
    /// read only where the text states one. For a built-in funder, a copy
    /// with the questions is saved in the data folder and used instead.
    Questions(funders::QuestionsArgs),
}

/// A command that could not be done: what to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    /// Stop without a message (the reader went away).
    pub fn quiet() -> Failure {
        Failure {
            message: String::new(),
            code: 0,
        }
    }

    /// A problem the person can fix (exit code 1).
    pub fn fixable(message: impl Display) -> Failure {
        Failure {
            message: message.to_string(),
            code: 1,
        }
    }
}

impl<E: std::error::Error> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::fixable(e)
    }
}

pub type Outcome = Result<(), Failure>;

/// Runs a subcommand. `out` receives the results; `warn` receives warnings
/// that should not mix with results (a funder profile skipped).
pub fn run(command: Command, data: &DataDir, out: &mut dyn Write, warn: &mut dyn Write) -> Outcome {
    match command {
        Command::Demo => groups::demo(data, out),
        Command::New { name } => groups::new(data, &name, out),
        Command::Groups { json } => groups::list(data, json, out, warn),
        Command::Show { group } => groups::show(data, &group, out),
        Command::Export { group, output } => groups::export(data, &group, output.as_deref(), out),
        Command::Import {
            file, merge: true, ..
        } => rounds::import_merge(data, &file, out),
        Command::Import { file, replace, .. } => groups::import(data, &file, replace, out),
        Command::NextYear { group, force } => rounds::next_year(data, &group, force, out, warn),
        Command::Submit {
            group,
            funder,
            date,
            by,
        } => rounds::submit(
            data,
            rounds::SubmitArgs {
                group: &group,
                funder: &funder,
                date,
                by: by.into(),
            },
            out,
            warn,
        ),
        Command::Compare {
            group,
            funder,
            funders,
        } => rounds::compare(
            data,
            rounds::CompareArgs {
                group: &group,
                funder: &funder,
                funders,
            },
            out,
            warn,
        ),
        Command::Progress { group, json } => rounds::progress(data, &group, json, out),
        Command::Resolve {
            group,
            question,
            keep,
        } => rounds::resolve(data, &group, &question, keep, out, warn),
        Command::Answer {
            group,
            question,
            value,
            by,
        } => answers::answer(data, &group, &question, &value, by.into(), out, warn),
        Command::Questions { json } => answers::questions(json, out),
        Command::Interview {
            group,
            plain: true,
            all,
            review,
            section,
            by,
        } => {
            let scope = match (all, review) {
                (_, true) => crate::plain::Scope::Review,
                (true, false) => crate::plain::Scope::All,
                (false, false) => crate::plain::Scope::Unanswered,
            };
            answers::interview(
                data,
                &group,
                scope,
                section.as_deref(),
                by.map(Into::into),
                out,
            )
        }
        // Without --plain the interview is the full-screen program, opened
        // on this group; main.rs starts it.
        Command::Interview { plain: false, .. } => Err(Failure::fixable(
            "the full-screen interview is started by the alongside program itself",
        )),
        Command::Glossary { words } => answers::glossary(&words.join(" "), out),
        Command::Match {
            group,
            funder,
            funders,
            today,
            json,
        } => matching::run_match(
            data,
            matching::MatchArgs {
                group: &group,
                funders,
                today,
                funder: funder.as_deref(),
                json,
            },
            out,
            warn,
        ),
        Command::Award {
            group,
            funder,
            amount,
            start,
            end,
            budget,
            interim,
            reference,
            final_report,
            funders,
        } => monitoring::award(
            data,
            monitoring::AwardArgs {
                group: &group,
                funder: &funder,
                amount: &amount,
                start,
                end,
                budget: budget.as_deref(),
                interim,
                final_report,
                reference: reference.as_deref(),
                funders,
            },
            out,
            warn,
        ),
        Command::Promise {
            group,
            grant,
            list: true,
            ..
        } => monitoring::promise_list(data, &group, grant.as_deref(), out),
        Command::Promise {
            group,
            text,
            from,
            sentence,
            measure,
            target,
            edit,
            grant,
            remove,
            list: false,
        } => monitoring::promise(
            data,
            monitoring::PromiseArgs {
                group: &group,
                grant: grant.as_deref(),
                text: text.as_deref(),
                from: from.as_deref(),
                sentences: &sentence,
                measure: measure.as_deref(),
                target,
                edit,
                remove,
            },
            out,
            warn,
        ),
        Command::Log {
            group,
            grant,
            by,
            entry,
        } => monitoring::log_entry(data, &group, grant.as_deref(), by.into(), entry, out, warn),
        Command::Due { today, json } => monitoring::due(data, today, json, out, warn),
        Command::Wording {
            group,
            funder,
            question,
            text,
            by,
            funders,
            edit,
        } => drafting::set_wording(
            data,
            drafting::WordingArgs {
                group: &group,
                funder: &funder,
                question: &question,
                text: text.as_deref().filter(|_| !edit),
                by: by.into(),
                funders,
            },
            out,
            warn,
        ),
        Command::Report {
            group,
            grant,
            interim,
            final_report,
            early,
            reason,
            format,
            output,
            today,
            by,
        } => {
            let early = early.then_some(reason.unwrap_or_default());
            let kind = match (interim, final_report) {
                (true, _) => Some(crate::group::ReportKind::Interim),
                (_, true) => Some(crate::group::ReportKind::Final),
                _ => None,
            };
            monitoring::report(
                data,
                monitoring::ReportArgs {
                    group: &group,
                    grant: grant.as_deref(),
                    kind,
                    format,
                    output: output.as_deref(),
                    today,
                    by: by.into(),
                    early: early.as_deref(),
                },
                out,
                warn,
            )
        }
        Command::Sent {
            group,
            grant,
            final_report,
            date,
        } => {
            let kind = if final_report {
                crate::group::ReportKind::Final
            } else {
                crate::group::ReportKind::Interim
            };
            monitoring::sent(data, &group, grant.as_deref(), kind, date, out)
        }
        Command::Draft {
            group,
            funder,
            format,
            output,
            with_notes,
            funders,
            today,
        } => drafting::draft(
            data,
            drafting::DraftArgs {
                group: &group,
                funder: &funder,
                format,
                output: output.as_deref(),
                with_notes,
                funders,
                today,
            },
            out,
            warn,
        ),
        Command::Check {
            group,
            funder,
            by,
            funders,
            json,
        } => drafting::check(
            data,
            drafting::CheckArgs {
                group: &group,
                funder: &funder,
                by: by.into(),
                funders,
                json,
            },
            out,
            warn,
        ),
        Command::Funders {
            action: None,
            funders,
            json,
        } => funders::list(data, funders, json, out, warn),
        Command::Funders {
            action: Some(FundersAction::Check { paths, today }),
            ..
        } => funders::check(
            data,
            &paths,
            today.unwrap_or_else(crate::dates::Day::today),
            out,
        ),
        Command::Funders {
            action: Some(FundersAction::New(args)),
            ..
        } => funders::new(data, args, out, warn),
        Command::Funders {
            action: Some(FundersAction::Questions(args)),
            ..
        } => funders::questions(data, args, out, warn),
        Command::Share { action } => share::run(action, data, out),
        Command::Caseload { today, json } => caseload::caseload(data, today, json, out, warn),
        Command::MergeDriver {
            ours, theirs, path, ..
        } => share::merge_driver(&ours, &theirs, &path),
        Command::Backups { group, json } => backups::list(data, &group, json, out),
        Command::Restore { group, backup } => backups::restore(data, &group, &backup, out),
        Command::Confirm {
            group,
            funder,
            ask,
            answer,
            by,
            funders,
        } => matching::confirm(
            data,
            matching::ConfirmArgs {
                group: &group,
                funder: &funder,
                ask: &ask,
                yes: answer == YesNoArg::Yes,
                by: by.into(),
                funders,
            },
            out,
            warn,
        ),
        Command::GrantsData { action } => grants_data::run(data, action, out, warn),
        Command::Nearby {
            group,
            within,
            limit,
            funders,
            today,
            json,
        } => grants_data::nearby(
            data,
            grants_data::NearbyArgs {
                group: &group,
                within: within.as_deref(),
                limit,
                funders,
                today,
                json,
            },
            out,
            warn,
        ),
        Command::Grant {
            group,
            grant,
            reference,
            contact,
            role,
            people,
            thanks,
        } => monitoring::grant_details(
            data,
            monitoring::DetailsArgs {
                group: &group,
                grant: grant.as_deref(),
                reference: reference.as_deref(),
                contact: contact.as_deref(),
                role: role.as_deref(),
                people,
                thanks: thanks.as_deref(),
            },
            out,
        ),
        Command::Consent {
            group,
            json,
            for_use: Some(use_),
            ..
        } => monitoring::consent_for_use(data, &group, use_.into(), json, out),
        Command::Consent {
            group,
            entry,
            withdraw,
            json,
            for_use: None,
        } => monitoring::consent(data, &group, entry.as_deref(), withdraw, json, out),
        Command::Completions { shell } => shell::completions(shell, out),
        Command::Man { command } => shell::man(&command, out),
    }
}

/// Writes a line. A closed pipe (`alongside show x | head`) is a quiet
/// stop, not an error.
///
/// Everything printed can quote a file someone else wrote (an imported
/// group, a funder profile), so control characters never get through.
fn line(out: &mut dyn Write, text: impl Display) -> Outcome {
    writeln!(out, "{}", crate::text::sanitize(&text.to_string(), true)).map_err(output_failure)
}

/// Writes a warning line. Warnings quote file names and file contents, so
/// control characters are removed first.
fn warn_line(warn: &mut dyn Write, text: impl Display) -> Outcome {
    line(warn, text)
}

fn output_failure(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::quiet()
    } else {
        Failure::fixable(format!("could not write the output: {e}"))
    }
}

/// Records that someone did a step of this year's work (checked a bid,
/// wrote a return) after a command that only read the group. If the group
/// is open for changing elsewhere the step is not recorded, and a note says
/// so; the command itself has still done its job.
fn record_step(
    data: &DataDir,
    target: &str,
    step: crate::group::Step,
    by: crate::group::Author,
    warn: &mut dyn Write,
) -> Outcome {
    match crate::store::OpenGroup::open(data, target, crate::store::Access::Write) {
        Ok(mut open) => {
            if open.group.record_step(step, by) {
                open.save()?;
            }
            Ok(())
        }
        Err(crate::store::StoreError::Lock(_)) => warn_line(
            warn,
            format!(
                "note: the group is open in another copy of alongside, so \"{}\" was not recorded for this year",
                step.label()
            ),
        ),
        Err(e) => Err(e.into()),
    }
}

/// Prints JSON for scripts, exact but safe to show (see `json_out`).
fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Outcome {
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
