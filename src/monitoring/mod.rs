//! Monitoring a grant: recording an award with its budget, promises and
//! reporting dates; the light evidence log; what is due; and the facts a
//! return is written from. Pure functions over the group file's data: the
//! command line and the full-screen program both call these.

pub mod consent;
pub mod document;
pub mod evidence;
pub mod log;
pub mod schedule;
pub mod summary;

use crate::bank::AnswerValue;
use crate::dates::Day;
use crate::funders::Profile;
use crate::group::{Grant, Group, Promise, ReportDue, ReportKind};

pub use schedule::{DueReturn, due_returns, when_words};

/// Records an award: the approved budget is the application's budget, the
/// people promised are the application's "how many will take part", and
/// the reporting dates come from the funder's profile (the group can
/// change them). `interim` and `final_report` set or replace those dates.
pub fn award<'a>(
    group: &'a mut Group,
    profile: &Profile,
    pence: i64,
    start: Day,
    end: Day,
    interim: Option<Day>,
    final_report: Option<Day>,
) -> &'a Grant {
    let base = format!("{}-{}", profile.id, start.year());
    let mut id = base.clone();
    let mut n = 2;
    while group.grants.iter().any(|g| g.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let mut grant = Grant::new(id, profile.id.clone(), pence, start, end);
    if let Some(AnswerValue::Budget(lines)) = group.value("project_budget") {
        grant.budget = lines.clone();
    }
    // The number the group gave in its bid; `alongside grant --people`
    // changes it when the funder agreed another.
    if let Some(AnswerValue::Number(n)) = group.value("project_how_many") {
        grant.people_promised = Some(*n);
    }
    grant.reports = schedule::from_profile(profile, start, end);
    for (kind, day) in [
        (crate::group::ReportKind::Interim, interim),
        (crate::group::ReportKind::Final, final_report),
    ] {
        if let Some(due) = day {
            set_due(&mut grant.reports, kind, Some(due));
        }
    }
    group.grants.push(grant);
    group.grants.last().expect("just pushed")
}

/// Sets when the return of `kind` is due, the one rule for recording an
/// award and for changing the dates later: every return of that kind not
/// yet sent (the profile may have scheduled several) gives way to one due
/// `due`, or to none when `due` is None. A return already sent stays as
/// it was, with its date: it is the record of what went to the funder.
/// Returns those sent ones that were kept, for the front end to mention.
pub fn set_due(reports: &mut Vec<ReportDue>, kind: ReportKind, due: Option<Day>) -> Vec<ReportDue> {
    reports.retain(|r| r.kind != kind || r.sent.is_some());
    if let Some(due) = due {
        reports.push(ReportDue {
            kind,
            due,
            sent: None,
        });
    }
    reports.sort_by_key(|r| r.due);
    reports
        .iter()
        .filter(|r| r.kind == kind && r.sent.is_some())
        .cloned()
        .collect()
}

/// Where an award's approved budget comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BudgetFrom {
    /// The budget in the group's application (`project_budget`).
    Application,
    /// The lines the funder approved, typed in, when they differ.
    Typed(Vec<crate::bank::BudgetLine>),
}

/// Everything about an award a person gives, for `record_award`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardSpec {
    /// The amount awarded, in pence.
    pub pence: i64,
    pub start: Day,
    pub end: Day,
    /// When the returns are due, when not as the funder's profile says.
    pub interim: Option<Day>,
    pub final_report: Option<Day>,
    /// The funder's reference, from its offer letter.
    pub reference: Option<String>,
    pub budget: BudgetFrom,
}

/// Why an award could not be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AwardError(pub String);

/// Records an award after checking it: an amount above nothing, an end
/// after the start, a typed budget with lines in it. Nothing is changed
/// when something is wrong.
pub fn record_award<'a>(
    group: &'a mut Group,
    profile: &Profile,
    spec: AwardSpec,
) -> Result<&'a Grant, AwardError> {
    if spec.pence <= 0 {
        return Err(AwardError(
            "the amount awarded must be more than £0: give it as on the offer letter, such as 4752 or £4,752".to_string(),
        ));
    }
    if spec.end < spec.start {
        return Err(AwardError(format!(
            "the grant ends ({}) before it starts ({}). Check the dates",
            spec.end.for_people(),
            spec.start.for_people()
        )));
    }
    if let BudgetFrom::Typed(lines) = &spec.budget
        && lines.is_empty()
    {
        return Err(AwardError(
            "the approved budget has no lines: give lines of item | cost category | amount, or take the application's budget".to_string(),
        ));
    }
    award(
        group,
        profile,
        spec.pence,
        spec.start,
        spec.end,
        spec.interim,
        spec.final_report,
    );
    let grant = group.grants.last_mut().expect("award adds a grant");
    if let BudgetFrom::Typed(lines) = spec.budget {
        grant.budget = lines;
    }
    grant.reference = spec
        .reference
        .map(|r| crate::text::one_line(&r).trim().to_string())
        .filter(|r| !r.is_empty());
    Ok(grant)
}

