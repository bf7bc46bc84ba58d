//! A bid to one funder, named by its id: the funder's questions with how
//! much of each is written in the group's words, and from here the draft
//! as it will read, the checks before sending, saving it as files, copying
//! one answer and marking it as sent. Enter writes the words for the
//! question under the cursor (the wording screen, over this one). A funder
//! whose questions are not known yet opens too: the screen says so and
//! offers to add them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::add_funder::{AddBack, AddFunder};
use super::draft_preview::DraftPreview;
use super::export_where::{ExportWhere, Saving};
use super::wording::Wording;
use super::{Handled, Input, Screen};
use crate::funders::Profile;
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

#[derive(Debug)]
pub struct Bid {
    pub funder: String,
    pub cursor: ListCursor,
    /// "Mark as sent" was pressed once: the next press records it, any
    /// other key leaves the bid unsent.
    sent_asked: bool,
}

impl Bid {
    pub fn open(funder: impl Into<String>) -> Bid {
        Bid {
            funder: funder.into(),
            cursor: ListCursor::default(),
            sent_asked: false,
        }
    }

    fn profile<'c>(&self, ctx: &'c Ctx) -> Option<&'c Profile> {
        ctx.profile(&self.funder)
    }

    fn questions(&self, ctx: &Ctx) -> usize {
        self.profile(ctx).map_or(0, |p| p.questions.len())
    }

    /// The id of the funder's question under the cursor.
    fn question_id(&self, ctx: &Ctx) -> Option<String> {
        self.profile(ctx)?
            .questions
            .get(self.cursor.index())
            .map(|q| q.id.clone())
    }

    fn copy(&self, ctx: &mut Ctx) {
        let text = self.question_id(ctx).and_then(|q| {
            let s = ctx.session.as_ref()?;
            crate::drafting::wording(&s.open.group, &self.funder, &q)
                .map(crate::drafting::wording_text)
        });
        match text {
            Some(text) => ctx.copy_text(&text),
            None => ctx.say(
                StatusKind::Info,
                "Nothing written for this question yet, so there is nothing to copy.",
            ),
        }
    }

    fn preview(&self, ctx: &mut Ctx, problems: bool) -> Handled {
        match ctx.draft_text(&self.funder, problems) {
            Ok((title, text)) => {
                if problems {
                    ctx.record_step(crate::group::Step::Checked);
                }
                Handled::Push(Box::new(DraftPreview::new(title, text)))
            }
            Err(e) => {
                ctx.say(StatusKind::Error, e);
                Handled::Done
            }
        }
    }

    fn ask_sent(&mut self, ctx: &mut Ctx) {
        let name = self
            .profile(ctx)
            .map_or(self.funder.clone(), |p| one_line(&p.name));
        self.sent_asked = true;
        ctx.say(
            StatusKind::Warning,
            format!(
                "Mark the bid to {name} as sent today? Press {} again to record it; any other key leaves it unsent.",
                ctx.keymap.label_in(Context::Draft, Action::Submit)
            ),
        );
    }
}

