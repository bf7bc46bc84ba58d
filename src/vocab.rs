//! Shared vocabularies (cost categories, themes, organisation types, ...),
//! defined once in `bank/vocabularies.toml` and used by both the question
//! bank and the funder profiles, so an answer and a funder's rule always
//! name the same thing with the same id.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One choice in a vocabulary: a stable id and a plain-English label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub label: String,
}

/// Every vocabulary by name (`cost_category`, `theme`, ...).
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    lists: BTreeMap<String, Vec<Entry>>,
}

/// The vocabularies compiled into the binary.
pub const BUILTIN_VOCABULARIES: &str = include_str!("bank/vocabularies.toml");

/// The same vocabularies as JSON, made by build.rs (quicker to read).
const BUILTIN_VOCABULARIES_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/vocabularies.json"));

/// Names of the vocabularies other code relies on. Kept here so a rename in
/// the TOML is caught by a test rather than at a user's desk.
pub mod names {
    pub const ORGANISATION_TYPE: &str = "organisation_type";
    pub const COST_CATEGORY: &str = "cost_category";
    pub const THEME: &str = "theme";
    pub const BENEFICIARY_GROUP: &str = "beneficiary_group";
    pub const COUNTRY: &str = "country";
    pub const REGION: &str = "region";
    pub const VALUE: &str = "value";
    pub const POLICY: &str = "policy";
    pub const ACCOUNTS: &str = "accounts";
    pub const DOCUMENT: &str = "document";
    pub const ALL: [&str; 10] = [
        ORGANISATION_TYPE,
        COST_CATEGORY,
        THEME,
        BENEFICIARY_GROUP,
        COUNTRY,
        REGION,
        VALUE,
        POLICY,
        ACCOUNTS,
        DOCUMENT,
    ];
}

impl Vocabularies {
    pub fn parse(source: &str) -> Result<Vocabularies, toml::de::Error> {
        let lists: BTreeMap<String, Vec<Entry>> = toml::from_str(source)?;
        Ok(Vocabularies { lists })
    }

    pub fn builtin() -> &'static Vocabularies {
        static BUILTIN: std::sync::OnceLock<Vocabularies> = std::sync::OnceLock::new();
        // The built-in file is checked by a unit test on every CI run, so an
        // empty fallback is only reachable if that test was ignored.
        BUILTIN.get_or_init(|| {
            serde_json::from_str(BUILTIN_VOCABULARIES_JSON)
                .map(|lists| Vocabularies { lists })
                .unwrap_or_default()
        })
    }

    pub fn list(&self, name: &str) -> &[Entry] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn has_list(&self, name: &str) -> bool {
        self.lists.contains_key(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }

    pub fn contains(&self, list: &str, id: &str) -> bool {
        self.list(list).iter().any(|e| e.id == id)
    }

    /// The label for an id, or the id itself when it is not in the list
    /// (an old file may hold an id a newer vocabulary dropped).
    pub fn label<'a>(&'a self, list: &str, id: &'a str) -> &'a str {
        self.list(list)
            .iter()
            .find(|e| e.id == id)
            .map_or(id, |e| e.label.as_str())
    }

    /// Finds an entry from what a person typed: its id, its label (any case)
    /// or its number in the list (1-based).
    pub fn lookup(&self, list: &str, typed: &str) -> Option<&Entry> {
        let typed = typed.trim();
        let entries = self.list(list);
        if let Ok(n) = typed.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| entries.get(i));
        }
        let lower = typed.to_lowercase();
        let norm = lower.replace([' ', '-'], "_");
        entries
            .iter()
            .find(|e| e.id == norm || e.label.to_lowercase() == lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_made_at_build_time_holds_the_same_vocabularies() {
        let from_toml = Vocabularies::parse(BUILTIN_VOCABULARIES).unwrap();
        assert_eq!(
            format!("{:?}", Vocabularies::builtin()),
            format!("{from_toml:?}")
        );
    }

    #[test]
    fn builtin_vocabularies_parse_and_have_every_named_list() {
        let v = Vocabularies::parse(BUILTIN_VOCABULARIES).expect("built-in vocabularies parse");
        for name in names::ALL {
            assert!(
                !v.list(name).is_empty(),
                "vocabulary {name} is missing or empty"
            );
        }
        for name in v.names() {
            let mut ids: Vec<_> = v.list(name).iter().map(|e| e.id.as_str()).collect();
            let before = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(before, ids.len(), "duplicate id in vocabulary {name}");
        }
    }

    #[test]
    fn lookup_by_id_label_or_number() {
        let v = Vocabularies::builtin();
        assert_eq!(v.lookup("country", "england").unwrap().id, "england");
        assert_eq!(
            v.lookup("country", "Northern Ireland").unwrap().id,
            "northern_ireland"
        );
        assert_eq!(v.lookup("country", "2").unwrap().id, "scotland");
        assert!(v.lookup("country", "99").is_none());
        assert!(v.lookup("country", "atlantis").is_none());
        assert_eq!(v.label("country", "wales"), "Wales");
    }
}
