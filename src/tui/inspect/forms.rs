//! The forms of the inspect screen (note, finding, source, search): their fields by name,
//! opening them with the values they edit, their keys and what committing one does.

use chrono::NaiveDateTime;

use crate::model::{
    Category, Finding, Note, Receiver, Responsibility, Role, Source, SourceKind, Timestamp,
};
use crate::tui::effect::Effect;
use crate::tui::form::{Field, FieldName, Form};
use crate::tui::keymap::Action;

use super::{Inspect, Overlay, Pane, Touch};

/// The fields of the evidence-note form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    Source,
    People,
    Figures,
}

/// The fields of the finding form (the 问题底稿).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingField {
    Title,
    Statement,
    People,
    Figures,
    Basis,
    Category,
    Transfer,
    /// 接收单位 of a clue to transfer (shown while [`FindingField::Transfer`] is ticked): none
    /// (待定) or one of [`Receiver::ALL`].
    Receiver,
    /// The named 职能部门 (shown while the receiver is [`Receiver::Department`]).
    ReceiverName,
    /// 反馈稿表述: the wording for the feedback version, in place of the statement.
    FeedbackText,
    /// The 问题底稿 fields: 编号, 发现过程, 责任类型, and the leading-cadre mark.
    Number,
    Process,
    Responsibility,
    LeadingCadre,
}

/// The fields of the source form (new or edited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceField {
    Kind,
    Code,
    Reference,
    Time,
    /// 谈话对象: none, or one of the interviewee roles.
    Role,
}

/// The one field of the form that asks whose 谈话提纲 to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineField {
    Role,
}

/// The one field of the search line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    Query,
}

macro_rules! field_names {
    ($($t:ty),*) => {$(
        impl FieldName for $t {
            fn id(self) -> usize {
                self as usize
            }
        }
    )*};
}
field_names!(
    NoteField,
    FindingField,
    SourceField,
    SearchField,
    OutlineField
);

/// What a form on this screen is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Note {
        key: String,
        id: Option<u32>,
        /// A source code the note names but the record does not define: offered as a choice
        /// of its own so that editing the note does not erase it.
        unknown_source: String,
    },
    Finding {
        key: String,
    },
    Source {
        suggested: String,
        /// The code of the source being edited; `None` for a new source.
        editing: Option<String>,
    },
    Search,
    /// Which interviewee's 谈话提纲 to show.
    OutlineRole,
}

pub struct FormOverlay {
    pub purpose: Purpose,
    pub form: Form,
    /// Asking whether to discard changes.
    pub confirming: bool,
}

impl Inspect {
    pub(super) fn source_options(&self) -> Vec<String> {
        let mut options = vec![self.ui().none.to_string()];
        options.extend(
            self.record
                .sources
                .iter()
                .map(|s| format!("{} {}", s.code, s.kind.label(self.lang))),
        );
        options
    }

