//! The services every screen of the full-screen program shares (`Ctx`):
//! the workspace, keymap, theme, the open group's session, the status line
//! and the clock, with opening and saving a group and the ways out. The
//! screens are in `screens/`, the stack that gives them keys in `stack.rs`,
//! drawing in `view`. Nothing here touches the terminal, so tests drive it
//! with synthetic key events and check the state and the saved files.

mod drafts;
mod funders;
mod leaving;
mod stack;
mod together;
mod undo;
mod years;

use std::time::{Duration, Instant};

pub use drafts::export_folder;
pub use stack::App;

use super::editor::Editor;
use super::form::FormKind;
use super::keymap::{Action, Context, Keymap};
use super::screens::Handled;
use super::screens::note::Note;
use super::screens::sections::Sections;
use super::screens::who::Who;
use super::theme::Theme;
use crate::bank::{Bank, Question};
use crate::dates::Moment;
use crate::funders::Catalogue;
use crate::group::Author;
use crate::matching::{self, FunderMatch};
use crate::paths::DataDir;
use crate::store::{self, Access, OpenGroup, StoreError};
use crate::workspace::Workspace;

/// How long after the last change the answer is saved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_millis(1500);
/// While someone keeps typing without a pause, a save still comes at least
/// this often after the first unsaved change is seen (the event loop looks
/// every quarter of a second, so within 4.25 s: under the promised 5 s).
pub const AUTOSAVE_AT_LEAST: Duration = Duration::from_secs(4);

/// A line at the bottom saying what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Warning,
    Error,
}

/// An open group and who is at the keyboard. Where each screen is (a list's
/// cursor, the question being answered) is the screen's own, in `screens::`.
#[derive(Debug)]
pub struct Session {
    pub open: OpenGroup,
    pub author: Author,
    /// When something was last typed into a screen of the group and not
    /// saved yet (the autosave counts from here; the status says "Saving
    /// soon...").
    pub last_change: Option<Instant>,
    /// The latest matching against the funders, worked out when the funders
    /// screen opens (answers may have changed since).
    pub matches: Vec<FunderMatch>,
    /// Changes in this sitting, newest last, for Ctrl+Z on the lists: an
    /// answer with how it was before, or a new year begun.
    pub undo: Vec<undo::Step>,
    /// What Ctrl+Z took back, newest last, for Ctrl+Y.
    pub redo: Vec<undo::Step>,
}

pub struct Ctx {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The operations layer the command line uses too: the data folder,
    /// the question bank and vocabularies, the funder profiles, drafting,
    /// checking, returns.
    pub ws: Workspace,
    /// Where exported drafts and returns are saved (shown to the person
    /// when saved).
    pub export_dir: std::path::PathBuf,
    /// Set when the export-where screen was answered for a screen that
    /// saves on its own (a grant's return): it saves when on top again.
    pub folder_chosen: bool,
    /// Where the import list looks for group files (Downloads, Documents,
    /// home).
    pub import_folders: Vec<std::path::PathBuf>,
    pub session: Option<Session>,
    pub status: Option<Status>,
    /// Where code outside a screen's `handle` asks the stack to go (see
    /// `navigate`): the stack applies it after the key or tick.
    pub(crate) nav: Option<Handled>,
    /// The size of the window when it was last drawn (None before the
    /// first draw): keys are ignored while it is too small to show them.
    pub last_size: std::cell::Cell<Option<(u16, u16)>>,
    /// Whether answer screens show the guide (why funders ask, an example)
    /// open: a choice that stays from one answer to the next.
    pub show_guide: bool,
    pub quit: bool,
    /// This program, which git runs to merge group files when syncing
    /// (tests point it at the built `alongside`).
    pub program: std::path::PathBuf,
    /// A group to open at the bottom of the stack once the screens over
    /// it have closed (Enter on the caseload, which is opened over the
    /// list of groups).
    pub(crate) open_on_base: Option<String>,
    /// A group the list of groups puts its cursor on once it is on top
    /// again (a file just imported).
    pub(crate) select_on_home: Option<String>,
    /// The first Ctrl+C with an answer that cannot be saved only warns.
    quit_warned: bool,
    /// Set while the program stops with nobody to ask (a signal, the
    /// terminal gone): an answer not valid yet is kept in `unfinished/`
    /// instead of asking for it to be fixed.
    pub(crate) stopping: bool,
    /// When the event loop first saw a change not yet saved (for saving at
    /// least every `AUTOSAVE_AT_LEAST` while typing goes on).
    unsaved_since: Option<Instant>,
    /// What to tell the person after the screen is put back (where a copy
    /// went, why the program stopped).
    pub farewell: Vec<String>,
    clock: fn() -> Moment,
}

impl Ctx {
    /// The shared services every screen works with (the stack of screens
    /// over them is `App`'s).
    pub(crate) fn with_clock(ws: Workspace, theme: Theme, clock: fn() -> Moment) -> Ctx {
        let mut app = Ctx {
            keymap: Keymap::builtin(),
            theme,
            export_dir: export_folder(&ws.data),
            folder_chosen: false,
            import_folders: crate::store::incoming::usual_folders(),
            ws,
            session: None,
            status: None,
            nav: None,
            last_size: std::cell::Cell::new(None),
            show_guide: false,
            quit: false,
            program: std::env::current_exe().unwrap_or_else(|_| "alongside".into()),
            open_on_base: None,
            select_on_home: None,
            quit_warned: false,
            stopping: false,
            unsaved_since: None,
            farewell: Vec::new(),
            clock,
        };
        // The workspace takes today from the program's clock (fixed in
        // tests); `tick` keeps it so when a session runs past midnight.
        app.ws.today = app.today();
        app
    }

