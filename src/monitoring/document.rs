//! A return as a document: Markdown, plain text and HTML through the same
//! templates system as drafts (`return.*.tera`, with the user's own and
//! per-funder ones over them), and Word built here. The HTML attendance
//! chart is drawn by alongside as SVG from numbers alone, so nothing from
//! the group's text reaches it unescaped.

use docx_rs::{Paragraph, Run};
use serde::Serialize;

use super::summary::{Attendance, ReturnData};
use crate::drafting::docx::{bullet, heading_2, labelled, lines, story, table};
use crate::drafting::{DraftError, Format, Templates};

/// What the return templates are given: the return's facts, the chart,
/// and today's date.
#[derive(Debug, Serialize)]
pub struct ReturnContext<'a> {
    #[serde(flatten)]
    pub data: &'a ReturnData,
    pub attendance_svg: String,
    pub today: String,
}

/// The template file for a format; Word has none.
pub fn template_file(format: Format) -> Option<&'static str> {
    match format {
        Format::Markdown => Some("return.md.tera"),
        Format::Text => Some("return.txt.tera"),
        Format::Html => Some("return.html.tera"),
        Format::Docx => None,
    }
}

pub fn render(
    format: Format,
    data: &ReturnData,
    templates: &Templates,
    today: &str,
) -> Result<Vec<u8>, DraftError> {
    let Some(file) = template_file(format) else {
        return write_docx(data).map_err(DraftError::Word);
    };
    let name = templates
        .pick(file, &data.funder_id)
        .ok_or(DraftError::NoTemplate(file))?;
    let context = ReturnContext {
        data,
        attendance_svg: attendance_svg(&data.attendance),
        today: today.to_string(),
    };
    Ok(templates.render(name, &context)?.into_bytes())
}

/// At most this many bars are drawn one per session; a longer year is
/// drawn one bar per month, so the chart still fits on one printed page.
pub const CHART_SESSIONS: usize = 26;

/// The chart's lettering, in the SVG's own units. The chart is 640 units
/// wide and printed across the text of an A4 page (about 640 CSS pixels),
/// so 19 units is about 14 points: the body size of the printed return.
const CHART_TEXT: u32 = 19;