    pub(super) fn open_note(&mut self, existing: Option<&Note>) {
        let ui = self.ui();
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(key) = self.selected_key() else {
            self.warn(ui.no_item_selected);
            return;
        };
        let source = existing.map_or(self.current_source.clone().unwrap_or_default(), |n| {
            n.source.clone()
        });
        let mut options = self.source_options();
        let known = self.record.sources.iter().position(|s| s.code == source);
        let unknown_source = if known.is_none() && !source.is_empty() {
            options.push(format!("{source} (?)"));
            source.clone()
        } else {
            String::new()
        };
        let source_idx = match known {
            Some(p) => p + 1,
            None if !unknown_source.is_empty() => options.len() - 1,
            None => 0,
        };
        let form = Form::new(
            if existing.is_some() {
                ui.note_title_edit
            } else {
                ui.note_title_new
            },
            vec![
                (
                    NoteField::Text,
                    Field::multiline(ui.f_text, existing.map_or("", |n| n.text.as_str())),
                ),
                (
                    NoteField::Source,
                    Field::choice(ui.f_source, options, source_idx),
                ),
                (
                    NoteField::People,
                    Field::text(ui.f_people, existing.map_or("", |n| n.people.as_str())),
                ),
                (
                    NoteField::Figures,
                    Field::text(ui.f_figures, existing.map_or("", |n| n.figures.as_str())),
                ),
            ],
        );
        if existing.is_none() && source_idx == 0 {
            // the form's source field says 无; say why it matters before the note is written
            self.warn(ui.note_without_source);
        }
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            purpose: Purpose::Note {
                key,
                id: existing.map(|n| n.id),
                unknown_source,
            },
            form,
            confirming: false,
        }));
    }

    pub(super) fn selected_note(&self) -> Option<Note> {
        let key = self.selected_key()?;
        self.record.answer(&key)?.notes.get(self.note_sel).cloned()
    }

    pub(super) fn edit_selected_note(&mut self) {
        match self.selected_note() {
            Some(n) => self.open_note(Some(&n)),
            None => self.warn(self.ui().no_note_selected),
        }
    }

    pub(super) fn delete_selected_note(&mut self) {
        if self.read_only.is_some() {
            self.warn(self.ui().read_only_blocked);
            return;
        }
        match (self.selected_key(), self.selected_note()) {
            (Some(key), Some(n)) => self.overlay = Overlay::ConfirmDelete { key, id: n.id },
            _ => self.warn(self.ui().no_note_selected),
        }
    }

    pub(super) fn open_finding(&mut self) {
        let ui = self.ui();
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(entry) = self.selected_entry() else {
            self.warn(ui.no_item_selected);
            return;
        };
        let key = self.key_of(&entry);
        let answer = self.record.answer(&key).cloned().unwrap_or_default();
        if !answer.status.has_finding() {
            self.warn(ui.need_finding_status);
            return;
        }
        let f = answer.finding.unwrap_or_default();
        let default_label = match self.item_of(&entry) {
            Some(item) => (ui.item_default_is)(item.category.label(self.lang)),
            None => ui.item_default.to_string(),
        };
        let mut options = vec![default_label];
        options.extend(Category::ALL.iter().map(|c| c.label(self.lang).to_string()));
        let cat_idx = f
            .category
            .and_then(|c| Category::ALL.iter().position(|x| *x == c))
            .map_or(0, |p| p + 1);
        let mut responsibilities = vec![ui.f_responsibility_unset.to_string()];
        responsibilities.extend(
            Responsibility::ALL
                .iter()
                .map(|r| r.label(self.lang).to_string()),
        );
        let resp_idx = f
            .responsibility
            .and_then(|r| Responsibility::ALL.iter().position(|x| *x == r))
            .map_or(0, |p| p + 1);
        let mut receivers = vec![ui.receiver_undecided.to_string()];
        receivers.extend(Receiver::ALL.iter().map(|r| r.label(self.lang).to_string()));
        let receiver_idx = f
            .receiver
            .and_then(|r| Receiver::ALL.iter().position(|x| *x == r))
            .map_or(0, |p| p + 1);
        let department = Receiver::ALL
            .iter()
            .position(|r| *r == Receiver::Department)
            .map_or(0, |p| p + 1);
        let form = Form::new(
            ui.finding_title,
            vec![
                (FindingField::Title, Field::text(ui.f_title, &f.title)),
                (
                    FindingField::Statement,
                    Field::multiline(ui.f_statement, &f.statement),
                ),
                (FindingField::People, Field::text(ui.f_people, &f.people)),
                (FindingField::Figures, Field::text(ui.f_figures, &f.figures)),
                (FindingField::Basis, Field::multiline(ui.f_basis, &f.basis)),
                (
                    FindingField::Category,
                    Field::choice(ui.f_category, options, cat_idx),
                ),
                (
                    FindingField::Transfer,
                    Field::toggle(ui.f_transfer, f.transfer),
                ),
                (
                    FindingField::Receiver,
                    Field::choice(ui.f_receiver, receivers, receiver_idx)
                        .when_on(FindingField::Transfer),
                ),
                (
                    FindingField::ReceiverName,
                    Field::text(ui.f_receiver_name, &f.receiver_name)
                        .when_chosen(FindingField::Receiver, department),
                ),
                (
                    FindingField::FeedbackText,
                    Field::multiline(
                        ui.f_feedback_text,
                        f.feedback_text.as_deref().unwrap_or_default(),
                    ),
                ),
                (FindingField::Number, Field::text(ui.f_number, &f.number)),
                (
                    FindingField::Process,
                    Field::multiline(ui.f_process, &f.process),
                ),
                (
                    FindingField::Responsibility,
                    Field::choice(ui.f_responsibility, responsibilities, resp_idx),
                ),
                (
                    FindingField::LeadingCadre,
                    Field::toggle(ui.f_leading_cadre, f.leading_cadre),
                ),
            ],
        );
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            purpose: Purpose::Finding { key },
            form,
            confirming: false,
        }));
    }

    pub(super) fn update_form(
        &mut self,
        mut f: FormOverlay,
        action: Action,
        now: Timestamp,
    ) -> Option<Effect> {
        if f.confirming {
            match action {
                Action::Yes => {}
                _ => {
                    f.confirming = false;
                    self.overlay = Overlay::Form(Box::new(f));
                }
            }
            return None;
        }
        match action {
            Action::Save | Action::Open => {
                if let Err(f) = self.commit_form(f, false, now) {
                    self.overlay = Overlay::Form(Box::new(*f));
                }
            }
            Action::Down | Action::Up if f.purpose == Purpose::Search => {
                // Move through the results while typing.
                let n = self.entries().len();
                self.item_sel = if action == Action::Down {
                    (self.item_sel + 1).min(n.saturating_sub(1))
                } else {
                    self.item_sel.saturating_sub(1)
                };
                self.detail.home();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::Cancel => {
                if f.purpose == Purpose::Search {
                    // The search goes; the cursor stays on the item it found.
                    let key = self.selected_key();
                    self.search.clear();
                    self.item_sel = 0;
                    if let Some(key) = key {
                        self.select_key(&key);
                    }
                } else if f.form.changed() && f.purpose != Purpose::OutlineRole {
                    // (choosing whose outline to show has nothing to lose)
                    f.confirming = true;
                    self.overlay = Overlay::Form(Box::new(f));
                }
            }
            Action::NextField => {
                f.form.next_field();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::PrevField => {
                f.form.prev_field();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::ExternalEditor if f.form.focused_multiline() => {
                let text = f.form.focused_text();
                self.overlay = Overlay::Form(Box::new(f));
                return Some(Effect::ExternalEditor(text));
            }
            _ => self.overlay = Overlay::Form(Box::new(f)),
        }
        None
    }

    /// The program is ending (Ctrl+C, a signal, the terminal gone) with a form open: keep what
    /// was typed — a note, a finding, a source — rather than lose it. A form that does not
    /// validate (an empty note) has nothing worth keeping.
    pub fn keep_open_form(&mut self, now: Timestamp) {
        if let Overlay::Form(f) = std::mem::replace(&mut self.overlay, Overlay::None) {
            if matches!(f.purpose, Purpose::Search | Purpose::OutlineRole) || !f.form.changed() {
                self.overlay = Overlay::Form(f);
            } else if let Err(f) = self.commit_form(*f, true, now) {
                self.overlay = Overlay::Form(f);
            }
        }
    }

    /// Apply a form. On a validation error the form comes back to stay open.
    /// `forced`: the program is ending, so keep whatever can be kept rather than refuse (a
    /// note with only people or figures, a source with a taken code or a bad time).
    pub(super) fn commit_form(
        &mut self,
        f: FormOverlay,
        forced: bool,
        now: Timestamp,
    ) -> Result<(), Box<FormOverlay>> {
        let ui = self.ui();
        let form = &f.form;
        match &f.purpose {
            Purpose::OutlineRole => self.show_outline(chosen_role(form)),
            Purpose::Search => {
                // Enter keeps the search and the result the cursor is on.
                self.search = form.text(SearchField::Query).trim().to_string();
                self.focus = Pane::Items;
            }
            Purpose::Note {
                key,
                id,
                unknown_source,
            } => {
                let text = form.text(NoteField::Text);
                let (people, figures) =
                    (form.text(NoteField::People), form.text(NoteField::Figures));
                let anything = !people.is_empty() || !figures.is_empty();
                if text.trim().is_empty() && !(forced && anything) {
                    self.warn(ui.empty_note);
                    return Err(Box::new(f));
                }
                let source = match form.choice(NoteField::Source) {
                    0 => String::new(),
                    n => self
                        .record
                        .sources
                        .get(n - 1)
                        .map_or_else(|| unknown_source.clone(), |s| s.code.clone()),
                };
                let key = key.clone();
                let id = *id;
                let new_id = self.record.next_note_id();
                let mut new_index = None;
                let what = if id.is_some() {
                    ui.did_note_edited
                } else {
                    ui.did_note_added
                };
                let what = self.did(what, &key);
                self.mutate(what, now, Touch::Answer(key.clone()), |r| {
                    let a = r.answers.entry(key).or_default();
                    a.updated = Some(now);
                    match id.and_then(|id| a.notes.iter_mut().find(|n| n.id == id)) {
                        Some(n) => {
                            n.text = text;
                            n.source = source;
                            n.people = people;
                            n.figures = figures;
                        }
                        None => {
                            a.notes.push(Note {
                                id: new_id,
                                at: now,
                                source,
                                text,
                                people,
                                figures,
                            });
                            new_index = Some(a.notes.len() - 1);
                        }
                    }
                });
                if let Some(i) = new_index {
                    self.note_sel = i;
                    // A note just added is scrolled into view.
                    self.detail.follow();
                }
            }
            Purpose::Finding { key } => {
                let category = match form.choice(FindingField::Category) {
                    0 => None,
                    n => Category::ALL.get(n - 1).copied(),
                };
                // A receiver only for a clue to transfer, a name only for a 职能部门.
                let transfer = form.toggle(FindingField::Transfer);
                let receiver = match form.choice(FindingField::Receiver) {
                    n if transfer && n > 0 => Receiver::ALL.get(n - 1).copied(),
                    _ => None,
                };
                let receiver_name = if receiver == Some(Receiver::Department) {
                    form.text(FindingField::ReceiverName).trim().to_string()
                } else {
                    String::new()
                };
                let finding = Finding {
                    title: form.text(FindingField::Title),
                    statement: form.text(FindingField::Statement),
                    feedback_text: Some(form.text(FindingField::FeedbackText))
                        .filter(|t| !t.trim().is_empty()),
                    people: form.text(FindingField::People),
                    figures: form.text(FindingField::Figures),
                    basis: form.text(FindingField::Basis),
                    category,
                    transfer,
                    number: form.text(FindingField::Number).trim().to_string(),
                    process: form.text(FindingField::Process),
                    responsibility: match form.choice(FindingField::Responsibility) {
                        0 => None,
                        n => Responsibility::ALL.get(n - 1).copied(),
                    },
                    leading_cadre: form.toggle(FindingField::LeadingCadre),
                    receiver,
                    receiver_name,
                };
                let key = key.clone();
                let what = self.did(ui.did_finding, &key);
                self.mutate(what, now, Touch::Answer(key.clone()), |r| {
                    let a = r.answers.entry(key).or_default();
                    a.updated = Some(now);
                    a.finding = Some(finding);
                });
            }
            Purpose::Source { editing, .. } => {
                let kind = SourceKind::ALL
                    .get(form.choice(SourceField::Kind))
                    .copied()
                    .unwrap_or(SourceKind::Other);
                let mut code = form.text(SourceField::Code).trim().to_string();
                let original = editing.clone();
                // another source has this code (the source being edited may keep its own)
                let taken = |me: &Self, code: &str| {
                    original.as_deref() != Some(code) && me.record.source(code).is_some()
                };
                if forced && original.is_some() && (code.is_empty() || taken(self, &code)) {
                    code = original.clone().unwrap_or_default();
                }
                if forced && (code.is_empty() || taken(self, &code)) {
                    code = self.record.suggest_source_code(kind);
                }
                if code.is_empty() {
                    self.warn(ui.code_empty);
                    return Err(Box::new(f));
                }
                if taken(self, &code) {
                    self.warn(ui.code_taken);
                    return Err(Box::new(f));
                }
                if let Some(old) = &original
                    && *old != code
                {
                    let citing = self.notes_citing(old);
                    if citing > 0 {
                        if !forced {
                            self.warn(&(ui.source_code_cited)(citing));
                            return Err(Box::new(f));
                        }
                        code = old.clone();
                    }
                }
                let reference = form.text(SourceField::Reference);
                if reference.trim().is_empty() && !forced {
                    // a source nobody can trace back is useless evidence
                    self.warn(ui.reference_empty);
                    return Err(Box::new(f));
                }
                let time = form.text(SourceField::Time);
                let at = if time.trim().is_empty() {
                    None
                } else {
                    match parse_local_time(&time, now) {
                        Some(t) => Some(t),
                        None if forced => None,
                        None => {
                            self.warn(ui.bad_time);
                            return Err(Box::new(f));
                        }
                    }
                };
                let role = form
                    .choice(SourceField::Role)
                    .checked_sub(1)
                    .and_then(|n| Role::ALL.get(n).copied());
                let source = Source {
                    code: code.clone(),
                    kind,
                    reference,
                    at,
                    role,
                };
                let place = original
                    .as_deref()
                    .and_then(|o| self.record.sources.iter().position(|s| s.code == o));
                match (original, place) {
                    (Some(old), Some(i)) => {
                        let what = format!("{} {code}", ui.did_source_edited);
                        if self.mutate(what, now, Touch::Sources, |r| {
                            if let Some(s) = r.sources.get_mut(i) {
                                *s = source;
                            }
                        }) && self.current_source.as_deref() == Some(old.as_str())
                        {
                            self.current_source = Some(code);
                        }
                        self.overlay = Overlay::Sources { selected: i };
                    }
                    _ => {
                        let what = format!("{} {code}", ui.did_source_added);
                        if self.mutate(what, now, Touch::Sources, |r| r.sources.push(source)) {
                            self.current_source = Some(code);
                        }
                        let selected = self.record.sources.len().saturating_sub(1);
                        self.overlay = Overlay::Sources { selected };
                    }
                }
            }
        }
        Ok(())
    }
}

/// The role chosen in the form that asks whose 谈话提纲 to show.
pub(super) fn chosen_role(form: &Form) -> Role {
    Role::ALL
        .get(form.choice(OutlineField::Role))
        .copied()
        .unwrap_or(Role::Secretary)
}

/// `2026-11-26 09:30` in the offset of `now` (the local one).
fn parse_local_time(s: &str, now: Timestamp) -> Option<Timestamp> {
    let naive = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M").ok()?;
    let offset = *now.0.offset();
    naive.and_local_timezone(offset).single().map(Timestamp)
}
