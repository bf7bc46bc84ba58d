//! Drawing. Pure functions of the app's state: nothing here changes the
//! state or the files. Every piece of text that came from a file (answers,
//! names, profiles) goes through `sanitize` before it reaches the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::app::{App, FIRST_RUN, Screen, StatusKind};
use super::editor::{Field, Input};
use super::keymap::Context;
use crate::bank::{QuestionType, budget_total};
use crate::group::Author;
use crate::matching::Verdict;
use crate::text::{format_pence, one_line, sanitize};
use crate::vocab::names;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, app, area);
    }
    let footer = footer_lines(app, area.width);
    let [header, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(area);
    draw_header(frame, app, header);
    if app.show_help {
        draw_help(frame, app, body);
    } else if let Some(cursor) = app.glossary {
        draw_glossary(frame, app, body, cursor);
    } else {
        match &app.screen {
            Screen::Home => draw_home(frame, app, body),
            Screen::NewGroup(area) => draw_entry(
                frame,
                app,
                body,
                "Start a new group",
                "What is the group called? You can change this later.",
                area,
            ),
            Screen::Import(area) => draw_entry(
                frame,
                app,
                body,
                "Import a group file",
                "Type the path of the group file, for example /home/sam/Downloads/riverside.toml",
                area,
            ),
            Screen::Who { cursor } => draw_who(frame, app, body, *cursor),
            Screen::Sections => draw_sections(frame, app, body),
            Screen::Questions => draw_questions(frame, app, body),
            Screen::Answer => draw_answer(frame, app, body),
            Screen::Funders { cursor } => draw_funders(frame, app, body, *cursor),
            Screen::Funder { index, cursor } => draw_funder(frame, app, body, *index, *cursor),
            Screen::Find { query, cursor, .. } => draw_find(frame, app, body, query, *cursor),
            Screen::Note { text, question, .. } => draw_note(frame, app, body, text, question),
            Screen::Words => draw_words(frame, app, body),
            Screen::Grants { cursor } => draw_grants(frame, app, body, *cursor),
            Screen::Grant { index } => draw_grant(frame, app, body, *index),
            Screen::LogForm { form, .. } => draw_form(frame, app, body, form),
            Screen::Draft { funder, cursor } => draw_draft(frame, app, body, funder, *cursor),
            Screen::DraftPreview {
                title,
                text,
                scroll,
                ..
            } => draw_preview(frame, app, body, title, text, *scroll),
            Screen::Wording(edit) => draw_wording(frame, app, body, edit),
            Screen::ConfirmNextYear => draw_confirm_next_year(frame, app, body),
            Screen::Conflicts { cursor } => draw_conflicts(frame, app, body, *cursor),
        }
    }
    draw_status(frame, app, status);
    frame.render_widget(Paragraph::new(Text::from(footer)), foot);
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = format!(
        "Please make the window larger.\n\nalongside needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} rows; this window is {} by {}.\n\nNothing is lost: your work is saved.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.text)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn draw_header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" alongside ", t.status)];
    if let Some(s) = &app.session {
        spans.push(Span::styled(
            format!("  {}", one_line(&s.open.group.name)),
            t.title,
        ));
        spans.push(Span::styled(
            format!("   Typing: {}", author_short(s.author)),
            t.key,
        ));
        if s.open.read_only.is_some() {
            spans.push(Span::styled("   READ-ONLY", t.warning));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn author_short(author: Author) -> &'static str {
    match author {
        Author::Group => "the group",
        Author::Supporter => "the supporter",
        Author::Together => "together",
    }
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let line = match &app.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => t.good,
                StatusKind::Warning => t.warning,
                StatusKind::Error => t.error,
            };
            Line::from(Span::styled(one_line(&status.text), style))
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
    frame.render_widget(Paragraph::new(line), area);
}

/// The key hints for this screen, laid out in as many lines as they need.
fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let context = app.context();
    let hints: Vec<(String, String)> = app
        .keymap
        .footer_hints(context)
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
        current.push(Span::styled(keys, app.theme.key));
        current.push(Span::styled(format!(" {hint}  "), app.theme.text));
        used += len;
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

fn titled(app: &App, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

fn list<'a>(app: &App, items: Vec<ListItem<'a>>, title: &str) -> List<'a> {
    List::new(items)
        .block(titled(app, title))
        .highlight_style(app.theme.selected)
        .highlight_symbol("> ")
}

fn draw_home(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let problems = app.home.problems.len().min(4) as u16;
    let [top, bottom] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(if problems > 0 { problems + 2 } else { 0 }),
    ])
    .areas(area);
    let mut state = ListState::default().with_selected(Some(app.home.cursor));
    if app.home.groups.is_empty() {
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
        frame.render_stateful_widget(list(app, items, "Start here"), choices, &mut state);
    } else {
        let items = app
            .home
            .groups
            .iter()
            .map(|g| {
                let p = g.group.progress(&app.bank.questions);
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
                            attention(app, &g.group)
                        ),
                        t.dim,
                    )),
                ]))
            })
            .collect();
        frame.render_stateful_widget(list(app, items, "Your groups"), top, &mut state);
    }
    if problems > 0 {
        let text: Vec<Line> = app
            .home
            .problems
            .iter()
            .take(4)
            .map(|p| Line::from(Span::styled(one_line(p), t.warning)))
            .collect();
        frame.render_widget(
            Paragraph::new(text)
                .block(titled(app, "Files that could not be read (left untouched)")),
            bottom,
        );
    }
}

