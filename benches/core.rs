//! The core jobs behind every screen and command: reading a group file,
//! loading the built-in funder profiles, and matching one group against
//! them all.
//!
//! Run with `cargo bench --bench core`; docs/performance.md has the results.

use std::hint::black_box;
use std::path::PathBuf;

use alongside::funders::{Catalogue, Sources};
use alongside::vocab::Vocabularies;
use criterion::{Criterion, criterion_group, criterion_main};

const DEMO_FILE: &str = include_str!("../src/demo/demo-group.toml");

fn no_user_profiles() -> Sources {
    Sources::Standard {
        user_dir: PathBuf::from("/nonexistent/alongside/funders"),
    }
}

fn bench(c: &mut Criterion) {
    let demo = alongside::group::parse("demo.toml", DEMO_FILE).unwrap();
    let demo_text = alongside::group::to_text(&demo).unwrap();
    c.bench_function("parse_demo_group_file", |b| {
        b.iter(|| alongside::group::parse("demo.toml", black_box(&demo_text)).unwrap())
    });
    c.bench_function("write_demo_group_file", |b| {
        b.iter(|| alongside::group::to_text(black_box(&demo)).unwrap())
    });

    let catalogue = Catalogue::load(&no_user_profiles());
    assert!(catalogue.problems.is_empty());
    let count = catalogue.profiles.len();
    c.bench_function(&format!("load_{count}_builtin_funder_profiles"), |b| {
        b.iter(|| Catalogue::load(black_box(&no_user_profiles())))
    });

    let today = "2026-11-20".parse().unwrap();
    let vocab = Vocabularies::builtin();
    c.bench_function(&format!("match_demo_group_against_{count}_profiles"), |b| {
        b.iter(|| {
            alongside::matching::match_all(
                black_box(&demo),
                catalogue.profiles.iter().map(|l| &l.profile),
                today,
                vocab,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
