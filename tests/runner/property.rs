//! Property tests: the same code paths as the fuzz targets in `fuzz/`, run
//! with every `cargo test`. Whatever the input, parsing a funder profile or
//! a group file ends in `Ok` or a located error, never a panic; anything
//! saved reads back the same; a draft renders from any answers; merging two
//! copies loses nothing; text helpers keep their promises.
//!
//! A crash found by fuzzing becomes a regression test at the end of this
//! file.

use std::path::PathBuf;

use alongside::bank::{AnswerValue, Bank, BudgetLine};
use alongside::dates::{Day, Moment};
use alongside::drafting::{DraftContext, Format, Templates, render};
use alongside::funders::{Catalogue, Sources, check_source};
use alongside::group::{self, Author, Group};
use alongside::vocab::Vocabularies;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const PROFILES: [&str; 4] = [
    include_str!("../../funders/awards-for-all-england.toml"),
    include_str!("../../funders/tudor-trust.toml"),
    include_str!("../../funders/aviva-community-fund.toml"),
    include_str!("../../funders/alwington-parish-small-grants.toml"),
];
const DEMO_FILE: &str = include_str!("../../src/demo/demo-group.toml");

fn at(secs: i64) -> Moment {
    Moment::from_unix_seconds(1_790_000_000 + secs).unwrap()
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

// ---------------------------------------------------------------------------
// Strategies

/// Text as people paste it: any characters, control characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        any::<String>(),
        "[ -~\\n\\r\\t\\x00\\x1b\\x7f\\u{9b}\\u{202e}\\u{200d}é我👩]{0,40}",
    ]
}

fn value_strategy() -> impl Strategy<Value = AnswerValue> {
    prop_oneof![
        any_text().prop_map(AnswerValue::Text),
        any::<i64>().prop_map(AnswerValue::Number),
        any::<i64>().prop_map(AnswerValue::Money),
        any::<bool>().prop_map(AnswerValue::YesNo),
        any_text().prop_map(AnswerValue::Choice),
        prop::collection::vec(any_text(), 0..4).prop_map(AnswerValue::Choices),
        (1i16..9999, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| AnswerValue::Date(Day::new(y, m, d).unwrap())),
        prop::collection::vec((any_text(), any_text(), any::<i64>()), 0..3).prop_map(|lines| {
            AnswerValue::Budget(
                lines
                    .into_iter()
                    .map(|(item, category, pence)| BudgetLine {
                        item,
                        category,
                        pence,
                    })
                    .collect(),
            )
        }),
    ]
}

fn author() -> impl Strategy<Value = Author> {
    prop_oneof![
        Just(Author::Group),
        Just(Author::Supporter),
        Just(Author::Together)
    ]
}

/// One change a person could make to a group.
#[derive(Debug, Clone)]
enum Edit {
    Answer(String, AnswerValue, Author, i64),
    Wording(String, String, String, Author, i64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let question = prop_oneof![
        Just("who_for".to_string()),
        Just("regular_members".to_string()),
        Just("group_name".to_string()),
        any_text(),
    ];
    prop_oneof![
        3 => (question, value_strategy(), author(), 0i64..1_000_000)
            .prop_map(|(q, v, a, t)| Edit::Answer(q, v, a, t)),
        1 => (any_text(), any_text(), any_text(), author(), 0i64..1_000_000)
            .prop_map(|(f, q, text, a, t)| Edit::Wording(f, q, text, a, t)),
    ]
}

/// The same edits with their times in order from `start`, one second
/// apart, as on one computer whose clock is right.
fn in_order(edits: &[Edit], start: i64) -> Vec<Edit> {
    edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let t = start + i as i64;
            match e.clone() {
                Edit::Answer(q, v, a, _) => Edit::Answer(q, v, a, t),
                Edit::Wording(f, q, text, a, _) => Edit::Wording(f, q, text, a, t),
            }
        })
        .collect()
}

fn apply(group: &mut Group, edits: &[Edit]) {
    for e in edits {
        match e.clone() {
            Edit::Answer(q, v, by, t) => {
                group.set_answer(&q, v, by, at(t));
            }
            Edit::Wording(f, q, text, by, t) => {
                group.set_wording(&f, &q, text, by, at(t));
            }
        }
    }
}

