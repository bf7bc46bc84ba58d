//! `match`: which funders the group can apply to, rule by rule; and
//! `award`: recording a grant the group has been given.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Outcome, json, line, warn_line};
use crate::dates::Day;
use crate::funders::{Catalogue, Sources};
use crate::matching::{self, FlagKind, FunderMatch, Outcome as Rule, Verdict};
use crate::paths::DataDir;
use crate::store::{Access, OpenGroup};
use crate::text::{format_pence, one_line};
use crate::vocab::Vocabularies;

pub struct MatchArgs<'a> {
    pub group: &'a str,
    pub funders: Option<PathBuf>,
    pub today: Option<Day>,
    pub funder: Option<&'a str>,
    pub json: bool,
}

/// Loads the funder profiles for a command, warning about broken files.
pub fn load_catalogue(
    data: &DataDir,
    only: Option<PathBuf>,
    warn: &mut dyn Write,
) -> Result<Catalogue, Failure> {
    if let Some(dir) = only.as_deref()
        && !dir.is_dir()
    {
        return Err(Failure::fixable(format!(
            "there is no folder {}. Give --funders a folder of funder profile files (*.toml)",
            dir.display()
        )));
    }
    let sources = match only {
        Some(dir) => Sources::Only(dir),
        None => Sources::Standard {
            user_dir: data.funders(),
        },
    };
    let catalogue = Catalogue::load(&sources);
    for problem in &catalogue.problems {
        warn_line(
            warn,
            format!("warning: skipped a funder profile: {problem}"),
        )?;
    }
    Ok(catalogue)
}

pub fn run_match(
    data: &DataDir,
    args: MatchArgs<'_>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let open = OpenGroup::open(data, args.group, Access::Read)?;
    let catalogue = load_catalogue(data, args.funders, warn)?;
    let today = args.today.unwrap_or_else(Day::today);
    let vocab = Vocabularies::builtin();
    let profiles: Vec<_> = match args.funder {
        Some(id) => {
            let found = catalogue.get(id).ok_or_else(|| {
                let near = crate::text::closest(
                    id,
                    catalogue.profiles.iter().map(|l| l.profile.id.as_str()),
                );
                let hint = near
                    .first()
                    .map_or(String::new(), |n| format!(" Did you mean `{n}`?"));
                Failure::fixable(format!(
                    "there is no funder `{id}`.{hint} Run `alongside funders` to see them all"
                ))
            })?;
            vec![&found.profile]
        }
        None => catalogue.profiles.iter().map(|l| &l.profile).collect(),
    };
    let results = matching::match_all(&open.group, profiles, today, vocab);
    if args.json {
        return json(out, &results);
    }
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
        Rule::Unknown => match (&c.question, &c.fix) {
            (Some(q), _) => line(
                out,
                format!("       Answer `{q}`: alongside answer {slug} {q} ..."),
            )?,
            // Something for a person to find out (a status nobody checked).
            (None, Some(fix)) => line(out, format!("       What to do: {}", one_line(fix)))?,
            (None, None) => {}
        },
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
