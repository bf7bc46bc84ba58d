//! Who funded groups like this one nearby: the open grants data, in the
//! same tiers as `alongside nearby`, opened from the funders screen.

use super::*;

/// Funders shown in each tier on screen (the command line's `--limit`
/// gives more).
const PER_TIER: usize = 10;

impl App {
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
        self.screen = Screen::Nearby { cursor: 0 };
    }

    pub(super) fn nearby_key(&mut self, action: Option<Action>, cursor: usize) {
        let count = match self.session.as_ref().and_then(|s| s.nearby.as_ref()) {
            Some(Ok(found)) => found.funders.len(),
            _ => 0,
        };
        match action {
            Some(Action::Up) => {
                self.screen = Screen::Nearby {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.screen = Screen::Nearby {
                    cursor: (cursor + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Back) => self.screen = Screen::Funders { cursor: 0 },
            Some(Action::AddFunder) => self.profile_from_grants_data(cursor),
            _ => {}
        }
    }

    /// Starts a funder profile for the highlighted funder from the grants
    /// data, as `alongside funders new ID --from-grants-data ORG_ID` does,
    /// with an id made from its name; then works the tiers out again so it
    /// shows with its verdict.
    fn profile_from_grants_data(&mut self, cursor: usize) {
        use crate::funders::user_profiles::{self, NewFunder};
        let Some(Ok(found)) = self.session.as_ref().and_then(|s| s.nearby.as_ref()) else {
            return;
        };
        let Some(funder) = found.funders.get(cursor) else {
            return;
        };
        if let Some(id) = &funder.profile {
            let text = format!("{} already has a profile: {id}.", funder.funder_name);
            return self.say(StatusKind::Info, text);
        }
        let org_id = funder.funder_org_id.clone();
        let summary = crate::grants_data::Index::open(&self.data)
            .map_err(|e| e.to_string())
            .and_then(|index| {
                crate::grants_data::lookup(&index, &org_id).map_err(|e| e.to_string())
            });
        let summary = match summary {
            Ok(summary) => summary,
            Err(e) => return self.say(StatusKind::Error, e),
        };
        let given = NewFunder {
            id: user_profiles::free_id(&self.catalogue, &summary.name),
            ..NewFunder::default()
        };
        let made = user_profiles::from_grants_data(&given, &summary, (self.clock)().local_day());
        let profile = made.profile;
        let path = user_profiles::save_path(&self.data.funders(), &profile, None);
        if let Err(e) = user_profiles::save(&path, &profile) {
            return self.say(StatusKind::Error, e.to_string());
        }
        self.catalogue = Catalogue::load(&Sources::Standard {
            user_dir: self.data.funders(),
        });
        self.refresh_matches();
        self.open_nearby();
        self.screen = Screen::Nearby { cursor };
        let mut text = format!(
            "Started the profile {} for {}: in the grants data it {}. That is what it gave, not its rules. Add its questions with q on the funders screen.",
            profile.id, profile.name, summary.gave
        );
        for note in made.notes {
            text.push(' ');
            text.push_str(&note);
        }
        self.say(StatusKind::Info, text);
    }
}
