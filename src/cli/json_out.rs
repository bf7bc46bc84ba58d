//! Writing `--json` output: pretty-printed, straight into a buffer in front
//! of standard output (never built up as one string first, so thousands of
//! funders cost no more memory than one), and safe to show on a terminal.

use std::io::{self, BufWriter, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// The `format` number at the top of every --json object (arrays have
/// none). It goes up when a field is removed or changes meaning; new fields
/// may be added without it.
pub const FORMAT: u32 = 1;

/// An object as `--json` prints it: `format` first, then the value's own
/// fields (for values that do not carry their own `format`).
#[derive(Serialize)]
pub struct Versioned<'a, T: Serialize> {
    format: u32,
    #[serde(flatten)]
    value: &'a T,
}

impl<'a, T: Serialize> Versioned<'a, T> {
    pub fn new(value: &'a T) -> Self {
        Versioned {
            format: FORMAT,
            value,
        }
    }
}

/// Large writes, few system calls; standard output alone would write each
/// line separately.
const BUFFER: usize = 64 * 1024;

/// Writes `value` as pretty JSON and a final newline.
pub fn write(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut buffered = BufWriter::with_capacity(BUFFER, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, Safe(PrettyFormatter::new()));
    value
        .serialize(&mut serializer)
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::from(kind),
            None => io::Error::other(e),
        })?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// A JSON array written in an order known only once every item is in, such
/// as `match --json`, where funders are ordered by verdict and fit. Each
/// item is kept as its JSON text, already laid out for its place, not as
/// the value it came from,
/// and the text waits in an unnamed temporary file (deleted when it is
/// closed, even if the program is killed), so memory holds only each
/// item's place in the order: thousands of funders cost no more memory
/// than a few. Without a temporary folder the text is kept in memory
/// instead. The output is byte for byte what [`write`] gives for the items
/// in a `Vec`.
pub struct SortedArray<K> {
    /// Each item's key, and where its text starts in `texts` and how long
    /// it is.
    items: Vec<(K, u64, usize)>,
    texts: Texts,
}

/// Where the items' text waits until the array is written.
enum Texts {
    File {
        file: BufWriter<std::fs::File>,
        len: u64,
    },
    Memory(Vec<u8>),
}

/// How deep the items of a [`SortedArray`] are: in an array (1) that is
/// a field of the top-level object (0).
const ITEM_DEPTH: usize = 2;

/// One value's JSON text for a [`SortedArray`], made safe as [`write`]
/// makes it and laid out as [`write`] would lay it out in its place, so the
/// array is written by copying it. (Laying out compact text when the array
/// was written, byte by byte, was a tenth of `match --json`.)
pub struct Item(Box<[u8]>);

impl Item {
    pub fn of(value: &impl Serialize) -> io::Result<Item> {
        let mut text = Vec::new();
        let layout = Safe(PrettyFrom {
            indent: ITEM_DEPTH,
            has_value: false,
        });
        let mut serializer = serde_json::Serializer::with_formatter(&mut text, layout);
        value.serialize(&mut serializer).map_err(io::Error::other)?;
        Ok(Item(text.into_boxed_slice()))
    }
}

impl<K: Ord> Default for SortedArray<K> {
    fn default() -> Self {
        let texts = match tempfile::tempfile() {
            Ok(file) => Texts::File {
                file: BufWriter::with_capacity(BUFFER, file),
                len: 0,
            },
            Err(_) => Texts::Memory(Vec::new()),
        };
        SortedArray {
            items: Vec::new(),
            texts,
        }
    }
}

