//! One section's questions that apply to the group, each marked answered
//! or not, with the answer under the cursor (and its coaching note) below.
//! Enter opens the answer editor on the question; the keys the sections
//! share are `sections::on_the_lists`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::answer::Answer;
use super::sections::{ON_THE_LISTS, on_the_lists};
use super::{Handled, Input, Screen};
use crate::bank::Question;
use crate::text::{one_line, sanitize};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{answer_mark, list, question_item, titled, wrap_keeping_indent};

#[derive(Debug)]
pub struct Questions {
    /// The section's id.
    pub section: String,
    /// The questions shown, by id: which apply can change while this
    /// screen is under another (an answer given), and the cursor stays on
    /// the same question.
    ids: Vec<String>,
    pub cursor: ListCursor,
}

impl Questions {
    /// A section's questions, on the first.
    pub fn open(ctx: &Ctx, section: &str) -> Questions {
        Questions {
            section: section.to_string(),
            ids: applying(ctx, section),
            cursor: ListCursor::default(),
        }
    }

    /// The ids of the questions listed, in order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The id of the question under the cursor.
    pub fn selected(&self) -> Option<&str> {
        let i = self.cursor.selected(self.ids.len())?;
        Some(self.ids[i].as_str())
    }
}

/// The ids of a section's questions that apply to the open group, in
/// bank order.
fn applying(ctx: &Ctx, section: &str) -> Vec<String> {
    let Some(s) = &ctx.session else {
        return Vec::new();
    };
    ctx.ws
        .bank
        .in_section(section)
        .filter(|q| s.open.group.applies(q))
        .map(|q| q.id.clone())
        .collect()
}

impl Screen for Questions {
    fn name(&self) -> &'static str {
        "questions"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Questions
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        let mut offered = vec![Action::Up, Action::Down, Action::Open, Action::Back];
        offered.extend(ON_THE_LISTS);
        offered.push(Action::Note);
        offered
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.ids.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => match self.selected() {
                Some(id) => {
                    let id = id.to_string();
                    Answer::over(ctx, &id)
                }
                None => Handled::Done,
            },
            Some(Action::Back) => Handled::Pop,
            Some(Action::Note) => match self.selected() {
                Some(id) => {
                    let id = id.to_string();
                    ctx.note_on(&id)
                }
                None => Handled::Done,
            },
            other => on_the_lists(other, ctx),
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // An answer given over this screen can make questions apply or
        // stop applying: the cursor stays on its question when it can.
        let was = self.selected().map(str::to_string);
        self.ids = applying(ctx, &self.section);
        match was.and_then(|id| self.ids.iter().position(|i| *i == id)) {
            Some(at) => self.cursor = ListCursor::at(at),
            None => self.cursor.clamp(self.ids.len()),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let Some(section) = ctx.ws.bank.section(&self.section) else {
            return;
        };
        let t = &ctx.theme;
        let questions: Vec<&Question> = self
            .ids
            .iter()
            .filter_map(|id| ctx.ws.bank.question(id))
            .collect();
        let [intro, body, preview] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(5),
            Constraint::Length(6),
        ])
        .areas(area);
        // From the second year on, each section opens by asking what changed.
        let intro_text = match (&section.changes_prompt, s.open.group.round > 1) {
            (Some(prompt), true) => one_line(prompt),
            _ => one_line(&section.intro),
        };
        frame.render_widget(
            Paragraph::new(intro_text)
                .style(t.dim)
                .wrap(Wrap { trim: true }),
            intro,
        );
        let items: Vec<ListItem> = questions
            .iter()
            .map(|q| {
                question_item(
                    ctx,
                    answer_mark(&s.open.group, &q.id),
                    &q.prompt,
                    body.width,
                )
            })
            .collect();
        let selected = self.cursor.selected(questions.len());
        let mut state = ListState::default().with_selected(selected);
        frame.render_stateful_widget(list(ctx, items, &section.title), body, &mut state);
        let current = selected.and_then(|i| questions.get(i).copied());
        let mut preview_text =
            match current.and_then(|q| s.open.group.answers.get(&q.id).map(|a| (q, a))) {
                Some((q, a)) => {
                    let answer = sanitize(&a.value.display(Some(q), ctx.ws.vocab), true);
                    let first: Vec<&str> = answer.lines().take(3).collect();
                    let width = preview.width.saturating_sub(2) as usize;
                    let mut lines: Vec<Line> = wrap_keeping_indent(&first.join("\n"), width)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, t.text)))
                        .collect();
                    lines.push(Line::from(Span::styled(
                        format!("-- {}, {}", a.by.label(), a.at.for_people()),
                        t.dim,
                    )));
                    lines
                }
                None => vec![Line::from(Span::styled(
                    format!(
                        "Not answered yet. Press {} to answer.",
                        ctx.keymap.label_in(Context::Questions, Action::Open)
                    ),
                    t.dim,
                ))],
            };
        if let Some(note) = current.and_then(|q| s.open.group.note(&q.id)) {
            let width = preview.width.saturating_sub(2) as usize;
            for (i, l) in crate::text::wrap(&format!("Note: {}", one_line(note)), width)
                .into_iter()
                .enumerate()
            {
                preview_text.insert(i, Line::from(Span::styled(l, t.warning)));
            }
        }
        frame.render_widget(
            Paragraph::new(preview_text).block(titled(ctx, "Answer")),
            preview,
        );
    }
}
