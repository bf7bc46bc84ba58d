//! Drawing grants: the list, one grant with its returns, attendance and spend, and the log forms.

use super::*;

pub(super) fn funder_name(app: &Ctx, id: &str) -> String {
    app.catalogue()
        .get(id)
        .map_or(id.to_string(), |l| one_line(&l.profile.name))
}

pub(super) fn draw_grants(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
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
pub(super) fn fill_bar(part: i64, whole: i64, width: usize) -> String {
    let filled = if whole <= 0 {
        0
    } else {
        ((part.max(0) as i128 * width as i128 + whole as i128 / 2) / whole as i128)
            .min(width as i128) as usize
    };
    format!("{}{}", "#".repeat(filled), ".".repeat(width - filled))
}

pub(super) fn draw_grant(frame: &mut Frame, app: &Ctx, area: Rect, index: usize) {
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
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("< {} >", one_line(chosen)), style)).block(
                        titled(
                            app,
                            &format!(
                                "{title} ({}/{})",
                                app.keymap.label_in(Context::LogForm, Action::Up),
                                app.keymap.label_in(Context::LogForm, Action::Down)
                            ),
                        ),
                    ),
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