impl<K: Ord> SortedArray<K> {
    /// Kept in memory, never in a file (for tests of both ways).
    #[cfg(test)]
    fn in_memory() -> Self {
        SortedArray {
            items: Vec::new(),
            texts: Texts::Memory(Vec::new()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds one item, to be written at the place `key` gives it. Fails only
    /// when the temporary file cannot be written (a full disk).
    pub fn push(&mut self, key: K, item: Item) -> io::Result<()> {
        let at = match &mut self.texts {
            Texts::File { file, len } => {
                file.write_all(&item.0)?;
                let at = *len;
                *len += item.0.len() as u64;
                at
            }
            Texts::Memory(texts) => {
                let at = texts.len() as u64;
                texts.extend_from_slice(&item.0);
                at
            }
        };
        self.items.push((key, at, item.0.len()));
        Ok(())
    }

    /// Writes the object `head` with the array, in key order (items with
    /// equal keys in the order they were added), added as its last field
    /// `key`, and a final newline: the same text [`write`] gives
    /// for a struct whose last field is the array.
    pub fn write_as_last_field(
        mut self,
        out: &mut dyn Write,
        head: &impl Serialize,
        key: &str,
    ) -> io::Result<()> {
        self.sort();
        let mut text = Vec::new();
        write(&mut text, head)?;
        // `{\n  "a": 1\n}\n`, or `{}\n` for an object with no fields.
        let open = match text.strip_suffix(b"\n}\n") {
            Some(fields) => {
                let mut open = fields.to_vec();
                open.push(b',');
                open
            }
            None if text == b"{}\n" => b"{".to_vec(),
            None => {
                return Err(io::Error::other(
                    "the head of a JSON object is not an object",
                ));
            }
        };
        let mut buffered = BufWriter::with_capacity(BUFFER, out);
        buffered.write_all(&open)?;
        new_line(&mut buffered, 1)?;
        buffered.write_all(&Item::of(&key)?.0)?;
        buffered.write_all(b": ")?;
        self.write_array(&mut buffered)?;
        buffered.write_all(b"\n}\n")?;
        buffered.flush()
    }

    fn sort(&mut self) {
        // Stable: equal keys keep the order they were added in.
        self.items.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// The array, laid out as the items are (one level above them), with
    /// no new line after it.
    fn write_array(self, out: &mut impl Write) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        if self.items.is_empty() {
            return out.write_all(b"[]");
        }
        let (mut file, memory) = match self.texts {
            Texts::File { file, .. } => (
                Some(file.into_inner().map_err(|e| e.into_error())?),
                Vec::new(),
            ),
            Texts::Memory(texts) => (None, texts),
        };
        let mut read = Vec::new();
        out.write_all(b"[")?;
        for (i, (_, at, len)) in self.items.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            new_line(out, ITEM_DEPTH)?;
            let text: &[u8] = match &mut file {
                Some(file) => {
                    read.resize(*len, 0);
                    file.seek(SeekFrom::Start(*at))?;
                    file.read_exact(&mut read)?;
                    &read
                }
                None => &memory[*at as usize..*at as usize + len],
            };
            out.write_all(text)?;
        }
        new_line(out, ITEM_DEPTH - 1)?;
        out.write_all(b"]")
    }
}

/// A new line, then two spaces for each level of depth (serde_json's
/// pretty layout).
fn new_line<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    out.write_all(b"\n")?;
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// serde_json's pretty layout (two spaces a level, as `PrettyFormatter`
/// lays it out), starting `indent` levels in.
struct PrettyFrom {
    indent: usize,
    has_value: bool,
}

impl PrettyFrom {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            new_line(w, self.indent)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        new_line(w, self.indent)
    }
}

impl Formatter for PrettyFrom {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// serde_json escapes the C0 controls; this also escapes DEL and the C1
/// controls (U+0080 to U+009F, where U+009B acts like ESC [ on some
/// terminals) as `\u00XX`, so JSON printed to a terminal cannot drive it,
/// and the bidirectional overrides and isolates (U+202A to U+202E, U+2066
/// to U+2069) as `\u202X` / `\u206X`, so nothing printed reads differently
/// from what it is. Everything else is the pretty formatter's.
struct Safe<F>(F);

fn is_unsafe(c: char) -> bool {
    c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || crate::text::is_bidi_control(c)
}

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character `is_unsafe` takes starts with one of these bytes
        // (U+007F; U+0080 to U+009F; U+2000 to U+2FFF), and none of them
        // is ever inside a character, so only there is a character decoded.
        let bytes = fragment.as_bytes();
        let starts = |b: &u8| matches!(b, 0x7f | 0xc2 | 0xe2);
        // Most fragments are keys and short values: looking at their few
        // bytes costs less than setting up the search.
        if bytes.len() < 32 && !bytes.iter().any(starts) {
            return writer.write_all(bytes);
        }
        let mut from = 0;
        for at in memchr::memchr3_iter(0x7f, 0xc2, 0xe2, bytes) {
            if let Some(c) = fragment[at..].chars().next()
                && is_unsafe(c)
            {
                writer.write_all(&bytes[from..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
        }
        writer.write_all(&bytes[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The array written as the only field, `list`, of an object.
    fn in_object<K: Ord>(array: SortedArray<K>) -> String {
        let mut out = Vec::new();
        array
            .write_as_last_field(&mut out, &serde_json::json!({}), "list")
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn written(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        write(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn same_as_serde_json_pretty_for_ordinary_text() {
        let value = serde_json::json!({
            "funder": "awards-for-all-england",
            "list": [1, 2, {"a": null}],
            "empty": [],
            "nested": {"text": "tab\there, \"quoted\", Tŷ"},
        });
        assert_eq!(
            written(&value),
            serde_json::to_string_pretty(&value).unwrap() + "\n"
        );
    }

    #[test]
    fn del_and_c1_controls_are_escaped_in_values_and_keys() {
        let value = serde_json::json!({"k\u{9b}ey": "a\u{7f}b\u{80}c\u{9f}d\u{a0}e\u{1b}\u{202e}f\u{2069}"});
        let text = written(&value);
        assert!(
            text.contains(r#""k\u009bey": "a\u007fb\u0080c\u009fd"#),
            "{text}"
        );
        // U+00A0 is not a control; ESC is escaped by serde_json itself.
        assert!(text.contains("d\u{a0}e\\u001b\\u202ef\\u2069"), "{text}");
        assert!(!text.chars().any(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn sorted_array_is_the_same_text_as_a_sorted_list() {
        let items = [
            serde_json::json!({"id": "b", "list": [1, {"x": []}], "o": {}}),
            serde_json::json!({"id": "a", "text": "x\u{85}y"}),
            serde_json::json!("plain"),
            serde_json::json!({"id": "c", "nested": {"deeper": {"deepest": [true, null]}}}),
        ];
        let keys = [2, 1, 3, 1];
        // Key 1 twice: kept in the order added.
        let sorted = vec![&items[1], &items[3], &items[0], &items[2]];
        for in_file in [true, false] {
            let make = || {
                if in_file {
                    SortedArray::default()
                } else {
                    SortedArray::in_memory()
                }
            };
            let mut array = make();
            assert_eq!(matches!(array.texts, Texts::File { .. }), in_file);
            for (key, item) in keys.iter().zip(&items) {
                array.push(*key, Item::of(item).unwrap()).unwrap();
            }
            assert_eq!(
                in_object(array),
                written(&serde_json::json!({ "list": sorted }))
            );
            assert_eq!(
                in_object(make()),
                written(&serde_json::json!({ "list": [] }))
            );
        }
    }

    fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            // Brackets, commas, colons, quotes and backslashes inside
            // strings must be left alone.
            "[\\[\\]{}:,\"\\\\ a£\u{85}\n]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z{}\\[\\]:,\"]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn items_laid_out_in_place_are_the_pretty_text(items in proptest::collection::vec(any_json(), 0..6)) {
            let mut array = SortedArray::default();
            for item in &items {
                array.push(0, Item::of(item).unwrap()).unwrap();
            }
            proptest::prop_assert_eq!(
                in_object(array),
                written(&serde_json::json!({ "list": items }))
            );
        }
    }

    #[test]
    fn sorted_array_as_the_last_field_of_an_object() {
        #[derive(Serialize)]
        struct Whole<'a> {
            format: u32,
            group: &'a str,
            nested: serde_json::Value,
            funders: Vec<&'a serde_json::Value>,
        }
        #[derive(Serialize)]
        struct Head<'a> {
            format: u32,
            group: &'a str,
            nested: serde_json::Value,
        }
        let items = [
            serde_json::json!({"id": "b", "x": [1, []]}),
            serde_json::json!("a"),
        ];
        for count in [0, 1, 2] {
            let mut array = SortedArray::default();
            for (i, item) in items.iter().take(count).enumerate() {
                array.push(count - i, Item::of(item).unwrap()).unwrap();
            }
            let head = Head {
                format: 1,
                group: "g\u{9b}",
                nested: serde_json::json!({"a": {}}),
            };
            let mut out = Vec::new();
            array
                .write_as_last_field(&mut out, &head, "funders")
                .unwrap();
            let mut funders: Vec<_> = items.iter().take(count).collect();
            funders.reverse();
            let whole = Whole {
                format: 1,
                group: "g\u{9b}",
                nested: serde_json::json!({"a": {}}),
                funders,
            };
            assert_eq!(String::from_utf8(out).unwrap(), written(&whole));
        }
        // An empty head.
        let mut out = Vec::new();
        SortedArray::<u8>::default()
            .write_as_last_field(&mut out, &serde_json::json!({}), "list")
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\n  \"list\": []\n}\n");
    }

    #[test]
    fn a_closed_reader_is_an_io_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let big: Vec<String> = (0..20_000).map(|i| format!("funder-{i}")).collect();
        let err = write(&mut Closed, &big).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
