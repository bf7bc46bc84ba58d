//! `answer` and `questions`.

use serde::Serialize;

use super::{Output, json, line, warn_line};
use crate::dates::Moment;
use crate::error::{Error, Result};
use crate::group::Author;
use crate::ids::QuestionId;
use crate::plain;
use crate::store::Access;
use crate::text::one_line;
use crate::workspace::Workspace;

/// Set one answer. The value is read by the question's type.
#[derive(Debug, clap::Args)]
pub struct AnswerArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The question's id (see `alongside questions`).
    pub question: QuestionId,
    /// The answer. Money: 1200 or £1,200.50. Yes/no: yes or no. Dates:
    /// 1 April 2027, 1/4/2027 or 2027-04-01. Choices: ids or labels, separated by commas. Budget:
    /// lines of `item | cost category | amount`, separated by `;`.
    /// - reads the answer from standard input.
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Who is giving this answer.
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
}

pub fn cmd_answer(ws: Workspace, args: AnswerArgs, Output { out, warn }: Output) -> Result {
    let (bank, vocab, by) = (ws.bank, ws.vocab, Author::from(args.by));
    let (target, question_id, typed) = (&args.group, &args.question, &args.value);
    // Check the question and value before touching the group, so a mistake
    // never opens, locks or rewrites anything.
    let question = bank.find(question_id)?;
    let typed = typed_or_stdin(typed)?;
    let value = question
        .parse_value(&typed, vocab)
        .map_err(|e| Error::fixable(e.about(question)))?;
    let mut open = ws.open_group(target, Access::Write)?;
    for notice in &open.notices {
        warn_line(warn, format!("note: {notice}"))?;
    }
    if !open.group.applies(question)
        && let Some(cond) = &question.only_if
    {
        warn_line(
            warn,
            format!(
                "note: this question is only asked when {} is answered a certain way; the answer is kept anyway",
                bank.name_of(&cond.question)
            ),
        )?;
    }
    let shown = one_line(&value.display(Some(question), vocab));
    let slot = crate::group::Slot::Answer(question.id.as_str().into());
    if !open.group.write(&slot, value, by, Moment::now()) {
        return line(
            out,
            format!(
                "No change: the answer to \"{}\" was already \"{shown}\".",
                question.prompt
            ),
        );
    }
    open.save()?;
    line(
        out,
        format!(
            "Saved \"{shown}\" as the answer to \"{}\" (by {}).",
            question.prompt,
            by.label()
        ),
    )
}

#[derive(Serialize)]
struct QuestionRow<'a> {
    id: &'a str,
    section: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    prompt: &'a str,
    choices: Vec<&'a str>,
}

/// List the question bank: id, section, type and question.
#[derive(Debug, clap::Args)]
pub struct QuestionsArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_questions(ws: Workspace, args: QuestionsArgs, Output { out, .. }: Output) -> Result {
    let (bank, vocab, as_json) = (ws.bank, ws.vocab, args.json);
    if as_json {
        let rows: Vec<QuestionRow> = bank
            .questions
            .iter()
            .map(|q| QuestionRow {
                id: &q.id,
                section: &q.section,
                kind: q.kind.name(),
                prompt: &q.prompt,
                choices: q
                    .choices
                    .as_deref()
                    .map(|c| vocab.list(c).iter().map(|e| e.id.as_str()).collect())
                    .unwrap_or_default(),
            })
            .collect();
        return json(out, &rows);
    }
    let id_width = bank.questions.iter().map(|q| q.id.len()).max().unwrap_or(2);
    for section in &bank.sections {
        line(out, format!("== {} ({}) ==", section.title, section.id))?;
        for q in bank.in_section(&section.id) {
            line(
                out,
                format!("{:id_width$}  {:10}  {}", q.id, q.kind.name(), q.prompt),
            )?;
        }
        line(out, "")?;
    }
    Ok(())
}

/// Go through the questions one at a time. With --plain, as ordinary
/// lines of text for screen readers and basic terminals; without it, in
/// the full-screen program.
#[derive(Debug, clap::Args)]
pub struct InterviewArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// One question at a time as plain lines: no full screen, no boxes,
    /// numbered choices.
    #[arg(long)]
    pub plain: bool,
    /// Visit every question, not only those without an answer.
    #[arg(long)]
    pub all: bool,
    /// Next year's review: only questions without an answer and answers
    /// marked "check this".
    #[arg(long, requires = "plain", conflicts_with = "all")]
    pub review: bool,
    /// Only this section's questions (its id from `alongside questions`,
    /// such as ethos or money).
    #[arg(long, value_name = "ID", requires = "plain")]
    pub section: Option<String>,
    /// Who is at the keyboard (asked if not given).
    #[arg(long, value_enum)]
    pub by: Option<super::ByArg>,
}

