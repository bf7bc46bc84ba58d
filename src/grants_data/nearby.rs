//! Who funded groups like this one, nearby: funders ranked in tiers from
//! the grants they published, each with the grants behind the claim.
//!
//! - "Your kind of work": grants whose title or description use the
//!   group's own words (who it is for, what members share, its themes and
//!   the people it is for), through the FTS5 index. Words that most grants
//!   use say nothing and are left out by counting how many grants use them.
//! - "Your area": grants whose beneficiary or recipient locations name the
//!   group's council area (its name, or an ONS code the data gives with
//!   that name) or its postcode district; or the area given with `within`.
//! - A funder with fewer than five grants published is "too few to say".

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::index::{Index, IndexError, split_key};
use super::record::postcode_district;
use crate::bank::AnswerValue;
use crate::dates::Day;
use crate::funders::Profile;
use crate::group::Group;
use crate::matching::{self, Verdict};
use crate::places;
use crate::text::format_pence;
use crate::vocab::Vocabularies;

/// Fewer grants than this and the data is too thin to say anything.
pub const TOO_FEW: u64 = 5;
/// Example grants shown for each funder.
pub const EXAMPLES: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    WorkAndArea,
    WorkElsewhere,
    AreaOtherWork,
    TooFew,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::WorkAndArea,
        Tier::WorkElsewhere,
        Tier::AreaOtherWork,
        Tier::TooFew,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Tier::WorkAndArea => "work-and-area",
            Tier::WorkElsewhere => "work-elsewhere",
            Tier::AreaOtherWork => "area-other-work",
            Tier::TooFew => "too-few",
        }
    }

    /// A heading for people.
    pub fn heading(self) -> &'static str {
        match self {
            Tier::WorkAndArea => "Your kind of work, in your area",
            Tier::WorkElsewhere => "Your kind of work, elsewhere",
            Tier::AreaOtherWork => "Your area, other work",
            Tier::TooFew => "Too few grants published to say (fewer than five)",
        }
    }
}

/// One grant shown as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    pub recipient: String,
    pub amount_pence: i64,
    pub date: String,
    pub title: String,
}

/// One funder, with its figures from all the grants it published and the
/// grants behind its tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NearbyFunder {
    pub funder_org_id: String,
    pub funder_name: String,
    pub tier: Tier,
    /// How many grants it published (in the files imported).
    pub grants: u64,
    pub median_pence: Option<i64>,
    pub min_pence: Option<i64>,
    pub max_pence: Option<i64>,
    /// Grants to small or unregistered groups.
    pub small_groups: u64,
    /// Its most recent award date (ISO).
    pub latest: Option<String>,
    /// How many of its grants are your kind of work, in your area, both.
    pub work_grants: u64,
    pub area_grants: u64,
    pub work_and_area_grants: u64,
    pub examples: Vec<Example>,
    /// The id of a funder profile with the same org-id, if there is one.
    pub profile: Option<String>,
    /// That profile's verdict from `match`.
    pub verdict: Option<Verdict>,
    pub website: Option<String>,
}

impl NearbyFunder {
    /// The figures and the grants behind them, as lines for people (the
    /// command line and the full-screen program show the same): the
    /// example grants start with "- ".
    pub fn evidence(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let money = match (self.min_pence, self.max_pence, self.median_pence) {
            (Some(min), Some(max), Some(median)) => format!(
                ", median {}, from {} to {}",
                format_pence(median),
                format_pence(min),
                format_pence(max)
            ),
            _ => String::new(),
        };
        let latest = self
            .latest
            .as_deref()
            .and_then(|d| d.parse::<Day>().ok())
            .map_or(String::new(), |d| format!("; latest {}", d.for_people()));
        lines.push(format!(
            "{} grants{money}; {} to small or unregistered groups{latest}",
            self.grants, self.small_groups
        ));
        lines.push(format!(
            "{} your kind of work, {} in your area, {} both",
            self.work_grants, self.area_grants, self.work_and_area_grants
        ));
        if let Some(profile) = &self.profile {
            let verdict = self.verdict.map_or("", |v| v.short());
            lines.push(format!("Profile: {profile} ({verdict})"));
        }
        for e in &self.examples {
            let to = if e.recipient.is_empty() {
                "(recipient not named)"
            } else {
                &e.recipient
            };
            lines.push(format!(
                "- {} {} to {to}: {}",
                e.date,
                format_pence(e.amount_pence),
                e.title
            ));
        }
        lines
    }
}

