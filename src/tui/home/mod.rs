//! The home screen: the records in the data folder by unit and round, and the new-record form.

pub mod view;

use std::path::PathBuf;

use super::effect::Effect;
pub use super::effect::NewRecord;
use super::form::{Field, FieldName, Form};
use super::keymap::{Action, Mode};
use super::widgets::list_offset;
use crate::i18n::Lang;
use crate::i18n::ui::ui;
use crate::model::{Timestamp, UnitType};
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

/// One record in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeRow {
    pub path: PathBuf,
    pub unit: String,
    pub round: String,
    pub group: String,
    pub inspector: String,
    pub done: usize,
    pub total: usize,
    pub updated: Timestamp,
}

/// The fields of the new-record form: the header, then one toggle per checklist offered
/// (`Checklist(i)` for `Home::checklists[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewRecordField {
    Unit,
    Round,
    Group,
    Inspector,
    UnitType,
    Checklist(usize),
}

impl FieldName for NewRecordField {
    fn id(self) -> usize {
        match self {
            NewRecordField::Unit => 0,
            NewRecordField::Round => 1,
            NewRecordField::Group => 2,
            NewRecordField::Inspector => 3,
            NewRecordField::UnitType => 4,
            NewRecordField::Checklist(i) => 5 + i,
        }
    }
}

/// A question the home screen is asking (yes or no).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Move this record to the data folder's `trash/`?
    Trash(PathBuf),
    /// A record for the same unit, round and inspector is there already (this file): make
    /// another one all the same?
    Duplicate(NewRecord, PathBuf),
}

pub struct Home {
    pub lang: Lang,
    /// The question being asked, over the list or the form.
    pub ask: Option<Ask>,
    pub data_dir: String,
    pub rows: Vec<HomeRow>,
    pub failed: Vec<(String, String)>,
    pub selected: usize,
    /// The new-record form, and whether it is asking to discard.
    pub form: Option<(Form, bool)>,
    /// The checklists that can be chosen: id and title, and whether on by default.
    pub checklists: Vec<(String, String, bool)>,
    pub last: NewRecord,
    pub message: Option<String>,
}

impl Home {
    pub fn new(
        lang: Lang,
        data_dir: String,
        checklists: Vec<(String, String, bool)>,
        last: NewRecord,
    ) -> Home {
        Home {
            lang,
            ask: None,
            data_dir,
            rows: Vec::new(),
            failed: Vec::new(),
            selected: 0,
            form: None,
            checklists,
            last,
            message: None,
        }
    }

