//! `award`, `grant`, `promise`, `log`, `report`, `due` and `sent`:
//! recording a grant, the light evidence log kept during it, and the
//! returns written from it.

use std::io::Write;
use std::path::PathBuf;

use super::matching::load_catalogue;
use super::{Failure, Outcome, json, line, warn_line};
use crate::bank::parse_money;
use crate::dates::{Day, Moment};
use crate::group::{Author, Group, NoteKind, ReportKind};
use crate::monitoring::{self, log};
use crate::paths::DataDir;
use crate::store::{self, Access, OpenGroup};
use crate::text::{format_pence, one_line};

pub struct AwardArgs<'a> {
    pub group: &'a str,
    pub funder: &'a str,
    pub amount: &'a str,
    pub start: Day,
    pub end: Day,
    pub budget: Option<&'a str>,
    pub interim: Option<Day>,
    pub final_report: Option<Day>,
    pub reference: Option<&'a str>,
    pub funders: Option<PathBuf>,
}

pub fn award(
    data: &DataDir,
    args: AwardArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let pence = parse_money(args.amount)
        .map_err(|e| Failure::fixable(format!("{} (--amount). {}", e.problem, e.expected)))?;
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let funder = catalogue.find(args.funder).map_err(Failure::fixable)?;
    let budget = match args.budget {
        Some(typed) => monitoring::BudgetFrom::Typed(
            crate::bank::parse_budget(typed, crate::vocab::Vocabularies::builtin()).map_err(
                |e| Failure::fixable(format!("{} (--budget). {}", e.problem, e.expected)),
            )?,
        ),
        None => monitoring::BudgetFrom::Application,
    };
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let grant = monitoring::record_award(
        &mut open.group,
        &funder.profile,
        monitoring::AwardSpec {
            pence,
            start: args.start,
            end: args.end,
            interim: args.interim,
            final_report: args.final_report,
            reference: args.reference.map(str::to_string),
            budget,
        },
    )
    .map_err(Failure::fixable)?
    .clone();
    open.group.updated = Moment::now();
    open.save()?;
    line(
        out,
        format!(
            "Recorded grant {}: {} from {}, {} to {}.",
            grant.id,
            format_pence(pence),
            one_line(&funder.profile.name),
            args.start.for_people(),
            args.end.for_people()
        ),
    )?;
    if grant.budget.is_empty() {
        line(
            out,
            format!(
                "No budget lines yet: answer \"What will the project cost?\" (alongside answer {} project_budget \"...\") before recording spending.",
                open.group.slug
            ),
        )?;
    } else {
        line(
            out,
            format!(
                "Budget: {} from the application, {} in all.",
                crate::text::count(grant.budget.len(), "line"),
                format_pence(crate::bank::budget_total(&grant.budget))
            ),
        )?;
    }
    if grant.reports.is_empty() {
        line(
            out,
            "No reporting dates in the funder's profile: add them with --interim DATE and --final DATE.",
        )?;
    }
    for r in &grant.reports {
        line(
            out,
            format!("{} due {}.", capitalise(r.kind.label()), r.due.for_people()),
        )?;
    }
    Ok(())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The grant a command is about: the one named, or the only one running
/// (or the only one there is).
fn pick_grant(group: &Group, wanted: Option<&str>, today: Day) -> Result<usize, Failure> {
    let list = || {
        group
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(id) = wanted {
        return group.grants.iter().position(|g| g.id == id).ok_or_else(|| {
            Failure::fixable(if group.grants.is_empty() {
                format!("there is no grant `{id}`: this group has no grants yet. Record one with `alongside award`")
            } else {
                format!("there is no grant `{id}`. This group's grants are: {}", list())
            })
        });
    }
    let running: Vec<usize> = (0..group.grants.len())
        .filter(|i| group.grants[*i].is_active(today))
        .collect();
    match (running.as_slice(), group.grants.len()) {
        ([one], _) => Ok(*one),
        ([], 1) => Ok(0),
        (_, 0) => Err(Failure::fixable(
            "this group has no grants yet. Record one with `alongside award`",
        )),
        _ => Err(Failure::fixable(format!(
            "this group has more than one grant; say which with --grant ID ({})",
            list()
        ))),
    }
}

pub struct PromiseArgs<'a> {
    pub group: &'a str,
    pub grant: Option<&'a str>,
    pub text: Option<&'a str>,
    pub from: Option<&'a str>,
    pub sentences: &'a [usize],
    pub measure: Option<&'a str>,
    pub target: Option<i64>,
    /// Change promise N (from 1) instead of adding one.
    pub edit: Option<usize>,
    /// Take promise N (from 1) away.
    pub remove: Option<usize>,
}

pub fn promise(
    data: &DataDir,
    args: PromiseArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let index = pick_grant(&open.group, args.grant, Day::today())?;
    if let Some(n) = args.remove {
        let gone = monitoring::remove_promise(&mut open.group.grants[index], n)
            .map_err(Failure::fixable)?;
        open.group.updated = Moment::now();
        open.save()?;
        return line(
            out,
            format!(
                "Promise {n} taken away (\"{}\"); the ones after it move up one.",
                one_line(&gone.what)
            ),
        );
    }
    let words = match (args.text, args.from) {
        (Some(text), _) => Some(monitoring::PromiseWords::Own(text.to_string())),
        (None, Some(from)) => Some(monitoring::PromiseWords::FromAnswer {
            from: from.to_string(),
            sentences: args.sentences.to_vec(),
        }),
        (None, None) => None,
    };
    let done = match (args.edit, &words) {
        (None, None) => {
            return Err(Failure::fixable(
                "say what the grant will do: write one short line in quotes, such as alongside promise GROUP \"Meet every fortnight for a year\" --measure sessions --target 26, or pick sentences from an answer with --from QUESTION --sentence N",
            ));
        }
        (None, Some(words)) => {
            monitoring::add_promise(&mut open.group, index, words, args.measure, args.target)
        }
        (Some(n), words) => monitoring::edit_promise(
            &mut open.group,
            index,
            n,
            words.as_ref(),
            args.measure,
            args.target,
        ),
    }
    .map_err(Failure::fixable)?;
    let said = if args.edit.is_some() {
        format!("Promise {} changed", done.number)
    } else {
        format!("Promise {} added", done.number)
    };
    let said = match (&done.promise.measure, done.promise.target) {
        (Some(m), Some(t)) => format!("{said}, counted by \"{m}\", hoping for {t}."),
        (Some(m), None) => format!("{said}, counted by \"{m}\"."),
        _ => format!("{said}, in the group's words."),
    };
    open.group.updated = Moment::now();
    open.save()?;
    line(out, said)?;
    for w in done.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    Ok(())
}

pub struct DetailsArgs<'a> {
    pub group: &'a str,
    pub grant: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub role: Option<&'a str>,
    pub people: Option<i64>,
    pub thanks: Option<&'a str>,
}

