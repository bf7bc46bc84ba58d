//! One grant: its returns, promises, attendance session by session and
//! spend against each budget line, with the keys that log evidence for it
//! (`log_form`) and open its promises, its log and its return.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::evidence::Evidence;
use super::grant_form;
use super::grant_return::GrantReturn;
use super::log_form::LogForm;
use super::promises::Promises;
use super::return_details::ReturnDetails;
use super::{Handled, Input, Screen};
use crate::text::one_line;
use crate::tui::app::Ctx;
use crate::tui::form::FormKind;
use crate::tui::keymap::{Action, Context};
use crate::tui::view::{funder_name, titled};

#[derive(Debug)]
pub struct GrantScreen {
    /// The grant's id.
    pub grant: String,
}

impl GrantScreen {
    pub fn open(_ctx: &Ctx, grant: &str) -> GrantScreen {
        GrantScreen {
            grant: grant.to_string(),
        }
    }
}

impl Screen for GrantScreen {
    fn name(&self) -> &'static str {
        "grant"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        Context::Grant
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        vec![
            Action::Back,
            Action::LogSession,
            Action::LogCount,
            Action::LogStory,
            Action::LogSpend,
            Action::LogNote,
            Action::Promises,
            Action::Evidence,
            Action::WriteReturn,
            Action::ReturnDetails,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let kind = match input.action {
            Some(Action::Back) => return Handled::Pop,
            Some(Action::LogSession) => FormKind::Session,
            Some(Action::LogCount) => FormKind::Count,
            Some(Action::LogStory) => FormKind::Story,
            Some(Action::LogSpend) => FormKind::Spend,
            Some(Action::LogNote) => FormKind::Note,
            Some(Action::Promises) => {
                return Handled::Push(Box::new(Promises::open(ctx, &self.grant)));
            }
            Some(Action::Evidence) => {
                return Handled::Push(Box::new(Evidence::open(ctx, &self.grant)));
            }
            Some(Action::WriteReturn) => {
                return Handled::Push(Box::new(GrantReturn::open(ctx, &self.grant)));
            }
            Some(Action::ReturnDetails) => {
                return match ReturnDetails::open(ctx, &self.grant) {
                    Some(form) => Handled::Push(Box::new(form)),
                    None => Handled::Done,
                };
            }
            _ => return Handled::NotMine,
        };
        match LogForm::open(ctx, &self.grant, kind) {
            Some(form) => Handled::Push(Box::new(form)),
            // The status line says why (read-only, nothing to count).
            None => Handled::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &ctx.session else { return };
        let Some(grant) = grant_form::grant(ctx, &self.grant) else {
            return;
        };
        let t = &ctx.theme;
        let today = ctx.today();
        let data = crate::monitoring::summary::build(
            &s.open.group.name,
            grant,
            &funder_name(ctx, &grant.funder),
            crate::group::ReportKind::Interim,
            today,
            ctx.ws.vocab,
        );
        let mut lines = vec![Line::from(vec![
            Span::styled(funder_name(ctx, &grant.funder), t.title),
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
            .block(titled(ctx, "Attendance, session by session"))
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
            Paragraph::new(spend_lines).block(titled(ctx, &title)),
            money,
        );
    }
}

/// A bar of `width` cells filled in proportion, readable without colour.
fn fill_bar(part: i64, whole: i64, width: usize) -> String {
    let filled = if whole <= 0 {
        0
    } else {
        ((part.max(0) as i128 * width as i128 + whole as i128 / 2) / whole as i128)
            .min(width as i128) as usize
    };
    format!("{}{}", "#".repeat(filled), ".".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::fill_bar;

    #[test]
    fn a_bar_fills_in_proportion_and_never_overflows() {
        assert_eq!(fill_bar(0, 100, 4), "....");
        assert_eq!(fill_bar(50, 100, 4), "##..");
        assert_eq!(fill_bar(250, 100, 4), "####");
        assert_eq!(fill_bar(-5, 100, 4), "....");
        assert_eq!(fill_bar(5, 0, 4), "....");
    }
}
