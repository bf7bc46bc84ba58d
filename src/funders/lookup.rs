//! Looking a funder up by the id someone typed, with "did you mean" when
//! there is no such funder: one wording for every front end and command.

use super::{Catalogue, LoadedProfile};
use crate::ids::FunderId;

/// A funder id that is not in the profiles loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no funder `{id}`.{} Run `alongside funders` to see them all", suggestion(.near.as_ref()))]
pub struct NoSuchFunder {
    /// What was typed.
    pub id: FunderId,
    /// The nearest id there is, if one is close (never the typed id).
    pub near: Option<FunderId>,
}

fn suggestion(near: Option<&FunderId>) -> String {
    near.map_or(String::new(), |n| format!(" Did you mean `{n}`?"))
}

impl NoSuchFunder {
    /// The miss for `id`, with the nearest of `known`.
    pub fn new<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> NoSuchFunder {
        NoSuchFunder {
            id: FunderId::from(id),
            near: crate::text::did_you_mean(id, known).map(FunderId::from),
        }
    }
}

impl Catalogue {
    /// The profile with this id, or what to say when there is none.
    pub fn find(&self, id: &str) -> Result<&LoadedProfile, NoSuchFunder> {
        self.get(id).ok_or_else(|| {
            NoSuchFunder::new(id, self.profiles.iter().map(|l| l.profile.id.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_is_suggested() {
        let e = NoSuchFunder::new("tudor-trst", ["tudor-trust", "lloyds-bank"]);
        assert_eq!(
            e.to_string(),
            "there is no funder `tudor-trst`. Did you mean `tudor-trust`? Run `alongside funders` to see them all"
        );
    }

    #[test]
    fn the_typed_id_is_never_suggested_back() {
        // A funder listed under the same id elsewhere (an earlier year's
        // application) must not come back as "did you mean" itself.
        let e = NoSuchFunder::new("tudor-trust", ["tudor-trust"]);
        assert_eq!(e.near, None);
        assert!(!e.to_string().contains("Did you mean"), "{e}");
    }

    #[test]
    fn nothing_close_gives_no_suggestion() {
        let e = NoSuchFunder::new("zzz", ["tudor-trust"]);
        assert_eq!(e.near, None);
    }
}
