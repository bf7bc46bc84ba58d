//! Correcting one entry of a grant's evidence log. The boxes are the log
//! form's own (`monitoring::evidence::fields`), filled with the entry as it
//! is (`evidence::values`); what was changed goes to `evidence::edit`,
//! which checks it as the log does and keeps the old version in the
//! grant's history.

use super::Handled;
use super::grant_form::{self, FormScreen, KeptForm};
use crate::monitoring::evidence::{self, Field as EntryField, Input as Takes, Values};
use crate::tui::app::Ctx;
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::Action;

/// The name this form is kept under in `unfinished/`.
pub const FORM: &str = "log-edit";

#[derive(Debug)]
pub struct EntryForm {
    pub kept: KeptForm,
    pub grant: String,
    /// The entry's id in the log (`session-3`, a story's own id).
    pub entry: String,
    /// The boxes' keys, in order, and the entry's values when it opened.
    keys: Vec<&'static str>,
    was: Values,
}

/// A box for one field of the log's form, with its value in it.
fn field(f: &EntryField, value: &str) -> Field {
    match &f.input {
        Takes::Lines => Field::words_with(f.label, true, value),
        Takes::Choice(options) => {
            let mut options = options.clone();
            if f.optional {
                options.insert(0, String::new());
            }
            Field::choice_at(f.label, options, value)
        }
        _ => Field::words_with(f.label, false, value),
    }
}

impl EntryForm {
    /// The entry's form; None (and the status says why) when it is gone.
    pub fn open(ctx: &mut Ctx, grant: &str, entry: &str) -> Option<EntryForm> {
        let g = grant_form::grant(ctx, grant)?;
        let listed = evidence::list(g).into_iter().find(|e| e.id == entry)?;
        let was = match evidence::values(g, entry) {
            Ok(v) => v,
            Err(e) => {
                ctx.say(crate::tui::app::StatusKind::Error, e.to_string());
                return None;
            }
        };
        let fields = evidence::fields(listed.kind, g);
        let boxes = fields
            .iter()
            .map(|f| field(f, was.get(f.key).map_or("", String::as_str)))
            .collect();
        let form = Form::new(
            FormKind::Grant,
            &format!("Correct {entry} ({})", listed.kind.label()),
            boxes,
        );
        let mut screen = EntryForm {
            kept: KeptForm::new(form, FORM, format!("{grant}/{entry}")),
            grant: grant.to_string(),
            entry: entry.to_string(),
            keys: fields.iter().map(|f| f.key).collect(),
            was,
        };
        screen.kept.restore(ctx);
        Some(screen)
    }

    /// The boxes that differ from the entry as it was.
    fn changes(&self) -> Values {
        self.keys
            .iter()
            .enumerate()
            .filter_map(|(i, key)| {
                let now = self.kept.form.value(i);
                let was = self.was.get(*key).map_or("", String::as_str);
                (now.trim() != was.trim()).then(|| (key.to_string(), now))
            })
            .collect()
    }
}

impl FormScreen for EntryForm {
    const NAME: &'static str = "log-entry";
    const INTRO: &'static str =
        "Change what was logged wrongly. The entry as it was is kept in the grant's history.";

    fn kept(&self) -> &KeptForm {
        &self.kept
    }

    fn kept_mut(&mut self) -> &mut KeptForm {
        &mut self.kept
    }

    /// Sends the boxes that were changed to `evidence::edit`.
    fn save(&mut self, ctx: &mut Ctx) -> Handled {
        let changes = self.changes();
        if changes.is_empty() {
            return self.kept.refuse(format!(
                "Nothing is changed yet. Change a box, or press {} to leave it as it is.",
                ctx.keymap.label_in(grant_form::CONTEXT, Action::Back)
            ));
        }
        let Some(index) = grant_form::grant_index(ctx, &self.grant) else {
            return Handled::Pop;
        };
        let doing = grant_form::doing(ctx);
        let Some(s) = &mut ctx.session else {
            return Handled::Pop;
        };
        let done = evidence::edit(
            &mut s.open.group.grants[index],
            &self.entry,
            &changes,
            doing,
        )
        .map(|logged| grant_form::said_with(logged.said, &logged.warnings));
        self.kept.close(ctx, done)
    }
}
