//! `funders` and `funders check`.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use super::matching::scan_catalogue;
use super::{Output, json, line};
use crate::error::{Error, Result};
use crate::funders::profile::{FunderKind, State};
use crate::funders::{self, LoadedProfile};
use crate::paths::DataDir;
use crate::text::{format_pounds, one_line};
use crate::workspace::Workspace;

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

/// List funder profiles, or check profile files for mistakes.
#[derive(Debug, clap::Args)]
pub struct FundersArgs {
    #[command(subcommand)]
    pub action: Option<FundersAction>,
    /// Use only the profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum FundersAction {
    /// Check funder profiles and report every mistake with its file, line,
    /// column and field. Exits with 1 if any profile has a mistake.
    Check {
        /// Files or folders to check. Without any, checks the built-in
        /// profiles and those in the data folder.
        paths: Vec<PathBuf>,
        /// Judge the age of sources as if today were this date.
        #[arg(long, value_parser = super::parse_day)]
        today: Option<crate::dates::Day>,
    },
    /// Add a funder that is not in the list (a local trust, the council's
    /// scheme), saved as <data-dir>/funders/ID.toml for every group in the
    /// data folder. Only what you give is recorded; whether it is open is
    /// "not known" until someone checks.
    New(NewArgs),
    /// Add a funder's questions from text copied from its form or guidance.
    /// Each question keeps the funder's words; a word or character limit is
    /// read only where the text states one. For a built-in funder, a copy
    /// with the questions is saved in the data folder and used instead.
    Questions(QuestionsArgs),
}

pub fn cmd_funders(ws: Workspace, args: FundersArgs, Output { out, warn }: Output) -> Result {
    match args.action {
        None => list(&ws.with_funders(args.funders)?, args.json, out, warn),
        Some(FundersAction::Check { paths, today }) => {
            check(&ws.data, &paths, today.unwrap_or(ws.today), out)
        }
        Some(FundersAction::New(new_args)) => new(&ws, new_args, out, warn),
        Some(FundersAction::Questions(q)) => questions(&ws, q, out, warn),
    }
}

