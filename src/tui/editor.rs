//! The input for one answer, one kind per question type: a text box with
//! soft word wrap for words, a one-line box for numbers, money and dates, a
//! list to pick from for yes/no and choices, and a small table for budget
//! lines. The editor knows nothing of saving: the app asks it for a value.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use super::keymap::{Action, Context};
use crate::bank::{AnswerValue, BadValue, BudgetLine, Question, QuestionType, parse_money};
use crate::group::Edit;
use crate::text::sanitize;
use crate::vocab::{Vocabularies, names};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Item,
    Category,
    Amount,
}

/// A budget line being written or changed.
#[derive(Debug, Clone)]
pub struct LineForm {
    pub item: TextArea<'static>,
    pub category: usize,
    pub amount: TextArea<'static>,
    pub focus: Field,
    /// Which line is being changed; None for a new line.
    pub replacing: Option<usize>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Input {
    Text(TextArea<'static>),
    Line(TextArea<'static>),
    YesNo {
        cursor: usize,
        chosen: Option<bool>,
    },
    Choice {
        cursor: usize,
        chosen: Option<String>,
    },
    Choices {
        cursor: usize,
        chosen: Vec<String>,
    },
    Budget {
        lines: Vec<BudgetLine>,
        cursor: usize,
        form: Option<Box<LineForm>>,
    },
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub question_id: String,
    /// This visit's edit of the answer: every commit starts again from
    /// the answer as it was when editing began, so autosaving many times
    /// while someone types leaves one history entry, not dozens.
    pub edit: Edit,
    pub input: Input,
    /// Changed since the last commit.
    pub changed: bool,
    /// Whether this visit's change has been put on the sitting's undo list.
    pub undo_recorded: bool,
    /// Undo and redo in the text boxes, a word or a pasted block at a time.
    steps: Steps,
}

/// How long between keys means they were pasted, not typed: a terminal
/// without bracketed paste (Windows) sends pasted text as a burst of keys,
/// and no one types a key every few milliseconds.
const PASTE_BURST: Duration = Duration::from_millis(8);

/// At most this many undo steps are kept for one visit to an answer.
const MAX_STEPS: usize = 500;

/// What a key did to the text, for grouping edits into undo steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditKind {
    /// A letter, digit or mark: part of a word.
    Word,
    /// A space or a line break, which ends the word before it.
    Space,
    /// Backspace or Delete.
    Delete,
    /// Anything else that changed the text (cutting a line, say).
    Other,
}

impl EditKind {
    fn of(key: &KeyEvent) -> EditKind {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain && c.is_whitespace() => EditKind::Space,
            KeyCode::Char(_) if plain => EditKind::Word,
            KeyCode::Enter | KeyCode::Tab => EditKind::Space,
            KeyCode::Backspace | KeyCode::Delete if plain => EditKind::Delete,
            _ => EditKind::Other,
        }
    }

    /// Whether an edit of this kind goes on the step of the one before: a
    /// word with the word, its spaces after it, a run of deletions.
    fn continues(self, before: EditKind) -> bool {
        matches!(
            (before, self),
            (EditKind::Word, EditKind::Word)
                | (EditKind::Word | EditKind::Space, EditKind::Space)
                | (EditKind::Delete, EditKind::Delete)
        )
    }
}

/// A text box's words and cursor at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    lines: Vec<String>,
    cursor: (usize, usize),
}

impl Snapshot {
    fn of(area: &TextArea<'_>) -> Snapshot {
        Snapshot {
            lines: area.lines().to_vec(),
            cursor: {
                let ratatui_textarea::DataCursor(row, col) = area.cursor();
                (row, col)
            },
        }
    }

