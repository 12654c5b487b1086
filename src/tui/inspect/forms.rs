//! The forms of the inspect screen (note, finding, source, search): their fields by name,
//! opening them with the values they edit, their keys and what committing one does.

use crate::model::{Category, Note, Receiver, Responsibility, Timestamp};
use crate::tui::effect::Effect;
use crate::tui::form::{Field, FieldName, Form};
use crate::tui::keymap::Action;

use super::{Inspect, Overlay};

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

    /// The note form, new or editing `existing`; refused on a look, which takes no note of its
    /// own (one written there by an earlier version stays, and may be deleted).
    pub(super) fn open_note(&mut self, existing: Option<&Note>) {
        if self.refuse_on_look() {
            return;
        }
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

    /// The finding form of the selected item, once it is marked 发现问题 or 存疑待核; refused on
    /// a look, whose findings are those of the items it lists.
    pub(super) fn open_finding(&mut self) {
        if self.refuse_on_look() {
            return;
        }
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
}
