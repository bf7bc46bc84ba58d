//! The index: one SQLite database, `grants-data.sqlite` in the data folder.
//! It holds only what `nearby` needs: each grant's figures, title and
//! recipient in `grants`; the words of its title and description in the
//! contentless FTS5 table `grant_fts` (the description is kept nowhere
//! else); the places each names in `grant_places`; and, worked out once at
//! the end of each import, per-funder figures in `funders` and how many
//! grants use each word in `word_counts`.
//!
//! The word index and the place index are keyed by [`grant_key`], which
//! carries the funder's number, so `nearby` learns each matching grant's
//! funder from the key alone. Writing happens in one transaction per import
//! ([`Writer`]), with no index on the grants table to keep up to date; the
//! place index is sorted in memory and appended in order at the end.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::record::Grant;
use crate::paths::DataDir;

/// The index's file name in the data folder. Other tools (a shared data
/// folder kept in git, backups) can leave it out by this name: it is
/// rebuilt from the downloaded files with `grants-data import`.
pub const FILE_NAME: &str = "grants-data.sqlite";

/// Bumped when the tables change; an older index is rebuilt by importing
/// again.
/// 3: `word_counts` added.
const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, imported_at TEXT NOT NULL, grants INTEGER NOT NULL,
    individuals INTEGER NOT NULL, bad INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS funders(
    funder_no INTEGER PRIMARY KEY, org_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    website TEXT, grants INTEGER NOT NULL DEFAULT 0, gbp_grants INTEGER NOT NULL DEFAULT 0,
    min_pence INTEGER, max_pence INTEGER, median_pence INTEGER,
    small INTEGER NOT NULL DEFAULT 0, earliest TEXT, latest TEXT);
