//! The group's grants: each with its funder, amount, dates and whether it
//! is running. Enter opens one (`grant::GrantScreen`), `a` records another
//! award.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState};

use super::award::Award;
use super::grant::GrantScreen;
use super::{Handled, Input, Screen};
use crate::text::format_pence;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{funder_name, list};

#[derive(Debug, Default)]
pub struct Grants {
    pub cursor: ListCursor,
}

impl Grants {
    /// The list, on its first grant.
    pub fn open(_ctx: &Ctx) -> Grants {
        Grants::default()
    }

    /// The list with the cursor on the grant with this id (one just
    /// recorded), or on the first.
    pub fn at(ctx: &Ctx, id: &str) -> Grants {
        let index = ids(ctx).iter().position(|g| g == id).unwrap_or(0);
        Grants {
            cursor: ListCursor::at(index),
        }
    }

    /// What the grants key does from the group's screens: the list, or,
    /// when there are no grants yet, recording the first award.
    pub fn open_or_award(ctx: &mut Ctx) -> Handled {
        let Some(s) = &ctx.session else {
            return Handled::Done;
        };
        if !s.open.group.grants.is_empty() {
            return Handled::Push(Box::new(Grants::open(ctx)));
        }
        if s.open.read_only.is_some() {
            ctx.say(StatusKind::Info, "No grants yet.");
            return Handled::Done;
        }
        ctx.say(
            StatusKind::Info,
            "No grants yet. When a funder says yes, record the award here.",
        );
        // Opened after the message, so "what you typed is back" shows.
        Handled::Push(Box::new(Award::open(ctx, true)))
    }
}

/// The ids of the group's grants, in the order they are listed.
fn ids(ctx: &Ctx) -> Vec<String> {
    ctx.session.as_ref().map_or(Vec::new(), |s| {
        s.open.group.grants.iter().map(|g| g.id.clone()).collect()
    })
}

impl Screen for Grants {
    fn name(&self) -> &'static str {
        "grants"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Grants
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Up,
            Action::Down,
            Action::Open,
            Action::Back,
            Action::RecordAward,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let ids = ids(ctx);
        if self.cursor.step(input.action, ids.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => match ids.get(self.cursor.index()) {
                Some(id) => Handled::Push(Box::new(GrantScreen::open(ctx, id))),
                None => Handled::Done,
            },
            Some(Action::Back) => Handled::Pop,
            Some(Action::RecordAward) => Handled::Push(Box::new(Award::open(ctx, false))),
            _ => Handled::NotMine,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // An award recorded over this list adds a row.
        self.cursor.clamp(ids(ctx).len());
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let t = &ctx.theme;
        let today = ctx.today();
        let items: Vec<ListItem> = s
            .open
            .group
            .grants
            .iter()
            .map(|g| {
                let state = if g.is_active(today) {
                    "running"
                } else if g.end < today {
                    "ended"
                } else {
                    "not started"
                };
                ListItem::new(Text::from(vec![
                    Line::from(Span::styled(funder_name(ctx, &g.funder), t.text)),
                    Line::from(Span::styled(
                        format!(
                            "    {}, {} to {} ({state})",
                            format_pence(g.pence),
                            g.start.for_people(),
                            g.end.for_people()
                        ),
                        t.dim,
                    )),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(self.cursor.selected(items.len()));
        frame.render_stateful_widget(list(ctx, items, "Grants"), area, &mut state);
    }
}
