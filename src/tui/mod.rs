//! The full-screen program. `app` holds the state and reacts to keys,
//! `view` draws it, `editor` is the input for one answer, `keymap` and
//! `theme` are data. This file owns the terminal: it sets it up, runs the
//! event loop, and always puts the terminal back as it found it.

pub mod app;
pub mod clipboard;
pub mod editor;
pub mod form;
pub mod keymap;
pub mod list_cursor;
pub mod screens;
pub mod signals;
pub mod theme;
pub mod view;

use std::io::stdout;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;

pub use app::App;

use crate::bank::Bank;
use crate::error::Error;
use crate::paths::DataDir;
use theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub mouse: bool,
    /// Open this group (a short name or a path) straight away.
    pub open: Option<String>,
}

/// Undoes the terminal modes we turned on, in reverse order, whether the
/// program ends normally, with an error, or with a panic.
struct ModesGuard {
    mouse: bool,
}

impl ModesGuard {
    fn enable(mouse: bool) -> std::io::Result<ModesGuard> {
        execute!(stdout(), EnableBracketedPaste)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(ModesGuard { mouse })
    }
}

fn disable_modes(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
}

impl Drop for ModesGuard {
    fn drop(&mut self) {
        disable_modes(self.mouse);
    }
}

pub fn run(data: &DataDir, options: Options) -> Result<(), Error> {
    let bank = Bank::builtin()?;
    let no_color = std::env::var("NO_COLOR").ok();
    let theme = Theme::from_env(
        no_color.as_deref(),
        std::env::var("ALONGSIDE_THEME").ok().as_deref(),
    );
    if no_color.as_deref().is_some_and(|v| !v.is_empty()) {
        // crossterm answers NO_COLOR with a bare reset that also cancels
        // bold and reverse, hiding the selection. Our no-colour theme uses
        // only those modifiers, so let crossterm emit them.
        ratatui::crossterm::style::force_color_output(true);
    }
    let keys = keymap::Keymap::builtin_checked().map_err(Error::internal)?;
    let mut app = App::new(data.clone(), bank, theme);
    app.keymap = keys;
    load_user_keymap(&mut app);
    if let Some(group) = &options.open {
        app.open_group(group);
    }

    let mut terminal = ratatui::init();
    // ratatui's hook restores raw mode and the alternate screen; ours first
    // turns off paste and mouse modes, which it does not know about.
    let previous = std::panic::take_hook();
    let mouse = options.mouse;
    std::panic::set_hook(Box::new(move |info| {
        disable_modes(mouse);
        previous(info);
    }));
    let watch = signals::Watch::install();
    let guard = ModesGuard::enable(options.mouse);
    let result = match &guard {
        Ok(_) => event_loop(&mut terminal, &mut app, &watch),
        Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
    };
    app.shutdown();
    drop(guard);
    // The terminal may be gone (the window was closed). ratatui's
    // `restore` and the terminal's drop report a failure with `eprintln!`,
    // which panics when the terminal cannot be written to; a panic there
    // would end the program before the group's lock is let go.
    let _ = ratatui::try_restore();
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    } else {
        drop(terminal);
    }
    // The terminal may be gone (the window was closed): printing must not
    // fail, and must not panic as `eprintln!` would.
    use std::io::Write;
    let mut stderr = std::io::stderr();
    for line in exit_messages(&app) {
        let _ = writeln!(stderr, "alongside: {line}");
    }
    result.map_err(|e| {
        Error::fixable(format!(
            "the terminal stopped working: {e}. {}",
            app.farewell.last().map_or("", String::as_str)
        ))
    })
}

/// What to print once the screen is put back: an error left on the status
/// line, and what the program did on the way out (where a copy went). Text
/// in them can come from files (group names, paths), so it is cleaned the
/// same way as everything drawn on the screen.
pub fn exit_messages(app: &App) -> Vec<String> {
    let mut lines: Vec<String> = app
        .status
        .iter()
        .filter(|s| s.kind == app::StatusKind::Error)
        .map(|s| s.text.clone())
        .collect();
    lines.extend(app.farewell.iter().cloned());
    lines
        .iter()
        .map(|l| crate::text::sanitize(l, false))
        .collect()
}

/// Lays the user's `keymap.toml` (in the config folder) over the built-in
/// keys. A file that cannot be used is reported, and the usual keys stay.
fn load_user_keymap(app: &mut App) {
    let Some(path) = crate::paths::config_dir().map(|d| d.join("keymap.toml")) else {
        return;
    };
    // Only an ordinary file: a named pipe there would hang the start.
    let Some(source) = crate::paths::read_regular_file(&path, 1024 * 1024)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return;
    };
    match keymap::Keymap::with_user(&source) {
        Ok(map) => app.keymap = map,
        Err(problem) => {
            app.status = Some(app::Status {
                text: format!(
                    "{} was not used ({problem}); the usual keys are in use.",
                    path.display()
                ),
                kind: app::StatusKind::Warning,
            })
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    watch: &signals::Watch,
) -> std::io::Result<()> {
    while !app.quit {
        if let Some(stop) = watch.stop() {
            app.stop(stop);
            break;
        }
        terminal.draw(|frame| view::draw(frame, app))?;
        let input = watch.wait(signals::WAIT);
        if input == signals::Input::Gone {
            app.stop(signals::Stop::InputEnded);
            break;
        }
        // Everything crossterm has ready (keys, pastes, resizes), without
        // waiting: the wait above was on the terminal itself.
        let mut handled = false;
        while !app.quit && event::poll(Duration::ZERO)? {
            handled = true;
            match event::read()? {
                // Windows also reports key releases; act on presses only.
                Event::Key(key) if key.kind == KeyEventKind::Press => app.on_key(key),
                Event::Paste(text) => app.on_paste(&text),
                Event::Mouse(mouse) => app.on_mouse(mouse),
                // Keys read after a resize in the same batch are judged by
                // the new size (they are ignored while it is too small).
                Event::Resize(width, height) => app.last_size.set(Some((width, height))),
                _ => {}
            }
        }
        if input == signals::Input::Ready && !handled {
            // The terminal had bytes crossterm made nothing of yet (half an
            // escape sequence): do not spin waiting for the rest.
            std::thread::sleep(Duration::from_millis(10));
        }
        app.tick(Instant::now());
    }
    Ok(())
}
