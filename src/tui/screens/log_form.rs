//! Logging one piece of evidence for a grant: a session, a count, a
//! member's story, money spent or a note. What is typed is read through the
//! same checks as `alongside log` (`Workspace::log_evidence`); a form left
//! half-filled is kept in `unfinished/<group>.toml` under `log-<kind>` and
//! comes back the next time that form is opened for that grant.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::grant_form::{self, FormKey, KeptForm};
use super::{Handled, Input, Screen};
use crate::dates::Day;
use crate::group::NoteKind;
use crate::monitoring::log::NewStory;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};
use crate::workspace::Evidence;

#[derive(Debug)]
pub struct LogForm {
    /// The grant's id.
    pub grant: String,
    pub kept: KeptForm,
    /// The name of each box, in order, so what was typed is read by name.
    keys: Vec<&'static str>,
}

/// The date box every log form ends with.
const DATE: &str = "Date (such as 1 April 2027 or 1/4/2027)";

impl LogForm {
    /// The form for logging `kind` for this grant, with what was typed in
    /// it last time; None when it cannot be logged (the status says why).
    pub fn open(ctx: &mut Ctx, grant: &str, kind: FormKind) -> Option<LogForm> {
        let today = ctx.today().for_people();
        if ctx.session.as_ref()?.open.read_only.is_some() {
            ctx.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be logged.",
            );
            return None;
        }
        let g = grant_form::grant(ctx, grant)?;
        let yes_no = || vec!["no".to_string(), "yes".to_string()];
        let (title, boxes): (&str, Vec<(&'static str, Field)>) = match kind {
            // Not log entries: made by the add-a-funder and grant screens.
            FormKind::Funder | FormKind::Grant => return None,
            FormKind::Session => (
                "Log a session",
                vec![
                    ("came", Field::typed("How many came", "")),
                    ("new", Field::typed("How many were new", "0")),
                    ("date", Field::typed(DATE, &today)),
                ],
            ),
            FormKind::Count => {
                let measures: Vec<String> = g
                    .measures()
                    .into_iter()
                    .filter(|m| !crate::monitoring::log::SESSION_MEASURES.contains(m))
                    .map(String::from)
                    .collect();
                if measures.is_empty() {
                    let key = ctx.keymap.label_in(Context::Grant, Action::Promises);
                    ctx.say(StatusKind::Info, format!("This grant has no measures of its own to count yet. Press {key} for its promises and give one a measure of your own, such as went on to volunteer."));
                    return None;
                }
                (
                    "Log a count",
                    vec![
                        ("measure", Field::choice("What is counted", measures)),
                        ("number", Field::typed("How many", "")),
                        ("date", Field::typed(DATE, &today)),
                    ],
                )
            }
            FormKind::Story => (
                "Log a member's story or quote",
                vec![
                    ("text", Field::words("The story, in their words", true)),
                    (
                        "consent",
                        Field::choice(
                            "Did they agree to it being shared with the funder?",
                            yes_no(),
                        ),
                    ),
                    // Empty uses with consent mean this funder's reports only.
                    (
                        "uses",
                        Field::typed(
                            "Agreed uses: report, other-funders, publicity (empty: this funder's report)",
                            "",
                        ),
                    ),
                    (
                        "until",
                        Field::typed("The last day their consent lasts (empty: no end date)", ""),
                    ),
                    (
                        "anonymised",
                        Field::choice(
                            "Have names been taken out? (choosing yes means you have checked)",
                            yes_no(),
                        ),
                    ),
                    ("date", Field::typed(DATE, &today)),
                ],
            ),
            FormKind::Spend => {
                if g.budget.is_empty() {
                    ctx.say(
                        StatusKind::Info,
                        "This grant has no budget lines to spend against.",
                    );
                    return None;
                }
                let lines = g.budget.iter().map(|l| l.item.clone()).collect();
                (
                    "Log money spent",
                    vec![
                        ("amount", Field::typed("How much, in pounds", "")),
                        ("line", Field::choice("Budget line", lines)),
                        ("receipt", Field::words("Receipt number (if any)", false)),
                        ("date", Field::typed(DATE, &today)),
                    ],
                )
            }
            FormKind::Note => (
                "Write a note",
                vec![
                    ("text", Field::words("The note", true)),
                    (
                        "kind",
                        Field::choice(
                            "What kind of note",
                            NoteKind::ALL
                                .iter()
                                .map(|k| k.heading().to_string())
                                .collect(),
                        ),
                    ),
                    ("date", Field::typed(DATE, &today)),
                ],
            ),
        };
        let (keys, fields): (Vec<_>, Vec<_>) = boxes.into_iter().unzip();
        let form = Form::new(kind, title, fields);
        let mut kept = KeptForm::new(form, form_name(kind), grant.to_string());
        kept.restore(ctx);
        Some(LogForm {
            grant: grant.to_string(),
            kept,
            keys,
        })
    }

