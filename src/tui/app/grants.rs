//! Grants and the quick forms for logging evidence.

use super::*;

impl Ctx {
    pub(super) fn open_grants(&mut self) {
        let Some(s) = &self.session else { return };
        if s.open.group.grants.is_empty() {
            if s.open.read_only.is_some() {
                return self.say(StatusKind::Info, "No grants yet.");
            }
            self.say(
                StatusKind::Info,
                "No grants yet. When a funder says yes, record the award here.",
            );
            // Opened after the message, so "what you typed is back" shows.
            let award = crate::tui::screens::award::Award::open(self, true);
            return self.navigate(Handled::Push(Box::new(award)));
        }
        self.screen = LegacyScreen::Grants { cursor: 0 };
    }

    pub(super) fn open_log_form(&mut self, index: usize, kind: FormKind) {
        let today = self.today().for_people();
        let Some(s) = &self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be logged.",
            );
        }
        let Some(grant) = s.open.group.grants.get(index) else {
            return;
        };
        let yes_no = || vec!["no".to_string(), "yes".to_string()];
        let form = match kind {
            // Not a log entry: made only by the add-a-funder steps.
            FormKind::Funder | FormKind::Grant => return,
            FormKind::Session => Form::new(
                kind,
                "Log a session",
                vec![
                    Field::typed("How many came", ""),
                    Field::typed("How many were new", "0"),
                    Field::typed("Date (such as 1 April 2027 or 1/4/2027)", &today),
                ],
            ),
            FormKind::Count => {
                let measures: Vec<String> = grant
                    .measures()
                    .into_iter()
                    .filter(|m| !crate::monitoring::log::SESSION_MEASURES.contains(m))
                    .map(String::from)
                    .collect();
                if measures.is_empty() {
                    let key = self.keymap.label_in(Context::Grant, Action::Promises);
                    return self.say(StatusKind::Info, format!("This grant has no measures of its own to count yet. Press {key} for its promises and give one a measure of your own, such as went on to volunteer."));
                }
                Form::new(
                    kind,
                    "Log a count",
                    vec![
                        Field::choice("What is counted", measures),
                        Field::typed("How many", ""),
                        Field::typed("Date (such as 1 April 2027 or 1/4/2027)", &today),
                    ],
                )
            }
            FormKind::Story => Form::new(
                kind,
                "Log a member's story or quote",
                vec![
                    Field::words("The story, in their words", true),
                    Field::choice(
                        "Did they agree to it being shared with the funder?",
                        yes_no(),
                    ),
                    // The uses and end date of the consent (issue 16); empty
                    // uses with consent mean this funder's reports only.
                    Field::typed(
                        "Agreed uses: report, other-funders, publicity (empty: this funder's report)",
                        "",
                    ),
                    Field::typed("The last day their consent lasts (empty: no end date)", ""),
                    Field::choice(
                        "Have names been taken out? (choosing yes means you have checked)",
                        yes_no(),
                    ),
                    Field::typed("Date (such as 1 April 2027 or 1/4/2027)", &today),
                ],
            ),
            FormKind::Spend => {
                if grant.budget.is_empty() {
                    return self.say(
                        StatusKind::Info,
                        "This grant has no budget lines to spend against.",
                    );
                }
                let lines = grant.budget.iter().map(|l| l.item.clone()).collect();
                Form::new(
                    kind,
                    "Log money spent",
                    vec![
                        Field::typed("How much, in pounds", ""),
                        Field::choice("Budget line", lines),
                        Field::words("Receipt number (if any)", false),
                        Field::typed("Date (such as 1 April 2027 or 1/4/2027)", &today),
                    ],
                )
            }
            FormKind::Note => Form::new(
                kind,
                "Write a note",
                vec![
                    Field::words("The note", true),
                    Field::choice(
                        "What kind of note",
                        NoteKind::ALL
                            .iter()
                            .map(|k| k.heading().to_string())
                            .collect(),
                    ),
                    Field::typed("Date (such as 1 April 2027 or 1/4/2027)", &today),
                ],
            ),
        };
        self.screen = LegacyScreen::LogForm { grant: index, form };
        self.restore_log_form();
    }

    /// Turns the form into a log entry through the same checks as the
    /// command line, saves it, and says what was recorded.
    pub(super) fn record_log(&mut self, index: usize) {
        let today = self.today();
        let LegacyScreen::LogForm { form, .. } = &self.screen else {
            return;
        };
        let form = form.clone();
        let Some(s) = &mut self.session else { return };
        let author = s.author;
        crate::monitoring::consent::ensure_ids(&mut s.open.group);
        let story_id = crate::monitoring::consent::next_id(&s.open.group);
        let Some(grant) = s.open.group.grants.get_mut(index) else {
            return;
        };
        let result = build_log_entry(grant, &form, author, today, story_id);
        match result {
            Ok(logged) => {
                s.open.group.updated = (self.clock)();
                s.open
                    .group
                    .record_step(crate::group::Step::LoggedEvidence, author);
                self.save_now();
                self.forget_form();
                let mut text = logged.said;
                for w in logged.warnings {
                    text.push(' ');
                    text.push_str(&w);
                }
                let kind = if text.contains("over its budget") || text.contains("Check these") {
                    StatusKind::Warning
                } else {
                    StatusKind::Info
                };
                self.screen = LegacyScreen::Grant { index };
                self.say(kind, text);
            }
            Err(problem) => {
                if let LegacyScreen::LogForm { form, .. } = &mut self.screen {
                    form.error = Some(problem);
                }
            }
        }
    }

    /// The keys on this screen.
    pub(super) fn grants_key(&mut self, action: Option<Action>) {
        let LegacyScreen::Grants { cursor } = &mut self.screen else {
            return;
        };
        {
            let count = self
                .session
                .as_ref()
                .map_or(0, |s| s.open.group.grants.len());
            match action {
                Some(Action::Up) => *cursor = cursor.saturating_sub(1),
                Some(Action::Down) => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
                Some(Action::Open) if count > 0 => {
                    let index = *cursor;
                    self.screen = LegacyScreen::Grant { index };
                }
                Some(Action::Back) => self.screen = LegacyScreen::Sections,
                Some(Action::RecordAward) => {
                    let award = crate::tui::screens::award::Award::open(self, false);
                    self.navigate(Handled::Push(Box::new(award)));
                }
                _ => {}
            }
        }
    }

    /// The keys on this screen.
    pub(super) fn grant_key(&mut self, action: Option<Action>) {
        let LegacyScreen::Grant { index } = &mut self.screen else {
            return;
        };
        {
            let index = *index;
            let kind = match action {
                Some(Action::Back) => return self.screen = LegacyScreen::Grants { cursor: index },
                Some(Action::LogSession) => FormKind::Session,
                Some(Action::LogCount) => FormKind::Count,
                Some(Action::LogStory) => FormKind::Story,
                Some(Action::LogSpend) => FormKind::Spend,
                Some(Action::LogNote) => FormKind::Note,
                Some(
                    action @ (Action::Promises
                    | Action::Evidence
                    | Action::WriteReturn
                    | Action::ReturnDetails),
                ) => {
                    return self.open_grant_screen(index, action);
                }
                _ => return,
            };
            self.open_log_form(index, kind);
        }
    }

    /// Opens a grant's promises, its log or its return over this screen.
    fn open_grant_screen(&mut self, index: usize, action: Action) {
        use crate::tui::screens::{evidence, grant_return, promises, return_details};
        let Some(id) = self
            .session
            .as_ref()
            .and_then(|s| s.open.group.grants.get(index))
            .map(|g| g.id.clone())
        else {
            return;
        };
        let screen: Box<dyn crate::tui::screens::Screen> = match action {
            Action::Promises => Box::new(promises::Promises::open(self, &id)),
            Action::Evidence => Box::new(evidence::Evidence::open(self, &id)),
            Action::ReturnDetails => match return_details::ReturnDetails::open(self, &id) {
                Some(form) => Box::new(form),
                None => return,
            },
            _ => Box::new(grant_return::GrantReturn::open(self, &id)),
        };
        self.navigate(Handled::Push(screen));
    }

    /// The keys on this screen.
    pub(super) fn log_form_key(&mut self, action: Option<Action>, key: Key, event: KeyEvent) {
        let LegacyScreen::LogForm { grant, form } = &mut self.screen else {
            return;
        };
        {
            let grant = *grant;
            match action {
                Some(Action::Back) => {
                    // What was typed is kept and comes back next time.
                    let kept = self.keep_form();
                    self.screen = LegacyScreen::Grant { index: grant };
                    if let Err(problem) = kept {
                        self.say(StatusKind::Warning, problem);
                    }
                }
                Some(Action::NextField) => form.next(),
                Some(Action::PreviousField) => form.previous(),
                Some(Action::Up) => form.up_down(true),
                Some(Action::Down) => form.up_down(false),
                // Enter in a box for several lines is a new line (pasted
                // text arrives as keys on some systems); Ctrl+S records.
                Some(Action::Confirm)
                    if key.code == KeyCode::Enter && form.focused_takes_lines() =>
                {
                    form.type_key(event)
                }
                Some(Action::Confirm) => self.record_log(grant),
                Some(_) => {}
                None => form.type_key(event),
            }
        }
    }
}