/// Sets the details a return needs beyond the log. Each given value
/// replaces the old one; an empty one ("") takes it away.
pub fn grant_details(data: &DataDir, args: DetailsArgs<'_>, out: &mut dyn Write) -> Outcome {
    if args.people.is_some_and(|n| n < 0) {
        return Err(Failure::fixable("--people cannot be below zero"));
    }
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let index = pick_grant(&open.group, args.grant, Day::today())?;
    let g = &mut open.group.grants[index];
    let said = monitoring::set_details(
        g,
        &monitoring::Details {
            reference: args.reference,
            contact: args.contact,
            role: args.role,
            people: args.people,
            thanks: args.thanks,
        },
    )
    .map_err(|_| {
        Failure::fixable(
            "nothing to change: give --reference, --contact, --role, --people or --thanks",
        )
    })?;
    let id = g.id.clone();
    open.group.updated = Moment::now();
    open.save()?;
    line(out, format!("Grant {id}: {}.", said.join("; ")))
}

/// `alongside promise GROUP --list`: each promise with its number and the
/// result so far.
pub fn promise_list(
    data: &DataDir,
    group: &str,
    grant: Option<&str>,
    out: &mut dyn Write,
) -> Outcome {
    let today = Day::today();
    let open = OpenGroup::open(data, group, Access::Read)?;
    let index = pick_grant(&open.group, grant, today)?;
    let g = &open.group.grants[index];
    let rows = monitoring::promise_results(g, today);
    if rows.is_empty() {
        return line(
            out,
            format!(
                "Grant {} has no promises yet. Add one with `alongside promise {group} \"...\" --measure ...`.",
                g.id
            ),
        );
    }
    for (i, p) in rows.iter().enumerate() {
        line(out, format!("{}. {}", i + 1, one_line(&p.what)))?;
        line(out, format!("   {}", one_line(&p.result)))?;
    }
    Ok(())
}