/// Pieces of TOML that look like a group file, to reach past the TOML
/// parser into the checks and the migration.
fn group_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("format = 1\n".to_string()),
        Just("format = 2\n".to_string()),
        Just("format = 0\n".to_string()),
        Just("format = \"1\"\n".to_string()),
        Just("format = -1\n".to_string()),
        any_text().prop_map(|s| format!("name = {}\n", toml_string(&s))),
        any_text().prop_map(|s| format!("slug = {}\n", toml_string(&s))),
        Just("slug = \"a-group\"\n".to_string()),
        Just("created = 2026-01-01T10:00:00Z\n".to_string()),
        Just("updated = 2026-01-01\n".to_string()),
        "round = -?[0-9]{1,20}\n",
        Just("[answers.who_for]\n".to_string()),
        Just("[answers.regular_members]\n".to_string()),
        Just("[[answers.who_for.history]]\n".to_string()),
        Just("[[answers.project_budget.budget]]\n".to_string()),
        any_text().prop_map(|s| format!("[answers.{}]\n", toml_string(&s))),
        any_text().prop_map(|s| format!("[wording.f.{}]\n", toml_string(&s))),
        Just("[notes.who_for]\n".to_string()),
        Just("[conflicts.who_for.ours]\n".to_string()),
        Just("[conflicts.who_for.theirs]\n".to_string()),
        Just("[[grant]]\n".to_string()),
        Just("[[round]]\n".to_string()),
        any_text().prop_map(|s| format!("text = {}\n", toml_string(&s))),
        "number = -?[0-9]{1,25}\n",
        "pence = -?[0-9]{1,25}\n",
        Just("yes = true\n".to_string()),
        any_text().prop_map(|s| format!("choice = {}\n", toml_string(&s))),
        Just("choices = [\"a\", 1, []]\n".to_string()),
        "date = [0-9]{4}-[0-9]{2}-[0-9]{2}\n",
        "at = [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\n",
        prop_oneof![
            Just("group"),
            Just("supporter"),
            Just("together"),
            Just("nobody")
        ]
        .prop_map(|s| format!("by = \"{s}\"\n")),
        "item = \"[a-z ]{0,8}\"\ncategory = \"[a-z_]{0,12}\"\n",
        Just(
            "id = \"g\"\nfunder = \"f\"\npence = 1\nstart = 2027-01-01\nend = 2026-01-01\n"
                .to_string()
        ),
        any_text().prop_map(|s| format!("{s}\n")),
    ]
}

fn group_like_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(group_fragment(), 0..30),
    )
        .prop_map(|(header, parts)| {
            let mut text = if header {
                "format = 1\nname = \"G\"\nslug = \"g\"\ncreated = 2026-01-01T10:00:00Z\nupdated = 2026-01-01T10:00:00Z\n".to_string()
            } else {
                String::new()
            };
            text.extend(parts);
            text
        })
}

/// A real file with some of its lines changed: deleted, repeated, swapped,
/// given another value, or cut short.
fn mutated(source: &'static str) -> impl Strategy<Value = String> {
    let values = prop_oneof![
        Just("\"\"".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        Just("2026-02-30".to_string()),
        Just("1e400".to_string()),
        any_text().prop_map(|s| toml_string(&s)),
    ];
    prop::collection::vec((0usize..5, any::<prop::sample::Index>(), values), 1..6).prop_map(
        move |ops| {
            let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
            for (op, index, value) in ops {
                if lines.is_empty() {
                    break;
                }
                let i = index.index(lines.len());
                match op {
                    0 => {
                        lines.remove(i);
                    }
                    1 => {
                        let line = lines[i].clone();
                        lines.insert(i, line);
                    }
                    2 => {
                        let j = (i + 1) % lines.len();
                        lines.swap(i, j);
                    }
                    3 => {
                        if let Some((key, _)) = lines[i].split_once('=') {
                            lines[i] = format!("{key}= {value}");
                        }
                    }
                    _ => {
                        let line = &lines[i];
                        let cut = line.char_indices().nth(line.chars().count() / 2);
                        lines[i] = line[..cut.map_or(0, |(b, _)| b)].to_string();
                    }
                }
            }
            lines.join("\n")
        },
    )
}

// ---------------------------------------------------------------------------
// Funder profiles

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_as_a_profile_never_panics(source in any::<String>()) {
        if let Err(problems) = check_source("p.toml", &source) {
            prop_assert!(!problems.is_empty());
        }
    }

    #[test]
    fn any_bytes_as_a_profile_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let source = String::from_utf8_lossy(&bytes);
        let _ = check_source("p.toml", &source);
    }

    #[test]
    fn mutated_profiles_never_panic(text in (0usize..PROFILES.len()).prop_flat_map(|i| mutated(PROFILES[i]))) {
        if let Ok(profile) = check_source("p.toml", &text) {
            let again = toml::to_string(&profile).unwrap();
            prop_assert!(check_source("p.toml", &again).is_ok(), "{again}");
        }
    }
}

