//! A group file brought in whose group is already here: merge the two
//! copies, or replace this one keeping it as a backup, instead of an error.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

const CHOICES: [&str; 3] = [
    "Merge with it (answers from both copies; where they differ, you choose with {conflicts})",
    "Replace it with the file (the group here is kept as a backup first)",
    "Go back, import nothing",
];

#[derive(Debug)]
pub struct ImportExisting {
    pub file: PathBuf,
    pub slug: String,
    cursor: ListCursor,
    /// The path was typed in the import box (kept there until the file is
    /// brought in), not picked from the list.
    typed: bool,
}

impl ImportExisting {
    pub fn new(file: PathBuf, slug: String) -> ImportExisting {
        ImportExisting {
            file,
            slug,
            cursor: ListCursor::default(),
            typed: false,
        }
    }

    /// Asked after a path typed in the import box: bringing the file in
    /// forgets the path kept from it.
    pub fn typed(mut self) -> ImportExisting {
        self.typed = true;
        self
    }

    fn choose(&self, ctx: &mut Ctx) -> Handled {
        let result = match self.cursor.index() {
            0 => crate::store::import_merge(&ctx.ws.data, &self.file).map(|(slug, report)| {
                let conflicts = report.map_or(0, |r| r.conflicts.len());
                if conflicts == 0 {
                    format!("Merged {} into {slug}.", self.file.display())
                } else {
                    format!(
                        "Merged {} into {slug}. {} differ between the copies: open the group and press {} to choose.",
                        self.file.display(),
                        crate::text::count(conflicts, "answer"),
                        ctx.keymap.label_in(Context::Sections, Action::Conflicts)
                    )
                }
            }),
            1 => crate::store::import(&ctx.ws.data, &self.file, true).map(|slug| {
                format!(
                    "Replaced {slug} with {}. The group as it was is a backup: alongside backups {slug} lists it.",
                    self.file.display()
                )
            }),
            _ => return Handled::Pop,
        };
        match result {
            // The list of groups reads the group again when it is on top.
            Ok(done) => {
                if self.typed {
                    super::home_entry::forget_import_path(ctx);
                }
                ctx.say(StatusKind::Info, done);
                Handled::Pop
            }
            Err(e) => {
                ctx.say(StatusKind::Error, e.to_string());
                Handled::Done
            }
        }
    }
}

impl Screen for ImportExisting {
    fn name(&self) -> &'static str {
        "import-existing"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::ImportExisting
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Open, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, CHOICES.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => self.choose(ctx),
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let [ask, choices] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(5)]).areas(area);
        let text = format!(
            "The group in {} is already here ({}). What should happen?",
            crate::text::sanitize(&self.file.display().to_string(), false),
            crate::text::sanitize(&self.slug, false)
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(ctx.theme.text)
                .wrap(Wrap { trim: true }),
            ask,
        );
        // The key that opens the choosing, as this person's keymap has it.
        let conflicts = ctx.keymap.label_in(Context::Sections, Action::Conflicts);
        let items = CHOICES
            .iter()
            .map(|c| ListItem::new(c.replace("{conflicts}", &conflicts)))
            .collect();
        let mut state = ListState::default().with_selected(Some(self.cursor.index()));
        frame.render_stateful_widget(
            list(ctx, items, "This group is already here"),
            choices,
            &mut state,
        );
    }
}
