//! Finishing a packed Word file: what docx-rs 0.4 cannot set is written
//! into the XML parts of the zip after it has packed them. British English
//! on the default style (spelling and hyphenation), the document's
//! properties (title, author = the group, created date), header rows that
//! repeat on each page, and money cells that do not wrap.
//!
//! The layout code marks what to change with attributes docx-rs can write
//! (a header row "can't split"; a money cell is aligned to the bottom), so
//! the edits here are exact replacements, never guesses.

use std::io::{Cursor, Read, Write};

/// The document's properties, as Word shows them under File > Info.
pub struct Properties<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// The day written, `YYYY-MM-DD`.
    pub created: &'a str,
}

/// The marker the layout code puts on header rows.
pub(crate) const HEADER_ROW: &str = "<w:cantSplit />";
/// The marker the layout code puts on money cells.
pub(crate) const MONEY_CELL: &str = "<w:vAlign w:val=\"bottom\" />";

const LANG: &str = "<w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\" />";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn finish_part(name: &str, xml: String, props: &Properties<'_>) -> String {
    match name {
        // Last in the run properties, where the schema puts it.
        "word/styles.xml" => xml.replacen(
            "</w:rPr></w:rPrDefault>",
            &format!("{LANG}</w:rPr></w:rPrDefault>"),
            1,
        ),
        "word/document.xml" => xml
            .replace(HEADER_ROW, "<w:cantSplit /><w:tblHeader />")
            .replace(MONEY_CELL, &format!("<w:noWrap />{MONEY_CELL}")),
        "docProps/core.xml" => {
            let created = format!("{}T00:00:00Z", props.created);
            let mut xml = xml
                .replace(
                    "<dc:creator>unknown</dc:creator>",
                    &format!("<dc:creator>{}</dc:creator>", escape(props.author)),
                )
                .replace(
                    "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                    &format!(
                        "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
                        escape(props.author)
                    ),
                )
                .replace("1970-01-01T00:00:00Z", &created);
            xml = xml.replacen(
                "</cp:coreProperties>",
                &format!(
                    "<dc:title>{}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>",
                    escape(props.title)
                ),
                1,
            );
            xml
        }
        _ => xml,
    }
}

