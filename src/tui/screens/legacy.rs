//! The adapter that puts a screen not yet moved into its own file on the
//! stack. Its state is one `app::LegacyScreen` value; while it handles a
//! key or is flushed, that value sits in `Ctx::screen` (the slot the older
//! code reads and writes), and is taken back afterwards.
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
    /// The kind of screen it was opened with, when it was opened over
    /// another screen; None at the bottom of the stack.
    pushed: Option<Discriminant<LegacyScreen>>,
}

impl Legacy {
    /// The bottom of the stack: going back from here is the older code's
    /// business (closing the group, the home screen).
    pub fn base(screen: LegacyScreen) -> Legacy {
        Legacy {
            screen,
            pushed: None,
        }
    }

    /// Opened over another screen: Esc out of it comes back there.
    pub fn pushed(screen: LegacyScreen) -> Legacy {
        Legacy {
            pushed: Some(discriminant(&screen)),
            screen,
        }
    }

    /// Runs older code with this adapter's screen in the slot.
    pub fn run<R>(&mut self, ctx: &mut Ctx, f: impl FnOnce(&mut Ctx) -> R) -> R {
        let mine = replace(&mut self.screen, LegacyScreen::Home);
        let previous = replace(&mut ctx.screen, mine);
        let out = f(ctx);
        self.screen = replace(&mut ctx.screen, previous);
        out
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
        self.run(ctx, |ctx| {
            ctx.legacy_key(input.action, input.key, input.event)
        });
        // Opened over another screen and back on the home list (a file
        // imported from the typed path): the list under it is the same,
        // so this one closes (or gives its place to what it opened).
        let home_again = self.pushed.is_some()
            && self.pushed != Some(discriminant(&LegacyScreen::Home))
            && matches!(self.screen, LegacyScreen::Home);
        if let Some(nav) = ctx.nav.take() {
            return match nav {
                Handled::Push(next) if home_again => Handled::Replace(next),
                nav => nav,
            };
        }
        if home_again {
            return Handled::Pop;
        }
        let now = discriminant(&self.screen);
        // Esc leaving the screen it was opened with goes back to the
        // screen under it.
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

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.run(ctx, |ctx| ctx.keep_form())
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // A screen over the bottom of the stack closed asking for a group
        // to be opened here (the caseload), as the list of groups does.
        if self.pushed.is_none()
            && let Some(slug) = ctx.open_on_base.take()
        {
            self.run(ctx, |ctx| ctx.open_group(&slug));
        }
    }
}
