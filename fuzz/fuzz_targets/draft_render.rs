//! A draft rendered from any answers and wording, for every built-in
//! funder and every format: never a panic, and the text formats carry no
//! control characters.
#![no_main]

use std::sync::OnceLock;

use alongside::bank::Bank;
use alongside::dates::Moment;
use alongside::drafting::{DraftContext, Format, Templates, render};
use alongside::funders::{Catalogue, Sources};
use alongside::group::Group;
use alongside::vocab::Vocabularies;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::load(&Sources::Standard {
            user_dir: "/nonexistent/alongside/funders".into(),
        })
    })
}

fuzz_target!(|input: (u8, bool, Vec<common::Edit>)| {
    let (which, with_notes, edits) = input;
    let profiles = &catalogue().profiles;
    let profile = &profiles[which as usize % profiles.len()].profile;
    let ids: Vec<&str> = vec![profile.id.as_str()];
    let mut group = Group::new(
        "Draft",
        "draft",
        Moment::from_unix_seconds(1_700_000_000).unwrap(),
    );
    common::apply(&mut group, edits, &ids);
    // Wording for the funder's real questions too.
    let texts: Vec<String> = group
        .answers
        .values()
        .filter_map(|a| match &a.value {
            alongside::bank::AnswerValue::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    for (q, text) in profile.questions.iter().zip(texts) {
        group.set_wording(
            &profile.id,
            &q.id,
            text,
            alongside::group::Author::Group,
            Moment::from_unix_seconds(1_700_000_100).unwrap(),
        );
    }
    let context = DraftContext::build(
        &group,
        profile,
        Bank::builtin().unwrap(),
        Vocabularies::builtin(),
        "2026-11-20".parse().unwrap(),
        with_notes,
    );
    // Loading the templates is the slow part; they depend only on the funder.
    TEMPLATES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let templates = cache
            .entry(profile.id.clone())
            .or_insert_with(|| Templates::load(None, &profile.id).unwrap());
        check(&context, templates);
    });
});

thread_local! {
    static TEMPLATES: std::cell::RefCell<std::collections::HashMap<String, Templates>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn check(context: &DraftContext, templates: &Templates) {
    for format in Format::ALL {
        let bytes = render(format, context, templates).unwrap();
        if format.is_text() {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "a control character in the {format:?} draft"
            );
        }
    }
}
