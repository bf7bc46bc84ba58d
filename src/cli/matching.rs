//! `match`: which funders the group can apply to, rule by rule; and
//! `award`: recording a grant the group has been given.

use std::io::Write;
use std::path::PathBuf;

use super::json_out::{Item, SortedArray};
use super::{Output, line, warn_line};
use crate::dates::Day;
use crate::error::{Error, Result};
use crate::funders::{self, Catalogue, LoadedProfile};
use crate::group::Author;
use crate::ids::FunderId;
use crate::matching::{self, FlagKind, FunderMatch, Outcome as Rule, Verdict};
use crate::store::Access;
use crate::text::{format_pence, one_line};
use crate::toml_errors::Located;
use crate::workspace::Workspace;

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

fn warn_skipped(problems: &[Located], warn: &mut dyn Write) -> Result {
    for problem in problems {
        warn_line(
            warn,
            format!("warning: skipped a funder profile: {problem}"),
        )?;
    }
    Ok(())
}

/// The workspace's funder profiles, with a warning for each file that
/// did not load.
pub fn load_catalogue<'w>(ws: &'w Workspace, warn: &mut dyn Write) -> Result<&'w Catalogue> {
    let catalogue = ws.catalogue();
    warn_skipped(&catalogue.problems, warn)?;
    Ok(catalogue)
}

/// Gives each funder profile to `visit` without keeping them all (see
/// `funders::scan`), then warns about broken files.
pub fn scan_catalogue(
    ws: &Workspace,
    warn: &mut dyn Write,
    visit: impl FnMut(LoadedProfile) + Send,
) -> Result {
    let problems = funders::scan(ws.sources(), visit);
    warn_skipped(&problems, warn)
}

/// One profile's result, as `match` keeps it.
enum Matched<K> {
    /// For the text shown to people.
    Full(FunderMatch),
    /// For --json: where it goes in the order, and its JSON text.
    Json(K, std::io::Result<Item>),
}

/// Check the group against every funder: which it can apply to, rule by
/// rule, what would change a "no", how well each fits, and warnings
/// about demands that clash with how the group wants to run.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Show every rule of this one funder (its id from `alongside funders`).
    #[arg(long, value_name = "ID")]
    pub funder: Option<FunderId>,
    /// Use only the profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Check deadlines as if today were this date (such as 1/4/2027).
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_match(ws: Workspace, args: MatchArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders)?.with_today(args.today);
    let funder = args.funder.as_deref();
    let open = ws.open_group(&args.group, Access::Read)?;
    let (today, vocab) = (ws.today, ws.vocab);
    // Each profile is matched as soon as it is parsed, in parallel, and
    // then dropped: only the results are kept (for --json, only their JSON
    // text), so thousands of profiles fit in little memory.
    let work = |loaded: &LoadedProfile, _: &str| {
        if funder.is_some_and(|id| loaded.profile.id != id) {
            return None;
        }
        let m = matching::match_one(&open.group, &loaded.profile, today, vocab);
        Some(if args.json {
            Matched::Json(matching::order_key(&m), Item::of(&m))
        } else {
            Matched::Full(m)
        })
    };
    let mut results = Vec::new();
    let mut as_json = SortedArray::default();
    let mut json_failed = None;
    let mut others = Vec::new();
    // Profiles checked on an earlier run come from the data folder's cache
    // (see `funders::cache`) unless their files changed.
    let problems = funders::scan_with_cache(
        ws.sources(),
        Some(&ws.data.root().join("cache")),
        work,
        |loaded, done| match done {
            None => others.push((loaded.profile.id, loaded.profile.name)),
            Some(Matched::Full(m)) => results.push(m),
            Some(Matched::Json(key, made)) => {
                if let Err(e) = made.and_then(|text| as_json.push(key, text)) {
                    json_failed.get_or_insert(e);
                }
            }
        },
    );
    warn_skipped(&problems, warn)?;
    if let Some(id) = funder
        && results.is_empty()
        && as_json.is_empty()
        && json_failed.is_none()
    {
        let known = others
            .iter()
            .map(|(id, name)| (id.as_str(), Some(name.as_str())));
        return Err(funders::NoSuchFunder::new(id, known).into());
    }
    if args.json {
        if let Some(e) = json_failed {
            return Err(Error::fixable(format!("could not write the JSON: {e}")));
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
    if funder.is_some() {
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

fn write_summary(m: &FunderMatch, slug: &str, out: &mut dyn Write) -> Result {
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

fn write_rule(c: &matching::Criterion, slug: &str, funder: &str, out: &mut dyn Write) -> Result {
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

fn write_in_full(m: &FunderMatch, slug: &str, out: &mut dyn Write) -> Result {
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

/// Answer one of a funder's yes/no questions about the group (shown by
/// `alongside match GROUP --funder ID`), such as "Has the group had a
/// grant from this funder before?"
#[derive(Debug, clap::Args)]
pub struct ConfirmArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// The funder's id, as `alongside funders` lists it.
    #[arg(long, value_name = "ID")]
    pub funder: FunderId,
    /// The question's id, as `match --funder ID` shows it.
    pub ask: String,
    /// The answer.
    #[arg(value_enum)]
    pub answer: super::YesNoArg,
    /// Who answered (the group, unless given).
    #[arg(long, value_enum, default_value = "group")]
    pub by: super::ByArg,
    /// Use only the profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
}

/// `confirm`: records the group's answer to one of a funder's asks.
pub fn cmd_confirm(ws: Workspace, args: ConfirmArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders.clone())?;
    let yes = args.answer == super::YesNoArg::Yes;
    let by = Author::from(args.by);
    let catalogue = load_catalogue(&ws, warn)?;
    let loaded = catalogue.find(&args.funder)?;
    let profile = &loaded.profile;
    let asks = &profile.eligibility.asks;
    let Some(ask) = asks.iter().find(|a| a.id == args.ask) else {
        let known: Vec<&str> = asks.iter().map(|a| a.id.as_str()).collect();
        let hint = match crate::text::did_you_mean(&args.ask, known.iter().copied()) {
            Some(n) => format!(" Did you mean `{n}`?"),
            None if known.is_empty() => " It asks no yes/no questions.".to_string(),
            None => format!(" Its questions are: {}.", known.join(", ")),
        };
        return Err(Error::fixable(format!(
            "{} has no question `{}`.{hint}",
            one_line(&profile.name),
            args.ask
        )));
    };
    let mut open = ws.open_group(&args.group, Access::Write)?;
    for notice in &open.notices {
        warn_line(warn, format!("note: {notice}"))?;
    }
    open.group
        .set_ask(&profile.id, &ask.id, yes, by, crate::dates::Moment::now());
    open.save()?;
    let said = if yes { "yes" } else { "no" };
    let meets = if yes == ask.passes.as_bool() {
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
            by.label()
        ),
    )
}