/// The plain interview (`Cli::run` starts the full-screen one when
/// --plain is not given, so `args.plain` is not looked at here).
pub fn cmd_interview(ws: Workspace, args: InterviewArgs, Output { out, .. }: Output) -> Result {
    let scope = match (args.all, args.review) {
        (_, true) => plain::Scope::Review,
        (true, false) => plain::Scope::All,
        (false, false) => plain::Scope::Unanswered,
    };
    let (bank, target, section) = (ws.bank, &args.group, args.section.as_deref());
    let by = args.by.map(Author::from);
    if let Some(id) = section
        && bank.section(id).is_none()
    {
        let ids: Vec<String> = bank
            .sections
            .iter()
            .map(|s| format!("{} ({})", s.id, s.title))
            .collect();
        return Err(Error::fixable(format!(
            "there is no section `{id}`. Give --section one of: {}",
            ids.join(", ")
        )));
    }
    let vocab = ws.vocab;
    let mut open = ws.open_group(target, Access::Write)?;
    for notice in &open.notices {
        line(out, format!("Note: {}", one_line(notice)))?;
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let by = match by {
        Some(by) => by,
        None => match plain::ask_author(&mut input, out).map_err(Error::from)? {
            Some(by) => by,
            None => return Ok(()),
        },
    };
    if scope == plain::Scope::Review && open.group.review_list(bank).is_empty() {
        return line(
            out,
            "Nothing to review: every question that applies has an answer and none is marked \"check this\".",
        );
    }
    if scope == plain::Scope::Unanswered && open.group.next_unanswered(bank).is_none() {
        line(
            out,
            "Every question that applies has an answer. To go through them again, add --all.",
        )?;
        let to_check = open.group.review_list(bank).len();
        if to_check > 0 {
            line(
                out,
                format!(
                    "{} {} marked \"check this\": to go through only those, add --review.",
                    crate::text::count(to_check, "answer"),
                    crate::text::is_are(to_check)
                ),
            )?;
        }
        return Ok(());
    }
    let settings = plain::Settings {
        by,
        scope,
        section,
        clock: Moment::now,
        width: plain_width(),
    };
    plain::interview(&mut open, bank, vocab, settings, &mut input, out).map_err(Error::from)?;
    Ok(())
}

/// The text given on the command line, or for `-` everything on standard
/// input (words piped from a file or another program).
pub(super) fn typed_or_stdin(typed: &str) -> Result<String> {
    if typed != "-" {
        return Ok(typed.to_string());
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), crate::store::MAX_GROUP_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| Error::fixable(format!("could not read standard input: {e}")))?;
    if bytes.len() as u64 > crate::store::MAX_GROUP_BYTES {
        return Err(Error::fixable(
            "what came in on standard input is too long to be one answer. Check what was piped in",
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::fixable(
            "what came in on standard input is not text (UTF-8). Save it as plain text and try again",
        )
    })
}

/// How wide the plain interview's lines may be: `COLUMNS` when the shell
/// sets it, else the terminal's width, else 80 (a pipe or a file).
fn plain_width() -> usize {
    use std::io::IsTerminal;
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0);
    let from_terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w))
            .filter(|w| *w > 0)
    };
    from_env.or_else(from_terminal).unwrap_or(80)
}

/// Funders' words in plain English, or the ones matching WORDS.
#[derive(Debug, clap::Args)]
pub struct GlossaryArgs {
    /// Words to look for, such as "match funding".
    pub words: Vec<String>,
}

pub fn cmd_glossary(_: Workspace, args: GlossaryArgs, Output { out, .. }: Output) -> Result {
    let words = &args.words.join(" ");
    let terms = crate::bank::glossary::search(words);
    if terms.is_empty() {
        return Err(Error::fixable(format!(
            "no word in the glossary matches \"{}\". Run `alongside glossary` to see them all",
            one_line(words)
        )));
    }
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            line(out, "")?;
        }
        line(out, &t.term)?;
        line(out, format!("  {}", t.meaning))?;
        line(out, format!("  Where you see it: {}", t.found))?;
    }
    Ok(())
}
