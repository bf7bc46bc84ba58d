//! Calendar days and moments in time, stored in group files and funder
//! profiles as native TOML dates (`2026-03-01`) and date-times
//! (`2026-03-01T14:05:00Z`) so that people can read and edit them.
//! A quoted string in the same form is accepted too, since people hand-edit.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day with no time of day (a meeting date, a deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub jiff::civil::Date);

/// A moment in time, to the second, in UTC (when an answer was given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub jiff::Timestamp);

impl Day {
    pub fn new(year: i16, month: i8, day: i8) -> Option<Day> {
        jiff::civil::Date::new(year, month, day).ok().map(Day)
    }

    /// Today in the computer's own time zone.
    pub fn today() -> Day {
        Day(jiff::Timestamp::now()
            .to_zoned_datetime(local_zone())
            .date())
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// Whole calendar months from this day to `later` (negative when
    /// `later` is earlier): 2025-10-01 to 2026-12-01 is 14.
    pub fn whole_months_until(self, later: Day) -> i64 {
        self.0
            .until((jiff::Unit::Month, later.0))
            .map_or(0, |span| i64::from(span.get_months()))
    }

    /// More than 12 months before `today`: the age at which a funder
    /// fact needs checking again (a fact from exactly a year ago is not).
    pub fn over_a_year_before(self, today: Day) -> bool {
        today
            .0
            .checked_sub(jiff::Span::new().months(12))
            .is_ok_and(|year_ago| self.0 < year_ago)
    }
}

/// The time zone times are shown in: the computer's own, unless a test has
/// asked for UTC so that its snapshots read the same on every machine.
static DISPLAY_ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();

fn display_zone() -> jiff::tz::TimeZone {
    DISPLAY_ZONE.get().cloned().unwrap_or_else(local_zone)
}

/// The computer's own time zone, read once.
static LOCAL_ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();

/// The computer's own time zone: the one `TZ` names, else
/// `/etc/localtime`, reading only that one file. (Asking jiff for "the
/// system zone" also works out the zone's name, which meant reading every
/// file under /usr/share/zoneinfo: a sixth of the time of a draft.)
/// Anything unusual falls back to jiff's own way.
fn local_zone() -> jiff::tz::TimeZone {
    LOCAL_ZONE
        .get_or_init(|| {
            zone_from(std::env::var("TZ").ok().as_deref())
                .unwrap_or_else(jiff::tz::TimeZone::system)
        })
        .clone()
}

/// The zone `TZ` describes (`Europe/London`, `:Europe/London`, a file's
/// path, `UTC`, a POSIX rule such as `GMT0BST,M3.5.0/1,M10.5.0`), or
/// `/etc/localtime` when `TZ` is not set. `None` when it cannot be read
/// this way.
fn zone_from(tz: Option<&str>) -> Option<jiff::tz::TimeZone> {
    use jiff::tz::TimeZone;
    let tzif = |name: &str, path: &std::path::Path| {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| TimeZone::tzif(name, &bytes).ok())
    };
    match tz.map(|t| t.strip_prefix(':').unwrap_or(t)) {
        None if cfg!(unix) => tzif("Local", std::path::Path::new("/etc/localtime")),
        None | Some("") => None,
        Some("UTC" | "UTC0" | "GMT" | "GMT0" | "Etc/UTC") => Some(TimeZone::UTC),
        Some(path) if path.starts_with('/') => tzif(path, std::path::Path::new(path)),
        Some(name) => {
            // A zone name is letters, digits, `_`, `-`, `+` and `/`: never
            // `..`, so it cannot reach outside the zone folder.
            let is_name = !name.contains("..")
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/'));
            let from_file = is_name
                .then(|| {
                    tzif(
                        name,
                        &std::path::Path::new("/usr/share/zoneinfo").join(name),
                    )
                })
                .flatten();
            from_file.or_else(|| TimeZone::posix(name).ok())
        }
    }
}

/// Shows every time in UTC from now on in this process (for tests).
pub fn show_times_in_utc() {
    let _ = DISPLAY_ZONE.set(jiff::tz::TimeZone::UTC);
}

