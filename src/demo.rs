//! The built-in demo group: a fictional small group with every question
//! answered, some by the group, some by a supporter, some together. It lets
//! a newcomer see what a finished set of answers looks like before typing.

use crate::group::{self, Group, GroupFileError};

/// The demo group file compiled into the binary.
pub const DEMO_GROUP: &str = include_str!("demo/demo-group.toml");

pub fn demo_group() -> Result<Group, GroupFileError> {
    group::parse("built-in demo group", DEMO_GROUP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{AnswerValue, Bank, budget_total};
    use crate::group::Author;
    use crate::vocab::Vocabularies;

    #[test]
    fn demo_answers_every_question_that_applies_and_fits_the_bank() {
        let bank = Bank::builtin().unwrap();
        let g = demo_group().unwrap();
        assert_eq!(
            g.mismatches(bank, Vocabularies::builtin()),
            Vec::<String>::new()
        );
        let p = g.progress(&bank.questions);
        assert_eq!(
            p.answered,
            p.total,
            "next unanswered: {:?}",
            g.next_unanswered(bank).map(|q| &q.id)
        );
    }

    #[test]
    fn demo_has_all_three_authors_and_a_balanced_budget() {
        let g = demo_group().unwrap();
        for author in Author::ALL {
            assert!(
                g.answers.values().any(|a| a.by == author),
                "no answer by {author:?}"
            );
        }
        let Some(AnswerValue::Budget(lines)) = g.value("project_budget") else {
            panic!("no budget")
        };
        assert_eq!(
            Some(&AnswerValue::Money(budget_total(lines))),
            g.value("project_total")
        );
    }
}
