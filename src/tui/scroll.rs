//! A vertical scroll position over text whose height is known only when it is drawn (it
//! depends on the pane's width, which wraps it). Like ratatui's `ListState`, the view settles
//! it while drawing: [`Scroll::settle`] is told the rows of the text and of the pane, keeps the
//! first row within them, and remembers them, so that the next key pages by the pane's height
//! and stops at the last line — it never scrolls past the end into a blank pane.

use std::cell::Cell;
use std::ops::Range;

use super::keymap::Action;

#[derive(Debug, Default, Clone)]
pub struct Scroll {
    /// The first row shown.
    top: Cell<usize>,
    /// At the last drawing: rows of text, rows of the pane.
    seen: Cell<(usize, usize)>,
    /// Bring the rows given to the next [`Scroll::settle`] into view (a note just selected or
    /// added).
    follow: Cell<bool>,
}

impl Scroll {
    /// The first row shown at the last drawing (0 before any).
    pub fn top(&self) -> usize {
        self.top.get()
    }

    /// The last first row that still fills the pane: rows of text less rows of the pane.
    fn max(&self) -> usize {
        let (total, height) = self.seen.get();
        total.saturating_sub(height)
    }

    /// Rows of the pane at the last drawing (at least 1).
    fn height(&self) -> usize {
        self.seen.get().1.max(1)
    }

    /// Move by `delta` rows, stopping at the first and the last line.
    pub fn by(&mut self, delta: isize) {
        let top = self.top.get().saturating_add_signed(delta).min(self.max());
        self.top.set(top);
        self.follow.set(false);
    }

    /// One pane down, less one row kept for context (at least one row).
    pub fn page_down(&mut self) {
        let step = self.height().saturating_sub(1).max(1);
        self.by(isize::try_from(step).unwrap_or(isize::MAX));
    }

    /// One pane up, less one row kept for context.
    pub fn page_up(&mut self) {
        let step = self.height().saturating_sub(1).max(1);
        self.by(-isize::try_from(step).unwrap_or(isize::MAX));
    }

    /// Back to the first line.
    pub fn home(&mut self) {
        self.top.set(0);
        self.follow.set(false);
    }

    /// To the last line (settled at the next drawing, so it holds before the first one).
    pub fn end(&mut self) {
        self.top.set(usize::MAX);
        self.follow.set(false);
    }

    /// Carry out a scrolling key (a row or a page up or down, the first or the last line):
    /// `true` when `action` was one, `false` (nothing moved) for any other.
    pub fn scroll(&mut self, action: Action) -> bool {
        match action {
            Action::Down => self.by(1),
            Action::Up => self.by(-1),
            Action::PageDown => self.page_down(),
            Action::PageUp => self.page_up(),
            Action::First => self.home(),
            Action::Last => self.end(),
            _ => return false,
        }
        true
    }

    /// At the next drawing, bring the rows the view names into view.
    pub fn follow(&mut self) {
        self.follow.set(true);
    }

    /// For the view: the text has `total` rows and the pane `height`; `wanted`, when given and
    /// asked for with [`Scroll::follow`], is a range of rows to bring into view (its start
    /// first, when it is taller than the pane). Returns the first row to draw, at most the last
    /// one that fills the pane.
    pub fn settle(&self, total: usize, height: usize, wanted: Option<Range<usize>>) -> usize {
        self.seen.set((total, height));
        let mut top = self.top.get();
        if self.follow.get()
            && let Some(rows) = wanted
        {
            if rows.start < top || rows.end.saturating_sub(rows.start) > height {
                top = rows.start;
            } else if rows.end > top + height {
                top = rows.end - height;
            }
            self.follow.set(false);
        }
        let top = top.min(self.max());
        self.top.set(top);
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_stops_at_the_last_line() {
        let mut s = Scroll::default();
        assert_eq!(s.settle(30, 10, None), 0);
        s.page_down();
        assert_eq!(s.top(), 9);
        s.page_down();
        s.page_down();
        s.page_down();
        assert_eq!(
            s.top(),
            20,
            "the last line shows at the bottom, no blank rows"
        );
        s.page_up();
        assert_eq!(s.top(), 11, "one page up from the end, not from past it");
        s.end();
        assert_eq!(s.settle(30, 10, None), 20);
        s.home();
        assert_eq!(s.top(), 0);
    }

    #[test]
    fn short_text_never_scrolls() {
        let mut s = Scroll::default();
        s.settle(5, 10, None);
        s.page_down();
        s.by(3);
        assert_eq!(s.top(), 0);
    }

    #[test]
    fn a_narrower_pane_keeps_the_top_within_the_text() {
        let mut s = Scroll::default();
        s.settle(100, 10, None);
        s.by(80);
        assert_eq!(s.settle(50, 10, None), 40);
        assert_eq!(s.top(), 40);
    }

    #[test]
    fn follow_brings_rows_into_view_once() {
        let mut s = Scroll::default();
        s.settle(100, 10, None);
        s.follow();
        assert_eq!(s.settle(100, 10, Some(50..53)), 43);
        // Paging after that moves from there, and the rows are not forced back.
        s.page_down();
        assert_eq!(s.settle(100, 10, Some(50..53)), 52);
        // A range taller than the pane shows its start.
        s.follow();
        assert_eq!(s.settle(100, 10, Some(60..90)), 60);
        // Rows already in view leave it where it is.
        s.follow();
        assert_eq!(s.settle(100, 10, Some(62..64)), 60);
    }
}
