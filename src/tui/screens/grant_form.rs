//! What the screens for a grant after its award share: a form whose typing
//! is kept in `unfinished/<group>.toml` when it is left (docs/formats.md
//! section 9), drawn one box to a line so a long form fits 80x24; the
//! screen that is only such a form (`FormScreen`), written once; finding
//! the grant by its id; and saving the group after a library call changed
//! it. The monitoring rules themselves are all in `crate::monitoring`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, SESSION_COMMANDS, Screen};
use crate::group::Grant;
use crate::monitoring::evidence::Doing;
use crate::store::unfinished::{self, Unfinished};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{FieldKind, Form};
use crate::tui::keymap::{Action, Context};
use crate::tui::view::draw_text_box;

/// The commands of every grant form.
pub const FORM_COMMANDS: [Action; 6] = [
    Action::NextField,
    Action::PreviousField,
    Action::Up,
    Action::Down,
    Action::Confirm,
    Action::Back,
];

/// A form for one grant, kept in `unfinished/` under the group's short
/// name when it is left with something typed.
#[derive(Debug)]
pub struct KeptForm {
    pub form: Form,
    /// The name in `unfinished/`: `award`, `promise`, `log-edit`.
    name: &'static str,
    /// The grant's id (for an award, the funder's), and for an edit the
    /// promise number or entry id after a slash.
    about: String,
    /// Saved: nothing left to keep.
    done: bool,
    /// Kept after the boxes' values: what a form knows that is in no box
    /// (where a promise's words were picked from).
    pub extra: Vec<String>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Moved, typed or chose: stay.
    Typed,
    /// Save it (Enter outside a box of several lines, or Ctrl+S).
    Save,
    /// Esc: leave it, keeping what was typed.
    Leave,
}

impl KeptForm {
    pub fn new(form: Form, name: &'static str, about: String) -> KeptForm {
        KeptForm {
            form,
            name,
            about,
            done: false,
            extra: Vec::new(),
        }
    }

    fn place(ctx: &Ctx) -> Option<String> {
        ctx.session.as_ref().map(|s| s.open.group.slug.clone())
    }

    /// Puts back what was typed in this same form last time, and says so;
    /// `extra` comes back too.
    pub fn restore(&mut self, ctx: &mut Ctx) {
        let Some(place) = Self::place(ctx) else {
            return;
        };
        let Some(kept) = unfinished::find(&ctx.ws.data, &place) else {
            return;
        };
        if kept.form != self.name || kept.grant != self.about {
            return;
        }
        self.form.restore(&kept.fields);
        self.extra = kept
            .fields
            .get(self.form.fields.len()..)
            .unwrap_or_default()
            .to_vec();
        ctx.say(
            StatusKind::Info,
            format!("What you typed here on {} is back.", kept.kept.for_people()),
        );
    }

    /// Keeps what was typed, or forgets an older copy of this same form
    /// when nothing is typed. Another form kept for the group is left be.
    pub fn keep(&self, ctx: &Ctx) -> Result<(), String> {
        let Some(place) = Self::place(ctx) else {
            return Ok(());
        };
        if self.done {
            return Ok(());
        }
        if !self.form.touched() {
            if unfinished::find(&ctx.ws.data, &place)
                .is_some_and(|k| k.form == self.name && k.grant == self.about)
            {
                unfinished::discard(&ctx.ws.data, &place);
            }
            return Ok(());
        }
        let kept = Unfinished {
            form: self.name.to_string(),
            grant: self.about.clone(),
            fields: self
                .form
                .fields
                .iter()
                .map(|f| f.value())
                .chain(self.extra.iter().cloned())
                .collect(),
            kept: ctx.now(),
        };
        unfinished::keep(&ctx.ws.data, &place, &kept)
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "could not keep what was typed in {}: {e}",
                    unfinished::path(&ctx.ws.data, &place).display()
                )
            })
    }

    /// How saving a grant's form ends, for every such form: done, the
    /// kept copy is forgotten, the group saved and what was done shown,
    /// and the form closes; refused, it stays open with the reason.
    pub fn close<E: std::fmt::Display>(
        &mut self,
        ctx: &mut Ctx,
        done: Result<(StatusKind, String), E>,
    ) -> Handled {
        match done {
            Ok((kind, said)) => {
                self.finished(ctx);
                save_and_say(ctx, kind, said);
                Handled::Pop
            }
            Err(e) => self.refuse(e.to_string()),
        }
    }

    /// Saving was refused: the form stays open with the reason below it.
    pub fn refuse(&mut self, why: impl Into<String>) -> Handled {
        self.form.error = Some(why.into());
        Handled::Done
    }

    /// Saved: the copy in `unfinished/` is no longer needed.
    pub fn finished(&mut self, ctx: &Ctx) {
        self.done = true;
        if let Some(place) = Self::place(ctx)
            && unfinished::find(&ctx.ws.data, &place)
                .is_some_and(|k| k.form == self.name && k.grant == self.about)
        {
            unfinished::discard(&ctx.ws.data, &place);
        }
    }

    /// Leaving with Esc: keep what was typed (a problem goes to the
    /// status line), and nothing more to keep on the way out.
    pub fn leave(&mut self, ctx: &mut Ctx) {
        if let Err(problem) = self.keep(ctx) {
            ctx.say(StatusKind::Warning, problem);
        }
        self.done = true;
    }

    /// A key on a screen that is only this form: the session's commands
    /// go to the session, Esc leaves (keeping what was typed), and other
    /// keys type. None when it is time to save.
    pub fn step(&mut self, input: &Input, ctx: &mut Ctx) -> Option<Handled> {
        if let Some(action) = input.action
            && SESSION_COMMANDS.contains(&action)
        {
            return Some(Handled::NotMine);
        }
        self.form.error = None;
        match self.key(input) {
            FormKey::Typed => Some(Handled::Done),
            FormKey::Leave => {
                self.leave(ctx);
                Some(Handled::Pop)
            }
            FormKey::Save => None,
        }
    }

    /// Moves between boxes, changes choices and types.
    pub fn key(&mut self, input: &Input) -> FormKey {
        let form = &mut self.form;
        match input.action {
            Some(Action::Back) => return FormKey::Leave,
            Some(Action::NextField) => form.next(),
            Some(Action::PreviousField) => form.previous(),
            Some(Action::Up) => form.up_down(true),
            Some(Action::Down) => form.up_down(false),
            // Enter in a box for several lines is a new line (pasted text
            // arrives as keys on some systems); Ctrl+S saves.
            Some(Action::Confirm)
                if input.key.code == ratatui::crossterm::event::KeyCode::Enter
                    && form.focused_takes_lines() =>
            {
                form.type_key(input.event)
            }
            Some(Action::Confirm) => return FormKey::Save,
            Some(_) => {}
            None => form.type_key(input.event),
        }
        FormKey::Typed
    }
}