fn list(ws: &Workspace, as_json: bool, out: &mut dyn Write, warn: &mut dyn Write) -> Result {
    // Only the row is kept of each profile, so a folder of thousands lists
    // in little memory.
    let mut rows = Vec::new();
    scan_catalogue(ws, warn, |loaded| rows.push(funder_row(loaded)))?;
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

fn check(
    data: &DataDir,
    paths: &[PathBuf],
    today: crate::dates::Day,
    out: &mut dyn Write,
) -> Result {
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
        Err(Error::fixable(format!(
            "{} in {}; {} fine. Fix the lines above and run the check again",
            crate::text::count(problems.len(), "problem"),
            crate::text::count(files_with_problems, "file"),
            crate::text::count(ok, "profile")
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
    /// The funder's or programme's name as people know it (with
    /// --from-grants-data, the name in the data unless given).
    #[arg(long, required_unless_present = "from_grants_data")]
    pub name: Option<String>,
    /// The organisation that gives the money, if not the same as the name.
    #[arg(long, value_name = "ORG")]
    pub organisation: Option<String>,
    /// The funder's web address (kept as the source of what the profile says).
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    #[command(flatten)]
    pub form: FormArgs,
    /// Start from what the imported open grants data (360Giving) says about
    /// the funder with this org-id, such as GB-CHC-1234567: its name,
    /// org-id and website. What it gave is shown, never written as its rules.
    #[arg(long, value_name = "ORG_ID")]
    pub from_grants_data: Option<String>,
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
fn read_form(path: &std::path::Path) -> Result<(String, String)> {
    use std::io::Read;
    let (name, mut reader): (String, Box<dyn std::io::Read>) = if path.as_os_str() == "-" {
        ("what was pasted".to_string(), Box::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| {
            Error::fixable(format!(
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
        .map_err(|e| Error::fixable(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_FORM_BYTES {
        return Err(Error::fixable(format!(
            "{name} is over 1 MB; a funder's form is far smaller. Is this the right file?"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::fixable(format!(
            "{name} is not plain text (UTF-8). Copy the form's words into a plain text file"
        ))
    })?;
    Ok((name, crate::text::sanitize(&text, true)))
}

/// Reads and shows the questions in a form, or fails when there are none.
fn understood(
    path: &std::path::Path,
    out: &mut dyn Write,
) -> Result<Vec<crate::funders::profile::FunderQuestion>> {
    use crate::funders::{form, user_profiles};
    let (name, text) = read_form(path)?;
    let parsed = form::parse(&text);
    if parsed.questions.is_empty() {
        return Err(Error::fixable(format!(
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
fn new(ws: &Workspace, args: NewArgs, out: &mut dyn Write, warn: &mut dyn Write) -> Result {
    let data = &ws.data;
    use crate::funders::user_profiles::{self, NewFunder};
    let catalogue = super::matching::load_catalogue(ws, warn)?;
    user_profiles::check_new_id(catalogue, &args.id).map_err(Error::from)?;
    let name = args.name.unwrap_or_default();
    if name.trim().is_empty() && args.from_grants_data.is_none() {
        return Err(Error::fixable(
            "the name is empty. Give the funder's name: --name \"Riverside Trust Small Grants\"",
        ));
    }
    let today = ws.today;
    let given = NewFunder {
        id: args.id.clone(),
        name,
        organisation: args.organisation,
        website: args.website,
    };
    let mut profile = match &args.from_grants_data {
        None => user_profiles::new_profile(&given, today),
        Some(org_id) => {
            let index = crate::grants_data::Index::open(data)?;
            let summary = crate::grants_data::lookup(&index, org_id)?;
            let made = user_profiles::from_grants_data(&given, &summary, today);
            line(
                out,
                format!(
                    "In the grants data {} ({}) {} ({} grants, {} to small or unregistered groups).",
                    one_line(&summary.name),
                    summary.org_id,
                    summary.gave,
                    summary.grants,
                    summary.small_groups
                ),
            )?;
            line(
                out,
                "That is what it gave, not its rules: the profile records its name, org-id and website, and says what it gave in its summary; its amounts, areas and status are left for you to check (status unknown).",
            )?;
            for note in &made.notes {
                line(out, format!("Note: {note}"))?;
            }
            // Several profiles may share an org-id (one funder's
            // programmes), so this is said, not refused.
            for other in catalogue.profiles.iter().filter(|l| {
                l.profile
                    .org_id
                    .as_deref()
                    .is_some_and(|o| o.eq_ignore_ascii_case(&summary.org_id))
            }) {
                line(
                    out,
                    format!(
                        "Note: the funder `{}` ({}) already has this org-id.",
                        other.profile.id,
                        one_line(&other.profile.name)
                    ),
                )?;
            }
            made.profile
        }
    };
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
fn questions(
    ws: &Workspace,
    args: QuestionsArgs,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result {
    use crate::funders::user_profiles;
    let data = &ws.data;
    let catalogue = super::matching::load_catalogue(ws, warn)?;
    let loaded = catalogue.find(&args.id).map_err(|miss| {
        Error::fixable(format!(
            "{miss}. To add a funder that is not listed: alongside funders new {} --name \"NAME\"",
            args.id
        ))
    })?;
    let Some(path) = &args.form.questions_from else {
        return Err(Error::fixable(
            "say where the questions are: --questions-from FILE, or --questions-from - to paste them",
        ));
    };
    let questions = understood(path, out)?;
    let mut profile = loaded.profile.clone();
    let added = user_profiles::add_questions(&mut profile, &questions, ws.today);
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
) -> Result {
    use crate::funders::user_profiles;
    if dry_run {
        // Still checked, so a dry run finds every mistake a real one would.
        user_profiles::to_toml(profile).map_err(Error::from)?;
        return line(
            out,
            format!(
                "Nothing saved (--dry-run). Without it this goes to {}.",
                path.display()
            ),
        );
    }
    user_profiles::save(path, profile).map_err(Error::from)?;
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