    fn restore(&self, area: &mut TextArea<'static>, multi_line: bool) {
        *area = text_box(&self.lines.join("\n"), multi_line);
        let (row, col) = self.cursor;
        area.move_cursor(ratatui_textarea::CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
    }
}

/// Undo and redo by steps people think in. ratatui-textarea undoes one
/// character at a time; here each step is the text as it was before a
/// word was typed (with the spaces after it), a run of deletions, a paste
/// or a burst of keys arriving too fast to be typed. Undo puts the whole
/// text box back as it was, so a step is always exactly one of these.
#[derive(Debug, Clone, Default)]
struct Steps {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The last edit, while a step may still grow: None after a paste, an
    /// undo, or a key that moved without changing anything.
    last: Option<(EditKind, Instant)>,
}

impl Steps {
    /// A key for the text box: applies it, and starts a new step unless it
    /// goes on the one before.
    fn key(
        &mut self,
        area: &mut TextArea<'static>,
        key: KeyEvent,
        now: Instant,
        apply: impl FnOnce(&mut TextArea<'static>, KeyEvent) -> bool,
    ) -> bool {
        let kind = EditKind::of(&key);
        let goes_on = self.last.is_some_and(|(before, at)| {
            now.saturating_duration_since(at) < PASTE_BURST || kind.continues(before)
        });
        let before = (!goes_on).then(|| Snapshot::of(area));
        if !apply(area, key) {
            // Moving the cursor ends the step being typed.
            self.last = None;
            return false;
        }
        if let Some(before) = before {
            self.push(before);
        }
        self.last = Some((kind, now));
        true
    }

    /// Pasted text: always a step of its own.
    fn paste(&mut self, area: &mut TextArea<'static>, text: &str) -> bool {
        let before = Snapshot::of(area);
        let changed = area.insert_str(text);
        if changed {
            self.push(before);
        }
        self.last = None;
        changed
    }

    fn push(&mut self, before: Snapshot) {
        self.undo.push(before);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn undo(&mut self, area: &mut TextArea<'static>, multi_line: bool) -> bool {
        let Some(before) = self.undo.pop() else {
            return false;
        };
        self.redo.push(Snapshot::of(area));
        before.restore(area, multi_line);
        self.last = None;
        true
    }

    fn redo(&mut self, area: &mut TextArea<'static>, multi_line: bool) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo.push(Snapshot::of(area));
        after.restore(area, multi_line);
        self.last = None;
        true
    }
}

pub fn text_box(text: &str, multi_line: bool) -> TextArea<'static> {
    let clean = sanitize(text, multi_line);
    let lines: Vec<String> = if multi_line {
        clean.split('\n').map(String::from).collect()
    } else {
        vec![clean]
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(if multi_line {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn box_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

impl Editor {
    pub fn open(question: &Question, edit: Edit, vocab: &Vocabularies) -> Editor {
        let value = edit.original().map(|a| &a.value).cloned();
        let value = value.as_ref();
        let list_len = question
            .choices
            .as_deref()
            .map_or(0, |c| vocab.list(c).len());
        let input = match question.kind {
            QuestionType::ShortText | QuestionType::LongText => Input::Text(text_box(
                &value.map(AnswerValue::as_typed).unwrap_or_default(),
                question.kind == QuestionType::LongText,
            )),
            QuestionType::Number | QuestionType::Money | QuestionType::Date => Input::Line(
                text_box(&value.map(AnswerValue::as_typed).unwrap_or_default(), false),
            ),
            QuestionType::YesNo => {
                let chosen = match value {
                    Some(AnswerValue::YesNo(b)) => Some(*b),
                    _ => None,
                };
                Input::YesNo {
                    cursor: if chosen == Some(false) { 1 } else { 0 },
                    chosen,
                }
            }
            QuestionType::Choice => {
                let chosen = match value {
                    Some(AnswerValue::Choice(c)) => Some(c.clone()),
                    _ => None,
                };
                let list = question.choices.as_deref().unwrap_or("");
                let cursor = chosen
                    .as_ref()
                    .and_then(|c| vocab.list(list).iter().position(|e| &e.id == c))
                    .unwrap_or(0);
                Input::Choice {
                    cursor: cursor.min(list_len.saturating_sub(1)),
                    chosen,
                }
            }
            QuestionType::Choices => {
                let chosen = match value {
                    Some(AnswerValue::Choices(c)) => c.clone(),
                    _ => Vec::new(),
                };
                Input::Choices { cursor: 0, chosen }
            }
            QuestionType::Budget => {
                let lines = match value {
                    Some(AnswerValue::Budget(l)) => l.clone(),
                    _ => Vec::new(),
                };
                Input::Budget {
                    lines,
                    cursor: 0,
                    form: None,
                }
            }
        };
        Editor {
            question_id: question.id.clone(),
            edit,
            input,
            changed: false,
            undo_recorded: false,
            steps: Steps::default(),
        }
    }

    /// Which keys apply now.
    pub fn context(&self) -> Context {
        match &self.input {
            Input::Text(_) => Context::Text,
            Input::Line(_) => Context::Line,
            Input::YesNo { .. } | Input::Choice { .. } | Input::Choices { .. } => Context::Pick,
            Input::Budget { form: Some(_), .. } => Context::BudgetLine,
            Input::Budget { .. } => Context::Budget,
        }
    }

    /// The value entered so far: `Ok(None)` when nothing is entered yet,
    /// an error when what is typed is not yet a valid answer.
    pub fn value(
        &self,
        question: &Question,
        vocab: &Vocabularies,
    ) -> Result<Option<AnswerValue>, BadValue> {
        let value = match &self.input {
            Input::Text(area) | Input::Line(area) => {
                let text = box_text(area);
                if text.trim().is_empty() {
                    return Ok(None);
                }
                return question.parse_value(&text, vocab).map(Some);
            }
            Input::YesNo { chosen, .. } => chosen.map(AnswerValue::YesNo),
            Input::Choice { chosen, .. } => chosen.clone().map(AnswerValue::Choice),
            Input::Choices { chosen, .. } => {
                // Keep the vocabulary's order so files diff cleanly.
                let list = question.choices.as_deref().unwrap_or("");
                let ordered = vocab
                    .list(list)
                    .iter()
                    .filter(|e| chosen.contains(&e.id))
                    .map(|e| e.id.clone())
                    .collect();
                Some(AnswerValue::Choices(ordered))
            }
            Input::Budget { lines, .. } => {
                (!lines.is_empty()).then(|| AnswerValue::Budget(lines.clone()))
            }
        };
        match value {
            Some(v) => question.check(&v, vocab).map(|()| Some(v)),
            None => Ok(None),
        }
    }

    /// Scrolls a text box back to its first line, keeping the cursor where
    /// it is: after the box has grown (the F4 guide closed), the box keeps
    /// no scroll it needed only while it was smaller, so the first line of
    /// the answer shows again.
    pub fn show_from_top(&mut self) {
        if let Input::Text(area) | Input::Line(area) = &mut self.input {
            let ratatui_textarea::DataCursor(row, col) = area.cursor();
            area.scroll((-i16::MAX, 0));
            area.move_cursor(ratatui_textarea::CursorMove::Jump(row as u16, col as u16));
        }
    }

    /// What is typed in a text or one-line box (for keeping a half-typed
    /// answer when the program is stopped); None for lists and budgets.
    pub fn typed_text(&self) -> Option<String> {
        match &self.input {
            Input::Text(area) | Input::Line(area) => {
                Some(box_text(area)).filter(|t| !t.trim().is_empty())
            }
            _ => None,
        }
    }

    /// Puts kept text back into a text or one-line box; false for lists
    /// and budgets.
    pub fn restore_typed_text(&mut self, text: &str) -> bool {
        match &mut self.input {
            Input::Text(area) => {
                let multi_line = area.wrap_mode() != WrapMode::None;
                *area = text_box(text, multi_line);
            }
            Input::Line(area) => *area = text_box(text, false),
            _ => return false,
        }
        self.changed = true;
        true
    }

    /// A budget line typed into its form but not added yet (Enter adds
    /// it): its item, amount, category (a place in the list of cost
    /// categories) and the line it changes ("" for a new one), for keeping
    /// when the program ends. None when no form is open or it is empty.
    pub fn half_filled_line(&self) -> Option<Vec<String>> {
        let Input::Budget { form: Some(f), .. } = &self.input else {
            return None;
        };
        let (item, amount) = (box_text(&f.item), box_text(&f.amount));
        if item.trim().is_empty() && amount.trim().is_empty() {
            return None;
        }
        let replacing = f.replacing.map(|i| i.to_string()).unwrap_or_default();
        Some(vec![item, amount, f.category.to_string(), replacing])
    }

    /// Opens the budget line form again with what `half_filled_line` kept;
    /// false when this is not a budget. A category or line that is no
    /// longer there (a file changed by hand) becomes the first category
    /// and a new line.
    pub fn restore_half_filled_line(&mut self, fields: &[String], categories: usize) -> bool {
        let Input::Budget { lines, form, .. } = &mut self.input else {
            return false;
        };
        let field = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let category = field(2)
            .parse()
            .ok()
            .filter(|&c| c < categories)
            .unwrap_or(0);
        let replacing = field(3).parse().ok().filter(|&i| i < lines.len());
        *form = Some(Box::new(LineForm {
            item: text_box(field(0), false),
            category,
            amount: text_box(field(1), false),
            focus: Field::Item,
            replacing,
            error: None,
        }));
        true
    }

    /// Live count for text answers: (words, characters).
    pub fn counts(&self) -> Option<(usize, usize)> {
        match &self.input {
            Input::Text(area) => {
                let text = box_text(area);
                Some((
                    crate::text::word_count(&text),
                    crate::text::char_count(&text, true),
                ))
            }
            _ => None,
        }
    }

    /// Handles a key the app did not take. Returns whether the answer changed.
    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
        vocab: &Vocabularies,
        question: &Question,
    ) -> bool {
        self.handle_at(action, key, vocab, question, Instant::now())
    }

    /// `handle`, with the moment the key arrived (to tell a paste sent as
    /// keys from typing).
    fn handle_at(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
        vocab: &Vocabularies,
        question: &Question,
        now: Instant,
    ) -> bool {
        let list_len = question
            .choices
            .as_deref()
            .map_or(0, |c| vocab.list(c).len());
        let steps = &mut self.steps;
        let changed = match &mut self.input {
            Input::Text(area) => {
                let multi_line = question.kind == QuestionType::LongText;
                match action {
                    Some(Action::Undo) => steps.undo(area, multi_line),
                    Some(Action::Redo) => steps.redo(area, multi_line),
                    Some(_) => false,
                    None => steps.key(area, key, now, |area, key| area.input(key)),
                }
            }
            Input::Line(area) => match action {
                Some(Action::Undo) => steps.undo(area, false),
                Some(Action::Redo) => steps.redo(area, false),
                Some(_) => false,
                // One line only: Enter (or a pasted line break) adds nothing.
                None if key.code == ratatui::crossterm::event::KeyCode::Enter => false,
                None => steps.key(area, key, now, |area, key| area.input(key)),
            },
            Input::YesNo { cursor, chosen } => match action {
                Some(Action::Up) => {
                    *cursor = 0;
                    false
                }
                Some(Action::Down) => {
                    *cursor = 1;
                    false
                }
                Some(Action::Toggle) => {
                    let new = Some(*cursor == 0);
                    let changed = *chosen != new;
                    *chosen = new;
                    changed
                }
                _ => match key.code {
                    ratatui::crossterm::event::KeyCode::Char('y' | 'Y') => {
                        *cursor = 0;
                        let changed = *chosen != Some(true);
                        *chosen = Some(true);
                        changed
                    }
                    ratatui::crossterm::event::KeyCode::Char('n' | 'N') => {
                        *cursor = 1;
                        let changed = *chosen != Some(false);
                        *chosen = Some(false);
                        changed
                    }
                    _ => false,
                },
            },
            Input::Choice { cursor, chosen } => {
                let list = question.choices.as_deref().unwrap_or("");
                match action {
                    Some(Action::Up | Action::Down) => {
                        move_in_list(cursor, action, list_len);
                        false
                    }
                    Some(Action::Toggle) => match vocab.list(list).get(*cursor) {
                        Some(entry) if chosen.as_deref() != Some(entry.id.as_str()) => {
                            *chosen = Some(entry.id.clone());
                            true
                        }
                        _ => false,
                    },
                    _ => false,
                }
            }
            Input::Choices { cursor, chosen } => {
                let list = question.choices.as_deref().unwrap_or("");
                match action {
                    Some(Action::Up | Action::Down) => {
                        move_in_list(cursor, action, list_len);
                        false
                    }
                    Some(Action::Toggle) => match vocab.list(list).get(*cursor) {
                        Some(entry) => {
                            if let Some(pos) = chosen.iter().position(|c| c == &entry.id) {
                                chosen.remove(pos);
                            } else {
                                chosen.push(entry.id.clone());
                            }
                            true
                        }
                        None => false,
                    },
                    _ => false,
                }
            }
            Input::Budget {
                lines,
                cursor,
                form,
            } => handle_budget(lines, cursor, form, action, key, vocab),
        };
        if changed {
            self.changed = true;
        }
        changed
    }

    /// Pasted text goes into a text box, control characters removed.
    pub fn paste(&mut self, text: &str) -> bool {
        let steps = &mut self.steps;
        let changed = match &mut self.input {
            Input::Text(area) => steps.paste(area, &sanitize(text, true)),
            Input::Line(area) => steps.paste(area, sanitize(text, false).trim()),
            Input::Budget {
                form: Some(form), ..
            } => match form.focus {
                Field::Item => form.item.insert_str(sanitize(text, false)),
                Field::Amount => form.amount.insert_str(sanitize(text, false).trim()),
                Field::Category => false,
            },
            _ => false,
        };
        if changed {
            self.changed = true;
        }
        changed
    }
}

/// Up or Down in a list of `len` choices: the cursor moves one, and stays
/// on the first or last.
fn move_in_list(cursor: &mut usize, action: Option<Action>, len: usize) {
    match action {
        Some(Action::Up) => *cursor = cursor.saturating_sub(1),
        Some(Action::Down) => *cursor = (*cursor + 1).min(len.saturating_sub(1)),
        _ => {}
    }
}

fn handle_budget(
    lines: &mut Vec<BudgetLine>,
    cursor: &mut usize,
    form: &mut Option<Box<LineForm>>,
    action: Option<Action>,
    key: KeyEvent,
    vocab: &Vocabularies,
) -> bool {
    let categories = vocab.list(names::COST_CATEGORY);
    if let Some(f) = form {
        match action {
            Some(Action::NextField) => {
                f.focus = match f.focus {
                    Field::Item => Field::Category,
                    Field::Category => Field::Amount,
                    Field::Amount => Field::Item,
                };
                false
            }
            Some(Action::PreviousField) => {
                f.focus = match f.focus {
                    Field::Item => Field::Amount,
                    Field::Category => Field::Item,
                    Field::Amount => Field::Category,
                };
                false
            }
            Some(Action::Up) if f.focus == Field::Category => {
                f.category = f.category.saturating_sub(1);
                false
            }
            Some(Action::Down) if f.focus == Field::Category => {
                f.category = (f.category + 1).min(categories.len().saturating_sub(1));
                false
            }
            Some(Action::Back) => {
                *form = None;
                false
            }
            Some(Action::Confirm) => {
                let item = sanitize(&box_text(&f.item), false).trim().to_string();
                if item.is_empty() {
                    f.error = Some(
                        "Say what this line is for, such as \"Room hire, 26 sessions\".".into(),
                    );
                    f.focus = Field::Item;
                    return false;
                }
                let pence = match parse_money(&box_text(&f.amount)) {
                    Ok(p) => p,
                    Err(e) => {
                        f.error = Some(format!("{}. {}", e.problem, e.expected));
                        f.focus = Field::Amount;
                        return false;
                    }
                };
                let category = categories
                    .get(f.category)
                    .map(|e| e.id.clone())
                    .unwrap_or_else(|| "other".into());
                let line = BudgetLine {
                    item,
                    category,
                    pence,
                };
                match f.replacing {
                    Some(i) if i < lines.len() => lines[i] = line,
                    _ => {
                        lines.push(line);
                        *cursor = lines.len() - 1;
                    }
                }
                *form = None;
                true
            }
            Some(_) => false,
            None => {
                let area = match f.focus {
                    Field::Item => &mut f.item,
                    Field::Amount => &mut f.amount,
                    Field::Category => return false,
                };
                f.error = None;
                // The form's boxes are one line: Enter confirms (handled
                // above), so a stray newline is never typed into them.
                area.input(key);
                false
            }
        }
    } else {
        match action {
            Some(Action::Up) => {
                *cursor = cursor.saturating_sub(1);
                false
            }
            Some(Action::Down) => {
                *cursor = (*cursor + 1).min(lines.len().saturating_sub(1));
                false
            }
            Some(Action::AddLine) => {
                *form = Some(Box::new(LineForm {
                    item: text_box("", false),
                    category: 0,
                    amount: text_box("", false),
                    focus: Field::Item,
                    replacing: None,
                    error: None,
                }));
                false
            }
            Some(Action::EditLine) => {
                if let Some(line) = lines.get(*cursor) {
                    let category = categories
                        .iter()
                        .position(|e| e.id == line.category)
                        .unwrap_or(0);
                    *form = Some(Box::new(LineForm {
                        item: text_box(&line.item, false),
                        category,
                        amount: text_box(&AnswerValue::Money(line.pence).as_typed(), false),
                        focus: Field::Item,
                        replacing: Some(*cursor),
                        error: None,
                    }));
                }
                false
            }
            Some(Action::DeleteLine) if *cursor < lines.len() => {
                lines.remove(*cursor);
                *cursor = (*cursor).min(lines.len().saturating_sub(1));
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn question(id: &str) -> &'static Question {
        crate::bank::Bank::builtin().unwrap().question(id).unwrap()
    }

    fn text(editor: &Editor) -> String {
        match &editor.input {
            Input::Text(area) | Input::Line(area) => box_text(area),
            _ => panic!("not a text box"),
        }
    }

    /// Types `typed` a key at a time, `gap` apart, from `start`.
    fn type_keys(editor: &mut Editor, q: &Question, typed: &str, start: Instant, gap: Duration) {
        let vocab = Vocabularies::builtin();
        for (i, c) in typed.chars().enumerate() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            let at = start + gap * u32::try_from(i).unwrap();
            editor.handle_at(None, KeyEvent::new(code, KeyModifiers::NONE), vocab, q, at);
        }
    }

    fn act(editor: &mut Editor, q: &Question, action: Action) -> bool {
        let key = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        editor.handle_at(
            Some(action),
            key,
            Vocabularies::builtin(),
            q,
            Instant::now(),
        )
    }

    const TYPING: Duration = Duration::from_millis(120);

    /// A visit to a question the group has not answered yet.
    fn unanswered(q: &Question) -> Edit {
        let now = crate::dates::Moment::from_unix_seconds(1_790_000_000).unwrap();
        crate::group::Group::new("Editing", "editing", now)
            .begin_edit(crate::group::Slot::Answer(q.id.as_str().into()))
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time_and_redo_puts_it_again() {
        let q = question("who_for");
        let mut editor = Editor::open(q, unanswered(q), Vocabularies::builtin());
        type_keys(&mut editor, q, "We meet weekly", Instant::now(), TYPING);
        assert!(act(&mut editor, q, Action::Undo));
        assert_eq!(text(&editor), "We meet ");
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "We ");
        act(&mut editor, q, Action::Redo);
        assert_eq!(text(&editor), "We meet ");
        act(&mut editor, q, Action::Undo);
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "");
        assert!(!act(&mut editor, q, Action::Undo), "nothing left to undo");
    }

    #[test]
    fn a_run_of_deletions_is_one_step() {
        let q = question("who_for");
        let mut editor = Editor::open(q, unanswered(q), Vocabularies::builtin());
        let start = Instant::now();
        type_keys(&mut editor, q, "Carers", start, TYPING);
        let vocab = Vocabularies::builtin();
        for i in 0..3 {
            let key = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
            editor.handle_at(None, key, vocab, q, start + Duration::from_secs(5 + i));
        }
        assert_eq!(text(&editor), "Car");
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "Carers");
    }

    #[test]
    fn a_paste_is_one_step_whether_pasted_or_sent_as_keys() {
        let q = question("who_for");
        let mut editor = Editor::open(q, unanswered(q), Vocabularies::builtin());
        type_keys(&mut editor, q, "Hello ", Instant::now(), TYPING);
        editor.paste("People who care for someone.\nAnd their friends.");
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "Hello ");
        // A terminal without bracketed paste sends the text as quick keys.
        type_keys(
            &mut editor,
            q,
            "Pasted as keys, words and all.",
            Instant::now() + Duration::from_secs(60),
            Duration::from_millis(1),
        );
        assert_eq!(text(&editor), "Hello Pasted as keys, words and all.");
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "Hello ");
    }

    #[test]
    fn one_line_boxes_undo_by_words_too() {
        let q = question("project_start");
        let mut editor = Editor::open(q, unanswered(q), Vocabularies::builtin());
        type_keys(&mut editor, q, "1 April 2027", Instant::now(), TYPING);
        act(&mut editor, q, Action::Undo);
        assert_eq!(text(&editor), "1 April ");
    }
}
