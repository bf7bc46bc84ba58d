//! Working together: finding a question, coaching notes, undoing the last answer, and recording who did each step.

use super::*;

impl App {
    pub(super) fn go_back(&mut self, back: Back) {
        self.screen = match back {
            Back::Sections => Screen::Sections,
            Back::Questions => Screen::Questions,
            Back::Answer if self.session.as_ref().is_some_and(|s| s.editor.is_some()) => {
                Screen::Answer
            }
            Back::Answer => Screen::Questions,
        };
    }

    /// Questions that apply to the group and match every word typed (see
    /// `bank::find::find`: prompts, why funders ask, the glossary and words
    /// meaning the same), best first.
    pub fn find_questions(&self, words: &str) -> Vec<&'static Question> {
        let applicable: Vec<&str> = self
            .applicable_in_order()
            .into_iter()
            .map(|(_, q)| q.id.as_str())
            .collect();
        crate::bank::find::find(self.bank, words)
            .into_iter()
            .filter(|q| applicable.contains(&q.id.as_str()))
            .collect()
    }

    pub(super) fn open_find(&mut self, back: Back) {
        // From an answer, keep what is typed (saved now) and come back to it.
        if back == Back::Answer {
            if let Err(problem) = self.commit() {
                return self.say(
                    StatusKind::Error,
                    format!("Not saved yet: {problem}. Fix it first."),
                );
            }
            self.save_now();
        }
        self.screen = Screen::Find {
            query: text_box("", false),
            cursor: 0,
            back,
        };
    }

    pub(super) fn open_note(&mut self, back: Back) {
        let Some(question) = self.current_question() else {
            return;
        };
        if back == Back::Answer {
            self.commit_and_save();
        }
        let Some(s) = &self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; notes cannot be saved.",
            );
        }
        let current = s.open.group.note(&question.id).unwrap_or("");
        self.screen = Screen::Note {
            text: text_box(current, true),
            question: question.id.clone(),
            back,
        };
    }

    pub(super) fn save_note(&mut self, question: &str, text: &str) {
        if self.note_into_group(question, text) {
            self.save_now();
        }
    }

    /// Puts the note into the group (not yet on disk); true if it changed.
    pub(super) fn note_into_group(&mut self, question: &str, text: &str) -> bool {
        let now = (self.clock)();
        let Some(s) = &mut self.session else {
            return false;
        };
        s.open.read_only.is_none() && s.open.group.set_note(question, text, s.author, now)
    }

    /// Puts back the answer changed most recently in this sitting.
    pub(super) fn undo_answer(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some((id, before)) = s.undo.pop() else {
            return self.say(
                StatusKind::Info,
                "Nothing to undo: no answer has been changed since the group was opened.",
            );
        };
        match before {
            Some(answer) => {
                s.open.group.answers.insert(id.clone(), answer);
            }
            None => {
                s.open.group.answers.remove(&id);
            }
        }
        s.open.group.updated = (self.clock)();
        let prompt = self
            .bank
            .question(&id)
            .map_or(id.clone(), |q| q.prompt.clone());
        self.save_now();
        self.refresh_matches();
        self.say(
            StatusKind::Info,
            format!("Put back the earlier answer to: {prompt}"),
        );
    }

    /// Records that whoever is at the keyboard did a step of this year's
    /// work (for "watch the group take over"), and saves.
    pub(super) fn record_step(&mut self, step: crate::group::Step) {
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_none() && s.open.group.record_step(step, s.author) {
            self.save_now();
        }
    }

    /// The keys on this screen.
    pub(super) fn find_key(&mut self, action: Option<Action>, key: Key, event: KeyEvent) {
        let Screen::Find {
            query,
            cursor,
            back,
        } = &mut self.screen
        else {
            return;
        };
        match action {
            Some(Action::Up) => *cursor = cursor.saturating_sub(1),
            Some(Action::Down) => *cursor += 1,
            Some(Action::Back) => {
                let back = *back;
                self.go_back(back);
            }
            Some(Action::Open) => {
                let (words, cursor) = (query.lines().join(" "), *cursor);
                let found = self.find_questions(&words);
                let chosen = found
                    .get(cursor.min(found.len().saturating_sub(1)))
                    .map(|q| q.id.clone());
                match chosen {
                    Some(id) => self.answer_question(&id),
                    None => self.say(
                        StatusKind::Info,
                        "No question has those words. Try fewer or other words.",
                    ),
                }
            }
            Some(_) => {}
            None if key.code == KeyCode::Enter => {}
            None => {
                if query.input(event) {
                    *cursor = 0;
                }
            }
        }
    }

    /// The keys on this screen.
    pub(super) fn note_key(&mut self, action: Option<Action>, event: KeyEvent) {
        let Screen::Note {
            text,
            question,
            back,
        } = &mut self.screen
        else {
            return;
        };
        match action {
            Some(Action::Back) | Some(Action::Save) => {
                let (typed, question, back) = (text.lines().join("\n"), question.clone(), *back);
                let close = action == Some(Action::Back);
                self.save_note(&question, &typed);
                if close {
                    self.go_back(back);
                }
            }
            Some(_) => {}
            None => {
                text.input(event);
            }
        }
    }
}
