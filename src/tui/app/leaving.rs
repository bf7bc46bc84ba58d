//! Every way out of the program keeps what was typed: Ctrl+C, the window
//! closed, the system stopping us, the terminal gone. Answers, wording and
//! coaching notes go into the group file; a form that cannot become real
//! data yet (a half-filled log form, a new group's name, an import path) is
//! kept in `unfinished/` and comes back next time. A save that fails does
//! not quit: the person is offered to save the group's file somewhere else.

use super::*;
use crate::store::unfinished::{self, Unfinished};
use crate::tui::screens::Handled;
use crate::tui::screens::log_form::form_kind;
use crate::tui::screens::save_elsewhere::SaveElsewhere;
use crate::tui::signals::Stop;

/// The `unfinished/` form of a budget line typed but not added yet.
const BUDGET_LINE: &str = "budget-line";

impl Ctx {
    /// Ctrl+C again on the "save a copy somewhere else" screen.
    pub(crate) fn quit_unsaved(&mut self) {
        if self.quit_warned {
            self.farewell.push(
                "Quit without saving: the changes made since the last save are lost.".to_string(),
            );
            self.quit = true;
        } else {
            self.quit_warned = true;
            let quit = self.keymap.label_in(Context::Import, Action::Quit);
            self.say(StatusKind::Error, format!("Nothing has been saved. Type a place for a copy and press {}, or press {quit} again to quit and lose the changes.", self.keymap.label_in(Context::Import, Action::Confirm)));
        }
    }

    /// Ctrl+C, once every screen has been flushed (`kept` says whether
    /// what they held was kept): save everything and quit, unless
    /// something would be lost. A screen to open instead of quitting
    /// (where to save a copy) is returned for the stack.
    pub(crate) fn quit_after_flush(&mut self, kept: Result<(), String>) -> Option<Handled> {
        let quit = self.keymap.label_in(Context::Everywhere, Action::Quit);
        if !self.save_now() {
            let problem = self
                .status
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default();
            return self.offer_save_elsewhere(problem);
        }
        match kept {
            Err(problem) if !self.quit_warned => {
                self.quit_warned = true;
                self.say(
                    StatusKind::Error,
                    format!("Not quitting: {problem}. Press {quit} again to quit without it."),
                );
            }
            _ => self.quit = true,
        }
        None
    }

    /// Stopping without a person to ask (a signal, the terminal gone),
    /// once every screen has been flushed: keep everything that can be
    /// kept, and if the group file cannot be saved, put a copy where it
    /// can be found.
    pub(crate) fn stop_after_flush(&mut self, why: Stop, kept: Result<(), String>) {
        self.quit = true;
        if let Err(problem) = kept {
            self.farewell.push(problem);
        }
        if self.save_now() {
            if self.session.is_some() {
                self.farewell
                    .push(format!("Saved everything: {}.", why.describe()));
            }
            return;
        }
        let problem = self
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        match self.emergency_copy() {
            Some(path) => self.farewell.push(format!(
                "{} ({}). A full copy of the group is in {}: once the problem is fixed, run `alongside import {} --merge` to bring the changes back.",
                problem,
                why.describe(),
                path.display(),
                path.display()
            )),
            None => self.farewell.push(format!(
                "{problem} ({}). No copy could be written anywhere either: the changes since the last save are lost. Check the disk has space.",
                why.describe()
            )),
        }
    }

    /// A number, amount or date half-typed when the program is stopped is
    /// not an answer yet: keep the text so it can be finished next time.
    pub(crate) fn keep_answer_being_typed(&mut self, editor: &Editor) -> Result<(), String> {
        let now = (self.clock)();
        let Some(s) = &self.session else {
            return Ok(());
        };
        let Some(text) = editor.typed_text() else {
            return Ok(());
        };
        let form = Unfinished {
            form: "answer".to_string(),
            grant: editor.question_id.clone(),
            fields: vec![text],
            kept: now,
        };
        unfinished::keep(&self.ws.data, &s.open.group.slug, &form)
            .map(|_| ())
            .map_err(|e| format!("Could not keep the answer being typed: {e}"))
    }

