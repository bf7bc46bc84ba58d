//! A grant's evidence list: every log entry in date order with an id, and
//! correcting one (edit or remove) with the entry as it was kept in the
//! grant's corrections, so nothing logged is lost by fixing it.
//!
//! It also says which fields a form shows for each kind of entry (key,
//! label, what is typed) and reads a form's values through the same checks
//! as logging, so the full-screen program and `alongside log GROUP edit
//! ENTRY --set key=value` use the same names.
//!
//! Ids: a story keeps its own `story-N`; the other entries are numbered by
//! kind in date order (`session-3` is the third session), so adding an
//! entry dated earlier moves the numbers after it. List, then correct.

use std::collections::BTreeMap;

use serde::Serialize;

use super::log::{self, LogError, Logged, NewStory};
use crate::dates::{Day, Moment};
use crate::group::{Author, Correction, CorrectionKind, Grant, LogItem, NoteKind};
use crate::text::{format_pence, one_line};

/// The kinds of log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Session,
    Count,
    Story,
    Spend,
    Note,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Session,
        EntryKind::Count,
        EntryKind::Story,
        EntryKind::Spend,
        EntryKind::Note,
    ];

    /// The name used in ids and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            EntryKind::Session => "session",
            EntryKind::Count => "count",
            EntryKind::Story => "story",
            EntryKind::Spend => "spend",
            EntryKind::Note => "note",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Session => "Session",
            EntryKind::Count => "Count",
            EntryKind::Story => "Member's story",
            EntryKind::Spend => "Money spent",
            EntryKind::Note => "Note",
        }
    }

    fn of(item: &LogItem) -> EntryKind {
        match item {
            LogItem::Session(_) => EntryKind::Session,
            LogItem::Count(_) => EntryKind::Count,
            LogItem::Story(_) => EntryKind::Story,
            LogItem::Spend(_) => EntryKind::Spend,
            LogItem::Note(_) => EntryKind::Note,
        }
    }
}

/// One entry of the evidence list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// `session-3`, `story-2`: what `edit` and `remove` take.
    pub id: String,
    pub kind: EntryKind,
    pub date: Day,
    /// The entry in one line, for a list.
    pub summary: String,
}

/// An earlier version of an entry, from the grant's corrections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    pub entry: String,
    pub change: CorrectionKind,
    pub at: Moment,
    pub by: Author,
    /// The entry as it was, in one line.
    pub was: String,
}

fn items(grant: &Grant) -> Vec<LogItem> {
    let mut out = Vec::new();
    out.extend(grant.sessions.iter().cloned().map(LogItem::Session));
    out.extend(grant.counts.iter().cloned().map(LogItem::Count));
    out.extend(grant.stories.iter().cloned().map(LogItem::Story));
    out.extend(grant.spending.iter().cloned().map(LogItem::Spend));
    out.extend(grant.notes.iter().cloned().map(LogItem::Note));
    out
}

fn date_of(item: &LogItem) -> Day {
    match item {
        LogItem::Session(s) => s.date,
        LogItem::Count(c) => c.date,
        LogItem::Story(s) => s.date,
        LogItem::Spend(s) => s.date,
        LogItem::Note(n) => n.date,
    }
}

