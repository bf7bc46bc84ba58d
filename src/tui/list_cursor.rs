//! The selected row of a list. Every list on every screen moves the same
//! way, so the clamping is written once here: Up and Down move one row and
//! stop at the ends, and a list that shrinks keeps the cursor on a row.

use super::keymap::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    index: usize,
}

impl ListCursor {
    pub fn at(index: usize) -> ListCursor {
        ListCursor { index }
    }

    /// The selected row (0 for an empty list).
    pub fn index(self) -> usize {
        self.index
    }

    /// The selected row when the list has rows, for ratatui's `ListState`.
    pub fn selected(self, len: usize) -> Option<usize> {
        (len > 0).then(|| self.index.min(len - 1))
    }

    pub fn up(&mut self) {
        self.index = self.index.saturating_sub(1);
    }

    pub fn down(&mut self, len: usize) {
        self.index = (self.index + 1).min(len.saturating_sub(1));
    }

    /// Keeps the cursor on a row after the list changed length.
    pub fn clamp(&mut self, len: usize) {
        self.index = self.index.min(len.saturating_sub(1));
    }

    /// Moves for the list-moving actions; false (and nothing moved) for
    /// any other action, so a screen can try this first.
    pub fn step(&mut self, action: Option<Action>, len: usize) -> bool {
        match action {
            Some(Action::Up) => self.up(),
            Some(Action::Down) => self.down(len),
            _ => return false,
        }
        true
    }

    /// The same move on a bare index (a row kept as a number in a screen
    /// not yet moved to its own file).
    pub fn stepped(index: usize, action: Option<Action>, len: usize) -> Option<usize> {
        let mut cursor = ListCursor::at(index);
        cursor.step(action, len).then_some(cursor.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_stops_at_the_ends() {
        let mut c = ListCursor::default();
        c.up();
        assert_eq!(c.index(), 0);
        c.down(3);
        c.down(3);
        c.down(3);
        assert_eq!(c.index(), 2, "stops on the last row");
        assert!(c.step(Some(Action::Up), 3));
        assert_eq!(c.index(), 1);
        assert!(!c.step(Some(Action::Open), 3), "not a move");
        assert!(!c.step(None, 3));
    }

    #[test]
    fn an_empty_list_has_no_selection() {
        let mut c = ListCursor::at(4);
        assert_eq!(c.selected(0), None);
        assert_eq!(c.selected(2), Some(1));
        c.down(0);
        assert_eq!(c.index(), 0);
        c = ListCursor::at(9);
        c.clamp(3);
        assert_eq!(c.index(), 2);
        assert_eq!(ListCursor::stepped(0, Some(Action::Down), 5), Some(1));
        assert_eq!(ListCursor::stepped(0, Some(Action::Back), 5), None);
    }
}
