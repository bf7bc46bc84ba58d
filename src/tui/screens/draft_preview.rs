//! The draft as it will read, or the checks before sending, opened over
//! the bid (`p` or `c`); Up and Down scroll, Esc goes back to the bid on
//! the question it was on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Handled, Input, Screen};
use crate::text::sanitize;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::{titled, wrap_keeping_indent};

#[derive(Debug)]
pub struct DraftPreview {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

impl DraftPreview {
    pub fn new(title: String, text: String) -> DraftPreview {
        DraftPreview {
            title,
            text,
            scroll: 0,
        }
    }
}

impl Screen for DraftPreview {
    fn name(&self) -> &'static str {
        "draft-preview"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::DraftPreview
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Back]
    }

    fn handle(&mut self, input: &Input, _ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Back) => return Handled::Pop,
            Some(_) => return Handled::NotMine,
            None => {}
        }
        Handled::Done
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_preview(frame, ctx, area, &self.title, &self.text, self.scroll);
    }
}

fn draw_preview(frame: &mut Frame, app: &Ctx, area: Rect, title: &str, text: &str, scroll: u16) {
    // Wrapped keeping each line's indentation, so no wrapped line starts
    // with the space it was broken at.
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = wrap_keeping_indent(&sanitize(text, true), width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, app.theme.text)))
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(titled(app, title)),
        area,
    );
}
