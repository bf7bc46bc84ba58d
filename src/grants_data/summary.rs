//! What the data says about one funder, for starting a funder profile from
//! it: its name, org-id and website as published, and what it gave, in
//! words that say it is what it gave and not its rules.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::index::{Index, IndexError};
use crate::text::format_pence;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunderSummary {
    pub org_id: String,
    pub name: String,
    pub website: Option<String>,
    pub grants: u64,
    pub min_pence: Option<i64>,
    pub max_pence: Option<i64>,
    pub median_pence: Option<i64>,
    pub small_groups: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// "gave £500–£5,000, median £1,200, in 2024–25".
    pub gave: String,
}

/// The funder with this org-id (any case), or `None` if the data has none.
pub fn funder_summary(index: &Index, org_id: &str) -> Result<Option<FunderSummary>, IndexError> {
    index
        .conn
        .query_row(
            "SELECT org_id, name, website, grants, min_pence, max_pence, median_pence, small,
                    earliest, latest
             FROM funders WHERE org_id = ?1 COLLATE NOCASE AND grants > 0",
            [org_id.trim()],
            |r| {
                let mut s = FunderSummary {
                    org_id: r.get(0)?,
                    name: r.get(1)?,
                    website: r.get(2)?,
                    grants: r.get(3)?,
                    min_pence: r.get(4)?,
                    max_pence: r.get(5)?,
                    median_pence: r.get(6)?,
                    small_groups: r.get(7)?,
                    earliest: r.get(8)?,
                    latest: r.get(9)?,
                    gave: String::new(),
                };
                s.gave = gave(&s);
                Ok(s)
            },
        )
        .optional()
        .map_err(|e| index.damaged(e))
}

/// No funder in the data has the org-id asked for.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("{}", not_found_message(.org_id, .closest))]
    NotFound {
        org_id: String,
        /// The closest funders in the data: (org-id, name).
        closest: Vec<(String, String)>,
    },
}

fn not_found_message(org_id: &str, closest: &[(String, String)]) -> String {
    let mut text = format!("no funder with the org-id `{org_id}` is in the grants data.");
    match closest {
        [] => {}
        [(id, name)] => text.push_str(&format!(" Did you mean {id} ({name})?")),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|(id, name)| format!("{id} ({name})"))
                .collect();
            text.push_str(&format!(" The closest: {}.", list.join(", ")));
        }
    }
    text.push_str(" `alongside nearby GROUP` lists funders with their org-ids");
    text
}

/// The funder with this org-id, or an error naming the closest ones.
pub fn lookup(index: &Index, org_id: &str) -> Result<FunderSummary, LookupError> {
    match funder_summary(index, org_id)? {
        Some(summary) => Ok(summary),
        None => Err(LookupError::NotFound {
            org_id: org_id.trim().to_string(),
            closest: similar_funders(index, org_id)?,
        }),
    }
}

/// The funders closest to `text`, for a "did you mean": those whose name or
/// org-id contains it (most grants first), or when none does, those whose
/// org-id or name is spelt most like it. At most five, as (org-id, name).
pub fn similar_funders(index: &Index, text: &str) -> Result<Vec<(String, String)>, IndexError> {
    let q = || -> rusqlite::Result<Vec<(String, String)>> {
        let like = format!("%{}%", text.trim().replace(['%', '_'], ""));
        let mut found: Vec<(String, String)> = index
            .conn
            .prepare(
                "SELECT org_id, name FROM funders WHERE grants > 0 AND (org_id LIKE ?1 OR name LIKE ?1)
                 ORDER BY grants DESC LIMIT 5",
            )?
            .query_map([like], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if !found.is_empty() {
            return Ok(found);
        }
        // A mistyped org-id or name contains nothing: compare spellings.
        // There are thousands of funders at most, so reading them all is
        // quick.
        let all: Vec<(String, String)> = index
            .conn
            .prepare("SELECT org_id, name FROM funders WHERE grants > 0")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let wanted = text.trim();
        let keys = all
            .iter()
            .flat_map(|(id, name)| [id.as_str(), name.as_str()]);
        for key in crate::text::closest(wanted, keys) {
            if let Some(pair) = all.iter().find(|(id, name)| id == key || name == key)
                && !found.contains(pair)
                && found.len() < 5
            {
                found.push(pair.clone());
            }
        }
        Ok(found)
    };
    q().map_err(|e| index.damaged(e))
}

/// The UK financial year (April to March) a day falls in: `2024–25`.
pub fn financial_year(date: &str) -> Option<String> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let start = if month >= 4 { year } else { year - 1 };
    Some(format!("{start}–{:02}", (start + 1) % 100))
}

/// "gave £500–£5,000, median £1,200, in 2024–25"; one amount when every
/// grant was the same; "between 2021–22 and 2024–25" over several years.
pub fn gave(s: &FunderSummary) -> String {
    let money = match (s.min_pence, s.max_pence, s.median_pence) {
        (Some(min), Some(max), _) if min == max => format!("gave {}", format_pence(min)),
        (Some(min), Some(max), Some(median)) => format!(
            "gave {}–{}, median {}",
            format_pence(min),
            format_pence(max),
            format_pence(median)
        ),
        _ => "gave grants in other currencies".to_string(),
    };
    let first = s.earliest.as_deref().and_then(financial_year);
    let last = s.latest.as_deref().and_then(financial_year);
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!("{money}, in {a}"),
        (Some(a), Some(b)) => format!("{money}, between {a} and {b}"),
        _ => money,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years() {
        assert_eq!(financial_year("2024-04-01").as_deref(), Some("2024–25"));
        assert_eq!(financial_year("2025-03-31").as_deref(), Some("2024–25"));
        assert_eq!(financial_year("1999-06-01").as_deref(), Some("1999–00"));
    }

    #[test]
    fn gave_in_words() {
        let mut s = FunderSummary {
            org_id: "GB-CHC-1".into(),
            name: "A Trust".into(),
            website: None,
            grants: 3,
            min_pence: Some(50_000),
            max_pence: Some(500_000),
            median_pence: Some(120_000),
            small_groups: 1,
            earliest: Some("2024-05-01".into()),
            latest: Some("2025-02-01".into()),
            gave: String::new(),
        };
        assert_eq!(gave(&s), "gave £500–£5,000, median £1,200, in 2024–25");
        s.earliest = Some("2022-05-01".into());
        assert_eq!(
            gave(&s),
            "gave £500–£5,000, median £1,200, between 2022–23 and 2024–25"
        );
        s.min_pence = Some(500_000);
        assert_eq!(gave(&s), "gave £5,000, between 2022–23 and 2024–25");
    }
}
