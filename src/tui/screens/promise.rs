//! Adding or changing one of a grant's promises: a short outcome line in
//! the group's words (or sentences picked from one of its answers, then
//! cut down: `pick_answer`), what it is measured by, and the target. The
//! checks (a target needs a measure, none below zero, picked words only
//! trimmed) are `monitoring::add_promise` / `edit_promise`'s.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::grant_form::{self, KeptForm};
use super::pick_answer::{Picked, Picker};
use super::{Handled, Input, SESSION_COMMANDS, Screen};
use crate::monitoring::PromiseWords;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};

/// The name this form is kept under in `unfinished/`.
pub const FORM: &str = "promise";

const WHAT: usize = 0;
const MEASURE: usize = 1;
const TARGET: usize = 2;

#[derive(Debug)]
pub struct PromiseForm {
    pub kept: KeptForm,
    pub grant: String,
    /// The promise changed (from 1); None for a new one.
    pub number: Option<usize>,
    /// The boxes as they opened, to tell what was changed.
    was: [String; 3],
    /// Choosing words from the group's answers, over the form.
    pub picking: Option<Picker>,
}

impl PromiseForm {
    /// A new promise for this grant.
    pub fn add(ctx: &mut Ctx, grant: &str) -> PromiseForm {
        Self::make(ctx, grant, None, ["", "", ""].map(String::from))
    }

    /// Changing promise `number` (from 1) of this grant.
    pub fn edit(ctx: &mut Ctx, grant: &str, number: usize) -> Option<PromiseForm> {
        let p = grant_form::grant(ctx, grant)?
            .promises
            .get(number.checked_sub(1)?)?
            .clone();
        let was = [
            p.what.clone(),
            p.measure.clone().unwrap_or_default(),
            p.target.map(|t| t.to_string()).unwrap_or_default(),
        ];
        Some(Self::make(ctx, grant, Some(number), was))
    }

    fn make(ctx: &mut Ctx, grant: &str, number: Option<usize>, was: [String; 3]) -> PromiseForm {
        let title = match number {
            Some(n) => format!("Change promise {n}"),
            None => "Add a promise".to_string(),
        };
        let form = Form::new(
            FormKind::Grant,
            &title,
            vec![
                Field::typed("The promise, one short line", &was[WHAT]),
                Field::typed("What is counted (empty: in your words)", &was[MEASURE]),
                Field::typed("The target (a number, if any)", &was[TARGET]),
            ],
        );
        let about = match number {
            Some(n) => format!("{grant}/{n}"),
            None => grant.to_string(),
        };
        let mut screen = PromiseForm {
            kept: KeptForm::new(form, FORM, about),
            grant: grant.to_string(),
            number,
            was,
            picking: None,
        };
        screen.kept.restore(ctx);
        screen
    }

    /// Where the words were picked from: the answer and its sentences
    /// (kept after the boxes as `from` and `1,2`), when they were.
    pub fn picked(&self) -> Option<(String, Vec<usize>)> {
        let [from, numbers] = self.kept.extra.as_slice() else {
            return None;
        };
        let numbers = numbers
            .split(',')
            .map(|n| n.trim().parse().ok())
            .collect::<Option<Vec<usize>>>()?;
        Some((from.clone(), numbers))
    }

    /// The words to save: picked (and perhaps cut down), or the group's own.
    fn words(&self, what: String) -> PromiseWords {
        match self.picked() {
            Some((from, sentences)) => PromiseWords::FromAnswer {
                from,
                sentences,
                trimmed: Some(what),
            },
            None => PromiseWords::Own(what),
        }
    }

    fn pick_key(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if let Some(action) = input.action
            && SESSION_COMMANDS.contains(&action)
        {
            return Handled::NotMine;
        }
        let Some(picker) = &mut self.picking else {
            return Handled::Done;
        };
        match picker.handle(input, ctx) {
            Picked::Stay => {}
            Picked::Cancel => self.picking = None,
            Picked::Took {
                from,
                sentences,
                words,
            } => {
                self.picking = None;
                self.kept.form.set(WHAT, &words);
                self.kept.form.focus = WHAT;
                let numbers: Vec<String> = sentences.iter().map(usize::to_string).collect();
                self.kept.extra = vec![from, numbers.join(",")];
                ctx.say(
                    StatusKind::Info,
                    "The words are in the promise's box as you wrote them: cut away what this grant does not pay for, then save.",
                );
            }
        }
        Handled::Done
    }