impl Moment {
    /// Now, to the second (file diffs stay small and readable).
    pub fn now() -> Moment {
        let secs = jiff::Timestamp::now().as_second();
        Moment(jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH))
    }

    pub fn from_unix_seconds(secs: i64) -> Option<Moment> {
        jiff::Timestamp::from_second(secs).ok().map(Moment)
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.as_second()
    }

    /// The calendar day of this moment in the computer's own time zone.
    pub fn local_day(self) -> Day {
        Day(self.0.to_zoned_datetime(display_zone()).date())
    }

    /// A short local form for people: `26 Nov 2026 14:05`.
    pub fn for_people(self) -> String {
        let zoned = self.0.to_zoned_datetime(display_zone());
        zoned.strftime("%-d %b %Y %H:%M").to_string()
    }

    /// A form safe for file names: `20261126T140500Z`.
    pub fn compact(self) -> String {
        self.0.strftime("%Y%m%dT%H%M%SZ").to_string()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Day {
    /// A long form for people: `1 March 2026`.
    pub fn for_people(self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%dT%H:%M:%SZ"))
    }
}

/// The ways of writing a date people are shown when one is not understood.
pub const DATE_EXAMPLES: &str = "1 April 2027, 1/4/2027 or 2027-04-01 (day before month)";

/// Why a day could not be read, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{input}\" is not a date{}: write it as {DATE_EXAMPLES}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct BadDate {
    pub input: String,
    /// What exactly is wrong, when it can be said: "there is no 30 February".
    pub reason: Option<String>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month written as a word: its full name or the first three letters.
fn month_named(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let found = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(&word) && word.len() <= 4));
    found.map(|i| i as i8 + 1)
}

/// A day of the month with an optional ending: 1, 01, 1st, 22nd, 3rd, 4th.
fn day_number(word: &str) -> Option<i8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    small_number(digits)
}

/// One or two digits.
fn small_number(text: &str) -> Option<i8> {
    (matches!(text.len(), 1 | 2) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A year in four digits. Two-digit years are refused: "27" could be 1927.
fn full_year(text: &str) -> Result<i16, String> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse()
            .map_err(|_| "the year is not a number".to_string())
    } else if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        Err(format!("write the year in full, such as 20{text}"))
    } else {
        Err(format!("\"{text}\" is not a year"))
    }
}

/// Reads a date as people in the UK write it: `1 April 2027`, `1st Apr
/// 2027`, `1/4/2027`, `01/04/2027`, `1.4.2027` (day first), or
/// `2027-04-01` (year first). A date that does not exist is refused with
/// the reason rather than moved to the nearest one.
fn parse_day(s: &str) -> Result<Day, BadDate> {
    let bad = |reason: Option<String>| BadDate {
        input: s.trim().to_string(),
        reason,
    };
    let trimmed = s.trim();
    let words: Vec<&str> = trimmed
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (year, month, day) = match words.as_slice() {
        // 1 April 2027
        [d, m, y] => {
            let month =
                month_named(m).ok_or_else(|| bad(Some(format!("\"{m}\" is not a month"))))?;
            let day = day_number(&d.to_lowercase()).ok_or_else(|| bad(None))?;
            (full_year(y).map_err(|r| bad(Some(r)))?, month, day)
        }
        [one] => {
            let parts: Vec<&str> = one.split(['/', '-', '.']).collect();
            match parts.as_slice() {
                // 2027-04-01
                [y, m, d] if y.len() == 4 => (
                    full_year(y).map_err(|r| bad(Some(r)))?,
                    small_number(m).ok_or_else(|| bad(None))?,
                    small_number(d).ok_or_else(|| bad(None))?,
                ),
                // 1/4/2027
                [d, m, y] => (
                    full_year(y).map_err(|r| bad(Some(r)))?,
                    small_number(m).ok_or_else(|| bad(None))?,
                    small_number(d).ok_or_else(|| bad(None))?,
                ),
                _ => return Err(bad(None)),
            }
        }
        _ => return Err(bad(None)),
    };
    if !(1..=12).contains(&month) {
        let hint = if (1..=12).contains(&day) && month <= 31 {
            format!("there is no month {month}; the day comes first, as in {month}/{day}/{year}")
        } else {
            format!("there is no month {month}")
        };
        return Err(bad(Some(hint)));
    }
    Day::new(year, month, day).ok_or_else(|| {
        let name = MONTHS[month as usize - 1];
        let name = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
        bad(Some(format!("there is no {day} {name} {year}")))
    })
}

