//! The one way the group's words change: an edit of one answer or one
//! wording for a funder. It owns the history rule, so no front end writes
//! it again:
//!
//! - the new words are recorded with who wrote them and when;
//! - the words they replace are kept in the answer's history;
//! - a supporter rewording what the group (or both together) wrote makes
//!   it "together", not the supporter's (see `Answer::replace`);
//! - however often one visit saves (autosave, every keystroke), the visit
//!   adds at most one entry to the history: each write starts again from
//!   the answer as it was when the visit began.

use super::{Answer, Author, Group};
use crate::bank::AnswerValue;
use crate::dates::Moment;
use crate::ids::{FunderId, QuestionId};

/// Where a piece of the group's words lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// An answer to one of the bank's questions.
    Answer(QuestionId),
    /// The group's words for one of a funder's own questions.
    Wording {
        funder: FunderId,
        question: QuestionId,
    },
}

impl Group {
    /// The words in `slot`, if there are any.
    pub fn words(&self, slot: &Slot) -> Option<&Answer> {
        match slot {
            Slot::Answer(q) => self.answers.get(q.as_str()),
            Slot::Wording { funder, question } => {
                self.wording.get(funder.as_str())?.get(question.as_str())
            }
        }
    }

    /// Writes `value` into `slot` by `by` at `now`, keeping what it
    /// replaces in the history. Returns whether anything changed. For an
    /// editor open over several saves, use [`Group::begin_edit`].
    pub fn write(&mut self, slot: &Slot, value: AnswerValue, by: Author, now: Moment) -> bool {
        match (slot, value) {
            (Slot::Answer(q), value) => self.set_answer(q, value, by, now),
            (Slot::Wording { funder, question }, AnswerValue::Text(text)) => {
                self.set_wording(funder, question, text, by, now)
            }
            // A funder's question takes words only; anything else is shown
            // as the words it reads as, so nothing typed is dropped.
            (Slot::Wording { funder, question }, other) => {
                let text = other.display(None, crate::vocab::Vocabularies::builtin());
                self.set_wording(funder, question, text, by, now)
            }
        }
    }

    /// Starts one visit's edit of `slot`: remembers the words as they are
    /// now, so every save of this visit replaces them once.
    pub fn begin_edit(&self, slot: Slot) -> Edit {
        Edit {
            original: self.words(&slot).cloned(),
            slot,
        }
    }

    /// Puts `answer` (or nothing) back in `slot` exactly as it was.
    fn put_back(&mut self, slot: &Slot, answer: Option<Answer>) {
        match (slot, answer) {
            (Slot::Answer(q), Some(a)) => {
                self.answers.insert(q.to_string(), a);
            }
            (Slot::Answer(q), None) => {
                self.answers.remove(q.as_str());
            }
            (Slot::Wording { funder, question }, Some(a)) => {
                self.wording
                    .entry(funder.to_string())
                    .or_default()
                    .insert(question.to_string(), a);
            }
            (Slot::Wording { funder, question }, None) => {
                if let Some(for_funder) = self.wording.get_mut(funder.as_str()) {
                    for_funder.remove(question.as_str());
                }
            }
        }
    }
}

/// One visit's edit of one slot (see the module notes).
#[derive(Debug, Clone)]
pub struct Edit {
    slot: Slot,
    original: Option<Answer>,
}

impl Edit {
    pub fn slot(&self) -> &Slot {
        &self.slot
    }

    /// The words as they were when the visit began.
    pub fn original(&self) -> Option<&Answer> {
        self.original.as_ref()
    }

    /// Saves this visit's words: the history gains the words from before
    /// the visit, once, however many times this is called.
    pub fn write(&self, group: &mut Group, value: AnswerValue, by: Author, now: Moment) -> bool {
        group.put_back(&self.slot, self.original.clone());
        group.write(&self.slot, value, by, now)
    }

