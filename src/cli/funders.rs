//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{Failure, Outcome, json, line};
use crate::funders;
use crate::paths::DataDir;
use crate::text::{format_pounds, one_line};

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

pub fn check(data: &DataDir, paths: &[PathBuf], out: &mut dyn Write) -> Outcome {
    let (ok, problems) = if paths.is_empty() {
        let (mut ok, mut problems) = funders::check_builtin();
        if data.funders().is_dir() {
            let (user_ok, user_problems) = funders::check_paths(&[data.funders()]);
            ok += user_ok;
            problems.extend(user_problems);
        }
        (ok, problems)
    } else {
        funders::check_paths(paths)
    };
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
        line(out, format!("{ok} funder {profiles} checked: no problems."))
    } else {
        Err(Failure::fixable(format!(
            "{} in {}; {} fine. Fix the lines above and run the check again",
            crate::text::count(problems.len(), "problem"),
            crate::text::count(files_with_problems, "file"),
            crate::text::count(ok, "profile")
        )))
    }
}
