//! `award`, `grant`, `promise`, `log`, `report`, `due` and `sent`:
//! recording a grant, the light evidence log kept during it, and the
//! returns written from it.

use std::io::Write;
use std::path::PathBuf;

use super::matching::load_catalogue;
use super::{Output, json, line, warn_line};
use crate::bank::parse_money;
use crate::dates::{Day, Moment};
use crate::error::{Error, Result};
use crate::group::{Author, NoteKind, ReportKind};
use crate::ids::FunderId;
use crate::monitoring::{self, log};
use crate::store::{self, Access};
use crate::text::{format_pence, one_line};
use crate::workspace::{Workspace, pick_grant};

/// Record a grant the group has been given.
#[derive(Debug, clap::Args)]
pub struct AwardArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id (see `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// The amount awarded, such as 4752 or £4,752.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The day the grant starts (such as 1/4/2027 or 1 April 2027).
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub start: crate::dates::Day,
    /// The day the grant ends (such as 31/3/2028).
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub end: crate::dates::Day,
    /// The approved budget, if it is not the application's: lines of
    /// `item | cost category | amount`, separated by `;`.
    #[arg(long, value_name = "LINES")]
    pub budget: Option<String>,
    /// When the interim return is due, if not as the funder's profile says.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub interim: Option<crate::dates::Day>,
    /// The funder's reference for the grant, from the offer letter.
    #[arg(long, value_name = "REF")]
    pub reference: Option<String>,
    /// When the final report is due, if not as the funder's profile says.
    #[arg(long = "final", value_name = "DATE", value_parser = super::parse_day)]
    pub final_report: Option<crate::dates::Day>,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
}

pub fn cmd_award(ws: Workspace, args: AwardArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders.clone())?;
    let pence = parse_money(&args.amount)
        .map_err(|e| Error::fixable(format!("{} (--amount). {}", e.problem, e.expected)))?;
    let catalogue = load_catalogue(&ws, warn)?;
    let funder = catalogue.find(&args.funder)?;
    let budget = match args.budget.as_deref() {
        Some(typed) => monitoring::BudgetFrom::Typed(
            crate::bank::parse_budget(typed, crate::vocab::Vocabularies::builtin())
                .map_err(|e| Error::fixable(format!("{} (--budget). {}", e.problem, e.expected)))?,
        ),
        None => monitoring::BudgetFrom::Application,
    };
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let grant = monitoring::record_award(
        &mut open.group,
        &funder.profile,
        monitoring::AwardSpec {
            pence,
            start: args.start,
            end: args.end,
            interim: args.interim,
            final_report: args.final_report,
            reference: args.reference.clone(),
            budget,
        },
    )
    .map_err(Error::from)?
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
            format!(
                "No reporting dates in the funder's profile: add them with `alongside grant {} --grant {} --interim DATE --final DATE`.",
                open.group.slug, grant.id
            ),
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

/// Add or change an outcome this grant pays for: one short line the
/// group writes, or sentences picked from one of its answers (copied,
/// never retyped), with what will be counted to show it.
#[derive(Debug, clap::Args)]
pub struct PromiseArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The promise in the group's own words, such as "Meet every
    /// fortnight for a year" (or use --from).
    pub text: Option<String>,
    /// Pick the words from an answer instead: a question id, or
    /// funder-id/question-id for wording to a funder.
    #[arg(long, value_name = "QUESTION", conflicts_with = "text")]
    pub from: Option<String>,
    /// Which sentences of that answer to take, numbered from 1, such
    /// as 2 or 2,3 (without it, the sentences are listed).
    #[arg(long, value_name = "N", value_delimiter = ',', requires = "from")]
    pub sentence: Vec<usize>,
    /// What will be counted: sessions, attendance, new_people, or the
    /// group's own words such as "went on to volunteer".
    #[arg(long)]
    pub measure: Option<String>,
    /// The number hoped for (a number answer gives it already).
    #[arg(long)]
    pub target: Option<i64>,
    /// Change promise N (as numbered in the return) instead of adding
    /// one: new words, --measure or --target replace the old ones.
    #[arg(long, value_name = "N")]
    pub edit: Option<usize>,
    /// Which grant (needed when the group has more than one).
    #[arg(long, value_name = "ID")]
    pub grant: Option<String>,
    /// Take promise N away (the ones after it move up one).
    #[arg(long, value_name = "N", conflicts_with_all = ["text", "from", "edit", "measure", "target"])]
    pub remove: Option<usize>,
    /// List the grant's promises with their numbers, measures, targets
    /// and the result so far.
    #[arg(long, conflicts_with_all = ["text", "from", "edit", "measure", "target", "remove"])]
    pub list: bool,
}

pub fn cmd_promise(ws: Workspace, args: PromiseArgs, out: Output) -> Result {
    if args.list {
        return promise_list(&ws, &args.group, args.grant.as_deref(), out.out);
    }
    let Output { out, warn } = out;
    let measure = args.measure.as_deref();
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let index = pick_grant(&open.group, args.grant.as_deref(), ws.today)?;
    if let Some(n) = args.remove {
        let gone =
            monitoring::remove_promise(&mut open.group.grants[index], n).map_err(Error::from)?;
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
    let words = match (args.text.as_deref(), args.from.as_deref()) {
        (Some(text), _) => Some(monitoring::PromiseWords::Own(text.to_string())),
        (None, Some(from)) => Some(monitoring::PromiseWords::FromAnswer {
            from: from.to_string(),
            sentences: args.sentence.clone(),
            trimmed: None,
        }),
        (None, None) => None,
    };
    let done = match (args.edit, &words) {
        (None, None) => {
            return Err(Error::fixable(
                "say what the grant will do: write one short line in quotes, such as alongside promise GROUP \"Meet every fortnight for a year\" --measure sessions --target 26, or pick sentences from an answer with --from QUESTION --sentence N",
            ));
        }
        (None, Some(words)) => {
            monitoring::add_promise(&mut open.group, index, words, measure, args.target)
        }
        (Some(n), words) => monitoring::edit_promise(
            &mut open.group,
            index,
            n,
            words.as_ref(),
            measure,
            args.target,
        ),
    }
    .map_err(Error::from)?;
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
    save_and_say(&mut open, out, warn, said, &done.warnings)
}

/// Set a grant's details for its returns: the funder's reference, who
/// writes and signs them, the people promised, a thank-you line, and
/// when the interim and final returns are due.
#[derive(Debug, clap::Args)]
pub struct GrantArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Which grant (needed when the group has more than one).
    #[arg(long, value_name = "ID")]
    pub grant: Option<String>,
    /// The funder's reference for the grant, from the offer letter.
    #[arg(long, value_name = "REF")]
    pub reference: Option<String>,
    /// Who writes and signs the returns.
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// Their role in the group, such as coordinator or treasurer.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// How many people the group said would take part.
    #[arg(long, value_name = "N")]
    pub people: Option<i64>,
    /// A thank-you line to the funder, in the group's own words.
    #[arg(long, value_name = "WORDS")]
    pub thanks: Option<String>,
    /// When the interim return is due (such as 1/10/2026); "" takes the
    /// waiting one away. A return already sent keeps its date.
    #[arg(long, value_name = "DATE", value_parser = parse_day_or_empty)]
    pub interim: Option<DueDay>,
    /// When the final report is due (such as 30 April 2027); "" takes the
    /// waiting one away.
    #[arg(long = "final", value_name = "DATE", value_parser = parse_day_or_empty)]
    pub final_report: Option<DueDay>,
}

/// A due date given on the command line, or none ("") to take it away.
/// (Its own type: clap reads `Option<Option<_>>` as a flag whose value
/// may be left out, which is not what `--interim ""` means.)
#[derive(Debug, Clone, Copy)]
pub struct DueDay(Option<crate::dates::Day>);

fn parse_day_or_empty(text: &str) -> Result<DueDay, String> {
    if text.trim().is_empty() {
        return Ok(DueDay(None));
    }
    super::parse_day(text).map(|d| DueDay(Some(d)))
}

/// Sets the details a return needs beyond the log. Each given value
/// replaces the old one; an empty one ("") takes it away.
pub fn cmd_grant(ws: Workspace, args: GrantArgs, Output { out, .. }: Output) -> Result {
    if args.people.is_some_and(|n| n < 0) {
        return Err(Error::fixable("--people cannot be below zero"));
    }
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let index = pick_grant(&open.group, args.grant.as_deref(), ws.today)?;
    let g = &mut open.group.grants[index];
    let said = monitoring::set_details(
        g,
        &monitoring::Details {
            reference: args.reference.as_deref(),
            contact: args.contact.as_deref(),
            role: args.role.as_deref(),
            people: args.people,
            thanks: args.thanks.as_deref(),
            interim: args.interim.map(|d| d.0),
            final_report: args.final_report.map(|d| d.0),
        },
    )
    .map_err(|_| {
        Error::fixable(
            "nothing to change: give --reference, --contact, --role, --people, --thanks, --interim or --final",
        )
    })?;
    let id = g.id.clone();
    open.group.updated = Moment::now();
    open.save()?;
    line(out, format!("Grant {id}: {}.", said.join("; ")))
}

/// `alongside promise GROUP --list`: each promise with its number and the
/// result so far.
fn promise_list(
    ws: &Workspace,
    group: &str,
    grant: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result {
    let today = ws.today;
    let open = ws.open_group(group, Access::Read)?;
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
    ws: &Workspace,
    group: &str,
    grant: Option<&str>,
    by: Author,
    entry: LogEntry,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result {
    use monitoring::evidence;
    let today = ws.today;
    let access = if matches!(entry, LogEntry::List { .. }) {
        Access::Read
    } else {
        Access::Write
    };
    let mut open = ws.open_group(group, access)?;
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
                    &super::json_out::Versioned::new(&Listing {
                        grant: &g.id,
                        entries,
                        history,
                    }),
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
                    return Err(Error::fixable(format!(
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
        Error::fixable(
            e.to_string()
                .replace("Nothing was recorded", "Nothing was changed"),
        )
    })?;
    save_and_say(&mut open, out, warn, logged.said, &logged.warnings)
}

/// Saves the group after a change, then prints what was done and, as
/// warnings, what is worth a second look. (The commands that record a
/// promise or an entry of the log end the same way.)
fn save_and_say(
    open: &mut store::OpenGroup,
    out: &mut dyn Write,
    warn: &mut dyn Write,
    said: String,
    warnings: &[String],
) -> Result {
    open.group.updated = Moment::now();
    open.save()?;
    line(out, said)?;
    for w in warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    Ok(())
}

/// Log what happens during a grant: a session, a count, a story, money
/// spent, or a note. Each says what it recorded.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Which grant (needed when the group has more than one running).
    #[arg(long, value_name = "ID", global = true)]
    pub grant: Option<String>,
    /// Who is logging it.
    #[arg(long, value_enum, default_value = "group", global = true)]
    pub by: super::ByArg,
    #[command(subcommand)]
    pub entry: LogEntry,
}

pub fn cmd_log(ws: Workspace, args: LogArgs, Output { out, warn }: Output) -> Result {
    use crate::workspace::Evidence;
    let by = Author::from(args.by);
    if matches!(
        args.entry,
        LogEntry::List { .. } | LogEntry::Edit { .. } | LogEntry::Remove { .. }
    ) {
        let grant = args.grant.as_deref();
        return log_correction(&ws, &args.group, grant, by, args.entry, out, warn);
    }
    let today = ws.today;
    let entry = match &args.entry {
        LogEntry::Session { came, new, date } => Evidence::Session {
            came: *came,
            new: *new,
            date: *date,
        },
        LogEntry::Count {
            measure,
            number,
            date,
        } => Evidence::Count {
            measure,
            number: *number,
            date: *date,
        },
        LogEntry::Story {
            text,
            consent,
            uses,
            until,
            anonymised,
            checked_by,
            date,
        } => Evidence::Story(log::NewStory {
            // The next free id is given when it is logged.
            id: String::new(),
            date: date.unwrap_or(today),
            text,
            consent: *consent == YesNo::Yes,
            uses: match uses {
                Some(typed) => monitoring::consent::parse_uses(typed)
                    .map_err(|e| Error::fixable(format!("{e} (--uses). Nothing was recorded")))?,
                None => Vec::new(),
            },
            until: *until,
            by,
            anonymised: *anonymised == YesNo::Yes,
            checked_by: checked_by.map(Author::from),
        }),
        LogEntry::Spend {
            amount,
            line: budget_line,
            receipt,
            date,
        } => Evidence::Spend {
            pence: parse_money(amount).map_err(|e| {
                Error::fixable(format!(
                    "{}. {}. Nothing was recorded",
                    e.problem, e.expected
                ))
            })?,
            line: budget_line,
            receipt: receipt.as_deref(),
            date: *date,
        },
        LogEntry::Note { text, kind, date } => Evidence::Note {
            text,
            kind: (*kind).into(),
            date: *date,
        },
        LogEntry::List { .. } | LogEntry::Edit { .. } | LogEntry::Remove { .. } => {
            unreachable!("sent to log_correction above")
        }
    };
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let logged = ws.log_evidence(&mut open.group, args.grant.as_deref(), by, entry)?;
    open.save()?;
    line(out, logged.said)?;
    for w in logged.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    Ok(())
}

/// Returns overdue or due in the next 30 days, for every group.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Work out what is due as if today were this date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_due(ws: Workspace, args: DueArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_today(args.today);
    let (data, today, as_json) = (&ws.data, ws.today, args.json);
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

/// Mark a return as sent to the funder.
#[derive(Debug, clap::Args)]
pub struct SentArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Which grant (needed when the group has more than one).
    #[arg(long, value_name = "ID")]
    pub grant: Option<String>,
    /// The final report (otherwise the next interim return).
    #[arg(long = "final")]
    pub final_report: bool,
    /// The day it was sent; today if left out.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub date: Option<crate::dates::Day>,
}

pub fn cmd_sent(ws: Workspace, args: SentArgs, Output { out, .. }: Output) -> Result {
    let kind = if args.final_report {
        ReportKind::Final
    } else {
        ReportKind::Interim
    };
    let (grant, date) = (args.grant.as_deref(), args.date);
    let today = ws.today;
    let date = date.unwrap_or(today);
    let mut open = ws.open_group(&args.group, Access::Write)?;
    let index = pick_grant(&open.group, grant, today)?;
    let done =
        monitoring::mark_sent(&mut open.group.grants[index], kind, date).map_err(Error::from)?;
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

/// Write a monitoring return from the evidence log: promises against
/// what happened, attendance, spend against each budget line, the
/// stories members agreed to share, and the group's notes.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Which grant (needed when the group has more than one).
    #[arg(long, value_name = "ID")]
    pub grant: Option<String>,
    /// An interim return (up to today).
    #[arg(long, conflicts_with = "final_report")]
    pub interim: bool,
    /// The end-of-grant report (refused before the grant ends, unless
    /// --early).
    #[arg(long = "final")]
    pub final_report: bool,
    /// Write the final report before the grant's end (the funder asked
    /// for it early); needs --reason.
    #[arg(long, requires = "final_report", requires = "reason")]
    pub early: bool,
    /// Why the final report is early, in the group's words (it goes in
    /// the report).
    #[arg(long, value_name = "WORDS", requires = "early")]
    pub reason: Option<String>,
    /// md (to read), txt (to paste or read aloud), html (to print) or docx.
    #[arg(long, value_enum)]
    pub format: Option<super::drafting::FormatArg>,
    /// Write to this file instead of the screen (- for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the return as if today were this date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
    /// Who is writing it (recorded as a step of this year's work).
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
}

/// Renders a return from the evidence log. Warnings (no story with
/// consent, a line over budget) go to the screen, never into the document.
pub fn cmd_report(ws: Workspace, args: ReportArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_today(args.today);
    let data = &ws.data;
    let kind = match (args.interim, args.final_report) {
        (true, _) => Some(ReportKind::Interim),
        (_, true) => Some(ReportKind::Final),
        _ => None,
    };
    let early = args
        .early
        .then(|| args.reason.as_deref().unwrap_or_default());
    let open = ws.open_group(&args.group, Access::Read)?;
    let format = super::drafting::output_format(args.format, args.output.as_deref(), &open.path)?;
    // Loaded here so a profile that did not load is warned about.
    load_catalogue(&ws, warn)?;
    let written = ws.write_return(&open.group, args.grant.as_deref(), kind, format, early)?;
    let (bytes, kind) = (written.bytes, written.kind);
    match super::drafting::output_file(args.output.as_deref()) {
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
    for w in &written.warnings {
        warn_line(warn, format!("warning: {w}"))?;
    }
    drop(open);
    super::record_step(
        &ws,
        &args.group,
        crate::group::Step::WroteReturn,
        args.by.into(),
        warn,
    )
}

/// Members' stories with their entry ids, the uses agreed and whether
/// consent stands; with ENTRY --withdraw, withdraw consent for one.
#[derive(Debug, clap::Args)]
pub struct ConsentArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// A story's entry id, such as story-3 (from the list).
    pub entry: Option<String>,
    /// Withdraw consent for ENTRY: its words are removed for good and it
    /// leaves every output; only the fact of withdrawal is kept.
    #[arg(long, requires = "entry")]
    pub withdraw: bool,
    /// Print JSON for scripts.
    #[arg(long, conflicts_with = "withdraw")]
    pub json: bool,
    /// Print in full the stories agreed for one use and in force today,
    /// to copy from: report, other-funders or publicity.
    #[arg(long = "use", value_name = "USE", conflicts_with_all = ["withdraw", "entry"])]
    pub for_use: Option<super::UseArg>,
}

/// `alongside consent`: the stories and their consent, or withdrawing it.
pub fn cmd_consent(ws: Workspace, args: ConsentArgs, Output { out, .. }: Output) -> Result {
    if let Some(use_) = args.for_use {
        return consent_for_use(&ws, &args.group, use_.into(), args.json, out);
    }
    let (group, entry) = (&args.group, args.entry.as_deref());
    let (withdraw, as_json) = (args.withdraw, args.json);
    use monitoring::consent;
    let today = ws.today;
    let mut open = ws.open_group(group, Access::Write)?;
    // Stories from an older file get their ids now, so the list's ids
    // stay the same from one run to the next.
    let numbered = consent::ensure_ids(&mut open.group);
    if withdraw {
        let entry = entry.unwrap_or_default();
        let said = consent::withdraw(&mut open.group, entry, today)
            .map_err(|e| Error::fixable(format!("{e}. Nothing was changed")))?;
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
            return Err(Error::fixable(format!(
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
fn consent_for_use(
    ws: &Workspace,
    group: &str,
    use_: crate::group::StoryUse,
    as_json: bool,
    out: &mut dyn Write,
) -> Result {
    let open = ws.open_group(group, Access::Read)?;
    let stories = monitoring::consent::stories_agreed(&open.group, use_, ws.today);
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
