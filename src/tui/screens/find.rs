//! Finding a question by the words in it, pushed over the sections, a
//! section's questions or an answer (`/` or Ctrl+F). Enter opens the
//! question in its place; Esc goes back to where it was opened.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{ListItem, ListState, Paragraph};
use ratatui_textarea::TextArea;

use super::answer::Answer;
use super::{Handled, Input, Screen};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{NO_MARK, answer_mark, draw_text_box, list, question_item};

#[derive(Debug)]
pub struct Find {
    pub query: TextArea<'static>,
    pub cursor: ListCursor,
}

impl Default for Find {
    fn default() -> Find {
        Find {
            query: text_box("", false),
            cursor: ListCursor::default(),
        }
    }
}

impl Find {
    fn words(&self) -> String {
        self.query.lines().join(" ")
    }
}

impl Screen for Find {
    fn name(&self) -> &'static str {
        "find"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Find
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Open, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let found = ctx.find_questions(&self.words());
        if self.cursor.step(input.action, found.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(Action::Open) => {
                let chosen = self
                    .cursor
                    .selected(found.len())
                    .and_then(|i| found.get(i))
                    .map(|q| q.id.clone());
                match chosen {
                    // The question opens in place of this screen: Esc
                    // there goes back to where find was opened.
                    Some(id) => match Answer::over(ctx, &id) {
                        Handled::Push(answer) => Handled::Replace(answer),
                        other => other,
                    },
                    None => {
                        ctx.say(
                            StatusKind::Info,
                            "No question has those words. Try fewer or other words.",
                        );
                        Handled::Done
                    }
                }
            }
            Some(_) => Handled::NotMine,
            None if input.key.code == ratatui::crossterm::event::KeyCode::Enter => Handled::Done,
            None => {
                if self.query.input(input.event) {
                    self.cursor = ListCursor::default();
                }
                Handled::Done
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.query
            .insert_str(crate::text::one_line(&crate::text::sanitize(text, false)));
        self.cursor = ListCursor::default();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_find(frame, ctx, area, &self.query, self.cursor.index());
    }
}

fn draw_find(frame: &mut Frame, app: &Ctx, area: Rect, query: &TextArea<'_>, cursor: usize) {
    let t = &app.theme;
    let [ask, boxed, results] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "Type words from the question you want, then {}.",
                app.keymap.label_in(Context::Find, Action::Open)
            ),
            t.text,
        )),
        ask,
    );
    draw_text_box(frame, app, boxed, query, "Find a question");
    let found = app.find_questions(&query.lines().join(" "));
    let items: Vec<ListItem> = found
        .iter()
        .map(|q| {
            let mark = app
                .session
                .as_ref()
                .map_or(NO_MARK, |s| answer_mark(&s.open.group, &q.id));
            question_item(app, mark, &q.prompt, results.width)
        })
        .collect();
    let title = crate::text::count(found.len(), "question");
    let mut state = ListState::default()
        .with_selected((!found.is_empty()).then_some(cursor.min(found.len().saturating_sub(1))));
    frame.render_stateful_widget(list(app, items, &title), results, &mut state);
}
