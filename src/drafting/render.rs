//! Rendering a draft in one of four formats: Markdown, plain text and HTML
//! through the templates, Word through `docx`.

use std::path::Path;

use super::context::DraftContext;
use super::docx::write_docx;
use super::templates::{TemplateError, Templates};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A readable draft.
    Markdown,
    /// A paste sheet for a web form: each question with its limit, the
    /// count and the answer, with nothing a form would show literally.
    Text,
    /// One self-contained, printable, large-print page.
    Html,
    /// A Word document.
    Docx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Docx];

    /// The usual file name ending: `md`, `txt`, `html`, `docx`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// For people: "Markdown", "plain text", ...
    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Text => "plain text",
            Format::Html => "HTML",
            Format::Docx => "Word",
        }
    }

    /// The label with "a" or "an" before it: "a Markdown", "an HTML".
    pub fn with_article(self) -> &'static str {
        match self {
            Format::Markdown => "a Markdown",
            Format::Text => "a plain text",
            Format::Html => "an HTML",
            Format::Docx => "a Word",
        }
    }

    /// The template file this format is rendered with; Word has none.
    pub fn template_file(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some("application.md.tera"),
            Format::Text => Some("application.txt.tera"),
            Format::Html => Some("application.html.tera"),
            Format::Docx => None,
        }
    }

    /// The format a file name asks for by its ending (`draft.docx`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// Whether the result is text that can be shown in a terminal.
    pub fn is_text(self) -> bool {
        self != Format::Docx
    }
}

/// Why a draft could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("{0}")]
    Template(#[from] TemplateError),
    #[error("there is no template `{0}`; this is a mistake in alongside itself, please report it")]
    NoTemplate(&'static str),
    #[error("{0}")]
    Word(String),
}

/// Renders the draft. Text formats come back as UTF-8 bytes.
pub fn render(
    format: Format,
    context: &DraftContext,
    templates: &Templates,
) -> Result<Vec<u8>, DraftError> {
    let Some(file) = format.template_file() else {
        return write_docx(context).map_err(DraftError::Word);
    };
    let name = templates
        .pick(file, &context.funder.id)
        .ok_or(DraftError::NoTemplate(file))?;
    Ok(templates.render(name, context)?.into_bytes())
}
