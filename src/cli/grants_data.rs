//! `grants-data import|status|funder` and `nearby`: the open grants data
//! (360Giving) from the command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Subcommand;

use super::{Output, json, line, warn_line};
use crate::dates::Day;
use crate::error::{Error, Result};
use crate::grants_data::{self, Area, Form, Index, IndexError, Tier, import};
use crate::paths::DataDir;
use crate::store::Access;
use crate::workspace::Workspace;

#[derive(Debug, Subcommand)]
pub enum GrantsDataAction {
    /// Import 360Giving files (JSON or CSV, as downloaded from GrantNav or
    /// a funder's website) into the local index. Importing a file again
    /// replaces its grants; grants to individuals are skipped.
    Import {
        /// The files to import.
        #[arg(required_unless_present = "sample")]
        files: Vec<PathBuf>,
        /// Import the small built-in sample of made-up grants, to try
        /// `nearby` with the demo group.
        #[arg(long)]
        sample: bool,
    },
    /// What is loaded: files, funders, grants, and the newest award date.
    Status {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// What the data says one funder gave (name, org-id, website, amounts
    /// and years), to start a funder profile from.
    Funder {
        /// The funder's org-id, such as GB-CHC-1234567.
        org_id: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}

/// Open grants data (360Giving): import files downloaded from GrantNav
/// or a funder, see what is loaded, or what one funder gave.
#[derive(Debug, clap::Args)]
pub struct GrantsDataArgs {
    #[command(subcommand)]
    pub action: GrantsDataAction,
}

pub fn cmd_grants_data(
    ws: Workspace,
    args: GrantsDataArgs,
    Output { out, warn }: Output,
) -> Result {
    let data = &ws.data;
    match args.action {
        GrantsDataAction::Import { files, sample } => import_files(data, &files, sample, out, warn),
        GrantsDataAction::Status { json } => status(data, json, out),
        GrantsDataAction::Funder { org_id, json } => funder(data, &org_id, json, out),
    }
}

/// A progress bar on a terminal, for imports that take more than a second;
/// nothing when the output is piped or redirected.
struct Progress {
    started: Instant,
    total: u64,
    label: String,
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
}

impl Progress {
    fn new(label: String, total: u64) -> Progress {
        Progress {
            started: Instant::now(),
            total,
            label,
            bar: None,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn update(&mut self, bytes: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() > Duration::from_secs(1) {
            let bar = indicatif::ProgressBar::new(self.total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta} left)",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(self.label.clone());
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    fn done(&mut self, message: &str) {
        if let Some(bar) = self.bar.take() {
            bar.set_message(message.to_string());
            bar.finish_and_clear();
        }
    }
}

fn import_files(
    data: &DataDir,
    files: &[PathBuf],
    sample: bool,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result {
    for file in files {
        if !file.is_file() {
            return Err(Error::fixable(format!(
                "there is no file {}. Give the path of a 360Giving file (.json or .csv) you downloaded",
                file.display()
            )));
        }
    }
    data.ensure()?;
    let started = Instant::now();
    let mut index = Index::create(data)?;
    let mut writer = index.writer()?;
    let mut any = false;
    if sample {
        let report = import::import_reader(
            &mut writer,
            grants_data::SAMPLE_NAME,
            Form::Csv,
            grants_data::SAMPLE_CSV.as_bytes(),
            &mut |_| {},
        )?;
        print_report(grants_data::SAMPLE_NAME, &report, out, warn)?;
        any = true;
    }
    for file in files {
        let total = std::fs::metadata(file).map_or(0, |m| m.len());
        let mut progress = Progress::new(format!("Importing {}", file.display()), total);
        let result = import::import_file(&mut writer, file, &mut |bytes| progress.update(bytes));
        progress.done("done");
        match result {
            Ok(report) => {
                print_report(&file.display().to_string(), &report, out, warn)?;
                any = true;
            }
            // One file that is not grants data does not stop the others.
            Err(e @ (import::ImportError::NotGrants { .. } | import::ImportError::Read { .. })) => {
                warn_line(warn, format!("error: {e}"))?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    // Building the word index and the funders' figures takes a few seconds
    // for a large file: say so on a terminal if the import was long.
    let spinner = (std::io::stderr().is_terminal() && started.elapsed() > Duration::from_secs(1))
        .then(|| {
            let s = indicatif::ProgressBar::new_spinner();
            s.set_message("Building the word index and each funder's figures");
            s.enable_steady_tick(Duration::from_millis(120));
            s
        });
    writer.finish()?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if !any {
        return Err(Error::fixable("no file could be imported (see above)"));
    }
    let status = index.status()?;
    line(
        out,
        format!(
            "The index now holds {} grants from {} funders{}.",
            status.grants,
            status.funders,
            status
                .newest
                .as_deref()
                .and_then(|d| d.parse::<Day>().ok())
                .map_or(String::new(), |d| format!(
                    ", data up to {}",
                    d.for_people()
                ))
        ),
    )
}

fn print_report(
    name: &str,
    report: &import::Report,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result {
    let mut said = format!("{name}: {} grants imported", report.grants);
    if report.individuals > 0 {
        said.push_str(&format!(
            ", {} grants to individuals skipped (they are never stored)",
            report.individuals
        ));
    }
    if report.bad > 0 {
        said.push_str(&format!(", {} could not be read", report.bad));
    }
    line(out, format!("{said}."))?;
    for bad in &report.bad_rows {
        warn_line(warn, format!("  {name}: {}: {}", bad.at, bad.problem))?;
    }
    if report.bad > report.bad_rows.len() as u64 {
        warn_line(
            warn,
            format!(
                "  ... and {} more that could not be read",
                report.bad - report.bad_rows.len() as u64
            ),
        )?;
    }
    if let Some(stopped) = &report.stopped {
        warn_line(warn, format!("warning: {name}: {stopped}"))?;
    }
    Ok(())
}

fn status(data: &DataDir, as_json: bool, out: &mut dyn Write) -> Result {
    let index = match Index::open(data) {
        Ok(index) => index,
        Err(IndexError::Missing) if !as_json => {
            return line(out, IndexError::Missing.to_string());
        }
        Err(e) => return Err(e.into()),
    };
    let status = index.status()?;
    if as_json {
        return json(out, &super::json_out::Versioned::new(&status));
    }
    let day = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| d.parse::<Day>().ok())
            .map(Day::for_people)
    };
    line(
        out,
        format!(
            "Grants data: {} ({} MB)",
            index.file_path().display(),
            size_mb(index.file_path())
        ),
    )?;
    line(
        out,
        format!("{} grants from {} funders", status.grants, status.funders),
    )?;
    if let (Some(first), Some(last)) = (day(&status.earliest), day(&status.newest)) {
        line(
            out,
            format!("Awarded from {first} to {last}: data up to {last}"),
        )?;
    }
    line(out, "Files:")?;
    for file in &status.files {
        let mut text = format!("  {}: {} grants", file.path, file.grants);
        if file.individuals > 0 {
            text.push_str(&format!(", {} to individuals skipped", file.individuals));
        }
        if file.bad > 0 {
            text.push_str(&format!(", {} could not be read", file.bad));
        }
        text.push_str(&format!(" (imported {})", file.imported_at));
        line(out, text)?;
    }
    Ok(())
}

fn size_mb(path: &std::path::Path) -> String {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

fn funder(data: &DataDir, org_id: &str, as_json: bool, out: &mut dyn Write) -> Result {
    let summary = grants_data::lookup(&Index::open(data)?, org_id)?;
    if as_json {
        return json(out, &super::json_out::Versioned::new(&summary));
    }
    line(out, format!("{} ({})", summary.name, summary.org_id))?;
    if let Some(site) = &summary.website {
        line(out, format!("Website: {site}"))?;
    }
    line(
        out,
        format!(
            "In the grants data it {} ({} grants, {} to small or unregistered groups).",
            summary.gave, summary.grants, summary.small_groups
        ),
    )?;
    line(
        out,
        "This is what it gave, not its rules: check the funder's own website for what it funds now.",
    )
}

/// Who funded groups like yours nearby, from the grants data: funders
/// in tiers (your kind of work in your area; elsewhere; your area,
/// other work; too few grants to say), each with the grants behind it.
#[derive(Debug, clap::Args)]
pub struct NearbyArgs {
    /// A group's short name, or the path to a group file.
    pub group: String,
    /// Look in this local authority (name or ONS code) or region
    /// instead of the group's own council area and postcode.
    #[arg(long, value_name = "LOCAL_AUTHORITY|REGION")]
    pub within: Option<String>,
    /// At most this many funders in each tier.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Use only the funder profiles in this folder.
    #[arg(long, value_name = "DIR")]
    pub funders: Option<PathBuf>,
    /// Give profiles' verdicts as if today were this date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
    pub today: Option<crate::dates::Day>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_nearby(ws: Workspace, args: NearbyArgs, Output { out, warn }: Output) -> Result {
    let ws = ws.with_funders(args.funders)?.with_today(args.today);
    let data = &ws.data;
    let open = ws.open_group(&args.group, Access::Read)?;
    let index = Index::open(data)?;
    let catalogue = super::matching::load_catalogue(&ws, warn)?;
    let profiles: Vec<_> = catalogue.profiles.iter().map(|l| &l.profile).collect();
    let found = grants_data::nearby(
        &index,
        &grants_data::Query {
            group: &open.group,
            within: args.within.as_deref().map(Area::within),
            limit: args.limit,
            profiles: &profiles,
            today: ws.today,
            vocab: ws.vocab,
        },
    )?;
    if args.json {
        for note in &found.notes {
            warn_line(warn, format!("note: {note}"))?;
        }
        return json(out, &found.funders);
    }
    print_nearby(&found, out)
}

/// The tiers as text: a heading each, then each funder with its figures
/// and the grants behind it.
fn print_nearby(found: &grants_data::Nearby, out: &mut dyn Write) -> Result {
    line(
        out,
        format!(
            "Who funded groups like yours nearby, from {} published grants",
            found.grants_in_index
        ),
    )?;
    if let Some(area) = &found.area {
        line(out, format!("Your area: {area}"))?;
    }
    if !found.words.is_empty() {
        line(
            out,
            format!(
                "Your kind of work: grants whose title or description use {}",
                found.words.join(", ")
            ),
        )?;
    }
    for note in &found.notes {
        line(out, format!("Note: {note}"))?;
    }
    for tier in Tier::ALL {
        let total = found
            .tier_totals
            .iter()
            .find(|(t, _)| *t == tier)
            .map_or(0, |(_, n)| *n);
        line(out, "")?;
        line(out, format!("{} ({total} funders)", tier.heading()))?;
        let shown: Vec<_> = found.funders.iter().filter(|f| f.tier == tier).collect();
        if shown.is_empty() {
            line(out, "  none")?;
        }
        for f in &shown {
            for text in funder_lines(f) {
                line(out, text)?;
            }
        }
        if total > shown.len() {
            line(
                out,
                format!(
                    "  ... and {} more (--limit shows more)",
                    total - shown.len()
                ),
            )?;
        }
    }
    line(out, "")?;
    line(
        out,
        "These are grants funders published (360Giving data): what they gave, not their rules. Check a funder's own website before applying.",
    )
}

/// One funder as lines of text: its name, then the evidence indented.
pub fn funder_lines(f: &grants_data::NearbyFunder) -> Vec<String> {
    let mut lines = vec![format!("  {} ({})", f.funder_name, f.funder_org_id)];
    lines.extend(f.evidence().into_iter().map(|l| format!("    {l}")));
    lines
}
