//! Recording an award when a funder says yes: the funder, the amount, the
//! dates as people write them, the funder's reference, and the approved
//! budget (the application's, or lines typed in when the funder approved
//! different ones). `monitoring::record_award` checks and records it;
//! this screen only reads the boxes.

use super::Handled;
use super::grant_form::{self, FormScreen, KeptForm};
use super::grants::Grants;
use crate::dates::Day;
use crate::monitoring::{AwardSpec, BudgetFrom};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};

/// The name this form is kept under in `unfinished/`.
pub const FORM: &str = "award";

const FROM_APPLICATION: &str = "as in the application";
const TYPED_BELOW: &str = "the lines typed below";

/// The boxes, in order.
const FUNDER: usize = 0;
const AMOUNT: usize = 1;
const START: usize = 2;
const END: usize = 3;
const INTERIM: usize = 4;
const FINAL: usize = 5;
const REFERENCE: usize = 6;
const BUDGET_FROM: usize = 7;
const BUDGET: usize = 8;

#[derive(Debug)]
pub struct Award {
    pub kept: KeptForm,
    /// The funders offered, by id, in the order of the choice.
    pub funders: Vec<String>,
    /// Opened because the group had no grants (over the sections): once
    /// recorded, the grants list opens in its place.
    from_empty: bool,
}

impl Award {
    /// The form, with the funders the group has written bids to first,
    /// and what was typed last time back.
    pub fn open(ctx: &mut Ctx, from_empty: bool) -> Award {
        let bid_to: Vec<String> = ctx
            .session
            .as_ref()
            .map(|s| s.open.group.wording.keys().cloned().collect())
            .unwrap_or_default();
        let mut funders: Vec<(bool, String, String)> = ctx
            .catalogue()
            .profiles
            .iter()
            .map(|l| {
                let p = &l.profile;
                (!bid_to.contains(&p.id), one_line(&p.name), p.id.clone())
            })
            .collect();
        funders.sort();
        let names = funders.iter().map(|(_, n, _)| n.clone()).collect();
        let form = Form::new(
            FormKind::Grant,
            "Record an award",
            vec![
                Field::choice("Funder", names),
                Field::typed("Amount awarded", ""),
                Field::typed("The grant starts", ""),
                Field::typed("The grant ends", ""),
                Field::typed("Interim return due (if not usual)", ""),
                Field::typed("Final report due (if not usual)", ""),
                Field::words("The funder's reference (if any)", false),
                Field::choice(
                    "The approved budget",
                    vec![FROM_APPLICATION.to_string(), TYPED_BELOW.to_string()],
                ),
                Field::words(
                    "Budget lines: item | cost category | amount, one to a line",
                    true,
                ),
            ],
        );
        let mut award = Award {
            kept: KeptForm::new(form, FORM, String::new()),
            funders: funders.into_iter().map(|(_, _, id)| id).collect(),
            from_empty,
        };
        award.kept.restore(ctx);
        award
    }

    fn value(&self, i: usize) -> String {
        self.kept.form.value(i).trim().to_string()
    }

    fn day(&self, i: usize, what: &str) -> Result<Option<Day>, String> {
        grant_form::typed_day(&self.value(i), what)
    }

    /// Reads the boxes into what `record_award` takes.
    fn spec(&self, ctx: &Ctx) -> Result<(String, AwardSpec), String> {
        let funder = self
            .funders
            .get(self.kept.form.fields[FUNDER].choice)
            .cloned()
            .ok_or("Choose the funder first.")?;
        let pence = crate::bank::parse_money(&self.value(AMOUNT))
            .map_err(|e| format!("Amount awarded: {}. {}", e.problem, e.expected))?;
        let start = self
            .day(START, "The grant starts")?
            .ok_or("The grant starts: type the day it starts, such as 1/4/2026.")?;
        let end = self
            .day(END, "The grant ends")?
            .ok_or("The grant ends: type the day it ends, such as 31 March 2027.")?;
        let budget = if self.value(BUDGET_FROM) == TYPED_BELOW {
            BudgetFrom::Typed(
                crate::bank::parse_budget(&self.kept.form.value(BUDGET), ctx.ws.vocab)
                    .map_err(|e| format!("Budget lines: {}. {}", e.problem, e.expected))?,
            )
        } else {
            BudgetFrom::Application
        };
        let reference = Some(self.value(REFERENCE)).filter(|r| !r.is_empty());
        Ok((
            funder,
            AwardSpec {
                pence,
                start,
                end,
                interim: self.day(INTERIM, "Interim return due")?,
                final_report: self.day(FINAL, "Final return due")?,
                reference,
                budget,
            },
        ))
    }
}

impl FormScreen for Award {
    const NAME: &'static str = "award";
    const INTRO: &'static str = "Record what the offer letter says. Type dates as you write them (1/4/2026 or 1 April 2026); leave the return dates empty for the funder's usual ones.";

    fn kept(&self) -> &KeptForm {
        &self.kept
    }

    fn kept_mut(&mut self) -> &mut KeptForm {
        &mut self.kept
    }

    /// Records the award and says what reporting it brings.
    fn save(&mut self, ctx: &mut Ctx) -> Handled {
        let (funder, spec) = match self.spec(ctx) {
            Ok(x) => x,
            Err(e) => return self.kept.refuse(e),
        };
        let Some(profile) = ctx.profile(&funder).cloned() else {
            return self
                .kept
                .refuse("That funder's profile is no longer loaded.");
        };
        let Some(s) = &mut ctx.session else {
            return Handled::Pop;
        };
        let recorded = crate::monitoring::record_award(&mut s.open.group, &profile, spec)
            .map(|g| (g.id.clone(), g.pence, g.reports.clone()));
        let (id, pence, reports) = match recorded {
            Ok(x) => x,
            Err(e) => return self.kept.refuse(e.to_string()),
        };
        let dues: Vec<String> = reports
            .iter()
            .map(|r| format!("{} due {}", r.kind.label(), r.due.for_people()))
            .collect();
        let dues = if dues.is_empty() {
            format!(
                "No reporting dates are known: add them from the grant's screen (press {} there).",
                ctx.keymap.label_in(Context::Grant, Action::ReturnDetails)
            )
        } else {
            format!("{}.", dues.join("; "))
        };
        self.kept.finished(ctx);
        grant_form::save_and_say(
            ctx,
            StatusKind::Info,
            format!(
                "Recorded grant {id}: {} from {}. {dues}",
                crate::text::format_pence(pence),
                one_line(&profile.name)
            ),
        );
        if self.from_empty {
            Handled::Replace(Box::new(Grants::at(ctx, &id)))
        } else {
            Handled::Pop
        }
    }
}