/// Where a promise's words come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromiseWords {
    /// One short line the group writes now.
    Own(String),
    /// Sentences picked from one of the group's answers (a bank question
    /// id, or `funder-id/question-id`), numbered from 1; see `sentences`.
    /// `trimmed` is those words after the group cut some away (the
    /// full-screen program lets them trim before saving); words added
    /// make it the group's own line, no longer taken from the answer.
    FromAnswer {
        from: String,
        sentences: Vec<usize>,
        trimmed: Option<String>,
    },
}

/// A promise added or changed, its number (from 1, as in the return) and
/// what to tell the group about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseDone {
    pub number: usize,
    pub promise: Promise,
    pub warnings: Vec<String>,
}

/// A promise's words, where they came from, the target a number answer
/// gives, and what to tell the group when words picked from an answer
/// were changed rather than trimmed.
type Words = (String, Option<String>, Option<i64>, Option<String>);

fn words_of(group: &Group, words: &PromiseWords) -> Result<Words, PromiseError> {
    match words {
        PromiseWords::Own(text) => {
            own_promise(text, None, None).map(|p| (p.what, None, None, None))
        }
        PromiseWords::FromAnswer {
            from,
            sentences,
            trimmed,
        } => {
            let (picked, number) = picked_words(group, from, sentences)?;
            let Some(trimmed) = trimmed else {
                return Ok((picked, Some(from.clone()), number, None));
            };
            let what = own_promise(trimmed, None, None)?.what;
            if is_trim_of(&what, &picked) {
                return Ok((what, Some(from.clone()), number, None));
            }
            Ok((
                what,
                None,
                None,
                Some(
                    "Words were added to the sentences picked, so the promise is saved as your own line, not as taken from the answer."
                        .to_string(),
                ),
            ))
        }
    }
}

/// Whether `trimmed` is `picked` with words cut away: its words are some
/// of `picked`'s, in the same order. Capitals and the punctuation around
/// a word may change ("fortnight," to "Fortnight").
pub fn is_trim_of(trimmed: &str, picked: &str) -> bool {
    let norm = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut source = picked.split_whitespace().map(norm);
    trimmed
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .all(|w| source.any(|s| s == w))
}

/// One of the group's answers a promise can be picked from: a text
/// answer's sentences, or a number answer beside its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pickable {
    /// What `PromiseWords::FromAnswer` takes: a bank question id, or
    /// `funder-id/question-id`.
    pub from: String,
    /// The bank question's words; for wording to a funder, None.
    pub prompt: Option<String>,
    /// The sentences to pick from, numbered from 1 when shown.
    pub sentences: Vec<String>,
}

/// The bank's sections a grant's outcomes are written in, in the order a
/// promise is most likely found: what the project does, the changes for
/// members, what the group counts, its activities.
pub const PROMISE_SECTIONS: [&str; 4] = ["project", "outcomes", "monitoring", "activities"];

/// The answers a promise can be picked from: text and number answers in
/// the sections of `PROMISE_SECTIONS` (in that order, then the bank's),
/// then the group's wording to each funder. (`alongside promise --from`
/// takes any answer; this is the short list to choose from on screen.)
pub fn pickable_answers(group: &Group) -> Vec<Pickable> {
    let mut out = Vec::new();
    let bank = crate::bank::Bank::builtin().ok();
    let ids: Vec<(&str, Option<String>)> = PROMISE_SECTIONS
        .iter()
        .flat_map(|section| {
            bank.into_iter()
                .flat_map(|b| &b.questions)
                .filter(move |q| q.section == *section)
        })
        .map(|q| (q.id.as_str(), Some(q.prompt.clone())))
        .collect();
    for (id, prompt) in ids {
        let sentences = match group.value(id) {
            Some(AnswerValue::Text(t)) => sentences(t),
            Some(AnswerValue::Number(_)) => picked_words(group, id, &[])
                .map(|(w, _)| vec![w])
                .unwrap_or_default(),
            _ => continue,
        };
        if !sentences.is_empty() {
            out.push(Pickable {
                from: id.to_string(),
                prompt,
                sentences,
            });
        }
    }
    for (funder, questions) in &group.wording {
        for (question, answer) in questions {
            if let AnswerValue::Text(t) = &answer.value {
                let sentences = sentences(t);
                if !sentences.is_empty() {
                    out.push(Pickable {
                        from: format!("{funder}/{question}"),
                        prompt: None,
                        sentences,
                    });
                }
            }
        }
    }
    out
}