/// An entry in one line, as the list shows it.
pub fn summary(item: &LogItem) -> String {
    let day = date_of(item).for_people();
    let first_words = |text: &str| {
        let words: Vec<&str> = text.split_whitespace().collect();
        let shown = words.iter().take(10).copied().collect::<Vec<_>>().join(" ");
        if words.len() > 10 {
            format!("{}…", one_line(&shown))
        } else {
            one_line(&shown)
        }
    };
    match item {
        LogItem::Session(s) => format!("{day}: {} came, {} new", s.came, s.new),
        LogItem::Count(c) => format!("{day}: {} for \"{}\"", c.number, one_line(&c.measure)),
        LogItem::Story(s) if s.withdrawn.is_some() => format!("{day}: consent withdrawn"),
        LogItem::Story(s) => {
            let uses: Vec<&str> = s.uses_agreed().iter().map(|u| u.id()).collect();
            let consent = if uses.is_empty() {
                "no consent".to_string()
            } else {
                format!("agreed for {}", uses.join(", "))
            };
            format!("{day}: \"{}\" ({consent})", first_words(&s.text))
        }
        LogItem::Spend(s) => format!(
            "{day}: {} on \"{}\"{}",
            format_pence(s.pence),
            one_line(&s.line),
            s.receipt
                .as_ref()
                .map_or(String::new(), |r| format!(", receipt {}", one_line(r)))
        ),
        LogItem::Note(n) => format!("{day}, {}: {}", n.kind.heading(), first_words(&n.text)),
    }
}

/// Every entry with its id, in date order (kinds in the order of
/// `EntryKind::ALL` on the same day).
pub fn list(grant: &Grant) -> Vec<Entry> {
    let mut counters: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out: Vec<Entry> = items(grant)
        .iter()
        .map(|item| {
            let kind = EntryKind::of(item);
            let n = counters.entry(kind.id()).or_default();
            *n += 1;
            let id = match item {
                LogItem::Story(s) if !s.id.is_empty() => s.id.clone(),
                _ => format!("{}-{n}", kind.id()),
            };
            Entry {
                id,
                kind,
                date: date_of(item),
                summary: summary(item),
            }
        })
        .collect();
    out.sort_by_key(|e| e.date);
    out
}

/// The corrections, oldest first, in one line each.
pub fn history(grant: &Grant) -> Vec<HistoryRow> {
    grant
        .corrections
        .iter()
        .map(|c| HistoryRow {
            entry: c.entry.clone(),
            change: c.change,
            at: c.at,
            by: c.by,
            was: summary(&c.was),
        })
        .collect()
}

/// Where an entry is: its kind and its place in that kind's list.
fn locate(grant: &Grant, id: &str) -> Result<(EntryKind, usize), LogError> {
    let not_found = || {
        let ids: Vec<String> = list(grant).into_iter().map(|e| e.id).collect();
        LogError(if ids.is_empty() {
            "this grant has nothing logged yet".to_string()
        } else {
            format!(
                "there is no entry `{}`; the entries are: {}",
                one_line(id),
                ids.join(", ")
            )
        })
    };
    if let Some(i) = grant.stories.iter().position(|s| s.id == id) {
        return Ok((EntryKind::Story, i));
    }
    let (kind, n) = id.rsplit_once('-').ok_or_else(not_found)?;
    let kind = EntryKind::ALL
        .into_iter()
        .find(|k| k.id() == kind)
        .ok_or_else(not_found)?;
    let n: usize = n.parse().map_err(|_| not_found())?;
    let len = match kind {
        EntryKind::Session => grant.sessions.len(),
        EntryKind::Count => grant.counts.len(),
        EntryKind::Story => grant.stories.len(),
        EntryKind::Spend => grant.spending.len(),
        EntryKind::Note => grant.notes.len(),
    };
    // A story is found by its own id above; `story-N` by place only for
    // stories from an older file that have none yet.
    if kind == EntryKind::Story
        && grant
            .stories
            .get(n.wrapping_sub(1))
            .is_none_or(|s| !s.id.is_empty())
    {
        return Err(not_found());
    }
    if n == 0 || n > len {
        return Err(not_found());
    }
    Ok((kind, n - 1))
}

/// Takes an entry out of its list, returning it.
fn take(grant: &mut Grant, kind: EntryKind, i: usize) -> LogItem {
    match kind {
        EntryKind::Session => LogItem::Session(grant.sessions.remove(i)),
        EntryKind::Count => LogItem::Count(grant.counts.remove(i)),
        EntryKind::Story => LogItem::Story(grant.stories.remove(i)),
        EntryKind::Spend => LogItem::Spend(grant.spending.remove(i)),
        EntryKind::Note => LogItem::Note(grant.notes.remove(i)),
    }
}

