//! Asking before starting next year's round (`N` on the sections).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug, Default)]
pub struct ConfirmNextYear;

impl Screen for ConfirmNextYear {
    fn name(&self) -> &'static str {
        "confirm-next-year"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Confirm
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Confirm, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Confirm) => {
                ctx.start_next_year();
                Handled::Pop
            }
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_confirm_next_year(frame, ctx, area);
    }
}

fn draw_confirm_next_year(frame: &mut Frame, app: &Ctx, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let next = s.open.group.round + 1;
    let text = format!(
        "Start year {next}?\n\nEvery answer carries forward as it is, with its history. Numbers, money, dates, membership and anything a year old are marked \"check this\", and a review takes you through just those and any questions still unanswered.\n\nThis year's record of who wrote the words is closed, so you can see the group taking over year by year.\n\nPress {confirm} to start year {next}, or {back} to go back.",
        confirm = app.keymap.label_in(Context::Confirm, Action::Confirm),
        back = app.keymap.label_in(Context::Confirm, Action::Back),
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(t.text)
            .wrap(Wrap { trim: true })
            .block(titled(app, "A new year")),
        area,
    );
}
