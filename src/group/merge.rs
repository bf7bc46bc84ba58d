//! Merging two copies of the same group changed on different computers
//! (a worker's laptop and the group's own), without losing anything.
//!
//! "Ours" is the copy already here; "theirs" is the copy being brought in.
//!
//! # The rule for one answer
//!
//! The copies share no record of where they parted, so each answer's own
//! history stands in for it. A *version* is one value together with who
//! gave it, when and in which round (a history entry, or the current
//! answer). A copy **has not changed** an answer since the copies parted
//! when its current version is one the other copy also has: the same as the
//! other's current version, or in the other's history (the other copy went
//! on from it). Comparing whole versions, not just values, means a copy
//! that changed 12 to 15 and back to 12 still counts as having changed.
//!
//! - Both current versions the same: nothing to decide.
//! - Only one copy changed: that copy's answer wins.
//! - Both changed, but to the same value: they agree; the later is kept.
//! - Both changed, to different values: a **conflict** for a person to
//!   choose (`Group::resolve`). The answer stays as ours until then; both
//!   answers are kept whole in `Group::conflicts`.
//!
//! In every case the two histories are joined: every version either copy
//! has is kept, once, oldest first; the version not chosen goes into the
//! history too, so nothing typed is lost.
//!
//! "Check this" follows the chosen version. When both copies have the same
//! version, a copy in a later round wins (it marked the answer when the new
//! round began); in the same round an answer confirmed on either copy stays
//! confirmed.
//!
//! # Everything else
//!
//! - Wording and coaching notes: joined the same way, but when both copies
//!   changed one differently the later is kept and the other goes into its
//!   history (reported, never silent).
//! - Grants: joined by id; for a grant on both copies, every evidence log
//!   entry and promise either has is kept once, and a return sent on either
//!   is sent. Different details (amount, dates, budget) keep ours and are
//!   reported, so a person can compare (the other copy's file is left as it
//!   was).
//! - Applications sent: every one from either copy, once.
//! - Round records: joined by round; a round closed on either copy is
//!   closed; steps keep the most independent record.
//! - The group's round is the later of the two.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Answer, Grant, Group, PastAnswer, RoundRecord};
use crate::bank::AnswerValue;
use crate::dates::Moment;

/// Two different answers to the same question from two copies of the group,
/// kept whole until a person chooses one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The answer on this computer when the copies were merged.
    pub ours: Answer,
    /// The answer in the copy brought in.
    pub theirs: Answer,
}

/// Which answer of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
}

/// What a merge did, for telling people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Answers only the other copy had.
    pub answers_added: Vec<String>,
    /// Answers only the other copy changed: theirs was taken.
    pub answers_taken: Vec<String>,
    /// Answers whose history gained entries from the other copy.
    pub histories_joined: Vec<String>,
    /// Answers both copies changed differently: a person chooses.
    pub conflicts: Vec<String>,
    /// Wording taken from the other copy, as `funder/question`.
    pub wording_taken: Vec<String>,
    /// Wording both copies changed: the later was kept, the other is in
    /// its history.
    pub wording_both_changed: Vec<String>,
    pub asks_taken: Vec<String>,
    pub asks_both_changed: Vec<String>,
    pub notes_taken: Vec<String>,
    pub notes_both_changed: Vec<String>,
    pub grants_added: Vec<String>,
    /// Grants on both copies whose evidence logs were joined.
    pub grants_joined: Vec<String>,
    /// Grants with the same id but different details (amount, dates,
    /// budget, or a return sent on different days): ours were kept.
    pub grants_differing: Vec<String>,
    pub applications_added: usize,
    /// Rounds whose records were added or joined.
    pub rounds_joined: Vec<u32>,
    /// The round the group moved on to, when the other copy was further on.
    pub round_moved_to: Option<u32>,
}

impl MergeReport {
    /// Whether the other copy brought nothing new.
    pub fn is_empty(&self) -> bool {
        *self == MergeReport::default()
    }
}

/// Why a conflict could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("{} has no answers to choose between.{}", named(.question), open_list(.open))]
    NoConflict { question: String, open: Vec<String> },
}

/// A question by its id (to type) and its words (to recognise).
fn named(id: &str) -> String {
    match crate::bank::Bank::builtin() {
        Ok(bank) => bank.id_with_words(id),
        Err(_) => format!("`{id}`"),
    }
}

fn open_list(open: &[String]) -> String {
    if open.is_empty() {
        " There are none to choose between.".to_string()
    } else {
        let named: Vec<String> = open.iter().map(|id| named(id)).collect();
        format!(" Still to choose: {}.", named.join(", "))
    }
}

/// How one answer was merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Nothing new from theirs (perhaps history).
    Ours,
    /// Theirs was taken.
    Theirs,
    /// Both changed to different values.
    Conflict,
    /// Both changed to different values and the later was kept (wording
    /// and notes, which have no conflicts).
    Later,
}

