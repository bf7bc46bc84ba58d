//! Running the system `git`. Everything alongside asks of git goes through
//! here, so the same settings always apply:
//!
//! - messages in English (`LC_ALL=C`), because `RemoteProblem::from_stderr`
//!   reads them to say in plain words why a push or fetch failed;
//! - git never asks for a password or passphrase on the terminal
//!   (`GIT_TERMINAL_PROMPT=0`, ssh in batch mode): a prompt would break the
//!   full-screen program, and a failure is explained instead;
//! - no line-ending conversion (`core.autocrlf=false`), so group files travel
//!   byte for byte between Windows and other computers.
//!
//! `ALONGSIDE_GIT` names another git program (for a git installed somewhere
//! unusual); by default `git` is found on the PATH.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// How to install git, for the message when it is missing.
pub const INSTALL_GIT: &str = "alongside shares a data folder through git, which is not installed on this computer (or not on the PATH). Install it, then try again: on Debian or Ubuntu `sudo apt install git`; on Fedora `sudo dnf install git`; on macOS `xcode-select --install`; on Windows the installer from git-scm.com. If git is installed somewhere unusual, set ALONGSIDE_GIT to its full path";

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{INSTALL_GIT}")]
    Missing,
    #[error("could not run git ({program}): {source}")]
    Run {
        program: String,
        source: std::io::Error,
    },
    /// git ran and said no. `stderr` is git's own message.
    #[error("git {args} did not work: {}", one_line_of(.stderr))]
    Failed { args: String, stderr: String },
}

fn one_line_of(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        "(git gave no reason)".to_string()
    } else {
        lines.join(" / ")
    }
}

/// git working on one repository (the data folder).
#[derive(Debug, Clone)]
pub struct Git {
    program: PathBuf,
    dir: PathBuf,
    /// Extra `-c name=value` settings for every command.
    settings: Vec<String>,
    /// Who commits, as (name, email), when alongside makes a commit.
    author: Option<(String, String)>,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        let program = std::env::var_os("ALONGSIDE_GIT")
            .filter(|p| !p.is_empty())
            .map_or_else(|| PathBuf::from("git"), PathBuf::from);
        Git {
            program,
            dir: dir.to_path_buf(),
            settings: vec![
                "core.autocrlf=false".into(),
                "core.quotepath=false".into(),
                "advice.detachedHead=false".into(),
            ],
            author: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds a `-c name=value` setting to every command run.
    pub fn with_setting(mut self, setting: String) -> Git {
        self.settings.push(setting);
        self
    }

    /// Commits made through this value are by `name <email>`.
    pub fn as_author(&self, name: &str, email: &str) -> Git {
        let mut git = self.clone();
        git.author = Some((name.to_string(), email.to_string()));
        git
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(&self.program);
        cmd.arg("-C").arg(&self.dir);
        for s in &self.settings {
            cmd.arg("-c").arg(s);
        }
        cmd.args(args)
            .env("LC_ALL", "C")
            .env("LANGUAGE", "C")
            .env("GIT_TERMINAL_PROMPT", "0")
            // Always the data folder's own repository, whatever repository
            // the environment points at (alongside run from a git hook).
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(std::process::Stdio::null());
        if std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none() {
            cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        if let Some((name, email)) = &self.author {
            cmd.env("GIT_AUTHOR_NAME", name)
                .env("GIT_AUTHOR_EMAIL", email)
                .env("GIT_COMMITTER_NAME", name)
                .env("GIT_COMMITTER_EMAIL", email);
        }
        cmd
    }

    /// Runs git and returns its output whether or not it succeeded.
    pub fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                GitError::Missing
            } else {
                GitError::Run {
                    program: self.program.display().to_string(),
                    source,
                }
            }
        })
    }

    /// Runs git; an exit other than 0 is an error carrying git's message.
    pub fn run<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        self.bytes(args)
            .map(|out| String::from_utf8_lossy(&out).into_owned())
    }

    /// Runs git and reports only whether it succeeded (for questions such
    /// as "does this ref exist?").
    pub fn succeeds<I, S>(&self, args: I) -> Result<bool, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    /// The raw bytes git printed (a file at a commit, exactly).
    pub fn bytes<I, S>(&self, args: I) -> Result<Vec<u8>, GitError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let out = self.output(args.clone())?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(GitError::Failed {
                args: args
                    .into_iter()
                    .map(|a| a.as_ref().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            })
        }
    }
}

