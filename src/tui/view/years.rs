//! Drawing the years: who wrote the words, starting next year, the review marks, and copies that disagree.

use super::*;

/// "done ", "check" (marked to check after last year) or blank.
pub(crate) fn answer_mark(group: &crate::group::Group, id: &str) -> &'static str {
    // Each ends in a space, so the longest mark is not run into the
    // question after it ("checkHow much").
    match group.answers.get(id) {
        Some(a) if a.check => "check ",
        Some(_) => "done  ",
        None => NO_MARK,
    }
}

/// The mark of a question not answered yet (or with no group open).
pub(crate) const NO_MARK: &str = "      ";

/// One line about the year, answers to check and copies that disagree.
pub(crate) fn year_summary(app: &Ctx, group: &crate::group::Group) -> String {
    let key = |action| app.keymap.label_in(Context::Sections, action);
    let to_check = group.answers.values().filter(|a| a.check).count();
    let mut parts = Vec::new();
    if to_check > 0 {
        parts.push(format!(
            "{to_check} to check ({} to review)",
            key(Action::Review)
        ));
    }
    if !group.conflicts.is_empty() {
        parts.push(format!(
            "{} differ between copies ({} to choose)",
            group.conflicts.len(),
            key(Action::Conflicts)
        ));
    }
    if parts.is_empty() {
        parts.push(format!("{} starts next year", key(Action::NextYear)));
    }
    format!("Year {}: {}.", group.round, parts.join("; "))
}
