//! The operations layer under both front ends. A [`Workspace`] is what a
//! session of alongside works in: the data folder, the question bank and
//! vocabularies, the funder profiles, and the day it takes as today,
//! resolved once. The jobs both the command line and the full-screen
//! program do (open a group, look a funder up, draft, check, export, log
//! evidence, write a return, record a step of the year's work) are its
//! methods, so each is written once and the front ends only show results.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::bank::Bank;
use crate::dates::Day;
use crate::drafting::{self, DraftContext, Format, Problem, Templates};
use crate::error::{Error, Result};
use crate::funders::{Catalogue, LoadedProfile, NoSuchFunder, Profile, Sources};
use crate::group::{Author, Group, ReportKind, Step};
use crate::monitoring;
use crate::paths::DataDir;
use crate::store::{Access, OpenGroup, StoreError};
use crate::vocab::Vocabularies;

pub struct Workspace {
    pub data: DataDir,
    pub bank: &'static Bank,
    pub vocab: &'static Vocabularies,
    /// The day taken as today: dates drafts, judges deadlines and ages.
    pub today: Day,
    sources: Sources,
    /// Loaded the first time something needs it (many commands never do).
    catalogue: OnceLock<Catalogue>,
}

impl Workspace {
    /// The workspace over `data`, with the built-in bank and vocabularies,
    /// every funder profile (built-in and the data folder's own) and the
    /// real today.
    pub fn new(data: DataDir) -> Result<Workspace> {
        let sources = Sources::Standard {
            user_dir: data.funders(),
        };
        Ok(Workspace {
            bank: Bank::builtin()?,
            vocab: Vocabularies::builtin(),
            today: Day::today(),
            sources,
            catalogue: OnceLock::new(),
            data,
        })
    }

    /// The workspace of a program that already holds the bank and the
    /// vocabularies (the full-screen program, which keeps its own clock):
    /// the standard funder profiles, loaded only if a job needs them.
    pub fn over(
        data: DataDir,
        bank: &'static Bank,
        vocab: &'static Vocabularies,
        today: Day,
    ) -> Workspace {
        Workspace {
            bank,
            vocab,
            today,
            sources: Sources::Standard {
                user_dir: data.funders(),
            },
            catalogue: OnceLock::new(),
            data,
        }
    }

    /// Only the funder profiles in `dir` (`--funders DIR`), when given.
    pub fn with_funders(mut self, only: Option<PathBuf>) -> Result<Workspace> {
        let Some(dir) = only else {
            return Ok(self);
        };
        if !dir.is_dir() {
            return Err(Error::fixable(format!(
                "there is no folder {}. Give --funders a folder of funder profile files (*.toml)",
                dir.display()
            )));
        }
        self.sources = Sources::Only(dir);
        self.catalogue = OnceLock::new();
        Ok(self)
    }

    /// Takes `day` as today, when given (`--today DATE`).
    pub fn with_today(mut self, day: Option<Day>) -> Workspace {
        if let Some(day) = day {
            self.today = day;
        }
        self
    }

    /// Where the funder profiles come from, for work that streams them
    /// (see `funders::scan`) instead of holding them all.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Every funder profile, loaded once. Files that did not load are in
    /// its `problems`, for the front end to show.
    pub fn catalogue(&self) -> &Catalogue {
        self.catalogue
            .get_or_init(|| Catalogue::load(&self.sources))
    }

    /// The funder with the id someone typed, or a "did you mean".
    pub fn funder(&self, id: &str) -> Result<&LoadedProfile, NoSuchFunder> {
        self.catalogue().find(id)
    }

    /// Opens a group by short name or path.
    pub fn open_group(&self, target: &str, access: Access) -> Result<OpenGroup, StoreError> {
        OpenGroup::open(&self.data, target, access)
    }

    /// Opens a group to read, for writing if nobody else has it open, so a
    /// step of the year's work can be recorded without reading it twice.
    /// The flag says whether it can be saved.
    pub fn open_to_record(&self, target: &str) -> Result<(OpenGroup, bool), StoreError> {
        match self.open_group(target, Access::Write) {
            Ok(open) => Ok((open, true)),
            Err(StoreError::Lock(_)) => Ok((self.open_group(target, Access::Read)?, false)),
            Err(e) => Err(e),
        }
    }