fn draw_entry(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    prompt: &str,
    input: &TextArea<'_>,
) {
    let [ask, boxed, _] = Layout::vertical([
        Constraint::Length(3),
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

fn draw_text_box(frame: &mut Frame, app: &App, area: Rect, input: &TextArea<'_>, title: &str) {
    let block = titled(app, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(input, inner);
}

fn draw_who(frame: &mut Frame, app: &App, area: Rect, cursor: usize) {
    let [intro, choices] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(5)]).areas(area);
    let text = "Who is at the keyboard? Each answer records who gave it, so you can both see the group's own words grow. \
You can change this at any time.";
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.text)
            .wrap(Wrap { trim: true }),
        intro,
    );
    let labels = [
        "The group (a member is typing)",
        "The supporter (the support worker is typing)",
        "Together (working it out side by side)",
    ];
    let items = labels.iter().map(|l| ListItem::new(*l)).collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "Who is typing?"), choices, &mut state);
}

fn draw_sections(frame: &mut Frame, app: &App, area: Rect) {
    let Some(s) = &app.session else { return };
    let group = &s.open.group;
    let t = &app.theme;
    let overall = group.progress(&app.bank.questions);
    let [summary, rest] = Layout::vertical([Constraint::Length(5), Constraint::Min(5)]).areas(area);
    let next = group.next_unanswered(app.bank).map_or(
        "every question that applies has an answer".to_string(),
        |q| one_line(&q.prompt),
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                format!(
                    "{} of {} questions answered.",
                    overall.answered, overall.total
                ),
                t.text,
            )),
            Line::from(Span::styled(format!("Next unanswered: {next}"), t.dim)),
            Line::from(Span::styled(funders_summary(s), t.text)),
            Line::from(Span::styled(
                grants_summary(app, group, app.today()),
                t.text,
            )),
            Line::from(Span::styled(year_summary(group), t.text)),
        ]),
        summary,
    );
    let items = app
        .bank
        .sections
        .iter()
        .map(|sec| {
            let p = group.progress(app.bank.in_section(&sec.id));
            let mark = if p.answered == p.total {
                "done "
            } else {
                "     "
            };
            ListItem::new(Line::from(vec![
                Span::styled(mark, t.good),
                Span::styled(format!("{:40}", sec.title), t.text),
                Span::styled(format!("{:>3} of {:<3}", p.answered, p.total), t.dim),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(s.section));
    frame.render_stateful_widget(list(app, items, "Sections"), rest, &mut state);
}

fn draw_questions(frame: &mut Frame, app: &App, area: Rect) {
    let Some(s) = &app.session else { return };
    let Some(section) = app.bank.sections.get(s.section) else {
        return;
    };
    let t = &app.theme;
    let questions = app.section_questions();
    let [intro, body, preview] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(6),
    ])
    .areas(area);
    // From the second year on, each section opens by asking what changed.
    let intro_text = match (&section.changes_prompt, s.open.group.round > 1) {
        (Some(prompt), true) => one_line(prompt),
        _ => one_line(&section.intro),
    };
    frame.render_widget(
        Paragraph::new(intro_text)
            .style(t.dim)
            .wrap(Wrap { trim: true }),
        intro,
    );
    let width = body.width.saturating_sub(10) as usize;
    let items = questions
        .iter()
        .map(|q| {
            let prompt: String = one_line(&q.prompt).chars().take(width).collect();
            ListItem::new(Line::from(vec![
                Span::styled(answer_mark(&s.open.group, &q.id), t.good),
                Span::styled(prompt, t.text),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(s.question));
    frame.render_stateful_widget(list(app, items, &section.title), body, &mut state);
    let preview_text = match questions
        .get(s.question)
        .and_then(|q| s.open.group.answers.get(&q.id).map(|a| (q, a)))
    {
        Some((q, a)) => {
            let mut lines: Vec<Line> = sanitize(&a.value.display(Some(q), app.vocab), true)
                .lines()
                .take(3)
                .map(|l| Line::from(Span::styled(l.to_string(), t.text)))
                .collect();
            lines.push(Line::from(Span::styled(
                format!("-- {}, {}", a.by.label(), a.at.for_people()),
                t.dim,
            )));
            lines
        }
        None => vec![Line::from(Span::styled(
            "Not answered yet. Press Enter to answer.",
            t.dim,
        ))],
    };
    let mut preview_text = preview_text;
    if let Some(note) = questions
        .get(s.question)
        .and_then(|q| s.open.group.note(&q.id))
    {
        preview_text.insert(
            0,
            Line::from(Span::styled(format!("Note: {}", one_line(note)), t.warning)),
        );
    }
    frame.render_widget(
        Paragraph::new(preview_text)
            .wrap(Wrap { trim: false })
            .block(titled(app, "Answer")),
        preview,
    );
}

fn draw_answer(frame: &mut Frame, app: &App, area: Rect) {
    let Some(s) = &app.session else { return };
    let (Some(question), Some(editor)) = (app.current_question(), &s.editor) else {
        return;
    };
    let t = &app.theme;
    let section = app.bank.sections.get(s.section);
    let count = app.section_questions().len();
    let prompt = one_line(&question.prompt);
    let prompt_rows = (prompt.chars().count() as u16 / area.width.max(1)) + 1;
    let guide_rows = if app.show_guide { 8 } else { 1 };
    let [meta, ask, guide, input, info] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_rows.min(3)),
        Constraint::Length(guide_rows),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "{} - question {} of {}  [{}]",
                section.map_or("", |s| s.title.as_str()),
                s.question + 1,
                count,
                question.id
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
        if let Some(note) = s.open.group.note(&question.id) {
            text.push(Line::from(Span::styled(
                format!("Note from your supporter: {}", one_line(note)),
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
        // A coaching note is worth the one line; the guide is a key away.
        let line = match s.open.group.note(&question.id) {
            Some(note) => Span::styled(
                format!("Note: {}  (F4: why funders ask)", one_line(note)),
                t.warning,
            ),
            None => Span::styled("F4: why funders ask this, and an example", t.dim),
        };
        frame.render_widget(Paragraph::new(line), guide);
    }
    let title = match (s.open.read_only.is_some(), question.kind) {
        (true, _) => "Answer (read-only)".to_string(),
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
            let entries = app.vocab.list(question.choices.as_deref().unwrap_or(""));
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
            let entries = app.vocab.list(question.choices.as_deref().unwrap_or(""));
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
            let items: Vec<ListItem> = lines
                .iter()
                .map(|l| {
                    let item: String = one_line(&l.item).chars().take(38).collect();
                    let category: String =
                        one_line(app.vocab.label(names::COST_CATEGORY, &l.category))
                            .chars()
                            .take(22)
                            .collect();
                    ListItem::new(format!(
                        "{item:38} {category:22} {:>10}",
                        format_pence(l.pence)
                    ))
                })
                .collect();
            let title = format!("Budget lines - total {}", format_pence(budget_total(lines)));
            let mut state =
                ListState::default().with_selected((!lines.is_empty()).then_some(*cursor));
            match form {
                None if lines.is_empty() => frame.render_widget(
                    Paragraph::new(
                        "No lines yet. Press a to add the first one (for example room hire).",
                    )
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
                        Paragraph::new(Span::styled(format!("< {label} >"), style)).block(titled(
                            app,
                            &format!("Kind of cost (Up/Down){}", focus(Field::Category)),
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
    frame.render_widget(Paragraph::new(info_line(app, question, editor)), info);
}

/// Under the answer: the live count against the guide, or what is wrong
/// with what is typed, or who gave the saved answer.
fn info_line(
    app: &App,
    question: &crate::bank::Question,
    editor: &super::editor::Editor,
) -> Line<'static> {
    let t = &app.theme;
    if let Err(e) = editor.value(question, app.vocab)
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
            "Marked \"check this\": change it, or press Ctrl+K if it is still right.",
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

fn draw_help(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut context = app.context();
    if context == Context::Help {
        // Show the keys of the screen underneath the help.
        let mut under = app.context_without_help();
        if under == Context::Help {
            under = Context::Home;
        }
        context = under;
    }
    let mut lines = vec![Line::from(Span::styled("Keys on this screen", t.title))];
    for (keys, hint) in app.keymap.hints(context) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:24}"), t.key),
            Span::styled(hint, t.text),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Everything is saved as you go. Text from files is shown safely. Press Esc or F1 to close this help.",
        t.dim,
    )));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(titled(app, "Help")),
        area,
    );
}

fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Eligible => "can apply",
        Verdict::Check => "check    ",
        Verdict::NotEligible => "not yet  ",
        Verdict::Closed => "closed   ",
    }
}

fn draw_funders(frame: &mut Frame, app: &App, area: Rect, cursor: usize) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let [intro, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(5),
    ])
    .areas(area);
    let ask = crate::matching::the_ask(&s.open.group)
        .map_or("an amount not given yet".to_string(), format_pence);
    let eligible = s
        .matches
        .iter()
        .filter(|m| m.verdict == Verdict::Eligible)
        .count();
    frame.render_widget(
        Paragraph::new(format!(
            "Checked against {} funders for an ask of {ask}. You can apply to {eligible} now; Enter shows why, rule by rule.",
            s.matches.len()
        ))
        .style(t.text)
        .wrap(Wrap { trim: true }),
        intro,
    );
    let width = body.width.saturating_sub(16) as usize;
    let items = s
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
    let mut state = ListState::default().with_selected((!s.matches.is_empty()).then_some(cursor));
    frame.render_stateful_widget(
        list(app, items, "Funders, best fit first"),
        body,
        &mut state,
    );
    // Under the list: the first thing to know about the selected funder.
    let lines: Vec<Line> = match s.matches.get(cursor) {
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
    frame.render_widget(Paragraph::new(lines).block(titled(app, "In short")), detail);
}

fn draw_funder(frame: &mut Frame, app: &App, area: Rect, index: usize, cursor: usize) {
    let Some(m) = app.session.as_ref().and_then(|s| s.matches.get(index)) else {
        return;
    };
    let t = &app.theme;
    let inner_width = area.width.saturating_sub(4) as usize;
    // Warnings about the group's values come first and are never scrolled
    // out of sight.
    let mut warnings: Vec<Line> = Vec::new();
    for flag in &m.flags {
        for l in crate::text::wrap(&format!("! {}", one_line(&flag.sentence)), inner_width + 2) {
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
    // Each rule is one list item of several wrapped lines: the sentence,
    // then what would change it or which question to answer.
    let mut items: Vec<ListItem> = m
        .criteria
        .iter()
        .map(|c| {
            let mut lines = Vec::new();
            for (i, l) in crate::text::wrap(&one_line(&c.sentence), inner_width.saturating_sub(6))
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
                (None, Some(q)) => Some(format!("Enter answers `{q}`.")),
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
            for l in crate::text::wrap(&format!("+ {}", one_line(r)), inner_width.saturating_sub(2))
            {
                extra.push(Line::from(Span::styled(l, t.good)));
            }
        }
    }
    if !extra.is_empty() {
        items.push(ListItem::new(Text::from(extra)));
    }
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "Rule by rule"), body, &mut state);
}

/// One line about the funders for the group dashboard.
fn funders_summary(s: &crate::tui::app::Session) -> String {
    let count = |v: Verdict| s.matches.iter().filter(|m| m.verdict == v).count();
    match (count(Verdict::Eligible), count(Verdict::Check)) {
        (0, 0) => "Funders: none you can apply to yet. Press f to see why.".to_string(),
        (yes, 0) => format!("Funders: you can apply to {yes}. Press f to see them."),
        (yes, check) => {
            format!("Funders: you can apply to {yes}, and maybe {check} more. Press f to see them.")
        }
    }
}

/// One line about the group's grants for the dashboard and home screen.
pub fn grants_summary(app: &App, group: &crate::group::Group, today: crate::dates::Day) -> String {
    let running: Vec<&crate::group::Grant> =
        group.grants.iter().filter(|g| g.is_active(today)).collect();
    match running.as_slice() {
        [] if group.grants.is_empty() => "Grants: none recorded yet.".to_string(),
        [] => format!(
            "Grants: {} earlier grant(s), none running now.",
            group.grants.len()
        ),
        [one] => format!(
            "Grants: {} from {}, until {}.",
            format_pence(one.pence),
            funder_name(app, &one.funder),
            one.end.for_people()
        ),
        many => format!("Grants: {} running now.", many.len()),
    }
}

/// What needs attention for a group on the home screen.
pub fn attention(app: &App, group: &crate::group::Group) -> String {
    let today = app.today();
    let unfinished = app
        .bank
        .sections
        .iter()
        .filter(|sec| {
            let p = group.progress(app.bank.in_section(&sec.id));
            p.answered < p.total
        })
        .count();
    let mut parts = Vec::new();
    if unfinished > 0 {
        parts.push(format!("{unfinished} section(s) to finish"));
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

fn draw_glossary(frame: &mut Frame, app: &App, area: Rect, cursor: usize) {
    let t = &app.theme;
    let terms = crate::bank::glossary::glossary();
    let [list_area, detail] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area);
    let items = terms
        .iter()
        .map(|term| ListItem::new(one_line(&term.term)))
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(
        list(app, items, "Funders' words in plain English"),
        list_area,
        &mut state,
    );
    if let Some(term) = terms.get(cursor) {
        let width = detail.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line> = crate::text::wrap(&one_line(&term.meaning), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.text)))
            .collect();
        for l in crate::text::wrap(
            &format!("Where you see it: {}", one_line(&term.found)),
            width,
        ) {
            lines.push(Line::from(Span::styled(l, t.dim)));
        }
        frame.render_widget(Paragraph::new(lines).block(titled(app, &term.term)), detail);
    }
}

fn draw_find(frame: &mut Frame, app: &App, area: Rect, query: &TextArea<'_>, cursor: usize) {
    let t = &app.theme;
    let [ask, boxed, results] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            "Type words from the question you want, then Enter.",
            t.text,
        )),
        ask,
    );
    draw_text_box(frame, app, boxed, query, "Find a question");
    let found = app.find_questions(&query.lines().join(" "));
    let width = results.width.saturating_sub(10) as usize;
    let items: Vec<ListItem> = found
        .iter()
        .map(|q| {
            let mark = app
                .session
                .as_ref()
                .map_or("     ", |s| answer_mark(&s.open.group, &q.id));
            let prompt: String = one_line(&q.prompt).chars().take(width).collect();
            ListItem::new(Line::from(vec![
                Span::styled(mark, t.good),
                Span::styled(prompt, t.text),
            ]))
        })
        .collect();
    let title = format!("{} question(s)", found.len());
    let mut state = ListState::default()
        .with_selected((!found.is_empty()).then_some(cursor.min(found.len().saturating_sub(1))));
    frame.render_stateful_widget(list(app, items, &title), results, &mut state);
}

