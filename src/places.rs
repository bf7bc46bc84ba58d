//! UK council areas, compiled in from `src/bank/local_authorities.toml`
//! (from the Office for National Statistics' lists, cited there), so that
//! "Southampton City Council" and "Southampton" are the same place, a
//! district is known to be inside its county, and a name nobody recognises
//! gets the closest real ones instead of a hard "no".

use std::sync::OnceLock;

use serde::Deserialize;

const BUILTIN: &str = include_str!("bank/local_authorities.toml");

/// One council area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// The name as people say it: "Southampton", "Bristol".
    pub name: String,
    /// A country id from the `country` vocabulary.
    pub country: String,
    /// `london_borough`, `metropolitan_district`, `unitary`, `county` or
    /// `district`.
    pub kind: String,
    /// For a district in a two-tier area, its county.
    pub county: Option<String>,
    key: String,
}

#[derive(Deserialize)]
struct File {
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    as_of: toml::value::Datetime,
    list: Vec<List>,
}

#[derive(Deserialize)]
struct List {
    country: String,
    kind: String,
    #[serde(default)]
    county: Option<String>,
    names: Vec<String>,
}

/// Every UK council area in the compiled-in list.
pub fn all() -> &'static [Authority] {
    static ALL: OnceLock<Vec<Authority>> = OnceLock::new();
    ALL.get_or_init(|| {
        // The file is checked by a unit test on every build, so an empty
        // list is only reachable if that test was skipped.
        let Ok(file) = toml::from_str::<File>(BUILTIN) else {
            return Vec::new();
        };
        file.list
            .into_iter()
            .flat_map(|l| {
                let (country, kind, county) = (l.country, l.kind, l.county);
                l.names.into_iter().map(move |name| Authority {
                    key: key(&name),
                    name,
                    country: country.clone(),
                    kind: kind.clone(),
                    county: county.clone(),
                })
            })
            .collect()
    })
}

/// The part of a council's name that matters: lower case, "&" as "and",
/// punctuation as spaces, and words such as "City", "Council", "Borough",
/// "of" left out ("Southampton City Council" is "southampton").
pub fn key(name: &str) -> String {
    const NOISE: [&str; 11] = [
        "city",
        "council",
        "borough",
        "district",
        "county",
        "metropolitan",
        "royal",
        "of",
        "the",
        "unitary",
        "authority",
    ];
    let lower = name.to_lowercase().replace('&', " and ");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOISE.contains(w))
        .collect();
    if words.is_empty() {
        // "City of London" without its noise is "london"; a name of noise
        // words only keeps them.
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        words.join(" ")
    }
}

/// The council area a name means, however it is written.
pub fn resolve(name: &str) -> Option<&'static Authority> {
    let k = key(name);
    all().iter().find(|a| a.key == k)
}

/// The real council names closest to one nobody recognises.
pub fn closest(name: &str) -> Vec<&'static str> {
    crate::text::closest(name, all().iter().map(|a| a.name.as_str()))
}

/// Whether a funder's area (as the profile writes it) covers a group's
/// council area: the same place, or the county a district is in.
pub fn covers(funder_area: &str, group: &Authority) -> bool {
    match resolve(funder_area) {
        Some(area) => {
            area == group || (area.kind == "county" && group.county.as_deref() == Some(&area.name))
        }
        None => key(funder_area) == group.key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_with_every_uk_council() {
        toml::from_str::<File>(BUILTIN).expect("local_authorities.toml parses");
        let count = |country: &str| {
            all()
                .iter()
                .filter(|a| a.country == country && a.kind != "county")
                .count()
        };
        // The ONS list of May 2024: 296 + 22 + 32 + 11 = 361 districts.
        assert_eq!(count("england"), 296);
        assert_eq!(count("wales"), 22);
        assert_eq!(count("scotland"), 32);
        assert_eq!(count("northern_ireland"), 11);
        assert_eq!(all().iter().filter(|a| a.kind == "county").count(), 21);
        let mut keys: Vec<&str> = all().iter().map(|a| a.key.as_str()).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "two councils share a key");
    }

    #[test]
    fn names_resolve_however_they_are_written() {
        for written in [
            "Southampton City",
            "Southampton City Council",
            "southampton",
            "SOUTHAMPTON",
        ] {
            assert_eq!(
                resolve(written).map(|a| a.name.as_str()),
                Some("Southampton"),
                "{written}"
            );
        }
        assert_eq!(
            resolve("Royal Borough of Kingston upon Thames")
                .unwrap()
                .name,
            "Kingston upon Thames"
        );
        assert_eq!(
            resolve("Bath & North East Somerset Council").unwrap().name,
            "Bath and North East Somerset"
        );
        assert_eq!(
            resolve("Durham County Council").unwrap().name,
            "County Durham"
        );
        assert_eq!(resolve("City of London").unwrap().name, "City of London");
        assert!(resolve("Soton").is_none());
        assert!(closest("Southamptn").contains(&"Southampton"));
    }

    #[test]
    fn a_county_covers_its_districts_but_not_its_unitaries() {
        let winchester = resolve("Winchester").unwrap();
        let southampton = resolve("Southampton").unwrap();
        assert!(covers("Hampshire", winchester));
        assert!(covers("Hampshire County Council", winchester));
        assert!(!covers("Hampshire", southampton));
        assert!(covers("Southampton", southampton));
    }
}
