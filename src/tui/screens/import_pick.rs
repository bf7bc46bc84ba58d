//! Importing a group file (`i` on the home screen): the `.toml` files in
//! Downloads, Documents and the home folder to pick from, newest first, or
//! a path typed. A group already here is offered merge or replace.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::home_entry::{EntryKind, HomeEntry};
use super::import_existing::ImportExisting;
use super::{Handled, Input, Screen};
use crate::store::{self, StoreError};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

const TYPE_A_PATH: &str = "Type the path of another file";

/// What bringing in a group file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    Done,
    /// A group with this short name is already here.
    AlreadyHere(String),
    /// It could not be read or saved (the status says why).
    Failed,
}

/// Brings in a group file (picked here or typed in the import box): a new
/// group goes on the list of groups, with the cursor on it once the list
/// is on top again; when its group is already here, the caller asks merge
/// or replace; an error is said on the status line.
pub(crate) fn import_file(ctx: &mut Ctx, file: &std::path::Path) -> Imported {
    match store::import(&ctx.ws.data, file, false) {
        Ok(slug) => {
            ctx.say(StatusKind::Info, format!("Imported {slug}."));
            ctx.select_on_home = Some(slug);
            Imported::Done
        }
        Err(StoreError::Exists { slug }) => Imported::AlreadyHere(slug),
        Err(e) => {
            ctx.say(StatusKind::Error, e.to_string());
            Imported::Failed
        }
    }
}

#[derive(Debug)]
pub struct ImportPick {
    pub files: Vec<PathBuf>,
    cursor: ListCursor,
}

impl ImportPick {
    pub fn open(ctx: &Ctx) -> ImportPick {
        Self::from_folders(&ctx.import_folders)
    }

    pub fn from_folders(folders: &[PathBuf]) -> ImportPick {
        ImportPick {
            files: crate::store::incoming::group_files_in(folders),
            cursor: ListCursor::default(),
        }
    }
}

impl Screen for ImportPick {
    fn name(&self) -> &'static str {
        "import-pick"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::ImportExisting
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Open, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.files.len() + 1) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => match self.files.get(self.cursor.index()) {
                Some(file) => match import_file(ctx, file) {
                    Imported::Done => Handled::Pop,
                    Imported::AlreadyHere(slug) => {
                        Handled::Replace(Box::new(ImportExisting::new(file.clone(), slug)))
                    }
                    Imported::Failed => Handled::Done,
                },
                None => Handled::Replace(Box::new(HomeEntry::open(ctx, EntryKind::Import))),
            },
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let [ask, choices] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(5)]).areas(area);
        let text = if self.files.is_empty() {
            "No group files (.toml) in your Downloads, Documents or home folder. Type where the file is instead."
        } else {
            "Group files (.toml) in your Downloads, Documents and home folders, newest first. Pick the one to bring in, or type where it is."
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(ctx.theme.text)
                .wrap(Wrap { trim: true }),
            ask,
        );
        let mut items: Vec<ListItem> = self
            .files
            .iter()
            .map(|f| ListItem::new(crate::text::sanitize(&f.display().to_string(), false)))
            .collect();
        items.push(ListItem::new(TYPE_A_PATH));
        let mut state = ListState::default().with_selected(Some(self.cursor.index()));
        frame.render_stateful_widget(list(ctx, items, "Import a group file"), choices, &mut state);
    }
}