fn draw_note(frame: &mut Frame, app: &App, area: Rect, text: &TextArea<'_>, question: &str) {
    let t = &app.theme;
    let prompt = app
        .bank
        .question(question)
        .map_or(question.to_string(), |q| one_line(&q.prompt));
    let [ask, boxed] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(format!("A coaching note on: {prompt}"), t.title)),
            Line::from(Span::styled("The group sees it beside the question. It never goes into a draft. Leave it empty to remove it.", t.dim)),
        ])
        .wrap(Wrap { trim: true }),
        ask,
    );
    draw_text_box(frame, app, boxed, text, "Note");
}

fn draw_words(frame: &mut Frame, app: &App, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let group = &s.open.group;
    let mut lines = vec![
        Line::from(Span::styled("Who wrote the words of the answers", t.title)),
        Line::from(Span::styled(
            "# the group   = the supporter   - together",
            t.dim,
        )),
        Line::from(""),
    ];
    let mut row = |title: &str, share: crate::group::WordShare| {
        use crate::group::Author;
        let bar = crate::group::share_bar(&share, 16);
        lines.push(Line::from(vec![
            Span::styled(format!("{:28}", title), t.text),
            Span::styled(format!("[{bar}] "), t.key),
            Span::styled(
                format!(
                    "{:>3}% {:>3}% {:>3}%  {} words",
                    share.percent(Author::Group),
                    share.percent(Author::Supporter),
                    share.percent(Author::Together),
                    share.total()
                ),
                t.text,
            ),
        ]));
    };
    for sec in &app.bank.sections {
        let title: String = sec.title.chars().take(27).collect();
        row(&title, group.word_share(app.bank.in_section(&sec.id)));
    }
    row("All answers", group.word_share(&app.bank.questions));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Year by year: the group's share of the words, and the steps it did itself",
        t.title,
    )));
    for record in group.round_history(app.bank) {
        let steps: Vec<&str> = record.steps.by_group().iter().map(|s| s.label()).collect();
        let steps = if steps.is_empty() {
            "-".to_string()
        } else {
            steps.join(", ")
        };
        let this_year = if record.round == group.round {
            " (so far)"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(format!("Year {}{this_year:9} ", record.round), t.text),
            Span::styled(
                format!("[{}] ", crate::group::share_bar(&record.words, 16)),
                t.key,
            ),
            Span::styled(
                format!(
                    "{:>3}%  {steps}",
                    record.words.percent(crate::group::Author::Group)
                ),
                t.text,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(titled(app, "Your words")), area);
}

fn funder_name(app: &App, id: &str) -> String {
    app.catalogue
        .get(id)
        .map_or(id.to_string(), |l| one_line(&l.profile.name))
}

fn draw_grants(frame: &mut Frame, app: &App, area: Rect, cursor: usize) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let today = app.today();
    let items = s
        .open
        .group
        .grants
        .iter()
        .map(|g| {
            let state = if g.is_active(today) {
                "running"
            } else if g.end < today {
                "ended"
            } else {
                "not started"
            };
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(funder_name(app, &g.funder), t.text)),
                Line::from(Span::styled(
                    format!(
                        "    {}, {} to {} ({state})",
                        format_pence(g.pence),
                        g.start.for_people(),
                        g.end.for_people()
                    ),
                    t.dim,
                )),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "Grants"), area, &mut state);
}

