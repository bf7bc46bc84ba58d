//! The two one-line boxes opened over the list of groups: a new group's
//! name (`n`, or "Start a new group") and the path of a group file to
//! import ("Type the path of another file" on the import list). They ask,
//! keep and come back the same way, so one screen serves both.
//!
//! What is typed is kept in `unfinished/home.toml` (form `new-group` or
//! `import`) on Esc and on every way out of the program, and comes back
//! the next time the box opens; when the program starts with one kept, it
//! opens over the list of groups (`HomeEntry::kept`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::import_existing::ImportExisting;
use super::import_pick::{Imported, import_file};
use super::{Handled, Input, Screen};
use crate::store::OpenGroup;
use crate::store::unfinished::{self, Unfinished};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::draw_entry;

/// The place name in `unfinished/` for what is typed on the first screen.
const HOME: &str = "home";

/// Forgets the import path kept from the box, once the file it named
/// has been brought in (merged or replacing the group here).
pub fn forget_import_path(ctx: &Ctx) {
    if unfinished::find(&ctx.ws.data, HOME).is_some_and(|k| k.form == EntryKind::Import.form()) {
        unfinished::discard(&ctx.ws.data, HOME);
    }
}

/// Which box it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A new group's name.
    NewGroup,
    /// The path of a group file to import.
    Import,
}

impl EntryKind {
    /// The form's name in `unfinished/` (the same as the screen's name).
    fn form(self) -> &'static str {
        match self {
            EntryKind::NewGroup => "new-group",
            EntryKind::Import => "import",
        }
    }

    fn from_form(form: &str) -> Option<EntryKind> {
        [EntryKind::NewGroup, EntryKind::Import]
            .into_iter()
            .find(|kind| kind.form() == form)
    }

    fn context(self) -> Context {
        match self {
            EntryKind::NewGroup => Context::NewGroup,
            EntryKind::Import => Context::Import,
        }
    }
}

#[derive(Debug)]
pub struct HomeEntry {
    pub kind: EntryKind,
    text: TextArea<'static>,
}

impl HomeEntry {
    /// The box, with what was typed in it last time it was left.
    pub fn open(ctx: &Ctx, kind: EntryKind) -> HomeEntry {
        let kept = unfinished::find(&ctx.ws.data, HOME)
            .filter(|k| k.form == kind.form())
            .and_then(|k| k.fields.into_iter().next())
            .unwrap_or_default();
        HomeEntry {
            kind,
            text: text_box(&kept, false),
        }
    }

    /// The box left half-typed when the program last ended, if there is
    /// one, saying so: the program starts with it over the list of groups.
    pub fn kept(ctx: &mut Ctx) -> Option<HomeEntry> {
        let kept = unfinished::find(&ctx.ws.data, HOME)?;
        let kind = EntryKind::from_form(&kept.form)?;
        let text = kept.fields.first().cloned().unwrap_or_default();
        let back = ctx.keymap.label_in(kind.context(), Action::Back);
        ctx.say(
            StatusKind::Info,
            format!(
                "What you were typing on {} is back. {back} goes back to the list.",
                kept.kept.for_people()
            ),
        );
        Some(HomeEntry {
            kind,
            text: text_box(&text, false),
        })
    }

    /// What is typed now, as one line.
    pub fn typed(&self) -> String {
        self.text.lines().join(" ")
    }

    /// Enter: start the group, or bring the file in.
    fn confirm(&mut self, ctx: &mut Ctx) -> Handled {
        let typed = self.typed().trim().to_string();
        if typed.is_empty() {
            let ask = match self.kind {
                EntryKind::NewGroup => "Type the group's name first.",
                EntryKind::Import => "Type the path of the group file first.",
            };
            ctx.say(StatusKind::Warning, ask);
            return Handled::Done;
        }
        match self.kind {
            EntryKind::NewGroup => match OpenGroup::create(&ctx.ws.data, &typed, ctx.now()) {
                Ok(open) => {
                    unfinished::discard(&ctx.ws.data, HOME);
                    let opened = ctx.start_session(open);
                    ctx.say(
                        StatusKind::Info,
                        format!("Started {typed}. Who is at the keyboard?"),
                    );
                    // Who is at the keyboard, then the sections, in this
                    // box's place: Esc from them comes back to the list.
                    match opened {
                        Handled::Push(who) => Handled::Replace(who),
                        other => other,
                    }
                }
                Err(e) => {
                    ctx.say(StatusKind::Error, e.to_string());
                    Handled::Done
                }
            },
            EntryKind::Import => {
                let file = crate::paths::typed_path(&typed);
                match import_file(ctx, &file) {
                    Imported::Done => {
                        unfinished::discard(&ctx.ws.data, HOME);
                        Handled::Pop
                    }
                    // Already here: merge or replace, not an error. The
                    // path stays kept until one of them is done, so going
                    // back from the question finds it in the box again.
                    Imported::AlreadyHere(slug) => {
                        if let Err(problem) = self.flush(ctx) {
                            ctx.say(StatusKind::Warning, problem);
                        }
                        Handled::Replace(Box::new(ImportExisting::new(file, slug).typed()))
                    }
                    Imported::Failed => Handled::Done,
                }
            }
        }
    }

    /// Esc: what is typed is kept for next time, and back to the list.
    fn leave(&mut self, ctx: &mut Ctx) -> Handled {
        // The error about what was typed here (a file that would not
        // import) has been read and is left behind: it is not printed on
        // quitting as if quitting had failed.
        if ctx
            .status
            .as_ref()
            .is_some_and(|s| s.kind == StatusKind::Error)
        {
            ctx.status = None;
        }
        if let Err(problem) = self.flush(ctx) {
            ctx.say(StatusKind::Warning, problem);
        }
        Handled::Pop
    }
}

impl Screen for HomeEntry {
    fn name(&self) -> &'static str {
        self.kind.form()
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        self.kind.context()
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Back, Action::Confirm]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Back) => self.leave(ctx),
            Some(Action::Confirm) => self.confirm(ctx),
            Some(_) => Handled::NotMine,
            // One line: Enter never breaks it (with Enter bound to
            // something else in a person's keymap).
            None if input.key.code == KeyCode::Enter => Handled::Done,
            None => {
                self.text.input(input.event);
                Handled::Done
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.text.insert_str(crate::text::sanitize(text, false));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (title, prompt) = match self.kind {
            EntryKind::NewGroup => (
                "Start a new group",
                "What is the group called? You can change this later.",
            ),
            EntryKind::Import => (
                "Import a group file",
                "Type the path of the group file, for example /home/sam/Downloads/riverside.toml",
            ),
        };
        draw_entry(frame, ctx, area, title, prompt, &self.text);
    }

    /// Keeps what is typed in `unfinished/`; an empty box forgets an
    /// older copy of this same box (not the other one's).
    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        let typed = self.typed();
        let data = &ctx.ws.data;
        if typed.trim().is_empty() {
            if unfinished::find(data, HOME)
                .is_some_and(|k| k.form == self.kind.form() && k.grant.is_empty())
            {
                unfinished::discard(data, HOME);
            }
            return Ok(());
        }
        let form = Unfinished {
            form: self.kind.form().to_string(),
            grant: String::new(),
            fields: vec![typed],
            kept: ctx.now(),
        };
        unfinished::keep(data, HOME, &form)
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "could not keep the half-filled form in {}: {e}",
                    unfinished::path(data, HOME).display()
                )
            })
    }
}
