//! The full-screen program's state and how keys change it. Drawing lives in
//! `view`; this file never touches the terminal, so tests drive it with
//! synthetic key events and check the state and the saved files.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui_textarea::TextArea;

use super::editor::{Editor, text_box};
use super::form::{Field, Form, FormKind};
use super::keymap::{Action, Context, Key, Keymap};
use super::theme::Theme;
use crate::bank::{Bank, Question};
use crate::dates::Moment;
use crate::funders::{Catalogue, Sources};
use crate::group::Author;
use crate::group::NoteKind;
use crate::matching::{self, FunderMatch};
use crate::paths::DataDir;
use crate::store::{self, Access, GroupSummary, OpenGroup, StoreError};
use crate::vocab::Vocabularies;

/// How long after the last change the answer is saved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_millis(1500);

#[derive(Debug)]
pub enum Screen {
    Home,
    NewGroup(TextArea<'static>),
    Import(TextArea<'static>),
    /// Who is at the keyboard; `then_sections` when opening a group.
    Who {
        cursor: usize,
    },
    Sections,
    Questions,
    Answer,
    /// Every funder with its verdict, best first.
    Funders {
        cursor: usize,
    },
    /// One funder, rule by rule; `cursor` is the selected rule.
    Funder {
        index: usize,
        cursor: usize,
    },
    /// Finding a question by the words in it.
    Find {
        query: TextArea<'static>,
        cursor: usize,
        back: Back,
    },
    /// Writing the coaching note on a question.
    Note {
        text: TextArea<'static>,
        question: String,
        back: Back,
    },
    /// Who wrote the words, section by section.
    Words,
    /// The group's grants.
    Grants {
        cursor: usize,
    },
    /// One grant: returns, promises, attendance, spend.
    Grant {
        index: usize,
    },
    /// Logging one piece of evidence for a grant.
    LogForm {
        grant: usize,
        form: Form,
    },
    /// A bid to one funder: its questions with counts and status.
    Draft {
        funder: String,
        cursor: usize,
    },
    /// The draft as it will read, or the checks before sending.
    DraftPreview {
        funder: String,
        cursor: usize,
        title: String,
        text: String,
        scroll: u16,
    },
    /// Writing the group's words for one of a funder's questions.
    Wording(Box<WordingEdit>),
    /// Asking before starting next year's round.
    ConfirmNextYear,
    /// Answers the two copies of the group file disagree on.
    Conflicts {
        cursor: usize,
    },
}

/// The wording being written for one funder question.
#[derive(Debug)]
pub struct WordingEdit {
    pub funder: String,
    /// The question's place in the funder's list (for going back).
    pub cursor: usize,
    pub question: String,
    pub text: TextArea<'static>,
    /// The wording before this visit, so autosaves add one history entry.
    pub original: Option<crate::group::Answer>,
    pub changed: bool,
    /// How far the "from your answers" panel is scrolled.
    pub offered_scroll: u16,
}

/// Where a screen opened on top of another goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    Sections,
    Questions,
    Answer,
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

/// The first-run choices, shown when there are no groups yet.
pub const FIRST_RUN: [&str; 3] = [
    "Try the demo group",
    "Start a new group",
    "Import a group file",
];

#[derive(Debug, Default)]
pub struct Home {
    pub groups: Vec<GroupSummary>,
    pub problems: Vec<String>,
    pub cursor: usize,
}

/// An open group and where we are in it.
#[derive(Debug)]
pub struct Session {
    pub open: OpenGroup,
    pub author: Author,
    pub section: usize,
    /// Index into the questions of the section that apply to this group.
    pub question: usize,
    pub editor: Option<Editor>,
    pub last_change: Option<Instant>,
    /// The latest matching against the funders, worked out when the funders
    /// screen opens (answers may have changed since).
    pub matches: Vec<FunderMatch>,
    /// Answers changed in this sitting, newest last, each with the answer as
    /// it was before (None: there was none), for "undo the last answer".
    pub undo: Vec<(String, Option<crate::group::Answer>)>,
    /// Going through only the questions to check and those unanswered.
    pub review: bool,
}

pub struct App {
    pub data: DataDir,
    pub bank: &'static Bank,
    pub vocab: &'static Vocabularies,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Funder profiles: built-in and the user's own, loaded once.
    pub catalogue: Catalogue,
    /// Where exported drafts are saved (shown to the person when saved).
    pub export_dir: std::path::PathBuf,
    pub screen: Screen,
    pub home: Home,
    pub session: Option<Session>,
    pub status: Option<Status>,
    pub show_help: bool,
    /// The glossary shown over the screen, with its selected term.
    pub glossary: Option<usize>,
    pub show_guide: bool,
    pub quit: bool,
    /// The first Ctrl+C with an answer that cannot be saved only warns.
    quit_warned: bool,
    clock: fn() -> Moment,
}

impl App {
    pub fn new(data: DataDir, bank: &'static Bank, theme: Theme) -> App {
        Self::with_clock(data, bank, theme, Moment::now)
    }

    /// For tests: a fixed clock keeps answer times stable in snapshots.
    pub fn with_clock(
        data: DataDir,
        bank: &'static Bank,
        theme: Theme,
        clock: fn() -> Moment,
    ) -> App {
        let mut app = App {
            data: data.clone(),
            bank,
            vocab: Vocabularies::builtin(),
            keymap: Keymap::builtin(),
            theme,
            catalogue: Catalogue::load(&Sources::Standard {
                user_dir: data.funders(),
            }),
            export_dir: export_folder(&data),
            screen: Screen::Home,
            home: Home::default(),
            session: None,
            status: None,
            show_help: false,
            glossary: None,
            show_guide: false,
            quit: false,
            quit_warned: false,
            clock,
        };
        app.refresh_home();
        app
    }

    pub fn refresh_home(&mut self) {
        let (groups, problems) = store::list_groups(&self.data);
        self.home.groups = groups;
        self.home.problems = problems;
        let len = self.home_len();
        self.home.cursor = self.home.cursor.min(len.saturating_sub(1));
    }

    /// Number of rows on the home screen: the groups, or the first-run choices.
    pub fn home_len(&self) -> usize {
        if self.home.groups.is_empty() {
            FIRST_RUN.len()
        } else {
            self.home.groups.len()
        }
    }

    pub fn context(&self) -> Context {
        if self.show_help {
            return Context::Help;
        }
        if self.glossary.is_some() {
            return Context::Glossary;
        }
        self.context_without_help()
    }

    /// The context of the screen itself, ignoring the help overlay.
    pub fn context_without_help(&self) -> Context {
        match &self.screen {
            Screen::Home => Context::Home,
            Screen::NewGroup(_) => Context::NewGroup,
            Screen::Import(_) => Context::Import,
            Screen::Who { .. } => Context::Who,
            Screen::Sections => Context::Sections,
            Screen::Questions => Context::Questions,
            Screen::Funders { .. } => Context::Funders,
            Screen::Funder { .. } => Context::Funder,
            Screen::Find { .. } => Context::Find,
            Screen::Note { .. } => Context::Note,
            Screen::Words => Context::Words,
            Screen::Grants { .. } => Context::Grants,
            Screen::Grant { .. } => Context::Grant,
            Screen::LogForm { .. } => Context::LogForm,
            Screen::Draft { .. } => Context::Draft,
            Screen::DraftPreview { .. } => Context::DraftPreview,
            Screen::Wording(_) => Context::Wording,
            Screen::ConfirmNextYear => Context::Confirm,
            Screen::Conflicts { .. } => Context::Conflicts,
            Screen::Answer => self
                .session
                .as_ref()
                .and_then(|s| s.editor.as_ref())
                .map_or(Context::Questions, Editor::context),
        }
    }

    fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
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
        let bank: &'static Bank = self.bank;
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

    pub fn on_key(&mut self, event: KeyEvent) {
        let key = Key::from_event(&event);
        let context = self.context();
        let action = self.keymap.action(context, key);
        // Ctrl+C must always get out, even if a keymap were broken.
        let action = if key.ctrl && key.code == KeyCode::Char('c') {
            Some(Action::Quit)
        } else {
            action
        };
        if action != Some(Action::Quit) {
            self.quit_warned = false;
        }
        match action {
            Some(Action::Quit) => return self.request_quit(),
            Some(Action::Help) => {
                self.show_help = !self.show_help;
                return;
            }
            Some(Action::Glossary) if !self.show_help => {
                self.glossary = if self.glossary.is_some() {
                    None
                } else {
                    Some(0)
                };
                return;
            }
            Some(Action::Theme) => {
                self.theme = self.theme.next();
                let name = match self.theme.name {
                    super::theme::ThemeName::Normal => "the usual colours",
                    super::theme::ThemeName::HighContrast => "high contrast",
                    super::theme::ThemeName::NoColour => "no colour",
                };
                self.say(
                    StatusKind::Info,
                    format!("Showing {name}. F9 changes it again."),
                );
                return;
            }
            _ => {}
        }
        if self.show_help {
            if action == Some(Action::Back) {
                self.show_help = false;
            }
            return;
        }
        if let Some(cursor) = self.glossary {
            let last = crate::bank::glossary::glossary().len().saturating_sub(1);
            match action {
                Some(Action::Up) => self.glossary = Some(cursor.saturating_sub(1)),
                Some(Action::Down) => self.glossary = Some((cursor + 1).min(last)),
                Some(Action::Back) => self.glossary = None,
                _ => {}
            }
            return;
        }
        match &mut self.screen {
            Screen::Home => self.home_key(action),
            Screen::NewGroup(area) | Screen::Import(area) => match action {
                Some(Action::Back) => self.screen = Screen::Home,
                Some(Action::Confirm) => self.confirm_entry(),
                Some(_) => {}
                None if key.code == KeyCode::Enter => {}
                None => {
                    area.input(event);
                }
            },
            Screen::Who { cursor } => match action {
                Some(Action::Up) => *cursor = cursor.saturating_sub(1),
                Some(Action::Down) => *cursor = (*cursor + 1).min(Author::ALL.len() - 1),
                Some(Action::Open) => {
                    let chosen = Author::ALL[*cursor];
                    if let Some(s) = &mut self.session {
                        s.author = chosen;
                    }
                    self.screen = if self.session.as_ref().is_some_and(|s| s.editor.is_some()) {
                        Screen::Answer
                    } else {
                        Screen::Sections
                    };
                    self.say(
                        StatusKind::Info,
                        format!("Answers will be recorded as given by {}.", chosen.label()),
                    );
                }
                Some(Action::Back) => {
                    self.screen = if self.session.as_ref().is_some_and(|s| s.editor.is_some()) {
                        Screen::Answer
                    } else {
                        Screen::Sections
                    };
                }
                _ => {}
            },
            Screen::Sections => self.sections_key(action),
            Screen::Questions => self.questions_key(action),
            Screen::Answer => self.answer_key(action, event),
            Screen::Funders { cursor } => {
                let cursor = *cursor;
                self.funders_key(action, cursor);
            }
            Screen::Funder { index, cursor } => {
                let (index, cursor) = (*index, *cursor);
                self.funder_key(action, index, cursor);
            }
            Screen::Find {
                query,
                cursor,
                back,
            } => match action {
                Some(Action::Up) => *cursor = cursor.saturating_sub(1),
                Some(Action::Down) => *cursor += 1,
                Some(Action::Back) => {
                    let back = *back;
                    self.go_back(back);
                }
                Some(Action::Open) => {
                    let (words, cursor) = (query.lines().join(" "), *cursor);
                    let found = self.find_questions(&words);
                    let chosen = found
                        .get(cursor.min(found.len().saturating_sub(1)))
                        .map(|q| q.id.clone());
                    match chosen {
                        Some(id) => self.answer_question(&id),
                        None => self.say(
                            StatusKind::Info,
                            "No question has those words. Try fewer or other words.",
                        ),
                    }
                }
                Some(_) => {}
                None if key.code == KeyCode::Enter => {}
                None => {
                    if query.input(event) {
                        *cursor = 0;
                    }
                }
            },
            Screen::Note {
                text,
                question,
                back,
            } => match action {
                Some(Action::Back) | Some(Action::Save) => {
                    let (typed, question, back) =
                        (text.lines().join("\n"), question.clone(), *back);
                    let close = action == Some(Action::Back);
                    self.save_note(&question, &typed);
                    if close {
                        self.go_back(back);
                    }
                }
                Some(_) => {}
                None => {
                    text.input(event);
                }
            },
            Screen::Words => {
                if action == Some(Action::Back) {
                    self.screen = Screen::Sections;
                }
            }
            Screen::Grants { cursor } => {
                let count = self
                    .session
                    .as_ref()
                    .map_or(0, |s| s.open.group.grants.len());
                match action {
                    Some(Action::Up) => *cursor = cursor.saturating_sub(1),
                    Some(Action::Down) => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
                    Some(Action::Open) if count > 0 => {
                        let index = *cursor;
                        self.screen = Screen::Grant { index };
                    }
                    Some(Action::Back) => self.screen = Screen::Sections,
                    _ => {}
                }
            }
            Screen::Grant { index } => {
                let index = *index;
                let kind = match action {
                    Some(Action::Back) => return self.screen = Screen::Grants { cursor: index },
                    Some(Action::LogSession) => FormKind::Session,
                    Some(Action::LogCount) => FormKind::Count,
                    Some(Action::LogStory) => FormKind::Story,
                    Some(Action::LogSpend) => FormKind::Spend,
                    Some(Action::LogNote) => FormKind::Note,
                    _ => return,
                };
                self.open_log_form(index, kind);
            }
            Screen::Draft { funder, cursor } => {
                let (funder, cursor) = (funder.clone(), *cursor);
                self.draft_key(action, funder, cursor);
            }
            Screen::ConfirmNextYear => match action {
                Some(Action::Confirm) => self.start_next_year(),
                Some(Action::Back) => self.screen = Screen::Sections,
                _ => {}
            },
            Screen::Conflicts { cursor } => {
                let cursor = *cursor;
                self.conflicts_key(action, cursor);
            }
            Screen::DraftPreview {
                funder,
                cursor,
                scroll,
                ..
            } => match action {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::Back) => {
                    let (funder, cursor) = (funder.clone(), *cursor);
                    self.screen = Screen::Draft { funder, cursor };
                }
                _ => {}
            },
            Screen::Wording(edit) => match action {
                Some(Action::Back) => {
                    let (funder, cursor) = (edit.funder.clone(), edit.cursor);
                    self.commit_wording();
                    self.save_now();
                    self.screen = Screen::Draft { funder, cursor };
                }
                Some(Action::Save) => {
                    self.commit_wording();
                    self.save_now();
                }
                Some(Action::Undo) => {
                    if edit.text.undo() {
                        edit.changed = true;
                    }
                }
                Some(Action::Redo) => {
                    if edit.text.redo() {
                        edit.changed = true;
                    }
                }
                Some(Action::ScrollOffered) => {
                    edit.offered_scroll = edit.offered_scroll.saturating_add(3)
                }
                Some(Action::StartFromAnswers) => self.start_from_answers(),
                Some(Action::Copy) => {
                    let text = edit.text.lines().join("\n");
                    self.copy_text(&text);
                }
                Some(Action::SwitchAuthor) => {
                    if let Some(s) = &mut self.session {
                        s.author = s.author.next();
                        let who = s.author.label();
                        self.say(StatusKind::Info, format!("Now typing: {who}."));
                    }
                }
                Some(_) => {}
                None => {
                    let read_only = self
                        .session
                        .as_ref()
                        .is_some_and(|s| s.open.read_only.is_some());
                    if read_only {
                        self.say(
                            StatusKind::Warning,
                            "This group is read-only; nothing can be changed here.",
                        );
                    } else if edit.text.input(event) {
                        edit.changed = true;
                        if let Some(s) = &mut self.session {
                            s.last_change = Some(Instant::now());
                        }
                    }
                }
            },
            Screen::LogForm { grant, form } => {
                let grant = *grant;
                match action {
                    Some(Action::Back) => self.screen = Screen::Grant { index: grant },
                    Some(Action::NextField) => form.next(),
                    Some(Action::PreviousField) => form.previous(),
                    Some(Action::Up) => form.up_down(true),
                    Some(Action::Down) => form.up_down(false),
                    // Enter in a box for several lines is a new line (pasted
                    // text arrives as keys on some systems); Ctrl+S records.
                    Some(Action::Confirm)
                        if key.code == KeyCode::Enter && form.focused_takes_lines() =>
                    {
                        form.type_key(event)
                    }
                    Some(Action::Confirm) => self.record_log(grant),
                    Some(_) => {}
                    None => form.type_key(event),
                }
            }
        }
    }

    /// Goes through only the answers marked "check this" and the questions
    /// without an answer, in order.
    fn start_review(&mut self) {
        let Some(s) = &mut self.session else { return };
        let count = s.open.group.review_list(self.bank).len();
        if count == 0 {
            return self.say(
                StatusKind::Info,
                "Nothing to review: every answer is answered and none is marked \"check this\".",
            );
        }
        s.review = true;
        self.say(StatusKind::Info, format!("Reviewing {count} question(s): change an answer, or press Ctrl+K if it is still right. PgDn goes to the next."));
        self.next_in_review();
    }

    /// The next question in the review after the current one (or the
    /// first), or the end of the review.
    fn next_in_review(&mut self) {
        let Some(s) = &self.session else { return };
        let list: Vec<String> = s
            .open
            .group
            .review_list(self.bank)
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let current = if matches!(self.screen, Screen::Answer) {
            self.current_question().map(|q| q.id.clone())
        } else {
            None
        };
        let order: Vec<String> = self
            .applicable_in_order()
            .into_iter()
            .map(|(_, q)| q.id.clone())
            .collect();
        let after = current
            .as_ref()
            .and_then(|c| order.iter().position(|id| id == c));
        let next = list.iter().find(|id| match after {
            Some(pos) => order.iter().position(|o| o == *id).is_some_and(|p| p > pos),
            None => true,
        });
        match next.cloned() {
            Some(id) => self.answer_question(&id),
            None => {
                if let Some(s) = &mut self.session {
                    s.review = false;
                }
                if matches!(self.screen, Screen::Answer) && !self.leave_editor() {
                    return;
                }
                self.screen = Screen::Sections;
                self.say(
                    StatusKind::Info,
                    "Review finished: everything has been checked or answered.",
                );
            }
        }
    }

    /// "Still right": clears the "check this" mark on the answer being
    /// looked at, without changing it, and goes on in a review.
    fn confirm_answer(&mut self) {
        let Some(question) = self.current_question() else {
            return;
        };
        let now = (self.clock)();
        if let Err(problem) = self.commit() {
            return self.say(StatusKind::Error, format!("Not saved yet: {problem}."));
        }
        let Some(s) = &mut self.session else { return };
        let author = s.author;
        if !s.open.group.confirm(&question.id, author, now) {
            return self.say(
                StatusKind::Info,
                "This answer is not marked \"check this\".",
            );
        }
        self.save_now();
        self.say(StatusKind::Info, "Kept as it is.");
        if self.session.as_ref().is_some_and(|s| s.review) {
            self.next_in_review();
        }
    }

    /// Starts next year's round and goes straight into the review.
    fn start_next_year(&mut self) {
        let now = (self.clock)();
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            self.screen = Screen::Sections;
            return self.say(
                StatusKind::Warning,
                "This group is read-only; a new year cannot be started here.",
            );
        }
        let result = s.open.group.next_year(self.bank, now);
        self.save_now();
        self.refresh_matches();
        self.screen = Screen::Sections;
        self.say(
            StatusKind::Info,
            format!(
                "Year {} started. {} answer(s) are marked \"check this\": press r to review them.",
                result.round,
                result.marked.len()
            ),
        );
    }

