//! Reading 360Giving files, one grant at a time, into the index.
//!
//! - JSON packages (`{"grants": [ ... ], ...}`, or a bare list of grants)
//!   are read with a serde `DeserializeSeed` over the `grants` list, so
//!   only one grant is in memory at once, however large the file.
//! - The flat CSV form (GrantNav's downloads and publishers' spreadsheets)
//!   is read record by record with the `csv` crate; column titles are
//!   matched loosely (case, spaces, GrantNav's "(additional data)") and any
//!   number of numbered locations is read.
//!
//! A grant that cannot be read is reported with its line (CSV) or its
//! place in the list (JSON) and left out; the rest are imported. Grants to
//! individuals are skipped and counted, never stored.

use std::cell::Cell;
use std::fmt;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::index::{IndexError, Writer};
use super::record::{RawGrant, RawPlace, Read as Row};

/// At most this many bad rows are described one by one; the rest are
/// counted.
pub const BAD_ROWS_SHOWN: usize = 20;

/// Which form a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Json,
    Csv,
}

/// A grant that could not be read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BadRow {
    /// `line 12` (CSV) or `grant 7` (the 7th in a JSON file's list).
    pub at: String,
    pub problem: String,
}

/// What importing one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub grants: u64,
    /// Grants to individuals, skipped.
    pub individuals: u64,
    /// How many grants could not be read.
    pub bad: u64,
    /// The first [`BAD_ROWS_SHOWN`] of them.
    pub bad_rows: Vec<BadRow>,
    /// The file stopped being readable part way (broken JSON, a cut-off
    /// download): what was read before it is kept.
    pub stopped: Option<String>,
}

impl Report {
    fn bad(&mut self, at: String, problem: String) {
        self.bad += 1;
        if self.bad_rows.len() < BAD_ROWS_SHOWN {
            self.bad_rows.push(BadRow { at, problem });
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read {path}: {source}. Check the file name and that you can read it")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} does not look like 360Giving data: {problem}. Download grants from GrantNav as CSV or JSON, or use a publisher's 360Giving file"
    )]
    NotGrants { path: String, problem: String },
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Works out a file's form from its name, else from its first character.
pub fn detect_form(path: &Path, first_bytes: &[u8]) -> Form {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => Form::Json,
        Some("csv") => Form::Csv,
        _ => {
            let start = first_bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(first_bytes);
            match start.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') | Some(b'[') => Form::Json,
                _ => Form::Csv,
            }
        }
    }
}

