//! The answer editor: one question of the bank, named by its id, with its
//! answer in the box that fits its type (`editor::Editor`). It is opened
//! over the screen that asked for it (a section's questions, the lists'
//! "next unanswered" and review keys, a funder's rule, find), and Esc
//! saves and goes back there. Moving to the next or previous question,
//! the next without an answer or the next in a review changes this screen
//! in place, so whatever opened it is still under it.
//!
//! The words go into the group through the group's edit API: one history
//! entry and one undo step per visit to a question, however often they
//! are saved. The autosave reaches this screen wherever it is on the stack
//! (`Screen::autosave`), and every way out keeps what is typed (`flush`):
//! a number or amount only half typed when nobody is there to fix it (a
//! signal, the terminal gone) is kept in `unfinished/` and comes back the
//! next time the question is opened.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::find::Find;
use super::who::Who;
use super::{Handled, Input, SESSION_COMMANDS, Screen};
use crate::bank::Question;
use crate::group::Slot;
use crate::ids::QuestionId;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::Editor;
use crate::tui::keymap::{Action, Context};

#[derive(Debug)]
pub struct Answer {
    /// The question being answered.
    question: QuestionId,
    /// The id of the bank section it belongs to.
    section: String,
    /// The box the answer is typed in, with this visit's edit.
    pub editor: Editor,
    /// Going through only the answers marked "check this" and the
    /// questions without an answer: forward goes to the next of those.
    review: bool,
    /// The group's answer to this question as this screen last left it
    /// (when it opened, or after its last write): if it is different when
    /// this screen is on top again, a screen over it changed it.
    seen: Option<crate::group::Answer>,
}

impl Answer {
    /// The editor on question `id`, if it applies to the open group (if
    /// not, the status says so).
    pub fn open(ctx: &mut Ctx, id: &str) -> Option<Answer> {
        let applies = ctx
            .applicable_in_order()
            .into_iter()
            .find(|(_, q)| q.id == id)
            .map(|(_, q)| q);
        match applies {
            Some(question) => Self::editing(ctx, question),
            None => {
                let named = ctx.ws.bank.name_of(id);
                ctx.say(
                    StatusKind::Warning,
                    format!("The question {named} does not apply to this group yet: answer the one before it first."),
                );
                None
            }
        }
    }

    /// The editor on question `id`, opened over the screens open now (Esc
    /// comes back to them); nothing when it does not apply.
    pub fn over(ctx: &mut Ctx, id: &str) -> Handled {
        match Self::open(ctx, id) {
            Some(answer) => Handled::Push(Box::new(answer)),
            None => Handled::Done,
        }
    }

    /// From the lists: the first question without an answer; when there is
    /// none, the status says so and the list stays (never an empty answer
    /// screen).
    pub fn first_unanswered(ctx: &mut Ctx) -> Handled {
        match unanswered_after(ctx, None) {
            Some(id) => Self::over(ctx, &id),
            None => {
                ctx.say(
                    StatusKind::Info,
                    "Every question that applies has an answer.",
                );
                Handled::Done
            }
        }
    }

    /// From the lists: goes through only the answers marked "check this"
    /// and the questions without an answer, in order.
    pub fn start_review(ctx: &mut Ctx) -> Handled {
        let Some(s) = &ctx.session else {
            return Handled::Done;
        };
        let count = s.open.group.review_list(ctx.ws.bank).len();
        if count == 0 {
            ctx.say(
                StatusKind::Info,
                "Nothing to review: every answer is answered and none is marked \"check this\".",
            );
            return Handled::Done;
        }
        ctx.say(StatusKind::Info, format!(
            "Reviewing {}: change an answer, or press {} if it is still right. {} goes to the next.",
            crate::text::count(count, "question"),
            ctx.keymap.label_in(Context::Text, Action::ConfirmAnswer),
            ctx.keymap.label_in(Context::Text, Action::NextQuestion)
        ));
        let first = next_in_review(ctx, None);
        match first.and_then(|id| Self::open(ctx, &id)) {
            Some(answer) => Handled::Push(Box::new(Answer {
                review: true,
                ..answer
            })),
            None => Handled::Done,
        }
    }

    /// The editor on a question known to apply, with a half-typed answer
    /// kept from last time put back in it.
    fn editing(ctx: &mut Ctx, question: &'static Question) -> Option<Answer> {
        let s = ctx.session.as_ref()?;
        let edit = s
            .open
            .group
            .begin_edit(Slot::Answer(question.id.as_str().into()));
        let seen = edit.original().cloned();
        let mut editor = Editor::open(question, edit, ctx.ws.vocab);
        ctx.restore_answer(&mut editor);
        Some(Answer {
            question: question.id.as_str().into(),
            section: question.section.clone(),
            editor,
            review: false,
            seen,
        })
    }