    /// A fresh list from the runtime, by unit, then round, then inspector (then file).
    pub fn set_rows(&mut self, mut rows: Vec<HomeRow>, failed: Vec<(String, String)>) {
        rows.sort_by(|a, b| {
            (&a.unit, &a.round, &a.inspector, &a.path).cmp(&(
                &b.unit,
                &b.round,
                &b.inspector,
                &b.path,
            ))
        });
        self.rows = rows;
        self.failed = failed;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The values of `field` (unit or round) the records in the data folder use, each once,
    /// sorted.
    pub fn used(&self, field: NewRecordField) -> Vec<&str> {
        let mut used: Vec<&str> = self
            .rows
            .iter()
            .map(|r| match field {
                NewRecordField::Round => r.round.as_str(),
                _ => r.unit.as_str(),
            })
            .filter(|v| !v.is_empty())
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }

    /// The unit or round field the form's caret is in, if it is in one.
    pub fn completing(&self) -> Option<NewRecordField> {
        let (form, _) = self.form.as_ref()?;
        completing(form)
    }

    /// Fill the focused unit or round field with a value already used: the next one after
    /// what it holds when that is one, else the first that begins with what is typed (the
    /// first of all when none does).
    fn complete(&self, form: &mut Form) {
        let Some(field) = completing(form) else {
            return;
        };
        let used = self.used(field);
        let typed = form.text(field);
        let next = match used.iter().position(|v| *v == typed.trim()) {
            Some(i) => used.get((i + 1) % used.len()),
            None => used
                .iter()
                .find(|v| v.starts_with(typed.trim()))
                .or(used.first()),
        };
        if let Some(value) = next {
            form.set_text(field, value);
        }
    }

    pub fn mode(&self) -> Mode {
        if self.ask.is_some() {
            return Mode::Confirm;
        }
        match &self.form {
            None => Mode::Home,
            Some((_, true)) => Mode::Confirm,
            Some((_, false)) => Mode::Form,
        }
    }

    fn open_form(&mut self) {
        let ui = ui(self.lang);
        let mut fields = vec![
            (
                NewRecordField::Unit,
                Field::text(ui.f_unit, &self.last.unit),
            ),
            (
                NewRecordField::Round,
                Field::text(ui.f_round, &self.last.round),
            ),
            (
                NewRecordField::Group,
                Field::text(ui.f_group, &self.last.group),
            ),
            (
                NewRecordField::Inspector,
                Field::text(ui.f_inspector, &self.last.inspector),
            ),
            (
                NewRecordField::UnitType,
                Field::choice(
                    ui.f_unit_type,
                    std::iter::once(ui.unit_type_unsaid.to_string())
                        .chain(UnitType::ALL.iter().map(|u| u.label(self.lang).to_string()))
                        .collect(),
                    self.last
                        .unit_type
                        .and_then(|u| UnitType::ALL.iter().position(|x| *x == u))
                        .map_or(0, |i| i + 1),
                ),
            ),
        ];
        for (i, (id, title, default)) in self.checklists.iter().enumerate() {
            let on = if self.last.checklists.is_empty() {
                *default
            } else {
                self.last.checklists.contains(id)
            };
            fields.push((NewRecordField::Checklist(i), Field::toggle(title, on)));
        }
        self.form = Some((Form::new(ui.new_title, fields), false));
    }

    /// What the new-record form holds now.
    fn values(&self, form: &Form) -> NewRecord {
        NewRecord {
            unit: form.text(NewRecordField::Unit).trim().to_string(),
            round: form.text(NewRecordField::Round).trim().to_string(),
            group: form.text(NewRecordField::Group).trim().to_string(),
            inspector: form.text(NewRecordField::Inspector).trim().to_string(),
            unit_type: form
                .choice(NewRecordField::UnitType)
                .checked_sub(1)
                .and_then(|i| UnitType::ALL.get(i).copied()),
            checklists: self
                .checklists
                .iter()
                .enumerate()
                .filter(|(i, _)| form.toggle(NewRecordField::Checklist(*i)))
                .map(|(_, (id, _, _))| id.clone())
                .collect(),
        }
    }

    /// The values of a new-record form that was being filled in, to be remembered when the
    /// program ends before it is saved (next time the form opens with them).
    pub fn draft(&self) -> Option<NewRecord> {
        let (form, _) = self.form.as_ref()?;
        form.changed().then(|| self.values(form))
    }

    /// Handle an action in the current mode. Nothing here changes a file: opening, creating
    /// and refreshing are effects. `now` is unused (the list shows times the runtime read).
    pub fn update(&mut self, action: Action, _now: Timestamp) -> Vec<Effect> {
        self.message = None;
        self.update_inner(action).into_iter().collect()
    }

    fn update_inner(&mut self, action: Action) -> Option<Effect> {
        if let Some(ask) = self.ask.take() {
            return match (action, ask) {
                (Action::Yes, Ask::Trash(path)) => Some(Effect::Trash(path)),
                (Action::Yes, Ask::Duplicate(new, _)) => {
                    self.form = None;
                    self.last = new.clone();
                    Some(Effect::Create(new))
                }
                _ => None,
            };
        }
        if let Some((mut form, confirming)) = self.form.take() {
            if confirming {
                if action != Action::Yes {
                    self.form = Some((form, false));
                }
                return None;
            }
            match action {
                Action::Save => {
                    let new = self.values(&form);
                    let missing =
                        new.unit.is_empty() || new.round.is_empty() || new.inspector.is_empty();
                    if missing || (new.checklists.is_empty() && !self.checklists.is_empty()) {
                        let ui = ui(self.lang);
                        let why = if missing {
                            ui.required
                        } else {
                            ui.need_a_checklist
                        };
                        self.message = Some(why.to_string());
                        self.form = Some((form, false));
                        return None;
                    }
                    let same = self.rows.iter().find(|r| {
                        (&r.unit, &r.round, &r.inspector) == (&new.unit, &new.round, &new.inspector)
                    });
                    if let Some(there) = same {
                        self.ask = Some(Ask::Duplicate(new, there.path.clone()));
                        self.form = Some((form, false));
                        return None;
                    }
                    self.last = new.clone();
                    return Some(Effect::Create(new));
                }
                Action::Complete => {
                    self.complete(&mut form);
                    self.form = Some((form, false));
                }
                Action::Cancel => {
                    if form.changed() {
                        self.form = Some((form, true));
                    }
                }
                Action::NextField => {
                    form.next_field();
                    self.form = Some((form, false));
                }
                Action::PrevField => {
                    form.prev_field();
                    self.form = Some((form, false));
                }
                _ => self.form = Some((form, false)),
            }
            return None;
        }
        let n = self.rows.len();
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::First => self.selected = 0,
            Action::Last => self.selected = n.saturating_sub(1),
            Action::Open => {
                return self
                    .rows
                    .get(self.selected)
                    .map(|r| Effect::Open(r.path.clone()));
            }
            Action::NewRecord => self.open_form(),
            Action::Trash => {
                self.ask = self
                    .rows
                    .get(self.selected)
                    .map(|r| Ask::Trash(r.path.clone()));
            }
            Action::Refresh => return Some(Effect::Refresh),
            _ => {}
        }
        None
    }

    pub fn input(&mut self, key: KeyEvent) {
        if self.ask.is_some() {
            return;
        }
        if let Some((form, false)) = &mut self.form {
            form.input(key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.ask.is_some() {
            return;
        }
        if let Some((form, false)) = &mut self.form {
            form.paste(text);
        }
    }

    pub fn editor_returned(&mut self, text: &str) {
        if let Some((form, false)) = &mut self.form {
            form.replace_focused(text);
        }
    }

    pub fn mouse(&mut self, ev: MouseEvent, area: Rect) {
        if self.form.is_some() || self.ask.is_some() {
            return;
        }
        let list = view::layout(area).1;
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left)
                if ev.row > list.y && ev.row < list.y + list.height.saturating_sub(1) =>
            {
                let i = list_offset(self.selected, list) + usize::from(ev.row - list.y - 1);
                if i < self.rows.len() {
                    self.selected = i;
                }
            }
            MouseEventKind::ScrollDown => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
            }
            MouseEventKind::ScrollUp => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
    }
}

/// The unit or round field `form`'s caret is in, if it is in one.
fn completing(form: &Form) -> Option<NewRecordField> {
    [NewRecordField::Unit, NewRecordField::Round]
        .into_iter()
        .find(|f| form.is_focused(*f))
}