/// A bar of `width` cells filled in proportion, readable without colour.
fn fill_bar(part: i64, whole: i64, width: usize) -> String {
    let filled = if whole <= 0 {
        0
    } else {
        ((part.max(0) as i128 * width as i128 + whole as i128 / 2) / whole as i128)
            .min(width as i128) as usize
    };
    format!("{}{}", "#".repeat(filled), ".".repeat(width - filled))
}

fn draw_grant(frame: &mut Frame, app: &App, area: Rect, index: usize) {
    let Some(s) = &app.session else { return };
    let Some(grant) = s.open.group.grants.get(index) else {
        return;
    };
    let t = &app.theme;
    let today = app.today();
    let data = crate::monitoring::summary::build(
        &s.open.group.name,
        grant,
        &funder_name(app, &grant.funder),
        crate::group::ReportKind::Interim,
        today,
        app.vocab,
    );
    let mut lines = vec![Line::from(vec![
        Span::styled(funder_name(app, &grant.funder), t.title),
        Span::styled(
            format!(
                "  {}, {} to {}",
                data.amount, data.grant_start, data.grant_end
            ),
            t.text,
        ),
    ])];
    let returns: Vec<String> = grant
        .reports
        .iter()
        .map(|r| match r.sent {
            Some(sent) => format!("{} sent {}", r.kind.label(), sent.for_people()),
            None => format!(
                "{} {} ({})",
                r.kind.label(),
                crate::monitoring::when_words((r.due.0 - today.0).get_days() as i64),
                r.due.for_people()
            ),
        })
        .collect();
    let returns = if returns.is_empty() {
        "Returns: no dates recorded.".to_string()
    } else {
        format!("Returns: {}.", returns.join("; "))
    };
    for l in crate::text::wrap(&returns, area.width as usize) {
        lines.push(Line::from(Span::styled(l, t.text)));
    }
    let a = &data.attendance;
    lines.push(Line::from(Span::styled(
        format!(
            "Sessions: {}, {} came in all, {} new, about {} each time.",
            a.total_sessions, a.total_came, a.total_new, a.average
        ),
        t.text,
    )));
    for p in data.promises.iter().take(2) {
        let what: String = one_line(&p.what).chars().take(36).collect();
        let counted = match (&p.measure, p.achieved, p.target) {
            (Some(m), Some(got), Some(want)) => format!("{m}: {got} of {want}"),
            (Some(m), Some(got), None) => format!("{m}: {got}"),
            _ => "in your words".to_string(),
        };
        lines.push(Line::from(Span::styled(
            format!("Promise: {what} - {counted}"),
            t.dim,
        )));
    }
    let [top, chart, money] = Layout::vertical([
        Constraint::Length(lines.len() as u16),
        Constraint::Length(4),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), top);
    // Attendance as a sparkline: one bar per session, oldest first.
    let counts: Vec<u64> = a.sessions.iter().map(|r| r.came as u64).collect();
    let spark = ratatui::widgets::Sparkline::default()
        .block(titled(app, "Attendance, session by session"))
        .data(&counts)
        .style(t.key);
    frame.render_widget(spark, chart);
    let width = money.width.saturating_sub(4) as usize;
    let bar_width = 12;
    let item_width = width.saturating_sub(bar_width + 24).max(10);
    let spend_lines: Vec<Line> = data
        .spend
        .iter()
        .map(|l| {
            let item: String = one_line(&l.item).chars().take(item_width).collect();
            let style = if l.variance_pence > 0 {
                t.warning
            } else {
                t.text
            };
            Line::from(vec![
                Span::styled(format!("{item:item_width$} "), t.text),
                Span::styled(
                    format!("[{}] ", fill_bar(l.spent_pence, l.budget_pence, bar_width)),
                    t.key,
                ),
                Span::styled(format!("{} of {}", l.spent, l.budget), style),
            ])
        })
        .collect();
    let title = format!(
        "Spent {} of {} ({} left)",
        data.spend_total, data.budget_total, data.left_total
    );
    frame.render_widget(
        Paragraph::new(spend_lines).block(titled(app, &title)),
        money,
    );
}

