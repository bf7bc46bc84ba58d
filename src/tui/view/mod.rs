//! Drawing. Pure functions of the app's state: nothing here changes the
//! state or the files. Every piece of text that came from a file (answers,
//! names, profiles) goes through `sanitize` before it reaches the screen.

mod funders;
mod grants;
mod years;

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
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::app::{App, Ctx, LegacyScreen, StatusKind};
use super::editor::{Field, Input};
use super::keymap::{Action, Context};
use crate::bank::{QuestionType, budget_total};
use crate::group::Author;
use crate::matching::Verdict;
use crate::text::{format_pence, one_line};
use crate::vocab::names;

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

/// Draws a screen still behind the legacy adapter (`screens::legacy`).
pub(crate) fn draw_legacy(frame: &mut Frame, app: &Ctx, body: Rect, screen: &LegacyScreen) {
    match screen {
        LegacyScreen::Empty => {}
        LegacyScreen::Answer => draw_answer(frame, app, body),
    }
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

fn draw_answer(frame: &mut Frame, app: &Ctx, area: Rect) {
    let Some(s) = &app.session else { return };
    let (Some(question), Some(editor)) = (app.current_question(), &s.editor) else {
        return;
    };
    let t = &app.theme;
    let section = app.ws.bank.sections.get(s.section);
    let count = app.section_questions().len();
    let prompt = one_line(&question.prompt);
    let width = area.width.max(1) as usize;
    // Rows as the words wrap: a long question or note is shown whole.
    let rows = |text: &str| crate::text::wrap(text, width).len() as u16;
    let prompt_rows = rows(&prompt);
    let note = s.open.group.note(&question.id).map(one_line);
    let key = app.keymap.label_in(editor.context(), Action::Guide);
    let closed_guide = match &note {
        Some(note) => format!("Note: {note}  ({key}: why funders ask)"),
        None => format!("{key}: why funders ask this, and an example"),
    };
    let guide_rows = if app.show_guide {
        // The border line, two headings, and the texts as they wrap.
        3 + rows(&one_line(&question.why))
            + rows(&one_line(&question.example))
            + note
                .as_ref()
                .map_or(0, |n| rows(&format!("Note from your supporter: {n}")))
    } else {
        rows(&closed_guide)
    }
    .min(area.height / 2);
    // The line under the box (an amount not understood, a word count)
    // wraps whole, however long.
    let info_text = info_line(app, question, editor);
    let info_style = info_text.spans.first().map_or(t.text, |sp| sp.style);
    let info_lines: Vec<Line> = crate::text::wrap(&info_text.to_string(), width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, info_style)))
        .collect();
    let [meta, ask, guide, input, info] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_rows.min(area.height / 4).max(1)),
        Constraint::Length(guide_rows),
        Constraint::Min(3),
        Constraint::Length((info_lines.len() as u16).clamp(1, 4)),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            // No question id here: it means nothing to a group, and a
            // support worker scripting answers finds every id with
            // `alongside questions`.
            format!(
                "{} - question {} of {}",
                section.map_or("", |s| s.title.as_str()),
                s.question + 1,
                count,
            ),
            t.dim,
        )),
        meta,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(prompt, t.title)).wrap(Wrap { trim: true }),
        ask,
    );
    if app.show_guide {
        let text = vec![
            Line::from(Span::styled("Why funders ask this", t.key)),
            Line::from(Span::styled(one_line(&question.why), t.text)),
            Line::from(Span::styled(
                "An example from another group (theirs, not yours to copy)",
                t.key,
            )),
            Line::from(Span::styled(one_line(&question.example), t.text)),
        ];
        let mut text = text;
        if let Some(note) = &note {
            text.push(Line::from(Span::styled(
                format!("Note from your supporter: {note}"),
                t.warning,
            )));
        }
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(t.border),
            ),
            guide,
        );
    } else {
        // A coaching note is shown whole; the guide is a key away.
        let style = if note.is_some() { t.warning } else { t.dim };
        frame.render_widget(
            Paragraph::new(Span::styled(closed_guide, style)).wrap(Wrap { trim: true }),
            guide,
        );
    }
    let title = match (s.open.read_only.is_some(), question.kind) {
        (true, _) => "Answer (read-only)".to_string(),
        // Tick boxes are ticked, not typed: no "separated by commas".
        (false, QuestionType::Choices) => format!(
            "Your answer: tick any that apply ({} ticks)",
            app.keymap.label_in(Context::Pick, Action::Toggle)
        ),
        (false, kind) => format!("Your answer: {}", kind.describe()),
    };
    match &editor.input {
        Input::Text(area) | Input::Line(area) => draw_text_box(frame, app, input, area, &title),
        Input::YesNo { cursor, chosen } => {
            let items = ["Yes", "No"]
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let mark = if *chosen == Some(i == 0) {
                        "(*) "
                    } else {
                        "( ) "
                    };
                    ListItem::new(format!("{mark}{label}"))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(*cursor));
            frame.render_stateful_widget(list(app, items, &title), input, &mut state);
        }
        Input::Choice { cursor, chosen } => {
            let entries = app.ws.vocab.list(question.choices.as_deref().unwrap_or(""));
            let items = entries
                .iter()
                .map(|e| {
                    let mark = if chosen.as_deref() == Some(e.id.as_str()) {
                        "(*) "
                    } else {
                        "( ) "
                    };
                    ListItem::new(format!("{mark}{}", one_line(&e.label)))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(*cursor));
            frame.render_stateful_widget(list(app, items, &title), input, &mut state);
        }
        Input::Choices { cursor, chosen } => {
            let entries = app.ws.vocab.list(question.choices.as_deref().unwrap_or(""));
            let items = entries
                .iter()
                .map(|e| {
                    let mark = if chosen.contains(&e.id) {
                        "[x] "
                    } else {
                        "[ ] "
                    };
                    ListItem::new(format!("{mark}{}", one_line(&e.label)))
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(*cursor));
            frame.render_stateful_widget(list(app, items, &title), input, &mut state);
        }
        Input::Budget {
            lines,
            cursor,
            form,
        } => {
            // Columns as wide as the window allows; an item or a kind of
            // cost longer than its column wraps onto more lines, never cut.
            let room = (input.width as usize).saturating_sub(4 + 2 + 11);
            let category_width = lines
                .iter()
                .map(|l| {
                    one_line(app.ws.vocab.label(names::COST_CATEGORY, &l.category))
                        .chars()
                        .count()
                })
                .max()
                .unwrap_or(0)
                .clamp(12, room / 2);
            let item_width = room.saturating_sub(category_width).max(10);
            let items: Vec<ListItem> = lines
                .iter()
                .map(|l| {
                    let item = crate::text::wrap(&one_line(&l.item), item_width);
                    let category = crate::text::wrap(
                        &one_line(app.ws.vocab.label(names::COST_CATEGORY, &l.category)),
                        category_width,
                    );
                    let rows = (0..item.len().max(category.len()))
                        .map(|row| {
                            let cell =
                                |parts: &[String]| parts.get(row).cloned().unwrap_or_default();
                            let amount = if row == 0 {
                                format_pence(l.pence)
                            } else {
                                String::new()
                            };
                            Line::from(format!(
                                "{:item_width$} {:category_width$} {amount:>10}",
                                cell(&item),
                                cell(&category),
                            ))
                        })
                        .collect::<Vec<_>>();
                    ListItem::new(Text::from(rows))
                })
                .collect();
            let title = format!("Budget lines - total {}", format_pence(budget_total(lines)));
            let mut state =
                ListState::default().with_selected((!lines.is_empty()).then_some(*cursor));
            match form {
                None if lines.is_empty() => frame.render_widget(
                    Paragraph::new(format!(
                        "No lines yet. Press {} to add the first one (for example room hire).",
                        app.keymap.label_in(Context::Budget, Action::AddLine)
                    ))
                    .style(t.dim)
                    .block(titled(app, &title)),
                    input,
                ),
                None => frame.render_stateful_widget(list(app, items, &title), input, &mut state),
                Some(f) => {
                    let [item, category, amount, error] = Layout::vertical([
                        Constraint::Length(3),
                        Constraint::Length(3),
                        Constraint::Length(3),
                        Constraint::Min(0),
                    ])
                    .areas(input);
                    let focus = |field: Field| {
                        if f.focus == field {
                            " (typing here)"
                        } else {
                            ""
                        }
                    };
                    draw_text_box(
                        frame,
                        app,
                        item,
                        &f.item,
                        &format!("What is it for?{}", focus(Field::Item)),
                    );
                    let label = app
                        .ws
                        .vocab
                        .list(names::COST_CATEGORY)
                        .get(f.category)
                        .map_or("", |e| e.label.as_str());
                    let style = if f.focus == Field::Category {
                        t.selected
                    } else {
                        t.text
                    };
                    frame.render_widget(
                        Paragraph::new(Line::from(vec![
                            Span::styled(format!("< {label} >"), style),
                            Span::styled(
                                format!(
                                    "  {}/{} to change",
                                    app.keymap.label_in(Context::BudgetLine, Action::Up),
                                    app.keymap.label_in(Context::BudgetLine, Action::Down)
                                ),
                                t.dim,
                            ),
                        ]))
                        .block(titled(
                            app,
                            &format!("Kind of cost{}", focus(Field::Category)),
                        )),
                        category,
                    );
                    draw_text_box(
                        frame,
                        app,
                        amount,
                        &f.amount,
                        &format!("How much, in pounds?{}", focus(Field::Amount)),
                    );
                    if let Some(e) = &f.error {
                        frame.render_widget(
                            Paragraph::new(Span::styled(one_line(e), t.error))
                                .wrap(Wrap { trim: true }),
                            error,
                        );
                    }
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(info_lines), info);
}

/// Under the answer: the live count against the guide, or what is wrong
/// with what is typed, or who gave the saved answer.
fn info_line(
    app: &Ctx,
    question: &crate::bank::Question,
    editor: &super::editor::Editor,
) -> Line<'static> {
    let t = &app.theme;
    if let Err(e) = editor.value(question, app.ws.vocab)
        && editor.changed
    {
        return Line::from(Span::styled(
            one_line(&format!("{}. {}", e.problem, e.expected)),
            t.warning,
        ));
    }
    if !editor.changed
        && app
            .session
            .as_ref()
            .and_then(|s| s.open.group.answers.get(&question.id))
            .is_some_and(|a| a.check)
    {
        return Line::from(Span::styled(
            format!(
                "Marked \"check this\": change it, or press {} if it is still right.",
                app.keymap.label_in(Context::Text, Action::ConfirmAnswer)
            ),
            t.warning,
        ));
    }
    if let Some((words, _)) = editor.counts()
        && matches!(
            question.kind,
            QuestionType::LongText | QuestionType::ShortText
        )
    {
        let (text, style): (String, Style) = match question.word_guide {
            Some(g) if words < g.min => (
                format!(
                    "{words} words - a bit short: funders usually want {} to {} words",
                    g.min, g.max
                ),
                t.warning,
            ),
            Some(g) if words > g.max => (
                format!(
                    "{words} words - over the guide of {} to {} words",
                    g.min, g.max
                ),
                t.warning,
            ),
            Some(g) => (
                format!(
                    "{words} words - within the guide of {} to {} words",
                    g.min, g.max
                ),
                t.good,
            ),
            None => (format!("{words} words"), t.dim),
        };
        return Line::from(Span::styled(text, style));
    }
    match app
        .session
        .as_ref()
        .and_then(|s| s.open.group.answers.get(&question.id))
    {
        Some(a) => Line::from(Span::styled(
            format!("Saved answer by {}, {}", a.by.label(), a.at.for_people()),
            t.dim,
        )),
        None => Line::from(Span::styled("Not answered yet.", t.dim)),
    }
}
