//! Drafting a bid for one funder, in the group's own words.
//!
//! - `wording`: the group's wording for a funder's questions (kept in
//!   `Group::wording`), and the bank answers each question draws on,
//!   offered to start from and never pasted in.
//! - `count`: an answer counted the way its funder counts it, with its
//!   status against the limits (the editor's live count).
//! - `lint`: Markdown, HTML and placeholders a plain-text form would show.
//! - `check`: pre-submission checks, each blocking or a warning, each
//!   saying where it is and what to do.
//! - `context`: what templates are given, worded for people.
//! - `templates` and `render`: tera templates (built-in, with the user's
//!   own over them) for Markdown, plain text and HTML; `docx` for Word.
//!
//! The program never writes answer text: an unwritten question is shown as
//! a gap, and the group's words go out exactly as the group wrote them.

pub mod carried;
mod check;
mod context;
mod count;
pub(crate) mod docx;
mod limits;
mod lint;
mod render;
mod templates;
pub(crate) mod word_finish;
mod wording;

pub use carried::funder_names;
pub use check::{
    Kind as ProblemKind, Problem, Severity, check, no_questions_fix, report_lines, summary,
};
pub use context::{
    BudgetLinePart, BudgetPart, DocumentPart, DraftContext, FunderPart, GroupPart, QuestionPart,
    StoryPart, TermPart,
};
pub use count::{Count, Status, limit_description, limit_status, plural};
pub use docx::write_docx;
pub use lint::{Finding, LintKind, lint};
pub use render::{DraftError, Format, render};
pub use templates::{
    MAX_TEMPLATE_BYTES, Origin as TemplateOrigin, TemplateError, TemplateProblem, Templates,
    builtin_templates,
};
pub use wording::{Offered, offered, wording, wording_text};

/// The folder inside the data folder where the user's own templates go.
pub const USER_TEMPLATES: &str = "templates";

/// Where the user's own templates are: `<data-dir>/templates`.
pub fn user_templates(data: &crate::paths::DataDir) -> std::path::PathBuf {
    data.root().join(USER_TEMPLATES)
}
