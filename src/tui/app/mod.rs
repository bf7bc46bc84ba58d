//! The full-screen program's state and how keys change it. Drawing lives in
//! `view`; this file never touches the terminal, so tests drive it with
//! synthetic key events and check the state and the saved files.

mod drafts;
mod funders;
mod leaving;
mod stack;
mod together;
mod undo;
mod years;

use std::time::{Duration, Instant};

pub use super::screens::add_funder::{AddBack, AddFunder, AddStage, LimitKind, read_limit};
pub use drafts::export_folder;
pub use stack::App;

use ratatui::crossterm::event::KeyEvent;

use super::editor::Editor;
use super::form::FormKind;
use super::keymap::{Action, Context, Keymap};
use super::screens::Handled;
use super::screens::find::Find;
use super::screens::legacy::Legacy;
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

#[derive(Debug)]
pub enum LegacyScreen {
    /// No screen behind the adapter is running: the slot between keys,
    /// and while the screens in `screens/` have the keys.
    Empty,
    Answer,
}

impl LegacyScreen {
    /// A short name for tests and messages.
    pub fn name(&self) -> &'static str {
        match self {
            LegacyScreen::Empty => "empty",
            LegacyScreen::Answer => "answer",
        }
    }
}

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

/// An open group and where we are in it.
#[derive(Debug)]
pub struct Session {
    pub open: OpenGroup,
    pub author: Author,
    /// The answer editor's question: its section, and its place among the
    /// section's questions that apply to this group. (The lists of
    /// sections and questions keep their own place, in `screens::`.)
    pub section: usize,
    pub question: usize,
    pub editor: Option<Editor>,
    pub last_change: Option<Instant>,
    /// The latest matching against the funders, worked out when the funders
    /// screen opens (answers may have changed since).
    pub matches: Vec<FunderMatch>,
    /// Changes in this sitting, newest last, for Ctrl+Z on the lists: an
    /// answer with how it was before, or a new year begun.
    pub undo: Vec<undo::Step>,
    /// What Ctrl+Z took back, newest last, for Ctrl+Y.
    pub redo: Vec<undo::Step>,

    /// Going through only the questions to check and those unanswered.
    pub review: bool,
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
    pub screen: LegacyScreen,
    pub session: Option<Session>,
    pub status: Option<Status>,
    /// Where code outside a screen's `handle` (the screens still behind
    /// the legacy adapter) asks the stack to go: the adapter hands it on.
    pub(crate) nav: Option<Handled>,
    /// The size of the window when it was last drawn (None before the
    /// first draw): keys are ignored while it is too small to show them.
    pub last_size: std::cell::Cell<Option<(u16, u16)>>,
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
    /// When the event loop first saw a change not yet saved (for saving at
    /// least every `AUTOSAVE_AT_LEAST` while typing goes on).
    unsaved_since: Option<Instant>,
    /// What to tell the person after the screen is put back (where a copy
    /// went, why the program stopped).
    pub farewell: Vec<String>,
    clock: fn() -> Moment,
}

impl Ctx {
    /// The shared services, with the first screen's state in the legacy
    /// slot (the stack in `App` takes it from there).
    pub(crate) fn with_clock(ws: Workspace, theme: Theme, clock: fn() -> Moment) -> Ctx {
        let mut app = Ctx {
            keymap: Keymap::builtin(),
            theme,
            export_dir: export_folder(&ws.data),
            folder_chosen: false,
            import_folders: crate::store::incoming::usual_folders(),
            ws,
            screen: LegacyScreen::Empty,
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

    /// The keymap context of the screen in the legacy slot. Only the
    /// screens not yet migrated to `screens::` use this; each migrated
    /// screen says its own context.
    pub fn legacy_context(&self) -> Context {
        self.legacy_context_of(&self.screen)
    }

    /// The keymap context of a screen behind the legacy adapter.
    pub fn legacy_context_of(&self, screen: &LegacyScreen) -> Context {
        match screen {
            // Never on the stack: only while a key is handled elsewhere.
            LegacyScreen::Empty => Context::Everywhere,
            LegacyScreen::Answer => self
                .session
                .as_ref()
                .and_then(|s| s.editor.as_ref())
                .map_or(Context::Questions, Editor::context),
        }
    }

    /// Asks the stack to move (for code that runs outside a screen's
    /// `handle`, such as the screens behind the legacy adapter).
    pub(crate) fn navigate(&mut self, to: Handled) {
        self.nav = Some(to);
    }

    pub(crate) fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    /// The questions of the current section that apply to the group.
    pub fn section_questions(&self) -> Vec<&'static Question> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let bank: &'static Bank = self.ws.bank;
        let Some(section) = bank.sections.get(s.section) else {
            return Vec::new();
        };
        bank.in_section(&section.id)
            .filter(|q| s.open.group.applies(q))
            .collect()
    }

    pub fn current_question(&self) -> Option<&'static Question> {
        let s = self.session.as_ref()?;
        self.section_questions().get(s.question).copied()
    }

