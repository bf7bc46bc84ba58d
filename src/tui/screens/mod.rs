//! Screens as components on a stack. Each screen is one struct in one file
//! here: it owns its state, says which keymap context it answers to and
//! which commands it offers now (the footer and the help screen are built
//! from that list, so the hints cannot drift from the code), reacts to an
//! action by saying where to go next, draws itself, puts the words it holds
//! into the group when the autosave is due, wherever it is on the stack
//! (`autosave`), and keeps what it holds when the program ends (`flush`).
//!
//! `App` (in `app::stack`) holds the stack and the shared services (`Ctx`).
//! A key goes to the top screen; what it returns `NotMine` for goes once to
//! the session-level handler (help, glossary, colours, quit). Esc is the
//! Back action, which each screen answers itself (most by popping).

pub mod add_funder;
pub mod answer;
pub mod bid;
pub mod conflicts;
pub mod draft_preview;
pub mod export_where;
pub mod find;
pub mod funder;
pub mod funders;
pub mod glossary;
pub mod help;
pub mod home;
pub mod home_entry;
pub mod import_existing;
pub mod import_pick;
pub mod nearby;
pub mod next_year;
pub mod note;
pub mod progress;
pub mod questions;
pub mod sections;
pub mod who;
pub mod wording;
pub mod words;
// A grant after its award (issue 16).
pub mod award;
pub mod confirm_remove;
pub mod entry;
pub mod evidence;
pub mod grant_form;
pub mod grant_return;
pub mod pick_answer;
pub mod promise;
pub mod promises;
pub mod return_details;
// The grants, one grant and its log forms; the caseload, a sync's result
// and saving a copy elsewhere.
pub mod caseload;
pub mod grant;
pub mod grants;
pub mod log_form;
pub mod save_elsewhere;
pub mod sync_result;

use std::any::Any;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::app::Ctx;
use super::keymap::{Action, Context, Key};

/// A key as a screen gets it: the action the keymap gives it in the
/// screen's context (None: no binding, so text on a typing screen), the
/// key, and the raw event for text boxes.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    pub action: Option<Action>,
    pub key: Key,
    pub event: KeyEvent,
}

/// What a screen did with an action: where the stack goes next.
#[derive(Debug)]
pub enum Handled {
    /// Dealt with; stay on this screen.
    Done,
    /// Open this screen over this one (Esc there comes back here).
    Push(Box<dyn Screen>),
    /// Close this screen and go back to the one under it.
    Pop,
    /// Close this screen and open this one in its place.
    Replace(Box<dyn Screen>),
    /// Save everything and end the program.
    Quit,
    /// Not this screen's: the session-level handler gets it once.
    NotMine,
}

/// The actions every screen leaves to the session: they work everywhere.
pub const SESSION_COMMANDS: [Action; 4] =
    [Action::Quit, Action::Help, Action::Glossary, Action::Theme];

/// One screen of the full-screen program.
pub trait Screen: Any + std::fmt::Debug {
    /// A short name for tests and messages ("funders", "help").
    fn name(&self) -> &'static str;

    /// The keymap context this screen answers to now (a screen with steps,
    /// such as adding a funder, can answer to a different one per step).
    fn context(&self, ctx: &Ctx) -> Context;

    /// The commands this screen offers now: each is bound in `context` and
    /// does something here. The footer and help list exactly these.
    fn commands(&self, ctx: &Ctx) -> Vec<Action>;

    /// Reacts to one key.
    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled;

    /// Text pasted while this screen is on top (bracketed paste).
    fn paste(&mut self, _text: &str, _ctx: &mut Ctx) {}

    /// Draws the body of the screen (the header, status line and footer
    /// are drawn around it by `view`).
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);

    /// Keeps whatever this screen holds that is not saved yet (words into
    /// the group, a half-filled form into `unfinished/`). Every way out of
    /// the program calls this on every screen on the stack, top first.
    fn flush(&mut self, _ctx: &mut Ctx) -> Result<(), String> {
        Ok(())
    }

    /// The autosave: puts the words this screen holds into the group (not
    /// yet on disk). Called on every screen on the stack, bottom first,
    /// whenever the session's autosave is due (typing paused, or not saved
    /// for a while as it goes on), wherever the screen is: an answer typed
    /// under the help screen, or under a second answer opened over it, is
    /// saved too. The group file is written once, after every screen has
    /// had its turn. Words that cannot go in yet (a half-typed amount) wait
    /// for more typing.
    fn autosave(&mut self, _ctx: &mut Ctx) {}

    /// This screen is on top again after the one over it closed: refresh
    /// what may have changed meanwhile (an answer given, a rule now met).
    fn resume(&mut self, _ctx: &mut Ctx) {}

    /// Called about four times a second, only while this screen is on top,
    /// for work of its own (a sync asked for runs here). Saving is not
    /// done here but in `autosave`, which reaches every screen.
    fn tick(&mut self, _ctx: &mut Ctx, _now: std::time::Instant) {}
}

impl dyn Screen {
    /// This screen as its own type, if it is one.
    pub fn downcast_ref<T: Screen>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref::<T>()
    }

    pub fn downcast_mut<T: Screen>(&mut self) -> Option<&mut T> {
        (self as &mut dyn Any).downcast_mut::<T>()
    }
}
