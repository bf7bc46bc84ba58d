//! Who is at the keyboard: the group, the supporter, or both together.
//! Asked first when a group opens (the sections take its place), and over
//! any screen of the group with F2; every answer records who gave it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::{Handled, Input, Screen};
use crate::group::Author;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

#[derive(Debug)]
pub struct Who {
    pub cursor: ListCursor,
    /// The screen that takes this one's place once it is answered (the
    /// sections, when a group opens); None: back to the screen under it.
    then: Option<Box<dyn Screen>>,
}

impl Who {
    /// With the cursor on this author.
    pub fn on(author: Author) -> Who {
        Who {
            cursor: ListCursor::at(Author::ALL.iter().position(|a| *a == author).unwrap_or(0)),
            then: None,
        }
    }

    /// Asked before `then`, which takes this screen's place whether it is
    /// answered or left with Esc (the author stays as it was).
    pub fn before(author: Author, then: Box<dyn Screen>) -> Who {
        Who {
            then: Some(then),
            ..Who::on(author)
        }
    }

    /// Where the stack goes once this screen is done.
    fn done(&mut self) -> Handled {
        match self.then.take() {
            Some(next) => Handled::Replace(next),
            None => Handled::Pop,
        }
    }
}

impl Screen for Who {
    fn name(&self) -> &'static str {
        "who"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Who
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Open, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, Author::ALL.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => {
                let chosen = Author::ALL[self.cursor.index().min(Author::ALL.len() - 1)];
                if let Some(s) = &mut ctx.session {
                    s.author = chosen;
                }
                ctx.say(
                    StatusKind::Info,
                    format!("Answers will be recorded as given by {}.", chosen.label()),
                );
                self.done()
            }
            Some(Action::Back) => self.done(),
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_who(frame, ctx, area, self.cursor.index());
    }
}

fn draw_who(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
    let [intro, choices] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(5)]).areas(area);
    let text = "Who is at the keyboard? Each answer records who gave it, so you can both see the group's own words grow. \
You can change this at any time.";
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.text)
            .wrap(Wrap { trim: true }),
        intro,
    );
    let labels = [
        "The group (a member is typing)",
        "The supporter (the support worker is typing)",
        "Together (working it out side by side)",
    ];
    let items = labels.iter().map(|l| ListItem::new(*l)).collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "Who is typing?"), choices, &mut state);
}