/// A screen that is only a kept form: recording an award, a grant's
/// return details, correcting a log entry. How such a screen takes keys
/// and pastes, draws and keeps what was typed on the way out is the same
/// for each, so it is written once, here (`impl Screen` below); each
/// screen says only its name, the words above its boxes and how it saves.
pub trait FormScreen: std::fmt::Debug + 'static {
    /// The screen's short name for tests and messages.
    const NAME: &'static str;
    /// The words above the boxes.
    const INTRO: &'static str;

    fn kept(&self) -> &KeptForm;

    fn kept_mut(&mut self) -> &mut KeptForm;

    /// Enter outside a box of several lines (or Ctrl+S) in a group that
    /// can be changed (a read-only one is refused before this): check the
    /// boxes and make the library call, closing the form when it is done
    /// (`KeptForm::close`) or keeping it open with the reason
    /// (`KeptForm::refuse`).
    fn save(&mut self, ctx: &mut Ctx) -> Handled;
}

impl<T: FormScreen> Screen for T {
    fn name(&self) -> &'static str {
        T::NAME
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        CONTEXT
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        FORM_COMMANDS.to_vec()
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match self.kept_mut().step(input, ctx) {
            Some(handled) => handled,
            None => match read_only(ctx) {
                Some(why) => self.kept_mut().refuse(why),
                None => self.save(ctx),
            },
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.kept_mut().form.paste(text);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(frame, area, ctx, &self.kept().form, T::INTRO);
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.kept().keep(ctx)
    }
}

/// A date typed in a box as people write it (1/4/2026, 1 April 2026),
/// None when the box is empty; `what` names the box in the error.
pub fn typed_day(typed: &str, what: &str) -> Result<Option<crate::dates::Day>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed
        .parse()
        .map(Some)
        .map_err(|e: crate::dates::BadDate| format!("{what}: {e}"))
}

/// The open group's grants (none when no group is open).
fn grants(ctx: &Ctx) -> &[Grant] {
    ctx.session
        .as_ref()
        .map_or(&[], |s| s.open.group.grants.as_slice())
}

/// Where the grant with this id is in the group's list.
pub fn grant_index(ctx: &Ctx, id: &str) -> Option<usize> {
    grants(ctx).iter().position(|g| g.id == id)
}

/// The grant with this id.
pub fn grant<'a>(ctx: &'a Ctx, id: &str) -> Option<&'a Grant> {
    grants(ctx).iter().find(|g| g.id == id)
}

/// Changes grant `id` through a library call that says what it did,
/// then saves the group and shows that; a read-only group or a refused
/// change is said on the status line instead. (Removing a promise or a
/// log entry after asking goes this way.)
pub fn change_grant<E: std::fmt::Display>(
    ctx: &mut Ctx,
    id: &str,
    change: impl FnOnce(&mut Grant) -> Result<String, E>,
) {
    if let Some(why) = read_only(ctx) {
        return ctx.say(StatusKind::Warning, why);
    }
    let Some(index) = grant_index(ctx, id) else {
        return;
    };
    let Some(s) = &mut ctx.session else { return };
    match change(&mut s.open.group.grants[index]) {
        Ok(said) => save_and_say(ctx, StatusKind::Info, said),
        Err(e) => ctx.say(StatusKind::Error, e.to_string()),
    }
}