/// Every version of an answer: its history, then the current one.
fn versions(answer: &Answer) -> impl Iterator<Item = PastAnswer> + '_ {
    answer
        .history
        .iter()
        .cloned()
        .chain(std::iter::once(answer.as_past()))
}

/// Adds versions to `answer`'s history that it does not already have
/// (as history or as its current version), then puts the history in time
/// order. Returns whether any were added.
fn add_history(answer: &mut Answer, extra: impl IntoIterator<Item = PastAnswer>) -> bool {
    let current = answer.as_past();
    let mut added = false;
    for past in extra {
        if past != current && !answer.history.contains(&past) {
            answer.history.push(past);
            added = true;
        }
    }
    if added {
        answer.history.sort_by_key(|p| p.at);
    }
    added
}

/// Makes `chosen` the current version of an answer whose versions so far
/// are `all`, keeping the rest as history in time order.
fn with_current(chosen: &Answer, all: impl IntoIterator<Item = PastAnswer>) -> Answer {
    let mut answer = Answer {
        history: Vec::new(),
        ..chosen.clone()
    };
    add_history(&mut answer, all);
    answer
}

/// Merges one answer (see the module notes). `later_round` says which copy
/// is in the later round, if they differ; `conflicts` whether a difference
/// becomes a conflict (answers) or the later is kept (wording, notes).
fn merge_answer(
    ours: &Answer,
    theirs: &Answer,
    later_round: Option<Keep>,
    conflicts: bool,
) -> (Answer, Outcome) {
    if ours == theirs {
        return (ours.clone(), Outcome::Ours);
    }
    let (o, t) = (ours.as_past(), theirs.as_past());
    let all = || versions(ours).chain(versions(theirs));
    if o == t {
        let check = match later_round {
            Some(Keep::Ours) => ours.check,
            Some(Keep::Theirs) => theirs.check,
            None => ours.check && theirs.check,
        };
        let mut answer = with_current(ours, all());
        answer.check = check;
        return (answer, Outcome::Ours);
    }
    let ours_unchanged = theirs.history.contains(&o);
    let theirs_unchanged = ours.history.contains(&t);
    let later = if theirs.at > ours.at { theirs } else { ours };
    match (ours_unchanged, theirs_unchanged) {
        (true, false) => (with_current(theirs, all()), Outcome::Theirs),
        (false, true) => (with_current(ours, all()), Outcome::Ours),
        // Each copy has seen the other's version (only after hand edits):
        // the later is kept.
        (true, true) => (with_current(later, all()), taken(later, theirs)),
        (false, false) if ours.value == theirs.value => {
            (with_current(later, all()), taken(later, theirs))
        }
        (false, false) if !conflicts => (with_current(later, all()), Outcome::Later),
        (false, false) => {
            // Ours stays current; both histories are joined now, and the
            // other current version waits in the conflict.
            let answer = with_current(ours, versions(ours).chain(theirs.history.iter().cloned()));
            (answer, Outcome::Conflict)
        }
    }
}

fn taken(kept: &Answer, theirs: &Answer) -> Outcome {
    if std::ptr::eq(kept, theirs) {
        Outcome::Theirs
    } else {
        Outcome::Ours
    }
}

/// Settles one question after its answers are merged: which conflict to
/// keep (a new one, else ours, else theirs), with every version of any
/// conflict not kept added to the answer's history. A new conflict's
/// "ours" is the merged answer itself, so merging the same copy again finds
/// the same conflict and changes nothing.
fn settle(
    merged: Option<Answer>,
    theirs_current: Option<Answer>,
    ours_before: Option<Conflict>,
    theirs_before: Option<Conflict>,
) -> (Option<Answer>, Option<Conflict>) {
    let mut answer = merged;
    let new = match (&answer, theirs_current) {
        (Some(a), Some(t)) => Some(Conflict {
            ours: a.clone(),
            theirs: t,
        }),
        _ => None,
    };
    let is_new = new.is_some();
    let mut kept: Option<Conflict> = None;
    let mut dropped: Vec<Conflict> = Vec::new();
    for conflict in [new, ours_before, theirs_before].into_iter().flatten() {
        match &kept {
            None => kept = Some(conflict),
            Some(k) if *k == conflict => {}
            Some(_) => dropped.push(conflict),
        }
    }
    if dropped.is_empty() {
        return (answer, kept);
    }
    let in_kept: Vec<PastAnswer> = kept.iter().flat_map(conflict_versions).collect();
    let extra: Vec<PastAnswer> = dropped
        .iter()
        .flat_map(conflict_versions)
        .filter(|v| !in_kept.contains(v))
        .collect();
    match &mut answer {
        Some(a) => {
            add_history(a, extra);
        }
        // A conflict with no answer beside it (only after hand edits): the
        // versions of the others become an answer rather than be lost.
        None => answer = Some(with_current(&dropped[0].ours, extra)),
    }
    if is_new && let (Some(k), Some(a)) = (&mut kept, &answer) {
        k.ours = a.clone();
    }
    (answer, kept)
}