/// Takes one entry equal to `item` out of the grant's lists; whether there
/// was one. (Merging uses it to make a correction from the other copy.)
pub fn take_out(grant: &mut Grant, item: &LogItem) -> bool {
    fn one<T: PartialEq>(list: &mut Vec<T>, wanted: &T) -> bool {
        match list.iter().position(|x| x == wanted) {
            Some(i) => {
                list.remove(i);
                true
            }
            None => false,
        }
    }
    match item {
        LogItem::Session(s) => one(&mut grant.sessions, s),
        LogItem::Count(c) => one(&mut grant.counts, c),
        LogItem::Story(s) => one(&mut grant.stories, s),
        LogItem::Spend(s) => one(&mut grant.spending, s),
        LogItem::Note(n) => one(&mut grant.notes, n),
    }
}

/// What a form box takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "choices")]
pub enum Input {
    /// One line of words.
    Line,
    /// Words over several lines (Enter is a new line).
    Lines,
    /// A whole number of 0 or more.
    Number,
    /// Money: 35, £35.50.
    Money,
    /// A date: 1/4/2027, 1 April 2027, 2027-04-01.
    Date,
    /// One of these.
    Choice(Vec<String>),
    /// Any of `report`, `other-funders`, `publicity`, separated by commas.
    Uses,
}

/// One box of a log form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The name in `--set key=value` and in `Values`.
    pub key: &'static str,
    /// The label to show beside the box.
    pub label: &'static str,
    pub input: Input,
    /// Whether the entry can be recorded with the box empty.
    pub optional: bool,
}

/// What was typed into a form, by field key.
pub type Values = BTreeMap<String, String>;

const YES_NO: [&str; 2] = ["no", "yes"];

fn choice(list: &[&str]) -> Input {
    Input::Choice(list.iter().map(|s| s.to_string()).collect())
}

/// The boxes of the form for one kind of entry on this grant, in order.
/// Choices come from the grant (its measures, its budget lines).
pub fn fields(kind: EntryKind, grant: &Grant) -> Vec<Field> {
    let f = |key, label, input, optional| Field {
        key,
        label,
        input,
        optional,
    };
    let date = f("date", "Date", Input::Date, false);
    match kind {
        EntryKind::Session => vec![
            f("came", "How many came", Input::Number, false),
            f("new", "How many were new", Input::Number, true),
            date,
        ],
        EntryKind::Count => vec![
            f(
                "measure",
                "What is counted",
                Input::Choice(
                    grant
                        .measures()
                        .into_iter()
                        .filter(|m| !log::SESSION_MEASURES.contains(m))
                        .map(String::from)
                        .collect(),
                ),
                false,
            ),
            f("number", "How many", Input::Number, false),
            date,
        ],
        EntryKind::Story => vec![
            f("text", "The story, in their words", Input::Lines, false),
            f(
                "consent",
                "Did they agree to it being used?",
                choice(&YES_NO),
                false,
            ),
            f(
                "uses",
                "What they agreed it may be used for: report (this funder's returns), other-funders, publicity",
                Input::Uses,
                true,
            ),
            f(
                "until",
                "The last day their consent lasts (if they gave one)",
                Input::Date,
                true,
            ),
            f(
                "anonymised",
                "Have names been taken out?",
                choice(&YES_NO),
                true,
            ),
            f(
                "checked_by",
                "Who checked no names are left",
                choice(&["group", "supporter", "together"]),
                true,
            ),
            date,
        ],
        EntryKind::Spend => vec![
            f("amount", "How much", Input::Money, false),
            f(
                "line",
                "Budget line",
                Input::Choice(grant.budget.iter().map(|l| l.item.clone()).collect()),
                false,
            ),
            f("receipt", "Receipt number (if any)", Input::Line, true),
            date,
        ],
        EntryKind::Note => vec![
            f("text", "The note", Input::Lines, false),
            f(
                "kind",
                "What kind of note",
                choice(&NoteKind::ALL.map(|k| k.id())),
                true,
            ),
            date,
        ],
    }
}

