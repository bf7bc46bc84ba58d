//! The index: one SQLite database, `grants-data.sqlite` in the data folder.
//! It holds only what `nearby` needs, in narrow tables so a query over a
//! million grants reads little: the grants' numbers in `grants`, their
//! words in `grant_text` (searched through the FTS5 table `grant_fts`),
//! the places each names in `grant_places`, and per-funder figures worked
//! out once at the end of each import in `funders`.
//!
//! Writing happens in one transaction per import ([`Writer`]); secondary
//! indexes, the word index and the funder figures are rebuilt after the
//! rows are in, which is much faster than keeping them up to date row by
//! row.

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
const SCHEMA_VERSION: i64 = 2;

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
    no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, funder_no INTEGER NOT NULL,
    amount_pence INTEGER NOT NULL, currency TEXT NOT NULL, award_date TEXT NOT NULL,
    small INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grant_text(
    no INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL,
    recipient_name TEXT NOT NULL, recipient_id TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grant_fts USING fts5(
    title, description, content='grant_text', content_rowid='no', detail=none,
    tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS grant_fts_vocab USING fts5vocab(grant_fts, row);
CREATE TABLE IF NOT EXISTS places(place_no INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS grant_places(
    place_no INTEGER NOT NULL, funder_no INTEGER NOT NULL, grant_no INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS authority_names(
    code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY(code, name)) WITHOUT ROWID;
";

/// Built after the rows are in (and dropped before a big import).
const AFTER_INSERT: &str = "
CREATE INDEX IF NOT EXISTS grant_places_by_place ON grant_places(place_no, funder_no, grant_no);
";
const DROP_AFTER_INSERT: &str = "
DROP INDEX IF EXISTS grant_places_by_place;
";

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
        "the grants data index {path} was made by another version of alongside. Delete it and import your files again with `alongside grants-data import FILE...`"
    )]
    OtherVersion { path: PathBuf },
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
        // Reading through a memory map saves copying every page read into
        // SQLite's own cache: most of `nearby`'s time over a large index.
        conn.execute_batch("PRAGMA mmap_size = 2147483648;")
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
            return Err(IndexError::OtherVersion {
                path: self.path.clone(),
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
            let (grants, earliest, newest): (u64, Option<String>, Option<String>) =
                self.conn.query_row(
                    "SELECT count(*), min(award_date), max(award_date) FROM grants",
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
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    funders: HashMap<String, i64>,
    places: HashMap<String, i64>,
    authority_names: std::collections::HashSet<(String, String)>,
    /// Grants numbered above this came in with this import: their words go
    /// into the word index at the end.
    watermark: i64,
    replaced: u64,
    named: std::collections::HashSet<i64>,
}

impl<'a> Writer<'a> {
    fn start(index: &'a mut Index) -> Result<Writer<'a>, IndexError> {
        let path = index.path.clone();
        let damaged = |source| IndexError::Damaged {
            path: path.clone(),
            source,
        };
        let tx = index.conn.transaction().map_err(damaged)?;
        let load = |sql: &str| -> rusqlite::Result<HashMap<String, i64>> {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        let funders = load("SELECT org_id, funder_no FROM funders").map_err(damaged)?;
        let places = load("SELECT key, place_no FROM places").map_err(damaged)?;
        let watermark: i64 = tx
            .query_row("SELECT coalesce(max(no), 0) FROM grants", [], |r| r.get(0))
            .map_err(damaged)?;
        tx.execute_batch(DROP_AFTER_INSERT).map_err(damaged)?;
        Ok(Writer {
            tx,
            funders,
            places,
            authority_names: Default::default(),
            watermark,
            replaced: 0,
            named: Default::default(),
        })
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

    fn add_inner(&mut self, grant: &Grant) -> rusqlite::Result<()> {
        let funder_no = self.funder_no(grant)?;
        let insert = self
            .tx
            .prepare_cached(
                "INSERT INTO grants(id, funder_no, amount_pence, currency, award_date, small)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                grant.id,
                funder_no,
                grant.amount_pence,
                grant.currency,
                grant.award_date,
                grant.small
            ]);
        match insert {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                // The same grant again (a re-import, or a newer file from
                // the same funder): the newer copy replaces it.
                self.remove(&grant.id)?;
                self.replaced += 1;
                return self.add_inner(grant);
            }
            Err(e) => return Err(e),
        }
        let no = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached(
                "INSERT INTO grant_text(no, title, description, recipient_name, recipient_id)
                 VALUES(?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                no,
                grant.title,
                grant.description,
                grant.recipient_name,
                grant.recipient_id
            ])?;
        for key in &grant.places {
            let place_no = self.place_no(key)?;
            self.tx
                .prepare_cached(
                    "INSERT INTO grant_places(place_no, funder_no, grant_no) VALUES(?1, ?2, ?3)",
                )?
                .execute(params![place_no, funder_no, no])?;
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

    /// Takes out a grant already in the index.
    fn remove(&mut self, id: &str) -> rusqlite::Result<()> {
        let (no, title, description): (i64, String, String) = self.tx.query_row(
            "SELECT g.no, t.title, t.description FROM grants g JOIN grant_text t ON t.no = g.no WHERE g.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if no <= self.watermark {
            // Only grants from earlier imports are in the word index yet.
            self.tx.execute(
                "INSERT INTO grant_fts(grant_fts, rowid, title, description) VALUES('delete', ?1, ?2, ?3)",
                params![no, title, description],
            )?;
        }
        self.tx.execute("DELETE FROM grants WHERE no = ?1", [no])?;
        self.tx
            .execute("DELETE FROM grant_text WHERE no = ?1", [no])?;
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

    /// Builds the indexes, the word index and the funder figures, and
    /// commits. Nothing is saved until this returns.
    pub fn finish(self) -> Result<(), IndexError> {
        self.finish_inner().map_err(|source| IndexError::Damaged {
            path: PathBuf::from(FILE_NAME),
            source,
        })
    }

    fn finish_inner(self) -> rusqlite::Result<()> {
        if self.replaced > 0 {
            self.tx.execute(
                "DELETE FROM grant_places WHERE grant_no NOT IN (SELECT no FROM grants)",
                [],
            )?;
        }
        self.tx.execute(
            "INSERT INTO grant_fts(rowid, title, description)
             SELECT no, title, description FROM grant_text WHERE no > ?1",
            [self.watermark],
        )?;
        {
            let mut stmt = self
                .tx
                .prepare("INSERT OR IGNORE INTO authority_names(code, name) VALUES(?1, ?2)")?;
            for (code, name) in &self.authority_names {
                stmt.execute(params![code, name])?;
            }
        }
        self.tx.execute_batch(AFTER_INSERT)?;
        update_funder_figures(&self.tx)?;
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
