//! What a draft template is given: everything about one group's bid to one
//! funder, already worded for people (pounds, dates, labels, counts), so
//! templates only arrange it and never compute or invent anything.
//!
//! The group's answer text goes in exactly as the group wrote it, with only
//! control characters removed (they would corrupt a Word file and could
//! rewrite a terminal). A question with no wording has `text = none` and
//! templates show a gap: the program never fills one in.
//!
//! Authorship, the bank answers a question draws on and the supporter's
//! coaching notes on them are included only for a working copy
//! (`with_notes`): a draft that may reach a funder carries the group's
//! words and nothing about who helped.

use serde::Serialize;

use super::count::{Status, limit_description, limit_status};
use super::wording::{Offered, offered, wording, wording_text};
use crate::bank::{AnswerValue, Bank, budget_total};
use crate::dates::Day;
use crate::funders::Profile;
use crate::group::Group;
use crate::matching;
use crate::text::{format_pence, sanitize};
use crate::vocab::{Vocabularies, names};

/// Everything a template can use. Field names are the names templates use,
/// so renaming one breaks users' own templates: add, do not rename.
#[derive(Debug, Clone, Serialize)]
pub struct DraftContext {
    pub group: GroupPart,
    pub funder: FunderPart,
    /// The day the draft was made, for people: "14 October 2026".
    pub today: String,
    /// The same day as `YYYY-MM-DD`, for the Word file's properties.
    #[serde(skip)]
    pub today_iso: String,
    pub project_title: Option<String>,
    /// The amount asked for (`project_total`), in pounds: "£4,752".
    pub ask: Option<String>,
    pub questions: Vec<QuestionPart>,
    /// How many of the funder's questions have the group's wording.
    pub written: usize,
    pub budget: Option<BudgetPart>,
    /// Papers the funder asks for, and whether the group has them ready.
    pub documents: Vec<DocumentPart>,
    /// A working copy with authorship and the answers each question draws
    /// on, for the group and supporter; not for sending.
    pub with_notes: bool,
    /// Members' stories the group may quote to this funder if it chooses:
    /// those agreed for other funders, from grants by other funders, and
    /// in force today (working copy only; `monitoring::consent` decides).
    pub stories: Vec<StoryPart>,
}