/// Yes or no on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NoteKindArg {
    Difficulty,
    WentWell,
    Learned,
    Next,
}

impl From<NoteKindArg> for NoteKind {
    fn from(k: NoteKindArg) -> NoteKind {
        match k {
            NoteKindArg::Difficulty => NoteKind::Difficulty,
            NoteKindArg::WentWell => NoteKind::WentWell,
            NoteKindArg::Learned => NoteKind::Learned,
            NoteKindArg::Next => NoteKind::Next,
        }
    }
}

/// One entry for `alongside log`.
#[derive(Debug, clap::Subcommand)]
pub enum LogEntry {
    /// A meeting or activity: how many came, how many were new.
    Session {
        /// How many people came.
        #[arg(long)]
        came: u32,
        /// How many of them were new.
        #[arg(long, default_value_t = 0)]
        new: u32,
        /// The day (such as 1/4/2027); today if left out.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<Day>,
    },
    /// A number for one of the group's own measures.
    Count {
        /// The measure, as named in the grant's promises.
        measure: String,
        /// How many.
        #[arg(allow_hyphen_values = true)]
        number: i64,
        #[arg(long, value_parser = super::parse_day)]
        date: Option<Day>,
    },
    /// A member's story or quote.
    Story {
        /// The story, in quotes.
        text: String,
        /// Did the member agree to it being used (see --uses)?
        #[arg(long, value_enum)]
        consent: YesNo,
        /// What the member agreed it may be used for, separated by commas:
        /// report (this funder's returns), other-funders, publicity.
        /// With --consent yes and no --uses: report.
        #[arg(long, value_name = "USES")]
        uses: Option<String>,
        /// The last day the consent lasts, if the member gave one.
        #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
        until: Option<Day>,
        /// Have names been taken out?
        #[arg(long, value_enum, default_value = "no")]
        anonymised: YesNo,
        /// Who checked no names are left (needed with --anonymised yes).
        #[arg(long, value_enum)]
        checked_by: Option<super::ByArg>,
        #[arg(long, value_parser = super::parse_day)]
        date: Option<Day>,
    },
    /// Money spent from the grant.
    Spend {
        /// How much, such as 35 or £35.50.
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The budget line: its name or its number.
        #[arg(long)]
        line: String,
        /// A receipt number or reference.
        #[arg(long)]
        receipt: Option<String>,
        #[arg(long, value_parser = super::parse_day)]
        date: Option<Day>,
    },
    /// Something that did not go to plan (or, with --kind, went well, was
    /// learned, or comes next).
    Note {
        /// The note, in quotes.
        text: String,
        #[arg(long, value_enum, default_value = "difficulty")]
        kind: NoteKindArg,
        #[arg(long, value_parser = super::parse_day)]
        date: Option<Day>,
    },
    /// Every entry logged for the grant with its id, in date order, and
    /// the earlier versions of entries that were corrected.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Correct an entry (its id from `log GROUP list`). The entry as it was
    /// is kept in the grant's history.
    Edit {
        /// The entry's id, such as session-3 or story-2.
        entry: String,
        /// A new value, as FIELD=VALUE (repeat for more). Sessions: came,
        /// new, date. Counts: measure, number, date. Stories: text,
        /// consent, uses, until, anonymised, checked_by, date. Spending:
        /// amount, line, receipt, date. Notes: text, kind, date.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
    },
    /// Take an entry out of the log and out of every return. It is kept in
    /// the grant's history.
    Remove {
        /// The entry's id, such as session-3 or story-2.
        entry: String,
    },
}

