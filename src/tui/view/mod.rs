//! Drawing. Pure functions of the app's state: nothing here changes the
//! state or the files. Every piece of text that came from a file (answers,
//! names, profiles) goes through `sanitize` before it reaches the screen.

mod answer;
mod funders;
mod grants;
mod years;

pub(crate) use answer::draw_answer;
pub(crate) use funders::{funders_summary, verdict_word};
pub use grants::grants_summary;
pub(crate) use grants::{draw_form, funder_name};
pub(crate) use years::{NO_MARK, answer_mark, year_summary};

/// One question in a list (a section's questions, what find found): its
/// mark, then the whole question wrapped under itself, for a list box
/// `width` columns wide.
pub(crate) fn question_item(
    app: &Ctx,
    mark: &'static str,
    prompt: &str,
    width: u16,
) -> ListItem<'static> {
    let t = &app.theme;
    let hang = mark.chars().count();
    // The box's borders and the list's "> " take four columns.
    let width = (width as usize).saturating_sub(4 + hang);
    let lines = crate::text::wrap(&one_line(prompt), width)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                Span::styled(mark, t.good)
            } else {
                Span::raw(" ".repeat(hang))
            };
            Line::from(vec![lead, Span::styled(part, t.text)])
        })
        .collect::<Vec<_>>();
    ListItem::new(Text::from(lines))
}

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::app::{App, Ctx, StatusKind};
use super::keymap::{Action, Context};
use crate::group::Author;
use crate::matching::Verdict;
use crate::text::{format_pence, one_line};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.ctx.last_size.set(Some((area.width, area.height)));
    if too_small_for(area) {
        return too_small(frame, app, area);
    }
    let ctx = &app.ctx;
    let footer = footer_lines(app, area.width);
    let [header, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(status_height(ctx, area.width, area.height)),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(area);
    draw_header(frame, ctx, header);
    app.top().draw(frame, body, ctx);
    draw_status(frame, ctx, status);
    frame.render_widget(Paragraph::new(Text::from(footer)), foot);
}

/// Whether a window of this size is too small to use.
pub fn too_small_for(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

fn too_small(frame: &mut Frame, app: &Ctx, area: Rect) {
    // Keys are ignored until the window is larger (App::on_key): anything
    // typed now would go into an answer nobody can see.
    let group = app
        .session
        .as_ref()
        .map_or("GROUP".to_string(), |s| s.open.group.slug.clone());
    let text = format!(
        "Please make the window larger.\n\nalongside needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} rows; this window is {} by {}. Keys are ignored until it is larger.\n\nNothing is lost: your work is saved.\n\nWith large fonts, the questions can be answered one line at a time in any window: alongside interview {group} --plain",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.text)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn draw_header(frame: &mut Frame, app: &Ctx, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" alongside ", t.status)];
    if let Some(s) = &app.session {
        let typing = format!("   Typing: {}", author_short(s.author));
        let read_only = if s.open.read_only.is_some() {
            "   READ-ONLY"
        } else {
            ""
        };
        // Who is typing matters more than the end of a long name: the name
        // gives way, ending in "…".
        let room = (area.width as usize)
            .saturating_sub(" alongside ".len() + 2 + typing.len() + read_only.len());
        spans.push(Span::styled(
            format!("  {}", fit_width(&one_line(&s.open.group.name), room)),
            t.title,
        ));
        spans.push(Span::styled(typing, t.key));
        if !read_only.is_empty() {
            spans.push(Span::styled(read_only, t.warning));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Text broken into lines of at most `width` columns, between words. Each
/// line keeps its own indentation and repeats it on the lines it wraps
/// onto, so a wrapped line never starts with the space it was broken at.
pub(crate) fn wrap_keeping_indent(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        // Indentation wider than half the line is not kept.
        let indent = if indent.chars().count() * 2 > width {
            ""
        } else {
            indent
        };
        if body.is_empty() {
            out.push(String::new());
            continue;
        }
        let room = width.saturating_sub(indent.chars().count()).max(1);
        out.extend(
            crate::text::wrap(body, room)
                .into_iter()
                .map(|part| format!("{indent}{part}")),
        );
    }
    out
}

/// The text cut to at most `width` terminal columns, ending in "…" when
/// it was cut (between whole characters as people see them).
pub(crate) fn fit_width(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for grapheme in text.graphemes(true) {
        if out.width() + grapheme.width() + 1 > width {
            break;
        }
        out.push_str(grapheme);
    }
    out.trim_end().to_string() + "…"
}

pub fn author_short(author: Author) -> &'static str {
    match author {
        Author::Group => "the group",
        Author::Supporter => "the supporter",
        Author::Together => "together",
    }
}

/// The status grows to as many lines as its message needs (where a copy
/// was saved, why a save failed, what to type instead), so nothing meant
/// for people is cut off at the edge; only past a third of the window does
/// the screen above keep its room.
fn status_height(app: &Ctx, width: u16, height: u16) -> u16 {
    let most = (height / 3).max(4) as usize;
    app.status.as_ref().map_or(1, |s| {
        crate::text::wrap(&one_line(&s.text), width.max(1) as usize)
            .len()
            .clamp(1, most) as u16
    })
}

fn draw_status(frame: &mut Frame, app: &Ctx, area: Rect) {
    let t = &app.theme;
    let line = match &app.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => t.good,
                StatusKind::Warning => t.warning,
                StatusKind::Error => t.error,
            };
            // Broken between words the same way `status_height` counts.
            let lines = crate::text::wrap(&one_line(&status.text), area.width.max(1) as usize)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style)))
                .collect::<Vec<_>>();
            return frame.render_widget(Paragraph::new(lines), area);
        }
        None => match &app.session {
            Some(s) if s.open.read_only.is_some() => Line::from(Span::styled(
                "Read-only: changes cannot be saved.",
                t.warning,
            )),
            Some(s) if s.last_change.is_some() => Line::from(Span::styled("Saving soon...", t.dim)),
            Some(_) => Line::from(Span::styled("All changes saved.", t.dim)),
            None => Line::from(""),
        },
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
}