/// The words sentences `picked` (from 1) of answer `from` give, as
/// `add_promise` would copy them: for showing before saving.
pub fn picked_text(group: &Group, from: &str, picked: &[usize]) -> Result<String, PromiseError> {
    picked_words(group, from, picked).map(|(w, _)| w)
}

fn grant_at(group: &Group, grant: usize) -> Result<&Grant, PromiseError> {
    group
        .grants
        .get(grant)
        .ok_or_else(|| PromiseError("that grant is not in the group any more".to_string()))
}

/// Adds a promise to the group's grant number `grant` (its place in
/// `group.grants`). A number answer picked gives the target unless one is
/// given.
pub fn add_promise(
    group: &mut Group,
    grant: usize,
    words: &PromiseWords,
    measure: Option<&str>,
    target: Option<i64>,
) -> Result<PromiseDone, PromiseError> {
    grant_at(group, grant)?;
    let (what, from, number, note) = words_of(group, words)?;
    let promise = finish(what, from, measure, target.or(number))?;
    let g = &mut group.grants[grant];
    g.promises.push(promise.clone());
    let mut warnings: Vec<String> = note.into_iter().collect();
    warnings.extend(promise_warnings(&promise));
    Ok(PromiseDone {
        number: g.promises.len(),
        warnings,
        promise,
    })
}

/// Changes promise `number` (from 1): new words, measure or target replace
/// the old ones; what is not given stays. An empty measure takes the
/// measure (and the target) away.
pub fn edit_promise(
    group: &mut Group,
    grant: usize,
    number: usize,
    words: Option<&PromiseWords>,
    measure: Option<&str>,
    target: Option<i64>,
) -> Result<PromiseDone, PromiseError> {
    let g = grant_at(group, grant)?;
    let Some(old) = number.checked_sub(1).and_then(|i| g.promises.get(i)) else {
        return Err(PromiseError(format!(
            "grant {} has {}; there is no promise {number}. `alongside promise GROUP --list` lists them",
            g.id,
            crate::text::count(g.promises.len(), "promise")
        )));
    };
    if words.is_none() && measure.is_none() && target.is_none() {
        return Err(PromiseError(
            "nothing to change: give new words, a measure or a target".to_string(),
        ));
    }
    let old = old.clone();
    let (what, from, note) = match words {
        Some(w) => {
            let (what, from, _, note) = words_of(group, w)?;
            (what, from, note)
        }
        None => (old.what.clone(), old.from.clone(), None),
    };
    let cleared = measure.is_some_and(|m| m.trim().is_empty());
    let measure = match measure {
        Some(m) if m.trim().is_empty() => None,
        Some(m) => Some(m),
        None => old.measure.as_deref(),
    };
    let target = if cleared && target.is_none() {
        None
    } else {
        target.or(old.target)
    };
    let promise = finish(what, from, measure, target)?;
    group.grants[grant].promises[number - 1] = promise.clone();
    let mut warnings: Vec<String> = note.into_iter().collect();
    warnings.extend(promise_warnings(&promise));
    Ok(PromiseDone {
        number,
        warnings,
        promise,
    })
}

/// Takes promise `number` (from 1) away, returning it.
pub fn remove_promise(grant: &mut Grant, number: usize) -> Result<Promise, PromiseError> {
    if number == 0 || number > grant.promises.len() {
        return Err(PromiseError(format!(
            "grant {} has {}; there is no promise {number}. `alongside promise GROUP --list` lists them",
            grant.id,
            crate::text::count(grant.promises.len(), "promise")
        )));
    }
    Ok(grant.promises.remove(number - 1))
}

/// Each promise with its measure, target and the result so far, worked
/// out from the log up to `today` (or the grant's end).
pub fn promise_results(grant: &Grant, today: Day) -> Vec<summary::PromiseRow> {
    summary::promise_rows(grant, ReportKind::Interim, today)
}

/// The details a return needs beyond the log. Each `Some` replaces the
/// old value; an empty text takes it away; `None` leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details<'a> {
    pub reference: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub role: Option<&'a str>,
    pub people: Option<i64>,
    pub thanks: Option<&'a str>,
    /// When the interim and final returns are due: `Some(None)` takes
    /// the waiting one away (see `set_due` for the returns already sent).
    pub interim: Option<Option<Day>>,
    pub final_report: Option<Option<Day>>,
}

/// Why the details could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DetailsError(pub String);

