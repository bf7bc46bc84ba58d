//! A grant's evidence log, entry by entry with its id
//! (`monitoring::evidence::list`), to correct or remove an entry; below
//! it, the history of corrections (`evidence::history`): what each entry
//! said before it was changed or removed. Removing asks first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::confirm_remove::ConfirmRemove;
use super::entry::EntryForm;
use super::grant_form;
use super::{Handled, Input, Screen};
use crate::group::CorrectionKind;
use crate::monitoring::evidence;
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

#[derive(Debug)]
pub struct Evidence {
    pub grant: String,
    pub cursor: ListCursor,
    /// The entry the person asked to remove, waiting for yes.
    pub removing: ConfirmRemove<String>,
}

impl Evidence {
    pub fn open(_ctx: &Ctx, grant: &str) -> Evidence {
        Evidence {
            grant: grant.to_string(),
            cursor: ListCursor::default(),
            removing: ConfirmRemove::default(),
        }
    }

    fn entries(&self, ctx: &Ctx) -> Vec<evidence::Entry> {
        grant_form::grant(ctx, &self.grant).map_or_else(Vec::new, evidence::list)
    }

    fn remove(&mut self, ctx: &mut Ctx, id: &str) {
        let doing = grant_form::doing(ctx);
        grant_form::change_grant(ctx, &self.grant, |g| {
            evidence::remove(g, id, doing).map(|logged| logged.said)
        });
        let len = self.entries(ctx).len();
        self.cursor.clamp(len);
    }
}

impl Screen for Evidence {
    fn name(&self) -> &'static str {
        "evidence"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        self.removing.context(Context::Evidence)
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        self.removing.commands().unwrap_or_else(|| {
            vec![
                Action::Up,
                Action::Down,
                Action::EditLine,
                Action::DeleteLine,
                Action::Back,
            ]
        })
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.removing.asking() {
            if let Some(id) = self.removing.answer(input, ctx) {
                self.remove(ctx, &id);
            }
            return Handled::Done;
        }
        let entries = self.entries(ctx);
        if self.cursor.step(input.action, entries.len()) {
            return Handled::Done;
        }
        let selected = entries.get(self.cursor.index()).map(|e| e.id.clone());
        match (input.action, selected) {
            (Some(Action::Back), _) => Handled::Pop,
            (Some(Action::EditLine), Some(id)) => match EntryForm::open(ctx, &self.grant, &id) {
                Some(form) => Handled::Push(Box::new(form)),
                None => Handled::Done,
            },
            (Some(Action::DeleteLine), Some(id)) => {
                self.removing.ask(id);
                Handled::Done
            }
            (Some(Action::EditLine | Action::DeleteLine), None) => Handled::Done,
            _ => Handled::NotMine,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        let len = self.entries(ctx).len();
        self.cursor.clamp(len);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let Some(grant) = grant_form::grant(ctx, &self.grant) else {
            return;
        };
        let entries = evidence::list(grant);
        let history = evidence::history(grant);
        let shown = history.len().min(3) as u16;
        let [body, old, below] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(if history.is_empty() { 0 } else { shown + 2 }),
            Constraint::Length(2),
        ])
        .areas(area);
        let width = body.width.saturating_sub(6) as usize;
        let cut = |s: String| -> String { s.chars().take(width).collect() };
        if entries.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "Nothing is logged for this grant yet.",
                    t.text,
                ))
                .block(titled(ctx, "The log")),
                body,
            );
        } else {
            let items: Vec<ListItem> = entries
                .iter()
                .map(|e| {
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{:<10} ", one_line(&e.id)), t.dim),
                        Span::styled(cut(one_line(&e.summary)), t.text),
                    ]))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(self.cursor.index()));
            let title = format!(
                "The log: {} ({} to correct, {} to remove)",
                match entries.len() {
                    1 => "1 entry".to_string(),
                    n => format!("{n} entries"),
                },
                ctx.keymap.label_in(Context::Evidence, Action::EditLine),
                ctx.keymap.label_in(Context::Evidence, Action::DeleteLine),
            );
            frame.render_stateful_widget(list(ctx, items, &title), body, &mut state);
        }
        if !history.is_empty() {
            let lines: Vec<Line> = history
                .iter()
                .rev()
                .take(shown as usize)
                .map(|h| {
                    let change = match h.change {
                        CorrectionKind::Edited => "changed",
                        CorrectionKind::Removed => "removed",
                    };
                    Line::from(Span::styled(
                        cut(format!(
                            "{} {change} {}; it said {}",
                            one_line(&h.entry),
                            h.at.local_day().for_people(),
                            one_line(&h.was)
                        )),
                        t.dim,
                    ))
                })
                .collect();
            frame.render_widget(
                Paragraph::new(lines).block(titled(
                    ctx,
                    &format!(
                        "History: {} kept",
                        crate::text::count(history.len(), "earlier version")
                    ),
                )),
                old,
            );
        }
        self.removing.draw(frame, below, ctx, |id| {
            format!("Remove {id} from the log and from every return? It stays in the history.")
        });
    }
}
