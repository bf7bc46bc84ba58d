//! Asking before a list removes one of its lines (a grant's promise, an
//! entry of its evidence log): the line waiting for yes, the keymap
//! context and keys while it waits, how the answer is read, and the
//! question drawn below the list. Every list that removes asks the same
//! way, so it is written once, here; the list says what a line is called
//! and does the removing itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

use super::Input;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};

/// The line (`T`: a promise's number, an entry's id) a person asked to
/// remove, while the screen waits for yes.
#[derive(Debug)]
pub struct ConfirmRemove<T> {
    waiting: Option<T>,
}

impl<T> Default for ConfirmRemove<T> {
    fn default() -> Self {
        ConfirmRemove { waiting: None }
    }
}

impl<T> ConfirmRemove<T> {
    /// Asks whether to remove `line`.
    pub fn ask(&mut self, line: T) {
        self.waiting = Some(line);
    }

    /// Whether the question is waiting for an answer.
    pub fn asking(&self) -> bool {
        self.waiting.is_some()
    }

    /// The keymap context: `Confirm` while asking, else the list's own.
    pub fn context(&self, list: Context) -> Context {
        if self.asking() {
            Context::Confirm
        } else {
            list
        }
    }

    /// The commands while asking; None when the list's own apply.
    pub fn commands(&self) -> Option<Vec<Action>> {
        self.asking().then(|| vec![Action::Confirm, Action::Back])
    }

    /// The answer to the question, one key after it was asked: the line
    /// to remove on yes; None for any other key (and the status says
    /// nothing was removed). The question is over either way.
    pub fn answer(&mut self, input: &Input, ctx: &mut Ctx) -> Option<T> {
        let line = self.waiting.take()?;
        if input.action == Some(Action::Confirm) {
            return Some(line);
        }
        ctx.say(StatusKind::Info, "Nothing removed.");
        None
    }

    /// Draws the question in `area` while it is asked: `question` says
    /// what removing this line does, then the keys for yes and no follow.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        question: impl FnOnce(&T) -> String,
    ) {
        let Some(line) = &self.waiting else {
            return;
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "{} {} removes it; {} keeps it.",
                    question(line),
                    ctx.keymap.label_in(Context::Confirm, Action::Confirm),
                    ctx.keymap.label_in(Context::Confirm, Action::Back)
                ),
                ctx.theme.warning,
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
    }
}