/// An entry's values as its form shows them, to start an edit from.
pub fn values(grant: &Grant, id: &str) -> Result<Values, LogError> {
    let (kind, i) = locate(grant, id)?;
    let item = items_of(grant, kind, i);
    Ok(values_of(&item))
}

fn items_of(grant: &Grant, kind: EntryKind, i: usize) -> LogItem {
    match kind {
        EntryKind::Session => LogItem::Session(grant.sessions[i].clone()),
        EntryKind::Count => LogItem::Count(grant.counts[i].clone()),
        EntryKind::Story => LogItem::Story(grant.stories[i].clone()),
        EntryKind::Spend => LogItem::Spend(grant.spending[i].clone()),
        EntryKind::Note => LogItem::Note(grant.notes[i].clone()),
    }
}

fn values_of(item: &LogItem) -> Values {
    let mut v = Values::new();
    let mut put = |k: &str, value: String| {
        v.insert(k.to_string(), value);
    };
    put("date", date_of(item).to_string());
    match item {
        LogItem::Session(s) => {
            put("came", s.came.to_string());
            put("new", s.new.to_string());
        }
        LogItem::Count(c) => {
            put("measure", c.measure.clone());
            put("number", c.number.to_string());
        }
        LogItem::Story(s) => {
            put("text", s.text.clone());
            put("consent", YES_NO[usize::from(s.consent)].to_string());
            let uses: Vec<&str> = s.uses_agreed().iter().map(|u| u.id()).collect();
            put("uses", uses.join(","));
            put("until", s.until.map_or(String::new(), |d| d.to_string()));
            put("anonymised", YES_NO[usize::from(s.anonymised)].to_string());
            put(
                "checked_by",
                s.checked_by
                    .map_or(String::new(), |a| author_id(a).to_string()),
            );
        }
        LogItem::Spend(s) => {
            put(
                "amount",
                crate::text::format_pence(s.pence).replace('£', ""),
            );
            put("line", s.line.clone());
            put("receipt", s.receipt.clone().unwrap_or_default());
        }
        LogItem::Note(n) => {
            put("text", n.text.clone());
            put("kind", n.kind.id().to_string());
        }
    }
    v
}

fn author_id(a: Author) -> &'static str {
    match a {
        Author::Group => "group",
        Author::Supporter => "supporter",
        Author::Together => "together",
    }
}

/// Who is logging or correcting, and when.
#[derive(Debug, Clone, Copy)]
pub struct Doing {
    pub by: Author,
    pub today: Day,
    pub now: Moment,
}

