//! Drawing the years: who wrote the words, starting next year, the review marks, and copies that disagree.

use super::*;

/// "done ", "check" (marked to check after last year) or blank.
pub(crate) fn answer_mark(group: &crate::group::Group, id: &str) -> &'static str {
    match group.answers.get(id) {
        Some(a) if a.check => "check",
        Some(_) => "done ",
        None => "     ",
    }
}

pub(super) fn draw_conflicts(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
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
pub(super) fn year_summary(group: &crate::group::Group) -> String {
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
