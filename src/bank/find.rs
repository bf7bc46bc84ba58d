//! Finding a question by the words a person remembers: its prompt, why
//! funders ask it, its section, the funders' word for it in the glossary
//! ("signatories" finds the question about who signs cheques), and a short
//! list of words people use for the same thing (`synonyms.toml`). Pure:
//! the full-screen program's `/` and any other front end call it.

use serde::Deserialize;

use super::glossary::{Term, glossary};
use super::{Bank, Question};

const BUILTIN_SYNONYMS: &str = include_str!("synonyms.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    same: Vec<Same>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Same {
    words: Vec<String>,
}

fn synonyms() -> &'static [Same] {
    static SAME: std::sync::OnceLock<Vec<Same>> = std::sync::OnceLock::new();
    // Checked by a unit test; no synonyms is the only fallback.
    SAME.get_or_init(|| {
        toml::from_str::<SynonymsFile>(BUILTIN_SYNONYMS)
            .map(|f| f.same)
            .unwrap_or_default()
    })
}

/// How strongly a question matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Only through a glossary term or a word meaning the same.
    Related,
    /// In why funders ask it.
    Why,
    /// In the prompt, the id or the section's title.
    Prompt,
}

/// The forms of a typed word to look for: the word itself, and without a
/// plural ending ("signatories" also finds "signatory", "policies"
/// "policy", "members" "member").
fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 2) {
        out.push(format!("{stem}y"));
    } else if let Some(stem) = word.strip_suffix('s').filter(|s| s.len() > 2) {
        out.push(stem.to_string());
    }
    out
}

/// Everything a typed word may stand for: its own forms, the other words
/// of a synonym list it is in, and the name of any glossary term it names
/// or explains (with that name's synonyms).
fn related(word: &str) -> Vec<String> {
    let own = forms(word);
    let hits = |text: &str| own.iter().any(|f| text.contains(f.as_str()));
    let mut out: Vec<String> = Vec::new();
    let add_same = |text: &str, out: &mut Vec<String>| {
        for same in synonyms() {
            if same.words.iter().any(|w| text.contains(w.as_str())) {
                out.extend(same.words.iter().cloned());
            }
        }
    };
    for same in synonyms() {
        if same.words.iter().any(|w| hits(w)) {
            out.extend(same.words.iter().cloned());
        }
    }
    for term in glossary().iter().filter(|t| names_term(t, &hits)) {
        let name = term.term.to_lowercase();
        add_same(&name, &mut out);
        out.push(name);
    }
    out.retain(|w| !own.contains(w));
    out.sort();
    out.dedup();
    out
}

fn names_term(term: &Term, hits: &impl Fn(&str) -> bool) -> bool {
    hits(&term.term.to_lowercase()) || hits(&term.meaning.to_lowercase())
}

/// Questions with every word typed (in any case) in their prompt, id,
/// section title or why funders ask them, or in a glossary term or a word
/// meaning the same: best matches first, then in bank order. Nothing typed
/// finds every question.
pub fn find<'a>(bank: &'a Bank, words: &str) -> Vec<&'a Question> {
    let wanted: Vec<(Vec<String>, Vec<String>)> = words
        .split_whitespace()
        .map(str::to_lowercase)
        .map(|w| (forms(&w), related(&w)))
        .collect();
    let mut found: Vec<(Strength, usize, &Question)> = bank
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let section = bank.section(&q.section).map_or("", |s| s.title.as_str());
            let prompt =
                format!("{} {} {section}", q.prompt, q.id.replace('_', " ")).to_lowercase();
            let why = q.why.to_lowercase();
            let any_in =
                |text: &str, words: &[String]| words.iter().any(|w| text.contains(w.as_str()));
            // The weakest way each word matched is the question's strength.
            wanted
                .iter()
                .map(|(own, related)| {
                    if any_in(&prompt, own) {
                        Some(Strength::Prompt)
                    } else if any_in(&why, own) {
                        Some(Strength::Why)
                    } else if any_in(&prompt, related) || any_in(&why, related) {
                        Some(Strength::Related)
                    } else {
                        None
                    }
                })
                .try_fold(Strength::Prompt, |weakest, s| s.map(|s| s.min(weakest)))
                .map(|strength| (strength, i, q))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, _, q)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(words: &str) -> Vec<String> {
        find(Bank::builtin().unwrap(), words)
            .into_iter()
            .map(|q| q.id.clone())
            .collect()
    }

    #[test]
    fn the_synonyms_file_reads() {
        let file: SynonymsFile = toml::from_str(BUILTIN_SYNONYMS).expect("synonyms parse");
        assert!(file.same.iter().all(|s| s.words.len() > 1));
        assert!(
            file.same
                .iter()
                .flat_map(|s| &s.words)
                .all(|w| *w == w.to_lowercase())
        );
    }

    #[test]
    fn signatories_finds_the_question_about_who_signs() {
        let found = ids("signatories");
        assert_eq!(
            found.first().map(String::as_str),
            Some("unrelated_signatories"),
            "{found:?}"
        );
        // The funders' word, though the question itself says "sign cheques".
        assert!(ids("signatory").contains(&"unrelated_signatories".to_string()));
    }

    #[test]
    fn why_funders_ask_is_searched() {
        // "carries it alone" is only in why funders ask about signatories.
        assert_eq!(ids("carries alone"), ["unrelated_signatories"]);
    }

    #[test]
    fn a_glossary_meaning_leads_to_its_term() {
        // "constitution" is explained under "Governing document".
        let found = ids("constitution");
        assert!(
            found.contains(&"has_governing_document".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn the_prompt_ranks_above_related_words_and_every_word_counts() {
        let found = ids("committee");
        let first = Bank::builtin().unwrap().question(&found[0]).unwrap();
        assert!(
            first.prompt.to_lowercase().contains("committee"),
            "{found:?}"
        );
        assert!(ids("signatories zebra").is_empty());
        assert_eq!(ids("").len(), Bank::builtin().unwrap().questions.len());
    }
}