CREATE TABLE IF NOT EXISTS grants(
    no INTEGER PRIMARY KEY, id TEXT NOT NULL, funder_no INTEGER NOT NULL,
    amount_pence INTEGER NOT NULL, currency TEXT NOT NULL, award_date TEXT NOT NULL,
    small INTEGER NOT NULL, title TEXT NOT NULL, recipient_name TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grant_fts USING fts5(
    title, description, content='', contentless_delete=1, detail=none,
    tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS grant_fts_vocab USING fts5vocab(grant_fts, row);
CREATE TABLE IF NOT EXISTS places(place_no INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS grant_places(
    place_no INTEGER NOT NULL, grant_key INTEGER NOT NULL,
    PRIMARY KEY(place_no, grant_key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS word_counts(
    term TEXT PRIMARY KEY, grants INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS authority_names(
    code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY(code, name)) WITHOUT ROWID;
";

/// How many (place, grant) pairs are held before they are written: 16 MB.
const PLACES_AT_ONCE: usize = 1 << 20;

/// How many bits of a grant's key hold its funder's number: room for a
/// million funders (360Giving has a few hundred publishers).
const FUNDER_BITS: u32 = 20;

/// A grant's key in the word index and the place index: its own number
/// (`grants.no`) in the high bits and its funder's number in the low
/// [`FUNDER_BITS`], so a hit names its funder with no lookup. Keys rise
/// with the grants' numbers, so the word index is written in order (FTS5
/// writes out what it holds whenever a key comes in lower than the last).
pub fn grant_key(funder_no: i64, no: i64) -> i64 {
    (no << FUNDER_BITS) | funder_no
}

/// The funder and the grant number of a [`grant_key`].
pub fn split_key(key: i64) -> (i64, i64) {
    (key & ((1 << FUNDER_BITS) - 1), key >> FUNDER_BITS)
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(
        "no grants data has been imported yet. Download grants from GrantNav (grantnav.threesixtygiving.org) as CSV or JSON, then run `alongside grants-data import FILE` (or `alongside grants-data import --sample` to try made-up data with the demo group)"
    )]
    Missing,
    #[error(
        "the grants data index {path} could not be used: {source}. It is rebuilt from the downloaded files: delete it and run `alongside grants-data import FILE...` again"
    )]
    Damaged {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the grants data index {path} was made by another version of alongside, which kept it differently, so this version does not read it. It holds nothing that is not in the files it was made from: delete it and import them again with `alongside grants-data import {files}`"
    )]
    OtherVersion { path: PathBuf, files: String },
}

/// Where the index lives in a data folder.
pub fn path(data: &DataDir) -> PathBuf {
    data.grants_index()
}

/// An open index.
pub struct Index {
    pub(super) conn: Connection,
    path: PathBuf,
}

impl Index {
    /// Opens the index to read. [`IndexError::Missing`] if nothing has been
    /// imported.
    pub fn open(data: &DataDir) -> Result<Index, IndexError> {
        let path = path(data);
        if !path.is_file() {
            return Err(IndexError::Missing);
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| IndexError::Damaged {
            path: path.clone(),
            source,
        })?;
        // Pages are read into SQLite's own cache (up to 64 MB, taken only
        // as pages are read), not through a memory map: `nearby` reads its
        // pages inside one transaction, so each is read and made ready
        // once; through a map, every visit to a page made it ready again
        // and the kernel mapped sixteen pages for each one touched (at a
        // million grants, 48 ms of processor time against 33 ms).
        conn.execute_batch("PRAGMA mmap_size = 0; PRAGMA cache_size = -65536;")
            .map_err(|source| IndexError::Damaged {
                path: path.clone(),
                source,
            })?;
        let index = Index { conn, path };
        index.check_version()?;
        Ok(index)
    }

    /// Opens the index to write, creating it if needed.
    pub fn create(data: &DataDir) -> Result<Index, IndexError> {
        let path = path(data);
        let damaged = |source| IndexError::Damaged {
            path: path.clone(),
            source,
        };
        let conn = Connection::open(&path).map_err(damaged)?;
        let index = Index {
            conn,
            path: path.clone(),
        };
        // A crash of the program mid-import leaves the index as it was
        // (rollback journal); a power cut might not, which is why the
        // messages say the index can be rebuilt from the files.
        index
            .conn
            .execute_batch(
                "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;",
            )
            .map_err(damaged)?;
        let fresh: bool = index
            .conn
            .query_row(
                "SELECT count(*) = 0 FROM sqlite_master WHERE name = 'meta'",
                [],
                |r| r.get(0),
            )
            .map_err(damaged)?;
        // An index of another version is left as it is (the tables
        // below are not added to it).
        if !fresh {
            index.check_version()?;
        }
        index.conn.execute_batch(SCHEMA).map_err(damaged)?;
        if fresh {
            index
                .conn
                .execute(
                    "INSERT INTO meta(key, value) VALUES('schema', ?1)",
                    [SCHEMA_VERSION.to_string()],
                )
                .map_err(damaged)?;
        }
        index.check_version()?;
        Ok(index)
    }

    fn check_version(&self) -> Result<(), IndexError> {
        let version: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|source| self.damaged(source))?;
        if version.as_deref() != Some(&SCHEMA_VERSION.to_string()) {
            // The files it was made from, to import again (if it is whole
            // enough to say).
            let files: Vec<String> = self
                .conn
                .prepare("SELECT path FROM files ORDER BY path")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<_>>()
                })
                .unwrap_or_default();
            let mut again: Vec<String> = files
                .iter()
                .map(|f| match f.as_str() {
                    super::SAMPLE_NAME => "--sample".to_string(),
                    f if f.contains(char::is_whitespace) => format!("'{f}'"),
                    f => f.to_string(),
                })
                .collect();
            if again.is_empty() {
                again.push("FILE...".to_string());
            }
            return Err(IndexError::OtherVersion {
                path: self.path.clone(),
                files: again.join(" "),
            });
        }
        Ok(())
    }

    pub(super) fn damaged(&self, source: rusqlite::Error) -> IndexError {
        IndexError::Damaged {
            path: self.path.clone(),
            source,
        }
    }

    pub fn file_path(&self) -> &Path {
        &self.path
    }

    /// What is loaded: files, funders, grants, dates.
    pub fn status(&self) -> Result<Status, IndexError> {
        let q = || -> rusqlite::Result<Status> {
            let mut files = Vec::new();
            let mut stmt = self.conn.prepare(
                "SELECT path, imported_at, grants, individuals, bad FROM files ORDER BY path",
            )?;
            for row in stmt.query_map([], |r| {
                Ok(FileRecord {
                    path: r.get(0)?,
                    imported_at: r.get(1)?,
                    grants: r.get(2)?,
                    individuals: r.get(3)?,
                    bad: r.get(4)?,
                })
            })? {
                files.push(row?);
            }
            // From the funders' figures, not a scan of every grant.
            let (grants, earliest, newest): (u64, Option<String>, Option<String>) =
                self.conn.query_row(
                    "SELECT coalesce(sum(grants), 0), min(earliest), max(latest) FROM funders",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
            let funders: u64 =
                self.conn
                    .query_row("SELECT count(*) FROM funders WHERE grants > 0", [], |r| {
                        r.get(0)
                    })?;
            Ok(Status {
                files,
                funders,
                grants,
                earliest,
                newest,
            })
        };
        q().map_err(|e| self.damaged(e))
    }

    /// Starts an import: one transaction until [`Writer::finish`].
    pub fn writer(&mut self) -> Result<Writer<'_>, IndexError> {
        Writer::start(self)
    }
}