fn draw_form(frame: &mut Frame, app: &App, area: Rect, form: &crate::tui::form::Form) {
    use crate::tui::form::FieldKind;
    let t = &app.theme;
    let mut constraints: Vec<Constraint> = vec![Constraint::Length(1)];
    for f in &form.fields {
        constraints.push(Constraint::Length(
            if matches!(f.kind, FieldKind::Text { lines: true }) {
                6
            } else {
                3
            },
        ));
    }
    constraints.push(Constraint::Min(0));
    let areas = Layout::vertical(constraints).split(area);
    frame.render_widget(
        Paragraph::new(Span::styled(form.title.clone(), t.title)),
        areas[0],
    );
    for (i, field) in form.fields.iter().enumerate() {
        let focus = if i == form.focus { " (here)" } else { "" };
        let title = format!("{}{focus}", field.label);
        match &field.kind {
            FieldKind::Choice(options) => {
                let chosen = options.get(field.choice).map_or("", String::as_str);
                let style = if i == form.focus { t.selected } else { t.text };
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("< {} >", one_line(chosen)), style))
                        .block(titled(app, &format!("{title} (Up/Down)"))),
                    areas[i + 1],
                );
            }
            _ => draw_text_box(frame, app, areas[i + 1], &field.text, &title),
        }
    }
    if let Some(error) = &form.error {
        let last = areas[areas.len() - 1];
        frame.render_widget(
            Paragraph::new(Span::styled(one_line(error), t.error)).wrap(Wrap { trim: true }),
            last,
        );
    }
}