/// Records a new entry of `kind` from a form's values, through the same
/// checks as `monitoring::log`. `story_id` is the id a story gets
/// (`consent::next_id`).
pub fn record(
    grant: &mut Grant,
    kind: EntryKind,
    values: &Values,
    story_id: String,
    doing: Doing,
) -> Result<Logged, LogError> {
    let get = |key: &str| values.get(key).map(|v| v.trim()).unwrap_or("");
    let labels: Vec<(&str, &str)> = fields(kind, grant)
        .into_iter()
        .map(|f| (f.key, f.label))
        .collect();
    let label = |key: &str| -> String {
        labels
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key.to_string(), |(_, l)| l.to_string())
    };
    let problem = |key: &str, what: String| LogError(format!("{} (`{key}`): {what}", label(key)));
    let required = |key: &str| -> Result<&str, LogError> {
        let v = get(key);
        if v.is_empty() {
            Err(problem(key, "this cannot be left empty".to_string()))
        } else {
            Ok(v)
        }
    };
    let day = |key: &str| -> Result<Option<Day>, LogError> {
        let v = get(key);
        if v.is_empty() {
            return Ok(None);
        }
        v.parse()
            .map(Some)
            .map_err(|e: crate::dates::BadDate| problem(key, e.to_string()))
    };
    let number = |key: &str| -> Result<i64, LogError> {
        let v = get(key);
        if v.is_empty() {
            return Ok(0);
        }
        crate::bank::parse_whole_number(v)
            .map_err(|e| problem(key, format!("{}. {}", e.problem, e.expected)))
    };
    let small = |key: &str| -> Result<u32, LogError> {
        let n = number(key)?;
        u32::try_from(n)
            .map_err(|_| problem(key, format!("{n} is not a whole number of 0 or more")))
    };
    let yes = |key: &str| -> Result<bool, LogError> {
        match get(key) {
            "yes" => Ok(true),
            "no" | "" => Ok(false),
            other => Err(problem(
                key,
                format!("`{}` is not yes or no", one_line(other)),
            )),
        }
    };
    required("date")?;
    let date = day("date")?.unwrap_or(doing.today);
    let today = doing.today;
    match kind {
        EntryKind::Session => {
            required("came")?;
            let (came, new) = (small("came")?, small("new")?);
            log::session(grant, date, came, new, today)
        }
        EntryKind::Count => {
            let measure = required("measure")?.to_string();
            required("number")?;
            log::count(grant, date, &measure, number("number")?, today)
        }
        EntryKind::Story => {
            let text = required("text")?.to_string();
            let consent = yes("consent")?;
            let uses = super::consent::parse_uses(get("uses")).map_err(|e| problem("uses", e))?;
            let checked_by = match get("checked_by") {
                "" => None,
                "group" => Some(Author::Group),
                "supporter" => Some(Author::Supporter),
                "together" => Some(Author::Together),
                other => {
                    return Err(problem(
                        "checked_by",
                        format!(
                            "`{}` is not one of group, supporter, together",
                            one_line(other)
                        ),
                    ));
                }
            };
            log::story(
                grant,
                NewStory {
                    id: story_id,
                    date,
                    text: &text,
                    consent,
                    uses,
                    until: day("until")?,
                    by: doing.by,
                    anonymised: yes("anonymised")?,
                    checked_by,
                },
                today,
            )
        }
        EntryKind::Spend => {
            let pence = crate::bank::parse_money(required("amount")?)
                .map_err(|e| problem("amount", format!("{}. {}", e.problem, e.expected)))?;
            let line = required("line")?.to_string();
            let receipt = get("receipt").to_string();
            log::spend(grant, date, pence, &line, Some(&receipt), today)
        }
        EntryKind::Note => {
            let text = required("text")?.to_string();
            let kind = match get("kind") {
                "" => NoteKind::default(),
                typed => NoteKind::ALL
                    .into_iter()
                    .find(|k| k.id() == typed)
                    .ok_or_else(|| {
                        problem(
                            "kind",
                            format!(
                                "`{}` is not one of {}",
                                one_line(typed),
                                NoteKind::ALL.map(|k| k.id()).join(", ")
                            ),
                        )
                    })?,
            };
            log::note(grant, date, &text, kind, today)
        }
    }
}

