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
    let hint = crate::text::closest(id, known)
        .first()
        .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
    Failure::fixable(format!(
        "there is no funder `{id}`.{hint} Run `alongside funders` to see them all"
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
    let work = |loaded: &LoadedProfile| {
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
        return match json_failed {
            Some(e) => Err(Failure::fixable(format!("could not write the JSON: {e}"))),
            None => as_json.write(out).map_err(super::output_failure),
        };
    }
    matching::order(&mut results);
    let g = &open.group;
    let ask = matching::the_ask(g).map_or(
        "an amount not given yet (answer `project_total`)".to_string(),
        format_pence,
    );
    line(
        out,
        format!(
            "{} would ask for {ask}. Checked against {} funder(s) on {}.",
            one_line(&g.name),
            results.len(),
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
    line(out, format!("{}  [{}]", one_line(&m.name), m.id))?;
    match m.verdict {
        Verdict::Closed => {
            for c in m.failing().filter(|c| c.key == "status") {
                line(out, format!("  {}", one_line(&c.sentence)))?;
            }
        }
        _ => {
            for c in m.failing() {
                write_rule(c, slug, out)?;
            }
            for c in m.unknown() {
                write_rule(c, slug, out)?;
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

fn write_rule(c: &matching::Criterion, slug: &str, out: &mut dyn Write) -> Outcome {
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
                line(
                    out,
                    format!("       Answer `{q}`: alongside answer {slug} {q} ..."),
                )?;
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
        format!("{}  [{}]: {}", one_line(&m.name), m.id, m.verdict.label()),
    )?;
    for c in &m.criteria {
        write_rule(c, slug, out)?;
    }
    if let Some(fit) = &m.fit {
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
