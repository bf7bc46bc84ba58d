//! How well a funder that the group can apply to suits it. The score only
//! orders the list; the reasons are what people read.

use crate::text::format_pence;
use crate::vocab::names;

use super::Fit;
use super::criteria::{Facts, join_words};
use crate::funders::Profile;

pub fn fit(p: &Profile, f: &Facts<'_>) -> Fit {
    // Each reason carries its weight so the strongest are shown first.
    let mut reasons: Vec<(u32, String)> = Vec::new();
    let pr = &p.priorities;

    if let Some(crate::bank::AnswerValue::Choices(themes)) = f.group.value("themes") {
        let shared: Vec<String> = themes
            .iter()
            .filter(|t| pr.themes.contains(t))
            .map(|t| f.vocab.label(names::THEME, t).to_lowercase())
            .collect();
        if !shared.is_empty() {
            let weight = (20 * shared.len() as u32).min(45);
            reasons.push((
                weight,
                format!(
                    "Their priorities include {}, which your work touches on.",
                    join_words(&shared)
                ),
            ));
        }
    }

    if let Some(crate::bank::AnswerValue::Choices(groups)) = f.group.value("beneficiary_groups") {
        let shared: Vec<String> = groups
            .iter()
            .filter(|b| pr.prefers_communities.contains(b))
            .map(|b| f.vocab.label(names::BENEFICIARY_GROUP, b).to_lowercase())
            .collect();
        if !shared.is_empty() {
            reasons.push((
                20,
                format!(
                    "They give priority to groups led by or for {}.",
                    join_words(&shared)
                ),
            ));
        }
    }

    if let (Some(limit), Some(crate::bank::AnswerValue::Money(income))) = (
        pr.prefers_income_under_pounds,
        f.group.value("income_last_year"),
    ) && *income <= crate::text::pounds_to_pence(limit)
    {
        reasons.push((
            15,
            format!(
                "They give priority to groups with an income under {}; yours was {}.",
                format_pence(crate::text::pounds_to_pence(limit)),
                format_pence(*income)
            ),
        ));
    }

    if let (Some(ask), Some(max)) = (f.ask, p.grant.max_pounds) {
        let max = crate::text::pounds_to_pence(max);
        if max > 0 && ask <= max {
            let share = ask as f64 / max as f64;
            let (weight, words) = if share <= 0.5 {
                (20, "well within")
            } else if share <= 0.9 {
                (12, "within")
            } else {
                (5, "near the top of")
            };
            reasons.push((
                weight,
                format!(
                    "Your ask of {} is {words} their range (up to {}).",
                    format_pence(ask),
                    format_pence(max)
                ),
            ));
        }
    }

    if p.application.own_words_required {
        reasons.push((5, "They want the group's own words rather than a paid bid writer's, which is how alongside works.".to_string()));
    }

    reasons.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let score = reasons.iter().map(|r| r.0).sum::<u32>().min(100);
    Fit {
        score,
        reasons: reasons.into_iter().take(3).map(|r| r.1).collect(),
    }
}
