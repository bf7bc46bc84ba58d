//! When the group file cannot be saved on quitting: where to put a copy of
//! the whole group (another folder, a USB stick), written as `alongside
//! export` writes it, so `alongside import FILE --merge` brings it back.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::{Handled, Input, Screen};
use crate::store;
use crate::text::sanitize;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::editor::text_box;
use crate::tui::keymap::{Action, Context};

#[derive(Debug)]
pub struct SaveElsewhere {
    pub path: TextArea<'static>,
    /// Why the group file could not be saved.
    pub problem: String,
}

/// The keymap context: typing a path, like importing a file.
const CONTEXT: Context = Context::Import;

impl SaveElsewhere {
    /// The screen, with a copy in the home folder offered.
    pub fn open(ctx: &Ctx, problem: String) -> SaveElsewhere {
        let slug = ctx
            .session
            .as_ref()
            .map_or("group".to_string(), |s| s.open.group.slug.clone());
        let home = directories::BaseDirs::new()
            .map(|d| d.home_dir().to_path_buf())
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        let default = home.join(format!("{slug}-copy.toml"));
        SaveElsewhere {
            path: text_box(&default.display().to_string(), false),
            problem,
        }
    }

    /// Writes the whole group to a new file the person chose, then quits.
    fn save_copy_to(&self, ctx: &mut Ctx, typed: &str) {
        if typed.is_empty() {
            return ctx.say(StatusKind::Warning, "Type where to put the copy first.");
        }
        let path = expand_home(typed);
        if let Err(problem) = store::refuse_data_files(&ctx.ws.data, &path) {
            return ctx.say(StatusKind::Error, problem);
        }
        let Some(s) = &ctx.session else { return };
        let text = match ctx.workspace().export(&s.open.group) {
            Ok(text) => text,
            Err(e) => return ctx.say(StatusKind::Error, e.to_string()),
        };
        match store::create_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                ctx.farewell.push(format!(
                    "The group file could not be saved, so a full copy of the group was put in {}. Once the problem is fixed, run `alongside import {} --merge` to bring the changes back.",
                    path.display(),
                    path.display()
                ));
                ctx.quit = true;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => ctx.say(
                StatusKind::Error,
                format!(
                    "{} already exists: type another name, so nothing is written over.",
                    path.display()
                ),
            ),
            Err(e) => ctx.say(
                StatusKind::Error,
                format!(
                    "Could not write {}: {e}. Type another place (another folder or a USB stick).",
                    path.display()
                ),
            ),
        }
    }
}

impl Screen for SaveElsewhere {
    fn name(&self) -> &'static str {
        "save-elsewhere"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        CONTEXT
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Back, Action::Confirm]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Back) => {
                let quit = ctx.keymap.label_in(Context::Everywhere, Action::Quit);
                ctx.say(
                    StatusKind::Warning,
                    format!("Your changes are still not saved: {quit} tries again."),
                );
                return Handled::Pop;
            }
            Some(Action::Confirm) => {
                let typed = self.path.lines().join("");
                self.save_copy_to(ctx, typed.trim());
            }
            Some(_) => return Handled::NotMine,
            None if input.key.code == KeyCode::Enter => {}
            None => {
                self.path.input(input.event);
            }
        }
        Handled::Done
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.path.insert_str(sanitize(text, false));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        crate::tui::view::draw_entry(
            frame,
            ctx,
            area,
            "The group file could not be saved",
            &format!(
                "{}\n\nNothing is lost yet: your changes are still here. Type where to put a copy of the whole group (another folder, or a USB stick) and press {}. Later, `alongside import FILE --merge` brings the changes back.",
                sanitize(&self.problem, false),
                ctx.keymap.label_in(CONTEXT, Action::Confirm)
            ),
            &self.path,
        );
    }
}

/// `~/x` is the home folder's `x`.
fn expand_home(typed: &str) -> std::path::PathBuf {
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    std::path::PathBuf::from(typed)
}