    /// The id of the question being answered.
    pub fn question_id(&self) -> &QuestionId {
        &self.question
    }

    /// The id of the section the question belongs to.
    pub fn section(&self) -> &str {
        &self.section
    }

    /// Whether this screen is going through a review.
    pub fn in_review(&self) -> bool {
        self.review
    }

    /// The question being answered.
    pub fn question(&self, ctx: &Ctx) -> Option<&'static Question> {
        let bank: &'static crate::bank::Bank = ctx.ws.bank;
        bank.question(&self.question)
    }

    /// Where the question is in its section: its number among the
    /// section's questions that apply to the group (None if it no longer
    /// applies), and how many of them there are.
    pub fn place(&self, ctx: &Ctx) -> (Option<usize>, usize) {
        let Some(s) = &ctx.session else {
            return (None, 0);
        };
        let applying: Vec<&Question> = ctx
            .ws
            .bank
            .in_section(&self.section)
            .filter(|q| s.open.group.applies(q))
            .collect();
        let at = applying.iter().position(|q| q.id == *self.question);
        (at.map(|i| i + 1), applying.len())
    }

    /// Moves this screen to question `id`, keeping the review going (the
    /// answer here has been left first).
    fn go_to(&mut self, ctx: &mut Ctx, id: &str) {
        if let Some(next) = Self::open(ctx, id) {
            *self = Answer {
                review: self.review,
                ..next
            };
        }
    }

    /// Puts what is typed into the group (not yet on disk). Err: it is not
    /// a valid answer yet (what is wrong, and what is expected).
    fn commit(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        let Some(question) = self.question(ctx) else {
            return Ok(());
        };
        let vocab = ctx.ws.vocab;
        let now = ctx.now();
        let Some(s) = &mut ctx.session else {
            return Ok(());
        };
        if s.open.read_only.is_some() || !self.editor.changed {
            return Ok(());
        }
        let value = match self.editor.value(question, vocab) {
            Ok(Some(value)) => value,
            // Emptied: the earlier answer (if any) stays as it was.
            Ok(None) => return Ok(()),
            Err(e) => return Err(format!("{}. {}", e.problem, e.expected)),
        };
        // The library keeps the history: one entry per visit.
        self.editor
            .edit
            .write(&mut s.open.group, value, s.author, now);
        self.editor.changed = false;
        self.seen = s.open.group.answers.get(self.question.as_str()).cloned();
        // One undo step per answer per visit, back to how it was before.
        if !self.editor.undo_recorded {
            self.editor.undo_recorded = true;
            ctx.record_answer_undo(self.editor.edit.clone());
        }
        Ok(())
    }

    fn commit_and_save(&mut self, ctx: &mut Ctx) {
        match self.commit(ctx) {
            Ok(()) => {
                ctx.save_now();
            }
            Err(problem) => ctx.say(StatusKind::Warning, format!("Not saved yet: {problem}.")),
        }
    }

    /// Commits and saves before this screen moves on or closes; false
    /// (staying put, the status saying why) when what is typed is not a
    /// valid answer yet.
    fn leave(&mut self, ctx: &mut Ctx) -> bool {
        match self.commit(ctx) {
            Ok(()) => {
                ctx.save_now();
                // The sections' funder counts follow the answer just given.
                ctx.refresh_matches();
                true
            }
            Err(problem) => {
                ctx.say(
                    StatusKind::Error,
                    format!(
                        "Not saved yet: {problem}. Fix it, or press {} to undo the change.",
                        ctx.keymap.label_in(Context::Line, Action::Undo)
                    ),
                );
                false
            }
        }
    }

    /// The next or previous question that applies, across sections (in a
    /// review, forward is the next still to review); past the last or the
    /// first, back to the screen it was opened from.
    fn step(&mut self, ctx: &mut Ctx, forward: bool) -> Handled {
        if forward && self.review {
            return self.next_to_review(ctx);
        }
        let order = ctx.applicable_in_order();
        let pos = order
            .iter()
            .position(|(_, q)| q.id == *self.question)
            .unwrap_or(0);
        let next = if forward {
            order.get(pos + 1)
        } else {
            pos.checked_sub(1).and_then(|p| order.get(p))
        };
        let end = if forward {
            "That was the last question."
        } else {
            "That was the first question."
        };
        self.go_to_or_end(ctx, next.map(|(_, q)| q.id.clone()), end)
    }

    /// Moves this screen to the question `next`; with none, says `end` and
    /// goes back to where this screen was opened.
    fn go_to_or_end(&mut self, ctx: &mut Ctx, next: Option<String>, end: &str) -> Handled {
        match next {
            Some(id) => {
                self.go_to(ctx, &id);
                Handled::Done
            }
            None => {
                ctx.say(StatusKind::Info, end);
                Handled::Pop
            }
        }
    }

    /// The next question without an answer after this one, going round to
    /// the start; when there is none, back to where this screen was opened,
    /// saying so.
    fn next_unanswered(&mut self, ctx: &mut Ctx) -> Handled {
        if self.review {
            return self.next_to_review(ctx);
        }
        let unanswered_here = ctx
            .session
            .as_ref()
            .is_some_and(|s| !s.open.group.answers.contains_key(self.question.as_str()));
        let end = if unanswered_here {
            "This was the last question without an answer."
        } else {
            "Every question that applies has an answer."
        };
        let next = unanswered_after(ctx, Some(&self.question));
        self.go_to_or_end(ctx, next, end)
    }

    /// The next question in the review after this one, or the end of the
    /// review (back to where it was started).
    fn next_to_review(&mut self, ctx: &mut Ctx) -> Handled {
        match next_in_review(ctx, Some(&self.question)) {
            Some(id) => {
                self.go_to(ctx, &id);
                Handled::Done
            }
            None => {
                self.review = false;
                if !self.leave(ctx) {
                    return Handled::Done;
                }
                ctx.say(
                    StatusKind::Info,
                    "Review finished: everything has been checked or answered.",
                );
                Handled::Pop
            }
        }
    }

    /// "Still right": clears the "check this" mark on this answer without
    /// changing it, and goes on in a review.
    fn confirm(&mut self, ctx: &mut Ctx) -> Handled {
        let now = ctx.now();
        if let Err(problem) = self.commit(ctx) {
            ctx.say(StatusKind::Error, format!("Not saved yet: {problem}."));
            return Handled::Done;
        }
        let Some(s) = &mut ctx.session else {
            return Handled::Done;
        };
        let author = s.author;
        if !s.open.group.confirm(&self.question, author, now) {
            ctx.say(
                StatusKind::Info,
                "This answer is not marked \"check this\".",
            );
            return Handled::Done;
        }
        self.seen = s.open.group.answers.get(self.question.as_str()).cloned();
        ctx.save_now();
        ctx.say(StatusKind::Info, "Kept as it is.");
        if self.review {
            return self.next_to_review(ctx);
        }
        Handled::Done
    }

    /// Find over this answer, what is typed saved first (this answer is
    /// here again after).
    fn open_find(&mut self, ctx: &mut Ctx) -> Handled {
        if let Err(problem) = self.commit(ctx) {
            ctx.say(
                StatusKind::Error,
                format!("Not saved yet: {problem}. Fix it first."),
            );
            return Handled::Done;
        }
        ctx.save_now();
        Handled::Push(Box::<Find>::default())
    }

    /// Something was typed: the status says a save is coming, and the
    /// autosave counts from now.
    fn typed_now(ctx: &mut Ctx) {
        if let Some(s) = &mut ctx.session {
            s.last_change = Some(Instant::now());
        }
    }
}

