//! Drawing the years: who wrote the words, starting next year, the review marks, and copies that disagree.

use super::*;

pub(super) fn draw_words(frame: &mut Frame, app: &Ctx, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let group = &s.open.group;
    // Columns with headings: the section (its whole title), the bar, then
    // each author's share and the number of words.
    const TITLE: usize = 32;
    let mut lines = vec![
        Line::from(Span::styled("Who wrote the words of the answers", t.title)),
        Line::from(Span::styled(
            "# the group   = the supporter   - together",
            t.dim,
        )),
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "{:TITLE$} {:13}{:>5}{:>10}{:>9}{:>6}",
                "Section", "", "group", "supporter", "together", "words"
            ),
            t.key,
        )),
    ];
    let mut row = |title: &str, share: crate::group::WordShare| {
        use crate::group::Author;
        let bar = crate::group::share_bar(&share, 10);
        let title = crate::text::wrap(title, TITLE);
        let (last, first) = title
            .split_last()
            .map_or(("", &[][..]), |(l, f)| (l.as_str(), f));
        for part in first {
            lines.push(Line::from(Span::styled(part.clone(), t.text)));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{last:TITLE$} "), t.text),
            Span::styled(format!("[{bar}] "), t.key),
            Span::styled(
                format!(
                    "{:>4}% {:>8}% {:>7}% {:>5}",
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
        row(&sec.title, group.word_share(app.bank.in_section(&sec.id)));
    }
    row("All answers", group.word_share(&app.bank.questions));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Year by year: the group's share of the words, and the steps it did itself",
        t.title,
    )));
    lines.push(Line::from(Span::styled(
        format!(
            "{:16}{:19}{:>4}  {}",
            "Year", "", "group", "steps the group did"
        ),
        t.key,
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
                    "{:>4}%  {steps}",
                    record.words.percent(crate::group::Author::Group)
                ),
                t.text,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(titled(app, "Your words")), area);
}

/// "done ", "check" (marked to check after last year) or blank.
pub(super) fn answer_mark(group: &crate::group::Group, id: &str) -> &'static str {
    match group.answers.get(id) {
        Some(a) if a.check => "check",
        Some(_) => "done ",
        None => "     ",
    }
}

pub(super) fn draw_confirm_next_year(frame: &mut Frame, app: &Ctx, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let next = s.open.group.round + 1;
    use crate::tui::keymap::Action;
    let enter = app.keymap.label_in(Context::Confirm, Action::Confirm);
    let esc = app.keymap.label_in(Context::Confirm, Action::Back);
    let ask = match s.open.group.too_soon_for_next_year(app.today()) {
        Some(too_soon) if s.next_year_anyway => format!(
            "Careful: {too_soon}. Press {enter} again only if the new year really starts now, or {esc} to go back."
        ),
        _ => format!("Press {enter} to start year {next}, or {esc} to go back."),
    };
    let text = format!(
        "Start year {next}?\n\nEvery answer carries forward as it is, with its history. Numbers, money, dates, membership and anything a year old are marked \"check this\", and a review takes you through just those and any questions still unanswered.\n\nThis year's record of who wrote the words is closed, so you can see the group taking over year by year.\n\n{ask}"
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(t.text)
            .wrap(Wrap { trim: true })
            .block(titled(app, "A new year")),
        area,
    );
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
