//! The work behind a bid's keys (the screen is `screens::bid`): the draft
//! as it will read and the checks before sending, saving it as files,
//! copying an answer, and marking it as sent.

use super::*;

impl Ctx {
    /// The funder profile with this id.
    pub fn profile(&self, id: &str) -> Option<&crate::funders::Profile> {
        self.catalogue().get(id).map(|l| &l.profile)
    }

    /// The draft as plain text (how it will read), or the checks before
    /// sending, for the preview screen: the workspace's draft and check,
    /// as `alongside draft` and `alongside check` give them.
    pub(crate) fn draft_text(
        &self,
        funder: &str,
        problems: bool,
    ) -> Result<(String, String), String> {
        let ws = &self.ws;
        let profile = &ws
            .catalogue()
            .get(funder)
            .ok_or("That funder's profile is no longer loaded.")?
            .profile;
        let group = &self.session.as_ref().ok_or("No group is open.")?.open.group;
        if problems {
            let found = ws.check(group, profile);
            // Worded by the library, as the command line words them.
            let lines = crate::drafting::report_lines(&found);
            let text = lines
                .iter()
                .skip_while(|l| l.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            return Ok((
                format!("Before sending: {}", crate::drafting::summary(&found)),
                text,
            ));
        }
        let drafted = ws
            .draft(group, profile, crate::drafting::Format::Text, false)
            .map_err(|e| e.one_line())?;
        Ok((
            "The draft as it will read".to_string(),
            String::from_utf8_lossy(&drafted.bytes).into_owned(),
        ))
    }

    pub(crate) fn copy_text(&mut self, text: &str) {
        match crate::tui::clipboard::copy(text) {
            Ok(how) => self.say(StatusKind::Info, how.message()),
            Err(problem) => self.say(StatusKind::Error, problem),
        }
    }

    /// Saves the draft in every format where people keep documents, and
    /// says where.
    pub(crate) fn export_draft(&mut self, funder: &str) {
        let folder = self.export_dir.clone();
        let ws = &self.ws;
        let Some(profile) = ws.catalogue().get(funder).map(|l| &l.profile) else {
            return;
        };
        let Some(s) = &self.session else { return };
        // Drafts hold the group's answers: the folder is private (0700),
        // like the data folder, whatever the umask.
        if let Err(e) = crate::paths::create_private_dir(&folder) {
            return self.say(
                StatusKind::Error,
                format!("Could not make the folder {}: {e}", folder.display()),
            );
        }
        let mut written = Vec::new();
        for format in crate::drafting::Format::ALL {
            let path = folder.join(format!(
                "{}-{}.{}",
                s.open.group.slug,
                funder,
                format.extension()
            ));
            let result = ws
                .draft(&s.open.group, profile, format, false)
                .map_err(|e| e.one_line())
                .and_then(|drafted| {
                    crate::store::write_document(&path, &drafted.bytes).map_err(|e| e.to_string())
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
    pub(crate) fn submit(&mut self, funder: &str) {
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
}

/// Where exported drafts go: an `alongside` folder in the person's
/// Documents, or the data folder's `drafts` when there is no Documents.
pub fn export_folder(_data: &DataDir) -> std::path::PathBuf {
    crate::paths::documents_folder()
}
