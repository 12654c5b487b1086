//! A small form: labelled text fields (single- or multi-line, soft-wrapped), choices and
//! toggles. Used for evidence notes, findings, sources and new records. Keys not bound in the
//! form's key table go to the focused field; the real terminal cursor is put at the caret so an
//! input method composes Chinese in the right place.

use std::cell::Cell;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::theme::Theme;
use super::widgets::{centered, popup_area, scrollbar};
use crate::text;

pub enum FieldKind {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    Toggle(bool),
}

pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    /// The field's name ([`FieldName::id`]), set by [`Form::new`].
    id: usize,
    /// When the field is shown: always, or only while an earlier field has a value.
    when: When,
}

/// When a field is shown ([`Field::when_on`], [`Field::when_chosen`]): a hidden field is not
/// drawn and Tab passes it over; it keeps its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Always,
    /// While the toggle with this name is on.
    On(usize),
    /// While the choice with this name has this option chosen.
    Chosen(usize, usize),
}

/// The names of one form's fields: an enum per form (`NoteField::Text`, ...), so a value is
/// read by name and never by position. `id` tells the names of one form apart.
pub trait FieldName: Copy {
    fn id(self) -> usize;
}

/// A field's value, for change detection.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Choice(usize),
    Toggle(bool),
}

pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    initial: Vec<Value>,
    /// The first row of the form's body shown at the last drawing: when the fields do not all
    /// fit, the body scrolls just enough to keep the focused field in view, settled by
    /// [`Form::render`] like a list's offset.
    top: Cell<u16>,
}

fn new_area(text: &str, multiline: bool) -> Box<TextArea<'static>> {
    let lines: Vec<String> = if multiline {
        normalize_newlines(text)
            .split('\n')
            .map(str::to_string)
            .collect()
    } else {
        vec![normalize_newlines(text).replace('\n', " ")]
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::default());
    area.set_max_histories(200);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    Box::new(area)
}

/// `\r\n` and lone `\r` become `\n`; tabs become four spaces (their width is not fixed).
pub fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
}

impl Field {
    pub fn text(label: &str, value: &str) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text {
                area: new_area(value, false),
                multiline: false,
            },
            id: 0,
            when: When::Always,
        }
    }

    /// A one-line text field holding a remembered value (the last signer's name): shown
    /// selected, so that what is typed or pasted replaces it whole instead of being added to it
    /// (王立新 then 王组长 is 王组长, never 王立新王组长); a cursor move keeps it as it is.
    pub fn remembered(label: &str, value: &str) -> Field {
        let mut field = Field::text(label, value);
        if let FieldKind::Text { area, .. } = &mut field.kind
            && !value.is_empty()
        {
            area.select_all();
        }
        field
    }

    pub fn multiline(label: &str, value: &str) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text {
                area: new_area(value, true),
                multiline: true,
            },
            id: 0,
            when: When::Always,
        }
    }

    pub fn choice(label: &str, options: Vec<String>, selected: usize) -> Field {
        let selected = selected.min(options.len().saturating_sub(1));
        Field {
            label: label.to_string(),
            kind: FieldKind::Choice { options, selected },
            id: 0,
            when: When::Always,
        }
    }

    pub fn toggle(label: &str, value: bool) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Toggle(value),
            id: 0,
            when: When::Always,
        }
    }

    /// Shown only while the toggle `name`, earlier in the form, is on.
    pub fn when_on(self, name: impl FieldName) -> Field {
        Field {
            when: When::On(name.id()),
            ..self
        }
    }

    /// Shown only while option `option` of the choice `name`, earlier in the form, is chosen.
    pub fn when_chosen(self, name: impl FieldName, option: usize) -> Field {
        Field {
            when: When::Chosen(name.id(), option),
            ..self
        }
    }

    fn value(&self) -> Value {
        match &self.kind {
            FieldKind::Text { area, .. } => Value::Text(area.lines().join("\n")),
            FieldKind::Choice { selected, .. } => Value::Choice(*selected),
            FieldKind::Toggle(b) => Value::Toggle(*b),
        }
    }
}

impl Form {
    /// A form titled `title` with `fields` in the order shown, each under its name.
    pub fn new<F: FieldName>(title: &str, fields: Vec<(F, Field)>) -> Form {
        let fields: Vec<Field> = fields
            .into_iter()
            .map(|(name, field)| Field {
                id: name.id(),
                ..field
            })
            .collect();
        let initial = fields.iter().map(Field::value).collect();
        Form {
            title: title.to_string(),
            fields,
            focus: 0,
            initial,
            top: Cell::new(0),
        }
    }

    fn position(&self, name: impl FieldName) -> Option<usize> {
        let id = name.id();
        self.fields.iter().position(|f| f.id == id)
    }

    fn field(&self, name: impl FieldName) -> Option<&FieldKind> {
        self.position(name).map(|i| &self.fields[i].kind)
    }

    /// The text of field `name` (empty for other kinds or a name not in the form), trimmed of
    /// trailing blank lines.
    pub fn text(&self, name: impl FieldName) -> String {
        self.position(name)
            .map(|i| self.text_at(i))
            .unwrap_or_default()
    }