/// The area to look in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// For people: "Southampton and SO15".
    pub label: String,
    local_authority: Option<String>,
    postcode: Option<String>,
    region: Option<&'static places::Region>,
}

impl Area {
    /// The group's own area: its council area and postcode district.
    pub fn of_group(group: &Group) -> Option<Area> {
        let text = |id| match group.value(id) {
            Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        };
        let la = text("local_authority");
        let postcode = text("postcode_district").and_then(|p| postcode_district(&p));
        let label = match (&la, &postcode) {
            (Some(la), Some(pc)) => format!("{la} and {pc}"),
            (Some(la), None) => la.clone(),
            (None, Some(pc)) => pc.clone(),
            (None, None) => return None,
        };
        Some(Area {
            label,
            local_authority: la,
            postcode,
            region: None,
        })
    }

    /// An area given by name: a region ("South East", "E12000008") or a
    /// local authority (its name or ONS code).
    pub fn within(text: &str) -> Area {
        match places::find_region(text) {
            Some(region) => Area {
                label: region.name.to_string(),
                local_authority: None,
                postcode: None,
                region: Some(region),
            },
            None => Area {
                label: text.trim().to_string(),
                local_authority: Some(text.trim().to_string()),
                postcode: None,
                region: None,
            },
        }
    }

    /// The index keys that are this area.
    fn keys(&self, index: &Index) -> rusqlite::Result<Vec<String>> {
        let mut keys = Vec::new();
        if let Some(la) = &self.local_authority {
            let upper = la.to_ascii_uppercase();
            if places::is_authority_code(&upper) {
                keys.push(format!("c:{upper}"));
            } else {
                let name = places::key(la);
                let mut stmt = index
                    .conn
                    .prepare_cached("SELECT code FROM authority_names WHERE name = ?1")?;
                for code in stmt.query_map([&name], |r| r.get::<_, String>(0))? {
                    keys.push(format!("c:{}", code?));
                }
                keys.push(format!("n:{name}"));
            }
        }
        if let Some(pc) = &self.postcode {
            keys.push(format!("p:{pc}"));
        }
        if let Some(region) = self.region {
            keys.push(format!("r:{}", region.key()));
        }
        Ok(keys)
    }
}

/// What was asked for and found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearby {
    /// Best first: tier by tier, and within a tier by the grants behind it.
    pub funders: Vec<NearbyFunder>,
    /// How many funders each tier has in all (`funders` holds at most the
    /// limit of each).
    pub tier_totals: Vec<(Tier, usize)>,
    /// The group's words that were looked for.
    pub words: Vec<String>,
    /// The area looked in.
    pub area: Option<String>,
    /// Things the person should know (a missing answer, an area the data
    /// never names).
    pub notes: Vec<String>,
    /// How many grants the data holds.
    pub grants_in_index: u64,
}

/// What `nearby` is asked.
pub struct Query<'a> {
    pub group: &'a Group,
    /// Instead of the group's own council area and postcode.
    pub within: Option<Area>,
    /// At most this many funders in each tier.
    pub limit: usize,
    pub profiles: &'a [&'a Profile],
    pub today: Day,
    pub vocab: &'a Vocabularies,
}

const STOPWORDS: &str = include_str!("stopwords.txt");

/// The group's own words that say what kind of work it does: who it is
/// for, what members share, its themes and the people it is for; with how
/// many times each is used.
pub fn group_words(group: &Group, vocab: &Vocabularies) -> (Vec<String>, Vec<u64>) {
    let mut text = String::new();
    for id in ["who_for", "what_in_common"] {
        if let Some(AnswerValue::Text(t)) = group.value(id) {
            text.push_str(t);
            text.push(' ');
        }
    }
    for (id, list) in [
        ("themes", "theme"),
        ("beneficiary_groups", "beneficiary_group"),
    ] {
        if let Some(AnswerValue::Choices(ids)) = group.value(id) {
            for choice in ids {
                text.push_str(vocab.label(list, choice));
                text.push(' ');
            }
        }
    }
    let stop: std::collections::HashSet<&str> = STOPWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut said: Vec<u64> = Vec::new();
    for word in text.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 3
            || word.chars().all(|c| c.is_ascii_digit())
            || stop.contains(word)
        {
            continue;
        }
        match words.iter().position(|w| w == word) {
            Some(i) => said[i] += 1,
            None => {
                words.push(word.to_string());
                said.push(1);
            }
        }
    }
    (words, said)
}