    /// What was typed in the box named `key`.
    fn value(&self, key: &str) -> String {
        self.keys
            .iter()
            .position(|k| *k == key)
            .map_or(String::new(), |i| self.kept.form.value(i))
    }

    fn date(&self, key: &str) -> Result<Day, String> {
        self.value(key)
            .trim()
            .parse()
            .map_err(|e: crate::dates::BadDate| e.to_string())
    }

    fn whole(&self, key: &str, what: &str) -> Result<u32, String> {
        let n = crate::bank::parse_whole_number(&self.value(key))
            .map_err(|e| format!("{} ({what}). {}", e.problem, e.expected))?;
        u32::try_from(n)
            .map_err(|_| format!("{n} cannot be {what}: give a whole number of 0 or more"))
    }

    /// Records the entry through the operations both front ends share,
    /// saves, and says what was recorded; the reason when it cannot be.
    fn record(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        let by = ctx
            .session
            .as_ref()
            .map_or(crate::group::Author::Group, |s| s.author);
        let (text, measure, line, receipt) = (
            self.value("text"),
            self.value("measure"),
            self.value("line"),
            self.value("receipt"),
        );
        let entry = match self.kept.form.kind {
            FormKind::Session => Evidence::Session {
                came: self.whole("came", "how many came")?,
                new: self.whole("new", "how many were new")?,
                date: Some(self.date("date")?),
            },
            FormKind::Count => Evidence::Count {
                measure: &measure,
                number: self.whole("number", "how many")?.into(),
                date: Some(self.date("date")?),
            },
            FormKind::Story => {
                let uses = crate::monitoring::consent::parse_uses(&self.value("uses"))
                    .map_err(|e| format!("Agreed uses: {e}"))?;
                let until = match self.value("until").trim() {
                    "" => None,
                    _ => Some(
                        self.date("until")
                            .map_err(|e| format!("The last day of consent: {e}"))?,
                    ),
                };
                let anonymised = self.value("anonymised") == "yes";
                Evidence::Story(NewStory {
                    // The next free id is given when it is logged.
                    id: String::new(),
                    date: self.date("date")?,
                    text: &text,
                    consent: self.value("consent") == "yes",
                    uses,
                    until,
                    by,
                    anonymised,
                    checked_by: anonymised.then_some(by),
                })
            }
            FormKind::Spend => Evidence::Spend {
                pence: crate::bank::parse_money(&self.value("amount"))
                    .map_err(|e| format!("{}. {}", e.problem, e.expected))?,
                line: &line,
                receipt: Some(receipt.as_str()),
                date: Some(self.date("date")?),
            },
            FormKind::Note => {
                let heading = self.value("kind");
                Evidence::Note {
                    text: &text,
                    kind: NoteKind::ALL
                        .into_iter()
                        .find(|k| k.heading() == heading)
                        .unwrap_or_default(),
                    date: Some(self.date("date")?),
                }
            }
            FormKind::Funder | FormKind::Grant => {
                return Err("This form is not a log entry.".to_string());
            }
        };
        let Some(s) = &mut ctx.session else {
            return Ok(());
        };
        let logged = ctx
            .ws
            .log_evidence(&mut s.open.group, Some(&self.grant), by, entry)
            .map_err(|e| e.to_string())?;
        self.kept.finished(ctx);
        let (kind, said) = grant_form::said_with(logged.said, &logged.warnings);
        grant_form::save_and_say(ctx, kind, said);
        Ok(())
    }
}

impl Screen for LogForm {
    fn name(&self) -> &'static str {
        "log-form"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::LogForm
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        grant_form::FORM_COMMANDS.to_vec()
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        match self.kept.key(input) {
            FormKey::Typed => Handled::Done,
            // What was typed is kept and comes back next time.
            FormKey::Leave => {
                self.kept.leave(ctx);
                Handled::Pop
            }
            FormKey::Save => match self.record(ctx) {
                Ok(()) => Handled::Pop,
                Err(problem) => self.kept.refuse(problem),
            },
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        self.kept.form.paste(text);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        crate::tui::view::draw_form(frame, ctx, area, &self.kept.form);
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        self.kept.keep(ctx)
    }
}

/// The name a log form is kept under in `unfinished/`.
pub fn form_name(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Session => "log-session",
        FormKind::Count => "log-count",
        FormKind::Story => "log-story",
        FormKind::Spend => "log-spend",
        FormKind::Note => "log-note",
        // Not a log form; the add-a-funder steps are not kept here.
        FormKind::Funder => "add-funder",
        // The grant screens keep their own forms (screens::grant_form).
        FormKind::Grant => "grant-form",
    }
}

/// The log form kept under this name, if it is one.
pub fn form_kind(name: &str) -> Option<FormKind> {
    [
        FormKind::Session,
        FormKind::Count,
        FormKind::Story,
        FormKind::Spend,
        FormKind::Note,
    ]
    .into_iter()
    .find(|k| form_name(*k) == name)
}