/// Every version held anywhere in a conflict.
fn conflict_versions(conflict: &Conflict) -> impl Iterator<Item = PastAnswer> + '_ {
    versions(&conflict.ours).chain(versions(&conflict.theirs))
}

impl Group {
    /// Merges `theirs`, a copy of this group changed elsewhere, into this
    /// one (see the module notes for the rules). Merging a copy with itself
    /// changes nothing.
    pub fn merge(&mut self, theirs: &Group) -> MergeReport {
        // Every part of the group is named here, so a new one cannot be
        // added to `Group` without deciding how two copies of it merge.
        let Group {
            format: _,
            name: _,
            slug: _,
            created: _,
            updated: _,
            round: _,
            answers: _,
            wording: _,
            asks: _,
            notes: _,
            grants: _,
            applications: _,
            rounds: _,
            conflicts: _,
        } = theirs;
        let mut report = MergeReport::default();
        let name_before = self.value("group_name").cloned();
        let later_round = match self.round.cmp(&theirs.round) {
            std::cmp::Ordering::Less => Some(Keep::Theirs),
            std::cmp::Ordering::Greater => Some(Keep::Ours),
            std::cmp::Ordering::Equal => None,
        };

        // Answers and their conflicts, question by question.
        let ids: BTreeSet<String> = self
            .answers
            .keys()
            .chain(theirs.answers.keys())
            .chain(self.conflicts.keys())
            .chain(theirs.conflicts.keys())
            .cloned()
            .collect();
        for id in ids {
            let ours = self.answers.get(&id).cloned();
            let mut conflicting = None;
            let merged = match (&ours, theirs.answers.get(&id)) {
                (Some(o), Some(t)) => {
                    let (answer, outcome) = merge_answer(o, t, later_round, true);
                    match outcome {
                        Outcome::Theirs => report.answers_taken.push(id.clone()),
                        Outcome::Conflict => conflicting = Some(t.clone()),
                        Outcome::Ours | Outcome::Later => {}
                    }
                    Some(answer)
                }
                (Some(o), None) => Some(o.clone()),
                (None, Some(t)) => {
                    report.answers_added.push(id.clone());
                    Some(t.clone())
                }
                (None, None) => None,
            };
            let is_new = conflicting.is_some();
            let before = self.conflicts.remove(&id);
            let (answer, conflict) = settle(
                merged,
                conflicting,
                before.clone(),
                theirs.conflicts.get(&id).cloned(),
            );
            if let Some(answer) = answer {
                if let Some(o) = &ours
                    && answer.history.len() > o.history.len()
                    && !report.answers_taken.contains(&id)
                {
                    report.histories_joined.push(id.clone());
                }
                self.answers.insert(id.clone(), answer);
            }
            if let Some(conflict) = conflict {
                if is_new && before.as_ref() != Some(&conflict) {
                    report.conflicts.push(id.clone());
                }
                self.conflicts.insert(id, conflict);
            }
        }

        // Wording, funder by funder, and coaching notes.
        for (funder, questions) in theirs.wording.iter().filter(|(_, q)| !q.is_empty()) {
            let ours = self.wording.entry(funder.clone()).or_default();
            for (question, t) in questions {
                merge_text(
                    ours,
                    question,
                    t,
                    later_round,
                    &format!("{funder}/{question}"),
                    &mut report.wording_taken,
                    &mut report.wording_both_changed,
                );
            }
        }
        for (funder, asks) in &theirs.asks {
            let ours = self.asks.entry(funder.clone()).or_default();
            for (ask, t) in asks {
                merge_text(
                    ours,
                    ask,
                    t,
                    later_round,
                    &format!("{funder}/{ask}"),
                    &mut report.asks_taken,
                    &mut report.asks_both_changed,
                );
            }
        }
        for (question, t) in &theirs.notes {
            merge_text(
                &mut self.notes,
                question,
                t,
                later_round,
                question,
                &mut report.notes_taken,
                &mut report.notes_both_changed,
            );
        }

        // Grants by id, and their evidence logs entry by entry.
        for grant in &theirs.grants {
            match self.grants.iter_mut().find(|g| g.id == grant.id) {
                None => {
                    self.grants.push(grant.clone());
                    report.grants_added.push(grant.id.clone());
                }
                Some(ours) if ours == grant => {}
                Some(ours) => {
                    let (joined, differing) = join_grant(ours, grant);
                    if joined {
                        report.grants_joined.push(grant.id.clone());
                    }
                    if differing {
                        report.grants_differing.push(grant.id.clone());
                    }
                }
            }
        }

        // Applications sent: every one, once, in order of sending.
        for application in &theirs.applications {
            if !self.applications.contains(application) {
                self.applications.push(application.clone());
                report.applications_added += 1;
            }
        }
        if report.applications_added > 0 {
            self.applications.sort_by_key(|a| (a.submitted, a.round));
        }

        // Round records by round.
        let rounds_before = self.rounds.len();
        for record in &theirs.rounds {
            match self.rounds.iter_mut().find(|r| r.round == record.round) {
                None => {
                    self.rounds.push(record.clone());
                    report.rounds_joined.push(record.round);
                }
                Some(ours) if ours == record => {}
                Some(ours) => {
                    join_records(ours, record);
                    report.rounds_joined.push(record.round);
                }
            }
        }
        if self.rounds.len() > rounds_before {
            self.rounds.sort_by_key(|r| r.round);
        }

        if theirs.round > self.round {
            self.round = theirs.round;
            report.round_moved_to = Some(theirs.round);
        }
        self.created = self.created.min(theirs.created);
        self.updated = self.updated.max(theirs.updated);
        if self.value("group_name") != name_before.as_ref() {
            self.follow_group_name();
        }
        report
    }

