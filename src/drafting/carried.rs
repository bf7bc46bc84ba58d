//! What reused words carry: mistakes that come from copying last year's
//! bid, or another funder's, into this one. Pure functions over one
//! wording's text and the facts it should agree with:
//!
//! - an amount of money that was the ask before, or that sits beside
//!   "total" or "ask" and matches neither the ask nor the budget total;
//! - another funder's or organisation's name;
//! - a year already past for this project in a sentence about what the
//!   group *will* do, and "this year" / "next year" in words carried from
//!   an earlier round;
//! - a number of people far from the group's own answers.
//!
//! Each rule is written to stay quiet on ordinary true sentences ("we
//! started in 2017", "£1 subs", "24 people at £12.50"): it fires only where
//! the words themselves tie the figure to what it must match.

use super::check::{Kind, Severity};
use crate::funders::Profile;
use crate::text::format_pence;

/// What a wording must agree with.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The amount asked for now (`project_total`), in pence.
    pub ask: Option<i64>,
    /// Amounts asked for before, newest first (its history), in pence.
    pub earlier_asks: Vec<i64>,
    /// The budget lines' total, in pence.
    pub budget_total: Option<i64>,
    /// The year the project starts (`project_start`), or this year.
    pub start_year: i16,
    /// Whether `start_year` is the project's own start (else today's year).
    pub start_known: bool,
    /// The group's yearly round now.
    pub round: u32,
    /// The group's own people counts: (what it is, bank id, number).
    pub people: Vec<(&'static str, &'static str, i64)>,
    /// Names of other funders and organisations, as people write them.
    pub other_funders: Vec<String>,
}

/// One thing found in a wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub kind: Kind,
    pub severity: Severity,
    pub problem: String,
    pub fix: String,
}

/// Every finding in one wording, in the order of the rules above.
/// `written_in` is the round the wording was written in.
pub fn carried(text: &str, written_in: u32, facts: &Facts) -> Vec<Carried> {
    let mut out = Vec::new();
    money(text, facts, &mut out);
    funders(text, facts, &mut out);
    years(text, written_in, facts, &mut out);
    people(text, facts, &mut out);
    out
}

// ---------------------------------------------------------------------------
// Money

/// Words that tie an amount to the ask or the total.
const ASK_WORDS: &[&str] = &[
    "total",
    "in all",
    "altogether",
    "ask for",
    "asking for",
    "apply for",
    "applying for",
    "request",
    "grant of",
    "the project costs",
    "will cost",
];

fn money(text: &str, facts: &Facts, out: &mut Vec<Carried>) {
    let Some(ask) = facts.ask else { return };
    let mut said = Vec::new();
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        let about_ask = ASK_WORDS.iter().any(|w| lower.contains(w));
        for pence in amounts(sentence) {
            if pence == ask || said.contains(&pence) {
                continue;
            }
            if facts.earlier_asks.contains(&pence) {
                said.push(pence);
                out.push(Carried {
                    kind: Kind::AmountDiffers,
                    severity: Severity::Blocking,
                    problem: format!(
                        "It says {}, which is what you asked for before; you now ask for {}.",
                        format_pence(pence),
                        format_pence(ask)
                    ),
                    fix: format!(
                        "Change {} to {}, or change the amount you ask for (`project_total`).",
                        format_pence(pence),
                        format_pence(ask)
                    ),
                });
            } else if about_ask && Some(pence) != facts.budget_total {
                said.push(pence);
                let total = match facts.budget_total {
                    Some(t) if t != ask => {
                        format!(" and your budget lines add up to {}", format_pence(t))
                    }
                    _ => String::new(),
                };
                out.push(Carried {
                    kind: Kind::AmountDiffers,
                    severity: Severity::Warning,
                    problem: format!(
                        "It gives a total of {}, but you ask for {}{total}.",
                        format_pence(pence),
                        format_pence(ask)
                    ),
                    fix: "Make the amount match what you ask for, unless it is a different total on purpose."
                        .to_string(),
                });
            }
        }
    }
}

