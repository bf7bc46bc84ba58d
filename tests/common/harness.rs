//! The full-screen program driven with synthetic keys, in a temporary data
//! folder with a fixed clock: what `tests/runner/tui.rs`,
//! `tests/runner/tui_returns.rs` and any other test of the screens use.

use std::time::{Duration, Instant};

use alongside::bank::Bank;
use alongside::dates::Moment;
use alongside::paths::DataDir;
use alongside::store::{Access, OpenGroup};
use alongside::tui::App;
use alongside::tui::screens::answer::Answer;
use alongside::tui::screens::questions::Questions;
use alongside::tui::screens::sections::Sections;
use alongside::tui::theme::Theme;
use alongside::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::DEMO;

pub fn fixed_clock() -> Moment {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

pub struct Harness {
    _tmp: tempfile::TempDir,
    pub data: DataDir,
    pub app: App,
}

impl Harness {
    /// A second program on the same data folder, as the next time it
    /// starts (the folder stays with `self`, which must outlive it).
    pub fn next_time(&self) -> Harness {
        Harness {
            _tmp: tempfile::tempdir().unwrap(),
            data: self.data.clone(),
            app: App::with_clock(
                self.data.clone(),
                Bank::builtin().unwrap(),
                Theme::normal(),
                fixed_clock,
            ),
        }
    }

    pub fn new() -> Harness {
        Self::with_theme(Theme::normal())
    }

    /// The temporary folder that holds the data folder: a place for files
    /// a test brings in from outside it (a copy to import, a Downloads
    /// folder).
    pub fn outside(&self) -> &std::path::Path {
        self._tmp.path()
    }

    pub fn with_theme(theme: Theme) -> Harness {
        alongside::dates::show_times_in_utc();
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path().join("data"));
        let mut app = App::with_clock(data.clone(), Bank::builtin().unwrap(), theme, fixed_clock);
        // Drafts and returns exported in a test stay in the temporary
        // folder, never in the person's documents.
        app.export_dir = tmp.path().join("exports");
        Harness {
            _tmp: tmp,
            data,
            app,
        }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    pub fn keys(&mut self, codes: &[KeyCode]) -> &mut Self {
        for code in codes {
            self.key(*code);
        }
        self
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Lets the autosave timer run out.
    pub fn pause(&mut self) -> &mut Self {
        self.app.tick(Instant::now() + Duration::from_secs(5));
        self
    }

    pub fn screen(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::draw(f, &self.app)).unwrap();
        terminal
    }

    pub fn text(&self) -> String {
        self.screen(80, 24).backend().to_string()
    }

    /// Opens the demo group as `who` and goes to the sections screen.
    pub fn open_demo(&mut self, who: usize) -> &mut Self {
        self.key(KeyCode::Enter); // "Try the demo group"
        for _ in 0..who {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter)
    }

    /// From the sections screen, opens question `id` in the editor.
    pub fn answer(&mut self, id: &str) -> &mut Self {
        let bank = Bank::builtin().unwrap();
        let q = bank.question(id).unwrap();
        let section = bank
            .sections
            .iter()
            .position(|s| s.id == q.section)
            .unwrap();
        while self.app.top_is::<Sections>().is_none() {
            self.key(KeyCode::Esc);
        }
        self.keys(&[KeyCode::Home]);
        for _ in 0..8 {
            self.key(KeyCode::Up);
        }
        for _ in 0..section {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
        let index = self
            .app
            .top_is::<Questions>()
            .expect("the section's questions")
            .ids()
            .iter()
            .position(|x| x == id)
            .unwrap();
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
        assert!(self.app.top_is::<Answer>().is_some());
        assert_eq!(self.app.current_question().unwrap().id, id);
        self
    }

    pub fn saved(&self, slug: &str) -> alongside::group::Group {
        OpenGroup::open(&self.data, slug, Access::Read)
            .unwrap()
            .group
    }

    /// What the status line says now ("" for nothing).
    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// Opens the demo group, changes it on disk with `change`, and opens it
    /// again on the sections screen.
    pub fn demo_with(&mut self, change: impl FnOnce(&mut alongside::group::Group)) -> &mut Self {
        self.key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .key(KeyCode::Esc);
        {
            let mut open = OpenGroup::open(&self.data, DEMO, Access::Write).unwrap();
            change(&mut open.group);
            open.save().unwrap();
        }
        self.key(KeyCode::Enter).key(KeyCode::Enter)
    }

    /// Checks the screen on top: it offers only commands bound in its
    /// context, every binding there is offered, and the footer names them.
    /// Its name is added to `seen`.
    pub fn check_commands(&self, seen: &mut Vec<&'static str>) {
        use alongside::tui::screens::SESSION_COMMANDS;
        let ctx = &self.app.ctx;
        let top = self.app.top();
        let context = top.context(ctx);
        let bound = ctx.keymap.actions_in(context);
        let offered = top.commands(ctx);
        for action in &offered {
            assert!(
                bound.contains(action) || SESSION_COMMANDS.contains(action),
                "{} offers {action:?}, which has no key on {context:?}",
                top.name()
            );
        }
        for action in &bound {
            assert!(
                offered.contains(action) || SESSION_COMMANDS.contains(action),
                "{action:?} is bound on {context:?} but {} does not offer it",
                top.name()
            );
        }
        // The footer names every offered command that is bound here.
        let footer = self.text();
        for (keys, hint) in ctx.keymap.footer_hints_for(context, &offered) {
            let first = keys.split('/').next().unwrap().to_string();
            assert!(
                footer.contains(&first) || footer.contains(&hint),
                "{}: {keys} {hint} not in the footer\n{footer}",
                top.name()
            );
        }
        if !seen.contains(&top.name()) {
            seen.push(top.name());
        }
    }
}

/// Replaces the group's grants with one from Awards for All England: £4,752
/// from 1 April 2026 to 31 March 2027, an interim return due on 1 December
/// 2026 and the final on 30 June 2027. The grant is returned to add to.
pub fn award_for_all(g: &mut alongside::group::Group) -> &mut alongside::group::Grant {
    let catalogue = alongside::funders::Catalogue::load(&alongside::funders::Sources::Standard {
        user_dir: std::path::PathBuf::from("/nonexistent"),
    });
    let profile = &catalogue.get("awards-for-all-england").unwrap().profile;
    let day = |s: &str| s.parse::<alongside::dates::Day>().unwrap();
    g.grants.clear();
    alongside::monitoring::award(
        g,
        profile,
        475_200,
        day("2026-04-01"),
        day("2027-03-31"),
        Some(day("2026-12-01")),
        Some(day("2027-06-30")),
    );
    g.grants.last_mut().unwrap()
}
