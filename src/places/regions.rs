//! The UK's regions and nations as the grants data names them, and how to
//! tell a local authority's ONS code from other codes.
//!
//! Region names and codes are the Office for National Statistics' (ONS
//! Open Geography Portal, "Regions (December 2023) Names and Codes in
//! England", and the nations' country codes).

use super::key;

/// One English region, or one of the other three nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The ONS name.
    pub name: &'static str,
    /// The ONS code (E12… for English regions).
    pub code: &'static str,
    /// The id in alongside's own `region` vocabulary (the group's answer).
    pub vocab_id: &'static str,
}

impl Region {
    /// How the index names it (`south east`): [`key`] of its name, worked
    /// out once.
    pub fn key(&self) -> &'static str {
        let at = REGIONS
            .iter()
            .position(|r| r.code == self.code)
            .unwrap_or(0);
        &keys()[at].0
    }
}

/// Each region's key and its vocabulary id with spaces, in the order of
/// [`REGIONS`]: worked out once, as the grants data asks for every place
/// it names.
fn keys() -> &'static [(String, String)] {
    static KEYS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        REGIONS
            .iter()
            .map(|r| (key(r.name), r.vocab_id.replace('_', " ")))
            .collect()
    })
}

pub const REGIONS: [Region; 12] = [
    Region {
        name: "North East",
        code: "E12000001",
        vocab_id: "north_east",
    },
    Region {
        name: "North West",
        code: "E12000002",
        vocab_id: "north_west",
    },
    Region {
        name: "Yorkshire and The Humber",
        code: "E12000003",
        vocab_id: "yorkshire_and_the_humber",
    },
    Region {
        name: "East Midlands",
        code: "E12000004",
        vocab_id: "east_midlands",
    },
    Region {
        name: "West Midlands",
        code: "E12000005",
        vocab_id: "west_midlands",
    },
    Region {
        name: "East of England",
        code: "E12000006",
        vocab_id: "east_of_england",
    },
    Region {
        name: "London",
        code: "E12000007",
        vocab_id: "london",
    },
    Region {
        name: "South East",
        code: "E12000008",
        vocab_id: "south_east",
    },
    Region {
        name: "South West",
        code: "E12000009",
        vocab_id: "south_west",
    },
    Region {
        name: "Scotland",
        code: "S92000003",
        vocab_id: "scotland",
    },
    Region {
        name: "Wales",
        code: "W92000004",
        vocab_id: "wales",
    },
    Region {
        name: "Northern Ireland",
        code: "N92000002",
        vocab_id: "northern_ireland",
    },
];

/// The region a name, an ONS code or alongside's own region id stands for:
/// "South East", "South East England", "south_east", "E12000008".
pub fn find_region(text: &str) -> Option<&'static Region> {
    if let Some(r) = region_by_code(text) {
        return Some(r);
    }
    let norm = key(&text.replace('_', " "));
    let without_england = norm.strip_suffix(" england").unwrap_or(&norm);
    REGIONS
        .iter()
        .zip(keys())
        .find(|(_, (k, vocab))| *k == norm || k == without_england || *vocab == norm)
        .map(|(r, _)| r)
}

pub fn region_by_code(code: &str) -> Option<&'static Region> {
    let code = code.trim();
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Whether an ONS code is a local authority's: unitary authorities (E06),
/// districts (E07), metropolitan districts (E08), London boroughs (E09),
/// Welsh principal areas (W06), Scottish council areas (S12) and Northern
/// Ireland's districts (N09).
pub fn is_authority_code(code: &str) -> bool {
    code.len() == 9
        && ["E06", "E07", "E08", "E09", "W06", "S12", "N09"]
            .iter()
            .any(|p| code.to_ascii_uppercase().starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_by_any_name() {
        assert_eq!(find_region("South East").unwrap().code, "E12000008");
        assert_eq!(find_region("South East England").unwrap().code, "E12000008");
        assert_eq!(find_region("south_east").unwrap().code, "E12000008");
        assert_eq!(find_region("e12000008").unwrap().name, "South East");
        assert_eq!(find_region("East of England").unwrap().code, "E12000006");
        assert_eq!(
            find_region("Yorkshire & the Humber").unwrap().code,
            "E12000003"
        );
        assert!(find_region("Southampton").is_none());
    }

    #[test]
    fn authority_codes() {
        assert!(is_authority_code("E06000045"));
        assert!(is_authority_code("S12000036"));
        assert!(!is_authority_code("E12000008"));
        assert!(!is_authority_code("E05001234"));
    }
}
