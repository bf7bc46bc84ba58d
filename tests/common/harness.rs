//! The full-screen program driven with synthetic keys, in a temporary data
//! folder with a fixed clock: what `tests/runner/tui.rs` and any other test
//! of the screens use.

use std::time::{Duration, Instant};

use alongside::bank::Bank;
use alongside::dates::Moment;
use alongside::paths::DataDir;
use alongside::store::{Access, OpenGroup};
use alongside::tui::App;
use alongside::tui::app::LegacyScreen;
use alongside::tui::theme::Theme;
use alongside::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        let app = App::with_clock(data.clone(), Bank::builtin().unwrap(), theme, fixed_clock);
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
        while !matches!(self.app.legacy(), Some(LegacyScreen::Sections)) {
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
            .section_questions()
            .iter()
            .position(|x| x.id == id)
            .unwrap();
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
        assert!(matches!(self.app.legacy(), Some(LegacyScreen::Answer)));
        assert_eq!(self.app.current_question().unwrap().id, id);
        self
    }

    pub fn saved(&self, slug: &str) -> alongside::group::Group {
        OpenGroup::open(&self.data, slug, Access::Read)
            .unwrap()
            .group
    }
}
