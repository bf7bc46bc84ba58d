//! `draft`: a group's bid to one funder as Markdown, plain text, HTML or
//! Word; and `check`: what to fix before sending it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::matching::load_catalogue;
use super::{Output, json, line, warn_line};
use crate::drafting::{self, Format, Problem};
use crate::error::{Error, Result};
use crate::ids::{FunderId, QuestionId};
use crate::paths::DataDir;
use crate::store::{self, Access};
use crate::text::one_line;
use crate::workspace::Workspace;

/// The formats `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Md,
    Txt,
    Html,
    Docx,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Txt => Format::Text,
            FormatArg::Html => Format::Html,
            FormatArg::Docx => Format::Docx,
        }
    }
}

/// The format asked for, or the one the output file's name suggests.
fn choose_format(format: Option<FormatArg>, output: Option<&Path>) -> Result<Format> {
    if let Some(format) = format {
        return Ok(format.into());
    }
    match output {
        Some(path) if path.extension().is_some() => Format::from_path(path).ok_or_else(|| {
            Error::fixable(format!(
                "cannot tell which format to write from the name {}. Add --format md, txt, html or docx",
                path.display()
            ))
        }),
        _ => Ok(Format::Markdown),
    }
}

/// The format to write, checked against where it is going: Word needs a
/// file, and no document may be written over the group's own file.
pub(super) fn output_format(
    format: Option<FormatArg>,
    output: Option<&Path>,
    group_file: &Path,
) -> Result<Format> {
    let format = choose_format(format, output)?;
    // `-o -` sends a Word document down a pipe, never onto the screen.
    let on_screen = match output {
        None => true,
        Some(path) if is_stdout(path) => std::io::stdout().is_terminal(),
        Some(_) => false,
    };
    if format == Format::Docx && on_screen {
        return Err(Error::fixable(
            "a Word document cannot be shown on the screen. Add -o FILE.docx to save it to a file (or -o - and send it into a pipe)",
        ));
    }
    if let Some(path) = output
        && is_same_file(path, group_file)
    {
        return Err(Error::fixable(format!(
            "{} is the group's own file; writing there would replace its answers. Choose another file name",
            path.display()
        )));
    }
    Ok(format)
}

/// `-o -`: write to standard output, as if no file had been named.
pub(super) fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The file `-o` names, or None for standard output (no -o, or `-o -`).
pub(super) fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| !is_stdout(path))
}

/// Writes a document to a file whole, never onto alongside's own files
/// (see `store::write_output_document`).
pub(super) fn write_file(data: &DataDir, path: &Path, bytes: &[u8]) -> Result {
    store::write_output_document(data, path, bytes).map_err(Error::fixable)
}

/// Whether two paths name the same existing file.
fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Write a draft bid for one funder from the group's own wording:
/// Markdown to read, plain text to paste into a web form, HTML to
/// print, or a Word document. A question not written yet shows as a
/// gap; nothing is ever made up.
#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id (see `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// md (to read), txt (to paste into a web form), html (to print) or
    /// docx (Word). Without it: from the ending of -o FILE, else md.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write to this file instead of the screen (needed for docx; - for
    /// standard output, such as a pipe).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A working copy for the group and supporter: who wrote each answer
    /// and when, the funder's tips and words, and the answers each
    /// question draws on. Not for sending.
    #[arg(long)]
    pub with_notes: bool,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Date the draft as this day (such as 1/4/2027) instead of today.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
}

