//! Who did the work, year by year (`p` on the sections): the full-screen
//! `alongside progress`. For each year, the share of the answers' words
//! written by the group, the supporter and the two together, the number
//! of words, and the steps the group did itself, so the group can see its
//! own growing independence. Read-only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{Handled, Input, Screen};
use crate::group::{Author, RoundRecord, Step, share_bar};
use crate::text::{one_line, wrap};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::titled;

/// How wide the bar of who wrote the words is, in characters.
const BAR: usize = 30;
/// Where the second and third lines of a year start, under its numbers.
const INDENT: usize = 12;

#[derive(Debug, Default)]
pub struct Progress {
    /// The year under the cursor (one row per year, oldest first).
    pub cursor: ListCursor,
}

impl Progress {
    /// On the first year.
    pub fn open(_ctx: &Ctx) -> Progress {
        Progress::default()
    }

    /// The open group's years, from the same call as `alongside progress`.
    fn years(ctx: &Ctx) -> Vec<RoundRecord> {
        ctx.session
            .as_ref()
            .map(|s| s.open.group.round_history(ctx.ws.bank))
            .unwrap_or_default()
    }
}

impl Screen for Progress {
    fn name(&self) -> &'static str {
        "progress"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Progress
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Up, Action::Down, Action::Back]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, Progress::years(ctx).len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let t = &ctx.theme;
        let block = titled(ctx, "Who did the work");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [heading, rest] =
            Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(inner);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    format!(
                        "{}: who did the work, year by year",
                        one_line(&s.open.group.name)
                    ),
                    t.title,
                )),
                Line::from(Span::styled(
                    format!("Who wrote the words:  {}", crate::group::SHARE_BAR_KEY),
                    t.dim,
                )),
                Line::from(""),
                // Two spaces for the list's "> ", so the headings sit over
                // their columns.
                Line::from(Span::styled(
                    format!(
                        "  {:INDENT$}{:8}  {:>5}  {:>9}  {:>8}  {:>5}",
                        "Year", "Started", "Group", "Supporter", "Together", "Words"
                    ),
                    t.key,
                )),
            ]),
            heading,
        );
        let width = usize::from(rest.width.saturating_sub(2)).max(INDENT + 10);
        let items: Vec<ListItem> = Progress::years(ctx)
            .iter()
            .map(|r| year_item(ctx, r, width))
            .collect();
        let mut state = ListState::default().with_selected(self.cursor.selected(items.len()));
        let years = List::new(items)
            .highlight_style(t.selected)
            .highlight_symbol("> ");
        frame.render_stateful_widget(years, rest, &mut state);
    }
}

/// One year: its numbers, the bar of who wrote the words, and the steps
/// the group did itself (wrapped under the numbers).
fn year_item<'a>(ctx: &Ctx, r: &RoundRecord, width: usize) -> ListItem<'a> {
    let t = &ctx.theme;
    let so_far = if r.closed.is_none() { "so far" } else { "" };
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "{:INDENT$}{:8}  {:>4}%  {:>8}%  {:>7}%  {:>5}",
                format!("Year {}", r.round),
                r.started.0.strftime("%b %Y").to_string(),
                r.words.percent(Author::Group),
                r.words.percent(Author::Supporter),
                r.words.percent(Author::Together),
                r.words.total(),
            ),
            t.text,
        )),
        Line::from(vec![
            Span::styled(format!("{so_far:INDENT$}"), t.dim),
            Span::styled(format!("[{}]", share_bar(&r.words, BAR)), t.key),
        ]),
    ];
    let did: Vec<&str> = r.steps.by_group().into_iter().map(Step::label).collect();
    let did = if did.is_empty() && r.closed.is_none() {
        "none yet".to_string()
    } else if did.is_empty() {
        "none".to_string()
    } else {
        did.join(", ")
    };
    let steps = format!("The group did itself: {did}");
    for part in wrap(&steps, width - INDENT) {
        lines.push(Line::from(Span::styled(
            format!("{:INDENT$}{part}", ""),
            t.text,
        )));
    }
    ListItem::new(lines)
}
