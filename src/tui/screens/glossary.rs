//! Funders' words in plain English, pushed over any screen with F5.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::{Handled, Input, Screen};
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

#[derive(Debug, Default)]
pub struct Glossary {
    pub cursor: ListCursor,
}

impl Screen for Glossary {
    fn name(&self) -> &'static str {
        "glossary"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Glossary
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Back]
    }

    fn handle(&mut self, input: &Input, _ctx: &mut Ctx) -> Handled {
        let terms = crate::bank::glossary::glossary().len();
        if self.cursor.step(input.action, terms) {
            return Handled::Done;
        }
        match input.action {
            // F5 again closes it, as Esc does.
            Some(Action::Back | Action::Glossary) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let terms = crate::bank::glossary::glossary();
        let cursor = self.cursor.index();
        let [list_area, detail] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area);
        let items = terms
            .iter()
            .map(|term| ListItem::new(one_line(&term.term)))
            .collect();
        let mut state = ListState::default().with_selected(Some(cursor));
        frame.render_stateful_widget(
            list(ctx, items, "Funders' words in plain English"),
            list_area,
            &mut state,
        );
        if let Some(term) = terms.get(cursor) {
            let width = detail.width.saturating_sub(2) as usize;
            let mut lines: Vec<Line> = crate::text::wrap(&one_line(&term.meaning), width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.text)))
                .collect();
            for l in crate::text::wrap(
                &format!("Where you see it: {}", one_line(&term.found)),
                width,
            ) {
                lines.push(Line::from(Span::styled(l, t.dim)));
            }
            frame.render_widget(Paragraph::new(lines).block(titled(ctx, &term.term)), detail);
        }
    }
}
