//! Every funder with its verdict for the group, best fit first. The list
//! is worked out when the screen opens and again when it is on top again
//! (an answer given on a screen over it can change a verdict), keeping the
//! order the person was reading it in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::add_funder::{self, AddBack, AddFunder};
use super::funder::Funder;
use super::nearby::Nearby;
use super::{Handled, Input, Screen};
use crate::matching::{FunderMatch, Verdict};
use crate::text::{format_pence, one_line};
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled, verdict_word};

#[derive(Debug)]
pub struct Funders {
    pub matches: Vec<FunderMatch>,
    pub cursor: ListCursor,
}

impl Funders {
    /// Matches the group against every funder, as its answers stand now.
    pub fn open(ctx: &mut Ctx) -> Funders {
        ctx.refresh_matches();
        if !ctx.catalogue().problems.is_empty() {
            let n = ctx.catalogue().problems.len();
            ctx.say(
                StatusKind::Warning,
                format!(
                    "{} could not be read and were left out; `alongside funders check` says why.",
                    crate::text::count(n, "funder profile")
                ),
            );
        }
        add_funder::mention_unfinished(ctx);
        Funders {
            matches: ctx.matches().to_vec(),
            cursor: ListCursor::default(),
        }
    }

    fn selected(&self) -> Option<&FunderMatch> {
        self.matches.get(self.cursor.index())
    }
}

impl Screen for Funders {
    fn name(&self) -> &'static str {
        "funders"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Funders
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Up,
            Action::Down,
            Action::Open,
            Action::Back,
            Action::Draft,
            Action::AddFunder,
            Action::AddQuestions,
            Action::Nearby,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.matches.len()) {
            return Handled::Done;
        }
        let id = self.selected().map(|m| m.id.clone());
        match (input.action, id) {
            (Some(Action::Open), Some(id)) => Handled::Push(Box::new(Funder::open(&id, ctx))),
            (Some(Action::Back), _) => Handled::Pop,
            (Some(Action::Nearby), _) => Handled::Push(Box::new(Nearby::open(ctx))),
            (Some(Action::AddFunder), _) => {
                Handled::Push(Box::new(AddFunder::new_funder(ctx, AddBack::Funders)))
            }
            (Some(Action::AddQuestions), Some(id)) => {
                AddFunder::open_questions(ctx, id, AddBack::Funders)
            }
            (Some(Action::Draft), Some(id)) => Handled::Push(Box::new(super::bid::Bid::open(id))),
            (Some(action), _) if !self.commands(ctx).contains(&action) => Handled::NotMine,
            _ => Handled::Done,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        let before: Vec<String> = self.matches.iter().map(|m| m.id.clone()).collect();
        let selected = before.get(self.cursor.index()).cloned();
        ctx.refresh_matches();
        let mut matches = ctx.matches().to_vec();
        matches.sort_by_key(|m| {
            before
                .iter()
                .position(|id| *id == m.id)
                .unwrap_or(usize::MAX)
        });
        self.matches = matches;
        self.cursor = ListCursor::at(
            self.matches
                .iter()
                .position(|m| Some(&m.id) == selected.as_ref())
                .unwrap_or(self.cursor.index()),
        );
        self.cursor.clamp(self.matches.len());
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let t = &ctx.theme;
        let cursor = self.cursor.index();
        let [intro, body, detail] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(5),
            Constraint::Length(5),
        ])
        .areas(area);
        let ask = crate::matching::the_ask(&s.open.group)
            .map_or("an amount not given yet".to_string(), format_pence);
        let eligible = self
            .matches
            .iter()
            .filter(|m| m.verdict == Verdict::Eligible)
            .count();
        frame.render_widget(
            Paragraph::new(format!(
                "Checked against {} funders for an ask of {ask}. You can apply to {eligible} now; {} shows why, rule by rule.",
                self.matches.len(),
                ctx.keymap.label_in(Context::Funders, Action::Open),
            ))
            .style(t.text)
            .wrap(Wrap { trim: true }),
            intro,
        );
        let width = body.width.saturating_sub(16) as usize;
        let items = self
            .matches
            .iter()
            .map(|m| {
                let name: String = one_line(&m.name).chars().take(width).collect();
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{}  ", verdict_word(m.verdict)), t.key),
                    Span::styled(name, t.text),
                ]))
            })
            .collect();
        let mut state =
            ListState::default().with_selected(self.cursor.selected(self.matches.len()));
        frame.render_stateful_widget(
            list(ctx, items, "Funders, best fit first"),
            body,
            &mut state,
        );
        // Under the list: the first thing to know about the selected funder.
        let lines: Vec<Line> = match self.matches.get(cursor) {
            Some(m) => {
                let first = m
                    .failing()
                    .chain(m.unknown())
                    .next()
                    .map(|c| format!("{} {}", c.outcome.mark().trim(), c.sentence))
                    .or_else(|| {
                        m.fit
                            .as_ref()
                            .and_then(|f| f.reasons.first().map(|r| format!("+ {r}")))
                    })
                    .unwrap_or_default();
                let first = format!("{first} ({}.)", m.facts_age);
                crate::text::wrap(&one_line(&first), detail.width.saturating_sub(2) as usize)
                    .into_iter()
                    .take(3)
                    .map(|l| Line::from(Span::styled(l, t.text)))
                    .collect()
            }
            None => vec![Line::from(Span::styled(
                "No funder profiles were found.",
                t.dim,
            ))],
        };
        frame.render_widget(Paragraph::new(lines).block(titled(ctx, "In short")), detail);
    }
}
