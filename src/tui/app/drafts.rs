//! A bid to one funder: its questions, the group's wording, preview, checks, export, copying an answer, and marking it as sent.

use super::*;
use crate::tui::screens::draft_preview::DraftPreview;

impl Ctx {
    /// The funder profile with this id.
    pub fn profile(&self, id: &str) -> Option<&crate::funders::Profile> {
        self.catalogue.get(id).map(|l| &l.profile)
    }

    /// Opens the bid to a funder. One whose questions are not known yet
    /// opens too: the screen says so and offers to add them.
    pub(crate) fn open_draft(&mut self, funder: String) {
        self.screen = LegacyScreen::Draft { funder, cursor: 0 };
    }

    pub(super) fn draft_key(&mut self, action: Option<Action>, funder: String, cursor: usize) {
        let count = self.profile(&funder).map_or(0, |p| p.questions.len());
        // Any other key after "mark as sent" leaves the bid unsent.
        let asked = self.sent_asked.take();
        match action {
            Some(Action::Up) => {
                self.screen = LegacyScreen::Draft {
                    funder,
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = LegacyScreen::Draft {
                    funder,
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            // Back to the funders list or the funder it was opened from.
            Some(Action::Back) => self.navigate(Handled::Pop),
            Some(Action::AddQuestions) => {
                let opened =
                    AddFunder::open_questions(self, funder.clone(), AddBack::Draft(funder));
                self.navigate(opened);
            }
            Some(_) if count == 0 => self.say(
                StatusKind::Info,
                format!(
                    "This funder's questions are not known yet: press {} to add them from its form.",
                    self.keymap.label_in(Context::DraftEmpty, Action::AddQuestions)
                ),
            ),
            Some(Action::Open) => self.open_wording(funder, cursor),
            Some(Action::Preview) | Some(Action::Problems) => {
                let problems = action == Some(Action::Problems);
                match self.draft_text(&funder, problems) {
                    Ok((title, text)) => {
                        if problems {
                            self.record_step(crate::group::Step::Checked);
                        }
                        let preview = DraftPreview::new(title, text);
                        self.navigate(Handled::Push(Box::new(preview)));
                    }
                    Err(e) => self.say(StatusKind::Error, e),
                }
            }
            Some(Action::Export) => {
                let saving = crate::tui::screens::export_where::Saving::Draft {
                    funder: funder.clone(),
                };
                let ask = crate::tui::screens::export_where::ExportWhere::open(self, saving);
                self.navigate(Handled::Push(Box::new(ask)));
            }
            Some(Action::Submit) if asked.as_deref() == Some(funder.as_str()) => {
                self.submit(&funder)
            }
            Some(Action::Submit) => {
                let name = self
                    .profile(&funder)
                    .map_or(funder.clone(), |p| crate::text::one_line(&p.name));
                self.sent_asked = Some(funder);
                self.say(
                    StatusKind::Warning,
                    format!(
                        "Mark the bid to {name} as sent today? Press {} again to record it; any other key leaves it unsent.",
                        self.keymap.label_in(Context::Draft, Action::Submit)
                    ),
                );
            }
            Some(Action::Copy) => {
                let text = self
                    .profile(&funder)
                    .and_then(|p| p.questions.get(cursor))
                    .and_then(|q| {
                        let s = self.session.as_ref()?;
                        crate::drafting::wording(&s.open.group, &funder, &q.id)
                            .map(crate::drafting::wording_text)
                    });
                match text {
                    Some(text) => self.copy_text(&text),
                    None => self.say(
                        StatusKind::Info,
                        "Nothing written for this question yet, so there is nothing to copy.",
                    ),
                }
            }
            _ => {}
        }
    }

    /// The draft as plain text (how it will read), or the checks before
    /// sending, for the preview screen.
    pub(super) fn draft_text(
        &self,
        funder: &str,
        problems: bool,
    ) -> Result<(String, String), String> {
        let profile = self
            .profile(funder)
            .ok_or("That funder's profile is no longer loaded.")?;
        let s = self.session.as_ref().ok_or("No group is open.")?;
        let today = self.today();
        if problems {
            let others = crate::drafting::funder_names(
                self.catalogue.profiles.iter().map(|l| &l.profile),
                profile,
            );
            let found = crate::drafting::check(
                &s.open.group,
                profile,
                &others,
                self.bank,
                self.vocab,
                today,
            );
            let mut text = String::new();
            for p in &found {
                let severity = if p.is_blocking() {
                    "MUST FIX"
                } else {
                    "worth a look"
                };
                text.push_str(&format!(
                    "{severity}: {}\n  {}\n  What to do: {}\n\n",
                    p.place, p.problem, p.fix
                ));
            }
            if found.is_empty() {
                text.push_str("Nothing to fix: this bid is ready to send.");
            }
            return Ok((
                format!("Before sending: {}", crate::drafting::summary(&found)),
                text,
            ));
        }
        let context = crate::drafting::DraftContext::build(
            &s.open.group,
            profile,
            self.bank,
            self.vocab,
            today,
            false,
        );
        let templates = crate::drafting::Templates::load(
            Some(&crate::drafting::user_templates(&self.data)),
            funder,
        )
        .map_err(|e| e.to_string())?;
        let bytes = crate::drafting::render(crate::drafting::Format::Text, &context, &templates)
            .map_err(|e| e.to_string())?;
        Ok((
            "The draft as it will read".to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ))
    }

    pub(super) fn open_wording(&mut self, funder: String, cursor: usize) {
        let Some(question) = self
            .profile(&funder)
            .and_then(|p| p.questions.get(cursor))
            .map(|q| q.id.clone())
        else {
            return;
        };
        let Some(s) = &self.session else { return };
        let original = s
            .open
            .group
            .wording
            .get(&funder)
            .and_then(|w| w.get(&question))
            .cloned();
        let current = original
            .as_ref()
            .map(crate::drafting::wording_text)
            .unwrap_or_default();
        self.screen = LegacyScreen::Wording(Box::new(WordingEdit {
            funder,
            cursor,
            question,
            text: text_box(&current, true),
            original,
            changed: false,
            offered_scroll: 0,
        }));
    }

    /// Puts the group's own bank answers into the box, at the cursor, for
    /// the group to rework. Only ever on request: nothing is pasted silently.
    pub(super) fn start_from_answers(&mut self) {
        let LegacyScreen::Wording(edit) = &self.screen else {
            return;
        };
        let Some(q) = self
            .profile(&edit.funder)
            .and_then(|p| p.questions.iter().find(|q| q.id == edit.question))
            .cloned()
        else {
            return;
        };
        let Some(s) = &self.session else { return };
        let offered: Vec<String> =
            crate::drafting::offered(&s.open.group, &q, self.bank, self.vocab)
                .into_iter()
                .filter_map(|o| o.answer)
                .collect();
        if offered.is_empty() {
            return self.say(
                StatusKind::Info,
                "None of the answers this question draws on are written yet.",
            );
        }
        if let LegacyScreen::Wording(edit) = &mut self.screen {
            edit.text
                .insert_str(crate::text::sanitize(&offered.join("\n\n"), true));
            edit.changed = true;
        }
        if let Some(s) = &mut self.session {
            s.last_change = Some(Instant::now());
        }
        self.say(
            StatusKind::Info,
            "Your answers are in the box to start from: now make them fit this funder's question.",
        );
    }

    /// Puts the wording being written into the group (not yet on disk).
    pub(super) fn commit_wording(&mut self) {
        let now = (self.clock)();
        let LegacyScreen::Wording(edit) = &mut self.screen else {
            return;
        };
        let Some(s) = &mut self.session else { return };
        if !edit.changed || s.open.read_only.is_some() {
            return;
        }
        let text = edit.text.lines().join("\n").trim().to_string();
        if text.is_empty() {
            return;
        }
        let for_funder = s.open.group.wording.entry(edit.funder.clone()).or_default();
        match &edit.original {
            Some(original) => {
                for_funder.insert(edit.question.clone(), original.clone());
            }
            None => {
                for_funder.remove(&edit.question);
            }
        }
        s.open
            .group
            .set_wording(&edit.funder, &edit.question, text, s.author, now);
        edit.changed = false;
    }

    pub(super) fn copy_text(&mut self, text: &str) {
        match crate::tui::clipboard::copy(text) {
            Ok(how) => self.say(StatusKind::Info, how.message()),
            Err(problem) => self.say(StatusKind::Error, problem),
        }
    }

    /// Saves the draft in every format where people keep documents, and
    /// says where.
    pub(crate) fn export_draft(&mut self, funder: &str) {
        let today = self.today();
        let Some(profile) = self.profile(funder).cloned() else {
            return;
        };
        let Some(s) = &self.session else { return };
        let folder = self.export_dir.clone();
        // Drafts hold the group's answers: the folder is private (0700),
        // like the data folder, whatever the umask.
        if let Err(e) = crate::paths::create_private_dir(&folder) {
            return self.say(
                StatusKind::Error,
                format!("Could not make the folder {}: {e}", folder.display()),
            );
        }
        let context = crate::drafting::DraftContext::build(
            &s.open.group,
            &profile,
            self.bank,
            self.vocab,
            today,
            false,
        );
        let templates = match crate::drafting::Templates::load(
            Some(&crate::drafting::user_templates(&self.data)),
            funder,
        ) {
            Ok(t) => t,
            Err(e) => return self.say(StatusKind::Error, e.to_string()),
        };
        let mut written = Vec::new();
        for format in crate::drafting::Format::ALL {
            let path = folder.join(format!(
                "{}-{}.{}",
                s.open.group.slug,
                funder,
                format.extension()
            ));
            let result = crate::drafting::render(format, &context, &templates)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::store::write_document(&path, &bytes).map_err(|e| e.to_string())
                });
            match result {
                Ok(()) => written.push(
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
                Err(e) => {
                    return self.say(
                        StatusKind::Error,
                        format!("Could not write {}: {e}", path.display()),
                    );
                }
            }
        }
        self.say(
            StatusKind::Info,
            format!("Saved in {}: {}.", folder.display(), written.join(", ")),
        );
    }

    /// Records that the bid to this funder was sent today, keeping a copy
    /// of exactly what was sent.
    pub(super) fn submit(&mut self, funder: &str) {
        let now = (self.clock)();
        let today = self.today();
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            return self.say(
                StatusKind::Warning,
                "This group is read-only; nothing can be changed here.",
            );
        }
        let author = s.author;
        let result = s
            .open
            .group
            .submit(funder, today, author, now)
            .map(|a| a.answers.len());
        match result {
            Ok(count) => {
                self.save_now();
                self.say(StatusKind::Info, format!("Marked as sent today, with a copy of the {} sent. Next year's draft will show them beside the new words.", crate::text::count(count, "answer")));
            }
            Err(e) => self.say(StatusKind::Error, e.to_string()),
        }
    }

    /// The keys on this screen.
    pub(super) fn wording_key(&mut self, action: Option<Action>, event: KeyEvent) {
        let LegacyScreen::Wording(edit) = &mut self.screen else {
            return;
        };
        match action {
            Some(Action::Back) => {
                let (funder, cursor) = (edit.funder.clone(), edit.cursor);
                self.commit_wording();
                self.save_now();
                self.screen = LegacyScreen::Draft { funder, cursor };
            }
            Some(Action::Save) => {
                self.commit_wording();
                self.save_now();
            }
            Some(Action::Undo) => {
                if edit.text.undo() {
                    edit.changed = true;
                }
            }
            Some(Action::Redo) => {
                if edit.text.redo() {
                    edit.changed = true;
                }
            }
            Some(Action::ScrollOffered) => {
                edit.offered_scroll = edit.offered_scroll.saturating_add(3)
            }
            Some(Action::StartFromAnswers) => self.start_from_answers(),
            Some(Action::Copy) => {
                let text = edit.text.lines().join("\n");
                self.copy_text(&text);
            }
            Some(Action::SwitchAuthor) => {
                if let Some(s) = &mut self.session {
                    s.author = s.author.next();
                    let who = s.author.label();
                    self.say(StatusKind::Info, format!("Now typing: {who}."));
                }
            }
            Some(_) => {}
            None => {
                let read_only = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.open.read_only.is_some());
                if read_only {
                    self.say(
                        StatusKind::Warning,
                        "This group is read-only; nothing can be changed here.",
                    );
                } else if edit.text.input(event) {
                    edit.changed = true;
                    if let Some(s) = &mut self.session {
                        s.last_change = Some(Instant::now());
                    }
                }
            }
        }
    }
}

/// Where exported drafts go: an `alongside` folder in the person's
/// Documents, or the data folder's `drafts` when there is no Documents.
pub fn export_folder(_data: &DataDir) -> std::path::PathBuf {
    crate::paths::documents_folder()
}
