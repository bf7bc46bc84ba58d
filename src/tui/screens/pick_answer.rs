//! Picking a promise's words from the group's own answers, inside the
//! promise form: first the answer (a question the group answered, or its
//! wording to a funder), then one or more of its sentences. The words are
//! copied by `monitoring::picked_text`, the same call `alongside promise
//! --from --sentence` makes, and put in the promise's box to cut down;
//! nothing is retyped or suggested.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::Input;
use crate::monitoring::{self, Pickable};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

/// The answers offered and where the person is in them.
#[derive(Debug)]
pub struct Picker {
    pub answers: Vec<Pickable>,
    pub cursor: ListCursor,
    /// The answer whose sentences are shown, by its place in `answers`.
    pub chosen: Option<usize>,
    pub sentence: ListCursor,
    /// Which sentences are picked, one flag each.
    pub picked: Vec<bool>,
}

/// What a key in the picker came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// Still choosing.
    Stay,
    /// Left without taking anything.
    Cancel,
    /// The answer (`from`) and its sentences (from 1), and their words.
    Took {
        from: String,
        sentences: Vec<usize>,
        words: String,
    },
}

impl Picker {
    /// The picker over the group's answers; None (and the status says
    /// why) when there is nothing to pick from.
    pub fn open(ctx: &mut Ctx) -> Option<Picker> {
        let answers = ctx
            .session
            .as_ref()
            .map(|s| monitoring::pickable_answers(&s.open.group))
            .unwrap_or_default();
        if answers.is_empty() {
            ctx.say(
                StatusKind::Info,
                "There are no answers with words in them to pick from yet: write the promise in your own words.",
            );
            return None;
        }
        Some(Picker {
            answers,
            cursor: ListCursor::default(),
            chosen: None,
            sentence: ListCursor::default(),
            picked: Vec::new(),
        })
    }

    pub fn context(&self) -> Context {
        if self.chosen.is_some() {
            Context::PickSentences
        } else {
            Context::PickAnswer
        }
    }

    pub fn commands(&self) -> Vec<Action> {
        if self.chosen.is_some() {
            vec![
                Action::Up,
                Action::Down,
                Action::Toggle,
                Action::Confirm,
                Action::Back,
            ]
        } else {
            vec![Action::Up, Action::Down, Action::Open, Action::Back]
        }
    }

    fn label(a: &Pickable, ctx: &Ctx) -> String {
        match &a.prompt {
            Some(prompt) => one_line(prompt),
            None => answer_label(&a.from, ctx),
        }
    }

    /// The sentences picked, numbered from 1.
    fn numbers(&self) -> Vec<usize> {
        self.picked
            .iter()
            .enumerate()
            .filter(|(_, p)| **p)
            .map(|(i, _)| i + 1)
            .collect()
    }

    /// The words the picked sentences give, as they will be copied.
    fn words(&self, ctx: &Ctx) -> Option<String> {
        let a = self.answers.get(self.chosen?)?;
        let numbers = self.numbers();
        if numbers.is_empty() {
            return None;
        }
        let s = ctx.session.as_ref()?;
        monitoring::picked_text(&s.open.group, &a.from, &numbers).ok()
    }

