//! Writing a grant's return: the interim return or the final report, what
//! a grants officer would find missing (`summary::what_is_missing`), a
//! preview of the return as plain text, saving it in every format (each
//! file's whole path shown), and marking it as sent, which asks first.
//! The return is `Workspace::write_return`, the same call as `alongside
//! report`.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::export_where::{ExportWhere, Saving};
use super::grant_form::{self, FormKey, KeptForm};
use super::promises::Promises;
use super::return_details::{self, ReturnDetails};
use super::{Handled, Input, SESSION_COMMANDS, Screen};
use crate::drafting::Format;
use crate::group::{Grant, ReportKind, Step};
use crate::monitoring::summary;
use crate::text::one_line;
use crate::tui::app::{Ctx, StatusKind};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::{Action, Context};
use crate::tui::view::titled;

#[derive(Debug)]
pub struct GrantReturn {
    pub grant: String,
    pub kind: ReportKind,
    /// How far the preview is scrolled.
    pub scroll: u16,
    /// "Mark as sent" pressed: waiting for yes.
    pub asking_sent: bool,
    /// The files saved by the last export, whole paths.
    pub written: Vec<PathBuf>,
    /// Why a final report comes before the grant ends, in the group's
    /// words (printed in the report).
    pub early: Option<String>,
    /// The box the reason is being typed in.
    pub reason: Option<KeptForm>,
}

/// The name the reason's box is kept under in `unfinished/`.
pub const FORM: &str = "early-reason";

/// The word for a return kind in file names.
fn kind_id(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Interim => "interim",
        ReportKind::Final => "final",
    }
}

impl GrantReturn {
    /// Opens on the next return still to send (the interim one when none
    /// is recorded).
    pub fn open(ctx: &Ctx, grant: &str) -> GrantReturn {
        let kind = grant_form::grant(ctx, grant).map_or(ReportKind::Interim, summary::next_kind);
        GrantReturn {
            grant: grant.to_string(),
            kind,
            scroll: 0,
            asking_sent: false,
            written: Vec::new(),
            early: None,
            reason: None,
        }
    }

    /// Whether this is a final report before the grant ends.
    fn early_final(&self, ctx: &Ctx) -> bool {
        self.kind == ReportKind::Final
            && grant_form::grant(ctx, &self.grant)
                .is_some_and(|g| summary::final_too_early(g, ctx.today()).is_some())
    }

    fn ask_reason(&mut self, ctx: &mut Ctx) {
        let form = Form::new(
            FormKind::Grant,
            "Why the final report comes before the grant ends",
            vec![Field::words_with(
                "In your words, for the funder",
                true,
                self.early.as_deref().unwrap_or(""),
            )],
        );
        let mut kept = KeptForm::new(form, FORM, self.grant.clone());
        kept.restore(ctx);
        self.reason = Some(kept);
    }

    fn reason_key(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        let Some(kept) = &mut self.reason else {
            return Handled::Done;
        };
        match kept.key(input) {
            FormKey::Typed => {}
            FormKey::Leave => {
                kept.leave(ctx);
                self.reason = None;
            }
            FormKey::Save => {
                let why = kept.form.value(0).trim().to_string();
                if why.is_empty() {
                    return kept.refuse("Say why in a few words: the funder will want to know.");
                }
                kept.finished(ctx);
                self.early = Some(why);
                self.reason = None;
                self.written.clear();
                ctx.say(
                    StatusKind::Info,
                    "The reason goes into the final report: see how it will read.",
                );
            }
        }
        Handled::Done
    }

    fn funder_name(ctx: &Ctx, grant: &Grant) -> String {
        ctx.catalogue()
            .get(&grant.funder)
            .map_or(grant.funder.clone(), |l| l.profile.name.clone())
    }

