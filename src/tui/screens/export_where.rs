//! Where to save a draft (`e` on a bid) or a grant's return (`e` on the
//! return): the folder last used, at first `alongside` in the Documents
//! folder (`paths::documents_folder`), ready to change. Enter saves there
//! and the status says the whole path. One screen for both, so the two
//! ask the same question and remember the same folder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};

/// What is being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saving {
    /// The draft bid for this funder: saved here, by `Ctx::export_draft`.
    Draft { funder: String },
    /// A grant's return, named as people know it ("interim return"): the
    /// return screen under this one saves it when it is on top again
    /// (`Ctx::folder_chosen`), since it holds the reason and the list of
    /// files it shows.
    Return { label: &'static str },
}

#[derive(Debug)]
pub struct ExportWhere {
    pub saving: Saving,
    folder: TextArea<'static>,
}

impl ExportWhere {
    pub fn open(ctx: &Ctx, saving: Saving) -> ExportWhere {
        let mut folder = text_box(&ctx.export_dir.display().to_string(), false);
        folder.move_cursor(ratatui_textarea::CursorMove::End);
        ExportWhere { saving, folder }
    }

    /// The folder as typed now.
    pub fn typed(&self) -> String {
        self.folder.lines().join("")
    }

    fn what(&self) -> &'static str {
        match &self.saving {
            Saving::Draft { .. } => "draft",
            Saving::Return { label } => label,
        }
    }
}

impl Screen for ExportWhere {
    fn name(&self) -> &'static str {
        "export-where"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::ExportWhere
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Confirm, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Confirm) => {
                let typed = self.typed();
                if typed.trim().is_empty() {
                    ctx.say(
                        StatusKind::Warning,
                        format!("Type the folder to save the {} in first.", self.what()),
                    );
                    return Handled::Done;
                }
                ctx.export_dir = crate::paths::typed_path(&typed);
                match &self.saving {
                    Saving::Draft { funder } => ctx.export_draft(funder),
                    Saving::Return { .. } => ctx.folder_chosen = true,
                }
                Handled::Pop
            }
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => {
                self.folder.input(input.event);
                Handled::Done
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.folder.insert_str(crate::text::one_line(text));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let named = match &self.saving {
            Saving::Draft { .. } => "the group and the funder",
            Saving::Return { .. } => "the group, the grant and the kind of return",
        };
        let prompt = format!(
            "Which folder should the {what} be saved in? It is saved as a Word document, a web page, Markdown and plain text, each named after {named}. The folder is made if it is not there (private to you).\n\nPress {} to save it there, or {} to go back without saving.",
            ctx.keymap.label_in(Context::ExportWhere, Action::Confirm),
            ctx.keymap.label_in(Context::ExportWhere, Action::Back),
            what = self.what(),
        );
        crate::tui::view::draw_entry(
            frame,
            ctx,
            area,
            &format!("Save the {}", self.what()),
            &prompt,
            &self.folder,
        );
    }
}
