//! Next year's bid and two machines: `next-year`, `submit`, `compare`,
//! `progress`, `resolve`, and `import --merge`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::matching::load_catalogue;
use super::{Output, json, line, warn_line};
use crate::bank::Bank;
use crate::dates::Moment;
use crate::error::{Error, Result};
use crate::group::{
    self, Application, Author, DiffPart, Group, Keep, MergeReport, RoundRecord, Step, share_bar,
};
use crate::ids::{FunderId, QuestionId};
use crate::paths::DataDir;
use crate::store::{self, Access, OpenGroup, StoreError};
use crate::text::{format_pence, one_line, sanitize};
use crate::workspace::Workspace;

/// Which answer to keep (`resolve --keep`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeepArg {
    /// The answer on this computer.
    Ours,
    /// The answer from the copy brought in with `import --merge`.
    Theirs,
}

impl From<KeepArg> for Keep {
    fn from(keep: KeepArg) -> Keep {
        match keep {
            KeepArg::Ours => Keep::Ours,
            KeepArg::Theirs => Keep::Theirs,
        }
    }
}

fn notices(open: &OpenGroup, warn: &mut dyn Write) -> Result {
    for notice in &open.notices {
        warn_line(warn, format!("note: {notice}"))?;
    }
    Ok(())
}

/// Start next year's round: answers carry forward as they are, and
/// figures, amounts, dates, membership and anything not changed for a
/// year are marked "check this".
#[derive(Debug, clap::Args)]
pub struct NextYearArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Start it even though this year began less than 30 days ago.
    #[arg(long)]
    pub force: bool,
}

pub fn cmd_next_year(ws: Workspace, args: NextYearArgs, Output { out, warn }: Output) -> Result {
    let (bank, target, force) = (ws.bank, &args.group, args.force);
    let mut open = ws.open_group(target, Access::Write)?;
    notices(&open, warn)?;
    let started = open
        .group
        .start_next_year(bank, Moment::now(), force)
        .map_err(|too_soon| {
            Error::fixable(format!(
                "{too_soon}. If the new year really starts now, run `alongside next-year {} --force`",
                open.group.slug
            ))
        })?;
    open.save()?;
    let g = &open.group;
    line(
        out,
        format!(
            "Started year {} for {}. Last year's answers are carried forward as they were, each with its history.",
            started.round,
            one_line(&g.name)
        ),
    )?;
    if let Some(closed) = g.rounds.iter().find(|r| r.round + 1 == started.round) {
        line(
            out,
            format!(
                "Year {} closed. Of its {} words the group wrote {}%, the supporter {}% and both together {}%.",
                closed.round,
                closed.words.total(),
                closed.words.percent(Author::Group),
                closed.words.percent(Author::Supporter),
                closed.words.percent(Author::Together)
            ),
        )?;
    }
    if started.marked.is_empty() {
        return line(out, "No answer needs checking.");
    }
    line(out, "")?;
    line(
        out,
        format!(
            "{} {} marked \"check this\": figures, amounts, dates and members can change in a year, and some were last changed more than a year ago.",
            crate::text::count(started.marked.len(), "answer"),
            crate::text::is_are(started.marked.len())
        ),
    )?;
    for id in &started.marked {
        let prompt = bank
            .question(id)
            .map_or(String::new(), |q| format!("  {}", one_line(&q.prompt)));
        line(out, format!("  [{id}]{prompt}"))?;
    }
    line(out, "")?;
    line(
        out,
        format!(
            "Go through them, and any questions not answered yet: alongside interview {} --plain --review",
            g.slug
        ),
    )
}

/// Record an application as sent: keeps an exact copy of the group's
/// wording for that funder and the amount asked for. The copy never
/// changes; next year's wording is compared with it.
#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id (see `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// The day it was sent (such as 1/4/2027); today if left out.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub date: Option<crate::dates::Day>,
    /// Who sent it.
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
}