/// Rewrites a packed `.docx` with the finishing touches.
pub fn finish(packed: &[u8], props: &Properties<'_>) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("could not finish the Word document: {e}");
    let mut input = zip::ZipArchive::new(Cursor::new(packed)).map_err(|e| fail(&e))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut file = input.by_index(i).map_err(|e| fail(&e))?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| fail(&e))?;
        if name.ends_with(".xml")
            && let Ok(xml) = String::from_utf8(bytes.clone())
        {
            bytes = finish_part(&name, xml, props).into_bytes();
        }
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafting::docx::TEXT_WIDTH;

    /// One part of a `.docx`, as text.
    pub(crate) fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    /// The numbers in every `<TAG ... ATTR="N"` of `xml`.
    fn numbers(xml: &str, tag: &str, attr: &str) -> Vec<usize> {
        xml.split(&format!("<{tag} "))
            .skip(1)
            .filter_map(|rest| {
                let value = rest.split(&format!("{attr}=\"")).nth(1)?;
                value.split('"').next()?.parse().ok()
            })
            .collect()
    }

    fn demo_return() -> Vec<u8> {
        let group = crate::demo::demo_group().unwrap();
        let grant = &group.grants[0];
        let facts = crate::monitoring::summary::build(
            &group.name,
            grant,
            "Southampton Community Chest",
            crate::group::ReportKind::Interim,
            crate::dates::Day::new(2026, 11, 26).unwrap(),
            crate::vocab::Vocabularies::builtin(),
        );
        crate::monitoring::document::write_docx(&facts).unwrap()
    }

    #[test]
    fn the_return_has_spacing_margins_tables_within_the_text_language_and_properties() {
        let docx = demo_return();
        let styles = part(&docx, "word/styles.xml");
        let defaults = styles.split("</w:docDefaults>").next().unwrap();
        assert!(
            defaults.contains("<w:spacing w:after=\"160\""),
            "{defaults}"
        );
        assert!(defaults.contains("<w:lang w:val=\"en-GB\""), "{defaults}");
        assert!(
            styles.contains("w:styleId=\"Heading2\"") && styles.contains("w:before=\"360\""),
            "headings have space before them"
        );
        let doc = part(&docx, "word/document.xml");
        for side in ["w:left", "w:right", "w:top", "w:bottom"] {
            let margins = numbers(&doc, "w:pgMar", side);
            assert!(
                !margins.is_empty() && margins.iter().all(|m| *m <= 1_418),
                "{side} {margins:?}: at most 2.5 cm"
            );
        }
        let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
        assert_eq!(tables.len(), 3, "months, sessions and money");
        for t in &tables {
            let t = t.split("</w:tbl>").next().unwrap();
            assert!(numbers(t, "w:tblW", "w:w").iter().all(|w| *w <= TEXT_WIDTH));
            let grid: usize = numbers(t, "w:gridCol", "w:w").iter().sum();
            assert!(
                grid <= TEXT_WIDTH,
                "columns {grid} wider than the text {TEXT_WIDTH}"
            );
            assert!(t.contains("<w:tblHeader />"), "the header row repeats");
            // The header row is never split and never left alone at the
            // foot of a page: each of its paragraphs keeps with the next row.
            let header = t.split("</w:tr>").next().unwrap();
            assert!(
                header.contains("<w:cantSplit /><w:tblHeader />"),
                "{header}"
            );
            let cells = header.matches("<w:tc>").count();
            assert!(
                cells > 0 && header.matches("<w:keepNext />").count() == cells,
                "{header}"
            );
            let body = t.split("</w:tr>").nth(1).unwrap();
            assert!(
                !body.contains("<w:tblHeader />"),
                "only the first row repeats"
            );
        }
        assert!(doc.contains("<w:noWrap />"), "money does not wrap");
        assert!(doc.contains("£490 under"));
        assert!(
            doc.contains("<w:numPr><w:numId w:val=\"2\" /><w:ilvl w:val=\"0\" />"),
            "notes are a real list"
        );
        // The list the notes name is a bullet list, and the only list with
        // its id (LibreOffice reads the first of two with the same id).
        let numbering = part(&docx, "word/numbering.xml");
        assert_eq!(
            numbering
                .matches("<w:abstractNum w:abstractNumId=\"2\">")
                .count(),
            1
        );
        assert_eq!(numbering.matches("<w:num w:numId=\"2\">").count(), 1);
        let bullets = numbering
            .split("<w:abstractNum w:abstractNumId=\"2\">")
            .nth(1)
            .unwrap();
        assert!(
            bullets
                .split("</w:abstractNum>")
                .next()
                .unwrap()
                .contains("w:val=\"bullet\""),
            "{numbering}"
        );
        let footer = part(&docx, "word/footer1.xml");
        assert!(
            footer.contains("PAGE"),
            "page numbers in the footer: {footer}"
        );
        let core = part(&docx, "docProps/core.xml");
        for want in [
            "<dc:title>Interim return to Southampton Community Chest</dc:title>",
            "<dc:creator>Riverside Aphasia Café</dc:creator>",
            "2026-11-26T00:00:00Z</dcterms:created>",
        ] {
            assert!(core.contains(want), "{want}: {core}");
        }
    }

    #[test]
    fn properties_are_escaped() {
        let xml = finish_part(
            "docProps/core.xml",
            "<dc:creator>unknown</dc:creator></cp:coreProperties>".into(),
            &Properties {
                title: "A & <B>",
                author: "\"C\"",
                created: "2026-01-02",
            },
        );
        assert_eq!(
            xml,
            "<dc:creator>&quot;C&quot;</dc:creator><dc:title>A &amp; &lt;B&gt;</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>"
        );
    }
}