    /// Keeps one answer of a conflict; the other, and every version either
    /// had, goes into the answer's history. If the answer was changed after
    /// the merge, that change counts as "ours".
    pub fn resolve(
        &mut self,
        question_id: &str,
        keep: Keep,
        now: Moment,
    ) -> Result<(), ResolveError> {
        let Some(conflict) = self.conflicts.remove(question_id) else {
            return Err(ResolveError::NoConflict {
                question: question_id.to_string(),
                open: self.conflicts.keys().cloned().collect(),
            });
        };
        let ours = self
            .answers
            .get(question_id)
            .cloned()
            .unwrap_or_else(|| conflict.ours.clone());
        let chosen = match keep {
            Keep::Ours => &ours,
            Keep::Theirs => &conflict.theirs,
        };
        let all = versions(&ours).chain(conflict_versions(&conflict));
        let answer = with_current(chosen, all);
        self.answers.insert(question_id.to_string(), answer);
        self.updated = now;
        self.follow_group_name();
        Ok(())
    }

    /// Answers both copies changed, waiting for a person to choose.
    pub fn open_conflicts(&self) -> impl Iterator<Item = (&String, &Conflict)> {
        self.conflicts.iter()
    }

    /// The group's `name` follows the `group_name` answer.
    fn follow_group_name(&mut self) {
        if let Some(AnswerValue::Text(name)) = self.value("group_name") {
            self.name = name.clone();
        }
    }
}

fn merge_text(
    ours: &mut std::collections::BTreeMap<String, Answer>,
    key: &str,
    theirs: &Answer,
    later_round: Option<Keep>,
    label: &str,
    taken: &mut Vec<String>,
    both_changed: &mut Vec<String>,
) {
    match ours.get(key) {
        None => {
            ours.insert(key.to_string(), theirs.clone());
            taken.push(label.to_string());
        }
        Some(o) => {
            let (answer, outcome) = merge_answer(o, theirs, later_round, false);
            match outcome {
                Outcome::Theirs => taken.push(label.to_string()),
                Outcome::Later => both_changed.push(label.to_string()),
                Outcome::Ours | Outcome::Conflict => {}
            }
            ours.insert(key.to_string(), answer);
        }
    }
}

