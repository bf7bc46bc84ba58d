//! Adding a funder, or a funder's questions, from its form: the name (for
//! a new funder), then the questions pasted or typed, read by the same
//! parser as `alongside funders new --questions-from`, then what was
//! understood, with each limit editable, saved only when the person says.
//!
//! What was typed is never lost: leaving the steps (Esc, Ctrl+C, the
//! window closed) keeps the name, organisation, web address and the pasted
//! questions in `unfinished/add-funder.toml` (docs/formats.md section 9),
//! and starting the same steps again brings them back.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::funders::form::{self, FormQuestion};
use crate::funders::user_profiles::{self, NewFunder};
use crate::store::unfinished::{self, Unfinished};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{draw_form, draw_text_box, list};

/// The place in `unfinished/` for these steps: funders belong to the data
/// folder, not to one group.
pub const PLACE: &str = "add-funder";

/// Where the steps go back to when they are done or left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddBack {
    /// Opened over the funders list or one funder.
    Funders,
    /// Opened over the bid to this funder.
    Draft(String),
}

/// The steps of adding questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddStage {
    /// The new funder's name, organisation and web address.
    Details,
    /// Pasting or typing the questions.
    Paste,
    /// What was understood, before saving.
    Review,
}

/// Which limit is being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    Words,
    Characters,
}

#[derive(Debug)]
pub struct AddFunder {
    /// The funder the questions are for; `None` for a new funder.
    pub funder: Option<String>,
    /// Its name, for headings.
    pub funder_name: String,
    /// The new funder's details.
    pub details: Option<Form>,
    pub stage: AddStage,
    /// What was pasted or typed, kept when going back to change it.
    pub text: TextArea<'static>,
    pub questions: Vec<FormQuestion>,
    /// Questions the person chose to leave out, by position.
    pub left_out: Vec<bool>,
    /// Lines that were not questions (headings, introductions).
    pub skipped: usize,
    pub cursor: ListCursor,
    /// A limit being typed for the selected question.
    pub limit: Option<(LimitKind, TextArea<'static>)>,
    pub error: Option<String>,
    pub back: AddBack,
    /// Saved: nothing left to keep.
    done: bool,
}

impl AddFunder {
    /// Starts adding a funder that is not in the list, with what was typed
    /// for one last time, if anything.
    pub fn new_funder(ctx: &mut Ctx, back: AddBack) -> AddFunder {
        let details = Form::new(
            FormKind::Funder,
            "A funder that is not in the list",
            vec![
                Field::words("The funder's or programme's name", false),
                Field::words(
                    "The organisation that gives the money (if not the same)",
                    false,
                ),
                Field::words("Its web address (if you know it)", false),
            ],
        );
        let mut add = AddFunder::blank(None, String::new(), Some(details), back);
        add.restore(ctx);
        add
    }

    /// Starts adding questions to a funder in the list; None (and the
    /// status says why) when it is no longer loaded.
    pub fn questions(ctx: &mut Ctx, funder: String, back: AddBack) -> Option<AddFunder> {
        let Some(profile) = ctx.profile(&funder) else {
            ctx.say(
                StatusKind::Error,
                "That funder's profile is no longer loaded.",
            );
            return None;
        };
        let name = profile.name.clone();
        let mut add = AddFunder::blank(Some(funder), name, None, back);
        add.stage = AddStage::Paste;
        add.restore(ctx);
        Some(add)
    }

    /// The screen to open for adding questions (nothing when the funder
    /// is not loaded).
    pub fn open_questions(ctx: &mut Ctx, funder: String, back: AddBack) -> Handled {
        match AddFunder::questions(ctx, funder, back) {
            Some(add) => Handled::Push(Box::new(add)),
            None => Handled::Done,
        }
    }

    fn blank(
        funder: Option<String>,
        funder_name: String,
        details: Option<Form>,
        back: AddBack,
    ) -> AddFunder {
        AddFunder {
            funder,
            funder_name,
            details,
            stage: AddStage::Details,
            text: text_box("", true),
            questions: Vec::new(),
            left_out: Vec::new(),
            skipped: 0,
            cursor: ListCursor::default(),
            limit: None,
            error: None,
            back,
            done: false,
        }
    }

