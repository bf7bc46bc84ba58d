//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{Failure, Outcome, json, line};
use crate::funders;
use crate::paths::DataDir;
use crate::text::{format_pounds, one_line};

/// One profile in `funders --json`: the names of the JSON vocabulary
/// (`funder` is the id), money in pence, dates ISO, and where the facts
/// come from and how old they are.
#[derive(Serialize)]
struct FunderRow<'a> {
    funder: &'a str,
    name: &'a str,
    organisation: &'a str,
    kind: funders::profile::FunderKind,
    countries: &'a [String],
    state: funders::profile::State,
    website: &'a str,
    /// The web address behind a known status (null while it is unknown).
    status_source: Option<&'a str>,
    status_as_of: Option<String>,
    min_pence: Option<u64>,
    max_pence: Option<u64>,
    checked: String,
    sources: Vec<SourceRow<'a>>,
    /// How many of the funder's application questions the profile lists.
    questions: usize,
    questions_known: bool,
    origin: String,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    url: &'a str,
    as_of: Option<String>,
}

pub fn list(
    data: &DataDir,
    only: Option<PathBuf>,
    as_json: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    let catalogue = super::matching::load_catalogue(data, only, warn)?;
    if as_json {
        let rows: Vec<FunderRow> = catalogue
            .profiles
            .iter()
            .map(|l| {
                let p = &l.profile;
                FunderRow {
                    funder: &p.id,
                    name: &p.name,
                    organisation: &p.funder,
                    kind: p.kind,
                    countries: &p.area.countries,
                    state: p.status.state,
                    website: &p.website,
                    status_source: p
                        .status_source_url()
                        .filter(|_| p.status.state != funders::profile::State::Unknown),
                    status_as_of: p.status.as_of.map(|d| d.to_string()),
                    min_pence: p.grant.min_pounds.map(|x| x.saturating_mul(100)),
                    max_pence: p.grant.max_pounds.map(|x| x.saturating_mul(100)),
                    checked: p.checked.to_string(),
                    sources: p
                        .source_urls()
                        .into_iter()
                        .map(|(url, as_of)| SourceRow {
                            url,
                            as_of: as_of.map(|d| d.to_string()),
                        })
                        .collect(),
                    questions: p.questions.len(),
                    questions_known: p.questions_known(),
                    origin: l.origin.describe(),
                }
            })
            .collect();
        return json(out, &rows);
    }
    if catalogue.profiles.is_empty() {
        return line(out, "No funder profiles found.");
    }
    let id_width = catalogue
        .profiles
        .iter()
        .map(|l| l.profile.id.len())
        .max()
        .unwrap_or(2);
    for l in &catalogue.profiles {
        let p = &l.profile;
        let range = match (p.grant.min_pounds, p.grant.max_pounds) {
            (Some(min), Some(max)) => format!("{}–{}", format_pounds(min), format_pounds(max)),
            (None, Some(max)) => format!("up to {}", format_pounds(max)),
            (Some(min), None) => format!("from {}", format_pounds(min)),
            (None, None) => "amount not stated".to_string(),
        };
        line(
            out,
            format!(
                "{:id_width$}  {}  ({}; {})",
                p.id,
                one_line(&p.name),
                range,
                p.status.state.label()
            ),
        )?;
    }
    Ok(())
}

pub fn check(
    data: &DataDir,
    paths: &[PathBuf],
    today: crate::dates::Day,
    out: &mut dyn Write,
) -> Outcome {
    let funders::CheckReport {
        ok,
        problems,
        warnings,
    } = if paths.is_empty() {
        let mut report = funders::check_builtin(today);
        if data.funders().is_dir() {
            let user = funders::check_paths(&[data.funders()], today);
            report.ok += user.ok;
            report.problems.extend(user.problems);
            report.warnings.extend(user.warnings);
        }
        report
    } else {
        funders::check_paths(paths, today)
    };
    for warning in &warnings {
        line(out, format!("warning: {}", one_line(&warning.to_string())))?;
    }
    for problem in &problems {
        line(out, one_line(&problem.to_string()))?;
    }
    let files_with_problems = {
        let mut files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        files.dedup();
        files.len()
    };
    if problems.is_empty() {
        let profiles = if ok == 1 { "profile" } else { "profiles" };
        let warned = if warnings.is_empty() {
            String::new()
        } else {
            format!(" {} above.", crate::text::count(warnings.len(), "warning"))
        };
        line(
            out,
            format!("{ok} funder {profiles} checked: no problems.{warned}"),
        )
    } else {
        Err(Failure::fixable(format!(
            "{} in {}; {} fine. Fix the lines above and run the check again",
            crate::text::count(problems.len(), "problem"),
            crate::text::count(files_with_problems, "file"),
            crate::text::count(ok, "profile")
        )))
    }
}