/// Joins the other copy's record of the same grant into ours: every log
/// entry (session, count, story, spending, note) and promise either copy
/// has is kept once, in date order; a return marked sent on either copy is
/// sent. The grant's own details (funder, amount, dates, budget) are ours
/// when they differ. Returns (anything joined, details differ).
///
/// Every field of `Grant` is named here, so a new one cannot be added
/// without deciding how it merges.
fn join_grant(ours: &mut Grant, theirs: &Grant) -> (bool, bool) {
    let Grant {
        id: _,
        funder,
        pence,
        start,
        end,
        reference,
        people_promised,
        contact,
        contact_role,
        thanks,
        budget,
        promises,
        reports,
        // The log lists are read from `theirs_log` below, with this copy's
        // corrections made on them first.
        sessions: _,
        counts: _,
        stories: _,
        spending: _,
        notes: _,
        corrections,
    } = theirs;
    let mut differing = (funder, pence, start, end, budget)
        != (
            &ours.funder,
            &ours.pence,
            &ours.start,
            &ours.end,
            &ours.budget,
        )
        || (reference, people_promised, contact, contact_role, thanks)
            != (
                &ours.reference,
                &ours.people_promised,
                &ours.contact,
                &ours.contact_role,
                &ours.thanks,
            );
    let mut joined = false;
    // A correction made on one copy is made on the other: the entry as it
    // was leaves that copy's list (once), so the old version does not come
    // back beside the new one. Both copies then keep every correction.
    let mut theirs_log = theirs.clone();
    for c in ours.corrections.iter().filter(|c| !corrections.contains(c)) {
        crate::monitoring::evidence::take_out(&mut theirs_log, &c.was);
    }
    let new_to_us: Vec<_> = corrections
        .iter()
        .filter(|c| !ours.corrections.contains(c))
        .collect();
    for c in new_to_us {
        joined |= crate::monitoring::evidence::take_out(ours, &c.was);
    }
    joined |= join_list(&mut ours.corrections, corrections, |_| None);
    let (sessions, counts, stories, spending, notes) = (
        &theirs_log.sessions,
        &theirs_log.counts,
        &theirs_log.stories,
        &theirs_log.spending,
        &theirs_log.notes,
    );
    joined |= join_list(&mut ours.promises, promises, |_| None);
    joined |= join_list(&mut ours.sessions, sessions, |s| Some(s.date));
    joined |= join_list(&mut ours.counts, counts, |c| Some(c.date));
    joined |= join_list(&mut ours.stories, stories, |s| Some(s.date));
    // Consent withdrawn on either copy is withdrawn: the story's words
    // must not come back from the other copy.
    let withdrawn: Vec<String> = ours
        .stories
        .iter()
        .filter(|s| s.withdrawn.is_some() && !s.id.is_empty())
        .map(|s| s.id.clone())
        .collect();
    ours.stories
        .retain(|s| s.withdrawn.is_some() || !withdrawn.contains(&s.id));
    ours.corrections.retain(
        |c| !matches!(&c.was, crate::group::LogItem::Story(s) if withdrawn.contains(&s.id)),
    );
    joined |= join_list(&mut ours.spending, spending, |s| Some(s.date));
    joined |= join_list(&mut ours.notes, notes, |n| Some(n.date));
    for report in reports {
        match ours
            .reports
            .iter_mut()
            .find(|r| r.kind == report.kind && r.due == report.due)
        {
            None => {
                ours.reports.push(report.clone());
                joined = true;
            }
            Some(r) if r.sent.is_none() && report.sent.is_some() => {
                r.sent = report.sent;
                joined = true;
            }
            Some(r) if report.sent.is_some() && r.sent != report.sent => differing = true,
            Some(_) => {}
        }
    }
    (joined, differing)
}

/// Adds the entries of `theirs` that `ours` does not have; when any were
/// added, puts the list in date order (entries without a date keep their
/// place). Returns whether any were added.
fn join_list<T: PartialEq + Clone>(
    ours: &mut Vec<T>,
    theirs: &[T],
    date: fn(&T) -> Option<crate::dates::Day>,
) -> bool {
    let before = ours.len();
    for entry in theirs {
        if !ours.contains(entry) {
            ours.push(entry.clone());
        }
    }
    if ours.len() == before {
        return false;
    }
    if ours.iter().all(|e| date(e).is_some()) {
        ours.sort_by_key(date);
    }
    true
}