// ---------------------------------------------------------------------------
// Group files

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_as_a_group_file_never_panics(source in any::<String>()) {
        let _ = group::parse("g.toml", &source);
    }

    #[test]
    fn any_bytes_as_a_group_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = group::parse("g.toml", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn group_like_text_parses_or_is_located(text in group_like_text()) {
        match group::parse("g.toml", &text) {
            Ok(g) => {
                // Whatever was accepted saves and reads back the same.
                prop_assert!(alongside::text::is_valid_slug(&g.slug));
                let saved = group::to_text(&g).unwrap();
                prop_assert_eq!(group::parse("g.toml", &saved).unwrap(), g);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("g.toml"), "{}", e),
        }
    }

    #[test]
    fn a_changed_demo_file_parses_or_is_located(text in mutated(DEMO_FILE)) {
        match group::parse("g.toml", &text) {
            Ok(g) => {
                let saved = group::to_text(&g).unwrap();
                prop_assert_eq!(group::parse("g.toml", &saved).unwrap(), g);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("g.toml"), "{}", e),
        }
    }

    #[test]
    fn any_answers_and_wording_survive_save_then_load(
        name in any_text(),
        edits in prop::collection::vec(edit(), 0..12),
    ) {
        let mut g = Group::new(&name, "a-group", at(0));
        apply(&mut g, &edits);
        let text = group::to_text(&g).unwrap();
        prop_assert_eq!(group::parse("g.toml", &text).unwrap(), g);
    }
}

#[test]
fn answers_survive_the_store_too() {
    // The same round trip through the real save (atomic write, lock,
    // backups) for a few groups with hostile text.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let edits = prop::collection::vec(edit(), 1..10);
    for _ in 0..16 {
        let tmp = tempfile::tempdir().unwrap();
        let data = alongside::paths::DataDir::at(tmp.path().join("data"));
        let mut open =
            alongside::store::OpenGroup::create(&data, "Round Trip", Moment::now()).unwrap();
        let e = edits.new_tree(&mut runner).unwrap().current();
        apply(&mut open.group, &e);
        open.save().unwrap();
        let expected = open.group.clone();
        drop(open);
        let back =
            alongside::store::OpenGroup::open(&data, "round-trip", alongside::store::Access::Read)
                .unwrap();
        assert_eq!(back.group, expected);
    }
}

// ---------------------------------------------------------------------------
// Merging two copies