    /// The name this form is kept under in `unfinished/`.
    fn form_name(&self) -> &'static str {
        if self.funder.is_some() {
            "add-questions"
        } else {
            "add-funder"
        }
    }

    fn typed_text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// What is kept: the details (for a new funder), then the questions
    /// as pasted or typed.
    fn fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self
            .details
            .iter()
            .flat_map(|f| f.fields.iter().map(|x| x.value()))
            .collect();
        fields.push(self.typed_text());
        fields
    }

    fn touched(&self) -> bool {
        self.details.as_ref().is_some_and(Form::touched) || !self.typed_text().trim().is_empty()
    }

    /// Puts back what was typed for these same steps last time.
    fn restore(&mut self, ctx: &mut Ctx) {
        let Some(kept) = unfinished::find(&ctx.ws.data, PLACE) else {
            return;
        };
        let same_funder = kept.grant == self.funder.clone().unwrap_or_default();
        if kept.form != self.form_name() || !same_funder {
            return;
        }
        let mut fields = kept.fields.clone();
        let text = fields.pop().unwrap_or_default();
        if let Some(form) = &mut self.details {
            form.restore(&fields);
        }
        self.text = text_box(&text, true);
        ctx.say(
            StatusKind::Info,
            format!("What you typed here on {} is back.", kept.kept.for_people()),
        );
    }

    /// Keeps what was typed in `unfinished/`, or forgets an older copy of
    /// these steps when nothing is typed.
    fn keep(&self, ctx: &Ctx) -> Result<(), String> {
        if self.done {
            return Ok(());
        }
        let grant = self.funder.clone().unwrap_or_default();
        if !self.touched() {
            if unfinished::find(&ctx.ws.data, PLACE)
                .is_some_and(|k| k.form == self.form_name() && k.grant == grant)
            {
                unfinished::discard(&ctx.ws.data, PLACE);
            }
            return Ok(());
        }
        let form = Unfinished {
            form: self.form_name().to_string(),
            grant,
            fields: self.fields(),
            kept: ctx.now(),
        };
        unfinished::keep(&ctx.ws.data, PLACE, &form)
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "could not keep what was typed for the funder in {}: {e}",
                    unfinished::path(&ctx.ws.data, PLACE).display()
                )
            })
    }

    /// Esc from the first step: keep what was typed, and go back.
    fn leave(&mut self, ctx: &mut Ctx) -> Handled {
        if let Err(problem) = self.keep(ctx) {
            ctx.say(StatusKind::Warning, problem);
        }
        self.done = true;
        Handled::Pop
    }

    fn limit_key(&mut self, input: &Input) {
        let Some((kind, typed)) = &mut self.limit else {
            return;
        };
        match input.action {
            Some(Action::Back) => self.limit = None,
            Some(Action::Confirm) => {
                let kind = *kind;
                match read_limit(kind, &typed.lines().join(" ")) {
                    Ok((min, max)) => {
                        if let Some(q) = self.questions.get_mut(self.cursor.index()) {
                            match kind {
                                LimitKind::Words => {
                                    q.min_words = min;
                                    q.max_words = max;
                                }
                                LimitKind::Characters => q.max_chars = max,
                            }
                        }
                        self.limit = None;
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Some(_) => {}
            None => {
                typed.input(input.event);
            }
        }
    }

    fn details_key(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let Some(form) = &mut self.details else {
            return Handled::Done;
        };
        match input.action {
            Some(Action::Back) => return self.leave(ctx),
            Some(Action::NextField) => form.next(),
            Some(Action::PreviousField) => form.previous(),
            Some(Action::Confirm) => {
                let name = form.value(0).trim().to_string();
                let id = crate::text::slugify(&name).unwrap_or_default();
                let checked = if name.is_empty() {
                    Err("Type the funder's name first.".to_string())
                } else {
                    user_profiles::check_new_id(ctx.catalogue(), &id).map_err(|e| e.to_string())
                };
                match checked {
                    Ok(()) => {
                        self.funder_name = name;
                        self.stage = AddStage::Paste;
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            Some(_) => {}
            None => form.type_key(input.event),
        }
        Handled::Done
    }

    fn paste_key(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Back) if self.details.is_some() => self.stage = AddStage::Details,
            Some(Action::Back) => return self.leave(ctx),
            Some(Action::Confirm) => {
                let parsed = form::parse(&self.typed_text());
                if parsed.questions.is_empty() {
                    self.error = Some("No questions found yet. Paste or type them: one on each line, or numbered 1. 2. 3.".to_string());
                } else {
                    self.left_out = vec![false; parsed.questions.len()];
                    self.questions = parsed.questions;
                    self.skipped = parsed.skipped.len();
                    self.cursor = ListCursor::default();
                    self.stage = AddStage::Review;
                }
            }
            Some(_) => {}
            None => {
                self.text.input(input.event);
            }
        }
        Handled::Done
    }

    fn review_key(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.questions.len()) {
            return Handled::Done;
        }
        let index = self.cursor.index();
        let selected = self.questions.get_mut(index);
        match (input.action, selected) {
            (Some(Action::Back), _) => self.stage = AddStage::Paste,
            (Some(Action::WordLimit), Some(q)) => {
                let now = match (q.min_words, q.max_words) {
                    (Some(min), Some(max)) => format!("{min}-{max}"),
                    (_, Some(max)) => max.to_string(),
                    _ => String::new(),
                };
                self.limit = Some((LimitKind::Words, text_box(&now, false)));
            }
            (Some(Action::CharLimit), Some(q)) => {
                let now = q.max_chars.map(|n| n.to_string()).unwrap_or_default();
                self.limit = Some((LimitKind::Characters, text_box(&now, false)));
            }
            (Some(Action::ToggleSpaces), Some(q)) => {
                q.chars_include_spaces = Some(!q.chars_include_spaces.unwrap_or(true));
            }
            (Some(Action::ToggleOptional), Some(q)) => q.optional = !q.optional,
            (Some(Action::LeaveOut), Some(_)) => {
                if let Some(out) = self.left_out.get_mut(index) {
                    *out = !*out;
                }
            }
            (Some(Action::Confirm), _) => return self.save(ctx),
            _ => {}
        }
        Handled::Done
    }

    /// Saves the questions kept into the funder's profile in the data
    /// folder, reloads the funders and opens the bid to it.
    fn save(&mut self, ctx: &mut Ctx) -> Handled {
        let today = ctx.today();
        let kept: Vec<FormQuestion> = self
            .questions
            .iter()
            .zip(&self.left_out)
            .filter(|(_, out)| !**out)
            .map(|(q, _)| q.clone())
            .collect();
        if kept.is_empty() {
            self.error = Some(format!(
                "Every question is left out. Press {} on one to put it back, or {} to go back.",
                ctx.keymap.label_in(Context::FormReview, Action::LeaveOut),
                ctx.keymap.label_in(Context::FormReview, Action::Back),
            ));
            return Handled::Done;
        }
        let (mut profile, origin) = match (&self.funder, &self.details) {
            (Some(id), _) => match ctx.catalogue().get(id) {
                Some(l) => (l.profile.clone(), Some(l.origin.clone())),
                None => {
                    ctx.say(
                        StatusKind::Error,
                        "That funder's profile is no longer loaded.",
                    );
                    return Handled::Done;
                }
            },
            (None, Some(form)) => {
                let optional = |i: usize| {
                    let v = form.value(i).trim().to_string();
                    (!v.is_empty()).then_some(v)
                };
                let name = form.value(0).trim().to_string();
                let new = NewFunder {
                    id: crate::text::slugify(&name).unwrap_or_default(),
                    name,
                    organisation: optional(1),
                    website: optional(2),
                };
                (user_profiles::new_profile(&new, today), None)
            }
            (None, None) => return Handled::Done,
        };
        let questions = user_profiles::form_questions(&kept);
        user_profiles::add_questions(&mut profile, &questions, today);
        let path = user_profiles::save_path(&ctx.ws.data.funders(), &profile, origin.as_ref());
        if let Err(e) = user_profiles::save(&path, &profile) {
            self.error = Some(e.to_string());
            return Handled::Done;
        }
        self.done = true;
        unfinished::discard(&ctx.ws.data, PLACE);
        ctx.reload_funders();
        ctx.refresh_matches();
        ctx.say(
            StatusKind::Info,
            format!(
                "Saved {} for {}. Every group in this data folder can use them now.",
                crate::drafting::plural(kept.len(), "question"),
                profile.name
            ),
        );
        match self.back {
            // The bid underneath shows the new questions.
            AddBack::Draft(_) => Handled::Pop,
            AddBack::Funders => Handled::Replace(Box::new(super::bid::Bid::open(profile.id))),
        }
    }
}

/// Says, when the funders open, that a funder was left half-added.
pub fn mention_unfinished(ctx: &mut Ctx) {
    let Some(kept) = unfinished::find(&ctx.ws.data, PLACE) else {
        return;
    };
    let key = match kept.form.as_str() {
        "add-funder" => ctx.keymap.label_in(Context::Funders, Action::AddFunder),
        "add-questions" => ctx.keymap.label_in(Context::Funders, Action::AddQuestions),
        _ => return,
    };
    let what = if kept.form == "add-funder" {
        "a funder half-added".to_string()
    } else {
        format!("questions half-added for {}", kept.grant)
    };
    let mut text = format!(
        "You left {what} on {}: {key} brings back what you typed.",
        kept.kept.for_people()
    );
    if let Some(status) = &ctx.status {
        text = format!("{} {text}", status.text);
    }
    ctx.say(StatusKind::Warning, text);
}

impl Screen for AddFunder {
    fn name(&self) -> &'static str {
        "add-funder"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        if self.limit.is_some() {
            return Context::FormLimit;
        }
        match self.stage {
            AddStage::Details => Context::AddFunder,
            AddStage::Paste => Context::FormText,
            AddStage::Review => Context::FormReview,
        }
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Action> {
        match self.context(ctx) {
            Context::AddFunder => vec![
                Action::NextField,
                Action::PreviousField,
                Action::Confirm,
                Action::Back,
            ],
            Context::FormReview => vec![
                Action::Up,
                Action::Down,
                Action::Back,
                Action::WordLimit,
                Action::CharLimit,
                Action::ToggleSpaces,
                Action::ToggleOptional,
                Action::LeaveOut,
                Action::Confirm,
            ],
            _ => vec![Action::Confirm, Action::Back],
        }
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if let Some(action) = input.action
            && !self.commands(ctx).contains(&action)
            && super::SESSION_COMMANDS.contains(&action)
        {
            return Handled::NotMine;
        }
        self.error = None;
        if self.limit.is_some() {
            self.limit_key(input);
            return Handled::Done;
        }
        match self.stage {
            AddStage::Details => self.details_key(input, ctx),
            AddStage::Paste => self.paste_key(input, ctx),
            AddStage::Review => self.review_key(input, ctx),
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        if let Some((_, typed)) = &mut self.limit {
            typed.insert_str(crate::text::sanitize(text, false));
            return;
        }
        match self.stage {
            AddStage::Details => {
                if let Some(form) = &mut self.details {
                    form.paste(text);
                }
            }
            AddStage::Paste => {
                self.text
                    .insert_str(crate::text::sanitize(&text.replace("\r\n", "\n"), true));
            }
            AddStage::Review => {}
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_add_funder(frame, ctx, area, self);
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.keep(ctx)
    }
}

/// Reads what was typed for a limit: a number, or for words "50-300" (a
/// minimum and a maximum); nothing for no limit.
pub fn read_limit(kind: LimitKind, typed: &str) -> Result<(Option<u32>, Option<u32>), String> {
    let typed = typed.trim().replace(',', "");
    if typed.is_empty() {
        return Ok((None, None));
    }
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("\"{}\" is not a whole number above 0", t.trim()))
    };
    match (kind, typed.split_once(['-', '–'])) {
        (LimitKind::Words, Some((min, max))) => {
            let (min, max) = (number(min)?, number(max)?);
            if min > max {
                return Err(format!("the least ({min}) is above the most ({max})"));
            }
            Ok((Some(min), Some(max)))
        }
        (LimitKind::Characters, Some(_)) => {
            Err("type the most characters the form takes, such as 1500".to_string())
        }
        (_, None) => Ok((None, Some(number(&typed)?))),
    }
}

fn draw_add_funder(frame: &mut Frame, app: &Ctx, area: Rect, add: &AddFunder) {
    let t = &app.theme;
    match add.stage {
        AddStage::Details => {
            if let Some(form) = &add.details {
                let [intro, rest] =
                    Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        "Only what you type is kept. Nobody has checked yet whether it is open, so it shows as \"not known\" until someone does.",
                        t.dim,
                    ))
                    .wrap(Wrap { trim: true }),
                    intro,
                );
                draw_form(frame, app, rest, form);
            }
        }
        AddStage::Paste => {
            let [intro, boxed, error] = Layout::vertical([
                Constraint::Length(4),
                Constraint::Min(4),
                Constraint::Length(1),
            ])
            .areas(area);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        format!("The questions on {}'s form", one_line(&add.funder_name)),
                        t.title,
                    )),
                    Line::from(Span::styled(
                        "Paste them from the form or its guidance, or type them: one on each line, or numbered. A limit such as \"(max 300 words)\" is read from the words; none is guessed.",
                        t.dim,
                    )),
                ])
                .wrap(Wrap { trim: true }),
                intro,
            );
            draw_text_box(frame, app, boxed, &add.text, "The form's questions");
            draw_error(frame, app, error, add.error.as_deref());
        }
        AddStage::Review => draw_review(frame, app, area, add),
    }
}

