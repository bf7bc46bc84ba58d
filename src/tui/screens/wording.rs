//! Writing the group's words for one of a funder's questions, named by the
//! funder's and the question's ids, opened over the bid. Beside the box:
//! the group's own answers the question draws on (to start from, not to
//! copy; put in only on request) and last year's words to this funder.
//! The words go into the group through the group's edit API, so however
//! often they are saved one visit adds one history entry. What is typed is
//! kept on every way out: Esc, autosave, and `flush` when the program ends.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::bank::AnswerValue;
use crate::funders::profile::FunderQuestion;
use crate::group::{Edit, Slot};
use crate::text::{one_line, sanitize};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::{draw_text_box, titled};

#[derive(Debug)]
pub struct Wording {
    pub funder: String,
    pub question: String,
    pub text: TextArea<'static>,
    /// This visit's edit: every save replaces the words from before it.
    edit: Edit,
    /// Typed since the words were last put into the group.
    changed: bool,
    /// How far the "from your answers" panel is scrolled.
    offered_scroll: u16,
}

const READ_ONLY: &str = "This group is read-only; nothing can be changed here.";

impl Wording {
    /// The group's words for `question` of `funder` so far, in the box.
    /// Nothing without an open group.
    pub fn open(ctx: &Ctx, funder: &str, question: &str) -> Option<Wording> {
        let edit = ctx.session.as_ref()?.open.group.begin_edit(Slot::Wording {
            funder: funder.into(),
            question: question.into(),
        });
        let current = edit
            .original()
            .map(crate::drafting::wording_text)
            .unwrap_or_default();
        Some(Wording {
            funder: funder.to_string(),
            question: question.to_string(),
            text: text_box(&current, true),
            edit,
            changed: false,
            offered_scroll: 0,
        })
    }

    /// What is in the box now.
    pub fn typed(&self) -> String {
        self.text.lines().join("\n")
    }

    /// The funder's question and its number in the funder's list.
    fn question<'c>(&self, ctx: &'c Ctx) -> Option<(usize, &'c FunderQuestion)> {
        ctx.profile(&self.funder)?
            .questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.id == self.question)
    }

    fn read_only(ctx: &Ctx) -> bool {
        ctx.session
            .as_ref()
            .is_some_and(|s| s.open.read_only.is_some())
    }

    /// Something was typed: autosave counts from now.
    fn typed_now(&mut self, ctx: &mut Ctx) {
        self.changed = true;
        if let Some(s) = &mut ctx.session {
            s.last_change = Some(Instant::now());
        }
    }

    /// Puts the words typed into the group (not yet on disk). An emptied
    /// box leaves the earlier words as they were.
    fn commit(&mut self, ctx: &mut Ctx) {
        let now = ctx.now();
        let Some(s) = &mut ctx.session else { return };
        if !self.changed || s.open.read_only.is_some() {
            return;
        }
        let text = self.typed().trim().to_string();
        if text.is_empty() {
            return;
        }
        self.edit
            .write(&mut s.open.group, AnswerValue::Text(text), s.author, now);
        self.changed = false;
    }

    /// Puts the group's own bank answers into the box, at the cursor, for
    /// the group to rework. Only ever on request: nothing is pasted silently.
    fn start_from_answers(&mut self, ctx: &mut Ctx) {
        let Some((_, q)) = self.question(ctx) else {
            return;
        };
        let Some(s) = &ctx.session else { return };
        let offered: Vec<String> =
            crate::drafting::offered(&s.open.group, q, ctx.ws.bank, ctx.ws.vocab)
                .into_iter()
                .filter_map(|o| o.answer)
                .collect();
        if offered.is_empty() {
            return ctx.say(
                StatusKind::Info,
                "None of the answers this question draws on are written yet.",
            );
        }
        self.text.insert_str(sanitize(&offered.join("\n\n"), true));
        self.typed_now(ctx);
        ctx.say(
            StatusKind::Info,
            "Your answers are in the box to start from: now make them fit this funder's question.",
        );
    }
}

