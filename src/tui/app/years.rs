//! Next year: starting a new year (the review of what to check is the
//! answer screen's, `screens::answer`).

use super::*;

impl Ctx {
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
