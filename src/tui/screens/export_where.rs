//! Where to save a draft (`e` on a bid): the folder last used, at first
//! `alongside` in the Documents folder (`paths::documents_folder`), ready
//! to change. Enter saves there and the status says the whole path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};

#[derive(Debug)]
pub struct ExportWhere {
    funder: String,
    folder: TextArea<'static>,
}

impl ExportWhere {
    pub fn open(ctx: &Ctx, funder: &str) -> ExportWhere {
        let mut folder = text_box(&ctx.export_dir.display().to_string(), false);
        folder.move_cursor(ratatui_textarea::CursorMove::End);
        ExportWhere {
            funder: funder.to_string(),
            folder,
        }
    }

    /// The folder as typed now.
    pub fn typed(&self) -> String {
        self.folder.lines().join("")
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
                        "Type the folder to save the draft in first.",
                    );
                    return Handled::Done;
                }
                ctx.export_dir = crate::paths::typed_path(&typed);
                ctx.export_draft(&self.funder);
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
        let prompt = format!(
            "Which folder should the draft be saved in? It is saved as a Word document, a web page, Markdown and plain text, each named after the group and the funder. The folder is made if it is not there (private to you).\n\nPress {} to save it there, or {} to go back without saving.",
            ctx.keymap.label_in(Context::ExportWhere, Action::Confirm),
            ctx.keymap.label_in(Context::ExportWhere, Action::Back),
        );
        crate::tui::view::draw_entry(frame, ctx, area, "Save the draft", &prompt, &self.folder);
    }
}
