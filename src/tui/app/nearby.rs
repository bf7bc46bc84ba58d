//! Who funded groups like this one nearby: the open grants data, in the
//! same tiers as `alongside nearby`, opened from the funders screen.

use super::*;

/// Funders shown in each tier on screen (the command line's `--limit`
/// gives more).
const PER_TIER: usize = 10;

impl Ctx {
    /// Works out the funders from the grants data for the group's answers
    /// as they stand now.
    pub(super) fn open_nearby(&mut self) {
        let today = (self.clock)().local_day();
        let vocab = self.vocab;
        let profiles: Vec<&crate::funders::Profile> =
            self.catalogue.profiles.iter().map(|l| &l.profile).collect();
        let Some(s) = &mut self.session else { return };
        let found = crate::grants_data::Index::open(&self.data)
            .and_then(|index| {
                crate::grants_data::nearby(
                    &index,
                    &crate::grants_data::Query {
                        group: &s.open.group,
                        within: None,
                        limit: PER_TIER,
                        profiles: &profiles,
                        today,
                        vocab,
                    },
                )
            })
            .map_err(|e| e.to_string());
        s.nearby = Some(found);
        self.screen = LegacyScreen::Nearby { cursor: 0 };
    }

    pub(super) fn nearby_key(&mut self, action: Option<Action>, cursor: usize) {
        let count = match self.session.as_ref().and_then(|s| s.nearby.as_ref()) {
            Some(Ok(found)) => found.funders.len(),
            _ => 0,
        };
        match action {
            Some(Action::Up) => {
                self.screen = LegacyScreen::Nearby {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = LegacyScreen::Nearby {
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Back) => self.screen = LegacyScreen::Funders { cursor: 0 },
            _ => {}
        }
    }
}