impl Screen for Wording {
    fn name(&self) -> &'static str {
        "wording"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Wording
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Back,
            Action::Save,
            Action::Undo,
            Action::Redo,
            Action::StartFromAnswers,
            Action::ScrollOffered,
            Action::Copy,
            Action::SwitchAuthor,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Back) => {
                self.commit(ctx);
                ctx.save_now();
                return Handled::Pop;
            }
            Some(Action::Save) => {
                self.commit(ctx);
                ctx.save_now();
            }
            Some(Action::Undo) => {
                if self.text.undo() {
                    self.typed_now(ctx);
                }
            }
            Some(Action::Redo) => {
                if self.text.redo() {
                    self.typed_now(ctx);
                }
            }
            Some(Action::ScrollOffered) => {
                self.offered_scroll = self.offered_scroll.saturating_add(3)
            }
            Some(Action::StartFromAnswers) => self.start_from_answers(ctx),
            Some(Action::Copy) => ctx.copy_text(&self.typed()),
            Some(Action::SwitchAuthor) => {
                if let Some(s) = &mut ctx.session {
                    s.author = s.author.next();
                    let who = s.author.label();
                    ctx.say(StatusKind::Info, format!("Now typing: {who}."));
                }
            }
            Some(_) => return Handled::NotMine,
            None if Self::read_only(ctx) => ctx.say(StatusKind::Warning, READ_ONLY),
            None => {
                if self.text.input(input.event) {
                    self.typed_now(ctx);
                }
            }
        }
        Handled::Done
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        if Self::read_only(ctx) {
            return ctx.say(StatusKind::Warning, READ_ONLY);
        }
        self.text.insert_str(sanitize(text, true));
        self.typed_now(ctx);
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.commit(ctx);
        Ok(())
    }

    /// Wherever this screen is on the stack (under the help screen too).
    fn autosave(&mut self, ctx: &mut Ctx) {
        self.commit(ctx);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (Some(s), Some((number, q))) = (&ctx.session, self.question(ctx)) else {
            return;
        };
        let t = &ctx.theme;
        let width = area.width.saturating_sub(2) as usize;
        let mut top = vec![Line::from(Span::styled(
            format!("{}. {}", number + 1, one_line(&q.prompt)),
            t.title,
        ))];
        if let Some(tips) = &q.tips {
            for l in crate::text::wrap(&format!("Tips: {}", one_line(tips)), width)
                .into_iter()
                .take(2)
            {
                top.push(Line::from(Span::styled(l, t.dim)));
            }
        }
        let offered = crate::drafting::offered(&s.open.group, q, ctx.ws.bank, ctx.ws.vocab);
        let mut from_answers: Vec<Line> = Vec::new();
        let typed = self.typed();
        // Last year's words to this funder, with what has changed since.
        let last_year = s
            .open
            .group
            .last_submitted(&self.funder, s.open.group.round)
            .and_then(|a| a.answers.get(&q.id));
        if let Some(sent) = last_year {
            let (heading, shown) = if typed.trim().is_empty() {
                ("Last year you sent".to_string(), sent.clone())
            } else {
                (
                    "Last year you sent, with this year's changes: [-taken out-] {+added+}"
                        .to_string(),
                    crate::group::marked(&crate::group::word_diff(sent, &typed)),
                )
            };
            from_answers.push(Line::from(Span::styled(heading, t.key)));
            for l in crate::text::wrap(&sanitize(&shown, true), width) {
                from_answers.push(Line::from(Span::styled(l, t.text)));
            }
        }
        for o in &offered {
            from_answers.push(Line::from(Span::styled(one_line(&o.prompt), t.key)));
            let answer = o.answer.as_deref().unwrap_or("(not answered yet)");
            for l in crate::text::wrap(&sanitize(answer, true), width) {
                from_answers.push(Line::from(Span::styled(l, t.text)));
            }
        }
        let count = crate::drafting::limit_status(q, &typed);
        let [heading, offered_area, input, info] = Layout::vertical([
            Constraint::Length(top.len() as u16),
            Constraint::Length(7),
            Constraint::Min(4),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(top), heading);
        frame.render_widget(
            Paragraph::new(from_answers)
                .scroll((self.offered_scroll, 0))
                .block(titled(
                    ctx,
                    &format!(
                        "From your answers (to start from, not to copy; {} for more)",
                        ctx.keymap.label_in(Context::Wording, Action::ScrollOffered)
                    ),
                )),
            offered_area,
        );
        draw_text_box(frame, ctx, input, &self.text, "Your words for this funder");
        let style = match count.status {
            crate::drafting::Status::Fine => t.good,
            crate::drafting::Status::Over => t.warning,
            _ => t.dim,
        };
        let line = if count.advice.is_empty() {
            one_line(&count.description)
        } else {
            one_line(&format!("{} {}", count.description, count.advice))
        };
        frame.render_widget(Paragraph::new(Span::styled(line, style)), info);
    }
}
