//! Adding a funder, or a funder's questions, from its form: the name (for
//! a new funder), then the questions pasted or typed, read by the same
//! parser as `alongside funders new --questions-from`, then what was
//! understood, with each limit editable, saved only when the person says.

use super::*;
use crate::funders::form::{self, FormQuestion};
use crate::funders::user_profiles::{self, NewFunder};

/// The steps of adding questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddStage {
    /// The new funder's name, organisation and web address.
    Details,
    /// Pasting or typing the questions.
    Paste,
    /// What was understood, before saving.
    Review,
}

/// Which limit is being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    Words,
    Characters,
}

/// Where the steps go back to when they are done or left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddBack {
    Funders(usize),
    Draft(String),
}

#[derive(Debug)]
pub struct AddFunder {
    /// The funder the questions are for; `None` for a new funder.
    pub funder: Option<String>,
    /// Its name, for headings.
    pub funder_name: String,
    /// The new funder's details.
    pub details: Option<Form>,
    pub stage: AddStage,
    /// What was pasted or typed, kept when going back to change it.
    pub text: TextArea<'static>,
    pub questions: Vec<FormQuestion>,
    /// Questions the person chose to leave out, by position.
    pub left_out: Vec<bool>,
    /// Lines that were not questions (headings, introductions).
    pub skipped: usize,
    pub cursor: usize,
    /// A limit being typed for the selected question.
    pub limit: Option<(LimitKind, TextArea<'static>)>,
    pub error: Option<String>,
    pub back: AddBack,
}

impl AddFunder {
    pub fn context(&self) -> Context {
        if self.limit.is_some() {
            return Context::FormLimit;
        }
        match self.stage {
            AddStage::Details => Context::AddFunder,
            AddStage::Paste => Context::FormText,
            AddStage::Review => Context::FormReview,
        }
    }
}

/// Reads what was typed for a limit: a number, or for words "50-300" (a
/// minimum and a maximum); nothing for no limit.
pub fn read_limit(kind: LimitKind, typed: &str) -> Result<(Option<u32>, Option<u32>), String> {
    let typed = typed.trim().replace(',', "");
    if typed.is_empty() {
        return Ok((None, None));
    }
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("\"{}\" is not a whole number above 0", t.trim()))
    };
    match (kind, typed.split_once(['-', '–'])) {
        (LimitKind::Words, Some((min, max))) => {
            let (min, max) = (number(min)?, number(max)?);
            if min > max {
                return Err(format!("the least ({min}) is above the most ({max})"));
            }
            Ok((Some(min), Some(max)))
        }
        (LimitKind::Characters, Some(_)) => {
            Err("type the most characters the form takes, such as 1500".to_string())
        }
        (_, None) => Ok((None, Some(number(&typed)?))),
    }
}

impl App {
    /// Starts adding a funder that is not in the list.
    pub(super) fn start_add_funder(&mut self, back: AddBack) {
        let details = Form::new(
            FormKind::Funder,
            "A funder that is not in the list",
            vec![
                Field::words("The funder's or programme's name", false),
                Field::words(
                    "The organisation that gives the money (if not the same)",
                    false,
                ),
                Field::words("Its web address (if you know it)", false),
            ],
        );
        self.screen = Screen::AddFunder(Box::new(AddFunder {
            funder: None,
            funder_name: String::new(),
            details: Some(details),
            stage: AddStage::Details,
            text: text_box("", true),
            questions: Vec::new(),
            left_out: Vec::new(),
            skipped: 0,
            cursor: 0,
            limit: None,
            error: None,
            back,
        }));
    }

    /// Starts adding questions to a funder in the list.
    pub(super) fn start_add_questions(&mut self, funder: String, back: AddBack) {
        let Some(profile) = self.profile(&funder) else {
            return self.say(
                StatusKind::Error,
                "That funder's profile is no longer loaded.",
            );
        };
        let funder_name = profile.name.clone();
        self.screen = Screen::AddFunder(Box::new(AddFunder {
            funder: Some(funder),
            funder_name,
            details: None,
            stage: AddStage::Paste,
            text: text_box("", true),
            questions: Vec::new(),
            left_out: Vec::new(),
            skipped: 0,
            cursor: 0,
            limit: None,
            error: None,
            back,
        }));
    }

