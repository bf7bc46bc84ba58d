//! Turns TOML and serde errors into messages a person can act on: the file,
//! the line and column, the field (as a dotted path), what was wrong and
//! what was expected. Used for funder profiles and group files alike.

use std::fmt;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::text::{closest, line_col};

/// A precise problem in a TOML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Dotted path of the key, such as `grant.max_pounds` or `question[2].id`;
    /// empty when the problem is with the file as a whole.
    pub field: String,
    pub problem: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // A problem with the file as a whole (cannot be read, too large).
            write!(f, "{}: ", self.file)?;
        } else {
            write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        }
        if !self.field.is_empty() {
            write!(f, "field `{}`: ", self.field)?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for Located {}

/// Describes a deserialization error from `toml::from_str` precisely.
pub fn describe(file: &str, source: &str, err: &toml::de::Error) -> Located {
    let span = err.span().unwrap_or(0..0);
    let (line, column) = line_col(source, span.start);
    let field = if let Some(missing) = missing_field(err.message()) {
        // serde points a missing key at the table that lacks it: name the
        // table (from its header line, if it has one) and the key.
        match table_header_at(source, span.start) {
            Some(table) => format!("{table}.{missing}"),
            None => missing.to_string(),
        }
    } else {
        // A syntax error stops a normal parse; the recovering parser still
        // gives the keys around it, so the field can be named.
        let (root, _) = DeTable::parse_recoverable(source);
        path_at(&root, span.start).unwrap_or_default()
    };
    Located {
        file: file.to_string(),
        line,
        column,
        field,
        problem: with_hint(plain_message(err.message())),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    let rest = message.trim().strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// The name of the table whose `[header]` starts the line at `offset`.
fn table_header_at(source: &str, offset: usize) -> Option<String> {
    let start = source[..offset.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = source[start..].lines().next()?.trim();
    let name = line.strip_prefix('[')?.trim_start_matches('[');
    let end = name.find(']')?;
    Some(name[..end].trim().to_string())
}

/// Builds a located problem for a field found by its path (for checks made
/// after parsing, such as "minimum above maximum").
pub fn at_path(
    file: &str,
    source: &str,
    path: &[PathPart<'_>],
    problem: impl Into<String>,
) -> Located {
    at_nearest(file, source, path, problem)
}

/// Like `at_path`, for a key that may be missing (a required `source`
/// left out): the position is that of the nearest table on the path that
/// is written, while the field still names the missing key.
pub fn at_nearest(
    file: &str,
    source: &str,
    path: &[PathPart<'_>],
    problem: impl Into<String>,
) -> Located {
    let root = DeTable::parse(source).ok();
    let start = (0..=path.len())
        .rev()
        .find_map(|n| root.as_ref().and_then(|r| span_of(r, &path[..n])))
        .unwrap_or(0);
    let (line, column) = line_col(source, start);
    Located {
        file: file.to_string(),
        line,
        column,
        field: render_path(path),
        problem: problem.into(),
    }
}

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum PathPart<'a> {
    Key(&'a str),
    Index(usize),
}

fn render_path(path: &[PathPart<'_>]) -> String {
    let mut out = String::new();
    for part in path {
        match part {
            PathPart::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathPart::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
}

fn span_of(root: &Spanned<DeTable<'_>>, path: &[PathPart<'_>]) -> Option<usize> {
    fn in_table(table: &DeTable<'_>, path: &[PathPart<'_>], start: usize) -> Option<usize> {
        let Some((PathPart::Key(k), rest)) = path.split_first() else {
            return Some(start);
        };
        let (key, value) = table.iter().find(|(key, _)| key.get_ref() == k)?;
        in_value(value, rest, key.span().start)
    }
    fn in_value(
        value: &Spanned<DeValue<'_>>,
        path: &[PathPart<'_>],
        start: usize,
    ) -> Option<usize> {
        match (path.first(), value.get_ref()) {
            (Some(PathPart::Key(_)), DeValue::Table(t)) => in_table(t, path, start),
            (Some(PathPart::Index(i)), DeValue::Array(items)) => {
                let item = items.get(*i)?;
                in_value(item, &path[1..], item.span().start)
            }
            _ => Some(start),
        }
    }
    in_table(root.get_ref(), path, root.span().start)
}

/// Finds the dotted path of the innermost key or value containing `offset`.
fn path_at(root: &Spanned<DeTable<'_>>, offset: usize) -> Option<String> {
    let mut path = Vec::new();
    walk_table(root.get_ref(), offset, &mut path);
    (!path.is_empty()).then(|| path.join("").trim_start_matches('.').to_string())
}

fn walk_table(table: &DeTable<'_>, offset: usize, path: &mut Vec<String>) -> bool {
    for (key, value) in table.iter() {
        let key_span = key.span();
        let value_span = value.span();
        let in_key = key_span.start <= offset && offset < key_span.end.max(key_span.start + 1);
        let in_value =
            value_span.start <= offset && offset < value_span.end.max(value_span.start + 1);
        if in_key {
            path.push(format!(".{}", key.get_ref()));
            return true;
        }
        if in_value || contains_offset(value.get_ref(), offset) {
            path.push(format!(".{}", key.get_ref()));
            walk_value(value.get_ref(), offset, path);
            return true;
        }
    }
    false
}

fn walk_value(value: &DeValue<'_>, offset: usize, path: &mut Vec<String>) {
    match value {
        DeValue::Table(t) => {
            walk_table(t, offset, path);
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let span = item.span();
                if (span.start <= offset && offset < span.end)
                    || contains_offset(item.get_ref(), offset)
                {
                    path.push(format!("[{}]", i + 1));
                    walk_value(item.get_ref(), offset, path);
                    return;
                }
            }
        }
        _ => {}
    }
}

/// Tables defined with `[header]` syntax have spans that do not cover their
/// keys, so look inside for a key or value at the offset.
fn contains_offset(value: &DeValue<'_>, offset: usize) -> bool {
    match value {
        DeValue::Table(t) => t.iter().any(|(k, v)| {
            let ks = k.span();
            let vs = v.span();
            (ks.start <= offset && offset < ks.end.max(ks.start + 1))
                || (vs.start <= offset && offset < vs.end.max(vs.start + 1))
                || contains_offset(v.get_ref(), offset)
        }),
        DeValue::Array(items) => items.iter().any(|i| {
            let s = i.span();
            (s.start <= offset && offset < s.end) || contains_offset(i.get_ref(), offset)
        }),
        _ => false,
    }
}

/// Adds what to do to the parser's own messages about dates.
fn with_hint(message: String) -> String {
    let lower = message.to_lowercase();
    // A list of the keys allowed names `date` and the like: not about a date.
    let about_keys = message.starts_with("unknown key") || message.starts_with('`');
    if !about_keys
        && (lower.contains("date") || lower.contains("day") || lower.contains("month"))
        && !message.contains("2026-03-01")
    {
        format!("{message}. Write dates as year-month-day, for example 2026-03-01")
    } else {
        message
    }
}

/// " Did you mean `x`?" for the nearest known name; for one that differs
/// only in capital letters, how to write it, since "did you mean open"
/// for `Open` reads as the same word.
fn nearest_hint(name: &str, known: &[String]) -> String {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return format!(" Write it as `{same}`: capital letters matter here.");
    }
    closest(name, known.iter().map(String::as_str))
        .first()
        .map_or(String::new(), |best| format!(" Did you mean `{best}`?"))
}

/// Rewrites serde's wording into plain English with a hint.
pub fn plain_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(tail);
        let mut out = format!("unknown key `{name}`.");
        out.push_str(&nearest_hint(name, &known));
        if known.is_empty() {
            out.push_str(" No keys are allowed here.");
        } else {
            out.push_str(&format!(" Expected one of: {}", known.join(", ")));
        }
        return out;
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(tail);
        let mut out = format!("`{name}` is not allowed here.");
        out.push_str(&nearest_hint(name, &known));
        out.push_str(&format!(" Expected one of: {}", known.join(", ")));
        return out;
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("the required key `{name}` is missing. Add `{name} = ...` to this table");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("found {found}, but expected {}", plain_type(expected));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        // A whole number too big (or below 0) for where it goes.
        if let Some(max) = largest(expected) {
            return format!(
                "{} is out of range: expected a whole number from 0 to {max}",
                found.replace('`', "")
            );
        }
        return format!("{found} is not allowed, expected {}", plain_type(expected));
    }
    if message.starts_with("duplicate key") {
        return format!("{message}: each key may appear only once in a table");
    }
    message.to_string()
}

/// The largest value of an unsigned type serde names.
fn largest(expected: &str) -> Option<u64> {
    match expected.trim() {
        "u8" => Some(u8::MAX.into()),
        "u16" => Some(u16::MAX.into()),
        "u32" => Some(u32::MAX.into()),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    }
}

fn plain_type(expected: &str) -> String {
    match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_string(),
        "a boolean" => "true or false".to_string(),
        "a string" => "text in double quotes".to_string(),
        "a sequence" => "a list in square brackets, such as [\"a\", \"b\"]".to_string(),
        "a map" => "a table".to_string(),
        other if other.starts_with("struct ") => "a table".to_string(),
        other => other.to_string(),
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_did_you_mean_the_name_typed() {
        let known = "unknown variant `Open`, expected one of `open`, `closed`, `unknown`";
        let out = plain_message(known);
        assert!(
            out.contains("Write it as `open`: capital letters matter"),
            "{out}"
        );
        assert!(!out.contains("Did you mean"), "{out}");
        let out = plain_message("unknown field `nmae`, expected `name` or `id`");
        assert!(out.contains("Did you mean `name`?"), "{out}");
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let msg =
            plain_message("unknown field `min_pound`, expected one of `min_pounds`, `max_pounds`");
        assert!(msg.contains("Did you mean `min_pounds`?"), "{msg}");
    }

    #[test]
    fn wrong_type_is_plain() {
        let msg = plain_message("invalid type: string \"lots\", expected u64");
        assert_eq!(
            msg,
            "found string \"lots\", but expected a whole number of 0 or more"
        );
    }

    #[test]
    fn finds_path_of_error() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            max: u32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            name: String,
            grant: Inner,
            item: Vec<Inner>,
        }
        let src = "name = \"x\"\n[grant]\nmax = \"lots\"\n[[item]]\nmax = 1\n";
        let err = toml::from_str::<Outer>(src).unwrap_err();
        let located = describe("f.toml", src, &err);
        assert_eq!(
            (located.line, located.field.as_str()),
            (3, "grant.max"),
            "{located}"
        );

        let src = "name = \"x\"\n[grant]\nmax = 1\n[[item]]\nmax = 1\n[[item]]\nmaxx = 2\n";
        let err = toml::from_str::<Outer>(src).unwrap_err();
        let located = describe("f.toml", src, &err);
        assert_eq!(
            (located.line, located.field.as_str()),
            (7, "item[2].maxx"),
            "{located}"
        );
        assert!(located.problem.contains("Did you mean `max`"), "{located}");
    }

    #[test]
    fn an_impossible_date_names_its_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Dated {
            name: String,
            checked: toml::value::Datetime,
        }
        let src = "name = \"x\"\nchecked = 2026-02-30\n";
        let err = toml::from_str::<Dated>(src).unwrap_err();
        let located = describe("f.toml", src, &err);
        assert_eq!(located.line, 2, "{located}");
        assert_eq!(located.field, "checked", "{located}");
        assert!(
            located.problem.contains("for example 2026-03-01"),
            "{located}"
        );
    }

    #[test]
    fn at_path_finds_line() {
        let src = "a = 1\n[grant]\nmin = 5\nmax = 3\n";
        let located = at_path(
            "f.toml",
            src,
            &[PathPart::Key("grant"), PathPart::Key("max")],
            "too small",
        );
        assert_eq!((located.line, located.column), (4, 1));
        assert_eq!(
            located.to_string(),
            "f.toml:4:1: field `grant.max`: too small"
        );
    }
}