/// A bar chart of how many came, as inline SVG, made to be read on paper:
/// one bar across the page for each session (or each month, for more than
/// `CHART_SESSIONS` sessions), its date at the start of its row and the
/// number at the end of the bar, all at body size.
pub fn attendance_svg(a: &Attendance) -> String {
    if a.sessions.is_empty() {
        return String::new();
    }
    let (bars, each): (Vec<(String, u32)>, &str) = if a.sessions.len() <= CHART_SESSIONS {
        (
            a.sessions
                .iter()
                .map(|s| (s.date.clone(), s.came))
                .collect(),
            "session",
        )
    } else {
        (
            a.months.iter().map(|m| (m.month.clone(), m.came)).collect(),
            "month",
        )
    };
    // Room for the longest date ("29 September 2026") at the left, and
    // for a three-figure number after the longest bar.
    let (width, label, after, row, top) = (640u32, 200u32, 56u32, 30u32, 34u32);
    let plot = width - label - after;
    let most = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let height = top + row * bars.len() as u32 + 8;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"attendance-title\" font-family=\"Arial, Verdana, Helvetica, sans-serif\" font-size=\"{CHART_TEXT}\">\
<title id=\"attendance-title\">How many came each {each}: {} {each}s, from {} to {most} people</title>\
<text x=\"0\" y=\"{CHART_TEXT}\" font-weight=\"bold\">{}</text><text x=\"{label}\" y=\"{CHART_TEXT}\" font-weight=\"bold\">People who came</text>\
<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\"/>",
        bars.len(),
        bars.iter().map(|b| b.1).min().unwrap_or(0),
        if each == "month" { "Month" } else { "Session" },
        label - 4,
        top - 4,
        label - 4,
        height - 4,
    );
    for (i, (date, came)) in bars.iter().enumerate() {
        let y = top + i as u32 * row;
        let w = (came * plot / most).max(u32::from(*came > 0) * 2);
        let baseline = y + row / 2 + CHART_TEXT / 3;
        svg.push_str(&format!(
            "<g><text x=\"0\" y=\"{baseline}\">{}</text><rect x=\"{label}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#1f5fa8\"/><text x=\"{}\" y=\"{baseline}\">{came}</text></g>",
            escape(date),
            y + 4,
            row - 8,
            label + w + 6,
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The return as a Word document.
pub fn write_docx(r: &ReturnData) -> Result<Vec<u8>, String> {
    let mut doc = crate::drafting::docx::document();
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Heading1")
            .add_run(Run::new().add_text(&r.title)),
    );
    doc = doc.add_paragraph(labelled("From: ", &r.group));
    doc = doc.add_paragraph(labelled(
        "Grant: ",
        &format!("{}, {} to {}", r.amount, r.grant_start, r.grant_end),
    ));
    if let Some(reference) = &r.reference {
        doc = doc.add_paragraph(labelled("Grant reference: ", reference));
    }
    doc = doc.add_paragraph(labelled(
        "Covers: ",
        &format!("{} to {}", r.period_from, r.period_to),
    ));
    doc = doc.add_paragraph(labelled("Date: ", &r.report_date));
    if let Some(why) = &r.early_reason {
        doc = doc.add_paragraph(labelled(
            "This report comes before the grant ends because: ",
            why,
        ));
    }

    // Sections with nothing in them are left out, as in the templates.
    if !r.promises.is_empty() {
        doc = doc.add_paragraph(heading_2("What we said we would do, and what happened"));
    }
    for (i, p) in r.promises.iter().enumerate() {
        doc = doc.add_paragraph(lines(&format!("{}. {}", i + 1, p.paragraphs.join("\n"))));
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().bold().add_text(&p.result)));
    }

    let a = &r.attendance;
    if a.total_sessions > 0 {
        doc = doc.add_paragraph(heading_2("Who came"));
        doc = doc.add_paragraph(lines(&format!(
            "{} sessions, {} visits in all, about {} people each time, {} new people.",
            a.total_sessions, a.total_came, a.average, a.total_new
        )));
        let promised = r
            .people_promised
            .map_or(String::new(), |n| format!("; we said {n} would take part"));
        doc = doc.add_paragraph(lines(&format!(
            "At least {} different people came{promised}.",
            a.people_reached
        )));
        for gap in &a.gaps {
            doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().bold().add_text(gap)));
        }
        let mut rows = vec![(
            vec![
                "Month".into(),
                "Sessions".into(),
                "Came".into(),
                "New".into(),
            ],
            true,
        )];
        for m in &a.months {
            rows.push((
                vec![
                    m.month.clone(),
                    m.sessions.to_string(),
                    m.came.to_string(),
                    m.new.to_string(),
                ],
                false,
            ));
        }
        doc = doc.add_table(table(rows, &[false, true, true, true], &[4, 2, 2, 2]));
        doc = doc.add_paragraph(heading_2("Session by session"));
        doc = doc.add_table(attendance_chart(a));
    }

    if !r.spend.is_empty() {
        doc = doc.add_paragraph(heading_2("Money"));
        let mut rows = vec![(
            vec![
                "Budget line".into(),
                "Budget".into(),
                "Spent".into(),
                "Difference".into(),
            ],
            true,
        )];
        for l in &r.spend {
            rows.push((
                vec![
                    l.item.clone(),
                    l.budget.clone(),
                    l.spent.clone(),
                    l.difference.clone(),
                ],
                // A line over its budget stands out in bold.
                l.over,
            ));
        }
        rows.push((
            vec![
                "Total".into(),
                r.budget_total.clone(),
                r.spend_total.clone(),
                r.difference_total.clone(),
            ],
            true,
        ));
        doc = doc.add_table(table(rows, &[false, true, true, true], &[9, 4, 4, 5]));
        for l in r.spend.iter().filter(|l| !l.receipts.is_empty()) {
            doc = doc.add_paragraph(labelled(
                &format!("Receipts for {}: ", l.item),
                &l.receipts.join(", "),
            ));
        }
    }

    if !r.stories.is_empty() {
        doc = doc.add_paragraph(heading_2("In members' words"));
    }
    for s in &r.stories {
        let (quote, whose) = story(&s.text, &s.date, s.anonymised);
        doc = doc.add_paragraph(quote).add_paragraph(whose);
    }
    for group in &r.notes {
        doc = doc.add_paragraph(heading_2(&group.heading));
        for n in &group.notes {
            doc = doc.add_paragraph(bullet(n));
        }
    }
    if let Some(thanks) = &r.thanks {
        doc = doc.add_paragraph(heading_2("Thank you"));
        doc = doc.add_paragraph(lines(thanks));
    }
    if let Some(who) = &r.contact {
        let role = r
            .contact_role
            .as_ref()
            .map_or(String::new(), |role| format!(", {role}"));
        doc = doc.add_paragraph(lines(&format!(
            "Written by {who}{role}, on {}.",
            r.report_date
        )));
    }
    crate::drafting::docx::pack(
        doc,
        &crate::drafting::word_finish::Properties {
            title: &r.title,
            author: &r.group,
            created: &r.report_iso,
        },
    )
}

/// The longest bar in the Word chart, in blocks.
const CHART_BLOCKS: u32 = 16;