pub fn cmd_draft(ws: Workspace, args: DraftArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders)?.with_today(args.today);
    let (data, output) = (&ws.data, args.output.as_deref());
    let open = ws.open_group(&args.group, Access::Read)?;
    let format = output_format(args.format, output, &open.path)?;
    let catalogue = load_catalogue(&ws, warn)?;
    let funder = &catalogue.find(&args.funder)?.profile;
    let drafted = ws.draft(&open.group, funder, format, args.with_notes)?;
    let (bytes, written, questions) = (drafted.bytes, drafted.written, drafted.questions);
    let gaps = questions - written;
    match output_file(output) {
        None => {
            out.write_all(&bytes).map_err(super::output_failure)?;
            if gaps > 0 {
                warn_line(
                    warn,
                    format!(
                        "note: {gaps} of {questions} questions not written yet; they show as gaps."
                    ),
                )?;
            }
            Ok(())
        }
        Some(path) => {
            write_file(data, path, &bytes)?;
            line(
                out,
                format!(
                    "Wrote {} draft for {} to {}.",
                    format.with_article(),
                    one_line(&funder.name),
                    path.display()
                ),
            )?;
            line(
                out,
                format!(
                    "{written} of {questions} questions written. Before you send it: alongside check {} --funder {}",
                    open.group.slug, funder.id
                ),
            )
        }
    }
}

/// `check --json` (docs/formats.md section 7).
#[derive(serde::Serialize)]
struct CheckReport<'a> {
    format: u32,
    group: &'a str,
    group_name: &'a str,
    funder: &'a str,
    funder_name: &'a str,
    blocking: usize,
    warnings: usize,
    problems: &'a [Problem],
}

/// Check a bid before sending it: questions not written, answers under
/// the minimum or over the limit, costs the funder does not pay for,
/// totals that do not match, papers not ready, formatting a web form
/// would show, notes left in. Exits with 1 if anything must be fixed.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id (see `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// Who is checking (recorded as a step of this year's work).
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_check(ws: Workspace, args: CheckArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders)?;
    // Opened once, for writing when nobody else has it open, so the step
    // "checked" can be recorded without reading the file a second time.
    let (mut open, writable) = ws.open_to_record(&args.group)?;
    let catalogue = load_catalogue(&ws, warn)?;
    let funder = &catalogue.find(&args.funder)?.profile;
    let problems = ws.check(&open.group, funder);
    let blocking = problems.iter().filter(|p| p.is_blocking()).count();
    if args.json {
        json(
            out,
            &CheckReport {
                format: super::json_out::FORMAT,
                group: &open.group.slug,
                group_name: &open.group.name,
                funder: &funder.id,
                funder_name: &funder.name,
                blocking,
                warnings: problems.len() - blocking,
                problems: &problems,
            },
        )?;
    } else {
        line(
            out,
            format!(
                "Checked {}'s bid to {} [{}].",
                one_line(&open.group.name),
                one_line(&funder.name),
                funder.id
            ),
        )?;
        for text in drafting::report_lines(&problems) {
            line(out, text)?;
        }
    }
    if writable {
        if open
            .group
            .record_step(crate::group::Step::Checked, args.by.into())
        {
            open.save()?;
        }
    } else {
        super::not_recorded(warn, crate::group::Step::Checked)?;
    }
    drop(open);
    if blocking > 0 {
        return Err(Error::fixable(format!(
            "the bid is not ready to send: {}",
            drafting::summary(&problems).trim_end_matches('.')
        )));
    }
    Ok(())
}

/// Set the group's own words for one of a funder's questions (see the
/// questions with `alongside match GROUP --funder ID` or the draft).
#[derive(Debug, clap::Args)]
pub struct WordingArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id.
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// The funder's question id (from its profile).
    pub question: QuestionId,
    /// The words, in quotes; - reads them from standard input.
    #[arg(required_unless_present = "edit", allow_hyphen_values = true)]
    pub text: Option<String>,
    /// Who is writing them.
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Open the current words in your text editor ($VISUAL or $EDITOR)
    /// instead of giving them on the command line.
    #[arg(long, conflicts_with = "text")]
    pub edit: bool,
}

