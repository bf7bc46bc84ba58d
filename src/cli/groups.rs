//! `demo`, `new`, `groups`, `show`, `export`, `import`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::Serialize;

use super::{Failure, Outcome, json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Moment;
use crate::paths::DataDir;
use crate::store::{self, Access, OpenGroup, StoreError};
use crate::text::{one_line, sanitize};
use crate::vocab::Vocabularies;

pub fn demo(data: &DataDir, out: &mut dyn Write) -> Outcome {
    let group = crate::demo::demo_group()?;
    let slug = group.slug.clone();
    match OpenGroup::create_from(data, group) {
        Ok(_) => line(out, slug),
        Err(StoreError::Exists { .. }) => Err(Failure::fixable(format!(
            "the demo group is already there as `{slug}`. See it with `alongside show {slug}`"
        ))),
        Err(e) => Err(e.into()),
    }
}

pub fn new(data: &DataDir, name: &str, out: &mut dyn Write) -> Outcome {
    if name.trim().is_empty() {
        return Err(Failure::fixable(
            "the group needs a name, such as \"Riverside Carers\"",
        ));
    }
    let open = OpenGroup::create(data, name, Moment::now())?;
    line(out, &open.group.slug)
}

/// One row of `groups --json` (docs/formats.md section 7).
#[derive(Serialize)]
struct GroupRow<'a> {
    /// The group's short name (slug), as everywhere in --json.
    group: &'a str,
    group_name: &'a str,
    updated: String,
    answered: usize,
    total: usize,
    path: String,
}

