//! `match`: which funders the group can apply to, rule by rule; and
//! `award`: recording a grant the group has been given.

use std::io::Write;
use std::path::PathBuf;

use super::json_out::{Compact, SortedArray};
use super::{Failure, Outcome, line, warn_line};
use crate::dates::Day;
use crate::funders::{self, Catalogue, LoadedProfile, Sources};
use crate::matching::{self, FlagKind, FunderMatch, Outcome as Rule, Verdict};
use crate::paths::DataDir;
use crate::store::{Access, OpenGroup};
use crate::text::{format_pence, one_line};
use crate::toml_errors::Located;
use crate::vocab::Vocabularies;

/// The version of `match --json`'s shape (docs/formats.md section 7).
pub const MATCH_JSON_FORMAT: u32 = 1;

/// `match --json` without its last field, `funders`: the funders' results
/// are written after it, in order, as each was kept (see `run_match`).
#[derive(serde::Serialize)]
struct MatchJson<'a> {
    format: u32,
    group: &'a str,
    group_name: &'a str,
    today: Day,
    ask_pence: Option<i64>,
}

pub struct MatchArgs<'a> {
    pub group: &'a str,
    pub funders: Option<PathBuf>,
    pub today: Option<Day>,
    pub funder: Option<&'a str>,
    pub json: bool,
}

/// Which profiles a command reads: only `--funders DIR` if given, else the
/// built-ins and the user's own.
fn sources(data: &DataDir, only: Option<PathBuf>) -> Result<Sources, Failure> {
    if let Some(dir) = only.as_deref()
        && !dir.is_dir()
    {
        return Err(Failure::fixable(format!(
            "there is no folder {}. Give --funders a folder of funder profile files (*.toml)",
            dir.display()
        )));
    }
    Ok(match only {
        Some(dir) => Sources::Only(dir),
        None => Sources::Standard {
            user_dir: data.funders(),
        },
    })
}

fn warn_skipped(problems: &[Located], warn: &mut dyn Write) -> Outcome {
    for problem in problems {
        warn_line(
            warn,
            format!("warning: skipped a funder profile: {problem}"),
        )?;
    }
    Ok(())
}

/// Loads the funder profiles for a command, warning about broken files.
pub fn load_catalogue(
    data: &DataDir,
    only: Option<PathBuf>,
    warn: &mut dyn Write,
) -> Result<Catalogue, Failure> {
    let catalogue = Catalogue::load(&sources(data, only)?);
    warn_skipped(&catalogue.problems, warn)?;
    Ok(catalogue)
}

/// Gives each funder profile to `visit` without keeping them all (see
/// `funders::scan`), then warns about broken files.
pub fn scan_catalogue(
    data: &DataDir,
    only: Option<PathBuf>,
    warn: &mut dyn Write,
    visit: impl FnMut(LoadedProfile),
) -> Outcome {
    let problems = funders::scan(&sources(data, only)?, visit);
    warn_skipped(&problems, warn)
}

/// The message for a funder id that is not in the catalogue, with the
/// nearest id if one is close.
pub fn no_such_funder<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Failure {
    Failure::fixable(funders::unknown_funder(
        id,
        known.into_iter().map(|k| (k, None)),
    ))
}

/// One profile's result, as `match` keeps it.
enum Matched<K> {
    /// For the text shown to people.
    Full(FunderMatch),
    /// For --json: where it goes in the order, and its JSON text.
    Json(K, std::io::Result<Compact>),
}

