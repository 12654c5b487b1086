//! Drawing a form: centred in a popup with its fields scrolled so the focused one is in view,
//! or on one row (the search line); the terminal cursor at the caret.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Field, FieldKind, Form};
use crate::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, popup_area, scrollbar};

impl Form {
    /// Draw the form centred in `area`, and put the terminal cursor at the caret.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, hint: &str) {
        let width = area.width.saturating_sub(4).clamp(10, 100);
        let shown: Vec<(usize, &Field)> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| self.shown_at(*i))
            .collect();
        let fixed: u16 = shown
            .iter()
            .map(|(_, f)| match f.kind {
                FieldKind::Text {
                    multiline: true, ..
                } => 0,
                _ => 1,
            })
            .sum();
        let multis = shown
            .iter()
            .filter(|(_, f)| {
                matches!(
                    f.kind,
                    FieldKind::Text {
                        multiline: true,
                        ..
                    }
                )
            })
            .count() as u16;
        let height = area
            .height
            .saturating_sub(2)
            .min(fixed + multis * 8 + 3)
            .max(3);
        let rect = centered(area, width, height);
        popup_area(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::from(format!(" {} ", self.title)).style(theme.title));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if inner.height == 0 || inner.width < 4 {
            return;
        }
        // The last inner row holds the key hint.
        let body_h = inner.height.saturating_sub(1);
        let spare = body_h.saturating_sub(fixed);
        let per_multi = spare.checked_div(multis).unwrap_or(0).max(1);
        // When the fields do not all fit, the focused multi-line field still gets three rows
        // to type in, and the body scrolls.
        let overflow = fixed + multis * per_multi > body_h;
        let heights: Vec<u16> = shown
            .iter()
            .map(|&(i, field)| match field.kind {
                FieldKind::Text {
                    multiline: true, ..
                } if overflow && i == self.focus => per_multi.max(3).min(body_h.max(1)),
                FieldKind::Text {
                    multiline: true, ..
                } => per_multi,
                _ => 1,
            })
            .collect();
        let total: u16 = heights.iter().sum();
        let top = self.settle_top(&shown, &heights, body_h);
        let label_w = shown
            .iter()
            .map(|(_, f)| text::width(&f.label))
            .max()
            .unwrap_or(0)
            .min(16) as u16
            + 1;
        let mut start = 0u16; // the field's first row in the whole body
        let mut cursor = None;
        for (&(i, field), &h) in shown.iter().zip(&heights) {
            let (from, to) = (start.max(top), (start + h).min(top + body_h));
            start += h;
            if from >= to {
                continue; // scrolled out of view
            }
            let (y, h) = (inner.y + from - top, to - from);
            let focused = i == self.focus;
            let label_style = if focused { theme.selected } else { theme.dim };
            let label = text::pad(&field.label, usize::from(label_w - 1));
            frame.render_widget(
                Paragraph::new(Span::styled(label, label_style)),
                Rect::new(inner.x, y, label_w.min(inner.width), 1),
            );
            let fx = inner.x + label_w;
            let fw = inner.width.saturating_sub(label_w);
            let frect = Rect::new(fx, y, fw, h);
            match &field.kind {
                FieldKind::Text { area, .. } => {
                    let mut shown = (**area).clone();
                    shown.set_style(if focused {
                        theme.input_focus
                    } else {
                        theme.input
                    });
                    if !focused {
                        shown.set_cursor_style(shown.style());
                    }
                    frame.render_widget(&shown, frect);
                    if focused {
                        let sc = shown.screen_cursor();
                        let (top, left) = shown.scroll_offset();
                        let row = sc.row.saturating_sub(usize::from(top));
                        let col = sc.col.saturating_sub(usize::from(left));
                        if row < usize::from(frect.height) && col < usize::from(frect.width) {
                            cursor =
                                Some(Position::new(frect.x + col as u16, frect.y + row as u16));
                        }
                    }
                }
                FieldKind::Choice { options, selected }
                    if options.iter().map(|o| text::width(o) + 3).sum::<usize>()
                        > usize::from(fw) =>
                {
                    // Too many to show at once: the chosen one between arrows.
                    let style = if focused { theme.selected } else { theme.title };
                    let current = options.get(*selected).map_or("", String::as_str);
                    frame.render_widget(
                        Paragraph::new(Line::from(vec![
                            Span::styled("< ", theme.dim),
                            Span::styled(current.to_string(), style),
                            Span::styled(
                                format!(" >  {}/{}", selected + 1, options.len()),
                                theme.dim,
                            ),
                        ])),
                        frect,
                    );
                }
                FieldKind::Choice { options, selected } => {
                    let spans: Vec<Span> = options
                        .iter()
                        .enumerate()
                        .flat_map(|(j, o)| {
                            let style = if j == *selected {
                                if focused { theme.selected } else { theme.title }
                            } else {
                                theme.dim
                            };
                            [Span::styled(format!(" {o} "), style), Span::raw(" ")]
                        })
                        .collect();
                    frame.render_widget(Paragraph::new(Line::from(spans)), frect);
                }
                FieldKind::Toggle(b) => {
                    let mark = if *b { "[x]" } else { "[ ]" };
                    let style = if focused {
                        theme.selected
                    } else {
                        Style::default()
                    };
                    frame.render_widget(Paragraph::new(Span::styled(mark, style)), frect);
                }
            }
        }
        // where the body is, over the right border beside it (not beside the hint)
        scrollbar(
            frame,
            Rect::new(rect.x, rect.y, rect.width, rect.height.saturating_sub(1)),
            usize::from(total),
            usize::from(top),
            theme.border_focus,
        );
        let hint_rect = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(
                text::truncate(hint, usize::from(inner.width)),
                theme.dim.add_modifier(Modifier::ITALIC),
            )),
            hint_rect,
        );
        if let Some(pos) = cursor {
            frame.set_cursor_position(pos);
        }
    }
}

impl Form {
    /// The first row of the body to show, given the fields `shown` with their `heights` and
    /// the body's height: the one shown last time, moved just enough to bring the focused
    /// field into view (its start first when it is taller than the body), and never past the
    /// last row.
    fn settle_top(&self, shown: &[(usize, &Field)], heights: &[u16], body_h: u16) -> u16 {
        let total: u16 = heights.iter().sum();
        let mut top = self.top.get();
        let mut start = 0u16;
        for (&(i, _), &h) in shown.iter().zip(heights) {
            if i == self.focus {
                if start + h > top + body_h {
                    top = (start + h).saturating_sub(body_h);
                }
                if start < top {
                    top = start;
                }
                break;
            }
            start += h;
        }
        let top = top.min(total.saturating_sub(body_h));
        self.top.set(top);
        top
    }

    /// Draw the first field on one row (the search line), with `label` before it.
    pub fn render_inline(&self, frame: &mut Frame, rect: Rect, theme: &Theme, label: &str) {
        let lw = (text::width(label) + 1).min(usize::from(rect.width)) as u16;
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_string(), theme.title)),
            Rect::new(rect.x, rect.y, lw, 1),
        );
        if let Some(Field {
            kind: FieldKind::Text { area, .. },
            ..
        }) = self.fields.first()
        {
            let frect = Rect::new(rect.x + lw, rect.y, rect.width.saturating_sub(lw), 1);
            frame.render_widget(&**area, frect);
            let sc = area.screen_cursor();
            let (_, left) = area.scroll_offset();
            let col = sc.col.saturating_sub(usize::from(left));
            if col < usize::from(frect.width) {
                frame.set_cursor_position(Position::new(frect.x + col as u16, frect.y));
            }
        }
    }
}