pub fn cmd_submit(ws: Workspace, args: SubmitArgs, Output { out, warn }: Output) -> Result {
    let by = Author::from(args.by);
    let mut open = ws.open_group(&args.group, Access::Write)?;
    notices(&open, warn)?;
    let day = args.date.unwrap_or(ws.today);
    let known: Vec<String> = open.group.wording.keys().cloned().collect();
    let application = match open.group.submit(&args.funder, day, by, Moment::now()) {
        Ok(application) => application.clone(),
        Err(e @ group::SubmitError::NoWording { .. }) => {
            let near = crate::text::did_you_mean(&args.funder, known.iter().map(String::as_str));
            let hint = near.map_or(String::new(), |n| {
                format!(" The group has wording for `{n}`: is that the one?")
            });
            return Err(Error::fixable(format!("{e}.{hint}")));
        }
        Err(e) => return Err(Error::fixable(e)),
    };
    open.save()?;
    let ask = application.ask_pence.map_or(
        "no amount (answer \"What is the total amount you will ask for?\" to give one)".to_string(),
        format_pence,
    );
    line(
        out,
        format!(
            "Recorded the application to {} as sent on {} by {}: {}, asking for {ask}. This copy is kept as it is and never changes.",
            one_line(&application.funder),
            day.for_people(),
            by.label(),
            crate::text::count(application.answers.len(), "answer")
        ),
    )
}

/// One funder question compared, for `compare`.
struct Compared<'a> {
    id: String,
    prompt: Option<String>,
    before: Option<&'a str>,
    now: Option<&'a str>,
}

/// Show what was sent to a funder in an earlier year beside this year's
/// wording, question by question, with the words taken out and put in.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id (see `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
}

pub fn cmd_compare(ws: Workspace, args: CompareArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders.clone())?;
    let open = ws.open_group(&args.group, Access::Read)?;
    let g = &open.group;
    let Some(last) = g.last_submitted(&args.funder, g.round) else {
        let sent: Vec<&str> = g.applications().iter().map(|a| a.funder.as_str()).collect();
        // This year's bid to the same funder is in the list: never offer
        // the typed id back as "did you mean".
        let hint = crate::text::did_you_mean(&args.funder, sent.iter().copied())
            .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
        return Err(Error::fixable(format!(
            "no application to `{}` from an earlier year is recorded, so there is nothing to compare with.{hint} When a bid is sent, `alongside submit {} --funder ID` keeps a copy of it",
            args.funder, g.slug
        )));
    };
    let catalogue = load_catalogue(&ws, warn)?;
    let profile = catalogue.get(&args.funder).map(|l| &l.profile);
    let wording = g.wording.get(args.funder.as_str());
    let text_now = |id: &str| match wording.and_then(|w| w.get(id)).map(|a| &a.value) {
        Some(crate::bank::AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.as_str()),
        _ => None,
    };
    // The funder's questions in its order, then any others either year has
    // (a question the funder has since dropped is still shown).
    let mut rows: Vec<Compared> = Vec::new();
    for q in profile.map_or(&[][..], |p| &p.questions[..]) {
        rows.push(Compared {
            id: q.id.clone(),
            prompt: Some(q.prompt.clone()),
            before: last.answers.get(&q.id).map(String::as_str),
            now: text_now(&q.id),
        });
    }
    let mut others: Vec<&String> = last
        .answers
        .keys()
        .chain(wording.into_iter().flat_map(|w| w.keys()))
        .filter(|id| !rows.iter().any(|r| &r.id == *id))
        .collect();
    others.sort();
    others.dedup();
    for id in others {
        rows.push(Compared {
            id: id.clone(),
            prompt: None,
            before: last.answers.get(id).map(String::as_str),
            now: text_now(id),
        });
    }

    let name = profile.map_or(args.funder.to_string(), |p| one_line(&p.name));
    line(
        out,
        format!(
            "{name} [{}]: what {} sent on {} (year {}) beside this year's wording (year {}).",
            args.funder,
            one_line(&g.name),
            last.submitted.for_people(),
            last.round,
            g.round
        ),
    )?;
    line(out, "Changes are marked [-taken out-] and {+put in+}.")?;
    let ask_now = match g.value("project_total") {
        Some(crate::bank::AnswerValue::Money(p)) => Some(*p),
        _ => None,
    };
    if last.ask_pence.is_some() || ask_now.is_some() {
        let show = |p: Option<i64>| p.map_or("not given".to_string(), format_pence);
        line(
            out,
            format!(
                "Asked for: {} last time; {} now.",
                show(last.ask_pence),
                show(ask_now)
            ),
        )?;
    }
    for (n, row) in rows.iter().enumerate() {
        line(out, "")?;
        let prompt = row
            .prompt
            .as_deref()
            .map_or(String::new(), |p| format!("{} ", one_line(p)));
        line(out, format!("== {}. {prompt}[{}] ==", n + 1, row.id))?;
        write_text(out, "Sent last time:", row.before, "(nothing was sent)")?;
        write_text(out, "This year:", row.now, "(not written yet)")?;
        let parts = group::word_diff(row.before.unwrap_or(""), row.now.unwrap_or(""));
        if row.now.is_none() {
            continue;
        }
        if group::is_unchanged(&parts) {
            line(out, "Changes: none; word for word the same.")?;
        } else {
            line(out, format!("Changes ({}):", count_changes(&parts)))?;
            line(
                out,
                format!("  {}", sanitize(&group::marked(&parts), false)),
            )?;
        }
    }
    Ok(())
}

