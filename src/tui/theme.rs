//! Colours and emphasis. Three themes: the normal one, a high-contrast one,
//! and one for NO_COLOR that uses only bold, reverse and underline, so
//! selections stay visible on a terminal without colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Normal,
    HighContrast,
    NoColour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub selected: Style,
    pub key: Style,
    pub border: Style,
    pub good: Style,
    pub warning: Style,
    pub error: Style,
    pub status: Style,
}

impl Theme {
    pub fn normal() -> Theme {
        Theme {
            name: ThemeName::Normal,
            text: Style::new(),
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            good: Style::new().fg(Color::Green),
            warning: Style::new().fg(Color::Yellow),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::White).bg(Color::Blue),
        }
    }

    pub fn high_contrast() -> Theme {
        Theme {
            name: ThemeName::HighContrast,
            text: Style::new().fg(Color::White).bg(Color::Black),
            dim: Style::new().fg(Color::White).bg(Color::Black),
            title: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::White).bg(Color::Black),
            good: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            warning: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD),
            status: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Only modifiers: bold, reverse, underline. No colour at all.
    pub fn no_colour() -> Theme {
        Theme {
            name: ThemeName::NoColour,
            text: Style::new(),
            dim: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            good: Style::new(),
            warning: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// The theme for this environment: NO_COLOR (any non-empty value, as
    /// no-color.org says) picks the modifier-only theme; ALONGSIDE_THEME=
    /// high-contrast picks the high-contrast one.
    pub fn from_env(no_color: Option<&str>, requested: Option<&str>) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Theme::no_colour();
        }
        match requested.map(str::trim) {
            Some("high-contrast") | Some("high_contrast") => Theme::high_contrast(),
            _ => Theme::normal(),
        }
    }

    /// The next theme, for the key that switches between them.
    pub fn next(self) -> Theme {
        match self.name {
            ThemeName::Normal => Theme::high_contrast(),
            ThemeName::HighContrast => Theme::no_colour(),
            ThemeName::NoColour => Theme::normal(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_theme_has_no_colours_but_keeps_selection_visible() {
        let t = Theme::from_env(Some("1"), Some("high-contrast"));
        assert_eq!(t.name, ThemeName::NoColour);
        for style in [
            t.text, t.dim, t.title, t.selected, t.key, t.border, t.good, t.warning, t.error,
            t.status,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.status.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn empty_no_color_is_ignored() {
        assert_eq!(Theme::from_env(Some(""), None).name, ThemeName::Normal);
        assert_eq!(
            Theme::from_env(None, Some("high-contrast")).name,
            ThemeName::HighContrast
        );
    }
}