/// `log GROUP list`, `edit` and `remove`: the evidence list and its
/// corrections (`monitoring::evidence`).
fn log_correction(
    data: &DataDir,
    group: &str,
    grant: Option<&str>,
    by: Author,
    entry: LogEntry,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    use monitoring::evidence;
    let today = Day::today();
    let access = if matches!(entry, LogEntry::List { .. }) {
        Access::Read
    } else {
        Access::Write
    };
    let mut open = OpenGroup::open(data, group, access)?;
    let index = pick_grant(&open.group, grant, today)?;
    if access == Access::Write {
        monitoring::consent::ensure_ids(&mut open.group);
    }
    let doing = evidence::Doing {
        by,
        today,
        now: Moment::now(),
    };
    let g = &mut open.group.grants[index];
    let logged = match entry {
        LogEntry::List { json: as_json } => {
            let entries = evidence::list(g);
            let history = evidence::history(g);
            if as_json {
                #[derive(serde::Serialize)]
                struct Listing<'a> {
                    grant: &'a str,
                    entries: Vec<evidence::Entry>,
                    history: Vec<evidence::HistoryRow>,
                }
                return json(
                    out,
                    &Listing {
                        grant: &g.id,
                        entries,
                        history,
                    },
                );
            }
            if entries.is_empty() {
                line(out, format!("Nothing is logged for grant {} yet.", g.id))?;
            }
            for e in &entries {
                line(out, format!("{:<11} {}", e.id, e.summary))?;
            }
            if !history.is_empty() {
                line(out, "Earlier versions, kept in the grant's history:")?;
                for h in &history {
                    let what = match h.change {
                        crate::group::CorrectionKind::Edited => "edited",
                        crate::group::CorrectionKind::Removed => "removed",
                    };
                    line(
                        out,
                        format!(
                            "  {} {what} {} by {}: was {}",
                            h.entry,
                            h.at.for_people(),
                            h.by.label(),
                            h.was
                        ),
                    )?;
                }
            }
            return Ok(());
        }
        LogEntry::Edit { entry, set } => {
            let mut changes = evidence::Values::new();
            for pair in &set {
                let Some((key, value)) = pair.split_once('=') else {
                    return Err(Failure::fixable(format!(
                        "`{}` is not FIELD=VALUE (such as --set came=14). Nothing was changed",
                        one_line(pair)
                    )));
                };
                changes.insert(key.trim().to_string(), value.to_string());
            }
            evidence::edit(g, &entry, &changes, doing)
        }
        LogEntry::Remove { entry } => evidence::remove(g, &entry, doing),
        _ => unreachable!("only list, edit and remove come here"),
    }
    .map_err(|e| {
        Failure::fixable(
            e.to_string()
                .replace("Nothing was recorded", "Nothing was changed"),
        )
    })?;
    open.group.updated = Moment::now();
    open.save()?;
    line(out, logged.said)?;
    for w in logged.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    Ok(())
}

pub fn log_entry(
    data: &DataDir,
    group: &str,
    grant: Option<&str>,
    by: Author,
    entry: LogEntry,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    if matches!(
        entry,
        LogEntry::List { .. } | LogEntry::Edit { .. } | LogEntry::Remove { .. }
    ) {
        return log_correction(data, group, grant, by, entry, out, warn);
    }
    let today = Day::today();
    let mut open = OpenGroup::open(data, group, Access::Write)?;
    let index = pick_grant(&open.group, grant, today)?;
    monitoring::consent::ensure_ids(&mut open.group);
    let story_id = monitoring::consent::next_id(&open.group);
    let g = &mut open.group.grants[index];
    let logged = match entry {
        LogEntry::Session { came, new, date } => {
            log::session(g, date.unwrap_or(today), came, new, today)
        }
        LogEntry::Count {
            measure,
            number,
            date,
        } => log::count(g, date.unwrap_or(today), &measure, number, today),
        LogEntry::Story {
            text,
            consent,
            uses,
            until,
            anonymised,
            checked_by,
            date,
        } => log::story(
            g,
            log::NewStory {
                id: story_id,
                date: date.unwrap_or(today),
                text: &text,
                consent: consent == YesNo::Yes,
                uses: match uses {
                    Some(typed) => monitoring::consent::parse_uses(&typed).map_err(|e| {
                        Failure::fixable(format!("{e} (--uses). Nothing was recorded"))
                    })?,
                    None => Vec::new(),
                },
                until,
                by,
                anonymised: anonymised == YesNo::Yes,
                checked_by: checked_by.map(Author::from),
            },
            today,
        ),
        LogEntry::Spend {
            amount,
            line: budget_line,
            receipt,
            date,
        } => {
            let pence = parse_money(&amount).map_err(|e| {
                Failure::fixable(format!(
                    "{}. {}. Nothing was recorded",
                    e.problem, e.expected
                ))
            })?;
            log::spend(
                g,
                date.unwrap_or(today),
                pence,
                &budget_line,
                receipt.as_deref(),
                today,
            )
        }
        LogEntry::Note { text, kind, date } => {
            log::note(g, date.unwrap_or(today), &text, kind.into(), today)
        }
        LogEntry::List { .. } | LogEntry::Edit { .. } | LogEntry::Remove { .. } => {
            unreachable!("handled by log_correction above")
        }
    }
    .map_err(Failure::fixable)?;
    open.group.updated = Moment::now();
    open.group
        .record_step(crate::group::Step::LoggedEvidence, by);
    open.save()?;
    line(out, logged.said)?;
    for w in logged.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    Ok(())
}