/// "12 words taken out, 15 put in".
fn count_changes(parts: &[DiffPart]) -> String {
    let words = |keep: fn(&DiffPart) -> bool| -> usize {
        parts
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.text().split(' ').count())
            .sum()
    };
    format!(
        "{} taken out, {} put in",
        crate::text::count(words(|p| matches!(p, DiffPart::Removed(_))), "word"),
        words(|p| matches!(p, DiffPart::Added(_)))
    )
}

fn write_text(out: &mut dyn Write, heading: &str, text: Option<&str>, none: &str) -> Result {
    match text {
        None => line(out, format!("{heading} {none}")),
        Some(text) => {
            line(out, heading)?;
            for text_line in sanitize(text, true).lines() {
                line(out, format!("  {text_line}"))?;
            }
            Ok(())
        }
    }
}

/// `progress --json` (docs/formats.md section 7).
#[derive(Serialize)]
struct ProgressJson<'a> {
    format: u32,
    group: &'a str,
    group_name: &'a str,
    round: u32,
    rounds: Vec<RoundJson>,
}

#[derive(Serialize)]
struct RoundJson {
    round: u32,
    year: i16,
    started: String,
    closed: Option<String>,
    words: group::WordShare,
    percent: Percent,
    steps: group::Steps,
    done_by_the_group: Vec<Step>,
}

#[derive(Serialize)]
struct Percent {
    group: usize,
    supporter: usize,
    together: usize,
}

fn round_json(r: &RoundRecord) -> RoundJson {
    RoundJson {
        round: r.round,
        year: r.started.year(),
        started: r.started.to_string(),
        closed: r.closed.map(|d| d.to_string()),
        words: r.words,
        percent: Percent {
            group: r.words.percent(Author::Group),
            supporter: r.words.percent(Author::Supporter),
            together: r.words.percent(Author::Together),
        },
        steps: r.steps,
        done_by_the_group: r.steps.by_group(),
    }
}

/// Width of the bars in `progress`.
const BAR: usize = 30;

/// Year by year: who wrote the words (the group, the supporter,
/// together) and which steps the group did itself.
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_progress(ws: Workspace, args: ProgressArgs, Output { out, .. }: Output) -> Result {
    let (bank, as_json) = (ws.bank, args.json);
    let open = ws.open_group(&args.group, Access::Read)?;
    let g = &open.group;
    let rounds = g.round_history(bank);
    if as_json {
        return json(
            out,
            &ProgressJson {
                format: super::json_out::FORMAT,
                group: &g.slug,
                group_name: &g.name,
                round: g.round,
                rounds: rounds.iter().map(round_json).collect(),
            },
        );
    }
    line(
        out,
        format!("{}: who did the work, year by year", one_line(&g.name)),
    )?;
    line(out, "")?;
    line(
        out,
        "YEAR  STARTED   GROUP  SUPPORTER  TOGETHER  WORDS  THE GROUP DID ITSELF",
    )?;
    for r in &rounds {
        let did: Vec<&str> = r.steps.by_group().into_iter().map(Step::label).collect();
        let did = if did.is_empty() {
            "-".to_string()
        } else {
            did.join(", ")
        };
        let round = match r.closed {
            None => format!("{}*", r.round),
            Some(_) => r.round.to_string(),
        };
        line(
            out,
            format!(
                "{round:<6}{:<8}  {:>4}%  {:>8}%  {:>7}%  {:>5}  {did}",
                r.started.0.strftime("%b %Y").to_string(),
                r.words.percent(Author::Group),
                r.words.percent(Author::Supporter),
                r.words.percent(Author::Together),
                r.words.total(),
            ),
        )?;
    }
    if rounds.iter().any(|r| r.closed.is_none()) {
        line(out, "* this year so far")?;
    }
    line(out, "")?;
    line(
        out,
        format!("Who wrote the words:  {}", crate::group::SHARE_BAR_KEY),
    )?;
    for r in &rounds {
        line(
            out,
            format!(
                "Year {:<3} [{}] {:>3}% by the group",
                r.round,
                share_bar(&r.words, BAR),
                r.words.percent(Author::Group)
            ),
        )?;
    }
    Ok(())
}

