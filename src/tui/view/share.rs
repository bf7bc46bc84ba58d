//! Drawing the caseload and what a sync did (state in `app/share.rs`).

use super::*;

pub(super) fn draw_caseload(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    caseload: &crate::share::caseload::Caseload,
    cursor: usize,
) {
    let t = &app.theme;
    if caseload.groups.is_empty() {
        frame.render_widget(
            Paragraph::new("There are no groups in this data folder yet.")
                .style(t.text)
                .block(titled(app, "Caseload")),
            area,
        );
        return;
    }
    let needing = caseload
        .groups
        .iter()
        .filter(|g| g.needs_attention())
        .count();
    let width = area.width.saturating_sub(4) as usize;
    let items = caseload
        .groups
        .iter()
        .map(|g| {
            let mut lines = Vec::new();
            for (n, text) in g.lines().into_iter().enumerate() {
                let style = match n {
                    0 => t.text,
                    1 if g.needs_attention() => t.warning,
                    _ => t.dim,
                };
                for (m, part) in crate::text::wrap(&sanitize(&text, false), width)
                    .into_iter()
                    .enumerate()
                {
                    let part = if m > 0 { format!("    {part}") } else { part };
                    lines.push(Line::from(Span::styled(part, style)));
                }
            }
            ListItem::new(Text::from(lines))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    let title = format!(
        "Caseload: {}, {needing} needing attention",
        crate::text::count(caseload.groups.len(), "group")
    );
    frame.render_stateful_widget(list(app, items, &title), area, &mut state);
}

pub(super) fn draw_sync_result(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    failed: bool,
    lines: &[String],
    scroll: u16,
) {
    let t = &app.theme;
    let title = if failed {
        "Sync stopped: nothing was lost"
    } else {
        "Sync: what happened"
    };
    let text: Vec<Line> = lines
        .iter()
        .map(|l| {
            Line::from(Span::styled(
                sanitize(l, false),
                if failed { t.warning } else { t.text },
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(Text::from(text))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(titled(app, title)),
        area,
    );
}