    /// Records that `by` did `step` of this year's work, after a job that
    /// only read the group. When the group is open for changing elsewhere
    /// nothing is recorded and `Ok(false)` says so; the job itself is done.
    pub fn record_step(&self, target: &str, step: Step, by: Author) -> Result<bool> {
        match self.open_group(target, Access::Write) {
            Ok(mut open) => {
                if open.group.record_step(step, by) {
                    open.save()?;
                }
                Ok(true)
            }
            Err(StoreError::Lock(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The group's file as text, to share or keep.
    pub fn export(&self, group: &Group) -> Result<String> {
        Ok(crate::group::to_text(group)?)
    }

    /// A draft bid to `funder` from the group's own wording, in `format`.
    /// A question not written is a gap; nothing is made up.
    pub fn draft(
        &self,
        group: &Group,
        funder: &Profile,
        format: Format,
        with_notes: bool,
    ) -> Result<Drafted> {
        // A draft of no questions would read like a finished bid with
        // nothing in it: say what is missing instead.
        if funder.questions.is_empty() {
            return Err(Error::fixable(format!(
                "there is nothing to draft for {} yet: its profile does not list the funder's questions. {}",
                crate::text::one_line(&funder.name),
                drafting::no_questions_fix(&funder.id)
            )));
        }
        let context =
            DraftContext::build(group, funder, self.bank, self.vocab, self.today, with_notes);
        // Word documents are laid out in code, so a mistake in a user's
        // text template must not stop one being made.
        let user = drafting::user_templates(&self.data);
        let templates = Templates::load_for(
            format.is_text().then_some(user.as_path()),
            &funder.id,
            Some(format.template_file().unwrap_or("")),
        )?;
        let bytes = drafting::render(format, &context, &templates)?;
        Ok(Drafted {
            bytes,
            questions: context.questions.len(),
            written: context.written,
        })
    }

    /// What to fix before sending the group's bid to `funder`.
    pub fn check(&self, group: &Group, funder: &Profile) -> Vec<Problem> {
        let others =
            drafting::funder_names(self.catalogue().profiles.iter().map(|l| &l.profile), funder);
        drafting::check(group, funder, &others, self.bank, self.vocab, self.today)
    }

    /// Records one entry in a grant's evidence log, and the step "logged
    /// evidence" for `by`. The group is changed, not saved.
    pub fn log_evidence(
        &self,
        group: &mut Group,
        grant: Option<&str>,
        by: Author,
        entry: Evidence<'_>,
    ) -> Result<monitoring::log::Logged> {
        use monitoring::log;
        let today = self.today;
        let index = pick_grant(group, grant, today)?;
        monitoring::consent::ensure_ids(group);
        let story_id = monitoring::consent::next_id(group);
        let g = &mut group.grants[index];
        let logged = match entry {
            Evidence::Session { came, new, date } => {
                log::session(g, date.unwrap_or(today), came, new, today)
            }
            Evidence::Count {
                measure,
                number,
                date,
            } => log::count(g, date.unwrap_or(today), measure, number, today),
            Evidence::Story(story) => log::story(
                g,
                log::NewStory {
                    id: story_id,
                    ..story
                },
                today,
            ),
            Evidence::Spend {
                pence,
                line,
                receipt,
                date,
            } => log::spend(g, date.unwrap_or(today), pence, line, receipt, today),
            Evidence::Note { text, kind, date } => {
                log::note(g, date.unwrap_or(today), text, kind, today)
            }
        }?;
        group.updated = crate::dates::Moment::now();
        group.record_step(Step::LoggedEvidence, by);
        Ok(logged)
    }

    /// A monitoring return for one grant from its evidence log. `early` is
    /// why a final report comes before the grant's end (refused without
    /// it).
    pub fn write_return(
        &self,
        group: &Group,
        grant: Option<&str>,
        kind: Option<ReportKind>,
        format: Format,
        early: Option<&str>,
    ) -> Result<WrittenReturn> {
        let today = self.today;
        let index = pick_grant(group, grant, today)?;
        let grant = &group.grants[index];
        let funder_name = self
            .catalogue()
            .get(&grant.funder)
            .map_or(grant.funder.clone(), |l| l.profile.name.clone());
        // Without a kind: the next return still to send; an early final
        // needs the group's reason.
        let facts =
            monitoring::summary::prepare(&group.name, grant, &funder_name, kind, early, today)?;
        let kind = facts.report_kind;
        let user = drafting::user_templates(&self.data);
        let templates = Templates::load(format.is_text().then_some(user.as_path()), &grant.funder)?;
        let bytes = monitoring::document::render(format, &facts, &templates, &today.for_people())?;
        Ok(WrittenReturn {
            bytes,
            kind,
            warnings: facts.warnings,
        })
    }
}

/// A draft as rendered, with how much of it is written.
pub struct Drafted {
    pub bytes: Vec<u8>,
    pub questions: usize,
    pub written: usize,
}

/// A monitoring return as rendered, with what to warn about (never in the
/// document itself).
pub struct WrittenReturn {
    pub bytes: Vec<u8>,
    pub kind: ReportKind,
    pub warnings: Vec<String>,
}

/// One entry for a grant's evidence log, as the person gave it.
pub enum Evidence<'a> {
    Session {
        came: u32,
        new: u32,
        date: Option<Day>,
    },
    Count {
        measure: &'a str,
        number: i64,
        date: Option<Day>,
    },
    /// The story's id is given when it is logged.
    Story(monitoring::log::NewStory<'a>),
    Spend {
        pence: i64,
        line: &'a str,
        receipt: Option<&'a str>,
        date: Option<Day>,
    },
    Note {
        text: &'a str,
        kind: crate::group::NoteKind,
        date: Option<Day>,
    },
}

/// The grant a job is about: the one named, or the only one running (or
/// the only one there is).
pub fn pick_grant(group: &Group, wanted: Option<&str>, today: Day) -> Result<usize> {
    let list = || {
        group
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(id) = wanted {
        return group.grants.iter().position(|g| g.id == id).ok_or_else(|| {
            Error::fixable(if group.grants.is_empty() {
                format!("there is no grant `{id}`: this group has no grants yet. Record one with `alongside award`")
            } else {
                format!("there is no grant `{id}`. This group's grants are: {}", list())
            })
        });
    }
    let running: Vec<usize> = (0..group.grants.len())
        .filter(|i| group.grants[*i].is_active(today))
        .collect();
    match (running.as_slice(), group.grants.len()) {
        ([one], _) => Ok(*one),
        ([], 1) => Ok(0),
        (_, 0) => Err(Error::fixable(
            "this group has no grants yet. Record one with `alongside award`",
        )),
        _ => Err(Error::fixable(format!(
            "this group has more than one grant; say which with --grant ID ({})",
            list()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(&tmp.path().join("data"))).unwrap();
        (tmp, Workspace::new(data).unwrap())
    }

    #[test]
    fn a_funder_is_found_or_a_near_one_suggested() {
        let (_tmp, ws) = workspace();
        assert!(ws.funder("tudor-trust").is_ok());
        let miss = ws.funder("tudor-trst").unwrap_err();
        let near: Vec<&str> = miss.near.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(near.first(), Some(&"tudor-trust"), "{miss}");
        assert!(miss.to_string().contains("(Tudor Trust)"), "{miss}");
    }

    #[test]
    fn funders_from_a_folder_that_is_not_there_is_a_fixable_error() {
        let (tmp, ws) = workspace();
        let e = ws
            .with_funders(Some(tmp.path().join("nowhere")))
            .err()
            .unwrap();
        assert_eq!(e.exit_code(), 1);
        assert!(e.message().contains("--funders"), "{e}");
    }

    #[test]
    fn the_demo_group_drafts_and_checks_for_a_funder_with_questions() {
        let (_tmp, ws) = workspace();
        let ws = ws.with_today(Some("2027-04-01".parse().unwrap()));
        let group = crate::demo::demo_group().unwrap();
        let funder = &ws.funder("awards-for-all-england").unwrap().profile;
        let drafted = ws.draft(&group, funder, Format::Text, false).unwrap();
        assert!(drafted.questions > 0 && drafted.written <= drafted.questions);
        let text = String::from_utf8(drafted.bytes).unwrap();
        assert!(text.contains(&group.name), "{text}");
        // The check's findings are the library's, whoever shows them.
        let problems = ws.check(&group, funder);
        let lines = drafting::report_lines(&problems);
        assert_eq!(lines.last(), Some(&drafting::summary(&problems)));
    }

    #[test]
    fn logging_needs_a_grant_and_says_how_to_record_one() {
        let (_tmp, ws) = workspace();
        let mut group = Group::new("No grants", "no-grants", crate::dates::Moment::now());
        let e = ws
            .log_evidence(
                &mut group,
                None,
                Author::Group,
                Evidence::Session {
                    came: 3,
                    new: 0,
                    date: None,
                },
            )
            .err()
            .unwrap();
        assert!(e.message().contains("alongside award"), "{e}");
    }
}