    fn open_conflicts(&mut self) {
        let Some(s) = &self.session else { return };
        if s.open.group.conflicts.is_empty() {
            return self.say(StatusKind::Info, "No answers differ between copies.");
        }
        self.screen = Screen::Conflicts { cursor: 0 };
    }

    fn conflicts_key(&mut self, action: Option<Action>, cursor: usize) {
        let now = (self.clock)();
        let Some(s) = &mut self.session else { return };
        let ids: Vec<String> = s.open.group.conflicts.keys().cloned().collect();
        let keep = match action {
            Some(Action::Up) => {
                return self.screen = Screen::Conflicts {
                    cursor: cursor.saturating_sub(1),
                };
            }
            Some(Action::Down) => {
                return self.screen = Screen::Conflicts {
                    cursor: (cursor + 1).min(ids.len().saturating_sub(1)),
                };
            }
            Some(Action::Back) => return self.screen = Screen::Sections,
            Some(Action::KeepOurs) => crate::group::Keep::Ours,
            Some(Action::KeepTheirs) => crate::group::Keep::Theirs,
            _ => return,
        };
        let Some(id) = ids.get(cursor) else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be changed here.",
            );
        }
        match s.open.group.resolve(id, keep, now) {
            Ok(()) => {
                let left = s.open.group.conflicts.len();
                self.save_now();
                self.say(
                    StatusKind::Info,
                    format!(
                        "Kept. The other version is in the answer's history. {left} left to choose."
                    ),
                );
                self.screen = if left == 0 {
                    Screen::Sections
                } else {
                    Screen::Conflicts {
                        cursor: cursor.min(left - 1),
                    }
                };
            }
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    /// Records that the bid to this funder was sent today, keeping a copy
    /// of exactly what was sent.
    fn submit(&mut self, funder: &str) {
        let now = (self.clock)();
        let today = self.today();
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be changed here.",
            );
        }
        let author = s.author;
        let result = s
            .open
            .group
            .submit(funder, today, author, now)
            .map(|a| a.answers.len());
        match result {
            Ok(count) => {
                self.save_now();
                self.say(StatusKind::Info, format!("Marked as sent today, with a copy of the {count} answer(s) sent. Next year's draft will show them beside the new words."));
            }
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    /// The funder profile with this id.
    pub fn profile(&self, id: &str) -> Option<&crate::funders::Profile> {
        self.catalogue.get(id).map(|l| &l.profile)
    }

    fn open_draft(&mut self, funder: String) {
        if self
            .profile(&funder)
            .is_some_and(|p| p.questions.is_empty())
        {
            return self.say(
                StatusKind::Info,
                "This funder's profile lists no questions yet, so there is nothing to write for it here. Check the funder's own form.",
            );
        }
        self.screen = Screen::Draft { funder, cursor: 0 };
    }

    fn draft_key(&mut self, action: Option<Action>, funder: String, cursor: usize) {
        let count = self.profile(&funder).map_or(0, |p| p.questions.len());
        match action {
            Some(Action::Up) => {
                self.screen = Screen::Draft {
                    funder,
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Draft {
                    funder,
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Back) => {
                let index = self
                    .session
                    .as_ref()
                    .and_then(|s| s.matches.iter().position(|m| m.id == funder))
                    .unwrap_or(0);
                self.screen = Screen::Funder { index, cursor: 0 };
            }
            Some(Action::Open) => self.open_wording(funder, cursor),
            Some(Action::Preview) | Some(Action::Problems) => {
                let problems = action == Some(Action::Problems);
                match self.draft_text(&funder, problems) {
                    Ok((title, text)) => {
                        if problems {
                            self.record_step(crate::group::Step::Checked);
                        }
                        self.screen = Screen::DraftPreview {
                            funder,
                            cursor,
                            title,
                            text,
                            scroll: 0,
                        };
                    }
                    Err(e) => self.say(StatusKind::Error, e),
                }
            }
            Some(Action::Export) => self.export_draft(&funder),
            Some(Action::Submit) => self.submit(&funder),
            Some(Action::Copy) => {
                let text = self
                    .profile(&funder)
                    .and_then(|p| p.questions.get(cursor))
                    .and_then(|q| {
                        let s = self.session.as_ref()?;
                        crate::drafting::wording(&s.open.group, &funder, &q.id)
                            .map(crate::drafting::wording_text)
                    });
                match text {
                    Some(text) => self.copy_text(&text),
                    None => self.say(
                        StatusKind::Info,
                        "Nothing written for this question yet, so there is nothing to copy.",
                    ),
                }
            }
            _ => {}
        }
    }

    /// The draft as plain text (how it will read), or the checks before
    /// sending, for the preview screen.
    fn draft_text(&self, funder: &str, problems: bool) -> Result<(String, String), String> {
        let profile = self
            .profile(funder)
            .ok_or("That funder's profile is no longer loaded.")?;
        let s = self.session.as_ref().ok_or("No group is open.")?;
        let today = self.today();
        if problems {
            let found =
                crate::drafting::check(&s.open.group, profile, self.bank, self.vocab, today);

            let mut text = String::new();
            for p in &found {
                let severity = if p.is_blocking() {
                    "MUST FIX"
                } else {
                    "worth a look"
                };
                text.push_str(&format!(
                    "{severity}: {}\n  {}\n  What to do: {}\n\n",
                    p.place, p.problem, p.fix
                ));
            }
            if found.is_empty() {
                text.push_str("Nothing to fix: this bid is ready to send.");
            }
            return Ok((
                format!("Before sending: {}", crate::drafting::summary(&found)),
                text,
            ));
        }
        let context = crate::drafting::DraftContext::build(
            &s.open.group,
            profile,
            self.bank,
            self.vocab,
            today,
            false,
        );
        let templates = crate::drafting::Templates::load(
            Some(&crate::drafting::user_templates(&self.data)),
            funder,
        )
        .map_err(|e| e.to_string())?;
        let bytes = crate::drafting::render(crate::drafting::Format::Text, &context, &templates)
            .map_err(|e| e.to_string())?;
        Ok((
            "The draft as it will read".to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ))
    }

    fn open_wording(&mut self, funder: String, cursor: usize) {
        let Some(question) = self
            .profile(&funder)
            .and_then(|p| p.questions.get(cursor))
            .map(|q| q.id.clone())
        else {
            return;
        };
        let Some(s) = &self.session else { return };
        let original = s
            .open
            .group
            .wording
            .get(&funder)
            .and_then(|w| w.get(&question))
            .cloned();
        let current = original
            .as_ref()
            .map(crate::drafting::wording_text)
            .unwrap_or_default();
        self.screen = Screen::Wording(Box::new(WordingEdit {
            funder,
            cursor,
            question,
            text: text_box(&current, true),
            original,
            changed: false,
            offered_scroll: 0,
        }));
    }

    /// Puts the group's own bank answers into the box, at the cursor, for
    /// the group to rework. Only ever on request: nothing is pasted silently.
    fn start_from_answers(&mut self) {
        let Screen::Wording(edit) = &self.screen else {
            return;
        };
        let Some(q) = self
            .profile(&edit.funder)
            .and_then(|p| p.questions.iter().find(|q| q.id == edit.question))
            .cloned()
        else {
            return;
        };
        let Some(s) = &self.session else { return };
        let offered: Vec<String> =
            crate::drafting::offered(&s.open.group, &q, self.bank, self.vocab)
                .into_iter()
                .filter_map(|o| o.answer)
                .collect();
        if offered.is_empty() {
            return self.say(
                StatusKind::Info,
                "None of the answers this question draws on are written yet.",
            );
        }
        if let Screen::Wording(edit) = &mut self.screen {
            edit.text
                .insert_str(crate::text::sanitize(&offered.join("\n\n"), true));
            edit.changed = true;
        }
        if let Some(s) = &mut self.session {
            s.last_change = Some(Instant::now());
        }
        self.say(
            StatusKind::Info,
            "Your answers are in the box to start from: now make them fit this funder's question.",
        );
    }

    /// Puts the wording being written into the group (not yet on disk).
    fn commit_wording(&mut self) {
        let now = (self.clock)();
        let Screen::Wording(edit) = &mut self.screen else {
            return;
        };
        let Some(s) = &mut self.session else { return };
        if !edit.changed || s.open.read_only.is_some() {
            return;
        }
        let text = edit.text.lines().join("\n").trim().to_string();
        if text.is_empty() {
            return;
        }
        let for_funder = s.open.group.wording.entry(edit.funder.clone()).or_default();
        match &edit.original {
            Some(original) => {
                for_funder.insert(edit.question.clone(), original.clone());
            }
            None => {
                for_funder.remove(&edit.question);
            }
        }
        s.open
            .group
            .set_wording(&edit.funder, &edit.question, text, s.author, now);
        edit.changed = false;
    }

    /// Records that whoever is at the keyboard did a step of this year's
    /// work (for "watch the group take over"), and saves.
    fn record_step(&mut self, step: crate::group::Step) {
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_none() && s.open.group.record_step(step, s.author) {
            self.save_now();
        }
    }

    fn copy_text(&mut self, text: &str) {
        match super::clipboard::copy(text) {
            Ok(how) => self.say(StatusKind::Info, how.message()),
            Err(problem) => self.say(StatusKind::Error, problem),
        }
    }

    /// Saves the draft in every format where people keep documents, and
    /// says where.
    fn export_draft(&mut self, funder: &str) {
        let today = self.today();
        let Some(profile) = self.profile(funder).cloned() else {
            return;
        };
        let Some(s) = &self.session else { return };
        let folder = self.export_dir.clone();
        if let Err(e) = std::fs::create_dir_all(&folder) {
            return self.say(
                StatusKind::Error,
                format!("Could not make the folder {}: {e}", folder.display()),
            );
        }
        let context = crate::drafting::DraftContext::build(
            &s.open.group,
            &profile,
            self.bank,
            self.vocab,
            today,
            false,
        );
        let templates = match crate::drafting::Templates::load(
            Some(&crate::drafting::user_templates(&self.data)),
            funder,
        ) {
            Ok(t) => t,
            Err(e) => return self.say(StatusKind::Error, e.to_string()),
        };
        let mut written = Vec::new();
        for format in crate::drafting::Format::ALL {
            let path = folder.join(format!(
                "{}-{}.{}",
                s.open.group.slug,
                funder,
                format.extension()
            ));
            let result = crate::drafting::render(format, &context, &templates)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::store::write_atomic(&path, &bytes).map_err(|e| e.to_string())
                });
            match result {
                Ok(()) => written.push(
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
                Err(e) => {
                    return self.say(
                        StatusKind::Error,
                        format!("Could not write {}: {e}", path.display()),
                    );
                }
            }
        }
        self.say(
            StatusKind::Info,
            format!("Saved in {}: {}.", folder.display(), written.join(", ")),
        );
    }

    fn open_grants(&mut self) {
        let Some(s) = &self.session else { return };
        if s.open.group.grants.is_empty() {
            return self.say(
                StatusKind::Info,
                "No grants yet. When a funder says yes, record it with: alongside award GROUP --funder ID --amount ... --start ... --end ...",
            );
        }
        self.screen = Screen::Grants { cursor: 0 };
    }

    fn open_log_form(&mut self, index: usize, kind: FormKind) {
        let today = self.today().to_string();
        let Some(s) = &self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be logged.",
            );
        }
        let Some(grant) = s.open.group.grants.get(index) else {
            return;
        };
        let yes_no = || vec!["no".to_string(), "yes".to_string()];
        let form = match kind {
            FormKind::Session => Form::new(
                kind,
                "Log a session",
                vec![
                    Field::typed("How many came", ""),
                    Field::typed("How many were new", "0"),
                    Field::typed("Date (year-month-day)", &today),
                ],
            ),
            FormKind::Count => {
                let measures: Vec<String> = grant
                    .measures()
                    .into_iter()
                    .filter(|m| !crate::monitoring::log::SESSION_MEASURES.contains(m))
                    .map(String::from)
                    .collect();
                if measures.is_empty() {
                    return self.say(StatusKind::Info, "This grant has no measures of its own to count yet. Add one with: alongside promise GROUP --from QUESTION --measure NAME");
                }
                Form::new(
                    kind,
                    "Log a count",
                    vec![
                        Field::choice("What is counted", measures),
                        Field::typed("How many", ""),
                        Field::typed("Date (year-month-day)", &today),
                    ],
                )
            }
            FormKind::Story => Form::new(
                kind,
                "Log a member's story or quote",
                vec![
                    Field::words("The story, in their words", true),
                    Field::choice(
                        "Did they agree to it being shared with the funder?",
                        yes_no(),
                    ),
                    Field::choice(
                        "Have names been taken out? (choosing yes means you have checked)",
                        yes_no(),
                    ),
                    Field::typed("Date (year-month-day)", &today),
                ],
            ),
            FormKind::Spend => {
                if grant.budget.is_empty() {
                    return self.say(
                        StatusKind::Info,
                        "This grant has no budget lines to spend against.",
                    );
                }
                let lines = grant.budget.iter().map(|l| l.item.clone()).collect();
                Form::new(
                    kind,
                    "Log money spent",
                    vec![
                        Field::typed("How much, in pounds", ""),
                        Field::choice("Budget line", lines),
                        Field::words("Receipt number (if any)", false),
                        Field::typed("Date (year-month-day)", &today),
                    ],
                )
            }
            FormKind::Note => Form::new(
                kind,
                "Write a note",
                vec![
                    Field::words("The note", true),
                    Field::choice(
                        "What kind of note",
                        NoteKind::ALL
                            .iter()
                            .map(|k| k.heading().to_string())
                            .collect(),
                    ),
                    Field::typed("Date (year-month-day)", &today),
                ],
            ),
        };
        self.screen = Screen::LogForm { grant: index, form };
    }

    /// Turns the form into a log entry through the same checks as the
    /// command line, saves it, and says what was recorded.
    fn record_log(&mut self, index: usize) {
        let today = self.today();
        let Screen::LogForm { form, .. } = &self.screen else {
            return;
        };
        let form = form.clone();
        let Some(s) = &mut self.session else { return };
        let author = s.author;
        let Some(grant) = s.open.group.grants.get_mut(index) else {
            return;
        };
        let result = build_log_entry(grant, &form, author, today);
        match result {
            Ok(logged) => {
                s.open.group.updated = (self.clock)();
                s.open
                    .group
                    .record_step(crate::group::Step::LoggedEvidence, author);
                self.save_now();
                let mut text = logged.said;
                for w in logged.warnings {
                    text.push(' ');
                    text.push_str(&w);
                }
                let kind = if text.contains("over its budget") || text.contains("Check these") {
                    StatusKind::Warning
                } else {
                    StatusKind::Info
                };
                self.screen = Screen::Grant { index };
                self.say(kind, text);
            }
            Err(problem) => {
                if let Screen::LogForm { form, .. } = &mut self.screen {
                    form.error = Some(problem);
                }
            }
        }
    }

    fn go_back(&mut self, back: Back) {
        self.screen = match back {
            Back::Sections => Screen::Sections,
            Back::Questions => Screen::Questions,
            Back::Answer if self.session.as_ref().is_some_and(|s| s.editor.is_some()) => {
                Screen::Answer
            }
            Back::Answer => Screen::Questions,
        };
    }

    /// Questions that apply to the group and contain every word typed, in
    /// their prompt, id or section title.
    pub fn find_questions(&self, words: &str) -> Vec<&'static Question> {
        let wanted: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
        let bank: &'static Bank = self.bank;
        self.applicable_in_order()
            .into_iter()
            .map(|(_, q)| q)
            .filter(|q| {
                let section = bank.section(&q.section).map_or("", |s| s.title.as_str());
                let hay =
                    format!("{} {} {}", q.prompt, q.id.replace('_', " "), section).to_lowercase();
                wanted.iter().all(|w| hay.contains(w))
            })
            .collect()
    }

    fn open_find(&mut self, back: Back) {
        // From an answer, keep what is typed (saved now) and come back to it.
        if back == Back::Answer {
            if let Err(problem) = self.commit() {
                return self.say(
                    StatusKind::Error,
                    format!("Not saved yet: {problem}. Fix it first."),
                );
            }
            self.save_now();
        }
        self.screen = Screen::Find {
            query: text_box("", false),
            cursor: 0,
            back,
        };
    }

    fn open_note(&mut self, back: Back) {
        let Some(question) = self.current_question() else {
            return;
        };
        if back == Back::Answer {
            self.commit_and_save();
        }
        let Some(s) = &self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; notes cannot be saved.",
            );
        }
        let current = s.open.group.note(&question.id).unwrap_or("");
        self.screen = Screen::Note {
            text: text_box(current, true),
            question: question.id.clone(),
            back,
        };
    }

    fn save_note(&mut self, question: &str, text: &str) {
        let now = (self.clock)();
        let Some(s) = &mut self.session else { return };
        if s.open.group.set_note(question, text, s.author, now) {
            self.save_now();
        }
    }

    /// Puts back the answer changed most recently in this sitting.
    fn undo_answer(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some((id, before)) = s.undo.pop() else {
            return self.say(
                StatusKind::Info,
                "Nothing to undo: no answer has been changed since the group was opened.",
            );
        };
        match before {
            Some(answer) => {
                s.open.group.answers.insert(id.clone(), answer);
            }
            None => {
                s.open.group.answers.remove(&id);
            }
        }
        s.open.group.updated = (self.clock)();
        let prompt = self
            .bank
            .question(&id)
            .map_or(id.clone(), |q| q.prompt.clone());
        self.save_now();
        self.refresh_matches();
        self.say(
            StatusKind::Info,
            format!("Put back the earlier answer to: {prompt}"),
        );
    }

    /// Today, by the app's clock (fixed in tests).
    pub fn today(&self) -> crate::dates::Day {
        (self.clock)().local_day()
    }

    /// Works out the funders again for the group's answers as they stand.
    pub fn refresh_matches(&mut self) {
        let today = (self.clock)().local_day();
        let vocab = self.vocab;
        let Some(s) = &mut self.session else { return };
        s.matches = matching::match_all(
            &s.open.group,
            self.catalogue.profiles.iter().map(|l| &l.profile),
            today,
            vocab,
        );
    }

    pub fn on_paste(&mut self, text: &str) {
        match &mut self.screen {
            Screen::Answer => {
                if let Some(s) = &mut self.session
                    && s.open.read_only.is_none()
                    && let Some(editor) = &mut s.editor
                    && editor.paste(text)
                {
                    s.last_change = Some(Instant::now());
                }
            }
            Screen::NewGroup(area) | Screen::Import(area) => {
                area.insert_str(crate::text::sanitize(text, false));
            }
            _ => {}
        }
    }

    pub fn on_mouse(&mut self, event: MouseEvent) {
        let code = match event.kind {
            MouseEventKind::ScrollUp => KeyCode::Up,
            MouseEventKind::ScrollDown => KeyCode::Down,
            _ => return,
        };
        if !self.context().takes_typing() {
            self.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    fn home_key(&mut self, action: Option<Action>) {
        let len = self.home_len();
        match action {
            Some(Action::Up) => self.home.cursor = self.home.cursor.saturating_sub(1),
            Some(Action::Down) => {
                self.home.cursor = (self.home.cursor + 1).min(len.saturating_sub(1))
            }
            Some(Action::NewGroup) => self.screen = Screen::NewGroup(text_box("", false)),
            Some(Action::Import) => self.screen = Screen::Import(text_box("", false)),
            Some(Action::Demo) => self.open_demo(),
            Some(Action::Open) if self.home.groups.is_empty() => match self.home.cursor {
                0 => self.open_demo(),
                1 => self.screen = Screen::NewGroup(text_box("", false)),
                _ => self.screen = Screen::Import(text_box("", false)),
            },
            Some(Action::Open) => {
                if let Some(g) = self.home.groups.get(self.home.cursor) {
                    let slug = g.slug.clone();
                    self.open_group(&slug);
                }
            }
            _ => {}
        }
    }

    fn confirm_entry(&mut self) {
        let (is_new, typed) = match &self.screen {
            Screen::NewGroup(area) => (true, area.lines().join(" ")),
            Screen::Import(area) => (false, area.lines().join(" ")),
            _ => return,
        };
        let typed = typed.trim().to_string();
        if typed.is_empty() {
            let ask = if is_new {
                "Type the group's name first."
            } else {
                "Type the path of the group file first."
            };
            return self.say(StatusKind::Warning, ask);
        }
        if is_new {
            match OpenGroup::create(&self.data, &typed, (self.clock)()) {
                Ok(open) => {
                    self.start_session(open);
                    self.say(
                        StatusKind::Info,
                        format!("Started {}. Who is at the keyboard?", typed),
                    );
                }
                Err(e) => self.say(StatusKind::Error, e.to_string()),
            }
        } else {
            match store::import(&self.data, std::path::Path::new(&typed), false) {
                Ok(slug) => {
                    self.refresh_home();
                    self.screen = Screen::Home;
                    self.home.cursor = self
                        .home
                        .groups
                        .iter()
                        .position(|g| g.slug == slug)
                        .unwrap_or(0);
                    self.say(StatusKind::Info, format!("Imported {slug}."));
                }
                Err(e) => self.say(StatusKind::Error, e.to_string()),
            }
        }
    }

    fn open_demo(&mut self) {
        let group = match crate::demo::demo_group() {
            Ok(g) => g,
            Err(e) => return self.say(StatusKind::Error, e.to_string()),
        };
        let slug = group.slug.clone();
        match OpenGroup::create_from(&self.data, group) {
            Ok(open) => self.start_session(open),
            Err(StoreError::Exists { .. }) => self.open_group(&slug),
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    pub fn open_group(&mut self, slug: &str) {
        match OpenGroup::open(&self.data, slug, Access::WriteOrReadOnly) {
            Ok(open) => {
                let mut notes = open.notices.clone();
                if let Some(reason) = &open.read_only {
                    notes.insert(0, format!("Read-only: {reason}."));
                }
                self.start_session(open);
                if !notes.is_empty() {
                    self.say(StatusKind::Warning, notes.join(" "));
                }
            }
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    fn start_session(&mut self, open: OpenGroup) {
        self.session = Some(Session {
            open,
            author: Author::Group,
            section: 0,
            question: 0,
            editor: None,
            last_change: None,
            matches: Vec::new(),
            undo: Vec::new(),
            review: false,
        });
        self.refresh_matches();
        self.screen = Screen::Who { cursor: 0 };
        self.status = None;
    }

    fn sections_key(&mut self, action: Option<Action>) {
        let sections = self.bank.sections.len();
        let Some(s) = &mut self.session else { return };
        match action {
            Some(Action::Up) => s.section = s.section.saturating_sub(1),
            Some(Action::Down) => s.section = (s.section + 1).min(sections.saturating_sub(1)),
            Some(Action::Open) => {
                s.question = 0;
                self.screen = Screen::Questions;
            }
            Some(Action::Back) => self.close_group(),
            Some(Action::SwitchAuthor) => {
                self.screen = Screen::Who {
                    cursor: author_index(s.author),
                }
            }
            Some(Action::NextUnanswered) => self.go_next_unanswered(),
            Some(Action::Funders) => self.open_funders(),
            Some(Action::Find) => self.open_find(Back::Sections),
            Some(Action::Grants) => self.open_grants(),
            Some(Action::Review) => self.start_review(),
            Some(Action::NextYear) => self.screen = Screen::ConfirmNextYear,
            Some(Action::Conflicts) => self.open_conflicts(),
            Some(Action::Words) => self.screen = Screen::Words,
            Some(Action::UndoAnswer) => self.undo_answer(),
            _ => {}
        }
    }

    fn questions_key(&mut self, action: Option<Action>) {
        let count = self.section_questions().len();
        let Some(s) = &mut self.session else { return };
        match action {
            Some(Action::Up) => s.question = s.question.saturating_sub(1),
            Some(Action::Down) => s.question = (s.question + 1).min(count.saturating_sub(1)),
            Some(Action::Open) => self.open_editor(),
            Some(Action::Back) => self.screen = Screen::Sections,
            Some(Action::SwitchAuthor) => {
                self.screen = Screen::Who {
                    cursor: author_index(s.author),
                }
            }
            Some(Action::NextUnanswered) => self.go_next_unanswered(),
            Some(Action::Funders) => self.open_funders(),
            Some(Action::Find) => self.open_find(Back::Questions),
            Some(Action::Grants) => self.open_grants(),
            Some(Action::Review) => self.start_review(),
            Some(Action::Note) => self.open_note(Back::Questions),
            Some(Action::Words) => self.screen = Screen::Words,
            Some(Action::UndoAnswer) => self.undo_answer(),
            _ => {}
        }
    }

    /// Matches the group against every funder, as its answers stand now.
    fn open_funders(&mut self) {
        self.refresh_matches();
        self.screen = Screen::Funders { cursor: 0 };
        if !self.catalogue.problems.is_empty() {
            let n = self.catalogue.problems.len();
            self.say(StatusKind::Warning, format!("{n} funder profile(s) could not be read and were left out; `alongside funders check` says why."));
        }
    }

    fn funders_key(&mut self, action: Option<Action>, cursor: usize) {
        let count = self.session.as_ref().map_or(0, |s| s.matches.len());
        match action {
            Some(Action::Up) => {
                self.screen = Screen::Funders {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Funders {
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Open) if count > 0 => {
                self.screen = Screen::Funder {
                    index: cursor,
                    cursor: 0,
                }
            }
            Some(Action::Back) => self.screen = Screen::Sections,
            Some(Action::Draft) => {
                if let Some(id) = self
                    .session
                    .as_ref()
                    .and_then(|s| s.matches.get(cursor))
                    .map(|m| m.id.clone())
                {
                    self.open_draft(id);
                }
            }
            _ => {}
        }
    }

    fn funder_key(&mut self, action: Option<Action>, index: usize, cursor: usize) {
        let Some(m) = self.session.as_ref().and_then(|s| s.matches.get(index)) else {
            return;
        };
        // The reasons it fits follow the rules as one more row.
        let rows =
            m.criteria.len() + usize::from(m.fit.as_ref().is_some_and(|f| !f.reasons.is_empty()));
        let question = m.criteria.get(cursor).and_then(|c| c.question.clone());
        match action {
            Some(Action::Up) => {
                self.screen = Screen::Funder {
                    index,
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Funder {
                    index,
                    cursor: (cursor + 1).min(rows.saturating_sub(1)),
                }
            }
            Some(Action::Back) => self.screen = Screen::Funders { cursor: index },
            Some(Action::Draft) => {
                let id = m.id.clone();
                self.open_draft(id);
            }
            Some(Action::Open) => match question {
                Some(id) => self.answer_question(&id),
                None => self.say(
                    StatusKind::Info,
                    "Only rules marked ? have a question to answer.",
                ),
            },
            _ => {}
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
            None => self.say(StatusKind::Warning, format!("The question `{id}` does not apply to this group yet: answer the one before it first.")),
        }
    }

    fn open_editor(&mut self) {
        let Some(question) = self.current_question() else {
            return;
        };
        let vocab = self.vocab;
        let Some(s) = &mut self.session else { return };
        s.editor = Some(Editor::open(
            question,
            s.open.group.answers.get(&question.id),
            vocab,
        ));
        self.screen = Screen::Answer;
    }

    fn answer_key(&mut self, action: Option<Action>, event: KeyEvent) {
        match action {
            Some(Action::Back) if self.context() != Context::BudgetLine => {
                if self.leave_editor() {
                    self.screen = Screen::Questions;
                }
                return;
            }
            Some(Action::Save) => {
                self.save_now();
                return;
            }
            Some(Action::Guide) => {
                self.show_guide = !self.show_guide;
                return;
            }
            Some(Action::Find) => return self.open_find(Back::Answer),
            Some(Action::ConfirmAnswer) => return self.confirm_answer(),
            Some(Action::Note) => return self.open_note(Back::Answer),
            Some(Action::SwitchAuthor) => {
                self.commit_and_save();
                if let Some(s) = &self.session {
                    self.screen = Screen::Who {
                        cursor: author_index(s.author.next()),
                    };
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
        let vocab = self.vocab;
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
                self.screen = Screen::Questions;
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
        let bank: &'static Bank = self.bank;
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

    fn go_next_unanswered(&mut self) {
        if self.session.as_ref().is_some_and(|s| s.review) {
            return self.next_in_review();
        }
        let Some(s) = &self.session else { return };
        let group = &s.open.group;
        let next = self
            .applicable_in_order()
            .into_iter()
            .find(|(_, q)| !group.answers.contains_key(&q.id));
        match next {
            Some((section, q)) => {
                let id = q.id.clone();
                self.goto_question(section, &id);
            }
            None => self.say(
                StatusKind::Info,
                "Every question that applies has an answer.",
            ),
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
                true
            }
            Err(problem) => {
                self.say(
                    StatusKind::Error,
                    format!(
                        "Not saved yet: {problem}. Fix it, or press Ctrl+Z to undo the change."
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
        let vocab = self.vocab;
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
        let group = &mut s.open.group;
        match &editor.original {
            Some(original) => {
                group.answers.insert(question.id.clone(), original.clone());
            }
            None => {
                group.answers.remove(&question.id);
            }
        }
        group.set_answer(&question.id, value, s.author, now);
        editor.changed = false;
        // One undo step per answer per visit, back to how it was before.
        if !editor.undo_recorded {
            editor.undo_recorded = true;
            s.undo.push((question.id.clone(), editor.original.clone()));
        }
        Ok(())
    }

    fn commit_and_save(&mut self) {
        match self.commit() {
            Ok(()) => self.save_now(),
            Err(problem) => self.say(StatusKind::Warning, format!("Not saved yet: {problem}.")),
        }
    }

    /// Writes the group to disk if anything changed.
    pub fn save_now(&mut self) {
        let _ = self.commit();
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            return;
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
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    /// Called regularly by the event loop: autosaves once typing pauses.
    pub fn tick(&mut self, now: Instant) {
        let due = self
            .session
            .as_ref()
            .and_then(|s| s.last_change)
            .is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AFTER);
        if due && matches!(self.screen, Screen::Wording(_)) {
            self.commit_wording();
            self.save_now();
            return;
        }
        if due {
            match self.commit() {
                Ok(()) => self.save_now(),
                // Not valid yet (a half-typed amount): wait for more typing.
                Err(_) => {
                    if let Some(s) = &mut self.session {
                        s.last_change = None;
                    }
                }
            }
        }
    }

    fn close_group(&mut self) {
        self.save_now();
        self.session = None;
        self.screen = Screen::Home;
        self.refresh_home();
    }

    fn request_quit(&mut self) {
        match self.commit() {
            Ok(()) => {
                self.save_now();
                self.quit = true;
            }
            Err(problem) if !self.quit_warned => {
                self.quit_warned = true;
                self.say(StatusKind::Warning, format!("This answer is not saved: {problem}. Press Ctrl+C again to quit without it."));
            }
            Err(_) => {
                self.save_now();
                self.quit = true;
            }
        }
    }

    /// Saves before the program ends, whatever the reason.
    pub fn shutdown(&mut self) {
        let _ = self.commit();
        self.save_now();
    }
}

/// Reads a log form with the log's own checks; the message says what to
/// fix when something is wrong.
fn build_log_entry(
    grant: &mut crate::group::Grant,
    form: &Form,
    author: Author,
    today: crate::dates::Day,
) -> Result<crate::monitoring::log::Logged, String> {
    use crate::monitoring::log;
    let date_at = |i: usize| -> Result<crate::dates::Day, String> {
        form.value(i)
            .trim()
            .parse()
            .map_err(|e: crate::dates::BadDate| e.to_string())
    };
    let whole = |i: usize, what: &str| -> Result<u32, String> {
        let n = crate::bank::parse_whole_number(&form.value(i))
            .map_err(|e| format!("{} ({what}). {}", e.problem, e.expected))?;
        u32::try_from(n)
            .map_err(|_| format!("{n} cannot be {what}: give a whole number of 0 or more"))
    };
    let logged = match form.kind {
        FormKind::Session => log::session(
            grant,
            date_at(2)?,
            whole(0, "how many came")?,
            whole(1, "how many were new")?,
            today,
        ),
        FormKind::Count => {
            let number = whole(1, "how many")?;
            log::count(grant, date_at(2)?, &form.value(0), number as i64, today)
        }
        FormKind::Story => log::story(
            grant,
            log::NewStory {
                date: date_at(3)?,
                text: &form.value(0),
                consent: form.value(1) == "yes",
                anonymised: form.value(2) == "yes",
                checked_by: (form.value(2) == "yes").then_some(author),
            },
            today,
        ),
        FormKind::Spend => {
            let pence = crate::bank::parse_money(&form.value(0))
                .map_err(|e| format!("{}. {}", e.problem, e.expected))?;
            let receipt = form.value(2);
            log::spend(
                grant,
                date_at(3)?,
                pence,
                &form.value(1),
                Some(receipt.as_str()),
                today,
            )
        }
        FormKind::Note => {
            let heading = form.value(1);
            let kind = NoteKind::ALL
                .into_iter()
                .find(|k| k.heading() == heading)
                .unwrap_or_default();
            log::note(grant, date_at(2)?, &form.value(0), kind, today)
        }
    };
    logged.map_err(|e| e.to_string())
}

/// Where exported drafts go: an `alongside` folder in the person's
/// Documents, or the data folder's `drafts` when there is no Documents.
pub fn export_folder(data: &DataDir) -> std::path::PathBuf {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.join("alongside")))
        .unwrap_or_else(|| data.root().join("drafts"))
}

fn author_index(author: Author) -> usize {
    Author::ALL.iter().position(|a| *a == author).unwrap_or(0)
}
