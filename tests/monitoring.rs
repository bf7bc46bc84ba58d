//! Returns for the demo group's grant, in every text format, as snapshots:
//! an interim return part way through the grant and the final report.

use alongside::dates::Day;
use alongside::drafting::{Format, Templates};
use alongside::group::ReportKind;
use alongside::monitoring::{document, summary};
use alongside::vocab::Vocabularies;

fn render(kind: ReportKind, format: Format, today: Day) -> String {
    alongside::dates::show_times_in_utc();
    let group = alongside::demo::demo_group().unwrap();
    let grant = group
        .grants
        .iter()
        .find(|g| g.id == "southampton-community-chest-2026")
        .expect("the demo has a grant");
    let facts = summary::build(
        &group.name,
        grant,
        "Southampton Community Chest",
        kind,
        today,
        Vocabularies::builtin(),
    );
    let templates = Templates::load(None, &grant.funder).unwrap();
    String::from_utf8(document::render(format, &facts, &templates, &today.for_people()).unwrap())
        .unwrap()
}

#[test]
fn interim_and_final_returns_for_the_demo_grant() {
    let interim_day = Day::new(2026, 11, 26).unwrap();
    let final_day = Day::new(2027, 4, 20).unwrap();
    for (kind, today) in [
        (ReportKind::Interim, interim_day),
        (ReportKind::Final, final_day),
    ] {
        for format in [Format::Markdown, Format::Text, Format::Html] {
            let name = format!(
                "return_{}_{}",
                if kind == ReportKind::Interim {
                    "interim"
                } else {
                    "final"
                },
                format.extension()
            );
            insta::assert_snapshot!(name, render(kind, format, today));
        }
    }
}

#[test]
fn the_demo_return_keeps_the_story_without_consent_out() {
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let text = render(ReportKind::Final, format, Day::new(2027, 4, 20).unwrap());
        assert!(!text.contains("lost his job"), "{format:?}");
        assert!(text.contains("My husband laughs again here"), "{format:?}");
    }
}
