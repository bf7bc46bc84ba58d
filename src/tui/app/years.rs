//! Next year: starting a new year, the review of what to check, and choosing between two copies.

use super::*;

impl Ctx {
    /// Goes through only the answers marked "check this" and the questions
    /// without an answer, in order.
    pub(crate) fn start_review(&mut self) {
        let Some(s) = &mut self.session else { return };
        let count = s.open.group.review_list(self.ws.bank).len();
        if count == 0 {
            return self.say(
                StatusKind::Info,
                "Nothing to review: every answer is answered and none is marked \"check this\".",
            );
        }
        s.review = true;
        self.say(StatusKind::Info, format!(
            "Reviewing {}: change an answer, or press {} if it is still right. {} goes to the next.",
            crate::text::count(count, "question"),
            self.keymap.label_in(Context::Text, Action::ConfirmAnswer),
            self.keymap.label_in(Context::Text, Action::NextQuestion)
        ));
        self.next_in_review();
    }

    /// The next question in the review after the current one (or the
    /// first), or the end of the review.
    pub(super) fn next_in_review(&mut self) {
        let Some(s) = &self.session else { return };
        let list: Vec<String> = s
            .open
            .group
            .review_list(self.ws.bank)
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let current = if matches!(self.screen, LegacyScreen::Answer) {
            self.current_question().map(|q| q.id.clone())
        } else {
            None
        };
        let order: Vec<String> = self
            .applicable_in_order()
            .into_iter()
            .map(|(_, q)| q.id.clone())
            .collect();
        let after = current
            .as_ref()
            .and_then(|c| order.iter().position(|id| id == c));
        let next = list.iter().find(|id| match after {
            Some(pos) => order.iter().position(|o| o == *id).is_some_and(|p| p > pos),
            None => true,
        });
        match next.cloned() {
            Some(id) => self.answer_question(&id),
            None => {
                if let Some(s) = &mut self.session {
                    s.review = false;
                }
                if matches!(self.screen, LegacyScreen::Answer) && !self.leave_editor() {
                    return;
                }
                self.leave_answer();
                self.say(
                    StatusKind::Info,
                    "Review finished: everything has been checked or answered.",
                );
            }
        }
    }

    /// "Still right": clears the "check this" mark on the answer being
    /// looked at, without changing it, and goes on in a review.
    pub(super) fn confirm_answer(&mut self) {
        let Some(question) = self.current_question() else {
            return;
        };
        let now = (self.clock)();
        if let Err(problem) = self.commit() {
            return self.say(StatusKind::Error, format!("Not saved yet: {problem}."));
        }
        let Some(s) = &mut self.session else { return };
        let author = s.author;
        if !s.open.group.confirm(&question.id, author, now) {
            return self.say(
                StatusKind::Info,
                "This answer is not marked \"check this\".",
            );
        }
        self.save_now();
        self.say(StatusKind::Info, "Kept as it is.");
        if self.session.as_ref().is_some_and(|s| s.review) {
            self.next_in_review();
        }
    }

    /// Starts next year's round and goes straight into the review; false
    /// when it was refused as too soon after the last (the status says why
    /// and how to go on anyway: `anyway` true, as `--force`).
    pub(crate) fn start_next_year(&mut self, anyway: bool) -> bool {
        let now = (self.clock)();
        let Some(s) = &mut self.session else {
            return true;
        };
        if s.open.read_only.is_some() {
            self.say(
                StatusKind::Warning,
                "This group is read-only; a new year cannot be started here.",
            );
            return true;
        }
        // The same guard as `alongside next-year` (which offers --force).
        let result = match s.open.group.start_next_year(self.ws.bank, now, anyway) {
            Ok(result) => result,
            Err(too_soon) => {
                let again = self.keymap.label_in(Context::Confirm, Action::Confirm);
                let back = self.keymap.label_in(Context::Confirm, Action::Back);
                self.say(
                    StatusKind::Warning,
                    format!("{too_soon}. If the new year really starts now, press {again} again to start it anyway; {back} goes back."),
                );
                return false;
            }
        };
        self.record_undo(super::undo::Step::Round(result.undo.clone()));
        self.save_now();
        self.refresh_matches();
        let review = self.keymap.label_in(Context::Sections, Action::Review);
        let undo = self.keymap.label_in(Context::Sections, Action::UndoAnswer);
        self.say(
            StatusKind::Info,
            format!(
                "Year {} started. {} {} marked \"check this\": press {review} to review them, or {undo} to take the new year back.",
                result.round,
                crate::text::count(result.marked.len(), "answer"),
                crate::text::is_are(result.marked.len()),
            ),
        );
        true
    }
}
