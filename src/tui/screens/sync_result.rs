//! Syncing the data folder with the shared copy (`share::sync`), and every
//! line of what happened. "Syncing..." is drawn first; the sync itself,
//! which may wait on the network, runs on a later tick.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::text::sanitize;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug)]
pub struct SyncResult {
    pub failed: bool,
    pub lines: Vec<String>,
    pub scroll: u16,
    /// A sync asked for and not run yet.
    pending: Option<Pending>,
}

/// Where an asked-for sync is: the event loop ticks once straight after a
/// key and again after drawing, so the second tick is the first moment
/// "Syncing..." is on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Asked,
    Shown,
}

impl SyncResult {
    /// What a sync did, shown as it is (`failed`: it stopped).
    pub fn showing(failed: bool, lines: Vec<String>) -> SyncResult {
        SyncResult {
            failed,
            lines,
            scroll: 0,
            pending: None,
        }
    }

    /// The sync key: this screen, saying "Syncing..." until the sync has
    /// run. Only where no group is open, so this program holds no lock.
    pub fn ask(ctx: &mut Ctx) -> Handled {
        if ctx.session.is_some() {
            let back = ctx.keymap.label_in(Context::Sections, Action::Back);
            ctx.say(
                StatusKind::Warning,
                format!("Close the group first ({back}), then sync from the list of groups."),
            );
            return Handled::Done;
        }
        let mut screen = SyncResult::showing(
            false,
            vec![
                "Syncing with the shared copy... (this can take a moment on a slow network)"
                    .to_string(),
            ],
        );
        screen.pending = Some(Pending::Asked);
        Handled::Push(Box::new(screen))
    }

    /// Syncs and keeps every line of what happened.
    fn sync_now(&mut self, ctx: &mut Ctx) {
        let (failed, lines) = match crate::share::sync(&ctx.ws.data, &ctx.program) {
            Ok(report) => (false, report.lines()),
            Err(e) => (true, e.to_string().lines().map(str::to_string).collect()),
        };
        // Groups, funder profiles and templates may have come in (the
        // list of groups and the caseload read theirs again when on top).
        ctx.reload_funders();
        if failed {
            ctx.say(
                StatusKind::Warning,
                "The sync stopped. Nothing was lost; the reason is above.",
            );
        } else {
            ctx.say(StatusKind::Info, "Synced.");
        }
        *self = SyncResult::showing(failed, lines);
    }
}

impl Screen for SyncResult {
    fn name(&self) -> &'static str {
        "sync-result"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::SyncResult
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Back]
    }

    fn handle(&mut self, input: &Input, _ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Back) => return Handled::Pop,
            _ => return Handled::NotMine,
        }
        Handled::Done
    }

    fn tick(&mut self, ctx: &mut Ctx, _now: std::time::Instant) {
        match self.pending {
            Some(Pending::Asked) => self.pending = Some(Pending::Shown),
            Some(Pending::Shown) => self.sync_now(ctx),
            None => {}
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let title = if self.failed {
            "Sync stopped: nothing was lost"
        } else {
            "Sync: what happened"
        };
        let style = if self.failed { t.warning } else { t.text };
        let text: Vec<Line> = self
            .lines
            .iter()
            .map(|l| Line::from(Span::styled(sanitize(l, false), style)))
            .collect();
        frame.render_widget(
            Paragraph::new(Text::from(text))
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(titled(ctx, title)),
            area,
        );
    }
}