/// Imports one file into the open `writer`. `progress` is told how many
/// bytes have been read, now and then.
pub fn import_file(
    writer: &mut Writer<'_>,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Report, ImportError> {
    let shown = path.display().to_string();
    let read_error = |source| ImportError::Read {
        path: shown.clone(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let mut head = [0u8; 64];
    let n = file.read(&mut head).map_err(read_error)?;
    let file = std::fs::File::open(path).map_err(read_error)?;
    let report = match detect_form(path, &head[..n]) {
        Form::Json => import_json(writer, &shown, file, progress)?,
        Form::Csv => import_csv(writer, &shown, file, progress)?,
    };
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    writer.record_file(
        &key.display().to_string(),
        report.grants,
        report.individuals,
        report.bad,
    )?;
    Ok(report)
}

/// Imports from any reader (for the built-in sample and tests).
pub fn import_reader(
    writer: &mut Writer<'_>,
    name: &str,
    form: Form,
    reader: impl Read,
    progress: &mut dyn FnMut(u64),
) -> Result<Report, ImportError> {
    let report = match form {
        Form::Json => import_json(writer, name, reader, progress)?,
        Form::Csv => import_csv(writer, name, reader, progress)?,
    };
    writer.record_file(name, report.grants, report.individuals, report.bad)?;
    Ok(report)
}

/// Checks a grant and adds it, or notes why not.
fn take(
    writer: &mut Writer<'_>,
    report: &mut Report,
    raw: RawGrant,
    at: impl FnOnce() -> String,
) -> Result<(), IndexError> {
    match raw.finish() {
        Ok(Row::Grant(grant)) => {
            writer.add(&grant)?;
            report.grants += 1;
        }
        Ok(Row::Individual) => report.individuals += 1,
        Err(problem) => report.bad(at(), problem),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// JSON

/// Counts bytes as they are read, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

fn import_json(
    writer: &mut Writer<'_>,
    name: &str,
    reader: impl Read,
    progress: &mut dyn FnMut(u64),
) -> Result<Report, ImportError> {
    let count = Rc::new(Cell::new(0));
    let mut reader = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: reader,
            count: count.clone(),
        },
    );
    // A byte-order mark is not JSON; spreadsheet tools add one.
    {
        use std::io::BufRead;
        let buf = reader.fill_buf().map_err(|source| ImportError::Read {
            path: name.to_string(),
            source,
        })?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
    }
    let mut report = Report::default();
    let mut failure: Option<IndexError> = None;
    let mut seen_grants = false;
    let mut on_grant = |value: Value, position: u64| -> Result<(), ()> {
        let raw = raw_from_json(&value);
        let id = value.get("id").and_then(Value::as_str).map(str::to_string);
        let result = take(writer, &mut report, raw, || match id {
            Some(id) => format!("grant {position} ({id})"),
            None => format!("grant {position}"),
        });
        if position.is_multiple_of(2048) {
            progress(count.get());
        }
        result.map_err(|e| failure = Some(e))
    };
    let mut de = serde_json::Deserializer::from_reader(&mut reader);
    let outcome = Package {
        on_grant: &mut on_grant,
        seen_grants: &mut seen_grants,
    }
    .deserialize(&mut de);
    if let Some(e) = failure {
        return Err(e.into());
    }
    if let Err(e) = outcome {
        let stopped = format!(
            "the file stops being readable JSON at line {} column {} ({}); the grants before that were imported",
            e.line(),
            e.column(),
            plain_json_error(&e)
        );
        if !seen_grants && report.grants == 0 && report.bad == 0 {
            return Err(ImportError::NotGrants {
                path: name.to_string(),
                problem: stopped,
            });
        }
        report.stopped = Some(stopped);
    } else if !seen_grants {
        return Err(ImportError::NotGrants {
            path: name.to_string(),
            problem: "it has no `grants` list".to_string(),
        });
    }
    progress(count.get());
    Ok(report)
}

/// serde_json's message without its own "at line…" (we say it once).
fn plain_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

type OnGrant<'a> = dyn FnMut(Value, u64) -> Result<(), ()> + 'a;

/// The whole file: a map whose `grants` list is read grant by grant and
/// whose other keys are skipped; or a bare list of grants.
struct Package<'a, 'b> {
    on_grant: &'a mut OnGrant<'b>,
    seen_grants: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for Package<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Package<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a 360Giving package: an object with a `grants` list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "grants" {
                *self.seen_grants = true;
                map.next_value_seed(Grants {
                    on_grant: &mut *self.on_grant,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        *self.seen_grants = true;
        Grants {
            on_grant: self.on_grant,
        }
        .visit_seq(seq)
    }
}

/// The `grants` list: each element is handed on as soon as it is read.
struct Grants<'a, 'b> {
    on_grant: &'a mut OnGrant<'b>,
}

impl<'de> DeserializeSeed<'de> for Grants<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Grants<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of grants")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut position = 0;
        while let Some(grant) = seq.next_element::<Value>()? {
            position += 1;
            (self.on_grant)(grant, position)
                .map_err(|()| serde::de::Error::custom("the index could not be written"))?;
        }
        Ok(())
    }
}

/// A JSON string or number as text (amounts come as either).
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn field(value: &Value, key: &str) -> Option<String> {
    scalar(value.get(key))
}

/// The first organisation of a list (`fundingOrganization`,
/// `recipientOrganization`), or the object itself if it is not a list.
fn first<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value.get(key)? {
        Value::Array(items) => items.first(),
        v @ Value::Object(_) => Some(v),
        _ => None,
    }
}

fn places_in(list: Option<&Value>, places: &mut Vec<RawPlace>) {
    let items: &[Value] = match list {
        Some(Value::Array(items)) => items,
        Some(v @ Value::Object(_)) => std::slice::from_ref(v),
        _ => &[],
    };
    for item in items {
        let place = RawPlace {
            name: field(item, "name"),
            code: field(item, "geoCode"),
        };
        if place.name.is_some() || place.code.is_some() {
            places.push(place);
        }
    }
}

/// The fields alongside uses, from one grant of a JSON file. Anything of
/// an unexpected type is treated as missing; `finish` then says what is
/// needed.
fn raw_from_json(grant: &Value) -> RawGrant {
    let funder = first(grant, "fundingOrganization");
    let recipient = first(grant, "recipientOrganization");
    let mut raw = RawGrant {
        id: field(grant, "id"),
        title: field(grant, "title"),
        description: field(grant, "description"),
        currency: field(grant, "currency"),
        amount: field(grant, "amountAwarded"),
        award_date: field(grant, "awardDate"),
        funder_id: funder.and_then(|f| field(f, "id")),
        funder_name: funder.and_then(|f| field(f, "name")),
        funder_website: funder.and_then(|f| field(f, "url")),
        recipient_id: recipient.and_then(|r| field(r, "id")),
        recipient_name: recipient.and_then(|r| field(r, "name")),
        charity_number: recipient.and_then(|r| field(r, "charityNumber")),
        company_number: recipient.and_then(|r| field(r, "companyNumber")),
        postal_code: recipient.and_then(|r| field(r, "postalCode")),
        individual: grant
            .get("recipientIndividual")
            .is_some_and(|v| !v.is_null()),
        places: Vec::new(),
        regions: Vec::new(),
    };
    places_in(grant.get("beneficiaryLocation"), &mut raw.places);
    if let Some(r) = recipient {
        places_in(r.get("location"), &mut raw.places);
    }
    // GrantNav's own additions: the districts and regions it worked out.
    if let Some(Value::Object(extra)) = grant.get("additional_data") {
        let mut pairs: std::collections::BTreeMap<String, RawPlace> = Default::default();
        for (key, value) in extra {
            let Value::String(text) = value else { continue };
            match place_column(&key.to_ascii_lowercase()) {
                Some(PlaceColumn::Region) => raw.regions.push(text.clone()),
                Some(PlaceColumn::Name(slot)) => {
                    pairs.entry(slot).or_default().name = Some(text.clone())
                }
                Some(PlaceColumn::Code(slot)) => {
                    pairs.entry(slot).or_default().code = Some(text.clone())
                }
                None => {}
            }
        }
        raw.places.extend(pairs.into_values());
    }
    raw
}

// ---------------------------------------------------------------------------
// CSV

/// What one column of a CSV file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Description,
    Currency,
    Amount,
    AwardDate,
    FunderId,
    FunderName,
    FunderWebsite,
    RecipientId,
    RecipientName,
    Charity,
    Company,
    Postal,
    Individual,
    Place(PlaceColumn),
}

