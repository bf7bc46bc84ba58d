//! The built-in funder profiles: every `funders/*.toml` in the repository,
//! listed by `build.rs` and compiled into the binary.

include!(concat!(env!("OUT_DIR"), "/builtin_funders.rs"));