    /// The return in one format, or why it cannot be written (a final
    /// report before the grant ends with no reason, a broken template).
    fn render(&self, ctx: &Ctx, format: Format) -> Result<Vec<u8>, String> {
        let s = ctx.session.as_ref().ok_or("No group is open.")?;
        let grant =
            grant_form::grant(ctx, &self.grant).ok_or("The grant is not there any more.")?;
        if self.early.is_none() && self.early_final(ctx) {
            // The library's refusal names the command line's flags; here
            // the same choice is two keys.
            return Err(format!(
                "Not yet: the grant runs until {}, so the final report is not due yet. Press {} for the interim return, or {} to say why the funder wants the final report now.",
                grant.end.for_people(),
                ctx.keymap
                    .label_in(Context::GrantReturn, Action::SwitchKind),
                ctx.keymap
                    .label_in(Context::GrantReturn, Action::EarlyReason)
            ));
        }
        // The same return as `alongside report` writes (the early final
        // without a reason is refused above, in this screen's keys).
        ctx.ws
            .write_return(
                &s.open.group,
                Some(&self.grant),
                Some(self.kind),
                format,
                self.early.as_deref(),
            )
            .map(|written| written.bytes)
            .map_err(|e| e.one_line())
    }

    /// Asks which folder to save the return in (the same question as a
    /// draft's), once it can be written at all: a final report that needs
    /// a reason says so first.
    fn ask_where(&mut self, ctx: &mut Ctx) -> Handled {
        if let Err(e) = self.render(ctx, Format::Text) {
            ctx.say(StatusKind::Error, e);
            return Handled::Done;
        }
        let saving = Saving::Return {
            label: self.kind.label(),
        };
        Handled::Push(Box::new(ExportWhere::open(ctx, saving)))
    }

    /// Saves the return in every format in the export folder.
    fn export(&mut self, ctx: &mut Ctx) {
        let Some(s) = &ctx.session else { return };
        let folder = ctx.export_dir.clone();
        let stem = format!(
            "{}-{}-{}",
            s.open.group.slug,
            self.grant,
            kind_id(self.kind)
        );
        // A return holds members' stories: the folder is private, like
        // the data folder.
        if let Err(e) = crate::paths::create_private_dir(&folder) {
            return ctx.say(
                StatusKind::Error,
                format!("Could not make the folder {}: {e}", folder.display()),
            );
        }
        let mut written = Vec::new();
        for format in Format::ALL {
            let path = folder.join(format!("{stem}.{}", format.extension()));
            let result = self.render(ctx, format).and_then(|bytes| {
                crate::store::write_document(&path, &bytes)
                    .map_err(|e| format!("Could not write {}: {e}", path.display()))
            });
            match result {
                Ok(()) => written.push(path),
                Err(e) => return ctx.say(StatusKind::Error, e),
            }
        }
        self.written = written;
        if let Some(s) = &mut ctx.session {
            let by = s.author;
            s.open.group.record_step(Step::WroteReturn, by);
        }
        grant_form::save_and_say(
            ctx,
            StatusKind::Info,
            format!(
                "Saved the {} in {}: the files are listed above.",
                self.kind.label(),
                crate::text::count(Format::ALL.len(), "format")
            ),
        );
    }

    /// "Mark as sent": asks first, naming the return and its due date.
    fn ask_sent(&mut self, ctx: &mut Ctx) {
        let Some(grant) = grant_form::grant(ctx, &self.grant) else {
            return;
        };
        match crate::monitoring::waiting(grant, self.kind) {
            Some(_) => self.asking_sent = true,
            None => ctx.say(
                StatusKind::Info,
                format!(
                    "No {} is waiting to be sent for this grant.",
                    self.kind.label()
                ),
            ),
        }
    }

    fn mark_sent(&mut self, ctx: &mut Ctx) {
        if let Some(why) = grant_form::read_only(ctx) {
            return ctx.say(StatusKind::Warning, why);
        }
        let Some(index) = grant_form::grant_index(ctx, &self.grant) else {
            return;
        };
        let today = ctx.today();
        let Some(s) = &mut ctx.session else { return };
        match crate::monitoring::mark_sent(&mut s.open.group.grants[index], self.kind, today) {
            Ok(sent) => grant_form::save_and_say(
                ctx,
                StatusKind::Info,
                format!(
                    "Marked the {} due {} as sent on {}.",
                    sent.kind.label(),
                    sent.due.for_people(),
                    sent.sent.for_people()
                ),
            ),
            Err(e) => ctx.say(StatusKind::Error, e.to_string()),
        }
    }
}