impl FromStr for Day {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Day, BadDate> {
        parse_day(s)
    }
}

/// How a date in a file (a group file, a funder profile) is read: only
/// year-month-day, as alongside writes it, so a file means the same on
/// every computer whatever its owner's habits.
fn parse_file_day(s: &str) -> Result<Day, String> {
    let bad = || format!("`{s}` is not a date: write it as year-month-day, for example 2026-03-01");
    let trimmed = s.trim();
    if trimmed.len() != 10 || trimmed.as_bytes()[4] != b'-' || trimmed.as_bytes()[7] != b'-' {
        return Err(bad());
    }
    trimmed
        .parse::<jiff::civil::Date>()
        .map(Day)
        .map_err(|_| bad())
}

impl FromStr for Moment {
    type Err = String;
    fn from_str(s: &str) -> Result<Moment, String> {
        s.trim()
            .parse::<jiff::Timestamp>()
            .map(|t| Moment(jiff::Timestamp::from_second(t.as_second()).unwrap_or(t)))
            .map_err(|_| format!("`{s}` is not a date and time such as 2026-03-01T14:05:00Z"))
    }
}

fn toml_date(day: Day) -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: day.0.year() as u16,
            month: day.0.month() as u8,
            day: day.0.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// True when serializing into TOML, where dates have a native form. Every
/// other format (JSON output for scripts) gets the same text as a string.
/// serde has no format-neutral notion of a date, so we ask the type's name.
fn writing_toml<S: Serializer>() -> bool {
    std::any::type_name::<S>().starts_with("toml")
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if writing_toml::<S>() {
            toml_date(*self).serialize(s)
        } else {
            s.collect_str(self)
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if writing_toml::<S>() {
            let dt: toml::value::Datetime = self
                .to_string()
                .parse()
                .map_err(serde::ser::Error::custom)?;
            dt.serialize(s)
        } else {
            s.collect_str(self)
        }
    }
}

/// Either a native TOML date-time or a string; both are accepted on reading.
enum DateText {
    Native(toml::value::Datetime),
    Text(String),
}