/// A word and the stem the index keeps it under.
struct Term {
    word: String,
    stem: String,
    grants: u64,
    /// How many times the group's answers use a word with this stem.
    said: u64,
}

/// Turns words into the index's stems (through a scratch FTS5 table with
/// the same tokenizer, so the stemming is exactly the index's) and looks
/// up how many grants use each (counted at import).
fn terms(index: &Index, words: &[String], said: &[u64]) -> rusqlite::Result<Vec<Term>> {
    let conn = &index.conn;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5(w, tokenize='porter unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_seen USING fts5vocab(temp, words, instance);
         DELETE FROM temp.words;",
    )?;
    {
        let mut insert = conn.prepare("INSERT INTO temp.words(rowid, w) VALUES(?1, ?2)")?;
        for (i, word) in words.iter().enumerate() {
            insert.execute(params![i as i64 + 1, word])?;
        }
    }
    let mut stems: Vec<(usize, String)> = conn
        .prepare("SELECT doc, term FROM temp.words_seen")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)? as usize - 1, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    stems.sort();
    // A "word" the tokenizer splits in two would be a phrase, which the
    // index (detail=none) cannot look for: leave such words out.
    let split: std::collections::HashSet<usize> = stems
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].0)
        .collect();
    stems.retain(|(i, _)| !split.contains(i));
    // Counted at import: asking `grant_fts_vocab` here read each word's
    // whole list of grants (a million entries for a word most grants use).
    let mut count = conn.prepare_cached("SELECT grants FROM word_counts WHERE term = ?1")?;
    let mut out: Vec<Term> = Vec::new();
    for (i, stem) in stems {
        if let Some(t) = out.iter_mut().find(|t| t.stem == stem) {
            t.said += said[i];
            continue;
        }
        let grants: u64 = count
            .query_row([&stem], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        if grants > 0 {
            out.push(Term {
                word: words[i].clone(),
                stem,
                grants,
                said: said[i],
            });
        }
    }
    Ok(out)
}

/// What one funder's grants show.
#[derive(Default)]
struct Tally {
    /// Grants that are the group's kind of work.
    work: Vec<i64>,
    area: Vec<i64>,
    both: u64,
}

/// Ranks the funders for the group.
pub fn nearby(index: &Index, query: &Query<'_>) -> Result<Nearby, IndexError> {
    run(index, query).map_err(|e| index.damaged(e))
}

