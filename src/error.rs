//! The one error both front ends show: what went wrong, what to do about
//! it, what caused it, and how the program should end.
//!
//! Library modules keep their own precise error types (`StoreError`,
//! `DraftError`, ...); a front end turns them into an [`Error`] with `?`.
//! The conversion keeps the original as the source, so nothing that
//! explains a failure is thrown away on the way to the screen.

use std::error::Error as StdError;
use std::fmt::{self, Display};

/// How a failure ends the program. The exit codes are documented in
/// `alongside --help` and README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A problem the person can fix (a group that does not exist, a value
    /// of the wrong type): the message says what to do. Exit code 1.
    Fixable,
    /// Stop without a word: the reader went away (`alongside show x |
    /// head` closed the pipe). Exit code 0.
    Quiet,
    /// alongside itself went wrong (its built-in data did not load): not
    /// something the person can fix by changing what they typed. Exit
    /// code 2, as for a command written wrongly.
    Internal,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Quiet => 0,
            ErrorKind::Fixable => 1,
            ErrorKind::Internal => 2,
        }
    }
}

type Source = Box<dyn StdError + Send + Sync + 'static>;

/// A failure to show to the person: a message, hints ("what to do") and
/// the chain of causes.
pub struct Error {
    kind: ErrorKind,
    message: String,
    hints: Vec<String>,
    source: Option<Source>,
}

/// What every operation and command returns.
pub type Result<T = (), E = Error> = std::result::Result<T, E>;

impl Error {
    /// A problem the person can fix (exit code 1).
    pub fn fixable(message: impl Display) -> Error {
        Error::new(ErrorKind::Fixable, message.to_string())
    }

    /// Stop without a message (exit code 0).
    pub fn quiet() -> Error {
        Error::new(ErrorKind::Quiet, String::new())
    }

    /// alongside itself went wrong (exit code 2).
    pub fn internal(message: impl Display) -> Error {
        Error::new(ErrorKind::Internal, message.to_string())
    }

    fn new(kind: ErrorKind, message: String) -> Error {
        Error {
            kind,
            message,
            hints: Vec::new(),
            source: None,
        }
    }

    /// An error of `kind` saying what `source` says, with `source` kept
    /// as the cause (so its own causes are printed too).
    pub fn from_source(kind: ErrorKind, source: impl StdError + Send + Sync + 'static) -> Error {
        Error {
            kind,
            message: source.to_string(),
            hints: Vec::new(),
            source: Some(Box::new(source)),
        }
    }

    /// Adds what to do about it, printed after the message and causes.
    pub fn with_hint(mut self, hint: impl Display) -> Error {
        self.hints.push(hint.to_string());
        self
    }

