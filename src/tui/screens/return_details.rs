//! What a grant's returns need beyond the log, in one form: the funder's
//! reference, who writes and signs the returns and their role, how many
//! people the group said would take part, a thank-you line in the
//! group's own words, and when the interim and final returns are due
//! (dates as people write them, read as the award form reads them). The
//! boxes open with what the grant already holds
//! (nothing is suggested: an empty thank-you box stays empty), and
//! saving goes through `monitoring::set_details`, the call `alongside
//! grant` makes. Also here: a missing piece of the return in words that
//! name this program's keys rather than the command line's.

use super::Handled;
use super::grant_form::{self, FormScreen, KeptForm};
use crate::dates::Day;
use crate::group::{Grant, ReportKind};
use crate::monitoring::summary::{Missing, MissingKind};
use crate::monitoring::{self, Details};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};

/// The name this form is kept under in `unfinished/`.
pub const FORM: &str = "return-details";

/// The boxes, in order.
const REFERENCE: usize = 0;
const CONTACT: usize = 1;
const ROLE: usize = 2;
const PEOPLE: usize = 3;
const THANKS: usize = 4;
const INTERIM: usize = 5;
const FINAL: usize = 6;

#[derive(Debug)]
pub struct ReturnDetails {
    pub kept: KeptForm,
    pub grant: String,
    /// The boxes as they opened, to send only what was changed.
    was: [String; 7],
}

impl ReturnDetails {
    /// The form for this grant, None when the grant is not there.
    pub fn open(ctx: &mut Ctx, grant: &str) -> Option<ReturnDetails> {
        let g = grant_form::grant(ctx, grant)?;
        let was = [
            g.reference.clone().unwrap_or_default(),
            g.contact.clone().unwrap_or_default(),
            g.contact_role.clone().unwrap_or_default(),
            g.people_promised.map(|n| n.to_string()).unwrap_or_default(),
            g.thanks.clone().unwrap_or_default(),
            waiting_due(g, ReportKind::Interim),
            waiting_due(g, ReportKind::Final),
        ];
        let form = Form::new(
            FormKind::Grant,
            "Who signs the returns, when they are due, and the thank-you",
            vec![
                Field::words_with("The funder's reference", false, &was[REFERENCE]),
                Field::words_with("Who writes and signs the returns", false, &was[CONTACT]),
                Field::words_with("Their role in the group", false, &was[ROLE]),
                Field::typed("People you said would take part", &was[PEOPLE]),
                Field::words_with(
                    "A thank-you line to the funder, in your own words",
                    true,
                    &was[THANKS],
                ),
                Field::typed("Interim return due", &was[INTERIM]),
                Field::typed("Final report due", &was[FINAL]),
            ],
        );
        let mut screen = ReturnDetails {
            kept: KeptForm::new(form, FORM, grant.to_string()),
            grant: grant.to_string(),
            was,
        };
        screen.kept.restore(ctx);
        Some(screen)
    }

    /// A box's text when it differs from how the form opened.
    fn changed(&self, i: usize) -> Option<String> {
        let now = self.kept.form.value(i).trim().to_string();
        (now != self.was[i].trim()).then_some(now)
    }

    /// A due-date box when it was changed: the day typed, or None when
    /// it was emptied (taking the waiting return of that kind away).
    fn due(&self, i: usize, what: &str) -> Result<Option<Option<Day>>, String> {
        match self.changed(i) {
            None => Ok(None),
            Some(typed) => grant_form::typed_day(&typed, what).map(Some),
        }
    }
}

impl FormScreen for ReturnDetails {
    const NAME: &'static str = "return-details";
    const INTRO: &'static str = "What goes at the top and end of each return (the role is such as coordinator or treasurer) and when each is due, such as 1/10/2026. Empty a box to take it away; the thank-you only goes in when you write one.";

    fn kept(&self) -> &KeptForm {
        &self.kept
    }

    fn kept_mut(&mut self) -> &mut KeptForm {
        &mut self.kept
    }

    /// Sends what was changed to `monitoring::set_details`.
    fn save(&mut self, ctx: &mut Ctx) -> Handled {
        let Some(index) = grant_form::grant_index(ctx, &self.grant) else {
            return Handled::Pop;
        };
        let people = match self.changed(PEOPLE) {
            None => None,
            Some(typed) if typed.is_empty() => {
                return self.kept.refuse(
                    "How many people: type the number you told the funder (it cannot be left empty once given).",
                );
            }
            Some(typed) => match crate::bank::parse_whole_number(&typed) {
                Ok(n) => Some(n),
                Err(e) => {
                    return self
                        .kept
                        .refuse(format!("How many people: {}. {}", e.problem, e.expected));
                }
            },
        };
        let interim = match self.due(INTERIM, "Interim return due") {
            Ok(d) => d,
            Err(e) => return self.kept.refuse(e),
        };
        let final_report = match self.due(FINAL, "Final report due") {
            Ok(d) => d,
            Err(e) => return self.kept.refuse(e),
        };
        let (reference, contact, role, thanks) = (
            self.changed(REFERENCE),
            self.changed(CONTACT),
            self.changed(ROLE),
            self.changed(THANKS),
        );
        let details = Details {
            reference: reference.as_deref(),
            contact: contact.as_deref(),
            role: role.as_deref(),
            people,
            thanks: thanks.as_deref(),
            interim,
            final_report,
        };
        if details == Details::default() {
            self.kept.finished(ctx);
            ctx.say(StatusKind::Info, "Nothing was changed.");
            return Handled::Pop;
        }
        let Some(s) = &mut ctx.session else {
            return Handled::Pop;
        };
        let g = &mut s.open.group.grants[index];
        let done = monitoring::set_details(g, &details).map(|said| {
            (
                StatusKind::Info,
                format!("Grant {}: {}.", g.id, said.join("; ")),
            )
        });
        self.kept.close(ctx, done)
    }
}

/// The day the first return of `kind` not yet sent is due, as people
/// write it, or nothing.
fn waiting_due(g: &Grant, kind: ReportKind) -> String {
    monitoring::waiting(g, kind)
        .map(|r| r.due.for_people())
        .unwrap_or_default()
}

/// A missing piece of a return as the full-screen program says it: the
/// problem, then the key on the return's screen that fills it in (the
/// library's message names the command line's instead).
pub fn missing_line(m: &Missing, ctx: &Ctx) -> String {
    let key = |action| ctx.keymap.label_in(Context::GrantReturn, action);
    let (action, how) = match m.kind {
        MissingKind::Reference => (
            Action::ReturnDetails,
            "add the one on the funder's offer letter",
        ),
        MissingKind::Contact => (Action::ReturnDetails, "say who writes it and their role"),
        MissingKind::Role => (
            Action::ReturnDetails,
            "add one (such as coordinator or treasurer)",
        ),
        MissingKind::Thanks => (Action::ReturnDetails, "write one in your own words"),
        MissingKind::PeoplePromised => (Action::ReturnDetails, "add it"),
        MissingKind::Promises => (Action::Promises, "add the outcomes it pays for"),
        MissingKind::PromiseMeasure => (Action::Promises, "add one"),
        MissingKind::Sessions => {
            return format!(
                "{}: log them from the grant's screen (press {} there).",
                m.problem,
                ctx.keymap.label_in(Context::Grant, Action::LogSession)
            );
        }
        _ => return m.message.clone(),
    };
    format!("{}: press {} to {how}.", m.problem, key(action))
}
