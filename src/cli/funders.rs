//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{Failure, Outcome, json, line};
use crate::funders;
use crate::paths::DataDir;
use crate::text::one_line;

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

/// Where a funder's questions come from: a file, or `-` for what is pasted
/// or piped in.
#[derive(Debug, Clone, clap::Args)]
pub struct FormArgs {
    /// A text file copied from the funder's form or guidance, or `-` to
    /// read it from the keyboard or a pipe (end with Ctrl+D). Number the
    /// questions, or put one on each line.
    #[arg(long, value_name = "FILE|-")]
    pub questions_from: Option<PathBuf>,
    /// Show what would be saved, and save nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// A short id for the funder: lower-case letters, digits and hyphens,
    /// such as riverside-trust.
    pub id: String,
    /// The funder's or programme's name as people know it.
    #[arg(long)]
    pub name: String,
    /// The organisation that gives the money, if not the same as the name.
    #[arg(long, value_name = "ORG")]
    pub organisation: Option<String>,
    /// The funder's web address (kept as the source of what the profile says).
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    #[command(flatten)]
    pub form: FormArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct QuestionsArgs {
    /// The funder's id (see `alongside funders`).
    pub id: String,
    #[command(flatten)]
    pub form: FormArgs,
}

/// The most text read as a form: far above any real form.
const MAX_FORM_BYTES: u64 = 1024 * 1024;

/// Reads the pasted form text from a file or standard input.
fn read_form(path: &std::path::Path) -> Result<(String, String), Failure> {
    use std::io::Read;
    let (name, mut reader): (String, Box<dyn std::io::Read>) = if path.as_os_str() == "-" {
        ("what was pasted".to_string(), Box::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| {
            Failure::fixable(format!(
                "cannot read {}: {e}. Save the form's text in a file and give its name, or use --questions-from - and paste it",
                path.display()
            ))
        })?;
        (path.display().to_string(), Box::new(file))
    };
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_FORM_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::fixable(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_FORM_BYTES {
        return Err(Failure::fixable(format!(
            "{name} is over 1 MB; a funder's form is far smaller. Is this the right file?"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::fixable(format!(
            "{name} is not plain text (UTF-8). Copy the form's words into a plain text file"
        ))
    })?;
    Ok((name, crate::text::sanitize(&text, true)))
}

/// Reads and shows the questions in a form, or fails when there are none.
fn understood(
    path: &std::path::Path,
    out: &mut dyn Write,
) -> Result<Vec<crate::funders::profile::FunderQuestion>, Failure> {
    use crate::funders::{form, user_profiles};
    let (name, text) = read_form(path)?;
    let parsed = form::parse(&text);
    if parsed.questions.is_empty() {
        return Err(Failure::fixable(format!(
            "found no questions in {name}. Put each question on its own line, or number them (1. 2. 3.)"
        )));
    }
    let questions = user_profiles::form_questions(&parsed.questions);
    line(
        out,
        format!(
            "Read {} from {name}:",
            crate::drafting::plural(questions.len(), "question")
        ),
    )?;
    for (q, read) in questions.iter().zip(&parsed.questions) {
        line(out, format!("  {}  {}", q.id, one_line(&q.prompt)))?;
        line(out, format!("      {}", read.understood()))?;
    }
    for (n, text) in &parsed.skipped {
        line(
            out,
            format!("  (line {n} is not a question: \"{}\")", one_line(text)),
        )?;
    }
    Ok(questions)
}

/// `funders new`.
pub fn new(data: &DataDir, args: NewArgs, out: &mut dyn Write, warn: &mut dyn Write) -> Outcome {
    use crate::funders::user_profiles::{self, NewFunder};
    let catalogue = super::matching::load_catalogue(data, None, warn)?;
    user_profiles::check_new_id(&catalogue, &args.id).map_err(Failure::fixable)?;
    if args.name.trim().is_empty() {
        return Err(Failure::fixable(
            "the name is empty. Give the funder's name: --name \"Riverside Trust Small Grants\"",
        ));
    }
    let today = crate::dates::Day::today();
    let mut profile = user_profiles::new_profile(
        &NewFunder {
            id: args.id.clone(),
            name: args.name,
            organisation: args.organisation,
            website: args.website,
        },
        today,
    );
    if let Some(path) = &args.form.questions_from {
        let questions = understood(path, out)?;
        user_profiles::add_questions(&mut profile, &questions, today);
    }
    let path = user_profiles::save_path(&data.funders(), &profile, None);
    finish(&profile, &path, args.form.dry_run, out)?;
    if profile.questions.is_empty() && !args.form.dry_run {
        line(
            out,
            format!(
                "It has no questions yet. Copy them from the funder's form into a file, then: alongside funders questions {} --questions-from FILE",
                profile.id
            ),
        )?;
    }
    Ok(())
}

/// `funders questions`.
pub fn questions(
    data: &DataDir,
    args: QuestionsArgs,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Outcome {
    use crate::funders::user_profiles;
    let catalogue = super::matching::load_catalogue(data, None, warn)?;
    let loaded = super::drafting::find_funder(&catalogue, &args.id).map_err(|f| {
        Failure::fixable(format!(
            "{}. To add a funder that is not listed: alongside funders new {} --name \"NAME\"",
            f.message, args.id
        ))
    })?;
    let Some(path) = &args.form.questions_from else {
        return Err(Failure::fixable(
            "say where the questions are: --questions-from FILE, or --questions-from - to paste them",
        ));
    };
    let questions = understood(path, out)?;
    let mut profile = loaded.profile.clone();
    let added = user_profiles::add_questions(&mut profile, &questions, crate::dates::Day::today());
    if !added.updated.is_empty() {
        line(
            out,
            format!(
                "Already in the profile, limits updated from the form: {}",
                added.updated.join(", ")
            ),
        )?;
    }
    let target = user_profiles::save_path(&data.funders(), &profile, Some(&loaded.origin));
    if let crate::funders::Origin::BuiltIn(_) = loaded.origin {
        line(
            out,
            "This is a built-in funder: your copy with its questions is kept in your data folder and used instead, with the same sources.",
        )?;
    }
    finish(&profile, &target, args.form.dry_run, out)
}

/// Saves the profile (unless `dry_run`) and says what happened.
fn finish(
    profile: &crate::funders::Profile,
    path: &std::path::Path,
    dry_run: bool,
    out: &mut dyn Write,
) -> Outcome {
    use crate::funders::user_profiles;
    if dry_run {
        // Still checked, so a dry run finds every mistake a real one would.
        user_profiles::to_toml(profile).map_err(Failure::fixable)?;
        return line(
            out,
            format!(
                "Nothing saved (--dry-run). Without it this goes to {}.",
                path.display()
            ),
        );
    }
    user_profiles::save(path, profile).map_err(Failure::fixable)?;
    line(
        out,
        format!(
            "Saved {} [{}] to {}.",
            one_line(&profile.name),
            profile.id,
            path.display()
        ),
    )?;
    if let Some(first) = profile.questions.first() {
        line(
            out,
            format!(
                "Next, for a group: alongside wording GROUP --funder {} {} \"the group's words\"",
                profile.id, first.id
            ),
        )?;
    }
    Ok(())
}
