//! `alongside completions SHELL` and `alongside man`: the two files a shell
//! and `man` need, both built from the clap definition itself so they can
//! never list a command or flag the program does not have.

use clap::CommandFactory;

use super::{Cli, Output, output_failure};
use crate::error::{Error, Result};
use crate::workspace::Workspace;

/// The shells `alongside completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl From<ShellArg> for clap_complete::Shell {
    fn from(shell: ShellArg) -> Self {
        match shell {
            ShellArg::Bash => clap_complete::Shell::Bash,
            ShellArg::Zsh => clap_complete::Shell::Zsh,
            ShellArg::Fish => clap_complete::Shell::Fish,
            ShellArg::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// Print a script that lets your shell complete alongside's commands
/// and flags with Tab. Bash: `alongside completions bash >
/// ~/.local/share/bash-completion/completions/alongside`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish or powershell.
    #[arg(value_enum)]
    pub shell: ShellArg,
}

/// Prints the completion script for `shell`.
pub fn cmd_completions(_: Workspace, args: CompletionsArgs, Output { out, .. }: Output) -> Result {
    let shell = args.shell;
    let mut command = Cli::command();
    // clap_complete panics when a write fails; build the script in memory
    // so a closed pipe (`alongside completions bash | head`) stays quiet.
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut command,
        "alongside",
        &mut script,
    );
    out.write_all(&script).map_err(output_failure)
}

/// Print alongside's manual page, for `man`: `alongside man >
/// ~/.local/share/man/man1/alongside.1`, then `man alongside`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A command whose own page to print instead, such as `answer` or
    /// `share init` (the main page lists them as alongside-answer(1)).
    pub command: Vec<String>,
}

/// Prints the manual page (roff, as `man` reads it): alongside's own, or
/// with `words` (`share init`) the page of that command, named as the main
/// page refers to it (`alongside-share-init(1)`).
pub fn cmd_man(_: Workspace, args: ManArgs, Output { out, .. }: Output) -> Result {
    let words = &args.command;
    let mut command = Cli::command();
    // Building gives each subcommand its full name (`alongside-answer`),
    // which clap_mangen uses as the page's title.
    command.build();
    for word in words {
        let known: Vec<String> = command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        command = match command.find_subcommand(word) {
            Some(sub) if !sub.is_hide_set() => sub.clone(),
            _ => {
                return Err(Error::fixable(format!(
                    "`{word}` is not one of alongside's commands, so it has no manual page. \
                     Pages: {}",
                    if known.is_empty() {
                        "none below this one".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        };
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(output_failure)?;
    out.write_all(&page).map_err(output_failure)
}