/// Changes an entry: `changes` are field keys with new values (the rest
/// stay as they were). The change goes through the same checks as logging;
/// the entry as it was is kept in the grant's corrections.
pub fn edit(
    grant: &mut Grant,
    id: &str,
    changes: &Values,
    doing: Doing,
) -> Result<Logged, LogError> {
    let (kind, i) = locate(grant, id)?;
    let old = items_of(grant, kind, i);
    if let LogItem::Story(s) = &old
        && s.withdrawn.is_some()
    {
        return Err(LogError(format!(
            "consent for {id} was withdrawn, so nothing of it is left to change"
        )));
    }
    let keys: Vec<&str> = fields(kind, grant).iter().map(|f| f.key).collect();
    if let Some(bad) = changes.keys().find(|k| !keys.contains(&k.as_str())) {
        return Err(LogError(format!(
            "a {} has no field `{}`; its fields are: {}",
            kind.id(),
            one_line(bad),
            keys.join(", ")
        )));
    }
    if changes.is_empty() {
        return Err(LogError(format!(
            "nothing to change: give new values for any of {}",
            keys.join(", ")
        )));
    }
    let mut values = values_of(&old);
    values.extend(changes.iter().map(|(k, v)| (k.clone(), v.clone())));
    let mut changed = grant.clone();
    take(&mut changed, kind, i);
    let before = items(&changed);
    let story_id = match &old {
        LogItem::Story(s) => s.id.clone(),
        _ => String::new(),
    };
    let logged = record(&mut changed, kind, &values, story_id, doing)?;
    // The entry as it is now: the one the lists did not have before.
    let mut pool = before;
    let new = items(&changed)
        .into_iter()
        .find(|item| match pool.iter().position(|p| p == item) {
            Some(at) => {
                pool.remove(at);
                false
            }
            None => true,
        });
    // A story whose consent was not touched keeps who recorded it and when.
    if let (LogItem::Story(was), Some(LogItem::Story(now))) = (&old, &new)
        && (was.consent, was.uses_agreed(), was.until)
            == (now.consent, now.uses_agreed(), now.until)
        && let Some(s) = changed.stories.iter_mut().find(|s| s.id == was.id)
    {
        s.consent_by = was.consent_by;
        s.consent_on = was.consent_on;
    }
    if new.as_ref() == Some(&old) {
        return Err(LogError(format!("{id} already says that")));
    }
    changed.corrections.push(Correction {
        entry: id.to_string(),
        change: CorrectionKind::Edited,
        at: doing.now,
        by: doing.by,
        was: old,
    });
    *grant = changed;
    let now = new.map_or(String::new(), |n| summary(&n));
    Ok(Logged {
        said: format!(
            "Changed {id}; it now reads {now}. The old version is kept in the grant's history."
        ),
        warnings: logged.warnings,
    })
}

