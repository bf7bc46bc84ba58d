//! One funder, rule by rule, named by its id. Enter on a rule the tool
//! could not check opens its question over this screen; Esc there comes
//! back here with the rule worked out again.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph};

use super::add_funder::{AddBack, AddFunder};
use super::answer::Answer;
use super::{Handled, Input, Screen};
use crate::matching::FunderMatch;
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::list;

#[derive(Debug)]
pub struct Funder {
    pub id: String,
    /// The funder's verdict for the group as it was last worked out.
    found: Option<FunderMatch>,
    pub cursor: ListCursor,
}

impl Funder {
    pub fn open(id: &str, ctx: &Ctx) -> Funder {
        Funder {
            id: id.to_string(),
            found: ctx.matches().iter().find(|m| m.id == id).cloned(),
            cursor: ListCursor::default(),
        }
    }

    /// The rule under the cursor.
    pub fn rule(&self) -> Option<&crate::matching::Criterion> {
        self.found.as_ref()?.criteria.get(self.cursor.index())
    }

    /// The rules, and the reasons it fits as one more row.
    fn rows(&self) -> usize {
        self.found.as_ref().map_or(0, |m| {
            m.criteria.len() + usize::from(m.fit.as_ref().is_some_and(|f| !f.reasons.is_empty()))
        })
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.found = ctx.matches().iter().find(|m| m.id == self.id).cloned();
        self.cursor.clamp(self.rows());
    }
}

impl Screen for Funder {
    fn name(&self) -> &'static str {
        "funder"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Funder
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Up,
            Action::Down,
            Action::Open,
            Action::AskYes,
            Action::AskNo,
            Action::Back,
            Action::Draft,
            Action::AddQuestions,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.rows()) {
            return Handled::Done;
        }
        let question = self.rule().and_then(|c| c.question.clone());
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(Action::AddQuestions) => {
                AddFunder::open_questions(ctx, self.id.clone(), AddBack::Funders)
            }
            Some(Action::Draft) => {
                let id = self.id.clone();
                Handled::Push(Box::new(super::bid::Bid::open(id)))
            }
            Some(Action::Open) => {
                match question {
                    Some(id) if id.starts_with("ask.") => {
                        let (yes, no) = (
                            ctx.keymap.label_in(Context::Funder, Action::AskYes),
                            ctx.keymap.label_in(Context::Funder, Action::AskNo),
                        );
                        ctx.say(
                        StatusKind::Info,
                        format!("This is the funder's own question: press {yes} for yes or {no} for no."),
                    );
                        Handled::Done
                    }
                    Some(id) => Answer::over(ctx, &id),
                    None => {
                        ctx.say(
                            StatusKind::Info,
                            "Only rules marked ? have a question to answer.",
                        );
                        Handled::Done
                    }
                }
            }
            Some(action @ (Action::AskYes | Action::AskNo)) => {
                let asked = self
                    .rule()
                    .and_then(|c| c.key.strip_prefix("ask."))
                    .map(str::to_string);
                ctx.answer_ask(&self.id, asked, action == Action::AskYes);
                self.refresh(ctx);
                Handled::Done
            }
            Some(action) if !self.commands(ctx).contains(&action) => Handled::NotMine,
            _ => Handled::Done,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // An answer given on the screen over this one can change a rule.
        ctx.refresh_matches();
        self.refresh(ctx);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(m) = &self.found else {
            return;
        };
        let t = &ctx.theme;
        let inner_width = area.width.saturating_sub(4) as usize;
        // Warnings about the group's values come first and are never
        // scrolled out of sight.
        let mut warnings: Vec<Line> = Vec::new();
        for flag in &m.flags {
            for l in crate::text::wrap(&format!("! {}", one_line(&flag.sentence)), inner_width + 2)
            {
                warnings.push(Line::from(Span::styled(l, t.warning)));
            }
        }
        let warning_rows = (warnings.len() as u16).min(6);
        let [heading, flags, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(warning_rows),
            Constraint::Min(5),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(warnings), flags);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(one_line(&m.name), t.title),
                Span::styled(format!(": {}", m.verdict.short()), t.text),
            ])),
            heading,
        );
        let (yes, no, open) = (
            ctx.keymap.label_in(Context::Funder, Action::AskYes),
            ctx.keymap.label_in(Context::Funder, Action::AskNo),
            ctx.keymap.label_in(Context::Funder, Action::Open),
        );
        // Each rule is one list item of several wrapped lines: the
        // sentence, then what would change it or which question to answer.
        let mut items: Vec<ListItem> = m
            .criteria
            .iter()
            .map(|c| {
                let mut lines = Vec::new();
                for (i, l) in
                    crate::text::wrap(&one_line(&c.sentence), inner_width.saturating_sub(6))
                        .into_iter()
                        .enumerate()
                {
                    let mark = if i == 0 {
                        format!("{:4}", c.outcome.mark().trim())
                    } else {
                        "    ".to_string()
                    };
                    lines.push(Line::from(vec![
                        Span::styled(mark, t.key),
                        Span::styled(l, t.text),
                    ]));
                }
                let follow = match (&c.fix, &c.question) {
                    (Some(fix), _) => Some(format!("To change it: {fix}")),
                    (None, Some(q)) if q.starts_with("ask.") => {
                        Some(format!("Press {yes} for yes or {no} for no."))
                    }
                    (None, Some(_)) => Some(format!("{open} answers this question.")),
                    _ => None,
                };
                if let Some(follow) = follow {
                    for l in crate::text::wrap(&one_line(&follow), inner_width.saturating_sub(6)) {
                        lines.push(Line::from(Span::styled(format!("    {l}"), t.dim)));
                    }
                }
                ListItem::new(Text::from(lines))
            })
            .collect();
        let mut extra: Vec<Line> = Vec::new();
        if let Some(fit) = &m.fit {
            for r in &fit.reasons {
                for l in
                    crate::text::wrap(&format!("+ {}", one_line(r)), inner_width.saturating_sub(2))
                {
                    extra.push(Line::from(Span::styled(l, t.good)));
                }
            }
        }
        if !extra.is_empty() {
            items.push(ListItem::new(Text::from(extra)));
        }
        let mut state = ListState::default().with_selected(Some(self.cursor.index()));
        frame.render_stateful_widget(
            list(ctx, items, &format!("Rule by rule ({})", m.facts_age)),
            body,
            &mut state,
        );
    }
}
