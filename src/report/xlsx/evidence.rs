//! 证据: one row per evidence note.

use std::collections::HashMap;

use super::sheet::{
    Cell, Field, MEDIUM, NARROW, RowKind, Rows, Sheet, WIDE, WIDEST, field, internal,
};
use super::{labels, shown_in_order};
use crate::model::Catalog;
use crate::model::review::ItemIndex;
use crate::report::Input;

/// One note as the sheet shows it. The feedback version fills only the fields of the columns
/// it has (the rest stay empty, and their columns are [`internal`]).
#[derive(Default)]
struct NoteRow<'a> {
    /// The 序号 of the problem the note's answer is part of.
    number: Option<usize>,
    unit: &'a str,
    round: &'a str,
    inspector: &'a str,
    checklist: &'a str,
    section: &'a str,
    item: &'a str,
    status: &'a str,
    code: &'a str,
    kind: &'a str,
    reference: &'a str,
    at: String,
    text: &'a str,
    people: &'a str,
    figures: &'a str,
}

/// The 证据 sheet's rows are [`NoteRow`]s.
struct Notes;

impl RowKind for Notes {
    type Row<'a> = NoteRow<'a>;
}

/// The columns, in order: the feedback version has those that are not [`internal`] (no
/// inspector, status, private reference, time or people).
fn fields(input: &Input<'_>) -> Vec<Field<Notes>> {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    vec![
        field(l.problem_number, NARROW, |r| {
            r.number.map_or(Cell::Empty, Cell::from)
        }),
        field(s.unit, MEDIUM, |r| r.unit.into()),
        field(s.round, NARROW, |r| r.round.into()),
        internal(s.inspector, NARROW, |r| r.inspector.into()),
        field(h.checklist, MEDIUM, |r| r.checklist.into()),
        field(h.section, MEDIUM, |r| r.section.into()),
        field(h.item, WIDE, |r| r.item.into()),
        internal(h.status, NARROW, |r| r.status.into()),
        field(l.source_code, NARROW, |r| r.code.into()),
        field(l.source_kind, NARROW + 2.0, |r| r.kind.into()),
        internal(l.source_reference, MEDIUM, |r| r.reference.into()),
        internal(l.at, NARROW + 6.0, |r| r.at.as_str().into()),
        field(l.text, WIDEST, |r| r.text.into()),
        internal(s.report.people, MEDIUM, |r| r.people.into()),
        field(s.report.figures, WIDE, |r| r.figures.into()),
    ]
}

/// Every note of every answer of the selected records, by record, then by item in catalog
/// order; a note of a finding carries its problem's 序号.
pub(super) fn full_evidence(
    input: &Input<'_>,
    catalog: &Catalog,
    numbers: &HashMap<usize, usize>,
) -> Sheet {
    let lang = input.options.lang;
    let review = &input.review;
    let mut rows = Rows::new(fields(input), false);
    // (unit index, item key) → 序号
    let by_item: HashMap<(usize, &str), usize> = numbers
        .iter()
        .filter_map(|(&ei, &n)| {
            review
                .entries
                .get(ei)
                .map(|e| ((e.unit, e.item.key.as_str()), n))
        })
        .collect();
    let index = ItemIndex::new(catalog);
    for row in &review.records {
        let Some(record) = input.record(row.index) else {
            continue;
        };
        let mut answers: Vec<(&String, &crate::model::Answer, _)> = record
            .answers
            .iter()
            .filter(|(_, a)| !a.notes.is_empty())
            .map(|(k, a)| (k, a, index.item(k)))
            .collect();
        answers.sort_by_key(|(k, _, item)| (item.orphan, item.position, (*k).clone()));
        for (key, answer, item) in answers {
            // A 三看 look's state is rolled up from what it rests on, whatever an earlier
            // version stored on it.
            let status = match catalog.resolve(key) {
                Some((t, _, it)) if !it.refs.is_empty() => {
                    catalog.rolled_up(&t.id, it, |k| record.status(k))
                }
                _ => answer.status,
            };
            let number = if answer.status.has_finding() {
                by_item.get(&(row.unit_index, key.as_str())).copied()
            } else {
                None
            };
            for note in &answer.notes {
                let source = (!note.source.is_empty())
                    .then(|| record.source(&note.source))
                    .flatten();
                rows.push(&NoteRow {
                    number,
                    unit: &row.unit,
                    round: &row.round,
                    inspector: &row.inspector,
                    checklist: &item.template_title,
                    section: &item.section_title,
                    item: if item.orphan { key } else { &item.item_text },
                    status: status.label(lang),
                    code: &note.source,
                    kind: source.map(|src| src.kind.label(lang)).unwrap_or_default(),
                    reference: source.map(|src| src.reference.as_str()).unwrap_or_default(),
                    at: crate::report::when(note.at),
                    text: note.text.trim(),
                    people: &note.people,
                    figures: &note.figures,
                });
            }
        }
    }
    rows.sheet()
}

/// The notes the feedback version shows: material sources only, without time or people.
pub(super) fn feedback_evidence(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let lang = input.options.lang;
    let review = &input.review;
    let mut rows = Rows::new(fields(input), true);
    for (n, e, shown) in shown_in_order(input, numbers) {
        let (unit, round) = review
            .units
            .get(e.unit)
            .map_or(("", ""), |u| (u.key.unit.as_str(), u.key.round.as_str()));
        for note in &shown.notes {
            rows.push(&NoteRow {
                number: Some(n),
                unit,
                round,
                checklist: &e.item.template_title,
                section: &e.item.section_title,
                item: if e.item.orphan { "" } else { &e.item.item_text },
                code: &note.note.source,
                kind: note.kind.label(lang),
                text: note.note.text.trim(),
                figures: &note.note.figures,
                ..NoteRow::default()
            });
        }
    }
    rows.sheet()
}