/// Choose between two answers that two copies of the group changed
/// differently (after `import --merge`). The other is kept in the
/// answer's history.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The question's id.
    pub question: QuestionId,
    /// ours: the answer on this computer; theirs: the one from the
    /// other copy.
    #[arg(long, value_enum)]
    pub keep: KeepArg,
}

pub fn cmd_resolve(ws: Workspace, args: ResolveArgs, Output { out, warn }: Output) -> Result {
    let (target, question, keep) = (&args.group, &args.question, args.keep);
    let mut open = ws.open_group(target, Access::Write)?;
    notices(&open, warn)?;
    open.group
        .resolve(question, keep.into(), Moment::now())
        .map_err(|e| {
            Error::fixable(format!(
                "{e} (`alongside show {}` lists them)",
                open.group.slug
            ))
        })?;
    open.save()?;
    let kept = match keep {
        KeepArg::Ours => "the answer on this computer",
        KeepArg::Theirs => "the answer from the other copy",
    };
    line(
        out,
        format!(
            "Kept {kept} for {}. The other is kept in its history.",
            Bank::builtin()?.name_of(question)
        ),
    )?;
    let open_ids: Vec<&str> = open.group.conflicts.keys().map(String::as_str).collect();
    if !open_ids.is_empty() {
        line(out, format!("Still to choose: {}.", open_ids.join(", ")))?;
    }
    Ok(())
}

