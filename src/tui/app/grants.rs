//! The way into a group's grants from the screens still behind the legacy
//! adapter (the sections and a section's questions). The grant screens
//! themselves are in `screens/` (`grants`, `grant`, `log_form`, ...).

use super::*;
use crate::tui::screens::grants::Grants;

impl Ctx {
    pub(super) fn open_grants(&mut self) {
        let opened = Grants::open_or_award(self);
        self.navigate(opened);
    }
}
