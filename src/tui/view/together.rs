//! Drawing the helpers for working together: the glossary, finding a question, and coaching notes.

use super::*;

pub(super) fn draw_find(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    query: &TextArea<'_>,
    cursor: usize,
) {
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
    let title = crate::text::count(found.len(), "question");
    let mut state = ListState::default()
        .with_selected((!found.is_empty()).then_some(cursor.min(found.len().saturating_sub(1))));
    frame.render_stateful_widget(list(app, items, &title), results, &mut state);
}

pub(super) fn draw_note(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    text: &TextArea<'_>,
    question: &str,
) {
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
