//! Drawing the funders: the list with verdicts, and one funder rule by rule.

use super::*;

pub(super) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Eligible => "can apply",
        Verdict::Check => "check    ",
        Verdict::NotEligible => "not yet  ",
        Verdict::Closed => "closed   ",
    }
}

pub(super) fn draw_funders(frame: &mut Frame, app: &Ctx, area: Rect, cursor: usize) {
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
            let first = format!("{first} ({}.)", m.facts_age);
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

pub(super) fn draw_funder(frame: &mut Frame, app: &Ctx, area: Rect, index: usize, cursor: usize) {
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
                (None, Some(q)) if q.starts_with("ask.") => {
                    Some("Press y for yes or n for no.".to_string())
                }
                (None, Some(_)) => Some("Enter answers this question.".to_string()),
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
    frame.render_stateful_widget(
        list(app, items, &format!("Rule by rule ({})", m.facts_age)),
        body,
        &mut state,
    );
}

/// One line about the funders for the group dashboard.
pub(super) fn funders_summary(s: &crate::tui::app::Session) -> String {
    let count = |v: Verdict| s.matches.iter().filter(|m| m.verdict == v).count();
    match (count(Verdict::Eligible), count(Verdict::Check)) {
        (0, 0) => "Funders: none you can apply to yet. Press f to see why.".to_string(),
        (yes, 0) => format!("Funders: you can apply to {yes}. Press f to see them."),
        (yes, check) => {
            format!("Funders: you can apply to {yes}, and maybe {check} more. Press f to see them.")
        }
    }
}
