//! The `alongside` binary: parse the command line, then hand over to the
//! library (the full-screen program, or one subcommand).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match alongside::cli::Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages can quote what was typed or read from a file: never
            // let control characters reach the terminal.
            for line in error.report_lines() {
                eprintln!("{}", alongside::text::sanitize(&line, true));
            }
            ExitCode::from(error.exit_code())
        }
    }
}