/// Read by looking at what the format has, not by trying one form and
/// then the other (serde's `untagged`): that buffered every date and built
/// an error message for each string date, which was a tenth of reading a
/// cached funder profile (docs/performance.md section 2).
impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateText, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date such as 2026-03-01")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<DateText, E> {
                Ok(DateText::Text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<DateText, A::Error> {
                let native = serde::de::value::MapAccessDeserializer::new(map);
                toml::value::Datetime::deserialize(native).map(DateText::Native)
            }
        }
        d.deserialize_any(Either)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        use serde::de::Error;
        match DateText::deserialize(d)? {
            DateText::Text(s) => parse_file_day(&s).map_err(D::Error::custom),
            DateText::Native(dt) => match (dt.date, dt.time) {
                (Some(date), None) => Day::new(date.year as i16, date.month as i8, date.day as i8)
                    .ok_or_else(|| D::Error::custom(parse_file_day(&dt.to_string()).unwrap_err())),
                _ => Err(D::Error::custom(format!(
                    "`{dt}` has a time of day; write just the date, for example 2026-03-01"
                ))),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Moment, D::Error> {
        use serde::de::Error;
        let text = match DateText::deserialize(d)? {
            DateText::Text(s) => s,
            DateText::Native(dt) => {
                if dt.offset.is_none() {
                    return Err(D::Error::custom(format!(
                        "`{dt}` needs a time zone; add Z for UTC, for example 2026-03-01T14:05:00Z"
                    )));
                }
                dt.to_string()
            }
        };
        text.parse().map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    #[test]
    fn the_local_zone_is_read_from_tz_or_localtime() {
        let noon = "2026-07-01T12:00:00Z".parse::<jiff::Timestamp>().unwrap();
        let offset = |tz: &jiff::tz::TimeZone| tz.to_offset(noon).seconds();
        assert_eq!(offset(&zone_from(Some("UTC")).unwrap()), 0);
        // A POSIX rule needs no file.
        let rule = zone_from(Some("GMT0BST,M3.5.0/1,M10.5.0")).unwrap();
        assert_eq!(offset(&rule), 3600);
        assert!(zone_from(Some("../../etc/passwd")).is_none());
        assert!(zone_from(Some("")).is_none());
        if std::path::Path::new("/usr/share/zoneinfo/Europe/London").exists() {
            assert_eq!(offset(&zone_from(Some("Europe/London")).unwrap()), 3600);
            assert_eq!(offset(&zone_from(Some(":Asia/Tokyo")).unwrap()), 9 * 3600);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Holder {
        day: Day,
        at: Moment,
    }

    #[test]
    fn round_trips_as_native_toml() {
        let h = Holder {
            day: Day::new(2026, 3, 1).unwrap(),
            at: "2026-11-26T14:05:00Z".parse().unwrap(),
        };
        let text = toml::to_string(&h).unwrap();
        assert_eq!(text, "day = 2026-03-01\nat = 2026-11-26T14:05:00Z\n");
        assert_eq!(toml::from_str::<Holder>(&text).unwrap(), h);
    }

    #[test]
    fn accepts_quoted_forms() {
        let h: Holder =
            toml::from_str("day = \"2026-03-01\"\nat = \"2026-11-26T14:05:00Z\"").unwrap();
        assert_eq!(h.day.to_string(), "2026-03-01");
        // In a file, only year-month-day: a file means the same everywhere.
        let err = toml::from_str::<Holder>("day = \"1/3/2026\"\nat = \"2026-11-26T14:05:00Z\"")
            .unwrap_err();
        assert!(
            err.to_string().contains("write it as year-month-day"),
            "{err}"
        );
    }

    #[test]
    fn reads_dates_as_people_write_them() {
        let first_april = Day::new(2027, 4, 1).unwrap();
        for typed in [
            "1 April 2027",
            "1st April 2027",
            "1 Apr 2027",
            "1 april, 2027",
            "1/4/2027",
            "01/04/2027",
            "1.4.2027",
            "1-4-2027",
            "2027-04-01",
            "2027-4-1",
            "  2027/04/01 ",
        ] {
            assert_eq!(typed.parse::<Day>(), Ok(first_april), "{typed}");
        }
        assert_eq!(first_april.for_people(), "1 April 2027");
        // Files and JSON keep the ISO form.
        assert_eq!(first_april.to_string(), "2027-04-01");
    }

    #[test]
    fn rejects_ambiguous_and_impossible_dates() {
        let err = |typed: &str| typed.parse::<Day>().unwrap_err().to_string();
        assert_eq!(
            err("30/2/2027"),
            "\"30/2/2027\" is not a date (there is no 30 February 2027): write it as 1 April 2027, 1/4/2027 or 2027-04-01 (day before month)"
        );
        assert!(err("2026-02-30").contains("there is no 30 February 2026"));
        // Month first, as in the US: refused, and the day-first form shown.
        assert!(
            err("4/13/2027").contains("there is no month 13; the day comes first, as in 13/4/2027")
        );
        // A two-digit year could be any century.
        assert!(err("1/4/27").contains("write the year in full, such as 2027"));
        assert!(err("1 Aprol 2027").contains("\"Aprol\" is not a month"));
        for typed in ["", "soon", "April 2027", "1/4", "2027", "1 2 3 4"] {
            assert!(err(typed).contains("write it as 1 April 2027"), "{typed}");
        }
        let err = toml::from_str::<Holder>("day = 2026-03-01T10:00:00\nat = 2026-11-26T14:05:00Z")
            .unwrap_err();
        assert!(err.to_string().contains("time of day"), "{err}");
    }
}
