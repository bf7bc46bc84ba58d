//! Drawing "who funded groups like yours nearby": the funders in their
//! tiers, and the grants behind the selected one.

use super::*;
use crate::grants_data::{Nearby, Tier};

pub(super) fn draw_nearby(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
    let t = &app.theme;
    let Some(found) = app.session.as_ref().and_then(|s| s.nearby.as_ref()) else {
        return;
    };
    let found: &Nearby = match found {
        Ok(found) => found,
        Err(message) => {
            frame.render_widget(
                Paragraph::new(one_line(message))
                    .style(t.text)
                    .wrap(Wrap { trim: true })
                    .block(titled(app, "Who funded groups like yours nearby")),
                area,
            );
            return;
        }
    };
    let width = area.width.saturating_sub(2) as usize;
    let mut intro: Vec<String> = vec![format!(
        "From {} grants funders published (360Giving): what they gave, not their rules. Your area: {}.",
        found.grants_in_index,
        found.area.as_deref().unwrap_or("not known")
    )];
    if !found.words.is_empty() {
        intro.push(format!("Your kind of work: {}.", found.words.join(", ")));
    }
    intro.extend(found.notes.iter().cloned());
    let intro: Vec<Line> = intro
        .iter()
        .flat_map(|l| crate::text::wrap(&one_line(l), width))
        .take(4)
        .map(|l| Line::from(Span::styled(l, t.text)))
        .collect();
    let detail_rows = if area.height >= 30 { 12 } else { 8 };
    let [top, body, detail] = Layout::vertical([
        Constraint::Length(intro.len() as u16),
        Constraint::Min(4),
        Constraint::Length(detail_rows),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(intro), top);

    // Each tier's heading, then its funders; the cursor counts funders only.
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected = None;
    let mut n = 0;
    for tier in Tier::ALL {
        let total = found
            .tier_totals
            .iter()
            .find(|(x, _)| *x == tier)
            .map_or(0, |(_, c)| *c);
        items.push(ListItem::new(Line::from(Span::styled(
            format!("{} ({total})", tier.heading()),
            t.title,
        ))));
        for f in found.funders.iter().filter(|f| f.tier == tier) {
            if n == cursor {
                selected = Some(items.len());
            }
            n += 1;
            let evidence = match tier {
                Tier::WorkAndArea => format!("{} of your kind here", f.work_and_area_grants),
                Tier::WorkElsewhere => format!("{} of your kind", f.work_grants),
                Tier::AreaOtherWork => format!("{} in your area", f.area_grants),
                Tier::TooFew => format!("{} published", f.grants),
            };
            let name: String = one_line(&f.funder_name)
                .chars()
                .take(width.saturating_sub(evidence.len() + 8))
                .collect();
            items.push(ListItem::new(Line::from(vec![
                Span::styled(format!("  {name}  "), t.text),
                Span::styled(evidence, t.dim),
            ])));
        }
    }
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(
        list(app, items, "Who funded groups like yours nearby"),
        body,
        &mut state,
    );

    let (title, lines) = match found.funders.get(cursor) {
        Some(f) => (
            format!(
                "{} ({})",
                one_line(&f.funder_name),
                one_line(&f.funder_org_id)
            ),
            f.evidence()
                .iter()
                .flat_map(|l| crate::text::wrap(&one_line(l), width))
                .map(|l| Line::from(Span::styled(l, t.text)))
                .collect(),
        ),
        None => (
            "No funders".to_string(),
            vec![Line::from(Span::styled(
                "No published grant is your kind of work or in your area.",
                t.dim,
            ))],
        ),
    };
    frame.render_widget(Paragraph::new(lines).block(titled(app, &title)), detail);
}