    /// Records what caused this, printed as a "because: …" line.
    pub fn because(mut self, source: impl StdError + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    /// The message with one more sentence in front ("{prefix}{message}"),
    /// keeping the kind, hints and causes.
    pub fn prefixed(mut self, prefix: impl Display) -> Error {
        self.message = format!("{prefix}{}", self.message);
        self
    }

    /// The causes worth printing, outermost first. A cause whose words are
    /// already in the message (or in an earlier cause) is left out: most
    /// library errors put their cause in their own sentence, and the same
    /// words twice help nobody.
    pub fn causes(&self) -> Vec<String> {
        let mut said = self.message.clone();
        let mut causes = Vec::new();
        let mut next: Option<&(dyn StdError + 'static)> = self.source.as_deref().map(|s| s as _);
        while let Some(cause) = next {
            let text = cause.to_string();
            if !text.trim().is_empty() && !said.contains(&text) {
                said.push('\n');
                said.push_str(&text);
                causes.push(text);
            }
            next = cause.source();
        }
        causes
    }

    /// The lines a front end prints: `error: message`, then a
    /// `because: …` line for each cause, then a `hint: …` line for each
    /// hint. Nothing at all for a quiet stop.
    pub fn report_lines(&self) -> Vec<String> {
        if self.message.is_empty() && self.kind == ErrorKind::Quiet {
            return Vec::new();
        }
        let mut lines = vec![format!("error: {}", self.message)];
        lines.extend(self.causes().into_iter().map(|c| format!("because: {c}")));
        lines.extend(self.hints.iter().map(|h| format!("hint: {h}")));
        lines
    }
}

impl Error {
    /// The message, its causes and its hints in one line, for a front end
    /// with room for one (the full-screen program's status line).
    pub fn one_line(&self) -> String {
        let mut text = self.message.clone();
        for cause in self.causes() {
            text.push_str(&format!(" (because: {cause})"));
        }
        for hint in &self.hints {
            text.push_str(&format!(". {hint}"));
        }
        text
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("hints", &self.hints)
            .field("causes", &self.causes())
            .finish()
    }
}

/// The message alone; `report_lines` gives the causes and hints too.
impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Conversions from the library's own errors: each keeps the original as
/// the source. They are problems the person can fix unless said otherwise.
macro_rules! fixable_from {
    ($($ty:ty),* $(,)?) => {$(
        impl From<$ty> for Error {
            fn from(e: $ty) -> Error {
                Error::from_source(ErrorKind::Fixable, e)
            }
        }
    )*};
}

fixable_from!(
    std::io::Error,
    toml::ser::Error,
    crate::store::StoreError,
    crate::store::LockError,
    crate::paths::DataDirError,
    crate::group::GroupFileError,
    crate::group::SubmitError,
    crate::group::ResolveError,
    crate::bank::UnknownQuestion,
    crate::bank::BadValue,
    crate::dates::BadDate,
    crate::drafting::DraftError,
    crate::drafting::TemplateError,
    crate::monitoring::PromiseError,
    crate::monitoring::log::LogError,
    crate::monitoring::consent::ConsentError,
    crate::monitoring::AwardError,
    crate::monitoring::DetailsError,
    crate::monitoring::SentError,
    crate::monitoring::summary::ReturnError,
    crate::funders::user_profiles::ProfileError,
    crate::grants_data::ImportError,
    crate::grants_data::IndexError,
    crate::grants_data::LookupError,
    crate::share::ShareError,
    crate::share::GitError,
    crate::share::DriverError,
    crate::plain::InterviewError,
    crate::funders::NoSuchFunder,
);

/// The built-in question bank is compiled in: if it does not load, that is
/// a fault in alongside, not in anything the person did.
impl From<crate::bank::BankError> for Error {
    fn from(e: crate::bank::BankError) -> Error {
        Error::from_source(ErrorKind::Internal, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("the disk said no")]
    struct Disk;

    #[derive(Debug, thiserror::Error)]
    #[error("could not save the group")]
    struct Save(#[source] Disk);

    #[derive(Debug, thiserror::Error)]
    #[error("could not save: {0}")]
    struct SaveSaying(#[source] Disk);

    #[test]
    fn exit_codes_follow_the_kind() {
        assert_eq!(Error::fixable("x").exit_code(), 1);
        assert_eq!(Error::quiet().exit_code(), 0);
        assert_eq!(Error::internal("x").exit_code(), 2);
        let bank = crate::bank::BankError("bad built-in bank".into());
        assert_eq!(Error::from(bank).kind(), ErrorKind::Internal);
        let io = std::io::Error::other("full");
        assert_eq!(Error::from(io).kind(), ErrorKind::Fixable);
    }

    #[test]
    fn quiet_prints_nothing() {
        assert!(Error::quiet().report_lines().is_empty());
    }

    #[test]
    fn causes_are_printed_as_because_lines_after_the_message() {
        let e = Error::from(std::io::Error::other(Save(Disk)));
        assert_eq!(
            e.report_lines(),
            vec![
                "error: could not save the group",
                "because: the disk said no"
            ]
        );
        let e = Error::fixable("the draft was not written")
            .because(Save(Disk))
            .with_hint("free some space, then run it again");
        assert_eq!(
            e.report_lines(),
            vec![
                "error: the draft was not written",
                "because: could not save the group",
                "because: the disk said no",
                "hint: free some space, then run it again",
            ]
        );
    }

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let e = Error::from(std::io::Error::other(SaveSaying(Disk)));
        assert_eq!(
            e.report_lines(),
            vec!["error: could not save: the disk said no"]
        );
        // A library error that names its cause in its own sentence.
        let store = crate::store::StoreError::Write {
            path: "g.toml".into(),
            source: std::io::Error::other("no space left"),
        };
        let lines = Error::from(store).report_lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("no space left"), "{lines:?}");
    }

    #[test]
    fn conversion_keeps_the_source() {
        let e: Error = crate::store::StoreError::Lock(crate::store::LockError::Io {
            path: "g.lock".into(),
            source: std::io::Error::other("lock file vanished"),
        })
        .into();
        assert!(
            e.report_lines().join("\n").contains("lock file vanished"),
            "{e:?}"
        );
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn prefixed_keeps_kind_and_hints() {
        let e = Error::internal("b").with_hint("h").prefixed("a: ");
        assert_eq!(e.message(), "a: b");
        assert_eq!(e.kind(), ErrorKind::Internal);
        assert_eq!(e.hints(), ["h".to_string()]);
    }
}