/// Every value a group holds for `id`: answer, history and any conflict.
fn all_values(g: &Group, id: &str) -> Vec<AnswerValue> {
    let mut out = Vec::new();
    let mut add = |a: &group::Answer| {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merging_two_copies_loses_no_answer(
        base in prop::collection::vec(edit(), 0..6),
        ours_edits in prop::collection::vec(edit(), 0..6),
        theirs_edits in prop::collection::vec(edit(), 0..6),
    ) {
        let mut base_group = Group::new("Copy", "copy", at(0));
        apply(&mut base_group, &in_order(&base, 1));
        let mut ours = base_group.clone();
        let mut theirs = base_group;
        apply(&mut ours, &in_order(&ours_edits, 100));
        apply(&mut theirs, &in_order(&theirs_edits, 103));
        let mut merged = ours.clone();
        let _report = merged.merge(&theirs);
        for side in [&ours, &theirs] {
            for id in side.answers.keys() {
                let have = all_values(&merged, id);
                for v in all_values(side, id) {
                    prop_assert!(have.contains(&v), "{id}: {v:?} lost");
                }
            }
        }
        // The merged group still saves and reads back the same.
        let text = group::to_text(&merged).unwrap();
        prop_assert_eq!(group::parse("g.toml", &text).unwrap(), merged.clone());
    }

    #[test]
    fn merging_a_copy_with_itself_changes_nothing(edits in prop::collection::vec(edit(), 0..10)) {
        let mut g = Group::new("Same", "same", at(0));
        apply(&mut g, &edits);
        let mut merged = g.clone();
        let report = merged.merge(&g);
        prop_assert!(report.is_empty(), "{report:?}");
        prop_assert_eq!(merged, g);
    }
}

// ---------------------------------------------------------------------------
// Drafts rendered from any answers

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::load(&Sources::Standard {
            user_dir: PathBuf::from("/nonexistent/alongside/funders"),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_draft_renders_from_any_answers(
        which in 0usize..18,
        edits in prop::collection::vec(edit(), 0..10),
        wording in prop::collection::vec(any_text(), 0..8),
        with_notes in any::<bool>(),
    ) {
        let profiles = &catalogue().profiles;
        let profile = &profiles[which % profiles.len()].profile;
        let mut g = Group::new("Draft", "draft", at(0));
        // Any amounts, up to the largest a file can hold: sums must not
        // overflow (see `a_draft_with_huge_amounts_does_not_overflow`).
        apply(&mut g, &edits);
        for (q, text) in profile.questions.iter().zip(&wording) {
            g.set_wording(&profile.id, &q.id, text.clone(), Author::Group, at(5));
        }
        for (format, bytes) in drafts_in_every_format(&g, profile, with_notes) {
            prop_assert!(!bytes.is_empty());
            if format.is_text() {
                let text = String::from_utf8(bytes).unwrap();
                for c in text.chars() {
                    prop_assert!(!c.is_control() || c == '\n' || c == '\t', "{:?} in {format:?}", c);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Text helpers

proptest! {
    #[test]
    fn sanitized_text_has_no_control_characters(text in any_text(), keep in any::<bool>()) {
        let clean = alongside::text::sanitize(&text, keep);
        for c in clean.chars() {
            prop_assert!(!c.is_control() || (keep && c == '\n'), "{:?}", c);
        }
        prop_assert_eq!(alongside::text::sanitize(&clean, keep), clean.clone());
    }

    #[test]
    fn slugs_are_always_safe_file_names(name in any_text()) {
        if let Some(slug) = alongside::text::slugify(&name) {
            prop_assert!(alongside::text::is_valid_slug(&slug), "{slug:?}");
        }
    }

    #[test]
    fn wrapping_loses_no_words_and_stays_in_width(text in any_text(), width in 1usize..50) {
        use unicode_width::UnicodeWidthStr;
        // Only text made safe for the screen is wrapped.
        let text = alongside::text::sanitize(&text, true);
        let lines = alongside::text::wrap(&text, width);
        let before: Vec<&str> = text.split_whitespace().collect();
        let after: String = lines.concat();
        prop_assert_eq!(after.split_whitespace().collect::<String>(), before.concat());
        for line in &lines {
            let widest = line.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).max().unwrap_or(0);
            // A single character as people see it (a grapheme) wider than the
            // line cannot be split; anything else fits.
            let one_grapheme = unicode_segmentation::UnicodeSegmentation::graphemes(line.as_str(), true).count() == 1;
            prop_assert!(line.width() <= width.max(widest) || one_grapheme, "{line:?} at {width}");
        }
    }

    #[test]
    fn counting_words_never_panics(text in any_text()) {
        let n = alongside::text::word_count(&text);
        prop_assert!(n <= text.len());
    }
}

/// Found by `merging_two_copies_loses_no_answer`: both copies changed an
/// answer differently, so the first merge leaves a conflict open; merging
/// the same copy again puts its answer into the history as well.
#[test]
fn merging_the_same_copy_twice_changes_nothing_the_second_time() {
    let mut ours = Group::new("Copy", "copy", at(0));
    let mut theirs = ours.clone();
    ours.set_answer(
        "who_for",
        AnswerValue::Text(String::new()),
        Author::Group,
        at(100),
    );
    theirs.set_answer(
        "who_for",
        AnswerValue::Text(String::new()),
        Author::Group,
        at(103),
    );
    theirs.set_answer(
        "who_for",
        AnswerValue::Text("Carers and the people they care for.".into()),
        Author::Group,
        at(104),
    );
    let mut merged = ours.clone();
    merged.merge(&theirs);
    let mut again = merged.clone();
    again.merge(&theirs);
    assert_eq!(again.answers, merged.answers);
    assert_eq!(again.conflicts, merged.conflicts);
}

/// Found by `a_draft_renders_from_any_answers`: budget lines whose pence
/// add up to more than an `i64` holds (a hand-edited or imported file).
#[test]
fn a_draft_with_huge_amounts_does_not_overflow() {
    let mut g = Group::new("Huge", "huge", at(0));
    let line = |pence| BudgetLine {
        item: "Room".into(),
        category: "venue_hire".into(),
        pence,
    };
    g.set_answer(
        "project_budget",
        AnswerValue::Budget(vec![line(i64::MAX / 2 + 1), line(i64::MAX / 2 + 1)]),
        Author::Group,
        at(1),
    );
    for loaded in &catalogue().profiles {
        drafts_in_every_format(&g, &loaded.profile, true);
    }
}

/// A draft of `g` to `profile` in every format with the built-in
/// templates, as of 20 November 2026; rendering must not fail.
fn drafts_in_every_format(
    g: &Group,
    profile: &alongside::funders::Profile,
    with_notes: bool,
) -> Vec<(Format, Vec<u8>)> {
    let context = DraftContext::build(
        g,
        profile,
        Bank::builtin().unwrap(),
        Vocabularies::builtin(),
        "2026-11-20".parse().unwrap(),
        with_notes,
    );
    let templates = Templates::load(None, &profile.id).unwrap();
    Format::ALL
        .into_iter()
        .map(|format| (format, render(format, &context, &templates).unwrap()))
        .collect()
}

// ---------------------------------------------------------------------------
// Regression tests for crashes found by fuzzing (none so far; see
// docs/reliability.md).