fn draw_error(frame: &mut Frame, app: &Ctx, area: Rect, error: Option<&str>) {
    if let Some(error) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(one_line(error), app.theme.error)),
            area,
        );
    }
}

fn draw_review(frame: &mut Frame, app: &Ctx, area: Rect, add: &AddFunder) {
    let t = &app.theme;
    let bottom = if add.limit.is_some() { 4 } else { 1 };
    let [intro, body, below] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(4),
        Constraint::Length(bottom),
    ])
    .areas(area);
    let kept = add.left_out.iter().filter(|out| !**out).count();
    let skipped = match add.skipped {
        0 => String::new(),
        1 => " 1 line was not a question (a heading or introduction).".to_string(),
        n => format!(" {n} lines were not questions (headings or introductions)."),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "Understood {} for {}; {kept} to save.{skipped} Check each limit against the form before saving.",
                crate::drafting::plural(add.questions.len(), "question"),
                one_line(&add.funder_name)
            ),
            t.text,
        ))
        .wrap(Wrap { trim: true }),
        intro,
    );
    let width = body.width.saturating_sub(8) as usize;
    let items: Vec<ListItem> = add
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let out = add.left_out.get(i).copied().unwrap_or(false);
            let prompt: String = format!("{}. {}", i + 1, one_line(&q.prompt))
                .chars()
                .take(width)
                .collect();
            let said = if out {
                "left out: not saved".to_string()
            } else {
                q.understood()
            };
            let said: String = format!("    {said}").chars().take(width + 4).collect();
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(prompt, if out { t.dim } else { t.text })),
                Line::from(Span::styled(said, t.dim)),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(add.cursor.index()));
    frame.render_stateful_widget(list(app, items, "What was understood"), body, &mut state);
    match &add.limit {
        Some((kind, typed)) => {
            let [boxed, error] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(below);
            let title = match kind {
                LimitKind::Words => {
                    "Words: the most (300), or the least and most (50-300); empty for none"
                }
                LimitKind::Characters => {
                    "Characters: the most the box takes (1500); empty for none"
                }
            };
            draw_text_box(frame, app, boxed, typed, title);
            draw_error(frame, app, error, add.error.as_deref());
        }
        None => draw_error(frame, app, below, add.error.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_as_typed() {
        assert_eq!(read_limit(LimitKind::Words, "300"), Ok((None, Some(300))));
        assert_eq!(
            read_limit(LimitKind::Words, " 50-300 "),
            Ok((Some(50), Some(300)))
        );
        assert_eq!(
            read_limit(LimitKind::Characters, "1,500"),
            Ok((None, Some(1500)))
        );
        assert_eq!(read_limit(LimitKind::Words, ""), Ok((None, None)));
        assert!(read_limit(LimitKind::Words, "300-50").is_err());
        assert!(read_limit(LimitKind::Words, "lots").is_err());
        assert!(read_limit(LimitKind::Words, "0").is_err());
        assert!(read_limit(LimitKind::Characters, "10-20").is_err());
    }
}