    pub fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Picked {
        let Some(chosen) = self.chosen else {
            if self.cursor.step(input.action, self.answers.len()) {
                return Picked::Stay;
            }
            match input.action {
                Some(Action::Back) => return Picked::Cancel,
                Some(Action::Open) => {
                    let i = self.cursor.index();
                    let count = self.answers.get(i).map_or(0, |a| a.sentences.len());
                    self.chosen = Some(i);
                    self.sentence = ListCursor::default();
                    // One sentence is the whole answer: picked already.
                    self.picked = vec![count == 1; count];
                }
                _ => {}
            }
            return Picked::Stay;
        };
        let count = self.picked.len();
        if self.sentence.step(input.action, count) {
            return Picked::Stay;
        }
        match input.action {
            Some(Action::Back) => self.chosen = None,
            Some(Action::Toggle) => {
                if let Some(p) = self.picked.get_mut(self.sentence.index()) {
                    *p = !*p;
                }
            }
            Some(Action::Confirm) => match self.words(ctx) {
                Some(words) => {
                    return Picked::Took {
                        from: self.answers[chosen].from.clone(),
                        sentences: self.numbers(),
                        words,
                    };
                }
                None => ctx.say(
                    StatusKind::Info,
                    format!(
                        "Pick one or more sentences first ({} picks the one the cursor is on).",
                        ctx.keymap.label_in(Context::PickSentences, Action::Toggle)
                    ),
                ),
            },
            _ => {}
        }
        Picked::Stay
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let [intro, body, below] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(4),
        ])
        .areas(area);
        let width = body.width.saturating_sub(6) as usize;
        let cut = |s: &str| -> String { s.chars().take(width).collect() };
        let Some(chosen) = self.chosen.and_then(|i| self.answers.get(i)) else {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "Choose the answer the promise comes from. Its words are copied as you wrote them; you can cut them down before saving.",
                    t.dim,
                ))
                .wrap(Wrap { trim: true }),
                intro,
            );
            let items: Vec<ListItem> = self
                .answers
                .iter()
                .map(|a| {
                    let first = a.sentences.first().map_or("", String::as_str);
                    let more = match a.sentences.len() {
                        1 => String::new(),
                        n => format!("({n} sentences) "),
                    };
                    ListItem::new(Text::from(vec![
                        Line::from(Span::styled(cut(&Self::label(a, ctx)), t.text)),
                        Line::from(Span::styled(
                            cut(&format!("   {more}{}", one_line(first))),
                            t.dim,
                        )),
                    ]))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(self.cursor.index()));
            frame.render_stateful_widget(list(ctx, items, "Your answers"), body, &mut state);
            return;
        };
        frame.render_widget(
            Paragraph::new(Span::styled(cut(&Self::label(chosen, ctx)), t.title))
                .wrap(Wrap { trim: true }),
            intro,
        );
        let items: Vec<ListItem> = chosen
            .sentences
            .iter()
            .zip(&self.picked)
            .map(|(s, picked)| {
                let mark = if *picked { "[x] " } else { "[ ] " };
                let lines: Vec<Line> = crate::text::wrap(&one_line(s), width.saturating_sub(4))
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let lead = if i == 0 { mark } else { "    " };
                        Line::from(Span::styled(format!("{lead}{l}"), t.text))
                    })
                    .collect();
                ListItem::new(Text::from(lines))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.sentence.index()));
        frame.render_stateful_widget(
            list(
                ctx,
                items,
                "Pick the sentences that are this grant's outcome",
            ),
            body,
            &mut state,
        );
        let reads = match self.words(ctx) {
            Some(words) => format!("The promise will read: {}", one_line(&words)),
            None => "Nothing picked yet.".to_string(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(reads, t.text)).wrap(Wrap { trim: true }),
            below,
        );
    }
}

/// What an answer (`from`, as `PromiseWords::FromAnswer` takes it) is
/// called on screen: its question, or for wording to a funder the
/// funder's name and its question.
pub fn answer_label(from: &str, ctx: &Ctx) -> String {
    let Some((funder, question)) = from.split_once('/') else {
        return crate::bank::Bank::builtin()
            .ok()
            .and_then(|b| b.question(from))
            .map_or(from.to_string(), |q| one_line(&q.prompt));
    };
    let profile = ctx.catalogue.get(funder).map(|l| &l.profile);
    let name = profile.map_or(funder.to_string(), |p| one_line(&p.name));
    let asked = profile
        .and_then(|p| p.questions.iter().find(|q| q.id == question))
        .map_or(question.to_string(), |q| one_line(&q.prompt));
    format!("Your words to {name}: {asked}")
}
