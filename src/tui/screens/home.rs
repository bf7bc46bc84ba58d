//! The first screen, always at the bottom of the stack: the groups in the
//! data folder with how far each has got, or, with none yet, the first-run
//! choices (the demo group, a new group, importing a file). Files that
//! could not be read are listed under it. Every screen opened from here is
//! pushed over it, and the list is read again whenever it is on top again
//! (a group imported, closed or brought by a sync).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use super::caseload::Caseload;
use super::home_entry::{EntryKind, HomeEntry};
use super::import_pick::ImportPick;
use super::sync_result::SyncResult;
use super::{Handled, Input, Screen};
use crate::store::{self, GroupSummary, OpenGroup, StoreError};
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::list_cursor::ListCursor;
use crate::tui::view::{list, titled};

/// The first-run choices, shown when there are no groups yet.
pub const FIRST_RUN: [&str; 3] = [
    "Try the demo group",
    "Start a new group",
    "Import a group file",
];

#[derive(Debug, Default)]
pub struct Home {
    pub groups: Vec<GroupSummary>,
    /// A line for each file in the groups folder that could not be read.
    pub problems: Vec<String>,
    pub cursor: ListCursor,
}

impl Home {
    /// The groups in the data folder now, the cursor on the first row.
    pub fn open(ctx: &Ctx) -> Home {
        let mut home = Home::default();
        home.refresh(ctx);
        home
    }

    /// Reads the groups again; the cursor stays on the same row (or the
    /// last one, if the list got shorter).
    pub fn refresh(&mut self, ctx: &Ctx) {
        let (groups, problems) = store::list_groups(&ctx.ws.data);
        self.groups = groups;
        self.problems = problems;
        self.cursor.clamp(self.len());
    }

    /// The rows: the groups, or the first-run choices.
    fn len(&self) -> usize {
        if self.groups.is_empty() {
            FIRST_RUN.len()
        } else {
            self.groups.len()
        }
    }

    fn open_row(&self, ctx: &mut Ctx) -> Handled {
        if self.groups.is_empty() {
            return match self.cursor.index() {
                0 => open_demo(ctx),
                1 => Handled::Push(Box::new(HomeEntry::open(ctx, EntryKind::NewGroup))),
                _ => Handled::Push(Box::new(ImportPick::open(ctx))),
            };
        }
        match self.groups.get(self.cursor.index()) {
            Some(g) => {
                let slug = g.slug.clone();
                ctx.open_group(&slug)
            }
            None => Handled::Done,
        }
    }
}

/// Opens the made-up demo group, writing it into the data folder the first
/// time (after that, the copy there, with whatever was changed in it).
fn open_demo(ctx: &mut Ctx) -> Handled {
    let group = match crate::demo::demo_group() {
        Ok(g) => g,
        Err(e) => {
            ctx.say(StatusKind::Error, e.to_string());
            return Handled::Done;
        }
    };
    let slug = group.slug.clone();
    match OpenGroup::create_from(&ctx.ws.data, group) {
        Ok(open) => ctx.start_session(open),
        Err(StoreError::Exists { .. }) => ctx.open_group(&slug),
        Err(e) => {
            ctx.say(StatusKind::Error, e.to_string());
            Handled::Done
        }
    }
}