/// One file's line in `grants-data status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileRecord {
    pub path: String,
    pub imported_at: String,
    pub grants: u64,
    pub individuals: u64,
    pub bad: u64,
}

/// What `grants-data status` shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub files: Vec<FileRecord>,
    pub funders: u64,
    pub grants: u64,
    pub earliest: Option<String>,
    pub newest: Option<String>,
}

/// Adds grants inside one transaction. Dropped without `finish`, nothing
/// is changed.
///
/// Grants are found again by identifier through a map in memory (a hash
/// of each identifier and its number, loaded from the index when the
/// import starts: twelve bytes a grant), not an index in the database:
/// keeping a unique index of a million random strings up to date was the
/// largest part of an import's time.
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    funders: HashMap<String, i64>,
    places: HashMap<String, i64>,
    authority_names: std::collections::HashSet<(String, String)>,
    /// Hash of a grant's identifier to its number.
    ids: HashMap<u64, u32>,
    /// Identifiers whose hash another identifier already has (in practice
    /// never, but an import must not lose a grant to a coincidence).
    collided: HashMap<String, u32>,
    next_no: i64,
    /// (place number, grant key) for this import's grants, written in order
    /// at the end.
    grant_places: Vec<(u32, i64)>,
    replaced: u64,
    named: std::collections::HashSet<i64>,
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    // A fixed hasher, so the same identifier has the same hash in every
    // run (the map is rebuilt from the table, so this is not stored).
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(id)
}