pub fn due(
    data: &DataDir,
    today: Option<Day>,
    as_json: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let today = today.unwrap_or_else(Day::today);
    let (groups, problems) = store::list_groups(data);
    for p in &problems {
        warn_line(
            warn,
            format!("warning: skipped a group file that could not be read: {p}"),
        )?;
    }
    let all = groups.iter().flat_map(|s| {
        s.group
            .grants
            .iter()
            .map(move |g| (s.slug.as_str(), s.name.as_str(), g))
    });
    let due = monitoring::due_returns(all, today);
    if as_json {
        return json(out, &due);
    }
    if due.is_empty() {
        return line(
            out,
            format!(
                "No returns are due in the next {} days (today is {}).",
                monitoring::schedule::DUE_WITHIN_DAYS,
                today.for_people()
            ),
        );
    }
    line(
        out,
        format!(
            "Returns overdue or due in the next {} days (today is {}):",
            monitoring::schedule::DUE_WITHIN_DAYS,
            today.for_people()
        ),
    )?;
    for d in &due {
        line(
            out,
            format!(
                "  {}: {} for grant {} from {}, {} ({}).",
                one_line(&d.group_name),
                d.kind.label(),
                d.grant,
                d.funder,
                when_words_upper(d.days_left),
                d.due.for_people()
            ),
        )?;
    }
    Ok(())
}

/// Overdue is written in capitals so it stands out without colour.
fn when_words_upper(days_left: i64) -> String {
    let words = monitoring::when_words(days_left);
    if days_left < 0 {
        words.to_uppercase()
    } else {
        words
    }
}

pub fn sent(
    data: &DataDir,
    group: &str,
    grant: Option<&str>,
    kind: ReportKind,
    date: Option<Day>,
    out: &mut dyn Write,
) -> Outcome {
    let today = Day::today();
    let date = date.unwrap_or(today);
    let mut open = OpenGroup::open(data, group, Access::Write)?;
    let index = pick_grant(&open.group, grant, today)?;
    let done = monitoring::mark_sent(&mut open.group.grants[index], kind, date)
        .map_err(Failure::fixable)?;
    let said = format!(
        "Marked the {} due {} as sent on {}.",
        kind.label(),
        done.due.for_people(),
        done.sent.for_people()
    );
    open.group.updated = Moment::now();
    open.save()?;
    line(out, said)
}

pub struct ReportArgs<'a> {
    pub group: &'a str,
    pub grant: Option<&'a str>,
    pub kind: Option<ReportKind>,
    pub format: Option<super::drafting::FormatArg>,
    pub output: Option<&'a std::path::Path>,
    pub today: Option<Day>,
    pub by: Author,
    /// For a final report before the grant ends: why, in the group's words.
    pub early: Option<&'a str>,
}

/// Renders a return from the evidence log. Warnings (no story with
/// consent, a line over budget) go to the screen, never into the document.
pub fn report(
    data: &DataDir,
    args: ReportArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let today = args.today.unwrap_or_else(Day::today);
    let open = OpenGroup::open(data, args.group, Access::Read)?;
    let format = super::drafting::output_format(args.format, args.output, &open.path)?;
    let index = pick_grant(&open.group, args.grant, today)?;
    let grant = &open.group.grants[index];
    let catalogue = load_catalogue(data, None, warn)?;
    let funder_name = catalogue
        .get(&grant.funder)
        .map_or(grant.funder.clone(), |l| l.profile.name.clone());
    // Without --interim or --final: the next return still to send.
    let facts = monitoring::summary::prepare(
        &open.group.name,
        grant,
        &funder_name,
        args.kind,
        args.early,
        today,
    )
    .map_err(Failure::fixable)?;
    let kind = facts.report_kind;
    let user = crate::drafting::user_templates(data);
    let templates =
        crate::drafting::Templates::load(format.is_text().then_some(user.as_path()), &grant.funder)
            .map_err(Failure::fixable)?;
    let bytes = monitoring::document::render(format, &facts, &templates, &today.for_people())
        .map_err(Failure::fixable)?;
    match super::drafting::output_file(args.output) {
        None => out.write_all(&bytes).map_err(super::output_failure)?,
        Some(path) => {
            super::drafting::write_file(data, path, &bytes)?;
            // The whole path, so the file can be found from anywhere.
            let shown = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            line(
                out,
                format!(
                    "Wrote the {} ({}) to {}.",
                    kind.label(),
                    format.label(),
                    shown.display()
                ),
            )?;
        }
    }
    for w in &facts.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    drop(open);
    super::record_step(
        data,
        args.group,
        crate::group::Step::WroteReturn,
        args.by,
        warn,
    )
}

