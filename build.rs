//! Compiles the built-in data folders into the binary, so adding a funder
//! profile or a template is adding a file: no list to keep in step by hand.
//!
//! - `funders/*.toml` becomes `builtin_funders.rs`.
//! - `templates/**/*.tera` becomes `builtin_templates.rs`, each named by its
//!   path inside `templates/` with `/` separators (`funders/ID/application.md.tera`).
//! - the question bank and the vocabularies (`src/bank/*.toml`) are also
//!   written as JSON, which the program reads at start-up: the same data,
//!   read several times faster than TOML (reading the TOML was half of the
//!   time of `alongside draft`). The TOML stays the file people edit.

use std::fmt::Write;
use std::path::Path;

fn main() {
    funders();
    templates();
    data_as_json();
}

fn data_as_json() {
    for (source, json) in [
        ("src/bank/questions.toml", "questions.json"),
        ("src/bank/vocabularies.toml", "vocabularies.json"),
    ] {
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        // A mistake here is reported again, with its line, by the unit
        // tests that read the TOML itself.
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join(json);
        std::fs::write(target, serde_json::to_string(&table).unwrap()).unwrap();
    }
}

fn funders() {
    let dir = Path::new("funders");
    println!("cargo:rerun-if-changed=funders");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("pub const FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=funders/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/funders/{name}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_funders.rs");
    std::fs::write(target, out).unwrap();
}

fn templates() {
    println!("cargo:rerun-if-changed=templates");
    let mut names = Vec::new();
    collect_templates(Path::new("templates"), "", &mut names);
    names.sort();
    let mut out = String::from("pub const TEMPLATES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=templates/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/templates/{name}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_templates.rs");
    std::fs::write(target, out).unwrap();
}

/// Every `*.tera` file under `dir`, as a `/`-separated path after `prefix`.
fn collect_templates(dir: &Path, prefix: &str, names: &mut Vec<String>) {
    // Cargo only re-runs this script for changes it was told about; a new
    // subfolder (a new funder's templates) must be watched as well.
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            collect_templates(&path, &format!("{prefix}{name}/"), names);
        } else if name.ends_with(".tera") {
            names.push(format!("{prefix}{name}"));
        }
    }
}