pub fn run_match(
    data: &DataDir,
    args: MatchArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let open = OpenGroup::open(data, args.group, Access::Read)?;
    let today = args.today.unwrap_or_else(Day::today);
    let vocab = Vocabularies::builtin();
    // Each profile is matched as soon as it is parsed, in parallel, and
    // then dropped: only the results are kept (for --json, only their JSON
    // text), so thousands of profiles fit in little memory.
    let work = |loaded: &LoadedProfile, _: &str| {
        if args.funder.is_some_and(|id| loaded.profile.id != id) {
            return None;
        }
        let m = matching::match_one(&open.group, &loaded.profile, today, vocab);
        Some(if args.json {
            Matched::Json(matching::order_key(&m), Compact::of(&m))
        } else {
            Matched::Full(m)
        })
    };
    let mut results = Vec::new();
    let mut as_json = SortedArray::default();
    let mut json_failed = None;
    let mut other_ids = Vec::new();
    let problems = funders::scan_with(
        &sources(data, args.funders)?,
        work,
        |loaded, done| match done {
            None => other_ids.push(loaded.profile.id),
            Some(Matched::Full(m)) => results.push(m),
            Some(Matched::Json(key, Ok(text))) => as_json.push(key, text),
            Some(Matched::Json(_, Err(e))) => {
                json_failed.get_or_insert(e);
            }
        },
    );
    warn_skipped(&problems, warn)?;
    if let Some(id) = args.funder
        && results.is_empty()
        && as_json.is_empty()
        && json_failed.is_none()
    {
        return Err(no_such_funder(id, other_ids.iter().map(String::as_str)));
    }
    if args.json {
        if let Some(e) = json_failed {
            return Err(Failure::fixable(format!("could not write the JSON: {e}")));
        }
        let head = MatchJson {
            format: MATCH_JSON_FORMAT,
            group: &open.group.slug,
            group_name: &open.group.name,
            today,
            ask_pence: matching::the_ask(&open.group),
        };
        return as_json
            .write_as_last_field(out, &head, "funders")
            .map_err(super::output_failure);
    }
    matching::order(&mut results);
    let g = &open.group;
    let ask = matching::the_ask(g).map_or("an amount not given yet".to_string(), format_pence);
    line(
        out,
        format!(
            "{} would ask for {ask}. Checked against {} on {}.",
            one_line(&g.name),
            crate::text::count(results.len(), "funder"),
            today.for_people()
        ),
    )?;
    if args.funder.is_some() {
        for m in &results {
            write_in_full(m, &g.slug, out)?;
        }
        return Ok(());
    }
    // A warning about the size of the ask is the same for every funder, so
    // the overview says it once here instead of under each one.
    let shared: Vec<&str> = results
        .first()
        .map(|m| {
            m.flags
                .iter()
                .filter(|f| f.kind == FlagKind::LargeGrant)
                .map(|f| f.sentence.as_str())
                .collect()
        })
        .unwrap_or_default();
    for sentence in &shared {
        line(out, format!("! {}", one_line(sentence)))?;
    }
    for verdict in [
        Verdict::Eligible,
        Verdict::Check,
        Verdict::NotEligible,
        Verdict::Closed,
    ] {
        let group: Vec<&FunderMatch> = results.iter().filter(|m| m.verdict == verdict).collect();
        if group.is_empty() {
            continue;
        }
        line(out, "")?;
        line(
            out,
            format!("== {} ({}) ==", verdict.heading(), group.len()),
        )?;
        for m in group {
            write_summary(m, &g.slug, out)?;
        }
    }
    line(out, "")?;
    line(
        out,
        format!(
            "For every rule of one funder: alongside match {} --funder ID",
            g.slug
        ),
    )
}

fn write_summary(m: &FunderMatch, slug: &str, out: &mut dyn Write) -> Outcome {
    line(out, "")?;
    line(
        out,
        format!("{}  [{}]  ({})", one_line(&m.name), m.id, m.facts_age),
    )?;
    match m.verdict {
        Verdict::Closed => {
            for c in m.failing().filter(|c| c.key == "status") {
                line(out, format!("  {}", one_line(&c.sentence)))?;
            }
        }
        _ => {
            for c in m.failing() {
                write_rule(c, slug, &m.id, out)?;
            }
            for c in m.unknown() {
                write_rule(c, slug, &m.id, out)?;
            }
        }
    }
    if let Some(fit) = &m.fit {
        for reason in &fit.reasons {
            line(out, format!("  + {}", one_line(reason)))?;
        }
    }
    for flag in m.flags.iter().filter(|f| f.kind != FlagKind::LargeGrant) {
        line(out, format!("  ! {}", one_line(&flag.sentence)))?;
    }
    Ok(())
}