/// `alongside consent`: the stories and their consent, or withdrawing it.
pub fn consent(
    data: &DataDir,
    group: &str,
    entry: Option<&str>,
    withdraw: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    use monitoring::consent;
    let today = Day::today();
    let mut open = OpenGroup::open(data, group, Access::Write)?;
    // Stories from an older file get their ids now, so the list's ids
    // stay the same from one run to the next.
    let numbered = consent::ensure_ids(&mut open.group);
    if withdraw {
        let entry = entry.unwrap_or_default();
        let said = consent::withdraw(&mut open.group, entry, today)
            .map_err(|e| Failure::fixable(format!("{e}. Nothing was changed")))?;
        open.group.updated = Moment::now();
        open.save()?;
        return line(out, said);
    }
    if numbered {
        open.save()?;
    }
    let mut rows = consent::list(&open.group, today);
    if let Some(entry) = entry {
        rows.retain(|r| r.entry == entry);
        if rows.is_empty() {
            return Err(Failure::fixable(format!(
                "there is no story `{entry}`. Run `alongside consent {group}` to list them"
            )));
        }
    }
    if as_json {
        return json(out, &rows);
    }
    if rows.is_empty() {
        return line(out, "No stories are logged yet.");
    }
    for r in &rows {
        let state = match r.state {
            crate::group::ConsentState::Agreed => {
                let uses: Vec<&str> = r.uses.iter().map(|u| u.id()).collect();
                let until = r
                    .until
                    .map_or(String::new(), |u| format!(", until {}", u.for_people()));
                format!("agreed for {}{until}", uses.join(", "))
            }
            crate::group::ConsentState::NoConsent => {
                "no consent: kept in the file only".to_string()
            }
            crate::group::ConsentState::Expired => format!(
                "consent ended on {}: kept in the file only",
                r.until.map_or(String::new(), |u| u.for_people())
            ),
            crate::group::ConsentState::Withdrawn => format!(
                "consent withdrawn on {}",
                r.withdrawn.map_or(String::new(), |d| d.for_people())
            ),
        };
        let names = if r.anonymised {
            ", names taken out"
        } else {
            ""
        };
        let begins = if r.begins.is_empty() {
            String::new()
        } else {
            format!(" \"{}…\"", one_line(&r.begins))
        };
        line(
            out,
            format!(
                "{} ({}, {}){begins}: {state}{names}.",
                r.entry,
                r.grant,
                r.date.for_people()
            ),
        )?;
    }
    Ok(())
}

/// `alongside consent GROUP --use USE`: the stories agreed for one use, in
/// full, to copy into a leaflet or another funder's form.
pub fn consent_for_use(
    data: &DataDir,
    group: &str,
    use_: crate::group::StoryUse,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let open = OpenGroup::open(data, group, Access::Read)?;
    let stories = monitoring::consent::stories_agreed(&open.group, use_, Day::today());
    if as_json {
        return json(out, &stories);
    }
    if stories.is_empty() {
        return line(
            out,
            format!("No story is agreed for {} and in force today.", use_.id()),
        );
    }
    for s in &stories {
        let names = if s.anonymised {
            ", names taken out"
        } else {
            ""
        };
        let until = s.until.map_or(String::new(), |u| {
            format!("; consent lasts until {}", u.for_people())
        });
        line(
            out,
            format!(
                "{} ({}, {}{names}{until}):",
                s.entry,
                s.grant,
                s.date.for_people()
            ),
        )?;
        for l in s.text.lines() {
            line(out, format!("  {}", crate::text::sanitize(l, false)))?;
        }
    }
    Ok(())
}
