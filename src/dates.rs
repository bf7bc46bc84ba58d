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

/// Why a day could not be read, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a date: write it as year-month-day, for example 2026-03-01")]
pub struct BadDate {
    pub input: String,
}

impl FromStr for Day {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Day, BadDate> {
        let bad = || BadDate {
            input: s.to_string(),
        };
        let trimmed = s.trim();
        // Only the plain ISO form: day/month order differs between countries
        // and a silent misreading would be worse than asking again.
        if trimmed.len() != 10 || trimmed.as_bytes()[4] != b'-' || trimmed.as_bytes()[7] != b'-' {
            return Err(bad());
        }
        trimmed
            .parse::<jiff::civil::Date>()
            .map(Day)
            .map_err(|_| bad())
    }
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
#[derive(Deserialize)]
#[serde(untagged)]
enum DateText {
    Native(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        use serde::de::Error;
        match DateText::deserialize(d)? {
            DateText::Text(s) => s.parse().map_err(D::Error::custom),
            DateText::Native(dt) => match (dt.date, dt.time) {
                (Some(date), None) => Day::new(date.year as i16, date.month as i8, date.day as i8)
                    .ok_or_else(|| {
                        D::Error::custom(BadDate {
                            input: dt.to_string(),
                        })
                    }),
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
    }

    #[test]
    fn rejects_ambiguous_and_impossible_dates() {
        assert!("01/03/2026".parse::<Day>().is_err());
        assert!("2026-02-30".parse::<Day>().is_err());
        assert!("2026-3-1".parse::<Day>().is_err());
        let err = toml::from_str::<Holder>("day = 2026-03-01T10:00:00\nat = 2026-11-26T14:05:00Z")
            .unwrap_err();
        assert!(err.to_string().contains("time of day"), "{err}");
    }
}