fn write_rule(c: &matching::Criterion, slug: &str, funder: &str, out: &mut dyn Write) -> Outcome {
    line(
        out,
        format!("  {}  {}", c.outcome.mark(), one_line(&c.sentence)),
    )?;
    match c.outcome {
        Rule::Fail => {
            if let Some(fix) = &c.fix {
                line(
                    out,
                    format!("       What would change it: {}", one_line(fix)),
                )?;
            }
        }
        Rule::Unknown => {
            if let Some(q) = &c.question {
                line(out, format!("       {}", how_to_answer(q, slug, funder)))?;
            }
        }
        Rule::Pass => {}
    }
    Ok(())
}

fn write_in_full(m: &FunderMatch, slug: &str, out: &mut dyn Write) -> Outcome {
    line(out, "")?;
    line(
        out,
        format!(
            "{}  [{}]: {} ({})",
            one_line(&m.name),
            m.id,
            m.verdict.label(),
            m.facts_age
        ),
    )?;
    for c in &m.criteria {
        write_rule(c, slug, &m.id, out)?;
    }
    if let Some(fit) = m.fit.as_ref().filter(|f| !f.reasons.is_empty()) {
        line(out, "Why it fits:")?;
        for reason in &fit.reasons {
            line(out, format!("  + {}", one_line(reason)))?;
        }
    }
    if !m.flags.is_empty() {
        line(out, "Worth thinking about before you apply:")?;
        for flag in &m.flags {
            line(out, format!("  ! {}", one_line(&flag.sentence)))?;
        }
    }
    Ok(())
}

/// How to answer what would settle an unknown: the question's own words,
/// then the command (the only place its id is shown).
fn how_to_answer(question: &str, slug: &str, funder: &str) -> String {
    if let Some(ask) = question.strip_prefix("ask.") {
        return format!("To answer: alongside confirm {slug} --funder {funder} {ask} yes|no");
    }
    let prompt = crate::bank::Bank::builtin()
        .ok()
        .and_then(|b| b.question(question))
        .map(|q| one_line(&q.prompt));
    match prompt {
        Some(p) => format!("Answer \"{p}\": alongside answer {slug} {question} ..."),
        None => format!("To answer: alongside answer {slug} {question} ..."),
    }
}

pub struct ConfirmArgs<'a> {
    pub group: &'a str,
    pub funder: &'a str,
    pub ask: &'a str,
    pub yes: bool,
    pub by: crate::group::Author,
    pub funders: Option<PathBuf>,
}

/// `confirm`: records the group's answer to one of a funder's asks.
pub fn confirm(
    data: &DataDir,
    args: ConfirmArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let loaded = catalogue.find(args.funder).map_err(Failure::fixable)?;
    let profile = &loaded.profile;
    let asks = &profile.eligibility.asks;
    let Some(ask) = asks.iter().find(|a| a.id == args.ask) else {
        let known: Vec<&str> = asks.iter().map(|a| a.id.as_str()).collect();
        let hint = match crate::text::closest(args.ask, known.iter().copied()).first() {
            Some(n) => format!(" Did you mean `{n}`?"),
            None if known.is_empty() => " It asks no yes/no questions.".to_string(),
            None => format!(" Its questions are: {}.", known.join(", ")),
        };
        return Err(Failure::fixable(format!(
            "{} has no question `{}`.{hint}",
            one_line(&profile.name),
            args.ask
        )));
    };
    let mut open = OpenGroup::open(data, args.group, Access::Write)?;
    for notice in &open.notices {
        warn_line(warn, format!("note: {notice}"))?;
    }
    open.group.set_ask(
        &profile.id,
        &ask.id,
        args.yes,
        args.by,
        crate::dates::Moment::now(),
    );
    open.save()?;
    let said = if args.yes { "yes" } else { "no" };
    let meets = if args.yes == ask.passes.as_bool() {
        "That meets this funder's rule.".to_string()
    } else {
        format!(
            "That does not meet this funder's rule. What would change it: {}",
            one_line(&ask.fix)
        )
    };
    line(
        out,
        format!(
            "Recorded {said} to \"{}\" for {}, answered by {}. {meets}",
            one_line(&ask.question),
            one_line(&profile.name),
            args.by.label()
        ),
    )
}
