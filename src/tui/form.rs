//! A small form of labelled boxes, for logging evidence in seconds: type in
//! a box, Tab to the next, Up/Down to pick a choice, Enter to record. The
//! form only holds what is typed; `app` turns it into a log entry.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::editor::text_box;

#[derive(Debug, Clone)]
pub enum FieldKind {
    /// Words, on one line or several.
    Text { lines: bool },
    /// Typed and read by the log's own checks (numbers, money, dates).
    Typed,
    /// One of these, picked with Up and Down.
    Choice(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    pub text: TextArea<'static>,
    pub choice: usize,
    /// What the box held when the form opened, to tell whether anything
    /// was typed (an untouched form is not kept when it is left).
    initial: String,
}

impl Field {
    pub fn typed(label: &str, value: &str) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Typed,
            text: text_box(value, false),
            choice: 0,
            initial: value.to_string(),
        }
    }

    pub fn words(label: &str, lines: bool) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text { lines },
            text: text_box("", lines),
            choice: 0,
            initial: String::new(),
        }
    }

    /// Words already there (a log entry being corrected).
    pub fn words_with(label: &str, lines: bool, value: &str) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text { lines },
            text: text_box(value, lines),
            choice: 0,
            initial: value.to_string(),
        }
    }

    /// A choice with `value` chosen (the first option when it is not one).
    pub fn choice_at(label: &str, options: Vec<String>, value: &str) -> Field {
        let choice = options.iter().position(|o| o == value).unwrap_or(0);
        Field {
            label: label.to_string(),
            initial: options.get(choice).cloned().unwrap_or_default(),
            kind: FieldKind::Choice(options),
            text: text_box("", false),
            choice,
        }
    }

    pub fn choice(label: &str, options: Vec<String>) -> Field {
        Field {
            label: label.to_string(),
            initial: options.first().cloned().unwrap_or_default(),
            kind: FieldKind::Choice(options),
            text: text_box("", false),
            choice: 0,
        }
    }

    /// What the field holds: the typed text, or the chosen option.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            FieldKind::Text { lines: true } => self.text.lines().join("\n"),
            _ => self.text.lines().join(" "),
        }
    }
}

/// What the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Session,
    Count,
    Story,
    Spend,
    Note,
    /// A funder's name, organisation and web address (not a log entry).
    Funder,
    /// An award, a promise or a corrected log entry (not a new entry).
    Grant,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, title: &str, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.to_string(),
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn value(&self, index: usize) -> String {
        self.fields.get(index).map(Field::value).unwrap_or_default()
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn previous(&mut self) {
        self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1);
    }

    /// Up or Down on a choice changes it; elsewhere they move between boxes.
    pub fn up_down(&mut self, up: bool) {
        match self.fields.get_mut(self.focus) {
            Some(Field {
                kind: FieldKind::Choice(options),
                choice,
                ..
            }) => {
                *choice = if up {
                    choice.saturating_sub(1)
                } else {
                    (*choice + 1).min(options.len().saturating_sub(1))
                };
            }
            _ if up => self.previous(),
            _ => self.next(),
        }
    }

    /// Typing goes into the focused box. Enter adds a line only in boxes
    /// for several lines (a story); elsewhere the app takes it as "record".
    pub fn type_key(&mut self, key: KeyEvent) {
        self.error = None;
        if let Some(field) = self.fields.get_mut(self.focus)
            && !matches!(field.kind, FieldKind::Choice(_))
        {
            field.text.input(key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            let multi = matches!(field.kind, FieldKind::Text { lines: true });
            field.text.insert_str(crate::text::sanitize(text, multi));
        }
    }

    /// Whether anything differs from how the form opened.
    pub fn touched(&self) -> bool {
        self.fields.iter().any(|f| f.value() != f.initial)
    }

    /// Puts back values kept from an earlier visit (`Field::value` of each
    /// box, in order). A choice no longer offered stays as it is.
    pub fn restore(&mut self, values: &[String]) {
        for (field, value) in self.fields.iter_mut().zip(values) {
            match &field.kind {
                FieldKind::Choice(options) => {
                    if let Some(i) = options.iter().position(|o| o == value) {
                        field.choice = i;
                    }
                }
                FieldKind::Text { lines } => field.text = text_box(value, *lines),
                FieldKind::Typed => field.text = text_box(value, false),
            }
        }
    }

    /// Puts words in a box (words picked from an answer), the cursor
    /// at their end.
    pub fn set(&mut self, index: usize, value: &str) {
        if let Some(field) = self.fields.get_mut(index) {
            let lines = matches!(field.kind, FieldKind::Text { lines: true });
            field.text = text_box(value, lines);
        }
    }

    pub fn focused_takes_lines(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Text { lines: true })
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_moving_and_choosing() {
        let mut form = Form::new(
            FormKind::Session,
            "t",
            vec![
                Field::typed("Came", ""),
                Field::choice("Kind", vec!["a".into(), "b".into()]),
            ],
        );
        form.type_key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE));
        assert_eq!(form.value(0), "7");
        form.next();
        form.up_down(false);
        assert_eq!(form.value(1), "b");
        form.type_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(form.value(1), "b", "letters do not change a choice");
        form.next();
        assert_eq!(form.focus, 0, "Tab wraps round");
    }

    #[test]
    fn touched_and_restored() {
        let make = || {
            Form::new(
                FormKind::Story,
                "t",
                vec![
                    Field::words("Story", true),
                    Field::choice("Agreed", vec!["no".into(), "yes".into()]),
                    Field::typed("Date", "2026-01-01"),
                ],
            )
        };
        let mut form = make();
        assert!(!form.touched(), "a form as it opened is untouched");
        form.next();
        form.up_down(false);
        assert_eq!(form.value(1), "yes");
        assert!(form.touched(), "a changed choice counts");
        let values: Vec<String> = vec![
            "line one\nline two".into(),
            "yes".into(),
            "2026-02-03".into(),
        ];
        let mut again = make();
        again.restore(&values);
        assert_eq!(again.value(0), "line one\nline two");
        assert_eq!(again.value(1), "yes");
        assert_eq!(again.value(2), "2026-02-03");
        assert!(again.touched());
    }
}
