//! Undo and redo on the group's lists (Ctrl+Z, Ctrl+Y on the sections and
//! questions): a whole answer back to how it was before this visit, or a
//! new year taken back. Undo inside a text box is the text box's own.

use super::*;
use crate::group::{Edit, RoundUndo, Slot};

/// One change that Ctrl+Z on a list can take back.
#[derive(Debug, Clone)]
pub enum Step {
    /// A visit that changed an answer in this sitting: undoing it puts
    /// back the answer from before (the library's `Edit::undo`, which
    /// gives the step that reverses it).
    Answer(Edit),
    /// A new year begun in this sitting.
    Round(RoundUndo),
    /// A new year that was taken back (what redo does).
    StartRound,
}

impl Ctx {
    /// Records a change for Ctrl+Z; a new change forgets what was undone.
    pub(super) fn record_undo(&mut self, step: Step) {
        if let Some(s) = &mut self.session {
            s.undo.push(step);
            s.redo.clear();
        }
    }

    /// Records a visit that changed an answer (the answer screen, once
    /// per visit): Ctrl+Z on the lists puts back the answer from before it.
    pub(crate) fn record_answer_undo(&mut self, edit: Edit) {
        self.record_undo(Step::Answer(edit));
    }

    /// Takes back the most recent change in this sitting.
    pub(crate) fn undo_answer(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some(step) = s.undo.pop() else {
            return self.say(
                StatusKind::Info,
                "Nothing to undo: no answer has been changed since the group was opened.",
            );
        };
        if let Some(redo) = self.apply(step, "Put back the earlier answer to")
            && let Some(s) = &mut self.session
        {
            s.redo.push(redo);
        }
    }

    /// Does again what Ctrl+Z took back.
    pub(crate) fn redo_answer(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some(step) = s.redo.pop() else {
            return self.say(StatusKind::Info, "Nothing to redo.");
        };
        if let Some(undo) = self.apply(step, "Brought back the later answer to")
            && let Some(s) = &mut self.session
        {
            s.undo.push(undo);
        }
    }

    /// Puts one step back and returns the step that reverses it (None when
    /// it could not be done: the status says why).
    fn apply(&mut self, step: Step, answer_said: &str) -> Option<Step> {
        let now = (self.clock)();
        let bank = self.ws.bank;
        let s = self.session.as_mut()?;
        if s.open.read_only.is_some() {
            self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be changed here.",
            );
            return None;
        }
        let (reverse, said) = match step {
            Step::Answer(edit) => {
                let reverse = edit.undo(&mut s.open.group, now);
                let id = match edit.slot() {
                    Slot::Answer(id) => id.as_str(),
                    Slot::Wording { question, .. } => question.as_str(),
                };
                let said = format!("{answer_said}: {}", bank.name_of(id));
                (Step::Answer(reverse), said)
            }
            Step::Round(undo) => {
                let round = s.open.group.round;
                if let Err(e) = s.open.group.undo_next_year(&undo, now) {
                    self.say(StatusKind::Warning, format!("Not undone: {e}."));
                    return None;
                }
                let said = format!(
                    "Year {round} taken back: this is year {} again, and the \"check this\" marks it added are gone.",
                    round - 1
                );
                (Step::StartRound, said)
            }
            Step::StartRound => {
                // Asked for again by name, so the too-soon guard is passed.
                let started = s.open.group.next_year(bank, now);
                let said = format!("Year {} started again.", started.round);
                (Step::Round(started.undo), said)
            }
        };
        self.save_now();
        self.refresh_matches();
        self.say(StatusKind::Info, said);
        Some(reverse)
    }
}