/// Sets the group's words for one of a funder's questions, and says how
/// they count against the funder's limit.
pub fn cmd_wording(ws: Workspace, args: WordingArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders.clone())?;
    let by = crate::group::Author::from(args.by);
    let catalogue = load_catalogue(&ws, warn)?;
    let funder = &catalogue.find(&args.funder)?.profile;
    let Some(question) = funder.questions.iter().find(|q| q.id == args.question) else {
        let ids: Vec<&str> = funder.questions.iter().map(|q| q.id.as_str()).collect();
        let hint = crate::text::did_you_mean(&args.question, ids.iter().copied())
            .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
        return Err(Error::fixable(if ids.is_empty() {
            format!(
                "{} lists no questions yet. {}",
                one_line(&funder.name),
                drafting::no_questions_fix(&funder.id)
            )
        } else {
            format!(
                "{} has no question `{}`.{hint} Its questions are: {}",
                one_line(&funder.name),
                args.question,
                ids.join(", ")
            )
        }));
    };
    let typed = args.text.as_deref().filter(|_| !args.edit);
    let (typed, edited) = match typed {
        Some(typed) => (super::answers::typed_or_stdin(typed)?, None),
        None => {
            let edited = edit_wording(&ws, &args.group, &funder.id, &question.id)?;
            let crate::store::editing::Edited::Changed { text, earlier, .. } = &edited else {
                return line(
                    out,
                    "No change: the words were left as they were in the editor, so nothing was recorded.",
                );
            };
            if *earlier {
                warn_line(
                    warn,
                    "note: the editor opened words from an earlier edit that did not finish",
                )?;
            }
            (text.clone(), Some(edited))
        }
    };
    let text = crate::text::sanitize(&typed.replace("\r\n", "\n"), true)
        .trim()
        .to_string();
    if text.is_empty() {
        if let Some(edited) = &edited {
            edited.done();
        }
        return Err(Error::fixable(
            "the wording is empty, so nothing was recorded. Write the group's words in quotes, or with --edit in your editor",
        ));
    }
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let slot = crate::group::Slot::Wording {
        funder: funder.id.as_str().into(),
        question: question.id.as_str().into(),
    };
    let changed = open.group.write(
        &slot,
        crate::bank::AnswerValue::Text(text.clone()),
        by,
        crate::dates::Moment::now(),
    );
    if changed {
        open.save()?;
    }
    // Saved: the copy kept for the editor is no longer needed.
    if let Some(edited) = &edited {
        edited.done();
    }
    let count = drafting::limit_status(question, &text);
    line(
        out,
        format!(
            "{} {}: {}",
            if changed { "Saved" } else { "No change to" },
            question.id,
            one_line(&count.description)
        ),
    )?;
    if !count.advice.is_empty() {
        line(out, one_line(&count.advice))?;
    }
    for finding in drafting::lint(&text) {
        warn_line(
            warn,
            format!(
                "warning: line {} has {} (`{}`), which a web form would show as it is",
                finding.line,
                finding.what,
                one_line(&finding.found)
            ),
        )?;
    }
    Ok(())
}

/// `wording --edit`: the current words in the person's editor.
fn edit_wording(
    ws: &Workspace,
    group: &str,
    funder: &str,
    question: &str,
) -> Result<crate::store::editing::Edited> {
    let open = ws.open_group(group, Access::Read)?;
    let current = drafting::wording(&open.group, funder, question)
        .map(drafting::wording_text)
        .unwrap_or_default();
    let name = format!("{}/{funder}/{question}", open.group.slug);
    // The lock is taken again to save, after the editor closes: a long
    // edit never holds the group.
    drop(open);
    crate::store::editing::edit_words(&ws.data, &name, &current).map_err(Error::fixable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_flag_or_file_name() {
        assert_eq!(
            choose_format(Some(FormatArg::Txt), Some(Path::new("x.docx"))).ok(),
            Some(Format::Text)
        );
        assert_eq!(
            choose_format(None, Some(Path::new("bid.DOCX"))).ok(),
            Some(Format::Docx)
        );
        assert_eq!(
            choose_format(None, Some(Path::new("bid"))).ok(),
            Some(Format::Markdown)
        );
        assert_eq!(choose_format(None, None).ok(), Some(Format::Markdown));
        let err = choose_format(None, Some(Path::new("bid.doc"))).unwrap_err();
        assert!(err.message().contains("--format"), "{err}");
    }
}
