//! Matching the group against the funders (the screens that show it are
//! `screens::funders` and `screens::funder`), and recording the answers to
//! a funder's own questions.

use super::*;

impl Ctx {
    /// The funders as last matched against the group (empty with no
    /// group open).
    pub fn matches(&self) -> &[FunderMatch] {
        self.session.as_ref().map_or(&[], |s| &s.matches)
    }

    /// Records the answer to the funder's ask under the cursor, saves, and
    /// works the verdicts out again. The match list keeps its order until
    /// the person goes back, so the cursor stays on the same funder.
    pub(crate) fn answer_ask(&mut self, funder: &str, ask: Option<String>, yes: bool) {
        let Some(ask) = ask else {
            let (yes, no) = (
                self.keymap.label_in(Context::Funder, Action::AskYes),
                self.keymap.label_in(Context::Funder, Action::AskNo),
            );
            self.say(
                StatusKind::Info,
                format!("{yes} and {no} answer the funder's own questions, the rules that start \"Not answered yet\"."),
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
        let vocab = self.ws.vocab;
        let Some(s) = &mut self.session else { return };
        s.matches = matching::match_all(
            &s.open.group,
            self.ws.catalogue().profiles.iter().map(|l| &l.profile),
            today,
            vocab,
        );
    }
}
