//! alongside: a terminal assistant that helps small self help and mutual
//! aid groups write funding bids and monitoring returns in their own words.
//!
//! The library holds everything; the `alongside` binary only parses the
//! command line and calls in here, so tests drive the real code. The core
//! (bank, group, store, funders) knows nothing of the terminal; `cli` and
//! `tui` are two front ends over the same calls.

pub mod bank;
pub mod cli;
pub mod dates;
pub mod demo;
pub mod drafting;
pub mod error;
pub mod funders;
pub mod grants_data;
pub mod group;
pub mod ids;
pub mod matching;
pub mod monitoring;
pub mod paths;
pub mod places;
pub mod plain;
pub mod share;
pub mod store;
pub mod text;
pub mod toml_errors;
pub mod tui;
pub mod vocab;
pub mod workspace;

pub use error::{Error, ErrorKind};
pub use workspace::Workspace;
