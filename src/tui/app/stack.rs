//! The program: the shared services (`Ctx`) and the stack of screens over
//! them. A key goes to the top screen; what it leaves (`NotMine`) goes
//! once to the session-level handler here. The autosave reaches every
//! screen on the stack, bottom first, then saves the group once; every way
//! out flushes every screen on the stack, top first, then saves the group.

use std::ops::{Deref, DerefMut};
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::{Ctx, StatusKind};
use crate::bank::Bank;
use crate::dates::Moment;
use crate::paths::DataDir;
use crate::tui::keymap::{Action, Key};
use crate::tui::screens::answer::Answer;
use crate::tui::screens::glossary::Glossary;
use crate::tui::screens::help::Help;
use crate::tui::screens::home::Home;
use crate::tui::screens::home_entry::HomeEntry;
use crate::tui::screens::save_elsewhere::SaveElsewhere;
use crate::tui::screens::{Handled, Input, Screen};
use crate::tui::signals::Stop;
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::view;
use crate::workspace::Workspace;

pub struct App {
    pub ctx: Ctx,
    /// Never empty: the bottom screen is the list of groups (`Home`), and
    /// the top one gets the keys.
    screens: Vec<Box<dyn Screen>>,
}

impl Deref for App {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Ctx {
        &mut self.ctx
    }
}

impl App {
    /// The program over `ws`, the one workspace every screen works in.
    pub fn new(ws: Workspace, theme: Theme) -> App {
        Self::in_workspace(ws, theme, Moment::now)
    }

    /// For tests: a workspace over `data`, and a fixed clock that keeps
    /// answer times stable in snapshots.
    pub fn with_clock(
        data: DataDir,
        bank: &'static Bank,
        theme: Theme,
        clock: fn() -> Moment,
    ) -> App {
        let ws = Workspace::over(
            data,
            bank,
            crate::vocab::Vocabularies::builtin(),
            clock().local_day(),
        );
        Self::in_workspace(ws, theme, clock)
    }

    /// The list of groups, with a new group's name or an import path left
    /// half-typed last time open over it again.
    pub fn in_workspace(ws: Workspace, theme: Theme, clock: fn() -> Moment) -> App {
        let mut ctx = Ctx::with_clock(ws, theme, clock);
        let mut screens: Vec<Box<dyn Screen>> = vec![Box::new(Home::open(&ctx))];
        if let Some(kept) = HomeEntry::kept(&mut ctx) {
            screens.push(Box::new(kept));
        }
        App { ctx, screens }
    }

    /// The screen that gets the keys.
    pub fn top(&self) -> &dyn Screen {
        self.screens
            .last()
            .map_or(&NOTHING as &dyn Screen, Box::as_ref)
    }

    /// The top screen as its own type, if it is one.
    pub fn top_is<T: Screen>(&self) -> Option<&T> {
        self.top().downcast_ref::<T>()
    }