impl<'a> Writer<'a> {
    fn start(index: &'a mut Index) -> Result<Writer<'a>, IndexError> {
        let path = index.path.clone();
        let damaged = |source| IndexError::Damaged {
            path: path.clone(),
            source,
        };
        let tx = index.conn.transaction().map_err(damaged)?;
        // The word index holds this much in memory before writing a
        // segment (1 MB unless set): fewer, larger segments to merge.
        tx.execute(
            "INSERT INTO grant_fts(grant_fts, rank) VALUES('hashsize', ?1)",
            [16 << 20],
        )
        .map_err(damaged)?;
        let load = |sql: &str| -> rusqlite::Result<HashMap<String, i64>> {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        let funders = load("SELECT org_id, funder_no FROM funders").map_err(damaged)?;
        let places = load("SELECT key, place_no FROM places").map_err(damaged)?;
        let mut writer = Writer {
            funders,
            places,
            authority_names: Default::default(),
            ids: HashMap::new(),
            collided: HashMap::new(),
            next_no: 1,
            grant_places: Vec::new(),
            replaced: 0,
            named: Default::default(),
            tx,
        };
        writer.load_ids().map_err(damaged)?;
        Ok(writer)
    }

    /// The identifiers already in the index.
    fn load_ids(&mut self) -> rusqlite::Result<()> {
        let mut stmt = self.tx.prepare("SELECT no, id FROM grants")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let no: i64 = row.get(0)?;
            let id = row.get_ref(1)?.as_str().unwrap_or_default();
            self.next_no = self.next_no.max(no + 1);
            if let Some(first) = self.ids.insert(id_hash(id), no as u32) {
                // Put back the first; keep this one by its whole identifier.
                self.ids.insert(id_hash(id), first);
                self.collided.insert(id.to_string(), no as u32);
            }
        }
        Ok(())
    }

    fn funder_no(&mut self, grant: &Grant) -> rusqlite::Result<i64> {
        if let Some(no) = self.funders.get(&grant.funder_id) {
            return Ok(*no);
        }
        self.tx
            .prepare_cached("INSERT INTO funders(org_id, name, website) VALUES(?1, ?2, ?3)")?
            .execute(params![
                grant.funder_id,
                grant.funder_name,
                grant.funder_website
            ])?;
        let no = self.tx.last_insert_rowid();
        if no >= 1 << FUNDER_BITS {
            return Err(rusqlite::Error::ToSqlConversionFailure(
                "more than a million funders: the index numbers funders in 20 bits".into(),
            ));
        }
        self.funders.insert(grant.funder_id.clone(), no);
        Ok(no)
    }

    fn place_no(&mut self, key: &str) -> rusqlite::Result<i64> {
        if let Some(no) = self.places.get(key) {
            return Ok(*no);
        }
        self.tx
            .prepare_cached("INSERT INTO places(key) VALUES(?1)")?
            .execute([key])?;
        let no = self.tx.last_insert_rowid();
        self.places.insert(key.to_string(), no);
        Ok(no)
    }

    /// Adds one grant, replacing an earlier grant with the same identifier.
    pub fn add(&mut self, grant: &Grant) -> Result<(), IndexError> {
        self.add_inner(grant).map_err(|source| IndexError::Damaged {
            path: PathBuf::from(FILE_NAME),
            source,
        })
    }

    /// The number of the grant already in the index with this identifier.
    fn existing(&mut self, id: &str) -> rusqlite::Result<Option<u32>> {
        if let Some(no) = self.collided.get(id) {
            return Ok(Some(*no));
        }
        let Some(&no) = self.ids.get(&id_hash(id)) else {
            return Ok(None);
        };
        let same: bool = self
            .tx
            .prepare_cached("SELECT id = ?2 FROM grants WHERE no = ?1")?
            .query_row(params![no, id], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        Ok(same.then_some(no))
    }

    fn add_inner(&mut self, grant: &Grant) -> rusqlite::Result<()> {
        let old = self.existing(&grant.id)?;
        if let Some(old) = old {
            // The same grant again (a re-import, or a newer file from the
            // same funder): the newer copy replaces it.
            self.remove(old)?;
            self.replaced += 1;
        }
        let funder_no = self.funder_no(grant)?;
        let no = self.next_no;
        self.next_no += 1;
        let hash = id_hash(&grant.id);
        match self.ids.get(&hash) {
            // The hash is another identifier's.
            Some(n) if old != Some(*n) => {
                self.collided.insert(grant.id.clone(), no as u32);
            }
            _ => {
                self.ids.insert(hash, no as u32);
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO grants(no, id, funder_no, amount_pence, currency, award_date, small,
                                    title, recipient_name)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                no,
                grant.id,
                funder_no,
                grant.amount_pence,
                grant.currency,
                grant.award_date,
                grant.small,
                grant.title,
                grant.recipient_name
            ])?;
        let key = grant_key(funder_no, no);
        // The words go straight into the word index; the description is
        // kept nowhere else (nothing shows it).
        self.tx
            .prepare_cached("INSERT INTO grant_fts(rowid, title, description) VALUES(?1, ?2, ?3)")?
            .execute(params![key, grant.title, grant.description])?;
        for place in &grant.places {
            let place_no = self.place_no(place)?;
            self.grant_places.push((place_no as u32, key));
        }
        if self.grant_places.len() >= PLACES_AT_ONCE {
            self.write_places()?;
        }
        for pair in &grant.authority_names {
            if !self.authority_names.contains(pair) {
                self.authority_names.insert(pair.clone());
            }
        }
        // A funder's name and website as this import gives them (once a
        // funder per import, not once a grant).
        if self.named.insert(funder_no) {
            self.tx
                .prepare_cached(
                    "UPDATE funders SET name = ?2, website = coalesce(?3, website)
                     WHERE funder_no = ?1 AND (name <> ?2 OR ?3 IS NOT NULL)",
                )?
                .execute(params![funder_no, grant.funder_name, grant.funder_website])?;
        }
        Ok(())
    }

    /// Takes out a grant already in the index (its places are swept out at
    /// the end).
    fn remove(&mut self, no: u32) -> rusqlite::Result<()> {
        let funder_no: i64 =
            self.tx
                .query_row("SELECT funder_no FROM grants WHERE no = ?1", [no], |r| {
                    r.get(0)
                })?;
        self.tx.execute(
            "DELETE FROM grant_fts WHERE rowid = ?1",
            [grant_key(funder_no, i64::from(no))],
        )?;
        self.tx.execute("DELETE FROM grants WHERE no = ?1", [no])?;
        Ok(())
    }

    /// Writes the grants' places held so far, in the table's own order, so
    /// rows go in next to each other rather than all over the B-tree.
    fn write_places(&mut self) -> rusqlite::Result<()> {
        self.grant_places.sort_unstable();
        self.grant_places.dedup();
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO grant_places(place_no, grant_key) VALUES(?1, ?2)",
        )?;
        for (place, key) in &self.grant_places {
            stmt.execute(params![place, key])?;
        }
        self.grant_places.clear();
        Ok(())
    }

    /// Records a file as imported.
    pub fn record_file(
        &mut self,
        path: &str,
        grants: u64,
        individuals: u64,
        bad: u64,
    ) -> Result<(), IndexError> {
        self.tx
            .execute(
                "INSERT OR REPLACE INTO files(path, imported_at, grants, individuals, bad)
                 VALUES(?1, ?2, ?3, ?4, ?5)",
                params![
                    path,
                    crate::dates::Moment::now().to_string(),
                    grants,
                    individuals,
                    bad
                ],
            )
            .map(|_| ())
            .map_err(|source| IndexError::Damaged {
                path: PathBuf::from(FILE_NAME),
                source,
            })
    }

    /// Writes the place index and the funder figures, and commits. Nothing
    /// is saved until this returns.
    pub fn finish(self) -> Result<(), IndexError> {
        self.finish_inner().map_err(|source| IndexError::Damaged {
            path: PathBuf::from(FILE_NAME),
            source,
        })
    }

    fn finish_inner(mut self) -> rusqlite::Result<()> {
        if self.replaced > 0 {
            self.tx.execute(
                &format!(
                    "DELETE FROM grant_places WHERE (grant_key >> {FUNDER_BITS}) NOT IN (SELECT no FROM grants)"
                ),
                [],
            )?;
        }
        // In the table's own order, so each row is appended to the B-tree
        // rather than placed among the others.
        self.grant_places.sort_unstable();
        self.grant_places.dedup();
        {
            let mut stmt = self.tx.prepare(
                "INSERT OR IGNORE INTO grant_places(place_no, grant_key) VALUES(?1, ?2)",
            )?;
            for (place, key) in &self.grant_places {
                stmt.execute(params![place, key])?;
            }
        }
        {
            let mut stmt = self
                .tx
                .prepare("INSERT OR IGNORE INTO authority_names(code, name) VALUES(?1, ?2)")?;
            for (code, name) in &self.authority_names {
                stmt.execute(params![code, name])?;
            }
        }
        update_funder_figures(&self.tx)?;
        count_words(&self.tx)?;
        self.tx.commit()
    }
}

/// Works out each funder's figures from all its grants: how many, the
/// range and median of amounts in pounds sterling, how many went to small
/// groups, the first and last award dates. Read in one pass in the
/// table's own order, with each funder's amounts kept in memory (eight
/// bytes a grant).
fn update_funder_figures(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    #[derive(Default)]
    struct Figures {
        grants: i64,
        amounts: Vec<i64>,
        small: i64,
        earliest: Option<String>,
        latest: Option<String>,
    }
    let mut by_funder: HashMap<i64, Figures> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT funder_no, amount_pence, currency, award_date, small FROM grants")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let f = by_funder.entry(row.get(0)?).or_default();
            f.grants += 1;
            if row.get_ref(2)?.as_str().ok() == Some("GBP") {
                f.amounts.push(row.get(1)?);
            }
            let date = row.get_ref(3)?.as_str().unwrap_or_default();
            if f.earliest.as_deref().is_none_or(|e| date < e) {
                f.earliest = Some(date.to_string());
            }
            if f.latest.as_deref().is_none_or(|l| date > l) {
                f.latest = Some(date.to_string());
            }
            f.small += row.get::<_, i64>(4)?;
        }
    }
    tx.execute(
        "UPDATE funders SET grants = 0, gbp_grants = 0, min_pence = NULL, max_pence = NULL,
         median_pence = NULL, small = 0, earliest = NULL, latest = NULL",
        [],
    )?;
    let mut stmt = tx.prepare(
        "UPDATE funders SET grants = ?2, gbp_grants = ?3, min_pence = ?4, max_pence = ?5,
         median_pence = ?6, small = ?7, earliest = ?8, latest = ?9 WHERE funder_no = ?1",
    )?;
    for (no, mut f) in by_funder {
        f.amounts.sort_unstable();
        stmt.execute(params![
            no,
            f.grants,
            f.amounts.len() as i64,
            f.amounts.first(),
            f.amounts.last(),
            median(&f.amounts),
            f.small,
            f.earliest,
            f.latest
        ])?;
    }
    Ok(())
}