/// Amounts written with a pound sign ("£2,500", "£12.50", "£2.5k") or the
/// word ("2,500 pounds"), in pence.
pub fn amounts(text: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let pound = c == '£';
        let start = if pound { i + 1 } else { i };
        if (pound || c.is_ascii_digit())
            && (pound || i == 0 || !is_word_char(chars[i - 1].1))
            && chars.get(start).is_some_and(|(_, d)| d.is_ascii_digit())
        {
            let mut j = start;
            while j < chars.len()
                && (chars[j].1.is_ascii_digit()
                    || (matches!(chars[j].1, ',' | '.')
                        && chars.get(j + 1).is_some_and(|(_, d)| d.is_ascii_digit())))
            {
                j += 1;
            }
            let end_byte = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let number = &text[chars[start].0..end_byte];
            let rest = &text[end_byte..];
            let thousand = rest.starts_with(['k', 'K'])
                && !rest[1..].starts_with(|ch: char| ch.is_alphanumeric());
            let word = rest.trim_start().to_lowercase();
            if (pound || word.starts_with("pounds"))
                && let Some(p) = to_pence(number, thousand)
            {
                out.push(p);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn to_pence(number: &str, thousand: bool) -> Option<i64> {
    let plain = number.replace(',', "");
    let (whole, part) = plain.split_once('.').unwrap_or((&plain, ""));
    let whole: i64 = whole.parse().ok()?;
    if thousand {
        let tenths: i64 = if part.is_empty() {
            0
        } else {
            format!("{:0<3}", &part[..part.len().min(3)]).parse().ok()?
        };
        return whole.checked_mul(100_000)?.checked_add(tenths * 100);
    }
    let pence: i64 = match part.len() {
        0 => 0,
        1 => part.parse::<i64>().ok()? * 10,
        2 => part.parse().ok()?,
        _ => return None,
    };
    whole.checked_mul(100)?.checked_add(pence)
}

// ---------------------------------------------------------------------------
// Other funders' names

/// Words too common to name a funder on their own.
const GENERIC: &[&str] = &[
    "community",
    "fund",
    "funds",
    "foundation",
    "trust",
    "trusts",
    "grants",
    "grant",
    "small",
    "regular",
    "local",
    "council",
    "city",
    "county",
    "parish",
    "bank",
    "and",
    "of",
    "the",
    "in",
    "for",
    "chest",
];

/// The names people write for every funder but `own`: each profile's
/// name and organisation (without "The", brackets and "run by ..."), and
/// the leading words before a generic one ("National Lottery" from "The
/// National Lottery Community Fund") when that is two words or more or the
/// whole organisation's name ("Tesco"). A name that is part of this
/// funder's own names is left out, so a bid to one National Lottery
/// programme may name the National Lottery.
pub fn funder_names<'a>(
    profiles: impl IntoIterator<Item = &'a Profile>,
    own: &Profile,
) -> Vec<String> {
    let own_names = [
        clean_name(&own.name),
        clean_name(&own.funder),
        own.name.clone(),
        own.funder.clone(),
    ];
    let mut out: Vec<String> = Vec::new();
    for p in profiles.into_iter().filter(|p| p.id != own.id) {
        for name in [&p.name, &p.funder] {
            let cleaned = clean_name(name);
            let words: Vec<&str> = cleaned.split_whitespace().collect();
            let lead: Vec<&str> = words
                .iter()
                .take_while(|w| !GENERIC.contains(&w.to_lowercase().as_str()))
                .copied()
                .collect();
            let mut candidates = vec![cleaned.clone()];
            if lead.len() >= 2 || (!lead.is_empty() && lead.len() == words.len()) {
                candidates.push(lead.join(" "));
            }
            for c in candidates {
                let overlaps = own_names
                    .iter()
                    .any(|o| o.contains(&c) || c.contains(o.as_str()));
                if c.chars().filter(|ch| ch.is_alphanumeric()).count() >= 3
                    && !overlaps
                    && !out.contains(&c)
                {
                    out.push(c);
                }
            }
        }
    }
    // Longest first, so "National Lottery Community Fund" is reported
    // rather than "National Lottery" inside it.
    out.sort_by_key(|n| std::cmp::Reverse(n.len()));
    out
}

fn clean_name(name: &str) -> String {
    let mut cut = name;
    for stop in ["(", ",", ":", " run by ", " for ", " - ", " – "] {
        if let Some(at) = cut.find(stop) {
            cut = &cut[..at];
        }
    }
    let cut = cut.trim();
    cut.strip_prefix("The ").unwrap_or(cut).trim().to_string()
}

fn funders(text: &str, facts: &Facts, out: &mut Vec<Carried>) {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for name in &facts.other_funders {
        let Some(at) = find_word(text, name) else {
            continue;
        };
        // Inside a longer name already reported.
        if found.iter().any(|(s, e)| at >= *s && at + name.len() <= *e) {
            continue;
        }
        found.push((at, at + name.len()));
        out.push(Carried {
            kind: Kind::OtherFunder,
            severity: Severity::Warning,
            problem: format!("It names {name}, which is another funder."),
            fix: "If these words were written for another funder, change the name to this one; if you mean the other funder (money it gave you, say), leave it.".to_string(),
        });
    }
}

/// Where `needle` occurs in `text` as whole words (case as written).
fn find_word(text: &str, needle: &str) -> Option<usize> {
    text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

// ---------------------------------------------------------------------------
// Years and dates

/// Words that put a sentence in the future.
const FUTURE: &[&str] = &[
    " will ",
    "we'll",
    "we\u{2019}ll",
    "going to",
    "plan to",
    "planning to",
    "hope to",
    "aim to",
    "intend to",
    "would like to",
];

fn years(text: &str, written_in: u32, facts: &Facts, out: &mut Vec<Carried>) {
    let mut said = Vec::new();
    for sentence in sentences(text) {
        let lower = format!(" {} ", sentence.to_lowercase());
        if !FUTURE.iter().any(|w| lower.contains(w)) {
            continue;
        }
        for (year, at) in year_numbers(sentence) {
            if year < facts.start_year
                && !said.contains(&year)
                && !says_when_it_began(&sentence[..at])
            {
                said.push(year);
                let when = if facts.start_known {
                    format!("the project starts in {}", facts.start_year)
                } else {
                    format!("it is {} now", facts.start_year)
                };
                out.push(Carried {
                    kind: Kind::PastYear,
                    severity: Severity::Blocking,
                    problem: format!(
                        "It says what you will do in {year}, but {when}: \"{}\"",
                        crate::text::one_line(sentence)
                    ),
                    fix: "Change the year to when you will do it (these words may be from an earlier bid).".to_string(),
                });
            }
        }
    }
    if written_in < facts.round {
        let lower = text.to_lowercase();
        for phrase in ["this year", "next year", "last year"] {
            if contains_phrase(&lower, phrase) {
                out.push(Carried {
                    kind: Kind::CarriedYearWords,
                    severity: Severity::Warning,
                    problem: format!(
                        "It says \"{phrase}\", and it was written {} ago, so \"{phrase}\" may now mean another year.",
                        if facts.round - written_in == 1 { "a year".to_string() } else { format!("{} years", facts.round - written_in) }
                    ),
                    fix: format!(
                        "Check what \"{phrase}\" means now, or write the year itself."
                    ),
                });
            }
        }
    }
}

/// Words just before a year that make it history: "since 2020", "started
/// in 2017", "set up in 2019".
fn says_when_it_began(before: &str) -> bool {
    const PAST: &[&str] = &[
        "since",
        "started",
        "began",
        "begun",
        "founded",
        "formed",
        "established",
        "set",
        "opened",
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
    ];
    before
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| PAST.contains(&w))
}

fn contains_phrase(lower: &str, phrase: &str) -> bool {
    find_word(lower, phrase).is_some()
}

/// Four-digit numbers from 1990 to 2099 standing alone (not money, not
/// part of a longer number), with where each starts.
fn year_numbers(sentence: &str) -> Vec<(i16, usize)> {
    let mut out = Vec::new();
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let before = sentence[..start].chars().next_back();
            let after = sentence[i..].chars().next();
            let standalone = !before
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '£' | ',' | '.'))
                && !after.is_some_and(|c| c.is_alphanumeric() || c == ',');
            if i - start == 4
                && standalone
                && let Ok(year) = sentence[start..i].parse::<i16>()
                && (1990..=2099).contains(&year)
            {
                out.push((year, start));
            }
        } else {
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// People

/// Nouns that make a number a count of people.
const PEOPLE: &[&str] = &[
    "people",
    "members",
    "regulars",
    "participants",
    "adults",
    "beneficiaries",
    "attendees",
];

fn people(text: &str, facts: &Facts, out: &mut Vec<Carried>) {
    if facts.people.is_empty() {
        return;
    }
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        // Which of the group's counts this sentence is about.
        let about: Vec<&(&str, &str, i64)> = facts
            .people
            .iter()
            .filter(|(_, id, _)| match *id {
                "project_how_many" => lower.contains("benefit") || lower.contains("reach"),
                "people_in_touch" => lower.contains("in touch") || lower.contains("contact"),
                _ => ["regular", "come", "attend", "members"]
                    .iter()
                    .any(|w| lower.contains(w)),
            })
            .collect();
        if about.is_empty() {
            continue;
        }
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in words.iter().enumerate() {
            let Ok(n) = w.parse::<i64>() else { continue };
            if !(2..1_000_000).contains(&n) || (1990..=2099).contains(&n) {
                continue;
            }
            if !words[i + 1..]
                .iter()
                .take(3)
                .any(|next| PEOPLE.contains(next))
            {
                continue;
            }
            if about.iter().any(|(_, _, ours)| close(n, *ours)) {
                continue;
            }
            let yours: Vec<String> = about
                .iter()
                .map(|(what, _, ours)| format!("{ours} {what}"))
                .collect();
            out.push(Carried {
                kind: Kind::PeopleCount,
                severity: Severity::Warning,
                problem: format!(
                    "It says {n} people, but your answers say {}.",
                    crate::matching::join_words(&yours)
                ),
                fix: "Use the number that is true now, or update your answer if the number has changed.".to_string(),
            });
        }
    }
}

