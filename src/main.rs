//! The `alongside` binary: parse the command line, then hand over to the
//! library (the full-screen program, or one subcommand).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = alongside::cli::Cli::parse();
    let data = match alongside::paths::DataDir::resolve(cli.data_dir.as_deref()) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match cli.command {
        // The interview without --plain is the full-screen program, opened
        // on that group.
        Some(alongside::cli::Command::Interview {
            group,
            plain: false,
            ..
        }) => alongside::tui::run(
            &data,
            alongside::tui::Options {
                mouse: cli.mouse,
                open: Some(group),
            },
        ),
        Some(command) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            alongside::cli::run(command, &data, &mut stdout.lock(), &mut stderr.lock())
        }
        None => alongside::tui::run(
            &data,
            alongside::tui::Options {
                mouse: cli.mouse,
                open: None,
            },
        ),
    };
    match result {
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
