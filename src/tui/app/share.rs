//! The ways into the support worker's screens from the list of groups
//! (still behind the legacy adapter): the caseload and a sync. The screens
//! are `screens::caseload` and `screens::sync_result`; the work is done by
//! `crate::share`.

use super::Ctx;
use crate::tui::screens::Handled;
use crate::tui::screens::caseload::Caseload;
use crate::tui::screens::sync_result::SyncResult;

impl Ctx {
    pub(super) fn open_caseload(&mut self) {
        let caseload = Caseload::open(self);
        self.navigate(Handled::Push(Box::new(caseload)));
    }

    pub(super) fn ask_sync(&mut self) {
        let asked = SyncResult::ask(self);
        self.navigate(asked);
    }
}
