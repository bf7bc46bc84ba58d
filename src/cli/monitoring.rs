//! `award`, `promise`, `log`, `due` and `sent`: recording a grant and the
//! light evidence log kept during it.

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
    if args.end < args.start {
        return Err(Failure::fixable(format!(
            "the grant ends ({}) before it starts ({}). Check the dates",
            args.end.for_people(),
            args.start.for_people()
        )));
    }
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let Some(funder) = catalogue.get(args.funder) else {
        let near = crate::text::closest(
            args.funder,
            catalogue.profiles.iter().map(|l| l.profile.id.as_str()),
        );
        let hint = near
            .first()
            .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
        return Err(Failure::fixable(format!(
            "there is no funder `{}`.{hint} Run `alongside funders` to see them all",
            args.funder
        )));
    };
    let approved = match args.budget {
        Some(typed) => {
            let lines = crate::bank::parse_budget(typed, crate::vocab::Vocabularies::builtin())
                .map_err(|e| {
                    Failure::fixable(format!("{} (--budget). {}", e.problem, e.expected))
                })?;
            if lines.is_empty() {
                return Err(Failure::fixable(
                    "--budget has no lines. Give lines of item | cost category | amount, separated by `;`",
                ));
            }
            Some(lines)
        }
        None => None,
    };
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let mut grant = monitoring::award(
        &mut open.group,
        &funder.profile,
        pence,
        args.start,
        args.end,
        args.interim,
        args.final_report,
    )
    .clone();
    if let Some(lines) = approved {
        grant.budget = lines;
        if let Some(stored) = open.group.grants.last_mut() {
            stored.budget = grant.budget.clone();
        }
    }
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
            "No budget lines yet: answer `project_budget` before recording spending.",
        )?;
    } else {
        line(
            out,
            format!(
                "Budget: {} line(s) from the application, {} in all.",
                grant.budget.len(),
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
    pub from: &'a str,
    pub measure: Option<&'a str>,
    pub target: Option<i64>,
}

pub fn promise(data: &DataDir, args: PromiseArgs<'_>, out: &mut dyn Write) -> Outcome {
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    let index = pick_grant(&open.group, args.grant, Day::today())?;
    let promise = monitoring::promise_from(&open.group, args.from, args.measure, args.target)
        .map_err(Failure::fixable)?;
    let said = match (&promise.measure, promise.target) {
        (Some(m), Some(t)) => format!("Promise added, counted by \"{m}\", hoping for {t}."),
        (Some(m), None) => format!("Promise added, counted by \"{m}\"."),
        _ => "Promise added, in the group's words.".to_string(),
    };
    let grant = &mut open.group.grants[index];
    grant.promises.push(promise);
    open.group.updated = Moment::now();
    open.save()?;
    line(out, said)
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
        /// The day (year-month-day); today if left out.
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
        /// Did the member agree to it being shared with the funder?
        #[arg(long, value_enum)]
        consent: YesNo,
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
    let today = Day::today();
    let mut open = OpenGroup::open(data, group, Access::Write)?;
    let index = pick_grant(&open.group, grant, today)?;
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
            anonymised,
            checked_by,
            date,
        } => log::story(
            g,
            log::NewStory {
                date: date.unwrap_or(today),
                text: &text,
                consent: consent == YesNo::Yes,
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
    let g = &mut open.group.grants[index];
    let Some(report) = g
        .reports
        .iter_mut()
        .filter(|r| r.kind == kind && r.sent.is_none())
        .min_by_key(|r| r.due)
    else {
        return Err(Failure::fixable(format!(
            "grant {} has no {} waiting to be sent",
            g.id,
            kind.label()
        )));
    };
    report.sent = Some(date);
    let said = format!(
        "Marked the {} due {} as sent on {}.",
        kind.label(),
        report.due.for_people(),
        date.for_people()
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
    // Without --interim or --final: the next return still to send.
    let kind = args
        .kind
        .or_else(|| {
            grant
                .reports
                .iter()
                .filter(|r| r.sent.is_none())
                .min_by_key(|r| r.due)
                .map(|r| r.kind)
        })
        .unwrap_or(ReportKind::Interim);
    let catalogue = load_catalogue(data, None, warn)?;
    let funder_name = catalogue
        .get(&grant.funder)
        .map_or(grant.funder.clone(), |l| l.profile.name.clone());
    let facts = monitoring::summary::build(
        &open.group.name,
        grant,
        &funder_name,
        kind,
        today,
        crate::vocab::Vocabularies::builtin(),
    );
    let user = crate::drafting::user_templates(data);
    let templates =
        crate::drafting::Templates::load(format.is_text().then_some(user.as_path()), &grant.funder)
            .map_err(Failure::fixable)?;
    let bytes = monitoring::document::render(format, &facts, &templates, &today.for_people())
        .map_err(Failure::fixable)?;
    match args.output {
        None => out.write_all(&bytes).map_err(super::output_failure)?,
        Some(path) => {
            super::drafting::write_file(data, path, &bytes)?;
            line(
                out,
                format!(
                    "Wrote the {} ({}) to {}.",
                    kind.label(),
                    format.label(),
                    path.display()
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
