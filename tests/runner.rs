//! Every integration test in one binary, a module per area under
//! `tests/runner/`, sharing `tests/common` (the data folder, the binary
//! runner, the full-screen `Harness`, fixtures). One binary links once
//! instead of once per file, and its tests share one pool of threads, so a
//! slow area no longer holds the others back.
//!
//! Run one area with `cargo test --test runner cli::`, or one test by
//! name. `tests/share.rs` stays a binary of its own (see `STANDALONE`).
//! A new test file is listed below (a `#[path]` module) or in
//! `STANDALONE`; `every_test_file_is_listed` fails otherwise, because
//! Cargo would quietly never run it.

mod common;

#[path = "runner/any_funder.rs"]
mod any_funder;
#[path = "runner/builtin_funders.rs"]
mod builtin_funders;
#[path = "runner/cli.rs"]
mod cli;
#[path = "runner/conventions.rs"]
mod conventions;
#[path = "runner/crash.rs"]
mod crash;
#[path = "runner/drafting.rs"]
mod drafting;
#[path = "runner/e2e_returns.rs"]
mod e2e_returns;
#[path = "runner/e2e_terminal.rs"]
mod e2e_terminal;
#[path = "runner/e2e_ways_out.rs"]
mod e2e_ways_out;
#[path = "runner/grants_data.rs"]
mod grants_data;
#[path = "runner/honest_matching.rs"]
mod honest_matching;
#[path = "runner/hostile.rs"]
mod hostile;
#[path = "runner/json.rs"]
mod json;
#[path = "runner/matching.rs"]
mod matching;
#[path = "runner/monitoring.rs"]
mod monitoring;
#[path = "runner/never_lost.rs"]
mod never_lost;
#[path = "runner/property.rs"]
mod property;
#[path = "runner/rounds.rs"]
mod rounds;
#[path = "runner/tui.rs"]
mod tui;
#[path = "runner/tui_returns.rs"]
mod tui_returns;

/// Test files that are binaries of their own, and why.
const STANDALONE: &[(&str, &str)] = &[(
    "share.rs",
    "sets GIT_CONFIG_NOSYSTEM and GIT_CONFIG_GLOBAL for its whole process (the full-screen program's sync key runs git from inside the test process); changing the environment while other tests' threads start processes is not safe, so it has a process to itself",
)];

/// Fails when a `.rs` file under `tests/` is not part of a test binary:
/// not a module of this runner, not a module of `tests/common`, and not a
/// standalone binary in `STANDALONE`.
#[test]
fn every_test_file_is_listed() {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    /// The files named by `marker "…"` lines, such as `#[path = "runner/cli.rs"]`.
    fn named_after(source: &str, marker: &str, end: &str) -> Vec<String> {
        source
            .lines()
            .filter_map(|l| l.trim().strip_prefix(marker))
            .filter_map(|rest| rest.split_once(end).map(|(name, _)| name.to_string()))
            .collect()
    }

    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut listed: BTreeSet<String> = ["runner.rs", "common/mod.rs"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    listed.extend(named_after(include_str!("runner.rs"), "#[path = \"", "\"]"));
    listed.extend(
        named_after(include_str!("common/mod.rs"), "pub mod ", ";")
            .into_iter()
            .map(|m| format!("common/{m}.rs")),
    );
    listed.extend(STANDALONE.iter().map(|(file, _)| file.to_string()));

    let mut found = Vec::new();
    rust_files(&tests, &mut found);
    let missing: Vec<String> = found
        .iter()
        .map(|p| {
            p.strip_prefix(&tests)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !listed.contains(p))
        .collect();
    assert!(
        missing.is_empty(),
        "these test files are not run by any test binary: {missing:?}. Add each as `#[path = \"runner/NAME.rs\"] mod NAME;` in tests/runner.rs (or, if it must have a process of its own, to STANDALONE with the reason)"
    );
    // And nothing listed is missing: a renamed file is noticed too.
    for file in &listed {
        assert!(
            tests.join(file).is_file(),
            "tests/runner.rs lists {file}, which is not there"
        );
    }
}