impl Screen for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Home
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        // Quit and the glossary have keys of their own here (`q`, `g`);
        // the session handles them, as everywhere.
        vec![
            Action::Quit,
            Action::Up,
            Action::Down,
            Action::Open,
            Action::NewGroup,
            Action::Demo,
            Action::Import,
            Action::Glossary,
            Action::Caseload,
            Action::Sync,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.cursor.step(input.action, self.len()) {
            return Handled::Done;
        }
        match input.action {
            Some(Action::Open) => self.open_row(ctx),
            Some(Action::NewGroup) => {
                Handled::Push(Box::new(HomeEntry::open(ctx, EntryKind::NewGroup)))
            }
            Some(Action::Import) => Handled::Push(Box::new(ImportPick::open(ctx))),
            Some(Action::Demo) => open_demo(ctx),
            Some(Action::Caseload) => Handled::Push(Box::new(Caseload::open(ctx))),
            Some(Action::Sync) => SyncResult::ask(ctx),
            _ => Handled::NotMine,
        }
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        self.refresh(ctx);
        // A file just imported: the cursor on its group.
        if let Some(slug) = ctx.select_on_home.take()
            && let Some(at) = self.groups.iter().position(|g| g.slug == slug)
        {
            self.cursor = ListCursor::at(at);
        }
        // The caseload closed asking for one of its groups: it opens here,
        // as from this list, so Esc from its sections comes back here.
        if let Some(slug) = ctx.open_on_base.take() {
            let opened = ctx.open_group(&slug);
            ctx.navigate(opened);
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let problems = self.problems.len().min(4) as u16;
        let [top, bottom] = Layout::vertical([
            Constraint::Min(5),
            Constraint::Length(if problems > 0 { problems + 2 } else { 0 }),
        ])
        .areas(area);
        let mut state = ListState::default().with_selected(Some(self.cursor.index()));
        if self.groups.is_empty() {
            let [intro, choices] =
                Layout::vertical([Constraint::Length(7), Constraint::Min(5)]).areas(top);
            let welcome = "Welcome to alongside.\n\nIt helps your group put its work into words for funders, in your own words, \
with a support worker alongside you if you like. Every answer is saved as you type, with who gave it.\n\nWhere would you like to start?";
            frame.render_widget(
                Paragraph::new(welcome)
                    .style(t.text)
                    .wrap(Wrap { trim: true }),
                intro,
            );
            let items = FIRST_RUN.iter().map(|c| ListItem::new(*c)).collect();
            frame.render_stateful_widget(list(ctx, items, "Start here"), choices, &mut state);
        } else {
            let items = self
                .groups
                .iter()
                .map(|g| {
                    let p = g.group.progress(&ctx.ws.bank.questions);
                    ListItem::new(Text::from(vec![
                        Line::from(vec![
                            Span::styled(one_line(&g.name), t.text),
                            Span::styled(format!("  changed {}", g.updated.for_people()), t.dim),
                        ]),
                        Line::from(Span::styled(
                            format!(
                                "    {} of {} answered: {}",
                                p.answered,
                                p.total,
                                attention(ctx, &g.group)
                            ),
                            t.dim,
                        )),
                    ]))
                })
                .collect();
            frame.render_stateful_widget(list(ctx, items, "Your groups"), top, &mut state);
        }
        if problems > 0 {
            let text: Vec<Line> = self
                .problems
                .iter()
                .take(4)
                .map(|p| Line::from(Span::styled(one_line(p), t.warning)))
                .collect();
            frame.render_widget(
                Paragraph::new(text)
                    .block(titled(ctx, "Files that could not be read (left untouched)")),
                bottom,
            );
        }
    }
}

/// What a group on the list still needs: sections to finish, returns due.
fn attention(ctx: &Ctx, group: &crate::group::Group) -> String {
    let today = ctx.today();
    let unfinished = ctx
        .ws
        .bank
        .sections
        .iter()
        .filter(|sec| {
            let p = group.progress(ctx.ws.bank.in_section(&sec.id));
            p.answered < p.total
        })
        .count();
    let mut parts = Vec::new();
    if unfinished > 0 {
        parts.push(format!(
            "{} to finish",
            crate::text::count(unfinished, "section")
        ));
    }
    for due in crate::monitoring::due_returns(group.grants.iter().map(|g| ("", "", g)), today) {
        parts.push(format!(
            "{} {}",
            due.kind.label(),
            crate::monitoring::when_words(due.days_left)
        ));
    }
    if parts.is_empty() {
        "all answered".to_string()
    } else {
        parts.join(", ")
    }
}
