//! Words about the funders shared by several screens.

use super::*;

pub(crate) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Eligible => "can apply",
        Verdict::Check => "check    ",
        Verdict::NotEligible => "not yet  ",
        Verdict::Closed => "closed   ",
    }
}

/// One line about the funders for the group dashboard.
pub(crate) fn funders_summary(s: &crate::tui::app::Session, key: &str) -> String {
    let count = |v: Verdict| s.matches.iter().filter(|m| m.verdict == v).count();
    match (count(Verdict::Eligible), count(Verdict::Check)) {
        (0, 0) => format!("Funders: none you can apply to yet. Press {key} to see why."),
        (yes, 0) => format!("Funders: you can apply to {yes}. Press {key} to see them."),
        (yes, check) => {
            format!(
                "Funders: you can apply to {yes}, and maybe {check} more. Press {key} to see them."
            )
        }
    }
}