fn run(index: &Index, query: &Query<'_>) -> rusqlite::Result<Nearby> {
    let conn = &index.conn;
    // One read transaction for the hundreds of small queries below:
    // outside one, SQLite takes and drops its file lock and looks for a
    // journal left by a crash (a lock, an unlock and a stat of the file
    // system) for every statement, which was a quarter of the time.
    // (Ended, with nothing to undo, when it is dropped.)
    let _read = conn.unchecked_transaction()?;
    let mut notes = Vec::new();
    let grants_in_index: u64 =
        conn.query_row("SELECT coalesce(sum(grants), 0) FROM funders", [], |r| {
            r.get(0)
        })?;

    // Your area.
    let area = query.within.clone().or_else(|| Area::of_group(query.group));
    let mut in_area: HashMap<i64, i64> = HashMap::new();
    match &area {
        None => notes.push(
            "Your area is not known: answer \"Which council area do you meet in?\" (local_authority) or the postcode question (postcode_district), or give --within.".to_string(),
        ),
        Some(area) => {
            let mut place_no = conn.prepare_cached("SELECT place_no FROM places WHERE key = ?1")?;
            let mut grants =
                conn.prepare_cached("SELECT grant_key FROM grant_places WHERE place_no = ?1")?;
            for key in area.keys(index)? {
                let Some(no) = place_no
                    .query_row([&key], |r| r.get::<_, i64>(0))
                    .optional()?
                else {
                    continue;
                };
                for key in grants.query_map([no], |r| r.get::<_, i64>(0))? {
                    let (funder, grant) = split_key(key?);
                    in_area.insert(grant, funder);
                }
            }
            // A council name nobody recognises gets the closest real ones,
            // as `match` does.
            if let Some(la) = &area.local_authority
                && places::resolve(la).is_none()
                && !places::is_authority_code(&la.to_ascii_uppercase())
            {
                let near = places::closest(la);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" Did you mean {}?", near.join(" or "))
                };
                notes.push(format!("`{la}` is not a UK council area alongside knows.{hint}"));
            }
            if in_area.is_empty() {
                notes.push(format!(
                    "No grant in the data names {} as where it was for or where the group receiving it is. Check the spelling, or try a neighbouring area or your region with --within.",
                    area.label
                ));
            }
        }
    }

    // Your kind of work.
    let (words, said) = group_words(query.group, query.vocab);
    let mut terms = terms(index, &words, &said)?;
    // Words most grants use say nothing about the kind of work.
    let too_common = (grants_in_index / 10).max(50);
    terms.retain(|t| t.grants <= too_common);
    // The words the group uses most that fewest grants use come first
    // (how often in its answers, times how rare in the grants), until they
    // reach about one grant in twenty: enough to find the funders of this
    // kind of work, few enough to read quickly over a million grants.
    let weight = |t: &Term| t.said as f64 * ((grants_in_index as f64 + 1.0) / t.grants as f64).ln();
    terms.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
    let budget = (grants_in_index / 20).max(5000);
    let mut used = 0;
    terms.retain(|t| {
        let keep = used == 0 || used + t.grants <= budget;
        if keep {
            used += t.grants;
        }
        keep
    });
    let chosen: Vec<String> = terms.iter().map(|t| t.word.clone()).collect();
    if words.is_empty() {
        notes.push("Your kind of work is not known: answer who the group is for (who_for), what members share (what_in_common), its themes or who it is for (beneficiary_groups).".to_string());
    } else if chosen.is_empty() {
        notes.push("None of the words in your answers about who the group is for appear in the grants data often enough, or they appear in most grants, so no grant could be called your kind of work.".to_string());
    }

    let mut tallies: HashMap<i64, Tally> = HashMap::new();
    if !chosen.is_empty() {
        let fts_query = chosen
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" OR ");
        // No ranking function here: every match counts the same. The key
        // of each hit carries its funder, so the grants table is not read.
        let mut stmt = conn.prepare("SELECT rowid FROM grant_fts WHERE grant_fts MATCH ?1")?;
        let mut rows = stmt.query([&fts_query])?;
        while let Some(row) = rows.next()? {
            let (funder, no) = split_key(row.get(0)?);
            let tally = tallies.entry(funder).or_default();
            tally.work.push(no);
            if in_area.contains_key(&no) {
                tally.both += 1;
            }
        }
    }
    for (grant, funder) in &in_area {
        tallies.entry(*funder).or_default().area.push(*grant);
    }

    // The funders' figures, from the small table worked out at import.
    let mut funders: Vec<(Tier, NearbyFunder, Tally)> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT org_id, name, website, grants, median_pence, min_pence, max_pence, small, latest
             FROM funders WHERE funder_no = ?1",
        )?;
        for (no, tally) in tallies {
            let f = stmt.query_row([no], |r| {
                Ok(NearbyFunder {
                    funder_org_id: r.get(0)?,
                    funder_name: r.get(1)?,
                    website: r.get(2)?,
                    grants: r.get(3)?,
                    median_pence: r.get(4)?,
                    min_pence: r.get(5)?,
                    max_pence: r.get(6)?,
                    small_groups: r.get(7)?,
                    latest: r.get(8)?,
                    tier: Tier::TooFew,
                    work_grants: tally.work.len() as u64,
                    area_grants: tally.area.len() as u64,
                    work_and_area_grants: tally.both,
                    examples: Vec::new(),
                    profile: None,
                    verdict: None,
                })
            })?;
            let tier = if f.grants < TOO_FEW {
                Tier::TooFew
            } else if tally.both > 0 {
                Tier::WorkAndArea
            } else if !tally.work.is_empty() {
                Tier::WorkElsewhere
            } else {
                Tier::AreaOtherWork
            };
            funders.push((tier, NearbyFunder { tier, ..f }, tally));
        }
    }
    funders.sort_by(|(ta, a, _), (tb, b, _)| {
        let key = |f: &NearbyFunder, t: &Tier| match t {
            Tier::WorkAndArea => (f.work_and_area_grants, f.work_grants),
            Tier::WorkElsewhere => (f.work_grants, 0),
            Tier::AreaOtherWork => (f.area_grants, 0),
            Tier::TooFew => (f.work_and_area_grants, f.work_grants + f.area_grants),
        };
        ta.cmp(tb)
            .then_with(|| key(b, tb).cmp(&key(a, ta)))
            .then_with(|| b.latest.cmp(&a.latest))
            .then_with(|| a.funder_name.cmp(&b.funder_name))
    });
    let tier_totals: Vec<(Tier, usize)> = Tier::ALL
        .iter()
        .map(|t| (*t, funders.iter().filter(|(ft, _, _)| ft == t).count()))
        .collect();
    let mut shown: Vec<NearbyFunder> = Vec::new();
    let mut per_tier: HashMap<Tier, usize> = HashMap::new();
    for (tier, mut funder, tally) in funders {
        let n = per_tier.entry(tier).or_default();
        if *n >= query.limit {
            continue;
        }
        *n += 1;
        funder.examples = examples(index, tier, &tally, &in_area)?;
        shown.push(funder);
    }
    attach_profiles(&mut shown, query);
    Ok(Nearby {
        funders: shown,
        tier_totals,
        words: chosen,
        area: area.map(|a| a.label),
        notes,
        grants_in_index,
    })
}