/// The attendance chart for Word, as a table that prints anywhere: each
/// session's date, how many came, and a bar of blocks to that length.
fn attendance_chart(a: &Attendance) -> docx_rs::Table {
    let most = a.sessions.iter().map(|s| s.came).max().unwrap_or(1).max(1);
    // The bar column is 7.2 cm; a block at body size is about 0.36 cm, so
    // sixteen fit with the cell's margins (twenty wrapped in LibreOffice).
    let mut rows = vec![(vec!["Session".into(), "Came".into(), "".into()], true)];
    for s in &a.sessions {
        let blocks = (s.came * CHART_BLOCKS).div_ceil(most) as usize;
        rows.push((
            vec![
                s.date.clone(),
                s.came.to_string(),
                "\u{2588}".repeat(blocks),
            ],
            false,
        ));
    }
    table(rows, &[false, true, false], &[4, 2, 5])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Day;
    use crate::group::{Grant, ReportKind, Session, Story};
    use crate::monitoring::fixtures::{day, facts_of};
    use proptest::prelude::*;

    /// The text of a document in any format (Word's is inside a zip).
    fn text_of(format: Format, bytes: &[u8]) -> String {
        if format != Format::Docx {
            return String::from_utf8(bytes.to_vec()).unwrap();
        }
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    }

    /// A return rendered in one format with the built-in templates, as
    /// text (Word's document XML).
    fn rendered(format: Format, facts: &ReturnData) -> String {
        let templates = Templates::load(None, "f").unwrap();
        text_of(format, &render(format, facts, &templates, "today").unwrap())
    }

    fn grant_with(stories: Vec<Story>) -> Grant {
        let mut g = Grant::new(
            "g".into(),
            "f".into(),
            10_000,
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        g.sessions = vec![
            Session {
                date: day(2026, 2, 1),
                came: 8,
                new: 1,
            },
            Session {
                date: day(2026, 3, 1),
                came: 11,
                new: 2,
            },
        ];
        g.stories = stories;
        g
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn a_story_without_consent_never_appears_in_any_format(
            secret in "[A-Za-z]{16,24}",
            shared in "[a-z]{4,12}( [a-z]{2,8}){0,6}",
            anonymised in any::<bool>(),
        ) {
            let grant = grant_with(vec![
                Story { anonymised, ..Story::new(day(2026, 2, 1), format!("Private {secret}"), false) },
                Story::new(day(2026, 3, 1), shared.clone(), true),
            ]);
            for kind in [ReportKind::Interim, ReportKind::Final] {
                let facts = facts_of("G", &grant, kind, day(2026, 12, 31));
                for format in Format::ALL {
                    let text = rendered(format, &facts);
                    prop_assert!(!text.contains(&secret), "{format:?} {kind:?} leaked the story");
                    prop_assert!(text.contains(shared.trim()), "{format:?} lost the shared story");
                }
            }
        }
    }

    #[test]
    fn only_stories_agreed_for_this_report_and_still_in_force_appear_in_any_format() {
        use crate::group::StoryUse;
        let story = |text: &str| Story::new(day(2026, 2, 1), text.into(), true);
        let mut grant = grant_with(vec![
            Story {
                id: "story-1".into(),
                uses: vec![StoryUse::Report],
                ..story("AgreedForThisReport")
            },
            Story {
                id: "story-2".into(),
                uses: vec![StoryUse::OtherFunders, StoryUse::Publicity],
                ..story("OnlyOtherFundersSecret")
            },
            Story {
                id: "story-3".into(),
                until: Some(day(2026, 6, 30)),
                ..story("ExpiredConsentSecret")
            },
            Story {
                id: "story-4".into(),
                uses: vec![StoryUse::Report],
                ..story("WithdrawnLaterSecret")
            },
        ]);
        let mut group = crate::demo::demo_group().unwrap();
        group.grants = vec![grant.clone()];
        crate::monitoring::consent::withdraw(&mut group, "story-4", day(2026, 7, 1)).unwrap();
        grant = group.grants.remove(0);
        for kind in [ReportKind::Interim, ReportKind::Final] {
            let facts = facts_of("G", &grant, kind, day(2026, 12, 31));
            for format in Format::ALL {
                let text = rendered(format, &facts);
                assert!(text.contains("AgreedForThisReport"), "{format:?} {kind:?}");
                for secret in [
                    "OnlyOtherFundersSecret",
                    "ExpiredConsentSecret",
                    "WithdrawnLaterSecret",
                ] {
                    assert!(!text.contains(secret), "{format:?} {kind:?} has {secret}");
                }
            }
        }
        // Before its end date, the expired story was in force.
        let facts = facts_of("G", &grant, ReportKind::Interim, day(2026, 6, 30));
        assert_eq!(facts.stories.len(), 2);
    }

    #[test]
    fn the_chart_is_drawn_from_numbers_and_escapes_dates() {
        let grant = grant_with(Vec::new());
        let facts = facts_of("G", &grant, ReportKind::Final, day(2026, 12, 31));
        let svg = attendance_svg(&facts.attendance);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title id=\"attendance-title\">How many came each session: 2 sessions, from 8 to 11 people</title>"));
        // Every bar has its date and its number beside it, at body size.
        for (date, came) in [("1 February 2026", 8), ("1 March 2026", 11)] {
            assert!(svg.contains(&format!(">{date}</text><rect")), "{svg}");
            assert!(svg.contains(&format!(">{came}</text></g>")), "{svg}");
        }
        // One size for all the lettering, set once on the chart.
        assert_eq!(svg.matches("font-size=").count(), 1);
        assert!(svg.contains("font-size=\"19\""));
        // A year of weekly sessions is drawn month by month, each month named.
        let mut weekly = Grant::new(
            "g".into(),
            "f".into(),
            1,
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        weekly.sessions = (0..40)
            .map(|w| Session {
                date: Day(day(2026, 1, 5).0 + jiff::Span::new().weeks(w)),
                came: 5,
                new: 0,
            })
            .collect();
        let facts = facts_of("G", &weekly, ReportKind::Final, day(2026, 12, 31));
        let svg = attendance_svg(&facts.attendance);
        assert_eq!(svg.matches("<rect").count(), facts.attendance.months.len());
        assert!(svg.contains(">January 2026</text><rect") && svg.contains("each month"));
        assert!(
            attendance_svg(
                &facts_of(
                    "G",
                    &Grant::new("g".into(), "f".into(), 1, day(2026, 1, 1), day(2026, 2, 1)),
                    ReportKind::Final,
                    day(2026, 3, 1),
                )
                .attendance
            )
            .is_empty()
        );
    }

    #[test]
    fn html_escapes_the_groups_words() {
        let mut grant = grant_with(vec![Story::new(
            day(2026, 2, 1),
            "<script>alert(1)</script> & more".into(),
            true,
        )]);
        grant.notes.push(crate::group::LogNote {
            date: day(2026, 2, 2),
            text: "<b>bold</b>".into(),
            kind: crate::group::NoteKind::WentWell,
        });
        let facts = facts_of("<G>", &grant, ReportKind::Final, day(2026, 12, 31));
        let html = rendered(Format::Html, &facts);
        assert!(
            !html.contains("<script>") && !html.contains("<b>bold"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;") && html.contains("&amp; more"));
    }

    #[test]
    fn markdown_keeps_a_promises_paragraphs_in_its_item_and_a_hash_is_not_a_heading() {
        let mut grant = grant_with(Vec::new());
        grant.promises.push(crate::group::Promise {
            what: "Meet every fortnight.\n\n# and twice in August".into(),
            from: None,
            measure: Some("sessions".into()),
            target: Some(26),
        });
        grant.notes.push(crate::group::LogNote {
            date: day(2026, 2, 2),
            text: "# Not a heading\n\nSecond paragraph".into(),
            kind: crate::group::NoteKind::Learned,
        });
        let facts = facts_of("G", &grant, ReportKind::Interim, day(2026, 6, 1));
        let md = rendered(Format::Markdown, &facts);
        assert!(
            md.contains("1. Meet every fortnight.\n\n   \\# and twice in August\n\n   sessions: 2 of 26 so far."),
            "{md}"
        );
        assert!(
            md.contains("- \\# Not a heading\n\n  Second paragraph"),
            "{md}"
        );
        assert!(
            !md.lines()
                .any(|l| l.starts_with("# Not") || l.trim_start().starts_with("# and"))
        );
    }

    #[test]
    fn a_line_over_budget_is_bold_in_word() {
        let mut grant = crate::monitoring::fixtures::grant_with_hall("Hall");
        grant.spending.push(crate::group::Spend {
            date: day(2026, 5, 1),
            pence: 9_001,
            line: "Tea".into(),
            receipt: None,
        });
        let facts = facts_of("G", &grant, ReportKind::Interim, day(2026, 6, 1));
        let xml = text_of(Format::Docx, &write_docx(&facts).unwrap());
        let run = |text: &str| {
            let at = xml.find(&format!(">{text}</w:t>")).unwrap();
            let start = xml[..at].rfind("<w:r>").unwrap();
            xml[start..at].to_string()
        };
        assert!(
            run("£0.01 over").contains("<w:b />"),
            "{}",
            run("£0.01 over")
        );
        assert!(
            !run("£910 under").contains("<w:b />"),
            "{}",
            run("£910 under")
        );
    }
}