/// Why talking to the shared repository failed, in the words people need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteProblem {
    /// The network or the server could not be reached.
    NoNetwork,
    /// The shared repository is not where it was said to be.
    NotFound,
    /// The server would not let us in.
    Authentication,
    /// The shared repository refused what was sent.
    Rejected,
    /// Something else: git's own words are shown.
    Other,
}

impl RemoteProblem {
    /// Reads git's (English) error message.
    pub fn from_stderr(stderr: &str) -> RemoteProblem {
        let s = stderr.to_lowercase();
        let any = |needles: &[&str]| needles.iter().any(|n| s.contains(n));
        if any(&[
            "[rejected]",
            "[remote rejected]",
            "hook declined",
            "non-fast-forward",
            "fetch first",
            "failed to push some refs",
        ]) {
            RemoteProblem::Rejected
        } else if any(&[
            "authentication failed",
            "permission denied",
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "host key verification failed",
            "403",
            "401",
            "access denied",
            "not authorized",
        ]) {
            RemoteProblem::Authentication
        } else if any(&[
            "could not resolve host",
            "could not resolve hostname",
            "name or service not known",
            "temporary failure in name resolution",
            "network is unreachable",
            "connection refused",
            "connection timed out",
            "operation timed out",
            "no route to host",
            "failed to connect",
            "unable to access",
            "connection reset",
        ]) {
            RemoteProblem::NoNetwork
        } else if any(&[
            "does not appear to be a git repository",
            "repository not found",
            "not found",
            "no such file or directory",
        ]) {
            RemoteProblem::NotFound
        } else {
            RemoteProblem::Other
        }
    }

    /// What happened, in plain words, and what to do.
    pub fn explain(self) -> &'static str {
        match self {
            RemoteProblem::NoNetwork => {
                "the shared copy could not be reached: there may be no network, or the server is down. Try again when you are online"
            }
            RemoteProblem::NotFound => {
                "the shared copy is not where this folder says it is (it may have moved, or a drive is not plugged in). `alongside share status` shows where alongside looks"
            }
            RemoteProblem::Authentication => {
                "the shared copy would not let this computer in (the password, key or permission was refused). Ask whoever looks after the shared copy to check this computer's access"
            }
            RemoteProblem::Rejected => {
                "the shared copy refused the changes (someone else may have sent changes a moment ago, or the shared copy does not accept changes from here). Sync again; if it still refuses, ask whoever looks after the shared copy"
            }
            RemoteProblem::Other => "git could not talk to the shared copy",
        }
    }
}

/// Quotes a path for the shell git runs a merge driver with.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_read_as_plain_reasons() {
        let cases = [
            (
                " ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs",
                RemoteProblem::Rejected,
            ),
            (
                "remote: no thanks\nTo x\n ! [remote rejected] main -> main (pre-receive hook declined)",
                RemoteProblem::Rejected,
            ),
            (
                "fatal: unable to access 'https://example.org/x.git/': Could not resolve host: example.org",
                RemoteProblem::NoNetwork,
            ),
            (
                "ssh: connect to host example.org port 22: Connection refused\nfatal: Could not read from remote repository.",
                RemoteProblem::NoNetwork,
            ),
            (
                "git@example.org: Permission denied (publickey).\nfatal: Could not read from remote repository.",
                RemoteProblem::Authentication,
            ),
            (
                "fatal: could not read Username for 'https://example.org': terminal prompts disabled",
                RemoteProblem::Authentication,
            ),
            (
                "fatal: '/media/usb/shared.git' does not appear to be a git repository",
                RemoteProblem::NotFound,
            ),
            ("fatal: something new", RemoteProblem::Other),
        ];
        for (stderr, want) in cases {
            assert_eq!(RemoteProblem::from_stderr(stderr), want, "{stderr}");
        }
    }

    #[test]
    fn quoting_survives_spaces_and_quotes() {
        assert_eq!(shell_quote("/a b/c"), "'/a b/c'");
        assert_eq!(shell_quote("/it's"), "'/it'\\''s'");
    }
}