/// A member's story offered to quote, never put into an answer for them.
#[derive(Debug, Clone, Serialize)]
pub struct StoryPart {
    pub entry: String,
    /// The day it was told: "3 June 2026".
    pub date: String,
    pub text: String,
    pub anonymised: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupPart {
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunderPart {
    pub id: String,
    /// The programme's name.
    pub name: String,
    /// The organisation giving the money.
    pub organisation: String,
    pub website: String,
    /// How to apply, in plain words.
    pub how: Option<String>,
    /// The funder refuses bids written by paid bid writers.
    pub own_words_required: bool,
    /// The funder's own words, explained.
    pub terms: Vec<TermPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermPart {
    pub term: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionPart {
    /// From 1, in the funder's order.
    pub number: usize,
    pub id: String,
    pub prompt: String,
    /// The funder's limits in plain words, or none.
    pub limit: Option<String>,
    /// The count and its status: "182 words: fine", or "Not written yet".
    pub count: String,
    pub status: Status,
    pub status_label: &'static str,
    /// The group's wording, or none when not written yet.
    pub text: Option<String>,
    /// The wording split at blank lines, for formats that lay out
    /// paragraphs themselves (HTML, Word). Empty when not written.
    pub paragraphs: Vec<String>,
    /// The funder's tips (working copy only).
    pub tips: Option<String>,
    /// Who wrote the wording: "the group" (working copy only).
    pub author: Option<String>,
    /// When it was last changed: "14 Oct 2026 15:10" (working copy only).
    pub written_at: Option<String>,
    /// The bank answers this question draws on, offered to start from,
    /// each with any coaching note on it (working copy only).
    pub from_your_answers: Vec<Offered>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetPart {
    pub lines: Vec<BudgetLinePart>,
    /// The sum of the lines, in pounds.
    pub total: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLinePart {
    pub item: String,
    /// The cost category's id.
    pub category: String,
    /// The cost category for people: "Room or venue hire".
    pub kind: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentPart {
    pub id: String,
    pub label: String,
    pub ready: bool,
}

/// Text from a group file or profile, made safe for every output: control
/// characters (other than new lines) removed.
fn clean(text: &str) -> String {
    sanitize(text, true)
}

impl DraftContext {
    pub fn build(
        group: &Group,
        profile: &Profile,
        bank: &Bank,
        vocab: &Vocabularies,
        today: Day,
        with_notes: bool,
    ) -> DraftContext {
        let questions: Vec<QuestionPart> = profile
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let answer = wording(group, &profile.id, &q.id);
                let text = answer.map(|a| clean(&wording_text(a)));
                let count = limit_status(q, text.as_deref().unwrap_or(""));
                let notes = |value: Option<String>| if with_notes { value } else { None };
                QuestionPart {
                    number: i + 1,
                    id: clean(&q.id),
                    prompt: clean(&q.prompt),
                    limit: limit_description(q),
                    count: count.description,
                    status: count.status,
                    status_label: count.status.label(),
                    paragraphs: text.as_deref().map(paragraphs).unwrap_or_default(),
                    text,
                    tips: notes(q.tips.as_deref().map(clean)),
                    author: notes(answer.map(|a| a.by.label().to_string())),
                    written_at: notes(answer.map(|a| a.at.for_people())),
                    from_your_answers: if with_notes {
                        offered(group, q, bank, vocab)
                            .into_iter()
                            .map(|o| Offered {
                                id: o.id,
                                prompt: clean(&o.prompt),
                                answer: o.answer.as_deref().map(clean),
                                note: o.note.as_deref().map(clean),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let ready: &[String] = match group.value("documents_ready") {
            Some(AnswerValue::Choices(ids)) => ids,
            _ => &[],
        };
        DraftContext {
            group: GroupPart {
                name: clean(&group.name),
                slug: group.slug.clone(),
            },
            funder: FunderPart {
                id: clean(&profile.id),
                name: clean(&profile.name),
                organisation: clean(&profile.funder),
                website: clean(&profile.website),
                how: profile.application.how.as_deref().map(clean),
                own_words_required: profile.application.own_words_required,
                terms: profile
                    .terms
                    .iter()
                    .map(|t| TermPart {
                        term: clean(&t.term),
                        meaning: clean(&t.meaning),
                    })
                    .collect(),
            },
            today: today.for_people(),
            today_iso: today.to_string(),
            project_title: match group.value("project_title") {
                Some(AnswerValue::Text(title)) => Some(clean(title)),
                _ => None,
            },
            ask: matching::the_ask(group).map(format_pence),
            written: questions.iter().filter(|q| q.text.is_some()).count(),
            questions,
            budget: match group.value("project_budget") {
                Some(AnswerValue::Budget(lines)) => Some(BudgetPart {
                    lines: lines
                        .iter()
                        .map(|l| BudgetLinePart {
                            item: clean(&l.item),
                            category: clean(&l.category),
                            kind: clean(vocab.label(names::COST_CATEGORY, &l.category)),
                            amount: format_pence(l.pence),
                        })
                        .collect(),
                    total: format_pence(budget_total(lines)),
                }),
                _ => None,
            },
            documents: profile
                .application
                .documents
                .iter()
                .map(|id| DocumentPart {
                    id: clean(id),
                    label: clean(vocab.label(names::DOCUMENT, id)),
                    ready: ready.contains(id),
                })
                .collect(),
            with_notes,
            stories: if with_notes {
                crate::monitoring::consent::stories_for(
                    group,
                    crate::monitoring::consent::Audience::Bid {
                        funder: &profile.id,
                    },
                    today,
                )
                .into_iter()
                .map(|s| StoryPart {
                    entry: s.entry,
                    date: s.date.for_people(),
                    text: clean(&s.text),
                    anonymised: s.anonymised,
                })
                .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// Splits text at blank lines; single line breaks stay inside a paragraph.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            paragraphs("One.\nStill one.\n\n  \nTwo.\n"),
            vec!["One.\nStill one.", "Two."]
        );
        assert!(paragraphs("").is_empty());
    }
}