pub fn import_merge(data: &DataDir, file: &Path, out: &mut dyn Write) -> Result {
    let (slug, report) = match store::import_merge(data, file) {
        Ok(done) => done,
        Err(e @ StoreError::File(_)) => {
            return Err(Error::fixable(format!(
                "{e}\nIf the problem is in the group already here, `alongside import {} --replace` puts this file in its place (the old one is kept as a backup)",
                file.display()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let Some(report) = report else {
        line(out, &slug)?;
        return line(
            out,
            "This group was not here yet, so it was added as it is.",
        );
    };
    let shown = file.display().to_string();
    if report.is_empty() {
        return line(
            out,
            format!(
                "Nothing new in {}: {slug} already has everything in it.",
                sanitize(&shown, false)
            ),
        );
    }
    line(
        out,
        format!(
            "Merged {} into {slug}. The version before is kept as a backup.",
            sanitize(&shown, false)
        ),
    )?;
    write_report(&report, &slug, &shown, out)
}

fn write_report(report: &MergeReport, slug: &str, file: &str, out: &mut dyn Write) -> Result {
    let list = |items: &[String]| sanitize(&items.join(", "), false);
    // Bank answers and notes by their questions' words; wording and grants
    // by their ids, which are the funder's and the grant's own names.
    let bank = Bank::builtin()?;
    let words = |ids: &[String]| -> Vec<String> { ids.iter().map(|id| bank.name_of(id)).collect() };
    let ids = |ids: &[String]| ids.to_vec();
    let rows: [(&str, Vec<String>); 11] = [
        (
            "Answers only the other copy had",
            words(&report.answers_added),
        ),
        (
            "Answers changed only on the other copy (taken)",
            words(&report.answers_taken),
        ),
        (
            "Answers whose history gained earlier versions",
            words(&report.histories_joined),
        ),
        (
            "Wording taken from the other copy",
            ids(&report.wording_taken),
        ),
        (
            "Wording changed on both copies (the later is kept, the other is in its history)",
            ids(&report.wording_both_changed),
        ),
        (
            "Answers to funders' asks taken from the other copy",
            ids(&report.asks_taken),
        ),
        (
            "Answers to funders' asks changed on both copies (the later is kept, the other is in its history)",
            ids(&report.asks_both_changed),
        ),
        (
            "Coaching notes taken from the other copy",
            words(&report.notes_taken),
        ),
        (
            "Coaching notes changed on both copies (the later is kept, the other is in its history)",
            words(&report.notes_both_changed),
        ),
        ("Grants added", ids(&report.grants_added)),
        (
            "Grants whose evidence logs were joined",
            ids(&report.grants_joined),
        ),
    ];
    for (heading, items) in rows {
        if !items.is_empty() {
            line(out, format!("{heading}: {}.", list(&items)))?;
        }
    }
    if !report.grants_differing.is_empty() {
        line(
            out,
            format!(
                "Grants with the same id but different details (amount, dates, budget or a return's sent day): {}. This computer's were kept; compare them with {} and correct them by hand if needed.",
                list(&report.grants_differing),
                sanitize(file, false)
            ),
        )?;
    }
    if report.applications_added > 0 {
        line(
            out,
            format!(
                "Applications sent, added from the other copy: {}.",
                report.applications_added
            ),
        )?;
    }
    if !report.rounds_joined.is_empty() {
        let rounds: Vec<String> = report.rounds_joined.iter().map(u32::to_string).collect();
        line(out, format!("Year records joined: {}.", rounds.join(", ")))?;
    }
    if let Some(round) = report.round_moved_to {
        line(
            out,
            format!(
                "The other copy had started year {round}, so the group is now in year {round}."
            ),
        )?;
    }
    if !report.conflicts.is_empty() {
        line(out, "")?;
        line(
            out,
            "Both copies changed these answers differently. Nothing is lost: both are kept until you choose.",
        )?;
        // The id is what `resolve` takes; the words say which answer it is.
        for id in &report.conflicts {
            line(
                out,
                format!("  {}", sanitize(&bank.id_with_words(id), false)),
            )?;
        }
        line(
            out,
            format!(
                "See both with `alongside show {slug}`, then choose: alongside resolve {slug} QUESTION --keep ours (this computer's) or --keep theirs (the other copy's)"
            ),
        )?;
    }
    Ok(())
}

/// The open conflicts, for `show`.
pub fn write_conflicts(
    g: &Group,
    bank: &Bank,
    vocab: &crate::vocab::Vocabularies,
    out: &mut dyn Write,
) -> Result {
    if g.conflicts.is_empty() {
        return Ok(());
    }
    line(out, "")?;
    line(
        out,
        "== Answers to choose between (two copies changed them differently) ==",
    )?;
    for (id, conflict) in &g.conflicts {
        let q = bank.question(id);
        line(out, "")?;
        let prompt = q.map_or(String::new(), |q| format!("{}  ", one_line(&q.prompt)));
        line(out, format!("{prompt}[{}]", sanitize(id, false)))?;
        for (label, answer) in [
            ("ours (this computer)", &conflict.ours),
            ("theirs (the other copy)", &conflict.theirs),
        ] {
            line(
                out,
                format!(
                    "  {label}, {}, {}:",
                    answer.by.label(),
                    answer.at.for_people()
                ),
            )?;
            for text_line in sanitize(&answer.value.display(q, vocab), true).lines() {
                line(out, format!("    {text_line}"))?;
            }
        }
        line(
            out,
            format!(
                "  Choose: alongside resolve {} {} --keep ours|theirs",
                g.slug,
                sanitize(id, false)
            ),
        )?;
    }
    Ok(())
}

/// The applications sent, for `show`.
pub fn write_applications(applications: &[Application], out: &mut dyn Write) -> Result {
    if applications.is_empty() {
        return Ok(());
    }
    line(out, "")?;
    line(out, "== Applications sent ==")?;
    for a in applications {
        let ask = a.ask_pence.map_or(String::new(), |p| {
            format!(", asking for {}", format_pence(p))
        });
        line(
            out,
            format!(
                "{}: sent {} (year {}) by {}{ask}; {} kept as sent",
                one_line(&a.funder),
                a.submitted.for_people(),
                a.round,
                a.by.label(),
                crate::text::count(a.answers.len(), "answer")
            ),
        )?;
    }
    Ok(())
}
