//! Reading one funder profile, the step `match` repeats for every file in
//! a folder of thousands: the whole check (`funders::check_source`), and
//! its parts, so a change to the parse path can be measured on its own.
//!
//! Run with `cargo bench --bench parse`; docs/performance.md section 2 has
//! the results.

use std::hint::black_box;

use alongside::funders::{Profile, check_source};
use criterion::{Criterion, criterion_group, criterion_main};

const LARGEST: &str = include_str!("../funders/awards-for-all-england.toml");

fn bench(c: &mut Criterion) {
    let file = "awards-for-all-england.toml";
    c.bench_function("check_source_awards_for_all", |b| {
        b.iter(|| check_source(file, black_box(LARGEST)).unwrap())
    });
    c.bench_function("toml_from_str_profile", |b| {
        b.iter(|| toml::from_str::<Profile>(black_box(LARGEST)).unwrap())
    });
    c.bench_function("toml_from_str_table", |b| {
        b.iter(|| toml::from_str::<toml::Table>(black_box(LARGEST)).unwrap())
    });
    c.bench_function("toml_detable_parse", |b| {
        b.iter(|| toml::de::DeTable::parse(black_box(LARGEST)).unwrap())
    });
    let profile = check_source(file, LARGEST).unwrap();
    let json = serde_json::to_string(&profile).unwrap();
    c.bench_function("serde_json_from_str_profile", |b| {
        b.iter(|| serde_json::from_str::<Profile>(black_box(&json)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
