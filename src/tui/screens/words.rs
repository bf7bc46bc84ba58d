//! Who wrote the words, section by section and year by year (`w` on the
//! sections).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Handled, Input, Screen};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug, Default)]
pub struct Words;

impl Screen for Words {
    fn name(&self) -> &'static str {
        "words"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Words
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![Action::Back]
    }

    fn handle(&mut self, input: &Input, _ctx: &mut Ctx) -> Handled {
        match input.action {
            Some(Action::Back) => Handled::Pop,
            Some(_) => Handled::NotMine,
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_words(frame, ctx, area);
    }
}

fn draw_words(frame: &mut Frame, app: &Ctx, area: Rect) {
    let Some(s) = &app.session else { return };
    let t = &app.theme;
    let group = &s.open.group;
    // Columns with headings: the section (its whole title), the bar, then
    // each author's share and the number of words.
    const TITLE: usize = 32;
    let mut lines = vec![
        Line::from(Span::styled("Who wrote the words of the answers", t.title)),
        Line::from(Span::styled(crate::group::SHARE_BAR_KEY, t.dim)),
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
    for sec in &app.ws.bank.sections {
        row(
            &sec.title,
            group.word_share(app.ws.bank.in_section(&sec.id)),
        );
    }
    row("All answers", group.word_share(&app.ws.bank.questions));
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
    for record in group.round_history(app.ws.bank) {
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