/// Joins two records of the same round.
fn join_records(ours: &mut RoundRecord, theirs: &RoundRecord) {
    ours.started = ours.started.min(theirs.started);
    // The words are counted when a round closes: take the later count.
    match (ours.closed, theirs.closed) {
        (None, Some(_)) => {
            ours.closed = theirs.closed;
            ours.words = theirs.words;
        }
        (Some(o), Some(t)) if t > o => {
            ours.closed = theirs.closed;
            ours.words = theirs.words;
        }
        _ => {}
    }
    ours.steps.join(&theirs.steps);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Day;
    use crate::group::Author;
    use proptest::prelude::*;

    fn at(secs: i64) -> Moment {
        Moment::from_unix_seconds(1_790_000_000 + secs).unwrap()
    }

    fn text(t: &str) -> AnswerValue {
        AnswerValue::Text(t.into())
    }

    /// A group and a copy of it taken "to the other computer".
    fn parted() -> (Group, Group) {
        let mut g = Group::new("G", "g", at(0));
        g.set_answer("who_for", text("Our first words"), Author::Group, at(1));
        g.set_answer("how_run", text("We vote"), Author::Group, at(2));
        g.set_answer(
            "regular_members",
            AnswerValue::Number(10),
            Author::Group,
            at(3),
        );
        (g.clone(), g)
    }

    /// Every version of every answer, conflict, wording and note.
    fn all_versions(g: &Group) -> Vec<PastAnswer> {
        let mut out: Vec<PastAnswer> = Vec::new();
        for a in g.answers.values().chain(g.notes.values()) {
            out.extend(versions(a));
        }
        for c in g.conflicts.values() {
            out.extend(conflict_versions(c));
        }
        for w in g.wording.values().chain(g.asks.values()) {
            for a in w.values() {
                out.extend(versions(a));
            }
        }
        out
    }

    #[test]
    fn only_one_side_changed_wins_and_histories_join() {
        let (mut ours, mut theirs) = parted();
        ours.set_answer(
            "who_for",
            text("Our words, this year"),
            Author::Group,
            at(10),
        );
        theirs.set_answer(
            "regular_members",
            AnswerValue::Number(14),
            Author::Supporter,
            at(11),
        );
        theirs.set_answer(
            "policies",
            AnswerValue::Choices(vec![]),
            Author::Group,
            at(12),
        );
        let report = ours.merge(&theirs);
        assert_eq!(report.answers_taken, ["regular_members"]);
        assert_eq!(report.answers_added, ["policies"]);
        assert!(report.conflicts.is_empty());
        assert_eq!(ours.value("who_for"), Some(&text("Our words, this year")));
        assert_eq!(
            ours.value("regular_members"),
            Some(&AnswerValue::Number(14))
        );
        assert_eq!(ours.answers["regular_members"].history.len(), 1);
        assert_eq!(ours.answers["who_for"].history.len(), 1);
        assert!(ours.conflicts.is_empty());
        // And the other way round gives the same answers.
        let (mut theirs2, ours2) = (theirs.clone(), {
            let (mut o, _) = parted();
            o.set_answer(
                "who_for",
                text("Our words, this year"),
                Author::Group,
                at(10),
            );
            o
        });
        theirs2.merge(&ours2);
        assert_eq!(theirs2.answers, ours.answers);
    }

    #[test]
    fn both_changed_is_a_conflict_until_resolved() {
        let (mut ours, mut theirs) = parted();
        ours.set_answer(
            "how_run",
            text("We vote with thumbs"),
            Author::Group,
            at(10),
        );
        theirs.set_answer(
            "how_run",
            text("We decide together"),
            Author::Together,
            at(11),
        );
        let report = ours.merge(&theirs);
        assert_eq!(report.conflicts, ["how_run"]);
        assert_eq!(ours.value("how_run"), Some(&text("We vote with thumbs")));
        assert_eq!(
            ours.conflicts["how_run"].theirs.value,
            text("We decide together")
        );
        // Merging again changes nothing more.
        let again = ours.clone();
        assert!(ours.merge(&theirs).is_empty());
        assert_eq!(ours, again);

        let mut keep_theirs = ours.clone();
        keep_theirs
            .resolve("how_run", Keep::Theirs, at(20))
            .unwrap();
        let a = &keep_theirs.answers["how_run"];
        assert_eq!(a.value, text("We decide together"));
        assert_eq!(a.by, Author::Together);
        let old: Vec<&AnswerValue> = a.history.iter().map(|p| &p.value).collect();
        assert_eq!(old, [&text("We vote"), &text("We vote with thumbs")]);
        assert!(keep_theirs.conflicts.is_empty());

        ours.resolve("how_run", Keep::Ours, at(20)).unwrap();
        let a = &ours.answers["how_run"];
        assert_eq!(a.value, text("We vote with thumbs"));
        let old: Vec<&AnswerValue> = a.history.iter().map(|p| &p.value).collect();
        assert_eq!(old, [&text("We vote"), &text("We decide together")]);
        let err = ours.resolve("how_run", Keep::Ours, at(21)).unwrap_err();
        assert!(err.to_string().contains("none to choose"), "{err}");
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let (mut ours, mut theirs) = parted();
        ours.set_answer(
            "regular_members",
            AnswerValue::Number(12),
            Author::Group,
            at(10),
        );
        theirs.set_answer(
            "regular_members",
            AnswerValue::Number(12),
            Author::Supporter,
            at(11),
        );
        let report = ours.merge(&theirs);
        assert!(report.conflicts.is_empty());
        let a = &ours.answers["regular_members"];
        assert_eq!(a.value, AnswerValue::Number(12));
        assert_eq!(a.at, at(11), "the later is kept");
        assert_eq!(a.history.len(), 2, "the earlier 12 is kept too");
    }

    #[test]
    fn changing_back_still_counts_as_a_change() {
        let (mut ours, mut theirs) = parted();
        ours.set_answer(
            "regular_members",
            AnswerValue::Number(15),
            Author::Group,
            at(10),
        );
        ours.set_answer(
            "regular_members",
            AnswerValue::Number(10),
            Author::Group,
            at(12),
        );
        theirs.set_answer(
            "regular_members",
            AnswerValue::Number(11),
            Author::Group,
            at(11),
        );
        assert_eq!(ours.merge(&theirs).conflicts, ["regular_members"]);
    }

    #[test]
    fn the_later_round_brings_its_marks_and_records() {
        let bank = crate::bank::Bank::builtin().unwrap();
        let (mut ours, mut theirs) = parted();
        theirs.next_year(bank, at(400 * 86_400));
        let report = ours.merge(&theirs);
        assert_eq!(report.round_moved_to, Some(2));
        assert_eq!(ours.round, 2);
        assert!(ours.answers["regular_members"].check);
        assert_eq!(ours.rounds, theirs.rounds);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn wording_both_changed_keeps_the_later_and_the_other_in_history() {
        let (mut ours, mut theirs) = parted();
        ours.set_wording("f", "idea", "Ours".into(), Author::Group, at(10));
        theirs.set_wording("f", "idea", "Theirs".into(), Author::Group, at(11));
        theirs.set_note("who_for", "Say who", Author::Supporter, at(12));
        let report = ours.merge(&theirs);
        assert_eq!(report.wording_both_changed, ["f/idea"]);
        assert_eq!(report.notes_taken, ["who_for"]);
        let w = &ours.wording["f"]["idea"];
        assert_eq!(w.value, text("Theirs"));
        assert_eq!(w.history[0].value, text("Ours"));
        assert_eq!(ours.note("who_for"), Some("Say who"));
    }

    #[test]
    fn answers_to_asks_are_joined_like_wording() {
        let (mut ours, mut theirs) = parted();
        ours.set_ask("f", "funded-before", true, Author::Group, at(10));
        theirs.set_ask("f", "funded-before", false, Author::Together, at(11));
        theirs.set_ask("f", "not-for-profit", true, Author::Group, at(12));
        let report = ours.merge(&theirs);
        assert_eq!(report.asks_both_changed, ["f/funded-before"]);
        assert_eq!(report.asks_taken, ["f/not-for-profit"]);
        let a = ours.ask_answer("f", "funded-before").unwrap();
        assert!(!a.yes, "the later answer is kept");
        assert_eq!(
            ours.asks["f"]["funded-before"].history[0].value,
            AnswerValue::YesNo(true)
        );
        assert!(ours.ask_answer("f", "not-for-profit").unwrap().yes);
    }

    #[test]
    fn grants_and_applications_are_joined() {
        let (mut ours, mut theirs) = parted();
        theirs.set_wording("f", "idea", "Text".into(), Author::Group, at(10));
        theirs
            .submit("f", Day::new(2026, 9, 1).unwrap(), Author::Group, at(11))
            .unwrap();
        let report = ours.merge(&theirs);
        assert_eq!(report.applications_added, 1);
        assert_eq!(ours.applications(), theirs.applications());
        assert_eq!(ours.merge(&theirs).applications_added, 0);
    }

    #[test]
    fn grant_logs_from_both_copies_are_joined() {
        use crate::group::{ReportDue, ReportKind, Session};
        let d = |t: &str| t.parse::<Day>().unwrap();
        let (mut ours, mut theirs) = parted();
        let mut grant = Grant::new(
            "g-2027".into(),
            "f".into(),
            100,
            d("2027-04-01"),
            d("2028-03-31"),
        );
        grant.reports.push(ReportDue {
            kind: ReportKind::Interim,
            due: d("2027-10-01"),
            sent: None,
        });
        ours.grants.push(grant.clone());
        theirs.grants.push(grant);
        let session = |date: &str, came| Session {
            date: d(date),
            came,
            new: 0,
        };
        ours.grants[0].sessions.push(session("2027-04-14", 12));
        theirs.grants[0].sessions.push(session("2027-04-07", 10));
        theirs.grants[0].reports[0].sent = Some(d("2027-09-30"));
        let report = ours.merge(&theirs);
        assert_eq!(report.grants_joined, ["g-2027"]);
        assert!(report.grants_differing.is_empty());
        let dates: Vec<Day> = ours.grants[0].sessions.iter().map(|s| s.date).collect();
        assert_eq!(dates, [d("2027-04-07"), d("2027-04-14")]);
        assert_eq!(ours.grants[0].reports[0].sent, Some(d("2027-09-30")));
        // Different details are reported, and ours are kept.
        theirs.grants[0].pence = 200;
        let report = ours.merge(&theirs);
        assert_eq!(report.grants_differing, ["g-2027"]);
        assert_eq!(ours.grants[0].pence, 100);
        // Consent withdrawn on either copy stays withdrawn: the words do
        // not come back from the copy that still has them.
        let story = crate::group::Story {
            id: "story-1".into(),
            ..crate::group::Story::new(d("2027-05-01"), "Words to forget".into(), true)
        };
        ours.grants[0].stories = vec![story.clone()];
        let mut gone = theirs.clone();
        gone.grants[0].stories = vec![story];
        crate::monitoring::consent::withdraw(&mut gone, "story-1", d("2027-06-01")).unwrap();
        ours.merge(&gone);
        assert_eq!(ours.grants[0].stories.len(), 1);
        assert_eq!(ours.grants[0].stories[0].withdrawn, Some(d("2027-06-01")));
        assert!(ours.grants[0].stories[0].text.is_empty());
    }

    #[test]
    fn a_correction_on_one_copy_is_made_on_the_other_and_both_keep_the_history() {
        use crate::group::Session;
        use crate::monitoring::evidence::{self, Doing};
        let d = |t: &str| t.parse::<Day>().unwrap();
        let (mut ours, mut theirs) = parted();
        let mut grant = Grant::new(
            "g".into(),
            "f".into(),
            100,
            d("2027-04-01"),
            d("2028-03-31"),
        );
        for (date, came) in [("2027-04-07", 10), ("2027-04-21", 11)] {
            grant.sessions.push(Session {
                date: d(date),
                came,
                new: 0,
            });
        }
        ours.grants.push(grant.clone());
        theirs.grants.push(grant);
        let doing = Doing {
            by: Author::Group,
            today: d("2027-05-01"),
            now: at(50),
        };
        let came: evidence::Values = [("came".to_string(), "14".to_string())].into();
        evidence::edit(&mut theirs.grants[0], "session-1", &came, doing).unwrap();
        evidence::remove(&mut ours.grants[0], "session-2", doing).unwrap();
        let mut back = theirs.clone();
        ours.merge(&theirs);
        back.merge(&ours);
        for copy in [&ours, &back] {
            let sessions: Vec<u32> = copy.grants[0].sessions.iter().map(|s| s.came).collect();
            assert_eq!(sessions, [14], "the edit and the removal on both copies");
            assert_eq!(copy.grants[0].corrections.len(), 2);
        }
        // Joining again changes nothing.
        let before = ours.clone();
        ours.merge(&back);
        assert_eq!(ours.grants, before.grants);
    }

    fn value_strategy() -> impl Strategy<Value = AnswerValue> {
        prop_oneof![
            "[a-c]{1,3}".prop_map(AnswerValue::Text),
            (0i64..4).prop_map(AnswerValue::Number),
        ]
    }

    fn author_strategy() -> impl Strategy<Value = Author> {
        prop_oneof![
            Just(Author::Group),
            Just(Author::Supporter),
            Just(Author::Together)
        ]
    }

    fn edits() -> impl Strategy<Value = Vec<(String, AnswerValue, Author, i64)>> {
        prop::collection::vec(
            ("[a-c]", value_strategy(), author_strategy(), 0i64..1000),
            0..10,
        )
    }

    fn apply(g: &mut Group, edits: &[(String, AnswerValue, Author, i64)]) {
        for (id, value, by, t) in edits {
            g.set_answer(id, value.clone(), *by, at(*t));
            if t % 3 == 0 {
                g.set_wording("f", id, format!("{value:?}"), *by, at(*t));
            }
        }
    }

    proptest! {
        #[test]
        fn merging_never_drops_a_version_and_a_copy_with_itself_changes_nothing(
            shared in edits(),
            mine in edits(),
            other in edits(),
            third in edits(),
        ) {
            let mut base = Group::new("G", "g", at(0));
            apply(&mut base, &shared);
            let (mut ours, mut theirs) = (base.clone(), base);
            apply(&mut ours, &mine);
            apply(&mut theirs, &other);

            let mut same = ours.clone();
            prop_assert!(same.merge(&ours.clone()).is_empty());
            prop_assert_eq!(&same, &ours);

            let mut merged = ours.clone();
            merged.merge(&theirs);
            let kept = all_versions(&merged);
            for v in all_versions(&ours).iter().chain(&all_versions(&theirs)) {
                prop_assert!(kept.contains(v), "lost {:?}", v);
            }
            // Merging the same copy again changes nothing, even when a
            // clock went backwards (the edits' times are in any order).
            let mut twice = merged.clone();
            twice.merge(&theirs);
            prop_assert_eq!(&twice, &merged);
            // Merging the result with itself changes nothing either, and
            // a third copy merged in later still loses nothing.
            let mut again = merged.clone();
            prop_assert!(again.merge(&merged.clone()).is_empty());
            prop_assert_eq!(&again, &merged);
            let mut later = theirs.clone();
            apply(&mut later, &third);
            let mut both = merged.clone();
            both.merge(&later);
            let kept = all_versions(&both);
            for v in all_versions(&merged).iter().chain(&all_versions(&later)) {
                prop_assert!(kept.contains(v), "lost {:?}", v);
            }
            // A history rebuilt by the merge holds each version once.
            for (id, a) in &both.answers {
                if merged.answers.get(id) != Some(a) && later.answers.get(id) != Some(a) {
                    for (i, v) in a.history.iter().enumerate() {
                        prop_assert!(!a.history[i + 1..].contains(v), "{} twice in {}", i, id);
                    }
                }
            }
        }
    }
}
