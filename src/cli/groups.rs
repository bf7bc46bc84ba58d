//! `demo`, `new`, `groups`, `show`, `export`, `import`.

use std::io::IsTerminal;
use std::path::PathBuf;

use serde::Serialize;

use super::{Output, json, line, warn_line};
use crate::dates::Moment;
use crate::error::{Error, Result};
use crate::store::{self, Access, OpenGroup, StoreError};
use crate::text::{one_line, sanitize};
use crate::workspace::Workspace;

/// Add the built-in demo group (a fictional group with every question
/// answered) and print its short name.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {}

pub fn cmd_demo(ws: Workspace, _: DemoArgs, Output { out, .. }: Output) -> Result {
    let data = &ws.data;
    let group = crate::demo::demo_group()?;
    let slug = group.slug.clone();
    match OpenGroup::create_from(data, group) {
        Ok(_) => line(out, slug),
        Err(StoreError::Exists { .. }) => Err(Error::fixable(format!(
            "the demo group is already there as `{slug}`. See it with `alongside show {slug}`"
        ))),
        Err(e) => Err(e.into()),
    }
}

/// Start a new group and print its short name.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The group's name, in quotes if it has spaces: "Riverside Carers".
    pub name: String,
}

pub fn cmd_new(ws: Workspace, args: NewArgs, Output { out, .. }: Output) -> Result {
    let (data, name) = (&ws.data, &args.name);
    if name.trim().is_empty() {
        return Err(Error::fixable(
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

/// List the groups: short name, name, last changed, questions answered.
#[derive(Debug, clap::Args)]
pub struct GroupsArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_groups(ws: Workspace, args: GroupsArgs, Output { out, warn }: Output) -> Result {
    let (data, bank, as_json) = (&ws.data, ws.bank, args.json);
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

/// Print a group's answers section by section, with who gave each and when.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
}

pub fn cmd_show(ws: Workspace, args: ShowArgs, Output { out, .. }: Output) -> Result {
    let (target, bank, vocab) = (&args.group, ws.bank, ws.vocab);
    let open = ws.open_group(target, Access::Read)?;
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

/// Write a group's file, to share it or keep a copy.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Write to this file instead of the screen (- for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn cmd_export(ws: Workspace, args: ExportArgs, Output { out, .. }: Output) -> Result {
    let (data, output) = (&ws.data, args.output.as_deref());
    let open = ws.open_group(&args.group, Access::Read)?;
    let text = ws.export(&open.group)?;
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
            store::write_output(data, path, text.as_bytes()).map_err(Error::fixable)?;
            line(
                out,
                format!("Wrote {} to {}", open.group.slug, path.display()),
            )
        }
    }
}

/// Add a group file from elsewhere (another computer, an email).
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The group file to add.
    pub file: PathBuf,
    /// Replace a group with the same short name (its old version is kept
    /// as a backup).
    #[arg(long)]
    pub replace: bool,
    /// Merge it into the group with the same short name, answer by
    /// answer: a copy changed on another computer. Nothing is dropped;
    /// answers both copies changed are kept for you to choose between
    /// (see `resolve`).
    #[arg(long, conflicts_with = "replace")]
    pub merge: bool,
}

pub fn cmd_import(ws: Workspace, args: ImportArgs, Output { out, .. }: Output) -> Result {
    let (data, file, replace) = (&ws.data, args.file.as_path(), args.replace);
    if args.merge {
        return super::rounds::import_merge(data, file, out);
    }
    match store::import(data, file, replace) {
        Ok(slug) => line(out, slug),
        Err(StoreError::Exists { slug }) => Err(Error::fixable(format!(
            "a group `{slug}` is already here. To replace it with this file (its current version is kept as a backup), run `alongside import {} --replace`",
            file.display()
        ))),
        Err(e) => Err(e.into()),
    }
}
