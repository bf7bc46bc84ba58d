//! `answer` and `questions`.

use std::io::Write;

use serde::Serialize;

use super::{Failure, Outcome, json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Moment;
use crate::group::Author;
use crate::paths::DataDir;
use crate::plain;
use crate::store::{Access, OpenGroup};
use crate::text::one_line;
use crate::vocab::Vocabularies;

pub fn answer(
    data: &DataDir,
    target: &str,
    question_id: &str,
    typed: &str,
    by: Author,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let bank = Bank::builtin()?;
    let vocab = Vocabularies::builtin();
    // Check the question and value before touching the group, so a mistake
    // never opens, locks or rewrites anything.
    let question = bank.find(question_id)?;
    let typed = typed_or_stdin(typed)?;
    let value = question
        .parse_value(&typed, vocab)
        .map_err(|e| Failure::fixable(e.about(question)))?;
    let mut open = OpenGroup::open(data, target, Access::Write)?;
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
    if !open
        .group
        .set_answer(&question.id, value, by, Moment::now())
    {
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

pub fn questions(as_json: bool, out: &mut dyn Write) -> Outcome {
    let bank = Bank::builtin()?;
    let vocab = Vocabularies::builtin();
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

pub fn interview(
    data: &DataDir,
    target: &str,
    scope: plain::Scope,
    section: Option<&str>,
    by: Option<Author>,
    out: &mut dyn Write,
) -> Outcome {
    let bank = Bank::builtin()?;
    if let Some(id) = section
        && bank.section(id).is_none()
    {
        let ids: Vec<String> = bank
            .sections
            .iter()
            .map(|s| format!("{} ({})", s.id, s.title))
            .collect();
        return Err(Failure::fixable(format!(
            "there is no section `{id}`. Give --section one of: {}",
            ids.join(", ")
        )));
    }
    let vocab = Vocabularies::builtin();
    let mut open = OpenGroup::open(data, target, Access::Write)?;
    for notice in &open.notices {
        line(out, format!("Note: {}", one_line(notice)))?;
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let by = match by {
        Some(by) => by,
        None => match plain::ask_author(&mut input, out).map_err(Failure::fixable)? {
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
    plain::interview(&mut open, bank, vocab, settings, &mut input, out)
        .map_err(Failure::fixable)?;
    Ok(())
}

/// The text given on the command line, or for `-` everything on standard
/// input (words piped from a file or another program).
pub(super) fn typed_or_stdin(typed: &str) -> Result<String, Failure> {
    if typed != "-" {
        return Ok(typed.to_string());
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), crate::store::MAX_GROUP_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| Failure::fixable(format!("could not read standard input: {e}")))?;
    if bytes.len() as u64 > crate::store::MAX_GROUP_BYTES {
        return Err(Failure::fixable(
            "what came in on standard input is too long to be one answer. Check what was piped in",
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Failure::fixable(
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

pub fn glossary(words: &str, out: &mut dyn Write) -> Outcome {
    let terms = crate::bank::glossary::search(words);
    if terms.is_empty() {
        return Err(Failure::fixable(format!(
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
