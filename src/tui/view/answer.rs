//! Drawing the answer screen (`screens::answer`): the question, its guide,
//! the box for its type of answer and the line under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, ListItem, ListState, Paragraph, Wrap};

use super::{draw_text_box, list, titled};
use crate::bank::{Question, QuestionType, budget_total};
use crate::text::{format_pence, one_line};
use crate::tui::app::Ctx;
use crate::tui::editor::{Editor, Field, Input};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::answer::Answer;
use crate::vocab::names;

/// The answer screen's body: where the question is, the question, the
/// guide (why funders ask, an example, a coaching note), the box, and the
/// line under it.
pub(crate) fn draw_answer(frame: &mut Frame, app: &Ctx, area: Rect, answer: &Answer) {
    let Some(s) = &app.session else { return };
    let Some(question) = answer.question(app) else {
        return;
    };
    let editor = &answer.editor;
    let t = &app.theme;
    let section = app.ws.bank.section(answer.section());
    let (number, count) = answer.place(app);
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
            match number {
                Some(number) => format!(
                    "{} - question {number} of {count}",
                    section.map_or("", |s| s.title.as_str()),
                ),
                // No longer applies (an answer given over this screen).
                None => section.map_or("", |s| s.title.as_str()).to_string(),
            },
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
                        Paragraph::new(super::choice_line(app, Context::BudgetLine, label, style))
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
fn info_line(app: &Ctx, question: &Question, editor: &Editor) -> Line<'static> {
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