/// A column naming a place: its name or its code, paired by `slot` (the
/// title without the last part, such as `beneficiarylocation:1`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum PlaceColumn {
    Name(String),
    Code(String),
    Region,
}

/// A column title made comparable: lower case, no spaces, without
/// GrantNav's "(additional data)".
fn normalise_title(title: &str) -> String {
    title
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace("(additional data)", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect()
}

/// GrantNav's derived areas, in CSV titles or JSON keys (`Recipient
/// District`, `recipientDistrictGeoCode`, `GNBeneficiaryRegionName`...).
fn place_column(title: &str) -> Option<PlaceColumn> {
    let t = title.trim_start_matches("gn");
    let coded = t.contains("code");
    if t.contains("region") || t.contains("country") {
        return Some(if coded {
            PlaceColumn::Code(slot_of(t))
        } else {
            PlaceColumn::Region
        });
    }
    if t.contains("district") || t.contains("ward") || t.contains("county") {
        return Some(if coded {
            PlaceColumn::Code(slot_of(t))
        } else {
            PlaceColumn::Name(slot_of(t))
        });
    }
    None
}

fn slot_of(title: &str) -> String {
    title
        .replace("geographiccode", "")
        .replace("geocode", "")
        .replace("code", "")
        .replace("name", "")
}

fn classify(title: &str) -> Option<Column> {
    let t = normalise_title(title);
    let column = match t.as_str() {
        "identifier" | "id" => Column::Id,
        "title" => Column::Title,
        "description" => Column::Description,
        "currency" => Column::Currency,
        "amountawarded" => Column::Amount,
        "awarddate" => Column::AwardDate,
        "fundingorg:identifier" => Column::FunderId,
        "fundingorg:name" => Column::FunderName,
        "fundingorg:webaddress" | "fundingorg:url" => Column::FunderWebsite,
        "recipientorg:identifier" => Column::RecipientId,
        "recipientorg:name" => Column::RecipientName,
        "recipientorg:charitynumber" => Column::Charity,
        "recipientorg:companynumber" => Column::Company,
        "recipientorg:postalcode" => Column::Postal,
        _ if t.starts_with("recipientind") => Column::Individual,
        _ if t.starts_with("beneficiarylocation") || t.starts_with("recipientorg:location") => {
            let (slot, last) = t.rsplit_once(':').unwrap_or(("beneficiarylocation", &t));
            match last {
                "name" => Column::Place(PlaceColumn::Name(slot.to_string())),
                "geographiccode" | "geocode" => Column::Place(PlaceColumn::Code(slot.to_string())),
                _ => return None,
            }
        }
        _ if t.contains(':') => return None,
        _ => Column::Place(place_column(&t)?),
    };
    Some(column)
}

fn import_csv(
    writer: &mut Writer<'_>,
    name: &str,
    reader: impl Read,
    progress: &mut dyn FnMut(u64),
) -> Result<Report, ImportError> {
    // With Windows line endings the csv crate gives each record the line
    // before its own (the `\n` of `\r\n` is counted with the next record):
    // look at the first line's ending to say the right line to people.
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let crlf = {
        use std::io::BufRead;
        let buf = reader.fill_buf().map_err(|source| ImportError::Read {
            path: name.to_string(),
            source,
        })?;
        buf.iter()
            .position(|b| *b == b'\n')
            .is_some_and(|i| i > 0 && buf[i - 1] == b'\r')
    };
    let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| p.line() + u64::from(crlf));
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let not_grants = |problem: String| ImportError::NotGrants {
        path: name.to_string(),
        problem,
    };
    let headers = csv
        .byte_headers()
        .map_err(|e| not_grants(format!("its first line could not be read ({e})")))?
        .clone();
    let mut columns: Vec<(usize, Column)> = Vec::new();
    let mut slots: Vec<String> = Vec::new();
    for (i, title) in headers.iter().enumerate() {
        let title = String::from_utf8_lossy(title);
        if let Some(column) = classify(&title) {
            if let Column::Place(PlaceColumn::Name(s) | PlaceColumn::Code(s)) = &column
                && !slots.contains(s)
            {
                slots.push(s.clone());
            }
            columns.push((i, column));
        }
    }
    for (needed, what) in [
        (Column::Id, "Identifier"),
        (Column::Amount, "Amount Awarded"),
        (Column::FunderId, "Funding Org:Identifier"),
    ] {
        if !columns.iter().any(|(_, c)| *c == needed) {
            return Err(not_grants(format!("it has no `{what}` column")));
        }
    }
    let mut report = Report::default();
    let mut record = csv::ByteRecord::new();
    let mut rows: u64 = 0;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = line_of(e.position());
                match e.kind() {
                    csv::ErrorKind::Io(_) => {
                        report.stopped = Some(format!(
                            "the file could not be read after line {line} ({e}); the grants before that were imported"
                        ));
                        break;
                    }
                    _ => {
                        report.bad(
                            format!("line {line}"),
                            format!("the row could not be read ({e})"),
                        );
                        continue;
                    }
                }
            }
        }
        rows += 1;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank line, as spreadsheets leave at the end
        }
        let line = line_of(record.position());
        let raw = raw_from_csv(&record, &columns, &slots);
        take(writer, &mut report, raw, || format!("line {line}"))?;
        if rows.is_multiple_of(4096) {
            progress(record.position().map_or(0, |p| p.byte()));
        }
    }
    progress(csv.position().byte());
    Ok(report)
}