/// How far one key scrolls: a line, or ten for PgUp and PgDn.
fn step(input: &Input) -> u16 {
    use ratatui::crossterm::event::KeyCode;
    match input.key.code {
        KeyCode::PageUp | KeyCode::PageDown => 10,
        _ => 1,
    }
}

impl Screen for GrantReturn {
    fn name(&self) -> &'static str {
        "grant-return"
    }

    fn context(&self, _ctx: &Ctx) -> Context {
        if self.reason.is_some() {
            return grant_form::CONTEXT;
        }
        if self.asking_sent {
            Context::Confirm
        } else {
            Context::GrantReturn
        }
    }

    fn commands(&self, _ctx: &Ctx) -> Vec<Action> {
        if self.reason.is_some() {
            return grant_form::FORM_COMMANDS.to_vec();
        }
        if self.asking_sent {
            return vec![Action::Confirm, Action::Back];
        }
        vec![
            Action::Up,
            Action::Down,
            Action::SwitchKind,
            Action::EarlyReason,
            Action::Export,
            Action::Submit,
            Action::ReturnDetails,
            Action::Promises,
            Action::Back,
        ]
    }

    fn handle(&mut self, input: &Input, ctx: &mut Ctx) -> Handled {
        if self.reason.is_some() {
            if let Some(action) = input.action
                && SESSION_COMMANDS.contains(&action)
            {
                return Handled::NotMine;
            }
            return self.reason_key(input, ctx);
        }
        if self.asking_sent {
            self.asking_sent = false;
            if input.action == Some(Action::Confirm) {
                self.mark_sent(ctx);
            } else {
                ctx.say(StatusKind::Info, "Not marked as sent.");
            }
            return Handled::Done;
        }
        match input.action {
            Some(Action::Back) => return Handled::Pop,
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(step(input)),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(step(input)),
            Some(Action::SwitchKind) => {
                self.kind = match self.kind {
                    ReportKind::Interim => ReportKind::Final,
                    ReportKind::Final => ReportKind::Interim,
                };
                self.scroll = 0;
                self.written.clear();
            }
            Some(Action::EarlyReason) if self.early_final(ctx) => self.ask_reason(ctx),
            Some(Action::EarlyReason) => ctx.say(
                StatusKind::Info,
                "Only a final report written before the grant ends needs a reason.",
            ),
            Some(Action::Export) => return self.ask_where(ctx),
            Some(Action::Submit) => self.ask_sent(ctx),
            Some(Action::ReturnDetails) => {
                return match ReturnDetails::open(ctx, &self.grant) {
                    Some(form) => Handled::Push(Box::new(form)),
                    None => Handled::Done,
                };
            }
            Some(Action::Promises) => {
                return Handled::Push(Box::new(Promises::open(ctx, &self.grant)));
            }
            _ => return Handled::NotMine,
        }
        Handled::Done
    }

    fn resume(&mut self, ctx: &mut Ctx) {
        // Back from the export-where screen with a folder chosen.
        if std::mem::take(&mut ctx.folder_chosen) {
            self.export(ctx);
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        if let Some(kept) = &mut self.reason {
            kept.form.paste(text);
        }
    }

    fn flush(&mut self, ctx: &mut Ctx) -> Result<(), String> {
        match &self.reason {
            Some(kept) => kept.keep(ctx),
            None => Ok(()),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if let Some(kept) = &self.reason {
            return grant_form::draw(
                frame,
                area,
                ctx,
                &kept.form,
                "The funder will want to know why the final report comes before the grant ends (such as: the group is closing, or the funder asked for it now). It is printed in the report.",
            );
        }
        let t = &ctx.theme;
        let (Some(s), Some(grant)) = (&ctx.session, grant_form::grant(ctx, &self.grant)) else {
            return;
        };
        let today = ctx.today();
        let width = area.width.saturating_sub(2) as usize;
        let due = match grant
            .reports
            .iter()
            .find(|r| r.kind == self.kind && r.sent.is_none())
        {
            Some(r) => format!("due {}", r.due.for_people()),
            None => match grant.reports.iter().find(|r| r.kind == self.kind) {
                Some(r) => format!("sent {}", r.sent.map_or(String::new(), |d| d.for_people())),
                None => "no date recorded".to_string(),
            },
        };
        let heading = format!(
            "The {} to {} ({due}); {} switches to the {}.",
            self.kind.label(),
            one_line(&Self::funder_name(ctx, grant)),
            ctx.keymap
                .label_in(Context::GrantReturn, Action::SwitchKind),
            match self.kind {
                ReportKind::Interim => ReportKind::Final.label(),
                ReportKind::Final => ReportKind::Interim.label(),
            }
        );
        let heading = crate::text::wrap(&heading, area.width as usize);
        let missing = summary::what_is_missing(
            &s.open.group.name,
            grant,
            &Self::funder_name(ctx, grant),
            self.kind,
            today,
        );
        let mut missing_lines: Vec<Line> = Vec::new();
        for m in &missing {
            let said = return_details::missing_line(m, ctx);
            for (i, l) in crate::text::wrap(&one_line(&said), width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let mark = if i == 0 { "- " } else { "  " };
                missing_lines.push(Line::from(Span::styled(format!("{mark}{l}"), t.text)));
            }
        }
        if missing_lines.is_empty() {
            missing_lines.push(Line::from(Span::styled(
                "Nothing that alongside can check is missing.",
                t.good,
            )));
        }
        // What was saved: each file's whole path on a line when it fits,
        // else the folder (its whole path) and then the file names.
        let inner = area.width.saturating_sub(2) as usize;
        let saved_lines: Vec<Line> = if self.written.is_empty() {
            Vec::new()
        } else if self
            .written
            .iter()
            .all(|p| p.display().to_string().chars().count() <= inner)
        {
            self.written
                .iter()
                .map(|p| Line::from(Span::styled(p.display().to_string(), t.text)))
                .collect()
        } else {
            let folder = self
                .written
                .first()
                .and_then(|p| p.parent())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let names: Vec<String> = self
                .written
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            let mut lines: Vec<Line> =
                crate::text::wrap(&format!("In {folder}{}", std::path::MAIN_SEPARATOR), inner)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, t.text)))
                    .collect();
            for l in crate::text::wrap(&names.join("  "), inner) {
                lines.push(Line::from(Span::styled(l, t.text)));
            }
            lines
        };
        let saved_rows = if saved_lines.is_empty() {
            0
        } else {
            saved_lines.len() as u16 + 2
        };
        let ask_rows = if self.asking_sent { 2 } else { 0 };
        let [top, body, saved, ask] = Layout::vertical([
            Constraint::Length(heading.len() as u16),
            Constraint::Min(3),
            Constraint::Length(saved_rows),
            Constraint::Length(ask_rows),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(
                heading
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, t.title)))
                    .collect::<Vec<_>>(),
            ),
            top,
        );
        // One page that scrolls: what is missing first, then the return as
        // it will read, so all of both can be read in a small window.
        let mut lines = vec![Line::from(Span::styled(
            format!("Missing or to explain ({})", missing.len()),
            t.title,
        ))];
        lines.extend(missing_lines);
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("How it will read", t.title)));
        match self.render(ctx, Format::Text) {
            Ok(bytes) => {
                let text = crate::text::sanitize(&String::from_utf8_lossy(&bytes), true);
                for l in text.lines() {
                    lines.push(Line::from(Span::styled(l.to_string(), t.text)));
                }
            }
            Err(e) => {
                for l in crate::text::wrap(&one_line(&e), width) {
                    lines.push(Line::from(Span::styled(l, t.warning)));
                }
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(titled(
                    ctx,
                    &format!(
                        "The {} ({} reads on, {} back)",
                        self.kind.label(),
                        ctx.keymap.label_in(Context::GrantReturn, Action::Down),
                        ctx.keymap.label_in(Context::GrantReturn, Action::Up)
                    ),
                )),
            body,
        );
        if !saved_lines.is_empty() {
            frame.render_widget(
                Paragraph::new(saved_lines).block(titled(ctx, "Saved")),
                saved,
            );
        }
        if self.asking_sent {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "Mark the {} as sent today, {}? {} records it; {} leaves it unsent.",
                        self.kind.label(),
                        today.for_people(),
                        ctx.keymap.label_in(Context::Confirm, Action::Confirm),
                        ctx.keymap.label_in(Context::Confirm, Action::Back)
                    ),
                    t.warning,
                ))
                .wrap(Wrap { trim: true }),
                ask,
            );
        }
    }
}
