//! UK places, in one module for everything that compares them (a
//! funder's area in `match`, the grants data's locations in `nearby`):
//!
//! - council areas, compiled in from `src/bank/local_authorities.toml`
//!   (from the Office for National Statistics' lists, cited there), so that
//!   "Southampton City Council" and "Southampton" are the same place, a
//!   district is known to be inside its county, and a name nobody
//!   recognises gets the closest real ones instead of a hard "no";
//! - [`key`], the one way a place name is made comparable;
//! - [`regions`]: the English regions and the nations with their ONS
//!   codes, and how to tell a council's ONS code from other codes.

use std::sync::OnceLock;

use serde::Deserialize;

pub mod regions;

pub use regions::{REGIONS, Region, find_region, is_authority_code, region_by_code};

const BUILTIN: &str = include_str!("../bank/local_authorities.toml");

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

/// The part of a place's name that matters: lower case, "&" as "and",
/// punctuation as spaces, a leading "London Borough of" and the like taken
/// off, and words such as "City", "Council", "Borough", "of" left out
/// ("Southampton City Council", "City of Southampton" and "Bristol, City
/// of" are "southampton" and "bristol"). Every comparison of place names
/// (council areas, the grants data's locations, regions) goes through this.
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
    // One pass: lower case, `&` as "and", any run of other characters as
    // one space (the grants data has millions of names to compare).
    let mut joined = String::with_capacity(name.len() + 4);
    let mut gap = false;
    for c in name.chars() {
        if c == '&' {
            joined.push_str(if joined.is_empty() { "and" } else { " and" });
            gap = true;
        } else if c.is_alphanumeric() {
            if gap && !joined.is_empty() {
                joined.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                joined.push(c.to_ascii_lowercase());
            } else {
                joined.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    // "London" in "London Borough of Hackney" is part of the title, not of
    // the place.
    let rest = joined.strip_prefix("london borough of ").unwrap_or(&joined);
    let kept: Vec<&str> = rest.split(' ').filter(|w| !NOISE.contains(w)).collect();
    if kept.is_empty() {
        // A name of noise words only keeps them.
        joined
    } else {
        kept.join(" ")
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
        assert_eq!(
            resolve("London Borough of Hackney").unwrap().name,
            "Hackney"
        );
        assert_eq!(resolve("Bristol, City of").unwrap().name, "Bristol");
        assert_eq!(resolve("County Durham").unwrap().name, "County Durham");
    }

    #[test]
    fn place_names_as_the_grants_data_writes_them() {
        assert_eq!(key("Southampton City Council"), "southampton");
        assert_eq!(key("City of Southampton"), "southampton");
        assert_eq!(key("Brighton & Hove"), "brighton and hove");
        assert_eq!(key("London Borough of Hackney"), "hackney");
        assert_eq!(key("Bristol, City of"), "bristol");
        assert_eq!(key("  Kingston-upon-Hull, City of "), "kingston upon hull");
        assert_eq!(key("The Council"), "the council");
        assert_eq!(key("Yorkshire and The Humber"), "yorkshire and humber");
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
