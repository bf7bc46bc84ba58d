//! Working together: finding a question, coaching notes, undoing the last
//! answer, and recording who did each step (the find and note screens are
//! in `screens::`).

use super::*;

impl Ctx {
    /// Questions that apply to the group and match every word typed (see
    /// `bank::find::find`: prompts, why funders ask, the glossary and words
    /// meaning the same), best first.
    pub fn find_questions(&self, words: &str) -> Vec<&'static Question> {
        let applicable: Vec<&str> = self
            .applicable_in_order()
            .into_iter()
            .map(|(_, q)| q.id.as_str())
            .collect();
        crate::bank::find::find(self.ws.bank, words)
            .into_iter()
            .filter(|q| applicable.contains(&q.id.as_str()))
            .collect()
    }

    /// The coaching note on a question, over the screen open now (a group
    /// open read-only gets none: the status says why).
    pub(crate) fn note_on(&mut self, question: &str) -> Handled {
        let Some(s) = &self.session else {
            return Handled::Done;
        };
        if s.open.read_only.is_some() {
            self.say(
                StatusKind::Warning,
                "This group is read-only; notes cannot be saved.",
            );
            return Handled::Done;
        }
        let current = s.open.group.note(question).unwrap_or("");
        Handled::Push(Box::new(Note::open(question, current)))
    }

    pub(crate) fn save_note(&mut self, question: &str, text: &str) {
        if self.note_into_group(question, text) {
            self.save_now();
        }
    }

    /// Puts the note into the group (not yet on disk); true if it changed.
    pub(crate) fn note_into_group(&mut self, question: &str, text: &str) -> bool {
        let now = (self.clock)();
        let Some(s) = &mut self.session else {
            return false;
        };
        s.open.read_only.is_none() && s.open.group.set_note(question, text, s.author, now)
    }

    /// Records that whoever is at the keyboard did a step of this year's
    /// work (for "watch the group take over"), and saves.
    pub(crate) fn record_step(&mut self, step: crate::group::Step) {
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_none() && s.open.group.record_step(step, s.author) {
            self.save_now();
        }
    }
}
