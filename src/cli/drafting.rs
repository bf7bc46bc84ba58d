//! `draft`: a group's bid to one funder as Markdown, plain text, HTML or
//! Word; and `check`: what to fix before sending it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::matching::load_catalogue;
use super::{Failure, Outcome, json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Day;
use crate::drafting::{self, DraftContext, Format, Problem, Severity, Templates};
use crate::funders::{Catalogue, LoadedProfile};
use crate::paths::DataDir;
use crate::store::{self, Access, OpenGroup};
use crate::text::one_line;
use crate::vocab::Vocabularies;

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

pub struct DraftArgs<'a> {
    pub group: &'a str,
    pub funder: &'a str,
    pub format: Option<FormatArg>,
    pub output: Option<&'a Path>,
    pub with_notes: bool,
    pub funders: Option<PathBuf>,
    pub today: Option<Day>,
}

pub struct CheckArgs<'a> {
    pub group: &'a str,
    pub funder: &'a str,
    pub by: crate::group::Author,
    pub funders: Option<PathBuf>,
    pub json: bool,
}

/// The format asked for, or the one the output file's name suggests.
fn choose_format(format: Option<FormatArg>, output: Option<&Path>) -> Result<Format, Failure> {
    if let Some(format) = format {
        return Ok(format.into());
    }
    match output {
        Some(path) if path.extension().is_some() => Format::from_path(path).ok_or_else(|| {
            Failure::fixable(format!(
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
) -> Result<Format, Failure> {
    let format = choose_format(format, output)?;
    // `-o -` sends a Word document down a pipe, never onto the screen.
    let on_screen = match output {
        None => true,
        Some(path) if is_stdout(path) => std::io::stdout().is_terminal(),
        Some(_) => false,
    };
    if format == Format::Docx && on_screen {
        return Err(Failure::fixable(
            "a Word document cannot be shown on the screen. Add -o FILE.docx to save it to a file (or -o - and send it into a pipe)",
        ));
    }
    if let Some(path) = output
        && is_same_file(path, group_file)
    {
        return Err(Failure::fixable(format!(
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
pub(super) fn write_file(data: &DataDir, path: &Path, bytes: &[u8]) -> Outcome {
    store::write_output_document(data, path, bytes).map_err(Failure::fixable)
}

/// Whether two paths name the same existing file.
fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

pub(super) fn find_funder<'a>(
    catalogue: &'a Catalogue,
    id: &str,
) -> Result<&'a LoadedProfile, Failure> {
    catalogue.find(id).map_err(Failure::fixable)
}

pub fn draft(
    data: &DataDir,
    args: DraftArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let open = OpenGroup::open(data, args.group, Access::Read)?;
    let format = output_format(args.format, args.output, &open.path)?;
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let funder = &find_funder(&catalogue, args.funder)?.profile;
    // A draft of no questions would read like a finished bid with nothing
    // in it: say what is missing instead.
    if funder.questions.is_empty() {
        return Err(Failure::fixable(format!(
            "there is nothing to draft for {} yet: its profile does not list the funder's questions. {}",
            one_line(&funder.name),
            drafting::no_questions_fix(&funder.id)
        )));
    }
    let bank = Bank::builtin()?;
    let today = args.today.unwrap_or_else(Day::today);
    let context = DraftContext::build(
        &open.group,
        funder,
        bank,
        Vocabularies::builtin(),
        today,
        args.with_notes,
    );
    // Word documents are laid out in code, so a mistake in a user's text
    // template must not stop one being made.
    let user = drafting::user_templates(data);
    let templates = Templates::load_for(
        format.is_text().then_some(user.as_path()),
        &funder.id,
        // Word is laid out in code and needs no template at all.
        Some(format.template_file().unwrap_or("")),
    )
    .map_err(Failure::fixable)?;
    let bytes = drafting::render(format, &context, &templates).map_err(Failure::fixable)?;
    let gaps = context.questions.len() - context.written;
    match output_file(args.output) {
        None => {
            out.write_all(&bytes).map_err(super::output_failure)?;
            if gaps > 0 {
                warn_line(
                    warn,
                    format!(
                        "note: {gaps} of {} questions not written yet; they show as gaps.",
                        context.questions.len()
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
                    "{} of {} questions written. Before you send it: alongside check {} --funder {}",
                    context.written,
                    context.questions.len(),
                    open.group.slug,
                    funder.id
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

pub fn check(
    data: &DataDir,
    args: CheckArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    // Opened once, for writing when nobody else has it open, so the step
    // "checked" can be recorded without reading the file a second time.
    let (mut open, writable) = match OpenGroup::open(data, args.group, Access::Write) {
        Ok(open) => (open, true),
        Err(store::StoreError::Lock(_)) => {
            (OpenGroup::open(data, args.group, Access::Read)?, false)
        }
        Err(e) => return Err(e.into()),
    };
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let funder = &find_funder(&catalogue, args.funder)?.profile;
    let bank = Bank::builtin()?;
    let others = drafting::funder_names(catalogue.profiles.iter().map(|l| &l.profile), funder);
    let problems = drafting::check(
        &open.group,
        funder,
        &others,
        bank,
        Vocabularies::builtin(),
        Day::today(),
    );
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
        for (severity, heading) in [
            (Severity::Blocking, "Must fix before sending"),
            (Severity::Warning, "Worth checking"),
        ] {
            let these: Vec<&Problem> = problems.iter().filter(|p| p.severity == severity).collect();
            if these.is_empty() {
                continue;
            }
            line(out, "")?;
            line(out, format!("{heading} ({}):", these.len()))?;
            for p in these {
                line(out, "")?;
                line(out, format!("  {}", one_line(&p.place)))?;
                line(out, format!("    {}", one_line(&p.problem)))?;
                line(out, format!("    What to do: {}", one_line(&p.fix)))?;
            }
        }
        line(out, "")?;
        line(out, drafting::summary(&problems))?;
    }
    if writable {
        if open.group.record_step(crate::group::Step::Checked, args.by) {
            open.save()?;
        }
    } else {
        warn_line(
            warn,
            format!(
                "note: the group is open in another copy of alongside, so \"{}\" was not recorded for this year",
                crate::group::Step::Checked.label()
            ),
        )?;
    }
    drop(open);
    if blocking > 0 {
        return Err(Failure {
            message: format!(
                "the bid is not ready to send: {}",
                drafting::summary(&problems).trim_end_matches('.')
            ),
            code: 1,
        });
    }
    Ok(())
}

pub struct WordingArgs<'a> {
    pub group: &'a str,
    pub funder: &'a str,
    pub question: &'a str,
    /// The words, `-` for standard input, or None to open the editor.
    pub text: Option<&'a str>,
    pub by: crate::group::Author,
    pub funders: Option<PathBuf>,
}

/// Sets the group's words for one of a funder's questions, and says how
/// they count against the funder's limit.
pub fn set_wording(
    data: &DataDir,
    args: WordingArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let funder = &find_funder(&catalogue, args.funder)?.profile;
    let Some(question) = funder.questions.iter().find(|q| q.id == args.question) else {
        let ids: Vec<&str> = funder.questions.iter().map(|q| q.id.as_str()).collect();
        let hint = crate::text::closest(args.question, ids.iter().copied())
            .first()
            .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
        return Err(Failure::fixable(if ids.is_empty() {
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
    let (typed, edited) = match args.text {
        Some(typed) => (super::answers::typed_or_stdin(typed)?, None),
        None => {
            let edited = edit_wording(data, args.group, &funder.id, &question.id)?;
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
        return Err(Failure::fixable(
            "the wording is empty, so nothing was recorded. Write the group's words in quotes, or with --edit in your editor",
        ));
    }
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let changed = open.group.set_wording(
        &funder.id,
        &question.id,
        text.clone(),
        args.by,
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
    data: &DataDir,
    group: &str,
    funder: &str,
    question: &str,
) -> Result<crate::store::editing::Edited, Failure> {
    let open = OpenGroup::open(data, group, Access::Read)?;
    let current = drafting::wording(&open.group, funder, question)
        .map(drafting::wording_text)
        .unwrap_or_default();
    let name = format!("{}/{funder}/{question}", open.group.slug);
    // The lock is taken again to save, after the editor closes: a long
    // edit never holds the group.
    drop(open);
    crate::store::editing::edit_words(data, &name, &current).map_err(Failure::fixable)
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
        assert!(err.message.contains("--format"), "{}", err.message);
    }
}
