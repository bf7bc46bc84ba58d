//! Drawing a bid: the funder's questions with counts, the preview, and writing the group's words beside its answers.

use super::*;

pub(super) fn draw_draft(frame: &mut Frame, app: &Ctx, area: Rect, funder: &str, cursor: usize) {
    let (Some(s), Some(profile)) = (&app.session, app.profile(funder)) else {
        return;
    };
    let t = &app.theme;
    if profile.questions.is_empty() {
        return draw_no_questions(frame, app, area, &profile.name);
    }
    let group = &s.open.group;
    let written = profile
        .questions
        .iter()
        .filter(|q| crate::drafting::wording(group, funder, &q.id).is_some())
        .count();
    // The limit and the funder's tips, whole: the box grows to fit them
    // (up to half the screen).
    let about: Vec<String> = profile
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
            crate::text::wrap(&out.join(" "), area.width.saturating_sub(2) as usize)
        })
        .unwrap_or_default();
    let detail_rows = (about.len() as u16 + 2).clamp(3, area.height / 2);
    let [heading, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(detail_rows),
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
            // The whole question, wrapped: a funder's words are not cut.
            let mut lines: Vec<Line> =
                crate::text::wrap(&format!("{}. {}", i + 1, one_line(&q.prompt)), width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, t.text)))
                    .collect();
            lines.push(Line::from(Span::styled(
                format!("    {}", one_line(&count.description)),
                if count.status == crate::drafting::Status::Fine {
                    t.good
                } else {
                    t.dim
                },
            )));
            ListItem::new(Text::from(lines))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list(app, items, "The funder's questions"), body, &mut state);
    let lines: Vec<Line> = about
        .into_iter()
        .map(|l| Line::from(Span::styled(l, t.text)))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, "About this question")),
        detail,
    );
}

pub(super) fn draw_wording(
    frame: &mut Frame,
    app: &Ctx,
    area: Rect,
    edit: &crate::tui::app::WordingEdit,
) {
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
                &format!(
                    "From your answers (to start from, not to copy; {} for more)",
                    app.keymap.label_in(Context::Wording, Action::ScrollOffered)
                ),
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

/// A funder whose questions are not known: no dead end, the way on.
fn draw_no_questions(frame: &mut Frame, app: &Ctx, area: Rect, name: &str) {
    let t = &app.theme;
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(format!("A bid to {}", one_line(name)), t.title)),
            Line::from(""),
            Line::from(Span::styled(
                "Its questions are not known yet, so there is nothing to write against here.",
                t.text,
            )),
            Line::from(""),
            Line::from(Span::styled(
                format!("Press {} to add them: copy the questions from the funder's form or guidance and paste them, or type them one at a time. Word and character limits are read from the words.", app.keymap.label_in(Context::DraftEmpty, Action::AddQuestions)),
                t.text,
            )),
        ])
        .wrap(Wrap { trim: true }),
        area,
    );
}
