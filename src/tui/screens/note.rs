//! Writing the coaching note on a question (F6), pushed over a section's
//! questions or an answer. Esc saves it and goes back; every way out of
//! the program keeps it too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::draw_text_box;

#[derive(Debug)]
pub struct Note {
    pub text: TextArea<'static>,
    /// The question's id.
    pub question: String,
}

impl Note {
    pub fn open(question: &str, current: &str) -> Note {
        Note {
            text: text_box(current, true),
            question: question.to_string(),
        }
    }

    fn typed(&self) -> String {
        self.text.lines().join("\n")
    }
}

impl Screen for Note {
    fn name(&self) -> &'static str {
        "note"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Note
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Back, Action::Save]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Save) => {
                ctx.save_note(&self.question, &self.typed());
                Handled::Done
            }
            Some(Action::Back) => {
                ctx.save_note(&self.question, &self.typed());
                Handled::Pop
            }
            Some(_) => Handled::NotMine,
            None => {
                self.text.input(input.event);
                Handled::Done
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.text
            .insert_str(crate::text::sanitize(&text.replace("\r\n", "\n"), true));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_note(frame, ctx, area, &self.text, &self.question);
    }

    /// The note goes into the group; the save after the flush writes it.
    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        ctx.note_into_group(&self.question, &self.typed());
        Ok(())
    }
}

fn draw_note(frame: &mut Frame, app: &Ctx, area: Rect, text: &TextArea<'_>, question: &str) {
    let t = &app.theme;
    let prompt = app
        .ws
        .bank
        .question(question)
        .map_or(question.to_string(), |q| one_line(&q.prompt));
    let [ask, boxed] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(format!("A coaching note on: {prompt}"), t.title)),
            Line::from(Span::styled("The group sees it beside the question. It never goes into a draft. Leave it empty to remove it.", t.dim)),
        ])
        .wrap(Wrap { trim: true }),
        ask,
    );
    draw_text_box(frame, app, boxed, text, "Note");
}