/// Why nothing can be changed, when the group is open read-only.
pub fn read_only(ctx: &Ctx) -> Option<String> {
    let s = ctx.session.as_ref()?;
    s.open
        .read_only
        .is_some()
        .then(|| "This group is read-only; nothing can be changed here.".to_string())
}

/// Who is doing it and when, for the evidence calls.
pub fn doing(ctx: &Ctx) -> Doing {
    Doing {
        by: ctx
            .session
            .as_ref()
            .map_or(crate::group::Author::Group, |s| s.author),
        today: ctx.today(),
        now: ctx.now(),
    }
}

/// Saves the group after a change and then says what was done (the save
/// says "Saved." otherwise). A failed save keeps its own message.
pub fn save_and_say(ctx: &mut Ctx, kind: StatusKind, said: String) {
    let now = ctx.now();
    if let Some(s) = &mut ctx.session {
        s.open.group.updated = now;
    }
    if ctx.save_now() {
        ctx.say(kind, said);
    }
}

/// The status for a library call's message and its warnings.
pub fn said_with(said: String, warnings: &[String]) -> (StatusKind, String) {
    if warnings.is_empty() {
        return (StatusKind::Info, said);
    }
    (
        StatusKind::Warning,
        format!("{said} {}", warnings.join(" ")),
    )
}

/// Draws a form one box to a line (a box of several lines gets five), an
/// introduction above it and the problem, if any, below it.
pub fn draw(frame: &mut Frame, area: Rect, ctx: &Ctx, form: &Form, intro: &str) {
    let t = &ctx.theme;
    let intro_lines = if intro.is_empty() {
        0
    } else {
        crate::text::wrap(intro, area.width as usize).len().min(3) as u16
    };
    let mut constraints = vec![Constraint::Length(1), Constraint::Length(intro_lines)];
    for f in &form.fields {
        constraints.push(Constraint::Length(
            if matches!(f.kind, FieldKind::Text { lines: true }) {
                5
            } else {
                1
            },
        ));
    }
    constraints.push(Constraint::Min(0));
    let areas = Layout::vertical(constraints).split(area);
    frame.render_widget(
        Paragraph::new(Span::styled(form.title.clone(), t.title)),
        areas[0],
    );
    frame.render_widget(
        Paragraph::new(Span::styled(intro.to_string(), t.dim)).wrap(Wrap { trim: true }),
        areas[1],
    );
    let label_width = (area.width / 2).min(40);
    let choose = format!(
        "  {}/{}",
        ctx.keymap.label_in(CONTEXT, Action::Up),
        ctx.keymap.label_in(CONTEXT, Action::Down)
    );
    for (i, field) in form.fields.iter().enumerate() {
        let row = areas[i + 2];
        let here = i == form.focus;
        let label_style = if here { t.selected } else { t.text };
        let mark = if here { "> " } else { "  " };
        if let FieldKind::Text { lines: true } = field.kind {
            let title = format!("{}{}", field.label, if here { " (here)" } else { "" });
            draw_text_box(frame, ctx, row, &field.text, &title);
            continue;
        }
        let [label, value] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(4)]).areas(row);
        let text: String = format!("{mark}{}", one_line(&field.label))
            .chars()
            .take(label_width.saturating_sub(1) as usize)
            .collect();
        frame.render_widget(Paragraph::new(Span::styled(text, label_style)), label);
        match &field.kind {
            FieldKind::Choice(options) => {
                let chosen = options.get(field.choice).map_or("", String::as_str);
                let chosen = if chosen.is_empty() { "(none)" } else { chosen };
                frame.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::styled(format!("< {} >", one_line(chosen)), t.text),
                        Span::styled(if here { choose.as_str() } else { "" }, t.dim),
                    ])),
                    value,
                );
            }
            _ => frame.render_widget(&field.text, value),
        }
    }
    // Below the boxes: the problem, or the whole label of the box the
    // cursor is in when it did not fit beside it.
    let last = areas[areas.len() - 1];
    let focused = form.fields.get(form.focus);
    let below = match (&form.error, focused) {
        (Some(error), _) => Some(Span::styled(one_line(error), t.error)),
        (None, Some(f))
            if !matches!(f.kind, FieldKind::Text { lines: true })
                && f.label.chars().count() + 3 > label_width as usize =>
        {
            Some(Span::styled(one_line(&f.label), t.dim))
        }
        _ => None,
    };
    if let Some(below) = below {
        frame.render_widget(Paragraph::new(below).wrap(Wrap { trim: true }), last);
    }
}

/// The context every grant form answers to.
pub const CONTEXT: Context = Context::GrantForm;