    pub(super) fn add_funder_key(&mut self, action: Option<Action>, event: KeyEvent) {
        let Screen::AddFunder(add) = &mut self.screen else {
            return;
        };
        add.error = None;
        if let Some((kind, typed)) = &mut add.limit {
            match action {
                Some(Action::Back) => add.limit = None,
                Some(Action::Confirm) => {
                    let kind = *kind;
                    match read_limit(kind, &typed.lines().join(" ")) {
                        Ok((min, max)) => {
                            if let Some(q) = add.questions.get_mut(add.cursor) {
                                match kind {
                                    LimitKind::Words => {
                                        q.min_words = min;
                                        q.max_words = max;
                                    }
                                    LimitKind::Characters => q.max_chars = max,
                                }
                            }
                            add.limit = None;
                        }
                        Err(e) => add.error = Some(e),
                    }
                }
                Some(_) => {}
                None => {
                    typed.input(event);
                }
            }
            return;
        }
        match add.stage {
            AddStage::Details => {
                let Some(form) = &mut add.details else { return };
                match action {
                    Some(Action::Back) => {
                        let back = add.back.clone();
                        self.leave_add(back);
                    }
                    Some(Action::NextField) => form.next(),
                    Some(Action::PreviousField) => form.previous(),
                    Some(Action::Confirm) => {
                        let name = form.value(0).trim().to_string();
                        let id = crate::text::slugify(&name).unwrap_or_default();
                        let checked = if name.is_empty() {
                            Err("Type the funder's name first.".to_string())
                        } else {
                            user_profiles::check_new_id(&self.catalogue, &id)
                                .map_err(|e| e.to_string())
                        };
                        let Screen::AddFunder(add) = &mut self.screen else {
                            return;
                        };
                        match checked {
                            Ok(()) => {
                                add.funder_name = name;
                                add.stage = AddStage::Paste;
                            }
                            Err(e) => {
                                if let Some(form) = &mut add.details {
                                    form.error = Some(e);
                                }
                            }
                        }
                    }
                    Some(_) => {}
                    None => form.type_key(event),
                }
            }
            AddStage::Paste => match action {
                Some(Action::Back) => {
                    if add.details.is_some() {
                        add.stage = AddStage::Details;
                    } else {
                        let back = add.back.clone();
                        self.leave_add(back);
                    }
                }
                Some(Action::Confirm) => {
                    let parsed = form::parse(&add.text.lines().join("\n"));
                    if parsed.questions.is_empty() {
                        add.error = Some("No questions found yet. Paste or type them: one on each line, or numbered 1. 2. 3.".to_string());
                    } else {
                        add.left_out = vec![false; parsed.questions.len()];
                        add.questions = parsed.questions;
                        add.skipped = parsed.skipped.len();
                        add.cursor = 0;
                        add.stage = AddStage::Review;
                    }
                }
                Some(_) => {}
                None => {
                    add.text.input(event);
                }
            },
            AddStage::Review => {
                let last = add.questions.len().saturating_sub(1);
                let selected = add.questions.get_mut(add.cursor);
                match (action, selected) {
                    (Some(Action::Up), _) => add.cursor = add.cursor.saturating_sub(1),
                    (Some(Action::Down), _) => add.cursor = (add.cursor + 1).min(last),
                    (Some(Action::Back), _) => add.stage = AddStage::Paste,
                    (Some(Action::WordLimit), Some(q)) => {
                        let now = match (q.min_words, q.max_words) {
                            (Some(min), Some(max)) => format!("{min}-{max}"),
                            (_, Some(max)) => max.to_string(),
                            _ => String::new(),
                        };
                        add.limit = Some((LimitKind::Words, text_box(&now, false)));
                    }
                    (Some(Action::CharLimit), Some(q)) => {
                        let now = q.max_chars.map(|n| n.to_string()).unwrap_or_default();
                        add.limit = Some((LimitKind::Characters, text_box(&now, false)));
                    }
                    (Some(Action::ToggleSpaces), Some(q)) => {
                        q.chars_include_spaces = Some(!q.chars_include_spaces.unwrap_or(true));
                    }
                    (Some(Action::ToggleOptional), Some(q)) => q.optional = !q.optional,
                    (Some(Action::LeaveOut), Some(_)) => {
                        if let Some(out) = add.left_out.get_mut(add.cursor) {
                            *out = !*out;
                        }
                    }
                    (Some(Action::Confirm), _) => self.save_added(),
                    _ => {}
                }
            }
        }
    }

