//! Committing a form of the inspect screen: a note, a finding, a source or a search applied to
//! the record through `mutate` (one undo step each), or the form sent back with its error.

use chrono::NaiveDateTime;

use crate::model::{
    Category, Finding, Note, Receiver, Responsibility, Role, Source, SourceKind, Timestamp,
};
use crate::tui::form::Form;

use super::forms::*;
use super::{Inspect, Overlay, Pane, Touch};

impl Inspect {
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
