//! A small form: labelled text fields (single- or multi-line, soft-wrapped), choices and
//! toggles. Used for evidence notes, findings, sources and new records. Keys not bound in the
//! form's key table go to the focused field; the real terminal cursor is put at the caret so an
//! input method composes Chinese in the right place.

use std::cell::Cell;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

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
}

mod view;

#[cfg(test)]
mod tests;
