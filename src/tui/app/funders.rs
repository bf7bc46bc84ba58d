//! Matching the group against the funders, and the screens that show it.

use super::*;

impl Ctx {
    /// Matches the group against every funder, as its answers stand now.
    pub(super) fn open_funders(&mut self) {
        self.refresh_matches();
        self.screen = LegacyScreen::Funders { cursor: 0 };
        if !self.catalogue.problems.is_empty() {
            let n = self.catalogue.problems.len();
            self.say(
                StatusKind::Warning,
                format!(
                    "{} could not be read and were left out; `alongside funders check` says why.",
                    crate::text::count(n, "funder profile")
                ),
            );
        }
    }

    pub(super) fn funders_key(&mut self, action: Option<Action>, cursor: usize) {
        let count = self.session.as_ref().map_or(0, |s| s.matches.len());
        match action {
            Some(Action::Up) => {
                self.screen = LegacyScreen::Funders {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = LegacyScreen::Funders {
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Open) if count > 0 => {
                self.screen = LegacyScreen::Funder {
                    index: cursor,
                    cursor: 0,
                }
            }
            Some(Action::Back) => self.screen = LegacyScreen::Sections,
            Some(Action::Nearby) => self.open_nearby(),
            Some(Action::AddFunder) => self.start_add_funder(AddBack::Funders(cursor)),
            Some(Action::AddQuestions) => {
                if let Some(id) = self
                    .session
                    .as_ref()
                    .and_then(|s| s.matches.get(cursor))
                    .map(|m| m.id.clone())
                {
                    self.start_add_questions(id, AddBack::Funders(cursor));
                }
            }
            Some(Action::Draft) => {
                if let Some(id) = self
                    .session
                    .as_ref()
                    .and_then(|s| s.matches.get(cursor))
                    .map(|m| m.id.clone())
                {
                    self.open_draft(id);
                }
            }
            _ => {}
        }
    }

    pub(super) fn funder_key(&mut self, action: Option<Action>, index: usize, cursor: usize) {
        let Some(m) = self.session.as_ref().and_then(|s| s.matches.get(index)) else {
            return;
        };
        // The reasons it fits follow the rules as one more row.
        let rows =
            m.criteria.len() + usize::from(m.fit.as_ref().is_some_and(|f| !f.reasons.is_empty()));
        let question = m.criteria.get(cursor).and_then(|c| c.question.clone());
        match action {
            Some(Action::Up) => {
                self.screen = LegacyScreen::Funder {
                    index,
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = LegacyScreen::Funder {
                    index,
                    cursor: (cursor + 1).min(rows.saturating_sub(1)),
                }
            }
            Some(Action::Back) => self.screen = LegacyScreen::Funders { cursor: index },
            Some(Action::AddQuestions) => {
                let id = m.id.clone();
                self.start_add_questions(id, AddBack::Funders(index));
            }
            Some(Action::Draft) => {
                let id = m.id.clone();
                self.open_draft(id);
            }
            Some(Action::Open) => match question {
                Some(id) if id.starts_with("ask.") => self.say(
                    StatusKind::Info,
                    "This is the funder's own question: press y for yes or n for no.",
                ),
                Some(id) => self.answer_question(&id),
                None => self.say(
                    StatusKind::Info,
                    "Only rules marked ? have a question to answer.",
                ),
            },
            Some(Action::AskYes) | Some(Action::AskNo) => {
                let yes = action == Some(Action::AskYes);
                let funder = m.id.clone();
                let asked = m
                    .criteria
                    .get(cursor)
                    .and_then(|c| c.key.strip_prefix("ask."))
                    .map(str::to_string);
                self.answer_ask(&funder, asked, yes);
                self.screen = LegacyScreen::Funder { index, cursor };
            }
            _ => {}
        }
    }

    /// Records the answer to the funder's ask under the cursor, saves, and
    /// works the verdicts out again. The match list keeps its order until
    /// the person goes back, so the cursor stays on the same funder.
    fn answer_ask(&mut self, funder: &str, ask: Option<String>, yes: bool) {
        let Some(ask) = ask else {
            self.say(
                StatusKind::Info,
                "y and n answer the funder's own questions, the rules that start \"Not answered yet\".",
            );
            return;
        };
        let now = (self.clock)();
        let Some(s) = &mut self.session else { return };
        if s.open.read_only.is_some() {
            self.say(
                StatusKind::Warning,
                "This group is open read-only, so the answer was not recorded.",
            );
            return;
        }
        let by = s.author;
        s.open.group.set_ask(funder, &ask, yes, by, now);
        self.save_now();
        let before: Vec<String> = self
            .session
            .as_ref()
            .map(|s| s.matches.iter().map(|m| m.id.clone()).collect())
            .unwrap_or_default();
        self.refresh_matches();
        // Keep the list in the order the person was reading it.
        if let Some(s) = &mut self.session {
            s.matches.sort_by_key(|m| {
                before
                    .iter()
                    .position(|id| *id == m.id)
                    .unwrap_or(usize::MAX)
            });
        }
        self.say(
            StatusKind::Info,
            format!("Recorded {}.", if yes { "yes" } else { "no" }),
        );
    }

    /// Works out the funders again for the group's answers as they stand.
    pub fn refresh_matches(&mut self) {
        let today = (self.clock)().local_day();
        let vocab = self.vocab;
        let Some(s) = &mut self.session else { return };
        s.matches = matching::match_all(
            &s.open.group,
            self.catalogue.profiles.iter().map(|l| &l.profile),
            today,
            vocab,
        );
    }
}
