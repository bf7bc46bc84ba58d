//! `answer` and `questions`.

use std::io::Write;

use serde::Serialize;

use super::{Failure, Outcome, json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Moment;
use crate::group::Author;
use crate::paths::DataDir;
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
    let value = question.parse_value(typed, vocab).map_err(|e| {
        Failure::fixable(format!(
            "{} (question `{question_id}`). {}",
            e.problem, e.expected
        ))
    })?;
    let mut open = OpenGroup::open(data, target, Access::Write)?;
    for notice in &open.notices {
        warn_line(warn, format!("note: {notice}"))?;
    }
    if !open.group.applies(question)
        && let Some(cond) = &question.only_if
    {
        warn_line(warn,
            format!(
                "note: this question is only asked when `{}` is answered a certain way; the answer is kept anyway",
                cond.question
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
            format!("No change: {} was already \"{shown}\".", question.id),
        );
    }
    open.save()?;
    line(
        out,
        format!("Saved {} = \"{shown}\" (by {}).", question.id, by.label()),
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