fn draw_draft(frame: &mut Frame, app: &App, area: Rect, funder: &str, cursor: usize) {
    let (Some(s), Some(profile)) = (&app.session, app.profile(funder)) else {
        return;
    };
    let t = &app.theme;
    let group = &s.open.group;
    let written = profile
        .questions
        .iter()
        .filter(|q| crate::drafting::wording(group, funder, &q.id).is_some())
        .count();
    let [heading, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(6),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                format!("A bid to {}", one_line(&profile.name)),
                t.title,
            )),
            Line::from(Span::styled(
                format!(
                    "{written} of {} answers written in your words for this funder.",
                    profile.questions.len()
                ),
                t.text,
            )),
        ]),
        heading,
    );
    let width = body.width.saturating_sub(6) as usize;
    let items: Vec<ListItem> = profile
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let text = crate::drafting::wording(group, funder, &q.id)
                .map(crate::drafting::wording_text)
                .unwrap_or_default();
            let count = crate::drafting::limit_status(q, &text);
            let prompt: String = format!("{}. {}", i + 1, one_line(&q.prompt))
                .chars()
                .take(width)
                .collect();
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(prompt, t.text)),
                Line::from(Span::styled(
                    format!("    {}", one_line(&count.description)),
                    if count.status == crate::drafting::Status::Fine {
                        t.good
                    } else {
                        t.dim
                    },
                )),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "The funder's questions"), body, &mut state);
    let lines: Vec<Line> = profile
        .questions
        .get(cursor)
        .map(|q| {
            let mut out = Vec::new();
            if let Some(limit) = crate::drafting::limit_description(q) {
                out.push(format!("Limit: {limit}."));
            }
            if let Some(tips) = &q.tips {
                out.push(format!("The funder's tips: {}", one_line(tips)));
            }
            out.join(" ")
        })
        .map(|text| {
            crate::text::wrap(&text, detail.width.saturating_sub(2) as usize)
                .into_iter()
                .take(4)
                .map(|l| Line::from(Span::styled(l, t.text)))
                .collect()
        })
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, "About this question")),
        detail,
    );
}

