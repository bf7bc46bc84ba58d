//! The draft as a Word document, built with docx-rs from the same context
//! the templates get: headings, each question with its limit and the
//! group's answer (or a clear gap), the budget as a table, and the papers
//! to send. Word has no template language, so user templates do not apply
//! here; the layout is this file.
//!
//! Large print by default (14 point, a plain sans-serif font), because the
//! document is often printed and read together at a group meeting.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::context::{BudgetPart, DraftContext, QuestionPart};

/// Half-points: Word measures font sizes in halves of a point.
pub(crate) const BODY: usize = 28;
pub(crate) const HEADING_1: usize = 40;
pub(crate) const HEADING_2: usize = 32;

/// An A4 page in twentieths of a point, with 2.5 cm margins (1417 is
/// 2.4997 cm), leaving this much for the text and every table.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_417;
pub(crate) const TEXT_WIDTH: usize = (PAGE_WIDTH as usize) - 2 * (MARGIN as usize);

/// A new document in the house style: large print, space after every
/// paragraph (in the default style, so Word's own styles inherit it), A4
/// with 2.5 cm margins, "Page N" in the footer, and the two heading styles.
pub(crate) fn document() -> Docx {
    Docx::new()
        .default_size(BODY)
        .default_fonts(font())
        .default_line_spacing(LineSpacing::new().after(160).line(276))
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(709)
                .footer(709),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("Page "))
                    .add_page_num(PageNum::new()),
            ),
        )
        .add_style(heading("Heading1", "heading 1", HEADING_1, 0))
        .add_style(heading("Heading2", "heading 2", HEADING_2, 1))
        .add_abstract_numbering(
            docx_rs::AbstractNumbering::new(BULLETS).add_level(
                docx_rs::Level::new(
                    0,
                    docx_rs::Start::new(1),
                    docx_rs::NumberFormat::new("bullet"),
                    docx_rs::LevelText::new("\u{2022}"),
                    docx_rs::LevelJc::new("left"),
                )
                .indent(
                    Some(567),
                    Some(docx_rs::SpecialIndentType::Hanging(283)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(docx_rs::Numbering::new(BULLETS, BULLETS))
}

/// The id of the bullet list every document defines. Not 1: docx-rs
/// always writes a numbered list of its own as 1, and LibreOffice takes
/// the first of two lists with the same id, which printed every bullet as
/// "1.", "2.", "3.".
const BULLETS: usize = 2;

/// One item of a real Word bullet list (not a typed "- ").
pub(crate) fn bullet(text: &str) -> Paragraph {
    lines(text).numbering(
        docx_rs::NumberingId::new(BULLETS),
        docx_rs::IndentLevel::new(0),
    )
}

/// Packs a document and finishes it (language, properties, header rows).
pub(crate) fn pack(
    doc: Docx,
    props: &super::word_finish::Properties<'_>,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    doc.build()
        .pack(std::io::Cursor::new(&mut bytes))
        .map_err(|e| format!("could not make the Word document: {e}"))?;
    super::word_finish::finish(&bytes, props)
}

/// Writes the draft as the bytes of a `.docx` file.
pub fn write_docx(ctx: &DraftContext) -> Result<Vec<u8>, String> {
    let mut doc = document();

    let title: String = if ctx.with_notes {
        format!("Working copy: application to {}", ctx.funder.name)
    } else {
        format!("Application to {}", ctx.funder.name)
    };
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Heading1")
            .add_run(Run::new().add_text(&title)),
    );
    doc = doc.add_paragraph(lines(&format!(
        "From {}. Draft of {}.",
        ctx.group.name, ctx.today
    )));
    if let Some(title) = &ctx.project_title {
        doc = doc.add_paragraph(labelled("Project: ", title));
    }
    doc = doc.add_paragraph(labelled(
        "Asking for: ",
        ctx.ask.as_deref().unwrap_or("not decided yet"),
    ));
    doc = doc.add_paragraph(lines(&format!(
        "{} of {} questions written.",
        ctx.written,
        ctx.questions.len()
    )));
    if ctx.with_notes {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().bold().add_text(
            "This working copy shows who wrote each answer. Do not send it to the funder.",
        )));
    }

    for q in &ctx.questions {
        doc = question(doc, q, ctx.with_notes);
    }

    if let Some(budget) = &ctx.budget {
        doc = doc.add_paragraph(heading_2("Budget"));
        doc = doc.add_table(budget_table(budget));
    }

    if !ctx.documents.is_empty() {
        doc = doc.add_paragraph(heading_2("Papers to send"));
        for d in &ctx.documents {
            let state = if d.ready { "ready" } else { "not ready yet" };
            doc = doc.add_paragraph(bullet(&format!("{}: {state}", d.label)));
        }
    }

    if ctx.with_notes && !ctx.stories.is_empty() {
        doc = doc.add_paragraph(heading_2("Members' stories you may quote to this funder"));
        doc = doc.add_paragraph(lines("Each member agreed their story may go to other funders. Quote one in an answer only if it helps, in the member's own words."));
        for s in &ctx.stories {
            let (quote, whose) = story(&s.text, &format!("{}, {}", s.entry, s.date), s.anonymised);
            doc = doc.add_paragraph(quote).add_paragraph(whose);
        }
    }

    if ctx.with_notes && !ctx.funder.terms.is_empty() {
        doc = doc.add_paragraph(heading_2("The funder's words"));
        for t in &ctx.funder.terms {
            doc = doc.add_paragraph(labelled(&format!("{}: ", t.term), &t.meaning));
        }
    }

    pack(
        doc,
        &super::word_finish::Properties {
            title: &title,
            author: &ctx.group.name,
            created: &ctx.today_iso,
        },
    )
}

