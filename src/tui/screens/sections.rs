//! The open group's sections: how much of each is answered, under the
//! group's progress, its funders, grants and year. The first of the
//! group's screens, over the list of groups: Esc saves and closes the
//! group. `on_the_lists` is what the sections and a section's questions
//! both do with the keys they share.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::answer::Answer;
use super::conflicts::Conflicts;
use super::funders::Funders;
use super::grants::Grants;
use super::next_year::ConfirmNextYear;
use super::progress::Progress;
use super::questions::Questions;
use super::who::Who;
use super::words::Words;
use super::{Handled, Input, Screen};
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{funders_summary, grants_summary, list, year_summary};

#[derive(Debug, Default)]
pub struct Sections {
    pub cursor: ListCursor,
}

impl Sections {
    /// On the first section.
    pub fn open(_ctx: &Ctx) -> Sections {
        Sections::default()
    }

    /// The id of the section under the cursor.
    pub fn selected<'a>(&self, ctx: &'a Ctx) -> Option<&'a str> {
        let sections = &ctx.ws.bank.sections;
        let i = self.cursor.selected(sections.len())?;
        Some(sections[i].id.as_str())
    }
}

/// The keys the sections and a section's questions share: who is typing,
/// the next question without an answer, the funders, find, the grants, a
/// review, the group's own words, undo and redo. NotMine for any other.
pub(super) fn on_the_lists(action: Option<Action>, ctx: &mut Ctx) -> Handled {
    match action {
        Some(Action::SwitchAuthor) => match &ctx.session {
            Some(s) => Handled::Push(Box::new(Who::on(s.author))),
            None => Handled::Done,
        },
        Some(Action::NextUnanswered) => Answer::first_unanswered(ctx),
        Some(Action::Review) => Answer::start_review(ctx),
        Some(Action::Funders) => Handled::Push(Box::new(Funders::open(ctx))),
        Some(Action::Find) => Handled::Push(Box::<super::find::Find>::default()),
        Some(Action::Grants) => Grants::open_or_award(ctx),
        Some(Action::Words) => Handled::Push(Box::<Words>::default()),
        Some(Action::UndoAnswer) => {
            ctx.undo_answer();
            Handled::Done
        }
        Some(Action::Redo) => {
            ctx.redo_answer();
            Handled::Done
        }
        _ => Handled::NotMine,
    }
}

/// What `on_the_lists` answers to, in the order of the keymap.
pub(super) const ON_THE_LISTS: [Action; 9] = [
    Action::Funders,
    Action::SwitchAuthor,
    Action::NextUnanswered,
    Action::Find,
    Action::Words,
    Action::UndoAnswer,
    Action::Redo,
    Action::Grants,
    Action::Review,
];

impl Screen for Sections {
    fn name(&self) -> &'static str {
        "sections"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Sections
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        let mut offered = vec![Action::Up, Action::Down, Action::Open, Action::Back];
        offered.extend(ON_THE_LISTS);
        offered.extend([Action::NextYear, Action::Conflicts, Action::Progress]);
        offered
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, ctx.ws.bank.sections.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => match self.selected(ctx) {
                Some(id) => {
                    let id = id.to_string();
                    Handled::Push(Box::new(Questions::open(ctx, &id)))
                }
                None => Handled::Done,
            },
            // A group that could not be saved stays open (the status says
            // why, and quitting offers to save a copy elsewhere).
            Some(Action::Back) if ctx.close_group() => Handled::Pop,
            Some(Action::Back) => Handled::Done,
            Some(Action::NextYear) => Handled::Push(Box::<ConfirmNextYear>::default()),
            Some(Action::Conflicts) => match Conflicts::open(ctx) {
                Some(conflicts) => Handled::Push(Box::new(conflicts)),
                None => Handled::Done,
            },
            Some(Action::Progress) => Handled::Push(Box::new(Progress::open(ctx))),
            other => on_the_lists(other, ctx),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let group = &s.open.group;
        let t = &ctx.theme;
        let overall = group.progress(&ctx.ws.bank.questions);
        let [summary, rest] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(5)]).areas(area);
        let next = group.next_unanswered(ctx.ws.bank).map_or(
            "every question that applies has an answer".to_string(),
            |q| one_line(&q.prompt),
        );
        let funders_key = ctx.keymap.label_in(Context::Sections, Action::Funders);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    format!(
                        "{} of {} questions answered.",
                        overall.answered, overall.total
                    ),
                    t.text,
                )),
                Line::from(Span::styled(format!("Next unanswered: {next}"), t.dim)),
                Line::from(Span::styled(funders_summary(s, &funders_key), t.text)),
                Line::from(Span::styled(
                    grants_summary(ctx, group, ctx.today()),
                    t.text,
                )),
                Line::from(Span::styled(year_summary(ctx, group), t.text)),
            ]),
            summary,
        );
        let items: Vec<ListItem> = ctx
            .ws
            .bank
            .sections
            .iter()
            .map(|sec| {
                let p = group.progress(ctx.ws.bank.in_section(&sec.id));
                let mark = if p.answered == p.total {
                    "done "
                } else {
                    "     "
                };
                ListItem::new(Line::from(vec![
                    Span::styled(mark, t.good),
                    Span::styled(format!("{:40}", sec.title), t.text),
                    Span::styled(format!("{:>3} of {:<3}", p.answered, p.total), t.dim),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(self.cursor.selected(items.len()));
        frame.render_stateful_widget(list(ctx, items, "Sections"), rest, &mut state);
    }
}
