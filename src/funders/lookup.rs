//! Looking a funder up by the id someone typed, and the one message for
//! an id that is not known: the nearest funders by id and name, and where
//! to see them all. Every front end and command says it the same way.

use super::{Catalogue, LoadedProfile};
use crate::ids::FunderId;

/// How many near funders a miss names: two is enough to choose from and
/// still reads as one sentence.
const NEAR: usize = 2;

/// A funder id that is not in the profiles loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "there is no funder `{}`.{} Run `alongside funders` to see them all, with their ids",
    crate::text::one_line(id),
    suggestion(near)
)]
pub struct NoSuchFunder {
    /// What was typed.
    pub id: FunderId,
    /// The nearest funders there are, nearest first, each with its name
    /// when known (never the id that was typed, in any case).
    pub near: Vec<(FunderId, Option<String>)>,
}

fn suggestion(near: &[(FunderId, Option<String>)]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let named: Vec<String> = near
        .iter()
        .map(|(id, name)| match name {
            Some(name) => format!("`{id}` ({})", crate::text::one_line(name)),
            None => format!("`{id}`"),
        })
        .collect();
    format!(" Did you mean {}?", named.join(" or "))
}

impl NoSuchFunder {
    /// The miss for `id`, naming the nearest of `known` (ids, each with
    /// its funder's name when there is one).
    pub fn new<'a>(
        id: &str,
        known: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> NoSuchFunder {
        let known: Vec<(&str, Option<&str>)> = known.into_iter().collect();
        let near = crate::text::closest(id, known.iter().map(|(k, _)| *k))
            .into_iter()
            .take(NEAR)
            .map(|near| {
                let name = known.iter().find(|(k, _)| *k == near).and_then(|(_, n)| *n);
                (FunderId::from(near), name.map(str::to_string))
            })
            .collect();
        NoSuchFunder {
            id: FunderId::from(id),
            near,
        }
    }
}

impl Catalogue {
    /// A profile by its id as a person may type it (in any case, with
    /// spaces for hyphens), or what to say when there is none.
    pub fn find(&self, id: &str) -> Result<&LoadedProfile, NoSuchFunder> {
        let typed = id.trim().to_lowercase().replace(' ', "-");
        self.get(id).or_else(|| self.get(&typed)).ok_or_else(|| {
            NoSuchFunder::new(
                id,
                self.profiles
                    .iter()
                    .map(|l| (l.profile.id.as_str(), Some(l.profile.name.as_str()))),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_is_named_by_id_and_name() {
        let e = NoSuchFunder::new(
            "tudor-trst",
            [
                ("tudor-trust", Some("The Tudor Trust")),
                ("lloyds-bank", None),
            ],
        );
        assert_eq!(
            e.to_string(),
            "there is no funder `tudor-trst`. Did you mean `tudor-trust` (The Tudor Trust)? \
             Run `alongside funders` to see them all, with their ids"
        );
    }

    #[test]
    fn at_most_two_are_named_nearest_first() {
        let e = NoSuchFunder::new(
            "awards-for-all",
            [
                ("awards-for-all-wales", None),
                ("awards-for-all-england", None),
                ("awards-for-all-scotland", None),
            ],
        );
        assert_eq!(e.near.len(), 2, "{e}");
        assert!(e.to_string().contains("` or `"), "{e}");
    }

    #[test]
    fn the_typed_id_is_never_suggested_back() {
        // A funder listed under the same id elsewhere (an earlier year's
        // application) must not come back as "did you mean" itself, nor
        // the same id in other capitals.
        for typed in ["tudor-trust", "TUDOR-TRUST"] {
            let e = NoSuchFunder::new(typed, [("tudor-trust", Some("The Tudor Trust"))]);
            assert!(e.near.is_empty(), "{e}");
            assert!(!e.to_string().contains("Did you mean"), "{e}");
        }
    }

    #[test]
    fn nothing_close_gives_no_suggestion() {
        let e = NoSuchFunder::new("zzz", [("tudor-trust", None)]);
        assert!(e.near.is_empty());
    }

    #[test]
    fn control_characters_typed_are_not_printed() {
        let e = NoSuchFunder::new("a\u{1b}[2Jb", []);
        assert!(!e.to_string().contains('\u{1b}'), "{e:?}");
    }
}