/// Sets a grant's details for its returns, checking first; returns what
/// changed, in words ("reference: SCC-1", "thank-you line written").
pub fn set_details(grant: &mut Grant, d: &Details<'_>) -> Result<Vec<String>, DetailsError> {
    if d.people.is_some_and(|n| n < 0) {
        return Err(DetailsError(
            "the people promised cannot be below zero".to_string(),
        ));
    }
    let line = |typed: &str| {
        let t = crate::text::one_line(typed).trim().to_string();
        (!t.is_empty()).then_some(t)
    };
    let mut said = Vec::new();
    for (label, typed, field) in [
        ("reference", d.reference, &mut grant.reference),
        ("contact", d.contact, &mut grant.contact),
        ("role", d.role, &mut grant.contact_role),
    ] {
        if let Some(typed) = typed {
            *field = line(typed);
            said.push(match field {
                Some(v) => format!("{label}: {v}"),
                None => format!("{label} taken away"),
            });
        }
    }
    if let Some(typed) = d.thanks {
        let t = crate::text::sanitize(typed, true).trim().to_string();
        grant.thanks = (!t.is_empty()).then_some(t);
        said.push(if grant.thanks.is_some() {
            "thank-you line written".to_string()
        } else {
            "thank-you line taken away".to_string()
        });
    }
    if let Some(n) = d.people {
        grant.people_promised = Some(n);
        said.push(format!("people promised: {n}"));
    }
    for (kind, due) in [
        (ReportKind::Interim, d.interim),
        (ReportKind::Final, d.final_report),
    ] {
        let Some(due) = due else { continue };
        let kept = set_due(&mut grant.reports, kind, due);
        let mut words = match due {
            Some(day) => format!("{} due {}", kind.label(), day.for_people()),
            None => format!("{} date taken away", kind.label()),
        };
        for r in kept {
            let sent = r.sent.expect("set_due keeps only sent returns");
            words.push_str(&format!(
                " (the one due {} and sent {} stays as sent)",
                r.due.for_people(),
                sent.for_people()
            ));
        }
        said.push(words);
    }
    if said.is_empty() {
        return Err(DetailsError(
            "nothing to change: give a reference, contact, role, people, thank-you line or a return's due date"
                .to_string(),
        ));
    }
    Ok(said)
}

/// A return marked as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub kind: ReportKind,
    pub due: Day,
    pub sent: Day,
}

/// Why a return could not be marked as sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SentError(pub String);

/// The return of this kind still waiting to be sent (the one due first),
/// for a front end to name before it asks "mark it as sent?".
pub fn waiting(grant: &Grant, kind: ReportKind) -> Option<&ReportDue> {
    grant
        .reports
        .iter()
        .filter(|r| r.kind == kind && r.sent.is_none())
        .min_by_key(|r| r.due)
}

/// Marks the return of this kind due first and not yet sent as sent on
/// `date`. The front end asks the person first.
pub fn mark_sent(grant: &mut Grant, kind: ReportKind, date: Day) -> Result<Sent, SentError> {
    let id = grant.id.clone();
    let Some(report) = grant
        .reports
        .iter_mut()
        .filter(|r| r.kind == kind && r.sent.is_none())
        .min_by_key(|r| r.due)
    else {
        return Err(SentError(format!(
            "grant {id} has no {} waiting to be sent",
            kind.label()
        )));
    };
    report.sent = Some(date);
    Ok(Sent {
        kind,
        due: report.due,
        sent: date,
    })
}

/// Why a promise could not be picked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PromiseError(pub String);

/// The sentences of an answer, numbered from 1 when shown, so a group can
/// pick the one or two that are this grant's outcome rather than the whole
/// answer. A sentence ends at `.`, `!` or `?` followed by a space, or at a
/// line break.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            out.push(std::mem::take(&mut current));
            continue;
        }
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// More words than this and a promise is a paragraph, not an outcome line.
pub const PROMISE_WORDS: usize = 30;

/// A promise in words the group writes now.
pub fn own_promise(
    text: &str,
    measure: Option<&str>,
    target: Option<i64>,
) -> Result<Promise, PromiseError> {
    let what = crate::text::sanitize(text, true).trim().to_string();
    if what.is_empty() {
        return Err(PromiseError(
            "the promise is empty: write one short line, such as \"Meet every fortnight for a year\"".to_string(),
        ));
    }
    finish(what, None, measure, target)
}

/// Picks a promise from the group's own answers: a bank question id, or
/// `funder-id/question-id` for its wording to a funder. The group chooses
/// which sentences (numbered from 1) are this grant's outcome; they are
/// copied, never retyped. An answer of one sentence needs no choice; a
/// number answer becomes the target, beside its question.
pub fn promise_from(
    group: &Group,
    from: &str,
    picked: &[usize],
    measure: Option<&str>,
    target: Option<i64>,
) -> Result<Promise, PromiseError> {
    let (what, number) = picked_words(group, from, picked)?;
    finish(what, Some(from.to_string()), measure, target.or(number))
}