/// The newest of some of a funder's grants, newest first: award dates are
/// read for at most a hundred of them (the latest imported), enough to
/// show the newest without reading every grant of a large funder.
fn newest(index: &Index, grants: &[i64]) -> rusqlite::Result<Vec<i64>> {
    let mut nos = grants.to_vec();
    nos.sort_unstable_by(|a, b| b.cmp(a));
    nos.dedup();
    nos.truncate(100);
    let mut date = index
        .conn
        .prepare_cached("SELECT award_date FROM grants WHERE no = ?1")?;
    let mut dated = Vec::with_capacity(nos.len());
    for no in nos {
        dated.push((date.query_row([no], |r| r.get::<_, String>(0))?, no));
    }
    dated.sort_unstable_by(|a, b| b.cmp(a));
    Ok(dated.into_iter().map(|(_, no)| no).collect())
}

/// The grants behind a funder's tier, newest first: for your kind of work
/// in your area, those; for your kind of work, those; for your area, the
/// grants there.
fn examples(
    index: &Index,
    tier: Tier,
    tally: &Tally,
    in_area: &HashMap<i64, i64>,
) -> rusqlite::Result<Vec<Example>> {
    let both: Vec<i64> = tally
        .work
        .iter()
        .copied()
        .filter(|no| in_area.contains_key(no))
        .collect();
    let picked: Vec<i64> = match tier {
        Tier::WorkAndArea => newest(index, &both)?,
        Tier::WorkElsewhere => newest(index, &tally.work)?,
        Tier::AreaOtherWork => newest(index, &tally.area)?,
        Tier::TooFew => {
            let mut all = newest(index, &both)?;
            all.extend(newest(index, &tally.work)?);
            all.extend(newest(index, &tally.area)?);
            all
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut stmt = index.conn.prepare_cached(
        "SELECT recipient_name, amount_pence, award_date, title FROM grants WHERE no = ?1",
    )?;
    for no in picked {
        if out.len() == EXAMPLES {
            break;
        }
        if seen.insert(no) {
            out.push(stmt.query_row([no], |r| {
                Ok(Example {
                    recipient: r.get(0)?,
                    amount_pence: r.get(1)?,
                    date: r.get(2)?,
                    title: r.get(3)?,
                })
            })?);
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.cmp(&b.title)));
    Ok(out)
}

/// Adds the funder profile with the same org-id, and its verdict. Several
/// profiles can share one org-id (one funder's programmes): the one the
/// group fits best is named.
fn attach_profiles(funders: &mut [NearbyFunder], query: &Query<'_>) {
    let wanted: std::collections::HashSet<String> = funders
        .iter()
        .map(|f| f.funder_org_id.to_ascii_uppercase())
        .collect();
    let candidates: Vec<&Profile> = query
        .profiles
        .iter()
        .copied()
        .filter(|p| {
            p.org_id
                .as_deref()
                .is_some_and(|o| wanted.contains(&o.to_ascii_uppercase()))
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let matches = matching::match_all(
        query.group,
        candidates.iter().copied(),
        query.today,
        query.vocab,
    );
    for funder in funders {
        let best = matches.iter().find(|m| {
            candidates.iter().any(|p| {
                p.id == m.id
                    && p.org_id
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case(&funder.funder_org_id))
            })
        });
        if let Some(m) = best {
            funder.profile = Some(m.id.clone());
            funder.verdict = Some(m.verdict);
        }
    }
}