/// Removes an entry from the log (and so from every return); the entry is
/// kept in the grant's corrections.
pub fn remove(grant: &mut Grant, id: &str, doing: Doing) -> Result<Logged, LogError> {
    let (kind, i) = locate(grant, id)?;
    let old = take(grant, kind, i);
    let said = format!(
        "Removed {id} ({}) from the log and from every return; it is kept in the grant's history.",
        summary(&old)
    );
    grant.corrections.push(Correction {
        entry: id.to_string(),
        change: CorrectionKind::Removed,
        at: doing.now,
        by: doing.by,
        was: old,
    });
    Ok(Logged {
        said,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{Promise, Session, Story, StoryUse};
    use crate::monitoring::fixtures::{day, grant_with_hall};

    fn doing() -> Doing {
        Doing {
            by: Author::Supporter,
            today: day(2026, 10, 1),
            now: Moment::from_unix_seconds(1_790_000_000).unwrap(),
        }
    }

    fn grant() -> Grant {
        let mut g = grant_with_hall("Hall");
        g.promises = vec![Promise {
            what: "Volunteers".into(),
            from: None,
            measure: Some("volunteered".into()),
            target: Some(2),
        }];
        for (m, d, came) in [(4, 8, 12), (5, 6, 10), (4, 22, 13)] {
            g.sessions.push(Session {
                date: day(2026, m, d),
                came,
                new: 1,
            });
        }
        g.sessions.sort_by_key(|s| s.date);
        g.stories.push(Story {
            id: "story-4".into(),
            ..Story::new(day(2026, 5, 1), "I found my words again here.".into(), true)
        });
        g
    }

    fn set(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_list_numbers_each_kind_in_date_order() {
        let g = grant();
        let ids: Vec<String> = list(&g).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["session-1", "session-2", "story-4", "session-3"]);
        assert_eq!(list(&g)[1].summary, "22 April 2026: 13 came, 1 new");
    }

    #[test]
    fn an_edit_goes_through_the_logs_checks_and_keeps_the_old_version() {
        let mut g = grant();
        let before = g.clone();
        for bad in [
            set(&[("came", "0"), ("new", "5")]),
            set(&[("date", "2027-06-01")]),
            set(&[("colour", "blue")]),
            set(&[]),
        ] {
            assert!(edit(&mut g, "session-2", &bad, doing()).is_err(), "{bad:?}");
        }
        assert_eq!(g, before, "a refused edit changes nothing");
        let done = edit(&mut g, "session-2", &set(&[("came", "14")]), doing()).unwrap();
        assert!(
            done.said
                .contains("now reads 22 April 2026: 14 came, 1 new"),
            "{}",
            done.said
        );
        assert_eq!(g.sessions[1].came, 14);
        assert_eq!(g.corrections.len(), 1);
        assert_eq!(
            g.corrections[0].was,
            LogItem::Session(before.sessions[1].clone())
        );
        assert_eq!(history(&g)[0].was, "22 April 2026: 13 came, 1 new");
        assert!(edit(&mut g, "session-2", &set(&[("came", "14")]), doing()).is_err());
        assert!(
            edit(&mut g, "session-9", &set(&[("came", "1")]), doing())
                .unwrap_err()
                .0
                .contains("session-1, session-2, story-4, session-3")
        );
    }

    #[test]
    fn a_story_edit_keeps_its_id_and_who_recorded_the_consent() {
        let mut g = grant();
        g.stories[0].consent_by = Some(Author::Group);
        g.stories[0].consent_on = Some(day(2026, 5, 1));
        edit(
            &mut g,
            "story-4",
            &set(&[("text", "I found my words again.")]),
            doing(),
        )
        .unwrap();
        let s = &g.stories[0];
        assert_eq!(
            (s.id.as_str(), s.text.as_str(), s.consent_by),
            ("story-4", "I found my words again.", Some(Author::Group))
        );
        edit(
            &mut g,
            "story-4",
            &set(&[("uses", "report,publicity"), ("until", "2026-12-31")]),
            doing(),
        )
        .unwrap();
        let s = &g.stories[0];
        assert_eq!(s.uses, [StoryUse::Report, StoryUse::Publicity]);
        assert_eq!(
            (s.consent_by, s.until),
            (Some(Author::Supporter), Some(day(2026, 12, 31)))
        );
        assert_eq!(g.corrections.len(), 2);
    }

    #[test]
    fn removing_keeps_the_entry_in_the_history_and_take_out_undoes_one() {
        let mut g = grant();
        let said = remove(&mut g, "session-1", doing()).unwrap().said;
        assert!(
            said.starts_with("Removed session-1 (8 April 2026: 12 came, 1 new)"),
            "{said}"
        );
        assert_eq!(g.sessions.len(), 2);
        assert_eq!(g.corrections[0].change, CorrectionKind::Removed);
        let was = g.corrections[0].was.clone();
        let mut other = grant();
        assert!(take_out(&mut other, &was));
        assert!(!take_out(&mut other, &was));
        assert_eq!(other.sessions, g.sessions);
    }

    #[test]
    fn a_form_for_each_kind_records_through_the_same_checks() {
        let mut g = grant();
        let story = fields(EntryKind::Story, &g);
        let keys: Vec<&str> = story.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            [
                "text",
                "consent",
                "uses",
                "until",
                "anonymised",
                "checked_by",
                "date"
            ]
        );
        assert_eq!(story[2].input, Input::Uses);
        assert_eq!(
            fields(EntryKind::Count, &g)[0].input,
            Input::Choice(vec!["volunteered".into()])
        );
        let done = record(
            &mut g,
            EntryKind::Story,
            &set(&[
                ("text", "It helps."),
                ("consent", "yes"),
                ("uses", "other-funders"),
                ("until", "2027-01-31"),
                ("date", "2026-09-01"),
            ]),
            "story-5".into(),
            doing(),
        )
        .unwrap();
        assert!(
            done.said.contains("consent for other-funders"),
            "{}",
            done.said
        );
        let s = g.stories.iter().find(|s| s.id == "story-5").unwrap();
        assert_eq!(s.until, Some(day(2027, 1, 31)));
        let err = record(
            &mut g,
            EntryKind::Spend,
            &set(&[("amount", "ten"), ("line", "Hall"), ("date", "2026-09-01")]),
            String::new(),
            doing(),
        )
        .unwrap_err();
        assert!(err.0.starts_with("How much (`amount`)"), "{err}");
        assert_eq!(
            values(&g, "story-5")
                .unwrap()
                .get("uses")
                .map(String::as_str),
            Some("other-funders")
        );
    }

    #[test]
    fn withdrawing_consent_takes_the_storys_earlier_versions_too() {
        let mut group = crate::demo::demo_group().unwrap();
        let mut g = grant();
        edit(
            &mut g,
            "story-4",
            &set(&[("text", "Edited words here.")]),
            doing(),
        )
        .unwrap();
        group.grants = vec![g];
        let saved = crate::group::to_text(&group).unwrap();
        assert!(
            saved.contains("I found my words again here."),
            "the old version is kept"
        );
        let read = crate::group::parse("g.toml", &saved).unwrap();
        assert_eq!(
            read.grants[0].corrections, group.grants[0].corrections,
            "{saved}"
        );
        let today = day(2026, 10, 2);
        crate::monitoring::consent::withdraw(&mut group, "story-4", today).unwrap();
        let saved = crate::group::to_text(&group).unwrap();
        assert!(!saved.contains("found my words") && !saved.contains("Edited words"));
        // A story removed from the log can still have its consent withdrawn.
        let mut g = grant();
        remove(&mut g, "story-4", doing()).unwrap();
        group.grants = vec![g];
        assert_eq!(crate::monitoring::consent::next_id(&group), "story-5");
        let said = crate::monitoring::consent::withdraw(&mut group, "story-4", today).unwrap();
        assert!(said.contains("earlier versions are now gone"), "{said}");
        assert!(group.grants[0].corrections.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// However entries are edited and removed, every version ever
        /// logged is either in the log or in the history.
        #[test]
        fn nothing_logged_is_lost_by_correcting_it(
            came in proptest::collection::vec(1u32..30, 1..6),
            ops in proptest::collection::vec((0usize..6, proptest::bool::ANY, 0u32..40), 0..8),
        ) {
            let mut g = grant_with_hall("Hall");
            for (i, c) in came.iter().enumerate() {
                g.sessions.push(Session { date: day(2026, 4, 1 + i as i8), came: *c, new: 0 });
            }
            let mut seen: Vec<crate::group::Session> = g.sessions.clone();
            for (at, removing, new_came) in ops {
                let id = format!("session-{}", at + 1);
                let before = g.clone();
                let done = if removing {
                    remove(&mut g, &id, doing())
                } else {
                    edit(&mut g, &id, &set(&[("came", &new_came.to_string())]), doing())
                };
                if done.is_err() {
                    proptest::prop_assert_eq!(&g, &before, "a refused change changes nothing");
                }
                seen.extend(g.sessions.iter().cloned());
            }
            for s in &seen {
                let kept = g.sessions.contains(s)
                    || g.corrections.iter().any(|c| c.was == LogItem::Session(s.clone()));
                proptest::prop_assert!(kept, "{:?} was lost", s);
            }
        }
    }
}