fn question(mut doc: Docx, q: &QuestionPart, with_notes: bool) -> Docx {
    doc = doc.add_paragraph(heading_2(&format!("{}. {}", q.number, q.prompt)));
    let mut about = String::new();
    if let Some(limit) = &q.limit {
        about.push_str(&format!("Limit: {limit}. "));
    }
    if q.text.is_some() {
        about.push_str(&format!("Now: {}.", q.count));
    }
    if !about.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(Run::new().italic().add_text(about.trim_end())),
        );
    }
    if q.text.is_none() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(Run::new().bold().add_text("Not written yet.")),
        );
    }
    for p in &q.paragraphs {
        doc = doc.add_paragraph(lines(p));
    }
    if with_notes {
        if let (Some(author), Some(at)) = (&q.author, &q.written_at) {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .italic()
                        .add_text(format!("Written by {author}, {at}.")),
                ),
            );
        }
        if let Some(tips) = &q.tips {
            doc = doc.add_paragraph(labelled("The funder's tips: ", tips));
        }
        if !q.from_your_answers.is_empty() {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .bold()
                        .add_text("From your answers (to start from, not to copy):"),
                ),
            );
            for o in &q.from_your_answers {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(Run::new().bold().add_text(&o.prompt)),
                );
                doc = doc.add_paragraph(lines(o.answer.as_deref().unwrap_or("Not answered yet.")));
                if let Some(note) = &o.note {
                    doc = doc.add_paragraph(labelled("Coaching note: ", note));
                }
            }
        }
    }
    doc
}

fn budget_table(budget: &BudgetPart) -> Table {
    let mut rows = vec![(
        vec![
            "Item".to_string(),
            "Kind of cost".to_string(),
            "Amount".to_string(),
        ],
        true,
    )];
    for line in &budget.lines {
        rows.push((
            vec![line.item.clone(), line.kind.clone(), line.amount.clone()],
            false,
        ));
    }
    rows.push((
        vec!["Total".to_string(), String::new(), budget.total.clone()],
        true,
    ));
    // Shares of the text width: item, kind, amount.
    table(rows, &[false, false, true], &[5, 3, 2])
}

/// A plain table as wide as the text: each row its cells and whether it is
/// bold (the first bold row is the header, repeated on each page and kept
/// with the row after it); `right` says which columns hold amounts, aligned
/// right and never wrapped; `shares` divide the text width between columns.
pub(crate) fn table(rows: Vec<(Vec<String>, bool)>, right: &[bool], shares: &[usize]) -> Table {
    let total: usize = shares.iter().sum::<usize>().max(1);
    let mut widths: Vec<usize> = shares.iter().map(|s| TEXT_WIDTH * s / total).collect();
    // Rounding down leaves a few twips: give them to the first column.
    if let Some(first) = widths.first_mut() {
        *first += TEXT_WIDTH - shares.iter().map(|s| TEXT_WIDTH * s / total).sum::<usize>();
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(r, (cells, bold))| {
            let row = TableRow::new(
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let run = if bold { Run::new().bold() } else { Run::new() }.add_text(text);
                        let p = Paragraph::new().add_run(run);
                        let p = if r == 0 { p.keep_next(true) } else { p };
                        let money = right.get(i).copied().unwrap_or(false);
                        let p = if money {
                            p.align(AlignmentType::Right)
                        } else {
                            p
                        };
                        let cell = TableCell::new()
                            .width(widths.get(i).copied().unwrap_or(0), WidthType::Dxa)
                            .add_paragraph(p);
                        // The bottom alignment marks a money cell, which
                        // word_finish then keeps from wrapping.
                        if money {
                            cell.vertical_align(VAlignType::Bottom)
                        } else {
                            cell
                        }
                    })
                    .collect(),
            );
            // "Can't split" marks the header row, which word_finish then
            // repeats at the top of each page.
            if r == 0 && bold {
                row.cant_split()
            } else {
                row
            }
        })
        .collect();
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

pub(crate) fn font() -> RunFonts {
    RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial")
}

/// A heading style Word and LibreOffice both recognise by name, with an
/// outline level so it shows in the navigation pane.
pub(crate) fn heading(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .line_spacing(LineSpacing::new().before(360).after(120))
        .outline_lvl(level)
}

pub(crate) fn heading_2(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading2")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

pub(crate) fn labelled(label: &str, text: &str) -> Paragraph {
    with_lines(
        Paragraph::new().add_run(Run::new().bold().add_text(label)),
        text,
    )
}

/// A member's story as bids and returns both show it: their words in
/// quotation marks, in italics, on one line; then, in brackets, where it
/// is from (`from`: the entry and the day, or the day) and whether names
/// were taken out.
pub(crate) fn story(text: &str, from: &str, anonymised: bool) -> (Paragraph, Paragraph) {
    let quote = Paragraph::new().add_run(
        Run::new()
            .italic()
            .add_text(format!("\u{201c}{}\u{201d}", text.replace('\n', " "))),
    );
    let names = if anonymised { ", names taken out" } else { "" };
    (quote, lines(&format!("({from}{names})")))
}

/// One paragraph; single line breaks inside it stay line breaks.
pub(crate) fn lines(text: &str) -> Paragraph {
    with_lines(Paragraph::new(), text)
}

fn with_lines(mut p: Paragraph, text: &str) -> Paragraph {
    for (i, line) in text.split('\n').enumerate() {
        let run = Run::new();
        let run = if i > 0 {
            run.add_break(BreakType::TextWrapping)
        } else {
            run
        };
        p = p.add_run(run.add_text(line));
    }
    p
}