    /// Every funder profile, built-in and the data folder's own.
    pub fn catalogue(&self) -> &Catalogue {
        self.ws.catalogue()
    }

    /// Loads the funder profiles again after they changed (a funder added
    /// here, profiles brought by a sync).
    pub fn reload_funders(&mut self) {
        self.ws.reload_catalogue();
    }

    /// Asks the stack to move, for code that runs outside a screen's
    /// `handle` (a tick, a key the session handles).
    pub(crate) fn navigate(&mut self, to: Handled) {
        self.nav = Some(to);
    }

    pub(crate) fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    /// Now, by the app's clock (fixed in tests).
    pub fn now(&self) -> Moment {
        (self.clock)()
    }

    /// Today, by the app's clock (fixed in tests).
    pub fn today(&self) -> crate::dates::Day {
        (self.clock)().local_day()
    }

    /// The operations layer the command line also uses: the program's one
    /// workspace (its today follows the program's clock).
    pub(crate) fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// Opens a group by its short name (or a path): who is at the keyboard,
    /// then its sections, to push over the list of groups. Done, with the
    /// status saying why, when it cannot be opened.
    pub(crate) fn open_group(&mut self, slug: &str) -> Handled {
        match OpenGroup::open(&self.ws.data, slug, Access::WriteOrReadOnly) {
            Ok(open) => {
                let mut notes = open.notices.clone();
                if let Some(reason) = &open.read_only {
                    notes.insert(0, format!("Read-only: {reason}."));
                }
                let opened = self.start_session(open);
                if !notes.is_empty() {
                    self.say(StatusKind::Warning, notes.join(" "));
                }
                self.mention_unfinished();
                opened
            }
            Err(e) => {
                self.say(StatusKind::Error, e.to_string());
                Handled::Done
            }
        }
    }

    /// The session for a group just opened or made, and the screens to
    /// push over the list of groups: its sections, with who is at the
    /// keyboard asked first.
    pub(crate) fn start_session(&mut self, open: OpenGroup) -> Handled {
        self.session = Some(Session {
            open,
            author: Author::Group,
            last_change: None,
            matches: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
        });
        self.refresh_matches();
        self.status = None;
        let sections = Box::new(Sections::open(self));
        Handled::Push(Box::new(Who::before(Author::Group, sections)))
    }

    /// Every question that applies to the group, in the order they are
    /// asked, with the index of its section.
    pub(crate) fn applicable_in_order(&self) -> Vec<(usize, &'static Question)> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let bank: &'static Bank = self.ws.bank;
        bank.sections
            .iter()
            .enumerate()
            .flat_map(|(i, sec)| bank.in_section(&sec.id).map(move |q| (i, q)))
            .filter(|(_, q)| s.open.group.applies(q))
            .collect()
    }

    /// Writes the group to disk if anything changed. False when it could
    /// not be saved anywhere (the status line says why).
    pub fn save_now(&mut self) -> bool {
        self.unsaved_since = None;
        let Some(s) = &mut self.session else {
            return true;
        };
        if s.open.read_only.is_some() {
            return true;
        }
        s.last_change = None;
        match s.open.save() {
            Ok(true) => match s.open.diverted() {
                // Keep saying where the work is going until the group is closed.
                Some(kept) => {
                    let text = format!(
                        "Saved to {} (the group file was changed by something else).",
                        kept.display()
                    );
                    self.say(StatusKind::Warning, text);
                }
                None => self.say(StatusKind::Info, "Saved."),
            },
            Ok(false) => {}
            // Saved beside the file, which is kept as it was: nothing lost.
            Err(e @ StoreError::ChangedOnDisk { .. }) => {
                self.say(StatusKind::Warning, e.to_string())
            }
            Err(e) => {
                let text = match &e {
                    StoreError::Write { .. } => format!(
                        "{e}. Your changes are still open here: {} tries again, and {} offers to save a copy somewhere else.",
                        self.keymap.label_in(Context::Text, Action::Save),
                        self.keymap.label_in(Context::Everywhere, Action::Quit)
                    ),
                    _ => e.to_string(),
                };
                self.say(StatusKind::Error, text);
                return false;
            }
        }
        true
    }

    /// Whether what is typed is due to be saved: typing paused, or not
    /// saved for `AUTOSAVE_AT_LEAST` while it goes on.
    fn autosave_due(&self, now: Instant) -> bool {
        let last_change = self.session.as_ref().and_then(|s| s.last_change);
        let paused = last_change.is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AFTER);
        let long_unsaved = self
            .unsaved_since
            .is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AT_LEAST);
        paused || long_unsaved
    }

    /// The session's part of the event loop's regular call: today follows
    /// the clock, and whether the autosave is due now (typing paused, or
    /// at least every `AUTOSAVE_AT_LEAST` while it goes on). `App::tick`
    /// then has every screen on the stack put its words in and saves.
    pub(crate) fn tick(&mut self, now: Instant) -> bool {
        self.ws.today = self.today();
        let last_change = self.session.as_ref().and_then(|s| s.last_change);
        if last_change.is_none() {
            self.unsaved_since = None;
        } else if self.unsaved_since.is_none() {
            self.unsaved_since = Some(now);
        }
        self.autosave_due(now)
    }

    /// Saves and closes the group; false when it could not be saved (it
    /// stays open: the status says why, and Ctrl+C offers to save a copy
    /// elsewhere).
    pub(crate) fn close_group(&mut self) -> bool {
        if !self.save_now() {
            return false;
        }
        self.session = None;
        true
    }
}