fn raw_from_csv(
    record: &csv::ByteRecord,
    columns: &[(usize, Column)],
    slots: &[String],
) -> RawGrant {
    let mut raw = RawGrant::default();
    let mut places = vec![RawPlace::default(); slots.len()];
    for (i, column) in columns {
        let Some(bytes) = record.get(*i) else {
            continue;
        };
        if bytes.is_empty() {
            continue;
        }
        // Files should be UTF-8; a spreadsheet saved in another encoding
        // still imports, with the odd character replaced.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        };
        let slot = |s: &String| slots.iter().position(|x| x == s).unwrap_or(0);
        match column {
            Column::Id => raw.id = Some(text),
            Column::Title => raw.title = Some(text),
            Column::Description => raw.description = Some(text),
            Column::Currency => raw.currency = Some(text),
            Column::Amount => raw.amount = Some(text),
            Column::AwardDate => raw.award_date = Some(text),
            Column::FunderId => raw.funder_id = Some(text),
            Column::FunderName => raw.funder_name = Some(text),
            Column::FunderWebsite => raw.funder_website = Some(text),
            Column::RecipientId => raw.recipient_id = Some(text),
            Column::RecipientName => raw.recipient_name = Some(text),
            Column::Charity => raw.charity_number = Some(text),
            Column::Company => raw.company_number = Some(text),
            Column::Postal => raw.postal_code = Some(text),
            Column::Individual => raw.individual |= !text.trim().is_empty(),
            Column::Place(PlaceColumn::Region) => raw.regions.push(text),
            Column::Place(PlaceColumn::Name(s)) => places[slot(s)].name = Some(text),
            Column::Place(PlaceColumn::Code(s)) => places[slot(s)].code = Some(text),
        }
    }
    raw.places = places
        .into_iter()
        .filter(|p| p.name.is_some() || p.code.is_some())
        .collect();
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_titles_from_the_standard_and_grantnav() {
        assert_eq!(classify("\u{feff}Identifier"), Some(Column::Id));
        assert_eq!(classify("Amount Awarded"), Some(Column::Amount));
        assert_eq!(classify("Funding Org:Identifier"), Some(Column::FunderId));
        assert_eq!(
            classify("Beneficiary Location:1:Geographic Code"),
            Some(Column::Place(PlaceColumn::Code(
                "beneficiarylocation:1".into()
            )))
        );
        assert_eq!(
            classify("Beneficiary Location:Name"),
            Some(Column::Place(PlaceColumn::Name(
                "beneficiarylocation".into()
            )))
        );
        assert_eq!(
            classify("Recipient Org:Location:0:Name"),
            Some(Column::Place(PlaceColumn::Name(
                "recipientorg:location:0".into()
            )))
        );
        assert_eq!(
            classify("Recipient District Geographic Code"),
            Some(Column::Place(PlaceColumn::Code("recipientdistrict".into())))
        );
        assert_eq!(
            classify("Recipient District"),
            Some(Column::Place(PlaceColumn::Name("recipientdistrict".into())))
        );
        assert_eq!(
            classify("Beneficiary Region (additional data)"),
            Some(Column::Place(PlaceColumn::Region))
        );
        assert_eq!(
            classify("Recipient Individual Id"),
            Some(Column::Individual)
        );
        assert_eq!(
            classify("Beneficiary Location:0:Geographic Code Type"),
            None
        );
        assert_eq!(classify("Grant Programme:Title"), None);
    }

    #[test]
    fn form_from_name_or_first_character() {
        assert_eq!(detect_form(Path::new("a.JSON"), b"x"), Form::Json);
        assert_eq!(detect_form(Path::new("a.csv"), b"{"), Form::Csv);
        assert_eq!(detect_form(Path::new("a"), b"\xEF\xBB\xBF  {"), Form::Json);
        assert_eq!(detect_form(Path::new("a"), b"Identifier,"), Form::Csv);
    }
}
