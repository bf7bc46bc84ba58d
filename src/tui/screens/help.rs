//! The keys of the screen underneath, pushed over it with F1 or `?`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug)]
pub struct Help {
    /// The screen underneath: its context and the commands it offered
    /// when help was opened.
    under: Context,
    offered: Vec<Action>,
}

impl Help {
    pub fn over(under: &dyn Screen, ctx: &Ctx) -> Help {
        Help {
            under: under.context(ctx),
            offered: under.commands(ctx),
        }
    }
}

impl Screen for Help {
    fn name(&self) -> &'static str {
        "help"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Help
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Back]
    }

    fn handle(&mut self, input: &Input, _ctx: &mut Ctx) -> Handled {
        match input.action {
            // F1 again closes it, as Esc does.
            Some(Action::Back | Action::Help) => Handled::Pop,
            Some(Action::Quit | Action::Theme) => Handled::NotMine,
            _ => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let mut lines = vec![Line::from(Span::styled("Keys on this screen", t.title))];
        for (keys, hint) in ctx.keymap.hints_for(self.under, &self.offered) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:24}"), t.key),
                Span::styled(hint, t.text),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "Everything is saved as you go. Text from files is shown safely. Press {} or {} to close this help.",
                ctx.keymap.label_in(Context::Help, Action::Back),
                ctx.keymap.label_in(Context::Help, Action::Help),
            ),
            t.dim,
        )));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(titled(ctx, "Help")),
            area,
        );
    }
}