    /// Undoes the visit: the words go back to how they were before it,
    /// and the group counts as changed at `now`. Returns the edit that
    /// takes this back (redo): undoing it puts back the words the visit
    /// left.
    #[must_use = "the returned edit is the redo"]
    pub fn undo(&self, group: &mut Group, now: Moment) -> Edit {
        let after = group.words(&self.slot).cloned();
        group.put_back(&self.slot, self.original.clone());
        group.updated = now;
        Edit {
            slot: self.slot.clone(),
            original: after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Moment {
        Moment::from_unix_seconds(1_790_000_000 + secs).unwrap()
    }

    fn text(t: &str) -> AnswerValue {
        AnswerValue::Text(t.to_string())
    }

    fn wording() -> Slot {
        Slot::Wording {
            funder: "fund".into(),
            question: "q1".into(),
        }
    }

    #[test]
    fn a_write_keeps_who_and_the_words_it_replaces() {
        let mut g = Group::new("Edits", "edits", at(0));
        let slot = Slot::Answer("group_purpose".into());
        assert!(g.write(&slot, text("We meet"), Author::Group, at(1)));
        assert!(g.write(&slot, text("We meet weekly"), Author::Group, at(2)));
        let a = g.words(&slot).unwrap();
        assert_eq!((a.by, a.at), (Author::Group, at(2)));
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].value, text("We meet"));
        // The same words again by the same person change nothing.
        assert!(!g.write(&slot, text("We meet weekly"), Author::Group, at(3)));
    }

    #[test]
    fn a_supporter_rewording_the_groups_words_makes_them_together() {
        for slot in [Slot::Answer("group_purpose".into()), wording()] {
            let mut g = Group::new("Edits", "edits", at(0));
            g.write(&slot, text("We meet"), Author::Group, at(1));
            g.write(&slot, text("We meet on Tuesdays"), Author::Supporter, at(2));
            assert_eq!(g.words(&slot).unwrap().by, Author::Together, "{slot:?}");
        }
        // The supporter's own words stay the supporter's.
        let mut g = Group::new("Edits", "edits", at(0));
        let slot = wording();
        g.write(&slot, text("Draft"), Author::Supporter, at(1));
        g.write(&slot, text("Draft two"), Author::Supporter, at(2));
        assert_eq!(g.words(&slot).unwrap().by, Author::Supporter);
    }

    #[test]
    fn one_visit_adds_one_history_entry_however_often_it_saves() {
        let mut g = Group::new("Edits", "edits", at(0));
        let slot = wording();
        g.write(&slot, text("First"), Author::Group, at(1));
        let edit = g.begin_edit(slot.clone());
        for (i, words) in ["S", "Se", "Second"].iter().enumerate() {
            assert!(edit.write(&mut g, text(words), Author::Group, at(10 + i as i64)));
        }
        let a = g.words(&slot).unwrap();
        assert_eq!(a.value, text("Second"));
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].value, text("First"));
    }

    #[test]
    fn undo_puts_back_the_words_from_before_the_visit() {
        let mut g = Group::new("Edits", "edits", at(0));
        let slot = Slot::Answer("group_purpose".into());
        let edit = g.begin_edit(slot.clone());
        edit.write(&mut g, text("New"), Author::Group, at(1));
        let redo = edit.undo(&mut g, at(2));
        assert!(g.words(&slot).is_none());
        assert_eq!(g.updated, at(2));
        // Undoing the undo brings the visit's words back, and again.
        let undo = redo.undo(&mut g, at(3));
        assert_eq!(g.words(&slot).unwrap().value, text("New"));
        let _ = undo.undo(&mut g, at(4));
        assert!(g.words(&slot).is_none());
        g.write(&slot, text("Kept"), Author::Group, at(2));
        let edit = g.begin_edit(slot.clone());
        edit.write(&mut g, text("Changed"), Author::Group, at(3));
        let _ = edit.undo(&mut g, at(4));
        assert_eq!(g.words(&slot).unwrap().value, text("Kept"));
        assert!(g.words(&slot).unwrap().history.is_empty());
    }

    #[test]
    fn writing_words_for_a_funder_records_the_drafted_step() {
        let mut g = Group::new("Edits", "edits", at(0));
        assert!(g.write(&wording(), text("Ours"), Author::Group, at(1)));
        assert!(!g.record_step(crate::group::Step::Drafted, Author::Group));
    }
}
