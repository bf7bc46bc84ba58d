//! The support worker's caseload: every group in the data folder with what
//! needs attention (`share::caseload`). Enter opens a group, `s` syncs the
//! data folder with the shared copy.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::sync_result::SyncResult;
use super::{Handled, Input, Screen};
use crate::share::caseload;
use crate::text::sanitize;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

#[derive(Debug)]
pub struct Caseload {
    pub list: caseload::Caseload,
    pub cursor: ListCursor,
}

impl Caseload {
    pub fn open(ctx: &Ctx) -> Caseload {
        Caseload {
            list: Self::read(ctx),
            cursor: ListCursor::default(),
        }
    }

    fn read(ctx: &Ctx) -> caseload::Caseload {
        caseload::caseload(&ctx.ws.data, ctx.ws.bank, ctx.catalogue(), ctx.today())
    }
}

impl Screen for Caseload {
    fn name(&self) -> &'static str {
        "caseload"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Caseload
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Up,
            Action::Down,
            Action::Open,
            Action::Back,
            Action::Sync,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.list.groups.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => match self.list.groups.get(self.cursor.index()) {
                // The group opens at the bottom of the stack, as from the
                // list of groups: Esc from its sections closes it.
                Some(g) => {
                    ctx.open_on_base = Some(g.slug.clone());
                    Handled::Pop
                }
                None => Handled::Done,
            },
            Some(Action::Sync) => SyncResult::ask(ctx),
            Some(Action::Back) => Handled::Pop,
            _ => Handled::NotMine,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // A sync may have brought groups in or changed them.
        let slug = self
            .list
            .groups
            .get(self.cursor.index())
            .map(|g| g.slug.clone());
        self.list = Self::read(ctx);
        let at = slug.and_then(|slug| self.list.groups.iter().position(|g| g.slug == slug));
        self.cursor = ListCursor::at(at.unwrap_or(0));
        self.cursor.clamp(self.list.groups.len());
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let groups = &self.list.groups;
        if groups.is_empty() {
            frame.render_widget(
                Paragraph::new("There are no groups in this data folder yet.")
                    .style(t.text)
                    .block(titled(ctx, "Caseload")),
                area,
            );
            return;
        }
        let needing = groups.iter().filter(|g| g.needs_attention()).count();
        let width = area.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = groups
            .iter()
            .map(|g| {
                let mut lines = Vec::new();
                for (n, text) in g.lines().into_iter().enumerate() {
                    let style = match n {
                        0 => t.text,
                        1 if g.needs_attention() => t.warning,
                        _ => t.dim,
                    };
                    for (m, part) in crate::text::wrap(&sanitize(&text, false), width)
                        .into_iter()
                        .enumerate()
                    {
                        let part = if m > 0 { format!("    {part}") } else { part };
                        lines.push(Line::from(Span::styled(part, style)));
                    }
                }
                ListItem::new(Text::from(lines))
            })
            .collect();
        let mut state = ListState::default().with_selected(self.cursor.selected(groups.len()));
        let title = format!(
            "Caseload: {}, {needing} needing attention",
            crate::text::count(groups.len(), "group")
        );
        frame.render_stateful_widget(list(ctx, items, &title), area, &mut state);
    }
}
