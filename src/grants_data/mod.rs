//! Open grants data: what UK funders published about the grants they made,
//! in the 360Giving Data Standard, imported into a local SQLite index so a
//! group can see which funders actually gave to groups like it, nearby,
//! with the grants as evidence. Works offline once imported.
//!
//! - `record`  one grant as read, and the readers for amounts, dates,
//!   postcodes and place names
//! - `import`  JSON packages and flat CSV, streamed, into the index
//! - `index`   the SQLite database: tables, writing, status
//! - `nearby`  the tiers of funders for a group
//! - `summary` one funder's figures, to start a profile from
//!
//! Places (councils, ONS codes, regions) are `crate::places`, shared with
//! `match`. Nothing here knows about the terminal. Grants to individuals are never
//! stored.

pub mod import;
pub mod index;
pub mod nearby;
pub mod record;
pub mod summary;

pub use import::{Form, ImportError, Report, import_file, import_reader};
pub use index::{FILE_NAME, Index, IndexError, Status};
pub use nearby::{Area, Nearby, NearbyFunder, Query, Tier, nearby};
pub use summary::{FunderSummary, LookupError, funder_summary, lookup};

/// A small made-up sample in the flat CSV form, written by
/// `examples/grants_data_gen.rs`, so the demo can show nearby funders
/// without a download. Every funder, group and grant in it is invented.
pub const SAMPLE_CSV: &str = include_str!("../demo/grants-sample.csv");

/// The name the sample is recorded under in `grants-data status`.
pub const SAMPLE_NAME: &str = "built-in sample (made-up data)";