/// The first question that applies and has no answer after `after` (from
/// the start when None), going round to the start; never `after` itself.
fn unanswered_after(ctx: &Ctx, after: Option<&str>) -> Option<String> {
    let s = ctx.session.as_ref()?;
    let group = &s.open.group;
    let order = ctx.applicable_in_order();
    let from = after
        .and_then(|c| order.iter().position(|(_, q)| q.id == c))
        .map_or(0, |p| p + 1);
    order[from..]
        .iter()
        .chain(&order[..from])
        .find(|(_, q)| !group.answers.contains_key(&q.id) && Some(q.id.as_str()) != after)
        .map(|(_, q)| q.id.clone())
}

/// The first question of the review list after `after` in the order
/// questions are asked (the first of the list when None).
fn next_in_review(ctx: &Ctx, after: Option<&str>) -> Option<String> {
    let s = ctx.session.as_ref()?;
    let list: Vec<&Question> = s.open.group.review_list(ctx.ws.bank);
    let order: Vec<&str> = ctx
        .applicable_in_order()
        .into_iter()
        .map(|(_, q)| q.id.as_str())
        .collect();
    let after = after.and_then(|c| order.iter().position(|id| *id == c));
    list.iter()
        .find(|q| match after {
            Some(pos) => order
                .iter()
                .position(|o| *o == q.id)
                .is_some_and(|p| p > pos),
            None => true,
        })
        .map(|q| q.id.clone())
}