    /// The question the answer screen on top is on, if the top screen is
    /// an answer.
    pub fn current_question(&self) -> Option<&'static crate::bank::Question> {
        self.top_is::<Answer>()?.question(&self.ctx)
    }

    /// The names of the screens on the stack, bottom first.
    pub fn stack_names(&self) -> Vec<&'static str> {
        self.screens.iter().map(|s| s.name()).collect()
    }

    /// The keymap context of the top screen.
    pub fn context(&self) -> crate::tui::keymap::Context {
        self.top().context(&self.ctx)
    }

    /// Whether the window was too small when last drawn.
    fn too_small(&self) -> bool {
        self.ctx
            .last_size
            .get()
            .is_some_and(|(w, h)| view::too_small_for(ratatui::layout::Rect::new(0, 0, w, h)))
    }

    // ----- keys -------------------------------------------------------

    pub fn on_key(&mut self, event: KeyEvent) {
        let key = Key::from_event(&event);
        let context = self.context();
        let action = self.ctx.keymap.action(context, key);
        // Ctrl+C must always get out, even if a keymap were broken.
        let action = if key.ctrl && key.code == KeyCode::Char('c') {
            Some(Action::Quit)
        } else {
            action
        };
        if action != Some(Action::Quit) {
            self.ctx.quit_warned = false;
        }
        if action == Some(Action::Quit) {
            return self.request_quit();
        }
        // While the window is too small nothing on it can be seen: a key
        // typed then would change an answer unseen.
        if self.too_small() {
            return;
        }
        let input = Input { action, key, event };
        let Some(mut top) = self.screens.pop() else {
            return;
        };
        let handled = top.handle(&input, &mut self.ctx);
        self.screens.push(top);
        let handled = match (handled, self.ctx.nav.take()) {
            (Handled::Done, Some(nav)) => nav,
            (handled, _) => handled,
        };
        match handled {
            Handled::NotMine => self.session_action(action),
            other => self.apply(other),
        }
    }

    /// The actions that work on every screen, when the top screen leaves
    /// them.
    fn session_action(&mut self, action: Option<Action>) {
        match action {
            Some(Action::Quit) => self.request_quit(),
            Some(Action::Help) => {
                let help = Help::over(self.top(), &self.ctx);
                self.apply(Handled::Push(Box::new(help)));
            }
            Some(Action::Glossary) => self.apply(Handled::Push(Box::<Glossary>::default())),
            Some(Action::Theme) => {
                self.ctx.theme = self.ctx.theme.next();
                let name = match self.ctx.theme.name {
                    ThemeName::Normal => "the usual colours",
                    ThemeName::HighContrast => "high contrast",
                    ThemeName::NoColour => "no colour",
                };
                let key = self.ctx.keymap.label_in(self.context(), Action::Theme);
                self.ctx.say(
                    StatusKind::Info,
                    format!("Showing {name}. {key} changes it again."),
                );
            }
            _ => {}
        }
    }

    /// Moves the stack as a screen asked.
    fn apply(&mut self, handled: Handled) {
        match handled {
            Handled::Done | Handled::NotMine => {}
            Handled::Push(screen) => self.screens.push(screen),
            Handled::Pop => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
                self.resume_top();
            }
            Handled::Replace(screen) => {
                if !self.screens.is_empty() {
                    self.screens.pop();
                }
                self.screens.push(screen);
            }
            Handled::Quit => self.request_quit(),
        }
    }

    fn resume_top(&mut self) {
        if let Some(mut top) = self.screens.pop() {
            top.resume(&mut self.ctx);
            self.screens.push(top);
        }
        if let Some(nav) = self.ctx.nav.take() {
            self.apply(nav);
        }
    }

    /// Runs `f` on the top screen with the services.
    fn with_top<R>(&mut self, f: impl FnOnce(&mut dyn Screen, &mut Ctx) -> R) -> Option<R> {
        let mut top = self.screens.pop()?;
        let out = f(top.as_mut(), &mut self.ctx);
        self.screens.push(top);
        Some(out)
    }

    pub fn on_paste(&mut self, text: &str) {
        if self.too_small() {
            return;
        }
        self.with_top(|top, ctx| top.paste(text, ctx));
    }

    pub fn on_mouse(&mut self, event: MouseEvent) {
        let code = match event.kind {
            MouseEventKind::ScrollUp => KeyCode::Up,
            MouseEventKind::ScrollDown => KeyCode::Down,
            _ => return,
        };
        if !self.context().takes_typing() {
            self.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    /// Called regularly by the event loop. When the autosave is due, every
    /// screen on the stack puts its words into the group, bottom first
    /// (one under the help screen, or under another answer, as much as the
    /// one on top), and the group is saved once. Then the top screen's own
    /// work (a sync asked for).
    pub fn tick(&mut self, now: Instant) {
        if self.ctx.tick(now) {
            for screen in self.screens.iter_mut() {
                screen.autosave(&mut self.ctx);
            }
            self.ctx.save_now();
        }
        self.with_top(|top, ctx| top.tick(ctx, now));
        if let Some(nav) = self.ctx.nav.take() {
            self.apply(nav);
        }
    }

    // ----- the ways in -------------------------------------------------

    /// Opens a screen over the top one (for tests that draw one screen with
    /// made-up state, such as what a sync did).
    pub fn push(&mut self, screen: Box<dyn Screen>) {
        self.apply(Handled::Push(screen));
    }

    /// Opens a group (a short name or a path) over the list of groups.
    pub fn open_group(&mut self, slug: &str) {
        self.screens.truncate(1);
        let opened = self.ctx.open_group(slug);
        self.apply(opened);
    }

    /// Reads the list of groups again, as it does when it is on top again
    /// (for tests that change the data folder behind the program's back).
    pub fn refresh_home(&mut self) {
        if let Some(home) = self
            .screens
            .first_mut()
            .and_then(|s| s.as_mut().downcast_mut::<Home>())
        {
            home.refresh(&self.ctx);
        }
    }

    /// Opens the editor on a question by id, over the screens open now
    /// (Esc comes back here).
    pub fn answer_question(&mut self, id: &str) {
        let opened = Answer::over(&mut self.ctx, id);
        self.apply(opened);
    }

    // ----- the ways out ------------------------------------------------

    /// Keeps what every screen holds, top first; the first problem, if
    /// any, is returned (every screen is still flushed).
    fn flush_all(&mut self) -> Result<(), String> {
        let mut first = Ok(());
        for screen in self.screens.iter_mut().rev() {
            if let Err(problem) = screen.flush(&mut self.ctx)
                && first.is_ok()
            {
                first = Err(problem);
            }
        }
        first
    }

    /// Ctrl+C: save everything and quit, unless something would be lost.
    pub fn request_quit(&mut self) {
        if self.top_is::<SaveElsewhere>().is_some() {
            return self.ctx.quit_unsaved();
        }
        let kept = self.flush_all();
        if let Some(opened) = self.ctx.quit_after_flush(kept) {
            self.apply(opened);
        }
    }

    /// Stopping without a person to ask (a signal, the terminal gone).
    pub fn stop(&mut self, why: Stop) {
        // Nobody is there to fix an answer not valid yet: it is kept as
        // typed instead.
        self.ctx.stopping = true;
        let kept = self.flush_all();
        self.ctx.stop_after_flush(why, kept);
    }

    /// Saves before the program ends because the terminal failed.
    pub fn shutdown(&mut self) {
        if !self.ctx.quit {
            self.stop(Stop::InputEnded);
        }
    }
}

/// What `top` gives if the stack were ever empty (it is not: `apply`
/// never pops the bottom screen): nothing to draw, no keys.
#[derive(Debug)]
struct Nothing;

static NOTHING: Nothing = Nothing;

impl Screen for Nothing {
    fn name(&self) -> &'static str {
        "nothing"
    }
    fn context(&self, _ctx: &Ctx) -> crate::tui::keymap::Context {
        crate::tui::keymap::Context::Home
    }
    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        Vec::new()
    }
    fn handle(&mut self, _input: &Input, _ctx: &mut Ctx) -> Handled {
        Handled::NotMine
    }
    fn draw(&self, _frame: &mut ratatui::Frame, _area: ratatui::layout::Rect, _ctx: &Ctx) {}
}