    pub(super) fn add_funder_paste(&mut self, text: &str) {
        let Screen::AddFunder(add) = &mut self.screen else {
            return;
        };
        if let Some((_, typed)) = &mut add.limit {
            typed.insert_str(crate::text::sanitize(text, false));
            return;
        }
        match add.stage {
            AddStage::Details => {
                if let Some(form) = &mut add.details {
                    form.paste(text);
                }
            }
            AddStage::Paste => {
                add.text
                    .insert_str(crate::text::sanitize(&text.replace("\r\n", "\n"), true));
            }
            AddStage::Review => {}
        }
    }

    fn leave_add(&mut self, back: AddBack) {
        self.screen = match back {
            AddBack::Funders(cursor) => Screen::Funders { cursor },
            AddBack::Draft(funder) => Screen::Draft { funder, cursor: 0 },
        };
    }

    /// Saves the questions kept into the funder's profile in the data
    /// folder, reloads the funders and opens the bid to it.
    fn save_added(&mut self) {
        let today = self.today();
        let Screen::AddFunder(add) = &self.screen else {
            return;
        };
        let kept: Vec<FormQuestion> = add
            .questions
            .iter()
            .zip(&add.left_out)
            .filter(|(_, out)| !**out)
            .map(|(q, _)| q.clone())
            .collect();
        if kept.is_empty() {
            if let Screen::AddFunder(add) = &mut self.screen {
                add.error = Some(
                    "Every question is left out. Press x on one to put it back, or Esc to go back."
                        .to_string(),
                );
            }
            return;
        }
        let (mut profile, origin) = match (&add.funder, &add.details) {
            (Some(id), _) => match self.catalogue.get(id) {
                Some(l) => (l.profile.clone(), Some(l.origin.clone())),
                None => {
                    return self.say(
                        StatusKind::Error,
                        "That funder's profile is no longer loaded.",
                    );
                }
            },
            (None, Some(form)) => {
                let optional = |i: usize| {
                    let v = form.value(i).trim().to_string();
                    (!v.is_empty()).then_some(v)
                };
                let name = form.value(0).trim().to_string();
                let new = NewFunder {
                    id: crate::text::slugify(&name).unwrap_or_default(),
                    name,
                    organisation: optional(1),
                    website: optional(2),
                };
                (user_profiles::new_profile(&new, today), None)
            }
            (None, None) => return,
        };
        let questions = user_profiles::form_questions(&kept);
        user_profiles::add_questions(&mut profile, &questions, today);
        let path = user_profiles::save_path(&self.data.funders(), &profile, origin.as_ref());
        if let Err(e) = user_profiles::save(&path, &profile) {
            if let Screen::AddFunder(add) = &mut self.screen {
                add.error = Some(e.to_string());
            }
            return;
        }
        self.catalogue = Catalogue::load(&Sources::Standard {
            user_dir: self.data.funders(),
        });
        self.refresh_matches();
        self.say(
            StatusKind::Info,
            format!(
                "Saved {} for {}. Every group in this data folder can use them now.",
                crate::drafting::plural(kept.len(), "question"),
                profile.name
            ),
        );
        self.screen = Screen::Draft {
            funder: profile.id,
            cursor: 0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_as_typed() {
        assert_eq!(read_limit(LimitKind::Words, "300"), Ok((None, Some(300))));
        assert_eq!(
            read_limit(LimitKind::Words, " 50-300 "),
            Ok((Some(50), Some(300)))
        );
        assert_eq!(
            read_limit(LimitKind::Characters, "1,500"),
            Ok((None, Some(1500)))
        );
        assert_eq!(read_limit(LimitKind::Words, ""), Ok((None, None)));
        assert!(read_limit(LimitKind::Words, "300-50").is_err());
        assert!(read_limit(LimitKind::Words, "lots").is_err());
        assert!(read_limit(LimitKind::Words, "0").is_err());
        assert!(read_limit(LimitKind::Characters, "10-20").is_err());
    }
}
