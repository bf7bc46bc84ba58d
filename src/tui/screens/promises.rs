//! A grant's promises: each outcome line with its measure, the target and
//! the result so far (`monitoring::promise_results`), to add, change or
//! remove. Removing asks first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::confirm_remove::ConfirmRemove;
use super::grant_form;
use super::promise::PromiseForm;
use super::{Handled, Input, Screen};
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

#[derive(Debug)]
pub struct Promises {
    pub grant: String,
    pub cursor: ListCursor,
    /// The promise (from 1) the person asked to remove, waiting for yes.
    pub removing: ConfirmRemove<usize>,
}

impl Promises {
    pub fn open(_ctx: &Ctx, grant: &str) -> Promises {
        Promises {
            grant: grant.to_string(),
            cursor: ListCursor::default(),
            removing: ConfirmRemove::default(),
        }
    }

    fn count(&self, ctx: &Ctx) -> usize {
        grant_form::grant(ctx, &self.grant).map_or(0, |g| g.promises.len())
    }

    fn remove(&mut self, ctx: &mut Ctx, number: usize) {
        grant_form::change_grant(ctx, &self.grant, |g| {
            crate::monitoring::remove_promise(g, number)
                .map(|p| format!("Removed promise {number}: {}", one_line(&p.what)))
        });
        let len = self.count(ctx);
        self.cursor.clamp(len);
    }
}

impl Screen for Promises {
    fn name(&self) -> &'static str {
        "promises"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        self.removing.context(Context::Promises)
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        self.removing.commands().unwrap_or_else(|| {
            vec![
                Action::Up,
                Action::Down,
                Action::AddLine,
                Action::EditLine,
                Action::DeleteLine,
                Action::Back,
            ]
        })
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.removing.asking() {
            if let Some(number) = self.removing.answer(input, ctx) {
                self.remove(ctx, number);
            }
            return Handled::Done;
        }
        let count = self.count(ctx);
        if self.cursor.step(input.action, count) {
            return Handled::Done;
        }
        let number = self.cursor.index() + 1;
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(Action::AddLine) => Handled::Push(Box::new(PromiseForm::add(ctx, &self.grant))),
            Some(Action::EditLine) if count > 0 => {
                match PromiseForm::edit(ctx, &self.grant, number) {
                    Some(form) => Handled::Push(Box::new(form)),
                    None => Handled::Done,
                }
            }
            Some(Action::DeleteLine) if count > 0 => {
                self.removing.ask(number);
                Handled::Done
            }
            Some(Action::EditLine | Action::DeleteLine) => Handled::Done,
            _ => Handled::NotMine,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        let len = self.count(ctx);
        self.cursor.clamp(len);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let Some(grant) = grant_form::grant(ctx, &self.grant) else {
            return;
        };
        let rows = crate::monitoring::promise_results(grant, ctx.today());
        let [intro, body, below] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "What grant {} pays for, each with what is counted and the result so far.",
                    one_line(&grant.id)
                ),
                t.dim,
            ))
            .wrap(Wrap { trim: true }),
            intro,
        );
        let width = body.width.saturating_sub(6) as usize;
        let cut = |s: String| -> String { s.chars().take(width).collect() };
        let items: Vec<ListItem> = rows
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let counted = match (&p.measure, p.target) {
                    (Some(m), Some(target)) => {
                        format!("{}: {} of {target}", one_line(m), p.achieved.unwrap_or(0))
                    }
                    (Some(m), None) => {
                        format!("{}: {} (no target)", one_line(m), p.achieved.unwrap_or(0))
                    }
                    (None, _) => "no measure yet: the return will say so".to_string(),
                };
                ListItem::new(Text::from(vec![
                    Line::from(Span::styled(
                        cut(format!("{}. {}", i + 1, one_line(&p.what))),
                        t.text,
                    )),
                    Line::from(Span::styled(cut(format!("   {counted}")), t.dim)),
                ]))
            })
            .collect();
        if items.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "No promises yet. Press {} to add the first: one short line for each outcome this grant pays for.",
                        ctx.keymap.label_in(Context::Promises, Action::AddLine)
                    ),
                    t.text,
                ))
                .wrap(Wrap { trim: true })
                .block(crate::tui::view::titled(ctx, "Promises")),
                body,
            );
        } else {
            let mut state = ListState::default().with_selected(Some(self.cursor.index()));
            frame.render_stateful_widget(list(ctx, items, "Promises"), body, &mut state);
        }
        self.removing.draw(frame, below, ctx, |number| {
            format!("Remove promise {number}?")
        });
    }
}