    fn text_at(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Text { area, .. }) => area.lines().join("\n").trim_end().to_string(),
            _ => String::new(),
        }
    }

    /// The index of the option chosen in field `name` (0 for other kinds).
    pub fn choice(&self, name: impl FieldName) -> usize {
        match self.field(name) {
            Some(FieldKind::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    /// Whether toggle `name` is on (`false` for other kinds).
    pub fn toggle(&self, name: impl FieldName) -> bool {
        matches!(self.field(name), Some(FieldKind::Toggle(true)))
    }

    /// Replace the text of field `name` (nothing for other kinds).
    pub fn set_text(&mut self, name: impl FieldName, value: &str) {
        if let Some(i) = self.position(name) {
            self.set_text_at(i, value);
        }
    }

    fn set_text_at(&mut self, i: usize, value: &str) {
        if let Some(Field {
            kind: FieldKind::Text { area, multiline },
            ..
        }) = self.fields.get_mut(i)
        {
            *area = new_area(value, *multiline);
        }
    }

    /// Whether the field `name` has the focus.
    pub fn is_focused(&self, name: impl FieldName) -> bool {
        self.position(name) == Some(self.focus)
    }

    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != *v)
    }

    /// Whether the field at `i` is shown now: its condition holds on a field before it that
    /// is itself shown (a condition on a later field, or on none, always holds).
    fn shown_at(&self, i: usize) -> bool {
        let Some(field) = self.fields.get(i) else {
            return false;
        };
        let on = match field.when {
            When::Always => return true,
            When::On(id) | When::Chosen(id, _) => id,
        };
        let Some(p) = self.fields[..i].iter().position(|f| f.id == on) else {
            return true;
        };
        let holds = match (field.when, &self.fields[p].kind) {
            (When::On(_), FieldKind::Toggle(on)) => *on,
            (When::Chosen(_, option), FieldKind::Choice { selected, .. }) => *selected == option,
            _ => true,
        };
        holds && self.shown_at(p)
    }

    /// Whether the field `name` is shown now (see [`Field::when_on`]).
    pub fn is_shown(&self, name: impl FieldName) -> bool {
        self.position(name).is_some_and(|i| self.shown_at(i))
    }

    /// The focus moves to the next field shown, after the last to the first.
    pub fn next_field(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + step) % n;
            if self.shown_at(i) {
                self.focus = i;
                return;
            }
        }
    }

    /// The focus moves to the field shown before, before the first to the last.
    pub fn prev_field(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + n * 2 - step) % n;
            if self.shown_at(i) {
                self.focus = i;
                return;
            }
        }
    }

    /// Whether the focused field is a multi-line text (for `$EDITOR`).
    pub fn focused_multiline(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Text {
                multiline: true,
                ..
            })
        )
    }

    /// A key not bound in the form table: goes to the focused field.
    pub fn input(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.kind {
            FieldKind::Text { area, multiline } => {
                // a remembered value is replaced by a character, Backspace or Delete; any
                // other key ends its selection first (else a move would stretch it)
                let replaces = matches!(
                    key.code,
                    KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
                ) && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if area.is_selecting() && !replaces {
                    area.cancel_selection();
                }
                if key.code == KeyCode::Enter && !*multiline {
                    self.next_field();
                } else {
                    area.input(key);
                }
            }
            FieldKind::Choice { options, selected } => match key.code {
                KeyCode::Left | KeyCode::Up | KeyCode::Char('h') | KeyCode::Char('k') => {
                    *selected = (*selected + options.len() - 1) % options.len().max(1);
                }
                KeyCode::Right
                | KeyCode::Down
                | KeyCode::Char(' ')
                | KeyCode::Char('l')
                | KeyCode::Char('j') => {
                    *selected = (*selected + 1) % options.len().max(1);
                }
                KeyCode::Enter => self.next_field(),
                _ => {}
            },
            // A checkbox: Space and Enter both toggle it (Enter does not move on, so what is
            // typed next cannot land in the field below); other letters are ignored.
            FieldKind::Toggle(b) => match key.code {
                KeyCode::Char(' ') | KeyCode::Enter | KeyCode::Left | KeyCode::Right => *b = !*b,
                KeyCode::Char('y') => *b = true,
                KeyCode::Char('n') => *b = false,
                _ => {}
            },
        }
    }

    /// Pasted text goes into the focused text field, line ends normalised.
    pub fn paste(&mut self, s: &str) {
        if let Some(Field {
            kind: FieldKind::Text { area, multiline },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            let clean = normalize_newlines(s);
            let clean = if *multiline {
                clean
            } else {
                clean.replace('\n', " ")
            };
            area.insert_str(clean);
        }
    }

    /// Replace the focused text field's content (after `$EDITOR`).
    pub fn replace_focused(&mut self, value: &str) {
        self.set_text_at(self.focus, value);
    }

    /// The focused field's text (for `$EDITOR`).
    pub fn focused_text(&self) -> String {
        self.text_at(self.focus)
    }

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

#[cfg(test)]
mod tests;