fn draw_preview(frame: &mut Frame, app: &App, area: Rect, title: &str, text: &str, scroll: u16) {
    let lines: Vec<Line> = sanitize(text, true)
        .lines()
        .map(|l| Line::from(Span::styled(l.to_string(), app.theme.text)))
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(titled(app, title)),
        area,
    );
}

fn draw_wording(frame: &mut Frame, app: &App, area: Rect, edit: &crate::tui::app::WordingEdit) {
    let (Some(s), Some(profile)) = (&app.session, app.profile(&edit.funder)) else {
        return;
    };
    let Some(q) = profile.questions.iter().find(|q| q.id == edit.question) else {
        return;
    };
    let t = &app.theme;
    let width = area.width.saturating_sub(2) as usize;
    let mut top = vec![Line::from(Span::styled(
        format!("{}. {}", edit.cursor + 1, one_line(&q.prompt)),
        t.title,
    ))];
    if let Some(tips) = &q.tips {
        for l in crate::text::wrap(&format!("Tips: {}", one_line(tips)), width)
            .into_iter()
            .take(2)
        {
            top.push(Line::from(Span::styled(l, t.dim)));
        }
    }
    let offered = crate::drafting::offered(&s.open.group, q, app.bank, app.vocab);
    let mut from_answers: Vec<Line> = Vec::new();
    // Last year's words to this funder, with what has changed since.
    let last_year = s
        .open
        .group
        .last_submitted(&edit.funder, s.open.group.round)
        .and_then(|a| a.answers.get(&q.id));
    if let Some(sent) = last_year {
        let now = edit.text.lines().join("\n");
        let (heading, shown) = if now.trim().is_empty() {
            ("Last year you sent".to_string(), sent.clone())
        } else {
            (
                "Last year you sent, with this year's changes: [-taken out-] {+added+}".to_string(),
                crate::group::marked(&crate::group::word_diff(sent, &now)),
            )
        };
        from_answers.push(Line::from(Span::styled(heading, t.key)));
        for l in crate::text::wrap(&sanitize(&shown, true), width) {
            from_answers.push(Line::from(Span::styled(l, t.text)));
        }
    }
    for o in &offered {
        from_answers.push(Line::from(Span::styled(one_line(&o.prompt), t.key)));
        let answer = o.answer.as_deref().unwrap_or("(not answered yet)");
        for l in crate::text::wrap(&sanitize(answer, true), width) {
            from_answers.push(Line::from(Span::styled(l, t.text)));
        }
    }
    let text = edit.text.lines().join("\n");
    let count = crate::drafting::limit_status(q, &text);
    let [heading, offered_area, input, info] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(7),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top), heading);
    frame.render_widget(
        Paragraph::new(from_answers)
            .scroll((edit.offered_scroll, 0))
            .block(titled(
                app,
                "From your answers (to start from, not to copy; PgDn for more)",
            )),
        offered_area,
    );
    draw_text_box(frame, app, input, &edit.text, "Your words for this funder");
    let style = match count.status {
        crate::drafting::Status::Fine => t.good,
        crate::drafting::Status::Over => t.warning,
        _ => t.dim,
    };
    let line = if count.advice.is_empty() {
        one_line(&count.description)
    } else {
        one_line(&format!("{} {}", count.description, count.advice))
    };
    frame.render_widget(Paragraph::new(Span::styled(line, style)), info);
}

