//! Choosing between two copies' answers where they disagree (`x` on the
//! sections, after a merge). Whichever is kept, the other stays in the
//! answer's history; when none are left it goes back to the sections.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::{Handled, Input, Screen};
use crate::text::{one_line, sanitize};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

#[derive(Debug, Default)]
pub struct Conflicts {
    pub cursor: ListCursor,
}

impl Conflicts {
    /// The screen, or None (and the status says so) when no answers differ.
    pub fn open(ctx: &mut Ctx) -> Option<Conflicts> {
        let s = ctx.session.as_ref()?;
        if s.open.group.conflicts.is_empty() {
            ctx.say(StatusKind::Info, "No answers differ between copies.");
            return None;
        }
        Some(Conflicts::default())
    }

    /// The ids of the questions whose answers differ, in order.
    fn ids(ctx: &Ctx) -> Vec<String> {
        ctx.session
            .as_ref()
            .map(|s| s.open.group.conflicts.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn keep(&mut self, keep: crate::group::Keep, ctx: &mut Ctx) -> Handled {
        let now = ctx.now();
        let ids = Conflicts::ids(ctx);
        let Some(id) = ids.get(self.cursor.index()) else {
            return Handled::Done;
        };
        let Some(s) = &mut ctx.session else {
            return Handled::Done;
        };
        if s.open.read_only.is_some() {
            ctx.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be changed here.",
            );
            return Handled::Done;
        }
        match s.open.group.resolve(id, keep, now) {
            Ok(()) => {
                let left = s.open.group.conflicts.len();
                ctx.save_now();
                ctx.say(
                    StatusKind::Info,
                    format!(
                        "Kept. The other version is in the answer's history. {left} left to choose."
                    ),
                );
                if left == 0 {
                    return Handled::Pop;
                }
                self.cursor.clamp(left);
            }
            Err(e) => ctx.say(StatusKind::Error, e.to_string()),
        }
        Handled::Done
    }
}

impl Screen for Conflicts {
    fn name(&self) -> &'static str {
        "conflicts"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Conflicts
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Back,
            Action::Up,
            Action::Down,
            Action::KeepOurs,
            Action::KeepTheirs,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, Conflicts::ids(ctx).len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(Action::KeepOurs) => self.keep(crate::group::Keep::Ours, ctx),
            Some(Action::KeepTheirs) => self.keep(crate::group::Keep::Theirs, ctx),
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_conflicts(frame, ctx, area, self.cursor.index());
    }
}

fn draw_conflicts(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let group = &s.open.group;
    let conflicts: Vec<(&String, &crate::group::Conflict)> = group.conflicts.iter().collect();
    let [list_area, detail] = Layout::vertical([
        Constraint::Length((conflicts.len() as u16 + 2).min(8)),
        Constraint::Min(6),
    ])
    .areas(area);
    let items = conflicts
        .iter()
        .map(|(id, _)| {
            ListItem::new(
                app.ws
                    .bank
                    .question(id)
                    .map_or(id.to_string(), |q| one_line(&q.prompt)),
            )
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(
        list(app, items, "Answers that differ between two copies"),
        list_area,
        &mut state,
    );
    let Some((id, conflict)) = conflicts.get(cursor) else {
        return;
    };
    let question = app.ws.bank.question(id);
    let width = detail.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    for (heading, answer) in [
        ("On this computer", &conflict.ours),
        ("In the other copy", &conflict.theirs),
    ] {
        lines.push(Line::from(Span::styled(
            format!(
                "{heading} ({}, {}):",
                answer.by.label(),
                answer.at.for_people()
            ),
            t.key,
        )));
        for l in crate::text::wrap(
            &sanitize(&answer.value.display(question, app.ws.vocab), true),
            width,
        ) {
            lines.push(Line::from(Span::styled(l, t.text)));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        "Whichever you keep, the other stays in the answer's history.",
        t.dim,
    )));
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, "Which should stay?")),
        detail,
    );
}
