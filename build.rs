//! Compiles every funder profile in `funders/` into the binary, so adding a
//! profile is adding a file: no list to keep in step by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
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
