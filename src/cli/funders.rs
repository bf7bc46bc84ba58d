//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{Failure, Outcome, json, line};
use crate::funders;
use crate::paths::DataDir;
use crate::text::one_line;

#[derive(Serialize)]
struct FunderRow<'a> {
    id: &'a str,
    name: &'a str,
    funder: &'a str,
    kind: &'a str,
    status: &'a str,
    min_pounds: Option<u64>,
    max_pounds: Option<u64>,
    checked: String,
    origin: String,
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
                    id: &p.id,
                    name: &p.name,
                    funder: &p.funder,
                    kind: p.kind.label(),
                    status: p.status.state.label(),
                    min_pounds: p.grant.min_pounds,
                    max_pounds: p.grant.max_pounds,
                    checked: p.checked.to_string(),
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
            (Some(min), Some(max)) => format!("£{min}–£{max}"),
            (None, Some(max)) => format!("up to £{max}"),
            (Some(min), None) => format!("from £{min}"),
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
            format!(" {} warning(s) above.", warnings.len())
        };
        line(
            out,
            format!("{ok} funder {profiles} checked: no problems.{warned}"),
        )
    } else {
        Err(Failure::fixable(format!(
            "{} problem(s) in {files_with_problems} file(s); {ok} profile(s) fine. Fix the lines above and run the check again",
            problems.len()
        )))
    }
}