/// The key hints for this screen, laid out in as many lines as they need:
/// the commands the top screen offers now, then help and quit.
fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let ctx = &app.ctx;
    let top = app.top();
    let context = top.context(ctx);
    let offered = top.commands(ctx);
    let hints: Vec<(String, String)> = ctx
        .keymap
        .footer_hints_for(context, &offered)
        .into_iter()
        .filter(|(_, hint)| context != Context::Help || hint != "help")
        .collect();
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    for (keys, hint) in hints {
        let len = keys.chars().count() + hint.chars().count() + 3;
        if used + len > width as usize && !current.is_empty() {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        current.push(Span::styled(keys, ctx.theme.key));
        current.push(Span::styled(format!(" {hint}  "), ctx.theme.text));
        used += len;
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

/// A choice changed in place inside a box: the option chosen, and how to
/// change it (the keys of `context`, said inside the box where there is
/// room, not in a title the border would cut).
pub(crate) fn choice_line(
    app: &Ctx,
    context: Context,
    chosen: &str,
    style: ratatui::style::Style,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("< {chosen} >"), style),
        Span::styled(
            format!(
                "  {}/{} to change",
                app.keymap.label_in(context, Action::Up),
                app.keymap.label_in(context, Action::Down)
            ),
            app.theme.dim,
        ),
    ])
}

pub(crate) fn titled(app: &Ctx, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

pub(crate) fn list<'a>(app: &Ctx, items: Vec<ListItem<'a>>, title: &str) -> List<'a> {
    List::new(items)
        .block(titled(app, title))
        .highlight_style(app.theme.selected)
        .highlight_symbol("> ")
}

pub(crate) fn draw_entry(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    title: &str,
    prompt: &str,
    input: &TextArea<'_>,
) {
    // The prompt can be long (why a save failed): give it the lines it needs.
    let needed: usize = prompt
        .split('\n')
        .map(|p| {
            crate::text::wrap(p, area.width.max(1) as usize)
                .len()
                .max(1)
        })
        .sum();
    let [ask, boxed, _] = Layout::vertical([
        Constraint::Length((needed as u16 + 1).max(3)),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(prompt)
            .style(app.theme.text)
            .wrap(Wrap { trim: true })
            .block(Block::default().title(Span::styled(title.to_string(), app.theme.title))),
        ask,
    );
    draw_text_box(frame, app, boxed, input, "Type here");
}

pub(crate) fn draw_text_box(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    input: &TextArea<'_>,
    title: &str,
) {
    let block = titled(app, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(input, inner);
}