impl Screen for Answer {
    fn name(&self) -> &'static str {
        "answer"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        self.editor.context()
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Action> {
        // Every action bound in the editor's context does something here:
        // the keys below, and the box's own (ticking, budget lines, undo).
        ctx.keymap.actions_in(self.context(ctx))
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if input.action.is_some_and(|a| SESSION_COMMANDS.contains(&a)) {
            return Handled::NotMine;
        }
        match input.action {
            // In a budget line's form, Esc closes the form (the editor's).
            Some(Action::Back) if self.editor.context() != Context::BudgetLine => {
                return if self.leave(ctx) {
                    Handled::Pop
                } else {
                    Handled::Done
                };
            }
            Some(Action::Save) => {
                // Not a valid answer yet: the line under the box says why.
                let _ = self.commit(ctx);
                ctx.save_now();
                return Handled::Done;
            }
            Some(Action::Guide) => {
                ctx.show_guide = !ctx.show_guide;
                if !ctx.show_guide {
                    self.editor.show_from_top();
                }
                return Handled::Done;
            }
            Some(Action::Find) => return self.open_find(ctx),
            Some(Action::ConfirmAnswer) => return self.confirm(ctx),
            Some(Action::Note) => {
                self.commit_and_save(ctx);
                return ctx.note_on(&self.question);
            }
            Some(Action::SwitchAuthor) => {
                self.commit_and_save(ctx);
                return match &ctx.session {
                    Some(s) => Handled::Push(Box::new(Who::on(s.author.next()))),
                    None => Handled::Done,
                };
            }
            Some(action @ (Action::NextQuestion | Action::PreviousQuestion)) => {
                if !self.leave(ctx) {
                    return Handled::Done;
                }
                return self.step(ctx, action == Action::NextQuestion);
            }
            Some(Action::NextUnanswered) => {
                if !self.leave(ctx) {
                    return Handled::Done;
                }
                return self.next_unanswered(ctx);
            }
            _ => {}
        }
        let Some(question) = self.question(ctx) else {
            return Handled::Done;
        };
        let Some(s) = &ctx.session else {
            return Handled::Done;
        };
        if let Some(reason) = &s.open.read_only {
            let editing_key = input.action.is_none()
                || matches!(
                    input.action,
                    Some(Action::Toggle | Action::AddLine | Action::DeleteLine | Action::EditLine)
                );
            if editing_key {
                let said =
                    format!("This group is read-only ({reason}). Nothing can be changed here.");
                ctx.say(StatusKind::Warning, said);
                return Handled::Done;
            }
        }
        if self
            .editor
            .handle(input.action, input.event, ctx.ws.vocab, question)
        {
            Self::typed_now(ctx);
        }
        Handled::Done
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        let read_only = ctx
            .session
            .as_ref()
            .is_none_or(|s| s.open.read_only.is_some());
        if !read_only && self.editor.paste(text) {
            Self::typed_now(ctx);
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        crate::tui::view::draw_answer(frame, ctx, area, self);
    }

    /// The answer goes into the group; the save after the flush writes it.
    /// One that is not valid yet stops a quit so it can be fixed (a second
    /// quit goes without it); with nobody to ask, it is kept as typed in
    /// `unfinished/`, as a budget line half typed in its form always is.
    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        match self.commit(ctx) {
            // A budget line still in its form is not part of the answer
            // until Enter adds it: it is kept as typed, for next time.
            Ok(()) => ctx.keep_line_being_typed(&self.editor),
            Err(_) if ctx.stopping => ctx.keep_answer_being_typed(&self.editor),
            Err(problem) => Err(format!("this answer is not saved yet: {problem}")),
        }
    }

    /// A half-typed number or amount is not an answer yet: it waits for
    /// more typing, and the rest of the stack is saved all the same.
    fn autosave(&mut self, ctx: &mut Ctx) {
        let _ = self.commit(ctx);
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // A screen over this one (a second answer, opened from find) may
        // have changed this question's answer. With nothing typed here
        // since, the editor opens again on the answer as it is now, so a
        // later save here cannot put back the words from before it.
        if self.editor.changed {
            return;
        }
        let now_there = ctx
            .session
            .as_ref()
            .and_then(|s| s.open.group.answers.get(self.question.as_str()));
        if now_there == self.seen.as_ref() {
            return;
        }
        if let Some(fresh) = self.question(ctx).and_then(|q| Self::editing(ctx, q)) {
            *self = Answer {
                review: self.review,
                ..fresh
            };
        }
    }
}
