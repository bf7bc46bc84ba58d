//! The glossary: funders' words in plain English (data in `glossary.toml`),
//! reachable from every screen and from `alongside glossary`.

use serde::Deserialize;

pub const BUILTIN_GLOSSARY: &str = include_str!("glossary.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub meaning: String,
    /// Where the word usually turns up.
    #[serde(rename = "where")]
    pub found: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    term: Vec<Term>,
}

/// The built-in glossary, in its file's order.
pub fn glossary() -> &'static [Term] {
    static TERMS: std::sync::OnceLock<Vec<Term>> = std::sync::OnceLock::new();
    // Checked by a unit test; an empty glossary is the only fallback.
    TERMS.get_or_init(|| {
        toml::from_str::<GlossaryFile>(BUILTIN_GLOSSARY)
            .map(|f| f.term)
            .unwrap_or_default()
    })
}

/// Terms whose name or meaning contains every word typed (any case).
pub fn search(words: &str) -> Vec<&'static Term> {
    let wanted: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
    glossary()
        .iter()
        .filter(|t| {
            let hay = format!("{} {}", t.term, t.meaning).to_lowercase();
            wanted.iter().all(|w| hay.contains(w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_has_the_terms_groups_meet() {
        let file: GlossaryFile = toml::from_str(BUILTIN_GLOSSARY).expect("glossary parses");
        let names: Vec<String> = file.term.iter().map(|t| t.term.to_lowercase()).collect();
        for needed in [
            "outcomes",
            "outputs",
            "beneficiaries",
            "unrestricted funding",
            "match funding",
            "governing document",
            "safeguarding",
            "in kind",
            "full cost recovery",
            "sustainability",
        ] {
            assert!(names.iter().any(|n| n == needed), "missing {needed}");
        }
    }

    #[test]
    fn search_by_words() {
        assert_eq!(search("MATCH")[0].term, "Match funding");
        assert!(search("zebra").is_empty());
        assert_eq!(search("").len(), glossary().len());
    }
}
