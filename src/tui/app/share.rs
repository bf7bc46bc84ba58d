//! The support worker's screens: the caseload (every group with what needs
//! attention) and syncing the shared data folder, with what happened shown
//! in full. The work is done by `crate::share`; this file only moves
//! between screens.

use super::{Ctx, LegacyScreen, StatusKind};
use crate::tui::keymap::Context;

/// Where an asked-for sync is: the event loop ticks once straight after a
/// key and again after drawing, so the second tick is the first moment
/// "Syncing..." is on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Asked,
    Shown,
}
use crate::share;
use crate::tui::keymap::Action;

impl Ctx {
    pub(super) fn open_caseload(&mut self) {
        let list = share::caseload::caseload(&self.data, self.bank, self.catalogue(), self.today());
        self.screen = LegacyScreen::Caseload {
            list: Box::new(list),
            cursor: 0,
        };
    }

    pub(super) fn caseload_key(&mut self, action: Option<Action>) {
        let LegacyScreen::Caseload { list, cursor } = &mut self.screen else {
            return;
        };
        match action {
            Some(Action::Up) => *cursor = cursor.saturating_sub(1),
            Some(Action::Down) => *cursor = (*cursor + 1).min(list.groups.len().saturating_sub(1)),
            Some(Action::Open) => {
                if let Some(g) = list.groups.get(*cursor) {
                    let slug = g.slug.clone();
                    self.open_group(&slug);
                }
            }
            Some(Action::Sync) => self.ask_sync(),
            Some(Action::Back) => self.screen = LegacyScreen::Home,
            _ => {}
        }
    }

    /// Asks for a sync: the screen says "Syncing..." at once, and the
    /// sync itself (which may wait on the network) runs once that has been
    /// drawn. Only from screens where no group is open, so this program
    /// holds no lock itself.
    pub(super) fn ask_sync(&mut self) {
        if self.session.is_some() {
            return self.say(
                StatusKind::Warning,
                format!(
                    "Close the group first ({}), then sync from the list of groups.",
                    self.keymap.label_in(Context::Sections, Action::Back)
                ),
            );
        }
        self.screen = LegacyScreen::SyncResult {
            failed: false,
            lines: vec![
                "Syncing with the shared copy... (this can take a moment on a slow network)"
                    .to_string(),
            ],
            scroll: 0,
        };
        self.sync_pending = Some(Pending::Asked);
    }

    /// Runs an asked-for sync on the tick after the one that follows the
    /// key (the event loop draws between them). Returns whether it did
    /// anything.
    pub(super) fn sync_tick(&mut self) -> bool {
        match self.sync_pending {
            None => false,
            Some(Pending::Asked) => {
                self.sync_pending = Some(Pending::Shown);
                true
            }
            Some(Pending::Shown) => {
                self.sync_pending = None;
                self.sync_now();
                true
            }
        }
    }

    /// Syncs the data folder with the shared copy and shows every line of
    /// what happened.
    fn sync_now(&mut self) {
        let (failed, lines) = match share::sync(&self.data, &self.program) {
            Ok(report) => (false, report.lines()),
            Err(e) => (true, e.to_string().lines().map(str::to_string).collect()),
        };
        // Groups, funder profiles and templates may have come in.
        self.refresh_home();
        self.reload_funders();
        self.say(
            if failed {
                StatusKind::Warning
            } else {
                StatusKind::Info
            },
            if failed {
                "The sync stopped. Nothing was lost; the reason is above."
            } else {
                "Synced."
            },
        );
        self.screen = LegacyScreen::SyncResult {
            failed,
            lines,
            scroll: 0,
        };
    }

    pub(super) fn sync_result_key(&mut self, action: Option<Action>) {
        let LegacyScreen::SyncResult { scroll, .. } = &mut self.screen else {
            return;
        };
        match action {
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::Down) => *scroll = scroll.saturating_add(1),
            Some(Action::Back) => self.screen = LegacyScreen::Home,
            _ => {}
        }
    }
}
