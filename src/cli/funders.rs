//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::matching::scan_catalogue;
use super::{Failure, Outcome, json, line};
use crate::funders::profile::{FunderKind, State};
use crate::funders::{self, LoadedProfile};
use crate::paths::DataDir;
use crate::text::{format_pounds, one_line};

/// One row of `funders --json`. docs/formats.md section 7 documents it.
#[derive(Serialize)]
struct FunderRow {
    funder: String,
    name: String,
    organisation: String,
    kind: FunderKind,
    countries: Vec<String>,
    state: State,
    website: String,
    /// The web address behind a known status (null while it is unknown).
    status_source: Option<String>,
    /// The date the status was true in its source.
    status_as_of: Option<String>,
    checked: String,
    sources: Vec<SourceRow>,
    /// How many of the funder's application questions the profile holds.
    questions: usize,
    questions_known: bool,
    min_pence: Option<u64>,
    max_pence: Option<u64>,
    origin: String,
    /// For the text listing only: "£300–£20,000".
    #[serde(skip)]
    range: String,
}

#[derive(Serialize)]
struct SourceRow {
    url: String,
    /// The date the source itself carries, or null when not recorded.
    as_of: Option<String>,
}

/// What `funders` says about one profile. Every field that comes from the
/// profile schema is read here and nowhere else, so a change of schema is a
/// change to this function. A profile still in the old form (a bare list
/// of `sources` addresses) gives `as_of: null` for each; an unknown status,
/// or one without a source, gives `status_source: null`.
fn funder_row(loaded: LoadedProfile) -> FunderRow {
    let LoadedProfile { profile: p, origin } = loaded;
    let pence = |pounds: Option<u64>| pounds.map(|p| p.saturating_mul(100));
    FunderRow {
        range: match (p.grant.min_pounds, p.grant.max_pounds) {
            (Some(min), Some(max)) => format!("{}–{}", format_pounds(min), format_pounds(max)),
            (None, Some(max)) => format!("up to {}", format_pounds(max)),
            (Some(min), None) => format!("from {}", format_pounds(min)),
            (None, None) => "amount not stated".to_string(),
        },
        status_source: p
            .status_source_url()
            .filter(|_| p.status.state != State::Unknown)
            .map(str::to_string),
        status_as_of: p.status.as_of.map(|d| d.to_string()),
        sources: p
            .source_urls()
            .into_iter()
            .map(|(url, as_of)| SourceRow {
                url: url.to_string(),
                as_of: as_of.map(|d| d.to_string()),
            })
            .collect(),
        questions: p.questions.len(),
        questions_known: p.questions_known(),
        kind: p.kind,
        countries: p.area.countries,
        state: p.status.state,
        checked: p.checked.to_string(),
        min_pence: pence(p.grant.min_pounds),
        max_pence: pence(p.grant.max_pounds),
        origin: origin.describe(),
        website: p.website,
        funder: p.id,
        name: p.name,
        organisation: p.funder,
    }
}

pub fn list(
    data: &DataDir,
    only: Option<PathBuf>,
    as_json: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    // Only the row is kept of each profile, so a folder of thousands lists
    // in little memory.
    let mut rows = Vec::new();
    scan_catalogue(data, only, warn, |loaded| rows.push(funder_row(loaded)))?;
    rows.sort_by_cached_key(|r| (r.name.to_lowercase(), r.funder.clone()));
    if as_json {
        return json(out, &rows);
    }
    if rows.is_empty() {
        return line(out, "No funder profiles found.");
    }
    let id_width = rows.iter().map(|r| r.funder.len()).max().unwrap_or(2);
    for r in &rows {
        line(
            out,
            format!(
                "{:id_width$}  {}  ({}; {})",
                r.funder,
                one_line(&r.name),
                r.range,
                r.state.label()
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
