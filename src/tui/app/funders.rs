//! Matching the group against the funders, and the screens that show it.

use super::*;

impl App {
    /// Matches the group against every funder, as its answers stand now.
    pub(super) fn open_funders(&mut self) {
        self.refresh_matches();
        self.screen = Screen::Funders { cursor: 0 };
        if !self.catalogue.problems.is_empty() {
            let n = self.catalogue.problems.len();
            self.say(StatusKind::Warning, format!("{n} funder profile(s) could not be read and were left out; `alongside funders check` says why."));
        }
    }

    pub(super) fn funders_key(&mut self, action: Option<Action>, cursor: usize) {
        let count = self.session.as_ref().map_or(0, |s| s.matches.len());
        match action {
            Some(Action::Up) => {
                self.screen = Screen::Funders {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Funders {
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Open) if count > 0 => {
                self.screen = Screen::Funder {
                    index: cursor,
                    cursor: 0,
                }
            }
            Some(Action::Back) => self.screen = Screen::Sections,
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
                self.screen = Screen::Funder {
                    index,
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Funder {
                    index,
                    cursor: (cursor + 1).min(rows.saturating_sub(1)),
                }
            }
            Some(Action::Back) => self.screen = Screen::Funders { cursor: index },
            Some(Action::AddQuestions) => {
                let id = m.id.clone();
                self.start_add_questions(id, AddBack::Funders(index));
            }
            Some(Action::Draft) => {
                let id = m.id.clone();
                self.open_draft(id);
            }
            Some(Action::Open) => match question {
                Some(id) => self.answer_question(&id),
                None => self.say(
                    StatusKind::Info,
                    "Only rules marked ? have a question to answer.",
                ),
            },
            _ => {}
        }
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
