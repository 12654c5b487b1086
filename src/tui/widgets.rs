//! Small pieces of drawing shared by every screen, below both the screens and the view: where a
//! popup goes, how a list scrolls, text with search matches marked, and the item detail (the
//! item, its finding and its evidence) that the inspect and the review screens both show.
//! Nothing here knows a screen's state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Clear;

use crate::text;

/// A rectangle of at most `w`×`h` cells centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clear `rect` for a popup. A double-width character just left of the popup would otherwise
/// cover the popup's left border (the terminal draws it two cells wide), so it is blanked.
pub fn popup_area(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    let buf = frame.buffer_mut();
    let bounds = buf.area;
    if rect.x <= bounds.x {
        return;
    }
    for y in rect.top()..rect.bottom().min(bounds.bottom()) {
        let cell = &mut buf[(rect.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The first visible row of a bordered list `rect` so that row `selected` is on screen (also
/// what a mouse click is measured from).
pub fn list_offset(selected: usize, rect: Rect) -> usize {
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    selected.saturating_sub(rows - 1)
}

/// Spans of `s` in style `base`, with every case-insensitive occurrence of `needle` in style
/// `hl` (no highlight when `needle` is empty).
pub fn highlighted(s: &str, needle: &str, base: Style, hl: Style) -> Vec<Span<'static>> {
    if needle.is_empty() {
        return vec![Span::styled(s.to_string(), base)];
    }
    let lower = s.to_lowercase();
    // Lowercasing can change byte lengths (rare outside ASCII); then show without highlight.
    if lower.len() != s.len() {
        return vec![Span::styled(s.to_string(), base)];
    }
    let needle = needle.to_lowercase();
    let mut spans = Vec::new();
    let mut last = 0;
    for (pos, _) in lower.match_indices(&needle) {
        if pos < last || !s.is_char_boundary(pos) || !s.is_char_boundary(pos + needle.len()) {
            continue;
        }
        if pos > last {
            spans.push(Span::styled(s[last..pos].to_string(), base));
        }
        spans.push(Span::styled(s[pos..pos + needle.len()].to_string(), hl));
        last = pos + needle.len();
    }
    if last < s.len() {
        spans.push(Span::styled(s[last..].to_string(), base));
    }
    spans
}