    fn value(&self, i: usize) -> String {
        self.kept.form.value(i).trim().to_string()
    }

    fn target(&self) -> Result<Option<i64>, String> {
        let typed = self.value(TARGET);
        if typed.is_empty() {
            return Ok(None);
        }
        crate::bank::parse_whole_number(&typed)
            .map(Some)
            .map_err(|e| format!("The target: {}. {}", e.problem, e.expected))
    }

    fn save(&mut self, ctx: &mut Ctx) -> Handled {
        if let Some(why) = grant_form::read_only(ctx) {
            return self.kept.refuse(why);
        }
        let Some(index) = grant_form::grant_index(ctx, &self.grant) else {
            return Handled::Pop;
        };
        let target = match self.target() {
            Ok(t) => t,
            Err(e) => return self.kept.refuse(e),
        };
        let (what, measure) = (self.value(WHAT), self.value(MEASURE));
        let Some(s) = &mut ctx.session else {
            return Handled::Pop;
        };
        let group = &mut s.open.group;
        let done = match self.number {
            None => crate::monitoring::add_promise(
                group,
                index,
                &self.words(what),
                Some(measure.as_str()),
                target,
            ),
            Some(number) => {
                let words = (what != self.was[WHAT] || self.picked().is_some())
                    .then(|| self.words(what.clone()));
                let new_measure = (measure != self.was[MEASURE]).then_some(measure.as_str());
                if target.is_none() && !self.was[TARGET].is_empty() && !measure.is_empty() {
                    return self.kept.refuse(
                        "A target cannot be taken away while the promise keeps its measure: type the new target, or empty what is counted too.",
                    );
                }
                let new_target = target.filter(|t| t.to_string() != self.was[TARGET]);
                crate::monitoring::edit_promise(
                    group,
                    index,
                    number,
                    words.as_ref(),
                    new_measure,
                    new_target,
                )
            }
        };
        let verb = if self.number.is_some() {
            "Changed"
        } else {
            "Added"
        };
        let done = done.map(|done| {
            grant_form::said_with(format!("{verb} promise {}.", done.number), &done.warnings)
        });
        self.kept.close(ctx, done)
    }
}

impl Screen for PromiseForm {
    fn name(&self) -> &'static str {
        "promise"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        match &self.picking {
            Some(picker) => picker.context(),
            None => Context::PromiseForm,
        }
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        if let Some(picker) = &self.picking {
            return picker.commands();
        }
        let mut commands = grant_form::FORM_COMMANDS.to_vec();
        commands.insert(commands.len() - 2, Action::PickFromAnswers);
        commands
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.picking.is_some() {
            return self.pick_key(input, ctx);
        }
        if input.action == Some(Action::PickFromAnswers) {
            self.picking = Picker::open(ctx);
            return Handled::Done;
        }
        match self.kept.step(input, ctx) {
            Some(handled) => handled,
            None => self.save(ctx),
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.kept.form.paste(text);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if let Some(picker) = &self.picking {
            return picker.draw(frame, area, ctx);
        }
        let intro = match self.picked() {
            Some((from, sentences)) => format!(
                "Words picked from your answer to \"{}\" ({}): cut away what this grant does not pay for. Count it by attendance, sessions, new_people, or something of your own.",
                super::pick_answer::answer_label(&from, ctx),
                crate::text::count(sentences.len(), "sentence")
            ),
            None => format!(
                "A promise is an outcome this grant pays for, in your words ({} picks them from your answers). Count it by attendance, sessions, new_people, or something of your own (such as went on to volunteer).",
                ctx.keymap
                    .label_in(Context::PromiseForm, Action::PickFromAnswers)
            ),
        };
        grant_form::draw(frame, area, ctx, &self.kept.form, &intro);
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.kept.keep(ctx)
    }
}
