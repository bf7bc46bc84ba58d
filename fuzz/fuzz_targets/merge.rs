//! Two copies of a group changed separately, then merged: never a panic,
//! no answer lost, and the merged group saves and reads back the same.
#![no_main]

use alongside::bank::AnswerValue;
use alongside::dates::Moment;
use alongside::group::{Answer, Group};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn values(g: &Group, id: &str) -> Vec<AnswerValue> {
    let mut out = Vec::new();
    let mut add = |a: &Answer| {
        out.push(a.value.clone());
        out.extend(a.history.iter().map(|h| h.value.clone()));
    };
    if let Some(a) = g.answers.get(id) {
        add(a);
    }
    if let Some(c) = g.conflicts.get(id) {
        add(&c.ours);
        add(&c.theirs);
    }
    out
}

fuzz_target!(
    |input: (Vec<common::Edit>, Vec<common::Edit>, Vec<common::Edit>)| {
        let (base, ours_edits, theirs_edits) = input;
        let funders = ["fund-a", "fund-b"];
        let mut group = Group::new(
            "Copy",
            "copy",
            Moment::from_unix_seconds(1_700_000_000).unwrap(),
        );
        common::apply(&mut group, base, &funders);
        let mut ours = group.clone();
        let mut theirs = group;
        common::apply(&mut ours, ours_edits, &funders);
        common::apply(&mut theirs, theirs_edits, &funders);
        let mut merged = ours.clone();
        merged.merge(&theirs);
        for side in [&ours, &theirs] {
            for id in side.answers.keys() {
                let have = values(&merged, id);
                for v in values(side, id) {
                    assert!(have.contains(&v), "{id}: {v:?} lost in the merge");
                }
            }
        }
        let text = alongside::group::to_text(&merged).unwrap();
        assert_eq!(alongside::group::parse("fuzz.toml", &text).unwrap(), merged);
    }
);
