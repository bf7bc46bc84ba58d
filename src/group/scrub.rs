//! Taking control characters out of every piece of text in a group: what is
//! typed, and what comes in from a file made elsewhere (`import`). Nothing
//! else changes: no words are added, moved or reworded. A control character
//! in an answer is never something a person meant to write, and kept, it
//! could reach a terminal through a script that prints the file.

use std::collections::BTreeMap;

use crate::bank::AnswerValue;
use crate::text::sanitize;

use super::{Answer, Group};

fn clean(text: &mut String, lines: bool) {
    if text.chars().any(|c| {
        c.is_control() && c != '\n'
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        *text = sanitize(text, lines);
    }
}

fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// A key or id with control characters in it: each becomes a visible `?`
/// (rather than vanishing, so it cannot turn into another key that exists).
fn visible(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                '?'
            } else {
                c
            }
        })
        .collect()
}

fn clean_id(id: &mut String) {
    if has_control(id) {
        *id = visible(id);
    }
}

/// Cleans a map's keys, never letting one land on another: a clash gets a
/// number on the end, so nothing is dropped.
fn clean_keys<V>(map: &mut BTreeMap<String, V>) {
    if !map.keys().any(|k| has_control(k)) {
        return;
    }
    let old = std::mem::take(map);
    for (key, value) in old {
        let mut new = if has_control(&key) {
            visible(&key)
        } else {
            key
        };
        let base = new.clone();
        let mut n = 2;
        while map.contains_key(&new) {
            new = format!("{base}-{n}");
            n += 1;
        }
        map.insert(new, value);
    }
}

fn clean_value(value: &mut AnswerValue) {
    match value {
        AnswerValue::Text(t) | AnswerValue::Choice(t) => clean(t, true),
        AnswerValue::Choices(cs) => cs.iter_mut().for_each(|c| clean(c, false)),
        AnswerValue::Budget(lines) => {
            for l in lines {
                clean(&mut l.item, false);
                clean(&mut l.category, false);
            }
        }
        AnswerValue::Number(_)
        | AnswerValue::Money(_)
        | AnswerValue::YesNo(_)
        | AnswerValue::Date(_) => {}
    }
}

fn clean_answer(a: &mut Answer) {
    clean_value(&mut a.value);
    for past in &mut a.history {
        clean_value(&mut past.value);
    }
}

impl Group {
    /// Removes control characters from every text in the group.
    pub fn scrub(&mut self) {
        clean(&mut self.name, false);
        clean_keys(&mut self.answers);
        clean_keys(&mut self.notes);
        clean_keys(&mut self.conflicts);
        clean_keys(&mut self.wording);
        for w in self.wording.values_mut() {
            clean_keys(w);
        }
        self.answers.values_mut().for_each(clean_answer);
        self.notes.values_mut().for_each(clean_answer);
        self.wording
            .values_mut()
            .flat_map(|w| w.values_mut())
            .for_each(clean_answer);
        for c in self.conflicts.values_mut() {
            clean_answer(&mut c.ours);
            clean_answer(&mut c.theirs);
        }
        for a in &mut self.applications {
            clean_id(&mut a.funder);
            clean_keys(&mut a.answers);
            a.answers.values_mut().for_each(|t| clean(t, true));
        }
        for g in &mut self.grants {
            clean_id(&mut g.id);
            clean_id(&mut g.funder);
            for l in &mut g.budget {
                clean(&mut l.item, false);
            }
            for t in [&mut g.reference, &mut g.contact, &mut g.contact_role]
                .into_iter()
                .flatten()
            {
                clean(t, false);
            }
            if let Some(t) = &mut g.thanks {
                clean(t, true);
            }
            for p in &mut g.promises {
                clean(&mut p.what, true);
                if let Some(m) = &mut p.measure {
                    clean(m, false);
                }
            }
            g.counts
                .iter_mut()
                .for_each(|c| clean(&mut c.measure, false));
            g.stories.iter_mut().for_each(|s| clean(&mut s.text, true));
            for s in &mut g.spending {
                clean(&mut s.line, false);
                if let Some(r) = &mut s.receipt {
                    clean(r, false);
                }
            }
            g.notes.iter_mut().for_each(|n| clean(&mut n.text, true));
            // Earlier versions are shown by `log list` too.
            for c in &mut g.corrections {
                clean(&mut c.entry, false);
                match &mut c.was {
                    super::LogItem::Count(n) => clean(&mut n.measure, false),
                    super::LogItem::Story(story) => clean(&mut story.text, true),
                    super::LogItem::Spend(spend) => {
                        clean(&mut spend.line, false);
                        if let Some(r) = &mut spend.receipt {
                            clean(r, false);
                        }
                    }
                    super::LogItem::Note(n) => clean(&mut n.text, true),
                    super::LogItem::Session(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Moment;
    use crate::group::Author;

    #[test]
    fn control_characters_go_and_words_stay() {
        let mut g = Group::new("Evil\u{1b}[2J Group", "g", Moment::now());
        g.set_answer(
            "who_for",
            AnswerValue::Text("Line one\u{9b}31m\nline two\u{7f}".into()),
            Author::Group,
            Moment::now(),
        );
        g.set_note("who_for", "Note\u{7}", Author::Supporter, Moment::now());
        g.scrub();
        assert_eq!(g.name, "Evil[2J Group");
        assert_eq!(
            g.value("who_for"),
            Some(&AnswerValue::Text("Line one31m\nline two".into()))
        );
        assert_eq!(g.note("who_for"), Some("Note"));
        let mut grant = crate::group::Grant::new(
            "x".into(),
            "f".into(),
            1,
            crate::dates::Day::new(2026, 1, 1).unwrap(),
            crate::dates::Day::new(2026, 12, 31).unwrap(),
        );
        grant.corrections.push(crate::group::Correction {
            entry: "note-1\u{1b}".into(),
            change: crate::group::CorrectionKind::Removed,
            at: Moment::now(),
            by: Author::Group,
            was: crate::group::LogItem::Note(crate::group::LogNote {
                date: crate::dates::Day::new(2026, 2, 1).unwrap(),
                text: "Old\u{1b}[2J words".into(),
                kind: crate::group::NoteKind::Learned,
            }),
        });
        g.grants.push(grant);
        g.scrub();
        let c = &g.grants[0].corrections[0];
        assert_eq!(c.entry, "note-1");
        assert!(matches!(&c.was, crate::group::LogItem::Note(n) if n.text == "Old[2J words"));
        let clean = g.clone();
        g.scrub();
        assert_eq!(g, clean, "scrubbing twice changes nothing");
        // Keys become visible, and never land on a key that exists.
        let mut h = Group::new("H", "h", Moment::now());
        h.set_answer(
            "who_for",
            AnswerValue::Text("real".into()),
            Author::Group,
            Moment::now(),
        );
        h.set_answer(
            "who_for\u{7}",
            AnswerValue::Text("odd".into()),
            Author::Group,
            Moment::now(),
        );
        h.set_answer(
            "who_for?",
            AnswerValue::Text("also".into()),
            Author::Group,
            Moment::now(),
        );
        h.scrub();
        let keys: Vec<&str> = h.answers.keys().map(String::as_str).collect();
        assert_eq!(keys, ["who_for", "who_for?", "who_for?-2"]);
    }
}