/// "done ", "check" (marked to check after last year) or blank.
fn answer_mark(group: &crate::group::Group, id: &str) -> &'static str {
    match group.answers.get(id) {
        Some(a) if a.check => "check",
        Some(_) => "done ",
        None => "     ",
    }
}

fn draw_confirm_next_year(frame: &mut Frame, app: &App, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let next = s.open.group.round + 1;
    let text = format!(
        "Start year {next}?\n\nEvery answer carries forward as it is, with its history. Numbers, money, dates, membership and anything a year old are marked \"check this\", and a review takes you through just those and any questions still unanswered.\n\nThis year's record of who wrote the words is closed, so you can see the group taking over year by year.\n\nPress Enter to start year {next}, or Esc to go back."
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(t.text)
            .wrap(Wrap { trim: true })
            .block(titled(app, "A new year")),
        area,
    );
}

fn draw_conflicts(frame: &mut Frame, app: &App, area: Rect, cursor: usize) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let group = &s.open.group;
    let conflicts: Vec<(&String, &crate::group::Conflict)> = group.conflicts.iter().collect();
    let [list_area, detail] = Layout::vertical([
        Constraint::Length((conflicts.len() as u16 + 2).min(8)),
        Constraint::Min(6),
    ])
    .areas(area);
    let items = conflicts
        .iter()
        .map(|(id, _)| {
            ListItem::new(
                app.bank
                    .question(id)
                    .map_or(id.to_string(), |q| one_line(&q.prompt)),
            )
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(
        list(app, items, "Answers that differ between two copies"),
        list_area,
        &mut state,
    );
    let Some((id, conflict)) = conflicts.get(cursor) else {
        return;
    };
    let question = app.bank.question(id);
    let width = detail.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    for (heading, answer) in [
        ("On this computer", &conflict.ours),
        ("In the other copy", &conflict.theirs),
    ] {
        lines.push(Line::from(Span::styled(
            format!(
                "{heading} ({}, {}):",
                answer.by.label(),
                answer.at.for_people()
            ),
            t.key,
        )));
        for l in crate::text::wrap(
            &sanitize(&answer.value.display(question, app.vocab), true),
            width,
        ) {
            lines.push(Line::from(Span::styled(l, t.text)));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        "Whichever you keep, the other stays in the answer's history.",
        t.dim,
    )));
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, "Which should stay?")),
        detail,
    );
}

/// One line about the year, answers to check and copies that disagree.
fn year_summary(group: &crate::group::Group) -> String {
    let to_check = group.answers.values().filter(|a| a.check).count();
    let mut parts = Vec::new();
    if to_check > 0 {
        parts.push(format!("{to_check} to check (r to review)"));
    }
    if !group.conflicts.is_empty() {
        parts.push(format!(
            "{} differ between copies (x to choose)",
            group.conflicts.len()
        ));
    }
    if parts.is_empty() {
        parts.push("N starts next year".to_string());
    }
    format!("Year {}: {}.", group.round, parts.join("; "))
}