impl Screen for Bid {
    fn name(&self) -> &'static str {
        "draft"
    }

    fn context(&self, ctx: &Ctx) -> Context {
        if self.profile(ctx).is_some_and(|p| p.questions.is_empty()) {
            Context::DraftEmpty
        } else {
            Context::Draft
        }
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Action> {
        if self.context(ctx) == Context::DraftEmpty {
            return vec![Action::AddQuestions, Action::Back];
        }
        vec![
            Action::Up,
            Action::Down,
            Action::Open,
            Action::Preview,
            Action::Problems,
            Action::Export,
            Action::Copy,
            Action::Submit,
            Action::AddQuestions,
            Action::Back,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let asked = std::mem::take(&mut self.sent_asked);
        if self.cursor.step(input.action, self.questions(ctx)) {
            return Handled::Done;
        }
        let Some(action) = input.action else {
            return Handled::Done;
        };
        match action {
            Action::Back => return Handled::Pop,
            Action::AddQuestions => {
                let back = AddBack::Draft(self.funder.clone());
                return AddFunder::open_questions(ctx, self.funder.clone(), back);
            }
            _ if !self.commands(ctx).contains(&action) => return Handled::NotMine,
            _ => {}
        }
        match action {
            Action::Open => {
                let wording = self
                    .question_id(ctx)
                    .and_then(|q| Wording::open(ctx, &self.funder, &q));
                return match wording {
                    Some(wording) => Handled::Push(Box::new(wording)),
                    None => Handled::Done,
                };
            }
            Action::Preview => return self.preview(ctx, false),
            Action::Problems => return self.preview(ctx, true),
            Action::Export => {
                // Where to save it is asked first (issue 17).
                let saving = Saving::Draft {
                    funder: self.funder.clone(),
                };
                return Handled::Push(Box::new(ExportWhere::open(ctx, saving)));
            }
            Action::Submit if asked => ctx.submit(&self.funder),
            Action::Submit => self.ask_sent(ctx),
            Action::Copy => self.copy(ctx),
            _ => return Handled::NotMine,
        }
        Handled::Done
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // Questions may have been added, or the profile loaded again.
        self.cursor.clamp(self.questions(ctx));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (Some(s), Some(profile)) = (&ctx.session, self.profile(ctx)) else {
            return;
        };
        if profile.questions.is_empty() {
            return draw_no_questions(frame, ctx, area, &profile.name);
        }
        let t = &ctx.theme;
        let funder = self.funder.as_str();
        let group = &s.open.group;
        let written = profile
            .questions
            .iter()
            .filter(|q| crate::drafting::wording(group, funder, &q.id).is_some())
            .count();
        let cursor = self.cursor.selected(profile.questions.len());
        // The limit and the funder's tips, whole: the box grows to fit them
        // (up to half the screen).
        let about: Vec<String> = cursor
            .and_then(|i| profile.questions.get(i))
            .map(|q| {
                let mut out = Vec::new();
                if let Some(limit) = crate::drafting::limit_description(q) {
                    out.push(format!("Limit: {limit}."));
                }
                if let Some(tips) = &q.tips {
                    out.push(format!("The funder's tips: {}", one_line(tips)));
                }
                crate::text::wrap(&out.join(" "), area.width.saturating_sub(2) as usize)
            })
            .unwrap_or_default();
        let detail_rows = (about.len() as u16 + 2).clamp(3, area.height / 2);
        let [heading, body, detail] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(5),
            Constraint::Length(detail_rows),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    format!("A bid to {}", one_line(&profile.name)),
                    t.title,
                )),
                Line::from(Span::styled(
                    format!(
                        "{written} of {} answers written in your words for this funder.",
                        profile.questions.len()
                    ),
                    t.text,
                )),
            ]),
            heading,
        );
        let width = body.width.saturating_sub(6) as usize;
        let items: Vec<ListItem> = profile
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let text = crate::drafting::wording(group, funder, &q.id)
                    .map(crate::drafting::wording_text)
                    .unwrap_or_default();
                let count = crate::drafting::limit_status(q, &text);
                // The whole question, wrapped: a funder's words are not cut.
                let mut lines: Vec<Line> =
                    crate::text::wrap(&format!("{}. {}", i + 1, one_line(&q.prompt)), width)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, t.text)))
                        .collect();
                lines.push(Line::from(Span::styled(
                    format!("    {}", one_line(&count.description)),
                    if count.status == crate::drafting::Status::Fine {
                        t.good
                    } else {
                        t.dim
                    },
                )));
                ListItem::new(Text::from(lines))
            })
            .collect();
        let mut state = ListState::default().with_selected(cursor);
        frame.render_stateful_widget(list(ctx, items, "The funder's questions"), body, &mut state);
        let lines: Vec<Line> = about
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.text)))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(titled(ctx, "About this question")),
            detail,
        );
    }
}

/// A funder whose questions are not known: no dead end, the way on.
fn draw_no_questions(frame: &mut Frame, ctx: &Ctx, area: Rect, name: &str) {
    let t = &ctx.theme;
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(format!("A bid to {}", one_line(name)), t.title)),
            Line::from(""),
            Line::from(Span::styled(
                "Its questions are not known yet, so there is nothing to write against here.",
                t.text,
            )),
            Line::from(""),
            Line::from(Span::styled(
                format!("Press {} to add them: copy the questions from the funder's form or guidance and paste them, or type them one at a time. Word and character limits are read from the words.", ctx.keymap.label_in(Context::DraftEmpty, Action::AddQuestions)),
                t.text,
            )),
        ])
        .wrap(Wrap { trim: true }),
        area,
    );
}
