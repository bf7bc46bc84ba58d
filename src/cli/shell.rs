//! `alongside completions SHELL` and `alongside man`: the two files a shell
//! and `man` need, both built from the clap definition itself so they can
//! never list a command or flag the program does not have.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, output_failure};
use crate::error::{Error, Result};

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

/// Prints the completion script for `shell`.
pub fn completions(shell: ShellArg, out: &mut dyn Write) -> Result {
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

/// Prints the manual page (roff, as `man` reads it): alongside's own, or
/// with `words` (`share init`) the page of that command, named as the main
/// page refers to it (`alongside-share-init(1)`).
pub fn man(words: &[String], out: &mut dyn Write) -> Result {
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
