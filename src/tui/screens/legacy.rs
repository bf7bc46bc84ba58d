//! The adapter that puts a screen not yet moved into its own file on the
//! stack. Its state is one `app::LegacyScreen` value; while it handles a
//! key or a paste, or ticks, that value sits in `Ctx::screen` (the slot the
//! older code reads and writes), and is taken back afterwards.
//!
//! Moves between legacy screens stay inside one adapter (replacing its
//! value, as the older code does). The older code asks for a real move on
//! the stack with `Ctx::navigate`. An adapter that was pushed (opened over
//! another screen) pops when Esc leaves the screen it was opened with, so
//! Esc returns to where the person came from.

use std::mem::{Discriminant, discriminant, replace};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Handled, Input, SESSION_COMMANDS, Screen};
use crate::tui::app::{Ctx, LegacyScreen};
use crate::tui::keymap::{Action, Context};
use crate::tui::view;

#[derive(Debug)]
pub struct Legacy {
    pub screen: LegacyScreen,
    /// The kind of screen it was opened with (it is always opened over
    /// another screen).
    pushed: Option<Discriminant<LegacyScreen>>,
    /// The section and question it was on, to come back to after a screen
    /// over it moved the shared answering position.
    at: Option<(usize, usize)>,
}

impl Legacy {
    /// Opened over another screen: Esc out of it comes back there.
    pub fn pushed(screen: LegacyScreen) -> Legacy {
        Legacy {
            pushed: Some(discriminant(&screen)),
            screen,
            at: None,
        }
    }

    /// Runs older code with this adapter's screen in the slot.
    pub fn run<R>(&mut self, ctx: &mut Ctx, f: impl FnOnce(&mut Ctx) -> R) -> R {
        let mine = replace(&mut self.screen, LegacyScreen::Empty);
        let previous = replace(&mut ctx.screen, mine);
        let out = f(ctx);
        self.screen = replace(&mut ctx.screen, previous);
        self.remember(ctx);
        out
    }

    fn remember(&mut self, ctx: &Ctx) {
        if matches!(self.screen, LegacyScreen::Answer) {
            self.at = ctx.session.as_ref().map(|s| (s.section, s.question));
        }
    }
}

impl Screen for Legacy {
    fn name(&self) -> &'static str {
        self.screen.name()
    }

    fn context(&self, ctx: &Ctx) -> Context {
        ctx.legacy_context_of(&self.screen)
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Action> {
        // The screens behind the adapter offer every action bound on them.
        ctx.keymap.actions_in(self.context(ctx))
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        // The older screens never handled these themselves (the home
        // screen's own keys for them included).
        if input.action.is_some_and(|a| SESSION_COMMANDS.contains(&a)) {
            return Handled::NotMine;
        }
        let before = discriminant(&self.screen);
        self.run(ctx, |ctx| ctx.legacy_key(input.action, input.event));
        if let Some(nav) = ctx.nav.take() {
            return nav;
        }
        let now = discriminant(&self.screen);
        // Esc leaving the screen it was opened with goes back to the
        // screen under it. (The answer editor asks to go back itself, with
        // `Ctx::leave_answer`.)
        let left = before == self.pushed.unwrap_or(now);
        if self.pushed.is_some() && input.action == Some(Action::Back) && now != before && left {
            Handled::Pop
        } else {
            Handled::Done
        }
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        self.run(ctx, |ctx| ctx.legacy_paste(text));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        view::draw_legacy(frame, ctx, area, &self.screen);
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // A screen over this one may have moved the shared answering
        // position (a question opened from a funder): go back to ours.
        if let (Some((section, question)), Some(s)) = (self.at, ctx.session.as_mut()) {
            s.section = section;
            s.question = question;
        }
        if matches!(self.screen, LegacyScreen::Answer) {
            let open = ctx.session.as_ref().is_some_and(|s| s.editor.is_some());
            if !open {
                self.run(ctx, |ctx| ctx.open_editor());
            }
        }
    }

    fn tick(&mut self, ctx: &mut Ctx, now: std::time::Instant) {
        self.run(ctx, |ctx| ctx.tick(now));
    }
}
