//! The group's wording for one funder's questions, and the bank answers
//! each question draws on.
//!
//! The wording itself lives in the group file (`Group::wording`, written
//! with `Group::set_wording`, which keeps the bank answers untouched and
//! records who wrote it and when). The bank answers are only ever *offered*
//! for the group to start from: nothing here copies them into the wording.

use serde::Serialize;

use crate::bank::{AnswerValue, Bank};
use crate::funders::profile::FunderQuestion;
use crate::group::{Answer, Group};
use crate::vocab::Vocabularies;

/// The group's wording for a funder question, if it has written any. Empty
/// or blank wording counts as not written.
pub fn wording<'a>(group: &'a Group, funder: &str, question: &str) -> Option<&'a Answer> {
    group
        .wording
        .get(funder)
        .and_then(|by_question| by_question.get(question))
        .filter(|answer| !wording_text(answer).trim().is_empty())
}

/// The text of a wording answer. `set_wording` only stores text; another
/// kind of value (from a hand-edited file) is shown as it would be typed
/// rather than dropped, so nothing the group wrote disappears.
pub fn wording_text(answer: &Answer) -> String {
    match &answer.value {
        AnswerValue::Text(text) => text.clone(),
        other => other.as_typed(),
    }
}

/// One bank answer offered to start a funder question from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offered {
    /// The bank question's id.
    pub id: String,
    /// The bank question as the group was asked it.
    pub prompt: String,
    /// The group's answer for people (labels, pounds), or `None` when the
    /// group has not answered it yet.
    pub answer: Option<String>,
    /// The supporter's coaching note on that bank question, if any. For
    /// the group and supporter only: drafts show it only in a working copy.
    pub note: Option<String>,
}

/// The bank answers a funder question draws on, in the profile's order.
/// An id the bank does not know (a profile newer than this program) is
/// shown by its id with no prompt, rather than hidden.
pub fn offered(
    group: &Group,
    question: &FunderQuestion,
    bank: &Bank,
    vocab: &Vocabularies,
) -> Vec<Offered> {
    question
        .draws_on
        .iter()
        .map(|id| {
            let bank_question = bank.question(id);
            Offered {
                id: id.clone(),
                prompt: bank_question.map_or_else(|| id.clone(), |q| q.prompt.clone()),
                answer: group.value(id).map(|v| v.display(bank_question, vocab)),
                note: group.note(id).map(str::to_string),
            }
        })
        .collect()
}