/// Within a reasonable margin: 2 people either way, or a fifth of the
/// group's own number ("about 40" for 45 is fine; 11 for 14 is not).
fn close(said: i64, ours: i64) -> bool {
    (said - ours).abs() <= (ours / 5).max(2)
}

// ---------------------------------------------------------------------------

/// Sentences: split after ".", "!" or "?" followed by a space, and at line
/// ends, so "£12.50" stays whole.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
                out.push(line[start..=i].trim());
                start = i + 1;
            }
        }
        out.push(line[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            ask: Some(240_000),
            earlier_asks: vec![250_000],
            budget_total: Some(240_000),
            start_year: 2027,
            start_known: true,
            round: 2,
            people: vec![
                ("regular members", "regular_members", 14),
                ("in touch", "people_in_touch", 40),
                ("who will benefit", "project_how_many", 45),
            ],
            other_funders: vec!["National Lottery".into(), "Tesco".into()],
        }
    }

    fn kinds(text: &str, round: u32) -> Vec<Kind> {
        carried(text, round, &facts())
            .into_iter()
            .map(|c| c.kind)
            .collect()
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        assert_eq!(
            amounts("£2,500, £12.50, £2.5k, 300 pounds, £1 and 45 people"),
            vec![250_000, 1250, 250_000, 30_000, 100]
        );
        assert_eq!(amounts("No money here, 2027, 10am."), Vec::<i64>::new());
    }

    #[test]
    fn an_old_ask_left_in_the_words_is_found() {
        let found = carried("We are asking for £2,500 for the café.", 2, &facts());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Blocking);
        assert!(found[0].problem.contains("£2,500"), "{}", found[0].problem);
        assert!(found[0].fix.contains("£2,400"), "{}", found[0].fix);
        // The old ask mentioned anywhere, not only beside "ask".
        assert_eq!(kinds("It costs £2,500.", 2), vec![Kind::AmountDiffers]);
        // A total that matches neither the ask nor the budget.
        let found = carried("Total £2,600.", 2, &facts());
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn amounts_that_are_true_are_left_alone() {
        assert!(
            kinds(
                "Total £2,400. Members pay £1 each time. The hall went up from £28 to £35.",
                2
            )
            .is_empty()
        );
        assert!(kinds("Our income last year was £2,315.", 2).is_empty());
    }

    #[test]
    fn another_funders_name_is_found() {
        assert_eq!(
            kinds("Thank you, National Lottery, for reading.", 2),
            vec![Kind::OtherFunder]
        );
        assert!(kinds("We shop at Tescos and love lotteries.", 2).is_empty());
    }

    #[test]
    fn funder_names_leave_out_this_funders_own() {
        let profile = |id: &str, name: &str, funder: &str| {
            let mut p = crate::funders::user_profiles::new_profile(
                &crate::funders::user_profiles::NewFunder {
                    id: id.into(),
                    name: name.into(),
                    organisation: Some(funder.into()),
                    website: None,
                },
                crate::dates::Day::new(2026, 1, 1).unwrap(),
            );
            p.id = id.into();
            p
        };
        let a4a = profile(
            "a4a",
            "National Lottery Awards for All England",
            "The National Lottery Community Fund",
        );
        let rc = profile(
            "rc",
            "National Lottery Reaching Communities England",
            "The National Lottery Community Fund",
        );
        let tesco = profile("tesco", "Tesco Stronger Starts", "Tesco, run by Groundwork");
        let essex = profile("essex", "Essex Fund", "Essex Community Foundation");
        let names = funder_names([&a4a, &rc, &tesco, &essex], &tesco);
        assert!(names.contains(&"National Lottery".to_string()), "{names:?}");
        assert!(names.contains(&"National Lottery Community Fund".to_string()));
        assert!(!names.iter().any(|n| n.contains("Tesco")), "{names:?}");
        // A place on its own is not a funder's name.
        assert!(!names.contains(&"Essex".to_string()), "{names:?}");
        assert!(names.contains(&"Essex Community Foundation".to_string()));
        let for_rc = funder_names([&a4a, &rc, &tesco], &rc);
        assert!(
            !for_rc.iter().any(|n| n.contains("Lottery Community")),
            "{for_rc:?}"
        );
        assert!(for_rc.contains(&"Tesco".to_string()));
    }

    #[test]
    fn a_past_year_in_a_plan_is_found() {
        let found = carried("In 2025 we will run 26 cafés.", 2, &facts());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].severity),
            (Kind::PastYear, Severity::Blocking)
        );
        assert!(found[0].problem.contains("2027"));
        assert!(kinds("We started in 2017. In 2027 we will run 26 cafés.", 2).is_empty());
        // A year that says when something began is history, not a plan.
        assert!(
            kinds(
                "Since 2020 we have met every week, and we will carry on.",
                2
            )
            .is_empty()
        );
        assert!(kinds("We started in 2017 and will keep going.", 2).is_empty());
        assert_eq!(
            kinds("By 1 March 2026 we will have a new hall.", 2),
            vec![Kind::PastYear]
        );
        assert!(kinds("Our phone number is 02380 123456 and we will answer.", 2).is_empty());
    }

    #[test]
    fn this_year_in_words_from_last_year_is_found() {
        assert_eq!(
            kinds("This year we want two trips.", 1),
            vec![Kind::CarriedYearWords]
        );
        assert!(kinds("This year we want two trips.", 2).is_empty());
        assert!(kinds("We want two trips.", 1).is_empty());
    }

    #[test]
    fn a_people_count_far_from_the_answers_is_found() {
        assert_eq!(
            kinds("About 11 people attend regularly.", 2),
            vec![Kind::PeopleCount]
        );
        assert!(kinds("14 people come regularly and about 40 are in touch.", 2).is_empty());
        assert!(kinds("About 40 people will benefit.", 2).is_empty());
        assert!(kinds("Lunch on the two trips, 24 people at £12.50.", 2).is_empty());
        assert_eq!(
            kinds("100 people will benefit.", 2),
            vec![Kind::PeopleCount]
        );
    }

    #[test]
    fn close_means_a_reasonable_margin() {
        assert!(close(13, 14) && close(16, 14) && close(40, 45) && close(36, 45));
        assert!(!close(11, 14) && !close(30, 45) && !close(100, 45));
    }
}
