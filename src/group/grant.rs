//! Grants the group has been awarded. Matching uses them for funders that
//! give one grant at a time; monitoring will hang its evidence log and
//! returns off them.

use serde::{Deserialize, Serialize};

use crate::dates::Day;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// Stable id within the group, such as `awards-for-all-england-2027`.
    pub id: String,
    /// The funder profile's id.
    pub funder: String,
    /// The amount awarded, in pence.
    pub pence: i64,
    pub start: Day,
    pub end: Day,
}

impl Grant {
    /// Whether the grant is running on `today`.
    pub fn is_active(&self, today: Day) -> bool {
        self.start <= today && today <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_between_start_and_end_inclusive() {
        let g = Grant {
            id: "x".into(),
            funder: "f".into(),
            pence: 100,
            start: Day::new(2027, 4, 1).unwrap(),
            end: Day::new(2028, 3, 31).unwrap(),
        };
        assert!(!g.is_active(Day::new(2027, 3, 31).unwrap()));
        assert!(g.is_active(Day::new(2027, 4, 1).unwrap()));
        assert!(g.is_active(Day::new(2028, 3, 31).unwrap()));
        assert!(!g.is_active(Day::new(2028, 4, 1).unwrap()));
    }
}
