//! Returns for the demo group's grant, in every text format, as snapshots:
//! an interim return part way through the grant and the final report.

use alongside::dates::Day;
use alongside::drafting::{Format, Templates};
use alongside::group::{Grant, Group, ReportKind};
use alongside::monitoring::document;
use alongside::monitoring::summary::{self, ReturnData};
use alongside::vocab::Vocabularies;

/// The facts of a return on one of the demo group's grants to its funder,
/// as `alongside report` builds them.
fn demo_facts(group: &Group, grant: &Grant, kind: ReportKind, today: Day) -> ReturnData {
    summary::build(
        &group.name,
        grant,
        "Southampton Community Chest",
        kind,
        today,
        Vocabularies::builtin(),
    )
}

fn render(kind: ReportKind, format: Format, today: Day) -> String {
    alongside::dates::show_times_in_utc();
    let group = alongside::demo::demo_group().unwrap();
    let grant = group
        .grants
        .iter()
        .find(|g| g.id == "southampton-community-chest-2026")
        .expect("the demo has a grant");
    let facts = demo_facts(&group, grant, kind, today);
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

/// The text of a Word file as LibreOffice lays it out and prints it to
/// PDF, read back with `pdftotext`; `None` (the test skips) when either
/// is missing outside CI. `.ci/run` installs both.
fn printed_text(docx: &[u8]) -> Option<String> {
    use std::process::Command;
    let have = |tool: &str, arg: &str| Command::new(tool).arg(arg).output().is_ok();
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice and pdftotext must be installed in CI (see .ci/run)"
        );
        eprintln!("skipping: soffice or pdftotext is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.docx");
    std::fs::write(&file, docx).unwrap();
    let out = Command::new("pdftotext")
        .arg(crate::common::print_to_pdf("soffice", &file))
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Words with their spacing made even, as a PDF's line breaks fall anywhere.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_word_output_prints_with_page_numbers_and_every_answer() {
    alongside::dates::show_times_in_utc();
    let group = alongside::demo::demo_group().unwrap();
    let grant = &group.grants[0];
    for (kind, today) in [
        (ReportKind::Interim, Day::new(2026, 11, 26).unwrap()),
        (ReportKind::Final, Day::new(2027, 4, 20).unwrap()),
    ] {
        let facts = demo_facts(&group, grant, kind, today);
        let docx = document::write_docx(&facts).unwrap();
        let Some(printed) = printed_text(&docx) else {
            return;
        };
        // Each bar of the chart stays on its own line: one run of blocks
        // per session, none wrapped onto a second line.
        let bars = printed
            .lines()
            .filter(|l| l.trim_start().starts_with('\u{2588}') || l.contains(" \u{2588}"))
            .count();
        assert_eq!(bars, facts.attendance.total_sessions, "{kind:?}: {printed}");
        let printed = flat(&printed);
        assert!(printed.contains("Page 1"), "{kind:?}: {printed}");
        // The notes are a bullet list, not numbered.
        for group in &facts.notes {
            for n in &group.notes {
                assert!(
                    printed.contains(&format!("• {}", flat(n))),
                    "{kind:?}: {printed}"
                );
            }
        }
        let mut wanted: Vec<String> = facts.promises.iter().map(|p| p.what.clone()).collect();
        wanted.extend(facts.stories.iter().map(|s| s.text.clone()));
        wanted.extend(facts.notes.iter().flat_map(|n| n.notes.clone()));
        wanted.extend(facts.thanks.clone());
        wanted.extend(facts.spend.iter().map(|l| l.difference.clone()));
        for want in &wanted {
            assert!(
                printed.contains(&flat(want)),
                "{kind:?} is missing {want:?}: {printed}"
            );
        }
    }

    // The bid, too: every answer it holds is on the printed page. The
    // demo has no wording for a funder yet, so each question gets a line.
    let profile = alongside::funders::check_source(
        "awards-for-all-england.toml",
        include_str!("../../funders/awards-for-all-england.toml"),
    )
    .unwrap();
    let mut group = group.clone();
    for q in &profile.questions {
        group.set_wording(
            &profile.id,
            &q.id,
            format!(
                "Our answer to {}, in our words.\n\nA second paragraph for {}.",
                q.id, q.id
            ),
            alongside::group::Author::Group,
            alongside::dates::Moment::now(),
        );
    }
    let ctx = alongside::drafting::DraftContext::build(
        &group,
        &profile,
        alongside::bank::Bank::builtin().unwrap(),
        Vocabularies::builtin(),
        Day::new(2026, 11, 26).unwrap(),
        false,
    );
    let templates = Templates::load(None, &profile.id).unwrap();
    let docx = alongside::drafting::render(Format::Docx, &ctx, &templates).unwrap();
    let printed = flat(&printed_text(&docx).unwrap());
    let answers: Vec<&String> = ctx.questions.iter().flat_map(|q| &q.paragraphs).collect();
    assert!(!answers.is_empty(), "the demo bid has answers");
    for a in answers {
        assert!(printed.contains(&flat(a)), "the bid is missing {a:?}");
    }
    assert!(
        printed.contains("Page 1") && printed.contains("Page 2"),
        "{printed}"
    );
}