pub fn list(data: &DataDir, as_json: bool, out: &mut dyn Write, warn: &mut dyn Write) -> Outcome {
    let bank = Bank::builtin()?;
    let (groups, problems) = store::list_groups(data);
    for problem in &problems {
        warn_line(
            warn,
            format!("warning: skipped a group file that could not be read: {problem}"),
        )?;
    }
    let rows: Vec<GroupRow> = groups
        .iter()
        .map(|g| {
            let p = g.group.progress(&bank.questions);
            GroupRow {
                group: &g.slug,
                group_name: &g.name,
                updated: g.updated.to_string(),
                answered: p.answered,
                total: p.total,
                path: g.path.display().to_string(),
            }
        })
        .collect();
    if as_json {
        return json(out, &rows);
    }
    if rows.is_empty() && !problems.is_empty() {
        return line(
            out,
            format!(
                "No group could be read: {} skipped (see above). Fix the line named in a text editor, or restore a backup: `alongside backups GROUP` lists them, and `alongside restore GROUP BACKUP` puts one back.",
                match problems.len() {
                    1 => "1 group file was".to_string(),
                    n => format!("{n} group files were"),
                }
            ),
        );
    }
    if rows.is_empty() {
        return line(
            out,
            "No groups yet. Start one with `alongside new \"Group name\"`, or try `alongside demo`.",
        );
    }
    let slug_width = rows
        .iter()
        .map(|r| r.group.chars().count())
        .max()
        .unwrap_or(4)
        .max(10);
    let name_width = rows
        .iter()
        .map(|r| one_line(r.group_name).chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    line(
        out,
        format!(
            "{:slug_width$}  {:name_width$}  {:17}  ANSWERED",
            "SHORT NAME", "NAME", "LAST CHANGED"
        ),
    )?;
    for (row, g) in rows.iter().zip(&groups) {
        let name: String = one_line(row.group_name).chars().take(name_width).collect();
        line(
            out,
            format!(
                "{:slug_width$}  {name:name_width$}  {:17}  {}/{}",
                row.group,
                g.updated.for_people(),
                row.answered,
                row.total
            ),
        )?;
    }
    Ok(())
}

pub fn show(data: &DataDir, target: &str, out: &mut dyn Write) -> Outcome {
    let bank = Bank::builtin()?;
    let vocab = Vocabularies::builtin();
    let open = OpenGroup::open(data, target, Access::Read)?;
    let g = &open.group;
    let p = g.progress(&bank.questions);
    line(out, format!("{} ({})", one_line(&g.name), g.slug))?;
    line(
        out,
        format!(
            "Year {} of using alongside. {} of {} questions answered. Last changed {}.",
            g.round,
            p.answered,
            p.total,
            g.updated.for_people()
        ),
    )?;
    for section in &bank.sections {
        line(out, "")?;
        line(out, format!("== {} ==", section.title))?;
        if g.round > 1
            && let Some(prompt) = &section.changes_prompt
        {
            line(out, prompt)?;
        }
        for q in bank.in_section(&section.id) {
            if !g.applies(q) && !g.answers.contains_key(&q.id) {
                continue;
            }
            line(out, "")?;
            line(out, format!("{}  [{}]", q.prompt, q.id))?;
            match g.answers.get(&q.id) {
                Some(a) => {
                    for text_line in sanitize(&a.value.display(Some(q), vocab), true).lines() {
                        line(out, format!("  {text_line}"))?;
                    }
                    let earlier = match a.history.len() {
                        0 => String::new(),
                        1 => " (changed once before)".to_string(),
                        n => format!(" (changed {n} times before)"),
                    };
                    line(
                        out,
                        format!("  -- {}, {}{earlier}", a.by.label(), a.at.for_people()),
                    )?;
                    if a.check {
                        line(
                            out,
                            "  ! Check this: it may be out of date since the new year began",
                        )?;
                    }
                }
                None => line(out, "  (not answered yet)")?,
            }
        }
    }
    if !g.grants.is_empty() {
        line(out, "")?;
        line(out, "== Grants ==")?;
        for grant in &g.grants {
            line(
                out,
                format!(
                    "{}: {} from {}, {} to {}",
                    grant.id,
                    crate::text::format_pence(grant.pence),
                    one_line(&grant.funder),
                    grant.start.for_people(),
                    grant.end.for_people()
                ),
            )?;
        }
    }
    super::rounds::write_applications(g.applications(), out)?;
    super::rounds::write_conflicts(g, bank, vocab, out)?;
    let others: Vec<_> = g
        .answers
        .iter()
        .filter(|(id, _)| bank.question(id).is_none())
        .collect();
    if !others.is_empty() {
        line(out, "")?;
        line(
            out,
            "== Other answers (from a different version of alongside) ==",
        )?;
        for (id, a) in others {
            line(
                out,
                format!("{id}: {}", one_line(&a.value.display(None, vocab))),
            )?;
        }
    }
    for problem in g
        .mismatches(bank, vocab)
        .into_iter()
        .filter(|m| !m.contains("this version of alongside does not know"))
    {
        line(out, format!("note: {problem}"))?;
    }
    Ok(())
}

pub fn export(data: &DataDir, target: &str, output: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let open = OpenGroup::open(data, target, Access::Read)?;
    let text = crate::group::to_text(&open.group).map_err(Failure::fixable)?;
    match super::drafting::output_file(output) {
        // Exact bytes into a pipe or a file; on a terminal, nothing that
        // could act as a control sequence.
        None if std::io::stdout().is_terminal() => out
            .write_all(crate::text::sanitize(&text, true).as_bytes())
            .map_err(super::output_failure),
        None => out
            .write_all(text.as_bytes())
            .map_err(super::output_failure),
        Some(path) => {
            store::write_output(data, path, text.as_bytes()).map_err(Failure::fixable)?;
            line(
                out,
                format!("Wrote {} to {}", open.group.slug, path.display()),
            )
        }
    }
}

pub fn import(data: &DataDir, file: &Path, replace: bool, out: &mut dyn Write) -> Outcome {
    match store::import(data, file, replace) {
        Ok(slug) => line(out, slug),
        Err(StoreError::Exists { slug }) => Err(Failure::fixable(format!(
            "a group `{slug}` is already here. To replace it with this file (its current version is kept as a backup), run `alongside import {} --replace`",
            file.display()
        ))),
        Err(e) => Err(e.into()),
    }
}