/// Counts how many grants use each word (each stem the word index
/// keeps), for `nearby` to read one row a word instead of asking
/// `fts5vocab`, which reads the word's whole list of grants every time.
/// Counted again from the word index after every import, so grants that
/// were replaced or taken out are never counted.
fn count_words(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM word_counts;
         INSERT INTO word_counts(term, grants) SELECT term, doc FROM grant_fts_vocab;",
    )
}

/// The middle amount of a sorted list (the mean of the two middle ones,
/// to the penny below, when the count is even).
pub fn median(sorted: &[i64]) -> Option<i64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 2, 10]), Some(2));
        assert_eq!(median(&[1, 2, 4, 10]), Some(3));
    }

    fn grant(id: &str, funder: &str, title: &str, places: &[&str]) -> Grant {
        Grant {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            currency: "GBP".into(),
            amount_pence: 10_000,
            award_date: "2025-01-01".into(),
            funder_id: funder.into(),
            funder_name: funder.into(),
            funder_website: None,
            recipient_id: String::new(),
            recipient_name: "A group".into(),
            small: true,
            places: places.iter().map(|p| p.to_string()).collect(),
            authority_names: Vec::new(),
        }
    }

    fn hits(index: &Index, words: &str) -> Vec<(i64, i64)> {
        index
            .conn
            .prepare("SELECT rowid FROM grant_fts WHERE grant_fts MATCH ?1 ORDER BY rowid")
            .unwrap()
            .query_map([words], |r| Ok(split_key(r.get(0)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn places_of(index: &Index) -> Vec<(String, i64)> {
        index
            .conn
            .prepare(
                "SELECT p.key, gp.grant_key FROM grant_places gp JOIN places p USING(place_no)
                 ORDER BY 1, 2",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_grant_again_replaces_its_words_places_and_funder() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let mut index = Index::create(&data).unwrap();
        let mut w = index.writer().unwrap();
        w.add(&grant("g1", "GB-CHC-1", "Stroke club", &["n:leeds"]))
            .unwrap();
        w.add(&grant("g2", "GB-CHC-2", "Carers cafe", &["n:leeds"]))
            .unwrap();
        // The same identifier twice in one import: the second wins.
        w.add(&grant("g2", "GB-CHC-2", "Carers choir", &["n:leeds"]))
            .unwrap();
        w.finish().unwrap();
        assert_eq!(hits(&index, "stroke"), vec![(1, 1)]);
        assert_eq!(hits(&index, "cafe"), vec![]);
        assert_eq!(hits(&index, "choir"), vec![(2, 3)]);

        // A later import moves g1 to another funder, words and place.
        let mut w = index.writer().unwrap();
        w.add(&grant("g1", "GB-CHC-2", "Allotment tools", &["n:bradford"]))
            .unwrap();
        w.finish().unwrap();
        assert_eq!(hits(&index, "stroke"), vec![]);
        assert_eq!(hits(&index, "allotment"), vec![(2, 4)]);
        assert_eq!(
            places_of(&index),
            vec![
                ("n:bradford".to_string(), grant_key(2, 4)),
                ("n:leeds".to_string(), grant_key(2, 3)),
            ]
        );
        let status = index.status().unwrap();
        assert_eq!((status.grants, status.funders), (2, 1));
    }

    /// (term, grants) from the table `nearby` reads.
    fn word_counts(index: &Index) -> Vec<(String, i64)> {
        rows(index, "SELECT term, grants FROM word_counts ORDER BY term")
    }

    fn rows(index: &Index, sql: &str) -> Vec<(String, i64)> {
        index
            .conn
            .prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The counts must be the word index's own, and the grants that use
    /// each word must be the ones a search finds.
    fn assert_counts_agree(index: &Index) {
        let counts = word_counts(index);
        assert_eq!(
            counts,
            rows(index, "SELECT term, doc FROM grant_fts_vocab ORDER BY term")
        );
        for (term, grants) in &counts {
            let found: i64 = index
                .conn
                .query_row(
                    "SELECT count(*) FROM grant_fts WHERE grant_fts MATCH ?1",
                    [format!("\"{term}\"")],
                    |r| r.get(0),
                )
                .unwrap();
            // A stem searched for is stemmed again, which can give another
            // stem: only compare those that stay the same.
            if found > 0 {
                assert_eq!(found, *grants, "{term}");
            }
        }
    }

    #[test]
    fn word_counts_agree_with_the_index_after_import_reimport_and_removal() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let mut index = Index::create(&data).unwrap();
        let batch = [
            grant("g1", "GB-CHC-1", "Stroke club", &[]),
            grant("g2", "GB-CHC-1", "Stroke survivors choir", &[]),
            grant("g3", "GB-CHC-2", "Carers choir", &[]),
        ];
        let import = |index: &mut Index, grants: &[Grant]| {
            let mut w = index.writer().unwrap();
            for g in grants {
                w.add(g).unwrap();
            }
            w.finish().unwrap();
        };
        import(&mut index, &batch);
        let first = word_counts(&index);
        let count = |t: &str| first.iter().find(|(w, _)| w == t).map(|(_, n)| *n);
        assert_eq!(count("stroke"), Some(2));
        assert_eq!(count("choir"), Some(2));
        assert_eq!(count("carer"), Some(1));
        assert_counts_agree(&index);

        // The same grants again: nothing changes.
        import(&mut index, &batch);
        assert_eq!(word_counts(&index), first);
        assert_counts_agree(&index);

        // g2 replaced with other words, g3 moved to another funder: the old
        // words of g2 are taken out of the index and out of the counts.
        import(
            &mut index,
            &[
                grant("g2", "GB-CHC-1", "Allotment tools", &[]),
                grant("g3", "GB-CHC-1", "Carers choir", &[]),
            ],
        );
        let after = word_counts(&index);
        let count = |t: &str| after.iter().find(|(w, _)| w == t).map(|(_, n)| *n);
        assert_eq!(count("stroke"), Some(1));
        assert_eq!(count("choir"), Some(1));
        assert_eq!(count("survivor"), None);
        assert_eq!(count("allot"), Some(1));
        assert_counts_agree(&index);
    }

    #[test]
    fn fts5_is_compiled_in() {
        let conn = Connection::open_in_memory().unwrap();
        let options: Vec<String> = conn
            .prepare("PRAGMA compile_options")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            options.iter().any(|o| o == "ENABLE_FTS5"),
            "FTS5 missing from {options:?}"
        );
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61');
             INSERT INTO t(x) VALUES('Stroke survivors'' café'), ('Allotment tools');",
        )
        .unwrap();
        let hit: String = conn
            .query_row("SELECT x FROM t WHERE t MATCH 'strokes'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(hit, "Stroke survivors' café");
    }
}