/// The words picked from an answer, and the number when it is a number
/// answer (the target it gives).
fn picked_words(
    group: &Group,
    from: &str,
    picked: &[usize],
) -> Result<(String, Option<i64>), PromiseError> {
    let value = match from.split_once('/') {
        Some((funder, question)) => group
            .wording
            .get(funder)
            .and_then(|w| w.get(question))
            .map(|a| &a.value),
        None => group.value(from),
    };
    let Some(value) = value else {
        return Err(PromiseError(format!(
            "there is no answer `{from}` to take a promise from. Use a question id from `alongside show`, or funder-id/question-id for wording to a funder"
        )));
    };
    // Words stand on their own; a number or a choice is only clear beside
    // the question it answers ("How many people will take part? 45").
    let question = crate::bank::Bank::builtin()
        .ok()
        .and_then(|b| b.question(from));
    let prompt = question.map(|q| q.prompt.clone());
    // The answer is named by its question's words in messages.
    let named = match &prompt {
        Some(p) => format!("the answer to \"{p}\""),
        None => format!("the wording `{from}`"),
    };
    let beside = |shown: String| match &prompt {
        Some(p) => format!("{p} {shown}"),
        None => shown,
    };
    Ok(match value {
        AnswerValue::Text(t) => (pick_sentences(&named, t, picked)?, None),
        AnswerValue::Number(n) => (beside(n.to_string()), Some(*n)),
        // Choices by their labels, money in pounds: as people read them.
        other => (
            beside(other.display(question, crate::vocab::Vocabularies::builtin())),
            None,
        ),
    })
}

/// `named` is the answer as a person knows it ("the answer to "What will
/// change?"").
fn pick_sentences(named: &str, text: &str, picked: &[usize]) -> Result<String, PromiseError> {
    let all = sentences(text);
    if picked.is_empty() {
        if all.len() <= 1 {
            return Ok(all.concat());
        }
        let list: Vec<String> = all
            .iter()
            .enumerate()
            .map(|(i, s)| format!("  {}. {s}", i + 1))
            .collect();
        return Err(PromiseError(format!(
            "{named} has {} sentences; a promise is one short outcome this grant pays for. Pick the sentences with --sentence (such as --sentence 2 or --sentence 2,3), or write the line yourself instead of --from:\n{}",
            all.len(),
            list.join("\n")
        )));
    }
    let mut out = Vec::new();
    for n in picked {
        let Some(s) = n.checked_sub(1).and_then(|i| all.get(i)) else {
            return Err(PromiseError(format!(
                "{named} has {}; there is no sentence {n}",
                crate::text::count(all.len(), "sentence")
            )));
        };
        out.push(s.as_str());
    }
    Ok(out.join(" "))
}

fn finish(
    what: String,
    from: Option<String>,
    measure: Option<&str>,
    target: Option<i64>,
) -> Result<Promise, PromiseError> {
    if target.is_some_and(|t| t < 0) {
        return Err(PromiseError("a target cannot be below zero".to_string()));
    }
    let measure = measure
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(String::from);
    if target.is_some() && measure.is_none() {
        return Err(PromiseError(
            "a target needs something to count: add a measure, such as --measure attendance, --measure sessions, --measure new_people, or the group's own words (\"went on to volunteer\")"
                .to_string(),
        ));
    }
    Ok(Promise {
        what,
        from,
        measure,
        target,
    })
}

/// What to tell the group about a promise it has just written or changed.
pub fn promise_warnings(p: &Promise) -> Vec<String> {
    let mut out = Vec::new();
    let words = p.what.split_whitespace().count();
    if words > PROMISE_WORDS {
        out.push(format!(
            "this promise is {words} words long; a grants officer reads a short outcome line best (up to {PROMISE_WORDS} words)"
        ));
    }
    if p.measure.is_none() {
        out.push(
            "this promise has no measure yet, and the return will say so: add one with --measure"
                .to_string(),
        );
    }
    out
}

/// The group's grants with those running on `today` first.
pub fn running(group: &Group, today: Day) -> Vec<&Grant> {
    group.grants.iter().filter(|g| g.is_active(today)).collect()
}

