//! Asking before starting next year's round (`N` on the sections).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug, Default)]
pub struct ConfirmNextYear {
    /// Enter was refused once as too soon after the last year began: the
    /// next Enter goes on anyway (as `alongside next-year --force`).
    anyway: bool,
}

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
                if ctx.start_next_year(self.anyway) {
                    Handled::Pop
                } else {
                    self.anyway = true;
                    Handled::Done
                }
            }
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_confirm_next_year(frame, ctx, area, self.anyway);
    }
}

fn draw_confirm_next_year(frame: &mut Frame, app: &Ctx, area: Rect, refused: bool) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let next = s.open.group.round + 1;
    let confirm = app.keymap.label_in(Context::Confirm, Action::Confirm);
    let back = app.keymap.label_in(Context::Confirm, Action::Back);
    let ask = match s.open.group.too_soon_for_next_year(app.today()) {
        Some(too_soon) if refused => format!(
            "Careful: {too_soon}. Press {confirm} again only if the new year really starts now, or {back} to go back."
        ),
        _ => format!("Press {confirm} to start year {next}, or {back} to go back."),
    };
    let text = format!(
        "Start year {next}?\n\nEvery answer carries forward as it is, with its history. Numbers, money, dates, membership and anything a year old are marked \"check this\", and a review takes you through just those and any questions still unanswered.\n\nThis year's record of who wrote the words is closed, so you can see the group taking over year by year.\n\n{ask}",
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(t.text)
            .wrap(Wrap { trim: true })
            .block(titled(app, "A new year")),
        area,
    );
}