/// Reads a log form with the log's own checks; the message says what to
/// fix when something is wrong.
fn build_log_entry(
    grant: &mut crate::group::Grant,
    form: &Form,
    author: Author,
    today: crate::dates::Day,
    story_id: String,
) -> Result<crate::monitoring::log::Logged, String> {
    use crate::monitoring::log;
    let date_at = |i: usize| -> Result<crate::dates::Day, String> {
        form.value(i)
            .trim()
            .parse()
            .map_err(|e: crate::dates::BadDate| e.to_string())
    };
    let whole = |i: usize, what: &str| -> Result<u32, String> {
        let n = crate::bank::parse_whole_number(&form.value(i))
            .map_err(|e| format!("{} ({what}). {}", e.problem, e.expected))?;
        u32::try_from(n)
            .map_err(|_| format!("{n} cannot be {what}: give a whole number of 0 or more"))
    };
    let logged = match form.kind {
        FormKind::Session => log::session(
            grant,
            date_at(2)?,
            whole(0, "how many came")?,
            whole(1, "how many were new")?,
            today,
        ),
        FormKind::Count => {
            let number = whole(1, "how many")?;
            log::count(grant, date_at(2)?, &form.value(0), number as i64, today)
        }
        FormKind::Story => {
            let uses = crate::monitoring::consent::parse_uses(&form.value(2))
                .map_err(|e| format!("Agreed uses: {e}"))?;
            let until = match form.value(3).trim() {
                "" => None,
                _ => Some(date_at(3).map_err(|e| format!("The last day of consent: {e}"))?),
            };
            log::story(
                grant,
                log::NewStory {
                    id: story_id,
                    date: date_at(5)?,
                    text: &form.value(0),
                    consent: form.value(1) == "yes",
                    uses,
                    until,
                    by: author,
                    anonymised: form.value(4) == "yes",
                    checked_by: (form.value(4) == "yes").then_some(author),
                },
                today,
            )
        }
        FormKind::Spend => {
            let pence = crate::bank::parse_money(&form.value(0))
                .map_err(|e| format!("{}. {}", e.problem, e.expected))?;
            let receipt = form.value(2);
            log::spend(
                grant,
                date_at(3)?,
                pence,
                &form.value(1),
                Some(receipt.as_str()),
                today,
            )
        }
        FormKind::Note => {
            let heading = form.value(1);
            let kind = NoteKind::ALL
                .into_iter()
                .find(|k| k.heading() == heading)
                .unwrap_or_default();
            log::note(grant, date_at(2)?, &form.value(0), kind, today)
        }
        // A funder's details are saved by the add-a-funder steps, never
        // logged; a log form is never made with this kind.
        FormKind::Funder | FormKind::Grant => {
            return Err("This form is not a log entry.".to_string());
        }
    };
    logged.map_err(|e| e.to_string())
}