    /// A budget line typed but not added yet (its form still open) is kept
    /// in `unfinished/` on every way out, and opens again with the
    /// question: it is the group's words, and only Enter makes it a line.
    pub(crate) fn keep_line_being_typed(&mut self, editor: &Editor) -> Result<(), String> {
        let now = (self.clock)();
        let (Some(s), Some(fields)) = (&self.session, editor.half_filled_line()) else {
            return Ok(());
        };
        let form = Unfinished {
            form: BUDGET_LINE.to_string(),
            grant: editor.question_id.clone(),
            fields,
            kept: now,
        };
        unfinished::keep(&self.ws.data, &s.open.group.slug, &form)
            .map(|_| ())
            .map_err(|e| format!("Could not keep the budget line being typed: {e}"))
    }

    /// Writes the whole group to a new file in the home folder, or the data
    /// folder, when the group file itself cannot be saved.
    fn emergency_copy(&self) -> Option<std::path::PathBuf> {
        let s = self.session.as_ref()?;
        let text = self.workspace().export(&s.open.group).ok()?;
        let name = format!(
            "alongside-{}-unsaved-{}.toml",
            s.open.group.slug,
            Moment::now().compact()
        );
        let places = [
            directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
            Some(self.ws.data.root().to_path_buf()),
            Some(std::env::temp_dir()),
        ];
        places.into_iter().flatten().find_map(|dir| {
            let path = dir.join(&name);
            store::create_atomic(&path, text.as_bytes())
                .ok()
                .map(|_| path)
        })
    }

    fn offer_save_elsewhere(&mut self, problem: String) -> Option<Handled> {
        self.session.as_ref()?;
        let screen = SaveElsewhere::open(self, problem.clone());
        self.quit_warned = false;
        self.say(
            StatusKind::Error,
            format!("Not quitting: the group file could not be saved. {problem}"),
        );
        Some(Handled::Push(Box::new(screen)))
    }

    /// On opening a group: says when a form was left half-filled last time.
    pub(super) fn mention_unfinished(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(kept) = unfinished::find(&self.ws.data, &s.open.group.slug) else {
            return;
        };
        let what = match kept.form.as_str() {
            "answer" => "an answer".to_string(),
            BUDGET_LINE => "a budget line".to_string(),
            // The grant screens' forms (screens::grant_form).
            "award" => "an award being recorded".to_string(),
            "promise" => "a promise".to_string(),
            "log-edit" => "a correction to the log".to_string(),
            "early-reason" => "why a final report is early".to_string(),
            "return-details" => "who signs the returns and the thank-you".to_string(),
            other => match form_kind(other) {
                Some(kind) => format!("a form ({})", form_title(kind)),
                None => return,
            },
        };
        let mut text = format!(
            "You left {what} half-filled on {}: it comes back when you open it again.",
            kept.kept.for_people()
        );
        if let Some(status) = &self.status {
            text = format!("{} {text}", status.text);
        }
        self.say(StatusKind::Warning, text);
    }

    /// Puts a half-typed answer kept last time back into an editor just
    /// opened on that question (the answer screen's).
    pub(crate) fn restore_answer(&mut self, editor: &mut Editor) {
        let Some(s) = &mut self.session else { return };
        let Some(kept) = unfinished::find(&self.ws.data, &s.open.group.slug) else {
            return;
        };
        if kept.grant != editor.question_id {
            return;
        }
        let back = match kept.form.as_str() {
            "answer" => kept
                .fields
                .first()
                .is_some_and(|text| editor.restore_typed_text(text)),
            BUDGET_LINE => {
                let categories = self.ws.vocab.list(crate::vocab::names::COST_CATEGORY).len();
                editor.restore_half_filled_line(&kept.fields, categories)
            }
            _ => false,
        };
        if back {
            s.last_change = Some(Instant::now());
            unfinished::discard(&self.ws.data, &s.open.group.slug);
            self.say(
                StatusKind::Info,
                "What you were typing here last time is back: finish it to save it.",
            );
        }
    }
}

fn form_title(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Session => "a session",
        FormKind::Count => "a count",
        FormKind::Story => "a member's story",
        FormKind::Spend => "money spent",
        FormKind::Note => "a note",
        FormKind::Funder => "a funder's details",
        FormKind::Grant => "a grant's details",
    }
}
