//! The sources popup: choosing the current source, adding, editing and deleting a source
//! (only one no note cites), and showing its private reference on purpose.

use crate::model::{Role, SourceKind, Timestamp};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;

use super::{FormOverlay, Inspect, Overlay, Purpose, SourceField, Touch};

impl Inspect {
    pub(super) fn update_sources(&mut self, selected: usize, action: Action, now: Timestamp) {
        let n = self.record.sources.len();
        match action {
            Action::Up => {
                self.overlay = Overlay::Sources {
                    selected: selected.saturating_sub(1),
                }
            }
            Action::Down => {
                self.overlay = Overlay::Sources {
                    selected: (selected + 1).min(n.saturating_sub(1)),
                }
            }
            Action::Open => {
                if let Some(s) = self.record.sources.get(selected) {
                    self.current_source = Some(s.code.clone());
                }
            }
            Action::ClearSource => {
                self.current_source = None;
                self.overlay = Overlay::Sources { selected };
            }
            Action::AddSource => {
                if self.read_only.is_some() {
                    self.warn(self.ui().read_only_blocked);
                    self.overlay = Overlay::Sources { selected };
                    return;
                }
                let ui = self.ui();
                let kind = SourceKind::Interview;
                let suggested = self.record.suggest_source_code(kind);
                let kinds = SourceKind::ALL
                    .iter()
                    .map(|k| k.label(self.lang).to_string())
                    .collect();
                let form = Form::new(
                    ui.source_new,
                    vec![
                        (SourceField::Kind, Field::choice(ui.f_kind, kinds, 1)),
                        (SourceField::Code, Field::text(ui.f_code, &suggested)),
                        (SourceField::Reference, Field::text(ui.f_reference, "")),
                        (
                            SourceField::Time,
                            Field::text(ui.f_time, &now.0.format("%Y-%m-%d %H:%M").to_string()),
                        ),
                        (
                            SourceField::Role,
                            Field::choice(ui.f_role, self.role_options(), 0),
                        ),
                    ],
                );
                self.overlay = Overlay::Form(Box::new(FormOverlay {
                    purpose: Purpose::Source {
                        suggested,
                        editing: None,
                    },
                    form,
                    confirming: false,
                }));
            }
            Action::EditSource => self.open_source_edit(selected),
            Action::DeleteSource => {
                self.overlay = Overlay::Sources { selected };
                self.delete_source(selected, now);
            }
            Action::RevealReference => {
                let code = self.record.sources.get(selected).map(|s| s.code.clone());
                self.revealed = if self.revealed == code { None } else { code };
                self.overlay = Overlay::Sources { selected };
            }
            Action::Back | Action::Cancel => {}
            _ => self.overlay = Overlay::Sources { selected },
        }
    }

    /// How many notes, in every answer, cite the source `code`.
    pub(super) fn notes_citing(&self, code: &str) -> usize {
        self.record
            .answers
            .values()
            .flat_map(|a| &a.notes)
            .filter(|n| n.source == code)
            .count()
    }

    /// Delete the selected source, only if no note cites it (else say how many do). Undone
    /// like any change to the sources.
    pub(super) fn delete_source(&mut self, selected: usize, now: Timestamp) {
        let ui = self.ui();
        let Some(code) = self.record.sources.get(selected).map(|s| s.code.clone()) else {
            return;
        };
        let citing = self.notes_citing(&code);
        if citing > 0 {
            self.warn(&(ui.source_cited)(citing));
            return;
        }
        let what = format!("{} {code}", ui.did_source_deleted);
        if self.mutate(what, now, Touch::Sources, |r| {
            r.sources.retain(|s| s.code != code);
        }) {
            if self.current_source.as_deref() == Some(code.as_str()) {
                self.current_source = None;
            }
            let n = self.record.sources.len();
            self.overlay = Overlay::Sources {
                selected: selected.min(n.saturating_sub(1)),
            };
        }
    }

    /// The choices of a source's 谈话对象: none, then the roles.
    fn role_options(&self) -> Vec<String> {
        let mut options = vec![self.ui().none.to_string()];
        options.extend(Role::ALL.iter().map(|r| r.label(self.lang).to_string()));
        options
    }

    /// The form that edits the selected source: kind, code name, reference, time, 谈话对象.
    pub(super) fn open_source_edit(&mut self, selected: usize) {
        let ui = self.ui();
        self.overlay = Overlay::Sources { selected };
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(source) = self.record.sources.get(selected).cloned() else {
            return;
        };
        let kinds = SourceKind::ALL
            .iter()
            .map(|k| k.label(self.lang).to_string())
            .collect();
        let kind = SourceKind::ALL
            .iter()
            .position(|k| *k == source.kind)
            .unwrap_or(0);
        let role = source
            .role
            .and_then(|r| Role::ALL.iter().position(|x| *x == r))
            .map_or(0, |p| p + 1);
        let time = source
            .at
            .map(|t| t.0.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        let form = Form::new(
            ui.source_edit,
            vec![
                (SourceField::Kind, Field::choice(ui.f_kind, kinds, kind)),
                (SourceField::Code, Field::text(ui.f_code, &source.code)),
                (
                    SourceField::Reference,
                    Field::text(ui.f_reference, &source.reference),
                ),
                (SourceField::Time, Field::text(ui.f_time, &time)),
                (
                    SourceField::Role,
                    Field::choice(ui.f_role, self.role_options(), role),
                ),
            ],
        );
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            // no suggestion: the code of an existing source never follows the kind
            purpose: Purpose::Source {
                suggested: String::new(),
                editing: Some(source.code),
            },
            form,
            confirming: false,
        }));
    }
}