/// Small grants the monitoring tests share.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::bank::BudgetLine;
    use crate::dates::Day;
    use crate::group::{Grant, ReportKind};
    use crate::monitoring::summary::{self, ReturnData};

    pub fn day(y: i16, m: i8, d: i8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    /// The facts of a return by `group` to the funder "Fund", up to `to`,
    /// with the built-in vocabularies, as `alongside report` builds them.
    pub fn facts_of(group: &str, grant: &Grant, kind: ReportKind, to: Day) -> ReturnData {
        summary::build(
            group,
            grant,
            "Fund",
            kind,
            to,
            crate::vocab::Vocabularies::builtin(),
        )
    }

    /// A £1,000 grant for April 2026 to March 2027: the hall (named as
    /// given) at £910 and tea at £90, with no promises yet.
    pub fn grant_with_hall(hall: &str) -> Grant {
        let mut g = Grant::new(
            "g".into(),
            "f".into(),
            100_000,
            day(2026, 4, 1),
            day(2027, 3, 31),
        );
        g.budget = vec![
            BudgetLine {
                item: hall.into(),
                category: "venue_hire".into(),
                pence: 91_000,
            },
            BudgetLine {
                item: "Tea".into(),
                category: "refreshments".into(),
                pence: 9_000,
            },
        ];
        g
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::day;
    use super::*;
    use crate::funders::check_source;

    #[test]
    fn an_award_takes_the_budget_and_the_funders_dates() {
        let mut g = crate::demo::demo_group().unwrap();
        g.grants.clear();
        let p = check_source(
            "t.toml",
            "id = \"t\"\nname = \"T\"\nfunder = \"T\"\nkind = \"trust\"\nwebsite = \"https://example.org\"\nsources = [\"https://example.org\"]\nchecked = 2026-11-01\nsummary = \"T.\"\n[status]\nstate = \"rolling\"\n[grant]\n[[monitoring.report]]\nname = \"End\"\nwhen = \"final\"\nmonths = 3\n",
        )
        .unwrap();
        let grant = award(
            &mut g,
            &p,
            475_200,
            day(2027, 4, 1),
            day(2028, 3, 31),
            Some(day(2027, 10, 1)),
            None,
        )
        .clone();
        assert_eq!(grant.id, "t-2027");
        assert_eq!(grant.budget.iter().map(|l| l.pence).sum::<i64>(), 475_200);
        let dues: Vec<Day> = grant.reports.iter().map(|r| r.due).collect();
        assert_eq!(dues, vec![day(2027, 10, 1), day(2028, 6, 30)]);
        assert_eq!(
            award(&mut g, &p, 1, day(2027, 5, 1), day(2027, 6, 1), None, None).id,
            "t-2027-2"
        );
    }

    #[test]
    fn promises_are_picked_from_answers() {
        let mut g = crate::demo::demo_group().unwrap();
        let p = promise_from(&g, "project_how_many", &[], Some("attendance"), None).unwrap();
        assert_eq!(
            (p.target, p.measure.as_deref()),
            (
                Some(match g.value("project_how_many") {
                    Some(AnswerValue::Number(n)) => *n,
                    _ => 0,
                }),
                Some("attendance")
            )
        );
        let Some(AnswerValue::Text(answer)) = g.value("changes_for_members") else {
            panic!("the demo answers changes_for_members in words")
        };
        let all = sentences(answer);
        let whole = promise_from(&g, "changes_for_members", &[], None, None)
            .unwrap_err()
            .to_string();
        assert!(
            whole.contains("--sentence") && whole.contains(&format!("  1. {}", all[0])),
            "{whole}"
        );
        let words = promise_from(&g, "changes_for_members", &[1, 3], None, None).unwrap();
        assert_eq!(words.what, format!("{} {}", all[0], all[2]));
        assert_eq!(words.from.as_deref(), Some("changes_for_members"));
        assert!(
            answer.contains(&all[2]),
            "sentences are copied, not retyped"
        );
        assert!(
            promise_from(&g, "changes_for_members", &[99], None, None)
                .unwrap_err()
                .to_string()
                .contains("no sentence 99")
        );
        assert!(
            promise_from(&g, "nothing_here", &[], None, None)
                .unwrap_err()
                .to_string()
                .contains("no answer")
        );
        assert!(
            promise_from(&g, "changes_for_members", &[1], None, Some(3))
                .unwrap_err()
                .to_string()
                .contains("needs something to count")
        );
        g.set_wording(
            "fund",
            "q1",
            "We will meet 26 times.".into(),
            crate::group::Author::Group,
            crate::dates::Moment::now(),
        );
        assert_eq!(
            promise_from(&g, "fund/q1", &[], Some("sessions"), Some(26))
                .unwrap()
                .what,
            "We will meet 26 times."
        );
    }

    #[test]
    fn sentences_split_at_stops_and_line_breaks() {
        assert_eq!(
            sentences("We meet. Ken (aged 70) talks!\nWhat next? e.g.x"),
            vec!["We meet.", "Ken (aged 70) talks!", "What next?", "e.g.x"]
        );
    }

    #[test]
    fn own_promises_and_what_to_say_about_them() {
        let p = own_promise("  Meet every fortnight  ", Some("sessions"), Some(26)).unwrap();
        assert_eq!(
            (p.what.as_str(), p.from.as_deref()),
            ("Meet every fortnight", None)
        );
        assert!(promise_warnings(&p).is_empty());
        assert!(own_promise(" ", None, None).is_err());
        let bare = own_promise(&"word ".repeat(31), None, None).unwrap();
        let w = promise_warnings(&bare);
        assert!(
            w[0].contains("31 words") && w[1].contains("no measure"),
            "{w:?}"
        );
    }

    fn profile() -> Profile {
        check_source(
            "t.toml",
            "id = \"t\"\nname = \"T\"\nfunder = \"T\"\nkind = \"trust\"\nwebsite = \"https://example.org\"\nsources = [\"https://example.org\"]\nchecked = 2026-11-01\nsummary = \"T.\"\n[status]\nstate = \"rolling\"\n[grant]\n[[monitoring.report]]\nname = \"Half way\"\nwhen = \"interim\"\nmonths = 6\n",
        )
        .unwrap()
    }

    fn spec() -> AwardSpec {
        AwardSpec {
            pence: 100_000,
            start: day(2027, 4, 1),
            end: day(2028, 3, 31),
            interim: None,
            final_report: Some(day(2028, 5, 1)),
            reference: Some("  REF-1\n".into()),
            budget: BudgetFrom::Application,
        }
    }

    #[test]
    fn record_award_checks_first_and_takes_a_typed_budget() {
        let mut g = crate::demo::demo_group().unwrap();
        let before = g.clone();
        for bad in [
            AwardSpec { pence: 0, ..spec() },
            AwardSpec {
                end: day(2027, 3, 1),
                ..spec()
            },
            AwardSpec {
                budget: BudgetFrom::Typed(Vec::new()),
                ..spec()
            },
        ] {
            assert!(record_award(&mut g, &profile(), bad).is_err());
        }
        assert_eq!(g, before, "a refused award records nothing");
        let typed = vec![crate::bank::BudgetLine {
            item: "Hall".into(),
            category: "venue_hire".into(),
            pence: 100_000,
        }];
        let grant = record_award(
            &mut g,
            &profile(),
            AwardSpec {
                budget: BudgetFrom::Typed(typed.clone()),
                ..spec()
            },
        )
        .unwrap();
        assert_eq!(
            (grant.budget.clone(), grant.reference.as_deref()),
            (typed, Some("REF-1"))
        );
        assert_eq!(
            grant.reports.len(),
            2,
            "the profile's interim and the final given"
        );
        let app = record_award(&mut g, &profile(), spec()).unwrap();
        assert!(!app.budget.is_empty(), "the application's budget");
    }

    #[test]
    fn a_trim_only_cuts_words_away() {
        let picked = "We will meet every fortnight, with tea.";
        assert!(is_trim_of("Meet every fortnight", picked));
        assert!(is_trim_of("we will meet, with tea", picked));
        assert!(!is_trim_of("Meet every week", picked));
        assert!(!is_trim_of("fortnight every", picked), "order is kept");
    }

    #[test]
    fn a_promise_picked_and_trimmed_keeps_its_answer_and_added_words_make_it_the_groups_own() {
        let mut g = crate::demo::demo_group().unwrap();
        let answers = pickable_answers(&g);
        let many = answers
            .iter()
            .find(|a| a.sentences.len() > 1 && a.prompt.is_some())
            .expect("the demo group has an answer of several sentences");
        let first = picked_text(&g, &many.from, &[1]).unwrap();
        assert_eq!(first, many.sentences[0]);
        let words: Vec<&str> = first.split_whitespace().collect();
        let trimmed = words[..words.len().min(3)].join(" ");
        let pick = |trimmed: &str| PromiseWords::FromAnswer {
            from: many.from.clone(),
            sentences: vec![1],
            trimmed: Some(trimmed.to_string()),
        };
        let done = add_promise(&mut g, 0, &pick(&trimmed), None, None).unwrap();
        assert_eq!(done.promise.what, trimmed);
        assert_eq!(done.promise.from.as_deref(), Some(many.from.as_str()));
        assert!(done.warnings.iter().all(|w| !w.contains("own line")));
        let changed = format!("{trimmed} and cake");
        let done = add_promise(&mut g, 0, &pick(&changed), None, None).unwrap();
        assert_eq!(
            (done.promise.what.as_str(), done.promise.from),
            (changed.as_str(), None)
        );
        assert!(done.warnings[0].contains("saved as your own line"));
        assert!(add_promise(&mut g, 0, &pick("  "), None, None).is_err());
        // A number answer is offered beside its question.
        assert!(answers.iter().any(|a| a.from == "project_how_many"
            && a.sentences.len() == 1
            && a.sentences[0].starts_with(a.prompt.as_deref().unwrap())));
    }

    #[test]
    fn promises_are_added_edited_and_taken_away_by_number() {
        let mut g = crate::demo::demo_group().unwrap();
        let i = 0;
        let n = g.grants[i].promises.len();
        let done = add_promise(
            &mut g,
            i,
            &PromiseWords::Own("Meet every fortnight".into()),
            Some("sessions"),
            Some(26),
        )
        .unwrap();
        assert_eq!((done.number, done.warnings.len()), (n + 1, 0));
        let picked = add_promise(
            &mut g,
            i,
            &PromiseWords::FromAnswer {
                from: "project_how_many".into(),
                sentences: Vec::new(),
                trimmed: None,
            },
            Some("attendance"),
            None,
        )
        .unwrap();
        assert!(
            picked.promise.target.is_some(),
            "a number answer is the target"
        );
        let edited = edit_promise(&mut g, i, n + 1, None, None, Some(20)).unwrap();
        assert_eq!(
            (edited.promise.what.as_str(), edited.promise.target),
            ("Meet every fortnight", Some(20))
        );
        let cleared = edit_promise(&mut g, i, n + 1, None, Some(" "), None).unwrap();
        assert_eq!(
            (cleared.promise.measure, cleared.promise.target),
            (None, None)
        );
        assert!(cleared.warnings[0].contains("no measure"));
        assert!(edit_promise(&mut g, i, 99, None, Some("x"), None).is_err());
        assert!(edit_promise(&mut g, i, 1, None, None, None).is_err());
        assert!(add_promise(&mut g, 9, &PromiseWords::Own("x".into()), None, None).is_err());
        let gone = remove_promise(&mut g.grants[i], n + 1).unwrap();
        assert_eq!(gone.what, "Meet every fortnight");
        assert!(remove_promise(&mut g.grants[i], 0).is_err());
        let results = promise_results(&g.grants[i], day(2026, 11, 26));
        assert_eq!(results.len(), g.grants[i].promises.len());
        assert!(results.iter().all(|r| !r.result.is_empty()));
    }

    #[test]
    fn marking_sent_takes_the_return_due_first() {
        let mut g = crate::demo::demo_group().unwrap();
        let grant = &mut g.grants[0];
        let due = waiting(grant, ReportKind::Interim).map(|r| r.due);
        assert!(due.is_some());
        let sent = mark_sent(grant, ReportKind::Interim, day(2026, 12, 1)).unwrap();
        assert_eq!((Some(sent.due), sent.sent), (due, day(2026, 12, 1)));
        assert!(waiting(grant, ReportKind::Interim).is_none());
        assert!(
            mark_sent(grant, ReportKind::Interim, day(2026, 12, 2))
                .unwrap_err()
                .0
                .contains("no interim return waiting")
        );
    }

    #[test]
    fn details_replace_take_away_and_refuse_nothing() {
        let mut g = crate::monitoring::fixtures::grant_with_hall("Hall");
        let said = set_details(
            &mut g,
            &Details {
                reference: Some(" R-1\n"),
                thanks: Some("Thank you."),
                people: Some(20),
                ..Details::default()
            },
        )
        .unwrap();
        assert_eq!(
            said,
            [
                "reference: R-1",
                "thank-you line written",
                "people promised: 20"
            ]
        );
        assert_eq!(g.reference.as_deref(), Some("R-1"));
        set_details(
            &mut g,
            &Details {
                reference: Some(""),
                ..Details::default()
            },
        )
        .unwrap();
        assert_eq!(g.reference, None);
        assert!(set_details(&mut g, &Details::default()).is_err());
        assert!(
            set_details(
                &mut g,
                &Details {
                    people: Some(-1),
                    ..Details::default()
                }
            )
            .is_err()
        );
    }

    #[test]
    fn details_set_change_and_take_away_due_dates_keeping_sent_returns() {
        let mut g = crate::monitoring::fixtures::grant_with_hall("Hall");
        g.reports.clear();
        let said = set_details(
            &mut g,
            &Details {
                interim: Some(Some(day(2026, 10, 1))),
                final_report: Some(Some(day(2027, 4, 30))),
                ..Details::default()
            },
        )
        .unwrap();
        assert_eq!(
            said,
            [
                "interim return due 1 October 2026",
                "final report due 30 April 2027"
            ]
        );
        let dues = |g: &Grant| {
            g.reports
                .iter()
                .map(|r| (r.kind, r.due, r.sent))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            dues(&g),
            [
                (ReportKind::Interim, day(2026, 10, 1), None),
                (ReportKind::Final, day(2027, 4, 30), None)
            ]
        );
        // Once the interim return is sent, a new interim date is another
        // return to write; the sent one keeps its date.
        mark_sent(&mut g, ReportKind::Interim, day(2026, 9, 30)).unwrap();
        let said = set_details(
            &mut g,
            &Details {
                interim: Some(Some(day(2027, 1, 15))),
                final_report: Some(None),
                ..Details::default()
            },
        )
        .unwrap();
        assert_eq!(
            said,
            [
                "interim return due 15 January 2027 (the one due 1 October 2026 and sent 30 September 2026 stays as sent)",
                "final report date taken away"
            ]
        );
        assert_eq!(
            dues(&g),
            [
                (
                    ReportKind::Interim,
                    day(2026, 10, 1),
                    Some(day(2026, 9, 30))
                ),
                (ReportKind::Interim, day(2027, 1, 15), None)
            ]
        );
    }
}
