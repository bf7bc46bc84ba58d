//! Drawing the steps of adding a funder, or its questions, from its form.

use super::*;
use crate::tui::app::{AddFunder, AddStage, LimitKind};

pub(super) fn draw_add_funder(frame: &mut Frame, app: &Ctx, area: Rect, add: &AddFunder) {
    let t = &app.theme;
    match add.stage {
        AddStage::Details => {
            if let Some(form) = &add.details {
                let [intro, rest] =
                    Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        "Only what you type is kept. Nobody has checked yet whether it is open, so it shows as \"not known\" until someone does.",
                        t.dim,
                    ))
                    .wrap(Wrap { trim: true }),
                    intro,
                );
                draw_form(frame, app, rest, form);
            }
        }
        AddStage::Paste => {
            let [intro, boxed, error] = Layout::vertical([
                Constraint::Length(4),
                Constraint::Min(4),
                Constraint::Length(1),
            ])
            .areas(area);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        format!("The questions on {}'s form", one_line(&add.funder_name)),
                        t.title,
                    )),
                    Line::from(Span::styled(
                        "Paste them from the form or its guidance, or type them: one on each line, or numbered. A limit such as \"(max 300 words)\" is read from the words; none is guessed.",
                        t.dim,
                    )),
                ])
                .wrap(Wrap { trim: true }),
                intro,
            );
            draw_text_box(frame, app, boxed, &add.text, "The form's questions");
            draw_error(frame, app, error, add.error.as_deref());
        }
        AddStage::Review => draw_review(frame, app, area, add),
    }
}

fn draw_error(frame: &mut Frame, app: &Ctx, area: Rect, error: Option<&str>) {
    if let Some(error) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(one_line(error), app.theme.error)),
            area,
        );
    }
}

fn draw_review(frame: &mut Frame, app: &Ctx, area: Rect, add: &AddFunder) {
    let t = &app.theme;
    let bottom = if add.limit.is_some() { 4 } else { 1 };
    let [intro, body, below] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(4),
        Constraint::Length(bottom),
    ])
    .areas(area);
    let kept = add.left_out.iter().filter(|out| !**out).count();
    let skipped = match add.skipped {
        0 => String::new(),
        1 => " 1 line was not a question (a heading or introduction).".to_string(),
        n => format!(" {n} lines were not questions (headings or introductions)."),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "Understood {} for {}; {kept} to save.{skipped} Check each limit against the form before saving.",
                crate::drafting::plural(add.questions.len(), "question"),
                one_line(&add.funder_name)
            ),
            t.text,
        ))
        .wrap(Wrap { trim: true }),
        intro,
    );
    let width = body.width.saturating_sub(8) as usize;
    let items: Vec<ListItem> = add
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let out = add.left_out.get(i).copied().unwrap_or(false);
            let prompt: String = format!("{}. {}", i + 1, one_line(&q.prompt))
                .chars()
                .take(width)
                .collect();
            let said = if out {
                "left out: not saved".to_string()
            } else {
                q.understood()
            };
            let said: String = format!("    {said}").chars().take(width + 4).collect();
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(prompt, if out { t.dim } else { t.text })),
                Line::from(Span::styled(said, t.dim)),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(add.cursor));
    frame.render_stateful_widget(list(app, items, "What was understood"), body, &mut state);
    match &add.limit {
        Some((kind, typed)) => {
            let [boxed, error] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(below);
            let title = match kind {
                LimitKind::Words => {
                    "Words: the most (300), or the least and most (50-300); empty for none"
                }
                LimitKind::Characters => {
                    "Characters: the most the box takes (1500); empty for none"
                }
            };
            draw_text_box(frame, app, boxed, typed, title);
            draw_error(frame, app, error, add.error.as_deref());
        }
        None => draw_error(frame, app, below, add.error.as_deref()),
    }
}