    // ----- keys -------------------------------------------------------

    /// A key for the screen in the legacy slot (see `screens::legacy`).
    pub(crate) fn legacy_key(&mut self, action: Option<Action>, event: KeyEvent) {
        match &mut self.screen {
            LegacyScreen::Empty => {}
            LegacyScreen::Answer => self.answer_key(action, event),
        }
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

    pub(crate) fn legacy_paste(&mut self, text: &str) {
        match &mut self.screen {
            LegacyScreen::Answer => {
                if let Some(s) = &mut self.session
                    && s.open.read_only.is_none()
                    && let Some(editor) = &mut s.editor
                    && editor.paste(text)
                {
                    s.last_change = Some(Instant::now());
                }
            }
            LegacyScreen::Empty => {}
        }
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
            section: 0,
            question: 0,
            editor: None,
            last_change: None,
            matches: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            review: false,
        });
        self.refresh_matches();
        self.status = None;
        let sections = Box::new(Sections::open(self));
        Handled::Push(Box::new(Who::before(Author::Group, sections)))
    }

    /// Opens the editor on a question by id, as a screen over the screens
    /// open now (Esc comes back to them). From a screen behind the legacy
    /// adapter, `answer_question` opens it in place instead.
    pub(crate) fn open_question(&mut self, id: &str) -> Handled {
        self.open_in_legacy(|ctx| ctx.answer_question(id))
    }

    /// Runs older code that opens a screen still behind the legacy adapter
    /// (by setting the slot), and returns that screen to push over the
    /// screens open now; nothing when it opened none (the status says why).
    pub(crate) fn open_in_legacy(&mut self, open: impl FnOnce(&mut Ctx)) -> Handled {
        let slot = std::mem::replace(&mut self.screen, LegacyScreen::Empty);
        open(self);
        match std::mem::replace(&mut self.screen, slot) {
            LegacyScreen::Empty => Handled::Done,
            opened => Handled::Push(Box::new(Legacy::pushed(opened))),
        }
    }

    /// Opens the editor on a question by id, wherever it is in the bank.
    pub fn answer_question(&mut self, id: &str) {
        let found = self
            .applicable_in_order()
            .into_iter()
            .find(|(_, q)| q.id == id);
        match found {
            Some((section, _)) => self.goto_question(section, id),
            None => self.say(StatusKind::Warning, format!("The question {} does not apply to this group yet: answer the one before it first.", self.ws.bank.name_of(id))),
        }
    }

    pub(crate) fn open_editor(&mut self) {
        let Some(question) = self.current_question() else {
            return;
        };
        let vocab = self.ws.vocab;
        let Some(s) = &mut self.session else { return };
        let edit = s
            .open
            .group
            .begin_edit(crate::group::Slot::Answer(question.id.as_str().into()));
        s.editor = Some(Editor::open(question, edit, vocab));
        self.screen = LegacyScreen::Answer;
        self.restore_answer();
    }

    fn answer_key(&mut self, action: Option<Action>, event: KeyEvent) {
        match action {
            Some(Action::Back) if self.legacy_context() != Context::BudgetLine => {
                if self.leave_editor() {
                    self.leave_answer();
                }
                return;
            }
            Some(Action::Save) => {
                self.save_now();
                return;
            }
            Some(Action::Guide) => {
                self.show_guide = !self.show_guide;
                if !self.show_guide
                    && let Some(editor) = self.session.as_mut().and_then(|s| s.editor.as_mut())
                {
                    editor.show_from_top();
                }
                return;
            }
            Some(Action::Find) => return self.open_find(),
            Some(Action::ConfirmAnswer) => return self.confirm_answer(),
            Some(Action::Note) => return self.open_note(),
            Some(Action::SwitchAuthor) => {
                self.commit_and_save();
                if let Some(s) = &self.session {
                    let who = Who::on(s.author.next());
                    self.navigate(Handled::Push(Box::new(who)));
                }
                return;
            }
            Some(Action::NextQuestion) | Some(Action::PreviousQuestion) => {
                if self.leave_editor() {
                    let forward = action == Some(Action::NextQuestion);
                    self.step_question(forward);
                }
                return;
            }
            Some(Action::NextUnanswered) => {
                if self.leave_editor() {
                    self.go_next_unanswered();
                }
                return;
            }
            _ => {}
        }
        let Some(question) = self.current_question() else {
            return;
        };
        let vocab = self.ws.vocab;
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            let editing_key = action.is_none()
                || matches!(
                    action,
                    Some(Action::Toggle | Action::AddLine | Action::DeleteLine | Action::EditLine)
                );
            if editing_key {
                let reason = s.open.read_only.clone().unwrap_or_default();
                self.say(
                    StatusKind::Warning,
                    format!("This group is read-only ({reason}). Nothing can be changed here."),
                );
                return;
            }
        }
        if let Some(editor) = &mut s.editor
            && editor.handle(action, event, vocab, question)
        {
            s.last_change = Some(Instant::now());
        }
    }

    /// Moves to the next or previous question that applies, across sections.
    /// In a review, forward goes to the next question still to review.
    fn step_question(&mut self, forward: bool) {
        if forward && self.session.as_ref().is_some_and(|s| s.review) {
            return self.next_in_review();
        }
        let order: Vec<(usize, &'static Question)> = self.applicable_in_order();
        let Some(current) = self.current_question() else {
            return;
        };
        let pos = order
            .iter()
            .position(|(_, q)| q.id == current.id)
            .unwrap_or(0);
        let next = if forward {
            order.get(pos + 1)
        } else {
            pos.checked_sub(1).and_then(|p| order.get(p))
        };
        match next {
            Some((section, q)) => {
                let (section, id) = (*section, q.id.clone());
                self.goto_question(section, &id);
            }
            None => {
                self.leave_answer();
                let msg = if forward {
                    "That was the last question."
                } else {
                    "That was the first question."
                };
                self.say(StatusKind::Info, msg);
            }
        }
    }

    fn applicable_in_order(&self) -> Vec<(usize, &'static Question)> {
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

    fn goto_question(&mut self, section: usize, id: &str) {
        if let Some(s) = &mut self.session {
            s.section = section;
        }
        let index = self
            .section_questions()
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(0);
        if let Some(s) = &mut self.session {
            s.question = index;
        }
        self.open_editor();
    }

    /// The next question without an answer after the one open (from the
    /// lists: the first), going round to the start; when there is none,
    /// the sections, saying so (never an empty answer screen).
    pub(crate) fn go_next_unanswered(&mut self) {
        if self.session.as_ref().is_some_and(|s| s.review) {
            return self.next_in_review();
        }
        let Some(s) = &self.session else { return };
        let group = &s.open.group;
        let current = matches!(self.screen, LegacyScreen::Answer)
            .then(|| self.current_question().map(|q| q.id.clone()))
            .flatten();
        let order = self.applicable_in_order();
        let after = current
            .as_ref()
            .and_then(|c| order.iter().position(|(_, q)| &q.id == c))
            .map_or(0, |p| p + 1);
        let current_unanswered = current
            .as_ref()
            .is_some_and(|c| !group.answers.contains_key(c));
        let next = order[after..]
            .iter()
            .chain(&order[..after])
            .find(|(_, q)| !group.answers.contains_key(&q.id) && Some(&q.id) != current.as_ref());
        match next {
            Some((section, q)) => {
                let (section, id) = (*section, q.id.clone());
                self.goto_question(section, &id);
            }
            None => {
                if let Some(s) = &mut self.session {
                    s.editor = None;
                }
                self.leave_answer();
                let said = if current_unanswered {
                    "This was the last question without an answer."
                } else {
                    "Every question that applies has an answer."
                };
                self.say(StatusKind::Info, said);
            }
        }
    }

    /// Commits the answer being edited and saves; returns false (staying
    /// put) when what is typed is not a valid answer yet.
    fn leave_editor(&mut self) -> bool {
        let Some(s) = &mut self.session else {
            return true;
        };
        if s.editor.is_none() {
            return true;
        }
        match self.commit() {
            Ok(()) => {
                self.save_now();
                if let Some(s) = &mut self.session {
                    s.editor = None;
                }
                // The sections' funder counts follow the answer just given.
                self.refresh_matches();
                true
            }
            Err(problem) => {
                self.say(
                    StatusKind::Error,
                    format!(
                        "Not saved yet: {problem}. Fix it, or press {} to undo the change.",
                        self.keymap.label_in(Context::Line, Action::Undo)
                    ),
                );
                false
            }
        }
    }

    /// Puts the editor's value into the group (not yet on disk).
    fn commit(&mut self) -> Result<(), String> {
        let Some(question) = self.current_question() else {
            return Ok(());
        };
        let vocab = self.ws.vocab;
        let now = (self.clock)();
        let Some(s) = &mut self.session else {
            return Ok(());
        };
        if s.open.read_only.is_some() {
            return Ok(());
        }
        let Some(editor) = &mut s.editor else {
            return Ok(());
        };
        if !editor.changed {
            return Ok(());
        }
        let value = match editor.value(question, vocab) {
            Ok(Some(value)) => value,
            // Emptied: the earlier answer (if any) stays as it was.
            Ok(None) => return Ok(()),
            Err(e) => return Err(format!("{}. {}", e.problem, e.expected)),
        };
        // The library keeps the history: one entry per visit.
        editor.edit.write(&mut s.open.group, value, s.author, now);
        editor.changed = false;
        // One undo step per answer per visit, back to how it was before.
        if !editor.undo_recorded {
            editor.undo_recorded = true;
            let edit = editor.edit.clone();
            self.record_undo(undo::Step::Answer(edit));
        }
        Ok(())
    }

    fn commit_and_save(&mut self) {
        match self.commit() {
            Ok(()) => {
                self.save_now();
            }
            Err(problem) => self.say(StatusKind::Warning, format!("Not saved yet: {problem}.")),
        }
    }

    /// Writes the group to disk if anything changed. False when it could
    /// not be saved anywhere (the status line says why).
    pub fn save_now(&mut self) -> bool {
        let _ = self.commit();
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
    pub(crate) fn autosave_due(&self, now: Instant) -> bool {
        let last_change = self.session.as_ref().and_then(|s| s.last_change);
        let paused = last_change.is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AFTER);
        let long_unsaved = self
            .unsaved_since
            .is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AT_LEAST);
        paused || long_unsaved
    }

    /// Called regularly by the event loop: autosaves once typing pauses,
    /// and at least every `AUTOSAVE_AT_LEAST` while it goes on.
    pub fn tick(&mut self, now: Instant) {
        self.ws.today = self.today();
        let last_change = self.session.as_ref().and_then(|s| s.last_change);
        if last_change.is_none() {
            self.unsaved_since = None;
        } else if self.unsaved_since.is_none() {
            self.unsaved_since = Some(now);
        }
        if self.autosave_due(now) {
            match self.commit() {
                Ok(()) => {
                    self.save_now();
                }
                // Not valid yet (a half-typed amount): wait for more typing.
                Err(_) => {
                    if let Some(s) = &mut self.session {
                        s.last_change = None;
                    }
                }
            }
        }
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

    /// Leaves the answer editor (already closed) for the screen it was
    /// opened from. Only the editor behind the legacy adapter moves the
    /// stack: the same code run for the sections or a section's questions
    /// (the next question without an answer, when none is left) stays.
    pub(super) fn leave_answer(&mut self) {
        if matches!(self.screen, LegacyScreen::Answer) {
            self.navigate(Handled::Pop);
        }
    }
}
