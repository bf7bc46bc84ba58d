//! Drawing what the grant screens share: a funder's name, the log and
//! grant forms in boxes, and the one line about grants on the dashboard.

use super::*;

pub(crate) fn funder_name(app: &Ctx, id: &str) -> String {
    app.catalogue()
        .get(id)
        .map_or(id.to_string(), |l| one_line(&l.profile.name))
}

pub(crate) fn draw_form(frame: &mut Frame, app: &Ctx, area: Rect, form: &crate::tui::form::Form) {
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
    // A form too tall for the window (a story with its consent on 80x24)
    // is drawn one box to a line instead.
    let tall: u16 = constraints
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => *n,
            _ => 0,
        })
        .sum();
    if tall > area.height {
        return crate::tui::screens::grant_form::draw(frame, area, app, form, "");
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
                // How to change it is said inside the box, where it has
                // room, not in a title the border would cut.
                frame.render_widget(
                    Paragraph::new(super::choice_line(
                        app,
                        Context::LogForm,
                        &one_line(chosen),
                        style,
                    ))
                    .block(titled(app, &title)),
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

/// One line about the group's grants for the dashboard and home screen.
pub fn grants_summary(app: &Ctx, group: &crate::group::Group, today: crate::dates::Day) -> String {
    let running: Vec<&crate::group::Grant> =
        group.grants.iter().filter(|g| g.is_active(today)).collect();
    match running.as_slice() {
        [] if group.grants.is_empty() => "Grants: none recorded yet.".to_string(),
        [] => format!(
            "Grants: {}, none running now.",
            crate::text::count(group.grants.len(), "earlier grant")
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
